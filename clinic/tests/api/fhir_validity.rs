//! Everything the server emits is checked by an independent FHIR implementation (`fhir.resources`,
//! Python), and its status codes against the lists in BRIEF.md section 4.

#[path = "../fhir_python.rs"]
mod fhir_python;

use std::path::PathBuf;

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
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fhir_validate.py");
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
