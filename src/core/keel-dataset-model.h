/* keel-dataset-model.h: the active rows of one dataset as a GListModel, read from the
 * working copy in pages so that a million survey answers never become a million
 * objects at once.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "keel-project.h"

G_BEGIN_DECLS

/* One row: its rowid (for keel_project_delete_rows()) and its cells as text. */
#define KEEL_TYPE_DATASET_ROW (keel_dataset_row_get_type ())
G_DECLARE_FINAL_TYPE (KeelDatasetRow, keel_dataset_row, KEEL, DATASET_ROW, GObject)

gint64      keel_dataset_row_get_id     (KeelDatasetRow *self);
/* The text of @column ("" when the cell is empty). */
const char *keel_dataset_row_get_column (KeelDatasetRow *self,
                                         guint           column);

#define KEEL_TYPE_DATASET_MODEL (keel_dataset_model_get_type ())
G_DECLARE_FINAL_TYPE (KeelDatasetModel, keel_dataset_model, KEEL, DATASET_MODEL, GObject)

/* The model follows the project: after an edit of the datasets it reloads, emitting
 * one items-changed for the whole list. */
KeelDatasetModel *keel_dataset_model_new              (KeelProject      *project,
                                                       KeelDataset       dataset);
KeelDataset       keel_dataset_model_get_dataset      (KeelDatasetModel *self);
guint             keel_dataset_model_get_n_columns    (KeelDatasetModel *self);
/* The translated title of @column ("Cohort", "Answer", ...). */
const char       *keel_dataset_model_get_column_title (KeelDatasetModel *self,
                                                       guint             column);
/* Keeps only rows with a cell containing @text (case-insensitive); NULL or "" for all. */
void              keel_dataset_model_set_filter       (KeelDatasetModel *self,
                                                       const char       *text);
const char       *keel_dataset_model_get_filter       (KeelDatasetModel *self);
/* Reads the rows again (done automatically after edits of the datasets). */
void              keel_dataset_model_reload           (KeelDatasetModel *self);
/* The reason the last read failed, or NULL. */
const GError     *keel_dataset_model_get_error        (KeelDatasetModel *self);

G_END_DECLS
