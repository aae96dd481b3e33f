/* test-chart.c: the native chart — what it says in words, and that it draws in the
 * light and dark styles without complaint.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-chart"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "keel-chart.h"
#include "keel-gui-test.h"

static GtkWidget *
make_chart (KeelChartKind kind)
{
  const char *labels[] = { "0", "1", "2", "3", "4", "5" };
  const double cohort[] = { 1.0, 0.62, 0.5, 0.46, 0.45, NAN };
  const double average[] = { 1.0, 0.6, 0.49, 0.45, 0.44, 0.44 };
  const double low[] = { 0.9, 0.5, 0.4, 0.35, 0.34, 0.33 };
  const double high[] = { 1.0, 0.7, 0.58, 0.55, 0.54, 0.55 };
  GtkWidget *chart = keel_chart_new (kind, KEEL_CHART_FORMAT_PERCENT);
  guint series;

  keel_chart_set_categories (KEEL_CHART (chart), labels, G_N_ELEMENTS (labels));
  keel_chart_add_series (KEEL_CHART (chart), "Each cohort", cohort, G_N_ELEMENTS (cohort),
                         KEEL_CHART_SERIES_MUTED);
  series = keel_chart_add_series (KEEL_CHART (chart), "Average", average, G_N_ELEMENTS (average),
                                  KEEL_CHART_SERIES_BOLD);
  keel_chart_set_intervals (KEEL_CHART (chart), series, low, high, G_N_ELEMENTS (low));
  keel_chart_set_threshold (KEEL_CHART (chart), 0.4, "Threshold 40%");
  keel_chart_set_marker (KEEL_CHART (chart), 0.44, 2, "Plateau 44%");
  keel_chart_set_axis_titles (KEEL_CHART (chart), "Weeks since signup", "Users still active");
  keel_chart_set_description (KEEL_CHART (chart), "Retention curves",
                              "Retention of 1 cohort over 6 periods.");
  return chart;
}

/* Draws @chart in a window and returns the size of the PNG it makes. */
static goffset
render (GtkWidget *chart)
{
  GtkWidget *window = gtk_window_new ();
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = keel_gui_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  GStatBuf st;

  gtk_window_set_default_size (GTK_WINDOW (window), 600, 320);
  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (chart) == 0)
    g_main_context_iteration (NULL, TRUE);
  keel_gui_test_iterate ();

  paintable = gtk_widget_paintable_new (chart);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (chart), gtk_widget_get_height (chart));
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, NULL);
  gsk_render_node_unref (node);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_assert_cmpint (g_stat (path, &st), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
  return st.st_size;
}

static void
test_chart_described (void)
{
  GtkWidget *chart = g_object_ref_sink (make_chart (KEEL_CHART_LINES));

  g_assert_cmpuint (keel_chart_get_n_series (KEEL_CHART (chart)), ==, 2);
  g_assert_cmpstr (keel_chart_get_description (KEEL_CHART (chart)), ==,
                   "Retention of 1 cohort over 6 periods.");
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (chart)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (chart), ==, "Retention of 1 cohort over 6 periods.");
  g_assert_finalize_object (chart);
}

static void
test_chart_draws_light_and_dark (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  goffset light, dark, bars, empty;

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  light = render (make_chart (KEEL_CHART_LINES));
  bars = render (make_chart (KEEL_CHART_BARS));
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  dark = render (make_chart (KEEL_CHART_LINES));
  empty = render (keel_chart_new (KEEL_CHART_BARS, KEEL_CHART_FORMAT_COUNT));
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);

  /* A drawn chart compresses worse than a blank one: something was drawn. */
  g_assert_cmpint (light, >, empty);
  g_assert_cmpint (dark, >, empty);
  g_assert_cmpint (bars, >, empty);
}

int
main (int   argc,
      char *argv[])
{
  keel_gui_test_init (&argc, &argv);

  g_test_add_func ("/keel/gui/chart/described", test_chart_described);
  g_test_add_func ("/keel/gui/chart/draws-light-and-dark", test_chart_draws_light_and_dark);

  return g_test_run ();
}
