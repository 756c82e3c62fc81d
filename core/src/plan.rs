//! The relapse-prevention plan: what the patient knows sets them off, what they will do instead, who
//! they will call, and what to do after a lapse. Written with, and reviewed by, the counselor.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::craving::{check_label, check_text, LABEL_MAX_CHARS, TEXT_MAX_CHARS};
use crate::error::Invalid;
use crate::halt::HaltNeed;

/// Where a trigger comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum TriggerSource {
    /// From inside: a feeling, a thought, a memory.
    Internal,
    /// From outside: a person, a place, an event.
    External,
    /// A HALT need.
    Halt {
        /// Which need.
        need: HaltNeed,
    },
}

/// A known trigger and the coping step the patient will take when it comes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct PlannedTrigger {
    /// Where it comes from.
    pub source: TriggerSource,
    /// The trigger, in the patient's words.
    pub description: String,
    /// What to do when it comes.
    pub coping_step: String,
}

/// A meeting the patient can go to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct Meeting {
    /// Its name.
    pub name: String,
    /// When, in the patient's words ("Tuesdays 7 pm").
    pub when: Option<String>,
    /// Where, or how to join.
    pub place: Option<String>,
}

/// The most items in any one list of the plan; a plan is read in a hard moment and must stay short.
pub const MAX_PLAN_ITEMS: usize = 50;

/// The relapse-prevention plan. One per patient.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct RelapsePlan {
    /// Known triggers, each with its coping step.
    pub triggers: Vec<PlannedTrigger>,
    /// Early warning signs that things are slipping.
    pub warning_signs: Vec<String>,
    /// Support contacts, by their record id (the vault's 32-hex-digit id), in the order to call them.
    pub contact_ids: Vec<String>,
    /// Places to stay away from.
    pub places_to_avoid: Vec<String>,
    /// Things to do instead.
    pub alternative_activities: Vec<String>,
    /// Meetings to go to.
    pub meetings: Vec<Meeting>,
    /// Steps to take after a lapse: who to tell, how to get back on track. Kind, practical words.
    pub after_a_lapse: Vec<String>,
    /// When the plan was last gone through with the counselor.
    pub last_reviewed: Option<NaiveDate>,
}

fn check_list(field: &'static str, items: &[String], max_chars: usize) -> Result<(), Invalid> {
    if items.len() > MAX_PLAN_ITEMS {
        return Err(Invalid::new(field, "has too many items"));
    }
    for item in items {
        if item.trim().is_empty() {
            return Err(Invalid::new(field, "must not contain empty items"));
        }
        check_text(field, Some(item), max_chars)?;
    }
    Ok(())
}

impl RelapsePlan {
    /// Checks every field.
    pub fn validate(&self) -> Result<(), Invalid> {
        if self.triggers.len() > MAX_PLAN_ITEMS {
            return Err(Invalid::new("triggers", "has too many items"));
        }
        for t in &self.triggers {
            check_label("triggers", &t.description)?;
            check_text("triggers", Some(&t.coping_step), TEXT_MAX_CHARS)?;
            if t.coping_step.trim().is_empty() {
                return Err(Invalid::new(
                    "triggers",
                    "every trigger needs a coping step",
                ));
            }
        }
        check_list("warningSigns", &self.warning_signs, TEXT_MAX_CHARS)?;
        check_list("placesToAvoid", &self.places_to_avoid, LABEL_MAX_CHARS)?;
        check_list(
            "alternativeActivities",
            &self.alternative_activities,
            TEXT_MAX_CHARS,
        )?;
        check_list("afterALapse", &self.after_a_lapse, TEXT_MAX_CHARS)?;
        if self.contact_ids.len() > MAX_PLAN_ITEMS {
            return Err(Invalid::new("contactIds", "has too many items"));
        }
        let is_id = |s: &String| s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit());
        if !self.contact_ids.iter().all(is_id) {
            return Err(Invalid::new("contactIds", "must be contact record ids"));
        }
        if self.meetings.len() > MAX_PLAN_ITEMS {
            return Err(Invalid::new("meetings", "has too many items"));
        }
        for m in &self.meetings {
            check_label("meetings", &m.name)?;
            check_text("meetings", m.when.as_deref(), LABEL_MAX_CHARS)?;
            check_text("meetings", m.place.as_deref(), TEXT_MAX_CHARS)?;
        }
        Ok(())
    }

    /// Every piece of free text in the plan, for search.
    pub fn text_fields(&self) -> Vec<&str> {
        let triggers = self
            .triggers
            .iter()
            .flat_map(|t| [t.description.as_str(), t.coping_step.as_str()]);
        let meetings = self
            .meetings
            .iter()
            .flat_map(|m| [Some(m.name.as_str()), m.when.as_deref(), m.place.as_deref()])
            .flatten();
        triggers
            .chain(self.warning_signs.iter().map(String::as_str))
            .chain(self.places_to_avoid.iter().map(String::as_str))
            .chain(self.alternative_activities.iter().map(String::as_str))
            .chain(self.after_a_lapse.iter().map(String::as_str))
            .chain(meetings)
            .filter(|t| !t.is_empty())
            .collect()
    }
}
