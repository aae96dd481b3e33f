/* keel-rule-premature-scaling.c: no growth or hiring before product-market fit.
 *
 * Scaling acquisition or the team before the fit signals are met is the classic way
 * post-MVP companies burn through their money (premature scaling). The rule fires for
 * every live item of kind growth or hiring that is in Now, in progress or done while
 * the gate is not passed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-checks"

#include "config.h"

#include <glib/gi18n.h>

#include "keel-rules-private.h"

static char *
describe (const KeelItem *item,
          const char     *gate_state)
{
  switch (item->status)
    {
    case KEEL_STATUS_IN_PROGRESS:
      /* Translators: the first %s is an item's title, the second like "1 of 3 signals met". */
      return g_strdup_printf (_("“%s” is in progress while the fit gate is not passed (%s)."),
                              item->title, gate_state);
    case KEEL_STATUS_DONE:
      return g_strdup_printf (_("“%s” is done while the fit gate is not passed (%s)."),
                              item->title, gate_state);
    case KEEL_STATUS_IDEA:
      return g_strdup_printf (_("“%s” is an idea for Now while the fit gate is not passed (%s)."),
                              item->title, gate_state);
    case KEEL_STATUS_PLANNED:
    case KEEL_STATUS_DROPPED:
    case KEEL_N_STATUSES:
    default:
      return g_strdup_printf (_("“%s” is planned for Now while the fit gate is not passed (%s)."),
                              item->title, gate_state);
    }
}

static char *
advise (const KeelItem *item)
{
  gboolean growth = item->kind == KEEL_ITEM_KIND_GROWTH;

  switch (item->status)
    {
    case KEEL_STATUS_IN_PROGRESS:
      return g_strdup (growth
                       ? _("Pause it until every required fit signal is met: paid acquisition before product-market fit buys users who do not stay.")
                       : _("Pause it until every required fit signal is met: hiring ahead of product-market fit adds cost before growth is proven."));
    case KEEL_STATUS_DONE:
      return g_strdup (growth
                       ? _("It already happened: hold further acquisition spending, watch the retention of the users it brought, and get the fit signals met before scaling on.")
                       : _("It already happened: hold further hiring and put the new people on reaching product-market fit before scaling on."));
    case KEEL_STATUS_IDEA:
    case KEEL_STATUS_PLANNED:
    case KEEL_STATUS_DROPPED:
    case KEEL_N_STATUSES:
    default:
      return g_strdup (growth
                       ? _("Move it to Next or Later until every required fit signal is met: paid acquisition before product-market fit buys users who do not stay.")
                       : _("Move it to Next or Later until every required fit signal is met: hiring ahead of product-market fit adds cost before growth is proven."));
    }
}

void
keel_rule_premature_scaling (KeelCheckContext   *context,
                             const KeelRuleInfo *rule)
{
  g_autofree char *gate_state = NULL;

  /* Without a gate there is nothing to compare with; a passed gate allows scaling. */
  if (context->gate == NULL || context->gate->passed)
    return;

  for (guint i = 0; i < context->items->len; i++)
    {
      KeelItem *item = g_ptr_array_index (context->items, i);

      if (!keel_item_is_live (item))
        continue;
      if (item->kind != KEEL_ITEM_KIND_GROWTH && item->kind != KEEL_ITEM_KIND_HIRING)
        continue;
      if (item->horizon != KEEL_HORIZON_NOW &&
          item->status != KEEL_STATUS_IN_PROGRESS &&
          item->status != KEEL_STATUS_DONE)
        continue;

      if (gate_state == NULL)
        gate_state = keel_check_describe_gate (context->gate);

      keel_check_emit (context, rule, KEEL_SUBJECT_ITEM, item->id, item->title,
                       describe (item, gate_state), advise (item));
    }
}
