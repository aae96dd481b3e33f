/* keel-debt-view.h: the debt register — a sortable, filterable table of the debts with
 * their totals and Fowler's quadrant, the items that pay each debt down, and "Plan a
 * Fix" to put the work on the board.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "keel-project.h"

G_BEGIN_DECLS

#define KEEL_TYPE_DEBT_VIEW (keel_debt_view_get_type ())
G_DECLARE_FINAL_TYPE (KeelDebtView, keel_debt_view, KEEL, DEBT_VIEW, AdwBin)

KeelDebtView *keel_debt_view_new          (void);
void          keel_debt_view_set_project  (KeelDebtView *self,
                                           KeelProject  *project);
/* The current findings (KeelFinding); the view copies what it needs. */
void          keel_debt_view_set_findings (KeelDebtView *self,
                                           GPtrArray    *findings);
/* Selects the debt @debt_id and scrolls to it, clearing a filter that hides it. FALSE
 * when there is no such debt. */
gboolean      keel_debt_view_reveal       (KeelDebtView *self,
                                           const char   *debt_id);

G_END_DECLS
