//! The therapist portal over real HTTP(S): sign-in, lockout, CSRF, timeout, who sees which patient, and
//! which shares are shown.

mod access;
#[path = "../common/engine.rs"]
mod engine;
mod sessions;
mod shares;
mod support;
mod workspace;
