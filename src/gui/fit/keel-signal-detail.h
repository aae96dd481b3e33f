/* keel-signal-detail.h: one fit signal in full — its numbers, its charts, the rows of
 * its dataset and "Import CSV…".
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "keel-project.h"
#include "keel-signals.h"
#include "keel-dataset-browser.h"

G_BEGIN_DECLS

#define KEEL_TYPE_SIGNAL_DETAIL (keel_signal_detail_get_type ())
G_DECLARE_FINAL_TYPE (KeelSignalDetail, keel_signal_detail, KEEL, SIGNAL_DETAIL, AdwBin)

GtkWidget          *keel_signal_detail_new         (void);
void                keel_signal_detail_set_project (KeelSignalDetail       *self,
                                                    KeelProject            *project);
/* Shows @result (NULL: nothing selected). The result belongs to a gate that the caller
 * keeps alive until the next call. */
void                keel_signal_detail_set_result  (KeelSignalDetail       *self,
                                                    const KeelSignalResult *result,
                                                    const char             *as_of);
/* The dataset that feeds the signal shown, FALSE for a custom signal or none. */
gboolean            keel_signal_detail_get_dataset (KeelSignalDetail       *self,
                                                    KeelDataset            *out_dataset);
/* Imports @file into the dataset shown, as the "Import CSV…" button does: the file is
 * read in a worker thread (the button waits and a spinner turns meanwhile), then its
 * rows are added as one undo step. An error is shown in place (and returned by
 * _finish), success adds a toast with Undo. */
void                keel_signal_detail_import_file_async  (KeelSignalDetail     *self,
                                                           GFile                *file,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean            keel_signal_detail_import_file_finish (KeelSignalDetail     *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
/* TRUE while a file is being read. */
gboolean            keel_signal_detail_is_importing (KeelSignalDetail       *self);
/* Opens the file chooser of "Import CSV…". */
void                keel_signal_detail_choose_import (KeelSignalDetail     *self);
KeelDatasetBrowser *keel_signal_detail_get_browser (KeelSignalDetail       *self);
/* The charts shown (GtkWidget*), for tests. */
GPtrArray          *keel_signal_detail_get_charts  (KeelSignalDetail       *self);
/* The row of the organic-growth signal that sets the class of @channel (matched
 * ignoring case), or NULL. */
AdwComboRow        *keel_signal_detail_get_channel_row (KeelSignalDetail   *self,
                                                        const char         *channel);
/* The text of the in-place import error, or NULL when none is shown. */
const char         *keel_signal_detail_get_import_error (KeelSignalDetail  *self);

G_END_DECLS
