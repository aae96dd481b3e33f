/* keel-board-view-private.h: what the cards, the editor and the tests reach inside the
 * board view.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "keel-board-view.h"
#include "keel-board-card.h"
#include "keel-board-cell.h"
#include "keel-item-editor.h"
#include "keel-view-common.h"

G_BEGIN_DECLS

KeelProject      *keel_board_view_get_project       (KeelBoardView *self);
KeelFindingIndex *keel_board_view_get_finding_index (KeelBoardView *self);
KeelBoardCell    *keel_board_view_get_cell          (KeelBoardView *self,
                                                     KeelDimension  dimension,
                                                     KeelHorizon    horizon);
/* The cell's one-column GtkGridView. */
GtkWidget        *keel_board_view_get_cell_list     (KeelBoardView *self,
                                                     KeelDimension  dimension,
                                                     KeelHorizon    horizon);

/* Filters the cards: @text (NULL: any), @kind and @status (-1: any). */
void              keel_board_view_set_filter        (KeelBoardView *self,
                                                     const char    *text,
                                                     int            kind,
                                                     int            status);

/* The moves, each one undoable step through keel_project_move_item(). */

/* Drops @id into (@dimension, @horizon) before the @index-th card shown there
 * (index = the number of cards shown: after the last), as a drag and drop does. */
gboolean          keel_board_view_drop_item         (KeelBoardView *self,
                                                     const char    *id,
                                                     KeelDimension  dimension,
                                                     KeelHorizon    horizon,
                                                     guint          index);
/* "Move to…": to the end of (@dimension, @horizon). */
gboolean          keel_board_view_move_item_to      (KeelBoardView *self,
                                                     const char    *id,
                                                     KeelDimension  dimension,
                                                     KeelHorizon    horizon);
/* Alt+Up/Down: one card up (@delta -1) or down (+1) within its cell. */
gboolean          keel_board_view_reorder_item      (KeelBoardView *self,
                                                     const char    *id,
                                                     int            delta);
/* Alt+Left/Right: to the earlier (-1) or later (+1) horizon; Alt+Shift+Left/Right:
 * to the previous or next dimension. */
gboolean          keel_board_view_shift_item        (KeelBoardView *self,
                                                     const char    *id,
                                                     int            horizon_delta,
                                                     int            dimension_delta);
gboolean          keel_board_view_set_item_status   (KeelBoardView *self,
                                                     const char    *id,
                                                     KeelStatus     status);
/* Deletes the item; a toast offers Undo. */
gboolean          keel_board_view_delete_item       (KeelBoardView *self,
                                                     const char    *id);
/* Adds a new item titled @title at the end of (@dimension, @horizon). */
KeelItem         *keel_board_view_add_item          (KeelBoardView *self,
                                                     KeelDimension  dimension,
                                                     KeelHorizon    horizon,
                                                     const char    *title);
KeelItemEditor   *keel_board_view_edit_item         (KeelBoardView *self,
                                                     const char    *id);

/* Drag and drop feedback from the cards. */
void              _keel_board_view_drag_ended       (KeelBoardView *self);

G_END_DECLS
