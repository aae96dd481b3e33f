/* keel-evidence-view.c: the evidence, with what cites each piece.
 *
 * A one-column GtkGridView over the project's own list, filtered and sorted newest
 * first: 10,000 pieces of evidence cost widgets only for the rows around the screen (a
 * GtkListView would keep 200 rows alive whatever its height; a grid view about 30). What cites each
 * piece lives on the items and debts; the view keeps a reverse index (evidence id ->
 * citers), rebuilt after each edit of items, debts or evidence — one pass over the
 * links — so that binding a row never scans the project.
 *
 * One "Link to…" picker serves every row: it is attached to a row's button when that
 * button is pressed, so scrolling never builds pickers (each filters 25,000 entities).
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-evidence-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "keel-evidence-resources.h"
#include "keel-evidence-view-private.h"
#include "keel-format.h"
#include "keel-link-group.h"
#include "keel-view-common.h"

struct _KeelEvidenceView
{
  AdwBin              parent_instance;

  /* Template children */
  GtkSearchEntry     *search_entry;
  GtkDropDown        *kind_dropdown;
  GtkDropDown        *citation_dropdown;
  GtkLabel           *count_label;
  AdwSqueezer        *filter_squeezer;
  GtkStack           *stack;
  GtkGridView        *list_view;

  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkCustomSorter    *sorter;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;

  KeelProject        *project;
  gulong              project_changed_handler;
  GHashTable         *citers;      /* evidence id -> GPtrArray of GObject (ref) */

  char               *needle;
  int                 kind_filter;
  KeelCitationFilter  citation_filter;
  gboolean            setting_filter;

  KeelLinkPicker     *picker;
  GListModel         *citers_model;
  GtkWidget          *picker_button;   /* weak */
  char               *picker_evidence_id;
};

G_DEFINE_FINAL_TYPE (KeelEvidenceView, keel_evidence_view, ADW_TYPE_BIN)

enum {
  CITATIONS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  GtkWidget *summary;
  GtkWidget *meta;
  GtkWidget *cited;
  GtkWidget *link_button;
  GtkWidget *menu_button;
  GMenu     *menu;
  gulong     changed_handler;
  KeelEvidence *evidence;
} RowParts;

/* ---- Helpers ---- */

static void
row_parts_free (gpointer data)
{
  RowParts *parts = data;

  g_clear_object (&parts->menu);
  g_free (parts);
}

static void
rebuild_citers (KeelEvidenceView *self)
{
  GListModel *lists[2];

  g_hash_table_remove_all (self->citers);
  if (self->project == NULL)
    return;

  lists[0] = keel_project_get_items (self->project);
  lists[1] = keel_project_get_debts (self->project);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      guint n = g_list_model_get_n_items (lists[l]);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) entity = g_list_model_get_item (lists[l], i);
          GPtrArray *evidence = KEEL_IS_ITEM (entity) ? KEEL_ITEM (entity)->evidence
                                                      : KEEL_DEBT (entity)->evidence;

          for (guint j = 0; j < evidence->len; j++)
            {
              const char *id = g_ptr_array_index (evidence, j);
              GPtrArray *list = g_hash_table_lookup (self->citers, id);

              if (list == NULL)
                {
                  list = g_ptr_array_new_with_free_func (g_object_unref);
                  g_hash_table_insert (self->citers, g_strdup (id), list);
                }
              g_ptr_array_add (list, g_object_ref (entity));
            }
        }
    }
}

static gboolean
filter_func (gpointer object,
             gpointer user_data)
{
  KeelEvidenceView *self = user_data;
  KeelEvidence *evidence = object;

  if (self->kind_filter >= 0 && (int) evidence->kind != self->kind_filter)
    return FALSE;
  if (self->citation_filter != KEEL_CITATION_ANY)
    {
      gboolean cited = g_hash_table_contains (self->citers, evidence->id);

      if (cited != (self->citation_filter == KEEL_CITATION_CITED))
        return FALSE;
    }
  if (self->needle != NULL && self->needle[0] != '\0')
    return keel_view_matches (evidence->summary, self->needle) ||
           keel_view_matches (evidence->source, self->needle) ||
           keel_view_matches (evidence->unit, self->needle) ||
           keel_view_matches (evidence->id, self->needle);
  return TRUE;
}

static int
compare_func (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const KeelEvidence *x = a;
  const KeelEvidence *y = b;
  int result = g_strcmp0 (y->date, x->date);   /* newest first */

  return result != 0 ? result : strcmp (x->id, y->id);
}

static void
update_count (KeelEvidenceView *self)
{
  guint total = self->project != NULL
    ? g_list_model_get_n_items (keel_project_get_evidence (self->project)) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u piece", "%u pieces", total), total);
  else
    /* Translators: the count of evidence while a filter hides some */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u piece", "%u of %u pieces", total),
                            shown, total);
  gtk_label_set_label (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack,
                                    total == 0 ? "empty" : shown == 0 ? "no-match" : "list");
}

static void
refilter (KeelEvidenceView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
prepare_picker (KeelEvidenceView *self,
                const char       *evidence_id)
{
  GPtrArray *citers = g_hash_table_lookup (self->citers, evidence_id);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  g_free (self->picker_evidence_id);
  self->picker_evidence_id = g_strdup (evidence_id);
  for (guint i = 0; citers != NULL && i < citers->len; i++)
    g_ptr_array_add (ids, (gpointer) keel_view_entity_id (g_ptr_array_index (citers, i)));
  keel_link_picker_set_excluded (self->picker, (const char * const *) ids->pdata, ids->len);
}

/* ---- Rows ---- */

static void
fill_row (KeelEvidenceView *self,
          RowParts         *parts)
{
  KeelEvidence *evidence = parts->evidence;
  GPtrArray *citers;
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autofree char *date = NULL;
  g_autofree char *label = NULL;

  if (evidence == NULL)
    return;

  gtk_label_set_label (GTK_LABEL (parts->summary), evidence->summary);

  g_string_append (meta, keel_evidence_kind_to_label (evidence->kind));
  if (evidence->source[0] != '\0')
    g_string_append_printf (meta, " · %s", evidence->source);
  date = keel_format_date (evidence->date);
  g_string_append_printf (meta, " · %s", date != NULL ? date : evidence->date);
  if (evidence->has_value)
    {
      g_autofree char *value = keel_format_number (evidence->value);

      g_string_append_printf (meta, " · %s", value);
      if (evidence->unit != NULL)
        g_string_append_printf (meta, " %s", evidence->unit);
    }
  gtk_label_set_label (GTK_LABEL (parts->meta), meta->str);

  citers = g_hash_table_lookup (self->citers, evidence->id);
  if (citers == NULL || citers->len == 0)
    {
      gtk_label_set_label (GTK_LABEL (parts->cited), _("Not cited by any item or debt"));
      gtk_widget_add_css_class (parts->cited, "dim-label");
      gtk_widget_remove_css_class (parts->cited, "accent");
    }
  else
    {
      g_autofree char *names = keel_view_list_titles (citers, 3);
      /* Translators: under a piece of evidence; %s is a list of item and debt titles */
      g_autofree char *text = g_strdup_printf (_("Cited by %s"), names);

      gtk_label_set_label (GTK_LABEL (parts->cited), text);
      gtk_widget_remove_css_class (parts->cited, "dim-label");
      gtk_widget_add_css_class (parts->cited, "accent");
    }

  g_menu_remove_all (parts->menu);
  {
    g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit…"), NULL);
    g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete"), NULL);

    g_menu_item_set_action_and_target_value (edit, "evidence.edit", g_variant_new_string (evidence->id));
    g_menu_item_set_action_and_target_value (delete, "evidence.delete", g_variant_new_string (evidence->id));
    g_menu_append_item (parts->menu, edit);
    g_menu_append_item (parts->menu, delete);
  }

  /* Translators: how a screen reader reads a piece of evidence: summary, kind and date */
  label = g_strdup_printf (_("%s, %s"), evidence->summary, meta->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (parts->summary)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
row_changed_cb (GtkWidget *box)
{
  RowParts *parts = g_object_get_data (G_OBJECT (box), "keel-row-parts");
  KeelEvidenceView *self = g_object_get_data (G_OBJECT (box), "keel-view");

  if (parts != NULL && self != NULL)
    fill_row (self, parts);
}

static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  KeelEvidenceView *self = user_data;
  const char *id = g_object_get_data (G_OBJECT (button), "keel-evidence-id");

  if (id == NULL)
    return;

  /* Move the one picker to this button. */
  if (self->picker_button != NULL && self->picker_button != GTK_WIDGET (button))
    gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->picker_button), NULL);
  g_set_weak_pointer (&self->picker_button, GTK_WIDGET (button));
  if (gtk_menu_button_get_popover (button) != GTK_POPOVER (self->picker))
    gtk_menu_button_set_popover (button, GTK_WIDGET (self->picker));
  prepare_picker (self, id);
}

static void
factory_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  KeelEvidenceView         *self)
{
  RowParts *parts = g_new0 (RowParts, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  gtk_widget_add_css_class (box, "evidence-row");
  gtk_widget_set_hexpand (text, TRUE);

  parts->summary = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (parts->summary), 0);
  gtk_label_set_wrap (GTK_LABEL (parts->summary), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (parts->summary), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (parts->summary), 2);
  gtk_label_set_ellipsize (GTK_LABEL (parts->summary), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (parts->summary, "heading");
  parts->meta = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (parts->meta), 0);
  gtk_label_set_ellipsize (GTK_LABEL (parts->meta), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (parts->meta, "caption");
  gtk_widget_add_css_class (parts->meta, "dim-label");
  parts->cited = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (parts->cited), 0);
  gtk_label_set_wrap (GTK_LABEL (parts->cited), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (parts->cited), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (parts->cited), 2);
  gtk_label_set_ellipsize (GTK_LABEL (parts->cited), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (parts->cited, "cited-by");
  gtk_box_append (GTK_BOX (text), parts->summary);
  gtk_box_append (GTK_BOX (text), parts->meta);
  gtk_box_append (GTK_BOX (text), parts->cited);
  gtk_box_append (GTK_BOX (box), text);

  parts->link_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (parts->link_button), "insert-link-symbolic");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (parts->link_button),
                                         create_popup_cb, self, NULL);
  gtk_widget_set_valign (parts->link_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (parts->link_button, "flat");
  gtk_widget_set_tooltip_text (parts->link_button, _("Link to an Item or Debt"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (parts->link_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Link to an Item or Debt"),
                                  -1);
  gtk_box_append (GTK_BOX (box), parts->link_button);

  parts->menu = g_menu_new ();
  parts->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (parts->menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (parts->menu_button), G_MENU_MODEL (parts->menu));
  gtk_widget_set_valign (parts->menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (parts->menu_button, "flat");
  gtk_widget_set_tooltip_text (parts->menu_button, _("Evidence Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (parts->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Evidence Menu"),
                                  -1);
  gtk_box_append (GTK_BOX (box), parts->menu_button);

  g_object_set_data_full (G_OBJECT (box), "keel-row-parts", parts, row_parts_free);
  g_object_set_data (G_OBJECT (box), "keel-view", self);
  g_signal_connect_object (self, "citations-changed", G_CALLBACK (row_changed_cb), box,
                           G_CONNECT_SWAPPED);
  gtk_list_item_set_child (list_item, box);
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 KeelEvidenceView         *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  RowParts *parts = g_object_get_data (G_OBJECT (box), "keel-row-parts");
  KeelEvidence *evidence = gtk_list_item_get_item (list_item);

  parts->evidence = evidence;
  parts->changed_handler = g_signal_connect_object (evidence, "changed",
                                                    G_CALLBACK (row_changed_cb), box,
                                                    G_CONNECT_SWAPPED);
  g_object_set_data_full (G_OBJECT (parts->link_button), "keel-evidence-id",
                          g_strdup (evidence->id), g_free);
  /* A recycled row: its button must not keep the picker prepared for another row. */
  if (self->picker_button == parts->link_button &&
      !gtk_widget_get_visible (GTK_WIDGET (self->picker)))
    {
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (parts->link_button), NULL);
      g_clear_weak_pointer (&self->picker_button);
    }
  fill_row (self, parts);
}

static void
factory_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   KeelEvidenceView         *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  RowParts *parts = g_object_get_data (G_OBJECT (box), "keel-row-parts");

  if (parts->evidence != NULL && parts->changed_handler != 0)
    g_signal_handler_disconnect (parts->evidence, parts->changed_handler);
  parts->changed_handler = 0;
  parts->evidence = NULL;
}

/* ---- Callbacks ---- */

static void
project_changed_cb (KeelProject      *project,
                    KeelChangeFlags   flags,
                    KeelEvidenceView *self)
{
  gboolean links = (flags & (KEEL_CHANGE_ITEMS | KEEL_CHANGE_DEBTS | KEEL_CHANGE_EVIDENCE)) != 0;

  if (links)
    rebuild_citers (self);
  if (flags & KEEL_CHANGE_EVIDENCE)
    gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  if (links)
    {
      refilter (self);
      g_signal_emit (self, signals[CITATIONS_CHANGED], 0);
    }
}

static void
filter_changed_cb (KeelEvidenceView *self)
{
  guint citation;

  if (self->setting_filter)
    return;

  g_free (self->needle);
  self->needle = keel_view_fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  citation = gtk_drop_down_get_selected (self->citation_dropdown);
  self->kind_filter = keel_view_dropdown_filter (self->kind_dropdown);
  self->citation_filter = citation == GTK_INVALID_LIST_POSITION ? KEEL_CITATION_ANY
                                                                : (KeelCitationFilter) citation;
  refilter (self);
}

static void
stop_search_cb (KeelEvidenceView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
row_activate_cb (KeelEvidenceView *self,
                 guint             position)
{
  g_autoptr(KeelEvidence) evidence = g_list_model_get_item (G_LIST_MODEL (self->sort_model), position);

  if (evidence != NULL && self->project != NULL)
    keel_evidence_editor_open (self->project, evidence->id, GTK_WIDGET (self));
}

static void
picked_cb (KeelLinkPicker   *picker,
           GObject          *entity,
           KeelEvidenceView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  KeelEvidence *evidence;

  if (self->project == NULL || self->picker_evidence_id == NULL ||
      (evidence = keel_project_lookup_evidence (self->project, self->picker_evidence_id)) == NULL)
    return;

  if (!keel_view_set_cites (self->project, entity, evidence->id, TRUE, &error))
    {
      keel_view_show_error (GTK_WIDGET (self), _("Could not link the evidence"), error);
      return;
    }

  /* Translators: a toast after linking; the first %s is an item or debt, the second evidence */
  text = g_strdup_printf (_("“%s” now cites “%s”"), keel_view_entity_title (entity),
                          evidence->summary);
  keel_view_show_toast (GTK_WIDGET (self), self->project, text, TRUE);
}

static void
new_editor_hide_cb (KeelEvidenceEditor *editor,
                    KeelEvidenceView   *self)
{
  const char *id = keel_evidence_editor_get_evidence_id (editor);

  if (self->project != NULL && keel_project_lookup_evidence (self->project, id) != NULL)
    keel_evidence_view_reveal (self, id);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KeelEvidenceView *self = KEEL_EVIDENCE_VIEW (widget);
  KeelEvidenceEditor *editor;

  if (self->project == NULL)
    return;
  editor = keel_evidence_editor_open (self->project, NULL, widget);
  g_signal_connect_object (editor, "hide", G_CALLBACK (new_editor_hide_cb), self, 0);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KeelEvidenceView *self = KEEL_EVIDENCE_VIEW (widget);

  if (self->project != NULL)
    keel_evidence_editor_open (self->project, g_variant_get_string (parameter, NULL), widget);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autofree char *id = g_variant_dup_string (parameter, NULL);

  keel_evidence_view_delete_evidence (KEEL_EVIDENCE_VIEW (widget), id);
}

static void
picker_show_cb (KeelLinkPicker   *picker,
                KeelEvidenceView *self)
{
  GtkWidget *button = gtk_widget_get_parent (GTK_WIDGET (picker));
  const char *id = button != NULL ? g_object_get_data (G_OBJECT (button), "keel-evidence-id") : NULL;

  if (id != NULL)
    prepare_picker (self, id);
}

/* ---- Overrides ---- */

static void
keel_evidence_view_dispose (GObject *object)
{
  KeelEvidenceView *self = KEEL_EVIDENCE_VIEW (object);

  keel_evidence_view_set_project (self, NULL);
  if (self->picker_button != NULL)
    gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->picker_button), NULL);
  g_clear_weak_pointer (&self->picker_button);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEEL_TYPE_EVIDENCE_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  if (self->picker != NULL)
    g_object_unref (g_steal_pointer (&self->picker));
  g_clear_object (&self->citers_model);

  G_OBJECT_CLASS (keel_evidence_view_parent_class)->dispose (object);
}

static void
keel_evidence_view_finalize (GObject *object)
{
  KeelEvidenceView *self = KEEL_EVIDENCE_VIEW (object);

  g_clear_pointer (&self->citers, g_hash_table_unref);
  g_free (self->needle);
  g_free (self->picker_evidence_id);

  G_OBJECT_CLASS (keel_evidence_view_parent_class)->finalize (object);
}

static void
keel_evidence_view_class_init (KeelEvidenceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = keel_evidence_view_dispose;
  object_class->finalize = keel_evidence_view_finalize;

  /* Emitted after the index of what cites each piece of evidence was rebuilt. */
  signals[CITATIONS_CHANGED] =
    g_signal_new ("citations-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  keel_evidence_view_resources_init ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/keelplanner/Keel/evidence/keel-evidence-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KeelEvidenceView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KeelEvidenceView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KeelEvidenceView, citation_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KeelEvidenceView, count_label);
  gtk_widget_class_bind_template_child (widget_class, KeelEvidenceView, filter_squeezer);
  gtk_widget_class_bind_template_child (widget_class, KeelEvidenceView, stack);
  gtk_widget_class_bind_template_child (widget_class, KeelEvidenceView, list_view);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activate_cb);

  gtk_widget_class_install_action (widget_class, "evidence.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "evidence.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "evidence.delete", "s", delete_action);

  gtk_widget_class_set_css_name (widget_class, "evidenceview");
}

static void
ensure_model (KeelEvidenceView *self)
{
  if (gtk_grid_view_get_model (self->list_view) == NULL)
    gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

static void
keel_evidence_view_init (KeelEvidenceView *self)
{
  g_autoptr(GListModel) kinds = keel_view_evidence_kind_model (_("All Kinds"));
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->kind_filter = -1;
  self->citation_filter = KEEL_CITATION_ANY;
  self->citers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);

  self->setting_filter = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  keel_view_common_init (GTK_WIDGET (self));
  gtk_drop_down_set_model (self->kind_dropdown, kinds);
  self->setting_filter = FALSE;
  {
    GtkDropDown *dropdowns[] = { self->kind_dropdown, self->citation_dropdown };
    GtkWidget *add = keel_view_new_add_button ("evidence.add", _("Record New Evidence"));

    keel_view_add_compact_filters (self->filter_squeezer, dropdowns, G_N_ELEMENTS (dropdowns), add);
  }

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  self->sorter = gtk_custom_sorter_new (compare_func, NULL, NULL);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              GTK_SORTER (g_object_ref (self->sorter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->sort_model, "items-changed", G_CALLBACK (update_count), self);

  g_signal_connect (factory, "setup", G_CALLBACK (factory_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (factory_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (factory_unbind_cb), self);
  gtk_grid_view_set_factory (self->list_view, factory);
  /* The list gets its model when first shown (ensure_model): an unshown grid view
   * would still build and measure cards for a large project. */
  g_signal_connect (self, "map", G_CALLBACK (ensure_model), NULL);

  self->picker = g_object_ref_sink (keel_link_picker_new ());
  keel_link_picker_set_placeholder (self->picker, _("Search items and debts"));
  g_signal_connect (self->picker, "picked", G_CALLBACK (picked_cb), self);
  g_signal_connect (self->picker, "show", G_CALLBACK (picker_show_cb), self);

  keel_view_add_find_shortcut (GTK_WIDGET (self), GTK_WIDGET (self->search_entry));

  update_count (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evidence.add", FALSE);
}

/* ---- Public API ---- */

void
keel_evidence_view_resources_init (void)
{
  static gsize registered = 0;

  keel_view_common_init (NULL);
  if (g_once_init_enter (&registered))
    {
      keel_evidence_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

/**
 * keel_evidence_view_new:
 *
 * Returns: (transfer floating): a new, empty evidence view
 */
KeelEvidenceView *
keel_evidence_view_new (void)
{
  return g_object_new (KEEL_TYPE_EVIDENCE_VIEW, NULL);
}

/**
 * keel_evidence_view_set_project:
 * @self: a #KeelEvidenceView
 * @project: (nullable): the project to show
 */
void
keel_evidence_view_set_project (KeelEvidenceView *self,
                                KeelProject      *project)
{
  g_return_if_fail (KEEL_IS_EVIDENCE_VIEW (self));
  g_return_if_fail (project == NULL || KEEL_IS_PROJECT (project));

  if (!keel_view_follow_project (&self->project, &self->project_changed_handler, project,
                                 G_CALLBACK (project_changed_cb), self))
    return;

  g_clear_object (&self->citers_model);
  if (project != NULL)
    self->citers_model = keel_link_citers_model_new (project);

  if (self->picker != NULL)
    keel_link_picker_set_model (self->picker, self->citers_model);
  rebuild_citers (self);
  if (self->filter_model != NULL)
    {
      gtk_filter_list_model_set_model (self->filter_model,
                                       project != NULL ? keel_project_get_evidence (project) : NULL);
      update_count (self);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evidence.add", project != NULL);
}

/**
 * keel_evidence_view_set_findings:
 * @self: a #KeelEvidenceView
 * @findings: (nullable) (element-type KeelFinding): the current findings
 *
 * No rule has evidence as its subject yet; the view accepts findings so that the window
 * treats every view alike.
 */
void
keel_evidence_view_set_findings (KeelEvidenceView *self,
                                 GPtrArray        *findings)
{
  g_return_if_fail (KEEL_IS_EVIDENCE_VIEW (self));
}

/**
 * keel_evidence_view_reveal:
 * @self: a #KeelEvidenceView
 * @evidence_id: an evidence id
 *
 * Returns: %FALSE when the project has no such evidence
 */
gboolean
keel_evidence_view_reveal (KeelEvidenceView *self,
                           const char       *evidence_id)
{
  KeelEvidence *evidence;
  guint position;

  g_return_val_if_fail (KEEL_IS_EVIDENCE_VIEW (self), FALSE);
  g_return_val_if_fail (evidence_id != NULL, FALSE);

  if (self->project == NULL ||
      (evidence = keel_project_lookup_evidence (self->project, evidence_id)) == NULL)
    return FALSE;

  if (!filter_func (evidence, self))
    keel_evidence_view_set_filter (self, NULL, -1, KEEL_CITATION_ANY);

  position = keel_view_find_row (G_LIST_MODEL (self->sort_model), evidence_id);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  ensure_model (self);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  return TRUE;
}

/* ---- Private API ---- */

GListModel *
keel_evidence_view_get_rows (KeelEvidenceView *self)
{
  g_return_val_if_fail (KEEL_IS_EVIDENCE_VIEW (self), NULL);
  return G_LIST_MODEL (self->sort_model);
}

GtkWidget *
keel_evidence_view_get_list (KeelEvidenceView *self)
{
  g_return_val_if_fail (KEEL_IS_EVIDENCE_VIEW (self), NULL);
  ensure_model (self);
  return GTK_WIDGET (self->list_view);
}

void
keel_evidence_view_set_filter (KeelEvidenceView   *self,
                               const char         *text,
                               int                 kind,
                               KeelCitationFilter  citation)
{
  g_return_if_fail (KEEL_IS_EVIDENCE_VIEW (self));

  self->setting_filter = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  gtk_drop_down_set_selected (self->kind_dropdown,
                              kind >= 0 && kind < KEEL_N_EVIDENCE_KINDS ? (guint) kind + 1 : 0);
  gtk_drop_down_set_selected (self->citation_dropdown, (guint) citation);
  self->setting_filter = FALSE;
  filter_changed_cb (self);
}

GPtrArray *
keel_evidence_view_get_citers (KeelEvidenceView *self,
                               const char       *evidence_id)
{
  g_return_val_if_fail (KEEL_IS_EVIDENCE_VIEW (self), NULL);
  return g_hash_table_lookup (self->citers, evidence_id);
}

KeelLinkPicker *
keel_evidence_view_open_link_picker (KeelEvidenceView *self,
                                     const char       *evidence_id)
{
  g_return_val_if_fail (KEEL_IS_EVIDENCE_VIEW (self), NULL);
  g_return_val_if_fail (evidence_id != NULL, NULL);

  prepare_picker (self, evidence_id);
  keel_link_picker_search (self->picker, "");
  return self->picker;
}

gboolean
keel_evidence_view_delete_evidence (KeelEvidenceView *self,
                                    const char       *evidence_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  KeelEvidence *evidence;

  g_return_val_if_fail (KEEL_IS_EVIDENCE_VIEW (self), FALSE);
  g_return_val_if_fail (evidence_id != NULL, FALSE);

  if (self->project == NULL ||
      (evidence = keel_project_lookup_evidence (self->project, evidence_id)) == NULL)
    return FALSE;

  summary = g_strdup (evidence->summary);
  if (!keel_project_delete_evidence (self->project, evidence_id, &error))
    {
      keel_view_show_error (GTK_WIDGET (self), _("Could not delete the evidence"), error);
      return FALSE;
    }

  keel_view_show_deleted (GTK_WIDGET (self), self->project, summary);
  return TRUE;
}
