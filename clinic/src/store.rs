//! The server's SQLite database: the one place it is opened, its migrations, and the writer thread
//! every request goes through.
//!
//! All work runs on one dedicated thread that owns the connection. It takes whatever jobs are waiting,
//! runs each inside its own savepoint (a failed job leaves nothing behind), commits the whole batch
//! once, and only then answers the callers. With `synchronous=FULL` that is group commit: one fsync
//! for many requests, and no request is answered before its effect is on disk, so a server killed at
//! any moment never loses an answered write.

use std::path::Path;
use std::sync::mpsc;
use std::thread;

use rusqlite::Connection;
use tokio::sync::oneshot;

use crate::problem::Problem;

/// The migrations, in order. Index `i` moves the schema from `user_version = i` to `i + 1`; a migration
/// once released is never edited, only followed by a new one.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_share.sql"),
    include_str!("migrations/0003_portal.sql"),
    include_str!("migrations/0004_program.sql"),
    include_str!("migrations/0005_consent_recipient.sql"),
    include_str!("migrations/0006_audit_key.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: usize = MIGRATIONS.len();

/// Makes the data directory private (0700) and the database files 0600 before SQLite opens them: the
/// database is created 0600 here, and SQLite gives its `-wal` and `-shm` files the database's mode;
/// files left by an older release are narrowed too.
fn restrict_files(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)?;
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        match std::fs::set_permissions(&name, std::fs::Permissions::from_mode(0o600)) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Err(error),
            _ => {}
        }
    }
    Ok(())
}

/// Opens (creating if needed) the database at `path`, sets every pragma and migrates it to
/// [`SCHEMA_VERSION`]. The data directory is made 0700 and the database files 0600. The connection
/// carries the audit key ([`crate::audit::load_key`]: the environment, or the key file beside the data
/// directory, made at first start), and an older unkeyed audit chain is put under it.
pub fn open(path: &Path) -> Result<Connection, rusqlite::Error> {
    restrict_files(path).map_err(|_| rusqlite::Error::InvalidPath(path.to_owned()))?;
    let mut conn = Connection::open(path)?;
    // WAL: readers (a CLI command next to the running server) never block the writer.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // FULL: an answered request must survive a power cut, not only a crash; group commit pays for it.
    conn.pragma_update(None, "synchronous", "FULL")?;
    // References between rows (a device to its patient) are enforced by SQLite, not only by code.
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Deleted rows (expired nonces, revoked tokens) are overwritten, not left readable in free pages.
    conn.pragma_update(None, "secure_delete", "ON")?;
    // A CLI command and the server may both write; wait for the other instead of failing at once.
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    migrate(&mut conn)?;
    let data_dir = path.parent().unwrap_or(Path::new("."));
    let key = crate::audit::load_key(data_dir)
        .map_err(|_| rusqlite::Error::InvalidPath(crate::audit::key_path(data_dir)))?;
    crate::audit::attach(&conn, &key, &crate::audit::checkpoint_path(data_dir))?;
    crate::audit::adopt_key(&mut conn)?;
    Ok(conn)
}

/// Applies every migration newer than the database's `user_version`, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<(), rusqlite::Error> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let current = usize::try_from(current).unwrap_or(0);
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(
            None,
            "user_version",
            i64::try_from(index + 1).unwrap_or(i64::MAX),
        )?;
        tx.commit()?;
    }
    Ok(())
}

/// Runs `work` inside a savepoint: on `Err` everything it wrote is rolled back, so a refused request
/// stores nothing half-way.
pub fn atomically<T, E: From<rusqlite::Error>>(
    conn: &Connection,
    work: impl FnOnce(&Connection) -> Result<T, E>,
) -> Result<T, E> {
    conn.execute_batch("SAVEPOINT job")?;
    match work(conn) {
        Ok(value) => {
            conn.execute_batch("RELEASE job")?;
            Ok(value)
        }
        Err(error) => {
            conn.execute_batch("ROLLBACK TO job; RELEASE job")?;
            Err(error)
        }
    }
}

type Completion = Box<dyn FnOnce(bool) + Send>;
type Job = Box<dyn FnOnce(&Connection) -> Completion + Send>;

/// How many waiting jobs share one commit at most; bounds the latency a batch adds to its first job.
const MAX_BATCH: usize = 256;

/// A handle to the writer thread. Cheap to clone; the thread ends when the last handle is dropped.
#[derive(Debug, Clone)]
pub struct Store {
    jobs: mpsc::Sender<Job>,
}

impl Store {
    /// Opens the database and starts its writer thread.
    pub fn open(path: &Path) -> Result<Store, rusqlite::Error> {
        let conn = open(path)?;
        let (jobs, queue) = mpsc::channel::<Job>();
        thread::Builder::new()
            .name("tideline-store".into())
            .spawn(move || write_loop(conn, queue))
            .map_err(|_| rusqlite::Error::InvalidQuery)?;
        Ok(Store { jobs })
    }

    /// Runs `work` on the writer thread inside its own savepoint and returns its result once the batch
    /// it ran in is committed. A job that returns `Err` is rolled back; use `Ok(Err(..))` for a refusal
    /// whose bookkeeping (audit row, failed-try counter) must be kept.
    pub async fn run<T, F>(&self, work: F) -> Result<T, Problem>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, Problem> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let job: Job = Box::new(move |conn| {
            let result = atomically(conn, work);
            Box::new(move |committed| {
                let result = if committed {
                    result
                } else {
                    Err(Problem::Internal)
                };
                // The caller may have gone (client hung up); the work is committed either way.
                let _ = reply.send(result);
            })
        });
        self.jobs.send(job).map_err(|_| Problem::Internal)?;
        answer.await.map_err(|_| Problem::Internal)?
    }
}

thread_local! {
    static CHECKPOINT_AFTER_COMMIT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Asks the writer thread to checkpoint the write-ahead log into the database and truncate it once the
/// current batch is committed (after a revocation, so the deleted text leaves the WAL too; with
/// `secure_delete` the database pages are already overwritten). Called from inside a store job; on any
/// other thread it does nothing.
pub fn checkpoint_after_commit() {
    CHECKPOINT_AFTER_COMMIT.with(|flag| flag.set(true));
}

/// `PRAGMA wal_checkpoint(TRUNCATE)`; true when it completed (no reader held it back).
pub fn checkpoint(conn: &Connection) -> Result<bool, rusqlite::Error> {
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.get(0))?;
    Ok(busy == 0)
}

fn write_loop(conn: Connection, queue: mpsc::Receiver<Job>) {
    while let Ok(first) = queue.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        if let Err(error) = conn.execute_batch("BEGIN IMMEDIATE") {
            tracing::error!(kind = ?error.sqlite_error_code(), "could not start a write transaction");
            for job in batch {
                // Run nothing; tell every caller it failed.
                drop(job);
            }
            continue;
        }
        let completions: Vec<Completion> = batch.into_iter().map(|job| job(&conn)).collect();
        let committed = match conn.execute_batch("COMMIT") {
            Ok(()) => true,
            Err(error) => {
                tracing::error!(kind = ?error.sqlite_error_code(), "commit failed; batch rolled back");
                let _ = conn.execute_batch("ROLLBACK");
                false
            }
        };
        if CHECKPOINT_AFTER_COMMIT.with(|flag| flag.replace(false)) {
            // Before answering, so a revocation is answered only once its text is gone from the files.
            if !matches!(checkpoint(&conn), Ok(true)) {
                tracing::warn!("the WAL checkpoint after a revocation did not complete");
            }
        }
        for complete in completions {
            complete(committed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_database_reaches_the_current_schema_and_reopening_is_a_no_op() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data").join("clinic.db");
        let conn = open(&path).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version as usize, SCHEMA_VERSION);
        drop(conn);
        let conn = open(&path).unwrap();
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |row| row.get(0))
            .unwrap();
        assert_eq!(mode, "wal", "WAL lets the CLI read while the server writes");
    }

    #[test]
    fn a_failed_job_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(&dir.path().join("data").join("clinic.db")).unwrap();
        let result: Result<(), Problem> = atomically(&conn, |conn| {
            conn.execute(
                "INSERT INTO clinic (name, created_at) VALUES ('x', 'now')",
                [],
            )?;
            Err(Problem::Invalid("stop".into()))
        });
        assert!(result.is_err());
        let count: i64 = conn
            .query_row("SELECT count(*) FROM clinic", [], |row| row.get(0))
            .unwrap();
        assert_eq!(
            count, 0,
            "the insert before the failure must be rolled back"
        );
    }

    #[tokio::test]
    async fn jobs_on_the_writer_thread_commit_before_answering() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data").join("clinic.db");
        let store = Store::open(&path).unwrap();
        let id = store
            .run(|conn| {
                conn.execute(
                    "INSERT INTO clinic (name, created_at) VALUES ('x', 'now')",
                    [],
                )?;
                Ok(conn.last_insert_rowid())
            })
            .await
            .unwrap();
        let other = open(&path).unwrap();
        let seen: i64 = other
            .query_row("SELECT id FROM clinic", [], |row| row.get(0))
            .unwrap();
        assert_eq!(
            seen, id,
            "another connection must see the write once it was answered"
        );
    }
}
