/* keel-cli-data.c: the commands about a project's data — import-csv (a dataset from a
 * CSV file) and signals (the fit signals and the gate).
 *
 * Both open the project through KeelDocument like the application: import-csv locks
 * it, imports in one transaction of the working copy and writes the file back; a
 * refused CSV is never written back, so the project file stays byte-for-byte as it
 * was. signals opens it read-only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-cli"

#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "keel-cli.h"
#include "keel-csv.h"
#include "keel-document.h"
#include "keel-project.h"
#include "keel-signals.h"

static void
print_imported (KeelDataset  dataset,
                const char  *csv_path,
                guint64      n_rows)
{
  switch (dataset)
    {
    case KEEL_DATASET_RETENTION:
      g_print (ngettext ("%s: %" PRIu64 " retention cohort imported\n",
                         "%s: %" PRIu64 " retention cohorts imported\n",
                         (gulong) n_rows),
               csv_path, n_rows);
      break;
    case KEEL_DATASET_SURVEY:
      g_print (ngettext ("%s: %" PRIu64 " survey answer imported\n",
                         "%s: %" PRIu64 " survey answers imported\n",
                         (gulong) n_rows),
               csv_path, n_rows);
      break;
    case KEEL_DATASET_ACQUISITION:
      g_print (ngettext ("%s: %" PRIu64 " acquisition row imported\n",
                         "%s: %" PRIu64 " acquisition rows imported\n",
                         (gulong) n_rows),
               csv_path, n_rows);
      break;
    case KEEL_N_DATASETS:
    default:
      g_assert_not_reached ();
    }
}

/**
 * keel_cli_import_csv:
 *
 * `keel-cli import-csv PROJECT.keel retention|survey|acquisition FILE.csv [--append]
 * [--period week|month]`: imports one dataset from a CSV file, replacing it (or adding
 * to it with --append). A refused CSV changes nothing and exits with status 2.
 */
int
keel_cli_import_csv (int    argc,
                     char **argv)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) csv = NULL;
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *period = NULL;
  gboolean append = FALSE;
  KeelCsvImportOptions options = { FALSE, FALSE, KEEL_RETENTION_PERIOD_WEEK };
  KeelDataset dataset;
  guint64 n_rows = 0;
  const char *path;
  const char *csv_path;
  GOptionEntry entries[] = {
    { "append", 0, 0, G_OPTION_ARG_NONE, &append,
      N_("Add the rows to the dataset instead of replacing it"), NULL },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period,
      N_("Retention only: the length of a period, week (7 days) or month (30 days); "
         "by default what the header says (“Week 1”, “Month 1”), else week"),
      N_("week|month") },
    { NULL }
  };

  if (!keel_cli_parse_options ("import-csv", _("PROJECT.keel retention|survey|acquisition FILE.csv"),
                               _("Imports a dataset from a CSV file into the project, as one step. "
                                 "The import replaces the dataset’s rows unless --append is given. "
                                 "A file with any bad row is refused whole, with the line and column "
                                 "of the first problem, and the project is left unchanged."),
                               _("Formats (the first line names the columns):\n"
                                 "  retention    cohort,size,period_0,period_1,…  (counts, fractions or percentages)\n"
                                 "  survey       answer[,date][,segment][,respondent]\n"
                                 "  acquisition  period,channel,new_users  (period YYYY-MM or YYYY-MM-DD)\n"
                                 "Comma or semicolon separated, UTF-8. See doc/csv-formats.md."),
                               entries, &argc, &argv))
    return KEEL_EXIT_FAILURE;

  if (argc != 4)
    return keel_cli_usage_error ("import-csv",
                                 argc < 4 ? _("a project file, a dataset and a CSV file are needed")
                                          : _("too many arguments"));

  if (!keel_dataset_from_string (argv[2], &dataset))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a dataset; use retention, survey or acquisition"),
                         argv[2]);
      return keel_cli_usage_error ("import-csv", message);
    }

  if (period != NULL)
    {
      if (!keel_retention_period_from_string (period, &options.period))
        {
          g_autofree char *message =
            g_strdup_printf (_("“%s” is not a period; use week or month"), period);
          return keel_cli_usage_error ("import-csv", message);
        }
      if (dataset != KEEL_DATASET_RETENTION)
        return keel_cli_usage_error ("import-csv", _("--period applies only to retention"));
      options.has_period = TRUE;
    }
  options.append = append;

  path = argv[1];
  csv_path = argv[3];
  file = g_file_new_for_commandline_arg (path);
  csv = g_file_new_for_commandline_arg (csv_path);

  document = keel_document_open (file, KEEL_DOCUMENT_OPEN_DEFAULT, NULL, &error);
  if (document == NULL)
    return keel_cli_fail (path, error);

  project = keel_project_load (document, &error);
  if (project == NULL)
    {
      keel_document_close (document);
      return keel_cli_fail (path, error);
    }

  /* Errors from the CSV already start with its name, line and column. */
  if (!keel_csv_import_file (project, dataset, csv, csv_path, &options, &n_rows, &error))
    {
      keel_document_close (document);
      return keel_cli_fail (error->domain == KEEL_CSV_ERROR ? NULL : path, error);
    }

  if (!keel_document_write_back (document, KEEL_WRITE_BACK_DEFAULT, NULL, &error))
    {
      keel_document_close (document);
      return keel_cli_fail (path, error);
    }

  keel_document_close (document);
  print_imported (dataset, csv_path, n_rows);
  return KEEL_EXIT_OK;
}

/**
 * keel_cli_signals:
 *
 * `keel-cli signals PROJECT.keel [--format text|json] [--as-of YYYY-MM-DD]`: prints the
 * fit signals and the gate. Exits with 0 whether or not the gate is passed.
 */
int
keel_cli_signals (int    argc,
                  char **argv)
{
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelProject) project = NULL;
  g_autoptr(KeelGate) gate = NULL;
  g_autofree char *format = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *out = NULL;
  gboolean json;
  const char *path;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("Output format: text (default) or json"), N_("text|json") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
      N_("Compute the signals as of this date (default: today); later rows are left out"),
      N_("YYYY-MM-DD") },
    { NULL }
  };

  if (!keel_cli_parse_options ("signals", _("PROJECT.keel"),
                               _("Prints the product-market-fit signals and whether the scaling gate "
                                 "is passed: each signal’s state, value, threshold, sample size, "
                                 "newest data and the reason. The exit status is 0 whether or not the "
                                 "gate is passed."),
                               NULL, entries, &argc, &argv))
    return KEEL_EXIT_FAILURE;

  if (argc != 2)
    return keel_cli_usage_error ("signals", argc < 2 ? _("the project file is missing")
                                                     : _("too many arguments"));

  if (format != NULL && strcmp (format, "text") != 0 && strcmp (format, "json") != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a format; use text or json"), format);
      return keel_cli_usage_error ("signals", message);
    }
  json = format != NULL && strcmp (format, "json") == 0;

  if (as_of != NULL && !keel_date_is_valid (as_of))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a date; use --as-of YYYY-MM-DD"), as_of);
      return keel_cli_usage_error ("signals", message);
    }

  path = argv[1];
  if (!keel_cli_read_gate (path, as_of, &document, &project, &gate))
    return KEEL_EXIT_FAILURE;

  out = json ? keel_gate_to_json (gate) : keel_gate_to_text (gate);
  keel_document_close (document);

  if (fputs (out, stdout) < 0 || fflush (stdout) != 0)
    {
      g_printerr ("keel-cli: %s: %s\n", _("standard output"), g_strerror (errno));
      return KEEL_EXIT_FAILURE;
    }
  return KEEL_EXIT_OK;
}
