/* keel-test-gui.c: what the tests of the planning views share.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-test-gui"

#include "config.h"

#include "keel-gui-test.h"
#include "keel-json.h"
#include "keel-test-gui.h"

KeelProject *
keel_test_gui_project_from_json (const char *json,
                                 gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDocument) document = keel_document_new_untitled (&error);
  KeelProject *project;

  g_assert_no_error (error);
  project = keel_project_load (document, &error);
  g_assert_no_error (error);
  g_assert_true (keel_json_import (project, json, length, &error));
  g_assert_no_error (error);
  return project;
}

KeelProject *
keel_test_gui_load_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("KEEL_SOURCE_DIR"), "data", "sample",
                                            "sample.json", NULL);
  g_autofree char *json = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &json, &length, &error));
  g_assert_no_error (error);
  return keel_test_gui_project_from_json (json, length);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

GtkWidget *
keel_test_gui_show_view (GtkWidget  *view,
                         int         width,
                         int         height,
                         GtkWidget **out_overlay)
{
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *window;

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), view);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (keel_gui_test_wait_for (is_mapped, view));
  if (out_overlay != NULL)
    *out_overlay = overlay;
  return window;
}

static gboolean
count_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
enough_frames (gpointer data)
{
  return *(guint *) data >= 3;
}

void
keel_test_gui_wait_frames (GtkWidget *widget)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_tick_cb, &frames, NULL);

  g_assert_true (keel_gui_test_wait_for (enough_frames, &frames));
  gtk_widget_remove_tick_callback (widget, id);
}

void
keel_test_gui_close_view (GtkWidget *window,
                          gpointer   view)
{
  gtk_window_destroy (GTK_WINDOW (window));
  keel_gui_test_iterate ();
  g_assert_finalize_object (view);
}

void
keel_test_gui_close_project (KeelProject **project)
{
  KeelDocument *document = g_object_ref (keel_project_get_document (*project));

  g_clear_object (project);
  keel_document_close (document);
  g_object_unref (document);
}

void
keel_test_gui_assert_narrow (GtkWidget *view)
{
  int minimum, natural;

  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_test_message ("minimum width %d, natural %d", minimum, natural);
  g_assert_cmpint (minimum, <=, 360);
}

void
keel_test_gui_undo (KeelProject *project)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (keel_project_undo (project, &error));
  g_assert_no_error (error);
}
