//! The decrypted model: every record of an unlocked vault, indexed for the queries the UI makes
//! (time range, kind, text). Exists only while the vault is unlocked; dropped on lock.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::record::{RecordId, RecordKind, StoredRecord};

/// A query over the unlocked vault. Every present condition must hold.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export, export_to = "../../ui/src/lib/generated/")]
pub struct Query {
    /// Only these kinds (all kinds when empty).
    pub kinds: Vec<RecordKind>,
    /// Only records that happened at or after this instant.
    #[ts(type = "string | null")]
    pub from: Option<DateTime<Utc>>,
    /// Only records that happened before this instant.
    #[ts(type = "string | null")]
    pub to: Option<DateTime<Utc>>,
    /// Words that must each begin a word of the record's text (case-insensitive).
    pub text: Option<String>,
    /// At most this many results (newest first).
    pub limit: Option<u32>,
}

/// Every record, plus the indices.
#[derive(Debug, Default)]
pub(crate) struct Model {
    records: HashMap<RecordId, StoredRecord>,
    /// (when it happened, or when it was created, id): ordered by time for range queries.
    by_time: BTreeSet<(DateTime<Utc>, RecordId)>,
    by_kind: HashMap<RecordKind, HashSet<RecordId>>,
    /// Lower-cased word -> records containing it; a BTreeMap so a prefix is a range.
    words: BTreeMap<String, HashSet<RecordId>>,
}

fn sort_time(r: &StoredRecord) -> DateTime<Utc> {
    r.record.occurred_at().unwrap_or(r.created.utc)
}

/// Splits text into lower-cased words (letters and digits; everything else separates).
pub(crate) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

impl Model {
    /// Number of records.
    pub(crate) fn len(&self) -> usize {
        self.records.len()
    }

    pub(crate) fn get(&self, id: &RecordId) -> Option<&StoredRecord> {
        self.records.get(id)
    }

    /// Adds or replaces a record and its index entries.
    pub(crate) fn put(&mut self, record: StoredRecord) {
        self.remove(&record.id);
        let id = record.id;
        self.by_time.insert((sort_time(&record), id));
        self.by_kind
            .entry(record.record.kind())
            .or_default()
            .insert(id);
        for field in record.record.text_fields() {
            for word in words(field) {
                self.words.entry(word).or_default().insert(id);
            }
        }
        self.records.insert(id, record);
    }

    /// Removes a record and its index entries.
    pub(crate) fn remove(&mut self, id: &RecordId) -> Option<StoredRecord> {
        let old = self.records.remove(id)?;
        self.by_time.remove(&(sort_time(&old), *id));
        if let Some(set) = self.by_kind.get_mut(&old.record.kind()) {
            set.remove(id);
        }
        for field in old.record.text_fields() {
            for word in words(field) {
                if let Some(set) = self.words.get_mut(&word) {
                    set.remove(id);
                    if set.is_empty() {
                        self.words.remove(&word);
                    }
                }
            }
        }
        Some(old)
    }

    /// The single record of a singleton kind, if any.
    pub(crate) fn singleton(&self, kind: RecordKind) -> Option<&StoredRecord> {
        self.by_kind
            .get(&kind)?
            .iter()
            .next()
            .and_then(|id| self.records.get(id))
    }

    /// Every record of `kind`, in no particular order.
    pub(crate) fn of_kind(&self, kind: RecordKind) -> impl Iterator<Item = &StoredRecord> {
        self.by_kind
            .get(&kind)
            .into_iter()
            .flatten()
            .filter_map(|id| self.records.get(id))
    }

    /// Records matching `query`, newest first.
    pub(crate) fn query(&self, query: &Query) -> Vec<&StoredRecord> {
        let text_hits = query
            .text
            .as_deref()
            .filter(|t| words(t).next().is_some())
            .map(|t| self.text_matches(t));
        let limit = query.limit.map_or(usize::MAX, |l| l as usize);
        let lower = query.from.map(|f| (f, RecordId([0; 16])));
        let range = match (lower, query.to) {
            (Some(lo), Some(hi)) if lo.0 >= hi => return Vec::new(),
            (Some(lo), Some(hi)) => self.by_time.range(lo..(hi, RecordId([0; 16]))),
            (Some(lo), None) => self.by_time.range(lo..),
            (None, Some(hi)) => self.by_time.range(..(hi, RecordId([0; 16]))),
            (None, None) => self.by_time.range(..),
        };
        range
            .rev()
            .filter(|(_, id)| text_hits.as_ref().is_none_or(|hits| hits.contains(id)))
            .filter_map(|(_, id)| self.records.get(id))
            .filter(|r| query.kinds.is_empty() || query.kinds.contains(&r.record.kind()))
            .take(limit)
            .collect()
    }

    /// Ids of records in which every query word begins some word of the text.
    fn text_matches(&self, text: &str) -> HashSet<RecordId> {
        let mut result: Option<HashSet<RecordId>> = None;
        for word in words(text) {
            let mut hits = HashSet::new();
            for (_, ids) in self
                .words
                .range(word.clone()..)
                .take_while(|(w, _)| w.starts_with(&word))
            {
                hits.extend(ids.iter().copied());
            }
            result = Some(match result {
                None => hits,
                Some(prev) => prev.intersection(&hits).copied().collect(),
            });
        }
        result.unwrap_or_default()
    }

    /// Every record, in no particular order.
    pub(crate) fn all(&self) -> impl Iterator<Item = &StoredRecord> {
        self.records.values()
    }
}
