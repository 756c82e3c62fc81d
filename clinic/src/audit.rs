//! The audit trail: who did what to which record, when and from where, for every access to patient data
//! and every refusal.
//!
//! Rows are append-only (triggers refuse UPDATE and DELETE) and hash-chained: each row's hash covers
//! the previous row's hash and all of its own columns, so editing or deleting a row, even with direct
//! access to the file and the triggers dropped, breaks the chain at that row and [`verify`] says where.
//! Rows name records by id (`Patient/3`), never by content.

use chrono::{DateTime, Utc};
use ring::digest::{Context, SHA256};
use rusqlite::{params, Connection, OptionalExtension};

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
    /// The row's stored hash does not match its content, or its link to the previous row is wrong.
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
    /// The table could not be read.
    #[error("audit table could not be read")]
    Unreadable,
}

const GENESIS: [u8; 32] = [0; 32];

fn row_hash(prev: &[u8], seq: i64, at_ms: i64, entry: &AuditEntry) -> Vec<u8> {
    let mut context = Context::new(&SHA256);
    // Length-prefix every field so that moving bytes between adjacent fields changes the hash.
    let mut field = |bytes: &[u8]| {
        context.update(&(bytes.len() as u64).to_be_bytes());
        context.update(bytes);
    };
    field(prev);
    field(&seq.to_be_bytes());
    field(&at_ms.to_be_bytes());
    field(entry.actor.as_bytes());
    field(entry.action.as_bytes());
    field(entry.target.as_bytes());
    field(entry.outcome.as_bytes());
    field(entry.address.as_bytes());
    context.finish().as_ref().to_vec()
}

/// Appends one row. Call it inside the transaction of the work it records, so the work and its audit
/// row are committed together or not at all.
pub fn append(
    conn: &Connection,
    at: DateTime<Utc>,
    entry: &AuditEntry,
) -> Result<(), rusqlite::Error> {
    // Read the head inside the transaction rather than caching it: a CLI command in another process
    // may have appended since.
    let head: Option<(i64, Vec<u8>)> = conn
        .query_row(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let (seq, prev) = match head {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS.to_vec()),
    };
    let at_ms = at.timestamp_millis();
    let hash = row_hash(&prev, seq, at_ms, entry);
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

/// Walks the whole chain; returns how many rows hold, or the first row that does not.
pub fn verify(conn: &Connection) -> Result<u64, AuditBreak> {
    let mut statement = conn
        .prepare(
            "SELECT seq, at_ms, actor, action, target, outcome, address, prev_hash, hash
             FROM audit ORDER BY seq",
        )
        .map_err(|_| AuditBreak::Unreadable)?;
    let mut rows = statement.query([]).map_err(|_| AuditBreak::Unreadable)?;
    let mut expected_prev = GENESIS.to_vec();
    let mut expected_seq = 1;
    let mut count = 0;
    while let Some(row) = rows.next().map_err(|_| AuditBreak::Unreadable)? {
        let read = |row: &rusqlite::Row<'_>| -> Result<_, rusqlite::Error> {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, i64>(1)?,
                AuditEntry {
                    actor: row.get(2)?,
                    action: row.get(3)?,
                    target: row.get(4)?,
                    outcome: row.get(5)?,
                    address: row.get(6)?,
                },
                row.get::<_, Vec<u8>>(7)?,
                row.get::<_, Vec<u8>>(8)?,
            ))
        };
        let (seq, at_ms, entry, prev, hash) = read(row).map_err(|_| AuditBreak::Unreadable)?;
        if seq != expected_seq {
            return Err(AuditBreak::Missing { seq });
        }
        if prev != expected_prev || row_hash(&prev, seq, at_ms, &entry) != hash {
            return Err(AuditBreak::Tampered { seq });
        }
        expected_prev = hash;
        expected_seq += 1;
        count += 1;
    }
    Ok(count)
}

/// How many rows mention `target` with `outcome` starting with `outcome_prefix`; tests and the CLI use
/// it to show that a refusal was recorded.
pub fn count(
    conn: &Connection,
    target_contains: &str,
    outcome_prefix: &str,
) -> Result<i64, rusqlite::Error> {
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
        let conn = crate::store::open(&dir.path().join("clinic.db")).unwrap();
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
}
