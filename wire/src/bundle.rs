//! `Bundle` of type `searchset`: the answer to a search, generic over the resource it holds.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{BundleResourceType, Meta};

/// `Bundle.type`; the server only answers searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BundleType {
    /// The result of a search.
    Searchset,
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
}
