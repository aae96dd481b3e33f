/* keel-board-cell.c: the items of one cell of the board.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-board-cell"

#include "config.h"

#include <string.h>

#include "keel-board-cell.h"

struct _KeelBoardCell
{
  GObject        parent_instance;
  KeelDimension  dimension;
  KeelHorizon    horizon;
  GPtrArray     *items;   /* KeelItem (ref) */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KeelBoardCell, keel_board_cell, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* ---- GListModel ---- */

static GType
keel_board_cell_get_item_type (GListModel *model)
{
  return KEEL_TYPE_ITEM;
}

static guint
keel_board_cell_get_n_items (GListModel *model)
{
  return KEEL_BOARD_CELL (model)->items->len;
}

static gpointer
keel_board_cell_get_item (GListModel *model,
                          guint       position)
{
  KeelBoardCell *self = KEEL_BOARD_CELL (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = keel_board_cell_get_item_type;
  iface->get_n_items = keel_board_cell_get_n_items;
  iface->get_item = keel_board_cell_get_item;
}

/* ---- Overrides ---- */

static void
keel_board_cell_finalize (GObject *object)
{
  KeelBoardCell *self = KEEL_BOARD_CELL (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (keel_board_cell_parent_class)->finalize (object);
}

static void
keel_board_cell_class_init (KeelBoardCellClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = keel_board_cell_finalize;
}

static void
keel_board_cell_init (KeelBoardCell *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/* ---- Public API ---- */

KeelBoardCell *
keel_board_cell_new (KeelDimension dimension,
                     KeelHorizon   horizon)
{
  KeelBoardCell *self = g_object_new (KEEL_TYPE_BOARD_CELL, NULL);

  self->dimension = dimension;
  self->horizon = horizon;
  return self;
}

KeelDimension
keel_board_cell_get_dimension (KeelBoardCell *self)
{
  g_return_val_if_fail (KEEL_IS_BOARD_CELL (self), 0);
  return self->dimension;
}

KeelHorizon
keel_board_cell_get_horizon (KeelBoardCell *self)
{
  g_return_val_if_fail (KEEL_IS_BOARD_CELL (self), 0);
  return self->horizon;
}

GPtrArray *
keel_board_cell_peek_items (KeelBoardCell *self)
{
  g_return_val_if_fail (KEEL_IS_BOARD_CELL (self), NULL);
  return self->items;
}

void
keel_board_cell_replace (KeelBoardCell *self,
                         GPtrArray     *items)
{
  guint old_len, new_len, prefix = 0, suffix = 0;
  g_autoptr(GPtrArray) old = NULL;

  g_return_if_fail (KEEL_IS_BOARD_CELL (self));
  g_return_if_fail (items != NULL);

  old_len = self->items->len;
  new_len = items->len;

  while (prefix < old_len && prefix < new_len &&
         g_ptr_array_index (self->items, prefix) == g_ptr_array_index (items, prefix))
    prefix++;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         g_ptr_array_index (self->items, old_len - 1 - suffix) ==
         g_ptr_array_index (items, new_len - 1 - suffix))
    suffix++;

  if (prefix == old_len && prefix == new_len)
    return;

  /* Swap in the new array first, then drop the old one: the list view reads the model
   * during items-changed. */
  old = g_steal_pointer (&self->items);
  self->items = g_ptr_array_new_full (new_len, g_object_unref);
  for (guint i = 0; i < new_len; i++)
    g_ptr_array_add (self->items, g_object_ref (g_ptr_array_index (items, i)));

  g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                              old_len - prefix - suffix,
                              new_len - prefix - suffix);
}

int
keel_board_cell_find (KeelBoardCell *self,
                      KeelItem      *item)
{
  guint index;

  g_return_val_if_fail (KEEL_IS_BOARD_CELL (self), -1);

  if (item == NULL || !g_ptr_array_find (self->items, item, &index))
    return -1;
  return (int) index;
}

int
keel_board_item_compare (KeelItem *a,
                         KeelItem *b)
{
  if (a->position != b->position)
    return a->position < b->position ? -1 : 1;
  return strcmp (a->id, b->id);
}
