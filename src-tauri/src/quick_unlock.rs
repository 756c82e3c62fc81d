//! Quick unlock on phones (`cfg(mobile)`): the patient's fingerprint or face lets the platform
//! keystore release the device key, and the device key opens the vault's device slot (core:
//! `Vault::enable_quick_unlock`, `Vault::unlock_with_device_key`). The passphrase is never stored,
//! never released and never derived from: it stays the root, is needed to turn quick unlock on, and
//! changing it (or the recovery key) turns quick unlock off.
//!
//! Android: tauri-plugin-biometric's `biometric_cipher` encrypts the device key under a keystore key
//! that only a strong biometric check unlocks, and decrypts it after the next check. Its ciphertext
//! is kept in the data directory ([`SEALED_FILE`]); without the keystore it opens nothing.
//! iOS: the plugin's cipher call is Android only (no Keychain access behind Face ID), so turning
//! quick unlock on fails there with `biometric_not_confirmed` and nothing is left enabled.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::Utc;
use tideline_core::vault::{self, DeviceKey, Vault, VaultPresence};
use tideline_core::Error;
use zeroize::Zeroizing;

use crate::cx::Cx;
use crate::ipc::IpcError;

/// The keystore's ciphertext of the device key, in the data directory.
pub const SEALED_FILE: &str = "quick-unlock.sealed";

/// What the system prompt says: the app's neutral name only (BRIEF: private at a glance).
#[cfg(mobile)]
const PROMPT: &str = "Unlock Tideline";

pub use tideline_core::status::QuickUnlockStatus;

fn sealed_path(dir: &Path) -> PathBuf {
    dir.join(SEALED_FILE)
}

/// Asks the keystore, behind the biometric prompt, to seal (`seal = true`) or open `data`: the
/// phone's [`crate::platform::Platform::keystore`].
#[cfg(mobile)]
pub(crate) fn keystore<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    data: &str,
    seal: bool,
) -> Result<Zeroizing<String>, Error> {
    use tauri_plugin_biometric::{AuthOptions, BiometricExt};
    let data = Some(data.to_owned());
    let (data_to_encrypt, data_to_decrypt) = if seal { (data, None) } else { (None, data) };
    let options = AuthOptions {
        allow_device_credential: false,
        title: Some(PROMPT.to_owned()),
        data_to_encrypt,
        data_to_decrypt,
        ..AuthOptions::default()
    };
    app.biometric()
        .biometric_cipher(PROMPT.to_owned(), options)
        .map(|result| Zeroizing::new(result.data))
        // Cancelled, not recognised, or no keystore support: the plugin's message is not shown.
        .map_err(|_| Error::BiometricNotConfirmed)
}

/// Removes the keystore's ciphertext (quick unlock off, or the vault wiped).
pub fn forget(dir: &Path) {
    match std::fs::remove_file(sealed_path(dir)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            eprintln!(
                "quick unlock: could not remove the sealed key: {}",
                e.kind()
            );
        }
        _ => {}
    }
}

fn write_sealed(dir: &Path, sealed: &str) -> Result<(), Error> {
    let path = sealed_path(dir);
    let partial = dir.join(format!(".{SEALED_FILE}.partial"));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&partial)?;
    file.write_all(sealed.as_bytes())?;
    file.sync_all()?;
    std::fs::rename(&partial, &path)?;
    Ok(())
}

pub fn quick_unlock_status(cx: &Cx<'_>) -> Result<QuickUnlockStatus, IpcError> {
    let state = cx.state;
    let available = cx.platform.biometric_available();
    let on = vault::presence(&state.dir) == VaultPresence::Present
        && vault::quick_unlock_on(&state.dir)?
        && sealed_path(&state.dir).exists();
    Ok(QuickUnlockStatus { available, on })
}

/// Turns quick unlock on: the core makes a device slot (checking the passphrase), the keystore
/// seals its key behind biometrics. If the keystore step fails, the slot is removed again.
pub fn quick_unlock_enable(cx: &Cx<'_>, passphrase: Zeroizing<String>) -> Result<(), IpcError> {
    let state = cx.state;
    let now = Utc::now();
    let key = state.with_vault(now, |v| v.enable_quick_unlock(&passphrase))?;
    let sealed = cx
        .platform
        .keystore(&key.to_text(), true)
        .and_then(|sealed| write_sealed(&state.dir, &sealed));
    if let Err(e) = sealed {
        // A slot whose key the keystore does not hold would open nothing: leave none behind.
        if state.with_vault(now, |v| v.disable_quick_unlock()).is_err() {
            eprintln!("quick unlock: could not remove the unused device slot");
        }
        forget(&state.dir);
        return Err(e.into());
    }
    Ok(())
}

/// Turns quick unlock off: the device slot goes, and the keystore's ciphertext with it.
pub fn quick_unlock_disable(cx: &Cx<'_>) -> Result<(), IpcError> {
    let state = cx.state;
    state.with_vault(Utc::now(), |v| v.disable_quick_unlock())?;
    forget(&state.dir);
    Ok(())
}

/// Unlocks with the patient's fingerprint or face. The lockout delay applies as for the passphrase.
pub fn quick_unlock(cx: &Cx<'_>) -> Result<(), IpcError> {
    let state = cx.state;
    // Asked before the prompt: no biometric check for a vault that has no device slot.
    if !vault::quick_unlock_on(&state.dir)? {
        return Err(Error::QuickUnlockOff.into());
    }
    let sealed = Zeroizing::new(
        std::fs::read_to_string(sealed_path(&state.dir)).map_err(|_| Error::QuickUnlockOff)?,
    );
    let text = cx.platform.keystore(&sealed, false)?;
    let key = DeviceKey::from_text(&text)?;
    // Like `vault_unlock`: answers before the records are loaded.
    state.open(Vault::begin_unlock_with_device_key(
        &state.dir,
        &key,
        Utc::now(),
    )?);
    Ok(())
}
