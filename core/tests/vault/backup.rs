//! Encrypted backups: export, restore with either secret, and refusal to overwrite by accident.

use std::fs;

use tideline_core::error::FileProblem;
use tideline_core::vault::{restore_backup, BackupSecret, Vault};
use tideline_core::Error;
use zeroize::Zeroizing;

use crate::support::*;

fn pass() -> BackupSecret {
    BackupSecret::Passphrase(Zeroizing::new(PASS.to_owned()))
}

#[test]
fn a_backup_restores_everything_into_an_empty_place_with_the_passphrase_or_recovery_key() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, recovery) = new_vault(dir.path());
    let a = vault
        .save(None, craving("before the backup", 6, t0()), stamp(t0()))
        .unwrap();
    let b = vault
        .save(None, craving("also before", 2, t0()), stamp(t0()))
        .unwrap();
    let file = dir.path().join("tideline.backup");
    vault.export_backup(&file).unwrap();

    let fresh = tempfile::tempdir().unwrap();
    let (restored, report) = restore_backup(&file, fresh.path(), &pass(), false, t0()).unwrap();
    assert_eq!(report.records, 2);
    assert_eq!(restored.get(&a.id), Some(&a));
    assert_eq!(restored.get(&b.id), Some(&b));
    drop(restored);
    Vault::unlock(fresh.path(), PASS, t0())
        .expect("the restored vault opens with the same passphrase");

    let other = tempfile::tempdir().unwrap();
    let code = BackupSecret::RecoveryKey(recovery.display_code());
    let (restored, _) = restore_backup(&file, other.path(), &code, false, t0()).unwrap();
    assert_eq!(restored.len(), 2);
}

#[test]
fn restoring_never_replaces_an_existing_vault_without_the_explicit_choice() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    vault
        .save(None, craving("in the backup", 5, t0()), stamp(t0()))
        .unwrap();
    let file = dir.path().join("b.backup");
    vault.export_backup(&file).unwrap();
    let only_here = vault
        .save(
            None,
            craving("written after the backup", 5, t0()),
            stamp(t0()),
        )
        .unwrap();
    drop(vault);

    assert!(matches!(
        restore_backup(&file, dir.path(), &pass(), false, t0()),
        Err(Error::VaultExists)
    ));
    let (vault, _) = Vault::unlock(dir.path(), PASS, t0()).unwrap();
    assert!(
        vault.get(&only_here.id).is_some(),
        "the refused restore changed nothing"
    );
    drop(vault);

    let (vault, report) = restore_backup(&file, dir.path(), &pass(), true, t0()).unwrap();
    assert_eq!(
        report.records, 1,
        "with the explicit choice the backup replaces the vault"
    );
    assert!(vault.get(&only_here.id).is_none());
}

#[test]
fn a_wrong_secret_or_damaged_backup_is_refused_and_the_current_vault_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    vault
        .save(None, craving("precious", 5, t0()), stamp(t0()))
        .unwrap();
    let file = dir.path().join("b.backup");
    vault.export_backup(&file).unwrap();
    drop(vault);
    let bytes = fs::read(&file).unwrap();

    let wrong = BackupSecret::Passphrase(Zeroizing::new("not it at all".to_owned()));
    assert!(matches!(
        restore_backup(&file, dir.path(), &wrong, true, t0()),
        Err(Error::WrongPassphrase)
    ));

    let cases: Vec<(&str, Vec<u8>, FileProblem)> = vec![
        ("empty", Vec::new(), FileProblem::Empty),
        (
            "foreign",
            b"hello, not a backup".to_vec(),
            FileProblem::Foreign,
        ),
        (
            "truncated",
            bytes[..bytes.len() / 2].to_vec(),
            FileProblem::Corrupted,
        ),
        (
            "tampered",
            {
                let mut b = bytes.clone();
                let n = b.len() - 10;
                b[n] ^= 1;
                b
            },
            FileProblem::Corrupted,
        ),
        (
            "cut in the header",
            bytes[..30].to_vec(),
            FileProblem::Truncated,
        ),
    ];
    for (name, content, want) in cases {
        let bad = dir.path().join(format!("{name}.backup"));
        fs::write(&bad, content).unwrap();
        match restore_backup(&bad, dir.path(), &pass(), true, t0()) {
            Err(Error::DamagedFile(got)) => assert_eq!(got, want, "{name}"),
            other => panic!("{name}: expected a damaged-file error, got {other:?}"),
        }
        let (vault, _) = Vault::unlock(dir.path(), PASS, t0()).unwrap();
        assert_eq!(vault.len(), 1, "{name}: the existing vault is untouched");
    }
}

#[test]
fn plain_export_and_wipe_do_what_they_say() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    vault
        .save(None, craving("mine to keep", 5, t0()), stamp(t0()))
        .unwrap();
    let out = tempfile::tempdir().unwrap();
    let export = out.path().join("export.json");
    // Step-up: a wrong passphrase writes nothing, even while unlocked.
    assert!(matches!(
        vault.export_plain_json(&export, "not my passphrase"),
        Err(Error::WrongPassphrase)
    ));
    assert!(!export.exists(), "nothing written without the passphrase");
    vault.export_plain_json(&export, PASS).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&fs::read(&export).unwrap()).unwrap();
    assert_eq!(json["format"], "tideline-export-1");
    assert_eq!(json["records"][0]["record"]["situation"], "mine to keep");

    assert!(matches!(
        vault.verify_passphrase("wrong one here"),
        Err(Error::WrongPassphrase)
    ));
    vault.wipe(PASS).unwrap();
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert!(
        left.is_empty(),
        "wipe removes every vault file, found {left:?}"
    );
    assert!(matches!(
        Vault::unlock(dir.path(), PASS, t0()),
        Err(Error::NoVault)
    ));
}
