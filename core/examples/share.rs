//! A small command line over `tideline_core::share`, for end-to-end tests that need a real patient
//! device (the portal's tests drive it against a running clinic server). Not part of the app.
//!
//! The vault's passphrase comes from the environment variable `TIDELINE_TEST_PASSPHRASE` (never from
//! the command line, where other users could read it); the vault uses the floor Argon2id cost so the
//! commands are quick. Times are the machine's clock; the zone is `America/Chicago`.
//!
//! ```text
//! TIDELINE_TEST_PASSPHRASE='a long test passphrase' \
//!   cargo run -p tideline-core --example share -- enroll --vault DIR --server URL --code CODE \
//!     [--ca CERT.pem] [--entry TEXT]...
//!     creates a new vault in DIR, saves one craving entry per --entry (TEXT is its situation;
//!     intensities 6, 7, ...; one hour apart, the latest an hour ago), connects with the one-time CODE;
//!     prints "connected <device id> <patient>"
//! share send --vault DIR --expires YYYY-MM-DD
//!     shares every craving, HALT and urge entry in the vault with the care team until the end of
//!     that day; prints "consent <clinic consent id> <local consent id>"
//!     (exit status 3 and "offline" when the clinic cannot be reached; the consent stays "sending")
//! share resend --vault DIR --consent LOCAL_ID
//!     sends a consent still "sending" again; prints like send
//! share revoke --vault DIR --consent ID
//!     revokes the consent (ID: the clinic's consent id or the local id); prints "revoked <clinic id>"
//! share list --vault DIR
//!     one line per consent: "<local id> <state> <clinic id or -> <entries>"
//! share accounting --vault DIR --consent ID
//!     one line per view by clinic staff: "<RFC 3339 time> <entries viewed> <name>"
//! share report --vault DIR --out FILE.pdf
//!     writes the offline PDF report of every shareable entry (no clinic needed)
//! ```
//!
//! Errors print the core's fixed message (never journal text) and exit with status 1 (3 for offline).

use std::path::PathBuf;
use tideline_core::language::Lang;

use chrono::{Duration, NaiveDate, Utc};
use ring::rand::SystemRandom;
use tideline_core::craving::{CravingEntry, Intensity};
use tideline_core::record::{Record, RecordId};
use tideline_core::share::{self, ConsentSummary, ConsentTerms, SharePurpose, ShareSelection};
use tideline_core::time::{Stamp, Zone};
use tideline_core::vault::{KdfParams, Vault};
use tideline_core::Error;

struct Args {
    command: String,
    vault: Option<PathBuf>,
    server: Option<String>,
    code: Option<String>,
    ca: Option<PathBuf>,
    entries: Vec<String>,
    expires: Option<NaiveDate>,
    consent: Option<String>,
    out: Option<PathBuf>,
}

fn usage() -> ! {
    eprintln!(
        "usage: share enroll --vault DIR --server URL --code CODE [--ca PEM] [--entry TEXT]...\n       \
         share send --vault DIR --expires YYYY-MM-DD\n       share resend|revoke|accounting --vault DIR --consent ID\n       \
         share list --vault DIR\n       share report --vault DIR --out FILE.pdf\n(passphrase from TIDELINE_TEST_PASSPHRASE)"
    );
    std::process::exit(2)
}

fn parse() -> Args {
    let mut raw = std::env::args().skip(1);
    let command = raw.next().unwrap_or_else(|| usage());
    let mut args = Args {
        command,
        vault: None,
        server: None,
        code: None,
        ca: None,
        entries: Vec::new(),
        expires: None,
        consent: None,
        out: None,
    };
    while let Some(flag) = raw.next() {
        let value = raw.next().unwrap_or_else(|| usage());
        match flag.as_str() {
            "--vault" => args.vault = Some(value.into()),
            "--server" => args.server = Some(value),
            "--code" => args.code = Some(value),
            "--ca" => args.ca = Some(value.into()),
            "--entry" => args.entries.push(value),
            "--expires" => {
                args.expires = Some(value.parse().unwrap_or_else(|_| usage()));
            }
            "--consent" => args.consent = Some(value),
            "--out" => args.out = Some(value.into()),
            _ => usage(),
        }
    }
    args
}

fn fail(error: Error) -> ! {
    if matches!(error, Error::Offline) {
        println!("offline");
        eprintln!("{error}");
        std::process::exit(3);
    }
    eprintln!("{error}");
    std::process::exit(1)
}

fn zone() -> Zone {
    "America/Chicago".parse().expect("a known zone")
}

fn now() -> Stamp {
    Stamp::new(Utc::now(), zone())
}

fn passphrase() -> String {
    std::env::var("TIDELINE_TEST_PASSPHRASE").unwrap_or_else(|_| {
        eprintln!("set TIDELINE_TEST_PASSPHRASE");
        std::process::exit(2)
    })
}

fn open(args: &Args) -> Vault {
    let dir = args.vault.as_ref().unwrap_or_else(|| usage());
    Vault::unlock(dir, &passphrase(), Utc::now())
        .map(|(vault, _)| vault)
        .unwrap_or_else(|e| fail(e))
}

/// The local consent id for `--consent`, which may be the local id or the clinic's id.
fn find(vault: &Vault, args: &Args) -> RecordId {
    let wanted = args.consent.as_deref().unwrap_or_else(|| usage());
    share::consents(vault, Utc::now())
        .into_iter()
        .find(|c| c.id.to_string() == wanted || c.clinic_consent_id.as_deref() == Some(wanted))
        .map(|c| c.id)
        .unwrap_or_else(|| fail(Error::NotFound))
}

fn print_consent(summary: &ConsentSummary) {
    println!(
        "consent {} {}",
        summary.clinic_consent_id.as_deref().unwrap_or("-"),
        summary.id
    );
}

fn main() {
    let args = parse();
    let random = SystemRandom::new();
    match args.command.as_str() {
        "enroll" => {
            let dir = args.vault.as_ref().unwrap_or_else(|| usage());
            let (server, code) = match (&args.server, &args.code) {
                (Some(server), Some(code)) => (server, code),
                _ => usage(),
            };
            let (mut vault, _) = Vault::create(dir, &passphrase(), KdfParams::FLOOR, Utc::now())
                .unwrap_or_else(|e| fail(e));
            let count = args.entries.len() as i64;
            for (index, text) in args.entries.iter().enumerate() {
                let at = Utc::now() - Duration::hours(count - index as i64);
                let intensity = Intensity::try_from((6 + index % 5) as u8).expect("0-10");
                let mut entry = CravingEntry::new(Stamp::new(at, zone()), intensity);
                entry.situation = Some(text.clone());
                vault
                    .save(None, Record::Craving(entry), now())
                    .unwrap_or_else(|e| fail(e));
            }
            let certificate = args
                .ca
                .as_ref()
                .map(|path| std::fs::read_to_string(path).unwrap_or_else(|_| usage()));
            tideline_core::sync::connect(
                &mut vault,
                server,
                code,
                certificate.as_deref(),
                now(),
                &random,
            )
            .unwrap_or_else(|e| fail(e));
            let link = tideline_core::sync::connection(&vault).expect("just connected");
            println!("connected {} {}", link.device_id, link.patient);
        }
        "send" => {
            let mut vault = open(&args);
            let terms = ConsentTerms {
                expires_on: args.expires.unwrap_or_else(|| usage()),
                purpose: SharePurpose::Treatment,
            };
            let summary = share::share(
                &mut vault,
                &ShareSelection::default(),
                &terms,
                now(),
                &random,
                Lang::En,
            )
            .unwrap_or_else(|e| fail(e));
            print_consent(&summary);
        }
        "resend" => {
            let mut vault = open(&args);
            let id = find(&vault, &args);
            let summary = share::resend(&mut vault, id, now(), &random).unwrap_or_else(|e| fail(e));
            print_consent(&summary);
        }
        "revoke" => {
            let mut vault = open(&args);
            let id = find(&vault, &args);
            let summary = share::revoke(&mut vault, id, now(), &random).unwrap_or_else(|e| fail(e));
            println!(
                "revoked {}",
                summary.clinic_consent_id.as_deref().unwrap_or("-")
            );
        }
        "list" => {
            let vault = open(&args);
            for c in share::consents(&vault, Utc::now()) {
                println!(
                    "{} {:?} {} {}",
                    c.id,
                    c.state,
                    c.clinic_consent_id.as_deref().unwrap_or("-"),
                    c.entries.len()
                );
            }
        }
        "accounting" => {
            let mut vault = open(&args);
            let id = find(&vault, &args);
            for view in share::accounting(
                &mut vault,
                id,
                now(),
                &random,
                tideline_core::language::Lang::En,
            )
            .unwrap_or_else(|e| fail(e))
            {
                println!(
                    "{} {} {}",
                    view.viewed_at.to_rfc3339(),
                    view.entries_viewed,
                    view.who
                );
            }
        }
        "report" => {
            let vault = open(&args);
            let out = args.out.as_ref().unwrap_or_else(|| usage());
            let options = tideline_core::report::ReportOptions {
                prepared_for: None,
                charts: true,
                made_at: now(),
                lang: tideline_core::language::Lang::En,
            };
            tideline_core::report::write(&vault, &ShareSelection::default(), &options, out)
                .unwrap_or_else(|e| fail(e));
            println!("report {}", out.display());
        }
        _ => usage(),
    }
}
