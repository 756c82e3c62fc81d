//! Which engine the clinic's tests run on. Without `TIDELINE_TEST_POSTGRES` (a plain `cargo test`):
//! SQLite in each test's data directory. With it (set by `scripts/pg.sh run`, which starts a private
//! PostgreSQL cluster and stops it afterwards): every data directory gets its own fresh PostgreSQL
//! database in that cluster, and servers, CLI runs and direct connections of the test all use it. The
//! data directory still holds the audit key and checkpoint, as in production.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use tideline_clinic::db::Connection;
use tideline_clinic::store::{self, Database};

/// The cluster's connection string, when the tests run on PostgreSQL.
pub fn postgres() -> Option<String> {
    std::env::var("TIDELINE_TEST_POSTGRES")
        .ok()
        .filter(|url| !url.is_empty())
}

/// The PostgreSQL database of a data directory (made on first use), or `None` on SQLite.
pub fn database_for(data_dir: &Path) -> Option<String> {
    let base = postgres()?;
    static MADE: OnceLock<Mutex<HashMap<PathBuf, String>>> = OnceLock::new();
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let mut made = MADE.get_or_init(Default::default).lock().unwrap();
    if let Some(url) = made.get(data_dir) {
        return Some(url.clone());
    }
    let name = format!(
        "t{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    tideline_clinic::db::off_runtime(|| {
        let mut admin = postgres::Client::connect(&base, postgres::NoTls)
            .expect("the test PostgreSQL cluster (TIDELINE_TEST_POSTGRES) is not reachable");
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
    });
    let url = if base.contains("dbname=postgres") {
        base.replace("dbname=postgres", &format!("dbname={name}"))
    } else {
        format!("{base} dbname={name}")
    };
    made.insert(data_dir.to_owned(), url.clone());
    Some(url)
}

/// Where a data directory's clinic lives on the engine under test.
pub fn database(data_dir: &Path) -> Database {
    Database::choose(database_for(data_dir).as_deref(), data_dir)
}

/// A direct connection to a data directory's database (migrated, carrying the audit key).
pub fn connect(data_dir: &Path) -> Connection {
    std::fs::create_dir_all(data_dir).unwrap();
    store::connect(&database(data_dir), data_dir).unwrap()
}

/// The `--database` arguments for the CLI on a data directory (none on SQLite).
pub fn cli_args(data_dir: &Path) -> Vec<String> {
    database_for(data_dir)
        .map(|url| vec!["--database".to_owned(), url])
        .unwrap_or_default()
}

/// Runs `update` on the audit table past its append-only trigger, as someone with write access to the
/// database could (the tests show verification finds it).
pub fn tamper(conn: &Connection, update: &str) {
    let lift = match conn.engine() {
        tideline_clinic::db::Engine::Sqlite => "DROP TRIGGER audit_no_update",
        tideline_clinic::db::Engine::Postgres => {
            "ALTER TABLE audit DISABLE TRIGGER audit_no_update"
        }
    };
    conn.execute_batch(lift).unwrap();
    conn.execute_batch(update).unwrap();
}

/// Whether `marker` is in any row of any table (each row read as text).
pub fn in_rows(conn: &Connection, marker: &[u8]) -> bool {
    let marker = String::from_utf8_lossy(marker).into_owned();
    tideline_clinic::copy::TABLES.iter().any(|table| {
        let found: i64 = conn
            .query_row(
                &format!("SELECT count(*) FROM {table} t WHERE strpos(t::text, ?1) > 0"),
                [&marker],
                |row| row.get(0),
            )
            .unwrap();
        found > 0
    })
}
