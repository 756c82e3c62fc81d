//! The craving journal as the Log craving screen lists it: every filter the screen offers (dates,
//! intensity, trigger, outcome, words) runs here over the whole journal, and the answer is one page
//! of the newest matches with the true number of matches, so a journal of 50,000 entries is listed,
//! counted and searched as truthfully as one of ten.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::craving::{CravingEntry, CravingOutcome, Intensity, Trigger};
use crate::error::{Invalid, Result};
use crate::record::{Record, RecordId, RecordKind};
use crate::vault::{Query, Vault};

/// The most entries one page may hold.
pub const PAGE_MAX: u32 = 200;

/// What the journal list asks for. Every present condition must hold.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct CravingQuery {
    /// Only entries that happened at or after this instant.
    #[ts(type = "string | null")]
    pub from: Option<DateTime<Utc>>,
    /// Only entries that happened before this instant.
    #[ts(type = "string | null")]
    pub to: Option<DateTime<Utc>>,
    /// Only entries at least this strong.
    pub min_intensity: Option<Intensity>,
    /// Only entries at most this strong.
    pub max_intensity: Option<Intensity>,
    /// Only entries naming this trigger (free text compares as [`Trigger::grouping_key`] does).
    pub trigger: Option<Trigger>,
    /// Only entries that ended this way.
    pub outcome: Option<CravingOutcome>,
    /// Words that must each begin a word of the entry's text (case-insensitive).
    pub text: Option<String>,
    /// How many matches to skip (the entries already shown).
    pub offset: u32,
    /// How many matches to return, 1 to [`PAGE_MAX`].
    pub limit: u32,
}

/// One journal entry in a page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct CravingItem {
    /// The entry's id, for editing and deleting it.
    pub id: RecordId,
    /// The entry.
    pub entry: CravingEntry,
}

/// A page of the journal, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct CravingPage {
    /// The matches from `offset` on, at most `limit` of them.
    pub items: Vec<CravingItem>,
    /// How many entries match the query in the whole journal.
    pub total: u32,
    /// How many craving entries the journal holds in all.
    pub journal: u32,
    /// Every trigger the journal names, most used first (one per [`Trigger::grouping_key`], in
    /// the spelling of its newest entry), for the trigger filter and the quick picks.
    pub triggers: Vec<Trigger>,
}

impl CravingQuery {
    fn check(&self) -> Result<()> {
        if self.limit == 0 || self.limit > PAGE_MAX {
            return Err(Invalid::new("limit", "a page holds 1 to 200 entries").into());
        }
        Ok(())
    }

    fn admits(&self, entry: &CravingEntry, trigger: Option<&Trigger>) -> bool {
        self.min_intensity.is_none_or(|lo| entry.intensity >= lo)
            && self.max_intensity.is_none_or(|hi| entry.intensity <= hi)
            && self.outcome.is_none_or(|o| entry.outcome == o)
            && trigger.is_none_or(|key| entry.triggers.iter().any(|t| t.grouping_key() == *key))
    }
}

/// One page of the craving journal matching `query`, with the true total. The dates and words run on
/// the vault's indices; intensity, trigger and outcome are checked on what those leave.
pub fn page(vault: &Vault, query: &CravingQuery) -> Result<CravingPage> {
    query.check()?;
    let indexed = Query {
        kinds: vec![RecordKind::Craving],
        from: query.from,
        to: query.to,
        text: query.text.clone(),
        limit: None,
    };
    let trigger = query.trigger.as_ref().map(Trigger::grouping_key);
    let (offset, limit) = (query.offset as usize, query.limit as usize);
    let mut items = Vec::new();
    let mut total = 0usize;
    for stored in vault.query(&indexed) {
        let Record::Craving(entry) = &stored.record else {
            continue;
        };
        if !query.admits(entry, trigger.as_ref()) {
            continue;
        }
        if total >= offset && items.len() < limit {
            items.push(CravingItem {
                id: stored.id,
                entry: entry.clone(),
            });
        }
        total += 1;
    }
    let (journal, triggers) = triggers_in(vault);
    Ok(CravingPage {
        items,
        total: count(total),
        journal: count(journal),
        triggers,
    })
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The number of craving entries, and every trigger they name, most used first; ties keep the
/// order of their newest use.
fn triggers_in(vault: &Vault) -> (usize, Vec<Trigger>) {
    // (key, spelling of the newest use, its time, uses)
    let mut seen: Vec<(Trigger, Trigger, DateTime<Utc>, usize)> = Vec::new();
    let mut at: std::collections::HashMap<Trigger, usize> = std::collections::HashMap::new();
    let mut journal = 0;
    for stored in vault.of_kind(RecordKind::Craving) {
        let Record::Craving(entry) = &stored.record else {
            continue;
        };
        journal += 1;
        let when = entry.occurred_at.utc;
        for t in &entry.triggers {
            let key = t.grouping_key();
            match at.get(&key) {
                Some(&i) => {
                    let slot = &mut seen[i];
                    slot.3 += 1;
                    if when > slot.2 {
                        slot.1 = t.clone();
                        slot.2 = when;
                    }
                }
                None => {
                    at.insert(key.clone(), seen.len());
                    seen.push((key, t.clone(), when, 1));
                }
            }
        }
    }
    seen.sort_by(|a, b| b.3.cmp(&a.3).then(b.2.cmp(&a.2)));
    (journal, seen.into_iter().map(|s| s.1).collect())
}
