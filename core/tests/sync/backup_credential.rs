//! A backup is never a clinic credential: the device's signing key stays out of it.

use tideline_core::error::ErrorCode;
use tideline_core::sync;
use tideline_core::vault::{restore_backup, BackupSecret};
use zeroize::Zeroizing;

use crate::support::{now, Clinic, Device, PASS};

#[test]
fn a_restored_backup_carries_no_clinic_key_and_asks_to_reconnect() {
    let clinic = Clinic::start(false);
    let mut device = Device::new();
    device.connect(&clinic);
    device.sync().unwrap();
    let original = sync::connection(&device.vault).unwrap().clone();

    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("backup.tideline");
    device.vault.export_backup(&file).unwrap();
    let target = elsewhere.path().join("restored");
    std::fs::create_dir_all(&target).unwrap();
    let secret = BackupSecret::Passphrase(Zeroizing::new(PASS.to_owned()));
    let (restored, _) = restore_backup(&file, &target, &secret, false, now().utc).unwrap();

    // The same clinic and device id for the patient's reference, but another key: with the only
    // difference the reconnect mark, the two connections would be equal.
    let kept = sync::connection(&restored).unwrap().clone();
    assert!(kept.needs_reconnect);
    assert_eq!(kept.device_id, original.device_id);
    let mut marked = original.clone();
    marked.needs_reconnect = true;
    assert_ne!(kept, marked, "the enrolled key came back from the backup");

    let shown = sync::status(&restored);
    assert!(shown.connected && shown.reconnect_needed && !shown.device_refused);
    let mut restored = Device {
        _dir: elsewhere,
        vault: restored,
    };
    let refused = restored.sync().unwrap_err();
    assert_eq!(refused.code(), ErrorCode::DeviceRefused);

    // A new code connects the restored vault; the original device is untouched.
    restored.connect(&clinic);
    restored.sync().expect("reconnected with a new code");
    assert!(!sync::status(&restored.vault).reconnect_needed);
    device.sync().expect("the original device still syncs");
}

#[test]
fn disconnecting_revokes_the_device_so_a_copy_of_the_vault_cannot_sync() {
    let clinic = Clinic::start(false);
    let mut device = Device::new();
    device.connect(&clinic);
    device.sync().unwrap();
    // Someone copies the vault files (and knows the passphrase) before the patient disconnects.
    let copy = tempfile::tempdir().unwrap();
    for name in ["vault.db", "vault.db-wal"] {
        let from = device._dir.path().join(name);
        if from.exists() {
            std::fs::copy(&from, copy.path().join(name)).unwrap();
        }
    }
    sync::revoke_at_clinic(&device.vault, now(), &ring::rand::SystemRandom::new())
        .expect("the clinic confirms");
    sync::disconnect(&mut device.vault, now().utc).unwrap();
    assert!(!sync::status(&device.vault).connected);

    let (vault, _) = tideline_core::vault::Vault::unlock(copy.path(), PASS, now().utc).unwrap();
    let mut copied = Device { _dir: copy, vault };
    assert!(
        sync::status(&copied.vault).connected,
        "the copy still holds the key"
    );
    let refused = copied.sync().unwrap_err();
    assert_eq!(
        refused.code(),
        ErrorCode::DeviceRefused,
        "the clinic no longer accepts the copied key"
    );
}
