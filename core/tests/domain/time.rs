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

/// chrono's own reading of an instant, as its `Deserialize` for `DateTime<Utc>` does it.
fn chrono_reads(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    text.parse::<chrono::DateTime<chrono::FixedOffset>>()
        .ok()
        .map(|t| t.with_timezone(&chrono::Utc))
}

#[test]
fn instants_read_as_chrono_reads_them_at_the_edges() {
    for text in [
        "2026-03-01T09:15:00Z",
        "2026-03-01T09:15:00.5Z",
        "2026-03-01T09:15:00.123456789Z",
        "2026-03-01T09:15:00.1234567891Z",
        "2028-02-29T23:59:59.999Z",
        "2027-02-29T10:00:00Z",
        "2026-12-31T23:59:60Z",
        "2026-03-01T24:00:00Z",
        "2026-03-01T09:60:00Z",
        "2026-13-01T09:15:00Z",
        "2026-03-01T09:15:00.Z",
        "2026-03-01t09:15:00z",
        "2026-03-01 09:15:00Z",
        "2026-03-01T09:15:00+02:00",
        "2026-03-01T09:15:00-00:00",
        "+2026-03-01T09:15:00Z",
        "0000-01-01T00:00:00Z",
        "2026-03-01T09:15:00",
        "2026-03-01T9:15:00Z",
        "2026-03-01T09:15:0xZ",
        "",
    ] {
        let ours = tideline_core::time::parse_utc(text).ok();
        assert_eq!(ours, chrono_reads(text), "{text:?}");
        let json = serde_json::json!({"utc": text, "zone": "UTC"});
        assert_eq!(
            serde_json::from_value::<Stamp>(json).ok().map(|s| s.utc),
            chrono_reads(text),
            "{text:?} in a stamp"
        );
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

    /// Every instant chrono writes, at every precision, and every small change to one, reads as
    /// chrono reads it.
    #[test]
    fn instants_read_as_chrono_reads_them(
        secs in -62_135_596_800i64..253_402_300_799,
        nanos in 0u32..1_000_000_000,
        form in 0usize..5,
        edit in proptest::option::of((proptest::prelude::any::<proptest::sample::Index>(),
            proptest::sample::select(b"0123456789:-.TZtz +\xff".to_vec()))),
    ) {
        use chrono::SecondsFormat::{AutoSi, Micros, Millis, Nanos, Secs};
        let at = chrono::DateTime::from_timestamp(secs, nanos).unwrap();
        let format = [Secs, Millis, Micros, Nanos, AutoSi][form];
        let mut text = at.to_rfc3339_opts(format, true).into_bytes();
        if let Some((i, byte)) = edit {
            let i = i.index(text.len());
            text[i] = byte;
        }
        let text = String::from_utf8_lossy(&text).into_owned();
        proptest::prop_assert_eq!(tideline_core::time::parse_utc(&text).ok(), chrono_reads(&text), "{}", text);
    }
}

/// Zones whose rules between 2000 and 2030 exercise every shape: daylight saving north and south,
/// half-hour and 45-minute offsets, a half-hour change (Lord Howe), saving abolished (São Paulo,
/// Istanbul), a skipped calendar day (Apia, 2011), a negative saving (Dublin), no saving at all.
const ZONES: [&str; 14] = [
    "America/New_York",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "America/Mexico_City",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Istanbul",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Australia/Adelaide",
    "Pacific/Apia",
    "Pacific/Chatham",
    "UTC",
];

/// The app reads zones from the operating system's database; the clinic server compiles one in
/// (chrono-tz). Both must give every instant the same offset and every wall time the same reading.
#[test]
fn zones_from_the_system_database_agree_with_the_compiled_in_one() {
    use chrono::{Duration, LocalResult, Offset, TimeZone};
    let start = utc("2000-01-01T00:00:00Z");
    for name in ZONES {
        let ours = zone(name);
        let theirs: chrono_tz::Tz = name.parse().unwrap();
        let mut checked = 0;
        // Every 15 minutes for 30 years would be a million readings a zone; every 97 minutes lands
        // on every quarter hour of the day in turn and still passes each transition within 97.
        let mut at = start;
        while at < utc("2030-12-31T00:00:00Z") {
            assert_eq!(
                ours.local(at).offset().fix(),
                theirs.offset_from_utc_datetime(&at.naive_utc()).fix(),
                "{name} at {at}"
            );
            let wall = at.naive_utc();
            let read = |r: LocalResult<chrono::FixedOffset>| r;
            let a = read(ours.from_local_datetime(&wall).map(|t| t.offset().fix()));
            let b = read(theirs.from_local_datetime(&wall).map(|t| t.offset().fix()));
            assert_eq!(a, b, "{name}: wall time {wall}");
            at += Duration::minutes(97);
            checked += 1;
        }
        assert!(checked > 160_000, "{name}: {checked} instants");
    }
}

#[test]
fn zone_names_are_found_in_any_case_and_kept_in_the_database_spelling() {
    let z = Zone::new("america/new_york").unwrap();
    assert_eq!(z.name(), "America/New_York");
    assert_eq!(z, zone("America/New_York"));
    assert_eq!(serde_json::to_string(&z).unwrap(), "\"America/New_York\"");
    assert_eq!(Zone::new("UTC").unwrap(), Zone::UTC);
    for refused in [
        "",
        "Europe/",
        "../../etc/passwd",
        "/usr/share/zoneinfo/UTC",
        "Not a zone",
        "UTC\0",
    ] {
        assert!(Zone::new(refused).is_err(), "{refused:?}");
    }
}

#[test]
fn a_day_that_never_happened_resolves_to_the_day_after() {
    // Samoa crossed the date line: 29 December 2011 was followed by 31 December.
    assert_eq!(
        zone("Pacific/Apia").resolve(d(2011, 12, 30), t(9, 0)),
        utc("2011-12-30T19:00:00Z"),
        "read with the offset before the jump (-10:00), so 09:00 on the 31st (+14:00)"
    );
}
