//! Records: the unit the vault seals. Every item a patient writes is one record.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::app_state::{CareCourse, ReminderMark, StoredDraft};
use crate::contact::SupportContact;
use crate::craving::CravingEntry;
use crate::error::Result;
use crate::halt::HaltCheck;
pub use crate::id::RecordId;
use crate::plan::RelapsePlan;
use crate::program::ProgramSettings;
use crate::session::ClinicSession;
use crate::settings::Settings;
use crate::share::consent::SharedConsent;
use crate::sync::connection::ClinicConnection;
use crate::sync::outbox::OutgoingAnswer;
use crate::time::Stamp;
use crate::urge::UrgeSurfSession;

/// What a record holds. The JSON form is sealed inside the ciphertext (and is the plain export's).
/// It is tagged by `type`, not `kind`, because payloads have `kind` fields of their own (a
/// session's kind: group, individual, ...), and an internally tagged enum cannot share a key with
/// its content. The UI never sees this type: it reads and writes [`crate::entry::Entry`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Record {
    /// A craving journal entry.
    Craving(CravingEntry),
    /// A HALT self-check.
    Halt(HaltCheck),
    /// An urge-surfing exercise.
    Urge(UrgeSurfSession),
    /// A clinic session (group, individual, ...).
    Session(ClinicSession),
    /// A support contact.
    Contact(SupportContact),
    /// The relapse-prevention plan (one per vault).
    Plan(RelapsePlan),
    /// The program settings: start date, goal hours (one per vault).
    Program(ProgramSettings),
    /// App settings (one per vault).
    Settings(Settings),
    /// The link to the patient's clinic, with this device's signing key (one per vault). Sync state:
    /// the UI never reads or writes it directly.
    Connection(ClinicConnection),
    /// An answer to a clinic session waiting to be sent (the sync outbox). Sync state, like
    /// [`Record::Connection`].
    Outbox(OutgoingAnswer),
    /// How far the reminder scheduler got (one per vault). Kept by the shell, never by the UI,
    /// so it is left out of the TypeScript bindings.
    ReminderMark(ReminderMark),
    /// A consent to share entries with the clinic, with a copy of exactly what it disclosed (later
    /// journal edits do not change it). Written only by [`crate::share`]; the UI reads consents through
    /// [`crate::share::consents`] as `ConsentSummary`, so the record itself is left out of the
    /// TypeScript bindings.
    Consent(SharedConsent),
    /// The clinic's course of care (levels of care, step-downs, discharge), read at each sync (one per
    /// vault). Sync state; the UI reads it through [`crate::care::plan`].
    CareCourse(CareCourse),
    /// What was on screen when the vault locked (one per vault): app state, read back once through
    /// [`crate::draft::take`].
    Draft(StoredDraft),
}

/// The kinds of record, for queries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RecordKind {
    /// [`Record::Craving`].
    Craving,
    /// [`Record::Halt`].
    Halt,
    /// [`Record::Urge`].
    Urge,
    /// [`Record::Session`].
    Session,
    /// [`Record::Contact`].
    Contact,
    /// [`Record::Plan`].
    Plan,
    /// [`Record::Program`].
    Program,
    /// [`Record::Settings`].
    Settings,
    /// [`Record::Connection`].
    Connection,
    /// [`Record::Outbox`].
    Outbox,
    /// [`Record::ReminderMark`]: internal to the shell, so not in the TypeScript bindings.
    ReminderMark,
    /// [`Record::Consent`]: read through [`crate::share`], so not in the TypeScript bindings.
    Consent,
    /// [`Record::CareCourse`]: read through [`crate::care`], so not in the TypeScript bindings.
    CareCourse,
    /// [`Record::Draft`]: read through [`crate::draft`], so not in the TypeScript bindings.
    Draft,
}

impl RecordKind {
    /// Kinds of which a vault holds at most one.
    pub fn is_singleton(self) -> bool {
        matches!(
            self,
            Self::Plan
                | Self::Program
                | Self::Settings
                | Self::Connection
                | Self::ReminderMark
                | Self::CareCourse
                | Self::Draft
        )
    }

    /// Kinds that hold the sync machinery rather than anything the patient wrote. The shell must not
    /// hand them to the UI or accept them from it: the connection holds the device's private key, and
    /// outbox entries are only made together with the session change they send.
    pub fn is_sync_state(self) -> bool {
        matches!(self, Self::Connection | Self::Outbox | Self::CareCourse)
    }

    /// Kinds the app keeps for itself (sync state, the reminder mark, share consents): never listed
    /// to the UI as entries, never written or deleted from it, never in the plain export.
    ///
    /// Consents are here on purpose: a consent is a signed legal record of a disclosure, so the UI must
    /// not be able to forge, edit or delete one (it revokes through [`crate::share::revoke`]), and it is
    /// not a journal entry (the share screen lists consents with [`crate::share::consents`]).
    pub fn is_app_state(self) -> bool {
        self.is_sync_state() || matches!(self, Self::ReminderMark | Self::Consent | Self::Draft)
    }
}

impl Record {
    /// The record's kind.
    pub fn kind(&self) -> RecordKind {
        match self {
            Self::Craving(_) => RecordKind::Craving,
            Self::Halt(_) => RecordKind::Halt,
            Self::Urge(_) => RecordKind::Urge,
            Self::Session(_) => RecordKind::Session,
            Self::Contact(_) => RecordKind::Contact,
            Self::Plan(_) => RecordKind::Plan,
            Self::Program(_) => RecordKind::Program,
            Self::Settings(_) => RecordKind::Settings,
            Self::ReminderMark(_) => RecordKind::ReminderMark,
            Self::Connection(_) => RecordKind::Connection,
            Self::Outbox(_) => RecordKind::Outbox,
            Self::Consent(_) => RecordKind::Consent,
            Self::CareCourse(_) => RecordKind::CareCourse,
            Self::Draft(_) => RecordKind::Draft,
        }
    }

    /// Checks every field; the UI's input goes through this before anything is stored.
    pub fn validate(&self) -> Result<()> {
        match self {
            Self::Craving(r) => r.validate()?,
            Self::Halt(r) => r.validate()?,
            Self::Urge(r) => r.validate()?,
            Self::Session(r) => r.validate()?,
            Self::Contact(r) => r.validate()?,
            Self::Plan(r) => r.validate()?,
            Self::Program(r) => r.validate()?,
            Self::Settings(r) => r.validate()?,
            // Any instant is a valid mark: a clock far off is the case the mark exists to survive.
            Self::ReminderMark(_) => {}
            Self::Connection(r) => r.validate()?,
            Self::Outbox(r) => r.validate()?,
            Self::Consent(r) => r.validate()?,
            Self::CareCourse(r) => r.validate()?,
            Self::Draft(r) => r.validate()?,
        }
        Ok(())
    }

    /// When the thing the record describes happened, if it has such a time.
    pub fn occurred_at(&self) -> Option<DateTime<Utc>> {
        match self {
            Self::Craving(r) => Some(r.occurred_at.utc),
            Self::Halt(r) => Some(r.taken_at.utc),
            Self::Urge(r) => Some(r.started_at.utc),
            Self::Session(r) => Some(r.start.utc),
            // Bookkeeping, not something that happened to the patient: kept out of time queries.
            Self::ReminderMark(_) => None,
            _ => None,
        }
    }

    /// Every free-text field, for search.
    pub fn text_fields(&self) -> Vec<&str> {
        match self {
            Self::Craving(r) => r.text_fields(),
            Self::Halt(r) => r.text_fields(),
            Self::Urge(r) => r.text_fields(),
            Self::Session(r) => r.text_fields(),
            Self::Contact(r) => r.text_fields(),
            Self::Plan(r) => r.text_fields(),
            // Sync state is never searched: nothing in it is the patient's words.
            Self::Program(_)
            | Self::Settings(_)
            | Self::Connection(_)
            | Self::Outbox(_)
            | Self::ReminderMark(_)
            | Self::CareCourse(_)
            // A draft is not an entry yet: it joins the search when the patient saves it.
            | Self::Draft(_)
            // A consent's copies are not searched: the journal search finds the entries themselves.
            | Self::Consent(_) => Vec::new(),
        }
    }
}

/// A record as the vault holds it: the payload plus its id and when it was created and last changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredRecord {
    /// The random id.
    pub id: RecordId,
    /// When the record was first saved.
    pub created: Stamp,
    /// When the record was last saved.
    pub updated: Stamp,
    /// The payload.
    pub record: Record,
}

impl StoredRecord {
    /// Parses a stored record's JSON: the same answer as `serde_json::from_slice::<StoredRecord>`
    /// on every valid JSON text (tests/domain/stored_json.rs holds the two equal on every kind, on
    /// older shapes and on thousands of mutations), in less time. Serde's derived parser for an
    /// internally tagged enum first copies the whole payload into a tree of owned values to find its
    /// `type`, then reads the kind's struct from that tree. Serde writes the tag first, so here the
    /// payload is read in one pass: `type`, then the rest straight into that kind's struct. Anything
    /// this does not take (not UTF-8, the tag elsewhere, an escaped key) is parsed the derived way,
    /// whose answer then stands. One difference remains, on JSON that is not valid: a value under a
    /// key its kind does not have is skipped here, so a lone surrogate escape or an out-of-range
    /// number there is not refused as the derived parser refuses it. Unlocking parses every record
    /// through it, and a record opens only if its ciphertext is authentic, that is, written by
    /// Tideline's own serializer, which writes valid JSON.
    pub fn from_json(json: &[u8]) -> serde_json::Result<Self> {
        let Ok(text) = std::str::from_utf8(json) else {
            return serde_json::from_slice(json);
        };
        let mut de = serde_json::Deserializer::from_str(text);
        let fast = TagFirst::deserialize(&mut de).and_then(|r| de.end().map(|()| r));
        match fast {
            Ok(TagFirst {
                id,
                created,
                updated,
                record,
            }) => Ok(Self {
                id,
                created,
                updated,
                record,
            }),
            Err(_) => serde_json::from_slice(json),
        }
    }
}

/// [`StoredRecord`] whose payload must begin with its `type` (see [`StoredRecord::from_json`]).
#[derive(Deserialize)]
struct TagFirst {
    id: RecordId,
    created: Stamp,
    updated: Stamp,
    #[serde(deserialize_with = "record_tag_first")]
    record: Record,
}

fn record_tag_first<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Record, D::Error> {
    d.deserialize_map(TagFirstVisitor)
}

struct TagFirstVisitor;

impl<'de> serde::de::Visitor<'de> for TagFirstVisitor {
    type Value = Record;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a record whose first key is `type`")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Record, A::Error> {
        use serde::de::value::MapAccessDeserializer;
        use serde::de::Error;
        if map.next_key::<&'de str>()? != Some("type") {
            return Err(A::Error::custom("`type` is not first"));
        }
        let kind: RecordKind = map.next_value()?;
        let rest = MapAccessDeserializer::new(NoSecondTag(map));
        Ok(match kind {
            RecordKind::Craving => Record::Craving(Deserialize::deserialize(rest)?),
            RecordKind::Halt => Record::Halt(Deserialize::deserialize(rest)?),
            RecordKind::Urge => Record::Urge(Deserialize::deserialize(rest)?),
            RecordKind::Session => Record::Session(Deserialize::deserialize(rest)?),
            RecordKind::Contact => Record::Contact(Deserialize::deserialize(rest)?),
            RecordKind::Plan => Record::Plan(Deserialize::deserialize(rest)?),
            RecordKind::Program => Record::Program(Deserialize::deserialize(rest)?),
            RecordKind::Settings => Record::Settings(Deserialize::deserialize(rest)?),
            RecordKind::Connection => Record::Connection(Deserialize::deserialize(rest)?),
            RecordKind::Outbox => Record::Outbox(Deserialize::deserialize(rest)?),
            RecordKind::ReminderMark => Record::ReminderMark(Deserialize::deserialize(rest)?),
            RecordKind::Consent => Record::Consent(Deserialize::deserialize(rest)?),
            RecordKind::CareCourse => Record::CareCourse(Deserialize::deserialize(rest)?),
            RecordKind::Draft => Record::Draft(Deserialize::deserialize(rest)?),
        })
    }
}

/// The payload's keys after its tag, handed to the kind's struct; a second `type` is refused, as
/// serde's tagged parser refuses it (the struct alone would skip it as unknown). Keys are read as
/// borrowed text, so an escaped key is refused too (and goes the derived way).
struct NoSecondTag<A>(A);

impl<'de, A: serde::de::MapAccess<'de>> serde::de::MapAccess<'de> for NoSecondTag<A> {
    type Error = A::Error;

    fn next_key_seed<K: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> std::result::Result<Option<K::Value>, A::Error> {
        use serde::de::value::BorrowedStrDeserializer;
        match self.0.next_key::<&'de str>()? {
            None => Ok(None),
            Some("type") => Err(serde::de::Error::duplicate_field("type")),
            Some(key) => seed
                .deserialize(BorrowedStrDeserializer::<A::Error>::new(key))
                .map(Some),
        }
    }

    fn next_value_seed<V: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> std::result::Result<V::Value, A::Error> {
        self.0.next_value_seed(seed)
    }
}
