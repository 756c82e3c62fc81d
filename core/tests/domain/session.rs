//! Clinic sessions: end after start, safe video links, attended and expected statuses.

use tideline_core::session::{AppointmentStatus, Venue};

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
fn attended_means_arrived_checked_in_or_fulfilled() {
    use AppointmentStatus::*;
    for status in [Arrived, CheckedIn, Fulfilled] {
        assert!(status.is_attended());
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
        assert!(!status.is_attended());
    }
    let s = session_with_status("2026-01-12T23:00:00Z", 3, Booked);
    assert!(s.is_upcoming(utc("2026-01-12T22:59:59Z")));
    assert!(
        !s.is_upcoming(utc("2026-01-12T23:00:00Z")),
        "a session that has started is not upcoming"
    );
}
