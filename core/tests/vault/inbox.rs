//! Capture while locked: an entry sealed to the vault's public key from the lock screen joins the
//! journal at the next unlock; the files hold nothing readable in between; an entry sealed to another
//! vault, changed, or replayed is refused.

use std::path::Path;

use ring::rand::SystemRandom;
use rusqlite::Connection;
use tideline_core::craving::CravingEntry;
use tideline_core::record::{Record, RecordKind};
use tideline_core::vault::{capture_locked, Vault};

use crate::support::{craving, new_vault, t0, PASS};

const WORDS: &str = "Quillfeather wanted to call the old dealer";

fn entry(text: &str) -> CravingEntry {
    match craving(text, 6, t0()) {
        Record::Craving(e) => e,
        _ => unreachable!(),
    }
}

fn db(dir: &Path) -> Connection {
    Connection::open(dir.join("vault.db")).unwrap()
}

fn inbox_rows(dir: &Path) -> Vec<(Vec<u8>, Vec<u8>)> {
    let conn = db(dir);
    let mut stmt = conn.prepare("SELECT id, sealed FROM locked_inbox").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn put_row(dir: &Path, (id, sealed): &(Vec<u8>, Vec<u8>)) {
    db(dir)
        .execute(
            "INSERT INTO locked_inbox (id, sealed) VALUES (?1, ?2)",
            rusqlite::params![id, sealed],
        )
        .unwrap();
}

fn cravings_with(vault: &Vault, text: &str) -> usize {
    vault
        .of_kind(RecordKind::Craving)
        .filter(|r| matches!(&r.record, Record::Craving(c) if c.situation.as_deref() == Some(text)))
        .count()
}

fn locked_vault(dir: &Path) {
    let (vault, _) = new_vault(dir);
    vault.lock();
}

#[test]
fn a_locked_capture_joins_the_journal_at_unlock_and_nothing_is_readable_in_between() {
    let dir = tempfile::tempdir().unwrap();
    locked_vault(dir.path());
    capture_locked(dir.path(), &entry(WORDS), &SystemRandom::new()).unwrap();
    assert_eq!(inbox_rows(dir.path()).len(), 1, "waiting, sealed");
    for e in std::fs::read_dir(dir.path()).unwrap().flatten() {
        let bytes = std::fs::read(e.path()).unwrap();
        for needle in [WORDS, "Quillfeather"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{} holds '{needle}' in the clear",
                e.path().display()
            );
        }
    }
    let (vault, _) = Vault::unlock(dir.path(), PASS, t0()).unwrap();
    assert_eq!(
        cravings_with(&vault, WORDS),
        1,
        "the entry is in the journal"
    );
    assert!(
        inbox_rows(dir.path()).is_empty(),
        "the inbox is emptied at unlock"
    );
    vault.lock();
    let (vault, _) = Vault::unlock(dir.path(), PASS, t0()).unwrap();
    assert_eq!(cravings_with(&vault, WORDS), 1, "stored as a record, once");
}

#[test]
fn an_entry_sealed_to_another_vault_is_refused() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    locked_vault(a.path());
    locked_vault(b.path());
    capture_locked(a.path(), &entry(WORDS), &SystemRandom::new()).unwrap();
    let row = inbox_rows(a.path()).remove(0);
    put_row(b.path(), &row);
    let (vault, _) = Vault::unlock(b.path(), PASS, t0()).unwrap();
    assert_eq!(
        cravings_with(&vault, WORDS),
        0,
        "vault B cannot open vault A's entry"
    );
    assert!(inbox_rows(b.path()).is_empty(), "and drops it");
}

#[test]
fn a_changed_entry_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    locked_vault(dir.path());
    capture_locked(dir.path(), &entry(WORDS), &SystemRandom::new()).unwrap();
    let (id, mut sealed) = inbox_rows(dir.path()).remove(0);
    let last = sealed.len() - 1;
    sealed[last] ^= 1;
    db(dir.path())
        .execute(
            "UPDATE locked_inbox SET sealed = ?1 WHERE id = ?2",
            rusqlite::params![sealed, id],
        )
        .unwrap();
    let (vault, _) = Vault::unlock(dir.path(), PASS, t0()).unwrap();
    assert_eq!(cravings_with(&vault, WORDS), 0);
    // The same bytes under another entry id are refused too: the id is bound in.
    locked_vault_again(vault);
    capture_locked(dir.path(), &entry(WORDS), &SystemRandom::new()).unwrap();
    let (_, good) = inbox_rows(dir.path()).remove(0);
    db(dir.path())
        .execute("DELETE FROM locked_inbox", [])
        .unwrap();
    put_row(dir.path(), &(vec![7u8; 16], good));
    let (vault, _) = Vault::unlock(dir.path(), PASS, t0()).unwrap();
    assert_eq!(
        cravings_with(&vault, WORDS),
        0,
        "an entry moved to another id does not open"
    );
}

fn locked_vault_again(vault: Vault) {
    vault.lock();
}

#[test]
fn a_replayed_entry_is_added_once() {
    let dir = tempfile::tempdir().unwrap();
    locked_vault(dir.path());
    capture_locked(dir.path(), &entry(WORDS), &SystemRandom::new()).unwrap();
    let row = inbox_rows(dir.path()).remove(0);
    let (vault, _) = Vault::unlock(dir.path(), PASS, t0()).unwrap();
    assert_eq!(cravings_with(&vault, WORDS), 1);
    vault.lock();
    // Someone puts the same sealed entry back in the file.
    put_row(dir.path(), &row);
    let (vault, _) = Vault::unlock(dir.path(), PASS, t0()).unwrap();
    assert_eq!(
        cravings_with(&vault, WORDS),
        1,
        "a replay is not a second entry"
    );
    assert!(inbox_rows(dir.path()).is_empty());
}
