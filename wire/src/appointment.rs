//! `Appointment`: one patient's place in one session (a group meeting or a counseling hour).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::{AppointmentType, CodeableConcept, Extension, Meta, Reference};

/// `Appointment.status`, the FHIR R4 value set in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AppointmentStatus {
    /// Not yet confirmed by anyone.
    Proposed,
    /// Some participants have not yet answered.
    Pending,
    /// Booked by the clinic.
    Booked,
    /// The patient has arrived.
    Arrived,
    /// The session took place and the patient attended.
    Fulfilled,
    /// The session will not take place for this patient.
    Cancelled,
    /// The patient did not attend.
    Noshow,
    /// Created by mistake.
    EnteredInError,
    /// The patient has checked in.
    CheckedIn,
    /// On a waiting list.
    Waitlist,
}

impl AppointmentStatus {
    /// Every status, in the order of the FHIR value set.
    pub const ALL: [AppointmentStatus; 10] = [
        AppointmentStatus::Proposed,
        AppointmentStatus::Pending,
        AppointmentStatus::Booked,
        AppointmentStatus::Arrived,
        AppointmentStatus::Fulfilled,
        AppointmentStatus::Cancelled,
        AppointmentStatus::Noshow,
        AppointmentStatus::EnteredInError,
        AppointmentStatus::CheckedIn,
        AppointmentStatus::Waitlist,
    ];

    /// The FHIR code.
    pub fn code(self) -> &'static str {
        match self {
            AppointmentStatus::Proposed => "proposed",
            AppointmentStatus::Pending => "pending",
            AppointmentStatus::Booked => "booked",
            AppointmentStatus::Arrived => "arrived",
            AppointmentStatus::Fulfilled => "fulfilled",
            AppointmentStatus::Cancelled => "cancelled",
            AppointmentStatus::Noshow => "noshow",
            AppointmentStatus::EnteredInError => "entered-in-error",
            AppointmentStatus::CheckedIn => "checked-in",
            AppointmentStatus::Waitlist => "waitlist",
        }
    }

    /// The status for a FHIR code; `None` for anything outside the value set.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }
}

/// `Appointment.participant.status` and `AppointmentResponse.participantStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ParticipationStatus {
    /// The participant will come.
    Accepted,
    /// The participant will not come.
    Declined,
    /// The participant may come.
    Tentative,
    /// The participant has not answered yet.
    NeedsAction,
}

impl ParticipationStatus {
    /// Every status, in the order of the FHIR value set.
    pub const ALL: [ParticipationStatus; 4] = [
        ParticipationStatus::Accepted,
        ParticipationStatus::Declined,
        ParticipationStatus::Tentative,
        ParticipationStatus::NeedsAction,
    ];

    /// The FHIR code.
    pub fn code(self) -> &'static str {
        match self {
            ParticipationStatus::Accepted => "accepted",
            ParticipationStatus::Declined => "declined",
            ParticipationStatus::Tentative => "tentative",
            ParticipationStatus::NeedsAction => "needs-action",
        }
    }

    /// The status for a FHIR code; `None` for anything outside the value set.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }
}

/// One participant of an appointment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppointmentParticipant {
    /// Who (`Patient/…` or `Practitioner/…`).
    pub actor: Reference,
    /// Whether they have said they will come.
    pub status: ParticipationStatus,
}

/// `Appointment`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Appointment {
    /// Always `"Appointment"`.
    pub resource_type: AppointmentType,
    /// Server id.
    pub id: String,
    /// Version and last change.
    pub meta: Meta,
    /// The session's IANA time zone ([`crate::TIMEZONE_EXTENSION`]), and, from the clinic, the
    /// attendance mark, place and video link (read them with the helpers in [`crate::care`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// Where the appointment stands.
    pub status: AppointmentStatus,
    /// Why the session was cancelled, in the words staff gave (`text`), when `status` is `cancelled`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelation_reason: Option<CodeableConcept>,
    /// The session kind ([`crate::care::SessionKind`]) as one coding in [`crate::care::SESSION_KIND_SYSTEM`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_type: Vec<CodeableConcept>,
    /// The session's name as staff wrote it, e.g. "IOP evening group".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Start, with the offset the session has in its own zone.
    pub start: DateTime<FixedOffset>,
    /// End, with the offset the session has in its own zone.
    pub end: DateTime<FixedOffset>,
    /// Length in minutes, so progress can count hours without recomputing zones.
    pub minutes_duration: u32,
    /// The patient (and later possibly the therapist).
    pub participant: Vec<AppointmentParticipant>,
}

impl Appointment {
    /// The IANA zone from the time-zone extension, if present.
    pub fn time_zone(&self) -> Option<&str> {
        self.extension
            .iter()
            .find(|extension| extension.url == crate::TIMEZONE_EXTENSION)
            .and_then(|extension| extension.value_code.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Appointment {
        Appointment {
            resource_type: AppointmentType,
            id: "7".into(),
            meta: Meta {
                version_id: Some("2".into()),
                last_updated: Some("2026-03-01T12:00:00.250Z".parse().unwrap()),
            },
            extension: vec![Extension::code(
                crate::TIMEZONE_EXTENSION,
                "America/Chicago",
            )],
            status: AppointmentStatus::Booked,
            cancelation_reason: None,
            service_type: Vec::new(),
            description: Some("IOP evening group".into()),
            start: "2026-03-02T18:00:00-06:00".parse().unwrap(),
            end: "2026-03-02T21:00:00-06:00".parse().unwrap(),
            minutes_duration: 180,
            participant: vec![AppointmentParticipant {
                actor: Reference::to("Patient", "3"),
                status: ParticipationStatus::NeedsAction,
            }],
        }
    }

    #[test]
    fn appointment_has_the_exact_fhir_shape() {
        let expected = json!({
            "resourceType": "Appointment",
            "id": "7",
            "meta": {"versionId": "2", "lastUpdated": "2026-03-01T12:00:00.250Z"},
            "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/timezone", "valueCode": "America/Chicago"}],
            "status": "booked",
            "description": "IOP evening group",
            "start": "2026-03-02T18:00:00-06:00",
            "end": "2026-03-02T21:00:00-06:00",
            "minutesDuration": 180,
            "participant": [{"actor": {"reference": "Patient/3"}, "status": "needs-action"}]
        });
        assert_eq!(serde_json::to_value(sample()).unwrap(), expected);
        let back: Appointment = serde_json::from_value(expected).unwrap();
        assert_eq!(
            back,
            sample(),
            "the shape must read back into the same value"
        );
        assert_eq!(back.time_zone(), Some("America/Chicago"));
    }

    #[test]
    fn every_status_code_round_trips_through_json() {
        for status in AppointmentStatus::ALL {
            let text = serde_json::to_string(&status).unwrap();
            assert_eq!(text, format!("\"{}\"", status.code()));
            assert_eq!(AppointmentStatus::from_code(status.code()), Some(status));
        }
        for status in ParticipationStatus::ALL {
            let text = serde_json::to_string(&status).unwrap();
            assert_eq!(text, format!("\"{}\"", status.code()));
            assert_eq!(ParticipationStatus::from_code(status.code()), Some(status));
        }
        assert_eq!(AppointmentStatus::from_code("checkedin"), None);
        assert!(serde_json::from_str::<ParticipationStatus>("\"maybe\"").is_err());
    }
}
