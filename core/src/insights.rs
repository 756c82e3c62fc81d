//! Insights: what the patient's own entries say over time, each with one plain sentence so a chart
//! explains itself ("Your cravings were lower this week than last"). Derived on demand, never stored.
//! Weeks run Monday to Sunday and days are read in the patient's current zone.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::craving::{CravingEntry, PartOfDay, Trigger};
use crate::halt::{HaltCheck, HaltPattern};
use crate::language::{decimal, t, tr, Arg, Lang};
use crate::session::ClinicSession;
use crate::time::Zone;
use crate::urge::{UrgeOutcome, UrgeSurfSession};

/// Days shown in the daily craving chart (two weeks, today included).
pub const DAYS_SHOWN: i64 = 14;
/// Weeks shown in the weekly charts (this week included).
pub const WEEKS_SHOWN: i64 = 8;
/// Top triggers are counted over this many days: recent enough to act on.
pub const TRIGGER_DAYS: i64 = 30;
/// How many top triggers are listed.
pub const TOP_TRIGGERS: usize = 5;
/// HALT patterns look at this many recent checks.
pub const HALT_CHECKS: usize = 7;

/// Cravings logged on one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct DayCravings {
    /// The local day.
    pub date: NaiveDate,
    /// How many cravings were logged.
    pub count: u32,
    /// Their mean intensity (0-10), absent on a day without cravings.
    pub mean_intensity: Option<f64>,
}

/// Cravings logged in one week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct WeekCravings {
    /// The Monday the week starts on.
    pub week_start: NaiveDate,
    /// How many cravings were logged.
    pub count: u32,
    /// Their mean intensity (0-10), absent in a week without cravings.
    pub mean_intensity: Option<f64>,
}

/// A trigger and how often it came up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct TriggerCount {
    /// The trigger (free text as first written).
    pub trigger: Trigger,
    /// In how many cravings it was named.
    pub count: u32,
}

/// Urge surfing so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct UrgeStats {
    /// Sessions surfed.
    pub surfed: u32,
    /// Sessions in which the wave passed without acting on it.
    pub rode_it_out: u32,
    /// Sessions in which the person acted on the urge.
    pub acted_on_urge: u32,
    /// Mean fall from peak to end, in points (0-10); absent before the first session.
    pub mean_drop: Option<f64>,
}

/// Hours of sessions attended in one week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct WeekHours {
    /// The Monday the week starts on.
    pub week_start: NaiveDate,
    /// Hours attended.
    pub hours: f64,
}

/// Everything the insights screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct Insights {
    /// Cravings per day, oldest first, today last.
    pub cravings_by_day: Vec<DayCravings>,
    /// Cravings per week, oldest first, this week last.
    pub cravings_by_week: Vec<WeekCravings>,
    /// One sentence comparing this week's cravings with last week's.
    pub cravings_summary: String,
    /// The most frequent triggers of the last 30 days, most frequent first.
    pub top_triggers: Vec<TriggerCount>,
    /// One sentence about the top trigger.
    pub triggers_summary: String,
    /// The HALT pattern over the last 7 checks (its own sentence included).
    pub halt: HaltPattern,
    /// Urge surfing so far.
    pub urges: UrgeStats,
    /// One sentence about urge surfing.
    pub urges_summary: String,
    /// Hours attended per week, oldest first, this week last.
    pub attendance_by_week: Vec<WeekHours>,
    /// One sentence about attendance.
    pub attendance_summary: String,
}

fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

fn mean(values: &[u8]) -> Option<f64> {
    (!values.is_empty())
        .then(|| values.iter().map(|v| f64::from(*v)).sum::<f64>() / values.len() as f64)
}

impl Insights {
    /// Insights at `now` from every entry the patient has. `zone` is the patient's current zone.
    pub fn derive(
        cravings: &[CravingEntry],
        halts: &[HaltCheck],
        urges: &[UrgeSurfSession],
        sessions: &[&ClinicSession],
        zone: Zone,
        now: DateTime<Utc>,
        lang: Lang,
    ) -> Self {
        let today = zone.local_date(now);
        let this_week = monday_of(today);
        let craving_day = |c: &CravingEntry| zone.local_date(c.occurred_at.utc);

        let cravings_by_day = (0..DAYS_SHOWN)
            .rev()
            .map(|back| {
                let date = today - Duration::days(back);
                let levels: Vec<u8> = cravings
                    .iter()
                    .filter(|c| craving_day(c) == date)
                    .map(|c| c.intensity.value())
                    .collect();
                DayCravings {
                    date,
                    count: levels.len() as u32,
                    mean_intensity: mean(&levels),
                }
            })
            .collect();
        let cravings_by_week: Vec<WeekCravings> = (0..WEEKS_SHOWN)
            .rev()
            .map(|back| {
                let week_start = this_week - Duration::weeks(back);
                let levels: Vec<u8> = cravings
                    .iter()
                    .filter(|c| monday_of(craving_day(c)) == week_start)
                    .map(|c| c.intensity.value())
                    .collect();
                WeekCravings {
                    week_start,
                    count: levels.len() as u32,
                    mean_intensity: mean(&levels),
                }
            })
            .collect();
        let cravings_summary = match cravings_by_week.as_slice() {
            [.., last, this] => cravings_sentence(last, this, lang),
            _ => String::new(),
        };

        let since = today - Duration::days(TRIGGER_DAYS - 1);
        let top_triggers = count_triggers(cravings.iter().filter(|c| {
            let d = craving_day(c);
            d >= since && d <= today
        }));
        let triggers_summary = match top_triggers.first() {
            None => t(lang, "insights-triggers-none"),
            Some(top) => tr(
                lang,
                "insights-triggers-top",
                &[
                    ("trigger", Arg::from(trigger_words(&top.trigger, lang))),
                    ("count", Arg::from(top.count)),
                ],
            ),
        };

        let surfed = urges.len() as u32;
        let drops: Vec<u8> = urges.iter().map(UrgeSurfSession::drop_from_peak).collect();
        let urge_stats = UrgeStats {
            surfed,
            rode_it_out: urges
                .iter()
                .filter(|u| u.outcome == UrgeOutcome::RodeItOut)
                .count() as u32,
            acted_on_urge: urges
                .iter()
                .filter(|u| u.outcome == UrgeOutcome::ActedOnUrge)
                .count() as u32,
            mean_drop: mean(&drops),
        };
        let urges_summary = match urge_stats.mean_drop {
            None => t(lang, "insights-urges-none"),
            Some(drop) => {
                // Always one decimal ("2.0"), as the chart's scale shows it.
                let drop = format!("{drop:.1}");
                let drop = if lang == Lang::Es {
                    drop.replace('.', ",")
                } else {
                    drop
                };
                tr(
                    lang,
                    "insights-urges",
                    &[("surfed", Arg::from(surfed)), ("drop", Arg::from(drop))],
                )
            }
        };

        let attendance_by_week: Vec<WeekHours> = (0..WEEKS_SHOWN)
            .rev()
            .map(|back| {
                let week_start = this_week - Duration::weeks(back);
                let hours = sessions
                    .iter()
                    .filter(|s| monday_of(zone.local_date(s.start.utc)) == week_start)
                    // The one hours rule, as on the home screen and in the clinic's portal.
                    .map(|s| f64::from(s.attended_minutes()) / 60.0)
                    // Not `sum()`: an empty f64 sum is -0.0, which would print as "-0".
                    .fold(0.0, |total, h| total + h);
                WeekHours { week_start, hours }
            })
            .collect();
        let attendance_summary = match attendance_by_week.as_slice() {
            [.., last, this] => tr(
                lang,
                "insights-attendance",
                &[
                    ("this", Arg::from(decimal(lang, this.hours))),
                    ("last", Arg::from(decimal(lang, last.hours))),
                ],
            ),
            _ => String::new(),
        };

        Self {
            cravings_by_day,
            cravings_by_week,
            cravings_summary,
            top_triggers,
            triggers_summary,
            halt: HaltPattern::over_last(halts, HALT_CHECKS, lang),
            urges: urge_stats,
            urges_summary,
            attendance_by_week,
            attendance_summary,
        }
    }
}

/// Compares mean intensity; a difference under half a point is "about the same", because a 0-10
/// self-rating is not precise enough to call smaller changes a trend.
fn cravings_sentence(last: &WeekCravings, this: &WeekCravings, lang: Lang) -> String {
    let id = match (last.mean_intensity, this.mean_intensity) {
        (None, None) => "insights-cravings-none",
        (Some(_), None) => "insights-cravings-none-this-week",
        (None, Some(_)) => {
            return tr(
                lang,
                "insights-cravings-new",
                &[("count", Arg::from(this.count))],
            )
        }
        (Some(l), Some(t)) if t <= l - 0.5 => "insights-cravings-lower",
        (Some(l), Some(t)) if t >= l + 0.5 => "insights-cravings-stronger",
        _ => "insights-cravings-same",
    };
    t(lang, id)
}

/// Counts triggers across cravings (each trigger at most once per craving), most frequent first; ties
/// keep the order in which triggers were first named.
fn count_triggers<'a>(cravings: impl Iterator<Item = &'a CravingEntry>) -> Vec<TriggerCount> {
    let mut counts: Vec<(Trigger, TriggerCount)> = Vec::new();
    for c in cravings {
        let mut seen: Vec<Trigger> = Vec::new();
        for t in &c.triggers {
            let key = t.grouping_key();
            if seen.contains(&key) {
                continue;
            }
            match counts.iter_mut().find(|(k, _)| *k == key) {
                Some((_, tc)) => tc.count += 1,
                None => counts.push((
                    key.clone(),
                    TriggerCount {
                        trigger: t.clone(),
                        count: 1,
                    },
                )),
            }
            seen.push(key);
        }
    }
    let mut out: Vec<TriggerCount> = counts.into_iter().map(|(_, tc)| tc).collect();
    out.sort_by_key(|tc| std::cmp::Reverse(tc.count));
    out.truncate(TOP_TRIGGERS);
    out
}

fn trigger_words(trigger: &Trigger, lang: Lang) -> String {
    let id = match trigger {
        Trigger::Halt { need } => {
            let need = need.name(lang).to_lowercase();
            return tr(lang, "insights-trigger-halt", &[("need", Arg::from(need))]);
        }
        Trigger::TimeOfDay { part } => match part {
            PartOfDay::Morning => "insights-trigger-morning",
            PartOfDay::Afternoon => "insights-trigger-afternoon",
            PartOfDay::Evening => "insights-trigger-evening",
            PartOfDay::Night => "insights-trigger-night",
        },
        Trigger::Person { label }
        | Trigger::Place { label }
        | Trigger::Emotion { label }
        | Trigger::Tag { label } => {
            return tr(
                lang,
                "insights-trigger-words",
                &[("label", Arg::from(label.trim()))],
            )
        }
    };
    t(lang, id)
}
