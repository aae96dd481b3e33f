/* test-faults.c: I/O faults — failed writes, syncs and truncations under SQLite, a full
 * disk, a folder Keel may not write, a document deleted or replaced while open, and a
 * session killed right after a write-back replaced the document.
 *
 * The SQLite faults come from keel-fault-vfs.h, the default VFS of this process. The
 * full disk is a real one: a small tmpfs mounted in a private mount namespace of a
 * subprocess (skipped where mounting is refused). The read-only folder is real too:
 * a subprocess drops root to "nobody". The kill after the rename is a real SIGKILL,
 * sent by this test's own rename(), which Keel's write-back calls instead of libc's;
 * failed fsync() and rename() of the write-back come from the same overrides.
 *
 * Documents live in the isolated config folder, which subprocesses share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* unshare() and CLONE_NEWNS. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "keel-fault-vfs.h"
#include "keel-test-document.h"

/* Keel's write-back writes the document with libc, not SQLite: its rename() and
 * fsync() are this test's own, since a symbol of the program comes before libc's.
 * They behave as libc's unless armed. */

/* The document path whose replacement kills the process (in a subprocess only). */
static char *kill_after_rename_to;
/* The path a rename to fails with EIO. */
static const char *fail_rename_to;
/* The Nth fsync() from now fails with EIO (0: none); how many did. */
static guint fsync_countdown;
static guint fsync_hits;

int
rename (const char *from,
        const char *to)
{
  int res;

  if (fail_rename_to != NULL && strcmp (to, fail_rename_to) == 0)
    {
      errno = EIO;
      return -1;
    }
  res = renameat (AT_FDCWD, from, AT_FDCWD, to);
  if (res == 0 && kill_after_rename_to != NULL && strcmp (to, kill_after_rename_to) == 0)
    kill (getpid (), SIGKILL);
  return res;
}

int
fsync (int fd)
{
  if (fsync_countdown > 0 && --fsync_countdown == 0)
    {
      fsync_hits++;
      errno = EIO;
      return -1;
    }
  return syscall (SYS_fsync, fd);
}

/* Helpers */

static KeelEvidence *
new_evidence (const char *id)
{
  KeelEvidence *evidence = keel_evidence_new (id);

  g_free (evidence->summary);
  evidence->summary = g_strdup_printf ("Evidence %s", id);
  g_free (evidence->date);
  evidence->date = g_strdup ("2026-11-21");
  evidence->kind = KEEL_EVIDENCE_KIND_USAGE;
  return evidence;
}

static void
add_evidence (KeelProject *project,
              const char  *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelEvidence) evidence = new_evidence (id);

  g_assert_true (keel_project_add_evidence (project, evidence, &error));
  g_assert_no_error (error);
}

/* A saved project at @path holding the evidence "ev-base", written by Keel. */
static void
make_document (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelProject) project = NULL;

  g_unlink (path);
  document = keel_document_create (file, &error);
  g_assert_no_error (error);
  project = load_project (document);
  add_evidence (project, "ev-base");
  write_back (document, KEEL_WRITE_BACK_DEFAULT);
  keel_document_close (document);
}

/* The document opens in Keel (read-only, so no working copy) as a valid project. */
static void
assert_opens (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelProject) project = open_project (file, KEEL_DOCUMENT_OPEN_READ_ONLY, &document);

  g_assert_nonnull (keel_project_lookup_evidence (project, "ev-base"));
  close_project (document, &project);
}

/* The folder of @path holds the document and nothing else (no temporary file,
 * journal or WAL). */
static void
assert_document_alone (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);

  assert_folder_holds (dir, (const char *[]) { name, NULL });
}

/* One session of Keel on a document, as most tests hold it. */
typedef struct {
  char         *path;
  GFile        *file;
  KeelDocument *document;
  KeelProject  *project;
  GBytes       *before;     /* the document's bytes when last read */
} Session;

static void
session_clear (Session *s)
{
  g_clear_object (&s->project);
  g_clear_object (&s->document);
  g_clear_object (&s->file);
  g_clear_pointer (&s->path, g_free);
  g_clear_pointer (&s->before, g_bytes_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Session, session_clear)

/* Points @s at the document @path (taken). */
static void
session_init (Session *s,
              char    *path)
{
  s->path = path;
  s->file = g_file_new_for_path (path);
}

/* Remembers the document's bytes as they are now. */
static void
session_read (Session *s)
{
  g_clear_pointer (&s->before, g_bytes_unref);
  s->before = read_bytes (s->path);
}

/* Opens the document with @flags and loads its project; then commits the evidence
 * @id (unless NULL): an unsaved edit. */
static void
session_open (Session               *s,
              KeelDocumentOpenFlags  flags,
              const char            *id)
{
  s->project = open_project (s->file, flags, &s->document);
  if (id != NULL)
    add_evidence (s->project, id);
}

/* Makes the document @path (taken) with make_document(), remembers its bytes and
 * opens it with the unsaved edit @id. */
static void
session_start (Session    *s,
               char       *path,
               const char *id)
{
  session_init (s, path);
  make_document (s->path);
  session_read (s);
  session_open (s, KEEL_DOCUMENT_OPEN_DEFAULT, id);
}

/* Simulates a crash: the document is dropped without keel_document_close(), which
 * leaves the working copy unlocked, as the kernel does for a killed process. */
static void
session_crash (Session *s)
{
  g_clear_object (&s->project);
  g_clear_object (&s->document);
}

/* Ends the session and checks that the document opens. */
static void
session_finish (Session *s)
{
  close_project (s->document, &s->project);
  assert_opens (s->path);
}

/* The next write-back compares with what this session wrote: one more edit @id is
 * written back without a conflict; then the session ends and the document opens. */
static void
session_finish_with_edit (Session    *s,
                          const char *id)
{
  add_evidence (s->project, id);
  write_back (s->document, KEEL_WRITE_BACK_DEFAULT);
  close_project (s->document, &s->project);
  g_assert_cmpint (file_count_evidence (s->path, id), ==, 1);
  assert_opens (s->path);
}

/* A failed write-back lost nothing: the edit @id is still unsaved, in the project
 * and in its working copy. */
static void
assert_edit_kept (Session    *s,
                  const char *id)
{
  g_assert_true (keel_document_is_dirty (s->document));
  g_assert_nonnull (keel_project_lookup_evidence (s->project, id));
  g_assert_cmpint (working_count_evidence (s->document, id), ==, 1);
}

/* ...and changed nothing on disk: the document is what it was when last read, alone
 * in its folder. */
static void
assert_untouched (Session    *s,
                  const char *id)
{
  assert_file_is (s->path, s->before);
  assert_document_alone (s->path);
  assert_edit_kept (s, id);
}

/* SQLite faults */

typedef struct {
  const char *name;
  gboolean    full;   /* writes fail with SQLITE_FULL rather than an I/O error */
} FaultKind;

static const FaultKind fault_kinds[] = {
  { "io-error", FALSE },
  { "full", TRUE },
};

/* One edit, committed while the Nth write, sync or truncation under SQLite fails, for
 * N = 1, 2, … until the edit goes through without meeting the fault. Each time: the
 * call fails with an error (or succeeds, if the fault hit nothing that mattered), the
 * document is untouched, the project and connection keep working, and after a crash
 * every edit reported committed is recovered. */
static void
test_edit_fault (gconstpointer data)
{
  const FaultKind *kind = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = document_path ("plan.keel");
  g_autoptr(GPtrArray) committed = g_ptr_array_new_with_free_func (g_free);
  gboolean sync_failed = FALSE;
  guint faults = 0;
  guint n;

  make_document (path);
  g_ptr_array_add (committed, g_strdup ("ev-base"));

  for (n = 1; n < 1000; n++)
    {
      g_auto(Session) s = { 0 };
      g_autofree char *id = g_strdup_printf ("ev-fault-%u", n);
      g_autofree char *after_id = g_strdup_printf ("ev-after-%u", n);
      g_autoptr(KeelEvidence) evidence = new_evidence (id);
      gboolean ok, hit;

      session_init (&s, g_strdup (path));
      session_read (&s);
      session_open (&s, KEEL_DOCUMENT_OPEN_DEFAULT, NULL);

      keel_fault_vfs_arm (n, kind->full);
      ok = keel_project_add_evidence (s.project, evidence, &error);
      hit = keel_fault_vfs_disarm ();

      if (!hit)
        {
          /* The edit met no fault: the loop has covered every operation. */
          g_assert_no_error (error);
          g_assert_true (ok);
          g_ptr_array_add (committed, g_steal_pointer (&id));
          write_back (s.document, KEEL_WRITE_BACK_DEFAULT);
          close_project (s.document, &s.project);
          break;
        }

      faults++;
      sync_failed |= g_str_equal (keel_fault_vfs_hit_op (), "sync");
      if (ok)
        {
          g_assert_no_error (error);
          g_assert_nonnull (keel_project_lookup_evidence (s.project, id));
          g_ptr_array_add (committed, g_strdup (id));
        }
      else
        {
          g_assert_nonnull (error);
          g_assert_cmpstr (error->message, !=, "");
          g_test_message ("fault %u (%s): %s", n, keel_fault_vfs_hit_op (), error->message);
          /* What failed is not shown as done. */
          g_assert_null (keel_project_lookup_evidence (s.project, id));
          g_clear_error (&error);
        }

      /* The document on disk is what it was, whole. */
      assert_file_is (path, s.before);
      g_assert_cmpint (file_count_evidence (path, "ev-base"), ==, 1);

      /* Without the fault, the project and its connection work again. */
      add_evidence (s.project, after_id);
      g_ptr_array_add (committed, g_strdup (after_id));

      /* A crash now loses nothing that was reported committed. */
      session_crash (&s);
      session_open (&s, KEEL_DOCUMENT_OPEN_RECOVER, NULL);
      g_assert_true (keel_document_was_recovered (s.document));
      for (guint i = 0; i < committed->len; i++)
        g_assert_nonnull (keel_project_lookup_evidence (s.project,
                                                        g_ptr_array_index (committed, i)));
      /* An edit that reported failure may only be there when SQLite made it durable
       * before its sync failed; in the project it matches the working copy. */
      if (!ok && keel_project_lookup_evidence (s.project, id) != NULL)
        g_ptr_array_add (committed, g_strdup (id));

      write_back (s.document, KEEL_WRITE_BACK_DEFAULT);
      session_finish (&s);
    }

  g_assert_cmpuint (n, <, 1000);
  /* An edit writes and syncs the WAL (synchronous=FULL): the loop met both. */
  g_assert_cmpuint (faults, >=, 2);
  g_assert_true (sync_failed);

  for (guint i = 0; i < committed->len; i++)
    g_assert_cmpint (file_count_evidence (path, g_ptr_array_index (committed, i)), ==, 1);
  assert_opens (path);
}

/* A write-back while the Nth write, sync or truncation under SQLite fails (the
 * snapshot it writes from), N = 1, 2, … until it goes through. Each failure is a clear
 * error naming the document; the document is untouched, nothing is left beside it or
 * in the working folder, the edits stay in the working copy and are written once the
 * fault is gone. */
static void
test_write_back_fault (gconstpointer data)
{
  const FaultKind *kind = data;
  g_autoptr(GError) error = NULL;
  g_auto(Session) s = { 0 };
  guint faults = 0;
  guint n;

  session_start (&s, document_path ("plan.keel"), "ev-unsaved");

  for (n = 1; n < 1000; n++)
    {
      gboolean ok, hit;

      keel_fault_vfs_arm (n, kind->full);
      ok = keel_document_write_back (s.document, KEEL_WRITE_BACK_DEFAULT, NULL, &error);
      hit = keel_fault_vfs_disarm ();
      if (!hit)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          break;
        }

      faults++;
      assert_no_snapshots ();
      if (ok)
        {
          /* The fault hit something that did not matter to the file written. */
          g_autofree char *id = g_strdup_printf ("ev-unsaved-%u", n);

          g_assert_no_error (error);
          g_assert_cmpint (file_count_evidence (s.path, "ev-unsaved"), ==, 1);
          session_read (&s);
          add_evidence (s.project, id);
          continue;
        }

      g_assert_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "plan.keel"));
      g_test_message ("fault %u (%s): %s", n, keel_fault_vfs_hit_op (), error->message);
      g_clear_error (&error);

      g_assert_cmpint (file_count_evidence (s.path, "ev-base"), ==, 1);
      assert_untouched (&s, "ev-unsaved");
    }

  g_assert_cmpuint (n, <, 1000);
  g_assert_cmpuint (faults, >=, 1);
  g_assert_false (keel_document_is_dirty (s.document));
  assert_document_alone (s.path);
  g_assert_cmpint (file_count_evidence (s.path, "ev-unsaved"), ==, 1);
  session_finish (&s);
}

/* A write-back while the Nth fsync() fails, N = 1, 2, … (the new document's, the
 * records of the working copy's, the folders'), then while the rename that replaces
 * the document fails: a failure is an error naming the document, which is untouched,
 * with nothing left beside it; a sync whose failure does not matter is ignored. */
static void
test_write_back_sync_rename (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(Session) s = { 0 };
  g_autofree char *real_path = NULL;
  guint failures = 0;
  guint n;

  session_start (&s, document_path ("plan.keel"), "ev-0");
  real_path = realpath (s.path, NULL);
  g_assert_nonnull (real_path);

  for (n = 1; n < 100; n++)
    {
      g_autofree char *id = g_strdup_printf ("ev-%u", n);
      gboolean ok;

      fsync_hits = 0;
      fsync_countdown = n;
      ok = keel_document_write_back (s.document, KEEL_WRITE_BACK_DEFAULT, NULL, &error);
      fsync_countdown = 0;
      if (fsync_hits == 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          break;
        }

      assert_document_alone (s.path);
      if (ok)
        {
          g_assert_no_error (error);
          g_assert_false (keel_document_is_dirty (s.document));
        }
      else
        {
          failures++;
          g_assert_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_IO);
          g_assert_nonnull (strstr (error->message, "plan.keel"));
          g_test_message ("fsync %u: %s", n, error->message);
          g_clear_error (&error);
          assert_file_is (s.path, s.before);
          g_assert_cmpint (file_count_evidence (s.path, "ev-base"), ==, 1);
          g_assert_true (keel_document_is_dirty (s.document));
          /* The failure leaves nothing that would trouble the next write-back. */
          write_back (s.document, KEEL_WRITE_BACK_DEFAULT);
        }

      /* Written: the next round has something new to write. */
      g_assert_cmpint (file_count_evidence (s.path, "ev-0"), ==, 1);
      session_read (&s);
      add_evidence (s.project, id);
    }
  g_assert_cmpuint (n, <, 100);
  g_test_message ("%u fsync calls in a write-back", n - 1);
  /* The sync of the new document before it replaces the old one must not fail. */
  g_assert_cmpuint (failures, >=, 1);

  /* The rename fails. */
  add_evidence (s.project, "ev-renamed");
  session_read (&s);
  fail_rename_to = real_path;
  assert_write_back_fails (s.document, KEEL_WRITE_BACK_DEFAULT, KEEL_DOCUMENT_ERROR_IO,
                           "plan.keel", g_strerror (EIO), NULL);
  fail_rename_to = NULL;
  assert_file_is (s.path, s.before);
  assert_document_alone (s.path);
  g_assert_true (keel_document_is_dirty (s.document));

  /* A crash now: the recovered session writes back without a false conflict. */
  session_crash (&s);
  session_open (&s, KEEL_DOCUMENT_OPEN_RECOVER, NULL);
  write_back (s.document, KEEL_WRITE_BACK_DEFAULT);
  g_assert_cmpint (file_count_evidence (s.path, "ev-renamed"), ==, 1);
  session_finish (&s);
}

/* A full disk: a small tmpfs in a private mount namespace */

/* Where a subprocess reports why it could not run (the mount is private to it). */
static char *
skip_note_path (void)
{
  g_autofree char *dir = test_folder ("notes");

  return g_build_filename (dir, "skip", NULL);
}

/* In a subprocess: mounts a tmpfs of @size bytes on @dir, seen by this process only.
 * Returns FALSE, having written why to the skip note, where that is refused. */
static gboolean
mount_small_tmpfs (const char *dir,
                   gsize       size)
{
  g_autofree char *options = g_strdup_printf ("size=%" G_GSIZE_FORMAT ",mode=0755", size);
  g_autofree char *note = skip_note_path ();
  g_autofree char *reason = NULL;

  if (unshare (CLONE_NEWNS) != 0)
    reason = g_strdup_printf ("cannot make a private mount namespace: %s", g_strerror (errno));
  else if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    reason = g_strdup_printf ("cannot make mounts private: %s", g_strerror (errno));
  else if (mount ("keel-test", dir, "tmpfs", MS_NOSUID | MS_NODEV, options) != 0)
    reason = g_strdup_printf ("cannot mount a tmpfs: %s", g_strerror (errno));

  if (reason != NULL)
    {
      g_assert_true (g_file_set_contents (note, reason, -1, NULL));
      return FALSE;
    }
  return TRUE;
}

/* Fills the file system of @dir up to its last byte with the file @dir/filler. */
static char *
fill_disk (const char *dir)
{
  char *filler = g_build_filename (dir, "filler", NULL);
  static const char block[4096];
  gsize chunk = sizeof block;
  int fd = open (filler, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

  g_assert_cmpint (fd, >=, 0);
  while (chunk > 0)
    {
      ssize_t n = write (fd, block, chunk);

      if (n < 0)
        {
          g_assert_cmpint (errno, ==, ENOSPC);
          chunk /= 2;
        }
    }
  g_assert_cmpint (close (fd), ==, 0);
  return filler;
}

/* Runs the current test in a subprocess that mounts its tmpfs; skips when the
 * subprocess could not mount it. */
static void
run_with_tmpfs (void)
{
  g_autofree char *note = skip_note_path ();
  g_autofree char *reason = NULL;

  g_unlink (note);
  if (geteuid () != 0)
    {
      g_test_skip ("mounting a small tmpfs needs root (in a mount namespace)");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  if (g_file_get_contents (note, &reason, NULL, NULL))
    {
      g_unlink (note);
      g_test_skip (reason);
    }
}

static void
check_disk_full_write_back (const char *dir)
{
  g_auto(Session) s = { 0 };
  g_autofree char *filler = NULL;

  session_start (&s, g_build_filename (dir, "plan.keel", NULL), "ev-unsaved");

  filler = fill_disk (dir);
  assert_write_back_fails (s.document, KEEL_WRITE_BACK_DEFAULT, KEEL_DOCUMENT_ERROR_IO,
                           "plan.keel", g_strerror (ENOSPC), NULL);

  /* The old document is whole, no temporary file is left, the edit is kept. */
  assert_file_is (s.path, s.before);
  g_assert_cmpint (file_count_evidence (s.path, "ev-unsaved"), ==, 0);
  assert_folder_holds (dir, (const char *[]) { "plan.keel", "filler", NULL });
  assert_no_snapshots ();
  assert_edit_kept (&s, "ev-unsaved");

  /* Still full: failing again changes nothing. */
  assert_write_back_fails (s.document, KEEL_WRITE_BACK_DEFAULT, KEEL_DOCUMENT_ERROR_IO, NULL);
  assert_file_is (s.path, s.before);

  /* Space made, the same session saves. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  write_back (s.document, KEEL_WRITE_BACK_DEFAULT);
  g_assert_false (keel_document_is_dirty (s.document));
  g_assert_cmpint (file_count_evidence (s.path, "ev-unsaved"), ==, 1);
  assert_document_alone (s.path);
  session_finish (&s);
}

/* The document's disk is full: the write-back fails cleanly. */
static void
test_disk_full_document (void)
{
  g_autofree char *dir = test_folder ("small");

  if (g_test_subprocess ())
    {
      if (mount_small_tmpfs (dir, 2 * 1024 * 1024))
        check_disk_full_write_back (dir);
      /* Leaving through g_test_run() would remove the isolated folders it shares
       * with the parent. */
      _exit (0);
    }

  run_with_tmpfs ();
}

static void
check_disk_full_edit (const char *data_dir)
{
  g_autoptr(GError) error = NULL;
  g_auto(Session) s = { 0 };
  g_autoptr(KeelEvidence) evidence = new_evidence ("ev-too-much");
  g_autofree char *filler = NULL;

  session_start (&s, document_path ("plan.keel"), "ev-saved");

  filler = fill_disk (data_dir);
  g_assert_false (keel_project_add_evidence (s.project, evidence, &error));
  g_assert_nonnull (error);
  g_test_message ("working copy full: %s", error->message);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);
  g_assert_null (keel_project_lookup_evidence (s.project, "ev-too-much"));
  g_assert_nonnull (keel_project_lookup_evidence (s.project, "ev-saved"));
  assert_file_is (s.path, s.before);

  /* Writing back needs a snapshot in the working folder: it fails cleanly too. */
  assert_write_back_fails (s.document, KEEL_WRITE_BACK_DEFAULT, KEEL_DOCUMENT_ERROR_IO,
                           "plan.keel", NULL);
  assert_file_is (s.path, s.before);
  assert_no_snapshots ();
  g_assert_true (keel_document_is_dirty (s.document));

  /* Space made, the same edit commits and everything is written. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  g_assert_true (keel_project_add_evidence (s.project, evidence, &error));
  g_assert_no_error (error);
  write_back (s.document, KEEL_WRITE_BACK_DEFAULT);
  g_assert_cmpint (file_count_evidence (s.path, "ev-saved"), ==, 1);
  g_assert_cmpint (file_count_evidence (s.path, "ev-too-much"), ==, 1);
  close_project (s.document, &s.project);
}

/* The disk of the working copy is full: an edit fails cleanly. */
static void
test_disk_full_working_copy (void)
{
  if (g_test_subprocess ())
    {
      g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
      if (mount_small_tmpfs (g_get_user_data_dir (), 4 * 1024 * 1024))
        check_disk_full_edit (g_get_user_data_dir ());
      _exit (0);
    }

  run_with_tmpfs ();
}

/* A folder Keel may not write in */

/* Gives @path and everything in it to @uid (the working folders root made). */
static void
chown_tree (const char *path,
            uid_t       uid,
            gid_t       gid)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_cmpint (chown (path, uid, gid), ==, 0);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      chown_tree (child, uid, gid);
    }
}

static void
check_read_only_folder (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_auto(Session) s = { 0 };
  g_autofree char *mine_path = g_build_filename (g_get_user_data_dir (), "mine.keel", NULL);
  g_autoptr(GFile) mine = g_file_new_for_path (mine_path);

  session_init (&s, g_build_filename (dir, "plan.keel", NULL));
  session_read (&s);

  /* The file may be written, its folder may not. */
  g_assert_cmpint (access (s.path, W_OK), ==, 0);
  g_assert_cmpint (access (dir, W_OK), !=, 0);

  session_open (&s, KEEL_DOCUMENT_OPEN_DEFAULT, "ev-unsaved");
  assert_write_back_fails (s.document, KEEL_WRITE_BACK_DEFAULT, KEEL_DOCUMENT_ERROR_READ_ONLY,
                           "plan.keel", dir, g_strerror (EACCES), NULL);
  assert_untouched (&s, "ev-unsaved");

  /* Saving elsewhere keeps the edits. */
  g_assert_true (keel_document_save_as (s.document, mine, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (keel_document_is_dirty (s.document));
  g_assert_cmpint (file_count_evidence (mine_path, "ev-unsaved"), ==, 1);
  close_project (s.document, &s.project);
  assert_file_is (s.path, s.before);
}

static void
test_read_only_folder (void)
{
  g_autofree char *dir = test_folder ("locked");
  g_autofree char *path = g_build_filename (dir, "plan.keel", NULL);
  struct passwd *nobody;

  if (g_test_subprocess ())
    {
      drop_to_nobody ();
      check_read_only_folder (dir);
      _exit (0);
    }

  make_document (path);

  if (geteuid () != 0)
    {
      g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
      check_read_only_folder (dir);
      g_chmod (dir, 0755);
      return;
    }

  nobody = nobody_or_skip ();
  if (nobody == NULL)
    return;

  {
    g_autoptr(GBytes) before = read_bytes (path);
    const char *data_dir = g_get_user_data_dir ();

    /* nobody owns the document and a data folder, not the document's folder. */
    g_assert_cmpint (chown (path, nobody->pw_uid, nobody->pw_gid), ==, 0);
    g_assert_cmpint (g_chmod (path, 0644), ==, 0);
    g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
    g_assert_cmpint (g_mkdir_with_parents (data_dir, 0700), ==, 0);
    chown_tree (data_dir, nobody->pw_uid, nobody->pw_gid);
    make_reachable (data_dir);
    make_reachable (dir);

    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed ();
    assert_file_is (path, before);
  }
}

/* The document deleted or replaced while open */

static void
test_deleted_while_open (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = documents_dir ();
  g_auto(Session) s = { 0 };
  g_autoptr(GPtrArray) list = NULL;
  KeelRecoverable *entry;

  session_start (&s, document_path ("plan.keel"), "ev-unsaved");

  /* Deleted behind Keel's back: reported, not silently recreated. */
  g_assert_cmpint (g_unlink (s.path), ==, 0);
  assert_write_back_fails (s.document, KEEL_WRITE_BACK_DEFAULT, KEEL_DOCUMENT_ERROR_CHANGED_ON_DISK,
                           "plan.keel", "deleted", NULL);
  assert_folder_holds (dir, (const char *[]) { NULL });
  assert_edit_kept (&s, "ev-unsaved");

  /* Keel dies before the user decides: the edits are offered for recovery, though
   * the document is gone. */
  session_crash (&s);
  assert_open_fails (s.file, KEEL_DOCUMENT_OPEN_RECOVER, KEEL_DOCUMENT_ERROR_NOT_FOUND, NULL);
  list = keel_document_list_recoverable ();
  g_assert_cmpuint (list->len, ==, 1);
  entry = g_ptr_array_index (list, 0);
  g_assert_true (g_file_equal (entry->document, s.file));
  s.document = keel_document_open_recoverable (entry, &error);
  g_assert_no_error (error);
  s.project = load_project (s.document);
  g_assert_nonnull (keel_project_lookup_evidence (s.project, "ev-unsaved"));

  /* Still gone: still reported. "Keep mine" writes it again, whole. */
  assert_write_back_fails (s.document, KEEL_WRITE_BACK_DEFAULT, KEEL_DOCUMENT_ERROR_CHANGED_ON_DISK,
                           NULL);
  write_back (s.document, KEEL_WRITE_BACK_FORCE);
  g_assert_false (keel_document_is_dirty (s.document));
  assert_document_alone (s.path);
  g_assert_cmpint (file_count_evidence (s.path, "ev-unsaved"), ==, 1);

  /* And the next write-back compares with what was written. */
  session_finish_with_edit (&s, "ev-later");
}

/* Another file takes the document's name: another Keel project, or not a project. */
static void
test_replaced_while_open (gconstpointer data)
{
  gboolean other_project = GPOINTER_TO_INT (data);
  g_auto(Session) s = { 0 };
  g_autofree char *other_path = test_folder ("other");
  g_autofree char *theirs_path = g_build_filename (other_path, "theirs.keel", NULL);
  struct timeval times[2] = { { 1000000000, 0 }, { 1000000000, 0 } };

  session_start (&s, document_path ("plan.keel"), "ev-mine");

  if (other_project)
    make_document (theirs_path);
  else
    g_assert_true (g_file_set_contents (theirs_path, "Not a project at all\n", -1, NULL));
  /* A sync client that keeps the other file's (older) time. */
  g_assert_cmpint (utimes (theirs_path, times), ==, 0);
  g_assert_cmpint (g_rename (theirs_path, s.path), ==, 0);
  session_read (&s);

  assert_write_back_fails (s.document, KEEL_WRITE_BACK_DEFAULT, KEEL_DOCUMENT_ERROR_CHANGED_ON_DISK,
                           "plan.keel", NULL);
  assert_untouched (&s, "ev-mine");

  /* Asking again does not wear the check down. */
  assert_write_back_fails (s.document, KEEL_WRITE_BACK_DEFAULT, KEEL_DOCUMENT_ERROR_CHANGED_ON_DISK,
                           NULL);
  assert_file_is (s.path, s.before);

  /* "Keep mine". */
  write_back (s.document, KEEL_WRITE_BACK_FORCE);
  g_assert_cmpint (file_count_evidence (s.path, "ev-mine"), ==, 1);
  session_finish (&s);
}

/* Killed between the rename of a write-back and the recording of what was written */

/* In a subprocess: opens @path, commits "ev-saved" and writes it back, commits
 * "ev-killed" and dies by SIGKILL the instant its write-back has replaced the
 * document. */
static void G_GNUC_NORETURN
write_back_and_die (const char *path)
{
  g_auto(Session) s = { 0 };

  session_init (&s, g_strdup (path));
  session_open (&s, KEEL_DOCUMENT_OPEN_DEFAULT, "ev-saved");
  write_back (s.document, KEEL_WRITE_BACK_DEFAULT);
  add_evidence (s.project, "ev-killed");

  kill_after_rename_to = realpath (path, NULL);
  g_assert_nonnull (kill_after_rename_to);
  keel_document_write_back (s.document, KEEL_WRITE_BACK_DEFAULT, NULL, NULL);
  /* Not reached. */
  _exit (0);
}

/* Makes the document @path (taken) for @s and runs write_back_and_die() on it in a
 * subprocess: the rename happened, the document is the new one, whole. */
static void
session_after_kill (Session *s,
                    char    *path)
{
  if (g_test_subprocess ())
    write_back_and_die (path);

  session_init (s, path);
  make_document (s->path);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();
  g_assert_cmpint (file_count_evidence (s->path, "ev-killed"), ==, 1);
}

/* The recovered session does not take its own write-back for someone else's. */
static void
test_killed_after_rename (void)
{
  g_auto(Session) s = { 0 };

  session_after_kill (&s, document_path ("plan.keel"));

  assert_open_fails (s.file, KEEL_DOCUMENT_OPEN_DEFAULT, KEEL_DOCUMENT_ERROR_RECOVERABLE, NULL);
  session_open (&s, KEEL_DOCUMENT_OPEN_RECOVER, NULL);
  g_assert_true (keel_document_was_recovered (s.document));
  g_assert_nonnull (keel_project_lookup_evidence (s.project, "ev-killed"));
  add_evidence (s.project, "ev-recovered");

  /* The document is what the killed session wrote: no "changed by another program". */
  write_back (s.document, KEEL_WRITE_BACK_DEFAULT);
  g_assert_false (keel_document_is_dirty (s.document));
  g_assert_cmpint (file_count_evidence (s.path, "ev-recovered"), ==, 1);

  /* Later write-backs compare with what this session wrote. */
  session_finish_with_edit (&s, "ev-after");
}

/* The same kill, then another program replaces the document before the recovery:
 * that is still a change on disk. */
static void
test_killed_after_rename_then_replaced (void)
{
  g_auto(Session) s = { 0 };
  g_autofree char *other_dir = test_folder ("other");
  g_autofree char *theirs_path = g_build_filename (other_dir, "theirs.keel", NULL);

  session_after_kill (&s, document_path ("plan.keel"));

  make_document (theirs_path);
  g_assert_cmpint (g_rename (theirs_path, s.path), ==, 0);
  session_read (&s);

  session_open (&s, KEEL_DOCUMENT_OPEN_RECOVER, NULL);
  g_assert_nonnull (keel_project_lookup_evidence (s.project, "ev-killed"));
  assert_write_back_fails (s.document, KEEL_WRITE_BACK_DEFAULT, KEEL_DOCUMENT_ERROR_CHANGED_ON_DISK,
                           NULL);
  assert_file_is (s.path, s.before);
  g_assert_true (keel_document_is_dirty (s.document));
  close_project (s.document, &s.project);
}

/* Adds @test as @prefix/<kind> for each kind of SQLite fault. */
static void
add_fault_tests (const char    *prefix,
                 GTestDataFunc  test)
{
  for (guint i = 0; i < G_N_ELEMENTS (fault_kinds); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s", prefix, fault_kinds[i].name);

      g_test_add_data_func (path, &fault_kinds[i], test);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  keel_fault_vfs_install ();

  add_fault_tests ("/keel/faults/edit", test_edit_fault);
  add_fault_tests ("/keel/faults/write-back", test_write_back_fault);
  g_test_add_func ("/keel/faults/write-back/sync-rename", test_write_back_sync_rename);
  g_test_add_func ("/keel/faults/disk-full/document", test_disk_full_document);
  g_test_add_func ("/keel/faults/disk-full/working-copy", test_disk_full_working_copy);
  g_test_add_func ("/keel/faults/read-only-folder", test_read_only_folder);
  g_test_add_func ("/keel/faults/deleted-while-open", test_deleted_while_open);
  g_test_add_data_func ("/keel/faults/replaced-while-open/project", GINT_TO_POINTER (TRUE),
                        test_replaced_while_open);
  g_test_add_data_func ("/keel/faults/replaced-while-open/other-file", GINT_TO_POINTER (FALSE),
                        test_replaced_while_open);
  g_test_add_func ("/keel/faults/killed-after-rename", test_killed_after_rename);
  g_test_add_func ("/keel/faults/killed-after-rename-then-replaced",
                   test_killed_after_rename_then_replaced);

  return g_test_run ();
}
