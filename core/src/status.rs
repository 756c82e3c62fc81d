//! What the window is told about the vault before it can read anything: whether a vault exists,
//! whether it is open, how long a lockout still lasts; and the recovery key, shown once.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::{Error, ErrorCode, Result};
use crate::language::{tr, Arg, Lang, LanguageStatus};
use crate::session::ParticipantResponse;
use crate::vault::{self, RecoveryKey, VaultPresence};

/// Where the vault stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum VaultState {
    /// No vault file: first run.
    Absent,
    /// A vault exists and is locked.
    Locked,
    /// The vault is open.
    Unlocked,
}

/// Whether a vault exists, whether it is unlocked, and any lockout wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct VaultStatus {
    /// Where the vault stands.
    pub state: VaultState,
    /// Seconds until the next unlock attempt is allowed, when a lockout is running.
    #[ts(type = "number | null")]
    pub retry_after_secs: Option<u64>,
}

/// The status of the vault in `dir` at `now`; `unlocked` when the caller holds it open.
pub fn vault_status(dir: &Path, unlocked: bool, now: DateTime<Utc>) -> Result<VaultStatus> {
    let (state, retry_after_secs) = if unlocked {
        (VaultState::Unlocked, None)
    } else {
        match vault::presence(dir) {
            VaultPresence::Absent => (VaultState::Absent, None),
            VaultPresence::Present => {
                let wait = vault::retry_after_secs(dir, now)?;
                (VaultState::Locked, (wait > 0).then_some(wait))
            }
        }
    };
    Ok(VaultStatus {
        state,
        retry_after_secs,
    })
}

/// What the window's first screen needs: the answers `language_get` and `vault_status` would give.
/// The shell hands it to the page before the page's first script runs (src-tauri's `window.rs`), so
/// the lock screen or first run is drawn with no IPC round trip before it; the page asks both again
/// once that screen is painted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct Boot {
    /// `language_get`'s answer.
    pub language: LanguageStatus,
    /// `vault_status`'s answer.
    pub vault: VaultStatus,
}

/// A new recovery key, as shown once (after creating the vault or making a new key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct Created {
    /// The key in its display form (8 groups of 4 characters).
    pub recovery_key: String,
    /// After a master key rotation on a vault connected to a clinic: one sentence saying what
    /// became of this device's clinic key ([`crate::sync::renewal::ClinicKey::message`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub clinic_key: Option<String>,
}

impl From<&RecoveryKey> for Created {
    fn from(key: &RecoveryKey) -> Self {
        Self {
            recovery_key: key.display_code().to_string(),
            clinic_key: None,
        }
    }
}

/// The one error shape that crosses the IPC boundary: `code` from the core's closed set, `message`
/// plain words without patient data, and the structured parts the window decides on (it never reads
/// the words).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct IpcError {
    /// What the window switches on.
    pub code: ErrorCode,
    /// What the window may show. For a rejected value, the reason alone (the field is in `field`).
    pub message: String,
    /// For `invalid`: which field was not accepted, as the window names it (e.g. `server`, `code`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "string")]
    pub field: Option<&'static str>,
    /// For `locked_out`: how many seconds until the next attempt.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub retry_after_secs: Option<u64>,
    /// The catalog message of `message`, for [`IpcError::localized`]; not sent.
    #[serde(skip)]
    #[ts(skip)]
    pub words: Option<MessageKey>,
}

impl From<Error> for IpcError {
    fn from(e: Error) -> Self {
        let (field, retry_after_secs) = match &e {
            Error::Invalid(invalid) => (Some(invalid.field), None),
            Error::LockedOut { retry_after_secs } => (None, Some(*retry_after_secs)),
            _ => (None, None),
        };
        let message = match &e {
            Error::Invalid(invalid) => invalid.reason.to_owned(),
            other => other.to_string(),
        };
        Self {
            code: e.code(),
            message,
            field,
            retry_after_secs,
            words: Some(MessageKey::of(&e)),
        }
    }
}

/// The catalog message behind an error's words, so the shell can say it in the patient's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageKey {
    id: String,
    args: Vec<(&'static str, String)>,
}

/// A catalog id from English words: "use at least 10 characters" -> "use-at-least-10-characters".
fn kebab(words: &str) -> String {
    let mut out = String::new();
    for part in words
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&part.to_ascii_lowercase());
    }
    out
}

impl MessageKey {
    fn new(id: &str) -> Self {
        Self {
            id: id.to_owned(),
            args: Vec::new(),
        }
    }

    fn of(e: &Error) -> Self {
        use crate::error::FileProblem as F;
        let with = |id: &str, name: &'static str, value: String| Self {
            id: id.to_owned(),
            args: vec![(name, value)],
        };
        match e {
            Error::Invalid(invalid) => Self::new(&format!("invalid-{}", kebab(invalid.reason))),
            Error::Clinic(words) => Self::new(&format!("clinic-{}", kebab(words))),
            Error::NoVault => Self::new("error-no-vault"),
            Error::VaultExists => Self::new("error-vault-exists"),
            Error::WrongPassphrase => Self::new("error-wrong-passphrase"),
            Error::WrongRecoveryKey => Self::new("error-wrong-recovery-key"),
            Error::QuickUnlockOff => Self::new("error-quick-unlock-off"),
            Error::BiometricNotConfirmed => Self::new("error-biometric"),
            Error::LockedOut { retry_after_secs } => {
                with("error-locked-out", "seconds", retry_after_secs.to_string())
            }
            Error::Locked => Self::new("error-locked"),
            Error::DamagedFile(problem) => Self::new(match problem {
                F::Empty => "error-file-empty",
                F::Truncated => "error-file-truncated",
                F::Foreign => "error-file-foreign",
                F::Corrupted => "error-file-corrupted",
                F::KeySlotDamaged => "error-file-key-slot",
            }),
            Error::UnsupportedVersion { found } => {
                with("error-unsupported-version", "found", found.to_string())
            }
            Error::NotFound => Self::new("error-not-found"),
            Error::DiskFull => Self::new("error-disk-full"),
            Error::Storage(detail) => with("error-storage", "detail", detail.clone()),
            Error::Offline => Self::new("error-offline"),
            Error::DeviceRefused => Self::new("error-device-refused"),
            Error::EntriesUnopened { count } => {
                with("error-entries-unopened", "count", count.to_string())
            }
        }
    }

    /// The catalog id.
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl IpcError {
    /// The same error with its message in `lang`. A reason the catalog does not have in `lang`
    /// keeps its English words (never an id, never an empty message).
    pub fn localized(mut self, lang: Lang) -> Self {
        if let Some(key) = &self.words {
            if tideline_i18n::has(lang, &key.id) {
                let args: Vec<(&str, Arg<'_>)> = key
                    .args
                    .iter()
                    .map(|(name, value)| (*name, Arg::from(value.as_str())))
                    .collect();
                self.message = tr(lang, &key.id, &args);
            }
        }
        self
    }
}

/// An answer given on a notification that could not be saved: the patient answers again in the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct AnswerProblem {
    /// The session's record id.
    pub session: String,
    /// What the patient answered.
    pub response: ParticipantResponse,
    /// Why it was not saved.
    pub code: ErrorCode,
    /// The core's fixed sentence for it.
    pub message: String,
}

/// Phones: whether the lock screen can offer quick unlock, and whether it is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct QuickUnlockStatus {
    /// The device has biometrics set up that the app may use.
    pub available: bool,
    /// Quick unlock is on for this vault.
    pub on: bool,
}

#[cfg(test)]
mod language_tests {
    use super::*;
    use crate::error::{FileProblem, Invalid};

    fn every_kind_of_error() -> Vec<Error> {
        vec![
            Error::NoVault,
            Error::VaultExists,
            Error::WrongPassphrase,
            Error::WrongRecoveryKey,
            Error::QuickUnlockOff,
            Error::BiometricNotConfirmed,
            Error::LockedOut {
                retry_after_secs: 30,
            },
            Error::Locked,
            Error::DamagedFile(FileProblem::Empty),
            Error::DamagedFile(FileProblem::Truncated),
            Error::DamagedFile(FileProblem::Foreign),
            Error::DamagedFile(FileProblem::Corrupted),
            Error::DamagedFile(FileProblem::KeySlotDamaged),
            Error::UnsupportedVersion { found: 9 },
            Error::NotFound,
            Error::DiskFull,
            Error::Storage("Busy".into()),
            Error::Offline,
            Error::DeviceRefused,
            Error::EntriesUnopened { count: 2 },
            Error::Invalid(Invalid::new("passphrase", "use at least 10 characters")),
        ]
    }

    /// Every error has its words in the catalog: in English exactly the error's own sentence, in
    /// Spanish a sentence of its own with the same numbers.
    #[test]
    fn every_error_is_worded_in_each_language() {
        for e in every_kind_of_error() {
            let english = IpcError::from(e);
            let id = english.words.as_ref().unwrap().id().to_owned();
            assert!(tideline_i18n::has(Lang::En, &id), "{id} in en");
            assert!(tideline_i18n::has(Lang::Es, &id), "{id} in es");
            let en = english.clone().localized(Lang::En);
            assert_eq!(en.message, english.message, "{id}");
            let es = english.localized(Lang::Es);
            assert_ne!(es.message, en.message, "{id}");
            assert_eq!((es.code, es.field), (en.code, en.field));
        }
        let es = IpcError::from(Error::LockedOut {
            retry_after_secs: 30,
        })
        .localized(Lang::Es);
        assert_eq!(
            es.message,
            "demasiados intentos; vuelva a intentarlo en 30 segundos"
        );
        assert_eq!(es.retry_after_secs, Some(30));
        // A reason the catalog lacks keeps its English words rather than showing an id.
        let unknown = Error::Invalid(Invalid::new("x", "a reason nobody translated"));
        assert_eq!(
            IpcError::from(unknown).localized(Lang::Es).message,
            "a reason nobody translated"
        );
    }

    /// The quoted reason after each `marker` in `source` (e.g. the second literal of `Invalid::new(`).
    fn reasons_after(source: &str, marker: &str, skip_literals: usize) -> Vec<String> {
        source
            .split(marker)
            .skip(1)
            .filter_map(|rest| {
                rest.split('"')
                    .nth(1 + 2 * skip_literals)
                    .map(str::to_owned)
            })
            .collect()
    }

    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// A reason in the catalog says in English exactly what the code says (a changed sentence in
    /// the code must change its catalog entry, or its translations would say something else).
    #[test]
    fn catalog_reasons_match_the_code() {
        let root = std::path::PathBuf::from(
            std::env::var_os("CARGO_MANIFEST_DIR")
                .unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into()),
        );
        let mut files = Vec::new();
        rust_files(&root.join("src"), &mut files);
        rust_files(&root.join("../src-tauri/src"), &mut files);
        let (mut found, mut worded) = (0, 0);
        for file in files {
            let source = std::fs::read_to_string(&file).unwrap();
            let invalid = reasons_after(&source, "Invalid::new(", 1);
            let clinic = reasons_after(&source, "Error::Clinic(", 0);
            for (prefix, reason) in invalid
                .iter()
                .map(|r| ("invalid", r))
                .chain(clinic.iter().map(|r| ("clinic", r)))
            {
                found += 1;
                let id = format!("{prefix}-{}", kebab(reason));
                if tideline_i18n::has(Lang::En, &id) {
                    worded += 1;
                    assert_eq!(
                        tideline_i18n::t(Lang::En, &id),
                        *reason,
                        "{}",
                        file.display()
                    );
                    assert!(tideline_i18n::has(Lang::Es, &id), "{id} in es");
                }
            }
        }
        assert!(
            found > 80 && worded > 50,
            "{worded} of {found} reasons in the catalog"
        );
    }

    /// Parked answers and the clinic key's sentence: English exactly as before, Spanish its own.
    #[test]
    fn sync_sentences_in_each_language() {
        use crate::sync::outbox::ParkReason;
        use crate::sync::renewal::ClinicKey;
        for status in [404, 403, 409, 415, 400] {
            let reason = ParkReason::for_status(status);
            assert_eq!(reason.words(Lang::En), reason.message());
            let es = reason.words(Lang::Es);
            assert!(es.ends_with('.') && es != reason.message(), "{es}");
        }
        assert_eq!(
            crate::language::t(Lang::En, "sync-new-device-warning"),
            crate::sync::devices::NEW_DEVICE_WARNING
        );
        let target = IpcError::from(Error::Invalid(Invalid::new(
            "weeklyTargetMinutes",
            "aftercare has no weekly hours",
        )));
        assert_eq!(
            target.localized(Lang::Es).message,
            "la atención de seguimiento no tiene horas semanales"
        );
        for key in [
            ClinicKey::Renewed,
            ClinicKey::AtNextConnection,
            ClinicKey::DeviceRefused,
        ] {
            assert_eq!(key.words(Lang::En), key.message());
            assert_ne!(key.words(Lang::Es), key.message());
        }
    }
}
