//! The share flow end to end against the real clinic server.

use ring::rand::SystemRandom;
use tideline_core::language::Lang;
use tideline_core::record::Record;
use tideline_core::share::{self, ConsentState, ShareSelection};
use tideline_core::Error;

use crate::support::{craving, halt, now, share, terms, urge, Setup, COUNSELOR};

/// Every text answer the counselor's view holds, as one string to search.
fn shown_text(view: &tideline_clinic::share::disclosure::VisibleShare) -> String {
    view.entries
        .iter()
        .map(|entry| entry.resource.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_share_stores_the_consent_and_exactly_the_chosen_entries_at_the_clinic() {
    let setup = Setup::start();
    let mut device = setup.device();
    let chosen = [
        craving(&mut device, 30, "Payday at the corner store"),
        halt(&mut device, 20, "Skipped lunch again"),
        urge(&mut device, 10, "Breathed through it on the porch"),
    ];
    craving(&mut device, 5, "NOT-CHOSEN argument with my brother");
    let summary = share(&mut device, &chosen).expect("the clinic is up and the care team exists");
    assert_eq!(summary.state, ConsentState::Active);
    assert_eq!(summary.entries.len(), 3);
    let clinic_id = summary
        .clinic_consent_id
        .clone()
        .expect("the clinic's id is recorded");
    let view = setup
        .staff_view(&clinic_id)
        .expect("the care team sees an active consent");
    assert_eq!(
        view.entries.len(),
        3,
        "one QuestionnaireResponse per chosen entry"
    );
    let text = shown_text(&view);
    for expected in [
        "Payday at the corner store",
        "Skipped lunch again",
        "Breathed through it on the porch",
    ] {
        assert!(
            text.contains(expected),
            "the clinic holds the chosen entry {expected:?}"
        );
    }
    assert!(
        !text.contains("NOT-CHOSEN"),
        "an entry not chosen never leaves the device"
    );
    let mut questionnaires: Vec<&str> = view
        .entries
        .iter()
        .map(|e| e.questionnaire.as_str())
        .collect();
    questionnaires.sort();
    assert_eq!(
        questionnaires,
        [
            "urn:tideline:questionnaire:craving-record|1",
            "urn:tideline:questionnaire:halt-check|1",
            "urn:tideline:questionnaire:urge-surfing|1"
        ]
    );
    let listed = share::consents(&device.vault, now().utc);
    assert_eq!(
        listed,
        vec![summary],
        "the device lists the consent it signed"
    );
}

#[test]
fn a_share_whose_reply_was_lost_is_stored_once_when_sent_again() {
    let setup = Setup::start();
    let mut device = setup.device();
    let entry = craving(&mut device, 3, "After the meeting");
    let first = share(&mut device, &[entry]).unwrap();
    // The reply is lost: the device does not know the clinic stored it.
    let Some(Record::Consent(mut stored)) = device.vault.get(&first.id).map(|s| s.record.clone())
    else {
        panic!("the consent is in the vault");
    };
    stored.clinic = None;
    device
        .vault
        .save(Some(first.id), Record::Consent(stored), now())
        .unwrap();
    assert_eq!(
        share::consents(&device.vault, now().utc)[0].state,
        ConsentState::Sending
    );
    let again = share::resend(&mut device.vault, first.id, now(), &SystemRandom::new()).unwrap();
    assert_eq!(
        again.clinic_consent_id, first.clinic_consent_id,
        "the clinic answers with the ids it stored"
    );
    assert_eq!(again.state, ConsentState::Active);
    assert_eq!(
        setup.consents_at_clinic(),
        1,
        "the same bundle twice is one consent"
    );
}

#[test]
fn revoking_makes_the_clinic_refuse_the_shared_entries() {
    let setup = Setup::start();
    let mut device = setup.device();
    let entry = halt(&mut device, 2, "Long shift");
    let summary = share(&mut device, &[entry]).unwrap();
    let clinic_id = summary.clinic_consent_id.clone().unwrap();
    assert!(
        setup.staff_view(&clinic_id).is_ok(),
        "visible before revoking"
    );
    let revoked =
        share::revoke(&mut device.vault, summary.id, now(), &SystemRandom::new()).unwrap();
    assert_eq!(revoked.state, ConsentState::Revoked);
    assert!(
        setup.staff_view(&clinic_id).is_err(),
        "after revoking, the care team may not see the entries"
    );
    let twice = share::revoke(&mut device.vault, summary.id, now(), &SystemRandom::new()).unwrap();
    assert_eq!(
        twice.state,
        ConsentState::Revoked,
        "revoking twice is harmless"
    );
    assert_eq!(
        share::resend(&mut device.vault, summary.id, now(), &SystemRandom::new())
            .map(|_| ())
            .unwrap_err()
            .code(),
        tideline_core::ErrorCode::Invalid,
        "a revoked consent is never sent again"
    );
}

#[test]
fn the_accounting_names_who_viewed_and_when() {
    let setup = Setup::start();
    let mut device = setup.device();
    let entries = [
        craving(&mut device, 4, "Smell of smoke"),
        craving(&mut device, 2, "Old friend called"),
    ];
    let summary = share(&mut device, &entries).unwrap();
    let none = share::accounting(
        &mut device.vault,
        summary.id,
        now(),
        &SystemRandom::new(),
        tideline_core::language::Lang::En,
    )
    .unwrap();
    assert!(none.is_empty(), "nobody has viewed yet");
    let before = chrono::Utc::now() - chrono::Duration::seconds(1);
    setup
        .staff_view(summary.clinic_consent_id.as_deref().unwrap())
        .unwrap();
    let views = share::accounting(
        &mut device.vault,
        summary.id,
        now(),
        &SystemRandom::new(),
        tideline_core::language::Lang::En,
    )
    .unwrap();
    assert_eq!(views.len(), 1, "one view, one line: {views:?}");
    assert_eq!(views[0].who, COUNSELOR);
    assert_eq!(views[0].entries_viewed, 2);
    assert!(
        views[0].viewed_at >= before,
        "the time of the view, not of the share"
    );
}

#[test]
fn an_offline_share_keeps_the_consent_and_loses_nothing() {
    let mut setup = Setup::start();
    let mut device = setup.device();
    let entry = craving(&mut device, 1, "Rainy evening alone");
    setup.clinic.kill();
    let error = share(&mut device, &[entry]).unwrap_err();
    assert!(
        matches!(error, Error::Offline),
        "offline is its own error: {error:?}"
    );
    let listed = share::consents(&device.vault, now().utc);
    assert_eq!(listed.len(), 1, "the signed consent is kept on the device");
    assert_eq!(listed[0].state, ConsentState::Sending);
    assert!(listed[0].entries[0]
        .lines
        .iter()
        .any(|l| l.contains("Rainy evening alone")));
    setup.clinic.boot();
    let sent = share::resend(&mut device.vault, listed[0].id, now(), &SystemRandom::new()).unwrap();
    assert_eq!(sent.state, ConsentState::Active);
    assert_eq!(setup.consents_at_clinic(), 1);
}

#[test]
fn a_consent_keeps_what_was_shared_when_the_journal_changes_later() {
    let setup = Setup::start();
    let mut device = setup.device();
    let entry = craving(&mut device, 6, "Before the edit");
    let summary = share(&mut device, &[entry]).unwrap();
    let Some(Record::Craving(mut edited)) = device.vault.get(&entry).map(|s| s.record.clone())
    else {
        panic!("the entry exists");
    };
    edited.situation = Some("After the edit".into());
    device
        .vault
        .save(Some(entry), Record::Craving(edited), now())
        .unwrap();
    let listed = share::consents(&device.vault, now().utc);
    assert_eq!(
        listed[0].entries, summary.entries,
        "the consent holds a copy"
    );
    assert!(listed[0].entries[0]
        .lines
        .iter()
        .any(|l| l.contains("Before the edit")));
    let view = setup
        .staff_view(summary.clinic_consent_id.as_deref().unwrap())
        .unwrap();
    assert!(shown_text(&view).contains("Before the edit"));
}

#[test]
fn the_preview_names_every_element_part_2_requires() {
    let setup = Setup::start();
    let mut device = setup.device();
    craving(&mut device, 8, "Walking past the bar");
    halt(&mut device, 7, "Tired after work");
    let preview = share::preview(
        &device.vault,
        &ShareSelection::default(),
        &terms(),
        now(),
        Lang::En,
    )
    .unwrap();
    assert_eq!(
        preview.entries.len(),
        2,
        "every shareable entry when none is picked"
    );
    let text = preview.consent_text.join("\n");
    let link = tideline_core::sync::connection(&device.vault).unwrap();
    for (element, needle) in [
        ("patient", link.patient.as_str()),
        ("who discloses", "I allow Harbor IOP"),
        ("specific description", "Craving record, "),
        ("specific description", "HALT check, "),
        ("recipient", "my care team at Harbor IOP"),
        ("purpose", "Purpose: to help with my treatment"),
        (
            "right to revoke and how",
            "I may revoke it at any time: in Tideline, under Sharing",
        ),
        ("expiry", "This consent ends at the end of"),
        (
            "signature",
            "Signed electronically on this device by me, the patient",
        ),
        ("date", &now().local_date().format("%-d %B %Y").to_string()),
        ("notice", share::PART2_NOTICE),
    ] {
        assert!(
            text.contains(needle),
            "the consent text names the {element} ({needle:?})"
        );
    }
    assert!(
        !text.contains("Walking past the bar"),
        "the consent describes entries without quoting them"
    );
}

/// A patient who reads Spanish reads and signs the consent in Spanish, with every Part 2 element.
#[test]
fn the_consent_in_spanish_names_every_element_part_2_requires() {
    let setup = Setup::start();
    let mut device = setup.device();
    craving(&mut device, 8, "Caminando frente al bar");
    halt(&mut device, 7, "Cansancio después del trabajo");
    let preview = share::preview(
        &device.vault,
        &ShareSelection::default(),
        &terms(),
        now(),
        Lang::Es,
    )
    .unwrap();
    let text = preview.consent_text.join("\n");
    let link = tideline_core::sync::connection(&device.vault).unwrap();
    for needle in [
        link.patient.as_str(),
        "Autorizo a Harbor IOP",
        "- Registro de deseo de consumir, ",
        "- Revisión HALT, ",
        "mi equipo de atención en Harbor IOP",
        "Propósito: ayudar con mi tratamiento.",
        "Puedo revocarlo en cualquier momento: en Tideline, en Compartir, elija Revocar",
        "Este consentimiento termina al final del día",
        "Mi tratamiento no depende de que firme este consentimiento.",
        "Firmado electrónicamente por mí en este dispositivo el",
        "42 CFR Part 2",
    ] {
        assert!(text.contains(needle), "{needle:?} in:\n{text}");
    }
    assert!(!text.contains("Caminando frente al bar"));
    assert!(!text.contains("I allow"), "no English left:\n{text}");
}

#[test]
fn a_share_without_a_connection_or_entries_is_refused_before_anything_is_stored() {
    let setup = Setup::start();
    let mut device = setup.device();
    let empty = share::share(
        &mut device.vault,
        &ShareSelection::default(),
        &terms(),
        now(),
        &SystemRandom::new(),
        Lang::En,
    );
    assert_eq!(empty.unwrap_err().code(), tideline_core::ErrorCode::Invalid);
    let mut alone = crate::support::Device::new();
    let entry = craving(&mut alone, 1, "x");
    assert_eq!(
        share(&mut alone, &[entry]).unwrap_err().code(),
        tideline_core::ErrorCode::Clinic
    );
    assert!(share::consents(&device.vault, now().utc).is_empty());
    assert!(share::consents(&alone.vault, now().utc).is_empty());
}

#[test]
fn a_refused_device_keeps_the_consent_unsent() {
    let setup = Setup::start();
    let mut device = setup.device();
    let entry = craving(&mut device, 2, "Before the device was revoked");
    let link = tideline_core::sync::connection(&device.vault)
        .unwrap()
        .clone();
    setup.clinic.revoke(&link.device_id);
    let error = share(&mut device, &[entry]).unwrap_err();
    assert!(matches!(error, Error::DeviceRefused), "{error:?}");
    let listed = share::consents(&device.vault, now().utc);
    assert_eq!(listed.len(), 1);
    assert_eq!(
        listed[0].state,
        ConsentState::Sending,
        "nothing reached the clinic"
    );
    assert_eq!(setup.consents_at_clinic(), 0);
}

#[test]
fn a_consent_that_waited_past_its_end_is_never_sent() {
    let mut setup = Setup::start();
    let mut device = setup.device();
    let entry = craving(&mut device, 2, "Waited too long");
    setup.clinic.kill();
    assert!(matches!(share(&mut device, &[entry]), Err(Error::Offline)));
    setup.clinic.boot();
    let id = share::consents(&device.vault, now().utc)[0].id;
    let later = tideline_core::time::Stamp::new(now().utc + chrono::Duration::days(40), now().zone);
    let refused = share::resend(&mut device.vault, id, later, &SystemRandom::new()).map(|_| ());
    assert_eq!(
        refused.unwrap_err().code(),
        tideline_core::ErrorCode::Invalid
    );
    assert_eq!(
        setup.consents_at_clinic(),
        0,
        "nothing was disclosed after the consent ended"
    );
    assert_eq!(
        share::consents(&device.vault, later.utc)[0].state,
        ConsentState::Expired
    );
}

#[test]
fn no_shared_text_reaches_the_disk_in_the_clear() {
    let setup = Setup::start();
    let mut device = setup.device();
    let entry = craving(&mut device, 2, "PLAINTEXT-MARKER-7Q");
    share(&mut device, &[entry]).unwrap();
    let mut scanned = 0;
    for file in std::fs::read_dir(device._dir.path()).unwrap() {
        let path = file.unwrap().path();
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            scanned += 1;
            assert!(
                !bytes.windows(19).any(|w| w == b"PLAINTEXT-MARKER-7Q"),
                "{} holds shared text in the clear",
                path.display()
            );
        }
    }
    assert!(scanned > 0, "the vault files were scanned");
}

/// A device that rotated its keys while the clinic was down, whose renewal the clinic took later but
/// whose answer never came back (a copy of the vault from before that answer), still shares: the share
/// sends the waiting renewal first instead of signing with the key the clinic has replaced, and the
/// device is not marked refused.
#[test]
fn a_share_after_a_rotation_whose_renewal_answer_was_lost_renews_first() {
    let mut setup = Setup::start();
    let mut device = setup.device();
    device.sync().unwrap();
    let chosen = [craving(&mut device, 3, "Walked past the old bar")];

    setup.clinic.kill();
    let next = "harbor cobalt whistle meadow";
    tideline_core::sync::renewal::rotate_master_key(
        &mut device.vault,
        crate::support::PASS,
        next,
        tideline_core::vault::KdfParams::FLOOR,
        now(),
        &SystemRandom::new(),
    )
    .expect("the rotation succeeds while the clinic is down");
    // The vault's files now, with the new key still waiting: the copy the app would hold had the
    // clinic's answer to the renewal been lost.
    let copy = tempfile::tempdir().unwrap();
    for name in ["vault.db", "vault.db-wal"] {
        let from = device._dir.path().join(name);
        if from.exists() {
            std::fs::copy(&from, copy.path().join(name)).unwrap();
        }
    }
    setup.clinic.boot();
    device.sync().expect("the renewal reaches the clinic");
    drop(device);

    let (vault, _) = tideline_core::vault::Vault::unlock(copy.path(), next, now().utc).unwrap();
    let mut lost = crate::support::Device { _dir: copy, vault };
    let summary = share(&mut lost, &chosen).expect("the share renews first, then shares");
    assert_eq!(summary.state, ConsentState::Active);
    assert!(!tideline_core::sync::status(&lost.vault).device_refused);
    assert_eq!(setup.consents_at_clinic(), 1);
}
