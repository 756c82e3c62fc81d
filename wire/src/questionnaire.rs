//! `Questionnaire`, and the three Tideline publishes: the craving record, the HALT check and the
//! urge-surfing session.
//!
//! The server publishes them (built by [`craving_record`], [`halt_check`], [`urge_surfing`]) and the
//! app answers them using the same `linkId` constants, so the two cannot drift. A change to any item
//! is a new `version`.

use serde::{Deserialize, Serialize};

use crate::{Coding, QuestionnaireType};

/// `Questionnaire.status` (PublicationStatus).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PublicationStatus {
    /// Not ready for use.
    Draft,
    /// In use.
    Active,
    /// No longer in use.
    Retired,
    /// Not known.
    Unknown,
}

/// `Questionnaire.item.type` (the subset Tideline uses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ItemType {
    /// A group of items.
    Group,
    /// Yes or no.
    Boolean,
    /// A whole number.
    Integer,
    /// A date and time.
    DateTime,
    /// A short line of text.
    String,
    /// Free text, possibly several lines.
    Text,
    /// One of the `answerOption`s.
    Choice,
}

/// `Questionnaire.item.answerOption`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AnswerOption {
    /// The option.
    pub value_coding: Coding,
}

/// `Questionnaire.item`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuestionnaireItem {
    /// The constant the answer refers to.
    pub link_id: String,
    /// The question as shown.
    pub text: String,
    /// What kind of answer.
    #[serde(rename = "type")]
    pub kind: ItemType,
    /// Whether an answer is needed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// Whether it may be answered (or, for a group, repeated) more than once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeats: Option<bool>,
    /// The options of a `choice`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer_option: Vec<AnswerOption>,
    /// The items of a `group`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QuestionnaireItem>,
}

/// `Questionnaire`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Questionnaire {
    /// Always `"Questionnaire"`.
    pub resource_type: QuestionnaireType,
    /// Server id (`tideline-craving-record`, ...).
    pub id: String,
    /// Canonical URL.
    pub url: String,
    /// Version of the items.
    pub version: String,
    /// Computer-friendly name.
    pub name: String,
    /// Title as shown.
    pub title: String,
    /// `active`.
    pub status: PublicationStatus,
    /// `Patient`.
    pub subject_type: Vec<String>,
    /// The questions.
    pub item: Vec<QuestionnaireItem>,
}

impl Questionnaire {
    /// The canonical reference a `QuestionnaireResponse.questionnaire` uses: `url|version`.
    pub fn canonical(&self) -> String {
        format!("{}|{}", self.url, self.version)
    }

    /// The item with `link_id`, at any depth.
    pub fn find(&self, link_id: &str) -> Option<&QuestionnaireItem> {
        fn walk<'a>(
            items: &'a [QuestionnaireItem],
            link_id: &str,
        ) -> Option<&'a QuestionnaireItem> {
            items.iter().find_map(|item| {
                if item.link_id == link_id {
                    Some(item)
                } else {
                    walk(&item.item, link_id)
                }
            })
        }
        walk(&self.item, link_id)
    }
}

/// The version of all three questionnaires.
pub const VERSION: &str = "1";

/// Server id of the craving record questionnaire.
pub const CRAVING_RECORD_ID: &str = "tideline-craving-record";
/// Server id of the HALT check questionnaire.
pub const HALT_CHECK_ID: &str = "tideline-halt-check";
/// Server id of the urge-surfing questionnaire.
pub const URGE_SURFING_ID: &str = "tideline-urge-surfing";

/// Canonical URL of the craving record questionnaire.
pub const CRAVING_RECORD_URL: &str = "urn:tideline:questionnaire:craving-record";
/// Canonical URL of the HALT check questionnaire.
pub const HALT_CHECK_URL: &str = "urn:tideline:questionnaire:halt-check";
/// Canonical URL of the urge-surfing questionnaire.
pub const URGE_SURFING_URL: &str = "urn:tideline:questionnaire:urge-surfing";

/// Code system of the craving outcome options.
pub const CRAVING_OUTCOME_SYSTEM: &str = "urn:tideline:codesystem:craving-outcome";
/// Code system of the urge outcome options.
pub const URGE_OUTCOME_SYSTEM: &str = "urn:tideline:codesystem:urge-outcome";
/// Code system of the urge-surfing variants.
pub const SURF_VARIANT_SYSTEM: &str = "urn:tideline:codesystem:surf-variant";
/// Code system of the urge-surfing steps.
pub const SURF_STEP_SYSTEM: &str = "urn:tideline:codesystem:surf-step";

/// `linkId`s of the craving record (after the NIDA CBT manual's daily craving record).
pub mod craving {
    /// When the craving happened (dateTime, required).
    pub const OCCURRED_AT: &str = "occurred-at";
    /// The situation (text).
    pub const SITUATION: &str = "situation";
    /// Thoughts and feelings (text).
    pub const THOUGHTS_AND_FEELINGS: &str = "thoughts-and-feelings";
    /// Intensity 0 to 10 (integer, required).
    pub const INTENSITY: &str = "intensity";
    /// How long it lasted, in minutes (integer).
    pub const DURATION_MINUTES: &str = "duration-minutes";
    /// What the person did to cope (text).
    pub const COPING: &str = "coping";
    /// Outcome (choice, required).
    pub const OUTCOME: &str = "outcome";
    /// Triggers, one answer each (string, repeats).
    pub const TRIGGER: &str = "trigger";
    /// Anything else (text).
    pub const NOTES: &str = "notes";
    /// Outcome codes, in [`super::CRAVING_OUTCOME_SYSTEM`]: (code, display).
    pub const OUTCOMES: [(&str, &str); 3] = [
        ("not-yet-recorded", "Not recorded yet"),
        ("did-not-use", "Did not use"),
        ("used", "Returned to use"),
    ];
}

/// `linkId`s of the HALT check.
pub mod halt {
    /// When the check was taken (dateTime, required).
    pub const TAKEN_AT: &str = "taken-at";
    /// Hungry, 0 to 3 (integer, required).
    pub const HUNGRY: &str = "hungry";
    /// Angry, 0 to 3 (integer, required).
    pub const ANGRY: &str = "angry";
    /// Lonely, 0 to 3 (integer, required).
    pub const LONELY: &str = "lonely";
    /// Tired, 0 to 3 (integer, required).
    pub const TIRED: &str = "tired";
    /// A note (text).
    pub const NOTE: &str = "note";
}

/// `linkId`s of the urge-surfing session.
pub mod urge {
    /// Start (dateTime, required).
    pub const STARTED_AT: &str = "started-at";
    /// End (dateTime, required).
    pub const ENDED_AT: &str = "ended-at";
    /// Intensity at the start, 0 to 10 (integer, required).
    pub const INTENSITY_START: &str = "intensity-start";
    /// Intensity at the peak, 0 to 10 (integer, required).
    pub const INTENSITY_PEAK: &str = "intensity-peak";
    /// Intensity at the end, 0 to 10 (integer, required).
    pub const INTENSITY_END: &str = "intensity-end";
    /// The guided form (choice).
    pub const VARIANT: &str = "variant";
    /// Steps gone through (choice, repeats).
    pub const STEPS_COMPLETED: &str = "steps-completed";
    /// Outcome (choice, required).
    pub const OUTCOME: &str = "outcome";
    /// One reading along the wave (group, repeats).
    pub const SAMPLE: &str = "sample";
    /// Seconds since the start (integer, in [`SAMPLE`]).
    pub const SAMPLE_OFFSET_SECONDS: &str = "sample-offset-seconds";
    /// Intensity then (integer, in [`SAMPLE`]).
    pub const SAMPLE_INTENSITY: &str = "sample-intensity";
    /// Anything else (text).
    pub const NOTES: &str = "notes";
    /// Variant codes, in [`super::SURF_VARIANT_SYSTEM`].
    pub const VARIANTS: [(&str, &str); 2] =
        [("wave", "Urge surfing wave"), ("sober", "S.O.B.E.R.")];
    /// Step codes, in [`super::SURF_STEP_SYSTEM`].
    pub const STEPS: [(&str, &str); 9] = [
        ("notice-and-name", "Notice and name the urge"),
        ("observe-body", "Observe it in the body and thoughts"),
        ("breathe", "Breathe"),
        ("ride-the-wave", "Ride the wave"),
        ("notice-it-fall", "Notice it fall"),
        ("stop", "Stop"),
        ("observe", "Observe"),
        ("expand-awareness", "Expand awareness"),
        ("respond-mindfully", "Respond mindfully"),
    ];
    /// Outcome codes, in [`super::URGE_OUTCOME_SYSTEM`].
    pub const OUTCOMES: [(&str, &str); 3] = [
        ("not-yet-recorded", "Not recorded yet"),
        ("rode-it-out", "Rode it out"),
        ("acted-on-urge", "Acted on the urge"),
    ];
}

fn item(link_id: &str, text: &str, kind: ItemType, required: bool) -> QuestionnaireItem {
    QuestionnaireItem {
        link_id: link_id.into(),
        text: text.into(),
        kind,
        required: required.then_some(true),
        repeats: None,
        answer_option: Vec::new(),
        item: Vec::new(),
    }
}

fn choice(
    link_id: &str,
    text: &str,
    required: bool,
    system: &str,
    options: &[(&str, &str)],
) -> QuestionnaireItem {
    QuestionnaireItem {
        answer_option: options
            .iter()
            .map(|(code, display)| AnswerOption {
                value_coding: Coding::new(system, code, display),
            })
            .collect(),
        ..item(link_id, text, ItemType::Choice, required)
    }
}

fn repeating(item: QuestionnaireItem) -> QuestionnaireItem {
    QuestionnaireItem {
        repeats: Some(true),
        ..item
    }
}

fn questionnaire(
    id: &str,
    url: &str,
    name: &str,
    title: &str,
    items: Vec<QuestionnaireItem>,
) -> Questionnaire {
    Questionnaire {
        resource_type: QuestionnaireType,
        id: id.into(),
        url: url.into(),
        version: VERSION.into(),
        name: name.into(),
        title: title.into(),
        status: PublicationStatus::Active,
        subject_type: vec!["Patient".into()],
        item: items,
    }
}

/// The craving record.
pub fn craving_record() -> Questionnaire {
    use craving::*;
    questionnaire(
        CRAVING_RECORD_ID,
        CRAVING_RECORD_URL,
        "TidelineCravingRecord",
        "Craving record",
        vec![
            item(
                OCCURRED_AT,
                "When did the craving happen?",
                ItemType::DateTime,
                true,
            ),
            item(SITUATION, "What was the situation?", ItemType::Text, false),
            item(
                THOUGHTS_AND_FEELINGS,
                "Thoughts and feelings",
                ItemType::Text,
                false,
            ),
            item(
                INTENSITY,
                "How strong was it (0 to 10)?",
                ItemType::Integer,
                true,
            ),
            item(
                DURATION_MINUTES,
                "How long did it last (minutes)?",
                ItemType::Integer,
                false,
            ),
            item(COPING, "What did you do to cope?", ItemType::Text, false),
            choice(OUTCOME, "Outcome", true, CRAVING_OUTCOME_SYSTEM, &OUTCOMES),
            repeating(item(TRIGGER, "Triggers", ItemType::String, false)),
            item(NOTES, "Notes", ItemType::Text, false),
        ],
    )
}

/// The HALT check.
pub fn halt_check() -> Questionnaire {
    use halt::*;
    let need = |link_id: &str, text: &str| item(link_id, text, ItemType::Integer, true);
    questionnaire(
        HALT_CHECK_ID,
        HALT_CHECK_URL,
        "TidelineHaltCheck",
        "HALT check",
        vec![
            item(
                TAKEN_AT,
                "When was the check taken?",
                ItemType::DateTime,
                true,
            ),
            need(HUNGRY, "Hungry (0 not at all to 3 very)"),
            need(ANGRY, "Angry (0 not at all to 3 very)"),
            need(LONELY, "Lonely (0 not at all to 3 very)"),
            need(TIRED, "Tired (0 not at all to 3 very)"),
            item(NOTE, "Note", ItemType::Text, false),
        ],
    )
}

/// The urge-surfing session.
pub fn urge_surfing() -> Questionnaire {
    use urge::*;
    let intensity = |link_id: &str, text: &str| item(link_id, text, ItemType::Integer, true);
    questionnaire(
        URGE_SURFING_ID,
        URGE_SURFING_URL,
        "TidelineUrgeSurfing",
        "Urge surfing",
        vec![
            item(STARTED_AT, "Started", ItemType::DateTime, true),
            item(ENDED_AT, "Ended", ItemType::DateTime, true),
            intensity(INTENSITY_START, "Intensity at the start (0 to 10)"),
            intensity(INTENSITY_PEAK, "Intensity at the peak (0 to 10)"),
            intensity(INTENSITY_END, "Intensity at the end (0 to 10)"),
            choice(
                VARIANT,
                "Guided form",
                false,
                SURF_VARIANT_SYSTEM,
                &VARIANTS,
            ),
            repeating(choice(
                STEPS_COMPLETED,
                "Steps gone through",
                false,
                SURF_STEP_SYSTEM,
                &STEPS,
            )),
            choice(OUTCOME, "Outcome", true, URGE_OUTCOME_SYSTEM, &OUTCOMES),
            QuestionnaireItem {
                item: vec![
                    item(
                        SAMPLE_OFFSET_SECONDS,
                        "Seconds since the start",
                        ItemType::Integer,
                        true,
                    ),
                    item(
                        SAMPLE_INTENSITY,
                        "Intensity (0 to 10)",
                        ItemType::Integer,
                        true,
                    ),
                ],
                ..repeating(item(
                    SAMPLE,
                    "Intensity along the wave",
                    ItemType::Group,
                    false,
                ))
            },
            item(NOTES, "Notes", ItemType::Text, false),
        ],
    )
}

/// All three, in the order of the protocol document.
pub fn all() -> [Questionnaire; 3] {
    [craving_record(), halt_check(), urge_surfing()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_halt_check_has_the_exact_fhir_shape() {
        let need = |id: &str, word: &str| json!({"linkId": id, "text": format!("{word} (0 not at all to 3 very)"), "type": "integer", "required": true});
        assert_eq!(
            serde_json::to_value(halt_check()).unwrap(),
            json!({
                "resourceType": "Questionnaire", "id": "tideline-halt-check",
                "url": "urn:tideline:questionnaire:halt-check", "version": "1", "name": "TidelineHaltCheck",
                "title": "HALT check", "status": "active", "subjectType": ["Patient"],
                "item": [
                    {"linkId": "taken-at", "text": "When was the check taken?", "type": "dateTime", "required": true},
                    need("hungry", "Hungry"), need("angry", "Angry"), need("lonely", "Lonely"), need("tired", "Tired"),
                    {"linkId": "note", "text": "Note", "type": "text"}
                ]
            })
        );
    }

    #[test]
    fn choices_and_groups_have_the_fhir_shape() {
        let urge = serde_json::to_value(urge_surfing()).unwrap();
        let items = urge["item"].as_array().unwrap();
        let sample = items.iter().find(|i| i["linkId"] == "sample").unwrap();
        assert_eq!(sample["type"], "group");
        assert_eq!(sample["repeats"], true);
        assert_eq!(sample["item"][1]["linkId"], "sample-intensity");
        let outcome = items.iter().find(|i| i["linkId"] == "outcome").unwrap();
        assert_eq!(
            outcome["answerOption"][1],
            json!({"valueCoding": {"system": "urn:tideline:codesystem:urge-outcome", "code": "rode-it-out",
                                    "display": "Rode it out"}})
        );
    }

    #[test]
    fn every_link_id_is_unique_within_its_questionnaire_and_round_trips() {
        for questionnaire in all() {
            let mut seen = std::collections::HashSet::new();
            fn walk(items: &[QuestionnaireItem], seen: &mut std::collections::HashSet<String>) {
                for item in items {
                    assert!(
                        seen.insert(item.link_id.clone()),
                        "duplicate linkId {}",
                        item.link_id
                    );
                    walk(&item.item, seen);
                }
            }
            walk(&questionnaire.item, &mut seen);
            let json = serde_json::to_value(&questionnaire).unwrap();
            assert_eq!(
                serde_json::from_value::<Questionnaire>(json).unwrap(),
                questionnaire
            );
        }
        assert_eq!(
            craving_record().canonical(),
            "urn:tideline:questionnaire:craving-record|1"
        );
        assert!(urge_surfing().find(urge::SAMPLE_INTENSITY).is_some());
    }
}
