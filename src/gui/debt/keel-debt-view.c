/* keel-debt-view.c: the debt register.
 *
 * The table is a GtkColumnView over the project's own list of debts, filtered by a
 * GtkCustomFilter and sorted by a GtkSortListModel: a 5,000-row register is re-sorted
 * in a few milliseconds, and only the visible rows have widgets. Debts are edited in
 * place (the same objects change), which neither model can see, so an edit of the
 * debts re-runs the filter and the sort explicitly, and each bound cell follows its
 * debt's "changed" signal.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-debt-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "keel-debt-resources.h"
#include "keel-debt-view-private.h"
#include "keel-format.h"

struct _KeelDebtView
{
  AdwBin              parent_instance;

  /* Template children */
  GtkSearchEntry     *search_entry;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *quadrant_dropdown;
  GtkLabel           *count_label;
  AdwSqueezer        *filter_squeezer;
  GtkLabel           *principal_label;
  GtkLabel           *interest_label;
  GtkLabel           *bottleneck_label;
  KeelQuadrantChart  *chart;
  GtkStack           *table_stack;
  GtkColumnView      *column_view;
  GtkRevealer        *detail_revealer;
  GtkLabel           *detail_title;
  GtkLabel           *payers_heading;
  GtkListBox         *payers_list;

  GtkColumnViewColumn *columns[KEEL_N_DEBT_COLUMNS];
  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkCustomSorter    *fallback_sorter;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;

  KeelProject        *project;
  gulong              project_changed_handler;
  KeelFindingIndex   *findings;

  char               *needle;
  int                 status_filter;
  int                 quadrant_filter;
  gboolean            setting_filter;

  char               *selected_id;
  gboolean            restoring_selection;
  guint               n_payers;
  char               *today;
};

G_DEFINE_FINAL_TYPE (KeelDebtView, keel_debt_view, ADW_TYPE_BIN)

typedef struct
{
  const char *title;
  gboolean    expand;
  gboolean    numeric;
  gboolean    check;
  int         width;   /* fixed: the column view would otherwise squeeze columns to fit */
} ColumnInfo;

static const ColumnInfo column_info[KEEL_N_DEBT_COLUMNS] = {
  [KEEL_DEBT_COLUMN_TITLE] = { N_("Title"), TRUE, FALSE, FALSE, 260 },
  [KEEL_DEBT_COLUMN_COMPONENT] = { N_("Component"), FALSE, FALSE, FALSE, 120 },
  [KEEL_DEBT_COLUMN_QUADRANT] = { N_("Quadrant"), FALSE, FALSE, FALSE, 170 },
  [KEEL_DEBT_COLUMN_PRINCIPAL] = { N_("Principal (d)"), FALSE, TRUE, FALSE, 110 },
  [KEEL_DEBT_COLUMN_INTEREST] = { N_("Interest (h/wk)"), FALSE, TRUE, FALSE, 110 },
  [KEEL_DEBT_COLUMN_BOTTLENECK] = { N_("Bottleneck"), FALSE, FALSE, TRUE, 100 },
  [KEEL_DEBT_COLUMN_HARD_CEILING] = { N_("Hard Ceiling"), FALSE, FALSE, TRUE, 100 },
  [KEEL_DEBT_COLUMN_STATUS] = { N_("Status"), FALSE, FALSE, FALSE, 100 },
  [KEEL_DEBT_COLUMN_AGE] = { N_("Age (days)"), FALSE, TRUE, FALSE, 90 },
};

/* ---- Helpers ---- */

static gint64
debt_age (KeelDebtView *self,
          KeelDebt     *debt)
{
  if (debt->recorded == NULL || !keel_date_is_valid (debt->recorded))
    return 0;
  return MAX (0, keel_date_diff_days (debt->recorded, self->today));
}

static gboolean
debt_is_outstanding (KeelDebt *debt)
{
  return debt->status == KEEL_DEBT_STATUS_OPEN || debt->status == KEEL_DEBT_STATUS_SCHEDULED;
}

static gboolean
matches_text_and_status (KeelDebtView *self,
                         KeelDebt     *debt)
{
  if (self->status_filter >= 0 && (int) debt->status != self->status_filter)
    return FALSE;
  if (self->needle != NULL && self->needle[0] != '\0')
    return keel_view_matches (debt->title, self->needle) ||
           keel_view_matches (debt->component, self->needle) ||
           keel_view_matches (debt->owner, self->needle) ||
           keel_view_matches (debt->id, self->needle);
  return TRUE;
}

static gboolean
filter_func (gpointer object,
             gpointer user_data)
{
  KeelDebtView *self = user_data;
  KeelDebt *debt = object;

  if (self->quadrant_filter >= 0 && (int) debt->quadrant != self->quadrant_filter)
    return FALSE;
  return matches_text_and_status (self, debt);
}

static int
compare_numbers (double a,
                 double b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

static int
compare_column (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  KeelDebt *x = (KeelDebt *) a;
  KeelDebt *y = (KeelDebt *) b;
  KeelDebtColumn column = GPOINTER_TO_INT (user_data);

  switch (column)
    {
    case KEEL_DEBT_COLUMN_TITLE:
      return g_utf8_collate (x->title, y->title);
    case KEEL_DEBT_COLUMN_COMPONENT:
      return g_utf8_collate (x->component, y->component);
    case KEEL_DEBT_COLUMN_QUADRANT:
      return (int) x->quadrant - (int) y->quadrant;
    case KEEL_DEBT_COLUMN_PRINCIPAL:
      return compare_numbers (x->principal_days, y->principal_days);
    case KEEL_DEBT_COLUMN_INTEREST:
      return compare_numbers (x->interest_hours_per_week, y->interest_hours_per_week);
    case KEEL_DEBT_COLUMN_BOTTLENECK:
      return (int) !!x->bottleneck - (int) !!y->bottleneck;
    case KEEL_DEBT_COLUMN_HARD_CEILING:
      return (int) !!x->hard_ceiling - (int) !!y->hard_ceiling;
    case KEEL_DEBT_COLUMN_STATUS:
      return (int) x->status - (int) y->status;
    case KEEL_DEBT_COLUMN_AGE:
      /* The older the debt, the earlier it was recorded. */
      return -g_strcmp0 (x->recorded, y->recorded);
    case KEEL_N_DEBT_COLUMNS:
    default:
      return 0;
    }
}

static int
compare_id (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  return strcmp (((KeelDebt *) a)->id, ((KeelDebt *) b)->id);
}

static KeelDebt *
selected_debt (KeelDebtView *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static GtkWidget *
column_view_list (KeelDebtView *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

static void
update_actions (KeelDebtView *self)
{
  gboolean has_project = self->project != NULL;
  gboolean has_selection = selected_debt (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "debt.add", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "debt.edit", has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "debt.delete", has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "debt.plan-fix", has_selection);
}

static void
update_detail (KeelDebtView *self)
{
  KeelDebt *debt = selected_debt (self);
  GtkWidget *child;
  guint more = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->payers_list))) != NULL)
    gtk_list_box_remove (self->payers_list, child);
  self->n_payers = 0;

  gtk_revealer_set_reveal_child (self->detail_revealer, debt != NULL);
  update_actions (self);
  if (debt == NULL || self->project == NULL)
    return;

  gtk_label_set_label (self->detail_title, debt->title);

  {
    GListModel *items = keel_project_get_items (self->project);
    guint n = g_list_model_get_n_items (items);
    g_autofree char *heading = NULL;

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(KeelItem) item = g_list_model_get_item (items, i);
        g_autofree char *subtitle = NULL;
        gboolean pays = FALSE;
        GtkWidget *row;

        for (guint j = 0; j < item->debts->len && !pays; j++)
          pays = strcmp (g_ptr_array_index (item->debts, j), debt->id) == 0;
        if (!pays)
          continue;

        self->n_payers++;
        if (self->n_payers > 50)
          {
            more++;
            continue;
          }

        row = adw_action_row_new ();
        subtitle = keel_view_entity_subtitle (G_OBJECT (item));
        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->title);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   gtk_image_new_from_icon_name ("document-edit-symbolic"));
        g_object_set_data_full (G_OBJECT (row), "keel-item-id", g_strdup (item->id), g_free);
        gtk_list_box_append (self->payers_list, row);
      }

    if (self->n_payers == 0)
      heading = g_strdup (_("No item on the board pays it down yet"));
    else
      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Paid down by %u item",
                                              "Paid down by %u items",
                                              self->n_payers),
                                 self->n_payers);
    gtk_label_set_label (self->payers_heading, heading);
    gtk_widget_set_visible (gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (self->payers_list))),
                            self->n_payers > 0);
  }

  if (more > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %u more item",
                                                            "And %u more items", more), more);
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_append (self->payers_list, label);
    }
}

static void
update_summary (KeelDebtView *self)
{
  double principal = 0, interest = 0, bottleneck = 0;
  guint counts[KEEL_N_QUADRANTS] = { 0, };
  guint total = 0, shown;
  g_autofree char *principal_text = NULL;
  g_autofree char *interest_text = NULL;
  g_autofree char *bottleneck_text = NULL;
  g_autofree char *count_text = NULL;

  if (self->project != NULL)
    {
      GListModel *debts = keel_project_get_debts (self->project);

      total = g_list_model_get_n_items (debts);
      for (guint i = 0; i < total; i++)
        {
          g_autoptr(KeelDebt) debt = g_list_model_get_item (debts, i);

          /* The chart counts what the text and status filters let through, so a
           * click on a quadrant narrows the table without emptying the chart. */
          if ((guint) debt->quadrant < KEEL_N_QUADRANTS && matches_text_and_status (self, debt))
            counts[debt->quadrant]++;
        }
    }

  keel_debt_view_get_totals (self, &principal, &interest, &bottleneck);
  {
    g_autofree char *p = keel_format_number (principal);
    g_autofree char *i = keel_format_number (interest);
    g_autofree char *b = keel_format_number (bottleneck);

    /* Translators: a number of days, "8 d" */
    principal_text = g_strdup_printf (_("%s d"), p);
    /* Translators: hours per week, "6 h/wk" */
    interest_text = g_strdup_printf (_("%s h/wk"), i);
    bottleneck_text = g_strdup_printf (_("%s h/wk"), b);
  }
  gtk_label_set_label (self->principal_label, principal_text);
  gtk_label_set_label (self->interest_label, interest_text);
  gtk_label_set_label (self->bottleneck_label, bottleneck_text);
  if (bottleneck > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->bottleneck_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->bottleneck_label), "warning");

  keel_quadrant_chart_set_counts (self->chart, counts);
  keel_quadrant_chart_set_selected (self->chart, self->quadrant_filter);

  shown = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  if (shown == total)
    count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u debt", "%u debts", total), total);
  else
    count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u debt", "%u of %u debts", total),
                                  shown, total);
  gtk_label_set_label (self->count_label, count_text);
  gtk_stack_set_visible_child_name (self->table_stack, total > 0 ? "table" : "empty");
}

/* Keeps the chosen debt chosen while the rows are filtered and re-sorted. */
static void
restore_selection (KeelDebtView *self)
{
  guint position = GTK_INVALID_LIST_POSITION;
  KeelDebt *debt = selected_debt (self);

  if (self->selected_id != NULL && (debt == NULL || strcmp (debt->id, self->selected_id) != 0))
    position = keel_view_find_row (G_LIST_MODEL (self->sort_model), self->selected_id);
  else if (debt != NULL)
    return;

  self->restoring_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->restoring_selection = FALSE;
  if (position == GTK_INVALID_LIST_POSITION)
    g_clear_pointer (&self->selected_id, g_free);
  update_detail (self);
}

static void
refilter (KeelDebtView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  restore_selection (self);
  update_summary (self);
}

/* ---- Cells ---- */

static void
fill_cell (KeelDebtView   *self,
           GtkListItem    *list_item,
           KeelDebtColumn  column)
{
  KeelDebt *debt = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;

  if (debt == NULL)
    return;

  if (column_info[column].check)
    {
      gboolean value = column == KEEL_DEBT_COLUMN_BOTTLENECK ? debt->bottleneck : debt->hard_ceiling;

      gtk_widget_set_opacity (child, value ? 1.0 : 0.0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, value ? _("Yes") : _("No"),
                                      -1);
      return;
    }

  if (column == KEEL_DEBT_COLUMN_TITLE)
    {
      GtkWidget *icon = gtk_widget_get_first_child (child);
      GtkWidget *label = gtk_widget_get_next_sibling (icon);
      KeelSeverity severity;
      gboolean marked = keel_finding_index_get_worst (self->findings, debt->id, &severity);

      gtk_label_set_label (GTK_LABEL (label), debt->title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, debt->title,
                                      -1);
      gtk_widget_set_visible (icon, marked);
      if (marked)
        {
          g_autofree char *tip = keel_finding_index_describe (self->findings, debt->id);

          gtk_image_set_from_icon_name (GTK_IMAGE (icon), keel_format_severity_icon (severity));
          gtk_widget_remove_css_class (icon, "error");
          gtk_widget_remove_css_class (icon, "warning");
          gtk_widget_remove_css_class (icon, "accent");
          gtk_widget_add_css_class (icon, keel_format_severity_css_class (severity));
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, tip,
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tip,
                                          -1);
        }
      return;
    }

  switch (column)
    {
    case KEEL_DEBT_COLUMN_COMPONENT:
      text = g_strdup (debt->component);
      break;
    case KEEL_DEBT_COLUMN_QUADRANT:
      text = g_strdup (keel_quadrant_to_label (debt->quadrant));
      break;
    case KEEL_DEBT_COLUMN_PRINCIPAL:
      text = keel_format_number (debt->principal_days);
      break;
    case KEEL_DEBT_COLUMN_INTEREST:
      text = keel_format_number (debt->interest_hours_per_week);
      break;
    case KEEL_DEBT_COLUMN_STATUS:
      {
        const char *old_class = g_object_get_data (G_OBJECT (child), "keel-status-class");
        const char *new_class = keel_view_debt_status_css_class (debt->status);

        if (old_class != NULL)
          gtk_widget_remove_css_class (child, old_class);
        gtk_widget_add_css_class (child, new_class);
        g_object_set_data (G_OBJECT (child), "keel-status-class", (gpointer) new_class);
        text = g_strdup (keel_debt_status_to_label (debt->status));
      }
      break;
    case KEEL_DEBT_COLUMN_AGE:
      text = g_strdup_printf ("%" G_GINT64_FORMAT, debt_age (self, debt));
      break;
    case KEEL_DEBT_COLUMN_TITLE:
    case KEEL_DEBT_COLUMN_BOTTLENECK:
    case KEEL_DEBT_COLUMN_HARD_CEILING:
    case KEEL_N_DEBT_COLUMNS:
    default:
      text = g_strdup ("");
      break;
    }
  gtk_label_set_label (GTK_LABEL (child), text);
  if (column != KEEL_DEBT_COLUMN_COMPONENT)
    return;
  if (text[0] != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* The tooltips are written when one is about to show, never when a cell is bound:
 * gtk_widget_set_tooltip_text() asks the display where the pointer is (a round trip to
 * the X server), and a sort rebinds every row on screen. fill_cell() gives the cells
 * the accessible description a tooltip would have given them. */
static gboolean
cell_query_tooltip_cb (GtkWidget   *widget,
                       int          x,
                       int          y,
                       gboolean     keyboard_mode,
                       GtkTooltip  *tooltip,
                       GtkListItem *list_item)
{
  KeelDebtView *self = g_object_get_data (G_OBJECT (list_item), "keel-view");
  KeelDebtColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (list_item), "keel-column"));
  KeelDebt *debt = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;

  if (self == NULL || debt == NULL)
    return FALSE;

  if (GTK_IS_IMAGE (widget))
    text = keel_finding_index_describe (self->findings, debt->id);
  else if (column == KEEL_DEBT_COLUMN_TITLE)
    text = g_strdup (debt->title);
  else
    text = g_strdup (debt->component);

  if (text == NULL || text[0] == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
add_cell_tooltip (GtkWidget   *widget,
                  GtkListItem *list_item)
{
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb), list_item);
}

static void
cell_refresh_cb (GtkListItem *list_item)
{
  KeelDebtView *self = g_object_get_data (G_OBJECT (list_item), "keel-view");
  KeelDebtColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (list_item), "keel-column"));

  if (self != NULL)
    fill_cell (self, list_item, column);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  KeelDebtColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "keel-column"));
  GtkWidget *child;

  if (column_info[column].check)
    {
      child = gtk_image_new_from_icon_name ("object-select-symbolic");
      gtk_widget_set_halign (child, GTK_ALIGN_CENTER);
    }
  else if (column == KEEL_DEBT_COLUMN_TITLE)
    {
      GtkWidget *icon = gtk_image_new ();
      GtkWidget *label = gtk_label_new (NULL);

      child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_set_visible (icon, FALSE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (child), icon);
      gtk_box_append (GTK_BOX (child), label);
      add_cell_tooltip (icon, list_item);
      add_cell_tooltip (label, list_item);
    }
  else
    {
      child = gtk_label_new (NULL);
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
      if (column_info[column].numeric)
        {
          gtk_label_set_xalign (GTK_LABEL (child), 1);
          gtk_widget_add_css_class (child, "numeric");
        }
      else
        gtk_label_set_xalign (GTK_LABEL (child), 0);
      if (column == KEEL_DEBT_COLUMN_COMPONENT)
        add_cell_tooltip (child, list_item);
    }

  gtk_list_item_set_child (list_item, child);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              KeelDebtView             *self)
{
  KeelDebtColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "keel-column"));
  KeelDebt *debt = gtk_list_item_get_item (list_item);
  gulong handler;

  g_object_set_data (G_OBJECT (list_item), "keel-view", self);
  g_object_set_data (G_OBJECT (list_item), "keel-column", GINT_TO_POINTER (column));
  fill_cell (self, list_item, column);

  handler = g_signal_connect_object (debt, "changed", G_CALLBACK (cell_refresh_cb),
                                     list_item, G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (list_item), "keel-debt-handler", GSIZE_TO_POINTER (handler));
  if (column == KEEL_DEBT_COLUMN_TITLE)
    {
      handler = g_signal_connect_object (self->findings, "changed", G_CALLBACK (cell_refresh_cb),
                                         list_item, G_CONNECT_SWAPPED);
      g_object_set_data (G_OBJECT (list_item), "keel-findings-handler", GSIZE_TO_POINTER (handler));
    }
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                KeelDebtView             *self)
{
  KeelDebt *debt = gtk_list_item_get_item (list_item);
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list_item), "keel-debt-handler"));

  if (handler != 0 && debt != NULL)
    g_signal_handler_disconnect (debt, handler);
  g_object_set_data (G_OBJECT (list_item), "keel-debt-handler", NULL);

  handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list_item), "keel-findings-handler"));
  if (handler != 0)
    g_signal_handler_disconnect (self->findings, handler);
  g_object_set_data (G_OBJECT (list_item), "keel-findings-handler", NULL);
}

static void
build_columns (KeelDebtView *self)
{
  for (int c = 0; c < KEEL_N_DEBT_COLUMNS; c++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkSorter) sorter = NULL;
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "keel-column", GINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), self);

      column = gtk_column_view_column_new (_(column_info[c].title), g_object_ref (factory));
      sorter = GTK_SORTER (gtk_custom_sorter_new (compare_column, GINT_TO_POINTER (c), NULL));
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_expand (column, column_info[c].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, column_info[c].width);
      gtk_column_view_append_column (self->column_view, column);
      self->columns[c] = column;
      g_object_unref (column);
    }
}

/* ---- Callbacks ---- */

static void
selection_changed_cb (KeelDebtView *self)
{
  KeelDebt *debt;

  if (self->restoring_selection)
    return;

  debt = selected_debt (self);
  g_free (self->selected_id);
  self->selected_id = debt != NULL ? g_strdup (debt->id) : NULL;
  update_detail (self);
}

static void
project_changed_cb (KeelProject     *project,
                    KeelChangeFlags  flags,
                    KeelDebtView    *self)
{
  if (flags & KEEL_CHANGE_DEBTS)
    {
      g_free (self->today);
      self->today = keel_date_today ();
      /* The debts changed in place: neither model can tell, so filter and sort again. */
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
      gtk_sorter_changed (GTK_SORTER (self->fallback_sorter), GTK_SORTER_CHANGE_DIFFERENT);
      restore_selection (self);
      update_summary (self);
    }
  if (flags & (KEEL_CHANGE_ITEMS | KEEL_CHANGE_DEBTS))
    update_detail (self);
}

static void
filter_changed_cb (KeelDebtView *self)
{
  if (self->setting_filter)
    return;

  g_free (self->needle);
  self->needle = keel_view_fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  self->status_filter = keel_view_dropdown_filter (self->status_dropdown);
  self->quadrant_filter = keel_view_dropdown_filter (self->quadrant_dropdown);
  refilter (self);
}

static void
stop_search_cb (KeelDebtView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
quadrant_activated_cb (KeelDebtView *self,
                       int           quadrant)
{
  /* A second click on the chosen quadrant shows every quadrant again. */
  gtk_drop_down_set_selected (self->quadrant_dropdown,
                              quadrant == self->quadrant_filter ? 0 : (guint) quadrant + 1);
}

static void
row_activate_cb (KeelDebtView *self,
                 guint         position)
{
  g_autoptr(KeelDebt) debt = g_list_model_get_item (G_LIST_MODEL (self->sort_model), position);

  if (debt != NULL && self->project != NULL)
    keel_debt_editor_open (self->project, debt->id, self->findings, GTK_WIDGET (self));
}

static void
payer_activated_cb (KeelDebtView  *self,
                    GtkListBoxRow *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "keel-item-id");

  if (id != NULL && self->project != NULL)
    keel_item_editor_open (self->project, id, self->findings, GTK_WIDGET (self));
}

static void
new_debt_editor_hide_cb (KeelDebtEditor *editor,
                         KeelDebtView   *self)
{
  const char *id = keel_debt_editor_get_debt_id (editor);

  if (self->project != NULL && keel_project_lookup_debt (self->project, id) != NULL)
    keel_debt_view_reveal (self, id);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KeelDebtView *self = KEEL_DEBT_VIEW (widget);
  KeelDebtEditor *editor;

  if (self->project == NULL)
    return;
  editor = keel_debt_editor_open (self->project, NULL, self->findings, widget);
  g_signal_connect_object (editor, "hide", G_CALLBACK (new_debt_editor_hide_cb), self, 0);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KeelDebtView *self = KEEL_DEBT_VIEW (widget);
  KeelDebt *debt = selected_debt (self);

  if (debt != NULL && self->project != NULL)
    keel_debt_editor_open (self->project, debt->id, self->findings, widget);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KeelDebtView *self = KEEL_DEBT_VIEW (widget);
  KeelDebt *debt = selected_debt (self);
  g_autofree char *id = NULL;

  if (debt == NULL)
    return;
  id = g_strdup (debt->id);
  keel_debt_view_delete_debt (self, id);
}

static void
plan_fix_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KeelDebtView *self = KEEL_DEBT_VIEW (widget);
  KeelDebt *debt = selected_debt (self);
  g_autofree char *id = NULL;

  if (debt == NULL)
    return;
  id = g_strdup (debt->id);
  keel_debt_view_plan_fix (self, id, TRUE);
}

/* ---- Overrides ---- */

static void
keel_debt_view_dispose (GObject *object)
{
  KeelDebtView *self = KEEL_DEBT_VIEW (object);

  keel_debt_view_set_project (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEEL_TYPE_DEBT_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->fallback_sorter);

  G_OBJECT_CLASS (keel_debt_view_parent_class)->dispose (object);
}

static void
keel_debt_view_finalize (GObject *object)
{
  KeelDebtView *self = KEEL_DEBT_VIEW (object);

  g_clear_object (&self->findings);
  g_free (self->needle);
  g_free (self->selected_id);
  g_free (self->today);

  G_OBJECT_CLASS (keel_debt_view_parent_class)->finalize (object);
}

static void
keel_debt_view_class_init (KeelDebtViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = keel_debt_view_dispose;
  object_class->finalize = keel_debt_view_finalize;

  g_type_ensure (KEEL_TYPE_QUADRANT_CHART);
  keel_debt_view_resources_init ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/keelplanner/Keel/debt/keel-debt-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KeelDebtView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtView, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtView, quadrant_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtView, count_label);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtView, filter_squeezer);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtView, principal_label);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtView, interest_label);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtView, bottleneck_label);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtView, chart);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtView, table_stack);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtView, column_view);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtView, detail_revealer);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtView, detail_title);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtView, payers_heading);
  gtk_widget_class_bind_template_child (widget_class, KeelDebtView, payers_list);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, quadrant_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, payer_activated_cb);

  gtk_widget_class_install_action (widget_class, "debt.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "debt.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "debt.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "debt.plan-fix", NULL, plan_fix_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "debt.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "debt.edit", NULL);

  gtk_widget_class_set_css_name (widget_class, "debtview");
}

static void
ensure_model (KeelDebtView *self)
{
  if (gtk_column_view_get_model (self->column_view) == NULL)
    gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
}

static void
keel_debt_view_init (KeelDebtView *self)
{
  g_autoptr(GListModel) statuses = keel_view_debt_status_model (_("All Statuses"));
  g_autoptr(GListModel) quadrants = keel_view_quadrant_model (_("All Quadrants"));
  GtkMultiSorter *sorter;

  self->status_filter = -1;
  self->quadrant_filter = -1;
  self->findings = keel_finding_index_new ();
  self->today = keel_date_today ();

  self->setting_filter = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  keel_view_common_init (GTK_WIDGET (self));
  gtk_drop_down_set_model (self->status_dropdown, statuses);
  gtk_drop_down_set_model (self->quadrant_dropdown, quadrants);
  self->setting_filter = FALSE;
  {
    GtkDropDown *dropdowns[] = { self->status_dropdown, self->quadrant_dropdown };
    GtkWidget *add = keel_view_new_add_button ("debt.add", _("Record a New Debt"));

    keel_view_add_compact_filters (self->filter_squeezer, dropdowns, G_N_ELEMENTS (dropdowns), add);
  }

  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  build_columns (self);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  self->fallback_sorter = gtk_custom_sorter_new (compare_id, NULL, NULL);
  sorter = gtk_multi_sorter_new ();
  gtk_multi_sorter_append (sorter, g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  gtk_multi_sorter_append (sorter, g_object_ref (GTK_SORTER (self->fallback_sorter)));
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              GTK_SORTER (sorter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->sort_model, "items-changed",
                            G_CALLBACK (update_summary), self);
  /* The table gets its model when first shown (ensure_model): an unshown column view
   * would still build and measure rows for a large project. */
  g_signal_connect (self, "map", G_CALLBACK (ensure_model), NULL);

  keel_view_add_find_shortcut (GTK_WIDGET (self), GTK_WIDGET (self->search_entry));

  update_summary (self);
  update_detail (self);
}

/* ---- Public API ---- */

void
keel_debt_view_resources_init (void)
{
  static gsize registered = 0;

  keel_view_common_init (NULL);
  if (g_once_init_enter (&registered))
    {
      keel_debt_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

/**
 * keel_debt_view_new:
 *
 * Returns: (transfer floating): a new, empty debt register
 */
KeelDebtView *
keel_debt_view_new (void)
{
  return g_object_new (KEEL_TYPE_DEBT_VIEW, NULL);
}

/**
 * keel_debt_view_set_project:
 * @self: a #KeelDebtView
 * @project: (nullable): the project to show
 */
void
keel_debt_view_set_project (KeelDebtView *self,
                            KeelProject  *project)
{
  g_return_if_fail (KEEL_IS_DEBT_VIEW (self));
  g_return_if_fail (project == NULL || KEEL_IS_PROJECT (project));

  if (!keel_view_follow_project (&self->project, &self->project_changed_handler, project,
                                 G_CALLBACK (project_changed_cb), self))
    return;

  g_clear_pointer (&self->selected_id, g_free);

  if (self->filter_model != NULL)
    gtk_filter_list_model_set_model (self->filter_model,
                                     project != NULL ? keel_project_get_debts (project) : NULL);
  if (self->selection != NULL)
    {
      update_summary (self);
      update_detail (self);
    }
}

/**
 * keel_debt_view_set_findings:
 * @self: a #KeelDebtView
 * @findings: (nullable) (element-type KeelFinding): the current findings
 */
void
keel_debt_view_set_findings (KeelDebtView *self,
                             GPtrArray    *findings)
{
  g_return_if_fail (KEEL_IS_DEBT_VIEW (self));
  keel_finding_index_set_findings (self->findings, findings);
}

/**
 * keel_debt_view_reveal:
 * @self: a #KeelDebtView
 * @debt_id: a debt id
 *
 * Returns: %FALSE when the project has no such debt
 */
gboolean
keel_debt_view_reveal (KeelDebtView *self,
                       const char   *debt_id)
{
  KeelDebt *debt;
  guint position;
  GtkWidget *list;

  g_return_val_if_fail (KEEL_IS_DEBT_VIEW (self), FALSE);
  g_return_val_if_fail (debt_id != NULL, FALSE);

  if (self->project == NULL || (debt = keel_project_lookup_debt (self->project, debt_id)) == NULL)
    return FALSE;

  if (!filter_func (debt, self))
    keel_debt_view_set_filter (self, NULL, -1, -1);

  position = keel_view_find_row (G_LIST_MODEL (self->sort_model), debt_id);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  ensure_model (self);
  list = column_view_list (self);
  if (list != NULL)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
  return TRUE;
}

/* ---- Private API ---- */

GListModel *
keel_debt_view_get_rows (KeelDebtView *self)
{
  g_return_val_if_fail (KEEL_IS_DEBT_VIEW (self), NULL);
  return G_LIST_MODEL (self->sort_model);
}

GtkColumnView *
keel_debt_view_get_column_view (KeelDebtView *self)
{
  g_return_val_if_fail (KEEL_IS_DEBT_VIEW (self), NULL);
  ensure_model (self);
  return self->column_view;
}

KeelQuadrantChart *
keel_debt_view_get_chart (KeelDebtView *self)
{
  g_return_val_if_fail (KEEL_IS_DEBT_VIEW (self), NULL);
  return self->chart;
}

void
keel_debt_view_sort_by (KeelDebtView   *self,
                        KeelDebtColumn  column,
                        GtkSortType     order)
{
  g_return_if_fail (KEEL_IS_DEBT_VIEW (self));
  g_return_if_fail ((guint) column < KEEL_N_DEBT_COLUMNS);

  gtk_column_view_sort_by_column (self->column_view, self->columns[column], order);
}

void
keel_debt_view_set_filter (KeelDebtView *self,
                           const char   *text,
                           int           status,
                           int           quadrant)
{
  g_return_if_fail (KEEL_IS_DEBT_VIEW (self));

  self->setting_filter = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  gtk_drop_down_set_selected (self->status_dropdown,
                              status >= 0 && status < KEEL_N_DEBT_STATUSES ? (guint) status + 1 : 0);
  gtk_drop_down_set_selected (self->quadrant_dropdown,
                              quadrant >= 0 && quadrant < KEEL_N_QUADRANTS ? (guint) quadrant + 1 : 0);
  self->setting_filter = FALSE;
  filter_changed_cb (self);
}

void
keel_debt_view_get_totals (KeelDebtView *self,
                           double       *principal,
                           double       *interest,
                           double       *bottleneck_interest)
{
  double p = 0, i = 0, b = 0;

  g_return_if_fail (KEEL_IS_DEBT_VIEW (self));

  if (self->project != NULL)
    {
      GListModel *debts = keel_project_get_debts (self->project);
      guint n = g_list_model_get_n_items (debts);

      for (guint k = 0; k < n; k++)
        {
          g_autoptr(KeelDebt) debt = g_list_model_get_item (debts, k);

          if (debt_is_outstanding (debt))
            {
              p += debt->principal_days;
              i += debt->interest_hours_per_week;
            }
          if (debt->bottleneck && debt->status == KEEL_DEBT_STATUS_OPEN)
            b += debt->interest_hours_per_week;
        }
    }

  if (principal != NULL)
    *principal = p;
  if (interest != NULL)
    *interest = i;
  if (bottleneck_interest != NULL)
    *bottleneck_interest = b;
}

const char *
keel_debt_view_get_selected_id (KeelDebtView *self)
{
  KeelDebt *debt;

  g_return_val_if_fail (KEEL_IS_DEBT_VIEW (self), NULL);

  debt = selected_debt (self);
  return debt != NULL ? debt->id : NULL;
}

guint
keel_debt_view_get_n_payers (KeelDebtView *self)
{
  g_return_val_if_fail (KEEL_IS_DEBT_VIEW (self), 0);
  return self->n_payers;
}

KeelItem *
keel_debt_view_plan_fix (KeelDebtView *self,
                         const char   *debt_id,
                         gboolean      open_editor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelItem) item = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  KeelDebt *debt;

  g_return_val_if_fail (KEEL_IS_DEBT_VIEW (self), NULL);
  g_return_val_if_fail (debt_id != NULL, NULL);

  if (self->project == NULL || (debt = keel_project_lookup_debt (self->project, debt_id)) == NULL)
    return NULL;

  id = keel_project_new_id (self->project, "it");
  item = keel_item_new (id);
  g_free (item->title);
  /* Translators: the title of a board item planned to pay down the debt "%s" */
  item->title = g_strdup_printf (_("Pay down: %s"), debt->title);
  item->dimension = KEEL_DIMENSION_TECHNOLOGY;
  /* Only a platform that cannot be extended justifies re-architecting it; everything
   * else is hardened step by step. A bottleneck is work for now. */
  item->kind = debt->hard_ceiling ? KEEL_ITEM_KIND_REARCHITECTURE : KEEL_ITEM_KIND_HARDENING;
  item->horizon = debt->bottleneck ? KEEL_HORIZON_NOW : KEEL_HORIZON_NEXT;
  item->status = KEEL_STATUS_PLANNED;
  item->has_effort_days = debt->principal_days > 0;
  item->effort_days = debt->principal_days;
  item->position = keel_project_get_next_position (self->project, item->dimension, item->horizon);
  g_ptr_array_add (item->debts, g_strdup (debt->id));

  if (!keel_project_add_item (self->project, item, &error))
    {
      keel_view_show_error (GTK_WIDGET (self), _("Could not plan the fix"), error);
      return NULL;
    }

  /* Translators: a toast after "Plan a Fix" put the item "%s" on the board */
  text = g_strdup_printf (_("“%s” is on the board"), item->title);
  keel_view_show_toast (GTK_WIDGET (self), self->project, text, TRUE);
  if (open_editor)
    keel_item_editor_open (self->project, id, self->findings, GTK_WIDGET (self));
  return keel_project_lookup_item (self->project, id);
}

gboolean
keel_debt_view_delete_debt (KeelDebtView *self,
                            const char   *debt_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  KeelDebt *debt;

  g_return_val_if_fail (KEEL_IS_DEBT_VIEW (self), FALSE);
  g_return_val_if_fail (debt_id != NULL, FALSE);

  if (self->project == NULL || (debt = keel_project_lookup_debt (self->project, debt_id)) == NULL)
    return FALSE;

  title = g_strdup (debt->title);
  if (!keel_project_delete_debt (self->project, debt_id, &error))
    {
      keel_view_show_error (GTK_WIDGET (self), _("Could not delete the debt"), error);
      return FALSE;
    }

  keel_view_show_deleted (GTK_WIDGET (self), self->project, title);
  return TRUE;
}
