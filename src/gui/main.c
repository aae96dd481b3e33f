/* main.c: starts Keel.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "keel-application.h"
#include "keel-bench-frames.h"

/* build-aux/bench measures the time to the first frame and the resident memory with
 * KEEL_BENCH_FIRST_FRAME=1: Keel prints both and leaves. */
static gint64 process_start;

static gboolean
bench_report_memory_cb (gpointer user_data)
{
  GApplication *app = user_data;
  g_autofree char *status = NULL;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    {
      const char *line = strstr (status, "VmRSS:");

      if (line != NULL)
        g_print ("rss-kb %ld\n", strtol (line + strlen ("VmRSS:"), NULL, 10));
    }
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
bench_after_paint_cb (GdkFrameClock *clock,
                      GApplication  *app)
{
  g_print ("first-frame-ms %.1f\n", (g_get_monotonic_time () - process_start) / 1000.0);
  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, app);
  /* Let the window settle (idle loads, the findings) before reading the memory. */
  g_timeout_add_seconds (2, bench_report_memory_cb, app);
}

static void
bench_window_realize_cb (GtkWidget    *window,
                         GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (bench_after_paint_cb), app);
}

static void
bench_window_added_cb (GtkApplication *app,
                       GtkWindow      *window)
{
  /* Only the first window counts. */
  g_signal_handlers_disconnect_by_func (app, bench_window_added_cb, NULL);
  g_signal_connect (window, "realize", G_CALLBACK (bench_window_realize_cb), app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KeelApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  int status;

  process_start = g_get_monotonic_time ();
  app = keel_application_new ();
  if (g_getenv ("KEEL_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (app, "window-added", G_CALLBACK (bench_window_added_cb), NULL);
  /* build-aux/bench measures scrolling the board and sorting the debt table with
   * KEEL_BENCH_FRAMES=1 (keel-bench-frames.c). */
  if (g_getenv ("KEEL_BENCH_FRAMES") != NULL)
    keel_bench_frames_watch (GTK_APPLICATION (app));
  status = g_application_run (G_APPLICATION (app), argc, argv);
  return status == 0 && keel_application_get_failed (app) ? 1 : status;
}
