//! The sync in three steps (prepare, exchange, apply), as the shell runs it so the vault is not held
//! during the network: what the patient does in between is neither lost nor overwritten.

use ring::rand::SystemRandom;
use tideline_core::error::ErrorCode;
use tideline_core::record::{Record, RecordKind};
use tideline_core::session::ParticipantResponse;
use tideline_core::sync::{self, Trigger};
use tideline_wire::ParticipationStatus;

use crate::support::{now, Clinic, Device};

fn outbox_keys(device: &Device) -> Vec<(ParticipantResponse, String)> {
    device
        .vault
        .of_kind(RecordKind::Outbox)
        .filter_map(|stored| match &stored.record {
            Record::Outbox(entry) => Some((entry.response, entry.idempotency_key.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn an_answer_given_during_the_network_stays_and_goes_next_time() {
    let clinic = Clinic::start(false);
    let mut device = Device::new();
    device.connect(&clinic);
    device.sync().unwrap();
    let id = device.clinic_sessions()[0].0.clone();
    device.answer(&id, ParticipantResponse::Accepted);
    let first = outbox_keys(&device);
    assert_eq!(first.len(), 1);

    let plan = sync::prepare(&device.vault, Trigger::Background, now())
        .unwrap()
        .expect("connected");
    // The patient changes their mind while the sync is on the network.
    device.answer(&id, ParticipantResponse::Declined);
    let second = outbox_keys(&device);
    assert_eq!(second.len(), 1, "the newer answer replaced the older");
    assert_ne!(second[0].1, first[0].1, "a new answer has a new key");

    let outcome = plan.exchange(now(), &SystemRandom::new());
    let report = sync::apply(&mut device.vault, outcome, now()).unwrap();
    assert_eq!(
        report.answers_sent, 1,
        "the clinic confirmed the older answer"
    );
    assert_eq!(clinic.answers_for(&id), 1);
    assert_eq!(
        outbox_keys(&device),
        second,
        "the newer answer is still waiting, untouched"
    );
    assert_eq!(sync::status(&device.vault).pending, 1);
    assert_eq!(
        device.session(&id).1.response,
        ParticipantResponse::Declined,
        "the schedule read in the same sync does not overwrite the answer still waiting"
    );

    let report = device.sync().unwrap();
    assert_eq!(report.answers_sent, 1, "the newer answer goes next time");
    assert_eq!(clinic.answers_for(&id), 2, "one answer per key, each once");
    assert_eq!(
        clinic.participant_status(&id),
        ParticipationStatus::Declined
    );
    assert!(outbox_keys(&device).is_empty());
    assert_eq!(
        device.session(&id).1.response,
        ParticipantResponse::Declined
    );

    let report = device.sync().unwrap();
    assert_eq!(
        report.answers_sent, 0,
        "the older answer is never sent again"
    );
    assert_eq!(clinic.answers_for(&id), 2);
}

#[test]
fn an_outcome_for_a_connection_replaced_meanwhile_stores_nothing() {
    let clinic = Clinic::start(false);
    let mut device = Device::new();
    device.connect(&clinic);
    device.sync().unwrap();
    let id = device.clinic_sessions()[1].0.clone();
    device.answer(&id, ParticipantResponse::Tentative);
    let waiting = outbox_keys(&device);

    let plan = sync::prepare(&device.vault, Trigger::Patient, now())
        .unwrap()
        .expect("connected");
    sync::disconnect(&mut device.vault, now().utc).unwrap();
    device.connect(&clinic);
    let outcome = plan.exchange(now(), &SystemRandom::new());
    let error = sync::apply(&mut device.vault, outcome, now()).unwrap_err();
    assert_eq!(error.code(), ErrorCode::Clinic);
    assert_eq!(outbox_keys(&device), waiting, "the outbox is as it was");
    assert_eq!(
        sync::connection(&device.vault).unwrap().last_synced,
        None,
        "the new connection is not marked synced"
    );

    assert_eq!(
        device.sync().unwrap().answers_sent,
        1,
        "the next sync sends it"
    );
    assert_eq!(outbox_keys(&device), vec![]);
    assert_eq!(clinic.answers_for(&id), 1, "stored once despite two sends");
}

#[test]
fn prepare_without_a_connection_is_nothing_to_do() {
    let device = Device::new();
    assert!(sync::prepare(&device.vault, Trigger::Background, now())
        .unwrap()
        .is_none());
}
