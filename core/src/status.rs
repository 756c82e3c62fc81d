//! What the window is told about the vault before it can read anything: whether a vault exists,
//! whether it is open, how long a lockout still lasts; and the recovery key, shown once.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::{Error, ErrorCode, Result};
use crate::session::ParticipantResponse;
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

/// The one error shape that crosses the IPC boundary: `code` from the core's closed set, `message`
/// plain words without patient data, and the structured parts the window decides on (it never reads
/// the words).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct IpcError {
    /// What the window switches on.
    pub code: ErrorCode,
    /// What the window may show. For a rejected value, the reason alone (the field is in `field`).
    pub message: String,
    /// For `invalid`: which field was not accepted, as the window names it (e.g. `server`, `code`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "string")]
    pub field: Option<&'static str>,
    /// For `locked_out`: how many seconds until the next attempt.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub retry_after_secs: Option<u64>,
}

impl From<Error> for IpcError {
    fn from(e: Error) -> Self {
        let (field, retry_after_secs) = match &e {
            Error::Invalid(invalid) => (Some(invalid.field), None),
            Error::LockedOut { retry_after_secs } => (None, Some(*retry_after_secs)),
            _ => (None, None),
        };
        let message = match &e {
            Error::Invalid(invalid) => invalid.reason.to_owned(),
            other => other.to_string(),
        };
        Self {
            code: e.code(),
            message,
            field,
            retry_after_secs,
        }
    }
}

/// An answer given on a notification that could not be saved: the patient answers again in the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct AnswerProblem {
    /// The session's record id.
    pub session: String,
    /// What the patient answered.
    pub response: ParticipantResponse,
    /// Why it was not saved.
    pub code: ErrorCode,
    /// The core's fixed sentence for it.
    pub message: String,
}

/// Phones: whether the lock screen can offer quick unlock, and whether it is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct QuickUnlockStatus {
    /// The device has biometrics set up that the app may use.
    pub available: bool,
    /// Quick unlock is on for this vault.
    pub on: bool,
}
