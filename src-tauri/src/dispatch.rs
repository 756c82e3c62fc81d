//! The one dispatch: a command's name and JSON arguments in, JSON or the IPC error out. The app's
//! invoke handler (`lib.rs`, after Tauri's per-command permission check) and the browser tests'
//! loopback bridge (`tests/bridge`) both call [`dispatch`], so the browser tests run the real
//! commands on the real core.
//!
//! The hooks no command can forget live here: after a command flagged `Replan` succeeds, reminders
//! are planned again ([`replan`]); after one flagged `Wake`, the background sync is woken.

use serde_json::Value;

pub use crate::cx::{Cx, Rejection};
pub use crate::replan::replan;
use crate::table::{self, Flag};

/// Runs `command` with `args`: the one entry point for every IPC call.
pub fn dispatch(cx: &Cx<'_>, command: &str, args: Value) -> Result<Value, Rejection> {
    let unknown = || Rejection::Call(format!("command {command} not found"));
    let info = table::COMMANDS
        .iter()
        .find(|c| c.name == command)
        .ok_or_else(unknown)?;
    if info.has(Flag::Phone) && !cx.platform.is_phone() {
        return Err(unknown());
    }
    // A refusal's words in the patient's language, as they are at this moment.
    let result = table::route(cx, command, args)
        .ok_or_else(unknown)?
        .map_err(|refused| match refused {
            Rejection::Ipc(e) => Rejection::Ipc(e.localized(cx.state.lang())),
            other => other,
        })?;
    if info.has(Flag::Replan) {
        replan(cx.state, cx.platform);
    }
    if info.has(Flag::Wake) {
        cx.platform.wake_sync();
    }
    Ok(result)
}
