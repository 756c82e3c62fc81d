//! A clinic's week, end to end, with the real clinic server and the real app: staff create a program
//! and a series and enroll a patient; the app connects with the code and answers "I'll be there";
//! the roster shows the answer; staff mark the patient 20 minutes late and the app shows the session
//! attended with 2 h 40 min counted; staff step the patient down and the weekly target changes in the
//! app and at the clinic; discharge; the 30/60/90-day check-ins appear in the app. Home, Sessions and
//! the clinic-set Settings are checked with axe at 1280 and 768 px in light and dark after the
//! step-down and in aftercare; screenshots go to artifacts/e2e-care/.
//!
//! The staff's side goes through the clinic's JSON endpoints (the same domain functions the portal's
//! forms call), with an administrator's token.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Datelike, NaiveDate, Utc};
use fantoccini::Client;
use serde_json::{json, Value};
use tideline_e2e::*;

use crate::clinic::{clinic_cli, connect, Server, STAFF_PASSWORD};
use crate::journey::first_run;

const ADMIN: &str = "lee@harbor.example";

/// An administrator at the clinic, through the JSON endpoints.
struct Admin {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Admin {
    async fn sign_in(base: &str) -> Self {
        let http = reqwest::Client::new();
        let reply: Value = http
            .post(format!("{base}/staff/sign-in"))
            .json(&json!({ "email": ADMIN, "password": STAFF_PASSWORD }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let token = reply["token"].as_str().expect("the administrator signs in");
        Self {
            http,
            base: base.to_owned(),
            token: token.to_owned(),
        }
    }

    async fn post(&self, path: &str, body: Value) -> Value {
        let reply = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = reply.status();
        let text = reply.text().await.unwrap();
        assert!(status.is_success(), "POST {path}: {status} {text}");
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }

    async fn get(&self, path: &str) -> Value {
        let reply = self
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap();
        let status = reply.status();
        let text = reply.text().await.unwrap();
        assert!(status.is_success(), "GET {path}: {status} {text}");
        serde_json::from_str(&text).unwrap()
    }
}

fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../artifacts/e2e-care");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// axe-core's violations on the app's current screen (WCAG 2.0-2.2 A/AA and best practice), judged
/// from the top of the page, as the UI's browser tests do.
async fn axe(c: &Client) -> Vec<String> {
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/node_modules/axe-core/axe.min.js"),
    )
    .expect("axe-core is installed (cd ui && npm ci)");
    let run = async {
        let has: Value = c
            .execute("return typeof window.axe !== 'undefined';", vec![])
            .await
            .unwrap();
        if has != json!(true) {
            c.execute(&format!("{source}\nreturn true;"), vec![])
                .await
                .unwrap();
        }
        // Started in the page and polled: a long-running script call is not left waiting on the
        // driver.
        c.execute(
            "window.__axe = null; window.scrollTo(0, 0);\
             window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa',\
             'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }, resultTypes: ['violations'] })\
             .then(r => { window.__axe = r.violations.map(v => v.id + ': ' + v.nodes.slice(0, 3)\
             .map(n => n.target.join(' ')).join(', ')); },\
             e => { window.__axe = ['axe failed: ' + e]; }); return true;",
            vec![],
        )
        .await
        .unwrap();
        loop {
            let found = c.execute("return window.__axe;", vec![]).await.unwrap();
            if !found.is_null() {
                return serde_json::from_value::<Vec<String>>(found).unwrap();
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(90), run)
        .await
        .expect("axe-core finishes within 90 s")
}

/// axe finds nothing, then a screenshot.
async fn check(c: &Client, name: &str) {
    tokio::time::sleep(Duration::from_millis(300)).await;
    eprintln!("care e2e: axe on {name}");
    let violations = axe(c).await;
    assert!(
        violations.is_empty(),
        "{name}: axe-core found {violations:?}"
    );
    let png = c.screenshot().await.unwrap();
    std::fs::write(artifacts().join(format!("{name}.png")), png).unwrap();
}

/// Chooses the theme in Settings.
async fn theme(c: &Client, theme: &str) {
    click_button(c, "Settings").await;
    set_value(c, "#s-theme", theme).await;
    click_button(c, "Save settings").await;
    wait_for_text(c, "Settings saved.", 10).await;
}

/// Home, Sessions and Settings as they stand, with axe at 1280 and 768 px, light and dark. (A
/// window resize under WebKitWebDriver takes up to a minute here, so widths are the outer loop.)
async fn check_everywhere(c: &Client, stage: &str) {
    for width in [1280u32, 768] {
        if width != 1280 {
            c.set_window_size(width, 800).await.unwrap();
        }
        for shade in ["light", "dark"] {
            theme(c, shade).await;
            click_button(c, "Home").await;
            find(c, "#week-sentence").await;
            check(c, &format!("{stage}-home-{width}-{shade}")).await;
            click_button(c, "Sessions").await;
            wait_for_text(c, "Upcoming", 10).await;
            check(c, &format!("{stage}-sessions-{width}-{shade}")).await;
            click_button(c, "Settings").await;
            wait_for_text(c, "Level of care (set by your clinic)", 10).await;
            check(c, &format!("{stage}-settings-{width}-{shade}")).await;
        }
    }
    c.set_window_size(1280, 800).await.unwrap();
    theme(c, "light").await;
}

/// A screenshot of the current screen, for the record.
async fn shot(c: &Client, name: &str) {
    tokio::time::sleep(Duration::from_millis(300)).await;
    let png = c.screenshot().await.unwrap();
    std::fs::write(artifacts().join(format!("{name}.png")), png).unwrap();
}

async fn sync_now(c: &Client) {
    eprintln!("care e2e: sync now");
    click_button(c, "Clinic").await;
    click_button(c, "Sync now").await;
    wait_for_text(c, "Synced", 20).await;
}

async fn week_sentence(c: &Client) -> String {
    eprintln!("care e2e: home");
    click_button(c, "Home").await;
    find(c, "#week-sentence").await.text().await.unwrap()
}

/// Staff set up the week: a program (intensive outpatient), a patient enrolled in it, a daily
/// evening group from yesterday for two weeks, the patient's level of care from yesterday. Returns
/// the patient's id, the program's id, the session ids in date order, and the enrollment code.
async fn set_up_the_week(admin: &Admin, yesterday: NaiveDate) -> (i64, i64, Vec<i64>, String) {
    let program = admin
        .post(
            "/staff/programs",
            json!({"name": "IOP evening group", "timeZone": "Etc/UTC", "level": "iop"}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let patient = admin
        .post(
            "/staff/patients",
            json!({"givenName": "Sam", "familyName": "Rivera"}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    admin
        .post(
            &format!("/staff/programs/{program}/members"),
            json!({ "patientId": patient }),
        )
        .await;
    let scheduled = admin
        .post(
            &format!("/staff/programs/{program}/sessions"),
            json!({
                "firstDay": yesterday, "weeks": 2,
                "weekdays": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                "start": "18:00", "end": "21:00", "kind": "group-therapy",
                "topic": "Coping with cravings", "place": "Room 2"
            }),
        )
        .await;
    let sessions: Vec<i64> = serde_json::from_value(scheduled["sessions"].clone()).unwrap();
    assert_eq!(sessions.len(), 14, "a group every day for two weeks");
    admin
        .post(
            &format!("/staff/patients/{patient}/care-levels"),
            json!({"programId": program, "level": "iop", "from": yesterday}),
        )
        .await;
    let code = admin
        .post(
            &format!("/staff/patients/{patient}/enrollment-codes"),
            json!({}),
        )
        .await["code"]
        .as_str()
        .unwrap()
        .to_owned();
    (patient, program, sessions, code)
}

#[tokio::test(flavor = "current_thread")]
async fn a_clinics_week_from_enrollment_to_aftercare() {
    let clinic_data = tempfile::tempdir().unwrap();
    clinic_cli(
        clinic_data.path(),
        &[
            "create-clinic",
            "--name",
            "Harbor IOP",
            "--admin-email",
            ADMIN,
            "--admin-name",
            "Dr. Lee",
        ],
        &format!("{STAFF_PASSWORD}\n"),
    );
    let server = Server::start(clinic_data.path());
    let admin = Admin::sign_in(&server.base).await;
    let today = Utc::now().date_naive();
    let yesterday = today - chrono::Days::new(1);
    let (patient, program, sessions, code) = set_up_the_week(&admin, yesterday).await;

    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start(data.path());
    let c = driver.session().await;
    c.set_window_size(1280, 800).await.unwrap();
    first_run(&c).await;
    // The test pauses for the clinic between clicks; the patient's own longest auto-lock keeps the
    // vault open meanwhile.
    click_button(&c, "Settings").await;
    set_value(&c, "#s-lock", "60").await;
    click_button(&c, "Save settings").await;
    wait_for_text(&c, "Settings saved.", 10).await;
    connect(&c, &server.base, &code).await;

    // The app answers "I'll be there" to the next session; the roster shows it.
    click_button(&c, "Sessions").await;
    wait_for_text(&c, "Coping with cravings", 20).await;
    click_button(&c, "I'll be there").await;
    let mut answered = None;
    for _ in 0..100 {
        for session in &sessions[1..3] {
            let roster = admin
                .get(&format!("/staff/sessions/{session}/roster"))
                .await;
            let entry = &roster["entries"][0];
            if entry["answer"] == json!("coming") {
                assert!(
                    entry["answeredAt"].is_string(),
                    "when they answered: {roster}"
                );
                answered = Some(*session);
            }
        }
        if answered.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(
        answered.is_some(),
        "the roster shows the patient's answer from the app"
    );

    // Staff mark yesterday's group: 20 minutes late. The app counts 2 h 40 min after its next sync.
    let roster = admin
        .get(&format!("/staff/sessions/{}/roster", sessions[0]))
        .await;
    let appointment = roster["entries"][0]["appointmentId"].as_i64().unwrap();
    let marked = admin
        .post(
            &format!("/staff/appointments/{appointment}/mark"),
            json!({"mark": "late", "minutes": 20}),
        )
        .await;
    assert_eq!(marked["status"], json!("fulfilled"));
    sync_now(&c).await;
    click_button(&c, "Sessions").await;
    wait_for_text(&c, "Attended, 20 minutes late — 2 h 40 min counted", 20).await;
    // Yesterday counts in this week unless today is a Monday.
    let this_week = today.weekday() != chrono::Weekday::Mon;
    let expected = if this_week {
        "2.7 of 9 hours this week."
    } else {
        "0 of 9 hours this week."
    };
    assert_eq!(week_sentence(&c).await, expected);
    shot(&c, "1-iop-home").await;
    click_button(&c, "Sessions").await;
    wait_for_text(&c, "Attended, 20 minutes late", 10).await;
    shot(&c, "1-iop-sessions-late-20").await;

    // Step-down to outpatient care, 6 hours a week, from today: the target changes at the clinic
    // and, after a sync, in the app (read-only there).
    admin
        .post(
            &format!("/staff/patients/{patient}/care-levels"),
            json!({"programId": program, "level": "outpatient", "weeklyTargetMinutes": 360,
                   "from": today}),
        )
        .await;
    let levels = admin
        .get(&format!("/staff/patients/{patient}/care-levels"))
        .await;
    assert!(
        levels.to_string().contains("\"weeklyTargetMinutes\":360"),
        "the clinic shows the new target: {levels}"
    );
    sync_now(&c).await;
    wait_for_text(&c, "your level of care updated", 10).await;
    let expected = if this_week {
        "2.7 of 6 hours this week."
    } else {
        "0 of 6 hours this week."
    };
    assert_eq!(week_sentence(&c).await, expected);
    click_button(&c, "Settings").await;
    wait_for_text(
        &c,
        "Set by your clinic: Outpatient (ASAM 1), 6 hours a week",
        10,
    )
    .await;
    let level = find(&c, "#s-level").await;
    assert_eq!(
        level.attr("readonly").await.unwrap().as_deref(),
        Some("true"),
        "the clinic's level is read-only in the app"
    );
    check_everywhere(&c, "2-outpatient").await;

    eprintln!("care e2e: discharge");
    // Discharge today: aftercare, with check-ins at 30, 60 and 90 days.
    admin
        .post(
            &format!("/staff/patients/{patient}/discharge"),
            json!({"on": today, "checkInTime": "10:00"}),
        )
        .await;
    sync_now(&c).await;
    let first_check_in = today + chrono::Days::new(30);
    assert_eq!(
        week_sentence(&c).await,
        format!(
            "Your next check-in is on {}.",
            first_check_in.format("%A, %B %-d")
        )
    );
    wait_for_text(&c, "Your check-ins", 10).await;
    let listed = c
        .find_all(fantoccini::Locator::Css(".checkins li"))
        .await
        .unwrap();
    assert_eq!(listed.len(), 3, "the 30, 60 and 90-day check-ins");
    wait_for_text(&c, "Aftercare", 10).await;
    // Discharge on the day the step-down began: two periods from one day, listed in Settings.
    click_button(&c, "Settings").await;
    wait_for_text(&c, "Your course of care", 10).await;
    check_everywhere(&c, "3-aftercare").await;
    c.close().await.unwrap();
}
