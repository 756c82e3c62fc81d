//! The outbox: the patient's answers to clinic sessions, each kept as a sealed record until the clinic
//! has confirmed it, with a key the app made so the clinic stores a resent answer once.
//!
//! An entry leaves the outbox only on a 2xx from the clinic. A failure that may pass (no network, a
//! server error, 408, 429) schedules another try with exponential backoff and full jitter, never before
//! the server's `Retry-After`. A refusal that will not pass by retrying (any other 4xx) parks the entry
//! with a reason the patient can read; it stays visible until the patient answers again or dismisses it.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::craving::check_label;
use crate::error::Invalid;
use crate::id::RecordId;
use crate::session::ParticipantResponse;

/// The first retry waits up to this long; each failure doubles the ceiling.
pub const BACKOFF_BASE_SECONDS: i64 = 5;
/// The ceiling stops doubling here, so a device offline for a week still tries twice an hour.
pub const BACKOFF_CAP_SECONDS: i64 = 30 * 60;

/// One answer waiting to reach the clinic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct OutgoingAnswer {
    /// The session record the answer belongs to.
    pub session: RecordId,
    /// The clinic's Appointment id of that session.
    pub appointment: String,
    /// The answer.
    pub response: ParticipantResponse,
    /// 128 random bits as hex, made when the patient answered; the clinic stores one answer per key,
    /// so sending it again after a lost reply changes nothing.
    pub idempotency_key: String,
    /// When the patient answered.
    #[ts(type = "string")]
    pub queued_at: DateTime<Utc>,
    /// How many sends have failed so far.
    pub attempts: u32,
    /// The earliest time a background sync tries again (after a failure).
    #[ts(type = "string | null")]
    pub next_attempt: Option<DateTime<Utc>>,
    /// The server's `Retry-After`: not even a sync the patient asked for sends before then.
    #[ts(type = "string | null")]
    pub not_before: Option<DateTime<Utc>>,
    /// Set when the clinic refused the answer for good: why, in words for the patient.
    pub parked: Option<ParkReason>,
}

impl OutgoingAnswer {
    /// Checks every field.
    pub fn validate(&self) -> Result<(), Invalid> {
        check_label("appointment", &self.appointment)?;
        if self.response == ParticipantResponse::NeedsAction {
            return Err(Invalid::new(
                "response",
                "must be accepted, tentative or declined",
            ));
        }
        if self.idempotency_key.len() != 32
            || !self
                .idempotency_key
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return Err(Invalid::new(
                "idempotencyKey",
                "must be 32 hexadecimal digits",
            ));
        }
        Ok(())
    }

    /// Whether it is still to be sent (not parked).
    pub fn is_pending(&self) -> bool {
        self.parked.is_none()
    }

    /// Whether it should be sent at `now`: a sync the patient asked for skips the app's own backoff
    /// (one tap is one try, not a storm) but still waits for the server's `Retry-After`.
    pub fn is_due(&self, trigger: super::Trigger, now: DateTime<Utc>) -> bool {
        let waited = |at: Option<DateTime<Utc>>| at.is_none_or(|at| at <= now);
        self.is_pending()
            && waited(self.not_before)
            && (trigger == super::Trigger::Patient || waited(self.next_attempt))
    }
}

/// Why the clinic will not take an answer. A closed set of fixed sentences, so nothing the server
/// sent (and nothing about the patient) is ever shown or logged as a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum ParkReason {
    /// 404: the clinic removed the session or never had it.
    SessionUnknown,
    /// 403: the session belongs to someone else at the clinic.
    NotYours,
    /// 409: the key was already used for a different answer.
    Conflict,
    /// 405, 413, 415: the server does not take answers in this form (a version mismatch).
    Unsupported,
    /// Any other 4xx: the clinic read the answer and refused it.
    Refused,
}

impl ParkReason {
    /// The reason for an HTTP status that will not change by retrying.
    pub fn for_status(status: u16) -> Self {
        match status {
            404 | 410 => Self::SessionUnknown,
            403 => Self::NotYours,
            409 => Self::Conflict,
            405 | 413 | 415 => Self::Unsupported,
            _ => Self::Refused,
        }
    }

    /// Plain words for the patient, in `lang` (English: exactly [`ParkReason::message`]).
    pub fn words(self, lang: crate::language::Lang) -> String {
        let id = match self {
            Self::SessionUnknown => "sync-parked-session-unknown",
            Self::NotYours => "sync-parked-not-yours",
            Self::Conflict => "sync-parked-conflict",
            Self::Unsupported => "sync-parked-unsupported",
            Self::Refused => "sync-parked-refused",
        };
        crate::language::t(lang, id)
    }

    /// Plain words for the patient, in English.
    pub fn message(self) -> &'static str {
        match self {
            Self::SessionUnknown => {
                "The clinic no longer has this session, so your answer could not be sent. Please tell \
                 your counselor directly."
            }
            Self::NotYours => {
                "The clinic says this session is not on your schedule, so your answer could not be \
                 sent. Please tell your counselor directly."
            }
            Self::Conflict => {
                "The clinic already has a different answer for this session. Answer again to send \
                 your latest choice."
            }
            Self::Unsupported => {
                "The clinic's server does not accept answers from this version of the app. Please \
                 update the app or tell your counselor directly."
            }
            Self::Refused => {
                "The clinic could not accept this answer. Please tell your counselor directly."
            }
        }
    }
}

/// Whether a failed send may succeed later: no answer at all is handled by the caller; here a status
/// that says "not now" rather than "never" (timeouts, throttling, server faults).
pub fn is_transient(status: u16) -> bool {
    matches!(status, 408 | 429) || status >= 500 || (300..400).contains(&status)
}

/// The wait before retry number `attempts` (1 for the first retry): "full jitter", a uniform draw
/// from zero up to an exponentially growing ceiling, so devices that lost the clinic together do not
/// come back together. `draw` is a uniformly random `u32` from the caller.
pub fn retry_delay(attempts: u32, draw: u32) -> Duration {
    let doublings = attempts.saturating_sub(1).min(20);
    let ceiling_ms = (BACKOFF_BASE_SECONDS * 1000)
        .saturating_mul(1_i64 << doublings)
        .min(BACKOFF_CAP_SECONDS * 1000);
    // Scale the draw onto [0, ceiling] without modulo bias worth speaking of (u32 over at most 1.8e6).
    let wait_ms = (i128::from(draw) * i128::from(ceiling_ms + 1)) >> 32;
    Duration::milliseconds(i64::try_from(wait_ms).unwrap_or(ceiling_ms))
}

/// When to try again after a failure at `now`: the jittered backoff, but never before the server's
/// `Retry-After`.
pub fn next_attempt(
    attempts: u32,
    draw: u32,
    retry_after: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    let backoff = now + retry_delay(attempts, draw);
    retry_after.map_or(backoff, |asked| asked.max(backoff))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backoff_ceiling_doubles_then_stops() {
        let most = |attempts| retry_delay(attempts, u32::MAX);
        assert_eq!(most(1), Duration::milliseconds(5_000));
        assert_eq!(most(2), Duration::milliseconds(10_000));
        assert_eq!(most(3), Duration::milliseconds(20_000));
        assert_eq!(most(10), Duration::seconds(BACKOFF_CAP_SECONDS));
        assert_eq!(
            most(u32::MAX),
            Duration::seconds(BACKOFF_CAP_SECONDS),
            "no overflow after many failures"
        );
    }

    #[test]
    fn full_jitter_spans_zero_to_the_ceiling() {
        assert_eq!(
            retry_delay(4, 0),
            Duration::zero(),
            "full jitter may retry at once"
        );
        let middle = retry_delay(4, u32::MAX / 2);
        assert!(
            middle > Duration::seconds(19) && middle < Duration::seconds(21),
            "half the draw is half the 40 s ceiling: {middle}"
        );
    }

    #[test]
    fn retry_after_is_a_floor_not_a_replacement() {
        let now: DateTime<Utc> = "2026-03-02T12:00:00Z".parse().unwrap();
        let asked = now + Duration::seconds(120);
        assert_eq!(next_attempt(1, u32::MAX, Some(asked), now), asked);
        let late = next_attempt(12, u32::MAX, Some(asked), now);
        assert_eq!(
            late,
            now + Duration::seconds(BACKOFF_CAP_SECONDS),
            "a longer backoff still wins over a shorter Retry-After"
        );
    }

    #[test]
    fn only_passing_failures_are_retried() {
        for status in [408, 429, 500, 502, 503, 504] {
            assert!(is_transient(status), "{status} may pass");
        }
        for status in [400, 403, 404, 409, 413, 415, 422] {
            assert!(!is_transient(status), "{status} will not pass by retrying");
        }
    }

    #[test]
    fn every_park_reason_speaks_to_the_patient() {
        for status in [400, 403, 404, 405, 409, 410, 413, 415, 422] {
            let reason = ParkReason::for_status(status);
            assert!(
                reason.message().ends_with('.'),
                "a full sentence for {status}"
            );
        }
    }
}
