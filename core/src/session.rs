//! Clinic sessions: the group, individual and family sessions of the program, as the clinic books them
//! (FHIR `Appointment`) or as the patient enters them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use tideline_wire::care::{attended_minutes, Attendance};

use crate::craving::{check_label, check_text, LABEL_MAX_CHARS, TEXT_MAX_CHARS};
use crate::error::Invalid;
use crate::time::Stamp;

/// What kind of session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum SessionKind {
    /// Group therapy or education.
    Group,
    /// One-to-one counseling.
    Individual,
    /// With family members.
    Family,
    /// Learning about recovery (psychoeducation).
    Psychoeducation,
    /// Medication management with a prescriber.
    MedicationManagement,
    /// An aftercare check-in (30, 60 or 90 days after discharge).
    AftercareCheckIn,
    /// Anything else.
    Other,
}

impl SessionKind {
    /// Lower-case words for reminder text, in `lang` ("group session", "sesión de grupo").
    pub fn words(self, lang: crate::language::Lang) -> String {
        let id = match self {
            Self::Group => "group",
            Self::Individual => "individual",
            Self::Family => "family",
            Self::Psychoeducation => "psychoeducation",
            Self::MedicationManagement => "medication",
            Self::AftercareCheckIn => "aftercare",
            Self::Other => "other",
        };
        crate::language::t(lang, &format!("session-kind-words-{id}"))
    }
}

/// FHIR R4 `Appointment.status`, serialized as exactly the FHIR codes so the clinic's values pass
/// through unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum AppointmentStatus {
    /// `proposed`: suggested, not yet agreed.
    #[serde(rename = "proposed")]
    Proposed,
    /// `pending`: some participants have not answered.
    #[serde(rename = "pending")]
    Pending,
    /// `booked`: agreed and scheduled.
    #[serde(rename = "booked")]
    Booked,
    /// `arrived`: the patient has arrived.
    #[serde(rename = "arrived")]
    Arrived,
    /// `fulfilled`: the session took place with the patient.
    #[serde(rename = "fulfilled")]
    Fulfilled,
    /// `cancelled`.
    #[serde(rename = "cancelled")]
    Cancelled,
    /// `noshow`: the patient did not come.
    #[serde(rename = "noshow")]
    Noshow,
    /// `entered-in-error`: the booking was a mistake and should be ignored.
    #[serde(rename = "entered-in-error")]
    EnteredInError,
    /// `checked-in`: the patient has checked in.
    #[serde(rename = "checked-in")]
    CheckedIn,
    /// `waitlist`: waiting for a slot.
    #[serde(rename = "waitlist")]
    Waitlist,
}

impl AppointmentStatus {
    /// Whether the session is still expected to happen and worth a reminder: `proposed`, `pending`
    /// and `booked`. A waitlist entry has no slot yet; arrived/checked-in means the patient is there.
    pub fn is_expected(self) -> bool {
        matches!(self, Self::Proposed | Self::Pending | Self::Booked)
    }

    /// The same status as the wire crate spells it, for the shared hours rule.
    pub fn to_wire(self) -> tideline_wire::AppointmentStatus {
        use tideline_wire::AppointmentStatus as Wire;
        match self {
            Self::Proposed => Wire::Proposed,
            Self::Pending => Wire::Pending,
            Self::Booked => Wire::Booked,
            Self::Arrived => Wire::Arrived,
            Self::Fulfilled => Wire::Fulfilled,
            Self::Cancelled => Wire::Cancelled,
            Self::Noshow => Wire::Noshow,
            Self::EnteredInError => Wire::EnteredInError,
            Self::CheckedIn => Wire::CheckedIn,
            Self::Waitlist => Wire::Waitlist,
        }
    }
}

/// The patient's answer to the invitation: FHIR `participant.status` / `AppointmentResponse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum ParticipantResponse {
    /// `accepted`: "I'll be there".
    #[serde(rename = "accepted")]
    Accepted,
    /// `declined`: "I can't make it".
    #[serde(rename = "declined")]
    Declined,
    /// `tentative`: maybe.
    #[serde(rename = "tentative")]
    Tentative,
    /// `needs-action`: not answered yet (how the clinic books every session).
    #[default]
    #[serde(rename = "needs-action")]
    NeedsAction,
}

/// Where the session takes place.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum Venue {
    /// A place: a room, an address.
    InPerson {
        /// The place, as written by the clinic or the patient.
        place: String,
    },
    /// A video call.
    Video {
        /// The https link to join.
        link: String,
    },
}

/// Where the session record came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum SessionOrigin {
    /// Booked by the clinic; `clinicId` is the clinic's Appointment id, so updates find their record.
    #[serde(rename_all = "camelCase")]
    Clinic {
        /// The clinic's id for the appointment.
        clinic_id: String,
    },
    /// Entered by the patient on this device.
    Patient,
}

/// One clinic session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct ClinicSession {
    /// A title, if the clinic or the patient gave one.
    pub title: Option<String>,
    /// When it starts.
    pub start: Stamp,
    /// When it ends; after the start.
    pub end: Stamp,
    /// What kind of session.
    pub kind: SessionKind,
    /// Where it takes place, if known.
    pub venue: Option<Venue>,
    /// FHIR appointment status.
    pub status: AppointmentStatus,
    /// The patient's answer.
    #[serde(default)]
    pub response: ParticipantResponse,
    /// Where the record came from.
    pub origin: SessionOrigin,
    /// Why the clinic cancelled it, in the clinic's words, when it did and said why.
    #[serde(default)]
    pub cancel_reason: Option<String>,
    /// The clinic's attendance mark (attended, late, left early, no-show, excused), when recorded.
    #[serde(default)]
    pub attendance: Option<Attendance>,
    /// The patient's own mark, shown as self-reported. Never sent to the clinic, and ignored once the
    /// clinic has recorded the session (see [`ClinicSession::counted_mark`]).
    #[serde(default)]
    pub self_report: Option<Attendance>,
}

/// The longest session accepted: a full day. Longer is an input slip (wrong date on the end).
pub const MAX_SESSION_HOURS: i64 = 24;

impl ClinicSession {
    /// Checks every field and that the end comes after the start.
    pub fn validate(&self) -> Result<(), Invalid> {
        if self.end.utc <= self.start.utc {
            return Err(Invalid::new("end", "must be after the start"));
        }
        if self.end.utc - self.start.utc > chrono::Duration::hours(MAX_SESSION_HOURS) {
            return Err(Invalid::new(
                "end",
                "a session cannot last more than 24 hours",
            ));
        }
        check_text("title", self.title.as_deref(), LABEL_MAX_CHARS)?;
        check_text(
            "cancelReason",
            self.cancel_reason.as_deref(),
            TEXT_MAX_CHARS,
        )?;
        match &self.venue {
            Some(Venue::InPerson { place }) => check_label("venue", place)?,
            // Only https links: the UI renders this as a link, and a `javascript:` or plain-http link
            // from a tampered sync message must never become clickable.
            Some(Venue::Video { link }) => {
                if !link.starts_with("https://") || link.chars().any(char::is_whitespace) {
                    return Err(Invalid::new(
                        "venue",
                        "a video link must start with https://",
                    ));
                }
                check_text("venue", Some(link), TEXT_MAX_CHARS)?;
            }
            None => {}
        }
        if let SessionOrigin::Clinic { clinic_id } = &self.origin {
            check_label("origin", clinic_id)?;
        }
        Ok(())
    }

    /// Length in hours (fractional), as scheduled.
    pub fn hours(&self) -> f64 {
        (self.end.utc - self.start.utc).num_seconds() as f64 / 3600.0
    }

    /// Length in whole minutes, as scheduled.
    pub fn scheduled_minutes(&self) -> u32 {
        u32::try_from((self.end.utc - self.start.utc).num_minutes()).unwrap_or(0)
    }

    /// Whether the clinic has recorded how this session went: an attendance mark, or a status that
    /// closes it (arrived, checked in, fulfilled, no-show, cancelled, entered in error). Then the
    /// clinic's record counts and the patient's own mark does not.
    pub fn clinic_recorded(&self) -> bool {
        matches!(self.origin, SessionOrigin::Clinic { .. })
            && (self.attendance.is_some()
                || !matches!(
                    self.status,
                    AppointmentStatus::Proposed
                        | AppointmentStatus::Pending
                        | AppointmentStatus::Booked
                        | AppointmentStatus::Waitlist
                ))
    }

    /// The mark that counts and whether it is the patient's own: the clinic's once it has recorded
    /// the session, else the patient's self-report.
    pub fn counted_mark(&self) -> (Option<Attendance>, bool) {
        if self.clinic_recorded() || self.self_report.is_none() {
            (self.attendance, false)
        } else {
            (self.self_report, true)
        }
    }

    /// Minutes that count towards the weekly target, by the one rule the clinic's portal also uses
    /// ([`tideline_wire::care::attended_minutes`]).
    pub fn attended_minutes(&self) -> u32 {
        let (mark, _) = self.counted_mark();
        attended_minutes(self.scheduled_minutes(), self.status.to_wire(), mark)
    }

    /// Whether this session counts as missed: a no-show by the clinic's record or the patient's own.
    pub fn is_missed(&self) -> bool {
        match self.counted_mark() {
            (Some(Attendance::NoShow), _) => true,
            (Some(_), _) => false,
            (None, _) => self.status == AppointmentStatus::Noshow,
        }
    }

    /// Whether this session is still ahead at `now` and the patient is expected there: an expected
    /// status, not declined, and not yet started. Reminders and "next session" both use this.
    pub fn is_upcoming(&self, now: DateTime<Utc>) -> bool {
        self.wants_reminders() && self.start.utc > now
    }

    /// Whether reminders should be planned for this session at all, whatever the time.
    pub fn wants_reminders(&self) -> bool {
        self.status.is_expected() && self.response != ParticipantResponse::Declined
    }

    /// The free text of the session, for search.
    pub fn text_fields(&self) -> Vec<&str> {
        let venue = match &self.venue {
            Some(Venue::InPerson { place }) => Some(place.as_str()),
            _ => None,
        };
        [self.title.as_deref(), venue]
            .into_iter()
            .flatten()
            .filter(|t| !t.is_empty())
            .collect()
    }
}
