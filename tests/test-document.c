/* test-document.c: the project file, its working copy, locking, recovery and
 * write-back.
 *
 * Documents live in the test's isolated config folder rather than in a folder from
 * g_dir_make_tmp(): the tests that simulate a crash or a second Keel run a subprocess
 * (g_test_trap_subprocess), which sees the same isolated folders (and so the same
 * document and the same working copies) but not the parent's variables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "keel-schema.h"
#include "keel-test-document.h"
#include "keel-test-schema-v1.h"

/* Version 1 files, as an older Keel wrote them (see keel-schema.c). */
static const char v1_sql[] = KEEL_TEST_V1_TABLES_SQL;

/* Helpers */

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* Writes a Keel project of schema @version the way another copy of Keel (or another
 * program) would: with plain SQLite. */
static void
make_project (const char *path,
              int         version,
              const char *extra_sql)
{
  g_autofree char *ids = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                          KEEL_APPLICATION_ID, version);

  g_unlink (path);
  raw_exec (path, version == 1 ? v1_sql : KEEL_SCHEMA_SQL);
  raw_exec (path, ids);
  raw_exec (path, "INSERT INTO meta VALUES ('name', 'Acme Notes');"
                  "INSERT INTO items VALUES ('it-1', 'PDF export', '', 'product', 'feature',"
                  " 'now', 'planned', 0, 5, 'Mia', '2026-12-15');");
  if (extra_sql != NULL)
    raw_exec (path, extra_sql);
}

/* A project of several dozen pages, so damage can hit more than the header. */
static void
make_big_project (const char *path)
{
  GString *sql = g_string_new ("BEGIN;");

  make_project (path, KEEL_SCHEMA_VERSION, NULL);
  for (int i = 0; i < 400; i++)
    g_string_append_printf (sql,
                            "INSERT INTO evidence VALUES ('ev-%d', 'usage', '%s', 'analytics',"
                            " '2026-10-01', %d, NULL);",
                            i, "A long summary of what the users did, repeated to fill pages",
                            i);
  g_string_append (sql, "COMMIT;");
  raw_exec (path, sql->str);
  g_string_free (sql, TRUE);
}

static void
edit (KeelDocument *document,
      const char   *sql)
{
  g_autoptr(GError) error = NULL;
  KeelDb *db = keel_document_get_db (document);

  keel_db_begin (db, &error);
  g_assert_no_error (error);
  keel_db_exec (db, sql, &error);
  g_assert_no_error (error);
  keel_db_commit (db, &error);
  g_assert_no_error (error);
  keel_document_mark_dirty (document);
}

static void
assert_rollback_journal_file (const char *path)
{
  g_autoptr(GBytes) bytes = read_bytes (path);
  const guint8 *data;

  g_assert_nonnull (bytes);
  g_assert_cmpuint (g_bytes_get_size (bytes), >=, 100);
  data = g_bytes_get_data (bytes, NULL);
  g_assert_cmpmem (data, 16, "SQLite format 3", 16);
  /* Bytes 18 and 19: 1 = rollback journal, 2 = WAL. */
  g_assert_cmpint (data[18], ==, 1);
  g_assert_cmpint (data[19], ==, 1);
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (data + 68)), ==, KEEL_APPLICATION_ID);
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (data + 60)), ==, KEEL_SCHEMA_VERSION);
}

/* Create, write back, open */

/* Item it-1's title, read through @db or straight from the file at @path, is @expected. */
static void
assert_title (KeelDb     *db,
              const char *expected)
{
  g_autofree char *title = query_text (db, "SELECT title FROM items WHERE id = 'it-1'");

  g_assert_cmpstr (title, ==, expected);
}

static void
assert_file_title (const char *path,
                   const char *expected)
{
  g_autofree char *title = file_query_text (path, "SELECT title FROM items WHERE id = 'it-1'");

  g_assert_cmpstr (title, ==, expected);
}

/* A current project made at @path, its bytes kept in *@before, opened from @file and
 * with item it-1 retitled @title, not yet written back. */
static KeelDocument *
open_retitled (const char  *path,
               GFile       *file,
               const char  *title,
               GBytes     **before)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE items SET title = '%s' WHERE id = 'it-1'", title);
  KeelDocument *document;

  make_project (path, KEEL_SCHEMA_VERSION, NULL);
  *before = read_bytes (path);
  document = open_document (file, KEEL_DOCUMENT_OPEN_DEFAULT);
  edit (document, sql);
  return document;
}

static void
test_create_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = documents_dir ();
  g_autofree char *path = document_path ("plan.keel");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KeelDocument) document = NULL;
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;

  document = keel_document_create (file, &error);
  g_assert_no_error (error);
  g_assert_true (keel_document_get_file (document) == file);
  g_assert_cmpstr (keel_document_get_display_name (document), ==, "plan.keel");
  g_assert_false (keel_document_is_untitled (document));
  g_assert_false (keel_document_is_read_only (document));
  /* Not written until the first write-back. */
  g_assert_true (keel_document_is_dirty (document));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_working_copies (), ==, 1);

  name = query_text (keel_document_get_db (document), "SELECT value FROM meta WHERE key = 'name'");
  g_assert_cmpstr (name, ==, "plan");

  edit (document, "INSERT INTO meta VALUES ('retention_period', 'month')");
  write_back (document, KEEL_WRITE_BACK_DEFAULT);
  g_assert_false (keel_document_is_dirty (document));
  assert_rollback_journal_file (path);
  assert_folder_holds (dir, (const char *[]) { "plan.keel", NULL });

  value = file_query_text (path, "SELECT value FROM meta WHERE key = 'retention_period'");
  g_assert_cmpstr (value, ==, "month");
  g_clear_pointer (&value, g_free);

  /* A second edit, a second write-back. */
  edit (document, "UPDATE meta SET value = 'week' WHERE key = 'retention_period'");
  g_assert_true (keel_document_is_dirty (document));
  write_back (document, KEEL_WRITE_BACK_DEFAULT);
  g_assert_false (keel_document_is_dirty (document));
  assert_folder_holds (dir, (const char *[]) { "plan.keel", NULL });

  keel_document_close (document);
  g_clear_object (&document);
  g_assert_cmpuint (count_working_copies (), ==, 0);

  document = open_document (file, KEEL_DOCUMENT_OPEN_DEFAULT);
  g_assert_false (keel_document_is_dirty (document));
  g_assert_false (keel_document_was_recovered (document));
  g_assert_cmpint (keel_document_get_migrated_from (document), ==, 0);
  value = query_text (keel_document_get_db (document), "SELECT value FROM meta WHERE key = 'retention_period'");
  g_assert_cmpstr (value, ==, "week");
  /* The document opened is never touched until written back. */
  assert_folder_holds (dir, (const char *[]) { "plan.keel", NULL });
  keel_document_close (document);
  g_assert_cmpuint (count_working_copies (), ==, 0);
}

static void
test_create_exists (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = document_path ("plan.keel");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(GBytes) before = NULL;

  g_assert_true (g_file_set_contents (path, "precious", -1, NULL));
  before = read_bytes (path);

  document = keel_document_create (file, &error);
  g_assert_null (document);
  g_assert_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "plan.keel"));
  assert_file_is (path, before);
  g_assert_cmpuint (count_working_copies (), ==, 0);
}

/* Refusals */

typedef struct {
  const char        *name;
  void             (*make) (const char *path);
  KeelDocumentError  code;
  const char        *mentions;
} Refusal;

static void make_nothing (const char *path) { }

static void
make_empty (const char *path)
{
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
}

static void
make_text (const char *path)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (int i = 0; i < 50; i++)
    g_string_append (text, "Roadmap: ship the PDF export before the board meeting.\n");
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
}

static void
make_other_app (const char *path)
{
  raw_exec (path, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
                  "INSERT INTO moz_places VALUES (1, 'https://example.org');");
}

static void
make_other_app_id (const char *path)
{
  make_project (path, KEEL_SCHEMA_VERSION, "PRAGMA application_id = 1179407684");
}

static void
make_truncated (const char *path)
{
  g_autoptr(GBytes) bytes = NULL;

  make_big_project (path);
  bytes = read_bytes (path);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 16 * 4096);
  /* Cut at a page boundary: every page looks whole, but pages are missing. */
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      (g_bytes_get_size (bytes) / 2) & ~(gsize) 4095, NULL));
}

static void
make_truncated_mid_page (const char *path)
{
  g_autoptr(GBytes) bytes = NULL;

  make_big_project (path);
  bytes = read_bytes (path);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes) - 1000, NULL));
}

static void
make_random_pages (const char *path)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);
  guint8 *data;
  gsize size;

  make_big_project (path);
  bytes = read_bytes (path);
  data = g_bytes_unref_to_data (g_steal_pointer (&bytes), &size);
  /* Garbage over every page but the first (the header and the schema). */
  for (gsize i = 4096; i < size; i++)
    data[i] = g_rand_int (rand) & 0xff;
  g_assert_true (g_file_set_contents (path, (const char *) data, size, NULL));
  g_free (data);
}

static void
make_newer (const char *path)
{
  make_project (path, KEEL_SCHEMA_VERSION, "PRAGMA user_version = 3");
}

static void
make_no_version (const char *path)
{
  make_project (path, KEEL_SCHEMA_VERSION, "PRAGMA user_version = 0");
}

static void
make_trigger (const char *path)
{
  /* It would fill the items table if it ever ran (the check, a migration, an edit). */
  make_project (path, KEEL_SCHEMA_VERSION,
                "CREATE TRIGGER evil AFTER INSERT ON meta BEGIN"
                " INSERT INTO items SELECT 'x' || random (), 'pwned', '', 'product', 'feature',"
                " 'now', 'planned', 0, NULL, NULL, NULL; END;"
                "CREATE TRIGGER evil_update AFTER UPDATE ON meta BEGIN DELETE FROM items; END;");
}

static void
make_trigger_v1 (const char *path)
{
  make_project (path, 1,
                "CREATE TRIGGER evil BEFORE DELETE ON survey_responses BEGIN"
                " DELETE FROM items; END;"
                "INSERT INTO survey_responses VALUES (1, 'very_disappointed', '2026-10-02', NULL, NULL);");
}

static void
make_view (const char *path)
{
  make_project (path, KEEL_SCHEMA_VERSION, "CREATE VIEW everything AS SELECT * FROM items;");
}

static void
make_extra_table (const char *path)
{
  make_project (path, KEEL_SCHEMA_VERSION, "CREATE TABLE payload (x BLOB);");
}

static void
make_extra_index (const char *path)
{
  make_project (path, KEEL_SCHEMA_VERSION, "CREATE INDEX by_owner ON items (owner);");
}

static void
make_folder (const char *path)
{
  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
}

static const Refusal refusals[] = {
  { "missing", make_nothing, KEEL_DOCUMENT_ERROR_NOT_FOUND, "plan.keel" },
  { "empty", make_empty, KEEL_DOCUMENT_ERROR_NOT_SQLITE, "plan.keel" },
  { "text", make_text, KEEL_DOCUMENT_ERROR_NOT_SQLITE, "plan.keel" },
  { "folder", make_folder, KEEL_DOCUMENT_ERROR_NOT_SQLITE, "plan.keel" },
  { "other-app", make_other_app, KEEL_DOCUMENT_ERROR_NOT_KEEL, "another application" },
  { "other-app-id", make_other_app_id, KEEL_DOCUMENT_ERROR_NOT_KEEL, "plan.keel" },
  { "truncated", make_truncated, KEEL_DOCUMENT_ERROR_DAMAGED, "plan.keel" },
  { "truncated-mid-page", make_truncated_mid_page, KEEL_DOCUMENT_ERROR_DAMAGED, "plan.keel" },
  { "random-pages", make_random_pages, KEEL_DOCUMENT_ERROR_DAMAGED, "plan.keel" },
  { "newer", make_newer, KEEL_DOCUMENT_ERROR_TOO_NEW, "newer" },
  { "no-version", make_no_version, KEEL_DOCUMENT_ERROR_DAMAGED, "plan.keel" },
  { "trigger", make_trigger, KEEL_DOCUMENT_ERROR_UNSAFE, "trigger" },
  { "trigger-v1", make_trigger_v1, KEEL_DOCUMENT_ERROR_UNSAFE, "evil" },
  { "view", make_view, KEEL_DOCUMENT_ERROR_UNSAFE, "everything" },
  { "extra-table", make_extra_table, KEEL_DOCUMENT_ERROR_UNSAFE, "payload" },
  { "extra-index", make_extra_index, KEEL_DOCUMENT_ERROR_UNSAFE, "by_owner" },
};

static void
check_refusal (const Refusal         *refusal,
               KeelDocumentOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = documents_dir ();
  g_autofree char *path = document_path ("plan.keel");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(GBytes) before = NULL;
  gboolean is_folder;

  refusal->make (path);
  is_folder = g_file_test (path, G_FILE_TEST_IS_DIR);
  if (!is_folder)
    before = read_bytes_if_any (path);

  document = keel_document_open (file, flags, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, KEEL_DOCUMENT_ERROR, (gint) refusal->code);
  g_test_message ("%s: %s", refusal->name, error->message);
  g_assert_nonnull (strstr (error->message, refusal->mentions));

  /* Never modified, nothing left behind. */
  if (!is_folder)
    assert_file_is (path, before);
  g_assert_cmpuint (count_working_copies (), ==, 0);
  if (before != NULL || is_folder)
    assert_folder_holds (dir, (const char *[]) { "plan.keel", NULL });
  else
    assert_folder_holds (dir, (const char *[]) { NULL });
  if (refusal->make == make_trigger)
    {
      g_autofree char *count = file_query_text (path, "SELECT count(*) FROM items");

      g_assert_cmpstr (count, ==, "1");
    }
}

static void
test_refuse (gconstpointer data)
{
  check_refusal (data, KEEL_DOCUMENT_OPEN_DEFAULT);
}

static void
test_refuse_read_only (gconstpointer data)
{
  check_refusal (data, KEEL_DOCUMENT_OPEN_READ_ONLY);
}

/* Migration */

static void
make_v1_with_data (const char *path)
{
  make_project (path, 1,
                "INSERT INTO retention_cohorts VALUES (1, '2026-08-03', 200, '200,120,96');"
                "INSERT INTO survey_responses VALUES (1, 'very_disappointed', '2026-10-02', 'founders', 'r-17');"
                "INSERT INTO survey_responses VALUES (2, 'somewhat_disappointed', '2026-10-02', NULL, NULL);");
}

static void
test_migrate_v1 (void)
{
  g_autofree char *dir = documents_dir ();
  g_autofree char *path = document_path ("old.keel");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autofree char *count = NULL;
  g_autofree char *version = NULL;

  make_v1_with_data (path);
  before = read_bytes (path);

  document = open_document (file, KEEL_DOCUMENT_OPEN_DEFAULT);
  g_assert_cmpint (keel_document_get_migrated_from (document), ==, 1);
  g_assert_cmpint (keel_db_get_user_version (keel_document_get_db (document), NULL), ==, KEEL_SCHEMA_VERSION);
  /* The working copy is newer than the file: the first write-back stores it. */
  g_assert_true (keel_document_is_dirty (document));
  count = query_text (keel_document_get_db (document),
                      "SELECT count(*) FROM survey_responses JOIN imports ON imports.id = import_id"
                      " WHERE imports.dataset = 'survey' AND imports.source = 'migrated'");
  g_assert_cmpstr (count, ==, "2");
  g_clear_pointer (&count, g_free);
  assert_file_is (path, before);

  write_back (document, KEEL_WRITE_BACK_DEFAULT);
  assert_rollback_journal_file (path);
  version = file_query_text (path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "2");
  count = file_query_text (path, "SELECT count(*) FROM imports");
  g_assert_cmpstr (count, ==, "2");
  assert_folder_holds (dir, (const char *[]) { "old.keel", NULL });
  keel_document_close (document);
  g_clear_object (&document);

  document = open_document (file, KEEL_DOCUMENT_OPEN_DEFAULT);
  g_assert_cmpint (keel_document_get_migrated_from (document), ==, 0);
  g_assert_false (keel_document_is_dirty (document));
  keel_document_close (document);
}

static void
test_migrate_v1_read_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = documents_dir ();
  g_autofree char *path = document_path ("old.keel");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autofree char *count = NULL;

  make_v1_with_data (path);
  before = read_bytes (path);

  document = open_document (file, KEEL_DOCUMENT_OPEN_READ_ONLY);
  g_assert_cmpint (keel_document_get_migrated_from (document), ==, 1);
  g_assert_true (keel_document_is_read_only (document));
  g_assert_false (keel_document_is_dirty (document));
  count = query_text (keel_document_get_db (document), "SELECT count(*) FROM retention_cohorts WHERE import_id > 0");
  g_assert_cmpstr (count, ==, "1");

  g_assert_false (keel_document_write_back (document, KEEL_WRITE_BACK_FORCE, NULL, &error));
  g_assert_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_READ_ONLY);
  keel_document_close (document);

  assert_file_is (path, before);
  assert_folder_holds (dir, (const char *[]) { "old.keel", NULL });
  g_assert_cmpuint (count_working_copies (), ==, 0);
}

/* Read-only */

static void
test_read_only_flag (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = documents_dir ();
  g_autofree char *path = document_path ("plan.keel");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelDocument) second = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autofree char *name = NULL;
  g_autofree char *copy_path = document_path ("copy.keel");
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);

  make_big_project (path);
  before = read_bytes (path);

  document = open_document (file, KEEL_DOCUMENT_OPEN_READ_ONLY);
  g_assert_true (keel_document_is_read_only (document));
  name = query_text (keel_document_get_db (document), "SELECT value FROM meta WHERE key = 'name'");
  g_assert_cmpstr (name, ==, "Acme Notes");

  /* Reading makes no working copy and no file beside the document. */
  g_assert_cmpuint (count_working_copies (), ==, 0);
  assert_folder_holds (dir, (const char *[]) { "plan.keel", NULL });

  /* Nothing can be written through it... */
  g_assert_false (keel_db_exec (keel_document_get_db (document), "DELETE FROM items", &error));
  g_assert_error (error, KEEL_DB_ERROR, KEEL_DB_ERROR_READ_ONLY);
  g_clear_error (&error);
  keel_document_mark_dirty (document);
  g_assert_false (keel_document_is_dirty (document));
  assert_write_back_fails (document, KEEL_WRITE_BACK_DEFAULT, KEEL_DOCUMENT_ERROR_READ_ONLY, NULL);
  g_assert_false (keel_document_save_as (document, copy, NULL, &error));
  g_assert_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* ...but a copy can be saved. */
  g_assert_true (keel_document_save_copy (document, copy, NULL, &error));
  g_assert_no_error (error);
  assert_rollback_journal_file (copy_path);

  /* Readers do not lock each other out. */
  second = open_document (file, KEEL_DOCUMENT_OPEN_READ_ONLY);
  keel_document_close (second);

  keel_document_close (document);
  assert_file_is (path, before);
  assert_folder_holds (dir, (const char *[]) { "plan.keel", "copy.keel", NULL });
}

/* Chmod does not stop root: the file is made unwritable for the test's user, which is
 * "nobody" when the tests run as root. */
static void
check_read_only_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(GBytes) before = read_bytes (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *copy_path = NULL;
  g_autoptr(GFile) copy = NULL;

  g_assert_cmpint (access (path, W_OK), !=, 0);

  document = open_document (file, KEEL_DOCUMENT_OPEN_DEFAULT);
  g_assert_true (keel_document_is_read_only (document));

  edit (document, "UPDATE meta SET value = 'Changed' WHERE key = 'name'");
  assert_write_back_fails (document, KEEL_WRITE_BACK_FORCE, KEEL_DOCUMENT_ERROR_READ_ONLY,
                           "read-only", NULL);
  g_assert_true (keel_document_is_dirty (document));

  /* Saving elsewhere is the way out. */
  copy_path = g_build_filename (g_get_user_data_dir (), "mine.keel", NULL);
  copy = g_file_new_for_path (copy_path);
  g_assert_true (keel_document_save_as (document, copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (keel_document_is_read_only (document));
  g_assert_false (keel_document_is_dirty (document));
  keel_document_close (document);

  assert_file_is (path, before);
  assert_folder_holds (dir, (const char *[]) { "plan.keel", NULL });
}

static void
test_read_only_file (void)
{
  g_autofree char *path = document_path ("plan.keel");
  struct passwd *nobody;

  if (g_test_subprocess ())
    {
      /* The parent runs as root and prepared everything for nobody. */
      drop_to_nobody ();
      check_read_only_file (path);
      /* Leaving through g_test_run() would remove the isolated folders it shares
       * with the parent. */
      _exit (0);
    }

  make_project (path, KEEL_SCHEMA_VERSION, NULL);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);

  if (geteuid () != 0)
    {
      check_read_only_file (path);
      return;
    }

  nobody = nobody_or_skip ();
  if (nobody == NULL)
    return;

  /* nobody must reach the document and own a data folder for its working copies. */
  {
    g_autofree char *dir = g_path_get_dirname (path);
    const char *data_dir = g_get_user_data_dir ();

    g_assert_cmpint (g_mkdir_with_parents (data_dir, 0700), ==, 0);
    g_assert_cmpint (chown (data_dir, nobody->pw_uid, nobody->pw_gid), ==, 0);
    make_reachable (data_dir);
    g_chmod (dir, 0755);
  }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Locking */

static void
test_lock (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = document_path ("plan.keel");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelDocument) second = NULL;

  if (g_test_subprocess ())
    {
      /* Another process while the parent holds the document. */
      second = keel_document_open (file, KEEL_DOCUMENT_OPEN_DEFAULT, NULL, &error);
      g_assert_null (second);
      g_assert_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_LOCKED);
      g_clear_error (&error);
      second = keel_document_open (file, KEEL_DOCUMENT_OPEN_READ_ONLY, NULL, &error);
      g_assert_null (second);
      g_assert_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_LOCKED);
      /* Leaving through g_test_run() would remove the isolated folders it shares
       * with the parent. */
      _exit (0);
    }

  make_project (path, KEEL_SCHEMA_VERSION, NULL);
  document = open_document (file, KEEL_DOCUMENT_OPEN_DEFAULT);

  /* The same process, twice. */
  second = keel_document_open (file, KEEL_DOCUMENT_OPEN_DEFAULT, NULL, &error);
  g_assert_null (second);
  g_assert_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "already open in Keel"));
  g_assert_nonnull (strstr (error->message, "plan.keel"));
  g_clear_error (&error);

  second = keel_document_open (file, KEEL_DOCUMENT_OPEN_READ_ONLY, NULL, &error);
  g_assert_null (second);
  g_assert_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_LOCKED);
  g_clear_error (&error);

  /* Another process. */
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  /* The refused opens did not disturb the session. */
  edit (document, "INSERT INTO meta VALUES ('k', 'v')");
  write_back (document, KEEL_WRITE_BACK_DEFAULT);
  keel_document_close (document);
  g_clear_object (&document);

  second = open_document (file, KEEL_DOCUMENT_OPEN_DEFAULT);
  keel_document_close (second);
}

/* Recovery */

/* In a subprocess: opens the document, commits @sql (if any) and dies without
 * closing or writing back. */
static void
crash_after (const char *path,
             const char *sql)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  KeelDocument *document;

  document = open_document (file, KEEL_DOCUMENT_OPEN_DEFAULT);
  if (sql != NULL)
    edit (document, sql);
  _exit (0);
}

static void
test_recover (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = document_path ("plan.keel");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GPtrArray) list = NULL;
  KeelRecoverable *entry;

  if (g_test_subprocess ())
    crash_after (path, "UPDATE items SET title = 'Recovered title' WHERE id = 'it-1'");

  make_project (path, KEEL_SCHEMA_VERSION, NULL);
  before = read_bytes (path);

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  assert_file_is (path, before);

  document = keel_document_open (file, KEEL_DOCUMENT_OPEN_DEFAULT, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_RECOVERABLE);
  g_assert_nonnull (strstr (error->message, "plan.keel"));
  g_clear_error (&error);
  /* Asking again does not lose it. */
  document = keel_document_open (file, KEEL_DOCUMENT_OPEN_DEFAULT, NULL, &error);
  g_assert_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_RECOVERABLE);
  g_clear_error (&error);

  list = keel_document_list_recoverable ();
  g_assert_cmpuint (list->len, ==, 1);
  entry = g_ptr_array_index (list, 0);
  g_assert_nonnull (entry->document);
  g_assert_true (g_file_equal (entry->document, file));
  g_assert_cmpstr (entry->name, ==, "Acme Notes");
  g_assert_nonnull (entry->modified);
  g_assert_true (g_file_test (entry->working_path, G_FILE_TEST_EXISTS));

  document = open_document (file, KEEL_DOCUMENT_OPEN_RECOVER);
  g_assert_true (keel_document_was_recovered (document));
  g_assert_true (keel_document_is_dirty (document));
  assert_title (keel_document_get_db (document), "Recovered title");

  /* Open, it is not offered for recovery. */
  g_clear_pointer (&list, g_ptr_array_unref);
  list = keel_document_list_recoverable ();
  g_assert_cmpuint (list->len, ==, 0);

  write_back (document, KEEL_WRITE_BACK_DEFAULT);
  keel_document_close (document);
  assert_file_title (path, "Recovered title");
  g_assert_cmpuint (count_working_copies (), ==, 0);
}

static void
test_recover_discard (void)
{
  g_autofree char *path = document_path ("plan.keel");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GPtrArray) list = NULL;

  if (g_test_subprocess ())
    crash_after (path, "UPDATE items SET title = 'Lost title' WHERE id = 'it-1'");

  make_project (path, KEEL_SCHEMA_VERSION, NULL);
  before = read_bytes (path);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  document = open_document (file, KEEL_DOCUMENT_OPEN_DISCARD_RECOVERY);
  g_assert_false (keel_document_was_recovered (document));
  g_assert_false (keel_document_is_dirty (document));
  assert_title (keel_document_get_db (document), "PDF export");
  keel_document_close (document);

  assert_file_is (path, before);
  list = keel_document_list_recoverable ();
  g_assert_cmpuint (list->len, ==, 0);
}

static void
test_recover_clean_leftover (void)
{
  g_autofree char *path = document_path ("plan.keel");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *name = NULL;

  if (g_test_subprocess ())
    crash_after (path, NULL);

  make_project (path, KEEL_SCHEMA_VERSION, NULL);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  /* The crashed session left its copy, without unsaved edits. */
  g_assert_cmpuint (count_working_copies (), ==, 1);
  list = keel_document_list_recoverable ();
  g_assert_cmpuint (list->len, ==, 0);

  /* The file changed since (the copy is stale): the file wins, silently. */
  raw_exec (path, "UPDATE meta SET value = 'Newer name' WHERE key = 'name'");
  document = open_document (file, KEEL_DOCUMENT_OPEN_DEFAULT);
  g_assert_false (keel_document_was_recovered (document));
  name = query_text (keel_document_get_db (document), "SELECT value FROM meta WHERE key = 'name'");
  g_assert_cmpstr (name, ==, "Newer name");
  keel_document_close (document);
  g_assert_cmpuint (count_working_copies (), ==, 0);
}

static void
test_recover_from_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = document_path ("plan.keel");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelDocument) again = NULL;
  g_autoptr(GPtrArray) list = NULL;

  if (g_test_subprocess ())
    crash_after (path, "UPDATE items SET title = 'From the list' WHERE id = 'it-1'");

  make_project (path, KEEL_SCHEMA_VERSION, NULL);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  list = keel_document_list_recoverable ();
  g_assert_cmpuint (list->len, ==, 1);
  document = keel_document_open_recoverable (g_ptr_array_index (list, 0), &error);
  g_assert_no_error (error);
  g_assert_true (keel_document_was_recovered (document));
  g_assert_true (g_file_equal (keel_document_get_file (document), file));
  assert_title (keel_document_get_db (document), "From the list");

  /* Held now: neither a second recovery nor an open may take it. */
  again = keel_document_open_recoverable (g_ptr_array_index (list, 0), &error);
  g_assert_null (again);
  g_assert_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_LOCKED);
  g_clear_error (&error);
  again = keel_document_open (file, KEEL_DOCUMENT_OPEN_RECOVER, NULL, &error);
  g_assert_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_LOCKED);
  g_clear_error (&error);

  /* Discarding: close without writing back. */
  keel_document_close (document);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = keel_document_list_recoverable ();
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_cmpuint (count_working_copies (), ==, 0);
}

/* Untitled projects, Save As, Save a Copy */

static void
test_untitled (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = documents_dir ();
  g_autofree char *path = document_path ("named.keel");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelDocument) other = NULL;
  g_autoptr(GPtrArray) list = NULL;
  KeelRecoverable *entry;
  g_autofree char *value = NULL;

  document = keel_document_new_untitled (&error);
  g_assert_no_error (error);
  g_assert_true (keel_document_is_untitled (document));
  g_assert_null (keel_document_get_file (document));
  assert_write_back_fails (document, KEEL_WRITE_BACK_DEFAULT, KEEL_DOCUMENT_ERROR_IO, NULL);
  edit (document, "UPDATE meta SET value = 'Sketch' WHERE key = 'name'");

  /* The app quits (or crashes) without saving or discarding it. */
  g_clear_object (&document);

  list = keel_document_list_recoverable ();
  g_assert_cmpuint (list->len, ==, 1);
  entry = g_ptr_array_index (list, 0);
  g_assert_null (entry->document);
  g_assert_cmpstr (entry->name, ==, "Sketch");

  document = keel_document_open_recoverable (entry, &error);
  g_assert_no_error (error);
  g_assert_true (keel_document_is_untitled (document));
  g_assert_true (keel_document_is_dirty (document));

  g_assert_true (keel_document_save_as (document, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (keel_document_is_untitled (document));
  g_assert_true (g_file_equal (keel_document_get_file (document), file));
  g_assert_cmpstr (keel_document_get_display_name (document), ==, "named.keel");
  g_assert_false (keel_document_is_dirty (document));
  assert_rollback_journal_file (path);
  value = file_query_text (path, "SELECT value FROM meta WHERE key = 'name'");
  g_assert_cmpstr (value, ==, "Sketch");
  g_clear_pointer (&value, g_free);

  /* The working copy now belongs to the file: it is locked under its name. */
  other = keel_document_open (file, KEEL_DOCUMENT_OPEN_DEFAULT, NULL, &error);
  g_assert_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_cmpuint (count_working_copies (), ==, 1);

  /* And it goes on working, through the same KeelDb. */
  edit (document, "INSERT INTO meta VALUES ('retention_period', 'month')");
  write_back (document, KEEL_WRITE_BACK_DEFAULT);
  value = file_query_text (path, "SELECT value FROM meta WHERE key = 'retention_period'");
  g_assert_cmpstr (value, ==, "month");
  keel_document_close (document);

  g_clear_pointer (&list, g_ptr_array_unref);
  list = keel_document_list_recoverable ();
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_cmpuint (count_working_copies (), ==, 0);
  assert_folder_holds (dir, (const char *[]) { "named.keel", NULL });
}

static void
test_untitled_discard (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(GPtrArray) list = NULL;

  document = keel_document_new_untitled (&error);
  g_assert_no_error (error);
  /* Nothing typed yet: closing needs no question. */
  g_assert_false (keel_document_is_dirty (document));
  keel_document_close (document);
  list = keel_document_list_recoverable ();
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_cmpuint (count_working_copies (), ==, 0);
}

static void
test_save_as (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = documents_dir ();
  g_autofree char *path = document_path ("a.keel");
  g_autofree char *new_path = document_path ("b.keel");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) new_file = g_file_new_for_path (new_path);
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelDocument) old = NULL;
  g_autoptr(GBytes) before = NULL;

  document = open_retitled (path, file, "Moved", &before);

  g_assert_true (keel_document_save_as (document, new_file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_equal (keel_document_get_file (document), new_file));
  g_assert_false (keel_document_is_dirty (document));
  assert_file_is (path, before);
  assert_file_title (new_path, "Moved");

  /* The old file is free again. */
  old = open_document (file, KEEL_DOCUMENT_OPEN_DEFAULT);
  keel_document_close (old);

  edit (document, "UPDATE items SET title = 'Moved again' WHERE id = 'it-1'");
  write_back (document, KEEL_WRITE_BACK_DEFAULT);
  assert_file_title (new_path, "Moved again");
  assert_file_is (path, before);
  keel_document_close (document);
  assert_folder_holds (dir, (const char *[]) { "a.keel", "b.keel", NULL });
}

static void
test_save_copy (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = documents_dir ();
  g_autofree char *path = document_path ("plan.keel");
  g_autofree char *copy_path = document_path ("copy.keel");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelDocument) copied = NULL;
  g_autoptr(GBytes) before = NULL;

  document = open_retitled (path, file, "Copied", &before);

  g_assert_true (keel_document_save_copy (document, copy, NULL, &error));
  g_assert_no_error (error);
  /* The document is still the original, with its edit unsaved. */
  g_assert_true (g_file_equal (keel_document_get_file (document), file));
  g_assert_true (keel_document_is_dirty (document));
  assert_file_is (path, before);
  assert_rollback_journal_file (copy_path);

  copied = open_document (copy, KEEL_DOCUMENT_OPEN_DEFAULT);
  assert_title (keel_document_get_db (copied), "Copied");
  keel_document_close (copied);
  keel_document_close (document);
  assert_folder_holds (dir, (const char *[]) { "plan.keel", "copy.keel", NULL });
}

/* Changed on disk, write failures */

static void
test_changed_on_disk (void)
{
  g_autofree char *path = document_path ("plan.keel");
  g_autofree char *theirs_path = document_path ("theirs.tmp");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(GBytes) theirs = NULL;

  make_project (path, KEEL_SCHEMA_VERSION, NULL);
  document = open_document (file, KEEL_DOCUMENT_OPEN_DEFAULT);
  edit (document, "UPDATE items SET title = 'Mine' WHERE id = 'it-1'");

  /* A sync client replaces the file. */
  make_project (theirs_path, KEEL_SCHEMA_VERSION, "UPDATE items SET title = 'Theirs'");
  g_assert_cmpint (g_rename (theirs_path, path), ==, 0);
  theirs = read_bytes (path);

  assert_write_back_fails (document, KEEL_WRITE_BACK_DEFAULT, KEEL_DOCUMENT_ERROR_CHANGED_ON_DISK,
                           "plan.keel", NULL);
  assert_file_is (path, theirs);
  g_assert_true (keel_document_is_dirty (document));

  /* "Keep mine". */
  write_back (document, KEEL_WRITE_BACK_FORCE);
  g_assert_false (keel_document_is_dirty (document));
  assert_file_title (path, "Mine");

  /* The next write-back compares with what Keel wrote. */
  edit (document, "UPDATE items SET title = 'Mine again' WHERE id = 'it-1'");
  write_back (document, KEEL_WRITE_BACK_DEFAULT);

  /* A deleted document is a change too. */
  edit (document, "UPDATE items SET title = 'Mine once more' WHERE id = 'it-1'");
  g_assert_cmpint (g_unlink (path), ==, 0);
  assert_write_back_fails (document, KEEL_WRITE_BACK_DEFAULT, KEEL_DOCUMENT_ERROR_CHANGED_ON_DISK,
                           NULL);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  write_back (document, KEEL_WRITE_BACK_FORCE);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  keel_document_close (document);
}

static void
test_created_file_appears (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = document_path ("new.keel");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(GBytes) theirs = NULL;

  document = keel_document_create (file, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "someone else's", -1, NULL));
  theirs = read_bytes (path);
  g_assert_false (keel_document_write_back (document, KEEL_WRITE_BACK_DEFAULT, NULL, &error));
  g_assert_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_CHANGED_ON_DISK);
  assert_file_is (path, theirs);
  keel_document_close (document);
}

static void
test_write_back_failure (void)
{
  g_autofree char *dir = documents_dir ();
  g_autofree char *moved_dir = g_strconcat (dir, "-moved", NULL);
  g_autofree char *path = document_path ("plan.keel");
  g_autofree char *moved_path = g_build_filename (moved_dir, "plan.keel", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(GBytes) before = NULL;

  document = open_retitled (path, file, "Unsaved", &before);

  /* The folder goes away and a plain file takes its name: nothing can be written. */
  g_assert_cmpint (g_rename (dir, moved_dir), ==, 0);
  g_assert_true (g_file_set_contents (dir, "not a folder", -1, NULL));

  assert_write_back_fails (document, KEEL_WRITE_BACK_FORCE, KEEL_DOCUMENT_ERROR_IO,
                           "plan.keel", NULL);
  g_assert_true (keel_document_is_dirty (document));
  assert_file_is (moved_path, before);

  /* Once the folder is back, the same edit is written. */
  g_assert_cmpint (g_unlink (dir), ==, 0);
  g_assert_cmpint (g_rename (moved_dir, dir), ==, 0);
  write_back (document, KEEL_WRITE_BACK_DEFAULT);
  g_assert_false (keel_document_is_dirty (document));
  assert_file_title (path, "Unsaved");
  assert_folder_holds (dir, (const char *[]) { "plan.keel", NULL });
  keel_document_close (document);
}

/* The dirty marker and asynchronous write-back */

static void
test_dirty_marker (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = document_path ("plan.keel");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KeelDocument) document = NULL;
  g_autofree char *working = NULL;
  g_autofree char *marker = NULL;

  make_project (path, KEEL_SCHEMA_VERSION, NULL);
  document = open_document (file, KEEL_DOCUMENT_OPEN_DEFAULT);
  working = g_path_get_dirname (keel_db_get_path (keel_document_get_db (document)));
  marker = g_build_filename (working, "dirty", NULL);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));

  /* A commit alone marks the copy, before it returns. */
  g_assert_true (keel_db_exec (keel_document_get_db (document),
                               "UPDATE items SET title = 'x'", &error));
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_assert_true (keel_document_is_dirty (document));

  g_assert_true (keel_document_write_back (document, KEEL_WRITE_BACK_DEFAULT, NULL, &error));
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_assert_false (keel_document_is_dirty (document));

  /* A read is no edit. */
  g_free (query_text (keel_document_get_db (document), "SELECT count(*) FROM items"));
  g_assert_false (keel_document_is_dirty (document));
  keel_document_close (document);
}

typedef struct {
  GMainLoop *loop;
  guint      pending;
  guint      succeeded;
} AsyncState;

static void
write_back_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  if (keel_document_write_back_finish (KEEL_DOCUMENT (source), result, &error))
    state->succeeded++;
  g_assert_no_error (error);
  if (--state->pending == 0)
    g_main_loop_quit (state->loop);
}

static void
test_write_back_async (void)
{
  g_autofree char *dir = documents_dir ();
  g_autofree char *path = document_path ("plan.keel");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncState state = { loop, 0, 0 };

  make_big_project (path);
  document = open_document (file, KEEL_DOCUMENT_OPEN_DEFAULT);

  edit (document, "UPDATE items SET title = 'First' WHERE id = 'it-1'");
  keel_document_write_back_async (document, KEEL_WRITE_BACK_DEFAULT, NULL, write_back_cb, &state);
  state.pending++;
  /* Editing goes on while the file is written; a second request waits its turn. */
  edit (document, "UPDATE items SET title = 'Second' WHERE id = 'it-1'");
  keel_document_write_back_async (document, KEEL_WRITE_BACK_DEFAULT, NULL, write_back_cb, &state);
  state.pending++;
  assert_write_back_fails (document, KEEL_WRITE_BACK_DEFAULT, KEEL_DOCUMENT_ERROR_IO, NULL);

  g_main_loop_run (loop);
  g_assert_cmpuint (state.succeeded, ==, 2);
  g_assert_false (keel_document_is_dirty (document));
  assert_file_title (path, "Second");
  assert_rollback_journal_file (path);
  assert_folder_holds (dir, (const char *[]) { "plan.keel", NULL });
  keel_document_close (document);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/keel/document/create-round-trip", test_create_round_trip);
  g_test_add_func ("/keel/document/create-exists", test_create_exists);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *path = g_strdup_printf ("/keel/document/refuse/%s", refusals[i].name);
      g_autofree char *ro_path = g_strdup_printf ("/keel/document/refuse-read-only/%s",
                                                  refusals[i].name);

      g_test_add_data_func (path, &refusals[i], test_refuse);
      g_test_add_data_func (ro_path, &refusals[i], test_refuse_read_only);
    }
  g_test_add_func ("/keel/document/migrate-v1", test_migrate_v1);
  g_test_add_func ("/keel/document/migrate-v1-read-only", test_migrate_v1_read_only);
  g_test_add_func ("/keel/document/read-only-flag", test_read_only_flag);
  g_test_add_func ("/keel/document/read-only-file", test_read_only_file);
  g_test_add_func ("/keel/document/lock", test_lock);
  g_test_add_func ("/keel/document/recover", test_recover);
  g_test_add_func ("/keel/document/recover-discard", test_recover_discard);
  g_test_add_func ("/keel/document/recover-clean-leftover", test_recover_clean_leftover);
  g_test_add_func ("/keel/document/recover-from-list", test_recover_from_list);
  g_test_add_func ("/keel/document/untitled", test_untitled);
  g_test_add_func ("/keel/document/untitled-discard", test_untitled_discard);
  g_test_add_func ("/keel/document/save-as", test_save_as);
  g_test_add_func ("/keel/document/save-copy", test_save_copy);
  g_test_add_func ("/keel/document/changed-on-disk", test_changed_on_disk);
  g_test_add_func ("/keel/document/created-file-appears", test_created_file_appears);
  g_test_add_func ("/keel/document/write-back-failure", test_write_back_failure);
  g_test_add_func ("/keel/document/dirty-marker", test_dirty_marker);
  g_test_add_func ("/keel/document/write-back-async", test_write_back_async);

  return g_test_run ();
}
