//! The clinic link in the shell: the sync commands and the background ticker. The rules (what is
//! sent, what is kept, backoff, parking) are `tideline_core::sync`'s; this module only decides when
//! to call it and on which thread.
//!
//! **The vault mutex during a sync.** A sync runs in the core's three steps: the vault's mutex is held
//! only for `sync::prepare` (read the connection and the due answers) and `sync::apply` (store what
//! the clinic said), never during the network in between (up to the transport's timeouts, 10 s to
//! connect and 30 s per request), so an unreachable clinic no longer makes the window wait. If the
//! vault is locked when the clinic's answers come back, the outcome is dropped: the outbox was not
//! touched, so the next sync does it again; `apply` itself refuses an outcome for another connection
//! and removes an answer only if its entry still holds the key sent. One sync runs at a time
//! (`SYNCING`; "Sync now" may wait for a background sync, not for the vault), so two never store
//! their pages out of order. `connect` (and the share commands)
//! still hold the vault during their network call: the patient started them and sees a busy
//! indicator. Every command that waits for the vault runs on a worker thread
//! (`#[tauri::command(async)]` or `spawn_blocking`), so even then the window never freezes.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use chrono::Utc;
use ring::rand::SystemRandom;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tideline_core::sync::{self, SyncReport, SyncStatus, Trigger};
use tideline_core::Error;

use crate::state::{local_zone, AppState};
use tideline_core::time::Stamp;

/// How often the ticker syncs while the vault is unlocked and a clinic is connected.
pub const INTERVAL: Duration = Duration::from_secs(5 * 60);

/// [`INTERVAL`], or `TIDELINE_SYNC_INTERVAL_SECS` when set (the end-to-end tests sync every few
/// seconds to show that background syncs never keep the vault from locking).
fn interval() -> Duration {
    std::env::var("TIDELINE_SYNC_INTERVAL_SECS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .filter(|secs| *secs > 0)
        .map_or(INTERVAL, Duration::from_secs)
}
/// The event the window listens for to re-read the sync status and the sessions.
pub const CHANGED_EVENT: &str = "sync-changed";

/// Wakes the ticker before its interval is up (after an unlock, an answer, a connect).
#[derive(Debug)]
pub struct Ticker {
    wake: Mutex<Sender<()>>,
}

/// Starts the ticker thread and registers its handle as app state. After each sync the ticker calls
/// `replan` (new or changed sessions need their reminders), then tells the window.
pub fn start_ticker<R: Runtime>(
    app: &AppHandle<R>,
    replan: fn(&AppHandle<R>),
) -> std::io::Result<()> {
    let (wake, woken) = mpsc::channel::<()>();
    app.manage(Ticker {
        wake: Mutex::new(wake),
    });
    let handle = app.clone();
    let every = interval();
    std::thread::Builder::new()
        .name("clinic-sync".into())
        .spawn(move || loop {
            match woken.recv_timeout(every) {
                Ok(()) | Err(RecvTimeoutError::Timeout) => {
                    // Several wakes in a row make one sync.
                    while woken.try_recv().is_ok() {}
                    tick(&handle, replan);
                }
                Err(RecvTimeoutError::Disconnected) => return,
            }
        })?;
    Ok(())
}

/// Asks the ticker to sync soon, on its own thread. Does nothing before the ticker exists.
pub fn wake<R: Runtime>(app: &AppHandle<R>) {
    if let Some(ticker) = app.try_state::<Ticker>() {
        let _ = ticker
            .wake
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .send(());
    }
}

fn now_stamp() -> Stamp {
    Stamp::new(Utc::now(), local_zone())
}

/// Held for a whole sync (all three steps), so syncs run one after the other.
static SYNCING: Mutex<()> = Mutex::new(());

fn one_sync_at_a_time() -> MutexGuard<'static, ()> {
    SYNCING.lock().unwrap_or_else(|p| p.into_inner())
}

/// One background sync, if the vault is unlocked and a working clinic link exists. Does not count
/// as the patient's activity, so it never keeps the vault from locking itself. `None`: nothing to do,
/// or the vault was locked before the result could be stored (the next sync does it again).
pub fn background_sync(state: &AppState) -> Option<Result<SyncReport, Error>> {
    let _syncing = one_sync_at_a_time();
    let plan = {
        let slot = state.slot();
        let vault = slot.as_ref()?;
        sync::connection(vault).filter(|link| !link.is_refused())?;
        match sync::prepare(vault, Trigger::Background, now_stamp()) {
            Ok(plan) => plan?,
            Err(e) => return Some(Err(e)),
        }
    };
    // The network, without the vault.
    let outcome = plan.exchange(now_stamp(), &SystemRandom::new());
    let mut slot = state.slot();
    let vault = slot.as_mut()?;
    Some(sync::apply(vault, outcome, now_stamp()))
}

fn tick<R: Runtime>(app: &AppHandle<R>, replan: fn(&AppHandle<R>)) {
    let Some(outcome) = background_sync(&app.state::<AppState>()) else {
        return;
    };
    match outcome {
        // Offline is the normal state of a laptop on a train: the outbox keeps everything.
        Ok(_) | Err(Error::Offline) => {}
        // Only the error's code: its message is a fixed sentence, but a code is all a log needs.
        Err(e) => eprintln!("clinic sync: {:?}", e.code()),
    }
    // New or changed sessions need their reminders, and the window its fresh status.
    replan(app);
    let _ = app.emit(CHANGED_EVENT, ());
}

/// Connects this device with the enrollment code from the clinic. Does not sync: the window asks
/// for `sync_now` next, so a connected-but-offline device is told apart from a refused code.
pub fn connect(state: &AppState, server: &str, code: &str) -> Result<SyncStatus, Error> {
    state.with_vault(Utc::now(), |v| {
        sync::connect(v, server, code, None, now_stamp(), &SystemRandom::new())
    })
}

/// A sync the patient asked for ("Sync now"): every waiting answer is tried once. The vault is held
/// only to prepare and to apply; `Error::Locked` if it was locked during the network (nothing lost).
pub fn sync_now(state: &AppState) -> Result<SyncReport, Error> {
    let _syncing = one_sync_at_a_time();
    let plan = state
        .with_vault(Utc::now(), |v| {
            sync::prepare(v, Trigger::Patient, now_stamp())
        })?
        .ok_or_else(sync::not_connected)?;
    // The network, without the vault.
    let outcome = plan.exchange(now_stamp(), &SystemRandom::new());
    let mut slot = state.slot();
    let vault = slot.as_mut().ok_or(Error::Locked)?;
    sync::apply(vault, outcome, now_stamp())
}
