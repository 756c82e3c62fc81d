//! The treatment program and the patient's progress through it.
//!
//! Progress is derived, never stored: it is recomputed from the program settings, the sessions and
//! "now", so it can never drift from the sessions it summarizes. Nothing in it resets: a lapse changes
//! no figure here, because recovery is not linear and progress is never punishment.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tideline_wire::care::{current_level, CareLevel, LevelOfCare};

use crate::error::Invalid;
use crate::language::{decimal, long_date, t, tr, Arg, Lang};
use crate::session::{ClinicSession, SessionKind};
use crate::time::{Stamp, Zone};

/// The program as the patient set it up. Connected to a clinic, the level of care and weekly target
/// come from the clinic instead (see [`crate::care`]); these stay the patient's own.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct ProgramSettings {
    /// The first day of the program (day 1).
    pub start_date: NaiveDate,
    /// The zone the program's days and weeks are counted in.
    pub zone: Zone,
    /// The level of care, as the patient set it (intensive outpatient by default).
    pub level: LevelOfCare,
    /// The weekly target in minutes: required for outpatient care (under 9 hours), none in
    /// aftercare; for the other levels absent means the level's minimum.
    pub weekly_target_minutes: Option<u32>,
}

/// A stored program in any shape it has had: before issue 10 it had `weeklyGoalHours` (always 9 from
/// the app) and no level.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredProgram {
    start_date: NaiveDate,
    zone: Zone,
    #[serde(default)]
    level: Option<LevelOfCare>,
    #[serde(default)]
    weekly_target_minutes: Option<u32>,
    #[serde(default)]
    weekly_goal_hours: Option<f64>,
}

impl<'de> Deserialize<'de> for ProgramSettings {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        StoredProgram::deserialize(d).map(Self::from)
    }
}

impl From<StoredProgram> for ProgramSettings {
    fn from(stored: StoredProgram) -> Self {
        let (level, weekly_target_minutes) = match (stored.level, stored.weekly_goal_hours) {
            (Some(level), _) => (level, stored.weekly_target_minutes),
            (None, Some(hours)) => legacy_level(hours),
            (None, None) => (LevelOfCare::Iop, None),
        };
        Self {
            start_date: stored.start_date,
            zone: stored.zone,
            level,
            weekly_target_minutes,
        }
    }
}

/// The level an old record's goal hours stood for: 6 is the adolescent minimum, under 9 outpatient,
/// 20 or more partial hospitalization, anything else intensive outpatient with that target.
fn legacy_level(hours: f64) -> (LevelOfCare, Option<u32>) {
    let minutes = if hours.is_finite() && hours > 0.0 {
        (hours * 60.0).round().min(f64::from(u32::MAX)) as u32
    } else {
        return (LevelOfCare::Iop, None);
    };
    let level = match minutes {
        360 => LevelOfCare::IopAdolescent,
        0..540 => LevelOfCare::Outpatient,
        1200.. => LevelOfCare::PartialHospitalization,
        _ => LevelOfCare::Iop,
    };
    let target = level
        .validate_target(Some(minutes))
        .ok()
        .flatten()
        .filter(|m| Some(*m) != level.default_weekly_target_minutes());
    (level, target)
}

impl ProgramSettings {
    /// A program starting on `start_date` in `zone`, at intensive outpatient care (9 hours a week).
    pub fn new(start_date: NaiveDate, zone: Zone) -> Self {
        Self {
            start_date,
            zone,
            level: LevelOfCare::Iop,
            weekly_target_minutes: None,
        }
    }

    /// Checks the weekly target against the level's rule ([`LevelOfCare::validate_target`]).
    pub fn validate(&self) -> Result<(), Invalid> {
        self.level
            .validate_target(self.weekly_target_minutes)
            .map(|_| ())
            .map_err(|_| Invalid::new("weeklyTargetMinutes", target_problem(self.level)))
    }

    /// The level as one period of care, from the program's start.
    pub fn as_care_level(&self) -> CareLevel {
        CareLevel {
            level: self.level,
            weekly_target_minutes: self
                .level
                .validate_target(self.weekly_target_minutes)
                .ok()
                .flatten(),
            from: self.start_date,
        }
    }
}

/// A fixed sentence for a target that does not fit its level.
fn target_problem(level: LevelOfCare) -> &'static str {
    match level {
        LevelOfCare::Outpatient => "an outpatient target is more than 0 and under 9 hours",
        LevelOfCare::Aftercare => "aftercare has no weekly hours",
        LevelOfCare::Iop => "intensive outpatient care is at least 9 hours a week",
        LevelOfCare::IopAdolescent => {
            "adolescent intensive outpatient care is at least 6 hours a week"
        }
        LevelOfCare::PartialHospitalization => {
            "partial hospitalization is at least 20 hours a week"
        }
    }
}

/// The next session the patient is expected at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
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
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct Progress {
    /// Day N of the program (day 1 is the start date); absent before the program starts.
    pub day_of_program: Option<u32>,
    /// The Monday of the current calendar week, in the program's zone.
    pub week_start: NaiveDate,
    /// Hours attended this calendar week (Monday to Sunday), by the one hours rule
    /// ([`tideline_wire::care::attended_minutes`]): late and left-early minutes do not count.
    pub hours_this_week: f64,
    /// The level of care in force today.
    pub level: LevelOfCare,
    /// Whether the clinic set the level and target (the patient cannot change them here).
    pub set_by_clinic: bool,
    /// This week's target in hours; absent in aftercare, which counts no hours.
    pub weekly_target_hours: Option<f64>,
    /// Sessions attended since the program began (the clinic's record, or the patient's own mark).
    pub sessions_attended: u32,
    /// Sessions recorded as missed.
    pub sessions_missed: u32,
    /// The next session the patient is expected at, if any.
    pub next_session: Option<UpcomingSession>,
    /// In aftercare: the next check-in, if one is scheduled.
    pub next_check_in: Option<UpcomingSession>,
    /// The week in one sentence: "3 of 6 hours this week.", or in aftercare the next check-in.
    pub week_sentence: String,
    /// One plain sentence about where the patient stands.
    pub summary: String,
}

impl Progress {
    /// Progress at `now`, from the program, the clinic's course of care when connected (`course`),
    /// and every session the patient has (`(record id, session)`).
    ///
    /// Each session counts the minutes of the one hours rule towards the week its start falls in, in
    /// the program's zone. The target is the one of the level in force today: the clinic's, when it
    /// has a period that has started, else the patient's own.
    pub fn derive(
        program: &ProgramSettings,
        course: Option<&[CareLevel]>,
        sessions: &[(String, &ClinicSession)],
        now: DateTime<Utc>,
        lang: Lang,
    ) -> Self {
        let zone = program.zone;
        let today = zone.local_date(now);
        let day_of_program = (today >= program.start_date).then(|| {
            u32::try_from((today - program.start_date).num_days() + 1).unwrap_or(u32::MAX)
        });
        let week_start = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
        let week_end = week_start + Duration::days(7);
        let (care, set_by_clinic) = match course.and_then(|c| current_level(c, today)) {
            Some(period) => (period.clone(), true),
            None => (program.as_care_level(), false),
        };

        let mut minutes_this_week = 0u32;
        let mut sessions_attended = 0u32;
        let mut sessions_missed = 0u32;
        for (_, s) in sessions {
            let minutes = s.attended_minutes();
            if minutes > 0 {
                sessions_attended += 1;
                let day = zone.local_date(s.start.utc);
                if day >= week_start && day < week_end {
                    minutes_this_week = minutes_this_week.saturating_add(minutes);
                }
            } else if s.is_missed() {
                sessions_missed += 1;
            }
        }
        let next_session = next_of(sessions, now, |_| true);
        let next_check_in = (care.level == LevelOfCare::Aftercare)
            .then(|| next_of(sessions, now, |s| s.kind == SessionKind::AftercareCheckIn))
            .flatten();
        let hours_this_week = f64::from(minutes_this_week) / 60.0;
        let weekly_target_hours = care.weekly_target_minutes.map(|m| f64::from(m) / 60.0);
        let week_sentence = match care.level {
            LevelOfCare::Aftercare => check_in_sentence(next_check_in.as_ref(), lang),
            _ => hours_sentence(hours_this_week, weekly_target_hours, lang),
        };
        let week = || Arg::from(week_sentence.as_str());
        let summary = match (day_of_program, care.level) {
            (None, _) => tr(
                lang,
                "progress-starts",
                &[("date", Arg::from(long_date(lang, program.start_date)))],
            ),
            (Some(_), LevelOfCare::Aftercare) => {
                tr(lang, "progress-aftercare", &[("week", week())])
            }
            (Some(d), _) => tr(
                lang,
                "progress-day",
                &[("day", Arg::from(d)), ("week", week())],
            ),
        };
        Self {
            day_of_program,
            week_start,
            hours_this_week,
            level: care.level,
            set_by_clinic,
            weekly_target_hours,
            sessions_attended,
            sessions_missed,
            next_session,
            next_check_in,
            week_sentence,
            summary,
        }
    }
}

/// The earliest upcoming session that `wanted` accepts (ties broken by id, so the choice is stable).
fn next_of(
    sessions: &[(String, &ClinicSession)],
    now: DateTime<Utc>,
    wanted: impl Fn(&ClinicSession) -> bool,
) -> Option<UpcomingSession> {
    sessions
        .iter()
        .filter(|(_, s)| s.is_upcoming(now) && wanted(s))
        .min_by(|(a_id, a), (b_id, b)| (a.start.utc, a_id).cmp(&(b.start.utc, b_id)))
        .map(|(id, s)| UpcomingSession {
            id: id.clone(),
            start: s.start,
            kind: s.kind,
        })
}

/// Where the week stands, never as a shortfall: "3 of 6 hours this week."
fn hours_sentence(hours: f64, target: Option<f64>, lang: Lang) -> String {
    let done = Arg::from(decimal(lang, hours));
    match target {
        None => tr(
            lang,
            "progress-hours",
            &[("hours", done), ("n", Arg::from(hours))],
        ),
        Some(t) if hours >= t => tr(
            lang,
            "progress-hours-met",
            &[("hours", done), ("target", Arg::from(decimal(lang, t)))],
        ),
        Some(t) => tr(
            lang,
            "progress-hours-of",
            &[("hours", done), ("target", Arg::from(decimal(lang, t)))],
        ),
    }
}

/// Aftercare counts no hours: the next check-in instead.
fn check_in_sentence(next: Option<&UpcomingSession>, lang: Lang) -> String {
    match next {
        Some(next) => {
            let day = next.start.zone.local_date(next.start.utc);
            tr(
                lang,
                "progress-check-in-next",
                &[("date", Arg::from(long_date(lang, day)))],
            )
        }
        None => t(lang, "progress-check-in-none"),
    }
}
