//! A bare Tauri app: one window, one HTML page, nothing else (the baseline for Tideline's figures).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the baseline app runs");
}
