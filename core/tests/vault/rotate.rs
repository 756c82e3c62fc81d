//! "Someone may know my passphrase": a new master key, every record resealed in one transaction.
//! After it the old passphrase and recovery key open nothing, the new ones open every record as it
//! was, the file holds none of the old sealed bytes, and kill -9 at any moment of it leaves the old
//! vault or the new one, whole.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::Rng;
use ring::rand::SystemRandom;
use rusqlite::Connection;
use tideline_core::error::Error;
use tideline_core::record::{Record, StoredRecord};
use tideline_core::vault::{
    capture_locked, quick_unlock_on, restore_backup, vault_file, BackupSecret, Vault,
};
use zeroize::Zeroizing;

use crate::support::*;

const NEXT: &str = "harbor cobalt whistle meadow";
const ROTATION_ENTRIES: usize = 3000;
const ROUNDS: usize = 24;

/// Every sealed blob in the file: records, key slots, the inbox's sealed private key.
fn sealed_blobs(dir: &Path) -> Vec<Vec<u8>> {
    let conn = Connection::open(vault_file(dir)).unwrap();
    let mut blobs = Vec::new();
    for sql in [
        "SELECT sealed FROM records",
        "SELECT slot FROM key_slots",
        "SELECT sealed_private FROM inbox_key",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, Vec<u8>>(0)).unwrap();
        blobs.extend(rows.map(Result::unwrap));
    }
    blobs
}

fn vault_id(dir: &Path) -> Vec<u8> {
    Connection::open(vault_file(dir))
        .unwrap()
        .query_row("SELECT vault_id FROM vault", [], |r| r.get(0))
        .unwrap()
}

/// Every byte of the vault file and its sidecars.
fn file_bytes(dir: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            bytes.extend(std::fs::read(path).unwrap());
        }
    }
    bytes
}

fn sorted(vault: &Vault) -> Vec<StoredRecord> {
    let mut records: Vec<StoredRecord> = vault.records().cloned().collect();
    records.sort_by_key(|r| r.id);
    records
}

#[test]
fn rotation_retires_the_old_secrets_and_reseals_every_record() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, old_recovery) = new_vault(dir.path());
    let records = (0..300)
        .map(|i| craving(&format!("entry {i} {}", "w".repeat(i * 7)), 4, t0()))
        .collect();
    vault.save_many(records, stamp(t0())).unwrap();
    vault.enable_quick_unlock(PASS).unwrap();
    let backups = tempfile::tempdir().unwrap();
    let backup = backups.path().join("before.tlbk");
    vault.export_backup(&backup).unwrap();
    // An entry from the lock screen still waiting in the inbox joins before the inbox key changes.
    let Record::Craving(waiting) = craving("written on the lock screen", 7, t0()) else {
        unreachable!()
    };
    capture_locked(dir.path(), &waiting, &SystemRandom::new()).unwrap();
    let before = sealed_blobs(dir.path());
    let id = vault_id(dir.path());
    let mut expected = sorted(&vault);

    let recovery = vault.rotate_master_key(PASS, NEXT, PARAMS).unwrap();
    assert!(
        !quick_unlock_on(dir.path()).unwrap(),
        "the device slot is gone"
    );
    drop(vault);

    assert!(matches!(
        Vault::unlock(dir.path(), PASS, t0()),
        Err(Error::WrongPassphrase)
    ));
    assert!(matches!(
        Vault::unlock_with_recovery_key(dir.path(), &old_recovery.display_code(), t0()),
        Err(Error::WrongRecoveryKey)
    ));
    let (vault, report) = Vault::unlock(dir.path(), NEXT, t0()).unwrap();
    assert!(report.damaged.is_empty());
    let after = sorted(&vault);
    assert_eq!(after.len(), expected.len() + 1, "the inbox entry joined");
    let joined: Vec<&StoredRecord> = after
        .iter()
        .filter(|r| !expected.iter().any(|e| e.id == r.id))
        .collect();
    assert!(
        matches!(&joined[..], [r] if situation(&r.record) == "written on the lock screen"),
        "exactly the waiting entry joined"
    );
    expected.push(joined[0].clone());
    expected.sort_by_key(|r| r.id);
    assert_eq!(after, expected, "every record reads back identical");
    drop(vault);
    let (vault, _) =
        Vault::unlock_with_recovery_key(dir.path(), &recovery.display_code(), t0()).unwrap();
    assert_eq!(sorted(&vault), expected);
    drop(vault);
    assert_eq!(vault_id(dir.path()), id, "the vault id stays");

    // No sealed bytes from before, anywhere in the data directory.
    let bytes = file_bytes(dir.path());
    let now = sealed_blobs(dir.path());
    for old in &before {
        assert!(!now.contains(old), "an old blob is still a row");
        let probe = &old[old.len() - 32..];
        assert!(
            !bytes.windows(probe.len()).any(|w| w == probe),
            "an old sealed blob's bytes are still in the files"
        );
    }
    // The lock screen seals to the new inbox key, and the next unlock opens it.
    capture_locked(dir.path(), &waiting, &SystemRandom::new()).unwrap();
    let (vault, _) = Vault::unlock(dir.path(), NEXT, t0()).unwrap();
    assert_eq!(vault.len(), expected.len() + 1);
    drop(vault);

    // A backup made before still opens with the passphrase it was made with.
    let elsewhere = tempfile::tempdir().unwrap();
    let (restored, _) = restore_backup(
        &backup,
        elsewhere.path(),
        &BackupSecret::Passphrase(Zeroizing::new(PASS.to_owned())),
        false,
        t0(),
    )
    .unwrap();
    assert_eq!(restored.len(), 300);
}

#[test]
fn rotation_asks_for_the_current_passphrase_through_the_lockout_and_a_strong_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    vault
        .save(None, craving("kept", 3, t0()), stamp(t0()))
        .unwrap();
    let before = sealed_blobs(dir.path());
    assert!(matches!(
        vault.rotate_master_key("not the passphrase", NEXT, PARAMS),
        Err(Error::WrongPassphrase)
    ));
    assert!(matches!(
        vault.rotate_master_key(PASS, "password12", PARAMS),
        Err(Error::Invalid(_))
    ));
    assert_eq!(sealed_blobs(dir.path()), before, "nothing changed");
    for _ in 0..4 {
        let _ = vault.rotate_master_key("still not it", NEXT, PARAMS);
    }
    assert!(
        matches!(
            vault.rotate_master_key(PASS, NEXT, PARAMS),
            Err(Error::LockedOut { .. })
        ),
        "five wrong passphrases inside rotation lock out like five wrong unlocks"
    );
    assert_eq!(sealed_blobs(dir.path()), before);
    drop(vault);
    assert!(matches!(
        Vault::unlock(dir.path(), PASS, t0()),
        Err(Error::LockedOut { .. })
    ));
}

fn record_rows(dir: &Path) -> i64 {
    Connection::open(vault_file(dir))
        .unwrap()
        .query_row("SELECT COUNT(*) FROM records", [], |r| r.get(0))
        .unwrap()
}

fn sealed_row(dir: &Path, id: &tideline_core::record::RecordId) -> Vec<u8> {
    Connection::open(vault_file(dir))
        .unwrap()
        .query_row(
            "SELECT sealed FROM records WHERE id = ?1",
            [&id.as_bytes()[..]],
            |r| r.get(0),
        )
        .unwrap()
}

/// A row that did not open at unlock cannot be resealed (that needs its plaintext), and a rotation
/// that went ahead would write back only what loaded: the row would be gone for good. So rotation
/// refuses, names how many, and changes nothing; restoring a backup from before the damage brings
/// the row back, and then rotation reseals every record.
#[test]
fn rotation_refuses_while_a_damaged_row_is_in_the_file_and_deletes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    let ids = vault
        .save_many(
            (0..20)
                .map(|i| craving(&format!("entry {i}"), 4, t0()))
                .collect(),
            stamp(t0()),
        )
        .unwrap();
    let backups = tempfile::tempdir().unwrap();
    let backup = backups.path().join("before.tlbk");
    vault.export_backup(&backup).unwrap();
    drop(vault);
    let victim = ids[7];
    // The damage: the row's ciphertext changed in the file, by rusqlite directly.
    tamper_with_record(dir.path(), &victim);
    let damaged_bytes = sealed_row(dir.path(), &victim);
    let rows = record_rows(dir.path());

    let (mut vault, report) = Vault::unlock(dir.path(), PASS, t0()).unwrap();
    assert_eq!(report.damaged, vec![victim]);
    assert_eq!(
        vault.unopened(),
        1,
        "the vault remembers the count for the window"
    );
    assert_eq!(vault.len() as i64, rows - 1);
    let blobs = sealed_blobs(dir.path());

    let refused = vault.rotate_master_key(PASS, NEXT, PARAMS);
    let err = refused.expect_err("a rotation that would delete a row is refused");
    assert!(
        matches!(err, Error::EntriesUnopened { count: 1 }),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with("1 of your entries could not be opened"),
        "{err}"
    );
    assert_eq!(record_rows(dir.path()), rows, "no row was deleted");
    assert_eq!(
        sealed_row(dir.path(), &victim),
        damaged_bytes,
        "the damaged row is kept byte for byte"
    );
    assert_eq!(sealed_blobs(dir.path()), blobs, "nothing changed");
    // A passphrase change alone touches no record, so it still works meanwhile.
    vault.change_passphrase(PASS, NEXT, PARAMS).unwrap();
    assert_eq!(record_rows(dir.path()), rows);
    drop(vault);
    let (vault, report) = Vault::unlock(dir.path(), NEXT, t0()).unwrap();
    assert_eq!(report.damaged, vec![victim], "still there, still named");
    drop(vault);

    // Restoring the backup from before the damage brings the row back; then rotation goes ahead.
    let (mut vault, report) = restore_backup(
        &backup,
        dir.path(),
        &BackupSecret::Passphrase(Zeroizing::new(PASS.to_owned())),
        true,
        t0(),
    )
    .unwrap();
    assert!(report.damaged.is_empty());
    assert_eq!(vault.unopened(), 0);
    vault.rotate_master_key(PASS, NEXT, PARAMS).unwrap();
    drop(vault);
    assert_eq!(record_rows(dir.path()), rows);
    let (vault, report) = Vault::unlock(dir.path(), NEXT, t0()).unwrap();
    assert!(report.damaged.is_empty());
    assert_eq!(vault.len() as i64, rows);
    assert!(
        vault.get(&victim).is_some(),
        "the entry is back and resealed"
    );
}

#[test]
#[ignore = "child process of kill_nine_during_rotation_leaves_the_old_or_the_new_vault_whole"]
fn rotating_child() {
    let Some(dir) = std::env::var_os("TIDELINE_ROTATE_DIR") else {
        return;
    };
    let (mut vault, _) = Vault::unlock(Path::new(&dir), PASS, t0()).unwrap();
    println!("START");
    vault.rotate_master_key(PASS, NEXT, PARAMS).unwrap();
    println!("DONE {}", vault.len());
}

/// Runs the child on `dir`; kills it `kill_after` after it says START (never, when `None`).
/// Returns the time from START to DONE when it finished.
fn run_child(dir: &Path, kill_after: Option<Duration>) -> Option<Duration> {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "rotate::rotating_child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("TIDELINE_ROTATE_DIR", dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let started = loop {
        let line = lines.next().expect("the child says START").unwrap();
        if line.ends_with("START") {
            break Instant::now();
        }
    };
    if let Some(after) = kill_after {
        std::thread::sleep(after);
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        return None;
    }
    let done = lines.map_while(Result::ok).any(|l| l.contains("DONE"));
    child.wait().unwrap();
    done.then(|| started.elapsed())
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn kill_nine_during_rotation_leaves_the_old_or_the_new_vault_whole() {
    let template = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(template.path());
    let records = (0..ROTATION_ENTRIES)
        .map(|i| craving(&format!("entry {i} {}", "r".repeat(i % 600)), 5, t0()))
        .collect();
    vault.save_many(records, stamp(t0())).unwrap();
    let expected = sorted(&vault);
    drop(vault);
    let probe = tempfile::tempdir().unwrap();
    copy_dir(template.path(), probe.path());
    let whole = run_child(probe.path(), None).expect("an uninterrupted rotation finishes");
    eprintln!("rotation of {ROTATION_ENTRIES} records: {whole:?}");
    // Kills spread from a fifth of the way in to past the end, so some land before the commit and
    // some after it.
    let mut rng = rand::thread_rng();
    let (mut old, mut new) = (0, 0);
    for round in 0..ROUNDS {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(template.path(), dir.path());
        let share = 0.2 + 1.3 * (round as f64 + rng.gen_range(0.0..1.0)) / ROUNDS as f64;
        let moment = whole.mul_f64(share);
        run_child(dir.path(), Some(moment));
        let opened = match Vault::unlock(dir.path(), PASS, t0()) {
            Ok(opened) => {
                old += 1;
                opened
            }
            Err(Error::WrongPassphrase) => {
                new += 1;
                Vault::unlock(dir.path(), NEXT, t0()).unwrap_or_else(|e| {
                    panic!("round {round}: killed {moment:?} in, neither passphrase opens: {e}")
                })
            }
            Err(e) => panic!("round {round}: killed {moment:?} in: {e}"),
        };
        let (vault, report) = opened;
        assert!(report.damaged.is_empty(), "round {round}: a mix of keys");
        assert_eq!(sorted(&vault), expected, "round {round}: every record");
    }
    eprintln!("kills: {old} left the old vault, {new} the new one");
}
