//! What a share would send: the entries a selection picks and the consent text naming every
//! Part 2 element (no network).

#[allow(clippy::wildcard_imports)]
use super::*;

/// The entries a selection names, oldest first: the same rule for a share and for a PDF report.
pub fn selected(vault: &Vault, selection: &ShareSelection) -> Result<Vec<SharedEntry>> {
    select(vault, selection)
}

/// How an entry's time is written for the patient (in the zone it was recorded in).
pub(crate) fn entry_when(stamp: &Stamp, lang: crate::language::Lang) -> String {
    entry::when(stamp, lang)
}

pub(super) fn select(vault: &Vault, selection: &ShareSelection) -> Result<Vec<SharedEntry>> {
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
            .filter_map(|stored| describe(stored.id, &stored.record, crate::language::Lang::En))
            .collect()
    } else {
        let mut chosen = Vec::with_capacity(selection.entries.len());
        for id in &selection.entries {
            let stored = vault.get(id).ok_or(Error::NotFound)?;
            let described = describe(stored.id, &stored.record, crate::language::Lang::En).ok_or(
                Invalid::new(
                    "entries",
                    "only craving records, HALT checks and urge-surfing sessions can be shared",
                ),
            )?;
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

/// The consent text: every element 42 CFR Part 2 requires, in plain words.
pub(super) fn consent_text(
    clinic_name: &str,
    patient: &str,
    entries: &[SharedEntry],
    purpose: SharePurpose,
    expires_on: NaiveDate,
    now: Stamp,
) -> Vec<String> {
    let mut text = vec![
        format!(
            "Patient: me, the person this device is connected for at {clinic_name} ({patient})."
        ),
        format!("I allow {clinic_name}, the program treating me, to disclose these entries from my Tideline journal:"),
    ];
    text.extend(entries.iter().map(|e| format!("- {}", e.title)));
    text.push(format!(
        "To: my care team at {clinic_name} (the counselors and therapists assigned to me)."
    ));
    text.push(format!("Purpose: {}.", purpose.words()));
    text.push(format!(
        "This consent ends at the end of {}, unless I revoke it sooner.",
        expires_on.format("%-d %B %Y")
    ));
    text.push(format!(
        "I may revoke it at any time: in Tideline, under Sharing, choose Revoke, or tell {clinic_name} in writing. \
         Revoking stops all further access; it cannot undo what was already viewed."
    ));
    text.push("My treatment does not depend on signing this consent.".to_owned());
    text.push(format!(
        "Signed electronically on this device by me, the patient, on {} ({}).",
        now.local().format("%-d %B %Y at %H:%M"),
        now.zone.name()
    ));
    text.push(PART2_NOTICE.to_owned());
    text
}

/// Exactly what [`share`] would send for this selection and these terms, signed `now`.
pub fn preview(
    vault: &Vault,
    selection: &ShareSelection,
    terms: &ConsentTerms,
    now: Stamp,
) -> Result<SharePreview> {
    let link = linked(vault)?;
    let entries = select(vault, selection)?;
    let expires_at = end_of(terms.expires_on, now)?;
    Ok(SharePreview {
        consent_text: consent_text(
            &link.clinic_name,
            &link.patient,
            &entries,
            terms.purpose,
            terms.expires_on,
            now,
        ),
        entries,
        clinic_name: link.clinic_name.clone(),
        expires_at,
    })
}
