/* test-cli-project.c: `keel-cli new`, `import` and `export` run as a user runs them —
 * exit statuses, messages on stderr, files never overwritten, nothing created on
 * refusal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "keel-test-cli.h"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("keel-test-cli-project-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cli_remove_dir (f->dir);
  g_free (f->dir);
}

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static gboolean
exists_in (Fixture    *f,
           const char *name)
{
  g_autofree char *path = path_in (f, name);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static char *
read_in (Fixture    *f,
         const char *name,
         gsize      *out_length)
{
  g_autofree char *path = path_in (f, name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, out_length, &error);
  g_assert_no_error (error);
  return contents;
}

static void
write_in (Fixture    *f,
          const char *name,
          const char *contents)
{
  g_autofree char *path = path_in (f, name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static char *
rich_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "json", "rich.json", NULL);
}

/* Only the given files are in the folder: no working copies, journals or temporaries
 * left beside the documents. */
static void
assert_only (Fixture            *f,
             const char * const *names)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_true (g_strv_contains (names, name));
      n++;
    }
  g_assert_cmpuint (n, ==, g_strv_length ((char **) names));
}

/* ---- new ---- */

static void
test_new (Fixture       *f,
          gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) export = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length = 0, after_length = 0;
  static const char * const only_project[] = { "plan.keel", NULL };

  run_cli (&run, f->dir, "new", "plan.keel", "--name", "Acme Notes", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (exists_in (f, "plan.keel"));
  assert_only (f, only_project);

  /* The default settings and the three required data signals. */
  run_cli (&export, f->dir, "export", "plan.keel", NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_nonnull (strstr (export.out, "\"name\": \"Acme Notes\",\n"));
  g_assert_nonnull (strstr (export.out, "\"pmf_threshold\": 0.4,\n"));
  g_assert_nonnull (strstr (export.out, "\"id\": \"sig-ret\",\n      \"kind\": \"retention_plateau\""));
  g_assert_nonnull (strstr (export.out, "\"id\": \"sig-org\",\n      \"kind\": \"organic_growth\""));
  g_assert_nonnull (strstr (export.out, "\"id\": \"sig-se\",\n      \"kind\": \"sean_ellis\""));
  g_assert_null (strstr (export.out, "\"required\": false"));
  g_assert_nonnull (strstr (export.out, "\"items\": [],\n"));

  /* Never overwrites: exit 2, the file as it was. */
  before = read_in (f, "plan.keel", &before_length);
  cli_run_clear (&run);
  run_cli (&run, f->dir, "new", "plan.keel", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "keel-cli: plan.keel: "));
  g_assert_nonnull (strstr (run.err, "already exists"));
  after = read_in (f, "plan.keel", &after_length);
  g_assert_cmpmem (before, before_length, after, after_length);
}

/* Without --name, the project is named after its file. */
static void
test_new_default_name (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) export = { 0 };

  run_cli (&run, f->dir, "new", "roadmap-2027.keel", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_cli (&export, f->dir, "export", "roadmap-2027.keel", NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_nonnull (strstr (export.out, "\"name\": \"roadmap-2027\",\n"));
}

static void
test_new_usage (Fixture       *f,
                gconstpointer  data)
{
  static const char * const nothing[] = { NULL };
  g_auto(CliRun) help = { 0 };
  g_auto(CliRun) none = { 0 };
  g_auto(CliRun) extra = { 0 };
  g_auto(CliRun) bogus = { 0 };
  g_auto(CliRun) dir = { 0 };

  run_cli (&help, f->dir, "new", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "PROJECT.keel"));
  g_assert_nonnull (strstr (help.out, "--name"));

  run_cli (&none, f->dir, "new", NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_true (g_str_has_prefix (none.err, "keel-cli new: "));

  run_cli (&extra, f->dir, "new", "a.keel", "b.keel", NULL);
  g_assert_cmpint (extra.status, ==, 2);

  run_cli (&bogus, f->dir, "new", "a.keel", "--colour", NULL);
  g_assert_cmpint (bogus.status, ==, 2);
  g_assert_nonnull (strstr (bogus.err, "--colour"));

  /* A folder that does not exist: the reason, naming the file. */
  run_cli (&dir, f->dir, "new", "missing/a.keel", NULL);
  g_assert_cmpint (dir.status, ==, 2);
  g_assert_true (g_str_has_prefix (dir.err, "keel-cli: missing/a.keel: "));

  assert_only (f, nothing);
}

/* ---- import and export ---- */

static void
test_import_export (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *rich = rich_path ();
  g_autofree char *expected = NULL;
  g_autofree char *written = NULL;
  g_auto(CliRun) import = { 0 };
  g_auto(CliRun) to_stdout = { 0 };
  g_auto(CliRun) to_file = { 0 };
  g_auto(CliRun) again = { 0 };
  static const char * const files[] = { "rich.keel", "out.json", NULL };

  g_file_get_contents (rich, &expected, NULL, NULL);
  g_assert_nonnull (expected);

  run_cli (&import, f->dir, "import", rich, "rich.keel", NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_cmpstr (import.err, ==, "");
  g_assert_cmpstr (import.out, ==, "");

  /* To stdout and to a file: the same bytes, those of the file imported. */
  run_cli (&to_stdout, f->dir, "export", "rich.keel", NULL);
  g_assert_cmpint (to_stdout.status, ==, 0);
  g_assert_cmpstr (to_stdout.err, ==, "");
  g_assert_cmpstr (to_stdout.out, ==, expected);

  run_cli (&to_file, f->dir, "export", "rich.keel", "out.json", NULL);
  g_assert_cmpint (to_file.status, ==, 0);
  g_assert_cmpstr (to_file.out, ==, "");
  written = read_in (f, "out.json", NULL);
  g_assert_cmpstr (written, ==, to_stdout.out);

  /* Export only reads: no side files, and again the same bytes. */
  assert_only (f, files);
  run_cli (&again, f->dir, "export", "rich.keel", NULL);
  g_assert_cmpstr (again.out, ==, expected);
}

static void
test_import_refused (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const only_input[] = { "bad.json", NULL };
  g_auto(CliRun) typed = { 0 };
  g_auto(CliRun) syntax = { 0 };
  g_auto(CliRun) late = { 0 };

  write_in (f, "bad.json",
            "{\"format\": \"keel-project\", \"version\": 1, \"name\": \"T\", \"items\": ["
            "{\"id\": \"it-1\", \"title\": \"A\", \"dimension\": \"product\", \"kind\": \"feature\","
            " \"horizon\": \"soon\", \"status\": \"idea\"}]}");
  run_cli (&typed, f->dir, "import", "bad.json", "out.keel", NULL);
  g_assert_cmpint (typed.status, ==, 2);
  g_assert_cmpstr (typed.err, ==,
                   "keel-cli: bad.json: items[0].horizon: “soon” is not a horizon (now, next, later)\n");
  assert_only (f, only_input);

  write_in (f, "bad.json", "{\n  \"format\": \"keel-project\",\n  \"version\": 0x1\n}");
  run_cli (&syntax, f->dir, "import", "bad.json", "out.keel", NULL);
  g_assert_cmpint (syntax.status, ==, 2);
  g_assert_true (g_str_has_prefix (syntax.err, "keel-cli: bad.json: line 3, column 14: "));
  assert_only (f, only_input);

  /* Refused only when the project checks a value (a blank title): still nothing. */
  write_in (f, "bad.json",
            "{\"format\": \"keel-project\", \"version\": 1, \"name\": \"T\", \"items\": ["
            "{\"id\": \"it-1\", \"title\": \" \", \"dimension\": \"product\", \"kind\": \"feature\","
            " \"horizon\": \"now\", \"status\": \"idea\"}]}");
  run_cli (&late, f->dir, "import", "bad.json", "out.keel", NULL);
  g_assert_cmpint (late.status, ==, 2);
  g_assert_true (g_str_has_prefix (late.err, "keel-cli: bad.json: items[0]: "));
  assert_only (f, only_input);
}

static void
test_import_refuses_overwrite (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *rich = rich_path ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length = 0, after_length = 0;
  g_auto(CliRun) created = { 0 };
  g_auto(CliRun) refused = { 0 };
  g_auto(CliRun) other = { 0 };

  run_cli (&created, f->dir, "new", "plan.keel", NULL);
  g_assert_cmpint (created.status, ==, 0);
  before = read_in (f, "plan.keel", &before_length);

  run_cli (&refused, f->dir, "import", rich, "plan.keel", NULL);
  g_assert_cmpint (refused.status, ==, 2);
  g_assert_true (g_str_has_prefix (refused.err, "keel-cli: plan.keel: "));
  after = read_in (f, "plan.keel", &after_length);
  g_assert_cmpmem (before, before_length, after, after_length);

  /* Nor any other existing file. */
  write_in (f, "notes.txt", "mine");
  run_cli (&other, f->dir, "import", rich, "notes.txt", NULL);
  g_assert_cmpint (other.status, ==, 2);
  g_free (after);
  after = read_in (f, "notes.txt", NULL);
  g_assert_cmpstr (after, ==, "mine");
}

static void
test_import_usage (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(CliRun) help = { 0 };
  g_auto(CliRun) one = { 0 };
  g_auto(CliRun) missing = { 0 };
  static const char * const nothing[] = { NULL };

  run_cli (&help, f->dir, "import", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "INPUT.json PROJECT.keel"));

  run_cli (&one, f->dir, "import", "in.json", NULL);
  g_assert_cmpint (one.status, ==, 2);
  g_assert_true (g_str_has_prefix (one.err, "keel-cli import: "));

  run_cli (&missing, f->dir, "import", "in.json", "out.keel", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_true (g_str_has_prefix (missing.err, "keel-cli: in.json: "));
  assert_only (f, nothing);
}

static void
test_export_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(CliRun) help = { 0 };
  g_auto(CliRun) none = { 0 };
  g_auto(CliRun) missing = { 0 };
  g_auto(CliRun) not_keel = { 0 };
  g_auto(CliRun) created = { 0 };
  g_auto(CliRun) bad_output = { 0 };
  g_auto(CliRun) onto_itself = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length = 0, after_length = 0;

  run_cli (&help, f->dir, "export", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "PROJECT.keel [OUTPUT.json]"));

  run_cli (&none, f->dir, "export", NULL);
  g_assert_cmpint (none.status, ==, 2);

  run_cli (&missing, f->dir, "export", "nowhere.keel", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_true (g_str_has_prefix (missing.err, "keel-cli: nowhere.keel: "));
  g_assert_cmpstr (missing.out, ==, "");

  write_in (f, "text.keel", "this is not a database, but long enough to look like one maybe");
  run_cli (&not_keel, f->dir, "export", "text.keel", NULL);
  g_assert_cmpint (not_keel.status, ==, 2);
  g_assert_true (g_str_has_prefix (not_keel.err, "keel-cli: text.keel: "));
  g_assert_cmpstr (not_keel.out, ==, "");

  /* An output that cannot be written names the output. */
  run_cli (&created, f->dir, "new", "plan.keel", NULL);
  g_assert_cmpint (created.status, ==, 0);
  run_cli (&bad_output, f->dir, "export", "plan.keel", "missing/out.json", NULL);
  g_assert_cmpint (bad_output.status, ==, 2);
  g_assert_true (g_str_has_prefix (bad_output.err, "keel-cli: missing/out.json: "));

  /* Never over the project itself. */
  before = read_in (f, "plan.keel", &before_length);
  run_cli (&onto_itself, f->dir, "export", "plan.keel", "./plan.keel", NULL);
  g_assert_cmpint (onto_itself.status, ==, 2);
  g_assert_true (g_str_has_prefix (onto_itself.err, "keel-cli: ./plan.keel: "));
  after = read_in (f, "plan.keel", &after_length);
  g_assert_cmpmem (before, before_length, after, after_length);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/keel/cli/project/new", Fixture, NULL, fixture_setup, test_new,
              fixture_teardown);
  g_test_add ("/keel/cli/project/new-default-name", Fixture, NULL, fixture_setup,
              test_new_default_name, fixture_teardown);
  g_test_add ("/keel/cli/project/new-usage", Fixture, NULL, fixture_setup, test_new_usage,
              fixture_teardown);
  g_test_add ("/keel/cli/project/import-export", Fixture, NULL, fixture_setup,
              test_import_export, fixture_teardown);
  g_test_add ("/keel/cli/project/import-refused", Fixture, NULL, fixture_setup,
              test_import_refused, fixture_teardown);
  g_test_add ("/keel/cli/project/import-refuses-overwrite", Fixture, NULL, fixture_setup,
              test_import_refuses_overwrite, fixture_teardown);
  g_test_add ("/keel/cli/project/import-usage", Fixture, NULL, fixture_setup,
              test_import_usage, fixture_teardown);
  g_test_add ("/keel/cli/project/export-errors", Fixture, NULL, fixture_setup,
              test_export_errors, fixture_teardown);

  return g_test_run ();
}
