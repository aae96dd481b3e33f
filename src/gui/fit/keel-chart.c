/* keel-chart.c: a small native chart (lines or bars, a threshold, a marker, intervals)
 * drawn with the widget's own colours so that it follows the dark style.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "keel-chart.h"
#include "keel-format.h"

#define PAD          8.0
#define TICK_GAP     6.0
#define POINT_RADIUS 3.5
#define MAX_POINTS   48   /* more points than this are drawn as a line only */

typedef struct
{
  char              *label;
  GArray            *values;   /* double */
  GArray            *low;      /* double or NULL */
  GArray            *high;
  KeelChartEmphasis  emphasis;
} Series;

struct _KeelChart
{
  GtkWidget        parent_instance;

  KeelChartKind    kind;
  KeelChartFormat  format;
  GPtrArray       *categories;  /* char * */
  GPtrArray       *series;      /* Series */

  gboolean         has_threshold;
  double           threshold;
  char            *threshold_label;

  gboolean         has_marker;
  double           marker;
  guint            marker_from;
  char            *marker_label;

  char            *x_title;
  char            *y_title;
  char            *title;
  char            *description;
};

G_DEFINE_FINAL_TYPE (KeelChart, keel_chart, GTK_TYPE_WIDGET)

typedef struct
{
  GdkRGBA fg;
  GdkRGBA accent;
  GdkRGBA success;
  GdkRGBA warning;
  GdkRGBA background;
} Palette;

/* ---- Helpers ---- */

static void
series_free (Series *series)
{
  g_free (series->label);
  g_clear_pointer (&series->values, g_array_unref);
  g_clear_pointer (&series->low, g_array_unref);
  g_clear_pointer (&series->high, g_array_unref);
  g_free (series);
}

static void
lookup_color (GtkStyleContext *context,
              const char      *name,
              const GdkRGBA   *fallback,
              GdkRGBA         *out)
{
  if (!gtk_style_context_lookup_color (context, name, out))
    *out = *fallback;
}

static void
get_palette (KeelChart *self,
             Palette   *palette)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  const GdkRGBA blue = { 0.21, 0.52, 0.89, 1.0 };
  const GdkRGBA green = { 0.15, 0.64, 0.41, 1.0 };
  const GdkRGBA orange = { 0.80, 0.50, 0.0, 1.0 };
  const GdkRGBA none = { 0, 0, 0, 0 };

  gtk_style_context_get_color (context, &palette->fg);
  lookup_color (context, "accent_color", &blue, &palette->accent);
  lookup_color (context, "success_color", &green, &palette->success);
  lookup_color (context, "warning_color", &orange, &palette->warning);
  /* Charts sit on cards: labels over lines get the card's colour behind them. */
  lookup_color (context, "card_bg_color", &none, &palette->background);
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static char *
format_value (KeelChart *self,
              double     value)
{
  if (self->format == KEEL_CHART_FORMAT_PERCENT)
    return keel_format_percent (value);
  return keel_format_number (value);
}

static PangoLayout *
make_layout (KeelChart  *self,
             const char *text,
             gboolean    small,
             gboolean    bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (small)
    pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  /* Digits of equal width keep tick labels aligned. */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

/* A label drawn over the plot, on a patch of the background so lines do not cross it. */
static void
draw_label (cairo_t       *cr,
            PangoLayout   *layout,
            double         x,
            double         y,
            const GdkRGBA *color,
            const GdkRGBA *background)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_set_source_rgba (cr, background->red, background->green, background->blue,
                         background->alpha * 0.85);
  cairo_rectangle (cr, x - 3, y - 1, w + 6, h + 2);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           double       x,
           double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* A "nice" tick step (1, 2, 2.5 or 5 times a power of ten) for about @n ticks. */
static double
nice_step (double range,
           int    n)
{
  double raw = range / MAX (n, 1);
  double magnitude = pow (10.0, floor (log10 (raw)));
  double residual = raw / magnitude;

  if (residual <= 1.0)
    return magnitude;
  if (residual <= 2.0)
    return 2.0 * magnitude;
  if (residual <= 2.5)
    return 2.5 * magnitude;
  if (residual <= 5.0)
    return 5.0 * magnitude;
  return 10.0 * magnitude;
}

static guint
n_points (KeelChart *self)
{
  guint n = self->categories->len;

  for (guint i = 0; i < self->series->len; i++)
    {
      Series *series = g_ptr_array_index (self->series, i);
      n = MAX (n, series->values->len);
    }
  return n;
}

static void
value_range (KeelChart *self,
             double    *out_min,
             double    *out_max)
{
  double lo = 0.0, hi = 0.0;

  for (guint i = 0; i < self->series->len; i++)
    {
      Series *series = g_ptr_array_index (self->series, i);
      for (guint j = 0; j < series->values->len; j++)
        {
          double v = g_array_index (series->values, double, j);
          if (isfinite (v))
            {
              lo = MIN (lo, v);
              hi = MAX (hi, v);
            }
          if (series->high != NULL && j < series->high->len &&
              isfinite (g_array_index (series->high, double, j)))
            hi = MAX (hi, g_array_index (series->high, double, j));
        }
    }
  if (self->has_threshold)
    hi = MAX (hi, self->threshold), lo = MIN (lo, self->threshold);
  if (self->has_marker)
    hi = MAX (hi, self->marker);

  if (hi - lo < 1e-12)
    hi = lo + (self->format == KEEL_CHART_FORMAT_PERCENT ? 1.0 : 1.0);

  *out_min = lo;
  *out_max = hi;
}

/* ---- Drawing ---- */

typedef struct
{
  double left, right, top, bottom;
  double y_min, y_max;
  guint  n;
} Frame;

static double
frame_y (const Frame *frame,
         double       value)
{
  return frame->bottom - (value - frame->y_min) / (frame->y_max - frame->y_min)
                         * (frame->bottom - frame->top);
}

static double
frame_x (KeelChart   *self,
         const Frame *frame,
         guint        index)
{
  double width = frame->right - frame->left;

  if (self->kind == KEEL_CHART_BARS || frame->n <= 1)
    return frame->left + (index + 0.5) * width / MAX (frame->n, 1);
  return frame->left + index * width / (frame->n - 1);
}

static void
draw_empty (KeelChart *self,
            cairo_t   *cr,
            double     width,
            double     height,
            const Palette *palette)
{
  g_autoptr(PangoLayout) layout = make_layout (self, _("No data to chart yet"), FALSE, FALSE);
  double w, h;

  layout_size (layout, &w, &h);
  set_source (cr, &palette->fg, 0.55);
  draw_text (cr, layout, (width - w) / 2, (height - h) / 2);
}

static void
draw_legend (KeelChart     *self,
             cairo_t       *cr,
             double         right,
             double         y,
             const Palette *palette)
{
  double x = right;

  /* Right to left, so the legend hugs the right edge. */
  for (guint i = self->series->len; i-- > 0;)
    {
      Series *series = g_ptr_array_index (self->series, i);
      g_autoptr(PangoLayout) layout = NULL;
      double w, h;

      if (series->label == NULL)
        continue;
      layout = make_layout (self, series->label, TRUE, FALSE);
      layout_size (layout, &w, &h);
      x -= w;
      set_source (cr, &palette->fg, 0.8);
      draw_text (cr, layout, x, y);
      x -= 22;
      if (series->emphasis == KEEL_CHART_SERIES_BOLD)
        set_source (cr, &palette->accent, 1.0), cairo_set_line_width (cr, 3.0);
      else if (series->emphasis == KEEL_CHART_SERIES_MUTED)
        set_source (cr, &palette->fg, 0.35), cairo_set_line_width (cr, 1.0);
      else
        set_source (cr, &palette->fg, 0.8), cairo_set_line_width (cr, 1.5);
      if (self->kind == KEEL_CHART_BARS)
        {
          cairo_rectangle (cr, x + 4, y + h / 2 - 5, 10, 10);
          cairo_fill (cr);
        }
      else
        {
          cairo_move_to (cr, x, y + h / 2);
          cairo_line_to (cr, x + 16, y + h / 2);
          cairo_stroke (cr);
        }
      x -= 14;
    }
}

static void
draw_chart (KeelChart *self,
            cairo_t   *cr,
            double     width,
            double     height)
{
  Palette palette;
  Frame frame = { 0, };
  double lo, hi, step, tick_w = 0, label_h = 0, header_h = 0;
  g_autoptr(PangoLayout) probe = NULL;
  guint label_every = 1;
  double dashes[] = { 6.0, 4.0 };

  get_palette (self, &palette);

  frame.n = n_points (self);
  if (frame.n == 0 || self->series->len == 0)
    {
      draw_empty (self, cr, width, height, &palette);
      return;
    }

  /* The y axis: nice ticks from the lowest to the highest value shown. */
  value_range (self, &lo, &hi);
  step = nice_step (hi - lo, 4);
  frame.y_min = floor (lo / step) * step;
  frame.y_max = ceil (hi * 1.08 / step) * step;
  if (self->format == KEEL_CHART_FORMAT_PERCENT && hi <= 1.0 && frame.y_max > 1.0)
    frame.y_max = 1.0;
  if (frame.y_max <= frame.y_min)
    frame.y_max = frame.y_min + step;

  for (double t = frame.y_min; t <= frame.y_max + step / 2; t += step)
    {
      g_autofree char *text = format_value (self, t);
      g_autoptr(PangoLayout) layout = make_layout (self, text, TRUE, FALSE);
      double w, h;
      layout_size (layout, &w, &h);
      tick_w = MAX (tick_w, w);
      label_h = MAX (label_h, h);
    }

  probe = make_layout (self, "Xg", TRUE, FALSE);
  layout_size (probe, NULL, &header_h);

  frame.left = PAD + tick_w + TICK_GAP;
  frame.right = width - PAD - 4;
  frame.top = PAD + header_h + 10;
  frame.bottom = height - PAD - label_h * (self->kind == KEEL_CHART_BARS ? 2 : 1) - TICK_GAP
                 - (self->x_title != NULL ? label_h + 4 : 0);
  if (frame.right - frame.left < 40 || frame.bottom - frame.top < 30)
    return;

  /* Header: the y axis title on the left, the legend on the right. */
  if (self->y_title != NULL)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, self->y_title, TRUE, FALSE);
      set_source (cr, &palette.fg, 0.6);
      draw_text (cr, layout, PAD, PAD);
    }
  draw_legend (self, cr, frame.right, PAD, &palette);

  /* Grid lines and y tick labels. */
  cairo_set_line_width (cr, 1.0);
  for (double t = frame.y_min; t <= frame.y_max + step / 2; t += step)
    {
      g_autofree char *text = format_value (self, t);
      g_autoptr(PangoLayout) layout = make_layout (self, text, TRUE, FALSE);
      double y = round (frame_y (&frame, t)) + 0.5;
      double w, h;

      set_source (cr, &palette.fg, fabs (t) < 1e-12 ? 0.35 : 0.1);
      cairo_move_to (cr, frame.left, y);
      cairo_line_to (cr, frame.right, y);
      cairo_stroke (cr);

      layout_size (layout, &w, &h);
      set_source (cr, &palette.fg, 0.6);
      draw_text (cr, layout, frame.left - TICK_GAP - w, y - h / 2);
    }

  /* X labels. Categories (bars) each get their label, wrapped to their slot; a time
   * axis (lines) shows as many as fit without overlapping. */
  {
    double max_w = 0, slot = (frame.right - frame.left) / MAX (frame.n, 1);

    if (self->kind == KEEL_CHART_BARS)
      {
        for (guint i = 0; i < self->categories->len && i < frame.n; i++)
          {
            g_autoptr(PangoLayout) layout = make_layout (self, g_ptr_array_index (self->categories, i),
                                                         TRUE, FALSE);
            double w;

            pango_layout_set_width (layout, (int) MAX (slot - 4, 8) * PANGO_SCALE);
            pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
            pango_layout_set_height (layout, -2);
            pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
            pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
            layout_size (layout, &w, NULL);
            set_source (cr, &palette.fg, 0.6);
            draw_text (cr, layout, frame_x (self, &frame, i) - (slot - 4) / 2, frame.bottom + TICK_GAP);
          }
      }
    else
      {
        for (guint i = 0; i < self->categories->len; i++)
          {
            g_autoptr(PangoLayout) layout = make_layout (self, g_ptr_array_index (self->categories, i),
                                                         TRUE, FALSE);
            double w;
            layout_size (layout, &w, NULL);
            max_w = MAX (max_w, w);
          }
        label_every = MAX (1, (guint) ceil ((max_w + 10) / MAX (slot, 1)));

        for (guint i = 0; i < self->categories->len && i < frame.n; i += label_every)
          {
            g_autoptr(PangoLayout) layout = make_layout (self, g_ptr_array_index (self->categories, i),
                                                         TRUE, FALSE);
            double w, h, x = frame_x (self, &frame, i);
            layout_size (layout, &w, &h);
            x = CLAMP (x - w / 2, PAD, width - PAD - w);
            set_source (cr, &palette.fg, 0.6);
            draw_text (cr, layout, x, frame.bottom + TICK_GAP);
          }
      }
  }

  if (self->x_title != NULL)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, self->x_title, TRUE, FALSE);
      double w, h;
      layout_size (layout, &w, &h);
      set_source (cr, &palette.fg, 0.6);
      draw_text (cr, layout, frame.left + (frame.right - frame.left - w) / 2, height - PAD - h);
    }

  /* The series. */
  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);
      const GdkRGBA *color = series->emphasis == KEEL_CHART_SERIES_BOLD ? &palette.accent
                                                                         : &palette.fg;
      double alpha = series->emphasis == KEEL_CHART_SERIES_MUTED ? 0.28 : 0.85;

      if (self->kind == KEEL_CHART_BARS)
        {
          double band = (frame.right - frame.left) / MAX (frame.n, 1);
          double bar_w = MIN (band * 0.6 / self->series->len, 64.0);

          for (guint i = 0; i < series->values->len; i++)
            {
              double v = g_array_index (series->values, double, i);
              double x = frame_x (self, &frame, i) - bar_w * self->series->len / 2 + s * bar_w;
              double y0 = frame_y (&frame, MAX (frame.y_min, 0.0)), y1;

              if (!isfinite (v))
                continue;
              y1 = frame_y (&frame, v);
              set_source (cr, color, series->emphasis == KEEL_CHART_SERIES_MUTED ? 0.3 : 0.85);
              cairo_rectangle (cr, x + 1, MIN (y0, y1), bar_w - 2, fabs (y0 - y1));
              cairo_fill (cr);

              if (frame.n <= 12 && series->low == NULL)
                {
                  g_autofree char *text = format_value (self, v);
                  g_autoptr(PangoLayout) layout = make_layout (self, text, TRUE, TRUE);
                  double w, h;
                  layout_size (layout, &w, &h);
                  set_source (cr, &palette.fg, 0.8);
                  draw_text (cr, layout, x + bar_w / 2 - w / 2, MIN (y0, y1) - h - 2);
                }
            }
        }
      else
        {
          gboolean pen_down = FALSE;

          cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cairo_set_line_width (cr, series->emphasis == KEEL_CHART_SERIES_BOLD ? 3.0
                                    : series->emphasis == KEEL_CHART_SERIES_MUTED ? 1.0 : 1.5);
          set_source (cr, color, alpha);
          for (guint i = 0; i < series->values->len; i++)
            {
              double v = g_array_index (series->values, double, i);
              if (!isfinite (v))
                {
                  pen_down = FALSE;
                  continue;
                }
              if (pen_down)
                cairo_line_to (cr, frame_x (self, &frame, i), frame_y (&frame, v));
              else
                cairo_move_to (cr, frame_x (self, &frame, i), frame_y (&frame, v));
              pen_down = TRUE;
            }
          cairo_stroke (cr);

          if (series->emphasis != KEEL_CHART_SERIES_MUTED && frame.n <= MAX_POINTS)
            for (guint i = 0; i < series->values->len; i++)
              {
                double v = g_array_index (series->values, double, i);
                if (!isfinite (v))
                  continue;
                cairo_arc (cr, frame_x (self, &frame, i), frame_y (&frame, v),
                           POINT_RADIUS, 0, 2 * G_PI);
                cairo_fill (cr);
              }
        }

      /* Interval whiskers. */
      if (series->low != NULL)
        {
          cairo_set_line_width (cr, 1.5);
          set_source (cr, &palette.fg, 0.7);
          for (guint i = 0; i < series->low->len && i < series->values->len; i++)
            {
              double l = g_array_index (series->low, double, i);
              double h = g_array_index (series->high, double, i);
              double x = self->kind == KEEL_CHART_BARS
                ? frame_x (self, &frame, i) - (self->series->len - 1) * 0.0
                : frame_x (self, &frame, i);
              if (!isfinite (l) || !isfinite (h))
                continue;
              cairo_move_to (cr, x, frame_y (&frame, l));
              cairo_line_to (cr, x, frame_y (&frame, h));
              cairo_move_to (cr, x - 4, frame_y (&frame, l));
              cairo_line_to (cr, x + 4, frame_y (&frame, l));
              cairo_move_to (cr, x - 4, frame_y (&frame, h));
              cairo_line_to (cr, x + 4, frame_y (&frame, h));
            }
          cairo_stroke (cr);
        }
    }

  /* The plateau marker. */
  if (self->has_marker)
    {
      double y = frame_y (&frame, self->marker);
      double x0 = frame_x (self, &frame, MIN (self->marker_from, frame.n - 1));

      cairo_save (cr);
      cairo_set_line_width (cr, 2.0);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      set_source (cr, &palette.success, 1.0);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, frame.right, y);
      cairo_stroke (cr);
      cairo_restore (cr);

      if (self->marker_label != NULL)
        {
          g_autoptr(PangoLayout) layout = make_layout (self, self->marker_label, TRUE, TRUE);
          double w, h;
          layout_size (layout, &w, &h);
          draw_label (cr, layout, MAX (frame.left + 4, MIN (x0, frame.right - w - 4)), y + 5,
                      &palette.success, &palette.background);
        }
    }

  /* The threshold, drawn last so it stays visible over bars. */
  if (self->has_threshold)
    {
      double y = frame_y (&frame, self->threshold);

      cairo_save (cr);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      set_source (cr, &palette.warning, 1.0);
      cairo_move_to (cr, frame.left, y);
      cairo_line_to (cr, frame.right, y);
      cairo_stroke (cr);
      cairo_restore (cr);

      if (self->threshold_label != NULL)
        {
          g_autoptr(PangoLayout) layout = make_layout (self, self->threshold_label, TRUE, TRUE);
          double w, h;
          layout_size (layout, &w, &h);
          /* At the left, above the line: the data usually rises to the right. */
          draw_label (cr, layout, frame.left + 6, MAX (frame.top, y - h - 3),
                      &palette.warning, &palette.background);
        }
    }
}

/* ---- Overrides ---- */

static void
keel_chart_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  KeelChart *self = KEEL_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_chart (self, cr, width, height);
  cairo_destroy (cr);
}

static void
keel_chart_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 560;
    }
  else
    {
      *minimum = 180;
      *natural = 260;
    }
}

static void
keel_chart_css_changed (GtkWidget         *widget,
                        GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (keel_chart_parent_class)->css_changed (widget, change);

  /* The colours come from the style: redraw when it changes (dark style). */
  gtk_widget_queue_draw (widget);
}

static void
keel_chart_finalize (GObject *object)
{
  KeelChart *self = KEEL_CHART (object);

  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_free (self->threshold_label);
  g_free (self->marker_label);
  g_free (self->x_title);
  g_free (self->y_title);
  g_free (self->title);
  g_free (self->description);

  G_OBJECT_CLASS (keel_chart_parent_class)->finalize (object);
}

static void
keel_chart_class_init (KeelChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = keel_chart_finalize;
  widget_class->snapshot = keel_chart_snapshot;
  widget_class->measure = keel_chart_measure;
  widget_class->css_changed = keel_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
keel_chart_init (KeelChart *self)
{
  self->categories = g_ptr_array_new_with_free_func (g_free);
  self->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}

/* ---- Public API ---- */

/**
 * keel_chart_new:
 * @kind: lines or bars
 * @format: how values are written on the axis
 *
 * Returns: (transfer floating): a new, empty chart
 */
GtkWidget *
keel_chart_new (KeelChartKind   kind,
                KeelChartFormat format)
{
  KeelChart *self = g_object_new (KEEL_TYPE_CHART, NULL);

  self->kind = kind;
  self->format = format;
  return GTK_WIDGET (self);
}

void
keel_chart_set_categories (KeelChart          *self,
                           const char * const *labels,
                           guint               n_labels)
{
  g_return_if_fail (KEEL_IS_CHART (self));

  g_ptr_array_set_size (self->categories, 0);
  for (guint i = 0; i < n_labels; i++)
    g_ptr_array_add (self->categories, g_strdup (labels[i]));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
keel_chart_add_series (KeelChart         *self,
                       const char        *label,
                       const double      *values,
                       guint              n_values,
                       KeelChartEmphasis  emphasis)
{
  Series *series;

  g_return_val_if_fail (KEEL_IS_CHART (self), 0);

  series = g_new0 (Series, 1);
  series->label = g_strdup (label);
  series->values = g_array_sized_new (FALSE, FALSE, sizeof (double), n_values);
  g_array_append_vals (series->values, values, n_values);
  series->emphasis = emphasis;
  g_ptr_array_add (self->series, series);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return self->series->len - 1;
}

void
keel_chart_set_intervals (KeelChart    *self,
                          guint         index,
                          const double *low,
                          const double *high,
                          guint         n_values)
{
  Series *series;

  g_return_if_fail (KEEL_IS_CHART (self));
  g_return_if_fail (index < self->series->len);

  series = g_ptr_array_index (self->series, index);
  g_clear_pointer (&series->low, g_array_unref);
  g_clear_pointer (&series->high, g_array_unref);
  series->low = g_array_sized_new (FALSE, FALSE, sizeof (double), n_values);
  series->high = g_array_sized_new (FALSE, FALSE, sizeof (double), n_values);
  g_array_append_vals (series->low, low, n_values);
  g_array_append_vals (series->high, high, n_values);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
keel_chart_set_threshold (KeelChart  *self,
                          double      value,
                          const char *label)
{
  g_return_if_fail (KEEL_IS_CHART (self));

  self->has_threshold = isfinite (value);
  self->threshold = value;
  g_free (self->threshold_label);
  self->threshold_label = g_strdup (label);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
keel_chart_set_marker (KeelChart  *self,
                       double      value,
                       guint       from_index,
                       const char *label)
{
  g_return_if_fail (KEEL_IS_CHART (self));

  self->has_marker = isfinite (value);
  self->marker = value;
  self->marker_from = from_index;
  g_free (self->marker_label);
  self->marker_label = g_strdup (label);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
keel_chart_set_axis_titles (KeelChart  *self,
                            const char *x_title,
                            const char *y_title)
{
  g_return_if_fail (KEEL_IS_CHART (self));

  g_free (self->x_title);
  self->x_title = g_strdup (x_title);
  g_free (self->y_title);
  self->y_title = g_strdup (y_title);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
keel_chart_set_description (KeelChart  *self,
                            const char *title,
                            const char *description)
{
  g_return_if_fail (KEEL_IS_CHART (self));

  g_free (self->title);
  self->title = g_strdup (title);
  g_free (self->description);
  self->description = g_strdup (description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), description);
}

const char *
keel_chart_get_description (KeelChart *self)
{
  g_return_val_if_fail (KEEL_IS_CHART (self), NULL);
  return self->description;
}

guint
keel_chart_get_n_series (KeelChart *self)
{
  g_return_val_if_fail (KEEL_IS_CHART (self), 0);
  return self->series->len;
}
