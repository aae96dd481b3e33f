/* keel-test-schema-v1.h: the tables of a version 1 project file, shared by
 * test-schema.c and test-document.c.
 *
 * Written out here on purpose, not taken from keel-schema.c: this is what files of
 * version 1 carry, and the tests must not change when the code does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* The tables and indexes of version 1, without the file's pragmas. */
#define KEEL_TEST_V1_TABLES_SQL \
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
  "CREATE TABLE item_links (item_id TEXT NOT NULL, link TEXT NOT NULL," \
  " target_id TEXT NOT NULL, position INTEGER NOT NULL," \
  " PRIMARY KEY (item_id, link, target_id));\n" \
  "CREATE TABLE debts (id TEXT PRIMARY KEY NOT NULL, title TEXT NOT NULL," \
  " component TEXT NOT NULL, quadrant TEXT NOT NULL, principal_days REAL NOT NULL," \
  " interest_hours_per_week REAL NOT NULL, bottleneck INTEGER NOT NULL," \
  " hard_ceiling INTEGER NOT NULL, status TEXT NOT NULL, owner TEXT, recorded TEXT NOT NULL);\n" \
  "CREATE TABLE debt_evidence (debt_id TEXT NOT NULL, evidence_id TEXT NOT NULL," \
  " position INTEGER NOT NULL, PRIMARY KEY (debt_id, evidence_id));\n" \
  "CREATE TABLE retention_cohorts (id INTEGER PRIMARY KEY," \
  " cohort TEXT NOT NULL, size INTEGER NOT NULL, retained TEXT NOT NULL);\n" \
  "CREATE TABLE survey_responses (id INTEGER PRIMARY KEY," \
  " answer TEXT NOT NULL, date TEXT NOT NULL, segment TEXT, respondent TEXT);\n" \
  "CREATE TABLE acquisition (id INTEGER PRIMARY KEY," \
  " period TEXT NOT NULL, channel TEXT NOT NULL, new_users INTEGER NOT NULL);\n" \
  "CREATE TABLE channel_classes (channel TEXT PRIMARY KEY NOT NULL, class TEXT NOT NULL);\n" \
  "CREATE INDEX survey_by_date ON survey_responses (date);\n" \
  "CREATE INDEX item_links_by_target ON item_links (target_id);\n" \
  "CREATE INDEX debt_evidence_by_target ON debt_evidence (evidence_id);\n"
