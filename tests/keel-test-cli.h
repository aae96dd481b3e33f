/* keel-test-cli.h: helpers shared by the tests that run keel-cli as a user runs it
 * (test-cli-data.c, test-cli-project.c, test-cli-check.c) — spawning keel-cli with the
 * test's isolated folders, and removing a test's temporary folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

/* What one run of keel-cli did. */
typedef struct {
  int   status;
  char *out;
  char *err;
} CliRun;

G_GNUC_UNUSED static void
cli_run_clear (CliRun *run)
{
  g_free (run->out);
  g_free (run->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

/* Runs keel-cli (KEEL_CLI) in @dir with the NULL-terminated arguments, in the C
 * locale; asserts that it exited rather than crashed. */
G_GNUC_UNUSED static void
run_cli (CliRun     *run,
         const char *dir,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("KEEL_CLI");
  g_auto(GStrv) env = NULL;
  const char *arg;
  int wait_status = 0;
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (char *) cli);
  va_start (ap, dir);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  /* G_TEST_OPTION_ISOLATE_DIRS points the environment at /dev/null and only this
   * process at the test's own folders: hand those to keel-cli, whose working copies
   * then land in the test's data folder. */
  env = g_get_environ ();
  env = g_environ_setenv (env, "HOME", g_get_home_dir (), TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  env = g_environ_setenv (env, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  env = g_environ_setenv (env, "XDG_STATE_HOME", g_get_user_state_dir (), TRUE);
  env = g_environ_setenv (env, "XDG_RUNTIME_DIR", g_get_user_runtime_dir (), TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);

  memset (run, 0, sizeof *run);
  g_assert_true (g_spawn_sync (dir, (char **) args->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  if (run->err[0] != '\0')
    g_test_message ("stderr: %s", run->err);
}

/* Removes the files in the temporary folder @dir, then @dir. */
G_GNUC_UNUSED static void
cli_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}
