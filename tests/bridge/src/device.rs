//! The bridge's device: the platform pieces a browser cannot have, recorded and driven by the tests.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use serde::Deserialize;
use serde_json::{json, Value};
use tideline_app::chooser::{Dialog, Mode};
use tideline_app::platform::Platform;
use tideline_app::reminders::{Notifier, NotifyError, OnAnswer};
use tideline_core::Error;
use zeroize::Zeroizing;

/// What a test says the device does next.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceChange {
    /// URI schemes something on the device opens (`tel`, `sms`, `https`); at first only `https`
    /// (a desktop with a browser and no phone app).
    handlers: Option<Vec<String>>,
    /// Whether the next biometric checks go through (they do at first, on a phone).
    biometric: Option<bool>,
    /// The file the next dialog returns, by name in the world's files folder; `null`: cancelled.
    choose: Option<Option<String>>,
}

#[derive(Debug, Default)]
struct Log {
    handlers: BTreeSet<String>,
    biometric_refuses: bool,
    next_choice: Option<Option<String>>,
    opened: Vec<String>,
    chosen: Vec<String>,
    shown: Vec<String>,
    events: Vec<String>,
    wakes: u32,
    start_at_login: Option<bool>,
}

/// The device of one test's world.
#[derive(Debug)]
pub struct Device {
    files: PathBuf,
    phone: bool,
    log: Mutex<Log>,
}

impl Device {
    pub fn new(files: PathBuf, phone: bool) -> Self {
        let log = Log {
            handlers: BTreeSet::from(["https".to_owned()]),
            ..Log::default()
        };
        Self {
            files,
            phone,
            log: Mutex::new(log),
        }
    }

    fn log(&self) -> MutexGuard<'_, Log> {
        self.log.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The shell events sent since the last call.
    pub fn take_events(&self) -> Vec<String> {
        std::mem::take(&mut self.log().events)
    }

    pub fn change(&self, change: DeviceChange) {
        let mut log = self.log();
        if let Some(handlers) = change.handlers {
            log.handlers = handlers.into_iter().collect();
        }
        if let Some(confirm) = change.biometric {
            log.biometric_refuses = !confirm;
        }
        if let Some(choice) = change.choose {
            log.next_choice = Some(choice);
        }
    }

    pub fn report(&self) -> Value {
        let log = self.log();
        json!({
            "opened": log.opened,
            "chosen": log.chosen,
            "shown": log.shown,
            "wakes": log.wakes,
            "startAtLogin": log.start_at_login,
        })
    }
}

impl Platform for Device {
    fn choose(&self, dialog: Dialog) -> Result<Option<PathBuf>, Error> {
        let mut log = self.log();
        let name = match log.next_choice.take() {
            Some(None) => return Ok(None),
            Some(Some(name)) => name,
            None => match (dialog.mode, dialog.file_name) {
                (Mode::Save, Some(name)) => name,
                // Open with nothing arranged: the newest file the patient saved.
                _ => log.chosen.last().cloned().unwrap_or_default(),
            },
        };
        if name.is_empty() || name.contains('/') {
            return Ok(None);
        }
        log.chosen.push(name.clone());
        Ok(Some(self.files.join(name)))
    }

    fn open_url(&self, uri: &str) -> bool {
        let mut log = self.log();
        let scheme = uri.split(':').next().unwrap_or_default().to_owned();
        if !log.handlers.contains(&scheme) {
            return false;
        }
        log.opened.push(uri.to_owned());
        true
    }

    fn emit(&self, event: &str) {
        self.log().events.push(event.to_owned());
    }

    fn wake_sync(&self) {
        self.log().wakes += 1;
    }

    fn start_at_login(&self, wanted: bool) {
        self.log().start_at_login = Some(wanted);
    }

    fn biometric_available(&self) -> bool {
        self.phone
    }

    fn keystore(&self, data: &str, seal: bool) -> Result<Zeroizing<String>, Error> {
        if !self.phone || self.log().biometric_refuses {
            return Err(Error::BiometricNotConfirmed);
        }
        // A stand-in for the keystore's cipher: reversible, and unlike the input.
        let turned: String = data.chars().rev().collect();
        Ok(Zeroizing::new(if seal {
            format!("sealed:{turned}")
        } else {
            turned
                .strip_suffix(":delaes")
                .map(str::to_owned)
                .ok_or(Error::BiometricNotConfirmed)?
        }))
    }

    fn is_phone(&self) -> bool {
        self.phone
    }
}

/// Notifications the scheduler shows, kept for `GET /bridge/device`.
#[derive(Debug)]
pub struct ShownNotifier(pub std::sync::Arc<Device>);

impl Notifier for ShownNotifier {
    fn show(&self, text: &str, _answer: Option<OnAnswer>) -> Result<(), NotifyError> {
        self.0.log().shown.push(text.to_owned());
        Ok(())
    }
}
