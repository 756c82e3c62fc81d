//! The main window. tauri.conf.json describes it with `create: false` and the setup hook builds it
//! here, so that it carries the boot script: the answers of `language_get` and `vault_status` as
//! `window.__TIDELINE_BOOT__`, set before the page's first script runs. The page draws its first
//! screen (first run or the lock screen, in the patient's language) from it with no IPC round trip
//! first (10-37 ms of the start, 30 November 2026), then asks both again once that screen is painted:
//! the script is fixed when the window is built, and a reloaded page must not trust an old answer.

use tauri::{Manager, Runtime, WebviewWindowBuilder};
use tideline_core::status::Boot;

use crate::cx::Cx;
use crate::platform::MAIN_WINDOW;
use crate::state::AppState;
use crate::{commands, device, language};

/// Builds the main window from its configuration, with the boot script when the state can be read
/// (without it the page asks over IPC, as a browser test's page does).
pub fn open_main<R: Runtime>(app: &tauri::App<R>) -> tauri::Result<()> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == MAIN_WINDOW)
        .cloned()
        .ok_or_else(|| tauri::Error::WindowNotFound)?;
    let platform = device::TauriPlatform::new(app.handle().clone());
    let cx = Cx {
        state: &app.state::<AppState>(),
        platform: &platform,
    };
    let mut builder = WebviewWindowBuilder::from_config(app.handle(), &config)?;
    if let Some(boot) = boot(&cx) {
        builder = builder.initialization_script(script(&boot));
    }
    builder.build()?;
    Ok(())
}

/// What the first screen needs, from the same commands the page would call; `None` when either fails.
fn boot(cx: &Cx<'_>) -> Option<Boot> {
    Some(Boot {
        language: language::language_get(cx).ok()?,
        vault: commands::vault_status(cx).ok()?,
    })
}

/// The script that defines `window.__TIDELINE_BOOT__` (read-only, frozen). JSON is a JavaScript
/// expression; `<` is escaped as well, so no value could ever close a script element it is put in.
pub fn script(boot: &Boot) -> String {
    let json = serde_json::to_string(boot)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    format!(
        "Object.defineProperty(window, \"__TIDELINE_BOOT__\", {{ value: Object.freeze({json}), \
         enumerable: false, configurable: false, writable: false }});"
    )
}

#[cfg(test)]
mod tests {
    use tideline_core::language::LanguageStatus;
    use tideline_core::status::{VaultState, VaultStatus};

    use super::*;

    #[test]
    fn the_script_defines_the_boot_state_as_json() {
        let boot = Boot {
            language: LanguageStatus {
                tag: "es".into(),
                system: "en</script>\u{2028}".into(),
                chosen: true,
            },
            vault: VaultStatus {
                state: VaultState::Locked,
                retry_after_secs: Some(30),
            },
        };
        let s = script(&boot);
        let json = s
            .strip_prefix(
                "Object.defineProperty(window, \"__TIDELINE_BOOT__\", { value: Object.freeze(",
            )
            .and_then(|rest| rest.split_once("), enumerable"))
            .map(|(json, _)| json)
            .expect("the script's shape");
        assert!(!json.contains('<') && !json.contains('\u{2028}'), "{json}");
        let value: serde_json::Value = serde_json::from_str(json).expect("the value is JSON");
        assert_eq!(
            value,
            serde_json::json!({
                "language": { "tag": "es", "system": "en</script>\u{2028}", "chosen": true },
                "vault": { "state": "locked", "retryAfterSecs": 30 },
            })
        );
    }
}
