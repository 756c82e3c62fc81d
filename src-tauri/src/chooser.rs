//! The native file chooser behind `pick_path`: the patient picks where a backup, an export or a
//! report goes (or which backup to restore), so the window never types or guesses a path and never
//! gets a file-system plugin of its own.

use std::path::PathBuf;

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

    #[test]
    fn restoring_opens_an_existing_backup_without_suggesting_a_name() {
        let restore = PathPurpose::BackupRestore.dialog(today());
        assert_eq!(restore.mode, Mode::Open);
        assert_eq!(restore.file_name, None);
        assert_eq!(restore.filter.1, &[BACKUP_EXTENSION]);
    }
}
