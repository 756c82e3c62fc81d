//! Property tests of the reminder planner in zones with unusual daylight saving: New York and London
//! (one hour), Lord Howe (half an hour) and Kolkata (none), on the change days of 2026, with lead
//! times that cross the change.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use proptest::prelude::*;
use tideline_core::reminder::{reminders_between, PlannedReminder, ReminderTarget};
use tideline_core::session::ClinicSession;
use tideline_core::settings::{QuietHours, ReminderPrefs};
use tideline_core::time::Zone;

use crate::fixtures::{session_at, zone};

/// Each zone with its 2026 change days (Kolkata has none: any day is "a change day" that changes
/// nothing, which checks that the planner adds nothing of its own).
const ZONES: [(&str, [(u32, u32); 2]); 4] = [
    ("America/New_York", [(3, 8), (11, 1)]),
    ("Europe/London", [(3, 29), (10, 25)]),
    ("Australia/Lord_Howe", [(4, 5), (10, 4)]),
    ("Asia/Kolkata", [(3, 8), (11, 1)]),
];

/// Lead times, in minutes, chosen to straddle the changes: 30 min, 1 h, 90 min, 23 h, 24 h, 25 h, 2 d.
const LEADS: [u32; 7] = [30, 60, 90, 23 * 60, 24 * 60, 25 * 60, 48 * 60];

#[derive(Debug, Clone)]
struct Scenario {
    zone: Zone,
    day: NaiveDate,
    /// Session starts, as minutes from 00:00 UTC of the day before the change day.
    session_offsets: Vec<i64>,
    leads: Vec<u32>,
    quiet: Option<QuietHours>,
    check_in: Option<NaiveTime>,
}

impl Scenario {
    fn anchor(&self) -> DateTime<Utc> {
        (self.day - Duration::days(1))
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc()
    }

    fn sessions(&self) -> Vec<(String, ClinicSession)> {
        self.session_offsets
            .iter()
            .enumerate()
            .map(|(i, m)| {
                (
                    format!("s{i}"),
                    session_at(self.anchor() + Duration::minutes(*m), 3),
                )
            })
            .collect()
    }

    fn prefs(&self) -> ReminderPrefs {
        ReminderPrefs {
            lead_minutes: self.leads.clone(),
            quiet_hours: self.quiet,
            daily_check_in: self.check_in,
            ..ReminderPrefs::default()
        }
    }

    /// A window of five days around the change day.
    fn window(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        (
            self.anchor() - Duration::days(2),
            self.anchor() + Duration::days(3),
        )
    }

    fn plan_in(
        &self,
        zone: Zone,
        after: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Vec<PlannedReminder> {
        let sessions = self.sessions();
        let refs: Vec<(String, &ClinicSession)> =
            sessions.iter().map(|(id, s)| (id.clone(), s)).collect();
        reminders_between(&refs, &self.prefs(), zone, after, until)
    }
}

fn minute_time() -> impl Strategy<Value = NaiveTime> {
    (0u32..24, prop::sample::select(vec![0u32, 15, 30, 45]))
        .prop_map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap())
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        0usize..4,
        0usize..2,
        prop::collection::vec(0i64..(3 * 24 * 60), 0..4),
        prop::sample::subsequence(LEADS.to_vec(), 0..=4),
        prop::option::of((minute_time(), 1u32..=16 * 4)),
        prop::option::of(minute_time()),
    )
        .prop_map(|(zi, di, session_offsets, leads, quiet, check_in)| {
            let (name, days) = ZONES[zi];
            let (m, d) = days[di];
            let quiet = quiet.map(|(start, quarters)| QuietHours {
                start,
                end: start + Duration::minutes(i64::from(quarters) * 15),
            });
            Scenario {
                zone: zone(name),
                day: NaiveDate::from_ymd_opt(2026, m, d).unwrap(),
                session_offsets,
                leads,
                quiet: quiet.filter(|q| q.start != q.end),
                check_in,
            }
        })
        .prop_filter("preferences the settings screen would accept", |s| {
            s.prefs().validate().is_ok()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn without_quiet_hours_due_is_start_minus_lead_exactly(s in scenario()) {
        let s = Scenario { quiet: None, ..s };
        let (a, b) = (s.anchor() - Duration::days(10), s.anchor() + Duration::days(10));
        let plan = s.plan_in(s.zone, a, b);
        let mut expected = 0;
        for (id, session) in s.sessions() {
            for lead in &s.leads {
                expected += 1;
                let due = session.start.utc - Duration::minutes(i64::from(*lead));
                let found = plan.iter().any(|r| r.due_utc == due
                    && r.lead_minutes == Some(*lead)
                    && r.target == ReminderTarget::Session { session_id: id.clone() });
                prop_assert!(found, "session {} lead {} must be due at {} in UTC", id, lead, due);
            }
        }
        let session_reminders = plan.iter().filter(|r| r.lead_minutes.is_some()).count();
        prop_assert_eq!(session_reminders, expected);
    }

    #[test]
    fn daily_check_in_fires_exactly_once_per_local_day(s in scenario(), t in minute_time()) {
        let s = Scenario { check_in: Some(t), quiet: None, ..s };
        let (a, b) = s.window();
        let plan = s.plan_in(s.zone, a, b);
        let tz = s.zone;
        // Every local day wholly inside the window has exactly one prompt, at the wall time asked for,
        // at the first occurrence in a fold, or moved forward by the jump in a gap.
        let first = s.zone.local_date(a) + Duration::days(1);
        let last = s.zone.local_date(b) - Duration::days(1);
        for day in first.iter_days().take_while(|d| *d <= last) {
            let prompts: Vec<&PlannedReminder> = plan.iter()
                .filter(|r| r.target == ReminderTarget::DailyCheckIn { date: day }).collect();
            prop_assert_eq!(prompts.len(), 1, "one prompt on {}", day);
            let due = prompts[0].due_utc;
            match tz.from_local_datetime(&day.and_time(t)) {
                LocalResult::Single(x) => prop_assert_eq!(due, x.with_timezone(&Utc)),
                LocalResult::Ambiguous(x, y) => prop_assert_eq!(due, x.min(y).with_timezone(&Utc)),
                LocalResult::None => {
                    let local = s.zone.local(due);
                    prop_assert_eq!(local.date_naive(), day);
                    prop_assert!(local.time() > t, "a skipped time moves forward");
                    prop_assert!(local.time() - t <= Duration::hours(1), "by no more than the jump");
                }
            }
        }
        let on_a_day: usize = plan.iter().filter(|r| matches!(r.target, ReminderTarget::DailyCheckIn { .. })).count();
        prop_assert!(on_a_day <= (last - first).num_days() as usize + 1 + 2);
    }

    #[test]
    fn output_is_sorted_without_duplicates(s in scenario()) {
        let (a, b) = s.window();
        let plan = s.plan_in(s.zone, a, b);
        for pair in plan.windows(2) {
            prop_assert!(pair[0].due_utc <= pair[1].due_utc, "sorted by due time");
            prop_assert!(
                (pair[0].due_utc, &pair[0].target) != (pair[1].due_utc, &pair[1].target),
                "the same reminder twice"
            );
        }
        for r in &plan {
            prop_assert!(r.due_utc > a && r.due_utc <= b, "inside the window asked for");
            if let Some(start) = r.session_start_utc {
                prop_assert!(r.due_utc < start, "a session reminder comes before the session");
            }
        }
    }

    #[test]
    fn nothing_is_due_inside_quiet_hours(s in scenario()) {
        let (a, b) = s.window();
        let plan = s.plan_in(s.zone, a, b);
        if let Some(q) = s.quiet {
            for r in &plan {
                let wall = s.zone.local(r.due_utc).time();
                prop_assert!(!q.contains(wall), "due at {} local, inside quiet hours {:?}", wall, q);
            }
        }
    }

    #[test]
    fn consecutive_windows_neither_drop_nor_repeat(s in scenario(), cut in 0i64..(5 * 24 * 60), back in 0i64..(24 * 60)) {
        // Models sleep and resume and the clock moving: whatever the shell's last-seen instant, the
        // windows it asks for partition time, and a clock moved backwards yields nothing new.
        let (a, b) = s.window();
        let mid = a + Duration::minutes(cut);
        let mut joined = s.plan_in(s.zone, a, mid);
        joined.extend(s.plan_in(s.zone, mid, b));
        prop_assert_eq!(joined, s.plan_in(s.zone, a, b));
        prop_assert!(s.plan_in(s.zone, mid, mid - Duration::minutes(back)).is_empty());
    }

    #[test]
    fn travel_keeps_session_instants_and_moves_wall_clock_prompts(s in scenario(), other in 0usize..4) {
        let s = Scenario { quiet: None, ..s };
        let (a, b) = s.window();
        let away = zone(ZONES[other].0);
        let session_dues = |plan: Vec<PlannedReminder>| -> Vec<(DateTime<Utc>, Option<u32>)> {
            plan.into_iter().filter(|r| r.lead_minutes.is_some()).map(|r| (r.due_utc, r.lead_minutes)).collect()
        };
        prop_assert_eq!(session_dues(s.plan_in(s.zone, a, b)), session_dues(s.plan_in(away, a, b)));
        if let Some(t) = s.check_in {
            for r in s.plan_in(away, a, b).iter().filter(|r| r.lead_minutes.is_none()) {
                let local = away.local(r.due_utc);
                let ReminderTarget::DailyCheckIn { date } = r.target else { unreachable!() };
                if let LocalResult::Single(_) = away.from_local_datetime(&date.and_time(t)) {
                    prop_assert_eq!(local.time(), t, "the prompt follows the wall clock of the new zone");
                }
            }
        }
    }
}
