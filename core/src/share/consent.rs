//! The consent record kept in the vault: the terms the patient signed, the exact text they read, a copy
//! of every entry disclosed, the signed bundle once built, and what the clinic answered.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tideline_wire::share::ShareBundle;
use tideline_wire::QuestionnaireResponse;

use super::entry::SharedEntry;
use crate::error::Invalid;
use crate::time::Zone;

/// Why the entries are disclosed. Only treatment for now: that is the one purpose the app offers, and
/// a Part 2 consent must name its purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum SharePurpose {
    /// To help with the patient's treatment (v3 ActReason `TREAT`).
    #[default]
    Treatment,
}

impl SharePurpose {
    /// In the consent text.
    pub fn words(self) -> &'static str {
        match self {
            Self::Treatment => "to help with my treatment",
        }
    }
}

/// One shared entry's response as sent, with its `urn:uuid:` address in the bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SentResponse {
    /// `urn:uuid:...`.
    pub full_url: String,
    /// The response, exactly as signed.
    pub response: QuestionnaireResponse,
}

/// What the clinic answered to the share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClinicCopy {
    /// The Consent's id at the clinic.
    pub consent_id: String,
    /// The QuestionnaireResponses' ids, in the order of the entries.
    pub response_ids: Vec<String>,
    /// When the clinic confirmed it.
    pub confirmed_at: DateTime<Utc>,
}

/// A consent to share, as the vault keeps it (`Record::Consent`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SharedConsent {
    /// When the patient signed (pressed "Share").
    pub signed_at: DateTime<Utc>,
    /// The patient's zone then: the expiry is the end of `expires_on` there.
    pub zone: Zone,
    /// The last day the consent permits access.
    pub expires_on: NaiveDate,
    /// The instant it ends.
    pub expires_at: DateTime<Utc>,
    /// Why.
    pub purpose: SharePurpose,
    /// The clinic (discloser and, through its care team, recipient) as named in the text.
    pub clinic_name: String,
    /// The consent text, paragraph by paragraph, exactly as shown before signing.
    pub text: Vec<String>,
    /// A readable copy of each entry disclosed.
    pub entries: Vec<SharedEntry>,
    /// Each entry as a QuestionnaireResponse, in the same order: the copy that is sent.
    pub responses: Vec<SentResponse>,
    /// The bundle's idempotency key (128 random bits, hex): a resend is stored once.
    pub idempotency_key: String,
    /// The signed bundle, stored before it is first sent; a resend sends exactly these bytes again.
    pub bundle: Option<ShareBundle>,
    /// The clinic's confirmation, once received.
    pub clinic: Option<ClinicCopy>,
    /// When the patient revoked it (and the clinic confirmed, when it had it).
    pub revoked_at: Option<DateTime<Utc>>,
}

impl SharedConsent {
    /// Checks the parts every later step relies on.
    pub fn validate(&self) -> Result<(), Invalid> {
        if self.text.is_empty() {
            return Err(Invalid::new("text", "a consent needs its text"));
        }
        if self.entries.is_empty() || self.entries.len() != self.responses.len() {
            return Err(Invalid::new(
                "entries",
                "a consent lists each shared entry once",
            ));
        }
        if self.expires_at <= self.signed_at {
            return Err(Invalid::new(
                "expiresOn",
                "must be after the day of signing",
            ));
        }
        if tideline_wire::hex::decode(&self.idempotency_key).is_none_or(|key| key.len() != 16) {
            return Err(Invalid::new("idempotencyKey", "is not a key the app made"));
        }
        if let Some(clinic) = &self.clinic {
            if clinic.response_ids.len() != self.responses.len() {
                return Err(Invalid::new(
                    "clinic",
                    "the clinic's ids do not match the entries",
                ));
            }
        }
        Ok(())
    }
}
