/* test-entities.c: evidence, items, debts, signals (new, copy, equal, assign, changed)
 * and the settings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "keel-entities.h"
#include "keel-project.h"

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
test_evidence (void)
{
  g_autofree char *today = keel_date_today ();
  KeelEvidence *e = keel_evidence_new ("ev-1");
  KeelEvidence *copy;

  g_assert_cmpstr (e->id, ==, "ev-1");
  g_assert_cmpstr (e->summary, ==, "");
  g_assert_cmpstr (e->source, ==, "");
  g_assert_cmpstr (e->date, ==, today);
  g_assert_false (e->has_value);
  g_assert_null (e->unit);

  set_string (&e->summary, "34% export to PDF");
  set_string (&e->unit, "share");
  e->has_value = TRUE;
  e->value = 0.34;

  copy = keel_evidence_copy (e);
  g_assert_true (copy != e);
  g_assert_true (copy->summary != e->summary);
  g_assert_true (keel_evidence_equal (e, copy));

  copy->value = 0.35;
  g_assert_false (keel_evidence_equal (e, copy));
  copy->value = 0.34;
  set_string (&copy->unit, NULL);
  g_assert_false (keel_evidence_equal (e, copy));
  set_string (&copy->unit, "share");
  copy->kind = KEEL_EVIDENCE_KIND_METRIC;
  g_assert_false (keel_evidence_equal (e, copy));

  /* An unset value compares equal whatever the stale number. */
  copy->kind = e->kind;
  e->has_value = copy->has_value = FALSE;
  copy->value = 99;
  g_assert_true (keel_evidence_equal (e, copy));

  keel_evidence_assign (copy, e);
  g_assert_true (keel_evidence_equal (e, copy));

  g_assert_finalize_object (copy);
  g_assert_finalize_object (e);
}

static void
test_item (void)
{
  KeelItem *it = keel_item_new ("it-1");
  KeelItem *copy;

  g_assert_cmpstr (it->title, ==, "");
  g_assert_cmpstr (it->description, ==, "");
  g_assert_null (it->owner);
  g_assert_null (it->target);
  g_assert_cmpuint (it->evidence->len, ==, 0);
  g_assert_cmpuint (it->debts->len, ==, 0);
  g_assert_cmpuint (it->depends_on->len, ==, 0);

  set_string (&it->title, "PDF export");
  g_ptr_array_add (it->evidence, g_strdup ("ev-1"));
  g_ptr_array_add (it->depends_on, g_strdup ("it-2"));
  it->has_effort_days = TRUE;
  it->effort_days = 5;

  copy = keel_item_copy (it);
  g_assert_true (keel_item_equal (it, copy));
  /* The link arrays are deep copies. */
  g_assert_true (copy->evidence != it->evidence);
  g_ptr_array_add (copy->evidence, g_strdup ("ev-2"));
  g_assert_cmpuint (it->evidence->len, ==, 1);
  g_assert_false (keel_item_equal (it, copy));

  /* Order of links matters. */
  g_ptr_array_remove_index (copy->evidence, 1);
  g_assert_true (keel_item_equal (it, copy));
  g_ptr_array_add (it->debts, g_strdup ("debt-1"));
  g_ptr_array_add (it->debts, g_strdup ("debt-2"));
  g_ptr_array_add (copy->debts, g_strdup ("debt-2"));
  g_ptr_array_add (copy->debts, g_strdup ("debt-1"));
  g_assert_false (keel_item_equal (it, copy));

  keel_item_assign (copy, it);
  g_assert_true (keel_item_equal (it, copy));

  copy->position = 3;
  g_assert_false (keel_item_equal (it, copy));
  copy->position = it->position;
  copy->status = KEEL_STATUS_DONE;
  g_assert_false (keel_item_equal (it, copy));
  copy->status = it->status;
  set_string (&copy->target, "2026-12-15");
  g_assert_false (keel_item_equal (it, copy));

  /* Assigning an object to itself keeps everything. */
  keel_item_assign (it, it);
  g_assert_cmpstr (it->title, ==, "PDF export");
  g_assert_cmpuint (it->debts->len, ==, 2);

  g_assert_finalize_object (copy);
  g_assert_finalize_object (it);
}

static void
test_debt (void)
{
  KeelDebt *d = keel_debt_new ("debt-1");
  KeelDebt *copy;
  g_autofree char *today = keel_date_today ();

  g_assert_cmpstr (d->component, ==, "");
  g_assert_cmpstr (d->recorded, ==, today);
  g_assert_cmpint (d->status, ==, KEEL_DEBT_STATUS_OPEN);

  set_string (&d->title, "Single Postgres");
  d->bottleneck = TRUE;
  g_ptr_array_add (d->evidence, g_strdup ("ev-1"));

  copy = keel_debt_copy (d);
  g_assert_true (keel_debt_equal (d, copy));
  copy->hard_ceiling = TRUE;
  g_assert_false (keel_debt_equal (d, copy));
  copy->hard_ceiling = FALSE;
  copy->interest_hours_per_week = 1.5;
  g_assert_false (keel_debt_equal (d, copy));
  keel_debt_assign (copy, d);
  g_assert_true (keel_debt_equal (d, copy));
  g_ptr_array_set_size (copy->evidence, 0);
  g_assert_false (keel_debt_equal (d, copy));

  g_assert_finalize_object (copy);
  g_assert_finalize_object (d);
}

static void
test_signal (void)
{
  KeelSignal *s = keel_signal_new ("sig-se", KEEL_SIGNAL_KIND_SEAN_ELLIS);
  KeelSignal *custom = keel_signal_new ("sig-pay", KEEL_SIGNAL_KIND_CUSTOM);
  KeelSignal *copy;

  g_assert_true (s->required);
  g_assert_false (custom->required);
  g_assert_cmpint (custom->comparison, ==, KEEL_COMPARISON_GE);
  g_assert_cmpstr (keel_signal_get_display_name (s), ==, "Sean Ellis survey");

  set_string (&custom->name, "Paid conversion");
  g_assert_cmpstr (keel_signal_get_display_name (custom), ==, "Paid conversion");
  custom->has_value = custom->has_target = TRUE;
  custom->value = 0.05;
  custom->target = 0.04;
  set_string (&custom->date, "2026-10-01");

  copy = keel_signal_copy (custom);
  g_assert_true (keel_signal_equal (custom, copy));
  copy->comparison = KEEL_COMPARISON_LT;
  g_assert_false (keel_signal_equal (custom, copy));
  keel_signal_assign (copy, custom);
  copy->has_target = FALSE;
  g_assert_false (keel_signal_equal (custom, copy));

  g_assert_finalize_object (copy);
  g_assert_finalize_object (custom);
  g_assert_finalize_object (s);
}

static void
on_changed (GObject *object,
            guint   *count)
{
  (*count)++;
}

static void
test_changed_signal (void)
{
  GType types[] = { KEEL_TYPE_EVIDENCE, KEEL_TYPE_ITEM, KEEL_TYPE_DEBT, KEEL_TYPE_SIGNAL };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GObject *object = g_object_new (types[i], NULL);
      guint count = 0;

      g_assert_cmpuint (g_signal_lookup ("changed", types[i]), !=, 0);
      g_signal_connect (object, "changed", G_CALLBACK (on_changed), &count);
      g_signal_emit_by_name (object, "changed");
      g_assert_cmpuint (count, ==, 1);
      g_assert_finalize_object (object);
    }
}

static void
test_settings_defaults (void)
{
  KeelSettings settings, other;
  g_autoptr(GError) error = NULL;
  guint n_keys;
  const char * const *keys = keel_settings_get_keys (&n_keys);
  double value;

  keel_settings_init_defaults (&settings);
  g_assert_cmpfloat (settings.pmf_threshold, ==, 0.4);
  g_assert_cmpint (settings.min_survey_responses, ==, 40);
  g_assert_cmpint (settings.evidence_max_age_days, ==, 90);
  g_assert_cmpfloat (settings.plateau_max_slope, ==, 0.01);
  g_assert_cmpint (settings.plateau_periods, ==, 3);
  g_assert_cmpint (settings.retention_min_cohorts, ==, 3);
  g_assert_cmpint (settings.retention_min_periods, ==, 6);
  g_assert_cmpfloat (settings.organic_share_threshold, ==, 0.5);
  g_assert_cmpint (settings.organic_trend_periods, ==, 3);
  g_assert_cmpint (settings.wip_limit, ==, 8);
  g_assert_true (keel_settings_validate (&settings, &error));
  g_assert_no_error (error);

  /* The documented order of the JSON. */
  g_assert_cmpuint (n_keys, ==, 10);
  g_assert_cmpstr (keys[0], ==, "pmf_threshold");
  g_assert_cmpstr (keys[9], ==, "wip_limit");
  g_assert_null (keys[10]);

  other = settings;
  g_assert_true (keel_settings_equal (&settings, &other));
  for (guint i = 0; i < n_keys; i++)
    {
      g_assert_true (keel_settings_get_value (&settings, keys[i], &value));
      g_assert_true (keel_settings_set_value (&other, keys[i], value + 1));
      g_assert_false (keel_settings_equal (&settings, &other));
      g_assert_true (keel_settings_set_value (&other, keys[i], value));
      g_assert_true (keel_settings_equal (&settings, &other));
    }

  g_assert_true (keel_settings_get_value (&settings, "wip_limit", &value));
  g_assert_cmpfloat (value, ==, 8);
  g_assert_false (keel_settings_get_value (&settings, "wip", &value));
  g_assert_false (keel_settings_set_value (&other, "nope", 1));
  /* Whole-number settings refuse fractions. */
  g_assert_false (keel_settings_set_value (&other, "wip_limit", 2.5));
  g_assert_false (keel_settings_set_value (&other, "wip_limit", NAN));
  g_assert_true (keel_settings_key_is_integer ("min_survey_responses"));
  g_assert_false (keel_settings_key_is_integer ("pmf_threshold"));
  g_assert_false (keel_settings_key_is_integer ("nope"));
}

static void
test_settings_validate (void)
{
  struct {
    const char *key;
    double      value;
  } bad[] = {
    { "pmf_threshold", 1.5 }, { "pmf_threshold", -0.1 }, { "pmf_threshold", NAN },
    { "pmf_threshold", INFINITY }, { "plateau_max_slope", 2 }, { "organic_share_threshold", -1 },
    { "min_survey_responses", 0 }, { "plateau_periods", 0 }, { "retention_min_cohorts", -3 },
    { "retention_min_periods", 0 }, { "organic_trend_periods", 0 }, { "wip_limit", 0 },
    { "evidence_max_age_days", -1 }, { "wip_limit", 1e12 },
  };
  struct {
    const char *key;
    double      value;
  } good[] = {
    { "pmf_threshold", 0 }, { "pmf_threshold", 1 }, { "evidence_max_age_days", 0 },
    { "wip_limit", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      KeelSettings settings;

      keel_settings_init_defaults (&settings);
      if (!keel_settings_set_value (&settings, bad[i].key, bad[i].value))
        continue;  /* a non-whole count is refused earlier still */
      g_assert_false (keel_settings_validate (&settings, &error));
      g_assert_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID);
      /* The message names the key. */
      g_assert_nonnull (strstr (error->message, bad[i].key));
    }

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      KeelSettings settings;

      keel_settings_init_defaults (&settings);
      g_assert_true (keel_settings_set_value (&settings, good[i].key, good[i].value));
      g_assert_true (keel_settings_validate (&settings, &error));
      g_assert_no_error (error);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/keel/entities/evidence", test_evidence);
  g_test_add_func ("/keel/entities/item", test_item);
  g_test_add_func ("/keel/entities/debt", test_debt);
  g_test_add_func ("/keel/entities/signal", test_signal);
  g_test_add_func ("/keel/entities/changed-signal", test_changed_signal);
  g_test_add_func ("/keel/entities/settings-defaults", test_settings_defaults);
  g_test_add_func ("/keel/entities/settings-validate", test_settings_validate);

  return g_test_run ();
}
