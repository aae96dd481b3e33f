/* keel-window-document.c: how a window opens its document, keeps the user's file up
 * to date, handles a file changed behind its back, and closes.
 *
 * Every edit is already durable in the working copy when the project emits "changed"
 * (keel-project.h). The window's job is to bring the user's file up to date shortly
 * after edits stop and on close, to say where the document stands, and never to
 * overwrite another program's version without asking.
 *
 * Copyright 2026 The Keel developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-window"

#include "config.h"

#include <glib/gi18n.h>

#include "keel-window-private.h"

#define WRITE_BACK_DELAY_MS 1000
#define KEEL_MIME_TYPE "application/x-keel-project"

static void start_write_back (KeelWindow        *self,
                              KeelWriteBackFlags flags);
static void open_with_flags  (KeelWindow            *self,
                              GFile                 *file,
                              KeelDocumentOpenFlags  flags);

/* ---- Helpers ---- */

static const char *
project_name (KeelWindow *self)
{
  const char *name = self->project != NULL ? keel_project_get_name (self->project) : NULL;

  return name != NULL && name[0] != '\0' ? name : _("Untitled Project");
}

/* Inside Flatpak a chosen file has a document-portal path; the portal records where
 * the file really is, and that is what a person recognises. */
static char *
real_location (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;
  const char *host_path;

  info = g_file_query_info (file, "xattr::document-portal.host-path",
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  host_path = info != NULL ? g_file_info_get_attribute_string (info, "xattr::document-portal.host-path")
                           : NULL;
  if (host_path != NULL && host_path[0] != '\0')
    return g_strdup (host_path);
  return g_file_get_parse_name (file);
}

static char *
display_location (GFile *file)
{
  g_autofree char *location = real_location (file);
  const char *home = g_get_home_dir ();
  gsize home_len = strlen (home);

  if (g_str_has_prefix (location, home) && location[home_len] == '/')
    return g_strconcat ("~", location + home_len, NULL);
  return g_steal_pointer (&location);
}

static char *
file_display_name (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  if (info != NULL)
    return g_strdup (g_file_info_get_display_name (info));
  return g_file_get_basename (file);
}

static void
add_to_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = { 0, };

  data.mime_type = (char *) KEEL_MIME_TYPE;
  data.app_name = (char *) g_get_application_name ();
  data.app_exec = (char *) "keel %u";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static void
show_notice (KeelWindow *self,
             const char *text,
             const char *button_label,
             const char *button_action)
{
  gtk_label_set_label (self->notice_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->notice_button), button_label != NULL);
  if (button_label != NULL)
    {
      gtk_button_set_label (self->notice_button, button_label);
      gtk_button_set_use_underline (self->notice_button, TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->notice_button), button_action);
    }
  gtk_revealer_set_reveal_child (self->notice_revealer, TRUE);
}

static void
hide_notice (KeelWindow *self)
{
  gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
}

static void
set_state_class (GtkWidget  *widget,
                 const char *css_class)
{
  gtk_widget_remove_css_class (widget, "error");
  gtk_widget_remove_css_class (widget, "warning");
  gtk_widget_remove_css_class (widget, "dim-label");
  if (css_class != NULL)
    gtk_widget_add_css_class (widget, css_class);
}

void
_keel_window_show_error (KeelWindow   *self,
                         const char   *heading,
                         const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                              error != NULL ? error->message : NULL);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- The header's account of the document ---- */

void
_keel_window_update_save_state (KeelWindow *self)
{
  const char *name = project_name (self);
  GFile *file = self->document != NULL ? keel_document_get_file (self->document) : NULL;
  g_autofree char *location = file != NULL ? display_location (file) : NULL;
  g_autofree char *window_title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  const char *state = NULL, *long_state = NULL, *icon = NULL, *css_class = NULL;

  switch (self->save_state)
    {
    case KEEL_SAVE_STATE_SAVED:
      state = _("Saved");
      long_state = _("Every edit is saved to the file");
      break;
    case KEEL_SAVE_STATE_SAVING:
      state = _("Saving…");
      long_state = _("Saving the latest edits to the file…");
      icon = "emblem-synchronizing-symbolic";
      break;
    case KEEL_SAVE_STATE_FAILED:
      state = _("Could not save");
      long_state = _("The latest edits could not be saved to the file. They are safe in Keel "
                     "and will be saved once the problem is solved.");
      icon = "dialog-error-symbolic";
      css_class = "error";
      break;
    case KEEL_SAVE_STATE_UNTITLED:
      state = _("Not saved to a file");
      long_state = _("This project lives only in Keel until you save it to a file");
      icon = "document-save-as-symbolic";
      break;
    case KEEL_SAVE_STATE_READ_ONLY:
      state = _("Read-only");
      long_state = _("The file cannot be written: edits are turned off");
      icon = "changes-prevent-symbolic";
      css_class = "warning";
      break;
    default:
      g_assert_not_reached ();
    }

  /* The header has room for the state and the file's name; the full location is in
   * the tooltip and the document popover. */
  if (file != NULL)
    {
      g_autofree char *display_name = file_display_name (file);
      subtitle = g_strdup_printf ("%s · %s", state, display_name);
    }
  else
    subtitle = g_strdup (state);
  gtk_label_set_label (self->document_title, name);
  gtk_label_set_label (self->document_subtitle, subtitle);
  gtk_image_set_from_icon_name (self->document_icon, icon);
  gtk_widget_set_visible (GTK_WIDGET (self->document_icon), icon != NULL);
  set_state_class (GTK_WIDGET (self->document_icon), css_class);
  set_state_class (GTK_WIDGET (self->document_subtitle), css_class != NULL ? css_class : "dim-label");

  adw_view_switcher_title_set_title (self->switcher_title, name);
  adw_view_switcher_title_set_subtitle (self->switcher_title, state);

  gtk_label_set_label (self->document_state, long_state);
  if (file != NULL)
    {
      g_autofree char *full = real_location (file);
      gtk_label_set_label (self->document_location, full);
    }
  else
    gtk_label_set_label (self->document_location, _("Use Save As to give it a file of its own."));
  gtk_widget_set_visible (self->document_error_box, self->save_state == KEEL_SAVE_STATE_FAILED);
  gtk_label_set_label (self->document_error, self->save_error != NULL ? self->save_error->message : "");

  /* Translators: the document button for screen readers: name, state, location */
  accessible = g_strdup_printf (_("%s, %s"), name,
                                location != NULL ? location : subtitle);
  if (location != NULL)
    {
      g_autofree char *with_state = g_strdup_printf ("%s · %s", accessible, state);
      g_free (accessible);
      accessible = g_steal_pointer (&with_state);
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->document_button), accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->document_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  /* Translators: the window's title: project name — Keel */
  window_title = self->project != NULL ? g_strdup_printf (_("%s — Keel"), name) : g_strdup (_("Keel"));
  gtk_window_set_title (GTK_WINDOW (self), window_title);

  if (self->save_state == KEEL_SAVE_STATE_READ_ONLY)
    {
      g_autofree char *text =
        g_strdup_printf (_("“%s” is opened read-only: Keel shows it but cannot save edits to it"), name);
      show_notice (self, text, _("Save a _Copy…"), "win.save-copy");
    }
  else if (self->save_state == KEEL_SAVE_STATE_FAILED && self->save_error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not save “%s”: %s"), name, self->save_error->message);
      show_notice (self, text, _("_Retry"), "win.retry-save");
    }
  else
    hide_notice (self);

  _keel_window_update_actions (self);
}

static void
set_save_state (KeelWindow    *self,
                KeelSaveState  state,
                const GError  *error)
{
  self->save_state = state;
  g_clear_error (&self->save_error);
  if (error != NULL)
    self->save_error = g_error_copy (error);
  _keel_window_update_save_state (self);
}

/* ---- Closing ---- */

/* Ends the session with the document. With @write_back (only used when the window goes
 * away without the close dialogs, as when the application quits), a titled document is
 * brought up to date first; if that fails, or the project is untitled, the working copy
 * stays behind so that the next start offers it as unsaved work. */
void
_keel_window_release_document (KeelWindow *self,
                               gboolean    write_back)
{
  g_autoptr(KeelDocument) document = NULL;
  gboolean keep_working_copy = FALSE;

  if (self->document == NULL)
    return;

  g_clear_handle_id (&self->write_back_source, g_source_remove);
  g_cancellable_cancel (self->write_back_cancellable);

  document = g_object_ref (self->document);
  _keel_window_detach_project (self);

  if (write_back && !keel_document_is_read_only (document))
    {
      if (keel_document_is_untitled (document))
        keep_working_copy = keel_document_is_dirty (document);
      else if (keel_document_is_dirty (document))
        {
          g_autoptr(GError) error = NULL;
          if (!keel_document_write_back (document, KEEL_WRITE_BACK_DEFAULT, NULL, &error))
            {
              g_message ("Leaving the edits to %s in the working copy: %s",
                         g_file_peek_path (keel_document_get_file (document)), error->message);
              keep_working_copy = TRUE;
            }
        }
    }

  if (!keep_working_copy)
    keel_document_close (document);
}

static void
finish_close (KeelWindow *self)
{
  self->closing = TRUE;
  _keel_window_release_document (self, FALSE);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Closing without the edits in the file: they stay in the working copy, which the
 * welcome page offers as unsaved work. */
static void
close_keeping_working_copy (KeelWindow *self)
{
  self->closing = TRUE;
  g_clear_handle_id (&self->write_back_source, g_source_remove);
  g_cancellable_cancel (self->write_back_cancellable);
  _keel_window_detach_project (self);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* A dialog's response runs while the dialog still points at its window: close the
 * window once the dialog has gone. */
static gboolean
finish_close_idle_cb (gpointer user_data)
{
  KeelWindow *self = user_data;

  if (!self->closing)
    finish_close (self);
  return G_SOURCE_REMOVE;
}

static gboolean
keep_working_copy_idle_cb (gpointer user_data)
{
  KeelWindow *self = user_data;

  if (!self->closing)
    close_keeping_working_copy (self);
  return G_SOURCE_REMOVE;
}

static void
close_when_idle (KeelWindow  *self,
                 GSourceFunc  func)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, func, g_object_ref (self), g_object_unref);
}

static void
save_failed_on_close_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         KeelWindow       *self)
{
  if (g_strcmp0 (response, "close") == 0)
    close_when_idle (self, keep_working_copy_idle_cb);
  else if (g_strcmp0 (response, "save-as") == 0)
    {
      self->close_after_write = TRUE;
      _keel_window_save_as (self, FALSE);
    }
}

static void
ask_close_after_failure (KeelWindow   *self,
                         const GError *error)
{
  g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), project_name (self));
  g_autofree char *body =
    g_strdup_printf (_("%s\n\nIf you close now, Keel keeps your edits and offers them the next "
                       "time it starts."), error->message);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  self->close_after_write = FALSE;
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Open"),
                                    "close", _("_Close Anyway"),
                                    "save-as", _("Save _As…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save-as",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save-as");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_failed_on_close_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
untitled_close_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            KeelWindow       *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    close_when_idle (self, finish_close_idle_cb);
  else if (g_strcmp0 (response, "save") == 0)
    {
      self->close_after_write = TRUE;
      _keel_window_save_as (self, FALSE);
    }
}

/* Returns TRUE to keep the window open for now (it closes itself later). */
gboolean
_keel_window_close_request (KeelWindow *self)
{
  if (self->closing || self->document == NULL)
    return FALSE;

  if (keel_document_is_read_only (self->document))
    {
      finish_close (self);
      return TRUE;
    }

  if (keel_document_is_untitled (self->document))
    {
      g_autofree char *heading = NULL;
      GtkWidget *dialog;

      /* A new project nobody touched goes without a question. */
      if (!keel_document_is_dirty (self->document) && !keel_project_can_undo (self->project))
        {
          finish_close (self);
          return TRUE;
        }

      heading = g_strdup_printf (_("Save “%s”?"), project_name (self));
      dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                       _("This project has never been saved to a file. If you "
                                         "do not save it, it will be lost."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "discard", _("_Discard"),
                                        "save", _("_Save As…"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (untitled_close_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  if (self->writing || self->write_back_source != 0 || keel_document_is_dirty (self->document) ||
      self->save_state == KEEL_SAVE_STATE_FAILED)
    {
      /* Write back first, then close (from the write-back's callback). */
      self->close_after_write = TRUE;
      g_clear_handle_id (&self->write_back_source, g_source_remove);
      if (self->writing)
        self->write_again = TRUE;
      else
        start_write_back (self, KEEL_WRITE_BACK_DEFAULT);
      return TRUE;
    }

  finish_close (self);
  return TRUE;
}

/* ---- Conflicts: the file changed behind Keel's back ---- */

static void
load_theirs (KeelWindow *self)
{
  g_autoptr(GFile) file = g_object_ref (keel_document_get_file (self->document));
  g_autoptr(KeelDocument) document = g_object_ref (self->document);

  /* Throw away this session's edits (the user chose theirs), then open the file anew. */
  g_clear_handle_id (&self->write_back_source, g_source_remove);
  g_cancellable_cancel (self->write_back_cancellable);
  _keel_window_detach_project (self);
  keel_document_close (document);
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
  open_with_flags (self, file, KEEL_DOCUMENT_OPEN_DEFAULT);
}

static void
conflict_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      KeelWindow       *self)
{
  self->conflict_shown = FALSE;

  if (self->document == NULL)
    return;

  if (g_strcmp0 (response, "theirs") == 0)
    load_theirs (self);
  else if (g_strcmp0 (response, "mine") == 0)
    start_write_back (self, KEEL_WRITE_BACK_FORCE);
  else if (g_strcmp0 (response, "copy") == 0)
    _keel_window_save_as (self, FALSE);
  else
    self->close_after_write = FALSE;
}

static void
show_conflict (KeelWindow *self)
{
  g_autofree char *name = file_display_name (keel_document_get_file (self->document));
  g_autofree char *heading = g_strdup_printf (_("“%s” Changed on Disk"), name);
  GtkWidget *dialog;

  if (self->conflict_shown)
    return;
  self->conflict_shown = TRUE;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Another program changed the file since Keel opened it, "
                                     "so Keel did not write your edits to it. Which version "
                                     "do you want to keep?"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Decide Later"),
                                    "theirs", _("_Load Theirs"),
                                    "copy", _("_Save Mine As Copy…"),
                                    "mine", _("_Keep Mine"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mine",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "copy",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "copy");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (conflict_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Write-back ---- */

static void
write_back_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KeelWindow) self = user_data;
  KeelDocument *document = KEEL_DOCUMENT (source);
  g_autoptr(GError) error = NULL;
  gboolean ok = keel_document_write_back_finish (document, result, &error);

  self->writing = FALSE;

  /* The window moved on (closed, loaded theirs) while the file was being written. */
  if (self->document != document)
    return;

  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      set_save_state (self, KEEL_SAVE_STATE_FAILED, error);
      if (g_error_matches (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_CHANGED_ON_DISK))
        show_conflict (self);
      else if (self->close_after_write)
        ask_close_after_failure (self, error);
      return;
    }

  if (self->write_again || keel_document_is_dirty (document))
    {
      /* Edits arrived while the file was written: they need a round of their own. */
      self->write_again = FALSE;
      start_write_back (self, KEEL_WRITE_BACK_DEFAULT);
      return;
    }

  if (keel_document_get_migrated_from (document) > 0 && !self->migration_noted)
    {
      self->migration_noted = TRUE;
      keel_window_add_toast (self, _("The file is now saved in the current Keel format"), FALSE);
    }

  set_save_state (self, KEEL_SAVE_STATE_SAVED, NULL);

  if (self->close_after_write)
    finish_close (self);
}

static void
start_write_back (KeelWindow         *self,
                  KeelWriteBackFlags  flags)
{
  if (self->document == NULL || keel_document_is_untitled (self->document) ||
      keel_document_is_read_only (self->document))
    return;

  g_clear_handle_id (&self->write_back_source, g_source_remove);
  if (self->writing)
    {
      self->write_again = TRUE;
      return;
    }

  self->writing = TRUE;
  self->write_again = FALSE;
  if (self->save_state != KEEL_SAVE_STATE_SAVING)
    set_save_state (self, KEEL_SAVE_STATE_SAVING, NULL);

  g_clear_object (&self->write_back_cancellable);
  self->write_back_cancellable = g_cancellable_new ();
  keel_document_write_back_async (self->document, flags, self->write_back_cancellable,
                                  write_back_cb, g_object_ref (self));
}

static gboolean
write_back_timeout_cb (gpointer user_data)
{
  KeelWindow *self = user_data;

  self->write_back_source = 0;
  start_write_back (self, KEEL_WRITE_BACK_DEFAULT);
  return G_SOURCE_REMOVE;
}

void
_keel_window_schedule_write_back (KeelWindow *self,
                                  guint       delay_ms)
{
  g_clear_handle_id (&self->write_back_source, g_source_remove);
  self->write_back_source = g_timeout_add (delay_ms, write_back_timeout_cb, self);
}

void
_keel_window_project_changed (KeelWindow *self)
{
  if (self->document == NULL || keel_document_is_untitled (self->document) ||
      keel_document_is_read_only (self->document))
    return;

  /* A conflict waits for the user's answer: more edits do not ask again. */
  if (self->conflict_shown)
    return;

  if (self->save_state != KEEL_SAVE_STATE_SAVING)
    set_save_state (self, KEEL_SAVE_STATE_SAVING, NULL);
  _keel_window_schedule_write_back (self, WRITE_BACK_DELAY_MS);
}

void
_keel_window_retry_save (KeelWindow *self)
{
  if (self->document == NULL)
    return;
  start_write_back (self, KEEL_WRITE_BACK_DEFAULT);
}

/* ---- Save As and Save a Copy ---- */

static void
save_chooser_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          KeelWindow      *self)
{
  gboolean copy = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "keel-copy"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file == NULL || self->document == NULL)
    {
      self->close_after_write = FALSE;
      return;
    }

  if (copy)
    {
      g_autofree char *name = NULL;
      g_autofree char *message = NULL;

      if (!keel_document_save_copy (self->document, file, NULL, &error))
        {
          _keel_window_show_error (self, _("Could Not Save a Copy"), error);
          return;
        }
      name = file_display_name (file);
      message = g_strdup_printf (_("Copy saved as “%s”"), name);
      keel_window_add_toast (self, message, FALSE);
      add_to_recent (file);
      return;
    }

  /* Save As replaces any pending write-back: the whole project goes to the new file. */
  g_clear_handle_id (&self->write_back_source, g_source_remove);
  if (!keel_document_save_as (self->document, file, NULL, &error))
    {
      _keel_window_show_error (self, _("Could Not Save the Project"), error);
      self->close_after_write = FALSE;
      return;
    }

  self->conflict_shown = FALSE;
  add_to_recent (file);
  set_save_state (self, KEEL_SAVE_STATE_SAVED, NULL);

  if (self->close_after_write)
    {
      self->close_after_write = FALSE;
      finish_close (self);
    }
}

void
_keel_window_save_as (KeelWindow *self,
                      gboolean    copy)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *suggested = NULL;
  GFile *current;

  if (self->document == NULL)
    return;

  chooser = gtk_file_chooser_native_new (copy ? _("Save a Copy") : _("Save Project As"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Keel Projects"));
  gtk_file_filter_add_mime_type (filter, KEEL_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, "keel");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  current = keel_document_get_file (self->document);
  if (current != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (current);
      g_autofree char *basename = g_file_get_basename (current);

      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), parent, NULL);
      if (copy && g_str_has_suffix (basename, ".keel"))
        {
          basename[strlen (basename) - strlen (".keel")] = '\0';
          /* Translators: the suggested name of a copy; %s is the original's name */
          suggested = g_strdup_printf (_("%s (copy).keel"), basename);
        }
      else
        suggested = g_steal_pointer (&basename);
    }
  else
    suggested = g_strdup_printf ("%s.keel", project_name (self));
  g_strdelimit (suggested, "/", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);

  g_object_set_data (G_OBJECT (chooser), "keel-copy", GINT_TO_POINTER (copy));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- Opening ---- */

static void
recovery_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      KeelWindow       *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "keel-file");

  if (g_strcmp0 (response, "recover") == 0)
    open_with_flags (self, file, KEEL_DOCUMENT_OPEN_RECOVER);
  else if (g_strcmp0 (response, "discard") == 0)
    open_with_flags (self, file, KEEL_DOCUMENT_OPEN_DISCARD_RECOVERY);
  else if (self->project == NULL)
    keel_welcome_page_refresh (self->welcome_page);
}

static void
offer_recovery (KeelWindow *self,
                GFile      *file)
{
  g_autofree char *name = file_display_name (file);
  g_autofree char *heading = g_strdup_printf (_("Recover Unsaved Edits to “%s”?"), name);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Keel stopped before its last edits to this project were "
                                     "saved to the file. You can continue with those edits, or "
                                     "discard them and open the file as it is."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "recover", _("_Recover Unsaved Edits"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "recover",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "recover");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "keel-file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (recovery_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_with_flags (KeelWindow            *self,
                 GFile                 *file,
                 KeelDocumentOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KeelDocument) document = NULL;

  document = keel_document_open (file, flags, NULL, &error);

  if (document == NULL && g_error_matches (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_RECOVERABLE))
    {
      offer_recovery (self, file);
      return;
    }

  /* A file the user may not write still opens, to be read. */
  if (document == NULL && g_error_matches (error, KEEL_DOCUMENT_ERROR, KEEL_DOCUMENT_ERROR_READ_ONLY) &&
      !(flags & KEEL_DOCUMENT_OPEN_READ_ONLY))
    {
      open_with_flags (self, file, flags | KEEL_DOCUMENT_OPEN_READ_ONLY);
      return;
    }

  if (document == NULL || !keel_window_set_document (self, document, &error))
    {
      g_autofree char *name = file_display_name (file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      _keel_window_show_error (self, heading, error);
      if (self->project == NULL)
        keel_welcome_page_refresh (self->welcome_page);
      return;
    }

  add_to_recent (file);
  if (keel_document_was_recovered (document))
    keel_window_add_toast (self, _("Unsaved edits recovered"), FALSE);
  if (keel_document_get_migrated_from (document) > 0 && !keel_document_is_read_only (document))
    {
      keel_window_add_toast (self, _("This file comes from an older Keel: it will be saved in the current format"), FALSE);
      self->migration_noted = TRUE;
      /* Bring the file to the current format now rather than at the first edit. */
      _keel_window_schedule_write_back (self, WRITE_BACK_DELAY_MS);
    }
  else if (keel_document_is_dirty (document) && !keel_document_is_read_only (document))
    /* Recovered edits belong in the file. */
    _keel_window_project_changed (self);
}

/* ---- Public API ---- */

void
keel_window_open_file (KeelWindow *self,
                       GFile      *file)
{
  g_return_if_fail (KEEL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->project == NULL);

  open_with_flags (self, file, KEEL_DOCUMENT_OPEN_DEFAULT);
}

void
keel_window_close_discarding (KeelWindow *self)
{
  g_return_if_fail (KEEL_IS_WINDOW (self));

  finish_close (self);
}

gboolean
keel_window_set_document (KeelWindow    *self,
                          KeelDocument  *document,
                          GError       **error)
{
  g_autoptr(KeelProject) project = NULL;

  g_return_val_if_fail (KEEL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (KEEL_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (self->project == NULL, FALSE);

  project = keel_project_load (document, error);
  if (project == NULL)
    return FALSE;

  self->closing = FALSE;
  self->close_after_write = FALSE;
  self->conflict_shown = FALSE;
  self->migration_noted = FALSE;
  _keel_window_attach_project (self, document, project);
  return TRUE;
}
