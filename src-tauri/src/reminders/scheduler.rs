//! The desktop scheduler: one thread that sleeps until the next reminder is due, shows it, and
//! keeps doing so while the vault is locked, for as long as the app runs (in the tray).

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use tideline_core::language::{Lang, LangCell};
use tideline_core::reminder::PlannedReminder;
use tideline_core::reminder_delivery::{Delivery, ReminderMark, ReminderQueue};
use tideline_core::session::ParticipantResponse;

use super::{Notifier, NotifyError, OnAnswer};

/// The longest the thread sleeps without looking at the wall clock.
///
/// Why wake at all when nothing is due: the sleep is measured on the monotonic clock (that is what
/// `Condvar::wait_timeout` uses), but reminders are due at wall-clock instants. The monotonic clock
/// stops while the computer is suspended and ignores changes to the system time, so a thread asleep
/// "for 3 hours" could wake hours late after a resume, or miss that the clock was moved forward.
/// Capping each sleep at a minute bounds that lateness to a minute, at the cost of one wake a minute
/// that compares the two clocks and goes back to sleep.
pub const MAX_NAP: Duration = Duration::from_secs(60);

/// A difference between wall-clock and monotonic progress above this means the computer slept or
/// the clock was changed (ordinary time-keeping corrections are milliseconds).
const JUMP_TOLERANCE: Duration = Duration::from_secs(2);

/// Records the patient's answer to a session reminder: `(session record id, response)`.
pub type Respond = Arc<dyn Fn(&str, ParticipantResponse) + Send + Sync>;

/// One notification the scheduler asked for: for tests and the lateness measurement.
#[derive(Debug, Clone)]
pub struct Delivered {
    /// When the reminder was due (`None` for a missed-reminders summary).
    pub due_utc: Option<DateTime<Utc>>,
    /// When the scheduler handed it to the notifier.
    pub requested_at: DateTime<Utc>,
    /// When the notifier returned.
    pub shown_at: DateTime<Utc>,
    /// What the notification said.
    pub text: String,
    /// Whether the notifier succeeded.
    pub result: Result<(), NotifyError>,
}

/// Watches what the scheduler shows.
pub type Observer = Box<dyn Fn(&Delivered) + Send>;

#[derive(Debug, Default)]
struct Plan {
    queue: ReminderQueue,
    stopped: bool,
}

struct Shared {
    plan: Mutex<Plan>,
    changed: Condvar,
    /// The patient's language, read when each notification is worded (not when it was planned).
    lang: LangCell,
}

impl Shared {
    /// A panic while holding the lock leaves at worst a stale plan, which the next re-plan replaces.
    fn lock(&self) -> MutexGuard<'_, Plan> {
        self.plan.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A handle on the scheduler thread. Cloning shares the same thread.
#[derive(Clone)]
pub struct Scheduler {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Scheduler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The plan's texts stay out of debug output.
        let plan = self.shared.lock();
        f.debug_struct("Scheduler")
            .field("pending", &plan.queue.len())
            .field("handled_until", &plan.queue.handled_until())
            .finish()
    }
}

impl Scheduler {
    /// Starts the thread with nothing planned: it waits for the first [`Self::replace`].
    pub fn start(notifier: Arc<dyn Notifier>, respond: Respond) -> std::io::Result<Self> {
        Self::start_observed(notifier, respond, None)
    }

    /// [`Self::start`], reporting each notification to `observer`.
    pub fn start_observed(
        notifier: Arc<dyn Notifier>,
        respond: Respond,
        observer: Option<Observer>,
    ) -> std::io::Result<Self> {
        let shared = Arc::new(Shared {
            plan: Mutex::new(Plan::default()),
            changed: Condvar::new(),
            lang: LangCell::default(),
        });
        let worker = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("reminders".into())
            .spawn(move || run(&worker, notifier.as_ref(), &respond, observer.as_ref()))?;
        Ok(Self { shared })
    }

    /// The language notifications are worded in: the app state holds the same cell, so a change
    /// applies to the next notification shown.
    pub fn language(&self) -> LangCell {
        self.shared.lang.clone()
    }

    /// Where the next plan must begin (see `ReminderQueue::plan_from`).
    pub fn plan_from(&self, stored: Option<ReminderMark>, now: DateTime<Utc>) -> DateTime<Utc> {
        self.shared.lock().queue.plan_from(stored, now)
    }

    /// Replaces the plan and wakes the thread to sleep until the new first reminder.
    pub fn replace(&self, plan: Vec<PlannedReminder>, from: DateTime<Utc>) {
        self.shared.lock().queue.replace(plan, from);
        self.shared.changed.notify_all();
    }

    /// The mark to keep in the vault.
    pub fn mark(&self) -> Option<ReminderMark> {
        self.shared.lock().queue.mark()
    }

    /// Forgets everything planned (after the vault is wiped).
    pub fn forget(&self) {
        self.shared.lock().queue.forget();
        self.shared.changed.notify_all();
    }

    /// Stops the thread. Reminders not yet shown are dropped.
    pub fn stop(&self) {
        self.shared.lock().stopped = true;
        self.shared.changed.notify_all();
    }
}

fn run(shared: &Shared, notifier: &dyn Notifier, respond: &Respond, observer: Option<&Observer>) {
    let mut plan = shared.lock();
    loop {
        if plan.stopped {
            return;
        }
        let now = Utc::now();
        // Worded now, in the language in use now.
        let lang = shared.lang.get();
        let due = plan.queue.take_due(now, lang);
        if !due.is_empty() {
            // Notifications go out without the lock: a D-Bus round trip must not hold up an unlock
            // that wants to hand over a new plan.
            drop(plan);
            for delivery in due {
                show(notifier, respond, observer, delivery, lang);
            }
            plan = shared.lock();
            continue;
        }
        let nap = plan
            .queue
            .next_due()
            .map_or(MAX_NAP, |due| (due - now).to_std().unwrap_or_default())
            .min(MAX_NAP);
        let (wall_before, mono_before) = (Utc::now(), Instant::now());
        plan = shared
            .changed
            .wait_timeout(plan, nap)
            .unwrap_or_else(|p| p.into_inner())
            .0;
        let mono = mono_before.elapsed();
        let wall = (Utc::now() - wall_before).to_std().unwrap_or_default();
        let drift = wall.abs_diff(mono);
        if drift > JUMP_TOLERANCE {
            // The next turn of the loop handles `(handled_until, now]` in wall time, whichever way
            // the clock went; this line only makes the event visible in the log.
            eprintln!(
                "reminders: wall clock and monotonic clock differ by {} s after a nap \
                 (sleep and resume, or the clock was changed); checking what is due",
                drift.as_secs()
            );
        }
    }
}

fn show(
    notifier: &dyn Notifier,
    respond: &Respond,
    observer: Option<&Observer>,
    delivery: Delivery,
    lang: Lang,
) {
    let (due_utc, text, answer) = match delivery {
        Delivery::Reminder(r) => {
            let answer = r.session_id.map(|id| {
                let respond = Arc::clone(respond);
                Box::new(move |response| respond(&id, response)) as OnAnswer
            });
            (Some(r.due_utc), r.text, answer)
        }
        Delivery::MissedSummary { text, .. } => (None, text, None),
    };
    let requested_at = Utc::now();
    let result = notifier.show_in(&text, answer, lang);
    let shown_at = Utc::now();
    if let Err(e) = &result {
        eprintln!("reminders: {e}");
    }
    if let Some(observer) = observer {
        observer(&Delivered {
            due_utc,
            requested_at,
            shown_at,
            text,
            result,
        });
    }
}
