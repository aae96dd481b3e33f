/* keel-window-private.h: the instance struct of KeelWindow, shared by keel-window.c,
 * keel-window-actions.c (the menu and shortcut actions) and keel-window-document.c
 * (opening, write-back, conflicts and closing).
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "keel-window.h"
#include "keel-welcome-page.h"
#include "keel-fit-view.h"
#include "keel-findings-panel.h"

G_BEGIN_DECLS

struct _KeelWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  KeelWelcomePage      *welcome_page;
  AdwHeaderBar         *header_bar;
  GtkMenuButton        *document_button;
  GtkLabel             *document_title;
  GtkLabel             *document_subtitle;
  GtkImage             *document_icon;
  GtkLabel             *document_location;
  GtkLabel             *document_state;
  GtkWidget            *document_error_box;
  GtkLabel             *document_error;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewStack         *view_stack;
  GtkButton            *gate_button;
  GtkLabel             *gate_label;
  GtkToggleButton      *findings_button;
  GtkLabel             *findings_count;
  GtkImage             *findings_icon;
  GtkMenuButton        *as_of_button;
  GtkLabel             *as_of_label;
  GtkCalendar          *as_of_calendar;
  GtkRevealer          *notice_revealer;
  GtkLabel             *notice_label;
  GtkButton            *notice_button;
  AdwFlap              *flap;
  KeelFindingsPanel    *findings_panel;

  /* Views (the board, debt and evidence views when they are built, else placeholders) */
  KeelFitView          *fit_view;
  GtkWidget            *board_view;
  GtkWidget            *debt_view;
  GtkWidget            *evidence_view;

  /* The project */
  KeelDocument         *document;
  KeelProject          *project;
  gulong                changed_handler;
  gulong                notify_undo_handler;
  gulong                notify_redo_handler;
  gulong                notify_name_handler;

  /* What is computed from it, as of the view's date */
  char                 *as_of;             /* NULL: today */
  KeelGate             *gate;
  guint64               gate_generation;
  char                 *gate_day;          /* the date the gate was computed for */
  GPtrArray            *findings;
  guint                 recompute_source;
  guint                 reports_running;   /* reports being written in a worker thread */

  /* Write-back */
  KeelSaveState         save_state;
  GError               *save_error;
  guint                 write_back_source;
  GCancellable         *write_back_cancellable;
  gboolean              writing;
  gboolean              write_again;
  gboolean              close_after_write;
  gboolean              conflict_shown;
  gboolean              closing;            /* the document is closed: let the window go */
  gboolean              migration_noted;

  /* Narrow windows hide what does not fit in the header (see update_narrow) */
  gboolean              narrow;
  guint                 narrow_source;
};

/* keel-window-actions.c */
void     _keel_window_class_add_actions  (GtkWidgetClass *widget_class);
void     _keel_window_update_actions     (KeelWindow     *self);

/* keel-window-document.c */
void     _keel_window_project_changed    (KeelWindow     *self);
void     _keel_window_schedule_write_back (KeelWindow    *self,
                                           guint          delay_ms);
void     _keel_window_update_save_state  (KeelWindow     *self);
void     _keel_window_save_as            (KeelWindow     *self,
                                          gboolean        copy);
void     _keel_window_retry_save         (KeelWindow     *self);
gboolean _keel_window_close_request      (KeelWindow     *self);
void     _keel_window_release_document   (KeelWindow     *self,
                                          gboolean        write_back);
void     _keel_window_show_error         (KeelWindow     *self,
                                          const char     *heading,
                                          const GError   *error);

/* keel-window.c */
void     _keel_window_attach_project     (KeelWindow     *self,
                                          KeelDocument   *document,
                                          KeelProject    *project);
void     _keel_window_detach_project     (KeelWindow     *self);
void     _keel_window_recompute_now      (KeelWindow     *self);

G_END_DECLS
