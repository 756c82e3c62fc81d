//! FHIR endpoints and enrollment.

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use tideline_wire::{
    AppointmentResponse, Bundle, BundleEntry, BundleLink, BundleSearch, EnrollmentRequest,
};

use super::{
    fhir_answer, fhir_response, guarded, guarded_job, json_response, parse_body, record_id,
    AppState, Inbound,
};
use crate::access::Credentials;
use crate::appointment::{self, Search};
use crate::audit::{self, AuditEntry};
use crate::confirm::{self, Confirmation};
use crate::problem::Problem;

/// Response header carrying the incremental-sync cursor of an Appointment search.
pub const CURSOR_HEADER: &str = "tideline-cursor";

pub(super) async fn metadata(State(state): State<AppState>) -> Response {
    fhir_response(
        StatusCode::OK,
        &crate::capability::statement(state.clock.now()),
    )
}

pub(super) async fn unknown_type() -> Problem {
    // The type name comes from the request, so it is not echoed back.
    Problem::NotSupported("resource type not supported by this server".into())
}

pub(super) async fn read_patient(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let id = match record_id(&id) {
        Ok(id) => id,
        Err(problem) => return problem.into_response(),
    };
    let target = format!("Patient/{id}");
    let result = guarded(
        &state,
        &inbound,
        "read Patient",
        target.clone(),
        move |conn, caller, _| Ok((crate::patient::read(conn, caller, id)?, target)),
    )
    .await;
    fhir_answer(StatusCode::OK, result)
}

pub(super) async fn read_practitioner(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let id = match record_id(&id) {
        Ok(id) => id,
        Err(problem) => return problem.into_response(),
    };
    let target = format!("Practitioner/{id}");
    let result = guarded(
        &state,
        &inbound,
        "read Practitioner",
        target.clone(),
        move |conn, caller, _| Ok((crate::staff::read_practitioner(conn, caller, id)?, target)),
    )
    .await;
    fhir_answer(StatusCode::OK, result)
}

pub(super) async fn read_appointment(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let id = match record_id(&id) {
        Ok(id) => id,
        Err(problem) => return problem.into_response(),
    };
    let result = guarded(
        &state,
        &inbound,
        "read Appointment",
        format!("Appointment/{id}"),
        move |conn, caller, _| {
            let stored = appointment::read(conn, caller, id)?;
            let target = format!("Appointment/{id} Patient/{}", stored.patient_id);
            Ok((stored, target))
        },
    )
    .await;
    match result {
        Ok(stored) => {
            let mut response = fhir_response(StatusCode::OK, stored.resource());
            if let Ok(etag) = HeaderValue::from_str(&format!(
                "W/\"{}\"",
                stored.resource().meta.version_id.as_deref().unwrap_or("0")
            )) {
                response.headers_mut().insert(header::ETAG, etag);
            }
            response
        }
        Err(problem) => problem.into_response(),
    }
}

/// Bounds on a session start: `[from, before)`, either side open.
type StartBounds = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// One `date` parameter turned into bounds on the session start.
fn date_bounds(value: &str) -> Result<StartBounds, Problem> {
    let invalid = || {
        Problem::Invalid("date must be [ge|gt|le|lt|eq]YYYY-MM-DD or an RFC 3339 instant".into())
    };
    let (prefix, rest) = match value.get(..2) {
        Some(prefix @ ("ge" | "gt" | "le" | "lt" | "eq")) => (prefix, &value[2..]),
        _ => ("eq", value),
    };
    // A plain date is the whole UTC day; an instant is that instant.
    let (start, end) = if let Ok(day) = NaiveDate::parse_from_str(rest, "%Y-%m-%d") {
        let start = day.and_hms_opt(0, 0, 0).ok_or_else(invalid)?.and_utc();
        // Checked: chrono reads dates out to the year 262142, whose next day does not exist.
        let end = start
            .checked_add_signed(Duration::days(1))
            .ok_or_else(invalid)?;
        (start, end)
    } else {
        let at = DateTime::parse_from_rfc3339(rest)
            .map_err(|_| invalid())?
            .with_timezone(&Utc);
        let end = at
            .checked_add_signed(Duration::seconds(1))
            .ok_or_else(invalid)?;
        (at, end)
    };
    Ok(match prefix {
        "ge" => (Some(start), None),
        "gt" => (Some(end), None),
        "lt" => (None, Some(start)),
        "le" => (None, Some(end)),
        _ => (Some(start), Some(end)),
    })
}

fn parse_search(pairs: &[(String, String)]) -> Result<Search, Problem> {
    let mut search = Search {
        limit: 200,
        ..Search::default()
    };
    for (name, value) in pairs {
        match name.as_str() {
            "patient" => {
                let id = value.strip_prefix("Patient/").unwrap_or(value);
                search.patient_id = Some(
                    id.parse()
                        .map_err(|_| Problem::Invalid("patient must be Patient/<id>".into()))?,
                );
            }
            "date" => {
                let (from, before) = date_bounds(value)?;
                if let Some(from) = from {
                    search.starts_from = Some(search.starts_from.map_or(from, |old| old.max(from)));
                }
                if let Some(before) = before {
                    search.starts_before =
                        Some(search.starts_before.map_or(before, |old| old.min(before)));
                }
            }
            "_cursor" => {
                search.after_cursor = Some(value.parse().map_err(|_| {
                    Problem::Invalid(
                        "_cursor must be the value of a previous Tideline-Cursor".into(),
                    )
                })?);
            }
            "_count" => {
                search.limit = value
                    .parse()
                    .map_err(|_| Problem::Invalid("_count must be a number".into()))?;
            }
            _ => return Err(Problem::Invalid("unsupported search parameter".into())),
        }
    }
    Ok(search)
}

pub(super) async fn search_appointments(
    State(state): State<AppState>,
    inbound: Inbound,
) -> Response {
    let query = inbound
        .path_and_query
        .split_once('?')
        .map_or("", |(_, query)| query)
        .to_owned();
    let parsed = serde_urlencoded_pairs(&query).and_then(|pairs| parse_search(&pairs));
    let if_none_match = inbound
        .headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let result = guarded(
        &state,
        &inbound,
        "search Appointment",
        "Appointment?".into(),
        move |conn, caller, now| {
            let search = parsed?;
            let found = appointment::search(conn, caller, &search)?;
            let scope = match (caller, search.patient_id) {
                (crate::access::Caller::Device { patient_id, .. }, _) => {
                    format!("Patient/{patient_id}")
                }
                (_, Some(patient_id)) => format!("Patient/{patient_id}"),
                _ => "clinic".to_owned(),
            };
            let target = format!("Appointment? {scope} results={}", found.appointments.len());
            Ok(((found, search, now), target))
        },
    )
    .await;
    let (found, search, now) = match result {
        Ok(value) => value,
        Err(problem) => return problem.into_response(),
    };
    let etag = format!("W/\"{}\"", found.cursor);
    let mut links = vec![BundleLink {
        relation: "self".into(),
        url: inbound.path_and_query.clone(),
    }];
    if found.more {
        let mut next = String::from("/fhir/Appointment?");
        if let Some(patient) = search.patient_id {
            next.push_str(&format!("patient=Patient/{patient}&"));
        }
        next.push_str(&format!("_cursor={}&_count={}", found.cursor, search.limit));
        links.push(BundleLink {
            relation: "next".into(),
            url: next,
        });
    }
    let mut response =
        if if_none_match.as_deref() == Some(etag.as_str()) && found.appointments.is_empty() {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let entries = found
                .appointments
                .iter()
                .map(|stored| BundleEntry {
                    full_url: format!("/fhir/Appointment/{}", stored.id),
                    resource: stored.resource().clone(),
                    search: BundleSearch {
                        mode: "match".into(),
                    },
                })
                .collect();
            fhir_response(StatusCode::OK, &Bundle::searchset(now, entries, links))
        };
    if let Ok(value) = HeaderValue::from_str(&etag) {
        response.headers_mut().insert(header::ETAG, value);
    }
    response
        .headers_mut()
        .insert(CURSOR_HEADER, HeaderValue::from(found.cursor));
    response
}

pub(super) fn serde_urlencoded_pairs(query: &str) -> Result<Vec<(String, String)>, Problem> {
    let uri: axum::http::Uri = format!("/?{query}")
        .parse()
        .map_err(|_| Problem::Invalid("the query string is malformed".into()))?;
    Query::<Vec<(String, String)>>::try_from_uri(&uri)
        .map(|Query(pairs)| pairs)
        .map_err(|_| Problem::Invalid("the query string is malformed".into()))
}

pub(super) async fn create_appointment_response(
    State(state): State<AppState>,
    inbound: Inbound,
) -> Response {
    // Parsed here, off the store thread; a parse failure is reported only after the caller is known, so
    // that it is audited against them and an anonymous caller learns nothing about the body.
    let parsed: Result<AppointmentResponse, Problem> = inbound
        .require_json(true)
        .and_then(|()| parse_body(&inbound.body));
    let credentials = inbound.credentials();
    // Checked here, off the writer, against the key the store last read for the device.
    let early = state.store.device_keys().check(&credentials);
    // A well-formed device confirmation may go with others in one statement (crate::confirm).
    let grouped = match &credentials {
        Credentials::Device(proof) => Confirmation::eligible(
            proof,
            early.as_ref(),
            parsed.as_ref(),
            &inbound.address,
            state.clock.clone(),
        ),
        _ => None,
    };
    let job = guarded_job(
        &state,
        &inbound,
        (credentials, early),
        confirm::ACTION,
        confirm::TARGET.into(),
        move |conn, caller, now| {
            let answer = parsed?;
            let stored = crate::response::create(conn, caller, &answer, now)?;
            let target = format!(
                "AppointmentResponse/{} {}",
                stored.resource.id.as_deref().unwrap_or("?"),
                stored.resource.appointment.reference
            );
            Ok((stored, target))
        },
    );
    let result = match grouped {
        Some(item) => state.store.confirm(item, job).await,
        None => state.store.run(job).await.and_then(|result| result),
    };
    match result {
        Ok(stored) => {
            // The same status and body on a replay: the app cannot tell, and need not.
            let mut response = fhir_response(StatusCode::CREATED, &stored.resource);
            if let Ok(location) = HeaderValue::from_str(&format!(
                "/fhir/AppointmentResponse/{}",
                stored.resource.id.as_deref().unwrap_or("")
            )) {
                response.headers_mut().insert(header::LOCATION, location);
            }
            response
        }
        Err(problem) => problem.into_response(),
    }
}

pub(super) async fn enroll(State(state): State<AppState>, inbound: Inbound) -> Response {
    let parsed: Result<EnrollmentRequest, Problem> = inbound
        .require_json(false)
        .and_then(|()| parse_body(&inbound.body));
    let address = inbound.address.clone();
    let clock = state.clock.clone();
    let result = state
        .store
        .run(move |conn| {
            let now = clock.now();
            let attempt = match &parsed {
                Ok(request) => crate::enrollment::redeem(conn, &address, request, now)?,
                Err(problem) => Err(problem.clone()),
            };
            let (actor, target, outcome) = match &attempt {
                Ok((response, patient_id)) => (
                    format!("device:{}", response.device_id),
                    format!("Patient/{patient_id}"),
                    "allowed",
                ),
                Err(problem) => (
                    "anonymous".to_owned(),
                    "enrollment-code".to_owned(),
                    problem.audit_word(),
                ),
            };
            let entry = AuditEntry {
                actor,
                action: "enroll".into(),
                target,
                outcome: outcome.into(),
                address: address.clone(),
            };
            audit::append(conn, now, &entry)?;
            Ok(attempt)
        })
        .await;
    match result {
        Ok(Ok((response, _))) => json_response(StatusCode::CREATED, &response),
        Ok(Err(problem)) | Err(problem) => problem.into_response(),
    }
}
