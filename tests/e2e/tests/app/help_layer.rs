//! Get help now is a layer above the screen (issue 9): opened and closed on every first-run step,
//! the recovery key included, and on a half-filled craving form, everything is still there, and
//! first run completes.

use std::time::Duration;

use fantoccini::{Client, Locator};
use tideline_e2e::*;

use crate::journey::PASSPHRASE;

const ESCAPE: &str = "\u{E00C}";
const HALF_WRITTEN: &str = "Yellowfinch bus stop after group";

/// Opens the help layer, checks that it shows the crisis lines, and closes it with Escape or Back.
async fn open_and_close_help(c: &Client, with_escape: bool) {
    click_button(c, "Get help now").await;
    let dialog = find(c, "[role=dialog][aria-modal=true]").await;
    let text = dialog.text().await.unwrap();
    assert!(text.contains("988"), "the help layer shows 988: {text}");
    if with_escape {
        c.active_element()
            .await
            .unwrap()
            .send_keys(ESCAPE)
            .await
            .unwrap();
    } else {
        let back = dialog
            .find(Locator::XPath(".//button[normalize-space(.)='Back']"))
            .await
            .unwrap();
        back.click().await.unwrap();
    }
    for _ in 0..40 {
        if c.find(Locator::Css("[role=dialog]")).await.is_err() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the help layer did not close");
}

async fn value_of(c: &Client, css: &str) -> String {
    find(c, css)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

async fn key_groups(c: &Client) -> Vec<String> {
    let key = find(c, "p.key").await;
    let mut out = Vec::new();
    for s in key.find_all(Locator::Css("span")).await.unwrap() {
        out.push(s.text().await.unwrap());
    }
    out
}

async fn first_run_with_help_on_every_step(c: &Client) {
    wait_for_text(c, "Choose your language", 20).await;
    click_button(c, "Continue").await;
    wait_for_text(c, "Welcome to Tideline", 10).await;
    open_and_close_help(c, true).await;
    wait_for_text(c, "Welcome to Tideline", 5).await;
    click_button(c, "Get started").await;

    type_into(c, "#pp", PASSPHRASE).await;
    type_into(c, "#pp2", PASSPHRASE).await;
    find(c, "label.check input[type=checkbox]")
        .await
        .click()
        .await
        .unwrap();
    open_and_close_help(c, false).await;
    assert_eq!(
        value_of(c, "#pp").await,
        PASSPHRASE,
        "the passphrase is kept"
    );
    assert_eq!(value_of(c, "#pp2").await, PASSPHRASE, "the repeat is kept");
    click_button(c, "Continue").await;

    set_value(c, "#start", "2026-10-05").await;
    open_and_close_help(c, true).await;
    assert_eq!(
        value_of(c, "#start").await,
        "2026-10-05",
        "the start date is kept"
    );
    click_button(c, "Create my vault").await;

    let groups = key_groups(c).await;
    assert_eq!(groups.len(), 8, "the recovery key is 8 groups: {groups:?}");
    open_and_close_help(c, false).await;
    assert_eq!(
        key_groups(c).await,
        groups,
        "the recovery key, shown only once, is still shown after Get help now"
    );
    click_button(c, "I wrote it down").await;

    let label = find(c, "label[for=part]").await.text().await.unwrap();
    let n: usize = label
        .split_whitespace()
        .find_map(|w| w.parse().ok())
        .expect("the label names a group number");
    type_into(c, "#part", &groups[n - 1].to_lowercase()).await;
    open_and_close_help(c, true).await;
    assert_eq!(value_of(c, "#part").await, groups[n - 1].to_lowercase());
    click_button(c, "Confirm").await;
    wait_for_text(c, "of your program", 10).await;
}

#[tokio::test(flavor = "current_thread")]
async fn get_help_now_keeps_first_run_and_a_half_written_craving() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start(data.path());
    let c = driver.session().await;
    first_run_with_help_on_every_step(&c).await;

    click_button(&c, "Log craving").await;
    find(&c, "details > summary").await.click().await.unwrap();
    type_into(&c, "#cr-situation", HALF_WRITTEN).await;
    open_and_close_help(&c, true).await;
    assert_eq!(
        value_of(&c, "#cr-situation").await,
        HALF_WRITTEN,
        "the half-written craving is still in the form"
    );
    let slider = find(&c, "#cr-intensity").await;
    slider.send_keys(&ARROW_RIGHT.repeat(2)).await.unwrap();
    click_button(&c, "Save entry").await;
    wait_for_text(&c, HALF_WRITTEN, 10).await;
    c.close().await.unwrap();
}
