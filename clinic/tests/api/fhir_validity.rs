//! Everything the server emits is checked by an independent FHIR implementation (`fhir.resources`,
//! Python), and its status codes against the lists in BRIEF.md section 4.

use crate::fhir_python;

use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::support::Harness;

#[tokio::test]
async fn every_emitted_resource_is_valid_fhir() {
    let python = fhir_python::python();
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let device = harness.enroll(&clinic).await;
    let mut emitted: Vec<(&str, Value)> = Vec::new();
    let metadata = harness
        .client
        .get(format!("{}/fhir/metadata", harness.base))
        .send()
        .await
        .unwrap();
    emitted.push(("metadata", metadata.json().await.unwrap()));
    let bundle = harness.device_get(&device, "/fhir/Appointment").await;
    let appointment = crate::support::references(&bundle.body)[0].clone();
    emitted.push(("bundle", bundle.body));
    emitted.push((
        "patient",
        harness
            .device_get(&device, &format!("/fhir/{}", device.patient))
            .await
            .body,
    ));
    emitted.push((
        "practitioner",
        harness
            .device_get(&device, "/fhir/Practitioner/1")
            .await
            .body,
    ));
    let answer = harness
        .answer(&device, &appointment, "tentative", "validity-1")
        .await;
    assert_eq!(answer.status, StatusCode::CREATED);
    emitted.push(("response", answer.body));
    let id = appointment.trim_start_matches("Appointment/");
    let closed = harness
        .staff(
            Some(&clinic.token),
            Method::POST,
            &format!("/staff/appointments/{id}/attendance"),
            serde_json::json!({"status": "noshow"}),
        )
        .await;
    emitted.push(("appointment-noshow", closed.body));
    emitted.push((
        "appointment",
        harness
            .device_get(&device, &format!("/fhir/{appointment}"))
            .await
            .body,
    ));
    emitted.push((
        "devices",
        harness
            .device_get(&device, &format!("/fhir/Device?patient={}", device.patient))
            .await
            .body,
    ));
    emitted.push((
        "outcome",
        harness
            .device_get(&device, "/fhir/Appointment/999999")
            .await
            .body,
    ));
    let dir = tempfile::tempdir().unwrap();
    for (name, resource) in &emitted {
        std::fs::write(
            dir.path().join(format!("{name}.json")),
            serde_json::to_vec_pretty(resource).unwrap(),
        )
        .unwrap();
    }
    let script = std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into()),
    )
    .join("tests/fhir_validate.py");
    let output = std::process::Command::new(python)
        .arg(script)
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "fhir.resources refused an emitted resource:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        report.contains(&format!("{} valid", emitted.len())),
        "every file was checked: {report}"
    );
}

/// The elements issue 10 added: an Appointment with kind, place, attendance mark; a cancelled one with
/// its reason; an aftercare check-in; the EpisodeOfCare searchset of a stepped-down, discharged patient.
#[tokio::test]
async fn appointments_with_care_elements_and_episodes_are_valid_fhir() {
    let python = fhir_python::python();
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let device = harness.enroll(&clinic).await;
    let conn = harness.db();
    let (first, first_start): (i64, i64) = conn
        .query_row(
            "SELECT a.id, s.start_at FROM appointment a JOIN session s ON s.id = a.session_id
             ORDER BY s.start_at LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    let second_session: i64 = conn
        .query_row(
            "SELECT id FROM session ORDER BY start_at LIMIT 1 OFFSET 1",
            [],
            |row| row.get(0),
        )
        .unwrap();
    drop(conn);
    let today = tideline_clinic::clock::Clock::now(&harness.clock).date_naive();
    let token = Some(clinic.token.as_str());
    let set = harness
        .staff(token, Method::POST, &format!("/staff/patients/{}/care-levels", clinic.patient),
            serde_json::json!({"programId": clinic.program, "level": "iop", "from": today.to_string()}))
        .await;
    assert_eq!(set.status, StatusCode::CREATED);
    let cancelled = harness
        .staff(
            token,
            Method::POST,
            &format!("/staff/sessions/{second_session}/cancel"),
            serde_json::json!({"reason": "Facilitator ill"}),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK);
    let wait = first_start - tideline_clinic::clock::Clock::now(&harness.clock).timestamp() + 600;
    harness.clock.advance(chrono::Duration::seconds(wait));
    let signed_in = harness
        .staff(None, Method::POST, "/staff/sign-in",
            serde_json::json!({"email": "lee@harbor.example", "password": "correct horse battery staple"}))
        .await;
    let fresh = signed_in.body["token"].as_str().unwrap().to_owned();
    let token = Some(fresh.as_str());
    let marked = harness
        .staff(
            token,
            Method::POST,
            &format!("/staff/appointments/{first}/mark"),
            serde_json::json!({"mark": "left-early", "minutes": 15}),
        )
        .await;
    assert_eq!(marked.status, StatusCode::OK);
    let later =
        tideline_clinic::clock::Clock::now(&harness.clock).date_naive() + chrono::Duration::days(2);
    let step = harness
        .staff(token, Method::POST, &format!("/staff/patients/{}/care-levels", clinic.patient),
            serde_json::json!({"programId": clinic.program, "level": "outpatient", "weeklyTargetMinutes": 240, "from": later.to_string()}))
        .await;
    assert_eq!(step.status, StatusCode::CREATED);
    let discharged = harness
        .staff(
            token,
            Method::POST,
            &format!("/staff/patients/{}/discharge", clinic.patient),
            serde_json::json!({"on": (later + chrono::Duration::days(5)).to_string()}),
        )
        .await;
    assert_eq!(discharged.status, StatusCode::OK);
    let mut emitted: Vec<(&str, Value)> = vec![("marked", marked.body)];
    emitted.push((
        "schedule",
        harness
            .device_get(&device, "/fhir/Appointment?_count=1000")
            .await
            .body,
    ));
    emitted.push((
        "episodes",
        harness
            .device_get(
                &device,
                &format!("/fhir/EpisodeOfCare?patient=Patient/{}", clinic.patient),
            )
            .await
            .body,
    ));
    let schedule = &emitted[1].1;
    let statuses: Vec<&str> = schedule["entry"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|entry| entry["resource"]["status"].as_str())
        .collect();
    assert!(statuses.contains(&"cancelled") && statuses.contains(&"fulfilled"));
    assert!(schedule.to_string().contains("aftercare-check-in"));
    assert_eq!(emitted[2].1["total"], 3, "IOP, outpatient, aftercare");
    let dir = tempfile::tempdir().unwrap();
    for (name, resource) in &emitted {
        std::fs::write(
            dir.path().join(format!("{name}.json")),
            serde_json::to_vec_pretty(resource).unwrap(),
        )
        .unwrap();
    }
    let script = std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into()),
    )
    .join("tests/fhir_validate.py");
    let output = std::process::Command::new(python)
        .arg(script)
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "fhir.resources refused an emitted resource:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains(&format!("{} valid", emitted.len())));
}
