/* keel-findings-panel.h: the side panel that lists the current findings by severity.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "keel-checks.h"

G_BEGIN_DECLS

#define KEEL_TYPE_FINDINGS_PANEL (keel_findings_panel_get_type ())
G_DECLARE_FINAL_TYPE (KeelFindingsPanel, keel_findings_panel, KEEL, FINDINGS_PANEL, AdwBin)

/* Signals:
 *   "finding-activated" (int subject_type (KeelSubjectType), const char *subject_id):
 *   the user chose a finding; subject_id is NULL for the project. */

GtkWidget  *keel_findings_panel_new          (void);
/* Shows @findings (KeelFinding, in the public order); the panel copies what it needs. */
void        keel_findings_panel_set_findings (KeelFindingsPanel *self,
                                              GPtrArray         *findings);
/* The rows the panel shows (a GListModel of KeelFindingEntry), for tests. */
GListModel *keel_findings_panel_get_model    (KeelFindingsPanel *self);

/* One row of the panel: a severity heading or a finding. */
#define KEEL_TYPE_FINDING_ENTRY (keel_finding_entry_get_type ())
G_DECLARE_FINAL_TYPE (KeelFindingEntry, keel_finding_entry, KEEL, FINDING_ENTRY, GObject)

gboolean         keel_finding_entry_is_heading       (KeelFindingEntry *self);
KeelSeverity     keel_finding_entry_get_severity     (KeelFindingEntry *self);
const char      *keel_finding_entry_get_rule         (KeelFindingEntry *self);
KeelSubjectType  keel_finding_entry_get_subject_type (KeelFindingEntry *self);
const char      *keel_finding_entry_get_subject_id   (KeelFindingEntry *self);
const char      *keel_finding_entry_get_message      (KeelFindingEntry *self);

G_END_DECLS
