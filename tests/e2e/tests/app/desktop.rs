//! Issue 4's desktop behaviour on the real app: "Start when I log in" writes and removes the XDG
//! autostart entry, and a second launch hands over to the running instance instead of opening a
//! second app on the same vault.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use fantoccini::Client;
use tideline_e2e::*;

use crate::journey::first_run;

/// The `.desktop` files in the autostart directory that launch the app binary.
fn autostart_entries(config: &Path) -> Vec<String> {
    let binary = app_binary().canonicalize().unwrap();
    let Ok(dir) = std::fs::read_dir(config.join("autostart")) else {
        return Vec::new();
    };
    dir.flatten()
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .filter(|text| text.contains(&*binary.to_string_lossy()))
        .collect()
}

async fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn set_start_at_login(c: &Client, on: bool) {
    click_button(c, "Settings").await;
    wait_for_text(c, "Start when I log in", 10).await;
    let script = r#"
        const box = [...document.querySelectorAll("label.check")]
          .find((l) => l.textContent.trim() === "Start when I log in")
          ?.querySelector("input");
        if (!box) return "missing";
        if (box.checked !== arguments[0]) box.click();
        return "ok";
    "#;
    let out = c
        .execute(script, vec![serde_json::json!(on)])
        .await
        .unwrap();
    assert_eq!(out, serde_json::json!("ok"), "the setting is on the screen");
    click_button(c, "Save settings").await;
}

#[tokio::test(flavor = "current_thread")]
async fn start_at_login_and_a_single_instance() {
    let data = tempfile::tempdir().unwrap();
    // The autostart entry goes to ~/.config/autostart (the auto-launch crate reads HOME, not
    // XDG_CONFIG_HOME), so the app gets a HOME of its own.
    let home = tempfile::tempdir().unwrap();
    let driver = Driver::start_with_env(data.path(), &[("HOME", home.path())]);
    let c = driver.session().await;
    first_run(&c).await;
    assert!(
        autostart_entries(&home.path().join(".config")).is_empty(),
        "off by default"
    );

    set_start_at_login(&c, true).await;
    wait_until("the autostart entry is written", || {
        autostart_entries(&home.path().join(".config")).len() == 1
    })
    .await;
    set_start_at_login(&c, false).await;
    wait_until("the autostart entry is removed", || {
        autostart_entries(&home.path().join(".config")).is_empty()
    })
    .await;

    // A second launch on the same data finds the running instance, hands over and exits.
    let started = Instant::now();
    let mut second = Command::new(app_binary())
        .env("TIDELINE_DATA_DIR", data.path())
        .env("HOME", home.path())
        .spawn()
        .expect("the app binary starts");
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = second.kill();
            panic!("a second instance kept running next to the first");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        status.success(),
        "the second launch exits cleanly: {status}"
    );
    // The first instance is untouched and still answers.
    click_button(&c, "Home").await;
    wait_for_text(&c, "Log craving", 10).await;
    c.close().await.unwrap();
}
