//! What the shell holds between commands: the data directory and, while unlocked, the vault.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use tideline_core::vault::Vault;
use tideline_core::{Error, Result};

/// The shell's state.
#[derive(Debug)]
pub struct AppState {
    /// Where the vault lives.
    pub dir: PathBuf,
    vault: Mutex<Option<Vault>>,
}

/// The data directory: `TIDELINE_DATA_DIR` if set, else the platform's app-data directory.
pub fn data_dir(platform: Option<PathBuf>) -> std::io::Result<PathBuf> {
    match std::env::var_os("TIDELINE_DATA_DIR") {
        Some(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
        _ => platform
            .ok_or_else(|| std::io::Error::other("no application data directory on this platform")),
    }
}

impl AppState {
    /// State for `dir`, locked.
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            vault: Mutex::new(None),
        }
    }

    /// The slot holding the vault. A panic while holding the lock cannot leave the vault in a state
    /// worse than "locked", so a poisoned lock is recovered rather than propagated.
    pub fn slot(&self) -> MutexGuard<'_, Option<Vault>> {
        self.vault
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` on the unlocked vault, noting activity; `Error::Locked` when it is locked.
    pub fn with_vault<T>(
        &self,
        now: DateTime<Utc>,
        f: impl FnOnce(&mut Vault) -> Result<T>,
    ) -> Result<T> {
        let mut slot = self.slot();
        let vault = slot.as_mut().ok_or(Error::Locked)?;
        vault.touch(now);
        f(vault)
    }

    /// Locks when the idle time has passed; `true` if it locked now.
    pub fn lock_if_idle(&self, now: DateTime<Utc>) -> bool {
        let mut slot = self.slot();
        if slot.as_mut().is_some_and(|v| v.idle_expired(now)) {
            if let Some(vault) = slot.take() {
                vault.lock();
            }
            return true;
        }
        false
    }
}
