//! Delivering planned reminders: each shown once, on time or in one summary; progress kept in the
//! vault across a restart; answers from a notification recorded on the session.

use chrono::{DateTime, Duration, Utc};
use tideline_core::language::Lang;
use tideline_core::record::{Record, RecordKind};
use tideline_core::reminder::{reminders_between, PlannedReminder};
use tideline_core::reminder_delivery::{
    self as delivery, missed_text, Absence, Delivery, ReminderMark, ReminderQueue, LATE_AFTER,
};
use tideline_core::session::{ClinicSession, ParticipantResponse};
use tideline_core::settings::{ReminderPrefs, Settings};
use tideline_core::time::Stamp;
use tideline_core::vault::{KdfParams, Vault};
use tideline_core::Error;

fn random() -> ring::rand::SystemRandom {
    ring::rand::SystemRandom::new()
}

use crate::fixtures::{session_at, utc, zone};

const PASS: &str = "lantern river oatmeal violet";

fn prefs(leads: &[u32]) -> ReminderPrefs {
    ReminderPrefs {
        lead_minutes: leads.to_vec(),
        ..ReminderPrefs::default()
    }
}

/// The plan for sessions starting at `starts`, with `leads` minutes of notice, from `from` on.
fn plan_for(starts: &[DateTime<Utc>], leads: &[u32], from: DateTime<Utc>) -> Vec<PlannedReminder> {
    let sessions: Vec<ClinicSession> = starts.iter().map(|s| session_at(*s, 3)).collect();
    let pairs: Vec<(String, &ClinicSession)> = sessions
        .iter()
        .enumerate()
        .map(|(i, s)| (format!("{i:032x}"), s))
        .collect();
    reminders_between(
        &pairs,
        &prefs(leads),
        zone("America/New_York"),
        from,
        from + Duration::days(35),
    )
}

fn texts(out: &[Delivery]) -> Vec<String> {
    out.iter()
        .map(|d| match d {
            Delivery::Reminder(r) => r.text.clone(),
            Delivery::MissedSummary { text, .. } => text.clone(),
        })
        .collect()
}

#[test]
fn an_on_time_reminder_is_shown_once_and_never_again() {
    let now = utc("2026-03-02T12:00:00Z");
    let start = utc("2026-03-02T23:00:00Z"); // 6 PM in New York
    let mut q = ReminderQueue::new();
    let from = q.plan_from(None, now);
    q.replace(plan_for(&[start], &[60], from), from);
    assert_eq!(
        q.next_due(),
        Some(start - Duration::hours(1)),
        "the scheduler sleeps until an hour before"
    );
    assert!(
        q.take_due(now, Lang::En).is_empty(),
        "nothing is due before its time"
    );
    let due = start - Duration::hours(1);
    let out = q.take_due(due, Lang::En);
    assert_eq!(texts(&out), ["Reminder: appointment at 6:00 PM"]);
    match &out[0] {
        Delivery::Reminder(r) => assert_eq!(
            r.session_id.as_deref(),
            Some("00000000000000000000000000000000"),
            "the session id travels with the reminder so an answer can find the session"
        ),
        other => panic!("expected a reminder, got {other:?}"),
    }
    assert!(
        q.take_due(due + Duration::seconds(30), Lang::En).is_empty(),
        "a window already handled is not handled again"
    );
    assert_eq!(q.next_due(), None);
}

#[test]
fn a_new_vault_reports_nothing_missed() {
    let now = utc("2026-03-02T12:00:00Z");
    let q = ReminderQueue::new();
    assert_eq!(
        q.plan_from(None, now),
        now,
        "reminders that fell due before the vault had a mark were never promised"
    );
}

#[test]
fn reminders_missed_while_closed_become_one_summary() {
    let last_seen = utc("2026-03-01T12:00:00Z");
    let now = utc("2026-03-04T12:00:00Z");
    // Three sessions during the three closed days, two reminders each: six missed reminders.
    let starts = [
        utc("2026-03-02T23:00:00Z"),
        utc("2026-03-03T14:00:00Z"),
        utc("2026-03-03T23:00:00Z"),
    ];
    let mut q = ReminderQueue::new();
    let from = q.plan_from(
        Some(ReminderMark {
            handled_until: last_seen,
        }),
        now,
    );
    assert_eq!(
        from, last_seen,
        "the next plan begins where the last run stopped"
    );
    q.replace(plan_for(&starts, &[24 * 60, 60], from), from);
    let out = q.take_due(now, Lang::En);
    assert_eq!(
        out,
        [Delivery::MissedSummary {
            count: 6,
            text: missed_text(6, Absence::AppClosed, Lang::En),
        }],
        "six missed reminders make one notification, not a burst of six"
    );
    assert_eq!(
        texts(&out),
        ["You may have missed 6 reminders while Tideline was closed. Open Tideline to see what is coming up."]
    );
    assert!(q.take_due(now + Duration::minutes(1), Lang::En).is_empty());
}

#[test]
fn a_reminder_due_just_before_the_start_is_still_shown_as_itself() {
    let last_seen = utc("2026-03-01T12:00:00Z");
    let start = utc("2026-03-02T23:00:00Z");
    let due = start - Duration::hours(1);
    let now = due + LATE_AFTER; // exactly at the limit
    let mut q = ReminderQueue::new();
    let from = q.plan_from(
        Some(ReminderMark {
            handled_until: last_seen,
        }),
        now,
    );
    q.replace(plan_for(&[start], &[60], from), from);
    assert_eq!(
        texts(&q.take_due(now, Lang::En)),
        ["Reminder: appointment at 6:00 PM"]
    );
}

#[test]
fn reminders_slept_through_become_one_summary_in_words_about_sleep() {
    let now = utc("2026-03-02T12:00:00Z");
    let starts = [utc("2026-03-02T23:00:00Z"), utc("2026-03-03T01:00:00Z")];
    let mut q = ReminderQueue::new();
    let from = q.plan_from(None, now);
    q.replace(plan_for(&starts, &[60], from), from);
    assert!(
        q.take_due(now, Lang::En).is_empty(),
        "the first window is empty"
    );
    // The lid closes at 13:00 and opens at 02:00 the next day.
    let out = q.take_due(utc("2026-03-03T02:00:00Z"), Lang::En);
    assert_eq!(
        texts(&out),
        [missed_text(2, Absence::Paused, Lang::En)],
        "two reminders slept through make one summary"
    );
    assert!(texts(&out)[0].contains("asleep"));
}

#[test]
fn a_clock_moved_back_neither_repeats_nor_loses_reminders() {
    let now = utc("2026-03-02T12:00:00Z");
    let start = utc("2026-03-02T23:00:00Z");
    let due = start - Duration::hours(1);
    let mut q = ReminderQueue::new();
    let from = q.plan_from(None, now);
    q.replace(plan_for(&[start], &[60, 30], from), from);
    assert_eq!(q.take_due(due, Lang::En).len(), 1, "the 1-hour reminder");
    let back = due - Duration::hours(2);
    assert!(
        q.take_due(back, Lang::En).is_empty(),
        "after the clock moves back two hours nothing is shown again"
    );
    assert_eq!(
        q.handled_until(),
        Some(due),
        "the handled window never moves back"
    );
    let thirty = start - Duration::minutes(30);
    assert_eq!(
        texts(&q.take_due(thirty, Lang::En)),
        ["Reminder: appointment at 6:00 PM"],
        "the next reminder still comes when its time arrives"
    );
}

#[test]
fn a_new_plan_made_while_reminders_fire_repeats_none() {
    let now = utc("2026-03-02T12:00:00Z");
    let start = utc("2026-03-02T23:00:00Z");
    let mut q = ReminderQueue::new();
    let from = q.plan_from(None, now);
    q.replace(plan_for(&[start], &[120, 60], from), from);
    // The shell computed the next plan from `from`, but the scheduler fired in between.
    let stale_from = q.plan_from(None, now);
    let two_hours = start - Duration::hours(2);
    assert_eq!(q.take_due(two_hours, Lang::En).len(), 1);
    q.replace(plan_for(&[start], &[120, 60], stale_from), stale_from);
    assert_eq!(
        q.len(),
        1,
        "the reminder already shown is dropped from the new plan"
    );
    assert_eq!(q.next_due(), Some(start - Duration::hours(1)));
}

#[test]
fn a_wiped_vault_leaves_nothing_to_fire() {
    let now = utc("2026-03-02T12:00:00Z");
    let mut q = ReminderQueue::new();
    let from = q.plan_from(None, now);
    q.replace(plan_for(&[utc("2026-03-02T23:00:00Z")], &[60], from), from);
    q.forget();
    assert!(q.is_empty());
    assert_eq!(q.handled_until(), None);
    assert!(q.take_due(utc("2026-03-03T00:00:00Z"), Lang::En).is_empty());
}

fn new_vault(dir: &std::path::Path, now: DateTime<Utc>) -> Vault {
    Vault::create(dir, PASS, KdfParams::FLOOR, now)
        .expect("a vault is created in an empty directory")
        .0
}

fn stamp(at: DateTime<Utc>) -> Stamp {
    Stamp::new(at, zone("America/New_York"))
}

/// The whole path across a restart, on a real vault: plan at unlock, handle some windows, store the
/// mark before locking, stay closed for three days, unlock again and get one summary.
#[test]
fn a_restart_after_a_closed_period_shows_one_summary_from_the_vault() {
    let dir = tempfile::tempdir().unwrap();
    let day1 = utc("2026-03-01T12:00:00Z");
    let mut vault = new_vault(dir.path(), day1);
    let mut settings = Settings::default();
    settings.reminders.lead_minutes = vec![60];
    vault
        .save(None, Record::Settings(settings), stamp(day1))
        .unwrap();
    for start in ["2026-03-02T23:00:00Z", "2026-03-03T23:00:00Z"] {
        vault
            .save(
                None,
                Record::Session(session_at(utc(start), 3)),
                stamp(day1),
            )
            .unwrap();
    }

    // First run: unlock, plan, run a while, store the mark, lock, quit.
    let mut q = ReminderQueue::new();
    let from = q.plan_from(delivery::stored_mark(&vault), day1);
    assert_eq!(from, day1, "a vault without a mark starts now");
    q.replace(
        delivery::plan(&vault, zone("America/New_York"), from, day1, Lang::En),
        from,
    );
    assert_eq!(q.len(), 2);
    let quit = day1 + Duration::hours(1);
    assert!(q.take_due(quit, Lang::En).is_empty());
    assert!(delivery::store_mark(&mut vault, q.mark().unwrap(), stamp(quit)).unwrap());
    assert!(
        !delivery::store_mark(&mut vault, q.mark().unwrap(), stamp(quit)).unwrap(),
        "an unchanged mark is not written again"
    );
    vault.lock();

    // Second run, three days later: both reminders fell due while the app was closed.
    let later = utc("2026-03-04T12:00:00Z");
    let (vault, _) = Vault::unlock(dir.path(), PASS, later).unwrap();
    let mark = delivery::stored_mark(&vault);
    assert_eq!(mark.map(|m| m.handled_until), Some(quit));
    let mut q = ReminderQueue::new();
    let from = q.plan_from(mark, later);
    q.replace(
        delivery::plan(&vault, zone("America/New_York"), from, later, Lang::En),
        from,
    );
    assert_eq!(
        texts(&q.take_due(later, Lang::En)),
        ["You may have missed 2 reminders while Tideline was closed. Open Tideline to see what is coming up."],
        "one summary, saying how many and nothing about what"
    );
}

#[test]
fn a_stored_mark_never_moves_back() {
    let dir = tempfile::tempdir().unwrap();
    let now = utc("2026-03-01T12:00:00Z");
    let mut vault = new_vault(dir.path(), now);
    let mark = |at| ReminderMark { handled_until: at };
    assert!(delivery::store_mark(&mut vault, mark(now), stamp(now)).unwrap());
    assert!(
        !delivery::store_mark(&mut vault, mark(now - Duration::days(1)), stamp(now)).unwrap(),
        "an older run's mark cannot undo a newer one"
    );
    assert_eq!(delivery::stored_mark(&vault), Some(mark(now)));
    assert_eq!(
        vault.of_kind(RecordKind::ReminderMark).count(),
        1,
        "the mark is one record per vault, replaced in place"
    );
    assert!(delivery::store_mark(&mut vault, mark(now + Duration::hours(1)), stamp(now)).unwrap());
    assert_eq!(vault.of_kind(RecordKind::ReminderMark).count(), 1);
}

#[test]
fn an_answer_from_a_notification_is_recorded_on_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let now = utc("2026-03-01T12:00:00Z");
    let mut vault = new_vault(dir.path(), now);
    let saved = vault
        .save(
            None,
            Record::Session(session_at(utc("2026-03-02T23:00:00Z"), 3)),
            stamp(now),
        )
        .unwrap();
    let id = saved.id.to_string();
    delivery::answer(
        &mut vault,
        &id,
        ParticipantResponse::Declined,
        stamp(now),
        &random(),
    )
    .unwrap();
    match &vault.get(&saved.id).unwrap().record {
        Record::Session(s) => assert_eq!(s.response, ParticipantResponse::Declined),
        other => panic!("expected a session, got {:?}", other.kind()),
    }
    assert!(
        matches!(
            delivery::answer(
                &mut vault,
                "00000000000000000000000000000000",
                ParticipantResponse::Accepted,
                stamp(now),
                &random()
            ),
            Err(Error::NotFound)
        ),
        "an answer for a session deleted since is dropped, not an error the patient sees"
    );
    assert!(matches!(
        delivery::answer(
            &mut vault,
            "not an id",
            ParticipantResponse::Accepted,
            stamp(now),
            &random()
        ),
        Err(Error::NotFound)
    ));
}

/// The queue words each notification when it is shown, in the language in use then: the same plan
/// says "Recordatorio: cita a las 18:00" after the patient switched to Spanish, and the missed
/// summary follows too.
#[test]
fn notifications_are_worded_in_the_language_in_use_when_shown() {
    let now = utc("2026-03-02T12:00:00Z");
    let start = utc("2026-03-02T23:00:00Z"); // 6 PM in New York
    let mut q = ReminderQueue::new();
    let from = q.plan_from(None, now);
    q.replace(
        plan_for(&[start, start + Duration::days(2)], &[60, 24 * 60], from),
        from,
    );
    let due = start - Duration::hours(1);
    assert_eq!(
        texts(&q.take_due(due, Lang::Es)),
        ["Recordatorio: cita a las 18:00"]
    );
    // Tomorrow's reminder (24 hours before the session two days on), in English again.
    let next = start + Duration::days(1);
    assert_eq!(
        texts(&q.take_due(next, Lang::En)),
        ["Reminder: appointment tomorrow at 6:00 PM"]
    );
    assert_eq!(
        missed_text(3, Absence::Paused, Lang::Es),
        "Es posible que se le hayan pasado 3 recordatorios mientras su computadora estaba en \
         reposo. Abra Tideline para ver lo que viene."
    );
    assert_eq!(
        missed_text(1, Absence::AppClosed, Lang::Es),
        "Es posible que se le haya pasado un recordatorio mientras Tideline estaba cerrado. \
         Abra Tideline para ver lo que viene."
    );
    let examples = tideline_core::reminder::notification_examples(Lang::Es);
    assert_eq!(examples.discreet, "Recordatorio: cita mañana a las 18:00");
    assert_eq!(
        examples.detailed,
        "Recordatorio: sesión de grupo mañana a las 18:00, Harbor Clinic"
    );
}
