//! The tray icon and what closing the window means: with `keep_running_in_tray` (on by default)
//! the window hides and the app keeps running, so reminders still come while it is closed.

use chrono::Utc;
use tauri::menu::{Menu, MenuEvent, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{App, AppHandle, Emitter, Manager, Runtime, Window, WindowEvent};

use crate::state::AppState;

/// The main window's label (tauri.conf.json).
const MAIN: &str = "main";

/// Puts the icon in the tray: "Open Tideline", "Lock", "Get help now", "Quit". The labels are
/// neutral: an onlooker sees an app name, nothing about what it is for.
pub fn install<R: Runtime>(app: &App<R>) -> tauri::Result<()> {
    let menu = Menu::with_items(
        app,
        &[
            &MenuItem::with_id(app, "open", "Open Tideline", true, None::<&str>)?,
            &MenuItem::with_id(app, "lock", "Lock", true, None::<&str>)?,
            &MenuItem::with_id(app, "help", "Get help now", true, None::<&str>)?,
            &PredefinedMenuItem::separator(app)?,
            &MenuItem::with_id(app, "quit", "Quit", true, None::<&str>)?,
        ],
    )?;
    let mut tray = TrayIconBuilder::with_id("tideline")
        .tooltip("Tideline")
        .menu(&menu)
        .on_menu_event(on_menu);
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    Ok(())
}

fn on_menu<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    match event.id().as_ref() {
        "open" => show_window(app),
        "lock" if app.state::<AppState>().lock(Utc::now()) => {
            let _ = app.emit("vault-locked", ());
        }
        "help" => {
            show_window(app);
            // The window opens its help panel on this event, locked or not.
            let _ = app.emit("show-help", ());
        }
        // Quitting stores the reminder mark and locks (RunEvent::Exit in lib.rs).
        "quit" => app.exit(0),
        _ => {}
    }
}

/// Shows, restores and focuses the main window (tray, second launch).
pub fn show_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(MAIN) {
        let _ = window.show();
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}

/// Closing the window hides it to the tray when the patient keeps Tideline running there.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event {
        if window.state::<AppState>().keeps_running_in_tray() {
            api.prevent_close();
            let _ = window.hide();
        }
    }
}
