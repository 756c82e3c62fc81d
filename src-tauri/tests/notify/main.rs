//! Reminders delivered through the real desktop notifier (notify-rust) to a real notification
//! server on a private session bus, observed on the bus. Run with `scripts/test-notify.sh`:
//! `xvfb-run ... dbus-run-session -- cargo test -p tideline --test notify` (D-Bus starts dunst on
//! the virtual display when the first notification arrives).

mod bus;

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use tideline_app::reminders::{
    Delivered, DesktopNotifier, Notifier, Respond, Scheduler, ACTION_ATTEND, ACTION_DECLINE,
};
use tideline_core::reminder::{reminders_between, PlannedReminder};
use tideline_core::session::{
    AppointmentStatus, ClinicSession, ParticipantResponse, SessionKind, SessionOrigin,
};
use tideline_core::settings::ReminderPrefs;
use tideline_core::time::{Stamp, Zone};

use bus::BusMonitor;

const ANSWERS: [&str; 4] = [
    ACTION_ATTEND.0,
    ACTION_ATTEND.1,
    ACTION_DECLINE.0,
    ACTION_DECLINE.1,
];

fn utc_zone() -> Zone {
    Zone::UTC
}

fn session(start: DateTime<Utc>) -> ClinicSession {
    ClinicSession {
        title: Some("Relapse prevention group".into()),
        start: Stamp::new(start, utc_zone()),
        end: Stamp::new(start + chrono::Duration::hours(3), utc_zone()),
        kind: SessionKind::Group,
        venue: None,
        status: AppointmentStatus::Booked,
        response: ParticipantResponse::NeedsAction,
        origin: SessionOrigin::Patient,
        cancel_reason: None,
        attendance: None,
        self_report: None,
    }
}

/// The real plan for one session starting at `start` with `lead_minutes` of notice, from `from`.
fn plan(start: DateTime<Utc>, lead_minutes: u32, from: DateTime<Utc>) -> Vec<PlannedReminder> {
    let s = session(start);
    let sessions = vec![("0123456789abcdef0123456789abcdef".to_owned(), &s)];
    let prefs = ReminderPrefs {
        lead_minutes: vec![lead_minutes],
        ..ReminderPrefs::default()
    };
    reminders_between(
        &sessions,
        &prefs,
        utc_zone(),
        from,
        from + chrono::Duration::days(35),
    )
}

fn no_answers() -> Respond {
    Arc::new(|_: &str, _| {})
}

#[test]
fn a_session_reminder_reaches_the_server_with_its_two_answers() {
    let monitor = BusMonitor::start();
    let (tx, rx) = mpsc::channel();
    let body = "Reminder: appointment at 6:00 PM";
    DesktopNotifier
        .show(
            body,
            Some(Box::new(move |r| {
                let _ = tx.send(r);
            })),
        )
        .expect("the notification server accepts the notification");
    let call = monitor.wait_for(body, Duration::from_secs(10));
    assert_eq!(call.app_name, "Tideline", "the app name is neutral");
    assert_eq!(call.summary, "Tideline", "the title is neutral");
    assert_eq!(
        call.body, body,
        "the body is the discreet reminder text, nothing more"
    );
    assert_eq!(
        call.actions, ANSWERS,
        "a server with actions offers \"I'll be there\" and \"Can't make it\""
    );

    // The patient clicks "Can't make it".
    bus::click(call.id.unwrap(), ACTION_DECLINE.0);
    assert_eq!(
        rx.recv_timeout(Duration::from_secs(10)),
        Ok(ParticipantResponse::Declined),
        "the click comes back as the session's answer"
    );
}

#[test]
fn a_check_in_prompt_carries_no_answer_buttons() {
    let monitor = BusMonitor::start();
    let body = "Time for your daily check-in.";
    DesktopNotifier.show(body, None).unwrap();
    let call = monitor.wait_for(body, Duration::from_secs(10));
    assert!(
        call.actions.is_empty(),
        "nothing to answer: {:?}",
        call.actions
    );
}

#[test]
fn the_scheduler_shows_a_planned_reminder_on_time() {
    let monitor = BusMonitor::start();
    let now = Utc::now();
    // Due three seconds from now: a session 1 minute 3 seconds ahead, reminded 1 minute before.
    let start = now + chrono::Duration::seconds(63);
    let planned = plan(start, 1, now);
    assert_eq!(planned.len(), 1);
    let due = planned[0].due_utc;
    let body = planned[0].text.clone();
    let seen: Arc<Mutex<Vec<Delivered>>> = Arc::default();
    let log = Arc::clone(&seen);
    let scheduler = Scheduler::start_observed(
        Arc::new(DesktopNotifier),
        no_answers(),
        Some(Box::new(move |d: &Delivered| {
            log.lock().unwrap().push(d.clone())
        })),
    )
    .unwrap();
    let from = scheduler.plan_from(None, now);
    scheduler.replace(planned, from);
    let call = monitor.wait_for(&body, Duration::from_secs(15));
    // The observer hears of the delivery once the notification server has answered, a moment after
    // the call shows on the bus: wait for it (a busy machine stretches that moment) before stopping.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while seen.lock().unwrap().is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    scheduler.stop();
    let late = call.time - due.timestamp_millis() as f64 / 1000.0;
    println!("reminder reached the notification server {late:.3} s after it was due");
    assert!(late >= 0.0, "never early");
    assert!(
        late < 1.0,
        "within a second of its due time, was {late:.3} s"
    );
    assert_eq!(call.actions, ANSWERS);
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 1, "shown once");
    assert!(seen[0].result.is_ok());
}

#[test]
fn reminders_missed_while_closed_arrive_as_one_summary() {
    let monitor = BusMonitor::start();
    let now = Utc::now();
    let closed_at = now - chrono::Duration::days(3);
    // Two sessions during the closed days, each with a 1-hour reminder: two missed reminders.
    let s1 = session(now - chrono::Duration::hours(50));
    let s2 = session(now - chrono::Duration::hours(26));
    let sessions = vec![
        ("0123456789abcdef0123456789abcde1".to_owned(), &s1),
        ("0123456789abcdef0123456789abcde2".to_owned(), &s2),
    ];
    let prefs = ReminderPrefs {
        lead_minutes: vec![60],
        ..ReminderPrefs::default()
    };
    let missed_texts: Vec<String> =
        reminders_between(&sessions, &prefs, utc_zone(), closed_at, now)
            .into_iter()
            .map(|r| r.text)
            .collect();
    assert_eq!(missed_texts.len(), 2);

    let scheduler = Scheduler::start(Arc::new(DesktopNotifier), no_answers()).unwrap();
    let mark = tideline_core::reminder_delivery::ReminderMark {
        handled_until: closed_at,
    };
    let from = scheduler.plan_from(Some(mark), now);
    assert_eq!(from, closed_at);
    scheduler.replace(
        reminders_between(
            &sessions,
            &prefs,
            utc_zone(),
            from,
            now + chrono::Duration::days(35),
        ),
        from,
    );
    let summary =
        "You may have missed 2 reminders while Tideline was closed. Open Tideline to see what is coming up.";
    let call = monitor.wait_for(summary, Duration::from_secs(10));
    assert!(call.actions.is_empty(), "a summary has nothing to answer");
    std::thread::sleep(Duration::from_millis(500));
    scheduler.stop();
    let calls = monitor.calls();
    assert_eq!(
        calls.iter().filter(|c| c.body == summary).count(),
        1,
        "one summary"
    );
    for text in &missed_texts {
        assert!(
            !calls.iter().any(|c| &c.body == text),
            "the missed reminder {text:?} is not shown on its own: no burst"
        );
    }
}

/// The lateness measurement of issue 4: a session two minutes ahead with a one-minute lead time,
/// planned by the core and shown by the real scheduler through the real notifier; the time is read
/// from the bus. Takes a minute, so it runs only from `scripts/measure-reminder.sh`.
#[test]
#[ignore = "takes a minute; run by scripts/measure-reminder.sh"]
fn measure_a_reminder_one_minute_ahead() {
    let monitor = BusMonitor::start();
    let now = Utc::now();
    let start = now + chrono::Duration::minutes(2);
    let planned = plan(start, 1, now);
    let due = planned[0].due_utc;
    let body = planned[0].text.clone();
    let scheduler = Scheduler::start(Arc::new(DesktopNotifier), no_answers()).unwrap();
    let from = scheduler.plan_from(None, now);
    scheduler.replace(planned, from);
    let call = monitor.wait_for(&body, Duration::from_secs(90));
    scheduler.stop();
    let late = call.time - due.timestamp_millis() as f64 / 1000.0;
    println!(
        "MEASURED: due {} ; on the bus {:.3} ; late by {:.3} s",
        due.to_rfc3339(),
        call.time,
        late
    );
    assert!((0.0..1.0).contains(&late), "late by {late:.3} s");
}
