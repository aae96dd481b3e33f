/* keel-custom-signal-dialog.h: adds or edits a custom signal — a value entered by hand
 * with its target, date and source.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "keel-project.h"

G_BEGIN_DECLS

#define KEEL_TYPE_CUSTOM_SIGNAL_DIALOG (keel_custom_signal_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KeelCustomSignalDialog, keel_custom_signal_dialog, KEEL, CUSTOM_SIGNAL_DIALOG, AdwWindow)

/* @signal: the custom signal to edit, or NULL to add one. */
GtkWidget *keel_custom_signal_dialog_new  (GtkWindow   *parent,
                                           KeelProject *project,
                                           KeelSignal  *signal);
/* Validates and commits what the form holds (as the Save button does). */
gboolean   keel_custom_signal_dialog_save (KeelCustomSignalDialog *self,
                                           GError                **error);

G_END_DECLS
