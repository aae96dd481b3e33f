/* keel-test-document.h: helpers shared by the tests of documents on disk
 * (test-document.c, test-faults.c, test-crash.c) — documents in the isolated config
 * folder, the bytes of a file and what its folder holds, the working copies, plain
 * SQLite reads of a document, opening and writing back with the checks every test
 * makes, and a subprocess that drops root to "nobody".
 *
 * Documents live in the test's isolated config folder rather than in a folder from
 * g_dir_make_tmp(): tests that simulate a crash or a second Keel run a subprocess,
 * which sees the same isolated folders (and so the same document and the same working
 * copies) but not the parent's variables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>
#include <glib/gstdio.h>

#include "keel-document.h"
#include "keel-project.h"

/* ---- Folders and files ---- */

/* The folder @name of the isolated config folder, made if need be. */
G_GNUC_UNUSED static char *
test_folder (const char *name)
{
  char *dir = g_build_filename (g_get_user_config_dir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return dir;
}

G_GNUC_UNUSED static char *
documents_dir (void)
{
  return test_folder ("documents");
}

/* @name in the documents folder. */
G_GNUC_UNUSED static char *
document_path (const char *name)
{
  g_autofree char *dir = documents_dir ();

  return g_build_filename (dir, name, NULL);
}

/* The bytes of @path, or NULL when there is no such file. */
G_GNUC_UNUSED static GBytes *
read_bytes_if_any (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, &error))
    {
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
      return NULL;
    }
  return g_bytes_new_take (data, length);
}

/* The bytes of @path, which must exist. */
G_GNUC_UNUSED static GBytes *
read_bytes (const char *path)
{
  GBytes *bytes = read_bytes_if_any (path);

  g_assert_nonnull (bytes);
  return bytes;
}

/* @path holds @expected, or does not exist when @expected is NULL. */
G_GNUC_UNUSED static void
assert_file_is (const char *path,
                GBytes     *expected)
{
  g_autoptr(GBytes) now = read_bytes_if_any (path);

  if (expected == NULL)
    g_assert_null (now);
  else
    {
      g_assert_nonnull (now);
      g_assert_true (g_bytes_equal (now, expected));
    }
}

/* The folder holds @names and nothing else: no -wal, -journal or temporary file
 * beside the document. */
G_GNUC_UNUSED static void
assert_folder_holds (const char         *dir,
                     const char * const *names)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint found = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      if (!g_strv_contains (names, name))
        g_error ("unexpected file “%s” in %s", name, dir);
      found++;
    }
  g_assert_cmpuint (found, ==, g_strv_length ((char **) names));
}

/* ---- Working copies ---- */

/* The folder that holds one folder per working copy. */
G_GNUC_UNUSED static char *
working_root (void)
{
  return g_build_filename (g_get_user_data_dir (), "keel", "working", NULL);
}

G_GNUC_UNUSED static guint
count_working_copies (void)
{
  g_autofree char *root = working_root ();
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* No snapshot of a write-back is left in any working copy folder. */
G_GNUC_UNUSED static void
assert_no_snapshots (void)
{
  g_autofree char *root = working_root ();
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (root, entry, NULL);
      g_autoptr(GDir) inner = g_dir_open (path, 0, NULL);
      const char *name;

      while (inner != NULL && (name = g_dir_read_name (inner)) != NULL)
        if (g_str_has_prefix (name, "snapshot-"))
          g_error ("a snapshot was left behind: %s/%s", path, name);
    }
}

/* ---- Reading a database ---- */

/* The first column of the first row of @stmt, with @arg (if not NULL) bound to its
 * parameter, as text: NULL when there is no row or the value is NULL. */
G_GNUC_UNUSED static char *
stmt_text (sqlite3_stmt *stmt,
           const char   *arg)
{
  char *value = NULL;

  if (arg != NULL)
    g_assert_cmpint (sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return value;
}

/* @sql (with @arg bound, if not NULL) through Keel's connection @db. */
G_GNUC_UNUSED static char *
query_text_with (KeelDb     *db,
                 const char *sql,
                 const char *arg)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = keel_db_prepare (db, sql, &error);
  char *value;

  g_assert_no_error (error);
  value = stmt_text (stmt, arg);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return value;
}

G_GNUC_UNUSED static char *
query_text (KeelDb     *db,
            const char *sql)
{
  return query_text_with (db, sql, NULL);
}

/* Opens @path with plain SQLite, read-only; @immutable: as a file nothing writes,
 * which takes no lock and creates no file beside it. */
G_GNUC_UNUSED static sqlite3 *
file_db_open (const char *path,
              gboolean    immutable)
{
  g_autofree char *uri = g_strdup_printf ("file:%s%s", path, immutable ? "?immutable=1" : "");
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (immutable ? uri : path, &db,
                                    SQLITE_OPEN_READONLY | (immutable ? SQLITE_OPEN_URI : 0), NULL),
                   ==, SQLITE_OK);
  return db;
}

/* @sql (with @arg bound, if not NULL) on the plain connection @db. */
G_GNUC_UNUSED static char *
file_db_text (sqlite3    *db,
              const char *sql,
              const char *arg)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  value = stmt_text (stmt, arg);
  sqlite3_finalize (stmt);
  return value;
}

/* PRAGMA integrity_check of the plain connection @db says "ok". */
G_GNUC_UNUSED static void
file_db_assert_integrity (sqlite3 *db)
{
  g_autofree char *check = file_db_text (db, "PRAGMA integrity_check", NULL);

  g_assert_cmpstr (check, ==, "ok");
}

/* Reads @sql from @path with a plain read-only connection that creates no files. */
G_GNUC_UNUSED static char *
file_query_text (const char *path,
                 const char *sql)
{
  sqlite3 *db = file_db_open (path, TRUE);
  char *value = file_db_text (db, sql, NULL);

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return value;
}

/* @path, read with plain SQLite, passes PRAGMA integrity_check. */
G_GNUC_UNUSED static void
assert_file_integrity_ok (const char *path)
{
  sqlite3 *db = file_db_open (path, FALSE);

  file_db_assert_integrity (db);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* @path is a sound Keel database, read with plain SQLite: integrity_check says "ok"
 * and it is Keel's; returns the number of evidence rows with @id (0 or 1). */
G_GNUC_UNUSED static int
file_count_evidence (const char *path,
                     const char *id)
{
  sqlite3 *db = file_db_open (path, FALSE);
  g_autofree char *app_id = NULL;
  g_autofree char *count = NULL;

  file_db_assert_integrity (db);
  app_id = file_db_text (db, "PRAGMA application_id", NULL);
  g_assert_nonnull (app_id);
  g_assert_cmpint (g_ascii_strtoll (app_id, NULL, 10), ==, KEEL_APPLICATION_ID);
  count = file_db_text (db, "SELECT count(*) FROM evidence WHERE id = ?", id);
  g_assert_nonnull (count);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  return (int) g_ascii_strtoll (count, NULL, 10);
}

/* The number of evidence rows with @id in the working copy of @document. */
G_GNUC_UNUSED static int
working_count_evidence (KeelDocument *document,
                        const char   *id)
{
  g_autofree char *count = query_text_with (keel_document_get_db (document),
                                            "SELECT count(*) FROM evidence WHERE id = ?", id);

  g_assert_nonnull (count);
  return (int) g_ascii_strtoll (count, NULL, 10);
}

/* ---- Opening and writing back ---- */

/* Opens @file with @flags, which must succeed. */
G_GNUC_UNUSED static KeelDocument *
open_document (GFile                 *file,
               KeelDocumentOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  KeelDocument *document = keel_document_open (file, flags, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

/* Opening @file with @flags fails with @code; the error names @mentions (unless
 * NULL). */
G_GNUC_UNUSED static void
assert_open_fails (GFile                 *file,
                   KeelDocumentOpenFlags  flags,
                   KeelDocumentError      code,
                   const char            *mentions)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDocument) document = keel_document_open (file, flags, NULL, &error);

  g_assert_null (document);
  g_assert_error (error, KEEL_DOCUMENT_ERROR, (gint) code);
  if (mentions != NULL)
    g_assert_nonnull (strstr (error->message, mentions));
}

/* Loads the project of @document, which must succeed. */
G_GNUC_UNUSED static KeelProject *
load_project (KeelDocument *document)
{
  g_autoptr(GError) error = NULL;
  KeelProject *project = keel_project_load (document, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

/* Opens @file with @flags into @document and returns its project. */
G_GNUC_UNUSED static KeelProject *
open_project (GFile                 *file,
              KeelDocumentOpenFlags  flags,
              KeelDocument         **document)
{
  *document = open_document (file, flags);
  return load_project (*document);
}

/* Ends the session of @document (without writing back), dropping @project first. */
G_GNUC_UNUSED static void
close_project (KeelDocument  *document,
               KeelProject  **project)
{
  g_clear_object (project);
  keel_document_close (document);
}

/* Writes @document back with @flags, which must succeed. */
G_GNUC_UNUSED static void
write_back (KeelDocument       *document,
            KeelWriteBackFlags  flags)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (keel_document_write_back (document, flags, NULL, &error));
  g_assert_no_error (error);
}

/* Writing @document back with @flags fails with @code; the error message holds each
 * of the NULL-terminated strings that follow. */
G_GNUC_UNUSED G_GNUC_NULL_TERMINATED static void
assert_write_back_fails (KeelDocument       *document,
                         KeelWriteBackFlags  flags,
                         KeelDocumentError   code,
                         ...)
{
  g_autoptr(GError) error = NULL;
  const char *mentions;
  va_list ap;

  g_assert_false (keel_document_write_back (document, flags, NULL, &error));
  g_assert_error (error, KEEL_DOCUMENT_ERROR, (gint) code);
  g_test_message ("write-back of %s: %s", keel_document_get_display_name (document),
                  error->message);
  va_start (ap, code);
  while ((mentions = va_arg (ap, const char *)) != NULL)
    g_assert_nonnull (strstr (error->message, mentions));
  va_end (ap);
}

/* ---- Running as "nobody" ---- */

/* In the parent, as root: the user "nobody", or NULL (the test skipped) when there is
 * none. */
G_GNUC_UNUSED static struct passwd *
nobody_or_skip (void)
{
  struct passwd *nobody = getpwnam ("nobody");

  if (nobody == NULL)
    g_test_skip ("running as root, and there is no user “nobody” to drop privileges to");
  return nobody;
}

/* In a subprocess of a parent running as root: becomes "nobody", for good. */
G_GNUC_UNUSED static void
drop_to_nobody (void)
{
  struct passwd *nobody = getpwnam ("nobody");

  g_assert_nonnull (nobody);
  g_assert_cmpint (setgroups (0, NULL), ==, 0);
  g_assert_cmpint (setgid (nobody->pw_gid), ==, 0);
  g_assert_cmpint (setuid (nobody->pw_uid), ==, 0);
  g_assert_cmpint (geteuid (), ==, nobody->pw_uid);
}

/* Lets others (such as "nobody") reach @path through the isolated folders, which are
 * made 0700: gives search permission on each folder above it, up to the temporary
 * folder they live in. */
G_GNUC_UNUSED static void
make_reachable (const char *path)
{
  g_autofree char *p = g_strdup (path);

  while (strlen (p) > strlen (g_get_tmp_dir ()))
    {
      char *parent = g_path_get_dirname (p);
      struct stat st;

      g_assert_cmpint (g_stat (parent, &st), ==, 0);
      g_chmod (parent, (st.st_mode & 07777) | S_IXOTH);
      g_free (p);
      p = parent;
    }
}
