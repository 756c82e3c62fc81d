//! A share: the transaction the app sends (docs/share-protocol.md), and the exact bytes the patient's
//! device signs for it.

use serde::{Deserialize, Serialize};

use crate::{Consent, Provenance, QuestionnaireResponse, TransactionBundle};

/// The domain line that starts [`signing_input`], so a share signature can never be valid as a request
/// signature or an enrollment proof (those start with their own domain lines).
pub const SHARE_DOMAIN: &str = "tideline-share-v1";

/// The operation that revokes a consent: `POST /fhir/Consent/{id}/$revoke`.
pub const REVOKE_OPERATION: &str = "$revoke";

/// One resource in a share transaction. Each variant's `resourceType` marker refuses the others, so
/// the untagged form reads exactly one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ShareResource {
    /// The consent (first entry).
    Consent(Consent),
    /// A shared entry.
    QuestionnaireResponse(QuestionnaireResponse),
    /// The signature (last entry).
    Provenance(Provenance),
}

/// The bundle a share sends.
pub type ShareBundle = TransactionBundle<ShareResource>;

impl ShareBundle {
    /// The one Consent, if there is exactly one.
    pub fn consent(&self) -> Option<&Consent> {
        let mut found = self.entry.iter().filter_map(|e| match &e.resource {
            ShareResource::Consent(c) => Some(c),
            _ => None,
        });
        let first = found.next();
        found.next().is_none().then_some(first).flatten()
    }

    /// The QuestionnaireResponses, in bundle order, with their fullUrls.
    pub fn responses(&self) -> Vec<(&str, &QuestionnaireResponse)> {
        self.entry
            .iter()
            .filter_map(|e| match &e.resource {
                ShareResource::QuestionnaireResponse(r) => Some((e.full_url.as_str(), r)),
                _ => None,
            })
            .collect()
    }

    /// The one Provenance, if there is exactly one.
    pub fn provenance(&self) -> Option<&Provenance> {
        let mut found = self.entry.iter().filter_map(|e| match &e.resource {
            ShareResource::Provenance(p) => Some(p),
            _ => None,
        });
        let first = found.next();
        found.next().is_none().then_some(first).flatten()
    }

    /// [`signing_input`] of this bundle's Consent and responses (in bundle order), if it has one Consent.
    pub fn signing_input(&self) -> Option<Vec<u8>> {
        let responses: Vec<QuestionnaireResponse> = self
            .responses()
            .into_iter()
            .map(|(_, r)| r.clone())
            .collect();
        Some(signing_input(self.consent()?, &responses))
    }
}

/// The exact bytes the device signs (Ed25519) for a share: the domain line, then the Consent as compact
/// JSON, a newline, then the array of QuestionnaireResponses as compact JSON, in bundle order.
///
/// Deterministic because the wire structs serialize their fields in declaration order and hold no maps;
/// the server re-serializes the structs it parsed (unknown fields are refused) and gets the same bytes.
/// A newline cannot occur inside compact JSON, so the parts cannot be shifted into one another.
pub fn signing_input(consent: &Consent, responses: &[QuestionnaireResponse]) -> Vec<u8> {
    // Serializing these structs cannot fail: no maps with non-string keys, no foreign Serialize impls.
    let consent = serde_json::to_vec(consent).expect("a Consent always serializes");
    let responses = serde_json::to_vec(responses).expect("responses always serialize");
    let mut out = Vec::with_capacity(SHARE_DOMAIN.len() + consent.len() + responses.len() + 2);
    out.extend_from_slice(SHARE_DOMAIN.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(&consent);
    out.push(b'\n');
    out.extend_from_slice(&responses);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        Identifier, Narrative, ProvenanceAgent, ProvenanceType, QuestionnaireResponseType,
        Reference, ResponseItem, ResponseStatus, Signature,
    };
    use serde_json::json;

    fn response() -> QuestionnaireResponse {
        QuestionnaireResponse {
            resource_type: QuestionnaireResponseType,
            id: None,
            meta: None,
            identifier: Identifier {
                system: crate::SHARE_ENTRY_SYSTEM.into(),
                value: "s1".into(),
            },
            questionnaire: "urn:tideline:questionnaire:halt-check|1".into(),
            status: ResponseStatus::Completed,
            subject: Reference::to("Patient", "3"),
            authored: "2026-03-01T09:00:00Z".parse().unwrap(),
            author: Reference::to("Patient", "3"),
            item: vec![ResponseItem::answered(
                "hungry",
                crate::Answer::ValueInteger(2),
            )],
        }
    }

    #[test]
    fn the_signing_input_is_pinned() {
        let consent = crate::consent::tests::example();
        let input = String::from_utf8(signing_input(&consent, &[response()])).unwrap();
        let mut lines = input.split('\n');
        assert_eq!(lines.next(), Some("tideline-share-v1"));
        assert_eq!(
            lines.next().unwrap(),
            serde_json::to_string(&consent).unwrap()
        );
        assert_eq!(
            lines.next().unwrap(),
            "[{\"resourceType\":\"QuestionnaireResponse\",\"identifier\":{\"system\":\"urn:tideline:share-entry\",\
             \"value\":\"s1\"},\"questionnaire\":\"urn:tideline:questionnaire:halt-check|1\",\"status\":\"completed\",\
             \"subject\":{\"reference\":\"Patient/3\"},\"authored\":\"2026-03-01T09:00:00Z\",\"author\":{\"reference\":\
             \"Patient/3\"},\"item\":[{\"linkId\":\"hungry\",\"answer\":[{\"valueInteger\":2}]}]}]"
        );
        assert_eq!(lines.next(), None);
    }

    #[test]
    fn the_signing_input_changes_with_any_signed_content() {
        let consent = crate::consent::tests::example();
        let base = signing_input(&consent, &[response()]);
        let mut other_text = consent.clone();
        other_text.text = Narrative::paragraphs(&["I agree to something else."]);
        assert_ne!(signing_input(&other_text, &[response()]), base);
        let mut other_answer = response();
        other_answer.item[0] = ResponseItem::answered("hungry", crate::Answer::ValueInteger(3));
        assert_ne!(signing_input(&consent, &[other_answer]), base);
        assert_ne!(
            signing_input(&consent, &[]),
            base,
            "dropping an entry changes it"
        );
    }

    #[test]
    fn a_share_bundle_reads_back_each_resource_by_type() {
        let bundle = ShareBundle::create(
            "k-1",
            vec![
                (
                    "urn:uuid:c".into(),
                    "Consent",
                    ShareResource::Consent(crate::consent::tests::example()),
                ),
                (
                    "urn:uuid:r".into(),
                    "QuestionnaireResponse",
                    ShareResource::QuestionnaireResponse(response()),
                ),
                (
                    "urn:uuid:p".into(),
                    "Provenance",
                    ShareResource::Provenance(Provenance {
                        resource_type: ProvenanceType,
                        id: None,
                        target: vec![Reference {
                            reference: "urn:uuid:c".into(),
                        }],
                        recorded: "2026-03-01T10:00:00Z".parse().unwrap(),
                        agent: vec![ProvenanceAgent {
                            who: Reference::to("Patient", "3"),
                        }],
                        signature: vec![Signature {
                            kind: Signature::consent_signature_type(),
                            when: "2026-03-01T10:00:00Z".parse().unwrap(),
                            who: Reference::to("Patient", "3"),
                            sig_format: crate::RAW_SIGNATURE_FORMAT.into(),
                            data: "AAEC".into(),
                        }],
                    }),
                ),
            ],
        );
        let json = serde_json::to_value(&bundle).unwrap();
        assert_eq!(
            json["entry"][1]["resource"]["resourceType"],
            json!("QuestionnaireResponse")
        );
        let parsed: ShareBundle = serde_json::from_value(json).unwrap();
        assert_eq!(parsed, bundle);
        assert!(parsed.consent().is_some());
        assert_eq!(parsed.responses().len(), 1);
        assert!(parsed.provenance().is_some());
        assert_eq!(
            parsed.signing_input().unwrap(),
            signing_input(&crate::consent::tests::example(), &[response()])
        );
    }
}
