//! What the window is told about the vault before it can read anything: whether a vault exists,
//! whether it is open, how long a lockout still lasts; and the recovery key, shown once.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::Result;
use crate::vault::{self, RecoveryKey, VaultPresence};

/// Where the vault stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum VaultState {
    /// No vault file: first run.
    Absent,
    /// A vault exists and is locked.
    Locked,
    /// The vault is open.
    Unlocked,
}

/// Whether a vault exists, whether it is unlocked, and any lockout wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct VaultStatus {
    /// Where the vault stands.
    pub state: VaultState,
    /// Seconds until the next unlock attempt is allowed, when a lockout is running.
    #[ts(type = "number | null")]
    pub retry_after_secs: Option<u64>,
}

/// The status of the vault in `dir` at `now`; `unlocked` when the caller holds it open.
pub fn vault_status(dir: &Path, unlocked: bool, now: DateTime<Utc>) -> Result<VaultStatus> {
    let (state, retry_after_secs) = if unlocked {
        (VaultState::Unlocked, None)
    } else {
        match vault::presence(dir) {
            VaultPresence::Absent => (VaultState::Absent, None),
            VaultPresence::Present => {
                let wait = vault::retry_after_secs(dir, now)?;
                (VaultState::Locked, (wait > 0).then_some(wait))
            }
        }
    };
    Ok(VaultStatus {
        state,
        retry_after_secs,
    })
}

/// A new recovery key, as shown once (after creating the vault or making a new key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct Created {
    /// The key in its display form (8 groups of 4 characters).
    pub recovery_key: String,
    /// After a master key rotation on a vault connected to a clinic: one sentence saying what
    /// became of this device's clinic key ([`crate::sync::renewal::ClinicKey::message`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub clinic_key: Option<String>,
}

impl From<&RecoveryKey> for Created {
    fn from(key: &RecoveryKey) -> Self {
        Self {
            recovery_key: key.display_code().to_string(),
            clinic_key: None,
        }
    }
}
