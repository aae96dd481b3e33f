/* keel-bench-frames.h: frame-by-frame figures of scrolling the board and sorting the
 * debt table, for build-aux/bench (KEEL_BENCH_FRAMES=1).
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Once the first window of @application shows a project, scrolls its board and sorts
 * its debt table, prints the figures on stdout and quits @application. */
void keel_bench_frames_watch (GtkApplication *application);

G_END_DECLS
