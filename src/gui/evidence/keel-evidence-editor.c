/* keel-evidence-editor.c: the editor of a piece of evidence.
 *
 * The citations live on the items and debts, not on the evidence: Save changes the
 * evidence and every item or debt whose link changed in one group, so a single Undo
 * takes the whole edit back.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-evidence-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "keel-evidence-editor.h"
#include "keel-evidence-view-private.h"
#include "keel-editor-common.h"
#include "keel-view-common.h"

struct _KeelEvidenceEditor
{
  AdwWindow        parent_instance;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  AdwEntryRow     *summary_row;
  AdwComboRow     *kind_row;
  AdwEntryRow     *source_row;
  GtkMenuButton   *date_button;
  GtkPopover      *date_popover;
  GtkCalendar     *date_calendar;
  AdwEntryRow     *value_row;
  AdwEntryRow     *unit_row;
  KeelLinkGroup   *citers_group;
  GtkWidget       *delete_group;
  GtkLabel        *referrers_label;

  KeelProject     *project;
  GtkWidget       *host;       /* weak */
  char            *evidence_id;
  gboolean         is_new;
  char            *date;
  GPtrArray       *old_citers; /* ids (char *) */
  gboolean         setting_calendar;
};

G_DEFINE_FINAL_TYPE (KeelEvidenceEditor, keel_evidence_editor, ADW_TYPE_WINDOW)

/* ---- Helpers ---- */

static gboolean
ids_contain (GPtrArray  *ids,
             const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (strcmp (g_ptr_array_index (ids, i), id) == 0)
      return TRUE;
  return FALSE;
}

static GObject *
lookup_citer (KeelEvidenceEditor *self,
              const char         *id)
{
  GObject *item = (GObject *) keel_project_lookup_item (self->project, id);

  return item != NULL ? item : (GObject *) keel_project_lookup_debt (self->project, id);
}

static KeelEvidence *
build_draft (KeelEvidenceEditor  *self,
             GError             **error)
{
  g_autoptr(KeelEvidence) draft = NULL;
  g_autofree char *summary = NULL;
  gboolean has_value;
  double value;

  if (self->is_new)
    draft = keel_evidence_new (self->evidence_id);
  else
    {
      KeelEvidence *evidence = keel_project_lookup_evidence (self->project, self->evidence_id);

      if (evidence == NULL)
        {
          g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_UNKNOWN_ID,
                       _("The evidence no longer exists"));
          return NULL;
        }
      draft = keel_evidence_copy (evidence);
    }

  summary = keel_editor_get_text (GTK_EDITABLE (self->summary_row));
  if (summary[0] == '\0')
    {
      g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                   _("Say in a few words what was observed"));
      return NULL;
    }
  if (!keel_editor_parse_number (gtk_editable_get_text (GTK_EDITABLE (self->value_row)), TRUE,
                                 &has_value, &value))
    {
      g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                   _("The value must be a number, such as 0.34 or 120"));
      return NULL;
    }

  g_free (draft->summary);
  draft->summary = g_steal_pointer (&summary);
  draft->kind = adw_combo_row_get_selected (self->kind_row);
  g_free (draft->source);
  draft->source = keel_editor_get_text (GTK_EDITABLE (self->source_row));
  g_free (draft->date);
  draft->date = g_strdup (self->date);
  draft->has_value = has_value;
  draft->value = value;
  g_free (draft->unit);
  draft->unit = keel_editor_get_optional (GTK_EDITABLE (self->unit_row));

  return g_steal_pointer (&draft);
}

/* ---- Callbacks ---- */

static void
validate_cb (KeelEvidenceEditor *self)
{
  g_autofree char *summary = keel_editor_get_text (GTK_EDITABLE (self->summary_row));
  gboolean has_value;
  double value;
  gboolean summary_ok, value_ok;

  summary_ok = keel_editor_mark_valid (GTK_WIDGET (self->summary_row), summary[0] != '\0');
  value_ok = keel_editor_mark_valid (GTK_WIDGET (self->value_row),
                                     keel_editor_parse_number (gtk_editable_get_text (GTK_EDITABLE (self->value_row)),
                                                               TRUE, &has_value, &value));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", summary_ok && value_ok);
}

static void
entry_activated_cb (KeelEvidenceEditor *self)
{
  keel_evidence_editor_save (self);
}

static void
date_selected_cb (KeelEvidenceEditor *self,
                  GtkCalendar        *calendar)
{
  if (self->setting_calendar)
    return;

  g_free (self->date);
  self->date = keel_editor_calendar_get_day (calendar);
  keel_editor_set_day_label (self->date_button, self->date);
  gtk_popover_popdown (self->date_popover);
}

static void
date_popover_show_cb (KeelEvidenceEditor *self)
{
  keel_editor_calendar_set_day (self->date_calendar, self->date, &self->setting_calendar);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  keel_evidence_editor_save (KEEL_EVIDENCE_EDITOR (widget));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  keel_evidence_editor_delete (KEEL_EVIDENCE_EDITOR (widget));
}

/* ---- Overrides ---- */

static void
keel_evidence_editor_dispose (GObject *object)
{
  KeelEvidenceEditor *self = KEEL_EVIDENCE_EDITOR (object);

  g_clear_object (&self->project);
  g_clear_weak_pointer (&self->host);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEEL_TYPE_EVIDENCE_EDITOR);

  G_OBJECT_CLASS (keel_evidence_editor_parent_class)->dispose (object);
}

static void
keel_evidence_editor_finalize (GObject *object)
{
  KeelEvidenceEditor *self = KEEL_EVIDENCE_EDITOR (object);

  g_free (self->evidence_id);
  g_free (self->date);
  g_clear_pointer (&self->old_citers, g_ptr_array_unref);

  G_OBJECT_CLASS (keel_evidence_editor_parent_class)->finalize (object);
}

static void
keel_evidence_editor_class_init (KeelEvidenceEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = keel_evidence_editor_dispose;
  object_class->finalize = keel_evidence_editor_finalize;

  g_type_ensure (KEEL_TYPE_LINK_GROUP);
  keel_evidence_view_resources_init ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/keelplanner/Keel/evidence/keel-evidence-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KeelEvidenceEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KeelEvidenceEditor, summary_row);
  gtk_widget_class_bind_template_child (widget_class, KeelEvidenceEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, KeelEvidenceEditor, source_row);
  gtk_widget_class_bind_template_child (widget_class, KeelEvidenceEditor, date_button);
  gtk_widget_class_bind_template_child (widget_class, KeelEvidenceEditor, date_popover);
  gtk_widget_class_bind_template_child (widget_class, KeelEvidenceEditor, date_calendar);
  gtk_widget_class_bind_template_child (widget_class, KeelEvidenceEditor, value_row);
  gtk_widget_class_bind_template_child (widget_class, KeelEvidenceEditor, unit_row);
  gtk_widget_class_bind_template_child (widget_class, KeelEvidenceEditor, citers_group);
  gtk_widget_class_bind_template_child (widget_class, KeelEvidenceEditor, delete_group);
  gtk_widget_class_bind_template_child (widget_class, KeelEvidenceEditor, referrers_label);
  gtk_widget_class_bind_template_callback (widget_class, validate_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_selected_cb);

  keel_editor_class_add_actions (widget_class, save_action, delete_action);
}

static void
keel_evidence_editor_init (KeelEvidenceEditor *self)
{
  g_autoptr(GListModel) kinds = keel_view_evidence_kind_model (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  keel_view_common_init (GTK_WIDGET (self));

  self->old_citers = g_ptr_array_new_with_free_func (g_free);
  adw_combo_row_set_model (self->kind_row, kinds);
  g_signal_connect_swapped (self->date_popover, "show",
                            G_CALLBACK (date_popover_show_cb), self);
}

/* ---- Public API ---- */

KeelEvidenceEditor *
keel_evidence_editor_new (KeelProject  *project,
                          KeelEvidence *evidence,
                          GtkWidget    *host)
{
  g_autoptr(KeelEvidence) fresh = NULL;
  g_autoptr(GPtrArray) citers = NULL;
  KeelEvidenceEditor *self;
  GtkRoot *root = host != NULL ? gtk_widget_get_root (host) : NULL;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (KEEL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (evidence == NULL || KEEL_IS_EVIDENCE (evidence), NULL);

  self = g_object_new (KEEL_TYPE_EVIDENCE_EDITOR, NULL);
  self->project = g_object_ref (project);
  g_set_weak_pointer (&self->host, host);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));

  if (evidence == NULL)
    {
      g_autofree char *id = keel_project_new_id (project, "ev");

      fresh = keel_evidence_new (id);
      g_free (fresh->date);
      fresh->date = keel_date_today ();
      evidence = fresh;
      self->is_new = TRUE;
      gtk_window_set_title (GTK_WINDOW (self), _("New Evidence"));
      gtk_widget_set_visible (self->delete_group, FALSE);
    }
  self->evidence_id = g_strdup (evidence->id);

  gtk_editable_set_text (GTK_EDITABLE (self->summary_row), evidence->summary);
  adw_combo_row_set_selected (self->kind_row, evidence->kind);
  gtk_editable_set_text (GTK_EDITABLE (self->source_row), evidence->source);
  self->date = g_strdup (evidence->date != NULL ? evidence->date : "");
  if (self->date[0] == '\0')
    {
      g_free (self->date);
      self->date = keel_date_today ();
    }
  keel_editor_set_day_label (self->date_button, self->date);
  gtk_editable_set_text (GTK_EDITABLE (self->value_row),
                         evidence->has_value ? g_ascii_formatd (buffer, sizeof buffer, "%g", evidence->value)
                                             : "");
  gtk_editable_set_text (GTK_EDITABLE (self->unit_row), evidence->unit != NULL ? evidence->unit : "");

  keel_link_group_setup (self->citers_group, project, KEEL_LINK_CITERS, NULL);
  if (!self->is_new)
    {
      citers = keel_view_list_citers (project, self->evidence_id);
      for (guint i = 0; i < citers->len; i++)
        g_ptr_array_add (self->old_citers,
                         g_strdup (keel_view_entity_id (g_ptr_array_index (citers, i))));
      keel_link_group_set_ids (self->citers_group, self->old_citers);
      keel_editor_show_unlinks (self->referrers_label, citers);
    }

  validate_cb (self);
  return self;
}

KeelEvidenceEditor *
keel_evidence_editor_open (KeelProject *project,
                           const char  *id,
                           GtkWidget   *host)
{
  KeelEvidence *evidence = NULL;
  KeelEvidenceEditor *self;

  g_return_val_if_fail (KEEL_IS_PROJECT (project), NULL);

  if (id != NULL && (evidence = keel_project_lookup_evidence (project, id)) == NULL)
    return NULL;

  self = keel_evidence_editor_new (project, evidence, host);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

const char *
keel_evidence_editor_get_evidence_id (KeelEvidenceEditor *self)
{
  g_return_val_if_fail (KEEL_IS_EVIDENCE_EDITOR (self), NULL);
  return self->evidence_id;
}

gboolean
keel_evidence_editor_save (KeelEvidenceEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelEvidence) draft = NULL;
  g_autofree char *label = NULL;
  GPtrArray *new_citers;
  gboolean ok = TRUE;

  g_return_val_if_fail (KEEL_IS_EVIDENCE_EDITOR (self), FALSE);

  draft = build_draft (self, &error);
  if (draft == NULL)
    {
      keel_editor_toast (self->toast_overlay, _("Could not save"), error);
      return FALSE;
    }

  /* Translators: the undo label of saving the evidence editor */
  label = g_strdup_printf (self->is_new ? _("Add “%s”") : _("Edit “%s”"), draft->summary);
  keel_project_begin_group (self->project, label);

  if (self->is_new)
    ok = keel_project_add_evidence (self->project, draft, &error);
  else if (!keel_evidence_equal (draft, keel_project_lookup_evidence (self->project, self->evidence_id)))
    ok = keel_project_update_evidence (self->project, draft, &error);

  new_citers = keel_link_group_get_ids (self->citers_group);
  for (guint i = 0; ok && i < new_citers->len; i++)
    {
      const char *id = g_ptr_array_index (new_citers, i);
      GObject *citer = lookup_citer (self, id);

      if (citer != NULL && !ids_contain (self->old_citers, id))
        ok = keel_view_set_cites (self->project, citer, self->evidence_id, TRUE, &error);
    }
  for (guint i = 0; ok && i < self->old_citers->len; i++)
    {
      const char *id = g_ptr_array_index (self->old_citers, i);
      GObject *citer = lookup_citer (self, id);

      if (citer != NULL && !ids_contain (new_citers, id))
        ok = keel_view_set_cites (self->project, citer, self->evidence_id, FALSE, &error);
    }

  if (ok)
    ok = keel_project_end_group (self->project, &error);
  else
    keel_project_abort_group (self->project);

  if (!ok)
    {
      keel_editor_toast (self->toast_overlay, _("Could not save"), error);
      return FALSE;
    }

  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

gboolean
keel_evidence_editor_delete (KeelEvidenceEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  KeelEvidence *evidence;

  g_return_val_if_fail (KEEL_IS_EVIDENCE_EDITOR (self), FALSE);

  if (self->is_new ||
      (evidence = keel_project_lookup_evidence (self->project, self->evidence_id)) == NULL)
    return FALSE;

  summary = g_strdup (evidence->summary);
  if (!keel_project_delete_evidence (self->project, self->evidence_id, &error))
    {
      keel_editor_toast (self->toast_overlay, _("Could not delete the evidence"), error);
      return FALSE;
    }

  keel_view_show_deleted (self->host, self->project, summary);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

GtkWidget *
keel_evidence_editor_get_field (KeelEvidenceEditor *self,
                                const char         *name)
{
  g_return_val_if_fail (KEEL_IS_EVIDENCE_EDITOR (self), NULL);

  if (g_str_equal (name, "kind"))
    return GTK_WIDGET (self->kind_row);
  if (g_str_equal (name, "summary"))
    return GTK_WIDGET (self->summary_row);
  if (g_str_equal (name, "source"))
    return GTK_WIDGET (self->source_row);
  if (g_str_equal (name, "date"))
    return GTK_WIDGET (self->date_calendar);
  if (g_str_equal (name, "value"))
    return GTK_WIDGET (self->value_row);
  if (g_str_equal (name, "unit"))
    return GTK_WIDGET (self->unit_row);
  return NULL;
}

KeelLinkGroup *
keel_evidence_editor_get_citers (KeelEvidenceEditor *self)
{
  g_return_val_if_fail (KEEL_IS_EVIDENCE_EDITOR (self), NULL);
  return self->citers_group;
}
