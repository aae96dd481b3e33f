/* keel-checks.c: the engine of the sequencing checks — the rule catalogue, the snapshot
 * the rules read, the public order of findings, and their JSON and text forms.
 *
 * The rules themselves live in rules/keel-rule-*.c. Each is a pure function of a
 * KeelCheckContext, so the engine runs the same way on a loaded project (the
 * application on every edit, keel-cli check) and on objects a test builds by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-checks"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "keel-checks.h"
#include "keel-json.h"
#include "rules/keel-rules-private.h"

/* The catalogue, by rule id (byte order), ending with a NULL id. The ids and severities
 * are stable public names (PRODUCT.md); the summaries are marked here and translated at
 * use. rule_funcs[] runs each, in the same order. */
static const KeelRuleInfo rule_infos[] = {
  { "dependency-order", KEEL_SEVERITY_ERROR,
    N_("Work starts only after what it depends on is done, and never sits in an earlier horizon than it; no dependency cycles") },
  { "everything-at-once", KEEL_SEVERITY_WARNING,
    N_("Not all four dimensions in progress at once, and no more items in progress than the WIP limit") },
  { "ignored-bottleneck", KEEL_SEVERITY_WARNING,
    N_("An open bottleneck debt is paid down in Now before technology work that pays down no debt") },
  { "premature-scaling", KEEL_SEVERITY_ERROR,
    N_("No growth or hiring in Now, in progress or done before the fit gate is passed") },
  { "rewrite-from-scratch", KEEL_SEVERITY_WARNING,
    N_("A rewrite pays down a debt marked hard ceiling; otherwise re-architect step by step") },
  { "stale-evidence", KEEL_SEVERITY_WARNING,
    N_("Every required signal has data newer than the evidence age") },
  { "thin-sample", KEEL_SEVERITY_WARNING,
    N_("The survey has at least the minimum number of answers from people who use the product") },
  { "unbacked-rearchitecture", KEEL_SEVERITY_INFO,
    N_("Re-architecture and hardening link to the debt or evidence that calls for them") },
  { "wishlist-scope", KEEL_SEVERITY_WARNING,
    N_("Features in Now, Next or in progress rest on evidence that users want them") },
  { NULL, 0, NULL },
};

static const KeelRuleFunc rule_funcs[] = {
  keel_rule_dependency_order,
  keel_rule_everything_at_once,
  keel_rule_ignored_bottleneck,
  keel_rule_premature_scaling,
  keel_rule_rewrite_from_scratch,
  keel_rule_stale_evidence,
  keel_rule_thin_sample,
  keel_rule_unbacked_rearchitecture,
  keel_rule_wishlist_scope,
};

G_STATIC_ASSERT (G_N_ELEMENTS (rule_funcs) + 1 == G_N_ELEMENTS (rule_infos));

/* ---- Findings ---- */

const char *
keel_subject_type_to_string (KeelSubjectType type)
{
  static const char * const names[] = { "item", "debt", "signal", "project" };

  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (names), NULL);
  return names[type];
}

/**
 * keel_finding_free:
 * @finding: (nullable): a finding
 *
 * Frees @finding and its strings.
 */
void
keel_finding_free (KeelFinding *finding)
{
  if (finding == NULL)
    return;

  g_free (finding->subject_id);
  g_free (finding->subject_title);
  g_free (finding->message);
  g_free (finding->hint);
  g_free (finding);
}

/**
 * keel_finding_copy:
 * @finding: a finding
 *
 * Returns: (transfer full): a copy of @finding, to free with keel_finding_free()
 */
KeelFinding *
keel_finding_copy (const KeelFinding *finding)
{
  KeelFinding *copy;

  g_return_val_if_fail (finding != NULL, NULL);

  copy = g_new0 (KeelFinding, 1);
  copy->rule = finding->rule;
  copy->severity = finding->severity;
  copy->subject_type = finding->subject_type;
  copy->subject_id = g_strdup (finding->subject_id);
  copy->subject_title = g_strdup (finding->subject_title);
  copy->message = g_strdup (finding->message);
  copy->hint = g_strdup (finding->hint);
  return copy;
}

static int
compare_nullable (const char *a,
                  const char *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return strcmp (a, b);
}

static int
compare_findings (gconstpointer pa,
                  gconstpointer pb)
{
  const KeelFinding *a = *(KeelFinding * const *) pa;
  const KeelFinding *b = *(KeelFinding * const *) pb;
  int cmp;

  if (a->severity != b->severity)
    return a->severity < b->severity ? -1 : 1;
  if ((cmp = strcmp (a->rule, b->rule)) != 0)
    return cmp;
  if ((cmp = compare_nullable (a->subject_id, b->subject_id)) != 0)
    return cmp;
  if ((cmp = compare_nullable (a->message, b->message)) != 0)
    return cmp;
  /* Equal up to here means the same subject and message: order by hint so that the
   * order never depends on the sort algorithm. */
  return compare_nullable (a->hint, b->hint);
}

/**
 * keel_findings_sort:
 * @findings: (element-type KeelFinding): findings
 *
 * Sorts @findings in the public order: severity (error, warning, info), rule id,
 * subject id (byte order, the project first), message.
 */
void
keel_findings_sort (GPtrArray *findings)
{
  g_return_if_fail (findings != NULL);

  g_ptr_array_sort (findings, compare_findings);
}

/**
 * keel_findings_count:
 * @findings: (element-type KeelFinding): findings
 * @severity: a severity
 *
 * Returns: how many of @findings have @severity
 */
guint
keel_findings_count (GPtrArray    *findings,
                     KeelSeverity  severity)
{
  guint n = 0;

  g_return_val_if_fail (findings != NULL, 0);

  for (guint i = 0; i < findings->len; i++)
    if (((KeelFinding *) g_ptr_array_index (findings, i))->severity == severity)
      n++;

  return n;
}

/* ---- The catalogue ---- */

/**
 * keel_checks_get_rules:
 * @n_rules: (out) (optional): the number of rules
 *
 * Returns: (array zero-terminated=1): the rule catalogue, by id, ending with an entry
 *   whose id is %NULL. Summaries are untranslated: pass them through _().
 */
const KeelRuleInfo *
keel_checks_get_rules (guint *n_rules)
{
  if (n_rules != NULL)
    *n_rules = G_N_ELEMENTS (rule_funcs);

  return rule_infos;
}

/* ---- The context ---- */

/**
 * keel_check_context_new:
 * @project_name: the project's name, the title of findings about the whole project
 * @settings: (nullable): the thresholds, or %NULL for the defaults
 * @gate: (nullable): the gate as computed for the same settings; %NULL skips the
 *   rules that read the signals (premature-scaling, stale-evidence, thin-sample)
 *
 * Returns: (transfer full): an empty snapshot to add items, debts and evidence to
 */
KeelCheckContext *
keel_check_context_new (const char         *project_name,
                        const KeelSettings *settings,
                        const KeelGate     *gate)
{
  KeelCheckContext *self = g_new0 (KeelCheckContext, 1);

  self->project_name = g_strdup (project_name != NULL ? project_name : "");
  if (settings != NULL)
    self->settings = *settings;
  else
    keel_settings_init_defaults (&self->settings);
  self->gate = gate;
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->debts = g_ptr_array_new_with_free_func (g_object_unref);
  self->evidence = g_ptr_array_new_with_free_func (g_object_unref);

  return self;
}

/* ---- The id index ---- */

/* FNV-1a: ids are short ASCII strings, for which it spreads well and costs little. */
static inline guint32
hash_id (const char *id)
{
  guint32 h = 2166136261u;

  for (const guchar *p = (const guchar *) id; *p != '\0'; p++)
    {
      h ^= *p;
      h *= 16777619u;
    }
  return h;
}

static void
id_index_init (KeelIdIndex *index,
               guint        n)
{
  guint capacity = 16;

  /* At most half full, so that probe sequences stay short. */
  while (capacity < 2 * n)
    capacity <<= 1;

  index->mask = capacity - 1;
  index->hashes = g_new (guint32, capacity);
  index->keys = g_new0 (const char *, capacity);
  index->values = g_new (gpointer, capacity);
}

static void
id_index_clear (KeelIdIndex *index)
{
  g_clear_pointer (&index->hashes, g_free);
  g_clear_pointer (&index->keys, g_free);
  g_clear_pointer (&index->values, g_free);
  index->mask = 0;
}

/* Ids are unique project-wide, so a repeated id only happens in a hand-built context;
 * the first object with an id wins there, as a lookup in the project would find one. */
static void
id_index_insert (KeelIdIndex *index,
                 const char  *key,
                 gpointer     value)
{
  guint32 h = hash_id (key);

  for (guint slot = h & index->mask;; slot = (slot + 1) & index->mask)
    {
      if (index->keys[slot] == NULL)
        {
          index->hashes[slot] = h;
          index->keys[slot] = key;
          index->values[slot] = value;
          return;
        }
      if (index->hashes[slot] == h && strcmp (index->keys[slot], key) == 0)
        return;
    }
}

static gpointer
id_index_lookup (const KeelIdIndex *index,
                 const char        *key)
{
  guint32 h = hash_id (key);

  for (guint slot = h & index->mask; index->keys[slot] != NULL; slot = (slot + 1) & index->mask)
    if (index->hashes[slot] == h && strcmp (index->keys[slot], key) == 0)
      return index->values[slot];

  return NULL;
}

static void
context_drop_indexes (KeelCheckContext *self)
{
  id_index_clear (&self->item_index);
  id_index_clear (&self->debts_by_id);
  id_index_clear (&self->evidence_by_id);
  self->indexed = FALSE;
}

/**
 * keel_check_context_free:
 * @context: (nullable): a context
 *
 * Releases the objects the context holds.
 */
void
keel_check_context_free (KeelCheckContext *context)
{
  if (context == NULL)
    return;

  context_drop_indexes (context);
  g_clear_pointer (&context->findings, g_ptr_array_unref);
  g_ptr_array_unref (context->items);
  g_ptr_array_unref (context->debts);
  g_ptr_array_unref (context->evidence);
  g_free (context->project_name);
  g_free (context);
}

void
keel_check_context_add_item (KeelCheckContext *context,
                             KeelItem         *item)
{
  g_return_if_fail (context != NULL);
  g_return_if_fail (KEEL_IS_ITEM (item));

  g_ptr_array_add (context->items, g_object_ref (item));
  context_drop_indexes (context);
}

void
keel_check_context_add_debt (KeelCheckContext *context,
                             KeelDebt         *debt)
{
  g_return_if_fail (context != NULL);
  g_return_if_fail (KEEL_IS_DEBT (debt));

  g_ptr_array_add (context->debts, g_object_ref (debt));
  context_drop_indexes (context);
}

void
keel_check_context_add_evidence (KeelCheckContext *context,
                                 KeelEvidence     *evidence)
{
  g_return_if_fail (context != NULL);
  g_return_if_fail (KEEL_IS_EVIDENCE (evidence));

  g_ptr_array_add (context->evidence, g_object_ref (evidence));
  context_drop_indexes (context);
}

static void
context_build_indexes (KeelCheckContext *self)
{
  if (self->indexed)
    return;

  id_index_init (&self->item_index, self->items->len);
  id_index_init (&self->debts_by_id, self->debts->len);
  id_index_init (&self->evidence_by_id, self->evidence->len);

  for (guint i = 0; i < self->items->len; i++)
    {
      KeelItem *item = g_ptr_array_index (self->items, i);
      id_index_insert (&self->item_index, item->id, GUINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < self->debts->len; i++)
    {
      KeelDebt *debt = g_ptr_array_index (self->debts, i);
      id_index_insert (&self->debts_by_id, debt->id, GUINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < self->evidence->len; i++)
    {
      KeelEvidence *evidence = g_ptr_array_index (self->evidence, i);
      id_index_insert (&self->evidence_by_id, evidence->id, evidence);
    }

  self->indexed = TRUE;
}

gint64
keel_check_context_item_index (KeelCheckContext *context,
                               const char       *id)
{
  g_assert (context->indexed);

  if (id == NULL)
    return -1;
  return (gint64) GPOINTER_TO_UINT (id_index_lookup (&context->item_index, id)) - 1;
}

KeelItem *
keel_check_context_lookup_item (KeelCheckContext *context,
                                const char       *id)
{
  gint64 index = keel_check_context_item_index (context, id);

  return index < 0 ? NULL : g_ptr_array_index (context->items, index);
}

gint64
keel_check_context_debt_index (KeelCheckContext *context,
                               const char       *id)
{
  g_assert (context->indexed);

  if (id == NULL)
    return -1;
  return (gint64) GPOINTER_TO_UINT (id_index_lookup (&context->debts_by_id, id)) - 1;
}

KeelDebt *
keel_check_context_lookup_debt (KeelCheckContext *context,
                                const char       *id)
{
  gint64 index = keel_check_context_debt_index (context, id);

  return index < 0 ? NULL : g_ptr_array_index (context->debts, index);
}

KeelEvidence *
keel_check_context_lookup_evidence (KeelCheckContext *context,
                                    const char       *id)
{
  g_assert (context->indexed);

  return id != NULL ? id_index_lookup (&context->evidence_by_id, id) : NULL;
}

guint
keel_check_context_count_debts (KeelCheckContext *context,
                                KeelItem         *item)
{
  guint n = 0;

  for (guint i = 0; i < item->debts->len; i++)
    if (keel_check_context_lookup_debt (context, g_ptr_array_index (item->debts, i)) != NULL)
      n++;

  return n;
}

guint
keel_check_context_count_evidence (KeelCheckContext *context,
                                   KeelItem         *item)
{
  guint n = 0;

  for (guint i = 0; i < item->evidence->len; i++)
    if (keel_check_context_lookup_evidence (context, g_ptr_array_index (item->evidence, i)) != NULL)
      n++;

  return n;
}

char *
keel_check_describe_gate (const KeelGate *gate)
{
  if (gate == NULL || gate->required == 0)
    return g_strdup (_("no signal is required"));

  /* Translators: the state of the fit gate, e.g. "1 of 3 signals met". */
  return g_strdup_printf (ngettext ("%u of %u signal met", "%u of %u signals met", gate->required),
                          gate->met, gate->required);
}

void
keel_check_emit (KeelCheckContext   *context,
                 const KeelRuleInfo *rule,
                 KeelSubjectType     subject_type,
                 const char         *subject_id,
                 const char         *subject_title,
                 char               *message,
                 char               *hint)
{
  KeelFinding *finding = g_new0 (KeelFinding, 1);

  g_assert (context->findings != NULL);
  g_assert (message != NULL && hint != NULL);

  finding->rule = rule->id;
  finding->severity = rule->severity;
  finding->subject_type = subject_type;
  finding->subject_id = g_strdup (subject_id);
  finding->subject_title = g_strdup (subject_title != NULL ? subject_title : "");
  finding->message = message;
  finding->hint = hint;

  g_ptr_array_add (context->findings, finding);
}

/**
 * keel_check_context_run:
 * @context: a context
 * @rule_id: (nullable): one rule to run, or %NULL for every rule
 *
 * Returns: (transfer full) (element-type KeelFinding): the findings in the public
 *   order, or %NULL if @rule_id names no rule
 */
GPtrArray *
keel_check_context_run (KeelCheckContext *context,
                        const char       *rule_id)
{
  gboolean found = FALSE;

  g_return_val_if_fail (context != NULL, NULL);

  context_build_indexes (context);
  g_clear_pointer (&context->findings, g_ptr_array_unref);
  context->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) keel_finding_free);

  for (guint i = 0; i < G_N_ELEMENTS (rule_funcs); i++)
    {
      if (rule_id != NULL && strcmp (rule_id, rule_infos[i].id) != 0)
        continue;
      rule_funcs[i] (context, &rule_infos[i]);
      found = TRUE;
    }

  if (!found)
    {
      g_clear_pointer (&context->findings, g_ptr_array_unref);
      g_return_val_if_reached (NULL);
    }

  keel_findings_sort (context->findings);
  return g_steal_pointer (&context->findings);
}

/**
 * keel_checks_run:
 * @project: a project
 * @gate: (nullable): the gate computed for @project; %NULL skips the rules that read
 *   the signals
 *
 * Runs every rule on @project.
 *
 * Returns: (transfer full) (element-type KeelFinding): the findings in the public
 *   order: severity (error, warning, info), rule id, subject id, message
 */
GPtrArray *
keel_checks_run (KeelProject    *project,
                 const KeelGate *gate)
{
  g_autoptr(KeelCheckContext) context = NULL;
  GListModel *model;
  guint n;

  g_return_val_if_fail (KEEL_IS_PROJECT (project), NULL);

  context = keel_check_context_new (keel_project_get_name (project),
                                    keel_project_get_settings (project),
                                    gate);

  model = keel_project_get_items (project);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (context->items, g_list_model_get_item (model, i));

  model = keel_project_get_debts (project);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (context->debts, g_list_model_get_item (model, i));

  model = keel_project_get_evidence (project);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (context->evidence, g_list_model_get_item (model, i));

  return keel_check_context_run (context, NULL);
}

/* ---- Escaping ---- */

typedef enum {
  ESCAPE_TEXT,          /* terminal text: control characters escaped */
  ESCAPE_TEXT_QUOTED,   /* the same, inside "…": quotes and backslashes escaped too */
} EscapeMode;

/* Appends @text escaped for @mode. Titles come from project files that arrive by mail:
 * a control character must not reach the terminal as such (escape sequences could
 * rewrite what the user sees), so C0, DEL and C1 characters are written as \uXXXX.
 * Runs of plain bytes are copied at once: a large project can have thousands of
 * findings. */
static void
append_escaped (GString    *out,
                const char *text,
                EscapeMode  mode)
{
  const guchar *p = (const guchar *) text;
  const guchar *run = p;

  for (;; p++)
    {
      guchar c = *p;
      guint escape_len = 0;   /* bytes the escape replaces */
      gunichar escaped = 0;   /* the character they encode */

      if (c == '\0')
        break;

      if (c < 0x20)
        escape_len = 1;
      else if ((c == '"' || c == '\\') && mode != ESCAPE_TEXT)
        escape_len = 1;
      else if (c == 0x7f)
        escape_len = 1;
      else if (c == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
        escape_len = 2;

      if (escape_len == 0)
        continue;

      escaped = escape_len == 2 ? p[1] : c;
      g_string_append_len (out, (const char *) run, p - run);
      switch (escaped)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\r': g_string_append (out, "\\r"); break;
        default:   g_string_append_printf (out, "\\u%04x", escaped); break;
        }
      p += escape_len - 1;
      run = p + 1;
    }

  g_string_append_len (out, (const char *) run, p - run);
}

/* ---- JSON ---- */

/**
 * keel_findings_to_json:
 * @gate: (nullable): the gate the findings were computed with
 * @findings: (element-type KeelFinding): findings in the public order
 *
 * Writes the object `keel-cli check --format json` prints — as_of, gate {passed, met,
 * required} and findings — in the layout of `keel-cli signals` (one finding per line,
 * so that the output diffs and greps well), with a final newline.
 *
 * Returns: (transfer full): the JSON text
 */
char *
keel_findings_to_json (const KeelGate *gate,
                       GPtrArray      *findings)
{
  GString *out;

  g_return_val_if_fail (findings != NULL, NULL);

  out = g_string_sized_new (256 + findings->len * 384);

  g_string_append (out, "{\"as_of\": ");
  keel_json_append_string (out, gate != NULL ? gate->as_of : NULL);
  if (gate != NULL)
    g_string_append_printf (out, ", \"gate\": {\"passed\": %s, \"met\": %u, \"required\": %u},",
                            gate->passed ? "true" : "false", gate->met, gate->required);
  else
    g_string_append (out, ", \"gate\": null,");
  g_string_append (out, " \"findings\": [");

  for (guint i = 0; i < findings->len; i++)
    {
      const KeelFinding *finding = g_ptr_array_index (findings, i);

      g_string_append (out, i > 0 ? ",\n  {\"rule\": " : "\n  {\"rule\": ");
      keel_json_append_string (out, finding->rule);
      g_string_append (out, ", \"severity\": ");
      keel_json_append_string (out, keel_severity_to_string (finding->severity));
      g_string_append (out, ", \"subject\": {\"type\": ");
      keel_json_append_string (out, keel_subject_type_to_string (finding->subject_type));
      g_string_append (out, ", \"id\": ");
      keel_json_append_string (out, finding->subject_id);
      g_string_append (out, ", \"title\": ");
      keel_json_append_string (out, finding->subject_title != NULL ? finding->subject_title : "");
      g_string_append (out, "}, \"message\": ");
      keel_json_append_string (out, finding->message);
      g_string_append (out, ", \"hint\": ");
      keel_json_append_string (out, finding->hint);
      g_string_append_c (out, '}');
    }

  g_string_append (out, findings->len > 0 ? "\n]}\n" : "]}\n");
  return g_string_free (out, FALSE);
}

/* ---- Text ---- */

static char *
summarize_counts (guint n_errors,
                  guint n_warnings,
                  guint n_notes)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);

  if (n_errors + n_warnings + n_notes == 0)
    return g_strdup (_("No findings."));

  if (n_errors > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u error", "%u errors", n_errors), n_errors));
  if (n_warnings > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u warning", "%u warnings", n_warnings), n_warnings));
  if (n_notes > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u note", "%u notes", n_notes), n_notes));

  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        /* Translators: the separator in "2 errors, 3 warnings, 1 note". */
        g_string_append (out, _(", "));
      g_string_append (out, g_ptr_array_index (parts, i));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * keel_findings_to_text:
 * @gate: (nullable): the gate the findings were computed with
 * @findings: (element-type KeelFinding): findings in the public order
 *
 * The text of `keel-cli check`, one finding per line as a compiler writes its
 * diagnostics — `error[premature-scaling] item it-4 "Hire four sales reps": message`
 * — each followed by an indented hint, then the state of the gate and a summary
 * ("2 errors, 3 warnings, 1 note").
 *
 * Returns: (transfer full): the text, ending with a newline
 */
char *
keel_findings_to_text (const KeelGate *gate,
                       GPtrArray      *findings)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *summary = NULL;

  g_return_val_if_fail (findings != NULL, NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      const KeelFinding *finding = g_ptr_array_index (findings, i);

      g_string_append_printf (out, "%s[%s] %s ",
                              keel_severity_to_string (finding->severity),
                              finding->rule,
                              keel_subject_type_to_string (finding->subject_type));
      if (finding->subject_id != NULL)
        {
          append_escaped (out, finding->subject_id, ESCAPE_TEXT);
          g_string_append_c (out, ' ');
        }
      g_string_append_c (out, '"');
      append_escaped (out, finding->subject_title != NULL ? finding->subject_title : "", ESCAPE_TEXT_QUOTED);
      g_string_append (out, "\": ");
      append_escaped (out, finding->message, ESCAPE_TEXT);
      g_string_append (out, "\n  ");
      /* Translators: prefix of the line under each finding in keel-cli check. */
      g_string_append (out, _("hint:"));
      g_string_append_c (out, ' ');
      append_escaped (out, finding->hint, ESCAPE_TEXT);
      g_string_append_c (out, '\n');
    }

  if (findings->len > 0)
    g_string_append_c (out, '\n');

  if (gate != NULL && gate->as_of != NULL)
    {
      g_autofree char *state = keel_check_describe_gate (gate);

      if (gate->passed)
        /* Translators: %s is a date, the second %s is like "3 of 3 signals met". */
        g_string_append_printf (out, _("As of %s the fit gate is passed (%s)."), gate->as_of, state);
      else
        g_string_append_printf (out, _("As of %s the fit gate is not passed (%s)."), gate->as_of, state);
      g_string_append_c (out, '\n');
    }

  summary = summarize_counts (keel_findings_count (findings, KEEL_SEVERITY_ERROR),
                              keel_findings_count (findings, KEEL_SEVERITY_WARNING),
                              keel_findings_count (findings, KEEL_SEVERITY_INFO));
  g_string_append (out, summary);
  g_string_append_c (out, '\n');

  return g_string_free (g_steal_pointer (&out), FALSE);
}
