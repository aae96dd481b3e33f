/* keel-rule-wishlist-scope.c: features come from data, not from the wishlist.
 *
 * After an MVP, scope should grow where usage data, requests, interviews, metrics or
 * experiments show that users want something. A live product feature in Now or Next,
 * or in progress, that links to no such evidence is wishlist scope. Incidents and
 * "other" notes do not count: they say something broke or was noticed, not that users
 * want the feature.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-checks"

#include "config.h"

#include <glib/gi18n.h>

#include "keel-rules-private.h"

static gboolean
shows_demand (KeelEvidenceKind kind)
{
  switch (kind)
    {
    case KEEL_EVIDENCE_KIND_USAGE:
    case KEEL_EVIDENCE_KIND_REQUEST:
    case KEEL_EVIDENCE_KIND_INTERVIEW:
    case KEEL_EVIDENCE_KIND_METRIC:
    case KEEL_EVIDENCE_KIND_EXPERIMENT:
      return TRUE;
    case KEEL_EVIDENCE_KIND_INCIDENT:
    case KEEL_EVIDENCE_KIND_OTHER:
    case KEEL_N_EVIDENCE_KINDS:
    default:
      return FALSE;
    }
}

static char *
describe (const KeelItem *item,
          gboolean        has_other_evidence)
{
  if (item->status == KEEL_STATUS_IN_PROGRESS)
    return g_strdup_printf (has_other_evidence
                            ? _("“%s” is in progress, but none of its evidence shows that users want it (only incidents or other notes).")
                            : _("“%s” is in progress without evidence that users want it."),
                            item->title);

  /* Translators: the second %s is a horizon, "Now" or "Next". */
  return g_strdup_printf (has_other_evidence
                          ? _("“%s” is in %s, but none of its evidence shows that users want it (only incidents or other notes).")
                          : _("“%s” is in %s without evidence that users want it."),
                          item->title, keel_horizon_to_label (item->horizon));
}

void
keel_rule_wishlist_scope (KeelCheckContext   *context,
                          const KeelRuleInfo *rule)
{
  for (guint i = 0; i < context->items->len; i++)
    {
      KeelItem *item = g_ptr_array_index (context->items, i);
      gboolean backed = FALSE, has_other_evidence = FALSE;

      if (!keel_item_is_live (item) ||
          item->dimension != KEEL_DIMENSION_PRODUCT ||
          item->kind != KEEL_ITEM_KIND_FEATURE)
        continue;
      if (item->horizon != KEEL_HORIZON_NOW && item->horizon != KEEL_HORIZON_NEXT &&
          item->status != KEEL_STATUS_IN_PROGRESS)
        continue;

      for (guint e = 0; e < item->evidence->len && !backed; e++)
        {
          KeelEvidence *evidence = keel_check_context_lookup_evidence (context, g_ptr_array_index (item->evidence, e));

          if (evidence == NULL)
            continue;
          if (shows_demand (evidence->kind))
            backed = TRUE;
          else
            has_other_evidence = TRUE;
        }

      if (backed)
        continue;

      keel_check_emit (context, rule, KEEL_SUBJECT_ITEM, item->id, item->title,
                       describe (item, has_other_evidence),
                       g_strdup (_("Link the usage data, requests, interviews, metrics or experiment that show users want it, or move it to Later until there is some.")));
    }
}
