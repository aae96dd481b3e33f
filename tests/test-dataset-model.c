/* test-dataset-model.c: the paged GListModel of a dataset's rows — what it shows,
 * filtering, and one items-changed per edit.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-dataset-model"

#include "config.h"

#include "keel-dataset-model.h"
#include "keel-document.h"
#include "keel-project.h"

typedef struct
{
  KeelDocument *document;
  KeelProject  *project;
} Fixture;

typedef struct
{
  guint n_signals;
  guint position;
  guint removed;
  guint added;
} Recorder;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Recorder   *recorder)
{
  recorder->n_signals++;
  recorder->position = position;
  recorder->removed = removed;
  recorder->added = added;
}

static void
import_survey (KeelProject *project,
               guint        n_rows,
               gboolean     append)
{
  g_autoptr(GError) error = NULL;
  KeelImport *import = keel_project_begin_import (project, KEEL_DATASET_SURVEY, append,
                                                  "survey.csv", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *respondent = g_strdup_printf ("r-%05u", i);
      g_autofree char *date = g_strdup_printf ("2026-10-%02u", 1 + i % 28);

      g_assert_true (keel_import_add_survey (import,
                                             i % 3 == 0 ? KEEL_ANSWER_VERY_DISAPPOINTED
                                                        : KEEL_ANSWER_NOT_DISAPPOINTED,
                                             date, i % 2 == 0 ? "founders" : "designers",
                                             respondent, &error));
      g_assert_no_error (error);
    }
  g_assert_true (keel_project_commit_import (project, import, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->document = keel_document_new_untitled (&error);
  g_assert_no_error (error);
  fixture->project = keel_project_load (fixture->document, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->project);
  keel_document_close (fixture->document);
  g_clear_object (&fixture->document);
}

static void
test_rows_and_pages (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KeelDatasetModel) model = NULL;
  g_autoptr(KeelDatasetRow) first = NULL;
  g_autoptr(KeelDatasetRow) last = NULL;
  g_autoptr(KeelDatasetRow) again = NULL;

  /* More rows than fit in the pages the model keeps, to walk in and out of them. */
  import_survey (fixture->project, 5000, FALSE);
  model = keel_dataset_model_new (fixture->project, KEEL_DATASET_SURVEY);

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == KEEL_TYPE_DATASET_ROW);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5000);
  g_assert_cmpuint (keel_dataset_model_get_n_columns (model), ==, 5);
  g_assert_cmpstr (keel_dataset_model_get_column_title (model, 0), ==, "Answer");

  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (keel_dataset_row_get_column (first, 0), ==,
                   keel_answer_to_label (KEEL_ANSWER_VERY_DISAPPOINTED));
  g_assert_cmpstr (keel_dataset_row_get_column (first, 1), ==, "2026-10-01");
  g_assert_cmpstr (keel_dataset_row_get_column (first, 2), ==, "founders");
  g_assert_cmpstr (keel_dataset_row_get_column (first, 3), ==, "r-00000");
  g_assert_cmpstr (keel_dataset_row_get_column (first, 4), ==, "survey.csv");
  g_assert_cmpstr (keel_dataset_row_get_column (first, 17), ==, "");
  g_assert_cmpint (keel_dataset_row_get_id (first), >, 0);

  last = g_list_model_get_item (G_LIST_MODEL (model), 4999);
  g_assert_cmpstr (keel_dataset_row_get_column (last, 3), ==, "r-04999");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 5000));

  /* Every page, in order, then the first again after it left the cache. */
  for (guint i = 0; i < 5000; i += 97)
    {
      g_autoptr(KeelDatasetRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autofree char *expected = g_strdup_printf ("r-%05u", i);
      g_assert_cmpstr (keel_dataset_row_get_column (row, 3), ==, expected);
    }
  again = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpint (keel_dataset_row_get_id (again), ==, keel_dataset_row_get_id (first));
  g_assert_null (keel_dataset_model_get_error (model));
}

static void
test_filter (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(KeelDatasetModel) model = NULL;
  Recorder recorder = { 0, };

  import_survey (fixture->project, 300, FALSE);
  model = keel_dataset_model_new (fixture->project, KEEL_DATASET_SURVEY);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &recorder);

  /* Answers match as people write them, case-insensitively. */
  keel_dataset_model_set_filter (model, "VERY disappointed");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 100);
  g_assert_cmpuint (recorder.n_signals, ==, 1);
  g_assert_cmpuint (recorder.removed, ==, 300);
  g_assert_cmpuint (recorder.added, ==, 100);

  keel_dataset_model_set_filter (model, "r-0012");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 10);

  /* LIKE wildcards in the text are plain characters. */
  keel_dataset_model_set_filter (model, "%");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  keel_dataset_model_set_filter (model, "r_0");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* The same filter again changes nothing and says nothing. */
  recorder.n_signals = 0;
  keel_dataset_model_set_filter (model, "r_0");
  g_assert_cmpuint (recorder.n_signals, ==, 0);

  keel_dataset_model_set_filter (model, "");
  g_assert_null (keel_dataset_model_get_filter (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 300);
}

static void
test_follows_edits (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KeelDatasetModel) model = NULL;
  g_autoptr(GError) error = NULL;
  Recorder recorder = { 0, };
  gint64 ids[2];

  import_survey (fixture->project, 50, FALSE);
  model = keel_dataset_model_new (fixture->project, KEEL_DATASET_SURVEY);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &recorder);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(KeelDatasetRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      ids[i] = keel_dataset_row_get_id (row);
    }
  g_assert_true (keel_project_delete_rows (fixture->project, KEEL_DATASET_SURVEY, ids, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (recorder.n_signals, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 48);

  g_assert_true (keel_project_undo (fixture->project, &error));
  g_assert_cmpuint (recorder.n_signals, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 50);

  /* An import that replaces the dataset is one change of the list, too. */
  import_survey (fixture->project, 7, FALSE);
  g_assert_cmpuint (recorder.n_signals, ==, 3);
  g_assert_cmpuint (recorder.removed, ==, 50);
  g_assert_cmpuint (recorder.added, ==, 7);

  /* Edits of other things leave the list alone. */
  g_assert_true (keel_project_set_name (fixture->project, "Renamed", &error));
  g_assert_cmpuint (recorder.n_signals, ==, 3);
}

static void
test_other_datasets (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDatasetModel) cohorts = NULL;
  g_autoptr(KeelDatasetModel) channels = NULL;
  g_autoptr(KeelDatasetRow) cohort = NULL;
  g_autoptr(KeelDatasetRow) channel = NULL;
  const gint64 retained[] = { 200, 120, 96 };
  KeelImport *import;

  import = keel_project_begin_import (fixture->project, KEEL_DATASET_RETENTION, FALSE, "cohorts.csv", &error);
  g_assert_no_error (error);
  g_assert_true (keel_import_add_cohort (import, "2026-08-03", 200, retained, 3, &error));
  g_assert_true (keel_project_commit_import (fixture->project, import, &error));
  g_assert_no_error (error);

  import = keel_project_begin_import (fixture->project, KEEL_DATASET_ACQUISITION, FALSE, "growth.csv", &error);
  g_assert_no_error (error);
  g_assert_true (keel_import_add_acquisition (import, "2026-09", "Referral", 430, &error));
  g_assert_true (keel_project_commit_import (fixture->project, import, &error));
  g_assert_no_error (error);

  cohorts = keel_dataset_model_new (fixture->project, KEEL_DATASET_RETENTION);
  cohort = g_list_model_get_item (G_LIST_MODEL (cohorts), 0);
  g_assert_cmpstr (keel_dataset_row_get_column (cohort, 0), ==, "2026-08-03");
  g_assert_cmpstr (keel_dataset_row_get_column (cohort, 1), ==, "200");
  g_assert_cmpstr (keel_dataset_row_get_column (cohort, 2), ==, "200, 120, 96");

  channels = keel_dataset_model_new (fixture->project, KEEL_DATASET_ACQUISITION);
  channel = g_list_model_get_item (G_LIST_MODEL (channels), 0);
  g_assert_cmpstr (keel_dataset_row_get_column (channel, 1), ==, "Referral");
  g_assert_cmpstr (keel_dataset_row_get_column (channel, 2), ==, "Organic");
  g_assert_cmpstr (keel_dataset_row_get_column (channel, 3), ==, "430");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/keel/dataset-model/rows-and-pages", Fixture, NULL,
              fixture_set_up, test_rows_and_pages, fixture_tear_down);
  g_test_add ("/keel/dataset-model/filter", Fixture, NULL,
              fixture_set_up, test_filter, fixture_tear_down);
  g_test_add ("/keel/dataset-model/follows-edits", Fixture, NULL,
              fixture_set_up, test_follows_edits, fixture_tear_down);
  g_test_add ("/keel/dataset-model/other-datasets", Fixture, NULL,
              fixture_set_up, test_other_datasets, fixture_tear_down);

  return g_test_run ();
}
