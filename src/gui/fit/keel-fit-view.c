/* keel-fit-view.c: the fit-signal checklist — each signal against its threshold, and
 * the selected signal in detail.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-fit-view"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "keel-custom-signal-dialog.h"
#include "keel-fit-view.h"
#include "keel-format.h"

struct _KeelFitView
{
  AdwBin            parent_instance;

  AdwLeaflet       *leaflet;
  GtkWidget        *gate_card;
  GtkImage         *gate_icon;
  GtkLabel         *gate_title;
  GtkLabel         *gate_subtitle;
  GtkListBox       *signal_list;
  GtkWidget        *add_button;
  GtkWidget        *back_bar;
  GtkLabel         *back_label;
  KeelSignalDetail *detail;

  KeelProject      *project;
  const KeelGate   *gate;
  char             *selected_id;
  gboolean          rebuilding;
};

G_DEFINE_FINAL_TYPE (KeelFitView, keel_fit_view, ADW_TYPE_BIN)

/* ---- Helpers ---- */

static void
set_classes (GtkWidget  *widget,
             const char *css_class)
{
  static const char * const classes[] = { "success", "error", "warning", "dim-label", "accent" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (widget, classes[i]);
  gtk_widget_add_css_class (widget, css_class);
}

static const KeelSignalResult *
result_for_row (KeelFitView   *self,
                GtkListBoxRow *row)
{
  const char *id;

  if (row == NULL || self->gate == NULL)
    return NULL;
  id = g_object_get_data (G_OBJECT (row), "keel-signal-id");
  return id != NULL ? keel_gate_lookup (self->gate, id) : NULL;
}

static char *
row_subtitle (const KeelSignalResult *result,
              const char             *as_of)
{
  g_autofree char *value = keel_format_signal_value (result);
  g_autofree char *threshold = keel_format_signal_threshold (result);
  g_autofree char *age = keel_format_age (result->newest_data, as_of);

  if (result->state == KEEL_SIGNAL_STATE_NO_DATA)
    return g_strdup_printf (_("No data yet · needs %s"), threshold);

  /* Translators: a signal's row: value, threshold, sample size, age of the data */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s, %s · n = %'" PRId64 " · data from %s",
                                       "%s, %s · n = %'" PRId64 " · data from %s",
                                       result->sample_size),
                          value, threshold, result->sample_size, age);
}

static GtkWidget *
create_row (KeelFitView            *self,
            const KeelSignalResult *result)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (keel_format_state_icon (result->state));
  GtkWidget *badge = gtk_label_new (keel_signal_state_to_label (result->state));
  g_autofree char *subtitle = row_subtitle (result, self->gate->as_of);
  g_autofree char *title = NULL;

  title = result->required ? g_strdup (result->name)
                           /* Translators: a signal the gate does not need */
                           : g_strdup_printf (_("%s (optional)"), result->name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, result->explanation);

  gtk_widget_add_css_class (icon, keel_format_state_css_class (result->state));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  keel_signal_state_to_label (result->state),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "state-badge");
  gtk_widget_add_css_class (badge, keel_format_state_css_class (result->state));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);

  g_object_set_data_full (G_OBJECT (row), "keel-signal-id", g_strdup (result->signal->id), g_free);
  return row;
}

static void
update_gate_card (KeelFitView *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *date = NULL;

  if (self->gate == NULL)
    return;

  date = keel_format_date (self->gate->as_of);
  gtk_image_set_from_icon_name (self->gate_icon,
                                self->gate->passed ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  set_classes (GTK_WIDGET (self->gate_icon), self->gate->passed ? "success" : "warning");
  gtk_label_set_label (self->gate_title, self->gate->passed ? _("Gate passed: ready to scale")
                                                           : _("Gate not passed: do not scale yet"));
  if (self->gate->required == 0)
    subtitle = g_strdup_printf (_("No signal is required, so the gate cannot pass · as of %s"), date);
  else
    /* Translators: "2 of 3 required signals met · as of 2 Oct 2026" */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u of %u required signal met · as of %s",
                                             "%u of %u required signals met · as of %s",
                                             self->gate->required),
                                self->gate->met, self->gate->required, date);
  gtk_label_set_label (self->gate_subtitle, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->gate_card),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_label (self->gate_title),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
}

static void
show_selected (KeelFitView *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->signal_list);
  const KeelSignalResult *result = result_for_row (self, row);

  keel_signal_detail_set_result (self->detail, result, self->gate != NULL ? self->gate->as_of : NULL);
  gtk_label_set_label (self->back_label, result != NULL ? result->name : "");
}

static void
rebuild_rows (KeelFitView *self)
{
  GtkWidget *child;
  GtkListBoxRow *to_select = NULL;

  self->rebuilding = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->signal_list))) != NULL)
    gtk_list_box_remove (self->signal_list, child);

  for (guint i = 0; self->gate != NULL && i < self->gate->results->len; i++)
    {
      const KeelSignalResult *result = g_ptr_array_index (self->gate->results, i);
      GtkWidget *row = create_row (self, result);

      gtk_list_box_append (self->signal_list, row);
      if (g_strcmp0 (result->signal->id, self->selected_id) == 0)
        to_select = GTK_LIST_BOX_ROW (row);
    }

  /* Keep the signal the user was looking at; else start with the first. */
  if (to_select == NULL)
    to_select = gtk_list_box_get_row_at_index (self->signal_list, 0);
  gtk_list_box_select_row (self->signal_list, to_select);
  self->rebuilding = FALSE;

  g_free (self->selected_id);
  self->selected_id = to_select != NULL
    ? g_strdup (g_object_get_data (G_OBJECT (to_select), "keel-signal-id"))
    : NULL;
  show_selected (self);
}

/* ---- Callbacks ---- */

static void
row_selected_cb (KeelFitView   *self,
                 GtkListBoxRow *row)
{
  if (self->rebuilding)
    return;

  g_free (self->selected_id);
  self->selected_id = row != NULL ? g_strdup (g_object_get_data (G_OBJECT (row), "keel-signal-id"))
                                  : NULL;
  show_selected (self);
}

static void
row_activated_cb (KeelFitView   *self,
                  GtkListBoxRow *row)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (KeelFitView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
folded_changed_cb (KeelFitView *self)
{
  gtk_widget_set_visible (self->back_bar, adw_leaflet_get_folded (self->leaflet));
}

static void
add_custom_signal_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  keel_fit_view_add_custom_signal (KEEL_FIT_VIEW (widget));
}

static void
import_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KeelFitView *self = KEEL_FIT_VIEW (widget);
  keel_signal_detail_choose_import (self->detail);
}

/* ---- Overrides ---- */

static void
keel_fit_view_dispose (GObject *object)
{
  KeelFitView *self = KEEL_FIT_VIEW (object);

  g_clear_object (&self->project);
  g_clear_pointer (&self->selected_id, g_free);
  self->gate = NULL;

  G_OBJECT_CLASS (keel_fit_view_parent_class)->dispose (object);
}

static void
keel_fit_view_class_init (KeelFitViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = keel_fit_view_dispose;

  g_type_ensure (KEEL_TYPE_SIGNAL_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/keelplanner/Keel/fit/keel-fit-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KeelFitView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, KeelFitView, gate_card);
  gtk_widget_class_bind_template_child (widget_class, KeelFitView, gate_icon);
  gtk_widget_class_bind_template_child (widget_class, KeelFitView, gate_title);
  gtk_widget_class_bind_template_child (widget_class, KeelFitView, gate_subtitle);
  gtk_widget_class_bind_template_child (widget_class, KeelFitView, signal_list);
  gtk_widget_class_bind_template_child (widget_class, KeelFitView, add_button);
  gtk_widget_class_bind_template_child (widget_class, KeelFitView, back_bar);
  gtk_widget_class_bind_template_child (widget_class, KeelFitView, back_label);
  gtk_widget_class_bind_template_child (widget_class, KeelFitView, detail);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_changed_cb);

  gtk_widget_class_install_action (widget_class, "fit.add-custom-signal", NULL,
                                   add_custom_signal_action);
  gtk_widget_class_install_action (widget_class, "fit.import-csv", NULL, import_csv_action);
}

static void
keel_fit_view_init (KeelFitView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "fit.add-custom-signal", FALSE);
}

/* ---- Public API ---- */

GtkWidget *
keel_fit_view_new (void)
{
  return g_object_new (KEEL_TYPE_FIT_VIEW, NULL);
}

void
keel_fit_view_set_project (KeelFitView *self,
                           KeelProject *project)
{
  gboolean writable;

  g_return_if_fail (KEEL_IS_FIT_VIEW (self));

  if (!g_set_object (&self->project, project))
    return;

  self->gate = NULL;
  g_clear_pointer (&self->selected_id, g_free);
  keel_signal_detail_set_project (self->detail, project);
  rebuild_rows (self);

  writable = project != NULL && !keel_document_is_read_only (keel_project_get_document (project));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "fit.add-custom-signal", writable);
  gtk_widget_set_visible (self->add_button, writable);
}

void
keel_fit_view_set_gate (KeelFitView    *self,
                        const KeelGate *gate)
{
  g_return_if_fail (KEEL_IS_FIT_VIEW (self));

  self->gate = gate;
  update_gate_card (self);
  rebuild_rows (self);
}

void
keel_fit_view_reveal_signal (KeelFitView *self,
                             const char  *id)
{
  GtkListBoxRow *row;

  g_return_if_fail (KEEL_IS_FIT_VIEW (self));

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->signal_list, i)) != NULL; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "keel-signal-id"), id) == 0)
      {
        gtk_list_box_select_row (self->signal_list, row);
        adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
        gtk_widget_grab_focus (GTK_WIDGET (row));
        return;
      }
}

const char *
keel_fit_view_get_selected_signal (KeelFitView *self)
{
  g_return_val_if_fail (KEEL_IS_FIT_VIEW (self), NULL);
  return self->selected_id;
}

void
keel_fit_view_focus_search (KeelFitView *self)
{
  g_return_if_fail (KEEL_IS_FIT_VIEW (self));

  if (keel_signal_detail_get_dataset (self->detail, NULL))
    {
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
      keel_dataset_browser_focus_filter (keel_signal_detail_get_browser (self->detail));
    }
}

KeelSignalDetail *
keel_fit_view_get_detail (KeelFitView *self)
{
  g_return_val_if_fail (KEEL_IS_FIT_VIEW (self), NULL);
  return self->detail;
}

GtkWidget *
keel_fit_view_get_row (KeelFitView *self,
                       guint        index)
{
  g_return_val_if_fail (KEEL_IS_FIT_VIEW (self), NULL);
  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->signal_list, index));
}

void
keel_fit_view_add_custom_signal (KeelFitView *self)
{
  GtkWidget *dialog;

  g_return_if_fail (KEEL_IS_FIT_VIEW (self));

  if (self->project == NULL)
    return;
  dialog = keel_custom_signal_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                          self->project, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}
