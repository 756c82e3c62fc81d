//! The app's own records that are plain data, kept apart from the modules that read and write them
//! so that `record.rs` (which lists every kind) depends on data only: the clinic's course of care
//! (written by [`crate::sync`], read through [`crate::care`]), the reminder mark (kept by the shell
//! through [`crate::reminder_delivery`]) and the kept draft ([`crate::draft`]).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tideline_wire::care::CareLevel;

use crate::error::Invalid;

/// The most periods a stored course keeps (years of step-downs; more is a faulty server).
pub const MAX_PERIODS: usize = 100;

/// The patient's course of care as the clinic records it, read at the last sync. App state: written
/// only by the sync, never by the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CareCourse {
    /// Every period, oldest first; a step-down starts a new one, discharge starts aftercare.
    pub periods: Vec<CareLevel>,
    /// When the clinic sent it.
    pub read_at: DateTime<Utc>,
}

impl CareCourse {
    /// Checks the number of periods, their order and every target against its level's rule.
    pub fn validate(&self) -> std::result::Result<(), Invalid> {
        let bad = || Invalid::new("periods", "the clinic's course of care is not usable");
        if self.periods.len() > MAX_PERIODS
            || self.periods.windows(2).any(|w| w[0].from > w[1].from)
        {
            return Err(bad());
        }
        for period in &self.periods {
            match period.level.validate_target(period.weekly_target_minutes) {
                Ok(target) if target == period.weekly_target_minutes => {}
                _ => return Err(bad()),
            }
        }
        Ok(())
    }
}

/// The end of the last reminder window the device handled, kept in the vault (one per vault) so a
/// restart can tell what fell due while the app was closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReminderMark {
    /// Every reminder due at or before this instant has been shown or summarised.
    pub handled_until: DateTime<Utc>,
}

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
