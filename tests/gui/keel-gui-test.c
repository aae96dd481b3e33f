/* keel-gui-test.c: what the widget tests share.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-gui-test"

#include "config.h"

#include <string.h>

#include "keel-gui-test.h"

#include "keel-fit-view.h"
#include "keel-window-private.h"
/* The CLI tests' helpers: removing a temporary folder is the same for both. */
#include "../keel-test-cli.h"

static KeelApplication *test_app;

void
keel_gui_test_init (int    *argc,
                    char ***argv)
{
  /* The isolated folders hide the system's data folders, and with them the icon
   * theme: remember where the icons are before isolation starts. */
  g_auto(GStrv) data_dirs = g_strdupv ((char **) g_get_system_data_dirs ());
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);
  GtkIconTheme *theme;

  /* The same for the MIME database, which tells the image loaders an SVG icon is one. */
  for (guint i = 0; data_dirs[i] != NULL; i++)
    g_ptr_array_add (mime_dirs, g_build_filename (data_dirs[i], "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();

  /* The recent-files list is a singleton bound to the first test's data folder, which
   * goes away with that test. */
  g_object_set (gtk_settings_get_default (), "gtk-recent-files-enabled", FALSE, NULL);

  theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  for (guint i = 0; data_dirs[i] != NULL; i++)
    {
      g_autofree char *icons = g_build_filename (data_dirs[i], "icons", NULL);
      gtk_icon_theme_add_search_path (theme, icons);
    }
}

KeelApplication *
keel_gui_test_get_app (void)
{
  g_autoptr(GError) error = NULL;

  if (test_app != NULL)
    return test_app;

  test_app = keel_application_new ();
  /* Tests run beside each other and beside a Keel someone uses. */
  g_application_set_flags (G_APPLICATION (test_app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (test_app), NULL, &error);
  g_assert_no_error (error);
  return test_app;
}

void
keel_gui_test_iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

gboolean
keel_gui_test_wait_for (KeelGuiTestCondition condition,
                        gpointer             data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }
  keel_gui_test_iterate ();
  return TRUE;
}

AdwMessageDialog *
keel_gui_test_find_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */
  AdwMessageDialog *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && found == NULL; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          gtk_window_get_transient_for (window) == parent)
        found = ADW_MESSAGE_DIALOG (window);
    }
  return found;
}

static GPtrArray *
list_toplevels (gboolean keel_windows)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */
  GPtrArray *windows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      GtkWindow *window = g_list_model_get_item (toplevels, i);

      if (KEEL_IS_WINDOW (window) == keel_windows)
        g_ptr_array_add (windows, window);
      else
        g_object_unref (window);
    }
  return windows;
}

void
keel_gui_test_close_all (void)
{
  GPtrArray *windows;

  /* Dialogs first, gone for good, then the windows they belonged to. */
  windows = list_toplevels (FALSE);
  for (guint i = 0; i < windows->len; i++)
    gtk_window_destroy (windows->pdata[i]);
  g_ptr_array_unref (windows);
  keel_gui_test_iterate ();

  windows = list_toplevels (TRUE);
  for (guint i = 0; i < windows->len; i++)
    keel_window_close_discarding (windows->pdata[i]);
  g_ptr_array_unref (windows);
  keel_gui_test_iterate ();
}

char *
keel_gui_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("keel-gui-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

GFile *
keel_gui_test_tmp_file (const char *dir,
                        const char *name,
                        const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (contents != NULL)
    g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

char *
keel_gui_test_read_file (GFile *file,
                         gsize *length)
{
  char *contents = NULL;

  g_assert_true (g_file_load_contents (file, NULL, &contents, length, NULL, NULL));
  return contents;
}

void
keel_gui_test_remove_tmpdir (const char *dir)
{
  cli_remove_dir (dir);
}

KeelWindow *
keel_gui_test_open_sample (void)
{
  KeelApplication *app = keel_gui_test_get_app ();
  GtkWindow *window;

  keel_application_open_sample (app);
  keel_gui_test_iterate ();
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (KEEL_IS_WINDOW (window));
  if (keel_window_get_project (KEEL_WINDOW (window)) == NULL)
    {
      AdwMessageDialog *dialog = keel_gui_test_find_dialog (window);
      g_error ("The sample did not open: %s",
               dialog != NULL ? adw_message_dialog_get_body (dialog) : "no message");
    }
  return KEEL_WINDOW (window);
}

KeelSignalDetail *
keel_gui_test_show_signal (KeelWindow *window,
                           const char *signal_id)
{
  keel_window_reveal_subject (window, KEEL_SUBJECT_SIGNAL, signal_id);
  keel_gui_test_iterate ();
  return keel_fit_view_get_detail (window->fit_view);
}

void
keel_gui_test_sample_set_up (KeelGuiTestSample *sample,
                             gconstpointer      signal_id)
{
  sample->window = keel_gui_test_open_sample ();
  sample->project = keel_window_get_project (sample->window);
  sample->detail = signal_id != NULL ? keel_gui_test_show_signal (sample->window, signal_id)
                                     : keel_fit_view_get_detail (sample->window->fit_view);
}

void
keel_gui_test_sample_tear_down (KeelGuiTestSample *sample,
                                gconstpointer      signal_id)
{
  keel_gui_test_close_all ();
  memset (sample, 0, sizeof *sample);
}

void
keel_gui_test_store_result (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

gboolean
keel_gui_test_has_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

gboolean
keel_gui_test_import_file (KeelSignalDetail  *detail,
                           GFile             *file,
                           GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  keel_signal_detail_import_file_async (detail, file, NULL, keel_gui_test_store_result, &result);
  g_assert_true (keel_gui_test_wait_for (keel_gui_test_has_result, &result));
  return keel_signal_detail_import_file_finish (detail, result, error);
}

GtkWidget *
keel_gui_test_find_widget (GtkWidget        *widget,
                           KeelGuiTestMatch  match,
                           gpointer          data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = keel_gui_test_find_widget (child, match, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget *widget,
            gpointer   type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, (GType) GPOINTER_TO_SIZE (type));
}

GtkWidget *
keel_gui_test_find_of_type (GtkWidget *widget,
                            GType      type)
{
  return keel_gui_test_find_widget (widget, is_of_type, GSIZE_TO_POINTER (type));
}
