/* keel-board-view.h: the scaling board — the four dimensions side by side, each split
 * by horizon (Now, Next, Later), with cards that move by drag and drop and by keyboard.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "keel-project.h"

G_BEGIN_DECLS

#define KEEL_TYPE_BOARD_VIEW (keel_board_view_get_type ())
G_DECLARE_FINAL_TYPE (KeelBoardView, keel_board_view, KEEL, BOARD_VIEW, AdwBin)

KeelBoardView *keel_board_view_new          (void);
/* Shows @project (NULL: nothing). The view edits it only through its editing API. */
void           keel_board_view_set_project  (KeelBoardView *self,
                                             KeelProject   *project);
/* The current findings (KeelFinding); the view copies what it needs. */
void           keel_board_view_set_findings (KeelBoardView *self,
                                             GPtrArray     *findings);
/* Scrolls to the card of @item_id and focuses it, clearing a filter that hides it.
 * FALSE when there is no such item. */
gboolean       keel_board_view_reveal       (KeelBoardView *self,
                                             const char    *item_id);

G_END_DECLS
