//! Running a program over HTTP (JSON, bearer token): programs, sessions, rosters and attendance, the
//! course of care, the worklist and the attendance report. Each handler parses, then calls the same
//! domain function the portal's form calls, inside [`guarded`] (authenticated, atomic, audited).

use crate::db::Connection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use tideline_wire::care::{Attendance, LevelOfCare, Place, SessionKind};

use super::{guarded, json_response, parse_body, record_id, AppState, Inbound};
use crate::access::Caller;
use crate::problem::Problem;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/staff/programs", get(list_programs))
        .route("/staff/sessions", get(sessions_on_day))
        .route("/staff/sessions/{id}/roster", get(roster))
        .route("/staff/sessions/{id}/cancel", post(cancel))
        .route("/staff/sessions/{id}/move", post(move_session))
        .route("/staff/appointments/{id}/mark", post(mark))
        .route(
            "/staff/patients/{id}/care-levels",
            get(care_levels).post(set_level),
        )
        .route("/staff/patients/{id}/discharge", post(discharge))
        .route("/fhir/EpisodeOfCare", get(search_episodes))
        .route("/staff/worklist", get(worklist))
        .route("/staff/programs/{id}/attendance-report", get(report))
}

/// The caller's clinic; only staff tokens run these.
pub fn staff_clinic(caller: &Caller) -> Result<i64, Problem> {
    match caller {
        Caller::Staff { clinic_id, .. } => Ok(*clinic_id),
        _ => Err(Problem::Forbidden("staff operations need a staff token")),
    }
}

fn body<T: serde::de::DeserializeOwned>(inbound: &Inbound) -> Result<T, Problem> {
    inbound.require_json(false)?;
    parse_body(&inbound.body)
}

fn query(inbound: &Inbound) -> Vec<(String, String)> {
    let query = inbound
        .path_and_query
        .split_once('?')
        .map_or("", |(_, q)| q);
    crate::portal::form::fields(query)
}

fn query_day(inbound: &Inbound, name: &str) -> Result<Option<NaiveDate>, Problem> {
    query(inbound)
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| {
            value
                .parse::<NaiveDate>()
                .map_err(|_| Problem::Invalid("dates are YYYY-MM-DD".into()))
        })
        .transpose()
}

async fn run<T, F>(
    state: &AppState,
    inbound: &Inbound,
    action: &'static str,
    hint: String,
    status: StatusCode,
    operation: F,
) -> Response
where
    T: Serialize + Send + 'static,
    F: FnOnce(&Connection, &Caller, DateTime<Utc>) -> Result<(T, String), Problem> + Send + 'static,
{
    match guarded(state, inbound, action, hint, operation).await {
        Ok(value) => json_response(status, &value),
        Err(problem) => problem.into_response(),
    }
}

async fn list_programs(State(state): State<AppState>, inbound: Inbound) -> Response {
    run(
        &state,
        &inbound,
        "list programs",
        "program".into(),
        StatusCode::OK,
        |conn, caller, _| {
            let programs = crate::program::list(conn, caller, staff_clinic(caller)?)?;
            Ok((programs, "program".into()))
        },
    )
    .await
}

async fn sessions_on_day(State(state): State<AppState>, inbound: Inbound) -> Response {
    let day = query_day(&inbound, "date");
    run(
        &state,
        &inbound,
        "list sessions",
        "session".into(),
        StatusCode::OK,
        move |conn, caller, now| {
            let clinic_id = staff_clinic(caller)?;
            let day = day?.unwrap_or_else(|| now.date_naive());
            Ok((
                crate::sessions::on_day(conn, caller, clinic_id, day)?,
                format!("session? date={day}"),
            ))
        },
    )
    .await
}

async fn roster(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let id = record_id(&id);
    run(
        &state,
        &inbound,
        "read roster",
        "session".into(),
        StatusCode::OK,
        move |conn, caller, _| {
            staff_clinic(caller)?;
            let id = id?;
            Ok((
                crate::sessions::roster(conn, caller, id)?,
                format!("session/{id}"),
            ))
        },
    )
    .await
}

/// `{"reason": "Facilitator ill"}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Reason {
    reason: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Done {
    ok: bool,
}

async fn cancel(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let id = record_id(&id);
    let request: Result<Reason, Problem> = body(&inbound);
    run(
        &state,
        &inbound,
        "cancel session",
        "session".into(),
        StatusCode::OK,
        move |conn, caller, now| {
            staff_clinic(caller)?;
            let id = id?;
            crate::sessions::cancel(conn, caller, id, &request?.reason, now)?;
            Ok((Done { ok: true }, format!("session/{id}")))
        },
    )
    .await
}

/// `{"day": "2026-03-05", "start": "18:00", "end": "21:00", "reason": "Room change"}` (local times).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MoveRequest {
    /// The new day in the program's zone.
    pub day: NaiveDate,
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM`.
    pub end: String,
    /// Why.
    pub reason: String,
}

/// Parses `HH:MM`.
pub fn time(text: &str) -> Result<NaiveTime, Problem> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|_| Problem::Invalid("times must be HH:MM".into()))
}

/// Moves a session as a [`MoveRequest`] asks (shared with the portal's form).
pub fn move_as_requested(
    conn: &Connection,
    caller: &Caller,
    session_id: i64,
    request: &MoveRequest,
    now: DateTime<Utc>,
) -> Result<(), Problem> {
    let (start, end) = crate::sessions::local_times(
        conn,
        session_id,
        request.day,
        time(&request.start)?,
        time(&request.end)?,
    )?;
    crate::sessions::reschedule(conn, caller, session_id, start, end, &request.reason, now)
}

async fn move_session(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let id = record_id(&id);
    let request: Result<MoveRequest, Problem> = body(&inbound);
    run(
        &state,
        &inbound,
        "move session",
        "session".into(),
        StatusCode::OK,
        move |conn, caller, now| {
            staff_clinic(caller)?;
            let id = id?;
            move_as_requested(conn, caller, id, &request?, now)?;
            Ok((Done { ok: true }, format!("session/{id}")))
        },
    )
    .await
}

async fn mark(State(state): State<AppState>, Path(id): Path<String>, inbound: Inbound) -> Response {
    let id = record_id(&id);
    let request: Result<Attendance, Problem> = body(&inbound);
    let result = guarded(
        &state,
        &inbound,
        "mark attendance",
        "Appointment".into(),
        move |conn, caller, now| {
            staff_clinic(caller)?;
            let id = id?;
            let stored = crate::appointment::mark_attendance(conn, caller, id, request?, now)?;
            let target = format!("Appointment/{id} Patient/{}", stored.patient_id);
            Ok((stored, target))
        },
    )
    .await;
    match result {
        Ok(stored) => super::fhir_response(StatusCode::OK, stored.resource()),
        Err(problem) => problem.into_response(),
    }
}

async fn care_levels(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let id = record_id(&id);
    run(
        &state,
        &inbound,
        "read care levels",
        "Patient".into(),
        StatusCode::OK,
        move |conn, caller, _| {
            staff_clinic(caller)?;
            let id = id?;
            Ok((
                crate::course::history(conn, caller, id)?,
                format!("Patient/{id}"),
            ))
        },
    )
    .await
}

/// `{"programId": 1, "level": "outpatient", "weeklyTargetMinutes": 180, "from": "2026-04-01"}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct LevelRequest {
    program_id: i64,
    level: LevelOfCare,
    #[serde(default)]
    weekly_target_minutes: Option<u32>,
    from: NaiveDate,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Created {
    id: i64,
}

async fn set_level(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let id = record_id(&id);
    let request: Result<LevelRequest, Problem> = body(&inbound);
    run(
        &state,
        &inbound,
        "set level of care",
        "Patient".into(),
        StatusCode::CREATED,
        move |conn, caller, now| {
            staff_clinic(caller)?;
            let (id, request) = (id?, request?);
            let change = crate::course::LevelChange {
                program_id: request.program_id,
                level: request.level,
                weekly_target_minutes: request.weekly_target_minutes,
                from: request.from,
            };
            let episode = crate::course::set_level(conn, caller, id, &change, now)?;
            Ok((
                Created { id: episode },
                format!("Patient/{id} EpisodeOfCare/{episode}"),
            ))
        },
    )
    .await
}

/// `{"on": "2026-05-01", "checkInTime": "10:00"}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DischargeRequest {
    on: NaiveDate,
    #[serde(default = "ten")]
    check_in_time: String,
}

fn ten() -> String {
    "10:00".into()
}

async fn discharge(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let id = record_id(&id);
    let request: Result<DischargeRequest, Problem> = body(&inbound);
    run(
        &state,
        &inbound,
        "discharge",
        "Patient".into(),
        StatusCode::OK,
        move |conn, caller, now| {
            staff_clinic(caller)?;
            let (id, request) = (id?, request?);
            let done = crate::course::discharge(
                conn,
                caller,
                id,
                request.on,
                time(&request.check_in_time)?,
                now,
            )?;
            let target = format!("Patient/{id} EpisodeOfCare/{}", done.aftercare_episode);
            Ok((done, target))
        },
    )
    .await
}

/// `GET /fhir/EpisodeOfCare?patient=<id>`: the patient's course of care as a searchset (the patient's
/// own signed device, or staff who may care for them).
async fn search_episodes(State(state): State<AppState>, inbound: Inbound) -> Response {
    let pairs = query(&inbound);
    let patient = match pairs.as_slice() {
        [(name, value)] if name == "patient" => {
            record_id(value.strip_prefix("Patient/").unwrap_or(value))
                .map_err(|_| Problem::Invalid("patient must be a Patient id".into()))
        }
        _ => Err(Problem::Invalid(
            "exactly one search parameter, patient, is supported".into(),
        )),
    };
    let result = guarded(
        &state,
        &inbound,
        "search EpisodeOfCare",
        "EpisodeOfCare?".into(),
        move |conn, caller, now| {
            let patient_id = patient?;
            let episodes = crate::course::episodes(conn, caller, patient_id, now)?;
            let target = format!(
                "EpisodeOfCare? Patient/{patient_id} results={}",
                episodes.len()
            );
            Ok(((episodes, now), target))
        },
    )
    .await;
    let (episodes, now) = match result {
        Ok(value) => value,
        Err(problem) => return problem.into_response(),
    };
    let entries = episodes
        .into_iter()
        .map(|episode| tideline_wire::BundleEntry {
            full_url: format!("/fhir/EpisodeOfCare/{}", episode.id),
            resource: episode,
            search: tideline_wire::BundleSearch {
                mode: "match".into(),
            },
        })
        .collect();
    let link = vec![tideline_wire::BundleLink {
        relation: "self".into(),
        url: inbound.path_and_query.clone(),
    }];
    super::fhir_response(
        StatusCode::OK,
        &tideline_wire::Bundle::searchset(now, entries, link),
    )
}

async fn worklist(State(state): State<AppState>, inbound: Inbound) -> Response {
    run(
        &state,
        &inbound,
        "read worklist",
        "worklist".into(),
        StatusCode::OK,
        |conn, caller, now| {
            let clinic_id = staff_clinic(caller)?;
            Ok((
                crate::report::worklist(conn, caller, clinic_id, now)?,
                "worklist".into(),
            ))
        },
    )
    .await
}

/// Runs the attendance report for `?from=YYYY-MM-DD&to=YYYY-MM-DD` (shared with the portal).
pub fn report_csv_for(
    conn: &Connection,
    caller: &Caller,
    program_id: i64,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<String, Problem> {
    let (Some(from), Some(to)) = (from, to) else {
        return Err(Problem::Required("a report needs from and to dates".into()));
    };
    let rows = crate::report::attendance_report(conn, caller, program_id, from, to)?;
    Ok(crate::report::report_csv(&rows))
}

/// The CSV download response.
pub fn csv_response(csv: String) -> Response {
    (
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"attendance.csv\""),
            ),
        ],
        csv,
    )
        .into_response()
}

async fn report(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let id = record_id(&id);
    let range = query_day(&inbound, "from").and_then(|from| Ok((from, query_day(&inbound, "to")?)));
    let result = guarded(
        &state,
        &inbound,
        "attendance report",
        "program".into(),
        move |conn, caller, _| {
            staff_clinic(caller)?;
            let (id, (from, to)) = (id?, range?);
            Ok((
                report_csv_for(conn, caller, id, from, to)?,
                format!("program/{id}"),
            ))
        },
    )
    .await;
    match result {
        Ok(csv) => csv_response(csv),
        Err(problem) => problem.into_response(),
    }
}

/// The session details of a schedule request.
pub fn details(
    kind: Option<SessionKind>,
    topic: Option<String>,
    place: Option<String>,
    video_link: Option<String>,
) -> Result<crate::program::SessionDetails, Problem> {
    let blank = |text: Option<String>| text.filter(|text| !text.trim().is_empty());
    let place = match (blank(place), blank(video_link)) {
        (Some(_), Some(_)) => {
            return Err(Problem::Invalid(
                "give a place or a video link, not both".into(),
            ))
        }
        (Some(text), None) => Some(Place::Address(text)),
        (None, Some(link)) => Some(Place::Video(link)),
        (None, None) => None,
    };
    Ok(crate::program::SessionDetails {
        kind: kind.unwrap_or(SessionKind::GroupTherapy),
        topic: blank(topic),
        place,
    })
}
