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
//! [`connect`] and [`sync`] take `&mut Vault` and block on the network (at most the transport's
//! timeouts): the shell should call them off the UI thread. A sync also comes in three steps, so a
//! caller sharing the vault holds it only to read and to store, not during the network: [`prepare`]
//! (`&Vault`), [`SyncPlan::exchange`] (no vault), [`apply`] (`&mut Vault`).

pub mod connection;
pub mod devices;
mod link;
pub mod outbox;
mod pull;
mod push;
pub mod renewal;
mod respond;
mod schedule;

pub use link::{connect, disconnect, revoke_at_clinic};
pub use respond::{dismiss_parked, queue_response};
#[allow(unused_imports)]
use {pull::*, push::*};
pub(crate) mod transport;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use ring::rand::SecureRandom;
use serde::Serialize;
use tideline_wire::{
    signing, AppointmentResponse, AppointmentResponseType, Bundle, EnrollmentRequest,
    EnrollmentResponse, Identifier, IssueCode, Reference, IDEMPOTENCY_KEY_SYSTEM,
};
use ureq::http::Method;

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
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct SyncStatus {
    /// Whether this device is linked to a clinic (even if the clinic now refuses it).
    pub connected: bool,
    /// The clinic's name, when connected.
    pub clinic_name: Option<String>,
    /// The clinic refused this device (revoked): nothing is sent until the patient connects again.
    pub device_refused: bool,
    /// The vault was restored from a backup, which does not carry this device's clinic key: nothing
    /// is sent until the patient connects again with a new code.
    pub reconnect_needed: bool,
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
#[ts(export_to = "../../ui/src/lib/generated/")]
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
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct SyncReport {
    /// Sessions created or changed from the clinic's schedule.
    pub sessions_changed: u32,
    /// Appointments the app could not use and left out.
    pub sessions_skipped: u32,
    /// Answers the clinic confirmed.
    pub answers_sent: u32,
    /// Answers the clinic refused for good in this sync.
    pub answers_parked: u32,
    /// Whether the course of care (level, weekly target, step-down, discharge) changed.
    pub care_changed: bool,
}

/// The stored connection, if any.
pub fn connection(vault: &impl crate::vault::Records) -> Option<&ClinicConnection> {
    vault
        .of_kind(RecordKind::Connection)
        .find_map(|stored| match &stored.record {
            Record::Connection(connection) => Some(connection),
            _ => None,
        })
}

impl SyncStatus {
    /// The same status with its sentences (each parked answer's) in `lang`.
    pub fn in_lang(mut self, lang: crate::language::Lang) -> Self {
        for answer in &mut self.parked {
            answer.message = answer.reason.words(lang);
        }
        self
    }
}

/// Where sync stands, for the UI (sentences in English; [`SyncStatus::in_lang`] for another).
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
        device_refused: link.is_some_and(|link| link.refused_at.is_some()),
        reconnect_needed: link.is_some_and(|link| link.needs_reconnect),
        last_synced: link.and_then(|link| link.last_synced),
        pending: u32::try_from(pending.clone().count()).unwrap_or(u32::MAX),
        parked,
        next_attempt: pending
            .filter_map(|(_, entry)| entry.next_attempt.max(entry.not_before))
            .min(),
    }
}

/// Syncs with the clinic: sends the waiting answers, then reads the schedule from where the last sync
/// stopped. Answers go first so the schedule read afterwards already reflects them.
///
/// The three steps in one call: [`prepare`], [`SyncPlan::exchange`], [`apply`]. A caller that shares
/// the vault with others (the shell) calls them itself, so the vault is not held during the network.
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
    let plan = prepare(vault, trigger, now)?.ok_or_else(not_connected)?;
    let outcome = plan.exchange(now, random);
    apply(vault, outcome, now)
}

/// The error for a sync without a clinic connection.
pub fn not_connected() -> Error {
    Error::Clinic("this device is not connected to a clinic")
}

/// What one sync will do, read from the vault by [`prepare`]: the connection (with a copy of the
/// device key, in its zeroized buffer) and the answers due, each with its idempotency key. Holds no
/// reference to the vault.
#[derive(Debug)]
pub struct SyncPlan {
    link: ClinicConnection,
    due: Vec<(RecordId, OutgoingAnswer)>,
}

/// What the clinic said, from [`SyncPlan::exchange`], for [`apply`] to store. Holds no key.
#[derive(Debug)]
pub struct SyncOutcome {
    server: String,
    device_id: String,
    patient: String,
    /// Each answer tried: its outbox record, the idempotency key sent, and what became of it.
    answers: Vec<(RecordId, String, Delivery)>,
    /// Each schedule page read, in order.
    pages: Vec<Page>,
    /// The course of care as the clinic sent it (`None`: not read, e.g. the exchange stopped early).
    course: Option<Vec<tideline_wire::care::CareLevel>>,
    /// The devices enrolled for the patient (`None`: not read, or an older server).
    devices: Option<Vec<devices::ListedDevice>>,
    /// The public key (hex) the clinic confirmed as this device's new key, if a renewal was sent.
    renewed: Option<String>,
    /// Why the exchange stopped early, if it did.
    error: Option<Error>,
}

#[derive(Debug)]
enum Delivery {
    /// The clinic's 2xx.
    Confirmed,
    /// A refusal that retrying will not change.
    Parked(ParkReason),
    /// To try again later: not before `retry_after`, after a backoff drawn with `draw`.
    Retry {
        retry_after: Option<DateTime<Utc>>,
        draw: u32,
    },
}

#[derive(Debug)]
struct Page {
    appointments: Vec<tideline_wire::Appointment>,
    /// Entries that were not appointments the app can read.
    unreadable: u32,
    /// The cursor after this page; `None` when the clinic sent none usable (the sync then stops).
    cursor: Option<String>,
    etag: Option<String>,
}

/// Step 1 of a sync: reads what to send and where the schedule stopped. Touches nothing and no
/// network. `None` when this device is not connected; [`Error::DeviceRefused`] when the clinic refused it.
pub fn prepare(vault: &Vault, trigger: Trigger, now: Stamp) -> Result<Option<SyncPlan>> {
    let link = match connection(vault) {
        Some(link) if link.is_refused() => return Err(Error::DeviceRefused),
        Some(link) => link.clone(),
        None => return Ok(None),
    };
    // Only the newest answer per session: an older one left by an interrupted `queue_response` is
    // removed by `apply`, never sent.
    let (newest, _) = newest_answers(vault);
    let mut due: Vec<(RecordId, OutgoingAnswer)> = newest
        .into_values()
        .filter(|(_, entry)| entry.is_due(trigger, now.utc))
        .collect();
    due.sort_by_key(|(id, entry)| (entry.queued_at, *id));
    Ok(Some(SyncPlan { link, due }))
}

impl SyncPlan {
    /// Step 2 of a sync: all the network, without the vault (blocks at most the transport's timeouts
    /// per request). Never fails: what went wrong is in the outcome, for [`apply`] to record and return.
    pub fn exchange(self, now: Stamp, random: &dyn SecureRandom) -> SyncOutcome {
        let mut outcome = SyncOutcome {
            server: self.link.server.clone(),
            device_id: self.link.device_id.clone(),
            patient: self.link.patient.clone(),
            answers: Vec::new(),
            pages: Vec::new(),
            course: None,
            devices: None,
            renewed: None,
            error: None,
        };
        let due = self.due;
        let result = Client::open(self.link).and_then(|mut client| {
            // A key renewal waiting since a master key rotation goes before anything else.
            outcome.renewed = renewal::send(&mut client, now, random)?;
            push(&client, &due, now, random, &mut outcome)?;
            pull(&mut client, now, random, &mut outcome)?;
            outcome.course = pull_course(&client, now, random)?;
            outcome.devices = devices::pull(&client, now, random)?;
            Ok(())
        });
        outcome.error = result.err();
        outcome
    }
}

impl SyncOutcome {
    /// Whether `link` is the connection this outcome was exchanged for.
    pub fn is_for(&self, link: &ClinicConnection) -> bool {
        link.server == self.server
            && link.device_id == self.device_id
            && link.patient == self.patient
    }
}

/// Step 3 of a sync: stores what the clinic said. An answer leaves the outbox only if its entry still
/// holds the key that was sent (the patient may have answered again meanwhile: the newer answer stays
/// and goes next time); the others are parked or wait for a retry; the sessions are stored, the
/// cursor after the sessions it covers; a refusal of the device is recorded. Returns the exchange's
/// error, if any, after storing everything it got.
///
/// Refuses an outcome for another connection (the patient disconnected or connected again meanwhile)
/// and stores nothing of it: the outbox is as it was, so the next sync does it again.
pub fn apply(vault: &mut Vault, outcome: SyncOutcome, now: Stamp) -> Result<SyncReport> {
    if !connection(vault).is_some_and(|link| outcome.is_for(link)) {
        return Err(Error::Clinic(
            "the clinic connection changed during the sync; sync again",
        ));
    }
    if let Some(public_key) = &outcome.renewed {
        renewal::promote(vault, public_key, now)?;
    }
    let mut report = SyncReport::default();
    tidy_outbox(vault, now)?;
    for (id, key, delivery) in outcome.answers {
        let current = match vault.get(&id).map(|stored| &stored.record) {
            Some(Record::Outbox(entry)) if entry.idempotency_key == key => entry.clone(),
            // Replaced by a newer answer (or dismissed) meanwhile: that one is not touched.
            _ => {
                if matches!(delivery, Delivery::Confirmed) {
                    report.answers_sent += 1;
                }
                continue;
            }
        };
        match delivery {
            Delivery::Confirmed => {
                vault.delete(&id, now.utc)?;
                report.answers_sent += 1;
            }
            Delivery::Parked(reason) => {
                let parked = OutgoingAnswer {
                    parked: Some(reason),
                    attempts: current.attempts.saturating_add(1),
                    next_attempt: None,
                    ..current
                };
                vault.save(Some(id), Record::Outbox(parked), now)?;
                report.answers_parked += 1;
            }
            Delivery::Retry { retry_after, draw } => {
                let attempts = current.attempts.saturating_add(1);
                let waiting = OutgoingAnswer {
                    attempts,
                    next_attempt: Some(outbox::next_attempt(attempts, draw, retry_after, now.utc)),
                    not_before: retry_after,
                    ..current
                };
                vault.save(Some(id), Record::Outbox(waiting), now)?;
            }
        }
    }
    let mut known = schedule::clinic_sessions(vault);
    let awaiting: HashSet<RecordId> = outbox_entries(vault)
        .into_iter()
        .map(|(_, entry)| entry.session)
        .collect();
    for page in outcome.pages {
        report.sessions_skipped += page.unreadable;
        let applied = schedule::apply(
            vault,
            &page.appointments,
            &outcome.patient,
            &mut known,
            &awaiting,
            now,
        )?;
        report.sessions_changed += applied.changed;
        report.sessions_skipped += applied.skipped;
        // The cursor is stored only now, after every session it covers: a crash before this line reads
        // the page again, and the upsert makes that harmless.
        if let Some(cursor) = page.cursor {
            update_connection(vault, now, |link| {
                link.cursor = Some(cursor);
                link.etag = page.etag;
            })?;
        }
    }
    if let Some(periods) = outcome.course {
        report.care_changed = store_course(vault, periods, now)?;
    }
    if let Some(listed) = outcome.devices {
        devices::store(vault, listed, now)?;
    }
    if let Some(error) = outcome.error {
        if matches!(error, Error::DeviceRefused) {
            // Recorded so the UI can show it even after a restart.
            update_connection(vault, now, |link| {
                link.refused_at.get_or_insert(now.utc);
            })?;
        }
        return Err(error);
    }
    update_connection(vault, now, |link| link.last_synced = Some(now.utc))?;
    Ok(report)
}

/// Changes the stored connection as it is now (not the copy a sync started from).
fn update_connection(
    vault: &mut Vault,
    now: Stamp,
    change: impl FnOnce(&mut ClinicConnection),
) -> Result<()> {
    let Some(mut link) = connection(vault).cloned() else {
        return Ok(());
    };
    change(&mut link);
    vault.save(None, Record::Connection(link), now)?;
    Ok(())
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

    /// A client for the stored connection once a key renewal still waiting from a rotation has been
    /// sent: a share or a revocation never signs with a key the clinic may already have replaced (a
    /// renewal whose answer was lost would otherwise read as a refused device).
    pub(crate) fn ready(vault: &mut Vault, now: Stamp, random: &dyn SecureRandom) -> Result<Self> {
        renewal::renew(vault, now, random)?;
        Self::for_vault(vault)
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
        let error = unauthorized(reply);
        if matches!(error, Error::DeviceRefused) && self.link.pending_key.is_some() {
            // The renewal could not be confirmed yet, so the clinic may hold the new key: the next
            // sync settles which; until then this is not a refusal.
            return Ok(busy());
        }
        if matches!(error, Error::DeviceRefused) {
            self.link.refused_at.get_or_insert(now.utc);
            vault.save(None, Record::Connection(self.link.clone()), now)?;
        }
        Ok(error)
    }
}

/// The error a 401 means.
fn unauthorized(reply: &Reply) -> Error {
    match reply.issue() {
        Some(IssueCode::Expired) => Error::Clinic(
            "this device's clock differs from the clinic's by more than 5 minutes; check the date and time settings",
        ),
        // A replayed nonce or missing header cannot come from this client except by a fault on the
        // way; it is worth another try later, not a reason to give up the device.
        Some(IssueCode::Duplicate) | Some(IssueCode::Login) => busy(),
        _ => Error::DeviceRefused,
    }
}

pub(crate) fn busy() -> Error {
    Error::Clinic("the clinic is busy right now; your answers are saved and will be sent later")
}

pub(crate) fn unreadable() -> Error {
    Error::Clinic("the clinic sent an answer the app could not read; try again later")
}
