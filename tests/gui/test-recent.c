/* test-recent.c: the recent projects of the welcome page — a project once opened is
 * offered there and opens when its row is activated.
 *
 * A program of its own: GTK's recent-files list is a singleton bound to the data
 * folder of the first test that uses it, which the isolated folders of later tests
 * would leave behind.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-recent"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "keel-gui-test.h"
#include "keel-welcome-page.h"
#include "keel-window-private.h"

static gboolean
has_project (gpointer data)
{
  return keel_window_get_project (data) != NULL;
}

/* The recent row titled @title on @page, or NULL. */
static AdwActionRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ACTION_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwActionRow *found = find_row (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_recent_projects (void)
{
  KeelApplication *app = keel_gui_test_get_app ();
  g_autofree char *dir = keel_gui_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "launch-plan.keel", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  KeelWindow *window;
  KeelWelcomePage *page;
  AdwActionRow *row;
  guint n_before;

  g_object_set (gtk_settings_get_default (), "gtk-recent-files-enabled", TRUE, NULL);

  {
    g_autoptr(KeelDocument) document = keel_document_create (file, &error);
    g_autoptr(KeelProject) project = NULL;

    g_assert_no_error (error);
    project = keel_project_load (document, &error);
    g_assert_no_error (error);
    g_assert_true (keel_project_set_name (project, "Launch Plan", &error));
    g_assert_true (keel_document_write_back (document, KEEL_WRITE_BACK_DEFAULT, NULL, &error));
    g_assert_no_error (error);
    g_clear_object (&project);
    keel_document_close (document);
  }

  /* Not offered before it was ever opened. */
  window = keel_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  page = window->welcome_page;
  keel_welcome_page_refresh (page);
  n_before = keel_welcome_page_get_n_recent (page);
  g_assert_null (find_row (GTK_WIDGET (page), "launch-plan"));

  /* Opened once, then closed. */
  keel_window_open_file (window, file);
  g_assert_true (keel_gui_test_wait_for (has_project, window));
  keel_gui_test_close_all ();
  keel_gui_test_iterate ();

  /* A new window's welcome page offers it. */
  window = keel_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  page = window->welcome_page;
  keel_welcome_page_refresh (page);
  keel_gui_test_iterate ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "welcome");
  g_assert_cmpuint (keel_welcome_page_get_n_recent (page), ==, n_before + 1);
  row = find_row (GTK_WIDGET (page), "launch-plan");
  g_assert_nonnull (row);
  {
    g_autofree char *folder = g_path_get_basename (dir);
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), folder));
  }

  /* Activating the row opens the project in this window. */
  adw_action_row_activate (row);
  g_assert_true (keel_gui_test_wait_for (has_project, window));
  g_assert_cmpstr (keel_project_get_name (keel_window_get_project (window)), ==, "Launch Plan");
  g_assert_true (g_file_equal (keel_window_get_file (window), file));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "project");

  /* A project that no longer exists is not offered. */
  keel_gui_test_close_all ();
  keel_gui_test_iterate ();
  g_assert_cmpint (g_unlink (path), ==, 0);
  window = keel_window_new (app);
  page = window->welcome_page;
  keel_welcome_page_refresh (page);
  g_assert_null (find_row (GTK_WIDGET (page), "launch-plan"));
  g_assert_cmpuint (keel_welcome_page_get_n_recent (page), ==, n_before);

  keel_gui_test_close_all ();
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  keel_gui_test_init (&argc, &argv);

  g_test_add_func ("/keel/gui/recent/open-from-welcome", test_recent_projects);

  return g_test_run ();
}
