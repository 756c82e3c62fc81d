//! Reminders in the shell: what the core planned, shown on time. The rules (what is due, what
//! counts as missed, what the text says) live in `tideline_core::reminder_delivery`; this module
//! only sleeps, wakes and shows.
//!
//! - Desktop: [`Scheduler`] is a thread that keeps the plan in memory while the vault is locked and
//!   shows each reminder through a [`Notifier`] ([`DesktopNotifier`]: notify-rust over D-Bus on Linux,
//!   the native centre on macOS and Windows).
//! - Mobile: the operating system holds the schedule, because an app there is suspended soon after
//!   it leaves the screen. The decisions are in `device.rs` (compiled and tested everywhere, behind
//!   the [`device::OsSchedule`] trait); `mobile.rs` (Android and iOS only) implements that trait
//!   with tauri-plugin-notification.

#[cfg(desktop)]
mod desktop;
pub mod device;
#[cfg(mobile)]
mod mobile;
mod scheduler;

use std::fmt;

use tideline_core::language::{t, Lang};
use tideline_core::session::ParticipantResponse;

#[cfg(desktop)]
pub use desktop::DesktopNotifier;
#[cfg(mobile)]
pub use mobile::{register_answer_words, register_answers, OsScheduled, PluginSchedule};
pub use scheduler::{Delivered, Observer, Respond, Scheduler, MAX_NAP};

/// The application name every notification carries: the app's own neutral name, nothing more.
pub const APP_NAME: &str = "Tideline";
/// The notification title. The body carries the (discreet by default) reminder text.
pub const SUMMARY: &str = "Tideline";
/// Action id and English label for "I'll be there" ([`action_labels`] words them in a language).
pub const ACTION_ATTEND: (&str, &str) = ("attend", "I'll be there");
/// Action id and label for "Can't make it".
pub const ACTION_DECLINE: (&str, &str) = ("decline", "Can't make it");

/// The two actions of a session reminder, worded in `lang`: `[(id, label); 2]`.
pub fn action_labels(lang: Lang) -> [(&'static str, String); 2] {
    [
        (ACTION_ATTEND.0, t(lang, "notification-action-attend")),
        (ACTION_DECLINE.0, t(lang, "notification-action-decline")),
    ]
}

/// The response an action id stands for.
pub fn response_for_action(action: &str) -> Option<ParticipantResponse> {
    match action {
        a if a == ACTION_ATTEND.0 => Some(ParticipantResponse::Accepted),
        a if a == ACTION_DECLINE.0 => Some(ParticipantResponse::Declined),
        // A click on the body, or the notification closing, answers nothing.
        _ => None,
    }
}

/// Called at most once, with the patient's answer from a notification's action.
pub type OnAnswer = Box<dyn FnOnce(ParticipantResponse) + Send>;

/// Shows one notification. `answer` is given for session reminders: the notifier offers "I'll be
/// there" / "Can't make it" where the platform supports actions and calls it with the choice.
pub trait Notifier: Send + Sync + 'static {
    /// Shows `text` now.
    fn show(&self, text: &str, answer: Option<OnAnswer>) -> Result<(), NotifyError>;

    /// Shows `text` now with its action buttons worded in `lang` (the text already is). Notifiers
    /// without buttons of their own need not implement it.
    fn show_in(&self, text: &str, answer: Option<OnAnswer>, lang: Lang) -> Result<(), NotifyError> {
        let _ = lang;
        self.show(text, answer)
    }
}

/// A notification could not be shown. Carries the notification system's own message, which never
/// contains the reminder text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotifyError(pub String);

impl fmt::Display for NotifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the notification could not be shown: {}", self.0)
    }
}

impl std::error::Error for NotifyError {}
