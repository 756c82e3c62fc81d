//! What the home screen shows, gathered from the unlocked vault in one call.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::entry::StoredEntry;
use crate::halt::{HaltCheck, HaltPattern};
use crate::insights::Insights;
use crate::language::Lang;
use crate::program::Progress;
use crate::record::{Record, RecordKind};
use crate::session::ClinicSession;
use crate::time::Zone;
use crate::vault::{Query, Records, Vault, HOME_READS};

/// How many recent journal items the home screen lists.
pub const RECENT_ITEMS: u32 = HOME_READS.newest;

/// The home screen: progress through the program and the latest journal activity.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct HomeSummary {
    /// Progress, when the program start date is known.
    pub progress: Option<Progress>,
    /// The latest craving entries, HALT checks and urge-surfing sessions, newest first.
    pub recent: Vec<StoredEntry>,
}

/// Every session in the vault with its id, for progress and reminders.
pub fn sessions(vault: &impl Records) -> Vec<(String, &ClinicSession)> {
    vault
        .of_kind(RecordKind::Session)
        .filter_map(|r| match &r.record {
            Record::Session(s) => Some((r.id.to_string(), s)),
            _ => None,
        })
        .collect()
}

/// Progress at `now`, if the program has been set up; the clinic's course of care when connected;
/// its sentences in `lang`.
pub fn progress(vault: &impl Records, now: DateTime<Utc>, lang: Lang) -> Option<Progress> {
    let program = crate::care::program(vault)?;
    let course = crate::care::clinic_course(vault).map(|c| c.periods.as_slice());
    Some(Progress::derive(
        program,
        course,
        &sessions(vault),
        now,
        lang,
    ))
}

/// The home screen at `now`, its sentences in `lang`: from the unlocked vault, or from what
/// unlocking opened first ([`crate::vault::EarlyView`]).
pub fn home(vault: &impl Records, now: DateTime<Utc>, lang: Lang) -> HomeSummary {
    let recent = vault
        .query(&Query {
            kinds: HOME_READS.latest.to_vec(),
            to: Some(now + chrono::Duration::days(HOME_READS.days_ahead)),
            limit: Some(HOME_READS.newest),
            ..Query::default()
        })
        .into_iter()
        .filter_map(StoredEntry::of)
        .collect();
    HomeSummary {
        progress: progress(vault, now, lang),
        recent,
    }
}

/// The payloads of every record of one kind, picked out of the `Record` enum by `pick`.
fn payloads<T>(vault: &Vault, kind: RecordKind, pick: impl Fn(&Record) -> Option<T>) -> Vec<T> {
    vault
        .of_kind(kind)
        .filter_map(|r| pick(&r.record))
        .collect()
}

fn halt_checks(vault: &Vault) -> Vec<HaltCheck> {
    payloads(vault, RecordKind::Halt, |r| match r {
        Record::Halt(h) => Some(h.clone()),
        _ => None,
    })
}

/// The HALT pattern over the `last` most recent checks, its sentence in `lang`.
pub fn halt_pattern(vault: &Vault, last: usize, lang: Lang) -> HaltPattern {
    HaltPattern::over_last(&halt_checks(vault), last, lang)
}

/// The insights screen at `now`, in the patient's current `zone`, its sentences in `lang`.
pub fn insights(vault: &Vault, zone: Zone, now: DateTime<Utc>, lang: Lang) -> Insights {
    let cravings = payloads(vault, RecordKind::Craving, |r| match r {
        Record::Craving(c) => Some(c.clone()),
        _ => None,
    });
    let urges = payloads(vault, RecordKind::Urge, |r| match r {
        Record::Urge(u) => Some(u.clone()),
        _ => None,
    });
    let sessions: Vec<&ClinicSession> = sessions(vault).into_iter().map(|(_, s)| s).collect();
    Insights::derive(
        &cravings,
        &halt_checks(vault),
        &urges,
        &sessions,
        zone,
        now,
        lang,
    )
}
