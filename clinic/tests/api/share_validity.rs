//! Every resource the share endpoints emit is checked by an independent FHIR implementation
//! (`fhir.resources`, Python), like the rest of the server's output in `fhir_validity`.

use crate::fhir_python;

use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::share_support::{assign, locations, post_share, therapist, Draft};
use crate::support::{reply, Harness};

#[tokio::test]
async fn every_emitted_share_resource_is_valid_fhir() {
    let python = fhir_python::python();
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let device = harness.enroll(&clinic).await;
    let (kim, kim_token) = therapist(&harness, &clinic, "kim@harbor.example").await;
    assign(&harness, &clinic, kim).await;
    let mut emitted: Vec<(String, Value)> = Vec::new();

    for id in [
        "tideline-craving-record",
        "tideline-halt-check",
        "tideline-urge-surfing",
    ] {
        let questionnaire = harness
            .device_get(&device, &format!("/fhir/Questionnaire/{id}"))
            .await;
        assert_eq!(questionnaire.status, StatusCode::OK);
        emitted.push((format!("questionnaire-{id}"), questionnaire.body));
    }
    emitted.push((
        "questionnaire-search".into(),
        harness
            .device_get(&device, "/fhir/Questionnaire")
            .await
            .body,
    ));
    let team = harness
        .device_get(&device, &format!("/fhir/CareTeam/{}", clinic.patient))
        .await;
    assert_eq!(team.status, StatusCode::OK);
    emitted.push(("careteam".into(), team.body));
    emitted.push((
        "careteam-search".into(),
        harness
            .device_get(
                &device,
                &format!("/fhir/CareTeam?patient={}", device.patient),
            )
            .await
            .body,
    ));

    let draft = Draft::new(&harness, &device, &["for validation", "second"]).await;
    let bundle = serde_json::to_value(draft.signed_by(&device)).unwrap();
    emitted.push(("transaction".into(), bundle.clone()));
    let stored = post_share(&harness, &device, &bundle.to_string()).await;
    assert_eq!(stored.status, StatusCode::OK, "{}", stored.body);
    let at = locations(&stored.body);
    emitted.push(("transaction-response".into(), stored.body));
    let response = harness
        .staff(
            Some(&kim_token),
            Method::GET,
            &format!("/fhir/{}", at[1]),
            Value::Null,
        )
        .await;
    assert_eq!(response.status, StatusCode::OK);
    emitted.push(("questionnaireresponse".into(), response.body));
    emitted.push((
        "shares".into(),
        harness
            .staff(
                Some(&kim_token),
                Method::GET,
                &format!("/staff/patients/{}/shares", clinic.patient),
                Value::Null,
            )
            .await
            .body,
    ));
    emitted.push((
        "consent-search".into(),
        harness
            .device_get(
                &device,
                &format!("/fhir/Consent?patient={}", device.patient),
            )
            .await
            .body,
    ));
    let accounting = harness
        .device_get(&device, &format!("/fhir/AuditEvent?entity={}", at[0]))
        .await;
    assert_eq!(accounting.body["total"], 2);
    emitted.push((
        "auditevent".into(),
        accounting.body["entry"][0]["resource"].clone(),
    ));
    emitted.push(("auditevent-search".into(), accounting.body));
    let revoked = reply(
        harness
            .signed(
                &device,
                Method::POST,
                &format!("/fhir/{}/$revoke", at[0]),
                "",
                0,
            )
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(revoked.status, StatusCode::OK);
    emitted.push(("consent-revoked".into(), revoked.body));
    emitted.push((
        "outcome".into(),
        harness
            .staff(
                Some(&kim_token),
                Method::GET,
                &format!("/fhir/{}", at[1]),
                Value::Null,
            )
            .await
            .body,
    ));
    emitted.push((
        "metadata".into(),
        harness
            .client
            .get(format!("{}/fhir/metadata", harness.base))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap(),
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
