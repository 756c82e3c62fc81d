//! Passphrase, recovery key and lockout.

use chrono::Duration;
use std::time::{Duration as StdDuration, Instant};

use tideline_core::vault::{lockout_delay_secs, retry_after_secs_at, KdfParams, Vault};
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
    // The monotonic clock moves with the wall clock here (see the next tests for when it does not).
    let mono0 = Instant::now();
    let mono = |now: chrono::DateTime<chrono::Utc>| {
        mono0 + StdDuration::from_secs((now - t0()).num_seconds().max(0) as u64)
    };
    for attempt in 1..=4 {
        let err = Vault::unlock_at(dir.path(), "wrong guess", now, mono(now)).unwrap_err();
        assert!(
            matches!(err, Error::WrongPassphrase),
            "attempt {attempt} should just be wrong"
        );
    }
    let err = Vault::unlock_at(dir.path(), "wrong guess", now, mono(now)).unwrap_err();
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
    let err = Vault::unlock_at(dir.path(), PASS, now, mono(now)).unwrap_err();
    assert!(
        matches!(
            err,
            Error::LockedOut {
                retry_after_secs: 20
            }
        ),
        "during the wait: {err:?}"
    );
    assert_eq!(retry_after_secs_at(dir.path(), now, mono(now)).unwrap(), 20);
    // The next failure doubles the wait.
    now += Duration::seconds(20);
    let err = Vault::unlock_at(dir.path(), "wrong again", now, mono(now)).unwrap_err();
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
    let err = Vault::unlock_at(dir.path(), PASS, now - Duration::hours(5), mono(now)).unwrap_err();
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
    Vault::unlock_at(dir.path(), PASS, now, mono(now))
        .expect("after the wait the right passphrase works");
    assert_eq!(
        retry_after_secs_at(dir.path(), now, mono(now)).unwrap(),
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

#[test]
fn moving_the_clock_forward_does_not_end_a_wait() {
    let dir = tempfile::tempdir().unwrap();
    drop(new_vault(dir.path()));
    let mono = Instant::now();
    for _ in 1..=5 {
        let _ = Vault::unlock_at(dir.path(), "wrong guess", t0(), mono);
    }
    // Someone at the device sets the clock a day ahead: the wall clock says the wait is long over.
    let tomorrow = t0() + Duration::days(1);
    let err = Vault::unlock_at(dir.path(), PASS, tomorrow, mono).unwrap_err();
    assert!(
        matches!(
            err,
            Error::LockedOut {
                retry_after_secs: 30
            }
        ),
        "clock moved forward: {err:?}"
    );
    assert_eq!(retry_after_secs_at(dir.path(), tomorrow, mono).unwrap(), 30);
    // Time that really passed (the monotonic clock) and the wall clock together end it.
    let later = mono + StdDuration::from_secs(30);
    Vault::unlock_at(dir.path(), PASS, tomorrow, later).expect("after a real wait");
}

#[test]
fn concurrent_unlock_attempts_are_serialized_and_none_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    drop(new_vault(dir.path()));
    let barrier = std::sync::Barrier::new(8);
    let results: Vec<Error> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let (dir, barrier) = (dir.path(), &barrier);
                scope.spawn(move || {
                    barrier.wait();
                    Vault::unlock(dir, &format!("wrong guess {i}"), t0()).unwrap_err()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    // One at a time: four plain failures, the fifth starts the wait, the last three are refused
    // without a guess. Run at once, attempts would read the same count and lose failures.
    let wrong = results
        .iter()
        .filter(|e| matches!(e, Error::WrongPassphrase))
        .count();
    let locked = results
        .iter()
        .filter(|e| matches!(e, Error::LockedOut { .. }))
        .count();
    assert_eq!((wrong, locked), (4, 4), "{results:?}");
    let err = Vault::unlock(dir.path(), PASS, t0()).unwrap_err();
    assert!(matches!(err, Error::LockedOut { .. }), "{err:?}");
}

#[test]
fn passphrase_checks_inside_the_app_share_the_unlock_counter() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    let mono = Instant::now();
    for attempt in 1..=4 {
        let err = vault
            .verify_passphrase_at("wrong guess", t0(), mono)
            .unwrap_err();
        assert!(
            matches!(err, Error::WrongPassphrase),
            "attempt {attempt}: {err:?}"
        );
    }
    // Change passphrase, rotate and wipe check through the same counter.
    let err = vault
        .change_passphrase("wrong guess", "harbour candle meadow thistle", PARAMS)
        .unwrap_err();
    assert!(matches!(err, Error::LockedOut { .. }), "fifth: {err:?}");
    let err = vault.rotate_recovery_key(PASS).unwrap_err();
    assert!(
        matches!(err, Error::LockedOut { .. }),
        "even the right passphrase waits: {err:?}"
    );
    drop(vault);
    // And the count holds for unlocking too.
    let err = Vault::unlock_at(dir.path(), PASS, t0(), mono).unwrap_err();
    assert!(matches!(err, Error::LockedOut { .. }), "{err:?}");
    // (change and rotate read the machine's clocks, so the end of the wait is counted from them.)
    let after = chrono::Utc::now() + Duration::seconds(31);
    let (vault, _) = Vault::unlock_at(
        dir.path(),
        PASS,
        after,
        Instant::now() + StdDuration::from_secs(31),
    )
    .unwrap();
    vault
        .verify_passphrase_at(PASS, after, Instant::now() + StdDuration::from_secs(31))
        .expect("the count reset");
}
