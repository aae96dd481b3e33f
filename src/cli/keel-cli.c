/* keel-cli.c: the command-line entry point; dispatches to one function per command. */
#define G_LOG_DOMAIN "keel-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "keel-cli.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *usage;
} Command;

static const Command commands[] = {
  { "new",        keel_cli_new,        "new PROJECT.keel [--name NAME]" },
  { "import",     keel_cli_import,     "import INPUT.json PROJECT.keel" },
  { "export",     keel_cli_export,     "export PROJECT.keel [OUTPUT.json]" },
  { "import-csv", keel_cli_import_csv, "import-csv PROJECT.keel retention|survey|acquisition FILE.csv [--append] [--period week|month]" },
  { "signals",    keel_cli_signals,    "signals PROJECT.keel [--format text|json] [--as-of YYYY-MM-DD]" },
  { "check",      keel_cli_check,      "check PROJECT.keel [--format text|json] [--as-of YYYY-MM-DD]" },
  { "report",     keel_cli_report,     "report PROJECT.keel [--format markdown|pdf] [-o OUTPUT] [--as-of YYYY-MM-DD]" },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _("Usage: keel-cli COMMAND [OPTIONS…]"));
  fprintf (stream, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  keel-cli %s\n", commands[i].usage);
  fprintf (stream, "\n%s\n", _("Run “keel-cli COMMAND --help” for the options of a command."));
}

gboolean
keel_cli_write_stdout (const char *command,
                       const char *text)
{
  if (fputs (text, stdout) == EOF || fflush (stdout) != 0)
    {
      int saved_errno = errno;

      g_printerr (_("keel-cli: %s: could not write the output: %s\n"), command,
                  g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
keel_cli_read_gate (const char     *path,
                    const char     *as_of,
                    KeelDocument  **out_document,
                    KeelProject   **out_project,
                    KeelGate      **out_gate)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelProject) project = NULL;
  g_autoptr(KeelGate) gate = NULL;

  document = keel_document_open (file, KEEL_DOCUMENT_OPEN_READ_ONLY, NULL, &error);
  if (document == NULL)
    {
      keel_cli_fail (path, error);
      return FALSE;
    }

  project = keel_project_load (document, &error);
  if (project != NULL)
    gate = keel_gate_compute (project, as_of, &error);
  if (gate == NULL)
    {
      keel_document_close (document);
      keel_cli_fail (path, error);
      return FALSE;
    }

  *out_document = g_steal_pointer (&document);
  *out_project = g_steal_pointer (&project);
  *out_gate = g_steal_pointer (&gate);
  return TRUE;
}

int
keel_cli_fail (const char   *prefix,
               const GError *error)
{
  if (prefix != NULL)
    g_printerr ("keel-cli: %s: %s\n", prefix, error->message);
  else
    g_printerr ("keel-cli: %s\n", error->message);
  return KEEL_EXIT_FAILURE;
}

/* --help prints the help and exits with status 0 (GOptionContext). */
gboolean
keel_cli_parse_options (const char    *command,
                        const char    *parameters,
                        const char    *summary,
                        const char    *description,
                        GOptionEntry  *entries,
                        int           *argc,
                        char        ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("keel-cli %s", command);

  g_set_prgname (prgname);
  context = g_option_context_new (parameters);
  g_option_context_set_summary (context, summary);
  if (description != NULL)
    g_option_context_set_description (context, description);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      keel_cli_usage_error (command, error->message);
      return FALSE;
    }
  return TRUE;
}

int
keel_cli_usage_error (const char *command,
                      const char *message)
{
  g_printerr ("keel-cli %s: %s\n", command, message);
  g_printerr (_("Run “keel-cli %s --help” for its usage.\n"), command);
  return KEEL_EXIT_FAILURE;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return KEEL_EXIT_FAILURE;
    }

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return KEEL_EXIT_OK;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("keel-cli %s\n", PACKAGE_VERSION);
      return KEEL_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  g_printerr (_("keel-cli: “%s” is not a command.\n\n"), argv[1]);
  print_usage (stderr);
  return KEEL_EXIT_FAILURE;
}
