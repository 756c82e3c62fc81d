//! The IPC commands. Each is an adapter: arguments in, one core call with the current time, result
//! out. Arguments arrive in camelCase from the UI (Tauri's default).
//!
//! Commands that touch the vault run on worker threads (`#[tauri::command(async)]`), never on the
//! main thread: a background sync may hold the vault for up to the network timeouts (see
//! `clinic.rs`), and waiting for it must not freeze the window. Commands that block on the network
//! or on a dialog are `async` and hand the blocking part to `spawn_blocking`.

use std::time::Instant;

use chrono::{DateTime, NaiveDate, Utc};
use ring::rand::SystemRandom;
use serde::Serialize;
use tauri::{AppHandle, State};
use tideline_core::care::{self, Attendance, CarePlan, SessionView};
use tideline_core::craving::CravingEntry;
use tideline_core::draft::Draft;
use tideline_core::halt::{HaltPattern, HaltSuggestion};
use tideline_core::insights::Insights;
use tideline_core::passphrase::{self, Strength};
use tideline_core::record::{Record, RecordId, StoredRecord};
use tideline_core::session::ParticipantResponse;
use tideline_core::share::{
    self, ConsentSummary, ConsentTerms, Disclosure, SharePreview, ShareSelection,
};
use tideline_core::summary::{self, HomeSummary};
use tideline_core::sync::{self, SyncReport, SyncStatus};
use tideline_core::time::{Stamp, Zone};
use tideline_core::vault::{
    self, BackupSecret, KdfParams, Query, UnlockReport, Vault, VaultPresence,
};
use tideline_core::Error;
use zeroize::Zeroizing;

use crate::chooser::PathPurpose;
use crate::ipc::IpcError;
use crate::state::{local_zone, AppState};
use crate::{chooser, clinic, reminders};
use tauri::{Emitter, Manager};

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

#[tauri::command(async)]
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

#[tauri::command(async)]
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

#[tauri::command(async)]
pub fn vault_unlock(
    app: AppHandle,
    state: State<'_, AppState>,
    passphrase: Zeroizing<String>,
) -> Reply<UnlockReport> {
    let (vault, report) = Vault::unlock(&state.dir, &passphrase, Utc::now())?;
    *state.slot() = Some(vault);
    reminders::sync(&app);
    clinic::wake(&app);
    Ok(report)
}

#[tauri::command(async)]
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
    clinic::wake(&app);
    Ok(report)
}

#[tauri::command(async)]
pub fn vault_lock(state: State<'_, AppState>) {
    state.lock(Utc::now());
}

/// The patient's keyboard, pointer or touch in the window: the one thing that postpones auto-lock.
#[tauri::command(async)]
pub fn vault_touch(state: State<'_, AppState>) -> Reply<()> {
    let now = Utc::now();
    Ok(state.with_vault(now, |v| {
        v.touch(now);
        Ok(())
    })?)
}

/// A running exercise (urge surfing) keeps the vault open for up to `minutes`, as the core grants
/// (at most 30 minutes after the patient's last activity). The expiry granted, or null.
#[tauri::command(async)]
pub fn vault_hold(state: State<'_, AppState>, minutes: u32) -> Reply<Option<DateTime<Utc>>> {
    let now = Utc::now();
    Ok(state.with_vault(now, |v| Ok(v.hold(now, minutes)))?)
}

/// The exercise ended: the vault locks on the usual idle rule again.
#[tauri::command(async)]
pub fn vault_release(state: State<'_, AppState>) -> Reply<()> {
    Ok(state.with_vault(Utc::now(), |v| {
        v.release_hold();
        Ok(())
    })?)
}

/// A craving written on the lock screen, without unlocking: sealed to the vault's public key
/// (core vault/inbox.rs); it joins the journal at the next unlock.
#[tauri::command(async)]
pub fn locked_capture(state: State<'_, AppState>, entry: CravingEntry) -> Reply<()> {
    Ok(vault::capture_locked(
        &state.dir,
        &entry,
        &SystemRandom::new(),
    )?)
}

/// Keeps what is on screen (a craving half written, an exercise running) sealed in the vault, so an
/// auto-lock loses nothing. Not the patient's activity.
#[tauri::command(async)]
pub fn draft_keep(state: State<'_, AppState>, draft: Draft) -> Reply<()> {
    Ok(state.with_vault(Utc::now(), |v| {
        tideline_core::draft::keep(v, draft, now_stamp())
    })?)
}

/// The kept draft, handed back once (and deleted) after an unlock; null when there is none.
#[tauri::command(async)]
pub fn draft_take(state: State<'_, AppState>) -> Reply<Option<Draft>> {
    Ok(state.with_vault(Utc::now(), |v| tideline_core::draft::take(v, Utc::now()))?)
}

/// Forgets the kept draft (the entry was saved or the exercise finished).
#[tauri::command(async)]
pub fn draft_discard(state: State<'_, AppState>) -> Reply<()> {
    Ok(state.with_vault(Utc::now(), |v| tideline_core::draft::discard(v, Utc::now()))?)
}

/// What a reminder says in each notification setting, made by the planner's own code (Settings
/// quotes them). Fixed content, no patient data.
#[tauri::command]
pub fn reminder_examples() -> tideline_core::reminder::NotificationExamples {
    tideline_core::reminder::notification_examples()
}

/// The response to each HALT need: fixed content from the core, no patient data.
#[tauri::command]
pub fn halt_suggestions() -> Vec<HaltSuggestion> {
    tideline_core::halt::all_suggestions()
}

#[tauri::command]
pub fn passphrase_assess(passphrase: Zeroizing<String>) -> Strength {
    passphrase::assess(&passphrase)
}

#[tauri::command(async)]
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

#[tauri::command(async)]
pub fn record_delete(app: AppHandle, state: State<'_, AppState>, id: RecordId) -> Reply<()> {
    state.with_vault(Utc::now(), |v| v.delete_entry(&id, Utc::now()))?;
    reminders::sync(&app);
    Ok(())
}

#[tauri::command(async)]
pub fn records_query(state: State<'_, AppState>, query: Query) -> Reply<Vec<StoredRecord>> {
    Ok(state.with_vault(Utc::now(), |v| {
        Ok(v.query(&query).into_iter().cloned().collect())
    })?)
}

#[tauri::command(async)]
pub fn passphrase_change(
    state: State<'_, AppState>,
    current: Zeroizing<String>,
    next: Zeroizing<String>,
) -> Reply<()> {
    Ok(state.with_vault(Utc::now(), |v| {
        v.change_passphrase(&current, &next, KdfParams::DEFAULT)
    })?)
}

#[tauri::command(async)]
pub fn recovery_key_rotate(
    state: State<'_, AppState>,
    passphrase: Zeroizing<String>,
) -> Reply<RecoveryKeyReply> {
    let key = state.with_vault(Utc::now(), |v| v.rotate_recovery_key(&passphrase))?;
    Ok(RecoveryKeyReply {
        recovery_key: key.display_code().to_string(),
    })
}

#[tauri::command(async)]
pub fn backup_export(state: State<'_, AppState>, token: String) -> Reply<()> {
    let path = chooser::CHOSEN.take(&token, PathPurpose::BackupExport, Instant::now())?;
    Ok(state.with_vault(Utc::now(), |v| v.export_backup(&path))?)
}

#[tauri::command(async)]
pub fn backup_restore(
    app: AppHandle,
    state: State<'_, AppState>,
    token: String,
    passphrase: Option<Zeroizing<String>>,
    recovery_key: Option<Zeroizing<String>>,
    overwrite: bool,
    current_passphrase: Option<Zeroizing<String>>,
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
    let path = chooser::CHOSEN.take(&token, PathPurpose::BackupRestore, Instant::now())?;
    let mut slot = state.slot();
    if overwrite && vault::presence(&state.dir) == vault::VaultPresence::Present {
        // Step-up: replacing the journal on this device asks for its own passphrase again (the
        // core checks it on the lockout's counter), and only while it is unlocked.
        let current = current_passphrase.ok_or_else(|| {
            Error::from(tideline_core::Invalid::new(
                "currentPassphrase",
                "enter your current passphrase to replace what is on this device",
            ))
        })?;
        slot.as_ref()
            .ok_or(Error::Locked)?
            .verify_passphrase(&current)?;
    }
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

#[tauri::command(async)]
pub fn export_json(
    state: State<'_, AppState>,
    token: String,
    passphrase: Zeroizing<String>,
) -> Reply<()> {
    let path = chooser::CHOSEN.take(&token, PathPurpose::ExportJson, Instant::now())?;
    Ok(state.with_vault(Utc::now(), |v| v.export_plain_json(&path, &passphrase))?)
}

#[tauri::command(async)]
pub fn vault_wipe(state: State<'_, AppState>, passphrase: Zeroizing<String>) -> Reply<()> {
    let mut slot = state.slot();
    // Checked before taking the vault, so a mistyped passphrase leaves the patient where they were.
    slot.as_ref()
        .ok_or(Error::Locked)?
        .verify_passphrase(&passphrase)?;
    let vault = slot.take().ok_or(Error::Locked)?;
    // A wiped vault's reminders must not keep firing from memory.
    state.forget_reminders();
    #[cfg(mobile)]
    crate::quick_unlock::forget(&state.dir);
    Ok(vault.wipe(&passphrase)?)
}

#[tauri::command(async)]
pub fn home_summary(state: State<'_, AppState>) -> Reply<HomeSummary> {
    let now = Utc::now();
    Ok(state.with_vault(now, |v| Ok(summary::home(v, now)))?)
}

#[tauri::command(async)]
pub fn halt_pattern(state: State<'_, AppState>, last_n: u32) -> Reply<HaltPattern> {
    Ok(state.with_vault(Utc::now(), |v| {
        Ok(summary::halt_pattern(v, last_n as usize))
    })?)
}

#[tauri::command(async)]
pub fn insights(state: State<'_, AppState>) -> Reply<Insights> {
    let now = Utc::now();
    Ok(state.with_vault(now, |v| Ok(summary::insights(v, local_zone(), now)))?)
}

/// Runs `f` on a blocking-friendly thread: for the network and the native dialogs.
async fn off_main<T: Send + 'static>(
    app: AppHandle,
    f: impl FnOnce(&AppHandle) -> Result<T, Error> + Send + 'static,
) -> Reply<T> {
    tauri::async_runtime::spawn_blocking(move || f(&app))
        .await
        .map_err(|_| Error::Storage("the task stopped unexpectedly".into()))?
        .map_err(IpcError::from)
}

#[tauri::command]
pub async fn pick_path(app: AppHandle, purpose: PathPurpose) -> Reply<Option<String>> {
    let dialog = purpose.dialog(chrono::Local::now().date_naive());
    off_main(app, move |app| {
        let Some(path) = chooser::choose(app, dialog)? else {
            return Ok(None);
        };
        chooser::CHOSEN
            .issue(path, purpose, Instant::now(), &SystemRandom::new())
            .map(Some)
    })
    .await
}

#[tauri::command]
pub async fn sync_connect(
    app: AppHandle,
    server: String,
    code: Zeroizing<String>,
) -> Reply<SyncStatus> {
    off_main(app, move |app| {
        clinic::connect(&app.state::<AppState>(), &server, &code)
    })
    .await
}

#[tauri::command]
pub async fn sync_now(app: AppHandle) -> Reply<SyncReport> {
    off_main(app, |app| {
        let report = clinic::sync_now(&app.state::<AppState>());
        // Whatever happened, sessions and the status may have changed (a refusal is recorded).
        reminders::sync(app);
        let _ = app.emit(clinic::CHANGED_EVENT, ());
        report
    })
    .await
}

#[tauri::command(async)]
pub fn sync_status(state: State<'_, AppState>) -> Reply<SyncStatus> {
    Ok(state.with_vault(Utc::now(), |v| Ok(sync::status(v)))?)
}

#[tauri::command(async)]
pub fn sync_dismiss_parked(state: State<'_, AppState>, session: RecordId) -> Reply<SyncStatus> {
    Ok(state.with_vault(Utc::now(), |v| {
        sync::dismiss_parked(v, session, Utc::now())?;
        Ok(sync::status(v))
    })?)
}

#[tauri::command(async)]
pub fn sync_disconnect(state: State<'_, AppState>) -> Reply<SyncStatus> {
    Ok(state.with_vault(Utc::now(), |v| {
        // The clinic revokes this device's key first; offline, the local key is deleted anyway.
        let _ = sync::revoke_at_clinic(v, now_stamp(), &SystemRandom::new());
        sync::disconnect(v, Utc::now())
    })?)
}

/// The patient's answer to a session. A clinic session's answer goes into the outbox (and the
/// ticker is woken to send it); a session the patient added is simply saved.
#[tauri::command(async)]
pub fn session_respond(
    app: AppHandle,
    state: State<'_, AppState>,
    id: RecordId,
    response: ParticipantResponse,
) -> Reply<StoredRecord> {
    let saved = state.with_vault(Utc::now(), |v| {
        sync::queue_response(v, id, response, now_stamp(), &SystemRandom::new())
    })?;
    reminders::sync(&app);
    clinic::wake(&app);
    Ok(saved)
}

/// The course of care: level, weekly target, who set them, the clinic's history and the aftercare
/// check-ins; `null` before the program is set up.
#[tauri::command(async)]
pub fn care_plan(state: State<'_, AppState>) -> Reply<Option<CarePlan>> {
    let now = Utc::now();
    Ok(state.with_vault(now, |v| Ok(care::plan(v, now)))?)
}

/// Every session with its status line and counted minutes, soonest first.
#[tauri::command(async)]
pub fn sessions_list(state: State<'_, AppState>) -> Reply<Vec<SessionView>> {
    let now = Utc::now();
    Ok(state.with_vault(now, |v| Ok(care::session_views(v, now)))?)
}

/// The patient marks a session themselves (self-reported; never sent to the clinic), or clears the
/// mark with `null`.
#[tauri::command(async)]
pub fn session_mark(
    state: State<'_, AppState>,
    id: RecordId,
    mark: Option<Attendance>,
) -> Reply<StoredRecord> {
    Ok(state.with_vault(Utc::now(), |v| care::self_report(v, id, mark, now_stamp()))?)
}

/// Exactly what a share would send, with the consent text; no network.
#[tauri::command(async)]
pub fn share_preview(
    state: State<'_, AppState>,
    selection: ShareSelection,
    terms: ConsentTerms,
) -> Reply<SharePreview> {
    Ok(state.with_vault(Utc::now(), |v| {
        share::preview(v, &selection, &terms, now_stamp())
    })?)
}

/// Signs and sends a share (the consent is stored before anything is sent). Step-up: signing asks
/// for the passphrase again, checked by the core through the lockout's counter.
#[tauri::command]
pub async fn share_send(
    app: AppHandle,
    selection: ShareSelection,
    terms: ConsentTerms,
    passphrase: Zeroizing<String>,
) -> Reply<ConsentSummary> {
    off_main(app, move |app| {
        app.state::<AppState>().with_vault(Utc::now(), |v| {
            v.verify_passphrase(&passphrase)?;
            share::share(v, &selection, &terms, now_stamp(), &SystemRandom::new())
        })
    })
    .await
}

/// Sends a consent still waiting to be confirmed again (the same signed bundle).
#[tauri::command]
pub async fn share_resend(app: AppHandle, id: RecordId) -> Reply<ConsentSummary> {
    off_main(app, move |app| {
        app.state::<AppState>().with_vault(Utc::now(), |v| {
            share::resend(v, id, now_stamp(), &SystemRandom::new())
        })
    })
    .await
}

#[tauri::command(async)]
pub fn share_consents(state: State<'_, AppState>) -> Reply<Vec<ConsentSummary>> {
    let now = Utc::now();
    Ok(state.with_vault(now, |v| Ok(share::consents(v, now)))?)
}

/// Revokes a consent; the clinic is told first when it may hold the entries.
#[tauri::command]
pub async fn share_revoke(app: AppHandle, id: RecordId) -> Reply<ConsentSummary> {
    off_main(app, move |app| {
        app.state::<AppState>().with_vault(Utc::now(), |v| {
            share::revoke(v, id, now_stamp(), &SystemRandom::new())
        })
    })
    .await
}

/// Who at the clinic viewed a consent's entries, and when (read from the clinic).
#[tauri::command]
pub async fn share_accounting(app: AppHandle, id: RecordId) -> Reply<Vec<Disclosure>> {
    off_main(app, move |app| {
        app.state::<AppState>().with_vault(Utc::now(), |v| {
            share::accounting(v, id, now_stamp(), &SystemRandom::new())
        })
    })
    .await
}

/// Writes the PDF report of the selected entries to the path the patient chose (`pick_path`
/// with `reportPdf`): like the plain export, not encrypted, and only where the patient put it.
#[tauri::command(async)]
pub fn report_pdf(
    state: State<'_, AppState>,
    selection: ShareSelection,
    token: String,
) -> Reply<()> {
    let path = chooser::CHOSEN.take(&token, PathPurpose::ReportPdf, Instant::now())?;
    let options = tideline_core::report::ReportOptions {
        prepared_for: None,
        charts: true,
        made_at: now_stamp(),
    };
    Ok(state.with_vault(Utc::now(), |v| {
        tideline_core::report::write(v, &selection, &options, &path)
    })?)
}
