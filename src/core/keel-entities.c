/* keel-entities.c: evidence, board items, debts, signals and settings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-entities"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "keel-entities.h"
#include "keel-project.h"

/* Settings validation reports KEEL_PROJECT_ERROR_INVALID without needing a project, so
 * the domain is defined here, with the entities; keel-project.h declares it. */
G_DEFINE_QUARK (keel-project-error-quark, keel_project_error)

G_DEFINE_FINAL_TYPE (KeelEvidence, keel_evidence, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (KeelItem, keel_item, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (KeelDebt, keel_debt, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (KeelSignal, keel_signal, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint evidence_signals[N_SIGNALS];
static guint item_signals[N_SIGNALS];
static guint debt_signals[N_SIGNALS];
static guint signal_signals[N_SIGNALS];

/* ---- Helpers ---- */

static GPtrArray *
id_array_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static GPtrArray *
id_array_copy (GPtrArray *array)
{
  GPtrArray *copy = g_ptr_array_new_full (array->len, g_free);

  for (guint i = 0; i < array->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (array, i)));

  return copy;
}

static gboolean
id_array_equal (GPtrArray *a,
                GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;

  return TRUE;
}

static void
replace_string (char       **field,
                const char  *value)
{
  if (*field == value)
    return;

  g_free (*field);
  *field = g_strdup (value);
}

static void
replace_array (GPtrArray **field,
               GPtrArray  *value)
{
  GPtrArray *copy = id_array_copy (value);

  g_ptr_array_unref (*field);
  *field = copy;
}

/* Optional numbers compare equal when both are unset, whatever the stale value. */
static gboolean
optional_equal (gboolean a_set,
                double   a,
                gboolean b_set,
                double   b)
{
  if (a_set != b_set)
    return FALSE;
  return !a_set || a == b;
}

static guint
add_changed_signal (GType type)
{
  /**
   * KeelItem::changed:
   *
   * Emitted by the project after an edit, undo or redo changed the object in place.
   */
  return g_signal_new ("changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                       G_TYPE_NONE, 0);
}

/* ---- KeelEvidence ---- */

static void
keel_evidence_finalize (GObject *object)
{
  KeelEvidence *self = (KeelEvidence *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->unit, g_free);

  G_OBJECT_CLASS (keel_evidence_parent_class)->finalize (object);
}

static void
keel_evidence_class_init (KeelEvidenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = keel_evidence_finalize;
  evidence_signals[CHANGED] = add_changed_signal (G_TYPE_FROM_CLASS (klass));
}

static void
keel_evidence_init (KeelEvidence *self)
{
  self->kind = KEEL_EVIDENCE_KIND_USAGE;
  self->summary = g_strdup ("");
  self->source = g_strdup ("");
}

/**
 * keel_evidence_new:
 * @id: (nullable): the new evidence's id
 *
 * Creates evidence of kind usage, dated today, with an empty summary and source.
 *
 * Returns: (transfer full): a new #KeelEvidence
 */
KeelEvidence *
keel_evidence_new (const char *id)
{
  KeelEvidence *self = g_object_new (KEEL_TYPE_EVIDENCE, NULL);

  self->id = g_strdup (id);
  self->date = keel_date_today ();
  return self;
}

/**
 * keel_evidence_copy:
 * @self: a #KeelEvidence
 *
 * Returns: (transfer full): a new object with the same fields (a draft to edit)
 */
KeelEvidence *
keel_evidence_copy (KeelEvidence *self)
{
  KeelEvidence *copy;

  g_return_val_if_fail (KEEL_IS_EVIDENCE (self), NULL);

  copy = g_object_new (KEEL_TYPE_EVIDENCE, NULL);
  keel_evidence_assign (copy, self);
  return copy;
}

/**
 * keel_evidence_equal:
 * @a: a #KeelEvidence
 * @b: a #KeelEvidence
 *
 * Returns: %TRUE if every field of @a and @b is the same
 */
gboolean
keel_evidence_equal (KeelEvidence *a,
                     KeelEvidence *b)
{
  g_return_val_if_fail (KEEL_IS_EVIDENCE (a), FALSE);
  g_return_val_if_fail (KEEL_IS_EVIDENCE (b), FALSE);

  return g_strcmp0 (a->id, b->id) == 0
      && a->kind == b->kind
      && g_strcmp0 (a->summary, b->summary) == 0
      && g_strcmp0 (a->source, b->source) == 0
      && g_strcmp0 (a->date, b->date) == 0
      && optional_equal (a->has_value, a->value, b->has_value, b->value)
      && g_strcmp0 (a->unit, b->unit) == 0;
}

/**
 * keel_evidence_assign:
 * @self: a #KeelEvidence
 * @src: the evidence to copy from
 *
 * Overwrites every field of @self with @src's. For #KeelProject only.
 */
void
keel_evidence_assign (KeelEvidence *self,
                      KeelEvidence *src)
{
  g_return_if_fail (KEEL_IS_EVIDENCE (self));
  g_return_if_fail (KEEL_IS_EVIDENCE (src));

  replace_string (&self->id, src->id);
  self->kind = src->kind;
  replace_string (&self->summary, src->summary);
  replace_string (&self->source, src->source);
  replace_string (&self->date, src->date);
  self->has_value = src->has_value;
  self->value = src->value;
  replace_string (&self->unit, src->unit);
}

/* ---- KeelItem ---- */

static void
keel_item_finalize (GObject *object)
{
  KeelItem *self = (KeelItem *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->target, g_free);
  g_clear_pointer (&self->evidence, g_ptr_array_unref);
  g_clear_pointer (&self->debts, g_ptr_array_unref);
  g_clear_pointer (&self->depends_on, g_ptr_array_unref);

  G_OBJECT_CLASS (keel_item_parent_class)->finalize (object);
}

static void
keel_item_class_init (KeelItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = keel_item_finalize;
  item_signals[CHANGED] = add_changed_signal (G_TYPE_FROM_CLASS (klass));
}

static void
keel_item_init (KeelItem *self)
{
  self->title = g_strdup ("");
  self->description = g_strdup ("");
  self->dimension = KEEL_DIMENSION_PRODUCT;
  self->kind = KEEL_ITEM_KIND_FEATURE;
  self->horizon = KEEL_HORIZON_LATER;
  self->status = KEEL_STATUS_IDEA;
  self->evidence = id_array_new ();
  self->debts = id_array_new ();
  self->depends_on = id_array_new ();
}

/**
 * keel_item_new:
 * @id: (nullable): the new item's id
 *
 * Creates an item: an idea, a product feature for later, with an empty title (which
 * must be set before it is added to a project).
 *
 * Returns: (transfer full): a new #KeelItem
 */
KeelItem *
keel_item_new (const char *id)
{
  KeelItem *self = g_object_new (KEEL_TYPE_ITEM, NULL);

  self->id = g_strdup (id);
  return self;
}

/**
 * keel_item_copy:
 * @self: a #KeelItem
 *
 * Returns: (transfer full): a new object with the same fields (a draft to edit)
 */
KeelItem *
keel_item_copy (KeelItem *self)
{
  KeelItem *copy;

  g_return_val_if_fail (KEEL_IS_ITEM (self), NULL);

  copy = g_object_new (KEEL_TYPE_ITEM, NULL);
  keel_item_assign (copy, self);
  return copy;
}

/**
 * keel_item_equal:
 * @a: a #KeelItem
 * @b: a #KeelItem
 *
 * Returns: %TRUE if every field of @a and @b is the same, links in the same order
 */
gboolean
keel_item_equal (KeelItem *a,
                 KeelItem *b)
{
  g_return_val_if_fail (KEEL_IS_ITEM (a), FALSE);
  g_return_val_if_fail (KEEL_IS_ITEM (b), FALSE);

  return g_strcmp0 (a->id, b->id) == 0
      && g_strcmp0 (a->title, b->title) == 0
      && g_strcmp0 (a->description, b->description) == 0
      && a->dimension == b->dimension
      && a->kind == b->kind
      && a->horizon == b->horizon
      && a->status == b->status
      && a->position == b->position
      && optional_equal (a->has_effort_days, a->effort_days, b->has_effort_days, b->effort_days)
      && g_strcmp0 (a->owner, b->owner) == 0
      && g_strcmp0 (a->target, b->target) == 0
      && id_array_equal (a->evidence, b->evidence)
      && id_array_equal (a->debts, b->debts)
      && id_array_equal (a->depends_on, b->depends_on);
}

/**
 * keel_item_assign:
 * @self: a #KeelItem
 * @src: the item to copy from
 *
 * Overwrites every field of @self with @src's. For #KeelProject only.
 */
void
keel_item_assign (KeelItem *self,
                  KeelItem *src)
{
  g_return_if_fail (KEEL_IS_ITEM (self));
  g_return_if_fail (KEEL_IS_ITEM (src));

  replace_string (&self->id, src->id);
  replace_string (&self->title, src->title);
  replace_string (&self->description, src->description);
  self->dimension = src->dimension;
  self->kind = src->kind;
  self->horizon = src->horizon;
  self->status = src->status;
  self->position = src->position;
  self->has_effort_days = src->has_effort_days;
  self->effort_days = src->effort_days;
  replace_string (&self->owner, src->owner);
  replace_string (&self->target, src->target);
  if (self->evidence != src->evidence)
    replace_array (&self->evidence, src->evidence);
  if (self->debts != src->debts)
    replace_array (&self->debts, src->debts);
  if (self->depends_on != src->depends_on)
    replace_array (&self->depends_on, src->depends_on);
}

/* ---- KeelDebt ---- */

static void
keel_debt_finalize (GObject *object)
{
  KeelDebt *self = (KeelDebt *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->component, g_free);
  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->recorded, g_free);
  g_clear_pointer (&self->evidence, g_ptr_array_unref);

  G_OBJECT_CLASS (keel_debt_parent_class)->finalize (object);
}

static void
keel_debt_class_init (KeelDebtClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = keel_debt_finalize;
  debt_signals[CHANGED] = add_changed_signal (G_TYPE_FROM_CLASS (klass));
}

static void
keel_debt_init (KeelDebt *self)
{
  self->title = g_strdup ("");
  self->component = g_strdup ("");
  self->quadrant = KEEL_QUADRANT_PRUDENT_DELIBERATE;
  self->status = KEEL_DEBT_STATUS_OPEN;
  self->evidence = id_array_new ();
}

/**
 * keel_debt_new:
 * @id: (nullable): the new debt's id
 *
 * Creates an open, prudent and deliberate debt recorded today, with an empty title
 * (which must be set before it is added to a project).
 *
 * Returns: (transfer full): a new #KeelDebt
 */
KeelDebt *
keel_debt_new (const char *id)
{
  KeelDebt *self = g_object_new (KEEL_TYPE_DEBT, NULL);

  self->id = g_strdup (id);
  self->recorded = keel_date_today ();
  return self;
}

/**
 * keel_debt_copy:
 * @self: a #KeelDebt
 *
 * Returns: (transfer full): a new object with the same fields (a draft to edit)
 */
KeelDebt *
keel_debt_copy (KeelDebt *self)
{
  KeelDebt *copy;

  g_return_val_if_fail (KEEL_IS_DEBT (self), NULL);

  copy = g_object_new (KEEL_TYPE_DEBT, NULL);
  keel_debt_assign (copy, self);
  return copy;
}

/**
 * keel_debt_equal:
 * @a: a #KeelDebt
 * @b: a #KeelDebt
 *
 * Returns: %TRUE if every field of @a and @b is the same
 */
gboolean
keel_debt_equal (KeelDebt *a,
                 KeelDebt *b)
{
  g_return_val_if_fail (KEEL_IS_DEBT (a), FALSE);
  g_return_val_if_fail (KEEL_IS_DEBT (b), FALSE);

  return g_strcmp0 (a->id, b->id) == 0
      && g_strcmp0 (a->title, b->title) == 0
      && g_strcmp0 (a->component, b->component) == 0
      && a->quadrant == b->quadrant
      && a->principal_days == b->principal_days
      && a->interest_hours_per_week == b->interest_hours_per_week
      && !a->bottleneck == !b->bottleneck
      && !a->hard_ceiling == !b->hard_ceiling
      && a->status == b->status
      && g_strcmp0 (a->owner, b->owner) == 0
      && g_strcmp0 (a->recorded, b->recorded) == 0
      && id_array_equal (a->evidence, b->evidence);
}

/**
 * keel_debt_assign:
 * @self: a #KeelDebt
 * @src: the debt to copy from
 *
 * Overwrites every field of @self with @src's. For #KeelProject only.
 */
void
keel_debt_assign (KeelDebt *self,
                  KeelDebt *src)
{
  g_return_if_fail (KEEL_IS_DEBT (self));
  g_return_if_fail (KEEL_IS_DEBT (src));

  replace_string (&self->id, src->id);
  replace_string (&self->title, src->title);
  replace_string (&self->component, src->component);
  self->quadrant = src->quadrant;
  self->principal_days = src->principal_days;
  self->interest_hours_per_week = src->interest_hours_per_week;
  self->bottleneck = !!src->bottleneck;
  self->hard_ceiling = !!src->hard_ceiling;
  self->status = src->status;
  replace_string (&self->owner, src->owner);
  replace_string (&self->recorded, src->recorded);
  if (self->evidence != src->evidence)
    replace_array (&self->evidence, src->evidence);
}

/* ---- KeelSignal ---- */

static void
keel_signal_finalize (GObject *object)
{
  KeelSignal *self = (KeelSignal *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->source, g_free);

  G_OBJECT_CLASS (keel_signal_parent_class)->finalize (object);
}

static void
keel_signal_class_init (KeelSignalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = keel_signal_finalize;
  signal_signals[CHANGED] = add_changed_signal (G_TYPE_FROM_CLASS (klass));
}

static void
keel_signal_init (KeelSignal *self)
{
  self->comparison = KEEL_COMPARISON_GE;
}

/**
 * keel_signal_new:
 * @id: (nullable): the new signal's id
 * @kind: its kind
 *
 * Creates a signal; data signals start required, custom ones not.
 *
 * Returns: (transfer full): a new #KeelSignal
 */
KeelSignal *
keel_signal_new (const char     *id,
                 KeelSignalKind  kind)
{
  KeelSignal *self;

  g_return_val_if_fail ((guint) kind < KEEL_N_SIGNAL_KINDS, NULL);

  self = g_object_new (KEEL_TYPE_SIGNAL, NULL);
  self->id = g_strdup (id);
  self->kind = kind;
  self->required = kind != KEEL_SIGNAL_KIND_CUSTOM;
  return self;
}

/**
 * keel_signal_copy:
 * @self: a #KeelSignal
 *
 * Returns: (transfer full): a new object with the same fields (a draft to edit)
 */
KeelSignal *
keel_signal_copy (KeelSignal *self)
{
  KeelSignal *copy;

  g_return_val_if_fail (KEEL_IS_SIGNAL (self), NULL);

  copy = g_object_new (KEEL_TYPE_SIGNAL, NULL);
  keel_signal_assign (copy, self);
  return copy;
}

/**
 * keel_signal_equal:
 * @a: a #KeelSignal
 * @b: a #KeelSignal
 *
 * Returns: %TRUE if every field of @a and @b is the same
 */
gboolean
keel_signal_equal (KeelSignal *a,
                   KeelSignal *b)
{
  g_return_val_if_fail (KEEL_IS_SIGNAL (a), FALSE);
  g_return_val_if_fail (KEEL_IS_SIGNAL (b), FALSE);

  return g_strcmp0 (a->id, b->id) == 0
      && a->kind == b->kind
      && g_strcmp0 (a->name, b->name) == 0
      && !a->required == !b->required
      && a->position == b->position
      && optional_equal (a->has_value, a->value, b->has_value, b->value)
      && optional_equal (a->has_target, a->target, b->has_target, b->target)
      && a->comparison == b->comparison
      && g_strcmp0 (a->date, b->date) == 0
      && g_strcmp0 (a->source, b->source) == 0;
}

/**
 * keel_signal_assign:
 * @self: a #KeelSignal
 * @src: the signal to copy from
 *
 * Overwrites every field of @self with @src's. For #KeelProject only.
 */
void
keel_signal_assign (KeelSignal *self,
                    KeelSignal *src)
{
  g_return_if_fail (KEEL_IS_SIGNAL (self));
  g_return_if_fail (KEEL_IS_SIGNAL (src));

  replace_string (&self->id, src->id);
  self->kind = src->kind;
  replace_string (&self->name, src->name);
  self->required = !!src->required;
  self->position = src->position;
  self->has_value = src->has_value;
  self->value = src->value;
  self->has_target = src->has_target;
  self->target = src->target;
  self->comparison = src->comparison;
  replace_string (&self->date, src->date);
  replace_string (&self->source, src->source);
}

/**
 * keel_signal_get_display_name:
 * @self: a #KeelSignal
 *
 * Returns: the user's name for the signal, or its kind's label
 */
const char *
keel_signal_get_display_name (KeelSignal *self)
{
  g_return_val_if_fail (KEEL_IS_SIGNAL (self), NULL);

  if (self->name != NULL && self->name[0] != '\0')
    return self->name;

  return keel_signal_kind_to_label (self->kind);
}

/* ---- KeelSettings ---- */

typedef enum {
  SETTING_FRACTION,   /* a share or a slope in [0, 1] */
  SETTING_COUNT,      /* an integer >= 1 */
  SETTING_DAYS,       /* an integer >= 0 */
} SettingKind;

typedef struct {
  const char  *key;
  SettingKind  kind;
  gsize        offset;
} SettingInfo;

/* In the documented JSON order (PRODUCT.md, "Interchange"). */
static const SettingInfo setting_infos[] = {
  { "pmf_threshold", SETTING_FRACTION, G_STRUCT_OFFSET (KeelSettings, pmf_threshold) },
  { "min_survey_responses", SETTING_COUNT, G_STRUCT_OFFSET (KeelSettings, min_survey_responses) },
  { "evidence_max_age_days", SETTING_DAYS, G_STRUCT_OFFSET (KeelSettings, evidence_max_age_days) },
  { "plateau_max_slope", SETTING_FRACTION, G_STRUCT_OFFSET (KeelSettings, plateau_max_slope) },
  { "plateau_periods", SETTING_COUNT, G_STRUCT_OFFSET (KeelSettings, plateau_periods) },
  { "retention_min_cohorts", SETTING_COUNT, G_STRUCT_OFFSET (KeelSettings, retention_min_cohorts) },
  { "retention_min_periods", SETTING_COUNT, G_STRUCT_OFFSET (KeelSettings, retention_min_periods) },
  { "organic_share_threshold", SETTING_FRACTION, G_STRUCT_OFFSET (KeelSettings, organic_share_threshold) },
  { "organic_trend_periods", SETTING_COUNT, G_STRUCT_OFFSET (KeelSettings, organic_trend_periods) },
  { "wip_limit", SETTING_COUNT, G_STRUCT_OFFSET (KeelSettings, wip_limit) },
};

static const char * const setting_keys[] = {
  "pmf_threshold", "min_survey_responses", "evidence_max_age_days", "plateau_max_slope",
  "plateau_periods", "retention_min_cohorts", "retention_min_periods",
  "organic_share_threshold", "organic_trend_periods", "wip_limit", NULL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (setting_keys) == G_N_ELEMENTS (setting_infos) + 1);

/* Counts larger than this make no sense for any setting and could overflow the
 * arithmetic of the signals. */
#define SETTING_MAX_COUNT 1000000

static const SettingInfo *
find_setting (const char *key)
{
  if (key == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (setting_infos); i++)
    if (strcmp (setting_infos[i].key, key) == 0)
      return &setting_infos[i];

  return NULL;
}

/**
 * keel_settings_init_defaults:
 * @settings: settings to fill
 *
 * Sets every setting to its default (PRODUCT.md).
 */
void
keel_settings_init_defaults (KeelSettings *settings)
{
  g_return_if_fail (settings != NULL);

  settings->pmf_threshold = 0.4;
  settings->min_survey_responses = 40;
  settings->evidence_max_age_days = 90;
  settings->plateau_max_slope = 0.01;
  settings->plateau_periods = 3;
  settings->retention_min_cohorts = 3;
  settings->retention_min_periods = 6;
  settings->organic_share_threshold = 0.5;
  settings->organic_trend_periods = 3;
  settings->wip_limit = 8;
}

/**
 * keel_settings_equal:
 * @a: settings
 * @b: settings
 *
 * Returns: %TRUE if every setting of @a equals @b's
 */
gboolean
keel_settings_equal (const KeelSettings *a,
                     const KeelSettings *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->pmf_threshold == b->pmf_threshold
      && a->min_survey_responses == b->min_survey_responses
      && a->evidence_max_age_days == b->evidence_max_age_days
      && a->plateau_max_slope == b->plateau_max_slope
      && a->plateau_periods == b->plateau_periods
      && a->retention_min_cohorts == b->retention_min_cohorts
      && a->retention_min_periods == b->retention_min_periods
      && a->organic_share_threshold == b->organic_share_threshold
      && a->organic_trend_periods == b->organic_trend_periods
      && a->wip_limit == b->wip_limit;
}

/**
 * keel_settings_validate:
 * @settings: settings
 * @error: return location for a #GError
 *
 * Checks that shares and slopes are in [0, 1], counts at least 1 and the evidence age
 * not negative.
 *
 * Returns: %TRUE if every setting is in range
 */
gboolean
keel_settings_validate (const KeelSettings  *settings,
                        GError             **error)
{
  g_return_val_if_fail (settings != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (setting_infos); i++)
    {
      const SettingInfo *info = &setting_infos[i];
      const guint8 *base = (const guint8 *) settings;

      switch (info->kind)
        {
        case SETTING_FRACTION:
          {
            double value = *(const double *) (base + info->offset);

            if (!isfinite (value) || value < 0.0 || value > 1.0)
              {
                g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                             _("The setting “%s” must be a fraction between 0 and 1."),
                             info->key);
                return FALSE;
              }
          }
          break;

        case SETTING_COUNT:
        case SETTING_DAYS:
          {
            gint64 value = *(const gint64 *) (base + info->offset);
            gint64 min = info->kind == SETTING_COUNT ? 1 : 0;

            if (value < min || value > SETTING_MAX_COUNT)
              {
                g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                             _("The setting “%s” must be a whole number from %d to %d."),
                             info->key, (int) min, SETTING_MAX_COUNT);
                return FALSE;
              }
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return TRUE;
}

/**
 * keel_settings_get_keys:
 * @n_keys: (out) (optional): the number of keys
 *
 * Returns: (array zero-terminated=1) (transfer none): the settings' keys, in their
 *   documented order
 */
const char * const *
keel_settings_get_keys (guint *n_keys)
{
  if (n_keys != NULL)
    *n_keys = G_N_ELEMENTS (setting_infos);
  return setting_keys;
}

/**
 * keel_settings_key_is_integer:
 * @key: a settings key
 *
 * Returns: %TRUE if @key is a known setting that holds a whole number
 */
gboolean
keel_settings_key_is_integer (const char *key)
{
  const SettingInfo *info = find_setting (key);

  return info != NULL && info->kind != SETTING_FRACTION;
}

/**
 * keel_settings_get_value:
 * @settings: settings
 * @key: a settings key
 * @out_value: (out): the value
 *
 * Returns: %TRUE if @key is a known setting
 */
gboolean
keel_settings_get_value (const KeelSettings *settings,
                         const char         *key,
                         double             *out_value)
{
  const SettingInfo *info = find_setting (key);
  const guint8 *base = (const guint8 *) settings;

  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);

  if (info == NULL)
    return FALSE;

  if (info->kind == SETTING_FRACTION)
    *out_value = *(const double *) (base + info->offset);
  else
    *out_value = (double) *(const gint64 *) (base + info->offset);

  return TRUE;
}

/**
 * keel_settings_set_value:
 * @settings: settings
 * @key: a settings key
 * @value: its new value
 *
 * Sets one setting without checking its range (see keel_settings_validate()).
 *
 * Returns: %TRUE if @key is known and, for a whole-number setting, @value is whole
 */
gboolean
keel_settings_set_value (KeelSettings *settings,
                         const char   *key,
                         double        value)
{
  const SettingInfo *info = find_setting (key);
  guint8 *base = (guint8 *) settings;

  g_return_val_if_fail (settings != NULL, FALSE);

  if (info == NULL)
    return FALSE;

  if (info->kind == SETTING_FRACTION)
    {
      *(double *) (base + info->offset) = value;
      return TRUE;
    }

  /* A whole number within what a double holds exactly (JSON's 2^53). */
  if (!isfinite (value) || value != floor (value) || fabs (value) > 9007199254740992.0)
    return FALSE;

  *(gint64 *) (base + info->offset) = (gint64) value;
  return TRUE;
}
