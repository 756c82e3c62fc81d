//! Passphrase rules and strength feedback.
//!
//! The vault's only protection against someone holding the file is the cost of guessing the
//! passphrase (Argon2id makes each guess slow), so the minimum is a length, and the feedback steers
//! toward several unrelated words, which are both strong and easy to remember under stress.

use serde::Serialize;

use crate::error::{Invalid, Result};
use crate::vault::normalize_for_rules;

/// The fewest characters a passphrase may have.
pub const MIN_CHARS: usize = 10;
/// The most characters a passphrase may have (long pastes are almost certainly a mistake).
pub const MAX_CHARS: usize = 1024;

/// Feedback on a passphrase while the patient types it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/lib/generated/")]
pub struct Strength {
    /// 0 (very weak) to 4 (strong).
    pub score: u8,
    /// Estimated bits of guessing work, rounded down.
    pub bits: u32,
    /// Whether it may be used at all.
    pub acceptable: bool,
    /// One plain sentence on the biggest weakness, if any.
    pub warning: Option<String>,
    /// Short suggestions.
    pub suggestions: Vec<String>,
}

/// Refuses passphrases that are too short or too long.
pub fn check_acceptable(passphrase: &str) -> Result<()> {
    let chars = normalize_for_rules(passphrase).chars().count();
    if chars < MIN_CHARS {
        return Err(Invalid::new("passphrase", "use at least 10 characters").into());
    }
    if chars > MAX_CHARS {
        return Err(Invalid::new("passphrase", "use at most 1024 characters").into());
    }
    Ok(())
}

/// Passwords that appear at the top of every leaked-password list; any passphrase built mostly from
/// them is guessed first.
const COMMON: &[&str] = &[
    "password",
    "passw0rd",
    "123456",
    "12345678",
    "123456789",
    "1234567890",
    "qwerty",
    "qwertyuiop",
    "abc123",
    "letmein",
    "welcome",
    "iloveyou",
    "admin",
    "monkey",
    "dragon",
    "football",
    "baseball",
    "sunshine",
    "princess",
    "master",
    "shadow",
    "superman",
    "trustno1",
    "starwars",
    "whatever",
    "freedom",
    "recovery",
    "sober",
    "tideline",
    "111111",
    "000000",
    "asdfgh",
    "zxcvbn",
];

/// Estimates how hard a passphrase is to guess: word count and character variety, with penalties for
/// repeats, sequences and common passwords. Deliberately conservative.
pub fn assess(passphrase: &str) -> Strength {
    let normalized = normalize_for_rules(passphrase);
    let text: &str = &normalized;
    let chars: Vec<char> = text.chars().collect();
    let lower = text.to_lowercase();
    let mut warning = None;
    let mut suggestions = Vec::new();

    let mut pool = 0u32;
    if chars.iter().any(|c| c.is_lowercase()) {
        pool += 26;
    }
    if chars.iter().any(|c| c.is_uppercase()) {
        pool += 26;
    }
    if chars.iter().any(|c| c.is_ascii_digit()) {
        pool += 10;
    }
    if chars.iter().any(|c| !c.is_alphanumeric()) {
        pool += 20;
    }
    if chars.iter().any(|c| !c.is_ascii()) {
        pool += 50;
    }
    // Characters that merely repeat or continue a sequence add almost nothing.
    let mut effective = 0.0f64;
    for (i, &c) in chars.iter().enumerate() {
        let repeat = i > 0 && chars[i - 1] == c;
        let sequence = i > 0 && (c as i64 - chars[i - 1] as i64).abs() == 1;
        effective += if repeat || sequence { 0.25 } else { 1.0 };
    }
    let mut bits = effective * f64::from(pool.max(1)).log2();

    let words = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 3)
        .count();
    if COMMON.iter().any(|c| lower.contains(c)) {
        bits *= 0.5;
        warning = Some("This includes a very common password, which is guessed first.".to_owned());
    }
    if chars.len() > 3 && chars.windows(2).all(|w| w[0] == w[1]) {
        bits = bits.min(10.0);
        warning = Some("One character repeated is easy to guess.".to_owned());
    }
    if chars.len() < MIN_CHARS {
        warning = Some(format!("Use at least {MIN_CHARS} characters."));
    }
    if words < 3 {
        suggestions
            .push("Try three or four unrelated words, like a short odd sentence.".to_owned());
    }
    if pool <= 26 && words < 4 {
        suggestions.push("A number or a symbol between words adds strength.".to_owned());
    }
    let bits = bits.max(0.0) as u32;
    let acceptable = check_acceptable(passphrase).is_ok();
    let score = match bits {
        _ if !acceptable => 0,
        0..=34 => 1,
        35..=49 => 2,
        50..=64 => 3,
        _ => 4,
    };
    Strength {
        score,
        bits,
        acceptable,
        warning,
        suggestions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_passphrases_are_refused_with_a_reason() {
        let e = check_acceptable("short").unwrap_err();
        assert_eq!(e.to_string(), "passphrase: use at least 10 characters");
        assert!(!assess("short").acceptable);
        assert_eq!(assess("short").score, 0);
    }

    #[test]
    fn several_unrelated_words_score_higher_than_a_common_password() {
        let weak = assess("password123");
        let strong = assess("lantern river oatmeal 42 violet");
        assert!(weak.score <= 1, "common password scored {}", weak.score);
        assert!(weak.warning.is_some());
        assert_eq!(
            strong.score, 4,
            "a five-word phrase should be strong: {strong:?}"
        );
        assert!(assess("aaaaaaaaaaaaaaaa").score <= 1);
        assert!(assess("abcdefghijklmnop").score <= 2, "a sequence is weak");
    }
}
