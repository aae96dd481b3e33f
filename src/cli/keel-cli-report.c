/* keel-cli-report.c: `keel-cli report PROJECT.keel [--format markdown|pdf] [-o OUTPUT]
 * [--as-of DATE]` — the readiness report for a board meeting, as Markdown (stdout
 * without -o) or as a PDF with charts (-o required).
 *
 * Exit status: 0 success, 2 on a usage error or a file that cannot be used or written
 * (PRODUCT.md, "Command line").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "keel-checks.h"
#include "keel-cli.h"
#include "keel-document.h"
#include "keel-project.h"
#include "keel-report.h"
#include "keel-signals.h"

int
keel_cli_report (int    argc,
                 char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *as_of = NULL;
  g_auto(GStrv) args = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelProject) project = NULL;
  g_autoptr(KeelGate) gate = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  gboolean pdf;
  gboolean ok;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("Output format: markdown (the default) or pdf"), "markdown|pdf" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the report to this file (required for pdf; Markdown goes to standard output without it)"),
      "OUTPUT" },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
      N_("Compute the signals as of this date instead of today"), "YYYY-MM-DD" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, "PROJECT.keel" },
    { NULL }
  };

  if (!keel_cli_parse_options ("report", NULL,
                               _("Writes a readiness report for a board meeting: the fit gate, every\n"
                                 "signal, the board by dimension and horizon, the debt totals and top\n"
                                 "bottlenecks, and the findings with their hints. Markdown goes to\n"
                                 "standard output unless -o names a file; a PDF (with charts) needs -o.\n"
                                 "\n"
                                 "Exit status: 0 on success, 2 on a usage error or a file that cannot\n"
                                 "be used or written."),
                               NULL, entries, &argc, &argv))
    return KEEL_EXIT_FAILURE;

  if (args == NULL || g_strv_length (args) != 1)
    return keel_cli_usage_error ("report", args == NULL ? _("Which project? Name one PROJECT.keel file.")
                                                  : _("Name exactly one PROJECT.keel file."));

  if (format == NULL || strcmp (format, "markdown") == 0 || strcmp (format, "md") == 0)
    pdf = FALSE;
  else if (strcmp (format, "pdf") == 0)
    pdf = TRUE;
  else
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a format: use markdown or pdf."), format);
      return keel_cli_usage_error ("report", message);
    }

  if (pdf && (output == NULL || output[0] == '\0'))
    return keel_cli_usage_error ("report", _("A PDF report needs a file: add -o REPORT.pdf."));
  if (output != NULL && output[0] == '\0')
    return keel_cli_usage_error ("report", _("-o needs a file name."));

  if (as_of != NULL && !keel_date_is_valid (as_of))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a date: write it YYYY-MM-DD."), as_of);
      return keel_cli_usage_error ("report", message);
    }

  if (pdf && !keel_report_can_pdf ())
    {
      g_set_error_literal (&error, KEEL_REPORT_ERROR, KEEL_REPORT_ERROR_UNSUPPORTED,
                           _("This build of Keel cannot write PDF reports (it was built without cairo); use --format markdown."));
      return keel_cli_fail (output, error);
    }

  if (!keel_cli_read_gate (args[0], as_of, &document, &project, &gate))
    return KEEL_EXIT_FAILURE;

  findings = keel_checks_run (project, gate);

  if (pdf)
    ok = keel_report_pdf (project, gate, findings, output, &error);
  else
    {
      g_autofree char *markdown = keel_report_markdown (project, gate, findings);

      if (output == NULL)
        ok = keel_cli_write_stdout ("report", markdown);
      else
        {
          g_autoptr(GFile) out_file = g_file_new_for_commandline_arg (output);
          ok = keel_report_write_file (out_file, markdown, strlen (markdown), &error);
        }
    }

  keel_document_close (document);

  if (!ok && error != NULL)
    return keel_cli_fail (output, error);
  return ok ? KEEL_EXIT_OK : KEEL_EXIT_FAILURE;
}
