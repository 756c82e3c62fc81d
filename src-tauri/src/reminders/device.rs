//! The decisions behind mobile reminders, apart from the notification plugin that carries them out,
//! so they compile and are tested on any machine (`cargo test -p tideline --lib`).
//!
//! On a phone the operating system holds the schedule: an app there is suspended soon after it
//! leaves the screen and a thread of ours would not run. What this module decides:
//! - at each unlock and change, the device's schedule is replaced by the soonest [`PENDING_LIMIT`]
//!   reminders still ahead (iOS keeps at most 64 pending per app and silently drops the rest); the
//!   ones that fired while the app was away have left the device's list, so this tops it up;
//! - a lock leaves the schedule in place: reminders must keep coming while the vault is locked,
//!   exactly as on the desktop, where the scheduler thread keeps running after a lock;
//! - a wipe cancels everything pending: a wiped vault's reminders must not fire;
//! - the notification permission is asked for once, when there is first something to remind of (not
//!   at the first start, where the patient could not tell what it is for);
//! - "I'll be there" / "Can't make it" come back as an action id plus the session id the
//!   notification carried, and reach the same response path as the desktop's buttons.
//!
//! [`OsSchedule`] is the seam: the notification plugin implements it on Android and iOS
//! (`mobile.rs`), an in-memory recorder in the tests below.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use tideline_core::reminder::PlannedReminder;
use tideline_core::reminder_delivery::DueReminder;
use tideline_core::session::ParticipantResponse;

use super::{response_for_action, NotifyError, Respond};

/// iOS's cap on pending local notifications for one app; Android gets the same, so both behave alike.
pub const PENDING_LIMIT: usize = 64;

/// The action type registered with the device that carries the two answers.
pub const SESSION_ACTIONS: &str = "tideline-session";

/// The key under which a session reminder carries its session's record id.
pub const SESSION_EXTRA: &str = "sessionId";

/// One notification handed to the device for later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OsNotification {
    /// The device's id for it: 1 for the soonest, counting up.
    pub id: i32,
    /// When the device shows it.
    pub at: DateTime<Utc>,
    /// The notification text (discreet unless the patient opted in to detail).
    pub text: String,
    /// The session it is for: it then offers the two answers and carries this id back.
    pub session_id: Option<String>,
}

/// Whether the device lets this app show notifications.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Notifications are shown.
    Granted,
    /// The patient said no (or turned them off in the system settings): nothing is shown.
    Denied,
    /// Not asked yet: the system would ask.
    Undecided,
}

/// The device's notification schedule.
pub trait OsSchedule: Send + Sync + 'static {
    /// Asks the device to show `notification` at its time.
    fn schedule(&self, notification: &OsNotification) -> Result<(), NotifyError>;
    /// Cancels every notification of this app still pending.
    fn cancel_all(&self) -> Result<(), NotifyError>;
    /// How many of this app's notifications the device still holds for later.
    fn pending(&self) -> Result<usize, NotifyError>;
    /// Whether notifications may be shown, without asking.
    fn permission(&self) -> Result<Permission, NotifyError>;
    /// Shows the system's question and returns the patient's answer.
    fn request_permission(&self) -> Result<Permission, NotifyError>;
}

/// What replacing the schedule did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScheduleReport {
    /// Notifications the device accepted.
    pub scheduled: usize,
    /// Notifications the device refused (each refusal is one reminder that will not come).
    pub refused: usize,
    /// What the device says it holds afterwards; below `scheduled` when it dropped some.
    pub pending: usize,
    /// Whether the device will show them (`Undecided` also when it could not tell).
    pub permission: Permission,
}

/// The soonest [`PENDING_LIMIT`] reminders of `plan` strictly after `now`, soonest first, numbered.
pub fn soonest(plan: Vec<PlannedReminder>, now: DateTime<Utc>) -> Vec<OsNotification> {
    let mut ahead: Vec<DueReminder> = plan
        .into_iter()
        .map(DueReminder::from)
        .filter(|r| r.due_utc > now)
        .collect();
    ahead.sort_by_key(|r| r.due_utc);
    ahead
        .into_iter()
        .take(PENDING_LIMIT)
        .zip(1..)
        .map(|(r, id)| OsNotification {
            id,
            at: r.due_utc,
            text: r.text,
            session_id: r.session_id,
        })
        .collect()
}

/// The device's reminders, as the shell drives them.
#[derive(Clone)]
pub struct DeviceSchedule {
    os: Arc<dyn OsSchedule>,
}

impl std::fmt::Debug for DeviceSchedule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceSchedule").finish_non_exhaustive()
    }
}

impl DeviceSchedule {
    /// Drives `os`.
    pub fn new(os: Arc<dyn OsSchedule>) -> Self {
        Self { os }
    }

    /// After an unlock or a change: cancels what is pending and schedules the soonest reminders of
    /// `plan` still ahead of `now`, first asking for the permission if it was never asked and there
    /// is something to show. Fails only when the old schedule could not be cancelled (adding to it
    /// would show reminders twice); a single refused notification is counted, not fatal. A denied
    /// permission still schedules: turned on later in the system settings, the reminders come.
    pub fn replace(
        &self,
        plan: Vec<PlannedReminder>,
        now: DateTime<Utc>,
    ) -> Result<ScheduleReport, NotifyError> {
        let soonest = soonest(plan, now);
        let permission = match self.os.permission() {
            Ok(Permission::Undecided) if !soonest.is_empty() => self.os.request_permission(),
            asked => asked,
        }
        .unwrap_or(Permission::Undecided);
        self.os.cancel_all()?;
        let mut report = ScheduleReport {
            scheduled: 0,
            refused: 0,
            pending: 0,
            permission,
        };
        for notification in soonest {
            match self.os.schedule(&notification) {
                Ok(()) => report.scheduled += 1,
                Err(_) => report.refused += 1,
            }
        }
        report.pending = self.os.pending()?;
        Ok(report)
    }

    /// After a wipe: nothing of the old vault may fire.
    pub fn clear(&self) -> Result<(), NotifyError> {
        self.os.cancel_all()
    }
}

/// The answer an action on a notification stands for: `(session id, response)`, or `None` for a tap
/// on the body, a dismissal, or a notification that carries no session.
pub fn answer_for_action(
    action_id: &str,
    session_id: Option<&str>,
) -> Option<(String, ParticipantResponse)> {
    let response = response_for_action(action_id)?;
    Some((session_id?.to_owned(), response))
}

/// Hands an action performed on a notification to the response path, if it is an answer.
pub fn on_action(respond: &Respond, action_id: &str, session_id: Option<&str>) {
    if let Some((session, response)) = answer_for_action(action_id, session_id) {
        respond(&session, response);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use chrono::{Duration, TimeZone};
    use tideline_core::reminder::ReminderTarget;

    use super::*;
    use crate::reminders::{ACTION_ATTEND, ACTION_DECLINE};

    /// The device, in memory: holds what was scheduled and "fires" what is due when told.
    struct Recorder {
        pending: Mutex<Vec<OsNotification>>,
        cancels: Mutex<usize>,
        permission: Mutex<Permission>,
        /// What the patient answers when asked.
        answer: Permission,
        asked: Mutex<usize>,
    }

    impl Default for Recorder {
        fn default() -> Self {
            Self::asking(Permission::Granted, Permission::Granted)
        }
    }

    impl Recorder {
        fn asking(permission: Permission, answer: Permission) -> Self {
            Self {
                pending: Mutex::default(),
                cancels: Mutex::default(),
                permission: Mutex::new(permission),
                answer,
                asked: Mutex::default(),
            }
        }

        /// The device shows everything due by `now`; shown notifications leave the pending list.
        fn fire_until(&self, now: DateTime<Utc>) -> Vec<OsNotification> {
            let mut pending = self.pending.lock().unwrap();
            let (fired, kept) = pending.drain(..).partition(|n| n.at <= now);
            *pending = kept;
            fired
        }

        fn ids_and_times(&self) -> Vec<(i32, DateTime<Utc>)> {
            let pending = self.pending.lock().unwrap();
            pending.iter().map(|n| (n.id, n.at)).collect()
        }
    }

    impl OsSchedule for Recorder {
        fn schedule(&self, notification: &OsNotification) -> Result<(), NotifyError> {
            self.pending.lock().unwrap().push(notification.clone());
            Ok(())
        }

        fn cancel_all(&self) -> Result<(), NotifyError> {
            *self.cancels.lock().unwrap() += 1;
            self.pending.lock().unwrap().clear();
            Ok(())
        }

        fn pending(&self) -> Result<usize, NotifyError> {
            Ok(self.pending.lock().unwrap().len())
        }

        fn permission(&self) -> Result<Permission, NotifyError> {
            Ok(*self.permission.lock().unwrap())
        }

        fn request_permission(&self) -> Result<Permission, NotifyError> {
            *self.asked.lock().unwrap() += 1;
            *self.permission.lock().unwrap() = self.answer;
            Ok(self.answer)
        }
    }

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    /// Reminder `n` is due `n` hours after `t0`; odd ones are for a session, even ones check-ins.
    fn reminder(n: i64) -> PlannedReminder {
        let due_utc = t0() + Duration::hours(n);
        let target = if n % 2 == 1 {
            ReminderTarget::Session {
                session_id: format!("session-{n}"),
            }
        } else {
            ReminderTarget::DailyCheckIn {
                date: due_utc.date_naive(),
            }
        };
        PlannedReminder {
            due_utc,
            target,
            lead_minutes: None,
            session_start_utc: None,
            moved_for_quiet_hours: false,
            text: format!("reminder {n}"),
            words: Default::default(),
        }
    }

    /// 100 reminders, 1 to 100 hours after `t0`, handed over out of order.
    fn hundred() -> Vec<PlannedReminder> {
        let mut plan: Vec<_> = (1..=100).map(reminder).collect();
        plan.reverse();
        plan.swap(3, 70);
        plan
    }

    fn device() -> (Arc<Recorder>, DeviceSchedule) {
        let recorder = Arc::new(Recorder::default());
        let schedule = DeviceSchedule::new(Arc::clone(&recorder) as Arc<dyn OsSchedule>);
        (recorder, schedule)
    }

    #[test]
    fn of_a_hundred_reminders_exactly_the_soonest_64_are_scheduled() {
        let (recorder, schedule) = device();
        let report = schedule.replace(hundred(), t0()).unwrap();
        assert_eq!(
            report,
            ScheduleReport {
                scheduled: 64,
                refused: 0,
                pending: 64,
                permission: Permission::Granted,
            }
        );
        let expected: Vec<_> = (1..=64)
            .map(|n| (n as i32, t0() + Duration::hours(n)))
            .collect();
        assert_eq!(
            recorder.ids_and_times(),
            expected,
            "hours 1 to 64, soonest first"
        );
        let pending = recorder.pending.lock().unwrap();
        assert_eq!(pending[0].session_id.as_deref(), Some("session-1"));
        assert_eq!(pending[1].session_id, None, "a check-in offers no answers");
        assert_eq!(pending[0].text, "reminder 1");
    }

    #[test]
    fn reminders_already_due_are_not_handed_to_the_device() {
        let (recorder, schedule) = device();
        let now = t0() + Duration::hours(40);
        let report = schedule.replace(hundred(), now).unwrap();
        assert_eq!(report.scheduled, 60, "hours 41 to 100 are left");
        assert!(recorder.ids_and_times().iter().all(|(_, at)| *at > now));
    }

    #[test]
    fn after_some_fire_the_next_unlock_tops_the_device_up_to_the_soonest_64() {
        let (recorder, schedule) = device();
        schedule.replace(hundred(), t0()).unwrap();
        // Ten hours pass with the app away (and the vault locked): the device shows ten reminders.
        let later = t0() + Duration::hours(10);
        assert_eq!(recorder.fire_until(later).len(), 10);
        assert_eq!(recorder.pending().unwrap(), 54);
        // The patient unlocks: the same plan is handed over again from the vault.
        let report = schedule.replace(hundred(), later).unwrap();
        assert_eq!(report.pending, 64);
        let expected: Vec<_> = (11..=74)
            .zip(1..)
            .map(|(n, id)| (id, t0() + Duration::hours(n)))
            .collect();
        assert_eq!(
            recorder.ids_and_times(),
            expected,
            "hours 11 to 74: nothing shown twice, nothing skipped"
        );
    }

    /// The shell's own paths, on a real vault: unlock (re-plan), lock, then the wipe's forget.
    #[test]
    fn the_shells_lock_keeps_the_device_schedule_and_its_wipe_cancels_it() {
        use crate::reminders::{Notifier, OnAnswer, Scheduler};
        use crate::state::AppState;
        use tideline_core::record::Record;
        use tideline_core::settings::Settings;
        use tideline_core::time::Stamp;
        use tideline_core::vault::{KdfParams, Vault};

        struct Silent;
        impl Notifier for Silent {
            fn show(&self, _: &str, _: Option<OnAnswer>) -> Result<(), NotifyError> {
                Ok(())
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let (recorder, schedule) = device();
        let scheduler = Scheduler::start(Arc::new(Silent), Arc::new(|_: &str, _| {})).unwrap();
        let state = AppState::new(dir.path().to_owned(), scheduler.clone()).with_device(schedule);
        let now = Utc::now();
        let (mut vault, _) = Vault::create(
            dir.path(),
            "lantern river oatmeal violet",
            KdfParams::FLOOR,
            now,
        )
        .unwrap();
        let mut settings = Settings::default();
        settings.reminders.daily_check_in = chrono::NaiveTime::from_hms_opt(20, 0, 0);
        let stamp = Stamp::new(now, crate::state::local_zone());
        vault.save(None, Record::Settings(settings), stamp).unwrap();
        *state.slot() = Some(vault);

        state.replan_reminders(now).unwrap();
        let planned = recorder.pending().unwrap();
        assert!(
            (34..=36).contains(&planned),
            "a daily check-in for the 35 days ahead reached the device, got {planned}"
        );
        assert!(state.lock(now), "the vault was open");
        assert_eq!(
            recorder.pending().unwrap(),
            planned,
            "locked, the reminders keep coming"
        );
        state.forget_reminders();
        assert_eq!(
            recorder.pending().unwrap(),
            0,
            "a wiped vault's reminders never fire"
        );
        scheduler.stop();
    }

    #[test]
    fn a_device_that_refuses_one_notification_still_gets_the_others() {
        struct Picky(Recorder);
        impl OsSchedule for Picky {
            fn schedule(&self, n: &OsNotification) -> Result<(), NotifyError> {
                if n.id == 2 {
                    return Err(NotifyError("the date is in the past".into()));
                }
                self.0.schedule(n)
            }
            fn cancel_all(&self) -> Result<(), NotifyError> {
                self.0.cancel_all()
            }
            fn pending(&self) -> Result<usize, NotifyError> {
                self.0.pending()
            }
            fn permission(&self) -> Result<Permission, NotifyError> {
                self.0.permission()
            }
            fn request_permission(&self) -> Result<Permission, NotifyError> {
                self.0.request_permission()
            }
        }
        let schedule = DeviceSchedule::new(Arc::new(Picky(Recorder::default())));
        let report = schedule.replace(hundred(), t0()).unwrap();
        assert_eq!(
            (report.scheduled, report.refused, report.pending),
            (63, 1, 63)
        );
    }

    #[test]
    fn the_permission_is_asked_for_once_when_there_is_first_something_to_remind_of() {
        let recorder = Arc::new(Recorder::asking(Permission::Undecided, Permission::Granted));
        let schedule = DeviceSchedule::new(Arc::clone(&recorder) as Arc<dyn OsSchedule>);
        let report = schedule.replace(Vec::new(), t0()).unwrap();
        assert_eq!(
            *recorder.asked.lock().unwrap(),
            0,
            "nothing planned: not asked"
        );
        assert_eq!(report.permission, Permission::Undecided);
        let report = schedule.replace(hundred(), t0()).unwrap();
        assert_eq!(*recorder.asked.lock().unwrap(), 1);
        assert_eq!(
            (report.permission, report.scheduled),
            (Permission::Granted, 64)
        );
        schedule.replace(hundred(), t0()).unwrap();
        assert_eq!(
            *recorder.asked.lock().unwrap(),
            1,
            "asked once, not at every unlock"
        );
    }

    #[test]
    fn a_refused_permission_is_not_asked_again_and_the_schedule_stays_ready() {
        let recorder = Arc::new(Recorder::asking(Permission::Undecided, Permission::Denied));
        let schedule = DeviceSchedule::new(Arc::clone(&recorder) as Arc<dyn OsSchedule>);
        let report = schedule.replace(hundred(), t0()).unwrap();
        assert_eq!(
            (report.permission, report.scheduled),
            (Permission::Denied, 64)
        );
        let report = schedule.replace(hundred(), t0()).unwrap();
        assert_eq!(report.permission, Permission::Denied);
        assert_eq!(*recorder.asked.lock().unwrap(), 1, "no nagging");
    }

    #[test]
    fn an_answer_on_a_notification_reaches_the_response_path() {
        let heard: Arc<Mutex<Vec<(String, ParticipantResponse)>>> = Arc::default();
        let sink = Arc::clone(&heard);
        let respond: Respond = Arc::new(move |session: &str, response| {
            sink.lock().unwrap().push((session.to_owned(), response));
        });
        on_action(&respond, ACTION_ATTEND.0, Some("session-1"));
        on_action(&respond, ACTION_DECLINE.0, Some("session-3"));
        // A tap on the body, a dismissal, or an answer without its session answers nothing.
        on_action(&respond, "tap", Some("session-5"));
        on_action(&respond, "dismiss", Some("session-5"));
        on_action(&respond, ACTION_ATTEND.0, None);
        assert_eq!(
            *heard.lock().unwrap(),
            vec![
                ("session-1".to_owned(), ParticipantResponse::Accepted),
                ("session-3".to_owned(), ParticipantResponse::Declined),
            ]
        );
    }
}
