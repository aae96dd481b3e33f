/* keel-filter-bar.h: the bar above the board, debt and evidence lists — a search entry
 * that takes the room left by a squeezer of filters.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KEEL_TYPE_FILTER_BAR (keel_filter_bar_get_type ())
G_DECLARE_FINAL_TYPE (KeelFilterBar, keel_filter_bar, KEEL, FILTER_BAR, GtkWidget)

G_END_DECLS
