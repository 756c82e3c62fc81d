//! Fixtures built by code: vaults, records and clocks.

use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};
use tideline_core::craving::{CravingEntry, Intensity};
use tideline_core::record::Record;
use tideline_core::time::{Stamp, Zone};
use tideline_core::vault::{KdfParams, RecoveryKey, Vault};

/// The passphrase the fixtures use.
pub const PASS: &str = "lantern river oatmeal violet";

/// Tests use the floor parameters: the same code path as the default, a quarter of the cost.
pub const PARAMS: KdfParams = KdfParams::FLOOR;

/// A fixed "now" so nothing depends on the machine's clock.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 18, 30, 0).unwrap()
}

pub fn zone() -> Zone {
    "America/New_York".parse().unwrap()
}

pub fn stamp(at: DateTime<Utc>) -> Stamp {
    Stamp::new(at, zone())
}

pub fn new_vault(dir: &Path) -> (Vault, RecoveryKey) {
    Vault::create(dir, PASS, PARAMS, t0()).expect("a vault is created in an empty directory")
}

/// A craving entry with `text` as its situation.
pub fn craving(text: &str, intensity: u8, at: DateTime<Utc>) -> Record {
    let mut entry = CravingEntry::new(stamp(at), Intensity::try_from(intensity).unwrap());
    entry.situation = Some(text.to_owned());
    Record::Craving(entry)
}

/// The situation text of a craving record.
pub fn situation(record: &Record) -> &str {
    match record {
        Record::Craving(c) => c.situation.as_deref().unwrap_or(""),
        other => panic!("expected a craving, got {:?}", other.kind()),
    }
}

/// Flips the last byte of a stored record's sealed bytes in the file, as damage or an edit would.
pub fn tamper_with_record(dir: &Path, id: &tideline_core::record::RecordId) {
    let conn = rusqlite::Connection::open(dir.join("vault.db")).unwrap();
    let mut sealed: Vec<u8> = conn
        .query_row(
            "SELECT sealed FROM records WHERE id = ?1",
            [&id.as_bytes()[..]],
            |r| r.get(0),
        )
        .unwrap();
    let last = sealed.len() - 1;
    sealed[last] ^= 1;
    conn.execute(
        "UPDATE records SET sealed = ?1 WHERE id = ?2",
        rusqlite::params![sealed, &id.as_bytes()[..]],
    )
    .unwrap();
}
