/* keel-types.h: the enumerations of Keel's domain and their stable public names.
 *
 * Every enumerated value has a JSON name (PRODUCT.md); the *_to_string() functions
 * return it and the *_from_string() functions parse it (exact, case-sensitive),
 * returning FALSE for an unknown name.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  KEEL_DIMENSION_TECHNOLOGY,
  KEEL_DIMENSION_PRODUCT,
  KEEL_DIMENSION_TEAM,
  KEEL_DIMENSION_INFRASTRUCTURE,
  KEEL_N_DIMENSIONS
} KeelDimension;

typedef enum {
  KEEL_ITEM_KIND_FEATURE,
  KEEL_ITEM_KIND_GROWTH,
  KEEL_ITEM_KIND_HIRING,
  KEEL_ITEM_KIND_PROCESS,
  KEEL_ITEM_KIND_HARDENING,
  KEEL_ITEM_KIND_REARCHITECTURE,
  KEEL_ITEM_KIND_REWRITE,
  KEEL_ITEM_KIND_AUTOMATION,
  KEEL_ITEM_KIND_OTHER,
  KEEL_N_ITEM_KINDS
} KeelItemKind;

typedef enum {
  KEEL_HORIZON_NOW,
  KEEL_HORIZON_NEXT,
  KEEL_HORIZON_LATER,
  KEEL_N_HORIZONS
} KeelHorizon;

typedef enum {
  KEEL_STATUS_IDEA,
  KEEL_STATUS_PLANNED,
  KEEL_STATUS_IN_PROGRESS,
  KEEL_STATUS_DONE,
  KEEL_STATUS_DROPPED,
  KEEL_N_STATUSES
} KeelStatus;

typedef enum {
  KEEL_QUADRANT_PRUDENT_DELIBERATE,
  KEEL_QUADRANT_RECKLESS_DELIBERATE,
  KEEL_QUADRANT_PRUDENT_INADVERTENT,
  KEEL_QUADRANT_RECKLESS_INADVERTENT,
  KEEL_N_QUADRANTS
} KeelQuadrant;

typedef enum {
  KEEL_DEBT_STATUS_OPEN,
  KEEL_DEBT_STATUS_SCHEDULED,
  KEEL_DEBT_STATUS_PAID,
  KEEL_DEBT_STATUS_ACCEPTED,
  KEEL_N_DEBT_STATUSES
} KeelDebtStatus;

typedef enum {
  KEEL_EVIDENCE_KIND_USAGE,
  KEEL_EVIDENCE_KIND_REQUEST,
  KEEL_EVIDENCE_KIND_INTERVIEW,
  KEEL_EVIDENCE_KIND_METRIC,
  KEEL_EVIDENCE_KIND_INCIDENT,
  KEEL_EVIDENCE_KIND_EXPERIMENT,
  KEEL_EVIDENCE_KIND_OTHER,
  KEEL_N_EVIDENCE_KINDS
} KeelEvidenceKind;

typedef enum {
  KEEL_SIGNAL_KIND_RETENTION_PLATEAU,
  KEEL_SIGNAL_KIND_ORGANIC_GROWTH,
  KEEL_SIGNAL_KIND_SEAN_ELLIS,
  KEEL_SIGNAL_KIND_CUSTOM,
  KEEL_N_SIGNAL_KINDS
} KeelSignalKind;

/* Comparison of a custom signal's value with its target. */
typedef enum {
  KEEL_COMPARISON_GE,   /* ">=" */
  KEEL_COMPARISON_GT,   /* ">"  */
  KEEL_COMPARISON_LE,   /* "<=" */
  KEEL_COMPARISON_LT,   /* "<"  */
  KEEL_COMPARISON_EQ,   /* "==" */
  KEEL_N_COMPARISONS
} KeelComparison;

typedef enum {
  KEEL_ANSWER_VERY_DISAPPOINTED,
  KEEL_ANSWER_SOMEWHAT_DISAPPOINTED,
  KEEL_ANSWER_NOT_DISAPPOINTED,
  KEEL_ANSWER_NO_LONGER_USE,
  KEEL_N_ANSWERS
} KeelAnswer;

typedef enum {
  KEEL_RETENTION_PERIOD_WEEK,   /* 7 days */
  KEEL_RETENTION_PERIOD_MONTH,  /* 30 days */
  KEEL_N_RETENTION_PERIODS
} KeelRetentionPeriod;

typedef enum {
  KEEL_CHANNEL_CLASS_ORGANIC,
  KEEL_CHANNEL_CLASS_PAID,
  KEEL_N_CHANNEL_CLASSES
} KeelChannelClass;

typedef enum {
  KEEL_DATASET_RETENTION,
  KEEL_DATASET_SURVEY,
  KEEL_DATASET_ACQUISITION,
  KEEL_N_DATASETS
} KeelDataset;

typedef enum {
  KEEL_SIGNAL_STATE_NO_DATA,
  KEEL_SIGNAL_STATE_NOT_MET,
  KEEL_SIGNAL_STATE_STALE,
  KEEL_SIGNAL_STATE_MET,
} KeelSignalState;

typedef enum {
  KEEL_SEVERITY_ERROR,
  KEEL_SEVERITY_WARNING,
  KEEL_SEVERITY_INFO,
} KeelSeverity;

#define KEEL_DECLARE_ENUM_STRINGS(Type, prefix) \
  const char *prefix##_to_string   (Type value); \
  gboolean    prefix##_from_string (const char *str, Type *out_value);

KEEL_DECLARE_ENUM_STRINGS (KeelDimension, keel_dimension)
KEEL_DECLARE_ENUM_STRINGS (KeelItemKind, keel_item_kind)
KEEL_DECLARE_ENUM_STRINGS (KeelHorizon, keel_horizon)
KEEL_DECLARE_ENUM_STRINGS (KeelStatus, keel_status)
KEEL_DECLARE_ENUM_STRINGS (KeelQuadrant, keel_quadrant)
KEEL_DECLARE_ENUM_STRINGS (KeelDebtStatus, keel_debt_status)
KEEL_DECLARE_ENUM_STRINGS (KeelEvidenceKind, keel_evidence_kind)
KEEL_DECLARE_ENUM_STRINGS (KeelSignalKind, keel_signal_kind)
KEEL_DECLARE_ENUM_STRINGS (KeelComparison, keel_comparison)
KEEL_DECLARE_ENUM_STRINGS (KeelAnswer, keel_answer)
KEEL_DECLARE_ENUM_STRINGS (KeelRetentionPeriod, keel_retention_period)
KEEL_DECLARE_ENUM_STRINGS (KeelChannelClass, keel_channel_class)

/* How the app, the report and the signals write a comparison: "≥", ">", "≤", "<", "=". */
const char *keel_comparison_symbol (KeelComparison comparison);
KEEL_DECLARE_ENUM_STRINGS (KeelDataset, keel_dataset)
KEEL_DECLARE_ENUM_STRINGS (KeelSignalState, keel_signal_state)
KEEL_DECLARE_ENUM_STRINGS (KeelSeverity, keel_severity)

/* Translated, human labels ("In progress", "Very disappointed") for the UI and reports. */
const char *keel_dimension_to_label   (KeelDimension value);
const char *keel_item_kind_to_label   (KeelItemKind value);
const char *keel_horizon_to_label     (KeelHorizon value);
const char *keel_status_to_label      (KeelStatus value);
const char *keel_quadrant_to_label    (KeelQuadrant value);
const char *keel_debt_status_to_label (KeelDebtStatus value);
const char *keel_evidence_kind_to_label (KeelEvidenceKind value);
const char *keel_signal_kind_to_label (KeelSignalKind value);
const char *keel_answer_to_label      (KeelAnswer value);
const char *keel_signal_state_to_label (KeelSignalState value);

/* Dates are ISO 8601 calendar dates ("YYYY-MM-DD") throughout the core; this checks
 * the form and that the date exists. */
gboolean keel_date_is_valid (const char *date);

/* Days from @a to @b (b - a); both must be valid dates. */
gint64   keel_date_diff_days (const char *a, const char *b);

/* Adds @days to @date; returns a newly allocated "YYYY-MM-DD". */
char    *keel_date_add_days  (const char *date, gint64 days);

/* Today in local time, "YYYY-MM-DD". */
char    *keel_date_today     (void);

G_END_DECLS
