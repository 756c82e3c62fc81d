//! The passphrase-attempt throttle: one attempt at a time per vault, and lockout waits that moving
//! the wall clock cannot end.
//!
//! The failure count and the time of the last failure live in the vault file (`unlock_attempts`), so
//! closing the app does not reset them. The wall clock alone cannot be trusted to measure the wait:
//! anyone at the device can move it forward. So a wait is over only when it has passed on the wall
//! clock *and* on this process's monotonic clock since the process first saw that failure. After a
//! restart the monotonic part starts again from the full delay: restarting never shortens a wait,
//! at the price that a patient who restarts during a wait waits the delay again (at most an hour).
//!
//! Every passphrase check goes through a per-vault gate held for the whole check (Argon2id
//! included): a second concurrent attempt waits for the first, then sees its result in the counter.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Instant;

use chrono::{DateTime, Utc};

use super::lockout_delay_secs;

/// What this process knows about one vault's failures: the stored state it last saw, and the
/// monotonic instant it first saw it.
#[derive(Debug, Default)]
pub(crate) struct Gate {
    seen: Option<(u32, i64, Instant)>,
}

/// The gates of this process, by vault directory.
static GATES: OnceLock<Mutex<HashMap<PathBuf, Arc<Mutex<Gate>>>>> = OnceLock::new();

/// The gate for the vault in `dir`, shared by every caller in this process.
pub(crate) fn gate(dir: &Path) -> Arc<Mutex<Gate>> {
    let key = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned());
    let gates = GATES.get_or_init(Mutex::default);
    let mut map = gates.lock().unwrap_or_else(|e| e.into_inner());
    map.entry(key).or_default().clone()
}

/// Takes the gate (a poisoned gate is still a gate: its state is a plain value).
pub(crate) fn enter(gate: &Mutex<Gate>) -> MutexGuard<'_, Gate> {
    gate.lock().unwrap_or_else(|e| e.into_inner())
}

impl Gate {
    /// Seconds still to wait before the next attempt, given the stored failure state, the wall
    /// clock and the monotonic clock.
    pub(crate) fn remaining(
        &mut self,
        failures: u32,
        last_failure_unix: i64,
        now: DateTime<Utc>,
        mono: Instant,
    ) -> u64 {
        let delay = lockout_delay_secs(failures);
        if delay == 0 {
            return 0;
        }
        // A clock moved back before the last failure must not shorten the wait: count from it.
        let wall_elapsed = u64::try_from(now.timestamp() - last_failure_unix).unwrap_or(0);
        let since = match self.seen {
            Some((f, at, since)) if f == failures && at == last_failure_unix => since,
            _ => {
                self.seen = Some((failures, last_failure_unix, mono));
                mono
            }
        };
        let mono_elapsed = mono.saturating_duration_since(since).as_secs();
        delay
            .saturating_sub(wall_elapsed)
            .max(delay.saturating_sub(mono_elapsed))
    }

    /// Notes a failure this process just stored, so its wait counts from now on the monotonic clock.
    pub(crate) fn failed(&mut self, failures: u32, at_unix: i64, mono: Instant) {
        self.seen = Some((failures, at_unix, mono));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_wall_clock_alone_cannot_end_a_wait() {
        let mut gate = Gate::default();
        let t = DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default();
        let m = Instant::now();
        gate.failed(5, t.timestamp(), m);
        assert_eq!(gate.remaining(5, t.timestamp(), t, m), 30);
        let forward = t + chrono::Duration::days(2);
        assert_eq!(gate.remaining(5, t.timestamp(), forward, m), 30);
        let later = m + Duration::from_secs(12);
        assert_eq!(gate.remaining(5, t.timestamp(), forward, later), 18);
        // Both clocks past the delay: over.
        let done = m + Duration::from_secs(30);
        assert_eq!(
            gate.remaining(5, t.timestamp(), t + chrono::Duration::seconds(30), done),
            0
        );
        // The monotonic clock alone does not end it either (the clock was moved back).
        assert_eq!(
            gate.remaining(5, t.timestamp(), t - chrono::Duration::hours(1), done),
            30
        );
    }

    #[test]
    fn a_fresh_process_waits_the_full_delay_whatever_the_wall_clock_says() {
        let mut gate = Gate::default();
        let t = DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default();
        let m = Instant::now();
        let much_later = t + chrono::Duration::days(30);
        assert_eq!(gate.remaining(6, t.timestamp(), much_later, m), 60);
        assert_eq!(
            gate.remaining(6, t.timestamp(), much_later, m + Duration::from_secs(60)),
            0
        );
    }
}
