//! Plain HTTP is for this computer only, on every API; `--behind-tls-proxy` opens it to a proxy; over
//! TLS every answer carries HSTS.

use std::sync::Arc;

use chrono::Utc;
use reqwest::StatusCode;
use tideline_clinic::clock::ManualClock;
use tideline_clinic::http::HSTS;
use tideline_clinic::server::{self, Running, ServerConfig};

use crate::support::Harness;

/// This machine's own non-loopback address, if it has one (no packet is sent: a UDP "connect" only
/// picks the outgoing interface).
fn own_address() -> Option<std::net::IpAddr> {
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

async fn plain_on_every_address(dir: &std::path::Path, behind_tls_proxy: bool) -> Running {
    server::start(ServerConfig {
        data_dir: dir.join("data"),
        database: crate::engine::database_for(&dir.join("data")),
        listen: "0.0.0.0:0".parse().unwrap(),
        tls: None,
        clock: Arc::new(ManualClock::at(Utc::now())),
        behind_tls_proxy,
    })
    .await
    .unwrap()
}

/// One request of each API family: FHIR, enrollment, staff sign-in, staff operation, portal.
async fn statuses(client: &reqwest::Client, base: &str) -> Vec<(&'static str, StatusCode, bool)> {
    let mut seen = Vec::new();
    for (method, path) in [
        ("GET", "/fhir/metadata"),
        ("POST", "/enroll"),
        ("POST", "/staff/sign-in"),
        ("GET", "/staff/audit/verify"),
        ("GET", "/portal/sign-in"),
    ] {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let response = client
            .request(method, format!("{base}{path}"))
            .header("content-type", "application/json")
            .body("{}")
            .send()
            .await
            .unwrap();
        let hsts = response.headers().contains_key("strict-transport-security");
        seen.push((path, response.status(), hsts));
    }
    seen
}

#[tokio::test]
async fn plain_http_is_refused_to_other_computers_on_every_api_unless_behind_a_tls_proxy() {
    let Some(ip) = own_address() else {
        eprintln!("skipped: this machine has no non-loopback address to connect from");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let running = plain_on_every_address(dir.path(), false).await;
    let port = running.address.port();
    for (path, status, hsts) in
        statuses(&reqwest::Client::new(), &format!("http://{ip}:{port}")).await
    {
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "{path} over plain HTTP from {ip}"
        );
        assert!(!hsts);
    }
    let refusals: i64 =
        Harness::count_rows(&dir.path().join("data"), "SELECT count(*) FROM staff_token")
            + Harness::count_rows(
                &dir.path().join("data"),
                "SELECT count(*) FROM enrollment_failure",
            );
    assert_eq!(
        refusals, 0,
        "nothing was processed for the refused requests"
    );
    for (path, status, _) in
        statuses(&reqwest::Client::new(), &format!("http://127.0.0.1:{port}")).await
    {
        assert_ne!(
            status,
            StatusCode::FORBIDDEN,
            "{path} is served to loopback"
        );
    }
    running.kill();

    let proxied = tempfile::tempdir().unwrap();
    let running = plain_on_every_address(proxied.path(), true).await;
    let port = running.address.port();
    for (path, status, hsts) in
        statuses(&reqwest::Client::new(), &format!("http://{ip}:{port}")).await
    {
        assert_ne!(status, StatusCode::FORBIDDEN, "{path} behind a TLS proxy");
        assert!(hsts, "{path}: the proxy serves HTTPS, so HSTS is sent");
    }
    running.kill();
}

#[tokio::test]
async fn every_answer_over_tls_carries_hsts() {
    let harness = Harness::start(true).await;
    for (path, _, hsts) in statuses(&harness.client, &harness.base).await {
        assert!(hsts, "{path} over TLS without HSTS");
    }
    let answer = harness
        .client
        .get(format!("{}/fhir/metadata", harness.base))
        .send()
        .await
        .unwrap();
    assert_eq!(
        answer.headers()["strict-transport-security"]
            .to_str()
            .unwrap(),
        HSTS
    );
    let plain = Harness::start(false).await;
    for (path, _, hsts) in statuses(&plain.client, &plain.base).await {
        assert!(!hsts, "{path}: no HSTS on plain loopback HTTP");
    }
}
