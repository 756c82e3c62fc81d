//! `Patient` and `Practitioner`.

use serde::{Deserialize, Serialize};

use crate::{HumanName, Meta, PatientType, PractitionerType};

/// `Patient`: only what the clinic needs to schedule and recognise the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Patient {
    /// Always `"Patient"`.
    pub resource_type: PatientType,
    /// Server id.
    pub id: String,
    /// Version and last change.
    pub meta: Meta,
    /// Whether the record is in use.
    pub active: bool,
    /// The patient's name.
    pub name: Vec<HumanName>,
}

/// `Practitioner`: a staff member of the clinic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Practitioner {
    /// Always `"Practitioner"`.
    pub resource_type: PractitionerType,
    /// Server id.
    pub id: String,
    /// Version and last change.
    pub meta: Meta,
    /// Whether the account is in use.
    pub active: bool,
    /// The name as the staff member gave it.
    pub name: Vec<HumanName>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn patient_and_practitioner_have_the_exact_fhir_shape() {
        let patient = Patient {
            resource_type: PatientType,
            id: "3".into(),
            meta: Meta {
                version_id: Some("1".into()),
                last_updated: None,
            },
            active: true,
            name: vec![HumanName {
                text: None,
                family: Some("Rivera".into()),
                given: vec!["Sam".into()],
            }],
        };
        assert_eq!(
            serde_json::to_value(&patient).unwrap(),
            json!({"resourceType": "Patient", "id": "3", "meta": {"versionId": "1"}, "active": true,
                   "name": [{"family": "Rivera", "given": ["Sam"]}]})
        );
        let practitioner = Practitioner {
            resource_type: PractitionerType,
            id: "1".into(),
            meta: Meta {
                version_id: None,
                last_updated: None,
            },
            active: true,
            name: vec![HumanName {
                text: Some("Dr. Lee".into()),
                ..HumanName::default()
            }],
        };
        assert_eq!(
            serde_json::to_value(&practitioner).unwrap(),
            json!({"resourceType": "Practitioner", "id": "1", "meta": {}, "active": true,
                   "name": [{"text": "Dr. Lee"}]})
        );
    }
}
