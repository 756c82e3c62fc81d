//! Program progress: day N, hours this calendar week against the goal, attended and missed sessions,
//! the next session. Nothing resets.

use chrono::NaiveDate;
use tideline_core::language::Lang;
use tideline_core::program::{ProgramSettings, Progress};
use tideline_core::session::{AppointmentStatus::*, ClinicSession, SessionKind};
use tideline_wire::care::{Attendance, CareLevel, LevelOfCare};

use crate::fixtures::{session_with_status, utc, zone};

fn program() -> ProgramSettings {
    ProgramSettings::new(
        NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        zone("America/New_York"),
    )
}

#[test]
fn the_level_defaults_to_intensive_outpatient_and_the_target_follows_its_rule() {
    let mut p = program();
    assert_eq!(p.level, LevelOfCare::Iop);
    assert_eq!(p.as_care_level().weekly_target_minutes, Some(540));
    p.level = LevelOfCare::IopAdolescent;
    assert_eq!(p.as_care_level().weekly_target_minutes, Some(360));
    p.level = LevelOfCare::Outpatient;
    assert_eq!(
        p.validate().unwrap_err().field,
        "weeklyTargetMinutes",
        "outpatient care needs the target the counselor set"
    );
    p.weekly_target_minutes = Some(540);
    assert!(p.validate().is_err(), "outpatient is under 9 hours");
    p.weekly_target_minutes = Some(240);
    assert!(p.validate().is_ok());
    p.level = LevelOfCare::Aftercare;
    assert!(p.validate().is_err(), "aftercare has no hours");
    p.weekly_target_minutes = None;
    assert!(p.validate().is_ok());
    p.level = LevelOfCare::Iop;
    p.weekly_target_minutes = Some(300);
    assert!(
        p.validate().is_err(),
        "intensive outpatient is at least 9 hours"
    );
}

#[test]
fn a_stepped_down_patient_reads_hours_against_the_new_target() {
    // The clinic stepped the patient down to outpatient care (6 hours) from Monday 12 January.
    let course = vec![
        CareLevel {
            level: LevelOfCare::Iop,
            weekly_target_minutes: Some(540),
            from: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        },
        CareLevel {
            level: LevelOfCare::Outpatient,
            weekly_target_minutes: Some(360),
            from: NaiveDate::from_ymd_opt(2026, 1, 12).unwrap(),
        },
    ];
    let late = session_with_status("2026-01-12T23:00:00Z", 3, Fulfilled);
    let sessions = [("a".to_owned(), &late)];
    let now = utc("2026-01-14T15:00:00Z");
    let p = Progress::derive(&program(), Some(&course), &sessions, now, Lang::En);
    assert!(p.set_by_clinic);
    assert_eq!(p.level, LevelOfCare::Outpatient);
    assert_eq!(p.weekly_target_hours, Some(6.0));
    assert_eq!(p.week_sentence, "3 of 6 hours this week.");
    assert_eq!(p.summary, "Day 10 of your program. 3 of 6 hours this week.");
    // The week before the step-down was read against 9 hours.
    let before = Progress::derive(
        &program(),
        Some(&course),
        &[],
        utc("2026-01-07T15:00:00Z"),
        Lang::En,
    );
    assert_eq!(before.week_sentence, "0 of 9 hours this week.");
    // Meeting the target is said as such, never as a count of what is left.
    let long = session_with_status("2026-01-13T20:00:00Z", 4, Fulfilled);
    let both = [("a".to_owned(), &late), ("b".to_owned(), &long)];
    let met = Progress::derive(&program(), Some(&course), &both, now, Lang::En);
    assert_eq!(
        met.week_sentence,
        "7 hours this week, meeting your 6-hour target."
    );
}

#[test]
fn aftercare_shows_the_next_check_in_instead_of_hours() {
    let course = vec![
        CareLevel {
            level: LevelOfCare::Iop,
            weekly_target_minutes: Some(540),
            from: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        },
        CareLevel {
            level: LevelOfCare::Aftercare,
            weekly_target_minutes: None,
            from: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        },
    ];
    let mut check_in = session_with_status("2026-04-01T15:00:00Z", 1, Booked);
    check_in.kind = SessionKind::AftercareCheckIn;
    let group = session_with_status("2026-03-10T23:00:00Z", 3, Booked);
    let sessions = [("c".to_owned(), &check_in), ("g".to_owned(), &group)];
    let p = Progress::derive(
        &program(),
        Some(&course),
        &sessions,
        utc("2026-03-05T15:00:00Z"),
        Lang::En,
    );
    assert_eq!(p.level, LevelOfCare::Aftercare);
    assert_eq!(p.weekly_target_hours, None);
    assert_eq!(p.next_check_in.as_ref().map(|n| n.id.as_str()), Some("c"));
    assert_eq!(
        p.week_sentence,
        "Your next check-in is on Wednesday, April 1."
    );
    assert_eq!(
        p.summary,
        "You are in aftercare. Your next check-in is on Wednesday, April 1."
    );
    let none = Progress::derive(
        &program(),
        Some(&course),
        &[],
        utc("2026-03-05T15:00:00Z"),
        Lang::En,
    );
    assert_eq!(none.week_sentence, "No check-in is scheduled yet.");
}

#[test]
fn without_a_clinic_the_patients_own_level_and_marks_count() {
    let mut p = program();
    p.level = LevelOfCare::IopAdolescent;
    let mut own = session_with_status("2026-01-12T23:00:00Z", 3, Booked);
    own.self_report = Some(Attendance::Attended);
    let sessions = [("a".to_owned(), &own)];
    let progress = Progress::derive(&p, None, &sessions, utc("2026-01-14T15:00:00Z"), Lang::En);
    assert!(!progress.set_by_clinic);
    assert_eq!(progress.week_sentence, "3 of 6 hours this week.");
    assert_eq!(progress.sessions_attended, 1);
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
    let p = Progress::derive(&program(), None, &refs, now, Lang::En);
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
    let p = Progress::derive(&program(), None, &[], utc("2026-01-01T15:00:00Z"), Lang::En);
    assert_eq!(p.day_of_program, None);
    assert_eq!(p.summary, "Your program starts on Monday, January 5.");
}
