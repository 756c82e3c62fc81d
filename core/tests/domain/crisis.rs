//! The crisis lines have one source, `tideline_core::crisis`; the app's window reads them over IPC.

use tideline_core::crisis::{after_use, dial, directory, no_handler, CrisisOpened, CrisisTarget};
use tideline_core::language::Lang;

#[test]
fn the_lines_the_brief_names_are_all_there() {
    let text = serde_json::to_string(&directory(Lang::En)).unwrap();
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
    let after = serde_json::to_string(&after_use(Lang::En)).unwrap();
    for word in ["tolerance", "overdose", "Naloxone", "1-800-484-3731"] {
        assert!(after.contains(word), "{word} after a return to use");
    }
}

/// In Spanish the screen says how to reach 988 in Spanish (call and press 2) and that SAMHSA's line
/// answers in Spanish; every number is the same as in English.
#[test]
fn the_spanish_crisis_screen_names_988_press_2_and_samhsa_in_spanish() {
    let es = directory(Lang::Es);
    let line_988 = &es.lines[0];
    assert_eq!(line_988.number, "988");
    assert!(
        line_988
            .text
            .contains("Para hablar en español, llame al 988 y oprima 2."),
        "{}",
        line_988.text
    );
    assert_eq!(line_988.actions[0].label, "Llamar al 988 (oprima 2)");
    let samhsa = &es.lines[2];
    assert_eq!(samhsa.number, "1-800-662-4357");
    assert!(
        samhsa.text.contains("Atienden en español."),
        "{}",
        samhsa.text
    );
    assert_eq!(samhsa.actions[0].label, "Llamar al 1-800-662-4357");
    assert!(samhsa.text.contains("1-800-487-4889"));
    let en = directory(Lang::En);
    let numbers = |d: &tideline_core::crisis::CrisisDirectory| {
        d.lines.iter().map(|l| l.number.clone()).collect::<Vec<_>>()
    };
    assert_eq!(numbers(&es), numbers(&en));
    let targets = |d: &tideline_core::crisis::CrisisDirectory| {
        d.lines
            .iter()
            .flat_map(|l| l.actions.iter().map(|a| a.target.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(targets(&es), targets(&en));
    let after = after_use(Lang::Es);
    assert!(after.naloxone.starts_with("La naloxona (Narcan)"));
    assert!(after.never_use_alone.contains("1-800-484-3731"));
    let CrisisOpened::NoHandler { sentence, number } =
        no_handler(&dial(&CrisisTarget::Call988).unwrap(), Lang::Es)
    else {
        panic!("no handler")
    };
    assert_eq!(number, "988");
    assert!(sentence.starts_with("Este dispositivo no tiene una aplicación para llamadas"));
}

/// Settings quotes the exact reminder texts the planner writes.
#[test]
fn the_notification_examples_are_the_planners_texts() {
    let examples = tideline_core::reminder::notification_examples(Lang::En);
    assert_eq!(
        examples.discreet,
        "Reminder: appointment tomorrow at 6:00 PM"
    );
    assert_eq!(
        examples.detailed,
        "Reminder: group session tomorrow at 6:00 PM, Harbor Clinic"
    );
}
