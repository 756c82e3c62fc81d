//! Attendance confirmations (signed `POST /fhir/AppointmentResponse`) in groups, on PostgreSQL.
//!
//! The writer commits the confirmations that arrive together in one transaction anyway (group
//! commit); on PostgreSQL each statement is also a round trip between two processes, and one
//! confirmation is a dozen statements. So the writer hands the waiting confirmations to one
//! PL/pgSQL function, [`FUNCTION`], in one statement: for each, in order, exactly the steps of the
//! ordinary path (the device row and its revocation, the signature's answer, the nonce, the patient,
//! the idempotency key, the appointment, the insert and the appointment's new change cursor); the
//! same statement reads the audit chain's head. Their audit rows follow in one more statement
//! ([`audit::append_many_after`]). Round trips cost more than the work here (each wakes the other
//! process on a busy machine): a batch of confirmations is four, `BEGIN` with the writer lock and the
//! savepoint, the function, the audit rows and `COMMIT`. A confirmation the function
//! cannot settle the ordinary way (its signature was checked against another key than the device row
//! holds) it leaves untouched and says so, and the writer runs it as an ordinary job in the same
//! transaction; an error aborts the statement, which the writer ran inside a savepoint, so it rolls
//! back and runs them all as ordinary jobs. SQLite, whose statements are function calls inside the
//! server, always takes the ordinary path.
//!
//! The function lives in the session's own temporary schema (`pg_temp`), created with each session
//! ([`install`]): it needs no migration and always matches the server that calls it.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde_json::json;
use tideline_wire::{signing, AppointmentResponse, ParticipationStatus};

use crate::access::{DeviceProof, EarlyCheck};
use crate::audit::{self, AuditEntry};
use crate::clock::Clock;
use crate::db::{self, Connection, Engine};
use crate::problem::Problem;
use crate::response::{self, Stored};

/// The audit action of a confirmation (the ordinary path's too).
pub const ACTION: &str = "create AppointmentResponse";
/// The audit target of a refused confirmation.
pub const TARGET: &str = "AppointmentResponse";

/// One confirmation that may go through the function: a device request whose form is already
/// checked and whose signature was checked against the key the server last read for the device.
#[derive(Debug, Clone)]
pub struct Confirmation {
    device_id: i64,
    nonce: String,
    timestamp: i64,
    early: EarlyCheck,
    key: String,
    appointment_id: i64,
    actor: Option<String>,
    status: ParticipationStatus,
    address: String,
    clock: Arc<dyn Clock>,
}

impl Confirmation {
    /// The confirmation, if this request can take the grouped path: a device proof of the right
    /// form with an early signature check, and an answer that passes every check needing no data.
    /// Anything else takes the ordinary path, which refuses it the ordinary way.
    pub fn eligible(
        proof: &DeviceProof,
        early: Option<&EarlyCheck>,
        answer: Result<&AppointmentResponse, &Problem>,
        address: &str,
        clock: Arc<dyn Clock>,
    ) -> Option<Confirmation> {
        let answer = answer.ok()?;
        let key = answer
            .idempotency_key()
            .filter(|key| response::is_valid_key(key))?;
        if answer.participant_status == ParticipationStatus::NeedsAction
            || !signing::is_valid_nonce(&proof.nonce)
            || tideline_wire::hex::decode(&proof.signature).is_none_or(|bytes| bytes.len() != 64)
        {
            return None;
        }
        Some(Confirmation {
            device_id: proof.device_id.parse().ok()?,
            nonce: proof.nonce.clone(),
            timestamp: proof.timestamp.parse().ok()?,
            early: early?.clone(),
            key: key.to_owned(),
            appointment_id: answer
                .appointment
                .id_of("Appointment")
                .and_then(|id| id.parse().ok())?,
            actor: answer.actor.id_of("Patient").map(str::to_owned),
            status: answer.participant_status,
            address: address.to_owned(),
            clock,
        })
    }

    fn as_json(&self, now: DateTime<Utc>) -> serde_json::Value {
        json!({
            "d": self.device_id, "n": self.nonce,
            "x": self.timestamp + signing::MAX_CLOCK_SKEW_SECONDS,
            "k": tideline_wire::hex::encode(self.early.key()), "v": self.early.verifies(),
            "i": self.key, "a": self.appointment_id, "p": self.actor, "s": self.status.code(),
            "t": now.timestamp_millis(),
        })
    }
}

/// One row of the function: outcome, response id, its time, the patient.
type Outcome = (String, Option<i64>, Option<i64>, Option<i64>);

/// What the function made of one confirmation: its answer and audit row, or `None` for the ordinary
/// path.
pub type Settled = Option<(Result<Stored, Problem>, AuditEntry)>;

/// Runs `items` through the function inside the writer's transaction and appends the audit rows of
/// those it settled; `None` at each position it left for the ordinary path (all of them on SQLite,
/// or when the clock check needs the ordinary path's refusal).
pub fn run(conn: &Connection, items: &[Confirmation]) -> Result<Vec<Settled>, db::Error> {
    let Some(first) = items.first() else {
        return Ok(Vec::new());
    };
    if conn.engine() == Engine::Sqlite {
        return Ok(vec![None; items.len()]);
    }
    let now = first.clock.now();
    // Outside the allowed clock skew: the ordinary path refuses it (and audits it) as expired.
    let in_window = |item: &Confirmation| {
        (now.timestamp() - item.timestamp).abs() <= signing::MAX_CLOCK_SKEW_SECONDS
    };
    let sent: Vec<serde_json::Value> = items
        .iter()
        .filter(|item| in_window(item))
        .map(|item| item.as_json(now))
        .collect();
    if sent.is_empty() {
        return Ok(vec![None; items.len()]);
    }
    // The audit chain's head is read in the same statement (the writer lock is held, so it cannot
    // move before this transaction appends): one round trip less a batch.
    conn.lock_audit_head()?;
    let rows: Vec<(Outcome, Option<i64>, Option<Vec<u8>>)> = conn
        .prepare_cached(&format!(
            "SELECT f.*, h.seq, h.hash FROM {FUNCTION}(?1::text::jsonb) f
             LEFT JOIN ({}) h ON true",
            audit::HEAD_QUERY
        ))?
        .query_map([serde_json::Value::Array(sent).to_string()], |row| {
            Ok((
                (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?),
                row.get(4)?,
                row.get(5)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let head = rows
        .first()
        .map(|(_, seq, hash)| audit::head_from(*seq, hash.clone()))
        .ok_or(db::Error::InvalidQuery)?;
    let outcomes: Vec<Outcome> = rows.into_iter().map(|(outcome, _, _)| outcome).collect();
    let mut outcomes = outcomes.into_iter();
    let mut settled = Vec::with_capacity(items.len());
    for item in items {
        if !in_window(item) {
            settled.push(None);
            continue;
        }
        let (outcome, id, at_ms, patient) = outcomes.next().ok_or(db::Error::InvalidQuery)?;
        settled.push(settle(item, &outcome, id.zip(at_ms), patient));
    }
    let entries: Vec<AuditEntry> = settled
        .iter()
        .flatten()
        .map(|(_, entry)| entry.clone())
        .collect();
    audit::append_many_after(conn, head, now, &entries)?;
    Ok(settled)
}

/// The answer and audit row for one outcome of the function, or `None` for the ordinary path.
fn settle(
    item: &Confirmation,
    outcome: &str,
    stored: Option<(i64, i64)>,
    patient: Option<i64>,
) -> Settled {
    let entry = |actor: String, target: String, problem: Option<&Problem>| AuditEntry {
        actor,
        action: ACTION.to_owned(),
        target,
        outcome: problem.map_or("allowed", Problem::audit_word).to_owned(),
        address: item.address.clone(),
    };
    let device = format!("device:{}", item.device_id);
    let refused = |problem: Problem, actor: String| {
        let row = entry(actor, TARGET.to_owned(), Some(&problem));
        Some((Err(problem), row))
    };
    let unverified = format!("unverified:device:{}", item.device_id);
    match outcome {
        "unknown-device" => refused(Problem::BadCredentials("unknown device"), unverified),
        "revoked" => refused(Problem::BadCredentials("device revoked"), unverified),
        "bad-signature" => refused(
            Problem::BadCredentials("signature does not verify"),
            unverified,
        ),
        "replayed" => refused(Problem::Replayed, unverified),
        "not-own-patient" => refused(Problem::Forbidden(response::NOT_OWN_PATIENT), device),
        "conflict" => refused(Problem::Conflict(response::KEY_REUSED), device),
        "not-found" => refused(Problem::NotFound, device),
        "not-own-record" => refused(
            Problem::Forbidden(crate::access::NOT_OWN_PATIENT_RECORD),
            device,
        ),
        "stored" | "replay" => {
            let Some(((id, at_ms), patient_id)) = stored.zip(patient) else {
                // The function always returns these with its answer; never run the work twice.
                return refused(Problem::Internal, device);
            };
            let resource = response::render(
                id,
                &item.key,
                item.appointment_id,
                patient_id,
                item.status,
                at_ms,
            );
            let target = format!(
                "AppointmentResponse/{id} {}",
                resource.appointment.reference
            );
            let row = entry(device, target, None);
            let replay = outcome == "replay";
            Some((Ok(Stored { resource, replay }), row))
        }
        // "recheck" (the device row holds another key than the early check used): the ordinary
        // path decides.
        _ => None,
    }
}

/// The function's name, in the session's temporary schema.
pub const FUNCTION: &str = "pg_temp.tideline_confirm";

/// Creates [`FUNCTION`] in a new PostgreSQL session (outside any transaction). Its steps mirror
/// `access::authenticate` (after the checks that need no data) and `response::create`, in their
/// order, and the tests of the API run through it on PostgreSQL.
pub fn install(conn: &Connection) -> Result<(), db::Error> {
    conn.execute_batch(include_str!("confirm.sql"))
}
