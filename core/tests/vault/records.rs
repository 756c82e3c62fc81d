//! Saving, editing, deleting and finding records.

use chrono::Duration;
use tideline_core::record::{Record, RecordKind};
use tideline_core::vault::{Query, Vault};
use tideline_core::Error;

use crate::support::*;

#[test]
fn saved_records_survive_lock_and_unlock_with_their_timestamps() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    let saved = vault
        .save(None, craving("at the bus stop", 7, t0()), stamp(t0()))
        .unwrap();
    vault.lock();
    let (vault, report) = Vault::unlock(dir.path(), PASS, t0()).unwrap();
    assert_eq!(report.records, 1);
    assert!(report.damaged.is_empty());
    let back = vault.get(&saved.id).unwrap();
    assert_eq!(
        back, &saved,
        "every field, timestamps included, comes back as saved"
    );
}

#[test]
fn an_edit_replaces_the_record_and_keeps_its_creation_time() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    let first = vault
        .save(None, craving("first words", 5, t0()), stamp(t0()))
        .unwrap();
    let later = t0() + Duration::hours(2);
    let edited = vault
        .save(
            Some(first.id),
            craving("second thoughts", 3, t0()),
            stamp(later),
        )
        .unwrap();
    assert_eq!(edited.id, first.id);
    assert_eq!(edited.created, first.created);
    assert_eq!(edited.updated.utc, later);
    drop(vault);
    let (vault, _) = Vault::unlock(dir.path(), PASS, t0()).unwrap();
    assert_eq!(vault.len(), 1, "an edit does not add a record");
    assert_eq!(
        situation(&vault.get(&first.id).unwrap().record),
        "second thoughts"
    );
}

#[test]
fn editing_or_deleting_a_missing_record_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    let gone = vault
        .save(None, craving("soon gone", 5, t0()), stamp(t0()))
        .unwrap();
    vault.delete(&gone.id, t0()).unwrap();
    assert!(matches!(vault.delete(&gone.id, t0()), Err(Error::NotFound)));
    assert!(matches!(
        vault.save(Some(gone.id), craving("x", 1, t0()), stamp(t0())),
        Err(Error::NotFound)
    ));
}

#[test]
fn a_deleted_record_is_gone_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    let keep = vault
        .save(None, craving("keep me", 2, t0()), stamp(t0()))
        .unwrap();
    let gone = vault
        .save(None, craving("delete me", 9, t0()), stamp(t0()))
        .unwrap();
    vault.delete(&gone.id, t0()).unwrap();
    drop(vault);
    let (vault, report) = Vault::unlock(dir.path(), PASS, t0()).unwrap();
    assert_eq!(report.records, 1);
    assert!(vault.get(&gone.id).is_none());
    assert!(vault.get(&keep.id).is_some());
}

#[test]
fn invalid_records_are_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    let json = serde_json::json!({
        "type": "craving", "occurredAt": { "utc": "2026-11-02T18:30:00Z", "zone": "America/New_York" },
        "intensity": 11
    });
    assert!(
        serde_json::from_value::<Record>(json).is_err(),
        "intensity 11 cannot even be parsed"
    );
    let mut too_long = craving("", 5, t0());
    if let Record::Craving(c) = &mut too_long {
        c.situation = Some("x".repeat(100_000));
    }
    assert!(matches!(
        vault.save(None, too_long, stamp(t0())),
        Err(Error::Invalid(_))
    ));
    assert!(vault.is_empty());
}

#[test]
fn queries_filter_by_time_kind_and_words_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    for (i, text) in [
        "Argument with my brother",
        "Payday, passing the bar",
        "Tired after the night shift",
    ]
    .iter()
    .enumerate()
    {
        vault
            .save(
                None,
                craving(text, 5, t0() + Duration::days(i as i64)),
                stamp(t0()),
            )
            .unwrap();
    }
    let all = vault.query(&Query::default());
    let texts: Vec<&str> = all.iter().map(|r| situation(&r.record)).collect();
    assert_eq!(
        texts,
        [
            "Tired after the night shift",
            "Payday, passing the bar",
            "Argument with my brother"
        ]
    );

    let words = |t: &str| {
        vault
            .query(&Query {
                text: Some(t.into()),
                ..Query::default()
            })
            .len()
    };
    assert_eq!(words("pass"), 1, "a word prefix matches");
    assert_eq!(
        words("NIGHT shift"),
        1,
        "case does not matter and every word must match"
    );
    assert_eq!(words("night brother"), 0);
    assert_eq!(words("   "), 3, "blank text is no filter");

    let range = Query {
        from: Some(t0() + Duration::hours(12)),
        to: Some(t0() + Duration::days(2)),
        ..Query::default()
    };
    assert_eq!(
        vault.query(&range).len(),
        1,
        "from is inclusive, to exclusive"
    );
    let kinds = Query {
        kinds: vec![RecordKind::Halt],
        ..Query::default()
    };
    assert!(vault.query(&kinds).is_empty());
    let limited = Query {
        limit: Some(2),
        ..Query::default()
    };
    assert_eq!(vault.query(&limited).len(), 2);
}

#[test]
fn search_forgets_deleted_and_edited_words() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    let r = vault
        .save(None, craving("stadium crowd", 5, t0()), stamp(t0()))
        .unwrap();
    vault
        .save(Some(r.id), craving("quiet kitchen", 5, t0()), stamp(t0()))
        .unwrap();
    let find = |v: &Vault, t: &str| {
        v.query(&Query {
            text: Some(t.into()),
            ..Query::default()
        })
        .len()
    };
    assert_eq!(find(&vault, "stadium"), 0);
    assert_eq!(find(&vault, "kitchen"), 1);
    vault.delete(&r.id, t0()).unwrap();
    assert_eq!(find(&vault, "kitchen"), 0);
}

#[test]
fn the_sync_modules_records_never_reach_the_patients_paths() {
    use tideline_core::session::{
        AppointmentStatus, ClinicSession, ParticipantResponse, SessionKind, SessionOrigin,
    };
    use tideline_core::sync::queue_response;
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    let session = Record::Session(ClinicSession {
        title: None,
        start: stamp(t0() + Duration::days(1)),
        end: stamp(t0() + Duration::days(1) + Duration::hours(3)),
        kind: SessionKind::Group,
        venue: None,
        status: AppointmentStatus::Booked,
        response: ParticipantResponse::NeedsAction,
        origin: SessionOrigin::Clinic {
            clinic_id: "appt-1".into(),
        },
        cancel_reason: None,
        attendance: None,
        self_report: None,
    });
    let session = vault.save(None, session, stamp(t0())).unwrap();
    queue_response(
        &mut vault,
        session.id,
        ParticipantResponse::Accepted,
        stamp(t0()),
        &ring::rand::SystemRandom::new(),
    )
    .unwrap();
    let outbox: Vec<_> = vault.of_kind(RecordKind::Outbox).cloned().collect();
    assert_eq!(outbox.len(), 1, "the answer waits in the outbox");

    let listed = vault.query(&Query::default());
    assert!(
        listed.iter().all(|r| !r.record.kind().is_sync_state()),
        "a plain query lists only entries"
    );
    let asked = vault.query(&Query {
        kinds: vec![RecordKind::Outbox],
        ..Query::default()
    });
    assert!(
        asked.is_empty(),
        "even asking for the kind by name returns nothing"
    );
    assert!(matches!(
        vault.save_entry(None, outbox[0].record.clone(), stamp(t0())),
        Err(Error::Invalid(_))
    ));
    assert!(matches!(
        vault.delete_entry(&outbox[0].id, t0()),
        Err(Error::NotFound)
    ));

    let out = tempfile::tempdir().unwrap();
    vault
        .export_plain_json(&out.path().join("export.json"), PASS)
        .unwrap();
    let text = std::fs::read_to_string(out.path().join("export.json")).unwrap();
    assert!(text.contains("appt-1"), "the session is exported");
    assert!(
        !text.contains("outbox") && !text.contains("idempotency"),
        "sync state is not: {text}"
    );
}

#[test]
fn search_after_unlock_sees_every_loaded_entry_and_later_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(dir.path());
    let records = (0..300)
        .map(|i| craving(&format!("walked {i} harbour"), 3, t0()))
        .collect();
    let ids = vault.save_many(records, stamp(t0())).unwrap();
    drop(vault);
    let (mut vault, _) = Vault::unlock(dir.path(), PASS, t0()).unwrap();
    let find = |v: &Vault, t: &str| {
        v.query(&Query {
            text: Some(t.into()),
            ..Query::default()
        })
        .len()
    };
    // The first search after unlocking indexes every entry before it answers.
    assert_eq!(find(&vault, "harb"), 300);
    assert_eq!(find(&vault, "walked 12"), 11, "12 and 120-129");
    // Once built, the index follows deletes, edits and new entries (which may reuse a slot).
    vault.delete(&ids[0], t0()).unwrap();
    vault
        .save(Some(ids[1]), craving("lighthouse", 3, t0()), stamp(t0()))
        .unwrap();
    vault
        .save(None, craving("harbour lighthouse", 3, t0()), stamp(t0()))
        .unwrap();
    assert_eq!(find(&vault, "harbour"), 299);
    assert_eq!(find(&vault, "lighthouse"), 2);
    assert_eq!(
        find(&vault, "walked 1"),
        110,
        "1, 10-19 and 100-199, less entry 1"
    );
}
