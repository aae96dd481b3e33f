/* keel-dataset-model.c: the active rows of one dataset as a GListModel, read from the
 * working copy in pages.
 *
 * A dataset can hold a million rows; the list views that show them are virtualised and
 * ask only for the rows on screen. So the model knows its length (one COUNT query) and
 * reads rows a page at a time (LIMIT/OFFSET in rowid order, which SQLite walks without
 * sorting), keeping a handful of recent pages. The rows are small GObjects with their
 * cells as text.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-dataset-model"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "keel-dataset-model.h"

#define PAGE_SIZE 256
#define MAX_PAGES 16
#define MAX_COLUMNS 5

/* ---- Rows ---- */

struct _KeelDatasetRow
{
  GObject  parent_instance;
  gint64   id;
  guint    n_columns;
  char    *columns[MAX_COLUMNS];
};

G_DEFINE_FINAL_TYPE (KeelDatasetRow, keel_dataset_row, G_TYPE_OBJECT)

static void
keel_dataset_row_finalize (GObject *object)
{
  KeelDatasetRow *self = KEEL_DATASET_ROW (object);

  for (guint i = 0; i < MAX_COLUMNS; i++)
    g_free (self->columns[i]);

  G_OBJECT_CLASS (keel_dataset_row_parent_class)->finalize (object);
}

static void
keel_dataset_row_class_init (KeelDatasetRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = keel_dataset_row_finalize;
}

static void
keel_dataset_row_init (KeelDatasetRow *self)
{
}

gint64
keel_dataset_row_get_id (KeelDatasetRow *self)
{
  g_return_val_if_fail (KEEL_IS_DATASET_ROW (self), -1);
  return self->id;
}

const char *
keel_dataset_row_get_column (KeelDatasetRow *self,
                             guint           column)
{
  g_return_val_if_fail (KEEL_IS_DATASET_ROW (self), "");

  if (column >= self->n_columns || self->columns[column] == NULL)
    return "";
  return self->columns[column];
}

/* ---- The queries of each dataset ---- */

typedef struct
{
  const char *table;
  guint       n_columns;
  const char *titles[MAX_COLUMNS];
  /* ?1 the LIKE pattern or NULL, ?2 the limit, ?3 the offset. The rows table comes
   * first in a CROSS JOIN so that SQLite walks it in rowid order (no sort). */
  const char *page_sql;
  const char *count_sql;
} DatasetQueries;

#define LIKE(expr) "(" expr ") LIKE ?1 ESCAPE '\\'"

static const DatasetQueries queries[KEEL_N_DATASETS] = {
  [KEEL_DATASET_RETENTION] = {
    "retention_cohorts", 4,
    { N_("Cohort"), N_("Size"), N_("Retained per Period"), N_("Imported From") },
    "SELECT r.id, r.cohort, r.size, r.retained, i.source"
    " FROM retention_cohorts r CROSS JOIN imports i ON i.id = r.import_id"
    " WHERE i.active = 1 AND (?1 IS NULL OR " LIKE ("r.cohort") " OR " LIKE ("r.retained")
    " OR " LIKE ("i.source") ")"
    " ORDER BY r.id LIMIT ?2 OFFSET ?3",
    "SELECT count(*)"
    " FROM retention_cohorts r CROSS JOIN imports i ON i.id = r.import_id"
    " WHERE i.active = 1 AND (?1 IS NULL OR " LIKE ("r.cohort") " OR " LIKE ("r.retained")
    " OR " LIKE ("i.source") ")",
  },
  [KEEL_DATASET_SURVEY] = {
    "survey_responses", 5,
    { N_("Answer"), N_("Date"), N_("Segment"), N_("Respondent"), N_("Imported From") },
    "SELECT s.id, s.answer, s.date, s.segment, s.respondent, i.source"
    " FROM survey_responses s CROSS JOIN imports i ON i.id = s.import_id"
    " WHERE i.active = 1 AND (?1 IS NULL OR " LIKE ("replace(s.answer, '_', ' ')")
    " OR " LIKE ("s.date") " OR " LIKE ("ifnull(s.segment, '')")
    " OR " LIKE ("ifnull(s.respondent, '')") " OR " LIKE ("i.source") ")"
    " ORDER BY s.id LIMIT ?2 OFFSET ?3",
    "SELECT count(*)"
    " FROM survey_responses s CROSS JOIN imports i ON i.id = s.import_id"
    " WHERE i.active = 1 AND (?1 IS NULL OR " LIKE ("replace(s.answer, '_', ' ')")
    " OR " LIKE ("s.date") " OR " LIKE ("ifnull(s.segment, '')")
    " OR " LIKE ("ifnull(s.respondent, '')") " OR " LIKE ("i.source") ")",
  },
  [KEEL_DATASET_ACQUISITION] = {
    "acquisition", 5,
    { N_("Period"), N_("Channel"), N_("Class"), N_("New Users"), N_("Imported From") },
    "SELECT a.id, a.period, a.channel, NULL, a.new_users, i.source"
    " FROM acquisition a CROSS JOIN imports i ON i.id = a.import_id"
    " WHERE i.active = 1 AND (?1 IS NULL OR " LIKE ("a.period") " OR " LIKE ("a.channel")
    " OR " LIKE ("i.source") ")"
    " ORDER BY a.id LIMIT ?2 OFFSET ?3",
    "SELECT count(*)"
    " FROM acquisition a CROSS JOIN imports i ON i.id = a.import_id"
    " WHERE i.active = 1 AND (?1 IS NULL OR " LIKE ("a.period") " OR " LIKE ("a.channel")
    " OR " LIKE ("i.source") ")",
  },
};

/* ---- The model ---- */

struct _KeelDatasetModel
{
  GObject       parent_instance;

  KeelProject  *project;
  gulong        changed_handler;
  KeelDataset   dataset;
  char         *filter;
  char         *pattern;    /* the LIKE pattern of @filter, or NULL */

  guint         n_items;
  GHashTable   *pages;      /* page index -> GPtrArray of KeelDatasetRow */
  GQueue        recent;     /* page indexes, most recent first */
  GError       *error;
};

static void keel_dataset_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KeelDatasetModel, keel_dataset_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      keel_dataset_model_list_model_init))

/* ---- Helpers ---- */

static void
set_error (KeelDatasetModel *self,
           GError           *error)
{
  if (self->error == NULL)
    {
      g_debug ("Reading %s failed: %s", queries[self->dataset].table, error->message);
      self->error = error;
    }
  else
    g_error_free (error);
}

static char *
make_pattern (const char *filter)
{
  GString *pattern;

  if (filter == NULL || filter[0] == '\0')
    return NULL;

  pattern = g_string_new ("%");
  for (const char *p = filter; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

static guint
count_rows (KeelDatasetModel *self)
{
  KeelDb *db = keel_project_get_db (self->project);
  sqlite3_stmt *stmt;
  GError *error = NULL;
  gint64 count = 0;
  int rc;

  /* Without a filter the project counts from its indexes, faster than a scan. */
  if (self->pattern == NULL)
    return (guint) MIN (keel_project_count_rows (self->project, self->dataset), G_MAXUINT);

  stmt = keel_db_prepare (db, queries[self->dataset].count_sql, &error);
  if (stmt == NULL)
    {
      set_error (self, error);
      return 0;
    }
  sqlite3_bind_text (stmt, 1, self->pattern, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    keel_db_set_error (db, &error, _("Could not count the rows"));
  sqlite3_reset (stmt);
  if (error != NULL)
    set_error (self, error);
  return (guint) CLAMP (count, 0, G_MAXUINT);
}

static char *
cell_text (KeelDatasetModel *self,
           sqlite3_stmt     *stmt,
           guint             column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column + 1);

  if (text == NULL)
    text = "";

  switch (self->dataset)
    {
    case KEEL_DATASET_SURVEY:
      if (column == 0)
        {
          KeelAnswer answer;
          if (keel_answer_from_string (text, &answer))
            return g_strdup (keel_answer_to_label (answer));
        }
      break;

    case KEEL_DATASET_RETENTION:
      if (column == 2)
        {
          g_auto(GStrv) counts = g_strsplit (text, ",", -1);
          return g_strjoinv (", ", counts);
        }
      break;

    case KEEL_DATASET_ACQUISITION:
      if (column == 2)
        {
          const char *channel = (const char *) sqlite3_column_text (stmt, 2);
          KeelChannelClass klass;
          if (channel != NULL && keel_project_classify_channel (self->project, channel, &klass))
            return g_strdup (klass == KEEL_CHANNEL_CLASS_ORGANIC ? _("Organic") : _("Paid"));
          return g_strdup (_("Unclassified"));
        }
      break;

    case KEEL_N_DATASETS:
    default:
      break;
    }

  return g_strdup (text);
}

static GPtrArray *
load_page (KeelDatasetModel *self,
           guint             page)
{
  KeelDb *db = keel_project_get_db (self->project);
  const DatasetQueries *q = &queries[self->dataset];
  g_autoptr(GPtrArray) rows = g_ptr_array_new_full (PAGE_SIZE, g_object_unref);
  GError *error = NULL;
  sqlite3_stmt *stmt;
  guint expected = MIN (PAGE_SIZE, self->n_items - page * PAGE_SIZE);
  int rc;

  stmt = keel_db_prepare (db, q->page_sql, &error);
  if (stmt != NULL)
    {
      if (self->pattern != NULL)
        sqlite3_bind_text (stmt, 1, self->pattern, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, 1);
      sqlite3_bind_int64 (stmt, 2, PAGE_SIZE);
      sqlite3_bind_int64 (stmt, 3, (gint64) page * PAGE_SIZE);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && rows->len < expected)
        {
          KeelDatasetRow *row = g_object_new (KEEL_TYPE_DATASET_ROW, NULL);

          row->id = sqlite3_column_int64 (stmt, 0);
          row->n_columns = q->n_columns;
          for (guint c = 0; c < q->n_columns; c++)
            row->columns[c] = cell_text (self, stmt, c);
          g_ptr_array_add (rows, row);
        }
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        keel_db_set_error (db, &error, _("Could not read the rows"));
      sqlite3_reset (stmt);
    }
  if (error != NULL)
    set_error (self, error);

  /* The list view was promised n_items rows: should the table have changed under us
   * (it cannot between two edits), pad rather than hand GTK a NULL. */
  while (rows->len < expected)
    {
      KeelDatasetRow *row = g_object_new (KEEL_TYPE_DATASET_ROW, NULL);
      row->id = -1;
      row->n_columns = q->n_columns;
      g_ptr_array_add (rows, row);
    }

  return g_steal_pointer (&rows);
}

static void
clear_pages (KeelDatasetModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->recent);
}

static void
project_changed_cb (KeelProject      *project,
                    KeelChangeFlags   flags,
                    KeelDatasetModel *self)
{
  if (flags & KEEL_CHANGE_DATASETS)
    keel_dataset_model_reload (self);
}

/* ---- GListModel ---- */

static GType
keel_dataset_model_get_item_type (GListModel *model)
{
  return KEEL_TYPE_DATASET_ROW;
}

static guint
keel_dataset_model_get_n_items (GListModel *model)
{
  return KEEL_DATASET_MODEL (model)->n_items;
}

static gpointer
keel_dataset_model_get_item (GListModel *model,
                             guint       position)
{
  KeelDatasetModel *self = KEEL_DATASET_MODEL (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *rows;

  if (position >= self->n_items)
    return NULL;

  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    {
      rows = load_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
      g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));
      while (g_queue_get_length (&self->recent) > MAX_PAGES)
        g_hash_table_remove (self->pages, g_queue_pop_tail (&self->recent));
    }
  else if (g_queue_peek_head (&self->recent) != GUINT_TO_POINTER (page))
    {
      g_queue_remove (&self->recent, GUINT_TO_POINTER (page));
      g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));
    }

  return g_object_ref (g_ptr_array_index (rows, position % PAGE_SIZE));
}

static void
keel_dataset_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = keel_dataset_model_get_item_type;
  iface->get_n_items = keel_dataset_model_get_n_items;
  iface->get_item = keel_dataset_model_get_item;
}

/* ---- Overrides ---- */

static void
keel_dataset_model_dispose (GObject *object)
{
  KeelDatasetModel *self = KEEL_DATASET_MODEL (object);

  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_handler, self->project);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (keel_dataset_model_parent_class)->dispose (object);
}

static void
keel_dataset_model_finalize (GObject *object)
{
  KeelDatasetModel *self = KEEL_DATASET_MODEL (object);

  g_queue_clear (&self->recent);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_free (self->filter);
  g_free (self->pattern);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (keel_dataset_model_parent_class)->finalize (object);
}

static void
keel_dataset_model_class_init (KeelDatasetModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = keel_dataset_model_dispose;
  object_class->finalize = keel_dataset_model_finalize;
}

static void
keel_dataset_model_init (KeelDatasetModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->recent);
}

/* ---- Public API ---- */

/**
 * keel_dataset_model_new:
 * @project: the project whose working copy holds the rows
 * @dataset: which dataset
 *
 * Returns: (transfer full): a model of the dataset's active rows, in import order
 */
KeelDatasetModel *
keel_dataset_model_new (KeelProject *project,
                        KeelDataset  dataset)
{
  KeelDatasetModel *self;

  g_return_val_if_fail (KEEL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (dataset < KEEL_N_DATASETS, NULL);

  self = g_object_new (KEEL_TYPE_DATASET_MODEL, NULL);
  self->project = g_object_ref (project);
  self->dataset = dataset;
  self->changed_handler = g_signal_connect (project, "changed",
                                            G_CALLBACK (project_changed_cb), self);
  self->n_items = count_rows (self);
  return self;
}

KeelDataset
keel_dataset_model_get_dataset (KeelDatasetModel *self)
{
  g_return_val_if_fail (KEEL_IS_DATASET_MODEL (self), KEEL_DATASET_RETENTION);
  return self->dataset;
}

guint
keel_dataset_model_get_n_columns (KeelDatasetModel *self)
{
  g_return_val_if_fail (KEEL_IS_DATASET_MODEL (self), 0);
  return queries[self->dataset].n_columns;
}

const char *
keel_dataset_model_get_column_title (KeelDatasetModel *self,
                                     guint             column)
{
  g_return_val_if_fail (KEEL_IS_DATASET_MODEL (self), NULL);
  g_return_val_if_fail (column < queries[self->dataset].n_columns, NULL);

  return _(queries[self->dataset].titles[column]);
}

void
keel_dataset_model_set_filter (KeelDatasetModel *self,
                               const char       *text)
{
  g_return_if_fail (KEEL_IS_DATASET_MODEL (self));

  if (text != NULL && text[0] == '\0')
    text = NULL;
  if (g_strcmp0 (text, self->filter) == 0)
    return;

  g_free (self->filter);
  self->filter = g_strdup (text);
  g_free (self->pattern);
  self->pattern = make_pattern (text);
  keel_dataset_model_reload (self);
}

const char *
keel_dataset_model_get_filter (KeelDatasetModel *self)
{
  g_return_val_if_fail (KEEL_IS_DATASET_MODEL (self), NULL);
  return self->filter;
}

void
keel_dataset_model_reload (KeelDatasetModel *self)
{
  guint old_n;

  g_return_if_fail (KEEL_IS_DATASET_MODEL (self));

  old_n = self->n_items;
  clear_pages (self);
  g_clear_error (&self->error);
  self->n_items = count_rows (self);

  /* One signal for the whole change: the view rebuilds once. */
  if (old_n != 0 || self->n_items != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
}

const GError *
keel_dataset_model_get_error (KeelDatasetModel *self)
{
  g_return_val_if_fail (KEEL_IS_DATASET_MODEL (self), NULL);
  return self->error;
}
