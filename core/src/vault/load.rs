//! Unlocking's part after the key: every record row read, decrypted and parsed into the model.
//!
//! It runs on a thread of its own ([`spawn`]) with a read-only connection of its own, so unlocking
//! can answer as soon as the key has opened (see `Loading` in mod.rs). That thread reads the rows
//! (batches of [`BATCH`] rows, their sealed bytes in one buffer each) while one worker a core
//! decrypts and parses the batches as they come, so reading overlaps decrypting; a bounded queue
//! keeps only a few batches of sealed bytes in memory at a time. Each worker opens every record into
//! one reused plaintext buffer, zeroed when the worker ends. The parts are put back in storage
//! order, so the model is the same whatever the threads' timing.
//!
//! Before all that, [`early`] opens only what the home screen reads ([`Reads`]): every record's head
//! (`head.rs`), then the records those heads pick, into a model of their own ([`EarlyView`]), which
//! answers the home screen exactly as the whole model will, or is not made at all.

use std::path::PathBuf;
use std::sync::{mpsc, Mutex};
use std::thread::JoinHandle;

use chrono::{DateTime, Utc};
use ring::aead::LessSafeKey;
use rusqlite::Connection;
use zeroize::Zeroizing;

use super::head::{self, Head};
use super::model::{Model, Part, Query};
use super::store::{self, RowBatch};
use super::{open_row, visible, Records};
use crate::error::Result;
use crate::record::{RecordId, RecordKind, StoredRecord};

/// Rows a batch carries from the reading thread to a worker.
const BATCH: usize = 256;

/// A decrypted batch: its place in storage order, its records, and the ids of rows that did not open.
type OpenedBatch = (usize, Part, Vec<RecordId>);

/// Every record opened: the parts in storage order and the ids of the rows that did not open.
pub(super) type Opened = (Vec<Part>, Vec<RecordId>);

/// What a screen reads from the vault, for [`early`]: every record of the kinds in `every`, and the
/// `newest` entries of the kinds in `latest` that happened before `days_ahead` days after the moment
/// it asks (newest first, the model's time order). [`HOME_READS`] is the home screen's.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reads {
    pub(crate) every: &'static [RecordKind],
    pub(crate) latest: &'static [RecordKind],
    pub(crate) newest: u32,
    pub(crate) days_ahead: i64,
}

/// Everything the window reads as it shows home after an unlock: `summary::home` and the care plan
/// (`care::plan`) read the program, the clinic's course of care (and the connection it depends on),
/// every session, and the five newest entries up to a day ahead; home's card of the next session
/// reads that session, its device warning the connection, and the theme the settings. Unlocking
/// opens these first, so all of it can be answered before the rest of the vault is read
/// ([`super::EarlyHandle`]); `summary::home` builds its query from these values. (Here, not in
/// `summary`, so the vault depends on no screen.)
pub(crate) const HOME_READS: Reads = Reads {
    every: &[
        RecordKind::Program,
        RecordKind::Connection,
        RecordKind::CareCourse,
        RecordKind::Session,
        RecordKind::Settings,
    ],
    latest: &[RecordKind::Craving, RecordKind::Halt, RecordKind::Urge],
    newest: 5,
    days_ahead: 1,
};

/// How long after the unlock an early view answers: far longer than any load takes (the view is
/// for the moments while the records load), and it bounds how many entries dated ahead of the clock
/// the view must open.
const VALID_FOR: chrono::Duration = chrono::Duration::minutes(10);

/// The records a screen reads ([`Reads`]), opened before the rest of the vault. Proven enough for
/// any moment from `at` to `at` + [`VALID_FOR`]: it holds every record of the `every` kinds, and
/// every `latest` entry at or after the `newest`-th newest one that counted at `at`, up to the
/// latest that can count in that time; later moments only let more of the newer ones count. Outside
/// that time (the clock went back, or the view is that old) it proves nothing, and
/// [`super::EarlyHandle::view`] does not give it.
#[derive(Debug)]
pub struct EarlyView {
    model: Model,
    at: DateTime<Utc>,
    reads: Reads,
}

impl EarlyView {
    /// Whether it answers at `now` as the whole vault would.
    pub(crate) fn answers_at(&self, now: DateTime<Utc>) -> bool {
        self.at <= now && now < self.at + VALID_FOR
    }

    /// Whether it holds every record of each of `kinds` (at least one kind), so any query of those
    /// kinds without text answers as the whole vault would.
    pub fn holds_every(&self, kinds: &[RecordKind]) -> bool {
        !kinds.is_empty() && kinds.iter().all(|k| self.reads.every.contains(k))
    }

    /// Whether a query stays within what was read: every kind it asks for is one read.
    fn covers(&self, kinds: &[RecordKind]) -> bool {
        !kinds.is_empty()
            && kinds
                .iter()
                .all(|k| self.reads.every.contains(k) || self.reads.latest.contains(k))
    }
}

impl Records for EarlyView {
    fn query(&self, query: &Query) -> Vec<&StoredRecord> {
        debug_assert!(
            self.covers(&query.kinds),
            "a query beyond what was read early"
        );
        visible(self.model.query(query))
    }

    fn of_kind(&self, kind: RecordKind) -> impl Iterator<Item = &StoredRecord> {
        debug_assert!(
            self.reads.every.contains(&kind),
            "every {kind:?} was not read early"
        );
        self.model.of_kind(kind)
    }
}

/// Reads and opens every record of the vault at `path` on a thread of its own, over a read-only
/// connection of its own whose memory map (see [`store::map_file`]) ends with it. First it sends, on
/// the channel returned, what `reads` asks for at `now` ([`early`]), or `None`.
pub(super) fn spawn(
    path: PathBuf,
    key: LessSafeKey,
    vault_id: [u8; 16],
    reads: Reads,
    now: DateTime<Utc>,
) -> (
    JoinHandle<Result<Opened>>,
    mpsc::Receiver<Option<EarlyView>>,
) {
    let (send, early_view) = mpsc::sync_channel(1);
    let records = std::thread::spawn(move || {
        let conn = store::open_reader(&path)?;
        // Whatever happens to the early view, the whole load goes ahead (and the receiver may be gone).
        let _ = send.send(early(&conn, &key, &vault_id, reads, now).ok().flatten());
        drop(send);
        store::map_file(&conn, true)?;
        open_all(&conn, &key, &vault_id)
    });
    (records, early_view)
}

/// Opens every head, then only the records `reads` needs at `now`, in one read transaction (heads and
/// records of one moment). `None` when that cannot be proven the same as the whole vault: the heads
/// are not all written yet (a vault from before them, until its first unlock has finished), an
/// entry waits in the lock screen's inbox (it joins only after the whole load), or a head or a
/// record it picks does not open or disagrees with its head.
pub(super) fn early(
    conn: &Connection,
    key: &LessSafeKey,
    vault_id: &[u8; 16],
    reads: Reads,
    now: DateTime<Utc>,
) -> Result<Option<EarlyView>> {
    store::atomically(conn, || {
        if !store::heads_complete(conn)? || !store::inbox_is_empty(conn)? {
            return Ok(None);
        }
        let mut buf = Zeroizing::new(Vec::new());
        // Opened as they are read: only the small (id, head) pairs are kept, never the sealed bytes.
        let mut heads = Vec::new();
        let mut all_open = true;
        store::each_head(conn, |id, sealed| {
            match head::open(key, vault_id, &id, sealed, &mut buf) {
                Some(head) if all_open => heads.push((id, head)),
                _ => all_open = false,
            }
        })?;
        if !all_open {
            return Ok(None);
        }
        let mut records = Vec::new();
        // Storage order (by id), as the whole load puts them: entries of the same time keep their order.
        for (id, head) in picked(heads, reads, now) {
            let Some((format, sealed)) = store::record_row(conn, &id)? else {
                return Ok(None);
            };
            match open_row(key, vault_id, id, format, &sealed, &mut buf) {
                Some(record) if Head::of(&record) == head => records.push(record),
                _ => return Ok(None),
            }
        }
        Ok(Some(EarlyView {
            model: Model::from_parts(vec![Part::new(records)]),
            at: now,
            reads,
        }))
    })
}

/// The heads of the records `reads` needs from `now` to `now` + [`VALID_FOR`], in id order (see
/// [`EarlyView`]).
fn picked(
    mut heads: Vec<([u8; 16], Head)>,
    reads: Reads,
    now: DateTime<Utc>,
) -> Vec<([u8; 16], Head)> {
    let horizon = now + chrono::Duration::days(reads.days_ahead);
    let last_horizon = horizon + VALID_FOR;
    let mut counted: Vec<DateTime<Utc>> = heads
        .iter()
        .filter(|(_, h)| reads.latest.contains(&h.kind) && h.at < horizon)
        .map(|(_, h)| h.at)
        .collect();
    counted.sort_unstable_by(|a, b| b.cmp(a));
    // Every entry from the `newest`-th newest that counts now; all of them when fewer count.
    let from = (reads.newest as usize)
        .checked_sub(1)
        .and_then(|last| counted.get(last).copied());
    heads.retain(|(_, h)| {
        reads.every.contains(&h.kind)
            || (reads.latest.contains(&h.kind)
                && from.is_none_or(|from| h.at >= from)
                && h.at < last_horizon)
    });
    heads.sort_unstable_by_key(|(id, _)| *id);
    heads
}

/// Reads and opens every record row. Returns the parts in storage order and the ids of the rows
/// that did not open (tampered, swapped or damaged), sorted.
pub(super) fn open_all(
    conn: &Connection,
    key: &LessSafeKey,
    vault_id: &[u8; 16],
) -> Result<Opened> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let (to_workers, queue) = mpsc::sync_channel::<(usize, RowBatch)>(workers * 2);
    let queue = Mutex::new(queue);
    let (to_joiner, opened) = mpsc::channel::<OpenedBatch>();
    let (read, mut batches) = std::thread::scope(|scope| {
        for _ in 0..workers {
            let (queue, to_joiner) = (&queue, to_joiner.clone());
            scope.spawn(move || {
                let mut buf = Zeroizing::new(Vec::new());
                // The queue's lock is held only to take the next batch.
                while let Some((n, batch)) = next(queue) {
                    let (part, damaged) = open_batch(key, vault_id, &batch, &mut buf);
                    if to_joiner.send((n, part, damaged)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(to_joiner);
        let mut n = 0;
        let read = store::record_batches(conn, BATCH, |batch| {
            // A send fails only if every worker has gone, which only a panic (propagated by the
            // scope) does.
            let _ = to_workers.send((n, batch));
            n += 1;
        });
        drop(to_workers);
        (read, opened.iter().collect::<Vec<OpenedBatch>>())
    });
    read?;
    batches.sort_unstable_by_key(|(n, ..)| *n);
    let mut damaged = Vec::new();
    let parts = batches
        .into_iter()
        .map(|(_, part, bad)| {
            damaged.extend(bad);
            part
        })
        .collect();
    damaged.sort();
    Ok((parts, damaged))
}

fn next(queue: &Mutex<mpsc::Receiver<(usize, RowBatch)>>) -> Option<(usize, RowBatch)> {
    queue.lock().ok()?.recv().ok()
}

fn open_batch(
    key: &LessSafeKey,
    vault_id: &[u8; 16],
    batch: &RowBatch,
    buf: &mut Vec<u8>,
) -> (Part, Vec<RecordId>) {
    let mut records = Vec::with_capacity(batch.len());
    let mut damaged = Vec::new();
    for (id, format, sealed) in batch.iter() {
        match open_row(key, vault_id, id, format, sealed, buf) {
            Some(record) => records.push(record),
            None => damaged.push(RecordId(id)),
        }
    }
    (Part::new(records), damaged)
}
