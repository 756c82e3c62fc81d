//! Program progress: day N, hours this calendar week against the goal, attended and missed sessions,
//! the next session. Nothing resets.

use chrono::NaiveDate;
use tideline_core::program::{ProgramSettings, Progress};
use tideline_core::session::{AppointmentStatus::*, ClinicSession};

use crate::fixtures::{session_with_status, utc, zone};

fn program() -> ProgramSettings {
    ProgramSettings::new(
        NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        zone("America/New_York"),
    )
}

#[test]
fn weekly_goal_defaults_to_9_hours_and_must_be_positive() {
    let mut p = program();
    assert_eq!(p.weekly_goal_hours, 9.0);
    p.weekly_goal_hours = 0.0;
    assert_eq!(p.validate().unwrap_err().field, "weeklyGoalHours");
    p.weekly_goal_hours = f64::NAN;
    assert!(p.validate().is_err());
}

#[test]
fn progress_counts_this_calendar_week_in_the_programs_zone() {
    // Now: Wednesday 14 Jan 2026, 10 AM in New York. The week runs Mon 12 to Sun 18.
    let now = utc("2026-01-14T15:00:00Z");
    let sessions: Vec<(String, ClinicSession)> = vec![
        (
            "a".into(),
            session_with_status("2026-01-12T23:00:00Z", 3, Fulfilled),
        ), // Mon 6 PM: this week
        (
            "b".into(),
            session_with_status("2026-01-12T04:00:00Z", 3, Fulfilled),
        ), // Sun 11 PM local: last week
        (
            "c".into(),
            session_with_status("2026-01-14T14:00:00Z", 2, CheckedIn),
        ), // today, in progress
        (
            "d".into(),
            session_with_status("2026-01-09T23:00:00Z", 3, Noshow),
        ),
        (
            "e".into(),
            session_with_status("2026-01-16T23:00:00Z", 3, Booked),
        ),
        (
            "f".into(),
            session_with_status("2026-01-15T23:00:00Z", 3, Cancelled),
        ),
        (
            "g".into(),
            session_with_status("2026-01-15T22:00:00Z", 3, Booked),
        ),
    ];
    let refs: Vec<(String, &ClinicSession)> =
        sessions.iter().map(|(i, s)| (i.clone(), s)).collect();
    let p = Progress::derive(&program(), &refs, now);
    assert_eq!(p.day_of_program, Some(10));
    assert_eq!(p.week_start, NaiveDate::from_ymd_opt(2026, 1, 12).unwrap());
    assert_eq!(p.hours_this_week, 5.0);
    assert_eq!((p.sessions_attended, p.sessions_missed), (3, 1));
    assert_eq!(
        p.next_session.as_ref().map(|n| n.id.as_str()),
        Some("g"),
        "the earliest expected one"
    );
    assert_eq!(p.summary, "Day 10 of your program. 5 of 9 hours this week.");
}

#[test]
fn before_the_start_there_is_no_day_number() {
    let p = Progress::derive(&program(), &[], utc("2026-01-01T15:00:00Z"));
    assert_eq!(p.day_of_program, None);
    assert_eq!(p.summary, "Your program starts on Monday, January 5.");
}
