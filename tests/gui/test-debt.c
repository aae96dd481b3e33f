/* test-debt.c: the debt register driven through its real widgets — sorting by each
 * column, filtering by text, status and quadrant (also from the chart), the totals,
 * "Plan a Fix", the debt editor, and the offer to mark a debt paid.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-debt"

#include "config.h"

#include <string.h>

#include "keel-debt-view-private.h"
#include "keel-gui-test.h"
#include "keel-test-gui.h"

/* ---- Helpers ---- */

typedef struct
{
  KeelProject  *project;
  KeelDebtView *view;
  GtkWidget    *window;
} Fixture;

static void
fixture_show (Fixture     *fixture,
              KeelProject *project)
{
  fixture->project = project;
  fixture->view = g_object_ref_sink (keel_debt_view_new ());
  keel_debt_view_set_project (fixture->view, project);
  fixture->window = keel_test_gui_show_view (GTK_WIDGET (fixture->view), 1200, 800, NULL);
}

static void
fixture_close (Fixture *fixture)
{
  keel_debt_view_set_project (fixture->view, NULL);
  keel_test_gui_close_view (fixture->window, fixture->view);
  keel_test_gui_close_project (&fixture->project);
}

static KeelDebt *
row (Fixture *fixture,
     guint    position)
{
  g_autoptr(KeelDebt) debt = g_list_model_get_item (keel_debt_view_get_rows (fixture->view), position);
  return debt;   /* owned by the project */
}

static guint
n_rows (Fixture *fixture)
{
  return g_list_model_get_n_items (keel_debt_view_get_rows (fixture->view));
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
test_sort_columns (void)
{
  Fixture fixture = { 0, };
  guint n;

  fixture_show (&fixture, keel_test_gui_load_sample ());
  n = n_rows (&fixture);
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (keel_project_get_debts (fixture.project)));
  g_assert_cmpuint (n, >=, 3);

  keel_debt_view_sort_by (fixture.view, KEEL_DEBT_COLUMN_PRINCIPAL, GTK_SORT_ASCENDING);
  for (guint i = 1; i < n; i++)
    g_assert_cmpfloat (row (&fixture, i - 1)->principal_days, <=, row (&fixture, i)->principal_days);

  keel_debt_view_sort_by (fixture.view, KEEL_DEBT_COLUMN_PRINCIPAL, GTK_SORT_DESCENDING);
  for (guint i = 1; i < n; i++)
    g_assert_cmpfloat (row (&fixture, i - 1)->principal_days, >=, row (&fixture, i)->principal_days);

  keel_debt_view_sort_by (fixture.view, KEEL_DEBT_COLUMN_INTEREST, GTK_SORT_DESCENDING);
  for (guint i = 1; i < n; i++)
    g_assert_cmpfloat (row (&fixture, i - 1)->interest_hours_per_week, >=,
                       row (&fixture, i)->interest_hours_per_week);

  keel_debt_view_sort_by (fixture.view, KEEL_DEBT_COLUMN_TITLE, GTK_SORT_ASCENDING);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (g_utf8_collate (row (&fixture, i - 1)->title, row (&fixture, i)->title), <=, 0);

  /* Oldest first: the age column sorts by the date recorded. */
  keel_debt_view_sort_by (fixture.view, KEEL_DEBT_COLUMN_AGE, GTK_SORT_DESCENDING);
  for (guint i = 1; i < n; i++)
    g_assert_cmpstr (row (&fixture, i - 1)->recorded, <=, row (&fixture, i)->recorded);

  /* An edit that changes the sorted value moves the row. */
  keel_debt_view_sort_by (fixture.view, KEEL_DEBT_COLUMN_PRINCIPAL, GTK_SORT_ASCENDING);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(KeelDebt) draft = keel_debt_copy (row (&fixture, 0));
    g_autofree char *id = g_strdup (draft->id);

    draft->principal_days = 10000;
    g_assert_true (keel_project_update_debt (fixture.project, draft, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (row (&fixture, n - 1)->id, ==, id);
    keel_test_gui_undo (fixture.project);
    g_assert_cmpstr (row (&fixture, 0)->id, ==, id);
  }

  fixture_close (&fixture);
}

static void
test_filter_and_chart (void)
{
  Fixture fixture = { 0, };
  KeelQuadrantChart *chart;
  GListModel *debts;
  guint n, counts[KEEL_N_QUADRANTS] = { 0, }, open = 0;
  KeelDebt *first;
  g_autofree char *word = NULL;

  fixture_show (&fixture, keel_test_gui_load_sample ());
  debts = keel_project_get_debts (fixture.project);
  n = g_list_model_get_n_items (debts);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KeelDebt) debt = g_list_model_get_item (debts, i);
      counts[debt->quadrant]++;
      if (debt->status == KEEL_DEBT_STATUS_OPEN)
        open++;
    }

  /* The chart counts the debts per quadrant. */
  chart = keel_debt_view_get_chart (fixture.view);
  for (guint q = 0; q < KEEL_N_QUADRANTS; q++)
    g_assert_cmpuint (keel_quadrant_chart_get_count (chart, q), ==, counts[q]);

  /* A click on a quadrant shows only its debts; a second click shows all again. */
  for (guint q = 0; q < KEEL_N_QUADRANTS; q++)
    {
      g_signal_emit_by_name (chart, "quadrant-activated", (int) q);
      g_assert_cmpuint (n_rows (&fixture), ==, counts[q]);
      for (guint i = 0; i < n_rows (&fixture); i++)
        g_assert_cmpint (row (&fixture, i)->quadrant, ==, q);
      g_signal_emit_by_name (chart, "quadrant-activated", (int) q);
      g_assert_cmpuint (n_rows (&fixture), ==, n);
    }

  /* Status. */
  keel_debt_view_set_filter (fixture.view, NULL, KEEL_DEBT_STATUS_OPEN, -1);
  g_assert_cmpuint (n_rows (&fixture), ==, open);
  for (guint i = 0; i < n_rows (&fixture); i++)
    g_assert_cmpint (row (&fixture, i)->status, ==, KEEL_DEBT_STATUS_OPEN);

  /* Text, in any case, on the title or the component. */
  keel_debt_view_set_filter (fixture.view, NULL, -1, -1);
  first = row (&fixture, 0);
  word = g_utf8_strup (first->title, -1);
  keel_debt_view_set_filter (fixture.view, word, -1, -1);
  g_assert_cmpuint (n_rows (&fixture), >=, 1);
  g_assert_true (row (&fixture, 0) == first);
  keel_debt_view_set_filter (fixture.view, "no debt is called this", -1, -1);
  g_assert_cmpuint (n_rows (&fixture), ==, 0);

  /* Revealing a debt clears the filter that hides it and selects it. */
  g_assert_true (keel_debt_view_reveal (fixture.view, first->id));
  g_assert_cmpuint (n_rows (&fixture), ==, n);
  g_assert_cmpstr (keel_debt_view_get_selected_id (fixture.view), ==, first->id);
  g_assert_false (keel_debt_view_reveal (fixture.view, "debt-none"));

  fixture_close (&fixture);
}

static void
test_totals (void)
{
  Fixture fixture = { 0, };
  GListModel *debts;
  double principal = 0, interest = 0, bottleneck = 0;
  double shown_principal, shown_interest, shown_bottleneck;
  guint n;

  fixture_show (&fixture, keel_test_gui_load_sample ());
  debts = keel_project_get_debts (fixture.project);
  n = g_list_model_get_n_items (debts);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KeelDebt) debt = g_list_model_get_item (debts, i);

      if (debt->status == KEEL_DEBT_STATUS_OPEN || debt->status == KEEL_DEBT_STATUS_SCHEDULED)
        {
          principal += debt->principal_days;
          interest += debt->interest_hours_per_week;
        }
      if (debt->bottleneck && debt->status == KEEL_DEBT_STATUS_OPEN)
        bottleneck += debt->interest_hours_per_week;
    }

  keel_debt_view_get_totals (fixture.view, &shown_principal, &shown_interest, &shown_bottleneck);
  g_assert_cmpfloat_with_epsilon (shown_principal, principal, 1e-9);
  g_assert_cmpfloat_with_epsilon (shown_interest, interest, 1e-9);
  g_assert_cmpfloat_with_epsilon (shown_bottleneck, bottleneck, 1e-9);
  g_assert_cmpfloat (bottleneck, >, 0);

  /* Paying the open bottlenecks takes their interest out of the last total. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KeelDebt) debt = g_list_model_get_item (debts, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(KeelDebt) draft = NULL;

      if (!debt->bottleneck || debt->status != KEEL_DEBT_STATUS_OPEN)
        continue;
      draft = keel_debt_copy (debt);
      draft->status = KEEL_DEBT_STATUS_PAID;
      g_assert_true (keel_project_update_debt (fixture.project, draft, &error));
      g_assert_no_error (error);
    }
  keel_debt_view_get_totals (fixture.view, NULL, NULL, &shown_bottleneck);
  g_assert_cmpfloat (shown_bottleneck, ==, 0);

  fixture_close (&fixture);
}

static void
test_plan_fix (void)
{
  Fixture fixture = { 0, };
  KeelDebt *debt;
  KeelItem *item;
  g_autofree char *item_id = NULL;
  guint payers;

  fixture_show (&fixture, keel_test_gui_load_sample ());
  debt = row (&fixture, 0);
  g_assert_true (keel_debt_view_reveal (fixture.view, debt->id));
  payers = keel_debt_view_get_n_payers (fixture.view);

  item = keel_debt_view_plan_fix (fixture.view, debt->id, FALSE);
  g_assert_nonnull (item);
  item_id = g_strdup (item->id);
  g_assert_cmpint (item->dimension, ==, KEEL_DIMENSION_TECHNOLOGY);
  g_assert_true (item->kind == KEEL_ITEM_KIND_HARDENING || item->kind == KEEL_ITEM_KIND_REARCHITECTURE);
  g_assert_cmpint (item->kind == KEEL_ITEM_KIND_REARCHITECTURE, ==, debt->hard_ceiling);
  g_assert_cmpuint (item->debts->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (item->debts, 0), ==, debt->id);
  g_assert_nonnull (strstr (item->title, debt->title));

  /* The detail lists it among the items that pay the debt down. */
  g_assert_cmpuint (keel_debt_view_get_n_payers (fixture.view), ==, payers + 1);

  keel_test_gui_undo (fixture.project);
  g_assert_null (keel_project_lookup_item (fixture.project, item_id));
  g_assert_cmpuint (keel_debt_view_get_n_payers (fixture.view), ==, payers);

  fixture_close (&fixture);
}

static void
test_editor (void)
{
  Fixture fixture = { 0, };
  KeelDebtEditor *editor;
  KeelDebt *debt;
  KeelLinkPicker *picker;
  g_autofree char *id = NULL;
  guint n_evidence, n_debts;

  fixture_show (&fixture, keel_test_gui_load_sample ());
  debt = row (&fixture, 0);
  id = g_strdup (debt->id);
  n_evidence = debt->evidence->len;

  editor = keel_debt_editor_open (fixture.project, id, NULL, GTK_WIDGET (fixture.view));
  g_object_ref (editor);
  gtk_editable_set_text (GTK_EDITABLE (keel_debt_editor_get_field (editor, "component")), "billing");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (keel_debt_editor_get_field (editor, "principal")), 13.5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (keel_debt_editor_get_field (editor, "interest")), 7);
  gtk_switch_set_active (GTK_SWITCH (keel_debt_editor_get_field (editor, "hard-ceiling")), !debt->hard_ceiling);
  adw_combo_row_set_selected (ADW_COMBO_ROW (keel_debt_editor_get_field (editor, "quadrant")),
                              KEEL_QUADRANT_RECKLESS_INADVERTENT);
  adw_combo_row_set_selected (ADW_COMBO_ROW (keel_debt_editor_get_field (editor, "status")),
                              KEEL_DEBT_STATUS_ACCEPTED);
  gtk_editable_set_text (GTK_EDITABLE (keel_debt_editor_get_field (editor, "owner")), "Ops team");

  /* Evidence links through the searchable picker. */
  picker = keel_link_group_get_picker (keel_debt_editor_get_evidence_group (editor));
  keel_link_picker_search (picker, "");
  g_assert_cmpuint (g_list_model_get_n_items (keel_link_picker_get_matches (picker)), >, 0);
  keel_link_picker_pick (picker, 0);

  /* An empty title is refused. */
  gtk_editable_set_text (GTK_EDITABLE (keel_debt_editor_get_field (editor, "title")), "  ");
  g_assert_false (keel_debt_editor_save (editor));
  gtk_editable_set_text (GTK_EDITABLE (keel_debt_editor_get_field (editor, "title")), "Renamed debt");
  g_assert_true (keel_debt_editor_save (editor));
  g_object_unref (editor);

  g_assert_cmpstr (debt->title, ==, "Renamed debt");
  g_assert_cmpstr (debt->component, ==, "billing");
  g_assert_cmpfloat (debt->principal_days, ==, 13.5);
  g_assert_cmpfloat (debt->interest_hours_per_week, ==, 7);
  g_assert_cmpint (debt->quadrant, ==, KEEL_QUADRANT_RECKLESS_INADVERTENT);
  g_assert_cmpint (debt->status, ==, KEEL_DEBT_STATUS_ACCEPTED);
  g_assert_cmpstr (debt->owner, ==, "Ops team");
  g_assert_cmpuint (debt->evidence->len, ==, n_evidence + 1);

  keel_test_gui_undo (fixture.project);
  g_assert_cmpstr (debt->title, !=, "Renamed debt");
  g_assert_cmpuint (debt->evidence->len, ==, n_evidence);

  /* A new debt through the same editor. */
  n_debts = g_list_model_get_n_items (keel_project_get_debts (fixture.project));
  editor = keel_debt_editor_open (fixture.project, NULL, NULL, GTK_WIDGET (fixture.view));
  g_object_ref (editor);
  g_assert_true (keel_debt_editor_is_new (editor));
  gtk_editable_set_text (GTK_EDITABLE (keel_debt_editor_get_field (editor, "title")), "No staging environment");
  g_assert_true (keel_debt_editor_save (editor));
  g_assert_nonnull (keel_project_lookup_debt (fixture.project, keel_debt_editor_get_debt_id (editor)));
  g_object_unref (editor);
  g_assert_cmpuint (g_list_model_get_n_items (keel_project_get_debts (fixture.project)), ==, n_debts + 1);

  /* Delete from the register; Undo brings it back with its links. */
  g_assert_true (keel_debt_view_delete_debt (fixture.view, id));
  g_assert_null (keel_project_lookup_debt (fixture.project, id));
  keel_test_gui_undo (fixture.project);
  g_assert_nonnull (keel_project_lookup_debt (fixture.project, id));

  fixture_close (&fixture);
}

static void
test_offer_paid (void)
{
  Fixture fixture = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelItem) first = NULL;
  g_autoptr(KeelItem) second = NULL;
  g_autoptr(KeelDebt) debt = NULL;
  g_autofree char *debt_id = NULL;

  fixture_show (&fixture, keel_test_gui_load_sample ());

  debt_id = keel_project_new_id (fixture.project, "debt");
  debt = keel_debt_new (debt_id);
  g_free (debt->title);
  debt->title = g_strdup ("Hand-rolled auth");
  g_assert_true (keel_project_add_debt (fixture.project, debt, &error));
  g_assert_no_error (error);

  first = g_object_ref (keel_debt_view_plan_fix (fixture.view, debt_id, FALSE));
  second = g_object_ref (keel_debt_view_plan_fix (fixture.view, debt_id, FALSE));

  /* Not while another item still pays it down. */
  {
    g_autoptr(KeelItem) draft = keel_item_copy (first);
    draft->status = KEEL_STATUS_DONE;
    g_assert_true (keel_project_update_item (fixture.project, draft, &error));
  }
  g_assert_cmpuint (keel_view_offer_debts_paid (GTK_WIDGET (fixture.view), fixture.project, first), ==, 0);

  /* A dropped payer does not count; once the last one is done, Keel offers. */
  {
    g_autoptr(KeelItem) draft = keel_item_copy (second);
    draft->status = KEEL_STATUS_DROPPED;
    g_assert_true (keel_project_update_item (fixture.project, draft, &error));
  }
  g_assert_cmpuint (keel_view_offer_debts_paid (GTK_WIDGET (fixture.view), fixture.project, first), ==, 1);

  fixture_close (&fixture);
}

static char *
large_debts_json (guint n)
{
  static const char *quadrants[] = { "prudent_deliberate", "reckless_deliberate",
                                     "prudent_inadvertent", "reckless_inadvertent" };
  static const char *statuses[] = { "open", "scheduled", "paid", "accepted" };
  GString *json = g_string_new ("{\"format\": \"keel-project\", \"version\": 1, \"name\": \"Large\", \"debts\": [");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json,
                            "%s{\"id\": \"debt-%05u\", \"title\": \"Debt %u\", \"component\": \"c%u\", "
                            "\"quadrant\": \"%s\", \"principal_days\": %u, \"interest_hours_per_week\": %u, "
                            "\"bottleneck\": %s, \"hard_ceiling\": false, \"status\": \"%s\", "
                            "\"recorded\": \"2026-%02u-%02u\"}",
                            i > 0 ? ", " : "", i, i, i % 17, quadrants[i % 4], (i * 7) % 101,
                            (i * 3) % 13, i % 5 == 0 ? "true" : "false", statuses[i % 4],
                            1 + i % 12, 1 + i % 28);
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

static void
test_large_register (void)
{
  Fixture fixture = { 0, };
  g_autofree char *json = large_debts_json (5000);
  guint n;

  fixture_show (&fixture, keel_test_gui_project_from_json (json, strlen (json)));
  g_assert_cmpuint (n_rows (&fixture), ==, 5000);

  keel_debt_view_sort_by (fixture.view, KEEL_DEBT_COLUMN_PRINCIPAL, GTK_SORT_DESCENDING);
  for (guint i = 1; i < 5000; i++)
    g_assert_cmpfloat (row (&fixture, i - 1)->principal_days, >=, row (&fixture, i)->principal_days);

  keel_debt_view_set_filter (fixture.view, "c16", KEEL_DEBT_STATUS_OPEN, -1);
  n = n_rows (&fixture);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (row (&fixture, i)->component, ==, "c16");
      g_assert_cmpint (row (&fixture, i)->status, ==, KEEL_DEBT_STATUS_OPEN);
    }

  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  keel_gui_test_init (&argc, &argv);

  g_test_add_func ("/keel/gui/debt/sort-columns", test_sort_columns);
  g_test_add_func ("/keel/gui/debt/filter-and-chart", test_filter_and_chart);
  g_test_add_func ("/keel/gui/debt/totals", test_totals);
  g_test_add_func ("/keel/gui/debt/plan-fix", test_plan_fix);
  g_test_add_func ("/keel/gui/debt/editor", test_editor);
  g_test_add_func ("/keel/gui/debt/offer-paid", test_offer_paid);
  g_test_add_func ("/keel/gui/debt/large-register", test_large_register);

  g_test_add_func ("/keel/gui/debt/narrow", test_narrow);

  return g_test_run ();
}
