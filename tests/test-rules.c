/* test-rules.c: each rule of the sequencing checks on snapshots built by hand — the
 * cases that fire, and the near misses that must not, at every boundary the rule
 * names (PRODUCT.md, "Evidence and the sequencing checks").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "keel-checks.h"

/* ---- A small world: items, debts, evidence, settings and a gate ---- */

typedef struct
{
  GPtrArray    *items;
  GPtrArray    *debts;
  GPtrArray    *evidence;
  KeelSettings  settings;
  KeelGate      gate;
  gboolean      has_gate;
} World;

static void
result_free (gpointer data)
{
  KeelSignalResult *result = data;

  g_clear_object (&result->signal);
  g_free (result->name);
  g_free (result->newest_data);
  g_free (result->explanation);
  g_free (result);
}

/* A world whose gate is not passed, with 1 of 3 required signals met. */
static World *
world_new (void)
{
  World *w = g_new0 (World, 1);

  w->items = g_ptr_array_new_with_free_func (g_object_unref);
  w->debts = g_ptr_array_new_with_free_func (g_object_unref);
  w->evidence = g_ptr_array_new_with_free_func (g_object_unref);
  keel_settings_init_defaults (&w->settings);
  w->gate.as_of = g_strdup ("2026-11-01");
  w->gate.passed = FALSE;
  w->gate.met = 1;
  w->gate.required = 3;
  w->gate.results = g_ptr_array_new_with_free_func (result_free);
  w->has_gate = TRUE;
  return w;
}

static void
world_free (World *w)
{
  g_ptr_array_unref (w->items);
  g_ptr_array_unref (w->debts);
  g_ptr_array_unref (w->evidence);
  g_free (w->gate.as_of);
  g_ptr_array_unref (w->gate.results);
  g_free (w);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (World, world_free)

static KeelItem *
world_item (World         *w,
            const char    *id,
            const char    *title,
            KeelDimension  dimension,
            KeelItemKind   kind,
            KeelHorizon    horizon,
            KeelStatus     status)
{
  KeelItem *item = keel_item_new (id);

  g_free (item->title);
  item->title = g_strdup (title);
  item->dimension = dimension;
  item->kind = kind;
  item->horizon = horizon;
  item->status = status;
  g_ptr_array_add (w->items, item);
  return item;
}

static KeelDebt *
world_debt (World          *w,
            const char     *id,
            const char     *title,
            gboolean        bottleneck,
            gboolean        hard_ceiling,
            KeelDebtStatus  status)
{
  KeelDebt *debt = keel_debt_new (id);

  g_free (debt->title);
  debt->title = g_strdup (title);
  debt->bottleneck = bottleneck;
  debt->hard_ceiling = hard_ceiling;
  debt->status = status;
  g_ptr_array_add (w->debts, debt);
  return debt;
}

static KeelEvidence *
world_evidence (World            *w,
                const char       *id,
                KeelEvidenceKind  kind)
{
  KeelEvidence *evidence = keel_evidence_new (id);

  evidence->kind = kind;
  g_free (evidence->summary);
  evidence->summary = g_strdup_printf ("Evidence %s", id);
  g_free (evidence->date);
  evidence->date = g_strdup ("2026-10-01");
  g_ptr_array_add (w->evidence, evidence);
  return evidence;
}

static KeelSignalResult *
world_signal (World           *w,
              const char      *id,
              KeelSignalKind   kind,
              gboolean         required,
              KeelSignalState  state,
              gint64           sample_size,
              const char      *newest_data)
{
  KeelSignalResult *result = g_new0 (KeelSignalResult, 1);

  result->signal = keel_signal_new (id, kind);
  result->signal->required = required;
  result->kind = kind;
  result->name = g_strdup (keel_signal_kind_to_label (kind));
  result->required = required;
  result->state = state;
  result->sample_size = sample_size;
  result->newest_data = g_strdup (newest_data);
  result->explanation = g_strdup ("");
  g_ptr_array_add (w->gate.results, result);
  return result;
}

static void
link_id (GPtrArray  *links,
         const char *id)
{
  g_ptr_array_add (links, g_strdup (id));
}

static GPtrArray *
world_run (World      *w,
           const char *rule)
{
  g_autoptr(KeelCheckContext) context =
    keel_check_context_new ("Acme Notes", &w->settings, w->has_gate ? &w->gate : NULL);
  GPtrArray *findings;

  for (guint i = 0; i < w->items->len; i++)
    keel_check_context_add_item (context, g_ptr_array_index (w->items, i));
  for (guint i = 0; i < w->debts->len; i++)
    keel_check_context_add_debt (context, g_ptr_array_index (w->debts, i));
  for (guint i = 0; i < w->evidence->len; i++)
    keel_check_context_add_evidence (context, g_ptr_array_index (w->evidence, i));

  findings = keel_check_context_run (context, rule);
  g_assert_nonnull (findings);

  /* Whatever a rule reports carries its own id and catalogue severity, a title and
   * words in the message and the hint. */
  for (guint i = 0; i < findings->len; i++)
    {
      KeelFinding *f = g_ptr_array_index (findings, i);

      if (rule != NULL)
        g_assert_cmpstr (f->rule, ==, rule);
      g_assert_nonnull (f->subject_title);
      g_assert_nonnull (f->message);
      g_assert_cmpuint (strlen (f->message), >, 10);
      g_assert_nonnull (f->hint);
      g_assert_cmpuint (strlen (f->hint), >, 10);
      g_assert_true ((f->subject_id == NULL) == (f->subject_type == KEEL_SUBJECT_PROJECT));
    }

  return findings;
}

static KeelFinding *
find_subject (GPtrArray  *findings,
              const char *subject_id)
{
  for (guint i = 0; i < findings->len; i++)
    {
      KeelFinding *f = g_ptr_array_index (findings, i);
      if (g_strcmp0 (f->subject_id, subject_id) == 0)
        return f;
    }
  return NULL;
}

/* The finding about @subject_id, which must exist. */
static KeelFinding *
get_subject (GPtrArray  *findings,
             const char *subject_id)
{
  KeelFinding *f = find_subject (findings, subject_id);

  if (f == NULL)
    g_error ("no finding about %s", subject_id);
  return f;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

/* ---- The catalogue ---- */

static void
test_catalogue (void)
{
  static const struct { const char *id; KeelSeverity severity; } expected[] = {
    { "dependency-order", KEEL_SEVERITY_ERROR },
    { "everything-at-once", KEEL_SEVERITY_WARNING },
    { "ignored-bottleneck", KEEL_SEVERITY_WARNING },
    { "premature-scaling", KEEL_SEVERITY_ERROR },
    { "rewrite-from-scratch", KEEL_SEVERITY_WARNING },
    { "stale-evidence", KEEL_SEVERITY_WARNING },
    { "thin-sample", KEEL_SEVERITY_WARNING },
    { "unbacked-rearchitecture", KEEL_SEVERITY_INFO },
    { "wishlist-scope", KEEL_SEVERITY_WARNING },
  };
  guint n = 0;
  const KeelRuleInfo *rules = keel_checks_get_rules (&n);

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (rules[i].id, ==, expected[i].id);
      g_assert_cmpint (rules[i].severity, ==, expected[i].severity);
      g_assert_nonnull (rules[i].summary);
    }
  g_assert_null (rules[n].id);

  g_assert_cmpstr (keel_subject_type_to_string (KEEL_SUBJECT_ITEM), ==, "item");
  g_assert_cmpstr (keel_subject_type_to_string (KEEL_SUBJECT_DEBT), ==, "debt");
  g_assert_cmpstr (keel_subject_type_to_string (KEEL_SUBJECT_SIGNAL), ==, "signal");
  g_assert_cmpstr (keel_subject_type_to_string (KEEL_SUBJECT_PROJECT), ==, "project");
}

static void
test_unknown_rule (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(KeelCheckContext) context = keel_check_context_new ("x", NULL, NULL);
      GPtrArray *findings = keel_check_context_run (context, "no-such-rule");
      g_assert_null (findings);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*keel_check_context_run*");
}

static void
test_empty_project (void)
{
  g_autoptr(World) w = world_new ();
  g_autoptr(GPtrArray) findings = world_run (w, NULL);

  g_assert_cmpuint (findings->len, ==, 0);
}

/* ---- premature-scaling ---- */

static void
test_premature_scaling_matrix (void)
{
  const KeelItemKind kinds[] = { KEEL_ITEM_KIND_GROWTH, KEEL_ITEM_KIND_HIRING };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (KeelHorizon h = 0; h < KEEL_N_HORIZONS; h++)
      for (KeelStatus s = 0; s < KEEL_N_STATUSES; s++)
        {
          g_autoptr(World) w = world_new ();
          g_autoptr(GPtrArray) findings = NULL;
          gboolean expected = s != KEEL_STATUS_DROPPED &&
            (h == KEEL_HORIZON_NOW || s == KEEL_STATUS_IN_PROGRESS || s == KEEL_STATUS_DONE);

          world_item (w, "it-4", "Hire four sales reps", KEEL_DIMENSION_TEAM, kinds[k], h, s);
          findings = world_run (w, "premature-scaling");

          g_test_message ("kind %s horizon %s status %s", keel_item_kind_to_string (kinds[k]),
                          keel_horizon_to_string (h), keel_status_to_string (s));
          g_assert_cmpuint (findings->len, ==, expected ? 1 : 0);
          if (expected)
            {
              KeelFinding *f = g_ptr_array_index (findings, 0);
              g_assert_cmpint (f->severity, ==, KEEL_SEVERITY_ERROR);
              g_assert_cmpint (f->subject_type, ==, KEEL_SUBJECT_ITEM);
              g_assert_cmpstr (f->subject_id, ==, "it-4");
              g_assert_cmpstr (f->subject_title, ==, "Hire four sales reps");
              assert_contains (f->message, "“Hire four sales reps”");
              assert_contains (f->message, "1 of 3 signals met");
            }
        }
}

static void
test_premature_scaling_message (void)
{
  g_autoptr(World) w = world_new ();
  g_autoptr(GPtrArray) findings = NULL;

  world_item (w, "it-4", "Hire four sales reps", KEEL_DIMENSION_TEAM, KEEL_ITEM_KIND_HIRING,
              KEEL_HORIZON_NOW, KEEL_STATUS_PLANNED);
  findings = world_run (w, "premature-scaling");
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpstr (((KeelFinding *) findings->pdata[0])->message, ==,
                   "“Hire four sales reps” is planned for Now while the fit gate is not passed (1 of 3 signals met).");
  assert_contains (((KeelFinding *) findings->pdata[0])->hint, "Next or Later");
}

static void
test_premature_scaling_other_kinds (void)
{
  for (KeelItemKind k = 0; k < KEEL_N_ITEM_KINDS; k++)
    {
      g_autoptr(World) w = world_new ();
      g_autoptr(GPtrArray) findings = NULL;

      if (k == KEEL_ITEM_KIND_GROWTH || k == KEEL_ITEM_KIND_HIRING)
        continue;
      for (KeelStatus s = 0; s < KEEL_N_STATUSES; s++)
        {
          g_autofree char *id = g_strdup_printf ("it-%d", s);
          world_item (w, id, "Work", KEEL_DIMENSION_TEAM, k, KEEL_HORIZON_NOW, s);
        }
      findings = world_run (w, "premature-scaling");
      g_assert_cmpuint (findings->len, ==, 0);
    }
}

static void
test_premature_scaling_gate (void)
{
  /* Passed: scaling is allowed. */
  {
    g_autoptr(World) w = world_new ();
    g_autoptr(GPtrArray) findings = NULL;

    w->gate.passed = TRUE;
    w->gate.met = 3;
    world_item (w, "it-1", "Paid search", KEEL_DIMENSION_PRODUCT, KEEL_ITEM_KIND_GROWTH,
                KEEL_HORIZON_NOW, KEEL_STATUS_IN_PROGRESS);
    findings = world_run (w, "premature-scaling");
    g_assert_cmpuint (findings->len, ==, 0);
  }
  /* Every required signal but one met: still not passed. */
  {
    g_autoptr(World) w = world_new ();
    g_autoptr(GPtrArray) findings = NULL;

    w->gate.met = 2;
    world_item (w, "it-1", "Paid search", KEEL_DIMENSION_PRODUCT, KEEL_ITEM_KIND_GROWTH,
                KEEL_HORIZON_NOW, KEEL_STATUS_IN_PROGRESS);
    findings = world_run (w, "premature-scaling");
    g_assert_cmpuint (findings->len, ==, 1);
    assert_contains (((KeelFinding *) findings->pdata[0])->message, "2 of 3 signals met");
    assert_contains (((KeelFinding *) findings->pdata[0])->message, "in progress");
  }
  /* No required signal: the gate is never passed. */
  {
    g_autoptr(World) w = world_new ();
    g_autoptr(GPtrArray) findings = NULL;

    w->gate.met = 0;
    w->gate.required = 0;
    world_item (w, "it-1", "Paid search", KEEL_DIMENSION_PRODUCT, KEEL_ITEM_KIND_GROWTH,
                KEEL_HORIZON_LATER, KEEL_STATUS_DONE);
    findings = world_run (w, "premature-scaling");
    g_assert_cmpuint (findings->len, ==, 1);
    assert_contains (((KeelFinding *) findings->pdata[0])->message, "no signal is required");
    assert_contains (((KeelFinding *) findings->pdata[0])->message, "is done");
  }
  /* No gate at all: the rule has nothing to compare with. */
  {
    g_autoptr(World) w = world_new ();
    g_autoptr(GPtrArray) findings = NULL;

    w->has_gate = FALSE;
    world_item (w, "it-1", "Paid search", KEEL_DIMENSION_PRODUCT, KEEL_ITEM_KIND_GROWTH,
                KEEL_HORIZON_NOW, KEEL_STATUS_PLANNED);
    findings = world_run (w, "premature-scaling");
    g_assert_cmpuint (findings->len, ==, 0);
  }
}

/* ---- dependency-order ---- */

/* Every pair of (status, horizon) of a dependent and its dependency. */
static void
test_dependency_order_matrix (void)
{
  for (KeelStatus xs = 0; xs < KEEL_N_STATUSES; xs++)
    for (KeelStatus ys = 0; ys < KEEL_N_STATUSES; ys++)
      for (KeelHorizon xh = 0; xh < KEEL_N_HORIZONS; xh++)
        for (KeelHorizon yh = 0; yh < KEEL_N_HORIZONS; yh++)
          {
            g_autoptr(World) w = world_new ();
            g_autoptr(GPtrArray) findings = NULL;
            KeelItem *x, *y;
            gboolean live = xs != KEEL_STATUS_DROPPED && ys != KEEL_STATUS_DROPPED;
            gboolean unfinished = (xs == KEEL_STATUS_IN_PROGRESS || xs == KEEL_STATUS_DONE) &&
                                  ys != KEEL_STATUS_DONE;
            gboolean expected = live && (unfinished || xh < yh);

            x = world_item (w, "it-x", "Sharded storage", KEEL_DIMENSION_TECHNOLOGY,
                            KEEL_ITEM_KIND_REARCHITECTURE, xh, xs);
            y = world_item (w, "it-y", "Read replicas", KEEL_DIMENSION_INFRASTRUCTURE,
                            KEEL_ITEM_KIND_HARDENING, yh, ys);
            link_id (x->depends_on, y->id);

            findings = world_run (w, "dependency-order");
            g_test_message ("x %s/%s y %s/%s", keel_status_to_string (xs), keel_horizon_to_string (xh),
                            keel_status_to_string (ys), keel_horizon_to_string (yh));
            g_assert_cmpuint (findings->len, ==, expected ? 1 : 0);
            if (expected)
              {
                KeelFinding *f = g_ptr_array_index (findings, 0);

                g_assert_cmpint (f->severity, ==, KEEL_SEVERITY_ERROR);
                g_assert_cmpstr (f->subject_id, ==, "it-x");
                g_assert_cmpstr (f->subject_title, ==, "Sharded storage");
                assert_contains (f->message, "“Read replicas”");
                if (unfinished)
                  assert_contains (f->message, "is not done");
                else
                  assert_contains (f->message, keel_horizon_to_label (yh));
              }
          }
}

static void
test_dependency_order_horizon_message (void)
{
  g_autoptr(World) w = world_new ();
  g_autoptr(GPtrArray) findings = NULL;
  KeelItem *x;

  x = world_item (w, "it-x", "Sharded storage", KEEL_DIMENSION_TECHNOLOGY,
                  KEEL_ITEM_KIND_REARCHITECTURE, KEEL_HORIZON_NOW, KEEL_STATUS_PLANNED);
  world_item (w, "it-y", "Read replicas", KEEL_DIMENSION_INFRASTRUCTURE,
              KEEL_ITEM_KIND_HARDENING, KEEL_HORIZON_LATER, KEEL_STATUS_IDEA);
  link_id (x->depends_on, "it-y");
  findings = world_run (w, "dependency-order");
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpstr (((KeelFinding *) findings->pdata[0])->message, ==,
                   "“Sharded storage” is in Now but depends on “Read replicas”, which is in Later.");
  g_assert_cmpstr (((KeelFinding *) findings->pdata[0])->hint, ==,
                   "Move “Read replicas” to Now, or move “Sharded storage” to Later.");
}

static void
test_dependency_order_self (void)
{
  for (KeelStatus s = 0; s < KEEL_N_STATUSES; s++)
    {
      g_autoptr(World) w = world_new ();
      g_autoptr(GPtrArray) findings = NULL;
      KeelItem *x;

      x = world_item (w, "it-1", "Billing service", KEEL_DIMENSION_TECHNOLOGY,
                      KEEL_ITEM_KIND_REARCHITECTURE, KEEL_HORIZON_NEXT, s);
      link_id (x->depends_on, "it-1");
      findings = world_run (w, "dependency-order");

      if (s == KEEL_STATUS_DROPPED)
        {
          g_assert_cmpuint (findings->len, ==, 0);
          continue;
        }
      g_assert_cmpuint (findings->len, ==, 1);
      g_assert_cmpstr (((KeelFinding *) findings->pdata[0])->message, ==,
                       "“Billing service” depends on itself.");
    }
}

static void
test_dependency_order_cycles (void)
{
  /* A two-cycle, a three-cycle, and an item that merely depends on the three-cycle. */
  g_autoptr(World) w = world_new ();
  g_autoptr(GPtrArray) findings = NULL;
  KeelItem *a, *b, *c, *d, *e, *tail;

  a = world_item (w, "it-a", "A", KEEL_DIMENSION_TECHNOLOGY, KEEL_ITEM_KIND_OTHER, KEEL_HORIZON_LATER, KEEL_STATUS_IDEA);
  b = world_item (w, "it-b", "B", KEEL_DIMENSION_TECHNOLOGY, KEEL_ITEM_KIND_OTHER, KEEL_HORIZON_LATER, KEEL_STATUS_IDEA);
  c = world_item (w, "it-c", "C", KEEL_DIMENSION_TECHNOLOGY, KEEL_ITEM_KIND_OTHER, KEEL_HORIZON_LATER, KEEL_STATUS_IDEA);
  d = world_item (w, "it-d", "D", KEEL_DIMENSION_TECHNOLOGY, KEEL_ITEM_KIND_OTHER, KEEL_HORIZON_LATER, KEEL_STATUS_IDEA);
  e = world_item (w, "it-e", "E", KEEL_DIMENSION_TECHNOLOGY, KEEL_ITEM_KIND_OTHER, KEEL_HORIZON_LATER, KEEL_STATUS_IDEA);
  tail = world_item (w, "it-f", "F", KEEL_DIMENSION_TECHNOLOGY, KEEL_ITEM_KIND_OTHER, KEEL_HORIZON_LATER, KEEL_STATUS_IDEA);
  link_id (a->depends_on, "it-b");
  link_id (b->depends_on, "it-a");
  link_id (c->depends_on, "it-d");
  link_id (d->depends_on, "it-e");
  link_id (e->depends_on, "it-c");
  link_id (tail->depends_on, "it-c");

  findings = world_run (w, "dependency-order");
  g_assert_cmpuint (findings->len, ==, 5);
  g_assert_null (find_subject (findings, "it-f"));
  g_assert_cmpstr (get_subject (findings, "it-a")->message, ==,
                   "“A” and “B” depend on each other, so neither can start first.");
  g_assert_cmpstr (get_subject (findings, "it-b")->message, ==,
                   "“B” and “A” depend on each other, so neither can start first.");
  g_assert_cmpstr (get_subject (findings, "it-c")->message, ==,
                   "“C” is on a dependency cycle among 3 items: it depends on “D”, which leads back to it.");
  assert_contains (get_subject (findings, "it-d")->message, "it depends on “E”");
  assert_contains (get_subject (findings, "it-e")->message, "it depends on “C”");
}

static void
test_dependency_order_cycle_through_dropped (void)
{
  g_autoptr(World) w = world_new ();
  g_autoptr(GPtrArray) findings = NULL;
  KeelItem *a, *b, *c;

  a = world_item (w, "it-a", "A", KEEL_DIMENSION_TEAM, KEEL_ITEM_KIND_PROCESS, KEEL_HORIZON_LATER, KEEL_STATUS_IDEA);
  b = world_item (w, "it-b", "B", KEEL_DIMENSION_TEAM, KEEL_ITEM_KIND_PROCESS, KEEL_HORIZON_LATER, KEEL_STATUS_DROPPED);
  c = world_item (w, "it-c", "C", KEEL_DIMENSION_TEAM, KEEL_ITEM_KIND_PROCESS, KEEL_HORIZON_LATER, KEEL_STATUS_IDEA);
  link_id (a->depends_on, "it-b");
  link_id (b->depends_on, "it-c");
  link_id (c->depends_on, "it-a");

  findings = world_run (w, "dependency-order");
  g_assert_cmpuint (findings->len, ==, 0);
}

/* An item with every problem at once still gets one finding, the cycle first. */
static void
test_dependency_order_one_per_item (void)
{
  g_autoptr(World) w = world_new ();
  g_autoptr(GPtrArray) findings = NULL;
  KeelItem *x, *y;

  x = world_item (w, "it-x", "X", KEEL_DIMENSION_PRODUCT, KEEL_ITEM_KIND_FEATURE, KEEL_HORIZON_NOW, KEEL_STATUS_IN_PROGRESS);
  y = world_item (w, "it-y", "Y", KEEL_DIMENSION_PRODUCT, KEEL_ITEM_KIND_FEATURE, KEEL_HORIZON_LATER, KEEL_STATUS_IDEA);
  world_item (w, "it-z", "Z", KEEL_DIMENSION_PRODUCT, KEEL_ITEM_KIND_FEATURE, KEEL_HORIZON_LATER, KEEL_STATUS_PLANNED);
  link_id (x->depends_on, "it-z");
  link_id (x->depends_on, "it-y");
  link_id (y->depends_on, "it-x");

  findings = world_run (w, "dependency-order");
  g_assert_cmpuint (findings->len, ==, 2);
  assert_contains (get_subject (findings, "it-x")->message, "depend on each other");
  assert_contains (get_subject (findings, "it-x")->message, "“Y”");
  assert_contains (get_subject (findings, "it-y")->message, "depend on each other");
  g_assert_null (find_subject (findings, "it-z"));

  /* Without the cycle: two unfinished dependencies, the first listed named. */
  g_ptr_array_set_size (y->depends_on, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = world_run (w, "dependency-order");
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpstr (get_subject (findings, "it-x")->message, ==,
                   "“X” is in progress while “Z” and 1 other item it depends on are not done.");
}

static void
test_dependency_order_dangling (void)
{
  g_autoptr(World) w = world_new ();
  g_autoptr(GPtrArray) findings = NULL;
  KeelItem *x;

  x = world_item (w, "it-x", "X", KEEL_DIMENSION_PRODUCT, KEEL_ITEM_KIND_FEATURE, KEEL_HORIZON_NOW, KEEL_STATUS_IN_PROGRESS);
  link_id (x->depends_on, "it-missing");
  link_id (x->depends_on, "debt-1");
  findings = world_run (w, "dependency-order");
  g_assert_cmpuint (findings->len, ==, 0);
}

/* A dependency chain far longer than any call stack would allow recursion for; closed
 * into one cycle, every item on it is reported once. */
static void
test_dependency_order_long_chain (void)
{
  const guint n = 100000;
  g_autoptr(World) w = world_new ();
  g_autoptr(GPtrArray) findings = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("it-%06u", i);
      g_autofree char *next = g_strdup_printf ("it-%06u", i + 1);
      KeelItem *item = world_item (w, id, "Step", KEEL_DIMENSION_TECHNOLOGY, KEEL_ITEM_KIND_OTHER,
                                   KEEL_HORIZON_LATER, KEEL_STATUS_IDEA);
      if (i + 1 < n)
        link_id (item->depends_on, next);
    }

  findings = world_run (w, "dependency-order");
  g_assert_cmpuint (findings->len, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  link_id (((KeelItem *) g_ptr_array_index (w->items, n - 1))->depends_on, "it-000000");
  findings = world_run (w, "dependency-order");
  g_assert_cmpuint (findings->len, ==, n);
  assert_contains (((KeelFinding *) findings->pdata[0])->message, "among 100000 items");
}

/* ---- wishlist-scope ---- */

static void
test_wishlist_scope_matrix (void)
{
  for (KeelDimension d = 0; d < KEEL_N_DIMENSIONS; d++)
    for (KeelItemKind k = 0; k < KEEL_N_ITEM_KINDS; k++)
      {
        g_autoptr(World) w = world_new ();
        g_autoptr(GPtrArray) findings = NULL;
        guint expected = 0;

        for (KeelHorizon h = 0; h < KEEL_N_HORIZONS; h++)
          for (KeelStatus s = 0; s < KEEL_N_STATUSES; s++)
            {
              g_autofree char *id = g_strdup_printf ("it-%d-%d", h, s);
              world_item (w, id, "Dark mode", d, k, h, s);
              if (d == KEEL_DIMENSION_PRODUCT && k == KEEL_ITEM_KIND_FEATURE &&
                  s != KEEL_STATUS_DROPPED &&
                  (h == KEEL_HORIZON_NOW || h == KEEL_HORIZON_NEXT || s == KEEL_STATUS_IN_PROGRESS))
                expected++;
            }

        findings = world_run (w, "wishlist-scope");
        g_assert_cmpuint (findings->len, ==, expected);
        if (d == KEEL_DIMENSION_PRODUCT && k == KEEL_ITEM_KIND_FEATURE)
          {
            /* Later: only when in progress; dropped: never. */
            g_assert_nonnull (find_subject (findings, "it-2-2"));
            g_assert_null (find_subject (findings, "it-2-1"));
            g_assert_null (find_subject (findings, "it-0-4"));
            g_assert_nonnull (find_subject (findings, "it-1-0"));
            g_assert_cmpstr (get_subject (findings, "it-1-0")->message, ==,
                             "“Dark mode” is in Next without evidence that users want it.");
            g_assert_cmpint (get_subject (findings, "it-1-0")->severity, ==, KEEL_SEVERITY_WARNING);
          }
      }
}

static void
test_wishlist_scope_evidence_kinds (void)
{
  for (KeelEvidenceKind k = 0; k < KEEL_N_EVIDENCE_KINDS; k++)
    {
      g_autoptr(World) w = world_new ();
      g_autoptr(GPtrArray) findings = NULL;
      KeelItem *item;
      gboolean counts = k != KEEL_EVIDENCE_KIND_INCIDENT && k != KEEL_EVIDENCE_KIND_OTHER;

      world_evidence (w, "ev-1", k);
      item = world_item (w, "it-1", "PDF export templates", KEEL_DIMENSION_PRODUCT,
                         KEEL_ITEM_KIND_FEATURE, KEEL_HORIZON_NOW, KEEL_STATUS_PLANNED);
      link_id (item->evidence, "ev-1");
      findings = world_run (w, "wishlist-scope");
      g_assert_cmpuint (findings->len, ==, counts ? 0 : 1);
      if (!counts)
        assert_contains (((KeelFinding *) findings->pdata[0])->message, "only incidents or other notes");
    }
}

static void
test_wishlist_scope_mixed_and_dangling (void)
{
  g_autoptr(World) w = world_new ();
  g_autoptr(GPtrArray) findings = NULL;
  KeelItem *mixed, *dangling;

  world_evidence (w, "ev-1", KEEL_EVIDENCE_KIND_INCIDENT);
  world_evidence (w, "ev-2", KEEL_EVIDENCE_KIND_INTERVIEW);
  mixed = world_item (w, "it-1", "Shared folders", KEEL_DIMENSION_PRODUCT,
                      KEEL_ITEM_KIND_FEATURE, KEEL_HORIZON_NOW, KEEL_STATUS_PLANNED);
  link_id (mixed->evidence, "ev-1");
  link_id (mixed->evidence, "ev-2");
  dangling = world_item (w, "it-2", "Calendar sync", KEEL_DIMENSION_PRODUCT,
                         KEEL_ITEM_KIND_FEATURE, KEEL_HORIZON_NOW, KEEL_STATUS_IN_PROGRESS);
  link_id (dangling->evidence, "ev-missing");

  findings = world_run (w, "wishlist-scope");
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpstr (((KeelFinding *) findings->pdata[0])->subject_id, ==, "it-2");
  g_assert_cmpstr (((KeelFinding *) findings->pdata[0])->message, ==,
                   "“Calendar sync” is in progress without evidence that users want it.");
}

/* ---- rewrite-from-scratch ---- */

static void
test_rewrite_statuses (void)
{
  for (KeelHorizon h = 0; h < KEEL_N_HORIZONS; h++)
    for (KeelStatus s = 0; s < KEEL_N_STATUSES; s++)
      {
        g_autoptr(World) w = world_new ();
        g_autoptr(GPtrArray) findings = NULL;

        world_item (w, "it-1", "Rewrite the editor in Rust", KEEL_DIMENSION_TECHNOLOGY,
                    KEEL_ITEM_KIND_REWRITE, h, s);
        findings = world_run (w, "rewrite-from-scratch");
        g_assert_cmpuint (findings->len, ==, s == KEEL_STATUS_DROPPED ? 0 : 1);
        if (findings->len == 1)
          g_assert_cmpstr (((KeelFinding *) findings->pdata[0])->message, ==,
                           "“Rewrite the editor in Rust” is a rewrite from scratch that pays down no debt marked as a hard ceiling.");
      }
}

static void
test_rewrite_hard_ceiling (void)
{
  for (KeelDebtStatus ds = 0; ds < KEEL_N_DEBT_STATUSES; ds++)
    {
      g_autoptr(World) w = world_new ();
      g_autoptr(GPtrArray) findings = NULL;
      KeelItem *justified, *soft, *dangling;

      world_debt (w, "debt-1", "CMS cannot host custom code", FALSE, TRUE, ds);
      world_debt (w, "debt-2", "Slow build", TRUE, FALSE, ds);
      justified = world_item (w, "it-1", "Move off the hosted CMS", KEEL_DIMENSION_TECHNOLOGY,
                              KEEL_ITEM_KIND_REWRITE, KEEL_HORIZON_NEXT, KEEL_STATUS_PLANNED);
      link_id (justified->debts, "debt-2");
      link_id (justified->debts, "debt-1");
      soft = world_item (w, "it-2", "Rewrite the build", KEEL_DIMENSION_TECHNOLOGY,
                         KEEL_ITEM_KIND_REWRITE, KEEL_HORIZON_NEXT, KEEL_STATUS_PLANNED);
      link_id (soft->debts, "debt-2");
      dangling = world_item (w, "it-3", "Rewrite search", KEEL_DIMENSION_TECHNOLOGY,
                             KEEL_ITEM_KIND_REWRITE, KEEL_HORIZON_NEXT, KEEL_STATUS_PLANNED);
      link_id (dangling->debts, "debt-missing");

      findings = world_run (w, "rewrite-from-scratch");
      g_assert_cmpuint (findings->len, ==, 2);
      g_assert_null (find_subject (findings, "it-1"));
      assert_contains (get_subject (findings, "it-2")->message, "none of the debts it pays down");
      assert_contains (get_subject (findings, "it-3")->message, "pays down no debt");
    }
}

static void
test_rewrite_other_kinds (void)
{
  g_autoptr(World) w = world_new ();
  g_autoptr(GPtrArray) findings = NULL;

  for (KeelItemKind k = 0; k < KEEL_N_ITEM_KINDS; k++)
    {
      g_autofree char *id = g_strdup_printf ("it-%d", k);
      if (k != KEEL_ITEM_KIND_REWRITE)
        world_item (w, id, "Work", KEEL_DIMENSION_TECHNOLOGY, k, KEEL_HORIZON_NOW, KEEL_STATUS_IN_PROGRESS);
    }
  findings = world_run (w, "rewrite-from-scratch");
  g_assert_cmpuint (findings->len, ==, 0);
}

/* ---- everything-at-once ---- */

static void
add_in_progress (World        *w,
                 guint         n,
                 KeelDimension dimension,
                 const char   *prefix)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", prefix, i);
      world_item (w, id, "Work", dimension, KEEL_ITEM_KIND_OTHER, KEEL_HORIZON_NOW,
                  KEEL_STATUS_IN_PROGRESS);
    }
}

static void
test_everything_at_once_limit (void)
{
  /* The default limit, 8: at the limit nothing, one over it a finding. */
  for (guint n = 7; n <= 9; n++)
    {
      g_autoptr(World) w = world_new ();
      g_autoptr(GPtrArray) findings = NULL;

      add_in_progress (w, n, KEEL_DIMENSION_TECHNOLOGY, "it");
      findings = world_run (w, "everything-at-once");
      g_assert_cmpuint (findings->len, ==, n > 8 ? 1 : 0);
      if (n > 8)
        {
          KeelFinding *f = g_ptr_array_index (findings, 0);
          g_assert_cmpint (f->subject_type, ==, KEEL_SUBJECT_PROJECT);
          g_assert_null (f->subject_id);
          g_assert_cmpstr (f->subject_title, ==, "Acme Notes");
          g_assert_cmpint (f->severity, ==, KEEL_SEVERITY_WARNING);
          g_assert_cmpstr (f->message, ==,
                           "9 items are in progress, more than the work-in-progress limit of 8.");
        }
    }

  /* A project's own limit. */
  for (guint n = 3; n <= 4; n++)
    {
      g_autoptr(World) w = world_new ();
      g_autoptr(GPtrArray) findings = NULL;

      w->settings.wip_limit = 3;
      add_in_progress (w, n, KEEL_DIMENSION_PRODUCT, "it");
      findings = world_run (w, "everything-at-once");
      g_assert_cmpuint (findings->len, ==, n > 3 ? 1 : 0);
    }
}

static void
test_everything_at_once_dimensions (void)
{
  /* Three dimensions: fine. */
  {
    g_autoptr(World) w = world_new ();
    g_autoptr(GPtrArray) findings = NULL;

    add_in_progress (w, 1, KEEL_DIMENSION_TECHNOLOGY, "t");
    add_in_progress (w, 1, KEEL_DIMENSION_PRODUCT, "p");
    add_in_progress (w, 1, KEEL_DIMENSION_TEAM, "m");
    /* Infrastructure is busy only with work that is not in progress. */
    for (KeelStatus s = 0; s < KEEL_N_STATUSES; s++)
      {
        g_autofree char *id = g_strdup_printf ("i-%d", s);
        if (s != KEEL_STATUS_IN_PROGRESS)
          world_item (w, id, "Work", KEEL_DIMENSION_INFRASTRUCTURE, KEEL_ITEM_KIND_OTHER,
                      KEEL_HORIZON_NOW, s);
      }
    findings = world_run (w, "everything-at-once");
    g_assert_cmpuint (findings->len, ==, 0);
  }
  /* Four dimensions, under the limit: one finding. */
  {
    g_autoptr(World) w = world_new ();
    g_autoptr(GPtrArray) findings = NULL;

    add_in_progress (w, 2, KEEL_DIMENSION_TECHNOLOGY, "t");
    add_in_progress (w, 1, KEEL_DIMENSION_PRODUCT, "p");
    add_in_progress (w, 1, KEEL_DIMENSION_TEAM, "m");
    add_in_progress (w, 1, KEEL_DIMENSION_INFRASTRUCTURE, "i");
    findings = world_run (w, "everything-at-once");
    g_assert_cmpuint (findings->len, ==, 1);
    g_assert_cmpstr (((KeelFinding *) findings->pdata[0])->message, ==,
                     "Work is in progress in all four dimensions at once: 2 in technology, 1 in product, 1 in team and 1 in infrastructure.");
  }
  /* Four dimensions and over the limit: still one finding, saying both. */
  {
    g_autoptr(World) w = world_new ();
    g_autoptr(GPtrArray) findings = NULL;

    add_in_progress (w, 6, KEEL_DIMENSION_TECHNOLOGY, "t");
    add_in_progress (w, 1, KEEL_DIMENSION_PRODUCT, "p");
    add_in_progress (w, 1, KEEL_DIMENSION_TEAM, "m");
    add_in_progress (w, 1, KEEL_DIMENSION_INFRASTRUCTURE, "i");
    findings = world_run (w, "everything-at-once");
    g_assert_cmpuint (findings->len, ==, 1);
    g_assert_cmpstr (((KeelFinding *) findings->pdata[0])->message, ==,
                     "9 items are in progress across all four dimensions, more than the work-in-progress limit of 8.");
  }
}

static void
test_everything_at_once_other_statuses (void)
{
  g_autoptr(World) w = world_new ();
  g_autoptr(GPtrArray) findings = NULL;

  for (KeelDimension d = 0; d < KEEL_N_DIMENSIONS; d++)
    for (KeelStatus s = 0; s < KEEL_N_STATUSES; s++)
      for (guint i = 0; i < 3; i++)
        {
          g_autofree char *id = g_strdup_printf ("it-%d-%d-%u", d, s, i);
          if (s != KEEL_STATUS_IN_PROGRESS)
            world_item (w, id, "Work", d, KEEL_ITEM_KIND_OTHER, KEEL_HORIZON_NOW, s);
        }
  findings = world_run (w, "everything-at-once");
  g_assert_cmpuint (findings->len, ==, 0);
}

/* ---- ignored-bottleneck ---- */

/* A world with an open bottleneck and a technology item in Now that pays down no debt. */
static World *
bottleneck_world (void)
{
  World *w = world_new ();

  world_debt (w, "debt-1", "Single Postgres instance", TRUE, FALSE, KEEL_DEBT_STATUS_OPEN);
  world_item (w, "it-t", "Move to GraphQL", KEEL_DIMENSION_TECHNOLOGY,
              KEEL_ITEM_KIND_REARCHITECTURE, KEEL_HORIZON_NOW, KEEL_STATUS_PLANNED);
  return w;
}

static void
test_ignored_bottleneck_fires (void)
{
  g_autoptr(World) w = bottleneck_world ();
  g_autoptr(GPtrArray) findings = world_run (w, "ignored-bottleneck");
  KeelFinding *f;

  g_assert_cmpuint (findings->len, ==, 1);
  f = g_ptr_array_index (findings, 0);
  g_assert_cmpint (f->subject_type, ==, KEEL_SUBJECT_DEBT);
  g_assert_cmpstr (f->subject_id, ==, "debt-1");
  g_assert_cmpstr (f->subject_title, ==, "Single Postgres instance");
  g_assert_cmpstr (f->message, ==,
                   "No work in Now or in progress pays down the bottleneck “Single Postgres instance”, while “Move to GraphQL”, technology work that pays down no debt, is in Now.");
  assert_contains (f->hint, "“Single Postgres instance”");
}

static void
test_ignored_bottleneck_payers (void)
{
  static const struct {
    KeelHorizon horizon;
    KeelStatus  status;
    gboolean    pays;
  } payers[] = {
    { KEEL_HORIZON_NOW, KEEL_STATUS_IDEA, TRUE },
    { KEEL_HORIZON_NOW, KEEL_STATUS_PLANNED, TRUE },
    { KEEL_HORIZON_NOW, KEEL_STATUS_IN_PROGRESS, TRUE },
    { KEEL_HORIZON_NOW, KEEL_STATUS_DONE, TRUE },
    { KEEL_HORIZON_NOW, KEEL_STATUS_DROPPED, FALSE },
    { KEEL_HORIZON_NEXT, KEEL_STATUS_PLANNED, FALSE },
    { KEEL_HORIZON_NEXT, KEEL_STATUS_IN_PROGRESS, TRUE },
    { KEEL_HORIZON_LATER, KEEL_STATUS_IDEA, FALSE },
    { KEEL_HORIZON_LATER, KEEL_STATUS_IN_PROGRESS, TRUE },
    { KEEL_HORIZON_LATER, KEEL_STATUS_DONE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (payers); i++)
    {
      g_autoptr(World) w = bottleneck_world ();
      g_autoptr(GPtrArray) findings = NULL;
      KeelItem *payer;

      /* The payer is infrastructure work, so it never competes itself. */
      payer = world_item (w, "it-p", "Add a read replica", KEEL_DIMENSION_INFRASTRUCTURE,
                          KEEL_ITEM_KIND_HARDENING, payers[i].horizon, payers[i].status);
      link_id (payer->debts, "debt-1");
      findings = world_run (w, "ignored-bottleneck");
      g_test_message ("payer %s/%s", keel_horizon_to_string (payers[i].horizon),
                      keel_status_to_string (payers[i].status));
      g_assert_cmpuint (findings->len, ==, payers[i].pays ? 0 : 1);
    }
}

static void
test_ignored_bottleneck_competitors (void)
{
  static const struct {
    KeelDimension dimension;
    KeelHorizon   horizon;
    KeelStatus    status;
    gboolean      competes;
  } competitors[] = {
    { KEEL_DIMENSION_TECHNOLOGY, KEEL_HORIZON_NOW, KEEL_STATUS_IDEA, TRUE },
    { KEEL_DIMENSION_TECHNOLOGY, KEEL_HORIZON_NOW, KEEL_STATUS_DONE, TRUE },
    { KEEL_DIMENSION_TECHNOLOGY, KEEL_HORIZON_NOW, KEEL_STATUS_DROPPED, FALSE },
    { KEEL_DIMENSION_TECHNOLOGY, KEEL_HORIZON_NEXT, KEEL_STATUS_PLANNED, FALSE },
    { KEEL_DIMENSION_TECHNOLOGY, KEEL_HORIZON_LATER, KEEL_STATUS_IN_PROGRESS, TRUE },
    { KEEL_DIMENSION_PRODUCT, KEEL_HORIZON_NOW, KEEL_STATUS_IN_PROGRESS, FALSE },
    { KEEL_DIMENSION_TEAM, KEEL_HORIZON_NOW, KEEL_STATUS_IN_PROGRESS, FALSE },
    { KEEL_DIMENSION_INFRASTRUCTURE, KEEL_HORIZON_NOW, KEEL_STATUS_IN_PROGRESS, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (competitors); i++)
    {
      g_autoptr(World) w = world_new ();
      g_autoptr(GPtrArray) findings = NULL;

      world_debt (w, "debt-1", "Single Postgres instance", TRUE, FALSE, KEEL_DEBT_STATUS_OPEN);
      world_item (w, "it-c", "Competing work", competitors[i].dimension, KEEL_ITEM_KIND_OTHER,
                  competitors[i].horizon, competitors[i].status);
      findings = world_run (w, "ignored-bottleneck");
      g_assert_cmpuint (findings->len, ==, competitors[i].competes ? 1 : 0);
    }

  /* Technology work in Now that pays down some other debt does not compete; one that
   * links only to a missing debt does. */
  {
    g_autoptr(World) w = world_new ();
    g_autoptr(GPtrArray) findings = NULL;
    KeelItem *t;

    world_debt (w, "debt-1", "Single Postgres instance", TRUE, FALSE, KEEL_DEBT_STATUS_OPEN);
    world_debt (w, "debt-2", "Hand-rolled auth", FALSE, FALSE, KEEL_DEBT_STATUS_OPEN);
    t = world_item (w, "it-t", "Replace auth", KEEL_DIMENSION_TECHNOLOGY, KEEL_ITEM_KIND_HARDENING,
                    KEEL_HORIZON_NOW, KEEL_STATUS_PLANNED);
    link_id (t->debts, "debt-2");
    findings = world_run (w, "ignored-bottleneck");
    g_assert_cmpuint (findings->len, ==, 0);

    g_ptr_array_set_size (t->debts, 0);
    link_id (t->debts, "debt-missing");
    g_clear_pointer (&findings, g_ptr_array_unref);
    findings = world_run (w, "ignored-bottleneck");
    g_assert_cmpuint (findings->len, ==, 1);
  }
}

static void
test_ignored_bottleneck_debts (void)
{
  g_autoptr(World) w = bottleneck_world ();
  g_autoptr(GPtrArray) findings = NULL;

  world_debt (w, "debt-2", "Not a bottleneck", FALSE, FALSE, KEEL_DEBT_STATUS_OPEN);
  world_debt (w, "debt-3", "Scheduled bottleneck", TRUE, FALSE, KEEL_DEBT_STATUS_SCHEDULED);
  world_debt (w, "debt-4", "Paid bottleneck", TRUE, FALSE, KEEL_DEBT_STATUS_PAID);
  world_debt (w, "debt-5", "Accepted bottleneck", TRUE, FALSE, KEEL_DEBT_STATUS_ACCEPTED);
  world_debt (w, "debt-6", "Second open bottleneck", TRUE, TRUE, KEEL_DEBT_STATUS_OPEN);
  world_item (w, "it-a", "Another refactor", KEEL_DIMENSION_TECHNOLOGY, KEEL_ITEM_KIND_OTHER,
              KEEL_HORIZON_LATER, KEEL_STATUS_IN_PROGRESS);

  findings = world_run (w, "ignored-bottleneck");
  g_assert_cmpuint (findings->len, ==, 2);
  g_assert_cmpstr (((KeelFinding *) findings->pdata[0])->subject_id, ==, "debt-1");
  g_assert_cmpstr (((KeelFinding *) findings->pdata[1])->subject_id, ==, "debt-6");
  /* Two competitors: the first by id is named, with a count of the others. */
  g_assert_cmpstr (((KeelFinding *) findings->pdata[1])->message, ==,
                   "No work in Now or in progress pays down the bottleneck “Second open bottleneck”, while “Another refactor” and 1 other technology item that pay down no debt are in Now or in progress.");
}

/* ---- unbacked-rearchitecture ---- */

static void
test_unbacked_matrix (void)
{
  for (KeelItemKind k = 0; k < KEEL_N_ITEM_KINDS; k++)
    for (KeelStatus s = 0; s < KEEL_N_STATUSES; s++)
      for (KeelHorizon h = 0; h < KEEL_N_HORIZONS; h++)
        {
          g_autoptr(World) w = world_new ();
          g_autoptr(GPtrArray) findings = NULL;
          gboolean expected = (k == KEEL_ITEM_KIND_REARCHITECTURE || k == KEEL_ITEM_KIND_HARDENING) &&
                              s != KEEL_STATUS_DONE && s != KEEL_STATUS_DROPPED;

          world_item (w, "it-1", "Event sourcing", KEEL_DIMENSION_TECHNOLOGY, k, h, s);
          findings = world_run (w, "unbacked-rearchitecture");
          g_assert_cmpuint (findings->len, ==, expected ? 1 : 0);
          if (expected)
            {
              KeelFinding *f = g_ptr_array_index (findings, 0);
              g_assert_cmpint (f->severity, ==, KEEL_SEVERITY_INFO);
              g_assert_cmpstr (f->message, ==,
                               k == KEEL_ITEM_KIND_HARDENING
                               ? "“Event sourcing” hardens the system but links to no debt and no evidence."
                               : "“Event sourcing” re-architects the system but links to no debt and no evidence.");
            }
        }
}

static void
test_unbacked_links (void)
{
  g_autoptr(World) w = world_new ();
  g_autoptr(GPtrArray) findings = NULL;
  KeelItem *by_debt, *by_incident, *by_other, *dangling;

  world_debt (w, "debt-1", "Monolith deploys", FALSE, FALSE, KEEL_DEBT_STATUS_PAID);
  world_evidence (w, "ev-1", KEEL_EVIDENCE_KIND_INCIDENT);
  world_evidence (w, "ev-2", KEEL_EVIDENCE_KIND_OTHER);
  by_debt = world_item (w, "it-1", "Split deploys", KEEL_DIMENSION_TECHNOLOGY,
                        KEEL_ITEM_KIND_REARCHITECTURE, KEEL_HORIZON_NOW, KEEL_STATUS_PLANNED);
  link_id (by_debt->debts, "debt-1");
  by_incident = world_item (w, "it-2", "Rate limiting", KEEL_DIMENSION_TECHNOLOGY,
                            KEEL_ITEM_KIND_HARDENING, KEEL_HORIZON_NOW, KEEL_STATUS_PLANNED);
  link_id (by_incident->evidence, "ev-1");
  by_other = world_item (w, "it-3", "Backups", KEEL_DIMENSION_INFRASTRUCTURE,
                         KEEL_ITEM_KIND_HARDENING, KEEL_HORIZON_NOW, KEEL_STATUS_PLANNED);
  link_id (by_other->evidence, "ev-2");
  dangling = world_item (w, "it-4", "Queue", KEEL_DIMENSION_TECHNOLOGY,
                         KEEL_ITEM_KIND_REARCHITECTURE, KEEL_HORIZON_NOW, KEEL_STATUS_PLANNED);
  link_id (dangling->evidence, "ev-missing");
  link_id (dangling->debts, "debt-missing");

  findings = world_run (w, "unbacked-rearchitecture");
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpstr (((KeelFinding *) findings->pdata[0])->subject_id, ==, "it-4");
}

/* ---- stale-evidence ---- */

static void
test_stale_evidence (void)
{
  g_autoptr(World) w = world_new ();
  g_autoptr(GPtrArray) findings = NULL;
  KeelFinding *f;

  world_signal (w, "sig-ret", KEEL_SIGNAL_KIND_RETENTION_PLATEAU, TRUE, KEEL_SIGNAL_STATE_STALE, 600, "2026-05-02");
  world_signal (w, "sig-org", KEEL_SIGNAL_KIND_ORGANIC_GROWTH, TRUE, KEEL_SIGNAL_STATE_MET, 900, "2026-10-01");
  world_signal (w, "sig-se", KEEL_SIGNAL_KIND_SEAN_ELLIS, TRUE, KEEL_SIGNAL_STATE_NOT_MET, 80, "2026-10-20");
  world_signal (w, "sig-pay", KEEL_SIGNAL_KIND_CUSTOM, FALSE, KEEL_SIGNAL_STATE_STALE, 1, "2025-01-01");
  world_signal (w, "sig-nps", KEEL_SIGNAL_KIND_CUSTOM, TRUE, KEEL_SIGNAL_STATE_STALE, 1, "2026-07-01");
  world_signal (w, "sig-none", KEEL_SIGNAL_KIND_CUSTOM, TRUE, KEEL_SIGNAL_STATE_NO_DATA, 0, NULL);

  findings = world_run (w, "stale-evidence");
  g_assert_cmpuint (findings->len, ==, 2);
  f = get_subject (findings, "sig-ret");
  g_assert_cmpint (f->subject_type, ==, KEEL_SUBJECT_SIGNAL);
  g_assert_cmpint (f->severity, ==, KEEL_SEVERITY_WARNING);
  g_assert_cmpstr (f->subject_title, ==, "Retention plateau");
  g_assert_cmpstr (f->message, ==,
                   "“Retention plateau” has no data newer than 2026-05-02, 183 days before 2026-11-01; the evidence age is 90 days.");
  assert_contains (f->hint, "retention");
  f = get_subject (findings, "sig-nps");
  assert_contains (f->hint, "new value");
  g_assert_null (find_subject (findings, "sig-pay"));
}

static void
test_stale_evidence_no_gate (void)
{
  g_autoptr(World) w = world_new ();
  g_autoptr(GPtrArray) findings = NULL;

  world_signal (w, "sig-ret", KEEL_SIGNAL_KIND_RETENTION_PLATEAU, TRUE, KEEL_SIGNAL_STATE_STALE, 600, "2026-05-02");
  w->has_gate = FALSE;
  findings = world_run (w, NULL);
  g_assert_cmpuint (findings->len, ==, 0);
}

/* ---- thin-sample ---- */

static void
test_thin_sample (void)
{
  static const struct { gint64 minimum, sample; gboolean fires; } cases[] = {
    { 40, 0, FALSE }, { 40, 1, TRUE }, { 40, 39, TRUE }, { 40, 40, FALSE }, { 40, 500, FALSE },
    { 10, 9, TRUE }, { 10, 10, FALSE }, { 1, 0, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(World) w = world_new ();
      g_autoptr(GPtrArray) findings = NULL;

      w->settings.min_survey_responses = cases[i].minimum;
      world_signal (w, "sig-se", KEEL_SIGNAL_KIND_SEAN_ELLIS, TRUE, KEEL_SIGNAL_STATE_NOT_MET,
                    cases[i].sample, "2026-10-20");
      findings = world_run (w, "thin-sample");
      g_assert_cmpuint (findings->len, ==, cases[i].fires ? 1 : 0);
      if (cases[i].fires)
        {
          KeelFinding *f = g_ptr_array_index (findings, 0);
          g_autofree char *needed = g_strdup_printf ("at least %" G_GINT64_FORMAT, cases[i].minimum);
          g_assert_cmpstr (f->subject_id, ==, "sig-se");
          g_assert_cmpint (f->subject_type, ==, KEEL_SUBJECT_SIGNAL);
          assert_contains (f->message, needed);
        }
    }
}

static void
test_thin_sample_message (void)
{
  g_autoptr(World) w = world_new ();
  g_autoptr(GPtrArray) findings = NULL;

  world_signal (w, "sig-se", KEEL_SIGNAL_KIND_SEAN_ELLIS, TRUE, KEEL_SIGNAL_STATE_NOT_MET, 12, "2026-10-20");
  /* Other kinds with few data points are not a survey. */
  world_signal (w, "sig-ret", KEEL_SIGNAL_KIND_RETENTION_PLATEAU, TRUE, KEEL_SIGNAL_STATE_NOT_MET, 5, "2026-10-20");
  world_signal (w, "sig-org", KEEL_SIGNAL_KIND_ORGANIC_GROWTH, TRUE, KEEL_SIGNAL_STATE_NOT_MET, 2, "2026-10-20");
  findings = world_run (w, "thin-sample");
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpstr (((KeelFinding *) findings->pdata[0])->message, ==,
                   "“Sean Ellis survey” has answers from 12 people who use the product; it needs at least 40.");
  g_assert_cmpstr (((KeelFinding *) findings->pdata[0])->hint, ==,
                   "Survey more active users: 28 more answers are needed before the score can count.");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/keel/rules/catalogue", test_catalogue);
  g_test_add_func ("/keel/rules/unknown-rule", test_unknown_rule);
  g_test_add_func ("/keel/rules/empty-project", test_empty_project);
  g_test_add_func ("/keel/rules/premature-scaling/matrix", test_premature_scaling_matrix);
  g_test_add_func ("/keel/rules/premature-scaling/message", test_premature_scaling_message);
  g_test_add_func ("/keel/rules/premature-scaling/other-kinds", test_premature_scaling_other_kinds);
  g_test_add_func ("/keel/rules/premature-scaling/gate", test_premature_scaling_gate);
  g_test_add_func ("/keel/rules/dependency-order/matrix", test_dependency_order_matrix);
  g_test_add_func ("/keel/rules/dependency-order/horizon-message", test_dependency_order_horizon_message);
  g_test_add_func ("/keel/rules/dependency-order/self", test_dependency_order_self);
  g_test_add_func ("/keel/rules/dependency-order/cycles", test_dependency_order_cycles);
  g_test_add_func ("/keel/rules/dependency-order/cycle-through-dropped", test_dependency_order_cycle_through_dropped);
  g_test_add_func ("/keel/rules/dependency-order/one-per-item", test_dependency_order_one_per_item);
  g_test_add_func ("/keel/rules/dependency-order/dangling", test_dependency_order_dangling);
  g_test_add_func ("/keel/rules/dependency-order/long-chain", test_dependency_order_long_chain);
  g_test_add_func ("/keel/rules/wishlist-scope/matrix", test_wishlist_scope_matrix);
  g_test_add_func ("/keel/rules/wishlist-scope/evidence-kinds", test_wishlist_scope_evidence_kinds);
  g_test_add_func ("/keel/rules/wishlist-scope/mixed-and-dangling", test_wishlist_scope_mixed_and_dangling);
  g_test_add_func ("/keel/rules/rewrite-from-scratch/statuses", test_rewrite_statuses);
  g_test_add_func ("/keel/rules/rewrite-from-scratch/hard-ceiling", test_rewrite_hard_ceiling);
  g_test_add_func ("/keel/rules/rewrite-from-scratch/other-kinds", test_rewrite_other_kinds);
  g_test_add_func ("/keel/rules/everything-at-once/limit", test_everything_at_once_limit);
  g_test_add_func ("/keel/rules/everything-at-once/dimensions", test_everything_at_once_dimensions);
  g_test_add_func ("/keel/rules/everything-at-once/other-statuses", test_everything_at_once_other_statuses);
  g_test_add_func ("/keel/rules/ignored-bottleneck/fires", test_ignored_bottleneck_fires);
  g_test_add_func ("/keel/rules/ignored-bottleneck/payers", test_ignored_bottleneck_payers);
  g_test_add_func ("/keel/rules/ignored-bottleneck/competitors", test_ignored_bottleneck_competitors);
  g_test_add_func ("/keel/rules/ignored-bottleneck/debts", test_ignored_bottleneck_debts);
  g_test_add_func ("/keel/rules/unbacked-rearchitecture/matrix", test_unbacked_matrix);
  g_test_add_func ("/keel/rules/unbacked-rearchitecture/links", test_unbacked_links);
  g_test_add_func ("/keel/rules/stale-evidence/required", test_stale_evidence);
  g_test_add_func ("/keel/rules/stale-evidence/no-gate", test_stale_evidence_no_gate);
  g_test_add_func ("/keel/rules/thin-sample/boundaries", test_thin_sample);
  g_test_add_func ("/keel/rules/thin-sample/message", test_thin_sample_message);

  return g_test_run ();
}
