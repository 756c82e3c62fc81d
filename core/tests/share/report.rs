//! The PDF report read back with pdftotext (poppler): the chosen entries, nothing else, the Part 2
//! notice on every page, and a visible replacement for characters Helvetica's WinAnsi cannot show.

use std::process::Command;

use tideline_core::language::Lang;
use tideline_core::record::StoredRecord;
use tideline_core::report::{self, ReportOptions};
use tideline_core::share::{ShareSelection, PART2_NOTICE};

use crate::support::{craving, halt, now, urge, Device};

fn text_of(pdf_path: &std::path::Path) -> String {
    let output = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf_path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(
        output.status.success(),
        "pdftotext reads the report as a valid PDF: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn options() -> ReportOptions {
    ReportOptions {
        prepared_for: Some("Dr. Lee".into()),
        charts: true,
        made_at: now(),
        lang: Lang::En,
    }
}

#[test]
fn the_report_holds_the_chosen_entries_and_nothing_else() {
    let mut device = Device::new();
    let chosen = [
        craving(&mut device, 50, "CHOSEN-ONE payday"),
        craving(&mut device, 26, "CHOSEN-TWO bus stop"),
        halt(&mut device, 20, "CHOSEN-THREE skipped lunch"),
        urge(&mut device, 3, "CHOSEN-FOUR porch breathing"),
    ];
    craving(&mut device, 10, "LEFT-OUT argument");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    let selection = ShareSelection {
        entries: chosen.to_vec(),
        ..ShareSelection::default()
    };
    report::write(&device.vault, &selection, &options(), &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");
    let text = text_of(&path);
    for marker in ["CHOSEN-ONE", "CHOSEN-TWO", "CHOSEN-THREE", "CHOSEN-FOUR"] {
        assert!(
            text.contains(marker),
            "the chosen entry {marker} is in the report:\n{text}"
        );
    }
    assert!(!text.contains("LEFT-OUT"), "an entry not chosen is absent");
    assert!(
        text.contains("Craving intensity over time"),
        "the craving chart is drawn"
    );
    assert!(text.contains("The urge wave"), "the urge wave is drawn");
    assert!(text.contains("Lonely: 3 of 3"), "HALT ratings are printed");
    assert!(text.contains("Prepared for: Dr. Lee"));
    let pages = text
        .split('\u{c}')
        .filter(|page| !page.trim().is_empty())
        .count();
    let notices = text.matches(PART2_NOTICE).count();
    assert!(
        notices > pages,
        "the notice is on every page ({pages}) and in the heading: {notices}"
    );
}

/// The report in Spanish, read back with pdftotext: Helvetica's WinAnsi covers á é í ó ú ñ ¿ ¡, so
/// every accented letter survives; the patient's own words stay as written; the notice is on every
/// page in Spanish.
#[test]
fn the_report_in_spanish_reads_back_with_its_accents() {
    let mut device = Device::new();
    let chosen = [
        craving(
            &mut device,
            50,
            "¿Por qué ahora? ¡Año difícil! MIS-PALABRAS",
        ),
        halt(&mut device, 20, "comí poco"),
        urge(&mut device, 3, "respiré en el porche"),
    ];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("informe.pdf");
    let selection = ShareSelection {
        entries: chosen.to_vec(),
        ..ShareSelection::default()
    };
    let options = ReportOptions {
        lang: Lang::Es,
        ..options()
    };
    report::write(&device.vault, &selection, &options, &path).unwrap();
    let text = text_of(&path);
    for expected in [
        "Informe del diario de Tideline",
        "3 anotaciones de su diario que",
        "Preparado para: Dr. Lee",
        "Intensidad del deseo de consumir a lo largo del tiempo (de 0 a 10)",
        "Registro de deseo de consumir",
        "Situación: ¿Por qué ahora? ¡Año difícil! MIS-PALABRAS",
        "Qué hizo para sobrellevarlo: Called my sponsor",
        "Resultado: No consumió",
        "Detonantes: Lugar: Bus stop",
        "Soledad: 3 de 3",
        "Cansancio: 2 de 3",
        "La ola del impulso (intensidad de 0 a 10)",
        "Surfear el impulso",
        "minutos desde el inicio",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} in the Spanish report:\n{text}"
        );
    }
    let notice = report::part2_notice(Lang::Es);
    assert!(notice.contains("42 CFR Part 2") && notice.contains("divulgación"));
    let pages = text
        .split('\u{c}')
        .filter(|page| !page.trim().is_empty())
        .count();
    assert!(text.matches(notice.as_str()).count() > pages, "{text}");
    assert!(
        !text.contains("Craving"),
        "no English heading left:\n{text}"
    );
}

#[test]
fn characters_outside_win_ansi_are_replaced_visibly() {
    let mut device = Device::new();
    let entry = craving(&mut device, 1, "café — naïve 🙂 漢字 end");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    let records: Vec<&StoredRecord> = vec![device.vault.get(&entry).unwrap()];
    std::fs::write(&path, report::pdf(&records, &options())).unwrap();
    let text = text_of(&path);
    assert!(
        text.contains("café — naïve ? ?? end"),
        "Latin-1 and WinAnsi punctuation survive; the emoji and the two CJK characters show as ?:\n{text}"
    );
}

#[test]
fn a_long_report_flows_onto_more_pages() {
    let mut device = Device::new();
    let entries: Vec<_> = (0..40)
        .map(|i| {
            craving(
                &mut device,
                100 - i,
                &format!("ENTRY-{i:02} {}", "word ".repeat(40)),
            )
        })
        .collect();
    let records: Vec<&StoredRecord> = entries
        .iter()
        .map(|id| device.vault.get(id).unwrap())
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, report::pdf(&records, &options())).unwrap();
    let text = text_of(&path);
    let pages = text
        .split('\u{c}')
        .filter(|page| !page.trim().is_empty())
        .count();
    assert!(
        pages > 3,
        "40 long entries do not fit on three pages: {pages}"
    );
    for i in [0, 19, 39] {
        assert!(
            text.contains(&format!("ENTRY-{i:02}")),
            "entry {i} is printed"
        );
    }
}

#[test]
fn a_selection_by_kind_and_dates_picks_only_those_entries() {
    let mut device = Device::new();
    halt(&mut device, 72, "HALT-TOO-OLD");
    halt(&mut device, 30, "HALT-IN-RANGE");
    craving(&mut device, 29, "CRAVING-OTHER-KIND");
    halt(&mut device, 2, "HALT-TOO-NEW");
    let selection = ShareSelection {
        entries: Vec::new(),
        from: Some(now().utc - chrono::Duration::hours(48)),
        to: Some(now().utc - chrono::Duration::hours(12)),
        kinds: vec![tideline_core::share::ShareKind::Halt],
    };
    let picked = tideline_core::share::selected(&device.vault, &selection).unwrap();
    assert_eq!(picked.len(), 1, "{picked:?}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    report::write(&device.vault, &selection, &options(), &path).unwrap();
    let text = text_of(&path);
    assert!(text.contains("HALT-IN-RANGE"));
    for absent in ["HALT-TOO-OLD", "CRAVING-OTHER-KIND", "HALT-TOO-NEW"] {
        assert!(!text.contains(absent), "{absent} is outside the selection");
    }
}
