//! The HTTP surface: FHIR under `/fhir`, enrollment at `/enroll`, staff operations under `/staff`.
//!
//! Every handler gathers the request into an [`Inbound`], and every access to patient data goes through
//! [`guarded`]: one store job that authenticates the caller, runs the operation in its own savepoint
//! and writes the audit row, so the work and its audit row commit together, and a refusal (however it
//! arises) leaves only its audit row behind.

mod device_self;
mod fhir;
pub mod program;
mod share;
pub mod staff_schedule {
    //! The schedule request shared by the staff endpoint and the CLI.
    pub use super::staff::ScheduleRequest;
}
mod staff;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use crate::db::Connection;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequest, MatchedPath, Request};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::{DateTime, Utc};
use ring::digest::{digest, SHA256};
use serde::Serialize;
use tideline_wire::{hex, signing, OperationOutcome, FHIR_JSON};

use crate::access::{authenticate_early, Caller, Credentials, DeviceProof, EarlyCheck};
use crate::audit::{self, AuditEntry};
use crate::clock::Clock;
use crate::problem::Problem;
use crate::store::{atomically, Store, Work};

/// The largest body the server reads; every legitimate request is far smaller.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// What every handler shares.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The time.
    pub clock: Arc<dyn Clock>,
    /// Whether clients reach the server over TLS, its own or a proxy's the operator vouched for with
    /// `--behind-tls-proxy` (the portal's session cookie is `Secure` and HSTS is sent only then; plain
    /// HTTP without it is served to loopback clients only).
    pub tls: bool,
}

/// The page a browser refused for plain HTTP from another computer sees, made from its request headers.
pub type RefusedPage = fn(&HeaderMap) -> Response;

/// The staff portal as the router mounts it: its routes, and the page a browser refused for plain
/// HTTP from another computer sees (`crate::portal` supplies both; the API layer does not know it).
#[derive(Debug)]
pub struct Portal {
    /// The portal's routes (under `/portal`).
    pub routes: Router<AppState>,
    /// The portal's page for a refused plain-HTTP request (given the request's headers, for its
    /// language).
    pub refused: RefusedPage,
}

/// Builds the whole router: the API, and `portal` mounted beside it under the same transport rule.
pub fn router(state: AppState, portal: Portal) -> Router {
    let refused = portal.refused;
    Router::new()
        .route("/fhir/metadata", get(fhir::metadata))
        .route("/fhir/Patient/{id}", get(fhir::read_patient))
        .route("/fhir/Practitioner/{id}", get(fhir::read_practitioner))
        .route("/fhir/Appointment", get(fhir::search_appointments))
        .route("/fhir/Appointment/{id}", get(fhir::read_appointment))
        .route(
            "/fhir/AppointmentResponse",
            post(fhir::create_appointment_response),
        )
        .route("/fhir/{kind}", axum::routing::any(fhir::unknown_type))
        .route("/fhir/{kind}/{id}", axum::routing::any(fhir::unknown_type))
        .route("/enroll", post(fhir::enroll))
        .merge(staff::routes())
        .merge(program::routes())
        .merge(share::routes())
        .merge(device_self::routes())
        .merge(portal.routes)
        .fallback(|| async { Problem::NotSupported("no such endpoint".into()) })
        .method_not_allowed_fallback(|| async { Problem::MethodNotAllowed })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(
            (state.clone(), refused),
            transport,
        ))
        .layer(middleware::from_fn(log_request))
        .with_state(state)
}

/// How long browsers remember to use HTTPS only (two years).
pub const HSTS: &str = "max-age=63072000";

/// Plain HTTP is for this computer only: any other client is refused before anything else runs, unless
/// the server speaks TLS or the operator said a TLS proxy is in front. Over TLS every answer carries
/// HSTS.
async fn transport(
    axum::extract::State((state, portal_refused)): axum::extract::State<(AppState, RefusedPage)>,
    request: Request,
    next: Next,
) -> Response {
    if !state.tls {
        let loopback = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .is_some_and(|info| info.0.ip().is_loopback());
        if !loopback {
            if request.uri().path().starts_with("/portal") {
                return portal_refused(request.headers());
            }
            return Problem::Forbidden("plain HTTP is served to this computer only; use HTTPS")
                .into_response();
        }
        return next.run(request).await;
    }
    let mut response = next.run(request).await;
    response.headers_mut().insert(
        header::STRICT_TRANSPORT_SECURITY,
        HeaderValue::from_static(HSTS),
    );
    response
}

/// Logs method, route template, status and latency: the template (`/fhir/Patient/{id}`) rather than the
/// path keeps record ids, and with them anything about a patient, out of the log.
async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |path| path.as_str().to_owned());
    let started = Instant::now();
    let response = next.run(request).await;
    tracing::debug!(%method, %route, status = response.status().as_u16(),
        micros = started.elapsed().as_micros() as u64, "request");
    response
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let outcome = OperationOutcome::error(self.issue_code(), self.to_string());
        let mut response = fhir_response(status, &outcome);
        if let Problem::Throttled {
            retry_after_seconds,
        } = self
        {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_seconds));
        }
        response
    }
}

/// A FHIR body on success, the problem's OperationOutcome otherwise.
pub fn fhir_answer<T: Serialize>(status: StatusCode, result: Result<T, Problem>) -> Response {
    match result {
        Ok(value) => fhir_response(status, &value),
        Err(problem) => problem.into_response(),
    }
}

/// A JSON body with the FHIR media type.
pub fn fhir_response<T: Serialize>(status: StatusCode, body: &T) -> Response {
    json_with_type(status, body, FHIR_JSON)
}

/// A JSON body with `application/json` (enrollment and staff endpoints).
pub fn json_response<T: Serialize>(status: StatusCode, body: &T) -> Response {
    json_with_type(status, body, "application/json")
}

fn json_with_type<T: Serialize>(status: StatusCode, body: &T, media: &'static str) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (
            status,
            [(header::CONTENT_TYPE, HeaderValue::from_static(media))],
            bytes,
        )
            .into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// One request, as every handler needs it.
#[derive(Debug)]
pub struct Inbound {
    /// Method.
    pub method: Method,
    /// The request target as received (signed by devices).
    pub path_and_query: String,
    /// Headers.
    pub headers: HeaderMap,
    /// The peer's IP address (no port: the audit says from where, not which socket).
    pub address: String,
    /// The body.
    pub body: Bytes,
}

impl<S: Send + Sync> FromRequest<S> for Inbound {
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let address = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map_or_else(|| "unknown".to_owned(), |info| info.0.ip().to_string());
        let method = request.method().clone();
        let path_and_query = request
            .uri()
            .path_and_query()
            .map_or_else(|| "/".to_owned(), |pq| pq.as_str().to_owned());
        let headers = request.headers().clone();
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    Problem::TooLarge
                } else {
                    Problem::Invalid("the body could not be read".into())
                }
            })?;
        Ok(Inbound {
            method,
            path_and_query,
            headers,
            address,
            body,
        })
    }
}

impl Inbound {
    /// The credentials the request carries: a bearer token, or signed-request headers.
    pub fn credentials(&self) -> Credentials {
        let text = |name: &str| {
            self.headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned)
        };
        if let Some(authorization) = text(header::AUTHORIZATION.as_str()) {
            return match authorization.strip_prefix("Bearer ") {
                Some(token) => Credentials::Bearer(token.trim().to_owned()),
                None => Credentials::Bearer(String::new()),
            };
        }
        let Some(device_id) = text(signing::DEVICE_HEADER) else {
            return Credentials::None;
        };
        Credentials::Device(DeviceProof {
            device_id,
            timestamp: text(signing::TIMESTAMP_HEADER).unwrap_or_default(),
            nonce: text(signing::NONCE_HEADER).unwrap_or_default(),
            signature: text(signing::SIGNATURE_HEADER).unwrap_or_default(),
            method: self.method.as_str().to_owned(),
            path_and_query: self.path_and_query.clone(),
            body_sha256_hex: hex::encode(digest(&SHA256, &self.body).as_ref()),
        })
    }

    /// Fails unless the content type is JSON of the expected kind (`fhir`: FHIR JSON or plain JSON;
    /// otherwise plain JSON only). Parameters such as `charset` are ignored.
    pub fn require_json(&self, fhir: bool) -> Result<(), Problem> {
        let media = self
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(';').next())
            .map(|value| value.trim().to_ascii_lowercase());
        match media.as_deref() {
            Some("application/json") => Ok(()),
            Some(FHIR_JSON) if fhir => Ok(()),
            _ if fhir => Err(Problem::UnsupportedMediaType(FHIR_JSON)),
            _ => Err(Problem::UnsupportedMediaType("application/json")),
        }
    }
}

/// Authenticates, runs `operation` atomically and audits the outcome, all in one store job.
///
/// `operation` returns its value and the audit target (record ids only). `target_hint` names the
/// record for refusals that happen before the operation knows more.
pub async fn guarded<T, F>(
    state: &AppState,
    inbound: &Inbound,
    action: &'static str,
    target_hint: String,
    operation: F,
) -> Result<T, Problem>
where
    T: Send + 'static,
    F: FnOnce(&Connection, &Caller, DateTime<Utc>) -> Result<(T, String), Problem> + Send + 'static,
{
    let credentials = inbound.credentials();
    // The signature is checked here, on the thread that received the request, against the key the
    // store last read; the job uses that answer only if the device row still holds that key.
    let early = state.store.device_keys().check(&credentials);
    let job = guarded_job(
        state,
        inbound,
        (credentials, early),
        action,
        target_hint,
        operation,
    );
    state.store.run(job).await?
}

/// The store job of [`guarded`], for a request whose credentials (and early signature check) the
/// caller already has.
pub fn guarded_job<T, F>(
    state: &AppState,
    inbound: &Inbound,
    (credentials, early): (Credentials, Option<EarlyCheck>),
    action: &'static str,
    target_hint: String,
    operation: F,
) -> Work<T>
where
    T: Send + 'static,
    F: FnOnce(&Connection, &Caller, DateTime<Utc>) -> Result<(T, String), Problem> + Send + 'static,
{
    let keys = state.store.device_keys();
    let address = inbound.address.clone();
    let clock = state.clock.clone();
    Box::new(move |conn| {
        let now = clock.now();
        let entry = |actor: String, target: String, outcome: &str| AuditEntry {
            actor,
            action: action.to_owned(),
            target,
            outcome: outcome.to_owned(),
            address: address.clone(),
        };
        let caller = match authenticate_early(conn, &credentials, now, (&keys, early.as_ref())) {
            Ok(caller) => caller,
            Err(refused) => {
                audit::append(
                    conn,
                    now,
                    &entry(refused.claimed, target_hint, refused.problem.audit_word()),
                )?;
                return Ok(Err(refused.problem));
            }
        };
        match atomically(conn, |conn| operation(conn, &caller, now)) {
            Ok((value, target)) => {
                audit::append(conn, now, &entry(caller.actor(), target, "allowed"))?;
                Ok(Ok(value))
            }
            Err(problem) => {
                audit::append(
                    conn,
                    now,
                    &entry(caller.actor(), target_hint, problem.audit_word()),
                )?;
                Ok(Err(problem))
            }
        }
    })
}

/// Parses a numeric record id from a path segment; anything else cannot name a record.
pub fn record_id(text: &str) -> Result<i64, Problem> {
    text.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(Problem::NotFound)
}

pub use crate::problem::parse_body;
