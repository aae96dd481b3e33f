/* keel-rule-rewrite-from-scratch.c: re-architect step by step; rewrite only at a hard
 * ceiling.
 *
 * A rewrite from scratch stops delivery for its whole length and throws away the
 * knowledge the old code holds; incremental re-architecture keeps shipping. The only
 * case that justifies a rewrite is a platform that cannot be extended — a debt marked
 * hard ceiling. So a live rewrite item must pay down at least one such debt (whatever
 * that debt's status).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-checks"

#include "config.h"

#include <glib/gi18n.h>

#include "keel-rules-private.h"

void
keel_rule_rewrite_from_scratch (KeelCheckContext   *context,
                                const KeelRuleInfo *rule)
{
  for (guint i = 0; i < context->items->len; i++)
    {
      KeelItem *item = g_ptr_array_index (context->items, i);
      gboolean justified = FALSE;
      guint n_debts = 0;

      if (!keel_item_is_live (item) || item->kind != KEEL_ITEM_KIND_REWRITE)
        continue;

      for (guint d = 0; d < item->debts->len && !justified; d++)
        {
          KeelDebt *debt = keel_check_context_lookup_debt (context, g_ptr_array_index (item->debts, d));

          if (debt == NULL)
            continue;
          n_debts++;
          justified = debt->hard_ceiling;
        }

      if (justified)
        continue;

      keel_check_emit (context, rule, KEEL_SUBJECT_ITEM, item->id, item->title,
                       g_strdup_printf (n_debts == 0
                                        ? _("“%s” is a rewrite from scratch that pays down no debt marked as a hard ceiling.")
                                        : _("“%s” is a rewrite from scratch, but none of the debts it pays down is marked as a hard ceiling."),
                                        item->title),
                       g_strdup (_("Re-architect step by step while you keep shipping; rewrite only when a debt shows the platform cannot be extended (mark it hard ceiling and link it).")));
    }
}
