//! Sharing chosen journal entries with the patient's care team at the connected clinic, under a
//! 42 CFR Part 2 consent the patient reads and signs first (docs/share-protocol.md).
//!
//! The steps, and what each guarantees:
//!
//! 1. [`preview`]: exactly what would be sent: each entry as readable lines (the same fields the
//!    QuestionnaireResponse carries) and the consent text with every element Part 2 requires. Pure; no
//!    network.
//! 2. [`share`]: stores a [`SharedConsent`] (text, terms, a copy of every entry as sent) in the vault
//!    first, then reads the care team, signs the bundle with the device key, stores the signed bundle,
//!    and only then sends it. Later journal edits do not change what the consent holds.
//! 3. Offline or a busy clinic: [`Error::Offline`] (or [`Error::Clinic`]) and the consent stays
//!    [`ConsentState::Sending`]. It is **not** retried in the background: the patient sends it again
//!    with [`resend`] (or revokes it). A disclosure of substance-use records should happen when the
//!    patient acts, not hours later when a network comes back, and a consent that waited past its
//!    expiry is refused rather than sent. A resend sends the very same signed bytes with the same
//!    idempotency key, so a share whose reply was lost is stored once.
//! 4. [`consents`], [`revoke`] (the clinic deletes the shared responses and refuses access from then
//!    on), [`accounting`] (who at the clinic viewed them, and when).
//!
//! Consents are app state ([`RecordKind::is_app_state`]): not journal entries, not writable from the UI.

pub(crate) mod consent;
mod entry;
mod manage;
mod preview;
mod send;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use ring::rand::SecureRandom;
use serde::{Deserialize, Serialize};
use tideline_wire::share::{ShareBundle, ShareResource, REVOKE_OPERATION};
use tideline_wire::{
    AuditEvent, Bundle, CareTeam, Consent, ConsentActor, ConsentData, ConsentPolicy,
    ConsentProvision, ConsentStatus, ConsentType, DataMeaning, Narrative, Period, Provenance,
    ProvenanceAgent, ProvenanceType, ProvisionType, Reference, Signature,
    TransactionResponseBundle, PART2_POLICY_URI, RAW_SIGNATURE_FORMAT,
};

use crate::error::{Error, Invalid, Result};
use crate::record::{Record, RecordId, RecordKind};
use crate::sync::{self, Client, Reply, Signed};
use crate::time::Stamp;
use crate::vault::{Query, Vault};

pub use consent::{ClinicCopy, SentResponse, SharePurpose, SharedConsent};
pub use entry::{describe, ShareKind, SharedEntry};
pub use manage::{accounting, consents, revoke};
pub(crate) use preview::entry_when;
pub use preview::{preview, selected};
pub use send::{resend, share};
#[allow(unused_imports)]
use {manage::*, preview::*, send::*};

/// The notice every disclosed record carries (42 CFR 2.32).
pub const PART2_NOTICE: &str =
    "42 CFR part 2 prohibits unauthorized use or disclosure of these records.";

/// The most entries one share may hold: a consent lists each one, and a list longer than this is no
/// longer something a person reads before signing.
pub const MAX_ENTRIES: usize = 200;

/// The longest a consent may last: a year. Part 2 needs an end; a year keeps it meaningful.
pub const MAX_DAYS: i64 = 366;

/// Which entries to share.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct ShareSelection {
    /// Exactly these entries. When empty, every entry of `kinds` between `from` and `to`.
    #[serde(default)]
    pub entries: Vec<RecordId>,
    /// Only entries that happened at or after this instant.
    #[ts(type = "string | null")]
    pub from: Option<DateTime<Utc>>,
    /// Only entries that happened before this instant.
    #[ts(type = "string | null")]
    pub to: Option<DateTime<Utc>>,
    /// Only these kinds (all three when empty).
    #[serde(default)]
    pub kinds: Vec<ShareKind>,
}

/// What the patient agrees to, besides the entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct ConsentTerms {
    /// The last day the clinic may view the entries (in the patient's zone; ends at midnight).
    #[ts(type = "string")]
    pub expires_on: NaiveDate,
    /// Why.
    #[serde(default)]
    pub purpose: SharePurpose,
}

/// Exactly what a share would send, shown before the patient signs.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct SharePreview {
    /// The entries, oldest first, each with every line that is sent.
    pub entries: Vec<SharedEntry>,
    /// The consent text, paragraph by paragraph.
    pub consent_text: Vec<String>,
    /// The clinic named as discloser and recipient.
    pub clinic_name: String,
    /// When the consent would end.
    #[ts(type = "string")]
    pub expires_at: DateTime<Utc>,
}

/// Where a consent stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum ConsentState {
    /// Signed and kept on this device, not yet confirmed by the clinic (offline, or the clinic was
    /// busy): send it again with [`resend`], or revoke it.
    Sending,
    /// The clinic has it; the care team may view the entries until it expires.
    Active,
    /// The patient revoked it.
    Revoked,
    /// Its end date has passed.
    Expired,
}

/// A consent as the sharing screen lists it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct ConsentSummary {
    /// The consent record.
    pub id: RecordId,
    /// Where it stands.
    pub state: ConsentState,
    /// The clinic.
    pub clinic_name: String,
    /// When signed.
    #[ts(type = "string")]
    pub signed_at: DateTime<Utc>,
    /// When it ends.
    #[ts(type = "string")]
    pub expires_at: DateTime<Utc>,
    /// The consent text as signed.
    pub consent_text: Vec<String>,
    /// The entries as shared (copies: later edits to the journal do not change them).
    pub entries: Vec<SharedEntry>,
    /// The Consent's id at the clinic, once confirmed.
    pub clinic_consent_id: Option<String>,
}

/// One view of shared entries by clinic staff, from the accounting of disclosures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct Disclosure {
    /// The staff member's name as the clinic gave it.
    pub who: String,
    /// When they viewed.
    #[ts(type = "string")]
    pub viewed_at: DateTime<Utc>,
    /// How many of the shared entries that view showed.
    pub entries_viewed: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Zone;

    fn stamp(utc: &str) -> Stamp {
        Stamp::new(utc.parse().unwrap(), Zone::new("America/Chicago").unwrap())
    }

    #[test]
    fn a_consent_ends_at_the_last_second_of_its_day_in_the_patients_zone() {
        let now = stamp("2026-03-01T18:00:00Z");
        let end = end_of(NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(), now).unwrap();
        assert_eq!(
            end,
            "2026-04-01T04:59:59Z".parse::<DateTime<Utc>>().unwrap(),
            "CDT is UTC-5"
        );
        let today = end_of(now.local_date(), now).unwrap();
        assert!(today > now.utc, "today is allowed: it ends tonight");
        assert!(
            end_of(now.local_date().pred_opt().unwrap(), now).is_err(),
            "yesterday is refused"
        );
        let far = now.local_date() + Duration::days(400);
        assert!(end_of(far, now).is_err(), "more than a year is refused");
    }

    #[test]
    fn random_urns_are_version_4_uuids() {
        let urn = random_urn(&ring::rand::SystemRandom::new()).unwrap();
        let uuid = urn.strip_prefix("urn:uuid:").unwrap();
        assert_eq!(uuid.len(), 36);
        assert_eq!(&uuid[14..15], "4");
        assert!(matches!(&uuid[19..20], "8" | "9" | "a" | "b"));
    }
}
