/* test-report.c: the readiness report — its Markdown against the project it reads
 * (gate, every signal, the board, debt totals, findings with hints), and its PDF (a
 * whole document, written atomically, nothing left behind on failure).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "keel-checks.h"
#include "keel-document.h"
#include "keel-json.h"
#include "keel-project.h"
#include "keel-report.h"
#include "keel-signals.h"

/* rich.json's own data is dated up to late 2026; this keeps every signal fresh. */
#define AS_OF "2026-11-01"

typedef struct {
  char         *dir;
  KeelDocument *document;
  KeelProject  *project;
  KeelGate     *gate;
  GPtrArray    *findings;
} Fixture;

static void
load_json (Fixture    *f,
           const char *json,
           gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "project.keel", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  f->document = keel_json_import_new_document (file, json, length, &error);
  g_assert_no_error (error);
  f->project = keel_project_load (f->document, &error);
  g_assert_no_error (error);
  f->gate = keel_gate_compute (f->project, AS_OF, &error);
  g_assert_no_error (error);
  f->findings = keel_checks_run (f->project, f->gate);
}

static void
recompute (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&f->findings, g_ptr_array_unref);
  g_clear_pointer (&f->gate, keel_gate_free);
  f->gate = keel_gate_compute (f->project, AS_OF, &error);
  g_assert_no_error (error);
  f->findings = keel_checks_run (f->project, f->gate);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *name = data;

  f->dir = g_dir_make_tmp ("keel-test-report-XXXXXX", &error);
  g_assert_no_error (error);

  if (name != NULL)
    {
      g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "json", name, NULL);
      g_autofree char *json = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (source, &json, &length, &error));
      g_assert_no_error (error);
      load_json (f, json, length);
    }
  else
    {
      static const char empty[] = "{\"format\": \"keel-project\", \"version\": 1, \"name\": \"Empty\"}";
      load_json (f, empty, strlen (empty));
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->findings, g_ptr_array_unref);
  g_clear_pointer (&f->gate, keel_gate_free);
  g_clear_object (&f->project);
  if (f->document != NULL)
    keel_document_close (f->document);
  g_clear_object (&f->document);
  remove_tree (f->dir);
  g_free (f->dir);
}

/* The names in @dir, sorted and joined by spaces. */
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

static guint
count_occurrences (const char *haystack,
                   gsize       length,
                   const char *needle)
{
  gsize n = strlen (needle);
  guint count = 0;

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (haystack + i, needle, n) == 0)
      count++;
  return count;
}

static gboolean
has_markup (const char *text)
{
  return strpbrk (text, "\\`*_[]|<") != NULL;
}

/* ---- Markdown ---- */

static void
test_markdown_gate_and_signals (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *md = keel_report_markdown (f->project, f->gate, f->findings);
  g_autofree char *gate_line = NULL;

  g_assert_true (g_str_has_prefix (md, "# Readiness report: "));
  g_assert_nonnull (strstr (md, "As of 1 November 2026."));

  /* The gate: passed or not, N of M. */
  gate_line = g_strdup_printf ("**%s:** %u of %u required signal%s met.",
                               f->gate->passed ? "Gate passed" : "Gate not passed",
                               f->gate->met, f->gate->required, f->gate->required == 1 ? "" : "s");
  g_assert_nonnull (strstr (md, gate_line));

  /* The signals table and every signal, in the table and as a section. */
  g_assert_nonnull (strstr (md, "| Signal | Required | State | Value | Threshold | Sample | Newest data |\n"
                                "|---|---|---|---:|---:|---:|---:|\n"));
  g_assert_cmpuint (f->gate->results->len, ==, 8);
  for (guint i = 0; i < f->gate->results->len; i++)
    {
      const KeelSignalResult *r = g_ptr_array_index (f->gate->results, i);
      g_autofree char *row = g_strdup_printf ("| %s | %s | %s |", r->name, r->required ? "Yes" : "No",
                                              keel_signal_state_to_label (r->state));
      g_autofree char *section = g_strdup_printf ("### %s: %s\n\n", r->name,
                                                  keel_signal_state_to_label (r->state));

      g_assert_false (has_markup (r->name));
      g_assert_nonnull (strstr (md, row));
      g_assert_nonnull (strstr (md, section));
      if (!has_markup (r->explanation))
        g_assert_nonnull (strstr (md, r->explanation));
      if (r->newest_data != NULL)
        g_assert_nonnull (strstr (md, r->newest_data));
    }

  /* The survey with its interval, confidence and segments. */
  {
    const KeelSignalResult *se = keel_gate_lookup (f->gate, "sig-se");

    g_assert_nonnull (se);
    if (se->has_value)
      {
        g_assert_nonnull (strstr (md, "95% interval"));
        g_assert_nonnull (strstr (md, se->confident ? "- Confident:" : "- Not confident yet:"));
      }
    g_assert_nonnull (strstr (md, "| Segment | Very disappointed | 95% interval | Answers |"));
  }
  g_assert_nonnull (strstr (md, "| Period | Organic | Paid | Organic share |"));

  /* The same project gives the same report. */
  {
    g_autofree char *again = keel_report_markdown (f->project, f->gate, f->findings);
    g_assert_cmpstr (md, ==, again);
  }
}

static void
test_markdown_board_and_debt (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *md = keel_report_markdown (f->project, f->gate, f->findings);

  /* The board: a table of dimensions by horizon, titles and statuses in the cells,
   * the dropped item left out and counted. */
  g_assert_nonnull (strstr (md, "| Dimension | Now | Next | Later |\n|---|---|---|---|\n"));
  g_assert_nonnull (strstr (md, "| **Technology** | **1 item**<br>Misc cleanup (Planned) | "
                                "**1 item**<br>Split sync service (Idea) | "
                                "**1 item**<br>Rewrite editor in Rust (Planned) |"));
  /* Within a cell, by position (the order in the JSON's items array, then id). */
  g_assert_nonnull (strstr (md, "| **Infrastructure** | **2 items**<br>CI deploy automation (Done)"
                                "<br>Read replicas (In progress) | — | — |"));
  g_assert_null (strstr (md, "Paid search in DACH"));
  g_assert_nonnull (strstr (md, "9 items (1 dropped item not shown)."));
  g_assert_nonnull (strstr (md, "| Dimension | Idea | Planned | In progress | Done | Total |"));
  g_assert_nonnull (strstr (md, "| Technology | 1 | 2 | 0 | 0 | 3 |"));

  /* Debt: open + scheduled are debt-1 (8 days, 6 h) and debt-2 (13.5 days, 2.25 h);
   * debt-3 is accepted and debt-4 paid. The only open bottleneck is debt-1. */
  g_assert_nonnull (strstr (md, "|  | Debts | Principal | Interest per week |"));
  g_assert_nonnull (strstr (md, "| Open and scheduled | 2 | 21.5 days | 8.25 hours |"));
  g_assert_nonnull (strstr (md, "| Open bottlenecks | 1 | 8 days | 6 hours |"));
  /* Top bottlenecks: only debt-1 (debt-3 is accepted), with what pays it down. */
  g_assert_nonnull (strstr (md, "| Debt | Component | Status | Principal | Interest per week | Paid down by |"));
  g_assert_nonnull (strstr (md, "| Single Postgres instance, no read replicas | "));
  g_assert_nonnull (strstr (md, "Split sync service (Next, Idea); Read replicas (Now, In progress) |")
                    ?: strstr (md, "Read replicas (Now, In progress); Split sync service (Next, Idea) |"));
  g_assert_null (strstr (md, "| Editor core cannot be extended |"));
}

static void
test_markdown_findings (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *md = keel_report_markdown (f->project, f->gate, f->findings);
  guint checked = 0;

  g_assert_cmpuint (f->findings->len, >, 0);
  g_assert_nonnull (strstr (md, "## Findings\n\n"));
  g_assert_cmpuint (count_occurrences (md, strlen (md), "What to do: "), ==, f->findings->len);

  for (KeelSeverity sev = KEEL_SEVERITY_ERROR; sev <= KEEL_SEVERITY_INFO; sev++)
    {
      static const char * const headings[] = { "Errors", "Warnings", "Notes" };
      guint n = keel_findings_count (f->findings, sev);
      g_autofree char *heading = g_strdup_printf ("### %s (%u)\n", headings[sev], n);

      if (n > 0)
        g_assert_nonnull (strstr (md, heading));
      else
        g_assert_null (strstr (md, heading));
    }

  for (guint i = 0; i < f->findings->len; i++)
    {
      const KeelFinding *finding = g_ptr_array_index (f->findings, i);
      g_autofree char *rule = g_strdup_printf ("Rule %s · ", finding->rule);
      g_autofree char *hint = g_strdup_printf ("What to do: %s\n", finding->hint);
      g_autofree char *message = g_strdup_printf ("- **%s**  \n", finding->message);

      g_assert_nonnull (strstr (md, rule));
      if (has_markup (finding->hint) || has_markup (finding->message))
        continue;
      g_assert_nonnull (strstr (md, hint));
      g_assert_nonnull (strstr (md, message));
      /* Errors come before warnings, and each hint follows its message. */
      g_assert_true (strstr (md, message) < strstr (md, hint));
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);
}

static void
test_markdown_escapes (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelItem) item = keel_item_new ("it-pipe");
  g_autofree char *md = NULL;

  g_free (item->title);
  item->title = g_strdup ("Split A|B <script>*now*</script>");
  item->dimension = KEEL_DIMENSION_PRODUCT;
  item->kind = KEEL_ITEM_KIND_OTHER;
  item->horizon = KEEL_HORIZON_LATER;
  item->status = KEEL_STATUS_IDEA;
  item->position = 99;
  g_assert_true (keel_project_add_item (f->project, item, &error));
  g_assert_no_error (error);
  recompute (f);

  md = keel_report_markdown (f->project, f->gate, f->findings);
  /* "|" cannot end the cell; HTML and emphasis stay text. */
  g_assert_nonnull (strstr (md, "Split A\\|B &lt;script>\\*now\\*&lt;/script> (Idea)"));
  g_assert_null (strstr (md, "<script>"));
  /* The project name (with a tab and quotes) is one heading line. */
  g_assert_nonnull (strstr (md, "# Readiness report: Acme Notes — Café \"β\" edition\n"));
}

/* Thousands of items: a crowded cell is summarised by status, not listed. */
static void
test_markdown_large_board (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *md = NULL;
  g_autoptr(GBytes) pdf = NULL;
  const guint n = 2000;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("bulk-%04u", i);
      KeelItem *item = keel_item_new (id);

      g_free (item->title);
      item->title = g_strdup_printf ("Bulk item %u", i);
      item->dimension = KEEL_DIMENSION_TEAM;
      item->kind = KEEL_ITEM_KIND_PROCESS;
      item->horizon = KEEL_HORIZON_LATER;
      item->status = i % 4 == 0 ? KEEL_STATUS_PLANNED : KEEL_STATUS_IDEA;
      item->position = i;
      g_ptr_array_add (items, item);
    }
  g_assert_true (keel_project_add_entities (f->project, "bulk", items, NULL, &error));
  g_assert_no_error (error);
  recompute (f);

  md = keel_report_markdown (f->project, f->gate, f->findings);
  /* 2000 bulk items plus "Hire a second SRE" (idea): 1501 ideas, 500 planned. */
  g_assert_nonnull (strstr (md, "**2001 items**: 1501 Idea, 500 Planned |"));
  g_assert_null (strstr (md, "Bulk item"));
  g_assert_nonnull (strstr (md, "| Team | 1501 | 500 | 0 | 1 | 2002 |"));

  if (keel_report_can_pdf ())
    {
      gsize length;
      const char *data_ = NULL;

      pdf = keel_report_pdf_bytes (f->project, f->gate, f->findings, &error);
      g_assert_no_error (error);
      data_ = g_bytes_get_data (pdf, &length);
      /* Summarised: still a few pages, not hundreds. */
      g_assert_cmpuint (count_occurrences (data_, length, "/Type /Page "), <, 12);
    }
}

static void
test_markdown_empty_project (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *md = keel_report_markdown (f->project, f->gate, NULL);

  g_assert_nonnull (strstr (md, "# Readiness report: Empty\n"));
  g_assert_nonnull (strstr (md, "**Gate not passed:** 0 of 3 required signals met."));
  g_assert_nonnull (strstr (md, "| Retention plateau | Yes | No data | — |"));
  g_assert_nonnull (strstr (md, "| Open and scheduled | 0 | 0 days | 0 hours |"));
  g_assert_nonnull (strstr (md, "No open or scheduled debt is marked as a bottleneck under growth."));
  g_assert_nonnull (strstr (md, "0 items."));
  g_assert_true (g_str_has_suffix (md, "\n"));
  g_assert_false (g_str_has_suffix (md, "\n\n"));
}

/* ---- PDF ---- */

static void
assert_pdf (const char *data,
            gsize       length)
{
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  g_assert_cmpuint (count_occurrences (data + length - 32, 32, "%%EOF"), ==, 1);
  g_assert_cmpuint (count_occurrences (data, length, "/Type /Page "), >=, 1);
  g_assert_cmpuint (count_occurrences (data, length, "/MediaBox [ 0 0 595.27"), >=, 1);
}

static void
test_pdf_write (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  gsize length;

  if (!keel_report_can_pdf ())
    {
      g_assert_false (keel_report_pdf (f->project, f->gate, f->findings, path, &error));
      g_assert_error (error, KEEL_REPORT_ERROR, KEEL_REPORT_ERROR_UNSUPPORTED);
      g_test_skip ("built without cairo");
      return;
    }

  /* Over an existing file: replaced whole, and no side file left. */
  g_assert_true (g_file_set_contents (path, "old report", -1, &error));
  g_assert_no_error (error);
  g_assert_true (keel_report_pdf (f->project, f->gate, f->findings, path, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  assert_pdf (contents, length);
  /* Several pages: title and signals, board, debt, findings. */
  g_assert_cmpuint (count_occurrences (contents, length, "/Type /Page "), >=, 3);

  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "project.keel report.pdf");
}

static void
test_pdf_bytes_no_findings (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *pdf;

  if (!keel_report_can_pdf ())
    {
      g_test_skip ("built without cairo");
      return;
    }
  /* An empty project: no data, no charts, still a whole document. */
  bytes = keel_report_pdf_bytes (f->project, f->gate, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  pdf = g_bytes_get_data (bytes, &length);
  assert_pdf (pdf, length);
}

static void
test_pdf_missing_folder (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing", NULL);
  g_autofree char *path = g_build_filename (missing, "report.pdf", NULL);
  g_autofree char *listing = NULL;

  g_assert_false (keel_report_pdf (f->project, f->gate, f->findings, path, &error));
  g_assert_nonnull (error);
  if (keel_report_can_pdf ())
    g_assert_error (error, KEEL_REPORT_ERROR, KEEL_REPORT_ERROR_WRITE);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "project.keel");
}

static void
test_pdf_onto_folder (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (f->dir, "folder.pdf", NULL);
  g_autofree char *inside = NULL;

  if (!keel_report_can_pdf ())
    {
      g_test_skip ("built without cairo");
      return;
    }
  /* A folder where the file should go is refused and left as it was. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (keel_report_pdf (f->project, f->gate, f->findings, folder, &error));
  g_assert_error (error, KEEL_REPORT_ERROR, KEEL_REPORT_ERROR_WRITE);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  inside = list_dir (folder);
  g_assert_cmpstr (inside, ==, "");
}

static void
test_write_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "report.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *md = keel_report_markdown (f->project, f->gate, f->findings);
  g_autofree char *contents = NULL;

  g_assert_true (keel_report_write_file (file, md, strlen (md), &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, md);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("/keel/report/markdown/gate-and-signals", "rich.json", test_markdown_gate_and_signals);
  ADD ("/keel/report/markdown/board-and-debt", "rich.json", test_markdown_board_and_debt);
  ADD ("/keel/report/markdown/findings", "rich.json", test_markdown_findings);
  ADD ("/keel/report/markdown/escapes", "rich.json", test_markdown_escapes);
  ADD ("/keel/report/markdown/large-board", "rich.json", test_markdown_large_board);
  ADD ("/keel/report/markdown/empty-project", NULL, test_markdown_empty_project);
  ADD ("/keel/report/markdown/write-file", "rich.json", test_write_file);
  ADD ("/keel/report/pdf/write", "rich.json", test_pdf_write);
  ADD ("/keel/report/pdf/empty-project", NULL, test_pdf_bytes_no_findings);
  ADD ("/keel/report/pdf/missing-folder", "rich.json", test_pdf_missing_folder);
  ADD ("/keel/report/pdf/onto-folder", "rich.json", test_pdf_onto_folder);

  return g_test_run ();
}
