//! Craving entries, urge-surfing sessions, contacts and the plan: validation refuses bad values
//! instead of clamping them, and search sees every piece of free text.

use chrono::Duration;
use tideline_core::contact::{ContactRole, SupportContact};
use tideline_core::craving::{Intensity, Trigger, MAX_CRAVING_MINUTES, TEXT_MAX_CHARS};
use tideline_core::halt::HaltNeed;
use tideline_core::plan::{PlannedTrigger, RelapsePlan, TriggerSource};
use tideline_core::urge::{SurfStep, SurfVariant, UrgeOutcome, UrgeSample, UrgeSurfSession};

use crate::fixtures::{craving, intensity, stamp};

#[test]
fn intensity_is_0_to_10_and_never_clamped() {
    assert!(Intensity::try_from(10).is_ok());
    let err = Intensity::try_from(11).unwrap_err();
    assert_eq!(
        (err.field, err.reason),
        ("intensity", "must be between 0 and 10")
    );
}

#[test]
fn a_craving_needs_only_time_and_intensity() {
    assert!(craving("2026-01-10T23:15:00Z", 0).validate().is_ok());
}

#[test]
fn craving_limits_are_enforced_and_errors_carry_no_patient_text() {
    let mut c = craving("2026-01-10T23:15:00Z", 5);
    c.duration_minutes = Some(MAX_CRAVING_MINUTES + 1);
    assert_eq!(c.validate().unwrap_err().field, "durationMinutes");
    c.duration_minutes = Some(0);
    assert!(c.validate().is_err(), "a craving lasts at least a minute");
    c.duration_minutes = Some(30);
    let secret = "SECRET".repeat(TEXT_MAX_CHARS);
    c.notes = Some(secret);
    let err = c.validate().unwrap_err();
    assert_eq!(err.field, "notes");
    assert!(
        !err.to_string().contains("SECRET"),
        "errors never repeat what the patient wrote"
    );
    c.notes = None;
    c.triggers = vec![Trigger::Tag {
        label: "   ".into(),
    }];
    assert_eq!(c.validate().unwrap_err().field, "triggers");
}

#[test]
fn text_fields_lists_every_piece_of_free_text() {
    let mut c = craving("2026-01-10T23:15:00Z", 5);
    c.situation = Some("a".into());
    c.thoughts_and_feelings = Some("b".into());
    c.coping = Some("c".into());
    c.notes = Some("d".into());
    c.triggers = vec![
        Trigger::Halt {
            need: HaltNeed::Angry,
        },
        Trigger::Place { label: "e".into() },
    ];
    assert_eq!(c.text_fields(), ["a", "b", "c", "d", "e"]);
    assert_eq!(c.occurred_at(), c.occurred_at);
}

fn urge() -> UrgeSurfSession {
    UrgeSurfSession {
        started_at: stamp("2026-01-10T20:00:00Z", "Europe/London"),
        ended_at: stamp("2026-01-10T20:37:00Z", "Europe/London"),
        intensity_start: intensity(5),
        intensity_peak: intensity(8),
        intensity_end: intensity(2),
        samples: vec![
            UrgeSample {
                offset_seconds: 60,
                intensity: intensity(7),
            },
            UrgeSample {
                offset_seconds: 600,
                intensity: intensity(8),
            },
        ],
        variant: SurfVariant::Wave,
        steps_completed: vec![SurfStep::NoticeAndName, SurfStep::Breathe],
        outcome: UrgeOutcome::RodeItOut,
        notes: None,
    }
}

#[test]
fn urge_duration_is_measured_not_assumed() {
    let u = urge();
    assert!(u.validate().is_ok());
    assert_eq!(u.duration(), Duration::minutes(37));
    assert_eq!(u.drop_from_peak(), 6);
}

#[test]
fn urge_rules_between_fields() {
    let mut u = urge();
    u.ended_at = stamp("2026-01-10T19:59:00Z", "Europe/London");
    assert_eq!(u.validate().unwrap_err().field, "endedAt");
    let mut u = urge();
    u.intensity_peak = intensity(4);
    assert_eq!(
        u.validate().unwrap_err().field,
        "intensityPeak",
        "peak below start"
    );
    let mut u = urge();
    u.samples.reverse();
    assert_eq!(
        u.validate().unwrap_err().field,
        "samples",
        "samples out of order"
    );
    let mut u = urge();
    u.samples.push(UrgeSample {
        offset_seconds: 3600,
        intensity: intensity(1),
    });
    assert_eq!(
        u.validate().unwrap_err().field,
        "samples",
        "a sample after the end"
    );
    let mut u = urge();
    u.steps_completed.push(SurfStep::ExpandAwareness);
    assert_eq!(
        u.validate().unwrap_err().field,
        "stepsCompleted",
        "a S.O.B.E.R. step in a wave session"
    );
    let mut u = urge();
    u.variant = SurfVariant::Sober;
    u.steps_completed = SurfVariant::Sober.steps().to_vec();
    assert!(u.validate().is_ok());
}

#[test]
fn contact_phone_numbers_are_dialable_characters_only() {
    let mut c = SupportContact {
        name: "Sam".into(),
        role: ContactRole::Peer,
        phone: Some("+1 (555) 010-0100".into()),
        can_text: true,
        notes: None,
    };
    assert!(c.validate().is_ok());
    c.phone = Some("javascript:alert(1)".into());
    assert_eq!(c.validate().unwrap_err().field, "phone");
    c.phone = None;
    c.name = " ".into();
    assert_eq!(c.validate().unwrap_err().field, "name");
}

#[test]
fn plan_needs_a_coping_step_per_trigger_and_real_contact_ids() {
    let mut plan = RelapsePlan {
        triggers: vec![PlannedTrigger {
            source: TriggerSource::Internal,
            description: "boredom".into(),
            coping_step: "call Sam".into(),
        }],
        after_a_lapse: vec!["Tell my counselor; it is a step, not a failure.".into()],
        ..RelapsePlan::default()
    };
    assert!(plan.validate().is_ok());
    assert!(plan.text_fields().contains(&"call Sam"));
    plan.triggers[0].coping_step = String::new();
    assert_eq!(plan.validate().unwrap_err().field, "triggers");
    plan.triggers.clear();
    plan.contact_ids = vec!["not-an-id".into()];
    assert_eq!(plan.validate().unwrap_err().field, "contactIds");
}
