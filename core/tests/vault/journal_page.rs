//! The journal list (`journal::page`) on a real vault: every filter over the whole journal, pages
//! that follow one another, the true total at 50,000 entries, and an old entry found by its words.

use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use tideline_core::craving::{CravingEntry, CravingOutcome, Intensity, Trigger};
use tideline_core::halt::HaltNeed;
use tideline_core::journal::{self, CravingQuery};
use tideline_core::record::Record;

use crate::support::{new_vault, stamp, t0};

fn entry(i: usize, at: DateTime<Utc>) -> Record {
    let mut e = CravingEntry::new(stamp(at), Intensity::try_from((i % 11) as u8).unwrap());
    e.situation = Some(format!("ordinary evening number {i}"));
    e.outcome = match i % 3 {
        0 => CravingOutcome::DidNotUse,
        1 => CravingOutcome::Used,
        _ => CravingOutcome::NotYetRecorded,
    };
    if i % 5 == 0 {
        e.triggers.push(Trigger::Tag {
            label: if i % 10 == 0 { "Payday" } else { " payday " }.into(),
        });
    }
    if i % 7 == 0 {
        e.triggers.push(Trigger::Halt {
            need: HaltNeed::Tired,
        });
    }
    Record::Craving(e)
}

fn query(limit: u32) -> CravingQuery {
    CravingQuery {
        limit,
        ..CravingQuery::default()
    }
}

#[test]
fn every_filter_runs_over_the_whole_journal_and_pages_follow_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    // 300 entries, one an hour going back from t0: entry i is i hours old.
    let records = (0..300)
        .map(|i| entry(i, t0() - Duration::hours(i as i64)))
        .collect();
    vault.save_many(records, stamp(t0())).unwrap();

    let first = journal::page(&vault, &query(20)).unwrap();
    assert_eq!(
        (first.total, first.journal, first.items.len()),
        (300, 300, 20)
    );
    let second = journal::page(
        &vault,
        &CravingQuery {
            offset: 20,
            ..query(20)
        },
    )
    .unwrap();
    let newest_first: Vec<_> = first
        .items
        .iter()
        .chain(&second.items)
        .map(|i| i.entry.occurred_at.utc)
        .collect();
    assert!(
        newest_first.windows(2).all(|w| w[0] > w[1]),
        "newest first, no repeats across pages"
    );
    assert_eq!(newest_first[0], t0());

    // Intensity 9 or 10: i % 11 in {9, 10}.
    let strong = CravingQuery {
        min_intensity: Some(Intensity::try_from(9).unwrap()),
        ..query(200)
    };
    let expected = (0..300).filter(|i| i % 11 >= 9).count() as u32;
    assert_eq!(journal::page(&vault, &strong).unwrap().total, expected);
    let mild = CravingQuery {
        max_intensity: Some(Intensity::try_from(2).unwrap()),
        outcome: Some(CravingOutcome::Used),
        ..query(200)
    };
    let expected = (0..300).filter(|i| i % 11 <= 2 && i % 3 == 1).count() as u32;
    let page = journal::page(&vault, &mild).unwrap();
    assert_eq!(page.total, expected);
    assert!(page
        .items
        .iter()
        .all(|i| i.entry.outcome == CravingOutcome::Used && i.entry.intensity.value() <= 2));

    // "Payday" and " payday " are one trigger; asking with another spelling finds both.
    let payday = CravingQuery {
        trigger: Some(Trigger::Tag {
            label: "PAYDAY".into(),
        }),
        ..query(200)
    };
    assert_eq!(journal::page(&vault, &payday).unwrap().total, 60);
    // The trigger list: one per trigger, most used first, in the newest entry's spelling.
    assert_eq!(
        first.triggers,
        vec![
            Trigger::Tag {
                label: "Payday".into()
            },
            Trigger::Halt {
                need: HaltNeed::Tired
            }
        ]
    );

    // Dates: [from, to) on when the craving happened.
    let day = CravingQuery {
        from: Some(t0() - Duration::hours(48)),
        to: Some(t0() - Duration::hours(24)),
        ..query(200)
    };
    assert_eq!(journal::page(&vault, &day).unwrap().total, 24);

    // Words, with every other filter at once.
    let all = CravingQuery {
        text: Some("evening 29".into()),
        from: Some(t0() - Duration::hours(299)),
        min_intensity: Some(Intensity::try_from(1).unwrap()),
        outcome: Some(CravingOutcome::NotYetRecorded),
        ..query(200)
    };
    // "29" begins 29 and 290..=299; of those, i % 3 == 2 and i % 11 >= 1.
    let expected: Vec<usize> = [29]
        .into_iter()
        .chain(290..300)
        .filter(|i| i % 3 == 2 && i % 11 >= 1)
        .collect();
    let page = journal::page(&vault, &all).unwrap();
    assert_eq!(page.total as usize, expected.len());
    assert!(!expected.is_empty());

    // A page past the end is empty and still counts truthfully.
    let past = journal::page(
        &vault,
        &CravingQuery {
            offset: 1000,
            ..query(20)
        },
    )
    .unwrap();
    assert_eq!((past.items.len(), past.total), (0, 300));
}

#[test]
fn a_page_size_out_of_range_is_refused_by_field() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _) = new_vault(dir.path());
    for limit in [0, journal::PAGE_MAX + 1] {
        let err = journal::page(&vault, &query(limit)).unwrap_err();
        assert_eq!(err.code(), tideline_core::ErrorCode::Invalid);
        assert!(err.to_string().contains("limit"), "{err}");
    }
    assert!(journal::page(&vault, &query(journal::PAGE_MAX)).is_ok());
}

#[test]
fn fifty_thousand_entries_are_counted_and_an_old_one_is_found_by_search() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    let n = 50_000;
    let mut records: Vec<Record> = (0..n)
        .map(|i| entry(i, t0() - Duration::minutes(30 * i as i64)))
        .collect();
    // The oldest entry, almost three years back, holds a word nothing else does.
    if let Record::Craving(e) = &mut records[n - 1] {
        e.notes = Some("the lighthouse walk helped".into());
    }
    vault.save_many(records, stamp(t0())).unwrap();
    // What the patient opens after unlocking: the whole journal, read back from the file.
    drop(vault);
    let (vault, report) =
        tideline_core::vault::Vault::unlock(dir.path(), crate::support::PASS, t0()).unwrap();
    assert_eq!(report.records as usize, n);

    let started = Instant::now();
    let first = journal::page(&vault, &query(20)).unwrap();
    let first_ms = started.elapsed().as_secs_f64() * 1e3;
    assert_eq!(
        (first.total, first.journal, first.items.len()),
        (50_000, 50_000, 20)
    );

    let started = Instant::now();
    let found = journal::page(
        &vault,
        &CravingQuery {
            text: Some("lighthouse".into()),
            ..query(20)
        },
    )
    .unwrap();
    let search_ms = started.elapsed().as_secs_f64() * 1e3;
    assert_eq!(
        (found.total, found.journal, found.items.len()),
        (1, 50_000, 1)
    );
    assert_eq!(
        found.items[0].entry.occurred_at.utc,
        t0() - Duration::minutes(30 * (n as i64 - 1))
    );

    // The last page of "payday" entries: offset near the end still answers the rest.
    let payday = CravingQuery {
        trigger: Some(Trigger::Tag {
            label: "payday".into(),
        }),
        offset: 9_990,
        ..query(200)
    };
    let tail = journal::page(&vault, &payday).unwrap();
    assert_eq!((tail.total, tail.items.len()), (10_000, 10));
    eprintln!(
        "50,000 entries (debug build): first page {first_ms:.1} ms, first search {search_ms:.1} ms"
    );
}
