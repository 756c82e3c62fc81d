//! Clinics and their staff accounts: creation, password sign-in, bearer tokens, and the Practitioner
//! view of a staff member.

use crate::db::{params, Connection, OptionalExtension};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use ring::digest::{digest, SHA256};
use ring::rand::{SecureRandom, SystemRandom};
use tideline_wire::{hex, HumanName, Meta, Practitioner, PractitionerType};

use crate::access::Caller;
use crate::problem::Problem;

/// How long a staff bearer token lives.
pub const TOKEN_LIFETIME: Duration = Duration::hours(8);

/// Shortest password accepted for a staff account.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Longest password accepted (bytes): Argon2 pre-hashes its input, but nobody needs more, and a bound
/// keeps a sign-in body from being an unbounded amount of work.
pub const MAX_PASSWORD_BYTES: usize = 1024;

static ARGON2_RUNS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many Argon2 computations (hash or verify) this process has run. The tests use it to show that
/// no unauthenticated request reaches Argon2; it is also a cheap operational figure.
pub fn argon2_runs() -> u64 {
    ARGON2_RUNS.load(std::sync::atomic::Ordering::Relaxed)
}

fn count_argon2_run() {
    ARGON2_RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}

/// Hashes a password with Argon2id (the crate's defaults: m=19 MiB, t=2, p=1). Slow on purpose: call
/// it off the async runtime and off the store thread.
pub fn hash_password(password: &str) -> Result<String, Problem> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(Problem::Invalid(
            "password must be at least 12 characters".into(),
        ));
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(Problem::Invalid(
            "password must be at most 1024 bytes".into(),
        ));
    }
    count_argon2_run();
    let mut salt = [0u8; 16];
    SystemRandom::new()
        .fill(&mut salt)
        .map_err(|_| Problem::Internal)?;
    let salt = SaltString::encode_b64(&salt).map_err(|_| Problem::Internal)?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|_| Problem::Internal)
}

/// Whether `password` matches a stored hash. A password longer than [`MAX_PASSWORD_BYTES`] never
/// matches and costs no Argon2 work.
pub fn verify_password(stored: &str, password: &str) -> bool {
    if password.len() > MAX_PASSWORD_BYTES {
        return false;
    }
    count_argon2_run();
    PasswordHash::new(stored)
        .map(|hash| {
            Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash that no password matches (made once, at server start), verified when the email is unknown so that a wrong email costs the
/// same Argon2 work (and time) as a wrong password.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy password that is never used").unwrap_or_default())
}

/// The sign-in check shared by the portal and the JSON endpoint: the account's id when `password`
/// matches its hash; for an unknown email (`account` None) the decoy hash is verified instead, so both
/// refusals take one Argon2 verification. Slow: call it off the runtime and the store thread.
pub fn check_sign_in(account: Option<(i64, String)>, password: &str) -> Option<i64> {
    match account {
        Some((id, hash)) => verify_password(&hash, password).then_some(id),
        None => {
            let _ = verify_password(decoy_hash(), password);
            None
        }
    }
}

/// Creates a clinic; only the operator can (there is no one to sign in yet).
pub fn create_clinic(
    conn: &Connection,
    caller: &Caller,
    name: &str,
    now: DateTime<Utc>,
) -> Result<i64, Problem> {
    if *caller != Caller::Operator {
        return Err(Problem::Forbidden("clinics are created by the operator"));
    }
    let name = name.trim();
    if name.is_empty() || name.len() > 200 {
        return Err(Problem::Invalid(
            "clinic name must be 1 to 200 characters".into(),
        ));
    }
    conn.execute(
        "INSERT INTO clinic (name, created_at) VALUES (?1, ?2)",
        params![name, now.timestamp()],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A new staff account (password already hashed).
#[derive(Debug, Clone)]
pub struct NewStaff {
    /// The clinic.
    pub clinic_id: i64,
    /// Sign-in name.
    pub email: String,
    /// Shown to patients as the Practitioner name.
    pub display_name: String,
    /// From [`hash_password`].
    pub password_hash: String,
    /// May create staff and verify the audit trail.
    pub admin: bool,
}

/// Creates a staff account; administrators of the clinic or the operator only.
pub fn create_staff(
    conn: &Connection,
    caller: &Caller,
    staff: &NewStaff,
    now: DateTime<Utc>,
) -> Result<i64, Problem> {
    clinic_exists(conn, staff.clinic_id)?;
    caller.may_administer(staff.clinic_id)?;
    let email = staff.email.trim().to_lowercase();
    if !email.contains('@') || email.len() > 200 {
        return Err(Problem::Invalid("email must look like an address".into()));
    }
    if staff.display_name.trim().is_empty() || staff.display_name.len() > 200 {
        return Err(Problem::Invalid(
            "display name must be 1 to 200 characters".into(),
        ));
    }
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM staff WHERE email = ?1)",
        [&email],
        |row| row.get(0),
    )?;
    if taken {
        return Err(Problem::Conflict("a staff account with this email exists"));
    }
    conn.execute(
        "INSERT INTO staff (clinic_id, email, display_name, password_hash, is_admin, updated_at_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            staff.clinic_id,
            email,
            staff.display_name.trim(),
            staff.password_hash,
            staff.admin,
            now.timestamp_millis()
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Fails with NotFound unless the clinic exists.
pub fn clinic_exists(conn: &Connection, clinic_id: i64) -> Result<(), Problem> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM clinic WHERE id = ?1)",
        [clinic_id],
        |row| row.get(0),
    )?;
    exists.then_some(()).ok_or(Problem::NotFound)
}

/// The account id and password hash for an email, if an active account has it.
pub fn credentials_for(conn: &Connection, email: &str) -> Result<Option<(i64, String)>, Problem> {
    Ok(conn
        .query_row(
            "SELECT id, password_hash FROM staff WHERE email = ?1 AND active = 1",
            [email.trim().to_lowercase()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?)
}

/// Issues a bearer token for a staff member; only its hash is stored.
pub fn issue_token(
    conn: &Connection,
    staff_id: i64,
    now: DateTime<Utc>,
) -> Result<(String, DateTime<Utc>), Problem> {
    let mut raw = [0u8; 32];
    SystemRandom::new()
        .fill(&mut raw)
        .map_err(|_| Problem::Internal)?;
    let token = hex::encode(&raw);
    let expires = now + TOKEN_LIFETIME;
    conn.execute(
        "INSERT INTO staff_token (token_sha256, staff_id, expires_at) VALUES (?1, ?2, ?3)",
        params![
            digest(&SHA256, token.as_bytes()).as_ref(),
            staff_id,
            expires.timestamp()
        ],
    )?;
    Ok((token, expires))
}

pub use crate::access::resolve_token;

/// The clinic's display name.
pub fn clinic_name(conn: &Connection, clinic_id: i64) -> Result<String, Problem> {
    Ok(conn.query_row(
        "SELECT name FROM clinic WHERE id = ?1",
        [clinic_id],
        |row| row.get(0),
    )?)
}

/// A staff member as a FHIR Practitioner; visible to anyone of the same clinic (a patient's device may
/// see who runs its groups).
pub fn read_practitioner(
    conn: &Connection,
    caller: &Caller,
    staff_id: i64,
) -> Result<Practitioner, Problem> {
    let row: Option<(i64, String, bool, i64)> = conn
        .query_row(
            "SELECT clinic_id, display_name, active, updated_at_ms FROM staff WHERE id = ?1",
            [staff_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .optional()?;
    let (clinic_id, display_name, active, updated_at_ms) = row.ok_or(Problem::NotFound)?;
    caller.may_see_clinic(clinic_id)?;
    Ok(Practitioner {
        resource_type: PractitionerType,
        id: staff_id.to_string(),
        meta: Meta {
            version_id: None,
            last_updated: DateTime::from_timestamp_millis(updated_at_ms),
        },
        active,
        name: vec![HumanName {
            text: Some(display_name),
            ..HumanName::default()
        }],
    })
}

/// The clinic's active staff (id, name, administrator), by name; staff of that clinic.
pub fn list(
    conn: &Connection,
    caller: &Caller,
    clinic_id: i64,
) -> Result<Vec<(i64, String, bool)>, Problem> {
    caller.may_manage(clinic_id)?;
    let rows = conn
        .prepare_cached(
            "SELECT id, display_name, is_admin FROM staff WHERE clinic_id = ?1 AND active = 1
             ORDER BY display_name, id",
        )?
        .query_map([clinic_id], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
