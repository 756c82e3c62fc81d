//! Nothing the patient writes, and no time of any entry, appears in any file of the data directory.

use std::fs;
use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use tideline_core::contact::{ContactRole, SupportContact};
use tideline_core::craving::{CravingEntry, CravingOutcome, Intensity, PartOfDay, Trigger};
use tideline_core::halt::{HaltCheck, HaltNeed, HaltRating};
use tideline_core::plan::{Meeting, PlannedTrigger, RelapsePlan, TriggerSource};
use tideline_core::record::Record;
use tideline_core::session::{
    AppointmentStatus, ClinicSession, ParticipantResponse, SessionKind, SessionOrigin, Venue,
};
use tideline_core::urge::{SurfStep, SurfVariant, UrgeOutcome, UrgeSample, UrgeSurfSession};
use tideline_core::vault::Vault;

use crate::support::*;

/// One record of every kind with `m(i)` in every free-text field, each field a different marker.
fn every_kind(when: DateTime<Utc>, m: &mut impl FnMut() -> String) -> Vec<Record> {
    let i = |v: u8| Intensity::try_from(v).unwrap();
    let h = |v: u8| HaltRating::try_from(v).unwrap();
    vec![
        Record::Craving(CravingEntry {
            occurred_at: stamp(when),
            situation: Some(m()),
            thoughts_and_feelings: Some(m()),
            intensity: i(8),
            duration_minutes: Some(25),
            coping: Some(m()),
            outcome: CravingOutcome::DidNotUse,
            triggers: vec![
                Trigger::Person { label: m() },
                Trigger::Place { label: m() },
                Trigger::Emotion { label: m() },
                Trigger::Tag { label: m() },
                Trigger::Halt {
                    need: HaltNeed::Tired,
                },
                Trigger::TimeOfDay {
                    part: PartOfDay::Night,
                },
            ],
            notes: Some(m()),
        }),
        Record::Halt(HaltCheck {
            taken_at: stamp(when),
            hungry: h(0),
            angry: h(1),
            lonely: h(3),
            tired: h(2),
            note: Some(m()),
        }),
        Record::Urge(UrgeSurfSession {
            started_at: stamp(when),
            ended_at: stamp(when + Duration::minutes(22)),
            intensity_start: i(6),
            intensity_peak: i(9),
            intensity_end: i(2),
            samples: vec![UrgeSample {
                offset_seconds: 60,
                intensity: i(9),
            }],
            variant: SurfVariant::Wave,
            steps_completed: vec![SurfStep::NoticeAndName, SurfStep::Breathe],
            outcome: UrgeOutcome::RodeItOut,
            notes: Some(m()),
        }),
        Record::Session(ClinicSession {
            title: Some(m()),
            start: stamp(when),
            end: stamp(when + Duration::hours(3)),
            kind: SessionKind::Group,
            venue: Some(Venue::InPerson { place: m() }),
            status: AppointmentStatus::Booked,
            response: ParticipantResponse::Accepted,
            origin: SessionOrigin::Clinic { clinic_id: m() },
            cancel_reason: None,
            attendance: None,
            self_report: None,
        }),
        Record::Session(ClinicSession {
            title: None,
            start: stamp(when),
            end: stamp(when + Duration::hours(1)),
            kind: SessionKind::Individual,
            venue: Some(Venue::Video {
                link: format!("https://video.example/{}", m()),
            }),
            status: AppointmentStatus::Booked,
            response: ParticipantResponse::NeedsAction,
            origin: SessionOrigin::Patient,
            cancel_reason: None,
            attendance: None,
            self_report: None,
        }),
        Record::Contact(SupportContact {
            name: m(),
            role: ContactRole::Sponsor,
            phone: Some("+1 555 0100".to_owned()),
            can_text: true,
            notes: Some(m()),
        }),
        Record::Plan(RelapsePlan {
            triggers: vec![PlannedTrigger {
                source: TriggerSource::External,
                description: m(),
                coping_step: m(),
            }],
            warning_signs: vec![m()],
            contact_ids: vec![],
            places_to_avoid: vec![m()],
            alternative_activities: vec![m()],
            meetings: vec![Meeting {
                name: m(),
                when: Some(m()),
                place: Some(m()),
            }],
            after_a_lapse: vec![m()],
            last_reviewed: None,
        }),
    ]
}

fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push((path.display().to_string(), fs::read(&path).unwrap()));
        }
    }
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn no_patient_text_or_entry_time_is_on_disk_in_any_file() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    let when: DateTime<Utc> = "2026-10-14T23:47:13Z".parse().unwrap();
    let mut n = 0;
    let mut markers = Vec::new();
    let mut next = || {
        n += 1;
        let m = format!("QZXMARK{n:03}");
        markers.push(m.clone());
        m
    };
    let records = every_kind(when, &mut next);
    // Saved one by one (the WAL holds them) and checked both before and after a checkpoint.
    let mut ids = Vec::new();
    for r in records {
        ids.push(vault.save(None, r, stamp(when)).unwrap().id);
    }
    assert!(
        markers.len() >= 25,
        "every text field carries a marker ({} placed)",
        markers.len()
    );
    let mut needles: Vec<Vec<u8>> = markers.iter().map(|m| m.as_bytes().to_vec()).collect();
    needles.push(b"QZXMARK".to_vec());
    // The entry's time in every form it could leak as: ISO text, Unix seconds as text and as bytes.
    needles.push(b"2026-10-14".to_vec());
    needles.push(b"23:47:13".to_vec());
    let secs = when.timestamp();
    needles.push(secs.to_string().into_bytes());
    needles.push(secs.to_le_bytes().to_vec());
    needles.push(secs.to_be_bytes().to_vec());
    needles.push(b"America/New_York".to_vec());

    let scan = |stage: &str| {
        let files = files_under(dir.path());
        assert!(!files.is_empty());
        for (name, bytes) in &files {
            for needle in &needles {
                assert!(
                    !contains(bytes, needle),
                    "{stage}: {name} contains {:?}",
                    String::from_utf8_lossy(needle)
                );
            }
        }
        files.len()
    };
    let live = scan("while unlocked, with the WAL");
    assert!(live >= 2, "the WAL was part of the scan");
    // Edit and delete: old versions must not linger either.
    vault.delete(&ids[0], when).unwrap();
    scan("after a delete");
    drop(vault);
    scan("after closing");
    let (vault, report) = Vault::unlock(dir.path(), PASS, t0()).unwrap();
    assert!(
        report.damaged.is_empty(),
        "every kind of record round-trips: {report:?}"
    );
    assert_eq!(report.records as usize, ids.len() - 1);
    drop(vault);
}

#[test]
fn a_deleted_entrys_ciphertext_is_gone_from_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    let r = vault
        .save(None, craving("to be deleted", 5, t0()), stamp(t0()))
        .unwrap();
    let conn = rusqlite::Connection::open(tideline_core::vault::vault_file(dir.path())).unwrap();
    let sealed: Vec<u8> = conn
        .query_row("SELECT sealed FROM records", [], |row| row.get(0))
        .unwrap();
    drop(conn);
    vault.delete(&r.id, t0()).unwrap();
    // Any 32-byte window of the ciphertext would be evidence that it survived.
    let probe = &sealed[40..72];
    for (name, bytes) in files_under(dir.path()) {
        assert!(
            !contains(&bytes, probe),
            "{name} still holds the deleted ciphertext"
        );
        assert!(
            !contains(&bytes, &r.id.as_bytes()[..]),
            "{name} still holds the deleted record's id"
        );
    }
}
