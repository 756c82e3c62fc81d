//! One journal entry as it is shared: the readable lines the patient sees before signing (and the PDF
//! report prints), and the QuestionnaireResponse answering the published questionnaire.
//!
//! Both are made from the same fields here, so what the patient reads is what the clinic receives.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tideline_wire::questionnaire::{self, craving, halt, urge};
use tideline_wire::{
    Answer, Coding, Identifier, QuestionnaireResponse, QuestionnaireResponseType, Reference,
    ResponseItem, ResponseStatus, SHARE_ENTRY_SYSTEM,
};

use crate::craving::{CravingEntry, CravingOutcome, PartOfDay, Trigger};
use crate::halt::{HaltCheck, HaltNeed};
use crate::language::{t, tr, Arg, Lang};
use crate::record::{Record, RecordId, RecordKind};
use crate::time::Stamp;
use crate::urge::{SurfStep, SurfVariant, UrgeOutcome, UrgeSurfSession};

/// The kinds of entry that can be shared.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum ShareKind {
    /// A craving record.
    Craving,
    /// A HALT check.
    Halt,
    /// An urge-surfing session.
    Urge,
}

impl ShareKind {
    /// All three.
    pub const ALL: [ShareKind; 3] = [Self::Craving, Self::Halt, Self::Urge];

    /// The vault's record kind.
    pub fn record_kind(self) -> RecordKind {
        match self {
            Self::Craving => RecordKind::Craving,
            Self::Halt => RecordKind::Halt,
            Self::Urge => RecordKind::Urge,
        }
    }

    /// The kind of a record, if it is shareable.
    pub fn of(record: &Record) -> Option<Self> {
        match record {
            Record::Craving(_) => Some(Self::Craving),
            Record::Halt(_) => Some(Self::Halt),
            Record::Urge(_) => Some(Self::Urge),
            _ => None,
        }
    }

    /// The entry's name as the patient reads it.
    pub fn title(self) -> &'static str {
        match self {
            Self::Craving => "Craving record",
            Self::Halt => "HALT check",
            Self::Urge => "Urge surfing",
        }
    }
}

/// One entry as the patient sees it before sharing, and as the consent keeps a copy of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct SharedEntry {
    /// The entry in the vault (never sent: the clinic gets a random share id instead).
    pub entry: RecordId,
    /// What kind.
    pub kind: ShareKind,
    /// When it happened, in the zone it was written in.
    pub occurred_at: Stamp,
    /// "Craving record, Mon 2 Mar 2026, 21:30".
    pub title: String,
    /// Every answer that is sent, one line each ("Intensity: 7 of 10").
    pub lines: Vec<String>,
}

/// How an instant is written for the patient: in the zone it was recorded in ("Mon 2 Mar 2026,
/// 21:30"; "lun 2 mar 2026, 21:30").
pub(crate) fn when(stamp: &Stamp, lang: Lang) -> String {
    use chrono::Datelike;
    let local = stamp.local();
    let weekday = local.weekday().number_from_monday();
    tr(
        lang,
        "entry-when",
        &[
            (
                "weekday",
                Arg::from(t(lang, &format!("date-weekday-short-{weekday}"))),
            ),
            ("day", Arg::from(local.day())),
            (
                "month",
                Arg::from(t(lang, &format!("date-month-short-{}", local.month()))),
            ),
            ("year", Arg::from(local.year().to_string())),
            ("time", Arg::from(local.format("%H:%M").to_string())),
        ],
    )
}

/// The readable copy of a shareable record in `lang`, or `None` for any other kind.
pub fn describe(id: RecordId, record: &Record, lang: Lang) -> Option<SharedEntry> {
    let kind = ShareKind::of(record)?;
    let (occurred_at, lines) = match record {
        Record::Craving(entry) => (entry.occurred_at, craving_lines(entry, lang)),
        Record::Halt(check) => (check.taken_at, halt_lines(check, lang)),
        Record::Urge(session) => (session.started_at, urge_lines(session, lang)),
        _ => return None,
    };
    let title_id = match kind {
        ShareKind::Craving => "entry-title-craving",
        ShareKind::Halt => "entry-title-halt",
        ShareKind::Urge => "entry-title-urge",
    };
    Some(SharedEntry {
        entry: id,
        kind,
        title: tr(
            lang,
            "entry-title",
            &[
                ("kind", Arg::from(t(lang, title_id))),
                ("when", Arg::from(when(&occurred_at, lang))),
            ],
        ),
        occurred_at,
        lines,
    })
}

fn text_line(lines: &mut Vec<String>, label_id: &str, value: &Option<String>, lang: Lang) {
    if let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        lines.push(tr(
            lang,
            "entry-line",
            &[
                ("label", Arg::from(t(lang, label_id))),
                ("value", Arg::from(value)),
            ],
        ));
    }
}

/// `id` with one argument `name` = `value`.
fn one(lang: Lang, id: &str, name: &str, value: impl Into<Arg<'static>>) -> String {
    tr(lang, id, &[(name, value.into())])
}

fn craving_outcome(outcome: CravingOutcome) -> (&'static str, &'static str) {
    let index = match outcome {
        CravingOutcome::NotYetRecorded => 0,
        CravingOutcome::DidNotUse => 1,
        CravingOutcome::Used => 2,
    };
    craving::OUTCOMES[index]
}

fn part_of_day(part: PartOfDay) -> &'static str {
    match part {
        PartOfDay::Morning => "entry-part-morning",
        PartOfDay::Afternoon => "entry-part-afternoon",
        PartOfDay::Evening => "entry-part-evening",
        PartOfDay::Night => "entry-part-night",
    }
}

fn trigger_text(trigger: &Trigger, lang: Lang) -> String {
    match trigger {
        Trigger::Halt { need } => one(lang, "entry-trigger-halt", "need", need.name(lang)),
        Trigger::Person { label } => one(lang, "entry-trigger-person", "label", label.clone()),
        Trigger::Place { label } => one(lang, "entry-trigger-place", "label", label.clone()),
        Trigger::Emotion { label } => one(lang, "entry-trigger-feeling", "label", label.clone()),
        Trigger::TimeOfDay { part } => one(
            lang,
            "entry-trigger-time",
            "part",
            t(lang, part_of_day(*part)),
        ),
        Trigger::Tag { label } => label.clone(),
    }
}

fn craving_lines(entry: &CravingEntry, lang: Lang) -> Vec<String> {
    let mut lines = vec![one(lang, "entry-intensity", "n", entry.intensity.value())];
    text_line(&mut lines, "entry-situation", &entry.situation, lang);
    text_line(
        &mut lines,
        "entry-thoughts",
        &entry.thoughts_and_feelings,
        lang,
    );
    if let Some(minutes) = entry.duration_minutes {
        lines.push(one(lang, "entry-lasted", "n", minutes));
    }
    text_line(&mut lines, "entry-coping", &entry.coping, lang);
    let outcome = t(
        lang,
        &format!("entry-craving-outcome-{}", craving_outcome(entry.outcome).0),
    );
    lines.push(one(lang, "entry-outcome", "value", outcome));
    if !entry.triggers.is_empty() {
        let triggers: Vec<String> = entry
            .triggers
            .iter()
            .map(|t| trigger_text(t, lang))
            .collect();
        lines.push(one(lang, "entry-triggers", "value", triggers.join(", ")));
    }
    text_line(&mut lines, "entry-notes", &entry.notes, lang);
    lines
}

fn halt_lines(check: &HaltCheck, lang: Lang) -> Vec<String> {
    let mut lines: Vec<String> = HaltNeed::ALL
        .iter()
        .map(|need| {
            tr(
                lang,
                "entry-halt-rating",
                &[
                    ("need", Arg::from(need.name(lang))),
                    ("n", Arg::from(check.rating(*need).value())),
                ],
            )
        })
        .collect();
    text_line(&mut lines, "entry-note", &check.note, lang);
    lines
}

fn variant(variant: SurfVariant) -> (&'static str, &'static str) {
    match variant {
        SurfVariant::Wave => urge::VARIANTS[0],
        SurfVariant::Sober => urge::VARIANTS[1],
    }
}

fn step(step: SurfStep) -> (&'static str, &'static str) {
    let index = match step {
        SurfStep::NoticeAndName => 0,
        SurfStep::ObserveBody => 1,
        SurfStep::Breathe => 2,
        SurfStep::RideTheWave => 3,
        SurfStep::NoticeItFall => 4,
        SurfStep::Stop => 5,
        SurfStep::Observe => 6,
        SurfStep::ExpandAwareness => 7,
        SurfStep::RespondMindfully => 8,
    };
    urge::STEPS[index]
}

fn urge_outcome(outcome: UrgeOutcome) -> (&'static str, &'static str) {
    let index = match outcome {
        UrgeOutcome::NotYetRecorded => 0,
        UrgeOutcome::RodeItOut => 1,
        UrgeOutcome::ActedOnUrge => 2,
    };
    urge::OUTCOMES[index]
}

fn urge_lines(session: &UrgeSurfSession, lang: Lang) -> Vec<String> {
    let minutes = (session.ended_at.utc - session.started_at.utc).num_minutes();
    let mut lines = vec![
        one(lang, "entry-lasted", "n", minutes),
        tr(
            lang,
            "entry-urge-intensity",
            &[
                ("start", Arg::from(session.intensity_start.value())),
                ("peak", Arg::from(session.intensity_peak.value())),
                ("end", Arg::from(session.intensity_end.value())),
            ],
        ),
        one(
            lang,
            "entry-urge-form",
            "value",
            t(
                lang,
                &format!("entry-urge-variant-{}", variant(session.variant).0),
            ),
        ),
    ];
    if !session.steps_completed.is_empty() {
        let steps: Vec<String> = session
            .steps_completed
            .iter()
            .map(|s| t(lang, &format!("entry-urge-step-{}", step(*s).0)))
            .collect();
        lines.push(one(lang, "entry-urge-steps", "value", steps.join(", ")));
    }
    if !session.samples.is_empty() {
        let wave: Vec<String> = session
            .samples
            .iter()
            .map(|s| {
                tr(
                    lang,
                    "entry-urge-wave-point",
                    &[
                        ("n", Arg::from(s.intensity.value())),
                        ("minute", Arg::from(s.offset_seconds / 60)),
                    ],
                )
            })
            .collect();
        lines.push(one(lang, "entry-urge-wave", "value", wave.join(", ")));
    }
    let outcome = t(
        lang,
        &format!("entry-urge-outcome-{}", urge_outcome(session.outcome).0),
    );
    lines.push(one(lang, "entry-outcome", "value", outcome));
    text_line(&mut lines, "entry-notes", &session.notes, lang);
    lines
}

fn integer(link_id: &str, value: impl Into<i64>) -> ResponseItem {
    ResponseItem::answered(link_id, Answer::ValueInteger(value.into()))
}

fn date_time(link_id: &str, value: DateTime<Utc>) -> ResponseItem {
    ResponseItem::answered(link_id, Answer::ValueDateTime(value))
}

fn coding(link_id: &str, system: &str, (code, display): (&str, &str)) -> ResponseItem {
    ResponseItem::answered(
        link_id,
        Answer::ValueCoding(Coding::new(system, code, display)),
    )
}

fn text(items: &mut Vec<ResponseItem>, link_id: &str, value: &Option<String>) {
    if let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        items.push(ResponseItem::answered(
            link_id,
            Answer::ValueString(value.to_owned()),
        ));
    }
}

/// The answers of a craving entry, in the questionnaire's order.
fn craving_items(entry: &CravingEntry) -> Vec<ResponseItem> {
    let mut items = vec![
        date_time(craving::OCCURRED_AT, entry.occurred_at.utc),
        integer(craving::INTENSITY, entry.intensity.value()),
    ];
    text(&mut items, craving::SITUATION, &entry.situation);
    text(
        &mut items,
        craving::THOUGHTS_AND_FEELINGS,
        &entry.thoughts_and_feelings,
    );
    if let Some(minutes) = entry.duration_minutes {
        items.push(integer(craving::DURATION_MINUTES, minutes));
    }
    text(&mut items, craving::COPING, &entry.coping);
    items.push(coding(
        craving::OUTCOME,
        questionnaire::CRAVING_OUTCOME_SYSTEM,
        craving_outcome(entry.outcome),
    ));
    if !entry.triggers.is_empty() {
        items.push(ResponseItem {
            link_id: craving::TRIGGER.into(),
            answer: entry
                .triggers
                .iter()
                .map(|t| Answer::ValueString(trigger_text(t, Lang::En)))
                .collect(),
            item: Vec::new(),
        });
    }
    text(&mut items, craving::NOTES, &entry.notes);
    items
}

/// The answers of a HALT check.
fn halt_items(check: &HaltCheck) -> Vec<ResponseItem> {
    let mut items = vec![date_time(halt::TAKEN_AT, check.taken_at.utc)];
    for (link_id, need) in [
        (halt::HUNGRY, HaltNeed::Hungry),
        (halt::ANGRY, HaltNeed::Angry),
        (halt::LONELY, HaltNeed::Lonely),
        (halt::TIRED, HaltNeed::Tired),
    ] {
        items.push(integer(link_id, check.rating(need).value()));
    }
    text(&mut items, halt::NOTE, &check.note);
    items
}

/// The answers of an urge-surfing session, with each sample as a group.
fn urge_items(session: &UrgeSurfSession) -> Vec<ResponseItem> {
    let mut items = vec![
        date_time(urge::STARTED_AT, session.started_at.utc),
        date_time(urge::ENDED_AT, session.ended_at.utc),
        integer(urge::INTENSITY_START, session.intensity_start.value()),
        integer(urge::INTENSITY_PEAK, session.intensity_peak.value()),
        integer(urge::INTENSITY_END, session.intensity_end.value()),
        coding(
            urge::VARIANT,
            questionnaire::SURF_VARIANT_SYSTEM,
            variant(session.variant),
        ),
    ];
    if !session.steps_completed.is_empty() {
        items.push(ResponseItem {
            link_id: urge::STEPS_COMPLETED.into(),
            answer: session
                .steps_completed
                .iter()
                .map(|s| {
                    let (code, display) = step(*s);
                    Answer::ValueCoding(Coding::new(questionnaire::SURF_STEP_SYSTEM, code, display))
                })
                .collect(),
            item: Vec::new(),
        });
    }
    items.push(coding(
        urge::OUTCOME,
        questionnaire::URGE_OUTCOME_SYSTEM,
        urge_outcome(session.outcome),
    ));
    for sample in &session.samples {
        items.push(ResponseItem::group(
            urge::SAMPLE,
            vec![
                integer(urge::SAMPLE_OFFSET_SECONDS, sample.offset_seconds),
                integer(urge::SAMPLE_INTENSITY, sample.intensity.value()),
            ],
        ));
    }
    text(&mut items, urge::NOTES, &session.notes);
    items
}

/// The QuestionnaireResponse for a shareable record, with the random `share_id`; `None` for any other
/// kind.
pub(crate) fn response(
    record: &Record,
    patient: &str,
    share_id: String,
) -> Option<QuestionnaireResponse> {
    let (questionnaire, authored, item) = match record {
        Record::Craving(entry) => (
            questionnaire::craving_record(),
            entry.occurred_at.utc,
            craving_items(entry),
        ),
        Record::Halt(check) => (
            questionnaire::halt_check(),
            check.taken_at.utc,
            halt_items(check),
        ),
        Record::Urge(session) => (
            questionnaire::urge_surfing(),
            session.started_at.utc,
            urge_items(session),
        ),
        _ => return None,
    };
    Some(QuestionnaireResponse {
        resource_type: QuestionnaireResponseType,
        id: None,
        meta: None,
        identifier: Identifier {
            system: SHARE_ENTRY_SYSTEM.into(),
            value: share_id,
        },
        questionnaire: questionnaire.canonical(),
        status: ResponseStatus::Completed,
        subject: Reference {
            reference: patient.to_owned(),
        },
        authored,
        author: Reference {
            reference: patient.to_owned(),
        },
        item,
    })
}
