/* keel-history.c: commands, transactions and undo for KeelProject.
 *
 * Every edit is a list of reversible ops. Running an edit executes each op's SQL in one
 * transaction (or in a savepoint of the open group) and applies it to the in-memory
 * objects, recording what it did in a journal. When the transaction commits, the
 * journal is announced: the list stores are patched with one items-changed per list,
 * each touched object emits "changed" once, and the project emits "changed" once. When
 * it fails, the journal is walked back so memory is exactly as before, and nothing is
 * announced. Undo runs a command's ops backward, in reverse order, the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-history"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "keel-project-private.h"

/* Enough for a working session; each step holds snapshots, never whole datasets
 * except the copies of deleted rows. */
#define MAX_UNDO_STEPS 200

typedef enum {
  JOURNAL_INSERT,   /* a live object was created and put in the table */
  JOURNAL_REMOVE,   /* a live object was taken out of the table */
  JOURNAL_UPDATE,   /* a live object was overwritten in place */
  JOURNAL_OTHER,    /* name, settings, datasets: no object */
} JournalAction;

typedef struct {
  KeelOp        *op;       /* borrowed: the step's or the command's */
  gboolean       forward;
  JournalAction  action;
  GObject       *object;   /* the live object (ref), for entity ops */
} JournalEntry;

/* ---- Ops and commands ---- */

KeelOp *
keel_op_new (KeelOpType type)
{
  KeelOp *op = g_new0 (KeelOp, 1);

  op->type = type;
  return op;
}

/* Takes ownership of @before and @after (either may be NULL, not both). */
KeelOp *
keel_op_new_entity (KeelKind  kind,
                    GObject  *before,
                    GObject  *after)
{
  KeelOp *op = keel_op_new (KEEL_OP_ENTITY);

  g_assert (before != NULL || after != NULL);

  op->kind = kind;
  op->before = before;
  op->after = after;
  return op;
}

void
keel_row_copy_clear (gpointer data)
{
  KeelRowCopy *row = data;

  for (guint i = 0; i < G_N_ELEMENTS (row->text); i++)
    g_clear_pointer (&row->text[i], g_free);
}

void
keel_op_free (KeelOp *op)
{
  if (op == NULL)
    return;

  g_clear_object (&op->before);
  g_clear_object (&op->after);
  g_clear_object (&op->live);
  g_free (op->str_before);
  g_free (op->str_after);
  g_clear_pointer (&op->activate, g_array_unref);
  g_clear_pointer (&op->deactivate, g_array_unref);
  g_clear_pointer (&op->rows, g_array_unref);
  g_free (op);
}

KeelCommand *
keel_command_new (const char *label)
{
  KeelCommand *command = g_new0 (KeelCommand, 1);

  command->label = g_strdup (label);
  command->ops = g_ptr_array_new_with_free_func ((GDestroyNotify) keel_op_free);
  return command;
}

void
keel_command_free (KeelCommand *command)
{
  if (command == NULL)
    return;

  g_free (command->label);
  g_ptr_array_unref (command->ops);
  g_free (command);
}

void
keel_project_storage_error (GError **error,
                            GError  *db_error)
{
  g_set_error (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_STORAGE,
               _("The change could not be saved: %s"),
               db_error != NULL ? db_error->message : _("unknown error"));
}

/* ---- SQL of the ops ---- */

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_optional_double (sqlite3_stmt *stmt,
                      int           index,
                      gboolean      has_value,
                      double        value)
{
  if (has_value)
    sqlite3_bind_double (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

/* Steps @stmt and checks that it changed exactly one row: the working copy and memory
 * must agree, and if they don't the edit is refused rather than half-applied. */
static gboolean
step_one_row (KeelDb        *db,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  if (!keel_db_step_done (db, stmt, error))
    return FALSE;

  if (sqlite3_changes (keel_db_get_handle (db)) != 1)
    {
      g_set_error_literal (error, KEEL_DB_ERROR, KEEL_DB_ERROR_FAILED,
                           _("the working copy does not match the project in memory"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
exec_with_id (KeelDb      *db,
              const char  *sql,
              const char  *id,
              gboolean     exactly_one,
              GError     **error)
{
  sqlite3_stmt *stmt = keel_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, id);
  return exactly_one ? step_one_row (db, stmt, error) : keel_db_step_done (db, stmt, error);
}

static gboolean
links_equal (GPtrArray *a,
             GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (strcmp (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;

  return TRUE;
}

static gboolean
insert_links (KeelDb      *db,
              const char  *sql,
              const char  *owner_id,
              const char  *link,
              GPtrArray   *targets,
              GError     **error)
{
  for (guint i = 0; i < targets->len; i++)
    {
      sqlite3_stmt *stmt = keel_db_prepare (db, sql, error);
      int index = 1;

      if (stmt == NULL)
        return FALSE;

      bind_text (stmt, index++, owner_id);
      if (link != NULL)
        bind_text (stmt, index++, link);
      bind_text (stmt, index++, g_ptr_array_index (targets, i));
      sqlite3_bind_int64 (stmt, index, i);

      if (!keel_db_step_done (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_evidence (KeelDb        *db,
                KeelEvidence  *evidence,
                gboolean       insert,
                GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = keel_db_prepare (db,
                          insert
                          ? "INSERT INTO evidence (id, kind, summary, source, date, value, unit)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                          : "UPDATE evidence SET kind = ?2, summary = ?3, source = ?4, date = ?5,"
                            " value = ?6, unit = ?7 WHERE id = ?1",
                          error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, evidence->id);
  bind_text (stmt, 2, keel_evidence_kind_to_string (evidence->kind));
  bind_text (stmt, 3, evidence->summary);
  bind_text (stmt, 4, evidence->source);
  bind_text (stmt, 5, evidence->date);
  bind_optional_double (stmt, 6, evidence->has_value, evidence->value);
  bind_text (stmt, 7, evidence->unit);

  return step_one_row (db, stmt, error);
}

static const char *item_link_sql =
  "INSERT INTO item_links (item_id, link, target_id, position) VALUES (?1, ?2, ?3, ?4)";

static gboolean
write_item (KeelDb    *db,
            KeelItem  *item,
            KeelItem  *previous,   /* NULL: insert */
            GError   **error)
{
  sqlite3_stmt *stmt;

  stmt = keel_db_prepare (db,
                          previous == NULL
                          ? "INSERT INTO items (id, title, description, dimension, kind, horizon,"
                            " status, position, effort_days, owner, target)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                          : "UPDATE items SET title = ?2, description = ?3, dimension = ?4,"
                            " kind = ?5, horizon = ?6, status = ?7, position = ?8,"
                            " effort_days = ?9, owner = ?10, target = ?11 WHERE id = ?1",
                          error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, item->id);
  bind_text (stmt, 2, item->title);
  bind_text (stmt, 3, item->description);
  bind_text (stmt, 4, keel_dimension_to_string (item->dimension));
  bind_text (stmt, 5, keel_item_kind_to_string (item->kind));
  bind_text (stmt, 6, keel_horizon_to_string (item->horizon));
  bind_text (stmt, 7, keel_status_to_string (item->status));
  sqlite3_bind_int64 (stmt, 8, item->position);
  bind_optional_double (stmt, 9, item->has_effort_days, item->effort_days);
  bind_text (stmt, 10, item->owner);
  bind_text (stmt, 11, item->target);

  if (!step_one_row (db, stmt, error))
    return FALSE;

  /* Most edits (a title, a move) leave the links alone: rewrite them only when they
   * changed, so an edit costs a few rows whatever the project's size. */
  if (previous != NULL
      && links_equal (previous->evidence, item->evidence)
      && links_equal (previous->debts, item->debts)
      && links_equal (previous->depends_on, item->depends_on))
    return TRUE;

  if (previous != NULL
      && !exec_with_id (db, "DELETE FROM item_links WHERE item_id = ?1", item->id, FALSE, error))
    return FALSE;

  return insert_links (db, item_link_sql, item->id, "evidence", item->evidence, error)
      && insert_links (db, item_link_sql, item->id, "debt", item->debts, error)
      && insert_links (db, item_link_sql, item->id, "depends_on", item->depends_on, error);
}

static const char *debt_link_sql =
  "INSERT INTO debt_evidence (debt_id, evidence_id, position) VALUES (?1, ?2, ?3)";

static gboolean
write_debt (KeelDb    *db,
            KeelDebt  *debt,
            KeelDebt  *previous,
            GError   **error)
{
  sqlite3_stmt *stmt;

  stmt = keel_db_prepare (db,
                          previous == NULL
                          ? "INSERT INTO debts (id, title, component, quadrant, principal_days,"
                            " interest_hours_per_week, bottleneck, hard_ceiling, status, owner,"
                            " recorded) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                          : "UPDATE debts SET title = ?2, component = ?3, quadrant = ?4,"
                            " principal_days = ?5, interest_hours_per_week = ?6,"
                            " bottleneck = ?7, hard_ceiling = ?8, status = ?9, owner = ?10,"
                            " recorded = ?11 WHERE id = ?1",
                          error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, debt->id);
  bind_text (stmt, 2, debt->title);
  bind_text (stmt, 3, debt->component);
  bind_text (stmt, 4, keel_quadrant_to_string (debt->quadrant));
  sqlite3_bind_double (stmt, 5, debt->principal_days);
  sqlite3_bind_double (stmt, 6, debt->interest_hours_per_week);
  sqlite3_bind_int (stmt, 7, debt->bottleneck ? 1 : 0);
  sqlite3_bind_int (stmt, 8, debt->hard_ceiling ? 1 : 0);
  bind_text (stmt, 9, keel_debt_status_to_string (debt->status));
  bind_text (stmt, 10, debt->owner);
  bind_text (stmt, 11, debt->recorded);

  if (!step_one_row (db, stmt, error))
    return FALSE;

  if (previous != NULL && links_equal (previous->evidence, debt->evidence))
    return TRUE;

  if (previous != NULL
      && !exec_with_id (db, "DELETE FROM debt_evidence WHERE debt_id = ?1", debt->id, FALSE, error))
    return FALSE;

  return insert_links (db, debt_link_sql, debt->id, NULL, debt->evidence, error);
}

static gboolean
write_signal (KeelDb      *db,
              KeelSignal  *signal,
              gboolean     insert,
              GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean custom = signal->kind == KEEL_SIGNAL_KIND_CUSTOM;

  stmt = keel_db_prepare (db,
                          insert
                          ? "INSERT INTO signals (id, kind, name, required, position, value,"
                            " target, comparison, date, source)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                          : "UPDATE signals SET kind = ?2, name = ?3, required = ?4,"
                            " position = ?5, value = ?6, target = ?7, comparison = ?8,"
                            " date = ?9, source = ?10 WHERE id = ?1",
                          error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, signal->id);
  bind_text (stmt, 2, keel_signal_kind_to_string (signal->kind));
  bind_text (stmt, 3, signal->name);
  sqlite3_bind_int (stmt, 4, signal->required ? 1 : 0);
  sqlite3_bind_int64 (stmt, 5, signal->position);
  bind_optional_double (stmt, 6, signal->has_value, signal->value);
  bind_optional_double (stmt, 7, signal->has_target, signal->target);
  bind_text (stmt, 8, custom ? keel_comparison_to_string (signal->comparison) : NULL);
  bind_text (stmt, 9, signal->date);
  bind_text (stmt, 10, signal->source);

  return step_one_row (db, stmt, error);
}

static gboolean
delete_entity (KeelDb      *db,
               KeelKind     kind,
               const char  *id,
               GError     **error)
{
  switch (kind)
    {
    case KEEL_KIND_EVIDENCE:
      return exec_with_id (db, "DELETE FROM evidence WHERE id = ?1", id, TRUE, error);
    case KEEL_KIND_ITEM:
      return exec_with_id (db, "DELETE FROM item_links WHERE item_id = ?1", id, FALSE, error)
          && exec_with_id (db, "DELETE FROM items WHERE id = ?1", id, TRUE, error);
    case KEEL_KIND_DEBT:
      return exec_with_id (db, "DELETE FROM debt_evidence WHERE debt_id = ?1", id, FALSE, error)
          && exec_with_id (db, "DELETE FROM debts WHERE id = ?1", id, TRUE, error);
    case KEEL_KIND_SIGNAL:
      return exec_with_id (db, "DELETE FROM signals WHERE id = ?1", id, TRUE, error);
    case KEEL_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
write_entity (KeelDb    *db,
              KeelKind   kind,
              GObject   *to,
              GObject   *from,
              GError   **error)
{
  switch (kind)
    {
    case KEEL_KIND_EVIDENCE:
      return write_evidence (db, KEEL_EVIDENCE (to), from == NULL, error);
    case KEEL_KIND_ITEM:
      return write_item (db, KEEL_ITEM (to), from ? KEEL_ITEM (from) : NULL, error);
    case KEEL_KIND_DEBT:
      return write_debt (db, KEEL_DEBT (to), from ? KEEL_DEBT (from) : NULL, error);
    case KEEL_KIND_SIGNAL:
      return write_signal (db, KEEL_SIGNAL (to), from == NULL, error);
    case KEEL_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
write_meta (KeelDb      *db,
            const char  *key,
            const char  *value,
            GError     **error)
{
  sqlite3_stmt *stmt = keel_db_prepare (db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                                        error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, key);
  bind_text (stmt, 2, value);
  return keel_db_step_done (db, stmt, error);
}

static gboolean
write_settings (KeelDb              *db,
                const KeelSettings  *settings,
                GError             **error)
{
  guint n_keys;
  const char * const *keys = keel_settings_get_keys (&n_keys);

  for (guint i = 0; i < n_keys; i++)
    {
      sqlite3_stmt *stmt;
      double value;

      stmt = keel_db_prepare (db, "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
                              error);
      if (stmt == NULL)
        return FALSE;

      keel_settings_get_value (settings, keys[i], &value);
      bind_text (stmt, 1, keys[i]);
      sqlite3_bind_double (stmt, 2, value);
      if (!keel_db_step_done (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_channel_class (KeelDb      *db,
                     const char  *remove_channel,
                     const char  *add_channel,
                     int          add_class,
                     GError     **error)
{
  if (remove_channel != NULL
      && !exec_with_id (db, "DELETE FROM channel_classes WHERE channel = ?1", remove_channel,
                        TRUE, error))
    return FALSE;

  if (add_channel != NULL)
    {
      sqlite3_stmt *stmt = keel_db_prepare (db,
                                            "INSERT INTO channel_classes (channel, class) VALUES (?1, ?2)",
                                            error);
      if (stmt == NULL)
        return FALSE;

      bind_text (stmt, 1, add_channel);
      bind_text (stmt, 2, keel_channel_class_to_string ((KeelChannelClass) add_class));
      if (!keel_db_step_done (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
set_imports_active (KeelDb      *db,
                    GArray      *ids,
                    gboolean     active,
                    GError     **error)
{
  if (ids == NULL)
    return TRUE;

  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_stmt *stmt = keel_db_prepare (db, "UPDATE imports SET active = ?2 WHERE id = ?1", error);

      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      sqlite3_bind_int (stmt, 2, active ? 1 : 0);
      if (!step_one_row (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* The statements that write a dataset's rows back (redo) or take them out (undo). */
static const struct
{
  const char *insert;
  const char *delete;
} dataset_sql[KEEL_N_DATASETS] = {
  [KEEL_DATASET_RETENTION] = {
    "INSERT INTO retention_cohorts (id, import_id, cohort, size, retained)"
    " VALUES (?1, ?2, ?3, ?4, ?5)",
    "DELETE FROM retention_cohorts WHERE id = ?1",
  },
  [KEEL_DATASET_SURVEY] = {
    "INSERT INTO survey_responses (id, import_id, answer, date, segment, respondent)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "DELETE FROM survey_responses WHERE id = ?1",
  },
  [KEEL_DATASET_ACQUISITION] = {
    "INSERT INTO acquisition (id, import_id, period, channel, new_users)"
    " VALUES (?1, ?2, ?3, ?4, ?5)",
    "DELETE FROM acquisition WHERE id = ?1",
  },
};

static gboolean
insert_rows (KeelDb       *db,
             KeelDataset   dataset,
             GArray       *rows,
             GError      **error)
{
  const char *sql;

  g_assert (dataset < KEEL_N_DATASETS);
  sql = dataset_sql[dataset].insert;

  for (guint i = 0; i < rows->len; i++)
    {
      const KeelRowCopy *row = &g_array_index (rows, KeelRowCopy, i);
      sqlite3_stmt *stmt = keel_db_prepare (db, sql, error);

      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, row->id);
      sqlite3_bind_int64 (stmt, 2, row->import_id);
      bind_text (stmt, 3, row->text[0]);
      switch (dataset)
        {
        case KEEL_DATASET_RETENTION:
          sqlite3_bind_int64 (stmt, 4, row->number);
          bind_text (stmt, 5, row->text[1]);
          break;
        case KEEL_DATASET_SURVEY:
          bind_text (stmt, 4, row->text[1]);
          bind_text (stmt, 5, row->text[2]);
          bind_text (stmt, 6, row->text[3]);
          break;
        case KEEL_DATASET_ACQUISITION:
        case KEEL_N_DATASETS:
        default:
          bind_text (stmt, 4, row->text[1]);
          sqlite3_bind_int64 (stmt, 5, row->number);
          break;
        }

      if (!keel_db_step_done (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
delete_rows (KeelDb       *db,
             KeelDataset   dataset,
             GArray       *rows,
             GError      **error)
{
  const char *sql;

  g_assert (dataset < KEEL_N_DATASETS);
  sql = dataset_sql[dataset].delete;

  for (guint i = 0; i < rows->len; i++)
    {
      sqlite3_stmt *stmt = keel_db_prepare (db, sql, error);

      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, g_array_index (rows, KeelRowCopy, i).id);
      if (!step_one_row (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Executes @op's SQL in the open transaction; @error is a KEEL_DB_ERROR. */
gboolean
keel_project_apply_op_sql (KeelProject  *self,
                           KeelOp       *op,
                           gboolean      forward,
                           GError      **error)
{
  KeelDb *db = self->db;

  switch (op->type)
    {
    case KEEL_OP_ENTITY:
      {
        GObject *from = forward ? op->before : op->after;
        GObject *to = forward ? op->after : op->before;

        if (to == NULL)
          return delete_entity (db, op->kind, keel_kind_get_id (op->kind, from), error);
        return write_entity (db, op->kind, to, from, error);
      }

    case KEEL_OP_NAME:
      return write_meta (db, "name", forward ? op->str_after : op->str_before, error);

    case KEEL_OP_SETTINGS:
      return write_settings (db, forward ? &op->settings_after : &op->settings_before, error);

    case KEEL_OP_RETENTION_PERIOD:
      return write_meta (db, "retention_period",
                         keel_retention_period_to_string (forward ? op->int_after : op->int_before),
                         error);

    case KEEL_OP_CHANNEL_CLASS:
      if (forward)
        return write_channel_class (db, op->str_before, op->str_after, op->int_after, error);
      else
        return write_channel_class (db, op->str_after, op->str_before, op->int_before, error);

    case KEEL_OP_IMPORTS:
      return set_imports_active (db, forward ? op->deactivate : op->activate, FALSE, error)
          && set_imports_active (db, forward ? op->activate : op->deactivate, TRUE, error);

    case KEEL_OP_ROWS:
      if (forward)
        return delete_rows (db, op->dataset, op->rows, error);
      else
        return insert_rows (db, op->dataset, op->rows, error);

    default:
      g_assert_not_reached ();
    }
}

/* ---- Memory ---- */

void
keel_project_rebuild_channel_folded (KeelProject *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_remove_all (self->channel_folded);
  g_hash_table_iter_init (&iter, self->channel_classes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (self->channel_folded, g_utf8_casefold (key, -1), value);
}

static void
apply_channel_class_memory (KeelProject *self,
                            const char  *remove_channel,
                            const char  *add_channel,
                            int          add_class)
{
  if (remove_channel != NULL)
    g_hash_table_remove (self->channel_classes, remove_channel);
  if (add_channel != NULL)
    g_hash_table_insert (self->channel_classes, g_strdup (add_channel), GINT_TO_POINTER (add_class));
  keel_project_rebuild_channel_folded (self);
}

/* The memory side of the ops that have no objects: exactly reversible by applying
 * the op the other way. */
static void
apply_other_memory (KeelProject *self,
                    KeelOp      *op,
                    gboolean     forward)
{
  switch (op->type)
    {
    case KEEL_OP_NAME:
      g_free (self->name);
      self->name = g_strdup (forward ? op->str_after : op->str_before);
      break;

    case KEEL_OP_SETTINGS:
      self->settings = forward ? op->settings_after : op->settings_before;
      break;

    case KEEL_OP_RETENTION_PERIOD:
      self->retention_period = forward ? op->int_after : op->int_before;
      break;

    case KEEL_OP_CHANNEL_CLASS:
      if (forward)
        apply_channel_class_memory (self, op->str_before, op->str_after, op->int_after);
      else
        apply_channel_class_memory (self, op->str_after, op->str_before, op->int_before);
      break;

    case KEEL_OP_IMPORTS:
    case KEEL_OP_ROWS:
      /* The datasets live in the working copy only. */
      break;

    case KEEL_OP_ENTITY:
    default:
      g_assert_not_reached ();
    }
}

void
keel_project_apply_op_memory (KeelProject *self,
                              KeelOp      *op,
                              gboolean     forward)
{
  JournalEntry entry = { op, forward, JOURNAL_OTHER, NULL };

  if (op->type == KEEL_OP_ENTITY)
    {
      GObject *from = forward ? op->before : op->after;
      GObject *to = forward ? op->after : op->before;
      GHashTable *table = self->by_id[op->kind];

      if (from == NULL)
        {
          entry.action = JOURNAL_INSERT;
          if (op->live != NULL)
            {
              /* An add: the caller's object becomes the project's, with the
               * normalized fields. */
              entry.object = g_steal_pointer (&op->live);
              keel_kind_assign (op->kind, entry.object, to);
            }
          else
            {
              entry.object = keel_kind_copy (op->kind, to);
            }
          g_hash_table_insert (table, g_strdup (keel_kind_get_id (op->kind, to)),
                               g_object_ref (entry.object));
        }
      else
        {
          const char *id = keel_kind_get_id (op->kind, from);
          GObject *live = g_hash_table_lookup (table, id);

          g_assert (live != NULL);
          entry.object = g_object_ref (live);

          if (to == NULL)
            {
              entry.action = JOURNAL_REMOVE;
              g_hash_table_remove (table, id);
            }
          else
            {
              entry.action = JOURNAL_UPDATE;
              keel_kind_assign (op->kind, live, to);
            }
        }
    }
  else
    {
      apply_other_memory (self, op, forward);
    }

  g_array_append_val (self->journal, entry);
}

static void
journal_entry_clear (gpointer data)
{
  JournalEntry *entry = data;

  g_clear_object (&entry->object);
}

/* Walks the journal back to @mark, leaving memory exactly as it was then. */
static void
journal_revert (KeelProject *self,
                guint        mark)
{
  while (self->journal->len > mark)
    {
      JournalEntry *entry = &g_array_index (self->journal, JournalEntry, self->journal->len - 1);
      KeelOp *op = entry->op;

      switch (entry->action)
        {
        case JOURNAL_INSERT:
          g_hash_table_remove (self->by_id[op->kind], keel_kind_get_id (op->kind, entry->object));
          break;

        case JOURNAL_REMOVE:
          g_hash_table_insert (self->by_id[op->kind],
                               g_strdup (keel_kind_get_id (op->kind, entry->object)),
                               g_object_ref (entry->object));
          break;

        case JOURNAL_UPDATE:
          keel_kind_assign (op->kind, entry->object, entry->forward ? op->before : op->after);
          break;

        case JOURNAL_OTHER:
        default:
          apply_other_memory (self, op, !entry->forward);
          break;
        }

      g_array_remove_index (self->journal, self->journal->len - 1);
    }
}

/* ---- Announcing a committed journal ---- */

/* g_hash_table_get_{keys,values}_as_ptr_array() need GLib 2.76. */
static GPtrArray *
table_to_array (GHashTable *table,
                gboolean    values)
{
  GPtrArray *array = g_ptr_array_sized_new (g_hash_table_size (table));
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (array, values ? value : key);

  return array;
}

typedef struct {
  GPtrArray *array;
  KeelKind   kind;
} SortData;

static int
compare_objects (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  KeelKind kind = GPOINTER_TO_INT (user_data);

  return keel_kind_compare (kind, *(GObject **) a, *(GObject **) b);
}

/* The first position in @store whose object sorts at or after @object. */
static guint
store_lower_bound (GListStore *store,
                   KeelKind    kind,
                   GObject    *object)
{
  guint lo = 0, hi = g_list_model_get_n_items (G_LIST_MODEL (store));

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(GObject) probe = g_list_model_get_item (G_LIST_MODEL (store), mid);

      if (keel_kind_compare (kind, probe, object) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Replaces the contents of @store by @wanted with one items-changed covering only the
 * span that differs. */
static void
store_splice_to (GListStore *store,
                 GPtrArray  *wanted)
{
  GListModel *model = G_LIST_MODEL (store);
  guint n_old = g_list_model_get_n_items (model);
  guint n_new = wanted->len;
  guint prefix = 0, suffix = 0;

  while (prefix < n_old && prefix < n_new)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, prefix);

      if (item != g_ptr_array_index (wanted, prefix))
        break;
      prefix++;
    }

  while (suffix < n_old - prefix && suffix < n_new - prefix)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, n_old - 1 - suffix);

      if (item != g_ptr_array_index (wanted, n_new - 1 - suffix))
        break;
      suffix++;
    }

  if (prefix == n_old && prefix == n_new)
    return;

  g_list_store_splice (store, prefix, n_old - prefix - suffix,
                       wanted->pdata + prefix, n_new - prefix - suffix);
}

static void
patch_store (KeelProject *self,
             KeelKind     kind,
             GHashTable  *added,
             GHashTable  *removed,
             GHashTable  *changed)
{
  GListStore *store = self->stores[kind];
  guint n_added = g_hash_table_size (added);
  guint n_removed = g_hash_table_size (removed);

  if (kind == KEEL_KIND_SIGNAL)
    {
      g_autoptr(GPtrArray) wanted = NULL;

      /* The checklist is short and an edit may move a signal: sort it again. */
      if (n_added + n_removed + g_hash_table_size (changed) == 0)
        return;

      wanted = table_to_array (self->by_id[kind], TRUE);
      g_ptr_array_sort_with_data (wanted, compare_objects, GINT_TO_POINTER (kind));
      store_splice_to (store, wanted);
      return;
    }

  if (n_added + n_removed == 0)
    return;

  if (n_added + n_removed == 1)
    {
      GHashTableIter iter;
      gpointer object;

      g_hash_table_iter_init (&iter, n_added ? added : removed);
      g_hash_table_iter_next (&iter, &object, NULL);

      if (n_added)
        {
          g_list_store_insert (store, store_lower_bound (store, kind, object), object);
        }
      else
        {
          guint position = store_lower_bound (store, kind, object);
          g_autoptr(GObject) found = g_list_model_get_item (G_LIST_MODEL (store), position);

          g_assert (found == object);
          g_list_store_remove (store, position);
        }
      return;
    }

  /* A bulk change: merge the kept objects with the sorted new ones. */
  {
    GListModel *model = G_LIST_MODEL (store);
    guint n = g_list_model_get_n_items (model);
    g_autoptr(GPtrArray) adds = table_to_array (added, FALSE);
    g_autoptr(GPtrArray) wanted = g_ptr_array_new_full (n + n_added, g_object_unref);
    guint a = 0;

    g_ptr_array_sort_with_data (adds, compare_objects, GINT_TO_POINTER (kind));

    for (guint i = 0; i < n; i++)
      {
        GObject *object = g_list_model_get_item (model, i);

        if (g_hash_table_contains (removed, object))
          {
            g_object_unref (object);
            continue;
          }

        while (a < adds->len && keel_kind_compare (kind, g_ptr_array_index (adds, a), object) < 0)
          g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (adds, a++)));

        g_ptr_array_add (wanted, object);
      }

    while (a < adds->len)
      g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (adds, a++)));

    store_splice_to (store, wanted);
  }
}

static KeelChangeFlags
op_change_flag (KeelOp *op)
{
  switch (op->type)
    {
    case KEEL_OP_ENTITY:
      return keel_kind_changed_flag (op->kind);
    case KEEL_OP_NAME:
      return KEEL_CHANGE_NAME;
    case KEEL_OP_SETTINGS:
      return KEEL_CHANGE_SETTINGS;
    case KEEL_OP_RETENTION_PERIOD:
    case KEEL_OP_CHANNEL_CLASS:
    case KEEL_OP_IMPORTS:
    case KEEL_OP_ROWS:
      return KEEL_CHANGE_DATASETS;
    default:
      g_assert_not_reached ();
    }
}

/* What the history properties were, to notify only those that change. The labels
 * are copies: the commands they came from may be gone by the time they are compared. */
typedef struct {
  gboolean  can_undo;
  gboolean  can_redo;
  char     *undo_label;
  char     *redo_label;
} HistoryState;

static void
history_state_get (KeelProject  *self,
                   HistoryState *state)
{
  state->can_undo = keel_project_can_undo (self);
  state->can_redo = keel_project_can_redo (self);
  state->undo_label = g_strdup (keel_project_get_undo_label (self));
  state->redo_label = g_strdup (keel_project_get_redo_label (self));
}

static void
history_state_clear (HistoryState *state)
{
  g_clear_pointer (&state->undo_label, g_free);
  g_clear_pointer (&state->redo_label, g_free);
}

/* Announces the committed journal: list stores, objects, then the project once. */
static void
announce (KeelProject  *self,
          HistoryState *before)
{
  GHashTable *added[KEEL_N_KINDS];
  GHashTable *removed[KEEL_N_KINDS];
  GHashTable *changed[KEEL_N_KINDS];
  g_autoptr(GArray) journal = NULL;
  KeelChangeFlags flags = 0;
  HistoryState after;

  for (guint k = 0; k < KEEL_N_KINDS; k++)
    {
      added[k] = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
      removed[k] = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
      changed[k] = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
    }

  /* Take the journal first: handlers may read the project, and it must be settled. */
  journal = g_steal_pointer (&self->journal);
  self->journal = g_array_new (FALSE, TRUE, sizeof (JournalEntry));
  g_array_set_clear_func (self->journal, journal_entry_clear);

  for (guint i = 0; i < journal->len; i++)
    {
      JournalEntry *entry = &g_array_index (journal, JournalEntry, i);
      KeelKind kind = entry->op->kind;

      flags |= op_change_flag (entry->op);

      switch (entry->action)
        {
        case JOURNAL_INSERT:
          g_hash_table_add (added[kind], g_object_ref (entry->object));
          break;

        case JOURNAL_REMOVE:
          /* Added and removed in the same step: the list never saw it. */
          if (!g_hash_table_remove (added[kind], entry->object))
            g_hash_table_add (removed[kind], g_object_ref (entry->object));
          g_hash_table_remove (changed[kind], entry->object);
          break;

        case JOURNAL_UPDATE:
          if (!g_hash_table_contains (added[kind], entry->object))
            g_hash_table_add (changed[kind], g_object_ref (entry->object));
          break;

        case JOURNAL_OTHER:
        default:
          break;
        }
    }

  if (flags & (KEEL_CHANGE_SETTINGS | KEEL_CHANGE_SIGNALS | KEEL_CHANGE_DATASETS))
    self->data_generation++;

  if (self->document != NULL)
    keel_document_mark_dirty (self->document);

  g_object_freeze_notify (G_OBJECT (self));

  for (guint k = 0; k < KEEL_N_KINDS; k++)
    patch_store (self, k, added[k], removed[k], changed[k]);

  for (guint k = 0; k < KEEL_N_KINDS; k++)
    {
      g_autoptr(GPtrArray) objects = table_to_array (changed[k], FALSE);

      /* In id order, so that listeners see a reproducible sequence. */
      g_ptr_array_sort_with_data (objects, compare_objects, GINT_TO_POINTER (k));
      for (guint i = 0; i < objects->len; i++)
        g_signal_emit_by_name (g_ptr_array_index (objects, i), "changed");
    }

  if (flags & KEEL_CHANGE_NAME)
    g_object_notify_by_pspec (G_OBJECT (self), keel_project_properties[KEEL_PROJECT_PROP_NAME]);

  history_state_get (self, &after);
  if (after.can_undo != before->can_undo)
    g_object_notify_by_pspec (G_OBJECT (self), keel_project_properties[KEEL_PROJECT_PROP_CAN_UNDO]);
  if (after.can_redo != before->can_redo)
    g_object_notify_by_pspec (G_OBJECT (self), keel_project_properties[KEEL_PROJECT_PROP_CAN_REDO]);
  if (g_strcmp0 (after.undo_label, before->undo_label) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), keel_project_properties[KEEL_PROJECT_PROP_UNDO_LABEL]);
  if (g_strcmp0 (after.redo_label, before->redo_label) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), keel_project_properties[KEEL_PROJECT_PROP_REDO_LABEL]);
  history_state_clear (&after);
  history_state_clear (before);

  for (guint k = 0; k < KEEL_N_KINDS; k++)
    {
      g_hash_table_unref (added[k]);
      g_hash_table_unref (removed[k]);
      g_hash_table_unref (changed[k]);
    }

  if (flags != 0)
    g_signal_emit (self, keel_project_signals[KEEL_PROJECT_SIGNAL_CHANGED], 0, (guint) flags);

  g_object_thaw_notify (G_OBJECT (self));
}

/* ---- Steps and edits ---- */

gboolean
keel_project_check_editable (KeelProject  *self,
                             GError      **error)
{
  if (self->document != NULL && keel_document_is_read_only (self->document))
    {
      g_set_error_literal (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_READ_ONLY,
                           _("The project is open read-only."));
      return FALSE;
    }

  if (self->import != NULL)
    {
      g_set_error_literal (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                           _("An import is in progress; finish it first."));
      return FALSE;
    }

  if (self->group_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->group_error));
      return FALSE;
    }

  if (self->group_aborted)
    {
      g_set_error_literal (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                           _("The change was cancelled."));
      return FALSE;
    }

  return TRUE;
}

/* Inside a group a step is a savepoint of the group's transaction; outside, a
 * transaction of its own. */
static gboolean
step_transaction (KeelProject  *self,
                  gboolean      begin,
                  GError      **error)
{
  g_autoptr(GError) db_error = NULL;
  gboolean ok;

  if (self->group_depth > 0)
    ok = keel_db_exec (self->db, begin ? "SAVEPOINT keel_step" : "RELEASE keel_step",
                       &db_error);
  else if (begin)
    ok = keel_db_begin (self->db, &db_error);
  else
    ok = keel_db_commit (self->db, &db_error);

  if (!ok)
    keel_project_storage_error (error, db_error);
  return ok;
}

gboolean
keel_project_step_begin (KeelProject  *self,
                         GError      **error)
{
  return step_transaction (self, TRUE, error);
}

gboolean
keel_project_step_end (KeelProject  *self,
                       GError      **error)
{
  return step_transaction (self, FALSE, error);
}

void
keel_project_step_rollback (KeelProject *self,
                            guint        journal_mark)
{
  if (self->group_depth > 0)
    {
      /* Best effort: if even this fails the group's own rollback follows. */
      if (keel_db_exec (self->db, "ROLLBACK TO keel_step", NULL))
        keel_db_exec (self->db, "RELEASE keel_step", NULL);
    }
  else
    {
      keel_db_rollback (self->db);
    }

  journal_revert (self, journal_mark);
}

static void
push_undo (KeelProject *self,
           KeelCommand *command)
{
  g_ptr_array_set_size (self->redo_stack, 0);
  g_ptr_array_add (self->undo_stack, command);
  if (self->undo_stack->len > MAX_UNDO_STEPS)
    g_ptr_array_remove_index (self->undo_stack, 0);
}

gboolean
keel_project_finish_step (KeelProject  *self,
                          const char   *label,
                          GPtrArray    *ops,
                          gboolean      push,
                          guint         journal_mark,
                          GError      **error)
{
  HistoryState before;

  if (self->group_depth > 0)
    {
      /* The group's command owns the ops from now on: the journal points into them. */
      for (guint i = 0; i < ops->len; i++)
        g_ptr_array_add (self->group->ops, g_steal_pointer (&ops->pdata[i]));
      g_ptr_array_unref (ops);
      return TRUE;
    }

  history_state_get (self, &before);

  if (push)
    {
      KeelCommand *command = keel_command_new (label);

      g_ptr_array_unref (command->ops);
      command->ops = ops;
      push_undo (self, command);
      announce (self, &before);
    }
  else
    {
      announce (self, &before);
      g_ptr_array_unref (ops);
    }

  return TRUE;
}

gboolean
keel_project_run_edit (KeelProject  *self,
                       const char   *label,
                       GPtrArray    *ops,
                       gboolean      push,
                       GError      **error)
{
  guint mark = self->journal->len;

  if (!keel_project_check_editable (self, error))
    {
      g_ptr_array_unref (ops);
      return FALSE;
    }

  if (ops->len == 0)
    {
      g_ptr_array_unref (ops);
      return TRUE;
    }

  if (!keel_project_step_begin (self, error))
    {
      g_ptr_array_unref (ops);
      return FALSE;
    }

  for (guint i = 0; i < ops->len; i++)
    {
      g_autoptr(GError) db_error = NULL;
      KeelOp *op = g_ptr_array_index (ops, i);

      if (!keel_project_apply_op_sql (self, op, TRUE, &db_error))
        {
          keel_project_step_rollback (self, mark);
          keel_project_storage_error (error, db_error);
          g_ptr_array_unref (ops);
          return FALSE;
        }

      keel_project_apply_op_memory (self, op, TRUE);
    }

  if (!keel_project_step_end (self, error))
    {
      keel_project_step_rollback (self, mark);
      g_ptr_array_unref (ops);
      return FALSE;
    }

  return keel_project_finish_step (self, label, ops, push, mark, error);
}

/* Runs @command's ops forward (redo) or backward in reverse order (undo) as one
 * transaction. */
static gboolean
replay (KeelProject  *self,
        KeelCommand  *command,
        gboolean      forward,
        GError      **error)
{
  guint n = command->ops->len;

  if (!keel_project_step_begin (self, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) db_error = NULL;
      KeelOp *op = g_ptr_array_index (command->ops, forward ? i : n - 1 - i);

      if (!keel_project_apply_op_sql (self, op, forward, &db_error))
        {
          keel_project_step_rollback (self, 0);
          keel_project_storage_error (error, db_error);
          return FALSE;
        }

      keel_project_apply_op_memory (self, op, forward);
    }

  if (!keel_project_step_end (self, error))
    {
      keel_project_step_rollback (self, 0);
      return FALSE;
    }

  return TRUE;
}

static gboolean
undo_redo (KeelProject  *self,
           gboolean      undo,
           GError      **error)
{
  GPtrArray *from = undo ? self->undo_stack : self->redo_stack;
  GPtrArray *to = undo ? self->redo_stack : self->undo_stack;
  KeelCommand *command;
  HistoryState before;

  if (self->group_depth > 0)
    {
      g_set_error_literal (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                           _("Cannot undo or redo in the middle of a change."));
      return FALSE;
    }

  if (!keel_project_check_editable (self, error))
    return FALSE;

  if (from->len == 0)
    {
      g_set_error_literal (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_NOTHING_TO_UNDO,
                           undo ? _("There is nothing to undo.") : _("There is nothing to redo."));
      return FALSE;
    }

  command = g_ptr_array_index (from, from->len - 1);
  if (!replay (self, command, !undo, error))
    return FALSE;

  history_state_get (self, &before);
  g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));
  announce (self, &before);
  return TRUE;
}

void
keel_project_clear_history (KeelProject *self)
{
  HistoryState before;

  history_state_get (self, &before);
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  if (before.can_undo)
    {
      g_object_notify_by_pspec (G_OBJECT (self), keel_project_properties[KEEL_PROJECT_PROP_CAN_UNDO]);
      g_object_notify_by_pspec (G_OBJECT (self), keel_project_properties[KEEL_PROJECT_PROP_UNDO_LABEL]);
    }
  if (before.can_redo)
    {
      g_object_notify_by_pspec (G_OBJECT (self), keel_project_properties[KEEL_PROJECT_PROP_CAN_REDO]);
      g_object_notify_by_pspec (G_OBJECT (self), keel_project_properties[KEEL_PROJECT_PROP_REDO_LABEL]);
    }
}

void
keel_project_history_init (KeelProject *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) keel_command_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) keel_command_free);
  self->journal = g_array_new (FALSE, TRUE, sizeof (JournalEntry));
  g_array_set_clear_func (self->journal, journal_entry_clear);
}

void
keel_project_history_finalize (KeelProject *self)
{
  /* A group left open by a caller: its changes were never committed. */
  if (self->group_depth > 0 && self->group != NULL && !self->group_aborted)
    keel_db_rollback (self->db);

  g_clear_pointer (&self->journal, g_array_unref);
  g_clear_pointer (&self->group, keel_command_free);
  g_clear_error (&self->group_error);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
}

/* ---- Public API: groups and undo ---- */

/**
 * keel_project_begin_group:
 * @self: a #KeelProject
 * @label: the undo label of the whole group ("Import acme.json")
 *
 * Starts a group: the edits until the matching keel_project_end_group() are one
 * transaction and one undo step. Inside a group, lookups see the group's edits at once;
 * the lists, the objects' "changed" and the project's "changed" follow when it ends.
 */
void
keel_project_begin_group (KeelProject *self,
                          const char  *label)
{
  g_return_if_fail (KEEL_IS_PROJECT (self));
  g_return_if_fail (self->import == NULL);

  if (self->group_depth++ > 0)
    return;

  self->group = keel_command_new (label);
  self->group_aborted = FALSE;
  g_clear_error (&self->group_error);

  if (self->document != NULL && keel_document_is_read_only (self->document))
    {
      g_set_error_literal (&self->group_error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_READ_ONLY,
                           _("The project is open read-only."));
      return;
    }

  {
    g_autoptr(GError) db_error = NULL;

    if (!keel_db_begin (self->db, &db_error))
      keel_project_storage_error (&self->group_error, db_error);
  }
}

/**
 * keel_project_end_group:
 * @self: a #KeelProject
 * @error: return location for a #GError
 *
 * Ends a group. The outermost end commits the group's edits as one undo step and
 * announces them.
 *
 * Returns: %TRUE if the group's edits are committed (or the group was nested)
 */
gboolean
keel_project_end_group (KeelProject  *self,
                        GError      **error)
{
  g_autoptr(KeelCommand) command = NULL;
  HistoryState before;

  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (self->group_depth > 0, FALSE);
  g_return_val_if_fail (self->import == NULL, FALSE);

  if (--self->group_depth > 0)
    return TRUE;

  command = g_steal_pointer (&self->group);

  if (self->group_aborted)
    {
      self->group_aborted = FALSE;
      g_set_error_literal (error, KEEL_PROJECT_ERROR, KEEL_PROJECT_ERROR_INVALID,
                           _("The change was cancelled."));
      return FALSE;
    }

  if (self->group_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->group_error));
      return FALSE;
    }

  if (command->ops->len == 0)
    {
      keel_db_rollback (self->db);
      return TRUE;
    }

  {
    g_autoptr(GError) db_error = NULL;

    if (!keel_db_commit (self->db, &db_error))
      {
        keel_db_rollback (self->db);
        journal_revert (self, 0);
        keel_project_storage_error (error, db_error);
        return FALSE;
      }
  }

  history_state_get (self, &before);
  push_undo (self, g_steal_pointer (&command));
  announce (self, &before);
  return TRUE;
}

/**
 * keel_project_abort_group:
 * @self: a #KeelProject
 *
 * Rolls back the whole outermost group, at once, whatever the nesting: memory and the
 * working copy are as before the group began, and nothing is announced. Enclosing
 * groups must still be ended or aborted; ending one reports the cancellation.
 */
void
keel_project_abort_group (KeelProject *self)
{
  g_return_if_fail (KEEL_IS_PROJECT (self));
  g_return_if_fail (self->group_depth > 0);
  g_return_if_fail (self->import == NULL);

  self->group_depth--;

  if (!self->group_aborted)
    {
      if (self->group_error == NULL)
        keel_db_rollback (self->db);
      journal_revert (self, 0);
      g_clear_pointer (&self->group, keel_command_free);
      self->group_aborted = self->group_depth > 0;
    }

  if (self->group_depth == 0)
    {
      self->group_aborted = FALSE;
      g_clear_error (&self->group_error);
      g_clear_pointer (&self->group, keel_command_free);
    }
}

/**
 * keel_project_can_undo:
 * @self: a #KeelProject
 *
 * Returns: %TRUE if there is an edit to undo
 */
gboolean
keel_project_can_undo (KeelProject *self)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);

  return self->undo_stack->len > 0;
}

/**
 * keel_project_can_redo:
 * @self: a #KeelProject
 *
 * Returns: %TRUE if there is an undone edit to redo
 */
gboolean
keel_project_can_redo (KeelProject *self)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);

  return self->redo_stack->len > 0;
}

/**
 * keel_project_get_undo_label:
 * @self: a #KeelProject
 *
 * Returns: (nullable): what undo would undo ("Edit “PDF export”"), or %NULL
 */
const char *
keel_project_get_undo_label (KeelProject *self)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), NULL);

  if (self->undo_stack->len == 0)
    return NULL;
  return ((KeelCommand *) g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1))->label;
}

/**
 * keel_project_get_redo_label:
 * @self: a #KeelProject
 *
 * Returns: (nullable): what redo would redo, or %NULL
 */
const char *
keel_project_get_redo_label (KeelProject *self)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), NULL);

  if (self->redo_stack->len == 0)
    return NULL;
  return ((KeelCommand *) g_ptr_array_index (self->redo_stack, self->redo_stack->len - 1))->label;
}

/**
 * keel_project_undo:
 * @self: a #KeelProject
 * @error: return location for a #GError
 *
 * Undoes the last edit in one transaction. On failure nothing changes.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_project_undo (KeelProject  *self,
                   GError      **error)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);

  return undo_redo (self, TRUE, error);
}

/**
 * keel_project_redo:
 * @self: a #KeelProject
 * @error: return location for a #GError
 *
 * Redoes the last undone edit in one transaction. On failure nothing changes.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_project_redo (KeelProject  *self,
                   GError      **error)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (self), FALSE);

  return undo_redo (self, FALSE, error);
}
