/* keel-debt-editor.h: the editor of a debt — every field, its evidence, the items that
 * pay it down and the findings about it. Also creates new debts.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "keel-project.h"
#include "keel-link-group.h"
#include "keel-view-common.h"

G_BEGIN_DECLS

#define KEEL_TYPE_DEBT_EDITOR (keel_debt_editor_get_type ())
G_DECLARE_FINAL_TYPE (KeelDebtEditor, keel_debt_editor, KEEL, DEBT_EDITOR, AdwWindow)

/* An editor of @debt, or of a new debt when @debt is NULL (Save adds it). Modal over
 * @host's window; toasts about the saved edit go to @host's toast overlay. */
KeelDebtEditor *keel_debt_editor_new          (KeelProject      *project,
                                               KeelDebt         *debt,
                                               KeelFindingIndex *findings,
                                               GtkWidget        *host);
/* Opens (presents) an editor of the debt @id, or of a new debt when @id is NULL. */
KeelDebtEditor *keel_debt_editor_open         (KeelProject      *project,
                                               const char       *id,
                                               KeelFindingIndex *findings,
                                               GtkWidget        *host);

const char     *keel_debt_editor_get_debt_id  (KeelDebtEditor   *self);
gboolean        keel_debt_editor_is_new       (KeelDebtEditor   *self);
/* Applies the form as one undoable edit and closes; FALSE when refused. */
gboolean        keel_debt_editor_save         (KeelDebtEditor   *self);
gboolean        keel_debt_editor_delete       (KeelDebtEditor   *self);

/* For tests: the parts of the form ("title", "component", "quadrant", "principal",
 * "interest", "bottleneck", "hard-ceiling", "status", "owner", "recorded"). */
GtkWidget      *keel_debt_editor_get_field    (KeelDebtEditor   *self,
                                               const char       *name);
KeelLinkGroup  *keel_debt_editor_get_evidence_group (KeelDebtEditor *self);

G_END_DECLS
