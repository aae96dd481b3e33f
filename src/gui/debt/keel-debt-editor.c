/* keel-debt-editor.c: the editor of a debt.
 *
 * Like the item editor it works on a draft: Save applies the whole form as one
 * undoable step, Cancel leaves the project as it was.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-debt-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "keel-debt-editor.h"
#include "keel-debt-view-private.h"
#include "keel-editor-common.h"

struct _KeelDebtEditor
{
  AdwWindow            parent_instance;

  /* Template children */
  AdwToastOverlay     *toast_overlay;
  AdwEntryRow         *title_row;
  AdwEntryRow         *component_row;
  AdwComboRow         *quadrant_row;
  AdwComboRow         *status_row;
  AdwEntryRow         *owner_row;
  GtkMenuButton       *recorded_button;
  GtkPopover          *recorded_popover;
  GtkCalendar         *recorded_calendar;
  GtkSpinButton       *principal_spin;
  GtkSpinButton       *interest_spin;
  GtkSwitch           *bottleneck_switch;
  GtkSwitch           *hard_ceiling_switch;
  KeelLinkGroup       *evidence_group;
  AdwPreferencesGroup *payers_group;
  AdwPreferencesGroup *findings_group;
  GtkWidget           *delete_group;
  GtkLabel            *referrers_label;

  KeelProject         *project;
  KeelFindingIndex    *findings;
  GtkWidget           *host;        /* weak */
  char                *debt_id;
  gboolean             is_new;
  char                *recorded;
  GPtrArray           *finding_rows;
  GPtrArray           *payer_rows;
  gboolean             setting_calendar;
};

G_DEFINE_FINAL_TYPE (KeelDebtEditor, keel_debt_editor, ADW_TYPE_WINDOW)

/* ---- Helpers ---- */

static void
update_payers (KeelDebtEditor *self)
{
  GListModel *items = keel_project_get_items (self->project);
  guint n = g_list_model_get_n_items (items);
  guint shown = 0, more = 0;

  for (guint i = 0; i < self->payer_rows->len; i++)
    adw_preferences_group_remove (self->payers_group, g_ptr_array_index (self->payer_rows, i));
  g_ptr_array_set_size (self->payer_rows, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KeelItem) item = g_list_model_get_item (items, i);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;
      gboolean pays = FALSE;

      for (guint j = 0; j < item->debts->len && !pays; j++)
        pays = strcmp (g_ptr_array_index (item->debts, j), self->debt_id) == 0;
      if (!pays)
        continue;
      if (shown == 50)
        {
          more++;
          continue;
        }

      row = adw_action_row_new ();
      subtitle = keel_view_entity_subtitle (G_OBJECT (item));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_group_add (self->payers_group, row);
      g_ptr_array_add (self->payer_rows, row);
      shown++;
    }

  if (more > 0 || shown == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *text = NULL;

      if (shown == 0)
        text = g_strdup (_("No item pays it down yet: use “Plan a Fix” in the debt register"));
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %u more item",
                                             "And %u more items", more), more);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->payers_group, row);
      g_ptr_array_add (self->payer_rows, row);
    }
}

static void
update_referrers (KeelDebtEditor *self)
{
  g_autoptr(GPtrArray) referrers = NULL;

  if (self->is_new)
    return;

  referrers = keel_project_list_referrers (self->project, self->debt_id);
  keel_editor_show_unlinks (self->referrers_label, referrers);
}

static void
load_debt (KeelDebtEditor *self,
           KeelDebt       *debt)
{
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), debt->title);
  gtk_editable_set_text (GTK_EDITABLE (self->component_row), debt->component);
  adw_combo_row_set_selected (self->quadrant_row, debt->quadrant);
  adw_combo_row_set_selected (self->status_row, debt->status);
  gtk_editable_set_text (GTK_EDITABLE (self->owner_row), debt->owner != NULL ? debt->owner : "");
  gtk_spin_button_set_value (self->principal_spin, debt->principal_days);
  gtk_spin_button_set_value (self->interest_spin, debt->interest_hours_per_week);
  gtk_switch_set_active (self->bottleneck_switch, debt->bottleneck);
  gtk_switch_set_active (self->hard_ceiling_switch, debt->hard_ceiling);

  g_free (self->recorded);
  self->recorded = g_strdup (debt->recorded);
  keel_editor_set_day_label (self->recorded_button, self->recorded);

  keel_link_group_set_ids (self->evidence_group, debt->evidence);
}

static KeelDebt *
build_draft (KeelDebtEditor  *self,
             GError         **error)
{
  g_autoptr(KeelDebt) draft = NULL;
  g_autofree char *title = NULL;

  if (self->is_new)
    draft = keel_debt_new (self->debt_id);
  else
    {
      KeelDebt *debt = keel_project_lookup_debt (self->project, self->debt_id);

      if (debt == NULL)
        {
          g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_UNKNOWN_ID,
                       _("The debt no longer exists"));
          return NULL;
        }
      draft = keel_debt_copy (debt);
    }

  title = keel_editor_get_text (GTK_EDITABLE (self->title_row));
  if (title[0] == '\0')
    {
      g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                   _("A debt needs a title"));
      return NULL;
    }

  /* Take what is typed in the spin buttons even if Enter was not pressed. */
  gtk_spin_button_update (self->principal_spin);
  gtk_spin_button_update (self->interest_spin);

  g_free (draft->title);
  draft->title = g_steal_pointer (&title);
  g_free (draft->component);
  draft->component = keel_editor_get_text (GTK_EDITABLE (self->component_row));
  draft->quadrant = adw_combo_row_get_selected (self->quadrant_row);
  draft->status = adw_combo_row_get_selected (self->status_row);
  g_free (draft->owner);
  draft->owner = keel_editor_get_optional (GTK_EDITABLE (self->owner_row));
  draft->principal_days = gtk_spin_button_get_value (self->principal_spin);
  draft->interest_hours_per_week = gtk_spin_button_get_value (self->interest_spin);
  draft->bottleneck = gtk_switch_get_active (self->bottleneck_switch);
  draft->hard_ceiling = gtk_switch_get_active (self->hard_ceiling_switch);
  g_free (draft->recorded);
  draft->recorded = g_strdup (self->recorded);
  keel_editor_copy_ids (draft->evidence, keel_link_group_get_ids (self->evidence_group));

  return g_steal_pointer (&draft);
}

/* ---- Callbacks ---- */

static void
validate_cb (KeelDebtEditor *self)
{
  g_autofree char *title = keel_editor_get_text (GTK_EDITABLE (self->title_row));
  gboolean ok = keel_editor_mark_valid (GTK_WIDGET (self->title_row), title[0] != '\0');

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", ok);
}

static void
entry_activated_cb (KeelDebtEditor *self)
{
  keel_debt_editor_save (self);
}

static void
recorded_day_selected_cb (KeelDebtEditor *self,
                          GtkCalendar    *calendar)
{
  if (self->setting_calendar)
    return;

  g_free (self->recorded);
  self->recorded = keel_editor_calendar_get_day (calendar);
  keel_editor_set_day_label (self->recorded_button, self->recorded);
  gtk_popover_popdown (self->recorded_popover);
}

static void
recorded_popover_show_cb (KeelDebtEditor *self)
{
  keel_editor_calendar_set_day (self->recorded_calendar, self->recorded, &self->setting_calendar);
}

static void
findings_changed_cb (KeelDebtEditor *self)
{
  keel_view_fill_findings (self->findings_group, self->finding_rows, self->findings,
                           self->debt_id);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  keel_debt_editor_save (KEEL_DEBT_EDITOR (widget));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  keel_debt_editor_delete (KEEL_DEBT_EDITOR (widget));
}

/* ---- Overrides ---- */

static void
keel_debt_editor_dispose (GObject *object)
{
  KeelDebtEditor *self = KEEL_DEBT_EDITOR (object);

  if (self->findings != NULL)
    g_signal_handlers_disconnect_by_func (self->findings, findings_changed_cb, self);
  g_clear_object (&self->findings);
  g_clear_object (&self->project);
  g_clear_weak_pointer (&self->host);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEEL_TYPE_DEBT_EDITOR);

  G_OBJECT_CLASS (keel_debt_editor_parent_class)->dispose (object);
}

static void
keel_debt_editor_finalize (GObject *object)
{
  KeelDebtEditor *self = KEEL_DEBT_EDITOR (object);

  g_free (self->debt_id);
  g_free (self->recorded);
  g_clear_pointer (&self->finding_rows, g_ptr_array_unref);
  g_clear_pointer (&self->payer_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (keel_debt_editor_parent_class)->finalize (object);
}

static void
keel_debt_editor_class_init (KeelDebtEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = keel_debt_editor_dispose;
  object_class->finalize = keel_debt_editor_finalize;

  g_type_ensure (KEEL_TYPE_LINK_GROUP);
  keel_debt_view_resources_init ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/keelplanner/Keel/debt/keel-debt-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KeelDebtEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtEditor, component_row);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtEditor, quadrant_row);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtEditor, recorded_button);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtEditor, recorded_popover);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtEditor, recorded_calendar);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtEditor, principal_spin);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtEditor, interest_spin);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtEditor, bottleneck_switch);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtEditor, hard_ceiling_switch);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtEditor, evidence_group);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtEditor, payers_group);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtEditor, findings_group);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtEditor, delete_group);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtEditor, referrers_label);
  gtk_widget_class_bind_template_callback (widget_class, validate_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, recorded_day_selected_cb);

  keel_editor_class_add_actions (widget_class, save_action, delete_action);
}

static void
keel_debt_editor_init (KeelDebtEditor *self)
{
  g_autoptr(GListModel) quadrants = keel_view_quadrant_model (NULL);
  g_autoptr(GListModel) statuses = keel_view_debt_status_model (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  keel_view_common_init (GTK_WIDGET (self));

  self->finding_rows = g_ptr_array_new ();
  self->payer_rows = g_ptr_array_new ();
  adw_combo_row_set_model (self->quadrant_row, quadrants);
  adw_combo_row_set_model (self->status_row, statuses);
  g_signal_connect_swapped (self->recorded_popover, "show",
                            G_CALLBACK (recorded_popover_show_cb), self);
}

/* ---- Public API ---- */

KeelDebtEditor *
keel_debt_editor_new (KeelProject      *project,
                      KeelDebt         *debt,
                      KeelFindingIndex *findings,
                      GtkWidget        *host)
{
  g_autoptr(KeelDebt) fresh = NULL;
  KeelDebtEditor *self;
  GtkRoot *root = host != NULL ? gtk_widget_get_root (host) : NULL;

  g_return_val_if_fail (KEEL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (debt == NULL || KEEL_IS_DEBT (debt), NULL);
  g_return_val_if_fail (findings == NULL || KEEL_IS_FINDING_INDEX (findings), NULL);

  self = g_object_new (KEEL_TYPE_DEBT_EDITOR, NULL);
  self->project = g_object_ref (project);
  g_set_weak_pointer (&self->host, host);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));

  if (debt == NULL)
    {
      g_autofree char *id = keel_project_new_id (project, "debt");

      fresh = keel_debt_new (id);
      debt = fresh;
      self->is_new = TRUE;
      gtk_window_set_title (GTK_WINDOW (self), _("New Debt"));
      gtk_widget_set_visible (self->delete_group, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->payers_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->findings_group), FALSE);
    }
  self->debt_id = g_strdup (debt->id);

  keel_link_group_setup (self->evidence_group, project, KEEL_LINK_EVIDENCE, NULL);
  if (findings != NULL)
    {
      self->findings = g_object_ref (findings);
      g_signal_connect_swapped (findings, "changed", G_CALLBACK (findings_changed_cb), self);
    }

  load_debt (self, debt);
  if (!self->is_new)
    {
      update_payers (self);
      findings_changed_cb (self);
      update_referrers (self);
    }
  validate_cb (self);
  return self;
}

KeelDebtEditor *
keel_debt_editor_open (KeelProject      *project,
                       const char       *id,
                       KeelFindingIndex *findings,
                       GtkWidget        *host)
{
  KeelDebt *debt = NULL;
  KeelDebtEditor *self;

  g_return_val_if_fail (KEEL_IS_PROJECT (project), NULL);

  if (id != NULL && (debt = keel_project_lookup_debt (project, id)) == NULL)
    return NULL;

  self = keel_debt_editor_new (project, debt, findings, host);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

const char *
keel_debt_editor_get_debt_id (KeelDebtEditor *self)
{
  g_return_val_if_fail (KEEL_IS_DEBT_EDITOR (self), NULL);
  return self->debt_id;
}

gboolean
keel_debt_editor_is_new (KeelDebtEditor *self)
{
  g_return_val_if_fail (KEEL_IS_DEBT_EDITOR (self), FALSE);
  return self->is_new;
}

gboolean
keel_debt_editor_save (KeelDebtEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDebt) draft = NULL;
  gboolean ok;

  g_return_val_if_fail (KEEL_IS_DEBT_EDITOR (self), FALSE);

  draft = build_draft (self, &error);
  if (draft == NULL)
    {
      keel_editor_toast (self->toast_overlay, _("Could not save"), error);
      return FALSE;
    }

  if (self->is_new)
    ok = keel_project_add_debt (self->project, draft, &error);
  else if (keel_debt_equal (draft, keel_project_lookup_debt (self->project, self->debt_id)))
    ok = TRUE;
  else
    ok = keel_project_update_debt (self->project, draft, &error);

  if (!ok)
    {
      keel_editor_toast (self->toast_overlay, _("Could not save"), error);
      return FALSE;
    }

  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

gboolean
keel_debt_editor_delete (KeelDebtEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  KeelDebt *debt;

  g_return_val_if_fail (KEEL_IS_DEBT_EDITOR (self), FALSE);

  if (self->is_new || (debt = keel_project_lookup_debt (self->project, self->debt_id)) == NULL)
    return FALSE;

  title = g_strdup (debt->title);
  if (!keel_project_delete_debt (self->project, self->debt_id, &error))
    {
      keel_editor_toast (self->toast_overlay, _("Could not delete the debt"), error);
      return FALSE;
    }

  keel_view_show_deleted (self->host, self->project, title);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

GtkWidget *
keel_debt_editor_get_field (KeelDebtEditor *self,
                            const char     *name)
{
  g_return_val_if_fail (KEEL_IS_DEBT_EDITOR (self), NULL);

  if (g_str_equal (name, "title"))
    return GTK_WIDGET (self->title_row);
  if (g_str_equal (name, "component"))
    return GTK_WIDGET (self->component_row);
  if (g_str_equal (name, "quadrant"))
    return GTK_WIDGET (self->quadrant_row);
  if (g_str_equal (name, "principal"))
    return GTK_WIDGET (self->principal_spin);
  if (g_str_equal (name, "interest"))
    return GTK_WIDGET (self->interest_spin);
  if (g_str_equal (name, "bottleneck"))
    return GTK_WIDGET (self->bottleneck_switch);
  if (g_str_equal (name, "hard-ceiling"))
    return GTK_WIDGET (self->hard_ceiling_switch);
  if (g_str_equal (name, "status"))
    return GTK_WIDGET (self->status_row);
  if (g_str_equal (name, "owner"))
    return GTK_WIDGET (self->owner_row);
  if (g_str_equal (name, "recorded"))
    return GTK_WIDGET (self->recorded_calendar);
  return NULL;
}

KeelLinkGroup *
keel_debt_editor_get_evidence_group (KeelDebtEditor *self)
{
  g_return_val_if_fail (KEEL_IS_DEBT_EDITOR (self), NULL);
  return self->evidence_group;
}
