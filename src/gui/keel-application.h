/* keel-application.h: the Keel desktop application.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KEEL_TYPE_APPLICATION (keel_application_get_type ())
G_DECLARE_FINAL_TYPE (KeelApplication, keel_application, KEEL, APPLICATION, AdwApplication)

KeelApplication *keel_application_new            (void);
/* Keel's GSettings, or NULL when the schema is not installed (the window then simply
 * does not remember its size). */
GSettings       *keel_application_get_settings   (KeelApplication *self);
/* Opens @file in a window of its own, or presents the window that already shows it. */
void             keel_application_open_file      (KeelApplication *self,
                                                  GFile           *file);
/* A window with a new untitled project. */
void             keel_application_new_project    (KeelApplication *self);
/* A window with a new untitled copy of the bundled sample project. */
void             keel_application_open_sample    (KeelApplication *self);
/* Loads the bundled sample's JSON (the bytes of data/sample/sample.json). */
GBytes          *keel_application_load_sample_json (GError **error);

/* TRUE when the screenshot mode could not save its image (main() exits with 1). */
gboolean         keel_application_get_failed     (KeelApplication *self);

G_END_DECLS
