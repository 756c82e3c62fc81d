//! "Someone may know my passphrase" renews the device's clinic key too: a copy of the vault made
//! before the rotation (with the old passphrase) can no longer act for the patient at the clinic.

use ring::rand::SystemRandom;
use tideline_core::error::ErrorCode;
use tideline_core::sync::{self, renewal::ClinicKey};
use tideline_core::vault::{KdfParams, Vault};

use crate::support::{now, Clinic, Device, PASS};

const NEXT: &str = "harbor cobalt whistle meadow";

/// A copy of the vault's files, as someone with access to the device could take.
fn copy_vault(device: &Device) -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    for name in ["vault.db", "vault.db-wal"] {
        let from = device._dir.path().join(name);
        if from.exists() {
            std::fs::copy(&from, copy.path().join(name)).unwrap();
        }
    }
    copy
}

fn open_copy(copy: tempfile::TempDir, passphrase: &str) -> Device {
    let (vault, _) = Vault::unlock(copy.path(), passphrase, now().utc).unwrap();
    Device { _dir: copy, vault }
}

fn rotate(device: &mut Device) -> Option<ClinicKey> {
    sync::renewal::rotate_master_key(
        &mut device.vault,
        PASS,
        NEXT,
        KdfParams::FLOOR,
        now(),
        &SystemRandom::new(),
    )
    .expect("the rotation succeeds")
    .clinic_key
}

/// The device's public key as the clinic holds it.
fn clinic_key(clinic: &Clinic, device: &Device) -> Vec<u8> {
    let id: i64 = sync::connection(&device.vault)
        .unwrap()
        .device_id
        .parse()
        .unwrap();
    clinic
        .db()
        .query_row("SELECT public_key FROM device WHERE id = ?1", [id], |row| {
            row.get(0)
        })
        .unwrap()
}

#[test]
fn after_rotation_the_clinic_refuses_the_old_key_and_the_new_one_syncs() {
    let clinic = Clinic::start(false);
    let mut device = Device::new();
    device.connect(&clinic);
    device.sync().unwrap();
    let before = clinic_key(&clinic, &device);
    let copy = copy_vault(&device);

    assert_eq!(rotate(&mut device), Some(ClinicKey::Renewed));
    assert_ne!(
        clinic_key(&clinic, &device),
        before,
        "the clinic holds the new key"
    );
    device.sync().expect("the new key syncs");
    assert!(!sync::status(&device.vault).device_refused);

    let mut copied = open_copy(copy, PASS);
    let refused = copied.sync().unwrap_err();
    assert_eq!(
        refused.code(),
        ErrorCode::DeviceRefused,
        "the copied old key"
    );
    assert!(
        sync::revoke_at_clinic(&copied.vault, now(), &SystemRandom::new()).is_ok(),
        "a refused device has nothing to revoke"
    );
    // Reopened with the new passphrase, the device still syncs with the key it renewed.
    let dir = device._dir;
    drop(device.vault);
    let mut reopened = open_copy(dir, NEXT);
    reopened.sync().expect("the renewed key was kept");
}

#[test]
fn offline_at_rotation_the_key_is_renewed_at_the_next_sync_before_anything_else() {
    let mut clinic = Clinic::start(false);
    let mut device = Device::new();
    device.connect(&clinic);
    device.sync().unwrap();
    let before = clinic_key(&clinic, &device);
    let copy_before = copy_vault(&device);

    clinic.kill();
    assert_eq!(rotate(&mut device), Some(ClinicKey::AtNextConnection));
    assert_eq!(
        ClinicKey::AtNextConnection.message(),
        "The clinic could not be reached, so this device's clinic key will be renewed at the next connection, before anything else is sent."
    );
    // The app is closed and opened again (the new key waits sealed in the vault), and a copy of the
    // vault as it is now is taken too.
    let dir = device._dir;
    drop(device.vault);
    let mut device = open_copy(dir, NEXT);
    let copy_after = copy_vault(&device);

    clinic.boot();
    assert_eq!(
        clinic_key(&clinic, &device),
        before,
        "nothing was sent while offline"
    );
    device
        .sync()
        .expect("the next sync renews the key and syncs");
    assert_ne!(clinic_key(&clinic, &device), before);
    device.sync().expect("and the new key keeps syncing");

    let refused = open_copy(copy_before, PASS).sync().unwrap_err();
    assert_eq!(refused.code(), ErrorCode::DeviceRefused, "the old key");

    // The copy taken after the rotation is a device whose renewal was taken by the clinic but whose
    // answer never arrived: its old key is refused, and the same renewal with the new key finds it
    // already in place.
    let mut unanswered = open_copy(copy_after, NEXT);
    unanswered
        .sync()
        .expect("a renewal whose answer was lost completes");
    assert!(!sync::status(&unanswered.vault).device_refused);
}

#[test]
fn a_device_the_clinic_revoked_keeps_its_refusal_through_a_rotation() {
    let clinic = Clinic::start(false);
    let mut device = Device::new();
    device.connect(&clinic);
    device.sync().unwrap();
    let id = sync::connection(&device.vault).unwrap().device_id.clone();
    clinic.revoke(&id);

    assert_eq!(rotate(&mut device), Some(ClinicKey::DeviceRefused));
    let status = sync::status(&device.vault);
    assert!(status.device_refused, "shown as today's refused device");
    assert_eq!(device.sync().unwrap_err().code(), ErrorCode::DeviceRefused);
    // Nothing more to renew: a second rotation says nothing about the clinic.
    let recovery = sync::renewal::rotate_master_key(
        &mut device.vault,
        NEXT,
        PASS,
        KdfParams::FLOOR,
        now(),
        &SystemRandom::new(),
    )
    .unwrap();
    assert_eq!(recovery.clinic_key, None);
}
