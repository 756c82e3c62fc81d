//! Passphrase rules and strength feedback.
//!
//! The vault's only protection against someone holding the file is the cost of guessing the
//! passphrase (Argon2id makes each guess slow), so the minimum is a length, and the feedback steers
//! toward several unrelated words, which are both strong and easy to remember under stress.

use serde::Serialize;

use crate::error::{Invalid, Result};
use crate::language::{t, tr, Arg, Lang};
use crate::text::normalize_passphrase as normalize_for_rules;

/// The fewest characters a passphrase may have.
pub const MIN_CHARS: usize = 10;
/// The most characters a passphrase may have (long pastes are almost certainly a mistake).
pub const MAX_CHARS: usize = 1024;

/// Feedback on a passphrase while the patient types it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
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

/// The lowest zxcvbn score a passphrase may have: 3 means more than 10^8 guesses, which with
/// Argon2id at about half a second a guess is years of work for one attacker's core.
pub const MIN_SCORE: u8 = 3;

/// Words an attacker would try first against this app's vaults; zxcvbn treats them like the user's
/// own name (a passphrase built on them is guessed early).
const APP_WORDS: &[&str] = &[
    "tideline",
    "tide",
    "recovery",
    "recover",
    "sober",
    "sobriety",
    "clean",
    "craving",
    "cravings",
    "relapse",
    "journal",
    "halt",
    "urge",
    "surfing",
    "passphrase",
    "password",
    "clinic",
    "therapy",
];

/// Refuses passphrases that are too short, too long or too easy to guess (zxcvbn score below
/// [`MIN_SCORE`]).
pub fn check_acceptable(passphrase: &str) -> Result<()> {
    check_length(passphrase)?;
    if estimate(passphrase).score() < MIN_SCORE {
        return Err(Invalid::new(
            "passphrase",
            "this passphrase is too easy to guess; add more unrelated words",
        )
        .into());
    }
    Ok(())
}

fn check_length(passphrase: &str) -> Result<()> {
    let chars = normalize_for_rules(passphrase).chars().count();
    if chars < MIN_CHARS {
        return Err(Invalid::new("passphrase", "use at least 10 characters").into());
    }
    if chars > MAX_CHARS {
        return Err(Invalid::new("passphrase", "use at most 1024 characters").into());
    }
    Ok(())
}

/// zxcvbn's estimate over the normalized text (what the key derivation sees); zxcvbn itself reads
/// only the first 100 characters, so a long paste costs no more than a short one.
struct Estimate(zxcvbn::Entropy);

impl Estimate {
    fn score(&self) -> u8 {
        u8::from(self.0.score())
    }
}

fn estimate(passphrase: &str) -> Estimate {
    let normalized = normalize_for_rules(passphrase);
    Estimate(zxcvbn::zxcvbn(&normalized, APP_WORDS))
}

/// The warning in plain words (our own sentences, not the library's).
fn warning_id(w: zxcvbn::feedback::Warning) -> &'static str {
    use zxcvbn::feedback::Warning as W;
    match w {
        W::StraightRowsOfKeysAreEasyToGuess | W::ShortKeyboardPatternsAreEasyToGuess => {
            "passphrase-warn-keyboard"
        }
        W::RepeatsLikeAaaAreEasyToGuess => "passphrase-warn-repeats",
        W::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => "passphrase-warn-repeated-piece",
        W::ThisIsATop10Password | W::ThisIsATop100Password | W::ThisIsACommonPassword => {
            "passphrase-warn-common"
        }
        W::ThisIsSimilarToACommonlyUsedPassword => "passphrase-warn-similar",
        W::SequencesLikeAbcAreEasyToGuess => "passphrase-warn-sequence",
        W::RecentYearsAreEasyToGuess | W::DatesAreOftenEasyToGuess => "passphrase-warn-dates",
        W::AWordByItselfIsEasyToGuess => "passphrase-warn-one-word",
        W::NamesAndSurnamesByThemselvesAreEasyToGuess | W::CommonNamesAndSurnamesAreEasyToGuess => {
            "passphrase-warn-names"
        }
    }
}

fn suggestion_id(s: zxcvbn::feedback::Suggestion) -> &'static str {
    use zxcvbn::feedback::Suggestion as S;
    match s {
        S::UseAFewWordsAvoidCommonPhrases => "passphrase-tip-words",
        S::NoNeedForSymbolsDigitsOrUppercaseLetters => "passphrase-tip-no-symbols",
        S::AddAnotherWordOrTwo => "passphrase-tip-add-word",
        S::CapitalizationDoesntHelpVeryMuch
        | S::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase => "passphrase-tip-capitals",
        S::ReversedWordsArentMuchHarderToGuess => "passphrase-tip-reversed",
        S::PredictableSubstitutionsDontHelpVeryMuch => "passphrase-tip-swaps",
        S::UseALongerKeyboardPatternWithMoreTurns => "passphrase-tip-keyboard",
        S::AvoidRepeatedWordsAndCharacters => "passphrase-tip-repeats",
        S::AvoidSequences => "passphrase-tip-sequences",
        S::AvoidRecentYears
        | S::AvoidYearsThatAreAssociatedWithYou
        | S::AvoidDatesAndYearsThatAreAssociatedWithYou => "passphrase-tip-dates",
    }
}

/// Estimates how hard a passphrase is to guess (zxcvbn, with this app's own words counted as
/// guessable) and says why in plain words.
pub fn assess(passphrase: &str, lang: Lang) -> Strength {
    let length = check_length(passphrase);
    let estimate = estimate(passphrase);
    let zx_score = estimate.score();
    let bits = (estimate.0.guesses_log10() * std::f64::consts::LOG2_10).max(0.0) as u32;
    let feedback = estimate.0.feedback();
    let mut warning = feedback
        .and_then(|f| f.warning())
        .map(|w| t(lang, warning_id(w)));
    let mut suggestions: Vec<String> = feedback
        .map(|f| {
            f.suggestions()
                .iter()
                .map(|s| t(lang, suggestion_id(*s)))
                .collect()
        })
        .unwrap_or_default();
    if length.is_err() && normalize_for_rules(passphrase).chars().count() < MIN_CHARS {
        warning = Some(tr(
            lang,
            "passphrase-warn-too-short",
            &[("min", Arg::from(MIN_CHARS))],
        ));
    }
    if zx_score < MIN_SCORE && suggestions.is_empty() {
        suggestions.push(t(lang, "passphrase-tip-add-word"));
    }
    suggestions.dedup();
    let acceptable = length.is_ok() && zx_score >= MIN_SCORE;
    Strength {
        score: if length.is_ok() { zx_score } else { 0 },
        bits,
        acceptable,
        warning,
        suggestions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Lang;

    #[test]
    fn short_passphrases_are_refused_with_a_reason() {
        let e = check_acceptable("short").unwrap_err();
        assert_eq!(e.to_string(), "passphrase: use at least 10 characters");
        assert!(!assess("short", Lang::En).acceptable);
        assert_eq!(assess("short", Lang::En).score, 0);
    }

    #[test]
    fn guessable_passphrases_of_any_length_are_refused_with_feedback() {
        for weak in [
            "0000000000",
            "password12",
            "Password2026!",
            "qwertyuiop12",
            "1q2w3e4r5t",
            "sunshine123",
            "tideline2026",
            "aaaaaaaaaaaaaaaa",
            "abcdefghijklmnop",
        ] {
            let verdict = assess(weak, Lang::En);
            assert!(verdict.score < MIN_SCORE, "{weak} scored {}", verdict.score);
            assert!(!verdict.acceptable, "{weak} accepted");
            assert!(
                verdict.warning.is_some() || !verdict.suggestions.is_empty(),
                "{weak} refused without a reason"
            );
            let e = check_acceptable(weak).unwrap_err();
            assert_eq!(
                e.to_string(),
                "passphrase: this passphrase is too easy to guess; add more unrelated words"
            );
        }
        let common = assess("password12", Lang::En);
        assert_eq!(
            common.warning.as_deref(),
            Some("This is a very common password, which is guessed first.")
        );
    }

    #[test]
    fn app_words_count_as_guessable() {
        // "tideline" is not in zxcvbn's dictionaries; as a user input it is the first guess.
        let with = zxcvbn::zxcvbn("tideline2026", APP_WORDS);
        let without = zxcvbn::zxcvbn("tideline2026", &[]);
        assert!(with.guesses() < without.guesses());
    }

    #[test]
    fn a_very_long_paste_is_assessed_quickly_and_refused_by_length() {
        let long = "lantern river oatmeal violet ".repeat(60);
        let started = std::time::Instant::now();
        let verdict = assess(&long, Lang::En);
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        assert!(!verdict.acceptable);
        assert_eq!(verdict.score, 0);
    }

    #[test]
    fn several_unrelated_words_score_higher_than_a_common_password() {
        let weak = assess("password123", Lang::En);
        let strong = assess("lantern river oatmeal 42 violet", Lang::En);
        assert!(weak.score <= 1, "common password scored {}", weak.score);
        assert!(weak.warning.is_some());
        assert_eq!(
            strong.score, 4,
            "a five-word phrase should be strong: {strong:?}"
        );
        assert!(assess("aaaaaaaaaaaaaaaa", Lang::En).score <= 1);
        assert!(
            assess("abcdefghijklmnop", Lang::En).score <= 2,
            "a sequence is weak"
        );
    }

    #[test]
    fn feedback_is_in_the_patients_language() {
        let es = assess("short", Lang::Es);
        assert_eq!(es.warning.as_deref(), Some("Use al menos 10 caracteres."));
        let weak = assess("password12", Lang::Es);
        assert!(!weak.acceptable);
        let words = format!("{:?} {:?}", weak.warning, weak.suggestions);
        assert!(
            words.contains("contraseña muy común") || words.contains("Agregue una o dos palabras"),
            "{words}"
        );
        let en = assess("password12", Lang::En);
        assert_eq!(
            (weak.score, weak.bits),
            (en.score, en.bits),
            "the verdict is the same"
        );
    }
}
