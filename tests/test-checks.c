/* test-checks.c: the engine of the sequencing checks — the public order of findings,
 * their JSON and text forms, and whole projects (one JSON file each in
 * tests/data/projects) where several rules meet, with the exact findings each gives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "keel-checks.h"
#include "keel-json.h"

/* ---- Helpers ---- */

static KeelFinding *
finding_new (const char      *rule,
             KeelSeverity     severity,
             KeelSubjectType  type,
             const char      *id,
             const char      *title,
             const char      *message)
{
  KeelFinding *f = g_new0 (KeelFinding, 1);

  f->rule = rule;
  f->severity = severity;
  f->subject_type = type;
  f->subject_id = g_strdup (id);
  f->subject_title = g_strdup (title);
  f->message = g_strdup (message);
  f->hint = g_strdup ("Do something about it.");
  return f;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

static KeelGate *
gate_new (const char *as_of,
          gboolean    passed,
          guint       met,
          guint       required)
{
  KeelGate *gate = g_new0 (KeelGate, 1);

  gate->as_of = g_strdup (as_of);
  gate->passed = passed;
  gate->met = met;
  gate->required = required;
  gate->results = g_ptr_array_new ();
  return gate;
}

static void
gate_free (KeelGate *gate)
{
  g_free (gate->as_of);
  g_ptr_array_unref (gate->results);
  g_free (gate);
}

/* ---- Order ---- */

static void
test_order (void)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) keel_finding_free);
  static const struct { const char *rule; const char *id; const char *message; } expected[] = {
    { "dependency-order", "it-10", "a" },
    { "dependency-order", "it-9", "a" },
    { "premature-scaling", "it-1", "a" },
    { "everything-at-once", NULL, "z" },
    { "wishlist-scope", "it-2", "a" },
    { "wishlist-scope", "it-2", "b" },
    { "wishlist-scope", "it-B", "a" },
    { "wishlist-scope", "it-a", "a" },
    { "unbacked-rearchitecture", "it-0", "a" },
  };

  /* Added in reverse-ish order, so that sorting has work to do. */
  g_ptr_array_add (findings, finding_new ("unbacked-rearchitecture", KEEL_SEVERITY_INFO, KEEL_SUBJECT_ITEM, "it-0", "t", "a"));
  g_ptr_array_add (findings, finding_new ("wishlist-scope", KEEL_SEVERITY_WARNING, KEEL_SUBJECT_ITEM, "it-a", "t", "a"));
  g_ptr_array_add (findings, finding_new ("wishlist-scope", KEEL_SEVERITY_WARNING, KEEL_SUBJECT_ITEM, "it-2", "t", "b"));
  g_ptr_array_add (findings, finding_new ("everything-at-once", KEEL_SEVERITY_WARNING, KEEL_SUBJECT_PROJECT, NULL, "p", "z"));
  g_ptr_array_add (findings, finding_new ("wishlist-scope", KEEL_SEVERITY_WARNING, KEEL_SUBJECT_ITEM, "it-B", "t", "a"));
  g_ptr_array_add (findings, finding_new ("premature-scaling", KEEL_SEVERITY_ERROR, KEEL_SUBJECT_ITEM, "it-1", "t", "a"));
  g_ptr_array_add (findings, finding_new ("wishlist-scope", KEEL_SEVERITY_WARNING, KEEL_SUBJECT_ITEM, "it-2", "t", "a"));
  g_ptr_array_add (findings, finding_new ("dependency-order", KEEL_SEVERITY_ERROR, KEEL_SUBJECT_ITEM, "it-9", "t", "a"));
  g_ptr_array_add (findings, finding_new ("dependency-order", KEEL_SEVERITY_ERROR, KEEL_SUBJECT_ITEM, "it-10", "t", "a"));

  keel_findings_sort (findings);

  g_assert_cmpuint (findings->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < findings->len; i++)
    {
      KeelFinding *f = g_ptr_array_index (findings, i);
      g_assert_cmpstr (f->rule, ==, expected[i].rule);
      g_assert_cmpstr (f->subject_id, ==, expected[i].id);
      g_assert_cmpstr (f->message, ==, expected[i].message);
    }

  g_assert_cmpuint (keel_findings_count (findings, KEEL_SEVERITY_ERROR), ==, 3);
  g_assert_cmpuint (keel_findings_count (findings, KEEL_SEVERITY_WARNING), ==, 5);
  g_assert_cmpuint (keel_findings_count (findings, KEEL_SEVERITY_INFO), ==, 1);
}

/* The engine's own output comes sorted, whatever order the objects were added in. */
static void
test_order_of_run (void)
{
  KeelGate *gate = gate_new ("2026-11-01", FALSE, 0, 3);
  g_autoptr(KeelCheckContext) context = keel_check_context_new ("Acme", NULL, gate);
  g_autoptr(GPtrArray) findings = NULL;
  const char *ids[] = { "it-9", "it-10", "it-1", "it-3" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(KeelItem) hire = keel_item_new (ids[i]);
      g_autoptr(KeelItem) rearch = NULL;
      g_autofree char *id = g_strconcat ("r", ids[i], NULL);

      g_free (hire->title);
      hire->title = g_strdup ("Hire");
      hire->kind = KEEL_ITEM_KIND_HIRING;
      hire->dimension = KEEL_DIMENSION_TEAM;
      hire->horizon = KEEL_HORIZON_NOW;
      hire->status = KEEL_STATUS_IN_PROGRESS;
      keel_check_context_add_item (context, hire);

      rearch = keel_item_new (id);
      g_free (rearch->title);
      rearch->title = g_strdup ("Split");
      rearch->kind = KEEL_ITEM_KIND_REARCHITECTURE;
      rearch->dimension = KEEL_DIMENSION_TECHNOLOGY;
      rearch->status = KEEL_STATUS_IN_PROGRESS;
      keel_check_context_add_item (context, rearch);
    }

  findings = keel_check_context_run (context, NULL);
  /* 4 premature-scaling errors, everything-at-once (8 in progress is at the limit, but
   * only two dimensions: none), 4 unbacked notes. */
  g_assert_cmpuint (findings->len, ==, 8);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (((KeelFinding *) findings->pdata[i])->rule, ==, "premature-scaling");
  g_assert_cmpstr (((KeelFinding *) findings->pdata[0])->subject_id, ==, "it-1");
  g_assert_cmpstr (((KeelFinding *) findings->pdata[1])->subject_id, ==, "it-10");
  g_assert_cmpstr (((KeelFinding *) findings->pdata[2])->subject_id, ==, "it-3");
  g_assert_cmpstr (((KeelFinding *) findings->pdata[3])->subject_id, ==, "it-9");
  g_assert_cmpstr (((KeelFinding *) findings->pdata[4])->subject_id, ==, "rit-1");
  g_assert_cmpstr (((KeelFinding *) findings->pdata[7])->rule, ==, "unbacked-rearchitecture");

  /* Running again gives the same findings: the snapshot is not consumed. */
  {
    g_autoptr(GPtrArray) again = keel_check_context_run (context, NULL);
    g_assert_cmpuint (again->len, ==, findings->len);
    for (guint i = 0; i < again->len; i++)
      g_assert_cmpstr (((KeelFinding *) again->pdata[i])->message, ==,
                       ((KeelFinding *) findings->pdata[i])->message);
  }

  g_clear_pointer (&context, keel_check_context_free);
  gate_free (gate);
}

/* ---- JSON ---- */

static GPtrArray *
sample_findings (void)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func ((GDestroyNotify) keel_finding_free);

  g_ptr_array_add (findings, finding_new ("premature-scaling", KEEL_SEVERITY_ERROR, KEEL_SUBJECT_ITEM,
                                          "it-4", "Hire four sales reps",
                                          "“Hire four sales reps” is planned for Now while the fit gate is not passed (1 of 3 signals met)."));
  g_ptr_array_add (findings, finding_new ("everything-at-once", KEEL_SEVERITY_WARNING, KEEL_SUBJECT_PROJECT,
                                          NULL, "Acme \"Notes\"", "9 items are in progress."));
  g_ptr_array_add (findings, finding_new ("ignored-bottleneck", KEEL_SEVERITY_WARNING, KEEL_SUBJECT_DEBT,
                                          "debt-1", "Tab\there\x1b[31m", "Line one\nline two \\ end"));
  g_ptr_array_add (findings, finding_new ("stale-evidence", KEEL_SEVERITY_WARNING, KEEL_SUBJECT_SIGNAL,
                                          "sig-ret", "Retention plateau", "Old."));
  g_ptr_array_add (findings, finding_new ("unbacked-rearchitecture", KEEL_SEVERITY_INFO, KEEL_SUBJECT_ITEM,
                                          "it-7", "Event sourcing", "No reason given."));
  return findings;
}

static void
test_json (void)
{
  KeelGate *gate = gate_new ("2026-11-01", FALSE, 1, 3);
  g_autoptr(GPtrArray) findings = sample_findings ();
  g_autofree char *text = keel_findings_to_json (gate, findings);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *gate_object, *finding, *subject;
  JsonArray *array;

  g_assert_true (g_str_has_suffix (text, "\n"));
  g_assert_true (keel_json_check_syntax (text, strlen (text), &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (root), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (root, "as_of"), ==, "2026-11-01");
  gate_object = json_object_get_object_member (root, "gate");
  g_assert_cmpuint (json_object_get_size (gate_object), ==, 3);
  g_assert_false (json_object_get_boolean_member (gate_object, "passed"));
  g_assert_cmpint (json_object_get_int_member (gate_object, "met"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (gate_object, "required"), ==, 3);

  array = json_object_get_array_member (root, "findings");
  g_assert_cmpuint (json_array_get_length (array), ==, 5);

  finding = json_array_get_object_element (array, 0);
  g_assert_cmpuint (json_object_get_size (finding), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (finding, "rule"), ==, "premature-scaling");
  g_assert_cmpstr (json_object_get_string_member (finding, "severity"), ==, "error");
  subject = json_object_get_object_member (finding, "subject");
  g_assert_cmpuint (json_object_get_size (subject), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (subject, "type"), ==, "item");
  g_assert_cmpstr (json_object_get_string_member (subject, "id"), ==, "it-4");
  g_assert_cmpstr (json_object_get_string_member (subject, "title"), ==, "Hire four sales reps");
  g_assert_cmpstr (json_object_get_string_member (finding, "message"), ==,
                   "“Hire four sales reps” is planned for Now while the fit gate is not passed (1 of 3 signals met).");
  g_assert_cmpstr (json_object_get_string_member (finding, "hint"), ==, "Do something about it.");

  /* The project: "id": null, and its title with quotes intact. */
  subject = json_object_get_object_member (json_array_get_object_element (array, 1), "subject");
  g_assert_cmpstr (json_object_get_string_member (subject, "type"), ==, "project");
  g_assert_true (json_object_has_member (subject, "id"));
  g_assert_true (json_object_get_null_member (subject, "id"));
  g_assert_cmpstr (json_object_get_string_member (subject, "title"), ==, "Acme \"Notes\"");

  /* Control characters survive the round trip. */
  finding = json_array_get_object_element (array, 2);
  subject = json_object_get_object_member (finding, "subject");
  g_assert_cmpstr (json_object_get_string_member (subject, "type"), ==, "debt");
  g_assert_cmpstr (json_object_get_string_member (subject, "title"), ==, "Tab\there\x1b[31m");
  g_assert_cmpstr (json_object_get_string_member (finding, "message"), ==, "Line one\nline two \\ end");

  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (array, 3), "subject"), "type"), ==, "signal");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 4), "severity"), ==, "info");

  gate_free (gate);
}

static void
test_json_empty (void)
{
  KeelGate *gate = gate_new ("2026-01-31", TRUE, 3, 3);
  g_autoptr(GPtrArray) findings = g_ptr_array_new ();
  g_autofree char *text = keel_findings_to_json (gate, findings);

  g_assert_cmpstr (text, ==,
                   "{\"as_of\": \"2026-01-31\", \"gate\": {\"passed\": true, \"met\": 3, \"required\": 3}, \"findings\": []}\n");
  gate_free (gate);
}

/* ---- Text ---- */

static void
test_text (void)
{
  KeelGate *gate = gate_new ("2026-11-01", FALSE, 1, 3);
  g_autoptr(GPtrArray) findings = sample_findings ();
  g_autofree char *text = keel_findings_to_text (gate, findings);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 14);
  g_assert_cmpstr (lines[0], ==,
                   "error[premature-scaling] item it-4 \"Hire four sales reps\": “Hire four sales reps” is planned for Now while the fit gate is not passed (1 of 3 signals met).");
  g_assert_cmpstr (lines[1], ==, "  hint: Do something about it.");
  g_assert_cmpstr (lines[2], ==, "warning[everything-at-once] project \"Acme \\\"Notes\\\"\": 9 items are in progress.");
  /* Nothing from a title or message reaches the terminal as a control character. */
  g_assert_cmpstr (lines[4], ==,
                   "warning[ignored-bottleneck] debt debt-1 \"Tab\\there\\u001b[31m\": Line one\\nline two \\ end");
  g_assert_null (strchr (text, '\x1b'));
  g_assert_null (strchr (text, '\t'));
  g_assert_cmpstr (lines[6], ==, "warning[stale-evidence] signal sig-ret \"Retention plateau\": Old.");
  g_assert_cmpstr (lines[8], ==, "info[unbacked-rearchitecture] item it-7 \"Event sourcing\": No reason given.");
  g_assert_cmpstr (lines[10], ==, "");
  g_assert_cmpstr (lines[11], ==, "As of 2026-11-01 the fit gate is not passed (1 of 3 signals met).");
  g_assert_cmpstr (lines[12], ==, "1 error, 3 warnings, 1 note");
  g_assert_cmpstr (lines[13], ==, "");

  gate_free (gate);
}

static void
test_text_summary (void)
{
  KeelGate *gate = gate_new ("2026-11-01", TRUE, 2, 2);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) keel_finding_free);
  g_autofree char *empty = keel_findings_to_text (gate, findings);
  g_autofree char *some = NULL;

  g_assert_cmpstr (empty, ==, "As of 2026-11-01 the fit gate is passed (2 of 2 signals met).\nNo findings.\n");

  for (guint i = 0; i < 2; i++)
    g_ptr_array_add (findings, finding_new ("premature-scaling", KEEL_SEVERITY_ERROR, KEEL_SUBJECT_ITEM, "it-1", "A", "m"));
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (findings, finding_new ("wishlist-scope", KEEL_SEVERITY_WARNING, KEEL_SUBJECT_ITEM, "it-2", "B", "m"));
  g_ptr_array_add (findings, finding_new ("unbacked-rearchitecture", KEEL_SEVERITY_INFO, KEEL_SUBJECT_ITEM, "it-3", "C", "m"));
  some = keel_findings_to_text (gate, findings);
  g_assert_true (g_str_has_suffix (some, "\n2 errors, 3 warnings, 1 note\n"));

  /* Only the kinds present are counted. */
  g_ptr_array_remove_range (findings, 0, 5);
  g_clear_pointer (&some, g_free);
  some = keel_findings_to_text (gate, findings);
  g_assert_true (g_str_has_suffix (some, "\n1 note\n"));

  gate_free (gate);
}

/* ---- Whole projects ---- */

typedef struct
{
  char         *dir;
  GFile        *file;
  KeelDocument *document;
  KeelProject  *project;
} Loaded;

static Loaded *
load_project (const char *name)
{
  Loaded *loaded = g_new0 (Loaded, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "projects", name, NULL);
  g_autofree char *json = NULL;
  g_autofree char *target = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &json, &length, &error));
  g_assert_no_error (error);

  loaded->dir = g_dir_make_tmp ("keel-checks-XXXXXX", &error);
  g_assert_no_error (error);
  target = g_build_filename (loaded->dir, "project.keel", NULL);
  loaded->file = g_file_new_for_path (target);

  loaded->document = keel_json_import_new_document (loaded->file, json, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded->document);
  loaded->project = keel_project_load (loaded->document, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded->project);

  return loaded;
}

static void
loaded_free (Loaded *loaded)
{
  g_clear_object (&loaded->project);
  keel_document_close (loaded->document);
  g_clear_object (&loaded->document);
  g_file_delete (loaded->file, NULL, NULL);
  g_clear_object (&loaded->file);
  g_rmdir (loaded->dir);
  g_free (loaded->dir);
  g_free (loaded);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

typedef struct
{
  const char   *rule;
  KeelSeverity  severity;
  const char   *subject_id;
  const char   *subject_title;
} Expected;

static void
assert_findings (GPtrArray      *findings,
                 const Expected *expected,
                 guint           n_expected)
{
  for (guint i = 0; i < findings->len; i++)
    {
      KeelFinding *f = g_ptr_array_index (findings, i);
      g_test_message ("%s %s %s: %s", keel_severity_to_string (f->severity), f->rule,
                      f->subject_id != NULL ? f->subject_id : "(project)", f->message);
    }

  g_assert_cmpuint (findings->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      KeelFinding *f = g_ptr_array_index (findings, i);

      g_assert_cmpstr (f->rule, ==, expected[i].rule);
      g_assert_cmpint (f->severity, ==, expected[i].severity);
      g_assert_cmpstr (f->subject_id, ==, expected[i].subject_id);
      g_assert_cmpstr (f->subject_title, ==, expected[i].subject_title);
      /* The message names its subject by title, so a person finds it at once. */
      if (f->subject_type != KEEL_SUBJECT_PROJECT)
        assert_contains (f->message, expected[i].subject_title);
    }
}

static const KeelFinding *
finding_about (GPtrArray  *findings,
               const char *rule,
               const char *subject_id)
{
  for (guint i = 0; i < findings->len; i++)
    {
      KeelFinding *f = g_ptr_array_index (findings, i);
      if (strcmp (f->rule, rule) == 0 && g_strcmp0 (f->subject_id, subject_id) == 0)
        return f;
    }
  g_error ("no %s finding about %s", rule, subject_id);
}

static void
test_project_seed_saas (void)
{
  g_autoptr(Loaded) loaded = load_project ("seed-saas.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelGate) gate = keel_gate_compute (loaded->project, "2026-11-01", &error);
  g_autoptr(GPtrArray) findings = NULL;
  static const Expected expected[] = {
    { "dependency-order", KEEL_SEVERITY_ERROR, "it-06", "Usage-based billing" },
    { "premature-scaling", KEEL_SEVERITY_ERROR, "it-04", "Hire two account executives" },
    { "premature-scaling", KEEL_SEVERITY_ERROR, "it-05", "Google Ads campaign for freelancers" },
    { "ignored-bottleneck", KEEL_SEVERITY_WARNING, "debt-01", "PDF rendering runs in the web request" },
    { "thin-sample", KEEL_SEVERITY_WARNING, "sig-se", "Sean Ellis survey" },
    { "wishlist-scope", KEEL_SEVERITY_WARNING, "it-03", "Dark mode" },
    { "unbacked-rearchitecture", KEEL_SEVERITY_INFO, "it-11", "Rate-limit the public API" },
  };

  g_assert_no_error (error);
  /* Retention has flattened; organic share is a third; 25 answers are too few. */
  g_assert_false (gate->passed);
  g_assert_cmpuint (gate->met, ==, 1);
  g_assert_cmpuint (gate->required, ==, 3);

  findings = keel_checks_run (loaded->project, gate);
  assert_findings (findings, expected, G_N_ELEMENTS (expected));

  g_assert_cmpstr (finding_about (findings, "premature-scaling", "it-04")->message, ==,
                   "“Hire two account executives” is planned for Now while the fit gate is not passed (1 of 3 signals met).");
  g_assert_cmpstr (finding_about (findings, "premature-scaling", "it-05")->message, ==,
                   "“Google Ads campaign for freelancers” is in progress while the fit gate is not passed (1 of 3 signals met).");
  g_assert_cmpstr (finding_about (findings, "dependency-order", "it-06")->message, ==,
                   "“Usage-based billing” is in progress while “Metering pipeline”, which it depends on, is not done.");
  g_assert_cmpstr (finding_about (findings, "ignored-bottleneck", "debt-01")->message, ==,
                   "No work in Now or in progress pays down the bottleneck “PDF rendering runs in the web request”, while “Upgrade to Rails 8”, technology work that pays down no debt, is in Now.");
  g_assert_cmpstr (finding_about (findings, "thin-sample", "sig-se")->message, ==,
                   "“Sean Ellis survey” has answers from 25 people who use the product; it needs at least 40.");
}

static void
test_project_marketplace (void)
{
  g_autoptr(Loaded) loaded = load_project ("marketplace.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelGate) gate = keel_gate_compute (loaded->project, "2026-11-01", &error);
  g_autoptr(GPtrArray) findings = NULL;
  static const Expected expected[] = {
    { "dependency-order", KEEL_SEVERITY_ERROR, "it-08", "Provider onboarding checklist" },
    { "dependency-order", KEEL_SEVERITY_ERROR, "it-09", "Provider verification flow" },
    { "everything-at-once", KEEL_SEVERITY_WARNING, NULL, "Stoop — neighbourhood home services" },
    { "rewrite-from-scratch", KEEL_SEVERITY_WARNING, "it-05", "Rewrite the matching engine in Go" },
  };

  g_assert_no_error (error);
  /* Every required signal is met, so growth and hiring in Now are fine; the stale
   * custom signal is not required. */
  g_assert_true (gate->passed);
  g_assert_cmpuint (gate->met, ==, 3);
  g_assert_cmpuint (gate->required, ==, 3);

  findings = keel_checks_run (loaded->project, gate);
  assert_findings (findings, expected, G_N_ELEMENTS (expected));

  g_assert_cmpint (((KeelFinding *) findings->pdata[2])->subject_type, ==, KEEL_SUBJECT_PROJECT);
  g_assert_cmpstr (((KeelFinding *) findings->pdata[2])->message, ==,
                   "Work is in progress in all four dimensions at once: 1 in technology, 2 in product, 1 in team and 1 in infrastructure.");
  g_assert_cmpstr (finding_about (findings, "dependency-order", "it-08")->message, ==,
                   "“Provider onboarding checklist” and “Provider verification flow” depend on each other, so neither can start first.");
  g_assert_cmpstr (finding_about (findings, "rewrite-from-scratch", "it-05")->message, ==,
                   "“Rewrite the matching engine in Go” is a rewrite from scratch, but none of the debts it pays down is marked as a hard ceiling.");
}

static void
test_project_developer_tool (void)
{
  g_autoptr(Loaded) loaded = load_project ("developer-tool.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelGate) gate = keel_gate_compute (loaded->project, "2026-11-01", &error);
  g_autoptr(GPtrArray) findings = NULL;
  static const Expected expected[] = {
    { "dependency-order", KEEL_SEVERITY_ERROR, "it-05", "Multi-region ingest" },
    { "dependency-order", KEEL_SEVERITY_ERROR, "it-09", "Plugin API" },
    { "premature-scaling", KEEL_SEVERITY_ERROR, "it-01", "Hire two developer advocates" },
    { "everything-at-once", KEEL_SEVERITY_WARNING, NULL, "Tracewise — tracing for backend teams" },
    { "ignored-bottleneck", KEEL_SEVERITY_WARNING, "debt-02", "Trace storage on a single disk" },
    { "stale-evidence", KEEL_SEVERITY_WARNING, "sig-ret", "Retention plateau" },
    { "wishlist-scope", KEEL_SEVERITY_WARNING, "it-03", "AI trace summaries" },
    { "unbacked-rearchitecture", KEEL_SEVERITY_INFO, "it-07", "Harden the ingest API" },
  };

  g_assert_no_error (error);
  /* Organic growth and the survey are met; retention data is from June, older than
   * this project's evidence age of 60 days. */
  g_assert_false (gate->passed);
  g_assert_cmpuint (gate->met, ==, 2);
  g_assert_cmpuint (gate->required, ==, 3);

  findings = keel_checks_run (loaded->project, gate);
  assert_findings (findings, expected, G_N_ELEMENTS (expected));

  g_assert_cmpstr (finding_about (findings, "everything-at-once", NULL)->message, ==,
                   "5 items are in progress across all four dimensions, more than the work-in-progress limit of 4.");
  g_assert_cmpstr (finding_about (findings, "dependency-order", "it-09")->message, ==,
                   "“Plugin API” depends on itself.");
  g_assert_cmpstr (finding_about (findings, "stale-evidence", "sig-ret")->message, ==,
                   "“Retention plateau” has no data newer than 2026-06-08, 146 days before 2026-11-01; the evidence age is 60 days.");
  assert_contains (finding_about (findings, "wishlist-scope", "it-03")->message, "only incidents or other notes");

  /* Without a gate, the rules that read the signals stay silent and the rest run. */
  {
    g_autoptr(GPtrArray) without = keel_checks_run (loaded->project, NULL);
    g_assert_cmpuint (without->len, ==, G_N_ELEMENTS (expected) - 2);
    for (guint i = 0; i < without->len; i++)
      {
        const char *rule = ((KeelFinding *) without->pdata[i])->rule;
        g_assert_cmpstr (rule, !=, "premature-scaling");
        g_assert_cmpstr (rule, !=, "stale-evidence");
      }
  }
}

/* The checks follow every edit: fixing what a finding says makes it go away. */
static void
test_project_edits (void)
{
  g_autoptr(Loaded) loaded = load_project ("seed-saas.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelGate) gate = keel_gate_compute (loaded->project, "2026-11-01", &error);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(KeelItem) hiring = NULL;
  g_autoptr(KeelItem) queue = NULL;
  g_autoptr(KeelItem) rails = NULL;

  g_assert_no_error (error);
  before = keel_checks_run (loaded->project, gate);
  g_assert_cmpuint (before->len, ==, 7);

  /* Hiring moves to Later. */
  hiring = keel_item_copy (keel_project_lookup_item (loaded->project, "it-04"));
  hiring->horizon = KEEL_HORIZON_LATER;
  g_assert_true (keel_project_update_item (loaded->project, hiring, &error));
  g_assert_no_error (error);

  /* The PDF queue, which pays down the bottleneck, moves to Now. */
  queue = keel_item_copy (keel_project_lookup_item (loaded->project, "it-09"));
  queue->horizon = KEEL_HORIZON_NOW;
  queue->status = KEEL_STATUS_PLANNED;
  g_assert_true (keel_project_update_item (loaded->project, queue, &error));
  g_assert_no_error (error);

  after = keel_checks_run (loaded->project, gate);
  g_assert_cmpuint (after->len, ==, 5);
  for (guint i = 0; i < after->len; i++)
    {
      KeelFinding *f = g_ptr_array_index (after, i);
      g_assert_cmpstr (f->subject_id, !=, "it-04");
      g_assert_cmpstr (f->rule, !=, "ignored-bottleneck");
    }

  /* A dropped item pays down nothing: dropping the queue brings the finding back. */
  g_clear_object (&queue);
  queue = keel_item_copy (keel_project_lookup_item (loaded->project, "it-09"));
  queue->status = KEEL_STATUS_DROPPED;
  g_assert_true (keel_project_update_item (loaded->project, queue, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = keel_checks_run (loaded->project, gate);
  g_assert_cmpuint (after->len, ==, 6);
  (void) finding_about (after, "ignored-bottleneck", "debt-01");

  /* And dropping the competing Rails upgrade silences it again. */
  rails = keel_item_copy (keel_project_lookup_item (loaded->project, "it-08"));
  rails->status = KEEL_STATUS_DROPPED;
  g_assert_true (keel_project_update_item (loaded->project, rails, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = keel_checks_run (loaded->project, gate);
  g_assert_cmpuint (after->len, ==, 5);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpstr (((KeelFinding *) after->pdata[i])->rule, !=, "ignored-bottleneck");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/keel/checks/order", test_order);
  g_test_add_func ("/keel/checks/order-of-run", test_order_of_run);
  g_test_add_func ("/keel/checks/json", test_json);
  g_test_add_func ("/keel/checks/json-empty", test_json_empty);
  g_test_add_func ("/keel/checks/text", test_text);
  g_test_add_func ("/keel/checks/text-summary", test_text_summary);
  g_test_add_func ("/keel/checks/project/seed-saas", test_project_seed_saas);
  g_test_add_func ("/keel/checks/project/marketplace", test_project_marketplace);
  g_test_add_func ("/keel/checks/project/developer-tool", test_project_developer_tool);
  g_test_add_func ("/keel/checks/project/edits", test_project_edits);

  return g_test_run ();
}
