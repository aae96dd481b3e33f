/* keel-welcome-page.h: the start page — new, open, recent projects, unsaved work and
 * the sample project.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "keel-document.h"

G_BEGIN_DECLS

#define KEEL_TYPE_WELCOME_PAGE (keel_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (KeelWelcomePage, keel_welcome_page, KEEL, WELCOME_PAGE, AdwBin)

/* Signals:
 *   "open-file" (GFile *file): a recent project was chosen.
 *   "open-recoverable" (gpointer KeelRecoverable*): continue unsaved work.
 *   "discard-recoverable" (gpointer KeelRecoverable*): throw unsaved work away (the
 *   page asked first). The recoverable is owned by the page and valid during emission. */

GtkWidget *keel_welcome_page_new     (void);
/* Reads the recent projects and the working copies left behind again. */
void       keel_welcome_page_refresh (KeelWelcomePage *self);
/* Rows shown: for tests. */
guint      keel_welcome_page_get_n_recoverable (KeelWelcomePage *self);
guint      keel_welcome_page_get_n_recent      (KeelWelcomePage *self);

G_END_DECLS
