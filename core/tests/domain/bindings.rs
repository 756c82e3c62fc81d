//! The TypeScript the UI compiles against is generated from these Rust types and committed in
//! `ui/src/lib/generated`. Nothing writes that folder during an ordinary `cargo test` (no type
//! carries ts-rs's `export` flag, so ts-rs makes no export tests of its own): this test generates
//! every type into a temporary directory and fails when a committed file is stale, missing or no
//! longer generated. `TIDELINE_BLESS=1` makes it rewrite the folder instead; `make lint` does that
//! and then runs `git diff --exit-code` on the folder, so a stale commit fails there too.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

/// Every type that crosses IPC (each command's arguments and result, and the error codes);
/// `export_all` adds what they refer to.
fn export_ipc_types(cfg: &Config) -> Result<(), ts_rs::ExportError> {
    use tideline_core::*;
    error::ErrorCode::export_all(cfg)?;
    status::VaultStatus::export_all(cfg)?;
    status::Boot::export_all(cfg)?;
    status::Created::export_all(cfg)?;
    status::IpcError::export_all(cfg)?;
    status::AnswerProblem::export_all(cfg)?;
    status::QuickUnlockStatus::export_all(cfg)?;
    language::LanguageStatus::export_all(cfg)?;
    vault::UnlockReport::export_all(cfg)?;
    vault::VaultPresence::export_all(cfg)?;
    entry::Entry::export_all(cfg)?;
    entry::StoredEntry::export_all(cfg)?;
    entry::EntryQuery::export_all(cfg)?;
    journal::CravingQuery::export_all(cfg)?;
    journal::CravingPage::export_all(cfg)?;
    craving::CravingEntry::export_all(cfg)?;
    halt::HaltPattern::export_all(cfg)?;
    halt::HaltSuggestion::export_all(cfg)?;
    passphrase::Strength::export_all(cfg)?;
    crisis::CrisisDirectory::export_all(cfg)?;
    crisis::CrisisOpened::export_all(cfg)?;
    crisis::AfterUse::export_all(cfg)?;
    draft::Draft::export_all(cfg)?;
    reminder::NotificationExamples::export_all(cfg)?;
    reminder::PlannedReminder::export_all(cfg)?;
    program::Progress::export_all(cfg)?;
    summary::HomeSummary::export_all(cfg)?;
    insights::Insights::export_all(cfg)?;
    care::CarePlan::export_all(cfg)?;
    care::SessionView::export_all(cfg)?;
    session::ParticipantResponse::export_all(cfg)?;
    sync::SyncStatus::export_all(cfg)?;
    sync::SyncReport::export_all(cfg)?;
    share::ShareSelection::export_all(cfg)?;
    share::ConsentTerms::export_all(cfg)?;
    share::SharePreview::export_all(cfg)?;
    share::ConsentSummary::export_all(cfg)?;
    share::Disclosure::export_all(cfg)?;
    sync::devices::ClinicDevices::export_all(cfg)?;
    Ok(())
}

/// The committed folder.
fn committed_dir() -> PathBuf {
    std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into()),
    )
    .join("../ui/src/lib/generated")
}

/// Generates every type into a fresh temporary directory; returns it and the folder inside.
fn generate() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    // The types export to `../../ui/src/lib/generated/` relative to the export directory (as
    // `core/bindings` is to the repository root), so export two levels down.
    let base = tmp.path().join("repo").join("core").join("bindings");
    fs::create_dir_all(&base).unwrap();
    export_ipc_types(&Config::new().with_out_dir(&base)).expect("TypeScript export succeeds");
    let fresh = tmp.path().join("repo/ui/src/lib/generated");
    (tmp, fresh)
}

/// The `.ts` files under `dir`, relative to it. (The folder's JSON files come from other tests.)
fn ts_files(dir: &Path) -> BTreeSet<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeSet<PathBuf>) {
        for entry in fs::read_dir(dir).expect("directory is readable") {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "ts") {
                out.insert(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}

/// Every way the committed folder differs from a fresh export, one line each.
fn differences(fresh: &Path, committed: &Path) -> Vec<String> {
    let (new, old) = (ts_files(fresh), ts_files(committed));
    let mut out = Vec::new();
    for name in new.union(&old) {
        let shown = name.display();
        match (new.contains(name), old.contains(name)) {
            (true, false) => out.push(format!("{shown}: missing")),
            (false, true) => out.push(format!("{shown}: no longer generated")),
            _ => {
                let a = fs::read_to_string(fresh.join(name)).unwrap();
                let b = fs::read_to_string(committed.join(name)).unwrap();
                if a != b {
                    out.push(format!("{shown}: stale"));
                }
            }
        }
    }
    out
}

/// Makes the committed folder what a fresh export is (`.ts` files only).
fn bless(fresh: &Path, committed: &Path) {
    for name in ts_files(committed) {
        if !fresh.join(&name).exists() {
            fs::remove_file(committed.join(&name)).unwrap();
        }
    }
    for name in ts_files(fresh) {
        let to = committed.join(&name);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(fresh.join(&name), to).unwrap();
    }
}

#[test]
fn ts_bindings_are_current() {
    let (_tmp, fresh) = generate();
    if std::env::var_os("TIDELINE_BLESS").is_some() {
        bless(&fresh, &committed_dir());
    }
    let found = differences(&fresh, &committed_dir());
    assert!(
        found.is_empty(),
        "TypeScript bindings in ui/src/lib/generated differ from the Rust types:\n{}\n\
         Regenerate with `TIDELINE_BLESS=1 cargo test -p tideline-core --test domain bindings` and commit.",
        found.join("\n")
    );
}

#[test]
fn the_drift_check_finds_a_stale_a_missing_and_an_extra_type() {
    let (_tmp, fresh) = generate();
    let committed = tempfile::tempdir().unwrap();
    bless(&fresh, committed.path());
    assert_eq!(differences(&fresh, committed.path()), Vec::<String>::new());

    // A field renamed in Rust but not in the committed file.
    let entry = committed.path().join("CravingEntry.ts");
    let text = fs::read_to_string(&entry).unwrap();
    fs::write(&entry, text.replace("intensity", "strength")).unwrap();
    // A type added in Rust and never committed.
    fs::remove_file(committed.path().join("CravingPage.ts")).unwrap();
    // A type removed from the IPC but still committed.
    fs::write(
        committed.path().join("Record.ts"),
        "export type Record = {};\n",
    )
    .unwrap();

    assert_eq!(
        differences(&fresh, committed.path()),
        vec![
            "CravingEntry.ts: stale".to_owned(),
            "CravingPage.ts: missing".to_owned(),
            "Record.ts: no longer generated".to_owned(),
        ]
    );
}

#[test]
fn app_state_cannot_be_named_in_typescript() {
    let (_tmp, fresh) = generate();
    let names: Vec<String> = ts_files(&fresh)
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    for app_state in [
        "Record.ts",
        "RecordKind.ts",
        "StoredRecord.ts",
        "ClinicConnection.ts",
        "OutgoingAnswer.ts",
        "SharedConsent.ts",
        "CareCourse.ts",
        "ReminderMark.ts",
        "StoredDraft.ts",
    ] {
        assert!(
            !names.iter().any(|n| n == app_state),
            "{app_state} is generated"
        );
    }
    let entry = fs::read_to_string(fresh.join("Entry.ts")).unwrap();
    for kind in [
        "connection",
        "outbox",
        "consent",
        "careCourse",
        "reminderMark",
        "draft",
    ] {
        assert!(
            !entry.contains(&format!("\"{kind}\"")),
            "Entry names {kind}"
        );
    }
}
