/* keel-editor-common.h: what the item, debt and evidence editors share — the error
 * toast, reading the form's fields, the day pickers and the editor actions.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A toast that stays until dismissed: "@heading: reason". */
void      keel_editor_toast            (AdwToastOverlay *overlay,
                                        const char      *heading,
                                        const GError    *error);

/* The text of @editable without surrounding white space (never NULL). */
char     *keel_editor_get_text         (GtkEditable     *editable);
/* The same, or NULL when nothing but white space is typed: an optional field. */
char     *keel_editor_get_optional     (GtkEditable     *editable);

/* Reads an optional number as a person types it ("2.5", "2,5", "-2"); FALSE when it is
 * not one, or when it is negative and @allow_negative is FALSE. An empty text is "not
 * set" (*@out_set FALSE). */
gboolean  keel_editor_parse_number     (const char      *text,
                                        gboolean         allow_negative,
                                        gboolean        *out_set,
                                        double          *out_value);

/* Shows @widget with the "error" style unless @valid; returns @valid. */
gboolean  keel_editor_mark_valid       (GtkWidget       *widget,
                                        gboolean         valid);

/* Replaces the ids (char *) in @to by copies of those in @from. */
void      keel_editor_copy_ids         (GPtrArray       *to,
                                        GPtrArray       *from);

/* Shows under the Delete button what deleting also unlinks (@referrers: entities,
 * nullable), or hides @label when nothing refers to the edited entity. */
void      keel_editor_show_unlinks     (GtkLabel        *label,
                                        GPtrArray       *referrers);

/* Shows @day (YYYY-MM-DD) as a person reads it on @button, or as is when it is not
 * a date. */
void      keel_editor_set_day_label    (GtkMenuButton   *button,
                                        const char      *day);

/* The day selected in @calendar as YYYY-MM-DD. */
char     *keel_editor_calendar_get_day (GtkCalendar     *calendar);
/* Selects the day @day (YYYY-MM-DD, or NULL / not a date for today) in @calendar,
 * with *@setting TRUE meanwhile so that the editor's "day-selected" handler can tell
 * this from a person's choice. */
void      keel_editor_calendar_set_day (GtkCalendar     *calendar,
                                        const char      *day,
                                        gboolean        *setting);

/* Installs the "editor.save" and "editor.delete" actions, with Escape closing the
 * window and Ctrl+Return and Ctrl+S saving. */
void      keel_editor_class_add_actions (GtkWidgetClass              *widget_class,
                                         GtkWidgetActionActivateFunc  save,
                                         GtkWidgetActionActivateFunc  delete);

G_END_DECLS
