//! `POST /device/key`: a device replaces its key (signed with the current key, the new key proving
//! possession). After it, the old key is refused everywhere and the new one works; a replay and a
//! renewal without proof of the new key are refused; every attempt is audited.

use reqwest::{Method, StatusCode};
use ring::rand::SystemRandom;
use ring::signature::{Ed25519KeyPair, KeyPair};
use serde_json::json;
use tideline_wire::{hex, signing};

use crate::support::{assert_outcome, reply, Device, Harness};

fn new_key() -> Ed25519KeyPair {
    let pkcs8 = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).unwrap();
    Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).unwrap()
}

/// The renewal body: the new public key and `prover`'s signature over the renewal proof input.
fn renewal_body(device: &Device, new: &Ed25519KeyPair, prover: &Ed25519KeyPair) -> String {
    let public_key = hex::encode(new.public_key().as_ref());
    let proof = prover.sign(&signing::key_renewal_proof_input(&device.id, &public_key));
    json!({"publicKey": public_key, "proof": hex::encode(proof.as_ref())}).to_string()
}

fn audited(harness: &Harness, outcome: &str) -> i64 {
    harness
        .db()
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'renew own Device key' AND outcome = ?1",
            [outcome],
            |row| row.get(0),
        )
        .unwrap()
}

#[tokio::test]
async fn a_renewed_key_replaces_the_old_one_everywhere_and_a_replay_is_refused() {
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let old = harness.enroll(&clinic).await;
    let key = new_key();
    let body = renewal_body(&old, &key, &key);
    let request = harness.signed_typed(
        &old,
        Method::POST,
        "/device/key",
        &body,
        0,
        "application/json",
    );
    let replay = request.try_clone().unwrap();
    let renewed = reply(request.send().await.unwrap()).await;
    assert_eq!(renewed.status, StatusCode::NO_CONTENT, "{}", renewed.body);
    assert_eq!(audited(&harness, "allowed"), 1);

    let replayed = reply(replay.send().await.unwrap()).await;
    assert_eq!(
        replayed.status,
        StatusCode::UNAUTHORIZED,
        "a replay must be refused"
    );

    let schedule = "/fhir/Appointment".to_owned();
    let refused = harness.device_get(&old, &schedule).await;
    assert_outcome(
        &refused,
        StatusCode::UNAUTHORIZED,
        "the old key after renewal",
    );
    let devices = format!("/fhir/Device?patient={}", old.patient);
    let refused = harness.device_get(&old, &devices).await;
    assert_outcome(
        &refused,
        StatusCode::UNAUTHORIZED,
        "the old key after renewal",
    );
    let revoke = reply(
        harness
            .signed(&old, Method::POST, "/device/revoke", "", 0)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_outcome(
        &revoke,
        StatusCode::UNAUTHORIZED,
        "the old key cannot revoke",
    );

    let new = old.with_key(key);
    let listed = harness.device_get(&new, &devices).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    let schedule = harness.device_get(&new, &schedule).await;
    assert_eq!(schedule.status, StatusCode::OK, "{}", schedule.body);
    let revoked: Option<i64> = harness
        .db()
        .query_row(
            "SELECT revoked_at FROM device WHERE id = ?1",
            [old.id.parse::<i64>().unwrap()],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(revoked, None, "renewal is not a revocation");
}

#[tokio::test]
async fn a_renewal_without_proof_of_the_new_key_is_refused_and_the_old_key_stays() {
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let device = harness.enroll(&clinic).await;
    let key = new_key();
    let stranger = new_key();
    // Proof signed by a key other than the new one (whoever copied the vault cannot prove a key they
    // do not hold), then a proof over another device's id, then no proof at all.
    let attempts = [
        renewal_body(&device, &key, &stranger),
        {
            let public_key = hex::encode(key.public_key().as_ref());
            let proof = key.sign(&signing::key_renewal_proof_input(
                &format!("{}0", device.id),
                &public_key,
            ));
            json!({"publicKey": public_key, "proof": hex::encode(proof.as_ref())}).to_string()
        },
        json!({"publicKey": hex::encode(key.public_key().as_ref())}).to_string(),
    ];
    for body in attempts {
        let refused = reply(
            harness
                .signed_typed(
                    &device,
                    Method::POST,
                    "/device/key",
                    &body,
                    0,
                    "application/json",
                )
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert!(
            refused.status.is_client_error(),
            "{}: {}",
            refused.status,
            refused.body
        );
    }
    assert_eq!(audited(&harness, "allowed"), 0);
    let new = device.with_key(key);
    let devices = format!("/fhir/Device?patient={}", device.patient);
    let refused = harness.device_get(&new, &devices).await;
    assert_outcome(
        &refused,
        StatusCode::UNAUTHORIZED,
        "the unproven key was not taken",
    );
    let still = harness.device_get(&device, &devices).await;
    assert_eq!(still.status, StatusCode::OK, "{}", still.body);
}
