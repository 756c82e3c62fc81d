//! The offline alternative to sharing: a PDF of chosen entries the patient can hand to their therapist.
//!
//! Each entry is printed with exactly the lines a share would send ([`crate::share::SharedEntry`]), plus
//! two charts: craving intensity over time, and each urge-surfing wave. Every page carries the
//! 42 CFR Part 2 notice. The PDF uses the standard Helvetica fonts with WinAnsi encoding, so it embeds no
//! font; a character WinAnsi cannot show is printed as `?` rather than dropped, so nothing silently
//! disappears from what the patient wrote.
//!
//! Nothing is written to disk here except by [`write`], and only to the path the patient chose.

use std::path::Path;

use chrono::{DateTime, Datelike, Utc};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};

use crate::error::Result;
use crate::language::{t, tr, Arg, Lang};
use crate::record::{Record, StoredRecord};
use crate::share::{self, ShareSelection, SharedEntry};
use crate::time::Stamp;
use crate::urge::UrgeSurfSession;
use crate::vault::Vault;

/// US Letter, in points.
const PAGE_WIDTH: f32 = 612.0;
const PAGE_HEIGHT: f32 = 792.0;
const MARGIN: f32 = 54.0;
const BODY_SIZE: f32 = 10.0;
const LEADING: f32 = 14.0;
/// Helvetica's widest common glyphs are about 0.6 em; wrapping at this average keeps lines inside the
/// margins without per-glyph metrics.
const AVERAGE_GLYPH_EM: f32 = 0.5;

/// What the report shows besides the entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOptions {
    /// Printed in the heading ("Prepared for: ..."), e.g. the therapist's name. Optional.
    pub prepared_for: Option<String>,
    /// Whether to draw the charts.
    pub charts: bool,
    /// When the report is made (printed in the heading).
    pub made_at: Stamp,
    /// The language it is written in (the patient's); the patient's own words stay as written.
    pub lang: Lang,
}

/// Maps text to WinAnsi bytes; any character outside WinAnsi becomes `?`.
pub fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            ' '..='~' => c as u8,
            '\u{a0}'..='\u{ff}' => c as u32 as u8,
            '€' => 0x80,
            '‚' => 0x82,
            'ƒ' => 0x83,
            '„' => 0x84,
            '…' => 0x85,
            '†' => 0x86,
            '‡' => 0x87,
            'ˆ' => 0x88,
            '‰' => 0x89,
            'Š' => 0x8a,
            '‹' => 0x8b,
            'Œ' => 0x8c,
            'Ž' => 0x8e,
            '\u{2018}' => 0x91,
            '\u{2019}' => 0x92,
            '\u{201c}' => 0x93,
            '\u{201d}' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            '˜' => 0x98,
            '™' => 0x99,
            'š' => 0x9a,
            '›' => 0x9b,
            'œ' => 0x9c,
            'ž' => 0x9e,
            'Ÿ' => 0x9f,
            '\t' | '\n' | '\r' => b' ',
            _ => b'?',
        })
        .collect()
}

/// Splits `text` into lines of at most `width` points at `size`.
fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let max = ((width / (size * AVERAGE_GLYPH_EM)) as usize).max(10);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_owned();
        while word.chars().count() > max {
            let head: String = word.chars().take(max).collect();
            word = word.chars().skip(max).collect();
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(head);
        }
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Lays out pages top to bottom.
struct Pages {
    done: Vec<Vec<u8>>,
    content: Content,
    y: f32,
    /// The Part 2 notice in the report's language, at the foot of every page.
    notice: String,
}

impl Pages {
    fn new(notice: String) -> Self {
        let mut pages = Pages {
            done: Vec::new(),
            content: Content::new(),
            y: 0.0,
            notice,
        };
        pages.start_page();
        pages
    }

    fn start_page(&mut self) {
        self.y = PAGE_HEIGHT - MARGIN;
        // The notice at the foot of every page: each disclosed record carries it.
        let notice = std::mem::take(&mut self.notice);
        self.text_at(MARGIN, MARGIN / 2.0, 7.0, false, &notice);
        self.notice = notice;
    }

    fn finish_page(&mut self) {
        let content = std::mem::replace(&mut self.content, Content::new());
        self.done.push(content.finish());
    }

    fn room(&mut self, height: f32) {
        if self.y - height < MARGIN {
            self.finish_page();
            self.start_page();
        }
    }

    fn text_at(&mut self, x: f32, y: f32, size: f32, bold: bool, text: &str) {
        let font = if bold { Name(b"F2") } else { Name(b"F1") };
        self.content
            .begin_text()
            .set_font(font, size)
            .next_line(x, y)
            .show(Str(&win_ansi(text)))
            .end_text();
    }

    fn paragraph(&mut self, text: &str, size: f32, bold: bool, indent: f32) {
        for line in wrap(text, size, PAGE_WIDTH - 2.0 * MARGIN - indent) {
            self.room(LEADING);
            self.y -= LEADING;
            self.text_at(MARGIN + indent, self.y, size, bold, &line);
        }
    }

    fn gap(&mut self, height: f32) {
        self.y -= height;
    }

    /// A line chart of `points` (x in any unit, y from 0 to `y_max`), with a caption.
    fn chart(&mut self, caption: &str, points: &[(f32, f32)], y_max: f32, x_label: &str) {
        let (width, height) = (PAGE_WIDTH - 2.0 * MARGIN - 30.0, 110.0);
        self.room(height + 3.0 * LEADING);
        self.y -= LEADING;
        self.text_at(MARGIN, self.y, BODY_SIZE, true, caption);
        let (left, bottom) = (MARGIN + 24.0, self.y - 12.0 - height);
        self.content
            .set_line_width(0.5)
            .set_stroke_rgb(0.55, 0.55, 0.55)
            .rect(left, bottom, width, height)
            .stroke();
        self.text_at(MARGIN, bottom - 3.0, 7.0, false, "0");
        self.text_at(
            MARGIN,
            bottom + height - 3.0,
            7.0,
            false,
            &format!("{y_max}"),
        );
        self.text_at(left, bottom - 11.0, 7.0, false, x_label);
        let x_min = points.iter().map(|p| p.0).fold(f32::INFINITY, f32::min);
        let x_max = points.iter().map(|p| p.0).fold(f32::NEG_INFINITY, f32::max);
        let span = if x_max > x_min { x_max - x_min } else { 1.0 };
        let at = |(x, y): (f32, f32)| {
            let px = if x_max > x_min {
                left + (x - x_min) / span * width
            } else {
                left + width / 2.0
            };
            (px, bottom + (y / y_max).clamp(0.0, 1.0) * height)
        };
        self.content
            .set_line_width(1.5)
            .set_stroke_rgb(0.12, 0.42, 0.55);
        for (index, point) in points.iter().enumerate() {
            let (x, y) = at(*point);
            if index == 0 {
                self.content.move_to(x, y);
            } else {
                self.content.line_to(x, y);
            }
        }
        if points.len() > 1 {
            self.content.stroke();
        }
        self.content.set_fill_rgb(0.12, 0.42, 0.55);
        for point in points {
            let (x, y) = at(*point);
            self.content.rect(x - 1.5, y - 1.5, 3.0, 3.0).fill_nonzero();
        }
        self.content.set_fill_rgb(0.0, 0.0, 0.0);
        self.y = bottom - 2.0 * LEADING;
    }

    fn finish(mut self) -> Vec<Vec<u8>> {
        self.finish_page();
        self.done
    }
}

fn urge_points(session: &UrgeSurfSession) -> Vec<(f32, f32)> {
    if session.samples.is_empty() {
        let minutes = (session.ended_at.utc - session.started_at.utc).num_seconds() as f32 / 60.0;
        let peak_at = minutes / 2.0;
        return vec![
            (0.0, f32::from(session.intensity_start.value())),
            (peak_at, f32::from(session.intensity_peak.value())),
            (minutes, f32::from(session.intensity_end.value())),
        ];
    }
    session
        .samples
        .iter()
        .map(|s| {
            (
                s.offset_seconds as f32 / 60.0,
                f32::from(s.intensity.value()),
            )
        })
        .collect()
}

/// The PDF of `entries` (craving records, HALT checks, urge-surfing sessions; other kinds are left
/// out), oldest first.
pub fn pdf(entries: &[&StoredRecord], options: &ReportOptions) -> Vec<u8> {
    let lang = options.lang;
    let mut chosen: Vec<(&StoredRecord, SharedEntry)> = entries
        .iter()
        .filter_map(|stored| share::describe(stored.id, &stored.record, lang).map(|d| (*stored, d)))
        .collect();
    chosen.sort_by_key(|(_, d)| (d.occurred_at.utc, d.entry));
    let mut pages = Pages::new(part2_notice(lang));
    pages.paragraph(&t(lang, "report-title"), 16.0, true, 0.0);
    pages.gap(4.0);
    let made = options.made_at.local();
    let date = tr(
        lang,
        "report-date",
        &[
            ("day", Arg::from(made.day())),
            (
                "month",
                Arg::from(t(lang, &format!("date-month-{}", made.month()))),
            ),
            ("year", Arg::from(made.year().to_string())),
        ],
    );
    pages.paragraph(
        &tr(
            lang,
            "report-made-by",
            &[
                ("date", Arg::from(date)),
                ("count", Arg::from(chosen.len())),
            ],
        ),
        BODY_SIZE,
        false,
        0.0,
    );
    if let Some(reader) = options
        .prepared_for
        .as_deref()
        .filter(|r| !r.trim().is_empty())
    {
        let line = tr(
            lang,
            "report-prepared-for",
            &[("reader", Arg::from(reader))],
        );
        pages.paragraph(&line, BODY_SIZE, false, 0.0);
    }
    pages.paragraph(&part2_notice(lang), BODY_SIZE, true, 0.0);
    let cravings: Vec<(DateTime<Utc>, f32)> = chosen
        .iter()
        .filter_map(|(stored, _)| match &stored.record {
            Record::Craving(c) => Some((c.occurred_at.utc, f32::from(c.intensity.value()))),
            _ => None,
        })
        .collect();
    if options.charts && !cravings.is_empty() {
        let first = cravings[0].0;
        let points: Vec<(f32, f32)> = cravings
            .iter()
            .map(|(at, v)| ((*at - first).num_minutes() as f32, *v))
            .collect();
        pages.gap(6.0);
        let span = tr(
            lang,
            "report-chart-cravings-span",
            &[
                (
                    "from",
                    Arg::from(share::entry_when(&chosen_first_stamp(&chosen, true), lang)),
                ),
                (
                    "to",
                    Arg::from(share::entry_when(&chosen_first_stamp(&chosen, false), lang)),
                ),
            ],
        );
        pages.chart(&t(lang, "report-chart-cravings"), &points, 10.0, &span);
    }
    for (stored, described) in &chosen {
        pages.gap(6.0);
        pages.paragraph(&described.title, 12.0, true, 0.0);
        for line in &described.lines {
            pages.paragraph(line, BODY_SIZE, false, 12.0);
        }
        if let (true, Record::Urge(session)) = (options.charts, &stored.record) {
            pages.chart(
                &t(lang, "report-chart-urge"),
                &urge_points(session),
                10.0,
                &t(lang, "report-chart-urge-axis"),
            );
        }
    }
    assemble(pages.finish())
}

/// The 42 CFR Part 2 notice in `lang` (in English, exactly [`crate::share::PART2_NOTICE`]: a test
/// holds them equal).
pub fn part2_notice(lang: Lang) -> String {
    t(lang, "report-part2-notice")
}

/// The first (or last) craving's time among the chosen entries, for the chart's axis label.
fn chosen_first_stamp(chosen: &[(&StoredRecord, SharedEntry)], first: bool) -> Stamp {
    let mut cravings = chosen
        .iter()
        .filter(|(stored, _)| matches!(stored.record, Record::Craving(_)))
        .map(|(_, d)| d.occurred_at);
    let found = if first {
        cravings.next()
    } else {
        cravings.next_back()
    };
    found.expect("called only when there is a craving")
}

fn assemble(contents: Vec<Vec<u8>>) -> Vec<u8> {
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let regular = Ref::new(3);
    let bold = Ref::new(4);
    let page_ref = |i: usize| Ref::new(5 + 2 * i as i32);
    let content_ref = |i: usize| Ref::new(6 + 2 * i as i32);
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids((0..contents.len()).map(page_ref))
        .count(contents.len() as i32);
    pdf.type1_font(regular)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold)
        .base_font(Name(b"Helvetica-Bold"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    for (index, content) in contents.iter().enumerate() {
        let mut page = pdf.page(page_ref(index));
        page.parent(tree)
            .media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .contents(content_ref(index));
        let mut resources = page.resources();
        let mut fonts = resources.fonts();
        fonts.pair(Name(b"F1"), regular);
        fonts.pair(Name(b"F2"), bold);
        fonts.finish();
        resources.finish();
        page.finish();
        pdf.stream(content_ref(index), content);
    }
    pdf.finish()
}

/// Writes the report of the selected entries to `path`, the place the patient chose (like the plain
/// export, the one way journal text leaves the vault unencrypted). Written beside and renamed in.
pub fn write(
    vault: &Vault,
    selection: &ShareSelection,
    options: &ReportOptions,
    path: &Path,
) -> Result<()> {
    let entries = share::selected(vault, selection)?;
    let records: Vec<&StoredRecord> = entries
        .iter()
        .filter_map(|entry| vault.get(&entry.entry))
        .collect();
    crate::vault::write_file_atomically(path, &pdf(&records, options))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_notice_is_the_shares_notice() {
        assert_eq!(part2_notice(Lang::En), crate::share::PART2_NOTICE);
    }

    #[test]
    fn win_ansi_keeps_latin_1_and_typographic_punctuation() {
        assert_eq!(win_ansi("café"), b"caf\xe9");
        assert_eq!(
            win_ansi("\u{201c}a\u{201d} \u{2014} \u{2026}"),
            b"\x93a\x94 \x97 \x85"
        );
        assert_eq!(
            win_ansi("🙂漢"),
            b"??",
            "one visible ? per character it cannot show"
        );
    }

    #[test]
    fn wrapping_keeps_every_word_and_breaks_overlong_ones() {
        let text = format!("short words then {} end", "x".repeat(250));
        let lines = wrap(&text, 10.0, 300.0);
        assert!(lines.iter().all(|l| l.chars().count() <= 60), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        assert_eq!(wrap("", 10.0, 300.0), vec![String::new()]);
    }
}
