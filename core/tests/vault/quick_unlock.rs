//! Quick unlock: a device key (kept by the phone's keystore behind biometrics) wraps the master key in
//! its own slot; the passphrase stays the root.

use tideline_core::vault::{
    quick_unlock_on, restore_backup, BackupSecret, DeviceKey, RecoveryKey, Vault,
};
use tideline_core::{Error, ErrorCode};
use zeroize::Zeroizing;

use crate::support::*;

/// A vault with one entry and quick unlock on; returns the device key as the keystore would keep it.
fn vault_with_quick_unlock(dir: &std::path::Path) -> (Zeroizing<String>, RecoveryKey) {
    let (mut vault, recovery) = new_vault(dir);
    vault
        .save(None, craving("after work", 6, t0()), stamp(t0()))
        .unwrap();
    assert!(
        !quick_unlock_on(dir).unwrap(),
        "off until the patient turns it on"
    );
    let key = vault.enable_quick_unlock(PASS).unwrap().to_text();
    assert!(vault.quick_unlock_enabled().unwrap());
    (key, recovery)
}

fn quick(dir: &std::path::Path, key: &str) -> Result<Vault, Error> {
    let key = DeviceKey::from_text(key)?;
    Vault::unlock_with_device_key(dir, &key, t0()).map(|(vault, _)| vault)
}

#[test]
fn the_device_key_opens_the_vault_and_turning_it_on_needs_the_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let (key, _) = vault_with_quick_unlock(dir.path());
    assert_eq!(key.len(), 64);
    assert!(quick_unlock_on(dir.path()).unwrap());
    let vault = quick(dir.path(), &key).unwrap();
    assert_eq!(vault.len(), 1, "the records load as with the passphrase");
    let mut vault = vault;
    let err = vault.enable_quick_unlock("not the passphrase").unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase), "got {err:?}");
    // The passphrase still opens it: quick unlock is an extra way in, not a replacement.
    drop(vault);
    Vault::unlock(dir.path(), PASS, t0()).unwrap();
}

#[test]
fn another_key_or_no_slot_is_refused_with_the_same_sentence() {
    let dir = tempfile::tempdir().unwrap();
    drop(new_vault(dir.path()));
    let stranger = "ab".repeat(32);
    let err = quick(dir.path(), &stranger).unwrap_err();
    assert!(matches!(err, Error::QuickUnlockOff), "no slot: {err:?}");
    assert_eq!(err.code(), ErrorCode::WrongSecret);
    assert_eq!(
        err.to_string(),
        "quick unlock is off on this device; unlock with your passphrase"
    );
    let dir = tempfile::tempdir().unwrap();
    let (key, _) = vault_with_quick_unlock(dir.path());
    assert!(matches!(
        quick(dir.path(), &stranger),
        Err(Error::QuickUnlockOff)
    ));
    assert!(matches!(
        quick(dir.path(), "not hex at all"),
        Err(Error::QuickUnlockOff)
    ));
    quick(dir.path(), &key).unwrap();
}

#[test]
fn changing_the_passphrase_recovering_or_a_new_recovery_key_turns_it_off() {
    let dir = tempfile::tempdir().unwrap();
    let (key, _) = vault_with_quick_unlock(dir.path());
    let mut vault = quick(dir.path(), &key).unwrap();
    vault
        .change_passphrase(PASS, "harbour candle meadow thistle", PARAMS)
        .unwrap();
    assert!(!vault.quick_unlock_enabled().unwrap());
    drop(vault);
    assert!(matches!(
        quick(dir.path(), &key),
        Err(Error::QuickUnlockOff)
    ));

    let dir = tempfile::tempdir().unwrap();
    let (key, _) = vault_with_quick_unlock(dir.path());
    let mut vault = quick(dir.path(), &key).unwrap();
    vault.rotate_recovery_key(PASS).unwrap();
    drop(vault);
    assert!(!quick_unlock_on(dir.path()).unwrap());
    assert!(matches!(
        quick(dir.path(), &key),
        Err(Error::QuickUnlockOff)
    ));

    let dir = tempfile::tempdir().unwrap();
    let (key, recovery) = vault_with_quick_unlock(dir.path());
    Vault::recover(
        dir.path(),
        &recovery.display_code(),
        "harbour candle meadow thistle",
        PARAMS,
        t0(),
    )
    .unwrap();
    assert!(matches!(
        quick(dir.path(), &key),
        Err(Error::QuickUnlockOff)
    ));
}

#[test]
fn turning_it_off_or_on_again_retires_the_old_key() {
    let dir = tempfile::tempdir().unwrap();
    let (first, _) = vault_with_quick_unlock(dir.path());
    let mut vault = quick(dir.path(), &first).unwrap();
    let second = vault.enable_quick_unlock(PASS).unwrap().to_text();
    assert_ne!(first, second, "a fresh random key each time");
    vault.disable_quick_unlock().unwrap();
    assert!(!vault.quick_unlock_enabled().unwrap());
    drop(vault);
    for key in [&first, &second] {
        assert!(matches!(quick(dir.path(), key), Err(Error::QuickUnlockOff)));
    }
}

#[test]
fn a_backup_does_not_carry_the_device_slot() {
    let dir = tempfile::tempdir().unwrap();
    let (key, _) = vault_with_quick_unlock(dir.path());
    let vault = quick(dir.path(), &key).unwrap();
    let backup = dir.path().join("backup.tideline");
    vault.export_backup(&backup).unwrap();
    drop(vault);
    let other = tempfile::tempdir().unwrap();
    let secret = BackupSecret::Passphrase(Zeroizing::new(PASS.to_owned()));
    let (restored, _) = restore_backup(&backup, other.path(), &secret, false, t0()).unwrap();
    assert_eq!(restored.len(), 1);
    assert!(!restored.quick_unlock_enabled().unwrap());
    drop(restored);
    assert!(matches!(
        quick(other.path(), &key),
        Err(Error::QuickUnlockOff)
    ));
}
