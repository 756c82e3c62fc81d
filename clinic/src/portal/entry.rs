//! A shared journal entry as the portal shows it, read from its FHIR `QuestionnaireResponse` JSON.
//!
//! Reading the FHIR form (rather than a storage type) keeps the portal independent of how the share
//! module stores responses: whatever it hands over must already be the R4 resource the app signed.
//! An entry is kept as codes and answers: which questionnaire, each item's `linkId`, coded answers as
//! (system, code) and the patient's own words as they were written. The page renders question texts,
//! HALT needs and coded answers from those codes in the staff member's language ([`super::pages`]);
//! the `display` the app stored with a coding is kept only for a code this server does not know.

use chrono::{DateTime, FixedOffset};
use serde_json::Value;
use tideline_wire::questionnaire::{self, craving, halt, urge, Questionnaire, QuestionnaireItem};

/// Which questionnaire an entry answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// The daily craving record.
    Craving,
    /// The HALT check.
    Halt,
    /// An urge-surfing session.
    Urge,
}

impl Kind {
    /// The short name of the questionnaire in message ids (`portal-q-craving-situation`).
    pub fn key(self) -> &'static str {
        match self {
            Kind::Craving => "craving",
            Kind::Halt => "halt",
            Kind::Urge => "urge",
        }
    }

    fn questionnaire(self) -> Questionnaire {
        match self {
            Kind::Craving => questionnaire::craving_record(),
            Kind::Halt => questionnaire::halt_check(),
            Kind::Urge => questionnaire::urge_surfing(),
        }
    }

    /// The link id of the moment the entry is about.
    fn moment(self) -> &'static str {
        match self {
            Kind::Craving => craving::OCCURRED_AT,
            Kind::Halt => halt::TAKEN_AT,
            Kind::Urge => urge::STARTED_AT,
        }
    }
}

/// One answer, as stored.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// A number.
    Integer(i64),
    /// The patient's own words, or a date, exactly as stored.
    Text(String),
    /// Yes or no.
    Boolean(bool),
    /// A code from one of the questionnaires' code systems.
    Coded {
        /// The code system.
        system: String,
        /// The code.
        code: String,
        /// The words the app stored with it (shown only for a code this server does not know).
        display: Option<String>,
    },
}

/// One answered item.
#[derive(Debug, Clone, PartialEq)]
pub struct Answered {
    /// The item's linkId (the question's words come from the catalog by it).
    pub link_id: String,
    /// Its answers.
    pub values: Vec<Shown>,
    /// For a group: each repetition's answered items.
    pub groups: Vec<Vec<Answered>>,
}

/// A shared entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The QuestionnaireResponse id (for the audit and the page anchors).
    pub id: String,
    /// Which questionnaire.
    pub kind: Kind,
    /// When it happened (the craving, the check, the session start), else when it was written.
    pub when: Option<DateTime<FixedOffset>>,
    /// The answers, in the response's order.
    pub answers: Vec<Answered>,
}

impl Entry {
    /// Reads a QuestionnaireResponse. `None` when it answers none of the three questionnaires.
    pub fn from_fhir(resource: &Value) -> Option<Entry> {
        let canonical = resource.get("questionnaire")?.as_str()?;
        let url = canonical.split('|').next().unwrap_or(canonical);
        let kind = match url {
            questionnaire::CRAVING_RECORD_URL => Kind::Craving,
            questionnaire::HALT_CHECK_URL => Kind::Halt,
            questionnaire::URGE_SURFING_URL => Kind::Urge,
            _ => return None,
        };
        let published = kind.questionnaire();
        let answers = read_items(resource.get("item"), &published.item);
        let when = find(&answers, kind.moment())
            .and_then(|answered| answered.values.first())
            .and_then(|shown| match shown {
                Shown::Text(text) => DateTime::parse_from_rfc3339(text).ok(),
                _ => None,
            })
            .or_else(|| {
                resource
                    .get("authored")
                    .and_then(Value::as_str)
                    .and_then(|text| DateTime::parse_from_rfc3339(text).ok())
            });
        Some(Entry {
            id: resource
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            kind,
            when,
            answers,
        })
    }

    /// The first integer answer to `link_id` (top level).
    pub fn integer(&self, link_id: &str) -> Option<i64> {
        integer_in(&self.answers, link_id)
    }

    /// The first answer to `link_id` (top level).
    pub fn first(&self, link_id: &str) -> Option<&Shown> {
        find(&self.answers, link_id).and_then(|answered| answered.values.first())
    }

    /// The urge session's readings: (seconds since the start, intensity).
    pub fn samples(&self) -> Vec<(i64, i64)> {
        find(&self.answers, urge::SAMPLE)
            .map(|group| {
                group
                    .groups
                    .iter()
                    .filter_map(|items| {
                        Some((
                            integer_in(items, urge::SAMPLE_OFFSET_SECONDS)?,
                            integer_in(items, urge::SAMPLE_INTENSITY)?,
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

fn find<'a>(answers: &'a [Answered], link_id: &str) -> Option<&'a Answered> {
    answers.iter().find(|answered| answered.link_id == link_id)
}

fn integer_in(answers: &[Answered], link_id: &str) -> Option<i64> {
    find(answers, link_id)?
        .values
        .iter()
        .find_map(|shown| match shown {
            Shown::Integer(value) => Some(*value),
            _ => None,
        })
}

fn read_items(items: Option<&Value>, published: &[QuestionnaireItem]) -> Vec<Answered> {
    let Some(items) = items.and_then(Value::as_array) else {
        return Vec::new();
    };
    let mut answered: Vec<Answered> = Vec::new();
    for item in items {
        let Some(link_id) = item.get("linkId").and_then(Value::as_str) else {
            continue;
        };
        let definition = published.iter().find(|known| known.link_id == link_id);
        let values: Vec<Shown> = item
            .get("answer")
            .and_then(Value::as_array)
            .map(|answers| answers.iter().filter_map(read_value).collect())
            .unwrap_or_default();
        let inner = definition.map(|known| known.item.as_slice()).unwrap_or(&[]);
        // A repeating group arrives either as one item per repetition or (less usual) as one item; both
        // end up as one Answered with a group per repetition.
        let group = item
            .get("item")
            .is_some()
            .then(|| read_items(item.get("item"), inner));
        match answered.iter_mut().find(|seen| seen.link_id == link_id) {
            Some(seen) => {
                seen.values.extend(values);
                seen.groups.extend(group);
            }
            None => answered.push(Answered {
                link_id: link_id.to_owned(),
                values,
                groups: group.into_iter().collect(),
            }),
        }
    }
    answered
}

fn read_value(answer: &Value) -> Option<Shown> {
    if let Some(value) = answer.get("valueInteger").and_then(Value::as_i64) {
        return Some(Shown::Integer(value));
    }
    if let Some(value) = answer.get("valueBoolean").and_then(Value::as_bool) {
        return Some(Shown::Boolean(value));
    }
    if let Some(coding) = answer.get("valueCoding") {
        let text = |key: &str| coding.get(key).and_then(Value::as_str).map(str::to_owned);
        return Some(Shown::Coded {
            system: text("system").unwrap_or_default(),
            code: text("code")?,
            display: text("display"),
        });
    }
    ["valueString", "valueDateTime", "valueDate", "valueTime"]
        .iter()
        .find_map(|key| answer.get(*key).and_then(Value::as_str))
        .map(|text| Shown::Text(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_urge_session_reads_with_its_question_texts_and_samples() {
        let resource = json!({
            "resourceType": "QuestionnaireResponse", "id": "12", "status": "completed",
            "questionnaire": "urn:tideline:questionnaire:urge-surfing|1",
            "authored": "2026-03-03T20:00:00Z",
            "item": [
                {"linkId": "started-at", "answer": [{"valueDateTime": "2026-03-03T19:40:00-06:00"}]},
                {"linkId": "intensity-peak", "answer": [{"valueInteger": 8}]},
                {"linkId": "outcome", "answer": [{"valueCoding": {"system": "urn:tideline:codesystem:urge-outcome", "code": "rode-it-out", "display": "Rode it out"}}]},
                {"linkId": "sample", "item": [{"linkId": "sample-offset-seconds", "answer": [{"valueInteger": 0}]}, {"linkId": "sample-intensity", "answer": [{"valueInteger": 6}]}]},
                {"linkId": "sample", "item": [{"linkId": "sample-offset-seconds", "answer": [{"valueInteger": 120}]}, {"linkId": "sample-intensity", "answer": [{"valueInteger": 8}]}]}
            ]
        });
        let entry = Entry::from_fhir(&resource).unwrap();
        assert_eq!(entry.kind, Kind::Urge);
        assert_eq!(entry.integer(urge::INTENSITY_PEAK), Some(8));
        assert_eq!(
            entry.first(urge::OUTCOME),
            Some(&Shown::Coded {
                system: questionnaire::URGE_OUTCOME_SYSTEM.into(),
                code: "rode-it-out".into(),
                display: Some("Rode it out".into())
            }),
            "the code is kept, not only its English display"
        );
        assert_eq!(entry.samples(), vec![(0, 6), (120, 8)]);
        assert_eq!(entry.answers[1].link_id, urge::INTENSITY_PEAK);
        assert_eq!(
            entry.when.unwrap().to_rfc3339(),
            "2026-03-03T19:40:00-06:00",
            "the session's own time, not when it was shared"
        );
    }

    #[test]
    fn an_unknown_questionnaire_is_not_shown() {
        assert!(Entry::from_fhir(&json!({"questionnaire": "urn:other|1"})).is_none());
    }
}
