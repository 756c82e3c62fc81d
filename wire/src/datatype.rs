//! FHIR data types used by more than one resource.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// `Meta`: the version and last change of a resource, which the app uses to skip unchanged records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Meta {
    /// Increases by one on every change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
    /// When the server last changed the resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<DateTime<Utc>>,
}

/// `Reference`, always relative (`"Patient/12"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Reference {
    /// `Type/id`.
    pub reference: String,
}

impl Reference {
    /// A reference to `resource_type/id`.
    pub fn to(resource_type: &str, id: &str) -> Self {
        Reference {
            reference: format!("{resource_type}/{id}"),
        }
    }

    /// The id if this reference points at `resource_type`, so callers never split strings by hand.
    pub fn id_of(&self, resource_type: &str) -> Option<&str> {
        let id = self
            .reference
            .strip_prefix(resource_type)?
            .strip_prefix('/')?;
        (!id.is_empty() && !id.contains('/')).then_some(id)
    }
}

/// `HumanName`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HumanName {
    /// The whole name as written, when it is not split into parts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Family name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// Given names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub given: Vec<String>,
}

/// `Identifier` (system and value only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Identifier {
    /// The namespace of the value.
    pub system: String,
    /// The value.
    pub value: String,
}

/// `Extension` with a `valueCode`, the only kind Tideline emits (the IANA time zone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Extension {
    /// What the extension means.
    pub url: String,
    /// Its value.
    pub value_code: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_yields_its_id_only_for_its_own_type() {
        let patient = Reference::to("Patient", "12");
        assert_eq!(patient.id_of("Patient"), Some("12"));
        assert_eq!(patient.id_of("Practitioner"), None);
        assert_eq!(
            Reference {
                reference: "PatientX/1".into()
            }
            .id_of("Patient"),
            None
        );
        assert_eq!(
            Reference {
                reference: "Patient/".into()
            }
            .id_of("Patient"),
            None
        );
    }
}
