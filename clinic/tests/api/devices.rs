//! `GET /fhir/Device?patient=<id>`: a patient's own device lists every device enrolled in their name,
//! and nobody else's.

use reqwest::{Method, StatusCode};
use serde_json::json;
use tideline_wire::{Device, DeviceStatus};

use crate::support::{assert_outcome, Harness};

fn devices(body: &serde_json::Value) -> Vec<Device> {
    assert_eq!(body["resourceType"], "Bundle");
    assert_eq!(body["type"], "searchset");
    body["entry"]
        .as_array()
        .map(|entries| {
            entries
                .iter()
                .map(|entry| serde_json::from_value(entry["resource"].clone()).expect("a Device"))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn a_device_lists_its_patients_devices_and_never_another_patients() {
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let first = harness.enroll(&clinic).await;
    let second = harness.enroll(&clinic).await;
    let revoked = harness
        .staff(
            Some(&clinic.token),
            Method::POST,
            &format!("/staff/devices/{}/revoke", second.id),
            json!({}),
        )
        .await;
    assert!(revoked.status.is_success(), "{}", revoked.body);
    let third = harness.enroll(&clinic).await;

    let listed = harness
        .device_get(&first, &format!("/fhir/Device?patient={}", first.patient))
        .await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    let listed = devices(&listed.body);
    let ids: Vec<&str> = listed.iter().map(|device| device.id.as_str()).collect();
    assert_eq!(ids, [&first.id, &second.id, &third.id]);
    assert!(listed
        .iter()
        .all(|device| device.patient.reference == first.patient && device.enrolled_at().is_some()));
    let status: Vec<DeviceStatus> = listed.iter().map(|device| device.status).collect();
    assert_eq!(
        status,
        [
            DeviceStatus::Active,
            DeviceStatus::Inactive,
            DeviceStatus::Active
        ]
    );
    assert!(listed[1].revoked_at().is_some());

    // Another patient of the same clinic, with a device of their own.
    let other = harness
        .staff(
            Some(&clinic.token),
            Method::POST,
            "/staff/patients",
            json!({"givenName": "Alex", "familyName": "Moreno"}),
        )
        .await;
    let other_patient = other.body["id"].as_i64().unwrap();
    let code = harness
        .staff(
            Some(&clinic.token),
            Method::POST,
            &format!("/staff/patients/{other_patient}/enrollment-codes"),
            json!({}),
        )
        .await;
    let (enrolled, _key) = harness
        .enroll_with(code.body["code"].as_str().unwrap())
        .await;
    assert_eq!(enrolled.status, StatusCode::CREATED);
    let refused = harness
        .device_get(&first, &format!("/fhir/Device?patient={other_patient}"))
        .await;
    assert_outcome(
        &refused,
        StatusCode::FORBIDDEN,
        "a device listing another patient's devices",
    );

    // A patient of another clinic.
    let elsewhere = harness.clinic("Bay Clinic", "kim@bay.example").await;
    let stranger = harness.enroll(&elsewhere).await;
    let refused = harness
        .device_get(
            &stranger,
            &format!("/fhir/Device?patient={}", first.patient),
        )
        .await;
    assert_outcome(
        &refused,
        StatusCode::FORBIDDEN,
        "a device of another clinic listing this patient's devices",
    );
    let own = harness
        .device_get(
            &stranger,
            &format!("/fhir/Device?patient={}", stranger.patient),
        )
        .await;
    let own: Vec<String> = devices(&own.body)
        .into_iter()
        .map(|device| device.id)
        .collect();
    assert_eq!(own, vec![stranger.id.clone()]);

    // Staff read devices through /staff, not as the patient's app.
    let staff = harness
        .staff(
            Some(&clinic.token),
            Method::GET,
            &format!("/fhir/Device?patient={}", clinic.patient),
            json!(null),
        )
        .await;
    assert!(
        staff.status == StatusCode::FORBIDDEN || staff.status == StatusCode::UNAUTHORIZED,
        "{}",
        staff.status
    );
    // A revoked device is refused before it can list anything.
    let revoked = harness
        .device_get(&second, &format!("/fhir/Device?patient={}", second.patient))
        .await;
    assert_eq!(revoked.status, StatusCode::UNAUTHORIZED, "{}", revoked.body);

    // Every read and refusal is audited.
    let audited: Vec<(String, String)> = harness
        .db()
        .prepare("SELECT target, outcome FROM audit WHERE action = 'search Device' ORDER BY seq")
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(audited.contains(&(
        format!("Device? {} results=3", first.patient),
        "allowed".to_owned()
    )));
    assert!(
        audited
            .iter()
            .filter(|(_, outcome)| outcome.starts_with("refused"))
            .count()
            >= 2,
        "{audited:?}"
    );
}
