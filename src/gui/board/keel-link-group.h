/* keel-link-group.h: an editor's list of links (evidence, debts or dependencies), each
 * removable, with a searchable picker to add more.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "keel-project.h"
#include "keel-link-picker.h"

G_BEGIN_DECLS

typedef enum {
  KEEL_LINK_EVIDENCE,     /* evidence ids */
  KEEL_LINK_DEBTS,        /* debt ids */
  KEEL_LINK_ITEMS,        /* item ids (dependencies) */
  KEEL_LINK_CITERS,       /* item and debt ids (what cites a piece of evidence) */
} KeelLinkKind;

/* The project's items and debts as one list (for choosing what cites evidence). */
GListModel     *keel_link_citers_model_new (KeelProject *project);

#define KEEL_TYPE_LINK_GROUP (keel_link_group_get_type ())
G_DECLARE_FINAL_TYPE (KeelLinkGroup, keel_link_group, KEEL, LINK_GROUP, AdwPreferencesGroup)

/* Signals:
 *   "changed": a link was added or removed. */

/* @self_id: the id of the entity being edited, never offered (an item cannot depend
 * on itself through the picker). */
KeelLinkGroup  *keel_link_group_new        (KeelProject    *project,
                                            KeelLinkKind    kind,
                                            const char     *self_id);
/* For a group built by a template: sets what it links (once). */
void            keel_link_group_setup      (KeelLinkGroup  *self,
                                            KeelProject    *project,
                                            KeelLinkKind    kind,
                                            const char     *self_id);
/* The linked ids (char *), in the user's order; owned by the group. */
GPtrArray      *keel_link_group_get_ids    (KeelLinkGroup  *self);
void            keel_link_group_set_ids    (KeelLinkGroup  *self,
                                            GPtrArray      *ids);
/* Adds a link, as picking @id would; FALSE when it is already there. */
gboolean        keel_link_group_add        (KeelLinkGroup  *self,
                                            const char     *id);
gboolean        keel_link_group_remove     (KeelLinkGroup  *self,
                                            const char     *id);
KeelLinkPicker *keel_link_group_get_picker (KeelLinkGroup  *self);

G_END_DECLS
