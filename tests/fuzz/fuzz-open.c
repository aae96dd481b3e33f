/* fuzz-open.c: libFuzzer target for opening a project file (PRODUCT.md, "The project
 * file"): any bytes as a .keel document, opened only for reading and then for editing,
 * loaded and closed. Damaged, foreign or hostile files must be refused with an error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "keel-document.h"

static char *document_path;

static void
open_load_close (GFile                 *file,
                 KeelDocumentOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelProject) project = NULL;

  document = keel_document_open (file, flags, NULL, &error);
  g_assert_true ((document == NULL) == (error != NULL));
  if (document == NULL)
    return;
  project = keel_project_load (document, &error);
  g_assert_true ((project == NULL) == (error != NULL));
  if (project != NULL)
    g_list_model_get_n_items (keel_project_get_evidence (project));
  keel_document_close (document);
}

static void
run (const guint8 *data,
     size_t        size)
{
  g_autoptr(GFile) file = g_file_new_for_path (document_path);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (document_path, (const char *) data, (gssize) size,
                                      &error));
  open_load_close (file, KEEL_DOCUMENT_OPEN_READ_ONLY);
  open_load_close (file, KEEL_DOCUMENT_OPEN_DEFAULT);
  g_unlink (document_path);
}

/* Writes a valid empty project and runs it once as an input: the types it registers
 * then do not count as leaks of the first real input. */
static void
set_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *valid = NULL;
  gsize length;

  dir = g_build_filename (g_get_user_config_dir (), "documents", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  document_path = g_build_filename (dir, "fuzz.keel", NULL);

  {
    g_autoptr(GFile) file = g_file_new_for_path (document_path);
    g_autoptr(KeelDocument) document = keel_document_create (file, &error);
    g_autoptr(KeelProject) project = NULL;

    g_assert_no_error (error);
    project = keel_project_load (document, &error);
    g_assert_no_error (error);
    g_assert_true (keel_document_write_back (document, KEEL_WRITE_BACK_DEFAULT, NULL, &error));
    keel_document_close (document);
  }
  g_assert_true (g_file_get_contents (document_path, &valid, &length, &error));
  run ((const guint8 *) valid, length);
}

FUZZ_TARGET (run, set_up)
