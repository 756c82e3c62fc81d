//! `Consent`: the patient's 42 CFR Part 2 permission to disclose chosen journal entries to their care
//! team. See docs/share-protocol.md for how each element carries one of the elements Part 2 requires.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{CodeableConcept, Coding, ConsentType, Meta, Narrative, Period, Reference};

/// Code system of `Consent.scope`.
pub const CONSENT_SCOPE_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/consentscope";
/// LOINC, the code system of `Consent.category`.
pub const LOINC_SYSTEM: &str = "http://loinc.org";
/// LOINC 59284-0 "Patient Consent".
pub const PATIENT_CONSENT_LOINC: &str = "59284-0";
/// v3 ParticipationType, the code system of `provision.actor.role`.
pub const PARTICIPATION_TYPE_SYSTEM: &str =
    "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
/// v3 ActReason, the code system of `provision.purpose`.
pub const ACT_REASON_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
/// The regulation every Tideline consent is given under: 42 CFR Part 2.
pub const PART2_POLICY_URI: &str =
    "https://www.ecfr.gov/current/title-42/chapter-I/subchapter-A/part-2";

/// `Consent.status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConsentStatus {
    /// Being written, not yet given.
    Draft,
    /// Offered, not yet given.
    Proposed,
    /// In force (unless its period has ended).
    Active,
    /// Refused.
    Rejected,
    /// No longer in force: the patient revoked it.
    Inactive,
    /// Made by mistake.
    EnteredInError,
}

/// `Consent.provision.type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProvisionType {
    /// The consent refuses the actions.
    Deny,
    /// The consent permits the actions.
    Permit,
}

/// `Consent.provision.data.meaning`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DataMeaning {
    /// Exactly the referenced resource (what Tideline always uses).
    Instance,
    /// The resource and what it refers to.
    Related,
    /// The resource and what refers to it.
    Dependents,
    /// What the referenced party authored.
    Authoredby,
}

/// `Consent.policy`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConsentPolicy {
    /// The regulation's address ([`PART2_POLICY_URI`]).
    pub uri: String,
}

/// `Consent.provision.actor`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConsentActor {
    /// `IRCP` (information recipient) for the care team the entries are disclosed to.
    pub role: CodeableConcept,
    /// Who.
    pub reference: Reference,
}

/// `Consent.provision.data`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConsentData {
    /// `instance`.
    pub meaning: DataMeaning,
    /// The disclosed resource (`urn:uuid:` inside the share bundle, `QuestionnaireResponse/{id}` once stored).
    pub reference: Reference,
}

/// `Consent.provision` (one level; Tideline never nests provisions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConsentProvision {
    /// `permit`.
    #[serde(rename = "type")]
    pub kind: ProvisionType,
    /// From signing until the expiry the patient chose.
    pub period: Period,
    /// The recipient(s).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actor: Vec<ConsentActor>,
    /// Why the entries are disclosed (v3 ActReason, e.g. `TREAT`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purpose: Vec<Coding>,
    /// Exactly what is disclosed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data: Vec<ConsentData>,
}

/// `Consent`. The app sends it without `id` and `meta`; the server fills both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Consent {
    /// Always `"Consent"`.
    pub resource_type: ConsentType,
    /// Server id (absent on create).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Version and last change (absent on create).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
    /// The consent text exactly as shown to the patient before signing, including the right to revoke
    /// and how.
    pub text: Narrative,
    /// `active` when given, `inactive` once revoked.
    pub status: ConsentStatus,
    /// `patient-privacy`.
    pub scope: CodeableConcept,
    /// LOINC 59284-0.
    pub category: Vec<CodeableConcept>,
    /// The patient.
    pub patient: Reference,
    /// When the patient signed.
    pub date_time: DateTime<Utc>,
    /// Who gives the consent: the patient.
    pub performer: Vec<Reference>,
    /// Who discloses: the clinic program.
    pub organization: Vec<Reference>,
    /// 42 CFR Part 2.
    pub policy: Vec<ConsentPolicy>,
    /// What is permitted, to whom, why, until when.
    pub provision: ConsentProvision,
}

impl Consent {
    /// The scope every Tideline consent has.
    pub fn privacy_scope() -> CodeableConcept {
        CodeableConcept::of(Coding::new(
            CONSENT_SCOPE_SYSTEM,
            "patient-privacy",
            "Privacy Consent",
        ))
    }

    /// The category every Tideline consent has.
    pub fn patient_consent_category() -> CodeableConcept {
        CodeableConcept::of(Coding::new(
            LOINC_SYSTEM,
            PATIENT_CONSENT_LOINC,
            "Patient Consent",
        ))
    }

    /// The role of the recipient.
    pub fn recipient_role() -> CodeableConcept {
        CodeableConcept::of(Coding::new(
            PARTICIPATION_TYPE_SYSTEM,
            "IRCP",
            "information recipient",
        ))
    }

    /// The purpose "treatment".
    pub fn treatment_purpose() -> Coding {
        Coding::new(ACT_REASON_SYSTEM, "TREAT", "treatment")
    }

    /// When the consent stops permitting disclosure, if it has an end.
    pub fn expires(&self) -> Option<DateTime<Utc>> {
        self.provision.period.end
    }

    /// Whether the consent permits disclosure at `now`: active and its period not ended.
    pub fn is_in_force(&self, now: DateTime<Utc>) -> bool {
        self.status == ConsentStatus::Active
            && self.provision.kind == ProvisionType::Permit
            && self.expires().is_none_or(|end| now <= end)
            && self.provision.period.start.is_none_or(|start| start <= now)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use serde_json::json;

    pub(crate) fn example() -> Consent {
        Consent {
            resource_type: ConsentType,
            id: None,
            meta: None,
            text: Narrative::paragraphs(&["I agree."]),
            status: ConsentStatus::Active,
            scope: Consent::privacy_scope(),
            category: vec![Consent::patient_consent_category()],
            patient: Reference::to("Patient", "3"),
            date_time: "2026-03-01T10:00:00Z".parse().unwrap(),
            performer: vec![Reference::to("Patient", "3")],
            organization: vec![Reference::to("Organization", "1")],
            policy: vec![ConsentPolicy {
                uri: PART2_POLICY_URI.into(),
            }],
            provision: ConsentProvision {
                kind: ProvisionType::Permit,
                period: Period {
                    start: Some("2026-03-01T10:00:00Z".parse().unwrap()),
                    end: Some("2026-06-01T03:59:59Z".parse().unwrap()),
                },
                actor: vec![ConsentActor {
                    role: Consent::recipient_role(),
                    reference: Reference::to("CareTeam", "4"),
                }],
                purpose: vec![Consent::treatment_purpose()],
                data: vec![ConsentData {
                    meaning: DataMeaning::Instance,
                    reference: Reference {
                        reference: "urn:uuid:6f1c2f7e-1b1e-4c55-8d43-0d1a2b3c4d5e".into(),
                    },
                }],
            },
        }
    }

    #[test]
    fn a_consent_has_the_exact_fhir_shape() {
        let expected = json!({
            "resourceType": "Consent",
            "text": {"status": "generated", "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>I agree.</p></div>"},
            "status": "active",
            "scope": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope",
                                  "code": "patient-privacy", "display": "Privacy Consent"}]},
            "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0", "display": "Patient Consent"}]}],
            "patient": {"reference": "Patient/3"},
            "dateTime": "2026-03-01T10:00:00Z",
            "performer": [{"reference": "Patient/3"}],
            "organization": [{"reference": "Organization/1"}],
            "policy": [{"uri": "https://www.ecfr.gov/current/title-42/chapter-I/subchapter-A/part-2"}],
            "provision": {
                "type": "permit",
                "period": {"start": "2026-03-01T10:00:00Z", "end": "2026-06-01T03:59:59Z"},
                "actor": [{"role": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                                                 "code": "IRCP", "display": "information recipient"}]},
                           "reference": {"reference": "CareTeam/4"}}],
                "purpose": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "TREAT",
                             "display": "treatment"}],
                "data": [{"meaning": "instance", "reference": {"reference": "urn:uuid:6f1c2f7e-1b1e-4c55-8d43-0d1a2b3c4d5e"}}]
            }
        });
        assert_eq!(serde_json::to_value(example()).unwrap(), expected);
        let parsed: Consent = serde_json::from_value(expected).unwrap();
        assert_eq!(parsed, example());
    }

    #[test]
    fn a_consent_is_in_force_only_while_active_and_unexpired() {
        let consent = example();
        assert!(consent.is_in_force("2026-04-01T00:00:00Z".parse().unwrap()));
        assert!(
            !consent.is_in_force("2026-06-01T04:00:00Z".parse().unwrap()),
            "expired"
        );
        let revoked = Consent {
            status: ConsentStatus::Inactive,
            ..consent
        };
        assert!(!revoked.is_in_force("2026-04-01T00:00:00Z".parse().unwrap()));
    }

    #[test]
    fn unknown_status_codes_are_refused() {
        let mut body = serde_json::to_value(example()).unwrap();
        body["status"] = json!("revoked");
        assert!(serde_json::from_value::<Consent>(body).is_err());
    }
}
