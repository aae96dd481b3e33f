/* keel-application.c: the Keel desktop application — one window per project, the
 * welcome page when none is open, `keel FILE.keel` and `keel --sample`.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-application"

#include "config.h"

#include <glib/gi18n.h>

#include "keel-application.h"
#include "keel-json.h"
#include "keel-resources.h"
#ifdef KEEL_HAVE_DATA_RESOURCE
# include "keel-data-resources.h"
#endif
#include "keel-window.h"

#define SAMPLE_RESOURCE "/io/github/keelplanner/Keel/sample/sample.json"

struct _KeelApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  gboolean        open_sample;
  /* Options for screenshots and tests; they apply to the first window. */
  char           *color_scheme;
  char           *initial_view;
  char           *as_of;
  int             width;
  int             height;
  gboolean        show_findings;
  char           *screenshot;
  char           *reveal;
  gboolean        screenshot_scheduled;
  gboolean        screenshot_failed;
};

G_DEFINE_FINAL_TYPE (KeelApplication, keel_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "sample", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the bundled sample project as a new, untitled project"), NULL },
  { "color-scheme", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Use the light or dark style (default: follow the system)"), N_("light|dark|default") },
  { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Start on a view"), N_("fit|board|debt|evidence") },
  { "as-of", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show the project as it stood on a date"), N_("YYYY-MM-DD") },
  { "window-size", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open the window at this size"), N_("WIDTHxHEIGHT") },
  { "show-findings", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the findings panel"), NULL },
  { "reveal", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show the signal, item or debt with this id"), N_("ID") },
  { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Save the first window as a PNG image once it is drawn, then quit without saving"),
    N_("FILE") },
  { NULL }
};

/* ---- Helpers ---- */

static KeelWindow *
find_window_for_file (KeelApplication *self,
                      GFile           *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      GFile *shown;

      if (!KEEL_IS_WINDOW (l->data))
        continue;
      shown = keel_window_get_file (l->data);
      if (shown != NULL && g_file_equal (shown, file))
        return l->data;
    }
  return NULL;
}

/* A window on its welcome page is reused; otherwise each project gets a new one. */
static KeelWindow *
window_for_new_project (KeelApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (KEEL_IS_WINDOW (active) && keel_window_get_project (KEEL_WINDOW (active)) == NULL)
    return KEEL_WINDOW (active);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (KEEL_IS_WINDOW (l->data) && keel_window_get_project (l->data) == NULL)
      return l->data;

  return keel_window_new (self);
}

static void
apply_color_scheme (KeelApplication *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autofree char *scheme = NULL;

  if (self->color_scheme != NULL)
    scheme = g_strdup (self->color_scheme);
  else if (self->settings != NULL)
    scheme = g_settings_get_string (self->settings, "color-scheme");

  if (g_strcmp0 (scheme, "dark") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else if (g_strcmp0 (scheme, "light") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

static void
color_scheme_changed_cb (KeelApplication *self)
{
  /* A scheme chosen on the command line is for that run only. */
  g_clear_pointer (&self->color_scheme, g_free);
  apply_color_scheme (self);
}

/* The first window honours the options given for screenshots and tests. */
static void
apply_window_options (KeelApplication *self,
                      KeelWindow      *window)
{
  if (self->width > 0 && self->height > 0)
    {
      gtk_window_unmaximize (GTK_WINDOW (window));
      gtk_window_set_default_size (GTK_WINDOW (window), self->width, self->height);
      self->width = self->height = 0;
    }
  if (self->as_of != NULL && keel_window_get_project (window) != NULL)
    {
      keel_window_set_as_of (window, self->as_of);
      g_clear_pointer (&self->as_of, g_free);
    }
  if (self->initial_view != NULL && keel_window_get_project (window) != NULL)
    {
      keel_window_show_view (window, self->initial_view);
      g_clear_pointer (&self->initial_view, g_free);
    }
  if (self->reveal != NULL && keel_window_get_project (window) != NULL)
    {
      KeelProject *project = keel_window_get_project (window);

      if (keel_project_lookup_signal (project, self->reveal) != NULL)
        keel_window_reveal_subject (window, KEEL_SUBJECT_SIGNAL, self->reveal);
      else if (keel_project_lookup_item (project, self->reveal) != NULL)
        keel_window_reveal_subject (window, KEEL_SUBJECT_ITEM, self->reveal);
      else if (keel_project_lookup_debt (project, self->reveal) != NULL)
        keel_window_reveal_subject (window, KEEL_SUBJECT_DEBT, self->reveal);
      g_clear_pointer (&self->reveal, g_free);
    }
  if (self->show_findings && keel_window_get_project (window) != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-findings", NULL);
      self->show_findings = FALSE;
    }
}

/* The screenshot mode: once the window has settled, render it, then leave without
 * writing anything (an untitled sample is thrown away). */
static gboolean
screenshot_timeout_cb (gpointer user_data)
{
  KeelApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) windows = NULL;

  if (!KEEL_IS_WINDOW (window) || !keel_window_save_screenshot (KEEL_WINDOW (window), self->screenshot, &error))
    {
      g_printerr ("keel: %s: %s\n", self->screenshot,
                  error != NULL ? error->message : _("no window to capture"));
      self->screenshot_failed = TRUE;
    }

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (KEEL_IS_WINDOW (l->data))
        keel_window_close_discarding (l->data);
      else
        gtk_window_destroy (l->data);
    }
  g_application_release (G_APPLICATION (self));
  return G_SOURCE_REMOVE;
}

static void
present_window (KeelApplication *self,
                KeelWindow      *window)
{
  apply_window_options (self, window);
  gtk_window_present (GTK_WINDOW (window));

  if (self->screenshot != NULL && !self->screenshot_scheduled)
    {
      /* Long enough for the first frames, the charts and the lists to settle. */
      self->screenshot_scheduled = TRUE;
      g_application_hold (G_APPLICATION (self));
      g_timeout_add (2000, screenshot_timeout_cb, self);
    }
}

/* ---- Actions ---- */

static void
new_action (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  keel_application_new_project (KEEL_APPLICATION (user_data));
}

static void
open_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  KeelApplication *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          keel_application_open_file (self, file);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  KeelApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) keel = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Project"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (keel, _("Keel Projects"));
  gtk_file_filter_add_mime_type (keel, "application/x-keel-project");
  gtk_file_filter_add_suffix (keel, "keel");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), keel);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_sample_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  keel_application_open_sample (KEEL_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  KeelApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Keel developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Keel"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Keel developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Decide when to scale, what to scale next, and which "
                                      "shortcuts to pay back first — and check that the plan "
                                      "follows the evidence."),
                        "website", "https://github.com/keelplanner/keel",
                        "issue-url", "https://github.com/keelplanner/keel/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  KeelApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Each window writes back or asks about its own project; the application quits when
   * the last one has gone. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static const GActionEntry app_actions[] = {
  { "new", new_action },
  { "open", open_action },
  { "open-sample", open_sample_action },
  { "about", about_action },
  { "quit", quit_action },
};

/* ---- Overrides ---- */

static int
keel_application_handle_local_options (GApplication *application,
                                       GVariantDict *options)
{
  KeelApplication *self = KEEL_APPLICATION (application);
  const char *scheme = NULL, *view = NULL, *as_of = NULL, *size = NULL;
  g_autoptr(GError) error = NULL;

  if (g_variant_dict_lookup (options, "color-scheme", "&s", &scheme))
    {
      if (!g_str_equal (scheme, "light") && !g_str_equal (scheme, "dark") &&
          !g_str_equal (scheme, "default"))
        {
          g_printerr (_("keel: --color-scheme must be light, dark or default\n"));
          return 2;
        }
      self->color_scheme = g_strdup (scheme);
    }
  if (g_variant_dict_lookup (options, "view", "&s", &view))
    self->initial_view = g_strdup (view);
  g_variant_dict_lookup (options, "reveal", "s", &self->reveal);
  if (g_variant_dict_lookup (options, "as-of", "&s", &as_of))
    {
      if (!keel_date_is_valid (as_of))
        {
          g_printerr (_("keel: --as-of needs a date as YYYY-MM-DD\n"));
          return 2;
        }
      self->as_of = g_strdup (as_of);
    }
  if (g_variant_dict_lookup (options, "window-size", "&s", &size) &&
      sscanf (size, "%dx%d", &self->width, &self->height) != 2)
    {
      g_printerr (_("keel: --window-size needs WIDTHxHEIGHT\n"));
      return 2;
    }
  self->show_findings = g_variant_dict_contains (options, "show-findings");
  if (g_variant_dict_lookup (options, "screenshot", "^ay", &self->screenshot) &&
      self->screenshot[0] == '\0')
    g_clear_pointer (&self->screenshot, g_free);
  /* A screenshot run is a Keel of its own, even beside a running one. */
  if (self->screenshot != NULL)
    g_application_set_flags (application,
                             g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);

  if (g_variant_dict_contains (options, "sample"))
    {
      if (!g_application_register (application, NULL, &error))
        {
          g_printerr ("keel: %s\n", error->message);
          return 1;
        }
      /* A Keel that is already running opens the sample in a window of its own. */
      if (g_application_get_is_remote (application))
        {
          g_action_group_activate_action (G_ACTION_GROUP (application), "open-sample", NULL);
          return 0;
        }
      self->open_sample = TRUE;
    }

  return G_APPLICATION_CLASS (keel_application_parent_class)->handle_local_options (application, options);
}

static void
keel_application_startup (GApplication *application)
{
  KeelApplication *self = KEEL_APPLICATION (application);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  G_APPLICATION_CLASS (keel_application_parent_class)->startup (application);


  g_set_application_name (_("Keel"));
  gtk_window_set_default_icon_name (APP_ID);

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new (APP_ID);
      g_signal_connect_swapped (self->settings, "changed::color-scheme",
                                G_CALLBACK (color_scheme_changed_cb), self);
    }
  else
    g_message ("The GSettings schema %s is not installed: window sizes are not remembered", APP_ID);
  apply_color_scheme (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new",
                                         (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.open",
                                         (const char *[]) { "<Control>o", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close",
                                         (const char *[]) { "<Control>w", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.save-as",
                                         (const char *[]) { "<Control><Shift>s", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.import-data",
                                         (const char *[]) { "<Control>i", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.export-json",
                                         (const char *[]) { "<Control>e", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.report",
                                         (const char *[]) { "<Control>p", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.find",
                                         (const char *[]) { "<Control>f", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.toggle-findings",
                                         (const char *[]) { "F9", NULL });
}

static void
keel_application_activate (GApplication *application)
{
  KeelApplication *self = KEEL_APPLICATION (application);
  GtkWindow *active;

  if (self->open_sample)
    {
      self->open_sample = FALSE;
      keel_application_open_sample (self);
      return;
    }

  active = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (active == NULL)
    active = GTK_WINDOW (keel_window_new (self));
  present_window (self, KEEL_WINDOW (active));
}

static void
keel_application_open (GApplication  *application,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  KeelApplication *self = KEEL_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    keel_application_open_file (self, files[i]);

  if (self->open_sample)
    {
      self->open_sample = FALSE;
      keel_application_open_sample (self);
    }
}

static void
keel_application_dispose (GObject *object)
{
  KeelApplication *self = KEEL_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (keel_application_parent_class)->dispose (object);
}

static void
keel_application_finalize (GObject *object)
{
  KeelApplication *self = KEEL_APPLICATION (object);

  g_free (self->color_scheme);
  g_free (self->initial_view);
  g_free (self->as_of);
  g_free (self->screenshot);
  g_free (self->reveal);

  G_OBJECT_CLASS (keel_application_parent_class)->finalize (object);
}

static void
keel_application_class_init (KeelApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = keel_application_dispose;
  object_class->finalize = keel_application_finalize;
  app_class->handle_local_options = keel_application_handle_local_options;
  app_class->startup = keel_application_startup;
  app_class->activate = keel_application_activate;
  app_class->open = keel_application_open;
}

static void
keel_application_init (KeelApplication *self)
{
  static gsize registered = 0;

  /* Registered by hand (linked from a static library, an object whose only use is a
   * constructor would be dropped), and before startup, where AdwApplication loads
   * style.css and the icons from the resource base path. */
  if (g_once_init_enter (&registered))
    {
      keel_register_resource ();
#ifdef KEEL_HAVE_DATA_RESOURCE
      keel_data_register_resource ();
#endif
      g_once_init_leave (&registered, 1);
    }

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE.keel…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Plan the step after a minimum viable product."));
}

/* ---- Public API ---- */

KeelApplication *
keel_application_new (void)
{
  return g_object_new (KEEL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/keelplanner/Keel",
                       NULL);
}

GSettings *
keel_application_get_settings (KeelApplication *self)
{
  g_return_val_if_fail (KEEL_IS_APPLICATION (self), NULL);
  return self->settings;
}

void
keel_application_open_file (KeelApplication *self,
                            GFile           *file)
{
  KeelWindow *window;

  g_return_if_fail (KEEL_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  window = find_window_for_file (self, file);
  if (window == NULL)
    {
      window = window_for_new_project (self);
      keel_window_open_file (window, file);
    }
  present_window (self, window);
}

void
keel_application_new_project (KeelApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelProject) project = NULL;
  KeelWindow *window;

  g_return_if_fail (KEEL_IS_APPLICATION (self));

  window = window_for_new_project (self);
  document = keel_document_new_untitled (&error);
  if (document != NULL)
    {
      /* A new project starts with the three data signals, as `keel-cli new` does. */
      project = keel_project_load (document, &error);
      if (project != NULL && g_list_model_get_n_items (keel_project_get_signals (project)) == 0 &&
          !keel_project_add_default_signals (project, &error))
        g_clear_object (&project);
    }
  /* The project is loaded again by the window, so that setting it up is no undo step. */
  g_clear_object (&project);
  if (document == NULL || error != NULL || !keel_window_set_document (window, document, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Could Not Create a Project"),
                                                  error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      present_window (self, window);
      gtk_window_present (GTK_WINDOW (dialog));
      if (document != NULL)
        keel_document_close (document);
      return;
    }
  present_window (self, window);
}

GBytes *
keel_application_load_sample_json (GError **error)
{
  const char *override = g_getenv ("KEEL_SAMPLE_JSON");
  g_autofree char *contents = NULL;
  gsize length = 0;

  /* Tests and developers may point at another sample. */
  if (override != NULL && override[0] != '\0')
    {
      if (!g_file_get_contents (override, &contents, &length, error))
        return NULL;
      return g_bytes_new_take (g_steal_pointer (&contents), length);
    }

#ifdef KEEL_HAVE_DATA_RESOURCE
  return g_resources_lookup_data (SAMPLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
#else
  g_autofree char *installed = g_build_filename (PKGDATADIR, "sample", "sample.json", NULL);

  if (g_file_get_contents (installed, &contents, &length, NULL) ||
      g_file_get_contents (KEEL_SOURCE_SAMPLE, &contents, &length, error))
    return g_bytes_new_take (g_steal_pointer (&contents), length);
  return NULL;
#endif
}

void
keel_application_open_sample (KeelApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelProject) project = NULL;
  KeelWindow *window;

  g_return_if_fail (KEEL_IS_APPLICATION (self));

  window = window_for_new_project (self);

  /* The sample becomes a new untitled project: the bundled original never changes. */
  json = keel_application_load_sample_json (&error);
  if (json != NULL)
    document = keel_document_new_untitled (&error);
  if (document != NULL)
    project = keel_project_load (document, &error);
  if (project != NULL)
    {
      gsize length = 0;
      const char *text = g_bytes_get_data (json, &length);

      if (!keel_json_import (project, text, length, &error))
        g_clear_object (&project);
    }

  /* Loaded anew by the window, so that the import is not an undo step. */
  if (project != NULL)
    {
      g_clear_object (&project);
      if (keel_window_set_document (window, document, &error))
        {
          present_window (self, window);
          return;
        }
    }

  {
    GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window),
                                                _("Could Not Open the Sample Project"),
                                                error != NULL ? error->message : NULL);
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
    if (document != NULL)
      keel_document_close (document);
    present_window (self, window);
    gtk_window_present (GTK_WINDOW (dialog));
  }
}

gboolean
keel_application_get_failed (KeelApplication *self)
{
  g_return_val_if_fail (KEEL_IS_APPLICATION (self), FALSE);
  return self->screenshot_failed;
}
