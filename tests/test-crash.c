/* test-crash.c: a Keel session killed at a random moment loses nothing it committed
 * and never leaves a damaged document.
 *
 * The parent forks children that open one .keel document, commit a stream of new
 * evidence (writing the id of each committed edit to a pipe) and write back every
 * WRITE_BACK_EVERY edits (writing "W <n>" once the write-back returned). The parent
 * SIGKILLs each child after a random delay (seeded g_rand, 1–30 ms), then checks:
 *
 *   - the document file itself is a valid Keel project (opens READ_ONLY, PRAGMA
 *     integrity_check is "ok") holding every edit of the last reported write-back;
 *   - reopening with KEEL_DOCUMENT_OPEN_RECOVER gives every edit the child reported
 *     committed, and at most the one edit it was killed before reporting.
 *
 * Children are forked, so they share the isolated XDG folders of the parent (the same
 * document, the same working copies). The number of kills is KEEL_CRASH_KILLS (60 by
 * default); a long run: KEEL_CRASH_KILLS=500 meson test -C _build crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "keel-test-document.h"

#define DEFAULT_KILLS     60
#define WRITE_BACK_EVERY  2
#define MAX_EDITS         100000

static char *
crash_document_path (void)
{
  g_autofree char *dir = test_folder ("crash");

  return g_build_filename (dir, "crash.keel", NULL);
}

static char *
evidence_id (guint round,
             guint n)
{
  return g_strdup_printf ("ev-%u-%u", round, n);
}

static void
write_all (int         fd,
           const char *text)
{
  gsize len = strlen (text);

  while (len > 0)
    {
      ssize_t n = write (fd, text, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        _exit (3);
      text += n;
      len -= (gsize) n;
    }
}

/* The child: never returns. Any failure exits with a status the parent reports. */
static void G_GNUC_NORETURN
run_child (const char *path,
           guint       round,
           int         fd)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelProject) project = NULL;

  /* A previous round always ends with the recovery written back, so there is nothing
   * to recover here; RECOVER only makes a leftover harmless. */
  document = keel_document_open (file, KEEL_DOCUMENT_OPEN_RECOVER, NULL, &error);
  if (document == NULL)
    {
      g_printerr ("child: open: %s\n", error->message);
      _exit (4);
    }
  project = keel_project_load (document, &error);
  if (project == NULL)
    {
      g_printerr ("child: load: %s\n", error->message);
      _exit (5);
    }
  write_all (fd, "R\n");

  for (guint n = 0; n < MAX_EDITS; n++)
    {
      g_autofree char *id = evidence_id (round, n);
      g_autofree char *line = NULL;
      g_autoptr(KeelEvidence) evidence = keel_evidence_new (id);

      g_free (evidence->summary);
      evidence->summary = g_strdup_printf ("Crash round %u, edit %u", round, n);
      g_free (evidence->date);
      evidence->date = g_strdup ("2026-11-21");
      evidence->kind = KEEL_EVIDENCE_KIND_USAGE;
      if (!keel_project_add_evidence (project, evidence, &error))
        {
          g_printerr ("child: add %s: %s\n", id, error->message);
          _exit (6);
        }
      line = g_strdup_printf ("%u\n", n);
      write_all (fd, line);

      if ((n + 1) % WRITE_BACK_EVERY == 0)
        {
          g_autofree char *done = NULL;

          if (!keel_document_write_back (document, KEEL_WRITE_BACK_DEFAULT, NULL, &error))
            {
              g_printerr ("child: write-back: %s\n", error->message);
              _exit (7);
            }
          done = g_strdup_printf ("W %u\n", n + 1);
          write_all (fd, done);
        }
    }
  _exit (0);
}

/* Reads one line (without its newline) or NULL at end of file. */
static char *
read_line (int fd)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (;;)
    {
      char c;
      ssize_t n = read (fd, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (n, >=, 0);
      if (n == 0)
        return line->len > 0 ? g_string_free (g_steal_pointer (&line), FALSE) : NULL;
      if (c == '\n')
        return g_string_free (g_steal_pointer (&line), FALSE);
      g_string_append_c (line, c);
    }
}

/* How many edits of @round @project holds, asserting they are ev-<round>-0 … in
 * order with no gap. */
static guint
count_round (KeelProject *project,
             guint        round)
{
  guint count = 0;

  for (;;)
    {
      g_autofree char *id = evidence_id (round, count);

      if (keel_project_lookup_evidence (project, id) == NULL)
        break;
      count++;
    }
  /* No later edit of the round without the ones before it. */
  for (guint n = count + 1; n < count + WRITE_BACK_EVERY + 2; n++)
    {
      g_autofree char *id = evidence_id (round, n);

      g_assert_null (keel_project_lookup_evidence (project, id));
    }
  return count;
}

static guint
kill_count (void)
{
  const char *env = g_getenv ("KEEL_CRASH_KILLS");
  guint64 kills = DEFAULT_KILLS;

  if (env != NULL && *env != '\0')
    g_assert_true (g_ascii_string_to_unsigned (env, 10, 1, 100000, &kills, NULL));
  return (guint) kills;
}

static void
test_crash_kill (void)
{
  g_autofree char *path = crash_document_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (0x4B45454C);
  guint kills = kill_count ();
  guint64 total_committed = 0;
  guint with_edits = 0, in_write_back = 0, during_open = 0, after_write_back = 0;
  guint64 expected_total = 0;

  /* The document every child starts from. */
  {
    g_autoptr(KeelDocument) document = keel_document_create (file, &error);
    g_autoptr(KeelProject) project = NULL;

    g_assert_no_error (error);
    project = load_project (document);
    write_back (document, KEEL_WRITE_BACK_DEFAULT);
    keel_document_close (document);
  }

  for (guint round = 0; round < kills; round++)
    {
      int fds[2];
      pid_t pid;
      int status = 0;
      guint delay_us = (guint) g_rand_int_range (rand, 1000, 30001);
      /* One kill in four may land while the child is still opening and loading; one in
       * four lands after the first edit at the earliest, whatever the machine's speed
       * (valgrind, sanitizers), so that some kills always land among edits. */
      gboolean wait_ready = (round % 4) != 3;
      gboolean wait_first_edit = (round % 4) == 1;
      guint committed = 0, written_back = 0;
      gboolean saw_ready = FALSE;
      guint in_document;
      char *line;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          run_child (path, round, fds[1]);
        }
      close (fds[1]);

      if (wait_ready)
        {
          g_autofree char *ready = read_line (fds[0]);

          /* NULL: the child died before it was ready, which waitpid reports. */
          saw_ready = g_strcmp0 (ready, "R") == 0;
        }
      if (saw_ready && wait_first_edit)
        {
          g_autofree char *first = read_line (fds[0]);

          if (g_strcmp0 (first, "0") == 0)
            committed = 1;
        }
      g_usleep (delay_us);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      while (waitpid (pid, &status, 0) < 0)
        g_assert_cmpint (errno, ==, EINTR);
      if (!(WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL))
        g_error ("round %u: the child did not die by SIGKILL (status %d)", round, status);

      while ((line = read_line (fds[0])) != NULL)
        {
          if (g_str_equal (line, "R"))
            saw_ready = TRUE;
          else if (g_str_has_prefix (line, "W "))
            written_back = (guint) g_ascii_strtoull (line + 2, NULL, 10);
          else
            {
              guint n = (guint) g_ascii_strtoull (line, NULL, 10);

              g_assert_cmpuint (n, ==, committed);
              committed = n + 1;
            }
          g_free (line);
        }
      close (fds[0]);
      if (!saw_ready)
        during_open++;
      if (committed > 0)
        with_edits++;
      if (committed > written_back && committed % WRITE_BACK_EVERY == 0)
        in_write_back++;
      if (written_back > 0)
        after_write_back++;

      /* The document on its own: valid, and holding the last write-back. */
      assert_file_integrity_ok (path);
      in_document = 0;
      {
        g_autoptr(KeelDocument) document = NULL;
        g_autoptr(KeelProject) project = open_project (file, KEEL_DOCUMENT_OPEN_READ_ONLY,
                                                       &document);

        in_document = count_round (project, round);
        g_assert_cmpuint (in_document, >=, written_back);
        /* A write-back is of the whole working copy, so never beyond what committed
         * (plus the edit the child may have committed without reporting it). */
        g_assert_cmpuint (in_document, <=, committed + 1);
        keel_document_close (document);
      }

      /* The working copy: every reported edit, at most one more. */
      {
        g_autoptr(KeelDocument) document = NULL;
        g_autoptr(KeelProject) project = open_project (file, KEEL_DOCUMENT_OPEN_RECOVER, &document);
        guint recovered;
        gboolean written;

        recovered = count_round (project, round);
        g_assert_cmpuint (recovered, >=, committed);
        g_assert_cmpuint (recovered, <=, committed + 1);
        expected_total += recovered;
        g_assert_cmpuint (g_list_model_get_n_items (keel_project_get_evidence (project)), ==,
                          expected_total);

        /* Start the next round from a document that holds everything. The document
         * was written by Keel alone, so it must not look changed behind Keel's back —
         * not even after a kill between the write-back's rename and the working copy
         * recording the new fingerprint (the fingerprint is recorded as pending before
         * the rename). */
        written = keel_document_write_back (document, KEEL_WRITE_BACK_DEFAULT, NULL, &error);
        g_assert_no_error (error);
        g_assert_true (written);
        keel_document_close (document);
      }
      total_committed += committed;
    }

  g_test_message ("%u kills: %u after edits, %u after a write-back, %u in a write-back "
                  "window, %u during open; %" G_GUINT64_FORMAT " reported edits, all recovered; "
                  "no false changed-on-disk",
                  kills, with_edits, after_write_back, in_write_back, during_open,
                  total_committed);
  /* Without kills that land among edits the test would prove nothing. */
  g_assert_cmpuint (with_edits, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/keel/crash/kill", test_crash_kill);

  return g_test_run ();
}
