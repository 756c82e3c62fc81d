//! The first screen comes from the shell's boot state (src-tauri/src/window.rs): the page holds the
//! answers of `language_get` and `vault_status` before its first script runs, draws first run or the
//! lock screen from them, and asks both again once that screen is painted, so a page reloaded with
//! the window's first answers still ends up on the vault's real state.

use serde_json::{json, Value};
use tideline_e2e::*;

use crate::journey::first_run;

async fn boot_state(c: &fantoccini::Client) -> Value {
    c.execute("return window.__TIDELINE_BOOT__ ?? null;", vec![])
        .await
        .expect("the page answers")
}

#[tokio::test(flavor = "current_thread")]
async fn the_first_screen_comes_from_the_boot_state_and_a_reload_follows_the_vault() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start(data.path());

    // No vault: first run, in the system's language (nothing chosen yet).
    let c = driver.session().await;
    wait_for_text(&c, "Choose your language", 20).await;
    assert_eq!(
        boot_state(&c).await,
        json!({
            "language": { "tag": "en", "system": "en", "chosen": false },
            "vault": { "state": "absent", "retryAfterSecs": null },
        })
    );
    first_run(&c).await;
    wait_for_text(&c, "Log craving", 20).await;

    // The page reloaded: its boot state still says "no vault", yet the vault is open now. The
    // question asked after the first paint brings home back.
    c.execute("location.reload();", vec![]).await.unwrap();
    wait_for_text(&c, "Log craving", 20).await;
    assert_eq!(boot_state(&c).await["vault"]["state"], "absent");
    c.close().await.unwrap();

    // The app started again: the boot state says locked, the language is the one chosen at first
    // run, and the lock screen is the first screen.
    let c = driver.session().await;
    wait_for_text(&c, "Tideline is locked", 20).await;
    assert_eq!(
        boot_state(&c).await,
        json!({
            "language": { "tag": "en", "system": "en", "chosen": true },
            "vault": { "state": "locked", "retryAfterSecs": null },
        })
    );
    // The page cannot replace what the shell gave it.
    let replaced = c
        .execute(
            "try { window.__TIDELINE_BOOT__ = null; } catch (e) {} return window.__TIDELINE_BOOT__ !== null;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(replaced, json!(true));
    c.close().await.unwrap();
}
