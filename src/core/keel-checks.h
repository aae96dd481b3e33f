/* keel-checks.h: the sequencing checks — rules that read the whole project and report
 * findings (PRODUCT.md, "Evidence and the sequencing checks"). */
#pragma once

#include "keel-project.h"
#include "keel-signals.h"

G_BEGIN_DECLS

typedef enum {
  KEEL_SUBJECT_ITEM,
  KEEL_SUBJECT_DEBT,
  KEEL_SUBJECT_SIGNAL,
  KEEL_SUBJECT_PROJECT,
} KeelSubjectType;

const char *keel_subject_type_to_string (KeelSubjectType type);

typedef struct {
  const char      *rule;          /* stable rule id, static */
  KeelSeverity     severity;
  KeelSubjectType  subject_type;
  char            *subject_id;    /* NULL for the project */
  char            *subject_title;
  char            *message;       /* translated */
  char            *hint;          /* translated */
} KeelFinding;

void         keel_finding_free (KeelFinding       *finding);
KeelFinding *keel_finding_copy (const KeelFinding *finding);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KeelFinding, keel_finding_free)

/* Runs every rule; returns KeelFinding in the public order: severity (error, warning,
 * info), rule id, subject id (byte order, NULL first), message. */
GPtrArray *keel_checks_run (KeelProject *project, const KeelGate *gate);

typedef struct {
  const char   *id;
  KeelSeverity  severity;
  const char   *summary;   /* one line, translated at use */
} KeelRuleInfo;
/* The rule catalogue, NULL-terminated by id. */
const KeelRuleInfo *keel_checks_get_rules (guint *n_rules);

char *keel_findings_to_json (const KeelGate *gate, GPtrArray *findings);
char *keel_findings_to_text (const KeelGate *gate, GPtrArray *findings);

/* ---- The snapshot the rules read ----
 *
 * The rules are pure functions of a snapshot: the items, debts and evidence, the
 * settings, and the gate. keel_checks_run() builds it from a project; tests (and any
 * caller that already holds the objects) can build one by hand. The context takes a
 * reference on every object added and borrows @gate, which must outlive it. */
typedef struct _KeelCheckContext KeelCheckContext;

KeelCheckContext *keel_check_context_new          (const char         *project_name,
                                                   const KeelSettings *settings,
                                                   const KeelGate     *gate);
void              keel_check_context_free         (KeelCheckContext   *context);
void              keel_check_context_add_item     (KeelCheckContext   *context,
                                                   KeelItem           *item);
void              keel_check_context_add_debt     (KeelCheckContext   *context,
                                                   KeelDebt           *debt);
void              keel_check_context_add_evidence (KeelCheckContext   *context,
                                                   KeelEvidence       *evidence);
/* Every rule, or only @rule_id (NULL for all); findings in the public order. Returns
 * NULL (and warns) for an unknown @rule_id. */
GPtrArray        *keel_check_context_run          (KeelCheckContext   *context,
                                                   const char         *rule_id);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KeelCheckContext, keel_check_context_free)

/* Sorts KeelFinding in the public order. */
void              keel_findings_sort              (GPtrArray          *findings);
/* Counts findings of @severity. */
guint             keel_findings_count             (GPtrArray          *findings,
                                                   KeelSeverity        severity);

G_END_DECLS
