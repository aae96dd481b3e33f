/* keel-bench-frames.c: frame-by-frame figures of scrolling the board and sorting the
 * debt table, for build-aux/bench (KEEL_BENCH_FRAMES=1).
 *
 * Why it drives the real window rather than a widget in a test: a dropped frame comes
 * from everything a frame does (layout of the whole window, the rows the list views
 * rebind, the renderer), so the figures are only worth having from the window a user
 * sees. Why the frame clock's own times: they are what the frames were scheduled at,
 * so a frame that took too long shows as a long interval to the next one.
 *
 * The run: once the window shows a project and has settled, switch to the board and
 * scroll the fullest cell by a fixed step every frame (with two page jumps on the way),
 * as a user scrolls one cell with the wheel; then the three fullest cells at once, a
 * harder case (three times the rows to bind per frame); then switch to the debt table
 * and sort by each column, both ways, timing each sort from the request to the end of
 * the next frame painted. Print and quit.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-bench-frames"

#include "config.h"

#include <math.h>

#include "keel-bench-frames.h"
#include "keel-window.h"
#ifdef KEEL_HAVE_BOARD_VIEW
# include "keel-board-view-private.h"
#endif
#ifdef KEEL_HAVE_DEBT_VIEW
# include "keel-debt-view-private.h"
#endif

/* How long the window may settle (idle loads, the findings) before each measurement. */
#define SETTLE_MS        1500
#define VIEW_SETTLE_MS   500
#define SORT_GAP_MS      100
/* The whole run gives up after this long (a frame clock that stopped, say). */
#define WATCHDOG_SECONDS 300

#define SCROLL_FRAMES    300
/* Pixels per frame: 2,400 px/s at 60 Hz, a brisk flick of the wheel or touchpad. */
#define SCROLL_STEP      40.0
#define SCROLL_MAX_CELLS 3
/* A frame interval above this counts as dropped when the clock knows no refresh rate. */
#define DROPPED_US       33000

typedef struct _Bench Bench;
typedef void (*BenchStep) (Bench *bench);

struct _Bench
{
  GtkApplication *application;
  KeelWindow     *window;        /* weak */
  GdkFrameClock  *clock;
  gulong          after_paint_handler;
  BenchStep       on_paint;      /* one-shot: run after the next frame painted */
  guint           timeout;
  BenchStep       on_timeout;
  guint           watchdog;
  const char     *phase;
  gint64          view_start;

  /* The board */
  GtkWidget      *board;
  guint           pass;          /* 0: the fullest cell, 1: the three fullest */
  GtkAdjustment  *adjustments[SCROLL_MAX_CELLS];
  double          directions[SCROLL_MAX_CELLS];
  guint           n_adjustments;
  guint           n_items_scrolled;
  guint           tick;
  guint           frame;
  gint64          tick_time;     /* monotonic time of the current frame's tick, 0 after paint */
  gint64          refresh_interval;
  GArray         *frame_times;   /* gint64: the frame clock's time of each frame */
  GArray         *work_ms;       /* double: tick to end of paint, per frame */

  /* The debt table */
  GtkWidget      *debt;
  guint           column;
  gboolean        descending;
  gint64          sort_start;
#ifdef KEEL_HAVE_DEBT_VIEW
  double          sort_ms[KEEL_N_DEBT_COLUMNS][2];
#endif
};

#ifdef KEEL_HAVE_DEBT_VIEW
static const char * const debt_column_names[KEEL_N_DEBT_COLUMNS] = {
  [KEEL_DEBT_COLUMN_TITLE] = "title",
  [KEEL_DEBT_COLUMN_COMPONENT] = "component",
  [KEEL_DEBT_COLUMN_QUADRANT] = "quadrant",
  [KEEL_DEBT_COLUMN_PRINCIPAL] = "principal",
  [KEEL_DEBT_COLUMN_INTEREST] = "interest",
  [KEEL_DEBT_COLUMN_BOTTLENECK] = "bottleneck",
  [KEEL_DEBT_COLUMN_HARD_CEILING] = "hard-ceiling",
  [KEEL_DEBT_COLUMN_STATUS] = "status",
  [KEEL_DEBT_COLUMN_AGE] = "age",
};
#endif

/* ---- Prototypes ---- */

static void show_board (Bench *bench);
static void show_debt  (Bench *bench);
static void finish     (Bench *bench);

/* ---- Helpers ---- */

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The @p-th quantile (0..1) of @sorted, nearest rank. */
static double
quantile (GArray *sorted,
          double  p)
{
  guint rank;

  if (sorted->len == 0)
    return 0;
  rank = (guint) ceil (p * sorted->len);
  return g_array_index (sorted, double, CLAMP (rank, 1, sorted->len) - 1);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
run_later_cb (gpointer user_data)
{
  Bench *bench = user_data;
  BenchStep step = bench->on_timeout;

  bench->timeout = 0;
  bench->on_timeout = NULL;
  if (bench->window == NULL)
    finish (bench);
  else
    step (bench);
  return G_SOURCE_REMOVE;
}

/* Runs @step after @delay_ms (the only pending step). */
static void
run_later (Bench     *bench,
           guint      delay_ms,
           BenchStep  step)
{
  g_clear_handle_id (&bench->timeout, g_source_remove);
  bench->on_timeout = step;
  bench->timeout = g_timeout_add (delay_ms, run_later_cb, bench);
}

/* Runs @step once the next frame is painted; a redraw is queued so that there is one. */
static void
run_after_paint (Bench     *bench,
                 BenchStep  step)
{
  bench->on_paint = step;
  if (bench->window != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (bench->window));
}

static void
print_board_figures (Bench *bench)
{
  const char *prefix = bench->pass == 0 ? "board-scroll" : "board-scroll-3";
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *work = bench->work_ms;
  gint64 threshold = DROPPED_US;
  guint dropped = 0;

  if (bench->refresh_interval > 0)
    threshold = MIN (threshold, 2 * bench->refresh_interval);

  /* The first frame's interval runs from before the scrolling began: not counted. */
  for (guint i = 1; i < bench->frame_times->len; i++)
    {
      gint64 interval = g_array_index (bench->frame_times, gint64, i) -
                        g_array_index (bench->frame_times, gint64, i - 1);
      double ms = interval / 1000.0;

      g_array_append_val (intervals, ms);
      if (interval > threshold)
        dropped++;
    }
  g_array_sort (intervals, compare_double);
  g_array_sort (work, compare_double);

  g_print ("%s-cells %u %u\n", prefix, bench->n_adjustments, bench->n_items_scrolled);
  g_print ("%s-frames %u\n", prefix, intervals->len);
  g_print ("%s-refresh-ms %.1f\n", prefix, bench->refresh_interval / 1000.0);
  g_print ("%s-frame-ms %.1f %.1f %.1f\n", prefix, quantile (intervals, 0.5),
           quantile (intervals, 0.95), quantile (intervals, 1.0));
  g_print ("%s-dropped %u\n", prefix, dropped);
  g_print ("%s-work-ms %.1f %.1f %.1f\n", prefix, quantile (work, 0.5),
           quantile (work, 0.95), quantile (work, 1.0));
}

/* Back to the top of every cell, and ready for the next pass. */
static void
reset_board (Bench *bench)
{
  for (guint i = 0; i < bench->n_adjustments; i++)
    {
      GtkAdjustment *adjustment = bench->adjustments[i];

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
      g_clear_object (&bench->adjustments[i]);
    }
  bench->n_adjustments = 0;
  bench->n_items_scrolled = 0;
  bench->frame = 0;
  bench->tick_time = 0;
  g_clear_pointer (&bench->frame_times, g_array_unref);
  g_clear_pointer (&bench->work_ms, g_array_unref);
}

/* ---- Callbacks ---- */

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  BenchStep step = bench->on_paint;

  bench->on_paint = NULL;
  if (step != NULL)
    step (bench);
}

static gboolean
watchdog_cb (gpointer user_data)
{
  Bench *bench = user_data;

  bench->watchdog = 0;
  g_printerr ("keel: the frame benchmark timed out (%s)\n", bench->phase);
  finish (bench);
  return G_SOURCE_REMOVE;
}

/* ---- The debt table ---- */

#ifdef KEEL_HAVE_DEBT_VIEW
static void sort_next (Bench *bench);

static void
sort_painted (Bench *bench)
{
  bench->sort_ms[bench->column][bench->descending] = ms_since (bench->sort_start);
  if (bench->descending)
    bench->column++;
  bench->descending = !bench->descending;
  run_later (bench, SORT_GAP_MS, sort_next);
}

static void
sort_next (Bench *bench)
{
  if (bench->column >= KEEL_N_DEBT_COLUMNS)
    {
      g_print ("debt-rows %u\n",
               g_list_model_get_n_items (keel_debt_view_get_rows (KEEL_DEBT_VIEW (bench->debt))));
      for (guint c = 0; c < KEEL_N_DEBT_COLUMNS; c++)
        g_print ("debt-sort-ms %s %.1f %.1f\n", debt_column_names[c],
                 bench->sort_ms[c][0], bench->sort_ms[c][1]);
      finish (bench);
      return;
    }

  bench->sort_start = g_get_monotonic_time ();
  keel_debt_view_sort_by (KEEL_DEBT_VIEW (bench->debt), bench->column,
                          bench->descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  run_after_paint (bench, sort_painted);
}

static void
debt_shown (Bench *bench)
{
  g_print ("debt-show-ms %.1f\n", ms_since (bench->view_start));
  bench->phase = "sorting the debt table";
  run_later (bench, VIEW_SETTLE_MS, sort_next);
}
#endif

static void
show_debt (Bench *bench)
{
#ifdef KEEL_HAVE_DEBT_VIEW
  bench->debt = find_descendant (GTK_WIDGET (bench->window), KEEL_TYPE_DEBT_VIEW);
#endif
  if (bench->debt == NULL)
    {
      finish (bench);
      return;
    }
  bench->phase = "showing the debt table";
  bench->view_start = g_get_monotonic_time ();
  keel_window_show_view (bench->window, "debt");
#ifdef KEEL_HAVE_DEBT_VIEW
  run_after_paint (bench, debt_shown);
#endif
}

/* ---- The board ---- */

#ifdef KEEL_HAVE_BOARD_VIEW
static void start_scrolling (Bench *bench);

static void
step_adjustment (GtkAdjustment *adjustment,
                 double        *direction,
                 double         delta)
{
  double lower = gtk_adjustment_get_lower (adjustment);
  double max = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  double value = gtk_adjustment_get_value (adjustment) + *direction * delta;

  /* Back and forth between the ends, as long as the frames last. */
  if (value >= max)
    {
      value = max;
      *direction = -1;
    }
  else if (value <= lower)
    {
      value = lower;
      *direction = 1;
    }
  gtk_adjustment_set_value (adjustment, value);
}

static void
scroll_painted (Bench *bench)
{
  if (bench->tick_time != 0)
    {
      double ms = ms_since (bench->tick_time);

      g_array_append_val (bench->work_ms, ms);
      bench->tick_time = 0;
    }
  if (bench->tick != 0)
    bench->on_paint = scroll_painted;
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Bench *bench = user_data;
  gint64 frame_time = gdk_frame_clock_get_frame_time (clock);

  if (bench->frame >= SCROLL_FRAMES)
    {
      bench->tick = 0;
      bench->on_paint = NULL;
      print_board_figures (bench);
      reset_board (bench);
      if (++bench->pass == 1)
        run_later (bench, VIEW_SETTLE_MS, start_scrolling);
      else
        run_later (bench, VIEW_SETTLE_MS, show_debt);
      return G_SOURCE_REMOVE;
    }

  g_array_append_val (bench->frame_times, frame_time);
  gdk_frame_clock_get_refresh_info (clock, frame_time, &bench->refresh_interval, NULL);
  bench->tick_time = g_get_monotonic_time ();

  for (guint i = 0; i < bench->n_adjustments; i++)
    {
      GtkAdjustment *adjustment = bench->adjustments[i];
      double delta = SCROLL_STEP;

      /* Two jumps on the way: a page down, then a drag of the scrollbar far away. */
      if (bench->frame == SCROLL_FRAMES / 3)
        delta = gtk_adjustment_get_page_size (adjustment);
      else if (bench->frame == 2 * SCROLL_FRAMES / 3)
        delta = (gtk_adjustment_get_upper (adjustment) -
                 gtk_adjustment_get_page_size (adjustment)) / 3;
      step_adjustment (adjustment, &bench->directions[i], delta);
    }
  bench->frame++;
  return G_SOURCE_CONTINUE;
}

static void
start_scrolling (Bench *bench)
{
  KeelBoardView *board = KEEL_BOARD_VIEW (bench->board);
  guint counts[KEEL_N_DIMENSIONS * KEEL_N_HORIZONS];
  GtkWidget *lists[KEEL_N_DIMENSIONS * KEEL_N_HORIZONS];
  guint wanted = bench->pass == 0 ? 1 : SCROLL_MAX_CELLS;
  guint n = 0;

  /* The fullest cells: they have the most to scroll through. */
  for (guint d = 0; d < KEEL_N_DIMENSIONS; d++)
    for (guint h = 0; h < KEEL_N_HORIZONS; h++)
      {
        GListModel *cell = G_LIST_MODEL (keel_board_view_get_cell (board, d, h));

        counts[n] = g_list_model_get_n_items (cell);
        lists[n] = keel_board_view_get_cell_list (board, d, h);
        n++;
      }
  for (guint i = 0; i < wanted && i < n; i++)
    {
      guint best = i;

      for (guint j = i + 1; j < n; j++)
        if (counts[j] > counts[best])
          best = j;
      if (counts[best] == 0)
        break;
      if (best != i)
        {
          guint count = counts[i];
          GtkWidget *list = lists[i];

          counts[i] = counts[best];
          lists[i] = lists[best];
          counts[best] = count;
          lists[best] = list;
        }
      bench->adjustments[bench->n_adjustments] =
        g_object_ref (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (lists[i])));
      bench->directions[bench->n_adjustments] = 1;
      bench->n_adjustments++;
      bench->n_items_scrolled += counts[i];
    }

  bench->phase = "scrolling the board";
  bench->frame_times = g_array_sized_new (FALSE, FALSE, sizeof (gint64), SCROLL_FRAMES);
  bench->work_ms = g_array_sized_new (FALSE, FALSE, sizeof (double), SCROLL_FRAMES);
  bench->on_paint = scroll_painted;
  bench->tick = gtk_widget_add_tick_callback (bench->board, scroll_tick_cb, bench, NULL);
}

static void
board_shown (Bench *bench)
{
  g_print ("board-show-ms %.1f\n", ms_since (bench->view_start));
  run_later (bench, VIEW_SETTLE_MS, start_scrolling);
}
#endif

static void
show_board (Bench *bench)
{
#ifdef KEEL_HAVE_BOARD_VIEW
  bench->board = find_descendant (GTK_WIDGET (bench->window), KEEL_TYPE_BOARD_VIEW);
#endif
  if (bench->board == NULL)
    {
      show_debt (bench);
      return;
    }
  bench->phase = "showing the board";
  bench->view_start = g_get_monotonic_time ();
  keel_window_show_view (bench->window, "board");
#ifdef KEEL_HAVE_BOARD_VIEW
  run_after_paint (bench, board_shown);
#endif
}

/* ---- The start ---- */

static void
wait_for_project (Bench *bench)
{
  if (keel_window_get_project (bench->window) == NULL)
    {
      bench->on_paint = wait_for_project;
      return;
    }
  bench->phase = "letting the project settle";
  run_later (bench, SETTLE_MS, show_board);
}

static void
window_realize_cb (GtkWidget *window,
                   Bench     *bench)
{
  g_signal_handlers_disconnect_by_func (window, window_realize_cb, bench);
  bench->clock = g_object_ref (gtk_widget_get_frame_clock (window));
  bench->after_paint_handler = g_signal_connect (bench->clock, "after-paint",
                                                 G_CALLBACK (after_paint_cb), bench);
  bench->on_paint = wait_for_project;
}

static void
window_added_cb (GtkApplication *application,
                 GtkWindow      *window,
                 Bench          *bench)
{
  /* Only the first window counts. */
  g_signal_handlers_disconnect_by_func (application, window_added_cb, bench);
  if (!KEEL_IS_WINDOW (window))
    {
      g_printerr ("keel: the frame benchmark needs a project window\n");
      finish (bench);
      return;
    }
  bench->window = KEEL_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (bench->window), (gpointer *) &bench->window);
  g_signal_connect (window, "realize", G_CALLBACK (window_realize_cb), bench);
}

static void
finish (Bench *bench)
{
  GtkApplication *application = bench->application;

  g_clear_handle_id (&bench->timeout, g_source_remove);
  g_clear_handle_id (&bench->watchdog, g_source_remove);
  /* The board is inside the window: gone with it. */
  if (bench->tick != 0 && bench->window != NULL)
    gtk_widget_remove_tick_callback (bench->board, bench->tick);
  g_clear_signal_handler (&bench->after_paint_handler, bench->clock);
  g_clear_object (&bench->clock);
  g_signal_handlers_disconnect_by_func (application, window_added_cb, bench);
  if (bench->window != NULL)
    {
      g_signal_handlers_disconnect_by_func (bench->window, window_realize_cb, bench);
      g_object_remove_weak_pointer (G_OBJECT (bench->window), (gpointer *) &bench->window);
    }
  for (guint i = 0; i < bench->n_adjustments; i++)
    g_clear_object (&bench->adjustments[i]);
  g_clear_pointer (&bench->frame_times, g_array_unref);
  g_clear_pointer (&bench->work_ms, g_array_unref);
  g_free (bench);

  g_application_quit (G_APPLICATION (application));
}

/* ---- Public API ---- */

/**
 * keel_bench_frames_watch:
 * @application: the application, before it runs
 *
 * Once the first window of @application shows a project: scrolls the board, sorts the
 * debt table, prints the figures (`board-scroll-frame-ms`, `debt-sort-ms`, ...) on
 * stdout and quits @application.
 */
void
keel_bench_frames_watch (GtkApplication *application)
{
  Bench *bench;

  g_return_if_fail (GTK_IS_APPLICATION (application));

  bench = g_new0 (Bench, 1);
  bench->application = application;
  bench->phase = "waiting for a project";
  bench->watchdog = g_timeout_add_seconds (WATCHDOG_SECONDS, watchdog_cb, bench);
  g_signal_connect (application, "window-added", G_CALLBACK (window_added_cb), bench);
}
