/* test-readonly.c: a project file Keel may not write opens read-only — the notice says
 * so, edits are refused and the editing controls wait.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-readonly"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <linux/fs.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "keel-gui-test.h"
#include "keel-signal-detail.h"
#include "keel-window-private.h"

/* chmod does not stop root: as root the file is made immutable (FS_IMMUTABLE_FL, what
 * `chattr +i` sets), which access(2), and so GIO's access::can-write, reports as not
 * writable. Returns FALSE where neither works. */
static gboolean
set_file_writable (const char *path,
                   gboolean    writable)
{
  int fd;
  int flags = 0;
  gboolean ok;

  if (geteuid () != 0)
    return g_chmod (path, writable ? 0644 : 0444) == 0;

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  ok = ioctl (fd, FS_IOC_GETFLAGS, &flags) == 0;
  if (ok)
    {
      flags = writable ? (flags & ~FS_IMMUTABLE_FL) : (flags | FS_IMMUTABLE_FL);
      ok = ioctl (fd, FS_IOC_SETFLAGS, &flags) == 0;
    }
  close (fd);
  return ok;
}

/* XDG_DATA_DIRS before the tests isolated it: the subprocess finds the MIME database
 * and the icons through it, as the test program itself does at start. */
static char *system_data_dirs;

static gboolean
has_project (gpointer data)
{
  return keel_window_get_project (data) != NULL;
}

/* The project file: in the isolated home folder, which the subprocess shares. */
static char *
project_path (void)
{
  return g_build_filename (g_get_home_dir (), "board-meeting.keel", NULL);
}

/* The "Import CSV…" button: the button whose child is an AdwButtonContent. */
static gboolean
is_import_button (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_BUTTON (widget) && ADW_IS_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (widget)));
}

/* Runs in a subprocess, so that a failure still lets the parent make the file
 * writable again (an immutable file cannot even be removed). */
static void
check_read_only_window (void)
{
  KeelApplication *app = keel_gui_test_get_app ();
  g_autofree char *path = project_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  KeelWindow *window;
  KeelProject *project;
  KeelSignalDetail *detail;
  AdwComboRow *row;
  GtkWidget *import_button;

  g_assert_cmpint (access (path, W_OK), !=, 0);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  before = g_bytes_new_take (g_steal_pointer (&contents), length);

  window = keel_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  keel_window_open_file (window, file);
  g_assert_true (keel_gui_test_wait_for (has_project, window));
  keel_gui_test_iterate ();
  project = keel_window_get_project (window);

  /* The notice is shown, naming the project, with a way out. */
  g_assert_cmpint (keel_window_get_save_state (window), ==, KEEL_SAVE_STATE_READ_ONLY);
  g_assert_true (keel_document_is_read_only (keel_window_get_document (window)));
  g_assert_true (gtk_revealer_get_reveal_child (window->notice_revealer));
  g_assert_nonnull (strstr (gtk_label_get_label (window->notice_label), "Board Meeting"));
  g_assert_nonnull (strstr (gtk_label_get_label (window->notice_label), "read-only"));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (window->notice_button)), ==,
                   "win.save-copy");

  /* Edits are refused by the project... */
  g_assert_false (keel_project_set_name (project, "Changed", &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpstr (keel_project_get_name (project), ==, "Board Meeting");

  /* ...and the controls that edit wait: the import, the channel classes. */
  detail = keel_gui_test_show_signal (window, "sig-org");
  row = keel_signal_detail_get_channel_row (detail, "organic");
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (row)));
  import_button = keel_gui_test_find_widget (GTK_WIDGET (detail), is_import_button, NULL);
  g_assert_nonnull (import_button);
  g_assert_false (gtk_widget_get_sensitive (import_button));

  /* Nothing is written to the file, not even on close. */
  keel_gui_test_close_all ();
  keel_gui_test_iterate ();
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  after = g_bytes_new_take (g_steal_pointer (&contents), length);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_read_only_file (void)
{
  g_autofree char *path = project_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      check_read_only_window ();
      /* Leaving through g_test_run() would remove the isolated folders it shares with
       * the parent. */
      _exit (0);
    }

  /* A project with data, written once and closed. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_home_dir (), 0700), ==, 0);
  {
    g_autoptr(KeelDocument) document = keel_document_create (file, &error);
    g_autoptr(KeelProject) created = NULL;
    KeelImport *import;

    g_assert_no_error (error);
    created = keel_project_load (document, &error);
    g_assert_no_error (error);
    g_assert_true (keel_project_set_name (created, "Board Meeting", &error));
    g_assert_true (keel_project_add_default_signals (created, &error));
    import = keel_project_begin_import (created, KEEL_DATASET_ACQUISITION, FALSE, "acq.csv", &error);
    g_assert_nonnull (import);
    g_assert_true (keel_import_add_acquisition (import, "2026-09", "organic", 40, &error));
    g_assert_true (keel_import_add_acquisition (import, "2026-09", "ads", 20, &error));
    g_assert_true (keel_project_commit_import (created, import, &error));
    g_assert_no_error (error);
    keel_document_write_back (document, KEEL_WRITE_BACK_DEFAULT, NULL, &error);
    g_assert_no_error (error);
    g_clear_object (&created);
    keel_document_close (document);
  }

  if (!set_file_writable (path, FALSE))
    {
      g_test_skip ("the file cannot be made unwritable here (no FS_IMMUTABLE_FL support)");
      g_unlink (path);
      return;
    }

  if (system_data_dirs != NULL)
    g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);
  else
    g_unsetenv ("XDG_DATA_DIRS");
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_assert_true (set_file_writable (path, TRUE));
  g_test_trap_assert_passed ();
  g_assert_cmpint (g_unlink (path), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));
  keel_gui_test_init (&argc, &argv);

  g_test_add_func ("/keel/gui/readonly/read-only-file", test_read_only_file);

  status = g_test_run ();
  g_free (system_data_dirs);
  return status;
}
