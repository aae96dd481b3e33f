/* keel-welcome-page.c: the start page — new, open, recent projects, unsaved work and
 * the sample project.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-welcome-page"

#include "config.h"

#include <glib/gi18n.h>

#include "keel-welcome-page.h"

#define MAX_RECENT 8
#define KEEL_MIME_TYPE "application/x-keel-project"

struct _KeelWelcomePage
{
  AdwBin                parent_instance;

  AdwPreferencesGroup  *recoverable_group;
  GtkListBox           *recoverable_list;
  AdwPreferencesGroup  *recent_group;
  GtkListBox           *recent_list;

  GPtrArray            *recoverables;   /* KeelRecoverable */
  GtkRecentManager     *recent_manager;
  gulong                recent_changed_handler;
  guint                 n_recent;
};

G_DEFINE_FINAL_TYPE (KeelWelcomePage, keel_welcome_page, ADW_TYPE_BIN)

enum {
  OPEN_FILE,
  OPEN_RECOVERABLE,
  DISCARD_RECOVERABLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Helpers ---- */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* "~/Projects" rather than "/home/mia/Projects". */
static char *
display_folder (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *path = NULL;
  const char *home = g_get_home_dir ();

  if (parent == NULL)
    return g_strdup ("/");
  path = g_file_get_path (parent);
  if (path == NULL)
    return g_file_get_parse_name (parent);
  if (g_str_has_prefix (path, home) &&
      (path[strlen (home)] == '/' || path[strlen (home)] == '\0'))
    return g_strconcat ("~", path + strlen (home), NULL);
  return g_steal_pointer (&path);
}

static char *
display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  if (g_str_has_suffix (basename, ".keel") && strlen (basename) > strlen (".keel"))
    basename[strlen (basename) - strlen (".keel")] = '\0';
  return g_steal_pointer (&basename);
}

static gint
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo **) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo **) b;
  GDateTime *ma = gtk_recent_info_get_modified (info_a);
  GDateTime *mb = gtk_recent_info_get_modified (info_b);

  if (ma == NULL || mb == NULL)
    return (mb != NULL) - (ma != NULL);
  return g_date_time_compare (mb, ma);
}

/* ---- Callbacks ---- */

static void
recent_row_activated_cb (AdwActionRow    *row,
                         KeelWelcomePage *self)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "keel-uri");
  g_autoptr(GFile) file = g_file_new_for_uri (uri);

  g_signal_emit (self, signals[OPEN_FILE], 0, file);
}

static void
forget_clicked_cb (GtkButton       *button,
                   KeelWelcomePage *self)
{
  const char *uri = g_object_get_data (G_OBJECT (button), "keel-uri");

  /* Only the entry in the recent list goes; the file itself is untouched. */
  gtk_recent_manager_remove_item (self->recent_manager, uri, NULL);
}

static void
recoverable_row_activated_cb (AdwActionRow    *row,
                              KeelWelcomePage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "keel-index"));

  if (self->recoverables == NULL || index >= self->recoverables->len)
    return;
  g_signal_emit (self, signals[OPEN_RECOVERABLE], 0,
                 g_ptr_array_index (self->recoverables, index));
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     KeelWelcomePage  *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "keel-index"));

  if (g_strcmp0 (response, "discard") != 0)
    return;
  if (self->recoverables == NULL || index >= self->recoverables->len)
    return;

  g_signal_emit (self, signals[DISCARD_RECOVERABLE], 0,
                 g_ptr_array_index (self->recoverables, index));
  keel_welcome_page_refresh (self);
}

static void
discard_clicked_cb (GtkButton       *button,
                    KeelWelcomePage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "keel-index"));
  KeelRecoverable *recoverable;
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (self->recoverables == NULL || index >= self->recoverables->len)
    return;
  recoverable = g_ptr_array_index (self->recoverables, index);

  if (recoverable->document != NULL)
    {
      g_autofree char *name = g_file_get_parse_name (recoverable->document);
      body = g_strdup_printf (_("The edits that were not yet written to “%s” will be lost. "
                                "The file itself stays as it is."), name);
    }
  else
    body = g_strdup (_("This project was never saved to a file. It will be lost."));

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Discard Unsaved Work?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "keel-index", GUINT_TO_POINTER (index));
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
recent_changed_cb (GtkRecentManager *manager,
                   KeelWelcomePage  *self)
{
  keel_welcome_page_refresh (self);
}

/* ---- Building the lists ---- */

static void
fill_recoverable (KeelWelcomePage *self)
{
  clear_list (self->recoverable_list);
  g_clear_pointer (&self->recoverables, g_ptr_array_unref);
  self->recoverables = keel_document_list_recoverable ();

  for (guint i = 0; self->recoverables != NULL && i < self->recoverables->len; i++)
    {
      KeelRecoverable *recoverable = g_ptr_array_index (self->recoverables, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *discard = gtk_button_new_from_icon_name ("user-trash-symbolic");
      GtkWidget *open_icon = gtk_image_new_from_icon_name ("go-next-symbolic");
      const char *name = recoverable->name;
      g_autofree char *when = NULL;
      g_autofree char *subtitle = NULL;

      if (name == NULL || name[0] == '\0')
        name = _("Untitled Project");
      if (recoverable->modified != NULL)
        /* Translators: when the unsaved work was last edited, strftime() format */
        when = g_date_time_format (recoverable->modified, _("%-e %b %Y, %H:%M"));

      if (recoverable->document != NULL)
        {
          g_autofree char *path = g_file_get_parse_name (recoverable->document);
          subtitle = when != NULL
            /* Translators: %s is a file's location, %s a date and time */
            ? g_strdup_printf (_("Edits not written to %s, last edited %s"), path, when)
            : g_strdup_printf (_("Edits not written to %s"), path);
        }
      else
        subtitle = when != NULL
          /* Translators: %s is a date and time */
          ? g_strdup_printf (_("Never saved to a file, last edited %s"), when)
          : g_strdup (_("Never saved to a file"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Continue Where You Left Off"));
      g_object_set_data (G_OBJECT (row), "keel-index", GUINT_TO_POINTER (i));
      g_signal_connect (row, "activated", G_CALLBACK (recoverable_row_activated_cb), self);

      gtk_widget_set_valign (discard, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (discard, "flat");
      gtk_widget_set_tooltip_text (discard, _("Discard Unsaved Work"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (discard),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Discard Unsaved Work"),
                                      -1);
      g_object_set_data (G_OBJECT (discard), "keel-index", GUINT_TO_POINTER (i));
      g_signal_connect (discard, "clicked", G_CALLBACK (discard_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), discard);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open_icon);

      gtk_list_box_append (self->recoverable_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->recoverable_group),
                          self->recoverables != NULL && self->recoverables->len > 0);
}

static void
fill_recent (KeelWelcomePage *self)
{
  GList *items = gtk_recent_manager_get_items (self->recent_manager);
  g_autoptr(GPtrArray) keel_items = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);

  clear_list (self->recent_list);
  self->n_recent = 0;

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *mime = gtk_recent_info_get_mime_type (info);
      const char *uri = gtk_recent_info_get_uri (info);

      if (g_strcmp0 (mime, KEEL_MIME_TYPE) != 0 && !g_str_has_suffix (uri, ".keel"))
        continue;
      /* A project that was moved or deleted is not offered. */
      if (!gtk_recent_info_exists (info))
        continue;
      g_ptr_array_add (keel_items, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  g_ptr_array_sort (keel_items, compare_recent);

  for (guint i = 0; i < keel_items->len && i < MAX_RECENT; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (keel_items, i);
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GFile) file = g_file_new_for_uri (uri);
      g_autofree char *name = display_name (file);
      g_autofree char *folder = display_folder (file);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *forget = gtk_button_new_from_icon_name ("window-close-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "x-office-document-symbolic");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "keel-uri", g_strdup (uri), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (recent_row_activated_cb), self);

      gtk_widget_set_valign (forget, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (forget, "flat");
      gtk_widget_set_tooltip_text (forget, _("Remove From Recent Projects"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (forget),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove From Recent Projects"),
                                      -1);
      g_object_set_data_full (G_OBJECT (forget), "keel-uri", g_strdup (uri), g_free);
      g_signal_connect (forget, "clicked", G_CALLBACK (forget_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), forget);

      gtk_list_box_append (self->recent_list, row);
      self->n_recent++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), self->n_recent > 0);
}

/* ---- Overrides ---- */

static void
keel_welcome_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (keel_welcome_page_parent_class)->map (widget);

  /* What was left behind changes while the page is hidden (another window closed). */
  keel_welcome_page_refresh (KEEL_WELCOME_PAGE (widget));
}

static void
keel_welcome_page_dispose (GObject *object)
{
  KeelWelcomePage *self = KEEL_WELCOME_PAGE (object);

  g_clear_signal_handler (&self->recent_changed_handler, self->recent_manager);
  self->recent_manager = NULL;
  g_clear_pointer (&self->recoverables, g_ptr_array_unref);

  G_OBJECT_CLASS (keel_welcome_page_parent_class)->dispose (object);
}

static void
keel_welcome_page_class_init (KeelWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = keel_welcome_page_dispose;
  widget_class->map = keel_welcome_page_map;

  signals[OPEN_FILE] =
    g_signal_new ("open-file", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);
  signals[OPEN_RECOVERABLE] =
    g_signal_new ("open-recoverable", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[DISCARD_RECOVERABLE] =
    g_signal_new ("discard-recoverable", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/keelplanner/Keel/welcome/keel-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KeelWelcomePage, recoverable_group);
  gtk_widget_class_bind_template_child (widget_class, KeelWelcomePage, recoverable_list);
  gtk_widget_class_bind_template_child (widget_class, KeelWelcomePage, recent_group);
  gtk_widget_class_bind_template_child (widget_class, KeelWelcomePage, recent_list);
}

static void
keel_welcome_page_init (KeelWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->recent_manager = gtk_recent_manager_get_default ();
  self->recent_changed_handler = g_signal_connect (self->recent_manager, "changed",
                                                   G_CALLBACK (recent_changed_cb), self);
}

/* ---- Public API ---- */

GtkWidget *
keel_welcome_page_new (void)
{
  return g_object_new (KEEL_TYPE_WELCOME_PAGE, NULL);
}

void
keel_welcome_page_refresh (KeelWelcomePage *self)
{
  g_return_if_fail (KEEL_IS_WELCOME_PAGE (self));

  fill_recoverable (self);
  fill_recent (self);
}

guint
keel_welcome_page_get_n_recoverable (KeelWelcomePage *self)
{
  g_return_val_if_fail (KEEL_IS_WELCOME_PAGE (self), 0);
  return self->recoverables != NULL ? self->recoverables->len : 0;
}

guint
keel_welcome_page_get_n_recent (KeelWelcomePage *self)
{
  g_return_val_if_fail (KEEL_IS_WELCOME_PAGE (self), 0);
  return self->n_recent;
}
