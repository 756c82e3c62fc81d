//! Tideline core: everything a patient's device knows and every rule it follows.
//!
//! This crate never depends on Tauri, a web server or any desktop-only API, so the same code runs in the
//! desktop shell, on mobile and in tests. Time and randomness come in from the caller where behaviour
//! depends on them.
#![deny(missing_docs)]
// No function over 120 lines (clippy.toml).
#![warn(clippy::too_many_lines)]

pub mod app_state;
pub mod care;
pub mod contact;
pub mod craving;
pub mod crisis;
pub mod draft;
pub mod entry;
pub mod error;
pub mod halt;
pub mod id;
pub mod insights;
pub mod journal;
pub mod language;
pub mod onboarding;
pub mod passphrase;
pub mod plan;
pub mod program;
pub mod record;
pub mod reminder;
pub mod reminder_delivery;
pub mod report;
pub mod session;
pub mod settings;
pub mod share;
pub mod status;
pub mod summary;
pub mod sync;
pub mod text;
pub mod time;
pub mod urge;
pub mod vault;

pub use error::{Error, ErrorCode, Invalid, Result};
