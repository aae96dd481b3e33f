/* keel-db.c: one SQLite connection, its cached statements, and its errors as GError.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-db"

#include "config.h"

#include <glib/gi18n.h>

#include "keel-db.h"

struct _KeelDb
{
  GObject     parent_instance;

  sqlite3    *handle;
  char       *path;
  /* SQL text → sqlite3_stmt*, finalized when removed */
  GHashTable *statements;
};

G_DEFINE_FINAL_TYPE (KeelDb, keel_db, G_TYPE_OBJECT)

G_DEFINE_QUARK (keel-db-error-quark, keel_db_error)

/* Helpers */

static void
statement_free (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static KeelDbError
error_code_from_sqlite (int code)
{
  switch (code & 0xff)
    {
    case SQLITE_FULL:
      return KEEL_DB_ERROR_FULL;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      return KEEL_DB_ERROR_IO;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return KEEL_DB_ERROR_CORRUPT;
    case SQLITE_READONLY:
      return KEEL_DB_ERROR_READ_ONLY;
    case SQLITE_CONSTRAINT:
      return KEEL_DB_ERROR_CONSTRAINT;
    default:
      return KEEL_DB_ERROR_FAILED;
    }
}

static void
set_error_from_code (GError     **error,
                     int          code,
                     const char  *message,
                     const char  *what)
{
  if (what != NULL)
    g_set_error (error, KEEL_DB_ERROR, error_code_from_sqlite (code),
                 "%s: %s", what, message != NULL ? message : sqlite3_errstr (code));
  else
    g_set_error_literal (error, KEEL_DB_ERROR, error_code_from_sqlite (code),
                         message != NULL ? message : sqlite3_errstr (code));
}

static gboolean
check_open (KeelDb  *self,
            GError **error)
{
  if (self->handle != NULL)
    return TRUE;

  g_set_error (error, KEEL_DB_ERROR, KEEL_DB_ERROR_FAILED,
               _("The database “%s” is closed"), self->path);
  return FALSE;
}

/* Settings for a database that came from somewhere else (files arrive by mail): no
 * SQL from the file may run, no extension may load, and damaged pages are caught
 * before they are trusted. */
static gboolean
harden (sqlite3  *handle,
        GError  **error)
{
  static const struct {
    int op;
    int value;
  } configs[] = {
    { SQLITE_DBCONFIG_DEFENSIVE, 1 },
    { SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0 },
    { SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0 },
    /* Keel's schema has neither: a file that carries them is refused by the schema
     * check, and even before that check they can never fire. */
    { SQLITE_DBCONFIG_ENABLE_TRIGGER, 0 },
    { SQLITE_DBCONFIG_ENABLE_VIEW, 0 },
    { SQLITE_DBCONFIG_DQS_DDL, 0 },
    { SQLITE_DBCONFIG_DQS_DML, 0 },
  };
  static const char pragmas[] =
    "PRAGMA trusted_schema = OFF;"
    "PRAGMA cell_size_check = ON;"
    "PRAGMA mmap_size = 0;";
  char *message = NULL;
  int rc;

  for (guint i = 0; i < G_N_ELEMENTS (configs); i++)
    {
      int now = -1;

      rc = sqlite3_db_config (handle, configs[i].op, configs[i].value, &now);
      if (rc != SQLITE_OK || now != configs[i].value)
        {
          g_set_error (error, KEEL_DB_ERROR, KEEL_DB_ERROR_FAILED,
                       "sqlite3_db_config (%d) failed", configs[i].op);
          return FALSE;
        }
    }

  sqlite3_extended_result_codes (handle, 1);

  rc = sqlite3_exec (handle, pragmas, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, rc, message, NULL);
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

/* Overrides */

static void
keel_db_finalize (GObject *object)
{
  KeelDb *self = (KeelDb *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (keel_db_parent_class)->finalize (object);
}

static void
keel_db_class_init (KeelDbClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = keel_db_finalize;
}

static void
keel_db_init (KeelDb *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            statement_free);
}

/* Public API */

/**
 * keel_db_open:
 * @path: the database file, or a `file:` URI when @flags has SQLITE_OPEN_URI
 * @flags: sqlite3_open_v2() flags; a missing file is created only with SQLITE_OPEN_CREATE
 * @error: return location for a #KeelDbError
 *
 * Opens a connection with the defensive settings for untrusted files.
 *
 * Returns: (transfer full): the connection, or %NULL
 */
KeelDb *
keel_db_open (const char  *path,
              int          flags,
              GError     **error)
{
  g_autoptr(KeelDb) self = NULL;
  sqlite3 *handle = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((flags & (SQLITE_OPEN_READONLY | SQLITE_OPEN_READWRITE)) == 0)
    flags |= SQLITE_OPEN_READWRITE;

  /* Each KeelDb is used by one thread at a time; SQLite's own mutexes are not needed
   * beyond that, but a private cache keeps two connections of one process apart. */
  rc = sqlite3_open_v2 (path, &handle, flags | SQLITE_OPEN_PRIVATECACHE, NULL);
  if (rc != SQLITE_OK)
    {
      if (handle != NULL)
        set_error_from_code (error, rc, sqlite3_errmsg (handle), path);
      else
        set_error_from_code (error, rc, NULL, path);
      sqlite3_close_v2 (handle);
      return NULL;
    }

  if (!harden (handle, error))
    {
      sqlite3_close_v2 (handle);
      return NULL;
    }

  self = g_object_new (KEEL_TYPE_DB, NULL);
  self->handle = handle;
  self->path = g_strdup (path);

  return g_steal_pointer (&self);
}

/**
 * keel_db_close:
 * @self: a #KeelDb
 *
 * Finalizes the cached statements and closes the connection now, so that its files
 * can be removed or replaced; later calls on @self fail with an error. Idempotent.
 */
void
keel_db_close (KeelDb *self)
{
  g_return_if_fail (KEEL_IS_DB (self));

  g_hash_table_remove_all (self->statements);
  if (self->handle != NULL)
    {
      sqlite3_close_v2 (self->handle);
      self->handle = NULL;
    }
}

/**
 * keel_db_reopen:
 * @self: a #KeelDb
 * @path: the database file to use from now on
 * @flags: as for keel_db_open()
 * @error: return location for a #KeelDbError
 *
 * Points @self at another file (a working copy that moved), keeping the object that
 * others hold. The cached statements are dropped. On error @self is unchanged.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_db_reopen (KeelDb      *self,
                const char  *path,
                int          flags,
                GError     **error)
{
  g_autoptr(KeelDb) other = NULL;

  g_return_val_if_fail (KEEL_IS_DB (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  other = keel_db_open (path, flags, error);
  if (other == NULL)
    return FALSE;

  keel_db_close (self);
  self->handle = g_steal_pointer (&other->handle);
  g_free (self->path);
  self->path = g_steal_pointer (&other->path);

  return TRUE;
}

sqlite3 *
keel_db_get_handle (KeelDb *self)
{
  g_return_val_if_fail (KEEL_IS_DB (self), NULL);

  return self->handle;
}

const char *
keel_db_get_path (KeelDb *self)
{
  g_return_val_if_fail (KEEL_IS_DB (self), NULL);

  return self->path;
}

/**
 * keel_db_set_error:
 * @self: a #KeelDb
 * @error: return location for the error
 * @what: (nullable): what was being done, prefixed to SQLite's message
 *
 * Sets @error from the connection's most recent error.
 */
void
keel_db_set_error (KeelDb      *self,
                   GError     **error,
                   const char  *what)
{
  g_return_if_fail (KEEL_IS_DB (self));

  if (self->handle == NULL)
    {
      check_open (self, error);
      return;
    }

  set_error_from_code (error, sqlite3_extended_errcode (self->handle),
                       sqlite3_errmsg (self->handle), what);
}

/**
 * keel_db_prepare:
 * @self: a #KeelDb
 * @sql: one SQL statement, with `?` parameters
 * @error: return location for a #KeelDbError
 *
 * Returns the statement for @sql from the cache (preparing it the first time), reset
 * and with its bindings cleared.
 *
 * Returns: (transfer none): the statement, owned by @self, or %NULL
 */
sqlite3_stmt *
keel_db_prepare (KeelDb      *self,
                 const char  *sql,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KEEL_IS_DB (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if (!check_open (self, error))
    return NULL;

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      keel_db_set_error (self, error, NULL);
      sqlite3_finalize (stmt);
      return NULL;
    }
  if (stmt == NULL)
    {
      g_set_error (error, KEEL_DB_ERROR, KEEL_DB_ERROR_FAILED,
                   "No SQL statement in “%s”", sql);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);

  return stmt;
}

/**
 * keel_db_exec:
 * @self: a #KeelDb
 * @sql: SQL text without parameters (one or more statements)
 * @error: return location for a #KeelDbError
 *
 * Runs @sql without caching it; for schema changes and transaction control.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_db_exec (KeelDb      *self,
              const char  *sql,
              GError     **error)
{
  char *message = NULL;
  int rc;

  g_return_val_if_fail (KEEL_IS_DB (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  if (!check_open (self, error))
    return FALSE;

  rc = sqlite3_exec (self->handle, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, sqlite3_extended_errcode (self->handle), message, NULL);
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

/**
 * keel_db_step_done:
 * @self: a #KeelDb
 * @stmt: a statement of @self
 * @error: return location for a #KeelDbError
 *
 * Steps @stmt to completion and resets it. A statement that returns a row is an
 * error too: it was meant to change something, not to read.
 *
 * Returns: %TRUE when @stmt finished with SQLITE_DONE
 */
gboolean
keel_db_step_done (KeelDb        *self,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  int rc;

  g_return_val_if_fail (KEEL_IS_DB (self), FALSE);
  g_return_val_if_fail (stmt != NULL, FALSE);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }

  if (rc == SQLITE_ROW)
    g_set_error (error, KEEL_DB_ERROR, KEEL_DB_ERROR_FAILED,
                 "Unexpected row from “%s”", sqlite3_sql (stmt));
  else
    keel_db_set_error (self, error, NULL);

  sqlite3_reset (stmt);
  return FALSE;
}

/**
 * keel_db_begin:
 * @self: a #KeelDb
 * @error: return location for a #KeelDbError
 *
 * Starts a write transaction. It takes the write lock at once (BEGIN IMMEDIATE) so
 * that a commit never fails for a lock it could have waited for at the start.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_db_begin (KeelDb  *self,
               GError **error)
{
  g_return_val_if_fail (KEEL_IS_DB (self), FALSE);

  return keel_db_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
keel_db_commit (KeelDb  *self,
                GError **error)
{
  g_return_val_if_fail (KEEL_IS_DB (self), FALSE);

  return keel_db_exec (self, "COMMIT", error);
}

void
keel_db_rollback (KeelDb *self)
{
  g_return_if_fail (KEEL_IS_DB (self));

  /* Some errors (a full disk, an interrupted I/O) roll the transaction back on their
   * own; then there is nothing left to roll back. */
  if (self->handle != NULL && !sqlite3_get_autocommit (self->handle))
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
get_pragma_int (KeelDb      *self,
                const char  *sql,
                gint64      *out_value,
                GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = keel_db_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      keel_db_set_error (self, error, NULL);
      sqlite3_reset (stmt);
      return FALSE;
    }

  *out_value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * keel_db_get_user_version:
 * @self: a #KeelDb
 * @error: return location for a #KeelDbError
 *
 * Returns: `PRAGMA user_version` (the schema version), or -1 on error
 */
gint64
keel_db_get_user_version (KeelDb  *self,
                          GError **error)
{
  gint64 value = -1;

  g_return_val_if_fail (KEEL_IS_DB (self), -1);

  if (!get_pragma_int (self, "PRAGMA user_version", &value, error))
    return -1;

  return value;
}

/**
 * keel_db_get_application_id:
 * @self: a #KeelDb
 * @error: return location for a #KeelDbError
 *
 * Returns: `PRAGMA application_id`, or -1 on error
 */
gint64
keel_db_get_application_id (KeelDb  *self,
                            GError **error)
{
  gint64 value = -1;

  g_return_val_if_fail (KEEL_IS_DB (self), -1);

  if (!get_pragma_int (self, "PRAGMA application_id", &value, error))
    return -1;

  return value;
}
