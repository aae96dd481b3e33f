/* test-undo.c: undo and redo of every kind of edit, the signals each emits, groups, and
 * the working copy matching memory after every step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "keel-test-project.h"

/* ---- The base project every case starts from ---- */

static void
import_survey (KeelProject *project,
               gboolean     append,
               const char  *source,
               guint        n)
{
  g_autoptr(GError) error = NULL;
  KeelImport *import = keel_project_begin_import (project, KEEL_DATASET_SURVEY, append, source, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *respondent = g_strdup_printf ("r-%u", i);

      g_assert_true (keel_import_add_survey (import, i % KEEL_N_ANSWERS, "2026-10-02",
                                             i % 2 ? "founders" : NULL, respondent, &error));
    }
  g_assert_true (keel_project_commit_import (project, import, &error));
  g_assert_no_error (error);
}

static void
base_setup (ProjectFixture *f,
            gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelEvidence) ev1 = make_evidence ("ev-1", "Usage of export");
  g_autoptr(KeelEvidence) ev2 = make_evidence ("ev-2", "Requests for sync");
  g_autoptr(KeelDebt) debt1 = make_debt ("debt-1", "Single database");
  g_autoptr(KeelDebt) debt2 = make_debt ("debt-2", "No CI");
  g_autoptr(KeelItem) it1 = make_item ("it-1", "Export templates", KEEL_DIMENSION_PRODUCT, KEEL_HORIZON_NOW, 0);
  g_autoptr(KeelItem) it2 = make_item ("it-2", "Replicas", KEEL_DIMENSION_TECHNOLOGY, KEEL_HORIZON_NOW, 0);
  g_autoptr(KeelItem) it3 = make_item ("it-3", "Sync", KEEL_DIMENSION_PRODUCT, KEEL_HORIZON_NOW, 1);
  g_autoptr(KeelItem) it4 = make_item ("it-4", "SRE", KEEL_DIMENSION_TEAM, KEEL_HORIZON_LATER, 0);
  KeelImport *import;
  const gint64 retained[] = { 100, 60, 50 };

  project_fixture_setup (f, data);

  add_link (debt1->evidence, "ev-1");
  add_link (it1->evidence, "ev-1");
  add_link (it2->debts, "debt-1");
  add_link (it2->evidence, "ev-1");
  add_link (it3->depends_on, "it-1");
  add_link (it3->evidence, "ev-2");
  add_link (it4->depends_on, "it-2");
  add_link (it4->depends_on, "it-3");

  g_assert_true (keel_project_set_name (f->project, "Acme", &error));
  g_assert_true (keel_project_add_default_signals (f->project, &error));
  g_assert_true (keel_project_add_evidence (f->project, ev1, &error));
  g_assert_true (keel_project_add_evidence (f->project, ev2, &error));
  g_assert_true (keel_project_add_debt (f->project, debt1, &error));
  g_assert_true (keel_project_add_debt (f->project, debt2, &error));
  g_assert_true (keel_project_add_item (f->project, it1, &error));
  g_assert_true (keel_project_add_item (f->project, it2, &error));
  g_assert_true (keel_project_add_item (f->project, it3, &error));
  g_assert_true (keel_project_add_item (f->project, it4, &error));
  g_assert_true (keel_project_set_channel_class (f->project, "Newsletter", KEEL_CHANNEL_CLASS_ORGANIC, &error));
  g_assert_no_error (error);

  import_survey (f->project, FALSE, "survey.csv", 6);

  import = keel_project_begin_import (f->project, KEEL_DATASET_RETENTION, FALSE, "retention.csv", &error);
  g_assert_true (keel_import_add_cohort (import, "2026-08-03", 100, retained, 3, &error));
  g_assert_true (keel_project_commit_import (f->project, import, &error));
  import = keel_project_begin_import (f->project, KEEL_DATASET_ACQUISITION, FALSE, "acq.csv", &error);
  g_assert_true (keel_import_add_acquisition (import, "2026-09", "organic", 40, &error));
  g_assert_true (keel_import_add_acquisition (import, "2026-09", "ads", 20, &error));
  g_assert_true (keel_project_commit_import (f->project, import, &error));
  g_assert_no_error (error);
}

/* ---- The edits ---- */

typedef gboolean (*Edit) (KeelProject *project, GError **error);

static gboolean
edit_name (KeelProject *p, GError **error)
{
  return keel_project_set_name (p, "Acme Notes", error);
}

static gboolean
edit_settings (KeelProject *p, GError **error)
{
  KeelSettings settings = *keel_project_get_settings (p);

  settings.pmf_threshold = 0.35;
  settings.wip_limit = 3;
  return keel_project_set_settings (p, &settings, error);
}

static gboolean
edit_retention_period (KeelProject *p, GError **error)
{
  return keel_project_set_retention_period (p, KEEL_RETENTION_PERIOD_MONTH, error);
}

static gboolean
edit_channel_new (KeelProject *p, GError **error)
{
  return keel_project_set_channel_class (p, "Paid_Search", KEEL_CHANNEL_CLASS_PAID, error);
}

static gboolean
edit_channel_respell (KeelProject *p, GError **error)
{
  return keel_project_set_channel_class (p, "NEWSLETTER", KEEL_CHANNEL_CLASS_PAID, error);
}

static gboolean
edit_channel_unset (KeelProject *p, GError **error)
{
  return keel_project_unset_channel_class (p, "newsletter", error);
}

static gboolean
edit_add_evidence (KeelProject *p, GError **error)
{
  g_autoptr(KeelEvidence) e = make_evidence ("ev-3", "Churn interviews");

  return keel_project_add_evidence (p, e, error);
}

static gboolean
edit_update_evidence (KeelProject *p, GError **error)
{
  g_autoptr(KeelEvidence) draft = keel_evidence_copy (keel_project_lookup_evidence (p, "ev-2"));

  draft->kind = KEEL_EVIDENCE_KIND_REQUEST;
  draft->has_value = TRUE;
  draft->value = 17;
  draft->unit = g_strdup ("tickets");
  return keel_project_update_evidence (p, draft, error);
}

static gboolean
edit_delete_evidence (KeelProject *p, GError **error)
{
  return keel_project_delete_evidence (p, "ev-1", error);
}

static gboolean
edit_add_item (KeelProject *p, GError **error)
{
  g_autoptr(KeelItem) it = make_item ("it-5", "Paid ads", KEEL_DIMENSION_PRODUCT, KEEL_HORIZON_NEXT, 0);

  it->kind = KEEL_ITEM_KIND_GROWTH;
  add_link (it->depends_on, "it-1");
  add_link (it->evidence, "ev-2");
  return keel_project_add_item (p, it, error);
}

static gboolean
edit_update_item (KeelProject *p, GError **error)
{
  g_autoptr(KeelItem) draft = keel_item_copy (keel_project_lookup_item (p, "it-3"));

  g_free (draft->title);
  draft->title = g_strdup ("Sync, offline first");
  draft->status = KEEL_STATUS_IN_PROGRESS;
  draft->horizon = KEEL_HORIZON_NEXT;
  draft->owner = g_strdup ("Ana");
  g_ptr_array_set_size (draft->evidence, 0);
  add_link (draft->evidence, "ev-1");
  add_link (draft->evidence, "ev-2");
  add_link (draft->debts, "debt-2");
  return keel_project_update_item (p, draft, error);
}

static gboolean
edit_delete_item (KeelProject *p, GError **error)
{
  return keel_project_delete_item (p, "it-1", error);
}

static gboolean
edit_add_debt (KeelProject *p, GError **error)
{
  g_autoptr(KeelDebt) d = make_debt ("debt-3", "Hand-rolled auth");

  d->hard_ceiling = TRUE;
  add_link (d->evidence, "ev-2");
  add_link (d->evidence, "ev-1");
  return keel_project_add_debt (p, d, error);
}

static gboolean
edit_update_debt (KeelProject *p, GError **error)
{
  g_autoptr(KeelDebt) draft = keel_debt_copy (keel_project_lookup_debt (p, "debt-1"));

  draft->status = KEEL_DEBT_STATUS_PAID;
  draft->principal_days = 2.5;
  g_ptr_array_set_size (draft->evidence, 0);
  return keel_project_update_debt (p, draft, error);
}

static gboolean
edit_delete_debt (KeelProject *p, GError **error)
{
  return keel_project_delete_debt (p, "debt-1", error);
}

static gboolean
edit_add_signal (KeelProject *p, GError **error)
{
  g_autoptr(KeelSignal) s = keel_signal_new ("sig-pay", KEEL_SIGNAL_KIND_CUSTOM);

  s->name = g_strdup ("Paid conversion");
  s->has_value = s->has_target = TRUE;
  s->value = 0.05;
  s->target = 0.04;
  s->position = 1;  /* between the data signals */
  return keel_project_add_signal (p, s, error);
}

static gboolean
edit_update_signal (KeelProject *p, GError **error)
{
  g_autoptr(KeelSignal) draft = keel_signal_copy (keel_project_lookup_signal (p, "sig-se"));

  draft->position = -5;
  draft->required = FALSE;
  draft->name = g_strdup ("Survey");
  return keel_project_update_signal (p, draft, error);
}

static gboolean
edit_delete_signal (KeelProject *p, GError **error)
{
  return keel_project_delete_signal (p, "sig-org", error);
}

static gboolean
edit_move_within (KeelProject *p, GError **error)
{
  return keel_project_move_item (p, "it-3", KEEL_DIMENSION_PRODUCT, KEEL_HORIZON_NOW, 0, error);
}

static gboolean
edit_move_across (KeelProject *p, GError **error)
{
  return keel_project_move_item (p, "it-1", KEEL_DIMENSION_TEAM, KEEL_HORIZON_LATER, 0, error);
}

static gboolean
edit_group (KeelProject *p, GError **error)
{
  g_autoptr(KeelEvidence) e = make_evidence ("ev-9", "Grouped evidence");
  g_autoptr(KeelItem) it = make_item ("it-9", "Grouped item", KEEL_DIMENSION_TEAM, KEEL_HORIZON_NOW, 3);
  gboolean ok;

  add_link (it->evidence, "ev-9");
  keel_project_begin_group (p, "Several");
  ok = keel_project_add_evidence (p, e, error)
    && keel_project_add_item (p, it, error)
    && keel_project_delete_debt (p, "debt-2", error)
    && keel_project_set_name (p, "Grouped", error);
  if (!ok)
    {
      keel_project_abort_group (p);
      return FALSE;
    }
  return keel_project_end_group (p, error);
}

static gboolean
edit_nested_group (KeelProject *p, GError **error)
{
  g_autoptr(KeelItem) draft = keel_item_copy (keel_project_lookup_item (p, "it-2"));
  gboolean ok;

  draft->status = KEEL_STATUS_DONE;
  keel_project_begin_group (p, "Outer");
  keel_project_begin_group (p, "Inner");
  ok = keel_project_update_item (p, draft, error)
    && keel_project_move_item (p, "it-2", KEEL_DIMENSION_TECHNOLOGY, KEEL_HORIZON_LATER, 0, error);
  g_assert_true (ok);
  g_assert_true (keel_project_end_group (p, error));
  /* Inside a group the lookups already see the edits. */
  g_assert_cmpint (keel_project_lookup_item (p, "it-2")->horizon, ==, KEEL_HORIZON_LATER);
  ok = keel_project_delete_evidence (p, "ev-2", error);
  g_assert_true (ok);
  return keel_project_end_group (p, error);
}

static gboolean
edit_import_replace (KeelProject *p, GError **error)
{
  import_survey (p, FALSE, "survey2.csv", 3);
  return TRUE;
}

static gboolean
edit_import_append (KeelProject *p, GError **error)
{
  import_survey (p, TRUE, "survey3.csv", 4);
  return TRUE;
}

static gboolean
edit_import_retention (KeelProject *p, GError **error)
{
  const gint64 retained[] = { 50, 30 };
  KeelImport *import = keel_project_begin_import (p, KEEL_DATASET_RETENTION, FALSE, "r2.csv", error);

  keel_import_set_retention_period (import, KEEL_RETENTION_PERIOD_MONTH);
  g_assert_true (keel_import_add_cohort (import, "2026-09-01", 50, retained, 2, error));
  return keel_project_commit_import (p, import, error);
}

static gboolean
edit_import_empty_replace (KeelProject *p, GError **error)
{
  KeelImport *import = keel_project_begin_import (p, KEEL_DATASET_ACQUISITION, FALSE, "empty.csv", error);

  return keel_project_commit_import (p, import, error);
}

static gboolean
edit_delete_rows (KeelProject *p, GError **error)
{
  /* The survey rows of the base project are rows 1..6. */
  const gint64 ids[] = { 2, 5, 1 };

  return keel_project_delete_rows (p, KEEL_DATASET_SURVEY, ids, G_N_ELEMENTS (ids), error);
}

static gboolean
edit_delete_acquisition_row (KeelProject *p, GError **error)
{
  const gint64 ids[] = { 2 };

  return keel_project_delete_rows (p, KEEL_DATASET_ACQUISITION, ids, 1, error);
}

static gboolean
edit_add_entities (KeelProject *p, GError **error)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  KeelItem *a = make_item ("it-a", "A", KEEL_DIMENSION_INFRASTRUCTURE, KEEL_HORIZON_NOW, 0);
  KeelItem *b = make_item ("it-b", "B", KEEL_DIMENSION_INFRASTRUCTURE, KEEL_HORIZON_NOW, 1);

  add_link (a->depends_on, "it-b");
  add_link (b->evidence, "ev-new");
  g_ptr_array_add (batch, a);
  g_ptr_array_add (batch, b);
  g_ptr_array_add (batch, make_evidence ("ev-new", "New"));
  return keel_project_add_entities (p, "Paste", batch, NULL, error);
}

static gboolean
edit_group_with_import (KeelProject *p, GError **error)
{
  g_autoptr(KeelEvidence) e = make_evidence ("ev-7", "Survey round two");
  KeelImport *import;

  keel_project_begin_group (p, "Import project");
  g_assert_true (keel_project_add_evidence (p, e, error));
  import = keel_project_begin_import (p, KEEL_DATASET_SURVEY, FALSE, "round2.csv", error);
  g_assert_nonnull (import);
  g_assert_true (keel_import_add_survey (import, KEEL_ANSWER_VERY_DISAPPOINTED, NULL, "founders", "r-x", error));
  g_assert_true (keel_project_commit_import (p, import, error));
  g_assert_true (keel_project_set_channel_class (p, "Podcast", KEEL_CHANNEL_CLASS_ORGANIC, error));
  return keel_project_end_group (p, error);
}

static const struct {
  const char *name;
  Edit        edit;
  guint       flags;
} cases[] = {
  { "group-with-import", edit_group_with_import, KEEL_CHANGE_EVIDENCE | KEEL_CHANGE_DATASETS },
  { "name", edit_name, KEEL_CHANGE_NAME },
  { "settings", edit_settings, KEEL_CHANGE_SETTINGS },
  { "retention-period", edit_retention_period, KEEL_CHANGE_DATASETS },
  { "channel-new", edit_channel_new, KEEL_CHANGE_DATASETS },
  { "channel-respell", edit_channel_respell, KEEL_CHANGE_DATASETS },
  { "channel-unset", edit_channel_unset, KEEL_CHANGE_DATASETS },
  { "add-evidence", edit_add_evidence, KEEL_CHANGE_EVIDENCE },
  { "update-evidence", edit_update_evidence, KEEL_CHANGE_EVIDENCE },
  { "delete-evidence", edit_delete_evidence, KEEL_CHANGE_EVIDENCE | KEEL_CHANGE_ITEMS | KEEL_CHANGE_DEBTS },
  { "add-item", edit_add_item, KEEL_CHANGE_ITEMS },
  { "update-item", edit_update_item, KEEL_CHANGE_ITEMS },
  { "delete-item", edit_delete_item, KEEL_CHANGE_ITEMS },
  { "add-debt", edit_add_debt, KEEL_CHANGE_DEBTS },
  { "update-debt", edit_update_debt, KEEL_CHANGE_DEBTS },
  { "delete-debt", edit_delete_debt, KEEL_CHANGE_DEBTS | KEEL_CHANGE_ITEMS },
  { "add-signal", edit_add_signal, KEEL_CHANGE_SIGNALS },
  { "update-signal", edit_update_signal, KEEL_CHANGE_SIGNALS },
  { "delete-signal", edit_delete_signal, KEEL_CHANGE_SIGNALS },
  { "move-within", edit_move_within, KEEL_CHANGE_ITEMS },
  { "move-across", edit_move_across, KEEL_CHANGE_ITEMS },
  { "group", edit_group, KEEL_CHANGE_EVIDENCE | KEEL_CHANGE_ITEMS | KEEL_CHANGE_DEBTS | KEEL_CHANGE_NAME },
  { "nested-group", edit_nested_group, KEEL_CHANGE_ITEMS | KEEL_CHANGE_EVIDENCE },
  { "import-replace", edit_import_replace, KEEL_CHANGE_DATASETS },
  { "import-append", edit_import_append, KEEL_CHANGE_DATASETS },
  { "import-retention", edit_import_retention, KEEL_CHANGE_DATASETS },
  { "import-empty-replace", edit_import_empty_replace, KEEL_CHANGE_DATASETS },
  { "delete-rows", edit_delete_rows, KEEL_CHANGE_DATASETS },
  { "delete-acquisition-row", edit_delete_acquisition_row, KEEL_CHANGE_DATASETS },
  { "add-entities", edit_add_entities, KEEL_CHANGE_ITEMS | KEEL_CHANGE_EVIDENCE },
};

/* ---- The harness ---- */

static void
assert_one_change (Recorder *r,
                   guint     flags)
{
  g_assert_cmpuint (r->n_changed, ==, 1);
  g_assert_cmpuint (r->flags, ==, flags);
  /* At most one items-changed per list, whatever the edit's size. */
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (r->n_items_changed[i], <=, 1);
  /* Each object that changed in place says so once. */
  for (guint i = 0; i < r->entity_changes->len; i++)
    g_assert_cmpuint (recorder_count_entity (r, g_array_index (r->entity_changes, gpointer, i)), ==, 1);
}

static void
on_entity_changed_any (GObject  *object,
                       Recorder *r)
{
  g_array_append_val (r->entity_changes, object);
}

/* Watches every entity the project holds now (@watch), or stops watching them. */
static void
watch_entities (Recorder    *r,
                KeelProject *project,
                gboolean     watch)
{
  GListModel *models[4] = {
    keel_project_get_evidence (project), keel_project_get_items (project),
    keel_project_get_debts (project), keel_project_get_signals (project),
  };

  for (guint m = 0; m < 4; m++)
    for (guint i = 0; i < g_list_model_get_n_items (models[m]); i++)
      {
        g_autoptr(GObject) object = g_list_model_get_item (models[m], i);

        g_signal_handlers_disconnect_by_func (object, on_entity_changed_any, r);
        if (watch)
          g_signal_connect (object, "changed", G_CALLBACK (on_entity_changed_any), r);
      }
}

static void
test_case (ProjectFixture *f,
           gconstpointer   data)
{
  guint index = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = project_dump (f->project);
  g_autofree char *after = NULL;
  g_autofree char *label = NULL;
  Recorder r;

  recorder_attach (&r, f->project);
  watch_entities (&r, f->project, TRUE);

  g_assert_true (cases[index].edit (f->project, &error));
  g_assert_no_error (error);
  assert_one_change (&r, cases[index].flags);
  after = project_dump (f->project);
  g_assert_cmpstr (after, !=, before);
  assert_reload_matches (f);
  g_assert_true (keel_project_can_undo (f->project));
  g_assert_false (keel_project_can_redo (f->project));
  label = g_strdup (keel_project_get_undo_label (f->project));
  g_assert_nonnull (label);

  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *undone = NULL;
      g_autofree char *redone = NULL;

      recorder_reset (&r);
      watch_entities (&r, f->project, TRUE);
      g_assert_true (keel_project_undo (f->project, &error));
      g_assert_no_error (error);
      assert_one_change (&r, cases[index].flags);
      undone = project_dump (f->project);
      g_assert_cmpstr (undone, ==, before);
      assert_reload_matches (f);
      g_assert_true (keel_project_can_redo (f->project));
      g_assert_cmpstr (keel_project_get_redo_label (f->project), ==, label);

      recorder_reset (&r);
      watch_entities (&r, f->project, TRUE);
      g_assert_true (keel_project_redo (f->project, &error));
      g_assert_no_error (error);
      assert_one_change (&r, cases[index].flags);
      redone = project_dump (f->project);
      g_assert_cmpstr (redone, ==, after);
      assert_reload_matches (f);
      g_assert_cmpstr (keel_project_get_undo_label (f->project), ==, label);
      g_assert_false (keel_project_can_redo (f->project));
    }

  watch_entities (&r, f->project, FALSE);
  recorder_detach (&r, f->project);
}

/* ---- Other tests ---- */

static void
test_identity (ProjectFixture *f,
               gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelItem) draft = NULL;
  KeelItem *live = keel_project_lookup_item (f->project, "it-2");
  KeelItem *it4 = keel_project_lookup_item (f->project, "it-4");
  Recorder r;

  recorder_attach (&r, f->project);
  recorder_watch (&r, live);
  recorder_watch (&r, it4);

  draft = keel_item_copy (live);
  draft->status = KEEL_STATUS_DONE;
  g_assert_true (keel_project_update_item (f->project, draft, &error));
  g_assert_true (keel_project_undo (f->project, &error));
  g_assert_true (keel_project_redo (f->project, &error));
  g_assert_no_error (error);

  /* The same object all along, updated in place, "changed" once per step. */
  g_assert_true (keel_project_lookup_item (f->project, "it-2") == live);
  g_assert_cmpint (live->status, ==, KEEL_STATUS_DONE);
  g_assert_cmpuint (recorder_count_entity (&r, live), ==, 3);
  g_assert_cmpuint (r.n_items_changed[1], ==, 0);

  /* Deleting it-2 touches it-4 (its dependency goes); undo brings it-2 back as a new
   * object at the same place in the list, and it-4's link with it. */
  recorder_reset (&r);
  g_assert_true (keel_project_delete_item (f->project, "it-2", &error));
  g_assert_cmpuint (recorder_count_entity (&r, it4), ==, 1);
  g_assert_cmpuint (it4->depends_on->len, ==, 1);
  g_assert_cmpuint (r.n_items_changed[1], ==, 1);
  g_assert_true (keel_project_undo (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (it4->depends_on->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (it4->depends_on, 0), ==, "it-2");
  g_assert_cmpuint (recorder_count_entity (&r, it4), ==, 2);
  g_assert_cmpuint (r.n_items_changed[1], ==, 2);
  {
    g_autoptr(KeelItem) second = g_list_model_get_item (keel_project_get_items (f->project), 1);
    g_assert_cmpstr (second->id, ==, "it-2");
  }
  recorder_detach (&r, f->project);
}

static void
test_group_abort (ProjectFixture *f,
                  gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = project_dump (f->project);
  g_autofree char *db_before = db_dump (f->db);
  g_autofree char *after = NULL;
  g_autofree char *db_after = NULL;
  g_autoptr(KeelItem) it = make_item ("it-9", "In the group", KEEL_DIMENSION_TEAM, KEEL_HORIZON_NOW, 0);
  g_autoptr(KeelItem) draft = keel_item_copy (keel_project_lookup_item (f->project, "it-1"));
  g_autofree char *label = g_strdup (keel_project_get_undo_label (f->project));
  Recorder r;

  recorder_attach (&r, f->project);
  keel_project_begin_group (f->project, "Doomed");
  g_assert_true (keel_project_add_item (f->project, it, &error));
  draft->status = KEEL_STATUS_DONE;
  g_assert_true (keel_project_update_item (f->project, draft, &error));
  g_assert_true (keel_project_delete_evidence (f->project, "ev-1", &error));
  g_assert_true (keel_project_set_name (f->project, "Doomed", &error));
  g_assert_no_error (error);
  g_assert_nonnull (keel_project_lookup_item (f->project, "it-9"));
  {
    KeelImport *import = keel_project_begin_import (f->project, KEEL_DATASET_SURVEY, FALSE, "g.csv", &error);

    g_assert_true (keel_import_add_survey (import, KEEL_ANSWER_NO_LONGER_USE, NULL, NULL, NULL, &error));
    g_assert_true (keel_project_commit_import (f->project, import, &error));
    g_assert_no_error (error);
  }
  keel_project_abort_group (f->project);

  after = project_dump (f->project);
  db_after = db_dump (f->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (db_after, ==, db_before);
  g_assert_null (keel_project_lookup_item (f->project, "it-9"));
  g_assert_cmpuint (r.n_changed, ==, 0);
  g_assert_cmpuint (r.n_items_changed[0] + r.n_items_changed[1] + r.n_items_changed[2], ==, 0);
  g_assert_cmpstr (keel_project_get_undo_label (f->project), ==, label);

  /* The project works normally afterwards. */
  g_assert_true (keel_project_set_name (f->project, "After", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.n_changed, ==, 1);
  assert_reload_matches (f);
  recorder_detach (&r, f->project);
}

static void
test_group_failure (ProjectFixture *f,
                    gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = project_dump (f->project);
  g_autofree char *after = NULL;
  g_autoptr(KeelItem) ok_item = make_item ("it-8", "Fine", KEEL_DIMENSION_TEAM, KEEL_HORIZON_NOW, 0);
  g_autoptr(KeelItem) clash = make_item ("it-9", "Clash", KEEL_DIMENSION_TEAM, KEEL_HORIZON_NOW, 0);
  g_autoptr(KeelItem) invalid = make_item ("it-10", "", KEEL_DIMENSION_TEAM, KEEL_HORIZON_NOW, 0);
  Recorder r;

  /* A row behind the project's back: the second add fails in SQL, inside the group. */
  g_assert_true (keel_db_exec (f->db, "INSERT INTO items VALUES ('it-9', 'X', '', 'team', 'other',"
                               " 'now', 'idea', 0, NULL, NULL, NULL)", &error));

  recorder_attach (&r, f->project);
  keel_project_begin_group (f->project, "Partly bad");
  g_assert_true (keel_project_add_item (f->project, ok_item, &error));
  g_assert_false (keel_project_add_item (f->project, invalid, &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (keel_project_add_item (f->project, clash, &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_STORAGE);
  g_clear_error (&error);
  /* The failed edit left nothing; the good one is still in the group. */
  g_assert_null (keel_project_lookup_item (f->project, "it-9"));
  g_assert_nonnull (keel_project_lookup_item (f->project, "it-8"));
  keel_project_abort_group (f->project);

  after = project_dump (f->project);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (r.n_changed, ==, 0);

  /* Ending a group after a failed edit commits the edits that succeeded. */
  keel_project_begin_group (f->project, "Partly bad");
  g_assert_true (keel_project_add_item (f->project, ok_item, &error));
  g_assert_false (keel_project_add_item (f->project, clash, &error));
  g_clear_error (&error);
  g_assert_true (keel_project_end_group (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.n_changed, ==, 1);
  g_assert_nonnull (keel_project_lookup_item (f->project, "it-8"));
  g_assert_true (keel_project_lookup_item (f->project, "it-8") == ok_item);
  recorder_detach (&r, f->project);
}

static void
test_nested_abort (ProjectFixture *f,
                   gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = project_dump (f->project);
  g_autofree char *after = NULL;
  Recorder r;

  recorder_attach (&r, f->project);
  keel_project_begin_group (f->project, "Outer");
  g_assert_true (keel_project_set_name (f->project, "Outer name", &error));
  keel_project_begin_group (f->project, "Inner");
  g_assert_true (keel_project_delete_item (f->project, "it-4", &error));
  keel_project_abort_group (f->project);

  /* The whole group is rolled back at once; further edits in it are refused. */
  g_assert_cmpstr (keel_project_get_name (f->project), ==, "Acme");
  g_assert_false (keel_project_set_name (f->project, "Again", &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (keel_project_end_group (f->project, &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  after = project_dump (f->project);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (r.n_changed, ==, 0);
  assert_reload_matches (f);

  /* And the project is usable again. */
  g_assert_true (keel_project_set_name (f->project, "Later", &error));
  g_assert_no_error (error);
  recorder_detach (&r, f->project);
}

static void
test_empty_group (ProjectFixture *f,
                  gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = g_strdup (keel_project_get_undo_label (f->project));
  Recorder r;

  recorder_attach (&r, f->project);
  keel_project_begin_group (f->project, "Nothing");
  g_assert_true (keel_project_set_name (f->project, "Acme", &error));  /* unchanged */
  g_assert_true (keel_project_end_group (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.n_changed, ==, 0);
  g_assert_cmpstr (keel_project_get_undo_label (f->project), ==, label);
  recorder_detach (&r, f->project);
}

static void
test_bulk_items_changed (ProjectFixture *f,
                         gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  GListModel *items = keel_project_get_items (f->project);
  guint n_before = g_list_model_get_n_items (items);
  Recorder r;

  recorder_attach (&r, f->project);
  keel_project_begin_group (f->project, "Fifty");
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *id = g_strdup_printf ("it-%c%02u", i % 2 ? 'a' : 'z', i);
      g_autoptr(KeelItem) it = make_item (id, "Bulk", KEEL_DIMENSION_TEAM, KEEL_HORIZON_NOW, i);

      g_assert_true (keel_project_add_item (f->project, it, &error));
    }
  /* One added and removed in the same group never reaches the list. */
  g_assert_true (keel_project_delete_item (f->project, "it-a01", &error));
  g_assert_true (keel_project_delete_item (f->project, "it-3", &error));
  g_assert_true (keel_project_end_group (f->project, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (r.n_changed, ==, 1);
  g_assert_cmpuint (r.n_items_changed[1], ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, n_before + 48);
  assert_reload_matches (f);

  recorder_reset (&r);
  g_assert_true (keel_project_undo (f->project, &error));
  g_assert_cmpuint (r.n_items_changed[1], ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, n_before);
  assert_reload_matches (f);
  recorder_detach (&r, f->project);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           GString    *log)
{
  g_string_append_printf (log, "%s;", pspec->name);
}

static void
test_history_properties (ProjectFixture *f,
                         gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autofree char *label = NULL;
  gboolean can_undo;

  /* The base project's history is there; empty it first. */
  while (keel_project_can_undo (f->project))
    g_assert_true (keel_project_undo (f->project, &error));
  g_assert_no_error (error);
  g_assert_false (keel_project_undo (f->project, &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);

  g_signal_connect (f->project, "notify", G_CALLBACK (on_notify), log);

  g_assert_true (keel_project_redo (f->project, &error));
  g_assert_nonnull (strstr (log->str, "can-undo;"));
  g_assert_nonnull (strstr (log->str, "undo-label;"));
  g_object_get (f->project, "can-undo", &can_undo, "undo-label", &label, NULL);
  g_assert_true (can_undo);
  g_assert_cmpstr (label, ==, keel_project_get_undo_label (f->project));

  /* A new edit clears what could be redone. */
  g_assert_true (keel_project_can_redo (f->project));
  g_string_truncate (log, 0);
  g_assert_true (keel_project_set_name (f->project, "Fresh", &error));
  g_assert_no_error (error);
  g_assert_false (keel_project_can_redo (f->project));
  g_assert_null (keel_project_get_redo_label (f->project));
  g_assert_nonnull (strstr (log->str, "name;"));
  g_assert_nonnull (strstr (log->str, "can-redo;"));
  g_assert_nonnull (strstr (log->str, "redo-label;"));
  g_assert_false (keel_project_redo (f->project, &error));
  g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);

  g_signal_handlers_disconnect_by_data (f->project, log);
}

static void
test_data_generation (ProjectFixture *f,
                      gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  guint64 generation = keel_project_get_data_generation (f->project);

  /* Items do not touch the data the signals read. */
  g_assert_true (edit_update_item (f->project, &error));
  g_assert_cmpuint (keel_project_get_data_generation (f->project), ==, generation);

  g_assert_true (edit_settings (f->project, &error));
  g_assert_cmpuint (keel_project_get_data_generation (f->project), >, generation);
  generation = keel_project_get_data_generation (f->project);
  g_assert_true (keel_project_undo (f->project, &error));
  g_assert_cmpuint (keel_project_get_data_generation (f->project), >, generation);
  generation = keel_project_get_data_generation (f->project);
  g_assert_true (edit_delete_rows (f->project, &error));
  g_assert_cmpuint (keel_project_get_data_generation (f->project), >, generation);
  g_assert_no_error (error);
}

/* A long walk: every case in turn on one project, then all undone, then all redone. */
static void
test_long_history (ProjectFixture *f,
                   gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  guint n_steps = 0;

  g_ptr_array_add (states, project_dump (f->project));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) edit_error = NULL;

      /* Some cases need what an earlier one deleted; those fail cleanly and are skipped. */
      if (!cases[i].edit (f->project, &edit_error))
        {
          g_test_message ("skipped %s: %s", cases[i].name, edit_error->message);
          continue;
        }
      g_ptr_array_add (states, project_dump (f->project));
      n_steps++;
    }
  g_assert_cmpuint (n_steps, >, G_N_ELEMENTS (cases) / 2);
  assert_reload_matches (f);

  for (guint i = n_steps; i > 0; i--)
    {
      g_autofree char *dump = NULL;

      g_assert_true (keel_project_undo (f->project, &error));
      g_assert_no_error (error);
      dump = project_dump (f->project);
      g_assert_cmpstr (dump, ==, g_ptr_array_index (states, i - 1));
    }
  assert_reload_matches (f);

  for (guint i = 1; i <= n_steps; i++)
    {
      g_autofree char *dump = NULL;

      g_assert_true (keel_project_redo (f->project, &error));
      g_assert_no_error (error);
      dump = project_dump (f->project);
      g_assert_cmpstr (dump, ==, g_ptr_array_index (states, i));
    }
  assert_reload_matches (f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/keel/undo/edit/%s", cases[i].name);

      g_test_add (path, ProjectFixture, GUINT_TO_POINTER (i), base_setup, test_case,
                  project_fixture_teardown);
    }

#define ADD(path, func) \
  g_test_add (path, ProjectFixture, NULL, base_setup, func, project_fixture_teardown)

  ADD ("/keel/undo/identity", test_identity);
  ADD ("/keel/undo/group-abort", test_group_abort);
  ADD ("/keel/undo/group-failure", test_group_failure);
  ADD ("/keel/undo/nested-abort", test_nested_abort);
  ADD ("/keel/undo/empty-group", test_empty_group);
  ADD ("/keel/undo/bulk-items-changed", test_bulk_items_changed);
  ADD ("/keel/undo/history-properties", test_history_properties);
  ADD ("/keel/undo/data-generation", test_data_generation);
  ADD ("/keel/undo/long-history", test_long_history);

  return g_test_run ();
}
