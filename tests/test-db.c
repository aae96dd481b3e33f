/* test-db.c: KeelDb, the SQLite connection wrapper.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "keel-db.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("keel-test-db-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.sqlite", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static KeelDb *
create_db (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  KeelDb *db;

  db = keel_db_open (f->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static void
test_open_missing (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDb) db = NULL;

  /* Without SQLITE_OPEN_CREATE nothing is created. */
  db = keel_db_open (f->path, SQLITE_OPEN_READWRITE, &error);
  g_assert_null (db);
  g_assert_error (error, KEEL_DB_ERROR, KEEL_DB_ERROR_IO);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

static void
test_defensive (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDb) db = create_db (f);
  sqlite3 *handle = keel_db_get_handle (db);
  sqlite3_stmt *stmt;
  char *message = NULL;
  int value = -1;

  g_assert_cmpstr (keel_db_get_path (db), ==, f->path);

  g_assert_cmpint (sqlite3_db_config (handle, SQLITE_DBCONFIG_DEFENSIVE, -1, &value), ==, SQLITE_OK);
  g_assert_cmpint (value, ==, 1);
  g_assert_cmpint (sqlite3_db_config (handle, SQLITE_DBCONFIG_TRUSTED_SCHEMA, -1, &value), ==, SQLITE_OK);
  g_assert_cmpint (value, ==, 0);
  g_assert_cmpint (sqlite3_db_config (handle, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, -1, &value), ==, SQLITE_OK);
  g_assert_cmpint (value, ==, 0);
  g_assert_cmpint (sqlite3_db_config (handle, SQLITE_DBCONFIG_ENABLE_TRIGGER, -1, &value), ==, SQLITE_OK);
  g_assert_cmpint (value, ==, 0);

  stmt = keel_db_prepare (db, "PRAGMA cell_size_check", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);

  stmt = keel_db_prepare (db, "PRAGMA mmap_size", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);

  stmt = keel_db_prepare (db, "PRAGMA trusted_schema", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_reset (stmt);

  /* No extension can be loaded. */
  g_assert_cmpint (sqlite3_load_extension (handle, "libm.so.6", NULL, &message), !=, SQLITE_OK);
  sqlite3_free (message);

  /* Defensive mode: the schema cannot be written behind SQLite's back. */
  g_assert_true (keel_db_exec (db, "CREATE TABLE t (x)", &error));
  g_assert_no_error (error);
  g_assert_false (keel_db_exec (db,
                                "PRAGMA writable_schema = ON;"
                                "UPDATE sqlite_schema SET sql = 'CREATE TABLE t (y)'",
                                &error));
  g_assert_error (error, KEEL_DB_ERROR, KEEL_DB_ERROR_FAILED);
}

static void
test_statements (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDb) db = create_db (f);
  sqlite3_stmt *insert, *again, *select;

  g_assert_true (keel_db_exec (db, "CREATE TABLE t (id TEXT PRIMARY KEY NOT NULL, n INTEGER)", &error));
  g_assert_no_error (error);

  insert = keel_db_prepare (db, "INSERT INTO t (id, n) VALUES (?, ?)", &error);
  g_assert_no_error (error);
  g_assert_nonnull (insert);
  sqlite3_bind_text (insert, 1, "a", -1, SQLITE_STATIC);
  sqlite3_bind_int (insert, 2, 7);
  g_assert_true (keel_db_step_done (db, insert, &error));
  g_assert_no_error (error);

  /* The same SQL gives the cached statement back, with its bindings cleared. */
  again = keel_db_prepare (db, "INSERT INTO t (id, n) VALUES (?, ?)", &error);
  g_assert_no_error (error);
  g_assert_true (again == insert);
  sqlite3_bind_text (again, 1, "b", -1, SQLITE_STATIC);
  g_assert_true (keel_db_step_done (db, again, &error));

  select = keel_db_prepare (db, "SELECT n FROM t WHERE id = 'b'", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (select), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_type (select, 0), ==, SQLITE_NULL);

  /* A duplicate key is a constraint error. */
  again = keel_db_prepare (db, "INSERT INTO t (id, n) VALUES (?, ?)", &error);
  sqlite3_bind_text (again, 1, "a", -1, SQLITE_STATIC);
  g_assert_false (keel_db_step_done (db, again, &error));
  g_assert_error (error, KEEL_DB_ERROR, KEEL_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* A statement that returns rows is not "done". */
  select = keel_db_prepare (db, "SELECT id FROM t", &error);
  g_assert_false (keel_db_step_done (db, select, &error));
  g_assert_error (error, KEEL_DB_ERROR, KEEL_DB_ERROR_FAILED);
  g_clear_error (&error);

  /* Bad SQL. */
  g_assert_null (keel_db_prepare (db, "SELEKT 1", &error));
  g_assert_error (error, KEEL_DB_ERROR, KEEL_DB_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "syntax"));
}

static gint64
count_rows (KeelDb *db)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = keel_db_prepare (db, "SELECT count(*) FROM t", &error);
  gint64 n;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static void
test_transactions (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDb) db = create_db (f);

  g_assert_true (keel_db_exec (db, "CREATE TABLE t (x)", &error));

  g_assert_true (keel_db_begin (db, &error));
  g_assert_true (keel_db_exec (db, "INSERT INTO t VALUES (1)", &error));
  g_assert_true (keel_db_commit (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (db), ==, 1);

  g_assert_true (keel_db_begin (db, &error));
  g_assert_true (keel_db_exec (db, "INSERT INTO t VALUES (2)", &error));
  keel_db_rollback (db);
  g_assert_cmpint (count_rows (db), ==, 1);

  /* Rolling back with no transaction open is harmless. */
  keel_db_rollback (db);

  /* A commit without a transaction is an error. */
  g_assert_false (keel_db_commit (db, &error));
  g_assert_error (error, KEEL_DB_ERROR, KEEL_DB_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_cmpint (keel_db_get_user_version (db, &error), ==, 0);
  g_assert_true (keel_db_exec (db, "PRAGMA user_version = 5; PRAGMA application_id = 77", &error));
  g_assert_cmpint (keel_db_get_user_version (db, &error), ==, 5);
  g_assert_cmpint (keel_db_get_application_id (db, &error), ==, 77);
  g_assert_no_error (error);
}

static void
test_not_a_database (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDb) db = NULL;

  g_assert_true (g_file_set_contents (f->path, "This is plain text, not a database at all, "
                                      "but long enough to fill a header of one hundred "
                                      "bytes and a bit more.", -1, &error));
  /* SQLite opens lazily: the error comes with the first read. */
  db = keel_db_open (f->path, SQLITE_OPEN_READONLY, &error);
  if (db != NULL)
    {
      g_assert_cmpint (keel_db_get_user_version (db, &error), ==, -1);
    }
  g_assert_error (error, KEEL_DB_ERROR, KEEL_DB_ERROR_CORRUPT);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDb) db = create_db (f);
  g_autoptr(KeelDb) ro = NULL;

  g_assert_true (keel_db_exec (db, "CREATE TABLE t (x)", &error));
  ro = keel_db_open (f->path, SQLITE_OPEN_READONLY, &error);
  g_assert_no_error (error);
  g_assert_false (keel_db_exec (ro, "INSERT INTO t VALUES (1)", &error));
  g_assert_error (error, KEEL_DB_ERROR, KEEL_DB_ERROR_READ_ONLY);
}

static void
test_close (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDb) db = create_db (f);

  g_assert_nonnull (keel_db_prepare (db, "SELECT 1", &error));
  keel_db_close (db);
  keel_db_close (db);
  g_assert_null (keel_db_get_handle (db));

  g_assert_null (keel_db_prepare (db, "SELECT 1", &error));
  g_assert_error (error, KEEL_DB_ERROR, KEEL_DB_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (keel_db_exec (db, "SELECT 1", &error));
  g_assert_error (error, KEEL_DB_ERROR, KEEL_DB_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (keel_db_get_user_version (db, &error), ==, -1);
  g_assert_error (error, KEEL_DB_ERROR, KEEL_DB_ERROR_FAILED);
  keel_db_rollback (db);
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDb) db = create_db (f);
  g_autofree char *other_path = g_build_filename (f->dir, "other.sqlite", NULL);

  g_assert_true (keel_db_exec (db, "CREATE TABLE here (x)", &error));
  g_assert_nonnull (keel_db_prepare (db, "SELECT count(*) FROM here", &error));

  /* A missing file without SQLITE_OPEN_CREATE: nothing changes. */
  g_assert_false (keel_db_reopen (db, other_path, SQLITE_OPEN_READWRITE, &error));
  g_assert_error (error, KEEL_DB_ERROR, KEEL_DB_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpstr (keel_db_get_path (db), ==, f->path);
  g_assert_nonnull (keel_db_prepare (db, "SELECT count(*) FROM here", &error));

  g_assert_true (keel_db_reopen (db, other_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (keel_db_get_path (db), ==, other_path);
  /* The old file's statements are gone with it. */
  g_assert_null (keel_db_prepare (db, "SELECT count(*) FROM here", &error));
  g_assert_error (error, KEEL_DB_ERROR, KEEL_DB_ERROR_FAILED);
  g_clear_error (&error);

  /* A closed connection can be pointed somewhere again. */
  keel_db_close (db);
  g_assert_true (keel_db_reopen (db, f->path, SQLITE_OPEN_READWRITE, &error));
  g_assert_no_error (error);
  g_assert_nonnull (keel_db_prepare (db, "SELECT count(*) FROM here", &error));
  g_unlink (other_path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/keel/db/open-missing", test_open_missing);
  ADD ("/keel/db/defensive", test_defensive);
  ADD ("/keel/db/statements", test_statements);
  ADD ("/keel/db/transactions", test_transactions);
  ADD ("/keel/db/not-a-database", test_not_a_database);
  ADD ("/keel/db/read-only", test_read_only);
  ADD ("/keel/db/close", test_close);
  ADD ("/keel/db/reopen", test_reopen);
#undef ADD

  return g_test_run ();
}
