//! Urge surfing (Marlatt's mindfulness-based relapse prevention): an urge is a wave that rises, peaks
//! and falls if one does not act on it. A session records the wave as it really went: its real length,
//! its intensity at the start, peak and end, samples along the way, and the steps the person took.

use chrono::Duration;
use serde::{Deserialize, Serialize};

use crate::craving::{check_text, Intensity, TEXT_MAX_CHARS};
use crate::error::Invalid;
use crate::time::Stamp;

/// The two guided forms of urge surfing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum SurfVariant {
    /// The full wave: notice, observe the body, breathe, ride the wave, notice it fall.
    #[default]
    Wave,
    /// The short S.O.B.E.R. form: Stop, Observe, Breathe, Expand awareness, Respond mindfully.
    Sober,
}

impl SurfVariant {
    /// Both variants (the window's step order is generated from them, `ui/src/lib/rules.ts`).
    pub const ALL: [SurfVariant; 2] = [Self::Wave, Self::Sober];

    /// The steps of this variant, in the order they are guided.
    pub fn steps(self) -> &'static [SurfStep] {
        match self {
            Self::Wave => &[
                SurfStep::NoticeAndName,
                SurfStep::ObserveBody,
                SurfStep::Breathe,
                SurfStep::RideTheWave,
                SurfStep::NoticeItFall,
            ],
            Self::Sober => &[
                SurfStep::Stop,
                SurfStep::Observe,
                SurfStep::Breathe,
                SurfStep::ExpandAwareness,
                SurfStep::RespondMindfully,
            ],
        }
    }
}

/// One guided step. `Breathe` belongs to both variants.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum SurfStep {
    /// Notice the urge and name it.
    NoticeAndName,
    /// Observe where it sits in the body and the thoughts.
    ObserveBody,
    /// Breathe slowly.
    Breathe,
    /// Ride it without acting on it.
    RideTheWave,
    /// Notice it fall.
    NoticeItFall,
    /// S.O.B.E.R.: stop.
    Stop,
    /// S.O.B.E.R.: observe.
    Observe,
    /// S.O.B.E.R.: expand awareness.
    ExpandAwareness,
    /// S.O.B.E.R.: respond mindfully.
    RespondMindfully,
}

/// Whether the person acted on the urge. Like a craving's outcome, it starts unanswered: the app never
/// assumes either answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum UrgeOutcome {
    /// Not answered yet.
    #[default]
    NotYetRecorded,
    /// The wave passed without acting on it.
    RodeItOut,
    /// The person acted on the urge. Recorded without judgement.
    ActedOnUrge,
}

/// An intensity reading during the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct UrgeSample {
    /// Seconds since the session started.
    pub offset_seconds: u32,
    /// How strong the urge was then.
    pub intensity: Intensity,
}

/// The most samples one session keeps: one every 10 seconds for a 3-hour session. More is an input
/// loop, not a wave.
pub const MAX_SAMPLES: usize = 1080;

/// One urge-surfing session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct UrgeSurfSession {
    /// When the person started surfing.
    pub started_at: Stamp,
    /// When they finished. Never before `started_at`.
    pub ended_at: Stamp,
    /// Intensity at the start.
    pub intensity_start: Intensity,
    /// Intensity at the peak: at least the start, the end and every sample.
    pub intensity_peak: Intensity,
    /// Intensity at the end.
    pub intensity_end: Intensity,
    /// Readings along the way, in time order.
    #[serde(default)]
    pub samples: Vec<UrgeSample>,
    /// The guided form used.
    #[serde(default)]
    pub variant: SurfVariant,
    /// The steps the person went through (steps of `variant` only, each at most once).
    #[serde(default)]
    pub steps_completed: Vec<SurfStep>,
    /// Whether the person acted on the urge.
    #[serde(default)]
    pub outcome: UrgeOutcome,
    /// Anything else.
    pub notes: Option<String>,
}

impl UrgeSurfSession {
    /// Checks every field and the rules between them.
    pub fn validate(&self) -> Result<(), Invalid> {
        if self.ended_at.utc < self.started_at.utc {
            return Err(Invalid::new("endedAt", "must not be before the start"));
        }
        if self.intensity_peak < self.intensity_start || self.intensity_peak < self.intensity_end {
            return Err(Invalid::new(
                "intensityPeak",
                "must be at least the start and end intensity",
            ));
        }
        if self.samples.len() > MAX_SAMPLES {
            return Err(Invalid::new("samples", "too many samples in one session"));
        }
        let length = self.duration().num_seconds();
        let mut previous: Option<u32> = None;
        for s in &self.samples {
            if previous.is_some_and(|p| s.offset_seconds <= p) {
                return Err(Invalid::new(
                    "samples",
                    "must be in time order, one per moment",
                ));
            }
            if i64::from(s.offset_seconds) > length {
                return Err(Invalid::new("samples", "must fall within the session"));
            }
            if s.intensity > self.intensity_peak {
                return Err(Invalid::new(
                    "intensityPeak",
                    "must be at least every sample",
                ));
            }
            previous = Some(s.offset_seconds);
        }
        let allowed = self.variant.steps();
        for (i, step) in self.steps_completed.iter().enumerate() {
            if !allowed.contains(step) {
                return Err(Invalid::new(
                    "stepsCompleted",
                    "includes a step of the other variant",
                ));
            }
            if self.steps_completed[..i].contains(step) {
                return Err(Invalid::new("stepsCompleted", "lists a step twice"));
            }
        }
        check_text("notes", self.notes.as_deref(), TEXT_MAX_CHARS)
    }

    /// How long the session really lasted. Urges commonly last 15-45 minutes, but nothing assumes it.
    pub fn duration(&self) -> Duration {
        self.ended_at.utc - self.started_at.utc
    }

    /// How far the urge fell from its peak by the end (0-10).
    pub fn drop_from_peak(&self) -> u8 {
        self.intensity_peak
            .value()
            .saturating_sub(self.intensity_end.value())
    }

    /// The free text of the session, for search.
    pub fn text_fields(&self) -> Vec<&str> {
        self.notes
            .as_deref()
            .filter(|t| !t.is_empty())
            .into_iter()
            .collect()
    }
}
