//! Property-based fuzzing of the clinic's parsers of outside input, against a real database: the
//! signed-request headers and their authentication, the enrollment JSON and its redemption, and the
//! share transaction's parsing and validation.
//!
//! The property for each: no panic, and every bad input is a typed refusal (a `Problem` with a 4xx
//! status: never an internal error, never accepted, nothing stored). 256 cases per property in
//! `make test`; `make fuzz` sets `PROPTEST_CASES` to 10,000 or more.

#[path = "common/engine.rs"]
mod engine;

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method};
use chrono::{DateTime, Utc};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use ring::rand::SystemRandom;
use ring::signature::{Ed25519KeyPair, KeyPair};
use serde_json::{json, Map, Value};
use tideline_clinic::access::{authenticate, Caller};
use tideline_clinic::db::Connection;
use tideline_clinic::http::{parse_body, Inbound};
use tideline_clinic::problem::Problem;
use tideline_clinic::share::transaction;
use tideline_clinic::{enrollment, patient, staff, store};
use tideline_wire::{hex, signing, EnrollmentRequest, IDEMPOTENCY_KEY_SYSTEM};

fn now() -> DateTime<Utc> {
    "2026-03-02T10:00:00Z".parse().unwrap()
}

/// A database with a clinic, a patient and one enrolled device (id 1), as requests would find it.
fn database() -> (tempfile::TempDir, Connection, Caller) {
    let dir = tempfile::tempdir().unwrap();
    let conn = engine::connect(&dir.path().join("data"));
    let clinic = staff::create_clinic(&conn, &Caller::Operator, "Harbor", now()).unwrap();
    let patient =
        patient::create(&conn, &Caller::Operator, clinic, "Sam", "Rivera", now()).unwrap();
    let issued = enrollment::issue_code(&conn, &Caller::Operator, patient, now()).unwrap();
    let pkcs8 = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).unwrap();
    let key = Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).unwrap();
    let public_key = hex::encode(key.public_key().as_ref());
    let proof = hex::encode(
        key.sign(&signing::enrollment_proof_input(&issued.code, &public_key))
            .as_ref(),
    );
    let request = EnrollmentRequest {
        code: issued.code,
        public_key,
        proof,
    };
    let (answer, _) = enrollment::redeem(&conn, "10.0.0.1", &request, now())
        .unwrap()
        .unwrap();
    let device_id = answer.device_id.parse().unwrap();
    let caller = Caller::Device {
        device_id,
        patient_id: patient,
        clinic_id: clinic,
    };
    (dir, conn, caller)
}

fn runner() -> TestRunner {
    // Config::default() reads PROPTEST_CASES.
    TestRunner::new(Config::default())
}

/// A refusal must be typed and the caller's fault: a 4xx `Problem`, never an internal error.
fn refused(problem: &Problem) -> Result<(), TestCaseError> {
    prop_assert!(
        (400..500).contains(&problem.status()),
        "bad input gave {} ({problem})",
        problem.status()
    );
    Ok(())
}

fn header_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,80}",
        "[0-9]{1,20}",
        "-?[0-9]{1,12}",
        "[0-9a-f]{128}",
        "[A-Za-z0-9_-]{16,64}",
        Just("1".to_owned()),
        Just(now().timestamp().to_string()),
    ]
}

#[test]
fn signed_request_headers_of_any_content_are_refused_with_a_typed_error() {
    let (_dir, conn, _) = database();
    let strategy = (
        proptest::option::of(header_text()),
        proptest::option::of(header_text()),
        proptest::option::of(header_text()),
        proptest::option::of(header_text()),
        proptest::option::of(".{0,80}"),
        "/[ -~]{0,60}",
        proptest::collection::vec(any::<u8>(), 0..64),
    );
    runner()
        .run(
            &strategy,
            |(device, timestamp, nonce, signature, authorization, path, body)| {
                let mut headers = HeaderMap::new();
                for (name, value) in [
                    (signing::DEVICE_HEADER, device),
                    (signing::TIMESTAMP_HEADER, timestamp),
                    (signing::NONCE_HEADER, nonce),
                    (signing::SIGNATURE_HEADER, signature),
                    ("authorization", authorization),
                ] {
                    if let Some(value) = value.and_then(|v| HeaderValue::from_str(&v).ok()) {
                        headers.insert(HeaderName::from_static(name), value);
                    }
                }
                let inbound = Inbound {
                    method: Method::POST,
                    path_and_query: path,
                    headers,
                    address: "10.0.0.2".into(),
                    body: Bytes::from(body),
                };
                match authenticate(&conn, &inbound.credentials(), now()) {
                    Ok(caller) => Err(TestCaseError::fail(format!("accepted as {caller:?}"))),
                    Err(refusal) => refused(&refusal.problem),
                }
            },
        )
        .unwrap();
}

fn json_like() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        ".{0,40}".prop_map(Value::String),
        "[CDFHJKMNPQRTVWXY3479]{4}-[CDFHJKMNPQRTVWXY3479]{4}".prop_map(Value::String),
        "[0-9a-f]{64}".prop_map(Value::String),
        "[0-9a-f]{128}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec(
                (
                    prop_oneof![
                        Just("code".to_owned()),
                        Just("publicKey".to_owned()),
                        Just("proof".to_owned()),
                        "[a-zA-Z]{0,8}",
                    ],
                    inner
                ),
                0..5
            )
            .prop_map(|fields| Value::Object(fields.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

#[test]
fn enrollment_bodies_of_any_content_are_refused_with_a_typed_error() {
    let (_dir, conn, _) = database();
    let devices_before: i64 = conn
        .query_row("SELECT count(*) FROM device", [], |row| row.get(0))
        .unwrap();
    let strategy = (
        prop_oneof![
            json_like().prop_map(|value| value.to_string().into_bytes()),
            (json_like(), json_like(), json_like()).prop_map(|(code, key, proof)| {
                json!({"code": code, "publicKey": key, "proof": proof})
                    .to_string()
                    .into_bytes()
            }),
            proptest::collection::vec(any::<u8>(), 0..256),
        ],
        any::<u32>(),
    );
    runner()
        .run(&strategy, |(body, address)| {
            match parse_body::<EnrollmentRequest>(&body) {
                Err(problem) => refused(&problem),
                Ok(request) => {
                    // A different address per case, so the per-address cap does not hide the code checks.
                    let address = format!(
                        "10.{}.{}.{}",
                        address >> 16 & 255,
                        address >> 8 & 255,
                        address & 255
                    );
                    match enrollment::redeem(&conn, &address, &request, now()) {
                        Ok(Ok(_)) => Err(TestCaseError::fail("a made-up code enrolled")),
                        Ok(Err(problem)) => refused(&problem),
                        Err(problem) => {
                            Err(TestCaseError::fail(format!("storage failed: {problem}")))
                        }
                    }
                }
            }
        })
        .unwrap();
    let devices_after: i64 = conn
        .query_row("SELECT count(*) FROM device", [], |row| row.get(0))
        .unwrap();
    assert_eq!(
        devices_after, devices_before,
        "no made-up enrollment stored a device"
    );
}

const KINDS: &[&str] = &[
    "Consent",
    "QuestionnaireResponse",
    "Provenance",
    "Patient",
    "Bundle",
];
const KEYS: &[&str] = &[
    "status",
    "scope",
    "category",
    "patient",
    "dateTime",
    "policy",
    "provision",
    "period",
    "start",
    "end",
    "actor",
    "role",
    "reference",
    "data",
    "meaning",
    "type",
    "text",
    "div",
    "questionnaire",
    "subject",
    "authored",
    "item",
    "linkId",
    "answer",
    "valueString",
    "valueInteger",
    "valueDateTime",
    "valueCoding",
    "identifier",
    "system",
    "value",
    "target",
    "recorded",
    "agent",
    "who",
    "signature",
    "when",
    "sigFormat",
    "code",
    "coding",
    "id",
    "meta",
];

fn share_resource() -> impl Strategy<Value = Value> {
    (
        proptest::sample::select(KINDS),
        proptest::collection::vec((proptest::sample::select(KEYS), json_like()), 0..10),
    )
        .prop_map(|(kind, fields)| {
            let mut object: Map<String, Value> = fields
                .into_iter()
                .map(|(key, value)| (key.to_owned(), value))
                .collect();
            object.insert("resourceType".into(), Value::from(kind));
            Value::Object(object)
        })
}

fn share_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..256),
        json_like().prop_map(|value| value.to_string().into_bytes()),
        (
            proptest::collection::vec((share_resource(), "[0-9a-f]{8}"), 0..5),
            ".{0,20}"
        )
            .prop_map(|(entries, key)| {
                let entry: Vec<Value> = entries
                    .into_iter()
                    .map(|(resource, id)| {
                        let kind = resource["resourceType"].clone();
                        json!({
                            "fullUrl": format!("urn:uuid:{id}-33c5-4d0c-9a5c-0f5f3f1c2a11"),
                            "resource": resource,
                            "request": {"method": "POST", "url": kind}
                        })
                    })
                    .collect();
                json!({
                    "resourceType": "Bundle",
                    "type": "transaction",
                    "identifier": {"system": IDEMPOTENCY_KEY_SYSTEM, "value": key},
                    "entry": entry
                })
                .to_string()
                .into_bytes()
            }),
    ]
}

#[test]
fn share_transactions_of_any_content_are_refused_with_a_typed_error_and_store_nothing() {
    let (_dir, conn, device) = database();
    runner()
        .run(&share_body(), |body| match transaction::parse(&body) {
            Err(problem) => refused(&problem),
            Ok(received) => {
                let stored = store::atomically(&conn, |conn| {
                    transaction::store(conn, &device, &received, now())
                });
                match stored {
                    Ok(_) => Err(TestCaseError::fail("an unsigned share was stored")),
                    Err(problem) => refused(&problem),
                }
            }
        })
        .unwrap();
    let consents: i64 = conn
        .query_row("SELECT count(*) FROM consent", [], |row| row.get(0))
        .unwrap();
    assert_eq!(consents, 0, "nothing from a refused share is stored");
}
