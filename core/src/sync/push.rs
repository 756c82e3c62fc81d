//! Sending the outbox: the newest answer per session, backoff with full jitter, parking on a
//! refusal, and the idempotency key.

#[allow(clippy::wildcard_imports)]
use super::*;

/// Every outbox entry with its record id.
pub(super) fn outbox_entries(vault: &Vault) -> Vec<(RecordId, &OutgoingAnswer)> {
    vault
        .of_kind(RecordKind::Outbox)
        .filter_map(|stored| match &stored.record {
            Record::Outbox(entry) => Some((stored.id, entry)),
            _ => None,
        })
        .collect()
}

/// The newest outbox entry of each session (by session), and the older ones it supersedes.
#[allow(clippy::type_complexity)]
pub(super) fn newest_answers(
    vault: &Vault,
) -> (HashMap<RecordId, (RecordId, OutgoingAnswer)>, Vec<RecordId>) {
    let mut newest: HashMap<RecordId, (RecordId, OutgoingAnswer)> = HashMap::new();
    let mut superseded = Vec::new();
    for (id, entry) in outbox_entries(vault) {
        match newest.get(&entry.session) {
            Some((kept_id, kept)) if (kept.queued_at, *kept_id) >= (entry.queued_at, id) => {
                superseded.push(id);
            }
            _ => {
                if let Some((older, _)) = newest.insert(entry.session, (id, entry.clone())) {
                    superseded.push(older);
                }
            }
        }
    }
    (newest, superseded)
}

/// Repairs what an interrupted [`queue_response`] can leave: an older entry for a session that has a
/// newer one (removed: the patient changed their answer), and a session not showing its newest waiting
/// answer (set, since the outbox entry is written first).
pub(super) fn tidy_outbox(vault: &mut Vault, now: Stamp) -> Result<()> {
    let (newest, superseded) = newest_answers(vault);
    for id in superseded {
        vault.delete(&id, now.utc)?;
    }
    for (_, entry) in newest.into_values().filter(|(_, entry)| entry.is_pending()) {
        let repaired = match vault.get(&entry.session).map(|stored| &stored.record) {
            Some(Record::Session(session)) if session.response != entry.response => ClinicSession {
                response: entry.response,
                ..session.clone()
            },
            _ => continue,
        };
        vault.save(Some(entry.session), Record::Session(repaired), now)?;
    }
    Ok(())
}

/// Sends the due answers, oldest first, noting in `outcome` what became of each.
pub(super) fn push(
    client: &Client,
    due: &[(RecordId, OutgoingAnswer)],
    now: Stamp,
    random: &dyn SecureRandom,
    outcome: &mut SyncOutcome,
) -> Result<()> {
    let path = format!("{}/AppointmentResponse", client.link.fhir_base);
    for (index, (id, entry)) in due.iter().enumerate() {
        let body = answer_body(&client.link.patient, entry)?;
        let request = Signed::post(&path, &body);
        let reply = match client.send(&request, now, random) {
            Ok(reply) => reply,
            Err(error) => {
                // The clinic is out of reach, not this answer: every answer still due waits.
                retry_later(&due[index..], None, random, outcome)?;
                return Err(error);
            }
        };
        let delivery = match reply.status {
            200..=299 => Delivery::Confirmed,
            401 => return Err(unauthorized(&reply)),
            status if outbox::is_transient(status) => {
                // The server is busy or failing: leave it alone, as Retry-After asks, for every answer.
                retry_later(&due[index..], reply.retry_after(now.utc), random, outcome)?;
                return Err(busy());
            }
            status => Delivery::Parked(ParkReason::for_status(status)),
        };
        outcome
            .answers
            .push((*id, entry.idempotency_key.clone(), delivery));
    }
    Ok(())
}

/// Notes that every answer in `waiting` is to be tried again later, each with its own jitter.
pub(super) fn retry_later(
    waiting: &[(RecordId, OutgoingAnswer)],
    retry_after: Option<DateTime<Utc>>,
    random: &dyn SecureRandom,
    outcome: &mut SyncOutcome,
) -> Result<()> {
    for (id, entry) in waiting {
        let mut draw = [0u8; 4];
        random
            .fill(&mut draw)
            .map_err(|_| Error::Clinic("this device could not make a random number"))?;
        outcome.answers.push((
            *id,
            entry.idempotency_key.clone(),
            Delivery::Retry {
                retry_after,
                draw: u32::from_le_bytes(draw),
            },
        ));
    }
    Ok(())
}

/// The FHIR AppointmentResponse for an entry, carrying its idempotency key.
pub(super) fn answer_body(patient: &str, entry: &OutgoingAnswer) -> Result<Vec<u8>> {
    let participant_status = schedule::participation(entry.response).ok_or(Invalid::new(
        "response",
        "must be accepted, tentative or declined",
    ))?;
    let answer = AppointmentResponse {
        resource_type: AppointmentResponseType,
        id: None,
        meta: None,
        identifier: vec![Identifier {
            system: IDEMPOTENCY_KEY_SYSTEM.into(),
            value: entry.idempotency_key.clone(),
        }],
        appointment: Reference::to("Appointment", &entry.appointment),
        actor: Reference {
            reference: patient.to_owned(),
        },
        participant_status,
    };
    Ok(serde_json::to_vec(&answer).expect("an answer always serializes"))
}

/// 128 random bits as hex: the answer's idempotency key.
pub(super) fn idempotency_key(random: &dyn SecureRandom) -> Result<String> {
    let mut bytes = [0u8; 16];
    random
        .fill(&mut bytes)
        .map_err(|_| Error::Clinic("this device could not make a random number"))?;
    Ok(tideline_wire::hex::encode(&bytes))
}
