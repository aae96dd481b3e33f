/* test-types.c: the enumerations' JSON names and labels, and the date helpers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "keel-types.h"

typedef const char *(*ToString) (int value);
typedef gboolean (*FromString) (const char *str, int *out_value);

typedef struct {
  const char *type;
  ToString    to_string;
  FromString  from_string;
  int         n_values;
  const char *first;
  const char *last;
} EnumCase;

#define ENUM_CASE(prefix, n, first, last) \
  { #prefix, (ToString) prefix##_to_string, (FromString) prefix##_from_string, n, first, last }

static const EnumCase enum_cases[] = {
  ENUM_CASE (keel_dimension, KEEL_N_DIMENSIONS, "technology", "infrastructure"),
  ENUM_CASE (keel_item_kind, KEEL_N_ITEM_KINDS, "feature", "other"),
  ENUM_CASE (keel_horizon, KEEL_N_HORIZONS, "now", "later"),
  ENUM_CASE (keel_status, KEEL_N_STATUSES, "idea", "dropped"),
  ENUM_CASE (keel_quadrant, KEEL_N_QUADRANTS, "prudent_deliberate", "reckless_inadvertent"),
  ENUM_CASE (keel_debt_status, KEEL_N_DEBT_STATUSES, "open", "accepted"),
  ENUM_CASE (keel_evidence_kind, KEEL_N_EVIDENCE_KINDS, "usage", "other"),
  ENUM_CASE (keel_signal_kind, KEEL_N_SIGNAL_KINDS, "retention_plateau", "custom"),
  ENUM_CASE (keel_comparison, KEEL_N_COMPARISONS, ">=", "=="),
  ENUM_CASE (keel_answer, KEEL_N_ANSWERS, "very_disappointed", "no_longer_use"),
  ENUM_CASE (keel_retention_period, KEEL_N_RETENTION_PERIODS, "week", "month"),
  ENUM_CASE (keel_channel_class, KEEL_N_CHANNEL_CLASSES, "organic", "paid"),
  ENUM_CASE (keel_dataset, KEEL_N_DATASETS, "retention", "acquisition"),
  ENUM_CASE (keel_signal_state, KEEL_SIGNAL_STATE_MET + 1, "no_data", "met"),
  ENUM_CASE (keel_severity, KEEL_SEVERITY_INFO + 1, "error", "info"),
};

static void
test_names_round_trip (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (enum_cases); c++)
    {
      const EnumCase *ec = &enum_cases[c];
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      g_test_message ("%s", ec->type);
      g_assert_cmpstr (ec->to_string (0), ==, ec->first);
      g_assert_cmpstr (ec->to_string (ec->n_values - 1), ==, ec->last);

      for (int v = 0; v < ec->n_values; v++)
        {
          const char *name = ec->to_string (v);
          int parsed = -1;

          g_assert_nonnull (name);
          g_assert_true (g_hash_table_add (seen, (gpointer) name));
          g_assert_true (ec->from_string (name, &parsed));
          g_assert_cmpint (parsed, ==, v);
          /* The out parameter is optional. */
          g_assert_true (ec->from_string (name, NULL));
        }
    }
}

static void
test_names_exact (void)
{
  KeelStatus status = KEEL_STATUS_IDEA;
  KeelHorizon horizon = KEEL_HORIZON_LATER;
  KeelAnswer answer;
  KeelComparison comparison;

  g_assert_cmpstr (keel_status_to_string (KEEL_STATUS_IN_PROGRESS), ==, "in_progress");
  g_assert_cmpstr (keel_item_kind_to_string (KEEL_ITEM_KIND_REARCHITECTURE), ==, "rearchitecture");
  g_assert_cmpstr (keel_signal_kind_to_string (KEEL_SIGNAL_KIND_SEAN_ELLIS), ==, "sean_ellis");
  g_assert_cmpstr (keel_signal_state_to_string (KEEL_SIGNAL_STATE_NOT_MET), ==, "not_met");
  g_assert_cmpstr (keel_dataset_to_string (KEEL_DATASET_SURVEY), ==, "survey");
  g_assert_cmpstr (keel_comparison_to_string (KEEL_COMPARISON_LT), ==, "<");

  g_assert_true (keel_answer_from_string ("somewhat_disappointed", &answer));
  g_assert_cmpint (answer, ==, KEEL_ANSWER_SOMEWHAT_DISAPPOINTED);
  g_assert_true (keel_comparison_from_string ("<=", &comparison));
  g_assert_cmpint (comparison, ==, KEEL_COMPARISON_LE);
  /* What people read: the typographic symbols, not the file's spelling. */
  g_assert_cmpstr (keel_comparison_symbol (KEEL_COMPARISON_GE), ==, "≥");
  g_assert_cmpstr (keel_comparison_symbol (KEEL_COMPARISON_LE), ==, "≤");
  g_assert_cmpstr (keel_comparison_symbol (KEEL_COMPARISON_EQ), ==, "=");
  g_assert_cmpstr (keel_comparison_symbol (KEEL_N_COMPARISONS), ==, "?");

  /* Exact and case-sensitive; a failed parse leaves the output alone. */
  g_assert_false (keel_status_from_string ("In_progress", &status));
  g_assert_false (keel_status_from_string ("in progress", &status));
  g_assert_false (keel_status_from_string ("in_progress ", &status));
  g_assert_false (keel_status_from_string ("", &status));
  g_assert_false (keel_status_from_string (NULL, &status));
  g_assert_cmpint (status, ==, KEEL_STATUS_IDEA);
  g_assert_false (keel_horizon_from_string ("Now", &horizon));
  g_assert_false (keel_horizon_from_string ("nowx", &horizon));
  g_assert_cmpint (horizon, ==, KEEL_HORIZON_LATER);
  g_assert_false (keel_comparison_from_string ("=", NULL));
  g_assert_false (keel_comparison_from_string ("=>", NULL));
}

static void
test_names_out_of_range (void)
{
  if (g_test_subprocess ())
    {
      /* A bad value is a programming error: it is reported and reads as NULL. */
      g_assert_null (keel_horizon_to_string ((KeelHorizon) 17));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*keel_horizon_to_string*");
}

static void
test_labels (void)
{
  g_assert_cmpstr (keel_status_to_label (KEEL_STATUS_IN_PROGRESS), ==, "In progress");
  g_assert_cmpstr (keel_answer_to_label (KEEL_ANSWER_VERY_DISAPPOINTED), ==, "Very disappointed");
  g_assert_cmpstr (keel_horizon_to_label (KEEL_HORIZON_NOW), ==, "Now");

  for (int v = 0; v < KEEL_N_DIMENSIONS; v++)
    g_assert_cmpstr (keel_dimension_to_label (v), !=, "");
  for (int v = 0; v < KEEL_N_ITEM_KINDS; v++)
    g_assert_cmpstr (keel_item_kind_to_label (v), !=, "");
  for (int v = 0; v < KEEL_N_HORIZONS; v++)
    g_assert_cmpstr (keel_horizon_to_label (v), !=, "");
  for (int v = 0; v < KEEL_N_STATUSES; v++)
    g_assert_cmpstr (keel_status_to_label (v), !=, "");
  for (int v = 0; v < KEEL_N_QUADRANTS; v++)
    g_assert_cmpstr (keel_quadrant_to_label (v), !=, "");
  for (int v = 0; v < KEEL_N_DEBT_STATUSES; v++)
    g_assert_cmpstr (keel_debt_status_to_label (v), !=, "");
  for (int v = 0; v < KEEL_N_EVIDENCE_KINDS; v++)
    g_assert_cmpstr (keel_evidence_kind_to_label (v), !=, "");
  for (int v = 0; v < KEEL_N_SIGNAL_KINDS; v++)
    g_assert_cmpstr (keel_signal_kind_to_label (v), !=, "");
  for (int v = 0; v < KEEL_N_ANSWERS; v++)
    g_assert_cmpstr (keel_answer_to_label (v), !=, "");
  for (int v = 0; v <= KEEL_SIGNAL_STATE_MET; v++)
    g_assert_cmpstr (keel_signal_state_to_label (v), !=, "");
}

static void
test_date_valid (void)
{
  static const char * const valid[] = {
    "2026-02-28", "2024-02-29", "2000-02-29", "2026-12-31", "2026-01-01", "0001-01-01",
    "9999-12-31",
  };
  static const char * const invalid[] = {
    "2026-02-30", "2025-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10",
    "2026-01-00", "0000-01-01", "2026-1-01", "2026-01-1", "20260101", "2026/01/01",
    " 2026-01-01", "2026-01-01 ", "2026-01-01T00:00", "2026-01-011", "+026-01-01",
    "-026-01-01", "2026-0a-01", "abcd-ef-gh", ("2026-\xef\xbc\x90" "1-01"), "", "2026--01-01",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_test_message ("valid: %s", valid[i]);
      g_assert_true (keel_date_is_valid (valid[i]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_test_message ("invalid: %s", invalid[i]);
      g_assert_false (keel_date_is_valid (invalid[i]));
    }

  g_assert_false (keel_date_is_valid (NULL));
}

static void
test_date_arithmetic (void)
{
  struct {
    const char *date;
    gint64      days;
    const char *expected;
  } cases[] = {
    { "2026-02-28", 1, "2026-03-01" },
    { "2024-02-28", 1, "2024-02-29" },
    { "2026-01-01", -1, "2025-12-31" },
    { "2026-08-03", 42, "2026-09-14" },
    { "2026-08-03", 0, "2026-08-03" },
    { "2025-01-01", 365, "2026-01-01" },
    { "2024-01-01", 366, "2025-01-01" },
    { "2026-10-01", -90, "2026-07-03" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = keel_date_add_days (cases[i].date, cases[i].days);

      g_assert_cmpstr (result, ==, cases[i].expected);
      g_assert_cmpint (keel_date_diff_days (cases[i].date, cases[i].expected), ==, cases[i].days);
      g_assert_cmpint (keel_date_diff_days (cases[i].expected, cases[i].date), ==, -cases[i].days);
    }

  g_assert_cmpint (keel_date_diff_days ("2026-01-01", "2027-01-01"), ==, 365);
  g_assert_cmpint (keel_date_diff_days ("2028-01-01", "2029-01-01"), ==, 366);
}

static void
test_date_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *expected = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *today = keel_date_today ();

  g_assert_true (keel_date_is_valid (today));
  /* Unless the test straddles midnight, it is the same day. */
  g_assert_cmpint (ABS (keel_date_diff_days (expected, today)), <=, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/keel/types/names-round-trip", test_names_round_trip);
  g_test_add_func ("/keel/types/names-exact", test_names_exact);
  g_test_add_func ("/keel/types/names-out-of-range", test_names_out_of_range);
  g_test_add_func ("/keel/types/labels", test_labels);
  g_test_add_func ("/keel/types/date-valid", test_date_valid);
  g_test_add_func ("/keel/types/date-arithmetic", test_date_arithmetic);
  g_test_add_func ("/keel/types/date-today", test_date_today);

  return g_test_run ();
}
