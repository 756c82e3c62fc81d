//! Staff operations over HTTP (JSON, bearer token). The same functions back the CLI.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc, Weekday};
use serde::{Deserialize, Serialize};
use tideline_wire::AppointmentStatus;

use super::{fhir_response, guarded, json_response, parse_body, record_id, AppState, Inbound};
use crate::access::Caller;
use crate::audit::{self, AuditEntry};
use crate::problem::Problem;
use crate::program::Recurrence;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/staff/sign-in", post(sign_in))
        .route("/staff/accounts", post(create_account))
        .route("/staff/patients", post(create_patient))
        .route("/staff/patients/{id}/enrollment-codes", post(issue_code))
        .route("/staff/patients/{id}/devices", get(list_devices))
        .route("/staff/programs", post(create_program))
        .route("/staff/programs/{id}/members", post(add_member))
        .route("/staff/programs/{id}/sessions", post(schedule))
        .route(
            "/staff/appointments/{id}/attendance",
            post(record_attendance),
        )
        .route("/staff/devices/{id}/revoke", post(revoke_device))
        .route("/staff/audit/verify", get(verify_audit))
}

fn staff_clinic(caller: &Caller) -> Result<i64, Problem> {
    match caller {
        Caller::Staff { clinic_id, .. } => Ok(*clinic_id),
        _ => Err(Problem::Forbidden("staff operations need a staff token")),
    }
}

fn body<T: serde::de::DeserializeOwned>(inbound: &Inbound) -> Result<T, Problem> {
    inbound.require_json(false)?;
    parse_body(&inbound.body)
}

fn answer<T: Serialize>(status: StatusCode, result: Result<T, Problem>) -> Response {
    match result {
        Ok(value) => json_response(status, &value),
        Err(problem) => problem.into_response(),
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SignIn {
    email: String,
    password: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Token {
    token: String,
    expires_at: DateTime<Utc>,
}

fn sign_in_row(actor: String, outcome: &str, address: &str) -> AuditEntry {
    AuditEntry {
        actor,
        action: "sign-in".into(),
        target: "staff".into(),
        outcome: outcome.into(),
        address: address.to_owned(),
    }
}

/// Staff sign-in over JSON, with the portal's lockout (per email and per address) and its handling of an
/// unknown email (the decoy hash, so it costs the same Argon2 work). A locked sign-in runs no Argon2.
async fn sign_in(State(state): State<AppState>, inbound: Inbound) -> Response {
    let request: SignIn = match body(&inbound) {
        Ok(request) => request,
        Err(problem) => return problem.into_response(),
    };
    let (email, address, clock) = (
        request.email.clone(),
        inbound.address.clone(),
        state.clock.clone(),
    );
    let found = state
        .store
        .run(move |conn| {
            let now = clock.now();
            if let Some(seconds) = crate::portal::session::locked_for(conn, &email, &address, now)?
            {
                audit::append(
                    conn,
                    now,
                    &sign_in_row("unverified:staff".into(), "refused:locked", &address),
                )?;
                let retry_after_seconds = u64::try_from(seconds).unwrap_or(1);
                return Ok(Err(Problem::Throttled {
                    retry_after_seconds,
                }));
            }
            Ok(Ok(crate::staff::credentials_for(conn, &email)?))
        })
        .await;
    let account = match found {
        Ok(Ok(account)) => account,
        Ok(Err(problem)) | Err(problem) => return problem.into_response(),
    };
    let password = request.password;
    // Argon2 takes tens of milliseconds: off the runtime and off the store thread.
    let verified =
        tokio::task::spawn_blocking(move || crate::staff::check_sign_in(account, &password))
            .await
            .unwrap_or(None);
    let (email, address, clock) = (request.email, inbound.address.clone(), state.clock.clone());
    let result = state
        .store
        .run(move |conn| {
            let now = clock.now();
            let Some(staff_id) = verified else {
                crate::portal::session::record_failure(conn, &email, &address, now)?;
                let row = sign_in_row(
                    "unverified:staff".into(),
                    "refused:bad-credentials",
                    &address,
                );
                audit::append(conn, now, &row)?;
                return Ok(Err(Problem::BadCredentials("email or password is wrong")));
            };
            crate::portal::session::clear_failures(conn, &email)?;
            let token = crate::staff::issue_token(conn, staff_id, now)?;
            audit::append(
                conn,
                now,
                &sign_in_row(format!("staff:{staff_id}"), "allowed", &address),
            )?;
            Ok(Ok(token))
        })
        .await;
    match result {
        Ok(Ok((token, expires_at))) => json_response(StatusCode::OK, &Token { token, expires_at }),
        Ok(Err(problem)) | Err(problem) => problem.into_response(),
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct NewAccount {
    email: String,
    display_name: String,
    password: String,
    #[serde(default)]
    admin: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Created {
    id: i64,
}

/// Whether the request's bearer token belongs to an administrator, looked up by its SHA-256 only (no
/// Argon2, no side effect); the real check and its audit row come after, in [`guarded`].
async fn bearer_is_admin(state: &AppState, inbound: &Inbound) -> bool {
    let crate::access::Credentials::Bearer(token) = inbound.credentials() else {
        return false;
    };
    let clock = state.clock.clone();
    state
        .store
        .run(move |conn| crate::staff::resolve_token(conn, &token, clock.now()))
        .await
        .is_ok_and(|caller| matches!(caller, Some(Caller::Staff { admin: true, .. })))
}

async fn create_account(State(state): State<AppState>, inbound: Inbound) -> Response {
    if !bearer_is_admin(&state, &inbound).await {
        // Refused before hashing, so nobody but an administrator can make the server run Argon2.
        let result: Result<(), Problem> = guarded(
            &state,
            &inbound,
            "create staff",
            "staff".into(),
            |_, caller, _| {
                let clinic_id = staff_clinic(caller)?;
                caller.may_administer(clinic_id)?;
                Ok(((), String::new()))
            },
        )
        .await;
        return result
            .err()
            .unwrap_or(Problem::Forbidden("administrators only"))
            .into_response();
    }
    let request: Result<NewAccount, Problem> = body(&inbound);
    let hashed = match request {
        Ok(request) => {
            let password = request.password.clone();
            tokio::task::spawn_blocking(move || crate::staff::hash_password(&password))
                .await
                .unwrap_or(Err(Problem::Internal))
                .map(|hash| (request, hash))
        }
        Err(problem) => Err(problem),
    };
    let result = guarded(
        &state,
        &inbound,
        "create staff",
        "staff".into(),
        move |conn, caller, now| {
            let clinic_id = staff_clinic(caller)?;
            let (request, password_hash) = hashed?;
            let new = crate::staff::NewStaff {
                clinic_id,
                email: request.email,
                display_name: request.display_name,
                password_hash,
                admin: request.admin,
            };
            let id = crate::staff::create_staff(conn, caller, &new, now)?;
            Ok((Created { id }, format!("Practitioner/{id}")))
        },
    )
    .await;
    answer(StatusCode::CREATED, result)
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct NewPatient {
    given_name: String,
    family_name: String,
}

async fn create_patient(State(state): State<AppState>, inbound: Inbound) -> Response {
    let request: Result<NewPatient, Problem> = body(&inbound);
    let result = guarded(
        &state,
        &inbound,
        "create Patient",
        "Patient".into(),
        move |conn, caller, now| {
            let clinic_id = staff_clinic(caller)?;
            let request = request?;
            let id = crate::patient::create(
                conn,
                caller,
                clinic_id,
                &request.given_name,
                &request.family_name,
                now,
            )?;
            Ok((Created { id }, format!("Patient/{id}")))
        },
    )
    .await;
    answer(StatusCode::CREATED, result)
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Code {
    code: String,
    expires_at: DateTime<Utc>,
}

async fn issue_code(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let result = match record_id(&id) {
        Ok(patient_id) => {
            guarded(
                &state,
                &inbound,
                "issue enrollment code",
                format!("Patient/{patient_id}"),
                move |conn, caller, now| {
                    staff_clinic(caller)?;
                    let issued = crate::enrollment::issue_code(conn, caller, patient_id, now)?;
                    Ok((
                        Code {
                            code: issued.code,
                            expires_at: issued.expires_at,
                        },
                        format!("Patient/{patient_id}"),
                    ))
                },
            )
            .await
        }
        Err(problem) => Err(problem),
    };
    answer(StatusCode::CREATED, result)
}

async fn list_devices(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let result = match record_id(&id) {
        Ok(patient_id) => {
            guarded(
                &state,
                &inbound,
                "list devices",
                format!("Patient/{patient_id}"),
                move |conn, caller, _| {
                    staff_clinic(caller)?;
                    Ok((
                        crate::enrollment::list_devices(conn, caller, patient_id)?,
                        format!("Patient/{patient_id}"),
                    ))
                },
            )
            .await
        }
        Err(problem) => Err(problem),
    };
    answer(StatusCode::OK, result)
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct NewProgram {
    name: String,
    time_zone: String,
    #[serde(default)]
    level: Option<tideline_wire::care::LevelOfCare>,
    #[serde(default)]
    weekly_target_minutes: Option<u32>,
}

async fn create_program(State(state): State<AppState>, inbound: Inbound) -> Response {
    let request: Result<NewProgram, Problem> = body(&inbound);
    let result = guarded(
        &state,
        &inbound,
        "create program",
        "program".into(),
        move |conn, caller, _| {
            let clinic_id = staff_clinic(caller)?;
            let request = request?;
            let spec = crate::program::ProgramSpec {
                name: request.name,
                time_zone: request.time_zone,
                level: request
                    .level
                    .unwrap_or(tideline_wire::care::LevelOfCare::Iop),
                weekly_target_minutes: request.weekly_target_minutes,
            };
            let id = crate::program::create_program(conn, caller, clinic_id, &spec)?;
            Ok((Created { id }, format!("program/{id}")))
        },
    )
    .await;
    answer(StatusCode::CREATED, result)
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct NewMember {
    patient_id: i64,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Count {
    created: usize,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Scheduled {
    created: usize,
    sessions: Vec<i64>,
}

async fn add_member(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let request: Result<NewMember, Problem> = body(&inbound);
    let result = match record_id(&id) {
        Ok(program_id) => {
            guarded(
                &state,
                &inbound,
                "add program member",
                format!("program/{program_id}"),
                move |conn, caller, now| {
                    staff_clinic(caller)?;
                    let request = request?;
                    let created = crate::program::add_member(
                        conn,
                        caller,
                        program_id,
                        request.patient_id,
                        now,
                    )?;
                    Ok((
                        Count { created },
                        format!("program/{program_id} Patient/{}", request.patient_id),
                    ))
                },
            )
            .await
        }
        Err(problem) => Err(problem),
    };
    answer(StatusCode::OK, result)
}

/// A schedule request: `{"firstDay": "2026-03-02", "weeks": 8, "weekdays": ["mon","wed","fri"],
/// "start": "18:00", "end": "21:00"}`; without weekdays, one session on `firstDay`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScheduleRequest {
    /// First day.
    pub first_day: NaiveDate,
    /// Weeks (default 1).
    #[serde(default = "one_week")]
    pub weeks: u32,
    /// `mon` … `sun`.
    #[serde(default)]
    pub weekdays: Vec<String>,
    /// `HH:MM` local.
    pub start: String,
    /// `HH:MM` local.
    pub end: String,
    /// The last day, instead of a number of weeks.
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
    /// The kind of session (default group therapy).
    #[serde(default)]
    pub kind: Option<tideline_wire::care::SessionKind>,
    /// Topic.
    #[serde(default)]
    pub topic: Option<String>,
    /// Room or address.
    #[serde(default)]
    pub place: Option<String>,
    /// Video link (https).
    #[serde(default)]
    pub video_link: Option<String>,
}

fn one_week() -> u32 {
    1
}

impl ScheduleRequest {
    /// The recurrence it describes.
    pub fn recurrence(&self) -> Result<Recurrence, Problem> {
        let time = |text: &str| {
            NaiveTime::parse_from_str(text, "%H:%M")
                .map_err(|_| Problem::Invalid("times must be HH:MM".into()))
        };
        let weekdays = self
            .weekdays
            .iter()
            .map(|day| {
                day.parse::<Weekday>()
                    .map_err(|_| Problem::CodeInvalid("weekdays must be mon … sun".into()))
            })
            .collect::<Result<_, _>>()?;
        if self.end_date.is_some() && self.weekdays.is_empty() {
            return Err(Problem::Invalid(
                "an end date needs weekdays to repeat on".into(),
            ));
        }
        Ok(Recurrence {
            first_day: self.first_day,
            weeks: self.weeks,
            last_day: self.end_date,
            weekdays,
            start: time(&self.start)?,
            end: time(&self.end)?,
        })
    }
}

async fn schedule(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let request: Result<ScheduleRequest, Problem> = body(&inbound);
    let result = match record_id(&id) {
        Ok(program_id) => {
            guarded(
                &state,
                &inbound,
                "schedule sessions",
                format!("program/{program_id}"),
                move |conn, caller, now| {
                    staff_clinic(caller)?;
                    let request = request?;
                    let recurrence = request.recurrence()?;
                    let details = super::program::details(
                        request.kind,
                        request.topic,
                        request.place,
                        request.video_link,
                    )?;
                    let ids = crate::program::schedule_sessions(
                        conn,
                        caller,
                        program_id,
                        &recurrence,
                        &details,
                        now,
                    )?;
                    Ok((
                        Scheduled {
                            created: ids.len(),
                            sessions: ids,
                        },
                        format!("program/{program_id}"),
                    ))
                },
            )
            .await
        }
        Err(problem) => Err(problem),
    };
    answer(StatusCode::CREATED, result)
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Attendance {
    status: AppointmentStatus,
}

async fn record_attendance(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let request: Result<Attendance, Problem> = body(&inbound);
    let result = match record_id(&id) {
        Ok(appointment_id) => {
            guarded(
                &state,
                &inbound,
                "record attendance",
                format!("Appointment/{appointment_id}"),
                move |conn, caller, now| {
                    staff_clinic(caller)?;
                    let request = request?;
                    let stored = crate::appointment::record_attendance(
                        conn,
                        caller,
                        appointment_id,
                        request.status,
                        now,
                    )?;
                    let target =
                        format!("Appointment/{appointment_id} Patient/{}", stored.patient_id);
                    Ok((stored, target))
                },
            )
            .await
        }
        Err(problem) => Err(problem),
    };
    match result {
        Ok(stored) => fhir_response(StatusCode::OK, stored.resource()),
        Err(problem) => problem.into_response(),
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Revoked {
    revoked: bool,
}

async fn revoke_device(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let result = match record_id(&id) {
        Ok(device_id) => {
            guarded(
                &state,
                &inbound,
                "revoke device",
                format!("device/{device_id}"),
                move |conn, caller, now| {
                    staff_clinic(caller)?;
                    let patient_id =
                        crate::enrollment::revoke_device(conn, caller, device_id, now)?;
                    Ok((
                        Revoked { revoked: true },
                        format!("device/{device_id} Patient/{patient_id}"),
                    ))
                },
            )
            .await
        }
        Err(problem) => Err(problem),
    };
    answer(StatusCode::OK, result)
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Verified {
    intact: bool,
    rows: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    broken_at: Option<i64>,
}

async fn verify_audit(State(state): State<AppState>, inbound: Inbound) -> Response {
    let result = guarded(
        &state,
        &inbound,
        "verify audit",
        "audit".into(),
        move |conn, caller, now| {
            caller.may_administer(staff_clinic(caller)?)?;
            let verified = match audit::verify_and_checkpoint(conn, now) {
                Ok(verified) => Verified {
                    intact: true,
                    rows: verified.rows,
                    broken_at: None,
                },
                Err(audit::AuditBreak::Unreadable) => return Err(Problem::Internal),
                Err(broken) => Verified {
                    intact: false,
                    rows: 0,
                    broken_at: Some(broken.row()),
                },
            };
            Ok((verified, "audit".to_owned()))
        },
    )
    .await;
    answer(StatusCode::OK, result)
}
