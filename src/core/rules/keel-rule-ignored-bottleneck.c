/* keel-rule-ignored-bottleneck.c: pay debt where it bottlenecks growth.
 *
 * Debt is worth paying first where it limits growth. An open bottleneck that no item
 * in Now (or in progress) pays down is ignored — but only a problem while technology
 * work that pays down no debt is being done in its place. One finding per such
 * bottleneck debt. A dropped item neither pays a debt nor competes with one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-checks"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "keel-rules-private.h"

static gboolean
is_current (const KeelItem *item)
{
  return keel_item_is_live (item) &&
         (item->horizon == KEEL_HORIZON_NOW || item->status == KEEL_STATUS_IN_PROGRESS);
}

void
keel_rule_ignored_bottleneck (KeelCheckContext   *context,
                              const KeelRuleInfo *rule)
{
  g_autofree gboolean *paid = NULL;
  KeelItem *competitor = NULL;
  guint n_competitors = 0;

  /* The technology work that pays down no debt, now: the first by id names them. */
  for (guint i = 0; i < context->items->len; i++)
    {
      KeelItem *item = g_ptr_array_index (context->items, i);

      if (!is_current (item) || item->dimension != KEEL_DIMENSION_TECHNOLOGY)
        continue;
      if (keel_check_context_count_debts (context, item) > 0)
        continue;
      if (competitor == NULL || strcmp (item->id, competitor->id) < 0)
        competitor = item;
      n_competitors++;
    }

  if (competitor == NULL)
    return;

  /* The debts that current work pays down. */
  paid = g_new0 (gboolean, MAX (context->debts->len, 1));
  for (guint i = 0; i < context->items->len; i++)
    {
      KeelItem *item = g_ptr_array_index (context->items, i);

      if (!is_current (item))
        continue;
      for (guint d = 0; d < item->debts->len; d++)
        {
          gint64 index = keel_check_context_debt_index (context, g_ptr_array_index (item->debts, d));
          if (index >= 0)
            paid[index] = TRUE;
        }
    }

  for (guint i = 0; i < context->debts->len; i++)
    {
      KeelDebt *debt = g_ptr_array_index (context->debts, i);
      char *message;

      if (!debt->bottleneck || debt->status != KEEL_DEBT_STATUS_OPEN)
        continue;
      if (paid[i])
        continue;

      if (n_competitors == 1)
        message = g_strdup_printf (competitor->status == KEEL_STATUS_IN_PROGRESS
                                   ? _("No work in Now or in progress pays down the bottleneck “%s”, while “%s”, technology work that pays down no debt, is in progress.")
                                   : _("No work in Now or in progress pays down the bottleneck “%s”, while “%s”, technology work that pays down no debt, is in Now."),
                                   debt->title, competitor->title);
      else
        message = g_strdup_printf (ngettext ("No work in Now or in progress pays down the bottleneck “%s”, while “%s” and %u other technology item that pay down no debt are in Now or in progress.",
                                             "No work in Now or in progress pays down the bottleneck “%s”, while “%s” and %u other technology items that pay down no debt are in Now or in progress.",
                                             n_competitors - 1),
                                   debt->title, competitor->title, n_competitors - 1);

      keel_check_emit (context, rule, KEEL_SUBJECT_DEBT, debt->id, debt->title, message,
                       g_strdup_printf (_("Put an item that pays down “%s” in Now, ahead of technology work that pays down no debt: a bottleneck limits growth, and what it costs grows with it."),
                                        debt->title));
    }
}
