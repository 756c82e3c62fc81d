//! The JSON of every domain type is what the UI receives over IPC and what the vault seals. These
//! tests pin it: a change here breaks stored vaults and the UI, so it must be deliberate.

use chrono::{NaiveDate, NaiveTime};
use serde_json::{json, Value};
use tideline_core::contact::{ContactRole, SupportContact};
use tideline_core::craving::{CravingOutcome, PartOfDay, Trigger};
use tideline_core::halt::{HaltCheck, HaltNeed, HaltRating};
use tideline_core::plan::{Meeting, PlannedTrigger, RelapsePlan, TriggerSource};
use tideline_core::program::ProgramSettings;
use tideline_core::session::{
    AppointmentStatus, ClinicSession, ParticipantResponse, SessionOrigin, Venue,
};
use tideline_core::settings::{NotificationDetail, QuietHours, Settings, Theme};
use tideline_core::urge::{SurfStep, SurfVariant, UrgeOutcome, UrgeSample, UrgeSurfSession};
use tideline_wire::care::{Attendance, LevelOfCare};

use crate::fixtures::{craving, intensity, session_at, stamp, utc, zone};

/// Serializes `value`, compares with `expected`, and checks the JSON reads back to the same value.
fn assert_shape<T>(value: &T, expected: Value)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let actual = serde_json::to_value(value).expect("domain values always serialize");
    assert_eq!(
        actual, expected,
        "the JSON shape changed; stored vaults and the UI depend on it"
    );
    let back: T = serde_json::from_value(expected).expect("the pinned JSON must deserialize");
    assert_eq!(
        &back, value,
        "the pinned JSON must read back to the same value"
    );
}

fn rating(v: u8) -> HaltRating {
    HaltRating::try_from(v).unwrap()
}

#[test]
fn stamp_is_utc_text_plus_zone_name() {
    assert_shape(
        &stamp("2026-03-08T06:30:00Z", "America/New_York"),
        json!({"utc": "2026-03-08T06:30:00Z", "zone": "America/New_York"}),
    );
}

#[test]
fn craving_entry_shape() {
    let mut entry = craving("2026-01-10T23:15:00Z", 7);
    entry.situation = Some("s".into());
    entry.thoughts_and_feelings = Some("t".into());
    entry.duration_minutes = Some(20);
    entry.coping = Some("c".into());
    entry.outcome = CravingOutcome::DidNotUse;
    entry.triggers = vec![
        Trigger::Halt {
            need: HaltNeed::Tired,
        },
        Trigger::Person { label: "p".into() },
        Trigger::Place { label: "pl".into() },
        Trigger::Emotion { label: "e".into() },
        Trigger::TimeOfDay {
            part: PartOfDay::Evening,
        },
        Trigger::Tag { label: "g".into() },
    ];
    entry.notes = Some("n".into());
    assert_shape(
        &entry,
        json!({
            "occurredAt": {"utc": "2026-01-10T23:15:00Z", "zone": "America/New_York"},
            "situation": "s",
            "thoughtsAndFeelings": "t",
            "intensity": 7,
            "durationMinutes": 20,
            "coping": "c",
            "outcome": "didNotUse",
            "triggers": [
                {"kind": "halt", "need": "tired"},
                {"kind": "person", "label": "p"},
                {"kind": "place", "label": "pl"},
                {"kind": "emotion", "label": "e"},
                {"kind": "timeOfDay", "part": "evening"},
                {"kind": "tag", "label": "g"}
            ],
            "notes": "n"
        }),
    );
}

#[test]
fn craving_outcomes_are_camel_case() {
    for (o, s) in [
        (CravingOutcome::NotYetRecorded, "notYetRecorded"),
        (CravingOutcome::DidNotUse, "didNotUse"),
        (CravingOutcome::Used, "used"),
    ] {
        assert_eq!(serde_json::to_value(o).unwrap(), json!(s));
    }
}

#[test]
fn halt_check_shape() {
    let check = HaltCheck {
        taken_at: stamp("2026-01-10T12:00:00Z", "Europe/London"),
        hungry: rating(0),
        angry: rating(1),
        lonely: rating(2),
        tired: rating(3),
        note: None,
    };
    assert_shape(
        &check,
        json!({
            "takenAt": {"utc": "2026-01-10T12:00:00Z", "zone": "Europe/London"},
            "hungry": 0, "angry": 1, "lonely": 2, "tired": 3, "note": null
        }),
    );
}

#[test]
fn urge_surf_session_shape() {
    let urge = UrgeSurfSession {
        started_at: stamp("2026-01-10T20:00:00Z", "Asia/Kolkata"),
        ended_at: stamp("2026-01-10T20:25:30Z", "Asia/Kolkata"),
        intensity_start: intensity(6),
        intensity_peak: intensity(9),
        intensity_end: intensity(2),
        samples: vec![UrgeSample {
            offset_seconds: 300,
            intensity: intensity(9),
        }],
        variant: SurfVariant::Sober,
        steps_completed: vec![SurfStep::Stop, SurfStep::ExpandAwareness],
        outcome: UrgeOutcome::RodeItOut,
        notes: Some("n".into()),
    };
    assert_shape(
        &urge,
        json!({
            "startedAt": {"utc": "2026-01-10T20:00:00Z", "zone": "Asia/Kolkata"},
            "endedAt": {"utc": "2026-01-10T20:25:30Z", "zone": "Asia/Kolkata"},
            "intensityStart": 6, "intensityPeak": 9, "intensityEnd": 2,
            "samples": [{"offsetSeconds": 300, "intensity": 9}],
            "variant": "sober",
            "stepsCompleted": ["stop", "expandAwareness"],
            "outcome": "rodeItOut",
            "notes": "n"
        }),
    );
}

#[test]
fn clinic_session_shape() {
    let mut s = session_at(utc("2026-01-12T23:00:00Z"), 3);
    s.title = Some("Evening group".into());
    s.venue = Some(Venue::Video {
        link: "https://v.example/x".into(),
    });
    s.origin = SessionOrigin::Clinic {
        clinic_id: "appt-17".into(),
    };
    s.response = ParticipantResponse::Accepted;
    assert_shape(
        &s,
        json!({
            "title": "Evening group",
            "start": {"utc": "2026-01-12T23:00:00Z", "zone": "America/New_York"},
            "end": {"utc": "2026-01-13T02:00:00Z", "zone": "America/New_York"},
            "kind": "group",
            "venue": {"kind": "video", "link": "https://v.example/x"},
            "status": "booked",
            "response": "accepted",
            "origin": {"kind": "clinic", "clinicId": "appt-17"},
            "cancelReason": null,
            "attendance": null,
            "selfReport": null
        }),
    );
    // A session sealed before the clinic's marks existed still opens, with nothing marked.
    let old: ClinicSession = serde_json::from_value(json!({
        "title": "Evening group",
        "start": {"utc": "2026-01-12T23:00:00Z", "zone": "America/New_York"},
        "end": {"utc": "2026-01-13T02:00:00Z", "zone": "America/New_York"},
        "kind": "group",
        "venue": {"kind": "video", "link": "https://v.example/x"},
        "status": "booked",
        "response": "accepted",
        "origin": {"kind": "clinic", "clinicId": "appt-17"}
    }))
    .expect("a session in the old shape loads");
    assert_eq!(old, s);
    s.attendance = Some(Attendance::Late { minutes: 20 });
    s.self_report = Some(Attendance::Attended);
    s.status = AppointmentStatus::Fulfilled;
    let marked = serde_json::to_value(&s).unwrap();
    assert_eq!(marked["attendance"], json!({"mark": "late", "minutes": 20}));
    assert_eq!(marked["selfReport"], json!({"mark": "attended"}));
    let in_person = Venue::InPerson {
        place: "Room 4".into(),
    };
    assert_eq!(
        serde_json::to_value(in_person).unwrap(),
        json!({"kind": "inPerson", "place": "Room 4"})
    );
    assert_eq!(
        serde_json::to_value(SessionOrigin::Patient).unwrap(),
        json!({"kind": "patient"})
    );
}

#[test]
fn appointment_status_uses_exactly_the_fhir_codes() {
    use AppointmentStatus::*;
    let codes = [
        (Proposed, "proposed"),
        (Pending, "pending"),
        (Booked, "booked"),
        (Arrived, "arrived"),
        (Fulfilled, "fulfilled"),
        (Cancelled, "cancelled"),
        (Noshow, "noshow"),
        (EnteredInError, "entered-in-error"),
        (CheckedIn, "checked-in"),
        (Waitlist, "waitlist"),
    ];
    for (status, code) in codes {
        assert_eq!(
            serde_json::to_value(status).unwrap(),
            json!(code),
            "FHIR R4 Appointment.status code"
        );
        assert_eq!(
            serde_json::from_value::<AppointmentStatus>(json!(code)).unwrap(),
            status
        );
    }
    use ParticipantResponse::*;
    for (r, code) in [
        (Accepted, "accepted"),
        (Declined, "declined"),
        (Tentative, "tentative"),
        (NeedsAction, "needs-action"),
    ] {
        assert_eq!(
            serde_json::to_value(r).unwrap(),
            json!(code),
            "FHIR participant status code"
        );
    }
}

#[test]
fn support_contact_shape() {
    let c = SupportContact {
        name: "Sam".into(),
        role: ContactRole::Sponsor,
        phone: Some("+1 555 0100".into()),
        can_text: true,
        notes: None,
    };
    assert_shape(
        &c,
        json!({"name": "Sam", "role": "sponsor", "phone": "+1 555 0100", "canText": true, "notes": null}),
    );
}

#[test]
fn relapse_plan_shape() {
    let plan = RelapsePlan {
        triggers: vec![
            PlannedTrigger {
                source: TriggerSource::Halt {
                    need: HaltNeed::Lonely,
                },
                description: "d".into(),
                coping_step: "c".into(),
            },
            PlannedTrigger {
                source: TriggerSource::External,
                description: "d2".into(),
                coping_step: "c2".into(),
            },
        ],
        warning_signs: vec!["w".into()],
        contact_ids: vec!["00112233445566778899aabbccddeeff".into()],
        places_to_avoid: vec!["p".into()],
        alternative_activities: vec!["a".into()],
        meetings: vec![Meeting {
            name: "m".into(),
            when: Some("Tue 7pm".into()),
            place: None,
        }],
        after_a_lapse: vec!["call Sam".into()],
        last_reviewed: Some(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()),
    };
    assert_shape(
        &plan,
        json!({
            "triggers": [
                {"source": {"kind": "halt", "need": "lonely"}, "description": "d", "copingStep": "c"},
                {"source": {"kind": "external"}, "description": "d2", "copingStep": "c2"}
            ],
            "warningSigns": ["w"],
            "contactIds": ["00112233445566778899aabbccddeeff"],
            "placesToAvoid": ["p"],
            "alternativeActivities": ["a"],
            "meetings": [{"name": "m", "when": "Tue 7pm", "place": null}],
            "afterALapse": ["call Sam"],
            "lastReviewed": "2026-01-05"
        }),
    );
}

#[test]
fn program_settings_shape() {
    let p = ProgramSettings::new(
        NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        zone("America/New_York"),
    );
    assert_shape(
        &p,
        json!({"startDate": "2026-01-05", "zone": "America/New_York", "level": "iop",
            "weeklyTargetMinutes": null}),
    );
    // Programs sealed before levels of care had a goal in hours, always 9 from the app.
    let old: ProgramSettings = serde_json::from_value(
        json!({"startDate": "2026-01-05", "zone": "America/New_York", "weeklyGoalHours": 9.0}),
    )
    .expect("a program in the old shape loads");
    assert_eq!(old, p, "an old 9-hour goal is intensive outpatient care");
    let read = |hours: f64| -> (LevelOfCare, Option<u32>) {
        let p: ProgramSettings = serde_json::from_value(
            json!({"startDate": "2026-01-05", "zone": "UTC", "weeklyGoalHours": hours}),
        )
        .unwrap();
        assert!(p.validate().is_ok(), "a migrated program is valid");
        (p.level, p.weekly_target_minutes)
    };
    assert_eq!(read(6.0), (LevelOfCare::IopAdolescent, None));
    assert_eq!(read(4.5), (LevelOfCare::Outpatient, Some(270)));
    assert_eq!(read(20.0), (LevelOfCare::PartialHospitalization, None));
    assert_eq!(read(12.0), (LevelOfCare::Iop, Some(720)));
}

#[test]
fn settings_shape_and_defaults() {
    assert_shape(
        &Settings::default(),
        json!({
            "autoLockMinutes": 5,
            "reminders": {
                "leadMinutes": [1440, 60],
                "quietHours": null,
                "dailyCheckIn": null,
                "notificationDetail": "discreet"
            },
            "keepRunningInTray": true,
            "startAtLogin": false,
            "theme": "system"
        }),
    );
    let mut s = Settings::default();
    s.reminders.quiet_hours = Some(QuietHours {
        start: NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
        end: NaiveTime::from_hms_opt(7, 30, 0).unwrap(),
    });
    s.reminders.daily_check_in = Some(NaiveTime::from_hms_opt(20, 0, 0).unwrap());
    s.reminders.notification_detail = NotificationDetail::Detailed;
    s.theme = Theme::Dark;
    let v = serde_json::to_value(&s).unwrap();
    assert_eq!(
        v["reminders"]["quietHours"],
        json!({"start": "22:00:00", "end": "07:30:00"})
    );
    assert_eq!(v["reminders"]["dailyCheckIn"], json!("20:00:00"));
    assert_eq!(v["reminders"]["notificationDetail"], json!("detailed"));
    assert_eq!(v["theme"], json!("dark"));
}

#[test]
fn settings_missing_fields_take_defaults_so_older_vaults_open() {
    let s: Settings = serde_json::from_value(json!({"autoLockMinutes": 10})).unwrap();
    assert_eq!(s.auto_lock_minutes, 10);
    assert_eq!(s.reminders, Settings::default().reminders);
    assert!(s.keep_running_in_tray);
}

#[test]
fn out_of_range_numbers_and_unknown_zones_are_refused_when_reading_json() {
    assert!(serde_json::from_value::<tideline_core::craving::Intensity>(json!(11)).is_err());
    assert!(serde_json::from_value::<HaltRating>(json!(4)).is_err());
    assert!(serde_json::from_value::<tideline_core::time::Zone>(json!("Mars/Olympus")).is_err());
}

/// The list the window's known codes are generated from holds every code once, in its place.
#[test]
fn every_error_code_is_listed_once_in_its_place() {
    use tideline_core::ErrorCode;
    for (i, code) in ErrorCode::ALL.iter().enumerate() {
        assert_eq!(code.position(), i, "{code:?}");
    }
    let spelled: std::collections::HashSet<String> = ErrorCode::ALL
        .iter()
        .map(|c| serde_json::to_string(c).unwrap())
        .collect();
    assert_eq!(spelled.len(), ErrorCode::ALL.len());
    assert!(spelled.contains("\"device_refused\""));
}
