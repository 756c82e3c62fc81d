//! `QuestionnaireResponse`: one shared journal entry, answering one of the published questionnaires.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Coding, Identifier, Meta, QuestionnaireResponseType, Reference};

/// The `Identifier.system` of a shared entry's share id: random per share, so the clinic never learns
/// the entry's id in the patient's vault and two shares of one entry are two responses.
pub const SHARE_ENTRY_SYSTEM: &str = "urn:tideline:share-entry";

/// `QuestionnaireResponse.status` (the subset Tideline sends or reads).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResponseStatus {
    /// Every required item answered. What the app always sends.
    Completed,
    /// Withdrawn.
    EnteredInError,
}

/// `QuestionnaireResponse.item.answer`: exactly one `value[x]`, written as FHIR writes it
/// (`{"valueInteger": 7}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum Answer {
    /// `valueBoolean`.
    ValueBoolean(bool),
    /// `valueInteger`.
    ValueInteger(i64),
    /// `valueDateTime`.
    ValueDateTime(DateTime<Utc>),
    /// `valueString` (for `string` and `text` items).
    ValueString(String),
    /// `valueCoding` (for `choice` items).
    ValueCoding(Coding),
}

/// `QuestionnaireResponse.item`: the answers to one question, or the items of one repeat of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResponseItem {
    /// The question's `linkId`.
    pub link_id: String,
    /// The answers (empty for a group).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer: Vec<Answer>,
    /// A group's items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
}

impl ResponseItem {
    /// One question with one answer.
    pub fn answered(link_id: &str, answer: Answer) -> Self {
        ResponseItem {
            link_id: link_id.into(),
            answer: vec![answer],
            item: Vec::new(),
        }
    }

    /// One repeat of a group.
    pub fn group(link_id: &str, item: Vec<ResponseItem>) -> Self {
        ResponseItem {
            link_id: link_id.into(),
            answer: Vec::new(),
            item,
        }
    }
}

/// `QuestionnaireResponse`. The app sends it without `id` and `meta`; the server fills both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuestionnaireResponse {
    /// Always `"QuestionnaireResponse"`.
    pub resource_type: QuestionnaireResponseType,
    /// Server id (absent on create).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Version and last change (absent on create).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
    /// The share id under [`SHARE_ENTRY_SYSTEM`] (FHIR allows one identifier here).
    pub identifier: Identifier,
    /// Canonical `url|version` of the questionnaire answered.
    pub questionnaire: String,
    /// `completed`.
    pub status: ResponseStatus,
    /// The patient.
    pub subject: Reference,
    /// When the entry was written (the patient's time of the event, not of the share).
    pub authored: DateTime<Utc>,
    /// Who wrote it: the patient.
    pub author: Reference,
    /// The answers.
    pub item: Vec<ResponseItem>,
}

impl QuestionnaireResponse {
    /// The answers to `link_id` among the top-level items.
    pub fn answers<'a>(&'a self, link_id: &'a str) -> impl Iterator<Item = &'a Answer> + 'a {
        self.item
            .iter()
            .filter(move |item| item.link_id == link_id)
            .flat_map(|item| item.answer.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_response_has_the_exact_fhir_shape() {
        let body = json!({
            "resourceType": "QuestionnaireResponse",
            "identifier": {"system": "urn:tideline:share-entry", "value": "0f0e"},
            "questionnaire": "urn:tideline:questionnaire:craving-record|1",
            "status": "completed",
            "subject": {"reference": "Patient/3"},
            "authored": "2026-03-01T21:30:00Z",
            "author": {"reference": "Patient/3"},
            "item": [
                {"linkId": "occurred-at", "answer": [{"valueDateTime": "2026-03-01T21:30:00Z"}]},
                {"linkId": "intensity", "answer": [{"valueInteger": 7}]},
                {"linkId": "situation", "answer": [{"valueString": "After work"}]},
                {"linkId": "outcome", "answer": [{"valueCoding": {"system": "urn:tideline:codesystem:craving-outcome",
                                                                   "code": "did-not-use", "display": "Did not use"}}]},
                {"linkId": "sample", "item": [{"linkId": "sample-intensity", "answer": [{"valueInteger": 3}]}]}
            ]
        });
        let parsed: QuestionnaireResponse = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(
            parsed.answers("intensity").collect::<Vec<_>>(),
            vec![&Answer::ValueInteger(7)]
        );
        assert_eq!(serde_json::to_value(&parsed).unwrap(), body);
    }

    #[test]
    fn an_answer_with_two_values_is_refused() {
        let two = json!({"valueInteger": 7, "valueString": "x"});
        assert!(serde_json::from_value::<Answer>(two).is_err());
    }
}
