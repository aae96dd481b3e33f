/* keel-link-group.c: an editor's list of links with a searchable picker.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-link-group"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "keel-link-group.h"
#include "keel-view-common.h"

struct _KeelLinkGroup
{
  AdwPreferencesGroup  parent_instance;

  KeelProject         *project;
  KeelLinkKind         kind;
  char                *self_id;
  GPtrArray           *ids;      /* char * */
  GPtrArray           *rows;     /* GtkWidget (owned by the group) */
  GtkMenuButton       *add_button;
  KeelLinkPicker      *picker;
  GListModel          *model;
};

G_DEFINE_FINAL_TYPE (KeelLinkGroup, keel_link_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Helpers ---- */

static GObject *
lookup (KeelLinkGroup *self,
        const char    *id)
{
  switch (self->kind)
    {
    case KEEL_LINK_EVIDENCE:
      return (GObject *) keel_project_lookup_evidence (self->project, id);
    case KEEL_LINK_DEBTS:
      return (GObject *) keel_project_lookup_debt (self->project, id);
    case KEEL_LINK_CITERS:
      {
        GObject *item = (GObject *) keel_project_lookup_item (self->project, id);
        return item != NULL ? item : (GObject *) keel_project_lookup_debt (self->project, id);
      }
    case KEEL_LINK_ITEMS:
    default:
      return (GObject *) keel_project_lookup_item (self->project, id);
    }
}

static void
update_excluded (KeelLinkGroup *self)
{
  g_autoptr(GPtrArray) excluded = g_ptr_array_new ();

  if (self->picker == NULL)
    return;
  for (guint i = 0; i < self->ids->len; i++)
    g_ptr_array_add (excluded, g_ptr_array_index (self->ids, i));
  if (self->self_id != NULL)
    g_ptr_array_add (excluded, self->self_id);
  keel_link_picker_set_excluded (self->picker, (const char * const *) excluded->pdata,
                                 excluded->len);
}

static void remove_clicked_cb (GtkButton *button, KeelLinkGroup *self);

static void
rebuild_rows (KeelLinkGroup *self)
{
  if (self->project == NULL)
    return;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self),
                                  g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < self->ids->len; i++)
    {
      const char *id = g_ptr_array_index (self->ids, i);
      GObject *entity = lookup (self, id);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autofree char *subtitle = entity != NULL ? keel_view_entity_subtitle (entity)
                                                 : g_strdup (_("Missing"));
      g_autofree char *remove_label = NULL;
      const char *title = entity != NULL ? keel_view_entity_title (entity) : id;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove Link"));
      /* Translators: accessible name of the button that unlinks "%s" */
      remove_label = g_strdup_printf (_("Remove link to “%s”"), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                      -1);
      g_object_set_data_full (G_OBJECT (button), "keel-link-id", g_strdup (id), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }

  if (self->ids->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      const char *none;

      switch (self->kind)
        {
        case KEEL_LINK_EVIDENCE:
          none = _("No evidence linked");
          break;
        case KEEL_LINK_DEBTS:
          none = _("Pays down no debt");
          break;
        case KEEL_LINK_CITERS:
          none = _("No item or debt cites it");
          break;
        case KEEL_LINK_ITEMS:
        default:
          none = _("Depends on nothing");
          break;
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), none);
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }

  update_excluded (self);
}

/* ---- Callbacks ---- */

static void
remove_clicked_cb (GtkButton     *button,
                   KeelLinkGroup *self)
{
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (button), "keel-link-id"));

  keel_link_group_remove (self, id);
}

static void
picked_cb (KeelLinkPicker *picker,
           GObject        *entity,
           KeelLinkGroup  *self)
{
  keel_link_group_add (self, keel_view_entity_id (entity));
  gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
}

/* ---- Overrides ---- */

static void
keel_link_group_dispose (GObject *object)
{
  KeelLinkGroup *self = KEEL_LINK_GROUP (object);

  g_clear_object (&self->project);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (keel_link_group_parent_class)->dispose (object);
}

static void
keel_link_group_finalize (GObject *object)
{
  KeelLinkGroup *self = KEEL_LINK_GROUP (object);

  g_clear_pointer (&self->ids, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self->self_id);

  G_OBJECT_CLASS (keel_link_group_parent_class)->finalize (object);
}

static void
keel_link_group_class_init (KeelLinkGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = keel_link_group_dispose;
  object_class->finalize = keel_link_group_finalize;

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
keel_link_group_init (KeelLinkGroup *self)
{
  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_ptr_array_new ();
}

/* ---- Public API ---- */

GListModel *
keel_link_citers_model_new (KeelProject *project)
{
  GListStore *lists;

  g_return_val_if_fail (KEEL_IS_PROJECT (project), NULL);

  lists = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (lists, keel_project_get_items (project));
  g_list_store_append (lists, keel_project_get_debts (project));
  return G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (lists)));
}

KeelLinkGroup *
keel_link_group_new (KeelProject  *project,
                     KeelLinkKind  kind,
                     const char   *self_id)
{
  KeelLinkGroup *self;

  g_return_val_if_fail (KEEL_IS_PROJECT (project), NULL);

  self = g_object_new (KEEL_TYPE_LINK_GROUP, NULL);
  keel_link_group_setup (self, project, kind, self_id);
  return self;
}

void
keel_link_group_setup (KeelLinkGroup *self,
                       KeelProject   *project,
                       KeelLinkKind   kind,
                       const char    *self_id)
{
  GtkWidget *content;
  const char *title, *add_label, *placeholder;
  GListModel *model;

  g_return_if_fail (KEEL_IS_LINK_GROUP (self));
  g_return_if_fail (KEEL_IS_PROJECT (project));
  g_return_if_fail (self->project == NULL);

  self->project = g_object_ref (project);
  self->kind = kind;
  self->self_id = g_strdup (self_id);

  switch (kind)
    {
    case KEEL_LINK_EVIDENCE:
      title = _("Evidence");
      add_label = _("Link Evidence");
      placeholder = _("Search evidence");
      model = keel_project_get_evidence (project);
      break;
    case KEEL_LINK_DEBTS:
      title = _("Pays Down");
      add_label = _("Link a Debt");
      placeholder = _("Search debts");
      model = keel_project_get_debts (project);
      break;
    case KEEL_LINK_CITERS:
      title = _("Cited By");
      add_label = _("Link to an Item or Debt");
      placeholder = _("Search items and debts");
      self->model = keel_link_citers_model_new (project);
      model = self->model;
      break;
    case KEEL_LINK_ITEMS:
    default:
      title = _("Depends On");
      add_label = _("Add a Dependency");
      placeholder = _("Search items");
      model = keel_project_get_items (project);
      break;
    }
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), title);

  self->picker = keel_link_picker_new ();
  keel_link_picker_set_model (self->picker, model);
  keel_link_picker_set_placeholder (self->picker, placeholder);
  g_signal_connect (self->picker, "picked", G_CALLBACK (picked_cb), self);

  self->add_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), add_label);
  gtk_menu_button_set_child (self->add_button, content);
  gtk_menu_button_set_popover (self->add_button, GTK_WIDGET (self->picker));
  gtk_widget_add_css_class (GTK_WIDGET (self->add_button), "flat");
  gtk_widget_set_valign (GTK_WIDGET (self->add_button), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, add_label,
                                  -1);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self),
                                           GTK_WIDGET (self->add_button));

  rebuild_rows (self);
}

GPtrArray *
keel_link_group_get_ids (KeelLinkGroup *self)
{
  g_return_val_if_fail (KEEL_IS_LINK_GROUP (self), NULL);
  return self->ids;
}

void
keel_link_group_set_ids (KeelLinkGroup *self,
                         GPtrArray     *ids)
{
  g_return_if_fail (KEEL_IS_LINK_GROUP (self));

  g_ptr_array_set_size (self->ids, 0);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_ptr_array_add (self->ids, g_strdup (g_ptr_array_index (ids, i)));
  rebuild_rows (self);
}

static gboolean
find_id (GPtrArray  *ids,
         const char *id,
         guint      *out_index)
{
  for (guint i = 0; i < ids->len; i++)
    if (strcmp (g_ptr_array_index (ids, i), id) == 0)
      {
        *out_index = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
keel_link_group_add (KeelLinkGroup *self,
                     const char    *id)
{
  guint index;

  g_return_val_if_fail (KEEL_IS_LINK_GROUP (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (find_id (self->ids, id, &index) || g_strcmp0 (id, self->self_id) == 0)
    return FALSE;
  g_ptr_array_add (self->ids, g_strdup (id));
  rebuild_rows (self);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gboolean
keel_link_group_remove (KeelLinkGroup *self,
                        const char    *id)
{
  guint index;

  g_return_val_if_fail (KEEL_IS_LINK_GROUP (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!find_id (self->ids, id, &index))
    return FALSE;
  g_ptr_array_remove_index (self->ids, index);
  rebuild_rows (self);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

KeelLinkPicker *
keel_link_group_get_picker (KeelLinkGroup *self)
{
  g_return_val_if_fail (KEEL_IS_LINK_GROUP (self), NULL);
  return self->picker;
}
