//! A device revokes itself: `POST /device/revoke`, signed with the device's own key. The app sends it
//! when the patient disconnects, so the key left on the device (or in any copy of the vault) stops
//! working at the clinic at once. Only the caller's own device; staff and the operator revoke
//! devices through `/staff` instead. Audited like every signed request (through [`guarded`]).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use rusqlite::params;

use super::{guarded, AppState, Inbound};
use crate::access::Caller;
use crate::problem::Problem;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/device/revoke", post(revoke_self))
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
