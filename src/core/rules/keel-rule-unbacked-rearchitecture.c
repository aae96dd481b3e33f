/* keel-rule-unbacked-rearchitecture.c: re-architecture and hardening have a reason.
 *
 * Architecture work competes with features for the same people. When it pays down no
 * recorded debt and rests on no evidence (an incident, a metric), nobody can weigh it
 * against the rest of the plan. A note, not a warning: the reason may simply not be
 * written down yet. Done and dropped items are past deciding.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-checks"

#include "config.h"

#include <glib/gi18n.h>

#include "keel-rules-private.h"

void
keel_rule_unbacked_rearchitecture (KeelCheckContext   *context,
                                   const KeelRuleInfo *rule)
{
  for (guint i = 0; i < context->items->len; i++)
    {
      KeelItem *item = g_ptr_array_index (context->items, i);

      if (item->kind != KEEL_ITEM_KIND_REARCHITECTURE && item->kind != KEEL_ITEM_KIND_HARDENING)
        continue;
      if (item->status == KEEL_STATUS_DONE || item->status == KEEL_STATUS_DROPPED)
        continue;
      if (keel_check_context_count_debts (context, item) > 0 ||
          keel_check_context_count_evidence (context, item) > 0)
        continue;

      keel_check_emit (context, rule, KEEL_SUBJECT_ITEM, item->id, item->title,
                       g_strdup_printf (item->kind == KEEL_ITEM_KIND_HARDENING
                                        ? _("“%s” hardens the system but links to no debt and no evidence.")
                                        : _("“%s” re-architects the system but links to no debt and no evidence."),
                                        item->title),
                       g_strdup (_("Link the debt it pays down, or the evidence (incidents, metrics) that shows it is needed, so it can be weighed against the rest of the plan.")));
    }
}
