//! One occurrence of a program at a time: listing the day's sessions, cancelling or moving one with a
//! reason, and its roster (each patient's answer from the app and staff's attendance mark).
//!
//! Every change stamps the session's appointments with the next change cursor, so each patient's app
//! pulls the change at its next sync.

use crate::db::{params, Connection, OptionalExtension};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use tideline_wire::care::{attended_minutes, Attendance, Place, SessionKind};
use tideline_wire::{AppointmentStatus, ParticipationStatus};

use crate::access::Caller;
use crate::appointment;
use crate::problem::Problem;

/// A session as staff lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionSummary {
    /// Id.
    pub id: i64,
    /// Its program.
    pub program_id: i64,
    /// The program's name.
    pub program: String,
    /// The program's zone.
    pub time_zone: String,
    /// Start.
    pub start: DateTime<Utc>,
    /// End.
    pub end: DateTime<Utc>,
    /// Kind.
    pub kind: SessionKind,
    /// Topic.
    pub topic: Option<String>,
    /// Place or video link.
    pub place: Option<Place>,
    /// Staff's reason, when cancelled.
    pub cancelled_reason: Option<String>,
    /// Staff's reason, when moved.
    pub moved_reason: Option<String>,
    /// Patients booked (not counting cancelled appointments).
    pub booked: u32,
    /// Booked patients with no attendance recorded yet.
    pub unrecorded: u32,
}

impl SessionSummary {
    /// Start in the program's zone.
    pub fn local_start(&self) -> DateTime<Tz> {
        self.start.with_timezone(&self.zone())
    }

    /// End in the program's zone.
    pub fn local_end(&self) -> DateTime<Tz> {
        self.end.with_timezone(&self.zone())
    }

    fn zone(&self) -> Tz {
        self.time_zone.parse().unwrap_or(Tz::UTC)
    }

    /// Minutes scheduled.
    pub fn minutes(&self) -> u32 {
        u32::try_from((self.end - self.start).num_minutes()).unwrap_or(0)
    }
}

const SESSION_SELECT: &str = "SELECT s.id, s.program_id, g.name, g.time_zone, s.start_at, s.end_at,
       s.kind, s.topic, s.place, s.video_link, s.cancelled_reason, s.moved_reason,
       (SELECT count(*) FROM appointment a WHERE a.session_id = s.id AND a.status != 'cancelled'),
       (SELECT count(*) FROM appointment a WHERE a.session_id = s.id AND a.status != 'cancelled'
          AND a.attendance IS NULL AND a.status NOT IN ('fulfilled', 'noshow', 'entered-in-error')),
       g.clinic_id
     FROM session s JOIN program g ON g.id = s.program_id";

fn summary_from(row: &crate::db::Row<'_>) -> Result<(SessionSummary, i64), crate::db::Error> {
    let corrupt = || crate::db::Error::InvalidQuery;
    let at = |seconds: i64| DateTime::from_timestamp(seconds, 0).ok_or_else(corrupt);
    let place = match (
        row.get::<_, Option<String>>(8)?,
        row.get::<_, Option<String>>(9)?,
    ) {
        (_, Some(link)) => Some(Place::Video(link)),
        (Some(text), None) => Some(Place::Address(text)),
        (None, None) => None,
    };
    Ok((
        SessionSummary {
            id: row.get(0)?,
            program_id: row.get(1)?,
            program: row.get(2)?,
            time_zone: row.get(3)?,
            start: at(row.get(4)?)?,
            end: at(row.get(5)?)?,
            kind: SessionKind::from_code(&row.get::<_, String>(6)?).ok_or_else(corrupt)?,
            topic: row.get(7)?,
            place,
            cancelled_reason: row.get(10)?,
            moved_reason: row.get(11)?,
            booked: row.get(12)?,
            unrecorded: row.get(13)?,
        },
        row.get(14)?,
    ))
}

/// One session the caller's clinic runs (without its roster).
pub fn get(conn: &Connection, caller: &Caller, session_id: i64) -> Result<SessionSummary, Problem> {
    let (summary, clinic_id) = conn
        .prepare_cached(&format!("{SESSION_SELECT} WHERE s.id = ?1"))?
        .query_row([session_id], summary_from)
        .optional()?
        .ok_or(Problem::NotFound)?;
    caller.may_manage(clinic_id)?;
    Ok(summary)
}

/// The clinic's sessions starting in `[from, to)`, in time order (optionally of one program).
pub fn between(
    conn: &Connection,
    caller: &Caller,
    clinic_id: i64,
    program_id: Option<i64>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<SessionSummary>, Problem> {
    caller.may_manage(clinic_id)?;
    let sql = format!(
        "{SESSION_SELECT} WHERE g.clinic_id = ?1 AND (CAST(?2 AS BIGINT) IS NULL OR s.program_id = ?2)
           AND s.start_at >= ?3 AND s.start_at < ?4 ORDER BY s.start_at, s.id"
    );
    let rows = conn
        .prepare_cached(&sql)?
        .query_map(
            params![clinic_id, program_id, from.timestamp(), to.timestamp()],
            summary_from,
        )?
        .map(|row| row.map(|(summary, _)| summary))
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

fn check_reason(reason: &str) -> Result<&str, Problem> {
    let reason = reason.trim();
    if reason.is_empty() || reason.len() > 200 {
        return Err(Problem::Required("a reason of 1 to 200 characters".into()));
    }
    Ok(reason)
}

fn session_clinic(conn: &Connection, session_id: i64) -> Result<(i64, i64, i64), Problem> {
    conn.prepare_cached(
        "SELECT g.clinic_id, s.start_at, s.end_at FROM session s JOIN program g ON g.id = s.program_id
         WHERE s.id = ?1",
    )?
    .query_row([session_id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
    .optional()?
    .ok_or(Problem::NotFound)
}

/// Cancels one occurrence with a reason; administrators. Its appointments become `cancelled` (the app
/// shows it cancelled and withdraws its reminder); attendance already recorded stays.
pub fn cancel(
    conn: &Connection,
    caller: &Caller,
    session_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), Problem> {
    let (clinic_id, _, _) = session_clinic(conn, session_id)?;
    caller.may_administer(clinic_id)?;
    let reason = check_reason(reason)?;
    let changed = conn.execute(
        "UPDATE session SET cancelled_reason = ?1 WHERE id = ?2 AND cancelled_reason IS NULL",
        params![reason, session_id],
    )?;
    if changed == 0 {
        return Err(Problem::Conflict("the session is already cancelled"));
    }
    conn.execute(
        "UPDATE appointment SET status = 'cancelled' WHERE session_id = ?1 AND attendance IS NULL
           AND status NOT IN ('fulfilled', 'noshow', 'entered-in-error')",
        [session_id],
    )?;
    appointment::touch_session(conn, session_id, now)
}

/// Moves one occurrence to new times with a reason; administrators. Refused when it would end before
/// it starts, when it already started, or when a booked patient would have overlapping sessions.
pub fn reschedule(
    conn: &Connection,
    caller: &Caller,
    session_id: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), Problem> {
    let (clinic_id, old_start, _) = session_clinic(conn, session_id)?;
    caller.may_administer(clinic_id)?;
    let reason = check_reason(reason)?;
    if end <= start {
        return Err(Problem::Invalid(
            "a session must end after it starts".into(),
        ));
    }
    if (end - start).num_hours() > 12 {
        return Err(Problem::Invalid("a session lasts at most 12 hours".into()));
    }
    if old_start <= now.timestamp() || start <= now {
        return Err(Problem::Conflict(
            "only a session that has not started can move, and only to a later time",
        ));
    }
    conn.execute(
        "UPDATE session SET start_at = ?1, end_at = ?2, moved_reason = ?3 WHERE id = ?4",
        params![start.timestamp(), end.timestamp(), reason, session_id],
    )?;
    let patients: Vec<i64> = conn
        .prepare_cached(
            "SELECT patient_id FROM appointment WHERE session_id = ?1 AND status != 'cancelled'",
        )?
        .query_map([session_id], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    for patient_id in patients {
        crate::program::check_overlap(conn, session_id, patient_id)?;
    }
    appointment::touch_session(conn, session_id, now)
}

/// What the patient said in the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    /// I'll be there.
    Coming,
    /// Can't make it.
    NotComing,
    /// No answer yet.
    None,
}

impl Answer {
    fn from_status(status: ParticipationStatus) -> Self {
        match status {
            ParticipationStatus::Accepted | ParticipationStatus::Tentative => Answer::Coming,
            ParticipationStatus::Declined => Answer::NotComing,
            ParticipationStatus::NeedsAction => Answer::None,
        }
    }

    /// The words staff read.
    pub fn words(self) -> &'static str {
        match self {
            Answer::Coming => "I'll be there",
            Answer::NotComing => "Can't make it",
            Answer::None => "No answer yet",
        }
    }
}

/// One patient on a session's roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RosterEntry {
    /// The appointment (the target of the attendance action).
    pub appointment_id: i64,
    /// The patient.
    pub patient_id: i64,
    /// Their name as the clinic holds it.
    pub name: String,
    /// Their answer from the app.
    pub answer: Answer,
    /// When they answered.
    pub answered_at: Option<DateTime<Utc>>,
    /// The appointment's status.
    pub status: AppointmentStatus,
    /// Staff's mark, if recorded.
    pub attendance: Option<Attendance>,
    /// Minutes counted toward the patient's week (the shared hours rule).
    pub attended_minutes: u32,
    /// Why this appointment alone was cancelled (discharge), if it was; a cancelled session has its
    /// reason on the session. Not part of the JSON roster, whose shape is fixed.
    #[serde(skip)]
    pub cancelled_reason: Option<String>,
}

impl RosterEntry {
    /// Whether the patient is still expected: a cancelled appointment (the session's cancellation,
    /// or the patient's discharge) has nothing to record and is not counted as booked.
    pub fn is_booked(&self) -> bool {
        self.status != AppointmentStatus::Cancelled
    }
}

/// A session with its roster. Administrators see every patient; a counselor sees the patients on
/// their care team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Roster {
    /// The session.
    pub session: SessionSummary,
    /// Its patients, by name.
    pub entries: Vec<RosterEntry>,
}

impl Roster {
    /// The patients still booked, the ones whose attendance is recorded (the session's `booked`
    /// count counts the same rows).
    pub fn booked(&self) -> impl Iterator<Item = &RosterEntry> {
        self.entries.iter().filter(|entry| entry.is_booked())
    }

    /// The patients whose appointment was cancelled (nothing to record).
    pub fn cancelled(&self) -> impl Iterator<Item = &RosterEntry> {
        self.entries.iter().filter(|entry| !entry.is_booked())
    }
}

/// The roster of one session.
pub fn roster(conn: &Connection, caller: &Caller, session_id: i64) -> Result<Roster, Problem> {
    let session = get(conn, caller, session_id)?;
    let counselor = match caller {
        Caller::Staff {
            staff_id,
            admin: false,
            ..
        } => Some(*staff_id),
        _ => None,
    };
    let mut statement = conn.prepare_cached(
        "SELECT a.id, a.patient_id, p.given_name || ' ' || p.family_name, a.participant_status,
           (SELECT max(r.created_at_ms) FROM appointment_response r WHERE r.appointment_id = a.id),
           a.status, a.attendance, a.attendance_minutes, a.cancelled_reason
         FROM appointment a JOIN patient p ON p.id = a.patient_id
         WHERE a.session_id = ?1 AND (CAST(?2 AS BIGINT) IS NULL OR EXISTS (SELECT 1 FROM care_team_member m
           WHERE m.patient_id = a.patient_id AND m.staff_id = ?2))
         ORDER BY p.family_name, p.given_name, a.id",
    )?;
    let minutes = session.minutes();
    let rows = statement.query_map(params![session_id, counselor], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, i64>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
            row.get::<_, Option<i64>>(4)?,
            row.get::<_, String>(5)?,
            row.get::<_, Option<String>>(6)?,
            row.get::<_, Option<u32>>(7)?,
            row.get::<_, Option<String>>(8)?,
        ))
    })?;
    let mut entries = Vec::new();
    for row in rows {
        let (
            appointment_id,
            patient_id,
            name,
            answer,
            answered,
            status,
            mark,
            mark_minutes,
            cancelled_reason,
        ) = row?;
        let answer = ParticipationStatus::from_code(&answer).ok_or(Problem::Internal)?;
        let status = AppointmentStatus::from_code(&status).ok_or(Problem::Internal)?;
        let attendance = match mark {
            Some(mark) => {
                Some(Attendance::from_parts(&mark, mark_minutes).ok_or(Problem::Internal)?)
            }
            None => None,
        };
        entries.push(RosterEntry {
            appointment_id,
            patient_id,
            name,
            answer: Answer::from_status(answer),
            answered_at: answered.and_then(DateTime::from_timestamp_millis),
            status,
            attendance,
            attended_minutes: attended_minutes(minutes, status, attendance),
            cancelled_reason,
        });
    }
    Ok(Roster { session, entries })
}

/// The clinic's sessions on a calendar day, each program's day in its own zone, in time order.
pub fn on_day(
    conn: &Connection,
    caller: &Caller,
    clinic_id: i64,
    day: chrono::NaiveDate,
) -> Result<Vec<SessionSummary>, Problem> {
    let midnight = day.and_time(chrono::NaiveTime::MIN).and_utc();
    let around = between(
        conn,
        caller,
        clinic_id,
        None,
        midnight - chrono::Duration::days(1),
        midnight + chrono::Duration::days(2),
    )?;
    Ok(around
        .into_iter()
        .filter(|session| session.local_start().date_naive() == day)
        .collect())
}

/// A local day and times in the program's zone as UTC instants (for moving a session).
pub fn local_times(
    conn: &Connection,
    session_id: i64,
    day: chrono::NaiveDate,
    start: chrono::NaiveTime,
    end: chrono::NaiveTime,
) -> Result<(DateTime<Utc>, DateTime<Utc>), Problem> {
    use chrono::TimeZone;
    let zone: String = conn
        .prepare_cached(
            "SELECT g.time_zone FROM session s JOIN program g ON g.id = s.program_id WHERE s.id = ?1",
        )?
        .query_row([session_id], |row| row.get(0))
        .optional()?
        .ok_or(Problem::NotFound)?;
    let zone: Tz = zone.parse().map_err(|_| Problem::Internal)?;
    let at = |time: chrono::NaiveTime| {
        zone.from_local_datetime(&day.and_time(time))
            .earliest()
            .map(|at| at.with_timezone(&Utc))
            .ok_or(Problem::Invalid(
                "that time does not exist in the program's zone on that day".into(),
            ))
    };
    Ok((at(start)?, at(end)?))
}

/// The session an appointment belongs to.
pub fn of_appointment(conn: &Connection, appointment_id: i64) -> Result<i64, Problem> {
    conn.prepare_cached("SELECT session_id FROM appointment WHERE id = ?1")?
        .query_row([appointment_id], |row| row.get(0))
        .optional()?
        .ok_or(Problem::NotFound)
}
