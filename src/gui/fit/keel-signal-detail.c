/* keel-signal-detail.c: one fit signal in full — its numbers, its charts, the rows of
 * its dataset and "Import CSV…".
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-signal-detail"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>

#include "keel-chart.h"
#include "keel-csv.h"
#include "keel-db.h"
#include "keel-custom-signal-dialog.h"
#include "keel-format.h"
#include "keel-signal-detail.h"
#include "keel-tasks.h"


struct _KeelSignalDetail
{
  AdwBin              parent_instance;

  GtkStack           *stack;
  GtkScrolledWindow  *scroller;
  GtkImage           *state_icon;
  GtkLabel           *name_label;
  GtkLabel           *state_label;
  GtkWidget          *custom_box;
  GtkLabel           *explanation_label;
  GtkFlowBox         *stats_box;
  GtkBox             *charts_box;
  GtkBox             *channels_box;
  GtkWidget          *data_box;
  GtkLabel           *data_title;
  GtkWidget          *import_spinner;
  GtkWidget          *import_button;
  GtkWidget          *import_options_button;
  GtkRevealer        *import_error_revealer;
  GtkLabel           *import_error_title;
  GtkLabel           *import_error_label;
  KeelDatasetBrowser *browser;
  GtkCheckButton     *append_check;
  GtkWidget          *period_box;
  GtkCheckButton     *period_week;
  GtkCheckButton     *period_month;

  KeelProject        *project;
  char               *signal_id;
  KeelSignalKind      kind;
  gboolean            has_dataset;
  KeelDataset         dataset;
  GPtrArray          *charts;
  GtkFileChooserNative *chooser;
  GCancellable       *import_cancellable;  /* set while an import runs */
  GHashTable         *channel_rows;        /* folded channel -> AdwComboRow */
  guint64             channels_generation; /* the data the channel rows show */
  gboolean            channels_read_only;  /* ...and whether they could be edited */
};

G_DEFINE_FINAL_TYPE (KeelSignalDetail, keel_signal_detail, ADW_TYPE_BIN)

/* ---- Helpers ---- */

static gboolean
dataset_of_kind (KeelSignalKind  kind,
                 KeelDataset    *out)
{
  switch (kind)
    {
    case KEEL_SIGNAL_KIND_RETENTION_PLATEAU: *out = KEEL_DATASET_RETENTION; return TRUE;
    case KEEL_SIGNAL_KIND_SEAN_ELLIS:        *out = KEEL_DATASET_SURVEY; return TRUE;
    case KEEL_SIGNAL_KIND_ORGANIC_GROWTH:    *out = KEEL_DATASET_ACQUISITION; return TRUE;
    case KEEL_SIGNAL_KIND_CUSTOM:
    case KEEL_N_SIGNAL_KINDS:
    default:
      return FALSE;
    }
}

static const char *
dataset_title (KeelDataset dataset)
{
  switch (dataset)
    {
    case KEEL_DATASET_RETENTION:   return _("Retention Cohorts");
    case KEEL_DATASET_SURVEY:      return _("Survey Answers");
    case KEEL_DATASET_ACQUISITION: return _("New Users by Channel");
    case KEEL_N_DATASETS:
    default:
      return "";
    }
}

static void
remove_all_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (box))
        gtk_flow_box_remove (GTK_FLOW_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

/* An edit the project refused, in a dialog over the window. */
static void
show_error (KeelSignalDetail *self,
            const char       *title,
            const GError     *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              title, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The import button waits while a file is read, and on a read-only project. */
static void
update_import_state (KeelSignalDetail *self)
{
  gboolean importing = self->import_cancellable != NULL;
  gboolean read_only = self->project == NULL ||
                       keel_document_is_read_only (keel_project_get_document (self->project));

  gtk_widget_set_sensitive (self->import_button, !read_only && !importing);
  gtk_widget_set_sensitive (self->import_options_button, !read_only && !importing);
  gtk_widget_set_visible (self->import_spinner, importing);
  gtk_spinner_set_spinning (GTK_SPINNER (self->import_spinner), importing);
}

static void
set_state_class (GtkWidget  *widget,
                 const char *css_class)
{
  static const char * const classes[] = { "success", "error", "warning", "dim-label" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (widget, classes[i]);
  gtk_widget_add_css_class (widget, css_class);
}

static void
add_stat (KeelSignalDetail *self,
          const char       *title,
          const char       *value,
          const char       *detail)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *value_label = gtk_label_new (value);
  g_autofree char *accessible = NULL;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "stat-card");
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title_label, "caption-heading");
  gtk_widget_add_css_class (title_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (value_label), FALSE);
  gtk_widget_add_css_class (value_label, "title-3");
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_box_append (GTK_BOX (card), title_label);
  gtk_box_append (GTK_BOX (card), value_label);
  if (detail != NULL)
    {
      GtkWidget *detail_label = gtk_label_new (detail);
      gtk_label_set_xalign (GTK_LABEL (detail_label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (detail_label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (detail_label, "caption");
      gtk_widget_add_css_class (detail_label, "dim-label");
      gtk_box_append (GTK_BOX (card), detail_label);
    }

  accessible = g_strdup_printf ("%s: %s%s%s", title, value,
                                detail != NULL ? ", " : "", detail != NULL ? detail : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (card),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  gtk_widget_set_tooltip_text (card, accessible);
  gtk_flow_box_append (self->stats_box, card);
}

static void
add_chart (KeelSignalDetail *self,
           const char       *heading,
           GtkWidget        *chart)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *label = gtk_label_new (heading);
  GtkWidget *frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (frame, "card");
  gtk_widget_add_css_class (frame, "chart-card");
  gtk_box_append (GTK_BOX (frame), chart);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (self->charts_box, box);
  g_ptr_array_add (self->charts, chart);
}

/* ---- Charts of each kind ---- */

static void
build_retention (KeelSignalDetail       *self,
                 const KeelSignalResult *result)
{
  GtkWidget *chart = keel_chart_new (KEEL_CHART_LINES, KEEL_CHART_FORMAT_PERCENT);
  KeelRetentionPeriod period = keel_project_get_retention_period (self->project);
  guint n_periods = result->average != NULL ? result->average->len : 0;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) description = g_string_new (NULL);
  guint n_cohorts = result->cohorts != NULL ? result->cohorts->len : 0;

  for (guint c = 0; c < n_cohorts; c++)
    {
      KeelCohortCurve *curve = g_ptr_array_index (result->cohorts, c);
      n_periods = MAX (n_periods, curve->retained->len);
    }
  for (guint p = 0; p < n_periods; p++)
    g_ptr_array_add (labels, g_strdup_printf ("%u", p));
  keel_chart_set_categories (KEEL_CHART (chart), (const char * const *) labels->pdata, labels->len);

  for (guint c = 0; c < n_cohorts; c++)
    {
      KeelCohortCurve *curve = g_ptr_array_index (result->cohorts, c);
      keel_chart_add_series (KEEL_CHART (chart), c == 0 ? _("Each cohort") : NULL,
                             (const double *) curve->retained->data, curve->retained->len,
                             KEEL_CHART_SERIES_MUTED);
    }
  if (result->average != NULL && result->average->len > 0)
    keel_chart_add_series (KEEL_CHART (chart), _("Weighted average"),
                           (const double *) result->average->data, result->average->len,
                           KEEL_CHART_SERIES_BOLD);

  if (result->has_plateau && result->average != NULL && result->average->len > 0)
    {
      g_autofree char *level = keel_format_percent (result->plateau);
      g_autofree char *label = g_strdup_printf (_("Plateau %s"), level);
      gint64 periods = keel_project_get_settings (self->project)->plateau_periods;
      guint from = result->average->len > (guint) periods ? result->average->len - 1 - periods : 0;
      keel_chart_set_marker (KEEL_CHART (chart), result->plateau, from, label);
    }

  keel_chart_set_axis_titles (KEEL_CHART (chart),
                              period == KEEL_RETENTION_PERIOD_MONTH ? _("Months since signup")
                                                                     : _("Weeks since signup"),
                              _("Users still active"));

  g_string_append_printf (description,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Retention of %u cohort over %u periods.",
                                       "Retention of %u cohorts over %u periods.", n_cohorts),
                          n_cohorts, n_periods);
  if (result->average != NULL && result->average->len > 0)
    {
      g_autofree char *first = keel_format_percent (g_array_index (result->average, double, 0));
      g_autofree char *last = keel_format_percent (g_array_index (result->average, double,
                                                                  result->average->len - 1));
      g_string_append_c (description, ' ');
      g_string_append_printf (description, _("The weighted average goes from %s to %s."), first, last);
    }
  if (result->has_plateau)
    {
      g_autofree char *level = keel_format_percent (result->plateau);
      g_string_append_c (description, ' ');
      g_string_append_printf (description, _("It levels off at %s."), level);
    }
  keel_chart_set_description (KEEL_CHART (chart), _("Retention curves"), description->str);
  add_chart (self, _("Retention Curves by Cohort"), chart);
}

static void
build_share_chart (KeelSignalDetail       *self,
                   const KeelSignalResult *result,
                   GPtrArray              *shares,
                   KeelChartKind           kind,
                   const char             *heading,
                   const char             *x_title)
{
  GtkWidget *chart = keel_chart_new (kind, KEEL_CHART_FORMAT_PERCENT);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lows = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) highs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *threshold = keel_format_percent (result->threshold);
  g_autofree char *threshold_label = g_strdup_printf (_("Threshold %s"), threshold);
  guint series;

  for (guint i = 0; i < shares->len; i++)
    {
      KeelShare *share = g_ptr_array_index (shares, i);
      g_autofree char *value = keel_format_percent (share->value);
      const char *label = share->label != NULL && share->label[0] != '\0' ? share->label
                                                                           : _("No segment");

      g_ptr_array_add (labels, g_strdup (label));
      g_array_append_val (values, share->value);
      g_array_append_val (lows, share->interval_low);
      g_array_append_val (highs, share->interval_high);
      /* Translators: one entry of a chart's description: "founders: 58% of 40" */
      g_string_append_printf (description, _("%s: %s of %" PRId64 "; "),
                              label, value, share->sample_size);
    }
  g_string_append_printf (description, _("threshold %s."), threshold);

  keel_chart_set_categories (KEEL_CHART (chart), (const char * const *) labels->pdata, labels->len);
  series = keel_chart_add_series (KEEL_CHART (chart), _("Very disappointed"),
                                  (const double *) values->data, values->len,
                                  KEEL_CHART_SERIES_BOLD);
  keel_chart_set_intervals (KEEL_CHART (chart), series,
                            (const double *) lows->data, (const double *) highs->data, lows->len);
  keel_chart_set_threshold (KEEL_CHART (chart), result->threshold, threshold_label);
  /* xgettext:no-c-format */
  keel_chart_set_axis_titles (KEEL_CHART (chart), x_title, _("Share very disappointed, 95% interval"));
  keel_chart_set_description (KEEL_CHART (chart), heading, description->str);
  add_chart (self, heading, chart);
}

static void
build_survey (KeelSignalDetail       *self,
              const KeelSignalResult *result)
{
  if (result->answer_counts != NULL && result->answer_counts->len > 0)
    {
      GtkWidget *chart = keel_chart_new (KEEL_CHART_BARS, KEEL_CHART_FORMAT_COUNT);
      const char *labels[KEEL_N_ANSWERS];
      double values[KEEL_N_ANSWERS];
      guint n = MIN (result->answer_counts->len, KEEL_N_ANSWERS);
      g_autoptr(GString) description = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        {
          labels[i] = keel_answer_to_label ((KeelAnswer) i);
          values[i] = g_array_index (result->answer_counts, gint64, i);
          g_string_append_printf (description, "%s: %" G_GINT64_FORMAT "%s", labels[i],
                                  g_array_index (result->answer_counts, gint64, i),
                                  i + 1 < n ? "; " : ".");
        }
      keel_chart_set_categories (KEEL_CHART (chart), labels, n);
      keel_chart_add_series (KEEL_CHART (chart), NULL, values, n, KEEL_CHART_SERIES_BOLD);
      keel_chart_set_axis_titles (KEEL_CHART (chart), NULL, _("Respondents"));
      keel_chart_set_description (KEEL_CHART (chart), _("Answers"), description->str);
      add_chart (self, _("How Would You Feel If You Could No Longer Use the Product?"), chart);
    }

  if (result->segments != NULL && result->segments->len > 0)
    build_share_chart (self, result, result->segments, KEEL_CHART_BARS,
                       _("Very Disappointed by Segment"), NULL);
  if (result->months != NULL && result->months->len > 0)
    build_share_chart (self, result, result->months, KEEL_CHART_LINES,
                       _("Very Disappointed by Month"), NULL);
}

static void
build_organic (KeelSignalDetail       *self,
               const KeelSignalResult *result)
{
  guint n = result->organic != NULL ? result->organic->len : 0;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree double *shares = g_new0 (double, MAX (n, 1));
  g_autofree double *organic = g_new0 (double, MAX (n, 1));
  g_autofree double *paid = g_new0 (double, MAX (n, 1));
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *threshold = keel_format_percent (result->threshold);
  g_autofree char *threshold_label = g_strdup_printf (_("Threshold %s"), threshold);
  GtkWidget *chart;

  if (n == 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      KeelOrganicPoint *point = g_ptr_array_index (result->organic, i);
      g_autofree char *share = NULL;

      g_ptr_array_add (labels, point->period);
      shares[i] = point->organic + point->paid > 0 ? point->share : NAN;
      organic[i] = point->organic;
      paid[i] = point->paid;
      share = keel_format_percent (point->share);
      g_string_append_printf (description, _("%s: %s organic; "), point->period, share);
    }
  g_string_append_printf (description, _("threshold %s."), threshold);

  chart = keel_chart_new (KEEL_CHART_LINES, KEEL_CHART_FORMAT_PERCENT);
  keel_chart_set_categories (KEEL_CHART (chart), (const char * const *) labels->pdata, n);
  keel_chart_add_series (KEEL_CHART (chart), _("Organic share"), shares, n, KEEL_CHART_SERIES_BOLD);
  keel_chart_set_threshold (KEEL_CHART (chart), result->threshold, threshold_label);
  keel_chart_set_axis_titles (KEEL_CHART (chart), NULL, _("Share of new users"));
  keel_chart_set_description (KEEL_CHART (chart), _("Organic share by period"), description->str);
  add_chart (self, _("Organic Share of New Users by Period"), chart);

  chart = keel_chart_new (KEEL_CHART_BARS, KEEL_CHART_FORMAT_COUNT);
  keel_chart_set_categories (KEEL_CHART (chart), (const char * const *) labels->pdata, n);
  keel_chart_add_series (KEEL_CHART (chart), _("Organic"), organic, n, KEEL_CHART_SERIES_BOLD);
  keel_chart_add_series (KEEL_CHART (chart), _("Paid"), paid, n, KEEL_CHART_SERIES_MUTED);
  keel_chart_set_axis_titles (KEEL_CHART (chart), NULL, _("New users"));
  {
    g_autoptr(GString) counts = g_string_new (NULL);
    for (guint i = 0; i < n; i++)
      g_string_append_printf (counts, _("%s: %'.0f organic, %'.0f paid; "),
                              (const char *) g_ptr_array_index (labels, i), organic[i], paid[i]);
    keel_chart_set_description (KEEL_CHART (chart), _("New users by class"), counts->str);
  }
  add_chart (self, _("New Users, Organic and Paid"), chart);
}

static void
build_stats (KeelSignalDetail       *self,
             const KeelSignalResult *result,
             const char             *as_of)
{
  g_autofree char *value = keel_format_signal_value (result);
  g_autofree char *threshold = keel_format_signal_threshold_short (result);
  g_autofree char *sample = g_strdup_printf ("%'" G_GINT64_FORMAT, result->sample_size);

  add_stat (self, _("Value"), value, NULL);
  add_stat (self, _("Threshold"), threshold,
            result->kind == KEEL_SIGNAL_KIND_RETENTION_PLATEAU ? _("change per period") : NULL);

  switch (result->kind)
    {
    case KEEL_SIGNAL_KIND_SEAN_ELLIS:
      add_stat (self, _("Respondents"), sample, _("who use the product"));
      if (result->sample_size > 0)
        {
          g_autofree char *low = keel_format_percent (result->interval_low);
          g_autofree char *high = keel_format_percent (result->interval_high);
          g_autofree char *interval = g_strdup_printf ("%s – %s", low, high);
          add_stat (self, _("95% Interval"), interval,
                    result->confident ? _("confident: lower bound reaches the threshold")
                                      : _("not confident yet"));
        }
      break;
    case KEEL_SIGNAL_KIND_RETENTION_PLATEAU:
      add_stat (self, _("Cohorts"), sample, NULL);
      if (result->has_plateau)
        {
          g_autofree char *plateau = keel_format_percent (result->plateau);
          add_stat (self, _("Plateau"), plateau, _("users retained for good"));
        }
      break;
    case KEEL_SIGNAL_KIND_ORGANIC_GROWTH:
      add_stat (self, _("New Users"), sample, _("in the periods counted"));
      if (result->has_trend)
        {
          g_autofree char *points = keel_format_points (result->trend);
          g_autofree char *trend = result->trend > 0 ? g_strconcat ("+", points, NULL)
                                                     : g_strdup (points);
          /* Translators: the change of the organic share from one period to the next */
          add_stat (self, _("Trend"), trend, _("per period"));
        }
      break;
    case KEEL_SIGNAL_KIND_CUSTOM:
    case KEEL_N_SIGNAL_KINDS:
    default:
      if (result->signal != NULL && result->signal->source != NULL)
        add_stat (self, _("Source"), result->signal->source, NULL);
      break;
    }

  if (result->newest_data != NULL)
    {
      g_autofree char *date = keel_format_date (result->newest_data);
      g_autofree char *age = keel_format_age (result->newest_data, as_of);
      add_stat (self, _("Newest Data"), date, age);
    }
  else
    add_stat (self, _("Newest Data"), "—", _("no data"));
}

/* ---- Channel classes (organic growth) ---- */

static void
channel_selected_cb (AdwComboRow      *row,
                     GParamSpec       *pspec,
                     KeelSignalDetail *self)
{
  const char *channel = g_object_get_data (G_OBJECT (row), "keel-channel");
  gboolean with_none = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "keel-with-none"));
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  KeelChannelClass klass;
  KeelChannelClass current;

  if (self->project == NULL || channel == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (with_none)
    {
      /* "Not Classified" is what an unknown channel already is. */
      if (selected == 0)
        return;
      selected--;
    }
  klass = selected == 0 ? KEEL_CHANNEL_CLASS_ORGANIC : KEEL_CHANNEL_CLASS_PAID;
  if (keel_project_classify_channel (self->project, channel, &current) && current == klass)
    return;

  if (!keel_project_set_channel_class (self->project, channel, klass, &error))
    {
      show_error (self, _("Could Not Change the Channel Class"), error);
      return;
    }
  message = klass == KEEL_CHANNEL_CLASS_ORGANIC
    /* Translators: a toast, %s an acquisition channel ("newsletter") */
    ? g_strdup_printf (_("“%s” now counts as organic"), channel)
    /* Translators: a toast, %s an acquisition channel ("newsletter") */
    : g_strdup_printf (_("“%s” now counts as paid"), channel);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.undo-toast", "s", message);
}

static void
channel_reset_cb (GtkButton        *button,
                  KeelSignalDetail *self)
{
  const char *channel = g_object_get_data (G_OBJECT (button), "keel-channel");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (self->project == NULL || channel == NULL)
    return;
  message = g_strdup (channel);
  if (!keel_project_unset_channel_class (self->project, message, &error))
    {
      show_error (self, _("Could Not Change the Channel Class"), error);
      return;
    }
  g_free (message);
  /* Translators: a toast, %s an acquisition channel ("newsletter") */
  message = g_strdup_printf (_("“%s” follows the default class again"), channel);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.undo-toast", "s", message);
}

static GtkWidget *
channel_row_new (KeelSignalDetail *self,
                 const char       *channel,
                 gboolean          read_only)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  KeelChannelClass klass = KEEL_CHANNEL_CLASS_ORGANIC;
  KeelChannelClass fallback;
  gboolean own = keel_project_get_own_channel_class (self->project, channel, &klass);
  gboolean classified = own || keel_project_classify_channel (self->project, channel, &klass);
  guint selected;

  /* The project's own class, when it is only the default, reads as the default. */
  if (own && keel_channel_default_class (channel, &fallback) && fallback == klass)
    own = FALSE;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), channel);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               own ? _("Set for this project")
                                   : classified ? _("Default class")
                                                : _("Not counted as organic or paid"));
  if (!classified)
    gtk_string_list_append (choices, _("Not Classified"));
  gtk_string_list_append (choices, _("Organic"));
  gtk_string_list_append (choices, _("Paid"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
  selected = !classified ? 0 : klass == KEEL_CHANNEL_CLASS_ORGANIC ? 0 : 1;
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_object_set_data_full (G_OBJECT (row), "keel-channel", g_strdup (channel), g_free);
  g_object_set_data (G_OBJECT (row), "keel-with-none", GINT_TO_POINTER (!classified));
  gtk_widget_set_sensitive (row, !read_only);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (channel_selected_cb), self, 0);

  if (own && !read_only)
    {
      GtkWidget *reset = gtk_button_new_from_icon_name ("edit-undo-symbolic");
      g_autofree char *label = g_strdup_printf (_("Reset “%s” to Its Default Class"), channel);

      gtk_widget_set_valign (reset, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (reset, "flat");
      gtk_widget_set_tooltip_text (reset, _("Reset to Default"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (reset),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      g_object_set_data_full (G_OBJECT (reset), "keel-channel", g_strdup (channel), g_free);
      g_signal_connect_object (reset, "clicked", G_CALLBACK (channel_reset_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), reset);
    }

  return row;
}

static void
clear_channels (KeelSignalDetail *self)
{
  remove_all_children (GTK_WIDGET (self->channels_box));
  g_hash_table_remove_all (self->channel_rows);
}

/* The folded channel of the row that has the keyboard focus (or holds it: its reset
 * button, its popover), or NULL. */
static char *
focused_channel (KeelSignalDetail *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *widget = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (; widget != NULL && widget != GTK_WIDGET (self->channels_box);
       widget = gtk_widget_get_parent (widget))
    {
      const char *channel = g_object_get_data (G_OBJECT (widget), "keel-channel");

      if (channel != NULL && ADW_IS_COMBO_ROW (widget))
        return keel_channel_fold (channel);
    }
  return NULL;
}

/* The channels of the acquisition data and their classes, each editable. Rebuilt only
 * when the data or the classes change, so that the focus stays where it is otherwise. */
static void
build_channels (KeelSignalDetail *self,
                gboolean          read_only,
                gboolean          force)
{
  guint64 generation = keel_project_get_data_generation (self->project);
  g_autoptr(GPtrArray) channels = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *focused = NULL;
  GtkWidget *group;
  GtkWidget *focus_row;

  if (!force && generation == self->channels_generation && read_only == self->channels_read_only &&
      gtk_widget_get_first_child (GTK_WIDGET (self->channels_box)) != NULL)
    return;
  self->channels_generation = generation;
  self->channels_read_only = read_only;
  /* Changing a class from the keyboard rebuilds the rows under the focus: note whose
   * row had it... */
  focused = focused_channel (self);
  clear_channels (self);

  channels = keel_project_list_channels (self->project, &error);
  if (channels != NULL && channels->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->channels_box), FALSE);
      return;
    }

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Channel Classes"));
  if (channels == NULL)
    {
      /* Translators: %s says why (from SQLite), e.g. "database disk image is malformed" */
      g_autofree char *message = g_strdup_printf (_("The channels of the acquisition data cannot be read: %s"),
                                                  error->message);

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), message);
      gtk_box_append (self->channels_box, group);
      gtk_widget_set_visible (GTK_WIDGET (self->channels_box), TRUE);
      return;
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Which acquisition channels count as organic growth. "
                                           "A channel without a class of its own follows the defaults."));
  for (guint i = 0; i < channels->len; i++)
    {
      const char *channel = g_ptr_array_index (channels, i);
      GtkWidget *row = channel_row_new (self, channel, read_only);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_hash_table_insert (self->channel_rows, keel_channel_fold (channel), row);
    }
  gtk_box_append (self->channels_box, group);
  gtk_widget_set_visible (GTK_WIDGET (self->channels_box), TRUE);

  /* ...so the focus goes back to that channel's new row. */
  focus_row = focused != NULL ? g_hash_table_lookup (self->channel_rows, focused) : NULL;
  if (focus_row != NULL)
    gtk_widget_grab_focus (focus_row);
}

/* ---- Callbacks ---- */

static void
edit_clicked_cb (KeelSignalDetail *self)
{
  KeelSignal *signal;
  GtkWidget *dialog;

  if (self->project == NULL || self->signal_id == NULL)
    return;
  signal = keel_project_lookup_signal (self->project, self->signal_id);
  if (signal == NULL)
    return;

  dialog = keel_custom_signal_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                          self->project, signal);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_clicked_cb (KeelSignalDetail *self)
{
  g_autoptr(GError) error = NULL;
  KeelSignal *signal;
  g_autofree char *message = NULL;

  if (self->project == NULL || self->signal_id == NULL)
    return;
  signal = keel_project_lookup_signal (self->project, self->signal_id);
  if (signal == NULL)
    return;

  /* Translators: a toast after deleting a signal, %s its name */
  message = g_strdup_printf (_("“%s” deleted"), keel_signal_get_display_name (signal));
  if (!keel_project_delete_signal (self->project, self->signal_id, &error))
    {
      show_error (self, _("Could Not Delete the Signal"), error);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.undo-toast", "s", message);
}

static void
dismiss_error_cb (KeelSignalDetail *self)
{
  gtk_revealer_set_reveal_child (self->import_error_revealer, FALSE);
}

static void
chooser_response_cb (GtkNativeDialog  *chooser,
                     int               response,
                     KeelSignalDetail *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (file != NULL)
        keel_signal_detail_import_file_async (self, file, NULL, NULL, NULL);
    }
  g_clear_object (&self->chooser);
}

static void
import_clicked_cb (KeelSignalDetail *self)
{
  keel_signal_detail_choose_import (self);
}

/* ---- Overrides ---- */

static void
keel_signal_detail_dispose (GObject *object)
{
  KeelSignalDetail *self = KEEL_SIGNAL_DETAIL (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_pointer (&self->channel_rows, g_hash_table_unref);
  g_clear_pointer (&self->charts, g_ptr_array_unref);
  g_clear_object (&self->project);
  g_clear_pointer (&self->signal_id, g_free);

  G_OBJECT_CLASS (keel_signal_detail_parent_class)->dispose (object);
}

static void
keel_signal_detail_class_init (KeelSignalDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = keel_signal_detail_dispose;

  g_type_ensure (KEEL_TYPE_DATASET_BROWSER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/keelplanner/Keel/fit/keel-signal-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, KeelSignalDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, KeelSignalDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, KeelSignalDetail, state_icon);
  gtk_widget_class_bind_template_child (widget_class, KeelSignalDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, KeelSignalDetail, state_label);
  gtk_widget_class_bind_template_child (widget_class, KeelSignalDetail, custom_box);
  gtk_widget_class_bind_template_child (widget_class, KeelSignalDetail, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, KeelSignalDetail, stats_box);
  gtk_widget_class_bind_template_child (widget_class, KeelSignalDetail, charts_box);
  gtk_widget_class_bind_template_child (widget_class, KeelSignalDetail, data_box);
  gtk_widget_class_bind_template_child (widget_class, KeelSignalDetail, data_title);
  gtk_widget_class_bind_template_child (widget_class, KeelSignalDetail, import_spinner);
  gtk_widget_class_bind_template_child (widget_class, KeelSignalDetail, import_button);
  gtk_widget_class_bind_template_child (widget_class, KeelSignalDetail, channels_box);
  gtk_widget_class_bind_template_child (widget_class, KeelSignalDetail, import_options_button);
  gtk_widget_class_bind_template_child (widget_class, KeelSignalDetail, import_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, KeelSignalDetail, import_error_title);
  gtk_widget_class_bind_template_child (widget_class, KeelSignalDetail, import_error_label);
  gtk_widget_class_bind_template_child (widget_class, KeelSignalDetail, browser);
  gtk_widget_class_bind_template_child (widget_class, KeelSignalDetail, append_check);
  gtk_widget_class_bind_template_child (widget_class, KeelSignalDetail, period_box);
  gtk_widget_class_bind_template_child (widget_class, KeelSignalDetail, period_week);
  gtk_widget_class_bind_template_child (widget_class, KeelSignalDetail, period_month);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_error_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
}

static void
keel_signal_detail_init (KeelSignalDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->charts = g_ptr_array_new ();
  self->channel_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_stack_set_visible_child_name (self->stack, "none");
}

/* ---- Public API ---- */

GtkWidget *
keel_signal_detail_new (void)
{
  return g_object_new (KEEL_TYPE_SIGNAL_DETAIL, NULL);
}

void
keel_signal_detail_set_project (KeelSignalDetail *self,
                                KeelProject      *project)
{
  g_return_if_fail (KEEL_IS_SIGNAL_DETAIL (self));

  if (!g_set_object (&self->project, project))
    return;
  /* An import still reading belongs to the project shown before. */
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  self->channels_generation = 0;
  update_import_state (self);
  keel_dataset_browser_set_dataset (self->browser, NULL, KEEL_DATASET_RETENTION);
  keel_signal_detail_set_result (self, NULL, NULL);
}

void
keel_signal_detail_set_result (KeelSignalDetail       *self,
                               const KeelSignalResult *result,
                               const char             *as_of)
{
  g_autofree char *state = NULL;
  gboolean same_signal;
  gboolean read_only;

  g_return_if_fail (KEEL_IS_SIGNAL_DETAIL (self));

  g_ptr_array_set_size (self->charts, 0);
  remove_all_children (GTK_WIDGET (self->charts_box));
  remove_all_children (GTK_WIDGET (self->stats_box));

  if (result == NULL || self->project == NULL)
    {
      g_clear_pointer (&self->signal_id, g_free);
      self->has_dataset = FALSE;
      clear_channels (self);
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }

  same_signal = g_strcmp0 (self->signal_id, result->signal->id) == 0;
  g_free (self->signal_id);
  self->signal_id = g_strdup (result->signal->id);
  self->kind = result->kind;
  self->has_dataset = dataset_of_kind (result->kind, &self->dataset);
  read_only = keel_document_is_read_only (keel_project_get_document (self->project));

  if (!same_signal)
    gtk_revealer_set_reveal_child (self->import_error_revealer, FALSE);

  gtk_label_set_label (self->name_label, result->name);
  gtk_image_set_from_icon_name (self->state_icon, keel_format_state_icon (result->state));
  set_state_class (GTK_WIDGET (self->state_icon), keel_format_state_css_class (result->state));
  state = result->required
    ? g_strdup (keel_signal_state_to_label (result->state))
    /* Translators: a signal's state, then that the gate does not need it */
    : g_strdup_printf (_("%s · Not required for the gate"), keel_signal_state_to_label (result->state));
  gtk_label_set_label (self->state_label, state);
  set_state_class (GTK_WIDGET (self->state_label), keel_format_state_css_class (result->state));
  gtk_label_set_label (self->explanation_label, result->explanation);
  gtk_widget_set_visible (self->custom_box, result->kind == KEEL_SIGNAL_KIND_CUSTOM && !read_only);

  build_stats (self, result, as_of);

  switch (result->kind)
    {
    case KEEL_SIGNAL_KIND_RETENTION_PLATEAU:
      build_retention (self, result);
      break;
    case KEEL_SIGNAL_KIND_SEAN_ELLIS:
      build_survey (self, result);
      break;
    case KEEL_SIGNAL_KIND_ORGANIC_GROWTH:
      build_organic (self, result);
      break;
    case KEEL_SIGNAL_KIND_CUSTOM:
    case KEEL_N_SIGNAL_KINDS:
    default:
      break;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->charts_box), self->charts->len > 0);

  if (result->kind == KEEL_SIGNAL_KIND_ORGANIC_GROWTH)
    build_channels (self, read_only, !same_signal);
  else
    {
      clear_channels (self);
      gtk_widget_set_visible (GTK_WIDGET (self->channels_box), FALSE);
    }

  gtk_widget_set_visible (self->data_box, self->has_dataset);
  if (self->has_dataset)
    {
      gtk_label_set_label (self->data_title, dataset_title (self->dataset));
      gtk_widget_set_visible (self->period_box, self->dataset == KEEL_DATASET_RETENTION);
      if (!same_signal)
        {
          gboolean monthly = keel_project_get_retention_period (self->project) == KEEL_RETENTION_PERIOD_MONTH;
          gtk_check_button_set_active (monthly ? self->period_month : self->period_week, TRUE);
          gtk_check_button_set_active (self->append_check, FALSE);
        }
      update_import_state (self);
      keel_dataset_browser_set_dataset (self->browser, self->project, self->dataset);
    }

  gtk_stack_set_visible_child_name (self->stack, "signal");
}

gboolean
keel_signal_detail_get_dataset (KeelSignalDetail *self,
                                KeelDataset      *out_dataset)
{
  g_return_val_if_fail (KEEL_IS_SIGNAL_DETAIL (self), FALSE);

  if (self->has_dataset && out_dataset != NULL)
    *out_dataset = self->dataset;
  return self->has_dataset;
}

/* Reading a file runs in a worker thread (keel-tasks.c): the button waits, a spinner
 * turns, and the rows are added on the main thread when the file has been read. */
typedef struct {
  GFile        *file;
  GCancellable *cancellable;  /* the import's own, self->import_cancellable while it runs */
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->file);
  g_clear_object (&data->cancellable);
  g_free (data);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KeelSignalDetail *self = g_task_get_source_object (task);
  KeelProject *project = KEEL_PROJECT (source);
  ImportData *data = g_task_get_task_data (task);
  g_autofree char *basename = g_file_get_basename (data->file);
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n_rows = 0;

  if (self->import_cancellable == data->cancellable)
    g_clear_object (&self->import_cancellable);

  /* The detail was closed, or shows another project now: the rows are not wanted. */
  if (self->project != project)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The import was cancelled"));
      return;
    }
  update_import_state (self);

  if (!keel_csv_import_finish (project, result, &n_rows, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *title = g_strdup_printf (_("Could not import “%s”"), basename);

          gtk_label_set_label (self->import_error_title, title);
          gtk_label_set_label (self->import_error_label, error->message);
          gtk_revealer_set_reveal_child (self->import_error_revealer, TRUE);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  gtk_revealer_set_reveal_child (self->import_error_revealer, FALSE);
  /* Translators: a toast after a CSV import */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Imported %'" PRIu64 " row from %s",
                                          "Imported %'" PRIu64 " rows from %s", n_rows),
                             n_rows, basename);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.undo-toast", "s", message);
  g_task_return_boolean (task, TRUE);
}

void
keel_signal_detail_import_file_async (KeelSignalDetail    *self,
                                      GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  KeelCsvImportOptions options = { 0, };
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (KEEL_IS_SIGNAL_DETAIL (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, keel_signal_detail_import_file_async);
  data = g_new0 (ImportData, 1);
  data->file = g_object_ref (file);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);

  if (self->project == NULL || !self->has_dataset)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("This signal has no dataset to import into"));
      return;
    }
  if (self->import_cancellable != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("Another import is still running"));
      return;
    }

  options.append = gtk_check_button_get_active (self->append_check);
  if (self->dataset == KEEL_DATASET_RETENTION)
    {
      options.has_period = TRUE;
      options.period = gtk_check_button_get_active (self->period_month) ? KEEL_RETENTION_PERIOD_MONTH
                                                                         : KEEL_RETENTION_PERIOD_WEEK;
    }

  self->import_cancellable = g_cancellable_new ();
  data->cancellable = g_object_ref (self->import_cancellable);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                             self->import_cancellable, G_CONNECT_SWAPPED);
  gtk_revealer_set_reveal_child (self->import_error_revealer, FALSE);
  update_import_state (self);
  keel_csv_import_async (self->project, self->dataset, file, &options, self->import_cancellable,
                         import_done_cb, g_steal_pointer (&task));
}

gboolean
keel_signal_detail_import_file_finish (KeelSignalDetail  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_return_val_if_fail (KEEL_IS_SIGNAL_DETAIL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
keel_signal_detail_is_importing (KeelSignalDetail *self)
{
  g_return_val_if_fail (KEEL_IS_SIGNAL_DETAIL (self), FALSE);
  return self->import_cancellable != NULL;
}

AdwComboRow *
keel_signal_detail_get_channel_row (KeelSignalDetail *self,
                                    const char       *channel)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (KEEL_IS_SIGNAL_DETAIL (self), NULL);
  g_return_val_if_fail (channel != NULL, NULL);

  folded = keel_channel_fold (channel);
  return g_hash_table_lookup (self->channel_rows, folded);
}

void
keel_signal_detail_choose_import (KeelSignalDetail *self)
{
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autofree char *title = NULL;

  g_return_if_fail (KEEL_IS_SIGNAL_DETAIL (self));

  if (!self->has_dataset || self->chooser != NULL || self->import_cancellable != NULL)
    return;

  /* Translators: the file chooser's title, %s the dataset ("Survey Answers") */
  title = g_strdup_printf (_("Import %s"), dataset_title (self->dataset));
  self->chooser = gtk_file_chooser_native_new (title,
                                               GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("CSV Files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

KeelDatasetBrowser *
keel_signal_detail_get_browser (KeelSignalDetail *self)
{
  g_return_val_if_fail (KEEL_IS_SIGNAL_DETAIL (self), NULL);
  return self->browser;
}

GPtrArray *
keel_signal_detail_get_charts (KeelSignalDetail *self)
{
  g_return_val_if_fail (KEEL_IS_SIGNAL_DETAIL (self), NULL);
  return self->charts;
}

const char *
keel_signal_detail_get_import_error (KeelSignalDetail *self)
{
  g_return_val_if_fail (KEEL_IS_SIGNAL_DETAIL (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->import_error_revealer))
    return NULL;
  return gtk_label_get_label (self->import_error_label);
}
