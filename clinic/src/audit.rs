//! The audit trail: who did what to which record, when and from where, for every access to patient data
//! and every refusal.
//!
//! Rows are append-only (triggers refuse UPDATE and DELETE) and chained with a key: each row's `hash`
//! is HMAC-SHA256, under a key kept outside the database, over the previous row's hash and all of its
//! own columns. Editing or deleting a row, even with direct access to the file and the triggers
//! dropped, breaks the chain at that row, and without the key nobody can compute a chain that holds.
//! [`verify_and_checkpoint`] also checks a signed checkpoint (row count and head hash) kept in a file
//! beside the data directory and writes a new one, so dropping the last rows is detected too.
//! Rows name records by id (`Patient/3`), never by content.
//!
//! The key: the environment variable [`KEY_ENV`] (64 hex digits) or else the file [`key_path`] (0600,
//! created at first start). Every connection [`store::open`](crate::store::open) makes carries it in a
//! TEMP table held in memory, never in the database file. A chain written before the key existed
//! (plain SHA-256) is verified once and re-chained under the key the first time a keyed build opens the
//! database; a chain that was already broken is left as it is and keeps failing verification.

use std::path::{Path, PathBuf};

use crate::db::{params, Connection, OptionalExtension};
use chrono::{DateTime, Utc};
use ring::digest::{Context, SHA256};
use ring::hmac;
use ring::rand::{SecureRandom, SystemRandom};
use serde::{Deserialize, Serialize};
use tideline_wire::hex;

/// The environment variable that carries the audit key (64 hex digits) instead of the key file.
pub const KEY_ENV: &str = "TIDELINE_AUDIT_KEY";

/// One thing that happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// `device:7`, `staff:2`, `operator` (the local CLI), `anonymous`.
    pub actor: String,
    /// What was attempted, e.g. `read Appointment`, `enroll`, `sign-in`.
    pub action: String,
    /// Which record(s), by id, e.g. `Patient/3`.
    pub target: String,
    /// `allowed`, or `refused:<reason>`.
    pub outcome: String,
    /// The remote address, or `local` for the CLI.
    pub address: String,
}

/// Where the chain breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditBreak {
    /// The row's stored hash does not match its content under the key, or its link to the previous row
    /// is wrong.
    #[error("audit row {seq} does not match the chain")]
    Tampered {
        /// The first row that fails.
        seq: i64,
    },
    /// Sequence numbers jump, so rows were removed.
    #[error("audit rows missing before row {seq}")]
    Missing {
        /// The first row after the gap.
        seq: i64,
    },
    /// Fewer rows than the last checkpoint counted, or a different row at its head: rows were dropped
    /// or the chain replaced.
    #[error("audit trail was cut back: the checkpoint counted {checkpoint} rows")]
    Truncated {
        /// The rows the checkpoint counted.
        checkpoint: u64,
    },
    /// The checkpoint file is not one this key signed.
    #[error("the audit checkpoint is not signed with this server's key")]
    Checkpoint,
    /// The table, the key or the checkpoint could not be read, or the checkpoint not written.
    #[error("audit table could not be read")]
    Unreadable,
}

impl AuditBreak {
    /// The row to name in an answer (0 when the break is not at one row).
    pub fn row(&self) -> i64 {
        match self {
            AuditBreak::Tampered { seq } | AuditBreak::Missing { seq } => *seq,
            AuditBreak::Truncated { checkpoint } => i64::try_from(*checkpoint).unwrap_or(i64::MAX),
            AuditBreak::Checkpoint | AuditBreak::Unreadable => 0,
        }
    }
}

const GENESIS: [u8; 32] = [0; 32];

/// The audit key (32 random bytes). Never printed.
#[derive(Clone)]
pub struct AuditKey([u8; 32]);

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditKey(..)")
    }
}

impl AuditKey {
    /// Reads 64 hex digits (surrounding whitespace ignored).
    pub fn parse(text: &str) -> Option<AuditKey> {
        let bytes = hex::decode(text.trim())?;
        <[u8; 32]>::try_from(bytes.as_slice()).ok().map(AuditKey)
    }
}

/// Why the key could not be had.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// [`KEY_ENV`] is set but is not 64 hex digits.
    #[error("TIDELINE_AUDIT_KEY must be 64 hex digits")]
    BadEnvironment,
    /// The key file exists but does not hold a key.
    #[error("the audit key file does not hold a key")]
    BadFile,
    /// The key file could not be read or created.
    #[error("the audit key file could not be read or created")]
    Io,
}

fn beside(data_dir: &Path, suffix: &str) -> PathBuf {
    let dir = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_owned());
    let mut name = dir.into_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// The key file for a data directory: beside it (`<data dir>.audit-key`), so a copy of the data
/// directory does not carry it.
pub fn key_path(data_dir: &Path) -> PathBuf {
    beside(data_dir, ".audit-key")
}

/// The signed checkpoint for a data directory (`<data dir>.audit-checkpoint`).
pub fn checkpoint_path(data_dir: &Path) -> PathBuf {
    beside(data_dir, ".audit-checkpoint")
}

/// The key from [`KEY_ENV`] if set, else from [`key_path`], created there (0600) at first start.
pub fn load_key(data_dir: &Path) -> Result<AuditKey, KeyError> {
    if let Ok(text) = std::env::var(KEY_ENV) {
        return AuditKey::parse(&text).ok_or(KeyError::BadEnvironment);
    }
    let path = key_path(data_dir);
    match std::fs::read_to_string(&path) {
        Ok(text) => return AuditKey::parse(&text).ok_or(KeyError::BadFile),
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Err(KeyError::Io),
        Err(_) => {}
    }
    let mut key = [0u8; 32];
    SystemRandom::new()
        .fill(&mut key)
        .map_err(|_| KeyError::Io)?;
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path);
    match created {
        Ok(mut file) => {
            file.write_all(hex::encode(&key).as_bytes())
                .and_then(|()| file.sync_all())
                .map_err(|_| KeyError::Io)?;
            Ok(AuditKey(key))
        }
        // Another process (the CLI next to the server) made it first: use theirs.
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            let text = std::fs::read_to_string(&path).map_err(|_| KeyError::Io)?;
            AuditKey::parse(&text).ok_or(KeyError::BadFile)
        }
        Err(_) => Err(KeyError::Io),
    }
}

/// Gives a connection the key and the checkpoint file, in a TEMP table (kept in memory: the
/// connection's `temp_store` is MEMORY). Called by `store::open`.
pub fn attach(conn: &mut Connection, key: &AuditKey, checkpoint: &Path) {
    conn.set_audit(crate::db::AuditKey {
        key: hmac::Key::new(hmac::HMAC_SHA256, &key.0),
        checkpoint: checkpoint.to_owned(),
    });
}

fn attached(conn: &Connection) -> crate::db::Result<(hmac::Key, PathBuf)> {
    let attached = conn.audit().ok_or(crate::db::Error::InvalidQuery)?;
    Ok((attached.key.clone(), attached.checkpoint.clone()))
}

/// Feeds every field length-prefixed, so that moving bytes between adjacent fields changes the result.
fn framed(mut update: impl FnMut(&[u8]), prev: &[u8], seq: i64, at_ms: i64, entry: &AuditEntry) {
    let mut field = |bytes: &[u8]| {
        update(&(bytes.len() as u64).to_be_bytes());
        update(bytes);
    };
    field(prev);
    field(&seq.to_be_bytes());
    field(&at_ms.to_be_bytes());
    field(entry.actor.as_bytes());
    field(entry.action.as_bytes());
    field(entry.target.as_bytes());
    field(entry.outcome.as_bytes());
    field(entry.address.as_bytes());
}

fn row_mac(key: &hmac::Key, prev: &[u8], seq: i64, at_ms: i64, entry: &AuditEntry) -> Vec<u8> {
    let mut context = hmac::Context::with_key(key);
    framed(|bytes| context.update(bytes), prev, seq, at_ms, entry);
    context.sign().as_ref().to_vec()
}

/// The unkeyed SHA-256 chain of releases before the key; read only to migrate.
fn legacy_row_hash(prev: &[u8], seq: i64, at_ms: i64, entry: &AuditEntry) -> Vec<u8> {
    let mut context = Context::new(&SHA256);
    framed(|bytes| context.update(bytes), prev, seq, at_ms, entry);
    context.finish().as_ref().to_vec()
}

/// Appends one row. Call it inside the transaction of the work it records, so the work and its audit
/// row are committed together or not at all.
pub fn append(
    conn: &Connection,
    at: DateTime<Utc>,
    entry: &AuditEntry,
) -> Result<(), crate::db::Error> {
    let (key, _) = attached(conn)?;
    // One writer at a time extends the chain: on PostgreSQL several server processes append
    // concurrently, so the head is serialized with a transaction-scoped advisory lock (SQLite's
    // writer already holds the only write lock).
    conn.lock_audit_head()?;
    let (last, prev) = head(conn)?;
    let seq = last + 1;
    let at_ms = at.timestamp_millis();
    let hash = row_mac(&key, &prev, seq, at_ms, entry);
    conn.prepare_cached(
        "INSERT INTO audit (seq, at_ms, actor, action, target, outcome, address, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        seq,
        at_ms,
        entry.actor,
        entry.action,
        entry.target,
        entry.outcome,
        entry.address,
        prev,
        hash
    ])?;
    Ok(())
}

/// The chain's last sequence number and hash (0 and the genesis hash when empty). Read inside the
/// writer's transaction rather than cached: a CLI command in another process may have appended since.
fn head(conn: &Connection) -> Result<(i64, Vec<u8>), crate::db::Error> {
    let head: Option<(i64, Vec<u8>)> = conn
        .query_row(HEAD_QUERY, [], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    Ok(head.unwrap_or((0, GENESIS.to_vec())))
}

/// Appends several rows, in order, all at `at`: one read of the head and, on PostgreSQL, one
/// statement for all of them (the group-commit path of the confirmations). The same chain as that
/// many [`append`] calls.
pub fn append_many(
    conn: &Connection,
    at: DateTime<Utc>,
    entries: &[AuditEntry],
) -> Result<(), crate::db::Error> {
    if conn.engine() == crate::db::Engine::Sqlite || entries.len() < 2 {
        return entries.iter().try_for_each(|entry| append(conn, at, entry));
    }
    conn.lock_audit_head()?;
    let head = head(conn)?;
    append_many_after(conn, head, at, entries)
}

/// The head as read by [`HEAD_QUERY`] in a statement of this transaction that ran after the audit
/// head was locked (the grouped confirmations read it with their function, saving a round trip);
/// `None` (an empty chain) is the genesis.
pub fn head_from(seq: Option<i64>, hash: Option<Vec<u8>>) -> (i64, Vec<u8>) {
    seq.zip(hash).unwrap_or((0, GENESIS.to_vec()))
}

/// The chain's head as a subquery (one row, or none for an empty chain): `seq`, `hash`.
pub const HEAD_QUERY: &str = "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1";

/// [`append_many`] on PostgreSQL after `head` was read in this transaction, under the lock of
/// [`Connection::lock_audit_head`].
pub fn append_many_after(
    conn: &Connection,
    (mut seq, mut prev): (i64, Vec<u8>),
    at: DateTime<Utc>,
    entries: &[AuditEntry],
) -> Result<(), crate::db::Error> {
    if entries.is_empty() {
        return Ok(());
    }
    let (key, _) = attached(conn)?;
    let at_ms = at.timestamp_millis();
    let mut rows = Vec::with_capacity(entries.len());
    for entry in entries {
        seq += 1;
        let hash = row_mac(&key, &prev, seq, at_ms, entry);
        rows.push(serde_json::json!({
            "seq": seq, "actor": entry.actor, "action": entry.action, "target": entry.target,
            "outcome": entry.outcome, "address": entry.address,
            "prev": hex::encode(&prev), "hash": hex::encode(&hash),
        }));
        prev = hash;
    }
    conn.execute(
        "INSERT INTO audit (seq, at_ms, actor, action, target, outcome, address, prev_hash, hash)
         SELECT r.seq, ?2, r.actor, r.action, r.target, r.outcome, r.address,
                decode(r.prev, 'hex'), decode(r.hash, 'hex')
         FROM jsonb_to_recordset(?1::text::jsonb)
           AS r(seq BIGINT, actor TEXT, action TEXT, target TEXT, outcome TEXT, address TEXT,
                prev TEXT, hash TEXT)
         ORDER BY r.seq",
        params![serde_json::Value::Array(rows).to_string(), at_ms],
    )?;
    Ok(())
}

type Row = (i64, i64, AuditEntry, Vec<u8>, Vec<u8>);

fn rows(conn: &Connection) -> crate::db::Result<Vec<Row>> {
    conn.prepare(
        "SELECT seq, at_ms, actor, action, target, outcome, address, prev_hash, hash
         FROM audit ORDER BY seq",
    )?
    .query_map([], |row| {
        Ok((
            row.get(0)?,
            row.get(1)?,
            AuditEntry {
                actor: row.get(2)?,
                action: row.get(3)?,
                target: row.get(4)?,
                outcome: row.get(5)?,
                address: row.get(6)?,
            },
            row.get(7)?,
            row.get(8)?,
        ))
    })?
    .collect()
}

/// Walks rows with `hash_of`; how many hold, or the first that does not.
fn walk(
    rows: &[Row],
    hash_of: impl Fn(&[u8], i64, i64, &AuditEntry) -> Vec<u8>,
) -> Result<u64, AuditBreak> {
    let mut expected_prev = GENESIS.to_vec();
    let mut count = 0;
    for (expected_seq, (seq, at_ms, entry, prev, hash)) in (1..).zip(rows) {
        if *seq != expected_seq {
            return Err(AuditBreak::Missing { seq: *seq });
        }
        if *prev != expected_prev || hash_of(prev, *seq, *at_ms, entry) != *hash {
            return Err(AuditBreak::Tampered { seq: *seq });
        }
        expected_prev.clone_from(hash);
        count += 1;
    }
    Ok(count)
}

/// Walks the whole chain under the key; returns how many rows hold, or the first row that does not.
/// Does not see rows dropped from the end: [`verify_and_checkpoint`] does.
pub fn verify(conn: &Connection) -> Result<u64, AuditBreak> {
    let (key, _) = attached(conn).map_err(|_| AuditBreak::Unreadable)?;
    let rows = rows(conn).map_err(|_| AuditBreak::Unreadable)?;
    walk(&rows, |prev, seq, at_ms, entry| {
        row_mac(&key, prev, seq, at_ms, entry)
    })
}

/// A signed checkpoint: how many rows the chain had and the hash of the last, when verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Checkpoint {
    /// Rows in the chain.
    pub count: u64,
    /// The last row's hash (hex; empty for an empty chain).
    pub head: String,
    /// When it was written.
    pub at: DateTime<Utc>,
    /// HMAC-SHA256 under the audit key over the three fields above (hex).
    pub mac: String,
}

fn checkpoint_message(count: u64, head: &str, at: DateTime<Utc>) -> Vec<u8> {
    let mut message = b"tideline audit checkpoint 1\0".to_vec();
    message.extend_from_slice(&count.to_be_bytes());
    message.extend_from_slice(&(head.len() as u64).to_be_bytes());
    message.extend_from_slice(head.as_bytes());
    message.extend_from_slice(&at.timestamp_millis().to_be_bytes());
    message
}

fn checkpoint_mac(key: &hmac::Key, count: u64, head: &str, at: DateTime<Utc>) -> String {
    hex::encode(hmac::sign(key, &checkpoint_message(count, head, at)).as_ref())
}

fn head_at(conn: &Connection, count: u64) -> Result<String, AuditBreak> {
    if count == 0 {
        return Ok(String::new());
    }
    let seq = i64::try_from(count).map_err(|_| AuditBreak::Unreadable)?;
    conn.query_row("SELECT hash FROM audit WHERE seq = ?1", [seq], |row| {
        row.get::<_, Vec<u8>>(0)
    })
    .optional()
    .map_err(|_| AuditBreak::Unreadable)?
    .map(|hash| hex::encode(&hash))
    .ok_or(AuditBreak::Truncated { checkpoint: count })
}

/// What [`verify_and_checkpoint`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verified {
    /// Rows in the chain, all holding.
    pub rows: u64,
    /// Rows the previous checkpoint counted (None at the first verification).
    pub since: Option<u64>,
}

/// Verifies the chain, then the last checkpoint (its signature, and that the chain still has its
/// count of rows with its head at that place), then writes a new checkpoint for the chain as it is.
/// Run it regularly (`verify-audit`): rows dropped from the end after the last checkpoint are the one
/// change it cannot see.
pub fn verify_and_checkpoint(
    conn: &Connection,
    now: DateTime<Utc>,
) -> Result<Verified, AuditBreak> {
    let rows = verify(conn)?;
    let (key, path) = attached(conn).map_err(|_| AuditBreak::Unreadable)?;
    let since = match std::fs::read(&path) {
        Ok(bytes) => {
            let last: Checkpoint =
                serde_json::from_slice(&bytes).map_err(|_| AuditBreak::Checkpoint)?;
            let tag = hex::decode(&last.mac).ok_or(AuditBreak::Checkpoint)?;
            hmac::verify(
                &key,
                &checkpoint_message(last.count, &last.head, last.at),
                &tag,
            )
            .map_err(|_| AuditBreak::Checkpoint)?;
            if last.count > rows || head_at(conn, last.count)? != last.head {
                return Err(AuditBreak::Truncated {
                    checkpoint: last.count,
                });
            }
            Some(last.count)
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(_) => return Err(AuditBreak::Unreadable),
    };
    let head = head_at(conn, rows)?;
    let next = Checkpoint {
        count: rows,
        mac: checkpoint_mac(&key, rows, &head, now),
        head,
        at: now,
    };
    write_private(
        &path,
        &serde_json::to_vec(&next).map_err(|_| AuditBreak::Unreadable)?,
    )
    .map_err(|_| AuditBreak::Unreadable)?;
    Ok(Verified { rows, since })
}

/// Writes a 0600 file in one step (a temporary file renamed over it).
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&temporary)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    std::fs::rename(&temporary, path)
}

/// Puts a chain written before the key existed under the key, once: if the plain SHA-256 chain holds,
/// every row's `prev_hash` and `hash` are recomputed with the key (the update trigger lifted for that
/// transaction only); a broken chain is left as it is, so verification keeps pointing at it. Marks the
/// database as keyed either way. Called by `store::open`.
pub fn adopt_key(conn: &mut Connection) -> crate::db::Result<()> {
    let keyed: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM audit_keyed)", [], |row| {
        row.get(0)
    })?;
    if keyed {
        return Ok(());
    }
    let (key, _) = attached(conn)?;
    conn.execute_batch("BEGIN IMMEDIATE")?;
    match rekey(conn, &key) {
        Ok(()) => conn.execute_batch("COMMIT"),
        Err(error) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(error)
        }
    }
}

fn rekey(tx: &Connection, key: &hmac::Key) -> crate::db::Result<()> {
    let keyed: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM audit_keyed)", [], |row| {
        row.get(0)
    })?;
    if !keyed {
        let old = rows(tx)?;
        if walk(&old, legacy_row_hash).is_ok() {
            tx.execute_batch("DROP TRIGGER audit_no_update")?;
            let mut prev = GENESIS.to_vec();
            for (seq, at_ms, entry, _, _) in &old {
                let hash = row_mac(key, &prev, *seq, *at_ms, entry);
                tx.execute(
                    "UPDATE audit SET prev_hash = ?1, hash = ?2 WHERE seq = ?3",
                    params![prev, hash, seq],
                )?;
                prev = hash;
            }
            tx.execute_batch(
                "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
                 BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;",
            )?;
        }
        tx.execute("INSERT INTO audit_keyed (id) VALUES (1)", [])?;
    }
    Ok(())
}

/// How many rows mention `target` with `outcome` starting with `outcome_prefix`; tests and the CLI use
/// it to show that a refusal was recorded.
pub fn count(
    conn: &Connection,
    target_contains: &str,
    outcome_prefix: &str,
) -> Result<i64, crate::db::Error> {
    conn.query_row(
        "SELECT count(*) FROM audit WHERE instr(target, ?1) > 0 AND substr(outcome, 1, length(?2)) = ?2",
        params![target_contains, outcome_prefix],
        |row| row.get(0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(target: &str) -> AuditEntry {
        AuditEntry {
            actor: "staff:1".into(),
            action: "read Patient".into(),
            target: target.into(),
            outcome: "allowed".into(),
            address: "127.0.0.1".into(),
        }
    }

    fn chain_of_three() -> (tempfile::TempDir, Connection) {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::store::open(&dir.path().join("data").join("clinic.db")).unwrap();
        let at: DateTime<Utc> = "2026-03-01T00:00:00Z".parse().unwrap();
        for target in ["Patient/1", "Patient/2", "Patient/3"] {
            append(&conn, at, &entry(target)).unwrap();
        }
        (dir, conn)
    }

    #[test]
    fn an_intact_chain_verifies() {
        let (_dir, conn) = chain_of_three();
        assert_eq!(verify(&conn), Ok(3));
    }

    #[test]
    fn the_table_refuses_updates_and_deletes() {
        let (_dir, conn) = chain_of_three();
        assert!(conn
            .execute("UPDATE audit SET target = 'Patient/9' WHERE seq = 2", [])
            .is_err());
        assert!(conn.execute("DELETE FROM audit WHERE seq = 2", []).is_err());
    }

    #[test]
    fn an_edited_row_is_found_even_with_the_triggers_dropped() {
        let (_dir, conn) = chain_of_three();
        conn.execute_batch(
            "DROP TRIGGER audit_no_update; UPDATE audit SET target = 'Patient/9' WHERE seq = 2",
        )
        .unwrap();
        assert_eq!(verify(&conn), Err(AuditBreak::Tampered { seq: 2 }));
    }

    #[test]
    fn a_deleted_row_is_found() {
        let (_dir, conn) = chain_of_three();
        conn.execute_batch("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 2")
            .unwrap();
        assert_eq!(verify(&conn), Err(AuditBreak::Missing { seq: 3 }));
    }

    fn at() -> DateTime<Utc> {
        "2026-03-01T12:00:00Z".parse().unwrap()
    }

    /// What someone with write access to the file but not the key can do: rewrite the chain from
    /// `from` on with a hash of their choosing, triggers dropped.
    fn rechain(
        conn: &Connection,
        from: i64,
        hash_of: impl Fn(&[u8], i64, i64, &AuditEntry) -> Vec<u8>,
    ) {
        conn.execute_batch("DROP TRIGGER IF EXISTS audit_no_update")
            .unwrap();
        let mut prev: Vec<u8> = if from == 1 {
            GENESIS.to_vec()
        } else {
            conn.query_row("SELECT hash FROM audit WHERE seq = ?1", [from - 1], |row| {
                row.get(0)
            })
            .unwrap()
        };
        for (seq, at_ms, entry, _, _) in rows(conn).unwrap().into_iter().filter(|row| row.0 >= from)
        {
            let hash = hash_of(&prev, seq, at_ms, &entry);
            conn.execute(
                "UPDATE audit SET prev_hash = ?1, hash = ?2 WHERE seq = ?3",
                params![prev, hash, seq],
            )
            .unwrap();
            prev = hash;
        }
    }

    #[test]
    fn an_edited_chain_recomputed_without_the_key_is_found() {
        let (_dir, conn) = chain_of_three();
        conn.execute_batch(
            "DROP TRIGGER audit_no_update; UPDATE audit SET target = 'Patient/9' WHERE seq = 2",
        )
        .unwrap();
        // As before the key: plain SHA-256 over the same fields.
        rechain(&conn, 2, legacy_row_hash);
        assert_eq!(verify(&conn), Err(AuditBreak::Tampered { seq: 2 }));
        // With a key of the attacker's own.
        let guessed = hmac::Key::new(hmac::HMAC_SHA256, &[7u8; 32]);
        rechain(&conn, 1, |prev, seq, at_ms, entry| {
            row_mac(&guessed, prev, seq, at_ms, entry)
        });
        assert_eq!(verify(&conn), Err(AuditBreak::Tampered { seq: 1 }));
    }

    #[test]
    fn dropping_the_last_rows_is_found_by_the_checkpoint() {
        let (_dir, conn) = chain_of_three();
        assert_eq!(
            verify_and_checkpoint(&conn, at()),
            Ok(Verified {
                rows: 3,
                since: None
            })
        );
        append(&conn, at(), &entry("Patient/4")).unwrap();
        assert_eq!(
            verify_and_checkpoint(&conn, at()),
            Ok(Verified {
                rows: 4,
                since: Some(3)
            })
        );
        conn.execute_batch("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq >= 3")
            .unwrap();
        assert_eq!(verify(&conn), Ok(2), "the chain alone cannot see a cut end");
        assert_eq!(
            verify_and_checkpoint(&conn, at()),
            Err(AuditBreak::Truncated { checkpoint: 4 })
        );
    }

    #[test]
    fn a_replaced_chain_of_the_same_length_or_a_forged_checkpoint_is_found() {
        let (dir, conn) = chain_of_three();
        verify_and_checkpoint(&conn, at()).unwrap();
        let path = checkpoint_path(&dir.path().join("data"));
        let written: Checkpoint = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let forged = Checkpoint {
            count: 1,
            ..written.clone()
        };
        std::fs::write(&path, serde_json::to_vec(&forged).unwrap()).unwrap();
        assert_eq!(
            verify_and_checkpoint(&conn, at()),
            Err(AuditBreak::Checkpoint)
        );
        std::fs::write(&path, serde_json::to_vec(&written).unwrap()).unwrap();
        // Every row replaced by a fresh chain under the right key (as if the key leaked later): the head
        // moved, so the checkpoint still tells.
        conn.execute_batch("DROP TRIGGER audit_no_update; UPDATE audit SET at_ms = at_ms + 1")
            .unwrap();
        let (key, _) = attached(&conn).unwrap();
        rechain(&conn, 1, |prev, seq, at_ms, entry| {
            row_mac(&key, prev, seq, at_ms, entry)
        });
        assert_eq!(verify(&conn), Ok(3));
        assert_eq!(
            verify_and_checkpoint(&conn, at()),
            Err(AuditBreak::Truncated { checkpoint: 3 })
        );
    }

    #[test]
    fn the_key_is_a_private_file_beside_the_data_directory_and_never_in_the_database() {
        use std::os::unix::fs::PermissionsExt;
        let (dir, conn) = chain_of_three();
        let data = dir.path().join("data");
        let path = key_path(&data);
        assert_eq!(
            path,
            std::fs::canonicalize(dir.path())
                .unwrap()
                .join("data.audit-key")
        );
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let key = AuditKey::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
        for name in ["clinic.db", "clinic.db-wal", "clinic.db-shm"] {
            let bytes = std::fs::read(data.join(name)).unwrap_or_default();
            assert!(
                !bytes.windows(32).any(|window| window == key.0),
                "the key is in {name}"
            );
        }
        assert!(AuditKey::parse("abcd").is_none());
        assert!(AuditKey::parse(&"0g".repeat(32)).is_none());
        assert!(AuditKey::parse(&format!(" {} \n", "ab".repeat(32))).is_some());
    }

    #[test]
    fn an_unkeyed_chain_is_put_under_the_key_once_and_a_broken_one_is_not_laundered() {
        for broken in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("data").join("clinic.db");
            let conn = crate::store::open(&path).unwrap();
            for target in ["Patient/1", "Patient/2", "Patient/3"] {
                append(&conn, at(), &entry(target)).unwrap();
            }
            // Back to how an older release left it: a SHA-256 chain and no mark.
            rechain(&conn, 1, legacy_row_hash);
            conn.execute_batch("DELETE FROM audit_keyed").unwrap();
            if broken {
                conn.execute("UPDATE audit SET target = 'Patient/9' WHERE seq = 2", [])
                    .unwrap();
            }
            conn.execute_batch(
                "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
                 BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;",
            )
            .unwrap();
            drop(conn);
            let conn = crate::store::open(&path).unwrap();
            if broken {
                assert!(
                    verify(&conn).is_err(),
                    "a broken chain must not be re-chained"
                );
            } else {
                assert_eq!(verify(&conn), Ok(3));
                assert!(
                    conn.execute("UPDATE audit SET target = 'x' WHERE seq = 1", [])
                        .is_err(),
                    "the update trigger is back"
                );
            }
            append(&conn, at(), &entry("Patient/4")).unwrap();
            assert_eq!(verify(&conn).is_ok(), !broken);
        }
    }
}
