//! Who is calling, and what they may touch.
//!
//! A request carries either a staff bearer token or a device proof (a signed request, see
//! [`tideline_wire::signing`]). [`authenticate`] turns either into a [`Caller`]; the `may_*` checks are
//! the whole authorization model: a device sees only its own patient, staff only their own clinic, and
//! the local operator (the CLI, who holds the data directory) everything.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::db::{params, Connection, OptionalExtension};
use chrono::{DateTime, Utc};
use ring::digest::{digest, SHA256};
use ring::signature::{UnparsedPublicKey, ED25519};
use tideline_wire::{hex, signing};

use crate::problem::Problem;

/// Why a device is refused another patient's record.
pub const NOT_OWN_PATIENT_RECORD: &str = "record belongs to another patient";

/// An authenticated caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    /// An enrolled, unrevoked device acting for one patient.
    Device {
        /// The device.
        device_id: i64,
        /// Its patient.
        patient_id: i64,
        /// The patient's clinic.
        clinic_id: i64,
    },
    /// A signed-in staff member.
    Staff {
        /// The account.
        staff_id: i64,
        /// Their clinic.
        clinic_id: i64,
        /// May create staff accounts and verify the audit trail.
        admin: bool,
    },
    /// The local operator running CLI commands against the data directory.
    Operator,
}

impl Caller {
    /// The audit actor.
    pub fn actor(&self) -> String {
        match self {
            Caller::Device { device_id, .. } => format!("device:{device_id}"),
            Caller::Staff { staff_id, .. } => format!("staff:{staff_id}"),
            Caller::Operator => "operator".into(),
        }
    }

    /// Staff of `clinic_id` (or the operator) may run staff operations there; devices never.
    pub fn may_manage(&self, clinic_id: i64) -> Result<(), Problem> {
        match self {
            Caller::Operator => Ok(()),
            Caller::Staff { clinic_id: own, .. } if *own == clinic_id => Ok(()),
            Caller::Staff { .. } => Err(Problem::Forbidden("record belongs to another clinic")),
            Caller::Device { .. } => Err(Problem::Forbidden("devices cannot run staff operations")),
        }
    }

    /// Administrators of `clinic_id` (or the operator) only.
    pub fn may_administer(&self, clinic_id: i64) -> Result<(), Problem> {
        match self {
            Caller::Staff { admin: false, .. } => Err(Problem::Forbidden("administrators only")),
            _ => self.may_manage(clinic_id),
        }
    }

    /// A device only for its own patient; staff for any patient of their clinic.
    pub fn may_see_patient(&self, clinic_id: i64, patient_id: i64) -> Result<(), Problem> {
        match self {
            Caller::Device {
                patient_id: own, ..
            } if *own == patient_id => Ok(()),
            Caller::Device { .. } => Err(Problem::Forbidden(NOT_OWN_PATIENT_RECORD)),
            _ => self.may_manage(clinic_id),
        }
    }

    /// Whether this caller belongs to `clinic_id` at all (devices through their patient).
    pub fn may_see_clinic(&self, clinic_id: i64) -> Result<(), Problem> {
        match self {
            Caller::Device { clinic_id: own, .. } if *own == clinic_id => Ok(()),
            Caller::Device { .. } => Err(Problem::Forbidden("record belongs to another clinic")),
            _ => self.may_manage(clinic_id),
        }
    }
}

/// The signed-request headers of one request plus what the server computed from the request itself.
#[derive(Debug, Clone, Default)]
pub struct DeviceProof {
    /// `Tideline-Device`.
    pub device_id: String,
    /// `Tideline-Timestamp`.
    pub timestamp: String,
    /// `Tideline-Nonce`.
    pub nonce: String,
    /// `Tideline-Signature`.
    pub signature: String,
    /// The request method.
    pub method: String,
    /// The request target as received.
    pub path_and_query: String,
    /// SHA-256 of the body, computed by the server.
    pub body_sha256_hex: String,
}

impl DeviceProof {
    /// Whether the signature verifies under `public_key` (false for a malformed timestamp or
    /// signature, which [`authenticate`] refuses before it gets this far).
    pub fn verifies(&self, public_key: &[u8]) -> bool {
        let (Ok(timestamp), Some(signature)) = (
            self.timestamp.parse::<i64>(),
            hex::decode(&self.signature).filter(|bytes| bytes.len() == 64),
        ) else {
            return false;
        };
        let input = signing::request_signing_input(&signing::SignedRequest {
            device_id: &self.device_id,
            method: &self.method,
            path_and_query: &self.path_and_query,
            timestamp,
            nonce: &self.nonce,
            body_sha256_hex: &self.body_sha256_hex,
        });
        UnparsedPublicKey::new(&ED25519, public_key)
            .verify(&input, &signature)
            .is_ok()
    }
}

/// The devices' public keys as the database last showed them, so that a request's Ed25519 signature
/// can be checked before its store job, on the thread that received it, instead of on the one writer
/// thread. It decides nothing by itself: the job still reads the device row (key and revocation) in
/// its own transaction and uses the early answer only when that row holds the very key it was made
/// with; otherwise it verifies again there.
#[derive(Debug, Default)]
pub struct DeviceKeys(Mutex<HashMap<i64, Arc<[u8]>>>);

/// A signature checked early against a remembered key.
#[derive(Debug, Clone)]
pub struct EarlyCheck {
    key: Arc<[u8]>,
    verifies: bool,
}

impl EarlyCheck {
    /// The key the signature was checked against.
    pub fn key(&self) -> &[u8] {
        &self.key
    }

    /// Whether it verified under that key.
    pub fn verifies(&self) -> bool {
        self.verifies
    }
}

impl DeviceKeys {
    /// Beyond this many devices the memory is cleared (and refilled by the next requests).
    const MAX_DEVICES: usize = 100_000;

    /// Verifies a device request's signature against the key remembered for its device; `None` when
    /// it is not a device request or no key is known yet.
    pub fn check(&self, credentials: &Credentials) -> Option<EarlyCheck> {
        let Credentials::Device(proof) = credentials else {
            return None;
        };
        let device_id = proof.device_id.parse::<i64>().ok()?;
        let key = self.0.lock().ok()?.get(&device_id)?.clone();
        Some(EarlyCheck {
            verifies: proof.verifies(&key),
            key,
        })
    }

    fn remember(&self, device_id: i64, key: &[u8]) {
        let Ok(mut keys) = self.0.lock() else {
            return;
        };
        if keys.get(&device_id).is_some_and(|known| **known == *key) {
            return;
        }
        if keys.len() >= Self::MAX_DEVICES {
            keys.clear();
        }
        keys.insert(device_id, Arc::from(key));
    }
}

/// What a request presented.
#[derive(Debug, Clone)]
pub enum Credentials {
    /// Nothing.
    None,
    /// `Authorization: Bearer …`.
    Bearer(String),
    /// Signed-request headers.
    Device(DeviceProof),
}

/// A refused authentication, with the actor to name in the audit row.
#[derive(Debug, Clone)]
pub struct Refused {
    /// Why.
    pub problem: Problem,
    /// Who the caller claimed to be (`anonymous`, `unverified:device:7`).
    pub claimed: String,
}

/// Checks credentials. For a device this verifies the signature, the clock skew, revocation (read from
/// the database on every request, so a revocation holds from the next request on) and records the
/// nonce, so the same request can never be accepted twice.
pub fn authenticate(
    conn: &Connection,
    credentials: &Credentials,
    now: DateTime<Utc>,
) -> Result<Caller, Refused> {
    authenticate_early(conn, credentials, now, (&DeviceKeys::default(), None))
}

/// [`authenticate`], where `keys` remembers the device's key for [`DeviceKeys::check`] and `early` is
/// that check, used only if it was made with the key the device row holds now.
pub fn authenticate_early(
    conn: &Connection,
    credentials: &Credentials,
    now: DateTime<Utc>,
    (keys, early): (&DeviceKeys, Option<&EarlyCheck>),
) -> Result<Caller, Refused> {
    match credentials {
        Credentials::None => Err(Refused {
            problem: Problem::Unauthenticated(
                "send a staff bearer token or a signed device request",
            ),
            claimed: "anonymous".into(),
        }),
        Credentials::Bearer(token) => resolve_token(conn, token, now)
            .map_err(|problem| Refused {
                problem,
                claimed: "unverified:staff".into(),
            })?
            .ok_or(Refused {
                problem: Problem::BadCredentials("unknown or expired staff token"),
                claimed: "unverified:staff".into(),
            }),
        Credentials::Device(proof) => authenticate_device(conn, proof, now, (keys, early)),
    }
}

fn authenticate_device(
    conn: &Connection,
    proof: &DeviceProof,
    now: DateTime<Utc>,
    (keys, early): (&DeviceKeys, Option<&EarlyCheck>),
) -> Result<Caller, Refused> {
    let Ok(device_id) = proof.device_id.parse::<i64>() else {
        return Err(Refused {
            problem: Problem::BadCredentials("malformed device id"),
            claimed: "unverified:device".into(),
        });
    };
    let claimed = format!("unverified:device:{device_id}");
    let refuse = |problem: Problem| Refused {
        problem,
        claimed: claimed.clone(),
    };
    let timestamp: i64 = proof
        .timestamp
        .parse()
        .map_err(|_| refuse(Problem::BadCredentials("malformed timestamp")))?;
    if (now.timestamp() - timestamp).abs() > signing::MAX_CLOCK_SKEW_SECONDS {
        return Err(refuse(Problem::Expired));
    }
    if !signing::is_valid_nonce(&proof.nonce) {
        return Err(refuse(Problem::BadCredentials("malformed nonce")));
    }
    if hex::decode(&proof.signature).is_none_or(|bytes| bytes.len() != 64) {
        return Err(refuse(Problem::BadCredentials("malformed signature")));
    }
    let device: Option<(Vec<u8>, Option<i64>, i64, i64)> = conn
        .prepare_cached(
            "SELECT d.public_key, d.revoked_at, d.patient_id, p.clinic_id
             FROM device d JOIN patient p ON p.id = d.patient_id WHERE d.id = ?1",
        )
        .and_then(|mut statement| {
            statement
                .query_row([device_id], |row| {
                    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
                })
                .optional()
        })
        .map_err(|error| refuse(Problem::from(error)))?;
    let Some((public_key, revoked_at, patient_id, clinic_id)) = device else {
        return Err(refuse(Problem::BadCredentials("unknown device")));
    };
    if revoked_at.is_some() {
        return Err(refuse(Problem::BadCredentials("device revoked")));
    }
    keys.remember(device_id, &public_key);
    let verifies = match early {
        Some(early) if *early.key == *public_key => early.verifies,
        _ => proof.verifies(&public_key),
    };
    if !verifies {
        return Err(refuse(Problem::BadCredentials("signature does not verify")));
    }
    // Checked after the signature so that nobody but the device can use up its nonces.
    let inserted = conn
        .prepare_cached(
            "INSERT INTO nonce (device_id, nonce, expires_at) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
        )
        .and_then(|mut statement| {
            statement.execute(params![
                device_id,
                proof.nonce,
                timestamp + signing::MAX_CLOCK_SKEW_SECONDS
            ])
        })
        .map_err(|error| refuse(Problem::from(error)))?;
    if inserted == 0 {
        return Err(refuse(Problem::Replayed));
    }
    Ok(Caller::Device {
        device_id,
        patient_id,
        clinic_id,
    })
}

/// Forgets nonces and enrollment failures that can no longer matter.
pub fn prune(conn: &Connection, now: DateTime<Utc>) -> Result<(), crate::db::Error> {
    conn.execute("DELETE FROM nonce WHERE expires_at < ?1", [now.timestamp()])?;
    conn.execute(
        "DELETE FROM enrollment_failure WHERE at < ?1",
        [now.timestamp() - ENROLLMENT_FAILURE_WINDOW_SECONDS],
    )?;
    conn.execute(
        "DELETE FROM staff_token WHERE expires_at < ?1",
        [now.timestamp()],
    )?;
    Ok(())
}

/// Fails unless `caller` may act on this patient's care: an administrator of the patient's clinic, a
/// staff member on the patient's care team, or the operator. (Counselors see their care-team patients.)
pub fn may_care_for(conn: &Connection, caller: &Caller, patient_id: i64) -> Result<(), Problem> {
    let clinic_id = patient_clinic(conn, patient_id)?;
    match caller {
        Caller::Staff {
            staff_id,
            admin: false,
            ..
        } => {
            caller.may_manage(clinic_id)?;
            if on_care_team(conn, patient_id, *staff_id)? {
                Ok(())
            } else {
                Err(Problem::Forbidden("not on the patient's care team"))
            }
        }
        _ => caller.may_manage(clinic_id),
    }
}

/// The clinic a patient belongs to; `NotFound` when there is no such patient.
pub fn patient_clinic(conn: &Connection, patient_id: i64) -> Result<i64, Problem> {
    conn.prepare_cached("SELECT clinic_id FROM patient WHERE id = ?1")?
        .query_row([patient_id], |row| row.get(0))
        .optional()?
        .ok_or(Problem::NotFound)
}

/// Whether an active staff member is on a patient's care team.
pub fn on_care_team(conn: &Connection, patient_id: i64, staff_id: i64) -> Result<bool, Problem> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM care_team_member m JOIN staff s ON s.id = m.staff_id
             WHERE m.patient_id = ?1 AND m.staff_id = ?2 AND s.active = 1)",
        )?
        .query_row(params![patient_id, staff_id], |row| row.get(0))?)
}

/// Fails unless `caller` may see this patient's records.
pub fn may_see_patient_records(
    conn: &Connection,
    caller: &Caller,
    patient_id: i64,
) -> Result<(), Problem> {
    let clinic_id = patient_clinic(conn, patient_id)?;
    caller.may_see_patient(clinic_id, patient_id)
}

/// Who may issue an enrollment code for a patient: the operator, an administrator of the patient's
/// clinic, or a member of the patient's care team. A code makes a device that acts in the patient's
/// name (reads their schedule, signs and revokes their consents), so any other staff member is refused.
pub fn may_issue_code(conn: &Connection, caller: &Caller, patient_id: i64) -> Result<(), Problem> {
    let clinic_id = patient_clinic(conn, patient_id)?;
    caller.may_manage(clinic_id)?;
    match caller {
        Caller::Staff {
            admin: false,
            staff_id,
            ..
        } if !on_care_team(conn, patient_id, *staff_id)? => Err(Problem::Forbidden(
            "enrollment codes are issued by administrators or the patient's care team",
        )),
        _ => Ok(()),
    }
}

/// The staff caller a token stands for, if it is known, unexpired and its account active.
pub fn resolve_token(
    conn: &Connection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Caller>, Problem> {
    Ok(conn
        .prepare_cached(
            "SELECT s.id, s.clinic_id, s.is_admin FROM staff_token t JOIN staff s ON s.id = t.staff_id
             WHERE t.token_sha256 = ?1 AND t.expires_at > ?2 AND s.active = 1",
        )?
        .query_row(params![digest(&SHA256, token.as_bytes()).as_ref(), now.timestamp()], |row| {
            Ok(Caller::Staff { staff_id: row.get(0)?, clinic_id: row.get(1)?, admin: row.get(2)? })
        })
        .optional()?)
}

/// How long a failed enrollment attempt counts against its address (the enrollment throttle's window;
/// `prune` forgets older failures).
pub const ENROLLMENT_FAILURE_WINDOW_SECONDS: i64 = 15 * 60;
