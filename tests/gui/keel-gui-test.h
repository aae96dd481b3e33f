/* keel-gui-test.h: what the widget tests share — one application, the main loop, and
 * finding the dialogs a window shows.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "keel-application.h"
#include "keel-signal-detail.h"
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
/* @name in @dir, holding @contents (asserted written), or left alone for NULL. */
GFile            *keel_gui_test_tmp_file      (const char *dir,
                                               const char *name,
                                               const char *contents);
/* The contents of @file, asserted readable; its length in @length (nullable). */
char             *keel_gui_test_read_file     (GFile      *file,
                                               gsize      *length);
/* Removes the files in @dir, then @dir. */
void              keel_gui_test_remove_tmpdir (const char *dir);

/* Opens the bundled sample in a new window of the test application and returns the
 * window; the test stops, saying why, if the sample does not open. */
KeelWindow       *keel_gui_test_open_sample   (void);
/* Shows the signal @signal_id in @window's fit view and returns the detail showing it. */
KeelSignalDetail *keel_gui_test_show_signal   (KeelWindow *window,
                                               const char *signal_id);

/* A fixture (g_test_add()): the sample open in its window, showing the signal whose id
 * is the test data (or the first signal, for NULL); closed again after the test. */
typedef struct {
  KeelWindow       *window;
  KeelProject      *project;
  KeelSignalDetail *detail;
} KeelGuiTestSample;

void              keel_gui_test_sample_set_up    (KeelGuiTestSample *sample,
                                                  gconstpointer      signal_id);
void              keel_gui_test_sample_tear_down (KeelGuiTestSample *sample,
                                                  gconstpointer      signal_id);
#define keel_gui_test_add_sample(path, signal_id, func) \
  g_test_add ((path), KeelGuiTestSample, (signal_id), keel_gui_test_sample_set_up, (func), \
              keel_gui_test_sample_tear_down)

/* A #GAsyncReadyCallback that keeps a reference to the result in the
 * `GAsyncResult *` that @user_data points to... */
void              keel_gui_test_store_result  (GObject      *source,
                                               GAsyncResult *result,
                                               gpointer      user_data);
/* ...and the #KeelGuiTestCondition that waits for it. */
gboolean          keel_gui_test_has_result    (gpointer      data);
/* "Import CSV…" of @file in @detail, waiting until the worker thread has read it. */
gboolean          keel_gui_test_import_file   (KeelSignalDetail  *detail,
                                               GFile             *file,
                                               GError           **error);

typedef gboolean (*KeelGuiTestMatch) (GtkWidget *widget,
                                      gpointer   data);
/* @widget or the first of its descendants (depth first) that @match accepts, or NULL. */
GtkWidget        *keel_gui_test_find_widget   (GtkWidget        *widget,
                                               KeelGuiTestMatch  match,
                                               gpointer          data);
/* The same, for the first widget of @type. */
GtkWidget        *keel_gui_test_find_of_type  (GtkWidget        *widget,
                                               GType             type);

G_END_DECLS
