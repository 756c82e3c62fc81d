//! The one storage interface every domain module uses: a connection to either engine (the embedded
//! SQLite file, or PostgreSQL), with one small API (`execute`, `query_row`, `prepare_cached` and
//! `query_map`) in the shape rusqlite made familiar, its own values and rows, and one error type.
//!
//! SQL is written once, in the portable subset both engines run (`?N` placeholders, `ON CONFLICT DO
//! NOTHING`, `coalesce`, `EXISTS`); [`dialect`] rewrites the few remaining differences for PostgreSQL
//! (placeholders become `$N`, `instr` becomes `strpos`, untyped parameters under `length` get a cast).
//! No ORM: the statements stay visible where they are used.

use std::cell::RefCell;
use std::collections::HashMap;
use std::marker::PhantomData;

pub mod dialect;
pub mod tls;
mod value;

pub use value::{FromValue, ToValue, Value};

/// A storage failure. Never carries stored values: the engines' messages can quote them.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The SQLite engine failed.
    #[error("sqlite error")]
    Sqlite(#[from] rusqlite::Error),
    /// The PostgreSQL engine failed (or could not be reached).
    #[error("postgres error")]
    Postgres(#[from] postgres::Error),
    /// `query_row` found no row.
    #[error("no rows")]
    QueryReturnedNoRows,
    /// A column held a value of another type than the code reads.
    #[error("column {0} has another type")]
    InvalidColumnType(usize),
    /// A row that the code cannot make sense of (a corrupt code, a missing column).
    #[error("invalid query or row")]
    InvalidQuery,
    /// The database cannot be reached (PostgreSQL down, the pool empty); the request may be retried.
    #[error("database unavailable")]
    Unavailable,
    /// A job's code panicked (a bug, such as date arithmetic that overflowed on an extreme input): its
    /// work was rolled back and the writer goes on with the next job.
    #[error("a job panicked")]
    Panicked,
    /// The connection string's TLS settings cannot be used (an unknown `sslmode`, an unreadable CA
    /// file). The message names the setting or the file, never a password.
    #[error("database TLS settings: {0}")]
    Config(String),
}

impl Error {
    /// True when the failure is the database being unreachable rather than a fault in the request or
    /// the data: the HTTP layer answers 503 for these.
    pub fn is_unavailable(&self) -> bool {
        match self {
            // Settings that cannot be used leave the database out of reach as surely as an outage.
            Error::Unavailable | Error::Config(_) => true,
            Error::Postgres(error) => {
                error.is_closed()
                    || error.code().is_some_and(|code| {
                        let code = code.code();
                        // 08: connection exception; 57P: operator intervention (shutdown); 53: resources.
                        code.starts_with("08") || code.starts_with("57P") || code.starts_with("53")
                    })
                    || (error.code().is_none() && error.as_db_error().is_none())
            }
            Error::Sqlite(_) | Error::QueryReturnedNoRows | Error::InvalidColumnType(_) => false,
            Error::InvalidQuery | Error::Panicked => false,
        }
    }

    /// The engine's error code, for the log (never its message).
    pub fn kind(&self) -> String {
        match self {
            Error::Sqlite(error) => format!("{:?}", error.sqlite_error_code()),
            Error::Postgres(error) => error
                .code()
                .map_or_else(|| "connection".to_owned(), |code| code.code().to_owned()),
            other => format!("{other}"),
        }
    }
}

/// The audit chain's HMAC key and the checkpoint file beside the data directory, carried by every
/// connection the store opens (never written to the database). `audit` decides what they mean.
#[derive(Clone)]
pub struct AuditKey {
    /// HMAC-SHA256 key of the chain.
    pub key: ring::hmac::Key,
    /// The signed checkpoint file.
    pub checkpoint: std::path::PathBuf,
}

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditKey(..)")
    }
}

/// The clinic's writer lock on PostgreSQL: one transaction-scoped advisory lock for every writer.
const WRITER_LOCK: &str = "pg_advisory_xact_lock(7361002)";

/// A result with the storage error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Which engine a connection talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// The embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// One open PostgreSQL session with its prepared statements.
struct Pg {
    /// Always `Some` until dropped (taken out then, see the `Drop` impl).
    client: Option<postgres::Client>,
    in_transaction: bool,
    /// This transaction holds the clinic's writer lock (taken by the store for each batch).
    writer_locked: bool,
    statements: HashMap<String, postgres::Statement>,
}

enum Inner {
    Sqlite(rusqlite::Connection),
    Postgres(Box<RefCell<Pg>>),
}

/// A connection to the clinic's database, either engine. Domain code receives `&Connection` inside a
/// store job and never learns which engine it is.
pub struct Connection {
    inner: Inner,
    audit: Option<AuditKey>,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("engine", &self.engine())
            .finish_non_exhaustive()
    }
}

impl Connection {
    /// Wraps an open SQLite connection.
    pub fn sqlite(conn: rusqlite::Connection) -> Connection {
        Connection {
            inner: Inner::Sqlite(conn),
            audit: None,
        }
    }

    /// Wraps an open PostgreSQL client.
    pub fn postgres(client: postgres::Client) -> Connection {
        Connection {
            inner: Inner::Postgres(Box::new(RefCell::new(Pg {
                client: Some(client),
                in_transaction: false,
                writer_locked: false,
                statements: HashMap::new(),
            }))),
            audit: None,
        }
    }

    /// Which engine this is.
    pub fn engine(&self) -> Engine {
        match self.inner {
            Inner::Sqlite(_) => Engine::Sqlite,
            Inner::Postgres(_) => Engine::Postgres,
        }
    }

    /// The SQLite connection underneath, for the engine's own housekeeping (pragmas, checkpoints).
    pub fn as_sqlite(&self) -> Option<&rusqlite::Connection> {
        match &self.inner {
            Inner::Sqlite(conn) => Some(conn),
            Inner::Postgres(_) => None,
        }
    }

    /// True when a PostgreSQL session was lost (the server went away): the store replaces it.
    pub fn is_closed(&self) -> bool {
        match &self.inner {
            Inner::Sqlite(_) => false,
            Inner::Postgres(pg) => pg
                .try_borrow()
                .map(|pg| pg.client.as_ref().is_none_or(postgres::Client::is_closed))
                .unwrap_or(false),
        }
    }

    /// True inside an explicit transaction.
    pub fn in_transaction(&self) -> bool {
        match &self.inner {
            Inner::Sqlite(conn) => !conn.is_autocommit(),
            Inner::Postgres(pg) => pg.try_borrow().map(|pg| pg.in_transaction).unwrap_or(true),
        }
    }

    /// Gives the connection the audit key and checkpoint file (kept in memory only).
    pub fn set_audit(&mut self, key: AuditKey) {
        self.audit = Some(key);
    }

    /// The audit key and checkpoint file this connection carries.
    pub fn audit(&self) -> Option<&AuditKey> {
        self.audit.as_ref()
    }

    /// Serializes writers of the audit chain's head until this transaction ends: the clinic's writer
    /// lock on PostgreSQL (several processes append; the store's batches hold it already), nothing on
    /// SQLite, whose one writer already holds the database's write lock.
    pub fn lock_audit_head(&self) -> Result<()> {
        match &self.inner {
            Inner::Sqlite(_) => Ok(()),
            // The writer lock already serializes every writer of the database.
            Inner::Postgres(pg) if pg.try_borrow().is_ok_and(|pg| pg.writer_locked) => Ok(()),
            // A connection outside the store (a CLI tool, a test) takes the same lock.
            Inner::Postgres(_) => self.lock_writer(),
        }
    }

    /// Takes the clinic's writer lock for the rest of this transaction (PostgreSQL; SQLite's
    /// `BEGIN IMMEDIATE` already holds its one write lock): one writer per database across processes.
    pub fn lock_writer(&self) -> Result<()> {
        let Inner::Postgres(pg) = &self.inner else {
            return Ok(());
        };
        self.query_row(&format!("SELECT {WRITER_LOCK}::text"), [], |_| Ok(()))?;
        if let Ok(mut pg) = pg.try_borrow_mut() {
            pg.writer_locked = true;
        }
        Ok(())
    }

    /// Begins a write transaction holding the clinic's writer lock, in one round trip on PostgreSQL
    /// (`BEGIN IMMEDIATE` on SQLite): what the store's writer does before each batch. On PostgreSQL
    /// `then` (a `SAVEPOINT`) runs in the same round trip.
    pub fn begin_writer(&self, then: Option<&str>) -> Result<()> {
        match &self.inner {
            Inner::Sqlite(_) => self.execute_batch("BEGIN IMMEDIATE"),
            Inner::Postgres(pg) => {
                let then = then.map(|sql| format!("; {sql}")).unwrap_or_default();
                self.execute_batch(&format!("BEGIN; SELECT {WRITER_LOCK}{then}"))?;
                if let Ok(mut pg) = pg.try_borrow_mut() {
                    pg.writer_locked = true;
                }
                Ok(())
            }
        }
    }

    /// Runs statements without parameters (DDL, transaction control), separated by semicolons.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        /// One transaction-control statement (no rows, nothing after it).
        fn is_transaction_control(sql: &str) -> bool {
            !sql.contains(';')
                && ["BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"]
                    .iter()
                    .any(|word| sql.starts_with(word))
        }
        match &self.inner {
            // The transaction words every job and batch says (`SAVEPOINT job`, `RELEASE job`,
            // `BEGIN IMMEDIATE`, `COMMIT`) are prepared once, not parsed again each time.
            Inner::Sqlite(conn) if is_transaction_control(sql) => {
                conn.prepare_cached(sql)?.execute([])?;
                Ok(())
            }
            Inner::Sqlite(conn) => Ok(conn.execute_batch(sql)?),
            Inner::Postgres(pg) => {
                let sql = dialect::postgres_batch(sql);
                let word = sql.trim_start().to_ascii_uppercase();
                let mut pg = pg.borrow_mut();
                let result = match pg.client.as_mut() {
                    Some(client) => off_runtime(move || client.batch_execute(&sql)),
                    None => return Err(Error::Unavailable),
                };
                if word.starts_with("BEGIN") {
                    pg.in_transaction = result.is_ok();
                    pg.writer_locked = false;
                } else if word.starts_with("COMMIT")
                    || (word.starts_with("ROLLBACK") && !word.starts_with("ROLLBACK TO"))
                {
                    pg.in_transaction = false;
                    pg.writer_locked = false;
                }
                result?;
                Ok(())
            }
        }
    }

    /// Runs one statement; returns how many rows it changed.
    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    /// Runs a query and maps its first row; [`Error::QueryReturnedNoRows`] when there is none.
    pub fn query_row<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        self.prepare_cached(sql)?.query_row(params, map)
    }

    /// A statement to run (prepared and cached by the engine).
    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        Ok(Statement {
            conn: self,
            sql: sql.to_owned(),
        })
    }

    /// The same as [`Connection::prepare_cached`].
    pub fn prepare(&self, sql: &str) -> Result<Statement<'_>> {
        self.prepare_cached(sql)
    }

    /// The id the last `INSERT` into a table with a generated id received on this connection
    /// (SQLite's rowid; PostgreSQL's `lastval()` of the identity column's sequence).
    pub fn last_insert_rowid(&self) -> i64 {
        match &self.inner {
            Inner::Sqlite(conn) => conn.last_insert_rowid(),
            Inner::Postgres(_) => self
                .query_row("SELECT lastval()", [], |row| row.get(0))
                .unwrap_or(-1),
        }
    }

    fn run(&self, sql: &str, params: Vec<Value>) -> Result<(Vec<Vec<Value>>, usize)> {
        match &self.inner {
            Inner::Sqlite(conn) => {
                let mut statement = conn.prepare_cached(sql)?;
                let columns = statement.column_count();
                if columns == 0 {
                    let changed = statement.execute(rusqlite::params_from_iter(params.iter()))?;
                    return Ok((Vec::new(), changed));
                }
                let mut rows = statement.query(rusqlite::params_from_iter(params.iter()))?;
                let mut out = Vec::new();
                while let Some(row) = rows.next()? {
                    let mut values = Vec::with_capacity(columns);
                    for index in 0..columns {
                        values.push(Value::from(row.get_ref(index)?));
                    }
                    out.push(values);
                }
                let changed = out.len();
                Ok((out, changed))
            }
            Inner::Postgres(pg) => {
                let mut pg = pg.borrow_mut();
                let pg = &mut *pg;
                off_runtime(move || pg.run(sql, &params))
            }
        }
    }
}

impl Drop for Pg {
    /// Closing blocks on the client's own runtime, which a Tokio thread may not do: it is done off
    /// the runtime.
    fn drop(&mut self) {
        if let Some(client) = self.client.take() {
            off_runtime(move || drop(client));
        }
    }
}

impl Pg {
    fn client(&mut self) -> Result<&mut postgres::Client> {
        self.client.as_mut().ok_or(Error::Unavailable)
    }

    fn run(&mut self, sql: &str, params: &[Value]) -> Result<(Vec<Vec<Value>>, usize)> {
        let statement = match self.statements.get(sql) {
            Some(statement) => statement.clone(),
            None => {
                let statement = self.client()?.prepare(&dialect::postgres(sql))?;
                self.statements.insert(sql.to_owned(), statement.clone());
                statement
            }
        };
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = params
            .iter()
            .map(|value| value as &(dyn postgres::types::ToSql + Sync))
            .collect();
        if statement.columns().is_empty() {
            let changed = self.client()?.execute(&statement, &refs)?;
            return Ok((Vec::new(), usize::try_from(changed).unwrap_or(usize::MAX)));
        }
        let rows = self.client()?.query(&statement, &refs)?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let mut values = Vec::with_capacity(row.len());
            for index in 0..row.len() {
                values.push(row.try_get::<_, Value>(index)?);
            }
            out.push(values);
        }
        let changed = out.len();
        Ok((out, changed))
    }
}

/// Runs `work` where the synchronous PostgreSQL client may block: on this thread, or, when this
/// thread is inside a Tokio runtime (the server starting, a test's direct connection), on a short
/// scoped thread of its own, since the client cannot block a runtime's thread.
pub fn off_runtime<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    if tokio::runtime::Handle::try_current().is_err() {
        return work();
    }
    std::thread::scope(|scope| match scope.spawn(work).join() {
        Ok(value) => value,
        Err(panic) => std::panic::resume_unwind(panic),
    })
}

/// One statement of a connection.
#[derive(Debug)]
pub struct Statement<'c> {
    conn: &'c Connection,
    sql: String,
}

impl Statement<'_> {
    /// Runs it; returns how many rows it changed (or returned, for a statement with `RETURNING`).
    pub fn execute<P: Params>(&mut self, params: P) -> Result<usize> {
        Ok(self.conn.run(&self.sql, params.values())?.1)
    }

    /// Runs it and maps the first row.
    pub fn query_row<T, P: Params>(
        &mut self,
        params: P,
        map: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        let (rows, _) = self.conn.run(&self.sql, params.values())?;
        match rows.into_iter().next() {
            Some(values) => map(&Row::new(values)),
            None => Err(Error::QueryReturnedNoRows),
        }
    }

    /// Runs it and maps every row.
    pub fn query_map<T, P: Params, F: FnMut(&Row<'_>) -> Result<T>>(
        &mut self,
        params: P,
        mut map: F,
    ) -> Result<std::vec::IntoIter<Result<T>>> {
        let (rows, _) = self.conn.run(&self.sql, params.values())?;
        Ok(rows
            .into_iter()
            .map(|values| map(&Row::new(values)))
            .collect::<Vec<_>>()
            .into_iter())
    }

    /// Runs it; the rows are read with [`Rows::next`].
    pub fn query<P: Params>(&mut self, params: P) -> Result<Rows<'_>> {
        let (rows, _) = self.conn.run(&self.sql, params.values())?;
        Ok(Rows {
            rows: rows
                .into_iter()
                .map(Row::new)
                .collect::<Vec<_>>()
                .into_iter(),
            current: None,
        })
    }
}

/// The rows of a query, read one at a time.
#[derive(Debug)]
pub struct Rows<'s> {
    rows: std::vec::IntoIter<Row<'s>>,
    current: Option<Row<'s>>,
}

impl<'s> Rows<'s> {
    /// The next row, if any.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<&Row<'s>>> {
        self.current = self.rows.next();
        Ok(self.current.as_ref())
    }
}

/// One row of a result.
#[derive(Debug)]
pub struct Row<'s> {
    values: Vec<Value>,
    _statement: PhantomData<&'s ()>,
}

impl Row<'_> {
    fn new(values: Vec<Value>) -> Self {
        Row {
            values,
            _statement: PhantomData,
        }
    }

    /// The value of column `index`, converted to `T`.
    pub fn get<I: RowIndex, T: FromValue>(&self, index: I) -> Result<T> {
        let index = index.index();
        let value = self.values.get(index).ok_or(Error::InvalidQuery)?;
        T::from_value(value).ok_or(Error::InvalidColumnType(index))
    }
}

/// A column position.
pub trait RowIndex {
    /// As a zero-based index.
    fn index(self) -> usize;
}

impl RowIndex for usize {
    fn index(self) -> usize {
        self
    }
}

/// The parameters of a statement.
pub trait Params {
    /// As values, in order.
    fn values(self) -> Vec<Value>;
}

impl Params for &[&dyn ToValue] {
    fn values(self) -> Vec<Value> {
        self.iter().map(|value| value.to_value()).collect()
    }
}

impl<const N: usize> Params for &[&dyn ToValue; N] {
    fn values(self) -> Vec<Value> {
        self.iter().map(|value| value.to_value()).collect()
    }
}

impl Params for [&dyn ToValue; 0] {
    fn values(self) -> Vec<Value> {
        Vec::new()
    }
}

macro_rules! array_params {
    ($($n:literal)*) => {$(
        impl<T: ToValue> Params for [T; $n] {
            fn values(self) -> Vec<Value> {
                self.iter().map(ToValue::to_value).collect()
            }
        }
    )*};
}
array_params!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);

/// Parameters of mixed types: `params![a, b, c]`.
#[macro_export]
macro_rules! params {
    () => { &[] as &[&dyn $crate::db::ToValue] };
    ($($param:expr),+ $(,)?) => { &[$(&$param as &dyn $crate::db::ToValue),+] as &[&dyn $crate::db::ToValue] };
}
pub use crate::params;

/// `.optional()` on a `query_row` result: no row becomes `None`.
pub trait OptionalExtension<T> {
    /// `Ok(None)` instead of [`Error::QueryReturnedNoRows`].
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(value) => Ok(Some(value)),
            Err(Error::QueryReturnedNoRows) => Ok(None),
            Err(error) => Err(error),
        }
    }
}
