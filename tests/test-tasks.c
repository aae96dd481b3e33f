/* test-tasks.c: the background CSV import and report (keel-tasks.c) without a window:
 * the rows land as one undoable step, a bad file imports nothing and says where, and a
 * report is written from the project as it was when asked for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "keel-test-project.h"
#include "keel-tasks.h"

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* Drops the test's reference to a finished task and waits until the worker thread has
 * dropped its own (it may do so after the callback ran): the task holds the project,
 * which the fixture's tear-down expects to be finalized. */
static void
release_result (GAsyncResult **slot)
{
  GWeakRef ref;
  GObject *alive;

  g_weak_ref_init (&ref, *slot);
  g_clear_object (slot);
  while ((alive = g_weak_ref_get (&ref)) != NULL)
    {
      g_object_unref (alive);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_weak_ref_clear (&ref);
}

static GFile *
write_file (ProjectFixture *f,
            const char     *name,
            const char     *contents)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
test_import (ProjectFixture *f,
             gconstpointer   data)
{
  g_autoptr(GFile) file = write_file (f, "acq.csv",
                                      "period,channel,new_users\n"
                                      "2026-09,organic,430\n"
                                      "2026-09,ads,120\n"
                                      "2026-10,Organic,470\n");
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  KeelCsvImportOptions options = { 0 };
  guint64 rows = 0;

  keel_csv_import_async (f->project, KEEL_DATASET_ACQUISITION, file, &options, NULL,
                         store_result, &result);
  /* Nothing lands before the main thread finishes the import. */
  g_assert_cmpuint (keel_project_count_rows (f->project, KEEL_DATASET_ACQUISITION), ==, 0);
  g_assert_true (keel_csv_import_finish (f->project, wait_for_result (&result), &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 3);
  g_assert_cmpuint (keel_project_count_rows (f->project, KEEL_DATASET_ACQUISITION), ==, 3);
  release_result (&result);

  /* One step to undo. */
  g_assert_true (keel_project_undo (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (keel_project_count_rows (f->project, KEEL_DATASET_ACQUISITION), ==, 0);
}

static void
test_import_bad_file (ProjectFixture *f,
                      gconstpointer   data)
{
  g_autoptr(GFile) bad = write_file (f, "survey.csv",
                                     "answer,date\n"
                                     "Very disappointed,2026-10-01\n"
                                     "Thrilled,2026-10-02\n");
  g_autofree char *missing_path = g_build_filename (f->dir, "missing.csv", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  KeelCsvImportOptions options = { 0 };

  keel_csv_import_async (f->project, KEEL_DATASET_SURVEY, bad, &options, NULL,
                         store_result, &result);
  g_assert_false (keel_csv_import_finish (f->project, wait_for_result (&result), NULL, &error));
  g_assert_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_VALUE);
  /* The file, the line and the column of the bad cell. */
  g_assert_nonnull (strstr (error->message, "survey.csv:3:1"));
  g_assert_cmpuint (keel_project_count_rows (f->project, KEEL_DATASET_SURVEY), ==, 0);
  g_assert_false (keel_project_can_undo (f->project));
  g_clear_error (&error);
  release_result (&result);

  keel_csv_import_async (f->project, KEEL_DATASET_SURVEY, missing, &options, NULL,
                         store_result, &result);
  g_assert_false (keel_csv_import_finish (f->project, wait_for_result (&result), NULL, &error));
  g_assert_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_IO);
  g_assert_false (keel_project_can_undo (f->project));
  release_result (&result);
}

static void
test_report (ProjectFixture *f,
             gconstpointer   data)
{
  g_autofree char *path = g_build_filename (f->dir, "report.md", NULL);
  g_autofree char *bad_path = g_build_filename (f->dir, "no-such-folder", "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelGate) gate = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (keel_project_set_name (f->project, "Before", &error));
  gate = keel_gate_compute (f->project, "2026-11-21", &error);
  g_assert_no_error (error);

  keel_report_write_async (f->project, gate, file, NULL, store_result, &result);
  /* An edit made while the report is written does not reach it. */
  g_assert_true (keel_project_set_name (f->project, "After", &error));
  g_assert_true (keel_report_write_finish (wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, "Before"));
  g_assert_null (strstr (contents, "After"));
  release_result (&result);

  /* A file that cannot be written: an error, nothing left behind. */
  keel_report_write_async (f->project, gate, bad, NULL, store_result, &result);
  g_assert_false (keel_report_write_finish (wait_for_result (&result), &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
  release_result (&result);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ((path), ProjectFixture, NULL, project_fixture_setup, (func), project_fixture_teardown)
  ADD ("/keel/tasks/import", test_import);
  ADD ("/keel/tasks/import-bad-file", test_import_bad_file);
  ADD ("/keel/tasks/report", test_report);
#undef ADD

  return g_test_run ();
}
