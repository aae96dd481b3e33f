/* keel-project.c: a Keel project in memory, bound to its working copy.
 *
 * Loading reads every entity into GObjects held in id-ordered GListStores (and hash
 * tables for lookup). Editing validates the request, turns it into reversible ops and
 * hands them to keel-history.c, which commits and announces them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-project"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "keel-project-private.h"

G_DEFINE_FINAL_TYPE (KeelProject, keel_project, G_TYPE_OBJECT)

GParamSpec *keel_project_properties[KEEL_PROJECT_N_PROPS];
guint keel_project_signals[KEEL_PROJECT_N_SIGNALS];

/* The default classes of acquisition channels (PRODUCT.md), casefolded. */
static const struct {
  const char       *channel;
  KeelChannelClass  klass;
} default_channel_classes[] = {
  { "organic", KEEL_CHANNEL_CLASS_ORGANIC },
  { "referral", KEEL_CHANNEL_CLASS_ORGANIC },
  { "word of mouth", KEEL_CHANNEL_CLASS_ORGANIC },
  { "direct", KEEL_CHANNEL_CLASS_ORGANIC },
  { "seo", KEEL_CHANNEL_CLASS_ORGANIC },
  { "paid", KEEL_CHANNEL_CLASS_PAID },
  { "ads", KEEL_CHANNEL_CLASS_PAID },
  { "sales", KEEL_CHANNEL_CLASS_PAID },
  { "outbound", KEEL_CHANNEL_CLASS_PAID },
};

/* The ids and kinds of the three data signals a new project starts with. */
static const struct {
  const char     *id;
  KeelSignalKind  kind;
} default_signals[] = {
  { "sig-ret", KEEL_SIGNAL_KIND_RETENTION_PLATEAU },
  { "sig-org", KEEL_SIGNAL_KIND_ORGANIC_GROWTH },
  { "sig-se", KEEL_SIGNAL_KIND_SEAN_ELLIS },
};

/* Ids of entities added by the same request, not yet in the project: links may point
 * at them (a bulk add) and ids must not repeat among them. */
typedef struct {
  KeelProject *project;
  GHashTable  *batch[KEEL_N_KINDS];   /* id -> object, borrowed; NULL when no batch */
} Scope;

/* What a validation message is about; its label is only worked out for a message. */
typedef struct {
  KeelKind  kind;
  GObject  *object;
} Subject;

/* ---- Entity kinds ---- */

const char *
keel_kind_get_id (KeelKind  kind,
                  GObject  *object)
{
  switch (kind)
    {
    case KEEL_KIND_EVIDENCE:
      return KEEL_EVIDENCE (object)->id;
    case KEEL_KIND_ITEM:
      return KEEL_ITEM (object)->id;
    case KEEL_KIND_DEBT:
      return KEEL_DEBT (object)->id;
    case KEEL_KIND_SIGNAL:
      return KEEL_SIGNAL (object)->id;
    case KEEL_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/* The lists' order: ids in byte order, except signals by position then id. */
int
keel_kind_compare (KeelKind  kind,
                   GObject  *a,
                   GObject  *b)
{
  if (kind == KEEL_KIND_SIGNAL)
    {
      KeelSignal *sa = KEEL_SIGNAL (a), *sb = KEEL_SIGNAL (b);

      if (sa->position != sb->position)
        return sa->position < sb->position ? -1 : 1;
    }

  return strcmp (keel_kind_get_id (kind, a), keel_kind_get_id (kind, b));
}

GObject *
keel_kind_copy (KeelKind  kind,
                GObject  *object)
{
  switch (kind)
    {
    case KEEL_KIND_EVIDENCE:
      return G_OBJECT (keel_evidence_copy (KEEL_EVIDENCE (object)));
    case KEEL_KIND_ITEM:
      return G_OBJECT (keel_item_copy (KEEL_ITEM (object)));
    case KEEL_KIND_DEBT:
      return G_OBJECT (keel_debt_copy (KEEL_DEBT (object)));
    case KEEL_KIND_SIGNAL:
      return G_OBJECT (keel_signal_copy (KEEL_SIGNAL (object)));
    case KEEL_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

void
keel_kind_assign (KeelKind  kind,
                  GObject  *self,
                  GObject  *src)
{
  switch (kind)
    {
    case KEEL_KIND_EVIDENCE:
      keel_evidence_assign (KEEL_EVIDENCE (self), KEEL_EVIDENCE (src));
      break;
    case KEEL_KIND_ITEM:
      keel_item_assign (KEEL_ITEM (self), KEEL_ITEM (src));
      break;
    case KEEL_KIND_DEBT:
      keel_debt_assign (KEEL_DEBT (self), KEEL_DEBT (src));
      break;
    case KEEL_KIND_SIGNAL:
      keel_signal_assign (KEEL_SIGNAL (self), KEEL_SIGNAL (src));
      break;
    case KEEL_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

guint
keel_kind_changed_flag (KeelKind kind)
{
  static const KeelChangeFlags flags[] = {
    KEEL_CHANGE_EVIDENCE, KEEL_CHANGE_ITEMS, KEEL_CHANGE_DEBTS, KEEL_CHANGE_SIGNALS,
  };

  g_assert ((guint) kind < G_N_ELEMENTS (flags));
  return flags[kind];
}

static KeelKind
kind_of_object (GObject *object)
{
  if (KEEL_IS_EVIDENCE (object))
    return KEEL_KIND_EVIDENCE;
  if (KEEL_IS_ITEM (object))
    return KEEL_KIND_ITEM;
  if (KEEL_IS_DEBT (object))
    return KEEL_KIND_DEBT;
  if (KEEL_IS_SIGNAL (object))
    return KEEL_KIND_SIGNAL;
  return KEEL_N_KINDS;
}

/* What to call an entity in a message: its title (summary, name), else its id. */
static const char *
entity_label (KeelKind  kind,
              GObject  *object)
{
  const char *label = NULL;

  switch (kind)
    {
    case KEEL_KIND_EVIDENCE:
      label = KEEL_EVIDENCE (object)->summary;
      break;
    case KEEL_KIND_ITEM:
      label = KEEL_ITEM (object)->title;
      break;
    case KEEL_KIND_DEBT:
      label = KEEL_DEBT (object)->title;
      break;
    case KEEL_KIND_SIGNAL:
      label = KEEL_SIGNAL (object)->name;
      if ((label == NULL || label[0] == '\0')
          && (guint) KEEL_SIGNAL (object)->kind < KEEL_N_SIGNAL_KINDS)
        label = keel_signal_kind_to_label (KEEL_SIGNAL (object)->kind);
      break;
    case KEEL_N_KINDS:
    default:
      g_assert_not_reached ();
    }

  if (label == NULL || label[0] == '\0' || !g_utf8_validate (label, -1, NULL))
    label = keel_kind_get_id (kind, object);
  if (label == NULL || !g_utf8_validate (label, -1, NULL))
    label = "";

  return label;
}

/* ---- Helpers ---- */

static const char *
subject_label (const Subject *subject)
{
  return entity_label (subject->kind, subject->object);
}

static gboolean
scope_has (Scope       *scope,
           KeelKind     kind,
           const char  *id)
{
  if (g_hash_table_contains (scope->project->by_id[kind], id))
    return TRUE;
  return scope->batch[kind] != NULL && g_hash_table_contains (scope->batch[kind], id);
}

static gboolean
id_in_use (KeelProject *self,
           const char  *id)
{
  for (guint k = 0; k < KEEL_N_KINDS; k++)
    if (g_hash_table_contains (self->by_id[k], id))
      return TRUE;
  return FALSE;
}

static gboolean
is_blank (const char *str)
{
  if (str == NULL)
    return TRUE;

  for (; *str != '\0'; str = g_utf8_next_char (str))
    if (!g_unichar_isspace (g_utf8_get_char (str)))
      return FALSE;

  return TRUE;
}

static void
empty_to_null (char **field)
{
  if (*field != NULL && (*field)[0] == '\0')
    g_clear_pointer (field, g_free);
}

static void
null_to_empty (char **field)
{
  if (*field == NULL)
    *field = g_strdup ("");
}

static void
ensure_array (GPtrArray **array)
{
  if (*array == NULL)
    *array = g_ptr_array_new_with_free_func (g_free);
}

static gboolean
check_text (const Subject *subject,
            const char  *field,
            const char  *value,
            GError     **error)
{
  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                   _("“%s”: the %s is not valid UTF-8 text."), subject_label (subject), _(field));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_date (const Subject *subject,
            const char  *field,
            const char  *value,
            gboolean     required,
            GError     **error)
{
  if (value == NULL && !required)
    return TRUE;

  if (!keel_date_is_valid (value))
    {
      if (value == NULL || !g_utf8_validate (value, -1, NULL))
        g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                     _("“%s”: the %s is missing (a date YYYY-MM-DD is needed)."), subject_label (subject), _(field));
      else
        g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                     _("“%s”: the %s “%s” is not a valid date (YYYY-MM-DD)."), subject_label (subject), _(field), value);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_enum (const Subject *subject,
            const char  *field,
            int          value,
            int          n_values,
            GError     **error)
{
  if (value < 0 || value >= n_values)
    {
      g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                   _("“%s”: the %s is not one of the allowed values."), subject_label (subject), _(field));
      return FALSE;
    }
  return TRUE;
}

typedef enum {
  AMOUNT_EFFORT,
  AMOUNT_PRINCIPAL,
  AMOUNT_INTEREST,
} Amount;

static gboolean
check_amount (const Subject *subject,
              Amount       amount,
              double       value,
              GError     **error)
{
  if (isfinite (value) && value >= 0.0)
    return TRUE;

  switch (amount)
    {
    case AMOUNT_EFFORT:
      g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                   _("“%s”: the effort must be a number of days, 0 or more."), subject_label (subject));
      break;
    case AMOUNT_PRINCIPAL:
      g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                   _("“%s”: the principal must be a number of days, 0 or more."), subject_label (subject));
      break;
    case AMOUNT_INTEREST:
    default:
      g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                   _("“%s”: the interest must be a number of hours per week, 0 or more."), subject_label (subject));
      break;
    }

  return FALSE;
}

static gboolean
check_id (Scope       *scope,
          KeelKind     kind,
          GObject     *object,
          gboolean     adding,
          GError     **error)
{
  const char *id = keel_kind_get_id (kind, object);
  const Subject subject_ = { kind, object }, *subject = &subject_;

  if (id == NULL || id[0] == '\0')
    {
      g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                   _("“%s”: the id cannot be empty."), subject_label (subject));
      return FALSE;
    }

  if (!check_text (subject, N_("id"), id, error))
    return FALSE;

  if (adding && id_in_use (scope->project, id))
    {
      g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_DUPLICATE_ID,
                   _("“%s”: the id “%s” is already used."), subject_label (subject), id);
      return FALSE;
    }

  return TRUE;
}

static void
set_dangling_error (GError        **error,
                    const Subject  *subject,
                    KeelKind     target_kind,
                    const char  *id)
{
  switch (target_kind)
    {
    case KEEL_KIND_EVIDENCE:
      g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_DANGLING_LINK,
                   _("“%s”: the linked evidence “%s” does not exist."), subject_label (subject), id);
      break;
    case KEEL_KIND_DEBT:
      g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_DANGLING_LINK,
                   _("“%s”: the linked debt “%s” does not exist."), subject_label (subject), id);
      break;
    case KEEL_KIND_ITEM:
    case KEEL_KIND_SIGNAL:
    case KEEL_N_KINDS:
    default:
      g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_DANGLING_LINK,
                   _("“%s”: the item it depends on, “%s”, does not exist."), subject_label (subject), id);
      break;
    }
}

/* Each id must name an entity of @target_kind (or be @self_id, for an item that
 * depends on itself: a cycle the checks report, not an invalid edit), once. */
static gboolean
check_links (Scope       *scope,
             const Subject *subject,
             GPtrArray   *links,
             KeelKind     target_kind,
             const char  *self_id,
             GError     **error)
{
  for (guint i = 0; i < links->len; i++)
    {
      const char *id = g_ptr_array_index (links, i);

      if (id == NULL || !g_utf8_validate (id, -1, NULL))
        {
          set_dangling_error (error, subject, target_kind, "");
          return FALSE;
        }

      if (!scope_has (scope, target_kind, id) && g_strcmp0 (id, self_id) != 0)
        {
          set_dangling_error (error, subject, target_kind, id);
          return FALSE;
        }

      for (guint j = 0; j < i; j++)
        if (strcmp (g_ptr_array_index (links, j), id) == 0)
          {
            g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                         _("“%s”: “%s” is linked twice."), subject_label (subject), id);
            return FALSE;
          }
    }

  return TRUE;
}

/* ---- Normalization and validation ---- */

static void
normalize_evidence (KeelEvidence *evidence)
{
  null_to_empty (&evidence->summary);
  null_to_empty (&evidence->source);
  empty_to_null (&evidence->unit);
  if (!evidence->has_value)
    evidence->value = 0.0;
}

static gboolean
validate_evidence (Scope         *scope,
                   KeelEvidence  *evidence,
                   gboolean       adding,
                   GError       **error)
{
  const Subject subject_ = { KEEL_KIND_EVIDENCE, G_OBJECT (evidence) }, *subject = &subject_;

  return check_id (scope, KEEL_KIND_EVIDENCE, G_OBJECT (evidence), adding, error)
      && check_enum (subject, N_("kind"), evidence->kind, KEEL_N_EVIDENCE_KINDS, error)
      && check_text (subject, N_("summary"), evidence->summary, error)
      && check_text (subject, N_("source"), evidence->source, error)
      && check_text (subject, N_("unit"), evidence->unit, error)
      && check_date (subject, N_("date"), evidence->date, TRUE, error)
      && (!evidence->has_value
          || isfinite (evidence->value)
          || (g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                           _("“%s”: the value must be a finite number."), subject_label (subject)), FALSE));
}

static void
normalize_item (KeelItem *item)
{
  null_to_empty (&item->description);
  empty_to_null (&item->owner);
  empty_to_null (&item->target);
  if (!item->has_effort_days)
    item->effort_days = 0.0;
  ensure_array (&item->evidence);
  ensure_array (&item->debts);
  ensure_array (&item->depends_on);
}

static gboolean
validate_item (Scope     *scope,
               KeelItem  *item,
               gboolean   adding,
               GError   **error)
{
  const Subject subject_ = { KEEL_KIND_ITEM, G_OBJECT (item) }, *subject = &subject_;

  if (!check_id (scope, KEEL_KIND_ITEM, G_OBJECT (item), adding, error)
      || !check_text (subject, N_("title"), item->title, error)
      || !check_text (subject, N_("description"), item->description, error)
      || !check_text (subject, N_("owner"), item->owner, error))
    return FALSE;

  if (is_blank (item->title))
    {
      g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                   _("“%s”: the title cannot be empty."), subject_label (subject));
      return FALSE;
    }

  if (!check_enum (subject, N_("dimension"), item->dimension, KEEL_N_DIMENSIONS, error)
      || !check_enum (subject, N_("kind"), item->kind, KEEL_N_ITEM_KINDS, error)
      || !check_enum (subject, N_("horizon"), item->horizon, KEEL_N_HORIZONS, error)
      || !check_enum (subject, N_("status"), item->status, KEEL_N_STATUSES, error)
      || !check_date (subject, N_("target date"), item->target, FALSE, error))
    return FALSE;

  if (item->position < 0)
    {
      g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                   _("“%s”: the position must be 0 or more."), subject_label (subject));
      return FALSE;
    }

  if (item->has_effort_days
      && !check_amount (subject, AMOUNT_EFFORT, item->effort_days, error))
    return FALSE;

  return check_links (scope, subject, item->evidence, KEEL_KIND_EVIDENCE, NULL, error)
      && check_links (scope, subject, item->debts, KEEL_KIND_DEBT, NULL, error)
      && check_links (scope, subject, item->depends_on, KEEL_KIND_ITEM, item->id, error);
}

static void
normalize_debt (KeelDebt *debt)
{
  null_to_empty (&debt->component);
  empty_to_null (&debt->owner);
  debt->bottleneck = !!debt->bottleneck;
  debt->hard_ceiling = !!debt->hard_ceiling;
  ensure_array (&debt->evidence);
}

static gboolean
validate_debt (Scope     *scope,
               KeelDebt  *debt,
               gboolean   adding,
               GError   **error)
{
  const Subject subject_ = { KEEL_KIND_DEBT, G_OBJECT (debt) }, *subject = &subject_;

  if (!check_id (scope, KEEL_KIND_DEBT, G_OBJECT (debt), adding, error)
      || !check_text (subject, N_("title"), debt->title, error)
      || !check_text (subject, N_("component"), debt->component, error)
      || !check_text (subject, N_("owner"), debt->owner, error))
    return FALSE;

  if (is_blank (debt->title))
    {
      g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                   _("“%s”: the title cannot be empty."), subject_label (subject));
      return FALSE;
    }

  return check_enum (subject, N_("quadrant"), debt->quadrant, KEEL_N_QUADRANTS, error)
      && check_enum (subject, N_("status"), debt->status, KEEL_N_DEBT_STATUSES, error)
      && check_amount (subject, AMOUNT_PRINCIPAL, debt->principal_days, error)
      && check_amount (subject, AMOUNT_INTEREST, debt->interest_hours_per_week, error)
      && check_date (subject, N_("recorded date"), debt->recorded, TRUE, error)
      && check_links (scope, subject, debt->evidence, KEEL_KIND_EVIDENCE, NULL, error);
}

static void
normalize_signal (KeelSignal *signal)
{
  empty_to_null (&signal->name);
  empty_to_null (&signal->source);
  empty_to_null (&signal->date);
  signal->required = !!signal->required;

  /* Only a custom signal carries a hand-entered value. */
  if (signal->kind != KEEL_SIGNAL_KIND_CUSTOM)
    {
      signal->has_value = FALSE;
      signal->has_target = FALSE;
      signal->comparison = KEEL_COMPARISON_GE;
      g_clear_pointer (&signal->date, g_free);
      g_clear_pointer (&signal->source, g_free);
    }
  if (!signal->has_value)
    signal->value = 0.0;
  if (!signal->has_target)
    signal->target = 0.0;
}

static gboolean
validate_signal (Scope       *scope,
                 KeelSignal  *signal,
                 gboolean     adding,
                 GError     **error)
{
  const Subject subject_ = { KEEL_KIND_SIGNAL, G_OBJECT (signal) }, *subject = &subject_;

  if (!check_id (scope, KEEL_KIND_SIGNAL, G_OBJECT (signal), adding, error)
      || !check_enum (subject, N_("kind"), signal->kind, KEEL_N_SIGNAL_KINDS, error)
      || !check_enum (subject, N_("comparison"), signal->comparison, KEEL_N_COMPARISONS, error)
      || !check_text (subject, N_("name"), signal->name, error)
      || !check_text (subject, N_("source"), signal->source, error)
      || !check_date (subject, N_("date"), signal->date, FALSE, error))
    return FALSE;

  if ((signal->has_value && !isfinite (signal->value))
      || (signal->has_target && !isfinite (signal->target)))
    {
      g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                   _("“%s”: the value and the target must be finite numbers."), subject_label (subject));
      return FALSE;
    }

  /* A data signal is computed from the project's one dataset of its kind: a second
   * one would only repeat it. */
  if (signal->kind != KEEL_SIGNAL_KIND_CUSTOM)
    {
      for (guint pass = 0; pass < 2; pass++)
        {
          GHashTable *table = pass == 0 ? scope->project->by_id[KEEL_KIND_SIGNAL]
                                        : scope->batch[KEEL_KIND_SIGNAL];
          GHashTableIter iter;
          gpointer value;

          if (table == NULL)
            continue;

          g_hash_table_iter_init (&iter, table);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            {
              KeelSignal *other = value;

              if (other != signal && other->kind == signal->kind
                  && g_strcmp0 (other->id, signal->id) != 0)
                {
                  g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                               _("“%s”: the project already has a signal of this kind."), subject_label (subject));
                  return FALSE;
                }
            }
        }
    }

  return TRUE;
}

/* Normalizes @object (a private copy) and validates it. */
static gboolean
prepare_entity (Scope     *scope,
                KeelKind   kind,
                GObject   *object,
                gboolean   adding,
                GError   **error)
{
  switch (kind)
    {
    case KEEL_KIND_EVIDENCE:
      normalize_evidence (KEEL_EVIDENCE (object));
      return validate_evidence (scope, KEEL_EVIDENCE (object), adding, error);
    case KEEL_KIND_ITEM:
      normalize_item (KEEL_ITEM (object));
      return validate_item (scope, KEEL_ITEM (object), adding, error);
    case KEEL_KIND_DEBT:
      normalize_debt (KEEL_DEBT (object));
      return validate_debt (scope, KEEL_DEBT (object), adding, error);
    case KEEL_KIND_SIGNAL:
      normalize_signal (KEEL_SIGNAL (object));
      return validate_signal (scope, KEEL_SIGNAL (object), adding, error);
    case KEEL_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
entity_equal (KeelKind  kind,
              GObject  *a,
              GObject  *b)
{
  switch (kind)
    {
    case KEEL_KIND_EVIDENCE:
      return keel_evidence_equal (KEEL_EVIDENCE (a), KEEL_EVIDENCE (b));
    case KEEL_KIND_ITEM:
      return keel_item_equal (KEEL_ITEM (a), KEEL_ITEM (b));
    case KEEL_KIND_DEBT:
      return keel_debt_equal (KEEL_DEBT (a), KEEL_DEBT (b));
    case KEEL_KIND_SIGNAL:
      return keel_signal_equal (KEEL_SIGNAL (a), KEEL_SIGNAL (b));
    case KEEL_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static GPtrArray *
ops_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) keel_op_free);
}

static gboolean
unknown_id (const char  *id,
            GError     **error)
{
  g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_UNKNOWN_ID,
               _("There is nothing with the id “%s” in the project."), id);
  return FALSE;
}

/* ---- Generic add, update, delete ---- */

static gboolean
add_entity (KeelProject  *self,
            KeelKind      kind,
            GObject      *object,
            GError      **error)
{
  Scope scope = { self, { NULL, } };
  g_autoptr(GObject) draft = keel_kind_copy (kind, object);
  g_autoptr(GPtrArray) ops = NULL;
  g_autofree char *label = NULL;
  KeelOp *op;

  if (!keel_project_check_editable (self, error)
      || !prepare_entity (&scope, kind, draft, TRUE, error))
    return FALSE;

  label = g_strdup_printf (_("Add “%s”"), entity_label (kind, draft));
  op = keel_op_new_entity (kind, NULL, g_steal_pointer (&draft));
  op->live = g_object_ref (object);
  ops = ops_new ();
  g_ptr_array_add (ops, op);

  return keel_project_run_edit (self, label, g_steal_pointer (&ops), TRUE, error);
}

static gboolean
update_entity (KeelProject  *self,
               KeelKind      kind,
               GObject      *object,
               GError      **error)
{
  Scope scope = { self, { NULL, } };
  const char *id = keel_kind_get_id (kind, object);
  GObject *live;
  g_autoptr(GObject) draft = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autofree char *label = NULL;

  if (!keel_project_check_editable (self, error))
    return FALSE;

  live = id != NULL ? g_hash_table_lookup (self->by_id[kind], id) : NULL;
  if (live == NULL)
    return unknown_id (id != NULL ? id : "", error);

  draft = keel_kind_copy (kind, object);
  if (!prepare_entity (&scope, kind, draft, FALSE, error))
    return FALSE;

  if (entity_equal (kind, live, draft))
    return TRUE;

  label = g_strdup_printf (_("Edit “%s”"), entity_label (kind, draft));
  ops = ops_new ();
  g_ptr_array_add (ops, keel_op_new_entity (kind, keel_kind_copy (kind, live),
                                            g_steal_pointer (&draft)));

  return keel_project_run_edit (self, label, g_steal_pointer (&ops), TRUE, error);
}

static gboolean
remove_link (GPtrArray  *links,
             const char *id)
{
  for (guint i = 0; i < links->len; i++)
    if (strcmp (g_ptr_array_index (links, i), id) == 0)
      {
        g_ptr_array_remove_index (links, i);
        return TRUE;
      }
  return FALSE;
}

static gboolean
links_contain (GPtrArray  *links,
               const char *id)
{
  for (guint i = 0; i < links->len; i++)
    if (strcmp (g_ptr_array_index (links, i), id) == 0)
      return TRUE;
  return FALSE;
}

static int
compare_by_id (gconstpointer a,
               gconstpointer b)
{
  GObject *oa = *(GObject **) a, *ob = *(GObject **) b;

  return strcmp (keel_kind_get_id (kind_of_object (oa), oa),
                 keel_kind_get_id (kind_of_object (ob), ob));
}

/* The items and debts that link to @id (an item's link to itself excluded), items
 * first, each by id. */
static GPtrArray *
find_referrers (KeelProject *self,
                const char  *id)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) debts = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->by_id[KEEL_KIND_ITEM]);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      KeelItem *item = value;

      if (strcmp (item->id, id) == 0)
        continue;
      if (links_contain (item->evidence, id) || links_contain (item->debts, id)
          || links_contain (item->depends_on, id))
        g_ptr_array_add (items, g_object_ref (item));
    }

  g_hash_table_iter_init (&iter, self->by_id[KEEL_KIND_DEBT]);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      KeelDebt *debt = value;

      if (links_contain (debt->evidence, id))
        g_ptr_array_add (debts, g_object_ref (debt));
    }

  g_ptr_array_sort (items, compare_by_id);
  g_ptr_array_sort (debts, compare_by_id);
  g_ptr_array_extend_and_steal (items, g_steal_pointer (&debts));
  return items;
}

static gboolean
delete_entity (KeelProject  *self,
               KeelKind      kind,
               const char   *id,
               GError      **error)
{
  g_autoptr(GPtrArray) referrers = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autofree char *label = NULL;
  GObject *live;

  if (!keel_project_check_editable (self, error))
    return FALSE;

  live = g_hash_table_lookup (self->by_id[kind], id);
  if (live == NULL)
    return unknown_id (id, error);

  ops = ops_new ();

  /* The links to it go in the same step, so that undo puts them back. */
  referrers = find_referrers (self, id);
  for (guint i = 0; i < referrers->len; i++)
    {
      GObject *referrer = g_ptr_array_index (referrers, i);
      KeelKind referrer_kind = kind_of_object (referrer);
      GObject *after = keel_kind_copy (referrer_kind, referrer);

      if (KEEL_IS_ITEM (after))
        {
          KeelItem *item = KEEL_ITEM (after);

          remove_link (item->evidence, id);
          remove_link (item->debts, id);
          remove_link (item->depends_on, id);
        }
      else
        {
          remove_link (KEEL_DEBT (after)->evidence, id);
        }

      g_ptr_array_add (ops, keel_op_new_entity (referrer_kind,
                                                keel_kind_copy (referrer_kind, referrer),
                                                after));
    }

  g_ptr_array_add (ops, keel_op_new_entity (kind, keel_kind_copy (kind, live), NULL));
  label = g_strdup_printf (_("Delete “%s”"), entity_label (kind, live));

  return keel_project_run_edit (self, label, g_steal_pointer (&ops), TRUE, error);
}

/* ---- Loading ---- */

static gboolean
damaged (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
damaged (GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_DAMAGED,
               _("The project file is damaged: %s"), detail);
  return FALSE;
}

static char *
column_string (sqlite3_stmt *stmt,
               int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_strndup ((const char *) sqlite3_column_text (stmt, column),
                    sqlite3_column_bytes (stmt, column));
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

static gboolean
column_optional_double (sqlite3_stmt *stmt,
                        int           column,
                        double       *out_value)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    {
      *out_value = 0.0;
      return FALSE;
    }
  *out_value = sqlite3_column_double (stmt, column);
  return TRUE;
}

/* TRUE if the listed columns hold numbers (or NULL): SQLite keeps text that does not
 * look like a number as text even in a REAL column, and reading it as a number would
 * quietly turn it into 0. */
static gboolean
columns_numeric (sqlite3_stmt *stmt,
                 ...)
{
  va_list args;
  int column;
  gboolean ok = TRUE;

  va_start (args, stmt);
  while (ok && (column = va_arg (args, int)) >= 0)
    {
      int type = sqlite3_column_type (stmt, column);

      ok = type == SQLITE_INTEGER || type == SQLITE_FLOAT || type == SQLITE_NULL;
    }
  va_end (args);

  return ok;
}

#define CHECK_NUMERIC(stmt, id, ...) \
  G_STMT_START { \
    if (!columns_numeric (stmt, __VA_ARGS__, -1)) \
      { \
        damaged (error, _("“%s” has a number that is not a number."), id); \
        sqlite3_reset (stmt); /* after: @id may be a column of the row */ \
        return FALSE; \
      } \
  } G_STMT_END

/* Reads an enumerated column by its JSON name; an unknown name is damage. */
#define READ_ENUM(parse, stmt, column, out, what, id) \
  G_STMT_START { \
    if (!parse (column_text (stmt, column), out)) \
      { \
        damaged (error, _("“%s” has an unknown %s."), id, what); \
        sqlite3_reset (stmt); /* after: @id may be a column of the row */ \
        return FALSE; \
      } \
  } G_STMT_END

static gboolean
step_row (KeelDb        *db,
          sqlite3_stmt  *stmt,
          gboolean      *out_row,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *out_row = TRUE;
      return TRUE;
    }

  *out_row = FALSE;
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;

  keel_db_set_error (db, error, NULL);
  return FALSE;
}

static void
add_loaded (KeelProject *self,
            KeelKind     kind,
            GPtrArray   *loaded,
            GObject     *object)
{
  g_hash_table_insert (self->by_id[kind], g_strdup (keel_kind_get_id (kind, object)),
                       g_object_ref (object));
  g_ptr_array_add (loaded, object);
}

static gboolean
load_meta (KeelProject  *self,
           GError      **error)
{
  sqlite3_stmt *stmt = keel_db_prepare (self->db, "SELECT key, value FROM meta", error);
  gboolean row, ok;

  if (stmt == NULL)
    return FALSE;

  while ((ok = step_row (self->db, stmt, &row, error)) && row)
    {
      const char *key = column_text (stmt, 0);
      const char *value = column_text (stmt, 1);

      if (strcmp (key, "name") == 0)
        {
          if (!g_utf8_validate (value, -1, NULL))
            {
              /* Report before the reset: the message may quote a column of the row. */
              damaged (error, _("the project name is not valid text."));
              sqlite3_reset (stmt);
              return FALSE;
            }
          g_free (self->name);
          self->name = g_strdup (value);
        }
      else if (strcmp (key, "retention_period") == 0)
        {
          READ_ENUM (keel_retention_period_from_string, stmt, 1, &self->retention_period,
                     _("retention period"), _("The project"));
        }
    }

  return ok;
}

static gboolean
load_settings (KeelProject  *self,
               GError      **error)
{
  sqlite3_stmt *stmt = keel_db_prepare (self->db, "SELECT key, value FROM settings", error);
  g_autoptr(GError) invalid = NULL;
  gboolean row, ok;

  if (stmt == NULL)
    return FALSE;

  while ((ok = step_row (self->db, stmt, &row, error)) && row)
    {
      const char *key = column_text (stmt, 0);

      CHECK_NUMERIC (stmt, key, 1);

      /* A key this version does not know may come from a newer Keel: ignore it. */
      if (!keel_settings_set_value (&self->settings, key, sqlite3_column_double (stmt, 1))
          && keel_settings_key_is_integer (key))
        {
          /* Report before the reset: the message may quote a column of the row. */
          damaged (error, _("the setting “%s” is not a whole number."), key);
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  if (!ok)
    return FALSE;

  if (!keel_settings_validate (&self->settings, &invalid))
    return damaged (error, "%s", invalid->message);

  return TRUE;
}

static gboolean
load_evidence (KeelProject  *self,
               GPtrArray    *loaded,
               GError      **error)
{
  sqlite3_stmt *stmt = keel_db_prepare (self->db,
                                        "SELECT id, kind, summary, source, date, value, unit"
                                        " FROM evidence ORDER BY id",
                                        error);
  gboolean row, ok;

  if (stmt == NULL)
    return FALSE;

  while ((ok = step_row (self->db, stmt, &row, error)) && row)
    {
      KeelEvidence *evidence = g_object_new (KEEL_TYPE_EVIDENCE, NULL);

      evidence->id = column_string (stmt, 0);
      add_loaded (self, KEEL_KIND_EVIDENCE, loaded, G_OBJECT (evidence));
      CHECK_NUMERIC (stmt, evidence->id, 5);
      READ_ENUM (keel_evidence_kind_from_string, stmt, 1, &evidence->kind, _("kind"), evidence->id);
      g_free (evidence->summary);
      evidence->summary = g_strdup (column_text (stmt, 2));
      g_free (evidence->source);
      evidence->source = g_strdup (column_text (stmt, 3));
      evidence->date = column_string (stmt, 4);
      evidence->has_value = column_optional_double (stmt, 5, &evidence->value);
      evidence->unit = column_string (stmt, 6);
    }

  return ok;
}

/* Links are read in storage order, which is each owner's links in their order when
 * Keel wrote the file, and needs no index walk. If a file holds them in another order
 * (@sorted FALSE and a position out of place), they are read again sorted. */
static void
clear_item_links (KeelProject *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->by_id[KEEL_KIND_ITEM]);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_ptr_array_set_size (KEEL_ITEM (value)->evidence, 0);
      g_ptr_array_set_size (KEEL_ITEM (value)->debts, 0);
      g_ptr_array_set_size (KEEL_ITEM (value)->depends_on, 0);
    }
}

static gboolean
load_item_links (KeelProject  *self,
                 gboolean      sorted,
                 GError      **error)
{
  sqlite3_stmt *stmt;
  KeelItem *item = NULL;
  gboolean row, ok;

  stmt = keel_db_prepare (self->db,
                          sorted
                          ? "SELECT item_id, link, target_id, position FROM item_links"
                            " ORDER BY item_id, link, position"
                          : "SELECT item_id, link, target_id, position FROM item_links",
                          error);
  if (stmt == NULL)
    return FALSE;

  while ((ok = step_row (self->db, stmt, &row, error)) && row)
    {
      const char *item_id = column_text (stmt, 0);
      const char *link = column_text (stmt, 1);
      GPtrArray *links;

      /* Consecutive rows mostly share their item. */
      if (item == NULL || strcmp (item->id, item_id) != 0)
        item = g_hash_table_lookup (self->by_id[KEEL_KIND_ITEM], item_id);

      if (item == NULL)
        {
          /* Report before the reset: the message may quote a column of the row. */
          damaged (error, _("a link belongs to the missing item “%s”."), item_id);
          sqlite3_reset (stmt);
          return FALSE;
        }

      if (strcmp (link, "evidence") == 0)
        links = item->evidence;
      else if (strcmp (link, "debt") == 0)
        links = item->debts;
      else if (strcmp (link, "depends_on") == 0)
        links = item->depends_on;
      else
        {
          /* Report before the reset: the message may quote a column of the row. */
          damaged (error, _("“%s” has a link of an unknown kind."), item_id);
          sqlite3_reset (stmt);
          return FALSE;
        }

      if (!sorted && sqlite3_column_int64 (stmt, 3) != (gint64) links->len)
        {
          sqlite3_reset (stmt);
          clear_item_links (self);
          return load_item_links (self, TRUE, error);
        }

      g_ptr_array_add (links, column_string (stmt, 2));
    }

  return ok;
}

static void
clear_debt_links (KeelProject *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->by_id[KEEL_KIND_DEBT]);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_set_size (KEEL_DEBT (value)->evidence, 0);
}

static gboolean
load_debt_links (KeelProject  *self,
                 gboolean      sorted,
                 GError      **error)
{
  sqlite3_stmt *stmt;
  KeelDebt *debt = NULL;
  gboolean row, ok;

  stmt = keel_db_prepare (self->db,
                          sorted
                          ? "SELECT debt_id, evidence_id, position FROM debt_evidence"
                            " ORDER BY debt_id, position"
                          : "SELECT debt_id, evidence_id, position FROM debt_evidence",
                          error);
  if (stmt == NULL)
    return FALSE;

  while ((ok = step_row (self->db, stmt, &row, error)) && row)
    {
      const char *debt_id = column_text (stmt, 0);

      if (debt == NULL || strcmp (debt->id, debt_id) != 0)
        debt = g_hash_table_lookup (self->by_id[KEEL_KIND_DEBT], debt_id);

      if (debt == NULL)
        {
          /* Report before the reset: the message may quote a column of the row. */
          damaged (error, _("a link belongs to the missing debt “%s”."), debt_id);
          sqlite3_reset (stmt);
          return FALSE;
        }

      if (!sorted && sqlite3_column_int64 (stmt, 2) != (gint64) debt->evidence->len)
        {
          sqlite3_reset (stmt);
          clear_debt_links (self);
          return load_debt_links (self, TRUE, error);
        }

      g_ptr_array_add (debt->evidence, column_string (stmt, 1));
    }

  return ok;
}

static gboolean
load_items (KeelProject  *self,
            GPtrArray    *loaded,
            GError      **error)
{
  sqlite3_stmt *stmt = keel_db_prepare (self->db,
                                        "SELECT id, title, description, dimension, kind, horizon,"
                                        " status, position, effort_days, owner, target"
                                        " FROM items ORDER BY id",
                                        error);
  gboolean row, ok;

  if (stmt == NULL)
    return FALSE;

  while ((ok = step_row (self->db, stmt, &row, error)) && row)
    {
      KeelItem *item = g_object_new (KEEL_TYPE_ITEM, NULL);

      item->id = column_string (stmt, 0);
      add_loaded (self, KEEL_KIND_ITEM, loaded, G_OBJECT (item));
      CHECK_NUMERIC (stmt, item->id, 7, 8);
      g_free (item->title);
      item->title = g_strdup (column_text (stmt, 1));
      g_free (item->description);
      item->description = g_strdup (column_text (stmt, 2));
      READ_ENUM (keel_dimension_from_string, stmt, 3, &item->dimension, _("dimension"), item->id);
      READ_ENUM (keel_item_kind_from_string, stmt, 4, &item->kind, _("kind"), item->id);
      READ_ENUM (keel_horizon_from_string, stmt, 5, &item->horizon, _("horizon"), item->id);
      READ_ENUM (keel_status_from_string, stmt, 6, &item->status, _("status"), item->id);
      item->position = sqlite3_column_int64 (stmt, 7);
      item->has_effort_days = column_optional_double (stmt, 8, &item->effort_days);
      item->owner = column_string (stmt, 9);
      item->target = column_string (stmt, 10);
    }
  if (!ok)
    return FALSE;

  return load_item_links (self, FALSE, error);
}

static gboolean
load_debts (KeelProject  *self,
            GPtrArray    *loaded,
            GError      **error)
{
  sqlite3_stmt *stmt = keel_db_prepare (self->db,
                                        "SELECT id, title, component, quadrant, principal_days,"
                                        " interest_hours_per_week, bottleneck, hard_ceiling, status,"
                                        " owner, recorded FROM debts ORDER BY id",
                                        error);
  gboolean row, ok;

  if (stmt == NULL)
    return FALSE;

  while ((ok = step_row (self->db, stmt, &row, error)) && row)
    {
      KeelDebt *debt = g_object_new (KEEL_TYPE_DEBT, NULL);

      debt->id = column_string (stmt, 0);
      add_loaded (self, KEEL_KIND_DEBT, loaded, G_OBJECT (debt));
      CHECK_NUMERIC (stmt, debt->id, 4, 5, 6, 7);
      g_free (debt->title);
      debt->title = g_strdup (column_text (stmt, 1));
      g_free (debt->component);
      debt->component = g_strdup (column_text (stmt, 2));
      READ_ENUM (keel_quadrant_from_string, stmt, 3, &debt->quadrant, _("quadrant"), debt->id);
      debt->principal_days = sqlite3_column_double (stmt, 4);
      debt->interest_hours_per_week = sqlite3_column_double (stmt, 5);
      debt->bottleneck = sqlite3_column_int64 (stmt, 6) != 0;
      debt->hard_ceiling = sqlite3_column_int64 (stmt, 7) != 0;
      READ_ENUM (keel_debt_status_from_string, stmt, 8, &debt->status, _("status"), debt->id);
      debt->owner = column_string (stmt, 9);
      debt->recorded = column_string (stmt, 10);
    }
  if (!ok)
    return FALSE;

  return load_debt_links (self, FALSE, error);
}

static gboolean
load_signals (KeelProject  *self,
              GPtrArray    *loaded,
              GError      **error)
{
  sqlite3_stmt *stmt = keel_db_prepare (self->db,
                                        "SELECT id, kind, name, required, position, value, target,"
                                        " comparison, date, source FROM signals",
                                        error);
  gboolean row, ok;

  if (stmt == NULL)
    return FALSE;

  while ((ok = step_row (self->db, stmt, &row, error)) && row)
    {
      KeelSignal *signal = g_object_new (KEEL_TYPE_SIGNAL, NULL);

      signal->id = column_string (stmt, 0);
      add_loaded (self, KEEL_KIND_SIGNAL, loaded, G_OBJECT (signal));
      CHECK_NUMERIC (stmt, signal->id, 3, 4, 5, 6);
      READ_ENUM (keel_signal_kind_from_string, stmt, 1, &signal->kind, _("kind"), signal->id);
      signal->name = column_string (stmt, 2);
      signal->required = sqlite3_column_int64 (stmt, 3) != 0;
      signal->position = sqlite3_column_int64 (stmt, 4);
      signal->has_value = column_optional_double (stmt, 5, &signal->value);
      signal->has_target = column_optional_double (stmt, 6, &signal->target);
      if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
        READ_ENUM (keel_comparison_from_string, stmt, 7, &signal->comparison, _("comparison"),
                   signal->id);
      signal->date = column_string (stmt, 8);
      signal->source = column_string (stmt, 9);
    }

  return ok;
}

static gboolean
load_channel_classes (KeelProject  *self,
                      GError      **error)
{
  sqlite3_stmt *stmt = keel_db_prepare (self->db, "SELECT channel, class FROM channel_classes", error);
  gboolean row, ok;

  if (stmt == NULL)
    return FALSE;

  while ((ok = step_row (self->db, stmt, &row, error)) && row)
    {
      const char *channel = column_text (stmt, 0);
      KeelChannelClass klass;

      if (!g_utf8_validate (channel, -1, NULL) || channel[0] == '\0')
        {
          /* Report before the reset: the message may quote a column of the row. */
          damaged (error, _("a channel name is not valid text."));
          sqlite3_reset (stmt);
          return FALSE;
        }
      READ_ENUM (keel_channel_class_from_string, stmt, 1, &klass, _("channel class"), channel);
      g_hash_table_insert (self->channel_classes, g_strdup (channel), GINT_TO_POINTER (klass));
    }
  if (!ok)
    return FALSE;

  keel_project_rebuild_channel_folded (self);
  return TRUE;
}

/* Checks everything loaded as strictly as an edit would: the file is untrusted. */
static gboolean
check_loaded (KeelProject  *self,
              KeelKind      kind,
              GPtrArray    *loaded,
              GError      **error)
{
  Scope scope = { self, { NULL, } };

  for (guint i = 0; i < loaded->len; i++)
    {
      GObject *object = g_ptr_array_index (loaded, i);
      const char *id = keel_kind_get_id (kind, object);
      g_autoptr(GError) invalid = NULL;

      for (guint k = 0; k < KEEL_N_KINDS; k++)
        if (k != kind && g_hash_table_contains (self->by_id[k], id))
          return damaged (error, _("the id “%s” is used twice."), id);

      if (!prepare_entity (&scope, kind, object, FALSE, &invalid))
        return damaged (error, "%s", invalid->message);
    }

  return TRUE;
}

static int
compare_loaded (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return keel_kind_compare (GPOINTER_TO_INT (user_data), *(GObject **) a, *(GObject **) b);
}

static gboolean
load_all (KeelProject  *self,
          GPtrArray   **loaded,
          GError      **error)
{
  g_autoptr(GError) db_error = NULL;
  gboolean ok;

  /* One read transaction: a consistent snapshot, and no lock taken per statement. A
   * savepoint, so that it also nests in a transaction the caller holds. */
  if (!keel_db_exec (self->db, "SAVEPOINT keel_load", &db_error))
    {
      g_propagate_error (error, g_steal_pointer (&db_error));
      return FALSE;
    }

  ok = load_meta (self, &db_error)
    && load_settings (self, &db_error)
    && load_evidence (self, loaded[KEEL_KIND_EVIDENCE], &db_error)
    && load_debts (self, loaded[KEEL_KIND_DEBT], &db_error)
    && load_items (self, loaded[KEEL_KIND_ITEM], &db_error)
    && load_signals (self, loaded[KEEL_KIND_SIGNAL], &db_error)
    && load_channel_classes (self, &db_error);

  /* Nothing was written: releasing the savepoint ends the read. */
  keel_db_exec (self->db, "RELEASE keel_load", NULL);

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&db_error));
      return FALSE;
    }

  for (guint k = 0; k < KEEL_N_KINDS; k++)
    {
      /* Each id once in its own table (the primary key), and in no other. */
      if (g_hash_table_size (self->by_id[k]) != loaded[k]->len)
        return damaged (error, _("an id is used twice."));
    }

  for (guint k = 0; k < KEEL_N_KINDS; k++)
    {
      if (!check_loaded (self, k, loaded[k], error))
        return FALSE;

      /* SQLite orders text ids by bytes, as the lists do, but a file may hold values of
       * other types (and signals are read unordered): check rather than trust. */
      for (guint i = 1; i < loaded[k]->len; i++)
        if (keel_kind_compare (k, g_ptr_array_index (loaded[k], i - 1),
                               g_ptr_array_index (loaded[k], i)) > 0)
          {
            g_ptr_array_sort_with_data (loaded[k], compare_loaded, GINT_TO_POINTER (k));
            break;
          }

      g_list_store_splice (self->stores[k], 0, 0, loaded[k]->pdata, loaded[k]->len);
    }

  return TRUE;
}

/* ---- Properties and class ---- */

static void
keel_project_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KeelProject *self = KEEL_PROJECT (object);

  switch (prop_id)
    {
    case KEEL_PROJECT_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case KEEL_PROJECT_PROP_CAN_UNDO:
      g_value_set_boolean (value, keel_project_can_undo (self));
      break;
    case KEEL_PROJECT_PROP_CAN_REDO:
      g_value_set_boolean (value, keel_project_can_redo (self));
      break;
    case KEEL_PROJECT_PROP_UNDO_LABEL:
      g_value_set_string (value, keel_project_get_undo_label (self));
      break;
    case KEEL_PROJECT_PROP_REDO_LABEL:
      g_value_set_string (value, keel_project_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
keel_project_finalize (GObject *object)
{
  KeelProject *self = (KeelProject *) object;

  keel_project_history_finalize (self);

  for (guint k = 0; k < KEEL_N_KINDS; k++)
    {
      g_clear_object (&self->stores[k]);
      g_clear_pointer (&self->by_id[k], g_hash_table_unref);
    }

  g_clear_pointer (&self->channel_classes, g_hash_table_unref);
  g_clear_pointer (&self->channel_folded, g_hash_table_unref);
  g_clear_pointer (&self->name, g_free);
  g_clear_object (&self->db);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (keel_project_parent_class)->finalize (object);
}

static void
keel_project_class_init (KeelProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = keel_project_get_property;
  object_class->finalize = keel_project_finalize;

  keel_project_properties[KEEL_PROJECT_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  keel_project_properties[KEEL_PROJECT_PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  keel_project_properties[KEEL_PROJECT_PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  keel_project_properties[KEEL_PROJECT_PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  keel_project_properties[KEEL_PROJECT_PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, KEEL_PROJECT_N_PROPS, keel_project_properties);

  /**
   * KeelProject::changed:
   * @self: the project
   * @flags: the #KeelChangeFlags of what changed
   *
   * Emitted once after every committed edit, undo and redo.
   */
  keel_project_signals[KEEL_PROJECT_SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
keel_project_init (KeelProject *self)
{
  self->stores[KEEL_KIND_EVIDENCE] = g_list_store_new (KEEL_TYPE_EVIDENCE);
  self->stores[KEEL_KIND_ITEM] = g_list_store_new (KEEL_TYPE_ITEM);
  self->stores[KEEL_KIND_DEBT] = g_list_store_new (KEEL_TYPE_DEBT);
  self->stores[KEEL_KIND_SIGNAL] = g_list_store_new (KEEL_TYPE_SIGNAL);

  for (guint k = 0; k < KEEL_N_KINDS; k++)
    self->by_id[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  self->channel_classes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->channel_folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->name = g_strdup ("");
  self->retention_period = KEEL_RETENTION_PERIOD_WEEK;
  keel_settings_init_defaults (&self->settings);
  keel_project_history_init (self);
}

/* ---- Public API: loading and reading ---- */

static KeelProject *
load_project (KeelDocument  *document,
              KeelDb        *db,
              GError       **error)
{
  g_autoptr(KeelProject) self = g_object_new (KEEL_TYPE_PROJECT, NULL);
  GPtrArray *loaded[KEEL_N_KINDS];
  gboolean ok;

  self->document = document != NULL ? g_object_ref (document) : NULL;
  self->db = g_object_ref (db);

  /* Imports replaced or undone in an earlier session are kept only for that session's
   * undo; they go before anything is read. */
  if (!keel_project_purge_inactive_imports (self, error))
    return NULL;

  for (guint k = 0; k < KEEL_N_KINDS; k++)
    loaded[k] = g_ptr_array_new_with_free_func (g_object_unref);

  ok = load_all (self, loaded, error);

  for (guint k = 0; k < KEEL_N_KINDS; k++)
    g_ptr_array_unref (loaded[k]);

  if (!ok)
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * keel_project_load:
 * @document: an open document
 * @error: return location for a #GError
 *
 * Loads the project from @document's working copy, which must be a checked, migrated
 * Keel database. Data that breaks the project's rules (an unknown enumerated value, a
 * dangling link, an id used twice) is %KEEL_DOCUMENT_ERROR_DAMAGED.
 *
 * Returns: (transfer full): the project, or %NULL
 */
KeelProject *
keel_project_load (KeelDocument  *document,
                   GError       **error)
{
  g_return_val_if_fail (KEEL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_project (document, keel_document_get_db (document), error);
}

/**
 * keel_project_load_db:
 * @db: a Keel database (for example one made with keel_schema_create())
 * @error: return location for a #GError
 *
 * Loads a project straight from @db, with no document: edits are committed to @db and
 * nothing is marked dirty. For tests and tools.
 *
 * Returns: (transfer full): the project, or %NULL
 */
KeelProject *
keel_project_load_db (KeelDb  *db,
                      GError **error)
{
  g_return_val_if_fail (KEEL_IS_DB (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_project (NULL, db, error);
}

/**
 * keel_project_get_document:
 * @self: a #KeelProject
 *
 * Returns: (transfer none) (nullable): the document, %NULL for keel_project_load_db()
 */
KeelDocument *
keel_project_get_document (KeelProject *self)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), NULL);

  return self->document;
}

/**
 * keel_project_get_db:
 * @self: a #KeelProject
 *
 * Returns: (transfer none): the working copy's connection
 */
KeelDb *
keel_project_get_db (KeelProject *self)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), NULL);

  return self->db;
}

/**
 * keel_project_get_name:
 * @self: a #KeelProject
 *
 * Returns: the project's name ("" when it has none)
 */
const char *
keel_project_get_name (KeelProject *self)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), NULL);

  return self->name;
}

/**
 * keel_project_get_settings:
 * @self: a #KeelProject
 *
 * Returns: (transfer none): the project's settings
 */
const KeelSettings *
keel_project_get_settings (KeelProject *self)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), NULL);

  return &self->settings;
}

/**
 * keel_project_get_retention_period:
 * @self: a #KeelProject
 *
 * Returns: the period of the retention cohorts' columns
 */
KeelRetentionPeriod
keel_project_get_retention_period (KeelProject *self)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), KEEL_RETENTION_PERIOD_WEEK);

  return self->retention_period;
}

/**
 * keel_project_get_data_generation:
 * @self: a #KeelProject
 *
 * Returns: a counter bumped by every committed change of datasets, settings or signals
 */
guint64
keel_project_get_data_generation (KeelProject *self)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), 0);

  return self->data_generation;
}

/**
 * keel_project_get_evidence:
 * @self: a #KeelProject
 *
 * Returns: (transfer none): the evidence, a #GListModel of #KeelEvidence by id
 */
GListModel *
keel_project_get_evidence (KeelProject *self)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), NULL);

  return G_LIST_MODEL (self->stores[KEEL_KIND_EVIDENCE]);
}

/**
 * keel_project_get_items:
 * @self: a #KeelProject
 *
 * Returns: (transfer none): the board items, a #GListModel of #KeelItem by id
 */
GListModel *
keel_project_get_items (KeelProject *self)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), NULL);

  return G_LIST_MODEL (self->stores[KEEL_KIND_ITEM]);
}

/**
 * keel_project_get_debts:
 * @self: a #KeelProject
 *
 * Returns: (transfer none): the debts, a #GListModel of #KeelDebt by id
 */
GListModel *
keel_project_get_debts (KeelProject *self)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), NULL);

  return G_LIST_MODEL (self->stores[KEEL_KIND_DEBT]);
}

/**
 * keel_project_get_signals:
 * @self: a #KeelProject
 *
 * Returns: (transfer none): the signals, a #GListModel of #KeelSignal by position
 */
GListModel *
keel_project_get_signals (KeelProject *self)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), NULL);

  return G_LIST_MODEL (self->stores[KEEL_KIND_SIGNAL]);
}

/**
 * keel_project_lookup_evidence:
 * @self: a #KeelProject
 * @id: an id
 *
 * Returns: (transfer none) (nullable): the evidence with @id
 */
KeelEvidence *
keel_project_lookup_evidence (KeelProject *self,
                              const char  *id)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->by_id[KEEL_KIND_EVIDENCE], id) : NULL;
}

/**
 * keel_project_lookup_item:
 * @self: a #KeelProject
 * @id: an id
 *
 * Returns: (transfer none) (nullable): the item with @id
 */
KeelItem *
keel_project_lookup_item (KeelProject *self,
                          const char  *id)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->by_id[KEEL_KIND_ITEM], id) : NULL;
}

/**
 * keel_project_lookup_debt:
 * @self: a #KeelProject
 * @id: an id
 *
 * Returns: (transfer none) (nullable): the debt with @id
 */
KeelDebt *
keel_project_lookup_debt (KeelProject *self,
                          const char  *id)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->by_id[KEEL_KIND_DEBT], id) : NULL;
}

/**
 * keel_project_lookup_signal:
 * @self: a #KeelProject
 * @id: an id
 *
 * Returns: (transfer none) (nullable): the signal with @id
 */
KeelSignal *
keel_project_lookup_signal (KeelProject *self,
                            const char  *id)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->by_id[KEEL_KIND_SIGNAL], id) : NULL;
}

/**
 * keel_project_lookup_title:
 * @self: a #KeelProject
 * @id: an id
 *
 * Returns: (nullable): the title of the item or debt, the summary of the evidence or
 *   the display name of the signal with @id
 */
const char *
keel_project_lookup_title (KeelProject *self,
                           const char  *id)
{
  gpointer object;

  g_return_val_if_fail (KEEL_IS_PROJECT (self), NULL);

  if (id == NULL)
    return NULL;
  if ((object = g_hash_table_lookup (self->by_id[KEEL_KIND_ITEM], id)))
    return KEEL_ITEM (object)->title;
  if ((object = g_hash_table_lookup (self->by_id[KEEL_KIND_DEBT], id)))
    return KEEL_DEBT (object)->title;
  if ((object = g_hash_table_lookup (self->by_id[KEEL_KIND_EVIDENCE], id)))
    return KEEL_EVIDENCE (object)->summary;
  if ((object = g_hash_table_lookup (self->by_id[KEEL_KIND_SIGNAL], id)))
    return keel_signal_get_display_name (object);
  return NULL;
}

/**
 * keel_project_new_id:
 * @self: a #KeelProject
 * @prefix: "it", "debt", "ev", "sig", ...
 *
 * Returns: (transfer full): an unused id "PREFIX-N", N one more than the largest in use
 */
char *
keel_project_new_id (KeelProject *self,
                     const char  *prefix)
{
  g_autofree char *stem = NULL;
  gsize stem_len;
  guint64 largest = 0;

  g_return_val_if_fail (KEEL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  stem = g_strconcat (prefix, "-", NULL);
  stem_len = strlen (stem);

  for (guint k = 0; k < KEEL_N_KINDS; k++)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->by_id[k]);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          const char *id = key;
          guint64 n;

          if (strncmp (id, stem, stem_len) == 0
              && g_ascii_string_to_unsigned (id + stem_len, 10, 0, G_MAXUINT32, &n, NULL))
            largest = MAX (largest, n);
        }
    }

  for (guint64 n = largest + 1;; n++)
    {
      char *id = g_strdup_printf ("%s%" G_GUINT64_FORMAT, stem, n);

      if (!id_in_use (self, id))
        return id;
      g_free (id);
    }
}

/**
 * keel_project_get_next_position:
 * @self: a #KeelProject
 * @dimension: a dimension
 * @horizon: a horizon
 *
 * Returns: the position after the last item of (@dimension, @horizon), for adding an
 *   item at the end of its place on the board
 */
gint64
keel_project_get_next_position (KeelProject   *self,
                                KeelDimension  dimension,
                                KeelHorizon    horizon)
{
  GHashTableIter iter;
  gpointer value;
  gint64 next = 0;

  g_return_val_if_fail (KEEL_IS_PROJECT (self), 0);

  g_hash_table_iter_init (&iter, self->by_id[KEEL_KIND_ITEM]);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      KeelItem *item = value;

      if (item->dimension == dimension && item->horizon == horizon)
        next = MAX (next, item->position + 1);
    }

  return next;
}

/**
 * keel_project_list_referrers:
 * @self: a #KeelProject
 * @id: the id of evidence, a debt or an item
 *
 * The items and debts that would lose a link if @id were deleted: items first, then
 * debts, each by id. An item's dependency on itself does not count.
 *
 * Returns: (transfer container) (element-type GObject): the referrers (each a
 *   #KeelItem or a #KeelDebt)
 */
GPtrArray *
keel_project_list_referrers (KeelProject *self,
                             const char  *id)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return find_referrers (self, id);
}

/* ---- Public API: editing ---- */

/**
 * keel_project_set_name:
 * @self: a #KeelProject
 * @name: the new name, not empty
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the name is set (or was already @name)
 */
gboolean
keel_project_set_name (KeelProject  *self,
                       const char   *name,
                       GError      **error)
{
  g_autoptr(GPtrArray) ops = NULL;
  KeelOp *op;

  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!keel_project_check_editable (self, error))
    return FALSE;

  if (!g_utf8_validate (name, -1, NULL) || is_blank (name))
    {
      g_set_error_literal (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                           _("The project name cannot be empty."));
      return FALSE;
    }

  if (strcmp (name, self->name) == 0)
    return TRUE;

  op = keel_op_new (KEEL_OP_NAME);
  op->str_before = g_strdup (self->name);
  op->str_after = g_strdup (name);
  ops = ops_new ();
  g_ptr_array_add (ops, op);

  return keel_project_run_edit (self, _("Rename Project"), g_steal_pointer (&ops), TRUE, error);
}

/**
 * keel_project_set_settings:
 * @self: a #KeelProject
 * @settings: the new settings
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the settings are valid and set
 */
gboolean
keel_project_set_settings (KeelProject         *self,
                           const KeelSettings  *settings,
                           GError             **error)
{
  g_autoptr(GPtrArray) ops = NULL;
  KeelOp *op;

  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  if (!keel_project_check_editable (self, error)
      || !keel_settings_validate (settings, error))
    return FALSE;

  if (keel_settings_equal (settings, &self->settings))
    return TRUE;

  op = keel_op_new (KEEL_OP_SETTINGS);
  op->settings_before = self->settings;
  op->settings_after = *settings;
  ops = ops_new ();
  g_ptr_array_add (ops, op);

  return keel_project_run_edit (self, _("Change Settings"), g_steal_pointer (&ops), TRUE, error);
}

/**
 * keel_project_add_evidence:
 * @self: a #KeelProject
 * @evidence: (transfer none): new evidence with a free id
 * @error: return location for a #GError
 *
 * Adds @evidence. On success @evidence itself is the project's object (its empty
 * optional strings made %NULL); the caller keeps its own reference.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_project_add_evidence (KeelProject   *self,
                           KeelEvidence  *evidence,
                           GError       **error)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KEEL_IS_EVIDENCE (evidence), FALSE);

  return add_entity (self, KEEL_KIND_EVIDENCE, G_OBJECT (evidence), error);
}

/**
 * keel_project_update_evidence:
 * @self: a #KeelProject
 * @draft: (transfer none): a changed copy of the evidence with the same id
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success (also when nothing changed)
 */
gboolean
keel_project_update_evidence (KeelProject   *self,
                              KeelEvidence  *draft,
                              GError       **error)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KEEL_IS_EVIDENCE (draft), FALSE);

  return update_entity (self, KEEL_KIND_EVIDENCE, G_OBJECT (draft), error);
}

/**
 * keel_project_delete_evidence:
 * @self: a #KeelProject
 * @id: the evidence's id
 * @error: return location for a #GError
 *
 * Deletes the evidence and, in the same undo step, every link to it.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_project_delete_evidence (KeelProject  *self,
                              const char   *id,
                              GError      **error)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return delete_entity (self, KEEL_KIND_EVIDENCE, id, error);
}

/**
 * keel_project_add_item:
 * @self: a #KeelProject
 * @item: (transfer none): a new item with a free id
 * @error: return location for a #GError
 *
 * Adds @item at its own position (see keel_project_get_next_position()). On success
 * @item itself is the project's object; the caller keeps its own reference.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_project_add_item (KeelProject  *self,
                       KeelItem     *item,
                       GError      **error)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KEEL_IS_ITEM (item), FALSE);

  return add_entity (self, KEEL_KIND_ITEM, G_OBJECT (item), error);
}

/**
 * keel_project_update_item:
 * @self: a #KeelProject
 * @draft: (transfer none): a changed copy of the item with the same id
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success (also when nothing changed)
 */
gboolean
keel_project_update_item (KeelProject  *self,
                          KeelItem     *draft,
                          GError      **error)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KEEL_IS_ITEM (draft), FALSE);

  return update_entity (self, KEEL_KIND_ITEM, G_OBJECT (draft), error);
}

/**
 * keel_project_delete_item:
 * @self: a #KeelProject
 * @id: the item's id
 * @error: return location for a #GError
 *
 * Deletes the item and, in the same undo step, the dependencies on it.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_project_delete_item (KeelProject  *self,
                          const char   *id,
                          GError      **error)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return delete_entity (self, KEEL_KIND_ITEM, id, error);
}

static int
compare_place_order (gconstpointer a,
                     gconstpointer b)
{
  KeelItem *ia = *(KeelItem **) a, *ib = *(KeelItem **) b;

  if (ia->position != ib->position)
    return ia->position < ib->position ? -1 : 1;
  return strcmp (ia->id, ib->id);
}

/* The items of (@dimension, @horizon) but @except, in board order. */
static GPtrArray *
place_items (KeelProject   *self,
             KeelDimension  dimension,
             KeelHorizon    horizon,
             KeelItem      *except)
{
  GPtrArray *items = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->by_id[KEEL_KIND_ITEM]);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      KeelItem *item = value;

      if (item != except && item->dimension == dimension && item->horizon == horizon)
        g_ptr_array_add (items, item);
    }

  g_ptr_array_sort (items, compare_place_order);
  return items;
}

/* Adds an op for each item of @items whose position is not its index (or, for @moved,
 * whose place also changed). */
static void
renumber (GPtrArray     *ops,
          GPtrArray     *items,
          KeelItem      *moved,
          KeelDimension  dimension,
          KeelHorizon    horizon)
{
  for (guint i = 0; i < items->len; i++)
    {
      KeelItem *item = g_ptr_array_index (items, i);
      KeelItem *after;

      if (item->position == (gint64) i
          && (item != moved || (item->dimension == dimension && item->horizon == horizon)))
        continue;

      after = keel_item_copy (item);
      after->position = i;
      if (item == moved)
        {
          after->dimension = dimension;
          after->horizon = horizon;
        }

      g_ptr_array_add (ops, keel_op_new_entity (KEEL_KIND_ITEM, G_OBJECT (keel_item_copy (item)),
                                                G_OBJECT (after)));
    }
}

/**
 * keel_project_move_item:
 * @self: a #KeelProject
 * @id: the item's id
 * @dimension: its new dimension
 * @horizon: its new horizon
 * @position: its new index in that place (0 = first; past the end = last)
 * @error: return location for a #GError
 *
 * Moves an item on the board and renumbers the positions of the place it left and the
 * place it joined 0, 1, 2, …, as one undo step.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_project_move_item (KeelProject    *self,
                        const char     *id,
                        KeelDimension   dimension,
                        KeelHorizon     horizon,
                        guint           position,
                        GError        **error)
{
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GPtrArray) destination = NULL;
  g_autofree char *label = NULL;
  KeelItem *item;

  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!keel_project_check_editable (self, error))
    return FALSE;

  item = keel_project_lookup_item (self, id);
  if (item == NULL)
    return unknown_id (id, error);

  if ((guint) dimension >= KEEL_N_DIMENSIONS || (guint) horizon >= KEEL_N_HORIZONS)
    {
      g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                   _("“%s”: the place to move it to does not exist."), item->title);
      return FALSE;
    }

  ops = ops_new ();
  destination = place_items (self, dimension, horizon, item);
  g_ptr_array_insert (destination, MIN (position, destination->len), item);
  renumber (ops, destination, item, dimension, horizon);

  if (item->dimension != dimension || item->horizon != horizon)
    {
      g_autoptr(GPtrArray) source = place_items (self, item->dimension, item->horizon, item);

      renumber (ops, source, NULL, dimension, horizon);
    }

  label = g_strdup_printf (_("Move “%s”"), item->title);
  return keel_project_run_edit (self, label, g_steal_pointer (&ops), TRUE, error);
}

/**
 * keel_project_add_debt:
 * @self: a #KeelProject
 * @debt: (transfer none): a new debt with a free id
 * @error: return location for a #GError
 *
 * Adds @debt. On success @debt itself is the project's object; the caller keeps its
 * own reference.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_project_add_debt (KeelProject  *self,
                       KeelDebt     *debt,
                       GError      **error)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KEEL_IS_DEBT (debt), FALSE);

  return add_entity (self, KEEL_KIND_DEBT, G_OBJECT (debt), error);
}

/**
 * keel_project_update_debt:
 * @self: a #KeelProject
 * @draft: (transfer none): a changed copy of the debt with the same id
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success (also when nothing changed)
 */
gboolean
keel_project_update_debt (KeelProject  *self,
                          KeelDebt     *draft,
                          GError      **error)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KEEL_IS_DEBT (draft), FALSE);

  return update_entity (self, KEEL_KIND_DEBT, G_OBJECT (draft), error);
}

/**
 * keel_project_delete_debt:
 * @self: a #KeelProject
 * @id: the debt's id
 * @error: return location for a #GError
 *
 * Deletes the debt and, in the same undo step, the items' links to it.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_project_delete_debt (KeelProject  *self,
                          const char   *id,
                          GError      **error)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return delete_entity (self, KEEL_KIND_DEBT, id, error);
}

/**
 * keel_project_add_signal:
 * @self: a #KeelProject
 * @signal: (transfer none): a new signal with a free id
 * @error: return location for a #GError
 *
 * Adds @signal; a project has at most one signal of each data kind. On success @signal
 * itself is the project's object; the caller keeps its own reference.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_project_add_signal (KeelProject  *self,
                         KeelSignal   *signal,
                         GError      **error)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KEEL_IS_SIGNAL (signal), FALSE);

  return add_entity (self, KEEL_KIND_SIGNAL, G_OBJECT (signal), error);
}

/**
 * keel_project_update_signal:
 * @self: a #KeelProject
 * @draft: (transfer none): a changed copy of the signal with the same id
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success (also when nothing changed)
 */
gboolean
keel_project_update_signal (KeelProject  *self,
                            KeelSignal   *draft,
                            GError      **error)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KEEL_IS_SIGNAL (draft), FALSE);

  return update_entity (self, KEEL_KIND_SIGNAL, G_OBJECT (draft), error);
}

/**
 * keel_project_delete_signal:
 * @self: a #KeelProject
 * @id: the signal's id
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
keel_project_delete_signal (KeelProject  *self,
                            const char   *id,
                            GError      **error)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return delete_entity (self, KEEL_KIND_SIGNAL, id, error);
}

/**
 * keel_project_add_entities:
 * @self: a #KeelProject
 * @label: the undo label
 * @entities: (element-type GObject): new #KeelEvidence, #KeelItem, #KeelDebt and
 *   #KeelSignal objects, in any order
 * @out_failed: (out) (optional): on failure, the index in @entities of the entity at
 *   fault
 * @error: return location for a #GError
 *
 * Adds many entities at once, as one edit (or part of the open group): their links may
 * point to each other, whatever the order. This is the fast way to fill a project (a
 * JSON import). The objects are copied; @entities is not changed.
 *
 * Returns: %TRUE on success; on failure nothing is added
 */
gboolean
keel_project_add_entities (KeelProject  *self,
                           const char   *label,
                           GPtrArray    *entities,
                           guint        *out_failed,
                           GError      **error)
{
  Scope scope = { self, { NULL, } };
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (entities != NULL, FALSE);

  if (out_failed != NULL)
    *out_failed = 0;

  if (!keel_project_check_editable (self, error))
    return FALSE;

  drafts = g_ptr_array_new_full (entities->len, g_object_unref);
  for (guint k = 0; k < KEEL_N_KINDS; k++)
    scope.batch[k] = g_hash_table_new (g_str_hash, g_str_equal);

  /* First every id, so that links may point forward. */
  for (guint i = 0; i < entities->len; i++)
    {
      GObject *object = g_ptr_array_index (entities, i);
      KeelKind kind = kind_of_object (object);
      GObject *draft;
      const char *id;

      if (kind == KEEL_N_KINDS)
        {
          g_critical ("%s: entity %u is not an evidence, item, debt or signal", G_STRFUNC, i);
          goto out;
        }

      draft = keel_kind_copy (kind, object);
      g_ptr_array_add (drafts, draft);
      id = keel_kind_get_id (kind, draft);
      if (id == NULL)
        continue;

      for (guint k = 0; k < KEEL_N_KINDS; k++)
        if (g_hash_table_contains (scope.batch[k], id))
          {
            if (out_failed != NULL)
              *out_failed = i;
            g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_DUPLICATE_ID,
                         _("“%s”: the id “%s” is already used."), entity_label (kind, draft), id);
            goto out;
          }

      g_hash_table_insert (scope.batch[kind], (gpointer) id, draft);
    }

  ops = ops_new ();
  for (guint i = 0; i < drafts->len; i++)
    {
      GObject *draft = g_ptr_array_index (drafts, i);
      KeelKind kind = kind_of_object (draft);

      if (!prepare_entity (&scope, kind, draft, TRUE, error))
        {
          if (out_failed != NULL)
            *out_failed = i;
          goto out;
        }

      g_ptr_array_add (ops, keel_op_new_entity (kind, NULL, g_object_ref (draft)));
    }

  ok = keel_project_run_edit (self, label, g_steal_pointer (&ops), TRUE, error);

out:
  for (guint k = 0; k < KEEL_N_KINDS; k++)
    g_hash_table_unref (scope.batch[k]);

  return ok;
}

/**
 * keel_project_add_default_signals:
 * @self: a #KeelProject
 * @error: return location for a #GError
 *
 * Adds the three data signals of a new project — "sig-ret" (retention plateau),
 * "sig-org" (organic growth), "sig-se" (Sean Ellis), all required — for each kind the
 * project does not have yet, after its other signals. Loading never invents signals:
 * `keel-cli new`, New and a JSON import without "signals" call this. Outside a group
 * it is not an undo step (a new project starts with an empty history); inside a group
 * it joins the group.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_project_add_default_signals (KeelProject  *self,
                                  GError      **error)
{
  g_autoptr(GPtrArray) ops = NULL;
  GHashTableIter iter;
  gpointer value;
  gint64 position = 0;
  gboolean present[KEEL_N_SIGNAL_KINDS] = { FALSE, };

  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);

  if (!keel_project_check_editable (self, error))
    return FALSE;

  g_hash_table_iter_init (&iter, self->by_id[KEEL_KIND_SIGNAL]);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      KeelSignal *signal = value;

      present[signal->kind] = TRUE;
      position = MAX (position, signal->position + 1);
    }

  ops = ops_new ();
  for (guint i = 0; i < G_N_ELEMENTS (default_signals); i++)
    {
      KeelSignal *signal;
      g_autofree char *id = NULL;

      if (present[default_signals[i].kind])
        continue;

      id = id_in_use (self, default_signals[i].id) ? keel_project_new_id (self, "sig")
                                                   : g_strdup (default_signals[i].id);
      /* Two fresh ids in one call must differ: new_id() cannot see the first yet. */
      for (guint j = 0; j < ops->len; j++)
        {
          KeelOp *other = g_ptr_array_index (ops, j);

          if (strcmp (KEEL_SIGNAL (other->after)->id, id) == 0)
            {
              g_free (id);
              id = g_strdup_printf ("%s-%u", default_signals[i].id, i);
            }
        }

      signal = keel_signal_new (id, default_signals[i].kind);
      signal->required = TRUE;
      signal->position = position++;
      g_ptr_array_add (ops, keel_op_new_entity (KEEL_KIND_SIGNAL, NULL, G_OBJECT (signal)));
    }

  return keel_project_run_edit (self, _("Add Signals"), g_steal_pointer (&ops), FALSE, error);
}

/* ---- Public API: channel classes and the retention period ---- */

static gboolean
find_channel_class (KeelProject       *self,
                    const char        *folded,
                    KeelChannelClass  *out_class)
{
  gpointer value;

  if (g_hash_table_lookup_extended (self->channel_folded, folded, NULL, &value))
    {
      *out_class = GPOINTER_TO_INT (value);
      return TRUE;
    }

  return keel_channel_default_class (folded, out_class);
}

/**
 * keel_channel_fold:
 * @channel: an acquisition channel
 *
 * @channel as Keel matches channels: without surrounding spaces, case-folded.
 *
 * Returns: (transfer full): the folded channel
 */
char *
keel_channel_fold (const char *channel)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (channel != NULL, NULL);

  stripped = g_strstrip (g_strdup (channel));
  return g_utf8_casefold (stripped, -1);
}

#define fold_channel keel_channel_fold

/**
 * keel_channel_default_class:
 * @channel: an acquisition channel, in any case
 * @out_class: (out): its default class
 *
 * The class the defaults of PRODUCT.md give @channel, so that the application can tell
 * a project's own choice from one that only repeats the default (as every exported
 * project does: export writes the classes in full).
 *
 * Returns: %FALSE when no default names @channel
 */
gboolean
keel_channel_default_class (const char       *channel,
                            KeelChannelClass *out_class)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (channel != NULL, FALSE);
  g_return_val_if_fail (out_class != NULL, FALSE);

  folded = fold_channel (channel);
  for (guint i = 0; i < G_N_ELEMENTS (default_channel_classes); i++)
    if (strcmp (default_channel_classes[i].channel, folded) == 0)
      {
        *out_class = default_channel_classes[i].klass;
        return TRUE;
      }
  return FALSE;
}

/**
 * keel_project_classify_channel:
 * @self: a #KeelProject
 * @channel: an acquisition channel as imported
 * @out_class: (out): its class
 *
 * Classes @channel by the project's own classes, then by the defaults, ignoring case
 * and surrounding spaces.
 *
 * Returns: %TRUE if @channel has a class
 */
gboolean
keel_project_classify_channel (KeelProject      *self,
                               const char       *channel,
                               KeelChannelClass *out_class)
{
  g_autofree char *folded = NULL;
  KeelChannelClass klass;

  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (channel != NULL, FALSE);

  if (!g_utf8_validate (channel, -1, NULL))
    return FALSE;

  folded = fold_channel (channel);
  if (!find_channel_class (self, folded, &klass))
    return FALSE;

  if (out_class != NULL)
    *out_class = klass;
  return TRUE;
}

/**
 * keel_project_get_channel_classes:
 * @self: a #KeelProject
 *
 * Returns: (transfer none) (element-type utf8 gint): the project's own classes:
 *   channel (the user's spelling) to #KeelChannelClass as GINT_TO_POINTER()
 */
GHashTable *
keel_project_get_channel_classes (KeelProject *self)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), NULL);

  return self->channel_classes;
}

/* The project's own spelling of @channel, matched ignoring case. */
static const char *
find_channel_spelling (KeelProject *self,
                       const char  *channel)
{
  g_autofree char *folded = fold_channel (channel);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->channel_classes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *other = fold_channel (key);

      if (strcmp (other, folded) == 0)
        return key;
    }

  return NULL;
}

/**
 * keel_project_get_own_channel_class:
 * @self: a #KeelProject
 * @channel: an acquisition channel, in any case
 * @out_class: (out) (optional): the project's class of it
 *
 * The class the project itself gives @channel, even when it only repeats the default.
 *
 * Returns: %FALSE when the project has no class of its own for @channel
 */
gboolean
keel_project_get_own_channel_class (KeelProject      *self,
                                    const char       *channel,
                                    KeelChannelClass *out_class)
{
  const char *spelling;

  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (channel != NULL, FALSE);

  if (!g_utf8_validate (channel, -1, NULL))
    return FALSE;
  spelling = find_channel_spelling (self, channel);
  if (spelling == NULL)
    return FALSE;
  if (out_class != NULL)
    *out_class = (KeelChannelClass) GPOINTER_TO_INT (g_hash_table_lookup (self->channel_classes,
                                                                           spelling));
  return TRUE;
}

static void
add_listed_channel (GHashTable *seen,
                    GPtrArray  *channels,
                    const char *channel)
{
  char *folded;

  if (channel == NULL || !g_utf8_validate (channel, -1, NULL))
    return;
  folded = fold_channel (channel);
  if (folded[0] == '\0' || g_hash_table_contains (seen, folded))
    {
      g_free (folded);
      return;
    }
  g_hash_table_add (seen, folded);
  g_ptr_array_add (channels, g_strdup (channel));
}

static int
compare_listed_channels (gconstpointer a,
                         gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/**
 * keel_project_list_channels:
 * @self: a #KeelProject
 * @error: return location for a #GError
 *
 * The channels whose class a user may want to see or change: every channel of the
 * active acquisition rows, and every channel the project classes otherwise than the
 * defaults. A class that only repeats the default (every exported project spells the
 * defaults out) is listed only when the data has the channel.
 *
 * Returns: (transfer full) (element-type utf8): the channels, one per folded name,
 *   sorted; %NULL with @error set when the rows cannot be read
 */
GPtrArray *
keel_project_list_channels (KeelProject  *self,
                            GError      **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) channels = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *stmt;
  gboolean row, ok;

  g_return_val_if_fail (KEEL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_hash_table_iter_init (&iter, self->channel_classes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      KeelChannelClass fallback;

      if (!keel_channel_default_class (key, &fallback)
          || fallback != (KeelChannelClass) GPOINTER_TO_INT (value))
        add_listed_channel (seen, channels, key);
    }

  stmt = keel_db_prepare (self->db,
                          "SELECT DISTINCT channel FROM acquisition"
                          " WHERE import_id IN (SELECT id FROM imports WHERE active)",
                          error);
  if (stmt == NULL)
    return NULL;
  while ((ok = step_row (self->db, stmt, &row, error)) && row)
    add_listed_channel (seen, channels, (const char *) sqlite3_column_text (stmt, 0));
  if (!ok)
    return NULL;

  g_ptr_array_sort (channels, compare_listed_channels);
  return g_steal_pointer (&channels);
}

static gboolean
change_channel_class (KeelProject  *self,
                      const char   *channel,
                      int           klass,   /* -1: remove */
                      GError      **error)
{
  g_autoptr(GPtrArray) ops = NULL;
  const char *existing;
  KeelOp *op;

  if (!keel_project_check_editable (self, error))
    return FALSE;

  if (!g_utf8_validate (channel, -1, NULL) || is_blank (channel))
    {
      g_set_error_literal (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                           _("A channel needs a name."));
      return FALSE;
    }

  existing = find_channel_spelling (self, channel);
  if (klass < 0 && existing == NULL)
    return TRUE;
  if (existing != NULL && strcmp (existing, channel) == 0
      && GPOINTER_TO_INT (g_hash_table_lookup (self->channel_classes, existing)) == klass)
    return TRUE;

  op = keel_op_new (KEEL_OP_CHANNEL_CLASS);
  op->str_before = g_strdup (existing);
  op->int_before = existing ? GPOINTER_TO_INT (g_hash_table_lookup (self->channel_classes, existing)) : 0;
  op->str_after = klass >= 0 ? g_strdup (channel) : NULL;
  op->int_after = MAX (klass, 0);
  ops = ops_new ();
  g_ptr_array_add (ops, op);

  return keel_project_run_edit (self, _("Change Channel Class"), g_steal_pointer (&ops), TRUE, error);
}

/**
 * keel_project_set_channel_class:
 * @self: a #KeelProject
 * @channel: a channel, in the user's spelling
 * @klass: its class
 * @error: return location for a #GError
 *
 * Sets the class of @channel. An entry that matches @channel ignoring case is
 * replaced, spelling included.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_project_set_channel_class (KeelProject       *self,
                                const char        *channel,
                                KeelChannelClass   klass,
                                GError           **error)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (channel != NULL, FALSE);

  if ((guint) klass >= KEEL_N_CHANNEL_CLASSES)
    {
      g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                   _("“%s”: the channel class is not one of the allowed values."), channel);
      return FALSE;
    }

  return change_channel_class (self, channel, klass, error);
}

/**
 * keel_project_unset_channel_class:
 * @self: a #KeelProject
 * @channel: a channel (matched ignoring case)
 * @error: return location for a #GError
 *
 * Removes the project's own class of @channel; the defaults apply again.
 *
 * Returns: %TRUE on success (also when it had no class of its own)
 */
gboolean
keel_project_unset_channel_class (KeelProject  *self,
                                  const char   *channel,
                                  GError      **error)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (channel != NULL, FALSE);

  return change_channel_class (self, channel, -1, error);
}

/**
 * keel_project_set_retention_period:
 * @self: a #KeelProject
 * @period: the period of a retention column
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
keel_project_set_retention_period (KeelProject          *self,
                                   KeelRetentionPeriod   period,
                                   GError              **error)
{
  g_autoptr(GPtrArray) ops = NULL;
  KeelOp *op;

  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);

  if (!keel_project_check_editable (self, error))
    return FALSE;

  if ((guint) period >= KEEL_N_RETENTION_PERIODS)
    {
      g_set_error_literal (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                           _("The retention period must be a week or a month."));
      return FALSE;
    }

  if (period == self->retention_period)
    return TRUE;

  op = keel_op_new (KEEL_OP_RETENTION_PERIOD);
  op->int_before = self->retention_period;
  op->int_after = period;
  ops = ops_new ();
  g_ptr_array_add (ops, op);

  return keel_project_run_edit (self, _("Change Retention Period"), g_steal_pointer (&ops), TRUE,
                                error);
}
