//! `OperationOutcome`: the body of every error response.

use serde::{Deserialize, Serialize};

use crate::OperationOutcomeType;

/// `OperationOutcome.issue.severity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IssueSeverity {
    /// The request could not be completed.
    Error,
    /// Processing stopped because of a fault.
    Fatal,
}

/// `OperationOutcome.issue.code` (the subset the server uses, from the FHIR IssueType value set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IssueCode {
    /// Content is not valid (malformed JSON, unknown fields, wrong resource type).
    Invalid,
    /// A code is outside its value set.
    CodeInvalid,
    /// A required element is missing.
    Required,
    /// The body is too large.
    TooLong,
    /// No valid credentials were presented.
    Login,
    /// Credentials were presented but are not valid (revoked, expired, wrong signature).
    Security,
    /// The caller may not see or change this.
    Forbidden,
    /// No such resource (or the caller may not know it exists).
    NotFound,
    /// The resource type, operation or media type is not supported.
    NotSupported,
    /// The request conflicts with stored state (e.g. an idempotency key reused with another body).
    Conflict,
    /// Too many attempts; try later.
    Throttled,
    /// A replayed request.
    Duplicate,
    /// The request arrived outside its validity window.
    Expired,
    /// Something went wrong on the server.
    Exception,
}

/// One issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OutcomeIssue {
    /// How bad.
    pub severity: IssueSeverity,
    /// What kind of problem.
    pub code: IssueCode,
    /// Plain words for a developer or the patient's app; never patient data.
    pub diagnostics: String,
}

/// `OperationOutcome`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OperationOutcome {
    /// Always `"OperationOutcome"`.
    pub resource_type: OperationOutcomeType,
    /// At least one issue.
    pub issue: Vec<OutcomeIssue>,
}

impl OperationOutcome {
    /// An outcome with a single error issue.
    pub fn error(code: IssueCode, diagnostics: impl Into<String>) -> Self {
        OperationOutcome {
            resource_type: OperationOutcomeType,
            issue: vec![OutcomeIssue {
                severity: IssueSeverity::Error,
                code,
                diagnostics: diagnostics.into(),
            }],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn outcome_has_the_exact_fhir_shape() {
        let outcome = OperationOutcome::error(
            IssueCode::CodeInvalid,
            "participantStatus is not a known code",
        );
        assert_eq!(
            serde_json::to_value(outcome).unwrap(),
            json!({"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "code-invalid",
                   "diagnostics": "participantStatus is not a known code"}]})
        );
        assert_eq!(
            serde_json::to_value(IssueCode::TooLong).unwrap(),
            json!("too-long")
        );
        assert_eq!(
            serde_json::to_value(IssueCode::NotSupported).unwrap(),
            json!("not-supported")
        );
    }
}
