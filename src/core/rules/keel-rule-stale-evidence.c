/* keel-rule-stale-evidence.c: decide on fresh data.
 *
 * A required signal whose newest data is older than the project's evidence age counts
 * as not met whatever it once showed; the rule says so, per signal, so the user knows
 * which dataset to refresh. The signals engine decides staleness (its state), so the
 * gate and this rule never disagree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-checks"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "keel-rules-private.h"

static const char *
advise (KeelSignalKind kind)
{
  switch (kind)
    {
    case KEEL_SIGNAL_KIND_RETENTION_PLATEAU:
      return _("Import the retention of recent cohorts; until then the signal does not count as met.");
    case KEEL_SIGNAL_KIND_ORGANIC_GROWTH:
      return _("Import the latest new users by channel; until then the signal does not count as met.");
    case KEEL_SIGNAL_KIND_SEAN_ELLIS:
      return _("Run the survey again with current users and import the answers; until then the signal does not count as met.");
    case KEEL_SIGNAL_KIND_CUSTOM:
    case KEEL_N_SIGNAL_KINDS:
    default:
      return _("Measure it again and enter the new value with its date; until then the signal does not count as met.");
    }
}

void
keel_rule_stale_evidence (KeelCheckContext   *context,
                          const KeelRuleInfo *rule)
{
  const KeelGate *gate = context->gate;

  if (gate == NULL || gate->results == NULL)
    return;

  for (guint i = 0; i < gate->results->len; i++)
    {
      const KeelSignalResult *result = g_ptr_array_index (gate->results, i);
      const char *id = result->signal != NULL ? result->signal->id : NULL;
      char *message;

      if (!result->required || result->state != KEEL_SIGNAL_STATE_STALE)
        continue;

      if (result->newest_data != NULL && keel_date_is_valid (result->newest_data) &&
          gate->as_of != NULL && keel_date_is_valid (gate->as_of))
        {
          gint64 age = keel_date_diff_days (result->newest_data, gate->as_of);

          /* Translators: “Retention plateau” has no data newer than 2026-05-02, 183 days before 2026-11-01; the evidence age is 90 days. */
          message = g_strdup_printf (_("“%s” has no data newer than %s, %" PRId64 " days before %s; the evidence age is %" PRId64 " days."),
                                     result->name, result->newest_data, age, gate->as_of,
                                     context->settings.evidence_max_age_days);
        }
      else
        message = g_strdup_printf (_("“%s” has no data newer than the evidence age of %" PRId64 " days."),
                                   result->name, context->settings.evidence_max_age_days);

      keel_check_emit (context, rule, KEEL_SUBJECT_SIGNAL, id, result->name, message,
                       g_strdup (advise (result->kind)));
    }
}
