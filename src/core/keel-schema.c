/* keel-schema.c: creating, checking and migrating the layout of a Keel project.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-schema"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "keel-document.h"
#include "keel-schema.h"

/* Version 1 (Keel 0.0.x): dataset rows belonged to the project directly; there were no
 * imports, so nothing could be undone or replaced. Kept verbatim: it is what the
 * files of that version carry, and the check of such a file compares against it. */
#define KEEL_SCHEMA_V1_SQL \
  "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);\n" \
  "CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value REAL NOT NULL);\n" \
  "CREATE TABLE signals (id TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, name TEXT," \
  " required INTEGER NOT NULL, position INTEGER NOT NULL, value REAL, target REAL," \
  " comparison TEXT, date TEXT, source TEXT);\n" \
  "CREATE TABLE evidence (id TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL," \
  " summary TEXT NOT NULL, source TEXT NOT NULL, date TEXT NOT NULL, value REAL, unit TEXT);\n" \
  "CREATE TABLE items (id TEXT PRIMARY KEY NOT NULL, title TEXT NOT NULL," \
  " description TEXT NOT NULL, dimension TEXT NOT NULL, kind TEXT NOT NULL," \
  " horizon TEXT NOT NULL, status TEXT NOT NULL, position INTEGER NOT NULL," \
  " effort_days REAL, owner TEXT, target TEXT);\n" \
  "CREATE TABLE item_links (item_id TEXT NOT NULL, link TEXT NOT NULL," \
  " target_id TEXT NOT NULL, position INTEGER NOT NULL," \
  " PRIMARY KEY (item_id, link, target_id));\n" \
  "CREATE TABLE debts (id TEXT PRIMARY KEY NOT NULL, title TEXT NOT NULL," \
  " component TEXT NOT NULL, quadrant TEXT NOT NULL, principal_days REAL NOT NULL," \
  " interest_hours_per_week REAL NOT NULL, bottleneck INTEGER NOT NULL," \
  " hard_ceiling INTEGER NOT NULL, status TEXT NOT NULL, owner TEXT, recorded TEXT NOT NULL);\n" \
  "CREATE TABLE debt_evidence (debt_id TEXT NOT NULL, evidence_id TEXT NOT NULL," \
  " position INTEGER NOT NULL, PRIMARY KEY (debt_id, evidence_id));\n" \
  "CREATE TABLE retention_cohorts (id INTEGER PRIMARY KEY," \
  " cohort TEXT NOT NULL, size INTEGER NOT NULL, retained TEXT NOT NULL);\n" \
  "CREATE TABLE survey_responses (id INTEGER PRIMARY KEY," \
  " answer TEXT NOT NULL, date TEXT NOT NULL, segment TEXT, respondent TEXT);\n" \
  "CREATE TABLE acquisition (id INTEGER PRIMARY KEY," \
  " period TEXT NOT NULL, channel TEXT NOT NULL, new_users INTEGER NOT NULL);\n" \
  "CREATE TABLE channel_classes (channel TEXT PRIMARY KEY NOT NULL, class TEXT NOT NULL);\n" \
  "CREATE INDEX survey_by_date ON survey_responses (date);\n" \
  "CREATE INDEX item_links_by_target ON item_links (target_id);\n" \
  "CREATE INDEX debt_evidence_by_target ON debt_evidence (evidence_id);\n"

typedef gboolean (*MigrateFunc) (KeelDb  *db,
                                 GError **error);

static gboolean migrate_1_to_2 (KeelDb  *db,
                                GError **error);

/* migrations[i] takes a database from version i + 1 to version i + 2. */
static const MigrateFunc migrations[] = {
  migrate_1_to_2,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == KEEL_SCHEMA_VERSION - 1);

/* The SQL that created each version's layout, for the check; index = version - 1. */
static const char * const schema_sql[] = {
  KEEL_SCHEMA_V1_SQL,
  KEEL_SCHEMA_SQL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (schema_sql) == KEEL_SCHEMA_VERSION);

/* Helpers */

static gboolean unsafe (GError     **error,
                        const char  *format,
                        ...) G_GNUC_PRINTF (2, 3);

static gboolean
unsafe (GError     **error,
        const char  *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_UNSAFE, message);
  return FALSE;
}

/* The CREATE statements of one file and another can differ in ways that do not change
 * what they create: case, spacing, and the quotes that ALTER TABLE … RENAME adds. */
static char *
normalize_sql (const char *sql)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = sql; *p != '\0'; p++)
    {
      char c = *p;

      if (c == '"')
        continue;
      if (g_ascii_isspace (c))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0 && strchr ("(),", c) == NULL &&
          strchr ("(,", out->str[out->len - 1]) == NULL)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, g_ascii_tolower (c));
    }

  return g_string_free (out, FALSE);
}

/* Appends the rows of a table-valued pragma over @name, one line per row. The pragma
 * functions take the object's name as a bound parameter, so no SQL is built from a
 * name that the file chose. */
static gboolean
append_pragma_rows (sqlite3     *handle,
                    const char  *sql,
                    const char  *name,
                    GString     *out)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  g_string_append_printf (out, "[%s]\n", sql);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int n = sqlite3_column_count (stmt);

      for (int i = 0; i < n; i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (out, "%s|", text != NULL ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE;
}

/* Describes what @name is, as SQLite sees it: the normalized CREATE statement, and for
 * a table its columns and indexes (automatic ones included), for an index its
 * columns. Two objects with the same description behave the same. */
static char *
describe_object (sqlite3    *handle,
                 const char *type,
                 const char *name,
                 const char *sql)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *normalized = normalize_sql (sql != NULL ? sql : "");

  g_string_append_printf (out, "%s\n", normalized);

  if (g_str_equal (type, "table"))
    {
      if (!append_pragma_rows (handle,
                               "SELECT cid, name, type, \"notnull\", dflt_value, pk, hidden"
                               " FROM pragma_table_xinfo (?) ORDER BY cid",
                               name, out) ||
          !append_pragma_rows (handle,
                               "SELECT type, ncol, wr, strict FROM pragma_table_list (?)"
                               " WHERE schema = 'main'",
                               name, out) ||
          !append_pragma_rows (handle,
                               "SELECT \"unique\", origin, partial FROM pragma_index_list (?)"
                               " ORDER BY name",
                               name, out) ||
          !append_pragma_rows (handle,
                               "SELECT \"table\", \"from\", \"to\", on_update, on_delete"
                               " FROM pragma_foreign_key_list (?) ORDER BY id, seq",
                               name, out))
        return NULL;
    }
  else if (g_str_equal (type, "index"))
    {
      if (!append_pragma_rows (handle,
                               "SELECT seqno, cid, name, \"desc\", coll, key"
                               " FROM pragma_index_xinfo (?) ORDER BY seqno",
                               name, out))
        return NULL;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct {
  char *type;
  char *name;
  char *tbl_name;
  char *sql;
} SchemaObject;

static void
schema_object_free (gpointer data)
{
  SchemaObject *object = data;

  g_free (object->type);
  g_free (object->name);
  g_free (object->tbl_name);
  g_free (object->sql);
  g_free (object);
}

/* Reads sqlite_schema of @handle into a table name → SchemaObject. */
static GHashTable *
read_schema (sqlite3  *handle,
             GError  **error)
{
  g_autoptr(GHashTable) objects = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         schema_object_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (handle, "SELECT type, name, tbl_name, sql FROM sqlite_schema",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SchemaObject *object = g_new0 (SchemaObject, 1);

      object->type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      object->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      object->tbl_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      object->sql = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      if (object->name == NULL || object->type == NULL ||
          g_hash_table_contains (objects, object->name))
        {
          /* Names are unique in a sound database. */
          schema_object_free (object);
          rc = SQLITE_CORRUPT;
          break;
        }
      g_hash_table_insert (objects, object->name, object);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      int code = rc == SQLITE_ROW || rc == SQLITE_OK ? SQLITE_ERROR : rc;

      g_set_error (error, KEEL_DB_ERROR,
                   (code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB
                     ? KEEL_DB_ERROR_CORRUPT : KEEL_DB_ERROR_FAILED,
                   _("Cannot read the database schema: %s"), sqlite3_errstr (code));
      return NULL;
    }

  return g_steal_pointer (&objects);
}

static gboolean
check_against (KeelDb      *db,
               const char  *reference_sql,
               GError     **error)
{
  sqlite3 *handle = keel_db_get_handle (db);
  sqlite3 *reference = NULL;
  g_autoptr(GHashTable) actual = NULL;
  g_autoptr(GHashTable) expected = NULL;
  GHashTableIter iter;
  SchemaObject *object;
  gboolean ok = FALSE;

  if (handle == NULL)
    {
      keel_db_set_error (db, error, NULL);
      return FALSE;
    }

  actual = read_schema (handle, error);
  if (actual == NULL)
    return FALSE;

  /* Objects SQLite would never run are named first, so the message says the worst. */
  g_hash_table_iter_init (&iter, actual);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &object))
    {
      if (g_str_equal (object->type, "trigger"))
        return unsafe (error, _("The file contains a trigger (“%s”); Keel never runs code "
                                "that a file carries."), object->name);
      if (g_str_equal (object->type, "view"))
        return unsafe (error, _("The file contains a view (“%s”); Keel never runs code "
                                "that a file carries."), object->name);
    }

  /* What the schema should be, built from the very SQL that creates it. */
  if (sqlite3_open_v2 (":memory:", &reference, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      sqlite3_exec (reference, reference_sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, KEEL_DB_ERROR, KEEL_DB_ERROR_FAILED,
                   "Cannot build the reference schema: %s", sqlite3_errmsg (reference));
      goto out;
    }
  expected = read_schema (reference, error);
  if (expected == NULL)
    goto out;

  /* Unknown objects first, then missing ones, then differences: the message names
   * the most telling problem whatever order the schema lists its objects in. */
  g_hash_table_iter_init (&iter, actual);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &object))
    {
      if (g_hash_table_contains (expected, object->name))
        continue;
      if (g_str_equal (object->type, "index") &&
          g_str_has_prefix (object->name, "sqlite_autoindex_"))
        {
          /* Made by SQLite for a PRIMARY KEY or UNIQUE; the table's own
           * description (its index list) decides whether it belongs. */
          continue;
        }
      if (g_str_equal (object->type, "table"))
        unsafe (error, _("The file contains a table Keel does not know (“%s”)."), object->name);
      else if (g_str_equal (object->type, "index"))
        unsafe (error, _("The file contains an index Keel does not know (“%s”)."), object->name);
      else
        unsafe (error, _("The file contains an object Keel does not know (“%s”)."), object->name);
      goto out;
    }

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &object))
    {
      if (g_str_has_prefix (object->name, "sqlite_autoindex_"))
        continue;
      if (!g_hash_table_contains (actual, object->name))
        {
          unsafe (error, _("The file lacks “%s”."), object->name);
          goto out;
        }
    }

  g_hash_table_iter_init (&iter, actual);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &object))
    {
      SchemaObject *want = g_hash_table_lookup (expected, object->name);
      g_autofree char *have_desc = NULL;
      g_autofree char *want_desc = NULL;

      if (want == NULL)
        continue;

      if (!g_str_equal (object->type, want->type) ||
          g_strcmp0 (object->tbl_name, want->tbl_name) != 0)
        {
          unsafe (error, _("The file’s “%s” is not what Keel expects."), object->name);
          goto out;
        }

      have_desc = describe_object (handle, object->type, object->name, object->sql);
      want_desc = describe_object (reference, want->type, want->name, want->sql);
      if (have_desc == NULL || want_desc == NULL || !g_str_equal (have_desc, want_desc))
        {
          if (g_str_equal (object->type, "table"))
            unsafe (error, _("The table “%s” has a different layout than Keel’s."), object->name);
          else
            unsafe (error, _("The index “%s” differs from Keel’s."), object->name);
          goto out;
        }
    }

  ok = TRUE;

out:
  sqlite3_close (reference);
  return ok;
}

static gboolean
set_user_version (KeelDb  *db,
                  gint64   version,
                  GError **error)
{
  /* PRAGMA takes no parameters; the value is a constant of this file, never input. */
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, version);

  return keel_db_exec (db, sql, error);
}

/* Migrations */

static gboolean
query_int (KeelDb      *db,
           const char  *sql,
           gint64      *out_value,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (keel_db_get_handle (db), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      keel_db_set_error (db, error, NULL);
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_value = sqlite3_column_int64 (stmt, 0);
  else
    keel_db_set_error (db, error, NULL);
  sqlite3_finalize (stmt);

  return rc == SQLITE_ROW;
}

/* Runs @sql once with ?1 = @text1 and ?2 = @text2 when given, else ?1 = @number. */
static gboolean
run_bound (KeelDb      *db,
           const char  *sql,
           const char  *text1,
           const char  *text2,
           gint64       number,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (keel_db_get_handle (db), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      keel_db_set_error (db, error, NULL);
      return FALSE;
    }
  if (text1 != NULL)
    {
      sqlite3_bind_text (stmt, 1, text1, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, text2, -1, SQLITE_STATIC);
    }
  else
    sqlite3_bind_int64 (stmt, 1, number);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    keel_db_set_error (db, error, NULL);
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE;
}

/* 1 → 2: dataset rows now carry the import that brought them. Each dataset that has
 * rows gets one import standing for everything the older Keel had recorded, and the
 * dataset tables are rebuilt with the new column (SQLite cannot add a NOT NULL column
 * in the middle of a table). */
static gboolean
migrate_1_to_2 (KeelDb  *db,
                GError **error)
{
  static const struct {
    const char *dataset;
    const char *table;
    const char *create;
    const char *copy;
  } tables[] = {
    { "retention", "retention_cohorts",
      "CREATE TABLE retention_cohorts_v2 (id INTEGER PRIMARY KEY, import_id INTEGER NOT NULL,"
      " cohort TEXT NOT NULL, size INTEGER NOT NULL, retained TEXT NOT NULL)",
      "INSERT INTO retention_cohorts_v2 (id, import_id, cohort, size, retained)"
      " SELECT id, ?, cohort, size, retained FROM retention_cohorts ORDER BY id" },
    { "survey", "survey_responses",
      "CREATE TABLE survey_responses_v2 (id INTEGER PRIMARY KEY, import_id INTEGER NOT NULL,"
      " answer TEXT NOT NULL, date TEXT NOT NULL, segment TEXT, respondent TEXT)",
      "INSERT INTO survey_responses_v2 (id, import_id, answer, date, segment, respondent)"
      " SELECT id, ?, answer, date, segment, respondent FROM survey_responses ORDER BY id" },
    { "acquisition", "acquisition",
      "CREATE TABLE acquisition_v2 (id INTEGER PRIMARY KEY, import_id INTEGER NOT NULL,"
      " period TEXT NOT NULL, channel TEXT NOT NULL, new_users INTEGER NOT NULL)",
      "INSERT INTO acquisition_v2 (id, import_id, period, channel, new_users)"
      " SELECT id, ?, period, channel, new_users FROM acquisition ORDER BY id" },
  };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  if (!keel_db_exec (db,
                     "CREATE TABLE imports (id INTEGER PRIMARY KEY, dataset TEXT NOT NULL,"
                     " source TEXT NOT NULL, imported TEXT NOT NULL, active INTEGER NOT NULL)",
                     error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *count_sql = NULL;
      g_autofree char *drop_sql = NULL;
      g_autofree char *rename_sql = NULL;
      gint64 has_rows = 0;
      gint64 import_id = 0;

      /* Table names below come from the constant table above, never from the file.
       * These statements run once, so they are not left in the connection's cache. */
      count_sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM %s)", tables[i].table);
      if (!query_int (db, count_sql, &has_rows, error))
        return FALSE;

      if (has_rows)
        {
          if (!run_bound (db,
                          "INSERT INTO imports (dataset, source, imported, active)"
                          " VALUES (?1, 'migrated', ?2, 1)",
                          tables[i].dataset, today, 0, error))
            return FALSE;
          import_id = sqlite3_last_insert_rowid (keel_db_get_handle (db));
        }

      if (!keel_db_exec (db, tables[i].create, error) ||
          !run_bound (db, tables[i].copy, NULL, NULL, import_id, error))
        return FALSE;

      drop_sql = g_strdup_printf ("DROP TABLE %s", tables[i].table);
      rename_sql = g_strdup_printf ("ALTER TABLE %s_v2 RENAME TO %s",
                                    tables[i].table, tables[i].table);
      if (!keel_db_exec (db, drop_sql, error) ||
          !keel_db_exec (db, rename_sql, error))
        return FALSE;
    }

  /* DROP TABLE took survey_by_date with it; version 2 no longer has it (nothing
   * reads survey answers by date, and it made large imports twice as slow). */
  return keel_db_exec (db,
                       "CREATE INDEX survey_by_import ON survey_responses (import_id);"
                       "CREATE INDEX acquisition_by_import ON acquisition (import_id);"
                       "CREATE INDEX cohorts_by_import ON retention_cohorts (import_id);",
                       error);
}

/* Public API */

/**
 * keel_schema_create:
 * @db: an empty database
 * @error: return location for an error
 *
 * Creates the current schema and sets the application id and the schema version, in
 * one transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_schema_create (KeelDb  *db,
                    GError **error)
{
  g_autofree char *ids = NULL;

  g_return_val_if_fail (KEEL_IS_DB (db), FALSE);

  ids = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                         (int) KEEL_APPLICATION_ID, (int) KEEL_SCHEMA_VERSION);

  if (!keel_db_begin (db, error))
    return FALSE;
  if (!keel_db_exec (db, KEEL_SCHEMA_SQL, error) ||
      !keel_db_exec (db, ids, error) ||
      !keel_db_commit (db, error))
    {
      keel_db_rollback (db);
      return FALSE;
    }

  return TRUE;
}

/**
 * keel_schema_check:
 * @db: a database
 * @error: return location for an error
 *
 * Checks that @db holds exactly the tables and indexes of its schema version (by
 * name, columns, constraints and indexes), and no trigger, view or other object.
 *
 * Returns: %TRUE if the schema is Keel's; otherwise %FALSE with
 *   %KEEL_DOCUMENT_ERROR_UNSAFE (or a #KeelDbError when the schema cannot be read)
 */
gboolean
keel_schema_check (KeelDb  *db,
                   GError **error)
{
  gint64 version;

  g_return_val_if_fail (KEEL_IS_DB (db), FALSE);

  version = keel_db_get_user_version (db, error);
  if (version < 0)
    return FALSE;
  if (version < 1 || version > KEEL_SCHEMA_VERSION)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      return unsafe (error, _("The file’s schema version (%s) is unknown."), text);
    }

  return check_against (db, schema_sql[version - 1], error);
}

/**
 * keel_schema_migrate:
 * @db: a checked database of any known schema version
 * @out_from: (out) (optional): the version it had before, or 0 if it was current
 * @error: return location for an error
 *
 * Brings @db to %KEEL_SCHEMA_VERSION, one step per version, all in one transaction:
 * on error nothing has changed.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_schema_migrate (KeelDb  *db,
                     gint64  *out_from,
                     GError **error)
{
  gint64 version;

  g_return_val_if_fail (KEEL_IS_DB (db), FALSE);

  if (out_from != NULL)
    *out_from = 0;

  version = keel_db_get_user_version (db, error);
  if (version < 0)
    return FALSE;
  if (version == KEEL_SCHEMA_VERSION)
    return TRUE;
  if (version < 1 || version > KEEL_SCHEMA_VERSION)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      return unsafe (error, _("The file’s schema version (%s) is unknown."), text);
    }

  if (!keel_db_begin (db, error))
    return FALSE;

  for (gint64 v = version; v < KEEL_SCHEMA_VERSION; v++)
    {
      if (!migrations[v - 1] (db, error))
        {
          keel_db_rollback (db);
          g_prefix_error (error, _("Cannot update the project from version %d: "), (int) v);
          return FALSE;
        }
    }

  if (!set_user_version (db, KEEL_SCHEMA_VERSION, error) ||
      !keel_db_commit (db, error))
    {
      keel_db_rollback (db);
      return FALSE;
    }

  if (out_from != NULL)
    *out_from = version;

  return TRUE;
}
