//! The reminder planner, by example: text, which sessions get reminders, daylight saving, quiet hours
//! and the missed-reminder window.

use chrono::{Duration, NaiveDate, NaiveTime};
use tideline_core::reminder::{
    missed_since, reminders_between, upcoming, PlannedReminder, ReminderTarget,
};
use tideline_core::session::{AppointmentStatus, ClinicSession, ParticipantResponse, Venue};
use tideline_core::settings::{NotificationDetail, QuietHours, ReminderPrefs};

use crate::fixtures::{session_at, session_with_status, utc, zone};

fn prefs(leads: &[u32]) -> ReminderPrefs {
    ReminderPrefs {
        lead_minutes: leads.to_vec(),
        ..ReminderPrefs::default()
    }
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn plan(
    sessions: &[(&str, &ClinicSession)],
    p: &ReminderPrefs,
    zone_name: &str,
) -> Vec<PlannedReminder> {
    let owned: Vec<(String, &ClinicSession)> = sessions
        .iter()
        .map(|(id, s)| (id.to_string(), *s))
        .collect();
    reminders_between(
        &owned,
        p,
        zone(zone_name),
        utc("2020-01-01T00:00:00Z"),
        utc("2030-01-01T00:00:00Z"),
    )
}

#[test]
fn default_text_is_discreet_and_names_only_the_time() {
    // 6:00 PM in New York on Tuesday 13 January 2026.
    let s = session_at(utc("2026-01-13T23:00:00Z"), 3);
    let r = plan(&[("s1", &s)], &ReminderPrefs::default(), "America/New_York");
    let texts: Vec<&str> = r.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Reminder: appointment tomorrow at 6:00 PM",
            "Reminder: appointment at 6:00 PM"
        ]
    );
    assert_eq!(r[0].lead_minutes, Some(1440));
    assert_eq!(r[1].due_utc, utc("2026-01-13T22:00:00Z"));
}

#[test]
fn detailed_text_adds_kind_and_place_never_the_title() {
    let mut s = session_at(utc("2026-01-13T23:00:00Z"), 3);
    s.title = Some("private title".into());
    s.venue = Some(Venue::InPerson {
        place: "Room 4".into(),
    });
    let p = ReminderPrefs {
        notification_detail: NotificationDetail::Detailed,
        ..prefs(&[60])
    };
    let r = plan(&[("s1", &s)], &p, "America/New_York");
    assert_eq!(r[0].text, "Reminder: group session at 6:00 PM, Room 4");
}

#[test]
fn text_uses_the_patients_current_zone_after_travel() {
    let s = session_at(utc("2026-01-13T23:00:00Z"), 3);
    let r = plan(&[("s1", &s)], &prefs(&[60]), "Europe/London");
    assert_eq!(r[0].text, "Reminder: appointment at 11:00 PM");
}

#[test]
fn only_expected_sessions_that_were_not_declined_get_reminders() {
    use AppointmentStatus::*;
    let at = "2026-01-13T23:00:00Z";
    for status in [
        Arrived,
        Fulfilled,
        Cancelled,
        Noshow,
        EnteredInError,
        CheckedIn,
        Waitlist,
    ] {
        let s = session_with_status(at, 3, status);
        assert!(
            plan(&[("s", &s)], &prefs(&[60]), "UTC").is_empty(),
            "{status:?} gets no reminder"
        );
    }
    for status in [Proposed, Pending, Booked] {
        let s = session_with_status(at, 3, status);
        assert_eq!(
            plan(&[("s", &s)], &prefs(&[60]), "UTC").len(),
            1,
            "{status:?} gets a reminder"
        );
    }
    let declined = ClinicSession {
        response: ParticipantResponse::Declined,
        ..session_with_status(at, 3, Booked)
    };
    assert!(plan(&[("s", &declined)], &prefs(&[60]), "UTC").is_empty());
}

#[test]
fn a_24_hour_lead_across_spring_forward_is_24_real_hours() {
    // 6 PM EDT on 8 March 2026 (the clocks went forward that night): 24 h earlier is 5 PM EST.
    let s = session_at(utc("2026-03-08T22:00:00Z"), 3);
    let r = plan(&[("s", &s)], &prefs(&[1440]), "America/New_York");
    assert_eq!(r[0].due_utc, utc("2026-03-07T22:00:00Z"));
    assert_eq!(r[0].text, "Reminder: appointment tomorrow at 6:00 PM");
}

#[test]
fn check_in_in_a_skipped_hour_moves_forward_by_the_gap() {
    let p = ReminderPrefs {
        daily_check_in: Some(hm(2, 30)),
        ..prefs(&[])
    };
    let r = reminders_between(
        &[],
        &p,
        zone("America/New_York"),
        utc("2026-03-08T00:00:00Z"),
        utc("2026-03-09T00:00:00Z"),
    );
    assert_eq!(r.len(), 1);
    assert_eq!(
        r[0].due_utc,
        utc("2026-03-08T07:30:00Z"),
        "02:30 does not exist; 03:30 EDT does"
    );
    assert_eq!(
        r[0].target,
        ReminderTarget::DailyCheckIn {
            date: NaiveDate::from_ymd_opt(2026, 3, 8).unwrap()
        }
    );
}

#[test]
fn check_in_in_a_repeated_hour_fires_once_the_first_time() {
    let p = ReminderPrefs {
        daily_check_in: Some(hm(1, 30)),
        ..prefs(&[])
    };
    let r = reminders_between(
        &[],
        &p,
        zone("America/New_York"),
        utc("2026-11-01T04:00:00Z"),
        utc("2026-11-02T04:00:00Z"),
    );
    assert_eq!(
        r.len(),
        1,
        "01:30 happens twice on 1 November; the prompt fires once"
    );
    assert_eq!(
        r[0].due_utc,
        utc("2026-11-01T05:30:00Z"),
        "the first 01:30 is EDT"
    );
}

#[test]
fn lord_howe_half_hour_gap_and_fold() {
    // Lord Howe: +10:30 standard, +11 in summer. 4 Oct 2026 02:00 -> 02:30; 5 Apr 2026 02:00 -> 01:30.
    let p = ReminderPrefs {
        daily_check_in: Some(hm(2, 15)),
        ..prefs(&[])
    };
    let z = zone("Australia/Lord_Howe");
    let r = reminders_between(
        &[],
        &p,
        z,
        utc("2026-10-03T12:00:00Z"),
        utc("2026-10-04T12:00:00Z"),
    );
    assert_eq!(
        r[0].due_utc,
        utc("2026-10-03T15:45:00Z"),
        "02:15 is skipped; 02:45 +11 is 15:45 UTC"
    );
    let p = ReminderPrefs {
        daily_check_in: Some(hm(1, 45)),
        ..prefs(&[])
    };
    let r = reminders_between(
        &[],
        &p,
        z,
        utc("2026-04-04T12:00:00Z"),
        utc("2026-04-05T12:00:00Z"),
    );
    assert_eq!(r.len(), 1);
    assert_eq!(
        r[0].due_utc,
        utc("2026-04-04T14:45:00Z"),
        "the first 01:45 is +11"
    );
}

#[test]
fn quiet_hours_move_a_reminder_to_their_end_when_half_the_lead_remains() {
    let q = QuietHours {
        start: hm(22, 0),
        end: hm(7, 0),
    };
    let p = ReminderPrefs {
        quiet_hours: Some(q),
        ..prefs(&[60])
    };
    // Session 7:30 AM London (winter, UTC+0): due 6:30 is quiet; 7:00 leaves 30 minutes = half the lead.
    let s = session_at(utc("2026-01-14T07:30:00Z"), 1);
    let r = plan(&[("s", &s)], &p, "Europe/London");
    assert_eq!(r[0].due_utc, utc("2026-01-14T07:00:00Z"));
    assert!(r[0].moved_for_quiet_hours);
}

#[test]
fn quiet_hours_move_a_reminder_to_their_start_when_the_end_is_too_late() {
    let q = QuietHours {
        start: hm(22, 0),
        end: hm(7, 0),
    };
    let p = ReminderPrefs {
        quiet_hours: Some(q),
        ..prefs(&[60])
    };
    let s = session_at(utc("2026-01-14T07:20:00Z"), 1);
    let r = plan(&[("s", &s)], &p, "Europe/London");
    assert_eq!(
        r[0].due_utc,
        utc("2026-01-13T22:00:00Z"),
        "7:00 would leave 20 of 60 minutes"
    );
    assert_eq!(r[0].text, "Reminder: appointment tomorrow at 7:20 AM");
}

#[test]
fn two_leads_moved_to_the_same_instant_notify_once() {
    let q = QuietHours {
        start: hm(22, 0),
        end: hm(7, 0),
    };
    let p = ReminderPrefs {
        quiet_hours: Some(q),
        ..prefs(&[90, 120])
    };
    // Session 8:00: due 6:30 and 6:00, both quiet; 7:00 leaves at least half of either lead.
    let s = session_at(utc("2026-01-14T08:00:00Z"), 1);
    let r = plan(&[("s", &s)], &p, "Europe/London");
    assert_eq!(r.len(), 1, "{r:?}");
}

#[test]
fn missed_reminders_are_those_due_while_closed() {
    let s = session_at(utc("2026-01-13T23:00:00Z"), 3);
    let sessions = vec![("s".to_string(), &s)];
    let p = ReminderPrefs {
        daily_check_in: Some(hm(9, 0)),
        ..ReminderPrefs::default()
    };
    let z = zone("America/New_York");
    // Closed from Monday 8 AM to Tuesday 10 PM: the 24 h reminder, one check-in, and the 1 h reminder.
    let missed = missed_since(
        &sessions,
        &p,
        z,
        utc("2026-01-12T13:00:00Z"),
        utc("2026-01-14T03:00:00Z"),
    );
    let kinds: Vec<Option<u32>> = missed.iter().map(|r| r.lead_minutes).collect();
    assert_eq!(kinds, [None, Some(1440), None, Some(60)], "{missed:?}");
    assert!(
        missed_since(
            &sessions,
            &p,
            z,
            utc("2026-01-14T03:00:00Z"),
            utc("2026-01-12T13:00:00Z")
        )
        .is_empty(),
        "a clock moved backwards misses nothing"
    );
}

#[test]
fn upcoming_excludes_what_is_already_due() {
    let s = session_at(utc("2026-01-13T23:00:00Z"), 3);
    let sessions = vec![("s".to_string(), &s)];
    let z = zone("America/New_York");
    let r = upcoming(
        &sessions,
        &ReminderPrefs::default(),
        z,
        utc("2026-01-13T22:00:00Z"),
        Duration::days(7),
    );
    assert!(
        r.is_empty(),
        "the 1 h reminder is due exactly now and belongs to the window that ends now"
    );
    let r = upcoming(
        &sessions,
        &ReminderPrefs::default(),
        z,
        utc("2026-01-13T21:59:59Z"),
        Duration::days(7),
    );
    assert_eq!(r.len(), 1);
}
