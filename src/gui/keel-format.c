/* keel-format.c: how the application writes numbers, dates and states for people.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-format"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "keel-format.h"
#include "keel-report.h"

static gboolean
is_whole (double value)
{
  return fabs (value - round (value)) < 1e-9;
}

char *
keel_format_number (double value)
{
  if (!isfinite (value))
    return g_strdup ("—");

  if (is_whole (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%'.0f", value);

  /* Up to four significant decimals, without trailing zeros. */
  g_autofree char *text = g_strdup_printf ("%'.4f", value);
  char *end = text + strlen (text) - 1;
  while (end > text && *end == '0')
    *end-- = '\0';
  return g_steal_pointer (&text);
}

char *
keel_format_percent (double fraction)
{
  double percent = fraction * 100.0;

  if (!isfinite (percent))
    return g_strdup ("—");

  /* Translators: a percentage; keep the %% (the percent sign) */
  if (is_whole (percent) || fabs (percent) >= 10.0)
    return g_strdup_printf (_("%.0f%%"), percent);
  /* Translators: a percentage with one decimal; keep the %% */
  return g_strdup_printf (_("%.1f%%"), percent);
}

char *
keel_format_points (double fraction)
{
  double points = fraction * 100.0;

  if (!isfinite (points))
    return g_strdup ("—");
  /* Translators: percentage points ("pp"), the difference of two percentages */
  if (is_whole (points))
    return g_strdup_printf (_("%.0f pp"), points);
  return g_strdup_printf (_("%.1f pp"), points);
}

static GDateTime *
date_time_from_iso (const char *date)
{
  int year, month, day;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return NULL;
  return g_date_time_new_local (year, month, day, 12, 0, 0);
}

char *
keel_format_date (const char *date)
{
  g_autoptr(GDateTime) dt = date_time_from_iso (date);

  if (dt == NULL)
    return g_strdup (date != NULL ? date : "—");
  /* Translators: a date as the app shows it, in strftime() format (here "2 Oct 2026") */
  return g_date_time_format (dt, _("%-e %b %Y"));
}

char *
keel_format_age (const char *date,
                 const char *as_of)
{
  g_autofree char *today = NULL;
  gint64 days;

  if (date == NULL || !keel_date_is_valid (date))
    return g_strdup (_("no data"));
  if (as_of == NULL)
    as_of = today = keel_date_today ();

  days = keel_date_diff_days (date, as_of);
  if (days < 0)
    return g_strdup (_("in the future"));
  if (days == 0)
    return g_strdup (_("today"));
  if (days < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", days),
                            (int) days);
  if (days < 730)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month ago", "%d months ago",
                                         days / 30),
                            (int) (days / 30));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year ago", "%d years ago",
                                       days / 365),
                          (int) (days / 365));
}

char *
keel_format_signal_value (const KeelSignalResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  if (!result->has_value)
    return g_strdup ("—");

  switch (result->kind)
    {
    case KEEL_SIGNAL_KIND_RETENTION_PLATEAU:
      return keel_format_points (result->value);
    case KEEL_SIGNAL_KIND_ORGANIC_GROWTH:
    case KEEL_SIGNAL_KIND_SEAN_ELLIS:
      return keel_format_percent (result->value);
    case KEEL_SIGNAL_KIND_CUSTOM:
    case KEEL_N_SIGNAL_KINDS:
    default:
      return keel_format_number (result->value);
    }
}

char *
keel_format_signal_threshold (const KeelSignalResult *result)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  switch (result->kind)
    {
    case KEEL_SIGNAL_KIND_RETENTION_PLATEAU:
      number = keel_format_points (result->threshold);
      /* Translators: the retention curve's last changes must be at most this */
      return g_strdup_printf (_("at most %s per period"), number);
    case KEEL_SIGNAL_KIND_ORGANIC_GROWTH:
    case KEEL_SIGNAL_KIND_SEAN_ELLIS:
      number = keel_format_percent (result->threshold);
      /* Translators: a share must be at least this */
      return g_strdup_printf (_("at least %s"), number);
    case KEEL_SIGNAL_KIND_CUSTOM:
    case KEEL_N_SIGNAL_KINDS:
    default:
      number = keel_format_number (result->threshold);
      return g_strdup_printf ("%s %s", keel_comparison_symbol (result->comparison), number);
    }
}

char *
keel_format_signal_threshold_short (const KeelSignalResult *result)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  switch (result->kind)
    {
    case KEEL_SIGNAL_KIND_RETENTION_PLATEAU:
      number = keel_format_points (result->threshold);
      return g_strdup_printf ("≤ %s", number);
    case KEEL_SIGNAL_KIND_ORGANIC_GROWTH:
    case KEEL_SIGNAL_KIND_SEAN_ELLIS:
      number = keel_format_percent (result->threshold);
      return g_strdup_printf ("≥ %s", number);
    case KEEL_SIGNAL_KIND_CUSTOM:
    case KEEL_N_SIGNAL_KINDS:
    default:
      return keel_format_signal_threshold (result);
    }
}

const char *
keel_format_state_icon (KeelSignalState state)
{
  switch (state)
    {
    case KEEL_SIGNAL_STATE_MET:     return "emblem-ok-symbolic";
    case KEEL_SIGNAL_STATE_NOT_MET: return "process-stop-symbolic";
    case KEEL_SIGNAL_STATE_STALE:   return "task-past-due-symbolic";
    case KEEL_SIGNAL_STATE_NO_DATA:
    default:
      return "action-unavailable-symbolic";
    }
}

const char *
keel_format_state_css_class (KeelSignalState state)
{
  switch (state)
    {
    case KEEL_SIGNAL_STATE_MET:     return "success";
    case KEEL_SIGNAL_STATE_NOT_MET: return "error";
    case KEEL_SIGNAL_STATE_STALE:   return "warning";
    case KEEL_SIGNAL_STATE_NO_DATA:
    default:
      return "dim-label";
    }
}

const char *
keel_format_severity_icon (KeelSeverity severity)
{
  switch (severity)
    {
    case KEEL_SEVERITY_ERROR:   return "dialog-error-symbolic";
    case KEEL_SEVERITY_WARNING: return "dialog-warning-symbolic";
    case KEEL_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

const char *
keel_format_severity_css_class (KeelSeverity severity)
{
  switch (severity)
    {
    case KEEL_SEVERITY_ERROR:   return "error";
    case KEEL_SEVERITY_WARNING: return "warning";
    case KEEL_SEVERITY_INFO:
    default:
      return "accent";
    }
}

const char *
keel_format_severity_heading (KeelSeverity severity)
{
  return keel_report_severity_heading (severity);
}

const char *
keel_format_severity_label (KeelSeverity severity)
{
  switch (severity)
    {
    case KEEL_SEVERITY_ERROR:   return _("Error");
    case KEEL_SEVERITY_WARNING: return _("Warning");
    case KEEL_SEVERITY_INFO:
    default:
      return _("Note");
    }
}
