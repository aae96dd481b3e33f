/* keel-board-cell.h: the items of one cell of the board (a dimension and a horizon)
 * that pass the board's filter, in board order, as a GListModel of KeelItem.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "keel-entities.h"

G_BEGIN_DECLS

#define KEEL_TYPE_BOARD_CELL (keel_board_cell_get_type ())
G_DECLARE_FINAL_TYPE (KeelBoardCell, keel_board_cell, KEEL, BOARD_CELL, GObject)

KeelBoardCell *keel_board_cell_new          (KeelDimension  dimension,
                                             KeelHorizon    horizon);
KeelDimension  keel_board_cell_get_dimension (KeelBoardCell *self);
KeelHorizon    keel_board_cell_get_horizon   (KeelBoardCell *self);

/* The items now shown (KeelItem, owned by the cell); do not modify. */
GPtrArray     *keel_board_cell_peek_items   (KeelBoardCell *self);
/* Replaces the items by @items (KeelItem, in order; the cell takes its own references)
 * and emits the smallest single items-changed that turns the old list into the new
 * one, so the list view keeps the rows, focus and scroll position it can. */
void           keel_board_cell_replace      (KeelBoardCell *self,
                                             GPtrArray     *items);
/* The position of @item in the cell, or -1. */
int            keel_board_cell_find         (KeelBoardCell *self,
                                             KeelItem      *item);

/* Board order: position, then id (byte order). */
int            keel_board_item_compare      (KeelItem      *a,
                                             KeelItem      *b);

G_END_DECLS
