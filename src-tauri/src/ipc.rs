//! The one error shape that crosses the IPC boundary.

use serde::Serialize;
use tideline_core::{Error, ErrorCode};

/// `{ code, message }`: `code` from the core's closed set, `message` plain words without patient data.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct IpcError {
    /// What the UI switches on.
    pub code: ErrorCode,
    /// What the UI may show.
    pub message: String,
}

impl From<Error> for IpcError {
    fn from(e: Error) -> Self {
        Self {
            code: e.code(),
            message: e.to_string(),
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
            serde_json::json!({ "code": "locked_out", "message": "too many attempts; try again in 30 seconds" }),
            "the UI switches on this exact shape"
        );
        let json = serde_json::to_value(IpcError::from(Error::Locked)).unwrap();
        assert_eq!(json["code"], "locked");
    }
}
