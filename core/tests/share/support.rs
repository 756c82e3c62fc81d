//! The sync tests' clinic server and device, plus what sharing needs on top: a care team and a staff
//! member who reads what was shared.

use chrono::Utc;
use ring::rand::SystemRandom;
use tideline_clinic::access::Caller;
use tideline_clinic::share::{care_team, consent, disclosure};
use tideline_clinic::{patient, staff};
use tideline_core::craving::{CravingEntry, CravingOutcome, Intensity, Trigger};
use tideline_core::halt::{HaltCheck, HaltRating};
use tideline_core::language::Lang;
use tideline_core::record::{Record, RecordId};
use tideline_core::share::{self, ConsentSummary, ConsentTerms, SharePurpose, ShareSelection};
use tideline_core::urge::{SurfVariant, UrgeOutcome, UrgeSample, UrgeSurfSession};

#[allow(dead_code)]
#[path = "../sync/support.rs"]
mod sync_support;

pub use sync_support::{now, Clinic, Device, PASS};

/// A clinic whose patient has a care team of one counselor.
pub struct Setup {
    pub clinic: Clinic,
    pub staff: Caller,
}

pub const COUNSELOR: &str = "Jordan Lee, LCSW";

impl Setup {
    pub fn start() -> Setup {
        let clinic = Clinic::start(false);
        let conn = clinic.db();
        let clinic_id = patient::clinic_of(&conn, clinic.patient_id).unwrap();
        let staff_id = staff::create_staff(
            &conn,
            &Caller::Operator,
            &staff::NewStaff {
                clinic_id,
                email: "jordan@harbor.example".into(),
                display_name: COUNSELOR.into(),
                password_hash: staff::hash_password("a long staff password here").unwrap(),
                admin: false,
            },
            Utc::now(),
        )
        .unwrap();
        care_team::assign(
            &conn,
            &Caller::Operator,
            clinic.patient_id,
            staff_id,
            Utc::now(),
        )
        .unwrap();
        Setup {
            clinic,
            staff: Caller::Staff {
                staff_id,
                clinic_id,
                admin: false,
            },
        }
    }

    /// A connected device.
    pub fn device(&self) -> Device {
        let mut device = Device::new();
        device.connect(&self.clinic);
        device
    }

    /// The counselor opens a consent in the portal (writes the audit row the accounting reads).
    pub fn staff_view(&self, clinic_consent_id: &str) -> Result<disclosure::VisibleShare, String> {
        disclosure::view_share(
            &self.clinic.db(),
            &self.staff,
            clinic_consent_id.parse().unwrap(),
            "127.0.0.1",
            Utc::now(),
        )
        .map_err(|problem| format!("{problem:?}"))
    }

    /// How many consents the clinic holds for the patient.
    pub fn consents_at_clinic(&self) -> usize {
        consent::of_patient(&self.clinic.db(), self.clinic.patient_id)
            .unwrap()
            .len()
    }
}

pub fn craving(device: &mut Device, hours_ago: i64, situation: &str) -> RecordId {
    let at = now().utc - chrono::Duration::hours(hours_ago);
    let mut entry = CravingEntry::new(
        tideline_core::time::Stamp::new(at, now().zone),
        Intensity::try_from(7).unwrap(),
    );
    entry.situation = Some(situation.to_owned());
    entry.coping = Some("Called my sponsor".into());
    entry.outcome = CravingOutcome::DidNotUse;
    entry.triggers = vec![Trigger::Place {
        label: "Bus stop".into(),
    }];
    device
        .vault
        .save(None, Record::Craving(entry), now())
        .unwrap()
        .id
}

pub fn halt(device: &mut Device, hours_ago: i64, note: &str) -> RecordId {
    let at = now().utc - chrono::Duration::hours(hours_ago);
    let check = HaltCheck {
        taken_at: tideline_core::time::Stamp::new(at, now().zone),
        hungry: HaltRating::try_from(0).unwrap(),
        angry: HaltRating::try_from(1).unwrap(),
        lonely: HaltRating::try_from(3).unwrap(),
        tired: HaltRating::try_from(2).unwrap(),
        note: Some(note.to_owned()),
    };
    device
        .vault
        .save(None, Record::Halt(check), now())
        .unwrap()
        .id
}

pub fn urge(device: &mut Device, hours_ago: i64, notes: &str) -> RecordId {
    let start = now().utc - chrono::Duration::hours(hours_ago);
    let zone = now().zone;
    let at = |minutes: i64| {
        tideline_core::time::Stamp::new(start + chrono::Duration::minutes(minutes), zone)
    };
    let i = |v: u8| Intensity::try_from(v).unwrap();
    let session = UrgeSurfSession {
        started_at: at(0),
        ended_at: at(24),
        intensity_start: i(6),
        intensity_peak: i(9),
        intensity_end: i(2),
        samples: [(0, 6), (300, 8), (600, 9), (900, 6), (1200, 3), (1440, 2)]
            .iter()
            .map(|&(offset_seconds, v)| UrgeSample {
                offset_seconds,
                intensity: i(v),
            })
            .collect(),
        variant: SurfVariant::Wave,
        steps_completed: Vec::new(),
        outcome: UrgeOutcome::RodeItOut,
        notes: Some(notes.to_owned()),
    };
    device
        .vault
        .save(None, Record::Urge(session), now())
        .unwrap()
        .id
}

pub fn terms() -> ConsentTerms {
    ConsentTerms {
        expires_on: now().local_date() + chrono::Duration::days(30),
        purpose: SharePurpose::Treatment,
    }
}

pub fn only(entries: &[RecordId]) -> ShareSelection {
    ShareSelection {
        entries: entries.to_vec(),
        ..ShareSelection::default()
    }
}

pub fn share(device: &mut Device, entries: &[RecordId]) -> tideline_core::Result<ConsentSummary> {
    share::share(
        &mut device.vault,
        &only(entries),
        &terms(),
        now(),
        &SystemRandom::new(),
        Lang::En,
    )
}
