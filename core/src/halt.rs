//! The HALT check: Hungry, Angry, Lonely, Tired. A quick self-check when a craving comes, with a
//! response for each need. It is a prompt for self-care, not a validated clinical scale, so the app
//! never scores or grades it; the insight is the pattern over time.

use serde::{Deserialize, Serialize};

use crate::error::Invalid;
use crate::language::{list_and, t, tr, Arg, Lang};
use crate::text::{check_text, TEXT_MAX_CHARS};
use crate::time::Stamp;

/// One of the four HALT needs.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum HaltNeed {
    /// Hungry.
    Hungry,
    /// Angry.
    Angry,
    /// Lonely.
    Lonely,
    /// Tired.
    Tired,
}

impl HaltNeed {
    /// All four, in the order of the acronym.
    pub const ALL: [HaltNeed; 4] = [Self::Hungry, Self::Angry, Self::Lonely, Self::Tired];

    /// The need as a capitalized English word ("Tired"): the code-like label of shared FHIR text.
    /// What a person reads comes from [`HaltNeed::name`].
    pub fn word(self) -> &'static str {
        match self {
            Self::Hungry => "Hungry",
            Self::Angry => "Angry",
            Self::Lonely => "Lonely",
            Self::Tired => "Tired",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Self::Hungry => "hungry",
            Self::Angry => "angry",
            Self::Lonely => "lonely",
            Self::Tired => "tired",
        }
    }

    /// The need as a capitalized word in `lang` ("Tired", "Cansancio").
    pub fn name(self, lang: Lang) -> String {
        t(lang, &format!("halt-need-{}", self.key()))
    }

    /// What to do about this need (BRIEF section 2), in a few words: the suggestion's heading.
    pub fn suggestion_title(self, lang: Lang) -> String {
        t(lang, &format!("halt-suggestion-{}-title", self.key()))
    }

    /// The response to this need (BRIEF section 2), concrete and warm.
    pub fn suggestion(self, lang: Lang) -> String {
        t(lang, &format!("halt-suggestion-{}", self.key()))
    }

    /// The suggestion for this need, as the UI shows it.
    pub fn suggestion_for(self, lang: Lang) -> HaltSuggestion {
        HaltSuggestion {
            need: self,
            title: self.suggestion_title(lang),
            text: self.suggestion(lang),
        }
    }
}

/// The suggestion for every need, in HALT order: the one source of this content (the UI reads it
/// through the shell, so the wording lives only in the catalog).
pub fn all_suggestions(lang: Lang) -> Vec<HaltSuggestion> {
    HaltNeed::ALL
        .into_iter()
        .map(|n| n.suggestion_for(lang))
        .collect()
}

/// How strongly a need is felt: 0 (not at all) to 3 (very). Four steps are enough to answer at a
/// glance; a finer scale would suggest a precision a self-check does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, ts_rs::TS)]
#[ts(export_to = "../../ui/src/lib/generated/", type = "number")]
pub struct HaltRating(u8);

impl HaltRating {
    /// The highest rating.
    pub const MAX: u8 = 3;

    /// A need counts as flagged from this rating up. 2 means "quite a bit": 1 ("a little") is how most
    /// people feel some of the time, and flagging it would bury the needs that matter under noise.
    pub const FLAG_FROM: u8 = 2;

    /// The rating as a number 0-3.
    pub fn value(self) -> u8 {
        self.0
    }

    /// Whether the need is strong enough to act on.
    pub fn is_flagged(self) -> bool {
        self.0 >= Self::FLAG_FROM
    }
}

impl TryFrom<u8> for HaltRating {
    type Error = Invalid;
    fn try_from(v: u8) -> Result<Self, Invalid> {
        if v <= Self::MAX {
            Ok(Self(v))
        } else {
            Err(Invalid::new("rating", "must be between 0 and 3"))
        }
    }
}

// Serialized by hand rather than with `#[serde(try_from)]` so that deserializing goes through the same
// validation as `try_from`, without ts-rs tripping over the serde attribute.
impl Serialize for HaltRating {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        u8::from(*self).serialize(s)
    }
}

impl<'de> Deserialize<'de> for HaltRating {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::try_from(u8::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl From<HaltRating> for u8 {
    fn from(r: HaltRating) -> u8 {
        r.0
    }
}

/// A need the check flagged, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct HaltSuggestion {
    /// The need.
    pub need: HaltNeed,
    /// What to do, in a few words ("Eat something").
    pub title: String,
    /// The response, in plain words.
    pub text: String,
}

/// One HALT self-check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct HaltCheck {
    /// When the check was taken.
    pub taken_at: Stamp,
    /// Hungry, 0-3.
    pub hungry: HaltRating,
    /// Angry, 0-3.
    pub angry: HaltRating,
    /// Lonely, 0-3.
    pub lonely: HaltRating,
    /// Tired, 0-3.
    pub tired: HaltRating,
    /// Anything the person wants to add.
    pub note: Option<String>,
}

impl HaltCheck {
    /// Checks every field.
    pub fn validate(&self) -> Result<(), Invalid> {
        check_text("note", self.note.as_deref(), TEXT_MAX_CHARS)
    }

    /// The rating given to `need`.
    pub fn rating(&self, need: HaltNeed) -> HaltRating {
        match need {
            HaltNeed::Hungry => self.hungry,
            HaltNeed::Angry => self.angry,
            HaltNeed::Lonely => self.lonely,
            HaltNeed::Tired => self.tired,
        }
    }

    /// The needs rated at least [`HaltRating::FLAG_FROM`], in HALT order.
    pub fn flagged_needs(&self) -> Vec<HaltNeed> {
        HaltNeed::ALL
            .into_iter()
            .filter(|n| self.rating(*n).is_flagged())
            .collect()
    }

    /// The response for each flagged need, in HALT order.
    pub fn suggestions(&self, lang: Lang) -> Vec<HaltSuggestion> {
        self.flagged_needs()
            .into_iter()
            .map(|n| n.suggestion_for(lang))
            .collect()
    }

    /// The free text of the check, for search.
    pub fn text_fields(&self) -> Vec<&str> {
        self.note
            .as_deref()
            .filter(|t| !t.is_empty())
            .into_iter()
            .collect()
    }
}

/// How often each need was flagged over the most recent checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct HaltPattern {
    /// How many checks were looked at (at most the N asked for).
    pub checks: u32,
    /// Checks in which hungry was flagged.
    pub hungry: u32,
    /// Checks in which angry was flagged.
    pub angry: u32,
    /// Checks in which lonely was flagged.
    pub lonely: u32,
    /// Checks in which tired was flagged.
    pub tired: u32,
    /// One plain sentence, e.g. "Tired in 5 of the last 7 checks."
    pub summary: String,
}

impl HaltPattern {
    /// The pattern over the `n` most recent checks (by when they were taken, whatever order they come
    /// in), its sentence in `lang`.
    pub fn over_last(checks: &[HaltCheck], n: usize, lang: Lang) -> Self {
        let mut recent: Vec<&HaltCheck> = checks.iter().collect();
        recent.sort_by_key(|c| std::cmp::Reverse(c.taken_at.utc));
        recent.truncate(n);
        let count = |need| {
            recent
                .iter()
                .filter(|c| c.rating(need).is_flagged())
                .count() as u32
        };
        let mut pattern = Self {
            checks: recent.len() as u32,
            hungry: count(HaltNeed::Hungry),
            angry: count(HaltNeed::Angry),
            lonely: count(HaltNeed::Lonely),
            tired: count(HaltNeed::Tired),
            summary: String::new(),
        };
        pattern.summary = pattern.sentence(lang);
        pattern
    }

    /// How many checks flagged `need`.
    pub fn count(&self, need: HaltNeed) -> u32 {
        match need {
            HaltNeed::Hungry => self.hungry,
            HaltNeed::Angry => self.angry,
            HaltNeed::Lonely => self.lonely,
            HaltNeed::Tired => self.tired,
        }
    }

    fn sentence(&self, lang: Lang) -> String {
        let checks = Arg::from(self.checks);
        if self.checks == 0 {
            return t(lang, "halt-pattern-none");
        }
        // Most frequent first, so the need that matters most leads the sentence.
        let mut flagged: Vec<(HaltNeed, u32)> = HaltNeed::ALL
            .into_iter()
            .map(|n| (n, self.count(n)))
            .filter(|(_, c)| *c > 0)
            .collect();
        flagged.sort_by_key(|(n, c)| (std::cmp::Reverse(*c), *n));
        if flagged.is_empty() {
            return tr(lang, "halt-pattern-nothing", &[("checks", checks)]);
        }
        let parts: Vec<String> = flagged
            .iter()
            .enumerate()
            .map(|(i, (need, c))| {
                let name = need.name(lang);
                let word = if i == 0 { name } else { name.to_lowercase() };
                if self.checks == 1 {
                    word
                } else {
                    tr(
                        lang,
                        "halt-pattern-part",
                        &[("need", Arg::from(word)), ("count", Arg::from(*c))],
                    )
                }
            })
            .collect();
        let needs = Arg::from(list_and(lang, &parts));
        if self.checks == 1 {
            tr(lang, "halt-pattern-one", &[("needs", needs)])
        } else {
            tr(
                lang,
                "halt-pattern-many",
                &[("needs", needs), ("checks", checks)],
            )
        }
    }
}
