//! Issue 4 end to end: in the real app, a session two minutes ahead with a one-minute lead time
//! produces the notification on the desktop's notification server, on time, with the discreet text.
//!
//! The session is entered through the Sessions screen like a patient would. The one-minute lead time
//! is not offered by the settings screen (its shortest choice is 15 minutes, which would make this
//! test wait a quarter of an hour), so the test saves the settings through the same IPC command the
//! settings screen uses, with `leadMinutes: [1]`; the core accepts 1 minute to 14 days.
//!
//! The lateness is printed as `MEASURED:` (README records it); the test only requires that the
//! notification arrives and carries nothing but the time.

#[path = "../../../../src-tauri/tests/notify/bus.rs"]
#[allow(dead_code)]
mod bus;

use std::time::Duration;

use fantoccini::Client;
use tideline_e2e::*;

use crate::journey::{first_run, SITUATION};

/// Saves the reminder preferences through the app's own `record_save` command.
async fn one_minute_lead_time(c: &Client) {
    let script = r#"
        const invoke = window.__TAURI_INTERNALS__.invoke;
        const query = { kinds: ["settings"], from: null, to: null, text: null, limit: null };
        const existing = await invoke("records_query", { query });
        const settings = {
          type: "settings",
          autoLockMinutes: 30,
          reminders: { leadMinutes: [1], quietHours: null, dailyCheckIn: null, notificationDetail: "discreet" },
          keepRunningInTray: true,
          startAtLogin: false,
          theme: "system",
        };
        const args = existing.length ? { id: existing[0].id, record: settings } : { record: settings };
        await invoke("record_save", args);
        return "saved";
    "#;
    let out = c.execute(script, vec![]).await.expect("settings saved");
    assert_eq!(out, serde_json::json!("saved"));
}

/// The session's local start ("HH:MM"): the second whole minute from now that is at least 100 s
/// away, so the reminder (one minute earlier) is at least 40 s ahead when the form is saved.
fn start_in_two_minutes() -> (chrono::DateTime<chrono::Local>, String, String) {
    use chrono::{DurationRound, Local, TimeDelta};
    let start = (Local::now() + TimeDelta::seconds(100))
        .duration_trunc(TimeDelta::minutes(1))
        .unwrap()
        + TimeDelta::minutes(1);
    let end = start + TimeDelta::hours(3);
    (
        start,
        start.format("%Y-%m-%d").to_string(),
        format!("{}|{}", start.format("%H:%M"), end.format("%H:%M")),
    )
}

#[tokio::test(flavor = "current_thread")]
async fn a_session_two_minutes_ahead_is_reminded_one_minute_before() {
    let monitor = bus::BusMonitor::start();
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start(data.path());
    let c = driver.session().await;
    first_run(&c).await;
    one_minute_lead_time(&c).await;

    let (start, date, times) = start_in_two_minutes();
    let (from, to) = times.split_once('|').unwrap();
    click_button(&c, "Sessions").await;
    click_button(&c, "Add a session").await;
    set_value(&c, "#s-date", &date).await;
    set_value(&c, "#s-start", from).await;
    set_value(&c, "#s-end", to).await;
    type_into(&c, "#s-title", SITUATION).await;
    click_button(&c, "Save session").await;

    let due = start - chrono::TimeDelta::minutes(1);
    let body = format!("Reminder: appointment at {}", start.format("%-I:%M %p"));
    let wait = (due - chrono::Local::now()).to_std().unwrap_or_default() + Duration::from_secs(30);
    let call = tokio::task::spawn_blocking({
        let body = body.clone();
        move || {
            let call = monitor.wait_for(&body, wait);
            (call, monitor.calls())
        }
    })
    .await
    .unwrap();
    let (call, all) = call;
    let late = call.time - due.timestamp_millis() as f64 / 1000.0;
    println!(
        "MEASURED: real app, due {} ; on the bus {:.3} ; late by {late:.3} s",
        due.to_rfc3339(),
        call.time
    );
    assert!(
        late > -0.5,
        "the reminder fired {late:.3} s before it was due"
    );
    assert_eq!(call.summary, "Tideline", "summary names only the app");
    assert_eq!(
        all.iter().filter(|n| n.body == body).count(),
        1,
        "one notification, not a burst"
    );
    assert!(
        all.iter()
            .all(|n| !n.body.contains(SITUATION) && !n.summary.contains(SITUATION)),
        "the session's name the patient typed never appears in a notification"
    );
    c.close().await.unwrap();
}
