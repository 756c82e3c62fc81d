//! The authorization matrix for the share endpoints: everything that touches patient B's consent, shared
//! entries, accounting or care team, against every caller that must not get in. Every cell is refused
//! with an OperationOutcome and leaves an audit row, and nothing of B's changes.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::share_support::{assign, count, locations, post_share, therapist, Draft};
use crate::support::{reply, Harness};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Intruder {
    OtherPatientsDevice,
    OtherClinicsStaff,
    TherapistOutsideCareTeam,
    NoCredentials,
    RevokedDevice,
    ExpiredProof,
}

#[tokio::test]
async fn every_share_cell_of_the_matrix_is_refused_and_audited() {
    let harness = Harness::start(false).await;
    let a = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let b = harness.clinic("Cedar IOP", "kim@cedar.example").await;
    let device_a = harness.enroll(&a).await;
    let device_b = harness.enroll(&b).await;
    let revoked_b = harness.enroll(&b).await;
    let (member, member_token) = therapist(&harness, &b, "ash@cedar.example").await;
    assign(&harness, &b, member).await;
    let (_, outsider_token) = therapist(&harness, &b, "rey@cedar.example").await;

    // Patient A's own share, so that A's device holds a valid consent of its own.
    let own = Draft::new(&harness, &device_a, &["a's entry"]).await;
    let own = post_share(
        &harness,
        &device_a,
        &serde_json::to_string(&own.signed_by(&device_a)).unwrap(),
    )
    .await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);

    // Patient B's share; the care team member has looked at it once.
    let draft_b = Draft::new(&harness, &device_b, &["b's entry"]).await;
    let stored = post_share(
        &harness,
        &device_b,
        &serde_json::to_string(&draft_b.signed_by(&device_b)).unwrap(),
    )
    .await;
    assert_eq!(stored.status, StatusCode::OK, "{}", stored.body);
    let at = locations(&stored.body);
    let (consent_b, response_b) = (at[0].clone(), at[1].clone());
    let consent_id = consent_b.trim_start_matches("Consent/").to_owned();
    let seen = harness
        .staff(
            Some(&member_token),
            Method::GET,
            &format!("/fhir/{response_b}"),
            Value::Null,
        )
        .await;
    assert_eq!(seen.status, StatusCode::OK);
    let revoke = harness
        .staff(
            Some(&b.token),
            Method::POST,
            &format!("/staff/devices/{}/revoke", revoked_b.id),
            json!({}),
        )
        .await;
    assert_eq!(revoke.status, StatusCode::OK);

    // A share naming patient B, built by B's draft but signed by whoever sends it.
    let share_for_b = |signer: &crate::support::Device| {
        let mut draft = Draft::new_unchecked_like(&draft_b);
        draft.key = format!("matrix-{}", signer.id);
        serde_json::to_string(&draft.signed_by(signer)).unwrap()
    };
    let patient_b = format!("Patient/{}", b.patient);
    let endpoints: Vec<(Method, String, &str)> = vec![
        (
            Method::GET,
            format!("/fhir/Consent?patient={patient_b}"),
            "device",
        ),
        (Method::POST, format!("/fhir/{consent_b}/$revoke"), "device"),
        (
            Method::GET,
            format!("/fhir/AuditEvent?entity={consent_b}"),
            "device",
        ),
        (Method::GET, format!("/fhir/{response_b}"), "recipient"),
        (Method::POST, "/fhir".into(), "device"),
        (
            Method::GET,
            format!("/fhir/CareTeam/{}", b.patient),
            "clinic",
        ),
        (
            Method::GET,
            format!("/fhir/CareTeam?patient={patient_b}"),
            "clinic",
        ),
        (
            Method::GET,
            format!("/staff/patients/{}/shares", b.patient),
            "recipient",
        ),
        (
            Method::GET,
            format!("/staff/consents/{consent_id}"),
            "recipient",
        ),
        (
            Method::POST,
            format!("/staff/patients/{}/care-team", b.patient),
            "admin",
        ),
        (
            Method::DELETE,
            format!("/staff/patients/{}/care-team/{member}", b.patient),
            "admin",
        ),
        (
            Method::GET,
            format!("/staff/patients/{}/care-team", b.patient),
            "clinic",
        ),
    ];
    let intruders = [
        Intruder::OtherPatientsDevice,
        Intruder::OtherClinicsStaff,
        Intruder::TherapistOutsideCareTeam,
        Intruder::NoCredentials,
        Intruder::RevokedDevice,
        Intruder::ExpiredProof,
    ];
    let mut cells = 0;
    for intruder in intruders {
        for (method, path, who_may) in &endpoints {
            // A therapist of B's clinic may read B's care team (who is on it) by design.
            if intruder == Intruder::TherapistOutsideCareTeam && *who_may == "clinic" {
                continue;
            }
            let body = if path == "/fhir" {
                match intruder {
                    Intruder::OtherPatientsDevice => share_for_b(&device_a),
                    _ => share_for_b(&device_b),
                }
            } else if path.ends_with("/care-team") && *method == Method::POST {
                json!({"staffId": member}).to_string()
            } else {
                String::new()
            };
            let content_type = if path.starts_with("/fhir") {
                "application/fhir+json"
            } else {
                "application/json"
            };
            let request = match intruder {
                Intruder::OtherPatientsDevice => {
                    harness.signed_typed(&device_a, method.clone(), path, &body, 0, content_type)
                }
                Intruder::RevokedDevice => {
                    harness.signed_typed(&revoked_b, method.clone(), path, &body, 0, content_type)
                }
                Intruder::ExpiredProof => {
                    harness.signed_typed(&device_b, method.clone(), path, &body, -900, content_type)
                }
                Intruder::OtherClinicsStaff
                | Intruder::TherapistOutsideCareTeam
                | Intruder::NoCredentials => {
                    let mut request = harness
                        .client
                        .request(method.clone(), format!("{}{path}", harness.base));
                    match intruder {
                        Intruder::OtherClinicsStaff => request = request.bearer_auth(&a.token),
                        Intruder::TherapistOutsideCareTeam => {
                            request = request.bearer_auth(&outsider_token)
                        }
                        _ => {}
                    }
                    if !body.is_empty() {
                        request = request
                            .header("content-type", content_type)
                            .body(body.clone());
                    }
                    request
                }
            };
            let before = harness.refusals();
            let refused = reply(request.send().await.unwrap()).await;
            assert!(
                [StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN].contains(&refused.status),
                "{intruder:?} on {method} {path} must be refused, got {} {}",
                refused.status,
                refused.body
            );
            assert_eq!(
                refused.body["resourceType"], "OperationOutcome",
                "{intruder:?} on {method} {path}"
            );
            assert_eq!(
                harness.refusals(),
                before + 1,
                "{intruder:?} on {method} {path} must be audited"
            );
            cells += 1;
        }
    }
    assert_eq!(cells, 12 * 6 - 3, "every cell ran");

    // Nothing of B's changed: one consent each, still active, B's copy still there and still shown.
    assert_eq!(count(&harness, "consent"), 2);
    assert_eq!(count(&harness, "shared_response"), 2);
    let active: i64 = harness
        .db()
        .query_row(
            "SELECT count(*) FROM consent WHERE status = 'active'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(active, 2);
    let team: i64 = harness
        .db()
        .query_row("SELECT count(*) FROM care_team_member", [], |row| {
            row.get(0)
        })
        .unwrap();
    assert_eq!(team, 1, "only B's administrator changed B's care team");
    let accounting = harness
        .device_get(&device_b, &format!("/fhir/AuditEvent?entity={consent_b}"))
        .await;
    assert_eq!(
        accounting.body["total"], 1,
        "only the care team member's view is a disclosure"
    );
}
