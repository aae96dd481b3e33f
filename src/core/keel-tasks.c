/* keel-tasks.c: slow work — reading a CSV import, rendering the report — done in a
 * worker thread (GTask), so that a front end with a main loop (the app's window) stays
 * responsive. In the core: it is SQL and files, no GTK.
 *
 * A project's SQLite connection belongs to the main thread: the views read it at any
 * moment (redraws, the signals, the dataset browser). So no worker ever touches it.
 *
 * - A CSV import is read in the worker into a scratch project of its own: a private
 *   in-memory database with Keel's schema, filled by the very importer the CLI uses
 *   (keel_csv_import_file()). That checks every cell and row with the same rules and
 *   error messages, off the main thread. The worker then reads the scratch rows back
 *   into memory and drops the scratch database. The main thread only streams those
 *   already-checked rows into the real project through one KeelImport (one
 *   transaction, one undo step), which is a tight loop of prepared INSERTs.
 *
 * - A report needs a consistent view of the whole project. The main thread copies the
 *   working copy into a private in-memory database with SQLite's online backup (a
 *   page copy, much faster than computing anything); the worker loads a project from
 *   that copy, computes the gate and the findings as of the window's date and renders
 *   the Markdown or the PDF, and writes the file. Edits made meanwhile do not leak
 *   into the report.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-tasks"

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>
#include <string.h>

#include "keel-checks.h"
#include "keel-db.h"
#include "keel-report.h"
#include "keel-schema.h"
#include "keel-tasks.h"

/* ---- Helpers ---- */

/* A new empty database in memory, only for this thread. */
static KeelDb *
open_scratch_db (GError **error)
{
  return keel_db_open (":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
}

/* ---- CSV import ---- */

/* The rows read in the worker: @n_columns cells per row, as the scratch database holds
 * them (text; NULL for an empty optional cell). */
typedef struct {
  KeelDataset          dataset;
  KeelCsvImportOptions options;
  GFile               *file;
  char                *source;     /* the file's basename: the import's name */
  KeelRetentionPeriod  period;     /* retention: the period the file counts */
  guint                n_columns;
  GPtrArray           *cells;      /* const char*, into @chunk */
  GStringChunk        *chunk;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->file);
  g_free (data->source);
  g_clear_pointer (&data->cells, g_ptr_array_unref);
  g_clear_pointer (&data->chunk, g_string_chunk_free);
  g_free (data);
}

static const char * const import_queries[] = {
  "SELECT cohort, size, retained FROM retention_cohorts ORDER BY id",
  "SELECT answer, date, segment, respondent FROM survey_responses ORDER BY id",
  "SELECT period, channel, new_users FROM acquisition ORDER BY id",
};
G_STATIC_ASSERT (G_N_ELEMENTS (import_queries) == KEEL_N_DATASETS);

static gboolean
read_scratch_rows (ImportData  *data,
                   KeelDb      *db,
                   GError     **error)
{
  sqlite3 *handle = keel_db_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (handle, import_queries[data->dataset], -1, &stmt, NULL) != SQLITE_OK)
    {
      keel_db_set_error (db, error, NULL);
      return FALSE;
    }
  data->n_columns = (guint) sqlite3_column_count (stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (guint c = 0; c < data->n_columns; c++)
      {
        const char *text = (const char *) sqlite3_column_text (stmt, (int) c);
        g_ptr_array_add (data->cells, text != NULL ? g_string_chunk_insert (data->chunk, text) : NULL);
      }
  if (rc != SQLITE_DONE)
    {
      keel_db_set_error (db, error, NULL);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDb) db = NULL;
  g_autoptr(KeelProject) scratch = NULL;

  db = open_scratch_db (&error);
  if (db == NULL || !keel_schema_create (db, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  scratch = keel_project_load_db (db, &error);
  if (scratch == NULL ||
      !keel_csv_import_file (scratch, data->dataset, data->file, NULL, &data->options, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  data->period = keel_project_get_retention_period (scratch);
  if (!read_scratch_rows (data, db, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * keel_csv_import_async:
 * @project: the project to import into
 * @dataset: which dataset @file holds
 * @file: a CSV file
 * @options: (nullable): append, retention period
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread when the file is read
 * @user_data: data for @callback
 *
 * Reads and checks @file in a worker thread; keel_csv_import_finish() adds the rows.
 */
void
keel_csv_import_async (KeelProject                *project,
                       KeelDataset                 dataset,
                       GFile                      *file,
                       const KeelCsvImportOptions *options,
                       GCancellable               *cancellable,
                       GAsyncReadyCallback         callback,
                       gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (KEEL_IS_PROJECT (project));
  g_return_if_fail ((guint) dataset < KEEL_N_DATASETS);
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (ImportData, 1);
  data->dataset = dataset;
  if (options != NULL)
    data->options = *options;
  data->file = g_object_ref (file);
  data->source = g_file_get_basename (file);
  data->cells = g_ptr_array_new ();
  data->chunk = g_string_chunk_new (4096);

  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, keel_csv_import_async);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);
}

static gboolean
add_row (KeelImport  *import,
         ImportData  *data,
         const char **row,
         GArray      *retained,
         GError     **error)
{
  switch (data->dataset)
    {
    case KEEL_DATASET_RETENTION:
      {
        g_auto(GStrv) counts = g_strsplit (row[2] != NULL ? row[2] : "", ",", -1);

        g_array_set_size (retained, 0);
        for (guint i = 0; counts[i] != NULL; i++)
          {
            gint64 count = g_ascii_strtoll (counts[i], NULL, 10);
            g_array_append_val (retained, count);
          }
        return keel_import_add_cohort (import, row[0], g_ascii_strtoll (row[1], NULL, 10),
                                       (const gint64 *) (gpointer) retained->data, retained->len,
                                       error);
      }
    case KEEL_DATASET_SURVEY:
      {
        KeelAnswer answer = KEEL_ANSWER_NOT_DISAPPOINTED;

        if (row[0] == NULL || !keel_answer_from_string (row[0], &answer))
          {
            g_set_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_VALUE,
                         _("%s: an answer could not be read back"), data->source);
            return FALSE;
          }
        return keel_import_add_survey (import, answer, row[1], row[2], row[3], error);
      }
    case KEEL_DATASET_ACQUISITION:
      return keel_import_add_acquisition (import, row[0], row[1],
                                          g_ascii_strtoll (row[2], NULL, 10), error);
    case KEEL_N_DATASETS:
    default:
      g_assert_not_reached ();
    }
}

/**
 * keel_csv_import_finish:
 * @project: the project given to keel_csv_import_async()
 * @result: the result passed to the callback
 * @out_rows: (out) (optional): the number of rows imported
 * @error: return location for a #GError
 *
 * Adds the rows read by keel_csv_import_async() to @project as one undoable step.
 * Must be called on the main thread (the thread that owns @project).
 *
 * Returns: %TRUE if the rows were imported; on error nothing is
 */
gboolean
keel_csv_import_finish (KeelProject   *project,
                        GAsyncResult  *result,
                        guint64       *out_rows,
                        GError       **error)
{
  ImportData *data;
  KeelImport *import;
  g_autoptr(GArray) retained = NULL;
  guint64 n_rows;

  g_return_val_if_fail (KEEL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, project), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == keel_csv_import_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  import = keel_project_begin_import (project, data->dataset, data->options.append, data->source, error);
  if (import == NULL)
    return FALSE;
  if (data->dataset == KEEL_DATASET_RETENTION)
    keel_import_set_retention_period (import, data->period);

  retained = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i + data->n_columns <= data->cells->len; i += data->n_columns)
    if (!add_row (import, data, (const char **) data->cells->pdata + i, retained, error))
      {
        keel_project_abort_import (project, import);
        return FALSE;
      }

  n_rows = keel_import_get_n_rows (import);
  if (!keel_project_commit_import (project, import, error))
    return FALSE;
  if (out_rows != NULL)
    *out_rows = n_rows;
  return TRUE;
}

/* ---- The report ---- */

typedef struct {
  KeelDb  *snapshot;
  char    *as_of;
  GFile   *file;
  gboolean markdown;
} ReportData;

static void
report_data_free (ReportData *data)
{
  if (data->snapshot != NULL)
    keel_db_close (data->snapshot);
  g_clear_object (&data->snapshot);
  g_free (data->as_of);
  g_clear_object (&data->file);
  g_free (data);
}

/* Copies the whole of @project's database into a new in-memory database. */
static KeelDb *
snapshot_project (KeelProject  *project,
                  GError      **error)
{
  g_autoptr(KeelDb) copy = open_scratch_db (error);
  sqlite3_backup *backup;
  int rc;

  if (copy == NULL)
    return NULL;
  backup = sqlite3_backup_init (keel_db_get_handle (copy), "main",
                                keel_db_get_handle (keel_project_get_db (project)), "main");
  if (backup == NULL)
    {
      keel_db_set_error (copy, error, NULL);
      return NULL;
    }
  sqlite3_backup_step (backup, -1);
  rc = sqlite3_backup_finish (backup);
  if (rc != SQLITE_OK)
    {
      keel_db_set_error (copy, error, NULL);
      return NULL;
    }
  return g_steal_pointer (&copy);
}

static void
report_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReportData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelProject) project = NULL;
  g_autoptr(KeelGate) gate = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  gboolean ok;

  project = keel_project_load_db (data->snapshot, &error);
  if (project != NULL)
    gate = keel_gate_compute (project, data->as_of, &error);
  if (gate == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  findings = keel_checks_run (project, gate);
  if (g_task_return_error_if_cancelled (task))
    return;

  if (data->markdown)
    {
      g_autofree char *markdown = keel_report_markdown (project, gate, findings);
      ok = keel_report_write_file (data->file, markdown, strlen (markdown), &error);
    }
  else
    {
      g_autoptr(GBytes) pdf = keel_report_pdf_bytes (project, gate, findings, &error);
      gsize length = 0;
      const char *bytes;

      ok = pdf != NULL;
      if (ok)
        {
          bytes = g_bytes_get_data (pdf, &length);
          ok = keel_report_write_file (data->file, bytes, length, &error);
        }
    }

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * keel_report_write_async:
 * @project: a project
 * @gate: the gate the window shows (only its date is used)
 * @file: where to write the report
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread when the report is written
 * @user_data: data for @callback
 *
 * Copies @project now and writes its report from the copy in a worker thread.
 */
void
keel_report_write_async (KeelProject         *project,
                         const KeelGate      *gate,
                         GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *lower = NULL;
  ReportData *data;

  g_return_if_fail (KEEL_IS_PROJECT (project));
  g_return_if_fail (gate != NULL);
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, keel_report_write_async);

  basename = g_file_get_basename (file);
  lower = g_ascii_strdown (basename != NULL ? basename : "", -1);
  data = g_new0 (ReportData, 1);
  data->as_of = g_strdup (gate->as_of);
  data->file = g_object_ref (file);
  data->markdown = g_str_has_suffix (lower, ".md") || g_str_has_suffix (lower, ".markdown");
  data->snapshot = snapshot_project (project, &error);
  g_task_set_task_data (task, data, (GDestroyNotify) report_data_free);

  if (data->snapshot == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_run_in_thread (task, report_thread);
}

/**
 * keel_report_write_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the report was written
 */
gboolean
keel_report_write_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == keel_report_write_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
