//! `AuditEvent`: one entry in the accounting of disclosures (a staff member viewed shared entries).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{AuditEventType, Coding, Meta, Reference};

/// Code system of `AuditEvent.type`.
pub const AUDIT_EVENT_TYPE_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/audit-event-type";
/// Code system of `AuditEvent.subtype` for REST interactions.
pub const RESTFUL_INTERACTION_SYSTEM: &str = "http://hl7.org/fhir/restful-interaction";

/// `AuditEvent.action`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditAction {
    /// Create.
    C,
    /// Read or view.
    R,
    /// Update.
    U,
    /// Delete.
    D,
    /// Execute (an operation such as `$revoke`).
    E,
}

/// `AuditEvent.agent`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuditEventAgent {
    /// The staff member (`Practitioner/{id}`).
    pub who: Reference,
    /// Their name as the clinic knows it, for the patient's accounting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether this agent started the action.
    pub requestor: bool,
}

/// `AuditEvent.source`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuditEventSource {
    /// The clinic that recorded the event (`Organization/{id}`).
    pub observer: Reference,
}

/// `AuditEvent.entity`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuditEventEntity {
    /// The Consent or a QuestionnaireResponse viewed.
    pub what: Reference,
}

/// `AuditEvent`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuditEvent {
    /// Always `"AuditEvent"`.
    pub resource_type: AuditEventType,
    /// Server id.
    pub id: String,
    /// Version and last change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
    /// `rest`.
    #[serde(rename = "type")]
    pub kind: Coding,
    /// `read`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subtype: Vec<Coding>,
    /// `R`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<AuditAction>,
    /// When it happened.
    pub recorded: DateTime<Utc>,
    /// Who did it.
    pub agent: Vec<AuditEventAgent>,
    /// Which system recorded it.
    pub source: AuditEventSource,
    /// What was touched.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entity: Vec<AuditEventEntity>,
}

impl AuditEvent {
    /// `rest` "RESTful Operation".
    pub fn rest_type() -> Coding {
        Coding::new(AUDIT_EVENT_TYPE_SYSTEM, "rest", "RESTful Operation")
    }

    /// `read` "read".
    pub fn read_subtype() -> Coding {
        Coding::new(RESTFUL_INTERACTION_SYSTEM, "read", "read")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_audit_event_has_the_exact_fhir_shape() {
        let body = json!({
            "resourceType": "AuditEvent", "id": "9",
            "type": {"system": "http://terminology.hl7.org/CodeSystem/audit-event-type", "code": "rest",
                     "display": "RESTful Operation"},
            "subtype": [{"system": "http://hl7.org/fhir/restful-interaction", "code": "read", "display": "read"}],
            "action": "R",
            "recorded": "2026-03-02T09:15:00Z",
            "agent": [{"who": {"reference": "Practitioner/1"}, "name": "Dr. Lee", "requestor": true}],
            "source": {"observer": {"reference": "Organization/1"}},
            "entity": [{"what": {"reference": "Consent/5"}}, {"what": {"reference": "QuestionnaireResponse/8"}}]
        });
        let parsed: AuditEvent = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(parsed.kind, AuditEvent::rest_type());
        assert_eq!(parsed.subtype, vec![AuditEvent::read_subtype()]);
        assert_eq!(serde_json::to_value(&parsed).unwrap(), body);
    }
}
