/* keel-signals.c: the product-market-fit signals and the gate (PRODUCT.md, "Fit-signal
 * checklist"; doc/signals.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The datasets are read with one plain scan each over the active rows and aggregated
 * here: a full scan with an IN over the (few) active imports beats both the per-import
 * index (a random row fetch per row) and GROUP BY in SQL (a sort of every row) on the
 * large project, and the signals rerun after every edit.
 */
#define G_LOG_DOMAIN "keel-signals"

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "keel-signals.h"
#include "keel-json.h"

#define TOL KEEL_SIGNALS_TOLERANCE
#define WILSON_Z 1.959964

G_DEFINE_QUARK (keel-signals-error-quark, keel_signals_error)

/* ------------------------------------------------------------------------ */
/* Formatting */

/* A measured fraction as a percentage with one decimal: "41.8%", "40.0%". */
static void
format_percent (char   buf[32],
                double fraction)
{
  g_snprintf (buf, 32, "%.1f%%", round (fraction * 1000.0) / 10.0);
}

/* @fraction in percent to a tenth, without a needless decimal, then @unit. */
static void
format_tenths (char        buf[32],
               double      fraction,
               const char *unit)
{
  double tenths = round (fraction * 1000.0);

  g_snprintf (buf, 32, fmod (fabs (tenths), 10.0) == 0.0 ? "%.0f%s" : "%.1f%s",
              tenths / 10.0, unit);
}

/* A threshold as a percentage: "40%", "12.5%". */
static void
format_threshold (char   buf[32],
                  double fraction)
{
  format_tenths (buf, fraction, "%");
}

/* A difference of fractions in percentage points, without the unit: "0.4", "1". */
static void
format_points (char   buf[32],
               double fraction)
{
  format_tenths (buf, fraction, "");
}

static void
format_number (char   buf[32],
               double value)
{
  g_snprintf (buf, 32, "%.6g", value);
}

/* ------------------------------------------------------------------------ */
/* Results */

static void
share_free (gpointer data)
{
  KeelShare *share = data;

  g_free (share->label);
  g_free (share);
}

static void
organic_point_free (gpointer data)
{
  KeelOrganicPoint *point = data;

  g_free (point->period);
  g_free (point->start);
  g_free (point);
}

static void
cohort_curve_free (gpointer data)
{
  KeelCohortCurve *curve = data;

  g_free (curve->cohort);
  g_clear_pointer (&curve->retained, g_array_unref);
  g_free (curve);
}

static void
result_free (gpointer data)
{
  KeelSignalResult *result = data;

  g_clear_object (&result->signal);
  g_free (result->name);
  g_free (result->newest_data);
  g_free (result->explanation);
  g_clear_pointer (&result->segments, g_ptr_array_unref);
  g_clear_pointer (&result->months, g_ptr_array_unref);
  g_clear_pointer (&result->answer_counts, g_array_unref);
  g_clear_pointer (&result->average, g_array_unref);
  g_clear_pointer (&result->cohorts, g_ptr_array_unref);
  g_clear_pointer (&result->organic, g_ptr_array_unref);
  g_free (result);
}

void
keel_gate_free (KeelGate *gate)
{
  if (gate == NULL)
    return;
  g_free (gate->as_of);
  g_clear_pointer (&gate->results, g_ptr_array_unref);
  g_free (gate);
}

/* ------------------------------------------------------------------------ */
/* Math */

/**
 * keel_wilson_interval:
 * @successes: answers counted as a success
 * @n: all answers
 * @low: (out): the interval's lower bound
 * @high: (out): its upper bound
 *
 * The 95% Wilson score interval of a proportion (z = 1.959964). With no answers the
 * interval is [0, 1]: nothing is known.
 */
void
keel_wilson_interval (gint64  successes,
                      gint64  n,
                      double *low,
                      double *high)
{
  double p, z2, denom, centre, margin;

  g_return_if_fail (low != NULL && high != NULL);

  if (n <= 0)
    {
      *low = 0.0;
      *high = 1.0;
      return;
    }

  p = (double) successes / (double) n;
  z2 = WILSON_Z * WILSON_Z;
  denom = 1.0 + z2 / n;
  centre = p + z2 / (2.0 * n);
  margin = WILSON_Z * sqrt (p * (1.0 - p) / n + z2 / (4.0 * n * (double) n));
  *low = CLAMP ((centre - margin) / denom, 0.0, 1.0);
  *high = CLAMP ((centre + margin) / denom, 0.0, 1.0);
}

/**
 * keel_least_squares_slope:
 * @y: (array length=n): values
 * @n: how many
 *
 * Returns: the slope of the least-squares line through (i, @y[i]); 0 when @n < 2
 */
double
keel_least_squares_slope (const double *y,
                          guint         n)
{
  double mean_x, mean_y = 0.0, sxy = 0.0, sxx = 0.0;

  if (n < 2)
    return 0.0;
  g_return_val_if_fail (y != NULL, 0.0);

  mean_x = (n - 1) / 2.0;
  for (guint i = 0; i < n; i++)
    mean_y += y[i];
  mean_y /= n;
  for (guint i = 0; i < n; i++)
    {
      sxy += (i - mean_x) * (y[i] - mean_y);
      sxx += (i - mean_x) * (i - mean_x);
    }
  return sxy / sxx;
}

/**
 * keel_plateau_test:
 * @curve: (array length=n): the average retention curve, period 0 first
 * @n: its number of points
 * @periods: how many of the last changes must be flat
 * @max_slope: the largest change allowed, as a fraction
 * @out_max_change: (out) (optional): the largest absolute change among the last ones
 *
 * Returns: %TRUE when the curve has flattened above 0
 */
gboolean
keel_plateau_test (const double *curve,
                   guint         n,
                   guint         periods,
                   double        max_slope,
                   double       *out_max_change)
{
  double max_change = 0.0;

  if (out_max_change != NULL)
    *out_max_change = 0.0;
  if (periods < 1 || n <= periods)
    return FALSE;
  g_return_val_if_fail (curve != NULL, FALSE);

  for (guint i = n - periods; i < n; i++)
    max_change = MAX (max_change, fabs (curve[i] - curve[i - 1]));
  if (out_max_change != NULL)
    *out_max_change = max_change;
  return max_change <= max_slope + TOL && curve[n - 1] > 0.0;
}

/* ------------------------------------------------------------------------ */
/* Shared */

typedef struct {
  KeelProject        *project;
  KeelDb             *db;
  const KeelSettings *settings;
  const char         *as_of;
} Context;

static gboolean
storage_error (Context     *ctx,
               GError     **error,
               const char  *what)
{
  g_autoptr(GError) db_error = NULL;

  keel_db_set_error (ctx->db, &db_error, what);
  g_set_error (error, KEEL_SIGNALS_ERROR, KEEL_SIGNALS_ERROR_STORAGE,
               _("The project’s data could not be read: %s"), db_error->message);
  return FALSE;
}

static KeelSignalResult *
result_new (KeelSignal *signal)
{
  KeelSignalResult *result = g_new0 (KeelSignalResult, 1);

  result->signal = g_object_ref (signal);
  result->kind = signal->kind;
  result->name = g_strdup (keel_signal_get_display_name (signal));
  result->required = signal->required;
  result->state = KEEL_SIGNAL_STATE_NO_DATA;
  return result;
}

/* Sets the state from what was computed: stale beats met and not met; too little
 * data (has_value FALSE) is not met. */
static void
settle_state (Context          *ctx,
              KeelSignalResult *result,
              gboolean          met)
{
  gint64 age;

  if (result->state == KEEL_SIGNAL_STATE_NO_DATA)
    return;

  if (result->newest_data != NULL)
    {
      age = keel_date_diff_days (result->newest_data, ctx->as_of);
      if (age > ctx->settings->evidence_max_age_days)
        {
          g_autofree char *old = result->explanation;

          result->state = KEEL_SIGNAL_STATE_STALE;
          result->explanation =
            g_strdup_printf (ngettext ("%s The newest data, from %s, is %" PRId64 " day old; evidence older than %" PRId64 " days is stale and does not count.",
                                       "%s The newest data, from %s, is %" PRId64 " days old; evidence older than %" PRId64 " days is stale and does not count.",
                                       (gulong) age),
                             old, result->newest_data, age,
                             ctx->settings->evidence_max_age_days);
          return;
        }
    }

  result->state = result->has_value && met ? KEEL_SIGNAL_STATE_MET : KEEL_SIGNAL_STATE_NOT_MET;
}

/* The statement's SQL filters rows of inactive imports; the unary "+" keeps SQLite
 * from using the per-import index (a scan is faster for a large share of the rows). */
#define ACTIVE_IMPORTS "+import_id IN (SELECT id FROM imports WHERE active = 1)"

/* The ids of @dataset's active imports (usually one). The large scans test a row's
 * import against them here rather than with an IN in SQL, which costs an index probe
 * per row. */
static GArray *
active_imports (Context      *ctx,
                KeelDataset   dataset,
                GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = keel_db_prepare (ctx->db,
                          "SELECT id FROM imports WHERE active = 1 AND dataset = ?1",
                          error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, keel_dataset_to_string (dataset), -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      storage_error (ctx, error, "imports");
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static inline gboolean
is_active (const GArray *ids,
           gint64        import_id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == import_id)
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Retention */

static guint
parse_retained (const char *text,
                GArray     *out)
{
  const char *p = text;

  g_array_set_size (out, 0);
  while (p != NULL && *p != '\0')
    {
      char *end = NULL;
      gint64 v = g_ascii_strtoll (p, &end, 10);

      if (end == p)
        break;
      g_array_append_val (out, v);
      p = *end == ',' ? end + 1 : end;
    }
  return out->len;
}

static gboolean
compute_retention (Context           *ctx,
                   KeelSignalResult  *result,
                   GError           **error)
{
  const KeelSettings *s = ctx->settings;
  sqlite3_stmt *stmt;
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) sum_retained = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_autoptr(GArray) sum_size = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_autoptr(GArray) n_cohorts = g_array_new (FALSE, TRUE, sizeof (gint64));
  KeelRetentionPeriod period = keel_project_get_retention_period (ctx->project);
  gint64 length = period == KEEL_RETENTION_PERIOD_MONTH ? 30 : 7;
  const char *unit_word = period == KEEL_RETENTION_PERIOD_MONTH ? _("months") : _("weeks");
  g_autofree char *newest = NULL;
  gint64 newest_days = -1;
  guint n_points = 0;
  guint needed;
  gint64 total_cohorts;
  int rc;

  result->threshold = s->plateau_max_slope;
  result->average = g_array_new (FALSE, FALSE, sizeof (double));
  result->cohorts = g_ptr_array_new_with_free_func (cohort_curve_free);

  stmt = keel_db_prepare (ctx->db,
                          "SELECT cohort, size, retained FROM retention_cohorts"
                          " WHERE " ACTIVE_IMPORTS " AND cohort <= ?1"
                          " ORDER BY cohort, id",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ctx->as_of, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *cohort = (const char *) sqlite3_column_text (stmt, 0);
      gint64 size = sqlite3_column_int64 (stmt, 1);
      const char *retained = (const char *) sqlite3_column_text (stmt, 2);
      KeelCohortCurve *curve;
      gint64 days, reached;
      guint n;

      if (cohort == NULL || !keel_date_is_valid (cohort))
        continue;
      days = keel_date_diff_days (cohort, ctx->as_of);
      if (days < 0)
        continue;

      /* Period p is dated start + p × length: leave out periods after the as-of date. */
      n = parse_retained (retained, counts);
      reached = days / length + 1;
      if ((gint64) n > reached)
        n = (guint) reached;
      if (n == 0)
        continue;

      if (sum_size->len < n)
        {
          g_array_set_size (sum_size, n);
          g_array_set_size (sum_retained, n);
          g_array_set_size (n_cohorts, n);
        }

      curve = g_new0 (KeelCohortCurve, 1);
      curve->cohort = g_strdup (cohort);
      curve->size = size;
      curve->retained = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
      for (guint p = 0; p < n; p++)
        {
          gint64 r = g_array_index (counts, gint64, p);
          double f = size > 0 ? (double) r / (double) size : 0.0;

          g_array_append_val (curve->retained, f);
          g_array_index (sum_size, gint64, p) += size;
          g_array_index (sum_retained, gint64, p) += r;
          g_array_index (n_cohorts, gint64, p) += 1;
        }
      g_ptr_array_add (result->cohorts, curve);

      /* Newest data: the cohort's start plus its last period. */
      if (days - (gint64) (n - 1) * length < newest_days || newest_days < 0)
        {
          newest_days = days - (gint64) (n - 1) * length;
          g_free (newest);
          newest = keel_date_add_days (cohort, (gint64) (n - 1) * length);
        }
    }
  if (rc != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return storage_error (ctx, error, "retention");
    }
  sqlite3_reset (stmt);

  total_cohorts = result->cohorts->len;
  result->sample_size = total_cohorts;

  if (total_cohorts == 0)
    {
      result->state = KEEL_SIGNAL_STATE_NO_DATA;
      result->explanation =
        g_strdup_printf (_("No retention cohorts as of %s; import a cohort retention table (CSV)."),
                         ctx->as_of);
      return TRUE;
    }

  result->newest_data = g_steal_pointer (&newest);
  result->state = KEEL_SIGNAL_STATE_NOT_MET;

  /* The average curve: up to the last period that enough cohorts reached (the count
   * only falls with the period, so this is a prefix). */
  for (guint p = 0; p < n_cohorts->len; p++)
    {
      gint64 sz = g_array_index (sum_size, gint64, p);
      double avg;

      if (g_array_index (n_cohorts, gint64, p) < s->retention_min_cohorts)
        break;
      avg = sz > 0 ? (double) g_array_index (sum_retained, gint64, p) / (double) sz : 0.0;
      g_array_append_val (result->average, avg);
      n_points++;
    }

  if (n_points == 0)
    {
      result->explanation =
        g_strdup_printf (ngettext ("Only %" PRId64 " cohort as of %s; the average retention curve needs at least %" PRId64 " cohorts.",
                                   "Only %" PRId64 " cohorts as of %s; the average retention curve needs at least %" PRId64 " cohorts.",
                                   (gulong) total_cohorts),
                         total_cohorts, ctx->as_of, s->retention_min_cohorts);
      settle_state (ctx, result, FALSE);
      return TRUE;
    }

  needed = (guint) MAX (s->retention_min_periods, s->plateau_periods + 1);
  if (n_points < needed)
    {
      result->explanation =
        g_strdup_printf (ngettext ("The average retention curve has %u point (in %s, period 0 included) reached by at least %" PRId64 " cohorts; a plateau needs at least %u.",
                                   "The average retention curve has %u points (in %s, period 0 included) reached by at least %" PRId64 " cohorts; a plateau needs at least %u.",
                                   n_points),
                         n_points, unit_word, s->retention_min_cohorts, needed);
      settle_state (ctx, result, FALSE);
      return TRUE;
    }

  {
    const double *avg = (const double *) (gpointer) result->average->data;
    double change;
    gboolean met;
    char level[32], change_s[32], limit_s[32];

    met = keel_plateau_test (avg, n_points, (guint) s->plateau_periods, s->plateau_max_slope,
                             &change);
    result->has_value = TRUE;
    result->value = change;
    result->has_plateau = TRUE;
    result->plateau = avg[n_points - 1];

    format_percent (level, result->plateau);
    format_points (change_s, change);
    format_points (limit_s, s->plateau_max_slope);

    if (met)
      result->explanation =
        g_strdup_printf (_("The average retention curve of %" PRId64 " cohorts has flattened at %s: none of its last %" PRId64 " changes is more than %s percentage points (at most %s allowed)."),
                         total_cohorts, level, s->plateau_periods, change_s, limit_s);
    else if (result->plateau <= 0.0)
      result->explanation =
        g_strdup_printf (_("The average retention curve of %" PRId64 " cohorts falls to 0%%: no users stay."),
                         total_cohorts);
    else
      result->explanation =
        g_strdup_printf (_("The average retention curve of %" PRId64 " cohorts has not flattened yet: one of its last %" PRId64 " changes is %s percentage points (at most %s allowed); it stands at %s."),
                         total_cohorts, s->plateau_periods, change_s, limit_s, level);
    settle_state (ctx, result, met);
  }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Organic growth */

typedef struct {
  char   *period;     /* first spelling seen */
  char    start[11];
  gint64  organic;
  gint64  paid;
  gint64  unclassified;
} PeriodSum;

static int
compare_period_sums (gconstpointer a,
                     gconstpointer b)
{
  const PeriodSum *pa = *(PeriodSum * const *) a;
  const PeriodSum *pb = *(PeriodSum * const *) b;

  return strcmp (pa->start, pb->start);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
period_sum_free (gpointer data)
{
  PeriodSum *sum = data;

  g_free (sum->period);
  g_free (sum);
}

/* "YYYY-MM-DD" or "YYYY-MM" (its first day) as the number YYYYMMDD; 0 if neither. The
 * rows were checked at import; this only guards against hand-edited files. */
static inline gint32
date_key (const char *text,
          int         len)
{
  gint32 v = 0;

  if (len != 7 && len != 10)
    return 0;
  for (int i = 0; i < len; i++)
    {
      if (i == 4 || i == 7)
        {
          if (text[i] != '-')
            return 0;
          continue;
        }
      if (!g_ascii_isdigit (text[i]))
        return 0;
      v = v * 10 + (text[i] - '0');
    }
  return len == 7 ? v * 100 + 1 : v;
}

static gboolean
compute_organic (Context           *ctx,
                 KeelSignalResult  *result,
                 GError           **error)
{
  const KeelSettings *s = ctx->settings;
  /* start as YYYYMMDD -> PeriodSum */
  g_autoptr(GHashTable) periods = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GPtrArray) sums = g_ptr_array_new_with_free_func (period_sum_free);
  /* channel -> class + 1 (0: in no class) */
  g_autoptr(GHashTable) classes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) unclassified_names = g_ptr_array_new ();
  g_autoptr(GArray) shares = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) active = NULL;
  g_autofree char *last_channel = NULL;
  int last_class = 0;
  PeriodSum *last_sum = NULL;
  gint32 last_key = 0;
  gint32 as_of_key = date_key (ctx->as_of, 10);
  gint32 newest_key = 0;
  char newest[11] = "";
  gint64 total_unclassified = 0;
  sqlite3_stmt *stmt;
  guint n_rows = 0;
  guint trend_n;
  int rc;

  result->threshold = s->organic_share_threshold;
  result->organic = g_ptr_array_new_with_free_func (organic_point_free);

  active = active_imports (ctx, KEEL_DATASET_ACQUISITION, error);
  if (active == NULL)
    return FALSE;
  stmt = keel_db_prepare (ctx->db,
                          "SELECT import_id, period, channel, new_users FROM acquisition",
                          error);
  if (stmt == NULL)
    return FALSE;

  /* Rows usually come grouped by channel or period: the last ones are remembered so
   * that most rows need no hashing at all. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *period;
      int period_len;
      const char *channel;
      gint64 users;
      gint32 key;
      int klass;

      if (!is_active (active, sqlite3_column_int64 (stmt, 0)))
        continue;
      period = (const char *) sqlite3_column_text (stmt, 1);
      period_len = sqlite3_column_bytes (stmt, 1);
      channel = (const char *) sqlite3_column_text (stmt, 2);
      users = sqlite3_column_int64 (stmt, 3);
      if (period == NULL || channel == NULL)
        continue;
      key = date_key (period, period_len);
      if (key == 0 || key > as_of_key)
        continue;

      n_rows++;
      if (key > newest_key)
        {
          newest_key = key;
          g_snprintf (newest, sizeof newest, "%04d-%02d-%02d",
                      key / 10000, key / 100 % 100, key % 100);
        }

      if (key != last_key)
        {
          last_sum = g_hash_table_lookup (periods, GINT_TO_POINTER (key));
          if (last_sum == NULL)
            {
              last_sum = g_new0 (PeriodSum, 1);
              last_sum->period = g_strdup (period);
              g_snprintf (last_sum->start, sizeof last_sum->start, "%04d-%02d-%02d",
                          key / 10000, key / 100 % 100, key % 100);
              g_ptr_array_add (sums, last_sum);
              g_hash_table_insert (periods, GINT_TO_POINTER (key), last_sum);
            }
          last_key = key;
        }

      if (last_channel == NULL || strcmp (channel, last_channel) != 0)
        {
          gpointer klass_p;

          if (!g_hash_table_lookup_extended (classes, channel, NULL, &klass_p))
            {
              KeelChannelClass channel_class;
              char *name = g_strdup (channel);

              if (keel_project_classify_channel (ctx->project, channel, &channel_class))
                klass_p = GINT_TO_POINTER (channel_class + 1);
              else
                {
                  klass_p = GINT_TO_POINTER (0);
                  g_ptr_array_add (unclassified_names, name);
                }
              g_hash_table_insert (classes, name, klass_p);
            }
          g_free (last_channel);
          last_channel = g_strdup (channel);
          last_class = GPOINTER_TO_INT (klass_p);
        }
      klass = last_class;

      switch (klass)
        {
        case KEEL_CHANNEL_CLASS_ORGANIC + 1:
          last_sum->organic += users;
          break;
        case KEEL_CHANNEL_CLASS_PAID + 1:
          last_sum->paid += users;
          break;
        default:
          last_sum->unclassified += users;
          total_unclassified += users;
          break;
        }
    }
  if (rc != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return storage_error (ctx, error, "acquisition");
    }
  sqlite3_reset (stmt);

  if (n_rows == 0)
    {
      result->state = KEEL_SIGNAL_STATE_NO_DATA;
      result->explanation =
        g_strdup_printf (_("No acquisition data as of %s; import new users by channel and period (CSV)."),
                         ctx->as_of);
      return TRUE;
    }

  result->state = KEEL_SIGNAL_STATE_NOT_MET;
  result->newest_data = g_strdup (newest);

  /* The series: periods with new users in a class, oldest first. */
  g_ptr_array_sort (sums, compare_period_sums);
  for (guint i = 0; i < sums->len; i++)
    {
      PeriodSum *sum = g_ptr_array_index (sums, i);
      KeelOrganicPoint *point;

      if (sum->organic + sum->paid <= 0)
        continue;
      point = g_new0 (KeelOrganicPoint, 1);
      point->period = g_strdup (sum->period);
      point->start = g_strdup (sum->start);
      point->organic = sum->organic;
      point->paid = sum->paid;
      point->unclassified = sum->unclassified;
      point->share = (double) sum->organic / (double) (sum->organic + sum->paid);
      g_ptr_array_add (result->organic, point);
      g_array_append_val (shares, point->share);
    }

  {
    g_autoptr(GString) text = g_string_new (NULL);
    gboolean met = FALSE;

    if (result->organic->len == 0)
      {
        g_string_append (text, _("None of the new users come from a channel classed organic or paid; class the channels in the project’s channel classes."));
      }
    else if (result->organic->len < (guint) s->organic_trend_periods)
      {
        g_string_append_printf (text,
                                ngettext ("Only %u period has new users from classed channels; the trend needs %" PRId64 " periods.",
                                          "Only %u periods have new users from classed channels; the trend needs %" PRId64 " periods.",
                                          result->organic->len),
                                result->organic->len, s->organic_trend_periods);
      }
    else
      {
        KeelOrganicPoint *last = g_ptr_array_index (result->organic, result->organic->len - 1);
        gboolean share_ok, trend_ok;
        char share_s[32], need_s[32], trend_s[32];

        trend_n = (guint) s->organic_trend_periods;
        result->has_trend = TRUE;
        result->trend = keel_least_squares_slope ((const double *) (gpointer) shares->data +
                                                  (shares->len - trend_n), trend_n);
        result->has_value = TRUE;
        result->value = last->share;
        result->sample_size = last->organic + last->paid;
        share_ok = last->share >= s->organic_share_threshold - TOL;
        trend_ok = result->trend >= -TOL;
        met = share_ok && trend_ok;

        format_percent (share_s, last->share);
        format_threshold (need_s, s->organic_share_threshold);
        g_snprintf (trend_s, sizeof trend_s, "%+.1f", result->trend * 100.0);
        if (fabs (result->trend) <= TOL)
          g_snprintf (trend_s, sizeof trend_s, "%.1f", 0.0);

        g_string_append_printf (text,
                                _("Organic share is %s of %" PRId64 " new users in %s (needs %s)"),
                                share_s, result->sample_size, last->period, need_s);
        g_string_append (text, "; ");
        g_string_append_printf (text,
                                _("its trend over the last %u periods is %s percentage points per period (needs 0 or more)."),
                                trend_n, trend_s);
        if (met)
          g_string_append_printf (text, " %s", _("Growth is increasingly organic."));
        else if (!share_ok && !trend_ok)
          g_string_append_printf (text, " %s", _("The share is too low and falling."));
        else if (!share_ok)
          g_string_append_printf (text, " %s", _("The share is below the threshold."));
        else
          g_string_append_printf (text, " %s", _("The share is falling."));
      }

    if (total_unclassified > 0)
      {
        g_autoptr(GString) names = g_string_new (NULL);

        g_ptr_array_sort (unclassified_names, compare_strings);
        for (guint i = 0; i < unclassified_names->len && i < 5; i++)
          {
            if (i > 0)
              g_string_append (names, ", ");
            g_string_append (names, g_ptr_array_index (unclassified_names, i));
          }
        if (unclassified_names->len > 5)
          g_string_append (names, ", …");
        g_string_append_c (text, ' ');
        g_string_append_printf (text,
                                ngettext ("%" PRId64 " new user from channels in no class (%s) is left out of the share; class those channels to count them.",
                                          "%" PRId64 " new users from channels in no class (%s) are left out of the share; class those channels to count them.",
                                          (gulong) total_unclassified),
                                total_unclassified, names->str);
      }

    result->explanation = g_string_free (g_steal_pointer (&text), FALSE);
    settle_state (ctx, result, met);
  }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Sean Ellis */

/* The answers are deduplicated in one pass: each respondent is found in an
 * open-addressing table keyed by the respondent's bytes, and keeps its latest answer
 * overall and its latest answer of each month (a short list: people rarely answer in
 * many months). Everything lives in arrays addressed by index, so the 100,000-row pass
 * allocates almost nothing per row. */

/* A latest answer: the newest by date, then by row id. */
typedef struct {
  gint64  id;
  gint32  date;      /* YYYYMMDD */
  gint32  segment;   /* index in the segments, -1 for none */
  guint8  answer;
} Latest;

typedef struct {
  Latest   latest;
  guint32  next;     /* index + 1 of the respondent's next month, 0 at the end */
} MonthLatest;

typedef struct {
  const char *key;   /* in the string chunk */
  guint32     len;
  guint32     hash;
  Latest      latest;
  guint32     months;  /* index + 1 of the first MonthLatest */
} Respondent;

typedef struct {
  gint64 counts[KEEL_N_ANSWERS];
} Tally;

typedef struct {
  GArray       *respondents;  /* Respondent */
  GArray       *months;       /* MonthLatest */
  guint32      *slots;        /* index + 1 into respondents, 0 empty */
  guint32       mask;
  GStringChunk *chunk;
  GPtrArray    *segments;     /* segment names, by index */
  GHashTable   *segment_index;/* name -> index + 1 */
} Survey;

static void
survey_clear (Survey *sv)
{
  g_clear_pointer (&sv->respondents, g_array_unref);
  g_clear_pointer (&sv->months, g_array_unref);
  g_clear_pointer (&sv->slots, g_free);
  g_clear_pointer (&sv->chunk, g_string_chunk_free);
  g_clear_pointer (&sv->segments, g_ptr_array_unref);
  g_clear_pointer (&sv->segment_index, g_hash_table_unref);
}

static inline guint32
hash_bytes (const char *p,
            guint32     len)
{
  guint32 h = 2166136261u;  /* FNV-1a */

  for (guint32 i = 0; i < len; i++)
    h = (h ^ (guchar) p[i]) * 16777619u;
  return h;
}

static void
survey_grow (Survey *sv)
{
  guint32 size = (sv->mask + 1) * 2;

  g_free (sv->slots);
  sv->slots = g_new0 (guint32, size);
  sv->mask = size - 1;
  for (guint32 i = 0; i < sv->respondents->len; i++)
    {
      guint32 slot = g_array_index (sv->respondents, Respondent, i).hash & sv->mask;

      while (sv->slots[slot] != 0)
        slot = (slot + 1) & sv->mask;
      sv->slots[slot] = i + 1;
    }
}

static Respondent *
survey_respondent (Survey     *sv,
                   const char *key,
                   guint32     len)
{
  guint32 hash = hash_bytes (key, len);
  guint32 slot = hash & sv->mask;
  Respondent fresh = { 0 };

  while (sv->slots[slot] != 0)
    {
      Respondent *r = &g_array_index (sv->respondents, Respondent, sv->slots[slot] - 1);

      if (r->hash == hash && r->len == len && memcmp (r->key, key, len) == 0)
        return r;
      slot = (slot + 1) & sv->mask;
    }

  fresh.key = g_string_chunk_insert_len (sv->chunk, key, len);
  fresh.len = len;
  fresh.hash = hash;
  fresh.latest.date = -1;
  g_array_append_val (sv->respondents, fresh);
  sv->slots[slot] = sv->respondents->len;
  if (sv->respondents->len * 2 > sv->mask + 1)
    survey_grow (sv);
  return &g_array_index (sv->respondents, Respondent, sv->respondents->len - 1);
}

static gint32
survey_segment (Survey     *sv,
                const char *name,
                int         len)
{
  gpointer index;

  if (name == NULL)
    return -1;
  /* A few segments are the rule: compare them in turn before hashing. */
  for (guint i = 0; i < sv->segments->len && i < 8; i++)
    {
      const char *known = g_ptr_array_index (sv->segments, i);

      if (strncmp (known, name, len) == 0 && known[len] == '\0')
        return (gint32) i;
    }
  index = g_hash_table_lookup (sv->segment_index, name);
  if (index != NULL)
    return GPOINTER_TO_INT (index) - 1;

  g_ptr_array_add (sv->segments, g_strndup (name, len));
  g_hash_table_insert (sv->segment_index, g_ptr_array_index (sv->segments, sv->segments->len - 1),
                       GINT_TO_POINTER (sv->segments->len));
  return (gint32) sv->segments->len - 1;
}

static inline gboolean
is_newer (const Latest *a,
          gint32        date,
          gint64        id)
{
  return date > a->date || (date == a->date && id > a->id);
}

static inline gboolean
answer_from_db (const char *text,
                KeelAnswer *out)
{
  if (text == NULL)
    return FALSE;
  /* The four stored names differ by their first letters. */
  switch (text[0])
    {
    case 'v':
      *out = KEEL_ANSWER_VERY_DISAPPOINTED;
      return strcmp (text, "very_disappointed") == 0;
    case 's':
      *out = KEEL_ANSWER_SOMEWHAT_DISAPPOINTED;
      return strcmp (text, "somewhat_disappointed") == 0;
    case 'n':
      if (text[1] == 'o' && text[2] == 't')
        {
          *out = KEEL_ANSWER_NOT_DISAPPOINTED;
          return strcmp (text, "not_disappointed") == 0;
        }
      *out = KEEL_ANSWER_NO_LONGER_USE;
      return strcmp (text, "no_longer_use") == 0;
    default:
      return FALSE;
    }
}

/* Month tallies, keyed by year × 12 + month - 1. */
static Tally *
month_tally (GArray  *tallies,
             GArray  *codes,
             gint32   date)
{
  gint32 code = (date / 10000) * 12 + (date / 100 % 100) - 1;
  Tally zero = { { 0 } };

  /* Newest months last in most files: search from the end. */
  for (guint i = codes->len; i > 0; i--)
    if (g_array_index (codes, gint32, i - 1) == code)
      return &g_array_index (tallies, Tally, i - 1);
  g_array_append_val (codes, code);
  g_array_append_val (tallies, zero);
  return &g_array_index (tallies, Tally, tallies->len - 1);
}

static KeelShare *
share_new (char        *label,
           const Tally *t)
{
  KeelShare *share = g_new0 (KeelShare, 1);
  gint64 users = t->counts[KEEL_ANSWER_VERY_DISAPPOINTED] +
                 t->counts[KEEL_ANSWER_SOMEWHAT_DISAPPOINTED] +
                 t->counts[KEEL_ANSWER_NOT_DISAPPOINTED];

  share->label = label;
  share->sample_size = users;
  share->value = users > 0
                   ? (double) t->counts[KEEL_ANSWER_VERY_DISAPPOINTED] / (double) users
                   : 0.0;
  keel_wilson_interval (t->counts[KEEL_ANSWER_VERY_DISAPPOINTED], users,
                        &share->interval_low, &share->interval_high);
  return share;
}

static int
compare_share_labels (gconstpointer a,
                      gconstpointer b)
{
  return strcmp ((*(KeelShare * const *) a)->label, (*(KeelShare * const *) b)->label);
}

static gboolean
compute_sean_ellis (Context           *ctx,
                    KeelSignalResult  *result,
                    GError           **error)
{
  const KeelSettings *s = ctx->settings;
  g_autoptr(GArray) active = NULL;
  Survey sv = { 0 };
  g_autoptr(GArray) segment_tallies = g_array_new (FALSE, TRUE, sizeof (Tally));
  g_autoptr(GArray) month_tallies = g_array_new (FALSE, TRUE, sizeof (Tally));
  g_autoptr(GArray) month_codes = g_array_new (FALSE, FALSE, sizeof (gint32));
  Tally total = { { 0 } };
  gint32 newest = 0;
  sqlite3_stmt *stmt;
  gint64 n_rows = 0;
  gint64 users, very;
  int rc;

  result->threshold = s->pmf_threshold;
  result->answer_counts = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (result->answer_counts, KEEL_N_ANSWERS);

  active = active_imports (ctx, KEEL_DATASET_SURVEY, error);
  if (active == NULL)
    return FALSE;
  stmt = keel_db_prepare (ctx->db,
                          "SELECT import_id, id, answer, date, segment, respondent"
                          " FROM survey_responses WHERE +date <= ?1",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ctx->as_of, -1, SQLITE_TRANSIENT);

  sv.respondents = g_array_new (FALSE, FALSE, sizeof (Respondent));
  sv.months = g_array_new (FALSE, FALSE, sizeof (MonthLatest));
  sv.mask = 1023;
  sv.slots = g_new0 (guint32, sv.mask + 1);
  sv.chunk = g_string_chunk_new (64 * 1024);
  sv.segments = g_ptr_array_new_with_free_func (g_free);
  sv.segment_index = g_hash_table_new (g_str_hash, g_str_equal);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id;
      const char *answer_s, *date_s, *segment_s, *respondent_s;
      int date_len, segment_len, respondent_len;
      Latest row;
      KeelAnswer answer;
      Respondent *r;
      MonthLatest *m = NULL;
      guint32 last = 0;

      if (!is_active (active, sqlite3_column_int64 (stmt, 0)))
        continue;
      id = sqlite3_column_int64 (stmt, 1);
      answer_s = (const char *) sqlite3_column_text (stmt, 2);
      date_s = (const char *) sqlite3_column_text (stmt, 3);
      date_len = sqlite3_column_bytes (stmt, 3);
      segment_s = (const char *) sqlite3_column_text (stmt, 4);
      segment_len = sqlite3_column_bytes (stmt, 4);
      respondent_s = (const char *) sqlite3_column_text (stmt, 5);
      respondent_len = sqlite3_column_bytes (stmt, 5);

      if (!answer_from_db (answer_s, &answer) || date_s == NULL || date_len != 10)
        continue;
      row.date = date_key (date_s, date_len);
      if (row.date == 0)
        continue;
      row.id = id;
      row.answer = answer;
      row.segment = survey_segment (&sv, segment_s, segment_len);

      n_rows++;
      newest = MAX (newest, row.date);

      if (respondent_s == NULL)
        {
          /* Each row without a respondent is a respondent of its own. */
          total.counts[answer]++;
          if ((guint) (row.segment + 1) >= segment_tallies->len)
            g_array_set_size (segment_tallies, row.segment + 2);
          g_array_index (segment_tallies, Tally, row.segment + 1).counts[answer]++;
          month_tally (month_tallies, month_codes, row.date)->counts[answer]++;
          continue;
        }

      r = survey_respondent (&sv, respondent_s, (guint32) respondent_len);
      if (is_newer (&r->latest, row.date, row.id))
        r->latest = row;

      /* The respondent's entry for this month, if any. Entries are linked by index:
       * appending may move the array. */
      for (guint32 at = r->months; at != 0; )
        {
          MonthLatest *entry = &g_array_index (sv.months, MonthLatest, at - 1);

          if (entry->latest.date / 100 == row.date / 100)
            {
              m = entry;
              break;
            }
          last = at;
          at = entry->next;
        }
      if (m == NULL)
        {
          MonthLatest fresh = { row, 0 };

          g_array_append_val (sv.months, fresh);
          if (last == 0)
            r->months = sv.months->len;
          else
            g_array_index (sv.months, MonthLatest, last - 1).next = sv.months->len;
        }
      else if (is_newer (&m->latest, row.date, row.id))
        m->latest = row;
    }
  if (rc != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      survey_clear (&sv);
      return storage_error (ctx, error, "survey");
    }
  sqlite3_reset (stmt);

  g_array_set_size (segment_tallies, sv.segments->len + 1);
  for (guint i = 0; i < sv.respondents->len; i++)
    {
      const Latest *l = &g_array_index (sv.respondents, Respondent, i).latest;

      total.counts[l->answer]++;
      g_array_index (segment_tallies, Tally, l->segment + 1).counts[l->answer]++;
    }
  for (guint i = 0; i < sv.months->len; i++)
    {
      const Latest *l = &g_array_index (sv.months, MonthLatest, i).latest;

      month_tally (month_tallies, month_codes, l->date)->counts[l->answer]++;
    }

  for (guint a = 0; a < KEEL_N_ANSWERS; a++)
    g_array_index (result->answer_counts, gint64, a) = total.counts[a];

  /* By segment (byte order, "" for none), only when some answer has a segment. */
  result->segments = g_ptr_array_new_with_free_func (share_free);
  if (sv.segments->len > 0)
    {
      for (guint i = 0; i < segment_tallies->len; i++)
        {
          const Tally *t = &g_array_index (segment_tallies, Tally, i);

          if (i == 0 && t->counts[0] + t->counts[1] + t->counts[2] + t->counts[3] == 0)
            continue;
          g_ptr_array_add (result->segments,
                           share_new (g_strdup (i == 0 ? "" : g_ptr_array_index (sv.segments, i - 1)), t));
        }
      g_ptr_array_sort (result->segments, compare_share_labels);
    }

  result->months = g_ptr_array_new_with_free_func (share_free);
  for (guint i = 0; i < month_codes->len; i++)
    {
      gint32 code = g_array_index (month_codes, gint32, i);

      g_ptr_array_add (result->months,
                       share_new (g_strdup_printf ("%04d-%02d", code / 12, code % 12 + 1),
                                  &g_array_index (month_tallies, Tally, i)));
    }
  g_ptr_array_sort (result->months, compare_share_labels);
  survey_clear (&sv);

  very = total.counts[KEEL_ANSWER_VERY_DISAPPOINTED];
  users = very + total.counts[KEEL_ANSWER_SOMEWHAT_DISAPPOINTED] +
          total.counts[KEEL_ANSWER_NOT_DISAPPOINTED];
  result->sample_size = users;
  keel_wilson_interval (very, users, &result->interval_low, &result->interval_high);

  if (n_rows == 0)
    {
      result->state = KEEL_SIGNAL_STATE_NO_DATA;
      result->explanation =
        g_strdup_printf (_("No survey answers as of %s; import the answers to “How would you feel if you could no longer use the product?” (CSV)."),
                         ctx->as_of);
      return TRUE;
    }

  result->state = KEEL_SIGNAL_STATE_NOT_MET;
  result->newest_data = g_strdup_printf ("%04d-%02d-%02d",
                                         newest / 10000, newest / 100 % 100, newest % 100);

  if (users < s->min_survey_responses)
    {
      gint64 gone = total.counts[KEEL_ANSWER_NO_LONGER_USE];

      result->explanation =
        g_strdup_printf (ngettext ("Only %" PRId64 " answer from people who use the product (%" PRId64 " more no longer use it and do not count); the survey needs at least %" PRId64 ".",
                                   "Only %" PRId64 " answers from people who use the product (%" PRId64 " more no longer use it and do not count); the survey needs at least %" PRId64 ".",
                                   (gulong) users),
                         users, gone, s->min_survey_responses);
      settle_state (ctx, result, FALSE);
      return TRUE;
    }

  {
    char share_s[32], need_s[32], low_s[32], high_s[32];
    gboolean met;
    g_autoptr(GString) text = g_string_new (NULL);

    result->has_value = TRUE;
    result->value = (double) very / (double) users;
    result->confident = result->interval_low >= s->pmf_threshold - TOL;
    met = result->value >= s->pmf_threshold - TOL;

    format_percent (share_s, result->value);
    format_threshold (need_s, s->pmf_threshold);
    format_percent (low_s, result->interval_low);
    format_percent (high_s, result->interval_high);
    g_string_append_printf (text,
                            ngettext ("%s of %" PRId64 " user would be very disappointed (needs %s, at least %" PRId64 " answers); 95%% interval %s–%s.",
                                      "%s of %" PRId64 " users would be very disappointed (needs %s, at least %" PRId64 " answers); 95%% interval %s–%s.",
                                      (gulong) users),
                            share_s, users, need_s, s->min_survey_responses, low_s, high_s);
    if (met && result->confident)
      g_string_append_printf (text, " %s", _("Confident: the whole interval reaches the threshold."));
    else if (met)
      g_string_append_printf (text, " %s", _("Not yet confident: the interval reaches below the threshold; more answers will tell."));
    result->explanation = g_string_free (g_steal_pointer (&text), FALSE);
    settle_state (ctx, result, met);
  }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Custom */

static gboolean
compare_value (double         value,
               KeelComparison comparison,
               double         target)
{
  switch (comparison)
    {
    case KEEL_COMPARISON_GE: return value >= target - TOL;
    case KEEL_COMPARISON_GT: return value > target + TOL;
    case KEEL_COMPARISON_LE: return value <= target + TOL;
    case KEEL_COMPARISON_LT: return value < target - TOL;
    case KEEL_COMPARISON_EQ: return fabs (value - target) <= TOL;
    case KEEL_N_COMPARISONS:
    default: return FALSE;
    }
}

static void
compute_custom (Context          *ctx,
                KeelSignalResult *result)
{
  KeelSignal *signal = result->signal;
  char value_s[32], target_s[32];
  gboolean met;

  result->comparison = signal->comparison;
  result->threshold = signal->has_target ? signal->target : 0.0;

  if (!signal->has_value)
    {
      result->state = KEEL_SIGNAL_STATE_NO_DATA;
      result->explanation = g_strdup (_("No value entered yet."));
      return;
    }
  if (signal->date != NULL && strcmp (signal->date, ctx->as_of) > 0)
    {
      result->state = KEEL_SIGNAL_STATE_NO_DATA;
      result->explanation =
        g_strdup_printf (_("Its value is dated %s, after %s."), signal->date, ctx->as_of);
      return;
    }

  result->state = KEEL_SIGNAL_STATE_NOT_MET;
  result->has_value = TRUE;
  result->value = signal->value;
  result->sample_size = 1;
  result->newest_data = g_strdup (signal->date);
  format_number (value_s, signal->value);

  if (!signal->has_target)
    {
      result->explanation =
        g_strdup_printf (_("The value is %s, but no target is set to compare it with."), value_s);
      settle_state (ctx, result, FALSE);
      return;
    }

  format_number (target_s, signal->target);
  met = compare_value (signal->value, signal->comparison, signal->target);
  {
    g_autoptr(GString) text = g_string_new (NULL);

    g_string_append_printf (text, met ? _("The value %s meets its target (%s %s).")
                                      : _("The value %s does not meet its target (%s %s)."),
                            value_s, keel_comparison_symbol (signal->comparison), target_s);
    if (signal->source != NULL && *signal->source != '\0')
      {
        g_string_append_c (text, ' ');
        g_string_append_printf (text, _("Source: %s."), signal->source);
      }
    if (signal->date == NULL)
      {
        g_string_append_c (text, ' ');
        g_string_append (text, _("It has no date, so its age is unknown."));
      }
    result->explanation = g_string_free (g_steal_pointer (&text), FALSE);
  }
  settle_state (ctx, result, met);
}

/* ------------------------------------------------------------------------ */
/* Public API */

/**
 * keel_gate_compute:
 * @project: a project
 * @as_of: (nullable): the as-of date "YYYY-MM-DD"; %NULL for today
 * @error: return location for a #GError
 *
 * Computes every signal of @project and the gate, leaving out rows dated after @as_of.
 *
 * Returns: (transfer full) (nullable): the gate, or %NULL on error
 */
KeelGate *
keel_gate_compute (KeelProject  *project,
                   const char   *as_of,
                   GError      **error)
{
  g_autoptr(KeelGate) gate = NULL;
  g_autofree char *today = NULL;
  GListModel *signals;
  Context ctx;
  guint n;

  g_return_val_if_fail (KEEL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (as_of == NULL)
    as_of = today = keel_date_today ();
  else if (!keel_date_is_valid (as_of))
    {
      g_set_error (error, KEEL_SIGNALS_ERROR, KEEL_SIGNALS_ERROR_INVALID_DATE,
                   _("“%s” is not a date; expected YYYY-MM-DD"), as_of);
      return NULL;
    }

  ctx.project = project;
  ctx.db = keel_project_get_db (project);
  ctx.settings = keel_project_get_settings (project);
  ctx.as_of = as_of;

  gate = g_new0 (KeelGate, 1);
  gate->as_of = g_strdup (as_of);
  gate->results = g_ptr_array_new_with_free_func (result_free);

  /* Each data signal is computed once, however many signals of its kind there are. */
  signals = keel_project_get_signals (project);
  n = g_list_model_get_n_items (signals);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KeelSignal) signal = g_list_model_get_item (signals, i);
      KeelSignalResult *result = result_new (signal);
      gboolean ok = TRUE;

      g_ptr_array_add (gate->results, result);
      switch (signal->kind)
        {
        case KEEL_SIGNAL_KIND_RETENTION_PLATEAU:
          ok = compute_retention (&ctx, result, error);
          break;
        case KEEL_SIGNAL_KIND_ORGANIC_GROWTH:
          ok = compute_organic (&ctx, result, error);
          break;
        case KEEL_SIGNAL_KIND_SEAN_ELLIS:
          ok = compute_sean_ellis (&ctx, result, error);
          break;
        case KEEL_SIGNAL_KIND_CUSTOM:
          compute_custom (&ctx, result);
          break;
        case KEEL_N_SIGNAL_KINDS:
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        return NULL;

      if (result->required)
        {
          gate->required++;
          if (result->state == KEEL_SIGNAL_STATE_MET)
            gate->met++;
        }
    }

  gate->passed = gate->required > 0 && gate->met == gate->required;
  return g_steal_pointer (&gate);
}

/**
 * keel_gate_lookup:
 * @gate: a gate
 * @signal_id: a signal's id
 *
 * Returns: (nullable): the result of that signal
 */
const KeelSignalResult *
keel_gate_lookup (const KeelGate *gate,
                  const char     *signal_id)
{
  g_return_val_if_fail (gate != NULL, NULL);
  g_return_val_if_fail (signal_id != NULL, NULL);

  for (guint i = 0; i < gate->results->len; i++)
    {
      const KeelSignalResult *result = g_ptr_array_index (gate->results, i);

      if (g_strcmp0 (result->signal->id, signal_id) == 0)
        return result;
    }
  return NULL;
}

static void
append_nullable_string (GString    *out,
                        const char *str)
{
  if (str == NULL)
    g_string_append (out, "null");
  else
    keel_json_append_string (out, str);
}

/**
 * keel_gate_to_json:
 * @gate: a gate
 *
 * Returns: (transfer full): the object `keel-cli signals --format json` prints, with a
 *   final newline
 */
char *
keel_gate_to_json (const KeelGate *gate)
{
  GString *out;

  g_return_val_if_fail (gate != NULL, NULL);

  out = g_string_new ("{\"as_of\": ");
  keel_json_append_string (out, gate->as_of);
  g_string_append_printf (out, ", \"gate\": {\"passed\": %s, \"met\": %u, \"required\": %u},",
                          gate->passed ? "true" : "false", gate->met, gate->required);
  g_string_append (out, " \"signals\": [");

  for (guint i = 0; i < gate->results->len; i++)
    {
      const KeelSignalResult *r = g_ptr_array_index (gate->results, i);

      g_string_append (out, i > 0 ? ",\n  {" : "\n  {");
      g_string_append (out, "\"kind\": ");
      keel_json_append_string (out, keel_signal_kind_to_string (r->kind));
      g_string_append (out, ", \"name\": ");
      keel_json_append_string (out, r->name);
      g_string_append_printf (out, ", \"required\": %s, \"state\": ",
                              r->required ? "true" : "false");
      keel_json_append_string (out, keel_signal_state_to_string (r->state));
      g_string_append (out, ", \"value\": ");
      if (r->has_value)
        keel_json_append_number (out, r->value);
      else
        g_string_append (out, "null");
      g_string_append (out, ", \"threshold\": ");
      keel_json_append_number (out, r->threshold);
      g_string_append_printf (out, ", \"sample_size\": %" G_GINT64_FORMAT ", \"newest_data\": ",
                              r->sample_size);
      append_nullable_string (out, r->newest_data);
      g_string_append (out, ", \"explanation\": ");
      keel_json_append_string (out, r->explanation);

      if (r->kind == KEEL_SIGNAL_KIND_SEAN_ELLIS)
        {
          g_string_append (out, ", \"interval\": [");
          keel_json_append_number (out, r->interval_low);
          g_string_append (out, ", ");
          keel_json_append_number (out, r->interval_high);
          g_string_append_printf (out, "], \"confident\": %s, \"segments\": [",
                                  r->confident ? "true" : "false");
          for (guint j = 0; r->segments != NULL && j < r->segments->len; j++)
            {
              const KeelShare *share = g_ptr_array_index (r->segments, j);

              g_string_append (out, j > 0 ? ", {\"segment\": " : "{\"segment\": ");
              append_nullable_string (out, *share->label != '\0' ? share->label : NULL);
              g_string_append (out, ", \"value\": ");
              if (share->sample_size > 0)
                keel_json_append_number (out, share->value);
              else
                g_string_append (out, "null");
              g_string_append_printf (out, ", \"sample_size\": %" G_GINT64_FORMAT "}",
                                      share->sample_size);
            }
          g_string_append (out, "]");
        }
      else if (r->kind == KEEL_SIGNAL_KIND_RETENTION_PLATEAU)
        {
          g_string_append (out, ", \"plateau\": ");
          if (r->has_plateau)
            keel_json_append_number (out, r->plateau);
          else
            g_string_append (out, "null");
        }
      g_string_append (out, "}");
    }

  g_string_append (out, gate->results->len > 0 ? "\n]}\n" : "]}\n");
  return g_string_free (out, FALSE);
}

/* The value and threshold of a signal for the text output. */
static char *
describe_value (const KeelSignalResult *r)
{
  char value_s[32], threshold_s[32];

  switch (r->kind)
    {
    case KEEL_SIGNAL_KIND_RETENTION_PLATEAU:
      format_points (threshold_s, r->threshold);
      if (!r->has_value)
        return g_strdup_printf (_("largest recent change —, at most %s points"), threshold_s);
      format_points (value_s, r->value);
      return g_strdup_printf (_("largest recent change %s points, at most %s"), value_s,
                              threshold_s);
    case KEEL_SIGNAL_KIND_ORGANIC_GROWTH:
    case KEEL_SIGNAL_KIND_SEAN_ELLIS:
      format_threshold (threshold_s, r->threshold);
      if (!r->has_value)
        return g_strdup_printf (_("—, needs %s"), threshold_s);
      format_percent (value_s, r->value);
      return g_strdup_printf (_("%s, needs %s"), value_s, threshold_s);
    case KEEL_SIGNAL_KIND_CUSTOM:
      format_number (threshold_s, r->threshold);
      if (!r->has_value)
        return g_strdup_printf (_("—, target %s %s"), keel_comparison_symbol (r->comparison),
                                threshold_s);
      format_number (value_s, r->value);
      return g_strdup_printf (_("%s, target %s %s"), value_s,
                              keel_comparison_symbol (r->comparison), threshold_s);
    case KEEL_N_SIGNAL_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static const char *
sample_unit (const KeelSignalResult *r)
{
  switch (r->kind)
    {
    case KEEL_SIGNAL_KIND_RETENTION_PLATEAU:
      return ngettext ("cohort", "cohorts", (gulong) r->sample_size);
    case KEEL_SIGNAL_KIND_ORGANIC_GROWTH:
      return ngettext ("new user", "new users", (gulong) r->sample_size);
    case KEEL_SIGNAL_KIND_SEAN_ELLIS:
      return ngettext ("answer", "answers", (gulong) r->sample_size);
    case KEEL_SIGNAL_KIND_CUSTOM:
    case KEEL_N_SIGNAL_KINDS:
    default:
      return ngettext ("value", "values", (gulong) r->sample_size);
    }
}

/**
 * keel_gate_to_text:
 * @gate: a gate
 *
 * Returns: (transfer full): the gate on its first line, then one line per signal with
 *   its state, value, threshold, sample, newest data and why
 */
char *
keel_gate_to_text (const KeelGate *gate)
{
  GString *out;

  g_return_val_if_fail (gate != NULL, NULL);

  out = g_string_new (NULL);
  if (gate->required == 0)
    g_string_append_printf (out, _("Gate not passed: no signal is required (as of %s)"),
                            gate->as_of);
  else
    g_string_append_printf (out,
                            ngettext ("Gate %s: %u of %u required signal met (as of %s)",
                                      "Gate %s: %u of %u required signals met (as of %s)",
                                      gate->required),
                            gate->passed ? _("passed") : _("not passed"),
                            gate->met, gate->required, gate->as_of);
  g_string_append_c (out, '\n');

  for (guint i = 0; i < gate->results->len; i++)
    {
      const KeelSignalResult *r = g_ptr_array_index (gate->results, i);
      g_autofree char *value = describe_value (r);

      g_string_append_printf (out, "%s %s%s: %s — %s; %" G_GINT64_FORMAT " %s; ",
                              r->state == KEEL_SIGNAL_STATE_MET ? "✓" : "✗",
                              r->name,
                              r->required ? "" : _(" (optional)"),
                              keel_signal_state_to_label (r->state),
                              value, r->sample_size, sample_unit (r));
      if (r->newest_data != NULL)
        g_string_append_printf (out, _("newest data %s"), r->newest_data);
      else
        g_string_append (out, _("no dated data"));
      g_string_append_printf (out, ". %s\n", r->explanation);
    }
  return g_string_free (out, FALSE);
}
