/* keel-csv.c: a small CSV reader and the three dataset importers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader is written for one job: the files people export from spreadsheets and
 * analytics tools, up to millions of rows, read from a memory-mapped file without an
 * allocation per field. Fields are copied once into a scratch buffer that grows to the
 * longest record and is then reused; that copy is what gives each field its
 * terminating NUL and undoes the doubled quotes.
 */
#define G_LOG_DOMAIN "keel-csv"

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "keel-csv.h"

struct _KeelCsvReader
{
  char         *name;
  GMappedFile  *mapped;       /* owns the data when read from a file */
  const char   *pos;
  const char   *end;
  guint         line;         /* line at @pos */
  char          separator;

  /* The current record: the fields' text lives in @buf; while a record is being read
   * the fields hold offsets into it (@buf may move as it grows). */
  char         *buf;
  gsize         buf_len;
  gsize         buf_size;
  KeelCsvField *fields;
  gsize        *offsets;
  guint         n_fields;
  guint         fields_size;
  guint         record_line;
};

G_DEFINE_QUARK (keel-csv-error-quark, keel_csv_error)

/* ------------------------------------------------------------------------ */
/* Encoding */

/* Counts the lines up to @offset, a line break being LF, CRLF or a lone CR. */
static guint
line_at (const char *data,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        line++;
      else if (data[i] == '\r' && (i + 1 >= offset || data[i + 1] != '\n'))
        line++;
    }
  return line;
}

/* UTF-8 validation with a fast path for ASCII, eight bytes at a time: survey exports
 * are almost all ASCII, and g_utf8_validate() alone costs more than the parse. A NUL
 * byte is refused (g_utf8_validate_len() does too): no text file holds one. */
static gboolean
validate_utf8 (const char  *data,
               gsize        len,
               gsize       *out_bad)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  gsize i = 0;

  while (i < len)
    {
      const char *bad_end;
      gsize chunk_end;

      while (i + 8 <= len)
        {
          guint64 w;

          memcpy (&w, data + i, 8);
          /* Any byte >= 0x80, or any zero byte ("haszero" trick), leaves the fast path. */
          if ((w & high) != 0 || ((w - ones) & ~w & high) != 0)
            break;
          i += 8;
        }
      if (i >= len)
        break;

      /* Validate up to the next ASCII newline after this spot (a sequence never spans
       * one), then go back to the fast path. */
      chunk_end = i;
      while (chunk_end < len && data[chunk_end] != '\n')
        chunk_end++;
      if (!g_utf8_validate_len (data + i, chunk_end - i, &bad_end))
        {
          *out_bad = bad_end - data;
          return FALSE;
        }
      i = chunk_end + 1;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Reader */

static char
detect_separator (const char *p,
                  const char *end)
{
  gsize commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*p == '\n' || *p == '\r')
        break;
      else if (*p == ',')
        commas++;
      else if (*p == ';')
        semicolons++;
      else if (*p == '\t')
        tabs++;
    }

  if (semicolons > commas && semicolons >= tabs)
    return ';';
  if (tabs > commas && tabs > semicolons)
    return '\t';
  return ',';
}

static KeelCsvReader *
reader_new_unchecked (const char *name,
                      const char *data,
                      gsize       len)
{
  KeelCsvReader *self = g_new0 (KeelCsvReader, 1);

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  self->name = g_strdup (name);
  self->pos = data;
  self->end = data + len;
  self->line = 1;

  /* Excel writes "sep=;" as a first line to name the separator. */
  if (len >= 5 && strncmp (data, "sep=", 4) == 0 && data[4] != '\0' && strchr (",;\t", data[4]) != NULL &&
      (len == 5 || data[5] == '\n' || data[5] == '\r'))
    {
      self->separator = data[4];
      self->pos = data + 5;
      if (self->pos < self->end && *self->pos == '\r')
        self->pos++;
      if (self->pos < self->end && *self->pos == '\n')
        self->pos++;
      self->line = 2;
    }
  else
    self->separator = detect_separator (data, data + len);
  self->buf_size = 256;
  self->buf = g_malloc (self->buf_size);
  self->fields_size = 16;
  self->fields = g_new (KeelCsvField, self->fields_size);
  self->offsets = g_new (gsize, self->fields_size);
  return self;
}

/**
 * keel_csv_reader_new:
 * @name: the file name errors start with
 * @data: (array length=len): the file's bytes, kept alive by the caller
 * @len: their length
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a reader positioned before the first record,
 *   or %NULL when @data is not UTF-8 text
 */
KeelCsvReader *
keel_csv_reader_new (const char  *name,
                     const char  *data,
                     gsize        len,
                     GError     **error)
{
  gsize bad = 0;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (data == NULL)
    data = "";

  if (len >= 2 && (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE) ||
                   ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)))
    {
      g_set_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_ENCODING,
                   _("%s is UTF-16 text; save it as UTF-8"), name);
      return NULL;
    }

  if (!validate_utf8 (data, len, &bad))
    {
      g_set_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_ENCODING,
                   _("%s is not UTF-8 text (byte 0x%02X on line %u); save it as UTF-8"),
                   name, (guint) (guchar) data[bad], line_at (data, bad));
      return NULL;
    }

  return reader_new_unchecked (name, data, len);
}

/**
 * keel_csv_reader_new_for_file:
 * @file: a CSV file
 * @name: (nullable): the name errors start with; %NULL for the file's basename
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a reader over the memory-mapped file
 */
KeelCsvReader *
keel_csv_reader_new_for_file (GFile       *file,
                              const char  *name,
                              GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  KeelCsvReader *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  basename = g_file_get_basename (file);
  if (name == NULL)
    name = basename;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_IO,
                   _("%s: cannot read a file at this location"), name);
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_IO,
                   _("%s is a folder, not a CSV file"), name);
      return NULL;
    }

  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_IO,
                   _("%s cannot be read: %s"), name, local_error->message);
      return NULL;
    }

  self = keel_csv_reader_new (name,
                              g_mapped_file_get_contents (mapped),
                              g_mapped_file_get_length (mapped),
                              error);
  if (self != NULL)
    self->mapped = g_steal_pointer (&mapped);
  return self;
}

void
keel_csv_reader_free (KeelCsvReader *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->mapped, g_mapped_file_unref);
  g_free (self->name);
  g_free (self->buf);
  g_free (self->fields);
  g_free (self->offsets);
  g_free (self);
}

static inline void
buf_append (KeelCsvReader *self,
            const char    *text,
            gsize          len)
{
  if (self->buf_len + len + 1 > self->buf_size)
    {
      while (self->buf_len + len + 1 > self->buf_size)
        self->buf_size *= 2;
      self->buf = g_realloc (self->buf, self->buf_size);
    }
  memcpy (self->buf + self->buf_len, text, len);
  self->buf_len += len;
}

static inline void
buf_end_field (KeelCsvReader *self,
               gsize          start,
               guint          line,
               gboolean       quoted)
{
  KeelCsvField *field;

  buf_append (self, "", 0);
  self->buf[self->buf_len++] = '\0';

  if (self->n_fields == self->fields_size)
    {
      self->fields_size *= 2;
      self->fields = g_renew (KeelCsvField, self->fields, self->fields_size);
      self->offsets = g_renew (gsize, self->offsets, self->fields_size);
    }
  field = &self->fields[self->n_fields];
  self->offsets[self->n_fields] = start;
  field->len = self->buf_len - 1 - start;
  field->line = line;
  field->column = self->n_fields + 1;
  field->quoted = quoted;
  self->n_fields++;
}

/* Counts the line breaks in [p, end) for a quoted field's text. */
static guint
count_breaks (const char *p,
              const char *end)
{
  guint n = 0;

  for (; p < end; p++)
    {
      if (*p == '\n')
        n++;
      else if (*p == '\r' && (p + 1 >= end || p[1] != '\n'))
        n++;
    }
  return n;
}

static gboolean
read_quoted (KeelCsvReader  *self,
             GError        **error)
{
  guint start_line = self->line;
  gsize start = self->buf_len;
  const char *p = self->pos + 1;  /* after the opening quote */

  for (;;)
    {
      const char *q = memchr (p, '"', self->end - p);

      if (q == NULL)
        {
          g_set_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_SYNTAX,
                       _("%s:%u:%u: a quoted field starts here and never ends (a “\"” is missing)"),
                       self->name, start_line, self->n_fields + 1);
          return FALSE;
        }
      buf_append (self, p, q - p);
      /* A break right before the quote would be miscounted if the quote ends a CR
       * chunk; count_breaks looks only inside [p, q), and a CR at q-1 followed by the
       * quote is a lone CR, which is right. */
      self->line += count_breaks (p, q);
      if (q + 1 < self->end && q[1] == '"')
        {
          buf_append (self, "\"", 1);
          p = q + 2;
          continue;
        }
      p = q + 1;
      break;
    }

  /* Spaces between the closing quote and the separator are harmless. */
  while (p < self->end && (*p == ' ' || (*p == '\t' && self->separator != '\t')))
    p++;
  if (p < self->end && *p != self->separator && *p != '\n' && *p != '\r')
    {
      g_set_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_SYNTAX,
                   _("%s:%u:%u: unexpected text after the closing quote of a field"),
                   self->name, self->line, self->n_fields + 1);
      return FALSE;
    }

  self->pos = p;
  buf_end_field (self, start, start_line, TRUE);
  return TRUE;
}

static inline void
read_plain (KeelCsvReader *self)
{
  const char *p = self->pos;
  const char sep = self->separator;
  gsize start = self->buf_len;

  while (p < self->end && *p != sep && *p != '\n' && *p != '\r')
    p++;
  buf_append (self, self->pos, p - self->pos);
  self->pos = p;
  buf_end_field (self, start, self->line, FALSE);
}

/**
 * keel_csv_reader_next:
 * @self: a reader
 * @error: return location for a #GError
 *
 * Moves to the next record that has some text in it.
 *
 * Returns: %TRUE on a record; %FALSE at the end (@error unset) or on a syntax error
 */
gboolean
keel_csv_reader_next (KeelCsvReader  *self,
                      GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  while (self->pos < self->end)
    {
      gboolean blank = TRUE;

      self->n_fields = 0;
      self->buf_len = 0;
      self->record_line = self->line;

      for (;;)
        {
          if (self->pos < self->end && *self->pos == '"')
            {
              if (!read_quoted (self, error))
                return FALSE;
            }
          else
            read_plain (self);

          if (self->pos < self->end && *self->pos == self->separator)
            {
              self->pos++;
              continue;
            }

          /* End of the record: one line break (CRLF, LF or CR) or the end. */
          if (self->pos < self->end)
            {
              if (*self->pos == '\r' && self->pos + 1 < self->end && self->pos[1] == '\n')
                self->pos += 2;
              else
                self->pos++;
              self->line++;
            }
          break;
        }

      for (guint i = 0; i < self->n_fields; i++)
        {
          KeelCsvField *field = &self->fields[i];

          field->text = self->buf + self->offsets[i];
          /* A row of nothing but separators and spaces is a blank line too. */
          for (gsize j = 0; blank && j < field->len; j++)
            if (field->text[j] != ' ' && field->text[j] != '\t')
              blank = FALSE;
        }
      if (!blank)
        return TRUE;
    }

  self->n_fields = 0;
  return FALSE;
}

guint
keel_csv_reader_get_n_fields (KeelCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_fields;
}

const KeelCsvField *
keel_csv_reader_get_field (KeelCsvReader *self,
                           guint          index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_fields, NULL);
  return &self->fields[index];
}

guint
keel_csv_reader_get_line (KeelCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->record_line;
}

char
keel_csv_reader_get_separator (KeelCsvReader *self)
{
  g_return_val_if_fail (self != NULL, ',');
  return self->separator;
}

const char *
keel_csv_reader_get_name (KeelCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

/* ------------------------------------------------------------------------ */
/* Cells */

/* A field's text without the spaces around it; not NUL-terminated at @len. */
typedef struct {
  const char *text;
  gsize       len;
} Cell;

static inline Cell
cell_of (const KeelCsvField *field)
{
  Cell c = { field->text, field->len };

  while (c.len > 0 && g_ascii_isspace (c.text[0]))
    {
      c.text++;
      c.len--;
    }
  while (c.len > 0 && g_ascii_isspace (c.text[c.len - 1]))
    c.len--;
  return c;
}

/* A copy of the cell, for messages; long cells are cut. */
static char *
cell_dup (Cell c)
{
  if (c.len > 60)
    {
      const char *cut = g_utf8_find_prev_char (c.text, c.text + 57);
      return g_strdup_printf ("%.*s…", (int) (cut - c.text), c.text);
    }
  return g_strndup (c.text, c.len);
}

static inline gboolean
digits (const char *p,
        guint       n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return TRUE;
}

static inline guint
number (const char *p,
        guint       n)
{
  guint v = 0;

  for (guint i = 0; i < n; i++)
    v = v * 10 + (guint) (p[i] - '0');
  return v;
}

static inline guint
days_in_month (guint year,
               guint month)
{
  static const guint days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
    return 29;
  return days[month - 1];
}

/* "YYYY-MM-DD" at @p (10 bytes), an existing date from year 1. */
static inline gboolean
ymd_valid (const char *p)
{
  guint year, month, day;

  if (!digits (p, 4) || p[4] != '-' || !digits (p + 5, 2) || p[7] != '-' ||
      !digits (p + 8, 2))
    return FALSE;
  year = number (p, 4);
  month = number (p + 5, 2);
  day = number (p + 8, 2);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month (year, month);
}

static gboolean
cell_date (Cell  c,
           char  out[11])
{
  if (c.len < 10 || !ymd_valid (c.text))
    return FALSE;
  /* A time of day may follow ("2026-10-02T09:30:00Z", "2026-10-02 09:30"). */
  if (c.len > 10 && c.text[10] != 'T' && c.text[10] != ' ')
    return FALSE;
  memcpy (out, c.text, 10);
  out[10] = '\0';
  return TRUE;
}

/**
 * keel_csv_parse_date:
 * @text: a cell's text
 * @out: 11 bytes for the "YYYY-MM-DD" part
 *
 * Returns: %TRUE if @text is a date, optionally followed by a time of day
 */
gboolean
keel_csv_parse_date (const char *text,
                     char        out[11])
{
  Cell c;

  g_return_val_if_fail (text != NULL, FALSE);
  c.text = text;
  c.len = strlen (text);
  while (c.len > 0 && g_ascii_isspace (c.text[0]))
    c.text++, c.len--;
  while (c.len > 0 && g_ascii_isspace (c.text[c.len - 1]))
    c.len--;
  return cell_date (c, out);
}

/* "YYYY-MM" (a month) or "YYYY-MM-DD". */
static gboolean
cell_period (Cell c)
{
  if (c.len == 10)
    return ymd_valid (c.text);
  if (c.len == 7 && digits (c.text, 4) && c.text[4] == '-' && digits (c.text + 5, 2))
    {
      guint month = number (c.text + 5, 2);
      return number (c.text, 4) >= 1 && month >= 1 && month <= 12;
    }
  return FALSE;
}

typedef struct {
  double   value;
  gboolean negative;
  gboolean percent;   /* ended with "%" */
  gboolean decimal;   /* had a decimal separator */
} Number;

/* A plain decimal number: optional sign, digits, optional decimal separator ("." or,
 * in files not separated by commas, ","), optional "%". No exponents, no thousands
 * separators: a cell "1,234" in a semicolon file is 1.234. */
static gboolean
cell_number (Cell      c,
             gboolean  decimal_comma,
             Number   *out)
{
  char buf[64];
  gsize n = 0, i = 0, n_digits = 0;
  char *end = NULL;

  memset (out, 0, sizeof *out);
  if (c.len == 0 || c.len >= sizeof buf)
    return FALSE;

  if (c.text[c.len - 1] == '%')
    {
      out->percent = TRUE;
      c.len--;
      while (c.len > 0 && c.text[c.len - 1] == ' ')
        c.len--;
    }

  if (i < c.len && (c.text[i] == '-' || c.text[i] == '+'))
    {
      out->negative = c.text[i] == '-';
      buf[n++] = c.text[i++];
    }
  for (; i < c.len && g_ascii_isdigit (c.text[i]); i++, n_digits++)
    buf[n++] = c.text[i];
  if (i < c.len && (c.text[i] == '.' || (decimal_comma && c.text[i] == ',')))
    {
      out->decimal = TRUE;
      buf[n++] = '.';
      for (i++; i < c.len && g_ascii_isdigit (c.text[i]); i++, n_digits++)
        buf[n++] = c.text[i];
    }
  if (i != c.len || n_digits == 0)
    return FALSE;
  buf[n] = '\0';

  out->value = g_ascii_strtod (buf, &end);
  if (out->percent)
    out->value /= 100.0;
  return isfinite (out->value);
}

/* A whole, non-negative count. Returns FALSE with @out_negative set for "-3". */
static gboolean
cell_count (Cell      c,
            gint64   *out,
            gboolean *out_negative)
{
  gint64 v = 0;
  gsize i = 0;

  *out_negative = FALSE;
  if (c.len > 0 && c.text[0] == '+')
    i = 1;
  else if (c.len > 1 && c.text[0] == '-' && g_ascii_isdigit (c.text[1]))
    {
      *out_negative = TRUE;
      return FALSE;
    }
  if (i == c.len || c.len - i > 15)
    return FALSE;
  for (; i < c.len; i++)
    {
      if (!g_ascii_isdigit (c.text[i]))
        return FALSE;
      v = v * 10 + (c.text[i] - '0');
    }
  *out = v;
  return TRUE;
}

/* Answers: a key made of the lowercase ASCII letters and digits of the text, with any
 * part in parentheses dropped ("Not disappointed (it isn't really that useful)"). */
static gboolean
answer_from_key (const char *key,
                 KeelAnswer *out)
{
  if (strcmp (key, "verydisappointed") == 0)
    *out = KEEL_ANSWER_VERY_DISAPPOINTED;
  else if (strcmp (key, "somewhatdisappointed") == 0)
    *out = KEEL_ANSWER_SOMEWHAT_DISAPPOINTED;
  else if (strcmp (key, "notdisappointed") == 0)
    *out = KEEL_ANSWER_NOT_DISAPPOINTED;
  else
    {
      /* "N/A", "N/A - I no longer use it", "N/A — I no longer use the product",
       * "I no longer use it", "no_longer_use", "Not applicable". */
      const char *rest = key;

      if (strcmp (key, "notapplicable") == 0)
        rest = "";
      else if (g_str_has_prefix (key, "na"))
        rest = key + 2;
      else if (*key == '\0')
        return FALSE;

      if (*rest == '\0' ||
          g_str_has_prefix (rest, "inolongeruse") ||
          g_str_has_prefix (rest, "nolongeruse") ||
          g_str_has_prefix (rest, "idontuse") ||
          g_str_has_prefix (rest, "idonotuse"))
        *out = KEEL_ANSWER_NO_LONGER_USE;
      else
        return FALSE;
    }
  return TRUE;
}

static gboolean
answer_from_cell (Cell        c,
                  KeelAnswer *out)
{
  /* The spellings of survey tools, first, without building a key: a million rows of
   * them are the common case. */
  static const struct { const char *text; gsize len; KeelAnswer answer; } exact[] = {
    { "Very disappointed", 17, KEEL_ANSWER_VERY_DISAPPOINTED },
    { "Somewhat disappointed", 21, KEEL_ANSWER_SOMEWHAT_DISAPPOINTED },
    { "Not disappointed", 16, KEEL_ANSWER_NOT_DISAPPOINTED },
    { "N/A - I no longer use it", 24, KEEL_ANSWER_NO_LONGER_USE },
  };
  char key[64];
  gsize n = 0;
  int depth = 0;

  for (guint i = 0; i < G_N_ELEMENTS (exact); i++)
    if (c.len == exact[i].len && memcmp (c.text, exact[i].text, c.len) == 0)
      {
        *out = exact[i].answer;
        return TRUE;
      }

  for (gsize i = 0; i < c.len; i++)
    {
      char ch = c.text[i];

      if (ch == '(')
        depth++;
      else if (ch == ')')
        depth = MAX (depth - 1, 0);
      else if (depth == 0 && g_ascii_isalnum (ch))
        {
          if (n + 1 >= sizeof key)
            return FALSE;
          key[n++] = ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
        }
    }
  key[n] = '\0';
  return answer_from_key (key, out);
}

/**
 * keel_csv_parse_answer:
 * @text: an answer as written in a survey export
 * @out_answer: (out): the answer
 *
 * Returns: %TRUE if @text is one of the four answers
 */
gboolean
keel_csv_parse_answer (const char *text,
                       KeelAnswer *out_answer)
{
  Cell c;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_answer != NULL, FALSE);
  c.text = text;
  c.len = strlen (text);
  return answer_from_cell (c, out_answer);
}

/* ------------------------------------------------------------------------ */
/* Headers */

/* Lowercase ASCII, "_", "-", "." and runs of spaces as one space, trimmed. */
static char *
header_key (const KeelCsvField *field)
{
  GString *s = g_string_sized_new (field->len);
  gboolean space = FALSE;

  for (gsize i = 0; i < field->len; i++)
    {
      char ch = field->text[i];

      if (ch == '_' || ch == '-' || ch == '.' || g_ascii_isspace (ch))
        space = TRUE;
      else
        {
          if (space && s->len > 0)
            g_string_append_c (s, ' ');
          space = FALSE;
          g_string_append_c (s, g_ascii_tolower (ch));
        }
    }
  return g_string_free (s, FALSE);
}

static gboolean
key_in (const char         *key,
        const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (key, names[i]) == 0)
      return TRUE;
  return FALSE;
}

typedef struct {
  const char * const *names;
  const char         *prefix;     /* also any header starting with this, or NULL */
  const char         *what;       /* what the column holds, for messages */
  gboolean            required;
  int                 column;     /* 0-based, -1 when absent */
} Role;

static void
set_error_at (GError     **error,
              KeelCsvError code,
              const char  *name,
              guint        line,
              guint        column,
              const char  *message)
{
  g_set_error (error, KEEL_CSV_ERROR, code, "%s:%u:%u: %s", name, line, column, message);
}

/* Matches the header's fields to @roles. Fields that match no role are returned in
 * @out_rest (indexes), for the retention periods; when @out_rest is NULL they are an
 * error naming the accepted columns, @expected. A first line that @looks_like_data
 * (the file has no header) is the error @no_header. */
static gboolean
match_header (KeelCsvReader  *reader,
              gboolean        looks_like_data,
              const char     *no_header,
              Role           *roles,
              guint           n_roles,
              const char     *expected,
              GArray         *out_rest,
              GPtrArray      *out_keys,
              GError        **error)
{
  guint n = keel_csv_reader_get_n_fields (reader);
  const char *name = keel_csv_reader_get_name (reader);

  if (looks_like_data)
    {
      set_error_at (error, KEEL_CSV_ERROR_HEADER, name, keel_csv_reader_get_line (reader), 1,
                    no_header);
      return FALSE;
    }

  for (guint r = 0; r < n_roles; r++)
    roles[r].column = -1;

  for (guint i = 0; i < n; i++)
    {
      const KeelCsvField *field = keel_csv_reader_get_field (reader, i);
      char *key = header_key (field);
      gboolean matched = FALSE;

      g_ptr_array_add (out_keys, key);

      for (guint r = 0; r < n_roles && !matched; r++)
        {
          if (!key_in (key, roles[r].names) &&
              !(roles[r].prefix != NULL && g_str_has_prefix (key, roles[r].prefix)))
            continue;
          if (roles[r].column >= 0)
            {
              g_autofree char *msg =
                g_strdup_printf (_("columns %d and %u both look like the %s; keep one or rename it"),
                                 roles[r].column + 1, i + 1, g_dpgettext2 (NULL, "CSV column", roles[r].what));
              set_error_at (error, KEEL_CSV_ERROR_HEADER, name, field->line, i + 1, msg);
              return FALSE;
            }
          roles[r].column = i;
          matched = TRUE;
        }

      if (matched)
        continue;
      if (*key == '\0')
        continue;  /* checked per row: such a column must stay empty */
      if (out_rest != NULL)
        g_array_append_val (out_rest, i);
      else
        {
          g_autofree char *shown = cell_dup (cell_of (field));
          g_autofree char *msg =
            g_strdup_printf (_("unknown column “%s”; the columns are %s"), shown, expected);
          set_error_at (error, KEEL_CSV_ERROR_HEADER, name, field->line, i + 1, msg);
          return FALSE;
        }
    }

  for (guint r = 0; r < n_roles; r++)
    if (roles[r].required && roles[r].column < 0)
      {
        g_autofree char *msg =
          g_strdup_printf (_("the header has no column for the %s; the columns are %s"),
                           g_dpgettext2 (NULL, "CSV column", roles[r].what), expected);
        set_error_at (error, KEEL_CSV_ERROR_HEADER, name, keel_csv_reader_get_line (reader),
                      1, msg);
        return FALSE;
      }
  return TRUE;
}

/* A row's cells in columns that have no header must be empty, and a row may not be
 * longer than the header (a stray separator or quote usually). */
static gboolean
check_extra_cells (KeelCsvReader  *reader,
                   GPtrArray      *keys,
                   GError        **error)
{
  guint n = keel_csv_reader_get_n_fields (reader);

  for (guint i = 0; i < n; i++)
    {
      const KeelCsvField *field = keel_csv_reader_get_field (reader, i);
      gboolean unnamed = i >= keys->len || *(const char *) g_ptr_array_index (keys, i) == '\0';
      Cell c;

      if (!unnamed)
        continue;
      c = cell_of (field);
      if (c.len > 0)
        {
          g_autofree char *shown = cell_dup (c);
          g_autofree char *msg =
            i >= keys->len
              ? g_strdup_printf (_("“%s” is beyond the last column of the header (%u columns)"),
                                 shown, keys->len)
              : g_strdup_printf (_("“%s” is in a column that has no name in the header"),
                                 shown);
          set_error_at (error, KEEL_CSV_ERROR_VALUE, keel_csv_reader_get_name (reader),
                        field->line, field->column, msg);
          return FALSE;
        }
    }
  return TRUE;
}

static inline Cell
row_cell (KeelCsvReader *reader,
          int            column)
{
  Cell empty = { "", 0 };

  if (column < 0 || (guint) column >= keel_csv_reader_get_n_fields (reader))
    return empty;
  return cell_of (keel_csv_reader_get_field (reader, column));
}

/* @c copied into @s, NUL-terminated; NULL when the cell is empty. */
static const char *
cell_string (GString *s,
             Cell     c)
{
  g_string_truncate (s, 0);
  g_string_append_len (s, c.text, c.len);
  return c.len > 0 ? s->str : NULL;
}

/* keel_csv_reader_next() for the importers' loops: TRUE on a record; FALSE at the end
 * of the file, or on a syntax error, then with @error set and *@out_failed TRUE. */
static gboolean
next_record (KeelCsvReader  *reader,
             gboolean       *out_failed,
             GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  if (keel_csv_reader_next (reader, &local_error))
    return TRUE;
  *out_failed = local_error != NULL;
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Where an error about @column of the current row points. */
static void
row_position (KeelCsvReader *reader,
              int            column,
              guint         *out_line,
              guint         *out_column)
{
  if (column >= 0 && (guint) column < keel_csv_reader_get_n_fields (reader))
    *out_line = keel_csv_reader_get_field (reader, column)->line;
  else
    *out_line = keel_csv_reader_get_line (reader);
  *out_column = column + 1;
}

static void
cell_error (KeelCsvReader  *reader,
            int             column,
            GError        **error,
            const char     *message)
{
  guint line, col;

  row_position (reader, column, &line, &col);
  set_error_at (error, KEEL_CSV_ERROR_VALUE, keel_csv_reader_get_name (reader), line, col,
                message);
}

/* The error for a cell that is empty (@missing) or holds what it must not (@format,
 * whose one %s is the cell's text). Returns FALSE, for the caller to return. */
static gboolean
bad_cell (KeelCsvReader  *reader,
          int             column,
          Cell            c,
          const char     *missing,
          const char     *format,
          GError        **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *msg = NULL;

  if (c.len == 0)
    {
      cell_error (reader, column, error, missing);
      return FALSE;
    }

  shown = cell_dup (c);
  /* @format is one of the translated messages of the callers, each with one %s. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  msg = g_strdup_printf (format, shown);
#pragma GCC diagnostic pop
  cell_error (reader, column, error, msg);
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Survey */

static const char * const answer_names[] = {
  "answer", "answers", "response", "pmf", "pmf answer", "sean ellis", "disappointment",
  "very disappointed", NULL,
};
static const char * const date_names[] = {
  "date", "answer date", "response date", "answered", "answered at", "submitted",
  "submitted at", "submit date", "timestamp", "created", "created at", "time", NULL,
};
static const char * const segment_names[] = {
  "segment", "persona", "group", "role", "user type", "plan", NULL,
};
static const char * const respondent_names[] = {
  "respondent", "respondent id", "user", "user id", "email", "id", "customer",
  "customer id", NULL,
};

static gboolean
import_survey (KeelCsvReader  *reader,
               KeelImport     *import,
               GError        **error)
{
  Role roles[] = {
    { answer_names, "how would you feel", NC_("CSV column", "answer"), TRUE, -1 },
    { date_names, NULL, NC_("CSV column", "answer’s date"), FALSE, -1 },
    { segment_names, NULL, NC_("CSV column", "segment"), FALSE, -1 },
    { respondent_names, NULL, NC_("CSV column", "respondent"), FALSE, -1 },
  };
  const char *expected = "answer, date, segment, respondent";
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  const char *name = keel_csv_reader_get_name (reader);
  g_autoptr(GString) segment = g_string_new (NULL);
  g_autoptr(GString) respondent = g_string_new (NULL);
  gboolean failed = FALSE;
  KeelAnswer first;

  /* A file without a header starts with an answer: say so rather than "unknown
   * column “Very disappointed”". */
  if (!match_header (reader, answer_from_cell (row_cell (reader, 0), &first),
                     _("the first line must be a header naming the columns (answer, date, segment, respondent)"),
                     roles, G_N_ELEMENTS (roles), expected, NULL, keys, error))
    return FALSE;

  while (next_record (reader, &failed, error))
    {
      KeelAnswer answer;
      char date[11];
      Cell c;

      if (!check_extra_cells (reader, keys, error))
        return FALSE;

      c = row_cell (reader, roles[0].column);
      if (!answer_from_cell (c, &answer))
        return bad_cell (reader, roles[0].column, c,
                         _("the answer is missing; expected Very disappointed, Somewhat disappointed, Not disappointed or N/A - I no longer use it"),
                         _("“%s” is not a known answer (Very disappointed, Somewhat disappointed, Not disappointed, N/A - I no longer use it)"),
                         error);

      c = row_cell (reader, roles[1].column);
      if (c.len > 0 && !cell_date (c, date))
        {
          g_autofree char *shown = cell_dup (c);
          g_autofree char *msg =
            g_strdup_printf (_("“%s” is not a date; expected YYYY-MM-DD"), shown);
          cell_error (reader, roles[1].column, error, msg);
          return FALSE;
        }

      if (!keel_import_add_survey (import, answer,
                                   row_cell (reader, roles[1].column).len > 0 ? date : NULL,
                                   cell_string (segment, row_cell (reader, roles[2].column)),
                                   cell_string (respondent, row_cell (reader, roles[3].column)),
                                   error))
        {
          g_prefix_error (error, "%s:%u: ", name, keel_csv_reader_get_line (reader));
          return FALSE;
        }
    }
  return !failed;
}

/* ------------------------------------------------------------------------ */
/* Acquisition */

static const char * const period_names[] = {
  "period", "period start", "month", "week", "date", "start", "start date", NULL,
};
static const char * const channel_names[] = {
  "channel", "acquisition channel", "source", "utm source", "medium", NULL,
};
static const char * const new_users_names[] = {
  "new users", "newusers", "users", "signups", "sign ups", "new signups", "new customers",
  "customers", "count", "acquisitions", "installs", NULL,
};

static gboolean
import_acquisition (KeelCsvReader  *reader,
                    KeelImport     *import,
                    GError        **error)
{
  Role roles[] = {
    { period_names, NULL, NC_("CSV column", "period"), TRUE, -1 },
    { channel_names, NULL, NC_("CSV column", "channel"), TRUE, -1 },
    { new_users_names, NULL, NC_("CSV column", "number of new users"), TRUE, -1 },
  };
  const char *expected = "period, channel, new_users";
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  const char *name = keel_csv_reader_get_name (reader);
  g_autoptr(GString) period = g_string_new (NULL);
  g_autoptr(GString) channel = g_string_new (NULL);
  gboolean failed = FALSE;

  if (!match_header (reader, cell_period (row_cell (reader, 0)),
                     _("the first line must be a header naming the columns (period, channel, new_users)"),
                     roles, G_N_ELEMENTS (roles), expected, NULL, keys, error))
    return FALSE;

  while (next_record (reader, &failed, error))
    {
      gboolean negative;
      gint64 new_users = 0;
      Cell c;

      if (!check_extra_cells (reader, keys, error))
        return FALSE;

      c = row_cell (reader, roles[0].column);
      if (!cell_period (c))
        return bad_cell (reader, roles[0].column, c,
                         _("the period is missing; expected a month YYYY-MM or a start date YYYY-MM-DD"),
                         _("“%s” is not a period; expected a month YYYY-MM or a start date YYYY-MM-DD"),
                         error);
      cell_string (period, c);

      c = row_cell (reader, roles[1].column);
      if (c.len == 0)
        {
          cell_error (reader, roles[1].column, error,
                      _("the channel is missing; expected its name (organic, paid, referral…)"));
          return FALSE;
        }
      cell_string (channel, c);

      c = row_cell (reader, roles[2].column);
      if (!cell_count (c, &new_users, &negative))
        return bad_cell (reader, roles[2].column, c,
                         _("the number of new users is missing; expected a whole number"),
                         negative
                         ? _("%s new users is negative; expected a whole number of at least 0")
                         : _("“%s” is not a number of new users; expected a whole number"),
                         error);

      if (!keel_import_add_acquisition (import, period->str, channel->str, new_users, error))
        {
          g_prefix_error (error, "%s:%u: ", name, keel_csv_reader_get_line (reader));
          return FALSE;
        }
    }
  return !failed;
}

/* ------------------------------------------------------------------------ */
/* Retention */

static const char * const cohort_names[] = {
  "cohort", "cohort start", "cohort date", "cohort week", "cohort month", "start",
  "start date", "date", "week", "month", NULL,
};
static const char * const size_names[] = {
  "size", "cohort size", "users", "new users", "total", "total users", "people",
  "customers", "signups", "count", NULL,
};

typedef enum {
  UNIT_NONE,
  UNIT_WEEK,
  UNIT_MONTH,
} PeriodUnit;

/* "period 3", "period3", "week 3", "w3", "month 3", "m3", "p3", "3". */
static gboolean
parse_period_header (const char *key,
                     guint      *out_index,
                     PeriodUnit *out_unit)
{
  static const struct { const char *word; PeriodUnit unit; } words[] = {
    { "period", UNIT_NONE }, { "week", UNIT_WEEK }, { "wk", UNIT_WEEK },
    { "month", UNIT_MONTH }, { "p", UNIT_NONE }, { "w", UNIT_WEEK }, { "m", UNIT_MONTH },
  };
  const char *p = key;
  guint64 v = 0;

  *out_unit = UNIT_NONE;
  if (!g_ascii_isdigit (*p))
    {
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (words) && !found; i++)
        {
          gsize n = strlen (words[i].word);

          if (strncmp (p, words[i].word, n) == 0 &&
              (p[n] == ' ' || g_ascii_isdigit (p[n])))
            {
              p += n;
              if (*p == ' ')
                p++;
              *out_unit = words[i].unit;
              found = TRUE;
            }
        }
      if (!found)
        return FALSE;
    }
  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      v = v * 10 + (guint64) (*p - '0');
      if (v > 100000)
        return FALSE;
    }
  if (*p != '\0')
    return FALSE;
  *out_index = (guint) v;
  return TRUE;
}

typedef struct {
  guint  line;
  char  *cohort;
} SeenCohort;

static gboolean
import_retention (KeelCsvReader               *reader,
                  KeelCsvReader               *prepass,
                  KeelImport                  *import,
                  const KeelCsvImportOptions  *options,
                  GError                     **error)
{
  Role roles[] = {
    { cohort_names, NULL, NC_("CSV column", "cohort’s start date"), TRUE, -1 },
    { size_names, NULL, NC_("CSV column", "cohort’s size"), TRUE, -1 },
  };
  const char *expected = "cohort, size, period_0, period_1, …";
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) rest = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) period_columns = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) retained = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gboolean failed = FALSE;
  const char *name = keel_csv_reader_get_name (reader);
  gboolean decimal_comma = keel_csv_reader_get_separator (reader) != ',';
  PeriodUnit file_unit = UNIT_NONE;
  KeelRetentionPeriod period;
  gboolean fractions = FALSE;
  char date[11];

  if (!match_header (reader, cell_date (row_cell (reader, 0), date),
                     _("the first line must be a header naming the columns (cohort, size, period_0, period_1, …)"),
                     roles, G_N_ELEMENTS (roles), expected, rest, keys, error))
    return FALSE;

  /* Every other named column is a period, in order from period 0. */
  for (guint i = 0; i < rest->len; i++)
    {
      guint column = g_array_index (rest, guint, i);
      const KeelCsvField *field = keel_csv_reader_get_field (reader, column);
      const char *key = g_ptr_array_index (keys, column);
      PeriodUnit unit;
      guint index;
      int col = (int) column;

      if (!parse_period_header (key, &index, &unit))
        {
          g_autofree char *shown = cell_dup (cell_of (field));
          g_autofree char *msg =
            g_strdup_printf (_("unknown column “%s”; the columns are %s"), shown, expected);
          set_error_at (error, KEEL_CSV_ERROR_HEADER, name, field->line, column + 1, msg);
          return FALSE;
        }
      if (index != period_columns->len)
        {
          g_autofree char *shown = cell_dup (cell_of (field));
          g_autofree char *msg =
            g_strdup_printf (_("“%s” should be period %u: the periods go in order from period 0"),
                             shown, period_columns->len);
          set_error_at (error, KEEL_CSV_ERROR_HEADER, name, field->line, column + 1, msg);
          return FALSE;
        }
      if (unit != UNIT_NONE)
        {
          if (file_unit != UNIT_NONE && unit != file_unit)
            {
              set_error_at (error, KEEL_CSV_ERROR_HEADER, name, field->line, column + 1,
                            _("the header mixes weeks and months; use one kind of period"));
              return FALSE;
            }
          file_unit = unit;
        }
      g_array_append_val (period_columns, col);
    }

  if (period_columns->len == 0)
    {
      g_autofree char *msg =
        g_strdup_printf (_("the header has no period columns; the columns are %s"), expected);
      set_error_at (error, KEEL_CSV_ERROR_HEADER, name, keel_csv_reader_get_line (reader), 1, msg);
      return FALSE;
    }

  /* The period: --period, else what the header says, else weeks. Both given and
   * different is a mistake worth stopping for. */
  if (options->has_period)
    {
      period = options->period;
      if ((file_unit == UNIT_WEEK && period != KEEL_RETENTION_PERIOD_WEEK) ||
          (file_unit == UNIT_MONTH && period != KEEL_RETENTION_PERIOD_MONTH))
        {
          set_error_at (error, KEEL_CSV_ERROR_HEADER, name, keel_csv_reader_get_line (reader),
                        (guint) g_array_index (period_columns, int, 0) + 1,
                        file_unit == UNIT_WEEK
                          ? _("the header counts weeks but the import was asked for months")
                          : _("the header counts months but the import was asked for weeks"));
          return FALSE;
        }
    }
  else
    period = file_unit == UNIT_MONTH ? KEEL_RETENTION_PERIOD_MONTH : KEEL_RETENTION_PERIOD_WEEK;
  keel_import_set_retention_period (import, period);

  /* A first pass over the cells decides whether the file holds counts or fractions:
   * one "%" or one decimal number anywhere makes every period cell a fraction of its
   * cohort's size ("1" then means everyone). The files are small. */
  if (!keel_csv_reader_next (prepass, error))  /* the header */
    return FALSE;
  while (!fractions && next_record (prepass, &failed, error))
    {
      for (guint i = 0; i < period_columns->len && !fractions; i++)
        {
          Number num;

          if (cell_number (row_cell (prepass, g_array_index (period_columns, int, i)),
                           decimal_comma, &num) &&
              (num.percent || num.decimal))
            fractions = TRUE;
        }
    }
  if (failed)
    return FALSE;

  while (next_record (reader, &failed, error))
    {
      gboolean negative;
      gint64 size = 0;
      int gap = -1;
      SeenCohort *previous;
      Cell c;

      if (!check_extra_cells (reader, keys, error))
        return FALSE;

      c = row_cell (reader, roles[0].column);
      if (!cell_date (c, date))
        {
          /* A month "2026-08" is its first day. */
          if (c.len == 7 && cell_period (c))
            {
              memcpy (date, c.text, 7);
              memcpy (date + 7, "-01", 4);
            }
          else
            return bad_cell (reader, roles[0].column, c,
                             _("the cohort’s start date is missing; expected YYYY-MM-DD"),
                             _("“%s” is not a date; expected the cohort’s start as YYYY-MM-DD"),
                             error);
        }
      previous = g_hash_table_lookup (seen, date);
      if (previous != NULL)
        {
          g_autofree char *msg =
            g_strdup_printf (_("cohort %s is already on line %u; one row per cohort"),
                             date, previous->line);
          cell_error (reader, roles[0].column, error, msg);
          return FALSE;
        }
      previous = g_new0 (SeenCohort, 1);
      previous->line = keel_csv_reader_get_line (reader);
      g_hash_table_insert (seen, g_strdup (date), previous);

      c = row_cell (reader, roles[1].column);
      if (!cell_count (c, &size, &negative) || size < 1)
        return bad_cell (reader, roles[1].column, c,
                         _("the cohort’s size is missing; expected a whole number of users"),
                         _("“%s” is not a cohort size; expected a whole number of users, at least 1"),
                         error);

      g_array_set_size (retained, 0);
      for (guint p = 0; p < period_columns->len; p++)
        {
          int column = g_array_index (period_columns, int, p);
          Number num;
          gint64 count;

          c = row_cell (reader, column);
          if (c.len == 0)
            {
              if (gap < 0)
                gap = (int) p;
              continue;
            }
          if (gap >= 0)
            {
              g_autofree char *msg =
                g_strdup_printf (_("period %u has a value but period %d before it is empty; only the last periods of a cohort may be empty"),
                                 p, gap);
              cell_error (reader, column, error, msg);
              return FALSE;
            }
          if (!cell_number (c, decimal_comma, &num))
            {
              g_autofree char *shown = cell_dup (c);
              g_autofree char *msg =
                g_strdup_printf (_("“%s” is not a number; expected the users retained in period %u as a count, a fraction or a percentage"),
                                 shown, p);
              cell_error (reader, column, error, msg);
              return FALSE;
            }
          if (num.negative && num.value != 0)
            {
              g_autofree char *shown = cell_dup (c);
              g_autofree char *msg =
                g_strdup_printf (_("%s is negative; retained users cannot be negative"), shown);
              cell_error (reader, column, error, msg);
              return FALSE;
            }
          if (fractions)
            {
              if (num.value > 1.0 + 1e-9)
                {
                  g_autofree char *shown = cell_dup (c);
                  g_autofree char *msg =
                    g_strdup_printf (_("“%s” is more than the whole cohort; this file gives fractions or percentages, so each period is a share of the cohort’s size"),
                                     shown);
                  cell_error (reader, column, error, msg);
                  return FALSE;
                }
              count = (gint64) round (num.value * (double) size);
            }
          else
            {
              if (num.value > (double) size)
                {
                  g_autofree char *shown = cell_dup (c);
                  g_autofree char *msg =
                    g_strdup_printf (_("%s retained in period %u is more than the cohort’s %" PRId64 " users"),
                                     shown, p, size);
                  cell_error (reader, column, error, msg);
                  return FALSE;
                }
              count = (gint64) num.value;
            }
          g_array_append_val (retained, count);
        }

      if (retained->len == 0)
        {
          cell_error (reader, g_array_index (period_columns, int, 0), error,
                      _("period 0 is empty; expected the users retained in period 0"));
          return FALSE;
        }

      if (!keel_import_add_cohort (import, date, size, (const gint64 *) (gpointer) retained->data,
                                   retained->len, error))
        {
          g_prefix_error (error, "%s:%u: ", name, keel_csv_reader_get_line (reader));
          return FALSE;
        }
    }
  return !failed;
}

/* ------------------------------------------------------------------------ */
/* Public API */

static gboolean
import_with_reader (KeelProject                 *project,
                    KeelDataset                  dataset,
                    KeelCsvReader               *reader,
                    const char                  *data,
                    gsize                        len,
                    const KeelCsvImportOptions  *options,
                    guint64                     *out_rows,
                    GError                     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *source = g_path_get_basename (keel_csv_reader_get_name (reader));
  const char *name = keel_csv_reader_get_name (reader);
  KeelCsvImportOptions defaults = { FALSE, FALSE, KEEL_RETENTION_PERIOD_WEEK };
  KeelImport *import;
  gboolean ok;
  guint64 n_rows;

  if (options == NULL)
    options = &defaults;

  if (!keel_csv_reader_next (reader, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_EMPTY,
                     _("%s is empty; expected a header line and rows"), name);
      return FALSE;
    }

  import = keel_project_begin_import (project, dataset, options->append, source, error);
  if (import == NULL)
    return FALSE;

  switch (dataset)
    {
    case KEEL_DATASET_SURVEY:
      ok = import_survey (reader, import, error);
      break;
    case KEEL_DATASET_ACQUISITION:
      ok = import_acquisition (reader, import, error);
      break;
    case KEEL_DATASET_RETENTION:
      {
        g_autoptr(KeelCsvReader) prepass = reader_new_unchecked (name, data, len);
        ok = import_retention (reader, prepass, import, options, error);
      }
      break;
    case KEEL_N_DATASETS:
    default:
      g_assert_not_reached ();
    }

  n_rows = keel_import_get_n_rows (import);
  if (ok && n_rows == 0)
    {
      g_set_error (error, KEEL_CSV_ERROR, KEEL_CSV_ERROR_EMPTY,
                   _("%s has a header but no rows"), name);
      ok = FALSE;
    }

  if (!ok)
    {
      keel_project_abort_import (project, import);
      return FALSE;
    }

  if (!keel_project_commit_import (project, import, error))
    return FALSE;

  if (out_rows != NULL)
    *out_rows = n_rows;
  return TRUE;
}

/**
 * keel_csv_import_data:
 * @project: a project
 * @dataset: which dataset the CSV holds
 * @name: the file's name, for errors and the undo label
 * @data: (array length=len): the CSV text
 * @len: its length in bytes
 * @options: (nullable): append, retention period
 * @out_rows: (out) (optional): the number of rows imported
 * @error: return location for a #GError
 *
 * Imports a dataset as one undoable step; on error nothing is imported.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_csv_import_data (KeelProject                 *project,
                      KeelDataset                  dataset,
                      const char                  *name,
                      const char                  *data,
                      gsize                        len,
                      const KeelCsvImportOptions  *options,
                      guint64                     *out_rows,
                      GError                     **error)
{
  g_autoptr(KeelCsvReader) reader = NULL;

  g_return_val_if_fail (KEEL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (dataset < KEEL_N_DATASETS, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  reader = keel_csv_reader_new (name, data, len, error);
  if (reader == NULL)
    return FALSE;
  return import_with_reader (project, dataset, reader, data != NULL ? data : "", len,
                             options, out_rows, error);
}

/**
 * keel_csv_import_file:
 * @project: a project
 * @dataset: which dataset the CSV holds
 * @file: the CSV file
 * @name: (nullable): how errors name the file; %NULL for its basename
 * @options: (nullable): append, retention period
 * @out_rows: (out) (optional): the number of rows imported
 * @error: return location for a #GError
 *
 * Imports a dataset from a memory-mapped file as one undoable step; on error nothing
 * is imported.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_csv_import_file (KeelProject                 *project,
                      KeelDataset                  dataset,
                      GFile                       *file,
                      const char                  *name,
                      const KeelCsvImportOptions  *options,
                      guint64                     *out_rows,
                      GError                     **error)
{
  g_autoptr(KeelCsvReader) reader = NULL;
  const char *data;
  gsize len;

  g_return_val_if_fail (KEEL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (dataset < KEEL_N_DATASETS, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  reader = keel_csv_reader_new_for_file (file, name, error);
  if (reader == NULL)
    return FALSE;
  data = g_mapped_file_get_contents (reader->mapped);
  len = g_mapped_file_get_length (reader->mapped);
  if (data == NULL)
    data = "";
  return import_with_reader (project, dataset, reader, data, len, options, out_rows, error);
}
