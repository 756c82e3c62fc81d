//! Answers through the outbox: offline, resent after a lost reply, and across a server crash.

use std::time::Duration;

use ring::rand::SystemRandom;
use tideline_core::error::ErrorCode;
use tideline_core::record::{Record, RecordKind};
use tideline_core::session::ParticipantResponse;
use tideline_core::sync::{self, Trigger};
use tideline_wire::ParticipationStatus;

use crate::support::{now, Clinic, Device, SESSIONS};

fn answer_offline_then_sync(tls: bool) {
    let mut clinic = Clinic::start(tls);
    let mut device = Device::new();
    device.connect(&clinic);
    device.sync().unwrap();
    let ids: Vec<String> = device
        .clinic_sessions()
        .into_iter()
        .map(|(id, _, _)| id)
        .collect();

    clinic.kill();
    device.answer(&ids[0], ParticipantResponse::Accepted);
    device.answer(&ids[1], ParticipantResponse::Declined);
    assert_eq!(
        device.session(&ids[0]).1.response,
        ParticipantResponse::Accepted,
        "the answer shows at once, offline"
    );
    let offline = device.sync().unwrap_err();
    assert_eq!(offline.code(), ErrorCode::Offline);
    assert_eq!(
        offline.to_string(),
        "the clinic could not be reached; your answers are saved and will be sent later"
    );
    let waiting = sync::status(&device.vault);
    assert_eq!(waiting.pending, 2, "both answers wait in the outbox");
    assert!(waiting.parked.is_empty(), "being offline parks nothing");
    assert!(waiting.next_attempt.is_some(), "a retry is scheduled");

    clinic.boot();
    let report = device.sync().expect("the clinic is back");
    assert_eq!(report.answers_sent, 2);
    assert_eq!(sync::status(&device.vault).pending, 0);
    assert_eq!(clinic.answers_for(&ids[0]), 1);
    assert_eq!(clinic.answers_for(&ids[1]), 1);
    assert_eq!(
        clinic.participant_status(&ids[0]),
        ParticipationStatus::Accepted
    );
    assert_eq!(
        clinic.participant_status(&ids[1]),
        ParticipationStatus::Declined
    );
    // The schedule read after sending carries the clinic's record of the answers: the same.
    assert_eq!(
        device.session(&ids[0]).1.response,
        ParticipantResponse::Accepted
    );
    assert_eq!(
        device.session(&ids[1]).1.response,
        ParticipantResponse::Declined
    );
}

#[test]
fn answers_given_offline_are_sent_when_the_clinic_is_back_over_http() {
    answer_offline_then_sync(false);
}

#[test]
fn answers_given_offline_are_sent_when_the_clinic_is_back_over_https() {
    answer_offline_then_sync(true);
}

#[test]
fn a_background_sync_waits_for_the_backoff_but_the_patient_need_not() {
    let mut clinic = Clinic::start(false);
    let mut device = Device::new();
    device.connect(&clinic);
    device.sync().unwrap();
    let id = device.clinic_sessions()[0].0.clone();
    clinic.kill();
    device.answer(&id, ParticipantResponse::Tentative);
    let failed_at = now();
    let error = sync::sync(
        &mut device.vault,
        Trigger::Background,
        failed_at,
        &SystemRandom::new(),
    )
    .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Offline);
    let retry_at = sync::status(&device.vault).next_attempt.unwrap();
    assert!(retry_at >= failed_at.utc);
    assert!(
        retry_at <= failed_at.utc + chrono::Duration::seconds(5),
        "the first retry waits at most the base delay"
    );

    clinic.boot();
    let mut early = failed_at;
    early.utc = retry_at - chrono::Duration::milliseconds(1);
    if early.utc >= failed_at.utc {
        let report = sync::sync(
            &mut device.vault,
            Trigger::Background,
            early,
            &SystemRandom::new(),
        )
        .unwrap();
        assert_eq!(report.answers_sent, 0, "not before the backoff has passed");
        assert_eq!(sync::status(&device.vault).pending, 1);
    }
    let report = device.sync().unwrap();
    assert_eq!(report.answers_sent, 1, "a tap on Sync now tries at once");
    assert_eq!(clinic.answers_for(&id), 1);
}

#[test]
fn the_same_answer_delivered_twice_is_stored_once() {
    let clinic = Clinic::start(false);
    let mut device = Device::new();
    device.connect(&clinic);
    device.sync().unwrap();
    let id = device.clinic_sessions()[3].0.clone();
    device.answer(&id, ParticipantResponse::Accepted);
    let entry = device
        .vault
        .of_kind(RecordKind::Outbox)
        .next()
        .unwrap()
        .record
        .clone();
    assert_eq!(device.sync().unwrap().answers_sent, 1);
    assert_eq!(clinic.answers_for(&id), 1);

    // The reply was lost: the app never saw the 2xx, so the entry is still in its outbox, and it
    // sends the same answer with the same key again.
    device.vault.save(None, entry, now()).unwrap();
    assert_eq!(sync::status(&device.vault).pending, 1);
    let resent = device.sync().unwrap();
    assert_eq!(
        resent.answers_sent, 1,
        "the clinic confirms a repeat like the first time"
    );
    assert_eq!(sync::status(&device.vault).pending, 0);
    assert_eq!(
        clinic.answers_for(&id),
        1,
        "the clinic stored the answer once"
    );
}

#[test]
fn a_changed_answer_replaces_the_one_not_yet_sent() {
    let mut clinic = Clinic::start(false);
    let mut device = Device::new();
    device.connect(&clinic);
    device.sync().unwrap();
    let id = device.clinic_sessions()[4].0.clone();
    clinic.kill();
    device.answer(&id, ParticipantResponse::Accepted);
    device.answer(&id, ParticipantResponse::Declined);
    assert_eq!(
        sync::status(&device.vault).pending,
        1,
        "only the latest answer waits"
    );
    clinic.boot();
    device.sync().unwrap();
    assert_eq!(clinic.answers_for(&id), 1);
    assert_eq!(
        clinic.participant_status(&id),
        ParticipationStatus::Declined
    );
}

#[test]
fn an_interrupted_answer_is_repaired_before_it_is_sent() {
    let clinic = Clinic::start(false);
    let mut device = Device::new();
    device.connect(&clinic);
    device.sync().unwrap();
    let id = device.clinic_sessions()[5].0.clone();
    let (record, before) = device.session(&id);
    device.answer(&id, ParticipantResponse::Tentative);
    // A crash after the outbox entry was written but before the session was: put the old session back.
    device
        .vault
        .save(Some(record), Record::Session(before), now())
        .unwrap();
    assert_eq!(
        device.session(&id).1.response,
        ParticipantResponse::NeedsAction
    );
    device.sync().unwrap();
    assert_eq!(
        device.session(&id).1.response,
        ParticipantResponse::Tentative,
        "the outbox holds the patient's answer; the session shows it again"
    );
    assert_eq!(
        clinic.participant_status(&id),
        ParticipationStatus::Tentative
    );
}

#[test]
fn a_server_killed_mid_sync_loses_and_duplicates_nothing() {
    let mut clinic = Clinic::start(false);
    let mut device = Device::new();
    device.connect(&clinic);
    device.sync().unwrap();
    let ids: Vec<String> = device
        .clinic_sessions()
        .into_iter()
        .map(|(id, _, _)| id)
        .collect();
    let answered = &ids[..12];
    for (n, id) in answered.iter().enumerate() {
        let response = if n % 2 == 0 {
            ParticipantResponse::Accepted
        } else {
            ParticipantResponse::Declined
        };
        device.answer(id, response);
    }
    // A second device that has not read the schedule yet, so the crash can also cut a first pull.
    let mut fresh = Device::new();
    fresh.connect(&clinic);

    // Kill the server at different points of a sync; each time restart it and go on.
    let mut interrupted = 0;
    for delay_ms in [0_u64, 1, 3, 6, 10, 20, 40] {
        let killer = clinic.kill_after(Duration::from_millis(delay_ms));
        let first = device.sync();
        let second = fresh.sync();
        killer.join().unwrap();
        interrupted += usize::from(first.is_err()) + usize::from(second.is_err());
        for result in [first, second] {
            if let Err(error) = result {
                assert!(
                    matches!(error.code(), ErrorCode::Offline | ErrorCode::Clinic),
                    "a crash is reported as the clinic being away: {error}"
                );
            }
        }
        clinic.boot();
    }
    assert!(interrupted > 0, "at least one sync was cut short");
    device.sync().expect("the clinic is back for good");
    fresh.sync().expect("the clinic is back for good");

    assert_eq!(
        sync::status(&device.vault).pending,
        0,
        "nothing left behind"
    );
    for (n, id) in answered.iter().enumerate() {
        assert_eq!(clinic.answers_for(id), 1, "appointment {id}: stored once");
        let expected = if n % 2 == 0 {
            ParticipationStatus::Accepted
        } else {
            ParticipationStatus::Declined
        };
        assert_eq!(clinic.participant_status(id), expected);
    }
    for phone in [&device, &fresh] {
        let sessions = phone.clinic_sessions();
        assert_eq!(sessions.len(), SESSIONS, "no session lost or doubled");
        let mut seen: Vec<&String> = sessions.iter().map(|(id, _, _)| id).collect();
        seen.dedup();
        assert_eq!(seen.len(), SESSIONS);
    }
    assert_eq!(
        fresh.session(&answered[0]).1.response,
        ParticipantResponse::Accepted,
        "the other device reads the answer from the clinic"
    );
}
