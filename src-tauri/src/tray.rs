//! The tray icon and what closing the window means: with `keep_running_in_tray` (on by default)
//! the window hides and the app keeps running, so reminders still come while it is closed.

use std::time::Duration;

use chrono::Utc;
use tauri::menu::{Menu, MenuEvent, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Emitter, Manager, Runtime, Window, WindowEvent};

use tideline_core::language::{t, Lang};

use crate::platform::MAIN_WINDOW as MAIN;
use crate::state::AppState;

/// The tray's id.
const TRAY: &str = "tideline";

/// The menu in `lang`: "Open Tideline", "Lock", "Get help now", "Quit". The labels are neutral: an
/// onlooker sees an app name, nothing about what it is for.
fn menu<R: Runtime, M: Manager<R>>(app: &M, lang: Lang) -> tauri::Result<Menu<R>> {
    let item =
        |id: &str, words: &str| MenuItem::with_id(app, id, t(lang, words), true, None::<&str>);
    Menu::with_items(
        app,
        &[
            &item("open", "tray-open")?,
            &item("lock", "tray-lock")?,
            &item("help", "tray-help")?,
            &PredefinedMenuItem::separator(app)?,
            &item("quit", "tray-quit")?,
        ],
    )
}

/// The menu again in `lang`, after the patient chose another language.
pub fn relabel<R: Runtime>(app: &AppHandle<R>, lang: Lang) {
    if let (Some(tray), Ok(menu)) = (app.tray_by_id(TRAY), menu(app, lang)) {
        let _ = tray.set_menu(Some(menu));
    }
}

/// How long after the start the icon goes in the tray. Making it loads the tray's libraries
/// (libayatana-appindicator, dbusmenu, their icon fallback) and registers on the session bus, all on
/// the main thread, which also serves the window's first requests: done during setup, the lock
/// screen waited for it (11-20 ms of the main thread in five starts of the release build).
/// The window is there before the icon either way; only a window closed in this moment hides to a
/// tray that shows its icon a little later.
const TRAY_AFTER: Duration = Duration::from_millis(1500);

/// Puts the icon in the tray, its menu in the patient's language then, once the window's first
/// screen has had [`TRAY_AFTER`] to paint.
pub fn install_soon<R: Runtime>(app: &AppHandle<R>) -> std::io::Result<()> {
    let app = app.clone();
    std::thread::Builder::new()
        .name("tray".into())
        .spawn(move || {
            std::thread::sleep(TRAY_AFTER);
            let on_main = app.clone();
            let made = app.run_on_main_thread(move || {
                if install(&on_main).is_err() {
                    eprintln!("tray: the icon could not be made");
                }
            });
            if made.is_err() {
                eprintln!("tray: the icon could not be made");
            }
        })?;
    Ok(())
}

fn install<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let menu = menu(app, app.state::<AppState>().lang())?;
    let mut tray = TrayIconBuilder::with_id(TRAY)
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
