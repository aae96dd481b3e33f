/* keel-signals.h: the product-market-fit signals and the gate, computed from the
 * project's datasets and settings as of a date (PRODUCT.md, "Fit-signal checklist"). */
#pragma once

#include "keel-project.h"

G_BEGIN_DECLS

typedef struct {
  char   *label;        /* segment name, or month "YYYY-MM"; "" for answers with no segment */
  double  value;        /* share of "very disappointed" */
  gint64  sample_size;  /* respondents who use the product */
  double  interval_low; /* 95% Wilson interval */
  double  interval_high;
} KeelShare;

typedef struct {
  char   *period;       /* "YYYY-MM" or "YYYY-MM-DD", as imported */
  char   *start;        /* its start date "YYYY-MM-DD" */
  gint64  organic;
  gint64  paid;
  gint64  unclassified; /* channels in no class: counted in neither share term */
  double  share;        /* organic / (organic + paid) */
} KeelOrganicPoint;

typedef struct {
  char   *cohort;       /* start date */
  gint64  size;
  GArray *retained;     /* double fractions per period, period 0 first */
} KeelCohortCurve;

typedef struct {
  KeelSignal      *signal;       /* the configured signal (ref) */
  KeelSignalKind   kind;
  char            *name;         /* display name */
  gboolean         required;
  KeelSignalState  state;
  gboolean         has_value;    /* FALSE: "value": null */
  double           value;
  double           threshold;
  gint64           sample_size;
  char            *newest_data;  /* "YYYY-MM-DD" or NULL */
  char            *explanation;  /* plain language, translated */

  /* sean_ellis */
  double           interval_low, interval_high;
  gboolean         confident;
  GPtrArray       *segments;     /* KeelShare, by segment (byte order) */
  GPtrArray       *months;       /* KeelShare, by month */
  GArray          *answer_counts;/* gint64 per KeelAnswer, respondents counted once */

  /* retention_plateau */
  gboolean         has_plateau;
  double           plateau;
  GArray          *average;      /* double per period: the weighted average curve */
  GPtrArray       *cohorts;      /* KeelCohortCurve */

  /* organic_growth */
  GPtrArray       *organic;      /* KeelOrganicPoint by period */
  gboolean         has_trend;
  double           trend;        /* least-squares slope over the last periods */

  /* custom */
  KeelComparison   comparison;
} KeelSignalResult;

typedef struct {
  char      *as_of;
  gboolean   passed;
  guint      met;        /* required signals that are met */
  guint      required;
  GPtrArray *results;    /* KeelSignalResult, in the project's signal order */
} KeelGate;

#define KEEL_SIGNALS_ERROR (keel_signals_error_quark ())
typedef enum {
  KEEL_SIGNALS_ERROR_INVALID_DATE,  /* the as-of date is not "YYYY-MM-DD" */
  KEEL_SIGNALS_ERROR_STORAGE,       /* the working copy could not be read */
} KeelSignalsError;
GQuark keel_signals_error_quark (void);

/* Fractions computed from data are compared with thresholds with this tolerance. */
#define KEEL_SIGNALS_TOLERANCE 1e-9

/* Computes every signal and the gate. @as_of: "YYYY-MM-DD", or NULL for today. Rows
 * dated after @as_of are left out. */
KeelGate  *keel_gate_compute (KeelProject *project, const char *as_of, GError **error);
void       keel_gate_free    (KeelGate *gate);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KeelGate, keel_gate_free)

const KeelSignalResult *keel_gate_lookup (const KeelGate *gate, const char *signal_id);

/* The 95% Wilson score interval (z = 1.959964) of @successes out of @n. */
void keel_wilson_interval (gint64 successes, gint64 n, double *low, double *high);

/* The least-squares slope of @y[i] against i (0..@n-1); 0 when @n < 2. */
double keel_least_squares_slope (const double *y, guint n);

/* The plateau test on a curve of @n points: TRUE when each of the last @periods changes
 * (curve[i] - curve[i-1]) is at most @max_slope in absolute value (tolerance
 * KEEL_SIGNALS_TOLERANCE) and the last point is above 0. @out_max_change: the largest
 * absolute change among them. Needs @n > @periods (FALSE otherwise, change 0). */
gboolean keel_plateau_test (const double *curve, guint n, guint periods, double max_slope,
                            double *out_max_change);

/* The gate and signals as the JSON object of `keel-cli signals --format json`. */
char      *keel_gate_to_json (const KeelGate *gate);
/* The text of `keel-cli signals`: gate first, then one line per signal. */
char      *keel_gate_to_text (const KeelGate *gate);

G_END_DECLS
