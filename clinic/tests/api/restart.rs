//! The server killed in the middle of a sync and restarted on the same data loses and duplicates nothing.

use std::collections::BTreeSet;

use reqwest::StatusCode;

use crate::support::{answer_body, reply, Harness};

#[tokio::test]
async fn a_server_killed_mid_sync_loses_and_duplicates_nothing() {
    let mut harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let device = harness.enroll(&clinic).await;
    let pulled = harness.device_get(&device, "/fhir/Appointment").await;
    let appointments = crate::support::references(&pulled.body);

    // The outbox: one answer per appointment, each with its own idempotency key, all sent at once.
    let outbox: Vec<(String, String)> = appointments
        .iter()
        .enumerate()
        .map(|(i, appointment)| (appointment.clone(), format!("outbox-{i}")))
        .collect();
    let mut in_flight = Vec::new();
    for (appointment, key) in &outbox {
        let body = answer_body(&device.patient, appointment, "accepted", key);
        let request = harness.signed(
            &device,
            reqwest::Method::POST,
            "/fhir/AppointmentResponse",
            &body,
            0,
        );
        in_flight.push(tokio::spawn(async move {
            request.send().await.map(|response| response.status())
        }));
    }
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    harness.kill().await;
    let mut delivered = BTreeSet::new();
    for (index, task) in in_flight.into_iter().enumerate() {
        if let Ok(Ok(StatusCode::CREATED)) = task.await {
            delivered.insert(index);
        }
    }

    harness.restart().await;
    let stored_before: i64 = harness
        .db()
        .query_row("SELECT count(*) FROM appointment_response", [], |row| {
            row.get(0)
        })
        .unwrap();
    assert!(
        stored_before >= delivered.len() as i64,
        "every answered request survived the kill"
    );

    // The app's outbox retries everything it has no answer for (and, to be sure, everything else too).
    for (appointment, key) in &outbox {
        let body = answer_body(&device.patient, appointment, "accepted", key);
        let retried = reply(
            harness
                .signed(
                    &device,
                    reqwest::Method::POST,
                    "/fhir/AppointmentResponse",
                    &body,
                    0,
                )
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(retried.status, StatusCode::CREATED, "{}", retried.body);
    }
    let conn = harness.db();
    let stored: i64 = conn
        .query_row("SELECT count(*) FROM appointment_response", [], |row| {
            row.get(0)
        })
        .unwrap();
    assert_eq!(
        stored,
        outbox.len() as i64,
        "each answer stored exactly once"
    );
    let distinct: i64 = conn
        .query_row(
            "SELECT count(DISTINCT appointment_id) FROM appointment_response",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(distinct, outbox.len() as i64);
    let pulled = harness.device_get(&device, "/fhir/Appointment").await;
    for entry in pulled.body["entry"].as_array().unwrap() {
        assert_eq!(
            entry["resource"]["participant"][0]["status"], "accepted",
            "every answer reached its appointment"
        );
    }
    assert_eq!(
        tideline_clinic::audit::verify(&conn).map(|rows| rows > 0),
        Ok(true),
        "the audit chain survives a kill"
    );
}
