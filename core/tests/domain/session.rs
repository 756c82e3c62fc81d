//! Clinic sessions: end after start, safe video links, attended and expected statuses.

use tideline_core::care;
use tideline_core::language::Lang;
use tideline_core::session::{AppointmentStatus, SessionOrigin, Venue};
use tideline_wire::care::Attendance;

use crate::fixtures::{session_at, session_with_status, stamp, utc};

#[test]
fn end_must_come_after_start() {
    let mut s = session_at(utc("2026-01-12T23:00:00Z"), 3);
    assert!(s.validate().is_ok());
    assert_eq!(s.hours(), 3.0);
    s.end = s.start;
    assert_eq!(s.validate().unwrap_err().field, "end");
    s.end = stamp("2026-01-14T23:00:00Z", "UTC");
    assert_eq!(
        s.validate().unwrap_err().field,
        "end",
        "two days is an input slip"
    );
}

#[test]
fn only_https_video_links_are_accepted() {
    let mut s = session_at(utc("2026-01-12T23:00:00Z"), 3);
    s.venue = Some(Venue::Video {
        link: "javascript:alert(1)".into(),
    });
    assert_eq!(s.validate().unwrap_err().field, "venue");
    s.venue = Some(Venue::Video {
        link: "https://meet.example/abc".into(),
    });
    assert!(s.validate().is_ok());
}

#[test]
fn hours_follow_the_one_rule_and_the_clinics_record_wins_over_the_patients() {
    use AppointmentStatus::*;
    for status in [Arrived, CheckedIn, Fulfilled] {
        let s = session_with_status("2026-01-12T23:00:00Z", 3, status);
        assert_eq!(s.attended_minutes(), 180, "{status:?} counts in full");
    }
    for status in [
        Proposed,
        Pending,
        Booked,
        Cancelled,
        Noshow,
        EnteredInError,
        Waitlist,
    ] {
        let s = session_with_status("2026-01-12T23:00:00Z", 3, status);
        assert_eq!(s.attended_minutes(), 0, "{status:?} counts nothing");
    }
    let mut s = session_with_status("2026-01-12T23:00:00Z", 3, Fulfilled);
    s.attendance = Some(Attendance::Late { minutes: 20 });
    assert_eq!(s.attended_minutes(), 160, "late minutes do not count");
    assert_eq!(
        care::status_line(&s, Lang::En),
        "Attended, 20 minutes late — 2 h 40 min counted"
    );

    // The patient's own mark on their own session counts, labelled as theirs.
    let mut own = session_with_status("2026-01-12T23:00:00Z", 3, Booked);
    own.self_report = Some(Attendance::Attended);
    assert_eq!(own.attended_minutes(), 180);
    assert_eq!(own.counted_mark(), (Some(Attendance::Attended), true));
    assert_eq!(
        care::status_line(&own, Lang::En),
        "Attended (self-reported) — 3 h counted"
    );
    assert_eq!(
        care::status_line(&s, Lang::Es),
        "Asistió, llegó 20 minutos tarde: cuentan 2 h 40 min"
    );
    assert_eq!(
        care::status_line(&own, Lang::Es),
        "Asistió (según usted): cuentan 3 h"
    );

    // On a clinic session, the patient's mark counts only until the clinic records the session.
    let mut clinic = session_with_status("2026-01-12T23:00:00Z", 3, Booked);
    clinic.origin = SessionOrigin::Clinic {
        clinic_id: "7".into(),
    };
    clinic.self_report = Some(Attendance::Attended);
    assert_eq!(clinic.attended_minutes(), 180);
    clinic.status = Noshow;
    clinic.attendance = Some(Attendance::NoShow);
    assert_eq!(clinic.attended_minutes(), 0, "the clinic's no-show wins");
    assert_eq!(clinic.counted_mark(), (Some(Attendance::NoShow), false));
    assert!(clinic.is_missed());
    assert_eq!(care::status_line(&clinic, Lang::En), "Missed");

    let mut cancelled = session_with_status("2026-01-12T23:00:00Z", 3, Cancelled);
    cancelled.cancel_reason = Some("The facilitator is ill".into());
    assert_eq!(
        care::status_line(&cancelled, Lang::En),
        "Cancelled: The facilitator is ill"
    );
}

#[test]
fn upcoming_means_expected_and_not_started() {
    let s = session_with_status("2026-01-12T23:00:00Z", 3, AppointmentStatus::Booked);
    assert!(s.is_upcoming(utc("2026-01-12T22:59:59Z")));
    assert!(
        !s.is_upcoming(utc("2026-01-12T23:00:00Z")),
        "a session that has started is not upcoming"
    );
}
