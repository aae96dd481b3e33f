/* fuzz-json.c: libFuzzer target for the JSON import (PRODUCT.md, "JSON").
 *
 * Every input is checked for syntax and imported into a fresh empty project; an input
 * the syntax check accepts may still be refused by the import, never crash it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "keel-json.h"

static void
run (const guint8 *data,
     size_t        size)
{
  g_autoptr(KeelDb) db = NULL;
  g_autoptr(KeelProject) project = fuzz_new_project (&db);
  g_autoptr(GError) syntax_error = NULL;
  g_autoptr(GError) error = NULL;
  gboolean syntax_ok, imported;

  syntax_ok = keel_json_check_syntax ((const char *) data, size, &syntax_error);
  g_assert_true (syntax_ok == (syntax_error == NULL));
  imported = keel_json_import (project, (const char *) data, size, &error);
  g_assert_true (imported == (error == NULL));
  /* What is not even JSON cannot be imported. */
  if (!syntax_ok)
    g_assert_false (imported);
}

static void
warm_up (void)
{
  static const char input[] = "{\"keel\": 1}";

  run ((const guint8 *) input, sizeof input - 1);
}

FUZZ_TARGET (run, warm_up)
