/* keel-json.h: the JSON interchange format of a project (PRODUCT.md, "Interchange";
 * doc/file-format.md).
 *
 * Export is deterministic: the same project gives the same bytes. Import is strict:
 * the text must be plain JSON (RFC 8259, checked by Keel's own scanner before
 * json-glib builds the tree, since json-glib accepts comments, hexadecimal numbers and
 * more) and must match the format exactly; an error names the JSON path
 * ("items[3].horizon") or, for text that is not plain JSON, the line and column.
 */
#pragma once

#include <gio/gio.h>
#include "keel-project.h"

G_BEGIN_DECLS

#define KEEL_JSON_FORMAT_NAME    "keel-project"
#define KEEL_JSON_FORMAT_VERSION 1
/* Deepest nesting of arrays and objects the scanner accepts. */
#define KEEL_JSON_MAX_DEPTH      64

#define KEEL_JSON_ERROR (keel_json_error_quark ())
typedef enum {
  /* Not plain JSON (the message gives line:column). */
  KEEL_JSON_ERROR_SYNTAX,         /* comments, single quotes, NaN, stray characters */
  KEEL_JSON_ERROR_ENCODING,       /* invalid UTF-8, a bad escape, a control character */
  KEEL_JSON_ERROR_NUMBER,         /* 0x10, 01, .5, +1, an integer beyond 2^53, 1e400 */
  KEEL_JSON_ERROR_DUPLICATE_KEY,  /* the same key twice in one object */
  KEEL_JSON_ERROR_TOO_DEEP,       /* nesting deeper than KEEL_JSON_MAX_DEPTH */
  KEEL_JSON_ERROR_TRAILING_DATA,  /* text after the document */
  /* Plain JSON, but not a Keel project (the message gives the JSON path). */
  KEEL_JSON_ERROR_FORMAT,         /* "format" is not "keel-project" or "version" not 1 */
  KEEL_JSON_ERROR_UNKNOWN_KEY,
  KEEL_JSON_ERROR_MISSING_KEY,    /* a required field is absent */
  KEEL_JSON_ERROR_WRONG_TYPE,     /* a string where a number belongs, null, ... */
  KEEL_JSON_ERROR_BAD_VALUE,      /* not one of an enumeration's names */
  KEEL_JSON_ERROR_INVALID_DATE,
  KEEL_JSON_ERROR_DUPLICATE_ID,   /* ids are unique across the whole project */
  KEEL_JSON_ERROR_DANGLING_ID,    /* a link to an id that does not exist */
  KEEL_JSON_ERROR_REPEATED_LINK,  /* the same id twice in one link list */
  KEEL_JSON_ERROR_INVALID,        /* a value out of its range (negative days, ...) */
  KEEL_JSON_ERROR_NOT_EMPTY,      /* importing into a project that has content */
} KeelJsonError;
GQuark keel_json_error_quark (void);

char     *keel_json_export          (KeelProject  *project,
                                     gsize        *out_length,
                                     GError      **error);

gboolean  keel_json_import          (KeelProject  *empty_project,
                                     const char   *json,
                                     gsize         length,
                                     GError      **error);

KeelDocument *keel_json_import_new_document (GFile       *file,
                                             const char  *json,
                                             gsize        length,
                                             GError     **error);

gboolean  keel_json_check_syntax    (const char   *json,
                                     gsize         length,
                                     GError      **error);

/* Writers shared by every JSON that Keel prints (export, signals, check). */
void      keel_json_append_string   (GString      *out,
                                     const char   *str);
void      keel_json_append_number   (GString      *out,
                                     double        value);
char     *keel_json_format_number   (double        value);

G_END_DECLS
