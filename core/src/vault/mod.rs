//! The vault: the patient's encrypted local log.
//!
//! A [`Vault`] is an unlocked vault: the keys and the decrypted, indexed model live in it, and dropping
//! it (or calling [`Vault::lock`]) wipes the keys and drops the model. Everything on disk is sealed;
//! see `store` for the file layout and `keys` for the key hierarchy.

mod activity;
mod backup;
mod envelope;
#[cfg(test)]
mod fuzz;
mod head;
mod inbox;
mod keys;
mod load;
mod model;
mod store;
mod throttle;

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{DateTime, Utc};
use ring::aead::LessSafeKey;
use ring::rand::{SecureRandom, SystemRandom};
use rusqlite::Connection;
use serde::Serialize;
use zeroize::Zeroizing;

pub use activity::MAX_HOLD_MINUTES;
pub use backup::{restore_backup, BackupSecret};
pub use keys::{DeviceKey, KdfParams, RecoveryKey};
pub use load::EarlyView;
pub(crate) use load::HOME_READS;
use model::Model;
pub use model::Query;

use crate::error::{Error, FileProblem, Result};
use crate::record::{Record, RecordId, RecordKind, StoredRecord};
use crate::settings::Settings;
use crate::time::Stamp;
use activity::Activity;
use keys::{KeySlot, MasterKey, SlotKind};
use store::SealedRow;

/// Format version of a sealed record; bound into its associated data.
const RECORD_VERSION: u8 = 1;
const RECORD_MAGIC: &[u8; 4] = b"TLRC";
const RECORD_KEY_PURPOSE: &[u8] = b"tideline records v1";

/// Failed attempts allowed before each further attempt must wait.
pub const FREE_ATTEMPTS: u32 = 5;

/// How long after `failures` failed attempts the next attempt must wait: nothing for the first five,
/// then 30 s doubling with each further failure, capped at one hour.
pub fn lockout_delay_secs(failures: u32) -> u64 {
    if failures < FREE_ATTEMPTS {
        0
    } else {
        let doublings = (failures - FREE_ATTEMPTS).min(7);
        (30u64 << doublings).min(3600)
    }
}

/// Whether a data directory holds a vault. Says nothing about whether the file is intact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum VaultPresence {
    /// No vault file: first run.
    Absent,
    /// A vault file exists.
    Present,
}

/// What unlocking found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct UnlockReport {
    /// Records loaded.
    pub records: u32,
    /// Records that failed to open (tampered, swapped or damaged), by id. Everything else loaded.
    pub damaged: Vec<RecordId>,
}

/// The data directory's vault file, and whether it exists.
pub fn presence(dir: &Path) -> VaultPresence {
    if store::vault_path(dir).exists() {
        VaultPresence::Present
    } else {
        VaultPresence::Absent
    }
}

/// Whether quick unlock is on for the vault in `dir` (it has a device slot), read without unlocking,
/// so the lock screen knows whether to offer it.
pub fn quick_unlock_on(dir: &Path) -> Result<bool> {
    let conn = store::open_existing(&store::vault_path(dir))?;
    Ok(store::optional_key_slot(&conn, SlotKind::Device)?.is_some())
}

/// Writes a craving entry from the lock screen, without unlocking: sealed to the vault's public key
/// (see `inbox`), so this can add but never read. It joins the journal at the next unlock. Refused
/// with `invalid` for a vault that has not been unlocked once by a version with this feature.
pub fn capture_locked(
    dir: &Path,
    entry: &crate::craving::CravingEntry,
    rng: &SystemRandom,
) -> Result<()> {
    entry.validate()?;
    let conn = store::open_existing(&store::vault_path(dir))?;
    let vault_id = store::vault_id(&conn)?;
    let keys = store::inbox_keys(&conn, &vault_id)?.ok_or_else(|| {
        crate::error::Invalid::new("vault", "writing while locked works after the next unlock")
    })?;
    let mut entry_id = [0u8; 16];
    rng.fill(&mut entry_id)
        .expect("system random number generator failed");
    let blob = inbox::seal(entry, &vault_id, &keys.public, &entry_id, rng)?;
    store::put_inbox(&conn, &entry_id, &blob)
}

/// Seconds until the next unlock attempt is allowed (0 when allowed now), read from the vault file
/// and this process's monotonic clock (see `throttle`).
pub fn retry_after_secs(dir: &Path, now: DateTime<Utc>) -> Result<u64> {
    retry_after_secs_at(dir, now, Instant::now())
}

/// [`retry_after_secs`] with the monotonic clock passed in (tests move it).
pub fn retry_after_secs_at(dir: &Path, now: DateTime<Utc>, mono: Instant) -> Result<u64> {
    let gate = throttle::gate(dir);
    let mut gate = throttle::enter(&gate);
    let conn = store::open_existing(&store::vault_path(dir))?;
    let (failures, last) = store::unlock_failures(&conn)?;
    Ok(gate.remaining(failures, last, now, mono))
}

/// An unlocked vault.
pub struct Vault {
    conn: Connection,
    dir: PathBuf,
    vault_id: [u8; 16],
    master: MasterKey,
    record_key: LessSafeKey,
    rng: SystemRandom,
    model: Model,
    activity: Activity,
    /// Record rows that did not open at this unlock ([`UnlockReport::damaged`]): they stay in the
    /// file unchanged, and the window tells the patient once how many.
    unopened: u32,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("records", &self.model.len())
            .finish_non_exhaustive()
    }
}

/// A vault whose key has opened, while its records are read and decrypted on threads of their own
/// (`load.rs`, its own read connection): unlocking can answer before them, so the app shows its
/// first screen sooner. [`Loading::wait`] gives the unlocked vault; nothing can read or write the
/// vault before it, so nothing sees a partial model. Dropped without waiting, the keys are wiped
/// and the reading thread ends with its own copy of the record key.
pub struct Loading {
    vault: Vault,
    records: std::thread::JoinHandle<Result<load::Opened>>,
    early: Option<EarlyHandle>,
}

/// What the home screen reads ([`HOME_READS`]), opened by the loading thread before the other
/// records ([`Loading::take_early`]); it can be asked while the rest still loads, from another thread.
pub struct EarlyHandle {
    receiver: Option<std::sync::mpsc::Receiver<Option<EarlyView>>>,
    view: Option<EarlyView>,
    /// A read connection of its own, to see whether an entry has come into the lock screen's inbox.
    conn: Connection,
}

impl std::fmt::Debug for EarlyHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EarlyHandle").finish_non_exhaustive()
    }
}

impl EarlyHandle {
    /// The records home reads, when they answer at `now` exactly as the whole vault will; waits for
    /// that part only (milliseconds after the key), not for the rest. `None` when that cannot be
    /// proven (see `load::early`), when the clock is now before the unlock or ten minutes past it,
    /// or when an entry waits in the lock screen's inbox (it joins the journal only at the end of
    /// [`Loading::wait`]). Valid only until the vault is written: the holder drops it when
    /// [`Loading::wait`] has given the vault.
    pub fn view(&mut self, now: DateTime<Utc>) -> Option<&EarlyView> {
        if let Some(receiver) = self.receiver.take() {
            self.view = receiver.recv().ok().flatten();
        }
        let view = self.view.as_ref()?;
        let inbox_empty = store::inbox_is_empty(&self.conn).unwrap_or(false);
        (view.answers_at(now) && inbox_empty).then_some(view)
    }
}

/// What can be read from the records: the unlocked vault, or the part of it the home screen reads,
/// opened first at unlock ([`EarlyHandle::view`]). The screens' summaries are written once against
/// this.
pub trait Records {
    /// Records matching the query, newest first; never the app's own records (see [`Vault::query`]).
    fn query(&self, query: &Query) -> Vec<&StoredRecord>;
    /// Every record of one kind, in no particular order.
    fn of_kind(&self, kind: RecordKind) -> impl Iterator<Item = &StoredRecord>;
}

impl Records for Vault {
    fn query(&self, query: &Query) -> Vec<&StoredRecord> {
        Vault::query(self, query)
    }

    fn of_kind(&self, kind: RecordKind) -> impl Iterator<Item = &StoredRecord> {
        Vault::of_kind(self, kind)
    }
}

/// A query's results without the app's own records (the only place that rule is applied).
fn visible(mut results: Vec<&StoredRecord>) -> Vec<&StoredRecord> {
    results.retain(|r| !r.record.kind().is_app_state());
    results
}

impl std::fmt::Debug for Loading {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loading").finish_non_exhaustive()
    }
}

impl Loading {
    /// The records the home screen reads, opened first ([`EarlyHandle`]); `None` once taken.
    pub fn take_early(&mut self) -> Option<EarlyHandle> {
        self.early.take()
    }

    /// Waits for every record, then lets the entries written on the lock screen join the journal.
    /// A record that does not open is reported by id; the others still load.
    pub fn wait(self) -> Result<(Vault, UnlockReport)> {
        let Loading {
            mut vault, records, ..
        } = self;
        let (parts, damaged) = records
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        vault.model = Model::from_parts(parts);
        vault.unopened = damaged.len() as u32;
        let report = UnlockReport {
            records: vault.model.len() as u32,
            damaged,
        };
        // A failure here must not keep the patient out: the entries stay sealed in the inbox for
        // the next unlock.
        let _ = vault.absorb_inbox();
        // Nor here: a vault without all its heads works as before, and the next unlock tries again.
        let _ = vault.write_missing_heads();
        Ok((vault, report))
    }
}

impl Vault {
    /// Creates a new vault in `dir` protected by `passphrase`, and returns it unlocked with the
    /// recovery key to show the patient once. Fails with [`Error::VaultExists`] if there is one.
    pub fn create(
        dir: &Path,
        passphrase: &str,
        params: KdfParams,
        now: DateTime<Utc>,
    ) -> Result<(Self, RecoveryKey)> {
        crate::passphrase::check_acceptable(passphrase)?;
        let path = store::vault_path(dir);
        if path.exists() {
            return Err(Error::VaultExists);
        }
        let rng = SystemRandom::new();
        let master = MasterKey::generate(&rng);
        let mut vault_id = [0u8; 16];
        rng.fill(&mut vault_id)
            .expect("system random number generator failed");
        let recovery = RecoveryKey::generate(&rng);
        let slots = [
            KeySlot::for_passphrase(passphrase, params, &master, &vault_id, &rng)?,
            KeySlot::for_recovery(&recovery, &master, &vault_id, &rng),
        ];
        // Build under a temporary name and rename into place, so a crash never leaves a half-made
        // vault where the app would find it.
        let tmp = dir.join(format!("{}.creating", store::FILE_NAME));
        remove_db_files(&tmp)?;
        let conn = store::create_new(&tmp, &vault_id, &slots)?;
        store::checkpoint(&conn)?;
        drop(conn);
        remove_db_files_sidecars(&tmp)?;
        std::fs::rename(&tmp, &path)?;
        sync_dir(dir)?;
        let conn = store::open_existing(&path)?;
        let mut vault = Self::from_parts(conn, dir, vault_id, master, Model::default(), now);
        // The inbox key pair, so the lock screen can take entries from the start.
        vault.absorb_inbox()?;
        Ok((vault, recovery))
    }

    fn from_parts(
        conn: Connection,
        dir: &Path,
        vault_id: [u8; 16],
        master: MasterKey,
        model: Model,
        now: DateTime<Utc>,
    ) -> Self {
        let record_key = master.subkey(RECORD_KEY_PURPOSE);
        Self {
            conn,
            dir: dir.to_owned(),
            vault_id,
            master,
            record_key,
            rng: SystemRandom::new(),
            model,
            activity: Activity::new(now),
            unopened: 0,
        }
    }

    /// Unlocks the vault in `dir` with the passphrase. After [`FREE_ATTEMPTS`] failures each further
    /// attempt must wait ([`lockout_delay_secs`]); the wait is enforced here, from the file.
    pub fn unlock(
        dir: &Path,
        passphrase: &str,
        now: DateTime<Utc>,
    ) -> Result<(Self, UnlockReport)> {
        Self::unlock_at(dir, passphrase, now, Instant::now())
    }

    /// [`Vault::unlock`] with the monotonic clock passed in: a lockout wait ends only when it has
    /// passed on both clocks (see `throttle`).
    pub fn unlock_at(
        dir: &Path,
        passphrase: &str,
        now: DateTime<Utc>,
        mono: Instant,
    ) -> Result<(Self, UnlockReport)> {
        Self::begin_unlock_at(dir, passphrase, now, mono)?.wait()
    }

    /// [`Vault::unlock`] that returns once the passphrase has opened the key and the file is checked:
    /// the records are still being read ([`Loading::wait`] gives the vault). Every refusal
    /// (wrong passphrase, lockout, damaged file) comes here, as from [`Vault::unlock`].
    pub fn begin_unlock(dir: &Path, passphrase: &str, now: DateTime<Utc>) -> Result<Loading> {
        Self::begin_unlock_at(dir, passphrase, now, Instant::now())
    }

    fn begin_unlock_at(
        dir: &Path,
        passphrase: &str,
        now: DateTime<Utc>,
        mono: Instant,
    ) -> Result<Loading> {
        Self::begin_with(dir, now, mono, |conn, vault_id| {
            let slot = store::key_slot(conn, SlotKind::Passphrase)?;
            Ok(slot
                .open_with_passphrase(passphrase, vault_id)?
                .ok_or(Error::WrongPassphrase))
        })
    }

    /// Opens the vault with the recovery key and sets a new passphrase in the same step.
    pub fn recover(
        dir: &Path,
        recovery_code: &str,
        new_passphrase: &str,
        params: KdfParams,
        now: DateTime<Utc>,
    ) -> Result<(Self, UnlockReport)> {
        crate::passphrase::check_acceptable(new_passphrase)?;
        let (vault, report) = Self::unlock_with_recovery_key(dir, recovery_code, now)?;
        vault.set_passphrase(new_passphrase, params)?;
        Ok((vault, report))
    }

    /// Opens the vault with the recovery key, leaving the passphrase as it is.
    pub fn unlock_with_recovery_key(
        dir: &Path,
        recovery_code: &str,
        now: DateTime<Utc>,
    ) -> Result<(Self, UnlockReport)> {
        let recovery = RecoveryKey::parse(recovery_code)?;
        Self::unlock_with(dir, now, Instant::now(), |conn, vault_id| {
            let slot = store::key_slot(conn, SlotKind::Recovery)?;
            Ok(slot
                .open_with_recovery(&recovery, vault_id)?
                .ok_or(Error::WrongRecoveryKey))
        })
    }

    /// Opens the vault with the device key the platform keystore released after biometrics (quick
    /// unlock). Wrong keys count towards the lockout like wrong passphrases; a vault without a
    /// device slot refuses at once with [`Error::QuickUnlockOff`].
    pub fn unlock_with_device_key(
        dir: &Path,
        device: &DeviceKey,
        now: DateTime<Utc>,
    ) -> Result<(Self, UnlockReport)> {
        Self::begin_unlock_with_device_key(dir, device, now)?.wait()
    }

    /// [`Vault::unlock_with_device_key`] that returns before the records are read, like
    /// [`Vault::begin_unlock`].
    pub fn begin_unlock_with_device_key(
        dir: &Path,
        device: &DeviceKey,
        now: DateTime<Utc>,
    ) -> Result<Loading> {
        Self::begin_with(dir, now, Instant::now(), |conn, vault_id| {
            let slot =
                store::optional_key_slot(conn, SlotKind::Device)?.ok_or(Error::QuickUnlockOff)?;
            Ok(slot
                .open_with_device(device, vault_id)?
                .ok_or(Error::QuickUnlockOff))
        })
    }

    /// Shared unlock path: [`Vault::begin_with`], then waits for the records.
    fn unlock_with(
        dir: &Path,
        now: DateTime<Utc>,
        mono: Instant,
        open_key: impl FnOnce(&Connection, &[u8; 16]) -> Result<Result<MasterKey>>,
    ) -> Result<(Self, UnlockReport)> {
        Self::begin_with(dir, now, mono, open_key)?.wait()
    }

    /// The unlock path up to the key (lockout check, key unwrap, failure accounting, the whole-file
    /// check, a pending layout upgrade); the records are then read on threads of their own
    /// ([`Loading`]). The vault's gate is held throughout, so a second attempt waits for this one
    /// and sees its count.
    fn begin_with(
        dir: &Path,
        now: DateTime<Utc>,
        mono: Instant,
        open_key: impl FnOnce(&Connection, &[u8; 16]) -> Result<Result<MasterKey>>,
    ) -> Result<Loading> {
        let gate = throttle::gate(dir);
        let mut gate = throttle::enter(&gate);
        let path = store::vault_path(dir);
        let conn = store::open_existing(&path)?;
        let (failures, last) = store::unlock_failures(&conn)?;
        let wait = gate.remaining(failures, last, now, mono);
        if wait > 0 {
            return Err(Error::LockedOut {
                retry_after_secs: wait,
            });
        }
        // The whole-file check reads every page: on a second thread while the key is derived, and
        // only after the key opened does its answer count (a damaged key slot is reported first).
        let check = std::thread::spawn({
            let path = path.clone();
            move || store::verify(&path)
        });
        let opened = store::vault_id(&conn).and_then(|id| Ok((id, open_key(&conn, &id)?)));
        let checked = check
            .join()
            .unwrap_or(Err(Error::DamagedFile(FileProblem::Corrupted)));
        let (vault_id, opened) = opened?;
        let master = match opened {
            Ok(master) => master,
            Err(wrong) => {
                let failures = failures.saturating_add(1);
                store::set_unlock_failures(&conn, failures, now.timestamp())?;
                gate.failed(failures, now.timestamp(), mono);
                return Err(match (wrong, lockout_delay_secs(failures)) {
                    (_, delay) if delay > 0 => Error::LockedOut {
                        retry_after_secs: delay,
                    },
                    (wrong, _) => wrong,
                });
            }
        };
        checked?;
        if failures > 0 {
            store::set_unlock_failures(&conn, 0, 0)?;
        }
        // A vault from before 16 KiB pages is rewritten once, now that the passphrase is known good.
        // If that cannot happen now (a full disk: it needs room for a copy), the vault works as it
        // is and the next unlock tries again; SQLite has rolled back whatever was begun.
        let _ = store::upgrade_layout(&conn);
        store::ensure_wal(&conn)?;
        let (records, early_view) = load::spawn(
            path.clone(),
            master.subkey(RECORD_KEY_PURPOSE),
            vault_id,
            HOME_READS,
            now,
        );
        // Without its own connection there is no early answer; the unlock goes ahead all the same.
        let early = store::open_reader(&path).ok().map(|conn| EarlyHandle {
            receiver: Some(early_view),
            view: None,
            conn,
        });
        let vault = Self::from_parts(conn, dir, vault_id, master, Model::default(), now);
        Ok(Loading {
            vault,
            records,
            early,
        })
    }

    /// Opens every entry written on the lock screen (see `inbox`), adds it to the journal under its
    /// entry id, and empties the inbox for real. An entry sealed to another vault, changed, or
    /// already in the journal (replayed) is dropped. Makes the vault's inbox key pair first if it
    /// has none (a vault from before this version). Returns how many entries joined.
    fn absorb_inbox(&mut self) -> Result<usize> {
        let secret = inbox::private_key(&self.conn, &self.master, &self.vault_id, &self.rng)?;
        let rows = store::all_inbox(&self.conn)?;
        if rows.is_empty() {
            return Ok(0);
        }
        let mut added: Vec<StoredRecord> = Vec::new();
        for (id, blob) in &rows {
            let id_taken =
                |i: &RecordId| self.model.get(i).is_some() || added.iter().any(|r| r.id == *i);
            let rid = RecordId(*id);
            if id_taken(&rid) {
                continue;
            }
            if let Some(entry) = inbox::open(blob, &secret, &self.vault_id, id) {
                let at = entry.occurred_at;
                added.push(StoredRecord {
                    id: rid,
                    created: at,
                    updated: at,
                    record: Record::Craving(entry),
                });
            }
        }
        let tx = self.conn.unchecked_transaction()?;
        for record in &added {
            store::put_record(&tx, &self.seal_record(record))?;
        }
        store::clear_inbox(&tx)?;
        tx.commit()?;
        // The sealed blobs are zeroed in the file (secure_delete); flush them out of the WAL too.
        store::checkpoint(&self.conn)?;
        let n = added.len();
        for record in added {
            self.model.put(record);
        }
        Ok(n)
    }

    /// Gives every record in the model its head, in one transaction, and notes that all have one:
    /// once, for a vault from before heads (migration 3). Rows that did not open stay without a head;
    /// like the model, the early view (`load::early`) never sees them.
    fn write_missing_heads(&self) -> Result<()> {
        if store::heads_complete(&self.conn)? {
            return Ok(());
        }
        let tx = self.conn.unchecked_transaction()?;
        for record in self.model.all() {
            let sealed = head::seal(&self.record_key, &self.rng, &self.vault_id, record);
            store::put_head(&tx, &record.id.0, &sealed)?;
        }
        store::set_heads_complete(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// Decrypts every record into the model (see `load.rs`). A record that does not open is
    /// reported by id; the others still load. The word index waits for the first text search
    /// (see model.rs).
    fn load(&mut self) -> Result<UnlockReport> {
        store::map_file(&self.conn, true)?;
        let opened = load::open_all(&self.conn, &self.record_key, &self.vault_id);
        store::map_file(&self.conn, false)?;
        let (parts, damaged) = opened?;
        self.model = Model::from_parts(parts);
        self.unopened = damaged.len() as u32;
        Ok(UnlockReport {
            records: self.model.len() as u32,
            damaged,
        })
    }

    /// How many record rows did not open at this unlock (tampered, swapped or damaged; named in its
    /// [`UnlockReport`]). They are kept in the file as they are, never deleted by the app: restoring a
    /// backup made before the damage may bring them back. The window tells the patient once.
    pub fn unopened(&self) -> u32 {
        self.unopened
    }

    /// Reads again what unlocking opens first for the home screen ([`EarlyHandle`]): every head,
    /// then the records [`HOME_READS`] picks at `now` (for benchmarks, beside [`Vault::reload`]).
    pub fn early_view(&self, now: DateTime<Utc>) -> Result<Option<EarlyView>> {
        let conn = store::open_reader(&store::vault_path(&self.dir))?;
        load::early(&conn, &self.record_key, &self.vault_id, HOME_READS, now)
    }

    /// Reads and decrypts every record again, rebuilding the model (the part of unlocking that runs
    /// after the key is known).
    pub fn reload(&mut self) -> Result<UnlockReport> {
        self.load()
    }

    fn seal_record(&self, record: &StoredRecord) -> SealedRow {
        seal_with(&self.record_key, &self.rng, &self.vault_id, record)
    }

    /// Saves a record: a new one when `id` is `None` (or, for one-per-vault kinds, replaces the
    /// existing one), else replaces the record with that id. Returns once the write is durable.
    pub fn save(
        &mut self,
        id: Option<RecordId>,
        record: Record,
        now: Stamp,
    ) -> Result<StoredRecord> {
        record.validate()?;
        let kind = record.kind();
        let existing_id = match id {
            Some(id) => {
                let existing = self.model.get(&id).ok_or(Error::NotFound)?;
                if existing.record.kind() != kind {
                    return Err(crate::error::Invalid::new(
                        "kind",
                        "an entry cannot change its kind",
                    )
                    .into());
                }
                Some(id)
            }
            None if kind.is_singleton() => self.model.singleton(kind).map(|r| r.id),
            None => None,
        };
        let (id, created) = match existing_id {
            Some(id) => (id, self.model.get(&id).expect("checked above").created),
            None => (self.new_id(), now),
        };
        let stored = StoredRecord {
            id,
            created,
            updated: now,
            record,
        };
        let row = self.seal_record(&stored);
        store::put_record(&self.conn, &row)?;
        if existing_id.is_some() {
            // The old ciphertext is zeroed in the database (secure_delete); flush it out of the WAL.
            store::checkpoint(&self.conn)?;
        }
        // Not the patient's activity: the app saves by itself too (sync, the reminder mark), and that
        // must never postpone the lock. The window reports the patient through `touch`.
        self.model.put(stored.clone());
        Ok(stored)
    }

    /// Saves many new records in one transaction (imports, restores, benchmarks).
    pub fn save_many(&mut self, records: Vec<Record>, now: Stamp) -> Result<Vec<RecordId>> {
        for record in &records {
            record.validate()?;
        }
        let stored: Vec<StoredRecord> = records
            .into_iter()
            .map(|record| StoredRecord {
                id: self.new_id(),
                created: now,
                updated: now,
                record,
            })
            .collect();
        let tx = self.conn.unchecked_transaction()?;
        for record in &stored {
            store::put_record(&tx, &self.seal_record(record))?;
        }
        tx.commit()?;
        let ids = stored.iter().map(|r| r.id).collect();
        for record in stored {
            self.model.put(record);
        }
        Ok(ids)
    }

    fn new_id(&self) -> RecordId {
        loop {
            let mut id = [0u8; 16];
            self.rng
                .fill(&mut id)
                .expect("system random number generator failed");
            let id = RecordId(id);
            if self.model.get(&id).is_none() {
                return id;
            }
        }
    }

    /// Deletes a record for real: its row is removed, the freed pages zeroed (secure_delete) and the
    /// WAL checkpointed and truncated, so no copy of its ciphertext remains in the files.
    /// Like a save, a delete is not the patient's activity by itself (`_now` stays in the signature
    /// for callers that pass their clock).
    pub fn delete(&mut self, id: &RecordId, _now: DateTime<Utc>) -> Result<()> {
        if !store::delete_record(&self.conn, id.as_bytes())? {
            return Err(Error::NotFound);
        }
        store::checkpoint(&self.conn)?;
        self.model.remove(id);
        Ok(())
    }

    /// One record by id.
    pub fn get(&self, id: &RecordId) -> Option<&StoredRecord> {
        self.model.get(id)
    }

    /// Records matching the query, newest first.
    ///
    /// The app's own records (the clinic connection with the device key, the outbox, the reminder
    /// mark) are never returned here, whatever the query: they are not the patient's entries and the
    /// device key must not reach the UI. Their modules read them with [`Vault::of_kind`].
    pub fn query(&self, query: &Query) -> Vec<&StoredRecord> {
        visible(self.model.query(query))
    }

    /// Saves a record on the patient's behalf (the UI's path): like [`Vault::save`], but refuses the
    /// records only the app itself may write (sync state, the reminder mark).
    pub fn save_entry(
        &mut self,
        id: Option<RecordId>,
        record: Record,
        now: Stamp,
    ) -> Result<StoredRecord> {
        if record.kind().is_app_state() {
            return Err(crate::error::Invalid::new(
                "type",
                "this kind of record is managed by the app",
            )
            .into());
        }
        if let Some(existing) = id.and_then(|id| self.model.get(&id)) {
            if existing.record.kind().is_app_state() {
                return Err(Error::NotFound);
            }
        }
        self.save(id, record, now)
    }

    /// Deletes a record on the patient's behalf: the app's own records are not the patient's to
    /// delete one by one (disconnecting from the clinic removes them).
    pub fn delete_entry(&mut self, id: &RecordId, now: DateTime<Utc>) -> Result<()> {
        if self
            .model
            .get(id)
            .is_some_and(|r| r.record.kind().is_app_state())
        {
            return Err(Error::NotFound);
        }
        self.delete(id, now)
    }

    /// Every record of one kind, in no particular order.
    pub fn of_kind(&self, kind: RecordKind) -> impl Iterator<Item = &StoredRecord> {
        self.model.of_kind(kind)
    }

    /// Every record, in no particular order.
    pub fn records(&self) -> impl Iterator<Item = &StoredRecord> {
        self.model.all()
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.model.len()
    }

    /// Whether the vault holds no records.
    pub fn is_empty(&self) -> bool {
        self.model.len() == 0
    }

    /// The app settings (defaults until the patient changes them).
    pub fn settings(&self) -> Settings {
        match self
            .model
            .singleton(RecordKind::Settings)
            .map(|r| &r.record)
        {
            Some(Record::Settings(s)) => s.clone(),
            _ => Settings::default(),
        }
    }

    /// Notes the patient's activity in the window (keyboard, pointer, touch), which postpones
    /// auto-lock. Nothing else does: background writes never count (see `activity`).
    pub fn touch(&mut self, now: DateTime<Utc>) {
        self.activity.touch(now);
    }

    /// Keeps the vault open while an exercise the patient sits through is running, for up to
    /// `minutes`, capped at [`MAX_HOLD_MINUTES`] after the patient's last activity. Returns the
    /// expiry granted, `None` if nothing is left to grant.
    pub fn hold(&mut self, now: DateTime<Utc>, minutes: u32) -> Option<DateTime<Utc>> {
        self.activity.hold(now, minutes)
    }

    /// Ends a hold (the exercise finished or was left).
    pub fn release_hold(&mut self) {
        self.activity.release();
    }

    /// Whether the idle time from settings has passed since the patient's last activity, with no
    /// hold running. A clock moved back counts as activity now, so it can neither lock at once nor
    /// keep the vault open for ever.
    pub fn idle_expired(&mut self, now: DateTime<Utc>) -> bool {
        let idle = chrono::Duration::minutes(i64::from(self.settings().auto_lock_minutes));
        self.activity.expired(now, idle)
    }

    /// Locks: the keys are wiped and the decrypted model dropped.
    pub fn lock(self) {
        drop(self);
    }

    /// Changes the passphrase after checking the current one. Only the passphrase slot is rewritten,
    /// in one transaction: after a crash at any point the old or the new passphrase opens the vault.
    pub fn change_passphrase(
        &mut self,
        current: &str,
        next: &str,
        params: KdfParams,
    ) -> Result<()> {
        crate::passphrase::check_acceptable(next)?;
        self.verify_passphrase(current)?;
        self.set_passphrase(next, params)
    }

    /// Checks the passphrase without changing anything (before destructive actions and step-up).
    /// Throttled like unlocking, by the same counter and gate: a wrong passphrase here counts as a
    /// failed unlock, and during a wait even the right one is refused.
    pub fn verify_passphrase(&self, passphrase: &str) -> Result<()> {
        self.verify_passphrase_at(passphrase, Utc::now(), Instant::now())
    }

    /// [`Vault::verify_passphrase`] with both clocks passed in.
    pub fn verify_passphrase_at(
        &self,
        passphrase: &str,
        now: DateTime<Utc>,
        mono: Instant,
    ) -> Result<()> {
        let gate = throttle::gate(&self.dir);
        let mut gate = throttle::enter(&gate);
        let (failures, last) = store::unlock_failures(&self.conn)?;
        let wait = gate.remaining(failures, last, now, mono);
        if wait > 0 {
            return Err(Error::LockedOut {
                retry_after_secs: wait,
            });
        }
        let slot = store::key_slot(&self.conn, SlotKind::Passphrase)?;
        if slot
            .open_with_passphrase(passphrase, &self.vault_id)?
            .is_some()
        {
            if failures > 0 {
                store::set_unlock_failures(&self.conn, 0, 0)?;
            }
            return Ok(());
        }
        let failures = failures.saturating_add(1);
        store::set_unlock_failures(&self.conn, failures, now.timestamp())?;
        gate.failed(failures, now.timestamp(), mono);
        Err(match lockout_delay_secs(failures) {
            0 => Error::WrongPassphrase,
            delay => Error::LockedOut {
                retry_after_secs: delay,
            },
        })
    }

    /// Sets a new passphrase (change or recovery). Quick unlock is turned off in the same
    /// transaction: a change of the root secret revokes every shortcut to it.
    fn set_passphrase(&self, passphrase: &str, params: KdfParams) -> Result<()> {
        let slot =
            KeySlot::for_passphrase(passphrase, params, &self.master, &self.vault_id, &self.rng)?;
        self.replace_slot_ending_quick_unlock(&slot)
    }

    fn replace_slot_ending_quick_unlock(&self, slot: &KeySlot) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        store::replace_key_slot(&tx, slot)?;
        store::remove_key_slot(&tx, SlotKind::Device)?;
        tx.commit()?;
        store::checkpoint(&self.conn)
    }

    /// Replaces the recovery key (after re-checking the passphrase); the old one stops working, and
    /// quick unlock is turned off.
    pub fn rotate_recovery_key(&mut self, passphrase: &str) -> Result<RecoveryKey> {
        self.verify_passphrase(passphrase)?;
        let recovery = RecoveryKey::generate(&self.rng);
        let slot = KeySlot::for_recovery(&recovery, &self.master, &self.vault_id, &self.rng);
        self.replace_slot_ending_quick_unlock(&slot)?;
        Ok(recovery)
    }

    /// "Someone may know my passphrase": after checking the current passphrase (throttled like
    /// unlocking), makes a new random master key and, in ONE transaction, reseals every record,
    /// writes a passphrase slot for `next` and a slot for a new recovery key, gives the lock-screen
    /// inbox a new key pair sealed under the new key, and drops the quick-unlock slot. A crash at any
    /// moment leaves the old vault (old passphrase and recovery key) or the new one, never a mix.
    /// The vault id stays. Returns the new recovery key, to show once.
    ///
    /// Entries waiting in the lock-screen inbox join the journal first, so none is lost with the
    /// old inbox key. Refused with [`Error::EntriesUnopened`], changing nothing, while the file holds
    /// a record row that is not in the model (it did not open at unlock): see
    /// [`Self::rotate_master_key_changing`] for why. Backups made before stay readable with the
    /// passphrase they were made with.
    pub fn rotate_master_key(
        &mut self,
        current: &str,
        next: &str,
        params: KdfParams,
    ) -> Result<RecoveryKey> {
        self.rotate_master_key_changing(current, next, params, |_| Ok(None))
    }

    /// [`Self::rotate_master_key`], with `change` giving, once the current passphrase is checked,
    /// a new version of any record (the clinic connection's next device key, see
    /// [`crate::sync::renewal`]): it is sealed under the new key in the same transaction.
    pub(crate) fn rotate_master_key_changing(
        &mut self,
        current: &str,
        next: &str,
        params: KdfParams,
        change: impl Fn(&StoredRecord) -> Result<Option<Record>>,
    ) -> Result<RecoveryKey> {
        crate::passphrase::check_acceptable(next)?;
        self.verify_passphrase(current)?;
        // Rotation writes back only what it can reseal, and resealing needs the plaintext. A row
        // that did not open at unlock (a damaged ciphertext, or one this version cannot parse) has
        // none to give, so going ahead would delete it from the file for good. Carrying its old
        // bytes over untouched is no better: they stay sealed under the OLD master key, which this
        // rotation exists to retire (the person who may know the passphrase could open them from a
        // later copy of the file, while the patient, whose new key cannot, never could again), and
        // they would break the promise that no old sealed byte is left. So the rotation refuses,
        // names how many, and changes nothing: the rows stay as they are, a backup from before the
        // damage may bring them back (restore it, then rotate), and a passphrase change alone
        // (`change_passphrase`, which rewraps the key and touches no record) works meanwhile.
        let unopened = self.unopened_rows()?;
        if unopened > 0 {
            return Err(Error::EntriesUnopened { count: unopened });
        }
        self.absorb_inbox()?;
        let mut changed = Vec::new();
        for stored in self.model.all() {
            if let Some(record) = change(stored)? {
                record.validate()?;
                changed.push(StoredRecord {
                    record,
                    ..stored.clone()
                });
            }
        }
        let master = MasterKey::generate(&self.rng);
        let recovery = RecoveryKey::generate(&self.rng);
        let slots = [
            KeySlot::for_passphrase(next, params, &master, &self.vault_id, &self.rng)?,
            KeySlot::for_recovery(&recovery, &master, &self.vault_id, &self.rng),
        ];
        let inbox_keys = inbox::new_keys(&master, &self.vault_id, &self.rng);
        let record_key = master.subkey(RECORD_KEY_PURPOSE);
        let rows: Vec<SealedRow> = self
            .model
            .all()
            .filter(|record| !changed.iter().any(|new| new.id == record.id))
            .chain(&changed)
            .map(|record| seal_with(&record_key, &self.rng, &self.vault_id, record))
            .collect();
        let tx = self.conn.unchecked_transaction()?;
        store::delete_all_records(&tx)?;
        for row in &rows {
            store::put_record(&tx, row)?;
        }
        for slot in &slots {
            store::replace_key_slot(&tx, slot)?;
        }
        store::remove_key_slot(&tx, SlotKind::Device)?;
        store::replace_inbox_keys(&tx, &self.vault_id, &inbox_keys)?;
        store::clear_inbox(&tx)?;
        tx.commit()?;
        for record in changed {
            self.model.put(record);
        }
        self.master = master;
        self.record_key = record_key;
        // The old blobs are zeroed in the file (secure_delete); flush them out of the WAL too.
        store::checkpoint(&self.conn)?;
        Ok(recovery)
    }

    /// How many record rows in the file are not in the model: rows that did not open at unlock (or
    /// were put in the file by something other than this vault since). Counted from the file itself,
    /// so nothing that [`Self::rotate_master_key`] would delete escapes the count.
    fn unopened_rows(&self) -> Result<u32> {
        let ids = store::record_ids(&self.conn)?;
        Ok(ids
            .iter()
            .filter(|id| id.is_none_or(|id| self.model.get(&RecordId(id)).is_none()))
            .count() as u32)
    }

    /// Turns quick unlock on (after re-checking the passphrase, which stays the root): a fresh
    /// random device key wraps the master key in the device slot, replacing any earlier one. The
    /// caller hands the key to the platform keystore behind biometrics and keeps no other copy.
    pub fn enable_quick_unlock(&mut self, passphrase: &str) -> Result<DeviceKey> {
        self.verify_passphrase(passphrase)?;
        let device = DeviceKey::generate(&self.rng);
        let slot = KeySlot::for_device(&device, &self.master, &self.vault_id, &self.rng);
        store::replace_key_slot(&self.conn, &slot)?;
        store::checkpoint(&self.conn)?;
        Ok(device)
    }

    /// Turns quick unlock off: the device slot is removed (its bytes zeroed), so a key the keystore
    /// still holds opens nothing.
    pub fn disable_quick_unlock(&mut self) -> Result<()> {
        store::remove_key_slot(&self.conn, SlotKind::Device)?;
        store::checkpoint(&self.conn)
    }

    /// Whether quick unlock is on.
    pub fn quick_unlock_enabled(&self) -> Result<bool> {
        Ok(store::optional_key_slot(&self.conn, SlotKind::Device)?.is_some())
    }

    /// The KDF parameters of the current passphrase slot.
    pub fn passphrase_params(&self) -> Result<KdfParams> {
        Ok(store::key_slot(&self.conn, SlotKind::Passphrase)?.params())
    }

    /// Writes an encrypted backup of the whole vault to `path` (replacing a file there atomically).
    pub fn export_backup(&self, path: &Path) -> Result<()> {
        backup::write(self, path)
    }

    /// Writes every record as readable JSON to `path`, a place the patient chose. This is the one
    /// deliberate plaintext output: the patient's own copy of their data.
    /// The device's clinic key and the sync outbox are left out: they are not journal content, and a
    /// private key must never be written in the clear.
    /// Step-up: the passphrase is asked again even while unlocked (checked through the lockout's
    /// counter), so someone at an unlocked device cannot carry the journal away in the clear.
    pub fn export_plain_json(&self, path: &Path, passphrase: &str) -> Result<()> {
        self.verify_passphrase(passphrase)?;
        let mut records: Vec<&StoredRecord> = self
            .model
            .all()
            .filter(|r| !r.record.kind().is_app_state())
            .collect();
        records.sort_by_key(|r| (r.record.occurred_at().unwrap_or(r.created.utc), r.id));
        let json = Zeroizing::new(
            serde_json::to_vec_pretty(
                &serde_json::json!({ "format": "tideline-export-1", "records": records }),
            )
            .expect("records always serialize"),
        );
        write_file_atomically(path, &json)
    }

    /// Deletes the vault for real after checking the passphrase: the files are overwritten with
    /// zeros, flushed, then removed.
    pub fn wipe(self, passphrase: &str) -> Result<()> {
        self.verify_passphrase(passphrase)?;
        let dir = self.dir.clone();
        drop(self);
        let path = store::vault_path(&dir);
        for file in std::iter::once(path.clone()).chain(store::sidecar_paths(&path)) {
            overwrite_and_remove(&file)?;
        }
        sync_dir(&dir)
    }

    pub(crate) fn vault_id(&self) -> &[u8; 16] {
        &self.vault_id
    }

    pub(crate) fn master(&self) -> &MasterKey {
        &self.master
    }

    pub(crate) fn key_slots(&self) -> Result<Vec<KeySlot>> {
        Ok(vec![
            store::key_slot(&self.conn, SlotKind::Passphrase)?,
            store::key_slot(&self.conn, SlotKind::Recovery)?,
        ])
    }
}

/// Seals one record under `key` (the record subkey of a master key).
fn seal_with(
    key: &LessSafeKey,
    rng: &SystemRandom,
    vault_id: &[u8; 16],
    record: &StoredRecord,
) -> SealedRow {
    let json = Zeroizing::new(serde_json::to_vec(record).expect("records always serialize"));
    let padded = Zeroizing::new(envelope::pad(&json));
    let sealed = envelope::seal(
        key,
        rng,
        RECORD_MAGIC,
        RECORD_VERSION,
        &record_aad(vault_id, &record.id.0),
        &padded,
    );
    SealedRow {
        id: record.id.0,
        format: RECORD_VERSION,
        sealed,
        head: head::seal(key, rng, vault_id, record),
    }
}

/// The associated data of a record: what binds its ciphertext to this vault and this row.
fn record_aad(vault_id: &[u8; 16], id: &[u8; 16]) -> [u8; 47] {
    envelope::row_aad(b"tideline record", vault_id, id)
}

/// Opens one sealed row, decrypting into `buf` (reused between rows); `None` when it does not open
/// (tampered, swapped or damaged).
fn open_row(
    key: &LessSafeKey,
    vault_id: &[u8; 16],
    id: [u8; 16],
    format: u8,
    sealed: &[u8],
    buf: &mut Vec<u8>,
) -> Option<StoredRecord> {
    if format != RECORD_VERSION {
        return None;
    }
    let aad = record_aad(vault_id, &id);
    let padded = envelope::open_into(key, RECORD_MAGIC, RECORD_VERSION, &aad, sealed, buf).ok()?;
    let record = StoredRecord::from_json(envelope::unpad(padded)?).ok()?;
    // The id inside must be the row's id: a valid ciphertext copied onto another row fails here
    // even before the associated data would catch it.
    (record.id.0 == id).then_some(record)
}

fn overwrite_and_remove(path: &Path) -> Result<()> {
    use std::io::Write;
    let len = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
    let zeros = vec![0u8; 64 * 1024];
    let mut left = len;
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        file.write_all(&zeros[..n])?;
        left -= n as u64;
    }
    file.sync_all()?;
    drop(file);
    std::fs::remove_file(path)?;
    Ok(())
}

/// Removes a database file and its sidecars if present.
fn remove_db_files(db: &Path) -> Result<()> {
    remove_db_files_sidecars(db)?;
    match std::fs::remove_file(db) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

fn remove_db_files_sidecars(db: &Path) -> Result<()> {
    for side in store::sidecar_paths(db) {
        match std::fs::remove_file(&side) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    Ok(())
}

/// Makes a rename or removal in `dir` durable.
fn sync_dir(dir: &Path) -> Result<()> {
    // Directories cannot be opened for syncing on every platform; where they can (Unix), the
    // rename is only durable once the directory entry is.
    if cfg!(unix) {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same directory, fsynced and renamed, so
/// the destination holds either its old content or all of the new.
pub(crate) fn write_file_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or(crate::error::Invalid::new("path", "choose a file name"))?;
    let tmp = dir.join(format!(".{}.partial", name.to_string_lossy()));
    let result = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Reports whether `dir` holds a vault that the file checks accept, without unlocking it: the
/// cheap checks of opening and the whole-file check of unlocking.
pub fn check_file(dir: &Path) -> Result<()> {
    let path = store::vault_path(dir);
    store::open_existing(&path)?;
    store::verify(&path)
}

/// The path of the vault file in `dir` (for tests and tools that scan the data directory).
pub fn vault_file(dir: &Path) -> PathBuf {
    store::vault_path(dir)
}
