/* keel-fit-view.h: the fit-signal checklist — each signal against its threshold, and
 * the selected signal in detail.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "keel-project.h"
#include "keel-signals.h"
#include "keel-signal-detail.h"

G_BEGIN_DECLS

#define KEEL_TYPE_FIT_VIEW (keel_fit_view_get_type ())
G_DECLARE_FINAL_TYPE (KeelFitView, keel_fit_view, KEEL, FIT_VIEW, AdwBin)

GtkWidget        *keel_fit_view_new              (void);
void              keel_fit_view_set_project      (KeelFitView    *self,
                                                  KeelProject    *project);
/* Shows @gate, which the caller keeps alive until the next call (NULL: nothing). */
void              keel_fit_view_set_gate         (KeelFitView    *self,
                                                  const KeelGate *gate);
/* Selects the signal @id and shows its detail. */
void              keel_fit_view_reveal_signal    (KeelFitView    *self,
                                                  const char     *id);
/* The id of the signal whose detail is shown, or NULL. */
const char       *keel_fit_view_get_selected_signal (KeelFitView *self);
void              keel_fit_view_focus_search     (KeelFitView    *self);
KeelSignalDetail *keel_fit_view_get_detail       (KeelFitView    *self);
/* The row of the @index-th signal (an AdwActionRow), or NULL. */
GtkWidget        *keel_fit_view_get_row          (KeelFitView    *self,
                                                  guint           index);
/* Opens the dialog that adds a custom signal. */
void              keel_fit_view_add_custom_signal (KeelFitView   *self);

G_END_DECLS
