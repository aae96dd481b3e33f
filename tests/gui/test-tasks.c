/* test-tasks.c: the work the window does in worker threads — CSV imports and the
 * report — and the channel classes of the organic-growth signal, edited in its detail.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-tasks"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "keel-csv.h"
#include "keel-db.h"
#include "keel-gui-test.h"
#include "keel-report.h"
#include "keel-schema.h"
#include "keel-signal-detail.h"
#include "keel-tasks.h"
#include "keel-window-private.h"

/* ---- Helpers ---- */

static const KeelSignalResult *
organic_result (KeelWindow *window)
{
  const KeelGate *gate = keel_window_get_gate (window);

  for (guint i = 0; gate != NULL && i < gate->results->len; i++)
    {
      const KeelSignalResult *result = g_ptr_array_index (gate->results, i);
      if (result->kind == KEEL_SIGNAL_KIND_ORGANIC_GROWTH)
        return result;
    }
  return NULL;
}

/* The organic-growth result shown; the test stops if there is none. */
static const KeelSignalResult *
organic_shown (KeelWindow *window)
{
  const KeelSignalResult *result = organic_result (window);

  if (result == NULL)
    g_error ("The window shows no organic-growth signal");
  return result;
}

typedef struct {
  KeelWindow *window;
  double      value;
} ValueWait;

static gboolean
organic_value_is (gpointer data)
{
  ValueWait *wait = data;
  const KeelSignalResult *result = organic_result (wait->window);

  return result != NULL && result->has_value && G_APPROX_VALUE (result->value, wait->value, 1e-9);
}

static gboolean
organic_value_is_not (gpointer data)
{
  ValueWait *wait = data;
  const KeelSignalResult *result = organic_result (wait->window);

  return result != NULL && result->has_value && !G_APPROX_VALUE (result->value, wait->value, 1e-9);
}

/* The organic share of the latest period of the sample, from its rows and classes. */
static double
latest_share (KeelWindow *window)
{
  const KeelSignalResult *result = organic_shown (window);
  KeelOrganicPoint *point;

  if (result->organic == NULL || result->organic->len == 0)
    g_error ("The organic-growth signal has no periods");
  point = g_ptr_array_index (result->organic, result->organic->len - 1);
  if (point == NULL)
    g_error ("The organic-growth signal has an empty period");
  return point->share;
}

static const char *
row_subtitle (AdwComboRow *row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* Whether the keyboard focus is on @widget or inside it. */
static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The reset button of a channel row. */
static gboolean
is_reset_button (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "edit-undo-symbolic") == 0;
}

/* ---- Channel classes ---- */

static void
test_channel_class_edit (KeelGuiTestSample *sample,
                         gconstpointer      data)
{
  AdwComboRow *row;
  GtkWidget *old_row;
  GtkWidget *reset;
  KeelChannelClass klass;
  ValueWait wait = { sample->window, 0 };
  double before;

  before = latest_share (sample->window);
  g_assert_true (organic_shown (sample->window)->has_value);
  g_assert_cmpfloat_with_epsilon (organic_shown (sample->window)->value, before, 1e-9);

  /* Every channel of the data has a row; "referral" counts as organic. */
  g_assert_nonnull (keel_signal_detail_get_channel_row (sample->detail, "ads"));
  g_assert_nonnull (keel_signal_detail_get_channel_row (sample->detail, "word of mouth"));
  row = keel_signal_detail_get_channel_row (sample->detail, "Referral");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (row)));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "referral");

  /* Paid, chosen from the keyboard: the organic share of the latest period drops, as
   * one undoable edit. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (row)));
  g_assert_true (has_focus_within (GTK_WIDGET (row)));
  old_row = GTK_WIDGET (row);
  g_object_add_weak_pointer (G_OBJECT (old_row), (gpointer *) &old_row);
  adw_combo_row_set_selected (row, 1);
  g_assert_true (keel_project_classify_channel (sample->project, "referral", &klass));
  g_assert_cmpint (klass, ==, KEEL_CHANNEL_CLASS_PAID);
  g_assert_cmpstr (keel_project_get_undo_label (sample->project), ==, "Change Channel Class");
  wait.value = before;
  g_assert_true (keel_gui_test_wait_for (organic_value_is_not, &wait));
  g_assert_cmpfloat (organic_shown (sample->window)->value, <, before);
  g_assert_cmpfloat_with_epsilon (organic_shown (sample->window)->value, latest_share (sample->window), 1e-9);
  /* The rows follow: referral is now shown as paid, in a new row that has the focus. */
  g_assert_null (old_row);
  row = keel_signal_detail_get_channel_row (sample->detail, "referral");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 1);
  g_assert_true (has_focus_within (GTK_WIDGET (row)));

  /* Undo restores the value and the row. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sample->window), "win.undo", NULL));
  g_assert_true (keel_gui_test_wait_for (organic_value_is, &wait));
  g_assert_true (keel_project_classify_channel (sample->project, "referral", &klass));
  g_assert_cmpint (klass, ==, KEEL_CHANNEL_CLASS_ORGANIC);
  row = keel_signal_detail_get_channel_row (sample->detail, "referral");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);

  /* The sample's own "referral" entry only repeats the default (an exported project
   * spells the defaults out): it reads as the default, with nothing to reset. */
  g_assert_true (g_hash_table_contains (keel_project_get_channel_classes (sample->project), "referral"));
  g_assert_cmpstr (row_subtitle (row), ==, "Default class");
  g_assert_null (keel_gui_test_find_widget (GTK_WIDGET (row), is_reset_button, NULL));

  /* A class of its own can be reset: the entry goes, the default (organic) applies and
   * the value comes back; undo brings the paid class back. */
  adw_combo_row_set_selected (row, 1);
  g_assert_true (keel_gui_test_wait_for (organic_value_is_not, &wait));
  row = keel_signal_detail_get_channel_row (sample->detail, "referral");
  g_assert_cmpstr (row_subtitle (row), ==, "Set for this project");
  reset = keel_gui_test_find_widget (GTK_WIDGET (row), is_reset_button, NULL);
  g_assert_nonnull (reset);
  g_signal_emit_by_name (reset, "clicked");
  g_assert_true (keel_gui_test_wait_for (organic_value_is, &wait));
  g_assert_false (g_hash_table_contains (keel_project_get_channel_classes (sample->project), "referral"));
  row = keel_signal_detail_get_channel_row (sample->detail, "referral");
  g_assert_nonnull (row);
  g_assert_cmpstr (row_subtitle (row), ==, "Default class");
  g_assert_null (keel_gui_test_find_widget (GTK_WIDGET (row), is_reset_button, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sample->window), "win.undo", NULL));
  g_assert_true (keel_gui_test_wait_for (organic_value_is_not, &wait));
  g_assert_true (keel_project_classify_channel (sample->project, "referral", &klass));
  g_assert_cmpint (klass, ==, KEEL_CHANNEL_CLASS_PAID);
}

/* A channel in neither class: "Not Classified" first; classing it organic raises the
 * share, and undo puts it back in neither. */
static void
test_channel_unclassified (KeelGuiTestSample *sample,
                           gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  AdwComboRow *row;
  GListModel *model;
  KeelChannelClass klass;
  ValueWait wait = { sample->window, 0 };
  double before;

  /* Unset "referral" (default: organic) is no good; a channel with no default is
   * needed: take "paid_search" out of the project's classes. */
  g_assert_true (keel_project_unset_channel_class (sample->project, "paid_search", &error));
  g_assert_no_error (error);
  g_assert_false (keel_project_classify_channel (sample->project, "paid_search", &klass));
  keel_gui_test_iterate ();
  _keel_window_recompute_now (sample->window);
  keel_gui_test_iterate ();
  before = organic_shown (sample->window)->value;

  row = keel_signal_detail_get_channel_row (sample->detail, "paid_search");
  g_assert_nonnull (row);
  model = adw_combo_row_get_model (row);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_cmpstr (row_subtitle (row), ==, "Not counted as organic or paid");

  adw_combo_row_set_selected (row, 1);
  g_assert_true (keel_project_classify_channel (sample->project, "paid_search", &klass));
  g_assert_cmpint (klass, ==, KEEL_CHANNEL_CLASS_ORGANIC);
  wait.value = before;
  g_assert_true (keel_gui_test_wait_for (organic_value_is_not, &wait));
  g_assert_cmpfloat (organic_shown (sample->window)->value, >, before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sample->window), "win.undo", NULL));
  g_assert_true (keel_gui_test_wait_for (organic_value_is, &wait));
  g_assert_false (keel_project_classify_channel (sample->project, "paid_search", &klass));
}

/* ---- CSV import in a worker thread ---- */

static void
test_import_async (KeelGuiTestSample *sample,
                   gconstpointer      data)
{
  g_autofree char *dir = keel_gui_test_make_tmpdir ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) bad = keel_gui_test_tmp_file (dir, "broken.csv",
                                                 "period,channel,new_users\n"
                                                 "2025-01,organic,12\n"
                                                 "2025-02,organic,lots\n");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("period,channel,new_users\n");
  guint64 rows_before = keel_project_count_rows (sample->project, KEEL_DATASET_ACQUISITION);
  guint n_rows = 0;

  /* Enough rows that the worker takes a moment. */
  for (guint month = 1; month <= 12; month++)
    for (guint c = 0; c < 250; c++)
      {
        g_string_append_printf (csv, "2025-%02u,channel %u,%u\n", month, c, 10 + c % 7);
        n_rows++;
      }
  g_string_append (csv, "2025-12,referral,40\n");
  n_rows++;
  file = keel_gui_test_tmp_file (dir, "channels.csv", csv->str);

  /* While the file is read the button waits; the rows land when it is done. */
  keel_signal_detail_import_file_async (sample->detail, file, NULL, keel_gui_test_store_result, &result);
  g_assert_true (keel_signal_detail_is_importing (sample->detail));
  g_assert_cmpuint (keel_project_count_rows (sample->project, KEEL_DATASET_ACQUISITION), ==, rows_before);
  g_assert_true (keel_gui_test_wait_for (keel_gui_test_has_result, &result));
  g_assert_true (keel_signal_detail_import_file_finish (sample->detail, result, &error));
  g_assert_no_error (error);
  g_assert_false (keel_signal_detail_is_importing (sample->detail));
  g_assert_null (keel_signal_detail_get_import_error (sample->detail));
  g_assert_cmpuint (keel_project_count_rows (sample->project, KEEL_DATASET_ACQUISITION), ==, n_rows);
  g_assert_cmpstr (keel_project_get_undo_label (sample->project), ==, "Import channels.csv");
  keel_gui_test_iterate ();
  /* The channel rows list the new channels. */
  g_assert_nonnull (keel_signal_detail_get_channel_row (sample->detail, "channel 249"));

  /* One undo step takes the whole import back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sample->window), "win.undo", NULL));
  keel_gui_test_iterate ();
  g_assert_cmpuint (keel_project_count_rows (sample->project, KEEL_DATASET_ACQUISITION), ==, rows_before);
  g_assert_null (keel_signal_detail_get_channel_row (sample->detail, "channel 249"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sample->window), "win.redo", NULL));
  keel_gui_test_iterate ();
  g_assert_cmpuint (keel_project_count_rows (sample->project, KEEL_DATASET_ACQUISITION), ==, n_rows);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sample->window), "win.undo", NULL));
  keel_gui_test_iterate ();

  /* A bad cell: the error names the file, line and column, shown in place; nothing
   * is imported and no undo step is added. */
  g_assert_false (keel_gui_test_import_file (sample->detail, bad, &error));
  g_assert_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "broken.csv:3:3"));
  g_clear_error (&error);
  g_assert_nonnull (keel_signal_detail_get_import_error (sample->detail));
  g_assert_nonnull (strstr (keel_signal_detail_get_import_error (sample->detail), "broken.csv:3:3"));
  g_assert_cmpuint (keel_project_count_rows (sample->project, KEEL_DATASET_ACQUISITION), ==, rows_before);
  g_assert_cmpstr (keel_project_get_undo_label (sample->project), !=, "Import broken.csv");

  /* A file that does not exist. */
  g_assert_true (g_file_delete (bad, NULL, NULL));
  g_assert_false (keel_gui_test_import_file (sample->detail, bad, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (keel_project_count_rows (sample->project, KEEL_DATASET_ACQUISITION), ==, rows_before);

  keel_gui_test_remove_tmpdir (dir);
}

/* The core's import path, by itself: retention with its period, survey with optional
 * cells, into a bare project; what lands is what keel_csv_import_file() gives. */
static void
test_import_task_datasets (void)
{
  g_autofree char *dir = keel_gui_test_make_tmpdir ();
  g_autofree char *db_path = g_build_filename (dir, "bare.keel", NULL);
  g_autoptr(GFile) ret_file = keel_gui_test_tmp_file (dir, "cohorts.csv",
                                                      "cohort,size,month 0,month 1,month 2\n"
                                                      "2026-01-01,100,100,60,50\n"
                                                      "2026-02-01,80,80,40,\n");
  g_autoptr(GFile) survey_file = keel_gui_test_tmp_file (dir, "answers.csv",
                                                         "answer,date,segment\n"
                                                         "Very disappointed,2026-03-01,founders\n"
                                                         "Not disappointed,,\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDb) db = NULL;
  g_autoptr(KeelProject) project = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(KeelGate) gate = NULL;
  KeelCsvImportOptions options = { FALSE, TRUE, KEEL_RETENTION_PERIOD_MONTH };
  guint64 n_rows = 0;

  db = keel_db_open (db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (keel_schema_create (db, &error));
  project = keel_project_load_db (db, &error);
  g_assert_no_error (error);
  g_assert_true (keel_project_add_default_signals (project, &error));

  keel_csv_import_async (project, KEEL_DATASET_RETENTION, ret_file, &options, NULL,
                         keel_gui_test_store_result, &result);
  g_assert_true (keel_gui_test_wait_for (keel_gui_test_has_result, &result));
  g_assert_true (keel_csv_import_finish (project, result, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 2);
  g_assert_cmpint (keel_project_get_retention_period (project), ==, KEEL_RETENTION_PERIOD_MONTH);
  g_assert_cmpuint (keel_project_count_rows (project, KEEL_DATASET_RETENTION), ==, 2);
  gate = keel_gate_compute (project, "2026-12-31", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < gate->results->len; i++)
    {
      const KeelSignalResult *r = g_ptr_array_index (gate->results, i);
      if (r->kind == KEEL_SIGNAL_KIND_RETENTION_PLATEAU)
        {
          g_assert_cmpint (r->sample_size, ==, 2);
          g_assert_nonnull (r->cohorts);
          g_assert_cmpuint (((KeelCohortCurve *) r->cohorts->pdata[0])->retained->len, ==, 3);
          g_assert_cmpfloat_with_epsilon (g_array_index (((KeelCohortCurve *) r->cohorts->pdata[0])->retained,
                                                         double, 2), 0.5, 1e-9);
        }
    }

  g_clear_object (&result);
  keel_csv_import_async (project, KEEL_DATASET_SURVEY, survey_file, NULL, NULL,
                         keel_gui_test_store_result, &result);
  g_assert_true (keel_gui_test_wait_for (keel_gui_test_has_result, &result));
  g_assert_true (keel_csv_import_finish (project, result, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 2);
  g_assert_cmpstr (keel_project_get_undo_label (project), ==, "Import answers.csv");
  g_assert_true (keel_project_undo (project, &error));
  g_assert_cmpuint (keel_project_count_rows (project, KEEL_DATASET_SURVEY), ==, 0);
  g_assert_true (keel_project_undo (project, &error));
  g_assert_cmpuint (keel_project_count_rows (project, KEEL_DATASET_RETENTION), ==, 0);

  /* A retention file whose header contradicts the period asked for: refused. */
  g_clear_object (&result);
  options.period = KEEL_RETENTION_PERIOD_WEEK;
  keel_csv_import_async (project, KEEL_DATASET_RETENTION, ret_file, &options, NULL,
                         keel_gui_test_store_result, &result);
  g_assert_true (keel_gui_test_wait_for (keel_gui_test_has_result, &result));
  g_assert_false (keel_csv_import_finish (project, result, &n_rows, &error));
  g_assert_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_HEADER);
  g_assert_cmpuint (keel_project_count_rows (project, KEEL_DATASET_RETENTION), ==, 0);

  g_clear_object (&project);
  keel_db_close (db);
  keel_gui_test_remove_tmpdir (dir);
}

/* ---- The report in a worker thread ---- */

static void
test_report_async (KeelGuiTestSample *sample,
                   gconstpointer      data)
{
  g_autofree char *dir = keel_gui_test_make_tmpdir ();
  g_autoptr(GFile) md_file = keel_gui_test_tmp_file (dir, "report.md", NULL);
  g_autoptr(GFile) pdf_file = keel_gui_test_tmp_file (dir, "report.pdf", NULL);
  g_autoptr(GFile) bad_file = keel_gui_test_tmp_file (dir, "missing/report.md", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *original = g_strdup (keel_project_get_name (sample->project));
  gsize length = 0;

  /* The report is of the project as it was when asked for: a rename made while it is
   * being written does not show in it. */
  keel_window_write_report_async (sample->window, md_file, keel_gui_test_store_result, &result);
  g_assert_true (keel_window_is_writing_report (sample->window));
  g_assert_true (keel_project_set_name (sample->project, "Renamed Meanwhile", &error));
  g_assert_no_error (error);
  g_assert_true (keel_gui_test_wait_for (keel_gui_test_has_result, &result));
  g_assert_true (keel_window_write_report_finish (sample->window, result, &error));
  g_assert_no_error (error);
  g_assert_false (keel_window_is_writing_report (sample->window));
  contents = keel_gui_test_read_file (md_file, NULL);
  g_assert_nonnull (strstr (contents, original));
  g_assert_null (strstr (contents, "Renamed Meanwhile"));
  g_assert_nonnull (strstr (contents, "Organic"));
  g_clear_pointer (&contents, g_free);

  if (keel_report_can_pdf ())
    {
      g_clear_object (&result);
      keel_window_write_report_async (sample->window, pdf_file, keel_gui_test_store_result, &result);
      g_assert_true (keel_gui_test_wait_for (keel_gui_test_has_result, &result));
      g_assert_true (keel_window_write_report_finish (sample->window, result, &error));
      g_assert_no_error (error);
      contents = keel_gui_test_read_file (pdf_file, &length);
      g_assert_cmpuint (length, >, 1000);
      g_assert_true (g_str_has_prefix (contents, "%PDF-"));
      g_clear_pointer (&contents, g_free);
    }

  /* A folder that does not exist: the error is returned (and shown in a dialog), no
   * file appears. */
  g_clear_object (&result);
  keel_window_write_report_async (sample->window, bad_file, keel_gui_test_store_result, &result);
  g_assert_true (keel_gui_test_wait_for (keel_gui_test_has_result, &result));
  g_assert_false (keel_window_write_report_finish (sample->window, result, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (g_file_query_exists (bad_file, NULL));
  g_assert_nonnull (keel_gui_test_find_dialog (GTK_WINDOW (sample->window)));
  g_assert_false (keel_window_is_writing_report (sample->window));

  keel_gui_test_remove_tmpdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  keel_gui_test_init (&argc, &argv);

  keel_gui_test_add_sample ("/keel/gui/tasks/channel-class-edit", "sig-org", test_channel_class_edit);
  keel_gui_test_add_sample ("/keel/gui/tasks/channel-unclassified", "sig-org", test_channel_unclassified);
  keel_gui_test_add_sample ("/keel/gui/tasks/import-async", "sig-org", test_import_async);
  g_test_add_func ("/keel/gui/tasks/import-task-datasets", test_import_task_datasets);
  keel_gui_test_add_sample ("/keel/gui/tasks/report-async", NULL, test_report_async);

  return g_test_run ();
}
