//! Unlocking that answers before the records are read (`Vault::begin_unlock`, `Loading::wait`):
//! every refusal comes before any record is read, and the vault it gives holds exactly what a
//! plain unlock gives: every record, the damaged ones named, the lock screen's entries joined,
//! including one written while the records were still loading.

use std::collections::BTreeMap;

use ring::rand::SystemRandom;
use tideline_core::craving::CravingEntry;
use tideline_core::record::{Record, RecordId};
use tideline_core::vault::{capture_locked, Vault};
use tideline_core::Error;

use crate::support::{craving, new_vault, situation, stamp, t0, tamper_with_record, PASS};

/// More records than one batch of the loader (256), so several workers take part.
const RECORDS: usize = 700;

fn entry(text: &str) -> CravingEntry {
    match craving(text, 6, t0()) {
        Record::Craving(e) => e,
        _ => unreachable!(),
    }
}

/// Every craving's situation by id.
fn contents(vault: &Vault) -> BTreeMap<RecordId, String> {
    vault
        .records()
        .filter(|r| matches!(r.record, Record::Craving(_)))
        .map(|r| (r.id, situation(&r.record).to_owned()))
        .collect()
}

/// A locked vault of [`RECORDS`] cravings, one of them tampered with; returns that one's id.
fn seeded(dir: &std::path::Path) -> RecordId {
    let (mut vault, _) = new_vault(dir);
    let records = (0..RECORDS)
        .map(|i| craving(&format!("craving number {i}"), 5, t0()))
        .collect();
    let ids = vault.save_many(records, stamp(t0())).unwrap();
    vault.lock();
    let victim = ids[RECORDS / 2];
    tamper_with_record(dir, &victim);
    victim
}

#[test]
fn a_background_unlock_gives_what_a_plain_unlock_gives() {
    let dir = tempfile::tempdir().unwrap();
    let victim = seeded(dir.path());
    let (plain, plain_report) = Vault::unlock(dir.path(), PASS, t0()).unwrap();
    let expected = contents(&plain);
    plain.lock();
    assert_eq!(expected.len(), RECORDS - 1);

    let loading = Vault::begin_unlock(dir.path(), PASS, t0()).unwrap();
    // Written on the lock screen while the records load: it joins at the end of the wait.
    capture_locked(
        dir.path(),
        &entry("written while loading"),
        &SystemRandom::new(),
    )
    .unwrap();
    let (vault, report) = loading.wait().unwrap();
    assert_eq!(report.damaged, vec![victim], "the tampered record is named");
    assert_eq!(report.damaged, plain_report.damaged);
    assert_eq!(report.records, plain_report.records);
    let mut got = contents(&vault);
    let joined: Vec<RecordId> = got
        .iter()
        .filter(|(_, text)| *text == "written while loading")
        .map(|(id, _)| *id)
        .collect();
    assert_eq!(joined.len(), 1, "the lock screen's entry joined once");
    got.remove(&joined[0]);
    assert_eq!(got, expected, "every record, with the same contents");
}

#[test]
fn every_refusal_comes_before_any_record_is_read() {
    let dir = tempfile::tempdir().unwrap();
    seeded(dir.path());
    assert!(matches!(
        Vault::begin_unlock(dir.path(), "not the passphrase at all", t0()),
        Err(Error::WrongPassphrase)
    ));
    // A damaged file: the whole-file check answers before the key is used.
    let path = dir.path().join("vault.db");
    let len = std::fs::metadata(&path).unwrap().len();
    let copy = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(
        copy.path().join("vault.db"),
        &bytes[..(len as usize) * 2 / 3],
    )
    .unwrap();
    assert!(matches!(
        Vault::begin_unlock(copy.path(), PASS, t0()),
        Err(Error::DamagedFile(_))
    ));
}

#[test]
fn a_background_unlock_dropped_without_waiting_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    seeded(dir.path());
    let loading = Vault::begin_unlock(dir.path(), PASS, t0()).unwrap();
    drop(loading);
    let (vault, report) = Vault::unlock(dir.path(), PASS, t0()).unwrap();
    assert_eq!(report.records as usize, RECORDS - 1);
    assert_eq!(contents(&vault).len(), RECORDS - 1);
}
