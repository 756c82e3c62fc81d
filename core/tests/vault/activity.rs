//! The auto-lock rule through the vault's API: only the patient's activity postpones the lock;
//! the app's own writes (the reminder mark, any background save or delete) never do; a hold keeps
//! the vault open for an exercise, at most 30 minutes after the patient was last active.

use chrono::Duration;
use tideline_core::reminder_delivery::{self as delivery, ReminderMark};
use tideline_core::vault::MAX_HOLD_MINUTES;

use crate::support::{craving, new_vault, stamp, t0};

fn idle() -> Duration {
    Duration::minutes(5)
}

#[test]
fn background_writes_never_postpone_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    assert_eq!(
        i64::from(vault.settings().auto_lock_minutes),
        idle().num_minutes()
    );
    let almost = t0() + idle() - Duration::seconds(1);
    // The reminder mark, a save and a delete at the last second: all of them the app's own.
    let mark = ReminderMark {
        handled_until: almost,
    };
    assert!(delivery::store_mark(&mut vault, mark, stamp(almost)).unwrap());
    let saved = vault
        .save(
            None,
            craving("written by the app", 3, almost),
            stamp(almost),
        )
        .unwrap();
    vault.delete(&saved.id, almost).unwrap();
    assert!(!vault.idle_expired(almost));
    assert!(
        vault.idle_expired(t0() + idle()),
        "the lock comes at the auto-lock time counted from the patient"
    );
}

#[test]
fn the_patients_activity_postpones_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    vault.touch(t0() + Duration::minutes(4));
    assert!(!vault.idle_expired(t0() + idle()));
    assert!(vault.idle_expired(t0() + Duration::minutes(4) + idle()));
}

#[test]
fn a_hold_keeps_the_vault_open_for_the_exercise_and_no_longer() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    let until = vault.hold(t0(), 60).expect("a hold is granted");
    assert_eq!(
        until,
        t0() + Duration::minutes(MAX_HOLD_MINUTES),
        "capped at 30 minutes"
    );
    assert!(!vault.idle_expired(t0() + Duration::minutes(29)));
    assert_eq!(
        vault.hold(t0() + Duration::minutes(29), 30),
        Some(until),
        "asking again without the patient does not extend it"
    );
    assert!(vault.idle_expired(until), "the hold has run out");
    vault.release_hold();
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    vault.hold(t0(), 30);
    vault.release_hold();
    assert!(
        vault.idle_expired(t0() + idle()),
        "a released hold holds nothing"
    );
}
