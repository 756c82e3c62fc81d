//! Support contacts: the people the patient can reach when it gets hard.

use serde::{Deserialize, Serialize};

use crate::craving::{check_label, check_text, TEXT_MAX_CHARS};
use crate::error::Invalid;

/// Who a contact is to the patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum ContactRole {
    /// A sponsor.
    Sponsor,
    /// A counselor or therapist.
    Counselor,
    /// Family.
    Family,
    /// A friend.
    Friend,
    /// A peer in recovery.
    Peer,
    /// Anyone else.
    Other,
}

/// The longest phone number accepted, counting every character.
pub const PHONE_MAX_CHARS: usize = 32;

/// One support contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct SupportContact {
    /// The name the patient uses for them.
    pub name: String,
    /// Who they are to the patient.
    pub role: ContactRole,
    /// A phone number, if the patient added one.
    pub phone: Option<String>,
    /// Whether texting them is welcome (offers "text" next to "call").
    #[serde(default)]
    pub can_text: bool,
    /// Anything else.
    pub notes: Option<String>,
}

impl SupportContact {
    /// Checks every field. A phone number may hold digits, spaces and `+ - ( ) .` only, with at least
    /// three digits: it becomes a `tel:` link, so anything else is refused rather than dialled.
    pub fn validate(&self) -> Result<(), Invalid> {
        check_label("name", &self.name)?;
        if let Some(phone) = &self.phone {
            let allowed = phone
                .chars()
                .all(|c| c.is_ascii_digit() || " +-().".contains(c));
            let digits = phone.chars().filter(char::is_ascii_digit).count();
            if !allowed || digits < 3 || phone.chars().count() > PHONE_MAX_CHARS {
                return Err(Invalid::new(
                    "phone",
                    "must be a phone number (digits, spaces, + - ( ) .)",
                ));
            }
        }
        check_text("notes", self.notes.as_deref(), TEXT_MAX_CHARS)
    }

    /// The free text of the contact, for search.
    pub fn text_fields(&self) -> Vec<&str> {
        [
            Some(self.name.as_str()),
            self.phone.as_deref(),
            self.notes.as_deref(),
        ]
        .into_iter()
        .flatten()
        .filter(|t| !t.is_empty())
        .collect()
    }
}
