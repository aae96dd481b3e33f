/* keel-document.c: a Keel project file and its private working copy.
 *
 * The user's file is only ever read and written whole, through GIO. SQLite works on a
 * working copy in $XDG_DATA_HOME/keel/working/<key>/:
 *
 *   project.sqlite  the working copy (WAL, synchronous=FULL: a commit survives a crash)
 *   lock            flock()ed while a KeelDocument uses the folder; the kernel drops
 *                   the lock when the process dies, so an unlocked folder is a leftover
 *   origin          a key file: the document's URI (none when untitled), the
 *                   fingerprint of the document the copy is based on and, while a
 *                   write-back replaces the document, the fingerprint of the file
 *                   that replaces it ("pending"; see write_local())
 *   dirty           present while the copy holds edits the document lacks; it is made
 *                   durable before the first such edit commits (a commit hook)
 *
 * <key> is the SHA-256 of the document's URI, so the copy is found again from the
 * document; an untitled project gets a random key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-document"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "keel-document.h"
#include "keel-schema.h"

#define DB_NAME     "project.sqlite"
#define LOCK_NAME   "lock"
#define ORIGIN_NAME "origin"
#define DIRTY_NAME  "dirty"

#define ORIGIN_GROUP "Keel Working Copy"

#define SQLITE_HEADER_SIZE 100
#define COPY_CHUNK (1024 * 1024)

/* What tells one version of a document from another, without reading it. */
#define FINGERPRINT_ATTRIBUTES \
  G_FILE_ATTRIBUTE_ETAG_VALUE "," \
  G_FILE_ATTRIBUTE_STANDARD_SIZE "," \
  G_FILE_ATTRIBUTE_TIME_MODIFIED "," \
  G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC

struct _KeelDocument
{
  GObject   parent_instance;

  GFile    *file;             /* NULL while untitled */
  char     *display_name;     /* for messages */
  KeelDb   *db;

  char     *working_dir;      /* NULL for a read-only open without a working copy */
  int       lock_fd;          /* -1 when no lock is held */
  char     *temp_dir;         /* private copy of a read-only open, removed at the end */

  /* The document as loaded or last written back; NULL when there is none yet. */
  char     *fingerprint;

  /* Bumped by every commit; the document holds clean_generation. */
  guint64   generation;
  guint64   clean_generation;
  gboolean  marker_written;

  gint64    migrated_from;
  GQueue    pending_writes;   /* of GTask, waiting for the running one */

  guint     read_only : 1;    /* the document cannot be written */
  guint     read_only_open : 1; /* opened with KEEL_DOCUMENT_OPEN_READ_ONLY */
  guint     untitled : 1;
  guint     recovered : 1;
  guint     writing : 1;      /* an asynchronous write-back runs */
  guint     closed : 1;
};

/* One write of a snapshot to a file, run on any thread: it touches no KeelDocument. */
typedef struct {
  GFile    *file;
  char     *display_name;
  int       snapshot_fd;      /* the snapshot, already unlinked */
  char     *expected;         /* fingerprint the file must still have, or NULL */
  guint     check : 1;        /* compare with @expected (NULL: the file must not exist) */
  guint64   generation;       /* of the snapshot */
  char     *written;          /* fingerprint after writing */
  char     *origin_path;      /* the origin of the working copy whose document this
                               * writes (to record the pending fingerprint), or NULL */
} WriteJob;

G_DEFINE_FINAL_TYPE (KeelDocument, keel_document, G_TYPE_OBJECT)

G_DEFINE_QUARK (keel-document-error-quark, keel_document_error)

static void start_next_write (KeelDocument *self);

/* Helpers: files and folders */

static char *
working_root (void)
{
  return g_build_filename (g_get_user_data_dir (), "keel", "working", NULL);
}

static char *
working_dir_for_file (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *key = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
  g_autofree char *root = working_root ();

  return g_build_filename (root, key, NULL);
}

static char *
display_name_for_file (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL && g_file_info_get_display_name (info) != NULL)
    return g_strdup (g_file_info_get_display_name (info));

  return g_file_get_basename (file);
}

static char *
fingerprint_from_info (GFileInfo *info)
{
  const char *etag = NULL;
  guint64 mtime = 0;
  guint32 usec = 0;

  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ETAG_VALUE))
    etag = g_file_info_get_etag (info);
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_TIME_MODIFIED))
    mtime = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED);
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC))
    usec = g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);

  return g_strdup_printf ("%" G_GOFFSET_FORMAT ":%" G_GUINT64_FORMAT ".%06u:%s",
                          g_file_info_get_size (info), mtime, usec,
                          etag != NULL ? etag : "");
}

/* Returns the fingerprint of @file, or NULL with @error set; a missing file is
 * G_IO_ERROR_NOT_FOUND (a path through a regular file as well). */
static char *
query_fingerprint (GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  info = g_file_query_info (file, FINGERPRINT_ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, local_error->message);
          return NULL;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return fingerprint_from_info (info);
}

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *display_name)
{
  g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
               _("Cannot save “%s”: %s"), display_name, g_strerror (saved_errno));
}

static gboolean
fsync_dir (const char *path)
{
  int fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int res;

  if (fd < 0)
    return FALSE;
  res = fsync (fd);
  close (fd);

  return res == 0;
}

/* Removes a working copy folder and what SQLite may have left in it. */
static void
remove_working_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Removes the files of a working copy but keeps the folder and its lock. */
static void
clear_working_copy (const char *dir)
{
  static const char * const names[] = {
    DB_NAME, DB_NAME "-wal", DB_NAME "-shm", DB_NAME "-journal", ORIGIN_NAME, DIRTY_NAME,
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_unlink (path);
    }
}

/* Takes the lock of working copy folder @dir (creating it), or fails with
 * KEEL_DOCUMENT_ERROR_LOCKED when another KeelDocument holds it, in this process or
 * another: flock() locks belong to the open file, not to the process. */
static int
lock_working_dir (const char  *dir,
                  const char  *display_name,
                  GError     **error)
{
  g_autofree char *lock_path = g_build_filename (dir, LOCK_NAME, NULL);

  /* A closing session removes its folder while it holds the lock; whoever got the
   * lock on the removed file must try again on the new one. */
  for (guint attempt = 0; attempt < 5; attempt++)
    {
      struct stat fd_stat, path_stat;
      int fd;

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
                       _("Cannot create Keel’s working folder “%s”: %s"),
                       dir, g_strerror (saved_errno));
          return -1;
        }

      fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          int saved_errno = errno;

          g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
                       _("Cannot lock the working copy of “%s”: %s"),
                       display_name, g_strerror (saved_errno));
          return -1;
        }

      if (flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          int saved_errno = errno;

          close (fd);
          if (saved_errno == EWOULDBLOCK)
            g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_LOCKED,
                         _("“%s” is already open in Keel"), display_name);
          else
            g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
                         _("Cannot lock the working copy of “%s”: %s"),
                         display_name, g_strerror (saved_errno));
          return -1;
        }

      if (fstat (fd, &fd_stat) == 0 && stat (lock_path, &path_stat) == 0 &&
          fd_stat.st_dev == path_stat.st_dev && fd_stat.st_ino == path_stat.st_ino)
        return fd;

      close (fd);
    }

  g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_LOCKED,
               _("“%s” is already open in Keel"), display_name);
  return -1;
}

/* TRUE when a live KeelDocument holds @dir's lock. Takes no lock itself beyond the
 * instant of the test. */
static gboolean
working_dir_is_locked (const char *dir)
{
  g_autofree char *lock_path = g_build_filename (dir, LOCK_NAME, NULL);
  gboolean locked = FALSE;
  int fd;

  fd = open (lock_path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return FALSE;

  if (flock (fd, LOCK_SH | LOCK_NB) != 0)
    locked = errno == EWOULDBLOCK;
  else
    flock (fd, LOCK_UN);
  close (fd);

  return locked;
}

static gboolean
read_origin (const char  *dir,
             char       **out_uri,
             char       **out_fingerprint,
             char       **out_pending)
{
  g_autofree char *path = g_build_filename (dir, ORIGIN_NAME, NULL);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, NULL))
    return FALSE;

  if (out_uri != NULL)
    *out_uri = g_key_file_get_string (key_file, ORIGIN_GROUP, "uri", NULL);
  if (out_fingerprint != NULL)
    *out_fingerprint = g_key_file_get_string (key_file, ORIGIN_GROUP, "fingerprint", NULL);
  if (out_pending != NULL)
    *out_pending = g_key_file_get_string (key_file, ORIGIN_GROUP, "pending", NULL);

  return TRUE;
}

/* Records in the origin at @origin_path that the document is about to be replaced by
 * a file of fingerprint @pending (or, with NULL, that it is not), durably, before the
 * rename: a session killed between the rename and write_back_done() would otherwise
 * leave the old fingerprint, and its recovery would take its own write-back for a
 * change by another program. Runs on the write-back's thread; the main thread does
 * not write the origin while a write-back runs. */
static gboolean
record_pending (const char *origin_path,
                const char *pending)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *dir = g_path_get_dirname (origin_path);
  g_autofree char *data = NULL;
  gsize length;

  if (!g_key_file_load_from_file (key_file, origin_path, G_KEY_FILE_NONE, NULL))
    return FALSE;
  if (pending != NULL)
    g_key_file_set_string (key_file, ORIGIN_GROUP, "pending", pending);
  else if (!g_key_file_remove_key (key_file, ORIGIN_GROUP, "pending", NULL))
    return TRUE;

  data = g_key_file_to_data (key_file, &length, NULL);
  return g_file_set_contents_full (origin_path, data, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, NULL) &&
         fsync_dir (dir);
}

static gboolean
write_origin (KeelDocument  *self,
              GError       **error)
{
  g_autofree char *path = g_build_filename (self->working_dir, ORIGIN_NAME, NULL);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *data = NULL;
  gsize length;

  if (self->file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (self->file);

      g_key_file_set_string (key_file, ORIGIN_GROUP, "uri", uri);
    }
  if (self->fingerprint != NULL)
    g_key_file_set_string (key_file, ORIGIN_GROUP, "fingerprint", self->fingerprint);

  data = g_key_file_to_data (key_file, &length, NULL);
  if (!g_file_set_contents_full (path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, error))
    {
      g_prefix_error (error, _("Cannot record the working copy of “%s”: "), self->display_name);
      return FALSE;
    }

  return TRUE;
}

/* Helpers: the dirty marker */

static gboolean
ensure_dirty_marker (KeelDocument *self)
{
  g_autofree char *path = NULL;
  int fd;

  if (self->marker_written || self->working_dir == NULL)
    return TRUE;

  path = g_build_filename (self->working_dir, DIRTY_NAME, NULL);
  fd = open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return FALSE;
  if (fsync (fd) != 0)
    {
      close (fd);
      return FALSE;
    }
  close (fd);
  if (!fsync_dir (self->working_dir))
    return FALSE;

  self->marker_written = TRUE;
  return TRUE;
}

static void
mark_clean (KeelDocument *self,
            guint64       generation)
{
  self->clean_generation = generation;
  if (self->generation == generation && self->marker_written)
    {
      g_autofree char *path = g_build_filename (self->working_dir, DIRTY_NAME, NULL);

      /* Losing this unlink to a crash only means offering to recover edits that are
       * already saved, so it needs no fsync. */
      if (g_unlink (path) == 0 || errno == ENOENT)
        self->marker_written = FALSE;
    }
}

/* Runs inside every commit to the working copy, before it is durable: the marker
 * that says "this copy has unsaved edits" must reach the disk first, or a crash
 * right after the commit would make the edit look saved. A marker that cannot be
 * written turns the commit into a rollback. */
static int
commit_hook (void *data)
{
  KeelDocument *self = data;

  self->generation++;
  return ensure_dirty_marker (self) ? 0 : 1;
}

/* Helpers: validation */

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Checks the 100-byte SQLite header of a @size-byte file before SQLite sees it. */
static gboolean
check_header (const guint8  *header,
              gsize          length,
              goffset        size,
              const char    *display_name,
              GError       **error)
{
  static const char magic[16] = "SQLite format 3";
  guint32 page_size, page_count, application_id, user_version;

  if (size == 0)
    {
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_NOT_SQLITE,
                   _("“%s” is empty; it is not a Keel project"), display_name);
      return FALSE;
    }

  if (length < SQLITE_HEADER_SIZE || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_NOT_SQLITE,
                   _("“%s” is not a Keel project (it is not a database)"), display_name);
      return FALSE;
    }

  application_id = read_be32 (header + 68);
  if (application_id != KEEL_APPLICATION_ID)
    {
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_NOT_KEEL,
                   _("“%s” is not a Keel project (it is an SQLite database of another "
                     "application)"), display_name);
      return FALSE;
    }

  user_version = read_be32 (header + 60);
  if (user_version > KEEL_SCHEMA_VERSION)
    {
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Keel; update Keel to open it"),
                   display_name);
      return FALSE;
    }
  if (user_version == 0)
    {
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_DAMAGED,
                   _("“%s” is damaged: it has no schema version"), display_name);
      return FALSE;
    }

  page_size = ((guint32) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  page_count = read_be32 (header + 28);

  if (page_size < 512 || (page_size & (page_size - 1)) != 0 ||
      size % page_size != 0 ||
      /* The page count is only valid when the change counter says so. */
      (page_count != 0 && read_be32 (header + 24) == read_be32 (header + 92) &&
       (goffset) page_count * page_size > size))
    {
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_DAMAGED,
                   _("“%s” is damaged (it is incomplete or was cut short)"), display_name);
      return FALSE;
    }

  return TRUE;
}

/* Turns an error from SQLite on a file being validated into what it means for the
 * user; a problem of the copy on Keel's side (disk full) stays an I/O error. */
static void
set_validation_error (GError      **error,
                      GError       *db_error,
                      const char   *display_name)
{
  if (db_error->domain == KEEL_DOCUMENT_ERROR)
    {
      /* The schema check: its message is a sentence about the file. */
      g_set_error (error, KEEL_DOCUMENT_ERROR, db_error->code,
                   _("“%s” is not a plain Keel project. %s"), display_name, db_error->message);
      return;
    }

  if (g_error_matches (db_error, KEEL_DB_ERROR, KEEL_DB_ERROR_FULL) ||
      g_error_matches (db_error, KEEL_DB_ERROR, KEEL_DB_ERROR_IO))
    g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
                 _("Cannot open “%s”: %s"), display_name, db_error->message);
  else
    g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_DAMAGED,
                 _("“%s” is damaged and cannot be opened (%s)"), display_name,
                 db_error->message);
}

static gboolean
quick_check (KeelDb      *db,
             const char  *display_name,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* Not through the statement cache: it runs once per open. */
  rc = sqlite3_prepare_v2 (keel_db_get_handle (db), "PRAGMA quick_check (1)", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *row = (const char *) sqlite3_column_text (stmt, 0);

      /* The first problem is enough to tell; its last line is the telling part
       * ("*** in database main ***\nPage 4: …"). */
      if (row != NULL && g_strcmp0 (row, "ok") != 0 && problems->len == 0)
        {
          const char *line = strrchr (row, '\n');

          g_string_append (problems, line != NULL ? line + 1 : row);
        }
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_DONE)
    keel_db_set_error (db, &local_error, NULL);
  sqlite3_finalize (stmt);

  if (local_error != NULL)
    {
      set_validation_error (error, local_error, display_name);
      return FALSE;
    }
  if (problems->len > 0)
    {
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_DAMAGED,
                   _("“%s” is damaged and cannot be opened (%s)"), display_name, problems->str);
      return FALSE;
    }

  return TRUE;
}

/* Everything a database must pass before Keel reads a row of it, in the order that
 * names the real problem: what SQLite says it is, whether its schema is Keel's
 * (before any query that could touch what a file carries), whether its pages are
 * sound; then older versions are migrated. */
static gboolean
validate_db (KeelDb      *db,
             const char  *display_name,
             gboolean     migrate,
             gint64      *out_migrated_from,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 application_id, version;

  application_id = keel_db_get_application_id (db, &local_error);
  if (local_error == NULL)
    version = keel_db_get_user_version (db, &local_error);
  if (local_error != NULL)
    {
      set_validation_error (error, local_error, display_name);
      return FALSE;
    }

  if (application_id != KEEL_APPLICATION_ID)
    {
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_NOT_KEEL,
                   _("“%s” is not a Keel project (it is an SQLite database of another "
                     "application)"), display_name);
      return FALSE;
    }
  if (version > KEEL_SCHEMA_VERSION)
    {
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Keel; update Keel to open it"),
                   display_name);
      return FALSE;
    }

  if (!keel_schema_check (db, &local_error) ||
      !quick_check (db, display_name, error))
    {
      if (local_error != NULL)
        set_validation_error (error, local_error, display_name);
      return FALSE;
    }

  if (migrate && version != KEEL_SCHEMA_VERSION)
    {
      gint64 from = 0;

      if (!keel_schema_migrate (db, &from, &local_error) ||
          !keel_schema_check (db, &local_error))
        {
          set_validation_error (error, local_error, display_name);
          return FALSE;
        }
      if (out_migrated_from != NULL)
        *out_migrated_from = from;
    }

  return TRUE;
}

/* Helpers: copying files */

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += n;
      length -= n;
    }

  return TRUE;
}

/* Reads @file whole into a new file at @path through GIO, after checking its header;
 * returns the fingerprint of what was read. Nothing is written for a file that is
 * refused. */
static char *
copy_document (GFile         *file,
               const char    *path,
               const char    *display_name,
               guint32       *out_version,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  /* A file replaced while it is read is read again. */
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      g_autoptr(GFileInputStream) stream = NULL;
      g_autoptr(GFileInfo) info = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree guint8 *buffer = NULL;
      gsize length = 0;
      goffset total = 0;
      int fd;

      stream = g_file_read (file, cancellable, &local_error);
      if (stream == NULL)
        break;
      info = g_file_query_info (file, FINGERPRINT_ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                                cancellable, &local_error);
      if (info == NULL)
        break;
      before = fingerprint_from_info (info);

      buffer = g_malloc (COPY_CHUNK);
      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, SQLITE_HEADER_SIZE,
                                    &length, cancellable, &local_error))
        break;
      if (!check_header (buffer, length, g_file_info_get_size (info), display_name, error))
        return NULL;
      if (out_version != NULL)
        *out_version = read_be32 (buffer + 60);

      fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          int saved_errno = errno;

          g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
                       _("Cannot copy “%s” to Keel’s working folder: %s"),
                       display_name, g_strerror (saved_errno));
          return NULL;
        }

      while (length > 0)
        {
          if (!write_all (fd, buffer, length))
            {
              int saved_errno = errno;

              close (fd);
              g_unlink (path);
              g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
                           _("Cannot copy “%s” to Keel’s working folder: %s"),
                           display_name, g_strerror (saved_errno));
              return NULL;
            }
          total += length;
          if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, COPY_CHUNK,
                                        &length, cancellable, &local_error))
            break;
        }

      if (local_error == NULL && fsync (fd) != 0)
        {
          int saved_errno = errno;

          g_set_error (&local_error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "%s", g_strerror (saved_errno));
        }
      close (fd);
      if (local_error != NULL)
        {
          g_unlink (path);
          break;
        }

      after = query_fingerprint (file, cancellable, &local_error);
      if (after == NULL)
        {
          g_unlink (path);
          break;
        }
      if (g_str_equal (before, after) && total == g_file_info_get_size (info))
        return g_steal_pointer (&after);

      g_unlink (path);
    }

  if (local_error == NULL)
    g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
                 _("“%s” keeps changing while Keel reads it"), display_name);
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_NOT_FOUND,
                 _("“%s” does not exist"), display_name);
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
                 _("Cannot read “%s”: %s"), display_name, local_error->message);

  return NULL;
}

/* Helpers: the working copy */

/* Makes the working copy's connection durable: WAL, so that a commit writes and
 * syncs only its own pages, and synchronous=FULL, so that it survives power loss. */
static gboolean
configure_working_db (KeelDocument  *self,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  const char *mode;

  stmt = keel_db_prepare (self->db, "PRAGMA journal_mode = WAL", &local_error);
  if (stmt == NULL)
    goto fail;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      keel_db_set_error (self->db, &local_error, NULL);
      sqlite3_reset (stmt);
      goto fail;
    }
  mode = (const char *) sqlite3_column_text (stmt, 0);
  if (mode == NULL || g_ascii_strcasecmp (mode, "wal") != 0)
    {
      g_set_error (&local_error, KEEL_DB_ERROR, KEEL_DB_ERROR_FAILED,
                   "journal mode “%s” instead of WAL", mode != NULL ? mode : "");
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);

  if (!keel_db_exec (self->db, "PRAGMA synchronous = FULL", &local_error))
    goto fail;

  return TRUE;

fail:
  g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
               _("Cannot open the working copy of “%s”: %s"),
               self->display_name, local_error->message);
  return FALSE;
}

/* Opens (or, with @reopen, moves @self->db to) the working copy's database. */
static gboolean
open_working_db (KeelDocument  *self,
                 gboolean       reopen,
                 int            flags,
                 GError       **error)
{
  g_autofree char *path = g_build_filename (self->working_dir, DB_NAME, NULL);
  g_autoptr(GError) local_error = NULL;

  if (reopen)
    {
      if (!keel_db_reopen (self->db, path, SQLITE_OPEN_READWRITE | flags, &local_error))
        {
          set_validation_error (error, local_error, self->display_name);
          return FALSE;
        }
    }
  else
    {
      self->db = keel_db_open (path, SQLITE_OPEN_READWRITE | flags, &local_error);
      if (self->db == NULL)
        {
          set_validation_error (error, local_error, self->display_name);
          return FALSE;
        }
    }

  return TRUE;
}

static void
watch_commits (KeelDocument *self)
{
  sqlite3_commit_hook (keel_db_get_handle (self->db), commit_hook, self);
}

static void
release_lock (KeelDocument *self)
{
  if (self->lock_fd >= 0)
    {
      close (self->lock_fd);
      self->lock_fd = -1;
    }
}

/* Gives up a working copy that could not be set up: it is removed when it holds
 * nothing of value, else only unlocked. */
static void
abandon_working_copy (KeelDocument *self,
                      gboolean      remove)
{
  if (self->db != NULL)
    keel_db_close (self->db);
  if (remove && self->working_dir != NULL)
    remove_working_dir (self->working_dir);
  release_lock (self);
}

/* Helpers: writing back */

static void
write_job_free (WriteJob *job)
{
  g_clear_object (&job->file);
  g_free (job->display_name);
  if (job->snapshot_fd >= 0)
    close (job->snapshot_fd);
  g_free (job->expected);
  g_free (job->written);
  g_free (job->origin_path);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WriteJob, write_job_free)

static void
remove_sqlite_files (const char *path)
{
  static const char * const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

/* Copies the working copy, consistently, into a new rollback-journal database, and
 * returns it as an open, already unlinked file: whatever happens to the working
 * folder meanwhile, the write can finish. Runs on the thread that owns the
 * connection. */
static int
take_snapshot (KeelDocument  *self,
               GError       **error)
{
  g_autofree char *template = NULL;
  const char *dir;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  g_autofree char *message = NULL;
  int fd, rc;

  if (keel_db_get_handle (self->db) == NULL)
    {
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
                   _("Cannot save “%s”: the project is closed"), self->display_name);
      return -1;
    }

  dir = self->working_dir != NULL ? self->working_dir : self->temp_dir;
  if (dir == NULL)
    dir = g_get_tmp_dir ();
  template = g_build_filename (dir, "snapshot-XXXXXX", NULL);
  fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      set_errno_error (error, saved_errno, self->display_name);
      return -1;
    }
  close (fd);

  rc = sqlite3_open_v2 (template, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    /* The snapshot is an intermediate: what must be durable is the document written
     * from it, which is synced before it replaces the old one. */
    rc = sqlite3_exec (dest, "PRAGMA synchronous = OFF", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", keel_db_get_handle (self->db), "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          rc = rc == SQLITE_DONE ? sqlite3_errcode (dest) : rc;
        }
    }
  /* The backup copies page 1 as it is, so a copy of a WAL database says WAL in its
   * header (bytes 18 and 19 = 2); switching the copy to a rollback journal rewrites
   * them, and then the document opens anywhere without creating side files. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    message = g_strdup (dest != NULL ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
  sqlite3_close_v2 (dest);

  if (message == NULL)
    {
      guint8 header[SQLITE_HEADER_SIZE];

      fd = open (template, O_RDONLY | O_CLOEXEC);
      if (fd < 0 ||
          pread (fd, header, sizeof header, 0) != sizeof header ||
          header[18] != 1 || header[19] != 1)
        {
          message = g_strdup (fd < 0 ? g_strerror (errno) : "not a rollback-journal database");
          if (fd >= 0)
            close (fd);
          fd = -1;
        }
    }
  else
    fd = -1;

  remove_sqlite_files (template);

  if (fd < 0)
    g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
                 _("Cannot save “%s”: cannot copy the project in Keel’s working folder (%s)"),
                 self->display_name, message);
  return fd;
}

static WriteJob *
write_job_new (KeelDocument  *self,
               GFile         *file,
               gboolean       check,
               GError       **error)
{
  g_autoptr(WriteJob) job = g_new0 (WriteJob, 1);

  job->snapshot_fd = -1;
  job->file = g_object_ref (file);
  job->display_name = self->file != NULL && g_file_equal (file, self->file) ? g_strdup (self->display_name)
                                                      : display_name_for_file (file);
  job->check = check;
  job->expected = g_strdup (self->fingerprint);
  if (self->working_dir != NULL && !self->read_only_open &&
      self->file != NULL && g_file_equal (file, self->file))
    job->origin_path = g_build_filename (self->working_dir, ORIGIN_NAME, NULL);
  job->generation = self->generation;
  job->snapshot_fd = take_snapshot (self, error);
  if (job->snapshot_fd < 0)
    return NULL;

  return g_steal_pointer (&job);
}

static gboolean
copy_fd (int            from,
         int            to,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autofree guint8 *buffer = g_malloc (COPY_CHUNK);
  off_t offset = 0;

  for (;;)
    {
      gssize n = pread (from, buffer, COPY_CHUNK, offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 || !write_all (to, buffer, n))
        {
          int saved_errno = errno;

          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               g_strerror (saved_errno));
          return FALSE;
        }
      if (n == 0)
        return TRUE;
      offset += n;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
}

/* Writes the snapshot to a local file: a new file beside it, synced, renamed over it,
 * and the folder synced, so the path names the old or the new version, whole. */
static gboolean
write_local (WriteJob      *job,
             const char    *link_path,
             GCancellable  *cancellable,
             GError       **error)
{
  /* A document reached through a symbolic link is replaced where it really is. */
  char *real_path = realpath (link_path, NULL);
  g_autofree char *path = g_strdup (real_path != NULL ? real_path : link_path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = NULL;
  g_autoptr(GError) local_error = NULL;
  struct stat old_stat;
  gboolean pending_recorded = FALSE;
  int fd;

  free (real_path);
  template = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  /* 0666 less the umask, as for any new file; an existing document keeps its mode. */
  fd = g_mkstemp_full (template, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;

      /* The document is replaced by a new file beside it, so a folder Keel may not
       * write in makes the document read-only, even when the file itself is not. */
      if (saved_errno == EACCES || saved_errno == EPERM || saved_errno == EROFS)
        g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_READ_ONLY,
                     _("Cannot save “%s”: Keel may not write in its folder “%s” (%s); "
                       "save a copy to keep your changes"),
                     job->display_name, dir, g_strerror (saved_errno));
      else
        set_errno_error (error, saved_errno, job->display_name);
      return FALSE;
    }

  if (stat (path, &old_stat) == 0)
    fchmod (fd, old_stat.st_mode & 07777);

  if (!copy_fd (job->snapshot_fd, fd, cancellable, &local_error))
    goto fail;
  if (fsync (fd) != 0)
    {
      int saved_errno = errno;

      g_set_error_literal (&local_error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      goto fail;
    }
  if (close (fd) != 0)
    {
      int saved_errno = errno;

      fd = -1;
      g_set_error_literal (&local_error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      goto fail;
    }
  fd = -1;

  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    goto fail;

  /* A rename keeps the file's size and time, so the document will have the
   * fingerprint the temporary file has now. Recording it can only fail when the
   * working folder cannot be written; the document is still worth saving then, and
   * the worst a crash right after the rename can do is ask whether to keep it. */
  if (job->origin_path != NULL)
    {
      g_autoptr(GFile) temp_file = g_file_new_for_path (template);
      g_autofree char *pending = query_fingerprint (temp_file, NULL, NULL);

      pending_recorded = pending != NULL && record_pending (job->origin_path, pending);
    }

  if (rename (template, path) != 0)
    {
      int saved_errno = errno;

      g_set_error_literal (&local_error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      goto fail;
    }
  fsync_dir (dir);

  return TRUE;

fail:
  if (fd >= 0)
    close (fd);
  g_unlink (template);
  if (pending_recorded)
    record_pending (job->origin_path, NULL);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
                 _("Cannot save “%s”: %s"), job->display_name, local_error->message);
  return FALSE;
}

/* Writes the snapshot through GIO where there is no local path (a remote or virtual
 * file system): g_file_replace() writes a temporary file and replaces the old one. */
static gboolean
write_gio (WriteJob      *job,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *buffer = g_malloc (COPY_CHUNK);
  off_t offset = 0;

  out = g_file_replace (job->file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, &local_error);
  if (out == NULL)
    goto fail;

  for (;;)
    {
      gssize n = pread (job->snapshot_fd, buffer, COPY_CHUNK, offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error_literal (&local_error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               g_strerror (saved_errno));
          break;
        }
      if (n == 0)
        break;
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), buffer, n, NULL,
                                      cancellable, &local_error))
        break;
      offset += n;
    }

  if (local_error != NULL)
    {
      /* Cancelling the close keeps the old file in place. */
      g_autoptr(GCancellable) abort = g_cancellable_new ();

      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (out), abort, NULL);
      goto fail;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &local_error))
    goto fail;

  return TRUE;

fail:
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
                 _("Cannot save “%s”: %s"), job->display_name, local_error->message);
  return FALSE;
}

/* The part of a write-back that may run on any thread. */
static gboolean
write_job_run (WriteJob      *job,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *path = NULL;

  if (job->check)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *current = query_fingerprint (job->file, cancellable, &local_error);

      if (current == NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
                         _("Cannot save “%s”: %s"), job->display_name, local_error->message);
          return FALSE;
        }

      if (job->expected != NULL && current == NULL)
        {
          g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_CHANGED_ON_DISK,
                       _("“%s” was moved or deleted since Keel opened it"),
                       job->display_name);
          return FALSE;
        }
      if (job->expected == NULL && current != NULL)
        {
          g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_CHANGED_ON_DISK,
                       _("Another program created “%s” since Keel started this project"),
                       job->display_name);
          return FALSE;
        }
      if (job->expected != NULL && !g_str_equal (job->expected, current))
        {
          g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_CHANGED_ON_DISK,
                       _("“%s” was changed by another program since Keel opened it"),
                       job->display_name);
          return FALSE;
        }
    }

  path = g_file_get_path (job->file);
  if (path != NULL && g_file_is_native (job->file))
    {
      if (!write_local (job, path, cancellable, error))
        return FALSE;
    }
  else if (!write_gio (job, cancellable, error))
    return FALSE;

  job->written = query_fingerprint (job->file, cancellable, NULL);
  return TRUE;
}

static gboolean
check_can_write_back (KeelDocument  *self,
                      GError       **error)
{
  if (self->closed)
    {
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
                   _("Cannot save “%s”: the project is closed"), self->display_name);
      return FALSE;
    }
  if (self->untitled)
    {
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
                   _("“%s” has no file yet; choose where to save it"), self->display_name);
      return FALSE;
    }
  if (self->read_only_open)
    {
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_READ_ONLY,
                   _("“%s” was opened only for reading"), self->display_name);
      return FALSE;
    }
  if (self->read_only)
    {
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_READ_ONLY,
                   _("“%s” is read-only; save a copy to keep your changes"),
                   self->display_name);
      return FALSE;
    }

  return TRUE;
}

/* Records a finished write-back of @job to the document. */
static void
write_back_done (KeelDocument *self,
                 WriteJob     *job)
{
  if (self->closed)
    return;

  g_free (self->fingerprint);
  self->fingerprint = g_steal_pointer (&job->written);
  mark_clean (self, job->generation);
  write_origin (self, NULL);
}

/* Callbacks */

static void
write_back_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;

  if (write_job_run (job, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
write_back_thread_done (GObject      *source_object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  KeelDocument *self = KEEL_DOCUMENT (source_object);
  g_autoptr(GTask) outer = user_data;
  WriteJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  self->writing = FALSE;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      write_back_done (self, job);
      g_task_return_boolean (outer, TRUE);
    }
  else
    g_task_return_error (outer, error);

  start_next_write (self);
}

/* Starts the oldest waiting asynchronous write-back, if any and none runs. */
static void
start_next_write (KeelDocument *self)
{
  while (!self->writing && !g_queue_is_empty (&self->pending_writes))
    {
      g_autoptr(GTask) outer = g_queue_pop_head (&self->pending_writes);
      g_autoptr(GTask) inner = NULL;
      GCancellable *cancellable;
      GError *error = NULL;
      WriteJob *job;
      gboolean force = GPOINTER_TO_UINT (g_task_get_task_data (outer)) & KEEL_WRITE_BACK_FORCE;

      if (!check_can_write_back (self, &error) ||
          (job = write_job_new (self, self->file, !force, &error)) == NULL)
        {
          g_task_return_error (outer, error);
          continue;
        }

      /* The snapshot was taken here, on the connection's thread; only the file
       * write runs in the worker. */
      self->writing = TRUE;
      cancellable = g_task_get_cancellable (outer);
      inner = g_task_new (self, cancellable, write_back_thread_done, g_steal_pointer (&outer));
      g_task_set_source_tag (inner, start_next_write);
      g_task_set_task_data (inner, job, (GDestroyNotify) write_job_free);
      g_task_run_in_thread (inner, write_back_thread);
    }
}

/* Overrides */

static void
keel_document_dispose (GObject *object)
{
  KeelDocument *self = (KeelDocument *)object;

  /* Dropped without keel_document_close(): the working copy stays, as after a crash,
   * and is recovered or replaced at the next open. */
  if (self->db != NULL && keel_db_get_handle (self->db) != NULL)
    sqlite3_commit_hook (keel_db_get_handle (self->db), NULL, NULL);
  if (self->db != NULL)
    keel_db_close (self->db);
  g_clear_object (&self->db);
  release_lock (self);

  G_OBJECT_CLASS (keel_document_parent_class)->dispose (object);
}

static void
keel_document_finalize (GObject *object)
{
  KeelDocument *self = (KeelDocument *)object;

  if (self->temp_dir != NULL)
    remove_working_dir (self->temp_dir);
  g_clear_pointer (&self->temp_dir, g_free);
  g_clear_object (&self->file);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->working_dir, g_free);
  g_clear_pointer (&self->fingerprint, g_free);
  g_queue_clear_full (&self->pending_writes, g_object_unref);

  G_OBJECT_CLASS (keel_document_parent_class)->finalize (object);
}

static void
keel_document_class_init (KeelDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = keel_document_dispose;
  object_class->finalize = keel_document_finalize;
}

static void
keel_document_init (KeelDocument *self)
{
  self->lock_fd = -1;
  g_queue_init (&self->pending_writes);
}

/* Opening */

/* Adopts the working copy in @self->working_dir (locked) that a crashed session left:
 * it is checked like any file, and on failure left in place for another try. */
static gboolean
adopt_leftover (KeelDocument  *self,
                GError       **error)
{
  g_autofree char *fingerprint = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *dirty_path = g_build_filename (self->working_dir, DIRTY_NAME, NULL);

  if (!open_working_db (self, FALSE, 0, error) ||
      !validate_db (self->db, self->display_name, TRUE, &self->migrated_from, error) ||
      !configure_working_db (self, error))
    return FALSE;

  read_origin (self->working_dir, NULL, &fingerprint, &pending);
  if (pending != NULL && self->file != NULL)
    {
      /* The crashed session was killed while replacing the document: if the rename
       * happened, the document is the file it wrote, not someone else's. */
      g_autofree char *current = query_fingerprint (self->file, NULL, NULL);

      if (current != NULL && g_str_equal (current, pending))
        {
          g_free (fingerprint);
          fingerprint = g_strdup (pending);
        }
    }
  g_free (self->fingerprint);
  self->fingerprint = g_steal_pointer (&fingerprint);
  self->recovered = TRUE;
  self->marker_written = g_file_test (dirty_path, G_FILE_TEST_EXISTS);
  self->generation = self->marker_written || self->untitled ? 1 : 0;
  watch_commits (self);
  /* Settled: the origin says which file the copy is based on, without a pending. */
  if (pending != NULL)
    write_origin (self, NULL);

  return TRUE;
}

/* Reads the document of a read-only open through a private copy, which can be
 * migrated; the copy goes when the document does. */
static gboolean
open_private_copy (KeelDocument  *self,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *copy_path = NULL;
  g_autofree char *fingerprint = NULL;

  self->temp_dir = g_dir_make_tmp ("keel-read-XXXXXX", &local_error);
  if (self->temp_dir == NULL)
    {
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
                   _("Cannot read “%s”: %s"), self->display_name, local_error->message);
      return FALSE;
    }

  copy_path = g_build_filename (self->temp_dir, DB_NAME, NULL);
  fingerprint = copy_document (self->file, copy_path, self->display_name, NULL,
                               cancellable, error);
  if (fingerprint == NULL)
    return FALSE;
  g_free (self->fingerprint);
  self->fingerprint = g_steal_pointer (&fingerprint);

  self->db = keel_db_open (copy_path, SQLITE_OPEN_READWRITE, &local_error);
  if (self->db == NULL)
    {
      set_validation_error (error, local_error, self->display_name);
      return FALSE;
    }

  return validate_db (self->db, self->display_name, TRUE, &self->migrated_from, error);
}

static KeelDocument *
open_read_only (GFile         *file,
                GFileInfo     *info,
                const char    *display_name,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(KeelDocument) self = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = working_dir_for_file (file);
  g_autofree char *path = g_file_get_path (file);
  guint8 header[SQLITE_HEADER_SIZE];
  gsize length = 0;
  guint32 version;

  /* Reading a file that a running Keel is editing would show a stale version. */
  if (working_dir_is_locked (dir))
    {
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_LOCKED,
                   _("“%s” is already open in Keel"), display_name);
      return NULL;
    }

  self = g_object_new (KEEL_TYPE_DOCUMENT, NULL);
  self->file = g_object_ref (file);
  self->display_name = g_strdup (display_name);
  self->read_only = TRUE;
  self->read_only_open = TRUE;
  self->fingerprint = fingerprint_from_info (info);

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, &length,
                                cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
                     _("Cannot read “%s”: %s"), display_name, local_error->message);
      return NULL;
    }
  if (!check_header (header, length, g_file_info_get_size (info), display_name, error))
    return NULL;
  version = read_be32 (header + 60);

  g_input_stream_close (G_INPUT_STREAM (stream), NULL, NULL);

  if (path != NULL && g_file_is_native (file) && version == KEEL_SCHEMA_VERSION &&
      header[18] == 1 && header[19] == 1)
    {
      /* The common case (keel-cli reading a current file) copies nothing: SQLite
       * reads the file in place, told that nothing changes it, so it neither locks
       * it nor creates a journal or WAL beside it. */
      g_autofree char *file_uri = g_filename_to_uri (path, NULL, NULL);
      g_autofree char *uri = g_strconcat (file_uri, "?mode=ro&immutable=1", NULL);
      g_autoptr(GError) db_error = NULL;
      g_autoptr(GError) doc_error = NULL;

      self->db = keel_db_open (uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, &db_error);
      if (self->db == NULL)
        set_validation_error (&doc_error, db_error, display_name);
      else if (validate_db (self->db, display_name, TRUE, &self->migrated_from, &doc_error))
        return g_steal_pointer (&self);

      /* What the file is, is known now; only trouble reading it in place (some
       * FUSE file systems) is worth another try through a copy. */
      if (!g_error_matches (doc_error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO))
        {
          g_propagate_error (error, g_steal_pointer (&doc_error));
          return NULL;
        }
      if (self->db != NULL)
        keel_db_close (self->db);
      g_clear_object (&self->db);
    }

  return open_private_copy (self, cancellable, error) ? g_steal_pointer (&self) : NULL;
}

/* Public API */

/**
 * keel_document_open:
 * @file: the project file
 * @flags: how to treat a crashed session's working copy, and whether only to read
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #KeelDocumentError
 *
 * Opens @file: copies it into a new working copy, checks it (header, application id,
 * version, schema, integrity) and migrates an older version there. @file itself is
 * only read, and a refused file leaves nothing behind.
 *
 * Returns: (transfer full): the document, or %NULL
 */
KeelDocument *
keel_document_open (GFile                  *file,
                    KeelDocumentOpenFlags   flags,
                    GCancellable           *cancellable,
                    GError                **error)
{
  g_autoptr(KeelDocument) self = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *dirty_path = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *fingerprint = NULL;
  guint32 version = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE ","
                            FINGERPRINT_ATTRIBUTES,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY))
        g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_NOT_FOUND,
                     _("“%s” does not exist"), name);
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
                     _("Cannot open “%s”: %s"), name, local_error->message);
      return NULL;
    }

  display_name = g_strdup (g_file_info_get_display_name (info));
  if (display_name == NULL)
    display_name = g_file_get_basename (file);

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_NOT_SQLITE,
                   _("“%s” is a folder, not a Keel project"), display_name);
      return NULL;
    }

  if (flags & KEEL_DOCUMENT_OPEN_READ_ONLY)
    return open_read_only (file, info, display_name, cancellable, error);

  self = g_object_new (KEEL_TYPE_DOCUMENT, NULL);
  self->file = g_object_ref (file);
  self->display_name = g_steal_pointer (&display_name);
  self->read_only = g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE) &&
                    !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE);
  self->working_dir = working_dir_for_file (file);

  self->lock_fd = lock_working_dir (self->working_dir, self->display_name, error);
  if (self->lock_fd < 0)
    return NULL;

  db_path = g_build_filename (self->working_dir, DB_NAME, NULL);
  dirty_path = g_build_filename (self->working_dir, DIRTY_NAME, NULL);
  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      if (g_file_test (dirty_path, G_FILE_TEST_EXISTS) &&
          !(flags & KEEL_DOCUMENT_OPEN_DISCARD_RECOVERY))
        {
          if (!(flags & KEEL_DOCUMENT_OPEN_RECOVER))
            {
              release_lock (self);
              g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_RECOVERABLE,
                           _("“%s” has unsaved changes from a session that ended "
                             "unexpectedly"), self->display_name);
              return NULL;
            }

          if (!adopt_leftover (self, error))
            {
              /* The recovery stays for another try (or to be discarded). */
              g_prefix_error (error, _("The unsaved changes cannot be recovered: "));
              abandon_working_copy (self, FALSE);
              return NULL;
            }
          return g_steal_pointer (&self);
        }

      /* A copy without unsaved edits, or one the user chose to drop: the document
       * is the truth. */
      clear_working_copy (self->working_dir);
    }

  fingerprint = copy_document (file, db_path, self->display_name, &version, cancellable, error);
  if (fingerprint == NULL)
    {
      abandon_working_copy (self, TRUE);
      return NULL;
    }
  self->fingerprint = g_steal_pointer (&fingerprint);

  /* Checked and migrated before it becomes a WAL database: a file that is refused
   * leaves no trace. */
  if (!open_working_db (self, FALSE, 0, error) ||
      !validate_db (self->db, self->display_name, TRUE, &self->migrated_from, error) ||
      !configure_working_db (self, error) ||
      !write_origin (self, error))
    {
      abandon_working_copy (self, TRUE);
      return NULL;
    }

  watch_commits (self);
  if (self->migrated_from != 0)
    {
      /* The working copy is of the current version, the document is not yet. */
      self->generation = 1;
      ensure_dirty_marker (self);
    }

  return g_steal_pointer (&self);
}

static KeelDocument *
create_in_working_dir (GFile       *file,
                       const char  *display_name,
                       const char  *project_name,
                       GError     **error)
{
  g_autoptr(KeelDocument) self = g_object_new (KEEL_TYPE_DOCUMENT, NULL);
  g_autofree char *db_path = NULL;
  g_autofree char *dirty_path = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  self->file = file != NULL ? g_object_ref (file) : NULL;
  self->untitled = file == NULL;
  self->display_name = g_strdup (display_name);
  if (file != NULL)
    self->working_dir = working_dir_for_file (file);
  else
    {
      g_autofree char *root = working_root ();
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *key = g_strconcat ("untitled-", uuid, NULL);

      self->working_dir = g_build_filename (root, key, NULL);
    }

  self->lock_fd = lock_working_dir (self->working_dir, self->display_name, error);
  if (self->lock_fd < 0)
    return NULL;

  db_path = g_build_filename (self->working_dir, DB_NAME, NULL);
  dirty_path = g_build_filename (self->working_dir, DIRTY_NAME, NULL);
  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      if (g_file_test (dirty_path, G_FILE_TEST_EXISTS))
        {
          release_lock (self);
          g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_RECOVERABLE,
                       _("“%s” has unsaved changes from a session that ended "
                         "unexpectedly"), self->display_name);
          return NULL;
        }
      clear_working_copy (self->working_dir);
    }

  if (!open_working_db (self, FALSE, SQLITE_OPEN_CREATE, error) ||
      !configure_working_db (self, error))
    {
      abandon_working_copy (self, TRUE);
      return NULL;
    }

  stmt = NULL;
  if (!keel_schema_create (self->db, &local_error) ||
      !keel_db_begin (self->db, &local_error) ||
      (stmt = keel_db_prepare (self->db, "INSERT INTO meta (key, value) VALUES ('name', ?)",
                               &local_error)) == NULL ||
      sqlite3_bind_text (stmt, 1, project_name, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
      !keel_db_step_done (self->db, stmt, &local_error) ||
      !keel_db_commit (self->db, &local_error))
    {
      keel_db_rollback (self->db);
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
                   _("Cannot create “%s”: %s"), self->display_name,
                   local_error != NULL ? local_error->message : "");
      abandon_working_copy (self, TRUE);
      return NULL;
    }

  if (!write_origin (self, error))
    {
      abandon_working_copy (self, TRUE);
      return NULL;
    }

  watch_commits (self);
  if (file != NULL)
    {
      /* The file does not exist yet: the first write-back creates it. */
      self->generation = 1;
      ensure_dirty_marker (self);
    }

  return g_steal_pointer (&self);
}

/**
 * keel_document_create:
 * @file: where the new project will be saved; must not exist
 * @error: return location for a #KeelDocumentError
 *
 * Starts a new, empty project whose name is @file's base name; the file is written
 * at the first write-back.
 *
 * Returns: (transfer full): the document, or %NULL (%KEEL_DOCUMENT_ERROR_EXISTS if
 *   @file exists)
 */
KeelDocument *
keel_document_create (GFile   *file,
                      GError **error)
{
  g_autofree char *display_name = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_file_get_basename (file);
  if (g_file_query_exists (file, NULL))
    {
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_EXISTS,
                   _("“%s” already exists"), display_name);
      return NULL;
    }

  basename = g_strdup (display_name);
  if (g_str_has_suffix (basename, ".keel"))
    basename[strlen (basename) - strlen (".keel")] = '\0';
  name = g_strdup (basename[0] != '\0' ? basename : _("Untitled Project"));

  return create_in_working_dir (file, display_name, name, error);
}

/**
 * keel_document_new_untitled:
 * @error: return location for a #KeelDocumentError
 *
 * Starts a new project that lives only in its working copy until it is saved with
 * keel_document_save_as(). It is listed by keel_document_list_recoverable() while no
 * Keel has it open.
 *
 * Returns: (transfer full): the document, or %NULL
 */
KeelDocument *
keel_document_new_untitled (GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return create_in_working_dir (NULL, _("Untitled Project"), _("Untitled Project"), error);
}

/**
 * keel_document_get_file:
 * @self: a #KeelDocument
 *
 * Returns: (transfer none) (nullable): the project file, or %NULL while untitled
 */
GFile *
keel_document_get_file (KeelDocument *self)
{
  g_return_val_if_fail (KEEL_IS_DOCUMENT (self), NULL);

  return self->file;
}

/**
 * keel_document_get_display_name:
 * @self: a #KeelDocument
 *
 * Returns: the name to show for the document's file (its base name, or "Untitled
 *   Project")
 */
const char *
keel_document_get_display_name (KeelDocument *self)
{
  g_return_val_if_fail (KEEL_IS_DOCUMENT (self), NULL);

  return self->display_name;
}

/**
 * keel_document_get_db:
 * @self: a #KeelDocument
 *
 * The connection to the working copy (or, for a read-only open, to the file). The
 * object stays the same for the document's life, even when Save As moves the working
 * copy; after keel_document_close() it is closed.
 *
 * Returns: (transfer none): the database
 */
KeelDb *
keel_document_get_db (KeelDocument *self)
{
  g_return_val_if_fail (KEEL_IS_DOCUMENT (self), NULL);

  return self->db;
}

/**
 * keel_document_is_read_only:
 * @self: a #KeelDocument
 *
 * Returns: %TRUE when the file cannot be written (the user may not write it, or it
 *   was opened with %KEEL_DOCUMENT_OPEN_READ_ONLY)
 */
gboolean
keel_document_is_read_only (KeelDocument *self)
{
  g_return_val_if_fail (KEEL_IS_DOCUMENT (self), TRUE);

  return self->read_only;
}

gboolean
keel_document_is_untitled (KeelDocument *self)
{
  g_return_val_if_fail (KEEL_IS_DOCUMENT (self), FALSE);

  return self->untitled;
}

/**
 * keel_document_is_dirty:
 * @self: a #KeelDocument
 *
 * Returns: %TRUE when the working copy holds edits the file lacks (a new or migrated
 *   project counts as edited until it is written)
 */
gboolean
keel_document_is_dirty (KeelDocument *self)
{
  g_return_val_if_fail (KEEL_IS_DOCUMENT (self), FALSE);

  return self->generation != self->clean_generation;
}

gint64
keel_document_get_migrated_from (KeelDocument *self)
{
  g_return_val_if_fail (KEEL_IS_DOCUMENT (self), 0);

  return self->migrated_from;
}

gboolean
keel_document_was_recovered (KeelDocument *self)
{
  g_return_val_if_fail (KEEL_IS_DOCUMENT (self), FALSE);

  return self->recovered;
}

/**
 * keel_document_mark_dirty:
 * @self: a #KeelDocument
 *
 * Records that the working copy holds edits the document lacks. Commits to the
 * working copy do this on their own; calling it after one is harmless.
 */
void
keel_document_mark_dirty (KeelDocument *self)
{
  g_return_if_fail (KEEL_IS_DOCUMENT (self));

  if (self->read_only_open)
    return;

  self->generation++;
  ensure_dirty_marker (self);
}

/**
 * keel_document_write_back:
 * @self: a #KeelDocument
 * @flags: %KEEL_WRITE_BACK_FORCE to overwrite a file changed by another program
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #KeelDocumentError
 *
 * Writes the working copy to the document: a consistent snapshot, as a plain
 * rollback-journal database, replacing the file atomically. If the file changed since
 * it was loaded or last written, fails with %KEEL_DOCUMENT_ERROR_CHANGED_ON_DISK
 * unless @flags has %KEEL_WRITE_BACK_FORCE. On failure the file is untouched and the
 * document stays dirty.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_document_write_back (KeelDocument        *self,
                          KeelWriteBackFlags   flags,
                          GCancellable        *cancellable,
                          GError             **error)
{
  g_autoptr(WriteJob) job = NULL;

  g_return_val_if_fail (KEEL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_can_write_back (self, error))
    return FALSE;
  if (self->writing)
    {
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
                   _("“%s” is being saved already"), self->display_name);
      return FALSE;
    }

  job = write_job_new (self, self->file, !(flags & KEEL_WRITE_BACK_FORCE), error);
  if (job == NULL || !write_job_run (job, cancellable, error))
    return FALSE;

  write_back_done (self, job);
  return TRUE;
}

/**
 * keel_document_write_back_async:
 * @self: a #KeelDocument
 * @flags: as for keel_document_write_back()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the document is written
 * @user_data: data for @callback
 *
 * Like keel_document_write_back(), but the file is written in a worker thread; the
 * snapshot of the working copy is taken on the calling thread, which must be the one
 * that uses the document's database. A write-back requested while another runs
 * starts when it ends, with a snapshot taken then.
 */
void
keel_document_write_back_async (KeelDocument        *self,
                                KeelWriteBackFlags   flags,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (KEEL_IS_DOCUMENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, keel_document_write_back_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (flags), NULL);

  g_queue_push_tail (&self->pending_writes, task);
  start_next_write (self);
}

gboolean
keel_document_write_back_finish (KeelDocument  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (KEEL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * keel_document_save_as:
 * @self: a #KeelDocument
 * @file: the new file; replaced if it exists (the user chose it)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #KeelDocumentError
 *
 * Writes the project to @file and makes @file the document: the working copy moves
 * to @file's place, the old file stays as it was. An untitled project becomes titled.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_document_save_as (KeelDocument  *self,
                       GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(WriteJob) job = NULL;
  g_autofree char *new_dir = NULL;
  g_autofree char *display_name = NULL;
  int new_lock;

  g_return_val_if_fail (KEEL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->closed || self->read_only_open || self->working_dir == NULL)
    {
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_READ_ONLY,
                   _("“%s” was opened only for reading"), self->display_name);
      return FALSE;
    }
  if (self->writing)
    {
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
                   _("“%s” is being saved already"), self->display_name);
      return FALSE;
    }
  if (self->file != NULL && g_file_equal (self->file, file))
    return keel_document_write_back (self, KEEL_WRITE_BACK_FORCE, cancellable, error);

  display_name = display_name_for_file (file);
  new_dir = working_dir_for_file (file);

  /* The new place must not be in use: another Keel may have @file open. Its old
   * leftovers go, since @file is being replaced. */
  new_lock = lock_working_dir (new_dir, display_name, error);
  if (new_lock < 0)
    return FALSE;
  clear_working_copy (new_dir);

  job = write_job_new (self, file, FALSE, error);
  if (job == NULL || !write_job_run (job, cancellable, error))
    {
      remove_working_dir (new_dir);
      close (new_lock);
      return FALSE;
    }

  /* The project is saved at its new place; now move the working copy there. The
   * connection closes first (checkpointing its WAL) and the KeelDb object stays, so
   * whoever holds it keeps working. */
  sqlite3_commit_hook (keel_db_get_handle (self->db), NULL, NULL);
  keel_db_close (self->db);
  {
    g_autofree char *from = g_build_filename (self->working_dir, DB_NAME, NULL);
    g_autofree char *to = g_build_filename (new_dir, DB_NAME, NULL);
    g_autofree char *from_wal = g_strconcat (from, "-wal", NULL);
    g_autofree char *to_wal = g_strconcat (to, "-wal", NULL);

    /* Closing checkpointed and removed the WAL, unless a statement someone still
     * holds kept the connection alive: then its WAL moves too. */
    if (rename (from, to) != 0 ||
        (g_file_test (from_wal, G_FILE_TEST_EXISTS) && rename (from_wal, to_wal) != 0))
      {
        int saved_errno = errno;

        /* Stay where we were: the file is saved, but the document is still the old
         * one. */
        remove_working_dir (new_dir);
        close (new_lock);
        if (open_working_db (self, TRUE, 0, NULL) && configure_working_db (self, NULL))
          watch_commits (self);
        g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
                     _("Cannot move the working copy of “%s”: %s"),
                     self->display_name, g_strerror (saved_errno));
        return FALSE;
      }
  }

  remove_working_dir (self->working_dir);
  release_lock (self);

  g_free (self->working_dir);
  self->working_dir = g_steal_pointer (&new_dir);
  self->lock_fd = new_lock;
  g_set_object (&self->file, file);
  g_free (self->display_name);
  self->display_name = g_steal_pointer (&display_name);
  self->untitled = FALSE;
  self->read_only = FALSE;
  self->marker_written = FALSE;

  if (!open_working_db (self, TRUE, 0, error) ||
      !configure_working_db (self, error))
    return FALSE;
  watch_commits (self);

  g_free (self->fingerprint);
  self->fingerprint = g_steal_pointer (&job->written);
  if (self->generation != job->generation)
    ensure_dirty_marker (self);
  self->clean_generation = job->generation;
  write_origin (self, NULL);

  return TRUE;
}

/**
 * keel_document_save_copy:
 * @self: a #KeelDocument
 * @file: where to write the copy; replaced if it exists
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #KeelDocumentError
 *
 * Writes a consistent copy of the project to @file; the document stays what it was
 * (and as dirty as it was).
 *
 * Returns: %TRUE on success
 */
gboolean
keel_document_save_copy (KeelDocument  *self,
                         GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(WriteJob) job = NULL;

  g_return_val_if_fail (KEEL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->closed)
    {
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO,
                   _("Cannot save “%s”: the project is closed"), self->display_name);
      return FALSE;
    }

  job = write_job_new (self, file, FALSE, error);
  if (job == NULL)
    return FALSE;

  return write_job_run (job, cancellable, error);
}

/**
 * keel_document_close:
 * @self: a #KeelDocument
 *
 * Ends the session: closes the database, removes the working copy and releases the
 * lock. Unsaved edits are lost: write back first unless discarding them. The
 * database object stays valid but closed.
 */
void
keel_document_close (KeelDocument *self)
{
  g_return_if_fail (KEEL_IS_DOCUMENT (self));

  if (self->closed)
    return;
  self->closed = TRUE;

  if (self->db != NULL)
    {
      sqlite3 *handle = keel_db_get_handle (self->db);

      if (handle != NULL)
        {
          sqlite3_commit_hook (handle, NULL, NULL);
          /* The working copy is removed next: folding its WAL back into it on
           * close would only cost time (0.2 s after a large import). */
          if (self->working_dir != NULL && self->lock_fd >= 0)
            sqlite3_db_config (handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
        }
      keel_db_close (self->db);
    }
  if (self->working_dir != NULL && self->lock_fd >= 0)
    remove_working_dir (self->working_dir);
  release_lock (self);
  if (self->temp_dir != NULL)
    {
      remove_working_dir (self->temp_dir);
      g_clear_pointer (&self->temp_dir, g_free);
    }
}

void
keel_recoverable_free (KeelRecoverable *self)
{
  if (self == NULL)
    return;

  g_free (self->working_path);
  g_clear_object (&self->document);
  g_free (self->name);
  g_clear_pointer (&self->modified, g_date_time_unref);
  g_free (self);
}

static char *
read_project_name (const char *db_path)
{
  g_autoptr(KeelDb) db = keel_db_open (db_path, SQLITE_OPEN_READWRITE, NULL);
  sqlite3_stmt *stmt;
  char *name = NULL;

  if (db == NULL)
    return NULL;

  /* Reading must not change the copy, not even by checkpointing its WAL on close. */
  sqlite3_db_config (keel_db_get_handle (db), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  stmt = keel_db_prepare (db, "SELECT value FROM meta WHERE key = 'name'", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  keel_db_close (db);

  return name;
}

static gint
compare_recoverable (gconstpointer a,
                     gconstpointer b)
{
  const KeelRecoverable *ra = *(KeelRecoverable * const *) a;
  const KeelRecoverable *rb = *(KeelRecoverable * const *) b;

  /* Newest first. */
  return g_date_time_compare (rb->modified, ra->modified);
}

/**
 * keel_document_list_recoverable:
 *
 * Lists the working copies no Keel has open that hold something the user may want:
 * unsaved edits of a session that crashed, and untitled projects never saved.
 *
 * Returns: (transfer full) (element-type KeelRecoverable): newest first
 */
GPtrArray *
keel_document_list_recoverable (void)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) keel_recoverable_free);
  g_autofree char *root = working_root ();
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (root, entry, NULL);
      g_autofree char *db_path = g_build_filename (path, DB_NAME, NULL);
      g_autofree char *dirty_path = g_build_filename (path, DIRTY_NAME, NULL);
      g_autofree char *uri = NULL;
      g_autofree char *lock_path = g_build_filename (path, LOCK_NAME, NULL);
      KeelRecoverable *recoverable;
      struct stat st;
      gint64 mtime;
      int fd;

      if (stat (db_path, &st) != 0 || !read_origin (path, &uri, NULL, NULL))
        continue;
      if (uri != NULL && !g_file_test (dirty_path, G_FILE_TEST_EXISTS))
        continue;

      /* Held while the name is read, so no Keel opens the copy meanwhile; a copy a
       * Keel has open is not a leftover. */
      fd = open (lock_path, O_RDWR | O_CLOEXEC);
      if (fd < 0)
        continue;
      if (flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          close (fd);
          continue;
        }

      mtime = st.st_mtime;
      {
        g_autofree char *wal_path = g_strconcat (db_path, "-wal", NULL);
        struct stat wal_st;

        if (stat (wal_path, &wal_st) == 0 && wal_st.st_mtime > mtime)
          mtime = wal_st.st_mtime;
      }

      recoverable = g_new0 (KeelRecoverable, 1);
      recoverable->working_path = g_steal_pointer (&db_path);
      recoverable->document = uri != NULL ? g_file_new_for_uri (uri) : NULL;
      recoverable->name = read_project_name (recoverable->working_path);
      if (recoverable->name == NULL)
        recoverable->name = g_strdup (_("Untitled Project"));
      recoverable->modified = g_date_time_new_from_unix_local (mtime);
      g_ptr_array_add (result, recoverable);

      close (fd);
    }

  g_ptr_array_sort (result, compare_recoverable);

  return g_steal_pointer (&result);
}

/**
 * keel_document_open_recoverable:
 * @recoverable: an entry of keel_document_list_recoverable()
 * @error: return location for a #KeelDocumentError
 *
 * Continues from a leftover working copy: the unsaved edits of a crashed session
 * (the document is @recoverable's file, written back as usual) or an untitled
 * project. To discard it, open it and keel_document_close() it.
 *
 * Returns: (transfer full): the document, or %NULL
 */
KeelDocument *
keel_document_open_recoverable (KeelRecoverable  *recoverable,
                                GError          **error)
{
  g_autoptr(KeelDocument) self = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (recoverable != NULL, NULL);
  g_return_val_if_fail (recoverable->working_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (KEEL_TYPE_DOCUMENT, NULL);
  self->working_dir = g_path_get_dirname (recoverable->working_path);
  if (recoverable->document != NULL)
    {
      self->file = g_object_ref (recoverable->document);
      self->display_name = display_name_for_file (self->file);
      info = g_file_query_info (self->file, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE,
                                G_FILE_QUERY_INFO_NONE, NULL, NULL);
      self->read_only = info != NULL &&
                        g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE) &&
                        !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE);
    }
  else
    {
      self->untitled = TRUE;
      self->display_name = g_strdup (recoverable->name != NULL ? recoverable->name
                                                               : _("Untitled Project"));
    }

  if (!g_file_test (recoverable->working_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_NOT_FOUND,
                   _("The unsaved changes of “%s” are gone"), self->display_name);
      return NULL;
    }

  self->lock_fd = lock_working_dir (self->working_dir, self->display_name, error);
  if (self->lock_fd < 0)
    return NULL;

  /* Whoever opened and closed it since the list was made has removed it. */
  if (!read_origin (self->working_dir, &uri, NULL, NULL) ||
      !g_file_test (recoverable->working_path, G_FILE_TEST_EXISTS))
    {
      remove_working_dir (self->working_dir);
      release_lock (self);
      g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_NOT_FOUND,
                   _("The unsaved changes of “%s” are gone"), self->display_name);
      return NULL;
    }

  if (!adopt_leftover (self, error))
    {
      abandon_working_copy (self, FALSE);
      return NULL;
    }

  return g_steal_pointer (&self);
}
