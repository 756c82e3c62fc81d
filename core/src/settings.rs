//! App settings, including when and how reminders may reach the patient.

use chrono::{NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

use crate::error::Invalid;

/// How much a notification says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum NotificationDetail {
    /// Only "Reminder: appointment at 6:00 PM": nothing an onlooker could read as treatment.
    #[default]
    Discreet,
    /// Adds the kind of session and where it is. The patient opts in.
    Detailed,
}

/// A nightly (or daily) stretch in which no reminder may fire, in the patient's local wall-clock time.
/// `start` after `end` wraps midnight (22:00-07:00). Both boundaries may carry a reminder: "quiet
/// from 22:00 to 07:00" means nothing strictly after 22:00 and strictly before 07:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct QuietHours {
    /// When quiet begins (local wall time, whole minutes).
    pub start: NaiveTime,
    /// When quiet ends (local wall time, whole minutes).
    pub end: NaiveTime,
}

/// The longest quiet stretch accepted. Leaving at least 8 hours a day for reminders keeps every
/// moved reminder out of the next quiet stretch, even across a daylight-saving jump.
pub const MAX_QUIET_MINUTES: u32 = 16 * 60;

impl QuietHours {
    /// Length in minutes as the wall clock reads it.
    pub fn length_minutes(&self) -> u32 {
        let start = self.start.num_seconds_from_midnight() / 60;
        let end = self.end.num_seconds_from_midnight() / 60;
        (end + 24 * 60 - start) % (24 * 60)
    }

    /// Whether the wall-clock time `t` lies strictly inside the quiet stretch.
    pub fn contains(&self, t: NaiveTime) -> bool {
        if self.start < self.end {
            self.start < t && t < self.end
        } else {
            t > self.start || t < self.end
        }
    }

    /// Checks whole minutes, start differing from end, and the length limit.
    pub fn validate(&self) -> Result<(), Invalid> {
        if !is_whole_minute(self.start) || !is_whole_minute(self.end) {
            return Err(Invalid::new("quietHours", "must be whole minutes"));
        }
        if self.start == self.end {
            return Err(Invalid::new("quietHours", "start and end must differ"));
        }
        if self.length_minutes() > MAX_QUIET_MINUTES {
            return Err(Invalid::new("quietHours", "can last at most 16 hours"));
        }
        Ok(())
    }
}

fn is_whole_minute(t: NaiveTime) -> bool {
    t.second() == 0 && t.nanosecond() == 0
}

/// The longest lead time accepted: two weeks.
pub const MAX_LEAD_MINUTES: u32 = 14 * 24 * 60;
/// The most lead times per session; more would be nagging.
pub const MAX_LEAD_TIMES: usize = 6;

/// When and how reminders reach the patient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct ReminderPrefs {
    /// How long before each session to remind, in minutes (default 24 hours and 1 hour).
    pub lead_minutes: Vec<u32>,
    /// When no reminder may fire.
    pub quiet_hours: Option<QuietHours>,
    /// A daily check-in prompt at this local wall time, if wanted.
    pub daily_check_in: Option<NaiveTime>,
    /// How much a notification says.
    pub notification_detail: NotificationDetail,
}

impl Default for ReminderPrefs {
    fn default() -> Self {
        Self {
            lead_minutes: vec![24 * 60, 60],
            quiet_hours: None,
            daily_check_in: None,
            notification_detail: NotificationDetail::Discreet,
        }
    }
}

impl ReminderPrefs {
    /// Checks lead times (1 minute to 14 days, distinct, at most 6), quiet hours, and that the daily
    /// check-in is a whole minute outside the quiet hours (a prompt the patient asked for must not be
    /// silenced by their own other setting without them knowing).
    pub fn validate(&self) -> Result<(), Invalid> {
        if self.lead_minutes.len() > MAX_LEAD_TIMES {
            return Err(Invalid::new(
                "leadMinutes",
                "at most 6 reminders per session",
            ));
        }
        for (i, lead) in self.lead_minutes.iter().enumerate() {
            if *lead == 0 || *lead > MAX_LEAD_MINUTES {
                return Err(Invalid::new(
                    "leadMinutes",
                    "must be between 1 minute and 14 days",
                ));
            }
            if self.lead_minutes[..i].contains(lead) {
                return Err(Invalid::new("leadMinutes", "lists the same time twice"));
            }
        }
        if let Some(q) = &self.quiet_hours {
            q.validate()?;
        }
        if let Some(t) = self.daily_check_in {
            if !is_whole_minute(t) {
                return Err(Invalid::new("dailyCheckIn", "must be a whole minute"));
            }
            if self.quiet_hours.is_some_and(|q| q.contains(t)) {
                return Err(Invalid::new("dailyCheckIn", "falls inside quiet hours"));
            }
        }
        Ok(())
    }
}

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum Theme {
    /// Follow the system.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// The app's settings. Fields missing from a stored value take their defaults, so older vaults open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct Settings {
    /// Lock the vault after this many idle minutes (1-60, default 5).
    pub auto_lock_minutes: u8,
    /// Reminder preferences.
    pub reminders: ReminderPrefs,
    /// Keep running in the system tray when the window closes, so reminders still fire.
    pub keep_running_in_tray: bool,
    /// Start when the user logs in.
    pub start_at_login: bool,
    /// The colour theme.
    pub theme: Theme,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            auto_lock_minutes: 5,
            reminders: ReminderPrefs::default(),
            keep_running_in_tray: true,
            start_at_login: false,
            theme: Theme::System,
        }
    }
}

impl Settings {
    /// Checks every field.
    pub fn validate(&self) -> Result<(), Invalid> {
        if !(1..=60).contains(&self.auto_lock_minutes) {
            return Err(Invalid::new("autoLockMinutes", "must be between 1 and 60"));
        }
        self.reminders.validate()
    }
}
