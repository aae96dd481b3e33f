/* keel-board-view.c: the scaling board.
 *
 * Why one virtualised list per cell over a model of our own: GTK 4.8 has no sections
 * in a list view and cannot scroll one to an item, so a single list of 20,000 items
 * cannot show twelve places side by side. Twelve GtkFilterListModels over the project's list
 * would each re-test all 20,000 items on every edit and re-announce what they show.
 * Instead the view keeps, per cell, a KeelBoardCell that holds exactly the items shown
 * there in board order, and maintains all twelve incrementally: an edit marks the
 * items it touched dirty (through their "changed" signal and the project list's
 * items-changed), and when the project announces the edit only the cells those items
 * left or entered are re-sorted; each then emits one minimal items-changed, so the
 * list views keep their rows, scroll positions and focus.
 *
 * Why each cell is a one-column GtkGridView rather than a GtkListView: a GtkListView
 * keeps up to 200 rows alive around its anchor whatever its height
 * (GTK_LIST_VIEW_MAX_LIST_ITEMS), so twelve of them over a large project build about
 * 2,400 cards before the first frame. A grid view keeps 30 rows per column
 * (GTK_GRID_VIEW_MAX_VISIBLE_ROWS) plus a few: the board builds about 400 cards, for the
 * rows on screen and a little beyond, however many items there are.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-board-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "keel-board-view-private.h"

#define N_CELLS (KEEL_N_DIMENSIONS * KEEL_N_HORIZONS)
/* How close to an edge (in pixels) a drag must come to scroll, and how fast (pixels
 * per second) it scrolls at the very edge. */
#define AUTOSCROLL_EDGE      48.0
#define AUTOSCROLL_MAX_SPEED 900.0

typedef struct
{
  KeelBoardView *view;
  KeelDimension  dimension;
  KeelHorizon    horizon;
  KeelBoardCell *model;
  GtkWidget     *box;
  GtkWidget     *scroller;
  GtkWidget     *list;          /* GtkGridView of one column */
  GtkLabel      *count_label;
  GtkWidget     *empty_label;
  GtkPopover    *add_popover;
  GtkEntry      *add_entry;
  double         scroll_speed;
  guint          scroll_tick;
  gint64         scroll_last_time;
} Cell;

typedef struct
{
  int     cell;      /* index into cells, -1 when the filter hides the item */
  gulong  handler;   /* its "changed" */
  char   *folded;    /* folded searchable text, NULL until needed */
} ItemRecord;

struct _KeelBoardView
{
  AdwBin              parent_instance;

  /* Template children */
  GtkSearchEntry     *search_entry;
  GtkDropDown        *kind_dropdown;
  GtkDropDown        *status_dropdown;
  GtkLabel           *count_label;
  AdwSqueezer        *filter_squeezer;
  GtkScrolledWindow  *board_scroller;
  GtkBox             *columns_box;

  GtkLabel           *dimension_counts[KEEL_N_DIMENSIONS];
  Cell                cells[N_CELLS];
  GtkListItemFactory *factory;

  KeelProject        *project;
  GListModel         *items;
  gulong              items_changed_handler;
  gulong              project_changed_handler;
  GPtrArray          *mirror;     /* KeelItem (ref), in the project list's order */
  GHashTable         *records;    /* KeelItem -> ItemRecord */
  GHashTable         *dirty;      /* KeelItem set, each also in records */
  gboolean            affected[N_CELLS];
  guint               flush_source;

  char               *needle;     /* folded search text */
  int                 kind_filter;
  int                 status_filter;
  gboolean            setting_filter;

  KeelFindingIndex   *findings;

  GtkWidget          *marked_card;   /* weak: the card the drop indicator is on */
  const char         *mark_class;
  double              hscroll_speed;
  guint               hscroll_tick;
  gint64              hscroll_last_time;

  KeelItem           *focus_target;  /* the card to focus once it is on screen */
  GtkWidget          *focus_list;
  guint               focus_tick;
  int                 focus_attempts;
  gboolean            focus_highlight;
  char               *pending_reveal;
};

G_DEFINE_FINAL_TYPE (KeelBoardView, keel_board_view, ADW_TYPE_BIN)

/* ---- Prototypes ---- */

static void flush (KeelBoardView *self);

/* ---- Helpers ---- */

static Cell *
get_cell (KeelBoardView *self,
          KeelDimension  dimension,
          KeelHorizon    horizon)
{
  g_assert ((guint) dimension < KEEL_N_DIMENSIONS && (guint) horizon < KEEL_N_HORIZONS);
  return &self->cells[dimension * KEEL_N_HORIZONS + horizon];
}

static void
item_record_free (gpointer data)
{
  ItemRecord *record = data;

  g_free (record->folded);
  g_free (record);
}

static int
item_compare_func (gconstpointer a,
                   gconstpointer b)
{
  return keel_board_item_compare (*(KeelItem **) a, *(KeelItem **) b);
}

static int
compute_cell (KeelBoardView *self,
              KeelItem      *item,
              ItemRecord    *record)
{
  if ((guint) item->dimension >= KEEL_N_DIMENSIONS || (guint) item->horizon >= KEEL_N_HORIZONS)
    return -1;
  if (self->kind_filter >= 0 && (int) item->kind != self->kind_filter)
    return -1;
  if (self->status_filter >= 0 && (int) item->status != self->status_filter)
    return -1;
  if (self->needle != NULL && self->needle[0] != '\0')
    {
      if (record->folded == NULL)
        {
          g_autofree char *text = g_strjoin ("\n", item->title,
                                             item->owner != NULL ? item->owner : "",
                                             item->description, item->id, NULL);
          record->folded = keel_view_fold (text);
        }
      if (strstr (record->folded, self->needle) == NULL)
        return -1;
    }
  return item->dimension * KEEL_N_HORIZONS + item->horizon;
}

static void
update_counts (KeelBoardView *self)
{
  guint shown = 0, total = self->mirror->len;
  guint per_dimension[KEEL_N_DIMENSIONS] = { 0, };
  g_autofree char *text = NULL;

  for (guint c = 0; c < N_CELLS; c++)
    {
      Cell *cell = &self->cells[c];
      guint n = g_list_model_get_n_items (G_LIST_MODEL (cell->model));
      g_autofree char *number = g_strdup_printf ("%u", n);

      shown += n;
      per_dimension[cell->dimension] += n;
      gtk_label_set_label (cell->count_label, number);
      gtk_widget_set_visible (cell->empty_label, n == 0);
    }

  for (guint d = 0; d < KEEL_N_DIMENSIONS; d++)
    {
      g_autofree char *number = g_strdup_printf ("%u", per_dimension[d]);
      gtk_label_set_label (self->dimension_counts[d], number);
    }

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", total), total);
  else
    /* Translators: the board's count while a filter hides some items */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u item", "%u of %u items", total),
                            shown, total);
  gtk_label_set_label (self->count_label, text);
}

static void
flush (KeelBoardView *self)
{
  GHashTableIter iter;
  gpointer key;
  gboolean any = FALSE;

  g_clear_handle_id (&self->flush_source, g_source_remove);

  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      KeelItem *item = key;
      ItemRecord *record = g_hash_table_lookup (self->records, item);

      if (record == NULL)
        continue;
      if (record->cell >= 0)
        self->affected[record->cell] = TRUE;
      record->cell = compute_cell (self, item, record);
      if (record->cell >= 0)
        self->affected[record->cell] = TRUE;
    }

  for (int c = 0; c < N_CELLS; c++)
    {
      g_autoptr(GPtrArray) items = NULL;
      GPtrArray *old;

      if (!self->affected[c])
        continue;
      self->affected[c] = FALSE;
      any = TRUE;

      old = keel_board_cell_peek_items (self->cells[c].model);
      items = g_ptr_array_sized_new (old->len + 16);
      for (guint i = 0; i < old->len; i++)
        {
          KeelItem *item = g_ptr_array_index (old, i);
          ItemRecord *record;

          if (g_hash_table_contains (self->dirty, item))
            continue;
          record = g_hash_table_lookup (self->records, item);
          if (record != NULL && record->cell == c)
            g_ptr_array_add (items, item);
        }

      g_hash_table_iter_init (&iter, self->dirty);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          ItemRecord *record = g_hash_table_lookup (self->records, key);
          if (record != NULL && record->cell == c)
            g_ptr_array_add (items, key);
        }

      g_ptr_array_sort (items, item_compare_func);
      keel_board_cell_replace (self->cells[c].model, items);
    }

  g_hash_table_remove_all (self->dirty);
  if (any)
    update_counts (self);
}

static gboolean
flush_idle_cb (gpointer user_data)
{
  KeelBoardView *self = user_data;

  self->flush_source = 0;
  flush (self);
  return G_SOURCE_REMOVE;
}

static void
mark_dirty (KeelBoardView *self,
            KeelItem      *item)
{
  g_hash_table_add (self->dirty, item);
  /* The project announces every edit with "changed", which flushes at once; the idle
   * only catches a change announced some other way. */
  if (self->flush_source == 0)
    self->flush_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, flush_idle_cb, self, NULL);
}

static void
item_changed_cb (KeelItem      *item,
                 KeelBoardView *self)
{
  ItemRecord *record = g_hash_table_lookup (self->records, item);

  if (record != NULL)
    g_clear_pointer (&record->folded, g_free);
  mark_dirty (self, item);
}

static void
forget_item (KeelBoardView *self,
             KeelItem      *item)
{
  ItemRecord *record = g_hash_table_lookup (self->records, item);

  if (record == NULL)
    return;
  if (record->cell >= 0)
    self->affected[record->cell] = TRUE;
  g_clear_signal_handler (&record->handler, item);
  g_hash_table_remove (self->dirty, item);
  g_hash_table_remove (self->records, item);
}

static void
items_changed_cb (GListModel    *model,
                  guint          position,
                  guint          removed,
                  guint          added,
                  KeelBoardView *self)
{
  for (guint i = position; i < position + removed && i < self->mirror->len; i++)
    forget_item (self, g_ptr_array_index (self->mirror, i));
  if (removed > 0)
    g_ptr_array_remove_range (self->mirror, position, MIN (removed, self->mirror->len - position));

  for (guint i = 0; i < added; i++)
    {
      KeelItem *item = g_list_model_get_item (model, position + i);  /* the mirror's ref */
      ItemRecord *record = g_new0 (ItemRecord, 1);

      record->cell = -1;
      record->handler = g_signal_connect (item, "changed", G_CALLBACK (item_changed_cb), self);
      g_hash_table_insert (self->records, item, record);
      g_ptr_array_insert (self->mirror, position + i, item);
      mark_dirty (self, item);
    }

  if (removed > 0 && added == 0 && self->flush_source == 0)
    self->flush_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, flush_idle_cb, self, NULL);
}

static void
project_changed_cb (KeelProject     *project,
                    KeelChangeFlags  flags,
                    KeelBoardView   *self)
{
  if (flags & KEEL_CHANGE_ITEMS)
    flush (self);
}

static void
refilter (KeelBoardView *self)
{
  for (guint i = 0; i < self->mirror->len; i++)
    {
      KeelItem *item = g_ptr_array_index (self->mirror, i);
      g_hash_table_add (self->dirty, item);
    }
  flush (self);
}

/* The items of a place (dimension and horizon), in board order, without @exclude:
 * positions on the board count every item of the place, shown or not. */
static GPtrArray *
place_items (KeelBoardView *self,
             KeelDimension  dimension,
             KeelHorizon    horizon,
             KeelItem      *exclude)
{
  GPtrArray *items = g_ptr_array_new ();

  for (guint i = 0; i < self->mirror->len; i++)
    {
      KeelItem *item = g_ptr_array_index (self->mirror, i);

      if (item != exclude && item->dimension == dimension && item->horizon == horizon)
        g_ptr_array_add (items, item);
    }
  g_ptr_array_sort (items, item_compare_func);
  return items;
}

static guint
index_in (GPtrArray *items,
          KeelItem  *item)
{
  guint index = 0;

  if (!g_ptr_array_find (items, item, &index))
    return items->len;
  return index;
}

/* ---- Focus ---- */

static GtkWidget *
find_row (GtkWidget *list,
          KeelItem  *item)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *card = gtk_widget_get_first_child (row);

      if (KEEL_IS_BOARD_CARD (card) && keel_board_card_get_item (KEEL_BOARD_CARD (card)) == item)
        return row;
    }
  return NULL;
}

static gboolean
remove_highlight_cb (gpointer data)
{
  gtk_widget_remove_css_class (GTK_WIDGET (data), "revealed");
  return G_SOURCE_REMOVE;
}

static gboolean
focus_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  KeelBoardView *self = user_data;
  GtkWidget *row;

  if (self->focus_target == NULL || self->focus_list == NULL)
    goto done;

  row = find_row (self->focus_list, self->focus_target);
  if (row == NULL)
    {
      if (++self->focus_attempts < 10)
        return G_SOURCE_CONTINUE;
      goto done;
    }

  gtk_widget_grab_focus (row);
  if (self->focus_highlight)
    {
      GtkWidget *card = gtk_widget_get_first_child (row);

      gtk_widget_add_css_class (card, "revealed");
      g_timeout_add_full (G_PRIORITY_DEFAULT, 1500, remove_highlight_cb,
                          g_object_ref (card), g_object_unref);
    }

done:
  self->focus_tick = 0;
  g_clear_object (&self->focus_target);
  return G_SOURCE_REMOVE;
}

/* Scrolls to the card of @item and focuses it once its row exists (the list view
 * creates rows only during layout). */
static void
focus_item (KeelBoardView *self,
            KeelItem      *item,
            gboolean       highlight)
{
  ItemRecord *record = g_hash_table_lookup (self->records, item);
  Cell *cell;
  int index;

  if (record == NULL || record->cell < 0)
    return;

  cell = &self->cells[record->cell];
  index = keel_board_cell_find (cell->model, item);
  if (index < 0)
    return;

  gtk_widget_activate_action (cell->list, "list.scroll-to-item", "u", (guint) index);

  g_set_object (&self->focus_target, item);
  self->focus_list = cell->list;
  self->focus_attempts = 0;
  self->focus_highlight = highlight;
  if (self->focus_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->focus_tick);
  self->focus_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), focus_tick_cb, self, NULL);
}

static KeelBoardCard *
focused_card (KeelBoardView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *widget = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (; widget != NULL && widget != GTK_WIDGET (self); widget = gtk_widget_get_parent (widget))
    {
      GtkWidget *child;

      if (KEEL_IS_BOARD_CARD (widget))
        return KEEL_BOARD_CARD (widget);
      child = gtk_widget_get_first_child (widget);
      if (KEEL_IS_BOARD_CARD (child) && GTK_IS_GRID_VIEW (gtk_widget_get_parent (widget)))
        return KEEL_BOARD_CARD (child);
    }
  return NULL;
}

/* ---- Moves ---- */

static gboolean
move_item (KeelBoardView *self,
           KeelItem      *item,
           KeelDimension  dimension,
           KeelHorizon    horizon,
           guint          position)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelItem) keep = g_object_ref (item);

  if (item->dimension == dimension && item->horizon == horizon)
    {
      g_autoptr(GPtrArray) others = place_items (self, dimension, horizon, item);
      guint current = 0;

      while (current < others->len &&
             keel_board_item_compare (g_ptr_array_index (others, current), item) < 0)
        current++;
      if (current == position)
        return TRUE;
    }

  if (!keel_project_move_item (self->project, item->id, dimension, horizon, position, &error))
    {
      keel_view_show_error (GTK_WIDGET (self), _("Could not move the item"), error);
      return FALSE;
    }

  flush (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    focus_item (self, keep, FALSE);
  return TRUE;
}

/* ---- Autoscroll while dragging ---- */

static gboolean
cell_scroll_tick_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  Cell *cell = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (cell->scroller));
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double dt = cell->scroll_last_time > 0 ? (now - cell->scroll_last_time) / (double) G_USEC_PER_SEC : 0;
  double value;

  if (cell->scroll_speed == 0)
    {
      cell->scroll_tick = 0;
      return G_SOURCE_REMOVE;
    }

  cell->scroll_last_time = now;
  value = gtk_adjustment_get_value (adjustment) + cell->scroll_speed * MIN (dt, 0.1);
  value = CLAMP (value, gtk_adjustment_get_lower (adjustment),
                 gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  gtk_adjustment_set_value (adjustment, value);
  return G_SOURCE_CONTINUE;
}

static void
set_cell_scroll (Cell   *cell,
                 double  speed)
{
  cell->scroll_speed = speed;
  if (speed != 0 && cell->scroll_tick == 0)
    {
      cell->scroll_last_time = 0;
      cell->scroll_tick = gtk_widget_add_tick_callback (cell->scroller, cell_scroll_tick_cb,
                                                        cell, NULL);
    }
}

static double
edge_speed (double position,
            double size)
{
  double edge = MIN (AUTOSCROLL_EDGE, size / 4);

  if (edge <= 0)
    return 0;
  if (position < edge)
    return -AUTOSCROLL_MAX_SPEED * (edge - position) / edge;
  if (position > size - edge)
    return AUTOSCROLL_MAX_SPEED * (position - (size - edge)) / edge;
  return 0;
}

static gboolean
board_scroll_tick_cb (GtkWidget     *widget,
                      GdkFrameClock *clock,
                      gpointer       user_data)
{
  KeelBoardView *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->board_scroller);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double dt = self->hscroll_last_time > 0 ? (now - self->hscroll_last_time) / (double) G_USEC_PER_SEC : 0;
  double value;

  if (self->hscroll_speed == 0)
    {
      self->hscroll_tick = 0;
      return G_SOURCE_REMOVE;
    }

  self->hscroll_last_time = now;
  value = gtk_adjustment_get_value (adjustment) + self->hscroll_speed * MIN (dt, 0.1);
  value = CLAMP (value, gtk_adjustment_get_lower (adjustment),
                 gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  gtk_adjustment_set_value (adjustment, value);
  return G_SOURCE_CONTINUE;
}

static void
set_board_scroll (KeelBoardView *self,
                  double         speed)
{
  self->hscroll_speed = speed;
  if (speed != 0 && self->hscroll_tick == 0)
    {
      self->hscroll_last_time = 0;
      self->hscroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->board_scroller),
                                                         board_scroll_tick_cb, self, NULL);
    }
}

static void
clear_drop_mark (KeelBoardView *self)
{
  if (self->marked_card != NULL && self->mark_class != NULL)
    gtk_widget_remove_css_class (self->marked_card, self->mark_class);
  g_clear_weak_pointer (&self->marked_card);
  self->mark_class = NULL;
}

static void
stop_drag_feedback (KeelBoardView *self)
{
  for (guint c = 0; c < N_CELLS; c++)
    self->cells[c].scroll_speed = 0;
  self->hscroll_speed = 0;
  clear_drop_mark (self);
}

/* The card under (@x, @y) in @list's coordinates, and whether the point is on its
 * lower half (a drop there goes after it). */
static KeelBoardCard *
card_at (GtkWidget *list,
         double     x,
         double     y,
         gboolean  *out_after)
{
  GtkWidget *widget = gtk_widget_pick (list, x, y, GTK_PICK_DEFAULT);
  graphene_rect_t bounds;

  for (; widget != NULL && widget != list; widget = gtk_widget_get_parent (widget))
    {
      GtkWidget *card = NULL;

      if (KEEL_IS_BOARD_CARD (widget))
        card = widget;
      else if (gtk_widget_get_parent (widget) == list &&
               KEEL_IS_BOARD_CARD (gtk_widget_get_first_child (widget)))
        card = gtk_widget_get_first_child (widget);

      if (card != NULL)
        {
          *out_after = FALSE;
          if (gtk_widget_compute_bounds (card, list, &bounds))
            *out_after = y > bounds.origin.y + bounds.size.height / 2;
          return KEEL_BOARD_CARD (card);
        }
    }
  return NULL;
}

/* Where a drop at (@x, @y) in the cell's box lands: the index of the card shown in the
 * cell before which it goes. */
static guint
drop_index (Cell          *cell,
            double         x,
            double         y,
            KeelBoardCard **out_card,
            gboolean       *out_after)
{
  double lx, ly;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (cell->model));
  KeelBoardCard *card;
  gboolean after = FALSE;
  int index;

  *out_card = NULL;
  *out_after = FALSE;
  if (!gtk_widget_translate_coordinates (cell->box, cell->list, x, y, &lx, &ly))
    return n;
  if (ly < 0)
    return 0;

  card = card_at (cell->list, lx, ly, &after);
  if (card == NULL)
    return n;
  index = keel_board_cell_find (cell->model, keel_board_card_get_item (card));
  if (index < 0)
    return n;

  *out_card = card;
  *out_after = after;
  return after ? (guint) index + 1 : (guint) index;
}

/* ---- Callbacks ---- */

static GdkDragAction
cell_drop_motion_cb (GtkDropTarget *target,
                     double         x,
                     double         y,
                     Cell          *cell)
{
  KeelBoardView *self = cell->view;
  KeelBoardCard *card;
  gboolean after;
  double sx, sy;

  if (gtk_widget_translate_coordinates (cell->box, cell->scroller, x, y, &sx, &sy))
    set_cell_scroll (cell, edge_speed (sy, gtk_widget_get_height (cell->scroller)));

  drop_index (cell, x, y, &card, &after);
  if (GTK_WIDGET (card) != self->marked_card ||
      g_strcmp0 (self->mark_class, after ? "drop-below" : "drop-above") != 0)
    {
      clear_drop_mark (self);
      if (card != NULL)
        {
          g_set_weak_pointer (&self->marked_card, GTK_WIDGET (card));
          self->mark_class = after ? "drop-below" : "drop-above";
          gtk_widget_add_css_class (self->marked_card, self->mark_class);
        }
    }
  return GDK_ACTION_MOVE;
}

static void
cell_drop_leave_cb (GtkDropTarget *target,
                    Cell          *cell)
{
  set_cell_scroll (cell, 0);
  clear_drop_mark (cell->view);
}

static gboolean
cell_drop_cb (GtkDropTarget *target,
              const GValue  *value,
              double         x,
              double         y,
              Cell          *cell)
{
  KeelBoardView *self = cell->view;
  KeelBoardCard *card;
  gboolean after;
  KeelItem *item;
  guint index;

  stop_drag_feedback (self);
  if (!G_VALUE_HOLDS (value, KEEL_TYPE_ITEM) || self->project == NULL)
    return FALSE;

  item = g_value_get_object (value);
  if (item == NULL || keel_project_lookup_item (self->project, item->id) != item)
    return FALSE;

  index = drop_index (cell, x, y, &card, &after);
  return keel_board_view_drop_item (self, item->id, cell->dimension, cell->horizon, index);
}

static void
board_drag_motion_cb (GtkDropControllerMotion *motion,
                      double                   x,
                      double                   y,
                      KeelBoardView           *self)
{
  set_board_scroll (self, edge_speed (x, gtk_widget_get_width (GTK_WIDGET (self->board_scroller))));
}

static void
board_drag_leave_cb (GtkDropControllerMotion *motion,
                     KeelBoardView           *self)
{
  set_board_scroll (self, 0);
}

static void
list_activate_cb (GtkGridView *list,
                  guint        position,
                  Cell        *cell)
{
  g_autoptr(KeelItem) item = g_list_model_get_item (G_LIST_MODEL (cell->model), position);

  if (item != NULL)
    keel_board_view_edit_item (cell->view, item->id);
}

static void
add_activate_cb (GtkWidget *widget,
                 Cell      *cell)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (cell->add_entry))));

  if (title[0] == '\0')
    {
      gtk_widget_error_bell (GTK_WIDGET (cell->add_entry));
      return;
    }

  gtk_popover_popdown (cell->add_popover);
  gtk_editable_set_text (GTK_EDITABLE (cell->add_entry), "");
  keel_board_view_add_item (cell->view, cell->dimension, cell->horizon, title);
}

static void
factory_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  KeelBoardView            *self)
{
  gtk_list_item_set_child (list_item, GTK_WIDGET (keel_board_card_new (self)));
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 KeelBoardView            *self)
{
  keel_board_card_set_item (KEEL_BOARD_CARD (gtk_list_item_get_child (list_item)),
                            gtk_list_item_get_item (list_item));
}

static void
factory_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   KeelBoardView            *self)
{
  keel_board_card_set_item (KEEL_BOARD_CARD (gtk_list_item_get_child (list_item)), NULL);
}

static void
filter_changed_cb (KeelBoardView *self)
{
  if (self->setting_filter)
    return;

  g_free (self->needle);
  self->needle = keel_view_fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  self->kind_filter = keel_view_dropdown_filter (self->kind_dropdown);
  self->status_filter = keel_view_dropdown_filter (self->status_dropdown);
  refilter (self);
}

static void
stop_search_cb (KeelBoardView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static gboolean
card_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  KeelBoardCard *card = focused_card (KEEL_BOARD_VIEW (widget));
  const char *action = user_data;

  if (card == NULL || keel_board_card_get_item (card) == NULL)
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (card), action, NULL);
}

static void
attach_lists (KeelBoardView *self)
{
  for (guint c = 0; c < N_CELLS; c++)
    {
      Cell *cell = &self->cells[c];

      if (gtk_grid_view_get_model (GTK_GRID_VIEW (cell->list)) == NULL)
        {
          g_autoptr(GtkNoSelection) selection =
            gtk_no_selection_new (g_object_ref (G_LIST_MODEL (cell->model)));
          gtk_grid_view_set_model (GTK_GRID_VIEW (cell->list), GTK_SELECTION_MODEL (selection));
        }
    }
}

static void
map_cb (KeelBoardView *self)
{
  attach_lists (self);
  if (self->pending_reveal != NULL)
    {
      g_autofree char *id = g_steal_pointer (&self->pending_reveal);
      keel_board_view_reveal (self, id);
    }
}

/* ---- Building the board ---- */

static void
build_cell (KeelBoardView *self,
            Cell          *cell,
            GtkWidget     *column)
{
  GtkWidget *header, *label, *add_button, *popover_box, *add_confirm, *overlay;
  GtkDropTarget *target;
  g_autofree char *place = NULL;
  g_autofree char *add_label = NULL;

  /* Translators: a cell of the board, "Technology, Now" */
  place = g_strdup_printf (_("%s, %s"), keel_dimension_to_label (cell->dimension),
                           keel_horizon_to_label (cell->horizon));

  cell->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (cell->box, "board-cell");
  gtk_widget_add_css_class (cell->box, keel_horizon_to_string (cell->horizon));
  gtk_widget_set_vexpand (cell->box, TRUE);

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (header, "board-cell-header");
  label = gtk_label_new (keel_horizon_to_label (cell->horizon));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (header), label);
  cell->count_label = GTK_LABEL (gtk_label_new ("0"));
  gtk_widget_add_css_class (GTK_WIDGET (cell->count_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (cell->count_label), "numeric");
  gtk_widget_set_hexpand (GTK_WIDGET (cell->count_label), TRUE);
  gtk_label_set_xalign (cell->count_label, 0);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (cell->count_label));

  /* "+": a title, then Enter, adds the item at the end of this cell. */
  cell->add_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (cell->add_entry, _("Title of the new item"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell->add_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title of the new item"),
                                  -1);
  g_signal_connect (cell->add_entry, "activate", G_CALLBACK (add_activate_cb), cell);
  add_confirm = gtk_button_new_with_mnemonic (_("_Add"));
  gtk_widget_add_css_class (add_confirm, "suggested-action");
  g_signal_connect (add_confirm, "clicked", G_CALLBACK (add_activate_cb), cell);
  popover_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (popover_box), GTK_WIDGET (cell->add_entry));
  gtk_box_append (GTK_BOX (popover_box), add_confirm);
  cell->add_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (cell->add_popover, popover_box);
  gtk_popover_set_default_widget (cell->add_popover, add_confirm);

  add_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (add_button), "list-add-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (add_button), GTK_WIDGET (cell->add_popover));
  gtk_widget_add_css_class (add_button, "flat");
  gtk_widget_add_css_class (add_button, "circular");
  /* Translators: tooltip of the + of a cell, "Add an item to Technology, Now" */
  add_label = g_strdup_printf (_("Add an Item to %s"), place);
  gtk_widget_set_tooltip_text (add_button, add_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, add_label,
                                  -1);
  gtk_box_append (GTK_BOX (header), add_button);
  gtk_box_append (GTK_BOX (cell->box), header);

  /* The list gets its model when the board is first shown (attach_lists): an unshown
   * grid view would still build cards for thousands of items at once. */
  cell->model = keel_board_cell_new (cell->dimension, cell->horizon);
  cell->list = gtk_grid_view_new (NULL, g_object_ref (self->factory));
  gtk_grid_view_set_min_columns (GTK_GRID_VIEW (cell->list), 1);
  gtk_grid_view_set_max_columns (GTK_GRID_VIEW (cell->list), 1);
  gtk_widget_add_css_class (cell->list, "board-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, place,
                                  -1);
  g_signal_connect (cell->list, "activate", G_CALLBACK (list_activate_cb), cell);

  cell->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (cell->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (cell->scroller), cell->list);
  gtk_widget_set_vexpand (cell->scroller, TRUE);

  cell->empty_label = gtk_label_new (_("No items"));
  gtk_widget_add_css_class (cell->empty_label, "dim-label");
  gtk_widget_add_css_class (cell->empty_label, "board-cell-empty");
  gtk_widget_set_can_target (cell->empty_label, FALSE);
  gtk_widget_set_valign (cell->empty_label, GTK_ALIGN_START);
  gtk_widget_set_margin_top (cell->empty_label, 12);

  overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (overlay), cell->scroller);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), cell->empty_label);
  gtk_widget_set_vexpand (overlay, TRUE);
  gtk_box_append (GTK_BOX (cell->box), overlay);

  target = gtk_drop_target_new (KEEL_TYPE_ITEM, GDK_ACTION_MOVE);
  g_signal_connect (target, "motion", G_CALLBACK (cell_drop_motion_cb), cell);
  g_signal_connect (target, "enter", G_CALLBACK (cell_drop_motion_cb), cell);
  g_signal_connect (target, "leave", G_CALLBACK (cell_drop_leave_cb), cell);
  g_signal_connect (target, "drop", G_CALLBACK (cell_drop_cb), cell);
  gtk_widget_add_controller (cell->box, GTK_EVENT_CONTROLLER (target));

  gtk_box_append (GTK_BOX (column), cell->box);
}

static void
build_board (KeelBoardView *self)
{
  for (guint d = 0; d < KEEL_N_DIMENSIONS; d++)
    {
      GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *cells = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *title = gtk_label_new (keel_dimension_to_label (d));

      gtk_widget_add_css_class (column, "board-column");
      gtk_widget_add_css_class (column, keel_dimension_to_string (d));
      gtk_widget_set_size_request (column, 240, -1);

      gtk_widget_add_css_class (header, "board-column-header");
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "title-4");
      gtk_box_append (GTK_BOX (header), title);
      self->dimension_counts[d] = GTK_LABEL (gtk_label_new ("0"));
      gtk_widget_add_css_class (GTK_WIDGET (self->dimension_counts[d]), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->dimension_counts[d]), "numeric");
      gtk_widget_set_valign (GTK_WIDGET (self->dimension_counts[d]), GTK_ALIGN_BASELINE);
      gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->dimension_counts[d]));
      gtk_box_append (GTK_BOX (column), header);

      gtk_box_set_homogeneous (GTK_BOX (cells), TRUE);
      gtk_widget_set_vexpand (cells, TRUE);
      for (guint h = 0; h < KEEL_N_HORIZONS; h++)
        {
          Cell *cell = get_cell (self, d, h);

          cell->view = self;
          cell->dimension = d;
          cell->horizon = h;
          build_cell (self, cell, cells);
        }
      gtk_box_append (GTK_BOX (column), cells);
      gtk_box_append (self->columns_box, column);
    }
}

static void
add_card_shortcut (GtkShortcutController *controller,
                   guint                  key,
                   GdkModifierType        modifiers,
                   const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (key, modifiers),
                                                          gtk_callback_action_new (card_shortcut_cb,
                                                                                   (gpointer) action,
                                                                                   NULL)));
}

/* ---- Overrides ---- */

static void
keel_board_view_dispose (GObject *object)
{
  KeelBoardView *self = KEEL_BOARD_VIEW (object);

  keel_board_view_set_project (self, NULL);
  g_clear_handle_id (&self->flush_source, g_source_remove);
  for (guint c = 0; c < N_CELLS; c++)
    {
      Cell *cell = &self->cells[c];

      if (cell->scroll_tick != 0 && cell->scroller != NULL)
        gtk_widget_remove_tick_callback (cell->scroller, cell->scroll_tick);
      cell->scroll_tick = 0;
    }
  if (self->hscroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->board_scroller), self->hscroll_tick);
  self->hscroll_tick = 0;
  if (self->focus_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->focus_tick);
  self->focus_tick = 0;
  g_clear_object (&self->focus_target);
  g_clear_weak_pointer (&self->marked_card);

  gtk_widget_dispose_template (GTK_WIDGET (self), KEEL_TYPE_BOARD_VIEW);

  for (guint c = 0; c < N_CELLS; c++)
    g_clear_object (&self->cells[c].model);
  g_clear_object (&self->factory);

  G_OBJECT_CLASS (keel_board_view_parent_class)->dispose (object);
}

static void
keel_board_view_finalize (GObject *object)
{
  KeelBoardView *self = KEEL_BOARD_VIEW (object);

  g_clear_pointer (&self->mirror, g_ptr_array_unref);
  g_clear_pointer (&self->records, g_hash_table_unref);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_object (&self->findings);
  g_free (self->needle);
  g_free (self->pending_reveal);

  G_OBJECT_CLASS (keel_board_view_parent_class)->finalize (object);
}

static void
keel_board_view_class_init (KeelBoardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = keel_board_view_dispose;
  object_class->finalize = keel_board_view_finalize;

  keel_view_common_init (NULL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/keelplanner/Keel/board/keel-board-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KeelBoardView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KeelBoardView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KeelBoardView, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KeelBoardView, count_label);
  gtk_widget_class_bind_template_child (widget_class, KeelBoardView, filter_squeezer);
  gtk_widget_class_bind_template_child (widget_class, KeelBoardView, board_scroller);
  gtk_widget_class_bind_template_child (widget_class, KeelBoardView, columns_box);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  gtk_widget_class_set_css_name (widget_class, "boardview");
}

static void
keel_board_view_init (KeelBoardView *self)
{
  g_autoptr(GListModel) kinds = keel_view_item_kind_model (_("All Kinds"));
  g_autoptr(GListModel) statuses = keel_view_status_model (_("All Statuses"));
  GtkShortcutController *local;
  GtkDropControllerMotion *motion;

  self->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  self->records = g_hash_table_new_full (NULL, NULL, NULL, item_record_free);
  self->dirty = g_hash_table_new (NULL, NULL);
  self->findings = keel_finding_index_new ();
  self->kind_filter = -1;
  self->status_filter = -1;

  self->factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (self->factory, "setup", G_CALLBACK (factory_setup_cb), self);
  g_signal_connect (self->factory, "bind", G_CALLBACK (factory_bind_cb), self);
  g_signal_connect (self->factory, "unbind", G_CALLBACK (factory_unbind_cb), self);

  self->setting_filter = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  keel_view_common_init (GTK_WIDGET (self));
  gtk_drop_down_set_model (self->kind_dropdown, kinds);
  gtk_drop_down_set_model (self->status_dropdown, statuses);
  self->setting_filter = FALSE;
  {
    GtkDropDown *dropdowns[] = { self->kind_dropdown, self->status_dropdown };
    keel_view_add_compact_filters (self->filter_squeezer, dropdowns, G_N_ELEMENTS (dropdowns), NULL);
  }

  build_board (self);
  update_counts (self);

  motion = GTK_DROP_CONTROLLER_MOTION (gtk_drop_controller_motion_new ());
  g_signal_connect (motion, "motion", G_CALLBACK (board_drag_motion_cb), self);
  g_signal_connect (motion, "enter", G_CALLBACK (board_drag_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (board_drag_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->board_scroller), GTK_EVENT_CONTROLLER (motion));

  keel_view_add_find_shortcut (GTK_WIDGET (self), GTK_WIDGET (self->search_entry));

  local = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  add_card_shortcut (local, GDK_KEY_Up, GDK_ALT_MASK, "card.move-up");
  add_card_shortcut (local, GDK_KEY_Down, GDK_ALT_MASK, "card.move-down");
  add_card_shortcut (local, GDK_KEY_Left, GDK_ALT_MASK, "card.horizon-earlier");
  add_card_shortcut (local, GDK_KEY_Right, GDK_ALT_MASK, "card.horizon-later");
  add_card_shortcut (local, GDK_KEY_Left, GDK_ALT_MASK | GDK_SHIFT_MASK, "card.dimension-previous");
  add_card_shortcut (local, GDK_KEY_Right, GDK_ALT_MASK | GDK_SHIFT_MASK, "card.dimension-next");
  add_card_shortcut (local, GDK_KEY_Delete, 0, "card.delete");
  add_card_shortcut (local, GDK_KEY_F2, 0, "card.edit");
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (local));

  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
}

/* ---- Public API ---- */

/**
 * keel_board_view_new:
 *
 * Returns: (transfer floating): a new, empty board
 */
KeelBoardView *
keel_board_view_new (void)
{
  return g_object_new (KEEL_TYPE_BOARD_VIEW, NULL);
}

/**
 * keel_board_view_set_project:
 * @self: a #KeelBoardView
 * @project: (nullable): the project to show
 *
 * Shows @project's items on the board and follows its edits.
 */
void
keel_board_view_set_project (KeelBoardView *self,
                             KeelProject   *project)
{
  g_return_if_fail (KEEL_IS_BOARD_VIEW (self));
  g_return_if_fail (project == NULL || KEEL_IS_PROJECT (project));

  if (self->project == project)
    return;

  if (self->project != NULL)
    {
      g_clear_signal_handler (&self->items_changed_handler, self->items);
      g_clear_signal_handler (&self->project_changed_handler, self->project);
      for (guint i = 0; i < self->mirror->len; i++)
        forget_item (self, g_ptr_array_index (self->mirror, i));
      g_ptr_array_set_size (self->mirror, 0);
      g_clear_object (&self->items);
      g_clear_object (&self->project);
    }

  if (project != NULL)
    {
      self->project = g_object_ref (project);
      self->items = g_object_ref (keel_project_get_items (project));
      self->items_changed_handler = g_signal_connect (self->items, "items-changed",
                                                      G_CALLBACK (items_changed_cb), self);
      self->project_changed_handler = g_signal_connect (project, "changed",
                                                        G_CALLBACK (project_changed_cb), self);
      items_changed_cb (self->items, 0, 0, g_list_model_get_n_items (self->items), self);
    }

  /* Empty every cell the old project filled (and fill them from the new one). */
  for (guint c = 0; c < N_CELLS; c++)
    self->affected[c] = TRUE;
  flush (self);
}

/**
 * keel_board_view_set_findings:
 * @self: a #KeelBoardView
 * @findings: (nullable) (element-type KeelFinding): the current findings
 *
 * Marks the cards that a finding concerns.
 */
void
keel_board_view_set_findings (KeelBoardView *self,
                              GPtrArray     *findings)
{
  g_return_if_fail (KEEL_IS_BOARD_VIEW (self));
  keel_finding_index_set_findings (self->findings, findings);
}

/**
 * keel_board_view_reveal:
 * @self: a #KeelBoardView
 * @item_id: an item id
 *
 * Scrolls to the item's card and focuses it; a filter that hides it is cleared.
 *
 * Returns: %FALSE when the project has no such item
 */
gboolean
keel_board_view_reveal (KeelBoardView *self,
                        const char    *item_id)
{
  KeelItem *item;
  ItemRecord *record;

  g_return_val_if_fail (KEEL_IS_BOARD_VIEW (self), FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  if (self->project == NULL)
    return FALSE;
  item = keel_project_lookup_item (self->project, item_id);
  if (item == NULL)
    return FALSE;

  flush (self);
  record = g_hash_table_lookup (self->records, item);
  if (record != NULL && record->cell < 0)
    keel_board_view_set_filter (self, NULL, -1, -1);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_free (self->pending_reveal);
      self->pending_reveal = g_strdup (item_id);
      return TRUE;
    }

  focus_item (self, item, TRUE);
  return TRUE;
}

/* ---- Private API ---- */

KeelProject *
keel_board_view_get_project (KeelBoardView *self)
{
  g_return_val_if_fail (KEEL_IS_BOARD_VIEW (self), NULL);
  return self->project;
}

KeelFindingIndex *
keel_board_view_get_finding_index (KeelBoardView *self)
{
  g_return_val_if_fail (KEEL_IS_BOARD_VIEW (self), NULL);
  return self->findings;
}

KeelBoardCell *
keel_board_view_get_cell (KeelBoardView *self,
                          KeelDimension  dimension,
                          KeelHorizon    horizon)
{
  g_return_val_if_fail (KEEL_IS_BOARD_VIEW (self), NULL);
  g_return_val_if_fail ((guint) dimension < KEEL_N_DIMENSIONS, NULL);
  g_return_val_if_fail ((guint) horizon < KEEL_N_HORIZONS, NULL);

  flush (self);
  return get_cell (self, dimension, horizon)->model;
}

GtkWidget *
keel_board_view_get_cell_list (KeelBoardView *self,
                               KeelDimension  dimension,
                               KeelHorizon    horizon)
{
  g_return_val_if_fail (KEEL_IS_BOARD_VIEW (self), NULL);
  g_return_val_if_fail ((guint) dimension < KEEL_N_DIMENSIONS, NULL);
  g_return_val_if_fail ((guint) horizon < KEEL_N_HORIZONS, NULL);

  attach_lists (self);
  return get_cell (self, dimension, horizon)->list;
}

void
keel_board_view_set_filter (KeelBoardView *self,
                            const char    *text,
                            int            kind,
                            int            status)
{
  g_return_if_fail (KEEL_IS_BOARD_VIEW (self));

  self->setting_filter = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  gtk_drop_down_set_selected (self->kind_dropdown,
                              kind >= 0 && kind < KEEL_N_ITEM_KINDS ? (guint) kind + 1 : 0);
  gtk_drop_down_set_selected (self->status_dropdown,
                              status >= 0 && status < KEEL_N_STATUSES ? (guint) status + 1 : 0);
  self->setting_filter = FALSE;
  filter_changed_cb (self);
}

gboolean
keel_board_view_drop_item (KeelBoardView *self,
                           const char    *id,
                           KeelDimension  dimension,
                           KeelHorizon    horizon,
                           guint          index)
{
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) others = NULL;
  KeelItem *item;
  GPtrArray *cell_items;
  guint position;

  g_return_val_if_fail (KEEL_IS_BOARD_VIEW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail ((guint) dimension < KEEL_N_DIMENSIONS, FALSE);
  g_return_val_if_fail ((guint) horizon < KEEL_N_HORIZONS, FALSE);

  if (self->project == NULL || (item = keel_project_lookup_item (self->project, id)) == NULL)
    return FALSE;

  flush (self);

  /* The cards shown in the cell without the one that moves, and the index among them. */
  cell_items = keel_board_cell_peek_items (get_cell (self, dimension, horizon)->model);
  index = MIN (index, cell_items->len);
  shown = g_ptr_array_sized_new (cell_items->len);
  for (guint i = 0; i < cell_items->len; i++)
    {
      KeelItem *other = g_ptr_array_index (cell_items, i);

      if (other == item)
        {
          if (i < index)
            index--;
          continue;
        }
      g_ptr_array_add (shown, other);
    }

  /* A filter may hide cards: the project's position counts every item of the place, so
   * the drop goes just before the card it was dropped on (or after the last shown). */
  others = place_items (self, dimension, horizon, item);
  if (index < shown->len)
    position = index_in (others, g_ptr_array_index (shown, index));
  else if (shown->len > 0)
    position = index_in (others, g_ptr_array_index (shown, shown->len - 1)) + 1;
  else
    position = others->len;

  return move_item (self, item, dimension, horizon, position);
}

gboolean
keel_board_view_move_item_to (KeelBoardView *self,
                              const char    *id,
                              KeelDimension  dimension,
                              KeelHorizon    horizon)
{
  g_autoptr(GPtrArray) others = NULL;
  KeelItem *item;

  g_return_val_if_fail (KEEL_IS_BOARD_VIEW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail ((guint) dimension < KEEL_N_DIMENSIONS, FALSE);
  g_return_val_if_fail ((guint) horizon < KEEL_N_HORIZONS, FALSE);

  if (self->project == NULL || (item = keel_project_lookup_item (self->project, id)) == NULL)
    return FALSE;
  if (item->dimension == dimension && item->horizon == horizon)
    return TRUE;

  others = place_items (self, dimension, horizon, item);
  return move_item (self, item, dimension, horizon, others->len);
}

gboolean
keel_board_view_reorder_item (KeelBoardView *self,
                              const char    *id,
                              int            delta)
{
  KeelItem *item;
  ItemRecord *record;
  KeelBoardCell *model;
  int index, n;

  g_return_val_if_fail (KEEL_IS_BOARD_VIEW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (self->project == NULL || (item = keel_project_lookup_item (self->project, id)) == NULL)
    return FALSE;

  flush (self);
  record = g_hash_table_lookup (self->records, item);
  if (record == NULL || record->cell < 0)
    return FALSE;

  model = self->cells[record->cell].model;
  index = keel_board_cell_find (model, item);
  n = (int) g_list_model_get_n_items (G_LIST_MODEL (model));
  if (index < 0 || (delta < 0 && index == 0) || (delta > 0 && index >= n - 1) || delta == 0)
    return FALSE;

  return keel_board_view_drop_item (self, id, item->dimension, item->horizon,
                                    delta < 0 ? (guint) index - 1 : (guint) index + 2);
}

gboolean
keel_board_view_shift_item (KeelBoardView *self,
                            const char    *id,
                            int            horizon_delta,
                            int            dimension_delta)
{
  KeelItem *item;
  int horizon, dimension;

  g_return_val_if_fail (KEEL_IS_BOARD_VIEW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (self->project == NULL || (item = keel_project_lookup_item (self->project, id)) == NULL)
    return FALSE;

  horizon = CLAMP ((int) item->horizon + horizon_delta, 0, KEEL_N_HORIZONS - 1);
  dimension = CLAMP ((int) item->dimension + dimension_delta, 0, KEEL_N_DIMENSIONS - 1);
  if (horizon == (int) item->horizon && dimension == (int) item->dimension)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }
  return keel_board_view_move_item_to (self, id, dimension, horizon);
}

gboolean
keel_board_view_set_item_status (KeelBoardView *self,
                                 const char    *id,
                                 KeelStatus     status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelItem) draft = NULL;
  KeelItem *item;
  gboolean was_done;

  g_return_val_if_fail (KEEL_IS_BOARD_VIEW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (self->project == NULL || (item = keel_project_lookup_item (self->project, id)) == NULL)
    return FALSE;
  if (item->status == status)
    return TRUE;

  was_done = item->status == KEEL_STATUS_DONE;
  draft = keel_item_copy (item);
  draft->status = status;
  if (!keel_project_update_item (self->project, draft, &error))
    {
      keel_view_show_error (GTK_WIDGET (self), _("Could not change the status"), error);
      return FALSE;
    }

  item = keel_project_lookup_item (self->project, id);
  if (!was_done && item != NULL)
    keel_view_offer_debts_paid (GTK_WIDGET (self), self->project, item);
  return TRUE;
}

gboolean
keel_board_view_delete_item (KeelBoardView *self,
                             const char    *id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  KeelItem *item;

  g_return_val_if_fail (KEEL_IS_BOARD_VIEW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (self->project == NULL || (item = keel_project_lookup_item (self->project, id)) == NULL)
    return FALSE;

  title = g_strdup (item->title);
  if (!keel_project_delete_item (self->project, id, &error))
    {
      keel_view_show_error (GTK_WIDGET (self), _("Could not delete the item"), error);
      return FALSE;
    }

  /* Translators: a toast after deleting the item "%s" */
  text = g_strdup_printf (_("“%s” deleted"), title);
  keel_view_show_toast (GTK_WIDGET (self), self->project, text, TRUE);
  return TRUE;
}

KeelItem *
keel_board_view_add_item (KeelBoardView *self,
                          KeelDimension  dimension,
                          KeelHorizon    horizon,
                          const char    *title)
{
  static const KeelItemKind default_kinds[KEEL_N_DIMENSIONS] = {
    [KEEL_DIMENSION_TECHNOLOGY] = KEEL_ITEM_KIND_HARDENING,
    [KEEL_DIMENSION_PRODUCT] = KEEL_ITEM_KIND_FEATURE,
    [KEEL_DIMENSION_TEAM] = KEEL_ITEM_KIND_PROCESS,
    [KEEL_DIMENSION_INFRASTRUCTURE] = KEEL_ITEM_KIND_AUTOMATION,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelItem) item = NULL;
  g_autofree char *id = NULL;
  KeelItem *added;

  g_return_val_if_fail (KEEL_IS_BOARD_VIEW (self), NULL);
  g_return_val_if_fail ((guint) dimension < KEEL_N_DIMENSIONS, NULL);
  g_return_val_if_fail ((guint) horizon < KEEL_N_HORIZONS, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  if (self->project == NULL)
    return NULL;

  id = keel_project_new_id (self->project, "it");
  item = keel_item_new (id);
  g_free (item->title);
  item->title = g_strdup (title);
  item->dimension = dimension;
  item->horizon = horizon;
  item->kind = default_kinds[dimension];
  item->status = KEEL_STATUS_IDEA;
  item->position = keel_project_get_next_position (self->project, dimension, horizon);

  if (!keel_project_add_item (self->project, item, &error))
    {
      keel_view_show_error (GTK_WIDGET (self), _("Could not add the item"), error);
      return NULL;
    }

  added = keel_project_lookup_item (self->project, id);
  flush (self);
  if (added != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      /* A new item that a filter would hide is shown anyway: the user just made it. */
      ItemRecord *record = g_hash_table_lookup (self->records, added);
      if (record != NULL && record->cell < 0)
        keel_board_view_set_filter (self, NULL, -1, -1);
      focus_item (self, added, TRUE);
    }
  return added;
}

KeelItemEditor *
keel_board_view_edit_item (KeelBoardView *self,
                           const char    *id)
{
  g_return_val_if_fail (KEEL_IS_BOARD_VIEW (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (self->project == NULL)
    return NULL;
  return keel_item_editor_open (self->project, id, self->findings, GTK_WIDGET (self));
}

void
_keel_board_view_drag_ended (KeelBoardView *self)
{
  g_return_if_fail (KEEL_IS_BOARD_VIEW (self));
  stop_drag_feedback (self);
}
