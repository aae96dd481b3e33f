/* main.c: starts Keel.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "keel-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KeelApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  int status;

  app = keel_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  return status == 0 && keel_application_get_failed (app) ? 1 : status;
}
