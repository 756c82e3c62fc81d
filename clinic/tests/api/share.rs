//! Sharing journal entries (docs/share-protocol.md) against the real server: stored and read back by the
//! care team, retried once, refused whole, revoked at once, expired, and accounted for.

use chrono::Duration;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use tideline_wire::share::ShareResource;
use tideline_wire::{Answer, Reference, ResponseItem};

use crate::share_support::{assign, count, locations, post_share, sign_in, therapist, Draft};
use crate::support::{assert_outcome, reply, Harness};

fn entries_of<'a>(bundle: &'a Value, kind: &str) -> Vec<&'a Value> {
    bundle["entry"]
        .as_array()
        .map(|entries| {
            entries
                .iter()
                .map(|entry| &entry["resource"])
                .filter(|resource| resource["resourceType"] == kind)
                .collect()
        })
        .unwrap_or_default()
}

/// Whether `marker` is in any file of the data directory after the write-ahead log is checkpointed.
fn on_disk(harness: &Harness, marker: &[u8]) -> bool {
    if crate::engine::postgres().is_some() {
        return crate::engine::in_rows(&harness.db(), marker);
    }
    let (busy, _, _): (i64, i64, i64) = harness
        .db()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .unwrap();
    assert_eq!(busy, 0, "the checkpoint completed");
    std::fs::read_dir(harness.dir.path().join("data"))
        .unwrap()
        .any(|file| {
            let bytes = std::fs::read(file.unwrap().path()).unwrap();
            bytes.windows(marker.len()).any(|window| window == marker)
        })
}

#[tokio::test]
async fn a_share_is_stored_and_the_care_team_reads_it_back() {
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let device = harness.enroll(&clinic).await;
    let (kim, kim_token) = therapist(&harness, &clinic, "kim@harbor.example").await;
    assign(&harness, &clinic, kim).await;

    let draft = Draft::new(&harness, &device, &["skipped lunch", "long shift"]).await;
    let bundle = draft.signed_by(&device);
    let stored = post_share(&harness, &device, &serde_json::to_string(&bundle).unwrap()).await;
    assert_eq!(stored.status, StatusCode::OK, "{}", stored.body);
    assert_eq!(stored.body["type"], "transaction-response");
    let locations = locations(&stored.body);
    assert_eq!(locations.len(), 4, "one answer per entry, in request order");
    assert!(locations[0].starts_with("Consent/"));
    assert!(locations[1].starts_with("QuestionnaireResponse/"));
    assert!(locations[2].starts_with("QuestionnaireResponse/"));
    assert!(locations[3].starts_with("Provenance/"));
    let consent_id = locations[0].trim_start_matches("Consent/").to_owned();

    // The care team sees both entries exactly as sent, with the Part 2 labels.
    let shares = harness
        .staff(
            Some(&kim_token),
            Method::GET,
            &format!("/staff/patients/{}/shares", clinic.patient),
            Value::Null,
        )
        .await;
    assert_eq!(shares.status, StatusCode::OK, "{}", shares.body);
    let responses = entries_of(&shares.body, "QuestionnaireResponse");
    assert_eq!(responses.len(), 2);
    let mut first = responses[0].clone();
    assert_eq!(
        format!("QuestionnaireResponse/{}", first["id"].as_str().unwrap()),
        locations[1]
    );
    assert_eq!(first["meta"]["security"][0]["code"], "42CFRPart2");
    let object = first.as_object_mut().unwrap();
    object.remove("id");
    object.remove("meta");
    assert_eq!(
        first,
        serde_json::to_value(&draft.responses[0].1).unwrap(),
        "the stored copy is what the patient sent"
    );
    let consents = entries_of(&shares.body, "Consent");
    assert_eq!(consents.len(), 1);
    assert_eq!(consents[0]["status"], "active");
    assert_eq!(
        consents[0]["provision"]["data"][0]["reference"]["reference"],
        locations[1].as_str(),
        "provision.data points at the stored copies"
    );

    // The patient's device lists the consent and the accounting shows the view.
    let listed = harness
        .device_get(
            &device,
            &format!("/fhir/Consent?patient={}", device.patient),
        )
        .await;
    assert_eq!(listed.status, StatusCode::OK);
    assert_eq!(listed.body["total"], 1);
    let read = harness
        .staff(
            Some(&kim_token),
            Method::GET,
            &format!("/fhir/{}", locations[2]),
            Value::Null,
        )
        .await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
    let accounting = harness
        .device_get(
            &device,
            &format!("/fhir/AuditEvent?entity=Consent/{consent_id}"),
        )
        .await;
    assert_eq!(accounting.status, StatusCode::OK, "{}", accounting.body);
    let events = entries_of(&accounting.body, "AuditEvent");
    assert_eq!(
        events.len(),
        2,
        "the list view and the single read: {}",
        accounting.body
    );
    assert_eq!(
        events[0]["agent"][0]["who"]["reference"],
        format!("Practitioner/{kim}")
    );
    assert_eq!(
        events[0]["agent"][0]["name"],
        "Therapist kim@harbor.example"
    );
    assert_eq!(
        events[0]["entity"][0]["what"]["reference"],
        locations[0].as_str()
    );
    assert_eq!(events[0]["entity"].as_array().unwrap().len(), 3);
    assert_eq!(
        events[1]["entity"][1]["what"]["reference"],
        locations[2].as_str()
    );
    let viewed_from: String = harness
        .db()
        .query_row(
            "SELECT address FROM audit WHERE action = 'view shared entries' ORDER BY seq LIMIT 1",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(viewed_from, "127.0.0.1", "the audit says from where");

    // The app reads the questionnaires it answers.
    let questionnaire = harness
        .device_get(&device, "/fhir/Questionnaire/tideline-halt-check")
        .await;
    assert_eq!(questionnaire.status, StatusCode::OK);
    assert_eq!(
        questionnaire.body["url"],
        "urn:tideline:questionnaire:halt-check"
    );
}

#[tokio::test]
async fn a_retried_share_is_stored_once() {
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let device = harness.enroll(&clinic).await;
    let draft = Draft::new(&harness, &device, &["one", "two"]).await;
    let body = serde_json::to_string(&draft.signed_by(&device)).unwrap();
    let first = post_share(&harness, &device, &body).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let again = post_share(&harness, &device, &body).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(
        again.body, first.body,
        "a retry gets the same answer and ids"
    );
    assert_eq!(count(&harness, "consent"), 1);
    assert_eq!(count(&harness, "shared_response"), 2);

    let mut other = draft;
    other.responses.pop();
    other.consent.provision.data.pop();
    let reused = post_share(
        &harness,
        &device,
        &serde_json::to_string(&other.signed_by(&device)).unwrap(),
    )
    .await;
    assert_outcome(
        &reused,
        StatusCode::CONFLICT,
        "the same key with another bundle",
    );
    assert_eq!(count(&harness, "shared_response"), 2);
}

#[tokio::test]
async fn bad_shares_are_refused_whole_and_nothing_is_stored() {
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let device = harness.enroll(&clinic).await;
    let other_clinic = harness.clinic("Cedar IOP", "kim@cedar.example").await;
    let other_patient = format!("Patient/{}", other_clinic.patient);

    let mut cases: Vec<(&str, StatusCode, String)> = Vec::new();

    // Signed, then an answer changed: the signature no longer covers the content.
    let draft = Draft::new(&harness, &device, &["a", "b"]).await;
    let mut bundle = draft.signed_by(&device);
    if let ShareResource::QuestionnaireResponse(response) = &mut bundle.entry[1].resource {
        response.item[1] = ResponseItem::answered("hungry", Answer::ValueInteger(0));
    }
    cases.push((
        "tampered signature",
        StatusCode::BAD_REQUEST,
        serde_json::to_string(&bundle).unwrap(),
    ));

    // Signed by another key (another enrolled device of the same patient signs; this one sends).
    let second = harness.enroll(&clinic).await;
    let bundle = draft.signed_by(&second);
    cases.push((
        "another device's signature",
        StatusCode::BAD_REQUEST,
        serde_json::to_string(&bundle).unwrap(),
    ));

    let mut foreign = Draft::new(&harness, &device, &["a"]).await;
    foreign.responses[0].1.subject = Reference {
        reference: other_patient.clone(),
    };
    foreign.responses[0].1.author = Reference {
        reference: other_patient.clone(),
    };
    cases.push((
        "another patient's entry",
        StatusCode::FORBIDDEN,
        serde_json::to_string(&foreign.signed_by(&device)).unwrap(),
    ));

    let mut foreign_consent = Draft::new(&harness, &device, &["a"]).await;
    foreign_consent.consent.patient = Reference {
        reference: other_patient.clone(),
    };
    cases.push((
        "another patient's consent",
        StatusCode::FORBIDDEN,
        serde_json::to_string(&foreign_consent.signed_by(&device)).unwrap(),
    ));

    let mut other_team = Draft::new(&harness, &device, &["a"]).await;
    other_team.consent.provision.actor[0].reference = Reference {
        reference: format!("CareTeam/{}", other_clinic.patient),
    };
    cases.push((
        "another care team",
        StatusCode::FORBIDDEN,
        serde_json::to_string(&other_team.signed_by(&device)).unwrap(),
    ));

    let mut dangling = Draft::new(&harness, &device, &["a", "b"]).await;
    dangling.consent.provision.data[1].reference = Reference {
        reference: crate::share_support::uuid(),
    };
    cases.push((
        "dangling data reference",
        StatusCode::BAD_REQUEST,
        serde_json::to_string(&dangling.signed_by(&device)).unwrap(),
    ));

    let mut unnamed = Draft::new(&harness, &device, &["a", "b"]).await;
    unnamed.consent.provision.data.pop();
    cases.push((
        "a response the consent does not name",
        StatusCode::BAD_REQUEST,
        serde_json::to_string(&unnamed.signed_by(&device)).unwrap(),
    ));

    let mut expired = Draft::new(&harness, &device, &["a"]).await;
    expired.consent.provision.period.start = Some(expired.now - Duration::days(10));
    expired.consent.provision.period.end = Some(expired.now - Duration::days(1));
    cases.push((
        "expired period",
        StatusCode::BAD_REQUEST,
        serde_json::to_string(&expired.signed_by(&device)).unwrap(),
    ));

    let mut no_expiry = Draft::new(&harness, &device, &["a"]).await;
    no_expiry.consent.provision.period.end = None;
    cases.push((
        "no expiry",
        StatusCode::BAD_REQUEST,
        serde_json::to_string(&no_expiry.signed_by(&device)).unwrap(),
    ));

    let mut unknown_item = Draft::new(&harness, &device, &["a"]).await;
    unknown_item.responses[0]
        .1
        .item
        .push(ResponseItem::answered("mood", Answer::ValueInteger(2)));
    cases.push((
        "an item the questionnaire does not have",
        StatusCode::BAD_REQUEST,
        serde_json::to_string(&unknown_item.signed_by(&device)).unwrap(),
    ));

    let good = Draft::new(&harness, &device, &["a"]).await;
    let mut no_provenance = good.signed_by(&device);
    no_provenance.entry.pop();
    cases.push((
        "no Provenance",
        StatusCode::BAD_REQUEST,
        serde_json::to_string(&no_provenance).unwrap(),
    ));
    let mut json = serde_json::to_value(good.signed_by(&device)).unwrap();
    json["type"] = "batch".into();
    cases.push((
        "bundle type batch",
        StatusCode::BAD_REQUEST,
        json.to_string(),
    ));
    let mut json = serde_json::to_value(good.signed_by(&device)).unwrap();
    json["entry"][1]["resource"]["extra"] = "field".into();
    cases.push((
        "an unknown element",
        StatusCode::BAD_REQUEST,
        json.to_string(),
    ));
    let mut json = serde_json::to_value(good.signed_by(&device)).unwrap();
    json["entry"][1]["fullUrl"] = "QuestionnaireResponse/1".into();
    cases.push((
        "a fullUrl that is not a urn:uuid",
        StatusCode::BAD_REQUEST,
        json.to_string(),
    ));
    cases.push((
        "not JSON",
        StatusCode::BAD_REQUEST,
        "{\"resourceType\": \"Bundle\", ".into(),
    ));
    cases.push(("empty object", StatusCode::BAD_REQUEST, "{}".into()));

    for (why, status, body) in &cases {
        let before = harness.refusals();
        let refused = post_share(&harness, &device, body).await;
        assert_outcome(&refused, *status, why);
        assert_eq!(
            harness.refusals(),
            before + 1,
            "{why}: the refusal is audited"
        );
        assert_eq!(count(&harness, "consent"), 0, "{why}: nothing stored");
        assert_eq!(
            count(&harness, "shared_response"),
            0,
            "{why}: nothing stored"
        );
        assert_eq!(
            count(&harness, "share_provenance"),
            0,
            "{why}: nothing stored"
        );
    }

    // Over the size limit: refused before it is read.
    let huge = format!("{{\"pad\": \"{}\"}}", "x".repeat(2 * 1024 * 1024));
    let refused = post_share(&harness, &device, &huge).await;
    assert_outcome(&refused, StatusCode::PAYLOAD_TOO_LARGE, "2 MiB share");

    // And the good one still goes through afterwards.
    let stored = post_share(
        &harness,
        &device,
        &serde_json::to_string(&good.signed_by(&device)).unwrap(),
    )
    .await;
    assert_eq!(stored.status, StatusCode::OK, "{}", stored.body);
}

#[tokio::test]
async fn revoking_deletes_the_copies_at_once_and_the_api_refuses_them() {
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let device = harness.enroll(&clinic).await;
    let (kim, kim_token) = therapist(&harness, &clinic, "kim@harbor.example").await;
    assign(&harness, &clinic, kim).await;
    let draft = Draft::new(&harness, &device, &["revoke me", "and me"]).await;
    let stored = post_share(
        &harness,
        &device,
        &serde_json::to_string(&draft.signed_by(&device)).unwrap(),
    )
    .await;
    assert_eq!(stored.status, StatusCode::OK, "{}", stored.body);
    let locations = locations(&stored.body);
    let consent = locations[0].clone();

    let seen = harness
        .staff(
            Some(&kim_token),
            Method::GET,
            &format!("/fhir/{}", locations[1]),
            Value::Null,
        )
        .await;
    assert_eq!(seen.status, StatusCode::OK);

    assert!(
        on_disk(&harness, b"revoke me"),
        "the scan finds a shared entry's text before the revocation"
    );

    let revoke_path = format!("/fhir/{consent}/$revoke");
    let revoked = reply(
        harness
            .signed(&device, Method::POST, &revoke_path, "", 0)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(revoked.status, StatusCode::OK, "{}", revoked.body);
    assert_eq!(revoked.body["status"], "inactive");
    assert_eq!(revoked.body["resourceType"], "Consent");
    let rows: i64 = harness
        .db()
        .query_row("SELECT count(*) FROM shared_response", [], |row| row.get(0))
        .unwrap();
    assert_eq!(rows, 0, "the copies are deleted, not flagged");
    let status: String = harness
        .db()
        .query_row("SELECT status FROM consent", [], |row| row.get(0))
        .unwrap();
    assert_eq!(
        status, "inactive",
        "the consent itself is kept as the record"
    );
    // Deleted, not hidden: once the log is checkpointed, the entries' text is nowhere in the files.
    assert!(
        !on_disk(&harness, b"revoke me"),
        "a revoked entry's text is still on disk"
    );
    assert!(
        !on_disk(&harness, b"and me"),
        "a revoked entry's text is still on disk"
    );

    for path in [
        format!("/fhir/{}", locations[1]),
        format!("/fhir/{}", locations[2]),
    ] {
        let gone = harness
            .staff(Some(&kim_token), Method::GET, &path, Value::Null)
            .await;
        assert_outcome(&gone, StatusCode::NOT_FOUND, "a deleted copy");
        let gone = harness.device_get(&device, &path).await;
        assert_outcome(
            &gone,
            StatusCode::NOT_FOUND,
            "a deleted copy, even for the patient",
        );
    }
    let refused = harness
        .staff(
            Some(&kim_token),
            Method::GET,
            &format!("/staff/consents/{}", consent.trim_start_matches("Consent/")),
            Value::Null,
        )
        .await;
    assert_outcome(&refused, StatusCode::FORBIDDEN, "a revoked consent");
    let listed = harness
        .staff(
            Some(&kim_token),
            Method::GET,
            &format!("/staff/patients/{}/shares", clinic.patient),
            Value::Null,
        )
        .await;
    assert_eq!(listed.status, StatusCode::OK);
    assert_eq!(
        listed.body["total"], 0,
        "nothing left to show: {}",
        listed.body
    );

    let again = reply(
        harness
            .signed(&device, Method::POST, &revoke_path, "", 0)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(again.status, StatusCode::OK, "revoking twice is fine");
    let consents = harness
        .device_get(
            &device,
            &format!("/fhir/Consent?patient={}", device.patient),
        )
        .await;
    assert_eq!(consents.body["entry"][0]["resource"]["status"], "inactive");
    // The accounting of what was seen before the revocation stays.
    let accounting = harness
        .device_get(&device, &format!("/fhir/AuditEvent?entity={consent}"))
        .await;
    assert_eq!(accounting.body["total"], 1);
}

#[tokio::test]
async fn an_expired_consent_is_no_longer_shown() {
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let device = harness.enroll(&clinic).await;
    let (kim, _) = therapist(&harness, &clinic, "kim@harbor.example").await;
    assign(&harness, &clinic, kim).await;
    let mut draft = Draft::new(&harness, &device, &["short lived"]).await;
    draft.consent.provision.period.end = Some(draft.now + Duration::hours(1));
    let stored = post_share(
        &harness,
        &device,
        &serde_json::to_string(&draft.signed_by(&device)).unwrap(),
    )
    .await;
    assert_eq!(stored.status, StatusCode::OK, "{}", stored.body);
    let consent_id = locations(&stored.body)[0]
        .trim_start_matches("Consent/")
        .to_owned();

    harness.clock.advance(Duration::hours(2));
    let token = sign_in(&harness, "kim@harbor.example").await;
    let listed = harness
        .staff(
            Some(&token),
            Method::GET,
            &format!("/staff/patients/{}/shares", clinic.patient),
            Value::Null,
        )
        .await;
    assert_eq!(listed.status, StatusCode::OK);
    assert_eq!(listed.body["total"], 0, "an expired consent shows nothing");
    let refused = harness
        .staff(
            Some(&token),
            Method::GET,
            &format!("/staff/consents/{consent_id}"),
            Value::Null,
        )
        .await;
    assert_outcome(&refused, StatusCode::FORBIDDEN, "an expired consent");
    let response = &locations(&stored.body)[1];
    let refused = harness
        .staff(
            Some(&token),
            Method::GET,
            &format!("/fhir/{response}"),
            Value::Null,
        )
        .await;
    assert_outcome(
        &refused,
        StatusCode::FORBIDDEN,
        "an entry under an expired consent",
    );
}

#[tokio::test]
async fn the_care_team_is_assigned_by_administrators_and_audited() {
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let device = harness.enroll(&clinic).await;
    let (kim, kim_token) = therapist(&harness, &clinic, "kim@harbor.example").await;
    let (ash, _) = therapist(&harness, &clinic, "ash@harbor.example").await;
    let path = format!("/staff/patients/{}/care-team", clinic.patient);
    let own = harness
        .staff(
            Some(&kim_token),
            Method::POST,
            &path,
            serde_json::json!({"staffId": kim}),
        )
        .await;
    assert_outcome(
        &own,
        StatusCode::FORBIDDEN,
        "a therapist cannot put themselves on a team",
    );
    assign(&harness, &clinic, kim).await;
    assign(&harness, &clinic, ash).await;
    let listed = harness
        .staff(Some(&kim_token), Method::GET, &path, Value::Null)
        .await;
    assert_eq!(listed.body.as_array().unwrap().len(), 2);
    let removed = harness
        .staff(
            Some(&clinic.token),
            Method::DELETE,
            &format!("{path}/{ash}"),
            Value::Null,
        )
        .await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.body);
    assert_eq!(removed.body["changed"], true);
    assert_eq!(removed.body["members"].as_array().unwrap().len(), 1);
    let audited: i64 = harness
        .db()
        .query_row(
            "SELECT count(*) FROM audit WHERE action IN ('assign care team', 'unassign care team') AND outcome = 'allowed'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(audited, 3);
    let team = harness
        .device_get(&device, &format!("/fhir/CareTeam/{}", clinic.patient))
        .await;
    assert_eq!(team.status, StatusCode::OK);
    assert_eq!(team.body["subject"]["reference"], device.patient.as_str());
}

#[tokio::test]
async fn staff_added_to_the_care_team_after_signing_see_nothing_it_covers() {
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let device = harness.enroll(&clinic).await;
    let (kim, kim_token) = therapist(&harness, &clinic, "kim@harbor.example").await;
    let (ash, ash_token) = therapist(&harness, &clinic, "ash@harbor.example").await;
    assign(&harness, &clinic, kim).await;

    let draft = Draft::new(&harness, &device, &["skipped lunch"]).await;
    let stored = post_share(
        &harness,
        &device,
        &serde_json::to_string(&draft.signed_by(&device)).unwrap(),
    )
    .await;
    assert_eq!(stored.status, StatusCode::OK, "{}", stored.body);
    let first = locations(&stored.body);

    // Ash joins the care team after the patient signed.
    assign(&harness, &clinic, ash).await;
    let list = format!("/staff/patients/{}/shares", clinic.patient);
    let seen = harness
        .staff(Some(&ash_token), Method::GET, &list, Value::Null)
        .await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.body);
    assert!(
        entries_of(&seen.body, "QuestionnaireResponse").is_empty(),
        "a later member sees nothing from the earlier consent: {}",
        seen.body
    );
    for path in [
        format!(
            "/staff/consents/{}",
            first[0].trim_start_matches("Consent/")
        ),
        format!("/fhir/{}", first[1]),
    ] {
        let read = harness
            .staff(Some(&ash_token), Method::GET, &path, Value::Null)
            .await;
        assert_outcome(
            &read,
            StatusCode::FORBIDDEN,
            "not a recipient of this consent",
        );
    }
    let kim_sees = harness
        .staff(Some(&kim_token), Method::GET, &list, Value::Null)
        .await;
    assert_eq!(entries_of(&kim_sees.body, "QuestionnaireResponse").len(), 1);

    // The patient shares again: the new consent names Ash; the old one still does not.
    let again = Draft::new(&harness, &device, &["argument at home"]).await;
    let stored = post_share(
        &harness,
        &device,
        &serde_json::to_string(&again.signed_by(&device)).unwrap(),
    )
    .await;
    assert_eq!(stored.status, StatusCode::OK, "{}", stored.body);
    let second = locations(&stored.body);
    let seen = harness
        .staff(Some(&ash_token), Method::GET, &list, Value::Null)
        .await;
    let consents = entries_of(&seen.body, "Consent");
    assert_eq!(consents.len(), 1, "{}", seen.body);
    assert_eq!(
        format!("Consent/{}", consents[0]["id"].as_str().unwrap()),
        second[0]
    );
    assert_eq!(entries_of(&seen.body, "QuestionnaireResponse").len(), 1);
    let views: i64 = harness
        .db()
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'view shared entries' AND actor = ?1 AND target LIKE ?2",
            [format!("staff:{ash}"), format!("%{}%", first[0])],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(
        views, 0,
        "no disclosure of the first consent to Ash is recorded"
    );
}

/// Whether `marker` is in the database, its WAL or its shm file, read as they are (no checkpoint).
/// On PostgreSQL: whether it is in any row (the server's files are PostgreSQL's own).
fn in_files(harness: &Harness, marker: &[u8]) -> Vec<String> {
    if crate::engine::postgres().is_some() {
        return if crate::engine::in_rows(&harness.db(), marker) {
            vec!["the database".to_owned()]
        } else {
            Vec::new()
        };
    }
    ["clinic.db", "clinic.db-wal", "clinic.db-shm"]
        .into_iter()
        .filter(|name| {
            std::fs::read(harness.dir.path().join("data").join(name))
                .is_ok_and(|bytes| bytes.windows(marker.len()).any(|window| window == marker))
        })
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn a_revocation_leaves_no_text_in_the_database_wal_or_shm_and_the_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let device = harness.enroll(&clinic).await;
    let draft = Draft::new(&harness, &device, &["a note only the team should read"]).await;
    let stored = post_share(
        &harness,
        &device,
        &serde_json::to_string(&draft.signed_by(&device)).unwrap(),
    )
    .await;
    assert_eq!(stored.status, StatusCode::OK, "{}", stored.body);
    let marker = b"a note only the team should read";
    assert!(
        !in_files(&harness, marker).is_empty(),
        "the scan finds the shared text before the revocation"
    );

    let data = harness.dir.path().join("data");
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700, "the data directory is private");
    let files: &[&str] = if crate::engine::postgres().is_some() {
        &[]
    } else {
        &["clinic.db", "clinic.db-wal", "clinic.db-shm"]
    };
    for name in files {
        assert_eq!(
            mode(&data.join(name)),
            0o600,
            "{name} is readable by the server's user only"
        );
    }

    let revoke_path = format!("/fhir/{}/$revoke", locations(&stored.body)[0]);
    let revoked = reply(
        harness
            .signed(&device, Method::POST, &revoke_path, "", 0)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(revoked.status, StatusCode::OK, "{}", revoked.body);
    assert_eq!(
        in_files(&harness, marker),
        Vec::<String>::new(),
        "the revoked text is in these files right after the answer"
    );
    let wal = std::fs::metadata(data.join("clinic.db-wal")).map_or(0, |meta| meta.len());
    assert_eq!(wal, 0, "the WAL was checkpointed and truncated");
}
