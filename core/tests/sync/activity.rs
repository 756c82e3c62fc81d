//! The auto-lock rule against a real clinic sync: a background sync writes the vault (sessions, the
//! connection's cursor) but is not the patient, so it never postpones the lock.

use chrono::{Duration, Utc};

use crate::support::{Clinic, Device, SESSIONS};

#[test]
fn a_background_sync_write_does_not_postpone_the_lock() {
    let clinic = Clinic::start(false);
    let mut device = Device::new();
    let opened = Utc::now();
    device.vault.touch(opened);
    device.connect(&clinic);
    let report = device.sync().expect("the sync reads the schedule");
    assert_eq!(
        report.sessions_changed as usize, SESSIONS,
        "the sync wrote the sessions into the vault"
    );
    let idle = Duration::minutes(i64::from(device.vault.settings().auto_lock_minutes));
    assert!(
        device.vault.idle_expired(opened + idle),
        "the lock comes at the auto-lock time counted from the patient, not from the sync's writes"
    );
}

#[test]
fn the_patient_postpones_the_lock_and_a_sync_after_that_changes_nothing() {
    let clinic = Clinic::start(false);
    let mut device = Device::new();
    let opened = Utc::now();
    device.connect(&clinic);
    let idle = Duration::minutes(i64::from(device.vault.settings().auto_lock_minutes));
    device.vault.touch(opened + Duration::minutes(3));
    device.sync().expect("a sync");
    assert!(
        !device.vault.idle_expired(opened + idle),
        "the patient was here 3 minutes in"
    );
    assert!(device
        .vault
        .idle_expired(opened + Duration::minutes(3) + idle));
}
