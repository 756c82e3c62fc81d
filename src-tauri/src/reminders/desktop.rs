//! Desktop notifications through notify-rust (pure-Rust D-Bus on Linux; no libdbus needed).

use notify_rust::Notification;

use tideline_core::language::Lang;

use super::{
    action_labels, response_for_action, Notifier, NotifyError, OnAnswer, APP_NAME, SUMMARY,
};

/// Shows notifications on the desktop's notification server.
#[derive(Debug, Default, Clone, Copy)]
pub struct DesktopNotifier;

impl DesktopNotifier {
    /// Whether the running server shows action buttons. Asked each time rather than once: the
    /// server can be started, replaced or restarted while Tideline runs in the tray.
    fn server_has_actions() -> bool {
        #[cfg(all(unix, not(target_os = "macos")))]
        {
            notify_rust::get_capabilities().is_ok_and(|caps| caps.iter().any(|c| c == "actions"))
        }
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        {
            false
        }
    }
}

impl Notifier for DesktopNotifier {
    fn show(&self, text: &str, answer: Option<OnAnswer>) -> Result<(), NotifyError> {
        self.show_in(text, answer, Lang::En)
    }

    fn show_in(&self, text: &str, answer: Option<OnAnswer>, lang: Lang) -> Result<(), NotifyError> {
        let mut note = Notification::new();
        note.appname(APP_NAME).summary(SUMMARY).body(text);
        let answer = answer.filter(|_| Self::server_has_actions());
        if answer.is_some() {
            for (id, label) in action_labels(lang) {
                note.action(id, &label);
            }
        }
        // The error is the D-Bus or OS message about the call, never the body we sent.
        let handle = note.show().map_err(|e| NotifyError(e.to_string()))?;
        #[cfg(all(unix, not(target_os = "macos")))]
        if let Some(answer) = answer {
            // Waiting for the click blocks until the notification is acted on or closed, so it gets
            // its own short-lived thread; the scheduler must be free for the next reminder.
            let spawned = std::thread::Builder::new()
                .name("reminder-answer".into())
                .spawn(move || {
                    handle.wait_for_action(|action| {
                        if let Some(response) = response_for_action(action) {
                            answer(response);
                        }
                    })
                });
            if spawned.is_err() {
                // The notification is on screen; only its buttons will do nothing.
                eprintln!("reminders: could not wait for a notification's answer");
            }
        }
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        let _ = (handle, answer);
        Ok(())
    }
}
