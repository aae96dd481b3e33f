/* keel-format.h: how the application writes numbers, dates and states for people.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "keel-signals.h"

G_BEGIN_DECLS

/* "42%" or "42.5%" for a fraction. */
char       *keel_format_percent        (double      fraction);
/* "1.5 pp": a difference of fractions in percentage points. */
char       *keel_format_points         (double      fraction);
/* A date "YYYY-MM-DD" in the user's language ("2 Oct 2026"). */
char       *keel_format_date           (const char *date);
/* How long before @as_of (NULL: today) @date was: "today", "3 days ago", ... */
char       *keel_format_age            (const char *date,
                                        const char *as_of);
/* A signal's value and threshold as the fit view shows them. */
char       *keel_format_signal_value     (const KeelSignalResult *result);
char       *keel_format_signal_threshold (const KeelSignalResult *result);
/* The same in a few characters ("≥ 40%", "≤ 1 pp"), for figures. */
char       *keel_format_signal_threshold_short (const KeelSignalResult *result);
/* A number without needless decimals ("5", "0.05", "1,234"). */
char       *keel_format_number         (double      value);

const char *keel_format_state_icon (KeelSignalState state);
/* The CSS class that colours a state: "success", "warning", "error" or "dim-label". */
const char *keel_format_state_css_class (KeelSignalState state);
const char *keel_format_severity_icon     (KeelSeverity    severity);
const char *keel_format_severity_css_class     (KeelSeverity    severity);
/* "Error", "Warning", "Note" */
const char *keel_format_severity_label       (KeelSeverity    severity);
/* "Errors", "Warnings", "Notes" */
const char *keel_format_severity_heading    (KeelSeverity    severity);

G_END_DECLS
