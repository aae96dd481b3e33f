/* test-evidence.c: the evidence view driven through its real widgets — what cites each
 * piece, searching and filtering, linking to an item or debt in two clicks, the
 * editor (new, edit with citations, delete with undo), and a 10,000-piece list that
 * realises only the rows on screen.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-evidence"

#include "config.h"

#include <string.h>

#include "keel-evidence-view-private.h"
#include "keel-gui-test.h"
#include "keel-test-gui.h"
#include "keel-view-common.h"

/* ---- Helpers ---- */

typedef struct
{
  KeelProject      *project;
  KeelEvidenceView *view;
  GtkWidget        *window;
} Fixture;

static void
fixture_show (Fixture     *fixture,
              KeelProject *project)
{
  fixture->project = project;
  fixture->view = g_object_ref_sink (keel_evidence_view_new ());
  keel_evidence_view_set_project (fixture->view, project);
  fixture->window = keel_test_gui_show_view (GTK_WIDGET (fixture->view), 1000, 800, NULL);
  keel_test_gui_wait_frames (GTK_WIDGET (fixture->view));
}

static void
fixture_close (Fixture *fixture)
{
  keel_evidence_view_set_project (fixture->view, NULL);
  keel_test_gui_close_view (fixture->window, fixture->view);
  keel_test_gui_close_project (&fixture->project);
}

static KeelEvidence *
row (Fixture *fixture,
     guint    position)
{
  g_autoptr(KeelEvidence) evidence = g_list_model_get_item (keel_evidence_view_get_rows (fixture->view),
                                                            position);
  return evidence;   /* owned by the project */
}

static guint
n_rows (Fixture *fixture)
{
  return g_list_model_get_n_items (keel_evidence_view_get_rows (fixture->view));
}

static guint
count_citers (GPtrArray *citers)
{
  return citers != NULL ? citers->len : 0;
}

/* ---- Tests ---- */

/* Usable narrow (PRODUCT.md): the view asks for no more width than a phone-sized
 * window offers. */
static void
test_narrow (void)
{
  Fixture fixture = { 0, };

  fixture_show (&fixture, keel_test_gui_load_sample ());
  keel_test_gui_assert_narrow (GTK_WIDGET (fixture.view));

  fixture_close (&fixture);
}

static void
test_citers_and_order (void)
{
  Fixture fixture = { 0, };
  guint n;

  fixture_show (&fixture, keel_test_gui_load_sample ());
  n = n_rows (&fixture);
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (keel_project_get_evidence (fixture.project)));

  for (guint i = 0; i < n; i++)
    {
      KeelEvidence *evidence = row (&fixture, i);
      g_autoptr(GPtrArray) expected = keel_view_list_citers (fixture.project, evidence->id);
      GPtrArray *shown = keel_evidence_view_get_citers (fixture.view, evidence->id);

      /* Newest first. */
      if (i > 0)
        g_assert_cmpstr (row (&fixture, i - 1)->date, >=, evidence->date);

      g_assert_cmpuint (count_citers (shown), ==, expected->len);
      for (guint j = 0; j < expected->len; j++)
        g_assert_true (g_ptr_array_find (shown, g_ptr_array_index (expected, j), NULL));
    }

  fixture_close (&fixture);
}

static void
test_search_and_filter (void)
{
  Fixture fixture = { 0, };
  KeelEvidence *first;
  g_autofree char *upper = NULL;
  guint n, cited = 0, usage = 0;

  fixture_show (&fixture, keel_test_gui_load_sample ());
  n = n_rows (&fixture);
  for (guint i = 0; i < n; i++)
    {
      if (count_citers (keel_evidence_view_get_citers (fixture.view, row (&fixture, i)->id)) > 0)
        cited++;
      if (row (&fixture, i)->kind == KEEL_EVIDENCE_KIND_USAGE)
        usage++;
    }

  first = row (&fixture, 0);
  upper = g_utf8_strup (first->summary, -1);
  keel_evidence_view_set_filter (fixture.view, upper, -1, KEEL_CITATION_ANY);
  g_assert_cmpuint (n_rows (&fixture), >=, 1);
  g_assert_true (row (&fixture, 0) == first);

  keel_evidence_view_set_filter (fixture.view, NULL, KEEL_EVIDENCE_KIND_USAGE, KEEL_CITATION_ANY);
  g_assert_cmpuint (n_rows (&fixture), ==, usage);

  keel_evidence_view_set_filter (fixture.view, NULL, -1, KEEL_CITATION_CITED);
  g_assert_cmpuint (n_rows (&fixture), ==, cited);
  keel_evidence_view_set_filter (fixture.view, NULL, -1, KEEL_CITATION_UNCITED);
  g_assert_cmpuint (n_rows (&fixture), ==, n - cited);

  keel_evidence_view_set_filter (fixture.view, "nothing says this", -1, KEEL_CITATION_ANY);
  g_assert_cmpuint (n_rows (&fixture), ==, 0);
  g_assert_true (keel_evidence_view_reveal (fixture.view, first->id));
  g_assert_cmpuint (n_rows (&fixture), ==, n);

  fixture_close (&fixture);
}

static void
test_link_in_two_clicks (void)
{
  Fixture fixture = { 0, };
  KeelLinkPicker *picker;
  GListModel *matches;
  KeelEvidence *evidence;
  KeelItem *target = NULL;
  GListModel *items;
  g_autofree char *evidence_id = NULL;
  guint before;

  fixture_show (&fixture, keel_test_gui_load_sample ());
  evidence = row (&fixture, 0);
  evidence_id = g_strdup (evidence->id);
  before = count_citers (keel_evidence_view_get_citers (fixture.view, evidence_id));

  items = keel_project_get_items (fixture.project);
  for (guint i = 0; i < g_list_model_get_n_items (items) && target == NULL; i++)
    {
      g_autoptr(KeelItem) item = g_list_model_get_item (items, i);
      gboolean cites = FALSE;

      for (guint j = 0; j < item->evidence->len; j++)
        cites |= g_str_equal (g_ptr_array_index (item->evidence, j), evidence_id);
      if (!cites)
        target = item;
    }
  g_assert_nonnull (target);

  /* Click one: "Link to…" on the row; click two: the item found by its title. */
  picker = keel_evidence_view_open_link_picker (fixture.view, evidence_id);
  keel_link_picker_search (picker, target->title);
  matches = keel_link_picker_get_matches (picker);
  g_assert_cmpuint (g_list_model_get_n_items (matches), >=, 1);
  {
    g_autoptr(GObject) first = g_list_model_get_item (matches, 0);
    g_assert_true (first == G_OBJECT (target));
  }
  keel_link_picker_pick (picker, 0);

  g_assert_cmpstr (g_ptr_array_index (target->evidence, target->evidence->len - 1), ==, evidence_id);
  g_assert_cmpuint (count_citers (keel_evidence_view_get_citers (fixture.view, evidence_id)), ==, before + 1);

  /* What already cites it is not offered again. */
  picker = keel_evidence_view_open_link_picker (fixture.view, evidence_id);
  keel_link_picker_search (picker, target->title);
  for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
    {
      g_autoptr(GObject) match = g_list_model_get_item (matches, i);
      g_assert_true (match != G_OBJECT (target));
    }

  keel_test_gui_undo (fixture.project);
  g_assert_cmpuint (count_citers (keel_evidence_view_get_citers (fixture.view, evidence_id)), ==, before);

  fixture_close (&fixture);
}

static void
test_editor_new_edit_delete (void)
{
  Fixture fixture = { 0, };
  KeelEvidenceEditor *editor;
  KeelLinkGroup *citers;
  KeelLinkPicker *picker;
  g_autofree char *id = NULL;
  KeelEvidence *evidence;
  KeelItem *item;
  guint n;

  fixture_show (&fixture, keel_test_gui_load_sample ());
  n = n_rows (&fixture);

  /* New evidence, cited by an item at once: one undo step for both. */
  editor = keel_evidence_editor_open (fixture.project, NULL, GTK_WIDGET (fixture.view));
  g_object_ref (editor);
  id = g_strdup (keel_evidence_editor_get_evidence_id (editor));
  gtk_editable_set_text (GTK_EDITABLE (keel_evidence_editor_get_field (editor, "summary")),
                         "12 agencies asked for a client portal");
  adw_combo_row_set_selected (ADW_COMBO_ROW (keel_evidence_editor_get_field (editor, "kind")),
                              KEEL_EVIDENCE_KIND_REQUEST);
  gtk_editable_set_text (GTK_EDITABLE (keel_evidence_editor_get_field (editor, "source")), "support inbox");
  gtk_editable_set_text (GTK_EDITABLE (keel_evidence_editor_get_field (editor, "value")), "twelve");
  g_assert_false (keel_evidence_editor_save (editor));
  gtk_editable_set_text (GTK_EDITABLE (keel_evidence_editor_get_field (editor, "value")), "12");
  gtk_editable_set_text (GTK_EDITABLE (keel_evidence_editor_get_field (editor, "unit")), "agencies");

  citers = keel_evidence_editor_get_citers (editor);
  picker = keel_link_group_get_picker (citers);
  item = keel_project_lookup_item (fixture.project, "it-11");
  g_assert_nonnull (item);
  keel_link_picker_search (picker, item->title);
  keel_link_picker_pick (picker, 0);
  g_assert_cmpuint (keel_link_group_get_ids (citers)->len, ==, 1);

  g_assert_true (keel_evidence_editor_save (editor));
  g_object_unref (editor);

  evidence = keel_project_lookup_evidence (fixture.project, id);
  g_assert_nonnull (evidence);
  g_assert_cmpint (evidence->kind, ==, KEEL_EVIDENCE_KIND_REQUEST);
  g_assert_cmpstr (evidence->source, ==, "support inbox");
  g_assert_true (evidence->has_value);
  g_assert_cmpfloat (evidence->value, ==, 12);
  g_assert_cmpstr (evidence->unit, ==, "agencies");
  g_assert_cmpuint (n_rows (&fixture), ==, n + 1);
  g_assert_cmpuint (count_citers (keel_evidence_view_get_citers (fixture.view, id)), ==, 1);

  keel_test_gui_undo (fixture.project);
  g_assert_null (keel_project_lookup_evidence (fixture.project, id));
  for (guint i = 0; i < item->evidence->len; i++)
    g_assert_cmpstr (g_ptr_array_index (item->evidence, i), !=, id);
  g_assert_cmpuint (n_rows (&fixture), ==, n);

  /* Edit one that is cited: unlink in the editor, save, undo. */
  {
    g_autoptr(KeelEvidence) cited = NULL;

    for (guint i = 0; i < n && cited == NULL; i++)
      if (count_citers (keel_evidence_view_get_citers (fixture.view, row (&fixture, i)->id)) > 0)
        cited = g_object_ref (row (&fixture, i));
    g_assert_nonnull (cited);

    editor = keel_evidence_editor_open (fixture.project, cited->id, GTK_WIDGET (fixture.view));
    g_object_ref (editor);
    citers = keel_evidence_editor_get_citers (editor);
    {
      g_autofree char *first = g_strdup (g_ptr_array_index (keel_link_group_get_ids (citers), 0));
      guint before = count_citers (keel_evidence_view_get_citers (fixture.view, cited->id));

      g_assert_true (keel_link_group_remove (citers, first));
      g_assert_true (keel_evidence_editor_save (editor));
      g_assert_cmpuint (count_citers (keel_evidence_view_get_citers (fixture.view, cited->id)), ==, before - 1);
      keel_test_gui_undo (fixture.project);
      g_assert_cmpuint (count_citers (keel_evidence_view_get_citers (fixture.view, cited->id)), ==, before);
    }
    g_object_unref (editor);

    /* Delete from the view, which also unlinks it; Undo restores the links too. */
    {
      guint before = count_citers (keel_evidence_view_get_citers (fixture.view, cited->id));

      g_assert_true (keel_evidence_view_delete_evidence (fixture.view, cited->id));
      g_assert_null (keel_project_lookup_evidence (fixture.project, cited->id));
      g_assert_cmpuint (count_citers (keel_evidence_view_get_citers (fixture.view, cited->id)), ==, 0);
      keel_test_gui_undo (fixture.project);
      g_assert_nonnull (keel_project_lookup_evidence (fixture.project, cited->id));
      g_assert_cmpuint (count_citers (keel_evidence_view_get_citers (fixture.view, cited->id)), ==, before);
    }
  }

  fixture_close (&fixture);
}

static char *
large_evidence_json (guint n)
{
  GString *json = g_string_new ("{\"format\": \"keel-project\", \"version\": 1, \"name\": \"Large\", \"evidence\": [");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json,
                            "%s{\"id\": \"ev-%05u\", \"kind\": \"usage\", \"summary\": \"Observation %u\", "
                            "\"source\": \"analytics\", \"date\": \"2026-%02u-%02u\"}",
                            i > 0 ? ", " : "", i, i, 1 + i % 12, 1 + i % 28);
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

static void
test_large_list_virtualised (void)
{
  Fixture fixture = { 0, };
  g_autofree char *json = large_evidence_json (10000);
  GtkWidget *list;
  guint realised = 0;

  fixture_show (&fixture, keel_test_gui_project_from_json (json, strlen (json)));
  g_assert_cmpuint (n_rows (&fixture), ==, 10000);

  list = keel_evidence_view_get_list (fixture.view);
  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    realised++;
  g_assert_cmpuint (realised, >, 0);
  g_assert_cmpuint (realised, <, 200);

  keel_evidence_view_set_filter (fixture.view, "observation 999", -1, KEEL_CITATION_ANY);
  g_assert_cmpuint (n_rows (&fixture), ==, 11);   /* 999 and 9990–9999 */

  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  keel_gui_test_init (&argc, &argv);

  g_test_add_func ("/keel/gui/evidence/citers-and-order", test_citers_and_order);
  g_test_add_func ("/keel/gui/evidence/search-and-filter", test_search_and_filter);
  g_test_add_func ("/keel/gui/evidence/link-in-two-clicks", test_link_in_two_clicks);
  g_test_add_func ("/keel/gui/evidence/editor-new-edit-delete", test_editor_new_edit_delete);
  g_test_add_func ("/keel/gui/evidence/large-list-virtualised", test_large_list_virtualised);

  g_test_add_func ("/keel/gui/evidence/narrow", test_narrow);

  return g_test_run ();
}
