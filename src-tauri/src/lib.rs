//! The Tauri shell: adapts `tideline-core` to the window. Each command takes its arguments, makes one
//! call into the core with the current time, and returns the result or the one error shape
//! `{ code, message }`. Rules, storage and validation all live in the core.

mod commands;
mod ipc;
mod state;

use std::time::Duration;

use tauri::{Emitter, Manager};

pub use ipc::IpcError;
pub use state::AppState;

/// How often the auto-lock check runs. The idle limit itself comes from the patient's settings.
const AUTO_LOCK_CHECK: Duration = Duration::from_secs(5);

/// Builds and runs the app.
#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    tauri::Builder::default()
        .setup(|app| {
            let dir = state::data_dir(app.path().app_data_dir().ok())?;
            app.manage(AppState::new(dir));
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
            commands::insights,
        ])
        .run(tauri::generate_context!())
        .expect("the Tideline window could not start");
}
