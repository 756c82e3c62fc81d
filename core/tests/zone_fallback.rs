//! Zones when the system's time-zone database lacks a name. Its own test binary (so its own process):
//! jiff reads `TZDIR` once, when a zone is first looked up.

use chrono::{DateTime, FixedOffset, Offset, Utc};
use tideline_core::time::Zone;

fn offset(zone: Zone, at: &str) -> FixedOffset {
    let at: DateTime<Utc> = at.parse().unwrap();
    zone.local(at).offset().fix()
}

fn hours(h: i32, m: i32) -> FixedOffset {
    FixedOffset::east_opt(h * 3600 + h.signum() * m * 60).unwrap()
}

#[test]
fn the_system_database_comes_first_and_the_copy_in_the_app_fills_its_gaps() {
    // A system database of one zone, holding another zone's rules: what is read from it shows.
    let system = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(system.path().join("America")).unwrap();
    std::fs::copy(
        "/usr/share/zoneinfo/Asia/Kolkata",
        system.path().join("America/New_York"),
    )
    .expect("the operating system's tzdata (scripts/setup.sh installs it)");
    std::env::set_var("TZDIR", system.path());

    let new_york = Zone::new("America/New_York").unwrap();
    assert_eq!(
        offset(new_york, "2026-01-10T12:00:00Z"),
        hours(5, 30),
        "the system's file is read, not the app's copy"
    );
    // Names the system lacks: a zone, and a legacy link newer systems package apart.
    let apia = Zone::new("Pacific/Apia").unwrap();
    assert_eq!(apia.name(), "Pacific/Apia");
    assert_eq!(offset(apia, "2026-01-10T12:00:00Z"), hours(13, 0));
    let eastern = Zone::new("US/Eastern").unwrap();
    assert_eq!(offset(eastern, "2026-01-10T12:00:00Z"), hours(-5, 0));
    assert_eq!(offset(eastern, "2026-07-10T12:00:00Z"), hours(-4, 0));
    // A record stamped in a zone the system lacks still reads back.
    let stamp: tideline_core::time::Stamp =
        serde_json::from_str(r#"{"utc":"2026-07-10T12:00:00Z","zone":"Pacific/Apia"}"#).unwrap();
    assert_eq!(stamp.zone, apia);
    // A name neither knows is still refused.
    assert!(Zone::new("Europe/Atlantis").is_err());
}
