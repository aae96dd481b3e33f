/* keel-item-editor.h: the editor of a board item — every field, its links to
 * evidence, debts and dependencies, and the findings that concern it.
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

#define KEEL_TYPE_ITEM_EDITOR (keel_item_editor_get_type ())
G_DECLARE_FINAL_TYPE (KeelItemEditor, keel_item_editor, KEEL, ITEM_EDITOR, AdwWindow)

/* An editor of @item (which must belong to @project), modal over @host's window.
 * @findings (nullable) tells which findings concern the item and is followed while
 * the editor is open. Toasts about the saved edit (deletion, Undo, "mark the debt
 * paid") go to @host's toast overlay. */
KeelItemEditor *keel_item_editor_new            (KeelProject      *project,
                                                 KeelItem         *item,
                                                 KeelFindingIndex *findings,
                                                 GtkWidget        *host);
/* Opens an editor of the item @id, if it exists. */
KeelItemEditor *keel_item_editor_open           (KeelProject      *project,
                                                 const char       *id,
                                                 KeelFindingIndex *findings,
                                                 GtkWidget        *host);

const char     *keel_item_editor_get_item_id    (KeelItemEditor   *self);
/* Applies the fields as one undoable edit and closes; FALSE (editor stays open, a
 * toast says why) when they are invalid or the project refused them. */
gboolean        keel_item_editor_save           (KeelItemEditor   *self);
/* Deletes the item (a toast offers Undo) and closes. */
gboolean        keel_item_editor_delete         (KeelItemEditor   *self);

/* For tests: the parts of the form. */
KeelLinkGroup  *keel_item_editor_get_link_group (KeelItemEditor   *self,
                                                 KeelLinkKind      kind);
GtkWidget      *keel_item_editor_get_field      (KeelItemEditor   *self,
                                                 const char       *name);
guint           keel_item_editor_get_n_findings (KeelItemEditor   *self);

G_END_DECLS
