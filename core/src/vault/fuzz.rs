//! Property-based fuzzing of the vault's parsers of outside input: backup files, key slots, sealed
//! records and the envelope. A backup file comes from anywhere the patient found it; the vault file
//! may have been edited by someone with the device.
//!
//! The property for each: no panic, and every bad input is a typed refusal (a damaged file, an
//! unsupported version, a wrong key; never an I/O or storage error, never accepted). 256 cases per
//! property in `make test`; `make fuzz` sets `PROPTEST_CASES` to 10,000 or more.

use std::path::Path;

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use ring::aead::{LessSafeKey, UnboundKey, AES_256_GCM};
use ring::rand::SystemRandom;
use zeroize::Zeroizing;

use super::keys::{DeviceKey, KdfParams, KeySlot, MasterKey, RecoveryKey};
use super::{envelope, open_row, restore_backup, BackupSecret, Vault};
use crate::error::Error;

const PASS: &str = "lantern river oatmeal violet";

fn now() -> DateTime<Utc> {
    "2026-11-02T18:30:00Z".parse().unwrap()
}

fn runner() -> TestRunner {
    // Config::default() reads PROPTEST_CASES.
    TestRunner::new(Config::default())
}

/// Arbitrary bytes, and mutations of a real input: flipped bytes, truncation, insertion.
fn mutated(real: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = real.len();
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..512),
        (0..len.max(1)).prop_map({
            let real = real.clone();
            move |cut| real[..cut].to_vec()
        }),
        (0..len.max(1), 1..=255u8).prop_map({
            let real = real.clone();
            move |(at, x)| {
                let mut v = real.clone();
                v[at] ^= x;
                v
            }
        }),
        (0..=len, proptest::collection::vec(any::<u8>(), 1..8)).prop_map(move |(at, extra)| {
            let mut v = real.clone();
            v.splice(at..at, extra);
            v
        }),
    ]
}

/// A refusal the patient can be told about: the file is damaged or from a newer version, or the
/// secret does not open it.
fn typed(e: &Error) -> Result<(), TestCaseError> {
    prop_assert!(
        matches!(
            e,
            Error::DamagedFile(_)
                | Error::UnsupportedVersion { .. }
                | Error::WrongRecoveryKey
                | Error::WrongPassphrase
        ),
        "untyped refusal: {e:?}"
    );
    Ok(())
}

/// A real backup of a vault with a few records, and its recovery key (the recovery slot opens
/// with a fast key derivation, so each case costs microseconds, not an Argon2id run).
fn real_backup(dir: &Path) -> (Vec<u8>, String) {
    let vault_dir = dir.join("source");
    std::fs::create_dir_all(&vault_dir).unwrap();
    let (vault, recovery) = Vault::create(&vault_dir, PASS, KdfParams::FLOOR, now()).unwrap();
    let path = dir.join("backup.tideline");
    vault.export_backup(&path).unwrap();
    (
        std::fs::read(&path).unwrap(),
        recovery.display_code().to_string(),
    )
}

#[test]
fn backup_files_from_arbitrary_and_mutated_bytes_are_refused_typed() {
    let tmp = tempfile::tempdir().unwrap();
    let (real, code) = real_backup(tmp.path());
    let target = tmp.path().join("target");
    std::fs::create_dir_all(&target).unwrap();
    let file = tmp.path().join("candidate.tideline");
    let secret = BackupSecret::RecoveryKey(Zeroizing::new(code));
    runner()
        .run(&mutated(real.clone()), |bytes| {
            std::fs::write(&file, &bytes).unwrap();
            match restore_backup(&file, &target, &secret, true, now()) {
                Ok(_) => prop_assert_eq!(&bytes, &real, "a changed backup was accepted"),
                Err(e) => typed(&e)?,
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn key_slots_from_arbitrary_bytes_parse_or_are_refused_typed() {
    let rng = SystemRandom::new();
    let master = MasterKey::generate(&rng);
    let vault_id = [7u8; 16];
    let recovery = RecoveryKey::generate(&rng);
    let device = DeviceKey::generate(&rng);
    let real = KeySlot::for_recovery(&recovery, &master, &vault_id, &rng).to_bytes();
    runner()
        .run(&mutated(real.clone()), |bytes| {
            let slot = match KeySlot::from_bytes(&bytes) {
                Ok(slot) => slot,
                Err(e) => return typed(&e),
            };
            // Only parameters within the floor and ceiling ever reach Argon2id.
            if !slot.params().is_acceptable() {
                let e = slot.open_with_passphrase(PASS, &vault_id).unwrap_err();
                typed(&e)?;
            }
            match slot.open_with_recovery(&recovery, &vault_id) {
                Ok(Some(_)) => prop_assert_eq!(&bytes, &real, "a changed slot opened"),
                Ok(None) => {}
                Err(e) => typed(&e)?,
            }
            match slot.open_with_device(&device, &vault_id) {
                Ok(Some(_)) => prop_assert!(false, "a recovery slot opened with a device key"),
                Ok(None) => {}
                Err(e) => typed(&e)?,
            }
            Ok(())
        })
        .unwrap();
}

fn key(byte: u8) -> LessSafeKey {
    LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &[byte; 32]).unwrap())
}

#[test]
fn envelopes_from_arbitrary_bytes_never_open() {
    let rng = SystemRandom::new();
    let real = envelope::seal(
        &key(1),
        &rng,
        b"TLRC",
        1,
        b"record id",
        &envelope::pad(b"{}"),
    );
    runner()
        .run(&mutated(real.clone()), |bytes| {
            match envelope::open(&key(1), b"TLRC", 1, b"record id", &bytes) {
                Ok(padded) => {
                    prop_assert_eq!(&bytes, &real, "a changed envelope opened");
                    prop_assert!(envelope::unpad(&padded).is_some());
                }
                Err(_) => {
                    // Refused as a value (EnvelopeError); unpad of anything must not panic either.
                    let _ = envelope::unpad(&bytes);
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn sealed_records_from_arbitrary_bytes_are_reported_damaged() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut vault, _) = Vault::create(tmp.path(), PASS, KdfParams::FLOOR, now()).unwrap();
    let settings = crate::settings::Settings::default();
    let stored = vault
        .save(
            None,
            crate::record::Record::Settings(settings),
            crate::time::Stamp::new(now(), "UTC".parse().unwrap()),
        )
        .unwrap();
    let row = vault.seal_record(&stored);
    let (real_id, real) = (row.id, row.sealed.clone());
    runner()
        .run(
            &(mutated(real.clone()), any::<bool>()),
            |(sealed, keep_id)| {
                let id = if keep_id { real_id } else { [9u8; 16] };
                let mut buf = Vec::new();
                let opened = open_row(
                    &vault.record_key,
                    &vault.vault_id,
                    id,
                    row.format,
                    &sealed,
                    &mut buf,
                );
                if opened.is_some() {
                    prop_assert!(
                        keep_id && sealed == real,
                        "a changed or moved record opened"
                    );
                }
                Ok(())
            },
        )
        .unwrap();
}
