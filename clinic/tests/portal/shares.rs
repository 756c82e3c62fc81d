//! What patients shared: shown with the Part 2 notice while the consent is in force, every view
//! recorded for the patient's accounting, gone once revoked or expired.

use chrono::Duration;
use reqwest::StatusCode;

use crate::support::{harbor, Browser, Portal, PASSWORD, THERAPIST};

const NOTICE: &str = "42 CFR part 2";

#[tokio::test]
async fn an_active_share_is_shown_with_the_part_2_notice_and_the_view_is_recorded() {
    let portal = Portal::start(false).await;
    let harbor = harbor(&portal);
    let consent = portal.share(
        harbor.clinic,
        harbor.patient,
        portal.now() + Duration::days(30),
        "Walked past the bar <b>",
    );
    let mut browser = Browser::default();
    portal.sign_in(&mut browser, THERAPIST, PASSWORD).await;
    let page = portal
        .get(
            &mut browser,
            &format!("/portal/patients/{}", harbor.patient),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Walked past the bar &lt;b&gt;"),
        "shared text shown, escaped"
    );
    assert!(page.body.contains("Purpose: Treatment"));
    let record = page.body.split("<article class=\"record\"").nth(1).unwrap();
    assert!(
        record.contains(NOTICE),
        "the notice is on the disclosed record itself"
    );
    assert!(record.contains("prohibit you from making any further disclosure"));
    assert!(page.body.contains("Craving intensity") && page.body.contains("<td>7</td>"));
    let views: i64 = portal
        .db()
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'view shared entries' AND actor = ?1 AND instr(target, ?2) > 0",
            [format!("staff:{}", harbor.therapist), format!("Consent/{consent}")],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(
        views, 1,
        "the view is what the patient's accounting of disclosures lists"
    );
}

#[tokio::test]
async fn a_revoked_share_is_gone_at_once() {
    let portal = Portal::start(false).await;
    let harbor = harbor(&portal);
    let consent = portal.share(
        harbor.clinic,
        harbor.patient,
        portal.now() + Duration::days(30),
        "Revoked situation",
    );
    portal.share(
        harbor.clinic,
        harbor.patient,
        portal.now() + Duration::days(30),
        "Kept situation",
    );
    let mut browser = Browser::default();
    portal.sign_in(&mut browser, THERAPIST, PASSWORD).await;
    let path = format!("/portal/patients/{}", harbor.patient);
    assert!(portal
        .get(&mut browser, &path)
        .await
        .body
        .contains("Revoked situation"));
    portal.revoke(consent, harbor.patient, harbor.clinic);
    let page = portal.get(&mut browser, &path).await;
    assert!(
        !page.body.contains("Revoked situation"),
        "revocation holds from the next request on"
    );
    assert!(
        page.body.contains("Kept situation"),
        "other consents are untouched"
    );
}

#[tokio::test]
async fn an_expired_share_is_not_shown() {
    let portal = Portal::start(false).await;
    let harbor = harbor(&portal);
    portal.share(
        harbor.clinic,
        harbor.patient,
        portal.now() + Duration::hours(1),
        "Expiring situation",
    );
    let mut browser = Browser::default();
    portal.sign_in(&mut browser, THERAPIST, PASSWORD).await;
    let path = format!("/portal/patients/{}", harbor.patient);
    assert!(portal
        .get(&mut browser, &path)
        .await
        .body
        .contains("Expiring situation"));
    portal.advance(Duration::minutes(61));
    portal.sign_in(&mut browser, THERAPIST, PASSWORD).await;
    let page = portal.get(&mut browser, &path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        !page.body.contains("Expiring situation"),
        "an ended consent discloses nothing"
    );
    assert!(page
        .body
        .contains("Nothing is shared with you at the moment."));
}

#[tokio::test]
async fn a_colleague_off_the_care_team_never_sees_the_share() {
    let portal = Portal::start(false).await;
    let harbor = harbor(&portal);
    portal.share(
        harbor.clinic,
        harbor.patient,
        portal.now() + Duration::days(30),
        "Private situation",
    );
    portal.staff(harbor.clinic, "ana@harbor.example", "Ana Diaz");
    let mut browser = Browser::default();
    portal
        .sign_in(&mut browser, "ana@harbor.example", PASSWORD)
        .await;
    let page = portal
        .get(
            &mut browser,
            &format!("/portal/patients/{}", harbor.patient),
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(!page.body.contains("Private situation"));
    assert_eq!(
        portal.audited("view shared entries", "allowed"),
        0,
        "nothing was disclosed"
    );
}
