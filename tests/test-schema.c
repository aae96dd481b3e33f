/* test-schema.c: creating, checking and migrating the project schema.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "keel-document.h"
#include "keel-schema.h"
#include "keel-test-schema-v1.h"

/* Version 1 files: the tables (see keel-test-schema-v1.h) and the pragmas. */
static const char v1_sql[] =
  KEEL_TEST_V1_TABLES_SQL
  "PRAGMA application_id = 1262830924;\n"
  "PRAGMA user_version = 1;\n";

typedef struct {
  char   *dir;
  char   *path;
  KeelDb *db;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("keel-test-schema-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "project.sqlite", NULL);
  f->db = keel_db_open (f->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->db);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Runs SQL on a plain connection, as another program (or an attacker) would: the
 * defensive KeelDb would refuse some of it. */
static void
raw_exec (Fixture    *f,
          const char *sql)
{
  sqlite3 *raw = NULL;
  char *message = NULL;

  g_clear_object (&f->db);
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  if (sqlite3_exec (raw, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (raw);
  f->db = keel_db_open (f->path, SQLITE_OPEN_READWRITE, NULL);
  g_assert_nonnull (f->db);
}

static gint64
query_int (KeelDb     *db,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = keel_db_prepare (db, sql, &error);
  gint64 value;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (keel_schema_create (f->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (keel_db_get_user_version (f->db, NULL), ==, KEEL_SCHEMA_VERSION);
  g_assert_cmpint (keel_db_get_application_id (f->db, NULL), ==, KEEL_APPLICATION_ID);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"), ==, 13);

  g_assert_true (keel_schema_check (f->db, &error));
  g_assert_no_error (error);

  /* Creating twice fails and changes nothing. */
  g_assert_false (keel_schema_create (f->db, &error));
  g_assert_nonnull (error);
  g_assert_true (keel_schema_check (f->db, NULL));
}

typedef struct {
  const char *name;
  const char *sql;
  const char *mentions;
} BadSchema;

static const BadSchema bad_schemas[] = {
  { "trigger",
    "CREATE TABLE log (x); CREATE TRIGGER evil AFTER INSERT ON items BEGIN INSERT INTO log VALUES (1); END;",
    "evil" },
  { "trigger-only",
    "CREATE TRIGGER sneaky AFTER INSERT ON items BEGIN DELETE FROM debts; END;",
    "sneaky" },
  { "view", "CREATE VIEW v AS SELECT * FROM items;", "v" },
  { "extra-table", "CREATE TABLE extra (x);", "extra" },
  { "extra-index", "CREATE INDEX items_by_title ON items (title);", "items_by_title" },
  { "missing-table", "DROP TABLE channel_classes;", "channel_classes" },
  { "missing-index", "DROP INDEX survey_by_import;", "survey_by_import" },
  { "extra-column", "ALTER TABLE items ADD COLUMN note TEXT;", "items" },
  { "analyze", "ANALYZE;", "sqlite_stat1" },
  { "check-constraint",
    "DROP TABLE meta; CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL CHECK (length (value) < 3));",
    "meta" },
  /* Same text once quotes and spaces go, but one oddly named column. */
  { "quoted-column",
    "DROP TABLE meta; CREATE TABLE meta (\"key TEXT PRIMARY KEY NOT NULL, value\" TEXT NOT NULL);",
    "meta" },
  { "index-on-other-column",
    "DROP INDEX survey_by_import; CREATE INDEX survey_by_import ON survey_responses (segment);",
    "survey_by_import" },
  { "without-rowid",
    "DROP TABLE channel_classes; CREATE TABLE channel_classes (channel TEXT PRIMARY KEY NOT NULL, class TEXT NOT NULL) WITHOUT ROWID;",
    "channel_classes" },
  { "autoincrement",
    "DROP TABLE imports; CREATE TABLE imports (id INTEGER PRIMARY KEY AUTOINCREMENT, dataset TEXT NOT NULL, source TEXT NOT NULL, imported TEXT NOT NULL, active INTEGER NOT NULL);",
    "sqlite_sequence" },
  { "unknown-version", "PRAGMA user_version = 7;", "7" },
};

static void
test_check_refuses (Fixture       *f,
                    gconstpointer  data)
{
  const BadSchema *bad = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (keel_schema_create (f->db, &error));
  raw_exec (f, bad->sql);

  g_assert_false (keel_schema_check (f->db, &error));
  g_assert_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_UNSAFE);
  g_test_message ("%s: %s", bad->name, error->message);
  g_assert_nonnull (strstr (error->message, bad->mentions));
}

static void
test_check_trigger_never_runs (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (keel_schema_create (f->db, &error));
  raw_exec (f, "CREATE TABLE log (x);"
               "CREATE TRIGGER evil AFTER INSERT ON meta BEGIN INSERT INTO log VALUES (1); END;");

  /* Even before the check refuses the file, KeelDb never fires the trigger. */
  g_assert_true (keel_db_exec (f->db, "INSERT INTO meta VALUES ('name', 'x')", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM log"), ==, 0);
}

static void
test_check_renamed_quotes (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* ALTER TABLE … RENAME quotes the new name in sqlite_schema; that is still the same
   * table, as a migration produces it. */
  g_assert_true (keel_schema_create (f->db, &error));
  raw_exec (f, "DROP TABLE settings;"
               "CREATE TABLE  settings_new (key TEXT PRIMARY KEY NOT NULL,\n value REAL NOT NULL);"
               "ALTER TABLE settings_new RENAME TO settings;");
  g_assert_true (keel_schema_check (f->db, &error));
  g_assert_no_error (error);
}

static void
create_v1 (Fixture    *f,
           const char *data_sql)
{
  raw_exec (f, v1_sql);
  if (data_sql != NULL)
    raw_exec (f, data_sql);
}

static void
test_check_v1 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  create_v1 (f, NULL);
  g_assert_true (keel_schema_check (f->db, &error));
  g_assert_no_error (error);

  /* A version 1 file with version 2's imports table is not version 1. */
  raw_exec (f, "CREATE TABLE imports (id INTEGER PRIMARY KEY, dataset TEXT NOT NULL,"
               " source TEXT NOT NULL, imported TEXT NOT NULL, active INTEGER NOT NULL)");
  g_assert_false (keel_schema_check (f->db, &error));
  g_assert_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_UNSAFE);
  g_assert_nonnull (strstr (error->message, "imports"));
}

static void
test_migrate_v1 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  sqlite3_stmt *stmt;
  gint64 from = -1;
  gint64 survey_import, cohort_import;

  create_v1 (f,
             "INSERT INTO meta VALUES ('name', 'Old project');"
             "INSERT INTO items VALUES ('it-1', 'Export', '', 'product', 'feature', 'now',"
             " 'planned', 0, 5, 'Mia', NULL);"
             "INSERT INTO retention_cohorts VALUES (3, '2026-08-03', 200, '200,120,96');"
             "INSERT INTO retention_cohorts VALUES (9, '2026-08-10', 100, '100,50');"
             "INSERT INTO survey_responses VALUES (1, 'very_disappointed', '2026-10-02', 'founders', 'r-17');"
             "INSERT INTO survey_responses VALUES (2, 'not_disappointed', '2026-10-03', NULL, NULL);");

  g_assert_true (keel_schema_check (f->db, &error));
  g_assert_true (keel_schema_migrate (f->db, &from, &error));
  g_assert_no_error (error);
  g_assert_cmpint (from, ==, 1);
  g_assert_cmpint (keel_db_get_user_version (f->db, NULL), ==, KEEL_SCHEMA_VERSION);

  /* The migrated file is exactly a current one. */
  g_assert_true (keel_schema_check (f->db, &error));
  g_assert_no_error (error);

  /* One import per dataset that had rows; acquisition had none. */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM imports"), ==, 2);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM imports WHERE dataset = 'acquisition'"), ==, 0);
  stmt = keel_db_prepare (f->db, "SELECT dataset, source, imported, active FROM imports ORDER BY id", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "retention");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "migrated");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, today);
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 1);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "survey");
  sqlite3_reset (stmt);

  cohort_import = query_int (f->db, "SELECT id FROM imports WHERE dataset = 'retention'");
  survey_import = query_int (f->db, "SELECT id FROM imports WHERE dataset = 'survey'");
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM retention_cohorts"), ==, 2);
  g_assert_cmpint (query_int (f->db, "SELECT min(import_id) = max(import_id) FROM retention_cohorts"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT import_id FROM retention_cohorts WHERE id = 9"), ==, cohort_import);
  g_assert_cmpint (query_int (f->db, "SELECT size FROM retention_cohorts WHERE id = 9"), ==, 100);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM survey_responses WHERE import_id = "
                                     "(SELECT id FROM imports WHERE dataset = 'survey')"), ==, 2);
  g_assert_cmpint (survey_import, !=, cohort_import);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM survey_responses WHERE segment IS NULL"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM items"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM sqlite_schema WHERE name LIKE '%_v2'"), ==, 0);

  /* Migrating a current database does nothing. */
  g_assert_true (keel_schema_migrate (f->db, &from, &error));
  g_assert_cmpint (from, ==, 0);
}

static void
test_migrate_atomic (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 from = -1;

  /* A table in the way makes the step fail halfway; nothing may have changed. */
  create_v1 (f, "INSERT INTO survey_responses VALUES (1, 'very_disappointed', '2026-10-02', NULL, NULL);"
                "CREATE TABLE acquisition_v2 (x);");
  g_assert_false (keel_schema_migrate (f->db, &from, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (from, ==, 0);
  g_assert_cmpint (keel_db_get_user_version (f->db, NULL), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM sqlite_schema WHERE name = 'imports'"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM pragma_table_info ('survey_responses')"
                                     " WHERE name = 'import_id'"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM survey_responses"), ==, 1);
}

static void
test_migrate_unknown (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 from = -1;

  g_assert_true (keel_schema_create (f->db, &error));
  raw_exec (f, "PRAGMA user_version = 99");
  g_assert_false (keel_schema_migrate (f->db, &from, &error));
  g_assert_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_UNSAFE);
  g_assert_cmpint (keel_db_get_user_version (f->db, NULL), ==, 99);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("/keel/schema/create", test_create, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (bad_schemas); i++)
    {
      g_autofree char *path = g_strdup_printf ("/keel/schema/check-refuses/%s", bad_schemas[i].name);
      ADD (path, test_check_refuses, &bad_schemas[i]);
    }
  ADD ("/keel/schema/check-trigger-never-runs", test_check_trigger_never_runs, NULL);
  ADD ("/keel/schema/check-renamed-quotes", test_check_renamed_quotes, NULL);
  ADD ("/keel/schema/check-v1", test_check_v1, NULL);
  ADD ("/keel/schema/migrate-v1", test_migrate_v1, NULL);
  ADD ("/keel/schema/migrate-atomic", test_migrate_atomic, NULL);
  ADD ("/keel/schema/migrate-unknown", test_migrate_unknown, NULL);
#undef ADD

  return g_test_run ();
}
