//! The one error shape that crosses the IPC boundary.

use serde::Serialize;
use tideline_core::{Error, ErrorCode};

/// `{ code, message, field?, retryAfterSecs? }`: `code` from the core's closed set, `message` plain
/// words without patient data, and the structured parts the UI decides on (it never reads the words).
#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct IpcError {
    /// What the UI switches on.
    pub code: ErrorCode,
    /// What the UI may show. For a rejected value, the reason alone (the field is in `field`).
    pub message: String,
    /// For `invalid`: which field was not accepted, as the UI names it (e.g. `server`, `code`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
    /// For `locked_out`: how many seconds until the next attempt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after_secs: Option<u64>,
}

impl From<Error> for IpcError {
    fn from(e: Error) -> Self {
        let (field, retry_after_secs) = match &e {
            Error::Invalid(invalid) => (Some(invalid.field), None),
            Error::LockedOut { retry_after_secs } => (None, Some(*retry_after_secs)),
            _ => (None, None),
        };
        let message = match &e {
            Error::Invalid(invalid) => invalid.reason.to_owned(),
            other => other.to_string(),
        };
        Self {
            code: e.code(),
            message,
            field,
            retry_after_secs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_shape_is_pinned() {
        let json = serde_json::to_value(IpcError::from(Error::LockedOut {
            retry_after_secs: 30,
        }))
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "code": "locked_out", "message": "too many attempts; try again in 30 seconds", "retryAfterSecs": 30 }),
            "the UI switches on this exact shape"
        );
        let json = serde_json::to_value(IpcError::from(Error::Locked)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "code": "locked", "message": "the vault is locked" })
        );
    }

    #[test]
    fn a_rejected_value_names_its_field_apart_from_the_words() {
        let invalid = tideline_core::Invalid::new("server", "must start with https://");
        let json = serde_json::to_value(IpcError::from(Error::from(invalid))).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "code": "invalid", "message": "must start with https://", "field": "server" })
        );
    }
}
