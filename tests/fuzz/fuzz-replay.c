/* fuzz-replay.c: runs a libFuzzer target over saved inputs, as a normal test.
 *
 * Linked with one tests/fuzz/fuzz-<target>.c instead of libFuzzer, it feeds every file
 * of the folders it is given to LLVMFuzzerTestOneInput and prints TAP. So the seed
 * corpus, and every input that once crashed a target (saved in
 * tests/fuzz/corpus/<target>/ as the regression test of its fix), run in the ordinary
 * suite with gcc, without clang or a fuzzing build.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "fuzz-common.h"

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  g_remove (path);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *scratch = NULL;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FOLDER…\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, &error);
      const char *name;

      if (dir == NULL)
        {
          printf ("Bail out! %s\n", error->message);
          return 1;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (inputs, g_build_filename (argv[i], name, NULL));
    }
  g_ptr_array_sort (inputs, compare_paths);

  /* The target's set-up points the XDG folders into a new temporary folder; what it
   * writes there (working copies) is removed at the end. */
  LLVMFuzzerInitialize (&argc, &argv);
  scratch = g_path_get_dirname (g_getenv ("XDG_DATA_HOME"));

  printf ("1..%u\n", inputs->len);
  for (guint i = 0; i < inputs->len; i++)
    {
      const char *path = g_ptr_array_index (inputs, i);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          printf ("not ok %u - %s\n", i + 1, error->message);
          g_clear_error (&error);
          continue;
        }
      /* A crash or a failed assertion ends the program, and the test fails. */
      LLVMFuzzerTestOneInput ((const guint8 *) contents, length);
      printf ("ok %u - %s\n", i + 1, path);
      fflush (stdout);
    }

  remove_tree (scratch);
  return 0;
}
