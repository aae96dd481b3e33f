/* keel-findings-panel.c: the side panel that lists the current findings by severity.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-findings-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "keel-findings-panel.h"
#include "keel-format.h"

struct _KeelFindingEntry
{
  GObject          parent_instance;
  gboolean         heading;
  KeelSeverity     severity;
  guint            count;          /* headings: findings under it */
  const char      *rule;           /* static */
  KeelSubjectType  subject_type;
  char            *subject_id;
  char            *subject_title;
  char            *message;
  char            *hint;
};

struct _KeelFindingsPanel
{
  AdwBin       parent_instance;

  GtkLabel    *summary_label;
  GtkStack    *stack;
  GtkListView *list_view;

  GListStore  *entries;
};

G_DEFINE_FINAL_TYPE (KeelFindingEntry, keel_finding_entry, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (KeelFindingsPanel, keel_findings_panel, ADW_TYPE_BIN)

enum {
  FINDING_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- KeelFindingEntry ---- */

static void
keel_finding_entry_finalize (GObject *object)
{
  KeelFindingEntry *self = KEEL_FINDING_ENTRY (object);

  g_free (self->subject_id);
  g_free (self->subject_title);
  g_free (self->message);
  g_free (self->hint);

  G_OBJECT_CLASS (keel_finding_entry_parent_class)->finalize (object);
}

static void
keel_finding_entry_class_init (KeelFindingEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = keel_finding_entry_finalize;
}

static void
keel_finding_entry_init (KeelFindingEntry *self)
{
}

static KeelFindingEntry *
keel_finding_entry_new_heading (KeelSeverity severity,
                                guint        count)
{
  KeelFindingEntry *self = g_object_new (KEEL_TYPE_FINDING_ENTRY, NULL);

  self->heading = TRUE;
  self->severity = severity;
  self->count = count;
  return self;
}

static KeelFindingEntry *
keel_finding_entry_new (const KeelFinding *finding)
{
  KeelFindingEntry *self = g_object_new (KEEL_TYPE_FINDING_ENTRY, NULL);

  self->severity = finding->severity;
  self->rule = finding->rule;
  self->subject_type = finding->subject_type;
  self->subject_id = g_strdup (finding->subject_id);
  self->subject_title = g_strdup (finding->subject_title);
  self->message = g_strdup (finding->message);
  self->hint = g_strdup (finding->hint);
  return self;
}

gboolean
keel_finding_entry_is_heading (KeelFindingEntry *self)
{
  g_return_val_if_fail (KEEL_IS_FINDING_ENTRY (self), FALSE);
  return self->heading;
}

KeelSeverity
keel_finding_entry_get_severity (KeelFindingEntry *self)
{
  g_return_val_if_fail (KEEL_IS_FINDING_ENTRY (self), KEEL_SEVERITY_INFO);
  return self->severity;
}

const char *
keel_finding_entry_get_rule (KeelFindingEntry *self)
{
  g_return_val_if_fail (KEEL_IS_FINDING_ENTRY (self), NULL);
  return self->rule;
}

KeelSubjectType
keel_finding_entry_get_subject_type (KeelFindingEntry *self)
{
  g_return_val_if_fail (KEEL_IS_FINDING_ENTRY (self), KEEL_SUBJECT_PROJECT);
  return self->subject_type;
}

const char *
keel_finding_entry_get_subject_id (KeelFindingEntry *self)
{
  g_return_val_if_fail (KEEL_IS_FINDING_ENTRY (self), NULL);
  return self->subject_id;
}

const char *
keel_finding_entry_get_message (KeelFindingEntry *self)
{
  g_return_val_if_fail (KEEL_IS_FINDING_ENTRY (self), NULL);
  return self->message;
}

/* ---- The row widgets ---- */

typedef struct
{
  GtkWidget *heading;
  GtkWidget *finding;
  GtkWidget *icon;
  GtkWidget *subject;
  GtkWidget *message;
  GtkWidget *hint;
  GtkWidget *rule;
} RowParts;

static GtkWidget *
new_label (const char *css_class,
           gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      /* A wrapped label asks for its whole text on one line: keep the panel narrow. */
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
      gtk_label_set_width_chars (GTK_LABEL (label), 20);
    }
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
    }
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
factory_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  RowParts *parts = g_new0 (RowParts, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *text;

  parts->heading = new_label ("heading", FALSE);
  gtk_widget_add_css_class (parts->heading, "findings-heading");
  gtk_box_append (GTK_BOX (box), parts->heading);

  parts->finding = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (parts->finding, "finding-row");
  parts->icon = gtk_image_new ();
  gtk_widget_set_valign (parts->icon, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (parts->finding), parts->icon);

  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (text, TRUE);
  parts->subject = new_label ("heading", TRUE);
  parts->message = new_label (NULL, TRUE);
  parts->hint = new_label ("dim-label", TRUE);
  gtk_widget_add_css_class (parts->hint, "caption");
  parts->rule = new_label ("dim-label", FALSE);
  gtk_widget_add_css_class (parts->rule, "caption");
  gtk_widget_add_css_class (parts->rule, "monospace");
  gtk_box_append (GTK_BOX (text), parts->subject);
  gtk_box_append (GTK_BOX (text), parts->message);
  gtk_box_append (GTK_BOX (text), parts->hint);
  gtk_box_append (GTK_BOX (text), parts->rule);
  gtk_box_append (GTK_BOX (parts->finding), text);
  gtk_box_append (GTK_BOX (box), parts->finding);

  g_object_set_data_full (G_OBJECT (box), "keel-row-parts", parts, g_free);
  gtk_list_item_set_child (list_item, box);
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  KeelFindingEntry *entry = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  RowParts *parts = g_object_get_data (G_OBJECT (box), "keel-row-parts");

  gtk_widget_set_visible (parts->heading, entry->heading);
  gtk_widget_set_visible (parts->finding, !entry->heading);
  gtk_list_item_set_activatable (list_item, !entry->heading);
  gtk_list_item_set_selectable (list_item, !entry->heading);

  if (entry->heading)
    {
      g_autofree char *text = g_strdup_printf ("%s (%u)",
                                               keel_format_severity_heading (entry->severity),
                                               entry->count);
      gtk_label_set_label (GTK_LABEL (parts->heading), text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                      -1);
    }
  else
    {
      const char *subject = entry->subject_title;
      g_autofree char *label = NULL;

      if (subject == NULL || subject[0] == '\0')
        subject = entry->subject_type == KEEL_SUBJECT_PROJECT ? _("The whole project")
                                                              : entry->subject_id;

      gtk_image_set_from_icon_name (GTK_IMAGE (parts->icon),
                                    keel_format_severity_icon (entry->severity));
      gtk_widget_remove_css_class (parts->icon, "error");
      gtk_widget_remove_css_class (parts->icon, "warning");
      gtk_widget_remove_css_class (parts->icon, "accent");
      gtk_widget_add_css_class (parts->icon, keel_format_severity_css_class (entry->severity));
      gtk_label_set_label (GTK_LABEL (parts->subject), subject);
      gtk_label_set_label (GTK_LABEL (parts->message), entry->message);
      gtk_label_set_label (GTK_LABEL (parts->hint), entry->hint);
      gtk_widget_set_visible (parts->hint, entry->hint != NULL && entry->hint[0] != '\0');
      gtk_label_set_label (GTK_LABEL (parts->rule), entry->rule);

      /* Translators: how a screen reader reads one finding: severity, subject, message */
      label = g_strdup_printf (_("%s: %s. %s"),
                               keel_format_severity_label (entry->severity),
                               subject, entry->message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      gtk_widget_set_tooltip_text (box, entry->hint);
    }
}

/* ---- Callbacks ---- */

static void
list_activate_cb (KeelFindingsPanel *self,
                  guint              position)
{
  g_autoptr(KeelFindingEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries),
                                                             position);

  if (entry == NULL || entry->heading)
    return;

  g_signal_emit (self, signals[FINDING_ACTIVATED], 0,
                 (int) entry->subject_type, entry->subject_id);
}

/* ---- Overrides ---- */

static void
keel_findings_panel_dispose (GObject *object)
{
  KeelFindingsPanel *self = KEEL_FINDINGS_PANEL (object);

  g_clear_object (&self->entries);

  G_OBJECT_CLASS (keel_findings_panel_parent_class)->dispose (object);
}

static void
keel_findings_panel_class_init (KeelFindingsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = keel_findings_panel_dispose;

  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/keelplanner/Keel/findings/keel-findings-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, KeelFindingsPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KeelFindingsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, KeelFindingsPanel, list_view);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
}

/* The list gets its model when the panel is first shown: a hidden list view would
 * still build and measure rows for thousands of findings. */
static void
map_cb (KeelFindingsPanel *self)
{
  g_autoptr(GtkSelectionModel) selection = NULL;

  if (gtk_list_view_get_model (self->list_view) != NULL)
    return;
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->entries))));
  gtk_list_view_set_model (self->list_view, selection);
}

static void
keel_findings_panel_init (KeelFindingsPanel *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_list_store_new (KEEL_TYPE_FINDING_ENTRY);
  g_signal_connect (factory, "setup", G_CALLBACK (factory_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (factory_bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);

  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* ---- Public API ---- */

GtkWidget *
keel_findings_panel_new (void)
{
  return g_object_new (KEEL_TYPE_FINDINGS_PANEL, NULL);
}

void
keel_findings_panel_set_findings (KeelFindingsPanel *self,
                                  GPtrArray         *findings)
{
  g_autoptr(GPtrArray) entries = NULL;
  guint counts[3] = { 0, 0, 0 };
  g_autofree char *summary = NULL;
  guint n = findings != NULL ? findings->len : 0;

  g_return_if_fail (KEEL_IS_FINDINGS_PANEL (self));

  for (guint i = 0; i < n; i++)
    {
      const KeelFinding *finding = g_ptr_array_index (findings, i);
      if ((guint) finding->severity < G_N_ELEMENTS (counts))
        counts[finding->severity]++;
    }

  /* One splice, so the list view sees a single items-changed per recomputation. */
  entries = g_ptr_array_new_full (n + 3, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      const KeelFinding *finding = g_ptr_array_index (findings, i);
      const KeelFinding *previous = i > 0 ? g_ptr_array_index (findings, i - 1) : NULL;

      if (previous == NULL || previous->severity != finding->severity)
        g_ptr_array_add (entries, keel_finding_entry_new_heading (finding->severity,
                                                                  counts[finding->severity]));
      g_ptr_array_add (entries, keel_finding_entry_new (finding));
    }

  g_list_store_splice (self->entries, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       entries->pdata, entries->len);

  if (n == 0)
    summary = g_strdup ("");
  else
    /* Translators: the count of findings in the panel's title */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finding", "%u findings", n), n);
  gtk_label_set_label (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

GListModel *
keel_findings_panel_get_model (KeelFindingsPanel *self)
{
  g_return_val_if_fail (KEEL_IS_FINDINGS_PANEL (self), NULL);
  return G_LIST_MODEL (self->entries);
}
