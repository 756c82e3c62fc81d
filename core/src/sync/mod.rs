//! The sync client: connecting to the patient's clinic, reading the schedule into the vault, and
//! sending the patient's answers to sessions through an outbox.
//!
//! Everything works offline. Answers are stored in the vault before any network is tried; a failed
//! sync is an [`Error`] the UI can show as it is ([`Error::Offline`] reads "the clinic could not be
//! reached; your answers are saved and will be sent later") and never loses or duplicates anything:
//!
//! - the schedule is upserted by the clinic's Appointment id, and the cursor is stored only after the
//!   sessions it covers, so a sync cut short reads the same page again and changes nothing twice;
//! - each answer carries a key made on the device when the patient answered, and the clinic stores one
//!   answer per key, so an answer resent after a lost reply is stored once;
//! - an answer leaves the outbox only on the clinic's 2xx, or when the patient answers the same session
//!   again or dismisses a refusal.
//!
//! Map: [`connection`] (the sealed link with the device key), `transport` (signed HTTP), `schedule`
//! (Appointment to [`ClinicSession`]), [`outbox`] (answers waiting to be sent, backoff).
//!
//! The functions take `&mut Vault` and block on the network (at most the transport's timeouts): the
//! shell should call them off the UI thread.

pub mod connection;
pub mod outbox;
mod schedule;
pub(crate) mod transport;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use reqwest::Method;
use ring::rand::SecureRandom;
use serde::Serialize;
use tideline_wire::{
    signing, AppointmentResponse, AppointmentResponseType, Bundle, EnrollmentRequest,
    EnrollmentResponse, Identifier, IssueCode, Reference, IDEMPOTENCY_KEY_SYSTEM,
};

use crate::error::{Error, Invalid, Result};
use crate::record::{Record, RecordId, RecordKind, StoredRecord};
use crate::session::{ClinicSession, ParticipantResponse, SessionOrigin};
use crate::time::Stamp;
use crate::vault::Vault;

pub use connection::ClinicConnection;
pub use outbox::{OutgoingAnswer, ParkReason};

use connection::DeviceKey;
use transport::Transport;
pub(crate) use transport::{Reply, Signed};

/// How many appointments one schedule page asks for (the server's own default and maximum).
const PAGE_SIZE: u32 = 200;
/// A guard against a server whose `next` links never end.
const MAX_PAGES: u32 = 1000;

/// Who asked for a sync, which decides whether the app's own backoff applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Trigger {
    /// The patient tapped "Sync now" (or just answered): every pending answer is tried once, except
    /// those the server asked to hold back (`Retry-After`).
    Patient,
    /// The shell's periodic ticker: only answers whose backoff has passed are tried.
    Background,
}

/// What the sync screen and the home screen show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/lib/generated/")]
pub struct SyncStatus {
    /// Whether this device is linked to a clinic (even if the clinic now refuses it).
    pub connected: bool,
    /// The clinic's name, when connected.
    pub clinic_name: Option<String>,
    /// The clinic refused this device (revoked): nothing is sent until the patient connects again.
    pub device_refused: bool,
    /// When a sync last completed.
    #[ts(type = "string | null")]
    pub last_synced: Option<DateTime<Utc>>,
    /// Answers waiting to be sent.
    pub pending: u32,
    /// Answers the clinic refused for good, with why.
    pub parked: Vec<ParkedAnswer>,
    /// The earliest time a background sync will try a waiting answer again, if one failed before.
    #[ts(type = "string | null")]
    pub next_attempt: Option<DateTime<Utc>>,
}

/// An answer the clinic will not take, shown to the patient until they answer again or dismiss it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/lib/generated/")]
pub struct ParkedAnswer {
    /// The session record.
    pub session: RecordId,
    /// The answer that was refused.
    pub response: ParticipantResponse,
    /// Why, as a code.
    pub reason: ParkReason,
    /// Why, in words for the patient.
    pub message: String,
}

/// What one sync did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/lib/generated/")]
pub struct SyncReport {
    /// Sessions created or changed from the clinic's schedule.
    pub sessions_changed: u32,
    /// Appointments the app could not use and left out.
    pub sessions_skipped: u32,
    /// Answers the clinic confirmed.
    pub answers_sent: u32,
    /// Answers the clinic refused for good in this sync.
    pub answers_parked: u32,
}

/// The stored connection, if any.
pub fn connection(vault: &Vault) -> Option<&ClinicConnection> {
    vault
        .of_kind(RecordKind::Connection)
        .find_map(|stored| match &stored.record {
            Record::Connection(connection) => Some(connection),
            _ => None,
        })
}

/// Where sync stands, for the UI.
pub fn status(vault: &Vault) -> SyncStatus {
    let link = connection(vault);
    let entries: Vec<(RecordId, &OutgoingAnswer)> = outbox_entries(vault);
    let mut parked: Vec<ParkedAnswer> = entries
        .iter()
        .filter_map(|(_, entry)| {
            entry.parked.map(|reason| ParkedAnswer {
                session: entry.session,
                response: entry.response,
                reason,
                message: reason.message().to_owned(),
            })
        })
        .collect();
    parked.sort_by_key(|answer| answer.session);
    let pending = entries.iter().filter(|(_, entry)| entry.is_pending());
    SyncStatus {
        connected: link.is_some(),
        clinic_name: link.map(|link| link.clinic_name.clone()),
        device_refused: link.is_some_and(ClinicConnection::is_refused),
        last_synced: link.and_then(|link| link.last_synced),
        pending: u32::try_from(pending.clone().count()).unwrap_or(u32::MAX),
        parked,
        next_attempt: pending
            .filter_map(|(_, entry)| entry.next_attempt.max(entry.not_before))
            .min(),
    }
}

/// Connects to a clinic: makes this device's key, registers it with the one-time `code` from the
/// clinic, and stores the connection. `trusted_certificate` is a PEM certificate to trust for a
/// self-hosted clinic. Replaces a connection the clinic has refused; refuses to replace a working one
/// (disconnect first). Does not sync: call [`sync`] next.
pub fn connect(
    vault: &mut Vault,
    server: &str,
    code: &str,
    trusted_certificate: Option<&str>,
    now: Stamp,
    random: &dyn SecureRandom,
) -> Result<SyncStatus> {
    let server = transport::normalize_server(server)?;
    if connection(vault).is_some_and(|link| !link.is_refused()) {
        return Err(Invalid::new(
            "server",
            "this device is already connected to a clinic; disconnect first",
        )
        .into());
    }
    let normalized = signing::normalize_code(code);
    if normalized.is_empty() || normalized.len() > 64 {
        return Err(Invalid::new("code", "type the code the clinic gave you").into());
    }
    let transport = Transport::new(&server, trusted_certificate)?;
    let device_key = DeviceKey::generate(random)?;
    let public_key = device_key.public_key_hex()?;
    let proof = tideline_wire::hex::encode(
        device_key
            .pair()?
            .sign(&signing::enrollment_proof_input(code, &public_key))
            .as_ref(),
    );
    let request = EnrollmentRequest {
        code: code.trim().to_owned(),
        public_key,
        proof,
    };
    let body = serde_json::to_vec(&request).expect("an enrollment request always serializes");
    let reply = transport.enroll(&body)?;
    match reply.status {
        200 | 201 => {}
        429 => {
            let wait = reply
                .retry_after(now.utc)
                .map_or(60, |at| (at - now.utc).num_seconds().max(1));
            return Err(Error::LockedOut {
                retry_after_secs: u64::try_from(wait).unwrap_or(60),
            });
        }
        400..=499 => {
            return Err(Invalid::new(
                "code",
                "that code did not work; check it, or ask the clinic for a new one (codes last 15 minutes)",
            )
            .into())
        }
        _ => return Err(busy()),
    }
    let enrolled: EnrollmentResponse =
        serde_json::from_slice(&reply.body).map_err(|_| unreadable())?;
    let link = ClinicConnection {
        server,
        device_id: enrolled.device_id,
        patient: enrolled.patient,
        clinic_name: enrolled.clinic_name,
        fhir_base: enrolled.fhir_base,
        device_key,
        trusted_certificate: trusted_certificate.map(str::to_owned),
        cursor: None,
        etag: None,
        connected_at: now.utc,
        last_synced: None,
        refused_at: None,
    };
    if link.validate().is_err() {
        return Err(unreadable());
    }
    vault.save(None, Record::Connection(link), now)?;
    Ok(status(vault))
}

/// Forgets the clinic on this device: the connection and its key are deleted. Sessions stay (they are
/// the patient's history), and so do answers not yet sent: they go out if the patient connects again.
pub fn disconnect(vault: &mut Vault, now: DateTime<Utc>) -> Result<SyncStatus> {
    let ids: Vec<RecordId> = vault
        .of_kind(RecordKind::Connection)
        .map(|stored| stored.id)
        .collect();
    for id in ids {
        vault.delete(&id, now)?;
    }
    Ok(status(vault))
}

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

/// Syncs with the clinic: sends the waiting answers, then reads the schedule from where the last sync
/// stopped. Answers go first so the schedule read afterwards already reflects them.
///
/// On failure everything done so far is kept (answers confirmed are out of the outbox, sessions read are
/// stored, retries are scheduled) and the error says what happened: [`Error::Offline`],
/// [`Error::DeviceRefused`] (also recorded in [`SyncStatus::device_refused`]), or
/// [`Error::Clinic`] with a plain reason.
pub fn sync(
    vault: &mut Vault,
    trigger: Trigger,
    now: Stamp,
    random: &dyn SecureRandom,
) -> Result<SyncReport> {
    let link = match connection(vault) {
        Some(link) if link.is_refused() => return Err(Error::DeviceRefused),
        Some(link) => link.clone(),
        None => return Err(Error::Clinic("this device is not connected to a clinic")),
    };
    let mut client = Client::open(link)?;
    let mut report = SyncReport::default();
    tidy_outbox(vault, now)?;
    push(vault, &mut client, trigger, now, random, &mut report)?;
    pull(vault, &mut client, now, random, &mut report)?;
    client.link.last_synced = Some(now.utc);
    vault.save(None, Record::Connection(client.link), now)?;
    Ok(report)
}

/// What a sync (or a share, see [`crate::share`]) needs at hand: the connection as it stands, the HTTP
/// client and the signing key.
pub(crate) struct Client {
    pub(crate) link: ClinicConnection,
    transport: Transport,
    key: ring::signature::Ed25519KeyPair,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Client(..)")
    }
}

impl Client {
    /// A client for the stored connection; refuses a device the clinic has refused.
    pub(crate) fn for_vault(vault: &Vault) -> Result<Self> {
        match connection(vault) {
            Some(link) if link.is_refused() => Err(Error::DeviceRefused),
            Some(link) => Self::open(link.clone()),
            None => Err(Error::Clinic("this device is not connected to a clinic")),
        }
    }

    fn open(link: ClinicConnection) -> Result<Self> {
        let transport = Transport::new(&link.server, link.trusted_certificate.as_deref())?;
        let key = link.device_key.pair()?;
        Ok(Client {
            link,
            transport,
            key,
        })
    }

    /// Signs `message` with the device key (the share's consent signature).
    pub(crate) fn sign(&self, message: &[u8]) -> Vec<u8> {
        self.key.sign(message).as_ref().to_vec()
    }

    pub(crate) fn send(
        &self,
        request: &Signed<'_>,
        now: Stamp,
        random: &dyn SecureRandom,
    ) -> Result<Reply> {
        self.transport
            .send(&self.link.device_id, &self.key, request, now.utc, random)
    }

    /// Turns a 401 into the error it means, recording a refused device so the UI can show it even
    /// after a restart.
    pub(crate) fn unauthorized(
        &mut self,
        vault: &mut Vault,
        reply: &Reply,
        now: Stamp,
    ) -> Result<Error> {
        Ok(match reply.issue() {
            Some(IssueCode::Expired) => Error::Clinic(
                "this device's clock differs from the clinic's by more than 5 minutes; check the date and time settings",
            ),
            // A replayed nonce or missing header cannot come from this client except by a fault on
            // the way; it is worth another try later, not a reason to give up the device.
            Some(IssueCode::Duplicate) | Some(IssueCode::Login) => busy(),
            _ => {
                self.link.refused_at.get_or_insert(now.utc);
                vault.save(None, Record::Connection(self.link.clone()), now)?;
                Error::DeviceRefused
            }
        })
    }
}

/// Every outbox entry with its record id.
fn outbox_entries(vault: &Vault) -> Vec<(RecordId, &OutgoingAnswer)> {
    vault
        .of_kind(RecordKind::Outbox)
        .filter_map(|stored| match &stored.record {
            Record::Outbox(entry) => Some((stored.id, entry)),
            _ => None,
        })
        .collect()
}

/// Repairs what an interrupted [`queue_response`] can leave: an older entry for a session that has a
/// newer one (removed: the patient changed their answer), and a session not showing its newest waiting
/// answer (set, since the outbox entry is written first).
fn tidy_outbox(vault: &mut Vault, now: Stamp) -> Result<()> {
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

fn push(
    vault: &mut Vault,
    client: &mut Client,
    trigger: Trigger,
    now: Stamp,
    random: &dyn SecureRandom,
    report: &mut SyncReport,
) -> Result<()> {
    let mut due: Vec<(RecordId, OutgoingAnswer)> = outbox_entries(vault)
        .into_iter()
        .filter(|(_, entry)| entry.is_due(trigger, now.utc))
        .map(|(id, entry)| (id, entry.clone()))
        .collect();
    due.sort_by_key(|(id, entry)| (entry.queued_at, *id));
    let path = format!("{}/AppointmentResponse", client.link.fhir_base);
    for (index, (id, entry)) in due.iter().enumerate() {
        let body = answer_body(&client.link.patient, entry)?;
        let request = Signed {
            method: Method::POST,
            path_and_query: &path,
            body: &body,
            if_none_match: None,
        };
        let reply = match client.send(&request, now, random) {
            Ok(reply) => reply,
            Err(error) => {
                // The clinic is out of reach, not this answer: every answer still due waits.
                for (id, entry) in &due[index..] {
                    retry_later(vault, *id, entry, None, now, random)?;
                }
                return Err(error);
            }
        };
        match reply.status {
            200..=299 => {
                vault.delete(id, now.utc)?;
                report.answers_sent += 1;
            }
            401 => return Err(client.unauthorized(vault, &reply, now)?),
            status if outbox::is_transient(status) => {
                // The server is busy or failing: leave it alone, as Retry-After asks, for every answer.
                let asked = reply.retry_after(now.utc);
                for (id, entry) in &due[index..] {
                    retry_later(vault, *id, entry, asked, now, random)?;
                }
                return Err(busy());
            }
            status => {
                let parked = OutgoingAnswer {
                    parked: Some(ParkReason::for_status(status)),
                    attempts: entry.attempts + 1,
                    next_attempt: None,
                    ..entry.clone()
                };
                vault.save(Some(*id), Record::Outbox(parked), now)?;
                report.answers_parked += 1;
            }
        }
    }
    Ok(())
}

fn retry_later(
    vault: &mut Vault,
    id: RecordId,
    entry: &OutgoingAnswer,
    retry_after: Option<DateTime<Utc>>,
    now: Stamp,
    random: &dyn SecureRandom,
) -> Result<()> {
    let attempts = entry.attempts.saturating_add(1);
    let mut draw = [0u8; 4];
    random
        .fill(&mut draw)
        .map_err(|_| Error::Clinic("this device could not make a random number"))?;
    let waiting = OutgoingAnswer {
        attempts,
        next_attempt: Some(outbox::next_attempt(
            attempts,
            u32::from_le_bytes(draw),
            retry_after,
            now.utc,
        )),
        not_before: retry_after,
        ..entry.clone()
    };
    vault.save(Some(id), Record::Outbox(waiting), now)?;
    Ok(())
}

/// The FHIR AppointmentResponse for an entry, carrying its idempotency key.
fn answer_body(patient: &str, entry: &OutgoingAnswer) -> Result<Vec<u8>> {
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

fn pull(
    vault: &mut Vault,
    client: &mut Client,
    now: Stamp,
    random: &dyn SecureRandom,
    report: &mut SyncReport,
) -> Result<()> {
    let search = format!("{}/Appointment?", client.link.fhir_base);
    let mut path = match &client.link.cursor {
        Some(cursor) => format!("{search}_cursor={cursor}&_count={PAGE_SIZE}"),
        None => format!("{search}_count={PAGE_SIZE}"),
    };
    let mut known = schedule::clinic_sessions(vault);
    let awaiting: HashSet<RecordId> = outbox_entries(vault)
        .into_iter()
        .map(|(_, entry)| entry.session)
        .collect();
    for _ in 0..MAX_PAGES {
        let etag = client.link.etag.clone();
        let request = Signed {
            method: Method::GET,
            path_and_query: &path,
            body: &[],
            if_none_match: etag.as_deref().filter(|_| client.link.cursor.is_some()),
        };
        let reply = client.send(&request, now, random)?;
        match reply.status {
            304 => return Ok(()),
            200 => {}
            401 => return Err(client.unauthorized(vault, &reply, now)?),
            status if outbox::is_transient(status) => return Err(busy()),
            _ => {
                return Err(Error::Clinic(
                    "the clinic refused to send the schedule; ask the clinic to check this device",
                ))
            }
        }
        let page: Bundle<serde_json::Value> =
            serde_json::from_slice(&reply.body).map_err(|_| unreadable())?;
        // Each entry is read on its own: one appointment the app does not understand is left out
        // instead of stopping the schedule for good.
        let mut appointments = Vec::with_capacity(page.entry.len());
        for entry in &page.entry {
            match serde_json::from_value(entry.resource.clone()) {
                Ok(appointment) => appointments.push(appointment),
                Err(_) => report.sessions_skipped += 1,
            }
        }
        let applied = schedule::apply(
            vault,
            &appointments,
            &client.link.patient,
            &mut known,
            &awaiting,
            now,
        )?;
        report.sessions_changed += applied.changed;
        report.sessions_skipped += applied.skipped;
        // The cursor is stored only now, after every session it covers: a crash before this line reads
        // the page again, and the upsert makes that harmless.
        let cursor = reply
            .cursor
            .filter(|cursor| connection::is_cursor(cursor))
            .ok_or_else(unreadable)?;
        client.link.cursor = Some(cursor);
        client.link.etag = reply.etag.filter(|tag| tag.is_ascii() && tag.len() <= 200);
        vault.save(None, Record::Connection(client.link.clone()), now)?;
        match page.link("next") {
            // Only a continuation of the same search is followed: a signed request must never be sent
            // where the server's reply points unchecked.
            Some(next) if next.starts_with(&search) && next != path && !next.contains('#') => {
                path = next.to_owned();
            }
            Some(_) => return Err(unreadable()),
            None => return Ok(()),
        }
    }
    Ok(())
}

/// 128 random bits as hex: the answer's idempotency key.
fn idempotency_key(random: &dyn SecureRandom) -> Result<String> {
    let mut bytes = [0u8; 16];
    random
        .fill(&mut bytes)
        .map_err(|_| Error::Clinic("this device could not make a random number"))?;
    Ok(tideline_wire::hex::encode(&bytes))
}

pub(crate) fn busy() -> Error {
    Error::Clinic("the clinic is busy right now; your answers are saved and will be sent later")
}

pub(crate) fn unreadable() -> Error {
    Error::Clinic("the clinic sent an answer the app could not read; try again later")
}
