/* keel-window.h: a Keel window — the welcome page, or one project.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "keel-application.h"
#include "keel-checks.h"
#include "keel-document.h"
#include "keel-project.h"
#include "keel-signals.h"

G_BEGIN_DECLS

/* The document's state as the header shows it. */
typedef enum {
  KEEL_SAVE_STATE_SAVED,      /* the file holds every edit */
  KEEL_SAVE_STATE_SAVING,     /* edits are waiting for, or in, a write-back */
  KEEL_SAVE_STATE_FAILED,     /* the last write-back failed (see the error) */
  KEEL_SAVE_STATE_UNTITLED,   /* lives only in its working copy */
  KEEL_SAVE_STATE_READ_ONLY,  /* opened read-only: never written back */
} KeelSaveState;

#define KEEL_TYPE_WINDOW (keel_window_get_type ())
G_DECLARE_FINAL_TYPE (KeelWindow, keel_window, KEEL, WINDOW, AdwApplicationWindow)

KeelWindow     *keel_window_new              (KeelApplication *application);

/* Opens @file in this window (which must show no project), asking about recovery when
 * a crashed session left edits. Failures are shown in a dialog; the window stays on
 * its welcome page. */
void            keel_window_open_file        (KeelWindow      *self,
                                              GFile           *file);
/* Shows @document (taking a reference) as this window's project. */
gboolean        keel_window_set_document     (KeelWindow      *self,
                                              KeelDocument    *document,
                                              GError         **error);

KeelDocument   *keel_window_get_document     (KeelWindow      *self);
KeelProject    *keel_window_get_project      (KeelWindow      *self);
/* The file of the project shown, or NULL (welcome page, untitled). */
GFile          *keel_window_get_file         (KeelWindow      *self);
KeelSaveState   keel_window_get_save_state   (KeelWindow      *self);

/* The as-of date of the view ("YYYY-MM-DD"), NULL for today. */
const char     *keel_window_get_as_of        (KeelWindow      *self);
void            keel_window_set_as_of        (KeelWindow      *self,
                                              const char      *as_of);

/* The gate and findings as of the view's date, recomputed after every change. */
const KeelGate *keel_window_get_gate         (KeelWindow      *self);
GPtrArray      *keel_window_get_findings     (KeelWindow      *self);  /* KeelFinding */

/* Switches to @view ("fit", "board", "debt", "evidence"). */
void            keel_window_show_view        (KeelWindow      *self,
                                              const char      *view);
const char     *keel_window_get_visible_view (KeelWindow      *self);

/* Shows the subject of a finding (or any item, debt or signal) in its view. */
void            keel_window_reveal_subject   (KeelWindow      *self,
                                              KeelSubjectType  type,
                                              const char      *id);

/* Closes the window at once, throwing away what is not written back (an untitled
 * project's working copy included). For the screenshot mode and tests. */
void            keel_window_close_discarding (KeelWindow      *self);

/* Renders the window as it is on screen to a PNG file. */
gboolean        keel_window_save_screenshot  (KeelWindow      *self,
                                              const char      *path,
                                              GError         **error);

/* What Export JSON… and Report… write (a ".md" report is Markdown, else PDF), whole
 * or not at all. */
gboolean        keel_window_export_json      (KeelWindow      *self,
                                              GFile           *file,
                                              GError         **error);
gboolean        keel_window_write_report     (KeelWindow      *self,
                                              GFile           *file,
                                              GError         **error);
/* What Report… does: copies the project now and writes the report in a worker thread;
 * the action waits meanwhile, then a toast (or an error dialog) tells the outcome. */
void            keel_window_write_report_async  (KeelWindow          *self,
                                                 GFile               *file,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean        keel_window_write_report_finish (KeelWindow          *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
gboolean        keel_window_is_writing_report   (KeelWindow          *self);

/* A toast; with @undo, its button undoes the last edit. */
void            keel_window_add_toast        (KeelWindow      *self,
                                              const char      *title,
                                              gboolean         undo);

G_END_DECLS
