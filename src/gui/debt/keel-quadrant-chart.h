/* keel-quadrant-chart.h: Fowler's technical-debt quadrant as a small 2×2 chart — how
 * many debts are reckless or prudent, deliberate or inadvertent. A click on a quadrant
 * asks to show only its debts.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "keel-types.h"

G_BEGIN_DECLS

#define KEEL_TYPE_QUADRANT_CHART (keel_quadrant_chart_get_type ())
G_DECLARE_FINAL_TYPE (KeelQuadrantChart, keel_quadrant_chart, KEEL, QUADRANT_CHART, GtkWidget)

/* Signals:
 *   "quadrant-activated" (int quadrant): the user clicked a quadrant (KeelQuadrant). */

GtkWidget *keel_quadrant_chart_new          (void);
/* @counts: KEEL_N_QUADRANTS counts, indexed by KeelQuadrant. */
void       keel_quadrant_chart_set_counts   (KeelQuadrantChart *self,
                                             const guint       *counts);
guint      keel_quadrant_chart_get_count    (KeelQuadrantChart *self,
                                             KeelQuadrant       quadrant);
/* The quadrant drawn as chosen (the table's quadrant filter), or -1. */
void       keel_quadrant_chart_set_selected (KeelQuadrantChart *self,
                                             int                quadrant);

G_END_DECLS
