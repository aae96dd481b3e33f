/* keel-editor-common.c: what the item, debt and evidence editors share.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-editor-common"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "keel-editor-common.h"
#include "keel-format.h"
#include "keel-view-common.h"

/**
 * keel_editor_toast:
 * @overlay: the editor's toast overlay
 * @heading: what failed ("Could not save")
 * @error: why
 *
 * Shows "@heading: reason" in a toast with no timeout: a refused edit must be read.
 */
void
keel_editor_toast (AdwToastOverlay *overlay,
                   const char      *heading,
                   const GError    *error)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  /* Translators: why an edit was refused, "Could not save: the title is empty" */
  text = g_strdup_printf (_("%s: %s"), heading, error->message);
  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (overlay, toast);
}

/**
 * keel_editor_get_text:
 * @editable: a field
 *
 * Returns: (transfer full): the text of @editable, stripped of surrounding white space
 */
char *
keel_editor_get_text (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

/**
 * keel_editor_get_optional:
 * @editable: an optional field
 *
 * Returns: (transfer full) (nullable): the stripped text, or NULL when it is empty
 */
char *
keel_editor_get_optional (GtkEditable *editable)
{
  g_autofree char *text = keel_editor_get_text (editable);

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

/**
 * keel_editor_parse_number:
 * @text: (nullable): what is typed
 * @allow_negative: whether a negative number is valid
 * @out_set: (out): whether a number is given
 * @out_value: (out): the number, 0 when none
 *
 * Reads an optional number; a comma is taken for the decimal point.
 *
 * Returns: FALSE when @text is neither empty nor a valid number
 */
gboolean
keel_editor_parse_number (const char *text,
                          gboolean    allow_negative,
                          gboolean   *out_set,
                          double     *out_value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  char *end = NULL;
  double value;

  *out_set = FALSE;
  *out_value = 0;
  if (copy[0] == '\0')
    return TRUE;

  g_strdelimit (copy, ",", '.');
  value = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || !isfinite (value) || (!allow_negative && value < 0))
    return FALSE;

  *out_set = TRUE;
  *out_value = value;
  return TRUE;
}

/**
 * keel_editor_mark_valid:
 * @widget: a field
 * @valid: whether what it holds is valid
 *
 * Returns: @valid
 */
gboolean
keel_editor_mark_valid (GtkWidget *widget,
                        gboolean   valid)
{
  if (valid)
    gtk_widget_remove_css_class (widget, "error");
  else
    gtk_widget_add_css_class (widget, "error");
  return valid;
}

/**
 * keel_editor_copy_ids:
 * @to: (element-type utf8): the ids to replace
 * @from: (element-type utf8): the new ids
 */
void
keel_editor_copy_ids (GPtrArray *to,
                      GPtrArray *from)
{
  g_ptr_array_set_size (to, 0);
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, g_strdup (g_ptr_array_index (from, i)));
}

/**
 * keel_editor_show_unlinks:
 * @label: the label under the Delete button
 * @referrers: (nullable) (element-type GObject): what refers to the edited entity
 *
 * Names (the first few of) @referrers in @label, or hides it when there are none.
 */
void
keel_editor_show_unlinks (GtkLabel  *label,
                          GPtrArray *referrers)
{
  g_autofree char *names = NULL;
  g_autofree char *text = NULL;

  if (referrers == NULL || referrers->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
      return;
    }

  names = keel_view_list_titles (referrers, 5);
  /* Translators: under the Delete button; %s is a list of titles */
  text = g_strdup_printf (_("Deleting it also unlinks it from %s."), names);
  gtk_label_set_label (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}

/**
 * keel_editor_set_day_label:
 * @button: the button that opens a day picker
 * @day: a day as YYYY-MM-DD
 */
void
keel_editor_set_day_label (GtkMenuButton *button,
                           const char    *day)
{
  g_autofree char *text = keel_format_date (day);

  gtk_menu_button_set_label (button, text != NULL ? text : day);
}

/**
 * keel_editor_calendar_get_day:
 * @calendar: a calendar
 *
 * Returns: (transfer full): the selected day as YYYY-MM-DD
 */
char *
keel_editor_calendar_get_day (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);

  return g_date_time_format (date, "%Y-%m-%d");
}

/**
 * keel_editor_calendar_set_day:
 * @calendar: a calendar
 * @day: (nullable): a day as YYYY-MM-DD
 * @setting: (inout): the editor's flag, TRUE while the day is being selected
 *
 * Selects @day in @calendar, or today when @day is NULL or not a date.
 */
void
keel_editor_calendar_set_day (GtkCalendar *calendar,
                              const char  *day,
                              gboolean    *setting)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, mday;

  if (day != NULL && sscanf (day, "%4d-%2d-%2d", &year, &month, &mday) == 3)
    date = g_date_time_new_local (year, month, mday, 0, 0, 0);
  if (date == NULL)
    date = g_date_time_new_now_local ();

  *setting = TRUE;
  gtk_calendar_select_day (calendar, date);
  *setting = FALSE;
}

/**
 * keel_editor_class_add_actions:
 * @widget_class: an editor's class
 * @save: what "editor.save" does
 * @delete: what "editor.delete" does
 *
 * Installs the two actions and the editors' keys: Escape closes, Ctrl+Return and
 * Ctrl+S save.
 */
void
keel_editor_class_add_actions (GtkWidgetClass              *widget_class,
                               GtkWidgetActionActivateFunc  save,
                               GtkWidgetActionActivateFunc  delete)
{
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
}
