//! `StoredRecord::from_json`, the parser unlocking uses for every record, gives exactly what serde's
//! derived parser gives: on a record of each kind the UI writes and the app keeps, on the stored
//! shapes of earlier versions, and on thousands of mutations of them (the same record, or an error
//! from both), wherever the text is valid JSON or the derived parser takes it.

use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::json;
use tideline_core::app_state::{Draft, DraftScreen, StoredDraft};
use tideline_core::contact::{ContactRole, SupportContact};
use tideline_core::craving::{CravingOutcome, PartOfDay, Trigger};
use tideline_core::halt::{HaltCheck, HaltNeed, HaltRating};
use tideline_core::plan::{Meeting, PlannedTrigger, RelapsePlan, TriggerSource};
use tideline_core::program::ProgramSettings;
use tideline_core::record::{Record, RecordId, StoredRecord};
use tideline_core::session::Venue;
use tideline_core::settings::Settings;
use tideline_core::urge::{SurfStep, SurfVariant, UrgeOutcome, UrgeSample, UrgeSurfSession};

use crate::fixtures::{craving, intensity, session_at, stamp, utc, zone};

fn stored(n: u8, record: Record) -> StoredRecord {
    StoredRecord {
        id: format!("{n:02x}").repeat(16).parse::<RecordId>().unwrap(),
        created: stamp("2026-03-01T09:15:00Z", "America/New_York"),
        updated: stamp("2026-03-02T21:40:07.123456789Z", "Europe/Madrid"),
        record,
    }
}

/// One record of each kind that can be built from outside the crate, with text that needs escapes.
fn samples() -> Vec<String> {
    let mut c = craving("2026-03-01T23:05:00Z", 8);
    c.situation = Some("At \"the\" bar\\back door\nwith Ana — ¿otra vez? 🙂".to_owned());
    c.coping = Some("called my sponsor".to_owned());
    c.outcome = CravingOutcome::DidNotUse;
    c.duration_minutes = Some(25);
    c.triggers = vec![
        Trigger::Person {
            label: "brother".to_owned(),
        },
        Trigger::Halt {
            need: HaltNeed::Tired,
        },
        Trigger::TimeOfDay {
            part: PartOfDay::Night,
        },
    ];
    let mut session = session_at(utc("2026-03-03T22:00:00Z"), 3);
    session.title = Some("Evening group".to_owned());
    session.venue = Some(Venue::InPerson {
        place: "Room 2".to_owned(),
    });
    let records = vec![
        Record::Craving(c),
        Record::Halt(HaltCheck {
            taken_at: stamp("2026-03-01T12:00:00Z", "America/Chicago"),
            hungry: HaltRating::try_from(0).unwrap(),
            angry: HaltRating::try_from(1).unwrap(),
            lonely: HaltRating::try_from(3).unwrap(),
            tired: HaltRating::try_from(2).unwrap(),
            note: None,
        }),
        Record::Urge(UrgeSurfSession {
            started_at: stamp("2026-03-01T20:00:00Z", "UTC"),
            ended_at: stamp("2026-03-01T20:22:00Z", "UTC"),
            intensity_start: intensity(6),
            intensity_peak: intensity(9),
            intensity_end: intensity(2),
            samples: vec![UrgeSample {
                offset_seconds: 60,
                intensity: intensity(9),
            }],
            variant: SurfVariant::Wave,
            steps_completed: vec![SurfStep::NoticeAndName, SurfStep::Breathe],
            outcome: UrgeOutcome::RodeItOut,
            notes: Some("it passed".to_owned()),
        }),
        Record::Session(session),
        Record::Contact(SupportContact {
            name: "Dana".to_owned(),
            role: ContactRole::Sponsor,
            phone: Some("+1 555 0100".to_owned()),
            can_text: true,
            notes: None,
        }),
        Record::Plan(RelapsePlan {
            triggers: vec![PlannedTrigger {
                source: TriggerSource::External,
                description: "payday".to_owned(),
                coping_step: "leave the card at home".to_owned(),
            }],
            meetings: vec![Meeting {
                name: "Tuesday NA".to_owned(),
                when: None,
                place: Some("church hall".to_owned()),
            }],
            ..RelapsePlan::default()
        }),
        Record::Program(ProgramSettings::new(
            NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            zone("America/New_York"),
        )),
        Record::Settings(Settings::default()),
        Record::Draft(StoredDraft {
            draft: Draft {
                screen: DraftScreen::Cravings,
                body: "{\"situation\":\"half written\"}".to_owned(),
            },
            kept_at: utc("2026-03-01T23:06:00Z"),
        }),
    ];
    let mut out: Vec<String> = records
        .into_iter()
        .enumerate()
        .map(|(i, r)| serde_json::to_string(&stored(i as u8, r)).unwrap())
        .collect();
    // The program as versions before issue 10 stored it, and keys in another order.
    out.push(
        json!({"record": {"weeklyGoalHours": 9, "zone": "America/New_York",
            "startDate": "2026-01-05", "type": "program"},
            "updated": {"zone": "UTC", "utc": "2026-01-05T10:00:00Z"},
            "created": {"utc": "2026-01-05T10:00:00Z", "zone": "UTC"},
            "id": "0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a"})
        .to_string(),
    );
    out
}

fn derived(json: &[u8]) -> Option<StoredRecord> {
    serde_json::from_slice(json).ok()
}

#[test]
fn every_sample_reads_the_same_both_ways() {
    let samples = samples();
    assert!(samples.len() >= 10);
    for json in &samples {
        let fast = StoredRecord::from_json(json.as_bytes())
            .unwrap_or_else(|e| panic!("{json} did not parse: {e}"));
        assert_eq!(Some(fast), derived(json.as_bytes()), "{json}");
    }
}

#[test]
fn a_record_without_a_known_type_is_refused_both_ways() {
    let base = &samples()[0];
    for broken in [
        base.replace("\"type\":\"craving\",", ""),
        base.replace("\"type\":\"craving\"", "\"type\":\"diary\""),
        base.replace(
            "\"type\":\"craving\"",
            "\"type\":\"craving\",\"type\":\"halt\"",
        ),
        base.replace("\"record\":{", "\"record\":[{")
            .replace("}}", "}]}"),
    ] {
        assert_ne!(&broken, base);
        assert!(
            StoredRecord::from_json(broken.as_bytes()).is_err(),
            "{broken}"
        );
        assert!(derived(broken.as_bytes()).is_none(), "{broken}");
    }
}

/// Bytes JSON gives meaning to, and a few others.
const ALPHABET: &[u8] = b"{}[]\",:0123456789.-eEtruefalsn \\/u\x00\xff";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// Replacing, inserting or removing bytes anywhere: both parsers accept the same records, or
    /// refuse.
    #[test]
    fn mutations_read_the_same_both_ways(
        which in 0usize..10,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..3,
            prop::sample::select(ALPHABET)), 1..4),
    ) {
        let samples = samples();
        let mut bytes = samples[which % samples.len()].clone().into_bytes();
        for (at, op, byte) in edits {
            let i = at.index(bytes.len().max(1)).min(bytes.len().saturating_sub(1));
            match op {
                0 if !bytes.is_empty() => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                _ if !bytes.is_empty() => {
                    bytes.remove(i);
                }
                _ => {}
            }
        }
        let fast = StoredRecord::from_json(&bytes).ok();
        let derived = derived(&bytes);
        // The one documented difference (see from_json): on text that is not valid JSON, a bad
        // value under a key the kind does not have is skipped rather than refused.
        let valid_json = serde_json::from_slice::<serde_json::Value>(&bytes).is_ok();
        if valid_json || derived.is_some() {
            prop_assert_eq!(fast, derived, "{}", String::from_utf8_lossy(&bytes));
        }
    }
}

/// The case proptest found (CI, 506c5cb): a byte that is not UTF-8 inside a value under a key the
/// kind does not have. Both parsers now refuse it.
#[test]
fn text_that_is_not_utf8_is_refused_both_ways() {
    let mut bytes = samples()[0].clone().into_bytes();
    let at = bytes
        .windows(11)
        .position(|w| w == b"\"situation\"")
        .unwrap();
    bytes[at + 1] = b'{';
    bytes[at + 14] = 0xff;
    assert!(derived(&bytes).is_none());
    assert!(StoredRecord::from_json(&bytes).is_err());
}
