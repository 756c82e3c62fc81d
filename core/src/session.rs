//! Clinic sessions: the group, individual and family sessions of the program, as the clinic books them
//! (FHIR `Appointment`) or as the patient enters them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::craving::{check_label, check_text, LABEL_MAX_CHARS, TEXT_MAX_CHARS};
use crate::error::Invalid;
use crate::time::Stamp;

/// What kind of session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/lib/generated/")]
pub enum SessionKind {
    /// Group therapy or education.
    Group,
    /// One-to-one counseling.
    Individual,
    /// With family members.
    Family,
    /// Anything else.
    Other,
}

impl SessionKind {
    /// Lower-case words for reminder text ("group session").
    pub fn words(self) -> &'static str {
        match self {
            Self::Group => "group session",
            Self::Individual => "individual session",
            Self::Family => "family session",
            Self::Other => "session",
        }
    }
}

/// FHIR R4 `Appointment.status`, serialized as exactly the FHIR codes so the clinic's values pass
/// through unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export, export_to = "../../ui/src/lib/generated/")]
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
    /// Whether the patient was there. `arrived` and `checked-in` count as well as `fulfilled`: the
    /// patient came, and the clinic closing the appointment later must not make hours appear late.
    pub fn is_attended(self) -> bool {
        matches!(self, Self::Arrived | Self::CheckedIn | Self::Fulfilled)
    }

    /// Whether the session is still expected to happen and worth a reminder: `proposed`, `pending`
    /// and `booked`. A waitlist entry has no slot yet; arrived/checked-in means the patient is there.
    pub fn is_expected(self) -> bool {
        matches!(self, Self::Proposed | Self::Pending | Self::Booked)
    }
}

/// The patient's answer to the invitation: FHIR `participant.status` / `AppointmentResponse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(export, export_to = "../../ui/src/lib/generated/")]
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
#[ts(export, export_to = "../../ui/src/lib/generated/")]
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
#[ts(export, export_to = "../../ui/src/lib/generated/")]
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
#[ts(export, export_to = "../../ui/src/lib/generated/")]
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

    /// Length in hours (fractional), as counted towards the weekly goal.
    pub fn hours(&self) -> f64 {
        (self.end.utc - self.start.utc).num_seconds() as f64 / 3600.0
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
