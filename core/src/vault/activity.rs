//! The auto-lock rule: only the patient keeps the vault open.
//!
//! Activity is what the patient does in the window (keyboard, pointer, touch), reported through
//! [`super::Vault::touch`]. Writes the app makes by itself (a clinic sync, the reminder mark, any
//! background save or delete) never count: otherwise a connected clinic would keep the vault open
//! for ever. A running exercise the patient sits through without touching anything (urge surfing)
//! asks for a *hold*: the vault stays open until the hold's expiry, which the core caps at
//! [`MAX_HOLD_MINUTES`] after the patient's last activity, so asking again and again without the
//! patient never extends it.

use chrono::{DateTime, Duration, Utc};

/// The longest a hold keeps the vault open after the patient's last activity.
pub const MAX_HOLD_MINUTES: i64 = 30;

/// When the patient was last active, and until when a running exercise holds the vault open.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Activity {
    last: DateTime<Utc>,
    hold_until: Option<DateTime<Utc>>,
}

impl Activity {
    pub(crate) fn new(now: DateTime<Utc>) -> Self {
        Self {
            last: now,
            hold_until: None,
        }
    }

    pub(crate) fn touch(&mut self, now: DateTime<Utc>) {
        self.last = now;
    }

    /// Grants a hold of up to `minutes`, never past [`MAX_HOLD_MINUTES`] after the last activity.
    /// Returns the expiry granted; `None` when nothing could be granted (the patient has been away
    /// for the whole maximum already).
    pub(crate) fn hold(&mut self, now: DateTime<Utc>, minutes: u32) -> Option<DateTime<Utc>> {
        self.clock_back(now);
        let wanted = now + Duration::minutes(i64::from(minutes).min(MAX_HOLD_MINUTES));
        let until = wanted.min(self.last + Duration::minutes(MAX_HOLD_MINUTES));
        if until <= now {
            return None;
        }
        self.hold_until = Some(until);
        Some(until)
    }

    /// Ends a hold early (the exercise finished or was left).
    pub(crate) fn release(&mut self) {
        self.hold_until = None;
    }

    /// The hold's expiry, if one is running at `now`.
    pub(crate) fn held_until(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.hold_until.filter(|until| now < *until)
    }

    /// Whether the vault should lock at `now` after `idle` without the patient. A clock moved back
    /// counts as activity now, so it can neither lock at once nor keep the vault open for ever.
    pub(crate) fn expired(&mut self, now: DateTime<Utc>, idle: Duration) -> bool {
        if self.clock_back(now) {
            return false;
        }
        if self.held_until(now).is_some() {
            return false;
        }
        now - self.last >= idle
    }

    /// Resets to `now` when the clock went back before the last activity; `true` if it did.
    fn clock_back(&mut self, now: DateTime<Utc>) -> bool {
        if now < self.last {
            self.last = now;
            self.hold_until = self
                .hold_until
                .map(|h| h.min(now + Duration::minutes(MAX_HOLD_MINUTES)));
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(minutes: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).expect("a valid instant")
            + Duration::minutes(minutes)
    }

    const IDLE: i64 = 5;

    #[test]
    fn locks_after_the_idle_time_without_the_patient() {
        let mut a = Activity::new(t(0));
        assert!(!a.expired(t(4), Duration::minutes(IDLE)));
        assert!(a.expired(t(5), Duration::minutes(IDLE)));
    }

    #[test]
    fn a_hold_keeps_the_vault_open_for_its_length_then_the_rule_applies_again() {
        let mut a = Activity::new(t(0));
        assert_eq!(a.hold(t(0), 20), Some(t(20)));
        assert!(!a.expired(t(19), Duration::minutes(IDLE)), "held");
        assert!(
            a.expired(t(20), Duration::minutes(IDLE)),
            "the hold has ended"
        );
    }

    #[test]
    fn a_hold_is_capped_at_thirty_minutes_after_the_last_activity() {
        let mut a = Activity::new(t(0));
        assert_eq!(a.hold(t(0), 90), Some(t(MAX_HOLD_MINUTES)), "capped");
        // Asking again without the patient does not push it further.
        assert_eq!(a.hold(t(25), 30), Some(t(MAX_HOLD_MINUTES)));
        assert_eq!(
            a.hold(t(MAX_HOLD_MINUTES), 30),
            None,
            "nothing left to grant"
        );
        assert!(a.expired(t(MAX_HOLD_MINUTES), Duration::minutes(IDLE)));
        // The patient comes back: a new hold counts from then.
        a.touch(t(40));
        assert_eq!(a.hold(t(40), 30), Some(t(70)));
    }

    #[test]
    fn a_released_hold_no_longer_keeps_the_vault_open() {
        let mut a = Activity::new(t(0));
        a.hold(t(0), 30);
        a.release();
        assert!(a.expired(t(IDLE), Duration::minutes(IDLE)));
    }

    #[test]
    fn a_clock_moved_back_neither_locks_at_once_nor_holds_for_ever() {
        let mut a = Activity::new(t(100));
        a.hold(t(100), 30);
        assert!(!a.expired(t(0), Duration::minutes(IDLE)), "clock went back");
        assert_eq!(a.held_until(t(0)), Some(t(MAX_HOLD_MINUTES)));
        assert!(a.expired(t(MAX_HOLD_MINUTES), Duration::minutes(IDLE)));
    }
}
