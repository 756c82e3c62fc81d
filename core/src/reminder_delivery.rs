//! Delivering planned reminders: what the device keeps in memory while the vault is locked, which
//! reminders to show each time the scheduler wakes, and the single summary for those it could not
//! show in time. Pure: the shell passes the current time and does the sleeping and the showing.
//!
//! # Why a queue, a mark and a summary
//!
//! The vault is locked most of the time, and nothing about sessions may be on disk in the clear. So
//! whenever the vault is open (at unlock, and after each change to sessions or settings) the shell
//! asks [`plan`] for every reminder due in the next [`PLAN_HORIZON`] and hands it to a
//! [`ReminderQueue`], which keeps only what is needed to show each one (due instant, text, session
//! id) and keeps working after the vault locks again.
//!
//! The queue remembers the end of the last window it handled, `handled_until`, and every wake
//! handles `(handled_until, now]`: the planner guarantees that consecutive windows neither drop nor
//! repeat a reminder, so sleep, resume and clock changes cannot cause duplicates. `handled_until`
//! never moves back: after the clock is set back, reminders already shown are not shown again.
//!
//! Across a restart the queue is gone, so `handled_until` is also stored in the vault as a
//! [`ReminderMark`] (written only while the vault is open: at unlock-time changes and just before it
//! locks, never at reminder times, so the file's modification time does not follow the sessions). At
//! the first unlock after a start the next plan begins at that mark, and whatever fell due in
//! between is reported as one [`Delivery::MissedSummary`], never as a burst.

use chrono::{DateTime, Duration, Utc};
use ring::rand::SecureRandom;

pub use crate::app_state::ReminderMark;
use crate::error::{Error, Result};
use crate::language::{tr, Arg, Lang};
use crate::record::{Record, RecordId, RecordKind};
use crate::reminder::{reminders_between, PlannedReminder, ReminderTarget, ReminderWords};
use crate::session::ParticipantResponse;
use crate::summary;
use crate::time::{Stamp, Zone};
use crate::vault::Vault;

/// How far ahead each plan reaches. The plan is renewed at every unlock; a vault left locked for
/// longer than this stops reminding until it is opened again (the settings screen says so).
pub const PLAN_HORIZON: Duration = Duration::days(35);

/// A reminder shown at most this late is still shown as itself. Later than this (the computer was
/// asleep, the app was closed, the clock jumped) it only counts towards the missed summary: "your
/// appointment is tomorrow" read two days later would be wrong, and five late reminders at once
/// would be a burst.
pub const LATE_AFTER: Duration = Duration::minutes(5);

/// One reminder as the device keeps it while the vault is locked: nothing more than it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueReminder {
    /// When to show it.
    pub due_utc: DateTime<Utc>,
    /// The notification text (discreet unless the patient opted in to detail), worded in the
    /// language given to [`ReminderQueue::take_due`] (English until then).
    pub text: String,
    /// What the text is made of, worded again when it is shown.
    pub words: ReminderWords,
    /// The session it is for, so "I'll be there" / "Can't make it" can answer it; `None` for the
    /// daily check-in.
    pub session_id: Option<String>,
}

impl From<PlannedReminder> for DueReminder {
    fn from(p: PlannedReminder) -> Self {
        Self {
            due_utc: p.due_utc,
            text: p.text,
            words: p.words,
            session_id: match p.target {
                ReminderTarget::Session { session_id } => Some(session_id),
                ReminderTarget::DailyCheckIn { .. } => None,
            },
        }
    }
}

/// Why reminders could not be shown in time; chooses the summary's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Absence {
    /// The app was not running (first window handled after a start).
    AppClosed,
    /// The app was running but did not get to run on time: the computer slept or the clock jumped.
    Paused,
}

/// What to show now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// One reminder, on time.
    Reminder(DueReminder),
    /// One notification standing for every reminder that fell due while they could not be shown.
    MissedSummary {
        /// How many reminders it stands for (at least one).
        count: usize,
        /// The discreet notification text.
        text: String,
    },
}

/// The discreet summary text in `lang`: says how many, never what for.
pub fn missed_text(count: usize, absence: Absence, lang: Lang) -> String {
    // "May have": reminders shown while the app ran locked, just before it was closed, cannot be
    // told apart after a restart (see ReminderMark), so the summary does not claim more than it knows.
    let id = match absence {
        Absence::AppClosed => "reminder-missed-closed",
        Absence::Paused => "reminder-missed-asleep",
    };
    tr(lang, id, &[("count", Arg::from(count))])
}

/// The reminders the device still has to show, and how far it has got.
#[derive(Debug, Clone, Default)]
pub struct ReminderQueue {
    /// Sorted by due time; all due after `handled_until`.
    pending: Vec<DueReminder>,
    /// The end of the last window handled; `None` until the first plan of this run.
    handled_until: Option<DateTime<Utc>>,
    /// The next window is the first after a start: late reminders in it were missed while closed.
    first_window: bool,
}

impl ReminderQueue {
    /// An empty queue: nothing known until the vault is first opened.
    pub fn new() -> Self {
        Self::default()
    }

    /// Where the next plan must begin: the end of the last window handled in this run; before the
    /// first plan, the mark the previous run left in the vault; for a vault without one, `now`
    /// (nothing can have been missed before reminders existed).
    pub fn plan_from(&self, stored: Option<ReminderMark>, now: DateTime<Utc>) -> DateTime<Utc> {
        match (self.handled_until, stored) {
            (Some(h), _) => h,
            (None, Some(mark)) => mark.handled_until,
            (None, None) => now,
        }
    }

    /// Replaces the plan with `plan`, which must cover `(from, ..]` where `from` came from
    /// [`Self::plan_from`]. Reminders the queue has already handled are dropped, so a plan computed
    /// while the scheduler was firing cannot repeat one.
    pub fn replace(&mut self, plan: Vec<PlannedReminder>, from: DateTime<Utc>) {
        let handled = match self.handled_until {
            Some(h) => h,
            None => {
                self.handled_until = Some(from);
                self.first_window = true;
                from
            }
        };
        let mut pending: Vec<DueReminder> = plan
            .into_iter()
            .filter(|p| p.due_utc > handled)
            .map(DueReminder::from)
            .collect();
        pending.sort_by_key(|r| r.due_utc);
        self.pending = pending;
    }

    /// Forgets the plan and the progress: after the vault is wiped its reminders must not fire, and
    /// another vault's mark must be used if one is created.
    pub fn forget(&mut self) {
        *self = Self::default();
    }

    /// The end of the last window handled in this run.
    pub fn handled_until(&self) -> Option<DateTime<Utc>> {
        self.handled_until
    }

    /// The mark to store in the vault, if any window has been planned.
    pub fn mark(&self) -> Option<ReminderMark> {
        self.handled_until
            .map(|handled_until| ReminderMark { handled_until })
    }

    /// When the next reminder falls due, if any.
    pub fn next_due(&self) -> Option<DateTime<Utc>> {
        self.pending.first().map(|r| r.due_utc)
    }

    /// How many reminders are waiting.
    pub fn len(&self) -> usize {
        self.pending.len()
    }

    /// Whether nothing is waiting.
    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// Handles the window `(handled_until, now]`: reminders at most [`LATE_AFTER`] late are returned
    /// one by one; later ones become one summary, first (they are older). If the clock is behind
    /// `handled_until`, nothing is due and the window does not move back. Texts are worded in `lang`,
    /// the language in use now (not when the plan was made).
    pub fn take_due(&mut self, now: DateTime<Utc>, lang: Lang) -> Vec<Delivery> {
        let Some(handled) = self.handled_until else {
            return Vec::new();
        };
        // Late in the first window after a start: the app was closed. Late any other time: the
        // scheduler did not run on time, which in practice means the computer slept (a clock moved
        // forward looks the same; "asleep" is the plainest honest description).
        let absence = if self.first_window {
            Absence::AppClosed
        } else {
            Absence::Paused
        };
        self.first_window = false;
        if now <= handled {
            return Vec::new();
        }
        let split = self.pending.partition_point(|r| r.due_utc <= now);
        let due: Vec<DueReminder> = self.pending.drain(..split).collect();
        self.handled_until = Some(now);
        let (late, on_time): (Vec<_>, Vec<_>) =
            due.into_iter().partition(|r| now - r.due_utc > LATE_AFTER);
        let mut out = Vec::with_capacity(on_time.len() + 1);
        if !late.is_empty() {
            out.push(Delivery::MissedSummary {
                count: late.len(),
                text: missed_text(late.len(), absence, lang),
            });
        }
        out.extend(on_time.into_iter().map(|mut r| {
            r.text = r.words.render(lang);
            Delivery::Reminder(r)
        }));
        out
    }
}

/// Every reminder due in `(from, now + PLAN_HORIZON]` for the sessions and preferences in `vault`,
/// read in the patient's current `zone`, worded in `lang` (a phone's own schedule keeps these texts;
/// the desktop queue words them again when it shows them).
pub fn plan(
    vault: &Vault,
    zone: Zone,
    from: DateTime<Utc>,
    now: DateTime<Utc>,
    lang: Lang,
) -> Vec<PlannedReminder> {
    let sessions = summary::sessions(vault);
    let prefs = vault.settings().reminders;
    let mut plan = reminders_between(&sessions, &prefs, zone, from, now + PLAN_HORIZON);
    for r in &mut plan {
        r.text = r.text_in(lang);
    }
    plan
}

/// The mark the last run stored, if any.
pub fn stored_mark(vault: &Vault) -> Option<ReminderMark> {
    vault
        .of_kind(RecordKind::ReminderMark)
        .find_map(|r| match &r.record {
            Record::ReminderMark(m) => Some(*m),
            _ => None,
        })
}

/// Stores `mark` unless the vault already holds it or a later one (a mark never moves back, so an
/// older run cannot undo a newer one). Returns whether it wrote.
pub fn store_mark(vault: &mut Vault, mark: ReminderMark, now: Stamp) -> Result<bool> {
    if stored_mark(vault).is_some_and(|m| m.handled_until >= mark.handled_until) {
        return Ok(false);
    }
    vault.save(None, Record::ReminderMark(mark), now)?;
    Ok(true)
}

/// Records the patient's answer from a notification ("I'll be there" / "Can't make it") on the
/// session with record id `session_id`, through the same path as an answer given in the app: for a
/// clinic session it is queued in the sync outbox for the clinic (see `sync::queue_response`). A
/// session deleted since the reminder was planned is `Error::NotFound`; the caller drops the answer.
pub fn answer(
    vault: &mut Vault,
    session_id: &str,
    response: ParticipantResponse,
    now: Stamp,
    random: &dyn SecureRandom,
) -> Result<()> {
    let id: RecordId = session_id.parse().map_err(|_| Error::NotFound)?;
    match vault.get(&id).map(|r| &r.record) {
        Some(Record::Session(s)) if s.response == response => return Ok(()),
        Some(Record::Session(_)) => {}
        _ => return Err(Error::NotFound),
    }
    crate::sync::queue_response(vault, id, response, now, random)?;
    Ok(())
}
