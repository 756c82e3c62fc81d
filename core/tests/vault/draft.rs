//! What was on screen when the vault locked is kept sealed and offered back once after unlock.

use tideline_core::draft::{self, Draft, DraftScreen};
use tideline_core::record::{Record, RecordKind};
use tideline_core::vault::{Query, Vault};

use crate::support::{new_vault, stamp, t0, PASS};

const WORDS: &str = "Velvetquince half a sentence about the corner store";

fn every_file(dir: &std::path::Path) -> Vec<Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter_map(|e| std::fs::read(e.path()).ok())
        .collect()
}

#[test]
fn a_draft_is_sealed_across_a_lock_and_handed_back_once() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    let body = format!(r#"{{"situation":"{WORDS}"}}"#);
    let d = Draft {
        screen: DraftScreen::Cravings,
        body: body.clone(),
    };
    draft::keep(&mut vault, d.clone(), stamp(t0())).unwrap();
    // Written again as the patient types: still one draft.
    draft::keep(&mut vault, d.clone(), stamp(t0())).unwrap();
    assert_eq!(vault.of_kind(RecordKind::Draft).count(), 1);
    assert!(
        vault.query(&Query::default()).is_empty(),
        "a draft is not a journal entry"
    );
    vault.lock();
    for bytes in every_file(dir.path()) {
        assert!(
            !bytes.windows(11).any(|w| w == &WORDS.as_bytes()[..11]),
            "the draft's words are on disk in the clear"
        );
    }

    let (mut vault, _) = Vault::unlock(dir.path(), PASS, t0()).unwrap();
    assert_eq!(draft::take(&mut vault, t0()).unwrap(), Some(d));
    assert_eq!(
        draft::take(&mut vault, t0()).unwrap(),
        None,
        "offered back once"
    );
    vault.lock();
    let (vault, _) = Vault::unlock(dir.path(), PASS, t0()).unwrap();
    assert_eq!(vault.of_kind(RecordKind::Draft).count(), 0);
}

#[test]
fn the_window_cannot_write_a_draft_as_an_entry_and_a_draft_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    let long = Draft {
        screen: DraftScreen::Urge,
        body: "x".repeat(draft::MAX_BODY + 1),
    };
    assert!(draft::keep(&mut vault, long, stamp(t0())).is_err());
    let stored = tideline_core::draft::StoredDraft {
        draft: Draft {
            screen: DraftScreen::Urge,
            body: "{}".into(),
        },
        kept_at: t0(),
    };
    assert!(
        vault
            .save_entry(None, Record::Draft(stored), stamp(t0()))
            .is_err(),
        "drafts are app state"
    );
    // And keeping a draft is not the patient's activity.
    let later = t0() + chrono::Duration::minutes(4);
    draft::keep(
        &mut vault,
        Draft {
            screen: DraftScreen::Urge,
            body: "{}".into(),
        },
        stamp(later),
    )
    .unwrap();
    assert!(vault.idle_expired(t0() + chrono::Duration::minutes(5)));
}
