/* test-window.c: the Keel window driven as a person would — the sample, the fit view,
 * an edit and its undo, a refused file, crash recovery, write-back and conflicts.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <unistd.h>

#include "keel-chart.h"
#include "keel-custom-signal-dialog.h"
#include "keel-preferences-window.h"
#include "keel-dataset-browser.h"
#include "keel-fit-view.h"
#include "keel-findings-panel.h"
#include "keel-format.h"
#include "keel-gui-test.h"
#include "keel-signal-detail.h"
#include "keel-welcome-page.h"
#include "keel-window-private.h"

/* ---- Helpers ---- */

/* A project file on disk named @name, written once and closed. */
static GFile *
make_project_file (const char *dir,
                   const char *basename,
                   const char *name)
{
  g_autofree char *path = g_build_filename (dir, basename, NULL);
  GFile *file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDocument) document = keel_document_create (file, &error);
  g_autoptr(KeelProject) project = NULL;

  g_assert_no_error (error);
  project = keel_project_load (document, &error);
  g_assert_no_error (error);
  g_assert_true (keel_project_set_name (project, name, &error));
  g_assert_no_error (error);
  g_assert_true (keel_document_write_back (document, KEEL_WRITE_BACK_DEFAULT, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&project);
  keel_document_close (document);
  return file;
}

/* The project name stored in a .keel file, read with SQLite directly. */
static char *
read_name_on_disk (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *name = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = 'name'", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return name;
}

static gboolean
is_saved (gpointer data)
{
  return keel_window_get_save_state (data) == KEEL_SAVE_STATE_SAVED && !KEEL_WINDOW (data)->writing &&
         KEEL_WINDOW (data)->write_back_source == 0;
}

static gboolean
has_dialog (gpointer data)
{
  return keel_gui_test_find_dialog (data) != NULL;
}

static guint
findings_count_shown (KeelWindow *window)
{
  return (guint) g_ascii_strtoull (gtk_label_get_label (window->findings_count), NULL, 10);
}

static gboolean
findings_have_rule (KeelWindow *window,
                    const char *rule)
{
  GPtrArray *findings = keel_window_get_findings (window);

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    if (g_str_equal (((KeelFinding *) findings->pdata[i])->rule, rule))
      return TRUE;
  return FALSE;
}

/* ---- The sample and the fit view ---- */

static void
test_sample_opens_untitled (void)
{
  KeelWindow *window = keel_gui_test_open_sample ();
  KeelProject *project = keel_window_get_project (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelGate) gate = keel_gate_compute (project, NULL, &error);
  g_autoptr(GPtrArray) findings = NULL;

  g_assert_no_error (error);
  g_assert_true (keel_document_is_untitled (keel_window_get_document (window)));
  g_assert_null (keel_window_get_file (window));
  g_assert_cmpint (keel_window_get_save_state (window), ==, KEEL_SAVE_STATE_UNTITLED);
  g_assert_cmpstr (keel_window_get_visible_view (window), ==, "fit");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "project");
  g_assert_cmpuint (g_list_model_get_n_items (keel_project_get_items (project)), >, 0);

  /* Loading the sample is no undo step: Ctrl+Z must not empty it. */
  g_assert_false (keel_project_can_undo (project));
  {
    guint n_items = g_list_model_get_n_items (keel_project_get_items (project));
    gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
    keel_gui_test_iterate ();
    g_assert_cmpuint (g_list_model_get_n_items (keel_project_get_items (project)), ==, n_items);
  }

  /* The header says what the core computes. */
  g_assert_cmpint (keel_window_get_gate (window)->passed, ==, gate->passed);
  g_assert_cmpuint (keel_window_get_gate (window)->met, ==, gate->met);
  g_assert_cmpuint (keel_window_get_gate (window)->required, ==, gate->required);
  findings = keel_checks_run (project, gate);
  g_assert_cmpuint (keel_window_get_findings (window)->len, ==, findings->len);
  g_assert_cmpuint (findings_count_shown (window), ==, findings->len);
  g_assert_cmpuint (findings->len, >, 0);

  keel_gui_test_close_all ();
}

static void
test_fit_rows_match_core (void)
{
  KeelWindow *window = keel_gui_test_open_sample ();
  KeelProject *project = keel_window_get_project (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelGate) gate = keel_gate_compute (project, NULL, &error);
  guint i;

  g_assert_no_error (error);
  g_assert_cmpuint (gate->results->len, >=, 3);

  for (i = 0; i < gate->results->len; i++)
    {
      const KeelSignalResult *result = g_ptr_array_index (gate->results, i);
      GtkWidget *row = keel_fit_view_get_row (window->fit_view, i);
      g_autofree char *value = keel_format_signal_value (result);
      g_autofree char *threshold = keel_format_signal_threshold (result);
      g_autofree char *optional = g_strdup_printf ("%s (optional)", result->name);
      const char *title, *subtitle;

      g_assert_true (ADW_IS_ACTION_ROW (row));
      title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
      subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
      g_assert_cmpstr (title, ==, result->required ? result->name : optional);
      g_assert_nonnull (strstr (subtitle, threshold));
      if (result->state != KEEL_SIGNAL_STATE_NO_DATA)
        g_assert_nonnull (strstr (subtitle, value));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (row), ==, result->explanation);
    }
  g_assert_null (keel_fit_view_get_row (window->fit_view, i));

  /* Each data signal's detail draws its charts, each described in words. */
  for (i = 0; i < gate->results->len; i++)
    {
      const KeelSignalResult *result = g_ptr_array_index (gate->results, i);
      KeelSignalDetail *detail = keel_fit_view_get_detail (window->fit_view);
      GPtrArray *charts;
      guint expected = result->kind == KEEL_SIGNAL_KIND_RETENTION_PLATEAU ? 1
                       : result->kind == KEEL_SIGNAL_KIND_ORGANIC_GROWTH ? 2
                       : result->kind == KEEL_SIGNAL_KIND_SEAN_ELLIS ? 3 : 0;

      keel_window_reveal_subject (window, KEEL_SUBJECT_SIGNAL, result->signal->id);
      keel_gui_test_iterate ();
      g_assert_cmpstr (keel_fit_view_get_selected_signal (window->fit_view), ==, result->signal->id);
      charts = keel_signal_detail_get_charts (detail);
      g_assert_cmpuint (charts->len, ==, expected);
      for (guint c = 0; c < charts->len; c++)
        {
          const char *description = keel_chart_get_description (charts->pdata[c]);
          g_assert_nonnull (description);
          g_assert_cmpuint (strlen (description), >, 10);
        }
    }

  keel_gui_test_close_all ();
}

static void
test_as_of_recomputes (void)
{
  KeelWindow *window = keel_gui_test_open_sample ();
  KeelProject *project = keel_window_get_project (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelGate) then = keel_gate_compute (project, "2026-09-01", &error);

  g_assert_no_error (error);
  keel_window_set_as_of (window, "2026-09-01");
  g_assert_cmpstr (keel_window_get_gate (window)->as_of, ==, "2026-09-01");
  g_assert_cmpuint (keel_window_get_gate (window)->met, ==, then->met);
  for (guint i = 0; i < then->results->len; i++)
    g_assert_cmpint (((KeelSignalResult *) keel_window_get_gate (window)->results->pdata[i])->state, ==,
                     ((KeelSignalResult *) then->results->pdata[i])->state);

  /* Today again: the as-of date is a view option, never saved. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.as-of-today", NULL));
  g_assert_null (keel_window_get_as_of (window));
  g_assert_false (keel_project_can_undo (project));

  keel_gui_test_close_all ();
}

/* ---- An edit, the findings, and undo ---- */

static void
test_edit_updates_findings_and_undo (void)
{
  KeelWindow *window = keel_gui_test_open_sample ();
  KeelProject *project = keel_window_get_project (window);
  KeelSignalDetail *detail;
  KeelDatasetBrowser *browser;
  GtkSelectionModel *selection;
  guint64 rows_before, n_items;
  guint findings_before;
  g_autoptr(GError) error = NULL;

  findings_before = findings_count_shown (window);
  g_assert_false (findings_have_rule (window, "thin-sample"));
  rows_before = keel_project_count_rows (project, KEEL_DATASET_SURVEY);
  g_assert_cmpuint (rows_before, >, 40);

  /* Select all but ten survey answers in the fit view and delete them. */
  detail = keel_gui_test_show_signal (window, "sig-se");
  browser = keel_signal_detail_get_browser (detail);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (keel_dataset_browser_get_model (browser)));
  g_assert_cmpuint (n_items, ==, rows_before);
  selection = keel_dataset_browser_get_selection (browser);
  g_assert_true (gtk_selection_model_select_range (selection, 0, (guint) n_items - 10, TRUE));
  g_assert_true (keel_dataset_browser_delete_selected (browser, &error));
  g_assert_no_error (error);
  keel_gui_test_iterate ();

  /* The working copy has the edit; the list, the findings and their count follow. */
  g_assert_cmpuint (keel_project_count_rows (project, KEEL_DATASET_SURVEY), ==, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (keel_dataset_browser_get_model (browser))), ==, 10);
  g_assert_true (findings_have_rule (window, "thin-sample"));
  g_assert_cmpuint (findings_count_shown (window), ==, keel_window_get_findings (window)->len);
  g_assert_cmpuint (findings_count_shown (window), !=, findings_before);
  g_assert_cmpuint (g_list_model_get_n_items (keel_findings_panel_get_model (window->findings_panel)), >,
                    keel_window_get_findings (window)->len);

  /* Ctrl+Z through the window's action brings every row back, as one step. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  keel_gui_test_iterate ();
  g_assert_cmpuint (keel_project_count_rows (project, KEEL_DATASET_SURVEY), ==, rows_before);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (keel_dataset_browser_get_model (browser))), ==, rows_before);
  g_assert_false (findings_have_rule (window, "thin-sample"));
  g_assert_cmpuint (findings_count_shown (window), ==, findings_before);

  /* And redo does it again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  keel_gui_test_iterate ();
  g_assert_cmpuint (keel_project_count_rows (project, KEEL_DATASET_SURVEY), ==, 10);
  g_assert_true (findings_have_rule (window, "thin-sample"));

  keel_gui_test_close_all ();
}

static void
test_findings_panel_reveals_subject (void)
{
  KeelWindow *window = keel_gui_test_open_sample ();
  GListModel *model = keel_findings_panel_get_model (window->findings_panel);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-findings", NULL));
  keel_gui_test_iterate ();
  g_assert_true (adw_flap_get_reveal_flap (window->flap));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);

  /* Headings group the findings by severity, in the public order. */
  {
    g_autoptr(KeelFindingEntry) first = g_list_model_get_item (model, 0);
    g_assert_true (keel_finding_entry_is_heading (first));
  }

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KeelFindingEntry) entry = g_list_model_get_item (model, i);

      if (keel_finding_entry_is_heading (entry))
        continue;
      g_signal_emit_by_name (window->findings_panel, "finding-activated",
                             (int) keel_finding_entry_get_subject_type (entry),
                             keel_finding_entry_get_subject_id (entry));
      keel_gui_test_iterate ();
      switch (keel_finding_entry_get_subject_type (entry))
        {
        case KEEL_SUBJECT_SIGNAL:
          g_assert_cmpstr (keel_window_get_visible_view (window), ==, "fit");
          g_assert_cmpstr (keel_fit_view_get_selected_signal (window->fit_view), ==,
                           keel_finding_entry_get_subject_id (entry));
          break;
        case KEEL_SUBJECT_ITEM:
        case KEEL_SUBJECT_PROJECT:
          g_assert_cmpstr (keel_window_get_visible_view (window), ==, "board");
          break;
        case KEEL_SUBJECT_DEBT:
          g_assert_cmpstr (keel_window_get_visible_view (window), ==, "debt");
          break;
        default:
          g_assert_not_reached ();
        }
    }
  keel_gui_test_close_all ();
}

/* ---- Files: refused, recovered, written back, changed on disk ---- */

static void
test_refused_file_shows_message (void)
{
  KeelWindow *window = keel_window_new (keel_gui_test_get_app ());
  g_autofree char *dir = keel_gui_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "notes.keel", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *contents = "These are meeting notes, not a Keel project.\n";
  g_autoptr(GError) expected = NULL;
  g_autoptr(KeelDocument) none = NULL;
  g_autofree char *after = NULL;
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  none = keel_document_open (file, KEEL_DOCUMENT_OPEN_DEFAULT, NULL, &expected);
  g_assert_null (none);
  g_assert_nonnull (expected);

  gtk_window_present (GTK_WINDOW (window));
  keel_window_open_file (window, file);
  g_assert_true (keel_gui_test_wait_for (has_dialog, window));

  dialog = keel_gui_test_find_dialog (GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, expected->message);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "notes.keel"));
  g_assert_null (keel_window_get_project (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "welcome");

  /* Nothing touched: the same bytes, no side files. */
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, contents);
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    g_assert_cmpstr (g_dir_read_name (listing), ==, "notes.keel");
    g_assert_null (g_dir_read_name (listing));
  }

  keel_gui_test_close_all ();
  g_unlink (path);
  g_rmdir (dir);
}

static const char *self_path;

/* Edits @path's project and dies without closing it, as a crashed Keel would. */
static void
crash_while_editing (const char *path,
                     const char *new_name)
{
  const char *argv[] = { self_path, "--keel-crash-edit", path, new_name, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  /* The isolated folders of this test live in GLib's caches, not in the environment:
   * hand them to the child so that it uses the same working copies. */
  envp = g_environ_setenv (envp, "HOME", g_get_home_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_STATE_HOME", g_get_user_state_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_RUNTIME_DIR", g_get_user_runtime_dir (), TRUE);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static int
crash_edit_main (const char *path,
                 const char *new_name)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  KeelDocument *document = keel_document_open (file, KEEL_DOCUMENT_OPEN_DEFAULT, NULL, &error);
  KeelProject *project;

  if (document == NULL)
    {
      g_printerr ("crash-edit: %s\n", error->message);
      return 3;
    }
  project = keel_project_load (document, &error);
  if (project == NULL || !keel_project_set_name (project, new_name, &error))
    {
      g_printerr ("crash-edit: %s\n", error->message);
      return 3;
    }
  /* No write-back, no close: the process just ends. */
  _exit (0);
}

static void
test_crash_recovery_offered (void)
{
  KeelApplication *app = keel_gui_test_get_app ();
  g_autofree char *dir = keel_gui_test_make_tmpdir ();
  g_autoptr(GFile) file = make_project_file (dir, "plan.keel", "Before");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *on_disk = NULL;
  KeelWindow *window;
  AdwMessageDialog *dialog;

  crash_while_editing (path, "Edited before the crash");
  on_disk = read_name_on_disk (file);
  g_assert_cmpstr (on_disk, ==, "Before");

  /* The welcome page offers the unsaved work. */
  window = keel_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  keel_gui_test_iterate ();
  keel_welcome_page_refresh (window->welcome_page);
  g_assert_cmpuint (keel_welcome_page_get_n_recoverable (window->welcome_page), ==, 1);

  /* Opening the file asks; recovering continues with the edit. */
  keel_window_open_file (window, file);
  g_assert_true (keel_gui_test_wait_for (has_dialog, window));
  dialog = keel_gui_test_find_dialog (GTK_WINDOW (window));
  g_assert_true (adw_message_dialog_has_response (dialog, "recover"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_null (keel_window_get_project (window));
  adw_message_dialog_response (dialog, "recover");
  keel_gui_test_iterate ();

  g_assert_nonnull (keel_window_get_project (window));
  g_assert_cmpstr (keel_project_get_name (keel_window_get_project (window)), ==, "Edited before the crash");

  /* The recovered edit reaches the file by write-back. */
  g_assert_true (keel_gui_test_wait_for (is_saved, window));
  g_clear_pointer (&on_disk, g_free);
  on_disk = read_name_on_disk (file);
  g_assert_cmpstr (on_disk, ==, "Edited before the crash");

  keel_gui_test_close_all ();
}

static void
test_crash_recovery_discard (void)
{
  KeelApplication *app = keel_gui_test_get_app ();
  g_autofree char *dir = keel_gui_test_make_tmpdir ();
  g_autoptr(GFile) file = make_project_file (dir, "plan.keel", "Before");
  g_autofree char *path = g_file_get_path (file);
  KeelWindow *window;
  AdwMessageDialog *dialog;

  crash_while_editing (path, "Lost on purpose");

  window = keel_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  keel_window_open_file (window, file);
  g_assert_true (keel_gui_test_wait_for (has_dialog, window));
  dialog = keel_gui_test_find_dialog (GTK_WINDOW (window));
  adw_message_dialog_response (dialog, "discard");
  keel_gui_test_iterate ();

  g_assert_nonnull (keel_window_get_project (window));
  g_assert_cmpstr (keel_project_get_name (keel_window_get_project (window)), ==, "Before");

  keel_gui_test_close_all ();
}

static void
test_write_back_and_conflict (void)
{
  KeelApplication *app = keel_gui_test_get_app ();
  g_autofree char *dir = keel_gui_test_make_tmpdir ();
  g_autoptr(GFile) file = make_project_file (dir, "plan.keel", "Mine");
  g_autoptr(GFile) other = make_project_file (dir, "other.keel", "Theirs");
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = NULL;
  KeelWindow *window;
  KeelProject *project;
  AdwMessageDialog *dialog;

  keel_application_open_file (app, file);
  keel_gui_test_iterate ();
  window = KEEL_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  project = keel_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_cmpint (keel_window_get_save_state (window), ==, KEEL_SAVE_STATE_SAVED);

  /* Opening the same file again shows the same window. */
  keel_application_open_file (app, file);
  g_assert_true (KEEL_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app))) == window);

  /* An edit is written back shortly after. */
  g_assert_true (keel_project_set_name (project, "Mine, edited", &error));
  g_assert_no_error (error);
  g_assert_cmpint (keel_window_get_save_state (window), ==, KEEL_SAVE_STATE_SAVING);
  g_assert_true (keel_gui_test_wait_for (is_saved, window));
  on_disk = read_name_on_disk (file);
  g_assert_cmpstr (on_disk, ==, "Mine, edited");

  /* Another program replaces the file; the next write-back stops and asks. */
  g_assert_true (g_file_copy (other, file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (keel_project_set_name (project, "Mine, again", &error));
  g_assert_true (keel_gui_test_wait_for (has_dialog, window));
  dialog = keel_gui_test_find_dialog (GTK_WINDOW (window));
  g_assert_true (adw_message_dialog_has_response (dialog, "theirs"));
  g_assert_true (adw_message_dialog_has_response (dialog, "mine"));
  g_assert_true (adw_message_dialog_has_response (dialog, "copy"));
  g_assert_cmpint (keel_window_get_save_state (window), ==, KEEL_SAVE_STATE_FAILED);
  g_clear_pointer (&on_disk, g_free);
  on_disk = read_name_on_disk (file);
  g_assert_cmpstr (on_disk, ==, "Theirs");

  /* Keep mine: overwrite. */
  adw_message_dialog_response (dialog, "mine");
  g_assert_true (keel_gui_test_wait_for (is_saved, window));
  g_clear_pointer (&on_disk, g_free);
  on_disk = read_name_on_disk (file);
  g_assert_cmpstr (on_disk, ==, "Mine, again");

  /* Changed again behind our back; this time load theirs. */
  g_assert_true (g_file_copy (other, file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_true (keel_project_set_name (project, "Mine, once more", &error));
  g_assert_true (keel_gui_test_wait_for (has_dialog, window));
  dialog = keel_gui_test_find_dialog (GTK_WINDOW (window));
  adw_message_dialog_response (dialog, "theirs");
  keel_gui_test_iterate ();
  g_assert_nonnull (keel_window_get_project (window));
  g_assert_cmpstr (keel_project_get_name (keel_window_get_project (window)), ==, "Theirs");

  keel_gui_test_close_all ();
}

static void
test_untitled_close_asks (void)
{
  KeelWindow *window = keel_gui_test_open_sample ();
  AdwMessageDialog *dialog;
  g_autoptr(GPtrArray) after = NULL;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (keel_gui_test_wait_for (has_dialog, window));
  dialog = keel_gui_test_find_dialog (GTK_WINDOW (window));
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));

  /* Cancel keeps the window and the project. */
  adw_message_dialog_response (dialog, "cancel");
  keel_gui_test_iterate ();
  g_assert_nonnull (window);
  g_assert_nonnull (keel_window_get_project (window));

  /* Discard closes it, and the untitled project's working copy goes with it. */
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (keel_gui_test_wait_for (has_dialog, window));
  adw_message_dialog_response (keel_gui_test_find_dialog (GTK_WINDOW (window)), "discard");
  keel_gui_test_iterate ();
  g_assert_null (window);

  after = keel_document_list_recoverable ();
  for (guint i = 0; i < after->len; i++)
    g_assert_nonnull (((KeelRecoverable *) after->pdata[i])->document);

  keel_gui_test_close_all ();
}

static void
test_import_csv_error_in_place (void)
{
  KeelWindow *window = keel_gui_test_open_sample ();
  KeelProject *project = keel_window_get_project (window);
  KeelSignalDetail *detail = keel_gui_test_show_signal (window, "sig-se");
  g_autofree char *dir = keel_gui_test_make_tmpdir ();
  g_autoptr(GFile) bad = keel_gui_test_tmp_file (dir, "answers.csv",
                                                 "answer,date\n"
                                                 "Very disappointed,2026-11-01\n"
                                                 "Quite happy,2026-11-02\n");
  g_autoptr(GFile) good = keel_gui_test_tmp_file (dir, "more.csv",
                                                  "answer,date\n"
                                                  "Very disappointed,2026-11-01\n"
                                                  "Not disappointed,2026-11-02\n");
  g_autoptr(GError) error = NULL;
  guint64 rows_before = keel_project_count_rows (project, KEEL_DATASET_SURVEY);

  /* A bad row: the error names the file and line, shown in place; nothing imported. */
  g_assert_false (keel_gui_test_import_file (detail, bad, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (keel_signal_detail_get_import_error (detail));
  g_assert_nonnull (strstr (keel_signal_detail_get_import_error (detail), "answers.csv:3"));
  g_assert_cmpuint (keel_project_count_rows (project, KEEL_DATASET_SURVEY), ==, rows_before);
  g_clear_error (&error);

  /* A good file replaces the dataset, as one undo step. */
  g_assert_true (keel_gui_test_import_file (detail, good, &error));
  g_assert_no_error (error);
  g_assert_null (keel_signal_detail_get_import_error (detail));
  keel_gui_test_iterate ();
  g_assert_cmpuint (keel_project_count_rows (project, KEEL_DATASET_SURVEY), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  keel_gui_test_iterate ();
  g_assert_cmpuint (keel_project_count_rows (project, KEEL_DATASET_SURVEY), ==, rows_before);

  keel_gui_test_close_all ();
  keel_gui_test_remove_tmpdir (dir);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static void
test_menu_actions (void)
{
  KeelWindow *window = keel_gui_test_open_sample ();
  KeelProject *project = keel_window_get_project (window);
  g_autofree char *dir = keel_gui_test_make_tmpdir ();
  g_autoptr(GFile) json_file = keel_gui_test_tmp_file (dir, "tally.json", NULL);
  g_autoptr(GFile) report_file = keel_gui_test_tmp_file (dir, "tally.md", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GtkWindow *shortcuts, *preferences, *dialog;
  GtkWidget *spin, *entry;
  guint n_signals = g_list_model_get_n_items (keel_project_get_signals (project));

  /* Keyboard Shortcuts (Ctrl+?) lists the shortcuts. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  keel_gui_test_iterate ();
  shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  gtk_window_destroy (shortcuts);

  /* Preferences edits the project's settings, as an undoable step. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  keel_gui_test_iterate ();
  preferences = find_toplevel (KEEL_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  spin = keel_gui_test_find_of_type (GTK_WIDGET (preferences), GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (spin);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), 40.0, 1e-9);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 45.0);
  keel_gui_test_iterate ();
  g_assert_cmpfloat_with_epsilon (keel_project_get_settings (project)->pmf_threshold, 0.45, 1e-9);
  g_assert_cmpfloat_with_epsilon (keel_window_get_gate (window)->results->len > 0
                                  ? ((KeelSignalResult *) keel_gate_lookup (keel_window_get_gate (window), "sig-se"))->threshold
                                  : 0, 0.45, 1e-9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  keel_gui_test_iterate ();
  g_assert_cmpfloat_with_epsilon (keel_project_get_settings (project)->pmf_threshold, 0.4, 1e-9);
  /* The open window follows the undo. */
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), 40.0, 1e-9);
  gtk_window_destroy (preferences);

  /* A custom signal, added by hand, joins the checklist. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->fit_view), "fit.add-custom-signal", NULL));
  keel_gui_test_iterate ();
  dialog = find_toplevel (KEEL_TYPE_CUSTOM_SIGNAL_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_false (keel_custom_signal_dialog_save (KEEL_CUSTOM_SIGNAL_DIALOG (dialog), &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  entry = keel_gui_test_find_of_type (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Net revenue retention");
  g_assert_true (keel_custom_signal_dialog_save (KEEL_CUSTOM_SIGNAL_DIALOG (dialog), &error));
  g_assert_no_error (error);
  gtk_window_destroy (dialog);
  keel_gui_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (keel_project_get_signals (project)), ==, n_signals + 1);
  g_assert_nonnull (keel_fit_view_get_row (window->fit_view, n_signals));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  keel_gui_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (keel_project_get_signals (project)), ==, n_signals);
  g_assert_null (keel_fit_view_get_row (window->fit_view, n_signals));

  /* Export JSON and Report… write what the core makes. */
  g_assert_true (keel_window_export_json (window, json_file, &error));
  g_assert_no_error (error);
  contents = keel_gui_test_read_file (json_file, NULL);
  g_assert_nonnull (strstr (contents, "\"format\": \"keel-project\""));
  g_clear_pointer (&contents, g_free);
  g_assert_true (keel_window_write_report (window, report_file, &error));
  g_assert_no_error (error);
  contents = keel_gui_test_read_file (report_file, NULL);
  g_assert_nonnull (strstr (contents, keel_project_get_name (project)));

  keel_gui_test_close_all ();
  keel_gui_test_remove_tmpdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* The crash helper: a separate process that edits a project and dies. */
  if (argc == 4 && g_str_equal (argv[1], "--keel-crash-edit"))
    return crash_edit_main (argv[2], argv[3]);

  self_path = argv[0];
  keel_gui_test_init (&argc, &argv);

  g_test_add_func ("/keel/gui/window/sample-opens-untitled", test_sample_opens_untitled);
  g_test_add_func ("/keel/gui/window/fit-rows-match-core", test_fit_rows_match_core);
  g_test_add_func ("/keel/gui/window/as-of-recomputes", test_as_of_recomputes);
  g_test_add_func ("/keel/gui/window/edit-updates-findings-and-undo", test_edit_updates_findings_and_undo);
  g_test_add_func ("/keel/gui/window/findings-panel-reveals-subject", test_findings_panel_reveals_subject);
  g_test_add_func ("/keel/gui/window/refused-file-shows-message", test_refused_file_shows_message);
  g_test_add_func ("/keel/gui/window/crash-recovery-offered", test_crash_recovery_offered);
  g_test_add_func ("/keel/gui/window/crash-recovery-discard", test_crash_recovery_discard);
  g_test_add_func ("/keel/gui/window/write-back-and-conflict", test_write_back_and_conflict);
  g_test_add_func ("/keel/gui/window/untitled-close-asks", test_untitled_close_asks);
  g_test_add_func ("/keel/gui/window/import-csv-error-in-place", test_import_csv_error_in_place);
  g_test_add_func ("/keel/gui/window/menu-actions", test_menu_actions);

  return g_test_run ();
}
