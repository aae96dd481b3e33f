/* test-i18n.c: Keel started in German shows its German strings (po/de.po), in the
 * widgets built from templates and in those built in code.
 *
 * The catalogue is compiled from po/de.po into a folder of the test's own (msgfmt) and
 * bound as main.c binds the installed one. glibc's gettext ignores LANGUAGE when the
 * locale is "C", but not with C.UTF-8, which every glibc has built in: so the test
 * needs no German locale installed.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-i18n"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "keel-gui-test.h"
#include "keel-signal-detail.h"
#include "keel-window-private.h"

static char *locale_dir;

/* Whether a label (as written, mnemonic included) or a row title under @widget reads
 * @text. */
static gboolean
shows (GtkWidget  *widget,
       const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) == 0)
    return TRUE;
  if (ADW_IS_STATUS_PAGE (widget) &&
      g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
has_project (gpointer data)
{
  return keel_window_get_project (data) != NULL;
}

/* Compiles po/de.po into @dir/de/LC_MESSAGES/GETTEXT_PACKAGE.mo. */
static gboolean
compile_catalogue (const char  *dir,
                   GError     **error)
{
  const char *source_dir = g_getenv ("KEEL_SOURCE_DIR");
  g_autofree char *po = g_build_filename (source_dir != NULL ? source_dir : ".", "po", "de.po", NULL);
  g_autofree char *messages = g_build_filename (dir, "de", "LC_MESSAGES", NULL);
  g_autofree char *mo = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
  const char *argv[] = { "msgfmt", "--check-format", "-o", mo, po, NULL };
  int status = 0;

  g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     &status, error))
    return FALSE;
  return g_spawn_check_wait_status (status, error);
}

static void
test_german (void)
{
  KeelApplication *app = keel_gui_test_get_app ();
  KeelWindow *window;
  KeelSignalDetail *detail;

  /* What main.c does with the installed catalogue. */
  g_assert_nonnull (bindtextdomain (GETTEXT_PACKAGE, locale_dir));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_assert_cmpstr (_("Recent Projects"), ==, "Zuletzt verwendete Projekte");

  /* The welcome page (a template). */
  window = keel_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  keel_gui_test_iterate ();
  g_assert_true (shows (GTK_WIDGET (window->welcome_page), "Willkommen bei Keel"));
  g_assert_true (shows (GTK_WIDGET (window->welcome_page), "Ö_ffnen …"));
  g_assert_true (shows (GTK_WIDGET (window->welcome_page), "_Beispielprojekt öffnen"));
  g_assert_false (shows (GTK_WIDGET (window->welcome_page), "Welcome to Keel"));
  keel_gui_test_close_all ();

  /* The sample: the organic-growth signal's detail, from its template and from code. */
  keel_application_open_sample (app);
  keel_gui_test_iterate ();
  window = KEEL_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (keel_gui_test_wait_for (has_project, window));
  detail = keel_gui_test_show_signal (window, "sig-org");
  g_assert_true (shows (GTK_WIDGET (detail), "CSV _importieren …"));
  g_assert_true (shows (GTK_WIDGET (detail), "Neukunden nach Kanal"));
  g_assert_true (shows (GTK_WIDGET (detail), "Wert"));
  g_assert_true (shows (GTK_WIDGET (detail), "Neueste Daten"));
  g_assert_true (shows (GTK_WIDGET (detail), "Organischer Anteil der Neukunden nach Zeitraum"));
  g_assert_true (shows (GTK_WIDGET (detail), "Kanalklassen"));
  g_assert_false (shows (GTK_WIDGET (detail), "_Import CSV…"));
  g_assert_false (shows (GTK_WIDGET (detail), "Channel Classes"));
  /* The channel rows' choices. */
  {
    AdwComboRow *row = keel_signal_detail_get_channel_row (detail, "ads");
    GListModel *model;

    g_assert_nonnull (row);
    model = adw_combo_row_get_model (row);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==, "Organisch");
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 1), ==, "Bezahlt");
  }

  keel_gui_test_close_all ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Before GTK sets the locale up from the environment. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  keel_gui_test_init (&argc, &argv);
  g_assert_nonnull (setlocale (LC_MESSAGES, NULL));
  g_assert_cmpstr (setlocale (LC_MESSAGES, NULL), !=, "C");

  /* Outside the isolated folders, which each test replaces. */
  locale_dir = g_dir_make_tmp ("keel-locale-XXXXXX", &error);
  g_assert_no_error (error);
  if (!compile_catalogue (locale_dir, &error))
    g_error ("Could not compile po/de.po: %s", error->message);

  g_test_add_func ("/keel/gui/i18n/german", test_german);
  status = g_test_run ();

  {
    g_autofree char *mo = g_build_filename (locale_dir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
    g_autofree char *messages = g_build_filename (locale_dir, "de", "LC_MESSAGES", NULL);
    g_autofree char *de = g_build_filename (locale_dir, "de", NULL);
    g_unlink (mo);
    g_rmdir (messages);
    g_rmdir (de);
    g_rmdir (locale_dir);
  }
  g_free (locale_dir);
  return status;
}
