/* keel-report.h: the readiness report for a board meeting (PRODUCT.md, "Interchange",
 * "Report") — the gate, every signal, the board by dimension and horizon, the debt
 * totals and top bottlenecks, and the findings with their hints — as Markdown (text and
 * GitHub tables) and as an A4 PDF with charts (cairo).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "keel-project.h"
#include "keel-signals.h"
#include "keel-checks.h"

G_BEGIN_DECLS

#define KEEL_REPORT_ERROR (keel_report_error_quark ())
typedef enum {
  KEEL_REPORT_ERROR_UNSUPPORTED,  /* this build of Keel has no PDF support (no cairo) */
  KEEL_REPORT_ERROR_RENDER,       /* cairo could not draw the document */
  KEEL_REPORT_ERROR_WRITE,        /* the file could not be written */
} KeelReportError;
GQuark keel_report_error_quark (void);

/* A cell of the board with more items than this lists counts by status instead of the
 * items' titles, so that the report stays readable for thousands of items. */
#define KEEL_REPORT_MAX_ITEMS_PER_CELL 8
/* Findings listed per severity; the rest are counted. */
#define KEEL_REPORT_MAX_FINDINGS_PER_SEVERITY 50
/* Bottlenecks listed, largest weekly interest first. */
#define KEEL_REPORT_TOP_BOTTLENECKS 5

char      *keel_report_markdown  (KeelProject     *project,
                                  const KeelGate  *gate,
                                  GPtrArray       *findings);

/* TRUE when this build can write PDF reports. */
gboolean   keel_report_can_pdf   (void);

GBytes    *keel_report_pdf_bytes (KeelProject     *project,
                                  const KeelGate  *gate,
                                  GPtrArray       *findings,
                                  GError         **error);

gboolean   keel_report_pdf       (KeelProject     *project,
                                  const KeelGate  *gate,
                                  GPtrArray       *findings,
                                  const char      *path,
                                  GError         **error);

/* Writes @contents to @file whole or not at all (a temporary file renamed over it),
 * so that a failed write never leaves a partial report. */
gboolean   keel_report_write_file (GFile          *file,
                                   const char     *contents,
                                   gsize           length,
                                   GError        **error);

/* The heading the report and the application give a severity. */
const char *keel_report_severity_heading  (KeelSeverity   severity);

G_END_DECLS
