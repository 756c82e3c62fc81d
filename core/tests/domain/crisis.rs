//! The crisis lines have one source, `tideline_core::crisis`; the app's window reads them over IPC.

use tideline_core::crisis::{after_use, dial, directory, CrisisTarget};

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

/// Settings quotes the exact reminder texts the planner writes.
#[test]
fn the_notification_examples_are_the_planners_texts() {
    let examples = tideline_core::reminder::notification_examples();
    assert_eq!(
        examples.discreet,
        "Reminder: appointment tomorrow at 6:00 PM"
    );
    assert_eq!(
        examples.detailed,
        "Reminder: group session tomorrow at 6:00 PM, Harbor Clinic"
    );
}
