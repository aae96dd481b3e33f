/* keel-test-gui.h: what the tests of the planning views (board, debt, evidence) share —
 * loading a project, showing a view in a window of its own and taking it down again.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "keel-project.h"

G_BEGIN_DECLS

/* A new untitled project holding @json (Keel JSON); asserts that it imports. */
KeelProject *keel_test_gui_project_from_json (const char   *json,
                                              gsize         length);
/* The bundled sample, read from the source tree (KEEL_SOURCE_DIR, set by the test
 * environment) so that the test does not depend on how the application finds it. */
KeelProject *keel_test_gui_load_sample       (void);

/* Shows @view in a toast overlay in a new @width × @height window and waits until it
 * is mapped. Returns the window; the overlay in @out_overlay (nullable). */
GtkWidget   *keel_test_gui_show_view         (GtkWidget    *view,
                                              int           width,
                                              int           height,
                                              GtkWidget   **out_overlay);
/* Lets @widget lay itself out and draw a few frames. */
void         keel_test_gui_wait_frames       (GtkWidget    *widget);
/* Destroys @window and asserts that @view (the caller's last reference) is finalized. */
void         keel_test_gui_close_view        (GtkWidget    *window,
                                              gpointer      view);
/* Drops *@project and closes its document (its working copy with it). */
void         keel_test_gui_close_project     (KeelProject **project);

/* Asserts that @view asks for no more width than a phone-sized window offers (360
 * pixels: "usable narrow" in PRODUCT.md). */
void         keel_test_gui_assert_narrow     (GtkWidget    *view);

/* Undoes the last step of @project, asserting that there was one. */
void         keel_test_gui_undo              (KeelProject  *project);

G_END_DECLS
