//! The treatment program and the patient's progress through it.
//!
//! Progress is derived, never stored: it is recomputed from the program settings, the sessions and
//! "now", so it can never drift from the sessions it summarizes. Nothing in it resets: a lapse changes
//! no figure here, because recovery is not linear and progress is never punishment.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::Invalid;
use crate::session::{ClinicSession, SessionKind};
use crate::time::{Stamp, Zone};

/// ASAM Level 2.1 (intensive outpatient) means at least 9 hours of treatment a week for adults.
pub const ASAM_IOP_WEEKLY_HOURS: f64 = 9.0;

/// The program as the patient set it up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/lib/generated/")]
pub struct ProgramSettings {
    /// The first day of the program (day 1).
    pub start_date: NaiveDate,
    /// The zone the program's days and weeks are counted in.
    pub zone: Zone,
    /// The weekly hours to aim for; 9 by default (ASAM Level 2.1). Adolescent programs use 6.
    #[serde(default = "default_weekly_goal")]
    pub weekly_goal_hours: f64,
}

fn default_weekly_goal() -> f64 {
    ASAM_IOP_WEEKLY_HOURS
}

impl ProgramSettings {
    /// A program starting on `start_date` in `zone` with the default 9-hour weekly goal.
    pub fn new(start_date: NaiveDate, zone: Zone) -> Self {
        Self {
            start_date,
            zone,
            weekly_goal_hours: ASAM_IOP_WEEKLY_HOURS,
        }
    }

    /// Checks the weekly goal: more than zero and no more than the hours in a week.
    pub fn validate(&self) -> Result<(), Invalid> {
        let g = self.weekly_goal_hours;
        if !g.is_finite() || g <= 0.0 || g > 168.0 {
            return Err(Invalid::new(
                "weeklyGoalHours",
                "must be more than 0 and at most 168",
            ));
        }
        Ok(())
    }
}

/// The next session the patient is expected at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/lib/generated/")]
pub struct UpcomingSession {
    /// The session's record id.
    pub id: String,
    /// When it starts.
    pub start: Stamp,
    /// What kind of session.
    pub kind: SessionKind,
}

/// Progress through the program at one moment. Derived, never stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/lib/generated/")]
pub struct Progress {
    /// Day N of the program (day 1 is the start date); absent before the program starts.
    pub day_of_program: Option<u32>,
    /// The Monday of the current calendar week, in the program's zone.
    pub week_start: NaiveDate,
    /// Hours of sessions attended this calendar week (Monday to Sunday).
    pub hours_this_week: f64,
    /// The weekly goal.
    pub weekly_goal_hours: f64,
    /// Sessions attended since the program began (arrived, checked in or fulfilled).
    pub sessions_attended: u32,
    /// Sessions recorded as missed (FHIR `noshow`).
    pub sessions_missed: u32,
    /// The next session the patient is expected at, if any.
    pub next_session: Option<UpcomingSession>,
    /// One plain sentence about where the patient stands.
    pub summary: String,
}

impl Progress {
    /// Progress at `now`, from the program and every session the patient has (`(record id, session)`).
    ///
    /// A session counts as attended when its status is `arrived`, `checked-in` or `fulfilled` (see
    /// [`crate::session::AppointmentStatus::is_attended`]); its full scheduled length counts towards
    /// the week its start falls in, in the program's zone. Sessions cancelled or entered in error
    /// count for nothing.
    pub fn derive(
        program: &ProgramSettings,
        sessions: &[(String, &ClinicSession)],
        now: DateTime<Utc>,
    ) -> Self {
        let zone = program.zone;
        let today = zone.local_date(now);
        let day_of_program = (today >= program.start_date).then(|| {
            u32::try_from((today - program.start_date).num_days() + 1).unwrap_or(u32::MAX)
        });
        let week_start = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
        let week_end = week_start + Duration::days(7);

        let mut hours_this_week = 0.0;
        let mut sessions_attended = 0u32;
        let mut sessions_missed = 0u32;
        let mut next: Option<(&String, &ClinicSession)> = None;
        for (id, s) in sessions {
            if s.status.is_attended() {
                sessions_attended += 1;
                let day = zone.local_date(s.start.utc);
                if day >= week_start && day < week_end {
                    hours_this_week += s.hours();
                }
            } else if s.status == crate::session::AppointmentStatus::Noshow {
                sessions_missed += 1;
            }
            if s.is_upcoming(now)
                && next.is_none_or(|(nid, n)| (s.start.utc, id) < (n.start.utc, nid))
            {
                next = Some((id, s));
            }
        }
        let summary = Self::sentence(day_of_program, hours_this_week, program);
        Self {
            day_of_program,
            week_start,
            hours_this_week,
            weekly_goal_hours: program.weekly_goal_hours,
            sessions_attended,
            sessions_missed,
            next_session: next.map(|(id, s)| UpcomingSession {
                id: id.clone(),
                start: s.start,
                kind: s.kind,
            }),
            summary,
        }
    }

    fn sentence(day: Option<u32>, hours: f64, program: &ProgramSettings) -> String {
        let hours = format_hours(hours);
        let goal = format_hours(program.weekly_goal_hours);
        match day {
            None => format!(
                "Your program starts on {}.",
                program.start_date.format("%A, %B %-d")
            ),
            Some(d) => format!("Day {d} of your program. {hours} of {goal} hours this week."),
        }
    }
}

/// Hours for a sentence: whole numbers without a decimal, otherwise one decimal ("7.5").
pub(crate) fn format_hours(h: f64) -> String {
    // Adding 0.0 turns a negative zero into 0, so nothing prints "-0".
    let tenths = (h * 10.0).round() / 10.0 + 0.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}")
    } else {
        format!("{tenths:.1}")
    }
}
