/* test-board.c: the board view driven through its real widgets — the sample's items in
 * their cells, "Move to…", drag and drop and keyboard moves with their undo, new items
 * in place, filtering, the item editor's links and the findings they change, and a
 * 20,000-item project that realises only the rows on screen.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-board"

#include "config.h"

#include <string.h>

#include "keel-board-view-private.h"
#include "keel-checks.h"
#include "keel-gui-test.h"
#include "keel-signals.h"
#include "keel-test-gui.h"

/* ---- Helpers ---- */

typedef struct
{
  KeelProject   *project;
  KeelBoardView *view;
  GtkWidget     *window;
  GtkWidget     *overlay;
  GPtrArray     *findings;
  gulong         changed_handler;
} Fixture;

/* What the window does after every edit: recompute the findings and hand them over. */
static void
recompute_findings (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelGate) gate = keel_gate_compute (fixture->project, NULL, &error);

  g_assert_no_error (error);
  g_clear_pointer (&fixture->findings, g_ptr_array_unref);
  fixture->findings = keel_checks_run (fixture->project, gate);
  keel_board_view_set_findings (fixture->view, fixture->findings);
}

static void
project_changed_cb (KeelProject     *project,
                    KeelChangeFlags  flags,
                    Fixture         *fixture)
{
  recompute_findings (fixture);
}

static void
fixture_show (Fixture     *fixture,
              KeelProject *project,
              int          width,
              int          height)
{
  fixture->project = project;
  fixture->view = g_object_ref_sink (keel_board_view_new ());
  keel_board_view_set_project (fixture->view, project);
  fixture->changed_handler = g_signal_connect (project, "changed",
                                               G_CALLBACK (project_changed_cb), fixture);
  recompute_findings (fixture);

  fixture->window = keel_test_gui_show_view (GTK_WIDGET (fixture->view), width, height,
                                             &fixture->overlay);
  keel_test_gui_wait_frames (GTK_WIDGET (fixture->view));
}

static void
fixture_close (Fixture *fixture)
{
  g_clear_signal_handler (&fixture->changed_handler, fixture->project);
  keel_board_view_set_project (fixture->view, NULL);
  keel_test_gui_close_view (fixture->window, fixture->view);
  g_clear_pointer (&fixture->findings, g_ptr_array_unref);
  keel_test_gui_close_project (&fixture->project);
}

static int
cell_index (Fixture       *fixture,
            KeelDimension  dimension,
            KeelHorizon    horizon,
            const char    *id)
{
  KeelItem *item = keel_project_lookup_item (fixture->project, id);

  g_assert_nonnull (item);
  return keel_board_cell_find (keel_board_view_get_cell (fixture->view, dimension, horizon), item);
}

/* The card widget the list view realised for @id, or NULL. */
static KeelBoardCard *
find_card (Fixture    *fixture,
           const char *id)
{
  KeelItem *item = keel_project_lookup_item (fixture->project, id);

  for (guint d = 0; d < KEEL_N_DIMENSIONS; d++)
    for (guint h = 0; h < KEEL_N_HORIZONS; h++)
      {
        GtkWidget *list = keel_board_view_get_cell_list (fixture->view, d, h);

        for (GtkWidget *row = gtk_widget_get_first_child (list);
             row != NULL;
             row = gtk_widget_get_next_sibling (row))
          {
            GtkWidget *card = gtk_widget_get_first_child (row);

            if (KEEL_IS_BOARD_CARD (card) && keel_board_card_get_item (KEEL_BOARD_CARD (card)) == item)
              return KEEL_BOARD_CARD (card);
          }
      }
  return NULL;
}

static guint
count_realised_cards (Fixture *fixture)
{
  guint count = 0;

  for (guint d = 0; d < KEEL_N_DIMENSIONS; d++)
    for (guint h = 0; h < KEEL_N_HORIZONS; h++)
      {
        GtkWidget *list = keel_board_view_get_cell_list (fixture->view, d, h);

        for (GtkWidget *row = gtk_widget_get_first_child (list);
             row != NULL;
             row = gtk_widget_get_next_sibling (row))
          if (KEEL_IS_BOARD_CARD (gtk_widget_get_first_child (row)))
            count++;
      }
  return count;
}

static const char *
first_subject_of_rule (GPtrArray  *findings,
                       const char *rule)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const KeelFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (finding->rule, rule) && finding->subject_id != NULL)
        return finding->subject_id;
    }
  return NULL;
}

static gboolean
has_finding (GPtrArray  *findings,
             const char *rule,
             const char *id)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const KeelFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (finding->rule, rule) && g_strcmp0 (finding->subject_id, id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* ---- Tests ---- */

/* Usable narrow (PRODUCT.md): the view asks for no more width than a phone-sized
 * window offers. */
static void
test_narrow (void)
{
  Fixture fixture = { 0, };

  fixture_show (&fixture, keel_test_gui_load_sample (), 1400, 900);
  keel_test_gui_assert_narrow (GTK_WIDGET (fixture.view));

  fixture_close (&fixture);
}

static void
test_sample_cells (void)
{
  Fixture fixture = { 0, };
  GListModel *items;
  guint n, shown = 0;

  fixture_show (&fixture, keel_test_gui_load_sample (), 1400, 900);
  items = keel_project_get_items (fixture.project);
  n = g_list_model_get_n_items (items);
  g_assert_cmpuint (n, >, 0);

  /* Every item sits in the cell of its dimension and horizon, in board order. */
  for (guint d = 0; d < KEEL_N_DIMENSIONS; d++)
    for (guint h = 0; h < KEEL_N_HORIZONS; h++)
      {
        KeelBoardCell *cell = keel_board_view_get_cell (fixture.view, d, h);
        GPtrArray *cell_items = keel_board_cell_peek_items (cell);

        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (cell)), ==, cell_items->len);
        for (guint i = 0; i < cell_items->len; i++)
          {
            KeelItem *item = g_ptr_array_index (cell_items, i);

            g_assert_cmpint (item->dimension, ==, d);
            g_assert_cmpint (item->horizon, ==, h);
            if (i > 0)
              g_assert_cmpint (keel_board_item_compare (g_ptr_array_index (cell_items, i - 1), item), <, 0);
          }
        shown += cell_items->len;
      }
  g_assert_cmpuint (shown, ==, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KeelItem) item = g_list_model_get_item (items, i);
      g_assert_cmpint (cell_index (&fixture, item->dimension, item->horizon, item->id), >=, 0);
    }

  /* The sample's first technology item is first in Technology, Now, and its card is on
   * screen with what the card shows. */
  g_assert_cmpint (cell_index (&fixture, KEEL_DIMENSION_TECHNOLOGY, KEEL_HORIZON_NOW, "it-01"), ==, 0);
  g_assert_nonnull (find_card (&fixture, "it-01"));

  /* A card carries a marker exactly when a finding concerns its item. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KeelItem) item = g_list_model_get_item (items, i);
      KeelBoardCard *card = find_card (&fixture, item->id);
      gboolean concerned = keel_finding_index_lookup (keel_board_view_get_finding_index (fixture.view),
                                                      item->id) != NULL;

      if (card != NULL)
        g_assert_cmpint (keel_board_card_has_marker (card), ==, concerned);
    }

  fixture_close (&fixture);
}

static void
test_move_to_and_undo (void)
{
  Fixture fixture = { 0, };
  KeelBoardCard *card;
  KeelItem *item;
  int before;
  guint team_later;

  fixture_show (&fixture, keel_test_gui_load_sample (), 1400, 900);
  item = keel_project_lookup_item (fixture.project, "it-07");
  g_assert_cmpint (item->dimension, ==, KEEL_DIMENSION_PRODUCT);
  g_assert_cmpint (item->horizon, ==, KEEL_HORIZON_NOW);
  before = cell_index (&fixture, KEEL_DIMENSION_PRODUCT, KEEL_HORIZON_NOW, "it-07");
  team_later = g_list_model_get_n_items (G_LIST_MODEL (keel_board_view_get_cell (fixture.view,
                                                                                  KEEL_DIMENSION_TEAM,
                                                                                  KEEL_HORIZON_LATER)));

  /* "Move to…" → Team, Later, through the card's own menu action. */
  card = find_card (&fixture, "it-07");
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.move-to", "s", "team/later"));
  g_assert_cmpint (item->dimension, ==, KEEL_DIMENSION_TEAM);
  g_assert_cmpint (item->horizon, ==, KEEL_HORIZON_LATER);
  g_assert_cmpint (cell_index (&fixture, KEEL_DIMENSION_TEAM, KEEL_HORIZON_LATER, "it-07"), ==, (int) team_later);
  g_assert_cmpint (cell_index (&fixture, KEEL_DIMENSION_PRODUCT, KEEL_HORIZON_NOW, "it-07"), ==, -1);

  /* One undo step puts it back where it was. */
  keel_test_gui_undo (fixture.project);
  g_assert_cmpint (item->dimension, ==, KEEL_DIMENSION_PRODUCT);
  g_assert_cmpint (item->horizon, ==, KEEL_HORIZON_NOW);
  g_assert_cmpint (cell_index (&fixture, KEEL_DIMENSION_PRODUCT, KEEL_HORIZON_NOW, "it-07"), ==, before);
  g_assert_cmpint (cell_index (&fixture, KEEL_DIMENSION_TEAM, KEEL_HORIZON_LATER, "it-07"), ==, -1);

  /* Moving to the place it is already in is no edit at all. */
  g_assert_true (keel_board_view_move_item_to (fixture.view, "it-07", KEEL_DIMENSION_PRODUCT,
                                               KEEL_HORIZON_NOW));
  g_assert_true (keel_project_can_redo (fixture.project));

  fixture_close (&fixture);
}

/* The cell box that holds @list and its drop target. */
static GtkDropTarget *
find_drop_target (GtkWidget  *list,
                  GtkWidget **out_box)
{
  for (GtkWidget *widget = list; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

          if (GTK_IS_DROP_TARGET (controller))
            {
              *out_box = widget;
              return GTK_DROP_TARGET (controller);
            }
        }
    }
  return NULL;
}

static void
test_drop_and_undo (void)
{
  Fixture fixture = { 0, };
  GtkWidget *list;
  GtkDropTarget *target;
  GtkWidget *box = NULL;
  KeelBoardCard *anchor;
  graphene_rect_t bounds;
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;
  KeelItem *item;
  KeelBoardCell *product_next;
  guint n_before;

  fixture_show (&fixture, keel_test_gui_load_sample (), 1400, 900);
  item = keel_project_lookup_item (fixture.project, "it-01");
  product_next = keel_board_view_get_cell (fixture.view, KEEL_DIMENSION_PRODUCT, KEEL_HORIZON_NEXT);
  n_before = g_list_model_get_n_items (G_LIST_MODEL (product_next));
  g_assert_cmpuint (n_before, >=, 2);

  /* Drop it-01 on the upper half of the second card of Product, Next: the drop handler
   * gets the dragged item as its value and the point in the cell. */
  list = keel_board_view_get_cell_list (fixture.view, KEEL_DIMENSION_PRODUCT, KEEL_HORIZON_NEXT);
  target = find_drop_target (list, &box);
  g_assert_nonnull (target);
  anchor = find_card (&fixture, KEEL_ITEM (g_ptr_array_index (keel_board_cell_peek_items (product_next), 1))->id);
  g_assert_nonnull (anchor);
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (anchor), box, &bounds));

  g_value_init (&value, KEEL_TYPE_ITEM);
  g_value_set_object (&value, item);
  g_signal_emit_by_name (target, "drop", &value,
                         (double) (bounds.origin.x + bounds.size.width / 2),
                         (double) (bounds.origin.y + 3), &dropped);
  g_value_unset (&value);
  g_assert_true (dropped);
  g_assert_cmpint (item->dimension, ==, KEEL_DIMENSION_PRODUCT);
  g_assert_cmpint (item->horizon, ==, KEEL_HORIZON_NEXT);
  g_assert_cmpint (cell_index (&fixture, KEEL_DIMENSION_PRODUCT, KEEL_HORIZON_NEXT, "it-01"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (product_next)), ==, n_before + 1);

  keel_test_gui_undo (fixture.project);
  g_assert_cmpint (item->dimension, ==, KEEL_DIMENSION_TECHNOLOGY);
  g_assert_cmpint (item->horizon, ==, KEEL_HORIZON_NOW);
  g_assert_cmpint (cell_index (&fixture, KEEL_DIMENSION_TECHNOLOGY, KEEL_HORIZON_NOW, "it-01"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (product_next)), ==, n_before);

  /* Reordering within a cell: the first card dropped after the second, then Alt+Up
   * (the card's action) takes it back up; each is one undo step. */
  g_assert_true (keel_board_view_drop_item (fixture.view, "it-01", KEEL_DIMENSION_TECHNOLOGY,
                                            KEEL_HORIZON_NOW, 2));
  g_assert_cmpint (cell_index (&fixture, KEEL_DIMENSION_TECHNOLOGY, KEEL_HORIZON_NOW, "it-01"), ==, 1);
  g_assert_true (keel_board_view_reorder_item (fixture.view, "it-01", -1));
  g_assert_cmpint (cell_index (&fixture, KEEL_DIMENSION_TECHNOLOGY, KEEL_HORIZON_NOW, "it-01"), ==, 0);
  g_assert_false (keel_board_view_reorder_item (fixture.view, "it-01", -1));
  keel_test_gui_undo (fixture.project);
  g_assert_cmpint (cell_index (&fixture, KEEL_DIMENSION_TECHNOLOGY, KEEL_HORIZON_NOW, "it-01"), ==, 1);
  keel_test_gui_undo (fixture.project);
  g_assert_cmpint (cell_index (&fixture, KEEL_DIMENSION_TECHNOLOGY, KEEL_HORIZON_NOW, "it-01"), ==, 0);

  /* A value that is not an item is refused. */
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "it-01");
  dropped = TRUE;
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &dropped);
  g_value_unset (&value);
  g_assert_false (dropped);

  fixture_close (&fixture);
}

static void
test_keyboard_moves (void)
{
  Fixture fixture = { 0, };
  KeelItem *item;
  KeelBoardCard *card;

  fixture_show (&fixture, keel_test_gui_load_sample (), 1400, 900);
  item = keel_project_lookup_item (fixture.project, "it-04");
  g_assert_cmpint (item->horizon, ==, KEEL_HORIZON_NEXT);

  /* Alt+Left: the earlier horizon, through the action the shortcut runs. */
  card = find_card (&fixture, "it-04");
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.horizon-earlier", NULL));
  g_assert_cmpint (item->horizon, ==, KEEL_HORIZON_NOW);
  g_assert_cmpint (item->dimension, ==, KEEL_DIMENSION_TECHNOLOGY);

  /* Alt+Shift+Right: the next dimension. */
  g_assert_true (keel_board_view_shift_item (fixture.view, "it-04", 0, 1));
  g_assert_cmpint (item->dimension, ==, KEEL_DIMENSION_PRODUCT);
  g_assert_cmpint (item->horizon, ==, KEEL_HORIZON_NOW);

  /* Past the edge of the board nothing happens. */
  g_assert_false (keel_board_view_shift_item (fixture.view, "it-04", -1, 0));

  keel_test_gui_undo (fixture.project);
  keel_test_gui_undo (fixture.project);
  g_assert_cmpint (item->dimension, ==, KEEL_DIMENSION_TECHNOLOGY);
  g_assert_cmpint (item->horizon, ==, KEEL_HORIZON_NEXT);

  fixture_close (&fixture);
}

static void
test_add_filter_delete (void)
{
  Fixture fixture = { 0, };
  KeelItem *item;
  g_autofree char *id = NULL;
  KeelBoardCell *cell;
  guint total = 0;

  fixture_show (&fixture, keel_test_gui_load_sample (), 1400, 900);

  /* "+" of Team, Now: the new item goes at the end of that cell. */
  item = keel_board_view_add_item (fixture.view, KEEL_DIMENSION_TEAM, KEEL_HORIZON_NOW,
                                   "Pairing rota for on-call");
  g_assert_nonnull (item);
  id = g_strdup (item->id);
  cell = keel_board_view_get_cell (fixture.view, KEEL_DIMENSION_TEAM, KEEL_HORIZON_NOW);
  g_assert_cmpint (cell_index (&fixture, KEEL_DIMENSION_TEAM, KEEL_HORIZON_NOW, id), ==,
                   (int) g_list_model_get_n_items (G_LIST_MODEL (cell)) - 1);
  g_assert_cmpint (item->kind, ==, KEEL_ITEM_KIND_PROCESS);

  /* Filtering by text shows only what matches, in every cell. */
  keel_board_view_set_filter (fixture.view, "pairing ROTA", -1, -1);
  for (guint d = 0; d < KEEL_N_DIMENSIONS; d++)
    for (guint h = 0; h < KEEL_N_HORIZONS; h++)
      total += g_list_model_get_n_items (G_LIST_MODEL (keel_board_view_get_cell (fixture.view, d, h)));
  g_assert_cmpuint (total, ==, 1);
  g_assert_cmpint (cell_index (&fixture, KEEL_DIMENSION_TEAM, KEEL_HORIZON_NOW, id), ==, 0);

  /* By kind and status. */
  keel_board_view_set_filter (fixture.view, NULL, KEEL_ITEM_KIND_HIRING, -1);
  for (guint d = 0; d < KEEL_N_DIMENSIONS; d++)
    for (guint h = 0; h < KEEL_N_HORIZONS; h++)
      {
        GPtrArray *items = keel_board_cell_peek_items (keel_board_view_get_cell (fixture.view, d, h));
        for (guint i = 0; i < items->len; i++)
          g_assert_cmpint (KEEL_ITEM (g_ptr_array_index (items, i))->kind, ==, KEEL_ITEM_KIND_HIRING);
      }
  keel_board_view_set_filter (fixture.view, NULL, -1, KEEL_STATUS_IDEA);
  g_assert_cmpint (cell_index (&fixture, KEEL_DIMENSION_TEAM, KEEL_HORIZON_NOW, id), >=, 0);
  keel_board_view_set_filter (fixture.view, NULL, -1, KEEL_STATUS_DONE);
  g_assert_cmpint (cell_index (&fixture, KEEL_DIMENSION_TEAM, KEEL_HORIZON_NOW, id), ==, -1);

  /* Revealing a hidden item clears the filter. */
  g_assert_true (keel_board_view_reveal (fixture.view, id));
  g_assert_cmpint (cell_index (&fixture, KEEL_DIMENSION_TEAM, KEEL_HORIZON_NOW, id), >=, 0);
  g_assert_false (keel_board_view_reveal (fixture.view, "it-does-not-exist"));

  /* Delete (the toast offers Undo), and Undo brings it back in place. */
  g_assert_true (keel_board_view_delete_item (fixture.view, id));
  g_assert_null (keel_project_lookup_item (fixture.project, id));
  g_assert_cmpint (keel_board_cell_find (cell, item), ==, -1);
  keel_test_gui_undo (fixture.project);
  g_assert_nonnull (keel_project_lookup_item (fixture.project, id));
  g_assert_cmpint (cell_index (&fixture, KEEL_DIMENSION_TEAM, KEEL_HORIZON_NOW, id), ==,
                   (int) g_list_model_get_n_items (G_LIST_MODEL (cell)) - 1);

  fixture_close (&fixture);
}

static void
test_editor_links_update_findings (void)
{
  Fixture fixture = { 0, };
  KeelItemEditor *editor;
  KeelLinkGroup *group;
  KeelLinkPicker *picker;
  g_autofree char *id = NULL;
  KeelEvidence *usage = NULL;
  GListModel *evidence;
  GListModel *matches;
  KeelBoardCard *card;
  KeelItem *item;
  guint n_evidence;

  fixture_show (&fixture, keel_test_gui_load_sample (), 1400, 900);

  /* A product feature planned without usage, request or interview evidence. */
  id = g_strdup (first_subject_of_rule (fixture.findings, "wishlist-scope"));
  g_assert_nonnull (id);
  item = keel_project_lookup_item (fixture.project, id);
  n_evidence = item->evidence->len;
  keel_board_view_reveal (fixture.view, id);
  keel_test_gui_wait_frames (GTK_WIDGET (fixture.view));
  card = find_card (&fixture, id);
  g_assert_nonnull (card);
  g_assert_true (keel_board_card_has_marker (card));

  evidence = keel_project_get_evidence (fixture.project);
  for (guint i = 0; i < g_list_model_get_n_items (evidence) && usage == NULL; i++)
    {
      g_autoptr(KeelEvidence) candidate = g_list_model_get_item (evidence, i);
      if (candidate->kind == KEEL_EVIDENCE_KIND_USAGE)
        usage = candidate;
    }
  g_assert_nonnull (usage);

  /* The editor shows the finding; its evidence picker finds the usage data by a word of
   * its summary, never by id. */
  editor = keel_board_view_edit_item (fixture.view, id);
  g_assert_nonnull (editor);
  g_object_ref (editor);
  g_assert_cmpuint (keel_item_editor_get_n_findings (editor), >, 0);
  group = keel_item_editor_get_link_group (editor, KEEL_LINK_EVIDENCE);
  picker = keel_link_group_get_picker (group);
  keel_link_picker_search (picker, usage->summary);
  matches = keel_link_picker_get_matches (picker);
  g_assert_cmpuint (g_list_model_get_n_items (matches), >=, 1);
  {
    g_autoptr(GObject) first = g_list_model_get_item (matches, 0);
    g_assert_true (first == G_OBJECT (usage));
  }
  keel_link_picker_pick (picker, 0);
  g_assert_cmpuint (keel_link_group_get_ids (group)->len, ==, n_evidence + 1);

  /* Already linked evidence is no longer offered. */
  keel_link_picker_search (picker, usage->summary);
  for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
    {
      g_autoptr(GObject) match = g_list_model_get_item (matches, i);
      g_assert_true (match != G_OBJECT (usage));
    }

  /* Saving is one edit; the findings follow it, and so do the marker and the editor. */
  g_assert_true (keel_item_editor_save (editor));
  g_assert_cmpuint (item->evidence->len, ==, n_evidence + 1);
  g_assert_false (has_finding (fixture.findings, "wishlist-scope", id));
  {
    GPtrArray *list = keel_finding_index_lookup (keel_board_view_get_finding_index (fixture.view), id);
    for (guint i = 0; list != NULL && i < list->len; i++)
      g_assert_cmpstr (((KeelFinding *) g_ptr_array_index (list, i))->rule, !=, "wishlist-scope");
  }
  g_object_unref (editor);
  keel_gui_test_iterate ();
  keel_test_gui_wait_frames (GTK_WIDGET (fixture.view));
  card = find_card (&fixture, id);
  g_assert_nonnull (card);
  g_assert_cmpint (keel_board_card_has_marker (card), ==,
                   keel_finding_index_lookup (keel_board_view_get_finding_index (fixture.view), id) != NULL);

  keel_test_gui_undo (fixture.project);
  g_assert_cmpuint (item->evidence->len, ==, n_evidence);
  g_assert_true (has_finding (fixture.findings, "wishlist-scope", id));
  g_assert_true (keel_board_card_has_marker (card));

  fixture_close (&fixture);
}

static void
test_editor_every_field (void)
{
  Fixture fixture = { 0, };
  KeelItemEditor *editor;
  KeelItem *item;
  GtkWidget *calendar;
  g_autoptr(GDateTime) date = g_date_time_new_local (2027, 3, 14, 0, 0, 0);
  GtkTextBuffer *buffer;

  fixture_show (&fixture, keel_test_gui_load_sample (), 1400, 900);
  item = keel_project_lookup_item (fixture.project, "it-19");

  editor = keel_board_view_edit_item (fixture.view, "it-19");
  g_object_ref (editor);
  gtk_editable_set_text (GTK_EDITABLE (keel_item_editor_get_field (editor, "title")), "Job runner");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (keel_item_editor_get_field (editor, "description")));
  gtk_text_buffer_set_text (buffer, "Cron replacement", -1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (keel_item_editor_get_field (editor, "dimension")),
                              KEEL_DIMENSION_TECHNOLOGY);
  adw_combo_row_set_selected (ADW_COMBO_ROW (keel_item_editor_get_field (editor, "horizon")),
                              KEEL_HORIZON_LATER);
  adw_combo_row_set_selected (ADW_COMBO_ROW (keel_item_editor_get_field (editor, "kind")),
                              KEEL_ITEM_KIND_HARDENING);
  adw_combo_row_set_selected (ADW_COMBO_ROW (keel_item_editor_get_field (editor, "status")),
                              KEEL_STATUS_PLANNED);
  gtk_editable_set_text (GTK_EDITABLE (keel_item_editor_get_field (editor, "owner")), "Grace");
  calendar = keel_item_editor_get_field (editor, "target");
  gtk_calendar_select_day (GTK_CALENDAR (calendar), date);

  /* A bad effort is refused and nothing changes. */
  gtk_editable_set_text (GTK_EDITABLE (keel_item_editor_get_field (editor, "effort")), "three");
  g_assert_false (keel_item_editor_save (editor));
  g_assert_cmpstr (item->title, !=, "Job runner");

  gtk_editable_set_text (GTK_EDITABLE (keel_item_editor_get_field (editor, "effort")), "2,5");
  g_assert_true (keel_item_editor_save (editor));
  g_object_unref (editor);

  g_assert_cmpstr (item->title, ==, "Job runner");
  g_assert_cmpstr (item->description, ==, "Cron replacement");
  g_assert_cmpint (item->dimension, ==, KEEL_DIMENSION_TECHNOLOGY);
  g_assert_cmpint (item->horizon, ==, KEEL_HORIZON_LATER);
  g_assert_cmpint (item->kind, ==, KEEL_ITEM_KIND_HARDENING);
  g_assert_cmpint (item->status, ==, KEEL_STATUS_PLANNED);
  g_assert_true (item->has_effort_days);
  g_assert_cmpfloat_with_epsilon (item->effort_days, 2.5, 1e-9);
  g_assert_cmpstr (item->owner, ==, "Grace");
  g_assert_cmpstr (item->target, ==, "2027-03-14");
  g_assert_cmpint (cell_index (&fixture, KEEL_DIMENSION_TECHNOLOGY, KEEL_HORIZON_LATER, "it-19"), >=, 0);

  /* The whole form was one undo step. */
  keel_test_gui_undo (fixture.project);
  g_assert_cmpint (item->dimension, ==, KEEL_DIMENSION_INFRASTRUCTURE);
  g_assert_cmpstr (item->owner, ==, "Ada");
  g_assert_cmpint (cell_index (&fixture, KEEL_DIMENSION_INFRASTRUCTURE, KEEL_HORIZON_NEXT, "it-19"), >=, 0);

  fixture_close (&fixture);
}

/* A project of @n_items items spread over the board, as JSON. */
static char *
large_project_json (guint n_items)
{
  static const char *dimensions[] = { "technology", "product", "team", "infrastructure" };
  static const char *horizons[] = { "now", "next", "later" };
  GString *json = g_string_new ("{\"format\": \"keel-project\", \"version\": 1, \"name\": \"Large\", \"items\": [");

  for (guint i = 0; i < n_items; i++)
    g_string_append_printf (json,
                            "%s{\"id\": \"it-%05u\", \"title\": \"Item number %u\", "
                            "\"dimension\": \"%s\", \"kind\": \"other\", \"horizon\": \"%s\", "
                            "\"status\": \"idea\", \"position\": %u}",
                            i > 0 ? ", " : "", i, i, dimensions[i % 4], horizons[(i / 4) % 3], i / 12);
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

static void
test_large_board_virtualised (void)
{
  Fixture fixture = { 0, };
  g_autofree char *json = large_project_json (20000);
  guint total = 0, realised;
  KeelItem *item;

  fixture_show (&fixture, keel_test_gui_project_from_json (json, strlen (json)), 1400, 900);

  for (guint d = 0; d < KEEL_N_DIMENSIONS; d++)
    for (guint h = 0; h < KEEL_N_HORIZONS; h++)
      total += g_list_model_get_n_items (G_LIST_MODEL (keel_board_view_get_cell (fixture.view, d, h)));
  g_assert_cmpuint (total, ==, 20000);

  /* Twelve cells of about 1,700 items each, but cards only for the rows on screen. */
  realised = count_realised_cards (&fixture);
  g_test_message ("%u cards realised for 20,000 items", realised);
  g_assert_cmpuint (realised, >, 0);
  g_assert_cmpuint (realised, <, 400);

  /* An edit re-sorts only its cells and keeps the rest as they were. */
  item = keel_project_lookup_item (fixture.project, "it-19999");
  g_assert_true (keel_board_view_move_item_to (fixture.view, "it-19999", KEEL_DIMENSION_TECHNOLOGY,
                                               KEEL_HORIZON_NOW));
  g_assert_cmpint (item->dimension, ==, KEEL_DIMENSION_TECHNOLOGY);
  g_assert_cmpint (cell_index (&fixture, KEEL_DIMENSION_TECHNOLOGY, KEEL_HORIZON_NOW, "it-19999"), ==,
                   (int) g_list_model_get_n_items (G_LIST_MODEL (keel_board_view_get_cell (fixture.view,
                                                                                            KEEL_DIMENSION_TECHNOLOGY,
                                                                                            KEEL_HORIZON_NOW))) - 1);

  /* Revealing the last card scrolls its list there and still realises few rows. */
  g_assert_true (keel_board_view_reveal (fixture.view, "it-19999"));
  keel_test_gui_wait_frames (GTK_WIDGET (fixture.view));
  g_assert_nonnull (find_card (&fixture, "it-19999"));
  g_assert_cmpuint (count_realised_cards (&fixture), <, 400);

  /* A text filter over all 20,000 items. */
  keel_board_view_set_filter (fixture.view, "number 1234", -1, -1);
  total = 0;
  for (guint d = 0; d < KEEL_N_DIMENSIONS; d++)
    for (guint h = 0; h < KEEL_N_HORIZONS; h++)
      total += g_list_model_get_n_items (G_LIST_MODEL (keel_board_view_get_cell (fixture.view, d, h)));
  g_assert_cmpuint (total, ==, 11);   /* 1234 and 12340–12349 */

  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  keel_gui_test_init (&argc, &argv);

  g_test_add_func ("/keel/gui/board/sample-cells", test_sample_cells);
  g_test_add_func ("/keel/gui/board/move-to-and-undo", test_move_to_and_undo);
  g_test_add_func ("/keel/gui/board/drop-and-undo", test_drop_and_undo);
  g_test_add_func ("/keel/gui/board/keyboard-moves", test_keyboard_moves);
  g_test_add_func ("/keel/gui/board/add-filter-delete", test_add_filter_delete);
  g_test_add_func ("/keel/gui/board/editor-links-update-findings", test_editor_links_update_findings);
  g_test_add_func ("/keel/gui/board/editor-every-field", test_editor_every_field);
  g_test_add_func ("/keel/gui/board/large-board-virtualised", test_large_board_virtualised);

  g_test_add_func ("/keel/gui/board/narrow", test_narrow);

  return g_test_run ();
}
