/* keel-board-card.h: one item on the board — title, kind, status, evidence count,
 * owner, effort, target date, and a marker when a finding concerns it. Its menu
 * moves, edits and deletes the item; it can be dragged to another cell.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "keel-entities.h"

G_BEGIN_DECLS

typedef struct _KeelBoardView KeelBoardView;

#define KEEL_TYPE_BOARD_CARD (keel_board_card_get_type ())
G_DECLARE_FINAL_TYPE (KeelBoardCard, keel_board_card, KEEL, BOARD_CARD, AdwBin)

KeelBoardCard *keel_board_card_new      (KeelBoardView *view);
KeelItem      *keel_board_card_get_item (KeelBoardCard *self);
void           keel_board_card_set_item (KeelBoardCard *self,
                                         KeelItem      *item);
/* The marker's state, for tests: TRUE when a finding concerns the item. */
gboolean       keel_board_card_has_marker (KeelBoardCard *self);

G_END_DECLS
