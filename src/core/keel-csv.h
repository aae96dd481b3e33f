/* keel-csv.h: reading CSV files as spreadsheets and analytics tools write them, and
 * importing the three datasets from them (PRODUCT.md, "Interchange"; doc/csv-formats.md).
 *
 * The reader works on a buffer in memory (a memory-mapped file): it accepts a UTF-8
 * byte-order mark, CRLF, LF or CR line ends, quoted fields holding separators, line
 * breaks and doubled quotes, a last line with or without its line end, and a comma,
 * semicolon or tab separator detected from the header line (or named by an Excel
 * "sep=;" first line). A file that is not UTF-8
 * text is refused before anything is read from it.
 *
 * The importers stream the rows into a KeelImport (keel-project.h): one transaction,
 * one undo step, and nothing imported at all when any row is refused. Every error
 * names the file, line and column: "survey.csv:14:1: …".
 */
#pragma once

#include <gio/gio.h>
#include "keel-project.h"

G_BEGIN_DECLS

#define KEEL_CSV_ERROR (keel_csv_error_quark ())
typedef enum {
  KEEL_CSV_ERROR_IO,        /* the file cannot be read */
  KEEL_CSV_ERROR_ENCODING,  /* not UTF-8 text */
  KEEL_CSV_ERROR_SYNTAX,    /* a quoted field that never ends, text after a closing quote */
  KEEL_CSV_ERROR_HEADER,    /* no header, or a missing, unknown or repeated column */
  KEEL_CSV_ERROR_VALUE,     /* a cell that is not what its column expects */
  KEEL_CSV_ERROR_EMPTY,     /* a header and no rows */
} KeelCsvError;
GQuark keel_csv_error_quark (void);

/* ---- The reader ---- */

typedef struct {
  const char *text;     /* the field's text, unquoted, NUL-terminated; valid until the
                         * next keel_csv_reader_next() */
  gsize       len;
  guint       line;     /* line (1-based) where the field starts */
  guint       column;   /* field number in its record, 1-based */
  gboolean    quoted;
} KeelCsvField;

typedef struct _KeelCsvReader KeelCsvReader;

/* Reads @len bytes at @data, which must stay valid and unchanged while the reader is
 * used. @name is the name errors start with ("survey.csv"). Fails with
 * KEEL_CSV_ERROR_ENCODING unless @data is UTF-8 (a UTF-8 byte-order mark is skipped). */
KeelCsvReader      *keel_csv_reader_new       (const char     *name,
                                               const char     *data,
                                               gsize           len,
                                               GError        **error);
/* Maps @file into memory and reads it. @name: as above, NULL for the file's basename. */
KeelCsvReader      *keel_csv_reader_new_for_file (GFile       *file,
                                                  const char  *name,
                                                  GError     **error);
void                keel_csv_reader_free      (KeelCsvReader  *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KeelCsvReader, keel_csv_reader_free)

/* Moves to the next record, skipping records whose fields are all empty or spaces
 * (blank lines, rows of bare separators). Returns FALSE at the end of the data (@error unset) or on
 * a syntax error (@error set). */
gboolean            keel_csv_reader_next      (KeelCsvReader  *reader,
                                               GError        **error);
guint               keel_csv_reader_get_n_fields (KeelCsvReader *reader);
/* The @index-th field (0-based) of the current record. */
const KeelCsvField *keel_csv_reader_get_field (KeelCsvReader  *reader,
                                               guint           index);
/* The line (1-based) where the current record starts. */
guint               keel_csv_reader_get_line  (KeelCsvReader  *reader);
/* ',', ';' or '\t'. */
char                keel_csv_reader_get_separator (KeelCsvReader *reader);
const char         *keel_csv_reader_get_name  (KeelCsvReader  *reader);

/* ---- Cell parsers (also used by the GUI to validate hand edits) ---- */

/* Parses an answer as people write it ("Very disappointed", "N/A - I no longer use
 * it", "very_disappointed"; case, spaces and punctuation do not matter). */
gboolean keel_csv_parse_answer (const char *text, KeelAnswer *out_answer);

/* Parses a date "YYYY-MM-DD", also with a time after it ("2026-10-02T09:30:00Z",
 * "2026-10-02 09:30"); writes the "YYYY-MM-DD" part to @out (11 bytes). */
gboolean keel_csv_parse_date   (const char *text, char out[11]);

/* ---- Importers ---- */

typedef struct {
  gboolean            append;      /* add to the dataset instead of replacing it */
  gboolean            has_period;  /* retention: @period was chosen (--period) */
  KeelRetentionPeriod period;      /* retention: week or month */
} KeelCsvImportOptions;

/* Imports @dataset from the CSV text at @data, as one undoable step. @name is the file
 * name errors and the undo label use. On error nothing is imported. Returns the number
 * of rows imported in @out_rows. */
gboolean keel_csv_import_data (KeelProject                *project,
                               KeelDataset                 dataset,
                               const char                 *name,
                               const char                 *data,
                               gsize                       len,
                               const KeelCsvImportOptions *options,
                               guint64                    *out_rows,
                               GError                    **error);

/* The same from @file (memory-mapped). @name: how errors name the file, NULL for its
 * basename. */
gboolean keel_csv_import_file (KeelProject                *project,
                               KeelDataset                 dataset,
                               GFile                      *file,
                               const char                 *name,
                               const KeelCsvImportOptions *options,
                               guint64                    *out_rows,
                               GError                    **error);

G_END_DECLS
