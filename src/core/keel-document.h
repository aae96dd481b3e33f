/* keel-document.h: a Keel project file (*.keel) and its private working copy.
 *
 * The user's file is read and written whole through GIO; SQLite works on a private
 * working copy in Keel's data folder (PRODUCT.md, "The project file"). The working copy
 * is locked while a process uses it, so a leftover, unlocked copy means a crashed
 * session whose edits can be recovered. Write-back produces a complete rollback-journal
 * database in a temporary file beside the document, fsyncs it, and replaces the
 * document atomically, after checking that the document was not changed behind Keel's
 * back (etag).
 */
#pragma once

#include <gio/gio.h>
#include "keel-db.h"

G_BEGIN_DECLS

/* Keel's SQLite application_id ("KEEL") and the current schema version. */
#define KEEL_APPLICATION_ID 0x4B45454C

#define KEEL_DOCUMENT_ERROR (keel_document_error_quark ())
typedef enum {
  KEEL_DOCUMENT_ERROR_NOT_FOUND,         /* no such file */
  KEEL_DOCUMENT_ERROR_NOT_SQLITE,        /* not an SQLite database at all */
  KEEL_DOCUMENT_ERROR_NOT_KEEL,          /* an SQLite database, but not a Keel project */
  KEEL_DOCUMENT_ERROR_DAMAGED,           /* integrity check failed, truncated, ... */
  KEEL_DOCUMENT_ERROR_TOO_NEW,           /* written by a newer Keel */
  KEEL_DOCUMENT_ERROR_UNSAFE,            /* carries triggers, views or unknown schema */
  KEEL_DOCUMENT_ERROR_LOCKED,            /* open in another Keel process */
  KEEL_DOCUMENT_ERROR_RECOVERABLE,       /* a crashed session left unsaved edits */
  KEEL_DOCUMENT_ERROR_READ_ONLY,         /* the document cannot be written */
  KEEL_DOCUMENT_ERROR_EXISTS,            /* refusing to overwrite an existing file */
  KEEL_DOCUMENT_ERROR_CHANGED_ON_DISK,   /* changed behind Keel's back since loaded */
  KEEL_DOCUMENT_ERROR_IO,                /* reading or writing failed (disk full, ...) */
} KeelDocumentError;
GQuark keel_document_error_quark (void);

typedef enum {
  KEEL_DOCUMENT_OPEN_DEFAULT   = 0,
  /* Continue from the working copy a crashed session left (else RECOVERABLE). */
  KEEL_DOCUMENT_OPEN_RECOVER   = 1 << 0,
  /* Throw away the working copy a crashed session left and load the document. */
  KEEL_DOCUMENT_OPEN_DISCARD_RECOVERY = 1 << 1,
  /* For commands that only read (export, signals, check): no write-back ever. */
  KEEL_DOCUMENT_OPEN_READ_ONLY = 1 << 2,
} KeelDocumentOpenFlags;

typedef enum {
  KEEL_WRITE_BACK_DEFAULT = 0,
  /* Overwrite even if the file changed on disk ("keep mine"). */
  KEEL_WRITE_BACK_FORCE   = 1 << 0,
} KeelWriteBackFlags;

#define KEEL_TYPE_DOCUMENT (keel_document_get_type ())
G_DECLARE_FINAL_TYPE (KeelDocument, keel_document, KEEL, DOCUMENT, GObject)

KeelDocument *keel_document_open         (GFile                  *file,
                                          KeelDocumentOpenFlags   flags,
                                          GCancellable           *cancellable,
                                          GError                **error);
/* A new, empty project that will be written to @file (which must not exist) at the
 * first write-back. */
KeelDocument *keel_document_create       (GFile                  *file,
                                          GError                **error);
/* A new untitled project that lives only in its working copy until saved. */
KeelDocument *keel_document_new_untitled (GError                **error);

GFile        *keel_document_get_file     (KeelDocument           *self);  /* NULL if untitled */
/* The file's name for messages and titles ("plan.keel"), or "Untitled Project". */
const char   *keel_document_get_display_name (KeelDocument       *self);
KeelDb       *keel_document_get_db       (KeelDocument           *self);
gboolean      keel_document_is_read_only (KeelDocument           *self);
gboolean      keel_document_is_untitled  (KeelDocument           *self);
/* TRUE when the working copy holds edits that are not yet in the document. */
gboolean      keel_document_is_dirty     (KeelDocument           *self);
/* The schema version the file had when opened if it was migrated, else 0. */
gint64        keel_document_get_migrated_from (KeelDocument      *self);
gboolean      keel_document_was_recovered (KeelDocument          *self);

/* Called by KeelProject after each committed edit: the document is now dirty. */
void          keel_document_mark_dirty   (KeelDocument           *self);

gboolean      keel_document_write_back   (KeelDocument           *self,
                                          KeelWriteBackFlags      flags,
                                          GCancellable           *cancellable,
                                          GError                **error);
/* The same, off the main thread: the database snapshot is taken on the calling thread
 * (fast), the file is written in a GTask thread. */
void          keel_document_write_back_async  (KeelDocument        *self,
                                               KeelWriteBackFlags   flags,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      keel_document_write_back_finish (KeelDocument        *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* Moves the project to @file (write it there; the document is now @file). */
gboolean      keel_document_save_as      (KeelDocument           *self,
                                          GFile                  *file,
                                          GCancellable           *cancellable,
                                          GError                **error);
/* Writes a consistent copy to @file; keeps working on the original. */
gboolean      keel_document_save_copy    (KeelDocument           *self,
                                          GFile                  *file,
                                          GCancellable           *cancellable,
                                          GError                **error);
/* Ends the session: releases the lock and removes the working copy. Does not write
 * back: call keel_document_write_back() first unless discarding. */
void          keel_document_close        (KeelDocument           *self);

/* Unlocked working copies left by crashed sessions or untitled projects, for the
 * welcome page: each a GFile of the original document (NULL entries are untitled);
 * keel_document_open_recoverable() continues from one (close it to discard it). */
typedef struct {
  char      *working_path;  /* private working copy */
  GFile     *document;      /* NULL when untitled */
  char      *name;          /* project name read from the copy */
  GDateTime *modified;
} KeelRecoverable;
void       keel_recoverable_free        (KeelRecoverable *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KeelRecoverable, keel_recoverable_free)
GPtrArray *keel_document_list_recoverable (void);  /* of KeelRecoverable */
KeelDocument *keel_document_open_recoverable (KeelRecoverable *recoverable,
                                              GError         **error);

G_END_DECLS
