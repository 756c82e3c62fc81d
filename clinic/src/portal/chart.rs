//! Charts drawn on the server as inline SVG. Each chart is an image with a title and a description
//! (`role="img"`), and every page puts a table with the same figures next to it; colours come from the
//! stylesheet (classes, not inline styles, so the strict CSP holds and dark mode applies).

use std::fmt::Write as _;

use super::html::escape;
use super::words::{self, Lang};

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

/// One bar.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Under the bar.
    pub label: String,
    /// Its height in the chart's unit.
    pub value: f64,
    /// Drawn in the emphasis style (for example a week under the minimum).
    pub emphasis: bool,
}

/// A horizontal reference line (the weekly minimum).
#[derive(Debug, Clone)]
pub struct Reference {
    /// Where.
    pub value: f64,
    /// Its label, drawn beside it.
    pub label: String,
}

fn open_svg(id: &str, title: &str, description: &str) -> String {
    format!(
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{id}-t {id}-d" preserveAspectRatio="xMidYMid meet"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        escape(title),
        escape(description)
    )
}

fn y_of(value: f64, max: f64) -> f64 {
    let plot = HEIGHT - TOP - BOTTOM;
    TOP + plot - (value.clamp(0.0, max) / max) * plot
}

fn axis(svg: &mut String, max: f64, ticks: &[f64]) {
    for tick in ticks {
        let y = y_of(*tick, max);
        let _ = write!(
            svg,
            r#"<line class="grid" x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}"/><text class="tick" x="{}" y="{:.1}" text-anchor="end">{tick}</text>"#,
            WIDTH - RIGHT,
            LEFT - 6.0,
            y + 4.0
        );
    }
}

/// A bar chart from 0 to `max`, with an optional reference line; values written in `lang`.
#[allow(clippy::too_many_arguments)]
pub fn bars(
    lang: Lang,
    id: &str,
    title: &str,
    description: &str,
    bars: &[Bar],
    max: f64,
    ticks: &[f64],
    reference: Option<&Reference>,
) -> String {
    let mut svg = open_svg(id, title, description);
    axis(&mut svg, max, ticks);
    let slot = (WIDTH - LEFT - RIGHT) / bars.len().max(1) as f64;
    let bar_width = (slot * 0.6).min(56.0);
    for (index, bar) in bars.iter().enumerate() {
        let x = LEFT + slot * index as f64 + (slot - bar_width) / 2.0;
        let y = y_of(bar.value, max);
        let height = y_of(0.0, max) - y;
        let class = if bar.emphasis { "bar short" } else { "bar" };
        let _ = write!(
            svg,
            r#"<rect class="{class}" x="{x:.1}" y="{y:.1}" width="{bar_width:.1}" height="{height:.1}"/><text class="value" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text><text class="tick" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            x + bar_width / 2.0,
            (y - 4.0).max(TOP - 2.0),
            words::number(lang, bar.value),
            x + bar_width / 2.0,
            HEIGHT - BOTTOM + 16.0,
            escape(&bar.label)
        );
    }
    if let Some(reference) = reference {
        let y = y_of(reference.value, max);
        let _ = write!(
            svg,
            r#"<line class="reference" x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}"/><text class="reference-label" x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            WIDTH - RIGHT,
            WIDTH - RIGHT,
            y - 5.0,
            escape(&reference.label)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A line with dots through points in order, y from 0 to `max`; `labels` go under the points.
pub fn line(
    id: &str,
    title: &str,
    description: &str,
    points: &[(String, f64)],
    max: f64,
    ticks: &[f64],
) -> String {
    let mut svg = open_svg(id, title, description);
    axis(&mut svg, max, ticks);
    let span = (WIDTH - LEFT - RIGHT - 24.0) / (points.len().max(2) - 1) as f64;
    let place = |index: usize, value: f64| (LEFT + 12.0 + span * index as f64, y_of(value, max));
    let path: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(index, (_, value))| {
            let (x, y) = place(index, *value);
            format!("{x:.1},{y:.1}")
        })
        .collect();
    if points.len() > 1 {
        let _ = write!(
            svg,
            r#"<polyline class="line" points="{}"/>"#,
            path.join(" ")
        );
    }
    // Label at most about eight points so the words never overlap.
    let every = points.len().div_ceil(8).max(1);
    for (index, (label, value)) in points.iter().enumerate() {
        let (x, y) = place(index, *value);
        let _ = write!(
            svg,
            r#"<circle class="dot" cx="{x:.1}" cy="{y:.1}" r="4"/>"#
        );
        if index % every == 0 {
            // The outermost labels lean inwards so they are never cut off at the chart's edges.
            let anchor = match index {
                0 => "start",
                last if last + 1 == points.len() && last > 0 => "end",
                _ => "middle",
            };
            let _ = write!(
                svg,
                r#"<text class="tick" x="{x:.1}" y="{:.1}" text-anchor="{anchor}">{}</text>"#,
                HEIGHT - BOTTOM + 16.0,
                escape(label)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_chart_is_a_labelled_image_with_escaped_labels() {
        let svg = bars(
            Lang::En,
            "w",
            "Hours",
            "Hours per week",
            &[Bar {
                label: "<b>".into(),
                value: 7.5,
                emphasis: true,
            }],
            12.0,
            &[0.0, 9.0],
            Some(&Reference {
                value: 9.0,
                label: "9 h minimum".into(),
            }),
        );
        assert!(svg.contains(r#"role="img""#) && svg.contains("<title id=\"w-t\">Hours</title>"));
        assert!(svg.contains("&lt;b&gt;") && !svg.contains("<b>"));
        assert!(svg.contains("7.5") && svg.contains("bar short") && svg.contains("reference"));
        assert!(!svg.contains("style="), "inline styles would break the CSP");
    }
}
