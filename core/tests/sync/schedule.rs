//! Connecting and reading the schedule.

use ring::rand::SystemRandom;
use tideline_core::error::ErrorCode;
use tideline_core::record::RecordKind;
use tideline_core::session::{AppointmentStatus, ParticipantResponse};
use tideline_core::sync::{self, Trigger};
use tideline_wire::AppointmentStatus as ClinicStatus;

use crate::support::{now, Clinic, Device, SESSIONS};

fn enroll_and_pull(tls: bool) {
    let clinic = Clinic::start(tls);
    let mut device = Device::new();
    device.connect(&clinic);
    let status = sync::status(&device.vault);
    assert!(status.connected);
    assert_eq!(status.clinic_name.as_deref(), Some("Harbor IOP"));
    assert_eq!(status.last_synced, None, "connecting alone is not a sync");

    let report = device
        .sync()
        .expect("the first sync reads the whole schedule");
    assert_eq!(report.sessions_changed as usize, SESSIONS);
    let sessions = device.clinic_sessions();
    assert_eq!(sessions.len(), SESSIONS, "one session per appointment");
    for (_, _, session) in &sessions {
        assert_eq!(session.status, AppointmentStatus::Booked);
        assert_eq!(session.response, ParticipantResponse::NeedsAction);
        assert_eq!(session.hours(), 3.0, "18:00-21:00");
        assert_eq!(session.start.zone.name(), "America/Chicago");
    }
    assert!(sync::status(&device.vault).last_synced.is_some());

    let again = device.sync().unwrap();
    assert_eq!(
        again.sessions_changed, 0,
        "nothing changed at the clinic, so nothing changes in the vault"
    );
    assert_eq!(device.clinic_sessions().len(), SESSIONS);

    // The clinic closes sessions; their statuses flow back into the patient's sessions.
    let first = sessions[0].0.clone();
    let second = sessions[1].0.clone();
    let third = sessions[2].0.clone();
    clinic.attendance(&first, ClinicStatus::Fulfilled);
    clinic.attendance(&second, ClinicStatus::Noshow);
    clinic.attendance(&third, ClinicStatus::Cancelled);
    let report = device.sync().unwrap();
    assert_eq!(
        report.sessions_changed, 3,
        "only the changed appointments come back"
    );
    assert_eq!(
        device.session(&first).1.status,
        AppointmentStatus::Fulfilled
    );
    assert_eq!(
        device.session(&first).1.attended_minutes(),
        180,
        "a fulfilled session counts in full"
    );
    assert_eq!(device.session(&second).1.status, AppointmentStatus::Noshow);
    assert_eq!(
        device.session(&third).1.status,
        AppointmentStatus::Cancelled
    );
    assert_eq!(
        device.clinic_sessions().len(),
        SESSIONS,
        "updated, not added"
    );
}

#[test]
fn enrolls_and_pulls_the_schedule_over_http() {
    enroll_and_pull(false);
}

#[test]
fn enrolls_and_pulls_the_schedule_over_https() {
    enroll_and_pull(true);
}

#[test]
fn https_refuses_a_server_whose_certificate_is_not_trusted() {
    let clinic = Clinic::start(true);
    let mut device = Device::new();
    let refused = sync::connect(
        &mut device.vault,
        &clinic.url(),
        &clinic.issue_code(),
        None,
        now(),
        &SystemRandom::new(),
    )
    .unwrap_err();
    assert_eq!(
        refused.code(),
        ErrorCode::Offline,
        "an untrusted certificate is never accepted"
    );
    assert!(!sync::status(&device.vault).connected);
}

#[test]
fn a_wrong_code_is_refused_in_plain_words() {
    let clinic = Clinic::start(false);
    let mut device = Device::new();
    let refused = sync::connect(
        &mut device.vault,
        &clinic.url(),
        "KKKK-KKKK",
        None,
        now(),
        &SystemRandom::new(),
    )
    .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Invalid);
    assert!(
        refused.to_string().contains("code did not work"),
        "the patient learns what to do: {refused}"
    );
    assert_eq!(
        device.vault.of_kind(RecordKind::Connection).count(),
        0,
        "nothing is stored for a failed enrollment"
    );
}

#[test]
fn a_code_is_used_once() {
    let clinic = Clinic::start(false);
    let code = clinic.issue_code();
    let mut first = Device::new();
    sync::connect(
        &mut first.vault,
        &clinic.url(),
        &code,
        None,
        now(),
        &SystemRandom::new(),
    )
    .unwrap();
    let mut second = Device::new();
    let refused = sync::connect(
        &mut second.vault,
        &clinic.url(),
        &code,
        None,
        now(),
        &SystemRandom::new(),
    )
    .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Invalid);
}

#[test]
fn a_connected_device_is_not_connected_twice_by_accident() {
    let clinic = Clinic::start(false);
    let mut device = Device::new();
    device.connect(&clinic);
    let refused = sync::connect(
        &mut device.vault,
        &clinic.url(),
        &clinic.issue_code(),
        None,
        now(),
        &SystemRandom::new(),
    )
    .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Invalid);
    sync::disconnect(&mut device.vault, now().utc).unwrap();
    assert!(!sync::status(&device.vault).connected);
    device.connect(&clinic);
    assert!(sync::status(&device.vault).connected);
}

#[test]
fn the_connection_never_shows_its_key() {
    let clinic = Clinic::start(false);
    let mut device = Device::new();
    device.connect(&clinic);
    let stored = device.vault.of_kind(RecordKind::Connection).next().unwrap();
    let shown = format!("{stored:?}");
    assert!(
        shown.contains("DeviceKey(..)"),
        "Debug output must not carry the private key: {shown}"
    );
    assert!(RecordKind::Connection.is_sync_state());
    assert!(RecordKind::Outbox.is_sync_state());
}

#[test]
fn syncing_without_a_clinic_is_a_plain_error() {
    let mut device = Device::new();
    let error = sync::sync(
        &mut device.vault,
        Trigger::Background,
        now(),
        &SystemRandom::new(),
    )
    .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Clinic);
    assert!(error.to_string().contains("not connected"));
}
