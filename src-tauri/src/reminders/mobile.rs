//! Mobile reminders (Android, iOS): the operating system holds the schedule, because a mobile app
//! is suspended soon after it leaves the screen and a thread of ours would not run. Compiled only
//! for mobile targets (`cfg(mobile)`); the desktop build neither compiles nor links it, and it is
//! not built on the project's Linux machines (no Android SDK or Xcode there).
//!
//! - At each unlock and change the whole schedule is replaced: cancel everything pending, then
//!   schedule the plan's soonest reminders with `Schedule::At`.
//! - Android: `allow_while_idle` so Doze does not hold reminders back; exact timing needs the
//!   `SCHEDULE_EXACT_ALARM` permission (Android 12+), which the patient can refuse: the plugin then
//!   falls back to inexact alarms, and the settings screen should say reminders may come late.
//! - iOS keeps at most 64 pending local notifications per app and silently drops the rest, so only
//!   the soonest [`PENDING_LIMIT`] are handed over; the next unlock tops the list up.
//! - "I'll be there" / "Can't make it" are a registered action type; the chosen action comes back
//!   through `on_action` with the session id in the notification's extras.

use chrono::{DateTime, Utc};
use tauri::{AppHandle, Runtime};
use tauri_plugin_notification::{Action, ActionType, NotificationExt, Schedule};
use tideline_core::reminder::PlannedReminder;
use tideline_core::reminder_delivery::DueReminder;

use super::{response_for_action, Respond, ACTION_ATTEND, ACTION_DECLINE, SUMMARY};

/// The scheduler's notifier on mobile: shows nothing itself, because the operating system already
/// holds and shows every planned reminder (see [`schedule_on_device`]). The scheduler still keeps
/// the mark; the missed-reminders summary is not shown on mobile yet.
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

/// iOS's cap on pending local notifications for one app.
pub const PENDING_LIMIT: usize = 64;

/// The action type that carries the two answers.
const SESSION_ACTIONS: &str = "tideline-session";

/// Registers the answer actions and their handler; call once at start.
pub fn register_answers<R: Runtime>(
    app: &AppHandle<R>,
    respond: Respond,
) -> tauri_plugin_notification::Result<()> {
    let notification = app.notification();
    notification.register_action_types(vec![ActionType::builder(SESSION_ACTIONS)
        .actions(vec![
            Action::builder(ACTION_ATTEND.0, ACTION_ATTEND.1).build(),
            Action::builder(ACTION_DECLINE.0, ACTION_DECLINE.1).build(),
        ])
        .build()])?;
    notification.on_action(move |performed| {
        let session = performed
            .notification()
            .and_then(|n| n.extra().get("sessionId"))
            .and_then(|v| v.as_str().map(str::to_owned));
        if let (Some(session), Some(response)) =
            (session, response_for_action(performed.action_id()))
        {
            respond(&session, response);
        }
    })
}

/// Replaces the device's schedule with the soonest reminders of `plan` still ahead of `now`.
pub fn schedule_on_device<R: Runtime>(
    app: &AppHandle<R>,
    plan: Vec<PlannedReminder>,
    now: DateTime<Utc>,
) -> tauri_plugin_notification::Result<()> {
    let notification = app.notification();
    notification.cancel_all()?;
    let soonest = plan
        .into_iter()
        .map(DueReminder::from)
        .filter(|r| r.due_utc > now)
        .take(PENDING_LIMIT);
    for (n, reminder) in soonest.enumerate() {
        let Ok(date) = time::OffsetDateTime::from_unix_timestamp(reminder.due_utc.timestamp())
        else {
            continue;
        };
        let mut builder = notification
            .builder()
            .id(n as i32 + 1)
            .title(SUMMARY)
            .body(reminder.text)
            .schedule(Schedule::At {
                date,
                repeating: false,
                allow_while_idle: true,
            });
        if let Some(session) = reminder.session_id {
            builder = builder
                .action_type_id(SESSION_ACTIONS)
                .extra("sessionId", session);
        }
        builder.show()?;
    }
    Ok(())
}
