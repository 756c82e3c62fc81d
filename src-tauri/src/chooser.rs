//! The native file chooser behind `pick_path`: the patient picks where a backup, an export or a
//! report goes (or which backup to restore), so the window never types or guesses a path and never
//! gets a file-system plugin of its own.
//!
//! The window never holds a path either: `pick_path` answers with an opaque one-time token for the
//! file the patient chose ([`Chosen`]), and the commands that write or read a file take only such a
//! token, for the same purpose, within [`TOKEN_LIFETIME`], once. A compromised window can therefore
//! neither write a plaintext export anywhere it likes nor point a restore at the vault.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use serde::Deserialize;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;
use tideline_core::Error;

/// What the chosen path is for; decides save or open, the suggested name and the filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PathPurpose {
    /// Where to write an encrypted backup.
    BackupExport,
    /// Which backup to restore.
    BackupRestore,
    /// Where to write the readable (not encrypted) export.
    ExportJson,
    /// Where to write the PDF report for the therapist.
    ReportPdf,
}

/// Whether the dialog saves a new file or opens an existing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// "Save as": the patient may type a new name; the suggested one is filled in.
    Save,
    /// "Open": an existing file.
    Open,
}

/// The dialog to show for one purpose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dialog {
    /// Save or open.
    pub mode: Mode,
    /// The dialog's title.
    pub title: &'static str,
    /// The suggested file name (save dialogs only).
    pub file_name: Option<String>,
    /// The filter's label and its extensions.
    pub filter: (&'static str, &'static [&'static str]),
}

/// The extension of backups written by Tideline. The file's own header, not its name, decides
/// whether it can be restored; the name only helps the patient find it again.
pub const BACKUP_EXTENSION: &str = "tideline";

impl PathPurpose {
    /// The dialog for this purpose on `today` (the patient's local date, part of suggested names).
    pub fn dialog(self, today: NaiveDate) -> Dialog {
        let named =
            |stem: &str, ext: &str| Some(format!("{stem}-{}.{ext}", today.format("%Y-%m-%d")));
        match self {
            Self::BackupExport => Dialog {
                mode: Mode::Save,
                title: "Save an encrypted backup",
                file_name: named("tideline-backup", BACKUP_EXTENSION),
                filter: ("Tideline backup", &[BACKUP_EXTENSION]),
            },
            Self::BackupRestore => Dialog {
                mode: Mode::Open,
                title: "Choose a backup to restore",
                file_name: None,
                filter: ("Tideline backup", &[BACKUP_EXTENSION]),
            },
            Self::ExportJson => Dialog {
                mode: Mode::Save,
                title: "Save a readable export (not encrypted)",
                file_name: named("tideline-export", "json"),
                filter: ("JSON", &["json"]),
            },
            Self::ReportPdf => Dialog {
                mode: Mode::Save,
                title: "Save the report as PDF",
                file_name: named("tideline-report", "pdf"),
                filter: ("PDF", &["pdf"]),
            },
        }
    }
}

/// Shows the dialog and waits for the patient. Blocks: call it off the main thread (the dialog
/// itself runs on the main thread, which must stay free to draw it). `None` when cancelled.
pub fn choose<R: Runtime>(app: &AppHandle<R>, dialog: Dialog) -> Result<Option<PathBuf>, Error> {
    let mut builder = app
        .dialog()
        .file()
        .set_title(dialog.title)
        .add_filter(dialog.filter.0, dialog.filter.1);
    if let Some(name) = dialog.file_name {
        builder = builder.set_file_name(name).set_can_create_directories(true);
    }
    let picked = match dialog.mode {
        Mode::Save => builder.blocking_save_file(),
        Mode::Open => builder.blocking_pick_file(),
    };
    picked
        .map(|file| {
            file.into_path()
                .map_err(|_| Error::Storage("the chosen place is not a file on this device".into()))
        })
        .transpose()
}

/// How long a chosen file's token stays good (the patient answers a passphrase dialog in between).
pub const TOKEN_LIFETIME: Duration = Duration::from_secs(10 * 60);

/// One file the patient chose, waiting for the command it was chosen for.
#[derive(Debug)]
struct Entry {
    token: String,
    path: PathBuf,
    purpose: PathPurpose,
    chosen_at: Instant,
}

/// The files the patient chose and no command has used yet (this process only, memory only).
#[derive(Debug, Default)]
pub struct Chosen {
    entries: Mutex<Vec<Entry>>,
}

/// The tokens of the running app.
pub static CHOSEN: Chosen = Chosen {
    entries: Mutex::new(Vec::new()),
};

impl Chosen {
    /// Keeps `path` for `purpose` and returns its token: 32 random hex digits that say nothing
    /// about the path.
    pub fn issue(
        &self,
        path: PathBuf,
        purpose: PathPurpose,
        now: Instant,
        rng: &dyn ring::rand::SecureRandom,
    ) -> Result<String, Error> {
        let mut bytes = [0u8; 16];
        rng.fill(&mut bytes)
            .map_err(|_| Error::Storage("the system random source failed".into()))?;
        let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.retain(|e| now.saturating_duration_since(e.chosen_at) < TOKEN_LIFETIME);
        entries.push(Entry {
            token: token.clone(),
            path,
            purpose,
            chosen_at: now,
        });
        Ok(token)
    }

    /// The path behind `token`, used up by this call. Refused with the same sentence for anything
    /// else: a raw path, an unknown, used, expired token, or one chosen for another purpose (which
    /// is used up too, so a window cannot probe with it).
    pub fn take(&self, token: &str, purpose: PathPurpose, now: Instant) -> Result<PathBuf, Error> {
        let refused = || {
            Error::from(tideline_core::Invalid::new(
                "file",
                "choose the file again with the app's own dialog",
            ))
        };
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let at = entries
            .iter()
            .position(|e| e.token == token)
            .ok_or_else(refused)?;
        let entry = entries.swap_remove(at);
        if entry.purpose != purpose
            || now.saturating_duration_since(entry.chosen_at) >= TOKEN_LIFETIME
        {
            return Err(refused());
        }
        Ok(entry.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn purposes_arrive_in_the_spelling_the_ui_sends() {
        for (json, purpose) in [
            ("\"backupExport\"", PathPurpose::BackupExport),
            ("\"backupRestore\"", PathPurpose::BackupRestore),
            ("\"exportJson\"", PathPurpose::ExportJson),
            ("\"reportPdf\"", PathPurpose::ReportPdf),
        ] {
            assert_eq!(
                serde_json::from_str::<PathPurpose>(json).unwrap(),
                purpose,
                "ui/src/lib/backend.ts PathPurpose sends {json}"
            );
        }
        assert!(
            serde_json::from_str::<PathPurpose>("\"anything\"").is_err(),
            "an unknown purpose is refused, not mapped to a default"
        );
    }

    #[test]
    fn saving_suggests_a_dated_name_with_the_matching_filter() {
        let backup = PathPurpose::BackupExport.dialog(today());
        assert_eq!(backup.mode, Mode::Save);
        assert_eq!(
            backup.file_name.as_deref(),
            Some("tideline-backup-2026-11-23.tideline")
        );
        assert_eq!(backup.filter.1, &["tideline"]);
        let export = PathPurpose::ExportJson.dialog(today());
        assert_eq!(
            export.file_name.as_deref(),
            Some("tideline-export-2026-11-23.json")
        );
        assert!(
            export.title.contains("not encrypted"),
            "the patient is told before choosing where plaintext goes"
        );
        let report = PathPurpose::ReportPdf.dialog(today());
        assert_eq!(
            report.file_name.as_deref(),
            Some("tideline-report-2026-11-23.pdf")
        );
        assert_eq!(report.filter.1, &["pdf"]);
    }

    fn pick(path: &str, purpose: PathPurpose, at: Instant) -> (Chosen, String) {
        let chosen = Chosen::default();
        let rng = ring::rand::SystemRandom::new();
        let token = chosen
            .issue(PathBuf::from(path), purpose, at, &rng)
            .unwrap();
        (chosen, token)
    }

    #[test]
    fn a_raw_path_from_the_window_is_refused() {
        let now = Instant::now();
        let (chosen, token) = pick("/home/p/export.json", PathPurpose::ExportJson, now);
        assert!(!token.contains("home") && !token.contains('/'), "{token}");
        for raw in [
            "/home/p/export.json",
            "/home/p/.local/share/org.tideline.app/vault.db",
            "../vault.db",
            "",
        ] {
            let e = chosen.take(raw, PathPurpose::ExportJson, now).unwrap_err();
            assert_eq!(
                e.to_string(),
                "file: choose the file again with the app's own dialog"
            );
        }
        // The real token still works, once.
        assert_eq!(
            chosen.take(&token, PathPurpose::ExportJson, now).unwrap(),
            PathBuf::from("/home/p/export.json")
        );
        assert!(chosen.take(&token, PathPurpose::ExportJson, now).is_err());
    }

    #[test]
    fn a_token_is_bound_to_its_purpose_and_expires() {
        let now = Instant::now();
        let (chosen, token) = pick("/home/p/backup.tideline", PathPurpose::BackupExport, now);
        assert!(chosen
            .take(&token, PathPurpose::BackupRestore, now)
            .is_err());
        assert!(
            chosen.take(&token, PathPurpose::BackupExport, now).is_err(),
            "a token tried for another purpose is used up"
        );
        let (chosen, token) = pick("/home/p/report.pdf", PathPurpose::ReportPdf, now);
        assert!(chosen
            .take(&token, PathPurpose::ReportPdf, now + TOKEN_LIFETIME)
            .is_err());
    }

    #[test]
    fn restoring_opens_an_existing_backup_without_suggesting_a_name() {
        let restore = PathPurpose::BackupRestore.dialog(today());
        assert_eq!(restore.mode, Mode::Open);
        assert_eq!(restore.file_name, None);
        assert_eq!(restore.filter.1, &[BACKUP_EXTENSION]);
    }
}
