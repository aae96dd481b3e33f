/* keel-test-project.h: helpers shared by test-project.c and test-undo.c — a project on
 * a fresh temporary database, a canonical text dump of a project (memory and working
 * copy), a raw dump of the database, and recorders of the change signals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>
#include <glib/gstdio.h>

#include "keel-project.h"
#include "keel-schema.h"

typedef struct {
  char        *dir;
  char        *path;
  KeelDb      *db;
  KeelProject *project;
} ProjectFixture;

G_GNUC_UNUSED static void
project_fixture_setup (ProjectFixture *f,
                       gconstpointer   data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("keel-test-project-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "project.keel", NULL);

  f->db = keel_db_open (f->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  keel_schema_create (f->db, &error);
  g_assert_no_error (error);

  f->project = keel_project_load_db (f->db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->project);
}

G_GNUC_UNUSED static void
project_fixture_teardown (ProjectFixture *f,
                          gconstpointer   data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_finalize_object (f->project);
  g_assert_finalize_object (f->db);

  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* ---- Dumps ---- */

static void
dump_links (GString   *out,
            const char *name,
            GPtrArray  *links)
{
  g_string_append_printf (out, " %s=[", name);
  for (guint i = 0; i < links->len; i++)
    g_string_append_printf (out, "%s%s", i ? "," : "", (const char *) g_ptr_array_index (links, i));
  g_string_append (out, "]");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* Every row of @sql, columns separated by '|'. */
static void
dump_query (GString    *out,
            KeelDb     *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (keel_db_get_handle (db), sql, -1, &stmt, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);

          g_string_append_printf (out, "%s%s", c ? "|" : "  ", text ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* A canonical text of everything a project holds, read from its lists (checking that
 * they are ordered and hold the very objects lookups return) and, for the datasets,
 * from its working copy's active rows. */
G_GNUC_UNUSED static char *
project_dump (KeelProject *project)
{
  GString *out = g_string_new (NULL);
  const KeelSettings *settings = keel_project_get_settings (project);
  const char * const *keys = keel_settings_get_keys (NULL);
  GListModel *model;
  g_autoptr(GPtrArray) channels = NULL;
  GHashTableIter iter;
  gpointer key;

  g_string_append_printf (out, "name=%s\nretention_period=%s\n", keel_project_get_name (project),
                          keel_retention_period_to_string (keel_project_get_retention_period (project)));

  for (guint i = 0; keys[i] != NULL; i++)
    {
      double value;

      g_assert_true (keel_settings_get_value (settings, keys[i], &value));
      g_string_append_printf (out, "setting %s=%.17g\n", keys[i], value);
    }

  channels = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, keel_project_get_channel_classes (project));
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (channels, key);
  g_ptr_array_sort (channels, compare_strings);
  for (guint i = 0; i < channels->len; i++)
    {
      gpointer klass = g_hash_table_lookup (keel_project_get_channel_classes (project),
                                            g_ptr_array_index (channels, i));

      g_string_append_printf (out, "channel %s=%s\n", (const char *) g_ptr_array_index (channels, i),
                              keel_channel_class_to_string (GPOINTER_TO_INT (klass)));
    }

  model = keel_project_get_signals (project);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KeelSignal) s = g_list_model_get_item (model, i);

      g_assert_true (keel_project_lookup_signal (project, s->id) == s);
      g_string_append_printf (out, "signal %s kind=%s name=%s required=%d position=%" G_GINT64_FORMAT
                              " value=%s%.17g target=%s%.17g comparison=%s date=%s source=%s\n",
                              s->id, keel_signal_kind_to_string (s->kind), s->name ? s->name : "NULL",
                              s->required, s->position, s->has_value ? "" : "unset:", s->value,
                              s->has_target ? "" : "unset:", s->target,
                              keel_comparison_to_string (s->comparison), s->date ? s->date : "NULL",
                              s->source ? s->source : "NULL");
    }

  model = keel_project_get_evidence (project);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KeelEvidence) e = g_list_model_get_item (model, i);

      if (i > 0)
        {
          g_autoptr(KeelEvidence) previous = g_list_model_get_item (model, i - 1);
          g_assert_cmpint (strcmp (previous->id, e->id), <, 0);
        }
      g_assert_true (keel_project_lookup_evidence (project, e->id) == e);
      g_string_append_printf (out, "evidence %s kind=%s summary=%s source=%s date=%s value=%s%.17g unit=%s\n",
                              e->id, keel_evidence_kind_to_string (e->kind), e->summary, e->source,
                              e->date, e->has_value ? "" : "unset:", e->value, e->unit ? e->unit : "NULL");
    }

  model = keel_project_get_items (project);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KeelItem) it = g_list_model_get_item (model, i);

      if (i > 0)
        {
          g_autoptr(KeelItem) previous = g_list_model_get_item (model, i - 1);
          g_assert_cmpint (strcmp (previous->id, it->id), <, 0);
        }
      g_assert_true (keel_project_lookup_item (project, it->id) == it);
      g_string_append_printf (out, "item %s title=%s description=%s dimension=%s kind=%s horizon=%s"
                              " status=%s position=%" G_GINT64_FORMAT " effort=%s%.17g owner=%s target=%s",
                              it->id, it->title, it->description,
                              keel_dimension_to_string (it->dimension), keel_item_kind_to_string (it->kind),
                              keel_horizon_to_string (it->horizon), keel_status_to_string (it->status),
                              it->position, it->has_effort_days ? "" : "unset:", it->effort_days,
                              it->owner ? it->owner : "NULL", it->target ? it->target : "NULL");
      dump_links (out, "evidence", it->evidence);
      dump_links (out, "debts", it->debts);
      dump_links (out, "depends_on", it->depends_on);
      g_string_append_c (out, '\n');
    }

  model = keel_project_get_debts (project);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KeelDebt) d = g_list_model_get_item (model, i);

      if (i > 0)
        {
          g_autoptr(KeelDebt) previous = g_list_model_get_item (model, i - 1);
          g_assert_cmpint (strcmp (previous->id, d->id), <, 0);
        }
      g_assert_true (keel_project_lookup_debt (project, d->id) == d);
      g_string_append_printf (out, "debt %s title=%s component=%s quadrant=%s principal=%.17g"
                              " interest=%.17g bottleneck=%d ceiling=%d status=%s owner=%s recorded=%s",
                              d->id, d->title, d->component, keel_quadrant_to_string (d->quadrant),
                              d->principal_days, d->interest_hours_per_week, d->bottleneck,
                              d->hard_ceiling, keel_debt_status_to_string (d->status),
                              d->owner ? d->owner : "NULL", d->recorded);
      dump_links (out, "evidence", d->evidence);
      g_string_append_c (out, '\n');
    }

  g_string_append (out, "retention_cohorts:\n");
  dump_query (out, keel_project_get_db (project),
              "SELECT id, import_id, cohort, size, retained FROM retention_cohorts"
              " WHERE import_id IN (SELECT id FROM imports WHERE active = 1) ORDER BY id");
  g_string_append (out, "survey_responses:\n");
  dump_query (out, keel_project_get_db (project),
              "SELECT id, import_id, answer, date, segment, respondent FROM survey_responses"
              " WHERE import_id IN (SELECT id FROM imports WHERE active = 1) ORDER BY id");
  g_string_append (out, "acquisition:\n");
  dump_query (out, keel_project_get_db (project),
              "SELECT id, import_id, period, channel, new_users FROM acquisition"
              " WHERE import_id IN (SELECT id FROM imports WHERE active = 1) ORDER BY id");

  return g_string_free (out, FALSE);
}

/* Every row of every table of the working copy, inactive imports included. */
G_GNUC_UNUSED static char *
db_dump (KeelDb *db)
{
  static const char * const tables[] = {
    "meta", "settings", "signals", "evidence", "items", "item_links", "debts", "debt_evidence",
    "imports", "retention_cohorts", "survey_responses", "acquisition", "channel_classes",
  };
  static const char * const orders[] = {
    "1, 2", "1, 2", "1, 2, 3", "1, 2, 3", "1, 2, 3", "1, 2, 3", "1, 2, 3", "1, 2, 3",
    "1, 2, 3", "1, 2, 3", "1, 2, 3", "1, 2, 3", "1, 2",
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY %s", tables[i], orders[i]);

      g_string_append_printf (out, "%s:\n", tables[i]);
      dump_query (out, db, sql);
    }

  return g_string_free (out, FALSE);
}

/* Loads the project again from its working copy, through a second, read-only
 * connection (which leaves inactive imports alone, so the first project's redo still
 * works), and dumps it. */
G_GNUC_UNUSED static char *
reload_dump (ProjectFixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDb) db = keel_db_open (f->path, SQLITE_OPEN_READONLY, &error);
  g_autoptr(KeelProject) project = NULL;

  g_assert_no_error (error);
  project = keel_project_load_db (db, &error);
  g_assert_no_error (error);
  return project_dump (project);
}

G_GNUC_UNUSED static void
assert_reload_matches (ProjectFixture *f)
{
  g_autofree char *memory = project_dump (f->project);
  g_autofree char *reloaded = reload_dump (f);

  g_assert_cmpstr (memory, ==, reloaded);
}

/* ---- Signal recorders ---- */

typedef struct {
  guint   n_changed;
  guint   flags;             /* of the last "changed" */
  guint   n_items_changed[4];/* evidence, items, debts, signals */
  GArray *entity_changes;    /* GObject* that emitted "changed", in order */
} Recorder;

static void
on_project_changed (KeelProject *project,
                    guint        flags,
                    Recorder    *r)
{
  r->n_changed++;
  r->flags = flags;
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *counter)
{
  (*counter)++;
}

G_GNUC_UNUSED static void
recorder_attach (Recorder    *r,
                 KeelProject *project)
{
  GListModel *models[4] = {
    keel_project_get_evidence (project), keel_project_get_items (project),
    keel_project_get_debts (project), keel_project_get_signals (project),
  };

  memset (r, 0, sizeof *r);
  r->entity_changes = g_array_new (FALSE, FALSE, sizeof (gpointer));
  g_signal_connect (project, "changed", G_CALLBACK (on_project_changed), r);
  for (guint i = 0; i < 4; i++)
    g_signal_connect (models[i], "items-changed", G_CALLBACK (on_items_changed), &r->n_items_changed[i]);
}

G_GNUC_UNUSED static void
recorder_detach (Recorder    *r,
                 KeelProject *project)
{
  GListModel *models[4] = {
    keel_project_get_evidence (project), keel_project_get_items (project),
    keel_project_get_debts (project), keel_project_get_signals (project),
  };

  g_signal_handlers_disconnect_by_data (project, r);
  for (guint i = 0; i < 4; i++)
    g_signal_handlers_disconnect_by_data (models[i], &r->n_items_changed[i]);
  g_array_unref (r->entity_changes);
}

G_GNUC_UNUSED static void
recorder_reset (Recorder *r)
{
  r->n_changed = 0;
  r->flags = 0;
  memset (r->n_items_changed, 0, sizeof r->n_items_changed);
  g_array_set_size (r->entity_changes, 0);
}

static void
on_entity_changed (GObject  *object,
                   Recorder *r)
{
  g_array_append_val (r->entity_changes, object);
}

/* Records "changed" of @object (any entity) into @r->entity_changes. */
G_GNUC_UNUSED static void
recorder_watch (Recorder *r,
                gpointer  object)
{
  g_signal_connect (object, "changed", G_CALLBACK (on_entity_changed), r);
}

G_GNUC_UNUSED static guint
recorder_count_entity (Recorder *r,
                       gpointer  object)
{
  guint n = 0;

  for (guint i = 0; i < r->entity_changes->len; i++)
    if (g_array_index (r->entity_changes, gpointer, i) == object)
      n++;
  return n;
}

/* ---- Builders ---- */

G_GNUC_UNUSED static KeelEvidence *
make_evidence (const char *id,
               const char *summary)
{
  KeelEvidence *e = keel_evidence_new (id);

  g_free (e->summary);
  e->summary = g_strdup (summary);
  g_free (e->date);
  e->date = g_strdup ("2026-10-01");
  e->kind = KEEL_EVIDENCE_KIND_USAGE;
  return e;
}

G_GNUC_UNUSED static KeelItem *
make_item (const char    *id,
           const char    *title,
           KeelDimension  dimension,
           KeelHorizon    horizon,
           gint64         position)
{
  KeelItem *it = keel_item_new (id);

  g_free (it->title);
  it->title = g_strdup (title);
  it->dimension = dimension;
  it->horizon = horizon;
  it->position = position;
  return it;
}

G_GNUC_UNUSED static KeelDebt *
make_debt (const char *id,
           const char *title)
{
  KeelDebt *d = keel_debt_new (id);

  g_free (d->title);
  d->title = g_strdup (title);
  g_free (d->recorded);
  d->recorded = g_strdup ("2026-06-01");
  d->principal_days = 8;
  d->interest_hours_per_week = 6;
  return d;
}

G_GNUC_UNUSED static void
add_link (GPtrArray  *links,
          const char *id)
{
  g_ptr_array_add (links, g_strdup (id));
}
