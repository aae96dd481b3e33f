/* keel-dataset-browser.h: the imported rows of one dataset — browse, filter, delete.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "keel-dataset-model.h"
#include "keel-project.h"

G_BEGIN_DECLS

#define KEEL_TYPE_DATASET_BROWSER (keel_dataset_browser_get_type ())
G_DECLARE_FINAL_TYPE (KeelDatasetBrowser, keel_dataset_browser, KEEL, DATASET_BROWSER, AdwBin)

GtkWidget        *keel_dataset_browser_new          (void);
/* Shows @dataset of @project (NULL: nothing). */
void              keel_dataset_browser_set_dataset  (KeelDatasetBrowser *self,
                                                     KeelProject        *project,
                                                     KeelDataset         dataset);
KeelDatasetModel *keel_dataset_browser_get_model    (KeelDatasetBrowser *self);
GtkSelectionModel *keel_dataset_browser_get_selection (KeelDatasetBrowser *self);
void              keel_dataset_browser_set_filter   (KeelDatasetBrowser *self,
                                                     const char         *text);
void              keel_dataset_browser_focus_filter (KeelDatasetBrowser *self);
/* Deletes the selected rows (one undo step); FALSE with @error if the project refused. */
gboolean          keel_dataset_browser_delete_selected (KeelDatasetBrowser *self,
                                                        GError            **error);

G_END_DECLS
