//! Signing in and out, wrong passwords, lockout, CSRF refusals and the idle timeout.

use chrono::Duration;
use reqwest::StatusCode;

use crate::support::{harbor, Browser, Portal, PASSWORD, THERAPIST};

#[tokio::test]
async fn the_right_password_opens_a_session_in_a_strict_httponly_cookie() {
    let portal = Portal::start(false).await;
    harbor(&portal);
    let mut browser = Browser::default();
    let signed_in = portal.sign_in(&mut browser, THERAPIST, PASSWORD).await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_in.location(), "/portal/patients");
    let cookie = signed_in.set_cookie().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "plain HTTP on loopback cannot carry a Secure cookie (the browser would drop it)"
    );
    let list = portal.get(&mut browser, "/portal/patients").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("Sam Rivera") && list.body.contains("Signed in as Kim Ortiz"));
    let csp = list.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("default-src 'none'") && !csp.contains("script-src"),
        "no script may run: {csp}"
    );
    assert_eq!(
        list.headers["cache-control"], "no-store",
        "patient data must not be cached"
    );
    assert_eq!(portal.audited("portal sign-in", "allowed"), 1);
}

#[tokio::test]
async fn over_tls_the_cookie_is_secure_and_host_only() {
    let portal = Portal::start(true).await;
    harbor(&portal);
    let mut browser = Browser::default();
    let form = portal.get(&mut browser, "/portal/sign-in").await;
    let cookie = form.set_cookie().unwrap();
    assert!(cookie.starts_with("__Host-tideline-portal="), "{cookie}");
    assert!(
        cookie.contains("; Secure") && cookie.contains("Path=/;"),
        "{cookie}"
    );
    let signed_in = portal.sign_in(&mut browser, THERAPIST, PASSWORD).await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    assert!(signed_in.set_cookie().unwrap().contains("Secure"));
    let list = portal.get(&mut browser, "/portal/patients").await;
    assert_eq!(list.status, StatusCode::OK);
}

#[tokio::test]
async fn signing_in_replaces_the_session_id_and_only_its_hash_is_stored() {
    let portal = Portal::start(false).await;
    harbor(&portal);
    let mut browser = Browser::default();
    portal.get(&mut browser, "/portal/sign-in").await;
    let before = browser.cookie.clone().unwrap();
    portal.sign_in(&mut browser, THERAPIST, PASSWORD).await;
    let after = browser.cookie.clone().unwrap();
    assert_ne!(
        before, after,
        "an id planted before sign-in must be worth nothing after"
    );
    let raw = after.split_once('=').unwrap().1.to_owned();
    let ids: Vec<Vec<u8>> = portal
        .db()
        .prepare("SELECT id_sha256 FROM portal_session")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!ids.is_empty(), "the session is stored (as its hash)");
    let stored = ids
        .iter()
        .filter(|id| {
            id.as_slice() == raw.as_bytes()
                || tideline_wire::hex::encode(id).eq_ignore_ascii_case(&raw)
        })
        .count();
    assert_eq!(stored, 0, "the raw session id must not be in the database");
}

#[tokio::test]
async fn a_wrong_password_is_refused_counted_and_audited() {
    let portal = Portal::start(false).await;
    harbor(&portal);
    let mut browser = Browser::default();
    let refused = portal
        .sign_in(&mut browser, THERAPIST, "not the password at all")
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(refused.body.contains("The email or password is wrong."));
    assert!(
        refused.body.contains(r#"role="alert""#),
        "the error must be announced"
    );
    let unknown = portal
        .sign_in(&mut browser, "nobody@harbor.example", PASSWORD)
        .await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert!(
        unknown.body.contains("The email or password is wrong."),
        "an unknown email reads exactly like a wrong password"
    );
    let list = portal.get(&mut browser, "/portal/patients").await;
    assert_eq!(
        list.status,
        StatusCode::SEE_OTHER,
        "no session without the password"
    );
    assert_eq!(
        portal.audited("portal sign-in", "refused:bad-credentials"),
        2
    );
}

#[tokio::test]
async fn five_failures_lock_the_account_even_against_the_right_password_until_the_window_passes() {
    let portal = Portal::start(false).await;
    harbor(&portal);
    let mut browser = Browser::default();
    for attempt in 1..=5 {
        let refused = portal
            .sign_in(&mut browser, THERAPIST, "wrong password here")
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNAUTHORIZED,
            "attempt {attempt}"
        );
    }
    let locked = portal.sign_in(&mut browser, THERAPIST, PASSWORD).await;
    assert_eq!(
        locked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the right password must not get through a lockout"
    );
    assert!(locked.body.contains("Too many failed sign-ins"));
    assert_eq!(portal.audited("portal sign-in", "refused:locked"), 1);
    portal.advance(Duration::minutes(16));
    let open = portal.sign_in(&mut browser, THERAPIST, PASSWORD).await;
    assert_eq!(
        open.status,
        StatusCode::SEE_OTHER,
        "the lock ends with the window"
    );
}

#[tokio::test]
async fn failures_from_one_address_lock_it_across_accounts() {
    let portal = Portal::start(false).await;
    harbor(&portal);
    let mut browser = Browser::default();
    for attempt in 0..20 {
        let email = format!("guess{attempt}@harbor.example");
        portal
            .sign_in(&mut browser, &email, "wrong password here")
            .await;
    }
    let locked = portal.sign_in(&mut browser, THERAPIST, PASSWORD).await;
    assert_eq!(
        locked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "20 failures from one address lock that address"
    );
}

#[tokio::test]
async fn a_post_without_the_session_form_token_is_refused() {
    let portal = Portal::start(false).await;
    harbor(&portal);
    let mut browser = Browser::default();
    portal.get(&mut browser, "/portal/sign-in").await;
    let forged = portal
        .post(
            &mut browser,
            "/portal/sign-in",
            &[
                ("email", THERAPIST),
                ("password", PASSWORD),
                ("csrf", "0000"),
            ],
        )
        .await;
    assert_eq!(
        forged.status,
        StatusCode::FORBIDDEN,
        "a sign-in without the form's token is refused"
    );
    assert_eq!(portal.audited("portal sign-in", "refused:csrf"), 1);
    assert_eq!(portal.audited("portal sign-in", "allowed"), 0);

    let signed_in = portal.sign_in(&mut browser, THERAPIST, PASSWORD).await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    let list = portal.get(&mut browser, "/portal/patients").await;
    let token = list.csrf();
    let forged = portal
        .post(&mut browser, "/portal/sign-out", &[("csrf", "f00d")])
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let still = portal.get(&mut browser, "/portal/patients").await;
    assert_eq!(
        still.status,
        StatusCode::OK,
        "a forged sign-out changes nothing"
    );
    let empty = portal.post(&mut browser, "/portal/sign-out", &[]).await;
    assert_eq!(
        empty.status,
        StatusCode::FORBIDDEN,
        "a missing token is refused too"
    );

    let out = portal
        .post(&mut browser, "/portal/sign-out", &[("csrf", &token)])
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(
        out.location(),
        "/portal/sign-in?reason=signed-out&lang=en",
        "the sign-in page after sign-out keeps the staff member's language"
    );
    assert!(browser.cookie.is_none(), "sign-out clears the cookie");
    let after = portal.get(&mut browser, "/portal/patients").await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_stolen_cookie_is_useless_after_sign_out() {
    let portal = Portal::start(false).await;
    harbor(&portal);
    let mut browser = Browser::default();
    portal.sign_in(&mut browser, THERAPIST, PASSWORD).await;
    let mut copy = browser.clone();
    let token = portal.get(&mut browser, "/portal/patients").await.csrf();
    portal
        .post(&mut browser, "/portal/sign-out", &[("csrf", &token)])
        .await;
    let replay = portal.get(&mut copy, "/portal/patients").await;
    assert_eq!(
        replay.status,
        StatusCode::SEE_OTHER,
        "the session is deleted server-side"
    );
}

#[tokio::test]
async fn fifteen_idle_minutes_end_the_session_but_activity_keeps_it() {
    let portal = Portal::start(false).await;
    let clinic = harbor(&portal);
    let mut browser = Browser::default();
    portal.sign_in(&mut browser, THERAPIST, PASSWORD).await;
    for _ in 0..3 {
        portal.advance(Duration::minutes(14));
        let page = portal.get(&mut browser, "/portal/patients").await;
        assert_eq!(
            page.status,
            StatusCode::OK,
            "each request restarts the idle clock"
        );
    }
    portal.advance(Duration::minutes(15));
    let path = format!("/portal/patients/{}", clinic.patient);
    let lapsed = portal.get(&mut browser, &path).await;
    assert_eq!(lapsed.status, StatusCode::SEE_OTHER);
    assert_eq!(
        lapsed.location(),
        format!("/portal/sign-in?reason=timeout&next={path}"),
        "the timeout is explained and the page is returned to after signing in"
    );
    let form = portal.get(&mut browser, lapsed.location()).await;
    assert!(form
        .body
        .contains("signed out after 15 minutes without activity"));
    let csrf = form.csrf();
    let back = portal
        .post(
            &mut browser,
            "/portal/sign-in",
            &[
                ("email", THERAPIST),
                ("password", PASSWORD),
                ("csrf", &csrf),
                ("next", &path),
            ],
        )
        .await;
    assert_eq!(back.location(), path);
}

#[tokio::test]
async fn sign_in_never_sends_the_browser_to_another_site() {
    let portal = Portal::start(false).await;
    harbor(&portal);
    let mut browser = Browser::default();
    let form = portal.get(&mut browser, "/portal/sign-in").await;
    let csrf = form.csrf();
    let signed_in = portal
        .post(
            &mut browser,
            "/portal/sign-in",
            &[
                ("email", THERAPIST),
                ("password", PASSWORD),
                ("csrf", &csrf),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(signed_in.location(), "/portal/patients");
}
