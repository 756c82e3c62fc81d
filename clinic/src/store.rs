//! The server's database: the one place it is opened (either engine), its migrations, and the
//! workers every request goes through.
//!
//! SQLite (the default, `--data DIR`): all work runs on one dedicated thread that owns the connection.
//! It takes whatever jobs are waiting, runs each inside its own savepoint (a failed job leaves nothing
//! behind), commits the whole batch once, and only then answers the callers. With `synchronous=FULL`
//! that is group commit: one fsync for many requests, and no request is answered before its effect is
//! on disk, so a server killed at any moment never loses an answered write.
//!
//! PostgreSQL (`--database postgres://...`): the same writer loop, on one session per server
//! process. Each batch's transaction first takes the clinic's writer lock (a transaction-scoped
//! advisory lock), so that the server processes sharing one database write one batch at a time: the
//! audit chain, change sequences, nonces and idempotency keys see one writer, as on SQLite, and
//! PostgreSQL's commit answers for the whole batch. A lost session is replaced before the next batch;
//! while the database cannot be reached, jobs fail with [`Problem::Unavailable`] (503) and nothing
//! is written. There the batch's attendance confirmations ([`Store::confirm`]) go to the database
//! together, in one statement ([`crate::confirm`]) instead of a dozen round trips each.
//!
//! On either engine a device request's Ed25519 signature is checked before its job, on the thread
//! that received it ([`DeviceKeys`]); the job reads the device row in its transaction as before and
//! verifies again itself only when the row holds another key than the early check used.

use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::thread;

use tokio::sync::oneshot;

use crate::access::DeviceKeys;
use crate::confirm::Confirmation;
use crate::db::{self, Connection};
use crate::problem::Problem;
use crate::response::Stored;

/// The SQLite migrations, in order. Index `i` moves the schema from `user_version = i` to `i + 1`; a
/// migration once released is never edited, only followed by a new one.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_share.sql"),
    include_str!("migrations/0003_portal.sql"),
    include_str!("migrations/0004_program.sql"),
    include_str!("migrations/0005_consent_recipient.sql"),
    include_str!("migrations/0006_audit_key.sql"),
    include_str!("migrations/0007_staff_language.sql"),
];

/// The PostgreSQL migrations, in order; `schema_migration` records which ran. The first one creates
/// the schema SQLite reaches after its first six [`MIGRATIONS`]; each later one matches the next
/// SQLite migration (0002 here is SQLite's 0007).
const POSTGRES_MIGRATIONS: &[&str] = &[
    include_str!("migrations/postgres/0001_initial.sql"),
    include_str!("migrations/postgres/0002_staff_language.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: usize = MIGRATIONS.len();

/// The path of the SQLite database inside a data directory.
pub fn database_path(data_dir: &Path) -> PathBuf {
    data_dir.join("clinic.db")
}

/// Where the clinic's data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Database {
    /// The embedded SQLite file inside a data directory.
    Sqlite(PathBuf),
    /// A PostgreSQL connection string (`postgres://user@host/db` or `host=... user=...`).
    Postgres(String),
}

impl Database {
    /// The database named on the command line: a PostgreSQL URL when given, else the data directory's
    /// SQLite file.
    pub fn choose(url: Option<&str>, data_dir: &Path) -> Database {
        match url {
            Some(url) => Database::Postgres(url.to_owned()),
            None => Database::Sqlite(database_path(data_dir)),
        }
    }
}

/// Makes the data directory private (0700) and the database files 0600 before SQLite opens them: the
/// database is created 0600 here, and SQLite gives its `-wal` and `-shm` files the database's mode;
/// files left by an older release are narrowed too.
fn restrict_files(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        restrict_dir(dir)?;
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

/// Creates `dir` if needed and makes it private (0700).
fn restrict_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(dir)?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
}

/// Opens (creating if needed) the SQLite database at `path`, sets every pragma and migrates it to
/// [`SCHEMA_VERSION`]. The data directory is made 0700 and the database files 0600. The connection
/// carries the audit key ([`crate::audit::load_key`]: the environment, or the key file beside the data
/// directory, made at first start), and an older unkeyed audit chain is put under it.
pub fn open(path: &Path) -> Result<Connection, db::Error> {
    restrict_files(path).map_err(|_| db::Error::InvalidQuery)?;
    let conn = rusqlite::Connection::open(path)?;
    // WAL: readers (a CLI command next to the running server) never block the writer.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // FULL: an answered request must survive a power cut, not only a crash; group commit pays for it.
    conn.pragma_update(None, "synchronous", "FULL")?;
    // The write-ahead log is copied into the database by the server's own checkpointer thread
    // ([`Checkpointer`]), beside the writer; the writer checkpoints itself only if the log grows past
    // 10,000 pages (about 40 MB) anyway. With SQLite's default of 1,000 pages, and about six pages
    // dirtied by each confirmation (its row, the nonce, the appointment and their indexes), the writer
    // checkpointed dozens of times a second under load, copying and syncing the same hot pages again
    // each time while every request waited (clinic/README.md, Load figures).
    conn.pragma_update(None, "wal_autocheckpoint", WRITER_CHECKPOINT_PAGES)?;
    // References between rows (a device to its patient) are enforced by SQLite, not only by code.
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Deleted rows (expired nonces, revoked tokens) are overwritten, not left readable in free pages.
    conn.pragma_update(None, "secure_delete", "ON")?;
    // A CLI command and the server may both write; wait for the other instead of failing at once.
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // Every statement goes through the cache (db::Connection prepares them all cached): room for all.
    conn.set_prepared_statement_cache_capacity(256);
    // Query plans that do not depend on the values bound. Without this SQLite re-plans a statement
    // whose plan could change with a bound value (an `id = ?` that might be 0 or 1, say) on its next
    // step after a new binding, and the statement cache clears the bindings after every use: the
    // idempotency and device lookups of each confirmation were parsed and planned anew every time,
    // 12% of the server's CPU under load. The schema is small and every query is written for its
    // indexes, so the plan made without the values is the plan.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    let mut conn = Connection::sqlite(conn);
    migrate(&mut conn)?;
    let data_dir = path.parent().unwrap_or(Path::new("."));
    attach_key(&mut conn, data_dir)?;
    crate::audit::adopt_key(&mut conn)?;
    Ok(conn)
}

fn attach_key(conn: &mut Connection, data_dir: &Path) -> Result<(), db::Error> {
    let key = crate::audit::load_key(data_dir).map_err(|_| db::Error::InvalidQuery)?;
    crate::audit::attach(conn, &key, &crate::audit::checkpoint_path(data_dir));
    Ok(())
}

/// Opens a connection to `database`, migrating it. For PostgreSQL the audit key and the checkpoint
/// file come from `data_dir` (or the environment), exactly as for SQLite: every server process of one
/// clinic must load the same key.
pub fn connect(database: &Database, data_dir: &Path) -> Result<Connection, db::Error> {
    match database {
        Database::Sqlite(path) => open(path),
        Database::Postgres(url) => {
            // The data directory still holds the audit checkpoint (and usually the key): private.
            restrict_dir(data_dir).map_err(|_| db::Error::InvalidQuery)?;
            let mut conn = connect_postgres(url, data_dir)?;
            migrate(&mut conn)?;
            crate::audit::adopt_key(&mut conn)?;
            Ok(conn)
        }
    }
}

/// A PostgreSQL session carrying the audit key, without migrating.
fn connect_postgres(url: &str, data_dir: &Path) -> Result<Connection, db::Error> {
    let client = db::off_runtime(|| db::tls::connect(url))?;
    let mut conn = Connection::postgres(client);
    attach_key(&mut conn, data_dir)?;
    crate::confirm::install(&conn)?;
    Ok(conn)
}

/// Applies every migration the database has not seen yet, each in its own transaction (SQLite: the
/// newer than `user_version`; PostgreSQL: those missing from `schema_migration`, under an advisory
/// lock so that server processes starting together do not both apply one).
pub fn migrate(conn: &mut Connection) -> Result<(), db::Error> {
    match conn.as_sqlite() {
        Some(sqlite) => {
            let current: i64 = sqlite.pragma_query_value(None, "user_version", |row| row.get(0))?;
            let current = usize::try_from(current).unwrap_or(0);
            for (index, sql) in MIGRATIONS.iter().enumerate().skip(current) {
                conn.execute_batch("BEGIN IMMEDIATE")?;
                let applied = conn.execute_batch(sql).and_then(|()| {
                    conn.execute_batch(&format!("PRAGMA user_version = {}", index + 1))
                });
                finish(conn, applied)?;
            }
            Ok(())
        }
        None => migrate_postgres(conn),
    }
}

fn migrate_postgres(conn: &Connection) -> Result<(), db::Error> {
    conn.execute_batch(
        "SET client_min_messages = warning;
         CREATE TABLE IF NOT EXISTS schema_migration (version BIGINT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    )?;
    for (index, sql) in POSTGRES_MIGRATIONS.iter().enumerate() {
        let version = i64::try_from(index + 1).unwrap_or(i64::MAX);
        conn.execute_batch("BEGIN")?;
        let applied = (|| {
            conn.query_row(
                "SELECT pg_advisory_xact_lock(7361000)::text",
                [],
                |_| Ok(()),
            )?;
            let done: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM schema_migration WHERE version = ?1)",
                [version],
                |row| row.get(0),
            )?;
            if !done {
                conn.execute_batch(sql)?;
                conn.execute(
                    "INSERT INTO schema_migration (version) VALUES (?1)",
                    [version],
                )?;
            }
            Ok(())
        })();
        finish(conn, applied)?;
    }
    Ok(())
}

fn finish(conn: &Connection, result: Result<(), db::Error>) -> Result<(), db::Error> {
    match result {
        Ok(()) => conn.execute_batch("COMMIT"),
        Err(error) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(error)
        }
    }
}

/// Runs `work` inside a savepoint: on `Err` everything it wrote is rolled back, so a refused request
/// stores nothing half-way.
pub fn atomically<T, E: From<db::Error>>(
    conn: &Connection,
    work: impl FnOnce(&Connection) -> Result<T, E>,
) -> Result<T, E> {
    if !conn.in_transaction() && conn.as_sqlite().is_none() {
        // PostgreSQL takes savepoints only inside a transaction (SQLite's outermost one starts it).
        conn.execute_batch("BEGIN")?;
        let result = atomically(conn, work);
        conn.execute_batch(if result.is_ok() { "COMMIT" } else { "ROLLBACK" })?;
        return result;
    }
    conn.execute_batch("SAVEPOINT job")?;
    // A panic in a job (a bug reached by some input) must not take the writer, and with it every
    // later request, down: its work is rolled back like a failed job's and its caller hears 500. The
    // server profile unwinds for this (Cargo.toml); the connection is left as the savepoint found it.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(conn)))
        .unwrap_or_else(|_| {
            tracing::error!("a job panicked; its work is rolled back");
            Err(db::Error::Panicked.into())
        });
    if result.is_ok() {
        match conn.execute_batch("RELEASE job") {
            Ok(()) => return result,
            // A statement failed under a job that still answered Ok (PostgreSQL then refuses the
            // release): undo the job, so the batch's other jobs and its commit are not affected.
            Err(error) => {
                conn.execute_batch("ROLLBACK TO job; RELEASE job")?;
                return Err(error.into());
            }
        }
    }
    conn.execute_batch("ROLLBACK TO job; RELEASE job")?;
    result
}

/// Tells a job's caller how its transaction ended: `Ok` once committed.
type Completion = Box<dyn FnOnce(Result<(), Problem>) + Send>;
type Job = Box<dyn FnOnce(&Connection) -> Completion + Send>;

/// A job's work as [`Store::run`] takes it: `Ok(Err(..))` keeps what it wrote (a refusal's audit
/// row), `Err` rolls it back.
pub type Work<T> = Box<dyn FnOnce(&Connection) -> Result<Result<T, Problem>, Problem> + Send>;

/// A confirmation waiting for the writer: what the grouped path needs, the same work as an
/// ordinary job for when that path leaves it, and where its answer goes.
struct Grouped {
    item: Confirmation,
    ordinary: Work<Stored>,
    reply: oneshot::Sender<Result<Stored, Problem>>,
}

/// What the writer receives.
enum Task {
    Job(Job),
    Confirm(Box<Grouped>),
}

/// How many waiting jobs share one commit at most; bounds the latency a batch adds to its first job.
const MAX_BATCH: usize = 256;

/// The write-ahead log's size (pages) at which the writer checkpoints it itself: only when the
/// [`Checkpointer`] falls behind.
const WRITER_CHECKPOINT_PAGES: i64 = 10_000;

/// How often the [`Checkpointer`] copies what was committed since its last pass.
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

/// SQLite: a thread with its own connection that copies committed pages from the write-ahead log
/// into the database file (a passive checkpoint, synced like every write), a few times a second
/// while there are commits. SQLite lets one checkpoint run beside the writer, so the copying and its
/// two fsyncs no longer stop the requests waiting for the next commit; the log restarts from its
/// beginning at the writer's next transaction once all of it is copied. It stops when the writer
/// does.
struct Checkpointer {
    /// Commits so far, counted by the writer.
    commits: Arc<std::sync::atomic::AtomicU64>,
    /// Dropped by the writer when it ends; the checkpointer then ends too.
    _alive: mpsc::Sender<()>,
}

impl Checkpointer {
    fn start(path: &Path) -> Result<Checkpointer, db::Error> {
        let conn = rusqlite::Connection::open(path)?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let commits = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let (alive, stopped) = mpsc::channel::<()>();
        let seen = commits.clone();
        thread::Builder::new()
            .name("tideline-checkpt".into())
            .spawn(move || {
                let mut copied = 0;
                let mut trouble = Trouble::default();
                while let Err(mpsc::RecvTimeoutError::Timeout) =
                    stopped.recv_timeout(CHECKPOINT_EVERY)
                {
                    let now = seen.load(std::sync::atomic::Ordering::Acquire);
                    if now == copied {
                        continue;
                    }
                    // A failed pass is tried again on the next one; the writer's own checkpoint is
                    // the backstop.
                    let result = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                    if result.is_ok() {
                        copied = now;
                    }
                    match trouble.after(result.map_err(db::Error::from)) {
                        Some(Err(kind)) => tracing::warn!(
                            %kind,
                            "checkpoints are not running; trying again every {CHECKPOINT_EVERY:?}"
                        ),
                        Some(Ok(failed)) => {
                            tracing::info!(failed, "checkpoints are running again")
                        }
                        None => {}
                    }
                }
            })
            .map_err(|_| db::Error::InvalidQuery)?;
        Ok(Checkpointer {
            commits,
            _alive: alive,
        })
    }

    fn committed(&self) {
        self.commits
            .fetch_add(1, std::sync::atomic::Ordering::Release);
    }
}

/// What the [`Checkpointer`] says about its passes: the first that fails and the first that runs
/// after failures, not every one (on a full disk that would be four lines a second beside the
/// writer's own errors).
#[derive(Debug, Default)]
struct Trouble {
    /// Passes failed since the last that ran.
    failed: u64,
}

impl Trouble {
    /// `Some(Err(kind))` when this pass is the first to fail, `Some(Ok(failed))` when it ran after
    /// `failed` passes that did not, `None` otherwise.
    fn after(&mut self, pass: Result<(), db::Error>) -> Option<Result<u64, String>> {
        match pass {
            Ok(()) => {
                let failed = std::mem::take(&mut self.failed);
                (failed > 0).then_some(Ok(failed))
            }
            Err(error) => {
                self.failed += 1;
                (self.failed == 1).then(|| Err(error.kind()))
            }
        }
    }
}

/// A handle to the writer. Cheap to clone; the writer ends when the last handle is dropped.
#[derive(Debug, Clone)]
pub struct Store {
    jobs: mpsc::Sender<Task>,
    keys: Arc<DeviceKeys>,
}

impl Store {
    /// Opens the SQLite database and starts its writer thread.
    pub fn open(path: &Path) -> Result<Store, db::Error> {
        Store::connect(
            &Database::Sqlite(path.to_owned()),
            path.parent().unwrap_or(Path::new(".")),
        )
    }

    /// Opens `database` (migrating it) and starts its writer thread.
    pub fn connect(database: &Database, data_dir: &Path) -> Result<Store, db::Error> {
        let conn = connect(database, data_dir)?;
        let checkpointer = match database {
            Database::Sqlite(path) => Some(Checkpointer::start(path)?),
            Database::Postgres(_) => None,
        };
        let session = match database {
            Database::Sqlite(_) => Session::Sqlite(conn),
            Database::Postgres(url) => Session::Postgres {
                url: url.clone(),
                data_dir: data_dir.to_owned(),
                conn: Some(conn),
            },
        };
        let (jobs, queue) = mpsc::channel::<Task>();
        thread::Builder::new()
            .name("tideline-store".into())
            .spawn(move || write_loop(session, queue, checkpointer))
            .map_err(|_| db::Error::InvalidQuery)?;
        Ok(Store {
            jobs,
            keys: Arc::default(),
        })
    }

    /// The devices' keys as this server last read them (see [`DeviceKeys`]).
    pub fn device_keys(&self) -> Arc<DeviceKeys> {
        self.keys.clone()
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
                let result = committed.and(result);
                // The caller may have gone (client hung up); the work is committed either way.
                let _ = reply.send(result);
            })
        });
        self.jobs
            .send(Task::Job(job))
            .map_err(|_| Problem::Internal)?;
        // A job dropped unrun (no transaction could be started) wrote nothing: try again later.
        answer.await.map_err(|_| Problem::Unavailable)?
    }

    /// Runs a confirmation: on PostgreSQL grouped with the others waiting ([`crate::confirm`]),
    /// else (or when the grouped path leaves it) as `ordinary`, the work [`Store::run`] would do
    /// for it. Answered once the batch is committed, like every job.
    pub async fn confirm(
        &self,
        item: Confirmation,
        ordinary: Work<Stored>,
    ) -> Result<Stored, Problem> {
        let (reply, answer) = oneshot::channel();
        let grouped = Grouped {
            item,
            ordinary,
            reply,
        };
        self.jobs
            .send(Task::Confirm(Box::new(grouped)))
            .map_err(|_| Problem::Internal)?;
        answer.await.map_err(|_| Problem::Unavailable)?
    }
}

/// The writer's connection: SQLite's, or a PostgreSQL session replaced when it is lost.
enum Session {
    Sqlite(Connection),
    Postgres {
        url: String,
        data_dir: PathBuf,
        conn: Option<Connection>,
    },
}

impl Session {
    /// The connection with a write transaction begun, or `None` (logged) when there is none. With
    /// `confirmations` (PostgreSQL), [`CONFIRM_SAVEPOINT`] is taken in the same round trip.
    fn begin(&mut self, confirmations: bool) -> Option<&Connection> {
        match self {
            Session::Sqlite(conn) => match conn.execute_batch("BEGIN IMMEDIATE") {
                Ok(()) => Some(conn),
                Err(error) => {
                    tracing::error!(kind = %error.kind(), "could not start a write transaction");
                    None
                }
            },
            Session::Postgres {
                url,
                data_dir,
                conn,
            } => {
                if conn.as_ref().is_none_or(Connection::is_closed) {
                    *conn = connect_postgres(url, data_dir).ok();
                }
                let then = confirmations.then_some(CONFIRM_SAVEPOINT);
                let began = conn.as_ref().map(|conn| conn.begin_writer(then));
                match began {
                    Some(Ok(())) => conn.as_ref(),
                    Some(Err(error)) => {
                        tracing::warn!(kind = %error.kind(), "could not start a transaction");
                        *conn = None;
                        None
                    }
                    None => {
                        tracing::warn!("the database cannot be reached; requests refused with 503");
                        None
                    }
                }
            }
        }
    }
}

thread_local! {
    static CHECKPOINT_AFTER_COMMIT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Asks the writer thread to checkpoint the write-ahead log into the database and truncate it once the
/// current batch is committed (after a revocation, so the deleted text leaves the WAL too; with
/// `secure_delete` the database pages are already overwritten). Called from inside a store job; on any
/// other thread (and on PostgreSQL, which keeps no such file beside the server) it does nothing.
pub fn checkpoint_after_commit() {
    CHECKPOINT_AFTER_COMMIT.with(|flag| flag.set(true));
}

/// `PRAGMA wal_checkpoint(TRUNCATE)`; true when it completed (no reader held it back). Always true on
/// PostgreSQL.
pub fn checkpoint(conn: &Connection) -> Result<bool, db::Error> {
    match conn.as_sqlite() {
        Some(sqlite) => {
            let busy: i64 =
                sqlite.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.get(0))?;
            Ok(busy == 0)
        }
        None => Ok(true),
    }
}

/// The savepoint before the grouped confirmations (PostgreSQL), taken with `BEGIN` when the batch
/// holds nothing else. It is not released: `COMMIT` releases it, one round trip less.
const CONFIRM_SAVEPOINT: &str = "SAVEPOINT confirm";
/// Back to [`CONFIRM_SAVEPOINT`].
const CONFIRM_ROLLBACK: &str = "ROLLBACK TO SAVEPOINT confirm";

/// Runs the batch's confirmations: those the grouped path settles, then the rest as ordinary jobs.
/// `savepoint` says [`CONFIRM_SAVEPOINT`] was taken already.
fn run_confirmations(conn: &Connection, grouped: Vec<Grouped>, savepoint: bool) -> Vec<Completion> {
    let items: Vec<Confirmation> = grouped.iter().map(|g| g.item.clone()).collect();
    let savepoint = conn.engine() == db::Engine::Postgres
        && (savepoint || conn.execute_batch(CONFIRM_SAVEPOINT).is_ok());
    let settled = if !savepoint {
        vec![None; items.len()]
    } else {
        crate::confirm::run(conn, &items).unwrap_or_else(|error| {
            // Back to before the function's statement: the ordinary path, one at a time.
            tracing::warn!(kind = %error.kind(), "grouped confirmations failed; one at a time");
            if let Err(error) = conn.execute_batch(CONFIRM_ROLLBACK) {
                // The session is gone: the ordinary jobs fail too, and so does the commit.
                tracing::warn!(kind = %error.kind(), "could not roll the grouped confirmations back");
            }
            vec![None; items.len()]
        })
    };
    grouped
        .into_iter()
        .zip(settled)
        .map(|(grouped, settled)| {
            let result = match settled {
                Some((result, _)) => result,
                None => atomically(conn, grouped.ordinary).and_then(|result| result),
            };
            let reply = grouped.reply;
            Box::new(move |committed: Result<(), Problem>| {
                let _ = reply.send(committed.and(result));
            }) as Completion
        })
        .collect()
}

fn write_loop(
    mut session: Session,
    queue: mpsc::Receiver<Task>,
    checkpointer: Option<Checkpointer>,
) {
    while let Ok(first) = queue.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(task) => batch.push(task),
                Err(_) => break,
            }
        }
        let only_confirmations = batch.iter().all(|task| matches!(task, Task::Confirm(_)));
        let Some(conn) = session.begin(only_confirmations) else {
            // Run nothing; every caller hears that nothing was written.
            drop(batch);
            continue;
        };
        let mut completions: Vec<Completion> = Vec::with_capacity(batch.len());
        let mut grouped = Vec::new();
        for task in batch {
            match task {
                Task::Job(job) => completions.push(job(conn)),
                Task::Confirm(confirmation) => grouped.push(*confirmation),
            }
        }
        if !grouped.is_empty() {
            completions.extend(run_confirmations(conn, grouped, only_confirmations));
        }
        let committed = match conn.execute_batch("COMMIT") {
            Ok(()) => {
                if let Some(checkpointer) = &checkpointer {
                    checkpointer.committed();
                }
                Ok(())
            }
            Err(error) => {
                tracing::error!(kind = %error.kind(), "commit failed; batch rolled back");
                let _ = conn.execute_batch("ROLLBACK");
                Err(Problem::from(error))
            }
        };
        if CHECKPOINT_AFTER_COMMIT.with(|flag| flag.replace(false)) {
            // Before answering, so a revocation is answered only once its text is gone from the files.
            if !matches!(checkpoint(conn), Ok(true)) {
                tracing::warn!("the WAL checkpoint after a revocation did not complete");
            }
        }
        for complete in completions {
            complete(committed.clone());
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
            .as_sqlite()
            .unwrap()
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version as usize, SCHEMA_VERSION);
        drop(conn);
        let conn = open(&path).unwrap();
        let mode: String = conn
            .as_sqlite()
            .unwrap()
            .pragma_query_value(None, "journal_mode", |row| row.get(0))
            .unwrap();
        assert_eq!(mode, "wal", "WAL lets the CLI read while the server writes");
    }

    #[test]
    fn a_cached_statement_is_planned_once_whatever_values_are_bound() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(&dir.path().join("data").join("clinic.db")).unwrap();
        let sqlite = conn.as_sqlite().unwrap();
        // The shape of a device request's lookup (`access`): a join from a row chosen by its id.
        let sql =
            "SELECT count(*) FROM device d JOIN patient p ON p.id = d.patient_id WHERE d.id = ?1";
        for id in [1, 2, 0, 40, 1] {
            let mut statement = sqlite.prepare_cached(sql).unwrap();
            let _: i64 = statement.query_row([id], |row| row.get(0)).unwrap();
        }
        let statement = sqlite.prepare_cached(sql).unwrap();
        assert_eq!(
            statement.get_status(rusqlite::StatementStatus::RePrepare),
            0,
            "new values must not make SQLite parse and plan the statement again"
        );
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
    async fn committed_pages_reach_the_database_file_while_the_writer_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data").join("clinic.db");
        let store = Store::open(&path).unwrap();
        let before = std::fs::metadata(&path).unwrap().len();
        // About 70 pages: far under the writer's own checkpoint size, so only the checkpointer
        // can have copied them into the database file.
        store
            .run(|conn| {
                for index in 0..300 {
                    conn.execute(
                        "INSERT INTO clinic (name, created_at) VALUES (?1, 0)",
                        crate::db::params![format!("{index:0>900}")],
                    )?;
                }
                Ok(())
            })
            .await
            .unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while std::fs::metadata(&path).unwrap().len() <= before {
            assert!(
                std::time::Instant::now() < deadline,
                "the committed pages never reached the database file"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        // And the database still answers: the rows are there for another connection.
        let other = open(&path).unwrap();
        let rows: i64 = other
            .query_row("SELECT count(*) FROM clinic", [], |row| row.get(0))
            .unwrap();
        assert_eq!(rows, 300);
    }

    #[test]
    fn the_checkpointer_reports_when_its_passes_stop_and_start_again_not_each_one() {
        let mut trouble = Trouble::default();
        assert_eq!(trouble.after(Ok(())), None, "passes that run say nothing");
        let full = || {
            Err(db::Error::Sqlite(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
                None,
            )))
        };
        assert!(
            matches!(trouble.after(full()), Some(Err(_))),
            "the first failure is told"
        );
        for _ in 0..40 {
            assert_eq!(trouble.after(full()), None, "later failures are not");
        }
        assert_eq!(
            trouble.after(Ok(())),
            Some(Ok(41)),
            "the recovery, with how many failed"
        );
        assert_eq!(trouble.after(Ok(())), None);
        assert!(
            matches!(trouble.after(full()), Some(Err(_))),
            "a new failure is told again"
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
