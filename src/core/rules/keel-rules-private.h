/* keel-rules-private.h: what the rules of the sequencing checks share — the snapshot
 * they read (KeelCheckContext) and the way they report a finding.
 *
 * Each rule lives in its own keel-rule-<id>.c and is a pure function of the context:
 * it reads the items, debts, evidence, settings and gate, and emits findings. The
 * engine (keel-checks.c) sorts what they emit into the public order.
 */
#pragma once

#include "keel-checks.h"

G_BEGIN_DECLS

/* An open-addressing table from id to object, sized once for the snapshot: the rules
 * look ids up tens of thousands of times per run, on every edit in the application,
 * and GHashTable's growth and hashing were most of the engine's time. */
typedef struct
{
  guint        mask;     /* capacity - 1; capacity is a power of two */
  guint32     *hashes;
  const char **keys;     /* borrowed from the objects; NULL marks an empty slot */
  gpointer    *values;
} KeelIdIndex;

struct _KeelCheckContext
{
  char           *project_name;
  KeelSettings    settings;
  const KeelGate *gate;            /* borrowed; NULL skips the rules that read signals */

  GPtrArray      *items;           /* KeelItem, in the order added (the project's: by id) */
  GPtrArray      *debts;           /* KeelDebt */
  GPtrArray      *evidence;        /* KeelEvidence */

  /* Built before each run (keys borrowed from the objects). */
  gboolean        indexed;
  KeelIdIndex     item_index;      /* id -> GUINT_TO_POINTER (index in items + 1) */
  KeelIdIndex     debts_by_id;     /* id -> GUINT_TO_POINTER (index in debts + 1) */
  KeelIdIndex     evidence_by_id;  /* id -> KeelEvidence */

  GPtrArray      *findings;        /* KeelFinding, while a run collects them */
};

typedef void (*KeelRuleFunc) (KeelCheckContext   *context,
                              const KeelRuleInfo *rule);

/* A dropped item is ignored by every rule unless the rule names that status
 * (PRODUCT.md), so most rules only look at live items. */
static inline gboolean
keel_item_is_live (const KeelItem *item)
{
  return item->status != KEEL_STATUS_DROPPED;
}

/* The item with @id, or NULL; dropped items included. */
KeelItem     *keel_check_context_lookup_item     (KeelCheckContext *context,
                                                  const char       *id);
/* The index of the item with @id in context->items, or -1. */
gint64        keel_check_context_item_index      (KeelCheckContext *context,
                                                  const char       *id);
/* The index of the debt with @id in context->debts, or -1. */
gint64        keel_check_context_debt_index      (KeelCheckContext *context,
                                                  const char       *id);
KeelDebt     *keel_check_context_lookup_debt     (KeelCheckContext *context,
                                                  const char       *id);
KeelEvidence *keel_check_context_lookup_evidence (KeelCheckContext *context,
                                                  const char       *id);

/* The number of debts @item links to that exist (links to missing ids are ignored). */
guint         keel_check_context_count_debts     (KeelCheckContext *context,
                                                  KeelItem         *item);
/* The number of evidence items @item links to that exist. */
guint         keel_check_context_count_evidence  (KeelCheckContext *context,
                                                  KeelItem         *item);

/* "1 of 3 signals met", or "no signal is required" (translated, newly allocated). */
char         *keel_check_describe_gate           (const KeelGate   *gate);

/* Records a finding of @rule; takes @message and @hint. @subject_id is NULL for the
 * project. */
void          keel_check_emit                    (KeelCheckContext   *context,
                                                  const KeelRuleInfo *rule,
                                                  KeelSubjectType     subject_type,
                                                  const char         *subject_id,
                                                  const char         *subject_title,
                                                  char               *message,
                                                  char               *hint);

/* The rules, one per file. */
void keel_rule_premature_scaling       (KeelCheckContext *context, const KeelRuleInfo *rule);
void keel_rule_dependency_order        (KeelCheckContext *context, const KeelRuleInfo *rule);
void keel_rule_wishlist_scope          (KeelCheckContext *context, const KeelRuleInfo *rule);
void keel_rule_rewrite_from_scratch    (KeelCheckContext *context, const KeelRuleInfo *rule);
void keel_rule_everything_at_once      (KeelCheckContext *context, const KeelRuleInfo *rule);
void keel_rule_ignored_bottleneck      (KeelCheckContext *context, const KeelRuleInfo *rule);
void keel_rule_unbacked_rearchitecture (KeelCheckContext *context, const KeelRuleInfo *rule);
void keel_rule_stale_evidence          (KeelCheckContext *context, const KeelRuleInfo *rule);
void keel_rule_thin_sample             (KeelCheckContext *context, const KeelRuleInfo *rule);

G_END_DECLS
