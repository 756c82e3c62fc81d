//! Why a request was refused: one type that every layer returns and the HTTP layer turns into a status
//! code and an OperationOutcome. Messages are fixed words chosen by the server, never request content,
//! so no patient data can reach a response, a log line or the audit table through an error.

use std::borrow::Cow;

use tideline_wire::IssueCode;

/// A refused or failed request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// Malformed or structurally wrong input.
    #[error("invalid request: {0}")]
    Invalid(Cow<'static, str>),
    /// A code outside its value set.
    #[error("invalid code: {0}")]
    CodeInvalid(Cow<'static, str>),
    /// A required element is missing.
    #[error("missing element: {0}")]
    Required(Cow<'static, str>),
    /// The body is larger than the server accepts.
    #[error("request body too large")]
    TooLarge,
    /// The content type is not the one this endpoint takes.
    #[error("unsupported content type; send {0}")]
    UnsupportedMediaType(&'static str),
    /// No credentials at all.
    #[error("authentication required: {0}")]
    Unauthenticated(&'static str),
    /// Credentials that do not hold (unknown or revoked device, bad signature, expired token).
    #[error("credentials refused: {0}")]
    BadCredentials(&'static str),
    /// A request whose timestamp is too far from the server's clock.
    #[error("request timestamp outside the allowed window")]
    Expired,
    /// A nonce seen before.
    #[error("replayed request")]
    Replayed,
    /// Authenticated, but not allowed to touch this.
    #[error("not allowed: {0}")]
    Forbidden(&'static str),
    /// No such record.
    #[error("not found")]
    NotFound,
    /// The resource type or route is not served.
    #[error("not supported: {0}")]
    NotSupported(Cow<'static, str>),
    /// The method is not allowed on this path.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The request conflicts with what is stored.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Too many attempts from this address or on this code.
    #[error("too many attempts; retry after {retry_after_seconds} seconds")]
    Throttled {
        /// When the caller may try again.
        retry_after_seconds: u64,
    },
    /// A fault on the server (storage failure); details go to the log, not to the caller.
    #[error("internal error")]
    Internal,
    /// The database cannot be reached right now (PostgreSQL down or restarting); nothing was written,
    /// and the request may be sent again.
    #[error("service unavailable")]
    Unavailable,
}

impl Problem {
    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        match self {
            Problem::Invalid(_) | Problem::CodeInvalid(_) | Problem::Required(_) => 400,
            Problem::TooLarge => 413,
            Problem::UnsupportedMediaType(_) => 415,
            Problem::Unauthenticated(_)
            | Problem::BadCredentials(_)
            | Problem::Expired
            | Problem::Replayed => 401,
            Problem::Forbidden(_) => 403,
            Problem::NotFound | Problem::NotSupported(_) => 404,
            Problem::MethodNotAllowed => 405,
            Problem::Conflict(_) => 409,
            Problem::Throttled { .. } => 429,
            Problem::Internal => 500,
            Problem::Unavailable => 503,
        }
    }

    /// The FHIR issue code.
    pub fn issue_code(&self) -> IssueCode {
        match self {
            Problem::Invalid(_) => IssueCode::Invalid,
            Problem::CodeInvalid(_) => IssueCode::CodeInvalid,
            Problem::Required(_) => IssueCode::Required,
            Problem::TooLarge => IssueCode::TooLong,
            Problem::UnsupportedMediaType(_)
            | Problem::NotSupported(_)
            | Problem::MethodNotAllowed => IssueCode::NotSupported,
            Problem::Unauthenticated(_) => IssueCode::Login,
            Problem::BadCredentials(_) => IssueCode::Security,
            Problem::Expired => IssueCode::Expired,
            Problem::Replayed => IssueCode::Duplicate,
            Problem::Forbidden(_) => IssueCode::Forbidden,
            Problem::NotFound => IssueCode::NotFound,
            Problem::Conflict(_) => IssueCode::Conflict,
            Problem::Throttled { .. } => IssueCode::Throttled,
            Problem::Internal => IssueCode::Exception,
            Problem::Unavailable => IssueCode::Exception,
        }
    }

    /// A short word for the audit table's outcome column.
    pub fn audit_word(&self) -> &'static str {
        match self {
            Problem::Invalid(_) | Problem::CodeInvalid(_) | Problem::Required(_) => {
                "refused:invalid"
            }
            Problem::TooLarge => "refused:too-large",
            Problem::UnsupportedMediaType(_) => "refused:media-type",
            Problem::Unauthenticated(_) => "refused:no-credentials",
            Problem::BadCredentials(_) => "refused:bad-credentials",
            Problem::Expired => "refused:expired",
            Problem::Replayed => "refused:replayed",
            Problem::Forbidden(_) => "refused:forbidden",
            Problem::NotFound => "refused:not-found",
            Problem::NotSupported(_) | Problem::MethodNotAllowed => "refused:not-supported",
            Problem::Conflict(_) => "refused:conflict",
            Problem::Throttled { .. } => "refused:throttled",
            Problem::Internal => "failed:internal",
            Problem::Unavailable => "failed:unavailable",
        }
    }
}

impl From<crate::db::Error> for Problem {
    fn from(error: crate::db::Error) -> Self {
        // The engines' messages can quote stored values, so an error goes to the log only as its
        // category, never to the caller.
        if error.is_unavailable() {
            tracing::warn!(kind = %error.kind(), "database unavailable");
            return Problem::Unavailable;
        }
        tracing::error!(kind = %error.kind(), "storage error");
        Problem::Internal
    }
}

/// Reads a JSON body into `T`, telling an unknown code apart from other malformed input.
pub fn parse_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Problem> {
    serde_json::from_slice(body).map_err(|error| {
        // serde's message names the offending variant, which may be user text; only its category is kept.
        if error.is_data() && error.to_string().contains("unknown variant") {
            Problem::CodeInvalid("a code is outside its value set".into())
        } else if error.is_data() && error.to_string().contains("missing field") {
            Problem::Required("a required element is missing".into())
        } else if error.is_data() {
            Problem::Invalid("the body does not have the expected structure".into())
        } else {
            Problem::Invalid("the body is not well-formed JSON".into())
        }
    })
}
