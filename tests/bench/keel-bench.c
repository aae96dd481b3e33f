/* keel-bench: timings of the core that no command line shows, for build-aux/bench.
 *
 *   keel-bench edit PROJECT.keel [N]        N single edits, each committed (durable)
 *   keel-bench write-back PROJECT.keel [N]  N write-backs of the whole project
 *
 * Prints one line per figure: "name median_ms p99_ms". Not a test: nothing asserts
 * timings.
 */
#define G_LOG_DOMAIN "keel-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-document.h"
#include "keel-project.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
print_figure (const char *name,
              GArray     *samples)
{
  g_array_sort (samples, compare_doubles);
  double median = g_array_index (samples, double, samples->len / 2);
  guint p99_index = MIN (samples->len - 1, (guint) (samples->len * 0.99));
  double p99 = g_array_index (samples, double, p99_index);
  printf ("%s %.3f %.3f\n", name, median, p99);
}

static KeelProject *
open_project (const char    *path,
              KeelDocument **out_document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(KeelDocument) document = keel_document_open (file, KEEL_DOCUMENT_OPEN_DISCARD_RECOVERY,
                                                         NULL, &error);
  if (document == NULL)
    {
      g_printerr ("keel-bench: %s: %s\n", path, error->message);
      exit (2);
    }
  KeelProject *project = keel_project_load (document, &error);
  if (project == NULL)
    {
      g_printerr ("keel-bench: %s: %s\n", path, error->message);
      exit (2);
    }
  *out_document = g_steal_pointer (&document);
  return project;
}

static int
bench_edit (const char *path,
            guint       n)
{
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelProject) project = open_project (path, &document);
  GListModel *items = keel_project_get_items (project);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  if (g_list_model_get_n_items (items) == 0)
    {
      g_printerr ("keel-bench: %s: the project has no items to edit\n", path);
      return 2;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KeelItem) item = g_list_model_get_item (items, i % g_list_model_get_n_items (items));
      g_autoptr(KeelItem) draft = keel_item_copy (item);
      g_autofree char *title = g_strdup_printf ("Edited %u", i);

      g_free (draft->title);
      draft->title = g_steal_pointer (&title);

      gint64 start = g_get_monotonic_time ();
      if (!keel_project_update_item (project, draft, &error))
        {
          g_printerr ("keel-bench: %s: %s\n", path, error->message);
          return 2;
        }
      double ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (samples, ms);
    }

  /* Closing without a write-back leaves the document as it was: these edits were
   * only to be measured. */
  print_figure ("edit", samples);
  keel_document_close (document);
  return 0;
}

static int
bench_write_back (const char *path,
                  guint       n)
{
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelProject) project = open_project (path, &document);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  /* Only held, so that the project stays loaded while the document is written. */
  (void) project;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;

      keel_document_mark_dirty (document);
      gint64 start = g_get_monotonic_time ();
      if (!keel_document_write_back (document, KEEL_WRITE_BACK_FORCE, NULL, &error))
        {
          g_printerr ("keel-bench: %s: %s\n", path, error->message);
          return 2;
        }
      double ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (samples, ms);
    }

  print_figure ("write-back", samples);
  keel_document_close (document);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  if (argc < 3)
    {
      g_printerr ("usage: keel-bench edit|write-back PROJECT.keel [N]\n");
      return 2;
    }

  guint n = argc > 3 ? (guint) strtoul (argv[3], NULL, 10) : 0;

  if (strcmp (argv[1], "edit") == 0)
    return bench_edit (argv[2], n ? n : 200);
  if (strcmp (argv[1], "write-back") == 0)
    return bench_write_back (argv[2], n ? n : 7);

  g_printerr ("usage: keel-bench edit|write-back PROJECT.keel [N]\n");
  return 2;
}
