//! The IPC commands' handlers. Each is an adapter: arguments in, one core call with the current
//! time, result out. They are listed, with their arguments and flags, in `table.rs`, and called only
//! through `dispatch::dispatch`, which also re-plans reminders and wakes the sync after the
//! commands flagged for it (no handler calls that by hand).
//!
//! Every call runs on a worker thread (the app's invoke handler uses `spawn_blocking`), never on
//! the main thread: a background sync may hold the vault for up to the network timeouts (see
//! `clinic.rs`), and the native dialog and the network block; waiting must not freeze the window.

use std::time::Instant;

use chrono::{DateTime, NaiveDate, Utc};
use ring::rand::SystemRandom;
use tideline_core::care::{self, Attendance, CarePlan, SessionView};
use tideline_core::craving::CravingEntry;
use tideline_core::draft::Draft;
use tideline_core::entry::{self, Entry, EntryQuery, StoredEntry};
use tideline_core::halt::{HaltPattern, HaltSuggestion};
use tideline_core::insights::Insights;
use tideline_core::journal::{self, CravingPage, CravingQuery};
use tideline_core::passphrase::{self, Strength};
use tideline_core::record::RecordId;
use tideline_core::reminder::NotificationExamples;
use tideline_core::session::ParticipantResponse;
use tideline_core::share::{
    self, ConsentSummary, ConsentTerms, Disclosure, SharePreview, ShareSelection,
};
use tideline_core::status::{self, Created, VaultStatus};
use tideline_core::summary::{self, HomeSummary};
use tideline_core::sync::devices::ClinicDevices;
use tideline_core::sync::{self, SyncReport, SyncStatus};
use tideline_core::time::{Stamp, Zone};
use tideline_core::vault::{self, BackupSecret, KdfParams, UnlockReport, Vault};
use tideline_core::Error;
use zeroize::Zeroizing;

use crate::chooser::{self, PathPurpose};
use crate::clinic;
use crate::cx::Cx;
use crate::ipc::IpcError;
use crate::replan::replan;
use crate::state::local_zone;

type Reply<T> = Result<T, IpcError>;

fn now_stamp() -> Stamp {
    Stamp::new(Utc::now(), local_zone())
}

pub fn vault_status(cx: &Cx<'_>) -> Reply<VaultStatus> {
    let unlocked = cx.state.slot().is_some();
    Ok(status::vault_status(&cx.state.dir, unlocked, Utc::now())?)
}

pub fn vault_create(
    cx: &Cx<'_>,
    passphrase: Zeroizing<String>,
    program_start: NaiveDate,
    zone: Option<String>,
) -> Reply<Created> {
    let zone = match zone {
        Some(name) => name.parse::<Zone>().map_err(Error::from)?,
        None => local_zone(),
    };
    let (vault, recovery) = tideline_core::onboarding::create_vault(
        &cx.state.dir,
        &passphrase,
        program_start,
        zone,
        KdfParams::DEFAULT,
        Utc::now(),
    )?;
    *cx.state.slot() = Some(vault);
    Ok(Created::from(&recovery))
}

/// Answers once the passphrase has opened the key: the records load meanwhile, and the first
/// command that uses the vault waits for them (`AppState::slot`), so home paints sooner.
pub fn vault_unlock(cx: &Cx<'_>, passphrase: Zeroizing<String>) -> Reply<()> {
    cx.state
        .open(Vault::begin_unlock(&cx.state.dir, &passphrase, Utc::now())?);
    Ok(())
}

pub fn vault_recover(
    cx: &Cx<'_>,
    recovery_key: Zeroizing<String>,
    new_passphrase: Zeroizing<String>,
) -> Reply<UnlockReport> {
    let (vault, report) = Vault::recover(
        &cx.state.dir,
        &recovery_key,
        &new_passphrase,
        KdfParams::DEFAULT,
        Utc::now(),
    )?;
    *cx.state.slot() = Some(vault);
    Ok(report)
}

pub fn vault_lock(cx: &Cx<'_>) -> Reply<()> {
    cx.state.lock(Utc::now());
    Ok(())
}

/// The patient's keyboard, pointer or touch in the window: the one thing that postpones auto-lock.
pub fn vault_touch(cx: &Cx<'_>) -> Reply<()> {
    let now = Utc::now();
    Ok(cx.state.with_vault(now, |v| {
        v.touch(now);
        Ok(())
    })?)
}

/// A running exercise (urge surfing) keeps the vault open for up to `minutes`, as the core grants
/// (at most 30 minutes after the patient's last activity). The expiry granted, or null.
pub fn vault_hold(cx: &Cx<'_>, minutes: u32) -> Reply<Option<DateTime<Utc>>> {
    let now = Utc::now();
    Ok(cx.state.with_vault(now, |v| Ok(v.hold(now, minutes)))?)
}

/// The exercise ended: the vault locks on the usual idle rule again.
pub fn vault_release(cx: &Cx<'_>) -> Reply<()> {
    Ok(cx.state.with_vault(Utc::now(), |v| {
        v.release_hold();
        Ok(())
    })?)
}

/// A craving written on the lock screen, without unlocking: sealed to the vault's public key
/// (core vault/inbox.rs); it joins the journal at the next unlock.
pub fn locked_capture(cx: &Cx<'_>, entry: CravingEntry) -> Reply<()> {
    Ok(vault::capture_locked(
        &cx.state.dir,
        &entry,
        &SystemRandom::new(),
    )?)
}

/// Keeps what is on screen (a craving half written, an exercise running) sealed in the vault, so an
/// auto-lock loses nothing. Not the patient's activity.
pub fn draft_keep(cx: &Cx<'_>, draft: Draft) -> Reply<()> {
    Ok(cx.state.with_vault(Utc::now(), |v| {
        tideline_core::draft::keep(v, draft, now_stamp())
    })?)
}

/// The kept draft, handed back once (and deleted) after an unlock; null when there is none.
pub fn draft_take(cx: &Cx<'_>) -> Reply<Option<Draft>> {
    Ok(cx
        .state
        .with_vault(Utc::now(), |v| tideline_core::draft::take(v, Utc::now()))?)
}

/// How many record rows did not open at this unlock (the core's `UnlockReport`, kept in the vault
/// as `Vault::unopened`): they stay in the file unchanged. Asked once after an unlock by the window,
/// after the records have loaded (so it never holds up the first screen).
pub fn vault_unopened(cx: &Cx<'_>) -> Reply<u32> {
    Ok(cx.state.with_vault(Utc::now(), |v| Ok(v.unopened()))?)
}

/// Forgets the kept draft (the entry was saved or the exercise finished).
pub fn draft_discard(cx: &Cx<'_>) -> Reply<()> {
    Ok(cx
        .state
        .with_vault(Utc::now(), |v| tideline_core::draft::discard(v, Utc::now()))?)
}

/// What a reminder says in each notification setting, made by the planner's own code (Settings
/// quotes them). Fixed content, no patient data.
pub fn reminder_examples(cx: &Cx<'_>) -> Reply<NotificationExamples> {
    Ok(tideline_core::reminder::notification_examples(
        cx.state.lang(),
    ))
}

/// The response to each HALT need: fixed content from the core, no patient data.
pub fn halt_suggestions(cx: &Cx<'_>) -> Reply<Vec<HaltSuggestion>> {
    Ok(tideline_core::halt::all_suggestions(cx.state.lang()))
}

pub fn passphrase_assess(cx: &Cx<'_>, passphrase: Zeroizing<String>) -> Reply<Strength> {
    Ok(passphrase::assess(&passphrase, cx.state.lang()))
}

pub fn record_save(cx: &Cx<'_>, id: Option<RecordId>, record: Entry) -> Reply<StoredEntry> {
    Ok(cx
        .state
        .with_vault(Utc::now(), |v| entry::save(v, id, record, now_stamp()))?)
}

pub fn record_delete(cx: &Cx<'_>, id: RecordId) -> Reply<()> {
    Ok(cx
        .state
        .with_vault(Utc::now(), |v| v.delete_entry(&id, Utc::now()))?)
}

pub fn records_query(cx: &Cx<'_>, query: EntryQuery) -> Reply<Vec<StoredEntry>> {
    // Right after an unlock, the theme (settings) and home's next session are in what was opened first.
    if let Some(Some(found)) = cx
        .state
        .with_early(Utc::now(), |v| entry::query_early(v, &query))
    {
        return Ok(found);
    }
    Ok(cx
        .state
        .with_vault(Utc::now(), |v| Ok(entry::query(v, &query)))?)
}

pub fn journal_page(cx: &Cx<'_>, query: CravingQuery) -> Reply<CravingPage> {
    Ok(cx
        .state
        .with_vault(Utc::now(), |v| journal::page(v, &query))?)
}

pub fn passphrase_change(
    cx: &Cx<'_>,
    current: Zeroizing<String>,
    next: Zeroizing<String>,
) -> Reply<()> {
    Ok(cx.state.with_vault(Utc::now(), |v| {
        v.change_passphrase(&current, &next, KdfParams::DEFAULT)
    })?)
}

pub fn recovery_key_rotate(cx: &Cx<'_>, passphrase: Zeroizing<String>) -> Reply<Created> {
    let key = cx
        .state
        .with_vault(Utc::now(), |v| v.rotate_recovery_key(&passphrase))?;
    Ok(Created::from(&key))
}

pub fn vault_rotate_key(
    cx: &Cx<'_>,
    current: Zeroizing<String>,
    next: Zeroizing<String>,
) -> Reply<Created> {
    // Connected to a clinic, the device's clinic key is renewed too (at once, or at the next sync).
    let rotated = cx.state.with_vault(Utc::now(), |v| {
        sync::renewal::rotate_master_key(
            v,
            &current,
            &next,
            KdfParams::DEFAULT,
            now_stamp(),
            &SystemRandom::new(),
        )
    })?;
    Ok(Created {
        clinic_key: rotated.clinic_key.map(|said| said.words(cx.state.lang())),
        ..Created::from(&rotated.recovery)
    })
}

pub fn backup_export(cx: &Cx<'_>, token: String) -> Reply<()> {
    let path = chooser::CHOSEN.take(&token, PathPurpose::BackupExport, Instant::now())?;
    Ok(cx
        .state
        .with_vault(Utc::now(), |v| v.export_backup(&path))?)
}

pub fn backup_restore(
    cx: &Cx<'_>,
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
    let state = cx.state;
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
    Ok(report)
}

pub fn export_json(cx: &Cx<'_>, token: String, passphrase: Zeroizing<String>) -> Reply<()> {
    let path = chooser::CHOSEN.take(&token, PathPurpose::ExportJson, Instant::now())?;
    Ok(cx
        .state
        .with_vault(Utc::now(), |v| v.export_plain_json(&path, &passphrase))?)
}

pub fn vault_wipe(cx: &Cx<'_>, passphrase: Zeroizing<String>) -> Reply<()> {
    let mut slot = cx.state.slot();
    // Checked before taking the vault, so a mistyped passphrase leaves the patient where they were.
    slot.as_ref()
        .ok_or(Error::Locked)?
        .verify_passphrase(&passphrase)?;
    let vault = slot.take().ok_or(Error::Locked)?;
    // A wiped vault's reminders must not keep firing from memory.
    cx.state.forget_reminders();
    crate::quick_unlock::forget(&cx.state.dir);
    vault.wipe(&passphrase)?;
    // Nothing the patient chose stays behind, not even the language (first run asks again).
    cx.state.forget_lang()?;
    cx.platform.language_changed(cx.state.lang());
    Ok(())
}

pub fn home_summary(cx: &Cx<'_>) -> Reply<HomeSummary> {
    let now = Utc::now();
    let lang = cx.state.lang();
    // Right after an unlock, from the records home reads, opened first: the same answer, sooner.
    if let Some(home) = cx.state.with_early(now, |v| summary::home(v, now, lang)) {
        return Ok(home);
    }
    Ok(cx
        .state
        .with_vault(now, |v| Ok(summary::home(v, now, lang)))?)
}

pub fn halt_pattern(cx: &Cx<'_>, last_n: u32) -> Reply<HaltPattern> {
    let lang = cx.state.lang();
    Ok(cx.state.with_vault(Utc::now(), |v| {
        Ok(summary::halt_pattern(v, last_n as usize, lang))
    })?)
}

pub fn insights(cx: &Cx<'_>) -> Reply<Insights> {
    let (now, lang) = (Utc::now(), cx.state.lang());
    Ok(cx
        .state
        .with_vault(now, |v| Ok(summary::insights(v, local_zone(), now, lang)))?)
}

/// The dialog for `purpose`; the token for the chosen file, or null when cancelled.
pub fn pick_path(cx: &Cx<'_>, purpose: PathPurpose) -> Reply<Option<String>> {
    let dialog = purpose.dialog(chrono::Local::now().date_naive());
    let Some(path) = cx.platform.choose(dialog)? else {
        return Ok(None);
    };
    Ok(Some(chooser::CHOSEN.issue(
        path,
        purpose,
        Instant::now(),
        &SystemRandom::new(),
    )?))
}

pub fn sync_connect(cx: &Cx<'_>, server: String, code: Zeroizing<String>) -> Reply<SyncStatus> {
    Ok(clinic::connect(cx.state, &server, &code)?.in_lang(cx.state.lang()))
}

pub fn sync_now(cx: &Cx<'_>) -> Reply<SyncReport> {
    let report = clinic::sync_now(cx.state);
    // Whatever happened, sessions and the status may have changed (a refusal is recorded).
    replan(cx.state, cx.platform);
    cx.platform.emit(clinic::CHANGED_EVENT);
    Ok(report?)
}

pub fn sync_status(cx: &Cx<'_>) -> Reply<SyncStatus> {
    let lang = cx.state.lang();
    Ok(cx
        .state
        .with_vault(Utc::now(), |v| Ok(sync::status(v).in_lang(lang)))?)
}

pub fn clinic_devices(cx: &Cx<'_>) -> Reply<ClinicDevices> {
    // Home asks on its first paint: the connection is in what an unlock opens first.
    let devices = match cx.state.with_early(Utc::now(), sync::devices::list) {
        Some(devices) => devices,
        None => cx
            .state
            .with_vault(Utc::now(), |v| Ok(sync::devices::list(v)))?,
    };
    Ok(devices.in_lang(cx.state.lang()))
}

pub fn clinic_devices_acknowledge(cx: &Cx<'_>) -> Reply<ClinicDevices> {
    Ok(cx
        .state
        .with_vault(Utc::now(), |v| sync::devices::acknowledge(v, now_stamp()))?
        .in_lang(cx.state.lang()))
}

pub fn sync_dismiss_parked(cx: &Cx<'_>, session: RecordId) -> Reply<SyncStatus> {
    Ok(cx.state.with_vault(Utc::now(), |v| {
        sync::dismiss_parked(v, session, Utc::now())?;
        Ok(sync::status(v).in_lang(cx.state.lang()))
    })?)
}

pub fn sync_disconnect(cx: &Cx<'_>) -> Reply<SyncStatus> {
    Ok(cx
        .state
        .with_vault(Utc::now(), |v| {
            // The clinic revokes this device's key first; offline, the local key is deleted anyway.
            if let Err(e) = sync::revoke_at_clinic(v, now_stamp(), &SystemRandom::new()) {
                eprintln!(
                    "clinic disconnect: the clinic was not told ({:?})",
                    e.code()
                );
            }
            sync::disconnect(v, Utc::now())
        })?
        .in_lang(cx.state.lang()))
}

/// The patient's answer to a session. A clinic session's answer goes into the outbox (the dispatch
/// then wakes the sync to send it); a session the patient added is simply saved.
pub fn session_respond(
    cx: &Cx<'_>,
    id: RecordId,
    response: ParticipantResponse,
) -> Reply<StoredEntry> {
    Ok(cx.state.with_vault(Utc::now(), |v| {
        sync::queue_response(v, id, response, now_stamp(), &SystemRandom::new())
            .and_then(StoredEntry::try_from)
    })?)
}

/// Answers given on notifications that could not be saved, handed over once (the Sessions screen
/// asks the patient to answer again).
pub fn answer_problems_take(cx: &Cx<'_>) -> Reply<Vec<crate::state::AnswerProblem>> {
    Ok(cx.state.take_answer_problems())
}

/// The course of care: level, weekly target, who set them, the clinic's history and the aftercare
/// check-ins; `null` before the program is set up.
pub fn care_plan(cx: &Cx<'_>) -> Reply<Option<CarePlan>> {
    let now = Utc::now();
    let lang = cx.state.lang();
    // Home asks with its summary: answered early the same way (it reads only what home reads).
    if let Some(plan) = cx.state.with_early(now, |v| care::plan(v, now, lang)) {
        return Ok(plan);
    }
    Ok(cx.state.with_vault(now, |v| Ok(care::plan(v, now, lang)))?)
}

/// Every session with its status line and counted minutes, soonest first.
pub fn sessions_list(cx: &Cx<'_>) -> Reply<Vec<SessionView>> {
    let now = Utc::now();
    Ok(cx
        .state
        .with_vault(now, |v| Ok(care::session_views(v, now, cx.state.lang())))?)
}

/// The patient marks a session themselves (self-reported; never sent to the clinic), or clears the
/// mark with `null`.
pub fn session_mark(cx: &Cx<'_>, id: RecordId, mark: Option<Attendance>) -> Reply<StoredEntry> {
    Ok(cx.state.with_vault(Utc::now(), |v| {
        care::self_report(v, id, mark, now_stamp()).and_then(StoredEntry::try_from)
    })?)
}

/// Exactly what a share would send, with the consent text; no network.
pub fn share_preview(
    cx: &Cx<'_>,
    selection: ShareSelection,
    terms: ConsentTerms,
) -> Reply<SharePreview> {
    Ok(cx.state.with_vault(Utc::now(), |v| {
        share::preview(v, &selection, &terms, now_stamp(), cx.state.lang())
    })?)
}

/// Signs and sends a share (the consent is stored before anything is sent). Step-up: signing asks
/// for the passphrase again, checked by the core through the lockout's counter.
pub fn share_send(
    cx: &Cx<'_>,
    selection: ShareSelection,
    terms: ConsentTerms,
    passphrase: Zeroizing<String>,
) -> Reply<ConsentSummary> {
    Ok(cx.state.with_vault(Utc::now(), |v| {
        v.verify_passphrase(&passphrase)?;
        share::share(
            v,
            &selection,
            &terms,
            now_stamp(),
            &SystemRandom::new(),
            cx.state.lang(),
        )
    })?)
}

/// Sends a consent still waiting to be confirmed again (the same signed bundle).
pub fn share_resend(cx: &Cx<'_>, id: RecordId) -> Reply<ConsentSummary> {
    Ok(cx.state.with_vault(Utc::now(), |v| {
        share::resend(v, id, now_stamp(), &SystemRandom::new())
    })?)
}

pub fn share_consents(cx: &Cx<'_>) -> Reply<Vec<ConsentSummary>> {
    let now = Utc::now();
    Ok(cx.state.with_vault(now, |v| Ok(share::consents(v, now)))?)
}

/// Revokes a consent; the clinic is told first when it may hold the entries.
pub fn share_revoke(cx: &Cx<'_>, id: RecordId) -> Reply<ConsentSummary> {
    Ok(cx.state.with_vault(Utc::now(), |v| {
        share::revoke(v, id, now_stamp(), &SystemRandom::new())
    })?)
}

/// Who at the clinic viewed a consent's entries, and when (read from the clinic).
pub fn share_accounting(cx: &Cx<'_>, id: RecordId) -> Reply<Vec<Disclosure>> {
    let lang = cx.state.lang();
    Ok(cx.state.with_vault(Utc::now(), |v| {
        share::accounting(v, id, now_stamp(), &SystemRandom::new(), lang)
    })?)
}

/// Writes the PDF report of the selected entries to the path the patient chose (`pick_path`
/// with `reportPdf`): like the plain export, not encrypted, and only where the patient put it.
pub fn report_pdf(cx: &Cx<'_>, selection: ShareSelection, token: String) -> Reply<()> {
    let path = chooser::CHOSEN.take(&token, PathPurpose::ReportPdf, Instant::now())?;
    let options = tideline_core::report::ReportOptions {
        prepared_for: None,
        charts: true,
        made_at: now_stamp(),
        lang: cx.state.lang(),
    };
    Ok(cx.state.with_vault(Utc::now(), |v| {
        tideline_core::report::write(v, &selection, &options, &path)
    })?)
}
