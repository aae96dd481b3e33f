/* keel-gui-test.h: what the widget tests share — one application, the main loop, and
 * finding the dialogs a window shows.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "keel-application.h"
#include "keel-window.h"

G_BEGIN_DECLS

/* g_test_init() with isolated XDG folders, then GTK and libadwaita. */
void              keel_gui_test_init          (int    *argc,
                                               char ***argv);
/* The application of the test program, registered (non-unique) on first use. */
KeelApplication  *keel_gui_test_get_app       (void);
/* Runs the main loop until nothing is pending. */
void              keel_gui_test_iterate       (void);
typedef gboolean (*KeelGuiTestCondition) (gpointer data);
/* Runs the main loop until @condition holds; FALSE if it never does (a generous
 * deadline only guards against a hang, it measures nothing). */
gboolean          keel_gui_test_wait_for      (KeelGuiTestCondition condition,
                                               gpointer             data);
/* The message dialog shown for @parent, or NULL. */
AdwMessageDialog *keel_gui_test_find_dialog   (GtkWindow *parent);
/* Closes every window without writing anything back. */
void              keel_gui_test_close_all     (void);
/* A new temporary folder for one test (removed by the isolated-dirs cleanup). */
char             *keel_gui_test_make_tmpdir   (void);

G_END_DECLS
