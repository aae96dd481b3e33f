/* keel-types.c: the enumerations' JSON names, their translated labels, and dates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-types"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "keel-types.h"

/* The JSON names are a stable public format (PRODUCT.md): the order of each table
 * follows the enumeration it names. */

static const char * const dimension_names[] = {
  "technology", "product", "team", "infrastructure",
};
static const char * const item_kind_names[] = {
  "feature", "growth", "hiring", "process", "hardening", "rearchitecture", "rewrite",
  "automation", "other",
};
static const char * const horizon_names[] = {
  "now", "next", "later",
};
static const char * const status_names[] = {
  "idea", "planned", "in_progress", "done", "dropped",
};
static const char * const quadrant_names[] = {
  "prudent_deliberate", "reckless_deliberate", "prudent_inadvertent",
  "reckless_inadvertent",
};
static const char * const debt_status_names[] = {
  "open", "scheduled", "paid", "accepted",
};
static const char * const evidence_kind_names[] = {
  "usage", "request", "interview", "metric", "incident", "experiment", "other",
};
static const char * const signal_kind_names[] = {
  "retention_plateau", "organic_growth", "sean_ellis", "custom",
};
static const char * const comparison_names[] = {
  ">=", ">", "<=", "<", "==",
};
static const char * const answer_names[] = {
  "very_disappointed", "somewhat_disappointed", "not_disappointed", "no_longer_use",
};
static const char * const retention_period_names[] = {
  "week", "month",
};
static const char * const channel_class_names[] = {
  "organic", "paid",
};
static const char * const dataset_names[] = {
  "retention", "survey", "acquisition",
};
static const char * const signal_state_names[] = {
  "no_data", "not_met", "stale", "met",
};
static const char * const severity_names[] = {
  "error", "warning", "info",
};

G_STATIC_ASSERT (G_N_ELEMENTS (dimension_names) == KEEL_N_DIMENSIONS);
G_STATIC_ASSERT (G_N_ELEMENTS (item_kind_names) == KEEL_N_ITEM_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (horizon_names) == KEEL_N_HORIZONS);
G_STATIC_ASSERT (G_N_ELEMENTS (status_names) == KEEL_N_STATUSES);
G_STATIC_ASSERT (G_N_ELEMENTS (quadrant_names) == KEEL_N_QUADRANTS);
G_STATIC_ASSERT (G_N_ELEMENTS (debt_status_names) == KEEL_N_DEBT_STATUSES);
G_STATIC_ASSERT (G_N_ELEMENTS (evidence_kind_names) == KEEL_N_EVIDENCE_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (signal_kind_names) == KEEL_N_SIGNAL_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (comparison_names) == KEEL_N_COMPARISONS);
G_STATIC_ASSERT (G_N_ELEMENTS (answer_names) == KEEL_N_ANSWERS);
G_STATIC_ASSERT (G_N_ELEMENTS (retention_period_names) == KEEL_N_RETENTION_PERIODS);
G_STATIC_ASSERT (G_N_ELEMENTS (channel_class_names) == KEEL_N_CHANNEL_CLASSES);
G_STATIC_ASSERT (G_N_ELEMENTS (dataset_names) == KEEL_N_DATASETS);
G_STATIC_ASSERT (G_N_ELEMENTS (signal_state_names) == KEEL_SIGNAL_STATE_MET + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (severity_names) == KEEL_SEVERITY_INFO + 1);

static gboolean
lookup_name (const char * const *names,
             guint               n_names,
             const char         *str,
             int                *out_value)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (strcmp (names[i], str) == 0)
        {
          if (out_value != NULL)
            *out_value = (int) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* An out-of-range value is a programming error: it warns and reads as NULL rather
 * than reading past the table. */
#define KEEL_DEFINE_ENUM_STRINGS(Type, prefix, names) \
  const char * \
  prefix##_to_string (Type value) \
  { \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (names), NULL); \
    return names[value]; \
  } \
  gboolean \
  prefix##_from_string (const char *str, \
                        Type       *out_value) \
  { \
    int value; \
    if (!lookup_name (names, G_N_ELEMENTS (names), str, &value)) \
      return FALSE; \
    if (out_value != NULL) \
      *out_value = (Type) value; \
    return TRUE; \
  }

KEEL_DEFINE_ENUM_STRINGS (KeelDimension, keel_dimension, dimension_names)
KEEL_DEFINE_ENUM_STRINGS (KeelItemKind, keel_item_kind, item_kind_names)
KEEL_DEFINE_ENUM_STRINGS (KeelHorizon, keel_horizon, horizon_names)
KEEL_DEFINE_ENUM_STRINGS (KeelStatus, keel_status, status_names)
KEEL_DEFINE_ENUM_STRINGS (KeelQuadrant, keel_quadrant, quadrant_names)
KEEL_DEFINE_ENUM_STRINGS (KeelDebtStatus, keel_debt_status, debt_status_names)
KEEL_DEFINE_ENUM_STRINGS (KeelEvidenceKind, keel_evidence_kind, evidence_kind_names)
KEEL_DEFINE_ENUM_STRINGS (KeelSignalKind, keel_signal_kind, signal_kind_names)
KEEL_DEFINE_ENUM_STRINGS (KeelComparison, keel_comparison, comparison_names)
KEEL_DEFINE_ENUM_STRINGS (KeelAnswer, keel_answer, answer_names)
KEEL_DEFINE_ENUM_STRINGS (KeelRetentionPeriod, keel_retention_period, retention_period_names)
KEEL_DEFINE_ENUM_STRINGS (KeelChannelClass, keel_channel_class, channel_class_names)

/**
 * keel_comparison_symbol:
 * @comparison: a comparison
 *
 * How the application, the report and the signals' explanations write a custom
 * signal's comparison.
 *
 * Returns: "≥", ">", "≤", "<" or "=" ("?" for a value out of range)
 */
const char *
keel_comparison_symbol (KeelComparison comparison)
{
  switch (comparison)
    {
    case KEEL_COMPARISON_GE: return "≥";
    case KEEL_COMPARISON_GT: return ">";
    case KEEL_COMPARISON_LE: return "≤";
    case KEEL_COMPARISON_LT: return "<";
    case KEEL_COMPARISON_EQ: return "=";
    case KEEL_N_COMPARISONS:
    default:
      return "?";
    }
}
KEEL_DEFINE_ENUM_STRINGS (KeelDataset, keel_dataset, dataset_names)
KEEL_DEFINE_ENUM_STRINGS (KeelSignalState, keel_signal_state, signal_state_names)
KEEL_DEFINE_ENUM_STRINGS (KeelSeverity, keel_severity, severity_names)

/* ---- Labels ---- */

static const char * const dimension_labels[] = {
  N_("Technology"), N_("Product"), N_("Team"), N_("Infrastructure"),
};
static const char * const item_kind_labels[] = {
  N_("Feature"), N_("Growth"), N_("Hiring"), N_("Process"), N_("Hardening"),
  N_("Re-architecture"), N_("Rewrite"), N_("Automation"), N_("Other"),
};
static const char * const horizon_labels[] = {
  N_("Now"), N_("Next"), N_("Later"),
};
static const char * const status_labels[] = {
  N_("Idea"), N_("Planned"), N_("In progress"), N_("Done"), N_("Dropped"),
};
static const char * const quadrant_labels[] = {
  N_("Prudent, deliberate"), N_("Reckless, deliberate"), N_("Prudent, inadvertent"),
  N_("Reckless, inadvertent"),
};
static const char * const debt_status_labels[] = {
  N_("Open"), N_("Scheduled"), N_("Paid"), N_("Accepted"),
};
static const char * const evidence_kind_labels[] = {
  N_("Usage"), N_("Request"), N_("Interview"), N_("Metric"), N_("Incident"),
  N_("Experiment"), N_("Other"),
};
static const char * const signal_kind_labels[] = {
  N_("Retention plateau"), N_("Organic growth"), N_("Sean Ellis survey"), N_("Custom"),
};
static const char * const answer_labels[] = {
  N_("Very disappointed"), N_("Somewhat disappointed"), N_("Not disappointed"),
  N_("No longer use it"),
};
static const char * const signal_state_labels[] = {
  N_("No data"), N_("Not met"), N_("Stale"), N_("Met"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (dimension_labels) == KEEL_N_DIMENSIONS);
G_STATIC_ASSERT (G_N_ELEMENTS (item_kind_labels) == KEEL_N_ITEM_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (horizon_labels) == KEEL_N_HORIZONS);
G_STATIC_ASSERT (G_N_ELEMENTS (status_labels) == KEEL_N_STATUSES);
G_STATIC_ASSERT (G_N_ELEMENTS (quadrant_labels) == KEEL_N_QUADRANTS);
G_STATIC_ASSERT (G_N_ELEMENTS (debt_status_labels) == KEEL_N_DEBT_STATUSES);
G_STATIC_ASSERT (G_N_ELEMENTS (evidence_kind_labels) == KEEL_N_EVIDENCE_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (signal_kind_labels) == KEEL_N_SIGNAL_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (answer_labels) == KEEL_N_ANSWERS);
G_STATIC_ASSERT (G_N_ELEMENTS (signal_state_labels) == KEEL_SIGNAL_STATE_MET + 1);

#define KEEL_DEFINE_ENUM_LABEL(Type, prefix, labels) \
  const char * \
  prefix##_to_label (Type value) \
  { \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (labels), NULL); \
    return _(labels[value]); \
  }

KEEL_DEFINE_ENUM_LABEL (KeelDimension, keel_dimension, dimension_labels)
KEEL_DEFINE_ENUM_LABEL (KeelItemKind, keel_item_kind, item_kind_labels)
KEEL_DEFINE_ENUM_LABEL (KeelHorizon, keel_horizon, horizon_labels)
KEEL_DEFINE_ENUM_LABEL (KeelStatus, keel_status, status_labels)
KEEL_DEFINE_ENUM_LABEL (KeelQuadrant, keel_quadrant, quadrant_labels)
KEEL_DEFINE_ENUM_LABEL (KeelDebtStatus, keel_debt_status, debt_status_labels)
KEEL_DEFINE_ENUM_LABEL (KeelEvidenceKind, keel_evidence_kind, evidence_kind_labels)
KEEL_DEFINE_ENUM_LABEL (KeelSignalKind, keel_signal_kind, signal_kind_labels)
KEEL_DEFINE_ENUM_LABEL (KeelAnswer, keel_answer, answer_labels)
KEEL_DEFINE_ENUM_LABEL (KeelSignalState, keel_signal_state, signal_state_labels)

/* ---- Dates ---- */

/* Parses exactly "YYYY-MM-DD" (ASCII digits, no sign, no spaces) into a valid GDate. */
static gboolean
parse_date (const char *date,
            GDate      *out)
{
  static const guint digit_at[] = { 0, 1, 2, 3, 5, 6, 8, 9 };
  guint year, month, day;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (digit_at); i++)
    if (!g_ascii_isdigit (date[digit_at[i]]))
      return FALSE;

  year = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
  month = (date[5] - '0') * 10 + (date[6] - '0');
  day = (date[8] - '0') * 10 + (date[9] - '0');

  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

/**
 * keel_date_is_valid:
 * @date: (nullable): a string
 *
 * Returns: %TRUE if @date is an existing calendar date written "YYYY-MM-DD"
 */
gboolean
keel_date_is_valid (const char *date)
{
  GDate parsed;

  return parse_date (date, &parsed);
}

/**
 * keel_date_diff_days:
 * @a: a valid date
 * @b: a valid date
 *
 * Returns: the number of days from @a to @b (negative when @b is earlier)
 */
gint64
keel_date_diff_days (const char *a,
                     const char *b)
{
  GDate da, db;

  g_return_val_if_fail (parse_date (a, &da), 0);
  g_return_val_if_fail (parse_date (b, &db), 0);

  return (gint64) g_date_get_julian (&db) - (gint64) g_date_get_julian (&da);
}

/**
 * keel_date_add_days:
 * @date: a valid date
 * @days: days to add (may be negative)
 *
 * Returns: (transfer full): the date @days after @date, "YYYY-MM-DD"
 */
char *
keel_date_add_days (const char *date,
                    gint64      days)
{
  GDate parsed;
  gint64 julian;

  g_return_val_if_fail (parse_date (date, &parsed), NULL);

  /* GDate counts days from 0001-01-01 (day 1) and cannot go before it; clamp there
   * and at the last day of year 9999, the last date "YYYY-MM-DD" can write. */
  julian = (gint64) g_date_get_julian (&parsed) + days;
  julian = CLAMP (julian, 1, 3652059);
  g_date_set_julian (&parsed, (guint32) julian);

  return format_date (&parsed);
}

/**
 * keel_date_today:
 *
 * Returns: (transfer full): today's date in local time, "YYYY-MM-DD"
 */
char *
keel_date_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}
