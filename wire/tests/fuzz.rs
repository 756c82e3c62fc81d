//! Property-based fuzzing of every wire parser that reads outside input: the FHIR resources and
//! bundles the clinic and the app exchange, the enrollment JSON and the signed-request fields.
//!
//! Inputs are JSON documents shaped like FHIR (keys and values drawn from the vocabulary the types
//! use, so parsing goes deep) and raw bytes. The property: parsing never panics; a document that does
//! parse serializes and parses back to the same JSON. 256 cases per property in `make test`,
//! `PROPTEST_CASES=10000` (or more) under `make fuzz`.

use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use tideline_wire::share::ShareBundle;
use tideline_wire::{
    signing, Appointment, AppointmentResponse, AuditEvent, Bundle, CapabilityStatement, CareTeam,
    Consent, EnrollmentRequest, EnrollmentResponse, EpisodeOfCare, OperationOutcome, Patient,
    Practitioner, Provenance, Questionnaire, QuestionnaireResponse, TransactionBundle,
    TransactionResponseBundle,
};

const KEYS: &[&str] = &[
    "resourceType",
    "id",
    "meta",
    "versionId",
    "lastUpdated",
    "security",
    "status",
    "type",
    "entry",
    "resource",
    "fullUrl",
    "request",
    "response",
    "method",
    "url",
    "location",
    "etag",
    "identifier",
    "system",
    "value",
    "subject",
    "reference",
    "patient",
    "period",
    "start",
    "end",
    "extension",
    "valueCode",
    "valueInteger",
    "valueString",
    "valueUrl",
    "valueDateTime",
    "valueBoolean",
    "valueCoding",
    "valueDecimal",
    "coding",
    "code",
    "display",
    "text",
    "item",
    "linkId",
    "answer",
    "participant",
    "actor",
    "questionnaire",
    "authored",
    "provision",
    "data",
    "meaning",
    "dateTime",
    "scope",
    "category",
    "policy",
    "uri",
    "target",
    "recorded",
    "agent",
    "who",
    "signature",
    "when",
    "sigFormat",
    "publicKey",
    "proof",
    "deviceId",
    "serviceType",
    "description",
    "minutesDuration",
    "comment",
    "participantStatus",
    "appointment",
    "managingOrganization",
    "name",
    "given",
    "family",
    "total",
    "link",
    "relation",
    "issue",
    "severity",
    "diagnostics",
    "action",
    "outcome",
    "entity",
    "what",
    "source",
    "observer",
    "recorded",
    "div",
    "version",
    "title",
    "required",
    "answerOption",
    "mode",
    "software",
    "rest",
    "searchParam",
    "interaction",
    "fhirVersion",
    "format",
    "kind",
    "date",
    "active",
    "cancelationReason",
    "created",
];

const WORDS: &[&str] = &[
    "Appointment",
    "AppointmentResponse",
    "Bundle",
    "Consent",
    "QuestionnaireResponse",
    "Provenance",
    "Patient",
    "Practitioner",
    "CareTeam",
    "EpisodeOfCare",
    "AuditEvent",
    "OperationOutcome",
    "Questionnaire",
    "CapabilityStatement",
    "transaction",
    "searchset",
    "transaction-response",
    "booked",
    "cancelled",
    "fulfilled",
    "noshow",
    "accepted",
    "declined",
    "tentative",
    "needs-action",
    "active",
    "inactive",
    "completed",
    "in-progress",
    "permit",
    "deny",
    "instance",
    "POST",
    "GET",
    "Patient/1",
    "Practitioner/2",
    "CareTeam/1",
    "Organization/1",
    "urn:uuid:0b7ad0d8-33c5-4d0c-9a5c-0f5f3f1c2a11",
    "2026-03-02",
    "2026-03-02T10:00:00Z",
    "2026-03-02T10:00:00-06:00",
    "",
    "K7MP-4XRT",
    "iop",
    "aftercare",
    "outpatient",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        proptest::sample::select(WORDS).prop_map(Value::from),
        ".{0,40}".prop_map(Value::String),
    ]
}

/// JSON shaped like FHIR: objects keyed by FHIR element names, nested up to a few levels.
fn fhir_like() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 96, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            proptest::collection::vec(
                (
                    prop_oneof![
                        4 => proptest::sample::select(KEYS).prop_map(str::to_owned),
                        1 => "[a-zA-Z]{0,12}",
                    ],
                    inner,
                ),
                0..8,
            )
            .prop_map(|fields| Value::Object(fields.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A document with the given `resourceType` on top, so the type-tagged parsers get past the tag.
fn resource(kind: &'static str) -> impl Strategy<Value = Value> {
    proptest::collection::vec((proptest::sample::select(KEYS), fhir_like()), 0..10).prop_map(
        move |fields| {
            let mut object: Map<String, Value> = fields
                .into_iter()
                .map(|(key, value)| (key.to_owned(), value))
                .collect();
            object.insert("resourceType".into(), Value::from(kind));
            Value::Object(object)
        },
    )
}

/// Parses `value` as `T`; if it parses, writing it out and reading that back gives the same JSON.
fn parses_stably<T: DeserializeOwned + Serialize>(value: &Value) -> Result<(), TestCaseError> {
    let text = value.to_string();
    if let Ok(parsed) = serde_json::from_str::<T>(&text) {
        let written =
            serde_json::to_value(&parsed).map_err(|_| TestCaseError::fail("unwritable"))?;
        let again: T = serde_json::from_value(written.clone())
            .map_err(|error| TestCaseError::fail(format!("does not read back: {error}")))?;
        prop_assert_eq!(serde_json::to_value(&again).unwrap_or(Value::Null), written);
    }
    Ok(())
}

fn every_type(value: &Value) -> Result<(), TestCaseError> {
    parses_stably::<Appointment>(value)?;
    parses_stably::<AppointmentResponse>(value)?;
    parses_stably::<AuditEvent>(value)?;
    parses_stably::<CareTeam>(value)?;
    parses_stably::<CapabilityStatement>(value)?;
    parses_stably::<Consent>(value)?;
    parses_stably::<EpisodeOfCare>(value)?;
    parses_stably::<OperationOutcome>(value)?;
    parses_stably::<Patient>(value)?;
    parses_stably::<Practitioner>(value)?;
    parses_stably::<Provenance>(value)?;
    parses_stably::<Questionnaire>(value)?;
    parses_stably::<QuestionnaireResponse>(value)?;
    parses_stably::<Bundle<Value>>(value)?;
    parses_stably::<TransactionBundle<Value>>(value)?;
    parses_stably::<TransactionResponseBundle>(value)?;
    parses_stably::<ShareBundle>(value)?;
    parses_stably::<EnrollmentRequest>(value)?;
    parses_stably::<EnrollmentResponse>(value)?;
    Ok(())
}

const KINDS: &[&str] = &[
    "Appointment",
    "AppointmentResponse",
    "AuditEvent",
    "CareTeam",
    "CapabilityStatement",
    "Consent",
    "EpisodeOfCare",
    "OperationOutcome",
    "Patient",
    "Practitioner",
    "Provenance",
    "Questionnaire",
    "QuestionnaireResponse",
    "Bundle",
];

proptest! {
    #[test]
    fn fhir_resources_of_any_shape_never_panic_and_parse_stably(
        value in proptest::sample::select(KINDS).prop_flat_map(resource)
    ) {
        every_type(&value)?;
    }

    #[test]
    fn any_json_never_panics_any_parser(value in fhir_like()) {
        every_type(&value)?;
    }

    #[test]
    fn any_bytes_are_refused_or_parsed_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = serde_json::from_slice::<ShareBundle>(&bytes);
        let _ = serde_json::from_slice::<Bundle<Value>>(&bytes);
        let _ = serde_json::from_slice::<EnrollmentRequest>(&bytes);
        let _ = serde_json::from_slice::<QuestionnaireResponse>(&bytes);
        let _ = serde_json::from_slice::<Appointment>(&bytes);
    }

    #[test]
    fn signed_request_fields_cannot_forge_another_request(
        device in ".{0,20}", method in ".{0,8}", path in ".{0,60}", nonce in ".{0,70}",
        timestamp in any::<i64>(), body in "[0-9a-f]{0,64}", code in ".{0,30}", key in ".{0,70}",
    ) {
        // A nonce that passes may never carry a line break into the line-based signing input.
        if signing::is_valid_nonce(&nonce) {
            prop_assert!(!nonce.contains('\n') && (16..=64).contains(&nonce.len()));
        }
        let input = signing::request_signing_input(&signing::SignedRequest {
            device_id: &device, method: &method, path_and_query: &path, timestamp,
            nonce: &nonce, body_sha256_hex: &body,
        });
        prop_assert!(input.starts_with(b"tideline-request-v1\n"));
        // Normalising a code is idempotent and leaves no separator behind.
        let normal = signing::normalize_code(&code);
        prop_assert_eq!(signing::normalize_code(&normal), normal.clone());
        prop_assert!(!normal.contains('-') && !normal.chars().any(char::is_whitespace));
        let proof = signing::enrollment_proof_input(&code, &key);
        prop_assert!(!proof.starts_with(b"tideline-request-v1\n"), "domains are separate");
    }
}
