//! The authorization matrix: every endpoint that touches patient data, against every kind of caller
//! that must not get in. Every cell must be refused with an OperationOutcome and leave an audit row.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::{answer_body, reply, Harness};

#[derive(Clone, Copy, Debug)]
enum Intruder {
    OtherPatientsDevice,
    OtherClinicsStaff,
    NoCredentials,
    RevokedDevice,
    ExpiredProof,
}

#[tokio::test]
async fn every_cell_of_the_matrix_is_refused_and_audited() {
    let harness = Harness::start(false).await;
    let a = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let b = harness.clinic("Cedar IOP", "kim@cedar.example").await;
    let device_a = harness.enroll(&a).await;
    let device_b = harness.enroll(&b).await;
    let revoked_b = harness.enroll(&b).await;
    let revoke = harness
        .staff(
            Some(&b.token),
            Method::POST,
            &format!("/staff/devices/{}/revoke", revoked_b.id),
            json!({}),
        )
        .await;
    assert_eq!(revoke.status, StatusCode::OK);

    // Everything below belongs to patient B at clinic B.
    let pulled = harness.device_get(&device_b, "/fhir/Appointment").await;
    let appointment_b = crate::support::references(&pulled.body)[0].clone();
    let appointment_id = appointment_b.trim_start_matches("Appointment/").to_owned();
    let patient_b = format!("Patient/{}", b.patient);
    let practitioner_b = "/fhir/Practitioner/2".to_owned();
    let session_b: i64 = harness
        .db()
        .query_row(
            "SELECT session_id FROM appointment WHERE id = ?1",
            [appointment_id.parse::<i64>().unwrap()],
            |row| row.get(0),
        )
        .unwrap();
    let endpoints: Vec<(Method, String, Value)> = vec![
        (Method::GET, format!("/fhir/{patient_b}"), Value::Null),
        (Method::GET, practitioner_b, Value::Null),
        (Method::GET, format!("/fhir/{appointment_b}"), Value::Null),
        (
            Method::GET,
            format!("/fhir/Appointment?patient={patient_b}"),
            Value::Null,
        ),
        (
            Method::POST,
            "/fhir/AppointmentResponse".into(),
            Value::Null,
        ),
        (
            Method::POST,
            format!("/staff/patients/{}/enrollment-codes", b.patient),
            json!({}),
        ),
        (
            Method::GET,
            format!("/staff/patients/{}/devices", b.patient),
            Value::Null,
        ),
        (
            Method::POST,
            format!("/staff/programs/{}/members", b.program),
            json!({"patientId": b.patient}),
        ),
        (
            Method::POST,
            format!("/staff/programs/{}/sessions", b.program),
            json!({"firstDay": "2030-01-07", "start": "18:00", "end": "21:00"}),
        ),
        (
            Method::POST,
            format!("/staff/appointments/{appointment_id}/attendance"),
            json!({"status": "noshow"}),
        ),
        (
            Method::POST,
            format!("/staff/devices/{}/revoke", device_b.id),
            json!({}),
        ),
        (
            Method::POST,
            "/staff/patients".into(),
            json!({"givenName": "X", "familyName": "Y"}),
        ),
        (
            Method::POST,
            "/staff/accounts".into(),
            json!({"email": "x@y.example", "displayName": "X", "password": "long enough password"}),
        ),
        (Method::GET, "/staff/audit/verify".into(), Value::Null),
        // Issue 10: running the program, and the course of care.
        (
            Method::GET,
            format!("/fhir/EpisodeOfCare?patient={patient_b}"),
            Value::Null,
        ),
        (
            Method::GET,
            format!("/staff/sessions/{session_b}/roster"),
            Value::Null,
        ),
        (
            Method::POST,
            format!("/staff/sessions/{session_b}/cancel"),
            json!({"reason": "Holiday"}),
        ),
        (
            Method::POST,
            format!("/staff/sessions/{session_b}/move"),
            json!({"day": "2031-01-06", "start": "18:00", "end": "21:00", "reason": "Holiday"}),
        ),
        (
            Method::POST,
            format!("/staff/appointments/{appointment_id}/mark"),
            json!({"mark": "attended"}),
        ),
        (
            Method::GET,
            format!("/staff/patients/{}/care-levels", b.patient),
            Value::Null,
        ),
        (
            Method::POST,
            format!("/staff/patients/{}/care-levels", b.patient),
            json!({"programId": b.program, "level": "iop", "from": "2031-01-01"}),
        ),
        (
            Method::POST,
            format!("/staff/patients/{}/discharge", b.patient),
            json!({"on": "2031-02-01"}),
        ),
        (
            Method::GET,
            format!(
                "/staff/programs/{}/attendance-report?from=2030-01-01&to=2030-02-01",
                b.program
            ),
            Value::Null,
        ),
        (Method::GET, "/staff/programs".into(), Value::Null),
        (Method::GET, "/staff/sessions".into(), Value::Null),
        (Method::GET, "/staff/worklist".into(), Value::Null),
    ];
    let intruders = [
        Intruder::OtherPatientsDevice,
        Intruder::OtherClinicsStaff,
        Intruder::NoCredentials,
        Intruder::RevokedDevice,
        Intruder::ExpiredProof,
    ];
    let mut cells = 0;
    for intruder in intruders {
        for (method, path, staff_body) in &endpoints {
            // The last three staff endpoints act on the caller's own clinic: for clinic A's staff they are
            // allowed by design, so that column is checked only where clinic B's data is named.
            if matches!(intruder, Intruder::OtherClinicsStaff)
                && (path == "/staff/patients"
                    || path == "/staff/accounts"
                    || path == "/staff/audit/verify"
                    || path == "/staff/programs"
                    || path == "/staff/sessions"
                    || path == "/staff/worklist")
            {
                continue;
            }
            let body = if path == "/fhir/AppointmentResponse" {
                let actor = match intruder {
                    Intruder::OtherPatientsDevice => &device_a.patient,
                    _ => &patient_b,
                };
                answer_body(
                    actor,
                    &appointment_b,
                    "accepted",
                    &format!("matrix-{cells}"),
                )
            } else if staff_body.is_null() {
                String::new()
            } else {
                staff_body.to_string()
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
                Intruder::OtherClinicsStaff | Intruder::NoCredentials => {
                    let mut request = harness
                        .client
                        .request(method.clone(), format!("{}{path}", harness.base));
                    if let Intruder::OtherClinicsStaff = intruder {
                        request = request.bearer_auth(&a.token);
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
    assert_eq!(cells, 26 * 5 - 6, "every cell ran");

    // Nothing the intruders sent was stored, and B's data is as it was.
    let conn = harness.db();
    let answers: i64 = conn
        .query_row("SELECT count(*) FROM appointment_response", [], |row| {
            row.get(0)
        })
        .unwrap();
    assert_eq!(answers, 0);
    let revoked: i64 = conn
        .query_row(
            "SELECT count(*) FROM device WHERE revoked_at IS NOT NULL",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(revoked, 1, "only the device B's own staff revoked");
    for (sql, what) in [
        ("SELECT count(*) FROM care_level", "no level of care"),
        ("SELECT count(*) FROM session WHERE cancelled_reason IS NOT NULL OR moved_reason IS NOT NULL", "no cancelled or moved session"),
        ("SELECT count(*) FROM appointment WHERE attendance IS NOT NULL", "no attendance mark"),
    ] {
        let found: i64 = conn.query_row(sql, [], |row| row.get(0)).unwrap();
        assert_eq!(found, 0, "{what} from an intruder");
    }
    assert_eq!(
        harness
            .device_get(&device_b, "/fhir/Appointment")
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_audit_chain_shows_an_edited_row() {
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let device = harness.enroll(&clinic).await;
    harness.device_get(&device, "/fhir/Appointment").await;
    let intact = harness
        .staff(
            Some(&clinic.token),
            Method::GET,
            "/staff/audit/verify",
            Value::Null,
        )
        .await;
    assert_eq!(intact.body["intact"], true, "{}", intact.body);

    let conn = harness.db();
    crate::engine::tamper(&conn, "UPDATE audit SET actor = 'staff:99' WHERE seq = 3");
    drop(conn);
    let broken = harness
        .staff(
            Some(&clinic.token),
            Method::GET,
            "/staff/audit/verify",
            Value::Null,
        )
        .await;
    assert_eq!(
        broken.body["intact"], false,
        "an edited row must break the chain"
    );
    assert_eq!(broken.body["brokenAt"], 3);
}
