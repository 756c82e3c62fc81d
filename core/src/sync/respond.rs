//! The patient's answer to a session (into the outbox first for a clinic session) and
//! forgetting a parked answer.

#[allow(clippy::wildcard_imports)]
use super::*;

/// Records the patient's answer to a session and, for a clinic session, queues it for the clinic.
/// Both are durable before this returns; nothing touches the network.
///
/// The vault has no transaction across an update and a new record, so the outbox entry is written
/// first and the session second. A crash between the two leaves an entry whose answer the session does
/// not show yet; the next [`sync`] puts it on the session before sending, so the patient's answer is
/// neither lost nor contradicted. The other order could leave the session showing an answer the clinic
/// would never receive. Earlier entries for the same session are removed last: until then the newest
/// one wins, because entries are sent oldest first.
pub fn queue_response(
    vault: &mut Vault,
    session: RecordId,
    response: ParticipantResponse,
    now: Stamp,
    random: &dyn SecureRandom,
) -> Result<StoredRecord> {
    if schedule::participation(response).is_none() {
        return Err(Invalid::new("response", "must be accepted, tentative or declined").into());
    }
    let mut current = match vault.get(&session).map(|stored| &stored.record) {
        Some(Record::Session(current)) => current.clone(),
        Some(_) => return Err(Invalid::new("session", "is not a session").into()),
        None => return Err(Error::NotFound),
    };
    let clinic_id = match &current.origin {
        SessionOrigin::Clinic { clinic_id } => Some(clinic_id.clone()),
        SessionOrigin::Patient => None,
    };
    current.response = response;
    let Some(appointment) = clinic_id else {
        return vault.save(Some(session), Record::Session(current), now);
    };
    let entry = OutgoingAnswer {
        session,
        appointment,
        response,
        idempotency_key: idempotency_key(random)?,
        queued_at: now.utc,
        attempts: 0,
        next_attempt: None,
        not_before: None,
        parked: None,
    };
    let queued = vault.save(None, Record::Outbox(entry), now)?;
    let saved = vault.save(Some(session), Record::Session(current), now)?;
    let superseded: Vec<RecordId> = outbox_entries(vault)
        .into_iter()
        .filter(|(id, entry)| entry.session == session && *id != queued.id)
        .map(|(id, _)| id)
        .collect();
    for id in superseded {
        vault.delete(&id, now.utc)?;
    }
    Ok(saved)
}

/// Removes a refused answer from the list once the patient has read why (they dealt with it another
/// way, e.g. told their counselor). Never removes one still waiting to be sent.
pub fn dismiss_parked(vault: &mut Vault, session: RecordId, now: DateTime<Utc>) -> Result<()> {
    let parked: Vec<RecordId> = outbox_entries(vault)
        .into_iter()
        .filter(|(_, entry)| entry.session == session && entry.parked.is_some())
        .map(|(id, _)| id)
        .collect();
    if parked.is_empty() {
        return Err(Error::NotFound);
    }
    for id in parked {
        vault.delete(&id, now)?;
    }
    Ok(())
}
