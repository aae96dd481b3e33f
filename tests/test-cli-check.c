/* test-cli-check.c: `keel-cli check` as a user or a CI job runs it — exit status 0, 1
 * and 2, the JSON shape, the compiler-like text, and the file left untouched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "keel-document.h"
#include "keel-json.h"
#include "keel-test-cli.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("keel-cli-check-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  cli_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* Runs keel-cli with @args (NULL-terminated after "check"), returns its exit status. */
static int
run_check (char       **out_stdout,
           char       **out_stderr,
           const char  *first,
           ...)
{
  const char *cli = g_getenv ("KEEL_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "check");
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out_stdout, out_stderr, &wait_status, &error));
  g_assert_no_error (error);

  if (g_spawn_check_wait_status (wait_status, &error))
    return 0;
  g_assert_true (g_error_matches (error, G_SPAWN_EXIT_ERROR, error->code));
  return error->code;
}

/* Creates DIR/NAME.keel from tests/data/projects/NAME.json, or from @json. */
static char *
make_project (Fixture    *fixture,
              const char *name,
              const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *file_name = g_strconcat (name, ".keel", NULL);
  char *path = g_build_filename (fixture->dir, file_name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KeelDocument) document = NULL;
  gsize length;

  if (json == NULL)
    {
      g_autofree char *json_name = g_strconcat (name, ".json", NULL);
      g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "projects", json_name, NULL);
      g_assert_true (g_file_get_contents (source, &contents, &length, &error));
      g_assert_no_error (error);
      json = contents;
    }
  else
    length = strlen (json);

  document = keel_json_import_new_document (file, json, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  keel_document_close (document);
  return path;
}

static const char *minimal_json =
  "{\"format\": \"keel-project\", \"version\": 1, \"name\": \"Minimal\","
  " \"items\": [{\"id\": \"it-1\", \"title\": \"Dark mode\", \"dimension\": \"product\","
  " \"kind\": \"feature\", \"horizon\": \"now\", \"status\": \"planned\"}]}";

static const char *empty_json =
  "{\"format\": \"keel-project\", \"version\": 1, \"name\": \"Empty\"}";

/* ---- Exit status ---- */

static void
test_errors_exit_1 (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = make_project (fixture, "seed-saas", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;
  int status = run_check (&out, &err, path, "--as-of", "2026-11-01", NULL);

  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (err, ==, "");
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 7 * 2 + 4);
  g_assert_cmpstr (lines[0], ==,
                   "error[dependency-order] item it-06 \"Usage-based billing\": “Usage-based billing” is in progress while “Metering pipeline”, which it depends on, is not done.");
  g_assert_true (g_str_has_prefix (lines[1], "  hint: "));
  g_assert_cmpstr (lines[2], ==,
                   "error[premature-scaling] item it-04 \"Hire two account executives\": “Hire two account executives” is planned for Now while the fit gate is not passed (1 of 3 signals met).");
  g_assert_true (g_str_has_prefix (lines[6], "warning[ignored-bottleneck] debt debt-01 \"PDF rendering runs in the web request\": "));
  g_assert_true (g_str_has_prefix (lines[8], "warning[thin-sample] signal sig-se \"Sean Ellis survey\": "));
  g_assert_true (g_str_has_prefix (lines[12], "info[unbacked-rearchitecture] item it-11 "));
  g_assert_cmpstr (lines[14], ==, "");
  g_assert_cmpstr (lines[15], ==, "As of 2026-11-01 the fit gate is not passed (1 of 3 signals met).");
  g_assert_cmpstr (lines[16], ==, "3 errors, 3 warnings, 1 note");
}

static void
test_warnings_exit_0 (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = make_project (fixture, "minimal", minimal_json);
  g_autofree char *out = NULL, *err = NULL;
  int status = run_check (&out, &err, path, "--as-of", "2026-11-01", NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_prefix (out, "warning[wishlist-scope] item it-1 \"Dark mode\": "));
  g_assert_true (g_str_has_suffix (out, "\n1 warning\n"));
}

static void
test_empty_exit_0 (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = make_project (fixture, "empty", empty_json);
  g_autofree char *out = NULL, *err = NULL;
  int status = run_check (&out, &err, path, "--as-of", "2026-11-01", "--format", "text", NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "As of 2026-11-01 the fit gate is not passed (0 of 3 signals met).\nNo findings.\n");
}

/* ---- JSON ---- */

static void
test_json (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = make_project (fixture, "marketplace", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *gate, *finding, *subject;
  JsonArray *findings;
  int status = run_check (&out, &err, path, "--format", "json", "--as-of", "2026-11-01", NULL);
  static const char *rules[] = {
    "dependency-order", "dependency-order", "everything-at-once", "rewrite-from-scratch",
  };

  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (keel_json_check_syntax (out, strlen (out), &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (root), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (root, "as_of"), ==, "2026-11-01");
  gate = json_object_get_object_member (root, "gate");
  g_assert_true (json_object_get_boolean_member (gate, "passed"));
  g_assert_cmpint (json_object_get_int_member (gate, "met"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (gate, "required"), ==, 3);

  findings = json_object_get_array_member (root, "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, G_N_ELEMENTS (rules));
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      finding = json_array_get_object_element (findings, i);
      g_assert_cmpuint (json_object_get_size (finding), ==, 5);
      g_assert_cmpstr (json_object_get_string_member (finding, "rule"), ==, rules[i]);
      g_assert_nonnull (json_object_get_string_member (finding, "message"));
      g_assert_nonnull (json_object_get_string_member (finding, "hint"));
      subject = json_object_get_object_member (finding, "subject");
      g_assert_cmpuint (json_object_get_size (subject), ==, 3);
    }

  finding = json_array_get_object_element (findings, 0);
  g_assert_cmpstr (json_object_get_string_member (finding, "severity"), ==, "error");
  subject = json_object_get_object_member (finding, "subject");
  g_assert_cmpstr (json_object_get_string_member (subject, "type"), ==, "item");
  g_assert_cmpstr (json_object_get_string_member (subject, "id"), ==, "it-08");
  g_assert_cmpstr (json_object_get_string_member (subject, "title"), ==, "Provider onboarding checklist");

  finding = json_array_get_object_element (findings, 2);
  g_assert_cmpstr (json_object_get_string_member (finding, "severity"), ==, "warning");
  subject = json_object_get_object_member (finding, "subject");
  g_assert_cmpstr (json_object_get_string_member (subject, "type"), ==, "project");
  g_assert_true (json_object_get_null_member (subject, "id"));
  g_assert_cmpstr (json_object_get_string_member (subject, "title"), ==, "Stoop — neighbourhood home services");
}

/* An earlier as-of date leaves out the rows dated after it: in June the retention data
 * of the developer tool was fresh and the survey had not been run. */
static void
test_as_of (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = make_project (fixture, "developer-tool", NULL);
  g_autofree char *now_out = NULL, *then_out = NULL, *err = NULL;

  g_assert_cmpint (run_check (&now_out, NULL, path, "--format", "json", "--as-of", "2026-11-01", NULL), ==, 1);
  g_assert_nonnull (strstr (now_out, "\"rule\": \"stale-evidence\""));

  g_assert_cmpint (run_check (&then_out, &err, path, "--format=json", "--as-of=2026-07-01", NULL), ==, 1);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_prefix (then_out, "{\"as_of\": \"2026-07-01\", "));
  g_assert_null (strstr (then_out, "\"rule\": \"stale-evidence\""));
}

/* ---- Usage and file errors ---- */

static void
assert_usage_error (const char *expected_stderr,
                    const char *first,
                    ...)
{
  const char *cli = g_getenv ("KEEL_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  va_list ap;

  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "check");
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_false (g_spawn_check_wait_status (wait_status, &error));
  g_assert_error (error, G_SPAWN_EXIT_ERROR, 2);
  g_assert_cmpstr (out, ==, "");
  if (strstr (err, expected_stderr) == NULL)
    g_error ("stderr “%s” does not contain “%s”", err, expected_stderr);
  /* A file that cannot be used: "keel-cli: FILE: reason"; a usage error, like every
   * command's: "keel-cli check: reason", then the way to --help. */
  if (g_str_has_prefix (err, "keel-cli check: "))
    g_assert_nonnull (strstr (err, "Run “keel-cli check --help” for its usage."));
  else
    g_assert_true (g_str_has_prefix (err, "keel-cli: "));
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = make_project (fixture, "minimal", minimal_json);

  assert_usage_error ("PROJECT.keel", NULL);
  assert_usage_error ("exactly one", path, path, NULL);
  assert_usage_error ("“xml” is not a format", path, "--format", "xml", NULL);
  assert_usage_error ("“2026-13-01” is not a date", path, "--as-of", "2026-13-01", NULL);
  assert_usage_error ("“yesterday” is not a date", path, "--as-of", "yesterday", NULL);
  assert_usage_error ("--bogus", path, "--bogus", NULL);
  assert_usage_error ("--as-of", path, "--as-of", NULL);
}

static void
test_file_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.keel", NULL);
  g_autofree char *text = g_build_filename (fixture->dir, "notes.keel", NULL);
  g_autofree char *damaged = g_build_filename (fixture->dir, "damaged.keel", NULL);
  g_autoptr(GError) error = NULL;
  static const char header[] = "SQLite format 3";
  char bytes[4096] = { 0, };

  assert_usage_error (missing, missing, NULL);

  g_assert_true (g_file_set_contents (text, "just some notes\n", -1, &error));
  g_assert_no_error (error);
  assert_usage_error (text, text, NULL);

  /* An SQLite header and nothing sensible after it. */
  memcpy (bytes, header, sizeof header);
  memset (bytes + 100, 0xa5, sizeof bytes - 100);
  g_assert_true (g_file_set_contents (damaged, bytes, sizeof bytes, &error));
  g_assert_no_error (error);
  assert_usage_error (damaged, damaged, "--format", "json", NULL);
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  int status = run_check (&out, &err, "--help", NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "--format"));
  g_assert_nonnull (strstr (out, "--as-of"));
  g_assert_nonnull (strstr (out, "PROJECT.keel"));
}

/* check only reads: the file keeps its bytes and no side file appears beside it. */
static void
test_file_untouched (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = make_project (fixture, "developer-tool", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  gsize before_len, after_len;
  guint n_files = 0;

  g_assert_true (g_file_get_contents (path, &before, &before_len, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *out = NULL;
      g_assert_cmpint (run_check (&out, NULL, path, NULL), ==, 1);
    }

  g_assert_true (g_file_get_contents (path, &after, &after_len, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (before, before_len, after, after_len);

  dir = g_dir_open (fixture->dir, 0, &error);
  g_assert_no_error (error);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/keel/cli-check/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("errors-exit-1", test_errors_exit_1);
  ADD ("warnings-exit-0", test_warnings_exit_0);
  ADD ("empty-exit-0", test_empty_exit_0);
  ADD ("json", test_json);
  ADD ("as-of", test_as_of);
  ADD ("usage-errors", test_usage_errors);
  ADD ("file-errors", test_file_errors);
  ADD ("help", test_help);
  ADD ("file-untouched", test_file_untouched);

#undef ADD

  return g_test_run ();
}
