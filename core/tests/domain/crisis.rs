//! The crisis lines have one source, `tideline_core::crisis`. The app's window reads them over IPC;
//! the browser tests' in-page double reads the same words from a JSON file generated here, and this
//! test fails when that file is stale (regenerate with `TIDELINE_WRITE_CRISIS_JSON=1`).

use std::path::Path;

use tideline_core::crisis::{after_use, dial, directory, no_handler, CrisisTarget};

#[test]
fn the_browser_doubles_crisis_words_are_the_cores() {
    // What the shell answers, target by target, on a device without a phone or messages app.
    let fixed = [
        CrisisTarget::Call988,
        CrisisTarget::Text988,
        CrisisTarget::Chat988,
        CrisisTarget::Call911,
        CrisisTarget::SamhsaCall,
        CrisisTarget::SamhsaTty,
        CrisisTarget::NeverUseAlone,
    ];
    let no_handlers: serde_json::Map<String, serde_json::Value> = fixed
        .iter()
        .map(|t| {
            let kind = serde_json::to_value(t).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_owned();
            (
                kind,
                serde_json::to_value(no_handler(&dial(t).unwrap())).unwrap(),
            )
        })
        .collect();
    let addresses: serde_json::Map<String, serde_json::Value> = fixed
        .iter()
        .map(|t| {
            let kind = serde_json::to_value(t).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_owned();
            (kind, serde_json::Value::from(dial(t).unwrap().uri))
        })
        .collect();
    let fresh = serde_json::to_string_pretty(&serde_json::json!({
        "directory": directory(),
        "afterUse": after_use(),
        "noHandler": no_handlers,
        "address": addresses,
    }))
    .unwrap()
        + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/generated/crisis.json");
    if std::env::var_os("TIDELINE_WRITE_CRISIS_JSON").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/lib/generated/crisis.json is stale: run TIDELINE_WRITE_CRISIS_JSON=1 cargo test -p tideline-core --test domain crisis"
    );
}

#[test]
fn the_lines_the_brief_names_are_all_there() {
    let text = serde_json::to_string(&directory()).unwrap();
    for number in [
        "988",
        "911",
        "1-800-662-4357",
        "1-800-487-4889",
        "1-800-484-3731",
        "press 2",
    ] {
        assert!(text.contains(number), "{number} is offered");
    }
    assert_eq!(
        dial(&CrisisTarget::Chat988).unwrap().uri,
        "https://988lifeline.org/chat",
        "the 988 chat opens in the system browser"
    );
    let after = serde_json::to_string(&after_use()).unwrap();
    for word in ["tolerance", "overdose", "Naloxone", "1-800-484-3731"] {
        assert!(after.contains(word), "{word} after a return to use");
    }
}

/// Settings quotes the exact reminder texts; the browser double reads them from this generated file.
#[test]
fn the_browser_doubles_notification_examples_are_the_cores() {
    let examples = tideline_core::reminder::notification_examples();
    assert_eq!(
        examples.discreet,
        "Reminder: appointment tomorrow at 6:00 PM"
    );
    assert_eq!(
        examples.detailed,
        "Reminder: group session tomorrow at 6:00 PM, Harbor Clinic"
    );
    let fresh = serde_json::to_string_pretty(&examples).unwrap() + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ui/src/lib/generated/notification-examples.json");
    if std::env::var_os("TIDELINE_WRITE_CRISIS_JSON").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    assert!(
        std::fs::read_to_string(&path).unwrap_or_default() == fresh,
        "ui/src/lib/generated/notification-examples.json is stale: run TIDELINE_WRITE_CRISIS_JSON=1 cargo test -p tideline-core --test domain crisis"
    );
}
