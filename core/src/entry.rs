//! What the UI may read and write: the patient's entries and settings, and nothing else.
//!
//! The sealed [`Record`] also holds the app's own state (the clinic connection with the device key,
//! the outbox, the course of care, the reminder mark, consents, drafts). [`Entry`] is the IPC type:
//! it has a variant only for the kinds the window may see, so app state cannot even be named in
//! TypeScript. Its JSON is the record's JSON for those kinds (same `type` tags, same fields).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::contact::SupportContact;
use crate::craving::CravingEntry;
use crate::error::{Error, Result};
use crate::halt::HaltCheck;
use crate::plan::RelapsePlan;
use crate::program::ProgramSettings;
use crate::record::{Record, RecordId, RecordKind, StoredRecord};
use crate::session::ClinicSession;
use crate::settings::Settings;
use crate::time::Stamp;
use crate::urge::UrgeSurfSession;
use crate::vault::{EarlyView, Query, Records, Vault};

/// An entry the UI reads and writes; converted to and from the sealed [`Record`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum Entry {
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
    /// The program settings (one per vault).
    Program(ProgramSettings),
    /// App settings (one per vault).
    Settings(Settings),
}

/// The kinds of [`Entry`], for queries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum EntryKind {
    /// [`Entry::Craving`].
    Craving,
    /// [`Entry::Halt`].
    Halt,
    /// [`Entry::Urge`].
    Urge,
    /// [`Entry::Session`].
    Session,
    /// [`Entry::Contact`].
    Contact,
    /// [`Entry::Plan`].
    Plan,
    /// [`Entry::Program`].
    Program,
    /// [`Entry::Settings`].
    Settings,
}

/// An entry as the vault holds it: the payload plus its id and when it was created and last changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct StoredEntry {
    /// The random id.
    pub id: RecordId,
    /// When the entry was first saved.
    pub created: Stamp,
    /// When the entry was last saved.
    pub updated: Stamp,
    /// The payload (named `record`, as in the vault's JSON).
    pub record: Entry,
}

/// A query over the patient's entries. Every present condition must hold.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct EntryQuery {
    /// Only these kinds (every entry kind when empty).
    pub kinds: Vec<EntryKind>,
    /// Only entries that happened at or after this instant.
    #[ts(type = "string | null")]
    pub from: Option<DateTime<Utc>>,
    /// Only entries that happened before this instant.
    #[ts(type = "string | null")]
    pub to: Option<DateTime<Utc>>,
    /// Words that must each begin a word of the entry's text (case-insensitive).
    pub text: Option<String>,
    /// At most this many results (newest first).
    pub limit: Option<u32>,
}

impl From<EntryKind> for RecordKind {
    fn from(kind: EntryKind) -> Self {
        match kind {
            EntryKind::Craving => Self::Craving,
            EntryKind::Halt => Self::Halt,
            EntryKind::Urge => Self::Urge,
            EntryKind::Session => Self::Session,
            EntryKind::Contact => Self::Contact,
            EntryKind::Plan => Self::Plan,
            EntryKind::Program => Self::Program,
            EntryKind::Settings => Self::Settings,
        }
    }
}

impl From<Entry> for Record {
    fn from(entry: Entry) -> Self {
        match entry {
            Entry::Craving(r) => Self::Craving(r),
            Entry::Halt(r) => Self::Halt(r),
            Entry::Urge(r) => Self::Urge(r),
            Entry::Session(r) => Self::Session(r),
            Entry::Contact(r) => Self::Contact(r),
            Entry::Plan(r) => Self::Plan(r),
            Entry::Program(r) => Self::Program(r),
            Entry::Settings(r) => Self::Settings(r),
        }
    }
}

impl TryFrom<Record> for Entry {
    type Error = Error;
    /// App state is not an entry: `NotFound`, as for an id the UI does not know.
    fn try_from(record: Record) -> Result<Self> {
        Ok(match record {
            Record::Craving(r) => Self::Craving(r),
            Record::Halt(r) => Self::Halt(r),
            Record::Urge(r) => Self::Urge(r),
            Record::Session(r) => Self::Session(r),
            Record::Contact(r) => Self::Contact(r),
            Record::Plan(r) => Self::Plan(r),
            Record::Program(r) => Self::Program(r),
            Record::Settings(r) => Self::Settings(r),
            Record::Connection(_)
            | Record::Outbox(_)
            | Record::ReminderMark(_)
            | Record::Consent(_)
            | Record::CareCourse(_)
            | Record::Draft(_) => return Err(Error::NotFound),
        })
    }
}

impl TryFrom<StoredRecord> for StoredEntry {
    type Error = Error;
    fn try_from(stored: StoredRecord) -> Result<Self> {
        Ok(Self {
            id: stored.id,
            created: stored.created,
            updated: stored.updated,
            record: Entry::try_from(stored.record)?,
        })
    }
}

impl StoredEntry {
    /// The entry of a stored record the vault handed out, or `None` for app state.
    pub fn of(stored: &StoredRecord) -> Option<Self> {
        Self::try_from(stored.clone()).ok()
    }
}

/// The entries matching `query`, newest first. App state is never among them.
pub fn query(vault: &Vault, query: &EntryQuery) -> Vec<StoredEntry> {
    entries(vault, &vault_query(query))
}

/// [`query`] answered from what unlocking opened first, when that holds every record the query can
/// match (only kinds it holds in full, no text): `None` otherwise, and the whole vault answers.
pub fn query_early(view: &EarlyView, query: &EntryQuery) -> Option<Vec<StoredEntry>> {
    let query = vault_query(query);
    (query.text.is_none() && view.holds_every(&query.kinds)).then(|| entries(view, &query))
}

fn vault_query(query: &EntryQuery) -> Query {
    let kinds: Vec<RecordKind> = if query.kinds.is_empty() {
        ALL.iter().copied().map(RecordKind::from).collect()
    } else {
        query.kinds.iter().copied().map(RecordKind::from).collect()
    };
    Query {
        kinds,
        from: query.from,
        to: query.to,
        text: query.text.clone(),
        limit: query.limit,
    }
}

fn entries(records: &impl Records, query: &Query) -> Vec<StoredEntry> {
    records
        .query(query)
        .into_iter()
        .filter_map(StoredEntry::of)
        .collect()
}

/// Saves an entry on the patient's behalf (new without `id`); an id of app state is `NotFound`.
pub fn save(
    vault: &mut Vault,
    id: Option<RecordId>,
    entry: Entry,
    now: Stamp,
) -> Result<StoredEntry> {
    StoredEntry::try_from(vault.save_entry(id, entry.into(), now)?)
}

const ALL: [EntryKind; 8] = [
    EntryKind::Craving,
    EntryKind::Halt,
    EntryKind::Urge,
    EntryKind::Session,
    EntryKind::Contact,
    EntryKind::Plan,
    EntryKind::Program,
    EntryKind::Settings,
];
