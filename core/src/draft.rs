//! What was on screen when the vault locked: a half-written craving entry or an urge-surfing
//! exercise in progress, kept sealed inside the vault (a [`Record::Draft`], app state) and offered
//! back after the next unlock. Never in plain text on disk, never in the webview's storage.
//!
//! The window writes its draft as it goes (a few seconds after each change), because an auto-lock
//! comes without warning; writing a draft is not the patient's activity and never postpones the lock.
//! The body is the window's own form state, opaque here: the core seals it, bounds its size, and
//! hands it back once.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Invalid, Result};
use crate::record::{Record, RecordKind};
use crate::time::Stamp;
use crate::vault::Vault;

/// The largest draft body kept, in bytes (a long entry is a few KiB).
pub const MAX_BODY: usize = 64 * 1024;

/// Which screen the draft belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum DraftScreen {
    /// The craving form.
    Cravings,
    /// An urge-surfing exercise.
    Urge,
}

/// A draft as the window writes and reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct Draft {
    /// The screen to return to.
    pub screen: DraftScreen,
    /// The screen's state, as the window serialized it.
    pub body: String,
}

/// The stored draft (one per vault).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredDraft {
    /// What the window wrote.
    pub draft: Draft,
    /// When it was written.
    pub kept_at: DateTime<Utc>,
}

impl StoredDraft {
    /// Bounds the body's size.
    pub fn validate(&self) -> std::result::Result<(), Invalid> {
        if self.draft.body.len() > MAX_BODY {
            return Err(Invalid::new("body", "this draft is too long to keep"));
        }
        Ok(())
    }
}

/// Keeps `draft`, replacing the one kept before. Not the patient's activity.
pub fn keep(vault: &mut Vault, draft: Draft, now: Stamp) -> Result<()> {
    let stored = StoredDraft {
        draft,
        kept_at: now.utc,
    };
    vault.save(None, Record::Draft(stored), now)?;
    Ok(())
}

/// Hands the kept draft back once and deletes it for real (secure_delete, WAL checkpoint).
pub fn take(vault: &mut Vault, now: DateTime<Utc>) -> Result<Option<Draft>> {
    let Some((id, draft)) = vault
        .of_kind(RecordKind::Draft)
        .find_map(|r| match &r.record {
            Record::Draft(d) => Some((r.id, d.draft.clone())),
            _ => None,
        })
    else {
        return Ok(None);
    };
    vault.delete(&id, now)?;
    Ok(Some(draft))
}

/// Forgets the kept draft (the entry was saved, or the patient started over).
pub fn discard(vault: &mut Vault, now: DateTime<Utc>) -> Result<()> {
    take(vault, now).map(|_| ())
}
