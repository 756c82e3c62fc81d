//! A therapist sees their own care team's patients and nobody else's.

use reqwest::StatusCode;

use crate::support::{harbor, Browser, Portal, PASSWORD, THERAPIST};

#[tokio::test]
async fn a_therapist_outside_the_care_team_is_refused_the_patient() {
    let portal = Portal::start(false).await;
    let harbor = harbor(&portal);
    portal.staff(harbor.clinic, "ana@harbor.example", "Ana Diaz");
    let mut browser = Browser::default();
    portal
        .sign_in(&mut browser, "ana@harbor.example", PASSWORD)
        .await;
    let list = portal.get(&mut browser, "/portal/patients").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        !list.body.contains("Rivera"),
        "the list holds only the therapist's own patients"
    );
    let page = portal
        .get(
            &mut browser,
            &format!("/portal/patients/{}", harbor.patient),
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(!page.body.contains("Rivera"), "not even the name is shown");
    assert!(page.body.contains("not on your care team"));
    assert_eq!(
        portal.audited("portal view", "refused:forbidden"),
        1,
        "the refusal is audited"
    );
}

#[tokio::test]
async fn another_clinics_staff_are_refused() {
    let portal = Portal::start(false).await;
    let harbor = harbor(&portal);
    let other = portal.clinic("Bayside Recovery");
    portal.staff(other, "jo@bayside.example", "Jo Park");
    let mut browser = Browser::default();
    portal
        .sign_in(&mut browser, "jo@bayside.example", PASSWORD)
        .await;
    let page = portal
        .get(
            &mut browser,
            &format!("/portal/patients/{}", harbor.patient),
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(!page.body.contains("Rivera"));
}

#[tokio::test]
async fn nobody_signed_in_is_sent_to_the_sign_in_form() {
    let portal = Portal::start(false).await;
    let harbor = harbor(&portal);
    let mut browser = Browser::default();
    let page = portal
        .get(
            &mut browser,
            &format!("/portal/patients/{}", harbor.patient),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(page.location().starts_with("/portal/sign-in"));
    assert!(page.body.is_empty());
}

#[tokio::test]
async fn the_care_team_therapist_sees_weekly_hours_against_the_minimum() {
    let portal = Portal::start(false).await;
    let harbor = harbor(&portal);
    // Week of 2 March: Mon and Wed attended, Fri missed; week of 9 March: Mon attended.
    for (index, status) in ["fulfilled", "fulfilled", "noshow", "fulfilled"]
        .iter()
        .enumerate()
    {
        portal.attendance(harbor.appointments[index], status);
    }
    let mut browser = Browser::default();
    portal.sign_in(&mut browser, THERAPIST, PASSWORD).await;
    let list = portal.get(&mut browser, "/portal/patients").await;
    assert!(
        list.body.contains("<td>3 of 9</td>"),
        "this week (9 March) has one 3-hour session"
    );
    let page = portal
        .get(
            &mut browser,
            &format!("/portal/patients/{}", harbor.patient),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page
        .body
        .contains("This week: <strong>3 of 9 hours</strong>"));
    assert!(page.body.contains("Sessions attended: <strong>3</strong>"));
    assert!(page.body.contains("Sessions missed: <strong>1</strong>"));
    assert!(
        page.body.contains("<tr><th scope=\"row\">Mar 2, 2026</th><td>6</td><td>9 h, not met</td><td>2</td><td>1</td></tr>"),
        "the table gives the same figures as the chart"
    );
    assert!(page.body.contains(r#"role="img""#) && page.body.contains("9 hours a week"));
    assert!(page
        .body
        .contains("Nothing is shared with you at the moment."));
}

/// This machine's own non-loopback address, if it has one (no packet is sent: a UDP "connect" only
/// picks the outgoing interface).
fn own_address() -> Option<std::net::IpAddr> {
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

#[tokio::test]
async fn plain_http_is_served_to_loopback_only() {
    let Some(ip) = own_address() else {
        eprintln!("skipped: this machine has no non-loopback address to connect from");
        return;
    };
    let portal = Portal::start_on(false, "0.0.0.0:0".parse().unwrap()).await;
    let port = portal.base.rsplit(':').next().unwrap().to_owned();
    let mut browser = Browser::default();
    let remote = portal
        .get_from(
            &format!("http://{ip}:{port}"),
            &mut browser,
            "/portal/sign-in",
        )
        .await;
    assert_eq!(
        remote.status,
        StatusCode::FORBIDDEN,
        "a session cookie without Secure must never cross a network"
    );
    assert!(remote.set_cookie().is_none(), "no session is opened for it");
    assert!(remote.body.contains("Use a secure connection"));
    let spanish = portal
        .get_from_in(
            &format!("http://{ip}:{port}"),
            &mut browser,
            "/portal/sign-in",
            "es-US,es;q=0.9",
        )
        .await;
    assert_eq!(spanish.status, StatusCode::FORBIDDEN);
    assert!(
        spanish.body.contains(r#"<html lang="es">"#)
            && spanish.body.contains("Use una conexión segura"),
        "the refusal follows the browser's language"
    );
    let local = portal.get(&mut browser, "/portal/sign-in").await;
    assert_eq!(local.status, StatusCode::OK);
}
