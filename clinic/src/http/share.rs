//! The share endpoints (docs/share-protocol.md): Questionnaires, CareTeam, the share transaction,
//! consents and their revocation, the accounting of disclosures; and for staff, the care team and the
//! shared entries they may see. Every handler goes through [`guarded`], so each access and refusal is
//! audited; a staff view of shared entries additionally writes the view rows the accounting reads.

use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tideline_wire::{Bundle, BundleEntry, BundleLink, BundleSearch};

use super::fhir::serde_urlencoded_pairs;
use super::{
    fhir_answer, fhir_response, guarded, json_response, parse_body, record_id, AppState, Inbound,
};
use crate::access::Caller;
use crate::problem::Problem;
use crate::share::{self, care_team, consent, disclosure, questionnaire, transaction};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/fhir",
            post(share_transaction).layer(DefaultBodyLimit::max(transaction::MAX_SHARE_BYTES)),
        )
        .route("/fhir/Questionnaire", get(search_questionnaires))
        .route("/fhir/Questionnaire/{id}", get(read_questionnaire))
        .route("/fhir/CareTeam", get(search_care_team))
        .route("/fhir/CareTeam/{id}", get(read_care_team))
        .route("/fhir/Consent", get(search_consents))
        .route("/fhir/Consent/{id}/$revoke", post(revoke_consent))
        .route("/fhir/AuditEvent", get(search_audit_events))
        .route("/fhir/QuestionnaireResponse/{id}", get(read_response))
        .route(
            "/staff/patients/{id}/care-team",
            get(list_care_team).post(assign_care_team),
        )
        .route(
            "/staff/patients/{id}/care-team/{staff}",
            axum::routing::delete(unassign_care_team),
        )
        .route("/staff/patients/{id}/shares", get(patient_shares))
        .route("/staff/consents/{id}", get(consent_share))
}

fn query_pairs(inbound: &Inbound) -> Result<Vec<(String, String)>, Problem> {
    let query = inbound
        .path_and_query
        .split_once('?')
        .map_or("", |(_, query)| query);
    serde_urlencoded_pairs(query)
}

/// The one search parameter `name`, as `Type/<id>` (or a bare id); nothing else is accepted.
fn only_reference_param(inbound: &Inbound, name: &str, kind: &str) -> Result<i64, Problem> {
    let pairs = query_pairs(inbound)?;
    let [(param, value)] = pairs.as_slice() else {
        return Err(Problem::Invalid(
            "exactly one search parameter is supported here".into(),
        ));
    };
    if param != name {
        return Err(Problem::Invalid("unsupported search parameter".into()));
    }
    let id = value
        .strip_prefix(kind)
        .and_then(|rest| rest.strip_prefix('/'))
        .unwrap_or(value);
    id.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| Problem::Invalid("the search parameter must be Type/<id>".into()))
}

fn searchset<R: Serialize>(
    now: DateTime<Utc>,
    inbound: &Inbound,
    entries: Vec<(String, R, &'static str)>,
) -> Response {
    let entries = entries
        .into_iter()
        .map(|(full_url, resource, mode)| BundleEntry {
            full_url,
            resource,
            search: BundleSearch { mode: mode.into() },
        })
        .collect();
    let links = vec![BundleLink {
        relation: "self".into(),
        url: inbound.path_and_query.clone(),
    }];
    fhir_response(StatusCode::OK, &Bundle::searchset(now, entries, links))
}

async fn read_questionnaire(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let result = guarded(
        &state,
        &inbound,
        "read Questionnaire",
        "Questionnaire".into(),
        move |_, caller, _| {
            let found = questionnaire::read(caller, &id)?;
            let target = format!("Questionnaire/{}", found.id);
            Ok((found, target))
        },
    )
    .await;
    fhir_answer(StatusCode::OK, result)
}

async fn search_questionnaires(State(state): State<AppState>, inbound: Inbound) -> Response {
    let parsed = query_pairs(&inbound).and_then(|pairs| {
        pairs
            .is_empty()
            .then_some(())
            .ok_or_else(|| Problem::Invalid("unsupported search parameter".into()))
    });
    let result = guarded(
        &state,
        &inbound,
        "search Questionnaire",
        "Questionnaire?".into(),
        move |_, _, now| {
            parsed?;
            Ok(((questionnaire::all(), now), "Questionnaire?".into()))
        },
    )
    .await;
    match result {
        Ok((all, now)) => searchset(
            now,
            &inbound,
            all.into_iter()
                .map(|q| (format!("/fhir/Questionnaire/{}", q.id), q, "match"))
                .collect(),
        ),
        Err(problem) => problem.into_response(),
    }
}

async fn read_care_team(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let id = match record_id(&id) {
        Ok(id) => id,
        Err(problem) => return problem.into_response(),
    };
    let target = format!("CareTeam/{id} Patient/{id}");
    let result = guarded(
        &state,
        &inbound,
        "read CareTeam",
        target.clone(),
        move |conn, caller, _| Ok((care_team::read(conn, caller, id)?, target)),
    )
    .await;
    fhir_answer(StatusCode::OK, result)
}

async fn search_care_team(State(state): State<AppState>, inbound: Inbound) -> Response {
    let patient = only_reference_param(&inbound, "patient", "Patient");
    let result = guarded(
        &state,
        &inbound,
        "search CareTeam",
        "CareTeam?".into(),
        move |conn, caller, now| {
            let patient_id = patient?;
            let team = care_team::read(conn, caller, patient_id)?;
            Ok(((team, now), format!("CareTeam? Patient/{patient_id}")))
        },
    )
    .await;
    match result {
        Ok((team, now)) => searchset(
            now,
            &inbound,
            vec![(format!("/fhir/CareTeam/{}", team.id), team, "match")],
        ),
        Err(problem) => problem.into_response(),
    }
}

async fn share_transaction(State(state): State<AppState>, inbound: Inbound) -> Response {
    // Parsed off the store thread; a failure is reported once the caller is known, and audited.
    let parsed = inbound
        .require_json(true)
        .and_then(|()| transaction::parse(&inbound.body));
    let result = guarded(
        &state,
        &inbound,
        "share",
        "Bundle".into(),
        move |conn, caller, now| {
            // Who may share is settled before what was sent is looked at.
            if !matches!(caller, Caller::Device { .. }) {
                return Err(Problem::Forbidden(
                    "shares come from the patient's own device",
                ));
            }
            let received = parsed?;
            let stored = transaction::store(conn, caller, &received, now)?;
            let target = format!(
                "Consent/{} Patient/{} responses={}{}",
                stored.consent_id,
                stored.patient_id,
                stored.responses,
                if stored.replay { " replay" } else { "" }
            );
            Ok((stored.answer, target))
        },
    )
    .await;
    fhir_answer(StatusCode::OK, result)
}

async fn search_consents(State(state): State<AppState>, inbound: Inbound) -> Response {
    let patient = only_reference_param(&inbound, "patient", "Patient");
    let result = guarded(
        &state,
        &inbound,
        "search Consent",
        "Consent?".into(),
        move |conn, caller, now| {
            let patient_id = patient?;
            let found = consent::search(conn, caller, patient_id)?;
            let target = format!("Consent? Patient/{patient_id} results={}", found.len());
            Ok(((found, now), target))
        },
    )
    .await;
    match result {
        Ok((found, now)) => searchset(
            now,
            &inbound,
            found
                .into_iter()
                .map(|stored| {
                    (
                        format!("/fhir/Consent/{}", stored.id),
                        stored.resource,
                        "match",
                    )
                })
                .collect(),
        ),
        Err(problem) => problem.into_response(),
    }
}

async fn revoke_consent(
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
        "revoke Consent",
        format!("Consent/{id}"),
        move |conn, caller, now| {
            let (stored, deleted) = consent::revoke(conn, caller, id, now)?;
            let target = format!(
                "Consent/{id} Patient/{} deleted={deleted}",
                stored.patient_id
            );
            Ok((stored.resource, target))
        },
    )
    .await;
    fhir_answer(StatusCode::OK, result)
}

async fn search_audit_events(State(state): State<AppState>, inbound: Inbound) -> Response {
    let consent_id = only_reference_param(&inbound, "entity", "Consent");
    let result = guarded(
        &state,
        &inbound,
        "search AuditEvent",
        "AuditEvent?".into(),
        move |conn, caller, now| {
            let consent_id = consent_id?;
            let events = disclosure::accounting(conn, caller, consent_id)?;
            let target = format!("AuditEvent? Consent/{consent_id} results={}", events.len());
            Ok(((events, now), target))
        },
    )
    .await;
    match result {
        Ok((events, now)) => searchset(
            now,
            &inbound,
            events
                .into_iter()
                .map(|event| (format!("/fhir/AuditEvent/{}", event.id), event, "match"))
                .collect(),
        ),
        Err(problem) => problem.into_response(),
    }
}

async fn read_response(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let id = match record_id(&id) {
        Ok(id) => id,
        Err(problem) => return problem.into_response(),
    };
    let address = inbound.address.clone();
    let result = guarded(
        &state,
        &inbound,
        "read QuestionnaireResponse",
        format!("QuestionnaireResponse/{id}"),
        move |conn, caller, now| {
            let (entry, patient_id) = disclosure::read_response(conn, caller, id, &address, now)?;
            Ok((
                entry.resource,
                format!("QuestionnaireResponse/{id} Patient/{patient_id}"),
            ))
        },
    )
    .await;
    fhir_answer(StatusCode::OK, result)
}

fn staff_only(caller: &Caller) -> Result<(), Problem> {
    match caller {
        Caller::Staff { .. } => Ok(()),
        _ => Err(Problem::Forbidden("staff operations need a staff token")),
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Assignment {
    staff_id: i64,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct CareTeamChange {
    changed: bool,
    members: Vec<care_team::Member>,
}

async fn list_care_team(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let result = match record_id(&id) {
        Ok(patient_id) => {
            guarded(
                &state,
                &inbound,
                "list care team",
                format!("Patient/{patient_id}"),
                move |conn, caller, _| {
                    staff_only(caller)?;
                    crate::access::may_see_patient_records(conn, caller, patient_id)?;
                    Ok((
                        care_team::members(conn, patient_id)?,
                        format!("CareTeam/{patient_id} Patient/{patient_id}"),
                    ))
                },
            )
            .await
        }
        Err(problem) => Err(problem),
    };
    match result {
        Ok(members) => json_response(StatusCode::OK, &members),
        Err(problem) => problem.into_response(),
    }
}

async fn assign_care_team(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let request: Result<Assignment, Problem> = inbound
        .require_json(false)
        .and_then(|()| parse_body(&inbound.body));
    let result = match record_id(&id) {
        Ok(patient_id) => {
            guarded(
                &state,
                &inbound,
                "assign care team",
                format!("Patient/{patient_id}"),
                move |conn, caller, now| {
                    staff_only(caller)?;
                    let staff_id = request?.staff_id;
                    let changed = care_team::assign(conn, caller, patient_id, staff_id, now)?;
                    Ok((
                        CareTeamChange {
                            changed,
                            members: care_team::members(conn, patient_id)?,
                        },
                        format!(
                            "CareTeam/{patient_id} Patient/{patient_id} Practitioner/{staff_id}"
                        ),
                    ))
                },
            )
            .await
        }
        Err(problem) => Err(problem),
    };
    match result {
        Ok(change) => json_response(StatusCode::OK, &change),
        Err(problem) => problem.into_response(),
    }
}

async fn unassign_care_team(
    State(state): State<AppState>,
    Path((id, staff)): Path<(String, String)>,
    inbound: Inbound,
) -> Response {
    let ids = record_id(&id).and_then(|patient_id| Ok((patient_id, record_id(&staff)?)));
    let result = match ids {
        Ok((patient_id, staff_id)) => {
            guarded(
                &state,
                &inbound,
                "unassign care team",
                format!("Patient/{patient_id}"),
                move |conn, caller, _| {
                    staff_only(caller)?;
                    let changed = care_team::unassign(conn, caller, patient_id, staff_id)?;
                    Ok((
                        CareTeamChange {
                            changed,
                            members: care_team::members(conn, patient_id)?,
                        },
                        format!(
                            "CareTeam/{patient_id} Patient/{patient_id} Practitioner/{staff_id}"
                        ),
                    ))
                },
            )
            .await
        }
        Err(problem) => Err(problem),
    };
    match result {
        Ok(change) => json_response(StatusCode::OK, &change),
        Err(problem) => problem.into_response(),
    }
}

/// A searchset of shares: each consent (`include`) followed by its entries (`match`).
fn shares_bundle(
    now: DateTime<Utc>,
    inbound: &Inbound,
    shares: Vec<share::VisibleShare>,
) -> Response {
    let mut entries: Vec<(String, Value, &'static str)> = Vec::new();
    for visible in shares {
        let consent = serde_json::to_value(&visible.consent.resource).unwrap_or(Value::Null);
        entries.push((
            format!("/fhir/Consent/{}", visible.consent.id),
            consent,
            "include",
        ));
        for entry in visible.entries {
            entries.push((
                format!("/fhir/QuestionnaireResponse/{}", entry.id),
                entry.resource,
                "match",
            ));
        }
    }
    searchset(now, inbound, entries)
}

async fn patient_shares(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let patient_id = match record_id(&id) {
        Ok(id) => id,
        Err(problem) => return problem.into_response(),
    };
    let address = inbound.address.clone();
    let result = guarded(
        &state,
        &inbound,
        "list shares",
        format!("Patient/{patient_id}"),
        move |conn, caller, now| {
            let shares = share::view_shares(conn, caller, patient_id, &address, now)?;
            let target = format!("Patient/{patient_id} consents={}", shares.len());
            Ok(((shares, now), target))
        },
    )
    .await;
    match result {
        Ok((shares, now)) => shares_bundle(now, &inbound, shares),
        Err(problem) => problem.into_response(),
    }
}

async fn consent_share(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let consent_id = match record_id(&id) {
        Ok(id) => id,
        Err(problem) => return problem.into_response(),
    };
    let address = inbound.address.clone();
    let result = guarded(
        &state,
        &inbound,
        "read share",
        format!("Consent/{consent_id}"),
        move |conn, caller, now| {
            let visible = share::view_share(conn, caller, consent_id, &address, now)?;
            let target = format!(
                "Consent/{consent_id} Patient/{}",
                visible.consent.patient_id
            );
            Ok(((visible, now), target))
        },
    )
    .await;
    match result {
        Ok((visible, now)) => shares_bundle(now, &inbound, vec![visible]),
        Err(problem) => problem.into_response(),
    }
}
