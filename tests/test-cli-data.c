/* test-cli-data.c: `keel-cli import-csv` and `keel-cli signals` run as a user runs
 * them: exit statuses, messages, and project files left untouched on refusal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "keel-test-cli.h"

typedef struct {
  char *dir;
  char *project;
} Fixture;

static void
write_file (Fixture    *fx,
            const char *name,
            const char *contents,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fx->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, len, &error));
  g_assert_no_error (error);
}

static GBytes *
read_project (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (fx->project, &contents, &len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run;

  fx->dir = g_dir_make_tmp ("keel-test-cli-data-XXXXXX", &error);
  g_assert_no_error (error);
  fx->project = g_build_filename (fx->dir, "p.keel", NULL);
  run_cli (&run, fx->dir, "new", "p.keel", "--name", "Acme", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  cli_remove_dir (fx->dir);
  g_free (fx->dir);
  g_free (fx->project);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in the project's folder, sorted, comma-separated. */
static char *
list_dir (Fixture *fx)
{
  g_autoptr(GDir) dir = g_dir_open (fx->dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "," : "", (char *) g_ptr_array_index (names, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_help (void)
{
  g_auto(CliRun) import = { 0 };
  g_auto(CliRun) signals = { 0 };

  run_cli (&import, NULL, "import-csv", "--help", NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_nonnull (strstr (import.out, "PROJECT.keel retention|survey|acquisition FILE.csv"));
  g_assert_nonnull (strstr (import.out, "--append"));
  g_assert_nonnull (strstr (import.out, "--period"));

  run_cli (&signals, NULL, "signals", "--help", NULL);
  g_assert_cmpint (signals.status, ==, 0);
  g_assert_nonnull (strstr (signals.out, "--as-of"));
  g_assert_nonnull (strstr (signals.out, "--format"));
}

static void
test_import_and_signals (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GString) survey = g_string_new ("answer,date,segment,respondent\n");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) import = { 0 };
  g_auto(CliRun) json = { 0 };
  g_auto(CliRun) text = { 0 };
  g_auto(CliRun) appended = { 0 };
  g_auto(CliRun) after = { 0 };
  JsonObject *root, *se = NULL;
  JsonArray *signals;

  /* 20 very, 20 somewhat, 10 not disappointed, 5 who left: 20 / 50 = 0.4. */
  for (int i = 0; i < 55; i++)
    g_string_append_printf (survey, "%s,2026-10-0%d,founders,r-%d\n",
                            i < 20 ? "Very disappointed" : i < 40 ? "Somewhat disappointed"
                            : i < 50 ? "Not disappointed" : "N/A - I no longer use it",
                            1 + i % 9, i);
  write_file (fx, "survey.csv", survey->str, -1);

  run_cli (&import, fx->dir, "import-csv", "p.keel", "survey", "survey.csv", NULL);
  g_assert_cmpstr (import.err, ==, "");
  g_assert_cmpint (import.status, ==, 0);
  g_assert_cmpstr (import.out, ==, "survey.csv: 55 survey answers imported\n");

  run_cli (&json, fx->dir, "signals", "p.keel", "--format", "json", "--as-of", "2026-10-15", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_cmpstr (json.err, ==, "");
  g_assert_true (json_parser_load_from_data (parser, json.out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "as_of"), ==, "2026-10-15");
  /* The gate is not passed (no retention, no acquisition) and the status is still 0. */
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (root, "gate"), "passed"));
  signals = json_object_get_array_member (root, "signals");
  for (guint i = 0; i < json_array_get_length (signals); i++)
    {
      JsonObject *s = json_array_get_object_element (signals, i);

      if (g_strcmp0 (json_object_get_string_member (s, "kind"), "sean_ellis") == 0)
        se = s;
    }
  g_assert_nonnull (se);
  g_assert_cmpstr (json_object_get_string_member (se, "state"), ==, "met");
  g_assert_cmpfloat (json_object_get_double_member (se, "value"), ==, 0.4);
  g_assert_cmpint (json_object_get_int_member (se, "sample_size"), ==, 50);
  g_assert_cmpstr (json_object_get_string_member (se, "newest_data"), ==, "2026-10-09");

  run_cli (&text, fx->dir, "signals", "p.keel", "--as-of", "2026-10-15", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_true (g_str_has_prefix (text.out, "Gate not passed: 1 of 3 required signals met (as of 2026-10-15)\n"));
  g_assert_nonnull (strstr (text.out, "40.0% of 50 users would be very disappointed"));

  /* --append adds; the survey now has 56 rows, one more "very" from a new respondent. */
  write_file (fx, "more.csv", "answer,respondent\r\nVery disappointed,r-new\r\n", -1);
  run_cli (&appended, fx->dir, "import-csv", "p.keel", "survey", "more.csv", "--append", NULL);
  g_assert_cmpint (appended.status, ==, 0);
  g_assert_cmpstr (appended.out, ==, "more.csv: 1 survey answer imported\n");
  run_cli (&after, fx->dir, "signals", "p.keel", "--format=json", NULL);
  g_assert_cmpint (after.status, ==, 0);
  g_assert_nonnull (strstr (after.out, "\"sample_size\": 51"));
}

static void
test_refused_csv_leaves_file (Fixture       *fx,
                              gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;
  g_auto(CliRun) good = { 0 };
  g_auto(CliRun) bad = { 0 };
  g_auto(CliRun) latin1 = { 0 };
  g_auto(CliRun) retention = { 0 };

  write_file (fx, "ok.csv", "period,channel,new_users\n2026-09,organic,10\n", -1);
  run_cli (&good, fx->dir, "import-csv", "p.keel", "acquisition", "ok.csv", NULL);
  g_assert_cmpint (good.status, ==, 0);
  before = read_project (fx);
  listing_before = list_dir (fx);

  write_file (fx, "bad.csv",
              "period,channel,new_users\n2026-10,organic,10\n2026-10,paid,ten\n", -1);
  run_cli (&bad, fx->dir, "import-csv", "p.keel", "acquisition", "bad.csv", NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_cmpstr (bad.out, ==, "");
  g_assert_cmpstr (bad.err, ==,
                   "keel-cli: bad.csv:3:3: “ten” is not a number of new users; expected a whole number\n");

  write_file (fx, "latin1.csv", "answer\nVery disappointed\nTr\xE8s\n", -1);
  run_cli (&latin1, fx->dir, "import-csv", "p.keel", "survey", "latin1.csv", NULL);
  g_assert_cmpint (latin1.status, ==, 2);
  g_assert_cmpstr (latin1.err, ==,
                   "keel-cli: latin1.csv is not UTF-8 text (byte 0xE8 on line 3); save it as UTF-8\n");

  write_file (fx, "r.csv", "cohort,size,p0,p1\n2026-08-03,200,200,201\n", -1);
  run_cli (&retention, fx->dir, "import-csv", "p.keel", "retention", "r.csv", NULL);
  g_assert_cmpint (retention.status, ==, 2);
  g_assert_cmpstr (retention.err, ==,
                   "keel-cli: r.csv:2:4: 201 retained in period 1 is more than the cohort’s 200 users\n");

  /* Byte for byte the same file, and no side files beside it. */
  after = read_project (fx);
  g_assert_true (g_bytes_equal (before, after));
  listing_after = list_dir (fx);
  g_assert_cmpstr (listing_after, ==, "bad.csv,latin1.csv,ok.csv,p.keel,r.csv");
  g_assert_cmpstr (listing_before, ==, "ok.csv,p.keel");
}

static void
test_usage_errors (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GBytes) before = read_project (fx);
  g_autoptr(GBytes) after = NULL;
  static const char * const cases[][8] = {
    { "import-csv", "p.keel", "surveys", "s.csv", NULL },
    { "import-csv", "p.keel", "retention", "s.csv", "--period", "day", NULL },
    { "import-csv", "p.keel", "survey", "s.csv", "--period", "week", NULL },
    { "import-csv", "p.keel", "survey", NULL },
    { "import-csv", "p.keel", "survey", "s.csv", "extra", NULL },
    { "import-csv", "p.keel", "survey", "missing.csv", NULL },
    { "import-csv", "missing.keel", "survey", "s.csv", NULL },
    { "import-csv", "p.keel", "survey", "s.csv", "--bogus", NULL },
  };
  static const char * const signals_cases[][8] = {
    { "signals", "p.keel", "--as-of", "2026-02-30", NULL },
    { "signals", "p.keel", "--as-of", "yesterday", NULL },
    { "signals", "p.keel", "--format", "xml", NULL },
    { "signals", NULL },
    { "signals", "missing.keel", NULL },
    { "signals", "s.csv", NULL },
  };

  write_file (fx, "s.csv", "answer\nVery disappointed\n", -1);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CliRun) run = { 0 };
      const char *const *a = cases[i];

      run_cli (&run, fx->dir, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_true (g_str_has_prefix (run.err, "keel-cli"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (signals_cases); i++)
    {
      g_auto(CliRun) run = { 0 };
      const char *const *a = signals_cases[i];

      run_cli (&run, fx->dir, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, "keel-cli"));
    }

  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, fx->dir, "signals", "p.keel", "--as-of", "2026-02-30", NULL);
    g_assert_cmpstr (run.err, ==,
                     "keel-cli signals: “2026-02-30” is not a date; use --as-of YYYY-MM-DD\n"
                     "Run “keel-cli signals --help” for its usage.\n");
  }
  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, fx->dir, "import-csv", "p.keel", "survey", "missing.csv", NULL);
    g_assert_true (g_str_has_prefix (run.err, "keel-cli: missing.csv cannot be read: "));
  }

  after = read_project (fx);
  g_assert_true (g_bytes_equal (before, after));
}

/* signals only reads: the file and its folder are as they were. */
static void
test_signals_read_only (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GBytes) before = read_project (fx);
  g_autoptr(GBytes) after = NULL;
  g_autofree char *listing = NULL;
  g_auto(CliRun) run = { 0 };

  g_assert_cmpint (g_chmod (fx->project, 0444), ==, 0);
  run_cli (&run, fx->dir, "signals", "p.keel", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "Gate not passed: 0 of 3 required signals met"));
  after = read_project (fx);
  g_assert_true (g_bytes_equal (before, after));
  listing = list_dir (fx);
  g_assert_cmpstr (listing, ==, "p.keel");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/keel/cli-data/help", test_help);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/keel/cli-data/import-and-signals", test_import_and_signals);
  ADD ("/keel/cli-data/refused-csv-leaves-file", test_refused_csv_leaves_file);
  ADD ("/keel/cli-data/usage-errors", test_usage_errors);
  ADD ("/keel/cli-data/signals-read-only", test_signals_read_only);
#undef ADD

  return g_test_run ();
}
