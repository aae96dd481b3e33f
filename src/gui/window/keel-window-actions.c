/* keel-window-actions.c: the window's actions — the primary menu, undo and redo, the
 * views, the findings panel, the as-of date — and their shortcuts.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-window"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "keel-csv.h"
#include "keel-json.h"
#include "keel-preferences-window.h"
#include "keel-tasks.h"
#include "keel-window-private.h"

#include "keel-report.h"

/* ---- Helpers ---- */

static GtkWidget *
find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget) && gtk_widget_is_visible (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_search_entry (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkFileChooserNative *
new_chooser (KeelWindow           *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action,
                                                               accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  return chooser;
}

static void
add_filter (GtkFileChooserNative *chooser,
            const char           *name,
            const char           *mime_type,
            const char           *suffix)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  if (suffix != NULL)
    gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
}

static char *
suggested_name (KeelWindow *self,
                const char *extension)
{
  const char *name = keel_project_get_name (self->project);
  char *suggested = g_strdup_printf ("%s.%s", name != NULL && name[0] != '\0' ? name : _("Untitled Project"),
                                     extension);
  return g_strdelimit (suggested, "/", '-');
}

/* ---- Import Data ---- */

/* Which dataset a CSV file holds, from the first cell of its header. */
static gboolean
guess_dataset (GFile       *file,
               KeelDataset *out_dataset,
               GError     **error)
{
  g_autoptr(KeelCsvReader) reader = keel_csv_reader_new_for_file (file, NULL, error);
  const KeelCsvField *field;
  g_autofree char *first = NULL;

  if (reader == NULL)
    return FALSE;
  if (!keel_csv_reader_next (reader, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_HEADER,
                     _("%s: the file is empty"), keel_csv_reader_get_name (reader));
      return FALSE;
    }

  field = keel_csv_reader_get_field (reader, 0);
  first = g_ascii_strdown (field != NULL ? field->text : "", -1);
  g_strstrip (first);
  if (g_str_equal (first, "cohort"))
    *out_dataset = KEEL_DATASET_RETENTION;
  else if (g_str_equal (first, "answer"))
    *out_dataset = KEEL_DATASET_SURVEY;
  else if (g_str_equal (first, "period"))
    *out_dataset = KEEL_DATASET_ACQUISITION;
  else
    {
      g_set_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_HEADER,
                   _("%s:1:1: the first column must be “cohort” (retention), “answer” (survey) "
                     "or “period” (acquisition)"),
                   keel_csv_reader_get_name (reader));
      return FALSE;
    }
  return TRUE;
}

static void
import_csv_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(KeelWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint64 n_rows = 0;

  /* The window shows another project now, or none: the rows are not wanted. */
  if (self->project != KEEL_PROJECT (source))
    return;
  if (!keel_csv_import_finish (self->project, result, &n_rows, &error))
    {
      _keel_window_show_error (self, _("Could Not Import the File"), error);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Imported %'" PRIu64 " row",
                                          "Imported %'" PRIu64 " rows",
                                          n_rows),
                             n_rows);
  keel_window_add_toast (self, message, TRUE);
}

static void
import_csv (KeelWindow *self,
            GFile      *file)
{
  g_autoptr(GError) error = NULL;
  KeelDataset dataset;
  KeelSignalKind kind;

  if (!guess_dataset (file, &dataset, &error))
    {
      _keel_window_show_error (self, _("Could Not Import the File"), error);
      return;
    }

  kind = dataset == KEEL_DATASET_RETENTION ? KEEL_SIGNAL_KIND_RETENTION_PLATEAU
         : dataset == KEEL_DATASET_SURVEY ? KEEL_SIGNAL_KIND_SEAN_ELLIS
         : KEEL_SIGNAL_KIND_ORGANIC_GROWTH;

  /* Import through the signal's own page, so that the rows and any error show there. */
  for (guint i = 0; self->gate != NULL && i < self->gate->results->len; i++)
    {
      const KeelSignalResult *result = g_ptr_array_index (self->gate->results, i);

      if (result->kind == kind)
        {
          keel_window_reveal_subject (self, KEEL_SUBJECT_SIGNAL, result->signal->id);
          keel_signal_detail_import_file_async (keel_fit_view_get_detail (self->fit_view), file,
                                                NULL, NULL, NULL);
          return;
        }
    }

  /* No signal shows this dataset (the user deleted it): import all the same, reading
   * the file in a worker thread. */
  keel_csv_import_async (self->project, dataset, file, NULL, NULL, import_csv_done_cb,
                         g_object_ref (self));
}

/* A JSON export becomes a new untitled project in a window of its own. */
static void
import_json (KeelWindow *self,
             GFile      *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelProject) project = NULL;
  KeelWindow *window;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
    {
      _keel_window_show_error (self, _("Could Not Import the File"), error);
      return;
    }

  document = keel_document_new_untitled (&error);
  if (document != NULL)
    project = keel_project_load (document, &error);
  if (project == NULL || !keel_json_import (project, contents, length, &error))
    {
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Import “%s”"), basename);

      g_clear_object (&project);
      if (document != NULL)
        keel_document_close (document);
      _keel_window_show_error (self, heading, error);
      return;
    }
  g_clear_object (&project);

  window = keel_window_new (KEEL_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  if (!keel_window_set_document (window, document, &error))
    {
      keel_document_close (document);
      gtk_window_destroy (GTK_WINDOW (window));
      _keel_window_show_error (self, _("Could Not Import the File"), error);
      return;
    }
  gtk_window_present (GTK_WINDOW (window));
}

static void
import_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            KeelWindow      *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *basename = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file == NULL || self->project == NULL)
    return;

  basename = g_file_get_basename (file);
  if (basename != NULL && g_str_has_suffix (g_ascii_strdown (basename, -1), ".json"))
    import_json (self, file);
  else
    import_csv (self, file);
}

/* ---- Export JSON ---- */

gboolean
keel_window_export_json (KeelWindow  *self,
                         GFile       *file,
                         GError     **error)
{
  g_autofree char *json = NULL;
  gsize length = 0;

  g_return_val_if_fail (KEEL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->project != NULL, FALSE);

  json = keel_json_export (self->project, &length, error);
  return json != NULL &&
         keel_report_write_file (file, json, length, error);
}

static void
export_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            KeelWindow      *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file == NULL || self->project == NULL)
    return;

  if (!keel_window_export_json (self, file, &error))
    {
      _keel_window_show_error (self, _("Could Not Export the Project"), error);
      return;
    }

  basename = g_file_get_basename (file);
  message = g_strdup_printf (_("Exported to “%s”"), basename);
  keel_window_add_toast (self, message, FALSE);
}

/* The report as the window shows the project: as of the view's date. Markdown for a
 * ".md" file, PDF otherwise. */
gboolean
keel_window_write_report (KeelWindow  *self,
                          GFile       *file,
                          GError     **error)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (basename != NULL ? basename : "", -1);

  if (self->gate == NULL)
    {
      g_set_error_literal (error, KEEL_REPORT_ERROR, KEEL_REPORT_ERROR_RENDER,
                           _("The signals could not be computed"));
      return FALSE;
    }

  if (g_str_has_suffix (lower, ".md") || g_str_has_suffix (lower, ".markdown"))
    {
      g_autofree char *markdown = keel_report_markdown (self->project, self->gate, self->findings);
      return keel_report_write_file (file, markdown, strlen (markdown), error);
    }
  else
    {
      g_autoptr(GBytes) pdf = keel_report_pdf_bytes (self->project, self->gate, self->findings, error);
      gsize length = 0;
      const char *data;

      if (pdf == NULL)
        return FALSE;
      data = g_bytes_get_data (pdf, &length);
      return keel_report_write_file (file, data, length, error);
    }
}

static void
report_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KeelWindow *self = g_task_get_source_object (task);
  GFile *file = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *message = NULL;

  gboolean shown;

  self->reports_running--;
  /* A window closed meanwhile shows nothing any more. */
  shown = self->project != NULL;
  if (shown)
    _keel_window_update_actions (self);

  if (!keel_report_write_finish (result, &error))
    {
      if (shown && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _keel_window_show_error (self, _("Could Not Write the Report"), error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  message = g_strdup_printf (_("Report saved as “%s”"), basename);
  if (shown)
    keel_window_add_toast (self, message, FALSE);
  g_task_return_boolean (task, TRUE);
}

/* Report… writes in a worker thread from a copy of the project taken now; the action
 * waits (insensitive) until the file is written, then a toast says so or a dialog
 * shows the error. */
void
keel_window_write_report_async (KeelWindow          *self,
                                GFile               *file,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KEEL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, keel_window_write_report_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);

  if (self->project == NULL || self->gate == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (KEEL_REPORT_ERROR, KEEL_REPORT_ERROR_RENDER,
                                                     _("The signals could not be computed"));
      _keel_window_show_error (self, _("Could Not Write the Report"), error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->reports_running++;
  _keel_window_update_actions (self);
  keel_report_write_async (self->project, self->gate, file, NULL, report_written_cb,
                           g_steal_pointer (&task));
}

gboolean
keel_window_write_report_finish (KeelWindow    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (KEEL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
keel_window_is_writing_report (KeelWindow *self)
{
  g_return_val_if_fail (KEEL_IS_WINDOW (self), FALSE);
  return self->reports_running > 0;
}

static void
report_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            KeelWindow      *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file == NULL || self->project == NULL)
    return;

  keel_window_write_report_async (self, file, NULL, NULL);
}

/* ---- Actions ---- */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KeelWindow *self = KEEL_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->project == NULL || !keel_project_can_undo (self->project))
    return;
  if (!keel_project_undo (self->project, &error))
    keel_window_add_toast (self, error->message, FALSE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KeelWindow *self = KEEL_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->project == NULL || !keel_project_can_redo (self->project))
    return;
  if (!keel_project_redo (self->project, &error))
    keel_window_add_toast (self, error->message, FALSE);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _keel_window_save_as (KEEL_WINDOW (widget), FALSE);
}

static void
save_copy_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _keel_window_save_as (KEEL_WINDOW (widget), TRUE);
}

static void
retry_save_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  _keel_window_retry_save (KEEL_WINDOW (widget));
}

static void
import_data_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KeelWindow *self = KEEL_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->project == NULL)
    return;

  chooser = new_chooser (self, _("Import Data"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"));
  gtk_file_filter_set_name (all, _("CSV Datasets and JSON Projects"));
  gtk_file_filter_add_mime_type (all, "text/csv");
  gtk_file_filter_add_mime_type (all, "application/json");
  gtk_file_filter_add_suffix (all, "csv");
  gtk_file_filter_add_suffix (all, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  add_filter (chooser, _("CSV Datasets (Retention, Survey, Acquisition)"), "text/csv", "csv");
  add_filter (chooser, _("Keel Projects as JSON"), "application/json", "json");
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_json_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KeelWindow *self = KEEL_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->project == NULL)
    return;

  chooser = new_chooser (self, _("Export JSON"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));
  add_filter (chooser, _("JSON Files"), "application/json", "json");
  name = suggested_name (self, "json");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
report_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KeelWindow *self = KEEL_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->project == NULL)
    return;

  chooser = new_chooser (self, _("Save Readiness Report"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  if (keel_report_can_pdf ())
    add_filter (chooser, _("PDF Documents"), "application/pdf", "pdf");
  add_filter (chooser, _("Markdown Documents"), "text/markdown", "md");
  name = suggested_name (self, keel_report_can_pdf () ? "pdf" : "md");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (report_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KeelWindow *self = KEEL_WINDOW (widget);
  KeelApplication *app = KEEL_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  GtkWidget *preferences;

  if (self->project == NULL)
    return;

  preferences = keel_preferences_window_new (GTK_WINDOW (self), self->project,
                                             app != NULL ? keel_application_get_settings (app) : NULL);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KeelWindow *self = KEEL_WINDOW (widget);
  GtkWidget *page = adw_view_stack_get_visible_child (self->view_stack);
  GtkWidget *entry;

  if (self->project == NULL || page == NULL)
    return;

  if (page == GTK_WIDGET (self->fit_view))
    {
      keel_fit_view_focus_search (self->fit_view);
      return;
    }

  /* The other views are self-contained: search in whatever search entry they show. */
  entry = find_search_entry (page);
  if (entry != NULL)
    gtk_widget_grab_focus (entry);
}

static void
toggle_findings_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KeelWindow *self = KEEL_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  keel_window_show_view (KEEL_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
as_of_today_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KeelWindow *self = KEEL_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  keel_window_set_as_of (self, NULL);
  gtk_calendar_select_day (self->as_of_calendar, now);
  gtk_menu_button_popdown (self->as_of_button);
}

static void
undo_toast_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  keel_window_add_toast (KEEL_WINDOW (widget), g_variant_get_string (parameter, NULL), TRUE);
}

/* ---- Class set-up and state ---- */

void
_keel_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.save-copy", NULL, save_copy_action);
  gtk_widget_class_install_action (widget_class, "win.retry-save", NULL, retry_save_action);
  gtk_widget_class_install_action (widget_class, "win.import-data", NULL, import_data_action);
  gtk_widget_class_install_action (widget_class, "win.export-json", NULL, export_json_action);
  gtk_widget_class_install_action (widget_class, "win.report", NULL, report_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-findings", NULL, toggle_findings_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.as-of-today", NULL, as_of_today_action);
  /* For the self-contained views: "Item deleted" with an Undo button. */
  gtk_widget_class_install_action (widget_class, "win.undo-toast", "s", undo_toast_action);

  /* Undo and redo are bound here rather than as application accelerators so that a
   * text entry with the focus keeps Ctrl+Z for its own text. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-view", "s", "fit");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-view", "s", "board");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-view", "s", "debt");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-view", "s", "evidence");
}

void
_keel_window_update_actions (KeelWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_project = self->project != NULL;
  gboolean writable = has_project && !keel_document_is_read_only (self->document);

  gtk_widget_action_set_enabled (widget, "win.undo", writable && keel_project_can_undo (self->project));
  gtk_widget_action_set_enabled (widget, "win.redo", writable && keel_project_can_redo (self->project));
  gtk_widget_action_set_enabled (widget, "win.save-as", has_project);
  gtk_widget_action_set_enabled (widget, "win.save-copy", has_project);
  gtk_widget_action_set_enabled (widget, "win.retry-save",
                                 has_project && self->save_state == KEEL_SAVE_STATE_FAILED);
  gtk_widget_action_set_enabled (widget, "win.import-data", writable);
  gtk_widget_action_set_enabled (widget, "win.export-json", has_project);
  gtk_widget_action_set_enabled (widget, "win.report", has_project && self->reports_running == 0);
  gtk_widget_action_set_enabled (widget, "win.preferences", has_project);
  gtk_widget_action_set_enabled (widget, "win.find", has_project);
  gtk_widget_action_set_enabled (widget, "win.toggle-findings", has_project);
  gtk_widget_action_set_enabled (widget, "win.show-view", has_project);
  gtk_widget_action_set_enabled (widget, "win.as-of-today", has_project);
  gtk_widget_action_set_enabled (widget, "win.undo-toast", has_project);
}
