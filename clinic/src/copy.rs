//! Moving a clinic from its SQLite file into PostgreSQL (`tideline-clinic copy --from DIR --to URL`):
//! every table row by row in one PostgreSQL transaction, then the audit chain verified on both sides and
//! every table's row count compared before that transaction commits. Any failure rolls it back, so the
//! target keeps its (migrated) schema and no rows.

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::db::{self, Connection, ToValue, Value};
use crate::store::{self, Database};

/// Every table, parents before children (the order PostgreSQL's foreign keys need). `audit_keyed`
/// is not copied: a PostgreSQL database is keyed from its first migration.
pub const TABLES: &[&str] = &[
    "clinic",
    "staff",
    "staff_token",
    "patient",
    "program",
    "program_member",
    "session_series",
    "session",
    "device",
    "appointment",
    "appointment_response",
    "enrollment_code",
    "enrollment_failure",
    "nonce",
    "audit",
    "care_team_member",
    "consent",
    "consent_data",
    "shared_response",
    "share_provenance",
    "portal_session",
    "portal_sign_in_failure",
    "care_level",
    "consent_recipient",
];

/// Tables whose `id` is generated: their sequences continue after the copied ids.
const GENERATED_IDS: &[&str] = &[
    "clinic",
    "staff",
    "patient",
    "program",
    "session_series",
    "session",
    "device",
    "appointment",
    "appointment_response",
    "enrollment_code",
    "consent",
    "shared_response",
    "share_provenance",
    "care_level",
];

/// Why a copy stopped (the target was left without rows).
#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    /// The source or target could not be opened or read.
    #[error("could not read or write a database: {0}")]
    Storage(String),
    /// The target already holds a clinic.
    #[error("the target database is not empty (table {0}); nothing was copied")]
    NotEmpty(&'static str),
    /// The source has a table this build does not know.
    #[error("the source has a table this release does not copy; nothing was copied")]
    UnknownTable,
    /// The audit chain did not verify on one side.
    #[error("the audit trail does not verify on the {0}: {1}; nothing was copied")]
    Audit(&'static str, String),
    /// A table's row count differs after the copy.
    #[error("table {0} has {1} rows in SQLite but {2} in PostgreSQL; nothing was copied")]
    Count(&'static str, i64, i64),
}

impl From<db::Error> for CopyError {
    fn from(error: db::Error) -> Self {
        CopyError::Storage(error.kind())
    }
}

/// What was copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    /// Rows per table, in [`TABLES`] order.
    pub rows: Vec<(&'static str, i64)>,
    /// Audit rows verified on both sides.
    pub audit_rows: u64,
}

impl std::fmt::Display for Copied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total: i64 = self.rows.iter().map(|(_, count)| count).sum();
        write!(
            f,
            "copied {total} rows in {} tables; audit trail intact on both ({} rows); row counts equal",
            self.rows.len(),
            self.audit_rows
        )
    }
}

/// Copies the clinic in data directory `from` into the PostgreSQL database `to`. The audit key is the
/// source's (its key file beside `from`, or `TIDELINE_AUDIT_KEY`): serve the copy with the same key.
pub fn copy(from: &Path, to: &str, _now: DateTime<Utc>) -> Result<Copied, CopyError> {
    let source = store::open(&store::database_path(from))?;
    let tables = source_tables(&source)?;
    if tables.iter().any(|name| !TABLES.contains(&name.as_str())) {
        return Err(CopyError::UnknownTable);
    }
    let source_audit = crate::audit::verify(&source)
        .map_err(|broken| CopyError::Audit("source", broken.to_string()))?;
    let target = store::connect(&Database::Postgres(to.to_owned()), from)?;
    for table in TABLES {
        if count(&target, table)? != 0 {
            return Err(CopyError::NotEmpty(table));
        }
    }
    target.execute_batch("BEGIN")?;
    match copy_rows(&source, &target, source_audit) {
        Ok(copied) => {
            target.execute_batch("COMMIT")?;
            Ok(copied)
        }
        Err(error) => {
            let _ = target.execute_batch("ROLLBACK");
            Err(error)
        }
    }
}

fn source_tables(source: &Connection) -> Result<Vec<String>, CopyError> {
    let names = source
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name != 'audit_keyed'",
        )?
        .query_map([], |row| row.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(names)
}

fn count(conn: &Connection, table: &str) -> Result<i64, CopyError> {
    Ok(
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
            row.get(0)
        })?,
    )
}

fn copy_rows(
    source: &Connection,
    target: &Connection,
    source_audit: u64,
) -> Result<Copied, CopyError> {
    let sqlite = source.as_sqlite().ok_or(CopyError::UnknownTable)?;
    let mut rows = Vec::new();
    for table in TABLES {
        let mut select = sqlite
            .prepare(&format!("SELECT * FROM {table}"))
            .map_err(db::Error::from)?;
        let columns: Vec<String> = select.column_names().map(str::to_owned).collect();
        let placeholders: Vec<String> = (1..=columns.len()).map(|n| format!("?{n}")).collect();
        let insert = format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            columns.join(", "),
            placeholders.join(", ")
        );
        let mut read = select.query([]).map_err(db::Error::from)?;
        while let Some(row) = read.next().map_err(db::Error::from)? {
            let mut values = Vec::with_capacity(columns.len());
            for index in 0..columns.len() {
                values.push(Value::from(row.get_ref(index).map_err(db::Error::from)?));
            }
            let params: Vec<&dyn ToValue> = values.iter().map(|v| v as &dyn ToValue).collect();
            target.execute(&insert, params.as_slice())?;
        }
        if GENERATED_IDS.contains(table) {
            target.query_row(
                &format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, false) FROM {table}"
                ),
                [],
                |_| Ok(()),
            )?;
        }
        let (here, there) = (count(source, table)?, count(target, table)?);
        if here != there {
            return Err(CopyError::Count(table, here, there));
        }
        rows.push((*table, there));
    }
    let target_audit = crate::audit::verify(target)
        .map_err(|broken| CopyError::Audit("target", broken.to_string()))?;
    if target_audit != source_audit {
        return Err(CopyError::Count(
            "audit",
            i64::try_from(source_audit).unwrap_or(i64::MAX),
            i64::try_from(target_audit).unwrap_or(i64::MAX),
        ));
    }
    Ok(Copied {
        rows,
        audit_rows: target_audit,
    })
}
