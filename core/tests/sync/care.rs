//! The course of care from the real clinic server: the level of care and weekly target, a step-down
//! and discharge (FHIR EpisodeOfCare), staff's attendance marks with minutes, and a cancellation with
//! its reason, whose reminders are withdrawn.

use chrono::{Duration, NaiveTime, Utc};
use tideline_clinic::access::Caller;
use tideline_clinic::course::{self, LevelChange};
use tideline_core::care::{self, Attendance, LevelOfCare};
use tideline_core::language::Lang;
use tideline_core::program::ProgramSettings;
use tideline_core::record::Record;
use tideline_core::reminder::reminders_between;
use tideline_core::session::{AppointmentStatus, SessionKind};
use tideline_core::settings::ReminderPrefs;
use tideline_core::summary;
use tideline_core::time::Zone;

use crate::support::{now, Clinic, Device};

fn chicago() -> Zone {
    Zone::new("America/Chicago").unwrap()
}

/// The clinic's program id of the fixture's group and the session an appointment belongs to.
fn session_of(clinic: &Clinic, appointment: &str) -> i64 {
    clinic
        .db()
        .query_row(
            "SELECT session_id FROM appointment WHERE id = ?1",
            [appointment.parse::<i64>().unwrap()],
            |row| row.get(0),
        )
        .unwrap()
}

fn program_id(clinic: &Clinic) -> i64 {
    clinic
        .db()
        .query_row("SELECT id FROM program ORDER BY id LIMIT 1", [], |row| {
            row.get(0)
        })
        .unwrap()
}

#[test]
fn level_step_down_discharge_marks_and_cancellations_reach_the_app() {
    let clinic = Clinic::start(false);
    let mut device = Device::new();
    let today = chicago().local_date(Utc::now());
    device
        .vault
        .save(
            None,
            Record::Program(ProgramSettings::new(today, chicago())),
            now(),
        )
        .unwrap();
    device.connect(&clinic);
    let conn = clinic.db();
    let program = program_id(&clinic);
    let level = |level, target, from| LevelChange {
        program_id: program,
        level,
        weekly_target_minutes: target,
        from,
    };
    course::set_level(
        &conn,
        &Caller::Operator,
        clinic.patient_id,
        &level(LevelOfCare::Iop, None, today),
        Utc::now(),
    )
    .unwrap();

    let report = device.sync().expect("the first sync reads the course too");
    assert!(report.care_changed);
    let plan = care::plan(&device.vault, Utc::now(), Lang::En).unwrap();
    assert!(
        plan.set_by_clinic,
        "the clinic's level wins and is read-only"
    );
    assert_eq!(plan.current.level, LevelOfCare::Iop);
    assert_eq!(plan.current.target_text, "9 hours a week");
    let progress = summary::progress(&device.vault, Utc::now(), Lang::En).unwrap();
    assert_eq!(progress.weekly_target_hours, Some(9.0));
    assert!(
        !device.sync().unwrap().care_changed,
        "nothing new at the clinic"
    );

    // Staff mark the first session late by 20 minutes and cancel the second with a reason.
    let sessions = device.clinic_sessions();
    let (first, second) = (sessions[0].0.clone(), sessions[1].0.clone());
    let first_start = sessions[0].2.start.utc;
    let prefs = ReminderPrefs::default();
    let planned = |device: &Device| {
        let all = summary::sessions(&device.vault);
        reminders_between(
            &all,
            &prefs,
            chicago(),
            Utc::now(),
            Utc::now() + Duration::days(60),
        )
    };
    let second_id = device.session(&second).0.to_string();
    assert!(
        planned(&device).iter().any(|r| r.text.contains("appointment")
            && matches!(&r.target, tideline_core::reminder::ReminderTarget::Session { session_id } if *session_id == second_id)),
        "the booked session has its reminders"
    );
    tideline_clinic::appointment::mark_attendance(
        &conn,
        &Caller::Operator,
        first.parse().unwrap(),
        Attendance::Late { minutes: 20 },
        first_start + Duration::hours(3),
    )
    .unwrap();
    tideline_clinic::sessions::cancel(
        &conn,
        &Caller::Operator,
        session_of(&clinic, &second),
        "The facilitator is ill",
        Utc::now(),
    )
    .unwrap();
    device.sync().unwrap();
    let (first_record, marked) = device.session(&first);
    assert_eq!(marked.attendance, Some(Attendance::Late { minutes: 20 }));
    assert_eq!(
        marked.attended_minutes(),
        160,
        "20 late minutes do not count"
    );
    assert_eq!(
        care::status_line(&marked, Lang::En),
        "Attended, 20 minutes late — 2 h 40 min counted"
    );
    assert!(
        care::self_report(
            &mut device.vault,
            first_record,
            Some(Attendance::Attended),
            now()
        )
        .is_err(),
        "the clinic's record of a session wins over the patient's own mark"
    );
    let (_, cancelled) = device.session(&second);
    assert_eq!(cancelled.status, AppointmentStatus::Cancelled);
    assert_eq!(
        care::status_line(&cancelled, Lang::En),
        "Cancelled: The facilitator is ill"
    );
    assert!(
        !planned(&device).iter().any(|r| matches!(&r.target,
            tideline_core::reminder::ReminderTarget::Session { session_id } if *session_id == second_id)),
        "a cancelled session's reminders are withdrawn"
    );

    // Step-down to outpatient care, 6 hours a week, from tomorrow.
    let tomorrow = today + Duration::days(1);
    course::set_level(
        &conn,
        &Caller::Operator,
        clinic.patient_id,
        &level(LevelOfCare::Outpatient, Some(360), tomorrow),
        Utc::now(),
    )
    .unwrap();
    assert!(device.sync().unwrap().care_changed);
    let later = Utc::now() + Duration::days(2);
    let progress = summary::progress(&device.vault, later, Lang::En).unwrap();
    assert_eq!(progress.level, LevelOfCare::Outpatient);
    assert_eq!(progress.weekly_target_hours, Some(6.0));
    assert!(
        progress.week_sentence.ends_with("of 6 hours this week.")
            || progress.week_sentence.contains("6-hour target"),
        "{}",
        progress.week_sentence
    );
    let plan = care::plan(&device.vault, later, Lang::En).unwrap();
    assert_eq!(
        plan.history.len(),
        2,
        "intensive outpatient, then outpatient"
    );

    // Discharge: aftercare, and the 30/60/90-day check-ins on the patient's calendar.
    let discharge_day = today + Duration::days(3);
    course::discharge(
        &conn,
        &Caller::Operator,
        clinic.patient_id,
        discharge_day,
        NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        Utc::now(),
    )
    .unwrap();
    assert!(device.sync().unwrap().care_changed);
    // On the discharge day itself too (the app asks with the current time).
    for at in [Utc::now(), Utc::now() + Duration::days(3)] {
        assert!(care::plan(&device.vault, at, Lang::En).is_some());
        assert!(!care::session_views(&device.vault, at, Lang::En).is_empty());
        assert!(summary::progress(&device.vault, at, Lang::En).is_some());
    }
    let after = Utc::now() + Duration::days(5);
    let plan = care::plan(&device.vault, after, Lang::En).unwrap();
    assert_eq!(plan.current.level, LevelOfCare::Aftercare);
    let days: Vec<i64> = plan
        .check_ins
        .iter()
        .map(|c| (chicago().local_date(c.start.utc) - discharge_day).num_days())
        .collect();
    assert_eq!(
        days,
        vec![30, 60, 90],
        "check-ins 30, 60 and 90 days after discharge"
    );
    let progress = summary::progress(&device.vault, after, Lang::En).unwrap();
    assert_eq!(
        progress.weekly_target_hours, None,
        "aftercare counts no hours"
    );
    assert_eq!(
        progress.next_check_in.as_ref().map(|n| n.kind),
        Some(SessionKind::AftercareCheckIn)
    );
    assert!(progress
        .week_sentence
        .starts_with("Your next check-in is on "));

    // Disconnecting hands the level back to the patient's own settings.
    tideline_core::sync::disconnect(&mut device.vault, Utc::now()).unwrap();
    let plan = care::plan(&device.vault, after, Lang::En).unwrap();
    assert!(!plan.set_by_clinic);
    assert_eq!(plan.current.level, LevelOfCare::Iop);
}
