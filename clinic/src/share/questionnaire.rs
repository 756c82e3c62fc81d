//! The three Questionnaires the server publishes (built by `tideline_wire::questionnaire`, so the app
//! answers the very items served here), and the check that a shared response answers one of them.

use std::collections::HashSet;

use tideline_wire::questionnaire::{self as published, Questionnaire, QuestionnaireItem};
use tideline_wire::{Answer, ItemType, QuestionnaireResponse, ResponseItem};

use crate::access::Caller;
use crate::problem::Problem;

/// The longest answer text accepted (a journal entry's free text is far shorter).
const MAX_TEXT_CHARS: usize = 10_000;

/// The most items (at any depth) one response may hold.
const MAX_ITEMS: usize = 2_000;

/// A published Questionnaire by server id; any authenticated caller may read it.
pub fn read(caller: &Caller, id: &str) -> Result<Questionnaire, Problem> {
    let _ = caller;
    published::all()
        .into_iter()
        .find(|questionnaire| questionnaire.id == id)
        .ok_or(Problem::NotFound)
}

/// All three, in the order of the protocol.
pub fn all() -> Vec<Questionnaire> {
    published::all().into()
}

/// The published questionnaire a canonical `url|version` names.
pub fn by_canonical(canonical: &str) -> Option<Questionnaire> {
    published::all()
        .into_iter()
        .find(|questionnaire| questionnaire.canonical() == canonical)
}

/// Fails unless every item answers a question of the named questionnaire with the right kind of value,
/// no question is answered twice unless it repeats, and every required question is answered.
pub fn check_answers(response: &QuestionnaireResponse) -> Result<(), Problem> {
    let questionnaire = by_canonical(&response.questionnaire).ok_or_else(|| {
        Problem::Invalid(
            "questionnaire must be the canonical url|version of a published one".into(),
        )
    })?;
    let mut budget = MAX_ITEMS;
    check_level(&questionnaire.item, &response.item, &mut budget)
}

fn mismatch() -> Problem {
    Problem::Invalid("an item does not answer the questionnaire".into())
}

fn check_level(
    questions: &[QuestionnaireItem],
    items: &[ResponseItem],
    budget: &mut usize,
) -> Result<(), Problem> {
    let mut seen = HashSet::new();
    for item in items {
        *budget = budget
            .checked_sub(1)
            .ok_or_else(|| Problem::Invalid("a response holds too many items".into()))?;
        let question = questions
            .iter()
            .find(|question| question.link_id == item.link_id)
            .ok_or_else(mismatch)?;
        let repeats = question.repeats == Some(true);
        // Only a repeating group appears more than once; a repeating question lists its answers in one item.
        let may_recur = repeats && question.kind == ItemType::Group;
        if !(seen.insert(item.link_id.as_str()) || may_recur) {
            return Err(mismatch());
        }
        if question.kind == ItemType::Group {
            if !item.answer.is_empty() {
                return Err(mismatch());
            }
            check_level(&question.item, &item.item, budget)?;
            continue;
        }
        if !item.item.is_empty() || item.answer.is_empty() || (item.answer.len() > 1 && !repeats) {
            return Err(mismatch());
        }
        for answer in &item.answer {
            check_answer(question, answer)?;
        }
    }
    let missing = questions.iter().any(|question| {
        question.required == Some(true) && !seen.contains(question.link_id.as_str())
    });
    if missing {
        return Err(Problem::Required(
            "a required question is not answered".into(),
        ));
    }
    Ok(())
}

fn check_answer(question: &QuestionnaireItem, answer: &Answer) -> Result<(), Problem> {
    let fits = match (question.kind, answer) {
        (ItemType::Boolean, Answer::ValueBoolean(_))
        | (ItemType::Integer, Answer::ValueInteger(_))
        | (ItemType::DateTime, Answer::ValueDateTime(_)) => true,
        (ItemType::String | ItemType::Text, Answer::ValueString(text)) => {
            text.chars().count() <= MAX_TEXT_CHARS
        }
        (ItemType::Choice, Answer::ValueCoding(coding)) => question
            .answer_option
            .iter()
            .any(|option| option.value_coding.is(&coding.system, &coding.code)),
        _ => false,
    };
    if fits {
        Ok(())
    } else {
        Err(mismatch())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tideline_wire::questionnaire::halt;
    use tideline_wire::{Identifier, QuestionnaireResponseType, Reference, ResponseStatus};

    fn halt_response(items: Vec<ResponseItem>) -> QuestionnaireResponse {
        QuestionnaireResponse {
            resource_type: QuestionnaireResponseType,
            id: None,
            meta: None,
            identifier: Identifier {
                system: tideline_wire::SHARE_ENTRY_SYSTEM.into(),
                value: "s1".into(),
            },
            questionnaire: published::halt_check().canonical(),
            status: ResponseStatus::Completed,
            subject: Reference::to("Patient", "1"),
            authored: "2026-03-01T09:00:00Z".parse().unwrap(),
            author: Reference::to("Patient", "1"),
            item: items,
        }
    }

    fn complete_halt() -> Vec<ResponseItem> {
        let mut items = vec![ResponseItem::answered(
            halt::TAKEN_AT,
            Answer::ValueDateTime("2026-03-01T09:00:00Z".parse().unwrap()),
        )];
        for link_id in [halt::HUNGRY, halt::ANGRY, halt::LONELY, halt::TIRED] {
            items.push(ResponseItem::answered(link_id, Answer::ValueInteger(1)));
        }
        items
    }

    #[test]
    fn a_complete_halt_check_answers_its_questionnaire() {
        assert_eq!(check_answers(&halt_response(complete_halt())), Ok(()));
    }

    #[test]
    fn wrong_types_unknown_items_repeats_and_gaps_are_refused() {
        let mut wrong_type = complete_halt();
        wrong_type[1] = ResponseItem::answered(halt::HUNGRY, Answer::ValueString("2".into()));
        assert!(check_answers(&halt_response(wrong_type)).is_err());
        let mut unknown = complete_halt();
        unknown.push(ResponseItem::answered("mood", Answer::ValueInteger(1)));
        assert!(check_answers(&halt_response(unknown)).is_err());
        let mut twice = complete_halt();
        twice.push(ResponseItem::answered(
            halt::HUNGRY,
            Answer::ValueInteger(2),
        ));
        assert!(check_answers(&halt_response(twice)).is_err());
        let mut missing = complete_halt();
        missing.pop();
        assert!(
            check_answers(&halt_response(missing)).is_err(),
            "tired is required"
        );
        let mut other = halt_response(complete_halt());
        other.questionnaire = "urn:tideline:questionnaire:halt-check|2".into();
        assert!(check_answers(&other).is_err(), "an unpublished version");
    }
}
