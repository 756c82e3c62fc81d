//! The patient's language (core `language`): which one is in use, and the choice. No vault needed: the
//! lock screen and first run ask before any key exists.

use tideline_core::error::Invalid;
use tideline_core::language::{Lang, LanguageStatus};
use tideline_core::Error;

use crate::cx::Cx;
use crate::ipc::IpcError;

/// The language in use and the system's.
pub fn language_get(cx: &Cx<'_>) -> Result<LanguageStatus, IpcError> {
    Ok(LanguageStatus::of(&cx.state.dir, cx.state.lang()))
}

/// Stores the choice; every sentence made after this is in `tag`'s language.
pub fn language_set(cx: &Cx<'_>, tag: String) -> Result<LanguageStatus, IpcError> {
    let lang = Lang::from_tag(&tag)
        .ok_or_else(|| Error::from(Invalid::new("tag", "choose one of the languages offered")))?;
    cx.state.set_lang(lang)?;
    cx.platform.language_changed(lang);
    language_get(cx)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use tideline_core::language::{self, Lang};

    use crate::reminders::{Notifier, NotifyError, OnAnswer, Scheduler};
    use crate::state::AppState;

    struct Silent;
    impl Notifier for Silent {
        fn show(&self, _: &str, _: Option<OnAnswer>) -> Result<(), NotifyError> {
            Ok(())
        }
    }

    fn start(dir: &std::path::Path) -> (AppState, Scheduler) {
        let scheduler = Scheduler::start(Arc::new(Silent), Arc::new(|_: &str, _| {})).unwrap();
        (AppState::new(dir.to_owned(), scheduler.clone()), scheduler)
    }

    /// The choice is a file holding only the tag, read at the next start; the scheduler words its
    /// notifications in the same language at once (it shares the cell), and nothing relocks.
    #[test]
    fn the_choice_is_kept_outside_the_vault_and_shared_with_the_reminders() {
        let dir = tempfile::tempdir().unwrap();
        let (state, scheduler) = start(dir.path());
        assert_eq!(
            state.lang(),
            language::system(),
            "no choice yet: the system's"
        );
        assert_eq!(language::stored(dir.path()), None);

        state.set_lang(Lang::Es).unwrap();
        assert_eq!(state.lang(), Lang::Es);
        assert_eq!(scheduler.language().get(), Lang::Es);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("language")).unwrap(),
            "es\n"
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec!["language"], "no temporary file left");
        scheduler.stop();

        let (again, scheduler) = start(dir.path());
        assert_eq!(again.lang(), Lang::Es, "read back at the next start");
        assert_eq!(scheduler.language().get(), Lang::Es);
        let status = language::LanguageStatus::of(dir.path(), again.lang());
        assert_eq!((status.tag.as_str(), status.chosen), ("es", true));
        again.set_lang(Lang::En).unwrap();
        assert_eq!(language::stored(dir.path()), Some(Lang::En));
        scheduler.stop();
    }

    /// Deleting everything forgets the choice too: the file is gone and the system's language speaks.
    #[test]
    fn forgetting_removes_the_file_and_speaks_the_system_language() {
        let dir = tempfile::tempdir().unwrap();
        let (state, scheduler) = start(dir.path());
        let other = if language::system() == Lang::Es {
            Lang::En
        } else {
            Lang::Es
        };
        state.set_lang(other).unwrap();
        state.forget_lang().unwrap();
        assert!(!dir.path().join("language").exists());
        assert_eq!(state.lang(), language::system());
        assert_eq!(scheduler.language().get(), language::system());
        state.forget_lang().unwrap();
        scheduler.stop();
    }

    /// A damaged or unknown file is no choice: the system's language is used.
    #[test]
    fn an_unknown_tag_in_the_file_falls_back_to_the_system() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("language"), "klingon").unwrap();
        assert_eq!(language::stored(dir.path()), None);
        assert_eq!(language::current(dir.path()), language::system());
    }

    /// What a reminder notification says is worded when the scheduler shows it: the plan was made
    /// in English, the patient switched to Spanish, the notification comes in Spanish with Spanish
    /// buttons.
    #[test]
    fn a_notification_reads_the_language_when_it_is_shown() {
        use std::sync::Mutex;
        use tideline_core::reminder::{PlannedReminder, ReminderTarget, ReminderWords};

        #[derive(Default)]
        struct Recording(Mutex<Vec<(String, Lang)>>);
        impl Notifier for Arc<Recording> {
            fn show(&self, text: &str, _: Option<OnAnswer>) -> Result<(), NotifyError> {
                self.show_in(text, None, Lang::En)
            }
            fn show_in(
                &self,
                text: &str,
                _: Option<OnAnswer>,
                lang: Lang,
            ) -> Result<(), NotifyError> {
                let labels = crate::reminders::action_labels(lang);
                self.0
                    .lock()
                    .unwrap()
                    .push((format!("{text} | {}", labels[0].1), lang));
                Ok(())
            }
        }

        let dir = tempfile::tempdir().unwrap();
        let seen = Arc::new(Recording::default());
        let scheduler =
            Scheduler::start(Arc::new(Arc::clone(&seen)), Arc::new(|_: &str, _| {})).unwrap();
        let state = AppState::new(dir.path().to_owned(), scheduler.clone());
        state.set_lang(Lang::En).unwrap();
        let now = chrono::Utc::now();
        let start = now + chrono::Duration::minutes(59);
        let words = ReminderWords::Session {
            detail: tideline_core::settings::NotificationDetail::Discreet,
            kind: tideline_core::session::SessionKind::Group,
            start: chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
                .unwrap()
                .and_hms_opt(18, 0, 0)
                .unwrap(),
            due_day: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            venue: None,
        };
        let planned = PlannedReminder {
            due_utc: now + chrono::Duration::milliseconds(300),
            target: ReminderTarget::Session {
                session_id: "s".into(),
            },
            lead_minutes: Some(60),
            session_start_utc: Some(start),
            moved_for_quiet_hours: false,
            text: words.render(Lang::En),
            words,
        };
        scheduler.replace(vec![planned], now - chrono::Duration::seconds(1));
        state.set_lang(Lang::Es).unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while seen.0.lock().unwrap().is_empty() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let shown = seen.0.lock().unwrap().clone();
        assert_eq!(
            shown,
            [(
                "Recordatorio: cita a las 18:00 | Ahí estaré".to_owned(),
                Lang::Es
            )]
        );
        scheduler.stop();
    }

    /// A device with nothing on it: the commands below need none of its pieces.
    struct Bare;
    impl crate::platform::Platform for Bare {
        fn choose(
            &self,
            _: crate::chooser::Dialog,
        ) -> Result<Option<std::path::PathBuf>, tideline_core::Error> {
            Ok(None)
        }
        fn open_url(&self, _: &str) -> bool {
            false
        }
        fn emit(&self, _: &str) {}
        fn wake_sync(&self) {}
        fn start_at_login(&self, _: bool) {}
        fn biometric_available(&self) -> bool {
            false
        }
        fn keystore(
            &self,
            _: &str,
            _: bool,
        ) -> Result<zeroize::Zeroizing<String>, tideline_core::Error> {
            Err(tideline_core::Error::NotFound)
        }
        fn is_phone(&self) -> bool {
            false
        }
    }

    /// Through the one dispatch, as the window calls it: after `language_set("es")` the core's
    /// sentences and a refusal's words come in Spanish at once, without relocking; an unknown tag is
    /// refused (`invalid`, field `tag`) in the language in use.
    #[test]
    fn the_window_gets_the_new_language_at_once_over_ipc() {
        use serde_json::json;
        let dir = tempfile::tempdir().unwrap();
        let (state, scheduler) = start(dir.path());
        let cx = crate::dispatch::Cx {
            state: &state,
            platform: &Bare,
        };
        let call = |command: &str, args: serde_json::Value| {
            crate::dispatch::dispatch(&cx, command, args).map_err(|r| r.to_json())
        };
        let set = call("language_set", json!({ "tag": "es" })).unwrap();
        assert_eq!(set["tag"], "es");
        assert_eq!(set["chosen"], true);
        let got = call("language_get", json!({})).unwrap();
        assert_eq!(got["tag"], "es");
        let lines = call("crisis_lines", json!({})).unwrap();
        assert!(
            lines["lines"][0]["text"]
                .as_str()
                .unwrap()
                .contains("llame al 988 y oprima 2"),
            "{lines}"
        );
        let halt = call("halt_suggestions", json!({})).unwrap();
        assert_eq!(halt[0]["title"], "Coma algo");
        let refused = call("language_set", json!({ "tag": "klingon" })).unwrap_err();
        assert_eq!(refused["code"], "invalid");
        assert_eq!(refused["field"], "tag");
        assert_eq!(refused["message"], "elija uno de los idiomas disponibles");
        let locked = call("home_summary", json!({})).unwrap_err();
        assert_eq!(locked["message"], "Tideline está bloqueado");
        call("language_set", json!({ "tag": "en" })).unwrap();
        let locked = call("home_summary", json!({})).unwrap_err();
        assert_eq!(locked["message"], "the vault is locked");
        scheduler.stop();
    }
}
