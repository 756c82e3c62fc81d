//! The IPC commands. Each is an adapter: arguments in, one core call with the current time, result
//! out. Arguments arrive in camelCase from the UI (Tauri's default).

use std::path::PathBuf;

use chrono::{NaiveDate, Utc};
use serde::Serialize;
use tauri::{AppHandle, State};
use tideline_core::halt::HaltPattern;
use tideline_core::insights::Insights;
use tideline_core::passphrase::{self, Strength};
use tideline_core::record::{Record, RecordId, StoredRecord};
use tideline_core::summary::{self, HomeSummary};
use tideline_core::time::{Stamp, Zone};
use tideline_core::vault::{
    self, BackupSecret, KdfParams, Query, UnlockReport, Vault, VaultPresence,
};
use tideline_core::Error;
use zeroize::Zeroizing;

use crate::ipc::IpcError;
use crate::reminders;
use crate::state::{local_zone, AppState};

type Reply<T> = Result<T, IpcError>;

fn now_stamp() -> Stamp {
    Stamp::new(Utc::now(), local_zone())
}

/// Whether a vault exists, whether it is unlocked, and any lockout wait.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultStatus {
    state: &'static str,
    retry_after_secs: Option<u64>,
}

#[tauri::command]
pub fn vault_status(state: State<'_, AppState>) -> Reply<VaultStatus> {
    if state.slot().is_some() {
        return Ok(VaultStatus {
            state: "unlocked",
            retry_after_secs: None,
        });
    }
    match vault::presence(&state.dir) {
        VaultPresence::Absent => Ok(VaultStatus {
            state: "absent",
            retry_after_secs: None,
        }),
        VaultPresence::Present => {
            let wait = vault::retry_after_secs(&state.dir, Utc::now())?;
            Ok(VaultStatus {
                state: "locked",
                retry_after_secs: (wait > 0).then_some(wait),
            })
        }
    }
}

/// The recovery key, shown once.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryKeyReply {
    recovery_key: String,
}

#[tauri::command]
pub fn vault_create(
    app: AppHandle,
    state: State<'_, AppState>,
    passphrase: Zeroizing<String>,
    program_start: NaiveDate,
    zone: Option<String>,
) -> Reply<RecoveryKeyReply> {
    let zone = match zone {
        Some(name) => name.parse::<Zone>().map_err(Error::from)?,
        None => local_zone(),
    };
    let (vault, recovery) = tideline_core::onboarding::create_vault(
        &state.dir,
        &passphrase,
        program_start,
        zone,
        KdfParams::DEFAULT,
        Utc::now(),
    )?;
    *state.slot() = Some(vault);
    reminders::sync(&app);
    Ok(RecoveryKeyReply {
        recovery_key: recovery.display_code().to_string(),
    })
}

#[tauri::command]
pub fn vault_unlock(
    app: AppHandle,
    state: State<'_, AppState>,
    passphrase: Zeroizing<String>,
) -> Reply<UnlockReport> {
    let (vault, report) = Vault::unlock(&state.dir, &passphrase, Utc::now())?;
    *state.slot() = Some(vault);
    reminders::sync(&app);
    Ok(report)
}

#[tauri::command]
pub fn vault_recover(
    app: AppHandle,
    state: State<'_, AppState>,
    recovery_key: Zeroizing<String>,
    new_passphrase: Zeroizing<String>,
) -> Reply<UnlockReport> {
    let (vault, report) = Vault::recover(
        &state.dir,
        &recovery_key,
        &new_passphrase,
        KdfParams::DEFAULT,
        Utc::now(),
    )?;
    *state.slot() = Some(vault);
    reminders::sync(&app);
    Ok(report)
}

#[tauri::command]
pub fn vault_lock(state: State<'_, AppState>) {
    state.lock(Utc::now());
}

#[tauri::command]
pub fn vault_touch(state: State<'_, AppState>) -> Reply<()> {
    Ok(state.with_vault(Utc::now(), |_| Ok(()))?)
}

#[tauri::command]
pub fn passphrase_assess(passphrase: Zeroizing<String>) -> Strength {
    passphrase::assess(&passphrase)
}

#[tauri::command]
pub fn record_save(
    app: AppHandle,
    state: State<'_, AppState>,
    id: Option<RecordId>,
    record: Record,
) -> Reply<StoredRecord> {
    let saved = state.with_vault(Utc::now(), |v| v.save_entry(id, record, now_stamp()))?;
    reminders::sync(&app);
    Ok(saved)
}

#[tauri::command]
pub fn record_delete(app: AppHandle, state: State<'_, AppState>, id: RecordId) -> Reply<()> {
    state.with_vault(Utc::now(), |v| v.delete_entry(&id, Utc::now()))?;
    reminders::sync(&app);
    Ok(())
}

#[tauri::command]
pub fn records_query(state: State<'_, AppState>, query: Query) -> Reply<Vec<StoredRecord>> {
    Ok(state.with_vault(Utc::now(), |v| {
        Ok(v.query(&query).into_iter().cloned().collect())
    })?)
}

#[tauri::command]
pub fn passphrase_change(
    state: State<'_, AppState>,
    current: Zeroizing<String>,
    next: Zeroizing<String>,
) -> Reply<()> {
    Ok(state.with_vault(Utc::now(), |v| {
        v.change_passphrase(&current, &next, KdfParams::DEFAULT)
    })?)
}

#[tauri::command]
pub fn recovery_key_rotate(
    state: State<'_, AppState>,
    passphrase: Zeroizing<String>,
) -> Reply<RecoveryKeyReply> {
    let key = state.with_vault(Utc::now(), |v| v.rotate_recovery_key(&passphrase))?;
    Ok(RecoveryKeyReply {
        recovery_key: key.display_code().to_string(),
    })
}

#[tauri::command]
pub fn backup_export(state: State<'_, AppState>, path: PathBuf) -> Reply<()> {
    Ok(state.with_vault(Utc::now(), |v| v.export_backup(&path))?)
}

#[tauri::command]
pub fn backup_restore(
    app: AppHandle,
    state: State<'_, AppState>,
    path: PathBuf,
    passphrase: Option<Zeroizing<String>>,
    recovery_key: Option<Zeroizing<String>>,
    overwrite: bool,
) -> Reply<UnlockReport> {
    let secret = match (passphrase, recovery_key) {
        (Some(p), _) => BackupSecret::Passphrase(p),
        (None, Some(k)) => BackupSecret::RecoveryKey(k),
        (None, None) => {
            return Err(Error::from(tideline_core::Invalid::new(
                "secret",
                "enter the passphrase or the recovery key",
            ))
            .into())
        }
    };
    let mut slot = state.slot();
    // The open vault's connection must be closed before its file is replaced.
    if let Some(open) = slot.take() {
        open.lock();
    }
    let (vault, report) = vault::restore_backup(&path, &state.dir, &secret, overwrite, Utc::now())?;
    *slot = Some(vault);
    drop(slot);
    reminders::sync(&app);
    Ok(report)
}

#[tauri::command]
pub fn export_json(state: State<'_, AppState>, path: PathBuf) -> Reply<()> {
    Ok(state.with_vault(Utc::now(), |v| v.export_plain_json(&path))?)
}

#[tauri::command]
pub fn vault_wipe(state: State<'_, AppState>, passphrase: Zeroizing<String>) -> Reply<()> {
    let mut slot = state.slot();
    // Checked before taking the vault, so a mistyped passphrase leaves the patient where they were.
    slot.as_ref()
        .ok_or(Error::Locked)?
        .verify_passphrase(&passphrase)?;
    let vault = slot.take().ok_or(Error::Locked)?;
    // A wiped vault's reminders must not keep firing from memory.
    state.forget_reminders();
    Ok(vault.wipe(&passphrase)?)
}

#[tauri::command]
pub fn home_summary(state: State<'_, AppState>) -> Reply<HomeSummary> {
    let now = Utc::now();
    Ok(state.with_vault(now, |v| Ok(summary::home(v, now)))?)
}

#[tauri::command]
pub fn halt_pattern(state: State<'_, AppState>, last_n: u32) -> Reply<HaltPattern> {
    Ok(state.with_vault(Utc::now(), |v| {
        Ok(summary::halt_pattern(v, last_n as usize))
    })?)
}

#[tauri::command]
pub fn insights(state: State<'_, AppState>) -> Reply<Insights> {
    let now = Utc::now();
    Ok(state.with_vault(now, |v| Ok(summary::insights(v, local_zone(), now)))?)
}
