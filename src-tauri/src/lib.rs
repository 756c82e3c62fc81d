//! The Tauri shell: adapts `tideline-core` to the window. Each command takes its arguments, makes one
//! call into the core with the current time, and returns the result or the one error shape
//! `{ code, message }`. Rules, storage and validation all live in the core.

mod chooser;
mod clinic;
mod commands;
mod crisis;
mod ipc;
#[cfg(mobile)]
mod quick_unlock;
pub mod reminders;
#[cfg(target_os = "android")]
mod secure_screen;
#[cfg(all(desktop, target_os = "linux"))]
mod session_watch;
mod state;
#[cfg(desktop)]
mod tray;
#[cfg(target_os = "linux")]
mod webview;

use std::sync::Arc;
use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager, RunEvent};

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
                reminders::answer(&answers, session, response)
            });
            #[cfg(desktop)]
            let notifier: Arc<dyn reminders::Notifier> = Arc::new(reminders::DesktopNotifier);
            #[cfg(mobile)]
            let notifier: Arc<dyn reminders::Notifier> = Arc::new(reminders::OsScheduled);
            #[cfg(mobile)]
            if reminders::register_answers(app.handle(), Arc::clone(&respond)).is_err() {
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
            #[cfg(desktop)]
            tray::install(app)?;
            #[cfg(target_os = "linux")]
            webview::tune(app);
            // Nothing of the journal in the recent-apps screenshot.
            #[cfg(target_os = "android")]
            secure_screen::apply(app);
            clinic::start_ticker(app.handle())?;
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
        .invoke_handler(tauri::generate_handler![
            commands::vault_status,
            commands::vault_create,
            commands::vault_unlock,
            commands::vault_recover,
            commands::vault_lock,
            commands::vault_touch,
            commands::vault_hold,
            commands::vault_release,
            crisis::crisis_lines,
            crisis::crisis_after_use,
            crisis::crisis_open,
            commands::reminder_examples,
            commands::locked_capture,
            commands::draft_keep,
            commands::draft_take,
            commands::draft_discard,
            commands::passphrase_assess,
            commands::record_save,
            commands::record_delete,
            commands::records_query,
            commands::passphrase_change,
            commands::recovery_key_rotate,
            commands::backup_export,
            commands::backup_restore,
            commands::export_json,
            commands::vault_wipe,
            commands::home_summary,
            commands::halt_pattern,
            commands::halt_suggestions,
            commands::insights,
            commands::pick_path,
            commands::sync_connect,
            commands::sync_now,
            commands::sync_status,
            commands::sync_dismiss_parked,
            commands::sync_disconnect,
            commands::session_respond,
            commands::care_plan,
            commands::sessions_list,
            commands::session_mark,
            commands::share_preview,
            commands::share_send,
            commands::share_resend,
            commands::share_consents,
            commands::share_revoke,
            commands::share_accounting,
            commands::report_pdf,
            #[cfg(mobile)]
            quick_unlock::quick_unlock_status,
            #[cfg(mobile)]
            quick_unlock::quick_unlock_enable,
            #[cfg(mobile)]
            quick_unlock::quick_unlock_disable,
            #[cfg(mobile)]
            quick_unlock::quick_unlock,
        ])
        .build(tauri::generate_context!())
        .expect("the Tideline window could not start");
    app.run(on_run_event);
}

/// Quitting, from the tray or the last window: store how far reminders got and lock.
fn on_run_event(app: &AppHandle, event: RunEvent) {
    if let RunEvent::Exit = event {
        if let Some(state) = app.try_state::<AppState>() {
            state.lock(chrono::Utc::now());
        }
    }
}
