/* keel-tasks.h: the slow work of the app — reading a CSV import, rendering the report —
 * done in a worker thread (GTask) so that the window stays responsive.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "keel-csv.h"
#include "keel-project.h"
#include "keel-signals.h"

G_BEGIN_DECLS

/* Reads and checks @file as @dataset in a worker thread, then (in
 * keel_csv_import_finish(), on the main thread) adds its rows to @project as one
 * undoable step. On error nothing is imported; the errors are those of
 * keel_csv_import_file(). */
void      keel_csv_import_async  (KeelProject                *project,
                                  KeelDataset                 dataset,
                                  GFile                      *file,
                                  const KeelCsvImportOptions *options,
                                  GCancellable               *cancellable,
                                  GAsyncReadyCallback         callback,
                                  gpointer                    user_data);
gboolean  keel_csv_import_finish (KeelProject                *project,
                                  GAsyncResult               *result,
                                  guint64                    *out_rows,
                                  GError                    **error);

/* Writes the readiness report of @project as of @gate's date to @file (Markdown for a
 * ".md" or ".markdown" file, PDF otherwise). The project is copied on the main thread
 * when this is called; the signals, the findings and the document are computed from
 * that copy in a worker thread, so later edits do not change the report. */
void      keel_report_write_async  (KeelProject         *project,
                                    const KeelGate      *gate,
                                    GFile               *file,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean  keel_report_write_finish (GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS
