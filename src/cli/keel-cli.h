/* keel-cli.h: the commands of keel-cli, one function each. Each returns the exit
 * status: 0 success, 1 (check) an error finding, 2 a usage error, a file that cannot be
 * used, or refused input. Errors go to stderr as "keel-cli: FILE: reason". */
#pragma once

#include <glib.h>

#include "keel-document.h"
#include "keel-project.h"
#include "keel-signals.h"

G_BEGIN_DECLS

#define KEEL_EXIT_OK       0
#define KEEL_EXIT_FINDINGS 1
#define KEEL_EXIT_FAILURE  2

int keel_cli_new        (int argc, char **argv);
int keel_cli_import     (int argc, char **argv);
int keel_cli_export     (int argc, char **argv);
int keel_cli_import_csv (int argc, char **argv);
int keel_cli_signals    (int argc, char **argv);
int keel_cli_check      (int argc, char **argv);
int keel_cli_report     (int argc, char **argv);

/* Writes @text to stdout; a failed write (a full disk, a closed pipe) is reported as
 * "keel-cli: COMMAND: could not write the output: …" and returns FALSE, rather than
 * exiting 0 with half the output. */
gboolean keel_cli_write_stdout (const char *command, const char *text);

/* Opens @path read-only, loads the project and computes the gate as of @as_of (NULL:
 * today), as the read commands (signals, check, report) all do. On failure prints the
 * reason with the file name, closes what it opened and returns FALSE. On success the
 * caller owns the three objects and calls keel_document_close() when done. */
gboolean keel_cli_read_gate (const char     *path,
                             const char     *as_of,
                             KeelDocument  **out_document,
                             KeelProject   **out_project,
                             KeelGate      **out_gate);

/* Prints "keel-cli: PREFIX: message" to stderr and returns KEEL_EXIT_FAILURE. */
int keel_cli_fail       (const char *prefix, const GError *error);

/* Parses the options of the subcommand @command ("keel-cli @command" in --help);
 * @description and @entries may be NULL. On a usage error prints it with a pointer to
 * --help and returns FALSE. */
gboolean keel_cli_parse_options (const char    *command,
                                 const char    *parameters,
                                 const char    *summary,
                                 const char    *description,
                                 GOptionEntry  *entries,
                                 int           *argc,
                                 char        ***argv);

/* Prints "keel-cli COMMAND: message" and a pointer to --help to stderr and returns
 * KEEL_EXIT_FAILURE. */
int keel_cli_usage_error (const char *command, const char *message);

G_END_DECLS
