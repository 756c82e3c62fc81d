//! Programs (an IOP group, individual counseling), their members, and scheduling their sessions,
//! including recurring ones such as Mon/Wed/Fri 18:00-21:00 for 8 weeks in the clinic's time zone.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use rusqlite::{params, Connection, OptionalExtension};
use tideline_wire::{AppointmentStatus, ParticipationStatus};

use crate::access::Caller;
use crate::appointment;
use crate::problem::Problem;

/// Creates a program in a clinic with its IANA time zone.
pub fn create(
    conn: &Connection,
    caller: &Caller,
    clinic_id: i64,
    name: &str,
    time_zone: &str,
) -> Result<i64, Problem> {
    crate::staff::clinic_exists(conn, clinic_id)?;
    caller.may_manage(clinic_id)?;
    if name.trim().is_empty() || name.len() > 200 {
        return Err(Problem::Invalid(
            "program name must be 1 to 200 characters".into(),
        ));
    }
    if time_zone.parse::<Tz>().is_err() {
        return Err(Problem::CodeInvalid(
            "time zone is not an IANA zone name".into(),
        ));
    }
    conn.execute(
        "INSERT INTO program (clinic_id, name, time_zone) VALUES (?1, ?2, ?3)",
        params![clinic_id, name.trim(), time_zone],
    )?;
    Ok(conn.last_insert_rowid())
}

fn program_clinic(conn: &Connection, program_id: i64) -> Result<(i64, Tz), Problem> {
    let row: Option<(i64, String)> = conn
        .query_row(
            "SELECT clinic_id, time_zone FROM program WHERE id = ?1",
            [program_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let (clinic_id, zone) = row.ok_or(Problem::NotFound)?;
    Ok((clinic_id, zone.parse().map_err(|_| Problem::Internal)?))
}

/// Adds a patient to a program and books them into its sessions that have not started yet.
/// Returns how many appointments were created.
pub fn add_member(
    conn: &Connection,
    caller: &Caller,
    program_id: i64,
    patient_id: i64,
    now: DateTime<Utc>,
) -> Result<usize, Problem> {
    let (clinic_id, _) = program_clinic(conn, program_id)?;
    caller.may_manage(clinic_id)?;
    if crate::patient::clinic_of(conn, patient_id)? != clinic_id {
        return Err(Problem::Forbidden("record belongs to another clinic"));
    }
    conn.execute(
        "INSERT OR IGNORE INTO program_member (program_id, patient_id) VALUES (?1, ?2)",
        params![program_id, patient_id],
    )?;
    let sessions: Vec<i64> = conn
        .prepare("SELECT id FROM session WHERE program_id = ?1 AND start_at > ?2")?
        .query_map(params![program_id, now.timestamp()], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    let mut created = 0;
    for session_id in sessions {
        created += book(conn, session_id, patient_id, now)?;
    }
    Ok(created)
}

fn book(
    conn: &Connection,
    session_id: i64,
    patient_id: i64,
    now: DateTime<Utc>,
) -> Result<usize, Problem> {
    let seq = appointment::next_change_seq(conn)?;
    Ok(conn.execute(
        "INSERT OR IGNORE INTO appointment
           (session_id, patient_id, status, participant_status, version, updated_at_ms, change_seq)
         VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6)",
        params![
            session_id,
            patient_id,
            AppointmentStatus::Booked.code(),
            ParticipationStatus::NeedsAction.code(),
            now.timestamp_millis(),
            seq
        ],
    )?)
}

/// Which days, at which local times, for how long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurrence {
    /// The first day to consider.
    pub first_day: NaiveDate,
    /// How many weeks from `first_day` (1 for a single week).
    pub weeks: u32,
    /// Which weekdays; empty means `first_day` only.
    pub weekdays: Vec<Weekday>,
    /// Local start time in the program's zone.
    pub start: NaiveTime,
    /// Local end time, the same day.
    pub end: NaiveTime,
}

/// A session's UTC start and end.
pub type SessionTimes = (DateTime<Utc>, DateTime<Utc>);

/// The UTC start and end of every session a recurrence describes, in order.
///
/// Local times are converted day by day, so an 18:00 group stays at 18:00 across a daylight-saving
/// change. A start that does not exist locally (skipped by a DST jump) is refused rather than moved.
pub fn expand(recurrence: &Recurrence, zone: Tz) -> Result<Vec<SessionTimes>, Problem> {
    if !(1..=52).contains(&recurrence.weeks) {
        return Err(Problem::Invalid("weeks must be 1 to 52".into()));
    }
    if recurrence.end <= recurrence.start {
        return Err(Problem::Invalid(
            "a session must end after it starts, on the same day".into(),
        ));
    }
    let days: Vec<NaiveDate> = if recurrence.weekdays.is_empty() {
        vec![recurrence.first_day]
    } else {
        (0..i64::from(recurrence.weeks) * 7)
            .map(|offset| recurrence.first_day + Duration::days(offset))
            .filter(|day| recurrence.weekdays.contains(&day.weekday()))
            .collect()
    };
    days.into_iter()
        .map(|day| {
            let local = |time: NaiveTime| {
                zone.from_local_datetime(&day.and_time(time))
                    .earliest()
                    .map(|at| at.with_timezone(&Utc))
                    .ok_or(Problem::Invalid(
                        "a session time does not exist in the zone on one of the days".into(),
                    ))
            };
            Ok((local(recurrence.start)?, local(recurrence.end)?))
        })
        .collect()
}

/// Schedules sessions for a program and books every current member into each. Returns the number of
/// sessions created.
pub fn schedule(
    conn: &Connection,
    caller: &Caller,
    program_id: i64,
    recurrence: &Recurrence,
    now: DateTime<Utc>,
) -> Result<usize, Problem> {
    let (clinic_id, zone) = program_clinic(conn, program_id)?;
    caller.may_manage(clinic_id)?;
    let sessions = expand(recurrence, zone)?;
    let members: Vec<i64> = conn
        .prepare("SELECT patient_id FROM program_member WHERE program_id = ?1")?
        .query_map([program_id], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    for (start, end) in &sessions {
        conn.execute(
            "INSERT INTO session (program_id, start_at, end_at) VALUES (?1, ?2, ?3)",
            params![program_id, start.timestamp(), end.timestamp()],
        )?;
        let session_id = conn.last_insert_rowid();
        for patient_id in &members {
            book(conn, session_id, *patient_id, now)?;
        }
    }
    Ok(sessions.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_iop_group_keeps_its_local_time_across_daylight_saving() {
        let recurrence = Recurrence {
            first_day: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            weeks: 8,
            weekdays: vec![Weekday::Mon, Weekday::Wed, Weekday::Fri],
            start: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
        };
        let zone: Tz = "America/Chicago".parse().unwrap();
        let sessions = expand(&recurrence, zone).unwrap();
        assert_eq!(sessions.len(), 24, "three sessions a week for eight weeks");
        for (start, end) in &sessions {
            assert_eq!(
                start.with_timezone(&zone).time(),
                recurrence.start,
                "18:00 local before and after DST"
            );
            assert_eq!(*end - *start, Duration::hours(3));
        }
        // US DST starts on 8 March 2026: the offset changes, the local time does not.
        assert_ne!(sessions[0].0.time(), sessions[23].0.time());
    }

    #[test]
    fn a_session_that_ends_before_it_starts_is_refused() {
        let recurrence = Recurrence {
            first_day: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            weeks: 1,
            weekdays: vec![],
            start: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
        };
        assert!(expand(&recurrence, chrono_tz::UTC).is_err());
    }
}
