/* keel-debt-view-private.h: what the debt editor and the tests reach inside the debt
 * view.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "keel-debt-view.h"
#include "keel-debt-editor.h"
#include "keel-quadrant-chart.h"
#include "keel-item-editor.h"

G_BEGIN_DECLS

/* The columns of the table, in order. */
typedef enum {
  KEEL_DEBT_COLUMN_TITLE,
  KEEL_DEBT_COLUMN_COMPONENT,
  KEEL_DEBT_COLUMN_QUADRANT,
  KEEL_DEBT_COLUMN_PRINCIPAL,
  KEEL_DEBT_COLUMN_INTEREST,
  KEEL_DEBT_COLUMN_BOTTLENECK,
  KEEL_DEBT_COLUMN_HARD_CEILING,
  KEEL_DEBT_COLUMN_STATUS,
  KEEL_DEBT_COLUMN_AGE,
  KEEL_N_DEBT_COLUMNS
} KeelDebtColumn;

/* Registers the debt view's resources (once). */
void               keel_debt_view_resources_init  (void);

/* The rows as shown: filtered and sorted (KeelDebt). */
GListModel        *keel_debt_view_get_rows        (KeelDebtView  *self);
GtkColumnView     *keel_debt_view_get_column_view (KeelDebtView  *self);
KeelQuadrantChart *keel_debt_view_get_chart       (KeelDebtView  *self);
/* Sorts by @column, as a click on its header does. */
void               keel_debt_view_sort_by         (KeelDebtView  *self,
                                                   KeelDebtColumn column,
                                                   GtkSortType    order);
/* @text (NULL: any), @status (KeelDebtStatus or -1), @quadrant (KeelQuadrant or -1). */
void               keel_debt_view_set_filter      (KeelDebtView  *self,
                                                   const char    *text,
                                                   int            status,
                                                   int            quadrant);
/* The totals shown: principal in days and weekly interest of the open and scheduled
 * debts, and the weekly interest of the open bottlenecks. */
void               keel_debt_view_get_totals      (KeelDebtView  *self,
                                                   double        *principal,
                                                   double        *interest,
                                                   double        *bottleneck_interest);
const char        *keel_debt_view_get_selected_id (KeelDebtView  *self);
/* The items that pay the selected debt down, as listed. */
guint              keel_debt_view_get_n_payers    (KeelDebtView  *self);
/* "Plan a Fix" for @debt_id: adds an item on the board (opened in an editor when
 * @open_editor) and returns it. */
KeelItem          *keel_debt_view_plan_fix        (KeelDebtView  *self,
                                                   const char    *debt_id,
                                                   gboolean       open_editor);
gboolean           keel_debt_view_delete_debt     (KeelDebtView  *self,
                                                   const char    *debt_id);

G_END_DECLS
