//! What the commands need from the device that a browser test cannot have: the native file
//! chooser, the opener for `tel:`/`sms:`/`https:`, shell events to the window, the sync ticker, the
//! login item and, on phones, the biometric keystore. The app implements it with Tauri
//! (`crate::device::TauriPlatform`); the browser tests' loopback bridge (`tests/bridge`) implements
//! it with pieces the tests drive.

use std::path::PathBuf;

use tideline_core::Error;
use zeroize::Zeroizing;

use crate::chooser::Dialog;

/// The label of the app's one window: the capabilities grant the app's commands to it by this name,
/// and the tray shows it (built in `window.rs` from tauri.conf.json's window of this label).
pub const MAIN_WINDOW: &str = "main";

/// The device around the commands.
pub trait Platform: Send + Sync {
    /// Shows the file dialog and waits for the patient; `None` when cancelled. Blocks.
    fn choose(&self, dialog: Dialog) -> Result<Option<PathBuf>, Error>;
    /// Opens `uri` (built by `core::crisis`) in the platform's handler; `false` when nothing on
    /// this device opens it or opening failed.
    fn open_url(&self, uri: &str) -> bool;
    /// Sends a shell event to the window (`vault-locked`, `sync-changed`, `show-help`).
    fn emit(&self, event: &str);
    /// Asks the background sync to run soon (after an unlock, an answer).
    fn wake_sync(&self);
    /// Registers or removes the login item to match the patient's setting.
    fn start_at_login(&self, wanted: bool);
    /// Phones: whether biometrics are set up for the app. `false` where quick unlock does not exist.
    fn biometric_available(&self) -> bool;
    /// Phones: the keystore seals (`seal`) or opens `data` behind a biometric check.
    fn keystore(&self, data: &str, seal: bool) -> Result<Zeroizing<String>, Error>;
    /// Whether the quick-unlock commands exist here (phones).
    fn is_phone(&self) -> bool;
    /// The patient chose another language: words the shell shows outside the window (the tray
    /// menu) follow at once. Nothing to do where there are none.
    fn language_changed(&self, lang: tideline_core::language::Lang) {
        let _ = lang;
    }
}
