/* test-json.c: the JSON interchange format — strict scanning, the typed import, the
 * deterministic export, number formatting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "keel-document.h"
#include "keel-json.h"
#include "keel-project.h"
#include "keel-schema.h"

/* ---- Fixtures ---- */

typedef struct {
  char        *dir;
  KeelDb      *db;
  KeelProject *project;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* A fresh project on a bare database: what keel_json_import() expects. */
static KeelProject *
new_project (const char  *dir,
             const char  *name,
             KeelDb     **out_db)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(KeelDb) db = NULL;
  KeelProject *project;

  db = keel_db_open (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  keel_schema_create (db, &error);
  g_assert_no_error (error);

  project = keel_project_load_db (db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);

  if (out_db != NULL)
    *out_db = g_steal_pointer (&db);
  return project;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("keel-test-json-XXXXXX", &error);
  g_assert_no_error (error);
  f->project = new_project (f->dir, "a.sqlite", &f->db);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->project);
  g_clear_object (&f->db);
  remove_tree (f->dir);
  g_free (f->dir);
}

static char *
read_data_file (const char *name,
                gsize      *out_length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "json", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, out_length, &error);
  g_assert_no_error (error);
  return contents;
}

/* Compares two texts; on a difference, says on which line, which reads better than
 * two 30 KB strings. */
static void
assert_same_text (const char *expected,
                  const char *actual)
{
  g_auto(GStrv) want = NULL;
  g_auto(GStrv) got = NULL;

  if (strcmp (expected, actual) == 0)
    return;

  want = g_strsplit (expected, "\n", -1);
  got = g_strsplit (actual, "\n", -1);
  for (guint i = 0; want[i] != NULL || got[i] != NULL; i++)
    {
      if (want[i] == NULL || got[i] == NULL || strcmp (want[i], got[i]) != 0)
        {
          g_test_message ("line %u differs:\n  expected: %s\n  actual:   %s", i + 1,
                          want[i] ? want[i] : "(end)", got[i] ? got[i] : "(end)");
          break;
        }
    }
  g_assert_cmpstr (expected, ==, actual);
}

static char *
export (KeelProject *project)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  char *json;

  json = keel_json_export (project, &length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json);
  g_assert_cmpuint (strlen (json), ==, length);
  return json;
}

static void
import_ok (KeelProject *project,
           const char  *json)
{
  g_autoptr(GError) error = NULL;

  keel_json_import (project, json, strlen (json), &error);
  g_assert_no_error (error);
}

/* The project has nothing in it: what a refused import must leave. */
static void
assert_untouched (KeelProject *project)
{
  g_assert_cmpuint (g_list_model_get_n_items (keel_project_get_evidence (project)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (keel_project_get_items (project)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (keel_project_get_debts (project)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (keel_project_get_signals (project)), ==, 0);
  for (KeelDataset d = 0; d < KEEL_N_DATASETS; d++)
    g_assert_cmpuint (keel_project_count_rows (project, d), ==, 0);
  g_assert_cmpuint (g_hash_table_size (keel_project_get_channel_classes (project)), ==, 0);
  g_assert_false (keel_project_can_undo (project));
}

/* ---- Numbers and strings ---- */

static void
assert_number (double      value,
               const char *expected)
{
  g_autofree char *text = keel_json_format_number (value);

  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, value);
}

static void
test_number_format (void)
{
  assert_number (0.4, "0.4");
  assert_number (0.1 + 0.2, "0.30000000000000004");
  assert_number (1e-7, "1e-7");
  assert_number (5, "5");
  assert_number (-5, "-5");
  assert_number (-3.25, "-3.25");
  assert_number (2.5, "2.5");
  assert_number (1e20, "1e+20");
  assert_number (1e15, "1e+15");
  assert_number (123456789012345.0, "123456789012345");
  assert_number (12345678.9, "12345678.9");
  assert_number (9007199254740992.0, "9007199254740992");
  /* An integral double beyond 2^53 must not be written as an integer token, which
   * the importer refuses. */
  assert_number (10000000000000002.0, "1.0000000000000002e+16");
  assert_number (1.5e300, "1.5e+300");
  assert_number (2e-308, "2e-308");

  /* Negative zero reads back equal, and json-glib reads "-0" as the integer 0. */
  {
    g_autofree char *text = keel_json_format_number (-0.0);
    g_assert_cmpstr (text, ==, "0");
  }

  /* Never inf or nan in the output. */
  {
    g_autofree char *inf = keel_json_format_number (INFINITY);
    g_autofree char *nan_text = keel_json_format_number (NAN);
    g_assert_cmpstr (inf, ==, "null");
    g_assert_cmpstr (nan_text, ==, "null");
  }
}

/* Any double: the text reads back exactly, has at most 17 significant digits, and is
 * accepted by the strict scanner. */
static void
test_number_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261001);

  for (guint i = 0; i < 20000; i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *array = NULL;
      g_autoptr(GError) error = NULL;
      double value;

      if (i % 3 == 0)
        {
          guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
          memcpy (&value, &bits, sizeof value);
          if (!isfinite (value))
            continue;
        }
      else if (i % 3 == 1)
        value = g_rand_double_range (rand, -1000, 1000);
      else
        value = round (g_rand_double_range (rand, -1e18, 1e18));

      text = keel_json_format_number (value);
      g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, value);

      array = g_strdup_printf ("[%s]", text);
      keel_json_check_syntax (array, strlen (array), &error);
      g_assert_no_error (error);
    }
}

static void
test_string_escape (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *tricky = "quote \" backslash \\ slash / tab \t nl \n cr \r bs \b ff \f "
                       "bell \a unit \x1f del \x7f é € 😀";

  keel_json_append_string (out, tricky);
  g_assert_cmpstr (out->str, ==,
                   "\"quote \\\" backslash \\\\ slash / tab \\t nl \\n cr \\r bs \\b ff \\f "
                   "bell \\u0007 unit \\u001f del \x7f é € 😀\"");

  /* It reads back as the same string. */
  g_string_prepend_c (out, '[');
  g_string_append_c (out, ']');
  keel_json_check_syntax (out->str, out->len, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, out->str, out->len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_array_get_string_element (json_node_get_array (json_parser_get_root (parser)), 0),
                   ==, tricky);

  /* Invalid UTF-8 (a damaged file) still gives valid JSON. */
  g_string_truncate (out, 0);
  keel_json_append_string (out, "ab\xff" "c");
  g_assert_true (g_utf8_validate (out->str, -1, NULL));
  g_assert_cmpstr (out->str, ==, "\"ab\xef\xbf\xbd" "c\"");

  g_string_truncate (out, 0);
  keel_json_append_string (out, NULL);
  g_assert_cmpstr (out->str, ==, "null");
}

/* ---- The strict scanner ---- */

typedef struct {
  const char    *json;
  KeelJsonError  code;
  const char    *where;   /* "line L, column C" */
} SyntaxCase;

static const SyntaxCase syntax_cases[] = {
  { "{\n  // a comment\n  \"a\": 1\n}", KEEL_JSON_ERROR_SYNTAX, "line 2, column 3" },
  { "{\"a\": /* c */ 1}", KEEL_JSON_ERROR_SYNTAX, "line 1, column 7" },
  { "{\n  \"size\": 0x10\n}", KEEL_JSON_ERROR_NUMBER, "line 2, column 11" },
  { "[01]", KEEL_JSON_ERROR_NUMBER, "line 1, column 2" },
  { "[.5]", KEEL_JSON_ERROR_NUMBER, "line 1, column 2" },
  { "[+1]", KEEL_JSON_ERROR_NUMBER, "line 1, column 2" },
  { "[1.]", KEEL_JSON_ERROR_NUMBER, "line 1, column 2" },
  { "[1e]", KEEL_JSON_ERROR_NUMBER, "line 1, column 2" },
  { "[NaN]", KEEL_JSON_ERROR_NUMBER, "line 1, column 2" },
  { "[1, Infinity]", KEEL_JSON_ERROR_NUMBER, "line 1, column 5" },
  { "[-Infinity]", KEEL_JSON_ERROR_NUMBER, "line 1, column 2" },
  { "[9007199254740993]", KEEL_JSON_ERROR_NUMBER, "line 1, column 2" },
  { "[-9007199254740993]", KEEL_JSON_ERROR_NUMBER, "line 1, column 2" },
  { "[18446744073709551617]", KEEL_JSON_ERROR_NUMBER, "line 1, column 2" },
  { "[1e400]", KEEL_JSON_ERROR_NUMBER, "line 1, column 2" },
  { "[-1e400]", KEEL_JSON_ERROR_NUMBER, "line 1, column 2" },
  { "{'a': 1}", KEEL_JSON_ERROR_SYNTAX, "line 1, column 2" },
  { "[\"a\", 'b']", KEEL_JSON_ERROR_SYNTAX, "line 1, column 7" },
  { "{a: 1}", KEEL_JSON_ERROR_SYNTAX, "line 1, column 2" },
  { "[\"\\x41\"]", KEEL_JSON_ERROR_ENCODING, "line 1, column 3" },
  { "[\"\\u12\"]", KEEL_JSON_ERROR_ENCODING, "line 1, column 3" },
  { "[\"\\ud800\"]", KEEL_JSON_ERROR_ENCODING, "line 1, column 3" },
  { "[\"\\udc00\"]", KEEL_JSON_ERROR_ENCODING, "line 1, column 3" },
  { "[\"\\u0000\"]", KEEL_JSON_ERROR_ENCODING, "line 1, column 3" },
  { "[\"tab\there\"]", KEEL_JSON_ERROR_ENCODING, "line 1, column 6" },
  { "[\"two\nlines\"]", KEEL_JSON_ERROR_ENCODING, "line 1, column 6" },
  { "[\"caf\xe9\"]", KEEL_JSON_ERROR_ENCODING, "line 1, column 6" },
  { "[\"\xc3\xa9\xc3\"]", KEEL_JSON_ERROR_ENCODING, "line 1, column 4" },
  { "[\"\xed\xa0\x80\"]", KEEL_JSON_ERROR_ENCODING, "line 1, column 3" },
  { "\xef\xbb\xbf{}", KEEL_JSON_ERROR_ENCODING, "line 1, column 1" },
  { "{\"id\": 1,\n \"id\": 2}", KEEL_JSON_ERROR_DUPLICATE_KEY, "line 2, column 2" },
  { "{\"id\": 1, \"\\u0069d\": 2}", KEEL_JSON_ERROR_DUPLICATE_KEY, "line 1, column 11" },
  { "{\"a\": {\"x\": 1}, \"b\": {\"x\": 2}, \"a\": 3}", KEEL_JSON_ERROR_DUPLICATE_KEY, "line 1, column 32" },
  { "{\"a\": 1} {\"b\": 2}", KEEL_JSON_ERROR_TRAILING_DATA, "line 1, column 10" },
  { "[1]\n]", KEEL_JSON_ERROR_TRAILING_DATA, "line 2, column 1" },
  { "[1] // done", KEEL_JSON_ERROR_SYNTAX, "line 1, column 5" },
  { "[1, 2,]", KEEL_JSON_ERROR_SYNTAX, "line 1, column 7" },
  { "{\"a\": 1,}", KEEL_JSON_ERROR_SYNTAX, "line 1, column 9" },
  { "[1 2]", KEEL_JSON_ERROR_SYNTAX, "line 1, column 4" },
  { "[tru]", KEEL_JSON_ERROR_SYNTAX, "line 1, column 2" },
  { "[True]", KEEL_JSON_ERROR_SYNTAX, "line 1, column 2" },
  { "{\"a\" 1}", KEEL_JSON_ERROR_SYNTAX, "line 1, column 6" },
  { "[\"open", KEEL_JSON_ERROR_SYNTAX, "line 1, column 2" },
  { "{\"a\": [1, 2}", KEEL_JSON_ERROR_SYNTAX, "line 1, column 12" },
  { "", KEEL_JSON_ERROR_SYNTAX, "line 1, column 1" },
  { "  \n ", KEEL_JSON_ERROR_SYNTAX, "line 2, column 2" },
  /* Columns count characters: “é” is one. */
  { "[\"é\", x]", KEEL_JSON_ERROR_SYNTAX, "line 1, column 7" },
};

static void
test_syntax_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (syntax_cases); i++)
    {
      const SyntaxCase *c = &syntax_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *escaped = g_strescape (c->json, NULL);
      gboolean ok;

      g_test_message ("case %u: %s", i, escaped);
      ok = keel_json_check_syntax (c->json, strlen (c->json), &error);
      g_assert_false (ok);
      g_assert_error (error, KEEL_JSON_ERROR, (gint) c->code);
      if (!g_str_has_prefix (error->message, c->where))
        g_test_message ("message: %s", error->message);
      g_assert_true (g_str_has_prefix (error->message, c->where));
    }
}

static void
test_syntax_accepts (void)
{
  static const char * const valid[] = {
    "{}", "[]", "0", "-0", "\"x\"", "null", " true ", "false\n",
    "[0, -1, 1.5, -0.0, 1e5, 1E+5, 1e-5, 9007199254740992, -9007199254740992, 1e-400]",
    "{\"a\": {\"a\": {\"a\": 1}}, \"b\": [{\"a\": 1}, {\"a\": 2}]}",
    "[\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\ud83d\\ude00 é 😀\"]",
    "\r\n\t[ 1 , 2 ]\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;

      keel_json_check_syntax (valid[i], strlen (valid[i]), &error);
      g_assert_no_error (error);
    }
}

/* 64 levels pass; 65 do not; a huge run of "[" (which crashes json-glib) is refused
 * at level 65 without recursing further. A NUL byte is not JSON. */
static void
test_syntax_limits (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *flood = NULL;
  g_autoptr(GString) object = g_string_new ("{");

  for (guint i = 0; i < 64; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 64; i++)
    g_string_append_c (deep, ']');
  keel_json_check_syntax (deep->str, deep->len, &error);
  g_assert_no_error (error);

  g_string_prepend_c (deep, '[');
  g_string_append_c (deep, ']');
  keel_json_check_syntax (deep->str, deep->len, &error);
  g_assert_error (error, KEEL_JSON_ERROR, KEEL_JSON_ERROR_TOO_DEEP);
  g_assert_true (g_str_has_prefix (error->message, "line 1, column 65"));
  g_clear_error (&error);

  flood = g_strnfill (200 * 1024, '[');
  keel_json_check_syntax (flood, strlen (flood), &error);
  g_assert_error (error, KEEL_JSON_ERROR, KEEL_JSON_ERROR_TOO_DEEP);
  g_clear_error (&error);

  keel_json_check_syntax ("[1]\0", 4, &error);
  g_assert_error (error, KEEL_JSON_ERROR, KEEL_JSON_ERROR_TRAILING_DATA);
  g_clear_error (&error);

  /* Duplicate detection in a large object (a set, not a linear search). */
  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (object, "\"k%u\": %u, ", i, i);
  g_string_append (object, "\"k500\": 0}");
  keel_json_check_syntax (object->str, object->len, &error);
  g_assert_error (error, KEEL_JSON_ERROR, KEEL_JSON_ERROR_DUPLICATE_KEY);
  g_assert_nonnull (strstr (error->message, "“k500”"));
  g_clear_error (&error);
}

/* ---- Import errors: one per class, each naming its JSON path ---- */

#define EV \
  "{\"id\": \"ev-1\", \"kind\": \"usage\", \"summary\": \"s\", \"source\": \"\", \"date\": \"2026-01-01\"}"
#define DEBT \
  "{\"id\": \"debt-1\", \"title\": \"D\", \"component\": \"c\", \"quadrant\": \"prudent_deliberate\"," \
  " \"principal_days\": 1, \"interest_hours_per_week\": 1, \"bottleneck\": false," \
  " \"hard_ceiling\": false, \"status\": \"open\", \"recorded\": \"2026-01-01\"}"
#define ITEM(id, extra) \
  "{\"id\": \"" id "\", \"title\": \"A\", \"dimension\": \"product\", \"kind\": \"feature\"," \
  " \"horizon\": \"now\", \"status\": \"idea\"" extra "}"
#define DOC(extra) \
  "{\"format\": \"keel-project\", \"version\": 1, \"name\": \"T\"" extra "}"
#define WITH_ITEMS(items) \
  DOC (", \"evidence\": [" EV "], \"debts\": [" DEBT "], \"items\": [" items "]")
#define WITH_DATASETS(datasets) DOC (", \"datasets\": {" datasets "}")
/* The item at items[3]: three good ones before it. */
#define FOURTH(extra) \
  WITH_ITEMS (ITEM ("it-1", "") ", " ITEM ("it-2", "") ", " ITEM ("it-3", "") ", " \
              "{\"id\": \"it-4\", \"title\": \"A\", \"dimension\": \"product\"," \
              " \"kind\": \"feature\", \"status\": \"idea\"" extra "}")

typedef struct {
  const char    *name;
  const char    *json;
  KeelJsonError  code;
  const char    *message;   /* the start of the error message */
} ImportCase;

static const ImportCase import_cases[] = {
  /* The document */
  { "not-an-object", "[1, 2]", KEEL_JSON_ERROR_FORMAT, "this is not a Keel project" },
  { "format-missing", "{\"version\": 1, \"name\": \"T\"}", KEEL_JSON_ERROR_FORMAT, "format: " },
  { "format-other", "{\"format\": \"keel\", \"version\": 1, \"name\": \"T\"}",
    KEEL_JSON_ERROR_FORMAT, "format: this is not a Keel project" },
  { "version-newer", "{\"format\": \"keel-project\", \"version\": 2, \"name\": \"T\"}",
    KEEL_JSON_ERROR_FORMAT, "version: version 2 comes from a newer Keel" },
  { "version-string", "{\"format\": \"keel-project\", \"version\": \"1\", \"name\": \"T\"}",
    KEEL_JSON_ERROR_FORMAT, "version: " },
  { "version-missing", "{\"format\": \"keel-project\", \"name\": \"T\"}",
    KEEL_JSON_ERROR_FORMAT, "version: " },
  { "name-missing", "{\"format\": \"keel-project\", \"version\": 1}",
    KEEL_JSON_ERROR_MISSING_KEY, "name: this required key is missing" },
  { "unknown-root-key", DOC (", \"colour\": \"blue\""), KEEL_JSON_ERROR_UNKNOWN_KEY,
    "colour: unknown key" },
  { "unknown-odd-key", DOC (", \"a b\": 1"), KEEL_JSON_ERROR_UNKNOWN_KEY,
    "[\"a b\"]: unknown key" },
  /* Items */
  { "bad-enum", FOURTH (", \"horizon\": \"soon\""), KEEL_JSON_ERROR_BAD_VALUE,
    "items[3].horizon: “soon” is not a horizon (now, next, later)" },
  { "missing-key", FOURTH (""), KEEL_JSON_ERROR_MISSING_KEY,
    "items[3].horizon: this required key is missing" },
  { "unknown-item-key", WITH_ITEMS (ITEM ("it-1", ", \"priority\": 1")),
    KEEL_JSON_ERROR_UNKNOWN_KEY, "items[0].priority: unknown key" },
  { "wrong-type", WITH_ITEMS (ITEM ("it-1", ", \"effort_days\": \"5\"")),
    KEEL_JSON_ERROR_WRONG_TYPE, "items[0].effort_days: expected a number, found a string" },
  { "null-not-allowed", WITH_ITEMS (ITEM ("it-1", ", \"description\": null")),
    KEEL_JSON_ERROR_WRONG_TYPE, "items[0].description: null is not allowed here" },
  { "not-an-integer", WITH_ITEMS (ITEM ("it-1", ", \"position\": 1.5")),
    KEEL_JSON_ERROR_WRONG_TYPE, "items[0].position: expected an integer" },
  { "items-not-array", DOC (", \"items\": {}"), KEEL_JSON_ERROR_WRONG_TYPE,
    "items: expected an array, found an object" },
  { "item-not-object", WITH_ITEMS ("\"it-1\""), KEEL_JSON_ERROR_WRONG_TYPE,
    "items[0]: expected an object, found a string" },
  { "invalid-date", WITH_ITEMS (ITEM ("it-1", ", \"target\": \"2026-02-30\"")),
    KEEL_JSON_ERROR_INVALID_DATE, "items[0].target: “2026-02-30” is not a date" },
  { "date-form", WITH_ITEMS (ITEM ("it-1", ", \"target\": \"15/12/2026\"")),
    KEEL_JSON_ERROR_INVALID_DATE, "items[0].target: " },
  { "duplicate-id", WITH_ITEMS (ITEM ("it-1", "") ", " ITEM ("it-1", "")),
    KEEL_JSON_ERROR_DUPLICATE_ID, "items[1].id: “it-1” is already the id of items[0]" },
  { "duplicate-id-across", WITH_ITEMS (ITEM ("ev-1", "")), KEEL_JSON_ERROR_DUPLICATE_ID,
    "items[0].id: “ev-1” is already the id of evidence[0]" },
  { "empty-id", WITH_ITEMS (ITEM ("", "")), KEEL_JSON_ERROR_INVALID,
    "items[0].id: an id cannot be empty" },
  { "dangling-evidence", WITH_ITEMS (ITEM ("it-1", ", \"evidence\": [\"ev-1\", \"ev-9\"]")),
    KEEL_JSON_ERROR_DANGLING_ID, "items[0].evidence[1]: no evidence has the id “ev-9”" },
  { "dangling-wrong-kind", WITH_ITEMS (ITEM ("it-1", ", \"debts\": [\"ev-1\"]")),
    KEEL_JSON_ERROR_DANGLING_ID, "items[0].debts[0]: “ev-1” is evidence[0], not debt" },
  { "dangling-dependency", WITH_ITEMS (ITEM ("it-1", ", \"depends_on\": [\"it-2\"]")),
    KEEL_JSON_ERROR_DANGLING_ID, "items[0].depends_on[0]: no item has the id “it-2”" },
  { "repeated-link", WITH_ITEMS (ITEM ("it-1", ", \"evidence\": [\"ev-1\", \"ev-1\"]")),
    KEEL_JSON_ERROR_REPEATED_LINK, "items[0].evidence[1]: “ev-1” is already in this list" },
  { "link-not-string", WITH_ITEMS (ITEM ("it-1", ", \"evidence\": [1]")),
    KEEL_JSON_ERROR_WRONG_TYPE, "items[0].evidence[0]: " },
  { "negative-effort", WITH_ITEMS (ITEM ("it-1", ", \"effort_days\": -1")),
    KEEL_JSON_ERROR_INVALID, "items[0]: " },
  { "blank-title", WITH_ITEMS ("{\"id\": \"it-1\", \"title\": \"  \", \"dimension\": \"product\","
                               " \"kind\": \"feature\", \"horizon\": \"now\", \"status\": \"idea\"}"),
    KEEL_JSON_ERROR_INVALID, "items[0]: " },
  { "negative-position", WITH_ITEMS (ITEM ("it-1", ", \"position\": -1")),
    KEEL_JSON_ERROR_INVALID, "items[0]: " },
  /* Evidence and debts */
  { "evidence-kind", DOC (", \"evidence\": [{\"id\": \"ev-1\", \"kind\": \"rumour\", \"summary\": \"\","
                          " \"source\": \"\", \"date\": \"2026-01-01\"}]"),
    KEEL_JSON_ERROR_BAD_VALUE, "evidence[0].kind: “rumour” is not an evidence kind" },
  { "debt-dangling", DOC (", \"debts\": [{\"id\": \"debt-1\", \"title\": \"D\", \"component\": \"\","
                          " \"quadrant\": \"prudent_deliberate\", \"principal_days\": 1,"
                          " \"interest_hours_per_week\": 1, \"bottleneck\": false,"
                          " \"hard_ceiling\": false, \"status\": \"open\","
                          " \"recorded\": \"2026-01-01\", \"evidence\": [\"ev-1\"]}]"),
    KEEL_JSON_ERROR_DANGLING_ID, "debts[0].evidence[0]: no evidence has the id “ev-1”" },
  { "debt-bool", DOC (", \"debts\": [{\"id\": \"debt-1\", \"title\": \"D\", \"component\": \"\","
                      " \"quadrant\": \"prudent_deliberate\", \"principal_days\": 1,"
                      " \"interest_hours_per_week\": 1, \"bottleneck\": 1,"
                      " \"hard_ceiling\": false, \"status\": \"open\", \"recorded\": \"2026-01-01\"}]"),
    KEEL_JSON_ERROR_WRONG_TYPE, "debts[0].bottleneck: expected true or false, found a number" },
  /* Settings */
  { "setting-unknown", DOC (", \"settings\": {\"pmf\": 0.4}"), KEEL_JSON_ERROR_UNKNOWN_KEY,
    "settings.pmf: unknown key" },
  { "setting-not-integer", DOC (", \"settings\": {\"wip_limit\": 2.5}"),
    KEEL_JSON_ERROR_WRONG_TYPE, "settings.wip_limit: expected an integer" },
  { "setting-range", DOC (", \"settings\": {\"wip_limit\": 8, \"pmf_threshold\": 40}"),
    KEEL_JSON_ERROR_INVALID, "settings.pmf_threshold: " },
  { "setting-count", DOC (", \"settings\": {\"wip_limit\": 0}"), KEEL_JSON_ERROR_INVALID,
    "settings.wip_limit: " },
  /* Signals */
  { "signal-kind", DOC (", \"signals\": [{\"id\": \"s\", \"kind\": \"nps\", \"required\": true}]"),
    KEEL_JSON_ERROR_BAD_VALUE, "signals[0].kind: “nps” is not a signal kind" },
  { "signal-required-missing", DOC (", \"signals\": [{\"id\": \"s\", \"kind\": \"sean_ellis\"}]"),
    KEEL_JSON_ERROR_MISSING_KEY, "signals[0].required: " },
  { "signal-data-value", DOC (", \"signals\": [{\"id\": \"s\", \"kind\": \"sean_ellis\","
                              " \"required\": true, \"value\": 0.5}]"),
    KEEL_JSON_ERROR_INVALID, "signals[0].value: only a custom signal" },
  { "signal-twice", DOC (", \"signals\": [{\"id\": \"a\", \"kind\": \"sean_ellis\", \"required\": true},"
                         " {\"id\": \"b\", \"kind\": \"sean_ellis\", \"required\": false}]"),
    KEEL_JSON_ERROR_INVALID, "signals[1].kind: " },
  { "signal-comparison", DOC (", \"signals\": [{\"id\": \"s\", \"kind\": \"custom\","
                              " \"required\": true, \"comparison\": \"=>\"}]"),
    KEEL_JSON_ERROR_BAD_VALUE, "signals[0].comparison: “=>” is not a comparison" },
  /* Datasets */
  { "datasets-unknown", WITH_DATASETS ("\"cohorts\": []"), KEEL_JSON_ERROR_UNKNOWN_KEY,
    "datasets.cohorts: unknown key" },
  { "retention-period", WITH_DATASETS ("\"retention_period\": \"year\""),
    KEEL_JSON_ERROR_BAD_VALUE, "datasets.retention_period: “year” is not a retention period" },
  { "cohort-counts", WITH_DATASETS ("\"retention_cohorts\": [{\"cohort\": \"2026-01-05\","
                                    " \"size\": 10, \"retained\": [10, 5.5]}]"),
    KEEL_JSON_ERROR_WRONG_TYPE, "datasets.retention_cohorts[0].retained[1]: expected an integer" },
  { "cohort-date", WITH_DATASETS ("\"retention_cohorts\": [{\"cohort\": \"2026-1-5\","
                                  " \"size\": 10, \"retained\": [10]}]"),
    KEEL_JSON_ERROR_INVALID_DATE, "datasets.retention_cohorts[0].cohort: " },
  { "survey-answer", WITH_DATASETS ("\"survey_responses\": [{\"answer\": \"very_disappointed\"},"
                                    " {\"answer\": \"Very disappointed\"}]"),
    KEEL_JSON_ERROR_BAD_VALUE,
    "datasets.survey_responses[1].answer: “Very disappointed” is not an answer" },
  { "survey-unknown", WITH_DATASETS ("\"survey_responses\": [{\"answer\": \"not_disappointed\","
                                     " \"email\": \"a@b.c\"}]"),
    KEEL_JSON_ERROR_UNKNOWN_KEY, "datasets.survey_responses[0].email: unknown key" },
  { "acquisition-period", WITH_DATASETS ("\"acquisition\": [{\"period\": \"2026-13\","
                                         " \"channel\": \"ads\", \"new_users\": 1}]"),
    KEEL_JSON_ERROR_INVALID_DATE, "datasets.acquisition[0].period: “2026-13” is not a period" },
  { "acquisition-missing", WITH_DATASETS ("\"acquisition\": [{\"period\": \"2026-01\","
                                          " \"new_users\": 1}]"),
    KEEL_JSON_ERROR_MISSING_KEY, "datasets.acquisition[0].channel: " },
  { "channel-class", WITH_DATASETS ("\"channel_classes\": {\"tv\": \"broadcast\"}"),
    KEEL_JSON_ERROR_BAD_VALUE, "datasets.channel_classes.tv: “broadcast” is not a channel class" },
  { "channel-case", WITH_DATASETS ("\"channel_classes\": {\"Ads\": \"paid\", \"Word of mouth\": \"organic\","
                                   " \"ADS\": \"paid\"}"),
    KEEL_JSON_ERROR_DUPLICATE_KEY, "datasets.channel_classes.ADS: “ADS” is the same channel as “Ads”" },
};

static void
test_import_error (Fixture       *f,
                   gconstpointer  data)
{
  const ImportCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  gboolean ok;

  ok = keel_json_import (f->project, c->json, strlen (c->json), &error);
  g_assert_false (ok);
  if (error != NULL && !g_str_has_prefix (error->message, c->message))
    g_test_message ("message: %s", error->message);
  g_assert_error (error, KEEL_JSON_ERROR, (gint) c->code);
  g_assert_true (g_str_has_prefix (error->message, c->message));

  /* Nothing was written: the project and its working copy are as they were. */
  assert_untouched (f->project);
  exported = export (f->project);
  g_assert_nonnull (strstr (exported, "\"signals\": [],"));
  g_assert_nonnull (strstr (exported, "\"items\": [],"));
}

/* Syntax errors reach the import with their position too, and change nothing. */
static void
test_import_syntax_error (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *json = DOC (",\n  \"items\": [\n    {\"id\": \"it-1\", \"position\": 012}]");

  g_assert_false (keel_json_import (f->project, json, strlen (json), &error));
  g_assert_error (error, KEEL_JSON_ERROR, KEEL_JSON_ERROR_NUMBER);
  g_assert_true (g_str_has_prefix (error->message, "line 3, column 32: "));
  assert_untouched (f->project);
}

/* ---- Round trips ---- */

static void
test_round_trip_rich (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *rich = read_data_file ("rich.json", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(KeelProject) other = NULL;
  g_autoptr(KeelDb) other_db = NULL;
  KeelItem *item;
  KeelSignal *signal;
  const KeelSettings *settings;

  import_ok (f->project, rich);
  first = export (f->project);
  assert_same_text (rich, first);

  /* What was read is what the file says, not only what is written back. */
  g_assert_cmpstr (keel_project_get_name (f->project), ==, "Acme Notes — Café \"β\"\tedition");
  settings = keel_project_get_settings (f->project);
  g_assert_cmpfloat (settings->pmf_threshold, ==, 0.45);
  g_assert_cmpint (settings->wip_limit, ==, 6);
  g_assert_cmpint (keel_project_get_retention_period (f->project), ==, KEEL_RETENTION_PERIOD_MONTH);

  item = keel_project_lookup_item (f->project, "it-2");
  g_assert_nonnull (item);
  g_assert_true (item->has_effort_days);
  g_assert_cmpfloat (item->effort_days, ==, 2.5);
  g_assert_null (item->owner);
  g_assert_cmpuint (item->evidence->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (item->evidence, 0), ==, "ev-4");  /* the user's order */
  g_assert_cmpstr (g_ptr_array_index (item->depends_on, 0), ==, "it-10");
  item = keel_project_lookup_item (f->project, "it-10");
  g_assert_cmpstr (g_ptr_array_index (item->depends_on, 0), ==, "it-10");  /* on itself */

  signal = g_list_model_get_item (keel_project_get_signals (f->project), 0);
  g_assert_cmpstr (signal->id, ==, "sig-se");  /* checklist order, not id order */
  g_object_unref (signal);
  signal = keel_project_lookup_signal (f->project, "sig-churn");
  g_assert_cmpfloat (signal->value, ==, 0.1 + 0.2);
  g_assert_cmpint (signal->comparison, ==, KEEL_COMPARISON_LE);

  g_assert_cmpuint (keel_project_count_rows (f->project, KEEL_DATASET_RETENTION), ==, 5);
  g_assert_cmpuint (keel_project_count_rows (f->project, KEEL_DATASET_SURVEY), ==, 8);
  g_assert_cmpuint (keel_project_count_rows (f->project, KEEL_DATASET_ACQUISITION), ==, 7);

  /* import → export → import → export: the same bytes. */
  other = new_project (f->dir, "b.sqlite", &other_db);
  import_ok (other, first);
  second = export (other);
  assert_same_text (first, second);

  /* The import is one undoable step. */
  g_assert_true (keel_project_can_undo (f->project));
}

/* Writes @node compactly with the keys of every object in reverse order and arrays of
 * objects reversed (not the signals, whose order is the checklist's, nor lists of ids,
 * whose order is the user's). json-glib's own generator cannot be used: it writes
 * 1e21 as "1e+21.0". */
static void
write_shuffled (GString    *out,
                JsonNode   *node,
                const char *key)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      GList *members = g_list_reverse (json_object_get_members (object));

      g_string_append_c (out, '{');
      for (GList *l = members; l != NULL; l = l->next)
        {
          keel_json_append_string (out, l->data);
          g_string_append_c (out, ':');
          write_shuffled (out, json_object_get_member (object, l->data), l->data);
          if (l->next != NULL)
            g_string_append_c (out, ',');
        }
      g_string_append_c (out, '}');
      g_list_free (members);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);
      gboolean reverse = g_strcmp0 (key, "signals") != 0 && n > 0 &&
                         JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, 0));

      g_string_append_c (out, '[');
      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          write_shuffled (out, json_array_get_element (array, reverse ? n - 1 - i : i), NULL);
        }
      g_string_append_c (out, ']');
    }
  else if (JSON_NODE_HOLDS_NULL (node))
    g_string_append (out, "null");
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    keel_json_append_string (out, json_node_get_string (node));
  else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else
    keel_json_append_number (out, json_node_get_double (node));
}

/* The export depends on the project only: the order objects, rows and keys came in
 * does not show. */
static void
test_export_order (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *rich = read_data_file ("rich.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) shuffled = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;

  json_parser_load_from_data (parser, rich, -1, &error);
  g_assert_no_error (error);
  write_shuffled (shuffled, json_parser_get_root (parser), NULL);
  g_assert_true (g_str_has_prefix (shuffled->str, "{\"debts\":[{\"evidence\":[],"));

  import_ok (f->project, shuffled->str);
  exported = export (f->project);
  assert_same_text (rich, exported);
}

/* Defaults: everything optional left out. */
static void
test_defaults (Fixture       *f,
               gconstpointer  data)
{
  const char *json =
    "{\"format\": \"keel-project\", \"version\": 1, \"name\": \"Minimal\","
    " \"evidence\": [{\"id\": \"ev-1\", \"kind\": \"other\", \"summary\": \"\", \"source\": \"\","
    "   \"date\": \"2026-03-01\"}],"
    " \"items\": [" ITEM ("it-b", "") ", " ITEM ("it-a", ", \"position\": 7") ", " ITEM ("it-c", "") "],"
    " \"datasets\": {\"survey_responses\": [{\"answer\": \"no_longer_use\"}]}}";
  g_autofree char *today = keel_date_today ();
  g_autofree char *expected = NULL;
  g_autofree char *exported = NULL;
  KeelItem *item;

  import_ok (f->project, json);

  /* Without "position", the order in the array. */
  item = keel_project_lookup_item (f->project, "it-b");
  g_assert_cmpint (item->position, ==, 0);
  g_assert_cmpstr (item->description, ==, "");
  g_assert_false (item->has_effort_days);
  g_assert_null (item->owner);
  g_assert_null (item->target);
  g_assert_cmpuint (item->evidence->len, ==, 0);
  g_assert_cmpint (keel_project_lookup_item (f->project, "it-a")->position, ==, 7);
  g_assert_cmpint (keel_project_lookup_item (f->project, "it-c")->position, ==, 2);

  expected = g_strdup_printf (
    "{\n"
    "  \"format\": \"keel-project\",\n"
    "  \"version\": 1,\n"
    "  \"name\": \"Minimal\",\n"
    "  \"settings\": {\n"
    "    \"pmf_threshold\": 0.4,\n"
    "    \"min_survey_responses\": 40,\n"
    "    \"evidence_max_age_days\": 90,\n"
    "    \"plateau_max_slope\": 0.01,\n"
    "    \"plateau_periods\": 3,\n"
    "    \"retention_min_cohorts\": 3,\n"
    "    \"retention_min_periods\": 6,\n"
    "    \"organic_share_threshold\": 0.5,\n"
    "    \"organic_trend_periods\": 3,\n"
    "    \"wip_limit\": 8\n"
    "  },\n"
    "  \"signals\": [\n"
    "%s%s%s"
    "  ],\n"
    "  \"datasets\": {\n"
    "    \"retention_period\": \"week\",\n"
    "    \"retention_cohorts\": [],\n"
    "    \"survey_responses\": [\n"
    "      {\"answer\": \"no_longer_use\", \"date\": \"%s\", \"segment\": null, \"respondent\": null}\n"
    "    ],\n"
    "    \"acquisition\": [],\n"
    "    \"channel_classes\": {}\n"
    "  },\n"
    "  \"evidence\": [\n"
    "    {\n"
    "      \"id\": \"ev-1\",\n"
    "      \"kind\": \"other\",\n"
    "      \"summary\": \"\",\n"
    "      \"source\": \"\",\n"
    "      \"date\": \"2026-03-01\",\n"
    "      \"value\": null,\n"
    "      \"unit\": null\n"
    "    }\n"
    "  ],\n"
    "  \"items\": [\n"
    "%s,\n%s,\n%s\n"
    "  ],\n"
    "  \"debts\": []\n"
    "}\n",
    "    {\n      \"id\": \"sig-ret\",\n      \"kind\": \"retention_plateau\",\n      \"name\": null,\n"
    "      \"value\": null,\n      \"target\": null,\n      \"comparison\": null,\n"
    "      \"date\": null,\n      \"source\": null,\n      \"required\": true\n    },\n",
    "    {\n      \"id\": \"sig-org\",\n      \"kind\": \"organic_growth\",\n      \"name\": null,\n"
    "      \"value\": null,\n      \"target\": null,\n      \"comparison\": null,\n"
    "      \"date\": null,\n      \"source\": null,\n      \"required\": true\n    },\n",
    "    {\n      \"id\": \"sig-se\",\n      \"kind\": \"sean_ellis\",\n      \"name\": null,\n"
    "      \"value\": null,\n      \"target\": null,\n      \"comparison\": null,\n"
    "      \"date\": null,\n      \"source\": null,\n      \"required\": true\n    }\n",
    today,
    "    {\n      \"id\": \"it-a\",\n      \"title\": \"A\",\n      \"description\": \"\",\n"
    "      \"dimension\": \"product\",\n      \"kind\": \"feature\",\n      \"horizon\": \"now\",\n"
    "      \"status\": \"idea\",\n      \"position\": 7,\n      \"effort_days\": null,\n"
    "      \"owner\": null,\n      \"target\": null,\n      \"evidence\": [],\n      \"debts\": [],\n"
    "      \"depends_on\": []\n    }",
    "    {\n      \"id\": \"it-b\",\n      \"title\": \"A\",\n      \"description\": \"\",\n"
    "      \"dimension\": \"product\",\n      \"kind\": \"feature\",\n      \"horizon\": \"now\",\n"
    "      \"status\": \"idea\",\n      \"position\": 0,\n      \"effort_days\": null,\n"
    "      \"owner\": null,\n      \"target\": null,\n      \"evidence\": [],\n      \"debts\": [],\n"
    "      \"depends_on\": []\n    }",
    "    {\n      \"id\": \"it-c\",\n      \"title\": \"A\",\n      \"description\": \"\",\n"
    "      \"dimension\": \"product\",\n      \"kind\": \"feature\",\n      \"horizon\": \"now\",\n"
    "      \"status\": \"idea\",\n      \"position\": 2,\n      \"effort_days\": null,\n"
    "      \"owner\": null,\n      \"target\": null,\n      \"evidence\": [],\n      \"debts\": [],\n"
    "      \"depends_on\": []\n    }");

  exported = export (f->project);
  assert_same_text (expected, exported);
}

/* "signals": [] is a project without signals; default ids give way to the file's. */
static void
test_signals_explicit (Fixture       *f,
                       gconstpointer  data)
{
  const char *none = DOC (", \"signals\": []");
  const char *taken = DOC (", \"items\": [" ITEM ("sig-ret", "") "]");
  g_autoptr(KeelProject) other = NULL;
  g_autoptr(KeelDb) other_db = NULL;
  GListModel *signals;

  import_ok (f->project, none);
  g_assert_cmpuint (g_list_model_get_n_items (keel_project_get_signals (f->project)), ==, 0);

  other = new_project (f->dir, "b.sqlite", &other_db);
  import_ok (other, taken);
  signals = keel_project_get_signals (other);
  g_assert_cmpuint (g_list_model_get_n_items (signals), ==, 3);
  g_assert_nonnull (keel_project_lookup_item (other, "sig-ret"));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(KeelSignal) signal = g_list_model_get_item (signals, i);
      g_assert_cmpstr (signal->id, !=, "sig-ret");
      g_assert_true (signal->required);
    }
}

/* Integral numbers where integers belong, written back as integers. */
static void
test_integral_numbers (Fixture       *f,
                       gconstpointer  data)
{
  const char *json = WITH_DATASETS ("\"retention_cohorts\": [{\"cohort\": \"2026-01-05\","
                                    " \"size\": 1e2, \"retained\": [100.0, 5E1]}]");
  g_autofree char *exported = NULL;

  import_ok (f->project, json);
  exported = export (f->project);
  g_assert_nonnull (strstr (exported,
                            "{\"cohort\": \"2026-01-05\", \"size\": 100, \"retained\": [100, 50]}"));
}

static void
test_not_empty (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *rich = read_data_file ("rich.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  import_ok (f->project, rich);
  before = export (f->project);

  g_assert_false (keel_json_import (f->project, rich, strlen (rich), &error));
  g_assert_error (error, KEEL_JSON_ERROR, KEEL_JSON_ERROR_NOT_EMPTY);

  after = export (f->project);
  g_assert_cmpstr (before, ==, after);
}

/* ---- A new document from JSON: nothing is written on error ---- */

static void
test_new_document (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *rich = read_data_file ("rich.json", NULL);
  g_autofree char *path = g_build_filename (f->dir, "bad.keel", NULL);
  g_autofree char *good_path = g_build_filename (f->dir, "good.keel", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) good = g_file_new_for_path (good_path);
  g_autoptr(KeelDocument) document = NULL;
  g_autoptr(KeelProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  /* Refused by the scanner, by the typed walk, and only by the model (a blank title). */
  static const char * const refused[] = {
    "{\"format\": \"keel-project\", /* no */ \"version\": 1}",
    FOURTH (", \"horizon\": \"soon\""),
    WITH_ITEMS ("{\"id\": \"it-1\", \"title\": \" \", \"dimension\": \"product\","
                " \"kind\": \"feature\", \"horizon\": \"now\", \"status\": \"idea\"}"),
  };
  static const KeelJsonError expected_codes[] = {
    KEEL_JSON_ERROR_SYNTAX, KEEL_JSON_ERROR_BAD_VALUE, KEEL_JSON_ERROR_INVALID,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (refused) == G_N_ELEMENTS (expected_codes));
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      document = keel_json_import_new_document (file, refused[i], strlen (refused[i]), &error);
      g_assert_null (document);
      g_assert_error (error, KEEL_JSON_ERROR, (gint) expected_codes[i]);
      g_clear_error (&error);
      g_assert_false (g_file_query_exists (file, NULL));
    }

  /* And the good one is written, and reads back the same. */
  document = keel_json_import_new_document (good, rich, strlen (rich), &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  keel_document_close (document);
  g_clear_object (&document);
  g_assert_true (g_file_query_exists (good, NULL));

  document = keel_document_open (good, KEEL_DOCUMENT_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  project = keel_project_load (document, &error);
  g_assert_no_error (error);
  exported = export (project);
  assert_same_text (rich, exported);
  g_clear_object (&project);
  keel_document_close (document);

  /* It never overwrites. */
  g_clear_object (&document);
  document = keel_json_import_new_document (good, rich, strlen (rich), &error);
  g_assert_null (document);
  g_assert_error (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_EXISTS);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/keel/json/number/format", test_number_format);
  g_test_add_func ("/keel/json/number/round-trip", test_number_round_trip);
  g_test_add_func ("/keel/json/string/escape", test_string_escape);
  g_test_add_func ("/keel/json/syntax/errors", test_syntax_errors);
  g_test_add_func ("/keel/json/syntax/accepts", test_syntax_accepts);
  g_test_add_func ("/keel/json/syntax/limits", test_syntax_limits);

  for (guint i = 0; i < G_N_ELEMENTS (import_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/keel/json/import-error/%s", import_cases[i].name);
      g_test_add (path, Fixture, &import_cases[i], fixture_setup, test_import_error,
                  fixture_teardown);
    }

  g_test_add ("/keel/json/import-error/syntax", Fixture, NULL, fixture_setup,
              test_import_syntax_error, fixture_teardown);
  g_test_add ("/keel/json/round-trip/rich", Fixture, NULL, fixture_setup,
              test_round_trip_rich, fixture_teardown);
  g_test_add ("/keel/json/export/order", Fixture, NULL, fixture_setup,
              test_export_order, fixture_teardown);
  g_test_add ("/keel/json/import/defaults", Fixture, NULL, fixture_setup,
              test_defaults, fixture_teardown);
  g_test_add ("/keel/json/import/signals", Fixture, NULL, fixture_setup,
              test_signals_explicit, fixture_teardown);
  g_test_add ("/keel/json/import/integral-numbers", Fixture, NULL, fixture_setup,
              test_integral_numbers, fixture_teardown);
  g_test_add ("/keel/json/import/not-empty", Fixture, NULL, fixture_setup,
              test_not_empty, fixture_teardown);
  g_test_add ("/keel/json/import/new-document", Fixture, NULL, fixture_setup,
              test_new_document, fixture_teardown);

  return g_test_run ();
}
