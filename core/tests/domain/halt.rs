//! HALT checks: the flag threshold, the need-specific suggestions and the pattern sentence.

use tideline_core::halt::{HaltCheck, HaltNeed, HaltPattern, HaltRating};
use tideline_core::language::Lang;

use crate::fixtures::stamp;

fn check(minute: u32, [h, a, l, t]: [u8; 4]) -> HaltCheck {
    let r = |v| HaltRating::try_from(v).unwrap();
    HaltCheck {
        taken_at: stamp(&format!("2026-01-10T12:{minute:02}:00Z"), "UTC"),
        hungry: r(h),
        angry: r(a),
        lonely: r(l),
        tired: r(t),
        note: None,
    }
}

#[test]
fn ratings_are_0_to_3() {
    assert!(HaltRating::try_from(3).is_ok());
    assert_eq!(HaltRating::try_from(4).unwrap_err().field, "rating");
}

#[test]
fn needs_rated_2_or_more_are_flagged_each_with_its_own_response() {
    let c = check(0, [1, 2, 0, 3]);
    assert_eq!(
        c.flagged_needs(),
        [HaltNeed::Angry, HaltNeed::Tired],
        "1 is 'a little': not flagged"
    );
    let s = c.suggestions(Lang::En);
    // Angry: vent safely, move, breathe. Tired: rest, sleep (BRIEF section 2).
    assert_eq!(s[0].need, HaltNeed::Angry);
    assert_eq!(s[0].title, "Let the anger out safely");
    assert!(
        s[0].text.contains("Vent") && s[0].text.contains("walk") && s[0].text.contains("breaths")
    );
    assert_eq!(s[1].title, "Rest");
    assert!(s[1].text.contains("early night"));
    assert_eq!(HaltNeed::Hungry.suggestion_title(Lang::En), "Eat something");
    assert!(HaltNeed::Lonely
        .suggestion(Lang::En)
        .contains("Call or text a support contact"));
    assert!(HaltNeed::Lonely.suggestion(Lang::En).contains("meeting"));
}

#[test]
fn every_need_has_one_suggestion_in_halt_order() {
    let all = tideline_core::halt::all_suggestions(Lang::En);
    let needs: Vec<HaltNeed> = all.iter().map(|s| s.need).collect();
    assert_eq!(needs, HaltNeed::ALL);
    for s in &all {
        assert!(!s.title.is_empty() && s.text.len() > 40, "{s:?}");
    }
}

#[test]
fn pattern_counts_the_most_recent_checks_and_says_so_plainly() {
    // Eight checks; only the last seven count. Tired in 5 of them, lonely in 2.
    let mut checks: Vec<HaltCheck> = (0..8)
        .map(|i| {
            check(
                i,
                [
                    0,
                    0,
                    if i >= 6 { 2 } else { 0 },
                    if (1..=5).contains(&i) { 3 } else { 0 },
                ],
            )
        })
        .collect();
    checks[0].tired = HaltRating::try_from(3).unwrap(); // the oldest: outside the window
    checks.reverse(); // arrival order must not matter
    let p = HaltPattern::over_last(&checks, 7, Lang::En);
    assert_eq!((p.checks, p.tired, p.lonely, p.hungry), (7, 5, 2, 0));
    assert_eq!(
        p.summary,
        "Tired in 5 and lonely in 2 of the last 7 checks."
    );
    assert_eq!(
        HaltPattern::over_last(&[], 7, Lang::En).summary,
        "No HALT checks yet."
    );
    assert_eq!(
        HaltPattern::over_last(&[check(0, [0; 4])], 7, Lang::En).summary,
        "No need stood out in your last check."
    );
    assert_eq!(
        HaltPattern::over_last(&[check(0, [2, 0, 0, 0])], 7, Lang::En).summary,
        "Hungry in your last check."
    );
}

/// In Spanish: the needs are hambre, enojo, soledad, cansancio (docs/spanish.md), each suggestion in
/// usted, and the pattern sentence reads as Spanish, with the same counts.
#[test]
fn suggestions_and_the_pattern_sentence_in_spanish() {
    let es = tideline_core::halt::all_suggestions(Lang::Es);
    let titles: Vec<&str> = es.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Coma algo",
            "Saque el enojo sin hacer daño",
            "Comuníquese con alguien",
            "Descanse"
        ]
    );
    assert!(
        es[2].text.contains("No tiene que pasar por esto a solas."),
        "{}",
        es[2].text
    );
    let names: Vec<String> = HaltNeed::ALL.iter().map(|n| n.name(Lang::Es)).collect();
    assert_eq!(names, ["Hambre", "Enojo", "Soledad", "Cansancio"]);
    let checks: Vec<HaltCheck> = (0..7)
        .map(|i| {
            check(
                i,
                [0, 0, if i < 2 { 2 } else { 0 }, if i < 5 { 3 } else { 0 }],
            )
        })
        .collect();
    assert_eq!(
        HaltPattern::over_last(&checks, 7, Lang::Es).summary,
        "Cansancio en 5 y soledad en 2 de las últimas 7 revisiones."
    );
    assert_eq!(
        HaltPattern::over_last(&[check(0, [0; 4])], 7, Lang::Es).summary,
        "Ninguna necesidad se destacó en su última revisión."
    );
    assert_eq!(
        HaltPattern::over_last(&[check(0, [2, 0, 0, 2])], 7, Lang::Es).summary,
        "Hambre y cansancio en su última revisión."
    );
    // The pseudo-locale marks every sentence.
    let pseudo = HaltPattern::over_last(&checks, 7, Lang::Pseudo).summary;
    assert!(pseudo.starts_with('[') && pseudo.ends_with(']'), "{pseudo}");
}
