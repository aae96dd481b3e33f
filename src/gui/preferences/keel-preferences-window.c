/* keel-preferences-window.c: the project's thresholds (undoable edits of the project)
 * and the application's appearance.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "keel-preferences-window.h"

struct _KeelPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwPreferencesPage   *project_page;
  GtkSpinButton        *pmf_threshold;
  GtkSpinButton        *min_survey_responses;
  AdwComboRow          *retention_period;
  GtkSpinButton        *plateau_max_slope;
  GtkSpinButton        *plateau_periods;
  GtkSpinButton        *retention_min_cohorts;
  GtkSpinButton        *retention_min_periods;
  GtkSpinButton        *organic_share_threshold;
  GtkSpinButton        *organic_trend_periods;
  GtkSpinButton        *evidence_max_age_days;
  GtkSpinButton        *wip_limit;
  GtkLabel             *error_label;
  AdwComboRow          *color_scheme;

  KeelProject          *project;
  GSettings            *settings;
  gulong                changed_handler;
  gboolean              loading;
};

G_DEFINE_FINAL_TYPE (KeelPreferencesWindow, keel_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The GSettings "color-scheme" values, in the combo row's order. */
static const char * const color_schemes[] = { "default", "light", "dark" };

/* ---- Helpers ---- */

static void
load_from_project (KeelPreferencesWindow *self)
{
  const KeelSettings *s = keel_project_get_settings (self->project);

  self->loading = TRUE;
  gtk_spin_button_set_value (self->pmf_threshold, s->pmf_threshold * 100.0);
  gtk_spin_button_set_value (self->min_survey_responses, s->min_survey_responses);
  gtk_spin_button_set_value (self->plateau_max_slope, s->plateau_max_slope * 100.0);
  gtk_spin_button_set_value (self->plateau_periods, s->plateau_periods);
  gtk_spin_button_set_value (self->retention_min_cohorts, s->retention_min_cohorts);
  gtk_spin_button_set_value (self->retention_min_periods, s->retention_min_periods);
  gtk_spin_button_set_value (self->organic_share_threshold, s->organic_share_threshold * 100.0);
  gtk_spin_button_set_value (self->organic_trend_periods, s->organic_trend_periods);
  gtk_spin_button_set_value (self->evidence_max_age_days, s->evidence_max_age_days);
  gtk_spin_button_set_value (self->wip_limit, s->wip_limit);
  adw_combo_row_set_selected (self->retention_period, keel_project_get_retention_period (self->project));
  self->loading = FALSE;
}

static void
show_error (KeelPreferencesWindow *self,
            const GError          *error)
{
  gtk_label_set_label (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

/* ---- Callbacks ---- */

static void
spin_changed_cb (KeelPreferencesWindow *self)
{
  KeelSettings settings = *keel_project_get_settings (self->project);
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;

  /* Fractions are shown as percentages; round away the float noise of the division. */
  settings.pmf_threshold = round (gtk_spin_button_get_value (self->pmf_threshold) * 10.0) / 1000.0;
  settings.min_survey_responses = gtk_spin_button_get_value_as_int (self->min_survey_responses);
  settings.plateau_max_slope = round (gtk_spin_button_get_value (self->plateau_max_slope) * 10.0) / 1000.0;
  settings.plateau_periods = gtk_spin_button_get_value_as_int (self->plateau_periods);
  settings.retention_min_cohorts = gtk_spin_button_get_value_as_int (self->retention_min_cohorts);
  settings.retention_min_periods = gtk_spin_button_get_value_as_int (self->retention_min_periods);
  settings.organic_share_threshold = round (gtk_spin_button_get_value (self->organic_share_threshold) * 10.0) / 1000.0;
  settings.organic_trend_periods = gtk_spin_button_get_value_as_int (self->organic_trend_periods);
  settings.evidence_max_age_days = gtk_spin_button_get_value_as_int (self->evidence_max_age_days);
  settings.wip_limit = gtk_spin_button_get_value_as_int (self->wip_limit);

  if (keel_settings_equal (&settings, keel_project_get_settings (self->project)))
    return;

  if (!keel_settings_validate (&settings, &error) ||
      !keel_project_set_settings (self->project, &settings, &error))
    {
      show_error (self, error);
      load_from_project (self);
      return;
    }
  show_error (self, NULL);
}

static void
retention_period_changed_cb (KeelPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->retention_period);
  g_autoptr(GError) error = NULL;

  if (self->loading || selected >= KEEL_N_RETENTION_PERIODS ||
      selected == (guint) keel_project_get_retention_period (self->project))
    return;

  if (!keel_project_set_retention_period (self->project, (KeelRetentionPeriod) selected, &error))
    {
      show_error (self, error);
      load_from_project (self);
    }
}

static void
color_scheme_changed_cb (KeelPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->color_scheme);

  if (self->settings != NULL && selected < G_N_ELEMENTS (color_schemes))
    g_settings_set_string (self->settings, "color-scheme", color_schemes[selected]);
}

static void
project_changed_cb (KeelPreferencesWindow *self,
                    KeelChangeFlags        flags)
{
  /* Undo and redo change the settings behind the window's back. */
  if (flags & (KEEL_CHANGE_SETTINGS | KEEL_CHANGE_DATASETS))
    load_from_project (self);
}

/* ---- Overrides ---- */

static void
keel_preferences_window_dispose (GObject *object)
{
  KeelPreferencesWindow *self = KEEL_PREFERENCES_WINDOW (object);

  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_handler, self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEEL_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->project);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (keel_preferences_window_parent_class)->dispose (object);
}

static void
keel_preferences_window_class_init (KeelPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = keel_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/keelplanner/Keel/preferences/keel-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KeelPreferencesWindow, project_page);
  gtk_widget_class_bind_template_child (widget_class, KeelPreferencesWindow, pmf_threshold);
  gtk_widget_class_bind_template_child (widget_class, KeelPreferencesWindow, min_survey_responses);
  gtk_widget_class_bind_template_child (widget_class, KeelPreferencesWindow, retention_period);
  gtk_widget_class_bind_template_child (widget_class, KeelPreferencesWindow, plateau_max_slope);
  gtk_widget_class_bind_template_child (widget_class, KeelPreferencesWindow, plateau_periods);
  gtk_widget_class_bind_template_child (widget_class, KeelPreferencesWindow, retention_min_cohorts);
  gtk_widget_class_bind_template_child (widget_class, KeelPreferencesWindow, retention_min_periods);
  gtk_widget_class_bind_template_child (widget_class, KeelPreferencesWindow, organic_share_threshold);
  gtk_widget_class_bind_template_child (widget_class, KeelPreferencesWindow, organic_trend_periods);
  gtk_widget_class_bind_template_child (widget_class, KeelPreferencesWindow, evidence_max_age_days);
  gtk_widget_class_bind_template_child (widget_class, KeelPreferencesWindow, wip_limit);
  gtk_widget_class_bind_template_child (widget_class, KeelPreferencesWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, KeelPreferencesWindow, color_scheme);
}

static void
keel_preferences_window_init (KeelPreferencesWindow *self)
{
  g_autoptr(GtkStringList) periods = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) schemes = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* In KeelRetentionPeriod order. */
  gtk_string_list_append (periods, _("Week"));
  gtk_string_list_append (periods, _("Month (30 days)"));
  adw_combo_row_set_model (self->retention_period, G_LIST_MODEL (periods));

  gtk_string_list_append (schemes, _("Follow the System"));
  gtk_string_list_append (schemes, _("Light"));
  gtk_string_list_append (schemes, _("Dark"));
  adw_combo_row_set_model (self->color_scheme, G_LIST_MODEL (schemes));
}

/* ---- Public API ---- */

GtkWidget *
keel_preferences_window_new (GtkWindow   *parent,
                             KeelProject *project,
                             GSettings   *settings)
{
  KeelPreferencesWindow *self;
  gboolean writable;

  g_return_val_if_fail (KEEL_IS_PROJECT (project), NULL);

  self = g_object_new (KEEL_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->project = g_object_ref (project);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;

  load_from_project (self);
  writable = !keel_document_is_read_only (keel_project_get_document (project));

  GtkSpinButton *spins[] = {
    self->pmf_threshold, self->min_survey_responses, self->plateau_max_slope,
    self->plateau_periods, self->retention_min_cohorts, self->retention_min_periods,
    self->organic_share_threshold, self->organic_trend_periods, self->evidence_max_age_days,
    self->wip_limit,
  };
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (spins[i]), writable);
      g_signal_connect_object (spins[i], "value-changed",
                               G_CALLBACK (spin_changed_cb), self, G_CONNECT_SWAPPED);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->retention_period), writable);
  g_signal_connect_object (self->retention_period, "notify::selected",
                           G_CALLBACK (retention_period_changed_cb), self, G_CONNECT_SWAPPED);
  self->changed_handler = g_signal_connect_swapped (project, "changed",
                                                    G_CALLBACK (project_changed_cb), self);

  if (settings != NULL)
    {
      g_autofree char *scheme = g_settings_get_string (settings, "color-scheme");
      for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
        if (g_strcmp0 (scheme, color_schemes[i]) == 0)
          adw_combo_row_set_selected (self->color_scheme, i);
      g_signal_connect_object (self->color_scheme, "notify::selected",
                               G_CALLBACK (color_scheme_changed_cb), self, G_CONNECT_SWAPPED);
    }
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->color_scheme), FALSE);

  return GTK_WIDGET (self);
}
