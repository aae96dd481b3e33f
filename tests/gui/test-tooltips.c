/* test-tooltips.c: the tooltips of the board's cards and the debt table's cells. They
 * are written when one is about to show (query-tooltip), not when a row is bound, so
 * that scrolling and sorting never wait on the display; these tests hold that each
 * still says what it said, that a widget with nothing to say shows none, and that the
 * same text stays the widget's accessible description.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-tooltips"

#include "config.h"

#include "keel-board-view-private.h"
#include "keel-debt-view-private.h"
#include "keel-gui-test.h"
#include "keel-test-gui.h"

/* ---- Helpers ---- */

/* Asks @widget for its tooltip, as GTK does when the pointer rests on it. */
static gboolean
query_tooltip (GtkWidget *widget)
{
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_signal_emit_by_name (widget, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  return shown;
}

static GtkWidget *
find_child_with_class (GtkWidget  *widget,
                       GType       type,
                       const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (css_class == NULL || gtk_widget_has_css_class (child, css_class)))
        return child;
      if ((found = find_child_with_class (child, type, css_class)) != NULL)
        return found;
    }
  return NULL;
}

/* ---- Tests ---- */

static void
test_card_tooltips (void)
{
  KeelProject *project = keel_test_gui_load_sample ();
  KeelBoardView *view = g_object_ref_sink (keel_board_view_new ());
  GtkWidget *window;
  guint with_description = 0, without_description = 0;

  keel_board_view_set_project (view, project);
  window = keel_test_gui_show_view (GTK_WIDGET (view), 1400, 900, NULL);
  keel_test_gui_wait_frames (GTK_WIDGET (view));

  for (guint d = 0; d < KEEL_N_DIMENSIONS; d++)
    for (guint h = 0; h < KEEL_N_HORIZONS; h++)
      {
        GtkWidget *list = keel_board_view_get_cell_list (view, d, h);

        for (GtkWidget *row = gtk_widget_get_first_child (list);
             row != NULL;
             row = gtk_widget_get_next_sibling (row))
          {
            GtkWidget *card = gtk_widget_get_first_child (row);
            GtkWidget *title;
            KeelItem *item;

            if (!KEEL_IS_BOARD_CARD (card))
              continue;
            item = keel_board_card_get_item (KEEL_BOARD_CARD (card));
            title = find_child_with_class (card, GTK_TYPE_LABEL, "card-title");
            g_assert_nonnull (item);
            g_assert_nonnull (title);
            g_assert_true (gtk_widget_get_has_tooltip (title));

            if (item->description[0] != '\0')
              {
                g_assert_true (query_tooltip (title));
                gtk_test_accessible_assert_property (title, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                     item->description);
                with_description++;
              }
            else
              {
                g_assert_false (query_tooltip (title));
                g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (title),
                                                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
                without_description++;
              }
          }
      }
  /* The sample has items of both kinds on screen. */
  g_assert_cmpuint (with_description, >, 0);
  g_assert_cmpuint (without_description, >, 0);

  keel_board_view_set_project (view, NULL);
  keel_test_gui_close_view (window, view);
  keel_test_gui_close_project (&project);
}

static void
test_debt_cell_tooltips (void)
{
  KeelProject *project = keel_test_gui_load_sample ();
  KeelDebtView *view = g_object_ref_sink (keel_debt_view_new ());
  GtkWidget *window;
  GtkWidget *list;
  guint checked = 0;

  keel_debt_view_set_project (view, project);
  window = keel_test_gui_show_view (GTK_WIDGET (view), 1400, 900, NULL);
  keel_test_gui_wait_frames (GTK_WIDGET (view));

  /* After a sort every row on screen is bound again: its tooltip follows. */
  keel_debt_view_sort_by (view, KEEL_DEBT_COLUMN_TITLE, GTK_SORT_DESCENDING);
  keel_test_gui_wait_frames (GTK_WIDGET (view));
  list = find_child_with_class (GTK_WIDGET (keel_debt_view_get_column_view (view)),
                                GTK_TYPE_LIST_VIEW, NULL);
  g_assert_nonnull (list);

  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *cell = gtk_widget_get_first_child (row);
      GtkWidget *title_box = cell != NULL ? gtk_widget_get_first_child (cell) : NULL;
      GtkWidget *label = title_box != NULL ? gtk_widget_get_last_child (title_box) : NULL;
      const char *text;

      if (label == NULL || !GTK_IS_LABEL (label))
        continue;
      text = gtk_label_get_label (GTK_LABEL (label));
      g_assert_true (gtk_widget_get_has_tooltip (label));
      g_assert_true (query_tooltip (label));
      gtk_test_accessible_assert_property (label, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text);
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);

  keel_debt_view_set_project (view, NULL);
  keel_test_gui_close_view (window, view);
  keel_test_gui_close_project (&project);
}

int
main (int   argc,
      char *argv[])
{
  keel_gui_test_init (&argc, &argv);

  g_test_add_func ("/keel/gui/tooltips/board-card", test_card_tooltips);
  g_test_add_func ("/keel/gui/tooltips/debt-cell", test_debt_cell_tooltips);

  return g_test_run ();
}
