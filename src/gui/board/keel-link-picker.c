/* keel-link-picker.c: a popover to choose what to link to, by searching.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-link-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "keel-link-picker.h"
#include "keel-view-common.h"

struct _KeelLinkPicker
{
  GtkPopover          parent_instance;

  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;

  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GHashTable         *excluded;   /* ids */
  char               *needle;     /* folded search text */
};

G_DEFINE_FINAL_TYPE (KeelLinkPicker, keel_link_picker, GTK_TYPE_POPOVER)

enum {
  PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Helpers ---- */

static gboolean
filter_func (gpointer object,
             gpointer user_data)
{
  KeelLinkPicker *self = user_data;
  const char *id = keel_view_entity_id (object);

  if (id == NULL || g_hash_table_contains (self->excluded, id))
    return FALSE;
  return keel_view_matches (keel_view_entity_title (object), self->needle) ||
         keel_view_matches (id, self->needle);
}

static void
update_stack (KeelLinkPicker *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static void
pick (KeelLinkPicker *self,
      guint           position)
{
  g_autoptr(GObject) entity = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (entity == NULL)
    return;

  /* Close first: the handler may rebuild the editor that holds this popover. */
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[PICKED], 0, entity);
}

/* ---- Callbacks ---- */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  GObject *entity = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *text = keel_view_entity_subtitle (entity);

  gtk_label_set_label (GTK_LABEL (title), keel_view_entity_title (entity));
  gtk_label_set_label (GTK_LABEL (subtitle), text);
  gtk_widget_set_tooltip_text (box, keel_view_entity_title (entity));
}

static void
search_changed_cb (KeelLinkPicker *self,
                   GtkSearchEntry *entry)
{
  g_free (self->needle);
  self->needle = keel_view_fold (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_stack (self);
}

static void
search_activate_cb (KeelLinkPicker *self,
                    GtkSearchEntry *entry)
{
  /* Enter picks the first match, so a title can be linked from the keyboard alone. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    pick (self, 0);
}

static void
stop_search_cb (KeelLinkPicker *self,
                GtkSearchEntry *entry)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
list_activate_cb (KeelLinkPicker *self,
                  guint           position,
                  GtkListView    *list_view)
{
  pick (self, position);
}

static void
items_changed_cb (KeelLinkPicker *self)
{
  update_stack (self);
}

/* ---- Overrides ---- */

static void
keel_link_picker_show (GtkWidget *widget)
{
  KeelLinkPicker *self = KEEL_LINK_PICKER (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_clear_pointer (&self->needle, g_free);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_stack (self);

  GTK_WIDGET_CLASS (keel_link_picker_parent_class)->show (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
keel_link_picker_dispose (GObject *object)
{
  KeelLinkPicker *self = KEEL_LINK_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KEEL_TYPE_LINK_PICKER);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (keel_link_picker_parent_class)->dispose (object);
}

static void
keel_link_picker_finalize (GObject *object)
{
  KeelLinkPicker *self = KEEL_LINK_PICKER (object);

  g_clear_pointer (&self->excluded, g_hash_table_unref);
  g_clear_pointer (&self->needle, g_free);

  G_OBJECT_CLASS (keel_link_picker_parent_class)->finalize (object);
}

static void
keel_link_picker_class_init (KeelLinkPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = keel_link_picker_dispose;
  object_class->finalize = keel_link_picker_finalize;
  widget_class->show = keel_link_picker_show;

  signals[PICKED] =
    g_signal_new ("picked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_OBJECT);

  keel_view_common_init (NULL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/keelplanner/Keel/board/keel-link-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, KeelLinkPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KeelLinkPicker, stack);
  gtk_widget_class_bind_template_child (widget_class, KeelLinkPicker, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
}

static void
keel_link_picker_init (KeelLinkPicker *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->excluded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (items_changed_cb), self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  update_stack (self);
}

/* ---- Public API ---- */

KeelLinkPicker *
keel_link_picker_new (void)
{
  return g_object_new (KEEL_TYPE_LINK_PICKER, NULL);
}

void
keel_link_picker_set_model (KeelLinkPicker *self,
                            GListModel     *model)
{
  g_return_if_fail (KEEL_IS_LINK_PICKER (self));

  gtk_filter_list_model_set_model (self->filtered, model);
  update_stack (self);
}

void
keel_link_picker_set_excluded (KeelLinkPicker     *self,
                               const char * const *ids,
                               guint               n_ids)
{
  g_return_if_fail (KEEL_IS_LINK_PICKER (self));

  g_hash_table_remove_all (self->excluded);
  for (guint i = 0; i < n_ids; i++)
    if (ids[i] != NULL)
      g_hash_table_add (self->excluded, g_strdup (ids[i]));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_stack (self);
}

void
keel_link_picker_set_placeholder (KeelLinkPicker *self,
                                  const char     *text)
{
  g_return_if_fail (KEEL_IS_LINK_PICKER (self));

  g_object_set (self->search_entry, "placeholder-text", text, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

GListModel *
keel_link_picker_get_matches (KeelLinkPicker *self)
{
  g_return_val_if_fail (KEEL_IS_LINK_PICKER (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

void
keel_link_picker_search (KeelLinkPicker *self,
                         const char     *text)
{
  g_return_if_fail (KEEL_IS_LINK_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* The entry reports a change after a delay; apply it at once. */
  search_changed_cb (self, self->search_entry);
}

void
keel_link_picker_pick (KeelLinkPicker *self,
                       guint           position)
{
  g_return_if_fail (KEEL_IS_LINK_PICKER (self));
  pick (self, position);
}
