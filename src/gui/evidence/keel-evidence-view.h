/* keel-evidence-view.h: the evidence — observations the plan rests on — searchable,
 * with the items and debts that cite each, and links made in two clicks.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "keel-project.h"

G_BEGIN_DECLS

#define KEEL_TYPE_EVIDENCE_VIEW (keel_evidence_view_get_type ())
G_DECLARE_FINAL_TYPE (KeelEvidenceView, keel_evidence_view, KEEL, EVIDENCE_VIEW, AdwBin)

KeelEvidenceView *keel_evidence_view_new          (void);
void              keel_evidence_view_set_project  (KeelEvidenceView *self,
                                                   KeelProject      *project);
/* The current findings (KeelFinding); the view copies what it needs. */
void              keel_evidence_view_set_findings (KeelEvidenceView *self,
                                                   GPtrArray        *findings);
/* Selects the evidence @evidence_id and scrolls to it, clearing a filter that hides
 * it. FALSE when there is no such evidence. */
gboolean          keel_evidence_view_reveal       (KeelEvidenceView *self,
                                                   const char       *evidence_id);

G_END_DECLS
