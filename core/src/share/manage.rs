//! Consents after signing: the list the share screen shows, revocation, and the accounting of
//! who viewed what.

#[allow(clippy::wildcard_imports)]
use super::*;

pub(super) fn summary(id: RecordId, consent: &SharedConsent, now: DateTime<Utc>) -> ConsentSummary {
    let state = if consent.revoked_at.is_some() {
        ConsentState::Revoked
    } else if now > consent.expires_at {
        ConsentState::Expired
    } else if consent.clinic.is_none() {
        ConsentState::Sending
    } else {
        ConsentState::Active
    };
    ConsentSummary {
        id,
        state,
        clinic_name: consent.clinic_name.clone(),
        signed_at: consent.signed_at,
        expires_at: consent.expires_at,
        consent_text: consent.text.clone(),
        entries: consent.entries.clone(),
        clinic_consent_id: consent.clinic.as_ref().map(|c| c.consent_id.clone()),
    }
}

/// Every consent on this device, newest first, with where it stands at `now`.
pub fn consents(vault: &Vault, now: DateTime<Utc>) -> Vec<ConsentSummary> {
    let mut all: Vec<ConsentSummary> = vault
        .of_kind(RecordKind::Consent)
        .filter_map(|stored| match &stored.record {
            Record::Consent(consent) => Some(summary(stored.id, consent, now)),
            _ => None,
        })
        .collect();
    all.sort_by(|a, b| b.signed_at.cmp(&a.signed_at).then(a.id.cmp(&b.id)));
    all
}

/// Revokes a consent. When the clinic may hold it, the clinic is told first (it sets the Consent
/// inactive and deletes the shared responses) and the local state changes only on its confirmation;
/// a consent never sent is revoked on the device alone.
///
/// A consent whose sending was interrupted (the reply was lost) may or may not be at the clinic; its
/// same bundle is sent once more to learn its ids (stored once, by its idempotency key) and revoked
/// at once, so nothing stays disclosed that the patient believes revoked.
pub fn revoke(
    vault: &mut Vault,
    id: RecordId,
    now: Stamp,
    random: &dyn SecureRandom,
) -> Result<ConsentSummary> {
    let mut consent = load(vault, id)?;
    if consent.revoked_at.is_some() {
        return Ok(summary(id, &consent, now.utc));
    }
    if consent.clinic.is_none() && consent.bundle.is_none() {
        consent.revoked_at = Some(now.utc);
        vault.save(Some(id), Record::Consent(consent.clone()), now)?;
        return Ok(summary(id, &consent, now.utc));
    }
    if consent.clinic.is_none() {
        if now.utc > consent.expires_at {
            // Past its end the clinic refuses every view of it (its period has ended) whether or not
            // an earlier attempt reached it, so revoking on the device is enough.
            consent.revoked_at = Some(now.utc);
            vault.save(Some(id), Record::Consent(consent.clone()), now)?;
            return Ok(summary(id, &consent, now.utc));
        }
        send(vault, id, now, random)?;
        consent = load(vault, id)?;
    }
    let clinic_id = consent
        .clinic
        .as_ref()
        .map(|c| c.consent_id.clone())
        .ok_or(Error::NotFound)?;
    let mut client = Client::ready(vault, now, random)?;
    let path = format!(
        "{}/Consent/{clinic_id}/{REVOKE_OPERATION}",
        client.link.fhir_base
    );
    let reply = request(
        &mut client,
        vault,
        &Signed::post(&path, &[]),
        now,
        random,
        "the clinic did not accept the revocation; try again or tell the clinic in writing",
    )?;
    let answer: Consent = serde_json::from_slice(&reply.body).map_err(|_| sync::unreadable())?;
    if answer.status != ConsentStatus::Inactive {
        return Err(sync::unreadable());
    }
    consent.revoked_at = Some(now.utc);
    vault.save(Some(id), Record::Consent(consent.clone()), now)?;
    Ok(summary(id, &consent, now.utc))
}

/// The accounting of disclosures for one consent: each time clinic staff viewed the shared entries,
/// oldest first. Read from the clinic each time (it is the clinic's audit log, not the device's).
pub fn accounting(
    vault: &mut Vault,
    id: RecordId,
    now: Stamp,
    random: &dyn SecureRandom,
    lang: crate::language::Lang,
) -> Result<Vec<Disclosure>> {
    let consent = load(vault, id)?;
    let Some(clinic) = consent.clinic else {
        return Ok(Vec::new());
    };
    let mut client = Client::ready(vault, now, random)?;
    let path = format!(
        "{}/AuditEvent?entity=Consent/{}",
        client.link.fhir_base, clinic.consent_id
    );
    let reply = request(
        &mut client,
        vault,
        &Signed::get(&path),
        now,
        random,
        "the clinic did not send the list of views; try again later",
    )?;
    let found: Bundle<serde_json::Value> =
        serde_json::from_slice(&reply.body).map_err(|_| sync::unreadable())?;
    let mut views = Vec::with_capacity(found.entry.len());
    for entry in found.entry {
        let event: AuditEvent =
            serde_json::from_value(entry.resource).map_err(|_| sync::unreadable())?;
        let who = event
            .agent
            .iter()
            .find(|agent| agent.requestor)
            .or(event.agent.first())
            .map(|agent| {
                agent
                    .name
                    .clone()
                    .unwrap_or_else(|| agent.who.reference.clone())
            })
            .unwrap_or_else(|| crate::language::t(lang, "share-viewer-unnamed"));
        let entries_viewed = event
            .entity
            .iter()
            .filter(|e| e.what.id_of("QuestionnaireResponse").is_some())
            .count();
        views.push(Disclosure {
            who,
            viewed_at: event.recorded,
            entries_viewed: u32::try_from(entries_viewed).unwrap_or(u32::MAX),
        });
    }
    views.sort_by_key(|v| v.viewed_at);
    Ok(views)
}
