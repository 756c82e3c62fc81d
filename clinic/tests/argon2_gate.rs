//! No unauthenticated request reaches Argon2, and staff sign-in over JSON shares the portal's lockout
//! and its unknown-email handling.
//!
//! Proved by the process's Argon2 counter (`staff::argon2_runs`), not by timing: this file is its own
//! test binary with a single test, so no other test runs Argon2 meanwhile.

#[path = "common/engine.rs"]
mod engine;

use std::sync::Arc;

use chrono::Utc;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tideline_clinic::access::Caller;
use tideline_clinic::clock::{Clock, ManualClock};
use tideline_clinic::server::{self, ServerConfig};
use tideline_clinic::staff;

const PASSWORD: &str = "correct horse battery staple";

struct Server {
    base: String,
    client: reqwest::Client,
}

impl Server {
    async fn send(&self, method: &str, path: &str, token: Option<&str>, body: &str) -> StatusCode {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("content-type", "application/json")
            .body(body.to_owned());
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap().status()
    }

    async fn sign_in(&self, email: &str, password: &str) -> (StatusCode, Value) {
        let response = self
            .client
            .post(format!("{}/staff/sign-in", self.base))
            .header("content-type", "application/json")
            .body(json!({"email": email, "password": password}).to_string())
            .send()
            .await
            .unwrap();
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }
}

/// Every staff endpoint, with a body that would be a valid request.
fn staff_endpoints() -> Vec<(&'static str, &'static str, String)> {
    let long_password = "p".repeat(60_000);
    vec![
        (
            "POST",
            "/staff/accounts",
            json!({"email": "new@clinic.example", "displayName": "New", "password": long_password})
                .to_string(),
        ),
        (
            "POST",
            "/staff/accounts",
            json!({"email": "new@clinic.example", "displayName": "New", "password": PASSWORD})
                .to_string(),
        ),
        (
            "POST",
            "/staff/patients",
            json!({"givenName": "Sam", "familyName": "Rivera"}).to_string(),
        ),
        ("POST", "/staff/patients/1/enrollment-codes", "{}".into()),
        ("GET", "/staff/patients/1/devices", String::new()),
        (
            "POST",
            "/staff/programs",
            json!({"name": "IOP", "timeZone": "America/Chicago"}).to_string(),
        ),
        (
            "POST",
            "/staff/programs/1/members",
            json!({"patientId": 1}).to_string(),
        ),
        ("POST", "/staff/devices/1/revoke", "{}".into()),
        ("GET", "/staff/audit/verify", String::new()),
    ]
}

#[tokio::test]
async fn no_unauthenticated_request_reaches_argon2_and_json_sign_in_locks_like_the_portal() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::at(Utc::now());
    let data = dir.path().join("data");
    let running = server::start(ServerConfig {
        data_dir: data.clone(),
        database: engine::database_for(&data),
        listen: "127.0.0.1:0".parse().unwrap(),
        tls: None,
        clock: Arc::new(clock.clone()),
        behind_tls_proxy: false,
    })
    .await
    .unwrap();
    let conn = engine::connect(&data);
    let now = clock.now();
    let clinic = staff::create_clinic(&conn, &Caller::Operator, "Harbor", now).unwrap();
    for (email, admin) in [
        ("admin@harbor.example", true),
        ("kim@harbor.example", false),
    ] {
        let new = staff::NewStaff {
            clinic_id: clinic,
            email: email.into(),
            display_name: email.into(),
            password_hash: staff::hash_password(PASSWORD).unwrap(),
            admin,
        };
        staff::create_staff(&conn, &Caller::Operator, &new, now).unwrap();
    }
    drop(conn);
    let server = Server {
        base: format!("http://{}", running.address),
        client: reqwest::Client::new(),
    };
    let (status, kim) = server.sign_in("kim@harbor.example", PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
    let kim_token = kim["token"].as_str().unwrap().to_owned();

    // Unauthenticated (no token, a made-up token) or not an administrator: no Argon2 at all.
    let before = staff::argon2_runs();
    for (method, path, body) in staff_endpoints() {
        for token in [None, Some("made-up"), Some(&"f".repeat(64)[..])] {
            let status = server.send(method, path, token, &body).await;
            assert!(
                status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN,
                "{method} {path} with {token:?} answered {status}"
            );
        }
    }
    let status = server
        .send(
            "POST",
            "/staff/accounts",
            Some(&kim_token),
            &staff_endpoints()[1].2,
        )
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "only administrators create staff"
    );
    assert_eq!(
        staff::argon2_runs(),
        before,
        "an unauthenticated or non-administrator request ran Argon2"
    );
    let (status, _) = server
        .sign_in("kim@harbor.example", &"p".repeat(5_000))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        staff::argon2_runs(),
        before,
        "an overlong password is refused unhashed"
    );

    // A wrong password and an unknown email are the same answer after the same Argon2 work.
    let (wrong, wrong_body) = server
        .sign_in("kim@harbor.example", "not the password at all")
        .await;
    assert_eq!(staff::argon2_runs(), before + 1);
    let (unknown, unknown_body) = server
        .sign_in("nobody@harbor.example", "not the password at all")
        .await;
    assert_eq!(
        staff::argon2_runs(),
        before + 2,
        "an unknown email verifies the decoy hash"
    );
    assert_eq!((wrong, &wrong_body), (unknown, &unknown_body));
    assert_eq!(wrong, StatusCode::UNAUTHORIZED);

    // The portal's lockout: five failures for the email, then refused without Argon2, right password too.
    for _ in 0..4 {
        server
            .sign_in("kim@harbor.example", "still not the password")
            .await;
    }
    let counted = staff::argon2_runs();
    let (status, _) = server.sign_in("kim@harbor.example", PASSWORD).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        staff::argon2_runs(),
        counted,
        "a locked sign-in runs no Argon2"
    );
    let (status, _) = server.sign_in("admin@harbor.example", PASSWORD).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "another account from the address is not locked by 5 failures"
    );
    clock.advance(chrono::Duration::minutes(16));
    let (status, _) = server.sign_in("kim@harbor.example", PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "the lock ends with the window");

    // The control: an administrator's request does hash the new password, once.
    let admin_token = server.sign_in("admin@harbor.example", PASSWORD).await.1["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let before = staff::argon2_runs();
    let status = server
        .send(
            "POST",
            "/staff/accounts",
            Some(&admin_token),
            &staff_endpoints()[1].2,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(staff::argon2_runs(), before + 1);
    running.kill();
}
