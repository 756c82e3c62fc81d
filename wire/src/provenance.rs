//! `Provenance` with the patient's electronic signature over a share.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Coding, ProvenanceType, Reference};

/// Code system of `Signature.type` (ASTM E1762-95).
pub const SIGNATURE_TYPE_SYSTEM: &str = "urn:iso-astm:E1762-95:2013";
/// `1.2.840.10065.1.12.1.7` "Consent Signature".
pub const CONSENT_SIGNATURE_CODE: &str = "1.2.840.10065.1.12.1.7";
/// `Signature.sigFormat` of a raw Ed25519 signature.
pub const RAW_SIGNATURE_FORMAT: &str = "application/octet-stream";

/// `Signature`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Signature {
    /// Consent Signature.
    #[serde(rename = "type")]
    pub kind: Vec<Coding>,
    /// When it was signed.
    pub when: DateTime<Utc>,
    /// Who signed: the patient.
    pub who: Reference,
    /// [`RAW_SIGNATURE_FORMAT`].
    pub sig_format: String,
    /// Base64 (standard alphabet, padded) of the 64-byte Ed25519 signature.
    pub data: String,
}

impl Signature {
    /// The type every Tideline share signature has.
    pub fn consent_signature_type() -> Vec<Coding> {
        vec![Coding::new(
            SIGNATURE_TYPE_SYSTEM,
            CONSENT_SIGNATURE_CODE,
            "Consent Signature",
        )]
    }
}

/// `Provenance.agent` (who only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProvenanceAgent {
    /// The patient.
    pub who: Reference,
}

/// `Provenance`: what was signed, when and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Provenance {
    /// Always `"Provenance"`.
    pub resource_type: ProvenanceType,
    /// Server id (absent on create).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The Consent and every QuestionnaireResponse of the share.
    pub target: Vec<Reference>,
    /// When signed.
    pub recorded: DateTime<Utc>,
    /// The patient.
    pub agent: Vec<ProvenanceAgent>,
    /// The signature.
    pub signature: Vec<Signature>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_provenance_has_the_exact_fhir_shape() {
        let body = json!({
            "resourceType": "Provenance",
            "target": [{"reference": "urn:uuid:1"}, {"reference": "urn:uuid:2"}],
            "recorded": "2026-03-01T10:00:00Z",
            "agent": [{"who": {"reference": "Patient/3"}}],
            "signature": [{"type": [{"system": "urn:iso-astm:E1762-95:2013", "code": "1.2.840.10065.1.12.1.7",
                                     "display": "Consent Signature"}],
                           "when": "2026-03-01T10:00:00Z", "who": {"reference": "Patient/3"},
                           "sigFormat": "application/octet-stream", "data": "AAEC"}]
        });
        let parsed: Provenance = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(
            parsed.signature[0].kind,
            Signature::consent_signature_type()
        );
        assert_eq!(serde_json::to_value(&parsed).unwrap(), body);
    }
}
