//! A patient's course of care: level-of-care periods with effective dates (set, step down or up),
//! discharge, and the aftercare check-ins at 30, 60 and 90 days that discharge schedules. Each period
//! is one FHIR EpisodeOfCare the patient's device reads at sync.
//!
//! Administrators change the course; counselors on the patient's care team read it.

use crate::db::{params, Connection};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use tideline_wire::care::{CareLevel, LevelOfCare, SessionKind};
use tideline_wire::{EpisodeOfCare, EpisodeStatus, Meta};

use crate::access::Caller;
use crate::problem::Problem;
use crate::program::{program_clinic, target_problem};

/// The days after discharge on which aftercare check-ins are scheduled.
pub const AFTERCARE_DAYS: [i64; 3] = [30, 60, 90];

/// How long an aftercare check-in is booked for.
pub const CHECK_IN_MINUTES: i64 = 30;

/// One stored period of a patient's course.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Period {
    /// Id (the EpisodeOfCare id).
    pub id: i64,
    /// The program whose zone the days are in.
    pub program_id: i64,
    /// The level.
    pub level: LevelOfCare,
    /// Weekly target in minutes.
    pub weekly_target_minutes: Option<u32>,
    /// First day.
    pub from: NaiveDate,
    /// Last day, once closed.
    pub until: Option<NaiveDate>,
    /// Who recorded it (audit actor).
    pub recorded_by: String,
    version: i64,
    updated_at_ms: i64,
}

impl Period {
    /// As the shared [`CareLevel`].
    pub fn care_level(&self) -> CareLevel {
        CareLevel {
            level: self.level,
            weekly_target_minutes: self.weekly_target_minutes,
            from: self.from,
        }
    }

    /// The EpisodeOfCare status on `today`.
    pub fn status_on(&self, today: NaiveDate) -> EpisodeStatus {
        if self.from > today {
            EpisodeStatus::Planned
        } else if self.until.is_some_and(|until| until < today) {
            EpisodeStatus::Finished
        } else {
            EpisodeStatus::Active
        }
    }
}

/// The patient's periods, oldest first, without access checks.
pub fn periods(conn: &Connection, patient_id: i64) -> Result<Vec<Period>, Problem> {
    let mut statement = conn.prepare_cached(
        "SELECT id, program_id, level, weekly_target_minutes, from_day, until_day, recorded_by, version,
           updated_at_ms FROM care_level WHERE patient_id = ?1 ORDER BY from_day, id",
    )?;
    let rows = statement.query_map([patient_id], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, i64>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, Option<u32>>(3)?,
            row.get::<_, String>(4)?,
            row.get::<_, Option<String>>(5)?,
            row.get::<_, String>(6)?,
            row.get::<_, i64>(7)?,
            row.get::<_, i64>(8)?,
        ))
    })?;
    let day = |text: &str| text.parse::<NaiveDate>().map_err(|_| Problem::Internal);
    let mut periods = Vec::new();
    for row in rows {
        let (id, program_id, level, target, from, until, recorded_by, version, updated_at_ms) =
            row?;
        periods.push(Period {
            id,
            program_id,
            level: LevelOfCare::from_code(&level).ok_or(Problem::Internal)?,
            weekly_target_minutes: target,
            from: day(&from)?,
            until: until.as_deref().map(day).transpose()?,
            recorded_by,
            version,
            updated_at_ms,
        });
    }
    Ok(periods)
}

/// The patient's course, for a caller who may care for them.
pub fn history(
    conn: &Connection,
    caller: &Caller,
    patient_id: i64,
) -> Result<Vec<Period>, Problem> {
    crate::access::may_care_for(conn, caller, patient_id)?;
    periods(conn, patient_id)
}

/// The weekly target in force on `day` (`None` without a course, or in aftercare).
pub fn target_on(
    conn: &Connection,
    patient_id: i64,
    day: NaiveDate,
) -> Result<Option<u32>, Problem> {
    let course: Vec<CareLevel> = periods(conn, patient_id)?
        .iter()
        .map(Period::care_level)
        .collect();
    Ok(tideline_wire::care::current_level(&course, day)
        .and_then(|level| level.weekly_target_minutes))
}

/// A level-of-care change: which level, which target, from which day, in which program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelChange {
    /// The program the patient follows (its zone dates the change); must be the patient's clinic's.
    pub program_id: i64,
    /// The new level (not aftercare: that is what discharge does).
    pub level: LevelOfCare,
    /// The weekly target; `None` takes the level's minimum.
    pub weekly_target_minutes: Option<u32>,
    /// The first day at the new level.
    pub from: NaiveDate,
}

fn check_same_clinic(
    conn: &Connection,
    caller: &Caller,
    patient_id: i64,
    program_id: i64,
) -> Result<Tz, Problem> {
    let clinic_id = crate::patient::clinic_of(conn, patient_id)?;
    caller.may_administer(clinic_id)?;
    let (program_clinic_id, zone) = program_clinic(conn, program_id)?;
    if program_clinic_id != clinic_id {
        return Err(Problem::Forbidden("record belongs to another clinic"));
    }
    Ok(zone)
}

/// Sets the patient's level of care from a day (the first level, or a step down or up); administrators.
/// The open period ends the day before. Refused before the course's start, on or before the current
/// period's first day, and after discharge. Returns the new period's id.
pub fn set_level(
    conn: &Connection,
    caller: &Caller,
    patient_id: i64,
    change: &LevelChange,
    now: DateTime<Utc>,
) -> Result<i64, Problem> {
    check_same_clinic(conn, caller, patient_id, change.program_id)?;
    if change.level == LevelOfCare::Aftercare {
        return Err(Problem::CodeInvalid("aftercare begins at discharge".into()));
    }
    let target = change
        .level
        .validate_target(change.weekly_target_minutes)
        .map_err(target_problem)?;
    let existing = periods(conn, patient_id)?;
    if let Some(first) = existing.first() {
        if change.from < first.from {
            return Err(Problem::Invalid(
                "the change is dated before the program start".into(),
            ));
        }
    }
    if let Some(last) = existing.last() {
        if last.level == LevelOfCare::Aftercare {
            return Err(Problem::Conflict("the patient has been discharged"));
        }
        if change.from <= last.from {
            return Err(Problem::Invalid(
                "the change must be dated after the current level began".into(),
            ));
        }
        close(conn, last.id, change.from - Duration::days(1), now)?;
    }
    insert(
        conn,
        caller,
        patient_id,
        change.program_id,
        change.level,
        target,
        change.from,
        now,
    )
}

#[allow(clippy::too_many_arguments)]
fn insert(
    conn: &Connection,
    caller: &Caller,
    patient_id: i64,
    program_id: i64,
    level: LevelOfCare,
    target: Option<u32>,
    from: NaiveDate,
    now: DateTime<Utc>,
) -> Result<i64, Problem> {
    conn.execute(
        "INSERT INTO care_level (patient_id, program_id, level, weekly_target_minutes, from_day,
           recorded_by, version, updated_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7)",
        params![
            patient_id,
            program_id,
            level.code(),
            target,
            from.to_string(),
            caller.actor(),
            now.timestamp_millis()
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

fn close(conn: &Connection, id: i64, until: NaiveDate, now: DateTime<Utc>) -> Result<(), Problem> {
    conn.execute(
        "UPDATE care_level SET until_day = ?1, version = version + 1, updated_at_ms = ?2 WHERE id = ?3",
        params![until.to_string(), now.timestamp_millis(), id],
    )?;
    Ok(())
}

/// What discharge did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Discharged {
    /// The aftercare period's id.
    pub aftercare_episode: i64,
    /// The three check-in sessions.
    pub check_ins: Vec<i64>,
    /// Appointments after the discharge day that were cancelled.
    pub cancelled: usize,
}

/// The reason stored on the appointments discharge cancels (the portal shows its own words for it).
pub const DISCHARGE_REASON: &str = "Moved to aftercare";

/// The appointments discharge cancels: the patient's (?1) not yet attended, in sessions from ?2 on.
const LATER_BOOKED: &str = "patient_id = ?1 AND attendance IS NULL
    AND status IN ('booked', 'pending', 'proposed')
    AND session_id IN (SELECT id FROM session WHERE start_at >= ?2)";

/// The first instant after the day `on` in the program's zone.
fn day_after(zone: Tz, on: NaiveDate) -> Result<DateTime<Utc>, Problem> {
    Ok(zone
        .from_local_datetime(&(on + Duration::days(1)).and_time(NaiveTime::MIN))
        .earliest()
        .ok_or(Problem::Internal)?
        .with_timezone(&Utc))
}

/// Discharge's checks: an administrator, a current level that is not aftercare, a day not before it
/// began. Returns the current period and its program's zone.
fn dischargeable(
    conn: &Connection,
    caller: &Caller,
    patient_id: i64,
    on: NaiveDate,
) -> Result<(Period, Tz), Problem> {
    caller.may_administer(crate::patient::clinic_of(conn, patient_id)?)?;
    let last = periods(conn, patient_id)?
        .pop()
        .ok_or(Problem::Conflict("the patient has no level of care to end"))?;
    let zone = check_same_clinic(conn, caller, patient_id, last.program_id)?;
    if last.level == LevelOfCare::Aftercare {
        return Err(Problem::Conflict("the patient has been discharged"));
    }
    if on < last.from {
        return Err(Problem::Invalid(
            "discharge is dated before the current level began".into(),
        ));
    }
    Ok((last, zone))
}

/// What a discharge on a day would do, before it is done (the portal's confirmation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DischargePreview {
    /// Appointments after the discharge day that would be cancelled.
    pub cancelled: usize,
    /// The programs the patient would leave, by name.
    pub programs: Vec<String>,
}

/// What [`discharge`] would do on `on`, with the same checks and nothing changed; administrators.
pub fn discharge_preview(
    conn: &Connection,
    caller: &Caller,
    patient_id: i64,
    on: NaiveDate,
) -> Result<DischargePreview, Problem> {
    let (_, zone) = dischargeable(conn, caller, patient_id, on)?;
    let day_end = day_after(zone, on)?;
    let cancelled: i64 = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM appointment WHERE {LATER_BOOKED}"
        ))?
        .query_row(params![patient_id, day_end.timestamp()], |row| row.get(0))?;
    let programs = conn
        .prepare_cached(
            "SELECT g.name FROM program_member m JOIN program g ON g.id = m.program_id
             WHERE m.patient_id = ?1 ORDER BY g.name, g.id",
        )?
        .query_map([patient_id], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(DischargePreview {
        cancelled: usize::try_from(cancelled).unwrap_or(0),
        programs,
    })
}

/// Discharges the patient on `on` (administrators): the open period ends that day, aftercare starts,
/// check-ins are booked 30, 60 and 90 days later at `check_in_time` in the program's zone, the patient
/// leaves the program's future sessions (their later appointments become cancelled) and its membership.
pub fn discharge(
    conn: &Connection,
    caller: &Caller,
    patient_id: i64,
    on: NaiveDate,
    check_in_time: NaiveTime,
    now: DateTime<Utc>,
) -> Result<Discharged, Problem> {
    let (last, zone) = dischargeable(conn, caller, patient_id, on)?;
    close(conn, last.id, on, now)?;
    let aftercare_episode = insert(
        conn,
        caller,
        patient_id,
        last.program_id,
        LevelOfCare::Aftercare,
        None,
        on,
        now,
    )?;
    let day_end = day_after(zone, on)?;
    let cancelled = conn.execute(
        &format!(
            "UPDATE appointment SET status = 'cancelled', cancelled_reason = ?3 WHERE {LATER_BOOKED}"
        ),
        params![patient_id, day_end.timestamp(), DISCHARGE_REASON],
    )?;
    let touched: Vec<i64> = conn
        .prepare_cached(
            "SELECT a.id FROM appointment a JOIN session s ON s.id = a.session_id
             WHERE a.patient_id = ?1 AND a.status = 'cancelled' AND s.start_at >= ?2",
        )?
        .query_map(params![patient_id, day_end.timestamp()], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    for id in touched {
        crate::appointment::touch(conn, id, now)?;
    }
    conn.execute(
        "DELETE FROM program_member WHERE patient_id = ?1",
        [patient_id],
    )?;
    let mut check_ins = Vec::new();
    for days in AFTERCARE_DAYS {
        let day = on + Duration::days(days);
        let start = zone
            .from_local_datetime(&day.and_time(check_in_time))
            .earliest()
            .ok_or(Problem::Invalid(
                "the check-in time does not exist in the zone on one of the days".into(),
            ))?
            .with_timezone(&Utc);
        let end = start + Duration::minutes(CHECK_IN_MINUTES);
        conn.execute(
            "INSERT INTO session (program_id, start_at, end_at, kind, topic) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                last.program_id,
                start.timestamp(),
                end.timestamp(),
                SessionKind::AftercareCheckIn.code(),
                format!("{days}-day aftercare check-in")
            ],
        )?;
        let session_id = conn.last_insert_rowid();
        crate::program::book(conn, session_id, patient_id, now)?;
        check_ins.push(session_id);
    }
    Ok(Discharged {
        aftercare_episode,
        check_ins,
        cancelled,
    })
}

/// The patient's course as FHIR EpisodeOfCare resources, for the patient's own device or a caller who
/// may care for them. `today` decides each episode's status.
pub fn episodes(
    conn: &Connection,
    caller: &Caller,
    patient_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<EpisodeOfCare>, Problem> {
    match caller {
        Caller::Device { .. } => crate::access::may_see_patient_records(conn, caller, patient_id)?,
        _ => crate::access::may_care_for(conn, caller, patient_id)?,
    }
    let clinic_id = crate::patient::clinic_of(conn, patient_id)?;
    let mut episodes = Vec::new();
    for period in periods(conn, patient_id)? {
        let (_, zone) = program_clinic(conn, period.program_id)?;
        let today = now.with_timezone(&zone).date_naive();
        let mut episode = EpisodeOfCare::new(
            &period.id.to_string(),
            period.status_on(today),
            period.level,
            &patient_id.to_string(),
            period.from,
        )
        .with_target(period.weekly_target_minutes)
        .in_zone(zone.name())
        .managed_by(&clinic_id.to_string())
        .ending(period.until);
        episode.meta = Some(Meta {
            version_id: Some(period.version.to_string()),
            last_updated: DateTime::from_timestamp_millis(period.updated_at_ms),
        });
        episodes.push(episode);
    }
    Ok(episodes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    fn setup() -> (tempfile::TempDir, Connection, i64, i64, DateTime<Utc>) {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::store::open(&dir.path().join("data").join("clinic.db")).unwrap();
        let now: DateTime<Utc> = "2026-02-01T12:00:00Z".parse().unwrap();
        let clinic = crate::staff::create_clinic(&conn, &Caller::Operator, "Harbor", now).unwrap();
        let patient =
            crate::patient::create(&conn, &Caller::Operator, clinic, "Sam", "Rivera", now).unwrap();
        let program =
            crate::program::create(&conn, &Caller::Operator, clinic, "IOP", "America/Chicago")
                .unwrap();
        (dir, conn, patient, program, now)
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_step_down_closes_the_previous_period_and_refuses_earlier_dates() {
        let (_dir, conn, patient, program, now) = setup();
        let change = |level, target, from: &str| LevelChange {
            program_id: program,
            level,
            weekly_target_minutes: target,
            from: day(from),
        };
        set_level(
            &conn,
            &Caller::Operator,
            patient,
            &change(LevelOfCare::Iop, None, "2026-02-02"),
            now,
        )
        .unwrap();
        assert_eq!(
            set_level(
                &conn,
                &Caller::Operator,
                patient,
                &change(LevelOfCare::Outpatient, Some(180), "2026-01-30"),
                now
            ),
            Err(Problem::Invalid(
                "the change is dated before the program start".into()
            ))
        );
        assert!(set_level(
            &conn,
            &Caller::Operator,
            patient,
            &change(LevelOfCare::Outpatient, None, "2026-03-02"),
            now
        )
        .is_err());
        set_level(
            &conn,
            &Caller::Operator,
            patient,
            &change(LevelOfCare::Outpatient, Some(180), "2026-03-02"),
            now,
        )
        .unwrap();
        let course = periods(&conn, patient).unwrap();
        assert_eq!(course.len(), 2);
        assert_eq!(course[0].until, Some(day("2026-03-01")));
        assert_eq!(course[0].weekly_target_minutes, Some(540));
        assert_eq!(
            target_on(&conn, patient, day("2026-03-01")).unwrap(),
            Some(540)
        );
        assert_eq!(
            target_on(&conn, patient, day("2026-03-02")).unwrap(),
            Some(180)
        );
        assert_eq!(
            course[1].status_on(day("2026-02-10")),
            EpisodeStatus::Planned
        );
    }

    #[test]
    fn discharge_books_check_ins_at_the_same_local_time_across_daylight_saving() {
        let (_dir, conn, patient, program, now) = setup();
        let change = LevelChange {
            program_id: program,
            level: LevelOfCare::Iop,
            weekly_target_minutes: None,
            from: day("2026-02-02"),
        };
        set_level(&conn, &Caller::Operator, patient, &change, now).unwrap();
        let ten = NaiveTime::from_hms_opt(10, 0, 0).unwrap();
        // 30 days after 20 February is 22 March, after the US change to daylight time on 8 March.
        let done = discharge(
            &conn,
            &Caller::Operator,
            patient,
            day("2026-02-20"),
            ten,
            now,
        )
        .unwrap();
        assert_eq!(done.check_ins.len(), 3);
        let zone: Tz = "America/Chicago".parse().unwrap();
        for (session, days) in done.check_ins.iter().zip(AFTERCARE_DAYS) {
            let start: i64 = conn
                .query_row(
                    "SELECT start_at FROM session WHERE id = ?1",
                    [session],
                    |row| row.get(0),
                )
                .unwrap();
            let local = DateTime::from_timestamp(start, 0)
                .unwrap()
                .with_timezone(&zone);
            assert_eq!(local.date_naive(), day("2026-02-20") + Duration::days(days));
            assert_eq!((local.hour(), local.minute()), (10, 0));
        }
        let course = periods(&conn, patient).unwrap();
        assert_eq!(course.last().unwrap().level, LevelOfCare::Aftercare);
        assert_eq!(course[0].until, Some(day("2026-02-20")));
        assert_eq!(
            discharge(
                &conn,
                &Caller::Operator,
                patient,
                day("2026-02-21"),
                ten,
                now
            ),
            Err(Problem::Conflict("the patient has been discharged"))
        );
    }
}
