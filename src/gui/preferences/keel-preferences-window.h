/* keel-preferences-window.h: the project's thresholds (undoable edits of the project)
 * and the application's appearance.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "keel-project.h"

G_BEGIN_DECLS

#define KEEL_TYPE_PREFERENCES_WINDOW (keel_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (KeelPreferencesWindow, keel_preferences_window, KEEL, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* @settings: Keel's GSettings for the appearance, or NULL. */
GtkWidget *keel_preferences_window_new (GtkWindow   *parent,
                                        KeelProject *project,
                                        GSettings   *settings);

G_END_DECLS
