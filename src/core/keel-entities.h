/* keel-entities.h: the parts of a project — evidence, board items, debts, signals,
 * settings.
 *
 * The instance structs are public so that the checks and signals (which walk tens of
 * thousands of them on every edit) read fields directly. They are owned by a
 * KeelProject and must only be changed through its editing API (keel-project.h), which
 * records the edit for undo, commits it to the working copy, and emits "changed" on
 * the object. To edit, take a copy with keel_*_copy(), change the copy, and hand it to
 * keel_project_update_*().
 *
 * Optional strings are NULL when unset (never ""), except description/summary/source
 * which are "" when empty. Dates are "YYYY-MM-DD". Link arrays hold ids (char *), in
 * the user's order, never NULL (possibly empty).
 *
 * Each class has a "changed" signal (no arguments), emitted by the project after an
 * edit, undo or redo changed the object in place. The keel_*_assign() functions are
 * for KeelProject only: they overwrite every field of @self with a copy of @src's
 * (ids included) without emitting anything.
 */
#pragma once

#include <glib-object.h>
#include "keel-types.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------------ */

#define KEEL_TYPE_EVIDENCE (keel_evidence_get_type ())
G_DECLARE_FINAL_TYPE (KeelEvidence, keel_evidence, KEEL, EVIDENCE, GObject)

struct _KeelEvidence
{
  GObject           parent_instance;
  char             *id;
  KeelEvidenceKind  kind;
  char             *summary;   /* "" when empty */
  char             *source;    /* "" when empty */
  char             *date;      /* YYYY-MM-DD, required */
  gboolean          has_value;
  double            value;
  char             *unit;      /* NULL when unset */
};

KeelEvidence *keel_evidence_new  (const char *id);
KeelEvidence *keel_evidence_copy (KeelEvidence *self);
gboolean      keel_evidence_equal (KeelEvidence *a, KeelEvidence *b);
void          keel_evidence_assign (KeelEvidence *self, KeelEvidence *src);

/* ------------------------------------------------------------------------ */

#define KEEL_TYPE_ITEM (keel_item_get_type ())
G_DECLARE_FINAL_TYPE (KeelItem, keel_item, KEEL, ITEM, GObject)

struct _KeelItem
{
  GObject        parent_instance;
  char          *id;
  char          *title;
  char          *description;  /* "" when empty */
  KeelDimension  dimension;
  KeelItemKind   kind;
  KeelHorizon    horizon;
  KeelStatus     status;
  gint64         position;     /* order within its (dimension, horizon); ties by id */
  gboolean       has_effort_days;
  double         effort_days;
  char          *owner;        /* NULL when unset */
  char          *target;       /* YYYY-MM-DD or NULL */
  GPtrArray     *evidence;     /* evidence ids (char *) */
  GPtrArray     *debts;        /* debt ids this item pays down */
  GPtrArray     *depends_on;   /* item ids */
};

KeelItem *keel_item_new   (const char *id);
KeelItem *keel_item_copy  (KeelItem *self);
gboolean  keel_item_equal (KeelItem *a, KeelItem *b);
void      keel_item_assign (KeelItem *self, KeelItem *src);

/* ------------------------------------------------------------------------ */

#define KEEL_TYPE_DEBT (keel_debt_get_type ())
G_DECLARE_FINAL_TYPE (KeelDebt, keel_debt, KEEL, DEBT, GObject)

struct _KeelDebt
{
  GObject         parent_instance;
  char           *id;
  char           *title;
  char           *component;      /* "" when empty */
  KeelQuadrant    quadrant;
  double          principal_days;
  double          interest_hours_per_week;
  gboolean        bottleneck;
  gboolean        hard_ceiling;
  KeelDebtStatus  status;
  char           *owner;          /* NULL when unset */
  char           *recorded;       /* YYYY-MM-DD, required */
  GPtrArray      *evidence;       /* evidence ids */
};

KeelDebt *keel_debt_new   (const char *id);
KeelDebt *keel_debt_copy  (KeelDebt *self);
gboolean  keel_debt_equal (KeelDebt *a, KeelDebt *b);
void      keel_debt_assign (KeelDebt *self, KeelDebt *src);

/* ------------------------------------------------------------------------ */

/* A fit signal as the user configured it. The three data signals carry only id, kind,
 * name (NULL: the kind's label is shown) and required; a custom signal also has its
 * hand-entered value, target, comparison, date and source. */
#define KEEL_TYPE_SIGNAL (keel_signal_get_type ())
G_DECLARE_FINAL_TYPE (KeelSignal, keel_signal, KEEL, SIGNAL, GObject)

struct _KeelSignal
{
  GObject         parent_instance;
  char           *id;
  KeelSignalKind  kind;
  char           *name;        /* NULL for data signals unless the user named it */
  gboolean        required;
  gint64          position;    /* order in the checklist */
  /* custom signals only */
  gboolean        has_value;
  double          value;
  gboolean        has_target;
  double          target;
  KeelComparison  comparison;
  char           *date;        /* YYYY-MM-DD or NULL */
  char           *source;      /* NULL when unset */
};

KeelSignal *keel_signal_new   (const char *id, KeelSignalKind kind);
KeelSignal *keel_signal_copy  (KeelSignal *self);
gboolean    keel_signal_equal (KeelSignal *a, KeelSignal *b);
void        keel_signal_assign (KeelSignal *self, KeelSignal *src);
/* The name to show: the user's name or the kind's label. */
const char *keel_signal_get_display_name (KeelSignal *self);

/* ------------------------------------------------------------------------ */

/* Project settings: the thresholds of the signals and rules (PRODUCT.md defaults). */
typedef struct
{
  double pmf_threshold;            /* 0.4 */
  gint64 min_survey_responses;     /* 40 */
  gint64 evidence_max_age_days;    /* 90 */
  double plateau_max_slope;        /* 0.01 */
  gint64 plateau_periods;          /* 3 */
  gint64 retention_min_cohorts;    /* 3 */
  gint64 retention_min_periods;    /* 6 */
  double organic_share_threshold;  /* 0.5 */
  gint64 organic_trend_periods;    /* 3 */
  gint64 wip_limit;                /* 8 */
} KeelSettings;

void     keel_settings_init_defaults (KeelSettings *settings);
gboolean keel_settings_equal         (const KeelSettings *a, const KeelSettings *b);
/* Checks ranges (fractions in [0,1], counts >= 1, ...); the error names the key.
 * The error is KEEL_PROJECT_ERROR_INVALID (the domain is defined with the entities so
 * that validation needs no project). */
gboolean keel_settings_validate      (const KeelSettings *settings, GError **error);

/* The settings' keys (their JSON names, in the documented order) and access by key,
 * for the JSON and the settings table: each value as a double. */
const char * const *keel_settings_get_keys (guint *n_keys);
gboolean keel_settings_get_value (const KeelSettings *settings, const char *key,
                                  double *out_value);
/* Sets @key; FALSE for an unknown key or, for a count, a value that is not an integer. */
gboolean keel_settings_set_value (KeelSettings *settings, const char *key, double value);
/* TRUE for keys that hold integers (counts and days). */
gboolean keel_settings_key_is_integer (const char *key);

G_END_DECLS
