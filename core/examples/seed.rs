//! Creates a vault with many craving entries, for measuring the app with a realistic load.
//!
//! `cargo run --release -p tideline-core --example seed -- DIR COUNT PASSPHRASE`
//!
//! Also prints Argon2id's own time with the vault's parameters (the median of three), the figure
//! README's "unlock to home" goal is set against.

use chrono::{Duration, NaiveDate, Utc};
use tideline_core::craving::{CravingEntry, Intensity, Trigger};
use tideline_core::onboarding::create_vault;
use tideline_core::record::Record;
use tideline_core::time::{Stamp, Zone};
use tideline_core::vault::KdfParams;

const WORDS: &[&str] = &[
    "work", "home", "party", "friend", "brother", "payday", "stress", "bored", "tired", "angry",
    "lonely", "bar", "music", "evening", "argument", "walked", "called", "sponsor", "breathed",
    "meeting", "kitchen", "commute",
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, count, passphrase] = args.as_slice() else {
        eprintln!("usage: seed DIR COUNT PASSPHRASE");
        std::process::exit(2);
    };
    let count: usize = count.parse().expect("COUNT is a number");
    let zone: Zone = "America/New_York".parse().expect("a known zone");
    let now = Utc::now();
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).expect("a valid date");
    let (mut vault, _) = create_vault(
        dir.as_ref(),
        passphrase,
        start,
        zone,
        KdfParams::DEFAULT,
        now,
    )
    .unwrap_or_else(|e| panic!("could not create the vault: {e}"));
    let records = (0..count)
        .map(|i| {
            let at = now - Duration::minutes(i as i64 * 9);
            let mut e = CravingEntry::new(
                Stamp::new(at, zone),
                Intensity::try_from((i % 11) as u8).expect("0-10"),
            );
            let w = |k: usize| WORDS[(i * 7 + k * 5) % WORDS.len()];
            e.situation = Some(format!("{} after {} with my {}", w(0), w(1), w(2)));
            e.coping = Some(format!("{} and {}", w(3), w(4)));
            e.triggers = vec![Trigger::Place {
                label: w(5).to_owned(),
            }];
            Record::Craving(e)
        })
        .collect();
    vault
        .save_many(records, Stamp::new(now, zone))
        .unwrap_or_else(|e| panic!("could not save: {e}"));
    println!("created {dir} with {count} craving entries");
    println!(
        "FIGURE Argon2id alone (m = 64 MiB, t = 3, p = 1): tideline {:.3} s",
        argon2id_seconds(KdfParams::DEFAULT)
    );
}

/// Argon2id with `params` on a 32-byte output, the median of three.
fn argon2id_seconds(params: KdfParams) -> f64 {
    use argon2::{Algorithm, Argon2, Params, Version};
    let argon = Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        Params::new(
            params.memory_kib,
            params.iterations,
            params.parallelism,
            Some(32),
        )
        .expect("valid parameters"),
    );
    let mut times: Vec<f64> = (0..3)
        .map(|_| {
            let mut out = [0u8; 32];
            let started = std::time::Instant::now();
            argon
                .hash_password_into(b"measure passphrase", b"a salt for timing", &mut out)
                .expect("Argon2id runs");
            started.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[1]
}
