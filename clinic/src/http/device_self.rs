//! A device revokes itself: `POST /device/revoke`, signed with the device's own key. The app sends it
//! when the patient disconnects, so the key left on the device (or in any copy of the vault) stops
//! working at the clinic at once. Only the caller's own device; staff and the operator revoke
//! devices through `/staff` instead. Audited like every signed request (through [`guarded`]).
//!
//! `POST /device/key`: the device replaces its key (signed with the current key; the body is the new
//! public key and a proof by the new key, [`tideline_wire::KeyRenewal`]). The app sends it after the
//! patient rotated the vault's master key, so a copy of the vault made before stops working here.
//!
//! `GET /fhir/Device?patient=<id>`: the devices enrolled for the calling device's own patient (a
//! searchset of Device), so the app can show the patient every device that can act in their name.

use crate::db::params;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tideline_wire::{Bundle, BundleEntry, BundleLink, BundleSearch, Device};

use super::{fhir_response, guarded, parse_body, record_id, AppState, Inbound};
use crate::access::Caller;
use crate::problem::Problem;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/device/revoke", post(revoke_self))
        .route("/device/key", post(renew_key))
        .route("/fhir/Device", get(search_devices))
}

/// The one `patient` search parameter (`<id>` or `Patient/<id>`).
fn patient_parameter(inbound: &Inbound) -> Result<i64, Problem> {
    let query = inbound
        .path_and_query
        .split_once('?')
        .map_or("", |(_, q)| q);
    match crate::portal::form::fields(query).as_slice() {
        [(name, value)] if name == "patient" => {
            record_id(value.strip_prefix("Patient/").unwrap_or(value))
                .map_err(|_| Problem::Invalid("patient must be a Patient id".into()))
        }
        _ => Err(Problem::Invalid(
            "exactly one search parameter, patient, is supported".into(),
        )),
    }
}

async fn search_devices(State(state): State<AppState>, inbound: Inbound) -> Response {
    let patient = patient_parameter(&inbound);
    let result = guarded(
        &state,
        &inbound,
        "search Device",
        "Device?".into(),
        move |conn, caller, now| {
            let patient_id = patient?;
            let devices = crate::enrollment::own_patient_devices(conn, caller, patient_id)?;
            let target = format!("Device? Patient/{patient_id} results={}", devices.len());
            Ok(((devices, patient_id, now), target))
        },
    )
    .await;
    let (devices, patient_id, now) = match result {
        Ok(value) => value,
        Err(problem) => return problem.into_response(),
    };
    let entries = devices
        .into_iter()
        .map(|device| BundleEntry {
            full_url: format!("/fhir/Device/{}", device.id),
            resource: Device::enrolled(
                &device.id.to_string(),
                &patient_id.to_string(),
                device.enrolled_at,
                device.revoked_at,
            ),
            search: BundleSearch {
                mode: "match".into(),
            },
        })
        .collect();
    let link = vec![BundleLink {
        relation: "self".into(),
        url: inbound.path_and_query.clone(),
    }];
    fhir_response(StatusCode::OK, &Bundle::searchset(now, entries, link))
}

async fn revoke_self(State(state): State<AppState>, inbound: Inbound) -> Response {
    let result = guarded(
        &state,
        &inbound,
        "revoke own Device",
        "Device/self".to_owned(),
        |conn, caller, now| match caller {
            Caller::Device { device_id, .. } => {
                conn.execute(
                    "UPDATE device SET revoked_at = coalesce(revoked_at, ?1) WHERE id = ?2",
                    params![now.timestamp(), device_id],
                )?;
                Ok(((), format!("Device/{device_id}")))
            }
            _ => Err(Problem::Forbidden("only a device can revoke itself here")),
        },
    )
    .await;
    match result {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(problem) => problem.into_response(),
    }
}

async fn renew_key(State(state): State<AppState>, inbound: Inbound) -> Response {
    let renewal = parse_body::<tideline_wire::KeyRenewal>(&inbound.body);
    let result = guarded(
        &state,
        &inbound,
        "renew own Device key",
        "Device/self".to_owned(),
        move |conn, caller, _now| {
            let device_id = crate::enrollment::renew_key(conn, caller, &renewal?)?;
            Ok(((), format!("Device/{device_id} key")))
        },
    )
    .await;
    match result {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(problem) => problem.into_response(),
    }
}
