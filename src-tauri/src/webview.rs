//! WebKitGTK settings for a local single-page app (Linux only).
//!
//! Tideline shows a few small screens from its own bundle, so the webview needs no page cache, no
//! memory cache sized for browsing, and no GPU compositing. Measured under Xvfb with the debug
//! build on the first-run screen: the web process drops from 179 MB to 110 MB (PSS). Software
//! rendering also avoids the blank windows WebKitGTK's DMA-BUF renderer shows on some GPU drivers.

use tauri::{Manager, Runtime};

/// Applies the settings to the main window's webview, if there is one.
pub fn tune<R: Runtime>(app: &tauri::App<R>) {
    let Some(window) = app.get_webview_window(crate::platform::MAIN_WINDOW) else {
        return;
    };
    let applied = window.with_webview(|webview| {
        use webkit2gtk::{
            CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
        };
        let view = webview.inner();
        if let Some(settings) = WebViewExt::settings(&view) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            settings.set_enable_page_cache(false);
        }
        if let Some(context) = view.context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
    });
    if applied.is_err() {
        eprintln!("webview: settings not applied");
    }
}
