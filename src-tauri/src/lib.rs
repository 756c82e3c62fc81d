//! The Tauri shell: adapts `tideline-core` to the window. Each command takes its arguments, makes one
//! call into the core with the current time, and returns the result or the one error shape
//! `{ code, message }`. Rules, storage and validation all live in the core.
// No function over 120 lines (clippy.toml).
#![warn(clippy::too_many_lines)]

pub mod chooser;
pub mod clinic;
mod commands;
#[cfg(test)]
mod contract;
mod crisis;
mod cx;
mod device;
pub mod dispatch;
mod ipc;
mod language;
pub mod platform;
mod quick_unlock;
pub mod reminders;
mod replan;
#[cfg(target_os = "android")]
mod secure_screen;
#[cfg(all(desktop, target_os = "linux"))]
mod session_watch;
mod state;
pub mod table;
#[cfg(desktop)]
mod tray;
#[cfg(target_os = "linux")]
mod webview;
mod window;

use std::sync::Arc;
use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager, RunEvent, Runtime};

pub use ipc::IpcError;
pub use state::AppState;

/// How often the auto-lock check runs. The idle limit itself comes from the patient's settings.
const AUTO_LOCK_CHECK: Duration = Duration::from_secs(5);

/// Builds and runs the app.
#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    let builder = tauri::Builder::default();
    // Desktop: one running copy (a second launch focuses the first), and the login item. The
    // single-instance plugin must be registered first so a second copy exits before doing anything.
    #[cfg(desktop)]
    let builder = builder
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            tray::show_window(app)
        }))
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            None,
        ))
        .on_window_event(tray::on_window_event);
    // Mobile: the OS holds the reminders; biometrics release the quick-unlock key.
    #[cfg(mobile)]
    let builder = builder
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_biometric::init());
    // The native file chooser, used only from Rust (`pick_path`); the window gets no dialog permission.
    let builder = builder.plugin(tauri_plugin_dialog::init());
    // Crisis lines open in the platform's phone, messages or browser app, from Rust only (`crisis.rs`).
    let builder = builder.plugin(tauri_plugin_opener::init());
    let app = builder
        .setup(|app| {
            let dir = state::data_dir(app.path().app_data_dir().ok())?;
            let answers = app.handle().clone();
            let respond: reminders::Respond = Arc::new(move |session: &str, response| {
                replan::answer(&answers, session, response)
            });
            #[cfg(desktop)]
            let notifier: Arc<dyn reminders::Notifier> = Arc::new(reminders::DesktopNotifier);
            #[cfg(mobile)]
            let notifier: Arc<dyn reminders::Notifier> = Arc::new(reminders::OsScheduled);
            #[cfg(mobile)]
            if reminders::register_answers(
                app.handle(),
                Arc::clone(&respond),
                tideline_core::language::current(&dir),
            )
            .is_err()
            {
                eprintln!("reminders: notification actions are not available");
            }
            let scheduler = reminders::Scheduler::start(notifier, respond)?;
            let state = AppState::new(dir, scheduler);
            // Mobile: the operating system holds the schedule (src/reminders/device.rs).
            #[cfg(mobile)]
            let state = state.with_device(reminders::device::DeviceSchedule::new(Arc::new(
                reminders::PluginSchedule(app.handle().clone()),
            )));
            app.manage(state);
            // The window, as soon as the state can answer for its first screen (window.rs).
            window::open_main(app)?;
            #[cfg(desktop)]
            tray::install_soon(app.handle())?;
            #[cfg(target_os = "linux")]
            webview::tune(app);
            // Nothing of the journal in the recent-apps screenshot.
            #[cfg(target_os = "android")]
            secure_screen::apply(app);
            clinic::start_ticker(app.handle(), replan::sync)?;
            // Lock when the computer sleeps or its screen locks (logind, the session's screen saver).
            #[cfg(all(desktop, target_os = "linux"))]
            session_watch::start(app.handle())?;
            let handle = app.handle().clone();
            std::thread::Builder::new()
                .name("auto-lock".into())
                .spawn(move || loop {
                    std::thread::sleep(AUTO_LOCK_CHECK);
                    if handle.state::<AppState>().lock_if_idle(chrono::Utc::now()) {
                        // The window drops everything it rendered when it hears this.
                        let _ = handle.emit("vault-locked", ());
                    }
                })?;
            Ok(())
        })
        // Every command goes through the one dispatch (src/table.rs lists them); Tauri has already
        // checked the window's permission for the command by name (capabilities/main.json).
        .invoke_handler(invoke)
        .build(tauri::generate_context!())
        .expect("the Tideline window could not start");
    app.run(on_run_event);
}

/// Runs one IPC call on a worker thread through [`dispatch::dispatch`].
fn invoke<R: Runtime>(call: tauri::ipc::Invoke<R>) -> bool {
    let tauri::ipc::Invoke {
        message, resolver, ..
    } = call;
    let command = message.command().to_owned();
    let args = match message.payload() {
        tauri::ipc::InvokeBody::Json(value) => value.clone(),
        tauri::ipc::InvokeBody::Raw(_) => serde_json::Value::Null,
    };
    let app = message.webview().app_handle().clone();
    tauri::async_runtime::spawn_blocking(move || {
        let platform = device::TauriPlatform::new(app.clone());
        let cx = dispatch::Cx {
            state: &app.state::<AppState>(),
            platform: &platform,
        };
        match dispatch::dispatch(&cx, &command, args) {
            Ok(value) => resolver.resolve(value),
            Err(rejection) => resolver.reject(rejection.to_json()),
        }
    });
    true
}

/// Quitting, from the tray or the last window: store how far reminders got and lock.
fn on_run_event(app: &AppHandle, event: RunEvent) {
    if let RunEvent::Exit = event {
        if let Some(state) = app.try_state::<AppState>() {
            state.lock(chrono::Utc::now());
        }
    }
}
