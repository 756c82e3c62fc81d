//! The one error type of the core. Messages name the problem in plain words; they never carry journal
//! text, key material or file contents, so any error may be shown, logged or sent over IPC as it is.

use serde::Serialize;

/// A value that failed validation: which field, and why, in plain words. Never the value itself.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{field}: {reason}")]
pub struct Invalid {
    /// The field, named as the UI names it (e.g. `intensity`).
    pub field: &'static str,
    /// Why the value is not accepted (e.g. `must be between 0 and 10`).
    pub reason: &'static str,
}

impl Invalid {
    /// A validation failure for `field` with `reason`.
    pub const fn new(field: &'static str, reason: &'static str) -> Self {
        Self { field, reason }
    }
}

/// The closed set of error codes the UI switches on. Add a code only when a consumer needs to tell it
/// apart; the JSON spelling is pinned by a test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum ErrorCode {
    /// A value was rejected by validation.
    Invalid,
    /// No vault exists yet in the data directory (first run).
    NoVault,
    /// A vault already exists where one would be created or restored.
    VaultExists,
    /// The passphrase or recovery key did not open the vault.
    WrongSecret,
    /// Too many wrong attempts: the next one is allowed after a delay.
    LockedOut,
    /// The vault is locked; unlock it first.
    Locked,
    /// The file is not a Tideline vault or backup, or it is damaged.
    DamagedFile,
    /// The file was written by a newer Tideline.
    UnsupportedVersion,
    /// The record asked for does not exist.
    NotFound,
    /// The disk is full: nothing was written, nothing stored was lost.
    DiskFull,
    /// Reading or writing a file failed for another reason.
    Storage,
    /// The clinic could not be reached; the app goes on offline and sends later. The UI shows this
    /// calmly, not as a failure.
    Offline,
    /// The clinic no longer accepts this device (revoked): the UI offers to connect again.
    DeviceRefused,
    /// The clinic refused or could not use a request; the message says why in plain words.
    Clinic,
}

impl ErrorCode {
    /// Every code, in declaration order: the window's list of the codes it knows is generated from
    /// it (`ui/src/lib/rules.ts`). A new code must be added here; [`ErrorCode::position`] does not
    /// compile until it is.
    pub const ALL: [ErrorCode; 14] = [
        Self::Invalid,
        Self::NoVault,
        Self::VaultExists,
        Self::WrongSecret,
        Self::LockedOut,
        Self::Locked,
        Self::DamagedFile,
        Self::UnsupportedVersion,
        Self::NotFound,
        Self::DiskFull,
        Self::Storage,
        Self::Offline,
        Self::DeviceRefused,
        Self::Clinic,
    ];

    /// The code's place in [`ErrorCode::ALL`].
    pub const fn position(self) -> usize {
        match self {
            Self::Invalid => 0,
            Self::NoVault => 1,
            Self::VaultExists => 2,
            Self::WrongSecret => 3,
            Self::LockedOut => 4,
            Self::Locked => 5,
            Self::DamagedFile => 6,
            Self::UnsupportedVersion => 7,
            Self::NotFound => 8,
            Self::DiskFull => 9,
            Self::Storage => 10,
            Self::Offline => 11,
            Self::DeviceRefused => 12,
            Self::Clinic => 13,
        }
    }
}

/// What is wrong with a file that should be a vault or a backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    /// The file has zero bytes.
    Empty,
    /// The file ends early: part of it is missing.
    Truncated,
    /// The file is not a Tideline vault or backup at all.
    Foreign,
    /// The file's structure is damaged.
    Corrupted,
    /// The key slots were edited, swapped or damaged.
    KeySlotDamaged,
}

impl FileProblem {
    fn describe(self) -> &'static str {
        match self {
            Self::Empty => "the file is empty (0 bytes)",
            Self::Truncated => "the file is incomplete: its end is missing",
            Self::Foreign => "the file is not a Tideline vault or backup",
            Self::Corrupted => "the file is damaged and cannot be read safely",
            Self::KeySlotDamaged => "the file's key information is damaged",
        }
    }
}

/// Every failure the core reports.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value was rejected by validation.
    #[error("{0}")]
    Invalid(#[from] Invalid),
    /// No vault exists yet.
    #[error("there is no vault here yet")]
    NoVault,
    /// A vault exists already; creating or restoring would replace it.
    #[error("a vault already exists here; choose explicitly to replace it")]
    VaultExists,
    /// The passphrase did not open the vault.
    #[error("that passphrase did not unlock the vault")]
    WrongPassphrase,
    /// The recovery key did not open the vault.
    #[error("that recovery key did not unlock the vault")]
    WrongRecoveryKey,
    /// Quick unlock is not set up on this device, or the key the device gave back does not open
    /// the vault (it was turned off, or the passphrase was changed since).
    #[error("quick unlock is off on this device; unlock with your passphrase")]
    QuickUnlockOff,
    /// The device's fingerprint or face check was cancelled or did not recognise the patient.
    #[error("the fingerprint or face check did not go through; try again or use your passphrase")]
    BiometricNotConfirmed,
    /// Too many failed attempts.
    #[error("too many attempts; try again in {retry_after_secs} seconds")]
    LockedOut {
        /// Seconds until the next attempt is allowed.
        retry_after_secs: u64,
    },
    /// The vault is locked.
    #[error("the vault is locked")]
    Locked,
    /// A vault or backup file is unusable.
    #[error("{}", .0.describe())]
    DamagedFile(FileProblem),
    /// Written by a newer version of Tideline.
    #[error(
        "this file was written by a newer version of Tideline (format {found}); update the app"
    )]
    UnsupportedVersion {
        /// The format version found in the file.
        found: u32,
    },
    /// No record with that id.
    #[error("that entry no longer exists")]
    NotFound,
    /// The disk is full.
    #[error("the disk is full; nothing was saved and nothing already saved was lost")]
    DiskFull,
    /// Any other storage failure. The detail is an operating-system or SQLite message, never content.
    #[error("storage failed: {0}")]
    Storage(String),
    /// The clinic could not be reached (no network, server down, timeout). Nothing was lost.
    #[error("the clinic could not be reached; your answers are saved and will be sent later")]
    Offline,
    /// The clinic refused this device's key: it was revoked, or the clinic no longer knows it.
    #[error(
        "the clinic no longer accepts this device; ask the clinic for a new code to connect again"
    )]
    DeviceRefused,
    /// The clinic refused a request or answered with something unusable. A fixed sentence, never the
    /// server's own text, so nothing from the wire reaches the screen or a log unchecked.
    #[error("{0}")]
    Clinic(&'static str),
    /// A new key for everything was refused because some entries did not open at unlock: resealing
    /// needs every entry read, and going ahead would delete them. They stay in the file unchanged.
    #[error(
        "{count} of your entries could not be opened, so the key was not changed: that would lose \
         them. They are kept in the file unchanged. Restore a backup that has them, then try \
         again; until then you can still change your passphrase on its own"
    )]
    EntriesUnopened {
        /// How many record rows in the file did not open.
        count: u32,
    },
}

impl Error {
    /// The code the UI switches on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Invalid(_) => ErrorCode::Invalid,
            Self::NoVault => ErrorCode::NoVault,
            Self::VaultExists => ErrorCode::VaultExists,
            Self::WrongPassphrase
            | Self::WrongRecoveryKey
            | Self::QuickUnlockOff
            | Self::BiometricNotConfirmed => ErrorCode::WrongSecret,
            Self::LockedOut { .. } => ErrorCode::LockedOut,
            Self::Locked => ErrorCode::Locked,
            Self::DamagedFile(_) | Self::EntriesUnopened { .. } => ErrorCode::DamagedFile,
            Self::UnsupportedVersion { .. } => ErrorCode::UnsupportedVersion,
            Self::NotFound => ErrorCode::NotFound,
            Self::DiskFull => ErrorCode::DiskFull,
            Self::Storage(_) => ErrorCode::Storage,
            Self::Offline => ErrorCode::Offline,
            Self::DeviceRefused => ErrorCode::DeviceRefused,
            Self::Clinic(_) => ErrorCode::Clinic,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        // ENOSPC and EDQUOT both mean "no room": report them as the disk being full.
        match e.raw_os_error() {
            Some(28) | Some(122) => Self::DiskFull,
            _ => Self::Storage(e.kind().to_string()),
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DiskFull) => Self::DiskFull,
            Some(C::NotADatabase) => Self::DamagedFile(FileProblem::Foreign),
            Some(C::DatabaseCorrupt) => Self::DamagedFile(FileProblem::Corrupted),
            // SQLite's own message names the failing operation, never row contents.
            Some(code) => Self::Storage(format!("{code:?}")),
            None => Self::Storage("database access failed".to_owned()),
        }
    }
}

/// The result type of the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;
