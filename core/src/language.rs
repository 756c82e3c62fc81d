//! The patient's language: a file `language` in the data directory holding only the tag (`en`, `es`).
//!
//! It lives outside the vault because the lock screen, first run and the reminders shown while the
//! vault is locked need it before any key exists. It is not patient data: it says which catalog to
//! read, nothing about the person's recovery. Until the patient chooses, the system's language is used.
//!
//! The current language is held in a [`LangCell`] shared by everything that makes sentences at the
//! moment it makes them (the IPC answers, the reminder scheduler), so a change applies at once, with no
//! relock or restart. Core functions that make sentences take a [`Lang`] parameter; none reads a global.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;

pub use tideline_i18n::{t, tr, Arg, Lang};

use crate::error::Result;

/// `language_get`'s answer: the language in use and the system's (the first-run screen preselects it).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct LanguageStatus {
    /// The tag in use: "en", "es" (or "en-XA", the pseudo-locale of the tests).
    pub tag: String,
    /// The system's language, as one of the tags Tideline speaks.
    pub system: String,
    /// Whether the patient has chosen (false: `tag` is the system's).
    pub chosen: bool,
}

impl LanguageStatus {
    /// The status for `dir` with `current` in use.
    pub fn of(dir: &Path, current: Lang) -> Self {
        Self {
            tag: current.tag().to_owned(),
            system: system().tag().to_owned(),
            chosen: stored(dir).is_some(),
        }
    }
}

/// "A, B and C" in `lang` (one item alone; none: empty).
pub fn list_and(lang: Lang, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => tr(
            lang,
            "list-and",
            &[
                ("init", Arg::from(init.join(", "))),
                ("last", Arg::from(last)),
            ],
        ),
    }
}

/// A number with at most one decimal ("7.5"; Spanish "7,5"), whole numbers without one, as the UI's
/// `Intl.NumberFormat(tag, { maximumFractionDigits: 1 })` writes them (no grouping: these are hours,
/// counts and 0-10 ratings).
pub fn decimal(lang: Lang, value: f64) -> String {
    // Adding 0.0 turns a negative zero into 0, so nothing prints "-0".
    let tenths = (value * 10.0).round() / 10.0 + 0.0;
    let text = if tenths.fract() == 0.0 {
        format!("{tenths:.0}")
    } else {
        format!("{tenths:.1}")
    };
    match lang {
        Lang::Es => text.replace('.', ","),
        Lang::En | Lang::Pseudo => text,
    }
}

/// A date with its weekday, as a sentence says it: "Monday, March 2"; "lunes 2 de marzo".
pub fn long_date(lang: Lang, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let weekday = t(
        lang,
        &format!("date-weekday-{}", date.weekday().number_from_monday()),
    );
    let month = t(lang, &format!("date-month-{}", date.month()));
    tr(
        lang,
        "date-long",
        &[
            ("weekday", Arg::from(weekday)),
            ("month", Arg::from(month)),
            ("day", Arg::from(date.day())),
        ],
    )
}

/// A time of day: "6:00 PM" in English, "18:00" in Spanish (as `Intl.DateTimeFormat` writes them).
pub fn clock(lang: Lang, time: chrono::NaiveTime) -> String {
    match lang {
        Lang::Es => time.format("%-H:%M").to_string(),
        Lang::En | Lang::Pseudo => time.format("%-I:%M %p").to_string(),
    }
}

/// The file's name in the data directory.
pub const FILE: &str = "language";

/// The path of the language file in `dir`.
pub fn path(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

/// The language of the system (POSIX: `LC_ALL`, then `LC_MESSAGES`, then `LANG`; the platform's own
/// setting on Android, macOS and Windows), English when it cannot tell or speaks neither.
pub fn system() -> Lang {
    sys_locale::get_locale()
        .map(|l| Lang::negotiate(&l))
        .unwrap_or_default()
}

/// The language the patient chose, if the file exists and holds a known tag.
pub fn stored(dir: &Path) -> Option<Lang> {
    let text = std::fs::read_to_string(path(dir)).ok()?;
    Lang::from_tag(text.trim())
}

/// The language to speak: the stored choice, else the system's.
pub fn current(dir: &Path) -> Lang {
    stored(dir).unwrap_or_else(system)
}

/// Stores the choice (atomically: the file holds the old tag or the new one, never part of one).
/// Its own small write rather than the vault's helper: the vault's modules make sentences, so they
/// sit above this one (tests/layers).
pub fn store(dir: &Path, lang: Lang) -> Result<()> {
    use std::io::Write;
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{FILE}.partial"));
    let written = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(format!("{}\n", lang.tag()).as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path(dir))?;
        if cfg!(unix) {
            std::fs::File::open(dir)?.sync_all()?;
        }
        Ok(())
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    Ok(written?)
}

/// Forgets the choice (deleting everything on the device): the file goes, and the system's language
/// is the one in use again. No file is no error.
pub fn forget(dir: &Path) -> Result<()> {
    match std::fs::remove_file(path(dir)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

/// The current language, shared between threads; cloning shares the same value.
#[derive(Debug, Clone, Default)]
pub struct LangCell(Arc<AtomicU8>);

impl LangCell {
    /// A cell holding `lang`.
    pub fn new(lang: Lang) -> Self {
        let cell = Self::default();
        cell.set(lang);
        cell
    }

    /// The language now.
    pub fn get(&self) -> Lang {
        let i = usize::from(self.0.load(Ordering::Relaxed));
        Lang::ALL.get(i).copied().unwrap_or_default()
    }

    /// Changes the language for everyone holding the cell.
    pub fn set(&self, lang: Lang) {
        let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        self.0
            .store(u8::try_from(i).unwrap_or(0), Ordering::Relaxed);
    }
}
