//! What a command runs with ([`Cx`]: the shell's state and the device around it) and how a call is
//! refused ([`Rejection`]): the lowest layer of the command modules, below the handlers, the table
//! and the dispatch, so none of them needs another's module for its types.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::ipc::IpcError;
use crate::platform::Platform;
use crate::state::AppState;

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
