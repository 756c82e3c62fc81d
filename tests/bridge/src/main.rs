//! The browser tests' backend: the app's real commands (`tideline_app::dispatch`, the same function
//! the Tauri shell's invoke handler calls) on a loopback HTTP server, which also serves the built UI
//! (`ui/dist`) with the production CSP, so the page reaches the IPC on its own origin.
//!
//! `tideline-bridge <ui/dist>` prints `listening http://127.0.0.1:<port>/` and serves:
//! - `GET /...`: the UI's files.
//! - `POST /ipc/<command>`: JSON arguments in; `{ "ok": result }`, or `{ "err": rejection }` (the
//!   `{ code, message, ... }` shape, or a plain string for an unknown command). Shell events the
//!   command sent are listed in the `x-tideline-events` header (the page's install script emits them).
//! - `POST /bridge/reset` `{ phone }`: a fresh temporary data directory (no vault) and fresh state.
//! - `POST /bridge/idle`: the idle timer fires as if the vault's auto-lock time had passed; `{ locked }`.
//! - `POST /bridge/background-sync`: one background sync as the ticker runs it; `{ events }`.
//! - `POST /bridge/device` `{ handlers?, biometric?, choose? }`: what the device does next.
//! - `GET /bridge/device`: what the commands asked of the device (opened addresses, chosen files,
//!   notifications shown, sync wakes, the login item).
//! - `POST /bridge/clinic/<step>`: a real tideline-clinic for this test (see `clinic.rs`): `start`
//!   (`{ url, code }`), `code` (a fresh enrollment code), `stop` and `resume` (same port),
//!   `book` (one more session, in two days), `another-device` (the patient connects a second device), `revoke` (every device of the patient),
//!   `drop-sessions` (the clinic deletes the sessions no answer reached), `staff-view` (the
//!   counselor opens the patient's shares).
//!
//! Test only: it binds 127.0.0.1 and is never shipped.

#![warn(clippy::too_many_lines)]

mod clinic;
mod device;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use tideline_app::dispatch::{self, Cx};
use tideline_app::reminders::{Notifier, Scheduler};
use tideline_app::AppState;

use clinic::TestClinic;
use device::{Device, DeviceChange, ShownNotifier};

/// The CSP the Tauri shell applies (tauri.conf.json), so inline scripts and styles fail here too.
const CSP: &str = "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self' ipc: http://ipc.localhost; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

/// One test's world: a temporary directory with the data directory and the files the patient
/// "chooses", the shell state and the device.
struct World {
    root: tempfile::TempDir,
    state: AppState,
    device: Arc<Device>,
    clinic: tokio::sync::Mutex<Option<TestClinic>>,
}

#[derive(Clone)]
struct Bridge {
    dist: Arc<PathBuf>,
    world: Arc<Mutex<Option<Arc<World>>>>,
}

impl Bridge {
    fn world(&self) -> Option<Arc<World>> {
        self.world.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

fn no_world() -> Response {
    (StatusCode::CONFLICT, "call /bridge/reset first").into_response()
}

fn new_world(phone: bool) -> std::io::Result<World> {
    let root = tempfile::tempdir()?;
    let data = root.path().join("data");
    let files = root.path().join("files");
    std::fs::create_dir_all(&files)?;
    let device = Arc::new(Device::new(files, phone));
    let notifier: Arc<dyn Notifier> = Arc::new(ShownNotifier(Arc::clone(&device)));
    let scheduler = Scheduler::start(notifier, Arc::new(|_: &str, _| {}))?;
    Ok(World {
        root,
        state: AppState::new(data, scheduler),
        device,
        clinic: tokio::sync::Mutex::new(None),
    })
}

async fn ipc(State(bridge): State<Bridge>, Path(command): Path<String>, body: Bytes) -> Response {
    let Some(world) = bridge.world() else {
        return no_world();
    };
    let args: Value = if body.is_empty() {
        Value::Null
    } else {
        match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(_) => return Json(json!({ "err": "the body is not JSON" })).into_response(),
        }
    };
    let answer = tokio::task::spawn_blocking(move || {
        let cx = Cx {
            state: &world.state,
            platform: world.device.as_ref(),
        };
        let result = dispatch::dispatch(&cx, &command, args);
        (result, world.device.take_events())
    })
    .await;
    let Ok((result, events)) = answer else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    // Always 200 (a browser logs every 4xx as a console error, which the tests count as a
    // problem): `{ "ok": result }` or `{ "err": rejection }`.
    let mut response = match result {
        Ok(value) => Json(json!({ "ok": value })).into_response(),
        Err(rejection) => Json(json!({ "err": rejection.to_json() })).into_response(),
    };
    if let Ok(value) = HeaderValue::from_str(&events.join(",")) {
        response.headers_mut().insert("x-tideline-events", value);
    }
    response
}

#[derive(serde::Deserialize, Default)]
struct ResetBody {
    #[serde(default)]
    phone: bool,
}

async fn reset(State(bridge): State<Bridge>, body: Bytes) -> Response {
    let body: ResetBody = serde_json::from_slice(&body).unwrap_or_default();
    let world = tokio::task::spawn_blocking(move || new_world(body.phone)).await;
    match world {
        Ok(Ok(world)) => {
            let old = bridge
                .world
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .replace(Arc::new(world));
            if let Some(old) = old {
                old.state.lock(chrono::Utc::now());
                if let Some(mut clinic) = old.clinic.lock().await.take() {
                    clinic.stop();
                }
            }
            Json(json!({ "ok": true })).into_response()
        }
        _ => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// The shell's auto-lock check, run as if the patient's idle time had just passed (a running
/// exercise's hold, capped at 30 minutes, still keeps the vault open).
async fn idle(State(bridge): State<Bridge>) -> Response {
    let Some(world) = bridge.world() else {
        return no_world();
    };
    let locked = tokio::task::spawn_blocking(move || {
        let now = chrono::Utc::now();
        let minutes = world
            .state
            .with_vault(now, |v| Ok(v.settings().auto_lock_minutes))
            .unwrap_or(0);
        let later =
            now + chrono::Duration::minutes(i64::from(minutes)) + chrono::Duration::seconds(5);
        world.state.lock_if_idle(later)
    })
    .await
    .unwrap_or(false);
    let events: Vec<&str> = if locked { vec!["vault-locked"] } else { vec![] };
    Json(json!({ "locked": locked, "events": events })).into_response()
}

/// One background sync as the shell's ticker runs it, then its re-plan and event.
async fn background_sync(State(bridge): State<Bridge>) -> Response {
    let Some(world) = bridge.world() else {
        return no_world();
    };
    let ran = tokio::task::spawn_blocking(move || {
        let ran = tideline_app::clinic::background_sync(&world.state).is_some();
        dispatch::replan(&world.state, world.device.as_ref());
        ran
    })
    .await
    .unwrap_or(false);
    Json(json!({ "ran": ran, "events": ["sync-changed"] })).into_response()
}

/// One step of the test's clinic; `{ ok: ... }`, or 500 with what failed.
async fn clinic_step(State(bridge): State<Bridge>, Path(step): Path<String>) -> Response {
    let Some(world) = bridge.world() else {
        return no_world();
    };
    let done: Result<Value, clinic::Failed> = match step.as_str() {
        "start" => match TestClinic::start(world.root.path()).await {
            Ok(started) => {
                let answer = started
                    .code()
                    .map(|code| json!({ "url": started.url(), "code": code }));
                let old = world.clinic.lock().await.replace(started);
                if let Some(mut old) = old {
                    old.stop();
                }
                answer
            }
            Err(e) => Err(e),
        },
        "another-device" => {
            let world = Arc::clone(&world);
            tokio::task::spawn_blocking(move || {
                let mut guard = world.clinic.blocking_lock();
                let clinic = guard.as_mut().ok_or("no clinic")?;
                let code = clinic.code()?;
                clinic.another_device(&code).map(|()| json!(true))
            })
            .await
            .unwrap_or_else(|e| Err(e.to_string()))
        }
        _ => {
            let mut guard = world.clinic.lock().await;
            match guard.as_mut() {
                None => Err("no clinic: POST /bridge/clinic/start first".into()),
                Some(clinic) => match step.as_str() {
                    "code" => clinic.code().map(|code| json!({ "code": code })),
                    "stop" => {
                        clinic.stop();
                        Ok(json!(true))
                    }
                    "resume" => clinic.resume().await.map(|()| json!(true)),
                    "revoke" => clinic.revoke_all().map(|n| json!(n)),
                    "book" => clinic.book(2).map(|()| json!(true)),
                    "drop-sessions" => clinic.drop_sessions().map(|()| json!(true)),
                    "staff-view" => clinic.staff_views().map(|n| json!(n)),
                    _ => return StatusCode::NOT_FOUND.into_response(),
                },
            }
        }
    };
    match done {
        Ok(value) => Json(json!({ "ok": value })).into_response(),
        Err(failed) => (StatusCode::INTERNAL_SERVER_ERROR, failed).into_response(),
    }
}

async fn device_get(State(bridge): State<Bridge>) -> Response {
    match bridge.world() {
        Some(w) => Json(w.device.report()).into_response(),
        None => no_world(),
    }
}

async fn device_set(State(bridge): State<Bridge>, Json(change): Json<DeviceChange>) -> Response {
    match bridge.world() {
        Some(w) => {
            w.device.change(change);
            Json(json!({ "ok": true })).into_response()
        }
        None => no_world(),
    }
}

async fn file(State(bridge): State<Bridge>, uri: Uri, _headers: HeaderMap) -> Response {
    let mut path = uri.path().trim_start_matches('/').to_owned();
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    }
    if path.split('/').any(|part| part == ".." || part.is_empty()) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let full = bridge.dist.join(&path);
    let Ok(body) = tokio::fs::read(&full).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let kind = match full.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("css") => "text/css",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    };
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CONTENT_SECURITY_POLICY, CSP),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let dist = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .ok_or_else(|| std::io::Error::other("usage: tideline-bridge <ui/dist>"))?;
    let bridge = Bridge {
        dist: Arc::new(dist),
        world: Arc::new(Mutex::new(None)),
    };
    let app = Router::new()
        .route("/ipc/{command}", post(ipc))
        .route("/bridge/reset", post(reset))
        .route("/bridge/idle", post(idle))
        .route("/bridge/background-sync", post(background_sync))
        .route("/bridge/device", get(device_get).post(device_set))
        .route("/bridge/clinic/{step}", post(clinic_step))
        .fallback(get(file))
        .with_state(bridge);
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
    println!("listening http://{}/", listener.local_addr()?);
    axum::serve(listener, app).await
}
