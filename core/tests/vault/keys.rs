//! Passphrase, recovery key and lockout.

use chrono::Duration;
use tideline_core::vault::{lockout_delay_secs, retry_after_secs, KdfParams, Vault};
use tideline_core::{Error, ErrorCode};

use crate::support::*;

#[test]
fn wrong_passphrase_is_a_clear_error_and_the_right_one_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    vault
        .save(None, craving("after work", 6, t0()), stamp(t0()))
        .unwrap();
    drop(vault);
    let err = Vault::unlock(dir.path(), "not the passphrase", t0()).unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase), "got {err:?}");
    assert_eq!(err.code(), ErrorCode::WrongSecret);
    assert_eq!(err.to_string(), "that passphrase did not unlock the vault");
    let (vault, report) = Vault::unlock(dir.path(), PASS, t0()).unwrap();
    assert_eq!(report.records, 1);
    assert_eq!(vault.len(), 1);
}

#[test]
fn after_five_failures_each_attempt_waits_longer_and_the_wait_is_enforced() {
    let dir = tempfile::tempdir().unwrap();
    drop(new_vault(dir.path()));
    let mut now = t0();
    for attempt in 1..=4 {
        let err = Vault::unlock(dir.path(), "wrong guess", now).unwrap_err();
        assert!(
            matches!(err, Error::WrongPassphrase),
            "attempt {attempt} should just be wrong"
        );
    }
    let err = Vault::unlock(dir.path(), "wrong guess", now).unwrap_err();
    assert!(
        matches!(
            err,
            Error::LockedOut {
                retry_after_secs: 30
            }
        ),
        "fifth failure: {err:?}"
    );
    // Even the right passphrase is refused during the wait: the delay is the core's, not the UI's.
    now += Duration::seconds(10);
    let err = Vault::unlock(dir.path(), PASS, now).unwrap_err();
    assert!(
        matches!(
            err,
            Error::LockedOut {
                retry_after_secs: 20
            }
        ),
        "during the wait: {err:?}"
    );
    assert_eq!(retry_after_secs(dir.path(), now).unwrap(), 20);
    // The next failure doubles the wait.
    now += Duration::seconds(20);
    let err = Vault::unlock(dir.path(), "wrong again", now).unwrap_err();
    assert!(
        matches!(
            err,
            Error::LockedOut {
                retry_after_secs: 60
            }
        ),
        "sixth failure: {err:?}"
    );
    // Moving the clock back does not shorten the wait.
    let err = Vault::unlock(dir.path(), PASS, now - Duration::hours(5)).unwrap_err();
    assert!(
        matches!(
            err,
            Error::LockedOut {
                retry_after_secs: 60
            }
        ),
        "clock moved back: {err:?}"
    );
    now += Duration::seconds(60);
    Vault::unlock(dir.path(), PASS, now).expect("after the wait the right passphrase works");
    assert_eq!(
        retry_after_secs(dir.path(), now).unwrap(),
        0,
        "success resets the counter"
    );
}

#[test]
fn lockout_delay_grows_and_is_capped_at_an_hour() {
    assert_eq!(lockout_delay_secs(4), 0);
    assert_eq!(lockout_delay_secs(5), 30);
    assert_eq!(lockout_delay_secs(6), 60);
    assert_eq!(lockout_delay_secs(9), 480);
    assert_eq!(lockout_delay_secs(100), 3600);
}

#[test]
fn changing_the_passphrase_rewraps_only_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    vault
        .save(
            None,
            craving("kept across the change", 3, t0()),
            stamp(t0()),
        )
        .unwrap();
    let err = vault
        .change_passphrase("wrong current", "a whole new passphrase", PARAMS)
        .unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase));
    vault
        .change_passphrase(PASS, "a whole new passphrase", PARAMS)
        .unwrap();
    drop(vault);
    assert!(matches!(
        Vault::unlock(dir.path(), PASS, t0()),
        Err(Error::WrongPassphrase)
    ));
    let (vault, _) = Vault::unlock(dir.path(), "a whole new passphrase", t0()).unwrap();
    assert_eq!(vault.len(), 1);
}

#[test]
fn passphrases_are_unicode_normalized() {
    let dir = tempfile::tempdir().unwrap();
    Vault::create(dir.path(), "caf\u{e9} au lait please", PARAMS, t0()).unwrap();
    Vault::unlock(dir.path(), "cafe\u{301} au lait please", t0())
        .expect("decomposed é opens a vault made with composed é");
}

#[test]
fn short_passphrases_and_weak_parameters_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        Vault::create(dir.path(), "short", PARAMS, t0()),
        Err(Error::Invalid(_))
    ));
    let weak = KdfParams {
        memory_kib: 4096,
        ..KdfParams::FLOOR
    };
    assert!(matches!(
        Vault::create(dir.path(), PASS, weak, t0()),
        Err(Error::Invalid(_))
    ));
    assert!(
        !tideline_core::vault::vault_file(dir.path()).exists(),
        "a refused create leaves no file"
    );
}

#[test]
fn recovery_key_resets_the_passphrase_and_can_be_rotated() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, recovery) = new_vault(dir.path());
    vault
        .save(None, craving("still here", 2, t0()), stamp(t0()))
        .unwrap();
    drop(vault);
    let code = recovery.display_code().to_string();
    let wrong = "0000-0000-0000-0000-0000-0000-0000-0000";
    assert!(matches!(
        Vault::recover(dir.path(), wrong, "new passphrase here", PARAMS, t0()),
        Err(Error::WrongRecoveryKey)
    ));
    let (mut vault, report) = Vault::recover(
        dir.path(),
        &code.to_lowercase(),
        "new passphrase here",
        PARAMS,
        t0(),
    )
    .unwrap();
    assert_eq!(report.records, 1);
    let rotated = vault.rotate_recovery_key("new passphrase here").unwrap();
    drop(vault);
    assert!(
        Vault::unlock_with_recovery_key(dir.path(), &code, t0()).is_err(),
        "the old recovery key stops working"
    );
    Vault::unlock_with_recovery_key(dir.path(), &rotated.display_code(), t0())
        .expect("the new one works");
    Vault::unlock(dir.path(), "new passphrase here", t0())
        .expect("the passphrase set during recovery works");
}

#[test]
fn default_kdf_parameters_are_the_briefed_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _) = Vault::create(dir.path(), PASS, KdfParams::DEFAULT, t0()).unwrap();
    assert_eq!(
        vault.passphrase_params().unwrap(),
        KdfParams {
            memory_kib: 64 * 1024,
            iterations: 3,
            parallelism: 1
        },
        "Argon2id m=64 MiB, t=3, p=1 is stored with the slot"
    );
}

#[test]
fn auto_lock_follows_idle_time_and_survives_clock_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    assert!(!vault.idle_expired(t0() + Duration::minutes(4)));
    assert!(
        vault.idle_expired(t0() + Duration::minutes(5)),
        "default idle time is 5 minutes"
    );
    vault.touch(t0() + Duration::minutes(5));
    assert!(!vault.idle_expired(t0() + Duration::minutes(9)));
    // Clock moved back an hour: not locked at once, and the idle time counts from the new reading.
    assert!(!vault.idle_expired(t0() - Duration::hours(1)));
    assert!(vault.idle_expired(t0() - Duration::hours(1) + Duration::minutes(5)));
}
