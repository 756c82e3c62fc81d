//! First run -> log a craving -> HALT check -> urge surfing -> lock -> unlock -> restart -> everything
//! still there, and nothing typed in is readable in the data directory.

use fantoccini::{Client, Locator};
use tideline_e2e::*;

pub(crate) const PASSPHRASE: &str = "harbor lantern oatmeal 47 violet";
/// Text typed into the journal; must never appear in any file.
pub(crate) const SITUATION: &str = "Zebracorn parking lot after the late shift";

pub(crate) async fn first_run(c: &Client) {
    // The language comes first, the system's preselected (English here).
    wait_for_text(c, "Choose your language", 20).await;
    click_button(c, "Continue").await;
    wait_for_text(c, "Welcome to Tideline", 10).await;
    click_button(c, "Get started").await;
    type_into(c, "#pp", PASSPHRASE).await;
    type_into(c, "#pp2", PASSPHRASE).await;
    // The failure above showed the passphrase step still there after Continue: check that the
    // "Please read this" box took the click (the step re-renders as the passphrase is assessed),
    // and click it again if not.
    for attempt in 0..5 {
        let understood = find(c, "label.check input[type=checkbox]").await;
        match understood.is_selected().await {
            Ok(true) => break,
            // A driver that cannot say: one click, as before.
            Err(_) if attempt > 0 => break,
            _ => understood.click().await.unwrap(),
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    click_button(c, "Continue").await;
    // Two CI runs on 30 November found no program-start step 10 s after this click (once each in
    // two tests; never reproduced by hand). Say what the screen showed, then click once more, as a
    // patient would, so the next failure explains itself.
    let mut advanced = false;
    for _ in 0..40 {
        if c.find(Locator::Css("#start")).await.is_ok() {
            advanced = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    if !advanced {
        let shown = match c.find(Locator::Css("body")).await {
            Ok(body) => body.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        eprintln!("first run: still no program-start step 10 s after Continue; the screen said: {shown:?}");
        click_button(c, "Continue").await;
    }
    set_value(c, "#start", "2026-11-02").await;
    click_button(c, "Create my vault").await;
    // The recovery key is shown once; the patient is asked to type back one group of it.
    let key = find(c, "p.key").await;
    let groups: Vec<String> = {
        let spans = key.find_all(Locator::Css("span")).await.unwrap();
        let mut out = Vec::new();
        for s in spans {
            out.push(s.text().await.unwrap());
        }
        out
    };
    assert_eq!(
        groups.len(),
        8,
        "the recovery key is 8 groups of 4: {groups:?}"
    );
    click_button(c, "I wrote it down").await;
    let label = find(c, "label[for=part]").await.text().await.unwrap();
    let n: usize = label
        .split_whitespace()
        .find_map(|w| w.parse().ok())
        .expect("the label names a group number");
    type_into(c, "#part", &groups[n - 1].to_lowercase()).await;
    click_button(c, "Confirm").await;
}

pub(crate) async fn log_craving(c: &Client) {
    click_button(c, "Log craving").await;
    let slider = find(c, "#cr-intensity").await;
    slider.send_keys(&ARROW_RIGHT.repeat(2)).await.unwrap();
    find(c, "details > summary").await.click().await.unwrap(); // "Add more detail"
    type_into(c, "#cr-situation", SITUATION).await;
    click_button(c, "Save entry").await;
    wait_for_text(c, SITUATION, 10).await;
}

/// Typed into the HALT note and the urge-surfing notes; must never appear in any file either.
const HALT_NOTE: &str = "Quokkaquill skipped lunch again";
const URGE_NOTE: &str = "Narwhalnote the wave passed by the window";

async fn halt_check_into_urge_surfing(c: &Client) {
    click_button(c, "HALT check").await;
    find(c, "input[name=tired][value='3']")
        .await
        .click()
        .await
        .unwrap();
    find(c, "input[name=hungry][value='2']")
        .await
        .click()
        .await
        .unwrap();
    type_into(c, "#halt-note", HALT_NOTE).await;
    click_button(c, "See what might help").await;
    wait_for_text(c, "What might help right now", 10).await;
    // The suggestion for each flagged need, worded by the core.
    wait_for_text(c, "Tired: Rest", 10).await;
    wait_for_text(c, "Hungry: Eat something", 10).await;
    wait_for_text(c, "plan an early night", 10).await;
    // From a flagged state, one tap into urge surfing.
    click_button(c, "Start urge surfing").await;
    wait_for_text(c, "Which version?", 10).await;
    find(c, "#urge-start")
        .await
        .send_keys(&ARROW_RIGHT.repeat(3))
        .await
        .unwrap();
    click_button(c, "Begin").await;
    for _ in 0..4 {
        click_button(c, "Next step").await;
    }
    click_button(c, "Finish").await;
    wait_for_text(c, "How is it now?", 10).await;
    find(c, "input[name=acted][value=rodeItOut]")
        .await
        .click()
        .await
        .unwrap();
    type_into(c, "#urge-notes", URGE_NOTE).await;
    click_button(c, "Save session").await;
    wait_for_text(c, "Your wave", 10).await;
    click_button(c, "Done").await;
}

async fn home_lists_all_three(c: &Client) {
    click_button(c, "Home").await;
    wait_for_text(c, "Logged a craving, intensity", 10).await;
    wait_for_text(c, "HALT check: hungry, tired", 10).await;
    wait_for_text(c, "Surfed an urge from", 10).await;
}

async fn unlock(c: &Client) {
    wait_for_text(c, "Tideline is locked", 20).await;
    type_into(c, "#unlock-pp", "not my passphrase at all").await;
    click_button(c, "Unlock").await;
    wait_for_text(c, "did not unlock", 10).await;
    type_into(c, "#unlock-pp", PASSPHRASE).await;
    click_button(c, "Unlock").await;
}

async fn craving_is_listed(c: &Client) {
    click_button(c, "Log craving").await;
    wait_for_text(c, SITUATION, 10).await;
}

#[tokio::test(flavor = "current_thread")]
pub(crate) async fn first_run_log_lock_unlock_restart_and_nothing_readable_on_disk() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start(data.path());

    let c = driver.session().await;
    first_run(&c).await;
    log_craving(&c).await;
    halt_check_into_urge_surfing(&c).await;
    home_lists_all_three(&c).await;
    click_button(&c, "Lock").await;
    unlock(&c).await;
    craving_is_listed(&c).await;
    home_lists_all_three(&c).await;
    c.close().await.unwrap();

    // A new session starts the app again on the same data directory.
    let c = driver.session().await;
    unlock(&c).await;
    craving_is_listed(&c).await;
    home_lists_all_three(&c).await;
    c.close().await.unwrap();
    drop(driver);

    let files = files_under(data.path());
    assert!(
        files.iter().any(|(p, _)| p.ends_with("vault.db")),
        "the vault lives in TIDELINE_DATA_DIR: {files:?}"
    );
    for (path, bytes) in &files {
        for needle in [
            SITUATION,
            "Zebracorn",
            HALT_NOTE,
            "Quokkaquill",
            URGE_NOTE,
            "Narwhalnote",
            PASSPHRASE,
        ] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{} contains typed text '{needle}'",
                path.display()
            );
        }
    }
}
