//! Capture while locked on the real app (issue 9): a craving written on the lock screen is sealed to
//! the vault's public key; a scan of every file in the data directory finds none of its words; after
//! unlock it is in the journal.

use tideline_e2e::*;

use crate::journey::{first_run, PASSPHRASE};

const CAPTURED: &str = "Lanternmoth payday and the old crowd texted";

#[tokio::test(flavor = "current_thread")]
async fn a_craving_captured_on_the_lock_screen_appears_after_unlock_and_is_unreadable_before() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start(data.path());
    let c = driver.session().await;
    first_run(&c).await;
    click_button(&c, "Lock").await;
    wait_for_text(&c, "Tideline is locked", 10).await;

    find(&c, "details.capture > summary")
        .await
        .click()
        .await
        .unwrap();
    find(&c, "#lc-intensity")
        .await
        .send_keys(&ARROW_RIGHT.repeat(2))
        .await
        .unwrap();
    type_into(&c, "#lc-situation", CAPTURED).await;
    click_button(&c, "Save, still locked").await;
    wait_for_text(&c, "Saved and locked.", 10).await;

    let files = files_under(data.path());
    assert!(!files.is_empty());
    for (path, bytes) in &files {
        for needle in [CAPTURED, "Lanternmoth"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{} holds '{needle}' in the clear between capture and unlock",
                path.display()
            );
        }
    }

    type_into(&c, "#unlock-pp", PASSPHRASE).await;
    click_button(&c, "Unlock").await;
    wait_for_text(&c, "of your program", 15).await;
    click_button(&c, "Log craving").await;
    wait_for_text(&c, CAPTURED, 10).await;
    wait_for_text(&c, "Intensity 7", 10).await;
    c.close().await.unwrap();
}
