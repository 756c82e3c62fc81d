//! Bad input gets a clear 4xx with an OperationOutcome, and nothing is stored half-way.

use reqwest::{Method, StatusCode};

use crate::support::{answer_body, assert_outcome, reply, Harness};

#[tokio::test]
async fn bad_input_is_refused_clearly_and_stores_nothing() {
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let device = harness.enroll(&clinic).await;
    let pulled = harness.device_get(&device, "/fhir/Appointment").await;
    let appointment = crate::support::references(&pulled.body)[0].clone();
    let path = "/fhir/AppointmentResponse";
    let good = answer_body(&device.patient, &appointment, "accepted", "k1");

    let cases: Vec<(String, &str, StatusCode, &str)> = vec![
        (
            "{\"resourceType\": ".into(),
            "application/fhir+json",
            StatusCode::BAD_REQUEST,
            "malformed JSON",
        ),
        (
            good.clone(),
            "text/plain",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "wrong content type",
        ),
        (
            good.replace("accepted", "maybe"),
            "application/fhir+json",
            StatusCode::BAD_REQUEST,
            "a code outside the value set",
        ),
        (
            good.replace("needs-action", "x")
                .replace("accepted", "needs-action"),
            "application/fhir+json",
            StatusCode::BAD_REQUEST,
            "needs-action is not an answer",
        ),
        (
            good.replace("AppointmentResponse", "Appointment"),
            "application/fhir+json",
            StatusCode::BAD_REQUEST,
            "another resource type",
        ),
        (
            good.replace("urn:tideline:idempotency-key", "urn:other"),
            "application/fhir+json",
            StatusCode::BAD_REQUEST,
            "no idempotency key",
        ),
        (
            good.replace(
                "\"participantStatus\"",
                "\"note\": \"x\", \"participantStatus\"",
            ),
            "application/fhir+json",
            StatusCode::BAD_REQUEST,
            "an unknown element",
        ),
        (
            format!("{{\"pad\": \"{}\"}}", "x".repeat(70_000)),
            "application/fhir+json",
            StatusCode::PAYLOAD_TOO_LARGE,
            "an oversized body",
        ),
    ];
    for (body, content_type, status, why) in cases {
        let refused = reply(
            harness
                .signed_typed(&device, Method::POST, path, &body, 0, content_type)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_outcome(&refused, status, why);
    }
    let unknown = reply(
        harness
            .signed(&device, Method::GET, "/fhir/Observation/1", "", 0)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_outcome(&unknown, StatusCode::NOT_FOUND, "an unknown resource type");
    assert_eq!(unknown.body["issue"][0]["code"], "not-supported");
    let bad_search = reply(
        harness
            .signed(&device, Method::GET, "/fhir/Appointment?colour=blue", "", 0)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_outcome(
        &bad_search,
        StatusCode::BAD_REQUEST,
        "an unsupported search parameter",
    );
    let bad_date = reply(
        harness
            .signed(&device, Method::GET, "/fhir/Appointment?date=soon", "", 0)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_outcome(&bad_date, StatusCode::BAD_REQUEST, "an unreadable date");
    let wrong_method = reply(
        harness
            .signed(&device, Method::DELETE, "/fhir/Appointment/1", "", 0)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_outcome(
        &wrong_method,
        StatusCode::METHOD_NOT_ALLOWED,
        "a method the server does not offer",
    );
    let bad_attendance = harness
        .staff(
            Some(&clinic.token),
            Method::POST,
            "/staff/appointments/1/attendance",
            serde_json::json!({"status": "attended"}),
        )
        .await;
    assert_outcome(
        &bad_attendance,
        StatusCode::BAD_REQUEST,
        "attendance outside the FHIR codes",
    );

    let conn = harness.db();
    let stored: i64 = conn
        .query_row("SELECT count(*) FROM appointment_response", [], |row| {
            row.get(0)
        })
        .unwrap();
    assert_eq!(stored, 0, "no refused request stored anything");
    let changed: i64 = conn
        .query_row(
            "SELECT count(*) FROM appointment WHERE version > 1",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(changed, 0, "no appointment was touched");
}

/// The last day chrono can read (the year 262142) has no next day: date arithmetic on it overflowed
/// and panicked, and one unauthenticated search ended the server. A search with it is refused; a staff
/// request that still reaches such arithmetic fails alone (its job is rolled back), and the server
/// goes on answering everyone.
#[tokio::test]
async fn the_last_day_chrono_can_read_does_not_end_the_server() {
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    for date in [
        "%2B262142-12-31",
        "le%2B262142-12-31",
        "%2B262142-12-31T23:59:59Z",
    ] {
        let anonymous = reply(
            harness
                .client
                .get(format!("{}/fhir/Appointment?date={date}", harness.base))
                .send()
                .await
                .expect("the server still answers"),
        )
        .await;
        assert!(
            anonymous.status.is_client_error(),
            "{date}: {}",
            anonymous.status
        );
    }
    let staff = harness
        .staff(
            Some(&clinic.token),
            Method::GET,
            "/staff/sessions?date=%2B262142-12-31",
            serde_json::Value::Null,
        )
        .await;
    assert!(
        staff.status.is_client_error() || staff.status == StatusCode::INTERNAL_SERVER_ERROR,
        "{}",
        staff.status
    );
    // Still serving, the writer included.
    let today = harness
        .staff(
            Some(&clinic.token),
            Method::GET,
            "/staff/sessions",
            serde_json::Value::Null,
        )
        .await;
    assert_eq!(today.status, StatusCode::OK);
    harness.assert_audit_intact(&clinic).await;
}
