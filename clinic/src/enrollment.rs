//! Enrollment: one-time codes staff issue for a patient, the app redeeming one to register its Ed25519
//! key, and device revocation.
//!
//! A code is 8 characters from a 20-letter alphabet (20^8 ≈ 2^34.6), shown as `XXXX-XXXX`, valid 15
//! minutes, single use. The first half finds the code, the second half proves it: a wrong second half
//! counts against that code, which dies after 5 wrong tries. Guessing without a known first half is
//! capped per address (10 failures per 15 minutes), whatever code the guesses aim at.

use crate::db::{params, Connection, OptionalExtension};
use chrono::{DateTime, Duration, Utc};
use ring::digest::{digest, SHA256};
use ring::rand::{SecureRandom, SystemRandom};
use ring::signature::{UnparsedPublicKey, ED25519};
use tideline_wire::{hex, signing, EnrollmentRequest, EnrollmentResponse, KeyRenewal};

use crate::access::Caller;
use crate::problem::Problem;

/// Characters a code is made of: no vowels (no words), none that read alike (0/O, 1/I/L, 5/S, 2/Z,
/// 8/B, 6/G, U/V).
pub const ALPHABET: &[u8; 20] = b"CDFHJKMNPQRTVWXY3479";
/// Characters per code.
pub const CODE_LENGTH: usize = 8;
/// How long a code stays valid.
pub const CODE_LIFETIME: Duration = Duration::minutes(15);
/// Wrong tries a single code survives.
pub const TRIES_PER_CODE: i64 = 5;
/// Failed attempts allowed per address within [`FAILURE_WINDOW_SECONDS`].
pub const FAILURES_PER_ADDRESS: i64 = 10;
/// The window over which failures from one address are counted.
pub const FAILURE_WINDOW_SECONDS: i64 = crate::access::ENROLLMENT_FAILURE_WINDOW_SECONDS;

fn random_code(random: &SystemRandom) -> Result<String, Problem> {
    let mut code = String::with_capacity(CODE_LENGTH);
    while code.len() < CODE_LENGTH {
        let mut byte = [0u8; 1];
        random.fill(&mut byte).map_err(|_| Problem::Internal)?;
        // 240 is the largest multiple of 20 below 256: rejecting the rest keeps every letter equally likely.
        if byte[0] < 240 {
            code.push(char::from(ALPHABET[usize::from(byte[0] % 20)]));
        }
    }
    Ok(code)
}

/// A code as issued.
#[derive(Debug, Clone)]
pub struct IssuedCode {
    /// `XXXX-XXXX`, to read out or show to the patient. Never logged.
    pub code: String,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// Issues a code for a patient; see [`crate::access::may_issue_code`] for who may. The caller audits the issue.
pub fn issue_code(
    conn: &Connection,
    caller: &Caller,
    patient_id: i64,
    now: DateTime<Utc>,
) -> Result<IssuedCode, Problem> {
    crate::access::may_issue_code(conn, caller, patient_id)?;
    let random = SystemRandom::new();
    for _ in 0..20 {
        let code = random_code(&random)?;
        let index = &code[..CODE_LENGTH / 2];
        // The first half must point at one live code only.
        let clash: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM enrollment_code WHERE code_index = ?1 AND used_at IS NULL
               AND expires_at > ?2 AND failed_tries < ?3)",
            params![index, now.timestamp(), TRIES_PER_CODE],
            |row| row.get(0),
        )?;
        if clash {
            continue;
        }
        let expires_at = now + CODE_LIFETIME;
        conn.execute(
            "INSERT INTO enrollment_code (patient_id, code_index, code_sha256, expires_at) VALUES (?1, ?2, ?3, ?4)",
            params![patient_id, index, digest(&SHA256, code.as_bytes()).as_ref(), expires_at.timestamp()],
        )?;
        return Ok(IssuedCode {
            code: format!("{}-{}", index, &code[CODE_LENGTH / 2..]),
            expires_at,
        });
    }
    Err(Problem::Internal)
}

/// The result of an enrollment attempt: the outer `Result` is storage, the inner one the answer. A
/// refused attempt is still `Ok(Err(..))` so that its failure count is committed.
pub type Attempt = Result<(EnrollmentResponse, i64), Problem>;

fn record_failure(conn: &Connection, address: &str, now: DateTime<Utc>) -> Result<(), Problem> {
    conn.execute(
        "INSERT INTO enrollment_failure (address, at) VALUES (?1, ?2)",
        params![address, now.timestamp()],
    )?;
    Ok(())
}

/// Redeems a code and registers the device key. On success returns the answer and the patient id.
pub fn redeem(
    conn: &Connection,
    address: &str,
    request: &EnrollmentRequest,
    now: DateTime<Utc>,
) -> Result<Attempt, Problem> {
    let recent: i64 = conn.query_row(
        "SELECT count(*) FROM enrollment_failure WHERE address = ?1 AND at > ?2",
        params![address, now.timestamp() - FAILURE_WINDOW_SECONDS],
        |row| row.get(0),
    )?;
    if recent >= FAILURES_PER_ADDRESS {
        let oldest: i64 = conn.query_row(
            "SELECT min(at) FROM enrollment_failure WHERE address = ?1 AND at > ?2",
            params![address, now.timestamp() - FAILURE_WINDOW_SECONDS],
            |row| row.get(0),
        )?;
        let wait = (oldest + FAILURE_WINDOW_SECONDS - now.timestamp()).max(1);
        return Ok(Err(Problem::Throttled {
            retry_after_seconds: wait.unsigned_abs(),
        }));
    }
    // The key and its proof first: a bad proof must not use up a try on a real code.
    let public_key = hex::decode(&request.public_key)
        .filter(|key| key.len() == 32)
        .ok_or(Problem::Invalid(
            "publicKey must be 32 bytes of lowercase hex".into(),
        ));
    let proof = hex::decode(&request.proof)
        .filter(|proof| proof.len() == 64)
        .ok_or(Problem::Invalid(
            "proof must be 64 bytes of lowercase hex".into(),
        ));
    let (public_key, proof) = match (public_key, proof) {
        (Ok(key), Ok(proof)) => (key, proof),
        (Err(problem), _) | (_, Err(problem)) => return Ok(Err(problem)),
    };
    let code = signing::normalize_code(&request.code);
    if code.len() != CODE_LENGTH || !code.bytes().all(|b| ALPHABET.contains(&b)) {
        record_failure(conn, address, now)?;
        return Ok(Err(Problem::Invalid(
            "code must be 8 characters from the code alphabet".into(),
        )));
    }
    let signed = signing::enrollment_proof_input(&code, &request.public_key);
    if UnparsedPublicKey::new(&ED25519, &public_key)
        .verify(&signed, &proof)
        .is_err()
    {
        return Ok(Err(Problem::BadCredentials(
            "proof of key possession does not verify",
        )));
    }
    let live: Option<(i64, i64, Vec<u8>)> = conn
        .query_row(
            "SELECT id, patient_id, code_sha256 FROM enrollment_code WHERE code_index = ?1 AND used_at IS NULL
               AND expires_at > ?2 AND failed_tries < ?3",
            params![&code[..CODE_LENGTH / 2], now.timestamp(), TRIES_PER_CODE],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    let refused = Problem::BadCredentials("code is wrong, used or expired");
    let Some((code_id, patient_id, expected)) = live else {
        record_failure(conn, address, now)?;
        return Ok(Err(refused));
    };
    if digest(&SHA256, code.as_bytes()).as_ref() != expected.as_slice() {
        conn.execute(
            "UPDATE enrollment_code SET failed_tries = failed_tries + 1 WHERE id = ?1",
            [code_id],
        )?;
        record_failure(conn, address, now)?;
        return Ok(Err(refused));
    }
    let known: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM device WHERE public_key = ?1)",
        [&public_key],
        |row| row.get(0),
    )?;
    if known {
        return Ok(Err(Problem::Conflict(
            "this device key is already enrolled",
        )));
    }
    conn.execute(
        "UPDATE enrollment_code SET used_at = ?1 WHERE id = ?2",
        params![now.timestamp(), code_id],
    )?;
    conn.execute(
        "INSERT INTO device (patient_id, public_key, enrolled_at) VALUES (?1, ?2, ?3)",
        params![patient_id, public_key, now.timestamp()],
    )?;
    let device_id = conn.last_insert_rowid();
    let clinic_id = crate::patient::clinic_of(conn, patient_id)?;
    Ok(Ok((
        EnrollmentResponse {
            device_id: device_id.to_string(),
            patient: format!("Patient/{patient_id}"),
            clinic_name: crate::staff::clinic_name(conn, clinic_id)?,
            fhir_base: "/fhir".into(),
            server_time: now,
        },
        patient_id,
    )))
}

/// Revokes a device at once: its next request is refused. Staff of the patient's clinic or the operator.
/// Returns the device's patient.
pub fn revoke_device(
    conn: &Connection,
    caller: &Caller,
    device_id: i64,
    now: DateTime<Utc>,
) -> Result<i64, Problem> {
    let patient_id: i64 = conn
        .query_row(
            "SELECT patient_id FROM device WHERE id = ?1",
            [device_id],
            |row| row.get(0),
        )
        .optional()?
        .ok_or(Problem::NotFound)?;
    crate::access::may_see_patient_records(conn, caller, patient_id)?;
    caller.may_manage(crate::patient::clinic_of(conn, patient_id)?)?;
    conn.execute(
        "UPDATE device SET revoked_at = coalesce(revoked_at, ?1) WHERE id = ?2",
        params![now.timestamp(), device_id],
    )?;
    Ok(patient_id)
}

/// One device and its patient, with [`revoke_device`]'s checks and nothing changed (the portal's
/// confirmation before revoking).
pub fn device(
    conn: &Connection,
    caller: &Caller,
    device_id: i64,
) -> Result<(i64, DeviceSummary), Problem> {
    let (patient_id, enrolled, revoked): (i64, i64, Option<i64>) = conn
        .query_row(
            "SELECT patient_id, enrolled_at, revoked_at FROM device WHERE id = ?1",
            [device_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?
        .ok_or(Problem::NotFound)?;
    crate::access::may_see_patient_records(conn, caller, patient_id)?;
    caller.may_manage(crate::patient::clinic_of(conn, patient_id)?)?;
    Ok((
        patient_id,
        DeviceSummary {
            id: device_id,
            enrolled_at: DateTime::from_timestamp(enrolled, 0).unwrap_or_default(),
            revoked_at: revoked.and_then(|at| DateTime::from_timestamp(at, 0)),
        },
    ))
}

/// Replaces the calling device's public key with the one in `renewal` (signed by the current key,
/// which [`crate::access`] checked; the proof is by the new key over the device id). From the commit
/// on, only the new key signs for this device. Asking again for the key already in place answers the
/// same (the app may not have heard the first answer). Returns the device id.
pub fn renew_key(conn: &Connection, caller: &Caller, renewal: &KeyRenewal) -> Result<i64, Problem> {
    let Caller::Device { device_id, .. } = caller else {
        return Err(Problem::Forbidden("only a device can renew its own key"));
    };
    let public_key = hex::decode(&renewal.public_key)
        .filter(|key| key.len() == 32)
        .ok_or(Problem::Invalid(
            "publicKey must be 32 bytes of lowercase hex".into(),
        ))?;
    let proof = hex::decode(&renewal.proof)
        .filter(|proof| proof.len() == 64)
        .ok_or(Problem::Invalid(
            "proof must be 64 bytes of lowercase hex".into(),
        ))?;
    let signed = signing::key_renewal_proof_input(&device_id.to_string(), &renewal.public_key);
    UnparsedPublicKey::new(&ED25519, &public_key)
        .verify(&signed, &proof)
        .map_err(|_| Problem::BadCredentials("proof of key possession does not verify"))?;
    let holder: Option<i64> = conn
        .query_row(
            "SELECT id FROM device WHERE public_key = ?1",
            [&public_key],
            |row| row.get(0),
        )
        .optional()?;
    match holder {
        Some(id) if id == *device_id => return Ok(id),
        Some(_) => return Err(Problem::Conflict("this device key is already enrolled")),
        None => {}
    }
    conn.execute(
        "UPDATE device SET public_key = ?1 WHERE id = ?2 AND revoked_at IS NULL",
        params![public_key, device_id],
    )?;
    Ok(*device_id)
}

/// A device as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceSummary {
    /// Id.
    pub id: i64,
    /// When it enrolled.
    pub enrolled_at: DateTime<Utc>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A patient's devices.
pub fn list_devices(
    conn: &Connection,
    caller: &Caller,
    patient_id: i64,
) -> Result<Vec<DeviceSummary>, Problem> {
    crate::access::may_see_patient_records(conn, caller, patient_id)?;
    caller.may_manage(crate::patient::clinic_of(conn, patient_id)?)?;
    device_rows(conn, patient_id)
}

/// The devices enrolled for the calling device's own patient, as the patient's app reads them to
/// see every device that can act in their name. Only a device of that patient; staff use
/// [`list_devices`].
pub fn own_patient_devices(
    conn: &Connection,
    caller: &Caller,
    patient_id: i64,
) -> Result<Vec<DeviceSummary>, Problem> {
    match caller {
        Caller::Device { .. } => crate::access::may_see_patient_records(conn, caller, patient_id)?,
        _ => {
            return Err(Problem::Forbidden(
                "only the patient's own device lists it here",
            ))
        }
    }
    device_rows(conn, patient_id)
}

fn device_rows(conn: &Connection, patient_id: i64) -> Result<Vec<DeviceSummary>, Problem> {
    let rows = conn
        .prepare(
            "SELECT id, enrolled_at, revoked_at FROM device WHERE patient_id = ?1 ORDER BY id",
        )?
        .query_map([patient_id], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, Option<i64>>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows
        .into_iter()
        .map(|(id, enrolled, revoked)| DeviceSummary {
            id,
            enrolled_at: DateTime::from_timestamp(enrolled, 0).unwrap_or_default(),
            revoked_at: revoked.and_then(|at| DateTime::from_timestamp(at, 0)),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_only_the_alphabet_and_carry_over_34_bits() {
        let random = SystemRandom::new();
        for _ in 0..100 {
            let code = random_code(&random).unwrap();
            assert_eq!(code.len(), CODE_LENGTH);
            assert!(code.bytes().all(|b| ALPHABET.contains(&b)));
        }
        let bits = (CODE_LENGTH as f64) * (ALPHABET.len() as f64).log2();
        assert!(
            bits >= 34.0,
            "the issue asks for at least 34 bits, got {bits}"
        );
        let mut distinct = ALPHABET.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), 20);
    }
}
