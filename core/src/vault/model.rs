//! The decrypted model: every record of an unlocked vault, indexed for the queries the UI makes
//! (time range, kind, text). Exists only while the vault is unlocked; dropped on lock.
//!
//! Records live in slots (a `Vec`), and every index refers to slot numbers, so indices hold small
//! integers rather than copies of ids. Unlocking builds the model at once from [`Part`]s decrypted in
//! parallel ([`Model::from_parts`]), except the word index, which the first text search builds from
//! every record (on all cores) before it answers, so unlocking does not wait for it and a search never
//! sees part of it; single saves and deletes keep the model, and the word index once built, current.

use std::collections::{BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::record::{RecordId, RecordKind, StoredRecord};

/// A query over the unlocked vault. Every present condition must hold. (The UI asks with
/// [`crate::entry::EntryQuery`].)
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Query {
    /// Only these kinds (all kinds when empty).
    pub kinds: Vec<RecordKind>,
    /// Only records that happened at or after this instant.
    pub from: Option<DateTime<Utc>>,
    /// Only records that happened before this instant.
    pub to: Option<DateTime<Utc>>,
    /// Words that must each begin a word of the record's text (case-insensitive).
    pub text: Option<String>,
    /// At most this many results (newest first).
    pub limit: Option<u32>,
}

/// A fast multiply-rotate hasher for in-memory indices. Not resistant to crafted collisions, which is
/// fine here: every key is either a random record id or a word the patient typed into their own vault.
#[derive(Default, Clone, Copy)]
pub(crate) struct QuickHasher(u64);

impl Hasher for QuickHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type QuickMap<K, V> = HashMap<K, V, BuildHasherDefault<QuickHasher>>;

/// Every record, plus the indices.
#[derive(Debug, Default)]
pub(crate) struct Model {
    slots: Vec<Option<StoredRecord>>,
    free: Vec<u32>,
    by_id: QuickMap<RecordId, u32>,
    /// (when it happened, or when it was created; slot): ordered by time for range queries.
    by_time: BTreeSet<(DateTime<Utc>, u32)>,
    by_kind: QuickMap<RecordKind, BTreeSet<u32>>,
    /// Built by the first text search ([`Model::word_index`]).
    words: OnceLock<WordIndex>,
}

/// The words of every record's text.
#[derive(Debug, Default)]
struct WordIndex {
    /// Lower-cased word -> slots whose text contains it (ascending, no repeats).
    words: QuickMap<Box<str>, Vec<u32>>,
    /// Every key of `words`, sorted, so the words starting with a prefix are one contiguous range.
    vocabulary: Vec<Box<str>>,
}

/// Indexes the words of the records in `slots`, numbering them from `offset`.
fn index_run(slots: &[Option<StoredRecord>], offset: u32) -> QuickMap<Box<str>, Vec<u32>> {
    let mut words: QuickMap<Box<str>, Vec<u32>> = QuickMap::default();
    let mut buf = String::new();
    for (i, record) in slots.iter().enumerate() {
        let Some(record) = record else { continue };
        let slot = offset + i as u32;
        for field in record.record.text_fields() {
            for_each_word(field, &mut buf, |word| match words.get_mut(word) {
                // Slots arrive in ascending order, so a repeat can only be the last entry.
                Some(list) if list.last() == Some(&slot) => {}
                Some(list) => list.push(slot),
                None => {
                    words.insert(word.into(), vec![slot]);
                }
            });
        }
    }
    words
}

impl WordIndex {
    /// Indexes every record, runs of slots on all cores, joined in slot order.
    fn build(slots: &[Option<StoredRecord>]) -> Self {
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        let chunk = slots.len().div_ceil(workers).max(1);
        let runs: Vec<QuickMap<Box<str>, Vec<u32>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = slots
                .chunks(chunk)
                .enumerate()
                .map(|(i, run)| scope.spawn(move || index_run(run, (i * chunk) as u32)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("indexing words does not panic"))
                .collect()
        });
        let mut words: QuickMap<Box<str>, Vec<u32>> = QuickMap::default();
        // Each run's slots are ascending and above every earlier run's, so appending keeps every
        // posting list sorted without repeats.
        for run in runs {
            for (word, slots) in run {
                words.entry(word).or_default().extend(slots);
            }
        }
        let mut vocabulary: Vec<Box<str>> = words.keys().cloned().collect();
        vocabulary.sort_unstable();
        Self { words, vocabulary }
    }

    fn add(&mut self, record: &StoredRecord, slot: u32) {
        let mut buf = String::new();
        for field in record.record.text_fields() {
            for_each_word(field, &mut buf, |word| {
                let list = match self.words.get_mut(word) {
                    Some(list) => list,
                    None => {
                        let at = self.vocabulary.partition_point(|w| &**w < word);
                        self.vocabulary.insert(at, word.into());
                        self.words.entry(word.into()).or_default()
                    }
                };
                // Reused slots can be lower than existing entries: keep the list sorted.
                if let Err(at) = list.binary_search(&slot) {
                    list.insert(at, slot);
                }
            });
        }
    }

    fn remove(&mut self, old: &StoredRecord, slot: u32) {
        let mut buf = String::new();
        for field in old.record.text_fields() {
            for_each_word(field, &mut buf, |word| {
                let emptied = match self.words.get_mut(word) {
                    Some(list) => {
                        if let Ok(at) = list.binary_search(&slot) {
                            list.remove(at);
                        }
                        list.is_empty()
                    }
                    None => false,
                };
                if emptied {
                    self.words.remove(word);
                    if let Ok(at) = self.vocabulary.binary_search_by(|w| (**w).cmp(word)) {
                        self.vocabulary.remove(at);
                    }
                }
            });
        }
    }
}

impl std::fmt::Debug for QuickHasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("QuickHasher")
    }
}

pub(crate) fn sort_time(r: &StoredRecord) -> DateTime<Utc> {
    r.record.occurred_at().unwrap_or(r.created.utc)
}

/// Calls `f` with each lower-cased word of `text` (letters and digits; everything else separates).
/// Words already in lower case, the common case, are passed without allocating.
fn for_each_word(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if word.chars().any(char::is_uppercase) {
            buf.clear();
            buf.extend(word.chars().flat_map(char::to_lowercase));
            f(buf);
        } else {
            f(word);
        }
    }
}

/// Whether `text` has at least one word.
fn has_words(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| !w.is_empty())
}

/// A run of consecutive records, decrypted on one thread while unlocking.
#[derive(Debug, Default)]
pub(crate) struct Part {
    records: Vec<StoredRecord>,
}

impl Part {
    pub(crate) fn new(records: Vec<StoredRecord>) -> Self {
        Self { records }
    }
}

impl Model {
    /// Builds the model from parts made on several threads ([`Part::new`]), in order: the records
    /// of the first part take the first slots, and so on.
    pub(crate) fn from_parts(parts: Vec<Part>) -> Self {
        let total = parts.iter().map(|p| p.records.len()).sum();
        let mut model = Self {
            slots: Vec::with_capacity(total),
            ..Self::default()
        };
        model.by_id.reserve(total);
        let mut times = Vec::with_capacity(total);
        let mut kinds: QuickMap<RecordKind, Vec<u32>> = QuickMap::default();
        for part in parts {
            for record in part.records {
                let slot = model.slots.len() as u32;
                model.by_id.insert(record.id, slot);
                times.push((sort_time(&record), slot));
                kinds.entry(record.record.kind()).or_default().push(slot);
                model.slots.push(Some(record));
            }
        }
        times.sort_unstable();
        model.by_time = times.into_iter().collect();
        model.by_kind = kinds
            .into_iter()
            .map(|(kind, slots)| (kind, slots.into_iter().collect()))
            .collect();
        model
    }

    /// The word index, built now if this is the first text search since unlocking.
    fn word_index(&self) -> &WordIndex {
        self.words.get_or_init(|| WordIndex::build(&self.slots))
    }

    /// Number of records.
    pub(crate) fn len(&self) -> usize {
        self.by_id.len()
    }

    fn slot(&self, slot: u32) -> Option<&StoredRecord> {
        self.slots.get(slot as usize).and_then(Option::as_ref)
    }

    pub(crate) fn get(&self, id: &RecordId) -> Option<&StoredRecord> {
        self.by_id.get(id).and_then(|&s| self.slot(s))
    }

    /// Adds or replaces a record and its index entries.
    pub(crate) fn put(&mut self, record: StoredRecord) {
        self.remove(&record.id);
        let slot = match self.free.pop() {
            Some(s) => s,
            None => {
                self.slots.push(None);
                (self.slots.len() - 1) as u32
            }
        };
        self.by_id.insert(record.id, slot);
        self.by_time.insert((sort_time(&record), slot));
        self.by_kind
            .entry(record.record.kind())
            .or_default()
            .insert(slot);
        if let Some(index) = self.words.get_mut() {
            index.add(&record, slot);
        }
        self.slots[slot as usize] = Some(record);
    }

    /// Removes a record and its index entries.
    pub(crate) fn remove(&mut self, id: &RecordId) -> Option<StoredRecord> {
        let slot = self.by_id.remove(id)?;
        let old = self.slots[slot as usize].take()?;
        self.by_time.remove(&(sort_time(&old), slot));
        if let Some(set) = self.by_kind.get_mut(&old.record.kind()) {
            set.remove(&slot);
        }
        if let Some(index) = self.words.get_mut() {
            index.remove(&old, slot);
        }
        self.free.push(slot);
        Some(old)
    }

    /// The single record of a singleton kind, if any.
    pub(crate) fn singleton(&self, kind: RecordKind) -> Option<&StoredRecord> {
        self.by_kind
            .get(&kind)?
            .iter()
            .next()
            .and_then(|&s| self.slot(s))
    }

    /// Every record of `kind`, in no particular order.
    pub(crate) fn of_kind(&self, kind: RecordKind) -> impl Iterator<Item = &StoredRecord> {
        self.by_kind
            .get(&kind)
            .into_iter()
            .flatten()
            .filter_map(|&s| self.slot(s))
    }

    /// Records matching `query`, newest first.
    pub(crate) fn query(&self, query: &Query) -> Vec<&StoredRecord> {
        let text_hits = query
            .text
            .as_deref()
            .filter(|t| has_words(t))
            .map(|t| self.text_matches(t));
        let limit = query.limit.map_or(usize::MAX, |l| l as usize);
        let range = match (query.from, query.to) {
            (Some(lo), Some(hi)) if lo >= hi => return Vec::new(),
            (Some(lo), Some(hi)) => self.by_time.range((lo, 0)..(hi, 0)),
            (Some(lo), None) => self.by_time.range((lo, 0)..),
            (None, Some(hi)) => self.by_time.range(..(hi, 0)),
            (None, None) => self.by_time.range(..),
        };
        range
            .rev()
            .filter(|(_, slot)| text_hits.as_ref().is_none_or(|hits| hits[*slot as usize]))
            .filter_map(|&(_, slot)| self.slot(slot))
            .filter(|r| query.kinds.is_empty() || query.kinds.contains(&r.record.kind()))
            .take(limit)
            .collect()
    }

    /// For each slot, whether every query word begins some word of that record's text.
    fn text_matches(&self, text: &str) -> Vec<bool> {
        let index = self.word_index();
        let mut result: Option<Vec<bool>> = None;
        let mut buf = String::new();
        for_each_word(text, &mut buf, |prefix| {
            let mut hits = vec![false; self.slots.len()];
            let start = index.vocabulary.partition_point(|w| &**w < prefix);
            for word in index.vocabulary[start..]
                .iter()
                .take_while(|w| w.starts_with(prefix))
            {
                for &slot in &index.words[word] {
                    hits[slot as usize] = true;
                }
            }
            result = Some(match result.take() {
                None => hits,
                Some(prev) => prev.iter().zip(&hits).map(|(a, b)| *a && *b).collect(),
            });
        });
        result.unwrap_or_else(|| vec![false; self.slots.len()])
    }

    /// Every record, in no particular order.
    pub(crate) fn all(&self) -> impl Iterator<Item = &StoredRecord> {
        self.slots.iter().flatten()
    }
}
