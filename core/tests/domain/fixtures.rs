//! Builders for test values, so each test states only what it is about.

use chrono::{DateTime, Utc};
use tideline_core::craving::{CravingEntry, Intensity};
use tideline_core::session::{
    AppointmentStatus, ClinicSession, ParticipantResponse, SessionKind, SessionOrigin,
};
use tideline_core::time::{Stamp, Zone};

pub fn zone(name: &str) -> Zone {
    Zone::new(name).expect("test zones are valid IANA names")
}

pub fn utc(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .expect("test instants are RFC 3339")
        .with_timezone(&Utc)
}

pub fn stamp(rfc3339: &str, zone_name: &str) -> Stamp {
    Stamp::new(utc(rfc3339), zone(zone_name))
}

pub fn intensity(v: u8) -> Intensity {
    Intensity::try_from(v).expect("test intensities are 0-10")
}

pub fn craving(at: &str, level: u8) -> CravingEntry {
    CravingEntry::new(stamp(at, "America/New_York"), intensity(level))
}

/// A booked three-hour group session starting at `start` (UTC), recorded in New York.
pub fn session_at(start: DateTime<Utc>, hours: i64) -> ClinicSession {
    let z = zone("America/New_York");
    ClinicSession {
        title: None,
        start: Stamp::new(start, z),
        end: Stamp::new(start + chrono::Duration::hours(hours), z),
        kind: SessionKind::Group,
        venue: None,
        status: AppointmentStatus::Booked,
        response: ParticipantResponse::NeedsAction,
        origin: SessionOrigin::Patient,
        cancel_reason: None,
        attendance: None,
        self_report: None,
    }
}

pub fn session_with_status(start: &str, hours: i64, status: AppointmentStatus) -> ClinicSession {
    ClinicSession {
        status,
        ..session_at(utc(start), hours)
    }
}
