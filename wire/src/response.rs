//! `AppointmentResponse`: the patient's answer to a session (accepted, tentative, declined).

use serde::{Deserialize, Serialize};

use crate::{AppointmentResponseType, Identifier, Meta, ParticipationStatus, Reference};

/// `AppointmentResponse`. The app sends it without `id` and `meta`; the server fills both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppointmentResponse {
    /// Always `"AppointmentResponse"`.
    pub resource_type: AppointmentResponseType,
    /// Server id (absent on create).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Version and last change (absent on create).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
    /// Carries the client-made idempotency key under [`crate::IDEMPOTENCY_KEY_SYSTEM`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<Identifier>,
    /// The appointment answered.
    pub appointment: Reference,
    /// Who answers (the patient).
    pub actor: Reference,
    /// The answer.
    pub participant_status: ParticipationStatus,
}

impl AppointmentResponse {
    /// The idempotency key, if the resource carries one.
    pub fn idempotency_key(&self) -> Option<&str> {
        self.identifier
            .iter()
            .find(|identifier| identifier.system == crate::IDEMPOTENCY_KEY_SYSTEM)
            .map(|identifier| identifier.value.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_create_body_has_the_exact_fhir_shape() {
        let body = json!({
            "resourceType": "AppointmentResponse",
            "identifier": [{"system": "urn:tideline:idempotency-key", "value": "k-1"}],
            "appointment": {"reference": "Appointment/7"},
            "actor": {"reference": "Patient/3"},
            "participantStatus": "accepted"
        });
        let parsed: AppointmentResponse = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(parsed.idempotency_key(), Some("k-1"));
        assert_eq!(parsed.appointment.id_of("Appointment"), Some("7"));
        assert_eq!(serde_json::to_value(&parsed).unwrap(), body);
    }

    #[test]
    fn unknown_fields_and_codes_are_refused() {
        let extra = json!({"resourceType": "AppointmentResponse", "appointment": {"reference": "Appointment/7"},
            "actor": {"reference": "Patient/3"}, "participantStatus": "accepted", "note": "x"});
        assert!(serde_json::from_value::<AppointmentResponse>(extra).is_err());
        let bad_code = json!({"resourceType": "AppointmentResponse", "appointment": {"reference": "Appointment/7"},
            "actor": {"reference": "Patient/3"}, "participantStatus": "yes"});
        assert!(serde_json::from_value::<AppointmentResponse>(bad_code).is_err());
    }
}
