/* test-signals.c: the fit signals and the gate against hand-computed values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every expected number is worked out in the comment above its assertion.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "keel-signals.h"
#include "keel-project.h"
#include "keel-document.h"

#define EPS 1e-12

typedef struct {
  char         *dir;
  KeelDocument *document;
  KeelProject  *project;
  GPtrArray    *gates;    /* computed by result_at(), freed at tear-down */
} Fixture;

/* ------------------------------------------------------------------------ */
/* Helpers */

static void
add_signal (KeelProject    *project,
            const char     *id,
            KeelSignalKind  kind,
            gboolean        required)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelSignal) signal = keel_signal_new (id, kind);

  signal->required = required;
  signal->position = g_list_model_get_n_items (keel_project_get_signals (project));
  g_assert_true (keel_project_add_signal (project, signal, &error));
  g_assert_no_error (error);
}

/* A project with exactly the three data signals, all required, default settings. */
static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  GListModel *signals;

  fx->gates = g_ptr_array_new_with_free_func ((GDestroyNotify) keel_gate_free);
  fx->dir = g_dir_make_tmp ("keel-test-signals-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fx->dir, "p.keel", NULL);
  file = g_file_new_for_path (path);
  fx->document = keel_document_create (file, &error);
  g_assert_no_error (error);
  fx->project = keel_project_load (fx->document, &error);
  g_assert_no_error (error);

  signals = keel_project_get_signals (fx->project);
  while (g_list_model_get_n_items (signals) > 0)
    {
      g_autoptr(KeelSignal) signal = g_list_model_get_item (signals, 0);

      g_assert_true (keel_project_delete_signal (fx->project, signal->id, &error));
      g_assert_no_error (error);
    }
  add_signal (fx->project, "sig-ret", KEEL_SIGNAL_KIND_RETENTION_PLATEAU, TRUE);
  add_signal (fx->project, "sig-org", KEEL_SIGNAL_KIND_ORGANIC_GROWTH, TRUE);
  add_signal (fx->project, "sig-se", KEEL_SIGNAL_KIND_SEAN_ELLIS, TRUE);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_ptr_array_unref (fx->gates);
  g_clear_object (&fx->project);
  keel_document_close (fx->document);
  g_clear_object (&fx->document);
  g_rmdir (fx->dir);
  g_free (fx->dir);
}

typedef struct {
  const char *cohort;
  gint64      size;
  gint64      retained[10];
  guint       n;
} Cohort;

static void
import_cohorts (Fixture             *fx,
                KeelRetentionPeriod  period,
                const Cohort        *cohorts,
                guint                n)
{
  g_autoptr(GError) error = NULL;
  KeelImport *import = keel_project_begin_import (fx->project, KEEL_DATASET_RETENTION,
                                                  FALSE, "r.csv", &error);

  g_assert_no_error (error);
  keel_import_set_retention_period (import, period);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (keel_import_add_cohort (import, cohorts[i].cohort, cohorts[i].size,
                                             cohorts[i].retained, cohorts[i].n, &error));
      g_assert_no_error (error);
    }
  g_assert_true (keel_project_commit_import (fx->project, import, &error));
  g_assert_no_error (error);
}

typedef struct {
  KeelAnswer  answer;
  const char *date;
  const char *segment;
  const char *respondent;
} Answer;

static void
import_answers (Fixture      *fx,
                const Answer *answers,
                guint         n,
                gboolean      append)
{
  g_autoptr(GError) error = NULL;
  KeelImport *import = keel_project_begin_import (fx->project, KEEL_DATASET_SURVEY,
                                                  append, "s.csv", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (keel_import_add_survey (import, answers[i].answer, answers[i].date,
                                             answers[i].segment, answers[i].respondent,
                                             &error));
      g_assert_no_error (error);
    }
  g_assert_true (keel_project_commit_import (fx->project, import, &error));
  g_assert_no_error (error);
}

/* @n answers of each kind, anonymous, on @date. */
static void
import_counts (Fixture    *fx,
               const char *date,
               guint       very,
               guint       somewhat,
               guint       not,
               guint       gone)
{
  guint counts[KEEL_N_ANSWERS] = { very, somewhat, not, gone };
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Answer));

  for (guint a = 0; a < KEEL_N_ANSWERS; a++)
    for (guint i = 0; i < counts[a]; i++)
      {
        Answer row = { a, date, NULL, NULL };
        g_array_append_val (rows, row);
      }
  import_answers (fx, (const Answer *) (gpointer) rows->data, rows->len, FALSE);
}

typedef struct {
  const char *period;
  const char *channel;
  gint64      users;
} Acquisition;

static void
import_acquisition (Fixture           *fx,
                    const Acquisition *rows,
                    guint              n)
{
  g_autoptr(GError) error = NULL;
  KeelImport *import = keel_project_begin_import (fx->project, KEEL_DATASET_ACQUISITION,
                                                  FALSE, "a.csv", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (keel_import_add_acquisition (import, rows[i].period, rows[i].channel,
                                                  rows[i].users, &error));
      g_assert_no_error (error);
    }
  g_assert_true (keel_project_commit_import (fx->project, import, &error));
  g_assert_no_error (error);
}

static KeelGate *
compute (Fixture    *fx,
         const char *as_of)
{
  g_autoptr(GError) error = NULL;
  KeelGate *gate = keel_gate_compute (fx->project, as_of, &error);

  g_assert_no_error (error);
  g_assert_nonnull (gate);
  g_assert_cmpstr (gate->as_of, ==, as_of);
  return gate;
}

static const KeelSignalResult *
result_of (const KeelGate *gate,
           const char     *id)
{
  const KeelSignalResult *r = keel_gate_lookup (gate, id);

  g_assert_nonnull (r);
  g_assert_true (r->explanation != NULL && *r->explanation != '\0');
  return r;
}

/* The result of signal @id in the gate computed as of @as_of; the gate lives until
 * tear-down, so several as-of dates can be compared in one test. */
static const KeelSignalResult *
result_at (Fixture    *fx,
           const char *as_of,
           const char *id)
{
  KeelGate *gate = compute (fx, as_of);

  g_ptr_array_add (fx->gates, gate);
  return result_of (gate, id);
}

static void
set_settings (Fixture *fx,
              void   (*change) (KeelSettings *))
{
  g_autoptr(GError) error = NULL;
  KeelSettings settings = *keel_project_get_settings (fx->project);

  change (&settings);
  g_assert_true (keel_project_set_settings (fx->project, &settings, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------------ */
/* Math */

static void
test_wilson (void)
{
  double low, high;

  /* Published values of the 95% Wilson interval: 5 of 10 -> [0.2366, 0.7634];
   * 0 of 10 -> [0, 0.2775]; 10 of 10 -> [0.7225, 1]. */
  keel_wilson_interval (5, 10, &low, &high);
  g_assert_cmpfloat_with_epsilon (low, 0.2366, 5e-5);
  g_assert_cmpfloat_with_epsilon (high, 0.7634, 5e-5);
  keel_wilson_interval (0, 10, &low, &high);
  g_assert_cmpfloat_with_epsilon (low, 0.0, EPS);
  g_assert_cmpfloat_with_epsilon (high, 0.2775, 5e-5);
  keel_wilson_interval (10, 10, &low, &high);
  g_assert_cmpfloat_with_epsilon (low, 0.7225, 5e-5);
  g_assert_cmpfloat_with_epsilon (high, 1.0, 1e-9);

  /* 16 of 40, p = 0.4, z = 1.959964, z² = 3.841459:
   *   centre = (0.4 + 3.841459/80) / (1 + 3.841459/40) = 0.448018 / 1.096036
   *   margin = z·sqrt(0.24/40 + 3.841459/6400) / 1.096036 = 1.959964·0.081208 / 1.096036
   *   -> [0.263483, 0.554041] */
  keel_wilson_interval (16, 40, &low, &high);
  g_assert_cmpfloat_with_epsilon (low, 0.263483, 1e-6);
  g_assert_cmpfloat_with_epsilon (high, 0.554041, 1e-6);

  /* Nothing known: [0, 1]. */
  keel_wilson_interval (0, 0, &low, &high);
  g_assert_cmpfloat (low, ==, 0.0);
  g_assert_cmpfloat (high, ==, 1.0);
}

static void
test_least_squares (void)
{
  const double rising[] = { 0.5, 0.6, 0.7 };
  const double flat[] = { 0.5, 0.5, 0.5 };
  const double wobbly[] = { 1, 3, 2, 5 };

  /* (0.7 - 0.5) / 2 = 0.1 */
  g_assert_cmpfloat_with_epsilon (keel_least_squares_slope (rising, 3), 0.1, EPS);
  g_assert_cmpfloat_with_epsilon (keel_least_squares_slope (flat, 3), 0.0, EPS);
  /* mean x 1.5, mean y 2.75; Sxy = 2.625 - 0.125 - 0.375 + 3.375 = 5.5; Sxx = 5 -> 1.1 */
  g_assert_cmpfloat_with_epsilon (keel_least_squares_slope (wobbly, 4), 1.1, EPS);
  g_assert_cmpfloat (keel_least_squares_slope (rising, 1), ==, 0.0);
  g_assert_cmpfloat (keel_least_squares_slope (NULL, 0), ==, 0.0);
}

static void
test_plateau_function (void)
{
  const double flat[] = { 1.0, 0.5, 0.42, 0.415, 0.41, 0.405 };
  const double falling[] = { 1.0, 0.5, 0.42, 0.40, 0.38, 0.36 };
  const double zero[] = { 1.0, 0.1, 0.0, 0.0, 0.0, 0.0 };
  const double edge[] = { 1.0, 0.5, 0.43, 0.42, 0.41, 0.40 };
  double change;

  /* Last 3 changes: -0.005 each -> max 0.005 <= 0.01. */
  g_assert_true (keel_plateau_test (flat, 6, 3, 0.01, &change));
  g_assert_cmpfloat_with_epsilon (change, 0.005, EPS);
  /* Last 3 changes: -0.02 each. */
  g_assert_false (keel_plateau_test (falling, 6, 3, 0.01, &change));
  g_assert_cmpfloat_with_epsilon (change, 0.02, EPS);
  /* Flat at 0 is not a plateau: the last value must be above 0. */
  g_assert_false (keel_plateau_test (zero, 6, 3, 0.01, &change));
  g_assert_cmpfloat (change, ==, 0.0);
  /* Changes of exactly 0.01 (0.42 - 0.43 in binary is not exactly -0.01): met within
   * the tolerance. */
  g_assert_true (keel_plateau_test (edge, 6, 3, 0.01, &change));
  g_assert_cmpfloat_with_epsilon (change, 0.01, 1e-12);
  /* Too few points for 3 changes. */
  g_assert_false (keel_plateau_test (flat, 3, 3, 0.01, &change));
}

/* ------------------------------------------------------------------------ */
/* Retention */

/* Three cohorts, weekly:
 *   2026-01-05 size 200: 200 100 84 83 82 81
 *   2026-01-12 size 100: 100  50 42 41 41 40
 *   2026-01-19 size 100: 100  50 42 42 41 41
 * sums of size 400 at every period; retained 400 200 168 166 164 162
 * average 1, 0.5, 0.42, 0.415, 0.41, 0.405; last 3 changes -0.005 -> met, value 0.005,
 * plateau 0.405. Newest data: 2026-01-19 + 5 × 7 = 2026-02-23. */
static const Cohort flat_cohorts[] = {
  { "2026-01-05", 200, { 200, 100, 84, 83, 82, 81 }, 6 },
  { "2026-01-12", 100, { 100, 50, 42, 41, 41, 40 }, 6 },
  { "2026-01-19", 100, { 100, 50, 42, 42, 41, 41 }, 6 },
};

static void
test_retention_met (Fixture       *fx,
                    gconstpointer  data)
{
  const KeelSignalResult *r;

  import_cohorts (fx, KEEL_RETENTION_PERIOD_WEEK, flat_cohorts, 3);
  r = result_at (fx, "2026-03-01", "sig-ret");

  g_assert_cmpint (r->kind, ==, KEEL_SIGNAL_KIND_RETENTION_PLATEAU);
  g_assert_cmpint (r->state, ==, KEEL_SIGNAL_STATE_MET);
  g_assert_true (r->has_value);
  g_assert_cmpfloat_with_epsilon (r->value, 0.005, EPS);
  g_assert_cmpfloat (r->threshold, ==, 0.01);
  g_assert_true (r->has_plateau);
  g_assert_cmpfloat_with_epsilon (r->plateau, 0.405, EPS);
  g_assert_cmpint (r->sample_size, ==, 3);
  g_assert_cmpstr (r->newest_data, ==, "2026-02-23");
  g_assert_cmpuint (r->average->len, ==, 6);
  g_assert_cmpfloat_with_epsilon (g_array_index (r->average, double, 3), 0.415, EPS);
  g_assert_cmpuint (r->cohorts->len, ==, 3);
  /* Per cohort, fractions of its size: 84 / 200 = 0.42. */
  g_assert_cmpfloat_with_epsilon (
    g_array_index (((KeelCohortCurve *) g_ptr_array_index (r->cohorts, 0))->retained, double, 2),
    0.42, EPS);
  g_assert_cmpstr (r->explanation, ==,
                   "The average retention curve of 3 cohorts has flattened at 40.5%: none of its last 3 changes is more than 0.5 percentage points (at most 1 allowed).");
}

static void
test_retention_declining (Fixture       *fx,
                          gconstpointer  data)
{
  /* Retained sums 400 200 168 160 152 144 over 400: 0.42, 0.40, 0.38, 0.36: each of the
   * last 3 changes is -0.02 -> not met, value 0.02, plateau 0.36. */
  const Cohort cohorts[] = {
    { "2026-01-05", 200, { 200, 100, 84, 80, 76, 72 }, 6 },
    { "2026-01-12", 100, { 100, 50, 42, 40, 38, 36 }, 6 },
    { "2026-01-19", 100, { 100, 50, 42, 40, 38, 36 }, 6 },
  };
  const KeelSignalResult *r;

  import_cohorts (fx, KEEL_RETENTION_PERIOD_WEEK, cohorts, 3);
  r = result_at (fx, "2026-03-01", "sig-ret");

  g_assert_cmpint (r->state, ==, KEEL_SIGNAL_STATE_NOT_MET);
  g_assert_true (r->has_value);
  g_assert_cmpfloat_with_epsilon (r->value, 0.02, EPS);
  g_assert_cmpfloat_with_epsilon (r->plateau, 0.36, EPS);
  g_assert_cmpstr (r->explanation, ==,
                   "The average retention curve of 3 cohorts has not flattened yet: one of its last 3 changes is 2 percentage points (at most 1 allowed); it stands at 36.0%.");
}

static void
test_retention_too_few_cohorts (Fixture       *fx,
                                gconstpointer  data)
{
  const KeelSignalResult *r;

  /* Two cohorts, fewer than retention_min_cohorts (3): no average curve at all. */
  import_cohorts (fx, KEEL_RETENTION_PERIOD_WEEK, flat_cohorts, 2);
  r = result_at (fx, "2026-03-01", "sig-ret");

  g_assert_cmpint (r->state, ==, KEEL_SIGNAL_STATE_NOT_MET);
  g_assert_false (r->has_value);
  g_assert_false (r->has_plateau);
  g_assert_cmpint (r->sample_size, ==, 2);
  g_assert_cmpuint (r->average->len, ==, 0);
  g_assert_cmpstr (r->explanation, ==,
                   "Only 2 cohorts as of 2026-03-01; the average retention curve needs at least 3 cohorts.");
}

static void
test_retention_too_few_periods (Fixture       *fx,
                                gconstpointer  data)
{
  /* Five periods each: 5 points < retention_min_periods (6). */
  const Cohort cohorts[] = {
    { "2026-01-05", 200, { 200, 100, 84, 83, 82 }, 5 },
    { "2026-01-12", 100, { 100, 50, 42, 41, 41 }, 5 },
    { "2026-01-19", 100, { 100, 50, 42, 42, 41 }, 5 },
  };
  const KeelSignalResult *r;

  import_cohorts (fx, KEEL_RETENTION_PERIOD_WEEK, cohorts, 3);
  r = result_at (fx, "2026-03-01", "sig-ret");

  g_assert_cmpint (r->state, ==, KEEL_SIGNAL_STATE_NOT_MET);
  g_assert_false (r->has_value);
  g_assert_cmpuint (r->average->len, ==, 5);
  g_assert_cmpstr (r->explanation, ==,
                   "The average retention curve has 5 points (in weeks, period 0 included) reached by at least 3 cohorts; a plateau needs at least 6.");
}

/* Cohorts of different sizes and lengths:
 *   C1 2026-01-05 size 100: 100  50  40  39  38  37  36  35
 *   C2 2026-01-12 size 300: 300 150 120 117 116 113 112
 *   C3 2026-01-19 size 200: 200 100  80  78  77  76
 *   C4 2026-01-26 size 400: 400 200 160 158
 * Periods 0-3 have 4 cohorts, 4-5 have 3, 6 has 2, 7 has 1: the curve stops at
 * period 5 (6 points).
 *   p0 1000/1000 = 1      p1 500/1000 = 0.5    p2 400/1000 = 0.4
 *   p3 (39+117+78+158)/1000 = 392/1000 = 0.392
 *   p4 (38+116+77)/600 = 231/600 = 0.385
 *   p5 (37+113+76)/600 = 226/600 = 0.376667
 * Last changes: -0.008, -0.007, -0.008333 -> max 5/600 = 0.008333 <= 0.01 -> met.
 * (An unweighted mean of the cohorts' fractions would give p3 0.3925.) Newest data:
 * C1 01-05 + 49 = 02-23, C2 01-12 + 42 = 02-23, C3 01-19 + 35 = 02-23, C4 01-26 + 21
 * = 02-16 -> 2026-02-23. */
static const Cohort mixed_cohorts[] = {
  { "2026-01-05", 100, { 100, 50, 40, 39, 38, 37, 36, 35 }, 8 },
  { "2026-01-12", 300, { 300, 150, 120, 117, 116, 113, 112 }, 7 },
  { "2026-01-19", 200, { 200, 100, 80, 78, 77, 76 }, 6 },
  { "2026-01-26", 400, { 400, 200, 160, 158 }, 4 },
};

static void
test_retention_mixed (Fixture       *fx,
                      gconstpointer  data)
{
  const KeelSignalResult *r;

  import_cohorts (fx, KEEL_RETENTION_PERIOD_WEEK, mixed_cohorts, 4);
  r = result_at (fx, "2026-03-01", "sig-ret");

  g_assert_cmpint (r->state, ==, KEEL_SIGNAL_STATE_MET);
  g_assert_cmpuint (r->average->len, ==, 6);
  g_assert_cmpfloat_with_epsilon (g_array_index (r->average, double, 3), 0.392, EPS);
  g_assert_cmpfloat_with_epsilon (g_array_index (r->average, double, 4), 0.385, EPS);
  g_assert_cmpfloat_with_epsilon (r->value, 5.0 / 600.0, EPS);
  g_assert_cmpfloat_with_epsilon (r->plateau, 226.0 / 600.0, EPS);
  g_assert_cmpint (r->sample_size, ==, 4);
  g_assert_cmpstr (r->newest_data, ==, "2026-02-23");
}

/* The same cohorts seen from earlier as-of dates. */
static void
test_retention_as_of (Fixture       *fx,
                      gconstpointer  data)
{
  const KeelSignalResult *r;

  import_cohorts (fx, KEEL_RETENTION_PERIOD_WEEK, mixed_cohorts, 4);

  /* As of 2026-02-16, period p of a cohort is in when start + 7p <= 02-16:
   *   C1 (42 days): periods 0-6; C2 (35): 0-5; C3 (28): 0-4; C4 (21): 0-3.
   * Period 4 has C1, C2, C3 (3 cohorts), period 5 only C1, C2: 5 points < 6.
   * Newest: every cohort reaches exactly 02-16. */
  r = result_at (fx, "2026-02-16", "sig-ret");
  g_assert_cmpint (r->state, ==, KEEL_SIGNAL_STATE_NOT_MET);
  g_assert_false (r->has_value);
  g_assert_cmpuint (r->average->len, ==, 5);
  g_assert_cmpstr (r->newest_data, ==, "2026-02-16");
  g_assert_cmpuint (((KeelCohortCurve *) g_ptr_array_index (r->cohorts, 0))->retained->len, ==, 7);

  /* As of 2026-01-20: C4 (starts 01-26) is left out; C1 has 3 periods (15 days), C2
   * 2 (8 days), C3 1 (1 day). 3 cohorts; period 1 has only 2: 1 point. Newest:
   * C1 01-05 + 14 = 01-19, C2 01-12 + 7 = 01-19, C3 01-19. */
  r = result_at (fx, "2026-01-20", "sig-ret");
  g_assert_cmpint (r->sample_size, ==, 3);
  g_assert_cmpuint (r->average->len, ==, 1);
  g_assert_cmpstr (r->newest_data, ==, "2026-01-19");

  /* Before the first cohort: no data at all. */
  r = result_at (fx, "2026-01-04", "sig-ret");
  g_assert_cmpint (r->state, ==, KEEL_SIGNAL_STATE_NO_DATA);
  g_assert_null (r->newest_data);
  g_assert_cmpint (r->sample_size, ==, 0);
}

static void
test_retention_months (Fixture       *fx,
                       gconstpointer  data)
{
  const KeelSignalResult *r;

  /* Monthly periods are 30 days. As of 2026-06-15:
   *   C1 2026-01-05, 161 days: periods 0-5 (161 / 30 = 5), last dated 01-05 + 150 = 06-04
   *   C2 2026-01-12, 154 days: periods 0-5, last dated 01-12 + 150 = 06-11
   *   C3 2026-01-19, 147 days: periods 0-4, last dated 01-19 + 120 = 05-19
   * Period 5 has 2 cohorts: 5 points, too few; newest data 2026-06-11. */
  import_cohorts (fx, KEEL_RETENTION_PERIOD_MONTH, flat_cohorts, 3);
  r = result_at (fx, "2026-06-15", "sig-ret");
  g_assert_cmpuint (r->average->len, ==, 5);
  g_assert_false (r->has_value);
  g_assert_cmpstr (r->newest_data, ==, "2026-06-11");
}

static void
test_retention_stale (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(KeelGate) stale = NULL;
  const KeelSignalResult *r;

  import_cohorts (fx, KEEL_RETENTION_PERIOD_WEEK, flat_cohorts, 3);

  /* Newest data 2026-02-23. 90 days later is 2026-05-24 (5 + 31 + 30 + 24): exactly
   * the evidence age, still fresh. */
  r = result_at (fx, "2026-05-24", "sig-ret");
  g_assert_cmpint (r->state, ==, KEEL_SIGNAL_STATE_MET);

  /* 91 days: stale, although the curve is flat. */
  stale = compute (fx, "2026-05-25");
  r = result_of (stale, "sig-ret");
  g_assert_cmpint (r->state, ==, KEEL_SIGNAL_STATE_STALE);
  g_assert_true (r->has_value);
  g_assert_true (g_str_has_suffix (r->explanation,
                                   "The newest data, from 2026-02-23, is 91 days old; evidence older than 90 days is stale and does not count."));
  g_assert_false (stale->passed);
}

/* ------------------------------------------------------------------------ */
/* Sean Ellis */

static void
test_sean_ellis_at_threshold (Fixture       *fx,
                              gconstpointer  data)
{
  const KeelSignalResult *r;

  /* 16 very, 14 somewhat, 10 not: 16 / 40 = 0.4 exactly the threshold -> met;
   * interval [0.2635, 0.5540] (test_wilson) -> not confident. */
  import_counts (fx, "2026-10-01", 16, 14, 10, 0);
  r = result_at (fx, "2026-10-15", "sig-se");

  g_assert_cmpint (r->state, ==, KEEL_SIGNAL_STATE_MET);
  g_assert_cmpfloat_with_epsilon (r->value, 0.4, EPS);
  g_assert_cmpfloat (r->threshold, ==, 0.4);
  g_assert_cmpint (r->sample_size, ==, 40);
  g_assert_cmpfloat_with_epsilon (r->interval_low, 0.263483, 1e-6);
  g_assert_cmpfloat_with_epsilon (r->interval_high, 0.554041, 1e-6);
  g_assert_false (r->confident);
  g_assert_cmpstr (r->newest_data, ==, "2026-10-01");
  g_assert_cmpint (g_array_index (r->answer_counts, gint64, KEEL_ANSWER_SOMEWHAT_DISAPPOINTED), ==, 14);
  g_assert_cmpstr (r->explanation, ==,
                   "40.0% of 40 users would be very disappointed (needs 40%, at least 40 answers); 95% interval 26.3%–55.4%. Not yet confident: the interval reaches below the threshold; more answers will tell.");
}

static void
test_sean_ellis_above (Fixture       *fx,
                       gconstpointer  data)
{
  const KeelSignalResult *r;

  /* 120 very of 200: 0.6; Wilson [0.5308, 0.6654]: the lower bound reaches 0.4 ->
   * confident. */
  import_counts (fx, "2026-10-01", 120, 50, 30, 0);
  r = result_at (fx, "2026-10-15", "sig-se");

  g_assert_cmpint (r->state, ==, KEEL_SIGNAL_STATE_MET);
  g_assert_cmpfloat_with_epsilon (r->value, 0.6, EPS);
  g_assert_cmpfloat_with_epsilon (r->interval_low, 0.530837, 1e-6);
  g_assert_cmpfloat_with_epsilon (r->interval_high, 0.665394, 1e-6);
  g_assert_true (r->confident);
}

static void
test_sean_ellis_below (Fixture       *fx,
                       gconstpointer  data)
{
  const KeelSignalResult *r;

  /* 15 / 40 = 0.375 < 0.4; Wilson [0.2422, 0.5297]. */
  import_counts (fx, "2026-10-01", 15, 15, 10, 0);
  r = result_at (fx, "2026-10-15", "sig-se");

  g_assert_cmpint (r->state, ==, KEEL_SIGNAL_STATE_NOT_MET);
  g_assert_true (r->has_value);
  g_assert_cmpfloat_with_epsilon (r->value, 0.375, EPS);
  g_assert_cmpfloat_with_epsilon (r->interval_low, 0.242230, 1e-6);
  g_assert_false (r->confident);
  g_assert_cmpstr (r->explanation, ==,
                   "37.5% of 40 users would be very disappointed (needs 40%, at least 40 answers); 95% interval 24.2%–53.0%.");
}

static void
test_sean_ellis_too_few (Fixture       *fx,
                         gconstpointer  data)
{
  const KeelSignalResult *r;

  /* 39 users (30 very = 77%) plus 6 who no longer use it: 39 < 40 -> not met, no value. */
  import_counts (fx, "2026-10-01", 30, 5, 4, 6);
  r = result_at (fx, "2026-10-15", "sig-se");

  g_assert_cmpint (r->state, ==, KEEL_SIGNAL_STATE_NOT_MET);
  g_assert_false (r->has_value);
  g_assert_false (r->confident);
  g_assert_cmpint (r->sample_size, ==, 39);
  g_assert_cmpstr (r->explanation, ==,
                   "Only 39 answers from people who use the product (6 more no longer use it and do not count); the survey needs at least 40.");
}

static void
test_sean_ellis_no_longer_use (Fixture       *fx,
                               gconstpointer  data)
{
  const KeelSignalResult *r;

  /* 16 very, 14 somewhat, 10 not, 25 no longer use: 16 / 40 = 0.4, not 16 / 65. */
  import_counts (fx, "2026-10-01", 16, 14, 10, 25);
  r = result_at (fx, "2026-10-15", "sig-se");

  g_assert_cmpint (r->state, ==, KEEL_SIGNAL_STATE_MET);
  g_assert_cmpint (r->sample_size, ==, 40);
  g_assert_cmpfloat_with_epsilon (r->value, 0.4, EPS);
  g_assert_cmpint (g_array_index (r->answer_counts, gint64, KEEL_ANSWER_NO_LONGER_USE), ==, 25);
}

static void
test_sean_ellis_respondents (Fixture       *fx,
                             gconstpointer  data)
{
  const Answer answers[] = {
    /* r-1: very, then not later: counts as not. */
    { KEEL_ANSWER_VERY_DISAPPOINTED, "2026-10-01", "founders", "r-1" },
    { KEEL_ANSWER_NOT_DISAPPOINTED, "2026-10-05", "agencies", "r-1" },
    /* r-2: two answers on the same day: the later row wins (somewhat). */
    { KEEL_ANSWER_VERY_DISAPPOINTED, "2026-10-03", "founders", "r-2" },
    { KEEL_ANSWER_SOMEWHAT_DISAPPOINTED, "2026-10-03", "founders", "r-2" },
    /* r-3: very, then "no longer use" after the as-of date: very counts. */
    { KEEL_ANSWER_VERY_DISAPPOINTED, "2026-10-04", "founders", "r-3" },
    { KEEL_ANSWER_NO_LONGER_USE, "2026-10-20", "founders", "r-3" },
    /* r-4: very, then no longer uses it: left out. */
    { KEEL_ANSWER_VERY_DISAPPOINTED, "2026-09-10", "founders", "r-4" },
    { KEEL_ANSWER_NO_LONGER_USE, "2026-10-02", "founders", "r-4" },
    /* Rows without a respondent each count. */
    { KEEL_ANSWER_VERY_DISAPPOINTED, "2026-09-20", NULL, NULL },
    { KEEL_ANSWER_VERY_DISAPPOINTED, "2026-09-21", NULL, NULL },
  };
  const KeelSignalResult *r;
  const KeelShare *share;

  import_answers (fx, answers, G_N_ELEMENTS (answers), FALSE);
  r = result_at (fx, "2026-10-10", "sig-se");

  /* Respondents as of 10-10: r-1 not, r-2 somewhat, r-3 very, r-4 gone, two anonymous
   * very: users 5, very 3 -> 0.6 (fewer than 40: no value). */
  g_assert_cmpint (r->sample_size, ==, 5);
  g_assert_false (r->has_value);
  g_assert_cmpint (g_array_index (r->answer_counts, gint64, KEEL_ANSWER_VERY_DISAPPOINTED), ==, 3);
  g_assert_cmpint (g_array_index (r->answer_counts, gint64, KEEL_ANSWER_SOMEWHAT_DISAPPOINTED), ==, 1);
  g_assert_cmpint (g_array_index (r->answer_counts, gint64, KEEL_ANSWER_NOT_DISAPPOINTED), ==, 1);
  g_assert_cmpint (g_array_index (r->answer_counts, gint64, KEEL_ANSWER_NO_LONGER_USE), ==, 1);
  /* The newest answer on or before the as-of date. */
  g_assert_cmpstr (r->newest_data, ==, "2026-10-05");

  /* Segments by the latest answer's segment, byte order, "" for none:
   *   ""        2 anonymous very          -> 2 / 2 = 1
   *   agencies  r-1 not                   -> 0 / 1 = 0
   *   founders  r-2 somewhat, r-3 very (r-4 gone) -> 1 / 2 = 0.5 */
  g_assert_cmpuint (r->segments->len, ==, 3);
  share = g_ptr_array_index (r->segments, 0);
  g_assert_cmpstr (share->label, ==, "");
  g_assert_cmpint (share->sample_size, ==, 2);
  g_assert_cmpfloat (share->value, ==, 1.0);
  share = g_ptr_array_index (r->segments, 1);
  g_assert_cmpstr (share->label, ==, "agencies");
  g_assert_cmpfloat (share->value, ==, 0.0);
  share = g_ptr_array_index (r->segments, 2);
  g_assert_cmpstr (share->label, ==, "founders");
  g_assert_cmpint (share->sample_size, ==, 2);
  g_assert_cmpfloat (share->value, ==, 0.5);

  /* Months, each respondent's latest answer within the month:
   *   2026-09: r-4 very, two anonymous very -> 3 / 3 = 1
   *   2026-10: r-1 not (10-05), r-2 somewhat, r-3 very, r-4 gone -> 1 / 3 */
  g_assert_cmpuint (r->months->len, ==, 2);
  share = g_ptr_array_index (r->months, 0);
  g_assert_cmpstr (share->label, ==, "2026-09");
  g_assert_cmpint (share->sample_size, ==, 3);
  g_assert_cmpfloat (share->value, ==, 1.0);
  share = g_ptr_array_index (r->months, 1);
  g_assert_cmpstr (share->label, ==, "2026-10");
  g_assert_cmpint (share->sample_size, ==, 3);
  g_assert_cmpfloat_with_epsilon (share->value, 1.0 / 3.0, EPS);
}

static void
test_sean_ellis_no_data (Fixture       *fx,
                         gconstpointer  data)
{
  const KeelSignalResult *r;

  r = result_at (fx, "2026-10-15", "sig-se");
  g_assert_cmpint (r->state, ==, KEEL_SIGNAL_STATE_NO_DATA);
  g_assert_false (r->has_value);
  g_assert_null (r->newest_data);

  /* Every answer is dated after the as-of date: as it stood then, no data. */
  import_counts (fx, "2026-10-01", 30, 10, 10, 0);
  r = result_at (fx, "2026-09-30", "sig-se");
  g_assert_cmpint (r->state, ==, KEEL_SIGNAL_STATE_NO_DATA);
  g_assert_cmpint (r->sample_size, ==, 0);
}

static void
test_sean_ellis_stale (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(KeelGate) fresh = NULL;
  g_autoptr(KeelGate) stale = NULL;

  /* Answers of 2026-10-01; 90 days later is 2026-12-30 (30 + 30 + 30). */
  import_counts (fx, "2026-10-01", 30, 10, 10, 0);
  fresh = compute (fx, "2026-12-30");
  g_assert_cmpint (result_of (fresh, "sig-se")->state, ==, KEEL_SIGNAL_STATE_MET);
  stale = compute (fx, "2026-12-31");
  g_assert_cmpint (result_of (stale, "sig-se")->state, ==, KEEL_SIGNAL_STATE_STALE);
  g_assert_true (result_of (stale, "sig-se")->has_value);
}

static void
change_min_responses (KeelSettings *s)
{
  s->min_survey_responses = 100;
  s->pmf_threshold = 0.5;
}

static void
test_sean_ellis_settings (Fixture       *fx,
                          gconstpointer  data)
{
  const KeelSignalResult *r;

  /* 60 very of 110 = 0.5455: met against 0.5 with at least 100 answers. */
  import_counts (fx, "2026-10-01", 60, 30, 20, 0);
  set_settings (fx, change_min_responses);
  r = result_at (fx, "2026-10-15", "sig-se");
  g_assert_cmpint (r->state, ==, KEEL_SIGNAL_STATE_MET);
  g_assert_cmpfloat (r->threshold, ==, 0.5);
  g_assert_cmpfloat_with_epsilon (r->value, 60.0 / 110.0, EPS);
}

/* ------------------------------------------------------------------------ */
/* Organic growth */

static void
test_organic_rising (Fixture       *fx,
                     gconstpointer  data)
{
  /* Shares 50/100, 60/100, 70/100: latest 0.7 >= 0.5, slope (0.7 - 0.5) / 2 = 0.1. */
  const Acquisition rows[] = {
    { "2026-07", "organic", 40 }, { "2026-07", "referral", 10 }, { "2026-07", "paid", 50 },
    { "2026-08", "organic", 60 }, { "2026-08", "ads", 40 },
    { "2026-09", "Organic", 70 }, { "2026-09", "PAID", 30 },
  };
  const KeelSignalResult *r;
  const KeelOrganicPoint *point;

  import_acquisition (fx, rows, G_N_ELEMENTS (rows));
  r = result_at (fx, "2026-10-15", "sig-org");

  g_assert_cmpint (r->state, ==, KEEL_SIGNAL_STATE_MET);
  g_assert_cmpfloat_with_epsilon (r->value, 0.7, EPS);
  g_assert_cmpfloat (r->threshold, ==, 0.5);
  g_assert_true (r->has_trend);
  g_assert_cmpfloat_with_epsilon (r->trend, 0.1, EPS);
  g_assert_cmpint (r->sample_size, ==, 100);
  /* YYYY-MM starts on its first day. */
  g_assert_cmpstr (r->newest_data, ==, "2026-09-01");
  g_assert_cmpuint (r->organic->len, ==, 3);
  point = g_ptr_array_index (r->organic, 0);
  g_assert_cmpstr (point->period, ==, "2026-07");
  g_assert_cmpstr (point->start, ==, "2026-07-01");
  g_assert_cmpint (point->organic, ==, 50);
  g_assert_cmpint (point->paid, ==, 50);
  g_assert_cmpstr (r->explanation, ==,
                   "Organic share is 70.0% of 100 new users in 2026-09 (needs 50%); its trend over the last 3 periods is +10.0 percentage points per period (needs 0 or more). Growth is increasingly organic.");
}

static void
test_organic_falling (Fixture       *fx,
                      gconstpointer  data)
{
  /* Shares 0.8, 0.7, 0.6: the latest is above 0.5 but the slope is -0.1 -> not met. */
  const Acquisition rows[] = {
    { "2026-07", "organic", 80 }, { "2026-07", "paid", 20 },
    { "2026-08", "organic", 70 }, { "2026-08", "paid", 30 },
    { "2026-09", "organic", 60 }, { "2026-09", "paid", 40 },
  };
  const KeelSignalResult *r;

  import_acquisition (fx, rows, G_N_ELEMENTS (rows));
  r = result_at (fx, "2026-10-15", "sig-org");

  g_assert_cmpint (r->state, ==, KEEL_SIGNAL_STATE_NOT_MET);
  g_assert_true (r->has_value);
  g_assert_cmpfloat_with_epsilon (r->value, 0.6, EPS);
  g_assert_cmpfloat_with_epsilon (r->trend, -0.1, EPS);
  g_assert_true (g_str_has_suffix (r->explanation, "The share is falling."));
}

static void
test_organic_at_threshold (Fixture       *fx,
                           gconstpointer  data)
{
  /* 1/2 each period: share exactly 0.5, slope exactly 0 -> met (both within 1e-9).
   * Periods given as start dates; a later period's unclassified "podcast" users are
   * left out of the share and named in the explanation. */
  const Acquisition rows[] = {
    { "2026-07-06", "seo", 25 }, { "2026-07-06", "sales", 25 },
    { "2026-07-13", "direct", 30 }, { "2026-07-13", "outbound", 30 },
    { "2026-07-20", "word of mouth", 7 }, { "2026-07-20", "paid", 7 },
    { "2026-07-20", "podcast", 1000 },
  };
  const KeelSignalResult *r;
  const KeelOrganicPoint *last;

  import_acquisition (fx, rows, G_N_ELEMENTS (rows));
  r = result_at (fx, "2026-08-01", "sig-org");

  g_assert_cmpint (r->state, ==, KEEL_SIGNAL_STATE_MET);
  g_assert_cmpfloat (r->value, ==, 0.5);
  g_assert_cmpfloat_with_epsilon (r->trend, 0.0, EPS);
  g_assert_cmpint (r->sample_size, ==, 14);
  last = g_ptr_array_index (r->organic, 2);
  g_assert_cmpint (last->unclassified, ==, 1000);
  g_assert_cmpstr (r->newest_data, ==, "2026-07-20");
  g_assert_true (g_str_has_suffix (r->explanation,
                                   "1000 new users from channels in no class (podcast) are left out of the share; class those channels to count them."));
}

static void
test_organic_below_and_window (Fixture       *fx,
                               gconstpointer  data)
{
  /* Five periods: 0.9, 0.8, 0.3, 0.4, 0.45. Only the last three count for the trend:
   * slope (0.45 - 0.3) / 2 = 0.075 >= 0, but 0.45 < 0.5 -> not met. */
  const Acquisition rows[] = {
    { "2026-05", "organic", 90 }, { "2026-05", "paid", 10 },
    { "2026-06", "organic", 80 }, { "2026-06", "paid", 20 },
    { "2026-07", "organic", 30 }, { "2026-07", "paid", 70 },
    { "2026-08", "organic", 40 }, { "2026-08", "paid", 60 },
    { "2026-09", "organic", 45 }, { "2026-09", "paid", 55 },
  };
  const KeelSignalResult *r;

  import_acquisition (fx, rows, G_N_ELEMENTS (rows));
  r = result_at (fx, "2026-10-15", "sig-org");
  g_assert_cmpint (r->state, ==, KEEL_SIGNAL_STATE_NOT_MET);
  g_assert_cmpfloat_with_epsilon (r->value, 0.45, EPS);
  g_assert_cmpfloat_with_epsilon (r->trend, 0.075, EPS);
  g_assert_true (g_str_has_suffix (r->explanation, "The share is below the threshold."));

  /* As of 2026-08-31 the September period (starting 09-01) is left out:
   * 0.8, 0.3, 0.4 -> value 0.4, slope (0.4 - 0.8) / 2 = -0.2. */
  r = result_at (fx, "2026-08-31", "sig-org");
  g_assert_cmpfloat_with_epsilon (r->value, 0.4, EPS);
  g_assert_cmpfloat_with_epsilon (r->trend, -0.2, EPS);
  g_assert_cmpstr (r->newest_data, ==, "2026-08-01");
}

static void
test_organic_too_few (Fixture       *fx,
                      gconstpointer  data)
{
  /* Two periods with classed users, and one with only an unknown channel. */
  const Acquisition rows[] = {
    { "2026-07", "organic", 80 }, { "2026-07", "paid", 20 },
    { "2026-08", "organic", 70 }, { "2026-08", "paid", 30 },
    { "2026-09", "tiktok", 100 },
  };
  const KeelSignalResult *r;

  import_acquisition (fx, rows, G_N_ELEMENTS (rows));
  r = result_at (fx, "2026-10-15", "sig-org");
  g_assert_cmpint (r->state, ==, KEEL_SIGNAL_STATE_NOT_MET);
  g_assert_false (r->has_value);
  g_assert_false (r->has_trend);
  g_assert_cmpuint (r->organic->len, ==, 2);
  /* The newest data is the latest period, even one with no class. */
  g_assert_cmpstr (r->newest_data, ==, "2026-09-01");
  g_assert_cmpstr (r->explanation, ==,
                   "Only 2 periods have new users from classed channels; the trend needs 3 periods. 100 new users from channels in no class (tiktok) are left out of the share; class those channels to count them.");
}

/* ------------------------------------------------------------------------ */
/* Custom and the gate */

static void
add_custom (Fixture        *fx,
            const char     *id,
            gboolean        has_value,
            double          value,
            KeelComparison  comparison,
            double          target,
            const char     *date,
            gboolean        required)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelSignal) signal = keel_signal_new (id, KEEL_SIGNAL_KIND_CUSTOM);

  signal->name = g_strdup (id);
  signal->has_value = has_value;
  signal->value = value;
  signal->has_target = TRUE;
  signal->target = target;
  signal->comparison = comparison;
  signal->date = g_strdup (date);
  signal->source = g_strdup ("billing");
  signal->required = required;
  signal->position = g_list_model_get_n_items (keel_project_get_signals (fx->project));
  g_assert_true (keel_project_add_signal (fx->project, signal, &error));
  g_assert_no_error (error);
}

static void
test_custom (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(KeelGate) gate = NULL;

  add_custom (fx, "ge", TRUE, 0.05, KEEL_COMPARISON_GE, 0.04, "2026-10-01", FALSE);
  add_custom (fx, "lt", TRUE, 0.05, KEEL_COMPARISON_LT, 0.04, "2026-10-01", FALSE);
  /* 0.1 + 0.2 is 0.30000000000000004: equal to 0.3 within 1e-9. */
  add_custom (fx, "eq", TRUE, 0.1 + 0.2, KEEL_COMPARISON_EQ, 0.3, "2026-10-01", FALSE);
  add_custom (fx, "gt", TRUE, 0.3, KEEL_COMPARISON_GT, 0.3, "2026-10-01", FALSE);
  add_custom (fx, "le", TRUE, 0.3, KEEL_COMPARISON_LE, 0.3, NULL, FALSE);
  add_custom (fx, "none", FALSE, 0, KEEL_COMPARISON_GE, 1, NULL, FALSE);
  add_custom (fx, "future", TRUE, 9, KEEL_COMPARISON_GE, 1, "2026-11-01", FALSE);
  add_custom (fx, "old", TRUE, 9, KEEL_COMPARISON_GE, 1, "2026-07-16", FALSE);
  add_custom (fx, "edge", TRUE, 9, KEEL_COMPARISON_GE, 1, "2026-07-17", FALSE);

  gate = compute (fx, "2026-10-15");
  g_assert_cmpint (result_of (gate, "ge")->state, ==, KEEL_SIGNAL_STATE_MET);
  g_assert_cmpfloat (result_of (gate, "ge")->threshold, ==, 0.04);
  g_assert_cmpstr (result_of (gate, "ge")->explanation, ==,
                   "The value 0.05 meets its target (≥ 0.04). Source: billing.");
  g_assert_cmpint (result_of (gate, "lt")->state, ==, KEEL_SIGNAL_STATE_NOT_MET);
  g_assert_cmpint (result_of (gate, "eq")->state, ==, KEEL_SIGNAL_STATE_MET);
  g_assert_cmpint (result_of (gate, "gt")->state, ==, KEEL_SIGNAL_STATE_NOT_MET);
  g_assert_cmpint (result_of (gate, "le")->state, ==, KEEL_SIGNAL_STATE_MET);
  g_assert_null (result_of (gate, "le")->newest_data);
  g_assert_cmpint (result_of (gate, "none")->state, ==, KEEL_SIGNAL_STATE_NO_DATA);
  g_assert_false (result_of (gate, "none")->has_value);
  g_assert_cmpint (result_of (gate, "future")->state, ==, KEEL_SIGNAL_STATE_NO_DATA);
  /* 2026-07-16 to 2026-10-15: 15 + 31 + 30 + 15 = 91 days -> stale; 07-17: 90 -> fresh. */
  g_assert_cmpint (result_of (gate, "old")->state, ==, KEEL_SIGNAL_STATE_STALE);
  g_assert_cmpint (result_of (gate, "edge")->state, ==, KEEL_SIGNAL_STATE_MET);
  /* None of these is required; the three data signals have no data. */
  g_assert_cmpuint (gate->required, ==, 3);
  g_assert_cmpuint (gate->met, ==, 0);
  g_assert_false (gate->passed);
}

static void
import_all_met (Fixture *fx)
{
  const Acquisition rows[] = {
    { "2026-01", "organic", 50 }, { "2026-01", "paid", 50 },
    { "2026-02", "organic", 60 }, { "2026-02", "paid", 40 },
  };

  import_cohorts (fx, KEEL_RETENTION_PERIOD_WEEK, flat_cohorts, 3);
  import_acquisition (fx, rows, G_N_ELEMENTS (rows));
  import_counts (fx, "2026-02-20", 16, 14, 10, 0);
}

static void
change_trend_two (KeelSettings *s)
{
  s->organic_trend_periods = 2;
}

static void
test_gate (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(KeelGate) passed = NULL;
  g_autoptr(KeelGate) blocked = NULL;
  g_autoptr(KeelGate) none_required = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *signals;

  import_all_met (fx);
  set_settings (fx, change_trend_two);
  /* An optional custom signal that is not met does not block the gate. */
  add_custom (fx, "sig-pay", TRUE, 0.01, KEEL_COMPARISON_GE, 0.04, "2026-02-01", FALSE);

  passed = compute (fx, "2026-03-01");
  g_assert_cmpint (result_of (passed, "sig-ret")->state, ==, KEEL_SIGNAL_STATE_MET);
  g_assert_cmpint (result_of (passed, "sig-org")->state, ==, KEEL_SIGNAL_STATE_MET);
  g_assert_cmpint (result_of (passed, "sig-se")->state, ==, KEEL_SIGNAL_STATE_MET);
  g_assert_cmpuint (passed->required, ==, 3);
  g_assert_cmpuint (passed->met, ==, 3);
  g_assert_true (passed->passed);
  /* Results follow the project's signal order. */
  g_assert_cmpuint (passed->results->len, ==, 4);
  g_assert_cmpstr (((KeelSignalResult *) g_ptr_array_index (passed->results, 3))->signal->id,
                   ==, "sig-pay");
  g_assert_null (keel_gate_lookup (passed, "no-such-signal"));

  /* A required custom signal that is not met blocks it. */
  add_custom (fx, "sig-nps", TRUE, 10, KEEL_COMPARISON_GE, 30, "2026-02-01", TRUE);
  blocked = compute (fx, "2026-03-01");
  g_assert_cmpuint (blocked->required, ==, 4);
  g_assert_cmpuint (blocked->met, ==, 3);
  g_assert_false (blocked->passed);

  /* No required signal at all: not passed. */
  signals = keel_project_get_signals (fx->project);
  for (guint i = 0; i < g_list_model_get_n_items (signals); i++)
    {
      g_autoptr(KeelSignal) signal = g_list_model_get_item (signals, i);
      g_autoptr(KeelSignal) draft = keel_signal_copy (signal);

      draft->required = FALSE;
      g_assert_true (keel_project_update_signal (fx->project, draft, &error));
      g_assert_no_error (error);
    }
  none_required = compute (fx, "2026-03-01");
  g_assert_cmpuint (none_required->required, ==, 0);
  g_assert_false (none_required->passed);
}

static void
test_bad_as_of (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelGate) gate = keel_gate_compute (fx->project, "2026-02-30", &error);
  g_autoptr(KeelGate) today = NULL;
  g_autofree char *date = keel_date_today ();

  g_assert_null (gate);
  g_assert_error (error, KEEL_SIGNALS_ERROR, KEEL_SIGNALS_ERROR_INVALID_DATE);
  g_assert_cmpstr (error->message, ==, "“2026-02-30” is not a date; expected YYYY-MM-DD");

  g_clear_error (&error);
  today = keel_gate_compute (fx->project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (today->as_of, ==, date);
}

/* Rows of an undone import no longer count. */
static void
test_inactive_imports (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelGate) before = NULL;
  g_autoptr(KeelGate) after = NULL;

  import_counts (fx, "2026-10-01", 16, 14, 10, 0);
  import_counts (fx, "2026-10-02", 1, 1, 1, 0);  /* replaces: 3 answers */
  before = compute (fx, "2026-10-15");
  g_assert_cmpint (result_of (before, "sig-se")->sample_size, ==, 3);
  g_assert_true (keel_project_undo (fx->project, &error));
  g_assert_no_error (error);
  after = compute (fx, "2026-10-15");
  g_assert_cmpint (result_of (after, "sig-se")->sample_size, ==, 40);
}

/* ------------------------------------------------------------------------ */
/* Output */

static void
test_json (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelGate) gate = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  JsonObject *root, *g, *se, *ret, *org;
  JsonArray *signals, *interval, *segments;
  const Answer answers[] = {
    { KEEL_ANSWER_VERY_DISAPPOINTED, "2026-02-20", "founders", "r-1" },
    { KEEL_ANSWER_NOT_DISAPPOINTED, "2026-02-21", NULL, "r-2" },
  };

  import_cohorts (fx, KEEL_RETENTION_PERIOD_WEEK, flat_cohorts, 3);
  import_answers (fx, answers, 2, FALSE);
  gate = compute (fx, "2026-03-01");
  json = keel_gate_to_json (gate);

  /* Fractions in their shortest form; nulls where nothing is known. */
  g_assert_nonnull (strstr (json, "\"threshold\": 0.01,"));
  g_assert_nonnull (strstr (json, "\"plateau\": 0.405}"));
  g_assert_true (g_str_has_suffix (json, "]}\n"));

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "as_of"), ==, "2026-03-01");
  g = json_object_get_object_member (root, "gate");
  g_assert_false (json_object_get_boolean_member (g, "passed"));
  g_assert_cmpint (json_object_get_int_member (g, "met"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (g, "required"), ==, 3);
  signals = json_object_get_array_member (root, "signals");
  g_assert_cmpuint (json_array_get_length (signals), ==, 3);

  ret = json_array_get_object_element (signals, 0);
  g_assert_cmpstr (json_object_get_string_member (ret, "kind"), ==, "retention_plateau");
  g_assert_cmpstr (json_object_get_string_member (ret, "state"), ==, "met");
  g_assert_true (json_object_get_boolean_member (ret, "required"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (ret, "value"), 0.005, EPS);
  g_assert_cmpint (json_object_get_int_member (ret, "sample_size"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (ret, "newest_data"), ==, "2026-02-23");
  g_assert_false (json_object_has_member (ret, "interval"));

  org = json_array_get_object_element (signals, 1);
  g_assert_cmpstr (json_object_get_string_member (org, "state"), ==, "no_data");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (org, "value")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (org, "newest_data")));
  g_assert_cmpfloat (json_object_get_double_member (org, "threshold"), ==, 0.5);
  g_assert_false (json_object_has_member (org, "plateau"));

  /* 2 users: too few, so a null value, but the interval and segments are given. */
  se = json_array_get_object_element (signals, 2);
  g_assert_cmpstr (json_object_get_string_member (se, "kind"), ==, "sean_ellis");
  g_assert_cmpstr (json_object_get_string_member (se, "state"), ==, "not_met");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (se, "value")));
  g_assert_cmpfloat (json_object_get_double_member (se, "threshold"), ==, 0.4);
  interval = json_object_get_array_member (se, "interval");
  g_assert_cmpuint (json_array_get_length (interval), ==, 2);
  g_assert_false (json_object_get_boolean_member (se, "confident"));
  segments = json_object_get_array_member (se, "segments");
  /* Byte order, the answers without a segment as null first. */
  g_assert_cmpuint (json_array_get_length (segments), ==, 2);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (json_array_get_object_element (segments, 0), "segment")));
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (segments, 0), "value"), ==, 0.0);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (segments, 1), "segment"), ==, "founders");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (segments, 1), "sample_size"), ==, 1);
}

static void
test_text (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(KeelGate) gate = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  import_all_met (fx);
  set_settings (fx, change_trend_two);
  gate = compute (fx, "2026-03-01");
  text = keel_gate_to_text (gate);
  lines = g_strsplit (text, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 5);  /* gate, 3 signals, "" */
  g_assert_cmpstr (lines[0], ==, "Gate passed: 3 of 3 required signals met (as of 2026-03-01)");
  g_assert_true (g_str_has_prefix (lines[1], "✓ Retention plateau: Met — largest recent change 0.5 points, at most 1; 3 cohorts; newest data 2026-02-23. The average retention curve"));
  g_assert_true (g_str_has_prefix (lines[2], "✓ Organic growth: Met — 60.0%, needs 50%; 100 new users; newest data 2026-02-01. Organic share is 60.0%"));
  g_assert_true (g_str_has_prefix (lines[3], "✓ Sean Ellis survey: Met — 40.0%, needs 40%; 40 answers; newest data 2026-02-20. 40.0% of 40 users"));
  g_assert_cmpstr (lines[4], ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/keel/signals/wilson", test_wilson);
  g_test_add_func ("/keel/signals/least-squares", test_least_squares);
  g_test_add_func ("/keel/signals/plateau-test", test_plateau_function);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/keel/signals/retention/met", test_retention_met);
  ADD ("/keel/signals/retention/declining", test_retention_declining);
  ADD ("/keel/signals/retention/too-few-cohorts", test_retention_too_few_cohorts);
  ADD ("/keel/signals/retention/too-few-periods", test_retention_too_few_periods);
  ADD ("/keel/signals/retention/mixed-cohorts", test_retention_mixed);
  ADD ("/keel/signals/retention/as-of", test_retention_as_of);
  ADD ("/keel/signals/retention/months", test_retention_months);
  ADD ("/keel/signals/retention/stale", test_retention_stale);
  ADD ("/keel/signals/sean-ellis/at-threshold", test_sean_ellis_at_threshold);
  ADD ("/keel/signals/sean-ellis/above", test_sean_ellis_above);
  ADD ("/keel/signals/sean-ellis/below", test_sean_ellis_below);
  ADD ("/keel/signals/sean-ellis/too-few", test_sean_ellis_too_few);
  ADD ("/keel/signals/sean-ellis/no-longer-use", test_sean_ellis_no_longer_use);
  ADD ("/keel/signals/sean-ellis/respondents", test_sean_ellis_respondents);
  ADD ("/keel/signals/sean-ellis/no-data", test_sean_ellis_no_data);
  ADD ("/keel/signals/sean-ellis/stale", test_sean_ellis_stale);
  ADD ("/keel/signals/sean-ellis/settings", test_sean_ellis_settings);
  ADD ("/keel/signals/organic/rising", test_organic_rising);
  ADD ("/keel/signals/organic/falling", test_organic_falling);
  ADD ("/keel/signals/organic/at-threshold", test_organic_at_threshold);
  ADD ("/keel/signals/organic/below-and-window", test_organic_below_and_window);
  ADD ("/keel/signals/organic/too-few", test_organic_too_few);
  ADD ("/keel/signals/custom", test_custom);
  ADD ("/keel/signals/gate", test_gate);
  ADD ("/keel/signals/bad-as-of", test_bad_as_of);
  ADD ("/keel/signals/inactive-imports", test_inactive_imports);
  ADD ("/keel/signals/json", test_json);
  ADD ("/keel/signals/text", test_text);
#undef ADD

  return g_test_run ();
}
