/* keel-link-picker.h: a popover to choose an item, debt or evidence to link to, by
 * searching its title (never by typing an id).
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KEEL_TYPE_LINK_PICKER (keel_link_picker_get_type ())
G_DECLARE_FINAL_TYPE (KeelLinkPicker, keel_link_picker, KEEL, LINK_PICKER, GtkPopover)

/* Signals:
 *   "picked" (GObject *entity): the user chose @entity; the popover closes. */

KeelLinkPicker *keel_link_picker_new             (void);
/* The entities to choose from (KeelItem, KeelDebt, KeelEvidence or a mix). */
void            keel_link_picker_set_model       (KeelLinkPicker     *self,
                                                  GListModel         *model);
/* Ids not offered (those already linked, the entity itself). */
void            keel_link_picker_set_excluded    (KeelLinkPicker     *self,
                                                  const char * const *ids,
                                                  guint               n_ids);
void            keel_link_picker_set_placeholder (KeelLinkPicker     *self,
                                                  const char         *text);
/* The entities now offered, for tests. */
GListModel     *keel_link_picker_get_matches     (KeelLinkPicker     *self);
/* Searches for @text, as if typed. */
void            keel_link_picker_search          (KeelLinkPicker     *self,
                                                  const char         *text);
/* Chooses the @position-th match, as a click would. */
void            keel_link_picker_pick            (KeelLinkPicker     *self,
                                                  guint               position);

G_END_DECLS
