/* keel-item-editor.c: the editor of a board item.
 *
 * The editor works on a draft: nothing reaches the project until Save, which applies
 * every changed field as one undoable step (Cancel leaves the project untouched).
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-item-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "keel-editor-common.h"
#include "keel-format.h"
#include "keel-item-editor.h"

struct _KeelItemEditor
{
  AdwWindow         parent_instance;

  /* Template children */
  GtkWidget        *save_button;
  AdwToastOverlay  *toast_overlay;
  AdwEntryRow      *title_row;
  GtkTextView      *description_view;
  AdwComboRow      *dimension_row;
  AdwComboRow      *horizon_row;
  AdwComboRow      *kind_row;
  AdwComboRow      *status_row;
  AdwEntryRow      *effort_row;
  AdwEntryRow      *owner_row;
  GtkMenuButton    *target_button;
  GtkPopover       *target_popover;
  GtkCalendar      *target_calendar;
  KeelLinkGroup    *evidence_group;
  KeelLinkGroup    *debts_group;
  KeelLinkGroup    *depends_group;
  AdwPreferencesGroup *findings_group;
  GtkLabel         *referrers_label;

  KeelProject      *project;
  KeelFindingIndex *findings;
  GtkWidget        *host;         /* weak */
  char             *item_id;
  char             *target;       /* YYYY-MM-DD or NULL */
  GPtrArray        *finding_rows; /* GtkWidget in findings_group */
  gboolean          setting_calendar;
};

G_DEFINE_FINAL_TYPE (KeelItemEditor, keel_item_editor, ADW_TYPE_WINDOW)

/* ---- Helpers ---- */

static void
update_target_button (KeelItemEditor *self)
{
  if (self->target != NULL)
    {
      g_autofree char *text = keel_format_date (self->target);
      gtk_menu_button_set_label (self->target_button, text);
    }
  else
    gtk_menu_button_set_label (self->target_button, _("None"));
}

static void
update_findings (KeelItemEditor *self)
{
  keel_view_fill_findings (self->findings_group, self->finding_rows, self->findings,
                           self->item_id);
}

static void
update_referrers (KeelItemEditor *self)
{
  g_autoptr(GPtrArray) referrers = keel_project_list_referrers (self->project, self->item_id);
  g_autofree char *names = NULL;
  g_autofree char *text = NULL;

  if (referrers == NULL || referrers->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->referrers_label), FALSE);
      return;
    }

  names = keel_view_list_titles (referrers, 5);
  /* Translators: under the Delete button; %s is a list of item titles */
  text = g_strdup_printf (_("Deleting it also removes it from the dependencies of %s."),
                          names);
  gtk_label_set_label (self->referrers_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->referrers_label), TRUE);
}

static void
load_item (KeelItemEditor *self,
           KeelItem       *item)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  g_autofree char *effort = NULL;

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), item->title);
  gtk_text_buffer_set_text (buffer, item->description, -1);
  adw_combo_row_set_selected (self->dimension_row, item->dimension);
  adw_combo_row_set_selected (self->horizon_row, item->horizon);
  adw_combo_row_set_selected (self->kind_row, item->kind);
  adw_combo_row_set_selected (self->status_row, item->status);

  if (item->has_effort_days)
    {
      char buffer_text[G_ASCII_DTOSTR_BUF_SIZE];
      effort = g_strdup (g_ascii_formatd (buffer_text, sizeof buffer_text, "%g", item->effort_days));
    }
  gtk_editable_set_text (GTK_EDITABLE (self->effort_row), effort != NULL ? effort : "");
  gtk_editable_set_text (GTK_EDITABLE (self->owner_row), item->owner != NULL ? item->owner : "");

  g_free (self->target);
  self->target = g_strdup (item->target);
  update_target_button (self);

  keel_link_group_set_ids (self->evidence_group, item->evidence);
  keel_link_group_set_ids (self->debts_group, item->debts);
  keel_link_group_set_ids (self->depends_group, item->depends_on);
}

/* The draft the form describes, or NULL with @error when a field is not valid. */
static KeelItem *
build_draft (KeelItemEditor  *self,
             GError         **error)
{
  KeelItem *item = keel_project_lookup_item (self->project, self->item_id);
  g_autoptr(KeelItem) draft = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;
  g_autofree char *title = NULL;
  gboolean has_effort;
  double effort;

  if (item == NULL)
    {
      g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_UNKNOWN_ID,
                   _("The item no longer exists"));
      return NULL;
    }

  title = keel_editor_get_text (GTK_EDITABLE (self->title_row));
  if (title[0] == '\0')
    {
      g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                   _("An item needs a title"));
      return NULL;
    }
  if (!keel_editor_parse_number (gtk_editable_get_text (GTK_EDITABLE (self->effort_row)),
                                 FALSE, &has_effort, &effort))
    {
      g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                   _("The effort must be a number of days, such as 3 or 2.5"));
      return NULL;
    }

  draft = keel_item_copy (item);
  g_free (draft->title);
  draft->title = g_steal_pointer (&title);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_free (draft->description);
  draft->description = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  draft->dimension = adw_combo_row_get_selected (self->dimension_row);
  draft->horizon = adw_combo_row_get_selected (self->horizon_row);
  draft->kind = adw_combo_row_get_selected (self->kind_row);
  draft->status = adw_combo_row_get_selected (self->status_row);
  draft->has_effort_days = has_effort;
  draft->effort_days = effort;

  g_free (draft->owner);
  draft->owner = keel_editor_get_optional (GTK_EDITABLE (self->owner_row));

  g_free (draft->target);
  draft->target = g_strdup (self->target);

  keel_editor_copy_ids (draft->evidence, keel_link_group_get_ids (self->evidence_group));
  keel_editor_copy_ids (draft->debts, keel_link_group_get_ids (self->debts_group));
  keel_editor_copy_ids (draft->depends_on, keel_link_group_get_ids (self->depends_group));

  return g_steal_pointer (&draft);
}

/* ---- Callbacks ---- */

static void
validate_cb (KeelItemEditor *self)
{
  g_autofree char *title = keel_editor_get_text (GTK_EDITABLE (self->title_row));
  gboolean has_effort;
  double effort;
  gboolean title_ok, effort_ok;

  title_ok = keel_editor_mark_valid (GTK_WIDGET (self->title_row), title[0] != '\0');
  effort_ok = keel_editor_mark_valid (GTK_WIDGET (self->effort_row),
                                      keel_editor_parse_number (gtk_editable_get_text (GTK_EDITABLE (self->effort_row)),
                                                                FALSE, &has_effort, &effort));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", title_ok && effort_ok);
}

static void
entry_activated_cb (KeelItemEditor *self)
{
  keel_item_editor_save (self);
}

static void
target_day_selected_cb (KeelItemEditor *self,
                        GtkCalendar    *calendar)
{
  if (self->setting_calendar)
    return;

  g_free (self->target);
  self->target = keel_editor_calendar_get_day (calendar);
  update_target_button (self);
  gtk_popover_popdown (self->target_popover);
}

static void
target_clear_cb (KeelItemEditor *self)
{
  g_clear_pointer (&self->target, g_free);
  update_target_button (self);
  gtk_popover_popdown (self->target_popover);
}

static void
target_popover_show_cb (KeelItemEditor *self)
{
  keel_editor_calendar_set_day (self->target_calendar, self->target, &self->setting_calendar);
}

static void
findings_changed_cb (KeelItemEditor *self)
{
  update_findings (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  keel_item_editor_save (KEEL_ITEM_EDITOR (widget));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  keel_item_editor_delete (KEEL_ITEM_EDITOR (widget));
}

/* ---- Overrides ---- */

static void
keel_item_editor_dispose (GObject *object)
{
  KeelItemEditor *self = KEEL_ITEM_EDITOR (object);

  if (self->findings != NULL)
    g_signal_handlers_disconnect_by_func (self->findings, findings_changed_cb, self);
  g_clear_object (&self->findings);
  g_clear_object (&self->project);
  g_clear_weak_pointer (&self->host);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEEL_TYPE_ITEM_EDITOR);

  G_OBJECT_CLASS (keel_item_editor_parent_class)->dispose (object);
}

static void
keel_item_editor_finalize (GObject *object)
{
  KeelItemEditor *self = KEEL_ITEM_EDITOR (object);

  g_free (self->item_id);
  g_free (self->target);
  g_clear_pointer (&self->finding_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (keel_item_editor_parent_class)->finalize (object);
}

static void
keel_item_editor_class_init (KeelItemEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = keel_item_editor_dispose;
  object_class->finalize = keel_item_editor_finalize;

  g_type_ensure (KEEL_TYPE_LINK_GROUP);
  keel_view_common_init (NULL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/keelplanner/Keel/board/keel-item-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KeelItemEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, KeelItemEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KeelItemEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, KeelItemEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, KeelItemEditor, dimension_row);
  gtk_widget_class_bind_template_child (widget_class, KeelItemEditor, horizon_row);
  gtk_widget_class_bind_template_child (widget_class, KeelItemEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, KeelItemEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, KeelItemEditor, effort_row);
  gtk_widget_class_bind_template_child (widget_class, KeelItemEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, KeelItemEditor, target_button);
  gtk_widget_class_bind_template_child (widget_class, KeelItemEditor, target_popover);
  gtk_widget_class_bind_template_child (widget_class, KeelItemEditor, target_calendar);
  gtk_widget_class_bind_template_child (widget_class, KeelItemEditor, evidence_group);
  gtk_widget_class_bind_template_child (widget_class, KeelItemEditor, debts_group);
  gtk_widget_class_bind_template_child (widget_class, KeelItemEditor, depends_group);
  gtk_widget_class_bind_template_child (widget_class, KeelItemEditor, findings_group);
  gtk_widget_class_bind_template_child (widget_class, KeelItemEditor, referrers_label);
  gtk_widget_class_bind_template_callback (widget_class, validate_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, target_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, target_clear_cb);

  keel_editor_class_add_actions (widget_class, save_action, delete_action);
}

static void
keel_item_editor_init (KeelItemEditor *self)
{
  g_autoptr(GListModel) dimensions = keel_view_dimension_model (NULL);
  g_autoptr(GListModel) horizons = keel_view_horizon_model (NULL);
  g_autoptr(GListModel) kinds = keel_view_item_kind_model (NULL);
  g_autoptr(GListModel) statuses = keel_view_status_model (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  keel_view_common_init (GTK_WIDGET (self));

  self->finding_rows = g_ptr_array_new ();

  adw_combo_row_set_model (self->dimension_row, dimensions);
  adw_combo_row_set_model (self->horizon_row, horizons);
  adw_combo_row_set_model (self->kind_row, kinds);
  adw_combo_row_set_model (self->status_row, statuses);

  g_signal_connect_swapped (self->target_popover, "show",
                            G_CALLBACK (target_popover_show_cb), self);
}

/* ---- Public API ---- */

KeelItemEditor *
keel_item_editor_new (KeelProject      *project,
                      KeelItem         *item,
                      KeelFindingIndex *findings,
                      GtkWidget        *host)
{
  KeelItemEditor *self;
  GtkRoot *root = host != NULL ? gtk_widget_get_root (host) : NULL;

  g_return_val_if_fail (KEEL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (KEEL_IS_ITEM (item), NULL);
  g_return_val_if_fail (findings == NULL || KEEL_IS_FINDING_INDEX (findings), NULL);

  self = g_object_new (KEEL_TYPE_ITEM_EDITOR, NULL);
  self->project = g_object_ref (project);
  self->item_id = g_strdup (item->id);
  g_set_weak_pointer (&self->host, host);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));

  keel_link_group_setup (self->evidence_group, project, KEEL_LINK_EVIDENCE, item->id);
  keel_link_group_setup (self->debts_group, project, KEEL_LINK_DEBTS, item->id);
  keel_link_group_setup (self->depends_group, project, KEEL_LINK_ITEMS, item->id);

  if (findings != NULL)
    {
      self->findings = g_object_ref (findings);
      g_signal_connect_swapped (findings, "changed", G_CALLBACK (findings_changed_cb), self);
    }

  load_item (self, item);
  update_findings (self);
  update_referrers (self);
  validate_cb (self);

  return self;
}

KeelItemEditor *
keel_item_editor_open (KeelProject      *project,
                       const char       *id,
                       KeelFindingIndex *findings,
                       GtkWidget        *host)
{
  KeelItem *item;
  KeelItemEditor *self;

  g_return_val_if_fail (KEEL_IS_PROJECT (project), NULL);

  item = keel_project_lookup_item (project, id);
  if (item == NULL)
    return NULL;

  self = keel_item_editor_new (project, item, findings, host);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

const char *
keel_item_editor_get_item_id (KeelItemEditor *self)
{
  g_return_val_if_fail (KEEL_IS_ITEM_EDITOR (self), NULL);
  return self->item_id;
}

gboolean
keel_item_editor_save (KeelItemEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelItem) draft = NULL;
  KeelItem *item;
  gboolean was_done;

  g_return_val_if_fail (KEEL_IS_ITEM_EDITOR (self), FALSE);

  draft = build_draft (self, &error);
  if (draft == NULL)
    {
      keel_editor_toast (self->toast_overlay, _("Could not save"), error);
      return FALSE;
    }

  item = keel_project_lookup_item (self->project, self->item_id);
  if (!keel_item_equal (draft, item))
    {
      was_done = item->status == KEEL_STATUS_DONE;
      if (!keel_project_update_item (self->project, draft, &error))
        {
          keel_editor_toast (self->toast_overlay, _("Could not save"), error);
          return FALSE;
        }
      item = keel_project_lookup_item (self->project, self->item_id);
      if (!was_done && item != NULL && self->host != NULL)
        keel_view_offer_debts_paid (self->host, self->project, item);
    }

  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

gboolean
keel_item_editor_delete (KeelItemEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  KeelItem *item;

  g_return_val_if_fail (KEEL_IS_ITEM_EDITOR (self), FALSE);

  item = keel_project_lookup_item (self->project, self->item_id);
  if (item == NULL)
    return FALSE;

  title = g_strdup (item->title);
  if (!keel_project_delete_item (self->project, self->item_id, &error))
    {
      keel_editor_toast (self->toast_overlay, _("Could not delete the item"), error);
      return FALSE;
    }

  keel_view_show_deleted (self->host, self->project, title);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

KeelLinkGroup *
keel_item_editor_get_link_group (KeelItemEditor *self,
                                 KeelLinkKind    kind)
{
  g_return_val_if_fail (KEEL_IS_ITEM_EDITOR (self), NULL);

  switch (kind)
    {
    case KEEL_LINK_EVIDENCE:
      return self->evidence_group;
    case KEEL_LINK_DEBTS:
      return self->debts_group;
    case KEEL_LINK_ITEMS:
    default:
      return self->depends_group;
    }
}

GtkWidget *
keel_item_editor_get_field (KeelItemEditor *self,
                            const char     *name)
{
  g_return_val_if_fail (KEEL_IS_ITEM_EDITOR (self), NULL);

  if (g_str_equal (name, "title"))
    return GTK_WIDGET (self->title_row);
  if (g_str_equal (name, "description"))
    return GTK_WIDGET (self->description_view);
  if (g_str_equal (name, "dimension"))
    return GTK_WIDGET (self->dimension_row);
  if (g_str_equal (name, "horizon"))
    return GTK_WIDGET (self->horizon_row);
  if (g_str_equal (name, "kind"))
    return GTK_WIDGET (self->kind_row);
  if (g_str_equal (name, "status"))
    return GTK_WIDGET (self->status_row);
  if (g_str_equal (name, "effort"))
    return GTK_WIDGET (self->effort_row);
  if (g_str_equal (name, "owner"))
    return GTK_WIDGET (self->owner_row);
  if (g_str_equal (name, "target"))
    return GTK_WIDGET (self->target_calendar);
  return NULL;
}

guint
keel_item_editor_get_n_findings (KeelItemEditor *self)
{
  GPtrArray *list;

  g_return_val_if_fail (KEEL_IS_ITEM_EDITOR (self), 0);

  if (self->findings == NULL)
    return 0;
  list = keel_finding_index_lookup (self->findings, self->item_id);
  return list != NULL ? list->len : 0;
}
