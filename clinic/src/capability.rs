//! The CapabilityStatement served at `/fhir/metadata`.

use chrono::{DateTime, Utc};
use tideline_wire::{
    CapabilityInteraction, CapabilityResource, CapabilityRest, CapabilitySearchParam,
    CapabilitySoftware, CapabilityStatement, CapabilityStatementType, FHIR_JSON, FHIR_VERSION,
};

fn resource(
    kind: &str,
    interactions: &[&str],
    search: Vec<CapabilitySearchParam>,
) -> CapabilityResource {
    CapabilityResource {
        kind: kind.into(),
        interaction: interactions
            .iter()
            .map(|code| CapabilityInteraction {
                code: (*code).into(),
            })
            .collect(),
        search_param: search,
    }
}

fn param(name: &str, kind: &str, documentation: &str) -> CapabilitySearchParam {
    CapabilitySearchParam {
        name: name.into(),
        kind: kind.into(),
        documentation: Some(documentation.into()),
    }
}

/// What this server offers.
pub fn statement(now: DateTime<Utc>) -> CapabilityStatement {
    CapabilityStatement {
        resource_type: CapabilityStatementType,
        status: "active".into(),
        date: now,
        kind: "instance".into(),
        software: CapabilitySoftware { name: "Tideline clinic server".into(), version: env!("CARGO_PKG_VERSION").into() },
        fhir_version: FHIR_VERSION.into(),
        format: vec![FHIR_JSON.into()],
        rest: vec![CapabilityRest {
            mode: "server".into(),
            documentation: Some(
                "Devices sign every request with their enrolled Ed25519 key (Tideline-Device, -Timestamp, \
                 -Nonce, -Signature headers); staff send a bearer token. A share is a transaction (POST [base]) of \
                 one Consent, its QuestionnaireResponses and a Provenance carrying the patient's signature; \
                 POST [base]/Consent/<id>/$revoke withdraws it and deletes the shared copies at once."
                    .into(),
            ),
            resource: vec![
                resource("Patient", &["read"], vec![]),
                resource("Practitioner", &["read"], vec![]),
                resource(
                    "Appointment",
                    &["read", "search-type"],
                    vec![
                        param("patient", "reference", "Patient/<id>; a device always sees only its own patient"),
                        param("date", "date", "session start; ge, gt, le, lt, eq prefixes; dates are UTC days"),
                        param("_cursor", "string", "only changes after the Tideline-Cursor of an earlier search"),
                        param("_count", "number", "page size, at most 1000"),
                    ],
                ),
                resource("AppointmentResponse", &["create"], vec![]),
                resource(
                    "EpisodeOfCare",
                    &["search-type"],
                    vec![param("patient", "reference", "Patient/<id>: the course of care, one episode per level-of-care period")],
                ),
                resource(
                    "Device",
                    &["search-type"],
                    vec![param("patient", "reference", "Patient/<id>: the devices enrolled for the calling device's own patient")],
                ),
                resource("Questionnaire", &["read", "search-type"], vec![]),
                resource(
                    "CareTeam",
                    &["read", "search-type"],
                    vec![param("patient", "reference", "Patient/<id>: the patient's one care team, the recipient a consent names")],
                ),
                resource(
                    "Consent",
                    &["search-type"],
                    vec![param("patient", "reference", "Patient/<id>; only the patient's own device. Revoke with POST Consent/<id>/$revoke")],
                ),
                resource(
                    "QuestionnaireResponse",
                    &["read"],
                    vec![],
                ),
                resource(
                    "AuditEvent",
                    &["search-type"],
                    vec![param("entity", "reference", "Consent/<id>: every staff view of what that consent disclosed; only the patient's own device")],
                ),
            ],
        }],
    }
}
