/* keel-evidence-editor.h: the editor of a piece of evidence — its kind, summary,
 * source, date, value and unit, and the items and debts that cite it. Also creates
 * new evidence.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "keel-project.h"
#include "keel-link-group.h"

G_BEGIN_DECLS

#define KEEL_TYPE_EVIDENCE_EDITOR (keel_evidence_editor_get_type ())
G_DECLARE_FINAL_TYPE (KeelEvidenceEditor, keel_evidence_editor, KEEL, EVIDENCE_EDITOR, AdwWindow)

/* An editor of @evidence, or of new evidence when @evidence is NULL. Save applies the
 * fields and the citations (links from items and debts) as one undoable step. */
KeelEvidenceEditor *keel_evidence_editor_new        (KeelProject        *project,
                                                     KeelEvidence       *evidence,
                                                     GtkWidget          *host);
KeelEvidenceEditor *keel_evidence_editor_open       (KeelProject        *project,
                                                     const char         *id,
                                                     GtkWidget          *host);

const char         *keel_evidence_editor_get_evidence_id (KeelEvidenceEditor *self);
gboolean            keel_evidence_editor_save       (KeelEvidenceEditor *self);
gboolean            keel_evidence_editor_delete     (KeelEvidenceEditor *self);

/* For tests: "kind", "summary", "source", "date", "value", "unit". */
GtkWidget          *keel_evidence_editor_get_field  (KeelEvidenceEditor *self,
                                                     const char         *name);
KeelLinkGroup      *keel_evidence_editor_get_citers (KeelEvidenceEditor *self);

G_END_DECLS
