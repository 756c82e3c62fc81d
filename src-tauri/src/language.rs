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

    /// A damaged or unknown file is no choice: the system's language is used.
    #[test]
    fn an_unknown_tag_in_the_file_falls_back_to_the_system() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("language"), "klingon").unwrap();
        assert_eq!(language::stored(dir.path()), None);
        assert_eq!(language::current(dir.path()), language::system());
    }
}
