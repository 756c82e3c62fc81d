//! Enrollment codes: single use, expiry, tries per code, attempts per address; revocation.

use chrono::Duration;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::{assert_outcome, Harness};

/// A wrong code with the same first half as `code`.
fn wrong_second_half(code: &str, salt: usize) -> String {
    let alphabet = tideline_clinic::enrollment::ALPHABET;
    let mut wrong: Vec<u8> = code.as_bytes().to_vec();
    let last = wrong.len() - 1;
    let position = alphabet.iter().position(|c| *c == wrong[last]).unwrap();
    wrong[last] = alphabet[(position + 1 + salt) % alphabet.len()];
    String::from_utf8(wrong).unwrap()
}

#[tokio::test]
async fn a_code_works_once_and_not_after_fifteen_minutes() {
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let code = harness.issue_code(&clinic).await;
    assert_eq!(code.len(), 9, "XXXX-XXXX");
    let (first, _) = harness
        .enroll_with(&code.to_lowercase().replace('-', " "))
        .await;
    assert_eq!(
        first.status,
        StatusCode::CREATED,
        "codes are typed loosely: {}",
        first.body
    );
    let (second, _) = harness.enroll_with(&code).await;
    assert_outcome(&second, StatusCode::UNAUTHORIZED, "a used code");
    let late = harness.issue_code(&clinic).await;
    harness.clock.advance(Duration::minutes(16));
    let (expired, _) = harness.enroll_with(&late).await;
    assert_outcome(&expired, StatusCode::UNAUTHORIZED, "an expired code");
}

#[tokio::test]
async fn code_brute_force_is_stopped() {
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let code = harness.issue_code(&clinic).await;
    for attempt in 0..5 {
        let (guess, _) = harness
            .enroll_with(&wrong_second_half(&code, attempt))
            .await;
        assert_outcome(&guess, StatusCode::UNAUTHORIZED, "a wrong guess");
    }
    let (real, _) = harness.enroll_with(&code).await;
    assert_outcome(
        &real,
        StatusCode::UNAUTHORIZED,
        "after 5 wrong tries the code is dead, even when right",
    );

    // Blind guesses from one address stop after 10 failures in 15 minutes, whatever they aim at.
    let fresh = harness.issue_code(&clinic).await;
    for _ in 0..4 {
        let (guess, _) = harness.enroll_with("CCCC-CCCC").await;
        assert_eq!(guess.status, StatusCode::UNAUTHORIZED);
    }
    let (blocked, _) = harness.enroll_with(&fresh).await;
    assert_outcome(
        &blocked,
        StatusCode::TOO_MANY_REQUESTS,
        "the address is throttled even for a good code",
    );
    assert!(
        blocked.headers.get("retry-after").is_some(),
        "the app must know when to retry"
    );
    harness.clock.advance(Duration::minutes(16));
    let later = harness.issue_code(&clinic).await;
    let (after_wait, _) = harness.enroll_with(&later).await;
    assert_eq!(
        after_wait.status,
        StatusCode::CREATED,
        "once the window passes the address may enroll again"
    );
    assert!(harness.refusals() >= 10, "every refused attempt is audited");
}

#[tokio::test]
async fn a_revoked_device_is_refused_at_once() {
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let device = harness.enroll(&clinic).await;
    assert_eq!(
        harness
            .device_get(&device, "/fhir/Appointment")
            .await
            .status,
        StatusCode::OK
    );
    let devices = harness
        .staff(
            Some(&clinic.token),
            Method::GET,
            &format!("/staff/patients/{}/devices", clinic.patient),
            json!({}),
        )
        .await;
    assert_eq!(devices.body[0]["id"].to_string(), device.id);
    let revoked = harness
        .staff(
            Some(&clinic.token),
            Method::POST,
            &format!("/staff/devices/{}/revoke", device.id),
            json!({}),
        )
        .await;
    assert_eq!(revoked.status, StatusCode::OK);
    let before = harness.refusals();
    let refused = harness.device_get(&device, "/fhir/Appointment").await;
    assert_outcome(
        &refused,
        StatusCode::UNAUTHORIZED,
        "the very next request after revocation",
    );
    assert_eq!(harness.refusals(), before + 1, "the refusal is audited");
}

fn audited(harness: &Harness, action: &str, outcome: &str) -> i64 {
    harness
        .db()
        .query_row(
            "SELECT count(*) FROM audit WHERE action = ?1 AND outcome = ?2",
            [action, outcome],
            |row| row.get(0),
        )
        .unwrap()
}

#[tokio::test]
async fn only_administrators_and_the_care_team_issue_codes_and_every_issue_and_enrollment_is_audited(
) {
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let (kim, kim_token) =
        crate::share_support::therapist(&harness, &clinic, "kim@harbor.example").await;
    let path = format!("/staff/patients/{}/enrollment-codes", clinic.patient);
    let refused = harness
        .staff(Some(&kim_token), Method::POST, &path, json!({}))
        .await;
    assert_outcome(
        &refused,
        StatusCode::FORBIDDEN,
        "staff outside the patient's care team cannot make a device in the patient's name",
    );
    assert_eq!(
        audited(&harness, "issue enrollment code", "refused:forbidden"),
        1
    );
    let live: i64 = harness
        .db()
        .query_row("SELECT count(*) FROM enrollment_code", [], |row| row.get(0))
        .unwrap();
    assert_eq!(live, 0, "a refused issue leaves no code behind");

    crate::share_support::assign(&harness, &clinic, kim).await;
    let issued = harness
        .staff(Some(&kim_token), Method::POST, &path, json!({}))
        .await;
    assert_eq!(issued.status, StatusCode::CREATED, "{}", issued.body);
    let by_admin = harness.issue_code(&clinic).await;
    assert_eq!(audited(&harness, "issue enrollment code", "allowed"), 2);
    let actors: Vec<String> = harness
        .db()
        .prepare("SELECT actor FROM audit WHERE action = 'issue enrollment code' AND outcome = 'allowed' ORDER BY seq")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(actors, vec![format!("staff:{kim}"), "staff:1".to_owned()]);

    let (enrolled, _) = harness.enroll_with(&by_admin).await;
    assert_eq!(enrolled.status, StatusCode::CREATED);
    let (again, _) = harness.enroll_with(&by_admin).await;
    assert_outcome(&again, StatusCode::UNAUTHORIZED, "a used code");
    assert_eq!(audited(&harness, "enroll", "allowed"), 1);
    assert_eq!(audited(&harness, "enroll", "refused:bad-credentials"), 1);
}
