//! Enroll, pull the schedule, answer idempotently, see the clinic's attendance flow back, over HTTP and
//! HTTPS.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::{references, Harness};

async fn enroll_pull_answer_and_sync(tls: bool) {
    let harness = Harness::start(tls).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let device = harness.enroll(&clinic).await;
    assert_eq!(device.patient, format!("Patient/{}", clinic.patient));

    let first = harness.device_get(&device, "/fhir/Appointment").await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert_eq!(first.body["type"], "searchset");
    let all = references(&first.body);
    assert_eq!(
        all.len(),
        24,
        "the whole 8-week schedule arrives on the first pull"
    );
    assert_eq!(
        first.body["entry"][0]["resource"]["participant"][0]["status"],
        "needs-action"
    );
    let cursor = first.headers["tideline-cursor"]
        .to_str()
        .unwrap()
        .to_owned();
    let etag = first.headers["etag"].to_str().unwrap().to_owned();

    let unchanged = harness
        .signed(
            &device,
            Method::GET,
            &format!("/fhir/Appointment?_cursor={cursor}"),
            "",
            0,
        )
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(
        unchanged.status(),
        StatusCode::NOT_MODIFIED,
        "nothing changed since the cursor"
    );

    let answered = harness
        .answer(&device, &all[0], "accepted", "answer-1")
        .await;
    assert_eq!(answered.status, StatusCode::CREATED, "{}", answered.body);
    let again = harness
        .answer(&device, &all[0], "accepted", "answer-1")
        .await;
    assert_eq!(
        again.status, answered.status,
        "the same key gets the same answer"
    );
    assert_eq!(again.body, answered.body, "the same key gets the same body");
    let appointment_id: i64 = all[0].trim_start_matches("Appointment/").parse().unwrap();
    let stored: i64 = harness
        .db()
        .query_row(
            "SELECT count(*) FROM appointment_response WHERE appointment_id = ?1",
            [appointment_id],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(stored, 1, "a resent answer is stored once");
    let conflicting = harness
        .answer(&device, &all[0], "declined", "answer-1")
        .await;
    assert_eq!(
        conflicting.status,
        StatusCode::CONFLICT,
        "a key reused for another answer is a conflict"
    );

    let attendance = harness
        .staff(
            Some(&clinic.token),
            Method::POST,
            &format!("/staff/appointments/{appointment_id}/attendance"),
            json!({"status": "fulfilled"}),
        )
        .await;
    assert_eq!(attendance.status, StatusCode::OK, "{}", attendance.body);

    let delta = harness
        .device_get(&device, &format!("/fhir/Appointment?_cursor={cursor}"))
        .await;
    assert_eq!(
        references(&delta.body),
        vec![all[0].clone()],
        "only the changed appointment comes back"
    );
    let resource = &delta.body["entry"][0]["resource"];
    assert_eq!(resource["status"], "fulfilled");
    assert_eq!(resource["participant"][0]["status"], "accepted");
    assert_eq!(
        resource["meta"]["versionId"], "3",
        "answered once, closed once"
    );

    let next = delta.headers["tideline-cursor"]
        .to_str()
        .unwrap()
        .to_owned();
    let empty = harness
        .device_get(&device, &format!("/fhir/Appointment?_cursor={next}"))
        .await;
    assert!(references(&empty.body).is_empty());

    let start = resource["start"].as_str().unwrap().to_owned();
    let ranged = harness
        .device_get(
            &device,
            &format!("/fhir/Appointment?date=ge{start}&date=le{start}"),
        )
        .await;
    assert_eq!(ranged.status, StatusCode::OK, "{}", ranged.body);
    assert_eq!(
        references(&ranged.body),
        vec![all[0].clone()],
        "exactly the session starting then"
    );
    let week = harness
        .device_get(
            &device,
            &format!(
                "/fhir/Appointment?date=ge{}&date=lt{}",
                &start[..10],
                &all_days_later(&start, 7)
            ),
        )
        .await;
    assert_eq!(
        references(&week.body).len(),
        3,
        "Mon, Wed and Fri of the first week"
    );

    let patient = harness
        .device_get(&device, &format!("/fhir/{}", device.patient))
        .await;
    assert_eq!(patient.status, StatusCode::OK);
    assert_eq!(patient.body["resourceType"], "Patient");
}

#[tokio::test]
async fn enroll_pull_answer_and_sync_over_http() {
    enroll_pull_answer_and_sync(false).await;
}

#[tokio::test]
async fn enroll_pull_answer_and_sync_over_https() {
    enroll_pull_answer_and_sync(true).await;
}

#[tokio::test]
async fn a_replayed_request_and_a_stale_one_are_refused() {
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let device = harness.enroll(&clinic).await;
    let request = harness.signed(&device, Method::GET, "/fhir/Appointment", "", 0);
    let replay = request.try_clone().unwrap();
    assert_eq!(request.send().await.unwrap().status(), StatusCode::OK);
    let replayed = crate::support::reply(replay.send().await.unwrap()).await;
    crate::support::assert_outcome(
        &replayed,
        StatusCode::UNAUTHORIZED,
        "the same signed request twice",
    );
    let stale = crate::support::reply(
        harness
            .signed(&device, Method::GET, "/fhir/Appointment", "", -301)
            .send()
            .await
            .unwrap(),
    )
    .await;
    crate::support::assert_outcome(
        &stale,
        StatusCode::UNAUTHORIZED,
        "a timestamp beyond the 5-minute skew",
    );
    harness.clock.advance(chrono::Duration::minutes(10));
    let late = crate::support::reply(
        harness
            .signed(&device, Method::GET, "/fhir/Appointment", "", -600)
            .send()
            .await
            .unwrap(),
    )
    .await;
    crate::support::assert_outcome(
        &late,
        StatusCode::UNAUTHORIZED,
        "a device clock 10 minutes behind",
    );
}

fn all_days_later(start: &str, days: i64) -> String {
    let at = chrono::DateTime::parse_from_rfc3339(start).unwrap();
    (at.date_naive() + chrono::Duration::days(days)).to_string()
}
