/* keel-schema.h: the layout of a Keel project database (the working copy and the
 * document share it).
 *
 * PRAGMA application_id = KEEL_APPLICATION_ID; PRAGMA user_version = KEEL_SCHEMA_VERSION.
 * Enumerated values are stored by their JSON names (keel-types.h); dates as
 * "YYYY-MM-DD" text; optional values as NULL. A file is accepted only when its
 * sqlite_schema holds exactly the objects created here (no triggers, no views, no
 * other tables or indexes): see keel_schema_check().
 *
 * Dataset rows carry the import that brought them. An import that was replaced or
 * undone is inactive (imports.active = 0) and its rows are ignored everywhere; inactive
 * imports are purged when a project is opened (no undo history survives a session).
 */
#pragma once

#include "keel-db.h"

G_BEGIN_DECLS

#define KEEL_SCHEMA_VERSION 2

#define KEEL_SCHEMA_SQL \
  "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);\n" \
  "CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value REAL NOT NULL);\n" \
  "CREATE TABLE signals (id TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, name TEXT," \
  " required INTEGER NOT NULL, position INTEGER NOT NULL, value REAL, target REAL," \
  " comparison TEXT, date TEXT, source TEXT);\n" \
  "CREATE TABLE evidence (id TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL," \
  " summary TEXT NOT NULL, source TEXT NOT NULL, date TEXT NOT NULL, value REAL, unit TEXT);\n" \
  "CREATE TABLE items (id TEXT PRIMARY KEY NOT NULL, title TEXT NOT NULL," \
  " description TEXT NOT NULL, dimension TEXT NOT NULL, kind TEXT NOT NULL," \
  " horizon TEXT NOT NULL, status TEXT NOT NULL, position INTEGER NOT NULL," \
  " effort_days REAL, owner TEXT, target TEXT);\n" \
  /* link: 'evidence', 'debt' or 'depends_on'; position keeps the user's order */ \
  "CREATE TABLE item_links (item_id TEXT NOT NULL, link TEXT NOT NULL," \
  " target_id TEXT NOT NULL, position INTEGER NOT NULL," \
  " PRIMARY KEY (item_id, link, target_id));\n" \
  "CREATE TABLE debts (id TEXT PRIMARY KEY NOT NULL, title TEXT NOT NULL," \
  " component TEXT NOT NULL, quadrant TEXT NOT NULL, principal_days REAL NOT NULL," \
  " interest_hours_per_week REAL NOT NULL, bottleneck INTEGER NOT NULL," \
  " hard_ceiling INTEGER NOT NULL, status TEXT NOT NULL, owner TEXT, recorded TEXT NOT NULL);\n" \
  "CREATE TABLE debt_evidence (debt_id TEXT NOT NULL, evidence_id TEXT NOT NULL," \
  " position INTEGER NOT NULL, PRIMARY KEY (debt_id, evidence_id));\n" \
  "CREATE TABLE imports (id INTEGER PRIMARY KEY, dataset TEXT NOT NULL," \
  " source TEXT NOT NULL, imported TEXT NOT NULL, active INTEGER NOT NULL);\n" \
  /* retained: the counts per period, period 0 first, comma-separated ("200,120,96") */ \
  "CREATE TABLE retention_cohorts (id INTEGER PRIMARY KEY, import_id INTEGER NOT NULL," \
  " cohort TEXT NOT NULL, size INTEGER NOT NULL, retained TEXT NOT NULL);\n" \
  "CREATE TABLE survey_responses (id INTEGER PRIMARY KEY, import_id INTEGER NOT NULL," \
  " answer TEXT NOT NULL, date TEXT NOT NULL, segment TEXT, respondent TEXT);\n" \
  /* period as given: "YYYY-MM" or a "YYYY-MM-DD" start */ \
  "CREATE TABLE acquisition (id INTEGER PRIMARY KEY, import_id INTEGER NOT NULL," \
  " period TEXT NOT NULL, channel TEXT NOT NULL, new_users INTEGER NOT NULL);\n" \
  /* channel in the user's spelling; matched case-insensitively */ \
  "CREATE TABLE channel_classes (channel TEXT PRIMARY KEY NOT NULL, class TEXT NOT NULL);\n" \
  "CREATE INDEX survey_by_import ON survey_responses (import_id);\n" \
  "CREATE INDEX acquisition_by_import ON acquisition (import_id);\n" \
  "CREATE INDEX cohorts_by_import ON retention_cohorts (import_id);\n" \
  "CREATE INDEX item_links_by_target ON item_links (target_id);\n" \
  "CREATE INDEX debt_evidence_by_target ON debt_evidence (evidence_id);\n"

/* meta keys: "name" (project name), "retention_period" ("week"|"month"). */

/* Creates the schema in an empty database and sets application_id and user_version. */
gboolean keel_schema_create  (KeelDb *db, GError **error);
/* Checks that the database's schema is exactly Keel's (for its user_version), with no
 * triggers, views or unexpected objects; KEEL_DOCUMENT_ERROR_UNSAFE otherwise. */
gboolean keel_schema_check   (KeelDb *db, GError **error);
/* Migrates forward from the database's user_version to KEEL_SCHEMA_VERSION, in one
 * transaction; returns the version it started from in @out_from (0 if current). */
gboolean keel_schema_migrate (KeelDb *db, gint64 *out_from, GError **error);

G_END_DECLS
