//! What the shell holds between commands: the data directory, while unlocked the vault, and the
//! reminder scheduler, which keeps running while the vault is locked.

use std::ops::{Deref, DerefMut};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use ring::rand::SystemRandom;
use tideline_core::language::{self, Lang, LangCell};
use tideline_core::reminder::PlannedReminder;
use tideline_core::reminder_delivery as delivery;
use tideline_core::session::ParticipantResponse;
use tideline_core::settings::Settings;
use tideline_core::time::{Stamp, Zone};
use tideline_core::vault::{EarlyHandle, EarlyView, Loading, Vault};
use tideline_core::{Error, Result};

use crate::reminders::device::{DeviceSchedule, Permission};
use crate::reminders::Scheduler;

/// The shell's state.
#[derive(Debug)]
pub struct AppState {
    /// Where the vault lives.
    pub dir: PathBuf,
    vault: Mutex<Open>,
    /// While an unlock's records load: what the home screen reads, opened first. Apart from `vault`,
    /// so asking it does not wait behind a command that waits for the whole load; dropped (under
    /// `vault`'s lock) as soon as the load has given the vault, before anything can write it.
    early: Mutex<Option<EarlyHandle>>,
    reminders: Scheduler,
    /// Mobile: the operating system's own schedule, replaced at every re-plan and cleared by a wipe
    /// (`reminders::device`). `None` on the desktop, where `reminders` shows everything.
    device: Option<DeviceSchedule>,
    /// Answers from notifications that arrived while the vault was locked: applied at the next
    /// unlock. Memory only, so an answer given while locked is lost if the app quits first.
    answers: Mutex<Vec<(String, ParticipantResponse)>>,
    /// The `keep_running_in_tray` setting as last read from the vault; on until a vault says
    /// otherwise, so reminders keep coming before the first unlock after a start.
    keep_in_tray: AtomicBool,
    /// Answers from notifications the vault refused (disk full, a session no longer open to
    /// answers): kept, in memory only, until the Sessions screen shows them (`answer_problems_take`).
    answer_problems: Mutex<Vec<AnswerProblem>>,
    /// The patient's language (file `language` in `dir`, else the system's), shared with the
    /// reminder scheduler: every sentence reads it when it is made.
    lang: LangCell,
}

pub use tideline_core::status::AnswerProblem;

/// The vault, or a vault whose records are still loading after an unlock answered (see
/// [`AppState::open`]); never both.
#[derive(Debug, Default)]
struct Open {
    vault: Option<Vault>,
    loading: Option<Loading>,
    /// A re-plan asked for while loading: made as soon as the vault is there.
    replan_owed: bool,
}

/// The vault's slot, held locked: the unlocked vault or `None`. Getting it ([`AppState::slot`])
/// finishes a pending load first, so no command sees a vault whose records are not all there.
#[derive(Debug)]
pub struct Slot<'a>(MutexGuard<'a, Open>);

impl Deref for Slot<'_> {
    type Target = Option<Vault>;
    fn deref(&self) -> &Option<Vault> {
        &self.0.vault
    }
}

impl DerefMut for Slot<'_> {
    fn deref_mut(&mut self) -> &mut Option<Vault> {
        &mut self.0.vault
    }
}

/// The patient's current zone, as the operating system reports it; UTC if it cannot tell.
pub fn local_zone() -> Zone {
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|name| name.parse().ok())
        .unwrap_or(Zone::UTC)
}

/// The data directory: `TIDELINE_DATA_DIR` if set, else the platform's app-data directory.
pub fn data_dir(platform: Option<PathBuf>) -> std::io::Result<PathBuf> {
    match std::env::var_os("TIDELINE_DATA_DIR") {
        Some(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
        _ => platform
            .ok_or_else(|| std::io::Error::other("no application data directory on this platform")),
    }
}

impl AppState {
    /// State for `dir`, locked, with `reminders` waiting for the first plan.
    pub fn new(dir: PathBuf, reminders: Scheduler) -> Self {
        let lang = reminders.language();
        lang.set(language::current(&dir));
        Self {
            dir,
            vault: Mutex::new(Open::default()),
            early: Mutex::new(None),
            reminders,
            device: None,
            answers: Mutex::new(Vec::new()),
            keep_in_tray: AtomicBool::new(true),
            answer_problems: Mutex::new(Vec::new()),
            lang,
        }
    }

    /// The language every sentence is made in now.
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// Stores the patient's language and uses it from now on (no relock, no restart).
    pub fn set_lang(&self, lang: Lang) -> Result<()> {
        language::store(&self.dir, lang)?;
        self.lang.set(lang);
        Ok(())
    }

    /// Forgets the patient's language choice (the vault was wiped): the system's is spoken again.
    pub fn forget_lang(&self) -> Result<()> {
        language::forget(&self.dir)?;
        self.lang.set(language::system());
        Ok(())
    }

    /// The same state, with reminders also handed to the device's own schedule (mobile).
    pub fn with_device(mut self, device: DeviceSchedule) -> Self {
        self.device = Some(device);
        self
    }

    fn open_slot(&self) -> MutexGuard<'_, Open> {
        self.vault
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The slot holding the vault, once its records are all loaded: a command that comes while they
    /// load waits for them here. A panic while holding the lock cannot leave the vault in a state
    /// worse than "locked", so a poisoned lock is recovered rather than propagated.
    pub fn slot(&self) -> Slot<'_> {
        let mut open = self.open_slot();
        if let Some(loading) = open.loading.take() {
            let loaded = loading.wait();
            *self.early_slot() = None;
            match loaded {
                // The report's count of rows that did not open stays in the vault
                // (`Vault::unopened`): the window asks for it once (`vault_unopened`) and tells the
                // patient; the rows themselves stay in the file unchanged.
                Ok((vault, report)) => {
                    if !report.damaged.is_empty() {
                        eprintln!("unlock: {} record(s) did not open", report.damaged.len());
                    }
                    open.vault = Some(vault);
                }
                // Only a read error of a file that passed its whole-file check a moment ago: the
                // vault stays locked, and the patient unlocks again from the lock screen.
                Err(e) => eprintln!("unlock: the records could not be read ({:?})", e.code()),
            }
            if std::mem::take(&mut open.replan_owed) {
                if let Some(vault) = open.vault.as_mut() {
                    let now = Utc::now();
                    let device_plan = self.plan(vault, now);
                    self.hand_to_device(device_plan, now);
                }
            }
        }
        Slot(open)
    }

    /// Runs `f` on what unlocking opened first (`EarlyHandle::view`), while the rest of the records
    /// still load, when that answers at `now` exactly as the whole vault will. `None` when the vault
    /// is not loading (then [`AppState::with_vault`] answers at once) or cannot be answered early:
    /// also when answers from notifications wait to be applied at the end of the load, since they
    /// change sessions.
    pub fn with_early<T>(&self, now: DateTime<Utc>, f: impl FnOnce(&EarlyView) -> T) -> Option<T> {
        let answers_waiting = !self
            .answers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_empty();
        if answers_waiting {
            return None;
        }
        self.early_slot().as_mut()?.view(now).map(f)
    }

    fn early_slot(&self) -> MutexGuard<'_, Option<EarlyHandle>> {
        self.early.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Holds a vault whose key has opened while its records load (an unlock answers without waiting
    /// for them; the first use of the vault does).
    pub fn open(&self, mut loading: Loading) {
        let mut open = self.open_slot();
        open.vault = None;
        *self.early_slot() = loading.take_early();
        open.loading = Some(loading);
    }

    /// Runs `f` on the unlocked vault; `Error::Locked` when it is locked. A command is not the
    /// patient's activity by itself (the window calls many on its own, e.g. after a background
    /// sync): only `vault_touch` and a hold postpone the lock (`tideline_core::vault::Vault::touch`).
    pub fn with_vault<T>(
        &self,
        _now: DateTime<Utc>,
        f: impl FnOnce(&mut Vault) -> Result<T>,
    ) -> Result<T> {
        let mut slot = self.slot();
        let vault = slot.as_mut().ok_or(Error::Locked)?;
        f(vault)
    }

    /// Locks when the idle time has passed; `true` if it locked now.
    pub fn lock_if_idle(&self, now: DateTime<Utc>) -> bool {
        let mut slot = self.slot();
        if slot.as_mut().is_some_and(|v| v.idle_expired(now)) {
            if let Some(vault) = slot.take() {
                self.lock_vault(vault, now);
            }
            return true;
        }
        false
    }

    /// Locks now (the lock command, the tray, quitting); `true` if it was unlocked.
    pub fn lock(&self, now: DateTime<Utc>) -> bool {
        let vault = self.slot().take();
        vault.map(|v| self.lock_vault(v, now)).is_some()
    }

    /// Stores how far the reminders got, then locks: the last moment the vault can be written.
    fn lock_vault(&self, mut vault: Vault, now: DateTime<Utc>) {
        if let Some(mark) = self.reminders.mark() {
            if delivery::store_mark(&mut vault, mark, Stamp::new(now, local_zone())).is_err() {
                // Only costs a too-large missed summary after a restart; the lock must go ahead.
                eprintln!("reminders: could not store the reminder mark before locking");
            }
        }
        vault.lock();
    }

    /// Hands the scheduler a fresh plan from the open vault (after unlock and every change), first
    /// applying answers queued while locked. Returns the settings for the caller to apply what
    /// lives outside the vault (start at login); `None` when locked, and while an unlock's records
    /// load: the plan is then made as soon as they are there ([`AppState::slot`]), and an unlock
    /// changes no setting that lives outside the vault.
    pub fn replan_reminders(&self, now: DateTime<Utc>) -> Option<Settings> {
        {
            let mut open = self.open_slot();
            if open.loading.is_some() {
                open.replan_owed = true;
                return None;
            }
        }
        let mut slot = self.slot();
        let vault = slot.as_mut()?;
        let device_plan = self.plan(vault, now);
        let settings = vault.settings();
        drop(slot);
        self.hand_to_device(device_plan, now);
        Some(settings)
    }

    /// Applies answers queued while locked, hands the scheduler a fresh plan and stores its mark;
    /// returns the plan for the device's own schedule (mobile).
    fn plan(&self, vault: &mut Vault, now: DateTime<Utc>) -> Option<Vec<PlannedReminder>> {
        let (zone, stamp) = (local_zone(), Stamp::new(now, local_zone()));
        let queued = std::mem::take(&mut *self.answers.lock().unwrap_or_else(|p| p.into_inner()));
        for (session, response) in queued {
            let saved = delivery::answer(vault, &session, response, stamp, &SystemRandom::new());
            self.report_answer(&session, response, saved);
        }
        let from = self.reminders.plan_from(delivery::stored_mark(vault), now);
        self.reminders
            .replace(delivery::plan(vault, zone, from, now, self.lang()), from);
        if let Some(mark) = self.reminders.mark() {
            if let Err(e) = delivery::store_mark(vault, mark, stamp) {
                // Only costs a too-large missed summary after a restart.
                eprintln!("reminders: mark_not_stored {:?}", e.code());
            }
        }
        self.keep_in_tray
            .store(vault.settings().keep_running_in_tray, Ordering::Relaxed);
        // The device gets everything still ahead, whatever the desktop mark says: what fired while
        // the app was away has left its list, so this tops it up.
        self.device
            .as_ref()
            .map(|_| delivery::plan(vault, zone, now, now, self.lang()))
    }

    /// Replaces the device's own schedule (mobile) with `plan`.
    fn hand_to_device(&self, plan: Option<Vec<PlannedReminder>>, now: DateTime<Utc>) {
        if let (Some(device), Some(plan)) = (&self.device, plan) {
            match device.replace(plan, now) {
                Ok(r) if r.permission == Permission::Denied && r.scheduled > 0 => {
                    eprintln!(
                        "reminders: notifications are turned off for Tideline on this device"
                    );
                }
                Ok(r) if r.refused == 0 && r.pending >= r.scheduled => {}
                Ok(r) => eprintln!(
                    "reminders: the device took {} of {} reminders and holds {}",
                    r.scheduled,
                    r.scheduled + r.refused,
                    r.pending
                ),
                Err(e) => eprintln!("reminders: {e}"),
            }
        }
    }

    /// Records an answer from a notification: now if the vault is open, else at the next unlock.
    /// Returns whether it was applied now (the caller then re-plans).
    pub fn answer(&self, session: &str, response: ParticipantResponse, now: DateTime<Utc>) -> bool {
        let mut slot = self.slot();
        match slot.as_mut() {
            Some(vault) => {
                let stamp = Stamp::new(now, local_zone());
                let saved = delivery::answer(vault, session, response, stamp, &SystemRandom::new());
                drop(slot);
                self.report_answer(session, response, saved);
                true
            }
            None => {
                self.answers
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push((session.to_owned(), response));
                false
            }
        }
    }

    /// Logs an answer from a notification that was not saved, with a fixed code, and keeps it for
    /// the Sessions screen. A session deleted since (`NotFound`) needs no answer: logged only.
    fn report_answer(&self, session: &str, response: ParticipantResponse, saved: Result<()>) {
        match saved {
            Ok(()) => {}
            Err(Error::NotFound) => eprintln!("reminders: answer_for_missing_session"),
            Err(e) => {
                eprintln!("reminders: answer_not_saved {:?}", e.code());
                // The same code and words the window gets for a refused command.
                let refused = crate::ipc::IpcError::from(e).localized(self.lang());
                self.answer_problems
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push(AnswerProblem {
                        session: session.to_owned(),
                        response,
                        code: refused.code,
                        message: refused.message,
                    });
            }
        }
    }

    /// The answers from notifications that were not saved, handed over once.
    pub fn take_answer_problems(&self) -> Vec<AnswerProblem> {
        std::mem::take(
            &mut *self
                .answer_problems
                .lock()
                .unwrap_or_else(|p| p.into_inner()),
        )
    }

    /// Drops every planned reminder and queued answer (the vault was wiped).
    pub fn forget_reminders(&self) {
        self.reminders.forget();
        if let Some(device) = &self.device {
            if let Err(e) = device.clear() {
                eprintln!("reminders: {e}");
            }
        }
        self.answers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }

    /// Whether closing the window should leave the app running in the tray.
    pub fn keeps_running_in_tray(&self) -> bool {
        self.keep_in_tray.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::reminders::{Notifier, NotifyError, OnAnswer};
    use tideline_core::record::Record;
    use tideline_core::vault::KdfParams;

    struct Silent;
    impl Notifier for Silent {
        fn show(&self, _: &str, _: Option<OnAnswer>) -> std::result::Result<(), NotifyError> {
            Ok(())
        }
    }

    const PASS: &str = "lantern river oatmeal violet";

    /// Locked state for `dir`, with a scheduler that shows nothing (stop it at the end).
    fn state_in(dir: &std::path::Path) -> (AppState, Scheduler) {
        let scheduler = Scheduler::start(Arc::new(Silent), Arc::new(|_: &str, _| {})).unwrap();
        (AppState::new(dir.to_owned(), scheduler.clone()), scheduler)
    }

    /// A vault in `dir` holding one booked session tomorrow, answered "accepted"; returns it with
    /// the session's id.
    fn vault_with_session(dir: &std::path::Path, now: DateTime<Utc>) -> (Vault, String) {
        let (mut vault, _) = Vault::create(dir, PASS, KdfParams::FLOOR, now).unwrap();
        let start = now + chrono::Duration::days(1);
        let session: Record = serde_json::from_value(serde_json::json!({
            "type": "session", "title": "Evening group",
            "start": { "utc": start, "zone": "UTC" },
            "end": { "utc": start + chrono::Duration::hours(3), "zone": "UTC" },
            "kind": "group", "venue": { "kind": "inPerson", "place": "Room 2" },
            "status": "booked", "response": "accepted",
            "origin": { "kind": "patient" },
            "cancelReason": null, "attendance": null, "selfReport": null
        }))
        .unwrap();
        let id = vault
            .save(None, session, Stamp::new(now, local_zone()))
            .unwrap()
            .id
            .to_string();
        (vault, id)
    }

    /// A notification's answer the vault refuses is kept for the Sessions screen, once; an answer
    /// for a session deleted since is not (nothing to answer again).
    #[test]
    fn an_answer_the_vault_refuses_is_reported_not_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let (state, scheduler) = state_in(dir.path());
        let now = Utc::now();
        let (vault, id) = vault_with_session(dir.path(), now);
        *state.slot() = Some(vault);

        // "needs-action" is no answer the core takes: refused as invalid.
        assert!(state.answer(&id, ParticipantResponse::NeedsAction, now));
        assert!(state.answer(
            "0123456789abcdef0123456789abcdef",
            ParticipantResponse::Accepted,
            now
        ));
        let problems = state.take_answer_problems();
        assert_eq!(problems.len(), 1, "only the refused answer: {problems:?}");
        assert_eq!(problems[0].session, id);
        assert_eq!(problems[0].code, tideline_core::ErrorCode::Invalid);
        assert!(state.take_answer_problems().is_empty(), "handed over once");
        scheduler.stop();
    }

    /// An unlock answers before the records load; a re-plan asked for meanwhile is owed, not lost:
    /// the first use of the vault waits for the records and makes it, so an answer given on a
    /// notification while locked is in the vault before any command can read it.
    #[test]
    fn a_replan_asked_while_records_load_is_made_before_the_vault_is_used() {
        let dir = tempfile::tempdir().unwrap();
        let (state, scheduler) = state_in(dir.path());
        let now = Utc::now();
        let (vault, id) = vault_with_session(dir.path(), now);
        vault.lock();
        assert!(
            !state.answer(&id, ParticipantResponse::Declined, now),
            "locked: queued"
        );
        state.open(Vault::begin_unlock(dir.path(), PASS, now).unwrap());
        assert!(state.replan_reminders(now).is_none(), "owed while loading");
        let slot = state.slot();
        let vault = slot.as_ref().expect("unlocked once the records are there");
        let session = vault
            .records()
            .find(|r| r.id.to_string() == id)
            .expect("the session loaded");
        assert_eq!(
            serde_json::to_value(&session.record).unwrap()["response"],
            "declined",
            "the queued answer was applied by the owed re-plan"
        );
        assert!(state.take_answer_problems().is_empty());
        drop(slot);
        assert!(
            state.replan_reminders(now).is_some(),
            "loaded: plans at once"
        );
        scheduler.stop();
    }

    /// Right after an unlock, home is answered from the records it reads, opened first, and the
    /// answer is the whole vault's; not while a notification's answer waits to change a session, and
    /// never once the vault has been handed out (it can be written from then on).
    #[test]
    fn home_is_answered_early_while_records_load_and_only_then() {
        use tideline_core::summary;
        let dir = tempfile::tempdir().unwrap();
        let (state, scheduler) = state_in(dir.path());
        let now = Utc::now();
        let (vault, id) = vault_with_session(dir.path(), now);
        vault.lock();
        state.open(Vault::begin_unlock(dir.path(), PASS, now).unwrap());
        let early = state
            .with_early(now, |v| summary::home(v, now, Lang::En))
            .expect("answered while the records load");
        let whole = state
            .with_vault(now, |v| Ok(summary::home(v, now, Lang::En)))
            .unwrap();
        assert_eq!(early, whole);
        assert!(
            state.with_early(now, |_| ()).is_none(),
            "the vault was handed out: no early answer any more"
        );
        drop(state.slot().take());

        assert!(
            !state.answer(&id, ParticipantResponse::Declined, now),
            "locked: queued"
        );
        state.open(Vault::begin_unlock(dir.path(), PASS, now).unwrap());
        assert!(
            state.with_early(now, |_| ()).is_none(),
            "an answer waits to change a session"
        );
        scheduler.stop();
    }

    /// Locking while an unlock's records load (the tray, sleep, quitting) waits for them, stores
    /// the reminder mark and locks; a second unlock meanwhile replaces the first. Nothing is left
    /// open either way.
    #[test]
    fn locking_or_unlocking_again_while_records_load_leaves_nothing_open() {
        let dir = tempfile::tempdir().unwrap();
        let (state, scheduler) = state_in(dir.path());
        let now = Utc::now();
        let (vault, id) = vault_with_session(dir.path(), now);
        vault.lock();
        state.open(Vault::begin_unlock(dir.path(), PASS, now).unwrap());
        assert!(state.lock(now), "it was unlocked (loading counts)");
        assert!(state.slot().is_none(), "and is locked now");
        assert!(!state.lock(now), "nothing left to lock");

        state.open(Vault::begin_unlock(dir.path(), PASS, now).unwrap());
        state.open(Vault::begin_unlock(dir.path(), PASS, now).unwrap());
        assert!(
            state
                .slot()
                .as_ref()
                .is_some_and(|v| v.records().any(|r| r.id.to_string() == id)),
            "the second unlock's vault, whole"
        );
        assert!(state.lock(now));
        scheduler.stop();
    }
}
