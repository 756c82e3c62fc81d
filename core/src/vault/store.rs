//! The vault file: one SQLite database. This is the only place that opens it.
//!
//! On disk: `vault` (magic, a random vault id, and whether every record has its head), `key_slots`
//! (wrapped master keys), `records` (random id, format version, padded ciphertext), `heads` (each
//! record's sealed kind and time, by the same random id, all of one length), `unlock_attempts` (the
//! failure counter that drives the lockout delay), and the lock screen's `inbox_key` and
//! `locked_inbox`. No timestamp, kind or length of any entry is stored in the clear; records and heads
//! live in `WITHOUT ROWID` tables keyed by their random id, so even the physical order reveals nothing
//! about when they were written.

use std::fs::{self, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};

use super::keys::{KeySlot, SlotKind};
use crate::error::{Error, FileProblem, Result};

/// The magic string stored in the `vault` table.
const MAGIC: &str = "tideline-vault";
/// The schema version this build writes (`PRAGMA user_version`).
pub(crate) const SCHEMA_VERSION: u32 = 3;
/// The database file's name inside the data directory.
pub(crate) const FILE_NAME: &str = "vault.db";
/// The page size of new vaults, and of older vaults after their first unlock (see `upgrade_layout`).
/// At SQLite's default 4 KiB a row of the `WITHOUT ROWID` records table keeps at most ~1,002 bytes in
/// its page, so every 1 KiB-bucket record spilled to an overflow page of its own. At 16 KiB a row
/// keeps up to ~4,086 bytes in its page: every bucket up to 4 KiB (see `envelope::pad`) fits.
pub(crate) const PAGE_SIZE: u32 = 16384;

/// Migrations, numbered from 1. Entry `n - 1` upgrades a database at version `n - 1` to `n`.
const MIGRATIONS: &[&str] = &[
    // 1: the initial layout.
    "CREATE TABLE vault (
         id INTEGER PRIMARY KEY CHECK (id = 1),
         magic TEXT NOT NULL,
         vault_id BLOB NOT NULL CHECK (length(vault_id) = 16)
     );
     CREATE TABLE key_slots (kind INTEGER PRIMARY KEY, slot BLOB NOT NULL);
     CREATE TABLE records (
         id BLOB PRIMARY KEY CHECK (length(id) = 16),
         format INTEGER NOT NULL,
         sealed BLOB NOT NULL
     ) WITHOUT ROWID;
     CREATE TABLE unlock_attempts (
         id INTEGER PRIMARY KEY CHECK (id = 1),
         failures INTEGER NOT NULL,
         last_failure_unix INTEGER NOT NULL
     );",
    // 2: capture while locked (vault/inbox.rs): the vault's X25519 public key in the clear, bound
    // to the vault id, with the private key sealed under the master key; and the sealed entries
    // waiting for the next unlock, by random entry id.
    "CREATE TABLE inbox_key (
         id INTEGER PRIMARY KEY CHECK (id = 1),
         vault_id BLOB NOT NULL CHECK (length(vault_id) = 16),
         public BLOB NOT NULL CHECK (length(public) = 32),
         sealed_private BLOB NOT NULL
     );
     CREATE TABLE locked_inbox (
         id BLOB PRIMARY KEY CHECK (length(id) = 16),
         sealed BLOB NOT NULL
     ) WITHOUT ROWID;",
    // 3: each record's head (its kind and time, sealed, one length for every record), so unlocking
    // can find what the home screen needs before it has opened every record (see `load.rs`).
    // `heads_complete` says every record row has its head: set for new vaults, and for older ones
    // once their first unlock by this version has written the heads (`Vault::write_missing_heads`).
    "CREATE TABLE heads (
         id BLOB PRIMARY KEY CHECK (length(id) = 16),
         sealed BLOB NOT NULL
     ) WITHOUT ROWID;
     ALTER TABLE vault ADD COLUMN heads_complete INTEGER NOT NULL DEFAULT 0;",
];

/// The path of the vault database in `dir`.
pub(crate) fn vault_path(dir: &Path) -> PathBuf {
    dir.join(FILE_NAME)
}

/// The files SQLite keeps beside the database: the WAL, its shared memory, and the rollback journal
/// that exists only while `upgrade_layout` rewrites the file.
pub(crate) fn sidecar_paths(db: &Path) -> [PathBuf; 3] {
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    [
        db.with_file_name(format!("{name}-wal")),
        db.with_file_name(format!("{name}-shm")),
        db.with_file_name(format!("{name}-journal")),
    ]
}

/// Sets every connection setting the vault relies on. Called for every connection, new or existing.
fn configure(conn: &Connection) -> Result<()> {
    // Wait for a concurrent writer (a second app instance, a backup) instead of failing at once.
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // WAL: readers never block the writer, and a commit is one sequential append: fast and atomic.
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Storage(
            "the file system does not support the vault's journal".to_owned(),
        ));
    }
    conn.execute_batch(
        // FULL: fsync the WAL at every commit, so an acknowledged write survives power loss.
        "PRAGMA synchronous = FULL;
         -- Overwrite deleted content with zeros, so a deleted entry's ciphertext is really gone.
         PRAGMA secure_delete = ON;
         -- Temporary tables and indices stay in memory, never in a temp file.
         PRAGMA temp_store = MEMORY;
         -- Enforce references between tables, should a migration add any.
         PRAGMA foreign_keys = ON;",
    )?;
    Ok(())
}

/// Checks that the bytes at `path` look like an intact SQLite database before SQLite touches them,
/// so an empty, truncated or foreign file gets a precise error and is never re-created or modified.
fn precheck(path: &Path) -> Result<()> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Error::NoVault),
        Err(e) => return Err(e.into()),
    };
    if meta.len() == 0 {
        return Err(Error::DamagedFile(FileProblem::Empty));
    }
    let mut header = [0u8; 100];
    let mut file = fs::File::open(path)?;
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..])? {
            0 => break,
            n => read += n,
        }
    }
    if read < 16 || &header[..16] != b"SQLite format 3\0" {
        return Err(Error::DamagedFile(FileProblem::Foreign));
    }
    if read < 100 {
        return Err(Error::DamagedFile(FileProblem::Truncated));
    }
    // The header records the page size and the page count; a shorter file lost its end. While a WAL
    // holds frames, a checkpoint may have been interrupted between writing page 1 and extending the
    // file, which SQLite repairs from the WAL; while a rollback journal holds pages, an interrupted
    // `upgrade_layout` is rolled back from it. Then only the check at unlock can judge the file.
    let [wal, _, journal] = sidecar_paths(path);
    let has_content = |p: &Path| fs::metadata(p).map(|m| m.len() > 32).unwrap_or(false);
    let wal_has_frames = has_content(&wal) || has_content(&journal);
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536u64,
        n => u64::from(n),
    };
    let page_count = u64::from(u32::from_be_bytes(
        header[28..32].try_into().expect("4 bytes"),
    ));
    let valid_for = u32::from_be_bytes(header[92..96].try_into().expect("4 bytes"));
    let change_counter = u32::from_be_bytes(header[24..28].try_into().expect("4 bytes"));
    if !wal_has_frames
        && valid_for == change_counter
        && page_count > 0
        && meta.len() < page_size * page_count
    {
        return Err(Error::DamagedFile(FileProblem::Truncated));
    }
    Ok(())
}

/// Opens the existing vault database at `path`, after checking it is one, and migrates its schema.
/// Reads a fixed handful of pages whatever the vault's size (the lock screen opens it before it
/// paints); the whole-file check is [`verify`], at unlock.
pub(crate) fn open_existing(path: &Path) -> Result<Connection> {
    precheck(path)?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(Error::from)?;
    let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(Error::UnsupportedVersion { found: version });
    }
    if version == 0 {
        // A SQLite file that never got our schema is some other program's database.
        return Err(Error::DamagedFile(FileProblem::Foreign));
    }
    configure(&conn)?;
    migrate(&conn, version)?;
    let magic: Option<String> = conn
        .query_row("SELECT magic FROM vault WHERE id = 1", [], |r| r.get(0))
        .optional()
        .map_err(|e| match Error::from(e) {
            Error::DamagedFile(FileProblem::Corrupted) => {
                Error::DamagedFile(FileProblem::Corrupted)
            }
            _ => Error::DamagedFile(FileProblem::Foreign),
        })?;
    if magic.as_deref() != Some(MAGIC) {
        return Err(Error::DamagedFile(FileProblem::Foreign));
    }
    Ok(conn)
}

/// A read-only connection of its own to the vault at `path`, which [`open_existing`] has already
/// checked and migrated (unlocking reads the records over it on another thread).
pub(crate) fn open_reader(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    Ok(conn)
}

/// Reads every page of the vault at `path` on a connection of its own (SQLite's quick_check), so a
/// damaged or partly missing file is caught before anything could be presented as a complete vault.
/// Unlocking runs it on a second thread while the key is derived.
pub(crate) fn verify(path: &Path) -> Result<()> {
    let corrupted = |e: rusqlite::Error| match Error::from(e) {
        Error::Storage(_) => Error::DamagedFile(FileProblem::Corrupted),
        other => other,
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(corrupted)?;
    let check: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .map_err(corrupted)?;
    if check != "ok" {
        return Err(Error::DamagedFile(FileProblem::Corrupted));
    }
    Ok(())
}

/// Rewrites a vault made with smaller pages at [`PAGE_SIZE`] (a VACUUM), once, at its first unlock
/// by this version. Crash-safe: SQLite can change the page size only outside WAL mode, so the
/// rewrite runs under a rollback journal, which SQLite replays at the next open if the process dies
/// mid-way (the file is then the old one, and the next unlock tries again); a death before or after
/// the VACUUM leaves a complete file in one layout or the other. Returns whether it rewrote.
pub(crate) fn upgrade_layout(conn: &Connection) -> Result<bool> {
    let page_size: u32 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
    if page_size >= PAGE_SIZE {
        return Ok(false);
    }
    checkpoint(conn)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(Error::Storage("JournalMode".to_owned()));
    }
    conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    conn.execute_batch("VACUUM")?;
    Ok(true)
}

/// Puts the connection back in WAL mode if it is not (after [`upgrade_layout`], whether or not it
/// finished): every write of the vault relies on it.
pub(crate) fn ensure_wal(conn: &Connection) -> Result<()> {
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Storage(
            "the file system does not support the vault's journal".to_owned(),
        ));
    }
    Ok(())
}

/// Maps the file into memory for reading every record at once (`on`), or unmaps it once they are
/// in memory: the mapped pages would otherwise stay in the process's resident set. Later reads (few:
/// the model is in memory) go through SQLite's small page cache.
pub(crate) fn map_file(conn: &Connection, on: bool) -> Result<()> {
    let bytes: i64 = if on { 256 << 20 } else { 0 };
    conn.execute_batch(&format!("PRAGMA mmap_size = {bytes}"))?;
    Ok(())
}

/// Creates a new vault database at `path`, which must not exist. The file is created owner-only
/// (0600) before SQLite opens it; SQLite gives its WAL and shared-memory files the same mode.
pub(crate) fn create_new(
    path: &Path,
    vault_id: &[u8; 16],
    slots: &[KeySlot],
) -> Result<Connection> {
    if let Some(dir) = path.parent() {
        create_private_dir(dir)?;
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Error::VaultExists,
        _ => e.into(),
    })?;
    let conn = Connection::open(path)?;
    // Before the first table and before WAL mode: the page size is fixed from then on.
    conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    configure(&conn)?;
    migrate(&conn, 0)?;
    let tx = conn.unchecked_transaction()?;
    tx.execute(
        "INSERT INTO vault (id, magic, vault_id, heads_complete) VALUES (1, ?1, ?2, 1)",
        params![MAGIC, &vault_id[..]],
    )?;
    for slot in slots {
        tx.execute(
            "INSERT INTO key_slots (kind, slot) VALUES (?1, ?2)",
            params![slot.kind as u8, slot.to_bytes()],
        )?;
    }
    tx.commit()?;
    Ok(conn)
}

/// Creates `dir` (and parents) readable only by its owner.
pub(crate) fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.exists() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)?;
    Ok(())
}

fn migrate(conn: &Connection, from: u32) -> Result<()> {
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as u32)?;
        tx.commit()?;
    }
    Ok(())
}

/// The vault id.
pub(crate) fn vault_id(conn: &Connection) -> Result<[u8; 16]> {
    let id: Vec<u8> =
        conn.query_row("SELECT vault_id FROM vault WHERE id = 1", [], |r| r.get(0))?;
    id.try_into()
        .map_err(|_| Error::DamagedFile(FileProblem::Corrupted))
}

/// The key slot of `kind`, which every vault has (passphrase, recovery).
pub(crate) fn key_slot(conn: &Connection, kind: SlotKind) -> Result<KeySlot> {
    optional_key_slot(conn, kind)?.ok_or(Error::DamagedFile(FileProblem::KeySlotDamaged))
}

/// The key slot of `kind` if there is one (the device slot exists only while quick unlock is on).
pub(crate) fn optional_key_slot(conn: &Connection, kind: SlotKind) -> Result<Option<KeySlot>> {
    let bytes: Option<Vec<u8>> = conn
        .query_row(
            "SELECT slot FROM key_slots WHERE kind = ?1",
            [kind as u8],
            |r| r.get(0),
        )
        .optional()?;
    let Some(bytes) = bytes else {
        return Ok(None);
    };
    let slot = KeySlot::from_bytes(&bytes)?;
    if slot.kind != kind {
        return Err(Error::DamagedFile(FileProblem::KeySlotDamaged));
    }
    Ok(Some(slot))
}

/// Removes the slot of `kind`, if there is one. With secure_delete on, its bytes are zeroed.
pub(crate) fn remove_key_slot(conn: &Connection, kind: SlotKind) -> Result<()> {
    conn.execute("DELETE FROM key_slots WHERE kind = ?1", [kind as u8])?;
    Ok(())
}

/// Replaces the slot of the same kind in one durable transaction: a crash leaves the old or the new.
pub(crate) fn replace_key_slot(conn: &Connection, slot: &KeySlot) -> Result<()> {
    conn.execute(
        "INSERT INTO key_slots (kind, slot) VALUES (?1, ?2) ON CONFLICT (kind) DO UPDATE SET slot = excluded.slot",
        params![slot.kind as u8, slot.to_bytes()],
    )?;
    Ok(())
}

/// Failed unlock attempts so far and the time of the last one (Unix seconds).
pub(crate) fn unlock_failures(conn: &Connection) -> Result<(u32, i64)> {
    Ok(conn
        .query_row(
            "SELECT failures, last_failure_unix FROM unlock_attempts WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, 0)))
}

/// Records the failure count and the time of the latest failure.
pub(crate) fn set_unlock_failures(conn: &Connection, failures: u32, at_unix: i64) -> Result<()> {
    if failures == 0 {
        conn.execute("DELETE FROM unlock_attempts", [])?;
    } else {
        conn.execute(
            "INSERT INTO unlock_attempts (id, failures, last_failure_unix) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET failures = excluded.failures, last_failure_unix = excluded.last_failure_unix",
            params![failures, at_unix],
        )?;
    }
    Ok(())
}

/// One stored row of the `records` table, with its row of `heads`.
pub(crate) struct SealedRow {
    pub(crate) id: [u8; 16],
    pub(crate) format: u8,
    pub(crate) sealed: Vec<u8>,
    pub(crate) head: Vec<u8>,
}

/// Consecutive record rows read in one go: ids, formats and the sealed bytes back to back (one
/// allocation for the run rather than two a row).
#[derive(Debug, Default)]
pub(crate) struct RowBatch {
    rows: Vec<([u8; 16], u8, std::ops::Range<usize>)>,
    bytes: Vec<u8>,
}

impl RowBatch {
    /// Number of rows.
    pub(crate) fn len(&self) -> usize {
        self.rows.len()
    }

    /// Each row's id, format and sealed bytes, in storage order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = ([u8; 16], u8, &[u8])> + '_ {
        self.rows
            .iter()
            .map(|(id, format, at)| (*id, *format, &self.bytes[at.clone()]))
    }
}

fn corrupted() -> Error {
    Error::DamagedFile(FileProblem::Corrupted)
}

/// The 16-byte random id in a row's first column (records, heads).
fn row_id(row: &rusqlite::Row<'_>) -> Result<[u8; 16]> {
    row.get_ref(0)?
        .as_blob()
        .map_err(|_| corrupted())?
        .try_into()
        .map_err(|_| corrupted())
}

/// Every record row in storage order (random-id order), handed to `each` in batches of `size` rows.
pub(crate) fn record_batches(
    conn: &Connection,
    size: usize,
    mut each: impl FnMut(RowBatch),
) -> Result<()> {
    let mut stmt = conn.prepare("SELECT id, format, sealed FROM records")?;
    let mut rows = stmt.query([])?;
    let mut batch = RowBatch::default();
    while let Some(row) = rows.next()? {
        let id = row_id(row)?;
        let format = u8::try_from(row.get::<_, i64>(1)?).map_err(|_| corrupted())?;
        let sealed = row.get_ref(2)?.as_blob().map_err(|_| corrupted())?;
        if batch.rows.is_empty() {
            batch.rows.reserve(size);
            batch.bytes.reserve(size * (sealed.len() + 64));
        }
        let start = batch.bytes.len();
        batch.bytes.extend_from_slice(sealed);
        batch.rows.push((id, format, start..batch.bytes.len()));
        if batch.rows.len() == size {
            each(std::mem::take(&mut batch));
        }
    }
    if !batch.rows.is_empty() {
        each(batch);
    }
    Ok(())
}

/// Runs `f` inside a savepoint: all of its writes or none (inside a transaction or on its own), and
/// for reads, one moment of the file throughout.
pub(crate) fn atomically<T>(conn: &Connection, f: impl FnOnce() -> Result<T>) -> Result<T> {
    conn.execute_batch("SAVEPOINT row")?;
    match f() {
        Ok(value) => {
            conn.execute_batch("RELEASE row")?;
            Ok(value)
        }
        Err(e) => {
            // Only a broken connection fails here, and SQLite rolls back its open savepoint anyway.
            let _ = conn.execute_batch("ROLLBACK TO row; RELEASE row");
            Err(e)
        }
    }
}

/// Inserts or replaces one record and its head, durably and together.
pub(crate) fn put_record(conn: &Connection, row: &SealedRow) -> Result<()> {
    atomically(conn, || {
        conn.execute(
            "INSERT INTO records (id, format, sealed) VALUES (?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET format = excluded.format, sealed = excluded.sealed",
            params![&row.id[..], row.format, row.sealed],
        )?;
        put_head(conn, &row.id, &row.head)
    })
}

/// Inserts or replaces one record's head.
pub(crate) fn put_head(conn: &Connection, id: &[u8; 16], head: &[u8]) -> Result<()> {
    conn.execute(
        "INSERT INTO heads (id, sealed) VALUES (?1, ?2)
         ON CONFLICT (id) DO UPDATE SET sealed = excluded.sealed",
        params![&id[..], head],
    )?;
    Ok(())
}

/// Whether every record row has its head (see migration 3).
pub(crate) fn heads_complete(conn: &Connection) -> Result<bool> {
    Ok(
        conn.query_row("SELECT heads_complete FROM vault WHERE id = 1", [], |r| {
            r.get::<_, i64>(0)
        })? == 1,
    )
}

/// Notes that every record row has its head.
pub(crate) fn set_heads_complete(conn: &Connection) -> Result<()> {
    conn.execute("UPDATE vault SET heads_complete = 1 WHERE id = 1", [])?;
    Ok(())
}

/// Hands `each` every head row's id and sealed bytes, in storage order (the bytes borrowed from
/// SQLite's row, so nothing is copied).
pub(crate) fn each_head(conn: &Connection, mut each: impl FnMut([u8; 16], &[u8])) -> Result<()> {
    let mut stmt = conn.prepare("SELECT id, sealed FROM heads")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let sealed = row.get_ref(1)?.as_blob().map_err(|_| corrupted())?;
        each(row_id(row)?, sealed);
    }
    Ok(())
}

/// One record row's format and sealed bytes, if there is a row with that id.
pub(crate) fn record_row(conn: &Connection, id: &[u8; 16]) -> Result<Option<(u8, Vec<u8>)>> {
    let row: Option<(i64, Vec<u8>)> = conn
        .query_row(
            "SELECT format, sealed FROM records WHERE id = ?1",
            [&id[..]],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    row.map(|(format, sealed)| {
        u8::try_from(format)
            .map(|format| (format, sealed))
            .map_err(|_| corrupted())
    })
    .transpose()
}

/// Whether the lock screen's inbox holds no entry.
pub(crate) fn inbox_is_empty(conn: &Connection) -> Result<bool> {
    Ok(
        !conn.query_row("SELECT EXISTS (SELECT 1 FROM locked_inbox)", [], |r| {
            r.get::<_, bool>(0)
        })?,
    )
}

/// The id of every record row, opened or not; `None` for an id that is not 16 bytes (a damaged row).
pub(crate) fn record_ids(conn: &Connection) -> Result<Vec<Option<[u8; 16]>>> {
    let mut stmt = conn.prepare("SELECT id FROM records")?;
    let mut rows = stmt.query([])?;
    let mut ids = Vec::new();
    while let Some(row) = rows.next()? {
        ids.push(row_id(row).ok());
    }
    Ok(ids)
}

/// Deletes every record row and head (inside a transaction that writes them again, resealed).
pub(crate) fn delete_all_records(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM records", [])?;
    conn.execute("DELETE FROM heads", [])?;
    Ok(())
}

/// Replaces the vault's inbox keys (a master key rotation gives the inbox a new pair).
pub(crate) fn replace_inbox_keys(
    conn: &Connection,
    vault_id: &[u8; 16],
    keys: &super::inbox::InboxKeys,
) -> Result<()> {
    conn.execute("DELETE FROM inbox_key", [])?;
    set_inbox_keys(conn, vault_id, keys)
}

/// Deletes one record and its head; `false` when there was no record.
pub(crate) fn delete_record(conn: &Connection, id: &[u8; 16]) -> Result<bool> {
    atomically(conn, || {
        conn.execute("DELETE FROM heads WHERE id = ?1", [&id[..]])?;
        Ok(conn.execute("DELETE FROM records WHERE id = ?1", [&id[..]])? > 0)
    })
}

/// The vault's inbox keys, if made; refused as damaged when bound to another vault id.
pub(crate) fn inbox_keys(
    conn: &Connection,
    vault_id: &[u8; 16],
) -> Result<Option<super::inbox::InboxKeys>> {
    let row: Option<(Vec<u8>, Vec<u8>, Vec<u8>)> = conn
        .query_row(
            "SELECT vault_id, public, sealed_private FROM inbox_key WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((bound, public, sealed_private)) = row else {
        return Ok(None);
    };
    let public: [u8; 32] = public
        .try_into()
        .map_err(|_| Error::DamagedFile(FileProblem::Corrupted))?;
    if bound.as_slice() != vault_id.as_slice() {
        return Err(Error::DamagedFile(FileProblem::Corrupted));
    }
    Ok(Some(super::inbox::InboxKeys {
        public,
        sealed_private,
    }))
}

/// Stores the vault's inbox keys (once per vault).
pub(crate) fn set_inbox_keys(
    conn: &Connection,
    vault_id: &[u8; 16],
    keys: &super::inbox::InboxKeys,
) -> Result<()> {
    conn.execute(
        "INSERT INTO inbox_key (id, vault_id, public, sealed_private) VALUES (1, ?1, ?2, ?3)",
        params![
            vault_id.as_slice(),
            keys.public.as_slice(),
            keys.sealed_private
        ],
    )?;
    Ok(())
}

/// Adds one sealed entry to the locked inbox.
pub(crate) fn put_inbox(conn: &Connection, id: &[u8; 16], sealed: &[u8]) -> Result<()> {
    conn.execute(
        "INSERT INTO locked_inbox (id, sealed) VALUES (?1, ?2)",
        params![id.as_slice(), sealed],
    )?;
    Ok(())
}

/// Every sealed entry waiting in the locked inbox.
pub(crate) fn all_inbox(conn: &Connection) -> Result<Vec<([u8; 16], Vec<u8>)>> {
    let mut stmt = conn.prepare("SELECT id, sealed FROM locked_inbox")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Vec<u8>>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, sealed)| Some((id.try_into().ok()?, sealed)))
        .collect())
}

/// Empties the locked inbox.
pub(crate) fn clear_inbox(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM locked_inbox", [])?;
    Ok(())
}

/// Copies every committed page back into the database file and truncates the WAL to zero bytes, so
/// the previous versions of replaced or deleted records no longer linger in the WAL.
pub(crate) fn checkpoint(conn: &Connection) -> Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}
