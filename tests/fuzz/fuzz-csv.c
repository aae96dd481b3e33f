/* fuzz-csv.c: libFuzzer target for the CSV dataset importers (PRODUCT.md, "CSV").
 *
 * The first byte chooses the dataset (retention, survey, acquisition) and the import
 * options (append, retention period); the rest is the file, imported into a fresh
 * project.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "keel-csv.h"

static const KeelDataset datasets[] = {
  KEEL_DATASET_RETENTION, KEEL_DATASET_SURVEY, KEEL_DATASET_ACQUISITION,
};

static void
run (const guint8 *data,
     size_t        size)
{
  g_autoptr(KeelDb) db = NULL;
  g_autoptr(KeelProject) project = fuzz_new_project (&db);
  g_autoptr(GError) error = NULL;
  KeelCsvImportOptions options = { 0 };
  guint64 rows = 0;
  guint8 choice;
  gboolean ok;

  if (size == 0)
    return;
  choice = data[0];
  options.append = (choice & 0x10) != 0;
  options.has_period = (choice & 0x20) != 0;
  options.period = (choice & 0x40) != 0 ? KEEL_RETENTION_PERIOD_MONTH
                                        : KEEL_RETENTION_PERIOD_WEEK;

  ok = keel_csv_import_data (project, datasets[(choice & 0x0f) % G_N_ELEMENTS (datasets)],
                             "fuzz.csv", (const char *) data + 1, size - 1, &options,
                             &rows, &error);
  g_assert_true (ok == (error == NULL));
  if (ok)
    g_assert_cmpuint (rows, >, 0);
}

static void
warm_up (void)
{
  static const char input[] = "\x02period,channel,new_users\n2026-01,Ads,10\n";

  run ((const guint8 *) input, sizeof input - 1);
}

FUZZ_TARGET (run, warm_up)
