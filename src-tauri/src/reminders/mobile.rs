//! Mobile reminders (Android, iOS) through tauri-plugin-notification: the plugin's side of
//! [`OsSchedule`]. Every decision (which reminders, when to replace, cancel or keep them, what an
//! action means) lives in `device.rs`, which is tested on the desktop; this file only translates.
//! Compiled for mobile targets only (`cfg(mobile)`); `make check-android` type-checks it.
//!
//! - Android: `allow_while_idle` so Doze does not hold reminders back; exact timing needs the
//!   `SCHEDULE_EXACT_ALARM` permission (Android 12+), which the patient can refuse: the plugin then
//!   falls back to inexact alarms.
//! - iOS keeps at most 64 pending local notifications per app (hence `device::PENDING_LIMIT`).
//! - "I'll be there" / "Can't make it" are a registered action type; the chosen action comes back
//!   through `on_action` with the session id in the notification's extras.

use tauri::{AppHandle, Runtime};
use tauri_plugin_notification::{Action, ActionType, NotificationExt, Schedule};

use tauri::plugin::PermissionState;

use super::device::{self, OsNotification, OsSchedule, Permission, SESSION_ACTIONS, SESSION_EXTRA};
use super::{action_labels, NotifyError, Respond, SUMMARY};
use tideline_core::language::Lang;

/// The scheduler's notifier on mobile: shows nothing itself, because the operating system already
/// holds and shows every planned reminder (see [`PluginSchedule`]). The scheduler still keeps the
/// mark; the missed-reminders summary is not shown on mobile yet.
#[derive(Debug, Clone, Copy)]
pub struct OsScheduled;

impl super::Notifier for OsScheduled {
    fn show(
        &self,
        _text: &str,
        _answer: Option<super::OnAnswer>,
    ) -> Result<(), super::NotifyError> {
        Ok(())
    }
}

/// The device's schedule, through the notification plugin.
#[derive(Debug)]
pub struct PluginSchedule<R: Runtime>(pub AppHandle<R>);

/// The plugin's error carries the platform's message about the call, never a notification's text.
fn plugin_error(e: tauri_plugin_notification::Error) -> NotifyError {
    NotifyError(e.to_string())
}

impl<R: Runtime> OsSchedule for PluginSchedule<R> {
    fn schedule(&self, n: &OsNotification) -> Result<(), NotifyError> {
        let date = time::OffsetDateTime::from_unix_timestamp(n.at.timestamp())
            .map_err(|_| NotifyError("the reminder's time is out of range".into()))?;
        let mut builder = self
            .0
            .notification()
            .builder()
            .id(n.id)
            .title(SUMMARY)
            .body(n.text.clone())
            .schedule(Schedule::At {
                date,
                repeating: false,
                allow_while_idle: true,
            });
        if let Some(session) = &n.session_id {
            builder = builder
                .action_type_id(SESSION_ACTIONS)
                .extra(SESSION_EXTRA, session);
        }
        builder.show().map_err(plugin_error)
    }

    fn cancel_all(&self) -> Result<(), NotifyError> {
        self.0.notification().cancel_all().map_err(plugin_error)
    }

    fn pending(&self) -> Result<usize, NotifyError> {
        let pending = self.0.notification().pending().map_err(plugin_error)?;
        Ok(pending.len())
    }

    fn permission(&self) -> Result<Permission, NotifyError> {
        let state = self.0.notification().permission_state();
        state.map(permission).map_err(plugin_error)
    }

    fn request_permission(&self) -> Result<Permission, NotifyError> {
        let state = self.0.notification().request_permission();
        state.map(permission).map_err(plugin_error)
    }
}

fn permission(state: PermissionState) -> Permission {
    match state {
        PermissionState::Granted => Permission::Granted,
        PermissionState::Denied => Permission::Denied,
        PermissionState::Prompt | PermissionState::PromptWithRationale => Permission::Undecided,
    }
}

/// Registers the answer actions, their buttons worded in `lang`; called again when the patient
/// changes the language (the action type is replaced under the same id).
pub fn register_answer_words<R: Runtime>(
    app: &AppHandle<R>,
    lang: Lang,
) -> tauri_plugin_notification::Result<()> {
    let actions = action_labels(lang)
        .into_iter()
        .map(|(id, label)| Action::builder(id, label).build())
        .collect();
    app.notification()
        .register_action_types(vec![ActionType::builder(SESSION_ACTIONS)
            .actions(actions)
            .build()])
}

/// Registers the answer actions in `lang` and hands each performed action to `device::on_action`;
/// call once at start.
pub fn register_answers<R: Runtime>(
    app: &AppHandle<R>,
    respond: Respond,
    lang: Lang,
) -> tauri_plugin_notification::Result<()> {
    register_answer_words(app, lang)?;
    let notification = app.notification();
    notification.on_action(move |performed| {
        let session = performed
            .notification()
            .and_then(|n| n.extra().get(SESSION_EXTRA))
            .and_then(|v| v.as_str());
        device::on_action(&respond, performed.action_id(), session);
    })
}
