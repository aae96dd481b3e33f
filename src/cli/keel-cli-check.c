/* keel-cli-check.c: `keel-cli check PROJECT.keel [--format text|json] [--as-of DATE]`
 * — the sequencing checks from the command line, for scripts and CI.
 *
 * Exit status: 0 when no finding is an error, 1 when one is, 2 on a usage error or a
 * file that cannot be used (PRODUCT.md, "Command line").
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
#include "keel-signals.h"

int
keel_cli_check (int    argc,
                char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *as_of = NULL;
  g_auto(GStrv) args = NULL;
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelProject) project = NULL;
  g_autoptr(KeelGate) gate = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *output = NULL;
  gboolean json;
  int status;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("Output format: text (the default) or json"), "text|json" },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
      N_("Compute the signals as of this date instead of today"), "YYYY-MM-DD" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, "PROJECT.keel" },
    { NULL }
  };

  if (!keel_cli_parse_options ("check", NULL,
                               _("Runs the sequencing checks on a project and prints the findings,\n"
                                 "errors first, each with a hint that says what to do.\n"
                                 "\n"
                                 "Exit status: 0 when no finding is an error, 1 when one is,\n"
                                 "2 on a usage error or a file that cannot be used."),
                               NULL, entries, &argc, &argv))
    return KEEL_EXIT_FAILURE;

  if (args == NULL || g_strv_length (args) != 1)
    return keel_cli_usage_error ("check", args == NULL ? _("Which project? Name one PROJECT.keel file.")
                                                  : _("Name exactly one PROJECT.keel file."));

  if (format == NULL || strcmp (format, "text") == 0)
    json = FALSE;
  else if (strcmp (format, "json") == 0)
    json = TRUE;
  else
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a format: use text or json."), format);
      return keel_cli_usage_error ("check", message);
    }

  if (as_of != NULL && !keel_date_is_valid (as_of))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a date: write it YYYY-MM-DD."), as_of);
      return keel_cli_usage_error ("check", message);
    }

  if (!keel_cli_read_gate (args[0], as_of, &document, &project, &gate))
    return KEEL_EXIT_FAILURE;

  findings = keel_checks_run (project, gate);
  output = json ? keel_findings_to_json (gate, findings) : keel_findings_to_text (gate, findings);

  status = keel_findings_count (findings, KEEL_SEVERITY_ERROR) > 0 ? KEEL_EXIT_FINDINGS : KEEL_EXIT_OK;
  if (!keel_cli_write_stdout ("check", output))
    status = KEEL_EXIT_FAILURE;

  keel_document_close (document);
  return status;
}
