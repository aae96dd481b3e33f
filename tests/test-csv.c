/* test-csv.c: the CSV reader's quirks and the three dataset importers, good and bad
 * input alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "keel-csv.h"
#include "keel-project.h"
#include "keel-document.h"

/* ------------------------------------------------------------------------ */
/* Helpers */

/* Reads all of @text and returns its records as "field|field|field" strings, each
 * prefixed by "LINE:" (the line where the record starts). */
static char *
records_of (const char *text,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelCsvReader) reader = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (len < 0)
    len = strlen (text);
  reader = keel_csv_reader_new ("t.csv", text, len, &error);
  g_assert_no_error (error);

  while (keel_csv_reader_next (reader, &error))
    {
      g_string_append_printf (out, "%u:", keel_csv_reader_get_line (reader));
      for (guint i = 0; i < keel_csv_reader_get_n_fields (reader); i++)
        {
          const KeelCsvField *f = keel_csv_reader_get_field (reader, i);

          g_assert_cmpuint (f->column, ==, i + 1);
          g_assert_cmpuint (strlen (f->text), ==, f->len);
          g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", f->text);
        }
      g_string_append_c (out, '\n');
    }
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Reads @text to its end and returns the error it stops on. */
static GError *
error_of (const char *text)
{
  GError *error = NULL;
  g_autoptr(KeelCsvReader) reader = keel_csv_reader_new ("t.csv", text, strlen (text), &error);

  if (reader == NULL)
    return error;
  while (keel_csv_reader_next (reader, &error))
    ;
  return error;
}

typedef struct {
  char         *dir;
  KeelDocument *document;
  KeelProject  *project;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  fx->dir = g_dir_make_tmp ("keel-test-csv-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fx->dir, "p.keel", NULL);
  file = g_file_new_for_path (path);
  fx->document = keel_document_create (file, &error);
  g_assert_no_error (error);
  fx->project = keel_project_load (fx->document, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->project);
  keel_document_close (fx->document);
  g_clear_object (&fx->document);
  /* The document was never written back: only the folder remains. */
  g_rmdir (fx->dir);
  g_free (fx->dir);
}

static gboolean
import (Fixture     *fx,
        KeelDataset  dataset,
        const char  *name,
        const char  *text,
        GError     **error)
{
  KeelCsvImportOptions options = { FALSE, FALSE, KEEL_RETENTION_PERIOD_WEEK };

  return keel_csv_import_data (fx->project, dataset, name, text, strlen (text), &options,
                               NULL, error);
}

/* Imports @text and checks it is refused with @code and exactly @message. */
static void
assert_refused (Fixture     *fx,
                KeelDataset  dataset,
                const char  *name,
                const char  *text,
                int          code,
                const char  *message)
{
  g_autoptr(GError) error = NULL;
  guint64 before = keel_project_count_rows (fx->project, dataset);

  g_assert_false (import (fx, dataset, name, text, &error));
  g_assert_error (error, KEEL_CSV_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  /* Nothing half-imported. */
  g_assert_cmpuint (keel_project_count_rows (fx->project, dataset), ==, before);
}

/* The active rows of a dataset as text, one per line, in a stable order. */
static char *
dump (Fixture     *fx,
      KeelDataset  dataset)
{
  static const char * const sql[] = {
    "SELECT cohort || ' ' || size || ' [' || retained || ']' FROM retention_cohorts r"
    " JOIN imports i ON i.id = r.import_id AND i.active = 1 ORDER BY cohort, r.id",
    "SELECT answer || ' ' || date || ' ' || ifnull (segment, '-') || ' ' ||"
    " ifnull (respondent, '-') FROM survey_responses s"
    " JOIN imports i ON i.id = s.import_id AND i.active = 1 ORDER BY s.id",
    "SELECT period || ' ' || channel || ' ' || new_users FROM acquisition a"
    " JOIN imports i ON i.id = a.import_id AND i.active = 1 ORDER BY a.id",
  };
  sqlite3 *db = keel_db_get_handle (keel_project_get_db (fx->project));
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql[dataset], -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s\n", (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ------------------------------------------------------------------------ */
/* Reader */

static void
test_reader_line_ends (void)
{
  const char *expected = "1:a|b\n2:1|2\n3:3|4\n";
  g_autofree char *lf = records_of ("a,b\n1,2\n3,4\n", -1);
  g_autofree char *crlf = records_of ("a,b\r\n1,2\r\n3,4\r\n", -1);
  g_autofree char *cr = records_of ("a,b\r1,2\r3,4\r", -1);
  g_autofree char *none = records_of ("a,b\n1,2\n3,4", -1);
  g_autofree char *mixed = records_of ("a,b\r\n1,2\r3,4\n", -1);

  g_assert_cmpstr (lf, ==, expected);
  g_assert_cmpstr (crlf, ==, expected);
  g_assert_cmpstr (cr, ==, expected);
  g_assert_cmpstr (none, ==, expected);
  g_assert_cmpstr (mixed, ==, expected);
}

static void
test_reader_bom (void)
{
  g_autofree char *with_bom = records_of ("\xEF\xBB\xBF" "answer,date\nx,y\n", -1);
  g_autofree char *only_bom = records_of ("\xEF\xBB\xBF", -1);

  g_assert_cmpstr (with_bom, ==, "1:answer|date\n2:x|y\n");
  g_assert_cmpstr (only_bom, ==, "");
}

static void
test_reader_quotes (void)
{
  /* Separators, both line breaks and doubled quotes inside quotes; the record after
   * a field spanning two lines starts on line 4. */
  g_autofree char *got =
    records_of ("a,b,c\n\"x,y\",\"line 1\nline 2\",\"say \"\"hi\"\"\"\n"
                "\"\",\"\"\"\",\"cr\r\nlf\"\nlast,\"q\" ,z\n", -1);

  g_assert_cmpstr (got, ==,
                   "1:a|b|c\n"
                   "2:x,y|line 1\nline 2|say \"hi\"\n"
                   "4:|\"|cr\r\nlf\n"
                   "6:last|q|z\n");
}

static void
test_reader_field_lines (void)
{
  g_autoptr(GError) error = NULL;
  const char *text = "a,b\n\"1\n2\",x\n";
  g_autoptr(KeelCsvReader) reader = keel_csv_reader_new ("t.csv", text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_true (keel_csv_reader_next (reader, &error));
  g_assert_true (keel_csv_reader_next (reader, &error));
  /* The second field starts on line 3, after the quoted line break. */
  g_assert_cmpuint (keel_csv_reader_get_field (reader, 0)->line, ==, 2);
  g_assert_true (keel_csv_reader_get_field (reader, 0)->quoted);
  g_assert_cmpuint (keel_csv_reader_get_field (reader, 1)->line, ==, 3);
  g_assert_false (keel_csv_reader_get_field (reader, 1)->quoted);
  g_assert_false (keel_csv_reader_next (reader, &error));
  g_assert_no_error (error);
}

static void
test_reader_blank_and_empty (void)
{
  /* Blank lines and rows of bare separators are skipped; an empty last field is kept. */
  g_autofree char *got = records_of ("a,b,c\n\n1,,\n,,\n\r\n2,3,\n,,,\n , \t,\n", -1);
  g_autofree char *empty = records_of ("", 0);

  g_assert_cmpstr (got, ==, "1:a|b|c\n3:1||\n6:2|3|\n");
  g_assert_cmpstr (empty, ==, "");
}

static void
test_reader_separators (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *semi = records_of ("cohort;size;period 0\n2026-01-05;10;0,5\n", -1);
  g_autofree char *tabs = records_of ("a\tb\n1,5\t2\n", -1);
  /* Quoted separators do not count; a tie goes to the comma. */
  g_autofree char *quoted = records_of ("\"a;b;c\",d\n1,2\n", -1);
  g_autofree char *tie = records_of ("a;b,c\n1;2,3\n", -1);
  g_autofree char *single = records_of ("answer\nVery disappointed\n", -1);
  const char *text = "a;b\n1;2\n";
  g_autoptr(KeelCsvReader) reader = keel_csv_reader_new ("t.csv", text, strlen (text), &error);

  g_assert_cmpstr (semi, ==, "1:cohort|size|period 0\n2:2026-01-05|10|0,5\n");
  g_assert_cmpstr (tabs, ==, "1:a|b\n2:1,5|2\n");
  g_assert_cmpstr (quoted, ==, "1:a;b;c|d\n2:1|2\n");
  g_assert_cmpstr (tie, ==, "1:a;b|c\n2:1;2|3\n");
  g_assert_cmpstr (single, ==, "1:answer\n2:Very disappointed\n");
  g_assert_cmpint (keel_csv_reader_get_separator (reader), ==, ';');

  /* Excel's "sep=" line names the separator and is not a record. */
  {
    g_autofree char *excel = records_of ("sep=;\r\na;b,c\r\n1;2,5\r\n", -1);
    g_autofree char *bom_excel = records_of ("\xEF\xBB\xBF" "sep=,\na;b,c\n", -1);

    g_assert_cmpstr (excel, ==, "2:a|b,c\n3:1|2,5\n");
    g_assert_cmpstr (bom_excel, ==, "2:a;b|c\n");
  }
}

static void
test_reader_syntax_errors (void)
{
  g_autoptr(GError) open_quote = error_of ("a,b\n1,\"abc\n2,3\n");
  g_autoptr(GError) after_quote = error_of ("a,b\n1,\"ab\"c\n");

  g_assert_error (open_quote, KEEL_CSV_ERROR, KEEL_CSV_ERROR_SYNTAX);
  g_assert_cmpstr (open_quote->message, ==,
                   "t.csv:2:2: a quoted field starts here and never ends (a “\"” is missing)");
  g_assert_error (after_quote, KEEL_CSV_ERROR, KEEL_CSV_ERROR_SYNTAX);
  g_assert_cmpstr (after_quote->message, ==,
                   "t.csv:2:2: unexpected text after the closing quote of a field");
}

static void
test_reader_encoding (void)
{
  g_autoptr(GError) latin1 = NULL;
  g_autoptr(GError) utf16 = NULL;
  g_autoptr(GError) nul = NULL;
  g_autoptr(GError) error = NULL;
  const char *bad = "answer\r\nVery disappointed\r\nTr\xE9s\r\n";
  const char *wide = "\xFF\xFE" "a\0n\0";
  const char *with_nul = "answer\nVery\0disappointed\n";
  g_autofree char *good = records_of ("name\n\"Ren\xC3\xA9" "e \xF0\x9F\x98\x80\",x\n", -1);
  KeelCsvReader *reader;

  /* The byte and the line of the first invalid sequence. */
  reader = keel_csv_reader_new ("survey.csv", bad, strlen (bad), &latin1);
  g_assert_null (reader);
  g_assert_error (latin1, KEEL_CSV_ERROR, KEEL_CSV_ERROR_ENCODING);
  g_assert_cmpstr (latin1->message, ==,
                   "survey.csv is not UTF-8 text (byte 0xE9 on line 3); save it as UTF-8");

  reader = keel_csv_reader_new ("survey.csv", wide, 6, &utf16);
  g_assert_null (reader);
  g_assert_error (utf16, KEEL_CSV_ERROR, KEEL_CSV_ERROR_ENCODING);
  g_assert_cmpstr (utf16->message, ==, "survey.csv is UTF-16 text; save it as UTF-8");

  reader = keel_csv_reader_new ("survey.csv", with_nul, 25, &nul);
  g_assert_null (reader);
  g_assert_error (nul, KEEL_CSV_ERROR, KEEL_CSV_ERROR_ENCODING);
  g_assert_cmpstr (nul->message, ==,
                   "survey.csv is not UTF-8 text (byte 0x00 on line 2); save it as UTF-8");

  /* A long ASCII run before the bad byte goes through the 8-byte fast path. */
  {
    g_autoptr(GString) long_text = g_string_new ("answer\n");

    for (int i = 0; i < 1000; i++)
      g_string_append (long_text, "Very disappointed\n");
    g_string_append (long_text, "caf\xC3");  /* a truncated sequence at the very end */
    reader = keel_csv_reader_new ("s.csv", long_text->str, long_text->len, &error);
    g_assert_null (reader);
    g_assert_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_ENCODING);
    g_assert_cmpstr (error->message, ==,
                     "s.csv is not UTF-8 text (byte 0xC3 on line 1002); save it as UTF-8");
  }

  g_assert_cmpstr (good, ==, "1:name\n2:Ren\xC3\xA9" "e \xF0\x9F\x98\x80|x\n");
}

/* Random fields written as a spreadsheet would (quoted when needed) read back the same. */
static void
test_reader_round_trip (void)
{
  static const char alphabet[] = "ab ,;\"\r\n\t\xC3\xA9";
  GRand *rand = g_rand_new_with_seed (20261101);

  for (int round = 0; round < 300; round++)
    {
      guint n_rows = g_rand_int_range (rand, 1, 6);
      guint n_cols = g_rand_int_range (rand, 1, 5);
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) csv = g_string_new ("h1");
      g_autoptr(GError) error = NULL;
      g_autoptr(KeelCsvReader) reader = NULL;
      const char *eol = round % 3 == 0 ? "\r\n" : round % 3 == 1 ? "\n" : "\r";
      guint k = 0;

      for (guint c = 1; c < n_cols; c++)
        g_string_append_printf (csv, ",h%u", c + 1);
      g_string_append (csv, eol);

      for (guint r = 0; r < n_rows; r++)
        {
          for (guint c = 0; c < n_cols; c++)
            {
              g_autoptr(GString) cell = g_string_new ("x");  /* never an all-empty row */
              guint len = g_rand_int_range (rand, 0, 8);

              for (guint i = 0; i < len; i++)
                {
                  guint pick = g_rand_int_range (rand, 0, sizeof alphabet - 2);

                  if ((guchar) alphabet[pick] == 0xC3)
                    g_string_append (cell, "\xC3\xA9");
                  else if ((guchar) alphabet[pick] != 0xA9)
                    g_string_append_c (cell, alphabet[pick]);
                }
              if (c > 0)
                g_string_append_c (csv, ',');
              if (strpbrk (cell->str, ",;\"\r\n\t") != NULL)
                {
                  g_autofree char *doubled = NULL;
                  g_auto(GStrv) parts = g_strsplit (cell->str, "\"", -1);

                  doubled = g_strjoinv ("\"\"", parts);
                  g_string_append_printf (csv, "\"%s\"", doubled);
                }
              else
                g_string_append (csv, cell->str);
              g_ptr_array_add (cells, g_string_free (g_steal_pointer (&cell), FALSE));
            }
          if (r + 1 < n_rows || round % 2 == 0)
            g_string_append (csv, eol);
        }

      reader = keel_csv_reader_new ("t.csv", csv->str, csv->len, &error);
      g_assert_no_error (error);
      g_assert_cmpint (keel_csv_reader_get_separator (reader), ==, ',');
      g_assert_true (keel_csv_reader_next (reader, &error));  /* header */
      while (keel_csv_reader_next (reader, &error))
        {
          g_assert_cmpuint (keel_csv_reader_get_n_fields (reader), ==, n_cols);
          for (guint c = 0; c < n_cols; c++)
            g_assert_cmpstr (keel_csv_reader_get_field (reader, c)->text, ==,
                             g_ptr_array_index (cells, k++));
        }
      g_assert_no_error (error);
      g_assert_cmpuint (k, ==, cells->len);
    }
  g_rand_free (rand);
}

/* Arbitrary bytes never crash the reader, and every record it gives is consistent. */
static void
test_reader_fuzz (void)
{
  static const char alphabet[] = { 'a', ',', ';', '"', '\r', '\n', ' ', '\t', '\0',
                                   (char) 0xC3, (char) 0xA9, (char) 0xFF, (char) 0xEF,
                                   (char) 0xBB, (char) 0xBF };
  GRand *rand = g_rand_new_with_seed (7);

  for (int round = 0; round < 3000; round++)
    {
      char text[64];
      guint len = g_rand_int_range (rand, 0, sizeof text);
      g_autoptr(GError) error = NULL;
      g_autoptr(KeelCsvReader) reader = NULL;
      guint last_line = 0;

      for (guint i = 0; i < len; i++)
        text[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet)];

      reader = keel_csv_reader_new ("f.csv", text, len, &error);
      if (reader == NULL)
        {
          g_assert_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_ENCODING);
          continue;
        }
      while (keel_csv_reader_next (reader, &error))
        {
          g_assert_cmpuint (keel_csv_reader_get_line (reader), >, last_line);
          last_line = keel_csv_reader_get_line (reader);
          g_assert_cmpuint (keel_csv_reader_get_n_fields (reader), >=, 1);
          for (guint i = 0; i < keel_csv_reader_get_n_fields (reader); i++)
            {
              const KeelCsvField *f = keel_csv_reader_get_field (reader, i);
              g_assert_cmpuint (strlen (f->text), ==, f->len);
              g_assert_true (g_utf8_validate (f->text, f->len, NULL));
              g_assert_cmpuint (f->line, >=, last_line);
            }
        }
      if (error != NULL)
        g_assert_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_SYNTAX);
    }
  g_rand_free (rand);
}

/* ------------------------------------------------------------------------ */
/* Cells */

static void
test_parse_answer (void)
{
  static const struct { const char *text; KeelAnswer answer; } good[] = {
    { "Very disappointed", KEEL_ANSWER_VERY_DISAPPOINTED },
    { "  VERY   DISAPPOINTED ", KEEL_ANSWER_VERY_DISAPPOINTED },
    { "very_disappointed", KEEL_ANSWER_VERY_DISAPPOINTED },
    { "Very disappointed.", KEEL_ANSWER_VERY_DISAPPOINTED },
    { "Somewhat disappointed", KEEL_ANSWER_SOMEWHAT_DISAPPOINTED },
    { "somewhat_disappointed", KEEL_ANSWER_SOMEWHAT_DISAPPOINTED },
    { "Not disappointed", KEEL_ANSWER_NOT_DISAPPOINTED },
    { "Not disappointed (it isn't really that useful)", KEEL_ANSWER_NOT_DISAPPOINTED },
    { "not_disappointed", KEEL_ANSWER_NOT_DISAPPOINTED },
    { "N/A - I no longer use it", KEEL_ANSWER_NO_LONGER_USE },
    { "N/A \xE2\x80\x94 I no longer use the product", KEEL_ANSWER_NO_LONGER_USE },
    { "n/a \xE2\x80\x93 i no longer use it", KEEL_ANSWER_NO_LONGER_USE },
    { "I no longer use it", KEEL_ANSWER_NO_LONGER_USE },
    { "N/A", KEEL_ANSWER_NO_LONGER_USE },
    { "Not applicable", KEEL_ANSWER_NO_LONGER_USE },
    { "no_longer_use", KEEL_ANSWER_NO_LONGER_USE },
  };
  static const char * const bad[] = {
    "", "Very dissapointed", "disappointed", "Very", "yes", "Not", "N/A maybe",
    "Extremely disappointed", "1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      KeelAnswer answer = KEEL_N_ANSWERS;

      g_assert_true (keel_csv_parse_answer (good[i].text, &answer));
      g_assert_cmpint (answer, ==, good[i].answer);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      KeelAnswer answer;

      g_assert_false (keel_csv_parse_answer (bad[i], &answer));
    }
}

static void
test_parse_date (void)
{
  char out[11];

  g_assert_true (keel_csv_parse_date ("2026-10-02", out));
  g_assert_cmpstr (out, ==, "2026-10-02");
  g_assert_true (keel_csv_parse_date (" 2026-10-02T09:30:00Z ", out));
  g_assert_cmpstr (out, ==, "2026-10-02");
  g_assert_true (keel_csv_parse_date ("2024-02-29 23:59", out));
  g_assert_cmpstr (out, ==, "2024-02-29");
  g_assert_false (keel_csv_parse_date ("2026-02-29", out));  /* not a leap year */
  g_assert_false (keel_csv_parse_date ("1900-02-29", out));
  g_assert_true (keel_csv_parse_date ("2000-02-29", out));
  g_assert_false (keel_csv_parse_date ("2026-13-01", out));
  g_assert_false (keel_csv_parse_date ("2026-04-31", out));
  g_assert_false (keel_csv_parse_date ("02/10/2026", out));
  g_assert_false (keel_csv_parse_date ("2026-10-2", out));
  g_assert_false (keel_csv_parse_date ("2026-10-02x", out));
  g_assert_false (keel_csv_parse_date ("0000-01-01", out));
  g_assert_false (keel_csv_parse_date ("", out));
}

/* ------------------------------------------------------------------------ */
/* Survey */

static void
test_survey_import (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = keel_date_today ();
  g_autofree char *rows = NULL;
  g_autofree char *expected = NULL;
  guint64 n = 0;
  /* Columns in another order, spelled as tools export them; a BOM and CRLF. */
  const char *text =
    "\xEF\xBB\xBFRespondent ID;Segment;Submitted At;How would you feel if you could no longer use Acme?\r\n"
    "r-1;founders;2026-10-02T10:00:00Z;Very disappointed\r\n"
    "r-2;;2026-10-03;somewhat_disappointed\r\n"
    ";agencies;;\"N/A \xE2\x80\x94 I no longer use the product\"\r\n"
    "r-1;founders;2026-10-05;Not disappointed (it isn't really that useful)\r\n";
  KeelCsvImportOptions options = { FALSE, FALSE, KEEL_RETENTION_PERIOD_WEEK };

  g_assert_true (keel_csv_import_data (fx->project, KEEL_DATASET_SURVEY, "survey.csv",
                                       text, strlen (text), &options, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (keel_project_count_rows (fx->project, KEEL_DATASET_SURVEY), ==, 4);

  /* A row without a date takes the import's date (today). */
  rows = dump (fx, KEEL_DATASET_SURVEY);
  expected = g_strdup_printf ("very_disappointed 2026-10-02 founders r-1\n"
                              "somewhat_disappointed 2026-10-03 - r-2\n"
                              "no_longer_use %s agencies -\n"
                              "not_disappointed 2026-10-05 founders r-1\n", today);
  g_assert_cmpstr (rows, ==, expected);
  g_assert_true (keel_project_can_undo (fx->project));
}

/* More rows than the importer inserts at a time: every row lands, in order, with its
 * own values; a bad row after several full batches still leaves nothing behind. */
static void
test_survey_many_rows (Fixture       *fx,
                       gconstpointer  data)
{
  static const char * const answers[] = {
    "Very disappointed", "Somewhat disappointed", "Not disappointed", "N/A - I no longer use it",
  };
  static const char * const keys[] = {
    "very_disappointed", "somewhat_disappointed", "not_disappointed", "no_longer_use",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *today = keel_date_today ();
  g_autoptr(GString) text = g_string_new ("answer,date,segment,respondent\n");
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GString) bad = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *after = NULL;
  guint64 n = 0;
  KeelCsvImportOptions options = { FALSE, FALSE, KEEL_RETENTION_PERIOD_WEEK };

  for (guint i = 0; i < 333; i++)
    {
      gboolean dated = i % 7 != 0, segmented = i % 5 != 0;

      g_string_append_printf (text, "%s,", answers[i % 4]);
      if (dated)
        g_string_append_printf (text, "2026-%02u-%02u", 1 + i % 12, 1 + i % 28);
      g_string_append_printf (text, ",%s,r-%u\n", segmented ? "founders" : "", i);

      g_string_append_printf (expected, "%s ", keys[i % 4]);
      if (dated)
        g_string_append_printf (expected, "2026-%02u-%02u", 1 + i % 12, 1 + i % 28);
      else
        g_string_append (expected, today);
      g_string_append_printf (expected, " %s r-%u\n", segmented ? "founders" : "-", i);
    }

  g_assert_true (keel_csv_import_data (fx->project, KEEL_DATASET_SURVEY, "many.csv",
                                       text->str, text->len, &options, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 333);
  rows = dump (fx, KEEL_DATASET_SURVEY);
  g_assert_cmpstr (rows, ==, expected->str);

  /* The same rows with a bad date on line 301: refused, the earlier rows stay. */
  bad = g_string_new (text->str);
  g_string_append (bad, "Very disappointed,2026-02-30,founders,r-x\n");
  g_string_append (bad, "Very disappointed,2026-02-28,founders,r-y\n");
  g_assert_false (keel_csv_import_data (fx->project, KEEL_DATASET_SURVEY, "bad.csv",
                                        bad->str, bad->len, &options, NULL, &error));
  g_assert_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_VALUE);
  g_assert_cmpstr (error->message, ==, "bad.csv:335:2: “2026-02-30” is not a date; expected YYYY-MM-DD");
  after = dump (fx, KEEL_DATASET_SURVEY);
  g_assert_cmpstr (after, ==, expected->str);
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

/* A large import commits without folding its WAL into the working copy: the main loop
 * does that when idle, and only the thread that runs the loop schedules it. */
static void
test_survey_large_checkpoint (Fixture       *fx,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("answer,date,respondent\n");
  sqlite3 *db = keel_db_get_handle (keel_project_get_db (fx->project));
  g_autofree char *path = g_strdup (sqlite3_db_filename (db, "main"));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  goffset before;

  for (guint i = 0; i < 30000; i++)
    g_string_append_printf (text, "Very disappointed,2026-10-%02u,r-%u\n", 1 + i % 28, i);

  /* Without the main loop's context, nothing is scheduled. */
  g_assert_true (import (fx, KEEL_DATASET_SURVEY, "a.csv", text->str, &error));
  g_assert_no_error (error);
  g_assert_false (g_main_context_pending (NULL));
  g_assert_cmpuint (keel_project_count_rows (fx->project, KEEL_DATASET_SURVEY), ==, 30000);

  /* As the application's main thread: the rows are committed to the WAL, and copied
   * into the database file once the loop is idle. */
  g_assert_true (g_main_context_acquire (NULL));
  g_assert_true (import (fx, KEEL_DATASET_SURVEY, "b.csv", text->str, &error));
  g_assert_no_error (error);
  before = file_size (path);
  g_assert_cmpint (file_size (wal), >, 1000000);
  g_assert_true (g_main_context_pending (NULL));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_main_context_release (NULL);
  g_assert_cmpint (file_size (path), >, before + 1000000);
  g_assert_cmpuint (keel_project_count_rows (fx->project, KEEL_DATASET_SURVEY), ==, 30000);
}

/* Whole numbers through the batches too. */
static void
test_acquisition_many_rows (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("period,channel,new_users\n");
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *rows = NULL;

  for (guint i = 0; i < 200; i++)
    {
      g_string_append_printf (text, "2026-%02u,channel %u,%u\n", 1 + i % 12, i, i * 37);
      g_string_append_printf (expected, "2026-%02u channel %u %u\n", 1 + i % 12, i, i * 37);
    }
  g_assert_true (import (fx, KEEL_DATASET_ACQUISITION, "a.csv", text->str, &error));
  g_assert_no_error (error);
  rows = dump (fx, KEEL_DATASET_ACQUISITION);
  g_assert_cmpstr (rows, ==, expected->str);
}

static void
test_survey_replace_append (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KeelCsvImportOptions append = { TRUE, FALSE, KEEL_RETENTION_PERIOD_WEEK };
  const char *second = "answer,date\nNot disappointed,2026-10-09\n";
  g_autofree char *rows = NULL;

  g_assert_true (import (fx, KEEL_DATASET_SURVEY, "a.csv",
                         "answer,date\nVery disappointed,2026-10-01\nVery disappointed,2026-10-02\n",
                         &error));
  g_assert_no_error (error);
  /* Append adds, */
  g_assert_true (keel_csv_import_data (fx->project, KEEL_DATASET_SURVEY, "b.csv", second,
                                       strlen (second), &append, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (keel_project_count_rows (fx->project, KEEL_DATASET_SURVEY), ==, 3);
  /* and a plain import replaces. */
  g_assert_true (import (fx, KEEL_DATASET_SURVEY, "c.csv", second, &error));
  g_assert_no_error (error);
  rows = dump (fx, KEEL_DATASET_SURVEY);
  g_assert_cmpstr (rows, ==, "not_disappointed 2026-10-09 - -\n");
  /* One undo step brings back the three rows. */
  g_assert_true (keel_project_undo (fx->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (keel_project_count_rows (fx->project, KEEL_DATASET_SURVEY), ==, 3);
}

static void
test_survey_errors (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GString) long_file = g_string_new ("answer,date\n");

  /* An earlier import stays whole when a later one is refused. */
  g_assert_true (import (fx, KEEL_DATASET_SURVEY, "ok.csv",
                         "answer\nVery disappointed\n", &error));
  g_assert_no_error (error);
  before = dump (fx, KEEL_DATASET_SURVEY);

  /* The brief's own example: line 14, column 1. */
  for (int i = 2; i < 14; i++)
    g_string_append (long_file, "Very disappointed,2026-10-01\n");
  g_string_append (long_file, "Very dissapointed,2026-10-01\nNot disappointed,2026-10-01\n");
  assert_refused (fx, KEEL_DATASET_SURVEY, "survey.csv", long_file->str, KEEL_CSV_ERROR_VALUE,
                  "survey.csv:14:1: “Very dissapointed” is not a known answer (Very disappointed, Somewhat disappointed, Not disappointed, N/A - I no longer use it)");

  assert_refused (fx, KEEL_DATASET_SURVEY, "s.csv",
                  "segment,answer\nfounders,\n", KEEL_CSV_ERROR_VALUE,
                  "s.csv:2:2: the answer is missing; expected Very disappointed, Somewhat disappointed, Not disappointed or N/A - I no longer use it");
  assert_refused (fx, KEEL_DATASET_SURVEY, "s.csv",
                  "answer,date\nVery disappointed,2026-10-01\nNot disappointed,10/02/2026\n",
                  KEEL_CSV_ERROR_VALUE,
                  "s.csv:3:2: “10/02/2026” is not a date; expected YYYY-MM-DD");
  assert_refused (fx, KEEL_DATASET_SURVEY, "s.csv",
                  "answer,date\nVery disappointed,2026-02-30\n", KEEL_CSV_ERROR_VALUE,
                  "s.csv:2:2: “2026-02-30” is not a date; expected YYYY-MM-DD");
  assert_refused (fx, KEEL_DATASET_SURVEY, "s.csv",
                  "answer,colour\nVery disappointed,red\n", KEEL_CSV_ERROR_HEADER,
                  "s.csv:1:2: unknown column “colour”; the columns are answer, date, segment, respondent");
  assert_refused (fx, KEEL_DATASET_SURVEY, "s.csv",
                  "date,segment\n2026-10-01,x\n", KEEL_CSV_ERROR_HEADER,
                  "s.csv:1:1: the header has no column for the answer; the columns are answer, date, segment, respondent");
  assert_refused (fx, KEEL_DATASET_SURVEY, "s.csv",
                  "Answer,Response\nVery disappointed,Very disappointed\n", KEEL_CSV_ERROR_HEADER,
                  "s.csv:1:2: columns 1 and 2 both look like the answer; keep one or rename it");
  assert_refused (fx, KEEL_DATASET_SURVEY, "s.csv",
                  "Very disappointed\nNot disappointed\n", KEEL_CSV_ERROR_HEADER,
                  "s.csv:1:1: the first line must be a header naming the columns (answer, date, segment, respondent)");
  assert_refused (fx, KEEL_DATASET_SURVEY, "s.csv",
                  "answer,date\nVery disappointed,2026-10-01,oops\n", KEEL_CSV_ERROR_VALUE,
                  "s.csv:2:3: “oops” is beyond the last column of the header (2 columns)");
  assert_refused (fx, KEEL_DATASET_SURVEY, "s.csv",
                  "answer,,date\nVery disappointed,x,2026-10-01\n", KEEL_CSV_ERROR_VALUE,
                  "s.csv:2:2: “x” is in a column that has no name in the header");
  assert_refused (fx, KEEL_DATASET_SURVEY, "s.csv",
                  "answer,segment\n\"Very disappointed,founders\n", KEEL_CSV_ERROR_SYNTAX,
                  "s.csv:2:1: a quoted field starts here and never ends (a “\"” is missing)");
  assert_refused (fx, KEEL_DATASET_SURVEY, "s.csv", "answer,date\r\n", KEEL_CSV_ERROR_EMPTY,
                  "s.csv has a header but no rows");
  assert_refused (fx, KEEL_DATASET_SURVEY, "s.csv", "\n\n", KEEL_CSV_ERROR_EMPTY,
                  "s.csv is empty; expected a header line and rows");
  assert_refused (fx, KEEL_DATASET_SURVEY, "survey.csv",
                  "answer\nVery disappointed\nTr\xE8s d\xE9\x63u\n", KEEL_CSV_ERROR_ENCODING,
                  "survey.csv is not UTF-8 text (byte 0xE8 on line 3); save it as UTF-8");

  after = dump (fx, KEEL_DATASET_SURVEY);
  g_assert_cmpstr (after, ==, before);
}

/* ------------------------------------------------------------------------ */
/* Acquisition */

static void
test_acquisition_import (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;

  /* An unknown channel is not an error at import. */
  g_assert_true (import (fx, KEEL_DATASET_ACQUISITION, "acq.csv",
                         "Period,Channel,New users\n"
                         "2026-09,organic,430\n"
                         "2026-09,Paid Search,120\n"
                         "2026-10-05,podcast, 7 \n"
                         "2026-10-05,\"word of mouth\",+3\n",
                         &error));
  g_assert_no_error (error);
  rows = dump (fx, KEEL_DATASET_ACQUISITION);
  g_assert_cmpstr (rows, ==,
                   "2026-09 organic 430\n"
                   "2026-09 Paid Search 120\n"
                   "2026-10-05 podcast 7\n"
                   "2026-10-05 word of mouth 3\n");
}

static void
test_acquisition_errors (Fixture       *fx,
                         gconstpointer  data)
{
  assert_refused (fx, KEEL_DATASET_ACQUISITION, "a.csv",
                  "period,channel,new_users\n2026-9,organic,4\n", KEEL_CSV_ERROR_VALUE,
                  "a.csv:2:1: “2026-9” is not a period; expected a month YYYY-MM or a start date YYYY-MM-DD");
  assert_refused (fx, KEEL_DATASET_ACQUISITION, "a.csv",
                  "period,channel,new_users\n2026-13,organic,4\n", KEEL_CSV_ERROR_VALUE,
                  "a.csv:2:1: “2026-13” is not a period; expected a month YYYY-MM or a start date YYYY-MM-DD");
  assert_refused (fx, KEEL_DATASET_ACQUISITION, "a.csv",
                  "period,channel,new_users\n,organic,4\n", KEEL_CSV_ERROR_VALUE,
                  "a.csv:2:1: the period is missing; expected a month YYYY-MM or a start date YYYY-MM-DD");
  assert_refused (fx, KEEL_DATASET_ACQUISITION, "a.csv",
                  "period,channel,new_users\n2026-09,organic,4\n2026-09,,4\n", KEEL_CSV_ERROR_VALUE,
                  "a.csv:3:2: the channel is missing; expected its name (organic, paid, referral…)");
  assert_refused (fx, KEEL_DATASET_ACQUISITION, "a.csv",
                  "period,channel,new_users\n2026-09,organic,-4\n", KEEL_CSV_ERROR_VALUE,
                  "a.csv:2:3: -4 new users is negative; expected a whole number of at least 0");
  assert_refused (fx, KEEL_DATASET_ACQUISITION, "a.csv",
                  "period,channel,new_users\n2026-09,organic,4.5\n", KEEL_CSV_ERROR_VALUE,
                  "a.csv:2:3: “4.5” is not a number of new users; expected a whole number");
  assert_refused (fx, KEEL_DATASET_ACQUISITION, "a.csv",
                  "period,channel,new_users\n2026-09,organic,many\n", KEEL_CSV_ERROR_VALUE,
                  "a.csv:2:3: “many” is not a number of new users; expected a whole number");
  assert_refused (fx, KEEL_DATASET_ACQUISITION, "a.csv",
                  "period,channel,new_users\n2026-09,organic\n", KEEL_CSV_ERROR_VALUE,
                  "a.csv:2:3: the number of new users is missing; expected a whole number");
  assert_refused (fx, KEEL_DATASET_ACQUISITION, "a.csv",
                  "period,new_users\n2026-09,4\n", KEEL_CSV_ERROR_HEADER,
                  "a.csv:1:1: the header has no column for the channel; the columns are period, channel, new_users");
  assert_refused (fx, KEEL_DATASET_ACQUISITION, "a.csv",
                  "2026-09,organic,4\n", KEEL_CSV_ERROR_HEADER,
                  "a.csv:1:1: the first line must be a header naming the columns (period, channel, new_users)");
}

/* ------------------------------------------------------------------------ */
/* Retention */

static void
test_retention_counts (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;

  /* Trailing empty cells are periods not reached yet; a cohort given as a month is its
   * first day; "Week N" headers choose weekly periods. */
  g_assert_true (import (fx, KEEL_DATASET_RETENTION, "r.csv",
                         "Cohort,Users,Week 0,Week 1,Week 2\n"
                         "2026-08-03,200,200,120,96\n"
                         "2026-08-10,150,150,80,\n"
                         "2026-08,10,10\n",
                         &error));
  g_assert_no_error (error);
  rows = dump (fx, KEEL_DATASET_RETENTION);
  g_assert_cmpstr (rows, ==,
                   "2026-08-01 10 [10]\n"
                   "2026-08-03 200 [200,120,96]\n"
                   "2026-08-10 150 [150,80]\n");
  g_assert_cmpint (keel_project_get_retention_period (fx->project), ==,
                   KEEL_RETENTION_PERIOD_WEEK);
}

static void
test_retention_fractions (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *percent = NULL;
  g_autofree char *decimals = NULL;

  /* Percentages: retained = round(fraction × size):
   *   200 × 60% = 120; 200 × 48.2% = 96.4 -> 96;
   *   150 × 53.4% = 80.1 -> 80; "1" in a fraction file is the whole cohort. */
  g_assert_true (import (fx, KEEL_DATASET_RETENTION, "r.csv",
                         "cohort,size,month 0,month 1,month 2\n"
                         "2026-08-03,200,100%,60%,48.2%\n"
                         "2026-09-03,150,1,53.4 %,\n",
                         &error));
  g_assert_no_error (error);
  percent = dump (fx, KEEL_DATASET_RETENTION);
  g_assert_cmpstr (percent, ==,
                   "2026-08-03 200 [200,120,96]\n"
                   "2026-09-03 150 [150,80]\n");
  /* "Month N" headers choose monthly periods. */
  g_assert_cmpint (keel_project_get_retention_period (fx->project), ==,
                   KEEL_RETENTION_PERIOD_MONTH);

  /* Decimal commas in a semicolon file: 0,333 × 300 = 99.9 -> 100; 0,5 × 300 = 150;
   * 0,125 × 8 = 1. */
  g_assert_true (import (fx, KEEL_DATASET_RETENTION, "r.csv",
                         "cohort;size;period_0;period_1\n"
                         "2026-08-03;300;1,0;0,333\n"
                         "2026-08-10;300;1;0,5\n"
                         "2026-08-17;8;1;0,125\n",
                         &error));
  g_assert_no_error (error);
  decimals = dump (fx, KEEL_DATASET_RETENTION);
  g_assert_cmpstr (decimals, ==,
                   "2026-08-03 300 [300,100]\n"
                   "2026-08-10 300 [300,150]\n"
                   "2026-08-17 8 [8,1]\n");
  /* No word in the header: weeks, the default. */
  g_assert_cmpint (keel_project_get_retention_period (fx->project), ==,
                   KEEL_RETENTION_PERIOD_WEEK);
}

static void
test_retention_period_option (Fixture       *fx,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KeelCsvImportOptions month = { FALSE, TRUE, KEEL_RETENTION_PERIOD_MONTH };
  const char *plain = "cohort,size,0,1\n2026-08-01,10,10,5\n";
  const char *weeks = "cohort,size,w0,w1\n2026-08-01,10,10,5\n";

  g_assert_true (keel_csv_import_data (fx->project, KEEL_DATASET_RETENTION, "r.csv", plain,
                                       strlen (plain), &month, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (keel_project_get_retention_period (fx->project), ==,
                   KEEL_RETENTION_PERIOD_MONTH);

  /* The header says weeks and --period says months: refused. */
  g_assert_false (keel_csv_import_data (fx->project, KEEL_DATASET_RETENTION, "r.csv", weeks,
                                        strlen (weeks), &month, NULL, &error));
  g_assert_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_HEADER);
  g_assert_cmpstr (error->message, ==,
                   "r.csv:1:3: the header counts weeks but the import was asked for months");
  g_assert_cmpint (keel_project_get_retention_period (fx->project), ==,
                   KEEL_RETENTION_PERIOD_MONTH);
}

static void
test_retention_errors (Fixture       *fx,
                       gconstpointer  data)
{
  const int V = KEEL_CSV_ERROR_VALUE, H = KEEL_CSV_ERROR_HEADER;
  const KeelDataset R = KEEL_DATASET_RETENTION;

  assert_refused (fx, R, "r.csv", "cohort,size,p0,p1\n2026-08-03,200,200,201\n", V,
                  "r.csv:2:4: 201 retained in period 1 is more than the cohort’s 200 users");
  assert_refused (fx, R, "r.csv", "cohort,size,p0,p1\n2026-08-03,200,200,-1\n", V,
                  "r.csv:2:4: -1 is negative; retained users cannot be negative");
  assert_refused (fx, R, "r.csv", "cohort,size,p0,p1\n2026-08-03,200,200,lots\n", V,
                  "r.csv:2:4: “lots” is not a number; expected the users retained in period 1 as a count, a fraction or a percentage");
  assert_refused (fx, R, "r.csv", "cohort,size,p0,p1,p2\n2026-08-03,200,200,,90\n", V,
                  "r.csv:2:5: period 2 has a value but period 1 before it is empty; only the last periods of a cohort may be empty");
  assert_refused (fx, R, "r.csv", "cohort,size,p0,p1\n2026-08-32,200,200,100\n", V,
                  "r.csv:2:1: “2026-08-32” is not a date; expected the cohort’s start as YYYY-MM-DD");
  assert_refused (fx, R, "r.csv", "cohort,size,p0,p1\n,200,200,100\n", V,
                  "r.csv:2:1: the cohort’s start date is missing; expected YYYY-MM-DD");
  assert_refused (fx, R, "r.csv", "cohort,size,p0\n2026-08-03,0,0\n", V,
                  "r.csv:2:2: “0” is not a cohort size; expected a whole number of users, at least 1");
  assert_refused (fx, R, "r.csv", "cohort,size,p0\n2026-08-03,,0\n", V,
                  "r.csv:2:2: the cohort’s size is missing; expected a whole number of users");
  assert_refused (fx, R, "r.csv", "cohort,size,p0,p1\n2026-08-03,20,,\n", V,
                  "r.csv:2:3: period 0 is empty; expected the users retained in period 0");
  assert_refused (fx, R, "r.csv",
                  "cohort,size,p0\n2026-08-03,20,20\n2026-08-10,20,20\n2026-08-03,5,5\n", V,
                  "r.csv:4:1: cohort 2026-08-03 is already on line 2; one row per cohort");
  assert_refused (fx, R, "r.csv", "cohort,size,p0,p1\n2026-08-03,20,100%,120%\n", V,
                  "r.csv:2:4: “120%” is more than the whole cohort; this file gives fractions or percentages, so each period is a share of the cohort’s size");
  /* A count among fractions is more than 100%. */
  assert_refused (fx, R, "r.csv", "cohort,size,p0,p1\n2026-08-03,20,0.5,12\n", V,
                  "r.csv:2:4: “12” is more than the whole cohort; this file gives fractions or percentages, so each period is a share of the cohort’s size");
  assert_refused (fx, R, "r.csv", "cohort,size,p0,p2\n2026-08-03,20,20,10\n", H,
                  "r.csv:1:4: “p2” should be period 1: the periods go in order from period 0");
  assert_refused (fx, R, "r.csv", "cohort,size,week 0,month 1\n2026-08-03,20,20,10\n", H,
                  "r.csv:1:4: the header mixes weeks and months; use one kind of period");
  assert_refused (fx, R, "r.csv", "cohort,size,churn\n2026-08-03,20,20\n", H,
                  "r.csv:1:3: unknown column “churn”; the columns are cohort, size, period_0, period_1, …");
  assert_refused (fx, R, "r.csv", "cohort,size\n2026-08-03,20\n", H,
                  "r.csv:1:1: the header has no period columns; the columns are cohort, size, period_0, period_1, …");
  assert_refused (fx, R, "r.csv", "cohort,date,size,p0\n2026-08-03,2026-08-03,20,20\n", H,
                  "r.csv:1:2: columns 1 and 2 both look like the cohort’s start date; keep one or rename it");
  assert_refused (fx, R, "r.csv", "2026-08-03,20,20\n", H,
                  "r.csv:1:1: the first line must be a header naming the columns (cohort, size, period_0, period_1, …)");
  g_assert_cmpuint (keel_project_count_rows (fx->project, R), ==, 0);
}

/* keel_csv_import_file reads through a memory map and names the file by its basename
 * unless told otherwise. */
static void
test_import_file (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fx->dir, "acq.csv", NULL);
  g_autofree char *missing_path = g_build_filename (fx->dir, "missing.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  guint64 n = 0;

  g_assert_true (g_file_set_contents (path, "period,channel,new_users\n2026-09,seo,5\n2026-09,ads,x\n",
                                      -1, &error));
  g_assert_false (keel_csv_import_file (fx->project, KEEL_DATASET_ACQUISITION, file, NULL,
                                        NULL, &n, &error));
  g_assert_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "acq.csv:3:3: “x” is not a number of new users; expected a whole number");
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "period,channel,new_users\n2026-09,seo,5", -1, &error));
  g_assert_true (keel_csv_import_file (fx->project, KEEL_DATASET_ACQUISITION, file,
                                       "data/acq.csv", NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);

  g_assert_false (keel_csv_import_file (fx->project, KEEL_DATASET_ACQUISITION, missing, NULL,
                                        NULL, &n, &error));
  g_assert_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "missing.csv cannot be read: "));
  g_unlink (path);
}

/* The fixtures under tests/data/csv import as documented. */
static void
test_fixtures (Fixture       *fx,
               gconstpointer  data)
{
  static const struct { const char *file; KeelDataset dataset; guint64 rows; } files[] = {
    { "retention-weeks.csv", KEEL_DATASET_RETENTION, 8 },
    { "retention-percent-semicolon.csv", KEEL_DATASET_RETENTION, 4 },
    { "survey-typeform.csv", KEEL_DATASET_SURVEY, 6 },
    { "acquisition.csv", KEEL_DATASET_ACQUISITION, 12 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", files[i].file, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      guint64 n = 0;

      g_assert_true (keel_csv_import_file (fx->project, files[i].dataset, file, NULL, NULL,
                                           &n, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, files[i].rows);
    }
}

static void
test_fixture_bad (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", "survey-latin1.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_false (keel_csv_import_file (fx->project, KEEL_DATASET_SURVEY, file, NULL, NULL,
                                        NULL, &error));
  g_assert_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==,
                   "survey-latin1.csv is not UTF-8 text (byte 0xE9 on line 3); save it as UTF-8");
  g_assert_cmpuint (keel_project_count_rows (fx->project, KEEL_DATASET_SURVEY), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/keel/csv/reader/line-ends", test_reader_line_ends);
  g_test_add_func ("/keel/csv/reader/bom", test_reader_bom);
  g_test_add_func ("/keel/csv/reader/quotes", test_reader_quotes);
  g_test_add_func ("/keel/csv/reader/field-lines", test_reader_field_lines);
  g_test_add_func ("/keel/csv/reader/blank-and-empty", test_reader_blank_and_empty);
  g_test_add_func ("/keel/csv/reader/separators", test_reader_separators);
  g_test_add_func ("/keel/csv/reader/syntax-errors", test_reader_syntax_errors);
  g_test_add_func ("/keel/csv/reader/encoding", test_reader_encoding);
  g_test_add_func ("/keel/csv/reader/round-trip", test_reader_round_trip);
  g_test_add_func ("/keel/csv/reader/fuzz", test_reader_fuzz);
  g_test_add_func ("/keel/csv/parse/answer", test_parse_answer);
  g_test_add_func ("/keel/csv/parse/date", test_parse_date);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/keel/csv/survey/import", test_survey_import);
  ADD ("/keel/csv/survey/many-rows", test_survey_many_rows);
  ADD ("/keel/csv/survey/large-checkpoint", test_survey_large_checkpoint);
  ADD ("/keel/csv/survey/replace-append", test_survey_replace_append);
  ADD ("/keel/csv/survey/errors", test_survey_errors);
  ADD ("/keel/csv/acquisition/import", test_acquisition_import);
  ADD ("/keel/csv/acquisition/errors", test_acquisition_errors);
  ADD ("/keel/csv/acquisition/many-rows", test_acquisition_many_rows);
  ADD ("/keel/csv/retention/counts", test_retention_counts);
  ADD ("/keel/csv/retention/fractions", test_retention_fractions);
  ADD ("/keel/csv/retention/period-option", test_retention_period_option);
  ADD ("/keel/csv/retention/errors", test_retention_errors);
  ADD ("/keel/csv/import-file", test_import_file);
  ADD ("/keel/csv/fixtures", test_fixtures);
  ADD ("/keel/csv/fixture-bad", test_fixture_bad);
#undef ADD

  return g_test_run ();
}
