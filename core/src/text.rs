//! The limits on what a patient types, shared by every journal record (plain rules, no record).

use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

use crate::error::Invalid;

/// The longest free-text answer accepted in one field. Generous for a journal entry, small enough that
/// a pasted document cannot bloat the vault or the search index.
pub const TEXT_MAX_CHARS: usize = 4000;

/// The longest short label (a trigger tag, a name, a place).
pub const LABEL_MAX_CHARS: usize = 200;

/// Checks an optional free-text answer against `max` characters (not bytes, so every script gets the
/// same room). Shared by every journal record.
pub(crate) fn check_text(
    field: &'static str,
    text: Option<&str>,
    max: usize,
) -> Result<(), Invalid> {
    match text {
        Some(t) if t.chars().count() > max => Err(Invalid::new(field, "is too long")),
        _ => Ok(()),
    }
}

/// Checks a required short label: not blank, not longer than [`LABEL_MAX_CHARS`].
pub(crate) fn check_label(field: &'static str, text: &str) -> Result<(), Invalid> {
    if text.trim().is_empty() {
        return Err(Invalid::new(field, "must not be empty"));
    }
    check_text(field, Some(text), LABEL_MAX_CHARS)
}

/// Normalizes a passphrase (NFKC) so the same words typed on another keyboard or platform, with
/// composed or decomposed accents or full-width characters, give the same key.
pub(crate) fn normalize_passphrase(passphrase: &str) -> Zeroizing<String> {
    Zeroizing::new(passphrase.nfkc().collect())
}
