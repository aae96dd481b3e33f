/* keel-view-common.c: what the board, debt and evidence views share.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-view-common"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "keel-filter-bar.h"
#include "keel-format.h"
#include "keel-view-common.h"
#include "keel-board-resources.h"

struct _KeelFindingIndex
{
  GObject     parent_instance;
  GHashTable *by_id;   /* subject id -> GPtrArray of KeelFinding (copies) */
};

G_DEFINE_FINAL_TYPE (KeelFindingIndex, keel_finding_index, G_TYPE_OBJECT)

enum {
  INDEX_CHANGED,
  N_INDEX_SIGNALS
};

static guint index_signals[N_INDEX_SIGNALS];

/* ---- Resources and style ---- */

/* The views' templates and stylesheet live in the board's resource bundle, registered
 * by hand: a constructor in a static library is dropped by the linker when nothing
 * else refers to its object file, so automatic registration is not reliable here. */
void
keel_view_common_init (GtkWidget *widget)
{
  static gsize resources_registered = 0;
  static gboolean style_loaded = FALSE;

  if (g_once_init_enter (&resources_registered))
    {
      keel_board_register_resource ();
      /* The views' templates name it. */
      g_type_ensure (KEEL_TYPE_FILTER_BAR);
      g_once_init_leave (&resources_registered, 1);
    }

  if (widget != NULL && !style_loaded)
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider,
                                           "/io/github/keelplanner/Keel/board/keel-views.css");
      gtk_style_context_add_provider_for_display (gtk_widget_get_display (widget),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      style_loaded = TRUE;
    }
}

/* ---- Filter bars ---- */

static gboolean
find_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  /* The shortcut is global so that Ctrl+F works wherever the focus is, but only while
   * the view is the one on screen. The entry is a child of the view's template, so it
   * lives while the view is mapped. */
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (user_data));
  return TRUE;
}

/**
 * keel_view_add_find_shortcut:
 * @view: a view
 * @search_entry: the view's search entry
 *
 * Makes Ctrl+F focus @search_entry while @view is mapped.
 */
gboolean
keel_view_follow_project (KeelProject **slot,
                          gulong       *handler,
                          KeelProject  *project,
                          GCallback     changed_cb,
                          gpointer      data)
{
  if (*slot == project)
    return FALSE;

  if (*slot != NULL)
    {
      g_clear_signal_handler (handler, *slot);
      g_clear_object (slot);
    }
  if (project != NULL)
    {
      *slot = g_object_ref (project);
      *handler = g_signal_connect (project, "changed", changed_cb, data);
    }
  return TRUE;
}

GtkWidget *
keel_view_new_add_button (const char *action_name,
                          const char *label)
{
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), action_name);
  gtk_widget_set_tooltip_text (add, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (add),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return add;
}

void
keel_view_add_find_shortcut (GtkWidget *view,
                             GtkWidget *search_entry)
{
  GtkShortcutController *global = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());

  gtk_shortcut_controller_set_scope (global, GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (global,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (find_shortcut_cb, search_entry, NULL)));
  gtk_widget_add_controller (view, GTK_EVENT_CONTROLLER (global));
}

/**
 * keel_view_dropdown_filter:
 * @dropdown: a filter drop-down whose first entry means "any"
 *
 * Returns: the selected position less one, or -1 for the first entry or none
 */
int
keel_view_dropdown_filter (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1;
}

void
keel_view_add_compact_filters (AdwSqueezer  *squeezer,
                               GtkDropDown **dropdowns,
                               guint         n_dropdowns,
                               GtkWidget    *extra)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();

  g_return_if_fail (ADW_IS_SQUEEZER (squeezer));

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  for (guint i = 0; i < n_dropdowns; i++)
    {
      GtkWidget *copy = gtk_drop_down_new (NULL, NULL);
      const char *tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (dropdowns[i]));
      GtkWidget *label = gtk_label_new (tooltip);

      gtk_drop_down_set_model (GTK_DROP_DOWN (copy), gtk_drop_down_get_model (dropdowns[i]));
      g_object_bind_property (dropdowns[i], "selected", copy, "selected",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (copy),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                      -1);
      gtk_grid_attach (GTK_GRID (grid), label, 0, (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), copy, 1, (int) i, 1, 1);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), grid);

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Filter"));
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_tooltip_text (button, _("Filter"));
  gtk_box_append (GTK_BOX (box), button);
  if (extra != NULL)
    gtk_box_append (GTK_BOX (box), extra);
  gtk_widget_set_halign (box, GTK_ALIGN_END);

  adw_squeezer_add (squeezer, box);
}

/* ---- Toasts ---- */

static void
toast_project_changed_cb (KeelProject     *project,
                          KeelChangeFlags  flags,
                          AdwToast        *toast)
{
  adw_toast_dismiss (toast);
}

static void
toast_undo_clicked_cb (AdwToast    *toast,
                       KeelProject *project)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *widget = g_object_get_data (G_OBJECT (toast), "keel-toast-widget");

  if (!keel_project_can_undo (project))
    return;
  if (!keel_project_undo (project, &error) && widget != NULL)
    keel_view_show_error (widget, _("Could not undo"), error);
}

AdwToast *
keel_view_show_toast (GtkWidget   *widget,
                      KeelProject *project,
                      const char  *title,
                      gboolean     undo)
{
  GtkWidget *overlay;
  AdwToast *toast;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_debug ("No toast overlay for “%s”", title);
      return NULL;
    }

  toast = adw_toast_new (title);
  if (undo && project != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      /* The toast may outlive the view (it sits in the window's overlay): it keeps only
       * weak links to the project and to the widget that raised it. */
      g_object_set_data (G_OBJECT (toast), "keel-toast-widget", overlay);
      g_signal_connect_object (toast, "button-clicked",
                               G_CALLBACK (toast_undo_clicked_cb), project, 0);
      g_signal_connect_object (project, "changed",
                               G_CALLBACK (toast_project_changed_cb), toast, 0);
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  return toast;
}

void
keel_view_show_deleted (GtkWidget   *widget,
                        KeelProject *project,
                        const char  *title)
{
  g_autofree char *text = NULL;

  if (widget == NULL)
    return;

  /* Translators: a toast after deleting the item, debt or evidence "%s" */
  text = g_strdup_printf (_("“%s” deleted"), title);
  keel_view_show_toast (widget, project, text, TRUE);
}

void
keel_view_show_error (GtkWidget    *widget,
                      const char   *heading,
                      const GError *error)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* Translators: a failed edit, "Could not move the item: the document is read-only" */
  text = g_strdup_printf (_("%s: %s"), heading, error != NULL ? error->message : "");
  toast = keel_view_show_toast (widget, NULL, text, FALSE);
  if (toast != NULL)
    adw_toast_set_timeout (toast, 0);
  else
    g_message ("%s", text);
}

typedef struct
{
  KeelProject *project;
  GtkWidget   *widget;
  char        *debt_id;
} PaidOffer;

static void
paid_offer_free (gpointer data)
{
  PaidOffer *offer = data;

  g_clear_weak_pointer (&offer->project);
  g_clear_weak_pointer (&offer->widget);
  g_free (offer->debt_id);
  g_free (offer);
}

static void
mark_paid_clicked_cb (AdwToast  *toast,
                      PaidOffer *offer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDebt) draft = NULL;
  KeelDebt *debt;

  if (offer->project == NULL)
    return;
  debt = keel_project_lookup_debt (offer->project, offer->debt_id);
  if (debt == NULL || debt->status == KEEL_DEBT_STATUS_PAID)
    return;

  draft = keel_debt_copy (debt);
  draft->status = KEEL_DEBT_STATUS_PAID;
  if (!keel_project_update_debt (offer->project, draft, &error) && offer->widget != NULL)
    keel_view_show_error (offer->widget, _("Could not mark the debt paid"), error);
}

static gboolean
debt_is_paid_down (KeelProject *project,
                   const char  *debt_id)
{
  GListModel *items = keel_project_get_items (project);
  guint n = g_list_model_get_n_items (items);
  gboolean any = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KeelItem) item = g_list_model_get_item (items, i);

      if (item->status == KEEL_STATUS_DROPPED)
        continue;
      for (guint j = 0; j < item->debts->len; j++)
        {
          if (strcmp (g_ptr_array_index (item->debts, j), debt_id) != 0)
            continue;
          if (item->status != KEEL_STATUS_DONE)
            return FALSE;
          any = TRUE;
        }
    }

  return any;
}

guint
keel_view_offer_debts_paid (GtkWidget   *widget,
                            KeelProject *project,
                            KeelItem    *item)
{
  guint offered = 0;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), 0);
  g_return_val_if_fail (KEEL_IS_PROJECT (project), 0);
  g_return_val_if_fail (KEEL_IS_ITEM (item), 0);

  if (item->status != KEEL_STATUS_DONE)
    return 0;

  for (guint i = 0; i < item->debts->len; i++)
    {
      const char *debt_id = g_ptr_array_index (item->debts, i);
      KeelDebt *debt = keel_project_lookup_debt (project, debt_id);
      g_autofree char *title = NULL;
      PaidOffer *offer;
      AdwToast *toast;

      if (debt == NULL ||
          (debt->status != KEEL_DEBT_STATUS_OPEN && debt->status != KEEL_DEBT_STATUS_SCHEDULED) ||
          !debt_is_paid_down (project, debt_id))
        continue;

      /* Translators: a toast when the last item paying a debt is done */
      title = g_strdup_printf (_("All work on “%s” is done"), debt->title);
      toast = keel_view_show_toast (widget, NULL, title, FALSE);
      if (toast == NULL)
        continue;

      offer = g_new0 (PaidOffer, 1);
      g_set_weak_pointer (&offer->project, project);
      g_set_weak_pointer (&offer->widget, widget);
      offer->debt_id = g_strdup (debt_id);
      adw_toast_set_button_label (toast, _("Mark _Paid"));
      adw_toast_set_timeout (toast, 10);
      g_object_set_data_full (G_OBJECT (toast), "keel-paid-offer", offer, paid_offer_free);
      g_signal_connect (toast, "button-clicked", G_CALLBACK (mark_paid_clicked_cb), offer);
      offered++;
    }

  return offered;
}

guint
keel_view_find_row (GListModel *rows,
                    const char *id)
{
  guint n = g_list_model_get_n_items (rows);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) entity = g_list_model_get_item (rows, i);

      if (g_strcmp0 (keel_view_entity_id (entity), id) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* ---- Text matching ---- */

char *
keel_view_fold (const char *text)
{
  g_autofree char *normal = NULL;

  if (text == NULL || text[0] == '\0')
    return g_strdup ("");
  normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (normal == NULL)
    return g_strdup ("");
  return g_utf8_casefold (normal, -1);
}

gboolean
keel_view_matches (const char *text,
                   const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (folded_needle == NULL || folded_needle[0] == '\0')
    return TRUE;
  if (text == NULL || text[0] == '\0')
    return FALSE;

  folded = keel_view_fold (text);
  return strstr (folded, folded_needle) != NULL;
}

/* ---- Enumerations ---- */

typedef const char *(*LabelFunc) (int value);

static GListModel *
enum_model (const char *any_label,
            LabelFunc   label_func,
            int         n_values)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  if (any_label != NULL)
    gtk_string_list_append (list, any_label);
  for (int i = 0; i < n_values; i++)
    gtk_string_list_append (list, label_func (i));
  return G_LIST_MODEL (list);
}

GListModel *
keel_view_dimension_model (const char *any_label)
{
  return enum_model (any_label, (LabelFunc) keel_dimension_to_label, KEEL_N_DIMENSIONS);
}

GListModel *
keel_view_item_kind_model (const char *any_label)
{
  return enum_model (any_label, (LabelFunc) keel_item_kind_to_label, KEEL_N_ITEM_KINDS);
}

GListModel *
keel_view_horizon_model (const char *any_label)
{
  return enum_model (any_label, (LabelFunc) keel_horizon_to_label, KEEL_N_HORIZONS);
}

GListModel *
keel_view_status_model (const char *any_label)
{
  return enum_model (any_label, (LabelFunc) keel_status_to_label, KEEL_N_STATUSES);
}

GListModel *
keel_view_quadrant_model (const char *any_label)
{
  return enum_model (any_label, (LabelFunc) keel_quadrant_to_label, KEEL_N_QUADRANTS);
}

GListModel *
keel_view_debt_status_model (const char *any_label)
{
  return enum_model (any_label, (LabelFunc) keel_debt_status_to_label, KEEL_N_DEBT_STATUSES);
}

GListModel *
keel_view_evidence_kind_model (const char *any_label)
{
  return enum_model (any_label, (LabelFunc) keel_evidence_kind_to_label, KEEL_N_EVIDENCE_KINDS);
}

const char *
keel_view_status_css_class (KeelStatus status)
{
  switch (status)
    {
    case KEEL_STATUS_IDEA:
      return "status-idea";
    case KEEL_STATUS_PLANNED:
      return "status-planned";
    case KEEL_STATUS_IN_PROGRESS:
      return "status-in-progress";
    case KEEL_STATUS_DONE:
      return "status-done";
    case KEEL_STATUS_DROPPED:
    case KEEL_N_STATUSES:
    default:
      return "status-dropped";
    }
}

const char *
keel_view_debt_status_css_class (KeelDebtStatus status)
{
  switch (status)
    {
    case KEEL_DEBT_STATUS_OPEN:
      return "status-open";
    case KEEL_DEBT_STATUS_SCHEDULED:
      return "status-scheduled";
    case KEEL_DEBT_STATUS_PAID:
      return "status-paid";
    case KEEL_DEBT_STATUS_ACCEPTED:
    case KEEL_N_DEBT_STATUSES:
    default:
      return "status-accepted";
    }
}

/* ---- Entities in lists ---- */

const char *
keel_view_entity_id (GObject *entity)
{
  if (KEEL_IS_ITEM (entity))
    return KEEL_ITEM (entity)->id;
  if (KEEL_IS_DEBT (entity))
    return KEEL_DEBT (entity)->id;
  if (KEEL_IS_EVIDENCE (entity))
    return KEEL_EVIDENCE (entity)->id;
  if (KEEL_IS_SIGNAL (entity))
    return KEEL_SIGNAL (entity)->id;
  return NULL;
}

const char *
keel_view_entity_title (GObject *entity)
{
  const char *title = NULL;

  if (KEEL_IS_ITEM (entity))
    title = KEEL_ITEM (entity)->title;
  else if (KEEL_IS_DEBT (entity))
    title = KEEL_DEBT (entity)->title;
  else if (KEEL_IS_EVIDENCE (entity))
    title = KEEL_EVIDENCE (entity)->summary;
  else if (KEEL_IS_SIGNAL (entity))
    title = keel_signal_get_display_name (KEEL_SIGNAL (entity));

  if (title == NULL || title[0] == '\0')
    title = keel_view_entity_id (entity);
  return title != NULL ? title : "";
}

char *
keel_view_entity_subtitle (GObject *entity)
{
  if (KEEL_IS_ITEM (entity))
    {
      KeelItem *item = KEEL_ITEM (entity);

      /* Translators: what an item is, "Product · Feature · Planned" */
      return g_strdup_printf (_("%s · %s · %s"),
                              keel_dimension_to_label (item->dimension),
                              keel_item_kind_to_label (item->kind),
                              keel_status_to_label (item->status));
    }
  if (KEEL_IS_DEBT (entity))
    {
      KeelDebt *debt = KEEL_DEBT (entity);

      if (debt->component[0] != '\0')
        /* Translators: what a debt is, "Debt · database · Open" */
        return g_strdup_printf (_("Debt · %s · %s"), debt->component,
                                keel_debt_status_to_label (debt->status));
      /* Translators: what a debt is, "Debt · Open" */
      return g_strdup_printf (_("Debt · %s"), keel_debt_status_to_label (debt->status));
    }
  if (KEEL_IS_EVIDENCE (entity))
    {
      KeelEvidence *evidence = KEEL_EVIDENCE (entity);

      if (evidence->source[0] != '\0')
        /* Translators: what evidence is, "Usage · product analytics · 2026-10-01" */
        return g_strdup_printf (_("%s · %s · %s"),
                                keel_evidence_kind_to_label (evidence->kind),
                                evidence->source, evidence->date);
      /* Translators: what evidence is, "Usage · 2026-10-01" */
      return g_strdup_printf (_("%s · %s"),
                              keel_evidence_kind_to_label (evidence->kind), evidence->date);
    }
  return g_strdup ("");
}

static gboolean
ids_contain (GPtrArray  *ids,
             const char *id,
             guint      *out_index)
{
  for (guint i = 0; i < ids->len; i++)
    if (strcmp (g_ptr_array_index (ids, i), id) == 0)
      {
        if (out_index != NULL)
          *out_index = i;
        return TRUE;
      }
  return FALSE;
}

GPtrArray *
keel_view_list_citers (KeelProject *project,
                       const char  *evidence_id)
{
  GPtrArray *citers = g_ptr_array_new ();
  GListModel *lists[2];

  g_return_val_if_fail (KEEL_IS_PROJECT (project), citers);
  g_return_val_if_fail (evidence_id != NULL, citers);

  lists[0] = keel_project_get_items (project);
  lists[1] = keel_project_get_debts (project);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      guint n = g_list_model_get_n_items (lists[l]);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) entity = g_list_model_get_item (lists[l], i);
          GPtrArray *evidence = KEEL_IS_ITEM (entity) ? KEEL_ITEM (entity)->evidence
                                                      : KEEL_DEBT (entity)->evidence;

          if (ids_contain (evidence, evidence_id, NULL))
            g_ptr_array_add (citers, entity);
        }
    }
  return citers;
}

gboolean
keel_view_set_cites (KeelProject  *project,
                     GObject      *citer,
                     const char   *evidence_id,
                     gboolean      cite,
                     GError      **error)
{
  GPtrArray *evidence;
  guint index = 0;
  gboolean cites;

  g_return_val_if_fail (KEEL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (KEEL_IS_ITEM (citer) || KEEL_IS_DEBT (citer), FALSE);
  g_return_val_if_fail (evidence_id != NULL, FALSE);

  evidence = KEEL_IS_ITEM (citer) ? KEEL_ITEM (citer)->evidence : KEEL_DEBT (citer)->evidence;
  cites = ids_contain (evidence, evidence_id, &index);
  if (cites == cite)
    return TRUE;

  if (KEEL_IS_ITEM (citer))
    {
      g_autoptr(KeelItem) draft = keel_item_copy (KEEL_ITEM (citer));

      if (cite)
        g_ptr_array_add (draft->evidence, g_strdup (evidence_id));
      else
        g_ptr_array_remove_index (draft->evidence, index);
      return keel_project_update_item (project, draft, error);
    }
  else
    {
      g_autoptr(KeelDebt) draft = keel_debt_copy (KEEL_DEBT (citer));

      if (cite)
        g_ptr_array_add (draft->evidence, g_strdup (evidence_id));
      else
        g_ptr_array_remove_index (draft->evidence, index);
      return keel_project_update_debt (project, draft, error);
    }
}

char *
keel_view_list_titles (GPtrArray *entities,
                       guint      max)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; entities != NULL && i < entities->len; i++)
    {
      if (i == max)
        {
          /* Translators: the end of a list of names too long to show, "and 3 more" */
          g_string_append_printf (names, _(" and %u more"), entities->len - i);
          break;
        }
      if (i > 0)
        g_string_append (names, _(", "));
      g_string_append_printf (names, "“%s”", keel_view_entity_title (g_ptr_array_index (entities, i)));
    }
  return g_string_free (names, FALSE);
}

void
keel_view_fill_findings (AdwPreferencesGroup *group,
                         GPtrArray           *rows,
                         KeelFindingIndex    *findings,
                         const char          *id)
{
  GPtrArray *list = NULL;

  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);

  if (findings != NULL && id != NULL)
    list = keel_finding_index_lookup (findings, id);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const KeelFinding *finding = g_ptr_array_index (list, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (keel_format_severity_icon (finding->severity));

      gtk_widget_add_css_class (icon, keel_format_severity_css_class (finding->severity));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      keel_format_severity_label (finding->severity),
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), finding->message);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), finding->hint);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (group, row);
      g_ptr_array_add (rows, row);
    }

  if (rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

      gtk_widget_add_css_class (icon, "success");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing to report"));
      adw_preferences_group_add (group, row);
      g_ptr_array_add (rows, row);
    }
}

/* ---- KeelFindingIndex ---- */

static void
keel_finding_index_finalize (GObject *object)
{
  KeelFindingIndex *self = KEEL_FINDING_INDEX (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);

  G_OBJECT_CLASS (keel_finding_index_parent_class)->finalize (object);
}

static void
keel_finding_index_class_init (KeelFindingIndexClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = keel_finding_index_finalize;

  index_signals[INDEX_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
keel_finding_index_init (KeelFindingIndex *self)
{
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
}

KeelFindingIndex *
keel_finding_index_new (void)
{
  return g_object_new (KEEL_TYPE_FINDING_INDEX, NULL);
}

void
keel_finding_index_set_findings (KeelFindingIndex *self,
                                 GPtrArray        *findings)
{
  g_return_if_fail (KEEL_IS_FINDING_INDEX (self));

  g_hash_table_remove_all (self->by_id);

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const KeelFinding *finding = g_ptr_array_index (findings, i);
      KeelFinding *copy;
      GPtrArray *list;

      if (finding->subject_id == NULL)
        continue;

      list = g_hash_table_lookup (self->by_id, finding->subject_id);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) keel_finding_free);
          g_hash_table_insert (self->by_id, g_strdup (finding->subject_id), list);
        }

      copy = g_new0 (KeelFinding, 1);
      copy->rule = finding->rule;
      copy->severity = finding->severity;
      copy->subject_type = finding->subject_type;
      copy->subject_id = g_strdup (finding->subject_id);
      copy->subject_title = g_strdup (finding->subject_title);
      copy->message = g_strdup (finding->message);
      copy->hint = g_strdup (finding->hint);
      g_ptr_array_add (list, copy);
    }

  g_signal_emit (self, index_signals[INDEX_CHANGED], 0);
}

GPtrArray *
keel_finding_index_lookup (KeelFindingIndex *self,
                           const char       *id)
{
  g_return_val_if_fail (KEEL_IS_FINDING_INDEX (self), NULL);

  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_id, id);
}

gboolean
keel_finding_index_get_worst (KeelFindingIndex *self,
                              const char       *id,
                              KeelSeverity     *out_severity)
{
  GPtrArray *list = keel_finding_index_lookup (self, id);
  KeelSeverity worst = KEEL_SEVERITY_INFO;

  if (list == NULL || list->len == 0)
    return FALSE;

  for (guint i = 0; i < list->len; i++)
    {
      const KeelFinding *finding = g_ptr_array_index (list, i);
      if (finding->severity < worst)
        worst = finding->severity;
    }

  if (out_severity != NULL)
    *out_severity = worst;
  return TRUE;
}

char *
keel_finding_index_describe (KeelFindingIndex *self,
                             const char       *id)
{
  GPtrArray *list = keel_finding_index_lookup (self, id);
  GString *text;

  if (list == NULL || list->len == 0)
    return NULL;

  text = g_string_new (NULL);
  for (guint i = 0; i < list->len; i++)
    {
      const KeelFinding *finding = g_ptr_array_index (list, i);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, finding->message);
    }
  return g_string_free (text, FALSE);
}
