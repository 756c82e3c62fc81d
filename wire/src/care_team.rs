//! `CareTeam`: the patient's care team at the clinic, the recipient a consent names.

use serde::{Deserialize, Serialize};

use crate::{CareTeamType, Meta, Reference};

/// `CareTeam` (the elements a share needs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CareTeam {
    /// Always `"CareTeam"`.
    pub resource_type: CareTeamType,
    /// Server id.
    pub id: String,
    /// Version and last change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
    /// `active` for the team a consent may name.
    pub status: String,
    /// The team's name as shown to the patient ("Care team at Harbor IOP").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The patient.
    pub subject: Reference,
    /// The clinic program (`Organization/{id}`): the discloser a consent names.
    pub managing_organization: Vec<Reference>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_care_team_has_the_exact_fhir_shape() {
        let body = json!({"resourceType": "CareTeam", "id": "4", "status": "active",
            "name": "Care team at Harbor IOP", "subject": {"reference": "Patient/3"},
            "managingOrganization": [{"reference": "Organization/1"}]});
        let parsed: CareTeam = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(serde_json::to_value(&parsed).unwrap(), body);
    }
}
