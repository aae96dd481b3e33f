/* keel-view-common.h: what the board, debt and evidence views share — toasts, the
 * findings of a project indexed by subject, text matching for the filters, the labels
 * of the domain's enumerations as list models, and how entities read in a list.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "keel-checks.h"
#include "keel-project.h"

G_BEGIN_DECLS

/* Registers the views' resources and loads their stylesheet for @widget's display
 * (once). Every view and editor calls it before its template is used. */
void        keel_view_common_init         (GtkWidget    *widget);

/* A filter bar that fits narrow windows: @squeezer shows its wide child (the filter
 * drop-downs inline) when there is room, else a compact "Filter" button whose popover
 * repeats @dropdowns (bound both ways to them), followed by @extra (nullable: a compact
 * form of the bar's other buttons). */
void        keel_view_add_compact_filters (AdwSqueezer  *squeezer,
                                           GtkDropDown **dropdowns,
                                           guint         n_dropdowns,
                                           GtkWidget    *extra);

/* The "+" button of a view's compact filter bar: it activates @action_name; @label
 * is its tooltip and accessible name. */
GtkWidget  *keel_view_new_add_button      (const char   *action_name,
                                           const char   *label);

/* Makes Ctrl+F focus @search_entry wherever the focus is in the window, but only while
 * @view is on screen (a global shortcut of @view). */
void        keel_view_add_find_shortcut   (GtkWidget    *view,
                                           GtkWidget    *search_entry);
/* The enumeration value a filter drop-down whose first entry is "All …" selects, or -1
 * for that first entry (or no selection). */
int         keel_view_dropdown_filter     (GtkDropDown  *dropdown);

/* Makes *@slot (a view's project, connected to its "changed" signal by *@handler)
 * @project: drops the old project and its handler, refs @project (nullable) and
 * connects @changed_cb with @data. Returns FALSE, doing nothing, when *@slot already
 * is @project. */
gboolean    keel_view_follow_project      (KeelProject **slot,
                                           gulong       *handler,
                                           KeelProject  *project,
                                           GCallback     changed_cb,
                                           gpointer      data);

/* ---- Toasts ---- */

/* Shows @title in the toast overlay that holds @widget (the window's). With @undo, the
 * toast has an Undo button that undoes the project's last step, and goes away as soon
 * as the project changes again, so that its button can never undo a later edit.
 * Returns the toast (owned by the overlay), or NULL when @widget is in no overlay. */
AdwToast   *keel_view_show_toast          (GtkWidget    *widget,
                                           KeelProject  *project,
                                           const char   *title,
                                           gboolean      undo);
/* The "“@title” deleted" toast, with Undo, after an item, debt or evidence is deleted;
 * nothing when @widget is NULL (an editor whose view has gone). */
void        keel_view_show_deleted        (GtkWidget    *widget,
                                           KeelProject  *project,
                                           const char   *title);
/* A toast for a failed edit: "@heading: reason". */
void        keel_view_show_error          (GtkWidget    *widget,
                                           const char   *heading,
                                           const GError *error);

/* When @item has just become done, offers (in a toast) to mark paid each debt it pays
 * down whose every other non-dropped payer is done too (PRODUCT.md, "Debt register").
 * Returns how many debts it offered. */
guint       keel_view_offer_debts_paid    (GtkWidget    *widget,
                                           KeelProject  *project,
                                           KeelItem     *item);

/* The position in @rows (a model of items, debts or evidence) of the entity @id, or
 * GTK_INVALID_LIST_POSITION. */
guint       keel_view_find_row            (GListModel   *rows,
                                           const char   *id);

/* ---- Text matching ---- */

/* A normalised, case-folded copy of @text for matching ("" for NULL). */
char       *keel_view_fold                (const char   *text);
/* TRUE when the folded @needle is empty or occurs in @text once folded. */
gboolean    keel_view_matches             (const char   *text,
                                           const char   *folded_needle);

/* ---- Enumerations ---- */

/* A GtkStringList of the labels of an enumeration, in the enumeration's order; with
 * @any_label first when it is not NULL ("All kinds"). */
GListModel *keel_view_dimension_model     (const char   *any_label);
GListModel *keel_view_item_kind_model     (const char   *any_label);
GListModel *keel_view_horizon_model       (const char   *any_label);
GListModel *keel_view_status_model        (const char   *any_label);
GListModel *keel_view_quadrant_model      (const char   *any_label);
GListModel *keel_view_debt_status_model   (const char   *any_label);
GListModel *keel_view_evidence_kind_model (const char   *any_label);

/* The CSS class (status-idea, status-in-progress, ...) and icon of an item status. */
const char *keel_view_status_css_class    (KeelStatus    status);
const char *keel_view_debt_status_css_class (KeelDebtStatus status);

/* ---- Entities in lists ---- */

/* The title of an item or debt, the summary of evidence ("" never: falls back to the
 * id); and one line that says what it is ("Product · Feature · Planned"). */
const char *keel_view_entity_title        (GObject      *entity);
char       *keel_view_entity_subtitle     (GObject      *entity);
const char *keel_view_entity_id           (GObject      *entity);

/* The items, then the debts, that link the evidence @evidence_id (borrowed). */
GPtrArray  *keel_view_list_citers         (KeelProject  *project,
                                           const char   *evidence_id);
/* Makes the item or debt @citer link the evidence @evidence_id (@cite) or not, as one
 * edit; TRUE when it already does what was asked. */
gboolean    keel_view_set_cites           (KeelProject  *project,
                                           GObject      *citer,
                                           const char   *evidence_id,
                                           gboolean      cite,
                                           GError      **error);

/* "“A”, “B” and 3 more": the titles of @entities (GObject), at most @max named. */
char       *keel_view_list_titles         (GPtrArray    *entities,
                                           guint         max);

/* ---- Findings by subject ---- */

/* The current findings of the project indexed by subject id, shared by a view with the
 * cards and editors it opens. Its "changed" signal is emitted after every
 * keel_finding_index_set_findings(). The findings are copied. */
#define KEEL_TYPE_FINDING_INDEX (keel_finding_index_get_type ())
G_DECLARE_FINAL_TYPE (KeelFindingIndex, keel_finding_index, KEEL, FINDING_INDEX, GObject)

KeelFindingIndex *keel_finding_index_new          (void);
void              keel_finding_index_set_findings (KeelFindingIndex *self,
                                                   GPtrArray        *findings);
/* The findings about @id (KeelFinding, in the public order), or NULL. */
GPtrArray        *keel_finding_index_lookup       (KeelFindingIndex *self,
                                                   const char       *id);
/* The worst severity of the findings about @id; FALSE when there are none. */
gboolean          keel_finding_index_get_worst    (KeelFindingIndex *self,
                                                   const char       *id,
                                                   KeelSeverity     *out_severity);
/* The findings about @id as text for a tooltip (one per line), or NULL. */
char             *keel_finding_index_describe     (KeelFindingIndex *self,
                                                   const char       *id);

/* Replaces @rows (rows an earlier call added to @group) with one row per finding about
 * @id, or one "Nothing to report" row. */
void              keel_view_fill_findings         (AdwPreferencesGroup *group,
                                                   GPtrArray           *rows,
                                                   KeelFindingIndex    *findings,
                                                   const char          *id);

G_END_DECLS
