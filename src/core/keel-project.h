/* keel-project.h: a Keel project in memory, bound to its document.
 *
 * The project loads evidence, items, debts, signals and settings into GObjects and
 * exposes them as GListModels the UI binds to. The datasets (retention cohorts, survey
 * answers, acquisition rows) stay in the working copy and are read with SQL by the
 * signals (keel-signals.h) and by the dataset models.
 *
 * Every edit is a command: it is validated, committed to the working copy in one
 * transaction, pushed on the undo stack, applied to the in-memory objects (the same
 * objects are updated in place and emit "changed"), and then the project emits
 * "changed" once. Undo and redo replay commands the same way. A failed edit changes
 * nothing and sets @error.
 */
#pragma once

#include <gio/gio.h>
#include "keel-types.h"
#include "keel-entities.h"
#include "keel-document.h"

G_BEGIN_DECLS

#define KEEL_PROJECT_ERROR (keel_project_error_quark ())
typedef enum {
  KEEL_PROJECT_ERROR_INVALID,       /* a field value is not allowed (message says which) */
  KEEL_PROJECT_ERROR_DUPLICATE_ID,  /* the id is taken (ids are unique project-wide) */
  KEEL_PROJECT_ERROR_UNKNOWN_ID,    /* no such item, debt, evidence or signal */
  KEEL_PROJECT_ERROR_DANGLING_LINK, /* a link to an id that does not exist */
  KEEL_PROJECT_ERROR_READ_ONLY,     /* the document is read-only */
  KEEL_PROJECT_ERROR_NOTHING_TO_UNDO,
  KEEL_PROJECT_ERROR_STORAGE,       /* the working copy refused the commit */
} KeelProjectError;
GQuark keel_project_error_quark (void);

/* What an edit touched, passed with "changed" so views and caches redo only what they
 * must. */
typedef enum {
  KEEL_CHANGE_NAME      = 1 << 0,
  KEEL_CHANGE_SETTINGS  = 1 << 1,
  KEEL_CHANGE_SIGNALS   = 1 << 2,
  KEEL_CHANGE_EVIDENCE  = 1 << 3,
  KEEL_CHANGE_ITEMS     = 1 << 4,
  KEEL_CHANGE_DEBTS     = 1 << 5,
  KEEL_CHANGE_DATASETS  = 1 << 6,  /* rows, imports, retention period, channel classes */
  KEEL_CHANGE_ALL       = 0x7f,
} KeelChangeFlags;

#define KEEL_TYPE_PROJECT (keel_project_get_type ())
G_DECLARE_FINAL_TYPE (KeelProject, keel_project, KEEL, PROJECT, GObject)

/* Signals:
 *   "changed" (KeelChangeFlags flags): after every committed edit, undo and redo.
 * Properties: "name", "can-undo", "can-redo", "undo-label", "redo-label". */

/* Loads the project from @document's working copy (which must be a checked, migrated
 * Keel database, as keel_document_open() leaves it). */
KeelProject  *keel_project_load            (KeelDocument  *document,
                                            GError       **error);
/* Loads from a bare Keel database, with no document (tests, tools): edits commit to
 * @db and mark nothing dirty. */
KeelProject  *keel_project_load_db         (KeelDb        *db,
                                            GError       **error);
KeelDocument *keel_project_get_document    (KeelProject   *self);
KeelDb       *keel_project_get_db          (KeelProject   *self);

const char         *keel_project_get_name     (KeelProject *self);
const KeelSettings *keel_project_get_settings (KeelProject *self);
KeelRetentionPeriod keel_project_get_retention_period (KeelProject *self);
/* A counter bumped by every change of datasets, settings or signals: caches of
 * computed signals compare it. */
guint64             keel_project_get_data_generation (KeelProject *self);

/* The lists, each ordered by id (byte order) except signals (by position). */
GListModel   *keel_project_get_evidence    (KeelProject *self);  /* KeelEvidence */
GListModel   *keel_project_get_items       (KeelProject *self);  /* KeelItem */
GListModel   *keel_project_get_debts       (KeelProject *self);  /* KeelDebt */
GListModel   *keel_project_get_signals     (KeelProject *self);  /* KeelSignal */

KeelEvidence *keel_project_lookup_evidence (KeelProject *self, const char *id);
KeelItem     *keel_project_lookup_item     (KeelProject *self, const char *id);
KeelDebt     *keel_project_lookup_debt     (KeelProject *self, const char *id);
KeelSignal   *keel_project_lookup_signal   (KeelProject *self, const char *id);
/* The title (or summary, or name) of whatever has @id, or NULL. */
const char   *keel_project_lookup_title    (KeelProject *self, const char *id);

/* A fresh id with @prefix ("it", "debt", "ev", "sig"): "it-12". */
char         *keel_project_new_id          (KeelProject *self, const char *prefix);
/* The position after the last item of a board place (to add an item at its end). */
gint64        keel_project_get_next_position (KeelProject *self, KeelDimension dimension,
                                              KeelHorizon horizon);

/* ---- Editing (each call is one undoable step unless inside a group) ---- */

/* Several edits as one undo step labelled @label ("Import survey.csv"). Groups nest;
 * the outermost end commits. If any edit in the group fails, call
 * keel_project_abort_group() to roll back all of it. */
void      keel_project_begin_group  (KeelProject *self, const char *label);
gboolean  keel_project_end_group    (KeelProject *self, GError **error);
void      keel_project_abort_group  (KeelProject *self);

gboolean  keel_project_set_name     (KeelProject *self, const char *name, GError **error);
gboolean  keel_project_set_settings (KeelProject *self, const KeelSettings *settings,
                                     GError **error);

/* add: the object is taken as the new entity (its id must be set and free); transfer
 * none: on success that very object is in the lists, the caller keeps its reference.
 * update: @draft (a copy) replaces the entity with the same id, whose object is updated
 * in place. delete: also removes every link to it (undo restores them). */
gboolean  keel_project_add_evidence    (KeelProject *self, KeelEvidence *evidence, GError **error);
gboolean  keel_project_update_evidence (KeelProject *self, KeelEvidence *draft, GError **error);
gboolean  keel_project_delete_evidence (KeelProject *self, const char *id, GError **error);

gboolean  keel_project_add_item        (KeelProject *self, KeelItem *item, GError **error);
gboolean  keel_project_update_item     (KeelProject *self, KeelItem *draft, GError **error);
gboolean  keel_project_delete_item     (KeelProject *self, const char *id, GError **error);
/* Moves an item to (@dimension, @horizon) at @position (0 = first), renumbering the
 * positions of that place. */
gboolean  keel_project_move_item       (KeelProject *self, const char *id,
                                        KeelDimension dimension, KeelHorizon horizon,
                                        guint position, GError **error);

gboolean  keel_project_add_debt        (KeelProject *self, KeelDebt *debt, GError **error);
gboolean  keel_project_update_debt     (KeelProject *self, KeelDebt *draft, GError **error);
gboolean  keel_project_delete_debt     (KeelProject *self, const char *id, GError **error);

gboolean  keel_project_add_signal      (KeelProject *self, KeelSignal *signal, GError **error);
gboolean  keel_project_update_signal   (KeelProject *self, KeelSignal *draft, GError **error);
gboolean  keel_project_delete_signal   (KeelProject *self, const char *id, GError **error);

/* Items that would lose a link if @id were deleted (for the editor's warning): the
 * KeelItems then the KeelDebts that link to @id, each by id (an item's dependency on
 * itself does not count). Returns a new array holding references. */
GPtrArray *keel_project_list_referrers (KeelProject *self, const char *id); /* GObject* */

/* Adds many entities (KeelEvidence, KeelItem, KeelDebt, KeelSignal, any order) as one
 * edit: links may point to entities of the same batch. The objects are copied. On
 * failure nothing is added and @out_failed is the index of the entity at fault. */
gboolean  keel_project_add_entities    (KeelProject *self, const char *label,
                                        GPtrArray *entities, guint *out_failed,
                                        GError **error);

/* Adds the three required data signals of a new project ("sig-ret" retention_plateau,
 * "sig-org" organic_growth, "sig-se" sean_ellis) for each kind it lacks. Loading never
 * invents signals: `keel-cli new`, New and a JSON import without "signals" call this.
 * Outside a group it is not an undo step (a new project starts with no history). */
gboolean  keel_project_add_default_signals (KeelProject *self, GError **error);

/* Notes on editing:
 * - add_*: @entity (transfer none) itself becomes the project's object on success,
 *   its optional strings normalized ("" -> NULL, NULL description -> "").
 * - Errors are KEEL_PROJECT_ERROR, translated, naming the field and the entity's title.
 * - Inside a group, lookups see the group's edits at once; the lists, the entities'
 *   "changed" and the project's "changed" follow when the outermost group ends.
 * - Each entity class has a "changed" signal, emitted once per edit, undo or redo
 *   that changed the object in place. */

/* ---- Datasets ---- */

/* Channel classes: the project's own (user spelling kept); when a channel has no entry,
 * the defaults apply (organic, referral, word of mouth, direct, seo are organic; paid,
 * ads, sales, outbound are paid). Matching is case-insensitive. Returns FALSE for a
 * channel that is in neither. */
gboolean  keel_project_classify_channel (KeelProject *self, const char *channel,
                                         KeelChannelClass *out_class);
/* The class the defaults give @channel, whatever the project says; FALSE when the
 * defaults do not name it. */
gboolean  keel_channel_default_class (const char *channel, KeelChannelClass *out_class);
/* @channel as channels are matched: surrounding spaces and case do not count. */
char     *keel_channel_fold (const char *channel);
/* The project's own class of @channel (matched ignoring case), whether or not it only
 * repeats the default; FALSE when the project has none. */
gboolean  keel_project_get_own_channel_class (KeelProject *self, const char *channel,
                                              KeelChannelClass *out_class);
/* The channels a user may want to class: those of the active acquisition rows, and
 * those the project classes otherwise than the defaults; one per channel (in the
 * spelling met first: the project's own, else the data's), sorted for reading.
 * NULL and @error when the data cannot be read. */
GPtrArray *keel_project_list_channels (KeelProject *self, GError **error);
/* The project's explicit classes: channel (user spelling) -> KeelChannelClass, as
 * GINT_TO_POINTER. Owned by the project. */
GHashTable *keel_project_get_channel_classes (KeelProject *self);
gboolean  keel_project_set_channel_class (KeelProject *self, const char *channel,
                                          KeelChannelClass klass, GError **error);
/* Removes the project's own class of @channel (matched ignoring case). */
gboolean  keel_project_unset_channel_class (KeelProject *self, const char *channel,
                                            GError **error);
gboolean  keel_project_set_retention_period (KeelProject *self, KeelRetentionPeriod period,
                                             GError **error);

/* A bulk import of one dataset: rows are streamed in, all in one transaction; commit
 * makes it one undoable step ("Import survey.csv"); abort leaves the project as it was.
 * An import replaces the dataset's active rows unless @append. Rows remember the
 * import that brought them; rows without a date get the import's date. */
typedef struct _KeelImport KeelImport;

KeelImport *keel_project_begin_import   (KeelProject  *self,
                                         KeelDataset   dataset,
                                         gboolean      append,
                                         const char   *source_name,
                                         GError      **error);
/* @retained: counts for periods 0..n_periods-1. */
gboolean    keel_import_add_cohort      (KeelImport    *import,
                                         const char    *cohort,
                                         gint64         size,
                                         const gint64  *retained,
                                         guint          n_periods,
                                         GError       **error);
/* @date, @segment, @respondent may be NULL. */
gboolean    keel_import_add_survey      (KeelImport    *import,
                                         KeelAnswer     answer,
                                         const char    *date,
                                         const char    *segment,
                                         const char    *respondent,
                                         GError       **error);
gboolean    keel_import_add_acquisition (KeelImport    *import,
                                         const char    *period,
                                         const char    *channel,
                                         gint64         new_users,
                                         GError       **error);
guint64     keel_import_get_n_rows      (KeelImport    *import);
/* Also sets the retention period when importing retention (pass it before rows). */
void        keel_import_set_retention_period (KeelImport *import, KeelRetentionPeriod period);
gboolean    keel_project_commit_import  (KeelProject  *self,
                                         KeelImport   *import,   /* consumed */
                                         GError      **error);
void        keel_project_abort_import   (KeelProject  *self,
                                         KeelImport   *import);  /* consumed */

/* Number of active rows of a dataset. */
guint64     keel_project_count_rows     (KeelProject *self, KeelDataset dataset);
/* Deletes active rows by their row ids (SQLite rowids of the dataset's table), as one
 * undoable step. */
gboolean    keel_project_delete_rows    (KeelProject *self, KeelDataset dataset,
                                         const gint64 *row_ids, guint n_rows,
                                         GError **error);

/* ---- Undo ---- */
gboolean    keel_project_can_undo       (KeelProject *self);
gboolean    keel_project_can_redo       (KeelProject *self);
const char *keel_project_get_undo_label (KeelProject *self);  /* NULL if none */
const char *keel_project_get_redo_label (KeelProject *self);
gboolean    keel_project_undo           (KeelProject *self, GError **error);
gboolean    keel_project_redo           (KeelProject *self, GError **error);

G_END_DECLS
