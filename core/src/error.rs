//! The one error type of the core. Messages name the problem, never patient data or key material.

use serde::Serialize;

/// A value that failed validation: which field, and why, in plain words. Never the value itself.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{field}: {reason}")]
pub struct Invalid {
    /// The field, named as the UI names it (e.g. `intensity`).
    pub field: &'static str,
    /// Why the value is not accepted (e.g. `must be between 0 and 10`).
    pub reason: &'static str,
}

impl Invalid {
    /// A validation failure for `field` with `reason`.
    pub const fn new(field: &'static str, reason: &'static str) -> Self {
        Self { field, reason }
    }
}

/// The closed set of error codes the UI switches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Placeholder until the vault lands; replaced in the same change set.
    Invalid,
}

/// Every failure the core reports.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value was rejected by validation.
    #[error(transparent)]
    Invalid(#[from] Invalid),
}
