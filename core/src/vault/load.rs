//! Unlocking's part after the key: every record row read, decrypted and parsed into the model.
//!
//! It runs on a thread of its own ([`spawn`]) with a read-only connection of its own, so unlocking
//! can answer as soon as the key has opened (see `Loading` in mod.rs). That thread reads the rows
//! (batches of [`BATCH`] rows, their sealed bytes in one buffer each) while one worker a core
//! decrypts and parses the batches as they come, so reading overlaps decrypting; a bounded queue
//! keeps only a few batches of sealed bytes in memory at a time. Each worker opens every record into
//! one reused plaintext buffer, zeroed when the worker ends. The parts are put back in storage
//! order, so the model is the same whatever the threads' timing.

use std::path::PathBuf;
use std::sync::{mpsc, Mutex};
use std::thread::JoinHandle;

use ring::aead::LessSafeKey;
use rusqlite::Connection;
use zeroize::Zeroizing;

use super::model::Part;
use super::open_row;
use super::store::{self, RowBatch};
use crate::error::Result;
use crate::record::RecordId;

/// Rows a batch carries from the reading thread to a worker.
const BATCH: usize = 256;

/// A decrypted batch: its place in storage order, its records, and the ids of rows that did not open.
type OpenedBatch = (usize, Part, Vec<RecordId>);

/// Every record opened: the parts in storage order and the ids of the rows that did not open.
pub(super) type Opened = (Vec<Part>, Vec<RecordId>);

/// Reads and opens every record of the vault at `path` on a thread of its own, over a read-only
/// connection of its own whose memory map (see [`store::map_file`]) ends with it.
pub(super) fn spawn(
    path: PathBuf,
    key: LessSafeKey,
    vault_id: [u8; 16],
) -> JoinHandle<Result<Opened>> {
    std::thread::spawn(move || {
        let conn = store::open_reader(&path)?;
        store::map_file(&conn, true)?;
        open_all(&conn, &key, &vault_id)
    })
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
