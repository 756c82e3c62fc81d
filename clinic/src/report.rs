//! What needs attention and what was delivered: the worklist and the attendance report (CSV) for
//! utilization review. Hours follow `tideline_wire::care::attended_minutes`, the rule the app uses.

use std::collections::BTreeMap;

use crate::db::{params, Connection};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::Serialize;
use tideline_wire::care::{attended_minutes, counts_toward_schedule, Attendance};
use tideline_wire::AppointmentStatus;

use crate::access::Caller;
use crate::attendance::monday_of;
use crate::problem::Problem;
use crate::sessions::SessionSummary;

/// A patient on the worklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PatientLine {
    /// Patient id.
    pub patient_id: i64,
    /// Name.
    pub name: String,
    /// Minutes attended this week.
    pub attended_minutes: i64,
    /// Target this week.
    pub target_minutes: Option<u32>,
}

/// A missed session or an unanswered invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentLine {
    /// Appointment id.
    pub appointment_id: i64,
    /// Session id.
    pub session_id: i64,
    /// Patient id.
    pub patient_id: i64,
    /// Name.
    pub name: String,
    /// The program.
    pub program: String,
    /// Session start.
    pub start: DateTime<Utc>,
    /// The program's zone.
    pub time_zone: String,
}

/// The worklist: what staff should look at today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Worklist {
    /// Patients below their weekly target this week.
    pub below_target: Vec<PatientLine>,
    /// Sessions missed (no-show) in the last 7 days.
    pub missed: Vec<AppointmentLine>,
    /// Invitations for the next 24 hours nobody has answered.
    pub unanswered: Vec<AppointmentLine>,
    /// Sessions that ended without attendance recorded for everyone.
    pub unrecorded: Vec<SessionSummary>,
}

fn visible_patients(
    conn: &Connection,
    caller: &Caller,
    clinic_id: i64,
) -> Result<Vec<(i64, String)>, Problem> {
    caller.may_manage(clinic_id)?;
    let counselor = match caller {
        Caller::Staff {
            staff_id,
            admin: false,
            ..
        } => Some(*staff_id),
        _ => None,
    };
    let rows = conn
        .prepare_cached(
            "SELECT p.id, p.given_name || ' ' || p.family_name FROM patient p
             WHERE p.clinic_id = ?1 AND p.active = 1 AND (CAST(?2 AS BIGINT) IS NULL OR EXISTS (SELECT 1 FROM
               care_team_member m WHERE m.patient_id = p.id AND m.staff_id = ?2))
             ORDER BY p.family_name, p.given_name, p.id",
        )?
        .query_map(params![clinic_id, counselor], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

fn appointment_lines(
    conn: &Connection,
    patients: &[(i64, String)],
    condition: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<AppointmentLine>, Problem> {
    let sql = format!(
        "SELECT a.id, s.id, g.name, s.start_at, g.time_zone FROM appointment a
         JOIN session s ON s.id = a.session_id JOIN program g ON g.id = s.program_id
         WHERE a.patient_id = ?1 AND s.start_at >= ?2 AND s.start_at < ?3 AND {condition}
         ORDER BY s.start_at"
    );
    let mut lines = Vec::new();
    let mut statement = conn.prepare_cached(&sql)?;
    for (patient_id, name) in patients {
        let rows = statement.query_map(
            params![patient_id, from.timestamp(), to.timestamp()],
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, i64>(3)?,
                    row.get::<_, String>(4)?,
                ))
            },
        )?;
        for row in rows {
            let (appointment_id, session_id, program, start, time_zone) = row?;
            lines.push(AppointmentLine {
                appointment_id,
                session_id,
                patient_id: *patient_id,
                name: name.clone(),
                program,
                start: DateTime::from_timestamp(start, 0).ok_or(Problem::Internal)?,
                time_zone,
            });
        }
    }
    lines.sort_by_key(|line| line.start);
    Ok(lines)
}

/// The clinic's worklist as `caller` sees it (a counselor: their care-team patients).
pub fn worklist(
    conn: &Connection,
    caller: &Caller,
    clinic_id: i64,
    now: DateTime<Utc>,
) -> Result<Worklist, Problem> {
    let patients = visible_patients(conn, caller, clinic_id)?;
    let mut below_target = Vec::new();
    for (patient_id, name) in &patients {
        let attendance = crate::attendance::for_patient(conn, *patient_id, now)?;
        let Some(first) = attendance.visits.first() else {
            continue;
        };
        let today = now.with_timezone(&first.start.timezone()).date_naive();
        let target = crate::course::target_on(conn, *patient_id, today)?;
        let Some(target_minutes) = target else {
            continue;
        };
        let attended = attendance
            .week_of(today)
            .map_or(0, |week| week.attended_minutes);
        if attended < i64::from(target_minutes) {
            below_target.push(PatientLine {
                patient_id: *patient_id,
                name: name.clone(),
                attended_minutes: attended,
                target_minutes: Some(target_minutes),
            });
        }
    }
    let missed = appointment_lines(
        conn,
        &patients,
        "a.status = 'noshow'",
        now - Duration::days(7),
        now,
    )?;
    let unanswered = appointment_lines(
        conn,
        &patients,
        "a.participant_status = 'needs-action' AND a.status = 'booked'",
        now,
        now + Duration::hours(24),
    )?;
    let unrecorded =
        crate::sessions::between(conn, caller, clinic_id, None, now - Duration::days(14), now)?
            .into_iter()
            .filter(|session| {
                session.end <= now && session.cancelled_reason.is_none() && session.unrecorded > 0
            })
            .collect();
    Ok(Worklist {
        below_target,
        missed,
        unanswered,
        unrecorded,
    })
}

/// One row of the attendance report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportRow {
    /// Patient name.
    pub patient: String,
    /// The Monday of the week.
    pub week: NaiveDate,
    /// Minutes scheduled (not counting cancelled sessions).
    pub scheduled_minutes: u32,
    /// Minutes attended.
    pub attended_minutes: u32,
    /// Target in force.
    pub target_minutes: Option<u32>,
}

impl ReportRow {
    /// Whether the target was met (`None` without a target).
    pub fn met(&self) -> Option<bool> {
        self.target_minutes
            .map(|target| self.attended_minutes >= target)
    }
}

/// The attendance report for one program and the days `[from, to]` in its zone, per patient and week;
/// administrators. Refused when `to` is before `from` or the range is over a year.
pub fn attendance_report(
    conn: &Connection,
    caller: &Caller,
    program_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<ReportRow>, Problem> {
    let (clinic_id, zone) = crate::program::program_clinic(conn, program_id)?;
    caller.may_administer(clinic_id)?;
    if to < from {
        return Err(Problem::Invalid(
            "the end date is before the start date".into(),
        ));
    }
    if (to - from).num_days() > 366 {
        return Err(Problem::Invalid("a report covers at most a year".into()));
    }
    let instant = |day: NaiveDate| -> Result<DateTime<Utc>, Problem> {
        Ok(zone
            .from_local_datetime(&day.and_time(NaiveTime::MIN))
            .earliest()
            .ok_or(Problem::Internal)?
            .with_timezone(&Utc))
    };
    let (start, end) = (instant(from)?, instant(to + Duration::days(1))?);
    let mut statement = conn.prepare_cached(
        "SELECT a.patient_id, p.family_name || ', ' || p.given_name, s.start_at, s.end_at, a.status,
           a.attendance, a.attendance_minutes
         FROM appointment a JOIN session s ON s.id = a.session_id JOIN patient p ON p.id = a.patient_id
         WHERE s.program_id = ?1 AND s.start_at >= ?2 AND s.start_at < ?3",
    )?;
    let rows = statement.query_map(
        params![program_id, start.timestamp(), end.timestamp()],
        |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, i64>(2)?,
                row.get::<_, i64>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, Option<String>>(5)?,
                row.get::<_, Option<u32>>(6)?,
            ))
        },
    )?;
    let mut weeks: BTreeMap<(String, i64, NaiveDate), (u32, u32)> = BTreeMap::new();
    for row in rows {
        let (patient_id, name, start_at, end_at, status, mark, minutes) = row?;
        let status = AppointmentStatus::from_code(&status).ok_or(Problem::Internal)?;
        if !counts_toward_schedule(status) {
            continue;
        }
        let mark = match mark {
            Some(mark) => Some(Attendance::from_parts(&mark, minutes).ok_or(Problem::Internal)?),
            None => None,
        };
        let scheduled = u32::try_from((end_at - start_at) / 60).unwrap_or(0);
        let day = DateTime::from_timestamp(start_at, 0)
            .ok_or(Problem::Internal)?
            .with_timezone(&zone)
            .date_naive();
        let entry = weeks.entry((name, patient_id, monday_of(day))).or_default();
        entry.0 += scheduled;
        entry.1 += attended_minutes(scheduled, status, mark);
    }
    let mut report = Vec::new();
    for ((patient, patient_id, week), (scheduled_minutes, attended)) in weeks {
        let judged_on = (week + Duration::days(6)).min(to);
        report.push(ReportRow {
            patient,
            week,
            scheduled_minutes,
            attended_minutes: attended,
            target_minutes: crate::course::target_on(conn, patient_id, judged_on)?,
        });
    }
    Ok(report)
}

/// The report as CSV (RFC 4180): a header line, then one line per patient and week. Hours have two
/// decimals. A cell starting with `=`, `+`, `-` or `@` is prefixed with `'` so spreadsheets do not
/// run it as a formula.
pub fn report_csv(rows: &[ReportRow]) -> String {
    let mut csv = String::from("patient,week,scheduled_hours,attended_hours,target_hours,met\r\n");
    let hours = |minutes: u32| format!("{:.2}", f64::from(minutes) / 60.0);
    for row in rows {
        let cells = [
            cell(&row.patient),
            row.week.to_string(),
            hours(row.scheduled_minutes),
            hours(row.attended_minutes),
            row.target_minutes.map(hours).unwrap_or_default(),
            match row.met() {
                Some(true) => "yes".into(),
                Some(false) => "no".into(),
                None => String::new(),
            },
        ];
        csv.push_str(&cells.join(","));
        csv.push_str("\r\n");
    }
    csv
}

fn cell(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let rows = vec![ReportRow {
            patient: "=Rivera, \"Sam\"".into(),
            week: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            scheduled_minutes: 540,
            attended_minutes: 520,
            target_minutes: Some(540),
        }];
        assert_eq!(
            report_csv(&rows),
            "patient,week,scheduled_hours,attended_hours,target_hours,met\r\n\"'=Rivera, \"\"Sam\"\"\",2026-03-02,9.00,8.67,9.00,no\r\n"
        );
    }
}
