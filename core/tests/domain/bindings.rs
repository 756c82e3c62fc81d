//! The TypeScript the UI compiles against is generated from these Rust types and committed. This test
//! regenerates it into a temporary directory and fails when the committed files are stale.

use std::fs;
use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

/// Every domain type the UI receives; `export_all` adds what they refer to.
fn export_domain_types(cfg: &Config) -> Result<(), ts_rs::ExportError> {
    use tideline_core::*;
    craving::CravingEntry::export_all(cfg)?;
    journal::CravingQuery::export_all(cfg)?;
    journal::CravingPage::export_all(cfg)?;
    halt::HaltCheck::export_all(cfg)?;
    halt::HaltPattern::export_all(cfg)?;
    halt::HaltSuggestion::export_all(cfg)?;
    urge::UrgeSurfSession::export_all(cfg)?;
    session::ClinicSession::export_all(cfg)?;
    contact::SupportContact::export_all(cfg)?;
    crisis::CrisisDirectory::export_all(cfg)?;
    crisis::CrisisOpened::export_all(cfg)?;
    crisis::AfterUse::export_all(cfg)?;
    draft::Draft::export_all(cfg)?;
    reminder::NotificationExamples::export_all(cfg)?;
    plan::RelapsePlan::export_all(cfg)?;
    program::ProgramSettings::export_all(cfg)?;
    program::Progress::export_all(cfg)?;
    care::CarePlan::export_all(cfg)?;
    care::SessionView::export_all(cfg)?;
    settings::Settings::export_all(cfg)?;
    insights::Insights::export_all(cfg)?;
    reminder::PlannedReminder::export_all(cfg)?;
    share::ShareSelection::export_all(cfg)?;
    share::ConsentTerms::export_all(cfg)?;
    share::SharePreview::export_all(cfg)?;
    share::ConsentSummary::export_all(cfg)?;
    share::Disclosure::export_all(cfg)?;
    sync::devices::ClinicDevices::export_all(cfg)?;
    Ok(())
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("generated directory is readable") {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn ts_bindings_are_current() {
    let tmp = tempfile::tempdir().unwrap();
    // The types export to `../../ui/src/lib/generated/` relative to the export directory (as `core/bindings`
    // is to the repository root), so export two levels down to land in `<tmp>/ui/src/lib/generated`.
    let base = tmp.path().join("repo").join("core").join("bindings");
    fs::create_dir_all(&base).unwrap();
    export_domain_types(&Config::new().with_out_dir(&base)).expect("TypeScript export succeeds");
    let fresh_dir = tmp.path().join("repo/ui/src/lib/generated");
    let committed_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/generated");

    let mut stale = Vec::new();
    for fresh in files_under(&fresh_dir) {
        let name = fresh.strip_prefix(&fresh_dir).unwrap();
        let committed = fs::read_to_string(committed_dir.join(name)).unwrap_or_default();
        if committed != fs::read_to_string(&fresh).unwrap() {
            stale.push(name.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "TypeScript bindings in ui/src/lib/generated are out of date for: {}. \
         Regenerate with `cargo test -p tideline-core` (ts-rs exports on test) and commit them.",
        stale.join(", ")
    );
}
