//! The one error shape that crosses the IPC boundary: `tideline_core::status::IpcError`, where its
//! TypeScript type is generated from.

pub use tideline_core::status::IpcError;

#[cfg(test)]
mod tests {
    use super::*;
    use tideline_core::Error;

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
