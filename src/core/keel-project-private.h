/* keel-project-private.h: the instance struct of KeelProject and the command machinery
 * shared by keel-project.c (the editing API), keel-history.c (commands, transactions,
 * undo) and keel-import.c (datasets).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "keel-project.h"
#include "keel-db.h"

G_BEGIN_DECLS

/* The four kinds of entity, indexing the project's stores and tables. */
typedef enum {
  KEEL_KIND_EVIDENCE,
  KEEL_KIND_ITEM,
  KEEL_KIND_DEBT,
  KEEL_KIND_SIGNAL,
  KEEL_N_KINDS
} KeelKind;

typedef enum {
  KEEL_OP_ENTITY,            /* before/after snapshots of an entity */
  KEEL_OP_NAME,              /* str_before/str_after */
  KEEL_OP_SETTINGS,          /* settings_before/settings_after */
  KEEL_OP_RETENTION_PERIOD,  /* int_before/int_after */
  KEEL_OP_CHANNEL_CLASS,     /* str_* the spelling (NULL: no entry), int_* the class */
  KEEL_OP_IMPORTS,           /* activate/deactivate import ids (forward) */
  KEEL_OP_ROWS,              /* rows deleted (forward) or re-inserted (backward) */
} KeelOpType;

/* One dataset row as stored, to be put back by undo. */
typedef struct {
  gint64  id;
  gint64  import_id;
  gint64  number;      /* size or new_users */
  char   *text[4];     /* the text columns, in table order */
} KeelRowCopy;

/* A change of one thing, reversible: applying it forward turns "before" into "after",
 * backward the reverse. An entity op with before == NULL inserts, with after == NULL
 * deletes. Ops are immutable once built: undo and redo replay them. */
typedef struct {
  KeelOpType    type;
  KeelKind      kind;                /* KEEL_OP_ENTITY */
  GObject      *before;
  GObject      *after;
  GObject      *live;                /* add: the caller's object, to become the live one
                                        the first time the op is applied (then NULL) */
  char         *str_before;
  char         *str_after;
  int           int_before;
  int           int_after;
  KeelSettings  settings_before;
  KeelSettings  settings_after;
  GArray       *activate;            /* gint64 import ids */
  GArray       *deactivate;
  KeelDataset   dataset;             /* KEEL_OP_ROWS */
  GArray       *rows;                /* KeelRowCopy */
} KeelOp;

typedef struct {
  char      *label;
  GPtrArray *ops;                    /* KeelOp, applied in order */
} KeelCommand;

struct _KeelProject
{
  GObject              parent_instance;

  KeelDocument        *document;     /* NULL for keel_project_load_db() */
  KeelDb              *db;

  char                *name;
  KeelSettings         settings;
  KeelRetentionPeriod  retention_period;
  guint64              data_generation;

  GListStore          *stores[KEEL_N_KINDS];
  GHashTable          *by_id[KEEL_N_KINDS];     /* id (owned copy) -> object (ref) */

  GHashTable          *channel_classes;         /* spelling -> class */
  GHashTable          *channel_folded;          /* casefolded -> class */

  GPtrArray           *undo_stack;              /* KeelCommand, newest last */
  GPtrArray           *redo_stack;

  /* The open transaction: the memory changes applied since it began, to be announced
   * when it commits or reverted when it rolls back. */
  GArray              *journal;
  guint                group_depth;
  gboolean             group_aborted;
  gboolean             group_begin_failed;
  GError              *group_error;
  KeelCommand         *group;
  KeelImport          *import;                  /* an import in progress, if any */
};

/* keel-history.c */
KeelOp      *keel_op_new_entity      (KeelKind kind, GObject *before, GObject *after);
KeelOp      *keel_op_new             (KeelOpType type);
void         keel_op_free            (KeelOp *op);
KeelCommand *keel_command_new        (const char *label);
void         keel_command_free       (KeelCommand *command);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KeelCommand, keel_command_free)
void         keel_row_copy_clear     (gpointer row);

gboolean     keel_project_check_editable (KeelProject *self, GError **error);
/* Runs @ops (consumed) as one edit: a transaction of its own, or a savepoint of the open
 * group. @push: FALSE for edits that start a project and cannot be undone. */
gboolean     keel_project_run_edit   (KeelProject *self, const char *label, GPtrArray *ops,
                                      gboolean push, GError **error);
/* Starts/ends/rolls back one step: a transaction, or a savepoint inside a group. */
gboolean     keel_project_step_begin    (KeelProject *self, GError **error);
gboolean     keel_project_step_end      (KeelProject *self, GError **error);
void         keel_project_step_rollback (KeelProject *self, guint journal_mark);
gboolean     keel_project_apply_op_sql  (KeelProject *self, KeelOp *op, gboolean forward,
                                         GError **error);
void         keel_project_apply_op_memory (KeelProject *self, KeelOp *op, gboolean forward);
/* After a step ended: either appends @ops to the group, or commits, announces and
 * pushes them as a command. */
gboolean     keel_project_finish_step (KeelProject *self, const char *label, GPtrArray *ops,
                                       gboolean push, guint journal_mark, GError **error);
void         keel_project_storage_error (GError **error, GError *db_error);
void         keel_project_clear_history (KeelProject *self);
void         keel_project_history_init (KeelProject *self);
void         keel_project_history_finalize (KeelProject *self);
void         keel_project_rebuild_channel_folded (KeelProject *self);

/* keel-import.c */
gboolean     keel_project_purge_inactive_imports (KeelProject *self, GError **error);
const char  *keel_dataset_table (KeelDataset dataset);

/* keel-project.c */
extern GParamSpec *keel_project_properties[];
extern guint       keel_project_signals[];
enum {
  KEEL_PROJECT_PROP_0,
  KEEL_PROJECT_PROP_NAME,
  KEEL_PROJECT_PROP_CAN_UNDO,
  KEEL_PROJECT_PROP_CAN_REDO,
  KEEL_PROJECT_PROP_UNDO_LABEL,
  KEEL_PROJECT_PROP_REDO_LABEL,
  KEEL_PROJECT_N_PROPS
};
enum {
  KEEL_PROJECT_SIGNAL_CHANGED,
  KEEL_PROJECT_N_SIGNALS
};
const char  *keel_kind_get_id (KeelKind kind, GObject *object);
int          keel_kind_compare (KeelKind kind, GObject *a, GObject *b);
GObject     *keel_kind_copy (KeelKind kind, GObject *object);
void         keel_kind_assign (KeelKind kind, GObject *self, GObject *src);
guint        keel_kind_changed_flag (KeelKind kind);

G_END_DECLS
