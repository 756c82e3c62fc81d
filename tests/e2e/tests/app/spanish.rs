//! The real app in Spanish: a desktop whose system language is Spanish gets Español preselected at
//! first run; the patient goes through first run, logs a craving and does a HALT check in Spanish,
//! and the crisis layer names 988's Spanish line ("oprima 2"). Buttons are found by their words in
//! the Spanish catalog (i18n/locales/es/ui/*.ftl), read by message id, so a screen left in English
//! fails here. The run takes about 15 s.

use std::path::{Path, PathBuf};

use fantoccini::{Client, Locator};
use tideline_e2e::*;

use crate::journey::{PASSPHRASE, SITUATION};

fn catalog_dir() -> PathBuf {
    std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into()),
    )
    .join("../../i18n/locales/es/ui")
}

/// A one-line message of the Spanish window catalog by id (the test needs only plain labels).
fn es(id: &str) -> String {
    let prefix = format!("{id} = ");
    for entry in std::fs::read_dir(catalog_dir()).expect("the Spanish catalog folder") {
        let path = entry.expect("a catalog file").path();
        let text = std::fs::read_to_string(&path).expect("a readable catalog file");
        if let Some(line) = text.lines().find(|l| l.starts_with(&prefix)) {
            return line[prefix.len()..].trim().to_owned();
        }
    }
    panic!("no one-line message {id} in the Spanish catalog");
}

async fn first_run_in_spanish(c: &Client) {
    // The system speaks Spanish: the language step comes first with Español already chosen.
    wait_for_text(c, &es("first-run-language-title"), 20).await;
    let spanish = find(c, "input[type=radio][value=es]").await;
    assert_eq!(
        spanish.prop("checked").await.unwrap().as_deref(),
        Some("true"),
        "Español is preselected from the system's language"
    );
    click_button(c, &es("common-continue")).await;
    wait_for_text(c, &es("first-run-welcome-title"), 10).await;
    click_button(c, &es("first-run-get-started")).await;
    type_into(c, "#pp", PASSPHRASE).await;
    type_into(c, "#pp2", PASSPHRASE).await;
    find(c, "label.check input[type=checkbox]")
        .await
        .click()
        .await
        .unwrap();
    click_button(c, &es("common-continue")).await;
    set_value(c, "#start", "2026-11-02").await;
    click_button(c, &es("first-run-create")).await;
    let spans = find(c, "p.key")
        .await
        .find_all(Locator::Css("span"))
        .await
        .unwrap();
    let mut groups = Vec::new();
    for s in spans {
        groups.push(s.text().await.unwrap());
    }
    click_button(c, &es("first-run-key-written")).await;
    let label = find(c, "label[for=part]").await.text().await.unwrap();
    let n: usize = label
        .split_whitespace()
        .find_map(|w| w.parse().ok())
        .expect("the label names a group number");
    type_into(c, "#part", &groups[n - 1]).await;
    click_button(c, &es("first-run-confirm")).await;
}

#[tokio::test(flavor = "current_thread")]
async fn first_run_craving_halt_and_crisis_in_spanish() {
    let data = tempfile::tempdir().unwrap();
    let spanish = Path::new("es_MX.UTF-8");
    let driver = Driver::start_with_env(data.path(), &[("LC_ALL", spanish), ("LANG", spanish)]);
    let c = driver.session().await;
    first_run_in_spanish(&c).await;

    // Log a craving, in Spanish.
    click_button(&c, &es("app-nav-cravings")).await;
    wait_for_text(&c, &es("cravings-title"), 10).await;
    find(&c, "#cr-intensity")
        .await
        .send_keys(&ARROW_RIGHT.repeat(2))
        .await
        .unwrap();
    find(&c, "details > summary").await.click().await.unwrap();
    type_into(&c, "#cr-situation", SITUATION).await;
    click_button(&c, &es("cravings-save-entry")).await;
    wait_for_text(&c, &es("cravings-saved-text"), 10).await;

    // HALT: the suggestions come from the core, in Spanish.
    click_button(&c, &es("app-nav-halt")).await;
    find(&c, "input[name=tired][value='3']")
        .await
        .click()
        .await
        .unwrap();
    click_button(&c, &es("halt-submit")).await;
    wait_for_text(&c, &es("halt-help-title"), 10).await;

    // The crisis layer: 988 in Spanish is "call and press 2".
    click_button(&c, &es("app-get-help")).await;
    let dialog = find(&c, "[role=dialog]").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let text = loop {
        let text = dialog.text().await.unwrap_or_default();
        if text.contains("oprima 2") || std::time::Instant::now() > deadline {
            break text;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert!(text.contains("988"), "the crisis layer names 988: {text}");
    assert!(
        text.contains("oprima 2"),
        "the crisis layer says to press 2 for Spanish: {text}"
    );
    c.close().await.unwrap();
}
