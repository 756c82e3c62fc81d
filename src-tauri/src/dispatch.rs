//! The one dispatch: a command's name and JSON arguments in, JSON or the IPC error out. The app's
//! invoke handler (`lib.rs`, after Tauri's per-command permission check) and the browser tests'
//! loopback bridge (`tests/bridge`) both call [`dispatch`], so the browser tests run the real
//! commands on the real core.
//!
//! The hooks no command can forget live here: after a command flagged `Replan` succeeds, reminders
//! are planned again ([`replan`]); after one flagged `Wake`, the background sync is woken.

use chrono::Utc;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::ipc::IpcError;
use crate::platform::Platform;
use crate::state::AppState;
use crate::table::{self, Flag};

/// What a command runs with: the shell's state and the device around it.
#[derive(Clone, Copy)]
pub struct Cx<'a> {
    /// The data directory, the vault while unlocked, the reminder scheduler.
    pub state: &'a AppState,
    /// The file chooser, opener, events, keystore.
    pub platform: &'a dyn Platform,
}

impl std::fmt::Debug for Cx<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cx").field("state", self.state).finish()
    }
}

/// Why a call did not produce a result.
#[derive(Debug, PartialEq, Eq)]
pub enum Rejection {
    /// The command ran and failed: the `{ code, message, ... }` shape.
    Ipc(IpcError),
    /// No such command here, or its arguments did not fit: a plain sentence, as Tauri itself
    /// answers (the UI reads a plain string as "unavailable").
    Call(String),
}

impl From<IpcError> for Rejection {
    fn from(e: IpcError) -> Self {
        Self::Ipc(e)
    }
}

impl From<tideline_core::Error> for Rejection {
    fn from(e: tideline_core::Error) -> Self {
        Self::Ipc(e.into())
    }
}

impl Rejection {
    /// The JSON the window receives as the rejection.
    pub fn to_json(&self) -> Value {
        match self {
            Self::Ipc(e) => serde_json::to_value(e).unwrap_or(Value::Null),
            Self::Call(sentence) => Value::String(sentence.clone()),
        }
    }
}

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
    let result = table::route(cx, command, args).ok_or_else(unknown)??;
    if info.has(Flag::Replan) {
        replan(cx.state, cx.platform);
    }
    if info.has(Flag::Wake) {
        cx.platform.wake_sync();
    }
    Ok(result)
}

/// Plans reminders again from the open vault (after an unlock and every change to sessions or
/// settings) and applies the settings that live outside it (start at login). Nothing when locked.
pub fn replan(state: &AppState, platform: &dyn Platform) {
    if let Some(settings) = state.replan_reminders(Utc::now()) {
        platform.start_at_login(settings.start_at_login);
    }
}

/// The arguments of `command`, or a plain sentence naming only the command (never the values,
/// which may be the patient's words).
pub(crate) fn parse<T: DeserializeOwned>(command: &str, args: Value) -> Result<T, Rejection> {
    let args = if args.is_null() {
        Value::Object(Default::default())
    } else {
        args
    };
    serde_json::from_value(args)
        .map_err(|_| Rejection::Call(format!("the arguments for {command} did not fit")))
}

pub(crate) fn to_json<T: Serialize>(value: T) -> Result<Value, Rejection> {
    serde_json::to_value(value).map_err(|_| {
        Rejection::Ipc(IpcError::from(tideline_core::Error::Storage(
            "the answer could not be written".into(),
        )))
    })
}
