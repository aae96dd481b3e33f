/* keel-dataset-browser.c: the imported rows of one dataset — browse, filter, delete.
 *
 * The rows come from a KeelDatasetModel that reads the working copy a page at a time,
 * so the column view stays fast with a million rows.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-dataset-browser"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "keel-dataset-browser.h"

struct _KeelDatasetBrowser
{
  AdwBin              parent_instance;

  GtkSearchEntry     *search_entry;
  GtkButton          *delete_button;
  GtkStack           *stack;
  GtkColumnView      *column_view;
  GtkLabel           *empty_label;
  GtkLabel           *count_label;

  KeelProject        *project;
  KeelDatasetModel   *model;
  GtkMultiSelection  *selection;
};

G_DEFINE_FINAL_TYPE (KeelDatasetBrowser, keel_dataset_browser, ADW_TYPE_BIN)

/* ---- Helpers ---- */

static gboolean
column_is_numeric (KeelDataset dataset,
                   guint       column)
{
  return (dataset == KEEL_DATASET_RETENTION && column == 1) ||
         (dataset == KEEL_DATASET_ACQUISITION && column == 3);
}

static void
update_counts (KeelDatasetBrowser *self)
{
  guint64 total = 0;
  guint shown = 0;
  g_autofree char *text = NULL;
  g_autoptr(GtkBitset) selected = NULL;
  guint64 n_selected = 0;

  if (self->model != NULL)
    {
      total = keel_project_count_rows (self->project, keel_dataset_model_get_dataset (self->model));
      shown = g_list_model_get_n_items (G_LIST_MODEL (self->model));
      selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
      n_selected = gtk_bitset_get_size (selected);
    }

  if (self->model == NULL || total == 0)
    text = g_strdup ("");
  else if (keel_dataset_model_get_filter (self->model) != NULL)
    /* Translators: rows matching a filter, out of all rows */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %'" PRIu64 " row matches",
                                         "%u of %'" PRIu64 " rows match", shown),
                            shown, total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'" PRIu64 " row",
                                         "%'" PRIu64 " rows", total),
                            total);

  if (n_selected > 0)
    {
      g_autofree char *with_selection =
        /* Translators: "%s" is the row count above, then how many are selected */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %'" PRIu64 " selected",
                                      "%s · %'" PRIu64 " selected", n_selected),
                         text, n_selected);
      g_free (text);
      text = g_steal_pointer (&with_selection);
    }

  gtk_label_set_label (self->count_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_button),
                            n_selected > 0 && !keel_document_is_read_only (keel_project_get_document (self->project)));

  if (self->model != NULL && shown > 0)
    gtk_stack_set_visible_child_name (self->stack, "rows");
  else
    {
      gtk_label_set_label (self->empty_label,
                           total > 0 ? _("No rows match the filter")
                                     : _("No rows imported yet. Import a CSV file to fill this dataset."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
}

static void
clear_columns (KeelDatasetBrowser *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->column_view, column);
    }
}

/* ---- Callbacks ---- */

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);
  gboolean numeric = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "keel-numeric"));

  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 12);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (numeric)
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 1.0);
      gtk_widget_add_css_class (inscription, "numeric");
    }
  gtk_list_item_set_child (list_item, inscription);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "keel-column"));
  KeelDatasetRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *inscription = gtk_list_item_get_child (list_item);

  gtk_inscription_set_text (GTK_INSCRIPTION (inscription),
                            keel_dataset_row_get_column (row, column));
}

static void
search_changed_cb (KeelDatasetBrowser *self)
{
  if (self->model == NULL)
    return;
  keel_dataset_model_set_filter (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
delete_clicked_cb (KeelDatasetBrowser *self)
{
  g_autoptr(GError) error = NULL;

  if (!keel_dataset_browser_delete_selected (self, &error))
    {
      GtkWidget *dialog =
        adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                _("Could Not Delete the Rows"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static gboolean
delete_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  delete_clicked_cb (KEEL_DATASET_BROWSER (widget));
  return TRUE;
}

static void
model_items_changed_cb (KeelDatasetBrowser *self)
{
  update_counts (self);
}

static void
selection_changed_cb (KeelDatasetBrowser *self)
{
  update_counts (self);
}

/* ---- Overrides ---- */

static void
keel_dataset_browser_dispose (GObject *object)
{
  KeelDatasetBrowser *self = KEEL_DATASET_BROWSER (object);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (keel_dataset_browser_parent_class)->dispose (object);
}

static void
keel_dataset_browser_class_init (KeelDatasetBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = keel_dataset_browser_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/keelplanner/Keel/fit/keel-dataset-browser.ui");
  gtk_widget_class_bind_template_child (widget_class, KeelDatasetBrowser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KeelDatasetBrowser, delete_button);
  gtk_widget_class_bind_template_child (widget_class, KeelDatasetBrowser, stack);
  gtk_widget_class_bind_template_child (widget_class, KeelDatasetBrowser, column_view);
  gtk_widget_class_bind_template_child (widget_class, KeelDatasetBrowser, empty_label);
  gtk_widget_class_bind_template_child (widget_class, KeelDatasetBrowser, count_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);

  /* Delete removes the selected rows from the keyboard as well. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, delete_shortcut_cb, NULL);
}

static void
keel_dataset_browser_init (KeelDatasetBrowser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_entry_set_key_capture_widget (self->search_entry, NULL);
  update_counts (self);
}

/* ---- Public API ---- */

GtkWidget *
keel_dataset_browser_new (void)
{
  return g_object_new (KEEL_TYPE_DATASET_BROWSER, NULL);
}

void
keel_dataset_browser_set_dataset (KeelDatasetBrowser *self,
                                  KeelProject        *project,
                                  KeelDataset         dataset)
{
  g_return_if_fail (KEEL_IS_DATASET_BROWSER (self));
  g_return_if_fail (project == NULL || KEEL_IS_PROJECT (project));

  if (project == self->project && self->model != NULL &&
      keel_dataset_model_get_dataset (self->model) == dataset)
    return;

  gtk_column_view_set_model (self->column_view, NULL);
  clear_columns (self);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_set_object (&self->project, project);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  if (project != NULL)
    {
      self->model = keel_dataset_model_new (project, dataset);
      self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
      g_signal_connect_object (self->model, "items-changed",
                               G_CALLBACK (model_items_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->selection, "selection-changed",
                               G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

      for (guint c = 0; c < keel_dataset_model_get_n_columns (self->model); c++)
        {
          g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
          g_autoptr(GtkColumnViewColumn) column = NULL;

          g_object_set_data (G_OBJECT (factory), "keel-column", GUINT_TO_POINTER (c));
          g_object_set_data (G_OBJECT (factory), "keel-numeric",
                             GINT_TO_POINTER (column_is_numeric (dataset, c)));
          g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
          g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), NULL);
          column = gtk_column_view_column_new (keel_dataset_model_get_column_title (self->model, c),
                                               g_object_ref (factory));
          gtk_column_view_column_set_resizable (column, TRUE);
          gtk_column_view_column_set_expand (column, TRUE);
          gtk_column_view_append_column (self->column_view, column);
        }
      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
    }

  update_counts (self);
}

KeelDatasetModel *
keel_dataset_browser_get_model (KeelDatasetBrowser *self)
{
  g_return_val_if_fail (KEEL_IS_DATASET_BROWSER (self), NULL);
  return self->model;
}

GtkSelectionModel *
keel_dataset_browser_get_selection (KeelDatasetBrowser *self)
{
  g_return_val_if_fail (KEEL_IS_DATASET_BROWSER (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
}

void
keel_dataset_browser_set_filter (KeelDatasetBrowser *self,
                                 const char         *text)
{
  g_return_if_fail (KEEL_IS_DATASET_BROWSER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* Filter at once rather than after the entry's typing delay. */
  if (self->model != NULL)
    keel_dataset_model_set_filter (self->model, text);
}

void
keel_dataset_browser_focus_filter (KeelDatasetBrowser *self)
{
  g_return_if_fail (KEEL_IS_DATASET_BROWSER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

gboolean
keel_dataset_browser_delete_selected (KeelDatasetBrowser *self,
                                      GError            **error)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GArray) ids = NULL;
  GtkBitsetIter iter;
  guint position;
  KeelDataset dataset;
  g_autofree char *message = NULL;

  g_return_val_if_fail (KEEL_IS_DATASET_BROWSER (self), FALSE);

  if (self->model == NULL)
    return TRUE;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), gtk_bitset_get_size (selected));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(KeelDatasetRow) row = g_list_model_get_item (G_LIST_MODEL (self->model), position);
      gint64 id = row != NULL ? keel_dataset_row_get_id (row) : -1;
      if (id >= 0)
        g_array_append_val (ids, id);
    }

  if (ids->len == 0)
    return TRUE;

  dataset = keel_dataset_model_get_dataset (self->model);
  if (!keel_project_delete_rows (self->project, dataset, (const gint64 *) ids->data, ids->len, error))
    return FALSE;

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row deleted", "%u rows deleted",
                                          ids->len),
                             ids->len);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.undo-toast", "s", message);
  return TRUE;
}
