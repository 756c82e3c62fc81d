//! Appointments: one patient's place in one session. Read, search (by patient, date range and change
//! cursor), and the clinic's attendance record.
//!
//! Every change stamps the row with the next `change_seq`, a server-wide counter. Because all writes are
//! serialized (one writer thread, `BEGIN IMMEDIATE` for the CLI), a change committed later always has a
//! larger number, so "everything with `change_seq` greater than my cursor" never misses an update.

use crate::db::{params, Connection, OptionalExtension, Row};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use tideline_wire::care::{Attendance, Place, SessionKind};
use tideline_wire::{
    Appointment, AppointmentParticipant, AppointmentStatus, AppointmentType, CodeableConcept,
    Extension, Meta, ParticipationStatus, Reference, TIMEZONE_EXTENSION,
};

use crate::access::Caller;
use crate::problem::Problem;

/// The next value of the server-wide change counter.
pub fn next_change_seq(conn: &Connection) -> Result<i64, Problem> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(change_seq), 0) + 1 FROM appointment")?
        .query_row([], |row| row.get(0))?)
}

const SELECT: &str =
    "SELECT a.id, a.patient_id, p.clinic_id, a.status, a.participant_status, a.version,
        a.updated_at_ms, a.change_seq, s.start_at, s.end_at, coalesce(s.topic, g.name), g.time_zone,
        s.kind, s.place, s.video_link, coalesce(a.cancelled_reason, s.cancelled_reason),
        a.attendance, a.attendance_minutes
    FROM appointment a JOIN session s ON s.id = a.session_id JOIN program g ON g.id = s.program_id
    JOIN patient p ON p.id = a.patient_id";

/// An appointment as stored, with what is needed to check access and to render it.
#[derive(Debug, Clone)]
pub struct StoredAppointment {
    /// Id.
    pub id: i64,
    /// The patient.
    pub patient_id: i64,
    /// The patient's clinic.
    pub clinic_id: i64,
    /// Change cursor value of the last change.
    pub change_seq: i64,
    appointment: Appointment,
}

impl StoredAppointment {
    /// The FHIR resource.
    pub fn resource(&self) -> &Appointment {
        &self.appointment
    }
}

fn from_row(row: &Row<'_>) -> Result<StoredAppointment, crate::db::Error> {
    let id: i64 = row.get(0)?;
    let patient_id: i64 = row.get(1)?;
    let status: String = row.get(3)?;
    let participant: String = row.get(4)?;
    let version: i64 = row.get(5)?;
    let updated_at_ms: i64 = row.get(6)?;
    let start_at: i64 = row.get(8)?;
    let end_at: i64 = row.get(9)?;
    let zone_name: String = row.get(11)?;
    let corrupt = || crate::db::Error::InvalidQuery;
    let zone: Tz = zone_name.parse().map_err(|_| corrupt())?;
    let local = |seconds: i64| {
        DateTime::from_timestamp(seconds, 0)
            .map(|at| at.with_timezone(&zone).fixed_offset())
            .ok_or_else(corrupt)
    };
    let status = AppointmentStatus::from_code(&status).ok_or_else(corrupt)?;
    let mut extension = vec![Extension::code(TIMEZONE_EXTENSION, &zone_name)];
    let place = match (
        row.get::<_, Option<String>>(13)?,
        row.get::<_, Option<String>>(14)?,
    ) {
        (_, Some(link)) => Some(Place::Video(link)),
        (Some(text), None) => Some(Place::Address(text)),
        (None, None) => None,
    };
    extension.extend(place.map(|place| place.extension()));
    let mark: Option<String> = row.get(16)?;
    if let Some(mark) = mark {
        let minutes: Option<u32> = row.get(17)?;
        extension.push(
            Attendance::from_parts(&mark, minutes)
                .ok_or_else(corrupt)?
                .extension(),
        );
    }
    let kind = SessionKind::from_code(&row.get::<_, String>(12)?).ok_or_else(corrupt)?;
    let reason: Option<String> = row.get(15)?;
    let appointment = Appointment {
        resource_type: AppointmentType,
        id: id.to_string(),
        meta: Meta {
            version_id: Some(version.to_string()),
            last_updated: DateTime::from_timestamp_millis(updated_at_ms),
        },
        extension,
        status,
        cancelation_reason: reason
            .filter(|_| status == AppointmentStatus::Cancelled)
            .map(|reason| CodeableConcept::text(&reason)),
        service_type: vec![kind.service_type()],
        description: Some(row.get(10)?),
        start: local(start_at)?,
        end: local(end_at)?,
        minutes_duration: u32::try_from((end_at - start_at) / 60).map_err(|_| corrupt())?,
        participant: vec![AppointmentParticipant {
            actor: Reference::to("Patient", &patient_id.to_string()),
            status: ParticipationStatus::from_code(&participant).ok_or_else(corrupt)?,
        }],
    };
    Ok(StoredAppointment {
        id,
        patient_id,
        clinic_id: row.get(2)?,
        change_seq: row.get(7)?,
        appointment,
    })
}

/// Loads an appointment without access checks (callers check).
pub fn load(conn: &Connection, id: i64) -> Result<StoredAppointment, Problem> {
    conn.prepare_cached(&format!("{SELECT} WHERE a.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(Problem::NotFound)
}

/// Reads one appointment the caller may see.
pub fn read(conn: &Connection, caller: &Caller, id: i64) -> Result<StoredAppointment, Problem> {
    let stored = load(conn, id)?;
    caller.may_see_patient(stored.clinic_id, stored.patient_id)?;
    Ok(stored)
}

/// A search: whose appointments, which dates, which changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// Only this patient's; a device is limited to its own patient whether or not it says so.
    pub patient_id: Option<i64>,
    /// Sessions starting at or after this instant.
    pub starts_from: Option<DateTime<Utc>>,
    /// Sessions starting before this instant.
    pub starts_before: Option<DateTime<Utc>>,
    /// Only changes after this cursor.
    pub after_cursor: Option<i64>,
    /// At most this many results.
    pub limit: usize,
}

/// A page of results in change order.
#[derive(Debug, Clone)]
pub struct Found {
    /// The matches.
    pub appointments: Vec<StoredAppointment>,
    /// The cursor to send next time: the last change included, or the one given if nothing changed.
    pub cursor: i64,
    /// More matches remain after `cursor`.
    pub more: bool,
}

/// Runs a search within what the caller may see.
pub fn search(conn: &Connection, caller: &Caller, search: &Search) -> Result<Found, Problem> {
    let (scope_sql, scope_id) = match (caller, search.patient_id) {
        (
            Caller::Device {
                patient_id: own, ..
            },
            Some(asked),
        ) if asked != *own => {
            return Err(Problem::Forbidden("record belongs to another patient"));
        }
        (Caller::Device { patient_id, .. }, _) => ("a.patient_id = ?1", *patient_id),
        (_, Some(patient_id)) => {
            crate::access::may_see_patient_records(conn, caller, patient_id)?;
            ("a.patient_id = ?1", patient_id)
        }
        (Caller::Staff { clinic_id, .. }, None) => ("p.clinic_id = ?1", *clinic_id),
        (Caller::Operator, None) => ("?1 = ?1", 0),
    };
    let sql = format!(
        "{SELECT} WHERE {scope_sql} AND s.start_at >= ?2 AND s.start_at < ?3 AND a.change_seq > ?4
         ORDER BY a.change_seq LIMIT ?5"
    );
    let limit = search.limit.clamp(1, 1000);
    let after = search.after_cursor.unwrap_or(0);
    let mut appointments: Vec<StoredAppointment> = conn
        .prepare_cached(&sql)?
        .query_map(
            params![
                scope_id,
                search.starts_from.map_or(i64::MIN, |at| at.timestamp()),
                search.starts_before.map_or(i64::MAX, |at| at.timestamp()),
                after,
                i64::try_from(limit + 1).unwrap_or(i64::MAX)
            ],
            from_row,
        )?
        .collect::<Result<_, _>>()?;
    let more = appointments.len() > limit;
    appointments.truncate(limit);
    let cursor = appointments.last().map_or(after, |last| last.change_seq);
    Ok(Found {
        appointments,
        cursor,
        more,
    })
}

/// The statuses staff may record after or around a session.
pub const ATTENDANCE_STATUSES: [AppointmentStatus; 7] = [
    AppointmentStatus::Booked,
    AppointmentStatus::Arrived,
    AppointmentStatus::CheckedIn,
    AppointmentStatus::Fulfilled,
    AppointmentStatus::Noshow,
    AppointmentStatus::Cancelled,
    AppointmentStatus::EnteredInError,
];

/// Records what happened (fulfilled, noshow, arrived, …); staff of the clinic or the operator.
pub fn record_attendance(
    conn: &Connection,
    caller: &Caller,
    id: i64,
    status: AppointmentStatus,
    now: DateTime<Utc>,
) -> Result<StoredAppointment, Problem> {
    let stored = load(conn, id)?;
    caller.may_manage(stored.clinic_id)?;
    if !ATTENDANCE_STATUSES.contains(&status) {
        return Err(Problem::CodeInvalid(
            "status is not one staff can record".into(),
        ));
    }
    let seq = next_change_seq(conn)?;
    conn.execute(
        "UPDATE appointment SET status = ?1, version = version + 1, updated_at_ms = ?2, change_seq = ?3,
           attendance = NULL, attendance_minutes = NULL WHERE id = ?4",
        params![status.code(), now.timestamp_millis(), seq, id],
    )?;
    load(conn, id)
}

/// Stores the patient's answer on the appointment's participant.
pub fn set_participant_status(
    conn: &Connection,
    id: i64,
    status: ParticipationStatus,
    now: DateTime<Utc>,
) -> Result<(), Problem> {
    // The next change cursor in the same statement (one writer at a time: see the module's note).
    conn.prepare_cached(
        "UPDATE appointment SET participant_status = ?1, version = version + 1, updated_at_ms = ?2,
           change_seq = (SELECT coalesce(max(change_seq), 0) + 1 FROM appointment) WHERE id = ?3",
    )?
    .execute(params![status.code(), now.timestamp_millis(), id])?;
    Ok(())
}

/// Stamps an appointment as changed (next version, next change cursor) so devices pull it again.
pub fn touch(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<(), Problem> {
    let seq = next_change_seq(conn)?;
    conn.prepare_cached(
        "UPDATE appointment SET version = version + 1, updated_at_ms = ?1, change_seq = ?2 WHERE id = ?3",
    )?
    .execute(params![now.timestamp_millis(), seq, id])?;
    Ok(())
}

/// Stamps every appointment of a session as changed.
pub fn touch_session(
    conn: &Connection,
    session_id: i64,
    now: DateTime<Utc>,
) -> Result<(), Problem> {
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM appointment WHERE session_id = ?1 ORDER BY id")?
        .query_map([session_id], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    for id in ids {
        touch(conn, id, now)?;
    }
    Ok(())
}

/// Staff's attendance mark for one patient at one session: an administrator of the clinic or a member
/// of the patient's care team. Refused before the session starts, on a cancelled session, and when the
/// minutes missed are not shorter than the session.
pub fn mark_attendance(
    conn: &Connection,
    caller: &Caller,
    id: i64,
    mark: Attendance,
    now: DateTime<Utc>,
) -> Result<StoredAppointment, Problem> {
    let stored = load(conn, id)?;
    crate::access::may_care_for(conn, caller, stored.patient_id)?;
    let resource = stored.resource();
    if resource.start > now {
        return Err(Problem::Conflict("the session has not started yet"));
    }
    if resource.status == AppointmentStatus::Cancelled {
        return Err(Problem::Conflict("the session was cancelled"));
    }
    if mark
        .minutes()
        .is_some_and(|minutes| minutes == 0 || minutes >= resource.minutes_duration)
    {
        return Err(Problem::Invalid(
            "late or left-early minutes must be more than 0 and less than the session's length"
                .into(),
        ));
    }
    let marked_by = match caller {
        Caller::Staff { staff_id, .. } => Some(*staff_id),
        _ => None,
    };
    let seq = next_change_seq(conn)?;
    conn.prepare_cached(
        "UPDATE appointment SET status = ?1, attendance = ?2, attendance_minutes = ?3, marked_by = ?4,
           marked_at_ms = ?5, version = version + 1, updated_at_ms = ?5, change_seq = ?6 WHERE id = ?7",
    )?
    .execute(params![
        mark.status().code(),
        mark.code(),
        mark.minutes(),
        marked_by,
        now.timestamp_millis(),
        seq,
        id
    ])?;
    load(conn, id)
}
