//! The therapist portal over real HTTP(S): sign-in, lockout, CSRF, timeout, who sees which patient, and
//! which shares are shown, and in which language (the staff member's setting).

mod access;
#[path = "../common/engine.rs"]
mod engine;
mod language;
mod patient_admin;
mod sessions;
mod shares;
mod support;
mod workspace;
