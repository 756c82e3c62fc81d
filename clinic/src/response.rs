//! The patient's answers to appointments (FHIR AppointmentResponse), made idempotent by a key the app
//! chooses: the app may resend an answer as often as its outbox likes and the server stores it once and
//! gives the same answer every time.

use crate::db::{params, Connection, OptionalExtension};
use chrono::{DateTime, Utc};
use tideline_wire::{
    AppointmentResponse, AppointmentResponseType, Identifier, Meta, ParticipationStatus, Reference,
    IDEMPOTENCY_KEY_SYSTEM,
};

use crate::access::Caller;
use crate::appointment;
use crate::problem::Problem;

/// Whether a client-made idempotency key has an acceptable form (1 to 128 URL-safe characters).
pub fn is_valid_key(key: &str) -> bool {
    (1..=128).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

/// Why an answer for another patient is refused.
pub const NOT_OWN_PATIENT: &str = "a device answers only for its own patient";
/// Why a reused idempotency key is refused.
pub const KEY_REUSED: &str = "idempotency key was already used for a different answer";

/// The stored answer as a resource.
pub fn render(
    id: i64,
    key: &str,
    appointment_id: i64,
    patient_id: i64,
    status: ParticipationStatus,
    at_ms: i64,
) -> AppointmentResponse {
    AppointmentResponse {
        resource_type: AppointmentResponseType,
        id: Some(id.to_string()),
        meta: Some(Meta {
            version_id: Some("1".into()),
            last_updated: DateTime::from_timestamp_millis(at_ms),
        }),
        identifier: vec![Identifier {
            system: IDEMPOTENCY_KEY_SYSTEM.into(),
            value: key.into(),
        }],
        appointment: Reference::to("Appointment", &appointment_id.to_string()),
        actor: Reference::to("Patient", &patient_id.to_string()),
        participant_status: status,
    }
}

/// The stored answer and whether this call only repeated an earlier one.
#[derive(Debug, Clone)]
pub struct Stored {
    /// The resource as stored.
    pub resource: AppointmentResponse,
    /// True when the key was seen before with the same answer.
    pub replay: bool,
}

/// Stores a patient's answer from their device.
pub fn create(
    conn: &Connection,
    caller: &Caller,
    answer: &AppointmentResponse,
    now: DateTime<Utc>,
) -> Result<Stored, Problem> {
    let Caller::Device {
        device_id,
        patient_id,
        ..
    } = *caller
    else {
        return Err(Problem::Forbidden(
            "answers come from the patient's own device",
        ));
    };
    let key = answer.idempotency_key().ok_or(Problem::Required(
        "identifier with the idempotency-key system".into(),
    ))?;
    if !is_valid_key(key) {
        return Err(Problem::Invalid(
            "idempotency key must be 1 to 128 URL-safe characters".into(),
        ));
    }
    if answer.participant_status == ParticipationStatus::NeedsAction {
        return Err(Problem::CodeInvalid(
            "participantStatus must be accepted, declined or tentative".into(),
        ));
    }
    if answer.actor.id_of("Patient") != Some(patient_id.to_string().as_str()) {
        return Err(Problem::Forbidden(NOT_OWN_PATIENT));
    }
    let appointment_id: i64 = answer
        .appointment
        .id_of("Appointment")
        .and_then(|id| id.parse().ok())
        .ok_or(Problem::Invalid(
            "appointment must reference Appointment/<id>".into(),
        ))?;
    let earlier: Option<(i64, i64, String, i64)> = conn
        .prepare_cached(
            "SELECT id, appointment_id, participant_status, created_at_ms FROM appointment_response
             WHERE patient_id = ?1 AND idempotency_key = ?2",
        )?
        .query_row(params![patient_id, key], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })
        .optional()?;
    if let Some((id, earlier_appointment, earlier_status, at_ms)) = earlier {
        if earlier_appointment != appointment_id
            || earlier_status != answer.participant_status.code()
        {
            return Err(Problem::Conflict(KEY_REUSED));
        }
        let resource = render(
            id,
            key,
            appointment_id,
            patient_id,
            answer.participant_status,
            at_ms,
        );
        return Ok(Stored {
            resource,
            replay: true,
        });
    }
    // Whose appointment it is (what `appointment::read` checks, without rendering the resource).
    let owner: (i64, i64) = conn
        .prepare_cached(
            "SELECT a.patient_id, p.clinic_id FROM appointment a JOIN session s ON s.id = a.session_id
             JOIN program g ON g.id = s.program_id JOIN patient p ON p.id = a.patient_id
             WHERE a.id = ?1",
        )?
        .query_row([appointment_id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?
        .ok_or(Problem::NotFound)?;
    caller.may_see_patient(owner.1, owner.0)?;
    let at_ms = now.timestamp_millis();
    let id: i64 = conn
        .prepare_cached(
            "INSERT INTO appointment_response
               (appointment_id, patient_id, device_id, idempotency_key, participant_status, created_at_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        )?
        .query_row(
            params![appointment_id, patient_id, device_id, key, answer.participant_status.code(), at_ms],
            |row| row.get(0),
        )?;
    appointment::set_participant_status(conn, appointment_id, answer.participant_status, now)?;
    Ok(Stored {
        resource: render(
            id,
            key,
            appointment_id,
            patient_id,
            answer.participant_status,
            at_ms,
        ),
        replay: false,
    })
}

/// How many answers are stored for an appointment (tests use it to prove "stored once").
pub fn count_for(conn: &Connection, appointment_id: i64) -> Result<i64, Problem> {
    Ok(conn.query_row(
        "SELECT count(*) FROM appointment_response WHERE appointment_id = ?1",
        [appointment_id],
        |row| row.get(0),
    )?)
}
