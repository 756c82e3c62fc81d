//! Browser sessions for the portal: random session ids stored only as SHA-256, a synchronizer CSRF
//! token per session, the idle and absolute timeouts, and the sign-in lockout.
//!
//! Every function takes `now`; nothing here reads the clock.

use crate::db::{params, Connection, OptionalExtension};
use chrono::{DateTime, Duration, Utc};
use ring::digest::{digest, SHA256};
use ring::rand::{SecureRandom, SystemRandom};
use tideline_wire::hex;

use super::words::Lang;
use crate::access::Caller;
use crate::problem::Problem;

/// HIPAA automatic logoff: a session unused this long is over.
pub const IDLE_TIMEOUT: Duration = Duration::minutes(15);

/// However active, a session ends after a working day and its holder signs in again.
pub const ABSOLUTE_LIFETIME: Duration = Duration::hours(12);

/// Failed sign-ins for one email within [`FAILURE_WINDOW`] after which that email is locked.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;

/// Failed sign-ins from one address within [`FAILURE_WINDOW`] after which that address is locked. Higher
/// than the per-account limit because a clinic's staff usually share one outgoing address.
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;

/// How far back failures count, and so how long a lockout lasts after the last failure.
pub const FAILURE_WINDOW: Duration = Duration::minutes(15);

/// A signed-in staff member, as the portal needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffMember {
    /// The caller, for the access checks and the audit.
    pub caller: Caller,
    /// The account.
    pub staff_id: i64,
    /// Their clinic.
    pub clinic_id: i64,
    /// Shown in the header.
    pub display_name: String,
    /// Their clinic's name.
    pub clinic_name: String,
    /// The language they read the portal in (their account's setting; English until one is stored).
    pub lang: Lang,
}

impl StaffMember {
    /// Whether they administer their clinic.
    pub fn is_admin(&self) -> bool {
        matches!(self.caller, Caller::Staff { admin: true, .. })
    }
}

/// What a session cookie stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Session {
    /// A browser that has opened the sign-in form.
    Visitor {
        /// The token its form must send back.
        csrf_token: String,
    },
    /// A signed-in staff member.
    Staff {
        /// Who.
        member: StaffMember,
        /// The token every form must send back.
        csrf_token: String,
    },
}

impl Session {
    /// The synchronizer token of this session.
    pub fn csrf_token(&self) -> &str {
        match self {
            Session::Visitor { csrf_token } | Session::Staff { csrf_token, .. } => csrf_token,
        }
    }
}

/// Why a cookie did not resolve to a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lapsed {
    /// No cookie, or one the server does not know (signed out, pruned, forged).
    Unknown,
    /// Known, but unused for longer than [`IDLE_TIMEOUT`] or older than [`ABSOLUTE_LIFETIME`]; the
    /// row is deleted on the spot.
    TimedOut,
}

/// A fresh session: the cookie value to send and the CSRF token to put in forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// The cookie value (never stored; only its hash is).
    pub cookie: String,
    /// The session's synchronizer token.
    pub csrf_token: String,
}

fn random_hex(bytes: usize) -> Result<String, Problem> {
    let mut raw = vec![0u8; bytes];
    SystemRandom::new()
        .fill(&mut raw)
        .map_err(|_| Problem::Internal)?;
    Ok(hex::encode(&raw))
}

fn id_hash(cookie: &str) -> Vec<u8> {
    digest(&SHA256, cookie.as_bytes()).as_ref().to_vec()
}

/// Opens a session, for a visitor (`staff_id` None) or a staff member who has just signed in. A
/// sign-in always gets a new id, so an id planted in a browser before sign-in is worth nothing after.
pub fn open(
    conn: &Connection,
    staff_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Opened, Problem> {
    let cookie = random_hex(32)?;
    let csrf_token = random_hex(32)?;
    conn.execute(
        "INSERT INTO portal_session (id_sha256, staff_id, csrf_token, created_at, last_seen_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![id_hash(&cookie), staff_id, csrf_token, now.timestamp()],
    )?;
    Ok(Opened { cookie, csrf_token })
}

/// Ends a session (sign-out, or the visitor session replaced at sign-in). Unknown ids are fine.
pub fn close(conn: &Connection, cookie: &str) -> Result<(), Problem> {
    conn.execute(
        "DELETE FROM portal_session WHERE id_sha256 = ?1",
        [id_hash(cookie)],
    )?;
    Ok(())
}

/// What `cookie` stands for at `now`. With `touch`, a live session's idle clock restarts (a request
/// the staff member made, as opposed to a background check).
pub fn resolve(
    conn: &Connection,
    cookie: Option<&str>,
    now: DateTime<Utc>,
    touch: bool,
) -> Result<Result<Session, Lapsed>, Problem> {
    let Some(cookie) = cookie.filter(|value| !value.is_empty() && value.len() <= 128) else {
        return Ok(Err(Lapsed::Unknown));
    };
    let hash = id_hash(cookie);
    let row: Option<(Option<i64>, String, i64, i64)> = conn
        .query_row(
            "SELECT staff_id, csrf_token, created_at, last_seen_at FROM portal_session
             WHERE id_sha256 = ?1",
            [&hash],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .optional()?;
    let Some((staff_id, csrf_token, created_at, last_seen_at)) = row else {
        return Ok(Err(Lapsed::Unknown));
    };
    let now_s = now.timestamp();
    if now_s - last_seen_at >= IDLE_TIMEOUT.num_seconds()
        || now_s - created_at >= ABSOLUTE_LIFETIME.num_seconds()
    {
        conn.execute("DELETE FROM portal_session WHERE id_sha256 = ?1", [&hash])?;
        return Ok(Err(Lapsed::TimedOut));
    }
    let Some(staff_id) = staff_id else {
        return Ok(Ok(Session::Visitor { csrf_token }));
    };
    let member = conn
        .query_row(
            "SELECT s.clinic_id, s.is_admin, s.display_name, c.name, s.language FROM staff s
             JOIN clinic c ON c.id = s.clinic_id WHERE s.id = ?1 AND s.active = 1",
            [staff_id],
            |row| {
                let clinic_id: i64 = row.get(0)?;
                Ok(StaffMember {
                    caller: Caller::Staff {
                        staff_id,
                        clinic_id,
                        admin: row.get(1)?,
                    },
                    staff_id,
                    clinic_id,
                    display_name: row.get(2)?,
                    clinic_name: row.get(3)?,
                    lang: row
                        .get::<_, Option<String>>(4)?
                        .as_deref()
                        .and_then(Lang::from_tag)
                        .unwrap_or_default(),
                })
            },
        )
        .optional()?;
    let Some(member) = member else {
        // The account was deactivated while signed in.
        conn.execute("DELETE FROM portal_session WHERE id_sha256 = ?1", [&hash])?;
        return Ok(Err(Lapsed::Unknown));
    };
    if touch {
        conn.execute(
            "UPDATE portal_session SET last_seen_at = ?2 WHERE id_sha256 = ?1",
            params![hash, now_s],
        )?;
    }
    Ok(Ok(Session::Staff { member, csrf_token }))
}

/// The staff member's language setting, or None when they have not chosen one.
pub fn language_of(conn: &Connection, staff_id: i64) -> Result<Option<Lang>, Problem> {
    let tag: Option<Option<String>> = conn
        .query_row(
            "SELECT language FROM staff WHERE id = ?1",
            [staff_id],
            |row| row.get(0),
        )
        .optional()?;
    Ok(tag.flatten().as_deref().and_then(Lang::from_tag))
}

/// Stores the staff member's language (the account setting every portal page follows).
pub fn set_language(conn: &Connection, staff_id: i64, lang: Lang) -> Result<(), Problem> {
    conn.execute(
        "UPDATE staff SET language = ?2 WHERE id = ?1",
        params![staff_id, lang.tag()],
    )?;
    Ok(())
}

/// Whether a submitted form token matches the session's, compared in constant time.
pub fn csrf_matches(session: &Session, submitted: &str) -> bool {
    let expected = session.csrf_token().as_bytes();
    let submitted = submitted.as_bytes();
    if expected.len() != submitted.len() || expected.is_empty() {
        return false;
    }
    expected
        .iter()
        .zip(submitted)
        .fold(0u8, |diff, (a, b)| diff | (a ^ b))
        == 0
}

/// The email form used for counting, so `Kim@X` and `kim@x ` count together.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// If sign-in is locked for this email or address, how many seconds remain.
pub fn locked_for(
    conn: &Connection,
    email: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, Problem> {
    let since = now.timestamp() - FAILURE_WINDOW.num_seconds();
    let mut remaining = None;
    for (column, value, limit) in [
        ("email", normalize_email(email), MAX_FAILURES_PER_ACCOUNT),
        ("address", address.to_owned(), MAX_FAILURES_PER_ADDRESS),
    ] {
        // The lock lasts until the oldest failure that keeps the count at the limit leaves the window.
        let sql = format!(
            "SELECT at FROM portal_sign_in_failure WHERE {column} = ?1 AND at > ?2
             ORDER BY at DESC LIMIT 1 OFFSET ?3"
        );
        let at: Option<i64> = conn
            .query_row(&sql, params![value, since, limit - 1], |row| row.get(0))
            .optional()?;
        if let Some(at) = at {
            let left = at + FAILURE_WINDOW.num_seconds() - now.timestamp();
            remaining = Some(remaining.map_or(left, |other: i64| other.max(left)));
        }
    }
    Ok(remaining.filter(|left| *left > 0))
}

/// Counts one failed sign-in.
pub fn record_failure(
    conn: &Connection,
    email: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<(), Problem> {
    conn.execute(
        "INSERT INTO portal_sign_in_failure (email, address, at) VALUES (?1, ?2, ?3)",
        params![normalize_email(email), address, now.timestamp()],
    )?;
    Ok(())
}

/// A successful sign-in forgives the account's earlier failures (not the address's).
pub fn clear_failures(conn: &Connection, email: &str) -> Result<(), Problem> {
    conn.execute(
        "DELETE FROM portal_sign_in_failure WHERE email = ?1",
        [normalize_email(email)],
    )?;
    Ok(())
}

/// Removes sessions that can no longer be used and failures that no longer count.
pub fn prune(conn: &Connection, now: DateTime<Utc>) -> Result<(), Problem> {
    let now_s = now.timestamp();
    conn.execute(
        "DELETE FROM portal_session WHERE last_seen_at <= ?1 OR created_at <= ?2",
        params![
            now_s - IDLE_TIMEOUT.num_seconds(),
            now_s - ABSOLUTE_LIFETIME.num_seconds()
        ],
    )?;
    conn.execute(
        "DELETE FROM portal_sign_in_failure WHERE at <= ?1",
        [now_s - FAILURE_WINDOW.num_seconds()],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn database() -> (tempfile::TempDir, Connection) {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::store::open(&dir.path().join("data").join("clinic.db")).unwrap();
        (dir, conn)
    }

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn only_the_hash_of_the_session_id_is_stored() {
        let (_dir, conn) = database();
        let opened = open(&conn, None, at("2026-03-02T10:00:00Z")).unwrap();
        let stored: Vec<u8> = conn
            .query_row("SELECT id_sha256 FROM portal_session", [], |row| row.get(0))
            .unwrap();
        assert_ne!(
            stored,
            opened.cookie.as_bytes(),
            "the raw id must not be stored"
        );
        assert_eq!(stored, id_hash(&opened.cookie));
    }

    #[test]
    fn a_session_idle_for_fifteen_minutes_is_over_and_deleted() {
        let (_dir, conn) = database();
        let start = at("2026-03-02T10:00:00Z");
        let opened = open(&conn, None, start).unwrap();
        let later = start + IDLE_TIMEOUT - Duration::seconds(1);
        assert!(resolve(&conn, Some(&opened.cookie), later, true)
            .unwrap()
            .is_ok());
        let idle = later + IDLE_TIMEOUT;
        assert_eq!(
            resolve(&conn, Some(&opened.cookie), idle, true).unwrap(),
            Err(Lapsed::TimedOut)
        );
        assert_eq!(
            resolve(&conn, Some(&opened.cookie), idle, true).unwrap(),
            Err(Lapsed::Unknown),
            "a timed-out session is gone, not merely refused once"
        );
    }

    #[test]
    fn the_csrf_check_needs_the_exact_token() {
        let session = Session::Visitor {
            csrf_token: "abcd".into(),
        };
        assert!(csrf_matches(&session, "abcd"));
        assert!(!csrf_matches(&session, "abce"));
        assert!(!csrf_matches(&session, "abc"));
        assert!(!csrf_matches(&session, ""));
    }

    #[test]
    fn five_failures_lock_the_email_for_the_rest_of_the_window() {
        let (_dir, conn) = database();
        let start = at("2026-03-02T10:00:00Z");
        for minute in 0..5 {
            assert_eq!(locked_for(&conn, "kim@x", "10.0.0.1", start).unwrap(), None);
            record_failure(
                &conn,
                "Kim@X ",
                "10.0.0.1",
                start + Duration::minutes(minute),
            )
            .unwrap();
        }
        let now = start + Duration::minutes(5);
        let left = locked_for(&conn, "kim@x", "10.0.0.2", now).unwrap();
        assert_eq!(
            left,
            Some(10 * 60),
            "locked until the oldest of the 5 failures leaves the window"
        );
        assert_eq!(
            locked_for(&conn, "lee@x", "10.0.0.1", now).unwrap(),
            None,
            "another account from the same address is not locked by 5 failures"
        );
        assert_eq!(
            locked_for(&conn, "kim@x", "10.0.0.1", start + Duration::minutes(20)).unwrap(),
            None
        );
    }
}
