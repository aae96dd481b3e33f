/* keel-custom-signal-dialog.c: adds or edits a custom signal — a value entered by hand
 * with its target, date and source.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-custom-signal-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "keel-custom-signal-dialog.h"

struct _KeelCustomSignalDialog
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  AdwEntryRow    *name_row;
  GtkSpinButton  *value_spin;
  AdwComboRow    *comparison_row;
  GtkSpinButton  *target_spin;
  AdwEntryRow    *date_row;
  AdwEntryRow    *source_row;
  GtkSwitch      *required_switch;
  GtkLabel       *error_label;

  KeelProject    *project;
  KeelSignal     *signal;   /* the signal edited, or NULL when adding */
};

G_DEFINE_FINAL_TYPE (KeelCustomSignalDialog, keel_custom_signal_dialog, ADW_TYPE_WINDOW)

/* In KeelComparison order. */
static const char * const comparison_labels[KEEL_N_COMPARISONS] = {
  N_("At least the target (≥)"),
  N_("Above the target (>)"),
  N_("At most the target (≤)"),
  N_("Below the target (<)"),
  N_("Equal to the target (=)"),
};

/* ---- Helpers ---- */

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
update_sensitivity (KeelCustomSignalDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (entry_text (self->name_row)));
  const char *date = entry_text (self->date_row);
  gboolean date_ok = date[0] == '\0' || keel_date_is_valid (date);

  if (date_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), name[0] != '\0' && date_ok);
}

/* ---- Callbacks ---- */

static void
form_changed_cb (KeelCustomSignalDialog *self)
{
  update_sensitivity (self);
}

static void
save_clicked_cb (KeelCustomSignalDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!keel_custom_signal_dialog_save (self, &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- Overrides ---- */

static void
keel_custom_signal_dialog_dispose (GObject *object)
{
  KeelCustomSignalDialog *self = KEEL_CUSTOM_SIGNAL_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KEEL_TYPE_CUSTOM_SIGNAL_DIALOG);
  g_clear_object (&self->project);
  g_clear_object (&self->signal);

  G_OBJECT_CLASS (keel_custom_signal_dialog_parent_class)->dispose (object);
}

static void
keel_custom_signal_dialog_class_init (KeelCustomSignalDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = keel_custom_signal_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/keelplanner/Keel/fit/keel-custom-signal-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KeelCustomSignalDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, KeelCustomSignalDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, KeelCustomSignalDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, KeelCustomSignalDialog, value_spin);
  gtk_widget_class_bind_template_child (widget_class, KeelCustomSignalDialog, comparison_row);
  gtk_widget_class_bind_template_child (widget_class, KeelCustomSignalDialog, target_spin);
  gtk_widget_class_bind_template_child (widget_class, KeelCustomSignalDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, KeelCustomSignalDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, KeelCustomSignalDialog, required_switch);
  gtk_widget_class_bind_template_child (widget_class, KeelCustomSignalDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
keel_custom_signal_dialog_init (KeelCustomSignalDialog *self)
{
  g_autoptr(GtkStringList) comparisons = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < KEEL_N_COMPARISONS; i++)
    gtk_string_list_append (comparisons, _(comparison_labels[i]));
  adw_combo_row_set_model (self->comparison_row, G_LIST_MODEL (comparisons));
}

/* ---- Public API ---- */

GtkWidget *
keel_custom_signal_dialog_new (GtkWindow   *parent,
                               KeelProject *project,
                               KeelSignal  *signal)
{
  KeelCustomSignalDialog *self;
  g_autofree char *today = keel_date_today ();

  g_return_val_if_fail (KEEL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (signal == NULL || signal->kind == KEEL_SIGNAL_KIND_CUSTOM, NULL);

  self = g_object_new (KEEL_TYPE_CUSTOM_SIGNAL_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->project = g_object_ref (project);
  self->signal = signal != NULL ? g_object_ref (signal) : NULL;

  if (signal != NULL)
    {
      adw_window_title_set_title (self->window_title, _("Edit Signal"));
      gtk_button_set_label (self->save_button, _("_Save"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), keel_signal_get_display_name (signal));
      gtk_spin_button_set_value (self->value_spin, signal->has_value ? signal->value : 0.0);
      gtk_spin_button_set_value (self->target_spin, signal->has_target ? signal->target : 0.0);
      adw_combo_row_set_selected (self->comparison_row, signal->comparison);
      gtk_editable_set_text (GTK_EDITABLE (self->date_row), signal->date != NULL ? signal->date : "");
      gtk_editable_set_text (GTK_EDITABLE (self->source_row), signal->source != NULL ? signal->source : "");
      gtk_switch_set_active (self->required_switch, signal->required);
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("Add Custom Signal"));
      gtk_button_set_label (self->save_button, _("_Add"));
      gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
      adw_combo_row_set_selected (self->comparison_row, KEEL_COMPARISON_GE);
      gtk_switch_set_active (self->required_switch, FALSE);
    }
  update_sensitivity (self);

  return GTK_WIDGET (self);
}

gboolean
keel_custom_signal_dialog_save (KeelCustomSignalDialog  *self,
                                GError                 **error)
{
  g_autoptr(KeelSignal) draft = NULL;
  g_autofree char *name = NULL;
  const char *date, *source;
  guint comparison;

  g_return_val_if_fail (KEEL_IS_CUSTOM_SIGNAL_DIALOG (self), FALSE);

  name = g_strstrip (g_strdup (entry_text (self->name_row)));
  date = entry_text (self->date_row);
  source = entry_text (self->source_row);

  if (name[0] == '\0')
    {
      g_set_error_literal (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                           _("A custom signal needs a name"));
      return FALSE;
    }
  if (date[0] != '\0' && !keel_date_is_valid (date))
    {
      g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                   _("“%s” is not a date: write it as YYYY-MM-DD"), date);
      return FALSE;
    }

  if (self->signal != NULL)
    draft = keel_signal_copy (self->signal);
  else
    {
      g_autofree char *id = keel_project_new_id (self->project, "sig");
      draft = keel_signal_new (id, KEEL_SIGNAL_KIND_CUSTOM);
      draft->position = g_list_model_get_n_items (keel_project_get_signals (self->project));
    }

  g_free (draft->name);
  draft->name = g_strdup (name);
  draft->has_value = TRUE;
  draft->value = gtk_spin_button_get_value (self->value_spin);
  draft->has_target = TRUE;
  draft->target = gtk_spin_button_get_value (self->target_spin);
  comparison = adw_combo_row_get_selected (self->comparison_row);
  draft->comparison = comparison < KEEL_N_COMPARISONS ? (KeelComparison) comparison : KEEL_COMPARISON_GE;
  g_free (draft->date);
  draft->date = date[0] != '\0' ? g_strdup (date) : NULL;
  g_free (draft->source);
  draft->source = source[0] != '\0' ? g_strdup (source) : NULL;
  draft->required = gtk_switch_get_active (self->required_switch);

  if (self->signal != NULL)
    return keel_project_update_signal (self->project, draft, error);
  return keel_project_add_signal (self->project, draft, error);
}
