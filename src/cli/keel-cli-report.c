/* Development placeholder: replaced by the real commands before commit. */
#include "config.h"
#include <glib.h>
#include "keel-cli.h"
int keel_cli_report (int argc, char **argv) { g_printerr ("keel-cli: not built yet\n"); return KEEL_EXIT_FAILURE; }
