//! What a share would send: the entries a selection picks and the consent text naming every
//! Part 2 element (no network).

#[allow(clippy::wildcard_imports)]
use super::*;
use crate::language::{t, tr, Arg, Lang};

/// The entries a selection names, oldest first: the same rule for a share and for a PDF report.
pub fn selected(vault: &Vault, selection: &ShareSelection) -> Result<Vec<SharedEntry>> {
    select(vault, selection, Lang::En)
}

/// How an entry's time is written for the patient (in the zone it was recorded in).
pub(crate) fn entry_when(stamp: &Stamp, lang: Lang) -> String {
    entry::when(stamp, lang)
}

pub(super) fn select(
    vault: &Vault,
    selection: &ShareSelection,
    lang: Lang,
) -> Result<Vec<SharedEntry>> {
    let mut chosen: Vec<SharedEntry> = if selection.entries.is_empty() {
        let kinds = if selection.kinds.is_empty() {
            ShareKind::ALL.to_vec()
        } else {
            selection.kinds.clone()
        };
        let query = Query {
            kinds: kinds.iter().map(|k| k.record_kind()).collect(),
            from: selection.from,
            to: selection.to,
            text: None,
            limit: None,
        };
        vault
            .query(&query)
            .into_iter()
            .filter_map(|stored| describe(stored.id, &stored.record, lang))
            .collect()
    } else {
        let mut chosen = Vec::with_capacity(selection.entries.len());
        for id in &selection.entries {
            let stored = vault.get(id).ok_or(Error::NotFound)?;
            let described = describe(stored.id, &stored.record, lang).ok_or(Invalid::new(
                "entries",
                "only craving records, HALT checks and urge-surfing sessions can be shared",
            ))?;
            if !chosen.iter().any(|c: &SharedEntry| c.entry == *id) {
                chosen.push(described);
            }
        }
        chosen
    };
    if chosen.is_empty() {
        return Err(Invalid::new("entries", "choose at least one entry to share").into());
    }
    if chosen.len() > MAX_ENTRIES {
        return Err(Invalid::new("entries", "share at most 200 entries at a time").into());
    }
    chosen.sort_by_key(|e| (e.occurred_at.utc, e.entry));
    Ok(chosen)
}

/// The instant a consent ending on `date` ends: the last second of that day in the patient's zone.
pub(super) fn end_of(date: NaiveDate, now: Stamp) -> Result<DateTime<Utc>> {
    let next = date
        .succ_opt()
        .ok_or(Invalid::new("expiresOn", "is not a usable date"))?;
    let end = now.zone.resolve(next, NaiveTime::MIN) - Duration::seconds(1);
    if end <= now.utc {
        return Err(Invalid::new("expiresOn", "must be today or later").into());
    }
    if end - now.utc > Duration::days(MAX_DAYS) {
        return Err(Invalid::new("expiresOn", "a consent can last at most a year").into());
    }
    Ok(end)
}

/// A date as the consent writes it: "2 March 2026", "2 de marzo de 2026".
fn consent_date(date: NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    tr(
        lang,
        "report-date",
        &[
            ("day", Arg::from(date.day())),
            (
                "month",
                Arg::from(t(lang, &format!("date-month-{}", date.month()))),
            ),
            ("year", Arg::from(date.year().to_string())),
        ],
    )
}

/// The consent text in `lang`: every element 42 CFR Part 2 requires, in plain words.
pub(super) fn consent_text(
    clinic_name: &str,
    patient: &str,
    entries: &[SharedEntry],
    purpose: SharePurpose,
    expires_on: NaiveDate,
    now: Stamp,
    lang: Lang,
) -> Vec<String> {
    let clinic = || ("clinic", Arg::from(clinic_name));
    let mut text = vec![
        tr(
            lang,
            "consent-patient",
            &[clinic(), ("patient", Arg::from(patient))],
        ),
        tr(lang, "consent-allow", &[clinic()]),
    ];
    text.extend(
        entries
            .iter()
            .map(|e| tr(lang, "consent-entry", &[("title", Arg::from(&e.title))])),
    );
    text.push(tr(lang, "consent-to", &[clinic()]));
    let purpose = match purpose {
        SharePurpose::Treatment => t(lang, "consent-purpose-treatment"),
    };
    text.push(tr(
        lang,
        "consent-purpose",
        &[("purpose", Arg::from(purpose))],
    ));
    text.push(tr(
        lang,
        "consent-ends",
        &[("date", Arg::from(consent_date(expires_on, lang)))],
    ));
    text.push(tr(lang, "consent-revoke", &[clinic()]));
    text.push(t(lang, "consent-treatment"));
    let signed = now.local();
    text.push(tr(
        lang,
        "consent-signed",
        &[
            ("date", Arg::from(consent_date(signed.date_naive(), lang))),
            ("time", Arg::from(signed.format("%H:%M").to_string())),
            ("zone", Arg::from(now.zone.name())),
        ],
    ));
    text.push(t(lang, "report-part2-notice"));
    text
}

/// Exactly what [`share`] would send for this selection and these terms, signed `now`, worded in
/// `lang` (the consent is signed in the language the patient reads it in).
pub fn preview(
    vault: &Vault,
    selection: &ShareSelection,
    terms: &ConsentTerms,
    now: Stamp,
    lang: Lang,
) -> Result<SharePreview> {
    let link = linked(vault)?;
    let entries = select(vault, selection, lang)?;
    let expires_at = end_of(terms.expires_on, now)?;
    Ok(SharePreview {
        consent_text: consent_text(
            &link.clinic_name,
            &link.patient,
            &entries,
            terms.purpose,
            terms.expires_on,
            now,
            lang,
        ),
        entries,
        clinic_name: link.clinic_name.clone(),
        expires_at,
    })
}
