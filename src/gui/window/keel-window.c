/* keel-window.c: a Keel window — the welcome page, or one project with its four views,
 * the gate at a glance and the findings panel.
 *
 * The actions live in keel-window-actions.c; opening, write-back and closing in
 * keel-window-document.c.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-window"

#include "config.h"

#include <glib/gi18n.h>

#include "keel-format.h"
#include "keel-window-private.h"

#ifdef KEEL_HAVE_BOARD_VIEW
# include "keel-board-view.h"
#endif
#ifdef KEEL_HAVE_DEBT_VIEW
# include "keel-debt-view.h"
#endif
#ifdef KEEL_HAVE_EVIDENCE_VIEW
# include "keel-evidence-view.h"
#endif

G_DEFINE_FINAL_TYPE (KeelWindow, keel_window, ADW_TYPE_APPLICATION_WINDOW)

/* ---- Helpers ---- */

static void
set_severity_class (GtkWidget  *widget,
                    const char *css_class)
{
  static const char * const classes[] = { "error", "warning", "success", "accent" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (widget, classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (widget, css_class);
}

/* A page for a view that this build does not have. */
G_GNUC_UNUSED static GtkWidget *
missing_view (const char *title)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "action-unavailable-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                   _("This view is not part of this build of Keel"));
  return page;
}

static void
create_views (KeelWindow *self)
{
  AdwViewStackPage *page;

  self->fit_view = KEEL_FIT_VIEW (keel_fit_view_new ());
  page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->fit_view), "fit", _("Fit"));
  adw_view_stack_page_set_icon_name (page, "emblem-ok-symbolic");

#ifdef KEEL_HAVE_BOARD_VIEW
  self->board_view = GTK_WIDGET (g_object_new (KEEL_TYPE_BOARD_VIEW, NULL));
#else
  self->board_view = missing_view (_("Board"));
#endif
  page = adw_view_stack_add_titled (self->view_stack, self->board_view, "board", _("Board"));
  adw_view_stack_page_set_icon_name (page, "view-grid-symbolic");

#ifdef KEEL_HAVE_DEBT_VIEW
  self->debt_view = GTK_WIDGET (g_object_new (KEEL_TYPE_DEBT_VIEW, NULL));
#else
  self->debt_view = missing_view (_("Debt"));
#endif
  page = adw_view_stack_add_titled (self->view_stack, self->debt_view, "debt", _("Debt"));
  adw_view_stack_page_set_icon_name (page, "accessories-calculator-symbolic");

#ifdef KEEL_HAVE_EVIDENCE_VIEW
  self->evidence_view = GTK_WIDGET (g_object_new (KEEL_TYPE_EVIDENCE_VIEW, NULL));
#else
  self->evidence_view = missing_view (_("Evidence"));
#endif
  page = adw_view_stack_add_titled (self->view_stack, self->evidence_view, "evidence", _("Evidence"));
  adw_view_stack_page_set_icon_name (page, "x-office-document-symbolic");
}

static void
set_views_project (KeelWindow  *self,
                   KeelProject *project)
{
  keel_fit_view_set_project (self->fit_view, project);
#ifdef KEEL_HAVE_BOARD_VIEW
  keel_board_view_set_project (KEEL_BOARD_VIEW (self->board_view), project);
#endif
#ifdef KEEL_HAVE_DEBT_VIEW
  keel_debt_view_set_project (KEEL_DEBT_VIEW (self->debt_view), project);
#endif
#ifdef KEEL_HAVE_EVIDENCE_VIEW
  keel_evidence_view_set_project (KEEL_EVIDENCE_VIEW (self->evidence_view), project);
#endif
}

static void
update_as_of_label (KeelWindow *self)
{
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;

  if (self->as_of == NULL)
    {
      label = g_strdup (_("Today"));
      tooltip = g_strdup (_("The project as it stands today. Choose a date to see it as it stood then."));
    }
  else
    {
      label = keel_format_date (self->as_of);
      /* Translators: %s is a date */
      tooltip = g_strdup_printf (_("The project as it stood on %s: later data is left out"), label);
    }
  gtk_label_set_label (self->as_of_label, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->as_of_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->as_of_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  if (self->as_of != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->as_of_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->as_of_button), "accent");
}

static void
update_gate_pill (KeelWindow *self)
{
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;

  if (self->gate == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->gate_button), FALSE);
      return;
    }

  if (self->gate->required == 0)
    label = g_strdup (_("No required signal"));
  else
    /* Translators: the gate at a glance in the header: "Gate not passed · 1 of 3" */
    label = g_strdup_printf (self->gate->passed ? _("Gate passed · %u of %u")
                                                : _("Gate not passed · %u of %u"),
                             self->gate->met, self->gate->required);
  tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u of %u required signal met. Show the fit signals.",
                                          "%u of %u required signals met. Show the fit signals.",
                                          self->gate->required),
                             self->gate->met, self->gate->required);
  gtk_label_set_label (self->gate_label, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->gate_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->gate_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                  -1);
  set_severity_class (GTK_WIDGET (self->gate_button), self->gate->passed ? "success" : "warning");
  gtk_widget_set_visible (GTK_WIDGET (self->gate_button), !self->narrow);
}

static void
update_findings_button (KeelWindow *self)
{
  guint n = self->findings != NULL ? self->findings->len : 0;
  guint errors = 0, warnings = 0;
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autofree char *tooltip = NULL;

  for (guint i = 0; i < n; i++)
    {
      const KeelFinding *finding = g_ptr_array_index (self->findings, i);
      errors += finding->severity == KEEL_SEVERITY_ERROR;
      warnings += finding->severity == KEEL_SEVERITY_WARNING;
    }

  gtk_label_set_label (self->findings_count, count);
  if (n == 0)
    tooltip = g_strdup (_("No findings (F9)"));
  else
    /* Translators: the findings button's tooltip: counts by severity */
    tooltip = g_strdup_printf (_("Findings: %u errors, %u warnings, %u notes (F9)"),
                               errors, warnings, n - errors - warnings);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->findings_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->findings_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_image_set_from_icon_name (self->findings_icon,
                                errors > 0 ? "dialog-error-symbolic"
                                : warnings > 0 ? "dialog-warning-symbolic"
                                : n > 0 ? "dialog-information-symbolic"
                                : "emblem-ok-symbolic");
  set_severity_class (GTK_WIDGET (self->findings_button),
                      errors > 0 ? "error" : warnings > 0 ? "warning" : NULL);
}

static void
show_gate_error (KeelWindow   *self,
                 const GError *error)
{
  g_autofree char *message = g_strdup_printf (_("The signals could not be computed: %s"),
                                              error->message);
  keel_window_add_toast (self, message, FALSE);
}

/* ---- Recomputing the gate and the findings ---- */

void
_keel_window_recompute_now (KeelWindow *self)
{
  g_autofree char *day = NULL;
  g_autoptr(GError) error = NULL;
  KeelGate *old_gate = NULL;
  GPtrArray *old_findings;
  guint64 generation;

  g_clear_handle_id (&self->recompute_source, g_source_remove);

  if (self->project == NULL)
    return;

  day = self->as_of != NULL ? g_strdup (self->as_of) : keel_date_today ();
  generation = keel_project_get_data_generation (self->project);

  /* The signals read the datasets with SQL; an edit of an item or a debt does not
   * change them, so the gate is reused until the data, settings, signals or date do. */
  if (self->gate == NULL || self->gate_generation != generation ||
      g_strcmp0 (self->gate_day, day) != 0)
    {
      KeelGate *gate = keel_gate_compute (self->project, day, &error);

      if (gate == NULL)
        show_gate_error (self, error);
      else
        {
          old_gate = self->gate;
          self->gate = gate;
          self->gate_generation = generation;
          g_free (self->gate_day);
          self->gate_day = g_steal_pointer (&day);
        }
    }

  old_findings = self->findings;
  self->findings = self->gate != NULL ? keel_checks_run (self->project, self->gate) : NULL;

  /* The views hold pointers into the gate: hand them the new one before freeing. */
  if (old_gate != NULL || self->gate != NULL)
    keel_fit_view_set_gate (self->fit_view, self->gate);
  keel_findings_panel_set_findings (self->findings_panel, self->findings);
#ifdef KEEL_HAVE_BOARD_VIEW
  keel_board_view_set_findings (KEEL_BOARD_VIEW (self->board_view), self->findings);
#endif
#ifdef KEEL_HAVE_DEBT_VIEW
  keel_debt_view_set_findings (KEEL_DEBT_VIEW (self->debt_view), self->findings);
#endif
#ifdef KEEL_HAVE_EVIDENCE_VIEW
  keel_evidence_view_set_findings (KEEL_EVIDENCE_VIEW (self->evidence_view), self->findings);
#endif
  g_clear_pointer (&old_gate, keel_gate_free);
  g_clear_pointer (&old_findings, g_ptr_array_unref);

  update_gate_pill (self);
  update_findings_button (self);
}

static gboolean
recompute_idle_cb (gpointer user_data)
{
  KeelWindow *self = user_data;

  self->recompute_source = 0;
  _keel_window_recompute_now (self);
  return G_SOURCE_REMOVE;
}

/* Several edits in one main-loop turn (a drag, an undo group) recompute once. */
static void
schedule_recompute (KeelWindow *self)
{
  if (self->recompute_source == 0)
    self->recompute_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, recompute_idle_cb,
                                              self, NULL);
}

/* ---- Project callbacks ---- */

static void
project_changed_cb (KeelProject     *project,
                    KeelChangeFlags  flags,
                    KeelWindow      *self)
{
  _keel_window_project_changed (self);
  schedule_recompute (self);
}

static void
project_undo_notify_cb (KeelWindow *self)
{
  _keel_window_update_actions (self);
}

static void
project_name_notify_cb (KeelWindow *self)
{
  _keel_window_update_save_state (self);
}

void
_keel_window_attach_project (KeelWindow   *self,
                             KeelDocument *document,
                             KeelProject  *project)
{
  g_assert (self->project == NULL);

  self->document = g_object_ref (document);
  self->project = g_object_ref (project);
  self->changed_handler = g_signal_connect (project, "changed",
                                            G_CALLBACK (project_changed_cb), self);
  self->notify_undo_handler = g_signal_connect_swapped (project, "notify::can-undo",
                                                        G_CALLBACK (project_undo_notify_cb), self);
  self->notify_redo_handler = g_signal_connect_swapped (project, "notify::can-redo",
                                                        G_CALLBACK (project_undo_notify_cb), self);
  self->notify_name_handler = g_signal_connect_swapped (project, "notify::name",
                                                        G_CALLBACK (project_name_notify_cb), self);

  self->save_state = keel_document_is_read_only (document) ? KEEL_SAVE_STATE_READ_ONLY
                     : keel_document_is_untitled (document) ? KEEL_SAVE_STATE_UNTITLED
                     : KEEL_SAVE_STATE_SAVED;
  g_clear_error (&self->save_error);

  set_views_project (self, project);
  _keel_window_recompute_now (self);
  _keel_window_update_save_state (self);
  _keel_window_update_actions (self);

  gtk_stack_set_visible_child_name (self->main_stack, "project");
  adw_view_stack_set_visible_child_name (self->view_stack, "fit");
}

void
_keel_window_detach_project (KeelWindow *self)
{
  if (self->project == NULL)
    return;

  g_clear_handle_id (&self->recompute_source, g_source_remove);
  g_clear_signal_handler (&self->changed_handler, self->project);
  g_clear_signal_handler (&self->notify_undo_handler, self->project);
  g_clear_signal_handler (&self->notify_redo_handler, self->project);
  g_clear_signal_handler (&self->notify_name_handler, self->project);

  keel_fit_view_set_gate (self->fit_view, NULL);
  set_views_project (self, NULL);
  keel_findings_panel_set_findings (self->findings_panel, NULL);
#ifdef KEEL_HAVE_BOARD_VIEW
  keel_board_view_set_findings (KEEL_BOARD_VIEW (self->board_view), NULL);
#endif
#ifdef KEEL_HAVE_DEBT_VIEW
  keel_debt_view_set_findings (KEEL_DEBT_VIEW (self->debt_view), NULL);
#endif
#ifdef KEEL_HAVE_EVIDENCE_VIEW
  keel_evidence_view_set_findings (KEEL_EVIDENCE_VIEW (self->evidence_view), NULL);
#endif
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->gate, keel_gate_free);
  g_clear_pointer (&self->gate_day, g_free);

  g_clear_object (&self->project);
  g_clear_object (&self->document);
}

/* ---- Template callbacks ---- */

/* Below this width the header keeps only what fits: the project and its state move to
 * the title, the gate pill goes (the fit view shows the gate), the date to an icon. The
 * decision follows the window's width rather than the switcher's, because the widgets
 * it hides are what would keep the window from getting narrow in the first place. */
#define NARROW_WIDTH 720

static void
apply_narrow (KeelWindow *self)
{
  gboolean narrow = self->narrow;
  gboolean title = adw_view_switcher_title_get_title_visible (self->switcher_title);

  gtk_widget_set_visible (GTK_WIDGET (self->document_button), !narrow && !title);
  gtk_widget_set_visible (GTK_WIDGET (self->as_of_label), !narrow || self->as_of != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->gate_button), !narrow && self->gate != NULL);
}

static gboolean
narrow_idle_cb (gpointer user_data)
{
  KeelWindow *self = user_data;

  self->narrow_source = 0;
  apply_narrow (self);
  return G_SOURCE_REMOVE;
}

static void
title_visible_changed_cb (KeelWindow *self)
{
  /* When the switcher does not fit the title shows the project and its state, and
   * the switcher moves to the bottom. */
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    adw_view_switcher_title_get_title_visible (self->switcher_title));
  apply_narrow (self);
}

static void
visible_view_changed_cb (KeelWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  /* Ctrl+F searches in the view shown: only where the view has something to search. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", name != NULL && self->project != NULL);
}

static void
finding_activated_cb (KeelWindow *self,
                      int         subject_type,
                      const char *subject_id)
{
  keel_window_reveal_subject (self, (KeelSubjectType) subject_type, subject_id);

  /* On a narrow window the panel covers the view: get it out of the way. */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
as_of_day_selected_cb (KeelWindow *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->as_of_calendar);
  g_autofree char *day = g_date_time_format (date, "%Y-%m-%d");
  g_autofree char *today = keel_date_today ();

  keel_window_set_as_of (self, g_strcmp0 (day, today) == 0 ? NULL : day);
}

static void
welcome_open_file_cb (KeelWindow *self,
                      GFile      *file)
{
  KeelApplication *app = KEEL_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  keel_application_open_file (app, file);
}

static void
welcome_open_recoverable_cb (KeelWindow      *self,
                             KeelRecoverable *recoverable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDocument) document = keel_document_open_recoverable (recoverable, &error);

  if (document == NULL || !keel_window_set_document (self, document, &error))
    {
      if (document != NULL)
        keel_document_close (document);
      _keel_window_show_error (self, _("Could Not Recover the Project"), error);
      keel_welcome_page_refresh (self->welcome_page);
    }
}

static void
welcome_discard_recoverable_cb (KeelWindow      *self,
                                KeelRecoverable *recoverable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDocument) document = NULL;

  /* A titled document's leftover goes by opening it with the discard flag, which also
   * checks that no other Keel uses it; an untitled one by closing its working copy. */
  if (recoverable->document != NULL)
    document = keel_document_open (recoverable->document, KEEL_DOCUMENT_OPEN_DISCARD_RECOVERY,
                                   NULL, &error);
  else
    document = keel_document_open_recoverable (recoverable, &error);

  if (document == NULL)
    {
      _keel_window_show_error (self, _("Could Not Discard the Unsaved Work"), error);
      return;
    }
  keel_document_close (document);
}

/* ---- Overrides ---- */

static void
keel_window_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  KeelWindow *self = KEEL_WINDOW (widget);
  gboolean narrow = width < NARROW_WIDTH;

  GTK_WIDGET_CLASS (keel_window_parent_class)->size_allocate (widget, width, height, baseline);

  /* Showing and hiding widgets during allocation would be ignored: do it right after. */
  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      if (self->narrow_source == 0)
        self->narrow_source = g_idle_add_full (G_PRIORITY_HIGH, narrow_idle_cb, self, NULL);
    }
}

/* A window asked to open narrow must not lay itself out wide first: the wide header
 * would keep it from shrinking. */
static void
default_width_changed_cb (KeelWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && (width < NARROW_WIDTH) != self->narrow && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->narrow = width < NARROW_WIDTH;
      apply_narrow (self);
    }
}

static gboolean
keel_window_close_request (GtkWindow *window)
{
  KeelWindow *self = KEEL_WINDOW (window);
  KeelApplication *app = KEEL_APPLICATION (gtk_window_get_application (window));
  GSettings *settings = app != NULL ? keel_application_get_settings (app) : NULL;

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set (settings, "window-size", "(ii)", width, height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
    }

  if (_keel_window_close_request (self))
    return TRUE;

  return GTK_WINDOW_CLASS (keel_window_parent_class)->close_request (window);
}

static void
keel_window_dispose (GObject *object)
{
  KeelWindow *self = KEEL_WINDOW (object);

  /* A window destroyed without the close dance (the application quits, a test
   * ends) still ends its session cleanly: write back what can be, release the lock. */
  _keel_window_release_document (self, TRUE);
  g_clear_handle_id (&self->narrow_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEEL_TYPE_WINDOW);

  G_OBJECT_CLASS (keel_window_parent_class)->dispose (object);
}

static void
keel_window_finalize (GObject *object)
{
  KeelWindow *self = KEEL_WINDOW (object);

  g_free (self->as_of);
  g_clear_error (&self->save_error);
  g_clear_object (&self->write_back_cancellable);

  G_OBJECT_CLASS (keel_window_parent_class)->finalize (object);
}

static void
keel_window_class_init (KeelWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = keel_window_dispose;
  object_class->finalize = keel_window_finalize;
  window_class->close_request = keel_window_close_request;
  widget_class->size_allocate = keel_window_size_allocate;

  g_type_ensure (KEEL_TYPE_WELCOME_PAGE);
  g_type_ensure (KEEL_TYPE_FINDINGS_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/keelplanner/Keel/window/keel-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, document_button);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, document_title);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, document_subtitle);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, document_icon);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, document_location);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, document_state);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, document_error_box);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, document_error);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, gate_button);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, gate_label);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, findings_button);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, findings_count);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, findings_icon);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, as_of_button);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, as_of_label);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, as_of_calendar);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, notice_label);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, notice_button);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, KeelWindow, findings_panel);
  gtk_widget_class_bind_template_callback (widget_class, title_visible_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, visible_view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, finding_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, as_of_day_selected_cb);

  _keel_window_class_add_actions (widget_class);
}

static void
keel_window_init (KeelWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  create_views (self);

  g_signal_connect_swapped (self->welcome_page, "open-file",
                            G_CALLBACK (welcome_open_file_cb), self);
  g_signal_connect_swapped (self->welcome_page, "open-recoverable",
                            G_CALLBACK (welcome_open_recoverable_cb), self);
  g_signal_connect_swapped (self->welcome_page, "discard-recoverable",
                            G_CALLBACK (welcome_discard_recoverable_cb), self);

  g_signal_connect (self, "notify::default-width", G_CALLBACK (default_width_changed_cb), NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
  update_as_of_label (self);
  title_visible_changed_cb (self);
  _keel_window_update_actions (self);
}

/* ---- Public API ---- */

/**
 * keel_window_new:
 * @application: the application
 *
 * Returns: (transfer none): a new window on its welcome page, sized as the last one was
 */
KeelWindow *
keel_window_new (KeelApplication *application)
{
  KeelWindow *self = g_object_new (KEEL_TYPE_WINDOW, "application", application, NULL);
  GSettings *settings = keel_application_get_settings (application);

  if (settings != NULL)
    {
      int width, height;

      g_settings_get (settings, "window-size", "(ii)", &width, &height);
      if (width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  return self;
}

KeelDocument *
keel_window_get_document (KeelWindow *self)
{
  g_return_val_if_fail (KEEL_IS_WINDOW (self), NULL);
  return self->document;
}

KeelProject *
keel_window_get_project (KeelWindow *self)
{
  g_return_val_if_fail (KEEL_IS_WINDOW (self), NULL);
  return self->project;
}

GFile *
keel_window_get_file (KeelWindow *self)
{
  g_return_val_if_fail (KEEL_IS_WINDOW (self), NULL);
  return self->document != NULL ? keel_document_get_file (self->document) : NULL;
}

KeelSaveState
keel_window_get_save_state (KeelWindow *self)
{
  g_return_val_if_fail (KEEL_IS_WINDOW (self), KEEL_SAVE_STATE_SAVED);
  return self->save_state;
}

const char *
keel_window_get_as_of (KeelWindow *self)
{
  g_return_val_if_fail (KEEL_IS_WINDOW (self), NULL);
  return self->as_of;
}

void
keel_window_set_as_of (KeelWindow *self,
                       const char *as_of)
{
  g_return_if_fail (KEEL_IS_WINDOW (self));
  g_return_if_fail (as_of == NULL || keel_date_is_valid (as_of));

  if (g_strcmp0 (self->as_of, as_of) == 0)
    return;

  g_free (self->as_of);
  self->as_of = g_strdup (as_of);
  update_as_of_label (self);
  title_visible_changed_cb (self);
  _keel_window_recompute_now (self);
}

const KeelGate *
keel_window_get_gate (KeelWindow *self)
{
  g_return_val_if_fail (KEEL_IS_WINDOW (self), NULL);
  return self->gate;
}

GPtrArray *
keel_window_get_findings (KeelWindow *self)
{
  g_return_val_if_fail (KEEL_IS_WINDOW (self), NULL);
  return self->findings;
}

void
keel_window_show_view (KeelWindow *self,
                       const char *view)
{
  g_return_if_fail (KEEL_IS_WINDOW (self));
  g_return_if_fail (view != NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, view) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, view);
}

const char *
keel_window_get_visible_view (KeelWindow *self)
{
  g_return_val_if_fail (KEEL_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
keel_window_reveal_subject (KeelWindow      *self,
                            KeelSubjectType  type,
                            const char      *id)
{
  g_return_if_fail (KEEL_IS_WINDOW (self));

  switch (type)
    {
    case KEEL_SUBJECT_SIGNAL:
      keel_window_show_view (self, "fit");
      if (id != NULL)
        keel_fit_view_reveal_signal (self->fit_view, id);
      break;

    case KEEL_SUBJECT_ITEM:
    case KEEL_SUBJECT_PROJECT:
      /* A finding about the whole project is about the plan: the board. */
      keel_window_show_view (self, "board");
#ifdef KEEL_HAVE_BOARD_VIEW
      if (id != NULL)
        keel_board_view_reveal (KEEL_BOARD_VIEW (self->board_view), id);
#endif
      break;

    case KEEL_SUBJECT_DEBT:
      keel_window_show_view (self, "debt");
#ifdef KEEL_HAVE_DEBT_VIEW
      if (id != NULL)
        keel_debt_view_reveal (KEEL_DEBT_VIEW (self->debt_view), id);
#endif
      break;

    default:
      break;
    }
}

void
keel_window_add_toast (KeelWindow *self,
                       const char *title,
                       gboolean    undo)
{
  AdwToast *toast;

  g_return_if_fail (KEEL_IS_WINDOW (self));

  toast = adw_toast_new (title);
  if (undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

gboolean
keel_window_save_screenshot (KeelWindow  *self,
                             const char  *path,
                             GError     **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  GskRenderer *renderer;
  int width, height;

  g_return_val_if_fail (KEEL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  renderer = gtk_native_get_renderer (GTK_NATIVE (self));
  if (renderer == NULL || width <= 0 || height <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The window is not shown yet"));
      return FALSE;
    }

  paintable = gtk_widget_paintable_new (GTK_WIDGET (self));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The window drew nothing"));
      return FALSE;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);

  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s"), path);
      return FALSE;
    }
  return TRUE;
}
