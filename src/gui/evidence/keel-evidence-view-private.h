/* keel-evidence-view-private.h: what the evidence editor and the tests reach inside
 * the evidence view.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "keel-evidence-view.h"
#include "keel-evidence-editor.h"
#include "keel-link-picker.h"

G_BEGIN_DECLS

typedef enum {
  KEEL_CITATION_ANY,
  KEEL_CITATION_CITED,
  KEEL_CITATION_UNCITED,
} KeelCitationFilter;

void        keel_evidence_view_resources_init (void);

/* The rows as shown: filtered, newest first (KeelEvidence). */
GListModel *keel_evidence_view_get_rows       (KeelEvidenceView   *self);
/* The one-column GtkGridView of the rows. */
GtkWidget  *keel_evidence_view_get_list       (KeelEvidenceView   *self);
void        keel_evidence_view_set_filter     (KeelEvidenceView   *self,
                                               const char         *text,
                                               int                 kind,
                                               KeelCitationFilter  citation);
/* The items, then the debts, that cite @evidence_id, as the rows show them. */
GPtrArray  *keel_evidence_view_get_citers     (KeelEvidenceView   *self,
                                               const char         *evidence_id);
/* The "Link to…" picker, prepared for @evidence_id as a row's button prepares it. */
KeelLinkPicker *keel_evidence_view_open_link_picker (KeelEvidenceView *self,
                                                     const char       *evidence_id);
gboolean    keel_evidence_view_delete_evidence (KeelEvidenceView  *self,
                                                const char        *evidence_id);

G_END_DECLS
