/* keel-quadrant-chart.c: Fowler's technical-debt quadrant as a 2×2 chart.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-quadrant-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "keel-quadrant-chart.h"

/* Space for the row labels on the left and the column labels on top. */
#define LABEL_WIDTH  84.0
#define LABEL_HEIGHT 22.0
#define GAP           4.0

struct _KeelQuadrantChart
{
  GtkWidget parent_instance;

  guint     counts[KEEL_N_QUADRANTS];
  int       selected;
};

G_DEFINE_FINAL_TYPE (KeelQuadrantChart, keel_quadrant_chart, GTK_TYPE_WIDGET)

enum {
  QUADRANT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Fowler's layout: reckless on the left, prudent on the right, deliberate above,
 * inadvertent below. */
static const KeelQuadrant grid[2][2] = {
  { KEEL_QUADRANT_RECKLESS_DELIBERATE, KEEL_QUADRANT_PRUDENT_DELIBERATE },
  { KEEL_QUADRANT_RECKLESS_INADVERTENT, KEEL_QUADRANT_PRUDENT_INADVERTENT },
};

/* ---- Helpers ---- */

static void
quadrant_rect (KeelQuadrantChart *self,
               int                row,
               int                column,
               graphene_rect_t   *rect)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double cell_width = MAX (0, (width - LABEL_WIDTH - GAP) / 2);
  double cell_height = MAX (0, (height - LABEL_HEIGHT - GAP) / 2);

  graphene_rect_init (rect,
                      LABEL_WIDTH + column * (cell_width + GAP),
                      LABEL_HEIGHT + row * (cell_height + GAP),
                      cell_width, cell_height);
}

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              const char *fallback,
              GdkRGBA    *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
quadrant_color (KeelQuadrantChart *self,
                KeelQuadrant       quadrant,
                GdkRGBA           *color)
{
  switch (quadrant)
    {
    case KEEL_QUADRANT_RECKLESS_DELIBERATE:
      lookup_color (GTK_WIDGET (self), "warning_color", "#9c6e03", color);
      break;
    case KEEL_QUADRANT_RECKLESS_INADVERTENT:
      lookup_color (GTK_WIDGET (self), "error_color", "#c01c28", color);
      break;
    case KEEL_QUADRANT_PRUDENT_DELIBERATE:
      lookup_color (GTK_WIDGET (self), "success_color", "#1b8553", color);
      break;
    case KEEL_QUADRANT_PRUDENT_INADVERTENT:
    case KEEL_N_QUADRANTS:
    default:
      lookup_color (GTK_WIDGET (self), "accent_color", "#1c71d8", color);
      break;
    }
}

static void
append_text (GtkWidget   *widget,
             GtkSnapshot *snapshot,
             const char  *text,
             double       x,
             double       y,
             double       width,
             double       scale,
             gboolean     bold,
             gboolean     center,
             const GdkRGBA *color)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();
  int text_width, text_height;

  pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, center ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y - text_height / 2.0));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);

  pango_attr_list_unref (attrs);
  g_object_unref (layout);
}

static void
update_accessible (KeelQuadrantChart *self)
{
  g_autofree char *label = NULL;

  /* Translators: the quadrant chart read aloud; the numbers are debt counts */
  label = g_strdup_printf (_("Debts by quadrant: reckless and deliberate %u, prudent and deliberate %u, "
                             "reckless and inadvertent %u, prudent and inadvertent %u"),
                           self->counts[KEEL_QUADRANT_RECKLESS_DELIBERATE],
                           self->counts[KEEL_QUADRANT_PRUDENT_DELIBERATE],
                           self->counts[KEEL_QUADRANT_RECKLESS_INADVERTENT],
                           self->counts[KEEL_QUADRANT_PRUDENT_INADVERTENT]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), _("Click a quadrant to show only its debts"));
}

/* ---- Callbacks ---- */

static void
click_released_cb (GtkGestureClick   *gesture,
                   int                n_press,
                   double             x,
                   double             y,
                   KeelQuadrantChart *self)
{
  for (int row = 0; row < 2; row++)
    for (int column = 0; column < 2; column++)
      {
        graphene_rect_t rect;

        quadrant_rect (self, row, column, &rect);
        if (graphene_rect_contains_point (&rect, &GRAPHENE_POINT_INIT (x, y)))
          {
            g_signal_emit (self, signals[QUADRANT_ACTIVATED], 0, (int) grid[row][column]);
            return;
          }
      }
}

/* ---- Overrides ---- */

static void
keel_quadrant_chart_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 220;
      *natural = 280;
    }
  else
    {
      *minimum = 124;
      *natural = 140;
    }
}

static void
keel_quadrant_chart_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  KeelQuadrantChart *self = KEEL_QUADRANT_CHART (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  const char *column_labels[2] = { _("Reckless"), _("Prudent") };
  const char *row_labels[2] = { _("Deliberate"), _("Inadvertent") };
  GdkRGBA foreground, dim;
  guint max = 0;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, &foreground);
  G_GNUC_END_IGNORE_DEPRECATIONS
  dim = foreground;
  dim.alpha *= 0.6;

  for (guint q = 0; q < KEEL_N_QUADRANTS; q++)
    max = MAX (max, self->counts[q]);

  for (int column = 0; column < 2; column++)
    {
      graphene_rect_t rect;

      quadrant_rect (self, 0, column, &rect);
      append_text (widget, snapshot, column_labels[column], rect.origin.x, LABEL_HEIGHT / 2,
                   rect.size.width, 0.85, FALSE, TRUE, &dim);
    }
  for (int row = 0; row < 2; row++)
    {
      graphene_rect_t rect;

      quadrant_rect (self, row, 0, &rect);
      append_text (widget, snapshot, row_labels[row], 0, rect.origin.y + rect.size.height / 2,
                   LABEL_WIDTH - 8, 0.85, FALSE, FALSE, &dim);
    }

  for (int row = 0; row < 2; row++)
    for (int column = 0; column < 2; column++)
      {
        KeelQuadrant quadrant = grid[row][column];
        guint count = self->counts[quadrant];
        graphene_rect_t rect;
        GskRoundedRect rounded;
        GdkRGBA color, fill;
        g_autofree char *number = g_strdup_printf ("%u", count);

        quadrant_rect (self, row, column, &rect);
        quadrant_color (self, quadrant, &color);

        /* The more debts a quadrant holds, the stronger its colour. */
        fill = color;
        fill.alpha = 0.10 + (max > 0 ? 0.45 * count / (double) max : 0);
        gsk_rounded_rect_init_from_rect (&rounded, &rect, 8);
        gtk_snapshot_push_rounded_clip (snapshot, &rounded);
        gtk_snapshot_append_color (snapshot, &fill, &rect);
        gtk_snapshot_pop (snapshot);

        if (self->selected == (int) quadrant)
          {
            float widths[4] = { 2, 2, 2, 2 };
            GdkRGBA colors[4] = { color, color, color, color };

            gtk_snapshot_append_border (snapshot, &rounded, widths, colors);
          }

        append_text (widget, snapshot, number, rect.origin.x, rect.origin.y + rect.size.height / 2,
                     rect.size.width, 1.6, TRUE, TRUE, &foreground);
      }
}

static void
keel_quadrant_chart_class_init (KeelQuadrantChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = keel_quadrant_chart_measure;
  widget_class->snapshot = keel_quadrant_chart_snapshot;

  signals[QUADRANT_ACTIVATED] =
    g_signal_new ("quadrant-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "quadrantchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
keel_quadrant_chart_init (KeelQuadrantChart *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->selected = -1;
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_add_css_class (GTK_WIDGET (self), "quadrant-chart");
  update_accessible (self);
}

/* ---- Public API ---- */

GtkWidget *
keel_quadrant_chart_new (void)
{
  return g_object_new (KEEL_TYPE_QUADRANT_CHART, NULL);
}

void
keel_quadrant_chart_set_counts (KeelQuadrantChart *self,
                                const guint       *counts)
{
  gboolean changed = FALSE;

  g_return_if_fail (KEEL_IS_QUADRANT_CHART (self));
  g_return_if_fail (counts != NULL);

  for (guint q = 0; q < KEEL_N_QUADRANTS; q++)
    if (self->counts[q] != counts[q])
      {
        self->counts[q] = counts[q];
        changed = TRUE;
      }

  if (!changed)
    return;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
keel_quadrant_chart_get_count (KeelQuadrantChart *self,
                               KeelQuadrant       quadrant)
{
  g_return_val_if_fail (KEEL_IS_QUADRANT_CHART (self), 0);
  g_return_val_if_fail ((guint) quadrant < KEEL_N_QUADRANTS, 0);
  return self->counts[quadrant];
}

void
keel_quadrant_chart_set_selected (KeelQuadrantChart *self,
                                  int                quadrant)
{
  g_return_if_fail (KEEL_IS_QUADRANT_CHART (self));

  if (quadrant < 0 || quadrant >= KEEL_N_QUADRANTS)
    quadrant = -1;
  if (self->selected == quadrant)
    return;
  self->selected = quadrant;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
