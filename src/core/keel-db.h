/* keel-db.h: a small wrapper of one SQLite connection that reports GError and caches
 * prepared statements. Only src/core uses SQL. */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define KEEL_DB_ERROR (keel_db_error_quark ())
typedef enum {
  KEEL_DB_ERROR_FAILED,     /* SQLite reported an error; the message says which */
  KEEL_DB_ERROR_FULL,       /* the disk is full */
  KEEL_DB_ERROR_IO,         /* an I/O error under SQLite */
  KEEL_DB_ERROR_CORRUPT,    /* the database is damaged */
  KEEL_DB_ERROR_READ_ONLY,  /* a write to a read-only database */
  KEEL_DB_ERROR_CONSTRAINT, /* a constraint failed (duplicate id, ...) */
} KeelDbError;
GQuark keel_db_error_quark (void);

#define KEEL_TYPE_DB (keel_db_get_type ())
G_DECLARE_FINAL_TYPE (KeelDb, keel_db, KEEL, DB, GObject)

/* Opens @path with @flags (sqlite3_open_v2 flags; SQLITE_OPEN_CREATE only when asked),
 * with the defensive settings for untrusted files (SQLITE_DBCONFIG_DEFENSIVE,
 * trusted_schema=OFF, cell_size_check=ON, mmap_size=0, no extension loading). */
KeelDb       *keel_db_open           (const char  *path,
                                      int          flags,
                                      GError     **error);
sqlite3      *keel_db_get_handle     (KeelDb      *self);
const char   *keel_db_get_path       (KeelDb      *self);

/* Returns a cached statement for @sql, reset and with its bindings cleared; owned by
 * @self (do not finalize it). */
sqlite3_stmt *keel_db_prepare        (KeelDb      *self,
                                      const char  *sql,
                                      GError     **error);
gboolean      keel_db_exec           (KeelDb      *self,
                                      const char  *sql,
                                      GError     **error);
/* Steps @stmt to completion (SQLITE_DONE); a row or an error is an error. */
gboolean      keel_db_step_done      (KeelDb       *self,
                                      sqlite3_stmt *stmt,
                                      GError      **error);
gboolean      keel_db_begin          (KeelDb      *self,
                                      GError     **error);
gboolean      keel_db_commit         (KeelDb      *self,
                                      GError     **error);
/* Never fails visibly: a rollback after an error is best effort. */
void          keel_db_rollback       (KeelDb      *self);
/* Sets @error from the connection's current error (code and message). */
void          keel_db_set_error      (KeelDb      *self,
                                      GError     **error,
                                      const char  *what);
gint64        keel_db_get_user_version (KeelDb    *self,
                                        GError   **error);
gint64        keel_db_get_application_id (KeelDb  *self,
                                          GError **error);
/* Finalizes the cached statements and closes the connection now (before its files are
 * removed or replaced); later calls fail with an error. Idempotent. */
void          keel_db_close          (KeelDb      *self);
/* Points @self at another file (the working copy moved); cached statements are dropped. */
gboolean      keel_db_reopen         (KeelDb      *self,
                                      const char  *path,
                                      int          flags,
                                      GError     **error);

G_END_DECLS
