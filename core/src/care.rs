//! The course of care on this device: the level of care and weekly target in force, who set them,
//! the aftercare check-ins, and how each session counts.
//!
//! Without a clinic the patient sets the level and target in Settings ([`ProgramSettings`]).
//! Connected to a clinic, the clinic's course (FHIR EpisodeOfCare, read at each sync and stored
//! sealed as [`Record::CareCourse`]) wins, and the patient sees it read-only. Hours always follow the
//! one rule in `wire` ([`tideline_wire::care::attended_minutes`]), through
//! [`ClinicSession::attended_minutes`], so the app and the clinic's portal show the same figures.
//! Every sentence here reaches the UI over IPC; the UI holds no copy.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use tideline_wire::care::{current_level, hours_text};
pub use tideline_wire::care::{Attendance, CareLevel, LevelOfCare};

pub use crate::app_state::{CareCourse, MAX_PERIODS};
use crate::error::{Error, Invalid, Result};
use crate::program::ProgramSettings;
use crate::record::{Record, RecordId, RecordKind, StoredRecord};
use crate::session::{AppointmentStatus, ClinicSession, SessionKind};
use crate::time::Stamp;
use crate::vault::Vault;

/// The clinic's course of care, when this device is connected and has read one.
pub fn clinic_course(vault: &Vault) -> Option<&CareCourse> {
    crate::sync::connection(vault)?;
    vault
        .of_kind(RecordKind::CareCourse)
        .find_map(|stored| match &stored.record {
            Record::CareCourse(course) => Some(course),
            _ => None,
        })
}

/// The program settings, if the program has been set up.
pub fn program(vault: &Vault) -> Option<&ProgramSettings> {
    vault
        .of_kind(RecordKind::Program)
        .find_map(|stored| match &stored.record {
            Record::Program(program) => Some(program),
            _ => None,
        })
}

/// One period of care as the patient reads it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct CarePeriod {
    /// The level.
    pub level: LevelOfCare,
    /// Its name ("Intensive outpatient (ASAM 2.1)").
    pub name: String,
    /// The weekly target in minutes; absent in aftercare.
    pub weekly_target_minutes: Option<u32>,
    /// The target in words ("9 hours a week").
    pub target_text: String,
    /// The first day of the period.
    pub from: NaiveDate,
}

impl CarePeriod {
    fn of(period: &CareLevel) -> Self {
        Self {
            level: period.level,
            name: period.level.display().to_owned(),
            weekly_target_minutes: period.weekly_target_minutes,
            target_text: target_text(period.level, period.weekly_target_minutes),
            from: period.from,
        }
    }
}

/// A level the patient may choose in Settings (without a clinic).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct LevelChoice {
    /// The level.
    pub level: LevelOfCare,
    /// Its name.
    pub name: String,
    /// What it asks for in a week, in words.
    pub target_text: String,
    /// Whether the patient types the target (outpatient: under 9 hours, as the clinician advised).
    pub custom_target: bool,
}

/// An aftercare check-in on the patient's calendar.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct CheckIn {
    /// The session's record id.
    pub id: RecordId,
    /// When it is.
    pub start: Stamp,
    /// Where it stands, in words ("Booked", "Attended — 30 min counted").
    pub status_line: String,
}

/// The course of care for the Settings and Home screens.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct CarePlan {
    /// Whether the clinic set the level and target: Settings shows them read-only.
    pub set_by_clinic: bool,
    /// The period in force today.
    pub current: CarePeriod,
    /// The clinic's course, oldest first (step-downs, discharge); empty when the patient set the level.
    pub history: Vec<CarePeriod>,
    /// The levels the patient may choose without a clinic.
    pub choices: Vec<LevelChoice>,
    /// Aftercare check-ins (30, 60 and 90 days after discharge), in date order.
    pub check_ins: Vec<CheckIn>,
    /// Who set the level, in one sentence.
    pub sentence: String,
}

/// The weekly target in words.
pub fn target_text(level: LevelOfCare, minutes: Option<u32>) -> String {
    match (level, minutes) {
        (LevelOfCare::Aftercare, _) => {
            "No weekly hours: check-ins at 30, 60 and 90 days instead".to_owned()
        }
        (_, Some(1)) => "1 minute a week".to_owned(),
        (_, Some(60)) => "1 hour a week".to_owned(),
        (_, Some(m)) => format!("{} hours a week", hours_text(m)),
        (LevelOfCare::Outpatient, None) => {
            "Under 9 hours a week, the target your counselor set".to_owned()
        }
        (_, None) => "No weekly target".to_owned(),
    }
}

/// The choices for Settings, in [`LevelOfCare::ALL`] order.
pub fn level_choices() -> Vec<LevelChoice> {
    LevelOfCare::ALL
        .into_iter()
        .map(|level| LevelChoice {
            level,
            name: level.display().to_owned(),
            target_text: target_text(level, level.default_weekly_target_minutes()),
            custom_target: level == LevelOfCare::Outpatient,
        })
        .collect()
}

/// The course of care at `now`; `None` before the program is set up.
pub fn plan(vault: &Vault, now: DateTime<Utc>) -> Option<CarePlan> {
    let program = program(vault)?;
    let today = program.zone.local_date(now);
    let course = clinic_course(vault);
    let clinic_current = course.and_then(|c| current_level(&c.periods, today));
    let (current, set_by_clinic) = match clinic_current {
        Some(period) => (CarePeriod::of(period), true),
        None => (CarePeriod::of(&program.as_care_level()), false),
    };
    let history = course
        .map(|c| c.periods.iter().map(CarePeriod::of).collect())
        .unwrap_or_default();
    let sentence = if set_by_clinic {
        format!(
            "Set by your clinic: {}, {}, since {}.",
            current.name,
            lower_first(&current.target_text),
            current.from.format("%B %-d, %Y")
        )
    } else {
        format!(
            "You set this: {}, {}.",
            current.name,
            lower_first(&current.target_text)
        )
    };
    let mut check_ins: Vec<CheckIn> = sessions(vault)
        .filter(|(_, s)| s.kind == SessionKind::AftercareCheckIn)
        .map(|(id, s)| CheckIn {
            id,
            start: s.start,
            status_line: status_line(s),
        })
        .collect();
    check_ins.sort_by_key(|c| (c.start.utc, c.id));
    Some(CarePlan {
        set_by_clinic,
        current,
        history,
        choices: level_choices(),
        check_ins,
        sentence,
    })
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn sessions(vault: &Vault) -> impl Iterator<Item = (RecordId, &ClinicSession)> {
    vault
        .of_kind(RecordKind::Session)
        .filter_map(|stored| match &stored.record {
            Record::Session(s) => Some((stored.id, s)),
            _ => None,
        })
}

/// A session as the Sessions screen shows it, with its words from here.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct SessionView {
    /// The session's record id.
    pub id: RecordId,
    /// The session.
    pub session: ClinicSession,
    /// Its heading: the topic, else the kind ("Group session").
    pub heading: String,
    /// The kind in words ("Group therapy").
    pub kind_name: String,
    /// Where it stands: "Booked", "Cancelled: the facilitator is ill",
    /// "Attended, 20 minutes late — 2 h 40 min counted", "Attended (self-reported) — 3 h counted".
    pub status_line: String,
    /// Minutes it counts towards the week (the one hours rule).
    pub counted_minutes: u32,
    /// Whether what counts is the patient's own mark.
    pub self_reported: bool,
    /// Whether the patient may mark it now: it has started, and the clinic has not recorded it.
    pub can_self_report: bool,
}

/// Every session with its words, soonest first.
pub fn session_views(vault: &Vault, now: DateTime<Utc>) -> Vec<SessionView> {
    let mut views: Vec<SessionView> = sessions(vault)
        .map(|(id, s)| SessionView {
            id,
            heading: s
                .title
                .clone()
                .unwrap_or_else(|| format!("{} session", kind_name(s.kind))),
            kind_name: kind_name(s.kind).to_owned(),
            status_line: status_line(s),
            counted_minutes: s.attended_minutes(),
            self_reported: s.counted_mark().1,
            can_self_report: may_self_report(s, now),
            session: s.clone(),
        })
        .collect();
    views.sort_by_key(|v| (v.session.start.utc, v.id));
    views
}

/// The kind in words.
pub fn kind_name(kind: SessionKind) -> &'static str {
    match kind {
        SessionKind::Group => "Group",
        SessionKind::Individual => "Individual",
        SessionKind::Family => "Family",
        SessionKind::Psychoeducation => "Education",
        SessionKind::MedicationManagement => "Medication",
        SessionKind::AftercareCheckIn => "Aftercare check-in",
        SessionKind::Other => "Other",
    }
}

/// Minutes as "2 h 40 min", "3 h", "40 min".
pub fn duration_text(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

fn minutes_words(minutes: u32) -> String {
    if minutes == 1 {
        "1 minute".to_owned()
    } else {
        format!("{minutes} minutes")
    }
}

/// Where a session stands, in one line. Never a judgment: a missed session is "Missed", an
/// excused one "Excused".
pub fn status_line(s: &ClinicSession) -> String {
    match s.status {
        AppointmentStatus::Cancelled => {
            return match s.cancel_reason.as_deref() {
                Some(reason) => format!("Cancelled: {reason}"),
                None => "Cancelled".to_owned(),
            }
        }
        AppointmentStatus::EnteredInError => return "Removed by the clinic".to_owned(),
        _ => {}
    }
    let (mark, own) = s.counted_mark();
    let own = if own { " (self-reported)" } else { "" };
    let counted = s.attended_minutes();
    let what = match mark {
        Some(Attendance::Attended) => "Attended".to_owned(),
        Some(Attendance::Late { minutes }) => {
            format!("Attended, {} late", minutes_words(minutes))
        }
        Some(Attendance::LeftEarly { minutes }) => {
            format!("Attended, left {} early", minutes_words(minutes))
        }
        Some(Attendance::NoShow) => return format!("Missed{own}"),
        Some(Attendance::Excused) => return format!("Excused{own}"),
        None => match s.status {
            AppointmentStatus::Fulfilled
            | AppointmentStatus::Arrived
            | AppointmentStatus::CheckedIn => "Attended".to_owned(),
            AppointmentStatus::Noshow => return "Missed".to_owned(),
            AppointmentStatus::Proposed => return "Proposed".to_owned(),
            AppointmentStatus::Pending => return "Waiting for confirmation".to_owned(),
            AppointmentStatus::Waitlist => return "On the waiting list".to_owned(),
            _ => return "Booked".to_owned(),
        },
    };
    format!("{what}{own} — {} counted", duration_text(counted))
}

fn may_self_report(s: &ClinicSession, now: DateTime<Utc>) -> bool {
    s.start.utc <= now
        && !s.clinic_recorded()
        && !matches!(
            s.status,
            AppointmentStatus::Cancelled | AppointmentStatus::EnteredInError
        )
}

/// The patient marks a session themselves (or clears their mark with `None`). Shown as
/// self-reported; never sent to the clinic. Refused before the session starts, for a cancelled
/// session, and once the clinic has recorded it (its record counts).
pub fn self_report(
    vault: &mut Vault,
    id: RecordId,
    mark: Option<Attendance>,
    now: Stamp,
) -> Result<StoredRecord> {
    let mut session = match vault.get(&id).map(|stored| &stored.record) {
        Some(Record::Session(session)) => session.clone(),
        Some(_) => return Err(Invalid::new("session", "is not a session").into()),
        None => return Err(Error::NotFound),
    };
    if session.clinic_recorded() {
        return Err(Invalid::new(
            "mark",
            "your clinic has recorded this session; its record counts",
        )
        .into());
    }
    if !may_self_report(&session, now.utc) {
        return Err(Invalid::new("mark", "a session can be marked once it has started").into());
    }
    if mark
        .and_then(Attendance::minutes)
        .is_some_and(|m| m >= session.scheduled_minutes())
    {
        return Err(
            Invalid::new("mark", "the minutes must be less than the session's length").into(),
        );
    }
    session.self_report = mark;
    vault.save(Some(id), Record::Session(session), now)
}
