//! The course of care on this device: the level of care and weekly target in force, who set them,
//! the aftercare check-ins, and how each session counts.
//!
//! Without a clinic the patient sets the level and target in Settings ([`ProgramSettings`]).
//! Connected to a clinic, the clinic's course (FHIR EpisodeOfCare, read at each sync and stored
//! sealed as [`Record::CareCourse`]) wins, and the patient sees it read-only. Hours always follow the
//! one rule in `wire` ([`tideline_wire::care::attended_minutes`]), through
//! [`ClinicSession::attended_minutes`], so the app and the clinic's portal show the same figures.
//! Every sentence here reaches the UI over IPC; the UI holds no copy.

use crate::language::{t, tr, Arg, Lang};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;
use tideline_wire::care::{current_level, hours_text};
pub use tideline_wire::care::{Attendance, CareLevel, LevelOfCare};

pub use crate::app_state::{CareCourse, MAX_PERIODS};
use crate::error::{Error, Invalid, Result};
use crate::program::ProgramSettings;
use crate::record::{Record, RecordId, RecordKind, StoredRecord};
use crate::session::{AppointmentStatus, ClinicSession, SessionKind};
use crate::time::Stamp;
use crate::vault::{Records, Vault};

/// The clinic's course of care, when this device is connected and has read one.
pub fn clinic_course(vault: &impl Records) -> Option<&CareCourse> {
    crate::sync::connection(vault)?;
    vault
        .of_kind(RecordKind::CareCourse)
        .find_map(|stored| match &stored.record {
            Record::CareCourse(course) => Some(course),
            _ => None,
        })
}

/// The program settings, if the program has been set up.
pub fn program(vault: &impl Records) -> Option<&ProgramSettings> {
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
    fn of(period: &CareLevel, lang: Lang) -> Self {
        Self {
            level: period.level,
            name: level_name(period.level, lang),
            weekly_target_minutes: period.weekly_target_minutes,
            target_text: target_text(period.level, period.weekly_target_minutes, lang),
            from: period.from,
        }
    }
}

/// The level's name in `lang` ("Intensive outpatient (ASAM 2.1)").
pub fn level_name(level: LevelOfCare, lang: Lang) -> String {
    let id = match level {
        LevelOfCare::Iop => "care-level-iop",
        LevelOfCare::IopAdolescent => "care-level-iop-adolescent",
        LevelOfCare::PartialHospitalization => "care-level-partial-hospitalization",
        LevelOfCare::Outpatient => "care-level-outpatient",
        LevelOfCare::Aftercare => "care-level-aftercare",
    };
    t(lang, id)
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

/// The weekly target in words, in `lang`.
pub fn target_text(level: LevelOfCare, minutes: Option<u32>, lang: Lang) -> String {
    match (level, minutes) {
        (LevelOfCare::Aftercare, _) => t(lang, "care-target-aftercare"),
        (_, Some(1)) => t(lang, "care-target-minute"),
        (_, Some(m)) => tr(
            lang,
            "care-target-hours",
            &[
                ("hours", Arg::from(local_hours(m, lang))),
                ("n", Arg::from(f64::from(m) / 60.0)),
            ],
        ),
        (LevelOfCare::Outpatient, None) => t(lang, "care-target-outpatient"),
        (_, None) => t(lang, "care-target-none"),
    }
}

/// Wire's hours in words ("7.75"), with the decimal comma in Spanish.
fn local_hours(minutes: u32, lang: Lang) -> String {
    let text = hours_text(minutes);
    match lang {
        Lang::Es => text.replace('.', ","),
        Lang::En | Lang::Pseudo => text,
    }
}

/// The choices for Settings, in [`LevelOfCare::ALL`] order, in `lang`.
pub fn level_choices(lang: Lang) -> Vec<LevelChoice> {
    LevelOfCare::ALL
        .into_iter()
        .map(|level| LevelChoice {
            level,
            name: level_name(level, lang),
            target_text: target_text(level, level.default_weekly_target_minutes(), lang),
            custom_target: level == LevelOfCare::Outpatient,
        })
        .collect()
}

/// The course of care at `now`, its words in `lang`; `None` before the program is set up.
pub fn plan(vault: &impl Records, now: DateTime<Utc>, lang: Lang) -> Option<CarePlan> {
    let program = program(vault)?;
    let today = program.zone.local_date(now);
    let course = clinic_course(vault);
    let clinic_current = course.and_then(|c| current_level(&c.periods, today));
    let (current, set_by_clinic) = match clinic_current {
        Some(period) => (CarePeriod::of(period, lang), true),
        None => (CarePeriod::of(&program.as_care_level(), lang), false),
    };
    let history = course
        .map(|c| c.periods.iter().map(|p| CarePeriod::of(p, lang)).collect())
        .unwrap_or_default();
    let level = || Arg::from(current.name.as_str());
    let target = || Arg::from(lower_first(&current.target_text));
    let sentence = if set_by_clinic {
        let date = tr(
            lang,
            "care-date",
            &[
                (
                    "month",
                    Arg::from(t(lang, &format!("date-month-{}", current.from.month()))),
                ),
                ("day", Arg::from(current.from.day())),
                // A year is not a quantity: no grouping ("2026", never "2,026").
                ("year", Arg::from(current.from.year().to_string())),
            ],
        );
        tr(
            lang,
            "care-set-by-clinic",
            &[
                ("level", level()),
                ("target", target()),
                ("date", Arg::from(date)),
            ],
        )
    } else {
        tr(
            lang,
            "care-set-by-you",
            &[("level", level()), ("target", target())],
        )
    };
    let mut check_ins: Vec<CheckIn> = sessions(vault)
        .filter(|(_, s)| s.kind == SessionKind::AftercareCheckIn)
        .map(|(id, s)| CheckIn {
            id,
            start: s.start,
            status_line: status_line(s, lang),
        })
        .collect();
    check_ins.sort_by_key(|c| (c.start.utc, c.id));
    Some(CarePlan {
        set_by_clinic,
        current,
        history,
        choices: level_choices(lang),
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

fn sessions(vault: &impl Records) -> impl Iterator<Item = (RecordId, &ClinicSession)> {
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

/// Every session with its words in `lang`, soonest first.
pub fn session_views(vault: &Vault, now: DateTime<Utc>, lang: Lang) -> Vec<SessionView> {
    let mut views: Vec<SessionView> = sessions(vault)
        .map(|(id, s)| SessionView {
            id,
            heading: s.title.clone().unwrap_or_else(|| {
                tr(
                    lang,
                    "care-session-heading",
                    &[("kind", Arg::from(kind_code(s.kind)))],
                )
            }),
            kind_name: kind_name(s.kind, lang),
            status_line: status_line(s, lang),
            counted_minutes: s.attended_minutes(),
            self_reported: s.counted_mark().1,
            can_self_report: may_self_report(s, now),
            session: s.clone(),
        })
        .collect();
    views.sort_by_key(|v| (v.session.start.utc, v.id));
    views
}

fn kind_code(kind: SessionKind) -> &'static str {
    match kind {
        SessionKind::Group => "group",
        SessionKind::Individual => "individual",
        SessionKind::Family => "family",
        SessionKind::Psychoeducation => "psychoeducation",
        SessionKind::MedicationManagement => "medication",
        SessionKind::AftercareCheckIn => "aftercare",
        SessionKind::Other => "other",
    }
}

/// The kind in words, in `lang` ("Group").
pub fn kind_name(kind: SessionKind, lang: Lang) -> String {
    t(lang, &format!("care-kind-{}", kind_code(kind)))
}

/// Minutes as "2 h 40 min", "3 h", "40 min".
pub fn duration_text(minutes: u32, lang: Lang) -> String {
    let (h, m) = (Arg::from(minutes / 60), Arg::from(minutes % 60));
    match (minutes / 60, minutes % 60) {
        (0, _) => tr(lang, "care-duration-min", &[("m", m)]),
        (_, 0) => tr(lang, "care-duration-h", &[("h", h)]),
        _ => tr(lang, "care-duration-h-min", &[("h", h), ("m", m)]),
    }
}

fn minutes_words(minutes: u32, lang: Lang) -> Arg<'static> {
    Arg::from(tr(lang, "care-minutes", &[("n", Arg::from(minutes))]))
}

/// Where a session stands, in one line, in `lang`. Never a judgment: a missed session is "Missed",
/// an excused one "Excused".
pub fn status_line(s: &ClinicSession, lang: Lang) -> String {
    match s.status {
        AppointmentStatus::Cancelled => {
            return match s.cancel_reason.as_deref() {
                Some(reason) => tr(
                    lang,
                    "care-status-cancelled-reason",
                    &[("reason", Arg::from(reason))],
                ),
                None => t(lang, "care-status-cancelled"),
            }
        }
        AppointmentStatus::EnteredInError => return t(lang, "care-status-removed"),
        _ => {}
    }
    let (mark, own) = s.counted_mark();
    let mine = |what: String| {
        if own {
            tr(lang, "care-self-reported", &[("what", Arg::from(what))])
        } else {
            what
        }
    };
    let what = match mark {
        Some(Attendance::Attended) => t(lang, "care-status-attended"),
        Some(Attendance::Late { minutes }) => tr(
            lang,
            "care-status-late",
            &[("minutes", minutes_words(minutes, lang))],
        ),
        Some(Attendance::LeftEarly { minutes }) => tr(
            lang,
            "care-status-left-early",
            &[("minutes", minutes_words(minutes, lang))],
        ),
        Some(Attendance::NoShow) => return mine(t(lang, "care-status-missed")),
        Some(Attendance::Excused) => return mine(t(lang, "care-status-excused")),
        None => {
            let id = match s.status {
                AppointmentStatus::Fulfilled
                | AppointmentStatus::Arrived
                | AppointmentStatus::CheckedIn => "care-status-attended",
                AppointmentStatus::Noshow => return t(lang, "care-status-missed"),
                AppointmentStatus::Proposed => return t(lang, "care-status-proposed"),
                AppointmentStatus::Pending => return t(lang, "care-status-pending"),
                AppointmentStatus::Waitlist => return t(lang, "care-status-waitlist"),
                _ => return t(lang, "care-status-booked"),
            };
            t(lang, id)
        }
    };
    tr(
        lang,
        "care-status-counted",
        &[
            ("what", Arg::from(mine(what))),
            (
                "counted",
                Arg::from(duration_text(s.attended_minutes(), lang)),
            ),
        ],
    )
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
