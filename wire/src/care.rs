//! The course of care and the one rule for hours, shared by the app and the clinic.
//!
//! - [`LevelOfCare`]: the ASAM level a patient is at, with the weekly target it implies.
//! - [`CareLevel`]: one period of a patient's course of care, effective from a date.
//! - [`Attendance`]: how staff marked a patient at a session.
//! - [`attended_minutes`]: **the** hours rule. The app's progress and the portal's figures both call it,
//!   so a patient and their counselor always see the same hours.
//! - [`SessionKind`] and the helpers that read the clinic's elements of an [`Appointment`].
//!
//! # How these cross FHIR
//!
//! On `Appointment`:
//! - the kind: `serviceType[0].coding[0]` in [`SESSION_KIND_SYSTEM`] (codes of [`SessionKind`]);
//! - the topic: `description` (the program's name when the session has no topic);
//! - the place: an extension [`PLACE_EXTENSION_URL`] with `valueString`; a video link: an extension
//!   [`VIDEO_LINK_EXTENSION_URL`] with `valueUrl`;
//! - a cancellation: `status` `cancelled` and `cancelationReason.text` with staff's reason;
//! - the attendance mark: a complex extension [`ATTENDANCE_EXTENSION_URL`] holding `mark` (`valueCode`,
//!   a code of [`Attendance`]) and, for late / left early, `minutes` (`valueInteger`). Status follows the
//!   mark: attended / late / left early are `fulfilled`, no-show and excused are `noshow`.
//!
//! The course of care travels as `EpisodeOfCare` resources ([`crate::EpisodeOfCare`]), one per
//! level-of-care period; [`course_from_episodes`] turns them back into [`CareLevel`]s.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{Appointment, AppointmentStatus, CodeableConcept, Coding, EpisodeOfCare, Extension};

/// The code system of [`SessionKind`] codes (`Appointment.serviceType`).
pub const SESSION_KIND_SYSTEM: &str = "urn:tideline:codesystem:session-kind";
/// The code system of [`LevelOfCare`] codes (`EpisodeOfCare.type`).
pub const LEVEL_OF_CARE_SYSTEM: &str = "urn:tideline:codesystem:level-of-care";
/// The complex extension on `Appointment` carrying staff's attendance mark.
pub const ATTENDANCE_EXTENSION_URL: &str = "urn:tideline:extension:attendance";
/// The sub-extension of [`ATTENDANCE_EXTENSION_URL`] holding the mark's code (`valueCode`).
pub const ATTENDANCE_MARK_URL: &str = "mark";
/// The sub-extension of [`ATTENDANCE_EXTENSION_URL`] holding late / left-early minutes (`valueInteger`).
pub const ATTENDANCE_MINUTES_URL: &str = "minutes";
/// The extension on `Appointment` holding the place as written by staff (`valueString`).
pub const PLACE_EXTENSION_URL: &str = "urn:tideline:extension:place";
/// The extension on `Appointment` holding the video link (`valueUrl`).
pub const VIDEO_LINK_EXTENSION_URL: &str = "urn:tideline:extension:video-link";
/// The extension on `EpisodeOfCare` holding the weekly target in minutes (`valueInteger`).
pub const WEEKLY_TARGET_EXTENSION_URL: &str = "urn:tideline:extension:weekly-target-minutes";

/// The most minutes a weekly target may name (a whole week).
pub const MAX_WEEKLY_TARGET_MINUTES: u32 = 7 * 24 * 60;

/// A patient's level of care (ASAM criteria), or aftercare after discharge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export_to = "../../ui/src/lib/generated/")
)]
pub enum LevelOfCare {
    /// ASAM level 2.1 intensive outpatient, adults: at least 9 hours a week.
    Iop,
    /// ASAM level 2.1 intensive outpatient, adolescents: at least 6 hours a week.
    IopAdolescent,
    /// ASAM level 2.5 partial hospitalization: at least 20 hours a week.
    PartialHospitalization,
    /// ASAM level 1 outpatient: under 9 hours a week, target set by the clinician.
    Outpatient,
    /// After discharge: no hours, check-ins at 30, 60 and 90 days.
    Aftercare,
}

impl LevelOfCare {
    /// Every level, most intensive first, aftercare last.
    pub const ALL: [LevelOfCare; 5] = [
        LevelOfCare::PartialHospitalization,
        LevelOfCare::Iop,
        LevelOfCare::IopAdolescent,
        LevelOfCare::Outpatient,
        LevelOfCare::Aftercare,
    ];

    /// The code (also its JSON form).
    pub fn code(self) -> &'static str {
        match self {
            LevelOfCare::Iop => "iop",
            LevelOfCare::IopAdolescent => "iop-adolescent",
            LevelOfCare::PartialHospitalization => "partial-hospitalization",
            LevelOfCare::Outpatient => "outpatient",
            LevelOfCare::Aftercare => "aftercare",
        }
    }

    /// The level for a code; `None` for anything else.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|level| level.code() == code)
    }

    /// The name staff and patients read.
    pub fn display(self) -> &'static str {
        match self {
            LevelOfCare::Iop => "Intensive outpatient (ASAM 2.1)",
            LevelOfCare::IopAdolescent => "Intensive outpatient, adolescent (ASAM 2.1)",
            LevelOfCare::PartialHospitalization => "Partial hospitalization (ASAM 2.5)",
            LevelOfCare::Outpatient => "Outpatient (ASAM 1)",
            LevelOfCare::Aftercare => "Aftercare",
        }
    }

    /// The ASAM level number; `None` for aftercare.
    pub fn asam_level(self) -> Option<&'static str> {
        match self {
            LevelOfCare::Iop | LevelOfCare::IopAdolescent => Some("2.1"),
            LevelOfCare::PartialHospitalization => Some("2.5"),
            LevelOfCare::Outpatient => Some("1"),
            LevelOfCare::Aftercare => None,
        }
    }

    /// The weekly minimum the level implies; `None` when the clinician sets it (outpatient) or there
    /// are no hours (aftercare).
    pub fn default_weekly_target_minutes(self) -> Option<u32> {
        match self {
            LevelOfCare::Iop => Some(540),
            LevelOfCare::IopAdolescent => Some(360),
            LevelOfCare::PartialHospitalization => Some(1200),
            LevelOfCare::Outpatient | LevelOfCare::Aftercare => None,
        }
    }

    /// Checks a weekly target against the level and returns the one to use: a level with a minimum
    /// takes the minimum when none is given and refuses less; outpatient needs a target under 9 hours;
    /// aftercare has none.
    pub fn validate_target(self, minutes: Option<u32>) -> Result<Option<u32>, TargetError> {
        if minutes.is_some_and(|minutes| minutes > MAX_WEEKLY_TARGET_MINUTES) {
            return Err(TargetError::TooLarge);
        }
        match (self, minutes) {
            (LevelOfCare::Aftercare, None) => Ok(None),
            (LevelOfCare::Aftercare, Some(_)) => Err(TargetError::AftercareHasNoTarget),
            (LevelOfCare::Outpatient, None) => Err(TargetError::OutpatientNeedsTarget),
            (LevelOfCare::Outpatient, Some(minutes)) if minutes == 0 || minutes >= 540 => {
                Err(TargetError::OutpatientOutOfRange)
            }
            (LevelOfCare::Outpatient, Some(minutes)) => Ok(Some(minutes)),
            (level, given) => {
                let minimum = level.default_weekly_target_minutes().unwrap_or(0);
                match given {
                    None => Ok(Some(minimum)),
                    Some(minutes) if minutes < minimum => {
                        Err(TargetError::BelowMinimum { minimum })
                    }
                    Some(minutes) => Ok(Some(minutes)),
                }
            }
        }
    }
}

/// Why a weekly target does not fit its level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetError {
    /// Under the level's weekly minimum (in minutes).
    BelowMinimum {
        /// The level's minimum.
        minimum: u32,
    },
    /// Outpatient care needs a target set by the clinician.
    OutpatientNeedsTarget,
    /// Outpatient targets are above zero and under 9 hours.
    OutpatientOutOfRange,
    /// Aftercare counts no hours.
    AftercareHasNoTarget,
    /// More than the minutes in a week.
    TooLarge,
}

impl fmt::Display for TargetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TargetError::BelowMinimum { minimum } => write!(
                f,
                "The weekly target is below this level's minimum of {} hours.",
                hours_text(*minimum)
            ),
            TargetError::OutpatientNeedsTarget => {
                f.write_str("Outpatient care needs a weekly target set by the clinician.")
            }
            TargetError::OutpatientOutOfRange => {
                f.write_str("An outpatient weekly target is more than 0 and under 9 hours.")
            }
            TargetError::AftercareHasNoTarget => {
                f.write_str("Aftercare has no weekly hours target.")
            }
            TargetError::TooLarge => f.write_str("The weekly target is longer than a week."),
        }
    }
}

impl std::error::Error for TargetError {}

/// Minutes as hours for people: "9", "7.5", "0.25".
pub fn hours_text(minutes: u32) -> String {
    let whole = minutes / 60;
    let rest = minutes % 60;
    if rest == 0 {
        return whole.to_string();
    }
    let fraction = format!("{:.2}", f64::from(rest) / 60.0);
    let fraction = fraction.trim_start_matches('0').trim_end_matches('0');
    format!("{whole}{fraction}")
}

/// One period of a patient's course of care: the level and weekly target from a date (a calendar day
/// in the program's zone) until the next period starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CareLevel {
    /// The level of care.
    pub level: LevelOfCare,
    /// The weekly target in minutes; `None` in aftercare.
    pub weekly_target_minutes: Option<u32>,
    /// The first day of the period.
    pub from: NaiveDate,
}

/// How staff marked a patient at a session. JSON: `{"mark": "late", "minutes": 20}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "mark", rename_all = "kebab-case")]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export_to = "../../ui/src/lib/generated/")
)]
pub enum Attendance {
    /// Attended the whole session.
    Attended,
    /// Arrived this many minutes late.
    Late {
        /// Minutes missed at the start.
        minutes: u32,
    },
    /// Left this many minutes early.
    LeftEarly {
        /// Minutes missed at the end.
        minutes: u32,
    },
    /// Did not come.
    NoShow,
    /// Did not come, with the clinic's agreement.
    Excused,
}

impl Attendance {
    /// The mark's code (the `mark` of its JSON form and of the FHIR extension).
    pub fn code(self) -> &'static str {
        match self {
            Attendance::Attended => "attended",
            Attendance::Late { .. } => "late",
            Attendance::LeftEarly { .. } => "left-early",
            Attendance::NoShow => "no-show",
            Attendance::Excused => "excused",
        }
    }

    /// The mark from its code and minutes (required for late and left early, refused otherwise).
    pub fn from_parts(code: &str, minutes: Option<u32>) -> Option<Self> {
        match (code, minutes) {
            ("attended", None) => Some(Attendance::Attended),
            ("late", Some(minutes)) => Some(Attendance::Late { minutes }),
            ("left-early", Some(minutes)) => Some(Attendance::LeftEarly { minutes }),
            ("no-show", None) => Some(Attendance::NoShow),
            ("excused", None) => Some(Attendance::Excused),
            _ => None,
        }
    }

    /// Late or left-early minutes.
    pub fn minutes(self) -> Option<u32> {
        match self {
            Attendance::Late { minutes } | Attendance::LeftEarly { minutes } => Some(minutes),
            _ => None,
        }
    }

    /// The Appointment status a session with this mark has.
    pub fn status(self) -> AppointmentStatus {
        match self {
            Attendance::Attended | Attendance::Late { .. } | Attendance::LeftEarly { .. } => {
                AppointmentStatus::Fulfilled
            }
            Attendance::NoShow | Attendance::Excused => AppointmentStatus::Noshow,
        }
    }

    /// Whether the patient was there for at least part of the session.
    pub fn was_present(self) -> bool {
        matches!(self.status(), AppointmentStatus::Fulfilled)
    }

    /// Words for people: "Attended", "Late 20 min", "Left early 15 min", "No-show", "Excused".
    pub fn display(self) -> String {
        match self {
            Attendance::Attended => "Attended".into(),
            Attendance::Late { minutes } => format!("Late {minutes} min"),
            Attendance::LeftEarly { minutes } => format!("Left early {minutes} min"),
            Attendance::NoShow => "No-show".into(),
            Attendance::Excused => "Excused".into(),
        }
    }

    /// The FHIR extension carrying this mark.
    pub fn extension(self) -> Extension {
        let mut parts = vec![Extension::code(ATTENDANCE_MARK_URL, self.code())];
        if let Some(minutes) = self.minutes() {
            parts.push(Extension::integer(
                ATTENDANCE_MINUTES_URL,
                i64::from(minutes),
            ));
        }
        Extension::nested(ATTENDANCE_EXTENSION_URL, parts)
    }
}

/// **The hours rule**: the minutes a session counts toward a patient's week.
///
/// - cancelled, entered in error or no-show sessions count 0, as do no-show and excused marks;
/// - late / left early count the scheduled length less the minutes missed (never below 0);
/// - attended, or no mark on a `fulfilled`, `arrived` or `checked-in` session, counts it all;
/// - anything else (booked, pending, proposed, waitlist without a mark) counts 0 (not yet attended).
pub fn attended_minutes(
    scheduled_minutes: u32,
    status: AppointmentStatus,
    attendance: Option<Attendance>,
) -> u32 {
    use AppointmentStatus as S;
    if matches!(status, S::Cancelled | S::EnteredInError | S::Noshow) {
        return 0;
    }
    match attendance {
        Some(Attendance::NoShow | Attendance::Excused) => 0,
        Some(Attendance::Late { minutes } | Attendance::LeftEarly { minutes }) => {
            scheduled_minutes.saturating_sub(minutes)
        }
        Some(Attendance::Attended) => scheduled_minutes,
        None if matches!(status, S::Fulfilled | S::Arrived | S::CheckedIn) => scheduled_minutes,
        None => 0,
    }
}

/// Whether a session is owed at all, i.e. counts in "scheduled hours": a cancelled or entered-in-error
/// session is not.
pub fn counts_toward_schedule(status: AppointmentStatus) -> bool {
    !matches!(
        status,
        AppointmentStatus::Cancelled | AppointmentStatus::EnteredInError
    )
}

/// What a session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SessionKind {
    /// Group therapy.
    GroupTherapy,
    /// Individual counseling.
    Individual,
    /// Family session.
    Family,
    /// Psychoeducation group.
    Psychoeducation,
    /// Medication management.
    MedicationManagement,
    /// Aftercare check-in (30, 60 and 90 days after discharge).
    AftercareCheckIn,
}

impl SessionKind {
    /// Every kind.
    pub const ALL: [SessionKind; 6] = [
        SessionKind::GroupTherapy,
        SessionKind::Individual,
        SessionKind::Family,
        SessionKind::Psychoeducation,
        SessionKind::MedicationManagement,
        SessionKind::AftercareCheckIn,
    ];

    /// The code (also its JSON form).
    pub fn code(self) -> &'static str {
        match self {
            SessionKind::GroupTherapy => "group-therapy",
            SessionKind::Individual => "individual",
            SessionKind::Family => "family",
            SessionKind::Psychoeducation => "psychoeducation",
            SessionKind::MedicationManagement => "medication-management",
            SessionKind::AftercareCheckIn => "aftercare-check-in",
        }
    }

    /// The kind for a code; `None` for anything else.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// The name people read.
    pub fn display(self) -> &'static str {
        match self {
            SessionKind::GroupTherapy => "Group therapy",
            SessionKind::Individual => "Individual session",
            SessionKind::Family => "Family session",
            SessionKind::Psychoeducation => "Psychoeducation",
            SessionKind::MedicationManagement => "Medication management",
            SessionKind::AftercareCheckIn => "Aftercare check-in",
        }
    }

    /// `Appointment.serviceType` for this kind.
    pub fn service_type(self) -> CodeableConcept {
        CodeableConcept::of(Coding::new(
            SESSION_KIND_SYSTEM,
            self.code(),
            self.display(),
        ))
    }
}

/// Where a session happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "kebab-case")]
pub enum Place {
    /// A room or address, as staff wrote it.
    Address(String),
    /// A video link.
    Video(String),
}

impl Place {
    /// The FHIR extension carrying this place.
    pub fn extension(&self) -> Extension {
        match self {
            Place::Address(text) => Extension::string(PLACE_EXTENSION_URL, text),
            Place::Video(link) => Extension::url(VIDEO_LINK_EXTENSION_URL, link),
        }
    }
}

/// Staff's attendance mark on an appointment, if any (and if well formed).
pub fn attendance_of(appointment: &Appointment) -> Option<Attendance> {
    let extension = Extension::find(&appointment.extension, ATTENDANCE_EXTENSION_URL)?;
    let code = Extension::find(&extension.extension, ATTENDANCE_MARK_URL)?
        .value_code
        .as_deref()?;
    let minutes = match Extension::find(&extension.extension, ATTENDANCE_MINUTES_URL) {
        Some(part) => Some(u32::try_from(part.value_integer?).ok()?),
        None => None,
    };
    Attendance::from_parts(code, minutes)
}

/// The session's kind, if the clinic gave one.
pub fn kind_of(appointment: &Appointment) -> Option<SessionKind> {
    appointment
        .service_type
        .iter()
        .flat_map(|concept| &concept.coding)
        .find(|coding| coding.system == SESSION_KIND_SYSTEM)
        .and_then(|coding| SessionKind::from_code(&coding.code))
}

/// The session's place or video link, if the clinic gave one.
pub fn place_of(appointment: &Appointment) -> Option<Place> {
    if let Some(link) = Extension::find(&appointment.extension, VIDEO_LINK_EXTENSION_URL)
        .and_then(|extension| extension.value_url.clone())
    {
        return Some(Place::Video(link));
    }
    Extension::find(&appointment.extension, PLACE_EXTENSION_URL)
        .and_then(|extension| extension.value_string.clone())
        .map(Place::Address)
}

/// Staff's reason for a cancellation, if the session is cancelled and they gave one.
pub fn cancellation_reason_of(appointment: &Appointment) -> Option<&str> {
    appointment.cancelation_reason.as_ref()?.text.as_deref()
}

/// The minutes an appointment counts toward the week, by [`attended_minutes`].
pub fn appointment_attended_minutes(appointment: &Appointment) -> u32 {
    attended_minutes(
        appointment.minutes_duration,
        appointment.status,
        attendance_of(appointment),
    )
}

/// A patient's course of care from the clinic's EpisodeOfCare resources, oldest first. Episodes in
/// error or cancelled, without a start, or of an unknown level are left out.
pub fn course_from_episodes(episodes: &[EpisodeOfCare]) -> Vec<CareLevel> {
    let mut course: Vec<CareLevel> = episodes
        .iter()
        .filter(|episode| episode.status.is_in_course())
        .filter_map(|episode| {
            let level = episode.level()?;
            let from = episode.period.as_ref()?.start?;
            let weekly_target_minutes = match level {
                LevelOfCare::Aftercare => None,
                _ => episode
                    .weekly_target_minutes()
                    .or(level.default_weekly_target_minutes()),
            };
            Some(CareLevel {
                level,
                weekly_target_minutes,
                from,
            })
        })
        .collect();
    course.sort_by_key(|period| period.from);
    course
}

/// The period in force on `today`: the latest one that has started.
pub fn current_level(course: &[CareLevel], today: NaiveDate) -> Option<&CareLevel> {
    course.iter().rev().find(|period| period.from <= today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn levels_have_their_codes_asam_numbers_and_targets() {
        for level in LevelOfCare::ALL {
            assert_eq!(LevelOfCare::from_code(level.code()), Some(level));
            assert_eq!(
                serde_json::to_value(level).unwrap(),
                json!(level.code()),
                "the JSON form is the code"
            );
        }
        assert_eq!(LevelOfCare::Iop.asam_level(), Some("2.1"));
        assert_eq!(
            LevelOfCare::PartialHospitalization.asam_level(),
            Some("2.5")
        );
        assert_eq!(LevelOfCare::Aftercare.asam_level(), None);
        assert_eq!(LevelOfCare::Iop.default_weekly_target_minutes(), Some(540));
        assert_eq!(
            LevelOfCare::IopAdolescent.default_weekly_target_minutes(),
            Some(360)
        );
        assert_eq!(
            LevelOfCare::Outpatient.default_weekly_target_minutes(),
            None
        );
        assert_eq!(LevelOfCare::from_code("IOP"), None);
    }

    #[test]
    fn targets_follow_the_level_rules() {
        assert_eq!(LevelOfCare::Iop.validate_target(None), Ok(Some(540)));
        assert_eq!(LevelOfCare::Iop.validate_target(Some(600)), Ok(Some(600)));
        assert_eq!(
            LevelOfCare::Iop.validate_target(Some(539)),
            Err(TargetError::BelowMinimum { minimum: 540 })
        );
        assert_eq!(
            LevelOfCare::PartialHospitalization.validate_target(Some(1000)),
            Err(TargetError::BelowMinimum { minimum: 1200 })
        );
        assert_eq!(
            LevelOfCare::Outpatient.validate_target(None),
            Err(TargetError::OutpatientNeedsTarget)
        );
        assert_eq!(
            LevelOfCare::Outpatient.validate_target(Some(540)),
            Err(TargetError::OutpatientOutOfRange)
        );
        assert_eq!(
            LevelOfCare::Outpatient.validate_target(Some(180)),
            Ok(Some(180))
        );
        assert_eq!(LevelOfCare::Aftercare.validate_target(None), Ok(None));
        assert_eq!(
            LevelOfCare::Aftercare.validate_target(Some(60)),
            Err(TargetError::AftercareHasNoTarget)
        );
        assert_eq!(
            LevelOfCare::Iop.validate_target(Some(MAX_WEEKLY_TARGET_MINUTES + 1)),
            Err(TargetError::TooLarge)
        );
        assert_eq!(
            TargetError::BelowMinimum { minimum: 540 }.to_string(),
            "The weekly target is below this level's minimum of 9 hours."
        );
        assert_eq!(hours_text(450), "7.5");
        assert_eq!(hours_text(15), "0.25");
        assert_eq!(hours_text(160), "2.67");
    }

    #[test]
    fn the_hours_rule() {
        use AppointmentStatus as S;
        let late = Some(Attendance::Late { minutes: 20 });
        assert_eq!(attended_minutes(180, S::Fulfilled, late), 160);
        assert_eq!(
            attended_minutes(
                180,
                S::Fulfilled,
                Some(Attendance::LeftEarly { minutes: 200 })
            ),
            0,
            "never below zero"
        );
        assert_eq!(attended_minutes(180, S::Fulfilled, None), 180);
        assert_eq!(attended_minutes(180, S::Arrived, None), 180);
        assert_eq!(attended_minutes(180, S::CheckedIn, None), 180);
        assert_eq!(
            attended_minutes(180, S::Booked, Some(Attendance::Attended)),
            180,
            "a self-reported attendance on a booked session counts"
        );
        assert_eq!(attended_minutes(180, S::Booked, None), 0);
        assert_eq!(attended_minutes(180, S::Pending, None), 0);
        assert_eq!(
            attended_minutes(180, S::Cancelled, Some(Attendance::Attended)),
            0
        );
        assert_eq!(attended_minutes(180, S::EnteredInError, None), 0);
        assert_eq!(attended_minutes(180, S::Noshow, None), 0);
        assert_eq!(
            attended_minutes(180, S::Fulfilled, Some(Attendance::NoShow)),
            0
        );
        assert_eq!(
            attended_minutes(180, S::Fulfilled, Some(Attendance::Excused)),
            0
        );
        assert!(counts_toward_schedule(S::Noshow));
        assert!(counts_toward_schedule(S::Booked));
        assert!(!counts_toward_schedule(S::Cancelled));
        assert!(!counts_toward_schedule(S::EnteredInError));
    }

    #[test]
    fn attendance_json_and_codes() {
        assert_eq!(
            serde_json::to_value(Attendance::Late { minutes: 20 }).unwrap(),
            json!({"mark": "late", "minutes": 20})
        );
        assert_eq!(
            serde_json::to_value(Attendance::NoShow).unwrap(),
            json!({"mark": "no-show"})
        );
        let back: Attendance =
            serde_json::from_value(json!({"mark": "left-early", "minutes": 15})).unwrap();
        assert_eq!(back, Attendance::LeftEarly { minutes: 15 });
        assert!(serde_json::from_value::<Attendance>(json!({"mark": "late"})).is_err());
        for mark in [
            Attendance::Attended,
            Attendance::Late { minutes: 5 },
            Attendance::LeftEarly { minutes: 10 },
            Attendance::NoShow,
            Attendance::Excused,
        ] {
            assert_eq!(
                Attendance::from_parts(mark.code(), mark.minutes()),
                Some(mark)
            );
            assert_eq!(
                serde_json::to_value(mark).unwrap()["mark"],
                json!(mark.code())
            );
        }
        assert_eq!(Attendance::from_parts("late", None), None);
        assert_eq!(Attendance::from_parts("attended", Some(3)), None);
        assert_eq!(Attendance::Excused.status(), AppointmentStatus::Noshow);
        assert_eq!(Attendance::Late { minutes: 20 }.display(), "Late 20 min");
    }

    fn appointment(extra: serde_json::Value) -> Appointment {
        let mut body = json!({
            "resourceType": "Appointment", "id": "7", "meta": {"versionId": "2"},
            "status": "fulfilled",
            "start": "2026-03-02T18:00:00-06:00", "end": "2026-03-02T21:00:00-06:00",
            "minutesDuration": 180,
            "participant": [{"actor": {"reference": "Patient/3"}, "status": "accepted"}]
        });
        for (key, value) in extra.as_object().unwrap() {
            body[key] = value.clone();
        }
        serde_json::from_value(body).unwrap()
    }

    #[test]
    fn the_clinic_elements_of_an_appointment_read_back() {
        let late = Attendance::Late { minutes: 20 };
        let with_all = appointment(json!({
            "extension": [
                {"url": crate::TIMEZONE_EXTENSION, "valueCode": "America/Chicago"},
                serde_json::to_value(late.extension()).unwrap(),
                {"url": PLACE_EXTENSION_URL, "valueString": "Room 2"}
            ],
            "serviceType": [serde_json::to_value(SessionKind::GroupTherapy.service_type()).unwrap()]
        }));
        assert_eq!(
            serde_json::to_value(late.extension()).unwrap(),
            json!({"url": "urn:tideline:extension:attendance", "extension": [
                {"url": "mark", "valueCode": "late"}, {"url": "minutes", "valueInteger": 20}]})
        );
        assert_eq!(attendance_of(&with_all), Some(late));
        assert_eq!(appointment_attended_minutes(&with_all), 160);
        assert_eq!(kind_of(&with_all), Some(SessionKind::GroupTherapy));
        assert_eq!(place_of(&with_all), Some(Place::Address("Room 2".into())));
        assert_eq!(with_all.time_zone(), Some("America/Chicago"));

        let video = appointment(json!({
            "status": "cancelled",
            "cancelationReason": {"text": "Facilitator ill"},
            "extension": [{"url": VIDEO_LINK_EXTENSION_URL, "valueUrl": "https://meet.example/x"}]
        }));
        assert_eq!(
            place_of(&video),
            Some(Place::Video("https://meet.example/x".into()))
        );
        assert_eq!(cancellation_reason_of(&video), Some("Facilitator ill"));
        assert_eq!(attendance_of(&video), None);
        assert_eq!(appointment_attended_minutes(&video), 0);

        let malformed = appointment(json!({"extension": [{"url": ATTENDANCE_EXTENSION_URL,
            "extension": [{"url": "mark", "valueCode": "late"}]}]}));
        assert_eq!(
            attendance_of(&malformed),
            None,
            "late without minutes is not a mark"
        );
        for kind in SessionKind::ALL {
            assert_eq!(SessionKind::from_code(kind.code()), Some(kind));
        }
    }

    #[test]
    fn a_course_is_read_from_episodes_in_date_order() {
        let episode = |id: &str, level: LevelOfCare, start: &str, target: Option<u32>| {
            EpisodeOfCare::new(
                id,
                crate::EpisodeStatus::Finished,
                level,
                "3",
                start.parse().unwrap(),
            )
            .with_target(target)
        };
        let mut cancelled = episode("9", LevelOfCare::PartialHospitalization, "2026-01-01", None);
        cancelled.status = crate::EpisodeStatus::EnteredInError;
        let episodes = vec![
            episode("5", LevelOfCare::Outpatient, "2026-04-01", Some(180)),
            episode("4", LevelOfCare::Iop, "2026-03-02", None),
            episode("6", LevelOfCare::Aftercare, "2026-05-01", None),
            cancelled,
        ];
        let course = course_from_episodes(&episodes);
        assert_eq!(course.len(), 3);
        assert_eq!(course[0].level, LevelOfCare::Iop);
        assert_eq!(course[0].weekly_target_minutes, Some(540));
        assert_eq!(course[1].weekly_target_minutes, Some(180));
        assert_eq!(course[2].weekly_target_minutes, None);
        let day = |text: &str| text.parse::<NaiveDate>().unwrap();
        assert_eq!(current_level(&course, day("2026-03-01")), None);
        assert_eq!(
            current_level(&course, day("2026-03-31")).map(|period| period.level),
            Some(LevelOfCare::Iop)
        );
        assert_eq!(
            current_level(&course, day("2026-04-01")).map(|period| period.level),
            Some(LevelOfCare::Outpatient)
        );
        assert_eq!(
            current_level(&course, day("2027-01-01")).map(|period| period.level),
            Some(LevelOfCare::Aftercare)
        );
    }
}
