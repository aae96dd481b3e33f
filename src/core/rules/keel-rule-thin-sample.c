/* keel-rule-thin-sample.c: enough survey answers to read the score.
 *
 * The Sean Ellis share is noise on a handful of answers, so the signal needs a minimum
 * number of respondents who use the product. When some have answered but fewer than
 * that, the signal cannot be met however they answered; the rule says how many more
 * answers are needed. (No answers at all is "no data", which the gate shows already.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-checks"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "keel-rules-private.h"

void
keel_rule_thin_sample (KeelCheckContext   *context,
                       const KeelRuleInfo *rule)
{
  const KeelGate *gate = context->gate;
  gint64 minimum = context->settings.min_survey_responses;

  if (gate == NULL || gate->results == NULL)
    return;

  for (guint i = 0; i < gate->results->len; i++)
    {
      const KeelSignalResult *result = g_ptr_array_index (gate->results, i);
      const char *id = result->signal != NULL ? result->signal->id : NULL;
      gint64 missing;

      if (result->kind != KEEL_SIGNAL_KIND_SEAN_ELLIS)
        continue;
      if (result->sample_size <= 0 || result->sample_size >= minimum)
        continue;

      missing = minimum - result->sample_size;
      keel_check_emit (context, rule, KEEL_SUBJECT_SIGNAL, id, result->name,
                       /* Translators: “Sean Ellis survey” has answers from 12 people who use the product; it needs at least 40. */
                       g_strdup_printf (ngettext ("“%s” has answers from %" PRId64 " person who uses the product; it needs at least %" PRId64 ".",
                                                  "“%s” has answers from %" PRId64 " people who use the product; it needs at least %" PRId64 ".",
                                                  (gulong) result->sample_size),
                                        result->name, result->sample_size, minimum),
                       g_strdup_printf (ngettext ("Survey more active users: %" PRId64 " more answer is needed before the score can count.",
                                                  "Survey more active users: %" PRId64 " more answers are needed before the score can count.",
                                                  (gulong) missing),
                                        missing));
    }
}
