/* test-project.c: KeelProject — loading, every edit, validation, ids, links.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "keel-document.h"
#include "keel-test-project.h"

/* ---- Helpers ---- */

static void
exec_sql (KeelDb     *db,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  keel_db_exec (db, sql, &error);
  g_assert_no_error (error);
}

/* A small project: two evidence, a debt linked to ev-1, three items. */
static void
populate (KeelProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelEvidence) ev1 = make_evidence ("ev-1", "34% of weekly actives export");
  g_autoptr(KeelEvidence) ev2 = make_evidence ("ev-2", "Support tickets about sync");
  g_autoptr(KeelDebt) debt = make_debt ("debt-1", "Single Postgres instance");
  g_autoptr(KeelItem) it1 = make_item ("it-1", "PDF export templates", KEEL_DIMENSION_PRODUCT,
                                       KEEL_HORIZON_NOW, 0);
  g_autoptr(KeelItem) it2 = make_item ("it-2", "Read replicas", KEEL_DIMENSION_TECHNOLOGY,
                                       KEEL_HORIZON_NEXT, 0);
  g_autoptr(KeelItem) it3 = make_item ("it-3", "Hire an SRE", KEEL_DIMENSION_TEAM,
                                       KEEL_HORIZON_LATER, 0);

  ev1->has_value = TRUE;
  ev1->value = 0.34;
  g_free (ev1->unit);
  ev1->unit = g_strdup ("share");
  add_link (debt->evidence, "ev-1");
  debt->bottleneck = TRUE;
  add_link (it1->evidence, "ev-1");
  add_link (it1->evidence, "ev-2");
  add_link (it2->debts, "debt-1");
  add_link (it2->evidence, "ev-1");
  add_link (it2->depends_on, "it-1");
  it3->kind = KEEL_ITEM_KIND_HIRING;
  add_link (it3->depends_on, "it-2");

  g_assert_true (keel_project_add_evidence (project, ev1, &error));
  g_assert_true (keel_project_add_evidence (project, ev2, &error));
  g_assert_true (keel_project_add_debt (project, debt, &error));
  g_assert_true (keel_project_add_item (project, it1, &error));
  g_assert_true (keel_project_add_item (project, it2, &error));
  g_assert_true (keel_project_add_item (project, it3, &error));
  g_assert_true (keel_project_add_default_signals (project, &error));
  g_assert_no_error (error);
}

/* ---- Tests ---- */

static void
test_load_empty (ProjectFixture *f,
                 gconstpointer   data)
{
  KeelSettings defaults;

  keel_settings_init_defaults (&defaults);
  g_assert_cmpstr (keel_project_get_name (f->project), ==, "");
  g_assert_true (keel_settings_equal (keel_project_get_settings (f->project), &defaults));
  g_assert_cmpint (keel_project_get_retention_period (f->project), ==, KEEL_RETENTION_PERIOD_WEEK);
  g_assert_cmpuint (g_list_model_get_n_items (keel_project_get_items (f->project)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (keel_project_get_evidence (f->project)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (keel_project_get_debts (f->project)), ==, 0);
  /* Loading invents no signals. */
  g_assert_cmpuint (g_list_model_get_n_items (keel_project_get_signals (f->project)), ==, 0);
  g_assert_cmpuint (g_hash_table_size (keel_project_get_channel_classes (f->project)), ==, 0);
  g_assert_false (keel_project_can_undo (f->project));
  g_assert_false (keel_project_can_redo (f->project));
  g_assert_null (keel_project_get_undo_label (f->project));
  g_assert_true (keel_project_get_document (f->project) == NULL);
  g_assert_true (keel_project_get_db (f->project) == f->db);
}

static void
test_default_signals (ProjectFixture *f,
                      gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  GListModel *signals = keel_project_get_signals (f->project);
  static const char * const ids[] = { "sig-ret", "sig-org", "sig-se" };
  static const KeelSignalKind kinds[] = {
    KEEL_SIGNAL_KIND_RETENTION_PLATEAU, KEEL_SIGNAL_KIND_ORGANIC_GROWTH, KEEL_SIGNAL_KIND_SEAN_ELLIS,
  };
  Recorder r;

  recorder_attach (&r, f->project);
  g_assert_true (keel_project_add_default_signals (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.n_changed, ==, 1);
  g_assert_cmpuint (r.flags, ==, KEEL_CHANGE_SIGNALS);
  g_assert_cmpuint (r.n_items_changed[3], ==, 1);

  g_assert_cmpuint (g_list_model_get_n_items (signals), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(KeelSignal) s = g_list_model_get_item (signals, i);

      g_assert_cmpstr (s->id, ==, ids[i]);
      g_assert_cmpint (s->kind, ==, kinds[i]);
      g_assert_true (s->required);
      g_assert_null (s->name);
    }

  /* A new project starts with no history. */
  g_assert_false (keel_project_can_undo (f->project));

  /* Again: every kind is there already. */
  recorder_reset (&r);
  g_assert_true (keel_project_add_default_signals (f->project, &error));
  g_assert_cmpuint (g_list_model_get_n_items (signals), ==, 3);
  g_assert_cmpuint (r.n_changed, ==, 0);

  assert_reload_matches (f);
  recorder_detach (&r, f->project);
}

static void
test_load_round_trip (ProjectFixture *f,
                      gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelSignal) custom = keel_signal_new ("sig-pay", KEEL_SIGNAL_KIND_CUSTOM);
  KeelSettings settings = *keel_project_get_settings (f->project);

  populate (f->project);

  custom->name = g_strdup ("Paid conversion");
  custom->has_value = custom->has_target = TRUE;
  custom->value = 0.05;
  custom->target = 0.04;
  custom->comparison = KEEL_COMPARISON_GT;
  custom->date = g_strdup ("2026-10-01");
  custom->source = g_strdup ("billing");
  custom->position = 10;
  g_assert_true (keel_project_add_signal (f->project, custom, &error));

  settings.pmf_threshold = 0.45;
  settings.wip_limit = 5;
  g_assert_true (keel_project_set_settings (f->project, &settings, &error));
  g_assert_true (keel_project_set_name (f->project, "Acme Notes", &error));
  g_assert_true (keel_project_set_retention_period (f->project, KEEL_RETENTION_PERIOD_MONTH, &error));
  g_assert_true (keel_project_set_channel_class (f->project, "Paid_Search", KEEL_CHANNEL_CLASS_PAID, &error));
  g_assert_no_error (error);

  assert_reload_matches (f);
}

static void
test_list_order (ProjectFixture *f,
                 gconstpointer   data)
{
  static const char * const ids[] = { "b", "a", "B", "\xc3\xa9", "a-10", "a-9", "Z" };
  static const char * const sorted[] = { "B", "Z", "a", "a-10", "a-9", "b", "\xc3\xa9" };
  GListModel *items = keel_project_get_items (f->project);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KeelItem) it = make_item (ids[i], "Item", KEEL_DIMENSION_PRODUCT, KEEL_HORIZON_NOW, i);

      g_assert_true (keel_project_add_item (f->project, it, &error));
      g_assert_no_error (error);
      /* The caller's object is the project's now. */
      g_assert_true (keel_project_lookup_item (f->project, ids[i]) == it);
    }

  g_assert_cmpuint (g_list_model_get_n_items (items), ==, G_N_ELEMENTS (sorted));
  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    {
      g_autoptr(KeelItem) it = g_list_model_get_item (items, i);
      g_assert_cmpstr (it->id, ==, sorted[i]);
    }

  assert_reload_matches (f);
}

static void
test_evidence_edits (ProjectFixture *f,
                     gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelEvidence) e = make_evidence ("ev-1", "Interviews");
  g_autoptr(KeelEvidence) draft = NULL;
  KeelEvidence *live;

  g_free (e->unit);
  e->unit = g_strdup ("");  /* normalized to NULL */
  g_free (e->source);
  e->source = NULL;         /* normalized to "" */
  g_assert_true (keel_project_add_evidence (f->project, e, &error));
  g_assert_no_error (error);
  live = keel_project_lookup_evidence (f->project, "ev-1");
  g_assert_true (live == e);
  g_assert_null (live->unit);
  g_assert_cmpstr (live->source, ==, "");
  g_assert_cmpstr (keel_project_lookup_title (f->project, "ev-1"), ==, "Interviews");

  draft = keel_evidence_copy (live);
  draft->kind = KEEL_EVIDENCE_KIND_INTERVIEW;
  g_free (draft->summary);
  draft->summary = g_strdup ("12 interviews");
  draft->has_value = TRUE;
  draft->value = -3.5;  /* values may be negative (a change) */
  g_assert_true (keel_project_update_evidence (f->project, draft, &error));
  g_assert_no_error (error);
  /* Updated in place: the same object. */
  g_assert_true (keel_project_lookup_evidence (f->project, "ev-1") == live);
  g_assert_cmpint (live->kind, ==, KEEL_EVIDENCE_KIND_INTERVIEW);
  g_assert_cmpfloat (live->value, ==, -3.5);
  assert_reload_matches (f);

  g_assert_true (keel_project_delete_evidence (f->project, "ev-1", &error));
  g_assert_no_error (error);
  g_assert_null (keel_project_lookup_evidence (f->project, "ev-1"));
  g_assert_cmpuint (g_list_model_get_n_items (keel_project_get_evidence (f->project)), ==, 0);
  assert_reload_matches (f);

  g_assert_false (keel_project_delete_evidence (f->project, "ev-1", &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_UNKNOWN_ID);
  g_clear_error (&error);
  g_assert_false (keel_project_update_evidence (f->project, draft, &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_UNKNOWN_ID);
}

static void
test_item_edits (ProjectFixture *f,
                 gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelItem) draft = NULL;
  KeelItem *live;
  Recorder r;

  populate (f->project);
  recorder_attach (&r, f->project);
  live = keel_project_lookup_item (f->project, "it-1");
  recorder_watch (&r, live);

  draft = keel_item_copy (live);
  g_free (draft->title);
  draft->title = g_strdup ("PDF export, with templates");
  draft->status = KEEL_STATUS_IN_PROGRESS;
  draft->has_effort_days = TRUE;
  draft->effort_days = 5;
  draft->owner = g_strdup ("Mia");
  draft->target = g_strdup ("2026-12-15");
  g_ptr_array_remove_index (draft->evidence, 0);
  add_link (draft->debts, "debt-1");
  add_link (draft->depends_on, "it-1");  /* on itself: allowed, the checks report it */
  g_assert_true (keel_project_update_item (f->project, draft, &error));
  g_assert_no_error (error);

  g_assert_true (keel_item_equal (live, draft));
  g_assert_cmpuint (r.n_changed, ==, 1);
  g_assert_cmpuint (r.flags, ==, KEEL_CHANGE_ITEMS);
  g_assert_cmpuint (recorder_count_entity (&r, live), ==, 1);
  /* An update changes no list. */
  g_assert_cmpuint (r.n_items_changed[1], ==, 0);
  g_assert_cmpstr (keel_project_get_undo_label (f->project), ==, "Edit “PDF export, with templates”");
  assert_reload_matches (f);

  /* The same again is no edit. */
  recorder_reset (&r);
  g_assert_true (keel_project_update_item (f->project, draft, &error));
  g_assert_cmpuint (r.n_changed, ==, 0);

  g_assert_true (keel_project_delete_item (f->project, "it-3", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.n_changed, ==, 1);
  g_assert_cmpuint (r.n_items_changed[1], ==, 1);
  g_assert_null (keel_project_lookup_item (f->project, "it-3"));
  assert_reload_matches (f);
  recorder_detach (&r, f->project);
}

static void
test_debt_edits (ProjectFixture *f,
                 gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDebt) draft = NULL;
  KeelDebt *live;

  populate (f->project);
  live = keel_project_lookup_debt (f->project, "debt-1");
  draft = keel_debt_copy (live);
  draft->status = KEEL_DEBT_STATUS_SCHEDULED;
  draft->hard_ceiling = TRUE;
  draft->quadrant = KEEL_QUADRANT_RECKLESS_INADVERTENT;
  draft->owner = g_strdup ("Ops");
  add_link (draft->evidence, "ev-2");
  g_assert_true (keel_project_update_debt (f->project, draft, &error));
  g_assert_no_error (error);
  g_assert_true (keel_project_lookup_debt (f->project, "debt-1") == live);
  g_assert_true (keel_debt_equal (live, draft));
  assert_reload_matches (f);

  g_assert_true (keel_project_delete_debt (f->project, "debt-1", &error));
  g_assert_no_error (error);
  g_assert_null (keel_project_lookup_debt (f->project, "debt-1"));
  /* it-2 paid it down: the link is gone. */
  g_assert_cmpuint (keel_project_lookup_item (f->project, "it-2")->debts->len, ==, 0);
  assert_reload_matches (f);
}

static void
test_signal_edits (ProjectFixture *f,
                   gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelSignal) custom = keel_signal_new ("sig-pay", KEEL_SIGNAL_KIND_CUSTOM);
  g_autoptr(KeelSignal) draft = NULL;
  g_autoptr(KeelSignal) second = keel_signal_new ("sig-se2", KEEL_SIGNAL_KIND_SEAN_ELLIS);
  GListModel *signals = keel_project_get_signals (f->project);
  KeelSignal *first;

  populate (f->project);
  custom->position = 3;
  g_assert_true (keel_project_add_signal (f->project, custom, &error));
  g_assert_no_error (error);

  /* Moving a signal first re-sorts the list. */
  draft = keel_signal_copy (custom);
  draft->position = -1;
  draft->required = TRUE;
  draft->name = g_strdup ("Paid conversion");
  g_assert_true (keel_project_update_signal (f->project, draft, &error));
  g_assert_no_error (error);
  first = g_list_model_get_item (signals, 0);
  g_assert_true (first == custom);
  g_object_unref (first);
  g_assert_cmpstr (keel_project_lookup_title (f->project, "sig-pay"), ==, "Paid conversion");
  g_assert_cmpstr (keel_project_lookup_title (f->project, "sig-se"), ==, "Sean Ellis survey");
  assert_reload_matches (f);

  /* One signal per data kind. */
  g_assert_false (keel_project_add_signal (f->project, second, &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (keel_project_delete_signal (f->project, "sig-se", &error));
  g_assert_no_error (error);
  g_assert_true (keel_project_add_signal (f->project, second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (signals), ==, 4);
  assert_reload_matches (f);
}

typedef void (*Mutate) (GObject *object);

static void bad_empty_id (GObject *o) { if (KEEL_IS_ITEM (o)) { g_free (KEEL_ITEM (o)->id); KEEL_ITEM (o)->id = g_strdup (""); } }
static void bad_title (GObject *o) { g_free (KEEL_ITEM (o)->title); KEEL_ITEM (o)->title = g_strdup ("  "); }
static void bad_target (GObject *o) { g_free (KEEL_ITEM (o)->target); KEEL_ITEM (o)->target = g_strdup ("2026-02-30"); }
static void bad_dimension (GObject *o) { KEEL_ITEM (o)->dimension = KEEL_N_DIMENSIONS; }
static void bad_kind (GObject *o) { KEEL_ITEM (o)->kind = (KeelItemKind) -1; }
static void bad_horizon (GObject *o) { KEEL_ITEM (o)->horizon = 7; }
static void bad_status (GObject *o) { KEEL_ITEM (o)->status = KEEL_N_STATUSES; }
static void bad_effort (GObject *o) { KEEL_ITEM (o)->has_effort_days = TRUE; KEEL_ITEM (o)->effort_days = -1; }
static void bad_effort_nan (GObject *o) { KEEL_ITEM (o)->has_effort_days = TRUE; KEEL_ITEM (o)->effort_days = NAN; }
static void bad_position (GObject *o) { KEEL_ITEM (o)->position = -2; }
static void bad_evidence_link (GObject *o) { add_link (KEEL_ITEM (o)->evidence, "ev-404"); }
static void bad_evidence_kind_link (GObject *o) { add_link (KEEL_ITEM (o)->evidence, "debt-1"); }
static void bad_debt_link (GObject *o) { add_link (KEEL_ITEM (o)->debts, "ev-1"); }
static void bad_dependency (GObject *o) { add_link (KEEL_ITEM (o)->depends_on, "it-404"); }
static void bad_repeat (GObject *o) { add_link (KEEL_ITEM (o)->evidence, "ev-2"); add_link (KEEL_ITEM (o)->evidence, "ev-2"); }
static void bad_utf8 (GObject *o) { g_free (KEEL_ITEM (o)->owner); KEEL_ITEM (o)->owner = g_strdup ("\xff\xfe"); }
static void bad_debt_title (GObject *o) { g_free (KEEL_DEBT (o)->title); KEEL_DEBT (o)->title = g_strdup (""); }
static void bad_principal (GObject *o) { KEEL_DEBT (o)->principal_days = -0.5; }
static void bad_interest (GObject *o) { KEEL_DEBT (o)->interest_hours_per_week = INFINITY; }
static void bad_recorded (GObject *o) { g_free (KEEL_DEBT (o)->recorded); KEEL_DEBT (o)->recorded = g_strdup ("2026-6-1"); }
static void bad_recorded_null (GObject *o) { g_clear_pointer (&KEEL_DEBT (o)->recorded, g_free); }
static void bad_quadrant (GObject *o) { KEEL_DEBT (o)->quadrant = KEEL_N_QUADRANTS; }
static void bad_debt_status (GObject *o) { KEEL_DEBT (o)->status = KEEL_N_DEBT_STATUSES; }
static void bad_debt_evidence (GObject *o) { add_link (KEEL_DEBT (o)->evidence, "it-1"); }
static void bad_evidence_date (GObject *o) { g_free (KEEL_EVIDENCE (o)->date); KEEL_EVIDENCE (o)->date = g_strdup ("yesterday"); }
static void bad_evidence_value (GObject *o) { KEEL_EVIDENCE (o)->has_value = TRUE; KEEL_EVIDENCE (o)->value = NAN; }
static void bad_evidence_kind (GObject *o) { KEEL_EVIDENCE (o)->kind = KEEL_N_EVIDENCE_KINDS; }
static void bad_signal_comparison (GObject *o) { KEEL_SIGNAL (o)->comparison = KEEL_N_COMPARISONS; }
static void bad_signal_date (GObject *o) { g_free (KEEL_SIGNAL (o)->date); KEEL_SIGNAL (o)->date = g_strdup ("2026-13-01"); }
static void bad_signal_kind (GObject *o) { KEEL_SIGNAL (o)->kind = KEEL_N_SIGNAL_KINDS; }
static void bad_signal_value (GObject *o) { KEEL_SIGNAL (o)->has_value = TRUE; KEEL_SIGNAL (o)->value = INFINITY; }

static const struct {
  const char *name;
  const char *id;      /* the entity to change */
  Mutate      mutate;
  int         code;
} bad_edits[] = {
  { "empty-id", "it-1", bad_empty_id, KEEL_PROJECT_ERROR_UNKNOWN_ID },
  { "title", "it-1", bad_title, KEEL_PROJECT_ERROR_INVALID },
  { "target", "it-1", bad_target, KEEL_PROJECT_ERROR_INVALID },
  { "dimension", "it-1", bad_dimension, KEEL_PROJECT_ERROR_INVALID },
  { "kind", "it-1", bad_kind, KEEL_PROJECT_ERROR_INVALID },
  { "horizon", "it-1", bad_horizon, KEEL_PROJECT_ERROR_INVALID },
  { "status", "it-1", bad_status, KEEL_PROJECT_ERROR_INVALID },
  { "effort", "it-1", bad_effort, KEEL_PROJECT_ERROR_INVALID },
  { "effort-nan", "it-1", bad_effort_nan, KEEL_PROJECT_ERROR_INVALID },
  { "position", "it-1", bad_position, KEEL_PROJECT_ERROR_INVALID },
  { "evidence-link", "it-1", bad_evidence_link, KEEL_PROJECT_ERROR_DANGLING_LINK },
  { "evidence-link-kind", "it-1", bad_evidence_kind_link, KEEL_PROJECT_ERROR_DANGLING_LINK },
  { "debt-link", "it-1", bad_debt_link, KEEL_PROJECT_ERROR_DANGLING_LINK },
  { "dependency", "it-1", bad_dependency, KEEL_PROJECT_ERROR_DANGLING_LINK },
  { "repeated-link", "it-3", bad_repeat, KEEL_PROJECT_ERROR_INVALID },
  { "utf8", "it-1", bad_utf8, KEEL_PROJECT_ERROR_INVALID },
  { "debt-title", "debt-1", bad_debt_title, KEEL_PROJECT_ERROR_INVALID },
  { "principal", "debt-1", bad_principal, KEEL_PROJECT_ERROR_INVALID },
  { "interest", "debt-1", bad_interest, KEEL_PROJECT_ERROR_INVALID },
  { "recorded", "debt-1", bad_recorded, KEEL_PROJECT_ERROR_INVALID },
  { "recorded-missing", "debt-1", bad_recorded_null, KEEL_PROJECT_ERROR_INVALID },
  { "quadrant", "debt-1", bad_quadrant, KEEL_PROJECT_ERROR_INVALID },
  { "debt-status", "debt-1", bad_debt_status, KEEL_PROJECT_ERROR_INVALID },
  { "debt-evidence", "debt-1", bad_debt_evidence, KEEL_PROJECT_ERROR_DANGLING_LINK },
  { "evidence-date", "ev-1", bad_evidence_date, KEEL_PROJECT_ERROR_INVALID },
  { "evidence-value", "ev-1", bad_evidence_value, KEEL_PROJECT_ERROR_INVALID },
  { "evidence-kind", "ev-1", bad_evidence_kind, KEEL_PROJECT_ERROR_INVALID },
  { "signal-kind", "sig-se", bad_signal_kind, KEEL_PROJECT_ERROR_INVALID },
};

static void
test_validation (ProjectFixture *f,
                 gconstpointer   data)
{
  g_autofree char *project_before = NULL;
  g_autofree char *db_before = NULL;
  Recorder r;

  populate (f->project);
  project_before = project_dump (f->project);
  db_before = db_dump (f->db);
  recorder_attach (&r, f->project);

  for (guint i = 0; i < G_N_ELEMENTS (bad_edits); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GObject) draft = NULL;
      g_autofree char *project_after = NULL;
      g_autofree char *db_after = NULL;
      const char *title = keel_project_lookup_title (f->project, bad_edits[i].id);
      gboolean ok;

      g_test_message ("update: %s", bad_edits[i].name);

      if (keel_project_lookup_item (f->project, bad_edits[i].id))
        draft = G_OBJECT (keel_item_copy (keel_project_lookup_item (f->project, bad_edits[i].id)));
      else if (keel_project_lookup_debt (f->project, bad_edits[i].id))
        draft = G_OBJECT (keel_debt_copy (keel_project_lookup_debt (f->project, bad_edits[i].id)));
      else if (keel_project_lookup_evidence (f->project, bad_edits[i].id))
        draft = G_OBJECT (keel_evidence_copy (keel_project_lookup_evidence (f->project, bad_edits[i].id)));
      else
        draft = G_OBJECT (keel_signal_copy (keel_project_lookup_signal (f->project, bad_edits[i].id)));

      bad_edits[i].mutate (draft);

      if (KEEL_IS_ITEM (draft))
        ok = keel_project_update_item (f->project, KEEL_ITEM (draft), &error);
      else if (KEEL_IS_DEBT (draft))
        ok = keel_project_update_debt (f->project, KEEL_DEBT (draft), &error);
      else if (KEEL_IS_EVIDENCE (draft))
        ok = keel_project_update_evidence (f->project, KEEL_EVIDENCE (draft), &error);
      else
        ok = keel_project_update_signal (f->project, KEEL_SIGNAL (draft), &error);

      g_assert_false (ok);
      g_assert_error (error, KEEL_PROJECT_ERROR, bad_edits[i].code);
      /* The message names the entity (unless its id was the problem). */
      if (bad_edits[i].code != KEEL_PROJECT_ERROR_UNKNOWN_ID && !KEEL_IS_SIGNAL (draft)
          && bad_edits[i].mutate != bad_title && bad_edits[i].mutate != bad_debt_title)
        g_assert_nonnull (strstr (error->message, title));

      project_after = project_dump (f->project);
      db_after = db_dump (f->db);
      g_assert_cmpstr (project_after, ==, project_before);
      g_assert_cmpstr (db_after, ==, db_before);
    }

  /* The same mutations refused on add, with fresh ids. */
  for (guint i = 0; i < G_N_ELEMENTS (bad_edits); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GObject) fresh = NULL;
      gboolean ok;

      g_test_message ("add: %s", bad_edits[i].name);

      if (keel_project_lookup_item (f->project, bad_edits[i].id))
        fresh = G_OBJECT (make_item ("new-1", "New", KEEL_DIMENSION_PRODUCT, KEEL_HORIZON_NOW, 0));
      else if (keel_project_lookup_debt (f->project, bad_edits[i].id))
        fresh = G_OBJECT (make_debt ("new-1", "New"));
      else if (keel_project_lookup_evidence (f->project, bad_edits[i].id))
        fresh = G_OBJECT (make_evidence ("new-1", "New"));
      else
        fresh = G_OBJECT (keel_signal_new ("new-1", KEEL_SIGNAL_KIND_CUSTOM));

      bad_edits[i].mutate (fresh);

      if (KEEL_IS_ITEM (fresh))
        ok = keel_project_add_item (f->project, KEEL_ITEM (fresh), &error);
      else if (KEEL_IS_DEBT (fresh))
        ok = keel_project_add_debt (f->project, KEEL_DEBT (fresh), &error);
      else if (KEEL_IS_EVIDENCE (fresh))
        ok = keel_project_add_evidence (f->project, KEEL_EVIDENCE (fresh), &error);
      else
        ok = keel_project_add_signal (f->project, KEEL_SIGNAL (fresh), &error);

      g_assert_false (ok);
      if (bad_edits[i].code == KEEL_PROJECT_ERROR_UNKNOWN_ID)
        g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID);
      else
        g_assert_error (error, KEEL_PROJECT_ERROR, bad_edits[i].code);
    }

  /* Custom signal fields. */
  {
    Mutate signal_mutations[] = { bad_signal_date, bad_signal_value, bad_signal_comparison };

    for (guint i = 0; i < G_N_ELEMENTS (signal_mutations); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(KeelSignal) s = keel_signal_new ("sig-x", KEEL_SIGNAL_KIND_CUSTOM);

        signal_mutations[i] (G_OBJECT (s));
        g_assert_false (keel_project_add_signal (f->project, s, &error));
        g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID);
      }
  }

  /* Name and settings. */
  {
    g_autoptr(GError) error = NULL;
    KeelSettings settings = *keel_project_get_settings (f->project);

    g_assert_false (keel_project_set_name (f->project, " ", &error));
    g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (keel_project_set_name (f->project, "\xc3", &error));
    g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID);
    g_clear_error (&error);
    settings.pmf_threshold = 1.2;
    g_assert_false (keel_project_set_settings (f->project, &settings, &error));
    g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "pmf_threshold"));
    g_clear_error (&error);
    g_assert_false (keel_project_set_retention_period (f->project, 5, &error));
    g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (keel_project_set_channel_class (f->project, "", KEEL_CHANNEL_CLASS_PAID, &error));
    g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (keel_project_set_channel_class (f->project, "ads", 9, &error));
    g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (keel_project_move_item (f->project, "it-1", 9, KEEL_HORIZON_NOW, 0, &error));
    g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (keel_project_move_item (f->project, "it-404", 0, KEEL_HORIZON_NOW, 0, &error));
    g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_UNKNOWN_ID);
  }

  {
    g_autofree char *project_after = project_dump (f->project);
    g_autofree char *db_after = db_dump (f->db);

    g_assert_cmpstr (project_after, ==, project_before);
    g_assert_cmpstr (db_after, ==, db_before);
  }

  /* Nothing was announced, nothing can be undone beyond populate's edits. */
  g_assert_cmpuint (r.n_changed, ==, 0);
  g_assert_cmpuint (r.n_items_changed[0] + r.n_items_changed[1] + r.n_items_changed[2]
                    + r.n_items_changed[3], ==, 0);
  recorder_detach (&r, f->project);
}

static void
test_ids_unique_across_kinds (ProjectFixture *f,
                              gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelItem) it = make_item ("ev-1", "Clash", KEEL_DIMENSION_TEAM, KEEL_HORIZON_NOW, 0);
  g_autoptr(KeelEvidence) ev = make_evidence ("it-1", "Clash");
  g_autoptr(KeelDebt) debt = make_debt ("sig-se", "Clash");
  g_autoptr(KeelSignal) sig = keel_signal_new ("debt-1", KEEL_SIGNAL_KIND_CUSTOM);
  g_autoptr(KeelItem) same = make_item ("it-2", "Clash", KEEL_DIMENSION_TEAM, KEEL_HORIZON_NOW, 0);
  g_autofree char *id = NULL;

  populate (f->project);

  g_assert_false (keel_project_add_item (f->project, it, &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_DUPLICATE_ID);
  g_assert_nonnull (strstr (error->message, "ev-1"));
  g_clear_error (&error);
  g_assert_false (keel_project_add_evidence (f->project, ev, &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_DUPLICATE_ID);
  g_clear_error (&error);
  g_assert_false (keel_project_add_debt (f->project, debt, &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_DUPLICATE_ID);
  g_clear_error (&error);
  g_assert_false (keel_project_add_signal (f->project, sig, &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_DUPLICATE_ID);
  g_clear_error (&error);
  g_assert_false (keel_project_add_item (f->project, same, &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_DUPLICATE_ID);
  g_clear_error (&error);

  /* An update cannot reach an entity of another kind through its id. */
  {
    g_autoptr(KeelItem) draft = make_item ("ev-1", "Not an item", KEEL_DIMENSION_TEAM, KEEL_HORIZON_NOW, 0);

    g_assert_false (keel_project_update_item (f->project, draft, &error));
    g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_UNKNOWN_ID);
    g_clear_error (&error);
    g_assert_false (keel_project_delete_item (f->project, "ev-1", &error));
    g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_UNKNOWN_ID);
    g_clear_error (&error);
  }

  id = keel_project_new_id (f->project, "it");
  g_assert_cmpstr (id, ==, "it-4");
  g_free (id);
  id = keel_project_new_id (f->project, "sig");
  g_assert_cmpstr (id, ==, "sig-1");
  g_free (id);
  id = keel_project_new_id (f->project, "x");
  g_assert_cmpstr (id, ==, "x-1");
}

static void
test_delete_removes_links (ProjectFixture *f,
                           gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) referrers = NULL;
  KeelItem *it1, *it2, *it3;
  KeelDebt *debt;
  Recorder r;

  populate (f->project);
  it1 = keel_project_lookup_item (f->project, "it-1");
  it2 = keel_project_lookup_item (f->project, "it-2");
  it3 = keel_project_lookup_item (f->project, "it-3");
  debt = keel_project_lookup_debt (f->project, "debt-1");

  referrers = keel_project_list_referrers (f->project, "ev-1");
  g_assert_cmpuint (referrers->len, ==, 3);
  g_assert_true (g_ptr_array_index (referrers, 0) == it1);
  g_assert_true (g_ptr_array_index (referrers, 1) == it2);
  g_assert_true (g_ptr_array_index (referrers, 2) == debt);
  g_clear_pointer (&referrers, g_ptr_array_unref);

  referrers = keel_project_list_referrers (f->project, "it-3");
  g_assert_cmpuint (referrers->len, ==, 0);
  g_clear_pointer (&referrers, g_ptr_array_unref);

  recorder_attach (&r, f->project);
  recorder_watch (&r, it1);
  recorder_watch (&r, it2);
  recorder_watch (&r, debt);

  g_assert_true (keel_project_delete_evidence (f->project, "ev-1", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.n_changed, ==, 1);
  g_assert_cmpuint (r.flags, ==, KEEL_CHANGE_EVIDENCE | KEEL_CHANGE_ITEMS | KEEL_CHANGE_DEBTS);
  g_assert_cmpuint (r.n_items_changed[0], ==, 1);
  g_assert_cmpuint (r.n_items_changed[1], ==, 0);
  g_assert_cmpuint (recorder_count_entity (&r, it1), ==, 1);
  g_assert_cmpuint (recorder_count_entity (&r, it2), ==, 1);
  g_assert_cmpuint (recorder_count_entity (&r, debt), ==, 1);
  g_assert_cmpuint (it1->evidence->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (it1->evidence, 0), ==, "ev-2");
  g_assert_cmpuint (it2->evidence->len, ==, 0);
  g_assert_cmpuint (debt->evidence->len, ==, 0);
  assert_reload_matches (f);

  /* An item: the dependencies on it go. */
  g_assert_true (keel_project_delete_item (f->project, "it-2", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (it3->depends_on->len, ==, 0);
  assert_reload_matches (f);

  /* A self-dependency disappears with its item. */
  {
    g_autoptr(KeelItem) draft = keel_item_copy (it1);

    add_link (draft->depends_on, "it-1");
    g_assert_true (keel_project_update_item (f->project, draft, &error));
    referrers = keel_project_list_referrers (f->project, "it-1");
    g_assert_cmpuint (referrers->len, ==, 0);
    g_assert_true (keel_project_delete_item (f->project, "it-1", &error));
    g_assert_no_error (error);
    assert_reload_matches (f);
  }

  recorder_detach (&r, f->project);
}

static void
assert_place (KeelProject   *project,
              KeelDimension  dimension,
              KeelHorizon    horizon,
              const char    *expected)
{
  g_autoptr(GString) order = g_string_new (NULL);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  GListModel *model = keel_project_get_items (project);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KeelItem) it = g_list_model_get_item (model, i);

      if (it->dimension == dimension && it->horizon == horizon)
        g_ptr_array_add (items, it);
    }

  /* Positions are exactly 0..n-1 after a move. */
  for (guint p = 0; p < items->len; p++)
    for (guint i = 0; i < items->len; i++)
      {
        KeelItem *it = g_ptr_array_index (items, i);

        if (it->position == (gint64) p)
          g_string_append_printf (order, "%s%s", order->len ? " " : "", it->id);
      }

  g_assert_cmpstr (order->str, ==, expected);
}

static void
test_move (ProjectFixture *f,
           gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "a", "b", "c", "d" };
  Recorder r;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(KeelItem) it = make_item (ids[i], ids[i], KEEL_DIMENSION_PRODUCT, KEEL_HORIZON_NOW,
                                          (gint64) i * 10);
      g_assert_true (keel_project_add_item (f->project, it, &error));
    }
  {
    g_autoptr(KeelItem) it = make_item ("x", "x", KEEL_DIMENSION_TEAM, KEEL_HORIZON_NEXT, 0);
    g_assert_true (keel_project_add_item (f->project, it, &error));
  }
  g_assert_cmpint (keel_project_get_next_position (f->project, KEEL_DIMENSION_PRODUCT, KEEL_HORIZON_NOW), ==, 31);
  g_assert_cmpint (keel_project_get_next_position (f->project, KEEL_DIMENSION_TEAM, KEEL_HORIZON_NOW), ==, 0);

  recorder_attach (&r, f->project);

  /* Within a place. */
  g_assert_true (keel_project_move_item (f->project, "d", KEEL_DIMENSION_PRODUCT, KEEL_HORIZON_NOW, 1, &error));
  g_assert_no_error (error);
  assert_place (f->project, KEEL_DIMENSION_PRODUCT, KEEL_HORIZON_NOW, "a d b c");
  g_assert_cmpuint (r.n_changed, ==, 1);
  g_assert_cmpuint (r.flags, ==, KEEL_CHANGE_ITEMS);
  assert_reload_matches (f);

  /* To another place, past its end. */
  g_assert_true (keel_project_move_item (f->project, "a", KEEL_DIMENSION_TEAM, KEEL_HORIZON_NEXT, 99, &error));
  assert_place (f->project, KEEL_DIMENSION_PRODUCT, KEEL_HORIZON_NOW, "d b c");
  assert_place (f->project, KEEL_DIMENSION_TEAM, KEEL_HORIZON_NEXT, "x a");
  g_assert_cmpuint (r.n_changed, ==, 2);
  g_assert_cmpstr (keel_project_get_undo_label (f->project), ==, "Move “a”");

  /* First place of an empty column. */
  g_assert_true (keel_project_move_item (f->project, "c", KEEL_DIMENSION_INFRASTRUCTURE, KEEL_HORIZON_LATER, 0, &error));
  assert_place (f->project, KEEL_DIMENSION_INFRASTRUCTURE, KEEL_HORIZON_LATER, "c");
  assert_place (f->project, KEEL_DIMENSION_PRODUCT, KEEL_HORIZON_NOW, "d b");
  assert_reload_matches (f);

  /* Where it already is: no edit. */
  g_assert_true (keel_project_move_item (f->project, "c", KEEL_DIMENSION_INFRASTRUCTURE, KEEL_HORIZON_LATER, 0, &error));
  g_assert_cmpuint (r.n_changed, ==, 3);
  g_assert_no_error (error);
  recorder_detach (&r, f->project);
}

static gboolean
listed (GPtrArray  *channels,
        const char *channel)
{
  for (guint i = 0; i < channels->len; i++)
    if (g_strcmp0 (g_ptr_array_index (channels, i), channel) == 0)
      return TRUE;
  return FALSE;
}

/* The channels a user may class: those of the active rows and those the project
 * classes otherwise than the defaults, once each, in the first spelling met. */
static void
test_channel_list (ProjectFixture *f,
                   gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) channels = NULL;
  g_autofree char *folded = keel_channel_fold ("  Word of MOUTH ");
  KeelImport *import;
  KeelChannelClass klass;

  g_assert_cmpstr (folded, ==, "word of mouth");

  channels = keel_project_list_channels (f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (channels->len, ==, 0);
  g_clear_pointer (&channels, g_ptr_array_unref);

  /* A class repeating the default is not listed without data; one that differs is. */
  g_assert_true (keel_project_set_channel_class (f->project, "Referral", KEEL_CHANNEL_CLASS_ORGANIC, &error));
  g_assert_true (keel_project_set_channel_class (f->project, "Sales", KEEL_CHANNEL_CLASS_ORGANIC, &error));
  g_assert_no_error (error);
  channels = keel_project_list_channels (f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (channels->len, ==, 1);
  g_assert_true (listed (channels, "Sales"));
  g_clear_pointer (&channels, g_ptr_array_unref);

  /* The project's own class, matched ignoring case, even when it is the default. */
  g_assert_true (keel_project_get_own_channel_class (f->project, " REFERRAL", &klass));
  g_assert_cmpint (klass, ==, KEEL_CHANNEL_CLASS_ORGANIC);
  g_assert_false (keel_project_get_own_channel_class (f->project, "ads", &klass));

  /* The data's channels join, once per folded name; an undone import leaves. */
  import = keel_project_begin_import (f->project, KEEL_DATASET_ACQUISITION, FALSE, "acq.csv", &error);
  g_assert_true (keel_import_add_acquisition (import, "2026-09", "referral", 40, &error));
  g_assert_true (keel_import_add_acquisition (import, "2026-09", "sales", 12, &error));
  g_assert_true (keel_import_add_acquisition (import, "2026-09", "Newsletter", 7, &error));
  g_assert_true (keel_import_add_acquisition (import, "2026-10", "newsletter ", 9, &error));
  g_assert_true (keel_project_commit_import (f->project, import, &error));
  g_assert_no_error (error);
  channels = keel_project_list_channels (f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (channels->len, ==, 3);
  g_assert_true (listed (channels, "Sales"));
  g_assert_true (listed (channels, "referral"));
  g_assert_true (listed (channels, "Newsletter") || listed (channels, "newsletter "));
  g_clear_pointer (&channels, g_ptr_array_unref);

  g_assert_true (keel_project_undo (f->project, &error));
  g_assert_no_error (error);
  channels = keel_project_list_channels (f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (channels->len, ==, 1);
}

static void
test_channel_classes (ProjectFixture *f,
                      gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  KeelChannelClass klass;
  GHashTable *classes = keel_project_get_channel_classes (f->project);

  /* The defaults, ignoring case and spaces. */
  g_assert_true (keel_project_classify_channel (f->project, "Word of Mouth", &klass));
  g_assert_cmpint (klass, ==, KEEL_CHANNEL_CLASS_ORGANIC);
  g_assert_true (keel_project_classify_channel (f->project, " SEO ", &klass));
  g_assert_cmpint (klass, ==, KEEL_CHANNEL_CLASS_ORGANIC);
  g_assert_true (keel_project_classify_channel (f->project, "Outbound", &klass));
  g_assert_cmpint (klass, ==, KEEL_CHANNEL_CLASS_PAID);
  g_assert_true (keel_project_classify_channel (f->project, "ADS", &klass));
  g_assert_cmpint (klass, ==, KEEL_CHANNEL_CLASS_PAID);
  g_assert_false (keel_project_classify_channel (f->project, "paid_search", &klass));
  g_assert_false (keel_project_classify_channel (f->project, "", &klass));

  /* The project's own, in the user's spelling, win over the defaults. */
  g_assert_true (keel_project_set_channel_class (f->project, "Paid_Search", KEEL_CHANNEL_CLASS_PAID, &error));
  g_assert_true (keel_project_set_channel_class (f->project, "Sales", KEEL_CHANNEL_CLASS_ORGANIC, &error));
  g_assert_no_error (error);
  g_assert_true (keel_project_classify_channel (f->project, "PAID_SEARCH", &klass));
  g_assert_cmpint (klass, ==, KEEL_CHANNEL_CLASS_PAID);
  g_assert_true (keel_project_classify_channel (f->project, "sales", &klass));
  g_assert_cmpint (klass, ==, KEEL_CHANNEL_CLASS_ORGANIC);
  g_assert_true (g_hash_table_contains (classes, "Paid_Search"));
  /* The defaults alone, whatever the project says. */
  g_assert_true (keel_channel_default_class (" SALES", &klass));
  g_assert_cmpint (klass, ==, KEEL_CHANNEL_CLASS_PAID);
  g_assert_true (keel_channel_default_class ("Word of Mouth", &klass));
  g_assert_cmpint (klass, ==, KEEL_CHANNEL_CLASS_ORGANIC);
  g_assert_false (keel_channel_default_class ("Paid_Search", &klass));

  /* Non-ASCII case folding. */
  g_assert_true (keel_project_set_channel_class (f->project, "Ünterwegs", KEEL_CHANNEL_CLASS_ORGANIC, &error));
  g_assert_true (keel_project_classify_channel (f->project, "üNTERWEGS", &klass));

  /* Setting a channel that matches ignoring case replaces the entry and its spelling. */
  g_assert_true (keel_project_set_channel_class (f->project, "paid_search", KEEL_CHANNEL_CLASS_ORGANIC, &error));
  g_assert_false (g_hash_table_contains (classes, "Paid_Search"));
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (classes, "paid_search")), ==, KEEL_CHANNEL_CLASS_ORGANIC);
  g_assert_cmpuint (g_hash_table_size (classes), ==, 3);
  assert_reload_matches (f);

  g_assert_true (keel_project_unset_channel_class (f->project, "SALES", &error));
  g_assert_true (keel_project_classify_channel (f->project, "sales", &klass));
  g_assert_cmpint (klass, ==, KEEL_CHANNEL_CLASS_PAID);
  g_assert_no_error (error);
  assert_reload_matches (f);
}

static void
test_import (ProjectFixture *f,
             gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = keel_date_today ();
  g_autofree char *dump = NULL;
  const gint64 retained[] = { 200, 120, 96 };
  KeelImport *import;
  Recorder r;
  guint64 generation = keel_project_get_data_generation (f->project);

  recorder_attach (&r, f->project);

  import = keel_project_begin_import (f->project, KEEL_DATASET_SURVEY, FALSE, "survey.csv", &error);
  g_assert_no_error (error);
  g_assert_true (keel_import_add_survey (import, KEEL_ANSWER_VERY_DISAPPOINTED, "2026-10-02", "founders", "r-17", &error));
  g_assert_true (keel_import_add_survey (import, KEEL_ANSWER_NO_LONGER_USE, NULL, NULL, NULL, &error));
  g_assert_true (keel_import_add_survey (import, KEEL_ANSWER_NOT_DISAPPOINTED, "", "", "", &error));
  g_assert_no_error (error);

  /* Bad rows are refused and not added; the import goes on. */
  g_assert_false (keel_import_add_survey (import, KEEL_ANSWER_VERY_DISAPPOINTED, "2026-02-30", NULL, NULL, &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (keel_import_add_survey (import, KEEL_N_ANSWERS, NULL, NULL, NULL, &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (keel_import_get_n_rows (import), ==, 3);

  /* No other edit while an import is open. */
  g_assert_false (keel_project_set_name (f->project, "Busy", &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (keel_project_commit_import (f->project, import, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.n_changed, ==, 1);
  g_assert_cmpuint (r.flags, ==, KEEL_CHANGE_DATASETS);
  g_assert_cmpuint (keel_project_get_data_generation (f->project), >, generation);
  g_assert_cmpuint (keel_project_count_rows (f->project, KEEL_DATASET_SURVEY), ==, 3);
  g_assert_cmpstr (keel_project_get_undo_label (f->project), ==, "Import survey.csv");

  dump = project_dump (f->project);
  {
    g_autofree char *row1 = g_strdup_printf ("|no_longer_use|%s|NULL|NULL\n", today);
    g_autofree char *row2 = g_strdup_printf ("|not_disappointed|%s|NULL|NULL\n", today);

    g_assert_nonnull (strstr (dump, "|very_disappointed|2026-10-02|founders|r-17\n"));
    g_assert_nonnull (strstr (dump, row1));
    g_assert_nonnull (strstr (dump, row2));
  }
  g_clear_pointer (&dump, g_free);

  /* Retention: counts as comma-separated integers, and the period. */
  import = keel_project_begin_import (f->project, KEEL_DATASET_RETENTION, FALSE, "retention.csv", &error);
  keel_import_set_retention_period (import, KEEL_RETENTION_PERIOD_MONTH);
  g_assert_true (keel_import_add_cohort (import, "2026-08-03", 200, retained, 3, &error));
  g_assert_false (keel_import_add_cohort (import, "2026-08-32", 200, retained, 3, &error));
  g_clear_error (&error);
  g_assert_false (keel_import_add_cohort (import, "2026-08-10", -1, retained, 3, &error));
  g_clear_error (&error);
  g_assert_false (keel_import_add_cohort (import, "2026-08-10", 10, retained, 0, &error));
  g_clear_error (&error);
  g_assert_true (keel_project_commit_import (f->project, import, &error));
  g_assert_no_error (error);
  g_assert_cmpint (keel_project_get_retention_period (f->project), ==, KEEL_RETENTION_PERIOD_MONTH);
  g_assert_cmpuint (r.n_changed, ==, 2);
  dump = project_dump (f->project);
  g_assert_nonnull (strstr (dump, "|2026-08-03|200|200,120,96\n"));
  g_clear_pointer (&dump, g_free);

  /* Acquisition. */
  import = keel_project_begin_import (f->project, KEEL_DATASET_ACQUISITION, FALSE, "acq.csv", &error);
  g_assert_true (keel_import_add_acquisition (import, "2026-09", "organic", 430, &error));
  g_assert_true (keel_import_add_acquisition (import, "2026-09-07", "Paid", 120, &error));
  g_assert_false (keel_import_add_acquisition (import, "2026-13", "organic", 1, &error));
  g_clear_error (&error);
  g_assert_false (keel_import_add_acquisition (import, "2026-9", "organic", 1, &error));
  g_clear_error (&error);
  g_assert_false (keel_import_add_acquisition (import, "2026-09", "", 1, &error));
  g_clear_error (&error);
  g_assert_false (keel_import_add_acquisition (import, "2026-09", "ads", -5, &error));
  g_clear_error (&error);
  g_assert_true (keel_project_commit_import (f->project, import, &error));
  g_assert_cmpuint (keel_project_count_rows (f->project, KEEL_DATASET_ACQUISITION), ==, 2);

  /* Replace, then append. */
  import = keel_project_begin_import (f->project, KEEL_DATASET_SURVEY, FALSE, "survey2.csv", &error);
  g_assert_true (keel_import_add_survey (import, KEEL_ANSWER_VERY_DISAPPOINTED, "2026-10-05", NULL, "r-1", &error));
  g_assert_true (keel_project_commit_import (f->project, import, &error));
  g_assert_cmpuint (keel_project_count_rows (f->project, KEEL_DATASET_SURVEY), ==, 1);
  import = keel_project_begin_import (f->project, KEEL_DATASET_SURVEY, TRUE, "survey3.csv", &error);
  g_assert_true (keel_import_add_survey (import, KEEL_ANSWER_SOMEWHAT_DISAPPOINTED, "2026-10-06", NULL, "r-2", &error));
  g_assert_true (keel_project_commit_import (f->project, import, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (keel_project_count_rows (f->project, KEEL_DATASET_SURVEY), ==, 2);
  assert_reload_matches (f);

  /* Abort: nothing remains, nothing announced. */
  {
    g_autofree char *before = db_dump (f->db);
    g_autofree char *after = NULL;
    guint n_changed = r.n_changed;

    import = keel_project_begin_import (f->project, KEEL_DATASET_SURVEY, FALSE, "oops.csv", &error);
    g_assert_true (keel_import_add_survey (import, KEEL_ANSWER_VERY_DISAPPOINTED, NULL, NULL, NULL, &error));
    keel_project_abort_import (f->project, import);
    after = db_dump (f->db);
    g_assert_cmpstr (after, ==, before);
    g_assert_cmpuint (r.n_changed, ==, n_changed);
    g_assert_cmpstr (keel_project_get_undo_label (f->project), ==, "Import survey3.csv");
  }

  recorder_detach (&r, f->project);
}

static void
test_delete_rows (ProjectFixture *f,
                  gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  KeelImport *import;
  gint64 ids[] = { 1, 3, 3 };
  gint64 missing[] = { 2, 99 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  import = keel_project_begin_import (f->project, KEEL_DATASET_ACQUISITION, FALSE, "acq.csv", &error);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *period = g_strdup_printf ("2026-0%u", i + 1);
      g_assert_true (keel_import_add_acquisition (import, period, "organic", 10 * i, &error));
    }
  g_assert_true (keel_project_commit_import (f->project, import, &error));
  g_assert_no_error (error);

  /* Repeated ids count once. */
  g_assert_true (keel_project_delete_rows (f->project, KEEL_DATASET_ACQUISITION, ids, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (keel_project_count_rows (f->project, KEEL_DATASET_ACQUISITION), ==, 2);
  g_assert_cmpstr (keel_project_get_undo_label (f->project), ==, "Delete 2 Rows");

  /* A missing row fails the whole deletion. */
  before = db_dump (f->db);
  g_assert_false (keel_project_delete_rows (f->project, KEEL_DATASET_ACQUISITION, missing, 2, &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_UNKNOWN_ID);
  g_clear_error (&error);
  /* A row of another dataset is not found either. */
  g_assert_false (keel_project_delete_rows (f->project, KEEL_DATASET_SURVEY, missing, 1, &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_UNKNOWN_ID);
  after = db_dump (f->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (keel_project_count_rows (f->project, KEEL_DATASET_ACQUISITION), ==, 2);
}

static void
test_purge_inactive (ProjectFixture *f,
                     gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelProject) again = NULL;
  KeelImport *import;
  g_autofree char *dump = NULL;

  for (guint round = 0; round < 2; round++)
    {
      import = keel_project_begin_import (f->project, KEEL_DATASET_SURVEY, FALSE, "s.csv", &error);
      g_assert_true (keel_import_add_survey (import, round, "2026-10-01", NULL, NULL, &error));
      g_assert_true (keel_project_commit_import (f->project, import, &error));
      g_assert_no_error (error);
    }

  /* The first import is inactive; its row stays until the next load. */
  dump = db_dump (f->db);
  g_assert_nonnull (strstr (dump, "|very_disappointed|"));
  g_clear_pointer (&dump, g_free);

  g_clear_object (&f->project);
  again = keel_project_load_db (f->db, &error);
  g_assert_no_error (error);
  dump = db_dump (f->db);
  g_assert_null (strstr (dump, "|very_disappointed|"));
  g_assert_nonnull (strstr (dump, "|somewhat_disappointed|"));
  g_assert_null (strstr (dump, "|0\n"));  /* no inactive import left */
  g_assert_cmpuint (keel_project_count_rows (again, KEEL_DATASET_SURVEY), ==, 1);
  /* No undo history across sessions. */
  g_assert_false (keel_project_can_undo (again));
  f->project = g_steal_pointer (&again);
}

static void
test_load_damaged (ProjectFixture *f,
                   gconstpointer   data)
{
  static const char * const damage[] = {
    "INSERT INTO items VALUES ('x', 'X', '', 'product', 'feature', 'soon', 'idea', 0, NULL, NULL, NULL)",
    "INSERT INTO items VALUES ('x', 'X', '', 'product', 'feature', 'now', 'idea', 0, NULL, NULL, '2026-02-30')",
    "INSERT INTO items VALUES ('x', '', '', 'product', 'feature', 'now', 'idea', 0, NULL, NULL, NULL)",
    "INSERT INTO items VALUES ('x', 'X', '', 'product', 'feature', 'now', 'idea', 0, -1, NULL, NULL)",
    "INSERT INTO item_links VALUES ('it-1', 'evidence', 'ev-404', 9)",
    "INSERT INTO item_links VALUES ('ghost', 'evidence', 'ev-1', 0)",
    "INSERT INTO item_links VALUES ('it-1', 'friend', 'it-2', 0)",
    "INSERT INTO debt_evidence VALUES ('debt-1', 'it-1', 5)",
    "INSERT INTO evidence VALUES ('it-1', 'usage', 's', '', '2026-01-01', NULL, NULL)",
    "INSERT INTO signals VALUES ('s2', 'sean_ellis', NULL, 1, 9, NULL, NULL, NULL, NULL, NULL)",
    "INSERT INTO signals VALUES ('s3', 'custom', NULL, 1, 9, NULL, NULL, '~', NULL, NULL)",
    "INSERT INTO settings VALUES ('pmf_threshold', 7)",
    "INSERT INTO settings VALUES ('wip_limit', 2.5)",
    "INSERT INTO meta VALUES ('retention_period', 'fortnight')",
    "INSERT INTO channel_classes VALUES ('ads', 'free')",
    "INSERT INTO debts VALUES ('d2', 'D', '', 'prudent_deliberate', 'x', 1, 0, 0, 'open', NULL, '2026-01-01')",
  };

  populate (f->project);
  g_clear_object (&f->project);

  for (guint i = 0; i < G_N_ELEMENTS (damage); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KeelProject) project = NULL;

      g_test_message ("%s", damage[i]);
      exec_sql (f->db, "SAVEPOINT damage");
      exec_sql (f->db, damage[i]);
      project = keel_project_load_db (f->db, &error);
      g_assert_null (project);
      g_assert_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_DAMAGED);
      exec_sql (f->db, "ROLLBACK TO damage");
      exec_sql (f->db, "RELEASE damage");
    }

  {
    g_autoptr(GError) error = NULL;

    f->project = keel_project_load_db (f->db, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (keel_project_get_items (f->project)), ==, 3);
  }
}

static void
test_storage_failure (ProjectFixture *f,
                      gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelItem) it = make_item ("it-9", "Behind our back", KEEL_DIMENSION_TEAM, KEEL_HORIZON_NOW, 0);
  g_autofree char *project_before = NULL;
  g_autofree char *project_after = NULL;
  Recorder r;

  populate (f->project);
  /* A row the project does not know makes the INSERT fail inside the transaction. */
  exec_sql (f->db, "INSERT INTO items VALUES ('it-9', 'X', '', 'team', 'other', 'now', 'idea', 0, NULL, NULL, NULL)");
  project_before = project_dump (f->project);
  recorder_attach (&r, f->project);

  g_assert_false (keel_project_add_item (f->project, it, &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_STORAGE);
  g_clear_error (&error);
  g_assert_null (keel_project_lookup_item (f->project, "it-9"));

  /* An update whose row vanished: refused, memory untouched. */
  exec_sql (f->db, "DELETE FROM debts WHERE id = 'debt-1'");
  {
    g_autoptr(KeelDebt) draft = keel_debt_copy (keel_project_lookup_debt (f->project, "debt-1"));

    draft->status = KEEL_DEBT_STATUS_PAID;
    g_assert_false (keel_project_update_debt (f->project, draft, &error));
    g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_STORAGE);
    g_clear_error (&error);
    g_assert_cmpint (keel_project_lookup_debt (f->project, "debt-1")->status, ==, KEEL_DEBT_STATUS_OPEN);
  }

  /* A deletion whose last op fails rolls back the link removals before it. */
  exec_sql (f->db, "DELETE FROM evidence WHERE id = 'ev-2'");
  g_assert_false (keel_project_delete_evidence (f->project, "ev-2", &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_STORAGE);
  g_clear_error (&error);
  g_assert_cmpuint (keel_project_lookup_item (f->project, "it-1")->evidence->len, ==, 2);

  project_after = project_dump (f->project);
  g_assert_cmpstr (project_after, ==, project_before);
  g_assert_cmpuint (r.n_changed, ==, 0);
  g_assert_cmpuint (r.n_items_changed[0] + r.n_items_changed[1] + r.n_items_changed[2], ==, 0);
  recorder_detach (&r, f->project);
}

static void
test_add_entities (ProjectFixture *f,
                   gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) bad = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  KeelItem *it1, *it2;
  KeelDebt *debt;
  guint failed = 99;
  Recorder r;

  /* Links point forward: the item depends on one later in the batch. */
  it1 = make_item ("it-1", "First", KEEL_DIMENSION_PRODUCT, KEEL_HORIZON_NOW, 0);
  add_link (it1->depends_on, "it-2");
  add_link (it1->evidence, "ev-1");
  add_link (it1->debts, "debt-1");
  it2 = make_item ("it-2", "Second", KEEL_DIMENSION_PRODUCT, KEEL_HORIZON_NOW, 1);
  debt = make_debt ("debt-1", "Debt");
  add_link (debt->evidence, "ev-1");
  g_ptr_array_add (batch, it1);
  g_ptr_array_add (batch, debt);
  g_ptr_array_add (batch, it2);
  g_ptr_array_add (batch, make_evidence ("ev-1", "Evidence"));
  g_ptr_array_add (batch, keel_signal_new ("sig-se", KEEL_SIGNAL_KIND_SEAN_ELLIS));

  recorder_attach (&r, f->project);
  g_assert_true (keel_project_add_entities (f->project, "Import acme.json", batch, &failed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.n_changed, ==, 1);
  g_assert_cmpuint (r.flags, ==, KEEL_CHANGE_ITEMS | KEEL_CHANGE_DEBTS | KEEL_CHANGE_EVIDENCE | KEEL_CHANGE_SIGNALS);
  /* One items-changed per list for the whole batch. */
  g_assert_cmpuint (r.n_items_changed[1], ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (keel_project_get_items (f->project)), ==, 2);
  g_assert_cmpstr (keel_project_get_undo_label (f->project), ==, "Import acme.json");
  assert_reload_matches (f);

  before = db_dump (f->db);
  g_ptr_array_add (bad, make_evidence ("ev-2", "Fine"));
  g_ptr_array_add (bad, make_item ("it-3", "Dangling", KEEL_DIMENSION_TEAM, KEEL_HORIZON_NOW, 0));
  add_link (((KeelItem *) g_ptr_array_index (bad, 1))->evidence, "ev-404");
  g_assert_false (keel_project_add_entities (f->project, "Bad", bad, &failed, &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_DANGLING_LINK);
  g_assert_cmpuint (failed, ==, 1);
  g_clear_error (&error);

  g_ptr_array_set_size (bad, 0);
  g_ptr_array_add (bad, make_evidence ("ev-2", "Fine"));
  g_ptr_array_add (bad, make_debt ("ev-2", "Same id"));
  g_assert_false (keel_project_add_entities (f->project, "Bad", bad, &failed, &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_DUPLICATE_ID);
  g_assert_cmpuint (failed, ==, 1);
  after = db_dump (f->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_null (keel_project_lookup_evidence (f->project, "ev-2"));
  recorder_detach (&r, f->project);
}

static void
test_load_link_order (ProjectFixture *f,
                      gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelProject) again = NULL;
  KeelItem *it1;

  populate (f->project);
  g_clear_object (&f->project);

  /* Links stored out of their order are put back in it. */
  exec_sql (f->db, "UPDATE item_links SET position = 1 - position"
                   " WHERE item_id = 'it-1' AND link = 'evidence'");
  exec_sql (f->db, "INSERT INTO evidence VALUES ('ev-3', 'usage', 'Third', '', '2026-01-01', NULL, NULL)");
  exec_sql (f->db, "INSERT INTO debt_evidence VALUES ('debt-1', 'ev-3', -4)");

  again = keel_project_load_db (f->db, &error);
  g_assert_no_error (error);
  it1 = keel_project_lookup_item (again, "it-1");
  g_assert_cmpuint (it1->evidence->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (it1->evidence, 0), ==, "ev-2");
  g_assert_cmpstr (g_ptr_array_index (it1->evidence, 1), ==, "ev-1");
  g_assert_cmpuint (keel_project_lookup_debt (again, "debt-1")->evidence->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (keel_project_lookup_debt (again, "debt-1")->evidence, 0), ==, "ev-3");
  /* The other items' links are all there, once. */
  g_assert_cmpuint (keel_project_lookup_item (again, "it-2")->evidence->len, ==, 1);
  g_assert_cmpuint (keel_project_lookup_item (again, "it-2")->depends_on->len, ==, 1);
  f->project = g_steal_pointer (&again);
}

static guint
count_survey_indexes (KeelDb *db)
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (keel_db_get_handle (db),
                                       "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                       " AND tbl_name = 'survey_responses' AND sql IS NOT NULL",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
import_many (KeelProject *project,
             guint        n,
             gboolean     commit)
{
  g_autoptr(GError) error = NULL;
  KeelImport *import = keel_project_begin_import (project, KEEL_DATASET_SURVEY, FALSE, "big.csv", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      char date[16], respondent[16];

      g_snprintf (date, sizeof date, "2026-%02u-%02u", 1 + i % 12, 1 + i % 28);
      g_snprintf (respondent, sizeof respondent, "r-%u", i);
      g_assert_true (keel_import_add_survey (import, i % KEEL_N_ANSWERS, date, NULL, respondent, &error));
    }

  if (commit)
    {
      g_assert_true (keel_project_commit_import (project, import, &error));
      g_assert_no_error (error);
    }
  else
    {
      keel_project_abort_import (project, import);
    }
}

static void
test_large_import (ProjectFixture *f,
                   gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* Large imports build the dataset's indexes again at the end: they must all be back
   * (the schema check refuses a file without them), after commit as after abort. */
  g_assert_cmpuint (count_survey_indexes (f->db), ==, 1);
  import_many (f->project, 30000, TRUE);
  g_assert_cmpuint (count_survey_indexes (f->db), ==, 1);
  g_assert_true (keel_schema_check (f->db, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (keel_project_count_rows (f->project, KEEL_DATASET_SURVEY), ==, 30000);

  before = db_dump (f->db);
  import_many (f->project, 25000, FALSE);
  after = db_dump (f->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_survey_indexes (f->db), ==, 1);
  g_assert_true (keel_schema_check (f->db, &error));
  g_assert_no_error (error);

  /* Replaced by a small one, undone, redone: flags only. */
  import_many (f->project, 10, TRUE);
  g_assert_cmpuint (keel_project_count_rows (f->project, KEEL_DATASET_SURVEY), ==, 10);
  g_assert_true (keel_project_undo (f->project, &error));
  g_assert_cmpuint (keel_project_count_rows (f->project, KEEL_DATASET_SURVEY), ==, 30000);
  g_assert_true (keel_project_redo (f->project, &error));
  g_assert_cmpuint (keel_project_count_rows (f->project, KEEL_DATASET_SURVEY), ==, 10);
  g_assert_no_error (error);
  assert_reload_matches (f);
}

static void
test_document (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("keel-test-project-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "doc.keel", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  KeelDocument *document;
  KeelProject *project;
  g_autoptr(KeelItem) it = make_item ("it-1", "Durable", KEEL_DIMENSION_TEAM, KEEL_HORIZON_NOW, 0);
  g_autoptr(KeelItem) other = make_item ("it-2", "Refused", KEEL_DIMENSION_TEAM, KEEL_HORIZON_NOW, 0);

  g_assert_no_error (error);
  document = keel_document_create (file, &error);
  g_assert_no_error (error);
  project = keel_project_load (document, &error);
  g_assert_no_error (error);
  g_assert_true (keel_project_get_document (project) == document);
  g_assert_true (keel_project_get_db (project) == keel_document_get_db (document));

  g_assert_true (keel_project_add_default_signals (project, &error));
  g_assert_true (keel_project_add_item (project, it, &error));
  g_assert_no_error (error);
  g_assert_true (keel_document_is_dirty (document));
  g_assert_true (keel_document_write_back (document, KEEL_WRITE_BACK_DEFAULT, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (keel_document_is_dirty (document));
  g_assert_finalize_object (project);
  keel_document_close (document);
  g_assert_finalize_object (document);

  /* Opened read-only: the project reads, and refuses every edit. */
  document = keel_document_open (file, KEEL_DOCUMENT_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  project = keel_project_load (document, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (keel_project_lookup_title (project, "it-1"), ==, "Durable");
  g_assert_cmpuint (g_list_model_get_n_items (keel_project_get_signals (project)), ==, 3);
  g_assert_false (keel_project_add_item (project, other, &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (keel_project_set_name (project, "No", &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_null (keel_project_begin_import (project, KEEL_DATASET_SURVEY, FALSE, "x.csv", &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  keel_project_begin_group (project, "No");
  g_assert_false (keel_project_delete_item (project, "it-1", &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (keel_project_end_group (project, &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (keel_document_is_dirty (document));
  g_assert_finalize_object (project);
  keel_document_close (document);
  g_assert_finalize_object (document);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, ProjectFixture, NULL, project_fixture_setup, func, project_fixture_teardown)

  ADD ("/keel/project/load-empty", test_load_empty);
  ADD ("/keel/project/default-signals", test_default_signals);
  ADD ("/keel/project/load-round-trip", test_load_round_trip);
  ADD ("/keel/project/list-order", test_list_order);
  ADD ("/keel/project/evidence", test_evidence_edits);
  ADD ("/keel/project/item", test_item_edits);
  ADD ("/keel/project/debt", test_debt_edits);
  ADD ("/keel/project/signal", test_signal_edits);
  ADD ("/keel/project/validation", test_validation);
  ADD ("/keel/project/ids-unique-across-kinds", test_ids_unique_across_kinds);
  ADD ("/keel/project/delete-removes-links", test_delete_removes_links);
  ADD ("/keel/project/move", test_move);
  ADD ("/keel/project/channel-classes", test_channel_classes);
  ADD ("/keel/project/channel-list", test_channel_list);
  ADD ("/keel/project/import", test_import);
  ADD ("/keel/project/delete-rows", test_delete_rows);
  ADD ("/keel/project/purge-inactive", test_purge_inactive);
  ADD ("/keel/project/load-damaged", test_load_damaged);
  ADD ("/keel/project/storage-failure", test_storage_failure);
  ADD ("/keel/project/add-entities", test_add_entities);
  ADD ("/keel/project/load-link-order", test_load_link_order);
  ADD ("/keel/project/large-import", test_large_import);
  g_test_add_func ("/keel/project/document", test_document);

  return g_test_run ();
}
