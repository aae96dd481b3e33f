/* keel-cli-project.c: the commands that make and move whole projects — new, import
 * (JSON into a new project file) and export (a project as deterministic JSON).
 *
 * They open, lock and write back project files through KeelDocument, the same path as
 * the application, so a project made here is exactly one the application makes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "keel-cli.h"
#include "keel-document.h"
#include "keel-json.h"
#include "keel-project.h"

static int
fail_with (const char *name,
           const char *message)
{
  g_printerr ("keel-cli: %s: %s\n", name, message);
  return KEEL_EXIT_FAILURE;
}

/* Refuses to overwrite: `new` and `import` only ever create files. */
static gboolean
refuse_existing (GFile      *file,
                 const char *name)
{
  if (!g_file_query_exists (file, NULL))
    return TRUE;

  fail_with (name, _("the file already exists; choose another name (Keel never overwrites it)"));
  return FALSE;
}

/* "acme-notes.keel" -> "acme-notes": the default name of a new project. */
static char *
name_from_file (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  char *dot;

  if (basename == NULL)
    return g_strdup (_("Untitled project"));

  dot = strrchr (basename, '.');
  if (dot != NULL && dot != basename && g_ascii_strcasecmp (dot, ".keel") == 0)
    *dot = '\0';

  return g_steal_pointer (&basename);
}

/**
 * keel_cli_new:
 *
 * `keel-cli new PROJECT.keel [--name NAME]`: creates a project with the default
 * settings and the three required data signals.
 */
int
keel_cli_new (int    argc,
              char **argv)
{
  g_autofree char *name = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelProject) project = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The project’s name (default: the file name)"), N_("NAME") },
    { NULL }
  };

  if (!keel_cli_parse_options ("new", _("PROJECT.keel"),
                               _("Creates a new project file with the default settings and the three "
                                 "required fit signals. An existing file is never overwritten."),
                               NULL, entries, &argc, &argv))
    return KEEL_EXIT_FAILURE;

  if (argc != 2)
    return keel_cli_usage_error ("new", argc < 2 ? _("the project file is missing")
                                                 : _("too many arguments"));

  path = argv[1];
  file = g_file_new_for_commandline_arg (path);
  if (!refuse_existing (file, path))
    return KEEL_EXIT_FAILURE;

  if (name == NULL)
    name = name_from_file (file);
  else if (!g_utf8_validate (name, -1, NULL) || g_strstrip (name)[0] == '\0')
    return keel_cli_usage_error ("new", _("the name must be non-empty UTF-8 text"));

  document = keel_document_create (file, &error);
  if (document == NULL)
    return keel_cli_fail (path, error);

  project = keel_project_load (document, &error);
  if (project == NULL ||
      !keel_project_set_name (project, name, &error) ||
      !keel_project_add_default_signals (project, &error) ||
      !keel_document_write_back (document, KEEL_WRITE_BACK_DEFAULT, NULL, &error))
    {
      keel_document_close (document);
      return keel_cli_fail (path, error);
    }

  keel_document_close (document);
  return KEEL_EXIT_OK;
}

/**
 * keel_cli_import:
 *
 * `keel-cli import INPUT.json PROJECT.keel`: makes a new project file from a JSON
 * export. Refused JSON writes nothing.
 */
int
keel_cli_import (int    argc,
                 char **argv)
{
  g_autoptr(GFile) input = NULL;
  g_autoptr(GFile) output = NULL;
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  const char *input_path;
  const char *output_path;

  if (!keel_cli_parse_options ("import", _("INPUT.json PROJECT.keel"),
                               _("Creates the project file PROJECT.keel from a Keel JSON document "
                                 "(as “keel-cli export” writes it). The JSON is checked strictly; if "
                                 "it is refused, no file is created. An existing file is never "
                                 "overwritten."),
                               NULL, NULL, &argc, &argv))
    return KEEL_EXIT_FAILURE;

  if (argc != 3)
    return keel_cli_usage_error ("import", argc < 3 ? _("an input file and a project file are needed")
                                                    : _("too many arguments"));

  input_path = argv[1];
  output_path = argv[2];
  input = g_file_new_for_commandline_arg (input_path);
  output = g_file_new_for_commandline_arg (output_path);

  if (!refuse_existing (output, output_path))
    return KEEL_EXIT_FAILURE;

  if (!g_file_load_contents (input, NULL, &contents, &length, NULL, &error))
    return keel_cli_fail (input_path, error);

  document = keel_json_import_new_document (output, contents, length, &error);
  if (document == NULL)
    {
      /* A refused document is the input's fault; anything else is the project file's. */
      return keel_cli_fail (error->domain == KEEL_JSON_ERROR ? input_path : output_path, error);
    }

  keel_document_close (document);
  return KEEL_EXIT_OK;
}

/**
 * keel_cli_export:
 *
 * `keel-cli export PROJECT.keel [OUTPUT.json]`: writes the project as deterministic
 * JSON, to OUTPUT.json or to the standard output.
 */
int
keel_cli_export (int    argc,
                 char **argv)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gsize length = 0;
  const char *path;
  int status = KEEL_EXIT_OK;

  if (!keel_cli_parse_options ("export", _("PROJECT.keel [OUTPUT.json]"),
                               _("Writes the project as JSON, to OUTPUT.json or, without it, to the "
                                 "standard output. The same project always gives the same bytes, so "
                                 "the JSON can be kept in version control."),
                               NULL, NULL, &argc, &argv))
    return KEEL_EXIT_FAILURE;

  if (argc < 2 || argc > 3)
    return keel_cli_usage_error ("export", argc < 2 ? _("the project file is missing")
                                                    : _("too many arguments"));

  path = argv[1];
  file = g_file_new_for_commandline_arg (path);
  if (argc == 3)
    {
      g_autoptr(GFile) output = g_file_new_for_commandline_arg (argv[2]);

      if (g_file_equal (file, output))
        return fail_with (argv[2], _("this is the project file itself; choose another output"));
    }

  document = keel_document_open (file, KEEL_DOCUMENT_OPEN_READ_ONLY, NULL, &error);
  if (document == NULL)
    return keel_cli_fail (path, error);

  project = keel_project_load (document, &error);
  if (project != NULL)
    json = keel_json_export (project, &length, &error);
  if (json == NULL)
    {
      keel_document_close (document);
      return keel_cli_fail (path, error);
    }

  if (argc == 3)
    {
      g_autoptr(GFile) output = g_file_new_for_commandline_arg (argv[2]);

      /* Replaced atomically: a failed export leaves the previous file whole. */
      if (!g_file_replace_contents (output, json, length, NULL, FALSE,
                                    G_FILE_CREATE_NONE, NULL, NULL, &error))
        status = keel_cli_fail (argv[2], error);
    }
  else if (fwrite (json, 1, length, stdout) != length || fflush (stdout) != 0)
    {
      g_printerr ("keel-cli: %s: %s\n", _("standard output"), g_strerror (errno));
      status = KEEL_EXIT_FAILURE;
    }

  keel_document_close (document);
  return status;
}
