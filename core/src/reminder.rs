//! The reminder planner: when each reminder is due, computed from the sessions, the patient's
//! preferences, their current zone and a window of time. Pure: no clock, no state.
//!
//! # How it stays correct when the world is messy
//!
//! - **One absolute plan.** Every reminder's due instant depends only on the sessions, the preferences
//!   and the zone, never on "now". A window `(after, until]` then selects from that plan. So a clock
//!   moved backwards or forwards, a resume after sleep, or a restart can only change *which* reminders
//!   are selected, never *when* they are due; and consecutive windows `(a, b]`, `(b, c]` neither drop
//!   nor repeat a reminder. The shell keeps the end of the last window it handled and asks for the
//!   next one.
//! - **Lead reminders are UTC arithmetic**: due = session start - lead, exactly, whatever daylight
//!   saving does in between (a 24-hour reminder across a spring-forward night comes 24 real hours
//!   before, at 7 PM wall time for a 6 PM session).
//! - **Wall-clock things** (quiet hours, the daily check-in) are read in the patient's *current* zone,
//!   so after travel they follow the patient. A check-in at a wall time skipped by a daylight-saving
//!   jump moves forward by the jump; a wall time that happens twice fires once, the first time.
//! - **Quiet hours.** A lead reminder due strictly inside quiet hours moves to the end of the quiet
//!   stretch if that still leaves at least half its lead time before the session (a 24-hour reminder
//!   due at 3 AM comes at 7 AM); otherwise it moves to the start of the quiet stretch (a 1-hour
//!   reminder for a 7:30 AM session comes at 10 PM the evening before rather than at 7 AM, too late to
//!   be useful). The boundaries themselves are allowed. The daily check-in may not be set inside quiet
//!   hours; if a daylight-saving jump pushes it inside, it moves to the start of the stretch, which
//!   keeps it on its own day.
//! - **Privacy.** By default the text says only "Reminder: appointment at 6:00 PM". Detailed text adds
//!   the kind of session and where; nothing from the journal is ever read here.

use chrono::{DateTime, Duration, DurationRound, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::language::{self, t, tr, Arg, Lang};
use crate::session::{ClinicSession, SessionKind, Venue};
use crate::settings::{NotificationDetail, QuietHours, ReminderPrefs};
use crate::time::Zone;

/// What a reminder is for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum ReminderTarget {
    /// A clinic session, by its record id.
    #[serde(rename_all = "camelCase")]
    Session {
        /// The session's record id, as given to the planner.
        session_id: String,
    },
    /// The daily check-in prompt for one local calendar day.
    DailyCheckIn {
        /// The local day (in the patient's zone) this prompt belongs to.
        date: NaiveDate,
    },
}

/// One reminder, due at an exact instant.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct PlannedReminder {
    /// When to show it.
    pub due_utc: DateTime<Utc>,
    /// What it is for.
    pub target: ReminderTarget,
    /// For a session reminder: the lead time, in minutes, it was planned from.
    pub lead_minutes: Option<u32>,
    /// For a session reminder: when the session starts (for "I'll be there" actions and summaries).
    pub session_start_utc: Option<DateTime<Utc>>,
    /// Whether quiet hours moved it from `session start - lead`.
    pub moved_for_quiet_hours: bool,
    /// The notification text, in English; [`PlannedReminder::text_in`] for the patient's language.
    pub text: String,
    /// What the text is made of, so it can be worded in the language in use when it is shown.
    #[serde(skip)]
    #[ts(skip)]
    pub words: ReminderWords,
}

impl PlannedReminder {
    /// The notification text in `lang`.
    pub fn text_in(&self, lang: Lang) -> String {
        self.words.render(lang)
    }
}

/// Where a session takes place, as a reminder names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum VenueWords {
    /// The place as written by the clinic or the patient.
    Place(String),
    /// A video call.
    Video,
}

/// What a reminder says, before it is put into words (in the language in use when it is shown).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum ReminderWords {
    /// The daily check-in prompt.
    #[default]
    DailyCheckIn,
    /// A session reminder.
    Session {
        /// Discreet (the default) or detailed.
        detail: NotificationDetail,
        /// The kind of session (said only when detailed).
        kind: SessionKind,
        /// When the session starts, on the patient's wall clock.
        start: NaiveDateTime,
        /// The patient's day when the reminder is due ("tomorrow" is relative to it).
        due_day: NaiveDate,
        /// Where (said only when detailed).
        venue: Option<VenueWords>,
    },
}

impl ReminderWords {
    /// The notification text in `lang`: "Reminder: appointment tomorrow at 6:00 PM".
    pub fn render(&self, lang: Lang) -> String {
        let ReminderWords::Session {
            detail,
            kind,
            start,
            due_day,
            venue,
        } = self
        else {
            return t(lang, "reminder-daily-check-in");
        };
        let when = match (start.date() - *due_day).num_days() {
            0 => "today",
            1 => "tomorrow",
            _ => "date",
        };
        let mut args = vec![
            ("when", Arg::from(when)),
            ("clock", Arg::from(language::clock(lang, start.time()))),
            ("date", Arg::from(language::long_date(lang, start.date()))),
        ];
        match detail {
            NotificationDetail::Discreet => tr(lang, "reminder-discreet", &args),
            NotificationDetail::Detailed => {
                let place = match venue {
                    Some(VenueWords::Place(p)) => format!(", {p}"),
                    Some(VenueWords::Video) => format!(", {}", t(lang, "reminder-by-video")),
                    None => String::new(),
                };
                args.push(("kind", Arg::from(kind.words(lang))));
                args.push(("place", Arg::from(place)));
                tr(lang, "reminder-detailed", &args)
            }
        }
    }
}

/// Every reminder due in `(after, until]`, sorted by due time, without duplicates.
///
/// `sessions` are `(record id, session)` pairs; only sessions that are still expected (`proposed`,
/// `pending`, `booked`) and not declined get reminders. `zone` is the patient's current zone.
pub fn reminders_between(
    sessions: &[(String, &ClinicSession)],
    prefs: &ReminderPrefs,
    zone: Zone,
    after: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Vec<PlannedReminder> {
    if until <= after {
        return Vec::new();
    }
    let in_window = |r: &PlannedReminder| r.due_utc > after && r.due_utc <= until;
    let mut out: Vec<PlannedReminder> = sessions
        .iter()
        .filter(|(_, s)| s.wants_reminders())
        .flat_map(|(id, s)| {
            prefs
                .lead_minutes
                .iter()
                .map(move |lead| session_reminder(id, s, *lead, prefs, zone))
        })
        .filter(in_window)
        .collect();
    if let Some(time) = prefs.daily_check_in {
        // A move for quiet hours stays within 16 hours, so one extra day each side covers the window.
        let first = zone.local_date(after) - Duration::days(1);
        let last = zone.local_date(until) + Duration::days(1);
        out.extend(
            first
                .iter_days()
                .take_while(|d| *d <= last)
                .map(|date| check_in_reminder(date, time, prefs, zone))
                .filter(in_window),
        );
    }
    out.sort_by(|a, b| {
        (a.due_utc, &a.target, a.lead_minutes).cmp(&(b.due_utc, &b.target, b.lead_minutes))
    });
    // Two lead times moved to the same instant by quiet hours would otherwise notify twice.
    out.dedup_by(|b, a| a.due_utc == b.due_utc && a.target == b.target);
    out
}

/// The reminders due after `now` and no later than `now + horizon`, in order. The shell sleeps until
/// the first one and plans again when it wakes, when data changes, or when the clock jumps.
pub fn upcoming(
    sessions: &[(String, &ClinicSession)],
    prefs: &ReminderPrefs,
    zone: Zone,
    now: DateTime<Utc>,
    horizon: Duration,
) -> Vec<PlannedReminder> {
    reminders_between(sessions, prefs, zone, now, now + horizon)
}

/// The reminders that fell due in `(last_seen, now]`: while the app was closed, the machine asleep, or
/// the clock jumped forward. The shell shows them once, as a single summary. If the clock went
/// backwards (`now <= last_seen`) nothing was missed.
pub fn missed_since(
    sessions: &[(String, &ClinicSession)],
    prefs: &ReminderPrefs,
    zone: Zone,
    last_seen: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Vec<PlannedReminder> {
    reminders_between(sessions, prefs, zone, last_seen, now)
}

fn session_reminder(
    id: &str,
    s: &ClinicSession,
    lead: u32,
    prefs: &ReminderPrefs,
    zone: Zone,
) -> PlannedReminder {
    let start = s.start.utc;
    let lead_time = Duration::minutes(i64::from(lead));
    let exact = start - lead_time;
    let due = match prefs.quiet_hours {
        Some(q) if is_quiet(q, zone, exact) => {
            let end = quiet_end(q, zone, exact);
            if end <= start - lead_time / 2 {
                end
            } else {
                quiet_start(q, zone, exact)
            }
        }
        _ => exact,
    };
    PlannedReminder {
        due_utc: due,
        target: ReminderTarget::Session {
            session_id: id.to_owned(),
        },
        lead_minutes: Some(lead),
        session_start_utc: Some(start),
        moved_for_quiet_hours: due != exact,
        text: String::new(),
        words: session_words(s, due, prefs.notification_detail, zone),
    }
    .worded()
}

fn check_in_reminder(
    date: NaiveDate,
    time: chrono::NaiveTime,
    prefs: &ReminderPrefs,
    zone: Zone,
) -> PlannedReminder {
    let exact = zone.resolve(date, time);
    let due = match prefs.quiet_hours {
        Some(q) if is_quiet(q, zone, exact) => quiet_start(q, zone, exact),
        _ => exact,
    };
    PlannedReminder {
        due_utc: due,
        target: ReminderTarget::DailyCheckIn { date },
        lead_minutes: None,
        session_start_utc: None,
        moved_for_quiet_hours: due != exact,
        text: ReminderWords::DailyCheckIn.render(Lang::En),
        words: ReminderWords::DailyCheckIn,
    }
}

/// Whether the patient's wall clock at `t` reads strictly inside quiet hours. Reading the wall clock
/// (rather than precomputing instants) makes a repeated hour in autumn quiet both times it happens.
fn is_quiet(q: QuietHours, zone: Zone, t: DateTime<Utc>) -> bool {
    q.contains(zone.local(t).time())
}

/// Quiet hours last at most 16 hours; a daylight-saving jump adds at most a couple more.
const QUIET_SEARCH_MINUTES: i64 = 20 * 60;

/// The first whole-minute instant at or after `t` that is not quiet. Zone offsets are whole minutes,
/// so the boundary is always a whole UTC minute and a minute-by-minute walk finds it exactly.
fn quiet_end(q: QuietHours, zone: Zone, t: DateTime<Utc>) -> DateTime<Utc> {
    let floor = t.duration_trunc(Duration::minutes(1)).unwrap_or(t);
    let mut c = if floor < t {
        floor + Duration::minutes(1)
    } else {
        floor
    };
    for _ in 0..QUIET_SEARCH_MINUTES {
        if !is_quiet(q, zone, c) {
            return c;
        }
        c += Duration::minutes(1);
    }
    t
}

/// The last whole-minute instant at or before `t` that is not quiet: the start of the stretch.
fn quiet_start(q: QuietHours, zone: Zone, t: DateTime<Utc>) -> DateTime<Utc> {
    let mut c = t.duration_trunc(Duration::minutes(1)).unwrap_or(t);
    for _ in 0..QUIET_SEARCH_MINUTES {
        if !is_quiet(q, zone, c) {
            return c;
        }
        c -= Duration::minutes(1);
    }
    t
}

impl PlannedReminder {
    fn worded(mut self) -> Self {
        self.text = self.words.render(Lang::En);
        self
    }
}

/// "Reminder: appointment at 6:00 PM", with "tomorrow" or the date when the session is not on the
/// day the reminder fires. Times are read in the patient's current zone.
fn session_words(
    s: &ClinicSession,
    due: DateTime<Utc>,
    detail: NotificationDetail,
    zone: Zone,
) -> ReminderWords {
    ReminderWords::Session {
        detail,
        kind: s.kind,
        start: zone.local(s.start.utc).naive_local(),
        due_day: zone.local_date(due),
        venue: match &s.venue {
            Some(Venue::InPerson { place }) => Some(VenueWords::Place(place.clone())),
            Some(Venue::Video { .. }) => Some(VenueWords::Video),
            None => None,
        },
    }
}

/// What a reminder for a group session at 6:00 PM tomorrow, in person at the clinic, says in each
/// setting: Settings quotes these exact texts so the patient knows what an onlooker could read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct NotificationExamples {
    /// The discreet text (the default).
    pub discreet: String,
    /// The detailed text.
    pub detailed: String,
}

/// The example texts in `lang`, made by the same code as every real reminder.
pub fn notification_examples(lang: Lang) -> NotificationExamples {
    let day = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap_or_default();
    let words = |detail| {
        ReminderWords::Session {
            detail,
            kind: SessionKind::Group,
            start: day.and_hms_opt(18, 0, 0).unwrap_or_default(),
            due_day: day.pred_opt().unwrap_or_default(),
            venue: Some(VenueWords::Place("Harbor Clinic".to_owned())),
        }
        .render(lang)
    };
    NotificationExamples {
        discreet: words(NotificationDetail::Discreet),
        detailed: words(NotificationDetail::Detailed),
    }
}
