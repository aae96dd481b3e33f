/* fuzz-common.h: shared set-up of the libFuzzer targets (tests/fuzz, -Dfuzzing=true).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdlib.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "keel-db.h"
#include "keel-project.h"
#include "keel-schema.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Working copies and anything else Keel writes go to a private folder, never to the
 * user's; removed only when empty, since libFuzzer exits without unwinding. */
static inline void
fuzz_isolate_dirs (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("keel-fuzz-XXXXXX", &error);
  const char *names[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                          "XDG_STATE_HOME", "XDG_RUNTIME_DIR" };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *sub = g_build_filename (dir, names[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
      g_setenv (names[i], sub, TRUE);
    }
  /* Messages of the core about bad input are expected; crashes are what count. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK);
  g_free (dir);
}

/* Defines the two libFuzzer entry points of a target: the initializer isolates the
 * folders, then calls @set_up (void → void), which typically runs one valid input so
 * that the types it registers do not count as leaks of the first input; each input then
 * goes to @run (data, size). fuzz-replay.c calls the same two. */
#define FUZZ_TARGET(run, set_up)                                   \
  int                                                              \
  LLVMFuzzerInitialize (int    *argc,                              \
                        char ***argv)                              \
  {                                                                \
    fuzz_isolate_dirs ();                                          \
    set_up ();                                                     \
    return 0;                                                      \
  }                                                                \
                                                                   \
  int                                                              \
  LLVMFuzzerTestOneInput (const guint8 *data,                      \
                          size_t        size)                      \
  {                                                                \
    run (data, size);                                              \
    return 0;                                                      \
  }

/* A fresh, empty project in memory, as an import finds it. */
static inline KeelProject *
fuzz_new_project (KeelDb **out_db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDb) db = NULL;
  KeelProject *project;

  db = keel_db_open (":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  keel_schema_create (db, &error);
  g_assert_no_error (error);
  project = keel_project_load_db (db, &error);
  g_assert_no_error (error);

  *out_db = g_steal_pointer (&db);
  return project;
}
