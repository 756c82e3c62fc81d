//! Programs (an IOP group, individual counseling), their members, and scheduling their sessions,
//! including recurring ones such as Mon/Wed/Fri 18:00-21:00 for 8 weeks in the clinic's time zone.

use crate::db::{params, Connection, OptionalExtension};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use tideline_wire::care::{LevelOfCare, Place, SessionKind};
use tideline_wire::{AppointmentStatus, ParticipationStatus};

use crate::access::Caller;
use crate::appointment;
use crate::problem::Problem;

/// What staff give when creating a program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramSpec {
    /// Its name ("IOP evening").
    pub name: String,
    /// The IANA zone its sessions are scheduled in.
    pub time_zone: String,
    /// The level of care patients start at.
    pub level: LevelOfCare,
    /// Its default weekly target in minutes; `None` takes the level's minimum.
    pub weekly_target_minutes: Option<u32>,
}

/// Creates a program in a clinic with its IANA time zone, at intensive outpatient level.
pub fn create(
    conn: &Connection,
    caller: &Caller,
    clinic_id: i64,
    name: &str,
    time_zone: &str,
) -> Result<i64, Problem> {
    let spec = ProgramSpec {
        name: name.into(),
        time_zone: time_zone.into(),
        level: LevelOfCare::Iop,
        weekly_target_minutes: None,
    };
    create_program(conn, caller, clinic_id, &spec)
}

/// Creates a program; administrators of the clinic (or the operator).
pub fn create_program(
    conn: &Connection,
    caller: &Caller,
    clinic_id: i64,
    spec: &ProgramSpec,
) -> Result<i64, Problem> {
    crate::staff::clinic_exists(conn, clinic_id)?;
    caller.may_administer(clinic_id)?;
    let name = spec.name.trim();
    if name.is_empty() || name.len() > 200 {
        return Err(Problem::Invalid(
            "program name must be 1 to 200 characters".into(),
        ));
    }
    if spec.time_zone.parse::<Tz>().is_err() {
        return Err(Problem::CodeInvalid(
            "time zone is not an IANA zone name".into(),
        ));
    }
    if spec.level == LevelOfCare::Aftercare {
        return Err(Problem::CodeInvalid(
            "a program starts at a level of care, not aftercare".into(),
        ));
    }
    let target = spec
        .level
        .validate_target(spec.weekly_target_minutes)
        .map_err(target_problem)?;
    conn.execute(
        "INSERT INTO program (clinic_id, name, time_zone, level_of_care, weekly_target_minutes)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![clinic_id, name, spec.time_zone, spec.level.code(), target],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A weekly target that does not fit its level, as a refusal with the rule's fixed sentence.
pub fn target_problem(error: tideline_wire::care::TargetError) -> Problem {
    use tideline_wire::care::TargetError;
    Problem::Invalid(
        match error {
            TargetError::BelowMinimum { .. } => "the weekly target is below the level's minimum",
            TargetError::OutpatientNeedsTarget => "outpatient care needs a weekly target",
            TargetError::OutpatientOutOfRange => {
                "an outpatient weekly target is more than 0 and under 9 hours"
            }
            TargetError::AftercareHasNoTarget => "aftercare has no weekly target",
            TargetError::TooLarge => "the weekly target is longer than a week",
        }
        .into(),
    )
}

/// A program as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgramSummary {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// IANA zone.
    pub time_zone: String,
    /// Level of care patients start at.
    pub level: LevelOfCare,
    /// Weekly target in minutes (the level's minimum unless set).
    pub weekly_target_minutes: Option<u32>,
}

/// The clinic's programs, by name.
pub fn list(
    conn: &Connection,
    caller: &Caller,
    clinic_id: i64,
) -> Result<Vec<ProgramSummary>, Problem> {
    caller.may_manage(clinic_id)?;
    let mut statement = conn.prepare_cached(
        "SELECT id, name, time_zone, level_of_care, weekly_target_minutes FROM program
         WHERE clinic_id = ?1 ORDER BY name, id",
    )?;
    let rows = statement.query_map([clinic_id], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
            row.get::<_, Option<u32>>(4)?,
        ))
    })?;
    let mut programs = Vec::new();
    for row in rows {
        let (id, name, time_zone, level, target) = row?;
        let level = LevelOfCare::from_code(&level).ok_or(Problem::Internal)?;
        programs.push(ProgramSummary {
            id,
            name,
            time_zone,
            level,
            weekly_target_minutes: target.or(level.default_weekly_target_minutes()),
        });
    }
    Ok(programs)
}

/// One program the caller's clinic runs.
pub fn get(conn: &Connection, caller: &Caller, program_id: i64) -> Result<ProgramSummary, Problem> {
    let (clinic_id, _) = program_clinic(conn, program_id)?;
    list(conn, caller, clinic_id)?
        .into_iter()
        .find(|program| program.id == program_id)
        .ok_or(Problem::NotFound)
}

/// The clinic a program belongs to and its zone.
pub fn program_clinic(conn: &Connection, program_id: i64) -> Result<(i64, Tz), Problem> {
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
    caller.may_administer(clinic_id)?;
    if crate::patient::clinic_of(conn, patient_id)? != clinic_id {
        return Err(Problem::Forbidden("record belongs to another clinic"));
    }
    conn.execute(
        "INSERT INTO program_member (program_id, patient_id) VALUES (?1, ?2)
         ON CONFLICT DO NOTHING",
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

/// Books a patient into a session (nothing if already booked). Refused when the patient already has
/// another session, not cancelled, overlapping it.
pub fn book(
    conn: &Connection,
    session_id: i64,
    patient_id: i64,
    now: DateTime<Utc>,
) -> Result<usize, Problem> {
    check_overlap(conn, session_id, patient_id)?;
    let seq = appointment::next_change_seq(conn)?;
    Ok(conn.execute(
        "INSERT INTO appointment
           (session_id, patient_id, status, participant_status, version, updated_at_ms, change_seq)
         VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6) ON CONFLICT DO NOTHING",
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

/// Fails when the patient has another session that is not cancelled and overlaps `session_id`'s times.
pub fn check_overlap(conn: &Connection, session_id: i64, patient_id: i64) -> Result<(), Problem> {
    let clash: Option<i64> = conn
        .prepare_cached(
            "SELECT o.id FROM session s
             JOIN appointment a ON a.patient_id = ?2 AND a.session_id != s.id
             JOIN session o ON o.id = a.session_id
             WHERE s.id = ?1 AND a.status NOT IN ('cancelled', 'entered-in-error')
               AND o.start_at < s.end_at AND s.start_at < o.end_at
             LIMIT 1",
        )?
        .query_row(params![session_id, patient_id], |row| row.get(0))
        .optional()?;
    match clash {
        Some(_) => Err(Problem::Conflict(
            "the patient already has a session at that time",
        )),
        None => Ok(()),
    }
}

/// Which days, at which local times, for how long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurrence {
    /// The first day to consider.
    pub first_day: NaiveDate,
    /// How many weeks from `first_day` (1 for a single week).
    pub weeks: u32,
    /// The last day to consider, when given instead of a number of weeks.
    pub last_day: Option<NaiveDate>,
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
    let weeks = match recurrence.last_day {
        Some(last) if last < recurrence.first_day => {
            return Err(Problem::Invalid(
                "the end date is before the first day".into(),
            ))
        }
        Some(last) => {
            u32::try_from((last - recurrence.first_day).num_days() / 7 + 1).unwrap_or(u32::MAX)
        }
        None => recurrence.weeks,
    };
    if !(1..=52).contains(&weeks) {
        return Err(Problem::Invalid("weeks must be 1 to 52".into()));
    }
    if recurrence.end <= recurrence.start {
        return Err(Problem::Invalid(
            "a session must end after it starts, on the same day".into(),
        ));
    }
    let last = recurrence.last_day.unwrap_or(NaiveDate::MAX);
    let days: Vec<NaiveDate> = if recurrence.weekdays.is_empty() {
        vec![recurrence.first_day]
    } else {
        (0..i64::from(weeks) * 7)
            .map(|offset| recurrence.first_day + Duration::days(offset))
            .filter(|day| recurrence.weekdays.contains(&day.weekday()) && *day <= last)
            .collect()
    };
    if days.is_empty() {
        return Err(Problem::Invalid(
            "no day in that range falls on the chosen weekdays".into(),
        ));
    }
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

/// What a session is and where: kind, optional topic, optional place or video link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionDetails {
    /// The kind of session.
    pub kind: SessionKind,
    /// Its topic ("Relapse prevention"), shown to patients.
    pub topic: Option<String>,
    /// A room or address, or a video link.
    pub place: Option<Place>,
}

impl Default for SessionDetails {
    fn default() -> Self {
        SessionDetails {
            kind: SessionKind::GroupTherapy,
            topic: None,
            place: None,
        }
    }
}

impl SessionDetails {
    /// Checks lengths and the link's scheme.
    pub fn validate(&self) -> Result<(), Problem> {
        let short = |text: &str| !text.trim().is_empty() && text.len() <= 200;
        if self.topic.as_deref().is_some_and(|topic| !short(topic)) {
            return Err(Problem::Invalid("a topic is 1 to 200 characters".into()));
        }
        match &self.place {
            Some(Place::Address(text)) if !short(text) => {
                Err(Problem::Invalid("a place is 1 to 200 characters".into()))
            }
            Some(Place::Video(link)) if !link.starts_with("https://") || !short(link) => Err(
                Problem::Invalid("a video link is an https:// address under 200 characters".into()),
            ),
            _ => Ok(()),
        }
    }

    fn columns(&self) -> (&'static str, Option<&str>, Option<&str>, Option<&str>) {
        let (place, video) = match &self.place {
            Some(Place::Address(text)) => (Some(text.trim()), None),
            Some(Place::Video(link)) => (None, Some(link.trim())),
            None => (None, None),
        };
        (
            self.kind.code(),
            self.topic.as_deref().map(str::trim),
            place,
            video,
        )
    }
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
    schedule_sessions(
        conn,
        caller,
        program_id,
        recurrence,
        &SessionDetails::default(),
        now,
    )
    .map(|ids| ids.len())
}

/// Schedules a series (or one session) with its details and books every current member into each;
/// administrators. Refused whole if any member would have overlapping sessions. Returns the new ids.
pub fn schedule_sessions(
    conn: &Connection,
    caller: &Caller,
    program_id: i64,
    recurrence: &Recurrence,
    details: &SessionDetails,
    now: DateTime<Utc>,
) -> Result<Vec<i64>, Problem> {
    let (clinic_id, zone) = program_clinic(conn, program_id)?;
    caller.may_administer(clinic_id)?;
    details.validate()?;
    let sessions = expand(recurrence, zone)?;
    let series_id = if recurrence.weekdays.is_empty() {
        None
    } else {
        let weekdays: Vec<String> = recurrence
            .weekdays
            .iter()
            .map(|day| day.to_string().to_lowercase())
            .collect();
        let last_day = sessions
            .last()
            .map(|(start, _)| start.with_timezone(&zone).date_naive())
            .unwrap_or(recurrence.first_day);
        conn.execute(
            "INSERT INTO session_series (program_id, weekdays, start_time, end_time, first_day, last_day,
               created_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                program_id,
                weekdays.join(","),
                recurrence.start.format("%H:%M").to_string(),
                recurrence.end.format("%H:%M").to_string(),
                recurrence.first_day.to_string(),
                last_day.to_string(),
                now.timestamp_millis()
            ],
        )?;
        Some(conn.last_insert_rowid())
    };
    let members: Vec<i64> = conn
        .prepare("SELECT patient_id FROM program_member WHERE program_id = ?1")?
        .query_map([program_id], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    let (kind, topic, place, video) = details.columns();
    let mut ids = Vec::with_capacity(sessions.len());
    for (start, end) in &sessions {
        conn.execute(
            "INSERT INTO session (program_id, start_at, end_at, kind, topic, place, video_link, series_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![program_id, start.timestamp(), end.timestamp(), kind, topic, place, video, series_id],
        )?;
        let session_id = conn.last_insert_rowid();
        for patient_id in &members {
            book(conn, session_id, *patient_id, now)?;
        }
        ids.push(session_id);
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_iop_group_keeps_its_local_time_across_daylight_saving() {
        let recurrence = Recurrence {
            first_day: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            weeks: 8,
            last_day: None,
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
            last_day: None,
            weekdays: vec![],
            start: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
        };
        assert!(expand(&recurrence, chrono_tz::UTC).is_err());
    }
}
