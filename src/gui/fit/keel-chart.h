/* keel-chart.h: a small native chart (lines or bars, a threshold, a marker, intervals)
 * drawn with the widget's own colours so that it follows the dark style.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  KEEL_CHART_LINES,
  KEEL_CHART_BARS,
} KeelChartKind;

typedef enum {
  KEEL_CHART_FORMAT_PERCENT,  /* values are fractions, shown as 40% */
  KEEL_CHART_FORMAT_COUNT,    /* whole numbers */
} KeelChartFormat;

typedef enum {
  KEEL_CHART_SERIES_NORMAL,   /* the foreground colour */
  KEEL_CHART_SERIES_MUTED,    /* thin and faint: one of many */
  KEEL_CHART_SERIES_BOLD,     /* thick, in the accent colour: what matters */
} KeelChartEmphasis;

#define KEEL_TYPE_CHART (keel_chart_get_type ())
G_DECLARE_FINAL_TYPE (KeelChart, keel_chart, KEEL, CHART, GtkWidget)

GtkWidget *keel_chart_new            (KeelChartKind    kind,
                                      KeelChartFormat  format);
/* The labels along the x axis, one per value of every series. */
void       keel_chart_set_categories (KeelChart       *self,
                                      const char * const *labels,
                                      guint            n_labels);
/* Adds a series of @n values (NAN where a value is missing); @label names it in the
 * legend, NULL keeps it out of the legend. Returns its index. */
guint      keel_chart_add_series     (KeelChart       *self,
                                      const char      *label,
                                      const double    *values,
                                      guint            n_values,
                                      KeelChartEmphasis emphasis);
/* Interval whiskers around a series' values (for shares with their Wilson interval). */
void       keel_chart_set_intervals  (KeelChart       *self,
                                      guint            series,
                                      const double    *low,
                                      const double    *high,
                                      guint            n_values);
/* A dashed horizontal line the values are judged against. */
void       keel_chart_set_threshold  (KeelChart       *self,
                                      double           value,
                                      const char      *label);
/* A horizontal marker (the plateau) drawn from category @from_index to the end. */
void       keel_chart_set_marker     (KeelChart       *self,
                                      double           value,
                                      guint            from_index,
                                      const char      *label);
void       keel_chart_set_axis_titles (KeelChart      *self,
                                       const char     *x_title,
                                       const char     *y_title);
/* The chart in words, for screen readers and tooltips. */
void       keel_chart_set_description (KeelChart      *self,
                                       const char     *title,
                                       const char     *description);
const char *keel_chart_get_description (KeelChart     *self);
guint      keel_chart_get_n_series   (KeelChart       *self);

G_END_DECLS
