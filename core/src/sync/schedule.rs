//! Reading the clinic's schedule into the vault: each FHIR Appointment becomes (or updates) one
//! [`ClinicSession`], found again by the clinic's id, so pulling the same page twice changes nothing.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use tideline_wire::care;
use tideline_wire::{Appointment, AppointmentStatus as WireStatus, ParticipationStatus};

use crate::craving::{LABEL_MAX_CHARS, TEXT_MAX_CHARS};
use crate::error::Result;
use crate::record::{Record, RecordId, RecordKind};
use crate::session::{
    AppointmentStatus, ClinicSession, ParticipantResponse, SessionKind, SessionOrigin, Venue,
};
use crate::time::{Stamp, Zone};
use crate::vault::Vault;

/// The clinic's sessions already in the vault, by the clinic's Appointment id.
pub(crate) fn clinic_sessions(vault: &Vault) -> HashMap<String, RecordId> {
    vault
        .of_kind(RecordKind::Session)
        .filter_map(|stored| match &stored.record {
            Record::Session(ClinicSession {
                origin: SessionOrigin::Clinic { clinic_id },
                ..
            }) => Some((clinic_id.clone(), stored.id)),
            _ => None,
        })
        .collect()
}

/// What one page did to the vault.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Applied {
    /// Sessions created or changed.
    pub changed: u32,
    /// Appointments the app could not use (e.g. an end before the start); left out, not fatal.
    pub skipped: u32,
}

/// Upserts every appointment of a page. `awaiting` holds the sessions whose answer is still in the
/// outbox: their local answer is newer than anything the clinic can know, so it is kept.
pub(crate) fn apply(
    vault: &mut Vault,
    appointments: &[Appointment],
    patient: &str,
    known: &mut HashMap<String, RecordId>,
    awaiting: &HashSet<RecordId>,
    now: Stamp,
) -> Result<Applied> {
    let mut applied = Applied::default();
    for appointment in appointments {
        let existing_id = known.get(&appointment.id).copied();
        let existing = existing_id
            .and_then(|id| vault.get(&id))
            .and_then(|stored| match &stored.record {
                Record::Session(session) => Some(session.clone()),
                _ => None,
            });
        let keep_answer = existing_id.is_some_and(|id| awaiting.contains(&id));
        let Some(session) = session_from(appointment, patient, existing.as_ref(), keep_answer)
        else {
            applied.skipped += 1;
            continue;
        };
        if existing.as_ref() == Some(&session) {
            continue;
        }
        let stored = vault.save(existing_id, Record::Session(session), now)?;
        known.insert(appointment.id.clone(), stored.id);
        applied.changed += 1;
    }
    Ok(applied)
}

/// The session an appointment describes, merged into what the vault already holds: the clinic's facts
/// (time, status, topic, kind, place, cancellation, attendance) win; the patient's own additions
/// (a kind or place the clinic did not give, their self-reported mark) stay. The patient's answer
/// stays when `keep_answer` (it has not reached the clinic yet), else the clinic's record of it wins.
/// `None` when the appointment cannot be a valid session.
pub(crate) fn session_from(
    appointment: &Appointment,
    patient: &str,
    existing: Option<&ClinicSession>,
    keep_answer: bool,
) -> Option<ClinicSession> {
    let zone = appointment
        .time_zone()
        .and_then(|name| Zone::new(name).ok())
        .unwrap_or(Zone::UTC);
    let clinic_answer = appointment
        .participant
        .iter()
        .find(|participant| participant.actor.reference == patient)
        .map(|participant| response_from(participant.status));
    let response = match (existing, clinic_answer) {
        (Some(local), _) if keep_answer => local.response,
        (_, Some(answer)) => answer,
        (Some(local), None) => local.response,
        (None, None) => ParticipantResponse::NeedsAction,
    };
    let title = appointment
        .description
        .as_deref()
        .map(|text| {
            text.trim()
                .chars()
                .take(LABEL_MAX_CHARS)
                .collect::<String>()
        })
        .filter(|text| !text.is_empty());
    let venue = care::place_of(appointment).map(|place| match place {
        care::Place::Address(place) => Venue::InPerson { place },
        care::Place::Video(link) => Venue::Video { link },
    });
    let cancel_reason = care::cancellation_reason_of(appointment)
        .map(|text| text.trim().chars().take(TEXT_MAX_CHARS).collect::<String>())
        .filter(|text| !text.is_empty() && appointment.status == WireStatus::Cancelled);
    let session = ClinicSession {
        title,
        start: Stamp::new(appointment.start.with_timezone(&Utc), zone),
        end: Stamp::new(appointment.end.with_timezone(&Utc), zone),
        kind: care::kind_of(appointment)
            .map(kind_from)
            .or(existing.map(|local| local.kind))
            .unwrap_or(SessionKind::Group),
        venue: venue
            .clone()
            .or_else(|| existing.and_then(|local| local.venue.clone())),
        status: status_from(appointment.status),
        response,
        origin: SessionOrigin::Clinic {
            clinic_id: appointment.id.clone(),
        },
        cancel_reason,
        attendance: care::attendance_of(appointment),
        // The patient's own mark stays on the device; once the clinic records the session, the
        // clinic's record is what counts (see `ClinicSession::counted_mark`).
        self_report: existing.and_then(|local| local.self_report),
    };
    if session.validate().is_ok() {
        return Some(session);
    }
    // A place or link the app cannot show (an http link, too long) must not hide the session.
    let without_venue = ClinicSession {
        venue: None,
        ..session
    };
    without_venue.validate().is_ok().then_some(without_venue)
}

/// The clinic's kind of session in the core's own words.
fn kind_from(kind: care::SessionKind) -> SessionKind {
    match kind {
        care::SessionKind::GroupTherapy => SessionKind::Group,
        care::SessionKind::Individual => SessionKind::Individual,
        care::SessionKind::Family => SessionKind::Family,
        care::SessionKind::Psychoeducation => SessionKind::Psychoeducation,
        care::SessionKind::MedicationManagement => SessionKind::MedicationManagement,
        care::SessionKind::AftercareCheckIn => SessionKind::AftercareCheckIn,
    }
}

/// The FHIR status in the core's own type (the same value set, spelled the same).
fn status_from(status: tideline_wire::AppointmentStatus) -> AppointmentStatus {
    use tideline_wire::AppointmentStatus as Wire;
    match status {
        Wire::Proposed => AppointmentStatus::Proposed,
        Wire::Pending => AppointmentStatus::Pending,
        Wire::Booked => AppointmentStatus::Booked,
        Wire::Arrived => AppointmentStatus::Arrived,
        Wire::Fulfilled => AppointmentStatus::Fulfilled,
        Wire::Cancelled => AppointmentStatus::Cancelled,
        Wire::Noshow => AppointmentStatus::Noshow,
        Wire::EnteredInError => AppointmentStatus::EnteredInError,
        Wire::CheckedIn => AppointmentStatus::CheckedIn,
        Wire::Waitlist => AppointmentStatus::Waitlist,
    }
}

fn response_from(status: ParticipationStatus) -> ParticipantResponse {
    match status {
        ParticipationStatus::Accepted => ParticipantResponse::Accepted,
        ParticipationStatus::Declined => ParticipantResponse::Declined,
        ParticipationStatus::Tentative => ParticipantResponse::Tentative,
        ParticipationStatus::NeedsAction => ParticipantResponse::NeedsAction,
    }
}

/// The answer as FHIR sends it; `None` for "not answered", which is never sent.
pub(crate) fn participation(response: ParticipantResponse) -> Option<ParticipationStatus> {
    match response {
        ParticipantResponse::Accepted => Some(ParticipationStatus::Accepted),
        ParticipantResponse::Declined => Some(ParticipationStatus::Declined),
        ParticipantResponse::Tentative => Some(ParticipationStatus::Tentative),
        ParticipantResponse::NeedsAction => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn appointment(status: &str, answer: &str) -> Appointment {
        serde_json::from_value(json!({
            "resourceType": "Appointment",
            "id": "7",
            "meta": {"versionId": "2", "lastUpdated": "2026-03-01T12:00:00Z"},
            "extension": [{"url": tideline_wire::TIMEZONE_EXTENSION, "valueCode": "America/Chicago"}],
            "status": status,
            "description": "IOP evening group",
            "start": "2026-03-02T18:00:00-06:00",
            "end": "2026-03-02T21:00:00-06:00",
            "minutesDuration": 180,
            "participant": [{"actor": {"reference": "Patient/3"}, "status": answer}]
        }))
        .unwrap()
    }

    #[test]
    fn an_appointment_becomes_a_clinic_session_in_its_own_zone() {
        let session = session_from(
            &appointment("booked", "needs-action"),
            "Patient/3",
            None,
            false,
        )
        .unwrap();
        assert_eq!(session.status, AppointmentStatus::Booked);
        assert_eq!(session.response, ParticipantResponse::NeedsAction);
        assert_eq!(session.start.zone.name(), "America/Chicago");
        assert_eq!(
            session.start.utc,
            "2026-03-03T00:00:00Z"
                .parse::<chrono::DateTime<Utc>>()
                .unwrap()
        );
        assert_eq!(session.hours(), 3.0);
        assert_eq!(
            session.origin,
            SessionOrigin::Clinic {
                clinic_id: "7".into()
            }
        );
    }

    #[test]
    fn the_clinics_facts_win_and_the_patients_additions_stay() {
        let mut local = session_from(
            &appointment("booked", "needs-action"),
            "Patient/3",
            None,
            false,
        )
        .unwrap();
        local.kind = SessionKind::Individual;
        local.venue = Some(Venue::InPerson {
            place: "Room 4".into(),
        });
        local.response = ParticipantResponse::Accepted;
        let updated = session_from(
            &appointment("fulfilled", "accepted"),
            "Patient/3",
            Some(&local),
            false,
        )
        .unwrap();
        assert_eq!(updated.status, AppointmentStatus::Fulfilled);
        assert_eq!(updated.kind, SessionKind::Individual);
        assert_eq!(updated.venue, local.venue);
    }

    #[test]
    fn an_answer_still_in_the_outbox_is_not_overwritten_by_the_older_one_at_the_clinic() {
        let mut local = session_from(
            &appointment("booked", "needs-action"),
            "Patient/3",
            None,
            false,
        )
        .unwrap();
        local.response = ParticipantResponse::Declined;
        let kept = session_from(
            &appointment("booked", "accepted"),
            "Patient/3",
            Some(&local),
            true,
        )
        .unwrap();
        assert_eq!(kept.response, ParticipantResponse::Declined);
        let delivered = session_from(
            &appointment("booked", "accepted"),
            "Patient/3",
            Some(&local),
            false,
        )
        .unwrap();
        assert_eq!(
            delivered.response,
            ParticipantResponse::Accepted,
            "once nothing is pending, the clinic's record is the latest"
        );
    }

    #[test]
    fn an_appointment_that_cannot_be_a_session_is_skipped() {
        let mut broken = appointment("booked", "needs-action");
        broken.end = broken.start;
        assert!(session_from(&broken, "Patient/3", None, false).is_none());
    }
}
