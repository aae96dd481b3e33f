/* keel-board-card.c: one item on the board.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-board-card"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "keel-board-view-private.h"
#include "keel-format.h"

struct _KeelBoardCard
{
  AdwBin         parent_instance;

  /* Template children */
  GtkLabel      *title_label;
  GtkImage      *finding_icon;
  GtkMenuButton *menu_button;
  GtkLabel      *kind_label;
  GtkLabel      *status_label;
  GtkWidget     *evidence_box;
  GtkLabel      *evidence_label;
  GtkWidget     *owner_box;
  GtkLabel      *owner_label;
  GtkLabel      *effort_label;
  GtkLabel      *target_label;

  KeelBoardView *view;      /* unowned: the view outlives its cards */
  KeelItem      *item;
  gulong         item_changed_handler;
  const char    *status_class;
  gboolean       has_marker;
};

G_DEFINE_FINAL_TYPE (KeelBoardCard, keel_board_card, ADW_TYPE_BIN)

/* ---- Helpers ---- */

static void
update_marker (KeelBoardCard *self)
{
  KeelFindingIndex *index = keel_board_view_get_finding_index (self->view);
  KeelSeverity severity;
  g_autofree char *text = NULL;

  self->has_marker = self->item != NULL &&
                     keel_finding_index_get_worst (index, self->item->id, &severity);
  gtk_widget_set_visible (GTK_WIDGET (self->finding_icon), self->has_marker);
  if (!self->has_marker)
    return;

  text = keel_finding_index_describe (index, self->item->id);
  gtk_image_set_from_icon_name (self->finding_icon, keel_format_severity_icon (severity));
  gtk_widget_remove_css_class (GTK_WIDGET (self->finding_icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->finding_icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->finding_icon), "accent");
  gtk_widget_add_css_class (GTK_WIDGET (self->finding_icon),
                            keel_format_severity_css_class (severity));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->finding_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static void
update_accessible (KeelBoardCard *self)
{
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;
  KeelItem *item = self->item;

  if (item == NULL)
    return;

  /* Translators: how a screen reader reads a card: title, kind, status */
  label = g_strdup_printf (_("%s, %s, %s"), item->title,
                           keel_item_kind_to_label (item->kind),
                           keel_status_to_label (item->status));
  description = self->has_marker
    ? keel_finding_index_describe (keel_board_view_get_finding_index (self->view), item->id)
    : NULL;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : "",
                                  -1);
}

/* The tooltips are written when one is about to show (query-tooltip), never when a card
 * is bound: gtk_widget_set_tooltip_text() asks the display where the pointer is (a
 * round trip to the X server), and a card set five of them, so scrolling the board,
 * which binds cards every frame, dropped frames waiting on the server. The same text
 * is the widget's accessible description, as a tooltip's would be. */
static char *
tooltip_text (KeelBoardCard *self,
              GtkWidget     *widget)
{
  KeelItem *item = self->item;

  if (item == NULL)
    return NULL;

  if (widget == GTK_WIDGET (self->title_label))
    return item->description[0] != '\0' ? g_strdup (item->description) : NULL;
  if (widget == GTK_WIDGET (self->finding_icon))
    return self->has_marker
      ? keel_finding_index_describe (keel_board_view_get_finding_index (self->view), item->id)
      : NULL;
  if (widget == self->evidence_box)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u piece of evidence",
                                         "%u pieces of evidence",
                                         item->evidence->len),
                            item->evidence->len);
  if (widget == self->owner_box)
    return g_strdup (item->owner);
  if (widget == GTK_WIDGET (self->effort_label) && item->has_effort_days)
    {
      g_autofree char *number = keel_format_number (item->effort_days);
      return g_strdup_printf (_("Effort: %s days"), number);
    }
  if (widget == GTK_WIDGET (self->target_label) && item->target != NULL)
    {
      g_autofree char *date = keel_format_date (item->target);
      return g_strdup_printf (_("Target date: %s"), date);
    }
  return NULL;
}

static void
update_descriptions (KeelBoardCard *self)
{
  GtkWidget *widgets[] = {
    GTK_WIDGET (self->title_label), self->evidence_box, self->owner_box,
    GTK_WIDGET (self->effort_label), GTK_WIDGET (self->target_label),
  };

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    {
      g_autofree char *text = tooltip_text (self, widgets[i]);

      if (text != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (widgets[i]),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                        -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (widgets[i]),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
update (KeelBoardCard *self)
{
  KeelItem *item = self->item;
  g_autofree char *evidence = NULL;

  if (item == NULL)
    return;

  gtk_label_set_label (self->title_label, item->title);
  gtk_label_set_label (self->kind_label, keel_item_kind_to_label (item->kind));
  gtk_label_set_label (self->status_label, keel_status_to_label (item->status));

  if (self->status_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), self->status_class);
  self->status_class = keel_view_status_css_class (item->status);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), self->status_class);

  if (item->status == KEEL_STATUS_DONE || item->status == KEEL_STATUS_DROPPED)
    gtk_widget_add_css_class (GTK_WIDGET (self), "finished");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "finished");

  evidence = g_strdup_printf ("%u", item->evidence->len);
  gtk_label_set_label (self->evidence_label, evidence);

  gtk_widget_set_visible (self->owner_box, item->owner != NULL);
  gtk_label_set_label (self->owner_label, item->owner != NULL ? item->owner : "");

  gtk_widget_set_visible (GTK_WIDGET (self->effort_label), item->has_effort_days);
  if (item->has_effort_days)
    {
      g_autofree char *number = keel_format_number (item->effort_days);
      /* Translators: an effort in days on a card, "5 d" */
      g_autofree char *text = g_strdup_printf (_("%s d"), number);

      gtk_label_set_label (self->effort_label, text);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->target_label), item->target != NULL);
  if (item->target != NULL)
    {
      g_autofree char *date = keel_format_date (item->target);

      gtk_label_set_label (self->target_label, date);
    }

  update_marker (self);
  update_accessible (self);
  update_descriptions (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.horizon-earlier",
                                 item->horizon > KEEL_HORIZON_NOW);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.horizon-later",
                                 item->horizon < KEEL_HORIZON_LATER);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.dimension-previous",
                                 item->dimension > KEEL_DIMENSION_TECHNOLOGY);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.dimension-next",
                                 item->dimension < KEEL_DIMENSION_INFRASTRUCTURE);
}

/* ---- Callbacks ---- */

static void
item_changed_cb (KeelBoardCard *self)
{
  update (self);
}

static void
findings_changed_cb (KeelBoardCard *self)
{
  update_marker (self);
  update_accessible (self);
}

static gboolean
query_tooltip_cb (GtkWidget     *widget,
                  int            x,
                  int            y,
                  gboolean       keyboard_mode,
                  GtkTooltip    *tooltip,
                  KeelBoardCard *self)
{
  g_autofree char *text = tooltip_text (self, widget);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 KeelBoardCard *self)
{
  if (self->item == NULL)
    return NULL;
  return gdk_content_provider_new_typed (KEEL_TYPE_ITEM, self->item);
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               KeelBoardCard *self)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));
  g_autoptr(GdkPaintable) icon = gdk_paintable_get_current_image (paintable);

  gtk_drag_source_set_icon (source, icon, 12, 12);
  gtk_widget_add_css_class (GTK_WIDGET (self), "dragging");
}

static void
drag_end_cb (GtkDragSource *source,
             GdkDrag       *drag,
             gboolean       delete_data,
             KeelBoardCard *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "dragging");
  _keel_board_view_drag_ended (self->view);
}

/* ---- Actions ---- */

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KeelBoardCard *self = KEEL_BOARD_CARD (widget);

  if (self->item != NULL)
    keel_board_view_edit_item (self->view, self->item->id);
}

static void
move_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KeelBoardCard *self = KEEL_BOARD_CARD (widget);
  const char *target = g_variant_get_string (parameter, NULL);
  g_auto(GStrv) parts = g_strsplit (target, "/", 2);
  KeelDimension dimension;
  KeelHorizon horizon;

  if (self->item == NULL || g_strv_length (parts) != 2 ||
      !keel_dimension_from_string (parts[0], &dimension) ||
      !keel_horizon_from_string (parts[1], &horizon))
    return;

  keel_board_view_move_item_to (self->view, self->item->id, dimension, horizon);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KeelBoardCard *self = KEEL_BOARD_CARD (widget);
  g_autofree char *id = NULL;

  if (self->item == NULL)
    return;

  /* The card may be rebound while the move runs: keep the id. */
  id = g_strdup (self->item->id);
  if (g_str_equal (action_name, "card.move-up"))
    keel_board_view_reorder_item (self->view, id, -1);
  else if (g_str_equal (action_name, "card.move-down"))
    keel_board_view_reorder_item (self->view, id, 1);
  else if (g_str_equal (action_name, "card.horizon-earlier"))
    keel_board_view_shift_item (self->view, id, -1, 0);
  else if (g_str_equal (action_name, "card.horizon-later"))
    keel_board_view_shift_item (self->view, id, 1, 0);
  else if (g_str_equal (action_name, "card.dimension-previous"))
    keel_board_view_shift_item (self->view, id, 0, -1);
  else if (g_str_equal (action_name, "card.dimension-next"))
    keel_board_view_shift_item (self->view, id, 0, 1);
}

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KeelBoardCard *self = KEEL_BOARD_CARD (widget);
  KeelStatus status;

  if (self->item == NULL ||
      !keel_status_from_string (g_variant_get_string (parameter, NULL), &status))
    return;
  keel_board_view_set_item_status (self->view, self->item->id, status);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KeelBoardCard *self = KEEL_BOARD_CARD (widget);
  g_autofree char *id = NULL;

  if (self->item == NULL)
    return;
  id = g_strdup (self->item->id);
  keel_board_view_delete_item (self->view, id);
}

/* ---- Overrides ---- */

static void
keel_board_card_dispose (GObject *object)
{
  KeelBoardCard *self = KEEL_BOARD_CARD (object);

  keel_board_card_set_item (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEEL_TYPE_BOARD_CARD);

  G_OBJECT_CLASS (keel_board_card_parent_class)->dispose (object);
}

static void
keel_board_card_class_init (KeelBoardCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = keel_board_card_dispose;

  keel_view_common_init (NULL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/keelplanner/Keel/board/keel-board-card.ui");
  gtk_widget_class_bind_template_child (widget_class, KeelBoardCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, KeelBoardCard, finding_icon);
  gtk_widget_class_bind_template_child (widget_class, KeelBoardCard, menu_button);
  gtk_widget_class_bind_template_child (widget_class, KeelBoardCard, kind_label);
  gtk_widget_class_bind_template_child (widget_class, KeelBoardCard, status_label);
  gtk_widget_class_bind_template_child (widget_class, KeelBoardCard, evidence_box);
  gtk_widget_class_bind_template_child (widget_class, KeelBoardCard, evidence_label);
  gtk_widget_class_bind_template_child (widget_class, KeelBoardCard, owner_box);
  gtk_widget_class_bind_template_child (widget_class, KeelBoardCard, owner_label);
  gtk_widget_class_bind_template_child (widget_class, KeelBoardCard, effort_label);
  gtk_widget_class_bind_template_child (widget_class, KeelBoardCard, target_label);
  gtk_widget_class_bind_template_callback (widget_class, query_tooltip_cb);

  gtk_widget_class_install_action (widget_class, "card.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "card.move-to", "s", move_to_action);
  gtk_widget_class_install_action (widget_class, "card.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "card.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "card.horizon-earlier", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "card.horizon-later", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "card.dimension-previous", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "card.dimension-next", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "card.set-status", "s", set_status_action);
  gtk_widget_class_install_action (widget_class, "card.delete", NULL, delete_action);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
keel_board_card_init (KeelBoardCard *self)
{
  GtkDragSource *source;

  gtk_widget_init_template (GTK_WIDGET (self));

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (source, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (source));
}

/* ---- Public API ---- */

KeelBoardCard *
keel_board_card_new (KeelBoardView *view)
{
  KeelBoardCard *self = g_object_new (KEEL_TYPE_BOARD_CARD, NULL);

  self->view = view;
  g_signal_connect_object (keel_board_view_get_finding_index (view), "changed",
                           G_CALLBACK (findings_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

KeelItem *
keel_board_card_get_item (KeelBoardCard *self)
{
  g_return_val_if_fail (KEEL_IS_BOARD_CARD (self), NULL);
  return self->item;
}

void
keel_board_card_set_item (KeelBoardCard *self,
                          KeelItem      *item)
{
  g_return_if_fail (KEEL_IS_BOARD_CARD (self));
  g_return_if_fail (item == NULL || KEEL_IS_ITEM (item));

  if (self->item == item)
    return;

  if (self->item != NULL)
    {
      g_clear_signal_handler (&self->item_changed_handler, self->item);
      g_clear_object (&self->item);
    }

  if (item != NULL)
    {
      self->item = g_object_ref (item);
      self->item_changed_handler = g_signal_connect_swapped (item, "changed",
                                                             G_CALLBACK (item_changed_cb), self);
      update (self);
    }
}

gboolean
keel_board_card_has_marker (KeelBoardCard *self)
{
  g_return_val_if_fail (KEEL_IS_BOARD_CARD (self), FALSE);
  return self->has_marker;
}
