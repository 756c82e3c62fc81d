//! Zones and stamps: names validated, local times resolved deterministically.

use chrono::{NaiveDate, NaiveTime};
use tideline_core::time::{Stamp, Zone};

use crate::fixtures::{utc, zone};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

#[test]
fn unknown_zone_names_are_refused_not_replaced_by_utc() {
    let err = Zone::new("Europe/Atlantis").unwrap_err();
    assert_eq!(err.field, "zone");
    assert_eq!(zone("Asia/Kolkata").name(), "Asia/Kolkata");
}

#[test]
fn resolve_moves_a_skipped_time_forward_by_the_gap() {
    assert_eq!(
        zone("Europe/London").resolve(d(2026, 3, 29), t(1, 30)),
        utc("2026-03-29T01:30:00Z")
    );
    assert_eq!(
        zone("America/New_York").resolve(d(2026, 3, 8), t(2, 0)),
        utc("2026-03-08T07:00:00Z")
    );
}

#[test]
fn resolve_takes_the_earlier_of_a_repeated_time() {
    assert_eq!(
        zone("Europe/London").resolve(d(2026, 10, 25), t(1, 30)),
        utc("2026-10-25T00:30:00Z")
    );
}

#[test]
fn stamp_shows_local_time_where_it_was_recorded_and_elsewhere() {
    let s = Stamp::new(utc("2026-01-10T23:30:00Z"), zone("Asia/Kolkata"));
    assert_eq!(
        s.local_date(),
        d(2026, 1, 11),
        "23:30 UTC is already the next day in Kolkata"
    );
    assert_eq!(s.local().time(), t(5, 0));
    assert_eq!(s.local_in(zone("America/New_York")).time(), t(18, 30));
    assert_eq!(
        Stamp::at_local(zone("UTC"), d(2026, 1, 1), t(9, 0)).utc,
        utc("2026-01-01T09:00:00Z")
    );
}
