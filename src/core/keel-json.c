/* keel-json.c: the JSON interchange format (PRODUCT.md, "Interchange";
 * doc/file-format.md).
 *
 * Import runs in three stages. A strict scanner reads the raw text first, because
 * json-glib 1.6 is lenient (it accepts comments, hexadecimal and leading-zero numbers,
 * single quotes and text after the document, keeps the last of duplicate keys, reads
 * 1e400 as infinity and recurses without a limit). Only text the scanner accepted is
 * handed to json-glib to build the tree. A typed walk then reads the tree into entities
 * and rows, checking every key, type, enumeration, date, id and link and naming the
 * JSON path of the first error; only when all of it is valid is the project edited, in
 * one group, so that a refused file changes nothing.
 *
 * Export writes the text with a GString directly: json-glib's generator prints 0.4 as
 * 0.40000000000000002 and orders keys by its hash table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-json"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "keel-json.h"
#include "keel-db.h"

G_DEFINE_QUARK (keel-json-error-quark, keel_json_error)

/* 2^53: the largest magnitude below which every integer is exact in a double. */
#define MAX_SAFE_INTEGER G_GUINT64_CONSTANT (9007199254740992)

/* ------------------------------------------------------------------------ */
/* Writing                                                                  */
/* ------------------------------------------------------------------------ */

/**
 * keel_json_append_string:
 * @out: the text being written
 * @str: (nullable): a UTF-8 string, or %NULL for `null`
 *
 * Appends @str as a JSON string: quoted, with `"`, `\` and control characters escaped
 * (RFC 8259); other characters are written as UTF-8. Invalid UTF-8 (possible only in a
 * damaged project file) is replaced by U+FFFD so that the output is always valid JSON.
 */
void
keel_json_append_string (GString    *out,
                         const char *str)
{
  g_autofree char *valid = NULL;
  const char *p;
  const char *run;

  g_return_if_fail (out != NULL);

  if (str == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  if (!g_utf8_validate (str, -1, NULL))
    str = valid = g_utf8_make_valid (str, -1);

  g_string_append_c (out, '"');
  run = str;
  for (p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *escape = NULL;
      char buf[8];

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        default:
          g_snprintf (buf, sizeof buf, "\\u%04x", c);
          escape = buf;
          break;
        }

      g_string_append_len (out, run, p - run);
      g_string_append (out, escape);
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

/* Tidies the exponent that printf writes ("1e-07", "1e+20") into "1e-7", "1e+20". */
static void
tidy_exponent (char *buf)
{
  char *e = strchr (buf, 'e');
  char *digits;
  char *q;

  if (e == NULL)
    return;

  digits = e + 1;
  if (*digits == '+' || *digits == '-')
    digits++;
  for (q = digits; *q == '0' && q[1] != '\0'; q++)
    ;
  if (q != digits)
    memmove (digits, q, strlen (q) + 1);
}

/* Removes the zeros that "%.*e" leaves at the end of the mantissa ("1.500e+20"). */
static void
strip_mantissa_zeros (char *buf)
{
  char *e = strchr (buf, 'e');
  char *dot = strchr (buf, '.');
  char *end;

  if (e == NULL || dot == NULL || dot > e)
    return;

  end = e;
  while (end > dot + 1 && end[-1] == '0')
    end--;
  if (end == dot + 1)
    end = dot;
  memmove (end, e, strlen (e) + 1);
}

static gboolean
reads_back (const char *buf,
            double      value)
{
  return g_ascii_strtod (buf, NULL) == value;
}

/* Formats @value in the shortest of "%.15g", "%.16g", "%.17g" that reads back to the
 * same double. Integers are written without a fraction ("5", not "5.0"); an integral
 * magnitude beyond 2^53 is written with an exponent, since the importer refuses integer
 * tokens that large. Negative zero is written "0" (it compares equal, and json-glib
 * reads "-0" as the integer 0 anyway). Not-a-number and infinities have no JSON form:
 * they are written as null, and the model never holds them. */
static void
format_number (char   *buf,
               gsize   size,
               double  value)
{
  static const char * const formats_g[] = { "%.15g", "%.16g", "%.17g" };
  static const char * const formats_e[] = { "%.14e", "%.15e", "%.16e" };

  if (!isfinite (value))
    {
      g_strlcpy (buf, "null", size);
      return;
    }

  if (value == 0)
    {
      g_strlcpy (buf, "0", size);
      return;
    }

  if (value == floor (value) && fabs (value) < 1e15)
    {
      g_snprintf (buf, size, "%" G_GINT64_FORMAT, (gint64) value);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats_g); i++)
    {
      g_ascii_formatd (buf, size, formats_g[i], value);
      if (reads_back (buf, value))
        break;
    }

  if (strpbrk (buf, ".e") == NULL && fabs (value) > (double) MAX_SAFE_INTEGER)
    {
      for (guint i = 0; i < G_N_ELEMENTS (formats_e); i++)
        {
          g_ascii_formatd (buf, size, formats_e[i], value);
          strip_mantissa_zeros (buf);
          if (reads_back (buf, value))
            break;
        }
    }

  tidy_exponent (buf);
}

/**
 * keel_json_append_number:
 * @out: the text being written
 * @value: a finite number
 *
 * Appends @value in the shortest form that reads back to the same double: `0.4`, not
 * `0.40000000000000002`; integers without a fraction.
 */
void
keel_json_append_number (GString *out,
                         double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (out != NULL);

  format_number (buf, sizeof buf, value);
  g_string_append (out, buf);
}

/**
 * keel_json_format_number:
 * @value: a finite number
 *
 * Returns: (transfer full): @value as keel_json_append_number() writes it
 */
char *
keel_json_format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  format_number (buf, sizeof buf, value);
  return g_strdup (buf);
}

/* ------------------------------------------------------------------------ */
/* The strict parser                                                        */
/* ------------------------------------------------------------------------ */

/* Keel reads JSON with its own strict parser, which builds json-glib's tree as it
 * goes: one pass, and no second parser that could read the text differently from the
 * one that checked it. */

typedef struct
{
  const guchar *start;
  const guchar *p;
  const guchar *end;
  GError      **error;
  GString      *buf;     /* the string being decoded */
} Scanner;

static JsonNode *scan_value (Scanner *s, guint depth);

static void
position_of (Scanner      *s,
             const guchar *at,
             guint        *out_line,
             guint        *out_column)
{
  const guchar *line_start = s->start;
  guint line = 1;
  guint column = 1;

  for (const guchar *q = s->start; q < at; q++)
    if (*q == '\n')
      {
        line++;
        line_start = q + 1;
      }

  /* Columns count characters, not bytes: continuation bytes do not start one. */
  for (const guchar *q = line_start; q < at; q++)
    if ((*q & 0xC0) != 0x80)
      column++;

  *out_line = line;
  *out_column = column;
}

/* Sets the error at @at ("line L, column C: …") and returns NULL, for the callers'
 * convenience. */
G_GNUC_PRINTF (4, 5)
static gpointer
scan_fail (Scanner       *s,
           const guchar  *at,
           KeelJsonError  code,
           const char    *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;
  guint line, column;

  if (at > s->end)
    at = s->end;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  position_of (s, at, &line, &column);
  /* TRANSLATORS: the position of an error in a JSON file, then the reason */
  g_set_error (s->error, KEEL_JSON_ERROR, code, _("line %u, column %u: %s"),
               line, column, message);
  return NULL;
}

/* Describes the character at @at for a message: “x”, or U+0007 for the invisible. */
static char *
describe_char (Scanner      *s,
               const guchar *at)
{
  gunichar c;

  if (*at < 0x80)
    c = *at;
  else
    c = g_utf8_get_char_validated ((const char *) at, s->end - at);

  if (c == (gunichar) -1 || c == (gunichar) -2)
    return g_strdup_printf ("byte 0x%02X", *at);

  if (g_unichar_isgraph (c))
    {
      char utf8[8] = { 0 };
      g_unichar_to_utf8 (c, utf8);
      return g_strdup_printf ("“%s”", utf8);
    }

  return g_strdup_printf ("U+%04X", c);
}

static void
skip_whitespace (Scanner *s)
{
  while (s->p < s->end &&
         (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
    s->p++;
}

static gboolean
at_comment (Scanner *s)
{
  return s->p + 1 < s->end && s->p[0] == '/' && (s->p[1] == '/' || s->p[1] == '*');
}

/* Fails on the character at the cursor, where @expected was expected, with a message
 * that says what that character suggests. */
static gpointer
scan_unexpected (Scanner    *s,
                 const char *expected)
{
  g_autofree char *what = NULL;
  const guchar *at = s->p;

  if (at >= s->end)
    return scan_fail (s, at, KEEL_JSON_ERROR_SYNTAX,
                      _("the document ends where %s was expected"), expected);

  if (at_comment (s))
    return scan_fail (s, at, KEEL_JSON_ERROR_SYNTAX, _("comments are not allowed in JSON"));

  if (*at == '\'')
    return scan_fail (s, at, KEEL_JSON_ERROR_SYNTAX,
                      _("single-quoted strings are not allowed; use double quotes"));

  if (*at >= 0x80 && g_utf8_get_char_validated ((const char *) at, s->end - at) >= (gunichar) -2)
    return scan_fail (s, at, KEEL_JSON_ERROR_ENCODING, _("invalid UTF-8 (byte 0x%02X)"), *at);

  what = describe_char (s, at);
  return scan_fail (s, at, KEEL_JSON_ERROR_SYNTAX, _("%s was expected, found %s"),
                    expected, what);
}

static int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads the four hex digits of a \u escape at s->p. */
static gboolean
scan_hex4 (Scanner      *s,
           const guchar *escape,
           gunichar     *out)
{
  gunichar value = 0;

  for (guint i = 0; i < 4; i++)
    {
      int digit = s->p < s->end ? hex_value (*s->p) : -1;

      if (digit < 0)
        {
          scan_fail (s, escape, KEEL_JSON_ERROR_ENCODING,
                     _("“\\u” must be followed by four hexadecimal digits"));
          return FALSE;
        }
      value = value * 16 + (gunichar) digit;
      s->p++;
    }

  *out = value;
  return TRUE;
}

/* Reads one escape sequence (the cursor on its backslash) into s->buf. */
static gboolean
scan_escape (Scanner      *s,
             const guchar *open)
{
  const guchar *at = s->p;
  gunichar ch;
  guchar e;

  if (at + 1 >= s->end)
    {
      scan_fail (s, open, KEEL_JSON_ERROR_SYNTAX, _("this string is never closed"));
      return FALSE;
    }

  e = at[1];
  s->p += 2;
  switch (e)
    {
    case '"': ch = '"'; break;
    case '\\': ch = '\\'; break;
    case '/': ch = '/'; break;
    case 'b': ch = '\b'; break;
    case 'f': ch = '\f'; break;
    case 'n': ch = '\n'; break;
    case 'r': ch = '\r'; break;
    case 't': ch = '\t'; break;
    case 'u':
      if (!scan_hex4 (s, at, &ch))
        return FALSE;
      if (ch >= 0xDC00 && ch <= 0xDFFF)
        {
          scan_fail (s, at, KEEL_JSON_ERROR_ENCODING,
                     _("“\\u%04X” is half of a surrogate pair with no first half"), ch);
          return FALSE;
        }
      if (ch >= 0xD800 && ch <= 0xDBFF)
        {
          gunichar low;

          if (s->p + 1 >= s->end || s->p[0] != '\\' || s->p[1] != 'u')
            {
              scan_fail (s, at, KEEL_JSON_ERROR_ENCODING,
                         _("“\\u%04X” is half of a surrogate pair with no second half"), ch);
              return FALSE;
            }
          s->p += 2;
          if (!scan_hex4 (s, s->p - 2, &low))
            return FALSE;
          if (low < 0xDC00 || low > 0xDFFF)
            {
              scan_fail (s, at, KEEL_JSON_ERROR_ENCODING,
                         _("“\\u%04X” is half of a surrogate pair with no second half"), ch);
              return FALSE;
            }
          ch = 0x10000 + ((ch - 0xD800) << 10) + (low - 0xDC00);
        }
      if (ch == 0)
        {
          scan_fail (s, at, KEEL_JSON_ERROR_ENCODING,
                     _("“\\u0000” (a NUL character) is not allowed in a string"));
          return FALSE;
        }
      break;
    default:
      if (e > 0x20 && e < 0x7F)
        scan_fail (s, at, KEEL_JSON_ERROR_ENCODING, _("“\\%c” is not a valid escape"), e);
      else
        scan_fail (s, at, KEEL_JSON_ERROR_ENCODING, _("a backslash must start a valid escape"));
      return FALSE;
    }

  g_string_append_unichar (s->buf, ch);
  return TRUE;
}

/* Reads a string (the cursor on its opening quote), decoded into s->buf. Runs of
 * plain characters are copied at once; escapes are decoded one by one. */
static gboolean
scan_string (Scanner *s)
{
  const guchar *open = s->p;
  const guchar *run;

  g_string_truncate (s->buf, 0);
  s->p++;
  run = s->p;

  for (;;)
    {
      const guchar *at = s->p;
      guchar c;

      if (at >= s->end)
        {
          scan_fail (s, open, KEEL_JSON_ERROR_SYNTAX, _("this string is never closed"));
          return FALSE;
        }

      c = *at;
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\')
        {
          s->p++;
          continue;
        }

      if (c >= 0x80)
        {
          gunichar ch = g_utf8_get_char_validated ((const char *) at, s->end - at);

          if (ch == (gunichar) -1 || ch == (gunichar) -2)
            {
              scan_fail (s, at, KEEL_JSON_ERROR_ENCODING, _("invalid UTF-8 (byte 0x%02X)"), c);
              return FALSE;
            }
          s->p += g_utf8_skip[c];
          continue;
        }

      g_string_append_len (s->buf, (const char *) run, at - run);

      if (c == '"')
        {
          s->p++;
          return TRUE;
        }

      if (c == '\\')
        {
          if (!scan_escape (s, open))
            return FALSE;
          run = s->p;
          continue;
        }

      if (c == '\n' || c == '\r')
        scan_fail (s, at, KEEL_JSON_ERROR_ENCODING,
                   _("a line break inside a string must be written “\\n”"));
      else
        scan_fail (s, at, KEEL_JSON_ERROR_ENCODING,
                   _("the control character U+%04X must be escaped in a string"), c);
      return FALSE;
    }
}

static gboolean
is_digit (const guchar *p,
          const guchar *end)
{
  return p < end && *p >= '0' && *p <= '9';
}

static JsonNode *
scan_number (Scanner *s)
{
  const guchar *token = s->p;
  const guchar *digits;
  gboolean is_integer = TRUE;
  gsize n_digits;
  char stack_buf[64];
  g_autofree char *heap_buf = NULL;
  char *copy;
  gsize len;
  double value;

  if (*s->p == '-')
    s->p++;

  if (s->p < s->end && *s->p == 'I')
    return scan_fail (s, token, KEEL_JSON_ERROR_NUMBER, _("Infinity is not a JSON number"));

  if (!is_digit (s->p, s->end))
    return scan_fail (s, token, KEEL_JSON_ERROR_NUMBER, _("“-” must be followed by a digit"));

  digits = s->p;
  if (*s->p == '0')
    {
      s->p++;
      if (s->p < s->end && (*s->p == 'x' || *s->p == 'X'))
        return scan_fail (s, token, KEEL_JSON_ERROR_NUMBER,
                          _("hexadecimal numbers are not allowed in JSON"));
      if (is_digit (s->p, s->end))
        return scan_fail (s, token, KEEL_JSON_ERROR_NUMBER,
                          _("numbers cannot have leading zeros"));
    }
  else
    {
      while (is_digit (s->p, s->end))
        s->p++;
    }
  n_digits = s->p - digits;

  if (s->p < s->end && *s->p == '.')
    {
      is_integer = FALSE;
      s->p++;
      if (!is_digit (s->p, s->end))
        return scan_fail (s, token, KEEL_JSON_ERROR_NUMBER,
                          _("a decimal point must be followed by a digit"));
      while (is_digit (s->p, s->end))
        s->p++;
    }

  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      is_integer = FALSE;
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (!is_digit (s->p, s->end))
        return scan_fail (s, token, KEEL_JSON_ERROR_NUMBER, _("an exponent must have digits"));
      while (is_digit (s->p, s->end))
        s->p++;
    }

  if (is_integer)
    {
      /* Beyond 2^53 a double is no longer exact (and json-glib would wrap beyond 64
       * bits): refuse rather than read another number than the one written. */
      guint64 magnitude = 0;

      if (n_digits <= 16)
        for (gsize i = 0; i < n_digits; i++)
          magnitude = magnitude * 10 + (guint64) (digits[i] - '0');

      if (n_digits > 16 || magnitude > MAX_SAFE_INTEGER)
        return scan_fail (s, token, KEEL_JSON_ERROR_NUMBER,
                          _("the integer %.*s is too large (the limit is 2^53 = 9007199254740992)"),
                          (int) MIN (s->p - token, 40), (const char *) token);

      return json_node_init_int (json_node_alloc (),
                                 *token == '-' ? -(gint64) magnitude : (gint64) magnitude);
    }

  len = s->p - token;
  if (len < sizeof stack_buf)
    copy = stack_buf;
  else
    copy = heap_buf = g_malloc (len + 1);
  memcpy (copy, token, len);
  copy[len] = '\0';

  value = g_ascii_strtod (copy, NULL);
  if (!isfinite (value))
    return scan_fail (s, token, KEEL_JSON_ERROR_NUMBER,
                      _("the number %.*s is too large for a double"), (int) MIN (len, 40), copy);

  return json_node_init_double (json_node_alloc (), value);
}

static gboolean
scan_word (Scanner    *s,
           const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (s->end - s->p) < len || memcmp (s->p, word, len) != 0)
    return FALSE;

  s->p += len;
  return TRUE;
}

static JsonNode *
scan_object (Scanner *s,
             guint    depth)
{
  g_autoptr(JsonObject) object = json_object_new ();

  s->p++;
  skip_whitespace (s);
  if (s->p < s->end && *s->p == '}')
    {
      s->p++;
      return json_node_init_object (json_node_alloc (), object);
    }

  for (;;)
    {
      g_autofree char *key = NULL;
      const guchar *key_at;
      JsonNode *value;

      if (s->p >= s->end || *s->p != '"')
        {
          if (s->p < s->end && *s->p == '}')
            return scan_fail (s, s->p, KEEL_JSON_ERROR_SYNTAX,
                              _("a comma cannot come before “}”"));
          if (s->p < s->end && (g_ascii_isalpha (*s->p) || *s->p == '_'))
            return scan_fail (s, s->p, KEEL_JSON_ERROR_SYNTAX,
                              _("keys must be strings in double quotes"));
          return scan_unexpected (s, _("a key in double quotes"));
        }

      /* Keys are compared decoded: "a" and "\u0061" are the same key. json-glib
       * would keep the last of two; Keel refuses the document. */
      key_at = s->p;
      if (!scan_string (s))
        return NULL;
      if (json_object_has_member (object, s->buf->str))
        return scan_fail (s, key_at, KEEL_JSON_ERROR_DUPLICATE_KEY,
                          _("the key “%s” appears twice in the same object"), s->buf->str);
      key = g_strndup (s->buf->str, s->buf->len);

      skip_whitespace (s);
      if (s->p >= s->end || *s->p != ':')
        return scan_unexpected (s, _("“:”"));
      s->p++;

      value = scan_value (s, depth + 1);
      if (value == NULL)
        return NULL;
      json_object_set_member (object, key, value);

      skip_whitespace (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          skip_whitespace (s);
          continue;
        }
      if (s->p < s->end && *s->p == '}')
        {
          s->p++;
          return json_node_init_object (json_node_alloc (), object);
        }
      return scan_unexpected (s, _("“,” or “}”"));
    }
}

static JsonNode *
scan_array (Scanner *s,
            guint    depth)
{
  g_autoptr(JsonArray) array = json_array_new ();

  s->p++;
  skip_whitespace (s);
  if (s->p < s->end && *s->p == ']')
    {
      s->p++;
      return json_node_init_array (json_node_alloc (), array);
    }

  for (;;)
    {
      JsonNode *element;

      if (s->p < s->end && *s->p == ']')
        return scan_fail (s, s->p, KEEL_JSON_ERROR_SYNTAX, _("a comma cannot come before “]”"));

      element = scan_value (s, depth + 1);
      if (element == NULL)
        return NULL;
      json_array_add_element (array, element);

      skip_whitespace (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          skip_whitespace (s);
          continue;
        }
      if (s->p < s->end && *s->p == ']')
        {
          s->p++;
          return json_node_init_array (json_node_alloc (), array);
        }
      return scan_unexpected (s, _("“,” or “]”"));
    }
}

/* @depth: the nesting level an array or object read here would have (the document's
 * own value is at level 1). Recursion is bounded by KEEL_JSON_MAX_DEPTH. */
static JsonNode *
scan_value (Scanner *s,
            guint    depth)
{
  skip_whitespace (s);
  if (s->p >= s->end)
    return scan_unexpected (s, _("a value"));

  switch (*s->p)
    {
    case '{':
    case '[':
      if (depth > KEEL_JSON_MAX_DEPTH)
        return scan_fail (s, s->p, KEEL_JSON_ERROR_TOO_DEEP,
                          _("arrays and objects are nested deeper than %d levels"),
                          KEEL_JSON_MAX_DEPTH);
      return *s->p == '{' ? scan_object (s, depth) : scan_array (s, depth);

    case '"':
      if (!scan_string (s))
        return NULL;
      return json_node_init_string (json_node_alloc (), s->buf->str);

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return scan_number (s);

    case '+':
      return scan_fail (s, s->p, KEEL_JSON_ERROR_NUMBER, _("a number cannot start with “+”"));

    case '.':
      return scan_fail (s, s->p, KEEL_JSON_ERROR_NUMBER,
                        _("a number must have a digit before its decimal point"));

    case 'N':
      if (scan_word (s, "NaN"))
        return scan_fail (s, s->p - 3, KEEL_JSON_ERROR_NUMBER, _("NaN is not a JSON number"));
      return scan_unexpected (s, _("a value"));

    case 'I':
      if (scan_word (s, "Infinity"))
        return scan_fail (s, s->p - 8, KEEL_JSON_ERROR_NUMBER,
                          _("Infinity is not a JSON number"));
      return scan_unexpected (s, _("a value"));

    default:
      if (scan_word (s, "true"))
        return json_node_init_boolean (json_node_alloc (), TRUE);
      if (scan_word (s, "false"))
        return json_node_init_boolean (json_node_alloc (), FALSE);
      if (scan_word (s, "null"))
        return json_node_init_null (json_node_alloc ());
      return scan_unexpected (s, _("a value"));
    }
}

/* Parses @json strictly into a json-glib tree; NULL and @error if it is not plain
 * JSON within Keel's limits. */
static JsonNode *
parse_strict (const char  *json,
              gsize        length,
              GError     **error)
{
  Scanner s = { 0 };
  JsonNode *root = NULL;

  s.start = s.p = (const guchar *) json;
  s.end = s.start + length;
  s.error = error;
  s.buf = g_string_new (NULL);

  if (length >= 3 && memcmp (json, "\xEF\xBB\xBF", 3) == 0)
    scan_fail (&s, s.p, KEEL_JSON_ERROR_ENCODING,
               _("the file starts with a byte-order mark, which JSON does not allow"));
  else
    {
      skip_whitespace (&s);
      if (s.p >= s.end)
        scan_fail (&s, s.p, KEEL_JSON_ERROR_SYNTAX, _("the document is empty"));
      else
        root = scan_value (&s, 1);
    }

  if (root != NULL)
    {
      skip_whitespace (&s);
      if (s.p < s.end)
        {
          if (at_comment (&s))
            scan_fail (&s, s.p, KEEL_JSON_ERROR_SYNTAX, _("comments are not allowed in JSON"));
          else
            scan_fail (&s, s.p, KEEL_JSON_ERROR_TRAILING_DATA,
                       _("there is more text after the end of the document"));
          g_clear_pointer (&root, json_node_unref);
        }
    }

  g_string_free (s.buf, TRUE);
  return root;
}

/**
 * keel_json_check_syntax:
 * @json: the text
 * @length: its length in bytes
 * @error: return location for a #KEEL_JSON_ERROR
 *
 * Checks that @json is one plain JSON value (RFC 8259) within Keel's limits: no
 * comments, no numbers other than JSON's (no hexadecimal, leading zeros, leading dot or
 * plus, NaN or Infinity), no integer beyond 2^53 in magnitude, no number too large for
 * a double, double-quoted strings only, with valid escapes, no control characters and
 * valid UTF-8, no key twice in an object, nesting at most %KEEL_JSON_MAX_DEPTH deep,
 * nothing after the value. The error message starts with "line L, column C:".
 *
 * Returns: %TRUE if @json is acceptable
 */
gboolean
keel_json_check_syntax (const char  *json,
                        gsize        length,
                        GError     **error)
{
  JsonNode *root;

  g_return_val_if_fail (json != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  root = parse_strict (json, length, error);
  if (root == NULL)
    return FALSE;

  json_node_unref (root);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Export                                                                   */
/* ------------------------------------------------------------------------ */

/* The export is written by hand, key by key, in the documented order (that of the
 * example in PRODUCT.md): two-space indentation and one key per line for the project,
 * its settings, signals, evidence, items and debts, so that a change to one field is a
 * one-line diff; one line per dataset row, since datasets run to a hundred thousand
 * rows; link lists and retention counts on one line. */

static void
put_key (GString    *out,
         guint       indent,
         const char *key)
{
  for (guint i = 0; i < indent; i++)
    g_string_append (out, "  ");
  g_string_append_c (out, '"');
  g_string_append (out, key);
  g_string_append (out, "\": ");
}

/* Ends a member: a comma unless it is the last of its object or array. */
static void
put_end (GString  *out,
         gboolean  last)
{
  g_string_append (out, last ? "\n" : ",\n");
}

static void
put_string (GString    *out,
            guint       indent,
            const char *key,
            const char *value,
            gboolean    last)
{
  put_key (out, indent, key);
  keel_json_append_string (out, value);
  put_end (out, last);
}

static void
put_number (GString    *out,
            guint       indent,
            const char *key,
            gboolean    has_value,
            double      value,
            gboolean    last)
{
  put_key (out, indent, key);
  if (has_value)
    keel_json_append_number (out, value);
  else
    g_string_append (out, "null");
  put_end (out, last);
}

static void
put_integer (GString    *out,
             guint       indent,
             const char *key,
             gint64      value,
             gboolean    last)
{
  put_key (out, indent, key);
  g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
  put_end (out, last);
}

static void
put_bool (GString    *out,
          guint       indent,
          const char *key,
          gboolean    value,
          gboolean    last)
{
  put_key (out, indent, key);
  g_string_append (out, value ? "true" : "false");
  put_end (out, last);
}

static void
put_links (GString    *out,
           guint       indent,
           const char *key,
           GPtrArray  *ids,
           gboolean    last)
{
  put_key (out, indent, key);
  g_string_append_c (out, '[');
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      keel_json_append_string (out, g_ptr_array_index (ids, i));
    }
  g_string_append_c (out, ']');
  put_end (out, last);
}

static void
put_indent (GString *out,
            guint    indent)
{
  for (guint i = 0; i < indent; i++)
    g_string_append (out, "  ");
}

static int
compare_evidence (gconstpointer a,
                  gconstpointer b)
{
  return strcmp ((*(KeelEvidence * const *) a)->id, (*(KeelEvidence * const *) b)->id);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  return strcmp ((*(KeelItem * const *) a)->id, (*(KeelItem * const *) b)->id);
}

static int
compare_debts (gconstpointer a,
               gconstpointer b)
{
  return strcmp ((*(KeelDebt * const *) a)->id, (*(KeelDebt * const *) b)->id);
}

static int
compare_signals (gconstpointer a,
                 gconstpointer b)
{
  KeelSignal *sa = *(KeelSignal * const *) a;
  KeelSignal *sb = *(KeelSignal * const *) b;

  if (sa->position != sb->position)
    return sa->position < sb->position ? -1 : 1;
  return strcmp (sa->id, sb->id);
}

/* The objects of @model, sorted: the export's order must not depend on the model's. */
static GPtrArray *
sorted_objects (GListModel   *model,
                GCompareFunc  compare)
{
  guint n = g_list_model_get_n_items (model);
  GPtrArray *objects = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (objects, g_list_model_get_item (model, i));
  g_ptr_array_sort (objects, compare);
  return objects;
}

static void
export_settings (GString     *out,
                 KeelProject *project)
{
  const KeelSettings *settings = keel_project_get_settings (project);
  const char * const *keys;
  guint n_keys = 0;

  keys = keel_settings_get_keys (&n_keys);

  put_key (out, 1, "settings");
  g_string_append (out, "{\n");
  for (guint i = 0; i < n_keys; i++)
    {
      double value = 0;

      keel_settings_get_value (settings, keys[i], &value);
      put_number (out, 2, keys[i], TRUE, value, i + 1 == n_keys);
    }
  put_indent (out, 1);
  g_string_append (out, "},\n");
}

static void
export_signals (GString     *out,
                KeelProject *project)
{
  g_autoptr(GPtrArray) signals = sorted_objects (keel_project_get_signals (project),
                                                 compare_signals);

  put_key (out, 1, "signals");
  g_string_append (out, signals->len == 0 ? "[" : "[\n");
  for (guint i = 0; i < signals->len; i++)
    {
      KeelSignal *signal = g_ptr_array_index (signals, i);
      gboolean custom = signal->kind == KEEL_SIGNAL_KIND_CUSTOM;

      put_indent (out, 2);
      g_string_append (out, "{\n");
      put_string (out, 3, "id", signal->id, FALSE);
      put_string (out, 3, "kind", keel_signal_kind_to_string (signal->kind), FALSE);
      put_string (out, 3, "name", signal->name, FALSE);
      put_number (out, 3, "value", custom && signal->has_value, signal->value, FALSE);
      put_number (out, 3, "target", custom && signal->has_target, signal->target, FALSE);
      put_string (out, 3, "comparison",
                  custom ? keel_comparison_to_string (signal->comparison) : NULL, FALSE);
      put_string (out, 3, "date", custom ? signal->date : NULL, FALSE);
      put_string (out, 3, "source", custom ? signal->source : NULL, FALSE);
      put_bool (out, 3, "required", signal->required, TRUE);
      put_indent (out, 2);
      g_string_append (out, i + 1 < signals->len ? "},\n" : "}\n");
    }
  if (signals->len > 0)
    put_indent (out, 1);
  g_string_append (out, "],\n");
}

/* Opens a dataset array: "[" then rows, or "[]" when there are none. */
static void
open_rows (GString    *out,
           const char *key)
{
  put_key (out, 2, key);
  g_string_append_c (out, '[');
}

static void
next_row (GString *out,
          guint    n_written)
{
  g_string_append (out, n_written == 0 ? "\n" : ",\n");
  put_indent (out, 3);
}

static void
close_rows (GString *out,
            guint    n_written)
{
  if (n_written > 0)
    {
      g_string_append_c (out, '\n');
      put_indent (out, 2);
    }
  g_string_append (out, "],\n");
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

typedef enum
{
  COLUMN_TEXT,
  COLUMN_INT,
  /* Retention counts stored as "200,120,96": written back as an array of numbers. */
  COLUMN_COUNTS,
} ColumnKind;

typedef struct
{
  const char *name;
  ColumnKind  kind;
} ExportColumn;

typedef struct
{
  const char         *table;
  const char         *sql;
  const ExportColumn *columns;
  guint               n_columns;
} DatasetExport;

static const ExportColumn cohort_columns[] = {
  { "cohort", COLUMN_TEXT }, { "size", COLUMN_INT }, { "retained", COLUMN_COUNTS },
};

static const ExportColumn survey_columns[] = {
  { "answer", COLUMN_TEXT }, { "date", COLUMN_TEXT },
  { "segment", COLUMN_TEXT }, { "respondent", COLUMN_TEXT },
};

static const ExportColumn acquisition_columns[] = {
  { "period", COLUMN_TEXT }, { "channel", COLUMN_TEXT }, { "new_users", COLUMN_INT },
};

/* Rows of the active imports only: replaced or undone imports are kept for undo but
 * are not part of the project. Each order is total (it ends with the row id), so the
 * output never depends on the order SQLite happens to visit rows in. */
/* NULL sorts before any text in SQLite, and text compares byte by byte (BINARY). */
static const DatasetExport dataset_exports[] = {
  { "retention_cohorts",
    "SELECT r.cohort, r.size, r.retained FROM retention_cohorts AS r"
    " JOIN imports AS i ON i.id = r.import_id WHERE i.active = 1"
    " ORDER BY r.cohort, r.size, r.retained, r.id",
    cohort_columns, G_N_ELEMENTS (cohort_columns) },
  { "survey_responses",
    "SELECT s.answer, s.date, s.segment, s.respondent"
    " FROM survey_responses AS s"
    " JOIN imports AS i ON i.id = s.import_id WHERE i.active = 1"
    " ORDER BY s.date, s.respondent, s.segment, s.answer, s.id",
    survey_columns, G_N_ELEMENTS (survey_columns) },
  { "acquisition",
    "SELECT a.period, a.channel, a.new_users FROM acquisition AS a"
    " JOIN imports AS i ON i.id = a.import_id WHERE i.active = 1"
    " ORDER BY a.period, a.channel, a.new_users, a.id",
    acquisition_columns, G_N_ELEMENTS (acquisition_columns) },
};

static void
append_counts (GString    *out,
               const char *counts)
{
  const char *p = counts != NULL ? counts : "";
  gboolean first = TRUE;

  g_string_append_c (out, '[');
  while (*p != '\0')
    {
      char *end = NULL;
      gint64 count = g_ascii_strtoll (p, &end, 10);

      if (end == p)
        break;
      if (!first)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%" G_GINT64_FORMAT, count);
      first = FALSE;
      p = end;
      while (*p == ',' || *p == ' ')
        p++;
    }
  g_string_append_c (out, ']');
}

/* Writes one dataset table as an array of objects, one key per column. */
static gboolean
export_dataset (GString              *out,
                KeelDb               *db,
                const DatasetExport  *dataset,
                GError              **error)
{
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  stmt = keel_db_prepare (db, dataset->sql, error);
  if (stmt == NULL)
    return FALSE;

  open_rows (out, dataset->table);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      next_row (out, n++);
      for (guint i = 0; i < dataset->n_columns; i++)
        {
          const ExportColumn *column = &dataset->columns[i];

          g_string_append (out, i == 0 ? "{\"" : ", \"");
          g_string_append (out, column->name);
          g_string_append (out, "\": ");
          switch (column->kind)
            {
            case COLUMN_TEXT:
              keel_json_append_string (out, column_text (stmt, i));
              break;
            case COLUMN_INT:
              g_string_append_printf (out, "%" G_GINT64_FORMAT,
                                      (gint64) sqlite3_column_int64 (stmt, i));
              break;
            case COLUMN_COUNTS:
              append_counts (out, column_text (stmt, i));
              break;
            default:
              g_assert_not_reached ();
            }
        }
      g_string_append_c (out, '}');
    }
  if (rc != SQLITE_DONE)
    {
      keel_db_set_error (db, error, dataset->table);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  close_rows (out, n);
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
export_channel_classes (GString     *out,
                        KeelProject *project)
{
  GHashTable *classes = keel_project_get_channel_classes (project);
  g_autoptr(GPtrArray) channels = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  if (classes != NULL)
    {
      g_hash_table_iter_init (&iter, classes);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (channels, key);
    }
  g_ptr_array_sort (channels, compare_strings);

  put_key (out, 2, "channel_classes");
  g_string_append (out, channels->len == 0 ? "{" : "{\n");
  for (guint i = 0; i < channels->len; i++)
    {
      const char *channel = g_ptr_array_index (channels, i);
      KeelChannelClass klass = GPOINTER_TO_INT (g_hash_table_lookup (classes, channel));

      put_indent (out, 3);
      keel_json_append_string (out, channel);
      g_string_append (out, ": ");
      keel_json_append_string (out, keel_channel_class_to_string (klass));
      put_end (out, i + 1 == channels->len);
    }
  if (channels->len > 0)
    put_indent (out, 2);
  g_string_append (out, "}\n");
}

static gboolean
export_datasets (GString      *out,
                 KeelProject  *project,
                 GError      **error)
{
  KeelDb *db = keel_project_get_db (project);

  put_key (out, 1, "datasets");
  g_string_append (out, "{\n");
  put_string (out, 2, "retention_period",
              keel_retention_period_to_string (keel_project_get_retention_period (project)),
              FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (dataset_exports); i++)
    {
      if (!export_dataset (out, db, &dataset_exports[i], error))
        return FALSE;
    }
  export_channel_classes (out, project);
  put_indent (out, 1);
  g_string_append (out, "},\n");
  return TRUE;
}

/* Opens an array of objects; each object is written by the caller at indent 2. */
static void
open_objects (GString    *out,
              const char *key,
              guint       n)
{
  put_key (out, 1, key);
  g_string_append (out, n == 0 ? "[" : "[\n");
}

static void
open_object (GString *out)
{
  put_indent (out, 2);
  g_string_append (out, "{\n");
}

static void
close_object (GString  *out,
              gboolean  last)
{
  put_indent (out, 2);
  g_string_append (out, last ? "}\n" : "},\n");
}

static void
close_objects (GString  *out,
               guint     n,
               gboolean  last)
{
  if (n > 0)
    put_indent (out, 1);
  g_string_append (out, last ? "]\n" : "],\n");
}

/* Writes the fields of one object of a collection, at indent 3. */
typedef void (*WriteFields) (GString *out, gpointer object);

/* Writes the collection @key: the objects of @model in the order of @compare. */
static void
export_objects (GString      *out,
                const char   *key,
                GListModel   *model,
                GCompareFunc  compare,
                WriteFields   write_fields,
                gboolean      last)
{
  g_autoptr(GPtrArray) all = sorted_objects (model, compare);

  open_objects (out, key, all->len);
  for (guint i = 0; i < all->len; i++)
    {
      open_object (out);
      write_fields (out, g_ptr_array_index (all, i));
      close_object (out, i + 1 == all->len);
    }
  close_objects (out, all->len, last);
}

static void
write_evidence (GString  *out,
                gpointer  object)
{
  KeelEvidence *evidence = object;

  put_string (out, 3, "id", evidence->id, FALSE);
  put_string (out, 3, "kind", keel_evidence_kind_to_string (evidence->kind), FALSE);
  put_string (out, 3, "summary", evidence->summary ? evidence->summary : "", FALSE);
  put_string (out, 3, "source", evidence->source ? evidence->source : "", FALSE);
  put_string (out, 3, "date", evidence->date, FALSE);
  put_number (out, 3, "value", evidence->has_value, evidence->value, FALSE);
  put_string (out, 3, "unit", evidence->unit, TRUE);
}

static void
write_item (GString  *out,
            gpointer  object)
{
  KeelItem *item = object;

  put_string (out, 3, "id", item->id, FALSE);
  put_string (out, 3, "title", item->title, FALSE);
  put_string (out, 3, "description", item->description ? item->description : "", FALSE);
  put_string (out, 3, "dimension", keel_dimension_to_string (item->dimension), FALSE);
  put_string (out, 3, "kind", keel_item_kind_to_string (item->kind), FALSE);
  put_string (out, 3, "horizon", keel_horizon_to_string (item->horizon), FALSE);
  put_string (out, 3, "status", keel_status_to_string (item->status), FALSE);
  put_integer (out, 3, "position", item->position, FALSE);
  put_number (out, 3, "effort_days", item->has_effort_days, item->effort_days, FALSE);
  put_string (out, 3, "owner", item->owner, FALSE);
  put_string (out, 3, "target", item->target, FALSE);
  put_links (out, 3, "evidence", item->evidence, FALSE);
  put_links (out, 3, "debts", item->debts, FALSE);
  put_links (out, 3, "depends_on", item->depends_on, TRUE);
}

static void
write_debt (GString  *out,
            gpointer  object)
{
  KeelDebt *debt = object;

  put_string (out, 3, "id", debt->id, FALSE);
  put_string (out, 3, "title", debt->title, FALSE);
  put_string (out, 3, "component", debt->component ? debt->component : "", FALSE);
  put_string (out, 3, "quadrant", keel_quadrant_to_string (debt->quadrant), FALSE);
  put_number (out, 3, "principal_days", TRUE, debt->principal_days, FALSE);
  put_number (out, 3, "interest_hours_per_week", TRUE, debt->interest_hours_per_week,
              FALSE);
  put_bool (out, 3, "bottleneck", debt->bottleneck, FALSE);
  put_bool (out, 3, "hard_ceiling", debt->hard_ceiling, FALSE);
  put_string (out, 3, "status", keel_debt_status_to_string (debt->status), FALSE);
  put_string (out, 3, "owner", debt->owner, FALSE);
  put_string (out, 3, "recorded", debt->recorded, FALSE);
  put_links (out, 3, "evidence", debt->evidence, TRUE);
}

/**
 * keel_json_export:
 * @project: a project
 * @out_length: (out) (optional): the length of the text in bytes
 * @error: return location for an error reading the datasets
 *
 * Writes @project as a Keel JSON document (doc/file-format.md). The output depends
 * only on the project's content: the same project always gives the same bytes.
 *
 * Returns: (transfer full): the UTF-8 text, ending in a newline, or %NULL on error
 */
char *
keel_json_export (KeelProject  *project,
                  gsize        *out_length,
                  GError      **error)
{
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (KEEL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  out = g_string_sized_new (64 * 1024);
  g_string_append (out, "{\n");
  put_string (out, 1, "format", KEEL_JSON_FORMAT_NAME, FALSE);
  put_integer (out, 1, "version", KEEL_JSON_FORMAT_VERSION, FALSE);
  put_string (out, 1, "name", keel_project_get_name (project), FALSE);
  export_settings (out, project);
  export_signals (out, project);
  if (!export_datasets (out, project, error))
    return NULL;
  export_objects (out, "evidence", keel_project_get_evidence (project), compare_evidence,
                  write_evidence, FALSE);
  export_objects (out, "items", keel_project_get_items (project), compare_items,
                  write_item, FALSE);
  export_objects (out, "debts", keel_project_get_debts (project), compare_debts,
                  write_debt, TRUE);
  g_string_append (out, "}\n");

  if (out_length != NULL)
    *out_length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ------------------------------------------------------------------------ */
/* Import: the typed walk                                                   */
/* ------------------------------------------------------------------------ */

/* What owns an id, packed into a hash table value: the collection and the index. */
typedef enum {
  OWNER_SIGNAL,
  OWNER_EVIDENCE,
  OWNER_ITEM,
  OWNER_DEBT,
} Owner;

static const char * const owner_collections[] = {
  "signals", "evidence", "items", "debts",
};

#define OWNER_PACK(owner, index) GSIZE_TO_POINTER ((((gsize) (index)) << 2 | (owner)) + 1)
#define OWNER_OF(value)          ((Owner) ((GPOINTER_TO_SIZE (value) - 1) & 3))
#define INDEX_OF(value)          ((guint) ((GPOINTER_TO_SIZE (value) - 1) >> 2))

typedef struct
{
  KeelAnswer  answer;
  const char *date;        /* strings point into the JSON tree */
  const char *segment;
  const char *respondent;
} SurveyRow;

typedef struct
{
  const char *cohort;
  gint64      size;
  guint       first;       /* index of its counts in Reader.counts */
  guint       n_periods;
} CohortRow;

typedef struct
{
  const char *period;
  const char *channel;
  gint64      new_users;
} AcquisitionRow;

typedef struct
{
  GString             *path;     /* the JSON path of what is being read */
  GError             **error;
  GHashTable          *ids;      /* id -> OWNER_PACK */

  const char          *name;
  KeelSettings         settings;
  gboolean             has_signals;
  GPtrArray           *signals;  /* KeelSignal */
  GPtrArray           *evidence; /* KeelEvidence */
  GPtrArray           *items;    /* KeelItem; dependencies kept apart until all ids are known */
  GPtrArray           *depends;  /* per item: GPtrArray of item ids */
  GPtrArray           *debts;    /* KeelDebt */

  KeelRetentionPeriod  period;
  GArray              *cohorts;  /* CohortRow */
  GArray              *counts;   /* gint64 */
  GArray              *survey;   /* SurveyRow */
  GArray              *acquisition; /* AcquisitionRow */
  GPtrArray           *channels; /* channel spellings (borrowed), in document order */
  GArray              *classes;  /* KeelChannelClass, parallel to channels */
} Reader;

static void
reader_clear (Reader *r)
{
  g_string_free (r->path, TRUE);
  g_hash_table_unref (r->ids);
  g_ptr_array_unref (r->signals);
  g_ptr_array_unref (r->evidence);
  g_ptr_array_unref (r->items);
  g_ptr_array_unref (r->depends);
  g_ptr_array_unref (r->debts);
  g_array_unref (r->cohorts);
  g_array_unref (r->counts);
  g_array_unref (r->survey);
  g_array_unref (r->acquisition);
  g_ptr_array_unref (r->channels);
  g_array_unref (r->classes);
}

static void
reader_init (Reader  *r,
             GError **error)
{
  memset (r, 0, sizeof *r);
  r->path = g_string_new (NULL);
  r->error = error;
  r->ids = g_hash_table_new (g_str_hash, g_str_equal);
  keel_settings_init_defaults (&r->settings);
  r->signals = g_ptr_array_new_with_free_func (g_object_unref);
  r->evidence = g_ptr_array_new_with_free_func (g_object_unref);
  r->items = g_ptr_array_new_with_free_func (g_object_unref);
  r->depends = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  r->debts = g_ptr_array_new_with_free_func (g_object_unref);
  r->period = KEEL_RETENTION_PERIOD_WEEK;
  r->cohorts = g_array_new (FALSE, FALSE, sizeof (CohortRow));
  r->counts = g_array_new (FALSE, FALSE, sizeof (gint64));
  r->survey = g_array_new (FALSE, FALSE, sizeof (SurveyRow));
  r->acquisition = g_array_new (FALSE, FALSE, sizeof (AcquisitionRow));
  r->channels = g_ptr_array_new ();
  r->classes = g_array_new (FALSE, FALSE, sizeof (KeelChannelClass));
}

/* ---- The path ---- */

static gboolean
is_identifier (const char *key)
{
  if (!g_ascii_isalpha (*key) && *key != '_')
    return FALSE;
  for (const char *p = key; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static gsize
push_key (Reader     *r,
          const char *key)
{
  gsize mark = r->path->len;

  if (is_identifier (key))
    {
      if (mark > 0)
        g_string_append_c (r->path, '.');
      g_string_append (r->path, key);
    }
  else
    {
      g_string_append_c (r->path, '[');
      keel_json_append_string (r->path, key);
      g_string_append_c (r->path, ']');
    }
  return mark;
}

static gsize
push_index (Reader *r,
            guint   index)
{
  gsize mark = r->path->len;

  g_string_append_printf (r->path, "[%u]", index);
  return mark;
}

static void
pop (Reader *r,
     gsize   mark)
{
  g_string_truncate (r->path, mark);
}

G_GNUC_PRINTF (3, 4)
static gboolean
fail (Reader        *r,
      KeelJsonError  code,
      const char    *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (r->path->len > 0)
    g_set_error (r->error, KEEL_JSON_ERROR, code, "%s: %s", r->path->str, message);
  else
    g_set_error_literal (r->error, KEEL_JSON_ERROR, code, message);
  return FALSE;
}

/* ---- Values ---- */

typedef enum {
  OPTIONAL = 0,
  REQUIRED = 1 << 0,
  NULLABLE = 1 << 1,
} FieldFlags;

static const char *
describe_node (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return _("a string");
        case G_TYPE_BOOLEAN:
          return _("a boolean");
        default:
          return _("a number");
        }
    }
}

static gboolean
wrong_type (Reader     *r,
            JsonNode   *node,
            const char *expected)
{
  return fail (r, KEEL_JSON_ERROR_WRONG_TYPE, _("expected %s, found %s"),
               expected, describe_node (node));
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

/* Checks that @object has only the keys in @allowed (a NULL-terminated list), naming
 * the first other key in document order. */
static gboolean
check_keys (Reader             *r,
            JsonObject         *object,
            const char * const *allowed,
            const char         *what)
{
  JsonObjectIter iter;
  const char *key;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, NULL))
    {
      gboolean known = FALSE;

      for (guint i = 0; allowed[i] != NULL && !known; i++)
        known = strcmp (allowed[i], key) == 0;

      if (!known)
        {
          g_autofree char *list = g_strjoinv (", ", (char **) allowed);

          push_key (r, key);
          /* TRANSLATORS: the second %s is a list of key names */
          return fail (r, KEEL_JSON_ERROR_UNKNOWN_KEY, _("unknown key (%s has: %s)"),
                       _(what), list);
        }
    }

  return TRUE;
}

/* Looks up @key. Absent: %NULL, and an error when @flags has REQUIRED. A JSON null
 * is returned as %NULL (absent) when @flags has NULLABLE, and is an error otherwise.
 * On success the path is left pointing at @key: the caller pops @mark. */
static gboolean
member (Reader      *r,
        JsonObject  *object,
        const char  *key,
        FieldFlags   flags,
        JsonNode   **out_node,
        gsize       *mark)
{
  JsonNode *node = json_object_get_member (object, key);

  *mark = push_key (r, key);
  *out_node = NULL;

  if (node == NULL)
    {
      if (flags & REQUIRED)
        return fail (r, KEEL_JSON_ERROR_MISSING_KEY, _("this required key is missing"));
      return TRUE;
    }

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (flags & NULLABLE)
        return TRUE;
      return fail (r, KEEL_JSON_ERROR_WRONG_TYPE, _("null is not allowed here"));
    }

  *out_node = node;
  return TRUE;
}

/* A string member, pointing into the tree. When the member is absent *@out keeps its
 * default, unless @flags has NULLABLE: then absent and null both give NULL. */
static gboolean
read_string (Reader      *r,
             JsonObject  *object,
             const char  *key,
             FieldFlags   flags,
             const char **out)
{
  JsonNode *node;
  gsize mark;

  if (!member (r, object, key, flags, &node, &mark))
    return FALSE;

  if (node == NULL)
    {
      if (flags & NULLABLE)
        *out = NULL;
    }
  else if (node_is_string (node))
    *out = json_node_get_string (node);
  else
    return wrong_type (r, node, _("a string"));

  pop (r, mark);
  return TRUE;
}

static gboolean
read_number (Reader     *r,
             JsonObject *object,
             const char *key,
             FieldFlags  flags,
             gboolean   *out_has,
             double     *out_value)
{
  JsonNode *node;
  gsize mark;

  if (!member (r, object, key, flags, &node, &mark))
    return FALSE;

  if (node == NULL)
    {
      if (out_has != NULL)
        *out_has = FALSE;
    }
  else if (node_is_number (node))
    {
      if (out_has != NULL)
        *out_has = TRUE;
      *out_value = json_node_get_double (node);
    }
  else
    return wrong_type (r, node, _("a number"));

  pop (r, mark);
  return TRUE;
}

/* An integer node: an integer token, or a number with an integral value ("5.0",
 * "1e3"), within ±2^53. */
static gboolean
node_get_integer (Reader   *r,
                  JsonNode *node,
                  gint64   *out)
{
  double value;

  if (!node_is_number (node))
    return wrong_type (r, node, _("an integer"));

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }

  value = json_node_get_double (node);
  if (value != floor (value) || fabs (value) > (double) MAX_SAFE_INTEGER)
    {
      g_autofree char *text = keel_json_format_number (value);
      return fail (r, KEEL_JSON_ERROR_WRONG_TYPE, _("expected an integer, found %s"), text);
    }

  *out = (gint64) value;
  return TRUE;
}

static gboolean
read_integer (Reader     *r,
              JsonObject *object,
              const char *key,
              FieldFlags  flags,
              gboolean   *out_has,
              gint64     *out_value)
{
  JsonNode *node;
  gsize mark;

  if (!member (r, object, key, flags, &node, &mark))
    return FALSE;

  if (out_has != NULL)
    *out_has = node != NULL;
  if (node != NULL && !node_get_integer (r, node, out_value))
    return FALSE;

  pop (r, mark);
  return TRUE;
}

static gboolean
read_bool (Reader     *r,
           JsonObject *object,
           const char *key,
           FieldFlags  flags,
           gboolean   *out)
{
  JsonNode *node;
  gsize mark;

  if (!member (r, object, key, flags, &node, &mark))
    return FALSE;

  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return wrong_type (r, node, _("true or false"));
      *out = json_node_get_boolean (node);
    }

  pop (r, mark);
  return TRUE;
}

/* The enumerations as tables of their JSON names, for reading and for messages. */
typedef const char *(*NameFunc) (guint value);

#define ENUM_NAMES(Type, prefix) \
  static const char * \
  prefix##_name (guint value) \
  { \
    return prefix##_to_string ((Type) value); \
  }

ENUM_NAMES (KeelDimension, keel_dimension)
ENUM_NAMES (KeelItemKind, keel_item_kind)
ENUM_NAMES (KeelHorizon, keel_horizon)
ENUM_NAMES (KeelStatus, keel_status)
ENUM_NAMES (KeelQuadrant, keel_quadrant)
ENUM_NAMES (KeelDebtStatus, keel_debt_status)
ENUM_NAMES (KeelEvidenceKind, keel_evidence_kind)
ENUM_NAMES (KeelSignalKind, keel_signal_kind)
ENUM_NAMES (KeelComparison, keel_comparison)
ENUM_NAMES (KeelAnswer, keel_answer)
ENUM_NAMES (KeelRetentionPeriod, keel_retention_period)
ENUM_NAMES (KeelChannelClass, keel_channel_class)

static gboolean
parse_enum (Reader     *r,
            JsonNode   *node,
            const char *what,
            guint       n_values,
            NameFunc    name_of,
            guint      *out)
{
  g_autoptr(GString) list = NULL;
  const char *str;

  if (!node_is_string (node))
    return wrong_type (r, node, _("a string"));

  str = json_node_get_string (node);
  for (guint i = 0; i < n_values; i++)
    if (strcmp (name_of (i), str) == 0)
      {
        *out = i;
        return TRUE;
      }

  list = g_string_new (NULL);
  for (guint i = 0; i < n_values; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, name_of (i));
    }
  /* TRANSLATORS: “soon” is not a horizon (now, next, later) */
  return fail (r, KEEL_JSON_ERROR_BAD_VALUE, _("“%s” is not %s (%s)"), str, _(what),
               list->str);
}

static gboolean
read_enum (Reader     *r,
           JsonObject *object,
           const char *key,
           FieldFlags  flags,
           const char *what,
           guint       n_values,
           NameFunc    name_of,
           gboolean   *out_has,
           guint      *out)
{
  JsonNode *node;
  gsize mark;

  if (!member (r, object, key, flags, &node, &mark))
    return FALSE;

  if (out_has != NULL)
    *out_has = node != NULL;
  if (node != NULL && !parse_enum (r, node, what, n_values, name_of, out))
    return FALSE;

  pop (r, mark);
  return TRUE;
}

#define READ_ENUM(r, object, key, flags, what, n, prefix, out_has, out) \
  G_STMT_START { \
    guint value_ = 0; \
    gboolean has_ = FALSE; \
    if (!read_enum ((r), (object), (key), (flags), (what), (n), prefix##_name, &has_, &value_)) \
      return FALSE; \
    if (has_) \
      *(out) = value_; \
    if ((out_has) != NULL) \
      *(gboolean *) (out_has) = has_; \
  } G_STMT_END

static gboolean
check_date (Reader     *r,
            const char *date)
{
  if (!keel_date_is_valid (date))
    return fail (r, KEEL_JSON_ERROR_INVALID_DATE,
                 _("“%s” is not a date (YYYY-MM-DD, a day that exists)"), date);
  return TRUE;
}

static gboolean
read_date (Reader      *r,
           JsonObject  *object,
           const char  *key,
           FieldFlags   flags,
           const char **out)
{
  const char *date = NULL;
  gsize mark;

  if (!read_string (r, object, key, flags | NULLABLE, &date))
    return FALSE;

  if (date == NULL)
    {
      if (json_object_has_member (object, key) && !(flags & NULLABLE))
        {
          push_key (r, key);
          return fail (r, KEEL_JSON_ERROR_WRONG_TYPE, _("null is not allowed here"));
        }
      return TRUE;
    }

  mark = push_key (r, key);
  if (!check_date (r, date))
    return FALSE;
  pop (r, mark);

  *out = date;
  return TRUE;
}

static gboolean
read_id (Reader      *r,
         JsonObject  *object,
         Owner        owner,
         guint        index,
         const char **out_id)
{
  const char *id = NULL;
  gpointer previous;
  gsize mark;

  if (!read_string (r, object, "id", REQUIRED, &id))
    return FALSE;

  mark = push_key (r, "id");
  if (id[0] == '\0')
    return fail (r, KEEL_JSON_ERROR_INVALID, _("an id cannot be empty"));

  previous = g_hash_table_lookup (r->ids, id);
  if (previous != NULL)
    return fail (r, KEEL_JSON_ERROR_DUPLICATE_ID,
                 _("“%s” is already the id of %s[%u] (ids are unique across the project)"),
                 id, owner_collections[OWNER_OF (previous)], INDEX_OF (previous));

  g_hash_table_insert (r->ids, (gpointer) id, OWNER_PACK (owner, index));
  pop (r, mark);

  *out_id = id;
  return TRUE;
}

/* A list of ids (links), each a non-empty string, none twice. Whether they exist is
 * checked once every id is known (resolve_links()). */
static gboolean
read_links (Reader      *r,
            JsonObject  *object,
            const char  *key,
            GPtrArray  **out_links)
{
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = NULL;
  JsonNode *node;
  JsonArray *array;
  gsize mark;
  guint n;

  if (!member (r, object, key, OPTIONAL, &node, &mark))
    return FALSE;

  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return wrong_type (r, node, _("an array of ids"));

      array = json_node_get_array (node);
      n = json_array_get_length (array);
      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *id;
          gsize element_mark = push_index (r, i);
          gboolean repeated = FALSE;

          if (!node_is_string (element))
            return wrong_type (r, element, _("an id (a string)"));
          id = json_node_get_string (element);

          /* Lists are short; a set only for long ones keeps this linear. */
          if (seen != NULL)
            repeated = g_hash_table_contains (seen, id);
          else
            for (guint j = 0; j < links->len && !repeated; j++)
              repeated = strcmp (g_ptr_array_index (links, j), id) == 0;
          if (repeated)
            return fail (r, KEEL_JSON_ERROR_REPEATED_LINK,
                         _("“%s” is already in this list"), id);

          g_ptr_array_add (links, g_strdup (id));
          if (seen == NULL && links->len > 16)
            {
              seen = g_hash_table_new (g_str_hash, g_str_equal);
              for (guint j = 0; j < links->len; j++)
                g_hash_table_add (seen, g_ptr_array_index (links, j));
            }
          else if (seen != NULL)
            g_hash_table_add (seen, g_ptr_array_index (links, links->len - 1));

          pop (r, element_mark);
        }
    }

  pop (r, mark);
  *out_links = g_steal_pointer (&links);
  return TRUE;
}

static JsonArray *
read_array (Reader     *r,
            JsonObject *object,
            const char *key,
            gsize      *mark)
{
  JsonNode *node;

  if (!member (r, object, key, OPTIONAL, &node, mark))
    return NULL;

  if (node == NULL)
    return json_array_new ();

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      wrong_type (r, node, _("an array"));
      return NULL;
    }

  return json_array_ref (json_node_get_array (node));
}

/* Each element of an array of objects, with the path pointing at it. */
static JsonObject *
element_object (Reader    *r,
                JsonArray *array,
                guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      wrong_type (r, node, _("an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

/* ---- The parts of a project ---- */

static gboolean
read_settings (Reader     *r,
               JsonObject *root)
{
  const char * const *keys;
  guint n_keys = 0;
  JsonNode *node;
  JsonObject *object;
  g_autoptr(GError) local_error = NULL;
  gsize mark;

  if (!member (r, root, "settings", OPTIONAL, &node, &mark))
    return FALSE;
  if (node == NULL)
    {
      pop (r, mark);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (r, node, _("an object"));

  object = json_node_get_object (node);
  keys = keel_settings_get_keys (&n_keys);
  if (!check_keys (r, object, keys, N_("settings")))
    return FALSE;

  for (guint i = 0; i < n_keys; i++)
    {
      double value = 0;
      gboolean has = FALSE;

      if (keel_settings_key_is_integer (keys[i]))
        {
          gint64 integer = 0;

          if (!read_integer (r, object, keys[i], OPTIONAL, &has, &integer))
            return FALSE;
          value = (double) integer;
        }
      else if (!read_number (r, object, keys[i], OPTIONAL, &has, &value))
        return FALSE;

      if (has && !keel_settings_set_value (&r->settings, keys[i], value))
        {
          gsize key_mark = push_key (r, keys[i]);
          fail (r, KEEL_JSON_ERROR_INVALID, _("this value is not allowed"));
          pop (r, key_mark);
          return FALSE;
        }
    }

  if (!keel_settings_validate (&r->settings, &local_error))
    {
      /* Name the key: the first one that is refused on its own. */
      for (guint i = 0; i < n_keys; i++)
        {
          KeelSettings alone;
          double value = 0;

          keel_settings_init_defaults (&alone);
          keel_settings_get_value (&r->settings, keys[i], &value);
          keel_settings_set_value (&alone, keys[i], value);
          if (!keel_settings_validate (&alone, NULL))
            {
              push_key (r, keys[i]);
              break;
            }
        }
      return fail (r, KEEL_JSON_ERROR_INVALID, "%s", local_error->message);
    }

  pop (r, mark);
  return TRUE;
}

static const char * const signal_keys[] = {
  "id", "kind", "name", "value", "target", "comparison", "date", "source", "required", NULL,
};

static gboolean
read_signal (Reader     *r,
             JsonObject *object,
             guint       index)
{
  g_autoptr(KeelSignal) signal = NULL;
  const char *id = NULL;
  KeelSignalKind kind = KEEL_SIGNAL_KIND_CUSTOM;
  const char *name = NULL, *date = NULL, *source = NULL;
  KeelComparison comparison = KEEL_COMPARISON_GE;
  gboolean has_comparison = FALSE;
  gboolean required = FALSE;

  if (!check_keys (r, object, signal_keys, N_("a signal")) ||
      !read_id (r, object, OWNER_SIGNAL, index, &id))
    return FALSE;

  READ_ENUM (r, object, "kind", REQUIRED, N_("a signal kind"), KEEL_N_SIGNAL_KINDS,
             keel_signal_kind, (gboolean *) NULL, &kind);

  signal = keel_signal_new (id, kind);
  signal->position = index;

  if (!read_string (r, object, "name", NULLABLE, &name) ||
      !read_bool (r, object, "required", REQUIRED, &required))
    return FALSE;
  signal->name = g_strdup (name);
  signal->required = required;

  if (kind != KEEL_SIGNAL_KIND_CUSTOM)
    {
      /* The data signals are computed: a value of their own would be lost. */
      static const char * const custom_only[] = {
        "value", "target", "comparison", "date", "source",
      };

      for (guint i = 0; i < G_N_ELEMENTS (custom_only); i++)
        {
          JsonNode *node = json_object_get_member (object, custom_only[i]);

          if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
            {
              push_key (r, custom_only[i]);
              return fail (r, KEEL_JSON_ERROR_INVALID,
                           _("only a custom signal has this field (this one is %s); use null"),
                           keel_signal_kind_to_string (kind));
            }
        }
    }
  else
    {
      if (!read_number (r, object, "value", NULLABLE, &signal->has_value, &signal->value) ||
          !read_number (r, object, "target", NULLABLE, &signal->has_target, &signal->target) ||
          !read_date (r, object, "date", NULLABLE, &date) ||
          !read_string (r, object, "source", NULLABLE, &source))
        return FALSE;

      READ_ENUM (r, object, "comparison", NULLABLE, N_("a comparison"), KEEL_N_COMPARISONS,
                 keel_comparison, &has_comparison, &comparison);
      signal->comparison = comparison;
      signal->date = g_strdup (date);
      signal->source = g_strdup (source);
    }

  g_ptr_array_add (r->signals, g_steal_pointer (&signal));
  return TRUE;
}

static const char * const evidence_keys[] = {
  "id", "kind", "summary", "source", "date", "value", "unit", NULL,
};

static gboolean
read_evidence (Reader     *r,
               JsonObject *object,
               guint       index)
{
  g_autoptr(KeelEvidence) evidence = NULL;
  const char *id = NULL, *summary = NULL, *source = NULL, *date = NULL, *unit = NULL;
  KeelEvidenceKind kind = KEEL_EVIDENCE_KIND_OTHER;

  if (!check_keys (r, object, evidence_keys, N_("an evidence item")) ||
      !read_id (r, object, OWNER_EVIDENCE, index, &id))
    return FALSE;

  READ_ENUM (r, object, "kind", REQUIRED, N_("an evidence kind"), KEEL_N_EVIDENCE_KINDS,
             keel_evidence_kind, (gboolean *) NULL, &kind);

  evidence = keel_evidence_new (id);
  evidence->kind = kind;
  if (!read_string (r, object, "summary", REQUIRED, &summary) ||
      !read_string (r, object, "source", REQUIRED, &source) ||
      !read_date (r, object, "date", REQUIRED, &date) ||
      !read_number (r, object, "value", NULLABLE, &evidence->has_value, &evidence->value) ||
      !read_string (r, object, "unit", NULLABLE, &unit))
    return FALSE;

  g_free (evidence->summary);
  evidence->summary = g_strdup (summary);
  g_free (evidence->source);
  evidence->source = g_strdup (source);
  g_free (evidence->date);
  evidence->date = g_strdup (date);
  evidence->unit = g_strdup (unit);

  g_ptr_array_add (r->evidence, g_steal_pointer (&evidence));
  return TRUE;
}

static const char * const item_keys[] = {
  "id", "title", "description", "dimension", "kind", "horizon", "status", "position",
  "effort_days", "owner", "target", "evidence", "debts", "depends_on", NULL,
};

static void
replace_links (GPtrArray **field,
               GPtrArray  *links)
{
  g_clear_pointer (field, g_ptr_array_unref);
  *field = links;
}

static gboolean
read_item (Reader     *r,
           JsonObject *object,
           guint       index)
{
  g_autoptr(KeelItem) item = NULL;
  const char *id = NULL, *title = NULL, *description = "", *owner = NULL, *target = NULL;
  KeelDimension dimension = KEEL_DIMENSION_PRODUCT;
  KeelItemKind kind = KEEL_ITEM_KIND_OTHER;
  KeelHorizon horizon = KEEL_HORIZON_LATER;
  KeelStatus status = KEEL_STATUS_IDEA;
  gboolean has_position = FALSE;
  gint64 position = 0;
  GPtrArray *evidence = NULL, *debts = NULL, *depends_on = NULL;

  if (!check_keys (r, object, item_keys, N_("an item")) ||
      !read_id (r, object, OWNER_ITEM, index, &id) ||
      !read_string (r, object, "title", REQUIRED, &title) ||
      !read_string (r, object, "description", OPTIONAL, &description))
    return FALSE;

  READ_ENUM (r, object, "dimension", REQUIRED, N_("a dimension"), KEEL_N_DIMENSIONS,
             keel_dimension, (gboolean *) NULL, &dimension);
  READ_ENUM (r, object, "kind", REQUIRED, N_("an item kind"), KEEL_N_ITEM_KINDS,
             keel_item_kind, (gboolean *) NULL, &kind);
  READ_ENUM (r, object, "horizon", REQUIRED, N_("a horizon"), KEEL_N_HORIZONS,
             keel_horizon, (gboolean *) NULL, &horizon);
  READ_ENUM (r, object, "status", REQUIRED, N_("a status"), KEEL_N_STATUSES,
             keel_status, (gboolean *) NULL, &status);

  item = keel_item_new (id);
  item->dimension = dimension;
  item->kind = kind;
  item->horizon = horizon;
  item->status = status;

  if (!read_integer (r, object, "position", OPTIONAL, &has_position, &position) ||
      !read_number (r, object, "effort_days", NULLABLE,
                    &item->has_effort_days, &item->effort_days) ||
      !read_string (r, object, "owner", NULLABLE, &owner) ||
      !read_date (r, object, "target", NULLABLE, &target))
    return FALSE;

  /* Without a position, the order in the array is the order on the board. */
  item->position = has_position ? position : (gint64) index;
  g_free (item->title);
  item->title = g_strdup (title);
  g_free (item->description);
  item->description = g_strdup (description);
  item->owner = g_strdup (owner);
  item->target = g_strdup (target);

  if (!read_links (r, object, "evidence", &evidence))
    return FALSE;
  replace_links (&item->evidence, evidence);
  if (!read_links (r, object, "debts", &debts))
    return FALSE;
  replace_links (&item->debts, debts);
  if (!read_links (r, object, "depends_on", &depends_on))
    return FALSE;

  g_ptr_array_add (r->items, g_steal_pointer (&item));
  g_ptr_array_add (r->depends, depends_on);
  return TRUE;
}

static const char * const debt_keys[] = {
  "id", "title", "component", "quadrant", "principal_days", "interest_hours_per_week",
  "bottleneck", "hard_ceiling", "status", "owner", "recorded", "evidence", NULL,
};

static gboolean
read_debt (Reader     *r,
           JsonObject *object,
           guint       index)
{
  g_autoptr(KeelDebt) debt = NULL;
  const char *id = NULL, *title = NULL, *component = NULL, *owner = NULL, *recorded = NULL;
  KeelQuadrant quadrant = KEEL_QUADRANT_PRUDENT_DELIBERATE;
  KeelDebtStatus status = KEEL_DEBT_STATUS_OPEN;
  GPtrArray *evidence = NULL;

  if (!check_keys (r, object, debt_keys, N_("a debt")) ||
      !read_id (r, object, OWNER_DEBT, index, &id) ||
      !read_string (r, object, "title", REQUIRED, &title) ||
      !read_string (r, object, "component", REQUIRED, &component))
    return FALSE;

  READ_ENUM (r, object, "quadrant", REQUIRED, N_("a quadrant"), KEEL_N_QUADRANTS,
             keel_quadrant, (gboolean *) NULL, &quadrant);

  debt = keel_debt_new (id);
  debt->quadrant = quadrant;
  if (!read_number (r, object, "principal_days", REQUIRED, NULL, &debt->principal_days) ||
      !read_number (r, object, "interest_hours_per_week", REQUIRED, NULL,
                    &debt->interest_hours_per_week) ||
      !read_bool (r, object, "bottleneck", REQUIRED, &debt->bottleneck) ||
      !read_bool (r, object, "hard_ceiling", REQUIRED, &debt->hard_ceiling))
    return FALSE;

  READ_ENUM (r, object, "status", REQUIRED, N_("a debt status"), KEEL_N_DEBT_STATUSES,
             keel_debt_status, (gboolean *) NULL, &status);
  debt->status = status;

  if (!read_string (r, object, "owner", NULLABLE, &owner) ||
      !read_date (r, object, "recorded", REQUIRED, &recorded) ||
      !read_links (r, object, "evidence", &evidence))
    return FALSE;

  g_free (debt->title);
  debt->title = g_strdup (title);
  g_free (debt->component);
  debt->component = g_strdup (component);
  debt->owner = g_strdup (owner);
  g_free (debt->recorded);
  debt->recorded = g_strdup (recorded);
  replace_links (&debt->evidence, evidence);

  g_ptr_array_add (r->debts, g_steal_pointer (&debt));
  return TRUE;
}

typedef gboolean (*ReadElement) (Reader *r, JsonObject *object, guint index);

/* Reads the array @key of @root, each element an object read by @read_element. */
static gboolean
read_objects (Reader      *r,
              JsonObject  *root,
              const char  *key,
              ReadElement  read_element)
{
  g_autoptr(JsonArray) array = NULL;
  gsize mark;
  guint n;

  array = read_array (r, root, key, &mark);
  if (array == NULL)
    return FALSE;

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      gsize element_mark = push_index (r, i);
      JsonObject *object = element_object (r, array, i);

      if (object == NULL || !read_element (r, object, i))
        return FALSE;
      pop (r, element_mark);
    }

  pop (r, mark);
  return TRUE;
}

/* ---- Datasets ---- */

static const char * const cohort_keys[] = { "cohort", "size", "retained", NULL };

static gboolean
read_cohort (Reader     *r,
             JsonObject *object,
             guint       index)
{
  CohortRow row = { NULL, 0, r->counts->len, 0 };
  JsonNode *node;
  JsonArray *array;
  gsize mark;

  if (!check_keys (r, object, cohort_keys, N_("a retention cohort")) ||
      !read_date (r, object, "cohort", REQUIRED, &row.cohort) ||
      !read_integer (r, object, "size", REQUIRED, NULL, &row.size) ||
      !member (r, object, "retained", REQUIRED, &node, &mark))
    return FALSE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (r, node, _("an array of counts"));

  array = json_node_get_array (node);
  row.n_periods = json_array_get_length (array);
  for (guint i = 0; i < row.n_periods; i++)
    {
      gsize count_mark = push_index (r, i);
      gint64 count = 0;

      if (!node_get_integer (r, json_array_get_element (array, i), &count))
        return FALSE;
      g_array_append_val (r->counts, count);
      pop (r, count_mark);
    }
  pop (r, mark);

  g_array_append_val (r->cohorts, row);
  return TRUE;
}

static const char * const survey_keys[] = { "answer", "date", "segment", "respondent", NULL };

static gboolean
read_survey_row (Reader     *r,
                 JsonObject *object,
                 guint       index)
{
  SurveyRow row = { KEEL_ANSWER_VERY_DISAPPOINTED, NULL, NULL, NULL };

  if (!check_keys (r, object, survey_keys, N_("a survey response")))
    return FALSE;

  READ_ENUM (r, object, "answer", REQUIRED, N_("an answer"), KEEL_N_ANSWERS,
             keel_answer, (gboolean *) NULL, &row.answer);

  /* A response without a date takes the date of the import (keel_import_add_survey). */
  if (!read_date (r, object, "date", NULLABLE, &row.date) ||
      !read_string (r, object, "segment", NULLABLE, &row.segment) ||
      !read_string (r, object, "respondent", NULLABLE, &row.respondent))
    return FALSE;

  g_array_append_val (r->survey, row);
  return TRUE;
}

static const char * const acquisition_keys[] = { "period", "channel", "new_users", NULL };

/* "YYYY-MM" or a "YYYY-MM-DD" start. */
static gboolean
period_is_valid (const char *period)
{
  char date[11];

  if (strlen (period) == 7)
    {
      g_snprintf (date, sizeof date, "%s-01", period);
      return keel_date_is_valid (date);
    }
  return keel_date_is_valid (period);
}

static gboolean
read_acquisition_row (Reader     *r,
                      JsonObject *object,
                      guint       index)
{
  AcquisitionRow row = { NULL, NULL, 0 };
  gsize mark;

  if (!check_keys (r, object, acquisition_keys, N_("an acquisition row")) ||
      !read_string (r, object, "period", REQUIRED, &row.period) ||
      !read_string (r, object, "channel", REQUIRED, &row.channel) ||
      !read_integer (r, object, "new_users", REQUIRED, NULL, &row.new_users))
    return FALSE;

  if (!period_is_valid (row.period))
    {
      mark = push_key (r, "period");
      fail (r, KEEL_JSON_ERROR_INVALID_DATE,
            _("“%s” is not a period (YYYY-MM, or a YYYY-MM-DD start)"), row.period);
      pop (r, mark);
      return FALSE;
    }

  if (row.channel[0] == '\0')
    {
      mark = push_key (r, "channel");
      fail (r, KEEL_JSON_ERROR_INVALID, _("a channel cannot be empty"));
      pop (r, mark);
      return FALSE;
    }

  g_array_append_val (r->acquisition, row);
  return TRUE;
}

static gboolean
read_channel_classes (Reader     *r,
                      JsonObject *datasets)
{
  g_autoptr(GHashTable) folded = NULL;
  JsonObjectIter iter;
  const char *channel;
  JsonNode *node;
  JsonNode *value;
  gsize mark;

  if (!member (r, datasets, "channel_classes", OPTIONAL, &node, &mark))
    return FALSE;
  if (node == NULL)
    {
      pop (r, mark);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (r, node, _("an object"));

  /* casefolded channel -> its spelling in the file */
  folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&iter, &channel, &value))
    {
      gsize channel_mark = push_key (r, channel);
      g_autofree char *key = g_utf8_casefold (channel, -1);
      const char *other;
      guint klass = 0;

      if (channel[0] == '\0')
        return fail (r, KEEL_JSON_ERROR_INVALID, _("a channel cannot be empty"));

      other = g_hash_table_lookup (folded, key);
      if (other != NULL)
        return fail (r, KEEL_JSON_ERROR_DUPLICATE_KEY,
                     _("“%s” is the same channel as “%s” (channels match whatever their case)"),
                     channel, other);
      g_hash_table_insert (folded, g_steal_pointer (&key), (gpointer) channel);

      if (!parse_enum (r, value, N_("a channel class"), KEEL_N_CHANNEL_CLASSES,
                       keel_channel_class_name, &klass))
        return FALSE;

      g_ptr_array_add (r->channels, (gpointer) channel);
      g_array_append_val (r->classes, klass);
      pop (r, channel_mark);
    }

  pop (r, mark);
  return TRUE;
}

static const char * const dataset_keys[] = {
  "retention_period", "retention_cohorts", "survey_responses", "acquisition",
  "channel_classes", NULL,
};

static gboolean
read_datasets (Reader     *r,
               JsonObject *root)
{
  JsonNode *node;
  JsonObject *datasets;
  gsize mark;

  if (!member (r, root, "datasets", OPTIONAL, &node, &mark))
    return FALSE;
  if (node == NULL)
    {
      pop (r, mark);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (r, node, _("an object"));

  datasets = json_node_get_object (node);
  if (!check_keys (r, datasets, dataset_keys, N_("datasets")))
    return FALSE;

  READ_ENUM (r, datasets, "retention_period", OPTIONAL, N_("a retention period"),
             KEEL_N_RETENTION_PERIODS, keel_retention_period, (gboolean *) NULL, &r->period);

  if (!read_objects (r, datasets, "retention_cohorts", read_cohort) ||
      !read_objects (r, datasets, "survey_responses", read_survey_row) ||
      !read_objects (r, datasets, "acquisition", read_acquisition_row) ||
      !read_channel_classes (r, datasets))
    return FALSE;

  pop (r, mark);
  return TRUE;
}

/* ---- Links ---- */

static gboolean
resolve_list (Reader     *r,
              GPtrArray  *links,
              Owner       expected,
              const char *what)
{
  for (guint i = 0; links != NULL && i < links->len; i++)
    {
      const char *id = g_ptr_array_index (links, i);
      gpointer owner = g_hash_table_lookup (r->ids, id);

      if (owner == NULL || OWNER_OF (owner) != expected)
        {
          push_index (r, i);
          if (owner == NULL)
            return fail (r, KEEL_JSON_ERROR_DANGLING_ID, _("no %s has the id “%s”"), _(what), id);
          return fail (r, KEEL_JSON_ERROR_DANGLING_ID, _("“%s” is %s[%u], not %s"),
                       id, owner_collections[OWNER_OF (owner)], INDEX_OF (owner), _(what));
        }
    }
  return TRUE;
}

/* Every link names an existing entity of the right kind. Run once every id is known,
 * since an item may depend on one that comes later in the file. */
static gboolean
resolve_links (Reader *r)
{
  for (guint i = 0; i < r->items->len; i++)
    {
      KeelItem *item = g_ptr_array_index (r->items, i);
      gsize mark = r->path->len;

      g_string_append_printf (r->path, "items[%u].evidence", i);
      if (!resolve_list (r, item->evidence, OWNER_EVIDENCE, N_("evidence")))
        return FALSE;
      pop (r, mark);

      g_string_append_printf (r->path, "items[%u].debts", i);
      if (!resolve_list (r, item->debts, OWNER_DEBT, N_("debt")))
        return FALSE;
      pop (r, mark);

      g_string_append_printf (r->path, "items[%u].depends_on", i);
      if (!resolve_list (r, g_ptr_array_index (r->depends, i), OWNER_ITEM, N_("item")))
        return FALSE;
      pop (r, mark);
    }

  for (guint i = 0; i < r->debts->len; i++)
    {
      KeelDebt *debt = g_ptr_array_index (r->debts, i);
      gsize mark = r->path->len;

      g_string_append_printf (r->path, "debts[%u].evidence", i);
      if (!resolve_list (r, debt->evidence, OWNER_EVIDENCE, N_("evidence")))
        return FALSE;
      pop (r, mark);
    }

  return TRUE;
}

/* ---- The document ---- */

static const char * const root_keys[] = {
  "format", "version", "name", "settings", "signals", "datasets", "evidence", "items",
  "debts", NULL,
};

static gboolean
read_format (Reader     *r,
             JsonObject *root)
{
  JsonNode *node;
  gint64 version = 0;
  gsize mark;

  node = json_object_get_member (root, "format");
  mark = push_key (r, "format");
  if (node == NULL || !node_is_string (node) ||
      strcmp (json_node_get_string (node), KEEL_JSON_FORMAT_NAME) != 0)
    return fail (r, KEEL_JSON_ERROR_FORMAT,
                 _("this is not a Keel project (“format” must be “%s”)"),
                 KEEL_JSON_FORMAT_NAME);
  pop (r, mark);

  node = json_object_get_member (root, "version");
  mark = push_key (r, "version");
  if (node == NULL)
    return fail (r, KEEL_JSON_ERROR_FORMAT, _("this required key is missing"));
  if (!node_get_integer (r, node, &version))
    {
      g_clear_error (r->error);
      return fail (r, KEEL_JSON_ERROR_FORMAT, _("expected the integer %d"),
                   KEEL_JSON_FORMAT_VERSION);
    }
  if (version != KEEL_JSON_FORMAT_VERSION)
    {
      /* GLib's 64-bit format cannot appear in a translatable string. */
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      if (version > KEEL_JSON_FORMAT_VERSION)
        return fail (r, KEEL_JSON_ERROR_FORMAT,
                     _("version %s comes from a newer Keel; this one reads version %d"),
                     number, KEEL_JSON_FORMAT_VERSION);
      return fail (r, KEEL_JSON_ERROR_FORMAT, _("version %s does not exist"), number);
    }
  pop (r, mark);

  return TRUE;
}

static gboolean
read_document (Reader     *r,
               JsonNode   *root_node)
{
  JsonObject *root;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    return fail (r, KEEL_JSON_ERROR_FORMAT,
                 _("this is not a Keel project (the document is not an object)"));

  root = json_node_get_object (root_node);
  if (!read_format (r, root) ||
      !check_keys (r, root, root_keys, N_("a project")) ||
      !read_string (r, root, "name", REQUIRED, &r->name) ||
      !read_settings (r, root))
    return FALSE;

  r->has_signals = json_object_has_member (root, "signals");
  if (!read_objects (r, root, "signals", read_signal) ||
      !read_datasets (r, root) ||
      !read_objects (r, root, "evidence", read_evidence) ||
      !read_objects (r, root, "items", read_item) ||
      !read_objects (r, root, "debts", read_debt) ||
      !resolve_links (r))
    return FALSE;

  return TRUE;
}

/* A second data signal of one kind would only repeat the first (the model refuses
 * it too); say so with the JSON path. */
static gboolean
check_signal_kinds (Reader *r)
{
  int first_of_kind[KEEL_N_SIGNAL_KINDS] = { -1, -1, -1, -1 };

  for (guint i = 0; i < r->signals->len; i++)
    {
      KeelSignal *signal = g_ptr_array_index (r->signals, i);

      if (signal->kind == KEEL_SIGNAL_KIND_CUSTOM)
        continue;

      if (first_of_kind[signal->kind] >= 0)
        {
          g_string_append_printf (r->path, "signals[%u].kind", i);
          return fail (r, KEEL_JSON_ERROR_INVALID,
                       _("signals[%d] is already the %s signal (there is one of each data signal)"),
                       first_of_kind[signal->kind], keel_signal_kind_to_string (signal->kind));
        }
      first_of_kind[signal->kind] = (int) i;
    }

  return TRUE;
}

/* ---- Applying ---- */

/* Turns an error of the model into one that names the JSON path @path. */
static gboolean
apply_failed (GError     **error,
              GError      *model_error,
              const char  *path)
{
  KeelJsonError code = KEEL_JSON_ERROR_INVALID;

  if (model_error->domain == KEEL_PROJECT_ERROR)
    {
      switch (model_error->code)
        {
        case KEEL_PROJECT_ERROR_DUPLICATE_ID:
          code = KEEL_JSON_ERROR_DUPLICATE_ID;
          break;
        case KEEL_PROJECT_ERROR_DANGLING_LINK:
        case KEEL_PROJECT_ERROR_UNKNOWN_ID:
          code = KEEL_JSON_ERROR_DANGLING_ID;
          break;
        case KEEL_PROJECT_ERROR_INVALID:
          code = KEEL_JSON_ERROR_INVALID;
          break;
        default:
          /* Storage, read-only: not the file's fault; keep the error as it is. */
          g_propagate_prefixed_error (error, model_error, "%s: ", path);
          return FALSE;
        }
      g_set_error (error, KEEL_JSON_ERROR, code, "%s: %s", path, model_error->message);
      g_error_free (model_error);
      return FALSE;
    }

  g_propagate_prefixed_error (error, model_error, "%s: ", path);
  return FALSE;
}

/* The path of the @index-th entity of the batch apply_entities() hands the project. */
static char *
batch_path (Reader *r,
            guint   index)
{
  GPtrArray *parts[] = { r->signals, r->evidence, r->debts, r->items };
  const char *names[] = { "signals", "evidence", "debts", "items" };

  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    {
      if (index < parts[p]->len)
        return g_strdup_printf ("%s[%u]", names[p], index);
      index -= parts[p]->len;
    }

  return g_strdup ("");
}

static gboolean
apply_entities (Reader       *r,
                KeelProject  *project,
                GError      **error)
{
  GError *local_error = NULL;
  g_autoptr(GPtrArray) old_signals = NULL;
  g_autoptr(GPtrArray) batch = NULL;
  GListModel *signals = keel_project_get_signals (project);
  guint failed = 0;

  /* A project made by New has the default signals: the file's replace them. */
  old_signals = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < g_list_model_get_n_items (signals); i++)
    {
      g_autoptr(KeelSignal) signal = g_list_model_get_item (signals, i);
      g_ptr_array_add (old_signals, g_strdup (signal->id));
    }
  for (guint i = 0; i < old_signals->len; i++)
    if (!keel_project_delete_signal (project, g_ptr_array_index (old_signals, i),
                                     &local_error))
      return apply_failed (error, local_error, "signals");

  /* Items with their dependencies, which may point at items later in the file or form
   * cycles (the checks report those; they are not invalid): one batch, in which links
   * may point forward. */
  batch = g_ptr_array_new ();
  for (guint i = 0; i < r->signals->len; i++)
    g_ptr_array_add (batch, g_ptr_array_index (r->signals, i));
  for (guint i = 0; i < r->evidence->len; i++)
    g_ptr_array_add (batch, g_ptr_array_index (r->evidence, i));
  for (guint i = 0; i < r->debts->len; i++)
    g_ptr_array_add (batch, g_ptr_array_index (r->debts, i));
  for (guint i = 0; i < r->items->len; i++)
    {
      KeelItem *item = g_ptr_array_index (r->items, i);
      GPtrArray *depends_on = g_ptr_array_index (r->depends, i);

      if (depends_on != NULL)
        replace_links (&item->depends_on, g_ptr_array_ref (depends_on));
      g_ptr_array_add (batch, item);
    }

  if (batch->len > 0 &&
      !keel_project_add_entities (project, _("Import JSON"), batch, &failed, &local_error))
    {
      g_autofree char *path = batch_path (r, failed);
      return apply_failed (error, local_error, path);
    }

  if (!r->has_signals && !keel_project_add_default_signals (project, &local_error))
    return apply_failed (error, local_error, "signals");

  return TRUE;
}

static gboolean
apply_channel_classes (Reader       *r,
                       KeelProject  *project,
                       GError      **error)
{
  for (guint i = 0; i < r->channels->len; i++)
    {
      GError *local_error = NULL;
      const char *channel = g_ptr_array_index (r->channels, i);

      if (!keel_project_set_channel_class (project, channel,
                                           g_array_index (r->classes, KeelChannelClass, i),
                                           &local_error))
        {
          g_autofree char *path = g_strdup_printf ("datasets.channel_classes[\"%s\"]", channel);
          return apply_failed (error, local_error, path);
        }
    }

  return TRUE;
}

static gboolean
apply_dataset (Reader       *r,
               KeelProject  *project,
               KeelDataset   dataset,
               GError      **error)
{
  static const char * const paths[] = {
    "datasets.retention_cohorts", "datasets.survey_responses", "datasets.acquisition",
  };
  GError *local_error = NULL;
  KeelImport *import;
  guint n_rows;

  switch (dataset)
    {
    case KEEL_DATASET_RETENTION:
      n_rows = r->cohorts->len;
      break;
    case KEEL_DATASET_SURVEY:
      n_rows = r->survey->len;
      break;
    case KEEL_DATASET_ACQUISITION:
    default:
      n_rows = r->acquisition->len;
      break;
    }

  if (n_rows == 0)
    return TRUE;

  import = keel_project_begin_import (project, dataset, FALSE, _("JSON"), &local_error);
  if (import == NULL)
    return apply_failed (error, local_error, paths[dataset]);

  if (dataset == KEEL_DATASET_RETENTION)
    keel_import_set_retention_period (import, r->period);

  for (guint i = 0; i < n_rows; i++)
    {
      gboolean ok;

      switch (dataset)
        {
        case KEEL_DATASET_RETENTION:
          {
            CohortRow *row = &g_array_index (r->cohorts, CohortRow, i);
            ok = keel_import_add_cohort (import, row->cohort, row->size,
                                         &g_array_index (r->counts, gint64, row->first),
                                         row->n_periods, &local_error);
          }
          break;
        case KEEL_DATASET_SURVEY:
          {
            SurveyRow *row = &g_array_index (r->survey, SurveyRow, i);
            ok = keel_import_add_survey (import, row->answer, row->date, row->segment,
                                         row->respondent, &local_error);
          }
          break;
        case KEEL_DATASET_ACQUISITION:
        default:
          {
            AcquisitionRow *row = &g_array_index (r->acquisition, AcquisitionRow, i);
            ok = keel_import_add_acquisition (import, row->period, row->channel,
                                              row->new_users, &local_error);
          }
          break;
        }

      if (!ok)
        {
          g_autofree char *path = g_strdup_printf ("%s[%u]", paths[dataset], i);
          keel_project_abort_import (project, import);
          return apply_failed (error, local_error, path);
        }
    }

  if (!keel_project_commit_import (project, import, &local_error))
    return apply_failed (error, local_error, paths[dataset]);

  return TRUE;
}

static gboolean
apply (Reader       *r,
       KeelProject  *project,
       GError      **error)
{
  GError *local_error = NULL;

  if (g_strcmp0 (keel_project_get_name (project), r->name) != 0 &&
      !keel_project_set_name (project, r->name, &local_error))
    return apply_failed (error, local_error, "name");

  if (!keel_settings_equal (keel_project_get_settings (project), &r->settings) &&
      !keel_project_set_settings (project, &r->settings, &local_error))
    return apply_failed (error, local_error, "settings");

  if (keel_project_get_retention_period (project) != r->period &&
      !keel_project_set_retention_period (project, r->period, &local_error))
    return apply_failed (error, local_error, "datasets.retention_period");

  return apply_entities (r, project, error)
      && apply_channel_classes (r, project, error)
      && apply_dataset (r, project, KEEL_DATASET_RETENTION, error)
      && apply_dataset (r, project, KEEL_DATASET_SURVEY, error)
      && apply_dataset (r, project, KEEL_DATASET_ACQUISITION, error);
}

static gboolean
project_is_empty (KeelProject *project)
{
  return g_list_model_get_n_items (keel_project_get_evidence (project)) == 0
      && g_list_model_get_n_items (keel_project_get_items (project)) == 0
      && g_list_model_get_n_items (keel_project_get_debts (project)) == 0
      && keel_project_count_rows (project, KEEL_DATASET_RETENTION) == 0
      && keel_project_count_rows (project, KEEL_DATASET_SURVEY) == 0
      && keel_project_count_rows (project, KEEL_DATASET_ACQUISITION) == 0;
}

/* Reads the whole document, checking everything that can be checked without the
 * project. */
static gboolean
read_all (Reader   *r,
          JsonNode *root)
{
  return read_document (r, root) && check_signal_kinds (r);
}

/* Fills @project with what @r read, as one undoable step: all of it or nothing. */
static gboolean
apply_all (Reader       *r,
           KeelProject  *project,
           GError      **error)
{
  keel_project_begin_group (project, _("Import JSON"));
  if (!apply (r, project, error))
    {
      keel_project_abort_group (project);
      return FALSE;
    }
  return keel_project_end_group (project, error);
}

/**
 * keel_json_import:
 * @empty_project: a new project: no evidence, items, debts or dataset rows (its
 *   default signals, settings and name are replaced)
 * @json: the text of a Keel JSON document
 * @length: its length in bytes
 * @error: return location for a #KEEL_JSON_ERROR (or an error of the working copy)
 *
 * Reads @json strictly (doc/file-format.md) and fills @empty_project with it, as one
 * undoable step. Everything is checked before anything changes; if the project still
 * refuses an edit, the whole step is rolled back. On error @empty_project is as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_json_import (KeelProject  *empty_project,
                  const char   *json,
                  gsize         length,
                  GError      **error)
{
  g_autoptr(JsonNode) root = NULL;
  Reader r;
  gboolean ok;

  g_return_val_if_fail (KEEL_IS_PROJECT (empty_project), FALSE);
  g_return_val_if_fail (json != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!project_is_empty (empty_project))
    {
      g_set_error_literal (error, KEEL_JSON_ERROR, KEEL_JSON_ERROR_NOT_EMPTY,
                           _("A JSON project can only be imported into a new, empty project."));
      return FALSE;
    }

  root = parse_strict (json, length, error);
  if (root == NULL)
    return FALSE;

  reader_init (&r, error);
  ok = read_all (&r, root) && apply_all (&r, empty_project, error);
  reader_clear (&r);

  return ok;
}

/**
 * keel_json_import_new_document:
 * @file: the project file to create; it must not exist
 * @json: the text of a Keel JSON document
 * @length: its length in bytes
 * @error: return location for an error
 *
 * Creates the project file @file from @json: a new document, filled in one step and
 * written once. On any error nothing is written: @file is not created and the working
 * copy is removed.
 *
 * Returns: (transfer full): the document, written and still open (close it with
 *   keel_document_close()), or %NULL on error
 */
KeelDocument *
keel_json_import_new_document (GFile       *file,
                               const char  *json,
                               gsize        length,
                               GError     **error)
{
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelProject) project = NULL;
  g_autoptr(JsonNode) root = NULL;
  Reader r;
  gboolean ok;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (json != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Refused text creates nothing, not even a working copy: read it all first. */
  root = parse_strict (json, length, error);
  if (root == NULL)
    return NULL;

  reader_init (&r, error);
  ok = read_all (&r, root);
  if (ok)
    {
      document = keel_document_create (file, error);
      ok = document != NULL;
    }
  if (ok)
    {
      project = keel_project_load (document, error);
      ok = project != NULL
        && apply_all (&r, project, error)
        && keel_document_write_back (document, KEEL_WRITE_BACK_DEFAULT, NULL, error);
      if (!ok)
        keel_document_close (document);
    }
  reader_clear (&r);

  return ok ? g_steal_pointer (&document) : NULL;
}
