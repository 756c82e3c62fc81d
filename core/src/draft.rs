//! The patient's unsaved work (a half-written craving entry, an urge-surfing exercise in progress,
//! the plan and session editors), kept sealed inside the vault (a [`Record::Draft`], app state) so
//! that an auto-lock costs nothing. Never in plain text on disk, never in the webview's storage.
//!
//! The window writes one body for all its screens as the patient goes (a moment after each change),
//! because an auto-lock comes without warning; writing a draft is not the patient's activity and
//! never postpones the lock. The body is the window's own form state, opaque here: the core seals
//! it, bounds its size, and hands it back once per take. After an unlock the window takes it and
//! keeps it again at once, so it lasts until each screen's work is saved or thrown away
//! (ui/src/lib/draft.svelte.ts).

use chrono::{DateTime, Utc};

pub use crate::app_state::{Draft, DraftScreen, StoredDraft, MAX_BODY};
use crate::error::Result;
use crate::record::{Record, RecordKind};
use crate::time::Stamp;
use crate::vault::Vault;

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
