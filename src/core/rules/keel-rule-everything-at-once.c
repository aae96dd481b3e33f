/* keel-rule-everything-at-once.c: limit work in progress.
 *
 * Scaling touches four dimensions, but a small team that pushes all of them at once
 * finishes none (work-in-progress limits, as in Kanban). One finding about the whole
 * project when items are in progress in all four dimensions, or when more items are in
 * progress than the project's WIP limit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-checks"

#include "config.h"

#include <glib/gi18n.h>

#include "keel-rules-private.h"

void
keel_rule_everything_at_once (KeelCheckContext   *context,
                              const KeelRuleInfo *rule)
{
  guint per_dimension[KEEL_N_DIMENSIONS] = { 0, };
  guint n_in_progress = 0, n_dimensions = 0;
  gboolean all_dimensions, over_limit;
  gint64 limit = context->settings.wip_limit;
  char *message, *hint;

  for (guint i = 0; i < context->items->len; i++)
    {
      KeelItem *item = g_ptr_array_index (context->items, i);

      /* In progress is never dropped, so no separate test for dropped items. */
      if (item->status != KEEL_STATUS_IN_PROGRESS || (guint) item->dimension >= KEEL_N_DIMENSIONS)
        continue;
      per_dimension[item->dimension]++;
      n_in_progress++;
    }

  for (guint d = 0; d < KEEL_N_DIMENSIONS; d++)
    if (per_dimension[d] > 0)
      n_dimensions++;

  all_dimensions = n_dimensions == KEEL_N_DIMENSIONS;
  over_limit = (gint64) n_in_progress > limit;

  if (!all_dimensions && !over_limit)
    return;

  if (all_dimensions && over_limit)
    message = g_strdup_printf (ngettext ("%u item is in progress across all four dimensions, more than the work-in-progress limit of %u.",
                                         "%u items are in progress across all four dimensions, more than the work-in-progress limit of %u.",
                                         n_in_progress),
                               n_in_progress, (guint) limit);
  else if (over_limit)
    message = g_strdup_printf (ngettext ("%u item is in progress, more than the work-in-progress limit of %u.",
                                         "%u items are in progress, more than the work-in-progress limit of %u.",
                                         n_in_progress),
                               n_in_progress, (guint) limit);
  else
    message = g_strdup_printf (_("Work is in progress in all four dimensions at once: %u in technology, %u in product, %u in team and %u in infrastructure."),
                               per_dimension[KEEL_DIMENSION_TECHNOLOGY],
                               per_dimension[KEEL_DIMENSION_PRODUCT],
                               per_dimension[KEEL_DIMENSION_TEAM],
                               per_dimension[KEEL_DIMENSION_INFRASTRUCTURE]);

  if (over_limit)
    hint = g_strdup_printf (ngettext ("Finish work before starting more: move items back to Planned until at most %u is in progress.",
                                      "Finish work before starting more: move items back to Planned until at most %u are in progress.",
                                      (guint) limit),
                            (guint) limit);
  else
    hint = g_strdup (_("Focus on the dimension that limits growth now, finish it, and move the rest back to Planned."));

  keel_check_emit (context, rule, KEEL_SUBJECT_PROJECT, NULL, context->project_name,
                   message, hint);
}
