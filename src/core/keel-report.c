/* keel-report.c: the readiness report for a board meeting, as Markdown and as PDF.
 *
 * Both forms read the same summary of the project (the board by place, the debt
 * totals, the findings by severity) so that they never disagree. The PDF is drawn with
 * cairo's PDF surface and its "toy" text API: the core does not depend on Pango, so
 * this file wraps and paginates the text itself, measuring words with
 * cairo_text_extents(). The document is rendered in memory and written whole, so a
 * failed write never leaves half a report behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-report"

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "keel-report.h"

/* The core builds without cairo when it is missing; the PDF then reports
 * KEEL_REPORT_ERROR_UNSUPPORTED. cairo's headers are only on the include path when
 * meson found the dependency. */
#if defined(__has_include)
# if __has_include(<cairo.h>)
#  include <cairo.h>
#  if CAIRO_HAS_PDF_SURFACE
#   include <cairo-pdf.h>
#   define KEEL_REPORT_HAVE_PDF 1
#  endif
# endif
#endif

G_DEFINE_QUARK (keel-report-error-quark, keel_report_error)

/* ------------------------------------------------------------------------ */
/* The summary both forms read */

typedef struct {
  GPtrArray *items;                  /* KeelItem (borrowed), by position then id */
  guint      by_status[KEEL_N_STATUSES];
} BoardCell;

typedef struct {
  BoardCell   cells[KEEL_N_DIMENSIONS][KEEL_N_HORIZONS];
  guint       by_status[KEEL_N_DIMENSIONS][KEEL_N_STATUSES];
  guint       n_items;               /* not dropped */
  guint       n_dropped;

  /* Debts */
  guint       n_debts;
  guint       n_open_scheduled;
  double      principal;             /* open + scheduled */
  double      interest;              /* open + scheduled, hours per week */
  guint       n_open_bottlenecks;
  double      bottleneck_principal;  /* open bottlenecks */
  double      bottleneck_interest;   /* open bottlenecks, hours per week */
  GPtrArray  *bottlenecks;           /* KeelDebt (borrowed): open or scheduled, by interest */
  GHashTable *payers;                /* debt id -> GPtrArray of KeelItem (borrowed) */

  GPtrArray  *findings;              /* KeelFinding (borrowed), public order */
  GPtrArray  *owned_findings;        /* when the caller passed none */
} Summary;

static int
compare_items_by_position (gconstpointer a,
                           gconstpointer b)
{
  const KeelItem *x = *(KeelItem * const *) a;
  const KeelItem *y = *(KeelItem * const *) b;

  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  return strcmp (x->id, y->id);
}

static int
compare_debts_by_interest (gconstpointer a,
                           gconstpointer b)
{
  const KeelDebt *x = *(KeelDebt * const *) a;
  const KeelDebt *y = *(KeelDebt * const *) b;

  if (x->interest_hours_per_week != y->interest_hours_per_week)
    return x->interest_hours_per_week > y->interest_hours_per_week ? -1 : 1;
  if (x->principal_days != y->principal_days)
    return x->principal_days > y->principal_days ? -1 : 1;
  return strcmp (x->id, y->id);
}

static void
summary_init (Summary        *s,
              KeelProject    *project,
              const KeelGate *gate,
              GPtrArray      *findings)
{
  GListModel *items = keel_project_get_items (project);
  GListModel *debts = keel_project_get_debts (project);
  guint n;

  memset (s, 0, sizeof *s);
  for (guint d = 0; d < KEEL_N_DIMENSIONS; d++)
    for (guint h = 0; h < KEEL_N_HORIZONS; h++)
      s->cells[d][h].items = g_ptr_array_new ();
  s->payers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                     (GDestroyNotify) g_ptr_array_unref);

  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KeelItem) item = g_list_model_get_item (items, i);
      BoardCell *cell;

      /* A dropped item is no longer part of the plan, and never pays down a debt
       * (PRODUCT.md, part 4). */
      if (item->status == KEEL_STATUS_DROPPED)
        {
          s->n_dropped++;
          continue;
        }
      s->n_items++;
      cell = &s->cells[item->dimension][item->horizon];
      g_ptr_array_add (cell->items, item);
      cell->by_status[item->status]++;
      s->by_status[item->dimension][item->status]++;

      for (guint j = 0; j < item->debts->len; j++)
        {
          const char *debt_id = g_ptr_array_index (item->debts, j);
          GPtrArray *payers = g_hash_table_lookup (s->payers, debt_id);

          if (payers == NULL)
            {
              payers = g_ptr_array_new ();
              g_hash_table_insert (s->payers, (gpointer) debt_id, payers);
            }
          g_ptr_array_add (payers, item);
        }
    }
  for (guint d = 0; d < KEEL_N_DIMENSIONS; d++)
    for (guint h = 0; h < KEEL_N_HORIZONS; h++)
      g_ptr_array_sort (s->cells[d][h].items, compare_items_by_position);

  s->bottlenecks = g_ptr_array_new ();
  n = g_list_model_get_n_items (debts);
  s->n_debts = n;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KeelDebt) debt = g_list_model_get_item (debts, i);

      if (debt->status != KEEL_DEBT_STATUS_OPEN && debt->status != KEEL_DEBT_STATUS_SCHEDULED)
        continue;
      s->n_open_scheduled++;
      s->principal += debt->principal_days;
      s->interest += debt->interest_hours_per_week;
      if (!debt->bottleneck)
        continue;
      g_ptr_array_add (s->bottlenecks, debt);
      if (debt->status == KEEL_DEBT_STATUS_OPEN)
        {
          s->n_open_bottlenecks++;
          s->bottleneck_principal += debt->principal_days;
          s->bottleneck_interest += debt->interest_hours_per_week;
        }
    }
  g_ptr_array_sort (s->bottlenecks, compare_debts_by_interest);

  if (findings == NULL)
    findings = s->owned_findings = keel_checks_run (project, gate);
  s->findings = findings;
}

static void
summary_clear (Summary *s)
{
  for (guint d = 0; d < KEEL_N_DIMENSIONS; d++)
    for (guint h = 0; h < KEEL_N_HORIZONS; h++)
      g_clear_pointer (&s->cells[d][h].items, g_ptr_array_unref);
  g_clear_pointer (&s->bottlenecks, g_ptr_array_unref);
  g_clear_pointer (&s->payers, g_hash_table_unref);
  g_clear_pointer (&s->owned_findings, g_ptr_array_unref);
}

/* ------------------------------------------------------------------------ */
/* Words and numbers */

static char *
format_percent (double fraction)
{
  return g_strdup_printf ("%.1f%%", round (fraction * 1000.0) / 10.0);
}

/* A threshold without a needless decimal: "40%", "12.5%". */
static char *
format_threshold_percent (double fraction)
{
  double tenths = round (fraction * 1000.0);

  if (fmod (fabs (tenths), 10.0) == 0.0)
    return g_strdup_printf ("%.0f%%", tenths / 10.0);
  return g_strdup_printf ("%.1f%%", tenths / 10.0);
}

/* Days and hours with at most two decimals and no trailing zeros: "37", "21.5",
 * "8.25". */
static char *
format_amount (double value)
{
  char *text = g_strdup_printf ("%.2f", value);
  gsize len = strlen (text);

  while (len > 0 && text[len - 1] == '0')
    text[--len] = '\0';
  /* The decimal separator follows the locale: "." or ",". */
  if (len > 0 && (text[len - 1] == '.' || text[len - 1] == ','))
    text[--len] = '\0';
  if (strcmp (text, "-0") == 0)
    text[0] = '0', text[1] = '\0';
  return text;
}

static char *
format_points (double fraction)
{
  double tenths = round (fraction * 1000.0);

  if (fmod (fabs (tenths), 10.0) == 0.0)
    return g_strdup_printf ("%.0f", tenths / 10.0);
  return g_strdup_printf ("%.1f", tenths / 10.0);
}

/* The plural form for a number of points as format_points() writes it: "1 point",
 * "0.8 points". */
static gulong
points_plural (double fraction)
{
  return round (fabs (fraction) * 1000.0) == 10.0 ? 1 : 2;
}

/* "21 November 2026" from "2026-11-21". */
static char *
format_long_date (const char *iso)
{
  g_autoptr(GDateTime) dt = NULL;
  int year, month, day;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &year, &month, &day) != 3)
    return g_strdup (iso != NULL ? iso : "");
  dt = g_date_time_new_utc (year, month, day, 0, 0, 0);
  if (dt == NULL)
    return g_strdup (iso);
  /* Translators: the as-of date of the report, as in "21 November 2026"; a
   * g_date_time_format() format. */
  return g_date_time_format (dt, C_("report date", "%-d %B %Y"));
}

static char *
signal_value_text (const KeelSignalResult *r)
{
  if (!r->has_value)
    return g_strdup ("—");
  switch (r->kind)
    {
    case KEEL_SIGNAL_KIND_RETENTION_PLATEAU:
      {
        g_autofree char *points = format_points (r->value);
        /* Translators: the largest recent change of the retention curve, in
         * percentage points. */
        return g_strdup_printf (ngettext ("%s point", "%s points", points_plural (r->value)), points);
      }
    case KEEL_SIGNAL_KIND_ORGANIC_GROWTH:
    case KEEL_SIGNAL_KIND_SEAN_ELLIS:
      return format_percent (r->value);
    case KEEL_SIGNAL_KIND_CUSTOM:
    case KEEL_N_SIGNAL_KINDS:
    default:
      return g_strdup_printf ("%.6g", r->value);
    }
}

static char *
signal_threshold_text (const KeelSignalResult *r)
{
  switch (r->kind)
    {
    case KEEL_SIGNAL_KIND_RETENTION_PLATEAU:
      {
        g_autofree char *points = format_points (r->threshold);
        return g_strdup_printf (ngettext ("at most %s point", "at most %s points",
                                          points_plural (r->threshold)),
                                points);
      }
    case KEEL_SIGNAL_KIND_ORGANIC_GROWTH:
    case KEEL_SIGNAL_KIND_SEAN_ELLIS:
      {
        g_autofree char *percent = format_threshold_percent (r->threshold);
        return g_strdup_printf (_("at least %s"), percent);
      }
    case KEEL_SIGNAL_KIND_CUSTOM:
    case KEEL_N_SIGNAL_KINDS:
    default:
      return g_strdup_printf ("%s %.6g", keel_comparison_symbol (r->comparison), r->threshold);
    }
}

static char *
signal_sample_text (const KeelSignalResult *r)
{
  gulong n = (gulong) MAX (r->sample_size, 0);

  switch (r->kind)
    {
    case KEEL_SIGNAL_KIND_RETENTION_PLATEAU:
      return g_strdup_printf (ngettext ("%" PRId64 " cohort", "%" PRId64 " cohorts", n),
                              r->sample_size);
    case KEEL_SIGNAL_KIND_ORGANIC_GROWTH:
      return g_strdup_printf (ngettext ("%" PRId64 " new user", "%" PRId64 " new users", n),
                              r->sample_size);
    case KEEL_SIGNAL_KIND_SEAN_ELLIS:
      return g_strdup_printf (ngettext ("%" PRId64 " answer", "%" PRId64 " answers", n),
                              r->sample_size);
    case KEEL_SIGNAL_KIND_CUSTOM:
    case KEEL_N_SIGNAL_KINDS:
    default:
      return g_strdup_printf (ngettext ("%" PRId64 " value", "%" PRId64 " values", n),
                              r->sample_size);
    }
}

static const char *
signal_newest_text (const KeelSignalResult *r)
{
  return r->newest_data != NULL ? r->newest_data : "—";
}

static char *
gate_headline (const KeelGate *gate)
{
  return g_strdup (gate->passed ? _("Gate passed") : _("Gate not passed"));
}

static char *
gate_count_line (const KeelGate *gate)
{
  if (gate->required == 0)
    return g_strdup (_("No signal is required, so the gate cannot pass."));
  return g_strdup_printf (ngettext ("%u of %u required signal met.",
                                    "%u of %u required signals met.",
                                    gate->required),
                          gate->met, gate->required);
}

static const char *
gate_advice (const KeelGate *gate)
{
  if (gate->required == 0)
    return _("Make at least one fit signal required before you plan to scale.");
  if (gate->passed)
    return _("Every required fit signal is met on fresh data: the evidence supports scaling.");
  return _("Scaling waits until every required fit signal is met on fresh data: growth and hiring before product-market fit buy users who do not stay.");
}

static char *
plateau_line (const KeelSignalResult *r,
              KeelRetentionPeriod     period)
{
  g_autofree char *level = format_percent (r->plateau);
  guint n = r->average != NULL ? r->average->len : 0;

  if (period == KEEL_RETENTION_PERIOD_MONTH)
    return g_strdup_printf (ngettext ("Retention levels off at %s of a cohort after %u month.",
                                      "Retention levels off at %s of a cohort after %u months.",
                                      n > 0 ? n - 1 : 0),
                            level, n > 0 ? n - 1 : 0);
  return g_strdup_printf (ngettext ("Retention levels off at %s of a cohort after %u week.",
                                    "Retention levels off at %s of a cohort after %u weeks.",
                                    n > 0 ? n - 1 : 0),
                          level, n > 0 ? n - 1 : 0);
}

static char *
survey_interval_line (const KeelSignalResult *r)
{
  g_autofree char *value = format_percent (r->value);
  g_autofree char *low = format_percent (r->interval_low);
  g_autofree char *high = format_percent (r->interval_high);

  return g_strdup_printf (_("Very disappointed: %s, 95%% interval %s–%s."), value, low, high);
}

static char *
survey_confident_line (const KeelSignalResult *r)
{
  g_autofree char *low = format_percent (r->interval_low);
  g_autofree char *threshold = format_threshold_percent (r->threshold);

  if (r->confident)
    return g_strdup_printf (_("Confident: even the interval’s lower bound (%s) reaches the threshold (%s)."),
                            low, threshold);
  return g_strdup_printf (_("Not confident yet: the interval’s lower bound (%s) is below the threshold (%s)."),
                          low, threshold);
}

static char *
organic_trend_line (const KeelSignalResult *r)
{
  g_autofree char *points = NULL;

  if (!r->has_trend)
    return NULL;
  points = format_points (fabs (r->trend));
  if (r->trend >= 0)
    return g_strdup_printf (_("Trend over the last periods: +%s percentage points per period."), points);
  return g_strdup_printf (_("Trend over the last periods: −%s percentage points per period."), points);
}

/**
 * keel_report_severity_heading:
 * @severity: a severity
 *
 * The heading of a severity's findings in the report and the application.
 *
 * Returns: "Errors", "Warnings" or "Notes", translated
 */
const char *
keel_report_severity_heading (KeelSeverity severity)
{
  switch (severity)
    {
    case KEEL_SEVERITY_ERROR: return _("Errors");
    case KEEL_SEVERITY_WARNING: return _("Warnings");
    case KEEL_SEVERITY_INFO:
    default:
      return _("Notes");
    }
}

static char *
findings_count_line (GPtrArray *findings)
{
  guint errors = keel_findings_count (findings, KEEL_SEVERITY_ERROR);
  guint warnings = keel_findings_count (findings, KEEL_SEVERITY_WARNING);
  guint infos = keel_findings_count (findings, KEEL_SEVERITY_INFO);
  g_autofree char *e = NULL, *w = NULL, *i = NULL;

  if (findings->len == 0)
    return g_strdup (_("No findings: the plan follows the evidence."));
  e = g_strdup_printf (ngettext ("%u error", "%u errors", errors), errors);
  w = g_strdup_printf (ngettext ("%u warning", "%u warnings", warnings), warnings);
  i = g_strdup_printf (ngettext ("%u note", "%u notes", infos), infos);
  /* Translators: "2 errors, 3 warnings, 1 note." */
  return g_strdup_printf (_("%s, %s, %s."), e, w, i);
}

static char *
finding_subject_line (const KeelFinding *f)
{
  const char *type;

  switch (f->subject_type)
    {
    case KEEL_SUBJECT_ITEM: type = _("Item"); break;
    case KEEL_SUBJECT_DEBT: type = _("Debt"); break;
    case KEEL_SUBJECT_SIGNAL: type = _("Signal"); break;
    case KEEL_SUBJECT_PROJECT:
    default:
      return g_strdup_printf (_("Rule %s · the whole project"), f->rule);
    }
  /* Translators: "Rule dependency-order · Item: Recurring invoices". */
  return g_strdup_printf (_("Rule %s · %s: %s"), f->rule, type,
                          f->subject_title != NULL ? f->subject_title
                                                   : (f->subject_id != NULL ? f->subject_id : ""));
}

static char *
cell_count_text (guint n)
{
  return g_strdup_printf (ngettext ("%u item", "%u items", n), n);
}

/* "20 in progress, 300 planned": the statuses of a crowded cell. */
static char *
status_breakdown (const guint by_status[KEEL_N_STATUSES])
{
  GString *out = g_string_new (NULL);

  for (guint st = 0; st < KEEL_N_STATUSES; st++)
    {
      if (by_status[st] == 0)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%u %s", by_status[st], keel_status_to_label (st));
    }
  return g_string_free (out, FALSE);
}

static char *
payers_text (Summary        *s,
             const KeelDebt *debt)
{
  GPtrArray *payers = g_hash_table_lookup (s->payers, debt->id);
  GString *out;
  const guint max = 3;

  if (payers == NULL || payers->len == 0)
    return g_strdup (_("No item yet"));
  out = g_string_new (NULL);
  for (guint i = 0; i < payers->len && i < max; i++)
    {
      KeelItem *item = g_ptr_array_index (payers, i);

      if (i > 0)
        g_string_append (out, "; ");
      g_string_append_printf (out, "%s (%s, %s)", item->title,
                              keel_horizon_to_label (item->horizon),
                              keel_status_to_label (item->status));
    }
  if (payers->len > max)
    g_string_append_printf (out, ngettext ("; and %u more", "; and %u more", payers->len - max),
                            payers->len - max);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Markdown */

/* User text in Markdown: escapes what would start markup, and "|" which would end a
 * table cell. A "<" that could open a tag becomes an entity, so that a title can never
 * smuggle HTML into a rendered report. */
static void
md_text (GString    *out,
         const char *text)
{
  if (text == NULL)
    return;
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\': case '`': case '*': case '_': case '[': case ']': case '|':
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;
        case '<':
          /* Only where it could open a tag or an autolink: "< 0.05" stays as it is. */
          if (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!' || p[1] == '?')
            g_string_append (out, "&lt;");
          else
            g_string_append_c (out, '<');
          break;
        case '\n': case '\r': case '\t':
          g_string_append_c (out, ' ');
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

static void
md_row (GString *out,
        guint    n,
        ...)
{
  va_list ap;

  va_start (ap, n);
  g_string_append (out, "|");
  for (guint i = 0; i < n; i++)
    {
      const char *cell = va_arg (ap, const char *);

      g_string_append_c (out, ' ');
      md_text (out, cell);
      g_string_append (out, " |");
    }
  va_end (ap);
  g_string_append_c (out, '\n');
}

/* The delimiter row: columns @right_from to @right_to (inclusive) align right. */
static void
md_rule (GString *out,
         guint    n,
         guint    right_from,
         guint    right_to)
{
  g_string_append (out, "|");
  for (guint i = 0; i < n; i++)
    g_string_append (out, i >= right_from && i <= right_to ? "---:|" : "---|");
  g_string_append_c (out, '\n');
}

static void
md_signal_detail (GString                *out,
                  KeelProject            *project,
                  const KeelSignalResult *r)
{
  g_string_append (out, "### ");
  md_text (out, r->name);
  g_string_append (out, ": ");
  md_text (out, keel_signal_state_to_label (r->state));
  g_string_append (out, "\n\n");
  md_text (out, r->explanation);
  g_string_append (out, "\n\n");

  switch (r->kind)
    {
    case KEEL_SIGNAL_KIND_RETENTION_PLATEAU:
      if (r->has_plateau)
        {
          g_autofree char *line = plateau_line (r, keel_project_get_retention_period (project));
          md_text (out, line);
          g_string_append (out, "\n\n");
        }
      break;

    case KEEL_SIGNAL_KIND_SEAN_ELLIS:
      if (r->has_value)
        {
          g_autofree char *interval = survey_interval_line (r);
          g_autofree char *confident = survey_confident_line (r);

          g_string_append (out, "- ");
          md_text (out, interval);
          g_string_append (out, "\n- ");
          md_text (out, confident);
          g_string_append (out, "\n\n");
        }
      if (r->segments != NULL && r->segments->len > 0)
        {
          md_row (out, 4, _("Segment"), _("Very disappointed"),
                  /* xgettext:no-c-format */
                  _("95% interval"), _("Answers"));
          md_rule (out, 4, 1, 3);
          for (guint i = 0; i < r->segments->len; i++)
            {
              const KeelShare *share = g_ptr_array_index (r->segments, i);
              g_autofree char *value = format_percent (share->value);
              g_autofree char *low = format_percent (share->interval_low);
              g_autofree char *high = format_percent (share->interval_high);
              g_autofree char *interval = g_strdup_printf ("%s–%s", low, high);
              g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, share->sample_size);

              md_row (out, 4, share->label[0] != '\0' ? share->label : _("(no segment)"),
                      value, interval, n);
            }
          g_string_append_c (out, '\n');
        }
      if (r->months != NULL && r->months->len > 0)
        {
          md_row (out, 3, _("Month"), _("Very disappointed"), _("Answers"));
          md_rule (out, 3, 1, 2);
          for (guint i = 0; i < r->months->len; i++)
            {
              const KeelShare *share = g_ptr_array_index (r->months, i);
              g_autofree char *value = format_percent (share->value);
              g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, share->sample_size);

              md_row (out, 3, share->label, value, n);
            }
          g_string_append_c (out, '\n');
        }
      break;

    case KEEL_SIGNAL_KIND_ORGANIC_GROWTH:
      {
        g_autofree char *trend = organic_trend_line (r);

        if (trend != NULL)
          {
            md_text (out, trend);
            g_string_append (out, "\n\n");
          }
        if (r->organic != NULL && r->organic->len > 0)
          {
            md_row (out, 4, _("Period"), _("Organic"), _("Paid"), _("Organic share"));
            md_rule (out, 4, 1, 3);
            for (guint i = 0; i < r->organic->len; i++)
              {
                const KeelOrganicPoint *p = g_ptr_array_index (r->organic, i);
                g_autofree char *organic = g_strdup_printf ("%" G_GINT64_FORMAT, p->organic);
                g_autofree char *paid = g_strdup_printf ("%" G_GINT64_FORMAT, p->paid);
                g_autofree char *share = format_percent (p->share);

                md_row (out, 4, p->period, organic, paid, share);
              }
            g_string_append_c (out, '\n');
          }
      }
      break;

    case KEEL_SIGNAL_KIND_CUSTOM:
    case KEEL_N_SIGNAL_KINDS:
    default:
      break;
    }
}

static void
md_board_cell (GString         *out,
               const BoardCell *cell)
{
  g_autofree char *count = cell_count_text (cell->items->len);

  g_string_append (out, " ");
  if (cell->items->len == 0)
    {
      g_string_append (out, "—");
      return;
    }
  g_string_append (out, "**");
  md_text (out, count);
  g_string_append (out, "**");
  if (cell->items->len > KEEL_REPORT_MAX_ITEMS_PER_CELL)
    {
      g_autofree char *breakdown = status_breakdown (cell->by_status);

      g_string_append (out, ": ");
      md_text (out, breakdown);
      return;
    }
  for (guint i = 0; i < cell->items->len; i++)
    {
      KeelItem *item = g_ptr_array_index (cell->items, i);

      /* A line break inside a GitHub table cell. */
      g_string_append (out, "<br>");
      md_text (out, item->title);
      g_string_append (out, " (");
      md_text (out, keel_status_to_label (item->status));
      g_string_append (out, ")");
    }
}

static void
md_board (GString *out,
          Summary *s)
{
  g_autofree char *count = cell_count_text (s->n_items);

  g_string_append_printf (out, "## %s\n\n", _("Board"));
  md_text (out, count);
  if (s->n_dropped > 0)
    {
      g_autofree char *dropped = g_strdup_printf (ngettext ("(%u dropped item not shown)",
                                                            "(%u dropped items not shown)",
                                                            s->n_dropped),
                                                  s->n_dropped);
      g_string_append_c (out, ' ');
      md_text (out, dropped);
    }
  g_string_append (out, ".\n\n");

  md_row (out, 4, _("Dimension"), keel_horizon_to_label (KEEL_HORIZON_NOW),
          keel_horizon_to_label (KEEL_HORIZON_NEXT), keel_horizon_to_label (KEEL_HORIZON_LATER));
  md_rule (out, 4, 4, 4);
  for (guint d = 0; d < KEEL_N_DIMENSIONS; d++)
    {
      g_string_append (out, "| **");
      md_text (out, keel_dimension_to_label (d));
      g_string_append (out, "** |");
      for (guint h = 0; h < KEEL_N_HORIZONS; h++)
        {
          md_board_cell (out, &s->cells[d][h]);
          g_string_append (out, " |");
        }
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');

  g_string_append_printf (out, "### %s\n\n", _("Items by status"));
  g_string_append (out, "| ");
  md_text (out, _("Dimension"));
  for (guint st = 0; st < KEEL_N_STATUSES; st++)
    if (st != KEEL_STATUS_DROPPED)
      {
        g_string_append (out, " | ");
        md_text (out, keel_status_to_label (st));
      }
  g_string_append (out, " | ");
  md_text (out, _("Total"));
  g_string_append (out, " |\n");
  md_rule (out, KEEL_N_STATUSES + 1, 1, KEEL_N_STATUSES);
  for (guint d = 0; d < KEEL_N_DIMENSIONS; d++)
    {
      guint total = 0;

      g_string_append (out, "| ");
      md_text (out, keel_dimension_to_label (d));
      for (guint st = 0; st < KEEL_N_STATUSES; st++)
        if (st != KEEL_STATUS_DROPPED)
          {
            g_string_append_printf (out, " | %u", s->by_status[d][st]);
            total += s->by_status[d][st];
          }
      g_string_append_printf (out, " | %u |\n", total);
    }
  g_string_append_c (out, '\n');
}

static void
md_debt (GString *out,
         Summary *s)
{
  g_autofree char *principal = format_amount (s->principal);
  g_autofree char *interest = format_amount (s->interest);
  g_autofree char *b_principal = format_amount (s->bottleneck_principal);
  g_autofree char *b_interest = format_amount (s->bottleneck_interest);
  g_autofree char *p_days = g_strdup_printf (_("%s days"), principal);
  g_autofree char *i_hours = g_strdup_printf (_("%s hours"), interest);
  g_autofree char *bp_days = g_strdup_printf (_("%s days"), b_principal);
  g_autofree char *bi_hours = g_strdup_printf (_("%s hours"), b_interest);
  g_autofree char *n_os = g_strdup_printf ("%u", s->n_open_scheduled);
  g_autofree char *n_ob = g_strdup_printf ("%u", s->n_open_bottlenecks);

  g_string_append_printf (out, "## %s\n\n", _("Debt"));
  md_row (out, 4, "", _("Debts"), _("Principal"), _("Interest per week"));
  md_rule (out, 4, 1, 3);
  md_row (out, 4, _("Open and scheduled"), n_os, p_days, i_hours);
  md_row (out, 4, _("Open bottlenecks"), n_ob, bp_days, bi_hours);
  g_string_append_c (out, '\n');

  g_string_append_printf (out, "### %s\n\n", _("Top bottlenecks"));
  if (s->bottlenecks->len == 0)
    {
      md_text (out, _("No open or scheduled debt is marked as a bottleneck under growth."));
      g_string_append (out, "\n\n");
      return;
    }
  md_row (out, 6, _("Debt"), _("Component"), _("Status"), _("Principal"), _("Interest per week"),
          _("Paid down by"));
  md_rule (out, 6, 3, 4);
  for (guint i = 0; i < s->bottlenecks->len && i < KEEL_REPORT_TOP_BOTTLENECKS; i++)
    {
      KeelDebt *debt = g_ptr_array_index (s->bottlenecks, i);
      g_autofree char *dp = format_amount (debt->principal_days);
      g_autofree char *di = format_amount (debt->interest_hours_per_week);
      g_autofree char *days = g_strdup_printf (_("%s days"), dp);
      g_autofree char *hours = g_strdup_printf (_("%s hours"), di);
      g_autofree char *payers = payers_text (s, debt);

      md_row (out, 6, debt->title, debt->component[0] != '\0' ? debt->component : "—",
              keel_debt_status_to_label (debt->status), days, hours, payers);
    }
  if (s->bottlenecks->len > KEEL_REPORT_TOP_BOTTLENECKS)
    {
      guint more = s->bottlenecks->len - KEEL_REPORT_TOP_BOTTLENECKS;
      g_autofree char *line = g_strdup_printf (ngettext ("And %u more bottleneck.",
                                                         "And %u more bottlenecks.", more),
                                               more);
      g_string_append_c (out, '\n');
      md_text (out, line);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

static void
md_findings (GString *out,
             Summary *s)
{
  g_autofree char *count = findings_count_line (s->findings);

  g_string_append_printf (out, "## %s\n\n", _("Findings"));
  md_text (out, count);
  g_string_append (out, "\n\n");

  for (KeelSeverity sev = KEEL_SEVERITY_ERROR; sev <= KEEL_SEVERITY_INFO; sev++)
    {
      guint n = keel_findings_count (s->findings, sev);
      guint shown = 0;

      if (n == 0)
        continue;
      g_string_append_printf (out, "### %s (%u)\n\n", keel_report_severity_heading (sev), n);
      for (guint i = 0; i < s->findings->len; i++)
        {
          const KeelFinding *f = g_ptr_array_index (s->findings, i);
          g_autofree char *subject = NULL;

          if (f->severity != sev)
            continue;
          if (shown++ == KEEL_REPORT_MAX_FINDINGS_PER_SEVERITY)
            break;
          subject = finding_subject_line (f);
          g_string_append (out, "- **");
          md_text (out, f->message);
          g_string_append (out, "**  \n  ");
          md_text (out, subject);
          g_string_append (out, "  \n  ");
          md_text (out, _("What to do:"));
          g_string_append_c (out, ' ');
          md_text (out, f->hint);
          g_string_append_c (out, '\n');
        }
      if (n > KEEL_REPORT_MAX_FINDINGS_PER_SEVERITY)
        {
          guint more = n - KEEL_REPORT_MAX_FINDINGS_PER_SEVERITY;
          g_autofree char *line = g_strdup_printf (ngettext ("And %u more; run “keel-cli check” for the full list.",
                                                             "And %u more; run “keel-cli check” for the full list.",
                                                             more),
                                                   more);
          g_string_append (out, "\n");
          md_text (out, line);
          g_string_append_c (out, '\n');
        }
      g_string_append_c (out, '\n');
    }
}

/**
 * keel_report_markdown:
 * @project: a project
 * @gate: the gate computed for @project
 * @findings: (nullable) (element-type KeelFinding): the findings of @project and
 *   @gate, in the public order; %NULL runs the checks
 *
 * Writes the readiness report as Markdown: headings, text and GitHub tables.
 *
 * Returns: (transfer full): the report
 */
char *
keel_report_markdown (KeelProject    *project,
                      const KeelGate *gate,
                      GPtrArray      *findings)
{
  GString *out;
  Summary s;
  g_autofree char *date = NULL;
  g_autofree char *headline = NULL;
  g_autofree char *count = NULL;
  g_autofree char *as_of = NULL;

  g_return_val_if_fail (KEEL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (gate != NULL, NULL);

  summary_init (&s, project, gate, findings);
  out = g_string_new (NULL);

  g_string_append (out, "# ");
  /* Translators: the title of the report; %s is the project's name. */
  {
    g_autofree char *title = g_strdup_printf (_("Readiness report: %s"), keel_project_get_name (project));
    md_text (out, title);
  }
  g_string_append (out, "\n\n");
  date = format_long_date (gate->as_of);
  as_of = g_strdup_printf (_("As of %s."), date);
  md_text (out, as_of);
  g_string_append (out, "\n\n");

  /* The gate */
  headline = gate_headline (gate);
  count = gate_count_line (gate);
  g_string_append_printf (out, "## %s\n\n**", _("Fit gate"));
  md_text (out, headline);
  g_string_append (out, ":** ");
  md_text (out, count);
  g_string_append_c (out, ' ');
  md_text (out, gate_advice (gate));
  g_string_append (out, "\n\n");

  /* The signals */
  g_string_append_printf (out, "## %s\n\n", _("Signals"));
  if (gate->results->len == 0)
    {
      md_text (out, _("The project has no fit signals."));
      g_string_append (out, "\n\n");
    }
  else
    {
      md_row (out, 7, _("Signal"), _("Required"), _("State"), _("Value"), _("Threshold"),
              _("Sample"), _("Newest data"));
      md_rule (out, 7, 3, 6);
      for (guint i = 0; i < gate->results->len; i++)
        {
          const KeelSignalResult *r = g_ptr_array_index (gate->results, i);
          g_autofree char *value = signal_value_text (r);
          g_autofree char *threshold = signal_threshold_text (r);
          g_autofree char *sample = signal_sample_text (r);

          md_row (out, 7, r->name, r->required ? _("Yes") : _("No"),
                  keel_signal_state_to_label (r->state), value, threshold, sample,
                  signal_newest_text (r));
        }
      g_string_append_c (out, '\n');
      for (guint i = 0; i < gate->results->len; i++)
        md_signal_detail (out, project, g_ptr_array_index (gate->results, i));
    }

  md_board (out, &s);
  md_debt (out, &s);
  md_findings (out, &s);

  /* One newline at the end, not two. */
  while (out->len > 1 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);

  summary_clear (&s);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Writing a file whole */

/**
 * keel_report_write_file:
 * @file: where to write
 * @contents: (array length=length): the bytes
 * @length: their number
 * @error: return location for a #GError
 *
 * Writes @contents to @file through a temporary file renamed over it, so that the file
 * is either the old one or the new one, whole.
 *
 * Returns: %TRUE on success; on failure @file is untouched and no side file remains
 */
gboolean
keel_report_write_file (GFile       *file,
                        const char  *contents,
                        gsize        length,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (contents != NULL || length == 0, FALSE);

  if (!g_file_replace_contents (file, contents != NULL ? contents : "", length, NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &local_error))
    {
      g_set_error (error, KEEL_REPORT_ERROR, KEEL_REPORT_ERROR_WRITE,
                   _("Could not write the report: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* PDF */

/**
 * keel_report_can_pdf:
 *
 * Returns: %TRUE when this build of Keel writes PDF reports (it was built with cairo)
 */
gboolean
keel_report_can_pdf (void)
{
#ifdef KEEL_REPORT_HAVE_PDF
  return TRUE;
#else
  return FALSE;
#endif
}

#ifdef KEEL_REPORT_HAVE_PDF

/* A4 in points, with margins of 2 cm at the sides. */
#define PAGE_W        595.276
#define PAGE_H        841.890
#define MARGIN_X      56.7
#define MARGIN_TOP    56.7
#define MARGIN_BOTTOM 70.0
#define CONTENT_W     (PAGE_W - 2 * MARGIN_X)
#define BOTTOM        (PAGE_H - MARGIN_BOTTOM)

/* The palette: ink, a secondary grey, hairlines, and one accent (GNOME blue). */
#define INK        0.141, 0.122, 0.192
#define GREY       0.369, 0.361, 0.392
#define LIGHT      0.604, 0.600, 0.588
#define HAIRLINE   0.871, 0.867, 0.855
#define WASH       0.965, 0.961, 0.957
#define ACCENT     0.110, 0.443, 0.847
#define ACCENT_WASH 0.902, 0.937, 0.984

typedef enum {
  STYLE_KICKER,     /* small accent capitals above the title */
  STYLE_TITLE,
  STYLE_SUBTITLE,
  STYLE_H1,
  STYLE_H2,
  STYLE_BODY,
  STYLE_BODY_BOLD,
  STYLE_SMALL,
  STYLE_SMALL_BOLD,
  STYLE_CAPTION,    /* small grey */
  STYLE_HEADER,     /* table header: small bold grey */
  STYLE_GATE,       /* the gate's headline */
  N_STYLES
} Style;

typedef struct {
  double   size;
  gboolean bold;
  double   r, g, b;
  double   leading;  /* line height as a multiple of size */
} StyleInfo;

static const StyleInfo styles[N_STYLES] = {
  [STYLE_KICKER]     = { 8.5, TRUE,  ACCENT, 1.3 },
  [STYLE_TITLE]      = { 24,  TRUE,  INK,    1.2 },
  [STYLE_SUBTITLE]   = { 10.5, FALSE, GREY,  1.4 },
  [STYLE_H1]         = { 15,  TRUE,  INK,    1.3 },
  [STYLE_H2]         = { 11.5, TRUE, INK,    1.3 },
  [STYLE_BODY]       = { 9.5, FALSE, INK,    1.45 },
  [STYLE_BODY_BOLD]  = { 9.5, TRUE,  INK,    1.45 },
  [STYLE_SMALL]      = { 8,   FALSE, INK,    1.35 },
  [STYLE_SMALL_BOLD] = { 8,   TRUE,  INK,    1.35 },
  [STYLE_CAPTION]    = { 7.5, FALSE, GREY,   1.35 },
  [STYLE_HEADER]     = { 7.5, TRUE,  GREY,   1.35 },
  [STYLE_GATE]       = { 14,  TRUE,  INK,    1.3 },
};

typedef enum {
  MARKER_NONE,
  MARKER_FILLED,   /* met */
  MARKER_HOLLOW,   /* not met, stale, no data */
} Marker;

typedef struct {
  cairo_surface_t *surface;
  cairo_t         *cr;
  double           y;          /* the top of the next block */
  guint            page;
  guint            n_pages;    /* 0 in the first pass, which counts them */
  char            *footer;
} Pdf;

static void
use_style (Pdf   *pdf,
           Style  style)
{
  const StyleInfo *st = &styles[style];

  cairo_select_font_face (pdf->cr, "Sans", CAIRO_FONT_SLANT_NORMAL,
                          st->bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (pdf->cr, st->size);
  cairo_set_source_rgb (pdf->cr, st->r, st->g, st->b);
}

static double
line_height (Style style)
{
  return styles[style].size * styles[style].leading;
}

/* Control characters (a tab in a name) have no glyph in the toy font API: draw and
 * measure them as spaces. Returns @text itself when it is clean. */
static const char *
clean_text (const char  *text,
            char       **out_copy)
{
  char *copy = NULL;

  *out_copy = NULL;
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      {
        if (copy == NULL)
          copy = g_strdup (text);
        copy[p - text] = ' ';
      }
  *out_copy = copy;
  return copy != NULL ? copy : text;
}

static double
text_width (Pdf        *pdf,
            const char *text)
{
  cairo_text_extents_t ext;
  g_autofree char *copy = NULL;

  cairo_text_extents (pdf->cr, clean_text (text, &copy), &ext);
  return ext.x_advance;
}

/* Draws one line with its top at @top (the style must be in use). */
static void
show_line (Pdf        *pdf,
           Style       style,
           double      x,
           double      top,
           const char *text)
{
  g_autofree char *copy = NULL;

  cairo_move_to (pdf->cr, x, top + styles[style].size * 0.98);
  cairo_show_text (pdf->cr, clean_text (text, &copy));
}

static void
show_line_right (Pdf        *pdf,
                 Style       style,
                 double      right,
                 double      top,
                 const char *text)
{
  show_line (pdf, style, right - text_width (pdf, text), top, text);
}

/* Splits a word wider than @width between characters. */
static void
wrap_long_word (Pdf        *pdf,
                const char *word,
                double      width,
                GString    *line,
                GPtrArray  *lines)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize before = line->len;

      g_string_append_len (line, p, g_utf8_next_char (p) - p);
      if (text_width (pdf, line->str) > width && before > 0)
        {
          g_ptr_array_add (lines, g_strndup (line->str, before));
          g_string_erase (line, 0, before);
        }
    }
}

/* Greedy word wrapping of @text to @width with the current font; "\n" breaks lines.
 * Returns the lines (at least one). */
static GPtrArray *
wrap_text (Pdf        *pdf,
           const char *text,
           double      width)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) paragraphs = g_strsplit (text != NULL ? text : "", "\n", -1);

  /* Tabs and other blanks separate words like spaces. */
  for (guint i = 0; paragraphs[i] != NULL; i++)
    g_strdelimit (paragraphs[i], "\t\r\v\f", ' ');

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (paragraphs[i], " ", -1);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint w = 0; words[w] != NULL; w++)
        {
          gsize before = line->len;

          if (words[w][0] == '\0')
            continue;
          if (before > 0)
            g_string_append_c (line, ' ');
          g_string_append (line, words[w]);
          if (text_width (pdf, line->str) <= width)
            continue;

          /* Too wide: the word starts the next line (or is itself split). */
          g_string_truncate (line, before);
          if (before > 0)
            {
              g_ptr_array_add (lines, g_strdup (line->str));
              g_string_truncate (line, 0);
            }
          if (text_width (pdf, words[w]) > width)
            wrap_long_word (pdf, words[w], width, line, lines);
          else
            g_string_append (line, words[w]);
        }
      g_ptr_array_add (lines, g_strdup (line->str));
    }
  return lines;
}

/* Shortens @text with "…" to fit @width. */
static char *
ellipsize (Pdf        *pdf,
           const char *text,
           double      width)
{
  g_autoptr(GString) out = NULL;

  if (text_width (pdf, text) <= width)
    return g_strdup (text);
  out = g_string_new (text);
  while (out->len > 0)
    {
      const char *last = g_utf8_find_prev_char (out->str, out->str + out->len);

      g_string_truncate (out, last != NULL ? (gsize) (last - out->str) : 0);
      g_string_append (out, "…");
      if (text_width (pdf, out->str) <= width)
        break;
      g_string_truncate (out, out->len - strlen ("…"));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
draw_footer (Pdf *pdf)
{
  cairo_t *cr = pdf->cr;
  g_autofree char *page = pdf->n_pages > 0 ? g_strdup_printf (_("Page %u of %u"), pdf->page, pdf->n_pages)
                                          : g_strdup_printf (_("Page %u"), pdf->page);
  double top = PAGE_H - MARGIN_BOTTOM + 30;

  cairo_save (cr);
  cairo_set_source_rgb (cr, HAIRLINE);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN_X, top - 8);
  cairo_line_to (cr, PAGE_W - MARGIN_X, top - 8);
  cairo_stroke (cr);
  use_style (pdf, STYLE_CAPTION);
  {
    g_autofree char *footer = ellipsize (pdf, pdf->footer, CONTENT_W - 80);
    show_line (pdf, STYLE_CAPTION, MARGIN_X, top, footer);
  }
  show_line_right (pdf, STYLE_CAPTION, PAGE_W - MARGIN_X, top, page);
  cairo_restore (cr);
}

static void
new_page (Pdf *pdf)
{
  draw_footer (pdf);
  cairo_show_page (pdf->cr);
  pdf->page++;
  pdf->y = MARGIN_TOP;
}

/* Starts a new page unless @height fits below the cursor. */
static void
ensure_space (Pdf    *pdf,
              double  height)
{
  if (pdf->y + height > BOTTOM && pdf->y > MARGIN_TOP)
    new_page (pdf);
}

static void
outline (Pdf        *pdf,
         int         parent,
         const char *name,
         int        *out_id)
{
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE (1, 16, 0)
  g_autofree char *link = g_strdup_printf ("page=%u pos=[%.0f %.0f]", pdf->page,
                                           MARGIN_X, pdf->y);
  int id = cairo_pdf_surface_add_outline (pdf->surface, parent, name, link,
                                          CAIRO_PDF_OUTLINE_FLAG_OPEN);
  if (out_id != NULL)
    *out_id = id;
#else
  if (out_id != NULL)
    *out_id = 0;
#endif
}

/* A paragraph that may flow across pages. */
static void
paragraph (Pdf        *pdf,
           Style       style,
           double      indent,
           const char *text,
           double      space_after)
{
  g_autoptr(GPtrArray) lines = NULL;

  use_style (pdf, style);
  lines = wrap_text (pdf, text, CONTENT_W - indent);
  for (guint i = 0; i < lines->len; i++)
    {
      ensure_space (pdf, line_height (style));
      use_style (pdf, style);
      show_line (pdf, style, MARGIN_X + indent, pdf->y, g_ptr_array_index (lines, i));
      pdf->y += line_height (style);
    }
  pdf->y += space_after;
}

static double
paragraph_height (Pdf        *pdf,
                  Style       style,
                  double      indent,
                  const char *text)
{
  g_autoptr(GPtrArray) lines = NULL;

  use_style (pdf, style);
  lines = wrap_text (pdf, text, CONTENT_W - indent);
  return lines->len * line_height (style);
}

static void
heading1 (Pdf        *pdf,
          const char *text,
          int        *out_outline)
{
  /* Keep a heading with the start of what follows it. */
  pdf->y += 14;
  ensure_space (pdf, 90);
  outline (pdf, 0, text, out_outline);
  use_style (pdf, STYLE_H1);
  show_line (pdf, STYLE_H1, MARGIN_X, pdf->y, text);
  pdf->y += line_height (STYLE_H1) + 3;
  cairo_set_source_rgb (pdf->cr, INK);
  cairo_set_line_width (pdf->cr, 0.8);
  cairo_move_to (pdf->cr, MARGIN_X, pdf->y);
  cairo_line_to (pdf->cr, PAGE_W - MARGIN_X, pdf->y);
  cairo_stroke (pdf->cr);
  pdf->y += 10;
}

static void
draw_marker (Pdf    *pdf,
             Marker  marker,
             double  cx,
             double  cy,
             double  radius)
{
  cairo_t *cr = pdf->cr;

  if (marker == MARKER_NONE)
    return;
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_arc (cr, cx, cy, radius, 0, 2 * G_PI);
  if (marker == MARKER_FILLED)
    {
      cairo_set_source_rgb (cr, ACCENT);
      cairo_fill (cr);
    }
  else
    {
      cairo_set_source_rgb (cr, GREY);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* A second-level heading, optionally with a state marker and label at its right. */
static void
heading2 (Pdf        *pdf,
          const char *text,
          Marker      marker,
          const char *state,
          int         parent)
{
  pdf->y += 8;
  ensure_space (pdf, 70);
  outline (pdf, parent, text, NULL);
  use_style (pdf, STYLE_H2);
  show_line (pdf, STYLE_H2, MARGIN_X, pdf->y, text);
  if (state != NULL)
    {
      double w;

      use_style (pdf, STYLE_SMALL_BOLD);
      w = text_width (pdf, state);
      if (marker == MARKER_FILLED)
        cairo_set_source_rgb (pdf->cr, ACCENT);
      else
        cairo_set_source_rgb (pdf->cr, GREY);
      show_line (pdf, STYLE_SMALL_BOLD, PAGE_W - MARGIN_X - w, pdf->y + 2.5, state);
      draw_marker (pdf, marker, PAGE_W - MARGIN_X - w - 7, pdf->y + 2.5 + 4.2, 3.2);
    }
  pdf->y += line_height (STYLE_H2) + 4;
}

/* ---- Tables ---- */

typedef struct {
  char   *text;
  Style   style;
  Marker  marker;
} Para;

static void
para_free (Para *para)
{
  g_free (para->text);
  g_free (para);
}

typedef struct {
  guint      n_cols;
  double    *widths;
  gboolean  *right;
  char     **headers;
  GPtrArray *rows;   /* GPtrArray (row) of GPtrArray (cell) of Para */
  gboolean   shade_first_col;
} Table;

static Table *
table_new (guint n_cols)
{
  Table *t = g_new0 (Table, 1);

  t->n_cols = n_cols;
  t->widths = g_new0 (double, n_cols);
  t->right = g_new0 (gboolean, n_cols);
  t->headers = g_new0 (char *, n_cols + 1);
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  return t;
}

static void
table_free (Table *t)
{
  g_free (t->widths);
  g_free (t->right);
  g_strfreev (t->headers);
  g_ptr_array_unref (t->rows);
  g_free (t);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Table, table_free)

static void
table_column (Table      *t,
              guint       col,
              const char *header,
              double      width,
              gboolean    right)
{
  g_free (t->headers[col]);
  t->headers[col] = g_strdup (header);
  t->widths[col] = width;
  t->right[col] = right;
}

/* Fills the last column's width with what the others leave. */
static void
table_fill_last (Table *t)
{
  double used = 0;

  for (guint i = 0; i + 1 < t->n_cols; i++)
    used += t->widths[i];
  t->widths[t->n_cols - 1] = CONTENT_W - used;
}

typedef struct {
  const char *header;  /* marked with N_(), translated when the table is made */
  double      width;   /* 0 for the last column: what the others leave */
  gboolean    right;
} Column;

/* Sets all the columns of @t from @columns (t->n_cols of them). */
static void
table_columns (Table        *t,
               const Column *columns)
{
  for (guint i = 0; i < t->n_cols; i++)
    table_column (t, i, _(columns[i].header), columns[i].width, columns[i].right);
  table_fill_last (t);
}

static GPtrArray *
table_add_row (Table *t)
{
  GPtrArray *row = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < t->n_cols; i++)
    g_ptr_array_add (row, g_ptr_array_new_with_free_func ((GDestroyNotify) para_free));
  g_ptr_array_add (t->rows, row);
  return row;
}

static void
cell_add (GPtrArray  *row,
          guint       col,
          Style       style,
          Marker      marker,
          const char *text)
{
  Para *para = g_new0 (Para, 1);

  para->text = g_strdup (text);
  para->style = style;
  para->marker = marker;
  g_ptr_array_add (g_ptr_array_index (row, col), para);
}

#define CELL_PAD_X 5.0
#define CELL_PAD_Y 4.5
#define MARKER_GAP 10.0

/* Lays out (measures) or draws one cell; returns its content height. */
static double
cell_layout (Pdf       *pdf,
             GPtrArray *cell,
             double     x,
             double     width,
             gboolean   right,
             double     top,
             gboolean   draw)
{
  double y = 0;

  for (guint i = 0; i < cell->len; i++)
    {
      Para *para = g_ptr_array_index (cell, i);
      double indent = para->marker != MARKER_NONE ? MARKER_GAP : 0;
      g_autoptr(GPtrArray) lines = NULL;

      use_style (pdf, para->style);
      lines = wrap_text (pdf, para->text, width - indent);
      if (draw && para->marker != MARKER_NONE)
        draw_marker (pdf, para->marker, x + 3.5, top + y + styles[para->style].size * 0.62, 3.0);
      for (guint l = 0; l < lines->len; l++)
        {
          if (draw)
            {
              use_style (pdf, para->style);
              if (right)
                show_line_right (pdf, para->style, x + width, top + y, g_ptr_array_index (lines, l));
              else
                show_line (pdf, para->style, x + indent, top + y, g_ptr_array_index (lines, l));
            }
          y += line_height (para->style);
        }
      if (i + 1 < cell->len)
        y += 1.5;
    }
  return y;
}

static double
row_height (Pdf       *pdf,
            Table     *t,
            GPtrArray *row)
{
  double h = 0;

  for (guint c = 0; c < t->n_cols; c++)
    h = MAX (h, cell_layout (pdf, g_ptr_array_index (row, c), 0, t->widths[c] - 2 * CELL_PAD_X,
                             t->right[c], 0, FALSE));
  return h + 2 * CELL_PAD_Y;
}

static void
table_header (Pdf   *pdf,
              Table *t)
{
  double x = MARGIN_X;
  double h = line_height (STYLE_HEADER) + 2 * CELL_PAD_Y;
  double text_h = 0;

  /* Headers may wrap in narrow columns. */
  use_style (pdf, STYLE_HEADER);
  for (guint c = 0; c < t->n_cols; c++)
    {
      g_autoptr(GPtrArray) lines = wrap_text (pdf, t->headers[c], t->widths[c] - 2 * CELL_PAD_X);
      text_h = MAX (text_h, lines->len * line_height (STYLE_HEADER));
    }
  h = text_h + 2 * CELL_PAD_Y;

  for (guint c = 0; c < t->n_cols; c++)
    {
      g_autoptr(GPtrArray) lines = NULL;

      use_style (pdf, STYLE_HEADER);
      lines = wrap_text (pdf, t->headers[c], t->widths[c] - 2 * CELL_PAD_X);
      for (guint l = 0; l < lines->len; l++)
        {
          double top = pdf->y + CELL_PAD_Y + (text_h - lines->len * line_height (STYLE_HEADER))
                       + l * line_height (STYLE_HEADER);
          if (t->right[c])
            show_line_right (pdf, STYLE_HEADER, x + t->widths[c] - CELL_PAD_X, top,
                             g_ptr_array_index (lines, l));
          else
            show_line (pdf, STYLE_HEADER, x + CELL_PAD_X, top, g_ptr_array_index (lines, l));
        }
      x += t->widths[c];
    }
  pdf->y += h;
  cairo_set_source_rgb (pdf->cr, INK);
  cairo_set_line_width (pdf->cr, 0.7);
  cairo_move_to (pdf->cr, MARGIN_X, pdf->y);
  cairo_line_to (pdf->cr, PAGE_W - MARGIN_X, pdf->y);
  cairo_stroke (pdf->cr);
}

/* Draws @t, row by row; a row that does not fit starts a new page, where the header is
 * repeated. A row taller than a page is drawn anyway (it is clipped by the page). */
static void
table_draw (Pdf   *pdf,
            Table *t)
{
  double header_h = line_height (STYLE_HEADER) * 2 + 2 * CELL_PAD_Y;

  ensure_space (pdf, header_h + (t->rows->len > 0 ? row_height (pdf, t, g_ptr_array_index (t->rows, 0)) : 0));
  table_header (pdf, t);
  for (guint r = 0; r < t->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (t->rows, r);
      double h = row_height (pdf, t, row);
      double x = MARGIN_X;

      if (pdf->y + h > BOTTOM)
        {
          new_page (pdf);
          table_header (pdf, t);
        }
      if (t->shade_first_col)
        {
          cairo_set_source_rgb (pdf->cr, WASH);
          cairo_rectangle (pdf->cr, MARGIN_X, pdf->y, t->widths[0], h);
          cairo_fill (pdf->cr);
        }
      for (guint c = 0; c < t->n_cols; c++)
        {
          cell_layout (pdf, g_ptr_array_index (row, c), x + CELL_PAD_X,
                       t->widths[c] - 2 * CELL_PAD_X, t->right[c], pdf->y + CELL_PAD_Y, TRUE);
          x += t->widths[c];
        }
      pdf->y += h;
      cairo_set_source_rgb (pdf->cr, HAIRLINE);
      cairo_set_line_width (pdf->cr, 0.5);
      cairo_move_to (pdf->cr, MARGIN_X, pdf->y);
      cairo_line_to (pdf->cr, PAGE_W - MARGIN_X, pdf->y);
      cairo_stroke (pdf->cr);
    }
  pdf->y += 10;
}

/* ---- Charts ---- */

#define CHART_PLOT_LEFT 34.0    /* room for the tick labels */

typedef struct {
  double x, y, w, h;   /* the plot area */
} Plot;

static double
plot_x (const Plot *p,
        double      v,
        double      max)
{
  return p->x + (max > 0 ? v / max : 0) * p->w;
}

static double
plot_y (const Plot *p,
        double      fraction,
        double      max)
{
  return p->y + p->h - (fraction / max) * p->h;
}

/* A chart's caption above its frame. */
/* Strokes the line through @values (fractions, period 0 first) in the current colour
 * and width. */
static void
plot_curve (cairo_t    *cr,
            const Plot *p,
            GArray     *values,
            double      x_max)
{
  for (guint j = 0; j < values->len; j++)
    {
      double v = g_array_index (values, double, j);
      double x = plot_x (p, j, x_max), y = plot_y (p, CLAMP (v, 0, 1), 1.0);

      if (j == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
}

static void
chart_caption (Pdf        *pdf,
               const char *caption)
{
  use_style (pdf, STYLE_SMALL_BOLD);
  show_line (pdf, STYLE_SMALL_BOLD, MARGIN_X, pdf->y, caption);
  pdf->y += line_height (STYLE_SMALL_BOLD) + 6;
}

/* The y axis of a share, 0 to @max (a multiple of 0.1), with grid lines and % labels. */
static void
draw_share_axis (Pdf        *pdf,
                 const Plot *p,
                 double      max)
{
  cairo_t *cr = pdf->cr;
  double step = max > 0.7 + 1e-9 ? 0.2 : 0.1;

  cairo_save (cr);
  cairo_set_line_width (cr, 0.5);
  for (double v = 0; v <= max + 1e-9; v += step)
    {
      double y = plot_y (p, v, max);
      g_autofree char *label = g_strdup_printf ("%.0f%%", v * 100);

      if (v == 0)
        cairo_set_source_rgb (cr, LIGHT);
      else
        cairo_set_source_rgb (cr, HAIRLINE);
      cairo_move_to (cr, p->x, y);
      cairo_line_to (cr, p->x + p->w, y);
      cairo_stroke (cr);
      use_style (pdf, STYLE_CAPTION);
      show_line_right (pdf, STYLE_CAPTION, p->x - 5, y - 4, label);
    }
  cairo_restore (cr);
}

static void
dashed (cairo_t *cr,
        gboolean on)
{
  static const double dash[] = { 3.0, 2.0 };

  cairo_set_dash (cr, dash, on ? 2 : 0, 0);
}

typedef enum {
  LEGEND_LINE,
  LEGEND_THICK_LINE,
  LEGEND_DASH,
  LEGEND_BOX,
  LEGEND_GREY_BOX,
  LEGEND_WHISKER,
} LegendKind;

/* Draws one legend entry at (@x, @top); returns the x after it. */
static double
legend_entry (Pdf        *pdf,
              double      x,
              double      top,
              LegendKind  kind,
              const char *label)
{
  cairo_t *cr = pdf->cr;
  double cy = top + 4.2;

  cairo_save (cr);
  switch (kind)
    {
    case LEGEND_LINE:
      cairo_set_source_rgb (cr, LIGHT);
      cairo_set_line_width (cr, 0.8);
      cairo_move_to (cr, x, cy);
      cairo_line_to (cr, x + 16, cy);
      cairo_stroke (cr);
      break;
    case LEGEND_THICK_LINE:
      cairo_set_source_rgb (cr, ACCENT);
      cairo_set_line_width (cr, 2.2);
      cairo_move_to (cr, x, cy);
      cairo_line_to (cr, x + 16, cy);
      cairo_stroke (cr);
      break;
    case LEGEND_DASH:
      cairo_set_source_rgb (cr, INK);
      cairo_set_line_width (cr, 1.0);
      dashed (cr, TRUE);
      cairo_move_to (cr, x, cy);
      cairo_line_to (cr, x + 16, cy);
      cairo_stroke (cr);
      break;
    case LEGEND_BOX:
      cairo_set_source_rgb (cr, ACCENT);
      cairo_rectangle (cr, x + 3, cy - 4, 10, 8);
      cairo_fill (cr);
      break;
    case LEGEND_GREY_BOX:
      cairo_set_source_rgb (cr, LIGHT);
      cairo_rectangle (cr, x + 3, cy - 4, 10, 8);
      cairo_fill (cr);
      break;
    case LEGEND_WHISKER:
      cairo_set_source_rgb (cr, INK);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, x + 1, cy);
      cairo_line_to (cr, x + 15, cy);
      cairo_move_to (cr, x + 1, cy - 3);
      cairo_line_to (cr, x + 1, cy + 3);
      cairo_move_to (cr, x + 15, cy - 3);
      cairo_line_to (cr, x + 15, cy + 3);
      cairo_stroke (cr);
      break;
    default:
      break;
    }
  cairo_restore (cr);
  use_style (pdf, STYLE_CAPTION);
  show_line (pdf, STYLE_CAPTION, x + 20, top, label);
  return x + 20 + text_width (pdf, label) + 14;
}

static double
nice_max_share (double max)
{
  /* Up to the next 10%, at least 10%, at most 100%. */
  double top = ceil (max * 10.0 - 1e-9) / 10.0;

  /* Above 70% the axis steps by 20% (draw_share_axis()): end on a tick. */
  if (top > 0.7 + 1e-9)
    top = ceil (top * 5.0 - 1e-9) / 5.0;
  return CLAMP (top, 0.1, 1.0);
}

#define CAPTION_H       (8 * 1.35 + 6)
#define RETENTION_PLOT_H 136.0
#define BARS_PLOT_H      112.0
#define SURVEY_ROW_H     17.0
#define SURVEY_MAX_SEGMENTS 12
#define LEGEND_H         (7.5 * 1.35)

static guint
retention_length (const KeelSignalResult *r)
{
  guint max_len = 0;

  if (r->cohorts == NULL)
    return 0;
  for (guint i = 0; i < r->cohorts->len; i++)
    {
      const KeelCohortCurve *c = g_ptr_array_index (r->cohorts, i);
      max_len = MAX (max_len, c->retained->len);
    }
  if (r->average != NULL)
    max_len = MAX (max_len, r->average->len);
  return max_len;
}

/* The heights the charts take, so that a signal's heading, text and chart can be kept
 * on one page. */
static double
retention_chart_height (const KeelSignalResult *r)
{
  if (retention_length (r) < 2)
    return 0;
  return CAPTION_H + 4 + RETENTION_PLOT_H + 30 + LEGEND_H + 12;
}

static double
bars_chart_height (guint n_bars)
{
  if (n_bars == 0)
    return 0;
  return CAPTION_H + 14 + BARS_PLOT_H + 20 + LEGEND_H + 6 + (n_bars > 24 ? LEGEND_H : 0) + 8;
}

static guint
survey_rows (const KeelSignalResult *r)
{
  guint n = r->segments != NULL ? r->segments->len : 0;

  return 1 + MIN (n, SURVEY_MAX_SEGMENTS);
}

static double
survey_chart_height (const KeelSignalResult *r)
{
  if (!r->has_value)
    return 0;
  return CAPTION_H + 14 + survey_rows (r) * SURVEY_ROW_H + 22 + LEGEND_H + 6
         + (r->segments != NULL && r->segments->len > SURVEY_MAX_SEGMENTS ? LEGEND_H : 0) + 8;
}

static void
chart_retention (Pdf                    *pdf,
                 const KeelSignalResult *r,
                 KeelRetentionPeriod     period)
{
  cairo_t *cr = pdf->cr;
  guint max_len;
  double x_max;
  Plot p;
  guint step;
  double lx;
  g_autofree char *plateau_label = NULL;

  max_len = retention_length (r);
  if (max_len < 2 || r->cohorts == NULL)
    return;

  ensure_space (pdf, retention_chart_height (r));
  chart_caption (pdf, period == KEEL_RETENTION_PERIOD_MONTH
                      ? _("Share of each cohort still active, by month since signup")
                      : _("Share of each cohort still active, by week since signup"));

  p.x = MARGIN_X + CHART_PLOT_LEFT;
  p.y = pdf->y + 4;
  p.w = CONTENT_W - CHART_PLOT_LEFT - 8;
  p.h = RETENTION_PLOT_H;
  x_max = max_len - 1;

  draw_share_axis (pdf, &p, 1.0);

  /* X ticks: at most 13 labels. */
  step = MAX (1, (guint) ceil (x_max / 12.0));
  use_style (pdf, STYLE_CAPTION);
  for (guint i = 0; i <= (guint) x_max; i += step)
    {
      g_autofree char *label = g_strdup_printf ("%u", i);
      double x = plot_x (&p, i, x_max);

      show_line (pdf, STYLE_CAPTION, x - text_width (pdf, label) / 2, p.y + p.h + 4, label);
    }
  {
    const char *axis = period == KEEL_RETENTION_PERIOD_MONTH ? _("Months since signup")
                                                             : _("Weeks since signup");
    show_line (pdf, STYLE_CAPTION, p.x + p.w / 2 - text_width (pdf, axis) / 2,
               p.y + p.h + 15, axis);
  }

  /* Each cohort, thin and grey, under the average. */
  cairo_save (cr);
  cairo_rectangle (cr, p.x - 2, p.y - 2, p.w + 4, p.h + 4);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, LIGHT);
  cairo_set_line_width (cr, 0.6);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < r->cohorts->len; i++)
    {
      const KeelCohortCurve *c = g_ptr_array_index (r->cohorts, i);

      plot_curve (cr, &p, c->retained, x_max);
    }

  if (r->has_plateau)
    {
      double y = plot_y (&p, r->plateau, 1.0);

      cairo_set_source_rgb (cr, INK);
      cairo_set_line_width (cr, 0.9);
      dashed (cr, TRUE);
      cairo_move_to (cr, p.x, y);
      cairo_line_to (cr, p.x + p.w, y);
      cairo_stroke (cr);
      dashed (cr, FALSE);
    }

  if (r->average != NULL && r->average->len > 0)
    {
      cairo_set_source_rgb (cr, ACCENT);
      cairo_set_line_width (cr, 2.4);
      plot_curve (cr, &p, r->average, x_max);
      for (guint j = 0; j < r->average->len; j++)
        {
          double v = g_array_index (r->average, double, j);

          cairo_arc (cr, plot_x (&p, j, x_max), plot_y (&p, CLAMP (v, 0, 1), 1.0), 2.2, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
  cairo_restore (cr);

  if (r->has_plateau)
    {
      g_autofree char *level = format_percent (r->plateau);
      double y = plot_y (&p, r->plateau, 1.0);
      double w;

      plateau_label = g_strdup_printf (_("Plateau %s"), level);
      use_style (pdf, STYLE_SMALL_BOLD);
      w = text_width (pdf, plateau_label);
      /* On a white band above the line, at the right end. */
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, p.x + p.w - w - 6, y - 13, w + 6, 11);
      cairo_fill (cr);
      use_style (pdf, STYLE_SMALL_BOLD);
      show_line_right (pdf, STYLE_SMALL_BOLD, p.x + p.w - 2, y - 12.5, plateau_label);
    }

  /* Legend */
  lx = p.x;
  {
    g_autofree char *cohorts = g_strdup_printf (ngettext ("%u cohort", "%u cohorts", r->cohorts->len),
                                                r->cohorts->len);
    double top = p.y + p.h + 30;

    lx = legend_entry (pdf, lx, top, LEGEND_LINE, cohorts);
    lx = legend_entry (pdf, lx, top, LEGEND_THICK_LINE, _("Weighted average"));
    if (plateau_label != NULL)
      legend_entry (pdf, lx, top, LEGEND_DASH, _("Plateau level"));
  }
  pdf->y = p.y + p.h + 30 + LEGEND_H + 12;
}

static int
compare_shares_by_size (gconstpointer a,
                        gconstpointer b)
{
  const KeelShare *x = *(KeelShare * const *) a;
  const KeelShare *y = *(KeelShare * const *) b;

  if (x->sample_size != y->sample_size)
    return x->sample_size > y->sample_size ? -1 : 1;
  return strcmp (x->label, y->label);
}

static int
compare_shares_by_label (gconstpointer a,
                         gconstpointer b)
{
  return strcmp ((*(KeelShare * const *) a)->label, (*(KeelShare * const *) b)->label);
}

/* Horizontal bars: the overall share with its interval, then each segment. */
static void
chart_survey (Pdf                    *pdf,
              const KeelSignalResult *r)
{
  cairo_t *cr = pdf->cr;
  const double label_w = 130, value_w = 78, row_h = SURVEY_ROW_H, bar_h = 10;
  const guint max_segments = SURVEY_MAX_SEGMENTS;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();  /* const KeelShare*, NULL = all */
  guint n_rows, skipped = 0;
  Plot p;
  g_autofree char *threshold_label = NULL;
  double lx, top;

  if (!r->has_value)
    return;

  g_ptr_array_add (rows, NULL);
  if (r->segments != NULL && r->segments->len <= max_segments)
    {
      for (guint i = 0; i < r->segments->len; i++)
        g_ptr_array_add (rows, g_ptr_array_index (r->segments, i));
    }
  else if (r->segments != NULL)
    {
      /* Many segments: the largest samples, shown in their (byte) order. */
      g_autoptr(GPtrArray) largest = g_ptr_array_copy (r->segments, NULL, NULL);

      g_ptr_array_sort (largest, compare_shares_by_size);
      g_ptr_array_set_size (largest, max_segments);
      g_ptr_array_sort (largest, compare_shares_by_label);
      for (guint i = 0; i < largest->len; i++)
        g_ptr_array_add (rows, g_ptr_array_index (largest, i));
      skipped = r->segments->len - max_segments;
    }
  n_rows = rows->len;
  g_assert (n_rows == survey_rows (r));

  ensure_space (pdf, survey_chart_height (r));
  chart_caption (pdf, _("Share of users who would be very disappointed without the product"));

  p.x = MARGIN_X + label_w;
  p.y = pdf->y + 14;
  p.w = CONTENT_W - label_w - value_w;
  p.h = n_rows * row_h;

  /* Grid and ticks, 0–100%. */
  cairo_save (cr);
  cairo_set_line_width (cr, 0.5);
  for (int v = 0; v <= 100; v += 20)
    {
      double x = plot_x (&p, v, 100);
      g_autofree char *label = g_strdup_printf ("%d%%", v);

      if (v == 0)
        cairo_set_source_rgb (cr, LIGHT);
      else
        cairo_set_source_rgb (cr, HAIRLINE);
      cairo_move_to (cr, x, p.y - 2);
      cairo_line_to (cr, x, p.y + p.h + 2);
      cairo_stroke (cr);
      use_style (pdf, STYLE_CAPTION);
      show_line (pdf, STYLE_CAPTION, x - text_width (pdf, label) / 2, p.y + p.h + 5, label);
    }
  cairo_restore (cr);

  for (guint i = 0; i < n_rows; i++)
    {
      const KeelShare *share = g_ptr_array_index (rows, i);
      double value = share != NULL ? share->value : r->value;
      gint64 n = share != NULL ? share->sample_size : r->sample_size;
      double cy = p.y + i * row_h + row_h / 2;
      g_autofree char *label = NULL;
      g_autofree char *shown = NULL;
      g_autofree char *percent = format_percent (value);
      g_autofree char *value_text = g_strdup_printf ("%s  n=%" G_GINT64_FORMAT, percent, n);

      use_style (pdf, share == NULL ? STYLE_SMALL_BOLD : STYLE_SMALL);
      label = g_strdup (share == NULL ? _("All answers")
                                      : (share->label[0] != '\0' ? share->label : _("(no segment)")));
      shown = ellipsize (pdf, label, label_w - 10);
      show_line (pdf, share == NULL ? STYLE_SMALL_BOLD : STYLE_SMALL, MARGIN_X, cy - 5, shown);

      if (share == NULL)
        cairo_set_source_rgb (cr, ACCENT);
      else
        cairo_set_source_rgb (cr, LIGHT);
      cairo_rectangle (cr, p.x, cy - bar_h / 2, MAX (0.5, plot_x (&p, value, 1) - p.x), bar_h);
      cairo_fill (cr);

      if (share == NULL)
        {
          double x0 = plot_x (&p, r->interval_low, 1), x1 = plot_x (&p, r->interval_high, 1);

          cairo_save (cr);
          cairo_set_source_rgb (cr, INK);
          cairo_set_line_width (cr, 1.1);
          cairo_move_to (cr, x0, cy);
          cairo_line_to (cr, x1, cy);
          cairo_move_to (cr, x0, cy - 4);
          cairo_line_to (cr, x0, cy + 4);
          cairo_move_to (cr, x1, cy - 4);
          cairo_line_to (cr, x1, cy + 4);
          cairo_stroke (cr);
          cairo_restore (cr);
        }

      use_style (pdf, share == NULL ? STYLE_SMALL_BOLD : STYLE_SMALL);
      show_line (pdf, share == NULL ? STYLE_SMALL_BOLD : STYLE_SMALL, p.x + p.w + 8, cy - 5, value_text);

      if (i == 0 && n_rows > 1)
        {
          cairo_set_source_rgb (cr, HAIRLINE);
          cairo_set_line_width (cr, 0.5);
          cairo_move_to (cr, MARGIN_X, p.y + row_h);
          cairo_line_to (cr, PAGE_W - MARGIN_X, p.y + row_h);
          cairo_stroke (cr);
        }
    }

  /* The threshold across every row. */
  {
    g_autofree char *percent = format_threshold_percent (r->threshold);
    double x = plot_x (&p, r->threshold, 1);

    threshold_label = g_strdup_printf (_("Threshold %s"), percent);
    cairo_save (cr);
    cairo_set_source_rgb (cr, INK);
    cairo_set_line_width (cr, 1.0);
    dashed (cr, TRUE);
    cairo_move_to (cr, x, p.y - 4);
    cairo_line_to (cr, x, p.y + p.h + 2);
    cairo_stroke (cr);
    cairo_restore (cr);
    use_style (pdf, STYLE_CAPTION);
    show_line (pdf, STYLE_CAPTION, x - text_width (pdf, threshold_label) / 2, p.y - 14, threshold_label);
  }

  top = p.y + p.h + 22;
  lx = p.x;
  lx = legend_entry (pdf, lx, top, LEGEND_BOX, _("All answers"));
  lx = legend_entry (pdf, lx, top, LEGEND_GREY_BOX, _("By segment"));
  /* xgettext:no-c-format */
  lx = legend_entry (pdf, lx, top, LEGEND_WHISKER, _("95% interval"));
  legend_entry (pdf, lx, top, LEGEND_DASH, threshold_label);
  pdf->y = top + LEGEND_H + 6;

  if (skipped > 0)
    {
      g_autofree char *note = g_strdup_printf (ngettext ("%u smaller segment not shown.",
                                                         "%u smaller segments not shown.", skipped),
                                               skipped);
      paragraph (pdf, STYLE_CAPTION, CHART_PLOT_LEFT, note, 0);
    }
  pdf->y += 8;
}

typedef struct {
  const char *label;
  double      share;
} Bar;

/* Vertical bars of shares by period, with the threshold line; the latest period (the
 * one the signal reads) in the accent colour. At most the last 24 are drawn. */
static void
chart_bars (Pdf        *pdf,
            const char *caption,
            const Bar  *bars,
            guint       n_bars,
            double      threshold,
            const char *bar_legend,
            const char *latest_legend)
{
  cairo_t *cr = pdf->cr;
  const guint max_bars = 24;
  guint first = n_bars > max_bars ? n_bars - max_bars : 0;
  guint shown = n_bars - first;
  double max = threshold;
  double slot, bar_w, lx, top, threshold_y;
  guint label_step;
  Plot p;
  g_autofree char *threshold_label = NULL;

  if (n_bars == 0)
    return;
  for (guint i = first; i < n_bars; i++)
    max = MAX (max, bars[i].share);
  max = nice_max_share (max + 0.05);

  ensure_space (pdf, bars_chart_height (n_bars));
  chart_caption (pdf, caption);

  p.x = MARGIN_X + CHART_PLOT_LEFT;
  p.y = pdf->y + 14;  /* room for the value above a full bar */
  p.w = CONTENT_W - CHART_PLOT_LEFT - 8;
  p.h = BARS_PLOT_H;
  draw_share_axis (pdf, &p, max);

  slot = p.w / shown;
  bar_w = MIN (slot * 0.62, 36);
  use_style (pdf, STYLE_CAPTION);
  /* Thin the period labels so that they never overlap. */
  {
    double widest = 0;

    for (guint i = first; i < n_bars; i++)
      widest = MAX (widest, text_width (pdf, bars[i].label));
    label_step = MAX (1, (guint) ceil ((widest + 6) / slot));
  }
  for (guint i = first; i < n_bars; i++)
    {
      guint k = i - first;
      double cx = p.x + slot * (k + 0.5);
      double y = plot_y (&p, CLAMP (bars[i].share, 0, max), max);

      if (i + 1 == n_bars)
        cairo_set_source_rgb (cr, ACCENT);
      else
        cairo_set_source_rgb (cr, LIGHT);
      cairo_rectangle (cr, cx - bar_w / 2, y, bar_w, p.y + p.h - y);
      cairo_fill (cr);

      if ((shown - 1 - k) % label_step == 0)
        {
          use_style (pdf, STYLE_CAPTION);
          show_line (pdf, STYLE_CAPTION, cx - text_width (pdf, bars[i].label) / 2, p.y + p.h + 4,
                     bars[i].label);
        }
    }

  {
    g_autofree char *percent = format_threshold_percent (threshold);

    threshold_y = plot_y (&p, threshold, max);
    threshold_label = g_strdup_printf (_("Threshold %s"), percent);
    cairo_save (cr);
    cairo_set_source_rgb (cr, INK);
    cairo_set_line_width (cr, 1.0);
    dashed (cr, TRUE);
    cairo_move_to (cr, p.x, threshold_y);
    cairo_line_to (cr, p.x + p.w, threshold_y);
    cairo_stroke (cr);
    cairo_restore (cr);
  }

  /* The values above the bars, on white so that the threshold line never crosses them. */
  if (shown <= 12)
    for (guint i = first; i < n_bars; i++)
      {
        guint k = i - first;
        double cx = p.x + slot * (k + 0.5);
        double y = plot_y (&p, CLAMP (bars[i].share, 0, max), max);
        g_autofree char *value = format_percent (bars[i].share);
        double w;

        use_style (pdf, i + 1 == n_bars ? STYLE_SMALL_BOLD : STYLE_CAPTION);
        w = text_width (pdf, value);
        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_rectangle (cr, cx - w / 2 - 2, y - 12, w + 4, 10.5);
        cairo_fill (cr);
        use_style (pdf, i + 1 == n_bars ? STYLE_SMALL_BOLD : STYLE_CAPTION);
        show_line (pdf, STYLE_CAPTION, cx - w / 2, y - 11.5, value);
      }

  top = p.y + p.h + 20;
  lx = p.x;
  lx = legend_entry (pdf, lx, top, LEGEND_GREY_BOX, bar_legend);
  lx = legend_entry (pdf, lx, top, LEGEND_BOX, latest_legend);
  legend_entry (pdf, lx, top, LEGEND_DASH, threshold_label);
  pdf->y = top + LEGEND_H + 6;
  if (first > 0)
    {
      g_autofree char *note = g_strdup_printf (ngettext ("The last %u period of %u.",
                                                         "The last %u periods of %u.", shown),
                                               shown, n_bars);
      paragraph (pdf, STYLE_CAPTION, CHART_PLOT_LEFT, note, 0);
    }
  pdf->y += 8;
}

/* chart_bars() over @items (nullable), pointers to structs that hold a label (a
 * string) and a share (a double) at the given offsets: the survey's months, the
 * organic growth's periods. */
static void
chart_bars_of (Pdf        *pdf,
               const char *caption,
               GPtrArray  *items,
               gsize       label_offset,
               gsize       share_offset,
               double      threshold,
               const char *bar_legend,
               const char *latest_legend)
{
  g_autofree Bar *bars = NULL;

  if (items == NULL || items->len == 0)
    return;

  bars = g_new0 (Bar, items->len);
  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);

      bars[i].label = G_STRUCT_MEMBER (const char *, item, label_offset);
      bars[i].share = G_STRUCT_MEMBER (double, item, share_offset);
    }
  chart_bars (pdf, caption, bars, items->len, threshold, bar_legend, latest_legend);
}

static Marker
state_marker (KeelSignalState state)
{
  return state == KEEL_SIGNAL_STATE_MET ? MARKER_FILLED : MARKER_HOLLOW;
}

/* ---- Sections ---- */

static void
pdf_title (Pdf            *pdf,
           KeelProject    *project,
           const KeelGate *gate,
           Summary        *s)
{
  g_autofree char *date = format_long_date (gate->as_of);
  g_autofree char *as_of = g_strdup_printf (_("As of %s"), date);
  g_autofree char *headline = gate_headline (gate);
  g_autofree char *count = gate_count_line (gate);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) advice = NULL;
  double box_top, box_h, text_x, text_w;

  use_style (pdf, STYLE_KICKER);
  show_line (pdf, STYLE_KICKER, MARGIN_X, pdf->y, _("READINESS REPORT"));
  pdf->y += line_height (STYLE_KICKER) + 4;

  use_style (pdf, STYLE_TITLE);
  lines = wrap_text (pdf, keel_project_get_name (project), CONTENT_W);
  for (guint i = 0; i < lines->len; i++)
    {
      show_line (pdf, STYLE_TITLE, MARGIN_X, pdf->y, g_ptr_array_index (lines, i));
      pdf->y += line_height (STYLE_TITLE);
    }
  pdf->y += 2;
  paragraph (pdf, STYLE_SUBTITLE, 0, as_of, 16);

  /* The gate, in a tinted box with an accent rule at its left. */
  text_x = MARGIN_X + 18;
  text_w = CONTENT_W - 30;
  use_style (pdf, STYLE_BODY);
  advice = wrap_text (pdf, gate_advice (gate), text_w);
  box_top = pdf->y;
  box_h = 14 + line_height (STYLE_GATE) + 2 + line_height (STYLE_BODY_BOLD)
          + advice->len * line_height (STYLE_BODY) + 14;

  if (gate->passed)
    cairo_set_source_rgb (pdf->cr, ACCENT_WASH);
  else
    cairo_set_source_rgb (pdf->cr, WASH);
  cairo_rectangle (pdf->cr, MARGIN_X, box_top, CONTENT_W, box_h);
  cairo_fill (pdf->cr);
  if (gate->passed)
    cairo_set_source_rgb (pdf->cr, ACCENT);
  else
    cairo_set_source_rgb (pdf->cr, INK);
  cairo_rectangle (pdf->cr, MARGIN_X, box_top, 4, box_h);
  cairo_fill (pdf->cr);

  pdf->y = box_top + 14;
  use_style (pdf, STYLE_GATE);
  if (gate->passed)
    cairo_set_source_rgb (pdf->cr, ACCENT);
  show_line (pdf, STYLE_GATE, text_x, pdf->y, headline);
  pdf->y += line_height (STYLE_GATE) + 2;
  use_style (pdf, STYLE_BODY_BOLD);
  show_line (pdf, STYLE_BODY_BOLD, text_x, pdf->y, count);
  pdf->y += line_height (STYLE_BODY_BOLD);
  use_style (pdf, STYLE_BODY);
  cairo_set_source_rgb (pdf->cr, GREY);
  for (guint i = 0; i < advice->len; i++)
    {
      show_line (pdf, STYLE_BODY, text_x, pdf->y, g_ptr_array_index (advice, i));
      pdf->y += line_height (STYLE_BODY);
    }
  pdf->y = box_top + box_h + 14;

  /* The project at a glance. */
  {
    g_autofree char *n_items = cell_count_text (s->n_items);
    g_autofree char *n_debts = g_strdup_printf (ngettext ("%u debt", "%u debts", s->n_debts), s->n_debts);
    g_autofree char *findings = findings_count_line (s->findings);
    g_autofree char *glance = g_strdup_printf (_("The plan: %s on the board, %s in the register. Checks: %s"),
                                               n_items, n_debts, findings);
    paragraph (pdf, STYLE_BODY, 0, glance, 4);
  }
}

static void
pdf_signals (Pdf            *pdf,
             KeelProject    *project,
             const KeelGate *gate)
{
  static const Column signal_columns[] = {
    { N_("Signal"), 138, FALSE }, { N_("State"), 62, FALSE }, { N_("Value"), 62, TRUE },
    { N_("Threshold"), 76, TRUE }, { N_("Sample"), 72, TRUE }, { N_("Newest data"), 0, TRUE },
  };
  g_autoptr(Table) t = table_new (G_N_ELEMENTS (signal_columns));
  int section = 0;

  heading1 (pdf, _("Fit signals"), &section);
  if (gate->results->len == 0)
    {
      paragraph (pdf, STYLE_BODY, 0, _("The project has no fit signals."), 6);
      return;
    }

  table_columns (t, signal_columns);
  for (guint i = 0; i < gate->results->len; i++)
    {
      const KeelSignalResult *r = g_ptr_array_index (gate->results, i);
      GPtrArray *row = table_add_row (t);
      g_autofree char *value = signal_value_text (r);
      g_autofree char *threshold = signal_threshold_text (r);
      g_autofree char *sample = signal_sample_text (r);

      cell_add (row, 0, STYLE_SMALL_BOLD, MARKER_NONE, r->name);
      cell_add (row, 0, STYLE_CAPTION, MARKER_NONE, r->required ? _("Required") : _("Optional"));
      cell_add (row, 1, STYLE_SMALL, state_marker (r->state), keel_signal_state_to_label (r->state));
      cell_add (row, 2, STYLE_SMALL_BOLD, MARKER_NONE, value);
      cell_add (row, 3, STYLE_SMALL, MARKER_NONE, threshold);
      cell_add (row, 4, STYLE_SMALL, MARKER_NONE, sample);
      cell_add (row, 5, STYLE_SMALL, MARKER_NONE, signal_newest_text (r));
    }
  table_draw (pdf, t);

  for (guint i = 0; i < gate->results->len; i++)
    {
      const KeelSignalResult *r = g_ptr_array_index (gate->results, i);
      KeelRetentionPeriod period = keel_project_get_retention_period (project);

      double first_chart = 0, block;

      switch (r->kind)
        {
        case KEEL_SIGNAL_KIND_RETENTION_PLATEAU:
          first_chart = retention_chart_height (r);
          break;
        case KEEL_SIGNAL_KIND_SEAN_ELLIS:
          first_chart = survey_chart_height (r);
          break;
        case KEEL_SIGNAL_KIND_ORGANIC_GROWTH:
          first_chart = bars_chart_height (r->organic != NULL ? r->organic->len : 0);
          break;
        case KEEL_SIGNAL_KIND_CUSTOM:
        case KEEL_N_SIGNAL_KINDS:
        default:
          break;
        }
      /* Keep a signal's heading, text and first chart on one page when they fit on
       * one. */
      block = 8 + line_height (STYLE_H2) + 4 + paragraph_height (pdf, STYLE_BODY, 0, r->explanation)
              + 6 + 2 * line_height (STYLE_BODY_BOLD) + 8 + first_chart;
      if (block < BOTTOM - MARGIN_TOP)
        ensure_space (pdf, block);

      heading2 (pdf, r->name, state_marker (r->state), keel_signal_state_to_label (r->state), section);
      paragraph (pdf, STYLE_BODY, 0, r->explanation, 6);

      switch (r->kind)
        {
        case KEEL_SIGNAL_KIND_RETENTION_PLATEAU:
          if (r->has_plateau)
            {
              g_autofree char *line = plateau_line (r, period);
              paragraph (pdf, STYLE_BODY_BOLD, 0, line, 8);
            }
          chart_retention (pdf, r, period);
          break;

        case KEEL_SIGNAL_KIND_SEAN_ELLIS:
          if (r->has_value)
            {
              g_autofree char *interval = survey_interval_line (r);
              g_autofree char *confident = survey_confident_line (r);

              paragraph (pdf, STYLE_BODY_BOLD, 0, interval, 0);
              paragraph (pdf, STYLE_BODY, 0, confident, 8);
            }
          chart_survey (pdf, r);
          chart_bars_of (pdf, _("Very disappointed, month by month"), r->months,
                         G_STRUCT_OFFSET (KeelShare, label), G_STRUCT_OFFSET (KeelShare, value),
                         r->threshold, _("Share in the month"), _("Latest month"));
          break;

        case KEEL_SIGNAL_KIND_ORGANIC_GROWTH:
          {
            g_autofree char *trend = organic_trend_line (r);

            if (trend != NULL)
              paragraph (pdf, STYLE_BODY_BOLD, 0, trend, 8);
            chart_bars_of (pdf, _("Organic share of new users, by period"), r->organic,
                           G_STRUCT_OFFSET (KeelOrganicPoint, period),
                           G_STRUCT_OFFSET (KeelOrganicPoint, share),
                           r->threshold, _("Organic share"), _("Latest period"));
          }
          break;

        case KEEL_SIGNAL_KIND_CUSTOM:

        case KEEL_N_SIGNAL_KINDS:
        default:
          break;
        }
    }
}

static void
pdf_board (Pdf     *pdf,
           Summary *s)
{
  g_autoptr(Table) t = table_new (KEEL_N_HORIZONS + 1);
  g_autoptr(Table) st = table_new (KEEL_N_STATUSES + 1);
  g_autofree char *count = cell_count_text (s->n_items);
  double w = (CONTENT_W - 86) / KEEL_N_HORIZONS;
  guint col;

  heading1 (pdf, _("Scaling board"), NULL);
  if (s->n_dropped > 0)
    {
      g_autofree char *dropped = g_strdup_printf (ngettext ("%s on the board (%u dropped item not shown).",
                                                            "%s on the board (%u dropped items not shown).",
                                                            s->n_dropped),
                                                  count, s->n_dropped);
      paragraph (pdf, STYLE_BODY, 0, dropped, 8);
    }
  else
    {
      g_autofree char *line = g_strdup_printf (_("%s on the board."), count);
      paragraph (pdf, STYLE_BODY, 0, line, 8);
    }

  table_column (t, 0, _("Dimension"), 86, FALSE);
  for (guint h = 0; h < KEEL_N_HORIZONS; h++)
    table_column (t, h + 1, keel_horizon_to_label (h), w, FALSE);
  t->shade_first_col = TRUE;
  for (guint d = 0; d < KEEL_N_DIMENSIONS; d++)
    {
      GPtrArray *row = table_add_row (t);

      cell_add (row, 0, STYLE_SMALL_BOLD, MARKER_NONE, keel_dimension_to_label (d));
      for (guint h = 0; h < KEEL_N_HORIZONS; h++)
        {
          const BoardCell *cell = &s->cells[d][h];
          g_autofree char *n = cell_count_text (cell->items->len);

          if (cell->items->len == 0)
            {
              cell_add (row, h + 1, STYLE_CAPTION, MARKER_NONE, "—");
              continue;
            }
          cell_add (row, h + 1, STYLE_HEADER, MARKER_NONE, n);
          if (cell->items->len > KEEL_REPORT_MAX_ITEMS_PER_CELL)
            {
              for (guint k = 0; k < KEEL_N_STATUSES; k++)
                if (cell->by_status[k] > 0)
                  {
                    g_autofree char *line = g_strdup_printf ("%u %s", cell->by_status[k],
                                                             keel_status_to_label (k));
                    cell_add (row, h + 1, STYLE_SMALL, MARKER_NONE, line);
                  }
              continue;
            }
          for (guint k = 0; k < cell->items->len; k++)
            {
              KeelItem *item = g_ptr_array_index (cell->items, k);
              g_autofree char *meta = g_strdup_printf ("%s · %s", keel_status_to_label (item->status),
                                                       keel_item_kind_to_label (item->kind));

              cell_add (row, h + 1, STYLE_SMALL, MARKER_NONE, item->title);
              cell_add (row, h + 1, STYLE_CAPTION, MARKER_NONE, meta);
            }
        }
    }
  table_draw (pdf, t);

  /* Counts by status, readable at any size. */
  table_column (st, 0, _("Dimension"), 86, FALSE);
  col = 1;
  for (guint k = 0; k < KEEL_N_STATUSES; k++)
    if (k != KEEL_STATUS_DROPPED)
      table_column (st, col++, keel_status_to_label (k), (CONTENT_W - 86) / KEEL_N_STATUSES, TRUE);
  table_column (st, col, _("Total"), 0, TRUE);
  table_fill_last (st);
  for (guint d = 0; d < KEEL_N_DIMENSIONS; d++)
    {
      GPtrArray *row = table_add_row (st);
      guint total = 0;

      cell_add (row, 0, STYLE_SMALL_BOLD, MARKER_NONE, keel_dimension_to_label (d));
      col = 1;
      for (guint k = 0; k < KEEL_N_STATUSES; k++)
        if (k != KEEL_STATUS_DROPPED)
          {
            g_autofree char *n = g_strdup_printf ("%u", s->by_status[d][k]);
            cell_add (row, col++, STYLE_SMALL, MARKER_NONE, n);
            total += s->by_status[d][k];
          }
      {
        g_autofree char *n = g_strdup_printf ("%u", total);
        cell_add (row, col, STYLE_SMALL_BOLD, MARKER_NONE, n);
      }
    }
  pdf->y += 4;
  ensure_space (pdf, 110);
  chart_caption (pdf, _("Items by status"));
  table_draw (pdf, st);
}

/* A figure with a caption, for the debt totals. */
static void
figure (Pdf        *pdf,
        double      x,
        double      width,
        double      top,
        const char *number,
        const char *caption)
{
  g_autoptr(GPtrArray) lines = NULL;

  use_style (pdf, STYLE_GATE);
  show_line (pdf, STYLE_GATE, x, top, number);
  use_style (pdf, STYLE_CAPTION);
  lines = wrap_text (pdf, caption, width - 8);
  for (guint i = 0; i < lines->len; i++)
    show_line (pdf, STYLE_CAPTION, x, top + line_height (STYLE_GATE) + 1 + i * line_height (STYLE_CAPTION),
               g_ptr_array_index (lines, i));
}

static void
pdf_debt (Pdf     *pdf,
          Summary *s)
{
  g_autofree char *principal = format_amount (s->principal);
  g_autofree char *interest = format_amount (s->interest);
  g_autofree char *b_interest = format_amount (s->bottleneck_interest);
  g_autofree char *p_days = g_strdup_printf (_("%s days"), principal);
  g_autofree char *i_hours = g_strdup_printf (_("%s h/week"), interest);
  g_autofree char *b_hours = g_strdup_printf (_("%s h/week"), b_interest);
  g_autofree char *p_caption = g_strdup_printf (ngettext ("principal of %u open or scheduled debt",
                                                          "principal of %u open or scheduled debts",
                                                          s->n_open_scheduled),
                                                s->n_open_scheduled);
  g_autofree char *b_caption = g_strdup_printf (ngettext ("interest of %u open bottleneck",
                                                          "interest of %u open bottlenecks",
                                                          s->n_open_bottlenecks),
                                                s->n_open_bottlenecks);
  static const Column debt_columns[] = {
    { N_("Debt"), 170, FALSE }, { N_("Status"), 58, FALSE }, { N_("Principal"), 52, TRUE },
    { N_("Interest per week"), 56, TRUE }, { N_("Paid down by"), 0, FALSE },
  };
  double col_w = CONTENT_W / 3, top;
  g_autoptr(Table) t = table_new (G_N_ELEMENTS (debt_columns));

  heading1 (pdf, _("Debt"), NULL);
  ensure_space (pdf, 60);
  top = pdf->y;
  figure (pdf, MARGIN_X, col_w, top, p_days, p_caption);
  figure (pdf, MARGIN_X + col_w, col_w, top, i_hours, _("interest they cost, hours lost per week"));
  figure (pdf, MARGIN_X + 2 * col_w, col_w, top, b_hours, b_caption);
  pdf->y = top + line_height (STYLE_GATE) + 2 * line_height (STYLE_CAPTION) + 16;

  heading2 (pdf, _("Top bottlenecks"), MARKER_NONE, NULL, 0);
  if (s->bottlenecks->len == 0)
    {
      paragraph (pdf, STYLE_BODY, 0, _("No open or scheduled debt is marked as a bottleneck under growth."), 6);
      return;
    }
  table_columns (t, debt_columns);
  for (guint i = 0; i < s->bottlenecks->len && i < KEEL_REPORT_TOP_BOTTLENECKS; i++)
    {
      KeelDebt *debt = g_ptr_array_index (s->bottlenecks, i);
      GPtrArray *row = table_add_row (t);
      g_autofree char *dp = format_amount (debt->principal_days);
      g_autofree char *di = format_amount (debt->interest_hours_per_week);
      g_autofree char *days = g_strdup_printf (_("%s days"), dp);
      g_autofree char *hours = g_strdup_printf (_("%s h"), di);
      g_autofree char *payers = payers_text (s, debt);

      cell_add (row, 0, STYLE_SMALL_BOLD, MARKER_NONE, debt->title);
      if (debt->component[0] != '\0')
        cell_add (row, 0, STYLE_CAPTION, MARKER_NONE, debt->component);
      cell_add (row, 1, STYLE_SMALL, MARKER_NONE, keel_debt_status_to_label (debt->status));
      cell_add (row, 2, STYLE_SMALL, MARKER_NONE, days);
      cell_add (row, 3, STYLE_SMALL_BOLD, MARKER_NONE, hours);
      cell_add (row, 4, STYLE_SMALL, MARKER_NONE, payers);
    }
  table_draw (pdf, t);
  if (s->bottlenecks->len > KEEL_REPORT_TOP_BOTTLENECKS)
    {
      guint more = s->bottlenecks->len - KEEL_REPORT_TOP_BOTTLENECKS;
      g_autofree char *line = g_strdup_printf (ngettext ("And %u more bottleneck.",
                                                         "And %u more bottlenecks.", more), more);
      paragraph (pdf, STYLE_CAPTION, 0, line, 6);
    }
}

static void
pdf_findings (Pdf     *pdf,
              Summary *s)
{
  g_autofree char *count = findings_count_line (s->findings);
  int section = 0;

  heading1 (pdf, _("Findings"), &section);
  paragraph (pdf, STYLE_BODY, 0, count, 4);

  for (KeelSeverity sev = KEEL_SEVERITY_ERROR; sev <= KEEL_SEVERITY_INFO; sev++)
    {
      guint n = keel_findings_count (s->findings, sev);
      guint shown = 0;
      g_autofree char *heading = NULL;

      if (n == 0)
        continue;
      heading = g_strdup_printf ("%s (%u)", keel_report_severity_heading (sev), n);
      heading2 (pdf, heading, MARKER_NONE, NULL, section);
      for (guint i = 0; i < s->findings->len; i++)
        {
          const KeelFinding *f = g_ptr_array_index (s->findings, i);
          g_autofree char *subject = NULL;
          g_autofree char *hint = NULL;

          if (f->severity != sev)
            continue;
          if (shown++ == KEEL_REPORT_MAX_FINDINGS_PER_SEVERITY)
            break;
          subject = finding_subject_line (f);
          hint = g_strdup_printf (_("What to do: %s"), f->hint);

          /* Keep a finding's message with its first lines. */
          ensure_space (pdf, 3 * line_height (STYLE_BODY) + line_height (STYLE_CAPTION));
          {
            double top = pdf->y;

            paragraph (pdf, STYLE_BODY_BOLD, 12, f->message, 1);
            /* A small square marks each finding; the accent for errors. */
            if (sev == KEEL_SEVERITY_ERROR)
              cairo_set_source_rgb (pdf->cr, ACCENT);
            else
              {
                if (sev == KEEL_SEVERITY_WARNING)
                  cairo_set_source_rgb (pdf->cr, GREY);
                else
                  cairo_set_source_rgb (pdf->cr, LIGHT);
              }
            if (pdf->y > top)
              {
                cairo_rectangle (pdf->cr, MARGIN_X + 1, top + 3.5, 5, 5);
                cairo_fill (pdf->cr);
              }
          }
          paragraph (pdf, STYLE_CAPTION, 12, subject, 2);
          paragraph (pdf, STYLE_BODY, 12, hint, 9);
        }
      if (n > KEEL_REPORT_MAX_FINDINGS_PER_SEVERITY)
        {
          guint more = n - KEEL_REPORT_MAX_FINDINGS_PER_SEVERITY;
          g_autofree char *line = g_strdup_printf (ngettext ("And %u more; run “keel-cli check” for the full list.",
                                                             "And %u more; run “keel-cli check” for the full list.",
                                                             more),
                                                   more);
          paragraph (pdf, STYLE_CAPTION, 12, line, 6);
        }
    }
}

static cairo_status_t
write_to_array (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
discard_output (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
render_pdf (KeelProject            *project,
            const KeelGate         *gate,
            Summary                *s,
            guint                   n_pages,
            cairo_write_func_t      write_func,
            GByteArray             *array,
            guint                  *out_pages)
{
  Pdf pdf = { 0 };
  cairo_status_t status;
  g_autofree char *date = format_long_date (gate->as_of);
  g_autofree char *title = g_strdup_printf (_("Readiness report: %s"), keel_project_get_name (project));

  pdf.surface = cairo_pdf_surface_create_for_stream (write_func, array, PAGE_W, PAGE_H);
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE (1, 16, 0)
  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_CREATOR, "Keel " PACKAGE_VERSION);
#endif
  pdf.cr = cairo_create (pdf.surface);
  pdf.page = 1;
  pdf.n_pages = n_pages;
  pdf.y = MARGIN_TOP;
  /* Translators: the footer of every page: the project's name, then the as-of date. */
  pdf.footer = g_strdup_printf (_("%s · Readiness report as of %s"), keel_project_get_name (project), date);

  pdf_title (&pdf, project, gate, s);
  pdf_signals (&pdf, project, gate);
  pdf_board (&pdf, s);
  pdf_debt (&pdf, s);
  pdf_findings (&pdf, s);
  draw_footer (&pdf);
  cairo_show_page (pdf.cr);

  status = cairo_status (pdf.cr);
  cairo_destroy (pdf.cr);
  cairo_surface_finish (pdf.surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (pdf.surface);
  cairo_surface_destroy (pdf.surface);
  g_free (pdf.footer);
  *out_pages = pdf.page;
  return status;
}

#endif /* KEEL_REPORT_HAVE_PDF */

/**
 * keel_report_pdf_bytes:
 * @project: a project
 * @gate: the gate computed for @project
 * @findings: (nullable) (element-type KeelFinding): the findings, or %NULL to run
 *   the checks
 * @error: return location for a #GError
 *
 * Renders the readiness report as an A4 PDF in memory, with the charts.
 *
 * Returns: (transfer full): the PDF document, or %NULL with @error set
 */
GBytes *
keel_report_pdf_bytes (KeelProject     *project,
                       const KeelGate  *gate,
                       GPtrArray       *findings,
                       GError         **error)
{
  g_return_val_if_fail (KEEL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (gate != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

#ifdef KEEL_REPORT_HAVE_PDF
  {
    GByteArray *array = NULL;
    Summary s;
    cairo_status_t status = CAIRO_STATUS_SUCCESS;
    guint n_pages = 0;

    summary_init (&s, project, gate, findings);
    /* Twice: the first pass counts the pages, for "Page 2 of 5" on the second. */
    for (guint pass = 0; pass < 2 && status == CAIRO_STATUS_SUCCESS; pass++)
      {
        if (array != NULL)
          g_byte_array_unref (array);
        array = g_byte_array_new ();
        status = render_pdf (project, gate, &s, n_pages, pass == 0 ? discard_output : write_to_array,
                             array, &n_pages);
      }
    summary_clear (&s);

    if (status != CAIRO_STATUS_SUCCESS)
      {
        g_byte_array_unref (array);
        g_set_error (error, KEEL_REPORT_ERROR, KEEL_REPORT_ERROR_RENDER,
                     _("Could not draw the report: %s"), cairo_status_to_string (status));
        return NULL;
      }
    return g_byte_array_free_to_bytes (array);
  }
#else
  g_set_error_literal (error, KEEL_REPORT_ERROR, KEEL_REPORT_ERROR_UNSUPPORTED,
                       _("This build of Keel cannot write PDF reports (it was built without cairo); write Markdown instead."));
  return NULL;
#endif
}

/**
 * keel_report_pdf:
 * @project: a project
 * @gate: the gate computed for @project
 * @findings: (nullable) (element-type KeelFinding): the findings, or %NULL to run
 *   the checks
 * @path: the PDF file to write
 * @error: return location for a #GError
 *
 * Writes the readiness report as an A4 PDF with charts. The file is written whole or
 * not at all.
 *
 * Returns: %TRUE on success
 */
gboolean
keel_report_pdf (KeelProject     *project,
                 const KeelGate  *gate,
                 GPtrArray       *findings,
                 const char      *path,
                 GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (KEEL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (gate != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = keel_report_pdf_bytes (project, gate, findings, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);
  file = g_file_new_for_path (path);
  return keel_report_write_file (file, data, length, error);
}
