//! The daily craving record, after the NIDA CBT manual: when a craving came, what was happening, how
//! strong it was, what the person did, and how it ended.

use serde::{Deserialize, Serialize};

use crate::error::Invalid;
use crate::halt::HaltNeed;
pub(crate) use crate::text::{check_label, check_text};
pub use crate::text::{LABEL_MAX_CHARS, TEXT_MAX_CHARS};
use crate::time::Stamp;

/// The longest craving we accept a duration for: one day. A longer value is a typing slip (minutes
/// entered as seconds), not a craving, so it is rejected instead of stored.
pub const MAX_CRAVING_MINUTES: u16 = 24 * 60;

/// How strong a craving or urge felt, 0 (none) to 10 (the strongest imaginable). The NIDA manual uses
/// 1-100; a 0-10 scale is quicker to answer in the middle of a craving.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ts_rs::TS)]
#[ts(export_to = "../../ui/src/lib/generated/", type = "number")]
pub struct Intensity(u8);

impl Intensity {
    /// The strongest rating.
    pub const MAX: u8 = 10;

    /// The rating as a number 0-10.
    pub fn value(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Intensity {
    type Error = Invalid;
    fn try_from(v: u8) -> Result<Self, Invalid> {
        if v <= Self::MAX {
            Ok(Self(v))
        } else {
            Err(Invalid::new("intensity", "must be between 0 and 10"))
        }
    }
}

// Serialized by hand rather than with `#[serde(try_from)]` so that deserializing goes through the same
// validation as `try_from`, without ts-rs tripping over the serde attribute.
impl Serialize for Intensity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        u8::from(*self).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Intensity {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::try_from(u8::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl From<Intensity> for u8 {
    fn from(i: Intensity) -> u8 {
        i.0
    }
}

/// How a craving ended.
///
/// `NotYetRecorded` is the default and is distinct from both answers: a person often logs a craving
/// while it is still happening, and the app must never assume either outcome for them. It is never
/// counted as use, nor as a craving passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum CravingOutcome {
    /// The person has not said yet.
    #[default]
    NotYetRecorded,
    /// The craving passed without use.
    DidNotUse,
    /// The person returned to use. Recorded without judgement; it changes no progress figure.
    Used,
}

/// A part of the day, for cravings tied to a routine (after work, late at night).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum PartOfDay {
    /// Morning.
    Morning,
    /// Afternoon.
    Afternoon,
    /// Evening.
    Evening,
    /// Night.
    Night,
}

/// Something that set off or fed a craving.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum Trigger {
    /// A HALT state: hungry, angry, lonely or tired.
    Halt {
        /// Which need.
        need: HaltNeed,
    },
    /// A person (a name or a relationship, as the patient writes it).
    Person {
        /// Who.
        label: String,
    },
    /// A place.
    Place {
        /// Where.
        label: String,
    },
    /// An emotion (e.g. bored, anxious, celebrating).
    Emotion {
        /// Which feeling.
        label: String,
    },
    /// A time of day.
    TimeOfDay {
        /// When.
        part: PartOfDay,
    },
    /// Anything else, in the patient's words.
    Tag {
        /// The tag.
        label: String,
    },
}

impl Trigger {
    /// The patient's own words in this trigger, if any.
    pub fn text(&self) -> Option<&str> {
        match self {
            Self::Person { label }
            | Self::Place { label }
            | Self::Emotion { label }
            | Self::Tag { label } => Some(label),
            Self::Halt { .. } | Self::TimeOfDay { .. } => None,
        }
    }

    /// A key under which equal triggers are counted together: free text compares case- and
    /// space-insensitively, so "Work" and " work " are one trigger in the insights.
    pub fn grouping_key(&self) -> Trigger {
        let norm = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        match self {
            Self::Person { label } => Self::Person { label: norm(label) },
            Self::Place { label } => Self::Place { label: norm(label) },
            Self::Emotion { label } => Self::Emotion { label: norm(label) },
            Self::Tag { label } => Self::Tag { label: norm(label) },
            other => other.clone(),
        }
    }

    /// Checks a free-text label.
    pub fn validate(&self) -> Result<(), Invalid> {
        match self.text() {
            Some(t) => check_label("triggers", t),
            None => Ok(()),
        }
    }
}

/// The most triggers one entry may list; more is almost certainly an input loop in the UI.
pub const MAX_TRIGGERS: usize = 32;

/// One entry of the daily craving record. Only `occurred_at` and `intensity` are required: logging
/// has to take seconds during a craving, and the rest can be filled in later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct CravingEntry {
    /// When the craving came.
    pub occurred_at: Stamp,
    /// What was happening (where, with whom, doing what).
    pub situation: Option<String>,
    /// Thoughts and feelings at the time.
    pub thoughts_and_feelings: Option<String>,
    /// How strong it was, 0-10.
    pub intensity: Intensity,
    /// How long it lasted, in minutes, if known.
    pub duration_minutes: Option<u16>,
    /// What the person did to cope.
    pub coping: Option<String>,
    /// How it ended.
    #[serde(default)]
    pub outcome: CravingOutcome,
    /// What set it off.
    #[serde(default)]
    pub triggers: Vec<Trigger>,
    /// Anything else.
    pub notes: Option<String>,
}

impl CravingEntry {
    /// A minimal entry: the two required answers, everything else empty.
    pub fn new(occurred_at: Stamp, intensity: Intensity) -> Self {
        Self {
            occurred_at,
            situation: None,
            thoughts_and_feelings: None,
            intensity,
            duration_minutes: None,
            coping: None,
            outcome: CravingOutcome::NotYetRecorded,
            triggers: Vec::new(),
            notes: None,
        }
    }

    /// Checks every field; call before sealing a value that came from outside (the UI, an import).
    pub fn validate(&self) -> Result<(), Invalid> {
        check_text("situation", self.situation.as_deref(), TEXT_MAX_CHARS)?;
        check_text(
            "thoughtsAndFeelings",
            self.thoughts_and_feelings.as_deref(),
            TEXT_MAX_CHARS,
        )?;
        check_text("coping", self.coping.as_deref(), TEXT_MAX_CHARS)?;
        check_text("notes", self.notes.as_deref(), TEXT_MAX_CHARS)?;
        if let Some(m) = self.duration_minutes {
            if m == 0 || m > MAX_CRAVING_MINUTES {
                return Err(Invalid::new(
                    "durationMinutes",
                    "must be between 1 minute and 24 hours",
                ));
            }
        }
        if self.triggers.len() > MAX_TRIGGERS {
            return Err(Invalid::new("triggers", "too many triggers in one entry"));
        }
        self.triggers.iter().try_for_each(Trigger::validate)
    }

    /// When the craving came.
    pub fn occurred_at(&self) -> Stamp {
        self.occurred_at
    }

    /// Every piece of free text in the entry, for search. Empty answers are left out.
    pub fn text_fields(&self) -> Vec<&str> {
        [
            &self.situation,
            &self.thoughts_and_feelings,
            &self.coping,
            &self.notes,
        ]
        .into_iter()
        .filter_map(|t| t.as_deref())
        .chain(self.triggers.iter().filter_map(Trigger::text))
        .filter(|t| !t.is_empty())
        .collect()
    }
}
