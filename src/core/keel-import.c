/* keel-import.c: the project's datasets — bulk imports, row deletion, counts.
 *
 * An import streams rows into the working copy inside one transaction, through
 * prepared multi-row INSERTs (BATCH_ROWS rows a step), tagging each row with the
 * import it came from. Every row is checked before it is batched, so an error still
 * names its row; nothing of a refused import remains. Replacing a dataset only
 * marks its earlier imports inactive, so undoing or redoing an import of a million
 * rows flips a few flags instead of moving the rows. Inactive imports are purged when
 * the project is next loaded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-import"

#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n.h>

#include "keel-project-private.h"
#include "keel-schema.h"

/* A value of a row waiting in the import's batch. Text lives in the batch's own
 * buffer (the caller's strings are gone by the time the batch is inserted). */
typedef struct
{
  int     type;                        /* SQLITE_NULL, SQLITE_TEXT or SQLITE_INTEGER */
  gint64  number;
  gsize   offset;                      /* of the text in the batch buffer */
  gsize   len;
} BatchValue;

/* Rows go in BATCH_ROWS at a time through one multi-row INSERT: a statement step per
 * row costs more than the row itself (opening the table's cursor, finding its last
 * row, the connection's mutex on every call). */
#define BATCH_ROWS 64

struct _KeelImport
{
  KeelProject         *project;        /* ref */
  KeelDataset          dataset;
  gboolean             append;
  char                *source;
  char                *date;           /* the import's date, for rows without one */
  gint64               import_id;
  sqlite3_stmt        *insert;         /* owned, one row: finalized with the import */
  sqlite3_stmt        *insert_batch;   /* owned, BATCH_ROWS rows; prepared when needed */
  guint                n_columns;      /* values per row, after the import's id */
  BatchValue          *batch;          /* BATCH_ROWS × n_columns */
  guint                n_batched;      /* rows in @batch */
  GString             *batch_text;
  guint64              n_rows;         /* rows accepted, batched ones included */
  guint64              n_inserted;
  gboolean             indexes_dropped;
  gboolean             has_period;
  KeelRetentionPeriod  period;
  GString             *buffer;
  guint                journal_mark;
  gint64               cache_size;     /* the connection's, restored after the import */
  GPtrArray           *dropped;        /* CREATE INDEX statements to run at commit */
};

/* Past this many rows an import drops the dataset's indexes and builds them again at
 * commit: one sort is much cheaper than a random B-tree insert per row. */
#define DROP_INDEXES_AFTER 20000

/* The page cache an import works with (KiB): big enough that a million rows do not
 * spill pages to the log in the middle of the transaction. */
#define IMPORT_CACHE_KIB 65536

/* The rows of a dataset, in the working copy. */
static const char * const dataset_tables[] = {
  "retention_cohorts", "survey_responses", "acquisition",
};
G_STATIC_ASSERT (G_N_ELEMENTS (dataset_tables) == KEEL_N_DATASETS);

const char *
keel_dataset_table (KeelDataset dataset)
{
  g_assert ((guint) dataset < KEEL_N_DATASETS);
  return dataset_tables[dataset];
}

static gint64
get_cache_size (KeelDb *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 size = -2000;  /* SQLite's default */

  if (sqlite3_prepare_v2 (keel_db_get_handle (db), "PRAGMA cache_size", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    size = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return size;
}

static void
set_cache_size (KeelDb *db,
                gint64  size)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, size);

  /* Only a matter of speed: a failure changes nothing else. */
  keel_db_exec (db, sql, NULL);
}

/* The statements that create the indexes of @table, taken from Keel's own schema
 * (never from the file): "CREATE INDEX name ON table (column)". */
static GPtrArray *
schema_indexes (const char *table)
{
  g_auto(GStrv) lines = g_strsplit (KEEL_SCHEMA_SQL, "\n", -1);
  g_autofree char *on = g_strdup_printf (" ON %s (", table);
  GPtrArray *indexes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      gsize len = strlen (line);

      if (!g_str_has_prefix (line, "CREATE INDEX ") || strstr (line, on) == NULL)
        continue;
      if (len > 0 && line[len - 1] == ';')
        line[len - 1] = '\0';
      g_ptr_array_add (indexes, g_strdup (line));
    }

  return indexes;
}

/* Drops the indexes of the import's table for the rest of the transaction. */
static gboolean
drop_indexes (KeelImport  *import,
              GError     **error)
{
  KeelDb *db = import->project->db;
  g_autoptr(GPtrArray) indexes = schema_indexes (keel_dataset_table (import->dataset));

  for (guint i = 0; i < indexes->len; i++)
    {
      const char *create = g_ptr_array_index (indexes, i);
      const char *name = create + strlen ("CREATE INDEX ");
      g_autofree char *drop = g_strdup_printf ("DROP INDEX %.*s", (int) strcspn (name, " "), name);

      if (!keel_db_exec (db, drop, error))
        return FALSE;
      g_ptr_array_add (import->dropped, g_strdup (create));
    }

  return TRUE;
}

/* The WAL of a large import is not folded back into the working copy inside the
 * import's commit. The commit is durable either way (the WAL is synced); the
 * checkpoint only moves pages, which is most of the time a million rows take to
 * commit. In the application (the main loop's thread) it runs when the loop is next
 * idle, once the import is on screen; keel-cli has no main loop and removes the
 * working copy at close without a checkpoint, so it never copies the rows twice. Any
 * later commit checkpoints as usual. */
static gboolean
checkpoint_when_idle (gpointer data)
{
  g_autoptr(KeelProject) project = g_weak_ref_get (data);
  sqlite3 *handle;

  if (project == NULL || project->import != NULL)
    return G_SOURCE_REMOVE;

  handle = keel_db_get_handle (project->db);
  if (handle != NULL && sqlite3_get_autocommit (handle))
    sqlite3_wal_checkpoint_v2 (handle, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* Commits the import's transaction; a large one without checkpointing it. */
static gboolean
commit_rows (KeelImport  *import,
             GError     **error)
{
  KeelProject *self = import->project;
  sqlite3 *handle = keel_db_get_handle (self->db);
  sqlite3_stmt *stmt = NULL;
  int autocheckpoint = 1000;  /* SQLite's default */
  GWeakRef *ref;

  if (import->n_inserted < DROP_INDEXES_AFTER || self->group_depth > 0)
    return keel_project_step_end (self, error);

  if (sqlite3_prepare_v2 (handle, "PRAGMA wal_autocheckpoint", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    autocheckpoint = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  sqlite3_wal_autocheckpoint (handle, 0);
  if (!keel_project_step_end (self, error))
    {
      sqlite3_wal_autocheckpoint (handle, autocheckpoint);
      return FALSE;
    }
  sqlite3_wal_autocheckpoint (handle, autocheckpoint);

  /* A worker thread's import (a scratch project) is never checkpointed from the main
   * loop: only the thread running the loop schedules one. */
  if (g_main_context_is_owner (g_main_context_default ()))
    {
      ref = g_new0 (GWeakRef, 1);
      g_weak_ref_init (ref, self);
      g_idle_add_full (G_PRIORITY_LOW, checkpoint_when_idle, ref, weak_ref_free);
    }
  return TRUE;
}

static gboolean
restore_indexes (KeelImport  *import,
                 GError     **error)
{
  for (guint i = 0; i < import->dropped->len; i++)
    if (!keel_db_exec (import->project->db, g_ptr_array_index (import->dropped, i), error))
      return FALSE;

  g_ptr_array_set_size (import->dropped, 0);
  return TRUE;
}

static void
keel_import_free (KeelImport *import)
{
  set_cache_size (import->project->db, import->cache_size);
  g_clear_pointer (&import->dropped, g_ptr_array_unref);
  g_clear_pointer (&import->insert, sqlite3_finalize);
  g_clear_pointer (&import->insert_batch, sqlite3_finalize);
  g_clear_object (&import->project);
  g_free (import->source);
  g_free (import->date);
  g_free (import->batch);
  g_string_free (import->batch_text, TRUE);
  g_string_free (import->buffer, TRUE);
  g_free (import);
}

static gboolean
row_error (GError     **error,
           const char  *format,
           ...) G_GNUC_PRINTF (2, 3);

static gboolean
row_error (GError     **error,
           const char  *format,
           ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;
  g_return_val_if_fail (*error == NULL, FALSE);

  va_start (args, format);
  *error = g_error_new_valist (KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID, format, args);
  va_end (args);
  return FALSE;
}

/* The columns each dataset's INSERT takes after import_id, in order. */
static const char * const insert_columns[] = {
  "retention_cohorts (import_id, cohort, size, retained)",
  "survey_responses (import_id, answer, date, segment, respondent)",
  "acquisition (import_id, period, channel, new_users)",
};
static const guint insert_n_columns[] = { 3, 4, 3 };
G_STATIC_ASSERT (G_N_ELEMENTS (insert_columns) == KEEL_N_DATASETS);
G_STATIC_ASSERT (G_N_ELEMENTS (insert_n_columns) == KEEL_N_DATASETS);

/* "INSERT INTO table (…) VALUES (?1, ?2, …), (?1, …)…" for @n_rows rows; every row
 * shares ?1, the import's id. */
static char *
insert_sql (KeelDataset dataset,
            guint       n_rows)
{
  GString *sql = g_string_new ("INSERT INTO ");
  guint n_columns = insert_n_columns[dataset];

  g_string_append (sql, insert_columns[dataset]);
  g_string_append (sql, " VALUES ");
  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (sql, r > 0 ? ", (?1" : "(?1");
      for (guint c = 0; c < n_columns; c++)
        g_string_append_printf (sql, ", ?%u", 2 + r * n_columns + c);
      g_string_append_c (sql, ')');
    }
  return g_string_free (sql, FALSE);
}

static void
bind_value (KeelImport       *import,
            sqlite3_stmt     *stmt,
            int               index,
            const BatchValue *value)
{
  switch (value->type)
    {
    case SQLITE_TEXT:
      /* The batch buffer does not change until the statement has been stepped. */
      sqlite3_bind_text (stmt, index, import->batch_text->str + value->offset,
                         (int) value->len, SQLITE_STATIC);
      break;
    case SQLITE_INTEGER:
      sqlite3_bind_int64 (stmt, index, value->number);
      break;
    default:
      sqlite3_bind_null (stmt, index);
      break;
    }
}

static gboolean
step_insert (KeelImport    *import,
             sqlite3_stmt  *stmt,
             GError       **db_error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      keel_db_set_error (import->project->db, db_error, NULL);
      return FALSE;
    }
  return TRUE;
}

/* Inserts the batched rows: all in one step when the batch is full, else one by one
 * (the end of an import). @db_error is the database's. */
static gboolean
flush_batch (KeelImport  *import,
             GError     **db_error)
{
  guint n_columns = import->n_columns;

  if (import->n_batched == BATCH_ROWS)
    {
      if (import->insert_batch == NULL)
        {
          g_autofree char *sql = insert_sql (import->dataset, BATCH_ROWS);

          if (sqlite3_prepare_v3 (keel_db_get_handle (import->project->db), sql, -1,
                                  SQLITE_PREPARE_PERSISTENT, &import->insert_batch,
                                  NULL) != SQLITE_OK)
            {
              keel_db_set_error (import->project->db, db_error, NULL);
              return FALSE;
            }
          sqlite3_bind_int64 (import->insert_batch, 1, import->import_id);
        }

      for (guint i = 0; i < BATCH_ROWS * n_columns; i++)
        bind_value (import, import->insert_batch, 2 + i, &import->batch[i]);
      if (!step_insert (import, import->insert_batch, db_error))
        return FALSE;
    }
  else
    {
      for (guint r = 0; r < import->n_batched; r++)
        {
          for (guint c = 0; c < n_columns; c++)
            bind_value (import, import->insert, 2 + c, &import->batch[r * n_columns + c]);
          if (!step_insert (import, import->insert, db_error))
            return FALSE;
        }
    }

  import->n_inserted += import->n_batched;
  import->n_batched = 0;
  g_string_truncate (import->batch_text, 0);

  if (import->n_inserted >= DROP_INDEXES_AFTER && !import->indexes_dropped)
    {
      import->indexes_dropped = TRUE;
      if (!drop_indexes (import, db_error))
        return FALSE;
    }

  return TRUE;
}

/* The values of the next row, to fill with the put_*() functions before add_row(). */
static inline BatchValue *
next_row (KeelImport *import)
{
  return &import->batch[import->n_batched * import->n_columns];
}

static inline void
put_text (KeelImport *import,
          BatchValue *value,
          const char *text)
{
  if (text == NULL)
    {
      value->type = SQLITE_NULL;
      return;
    }
  value->type = SQLITE_TEXT;
  value->offset = import->batch_text->len;
  value->len = strlen (text);
  g_string_append_len (import->batch_text, text, value->len);
}

static inline void
put_int (BatchValue *value,
         gint64      number)
{
  value->type = SQLITE_INTEGER;
  value->number = number;
}

/* Adds the row filled in at next_row() to the batch, inserting the batch once full. */
static gboolean
add_row (KeelImport  *import,
         GError     **error)
{
  import->n_batched++;
  import->n_rows++;

  if (import->n_batched == BATCH_ROWS)
    {
      g_autoptr(GError) db_error = NULL;

      if (!flush_batch (import, &db_error))
        {
          keel_project_storage_error (error, db_error);
          return FALSE;
        }
    }

  return TRUE;
}

/* g_utf8_validate() with a shortcut for ASCII, which nearly every cell is. */
static gboolean
text_is_valid (const char *text)
{
  const guchar *p = (const guchar *) text;

  while (*p != 0 && *p < 0x80)
    p++;
  return *p == 0 || g_utf8_validate ((const char *) p, -1, NULL);
}

static gboolean
is_valid_period (const char *period)
{
  guint month;

  if (keel_date_is_valid (period))
    return TRUE;

  /* "YYYY-MM" */
  if (period == NULL || strlen (period) != 7 || period[4] != '-')
    return FALSE;
  for (guint i = 0; i < 7; i++)
    if (i != 4 && !g_ascii_isdigit (period[i]))
      return FALSE;

  month = (period[5] - '0') * 10 + (period[6] - '0');
  return month >= 1 && month <= 12 && strncmp (period, "0000", 4) != 0;
}

static const char *
null_if_empty (const char *str)
{
  return str != NULL && str[0] != '\0' ? str : NULL;
}

/**
 * keel_project_begin_import:
 * @self: a #KeelProject
 * @dataset: the dataset to import into
 * @append: %TRUE to add to the dataset's rows, %FALSE to replace them
 * @source_name: where the rows come from ("survey.csv"), for the undo label
 * @error: return location for a #GError
 *
 * Starts an import: a transaction of its own, or part of the open group. Until it is
 * committed or aborted, no other edit can be made.
 *
 * Returns: (transfer full): the import, or %NULL
 */
KeelImport *
keel_project_begin_import (KeelProject  *self,
                           KeelDataset   dataset,
                           gboolean      append,
                           const char   *source_name,
                           GError      **error)
{
  g_autoptr(GError) db_error = NULL;
  g_autofree char *sql = NULL;
  KeelImport *import;
  sqlite3_stmt *stmt;
  sqlite3 *handle;

  g_return_val_if_fail (KEEL_IS_PROJECT (self), NULL);
  g_return_val_if_fail ((guint) dataset < KEEL_N_DATASETS, NULL);

  if (!keel_project_check_editable (self, error))
    return NULL;

  if (source_name == NULL || !g_utf8_validate (source_name, -1, NULL))
    source_name = "";

  import = g_new0 (KeelImport, 1);
  import->project = g_object_ref (self);
  import->dataset = dataset;
  import->append = append;
  import->source = g_strdup (source_name);
  import->date = keel_date_today ();
  import->buffer = g_string_sized_new (256);
  import->n_columns = insert_n_columns[dataset];
  import->batch = g_new0 (BatchValue, BATCH_ROWS * import->n_columns);
  import->batch_text = g_string_sized_new (4096);
  import->journal_mark = self->journal->len;
  import->dropped = g_ptr_array_new_with_free_func (g_free);
  import->cache_size = get_cache_size (self->db);
  set_cache_size (self->db, -IMPORT_CACHE_KIB);

  if (!keel_project_step_begin (self, error))
    {
      keel_import_free (import);
      return NULL;
    }

  handle = keel_db_get_handle (self->db);
  stmt = keel_db_prepare (self->db,
                          "INSERT INTO imports (dataset, source, imported, active)"
                          " VALUES (?1, ?2, ?3, 1)",
                          &db_error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, keel_dataset_to_string (dataset), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, import->source, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, import->date, -1, SQLITE_STATIC);
    }

  if (stmt == NULL || !keel_db_step_done (self->db, stmt, &db_error))
    goto failed;

  import->import_id = sqlite3_last_insert_rowid (handle);

  sql = insert_sql (dataset, 1);
  if (sqlite3_prepare_v3 (handle, sql, -1, SQLITE_PREPARE_PERSISTENT,
                          &import->insert, NULL) != SQLITE_OK)
    {
      keel_db_set_error (self->db, &db_error, NULL);
      goto failed;
    }

  sqlite3_bind_int64 (import->insert, 1, import->import_id);
  self->import = import;
  return import;

failed:
  keel_project_step_rollback (self, import->journal_mark);
  keel_project_storage_error (error, db_error);
  keel_import_free (import);
  return NULL;
}

/**
 * keel_import_add_cohort:
 * @import: an import of retention cohorts
 * @cohort: the cohort's start date
 * @size: the number of users in the cohort
 * @retained: (array length=n_periods): users still active per period, period 0 first
 * @n_periods: the number of periods, at least 1
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the row is added
 */
gboolean
keel_import_add_cohort (KeelImport    *import,
                        const char    *cohort,
                        gint64         size,
                        const gint64  *retained,
                        guint          n_periods,
                        GError       **error)
{
  BatchValue *row;

  g_return_val_if_fail (import != NULL, FALSE);
  g_return_val_if_fail (import->dataset == KEEL_DATASET_RETENTION, FALSE);
  g_return_val_if_fail (retained != NULL || n_periods == 0, FALSE);

  if (!keel_date_is_valid (cohort))
    return row_error (error, _("The cohort date “%s” is not a valid date (YYYY-MM-DD)."),
                      cohort != NULL && g_utf8_validate (cohort, -1, NULL) ? cohort : "");
  if (size < 0)
    return row_error (error, _("The cohort %s has a negative size."), cohort);
  if (n_periods == 0)
    return row_error (error, _("The cohort %s has no periods."), cohort);

  g_string_truncate (import->buffer, 0);
  for (guint i = 0; i < n_periods; i++)
    {
      if (retained[i] < 0)
        return row_error (error, _("The cohort %s has a negative count in period %u."), cohort, i);
      if (i > 0)
        g_string_append_c (import->buffer, ',');
      g_string_append_printf (import->buffer, "%" G_GINT64_FORMAT, retained[i]);
    }

  row = next_row (import);
  put_text (import, &row[0], cohort);
  put_int (&row[1], size);
  put_text (import, &row[2], import->buffer->str);

  return add_row (import, error);
}

/**
 * keel_import_add_survey:
 * @import: an import of survey answers
 * @answer: the answer
 * @date: (nullable): when it was given; %NULL for the import's date
 * @segment: (nullable): the respondent's segment
 * @respondent: (nullable): who answered
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the row is added
 */
gboolean
keel_import_add_survey (KeelImport  *import,
                        KeelAnswer   answer,
                        const char  *date,
                        const char  *segment,
                        const char  *respondent,
                        GError     **error)
{
  BatchValue *row;

  g_return_val_if_fail (import != NULL, FALSE);
  g_return_val_if_fail (import->dataset == KEEL_DATASET_SURVEY, FALSE);

  if ((guint) answer >= KEEL_N_ANSWERS)
    return row_error (error, _("The answer is not one of the allowed values."));

  date = null_if_empty (date);
  segment = null_if_empty (segment);
  respondent = null_if_empty (respondent);

  if (date != NULL && !keel_date_is_valid (date))
    return row_error (error, _("The date “%s” is not a valid date (YYYY-MM-DD)."),
                      g_utf8_validate (date, -1, NULL) ? date : "");
  if ((segment != NULL && !text_is_valid (segment))
      || (respondent != NULL && !text_is_valid (respondent)))
    return row_error (error, _("The segment or the respondent is not valid UTF-8 text."));

  row = next_row (import);
  put_text (import, &row[0], keel_answer_to_string (answer));
  put_text (import, &row[1], date != NULL ? date : import->date);
  put_text (import, &row[2], segment);
  put_text (import, &row[3], respondent);

  return add_row (import, error);
}

/**
 * keel_import_add_acquisition:
 * @import: an import of acquisition rows
 * @period: "YYYY-MM", or the period's start "YYYY-MM-DD"
 * @channel: the acquisition channel, as the user spells it
 * @new_users: the users it brought in the period
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the row is added
 */
gboolean
keel_import_add_acquisition (KeelImport  *import,
                             const char  *period,
                             const char  *channel,
                             gint64       new_users,
                             GError     **error)
{
  BatchValue *row;

  g_return_val_if_fail (import != NULL, FALSE);
  g_return_val_if_fail (import->dataset == KEEL_DATASET_ACQUISITION, FALSE);

  if (!is_valid_period (period))
    return row_error (error, _("The period “%s” is neither a month (YYYY-MM) nor a date (YYYY-MM-DD)."),
                      period != NULL && g_utf8_validate (period, -1, NULL) ? period : "");
  if (channel == NULL || channel[0] == '\0' || !text_is_valid (channel))
    return row_error (error, _("The channel of period %s is missing."), period);
  if (new_users < 0)
    return row_error (error, _("The number of new users from “%s” is negative."), channel);

  row = next_row (import);
  put_text (import, &row[0], period);
  put_text (import, &row[1], channel);
  put_int (&row[2], new_users);

  return add_row (import, error);
}

/**
 * keel_import_get_n_rows:
 * @import: an import
 *
 * Returns: the number of rows added so far
 */
guint64
keel_import_get_n_rows (KeelImport *import)
{
  g_return_val_if_fail (import != NULL, 0);

  return import->n_rows;
}

/**
 * keel_import_set_retention_period:
 * @import: an import of retention cohorts
 * @period: the period of the cohorts' columns
 *
 * Sets the project's retention period when the import is committed, in the same step.
 */
void
keel_import_set_retention_period (KeelImport          *import,
                                  KeelRetentionPeriod  period)
{
  g_return_if_fail (import != NULL);
  g_return_if_fail ((guint) period < KEEL_N_RETENTION_PERIODS);

  import->has_period = TRUE;
  import->period = period;
}

static GArray *
active_imports (KeelProject  *self,
                KeelDataset   dataset,
                gint64        except,
                GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = keel_db_prepare (self->db,
                          "SELECT id FROM imports WHERE dataset = ?1 AND active = 1 AND id != ?2"
                          " ORDER BY id",
                          error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, keel_dataset_to_string (dataset), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, except);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      keel_db_set_error (self->db, error, NULL);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/**
 * keel_project_commit_import:
 * @self: a #KeelProject
 * @import: (transfer full): the import
 * @error: return location for a #GError
 *
 * Commits the import as one undo step ("Import survey.csv"): its rows become the
 * dataset's (or are added to it). On failure nothing of the import remains.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_project_commit_import (KeelProject  *self,
                            KeelImport   *import,
                            GError      **error)
{
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) db_error = NULL;
  g_autofree char *label = NULL;
  guint mark;
  KeelOp *op;

  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (import != NULL && self->import == import, FALSE);

  mark = import->journal_mark;
  label = g_strdup_printf (_("Import %s"), import->source);
  ops = g_ptr_array_new_with_free_func ((GDestroyNotify) keel_op_free);

  op = keel_op_new (KEEL_OP_IMPORTS);
  op->activate = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (op->activate, import->import_id);
  if (!import->append)
    op->deactivate = active_imports (self, import->dataset, import->import_id, &db_error);
  g_ptr_array_add (ops, op);

  if (import->has_period && import->period != self->retention_period)
    {
      op = keel_op_new (KEEL_OP_RETENTION_PERIOD);
      op->int_before = self->retention_period;
      op->int_after = import->period;
      g_ptr_array_add (ops, op);
    }

  /* The last rows, fewer than a batch. */
  if (db_error == NULL && flush_batch (import, &db_error))
    restore_indexes (import, &db_error);

  self->import = NULL;

  if (db_error != NULL)
    goto failed;

  for (guint i = 0; i < ops->len; i++)
    {
      KeelOp *each = g_ptr_array_index (ops, i);

      if (!keel_project_apply_op_sql (self, each, TRUE, &db_error))
        goto failed;
      keel_project_apply_op_memory (self, each, TRUE);
    }

  if (!commit_rows (import, error))
    {
      keel_import_free (import);
      keel_project_step_rollback (self, mark);
      return FALSE;
    }
  keel_import_free (import);

  return keel_project_finish_step (self, label, g_steal_pointer (&ops), TRUE, mark, error);

failed:
  keel_import_free (import);
  keel_project_step_rollback (self, mark);
  keel_project_storage_error (error, db_error);
  return FALSE;
}

/**
 * keel_project_abort_import:
 * @self: a #KeelProject
 * @import: (transfer full): the import
 *
 * Throws the import away: the project is as it was before it began.
 */
void
keel_project_abort_import (KeelProject *self,
                           KeelImport  *import)
{
  guint mark;

  g_return_if_fail (KEEL_IS_PROJECT (self));
  g_return_if_fail (import != NULL && self->import == import);

  mark = import->journal_mark;
  self->import = NULL;
  keel_import_free (import);
  keel_project_step_rollback (self, mark);
}

/* ---- Rows ---- */

static const char * const count_sql[] = {
  "SELECT count(*) FROM retention_cohorts"
  " WHERE import_id IN (SELECT id FROM imports WHERE active = 1)",
  "SELECT count(*) FROM survey_responses"
  " WHERE import_id IN (SELECT id FROM imports WHERE active = 1)",
  "SELECT count(*) FROM acquisition"
  " WHERE import_id IN (SELECT id FROM imports WHERE active = 1)",
};

static const char * const select_row_sql[] = {
  "SELECT import_id, cohort, size, retained FROM retention_cohorts"
  " WHERE id = ?1 AND import_id IN (SELECT id FROM imports WHERE active = 1)",
  "SELECT import_id, answer, date, segment, respondent FROM survey_responses"
  " WHERE id = ?1 AND import_id IN (SELECT id FROM imports WHERE active = 1)",
  "SELECT import_id, period, channel, new_users FROM acquisition"
  " WHERE id = ?1 AND import_id IN (SELECT id FROM imports WHERE active = 1)",
};

/**
 * keel_project_count_rows:
 * @self: a #KeelProject
 * @dataset: a dataset
 *
 * Returns: the number of the dataset's active rows (0 if they cannot be read)
 */
guint64
keel_project_count_rows (KeelProject *self,
                         KeelDataset  dataset)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  guint64 count = 0;

  g_return_val_if_fail (KEEL_IS_PROJECT (self), 0);
  g_return_val_if_fail ((guint) dataset < KEEL_N_DATASETS, 0);

  stmt = keel_db_prepare (self->db, count_sql[dataset], &error);
  if (stmt == NULL)
    {
      g_debug ("Cannot count the rows of %s: %s", keel_dataset_to_string (dataset), error->message);
      return 0;
    }

  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = (guint64) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

static char *
column_string (sqlite3_stmt *stmt,
               int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Reads the active row @id of @dataset into @row; FALSE if there is none. */
static gboolean
read_row (KeelProject  *self,
          KeelDataset   dataset,
          gint64        id,
          KeelRowCopy  *row,
          GError      **error)
{
  sqlite3_stmt *stmt = keel_db_prepare (self->db, select_row_sql[dataset], error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_UNKNOWN_ID,
                     _("There is no row %" PRId64 " in the %s data."), id,
                     keel_dataset_to_string (dataset));
      else
        keel_db_set_error (self->db, error, NULL);
      return FALSE;
    }

  memset (row, 0, sizeof *row);
  row->id = id;
  row->import_id = sqlite3_column_int64 (stmt, 0);
  row->text[0] = column_string (stmt, 1);
  switch (dataset)
    {
    case KEEL_DATASET_RETENTION:
      row->number = sqlite3_column_int64 (stmt, 2);
      row->text[1] = column_string (stmt, 3);
      break;
    case KEEL_DATASET_SURVEY:
      row->text[1] = column_string (stmt, 2);
      row->text[2] = column_string (stmt, 3);
      row->text[3] = column_string (stmt, 4);
      break;
    case KEEL_DATASET_ACQUISITION:
    case KEEL_N_DATASETS:
    default:
      row->text[1] = column_string (stmt, 2);
      row->number = sqlite3_column_int64 (stmt, 3);
      break;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * keel_project_delete_rows:
 * @self: a #KeelProject
 * @dataset: a dataset
 * @row_ids: (array length=n_rows): the rows' ids (rowids of the dataset's table)
 * @n_rows: the number of ids
 * @error: return location for a #GError
 *
 * Deletes active rows as one undo step; undo puts them back with their ids. A row
 * that is not active in @dataset is %KEEL_PROJECT_ERROR_UNKNOWN_ID and nothing is
 * deleted.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_project_delete_rows (KeelProject   *self,
                          KeelDataset    dataset,
                          const gint64  *row_ids,
                          guint          n_rows,
                          GError       **error)
{
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *label = NULL;
  KeelOp *op;

  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail ((guint) dataset < KEEL_N_DATASETS, FALSE);
  g_return_val_if_fail (row_ids != NULL || n_rows == 0, FALSE);

  if (!keel_project_check_editable (self, error))
    return FALSE;

  if (n_rows == 0)
    return TRUE;

  op = keel_op_new (KEEL_OP_ROWS);
  op->dataset = dataset;
  op->rows = g_array_sized_new (FALSE, TRUE, sizeof (KeelRowCopy), n_rows);
  g_array_set_clear_func (op->rows, keel_row_copy_clear);
  ops = g_ptr_array_new_with_free_func ((GDestroyNotify) keel_op_free);
  g_ptr_array_add (ops, op);
  seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(GError) read_error = NULL;
      KeelRowCopy row;

      if (!g_hash_table_add (seen, (gpointer) &row_ids[i]))
        continue;

      if (!read_row (self, dataset, row_ids[i], &row, &read_error))
        {
          if (g_error_matches (read_error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_UNKNOWN_ID))
            g_propagate_error (error, g_steal_pointer (&read_error));
          else
            keel_project_storage_error (error, read_error);
          return FALSE;
        }

      g_array_append_val (op->rows, row);
    }

  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Row", "Delete %u Rows",
                                        op->rows->len),
                           op->rows->len);

  return keel_project_run_edit (self, label, g_steal_pointer (&ops), TRUE, error);
}

/* Deletes the imports left inactive by an earlier session, and their rows. */
gboolean
keel_project_purge_inactive_imports (KeelProject  *self,
                                     GError      **error)
{
  sqlite3 *handle = keel_db_get_handle (self->db);
  g_autoptr(GError) db_error = NULL;
  sqlite3_stmt *stmt;
  gboolean any = FALSE;

  /* A read-only working copy is only read: its inactive rows are ignored anyway. */
  if (sqlite3_db_readonly (handle, "main") == 1)
    return TRUE;

  stmt = keel_db_prepare (self->db, "SELECT EXISTS (SELECT 1 FROM imports WHERE active = 0)", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    any = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  if (!any)
    return TRUE;

  if (!keel_db_begin (self->db, &db_error)
      || !keel_db_exec (self->db,
                        "DELETE FROM retention_cohorts WHERE import_id IN"
                        " (SELECT id FROM imports WHERE active = 0);"
                        "DELETE FROM survey_responses WHERE import_id IN"
                        " (SELECT id FROM imports WHERE active = 0);"
                        "DELETE FROM acquisition WHERE import_id IN"
                        " (SELECT id FROM imports WHERE active = 0);"
                        "DELETE FROM imports WHERE active = 0;",
                        &db_error)
      || !keel_db_commit (self->db, &db_error))
    {
      keel_db_rollback (self->db);
      g_propagate_error (error, g_steal_pointer (&db_error));
      return FALSE;
    }

  return TRUE;
}
