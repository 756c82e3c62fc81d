//! Vault performance: the figures in the README's Performance section come from here.
//!
//! `cargo bench -p tideline-core --bench vault`

use std::hint::black_box;

use chrono::{Duration, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use tideline_core::craving::{CravingEntry, Intensity, Trigger};
use tideline_core::record::Record;
use tideline_core::time::{Stamp, Zone};
use tideline_core::vault::{KdfParams, Query, Vault};

const RECORDS: usize = 50_000;
/// The sizes the load figure is taken at, to show it grows linearly.
const SIZES: [usize; 3] = [10_000, 50_000, 100_000];
const PASS: &str = "benchmark passphrase of decent length";
const WORDS: &[&str] = &[
    "work",
    "home",
    "party",
    "friend",
    "brother",
    "payday",
    "stress",
    "bored",
    "tired",
    "angry",
    "lonely",
    "bar",
    "music",
    "evening",
    "argument",
    "walked",
    "called",
    "sponsor",
    "breathed",
    "meeting",
    "kitchen",
    "commute",
    "weekend",
    "celebration",
    "anxious",
    "restless",
    "television",
    "neighbour",
    "cousin",
];

fn entry(i: usize, zone: Zone) -> Record {
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + Duration::minutes(i as i64 * 13);
    let mut e = CravingEntry::new(
        Stamp::new(at, zone),
        Intensity::try_from((i % 11) as u8).unwrap(),
    );
    let w = |k: usize| WORDS[(i * 7 + k * 13) % WORDS.len()];
    e.situation = Some(format!(
        "{} after {} with my {}, entry {i}",
        w(0),
        w(1),
        w(2)
    ));
    e.thoughts_and_feelings = Some(format!("felt {} and {}", w(3), w(4)));
    e.coping = Some(format!("{} and {}", w(5), w(6)));
    e.triggers = vec![Trigger::Place {
        label: w(7).to_owned(),
    }];
    Record::Craving(e)
}

fn setup(dir: &std::path::Path, params: KdfParams, count: usize) -> Vault {
    let zone: Zone = "America/Chicago".parse().unwrap();
    let now = Utc::now();
    let (mut vault, _) = Vault::create(dir, PASS, params, now).unwrap();
    let records = (0..count).map(|i| entry(i, zone)).collect();
    vault.save_many(records, Stamp::new(now, zone)).unwrap();
    vault
}

/// Prints the vault file's size per entry and its ratio to the sealed bytes the file holds.
fn print_file_size(dir: &std::path::Path, count: usize) {
    let path = tideline_core::vault::vault_file(dir);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    // Records and their heads: every sealed byte the file holds.
    let sealed: i64 = conn
        .query_row(
            "SELECT (SELECT sum(length(sealed)) FROM records) + (SELECT sum(length(sealed)) FROM heads)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let page: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    drop(conn);
    let file = std::fs::metadata(&path).unwrap().len() as f64;
    println!(
        "FIGURE vault file, {count} entries: {:.1} MB, {:.0} B an entry, {:.2}x the {:.1} MB sealed ({page} B pages)",
        file / 1e6,
        file / count as f64,
        file / sealed as f64,
        sealed as f64 / 1e6,
    );
}

fn load_at_sizes(c: &mut Criterion) {
    let mut group = c.benchmark_group("vault_load");
    group.sample_size(10);
    for count in SIZES {
        let dir = tempfile::tempdir().unwrap();
        // The floor parameters: only the part after the key is timed here.
        let mut vault = setup(dir.path(), KdfParams::FLOOR, count);
        drop(vault);
        print_file_size(dir.path(), count);
        vault = Vault::unlock(dir.path(), PASS, Utc::now()).unwrap().0;
        group.bench_function(format!("load_and_index_after_key_{count}"), |b| {
            b.iter(|| black_box(vault.reload().unwrap()))
        });
        // What unlocking opens first, so home can answer before the whole load: every head, then
        // the few records home reads.
        group.bench_function(format!("home_reads_after_key_{count}"), |b| {
            b.iter(|| {
                black_box(
                    vault
                        .early_view(Utc::now())
                        .unwrap()
                        .expect("heads complete"),
                )
            })
        });
        // The word index is built by the first text search: its cost, with the load before it.
        group.bench_function(format!("load_then_first_text_search_{count}"), |b| {
            let q = Query {
                text: Some("anxious kitch".into()),
                ..Query::default()
            };
            b.iter(|| {
                vault.reload().unwrap();
                black_box(vault.query(&q).len())
            })
        });
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = setup(dir.path(), KdfParams::DEFAULT, RECORDS);
    let zone: Zone = "America/Chicago".parse().unwrap();

    let mut group = c.benchmark_group("vault_50k");
    group.sample_size(10);
    group.bench_function("text_search", |b| {
        let q = Query {
            text: Some("anxious kitch".into()),
            ..Query::default()
        };
        b.iter(|| black_box(vault.query(&q).len()))
    });
    group.bench_function("text_search_single_common_word", |b| {
        let q = Query {
            text: Some("work".into()),
            limit: Some(200),
            ..Query::default()
        };
        b.iter(|| black_box(vault.query(&q).len()))
    });
    group.bench_function("durable_add_one_craving", |b| {
        let mut i = RECORDS;
        b.iter(|| {
            i += 1;
            black_box(
                vault
                    .save(None, entry(i, zone), Stamp::new(Utc::now(), zone))
                    .unwrap(),
            )
        })
    });
    drop(vault);
    group.bench_function("unlock_with_argon2id_default_params", |b| {
        b.iter(|| black_box(Vault::unlock(dir.path(), PASS, Utc::now()).unwrap()))
    });
    group.finish();
}

criterion_group!(vault, load_at_sizes, benches);
criterion_main!(vault);
