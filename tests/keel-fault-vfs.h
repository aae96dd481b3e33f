/* keel-fault-vfs.h: an SQLite VFS for tests that fails the Nth write, sync or truncate.
 *
 * keel_fault_vfs_install() registers "keel-fault" over the "unix" VFS and makes it the
 * default, since Keel opens its connections by path with the default VFS. Every file
 * is passed through to "unix"; while armed, xWrite, xSync and xTruncate are counted
 * across all files and the Nth one fails (once) with SQLITE_IOERR_WRITE / _FSYNC /
 * _TRUNCATE, or with SQLITE_FULL when asked to. Disarmed, it changes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>
#include <glib.h>

typedef struct {
  sqlite3_file  base;
  sqlite3_file *real;   /* the "unix" file, allocated right after this struct */
} FaultFile;

static sqlite3_vfs *fault_real_vfs;
static sqlite3_vfs fault_vfs;
static sqlite3_io_methods fault_io;
static guint fault_countdown;   /* 0: disarmed; else the operation that fails */
static gboolean fault_full;     /* fail writes with SQLITE_FULL */
static guint fault_hits;
static const char *fault_hit_op; /* "write", "sync" or "truncate": what failed */

/* Arms the fault: the @n-th counted operation from now fails. */
G_GNUC_UNUSED static void
keel_fault_vfs_arm (guint    n,
                    gboolean full)
{
  fault_countdown = n;
  fault_full = full;
  fault_hits = 0;
  fault_hit_op = NULL;
}

/* Disarms; returns TRUE when the fault was hit since arming (then
 * keel_fault_vfs_hit_op() says which operation failed). */
G_GNUC_UNUSED static gboolean
keel_fault_vfs_disarm (void)
{
  fault_countdown = 0;
  return fault_hits > 0;
}

G_GNUC_UNUSED static const char *
keel_fault_vfs_hit_op (void)
{
  return fault_hit_op;
}

static gboolean
fault_now (const char *op)
{
  if (fault_countdown == 0 || --fault_countdown > 0)
    return FALSE;
  fault_hits++;
  fault_hit_op = op;
  return TRUE;
}

#define REAL(file) (((FaultFile *) (file))->real)

static int
fault_close (sqlite3_file *file)
{
  return REAL (file)->pMethods->xClose (REAL (file));
}

static int
fault_read (sqlite3_file *file, void *buf, int amount, sqlite3_int64 offset)
{
  return REAL (file)->pMethods->xRead (REAL (file), buf, amount, offset);
}

static int
fault_write (sqlite3_file *file, const void *buf, int amount, sqlite3_int64 offset)
{
  if (fault_now ("write"))
    return fault_full ? SQLITE_FULL : SQLITE_IOERR_WRITE;
  return REAL (file)->pMethods->xWrite (REAL (file), buf, amount, offset);
}

static int
fault_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  if (fault_now ("truncate"))
    return SQLITE_IOERR_TRUNCATE;
  return REAL (file)->pMethods->xTruncate (REAL (file), size);
}

static int
fault_sync (sqlite3_file *file, int flags)
{
  if (fault_now ("sync"))
    return SQLITE_IOERR_FSYNC;
  return REAL (file)->pMethods->xSync (REAL (file), flags);
}

static int fault_file_size (sqlite3_file *f, sqlite3_int64 *size) { return REAL (f)->pMethods->xFileSize (REAL (f), size); }
static int fault_lock (sqlite3_file *f, int lock) { return REAL (f)->pMethods->xLock (REAL (f), lock); }
static int fault_unlock (sqlite3_file *f, int lock) { return REAL (f)->pMethods->xUnlock (REAL (f), lock); }
static int fault_check_reserved (sqlite3_file *f, int *out) { return REAL (f)->pMethods->xCheckReservedLock (REAL (f), out); }
static int fault_file_control (sqlite3_file *f, int op, void *arg) { return REAL (f)->pMethods->xFileControl (REAL (f), op, arg); }
static int fault_sector_size (sqlite3_file *f) { return REAL (f)->pMethods->xSectorSize (REAL (f)); }
static int fault_device_characteristics (sqlite3_file *f) { return REAL (f)->pMethods->xDeviceCharacteristics (REAL (f)); }
static int fault_shm_map (sqlite3_file *f, int page, int size, int extend, void volatile **out) { return REAL (f)->pMethods->xShmMap (REAL (f), page, size, extend, out); }
static int fault_shm_lock (sqlite3_file *f, int offset, int n, int flags) { return REAL (f)->pMethods->xShmLock (REAL (f), offset, n, flags); }
static void fault_shm_barrier (sqlite3_file *f) { REAL (f)->pMethods->xShmBarrier (REAL (f)); }
static int fault_shm_unmap (sqlite3_file *f, int delete_flag) { return REAL (f)->pMethods->xShmUnmap (REAL (f), delete_flag); }
static int fault_fetch (sqlite3_file *f, sqlite3_int64 offset, int amount, void **out) { return REAL (f)->pMethods->xFetch (REAL (f), offset, amount, out); }
static int fault_unfetch (sqlite3_file *f, sqlite3_int64 offset, void *p) { return REAL (f)->pMethods->xUnfetch (REAL (f), offset, p); }

static int
fault_open (sqlite3_vfs  *vfs,
            const char   *name,
            sqlite3_file *file,
            int           flags,
            int          *out_flags)
{
  FaultFile *fault_file = (FaultFile *) file;
  int rc;

  fault_file->real = (sqlite3_file *) &fault_file[1];
  rc = fault_real_vfs->xOpen (fault_real_vfs, name, fault_file->real, flags, out_flags);
  /* SQLite closes a file only when it has methods, i.e. when it was opened. */
  file->pMethods = rc == SQLITE_OK && fault_file->real->pMethods != NULL ? &fault_io : NULL;
  return rc;
}

#undef REAL

G_GNUC_UNUSED static void
keel_fault_vfs_install (void)
{
  fault_real_vfs = sqlite3_vfs_find ("unix");
  g_assert_nonnull (fault_real_vfs);
  /* The unix file methods are version 3 (shared memory for WAL, memory mapping). */
  g_assert_cmpint (fault_real_vfs->iVersion, >=, 3);

  fault_io = (sqlite3_io_methods) {
    3, fault_close, fault_read, fault_write, fault_truncate, fault_sync, fault_file_size,
    fault_lock, fault_unlock, fault_check_reserved, fault_file_control, fault_sector_size,
    fault_device_characteristics, fault_shm_map, fault_shm_lock, fault_shm_barrier,
    fault_shm_unmap, fault_fetch, fault_unfetch,
  };

  /* Everything but opening goes straight to "unix", which finds what it needs (its
   * locking style) through pAppData, copied with the rest. */
  fault_vfs = *fault_real_vfs;
  fault_vfs.zName = "keel-fault";
  fault_vfs.szOsFile = sizeof (FaultFile) + fault_real_vfs->szOsFile;
  fault_vfs.pNext = NULL;
  fault_vfs.xOpen = fault_open;
  g_assert_cmpint (sqlite3_vfs_register (&fault_vfs, 1), ==, SQLITE_OK);
}
