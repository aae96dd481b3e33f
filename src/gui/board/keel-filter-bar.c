/* keel-filter-bar.c: a search entry, then an AdwSqueezer of filters, side by side.
 *
 * In a GtkBox the two would share the room between their minimum and natural widths
 * evenly, so in a narrow window the squeezer takes half of it for its wide child's
 * natural width, shows the compact "Filter" button at the far end, and leaves a gap
 * that the search entry could use. This bar picks the squeezer's child itself — the
 * first that fits beside the entry's minimum width — gives the squeezer no more than
 * that child's natural width, and the entry the rest. (libadwaita 1.4 breakpoints do
 * this declaratively; Keel's floor is 1.2.)
 *
 * Its children come from the view's template: the first is the entry, the second the
 * squeezer, which must choose by minimum width too (switch-threshold-policy
 * "minimum"), or it would show its compact child where this bar gave it room for the
 * wide one.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-filter-bar"

#include "config.h"

#include "keel-filter-bar.h"

#define SPACING 6

struct _KeelFilterBar
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (KeelFilterBar, keel_filter_bar, GTK_TYPE_WIDGET)

static void
get_children (KeelFilterBar  *self,
              GtkWidget     **start,
              AdwSqueezer   **end)
{
  GtkWidget *first = gtk_widget_get_first_child (GTK_WIDGET (self));
  GtkWidget *second = first != NULL ? gtk_widget_get_next_sibling (first) : NULL;

  *start = first;
  *end = ADW_IS_SQUEEZER (second) ? ADW_SQUEEZER (second) : NULL;
}

static void
keel_filter_bar_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  KeelFilterBar *self = KEEL_FILTER_BAR (widget);
  GtkWidget *start;
  AdwSqueezer *end;
  int start_min = 0, start_nat = 0, end_min = 0, end_nat = 0;

  get_children (self, &start, &end);
  if (start != NULL && gtk_widget_get_visible (start))
    gtk_widget_measure (start, orientation, -1, &start_min, &start_nat, NULL, NULL);
  if (end != NULL && gtk_widget_get_visible (GTK_WIDGET (end)))
    gtk_widget_measure (GTK_WIDGET (end), orientation, -1, &end_min, &end_nat, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = start_min + SPACING + end_min;
      *natural = start_nat + SPACING + end_nat;
    }
  else
    {
      *minimum = MAX (start_min, end_min);
      *natural = MAX (start_nat, end_nat);
    }
  *minimum_baseline = *natural_baseline = -1;
}

static void
keel_filter_bar_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  KeelFilterBar *self = KEEL_FILTER_BAR (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  GtkWidget *start;
  AdwSqueezer *end;
  int start_min = 0, start_nat = 0;
  int end_width = 0;

  get_children (self, &start, &end);
  if (start != NULL)
    gtk_widget_measure (start, GTK_ORIENTATION_HORIZONTAL, -1, &start_min, &start_nat, NULL, NULL);

  if (end != NULL && gtk_widget_get_visible (GTK_WIDGET (end)))
    {
      g_autoptr(GListModel) pages = G_LIST_MODEL (adw_squeezer_get_pages (end));
      int room = MAX (0, width - start_min - SPACING);
      int chosen_min = -1, chosen_nat = 0;

      /* The first enabled child that fits beside the entry, else the last one. */
      for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
        {
          g_autoptr(AdwSqueezerPage) page = g_list_model_get_item (pages, i);
          GtkWidget *child = adw_squeezer_page_get_child (page);
          int child_min, child_nat;

          if (!adw_squeezer_page_get_enabled (page) || !gtk_widget_get_visible (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1,
                              &child_min, &child_nat, NULL, NULL);
          chosen_min = child_min;
          chosen_nat = child_nat;
          if (child_min <= room)
            break;
        }
      if (chosen_min >= 0)
        end_width = MAX (chosen_min, MIN (chosen_nat, room));
    }

  if (start != NULL)
    {
      int start_width = MAX (start_min, width - end_width - (end_width > 0 ? SPACING : 0));

      gtk_widget_size_allocate (start,
                                &(GtkAllocation) { rtl ? width - start_width : 0, 0,
                                                   start_width, height },
                                baseline);
    }
  if (end != NULL)
    gtk_widget_size_allocate (GTK_WIDGET (end),
                              &(GtkAllocation) { rtl ? 0 : width - end_width, 0,
                                                 end_width, height },
                              baseline);
}

static void
keel_filter_bar_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (keel_filter_bar_parent_class)->dispose (object);
}

static void
keel_filter_bar_class_init (KeelFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = keel_filter_bar_dispose;
  widget_class->measure = keel_filter_bar_measure;
  widget_class->size_allocate = keel_filter_bar_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "box");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
keel_filter_bar_init (KeelFilterBar *self)
{
}
