//! `CapabilityStatement`: what the server offers, served at `/fhir/metadata`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::CapabilityStatementType;

/// The software block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CapabilitySoftware {
    /// Product name.
    pub name: String,
    /// Product version.
    pub version: String,
}

/// One supported interaction (`read`, `search-type`, `create`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CapabilityInteraction {
    /// The interaction code.
    pub code: String,
}

/// One supported search parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CapabilitySearchParam {
    /// Parameter name as used in the query string.
    pub name: String,
    /// FHIR search parameter type (`reference`, `date`, `string`, `token`).
    #[serde(rename = "type")]
    pub kind: String,
    /// What it does, when that is not obvious.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documentation: Option<String>,
}

/// One supported resource type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CapabilityResource {
    /// The resource type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Supported interactions.
    pub interaction: Vec<CapabilityInteraction>,
    /// Supported search parameters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub search_param: Vec<CapabilitySearchParam>,
}

/// The REST block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CapabilityRest {
    /// Always `"server"`.
    pub mode: String,
    /// How clients authenticate, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documentation: Option<String>,
    /// Supported resource types.
    pub resource: Vec<CapabilityResource>,
}

/// `CapabilityStatement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CapabilityStatement {
    /// Always `"CapabilityStatement"`.
    pub resource_type: CapabilityStatementType,
    /// `"active"`.
    pub status: String,
    /// When this statement was produced.
    pub date: DateTime<Utc>,
    /// `"instance"`: it describes this running server.
    pub kind: String,
    /// The software.
    pub software: CapabilitySoftware,
    /// [`crate::FHIR_VERSION`].
    pub fhir_version: String,
    /// Supported formats (`["application/fhir+json"]`).
    pub format: Vec<String>,
    /// The REST description.
    pub rest: Vec<CapabilityRest>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn capability_statement_has_the_exact_fhir_shape() {
        let statement = CapabilityStatement {
            resource_type: CapabilityStatementType,
            status: "active".into(),
            date: "2026-03-01T00:00:00Z".parse().unwrap(),
            kind: "instance".into(),
            software: CapabilitySoftware {
                name: "Tideline clinic".into(),
                version: "0.1.0".into(),
            },
            fhir_version: crate::FHIR_VERSION.into(),
            format: vec![crate::FHIR_JSON.into()],
            rest: vec![CapabilityRest {
                mode: "server".into(),
                documentation: None,
                resource: vec![CapabilityResource {
                    kind: "Appointment".into(),
                    interaction: vec![CapabilityInteraction {
                        code: "read".into(),
                    }],
                    search_param: vec![CapabilitySearchParam {
                        name: "date".into(),
                        kind: "date".into(),
                        documentation: None,
                    }],
                }],
            }],
        };
        assert_eq!(
            serde_json::to_value(statement).unwrap(),
            json!({"resourceType": "CapabilityStatement", "status": "active", "date": "2026-03-01T00:00:00Z",
                   "kind": "instance", "software": {"name": "Tideline clinic", "version": "0.1.0"},
                   "fhirVersion": "4.0.1", "format": ["application/fhir+json"],
                   "rest": [{"mode": "server", "resource": [{"type": "Appointment",
                     "interaction": [{"code": "read"}], "searchParam": [{"name": "date", "type": "date"}]}]}]})
        );
    }
}
