//! What the clinic refuses: a revoked device, and answers that can never succeed.

use ring::rand::SystemRandom;
use tideline_core::error::ErrorCode;
use tideline_core::record::{Record, RecordKind};
use tideline_core::session::{
    AppointmentStatus, ClinicSession, ParticipantResponse, SessionKind, SessionOrigin,
};
use tideline_core::sync::{self, OutgoingAnswer, ParkReason};

use crate::support::{now, Clinic, Device};

#[test]
fn a_revoked_device_is_refused_and_shown_until_it_connects_again() {
    let clinic = Clinic::start(false);
    let mut device = Device::new();
    device.connect(&clinic);
    device.sync().unwrap();
    let id = device.clinic_sessions()[0].0.clone();
    let device_id = sync::connection(&device.vault).unwrap().device_id.clone();

    clinic.revoke(&device_id);
    device.answer(&id, ParticipantResponse::Accepted);
    let refused = device.sync().unwrap_err();
    assert_eq!(refused.code(), ErrorCode::DeviceRefused);
    assert!(refused.to_string().contains("new code"));
    let shown = sync::status(&device.vault);
    assert!(shown.connected && shown.device_refused);
    assert_eq!(
        shown.pending, 1,
        "the answer is kept for when the device is connected again"
    );
    assert!(
        shown.parked.is_empty(),
        "a refused device is not the answer's fault"
    );
    assert_eq!(
        device.sync().unwrap_err().code(),
        ErrorCode::DeviceRefused,
        "a refused device stops trying"
    );
    assert_eq!(clinic.answers_for(&id), 0);

    // Connecting again with a new code replaces the refused connection and sends what waited.
    device.connect(&clinic);
    assert!(!sync::status(&device.vault).device_refused);
    let report = device.sync().unwrap();
    assert_eq!(report.answers_sent, 1);
    assert_eq!(clinic.answers_for(&id), 1);
    assert_eq!(device.clinic_sessions().len(), crate::support::SESSIONS);
}

#[test]
fn an_answer_the_clinic_refuses_is_parked_shown_and_not_retried() {
    let clinic = Clinic::start(false);
    let mut device = Device::new();
    device.connect(&clinic);
    device.sync().unwrap();
    // A session the clinic does not have (e.g. removed there): its answer gets a 404.
    let template = device.clinic_sessions()[0].2.clone();
    let unknown = device
        .vault
        .save(
            None,
            Record::Session(ClinicSession {
                origin: SessionOrigin::Clinic {
                    clinic_id: "999999".into(),
                },
                kind: SessionKind::Individual,
                ..template
            }),
            now(),
        )
        .unwrap()
        .id;
    sync::queue_response(
        &mut device.vault,
        unknown,
        ParticipantResponse::Accepted,
        now(),
        &SystemRandom::new(),
    )
    .unwrap();
    let report = device
        .sync()
        .expect("a refused answer does not fail the sync");
    assert_eq!(report.answers_parked, 1);
    let shown = sync::status(&device.vault);
    assert_eq!(shown.pending, 0);
    assert_eq!(shown.parked.len(), 1, "the patient sees it");
    assert_eq!(shown.parked[0].session, unknown);
    assert_eq!(shown.parked[0].reason, ParkReason::SessionUnknown);
    assert!(shown.parked[0].message.contains("tell your counselor"));

    let again = device.sync().unwrap();
    assert_eq!(
        again.answers_parked + again.answers_sent,
        0,
        "never retried"
    );
    assert_eq!(sync::status(&device.vault).parked.len(), 1, "never dropped");

    sync::dismiss_parked(&mut device.vault, unknown, now().utc).unwrap();
    assert!(sync::status(&device.vault).parked.is_empty());
}

#[test]
fn a_key_reused_for_another_answer_is_parked_as_a_conflict() {
    let clinic = Clinic::start(false);
    let mut device = Device::new();
    device.connect(&clinic);
    device.sync().unwrap();
    let id = device.clinic_sessions()[2].0.clone();
    device.answer(&id, ParticipantResponse::Accepted);
    let sent = device
        .vault
        .of_kind(RecordKind::Outbox)
        .find_map(|stored| match &stored.record {
            Record::Outbox(entry) => Some(entry.clone()),
            _ => None,
        })
        .unwrap();
    device.sync().unwrap();
    // A damaged outbox entry: the same key with a different answer. The clinic answers 409.
    let altered = OutgoingAnswer {
        response: ParticipantResponse::Declined,
        ..sent
    };
    device
        .vault
        .save(None, Record::Outbox(altered), now())
        .unwrap();
    let report = device.sync().unwrap();
    assert_eq!(report.answers_parked, 1);
    let parked = &sync::status(&device.vault).parked;
    assert_eq!(parked[0].reason, ParkReason::Conflict);
    assert_eq!(
        clinic.answers_for(&id),
        1,
        "the clinic kept the first answer only"
    );
    assert_eq!(
        device.session(&id).1.status,
        AppointmentStatus::Booked,
        "the session itself is untouched"
    );
}

#[test]
fn the_error_codes_the_ui_switches_on_are_pinned() {
    for (code, spelled) in [
        (ErrorCode::Offline, "offline"),
        (ErrorCode::DeviceRefused, "device_refused"),
        (ErrorCode::Clinic, "clinic"),
    ] {
        assert_eq!(
            serde_json::to_value(code).unwrap(),
            serde_json::json!(spelled),
            "the UI matches on this exact string"
        );
    }
    assert_eq!(
        tideline_core::Error::Offline.to_string(),
        "the clinic could not be reached; your answers are saved and will be sent later"
    );
}
