//! Android: the window is marked secure (`FLAG_SECURE`), so the recent-apps screenshot shows
//! nothing of the journal and screen recorders and casting get a blank window. Done from Rust
//! through JNI on the activity that hosts the webview, so no Kotlin of our own is needed; the call
//! runs on the activity's thread, as Android requires for window flags.

use jni::objects::{JObject, JValue};
use jni::JNIEnv;
use tauri::{Manager, Runtime};

/// `android.view.WindowManager.LayoutParams.FLAG_SECURE`.
const FLAG_SECURE: i32 = 0x0000_2000;

/// Marks every window of the app secure.
pub fn apply<R: Runtime, M: Manager<R>>(app: &M) {
    for window in app.webview_windows().into_values() {
        let marked = window.with_webview(|webview| {
            webview.jni_handle().exec(|env, activity, _webview| {
                if add_flag_secure(env, activity).is_err() {
                    // A Java exception left pending would crash the next JNI call.
                    let _ = env.exception_clear();
                    eprintln!("secure screen: the window could not be marked secure");
                }
            });
        });
        if marked.is_err() {
            eprintln!("secure screen: the window's webview is not available");
        }
    }
}

fn add_flag_secure(env: &mut JNIEnv, activity: &JObject) -> jni::errors::Result<()> {
    let window = env
        .call_method(activity, "getWindow", "()Landroid/view/Window;", &[])?
        .l()?;
    env.call_method(&window, "addFlags", "(I)V", &[JValue::Int(FLAG_SECURE)])?;
    Ok(())
}
