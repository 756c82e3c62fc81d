//! `Bundle`: of type `searchset` (the answer to a search, generic over the resource it holds), and of
//! type `transaction` / `transaction-response` (a share: stored all or nothing).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{BundleResourceType, Identifier, Meta};

/// `Bundle.type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BundleType {
    /// The result of a search.
    Searchset,
    /// Resources to store all or nothing.
    Transaction,
    /// The server's answer to a transaction.
    TransactionResponse,
}

/// `Bundle.link`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleLink {
    /// `"self"`, or `"next"` for the query that continues an incremental pull.
    pub relation: String,
    /// The URL, relative to the server root.
    pub url: String,
}

/// `Bundle.entry.search`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleSearch {
    /// Always `"match"`.
    pub mode: String,
}

/// `Bundle.entry`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleEntry<R> {
    /// The resource's address relative to the server root (`/fhir/Appointment/7`).
    pub full_url: String,
    /// The resource.
    pub resource: R,
    /// Why it is in the bundle.
    pub search: BundleSearch,
}

/// `Bundle`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Bundle<R> {
    /// Always `"Bundle"`.
    pub resource_type: BundleResourceType,
    /// Carries the bundle's own time in `lastUpdated`.
    pub meta: Meta,
    /// `searchset`.
    #[serde(rename = "type")]
    pub kind: BundleType,
    /// How many entries matched.
    pub total: u32,
    /// `self` and `next` links.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub link: Vec<BundleLink>,
    /// The matches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entry: Vec<BundleEntry<R>>,
}

impl<R> Bundle<R> {
    /// A searchset of the given entries.
    pub fn searchset(at: DateTime<Utc>, entry: Vec<BundleEntry<R>>, link: Vec<BundleLink>) -> Self {
        Bundle {
            resource_type: BundleResourceType,
            meta: Meta {
                version_id: None,
                last_updated: Some(at),
            },
            kind: BundleType::Searchset,
            total: u32::try_from(entry.len()).unwrap_or(u32::MAX),
            link,
            entry,
        }
    }

    /// The URL of a link by relation.
    pub fn link(&self, relation: &str) -> Option<&str> {
        self.link
            .iter()
            .find(|link| link.relation == relation)
            .map(|link| link.url.as_str())
    }
}

/// `Bundle.entry.request` of a transaction entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleRequest {
    /// `POST` (the only method a share uses).
    pub method: String,
    /// The resource type to create (`Consent`).
    pub url: String,
}

/// `Bundle.entry` of a transaction: the resource, its temporary `urn:uuid:` address and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TransactionEntry<R> {
    /// `urn:uuid:...`, by which the other entries refer to this one.
    pub full_url: String,
    /// The resource.
    pub resource: R,
    /// `POST` to its type.
    pub request: BundleRequest,
}

/// `Bundle` of type `transaction`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TransactionBundle<R> {
    /// Always `"Bundle"`.
    pub resource_type: BundleResourceType,
    /// The idempotency key under [`crate::IDEMPOTENCY_KEY_SYSTEM`]: a retried transaction is stored once.
    pub identifier: Identifier,
    /// `transaction`.
    #[serde(rename = "type")]
    pub kind: BundleType,
    /// The resources.
    pub entry: Vec<TransactionEntry<R>>,
}

impl<R> TransactionBundle<R> {
    /// A transaction creating each `(fullUrl, resource type, resource)`.
    pub fn create(idempotency_key: &str, entries: Vec<(String, &str, R)>) -> Self {
        TransactionBundle {
            resource_type: BundleResourceType,
            identifier: Identifier {
                system: crate::IDEMPOTENCY_KEY_SYSTEM.into(),
                value: idempotency_key.into(),
            },
            kind: BundleType::Transaction,
            entry: entries
                .into_iter()
                .map(|(full_url, resource_type, resource)| TransactionEntry {
                    full_url,
                    resource,
                    request: BundleRequest {
                        method: "POST".into(),
                        url: resource_type.into(),
                    },
                })
                .collect(),
        }
    }
}

/// `Bundle.entry.response`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleEntryResponse {
    /// HTTP status with optional reason (`"201 Created"`).
    pub status: String,
    /// Where the created resource is (`Consent/5/_history/1` or `Consent/5`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// When the server stored it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<DateTime<Utc>>,
}

impl BundleEntryResponse {
    /// `Type/id` from `location`, without any `_history` part.
    pub fn created(&self) -> Option<(&str, &str)> {
        let location = self.location.as_deref()?;
        let mut parts = location.trim_start_matches('/').split('/');
        let (kind, id) = (parts.next()?, parts.next()?);
        (!kind.is_empty() && !id.is_empty()).then_some((kind, id))
    }
}

/// `Bundle.entry` of a transaction-response, in the order of the transaction's entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TransactionResponseEntry {
    /// The outcome for that entry.
    pub response: BundleEntryResponse,
}

/// `Bundle` of type `transaction-response`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TransactionResponseBundle {
    /// Always `"Bundle"`.
    pub resource_type: BundleResourceType,
    /// The answer's own time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
    /// `transaction-response`.
    #[serde(rename = "type")]
    pub kind: BundleType,
    /// One per transaction entry, in order.
    pub entry: Vec<TransactionResponseEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_empty_searchset_has_the_exact_fhir_shape() {
        let bundle: Bundle<serde_json::Value> = Bundle::searchset(
            "2026-03-01T00:00:00Z".parse().unwrap(),
            vec![],
            vec![BundleLink {
                relation: "self".into(),
                url: "/fhir/Appointment".into(),
            }],
        );
        assert_eq!(
            serde_json::to_value(&bundle).unwrap(),
            json!({"resourceType": "Bundle", "meta": {"lastUpdated": "2026-03-01T00:00:00Z"},
                   "type": "searchset", "total": 0, "link": [{"relation": "self", "url": "/fhir/Appointment"}]})
        );
        assert_eq!(bundle.link("self"), Some("/fhir/Appointment"));
    }

    #[test]
    fn a_transaction_and_its_response_have_the_exact_fhir_shape() {
        let transaction = TransactionBundle::create(
            "k-1",
            vec![(
                "urn:uuid:1".into(),
                "Consent",
                json!({"resourceType": "Consent"}),
            )],
        );
        assert_eq!(
            serde_json::to_value(&transaction).unwrap(),
            json!({"resourceType": "Bundle",
                   "identifier": {"system": "urn:tideline:idempotency-key", "value": "k-1"},
                   "type": "transaction",
                   "entry": [{"fullUrl": "urn:uuid:1", "resource": {"resourceType": "Consent"},
                              "request": {"method": "POST", "url": "Consent"}}]})
        );
        let answer = json!({"resourceType": "Bundle", "type": "transaction-response",
            "entry": [{"response": {"status": "201 Created", "location": "Consent/5/_history/1",
                                    "lastModified": "2026-03-01T10:00:01Z"}}]});
        let parsed: TransactionResponseBundle = serde_json::from_value(answer.clone()).unwrap();
        assert_eq!(parsed.kind, BundleType::TransactionResponse);
        assert_eq!(parsed.entry[0].response.created(), Some(("Consent", "5")));
        assert_eq!(serde_json::to_value(&parsed).unwrap(), answer);
    }
}
