//! Insights: per-day and per-week cravings, top triggers, urges and attendance, each with a sentence.

use tideline_core::craving::Trigger;
use tideline_core::halt::HaltNeed;
use tideline_core::insights::Insights;
use tideline_core::language::Lang;
use tideline_core::session::AppointmentStatus::Fulfilled;
use tideline_core::urge::{SurfVariant, UrgeOutcome, UrgeSurfSession};

use crate::fixtures::{craving, intensity, session_with_status, stamp, utc, zone};

#[test]
fn cravings_lower_this_week_than_last() {
    // Now: Wednesday 14 Jan 2026 in New York.
    let now = utc("2026-01-14T17:00:00Z");
    let mut a = craving("2026-01-07T17:00:00Z", 8);
    a.triggers = vec![
        Trigger::Place {
            label: "Work".into(),
        },
        Trigger::Halt {
            need: HaltNeed::Tired,
        },
    ];
    let mut b = craving("2026-01-13T17:00:00Z", 3);
    b.triggers = vec![Trigger::Place {
        label: " work".into(),
    }];
    let cravings = [a, b, craving("2026-01-14T12:00:00Z", 5)];
    let urge = UrgeSurfSession {
        started_at: stamp("2026-01-13T20:00:00Z", "America/New_York"),
        ended_at: stamp("2026-01-13T20:20:00Z", "America/New_York"),
        intensity_start: intensity(6),
        intensity_peak: intensity(9),
        intensity_end: intensity(3),
        samples: vec![],
        variant: SurfVariant::Wave,
        steps_completed: vec![],
        outcome: UrgeOutcome::RodeItOut,
        notes: None,
    };
    let s = session_with_status("2026-01-12T23:00:00Z", 3, Fulfilled);
    let i = Insights::derive(
        &cravings,
        &[],
        &[urge],
        &[&s],
        zone("America/New_York"),
        now,
        Lang::En,
    );
    assert_eq!(
        i.cravings_summary,
        "Your cravings were lower this week than last."
    );
    assert_eq!(i.cravings_by_day.len(), 14);
    let today = i.cravings_by_day.last().unwrap();
    assert_eq!((today.count, today.mean_intensity), (1, Some(5.0)));
    let this_week = i.cravings_by_week.last().unwrap();
    assert_eq!((this_week.count, this_week.mean_intensity), (2, Some(4.0)));
    assert_eq!(
        i.top_triggers[0].count, 2,
        "'Work' and ' work' are one trigger"
    );
    assert_eq!(
        i.triggers_summary,
        "Your most common trigger in the last 30 days was \u{201c}Work\u{201d} (2 times)."
    );
    assert_eq!(
        (i.urges.surfed, i.urges.rode_it_out, i.urges.mean_drop),
        (1, 1, Some(6.0))
    );
    assert_eq!(i.attendance_by_week.last().unwrap().hours, 3.0);
    assert_eq!(
        i.attendance_summary,
        "You attended 3 hours this week and 0 last week."
    );
    assert_eq!(i.halt.summary, "No HALT checks yet.");
}

#[test]
fn empty_insights_speak_gently() {
    let i = Insights::derive(
        &[],
        &[],
        &[],
        &[],
        zone("UTC"),
        utc("2026-01-14T17:00:00Z"),
        Lang::En,
    );
    assert_eq!(
        i.cravings_summary,
        "No cravings logged in the last two weeks."
    );
    assert_eq!(i.urges_summary, "No urges surfed yet.");
    assert!(i.top_triggers.is_empty());
}
