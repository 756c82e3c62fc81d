//! The home screen answered before the whole vault is read (`EarlyHandle`): from each record's sealed
//! head, unlocking opens only the records home reads, and the answer they give is the whole vault's
//! answer, from the unlock's moment to ten minutes later; or there is no early answer at all (an older
//! vault until its heads are written, an entry waiting in the lock screen's inbox, a damaged head or
//! record, a clock gone back), and home waits for the whole load as before.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use ring::rand::SystemRandom;
use rusqlite::Connection;
use tideline_core::care;
use tideline_core::craving::{CravingEntry, Intensity};
use tideline_core::entry::{self, EntryKind, EntryQuery};
use tideline_core::halt::{HaltCheck, HaltRating};
use tideline_core::language::Lang;
use tideline_core::program::ProgramSettings;
use tideline_core::record::{Record, RecordId};
use tideline_core::session::{
    AppointmentStatus, ClinicSession, ParticipantResponse, SessionKind, SessionOrigin,
};
use tideline_core::settings::Settings;
use tideline_core::summary::{self, HomeSummary};
use tideline_core::urge::{SurfVariant, UrgeOutcome, UrgeSurfSession};
use tideline_core::vault::{capture_locked, vault_file, EarlyHandle, Vault};

use crate::support::{craving, new_vault, stamp, t0, tamper_with_record, zone, PASS};

/// The moments each answer is compared at: the unlock's, a second later, and nine minutes later,
/// when entries dated up to a day and nine minutes ahead count as recent (an early view answers for
/// ten minutes; a load takes a fraction of a second).
fn moments() -> [DateTime<Utc>; 3] {
    [
        t0(),
        t0() + Duration::seconds(1),
        t0() + Duration::minutes(9),
    ]
}

fn session(at: DateTime<Utc>, status: AppointmentStatus) -> Record {
    Record::Session(ClinicSession {
        title: None,
        start: stamp(at),
        end: stamp(at + Duration::hours(3)),
        kind: SessionKind::Group,
        venue: None,
        status,
        response: ParticipantResponse::NeedsAction,
        origin: SessionOrigin::Patient,
        cancel_reason: None,
        attendance: None,
        self_report: None,
    })
}

/// An entry of one of the three journal kinds at `at`.
fn entry(kind: u32, at: DateTime<Utc>) -> Record {
    let i = |v: u8| Intensity::try_from(v).unwrap();
    let h = |v: u8| HaltRating::try_from(v).unwrap();
    match kind % 3 {
        0 => craving("a craving", 4, at),
        1 => Record::Halt(HaltCheck {
            taken_at: stamp(at),
            hungry: h(1),
            angry: h(0),
            lonely: h(2),
            tired: h(3),
            note: None,
        }),
        _ => Record::Urge(UrgeSurfSession {
            started_at: stamp(at),
            ended_at: stamp(at + Duration::minutes(15)),
            intensity_start: i(6),
            intensity_peak: i(8),
            intensity_end: i(3),
            samples: Vec::new(),
            variant: SurfVariant::Wave,
            steps_completed: Vec::new(),
            outcome: UrgeOutcome::RodeItOut,
            notes: None,
        }),
    }
}

/// A vault shaped by `seed`: a program (or none), sessions around `t0`, `entries` journal entries
/// spread from two months back to three days ahead, some at exactly the same instant, and records of
/// kinds home does not read. Saved in several batches and single saves, with an edit and a delete.
fn seeded(dir: &std::path::Path, seed: u64, entries: usize, with_program: bool) {
    let mut rng = StdRng::seed_from_u64(seed);
    let (mut vault, _) = new_vault(dir);
    let mut at = || t0() + Duration::minutes(rng.gen_range(-60 * 24 * 60..3 * 24 * 60));
    let shared = at();
    let mut records: Vec<Record> = (0..entries)
        .map(|i| {
            // One in five shares an instant with others: ties must come out in the same order.
            let when = if i % 5 == 0 { shared } else { at() };
            entry(i as u32, when)
        })
        .collect();
    for (i, status) in [
        AppointmentStatus::Booked,
        AppointmentStatus::Fulfilled,
        AppointmentStatus::Booked,
        AppointmentStatus::Cancelled,
    ]
    .into_iter()
    .enumerate()
    {
        records.push(session(t0() + Duration::days(i as i64 * 3 - 4), status));
    }
    // Around the one-day horizon: the first counts from the unlock, the second from a minute
    // later, the third only after the early view's ten minutes.
    for ahead in [-1, 1, 11] {
        records.push(entry(
            2,
            t0() + Duration::days(1) + Duration::minutes(ahead),
        ));
    }
    let half = records.split_off(records.len() / 2);
    vault.save_many(records, stamp(t0())).unwrap();
    vault.save_many(half, stamp(t0())).unwrap();
    vault
        .save(None, Record::Settings(Settings::default()), stamp(t0()))
        .unwrap();
    if with_program {
        let program = ProgramSettings::new(NaiveDate::from_ymd_opt(2026, 10, 5).unwrap(), zone());
        vault
            .save(None, Record::Program(program), stamp(t0()))
            .unwrap();
    }
    // An edit that moves an entry to the newest place, and a delete of another.
    let newest = vault
        .save_entry(None, entry(0, t0() - Duration::hours(1)), stamp(t0()))
        .unwrap();
    vault
        .save_entry(
            Some(newest.id),
            entry(0, t0() - Duration::minutes(5)),
            stamp(t0()),
        )
        .unwrap();
    let gone = vault
        .save_entry(None, entry(1, t0() - Duration::minutes(1)), stamp(t0()))
        .unwrap();
    vault.delete_entry(&gone.id, t0()).unwrap();
    vault.lock();
}

/// Home and the care plan at each of [`moments`], from what unlocking opened first.
fn early_answers(handle: &mut EarlyHandle) -> Option<Vec<(HomeSummary, Option<care::CarePlan>)>> {
    moments()
        .into_iter()
        .map(|now| {
            let view = handle.view(now)?;
            Some((
                summary::home(view, now, Lang::En),
                care::plan(view, now, Lang::En),
            ))
        })
        .collect()
}

fn whole_answers(vault: &Vault) -> Vec<(HomeSummary, Option<care::CarePlan>)> {
    moments()
        .into_iter()
        .map(|now| {
            (
                summary::home(vault, now, Lang::En),
                care::plan(vault, now, Lang::En),
            )
        })
        .collect()
}

/// Unlocks in the background and returns the early answers (if any) and the whole vault's.
#[allow(clippy::type_complexity)]
fn unlock_both(
    dir: &std::path::Path,
) -> (
    Option<Vec<(HomeSummary, Option<care::CarePlan>)>>,
    Vec<(HomeSummary, Option<care::CarePlan>)>,
    Vault,
) {
    let mut loading = Vault::begin_unlock(dir, PASS, t0()).unwrap();
    let mut handle = loading.take_early().expect("an unlock has an early part");
    let early = early_answers(&mut handle);
    let (vault, _) = loading.wait().unwrap();
    let whole = whole_answers(&vault);
    (early, whole, vault)
}

fn count(dir: &std::path::Path, table: &str) -> i64 {
    Connection::open(vault_file(dir))
        .unwrap()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_early_home_is_the_whole_vaults_home_in_the_minutes_after_the_unlock() {
    for (seed, entries, with_program) in [
        (1, 400, true),
        (2, 400, true),
        (3, 60, true),
        (4, 3, true),
        (5, 0, true),
        (6, 200, false),
    ] {
        let dir = tempfile::tempdir().unwrap();
        seeded(dir.path(), seed, entries, with_program);
        let (early, whole, vault) = unlock_both(dir.path());
        let early = early.unwrap_or_else(|| panic!("seed {seed}: home is answered early"));
        assert_eq!(early, whole, "seed {seed}: the same answers");
        if entries >= 5 {
            assert_eq!(whole[0].0.recent.len(), 5, "seed {seed}: five recent");
        }
        assert_eq!(whole[0].0.progress.is_some(), with_program);
        assert_eq!(count(dir.path(), "heads"), count(dir.path(), "records"));
        drop(vault);
    }
}

#[test]
fn the_early_home_steps_aside_when_the_clock_has_gone_back_or_an_entry_waits_on_the_lock_screen() {
    let dir = tempfile::tempdir().unwrap();
    seeded(dir.path(), 7, 100, true);
    let mut loading = Vault::begin_unlock(dir.path(), PASS, t0()).unwrap();
    let mut handle = loading.take_early().unwrap();
    assert!(handle.view(t0() - Duration::seconds(1)).is_none());
    assert!(handle.view(t0() + Duration::minutes(10)).is_none());
    assert!(handle.view(t0()).is_some());
    // Written on the lock screen while unlocking: it joins only at the end of the load, so the
    // early part no longer answers, and the whole vault lists it first.
    let ahead = t0() + Duration::hours(23) + Duration::minutes(59) + Duration::seconds(30);
    let mut newest = CravingEntry::new(stamp(ahead), Intensity::try_from(9).unwrap());
    newest.situation = Some("written while unlocking".to_owned());
    capture_locked(dir.path(), &newest, &SystemRandom::new()).unwrap();
    assert!(handle.view(t0()).is_none());
    let (vault, _) = loading.wait().unwrap();
    let home = summary::home(&vault, t0(), Lang::En);
    assert!(
        serde_json::to_string(&home.recent[0])
            .unwrap()
            .contains("written while unlocking"),
        "the lock screen's entry is the newest"
    );
    drop(vault);
    // With it joined, the next unlock answers early again, and the same.
    let (early, whole, _) = unlock_both(dir.path());
    assert_eq!(early.expect("answered early again"), whole);
}

/// The newest craving's id, from a plain unlock.
fn newest_entry(dir: &std::path::Path) -> RecordId {
    let (vault, _) = Vault::unlock(dir, PASS, t0()).unwrap();
    let home = summary::home(&vault, t0(), Lang::En);
    let id = home.recent[0].id;
    drop(vault);
    id
}

#[test]
fn a_damaged_head_or_a_damaged_record_home_reads_means_no_early_answer() {
    // A record home reads does not open: home waits for the whole load, which names it.
    let dir = tempfile::tempdir().unwrap();
    seeded(dir.path(), 8, 100, true);
    let victim = newest_entry(dir.path());
    tamper_with_record(dir.path(), &victim);
    let (early, whole, vault) = unlock_both(dir.path());
    assert!(early.is_none());
    assert_eq!(whole[0].0.recent.len(), 5);
    drop(vault);

    // A head edited, or moved onto another row: it does not open.
    for moved in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        seeded(dir.path(), 9, 100, true);
        let conn = Connection::open(vault_file(dir.path())).unwrap();
        let rows: Vec<(Vec<u8>, Vec<u8>)> = conn
            .prepare("SELECT id, sealed FROM heads LIMIT 2")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let (target, mut sealed) = if moved {
            (rows[1].0.clone(), rows[0].1.clone())
        } else {
            (rows[0].0.clone(), rows[0].1.clone())
        };
        if !moved {
            let last = sealed.len() - 1;
            sealed[last] ^= 1;
        }
        conn.execute(
            "UPDATE heads SET sealed = ?1 WHERE id = ?2",
            rusqlite::params![sealed, target],
        )
        .unwrap();
        drop(conn);
        let (early, whole, vault) = unlock_both(dir.path());
        assert!(early.is_none(), "moved: {moved}");
        assert_eq!(whole[0].0.recent.len(), 5);
        // 100 entries, 3 around the horizon, 4 sessions, the settings, the program and the edited one.
        assert_eq!(
            vault.len(),
            100 + 3 + 4 + 1 + 1 + 1,
            "every record still loads"
        );
    }
}

#[test]
fn a_vault_from_before_heads_gets_them_at_its_first_unlock_and_answers_early_from_the_next() {
    let dir = tempfile::tempdir().unwrap();
    seeded(dir.path(), 10, 300, true);
    // As the previous version left it: schema 2, no heads.
    let conn = Connection::open(vault_file(dir.path())).unwrap();
    conn.execute_batch(
        "DROP TABLE heads; ALTER TABLE vault DROP COLUMN heads_complete; PRAGMA user_version = 2;",
    )
    .unwrap();
    drop(conn);
    let (early, whole_first, vault) = unlock_both(dir.path());
    assert!(
        early.is_none(),
        "no heads yet: home waits for the whole load"
    );
    drop(vault);
    assert_eq!(count(dir.path(), "heads"), count(dir.path(), "records"));
    let (early, whole, _) = unlock_both(dir.path());
    assert_eq!(early.expect("heads written: answered early"), whole);
    assert_eq!(whole, whole_first);
}

#[test]
fn heads_are_one_length_follow_every_write_and_are_resealed_with_a_new_master_key() {
    let dir = tempfile::tempdir().unwrap();
    seeded(dir.path(), 11, 30, true);
    let lengths = |dir: &std::path::Path| -> Vec<i64> {
        Connection::open(vault_file(dir))
            .unwrap()
            .prepare("SELECT DISTINCT length(sealed) FROM heads")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(
        lengths(dir.path()).len(),
        1,
        "every kind's head is one length"
    );
    let next = "harbor candle meadow quartz";
    let (mut vault, _) = Vault::unlock(dir.path(), PASS, t0()).unwrap();
    vault
        .rotate_master_key(PASS, next, crate::support::PARAMS)
        .unwrap();
    drop(vault);
    assert_eq!(count(dir.path(), "heads"), count(dir.path(), "records"));
    let mut loading = Vault::begin_unlock(dir.path(), next, t0()).unwrap();
    let mut handle = loading.take_early().unwrap();
    let early = early_answers(&mut handle).expect("heads resealed under the new key");
    let (vault, _) = loading.wait().unwrap();
    assert_eq!(early, whole_answers(&vault));
    assert_eq!(lengths(dir.path()).len(), 1);
}

#[test]
fn queries_of_kinds_read_in_full_are_answered_early_and_others_are_not() {
    let dir = tempfile::tempdir().unwrap();
    seeded(dir.path(), 12, 200, true);
    let ask = |kinds: Vec<EntryKind>, text: Option<&str>| EntryQuery {
        kinds,
        from: Some(t0() - Duration::days(2)),
        to: None,
        text: text.map(str::to_owned),
        limit: None,
    };
    // The theme (settings) and home's next session: held in full.
    let full = [
        ask(vec![EntryKind::Settings], None),
        ask(vec![EntryKind::Session], None),
        ask(vec![EntryKind::Session, EntryKind::Settings], None),
    ];
    // Entries are held only from the fifth newest; text needs the word index.
    let not = [
        ask(vec![EntryKind::Craving], None),
        ask(vec![], None),
        ask(vec![EntryKind::Session], Some("group")),
    ];
    let mut loading = Vault::begin_unlock(dir.path(), PASS, t0()).unwrap();
    let mut handle = loading.take_early().unwrap();
    let view = handle.view(t0()).unwrap();
    let early: Vec<_> = full
        .iter()
        .map(|q| entry::query_early(view, q).expect("held in full"))
        .collect();
    for q in &not {
        assert!(entry::query_early(view, q).is_none(), "{q:?}");
    }
    let (vault, _) = loading.wait().unwrap();
    let whole: Vec<_> = full.iter().map(|q| entry::query(&vault, q)).collect();
    assert_eq!(early, whole);
    assert!(whole.iter().all(|found| !found.is_empty()));
}
