//! Attendance as a therapist reads it: hours attended per week against the intensive-outpatient minimum,
//! and sessions attended and missed.
//!
//! Hours follow the one rule shared with the app, `tideline_wire::care::attended_minutes` (late and
//! left-early minutes are not counted; cancelled sessions are not owed). The weekly target follows the
//! patient's level of care (`crate::course`). Weeks run Monday to Sunday in the program's own time zone,
//! so an evening group never spills into the next week.

use std::collections::BTreeMap;

use crate::db::{params, Connection};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use tideline_wire::care::{attended_minutes, counts_toward_schedule, CareLevel};
use tideline_wire::AppointmentStatus;

use crate::problem::Problem;

/// Intensive outpatient treatment means at least 9 hours of services a week (ASAM level 2.1).
pub const WEEKLY_MINIMUM_MINUTES: i64 = 9 * 60;

/// One of a patient's appointments, as attendance needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    /// The program's name.
    pub program: String,
    /// When the session starts, in the program's zone.
    pub start: DateTime<Tz>,
    /// Its scheduled length.
    pub minutes: i64,
    /// The FHIR Appointment status.
    pub status: AppointmentStatus,
    /// Staff's attendance mark.
    pub attendance: Option<tideline_wire::care::Attendance>,
}

/// One week's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Week {
    /// The Monday that starts it.
    pub monday: NaiveDate,
    /// Minutes attended, by the shared hours rule.
    pub attended_minutes: i64,
    /// The weekly target in force that week (`None`: no course recorded, or aftercare).
    pub target_minutes: Option<u32>,
    /// Minutes scheduled (any status but cancelled or entered-in-error).
    pub scheduled_minutes: i64,
    /// Sessions attended (at least in part).
    pub attended: u32,
    /// No-shows (excused or not).
    pub missed: u32,
}

impl Week {
    /// The target the week is held to: the level's, else the intensive-outpatient minimum.
    pub fn target(&self) -> i64 {
        self.target_minutes
            .map_or(WEEKLY_MINIMUM_MINUTES, i64::from)
    }

    /// Whether the week reached its target.
    pub fn meets_minimum(&self) -> bool {
        self.attended_minutes >= self.target()
    }
}

/// A patient's attendance.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Attendance {
    /// Every appointment, oldest first.
    pub visits: Vec<Visit>,
    /// Weeks that have started by `now` and hold at least one appointment, oldest first.
    pub weeks: Vec<Week>,
}

impl Attendance {
    /// Fulfilled sessions in total.
    pub fn attended(&self) -> u32 {
        self.weeks.iter().map(|week| week.attended).sum()
    }

    /// No-shows in total.
    pub fn missed(&self) -> u32 {
        self.weeks.iter().map(|week| week.missed).sum()
    }

    /// The week containing `today`, if it has appointments.
    pub fn week_of(&self, today: NaiveDate) -> Option<&Week> {
        self.weeks
            .iter()
            .find(|week| week.monday == monday_of(today))
    }
}

/// The Monday on or before `day`.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Reads a patient's appointments and sums them by week. The caller has already checked access.
pub fn for_patient(
    conn: &Connection,
    patient_id: i64,
    now: DateTime<Utc>,
) -> Result<Attendance, Problem> {
    let mut statement = conn.prepare_cached(
        "SELECT g.name, g.time_zone, s.start_at, s.end_at, a.status, a.attendance, a.attendance_minutes
         FROM appointment a JOIN session s ON s.id = a.session_id JOIN program g ON g.id = s.program_id
         WHERE a.patient_id = ?1 ORDER BY s.start_at, a.id",
    )?;
    let rows = statement.query_map(params![patient_id], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, i64>(2)?,
            row.get::<_, i64>(3)?,
            row.get::<_, String>(4)?,
            row.get::<_, Option<String>>(5)?,
            row.get::<_, Option<u32>>(6)?,
        ))
    })?;
    let mut visits = Vec::new();
    for row in rows {
        let (program, zone, start_at, end_at, status, mark, mark_minutes) = row?;
        let zone: Tz = zone.parse().map_err(|_| Problem::Internal)?;
        let start = DateTime::from_timestamp(start_at, 0)
            .ok_or(Problem::Internal)?
            .with_timezone(&zone);
        visits.push(Visit {
            program,
            start,
            minutes: (end_at - start_at) / 60,
            status: AppointmentStatus::from_code(&status).ok_or(Problem::Internal)?,
            attendance: match mark {
                Some(mark) => Some(
                    tideline_wire::care::Attendance::from_parts(&mark, mark_minutes)
                        .ok_or(Problem::Internal)?,
                ),
                None => None,
            },
        });
    }
    let course: Vec<CareLevel> = crate::course::periods(conn, patient_id)?
        .iter()
        .map(crate::course::Period::care_level)
        .collect();
    Ok(summarize(visits, &course, now))
}

/// Sums visits by week (pure; [`for_patient`] reads them). Each week is held to the target in force
/// on its last day, or today for the current week.
pub fn summarize(visits: Vec<Visit>, course: &[CareLevel], now: DateTime<Utc>) -> Attendance {
    let mut weeks: BTreeMap<NaiveDate, Week> = BTreeMap::new();
    for visit in &visits {
        let local_day = visit.start.date_naive();
        let monday = monday_of(local_day);
        if monday > monday_of(now.with_timezone(&visit.start.timezone()).date_naive()) {
            continue;
        }
        let today = now.with_timezone(&visit.start.timezone()).date_naive();
        let judged_on = (monday + Duration::days(6)).min(today);
        let week = weeks.entry(monday).or_insert(Week {
            monday,
            attended_minutes: 0,
            target_minutes: tideline_wire::care::current_level(course, judged_on)
                .and_then(|level| level.weekly_target_minutes),
            scheduled_minutes: 0,
            attended: 0,
            missed: 0,
        });
        if !counts_toward_schedule(visit.status) {
            continue;
        }
        week.scheduled_minutes += visit.minutes;
        let scheduled = u32::try_from(visit.minutes).unwrap_or(0);
        let attended = attended_minutes(scheduled, visit.status, visit.attendance);
        week.attended_minutes += i64::from(attended);
        match (visit.status, visit.attendance) {
            (_, Some(mark)) if mark.was_present() => week.attended += 1,
            (_, Some(_)) | (AppointmentStatus::Noshow, None) => week.missed += 1,
            (_, None) if attended > 0 => week.attended += 1,
            _ => {}
        }
    }
    Attendance {
        visits,
        weeks: weeks.into_values().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn visit(day: u32, hour: u32, minutes: i64, status: &str) -> Visit {
        let zone: Tz = "America/Chicago".parse().unwrap();
        Visit {
            program: "IOP".into(),
            start: zone.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap(),
            minutes,
            status: AppointmentStatus::from_code(status).unwrap(),
            attendance: None,
        }
    }

    #[test]
    fn late_minutes_are_not_counted_and_the_target_follows_the_level() {
        use tideline_wire::care::{Attendance as Mark, LevelOfCare};
        let mut late = visit(2, 18, 180, "fulfilled");
        late.attendance = Some(Mark::Late { minutes: 20 });
        let mut excused = visit(4, 18, 180, "noshow");
        excused.attendance = Some(Mark::Excused);
        let course = vec![
            CareLevel {
                level: LevelOfCare::Iop,
                weekly_target_minutes: Some(540),
                from: NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(),
            },
            CareLevel {
                level: LevelOfCare::Outpatient,
                weekly_target_minutes: Some(150),
                from: NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
            },
        ];
        let now: DateTime<Utc> = "2026-03-05T00:00:00Z".parse().unwrap();
        let attendance = summarize(vec![late, excused], &course, now);
        let week = &attendance.weeks[0];
        assert_eq!(week.attended_minutes, 160);
        assert_eq!(week.scheduled_minutes, 360);
        assert_eq!((week.attended, week.missed), (1, 1));
        assert_eq!(week.target_minutes, Some(150), "stepped down this week");
        assert!(week.meets_minimum());
    }

    #[test]
    fn hours_count_fulfilled_sessions_only_and_weeks_start_on_monday_locally() {
        // 2026-03-02 is a Monday. Sunday 8 March 22:00 Chicago is Monday in UTC but the same local week.
        let visits = vec![
            visit(2, 18, 180, "fulfilled"),
            visit(4, 18, 180, "fulfilled"),
            visit(6, 18, 180, "noshow"),
            visit(8, 22, 60, "fulfilled"),
            visit(9, 18, 180, "fulfilled"),
            visit(11, 18, 180, "cancelled"),
        ];
        let now: DateTime<Utc> = "2026-03-12T00:00:00Z".parse().unwrap();
        let attendance = summarize(visits, &[], now);
        assert_eq!(attendance.weeks.len(), 2);
        let first = &attendance.weeks[0];
        assert_eq!(first.monday, NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
        assert_eq!(
            first.attended_minutes, 420,
            "two 3-hour sessions and the Sunday hour"
        );
        assert_eq!((first.attended, first.missed), (3, 1));
        assert!(
            !first.meets_minimum(),
            "7 hours is under the 9-hour minimum"
        );
        assert_eq!(
            attendance.weeks[1].scheduled_minutes, 180,
            "cancelled sessions are not owed"
        );
        assert_eq!((attendance.attended(), attendance.missed()), (4, 1));
    }

    #[test]
    fn future_weeks_are_left_out() {
        let now: DateTime<Utc> = "2026-03-03T00:00:00Z".parse().unwrap();
        let attendance = summarize(
            vec![visit(2, 18, 180, "booked"), visit(16, 18, 180, "booked")],
            &[],
            now,
        );
        assert_eq!(attendance.weeks.len(), 1);
    }
}
