/* test-cli-report.c: `keel-cli report` as a user runs it — Markdown on stdout or in a
 * file, a PDF with -o, usage errors (exit 2) that write nothing, and the project file
 * left untouched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "keel-document.h"
#include "keel-json.h"
#include "keel-report.h"
#include "keel-test-cli.h"

typedef struct {
  char *dir;
  char *project;   /* DIR/rich.keel */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "json", "rich.json", NULL);
  g_autofree char *json = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(KeelDocument) document = NULL;
  gsize length;

  f->dir = g_dir_make_tmp ("keel-cli-report-XXXXXX", &error);
  g_assert_no_error (error);
  f->project = g_build_filename (f->dir, "rich.keel", NULL);

  g_assert_true (g_file_get_contents (source, &json, &length, &error));
  g_assert_no_error (error);
  file = g_file_new_for_path (f->project);
  document = keel_json_import_new_document (file, json, length, &error);
  g_assert_no_error (error);
  keel_document_close (document);
  g_assert_true (g_file_test (f->project, G_FILE_TEST_IS_REGULAR));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cli_remove_dir (f->dir);
  g_free (f->project);
  g_free (f->dir);
}

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* ---- Markdown ---- */

static void
test_markdown_stdout (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(CliRun) run;
  g_autoptr(GBytes) before = read_bytes (f->project);
  g_autoptr(GBytes) after = NULL;
  g_autofree char *listing = NULL;

  run_cli (&run, f->dir, "report", f->project, "--as-of", "2026-11-01", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "# Readiness report: Acme Notes"));
  g_assert_nonnull (strstr (run.out, "As of 1 November 2026."));
  g_assert_nonnull (strstr (run.out, "## Fit gate\n\n**Gate "));
  g_assert_nonnull (strstr (run.out, "| Signal | Required | State | Value | Threshold | Sample | Newest data |"));
  g_assert_nonnull (strstr (run.out, "| Dimension | Now | Next | Later |"));
  g_assert_nonnull (strstr (run.out, "| Open and scheduled | 2 | 21.5 days | 8.25 hours |"));
  g_assert_nonnull (strstr (run.out, "## Findings"));
  g_assert_nonnull (strstr (run.out, "What to do: "));

  /* Read-only: the project file is byte for byte the same, and nothing appeared. */
  after = read_bytes (f->project);
  g_assert_true (g_bytes_equal (before, after));
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "rich.keel");
}

static void
test_markdown_file (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(CliRun) run;
  g_auto(CliRun) again;
  g_autofree char *output = path_in (f, "report.md");
  g_autofree char *contents = NULL;

  run_cli (&run, f->dir, "report", f->project, "--as-of", "2026-11-01", "-o", output, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_file_get_contents (output, &contents, NULL, NULL));

  /* The file holds what stdout would have shown. */
  run_cli (&again, f->dir, "report", f->project, "--as-of", "2026-11-01", "--format", "markdown", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpstr (contents, ==, again.out);
}

static void
test_as_of (Fixture       *f,
            gconstpointer  data)
{
  g_auto(CliRun) run;

  /* Before any data: every data signal has no data. */
  run_cli (&run, f->dir, "report", f->project, "--as-of", "2020-01-01", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "As of 1 January 2020."));
  g_assert_nonnull (strstr (run.out, "**Gate not passed:**"));
  g_assert_nonnull (strstr (run.out, "| Sean Ellis survey | Yes | No data | — | at least 45% | 0 answers | — |"));
}

/* ---- PDF ---- */

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_auto(CliRun) run;
  g_autofree char *output = path_in (f, "board.pdf");
  g_autoptr(GBytes) pdf = NULL;
  gsize length;
  const char *bytes;

  if (!keel_report_can_pdf ())
    {
      g_test_skip ("built without cairo");
      return;
    }
  run_cli (&run, f->dir, "report", f->project, "--format", "pdf", "-o", output,
           "--as-of", "2026-11-01", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "");
  pdf = read_bytes (output);
  bytes = g_bytes_get_data (pdf, &length);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (bytes, "%PDF-"));
  /* Binary data: search every byte, NULs included. */
  {
    gboolean found = FALSE;

    for (gsize i = 0; !found && i + 12 <= length; i++)
      found = memcmp (bytes + i, "/Type /Page ", 12) == 0;
    g_assert_true (found);
  }
}

static void
test_pdf_needs_output (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(CliRun) run;
  g_autofree char *listing = NULL;

  run_cli (&run, f->dir, "report", f->project, "--format", "pdf", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "-o"));
  g_assert_nonnull (strstr (run.err, "Run “keel-cli report --help” for its usage."));
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "rich.keel");
}

static void
test_output_missing_folder (Fixture       *f,
                            gconstpointer  data)
{
  const char *formats[] = { "markdown", "pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_auto(CliRun) run;
      g_autofree char *missing = path_in (f, "missing");
      g_autofree char *output = g_build_filename (missing, "report.out", NULL);
      g_autofree char *listing = NULL;

      run_cli (&run, f->dir, "report", f->project, "--format", formats[i], "-o", output, NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      /* "keel-cli: FILE: reason", naming the output. */
      g_assert_true (g_str_has_prefix (run.err, "keel-cli: "));
      g_assert_nonnull (strstr (run.err, output));
      g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
      listing = list_dir (f->dir);
      g_assert_cmpstr (listing, ==, "rich.keel");
    }
}

/* ---- Usage and file errors ---- */

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  struct {
    const char *args[6];
    const char *message;
  } cases[] = {
    { { "report", NULL }, "Which project?" },
    { { "report", "a.keel", "b.keel", NULL }, "exactly one" },
    { { "report", "PROJECT", "--format", "html", NULL }, "“html” is not a format" },
    { { "report", "PROJECT", "--as-of", "2026-02-30", NULL }, "is not a date" },
    { { "report", "PROJECT", "--as-of", "yesterday", NULL }, "is not a date" },
    { { "report", "PROJECT", "--no-such-option", NULL }, "no-such-option" },
    { { "report", "PROJECT", "-o", "", NULL }, "-o" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CliRun) run;
      const char *a[6];
      g_autofree char *listing = NULL;

      for (guint j = 0; j < G_N_ELEMENTS (a); j++)
        a[j] = g_strcmp0 (cases[i].args[j], "PROJECT") == 0 ? f->project : cases[i].args[j];
      run_cli (&run, f->dir, a[0], a[1], a[2], a[3], a[4], a[5], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (strstr (run.err, cases[i].message));
      listing = list_dir (f->dir);
      g_assert_cmpstr (listing, ==, "rich.keel");
    }
}

static void
test_file_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *missing = path_in (f, "missing.keel");
  g_autofree char *text = path_in (f, "notes.keel");
  g_autofree char *out = path_in (f, "out.md");
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (text, "not a database\n", -1, &error));
  g_assert_no_error (error);

  {
    g_auto(CliRun) run;

    run_cli (&run, f->dir, "report", missing, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, "missing.keel"));
  }
  {
    g_auto(CliRun) run;
    g_autoptr(GBytes) before = read_bytes (text);
    g_autoptr(GBytes) after = NULL;

    run_cli (&run, f->dir, "report", text, "-o", "out.md", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, "notes.keel"));
    after = read_bytes (text);
    g_assert_true (g_bytes_equal (before, after));
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  g_auto(CliRun) run;

  run_cli (&run, f->dir, "report", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "keel-cli report"));
  g_assert_nonnull (strstr (run.out, "--format"));
  g_assert_nonnull (strstr (run.out, "--output"));
  g_assert_nonnull (strstr (run.out, "--as-of"));
  g_assert_nonnull (strstr (run.out, "readiness report"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/keel/cli/report/markdown-stdout", test_markdown_stdout);
  ADD ("/keel/cli/report/markdown-file", test_markdown_file);
  ADD ("/keel/cli/report/as-of", test_as_of);
  ADD ("/keel/cli/report/pdf", test_pdf);
  ADD ("/keel/cli/report/pdf-needs-output", test_pdf_needs_output);
  ADD ("/keel/cli/report/output-missing-folder", test_output_missing_folder);
  ADD ("/keel/cli/report/usage-errors", test_usage_errors);
  ADD ("/keel/cli/report/file-errors", test_file_errors);
  ADD ("/keel/cli/report/help", test_help);

  return g_test_run ();
}
