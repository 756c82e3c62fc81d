//! The app's [`Platform`]: Tauri's plugins on the running app. Above the modules whose device
//! pieces it calls (the chooser, the crisis opener's handler check, the sync ticker, the phone's
//! keystore), which never import it.

use std::path::PathBuf;

use tauri::{AppHandle, Emitter, Runtime};
use tideline_core::Error;
use zeroize::Zeroizing;

use crate::chooser::Dialog;
use crate::platform::Platform;

/// The app's platform: Tauri's plugins on the running app.
#[derive(Debug, Clone)]
pub struct TauriPlatform<R: Runtime> {
    app: AppHandle<R>,
}

impl<R: Runtime> TauriPlatform<R> {
    /// The platform of the running app.
    pub fn new(app: AppHandle<R>) -> Self {
        Self { app }
    }
}

impl<R: Runtime> Platform for TauriPlatform<R> {
    fn language_changed(&self, lang: tideline_core::language::Lang) {
        #[cfg(desktop)]
        crate::tray::relabel(&self.app, lang);
        #[cfg(mobile)]
        if crate::reminders::register_answer_words(&self.app, lang).is_err() {
            eprintln!("reminders: the notification buttons keep their words");
        }
    }

    fn choose(&self, dialog: Dialog) -> Result<Option<PathBuf>, Error> {
        crate::chooser::choose(&self.app, dialog)
    }

    fn open_url(&self, uri: &str) -> bool {
        use tauri_plugin_opener::OpenerExt;
        crate::crisis::has_handler(uri) && self.app.opener().open_url(uri, None::<&str>).is_ok()
    }

    fn emit(&self, event: &str) {
        if self.app.emit(event, ()).is_err() {
            eprintln!("shell: the window did not take the event {event}");
        }
    }

    fn wake_sync(&self) {
        crate::clinic::wake(&self.app);
    }

    #[cfg(desktop)]
    fn start_at_login(&self, wanted: bool) {
        use tauri_plugin_autostart::ManagerExt;
        let launcher = self.app.autolaunch();
        if launcher.is_enabled().ok() == Some(wanted) {
            return;
        }
        let changed = if wanted {
            launcher.enable()
        } else {
            launcher.disable()
        };
        if changed.is_err() {
            eprintln!("autostart: could not change the login item");
        }
    }

    #[cfg(mobile)]
    fn start_at_login(&self, _wanted: bool) {}

    #[cfg(mobile)]
    fn biometric_available(&self) -> bool {
        use tauri_plugin_biometric::BiometricExt;
        self.app.biometric().status().is_ok_and(|s| s.is_available)
    }

    #[cfg(desktop)]
    fn biometric_available(&self) -> bool {
        false
    }

    #[cfg(mobile)]
    fn keystore(&self, data: &str, seal: bool) -> Result<Zeroizing<String>, Error> {
        crate::quick_unlock::keystore(&self.app, data, seal)
    }

    #[cfg(desktop)]
    fn keystore(&self, _data: &str, _seal: bool) -> Result<Zeroizing<String>, Error> {
        Err(Error::BiometricNotConfirmed)
    }

    fn is_phone(&self) -> bool {
        cfg!(mobile)
    }
}
