//! The pseudo-locale en-XA, generated from the English catalog.
//!
//! Every text run of every message and attribute is rewritten: ASCII letters become accented look-alikes
//! and vowels are doubled (English text grows by about a third, like a long translation), and each message
//! value and attribute is wrapped in `[` `]`. Placeables, variables, selectors, variant keys, literals,
//! message and term references are untouched, so the pseudo catalog takes the same arguments.
//! A visible text on a screen without the markers is a sentence that is not in the catalog.

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use fluent_syntax::parser;
use fluent_syntax::serializer;

/// The opening marker of every pseudo-locale message.
pub const OPEN: char = '[';
/// The closing marker of every pseudo-locale message.
pub const CLOSE: char = ']';

fn accent(c: char) -> char {
    const LOWER: [char; 26] = [
        'á', 'ƀ', 'ç', 'ð', 'é', 'ƒ', 'ĝ', 'ĥ', 'î', 'ĵ', 'ķ', 'ļ', 'ɱ', 'ñ', 'ö', 'þ', 'ǫ', 'ŕ',
        'š', 'ţ', 'û', 'ṽ', 'ŵ', 'ẋ', 'ý', 'ž',
    ];
    const UPPER: [char; 26] = [
        'Å', 'Ɓ', 'Ç', 'Ð', 'É', 'Ƒ', 'Ĝ', 'Ĥ', 'Î', 'Ĵ', 'Ķ', 'Ļ', 'Ṁ', 'Ñ', 'Ö', 'Þ', 'Ǫ', 'Ŕ',
        'Š', 'Ţ', 'Û', 'Ṽ', 'Ŵ', 'Ẋ', 'Ý', 'Ž',
    ];
    match c {
        'a'..='z' => LOWER[(c as u8 - b'a') as usize],
        'A'..='Z' => UPPER[(c as u8 - b'A') as usize],
        _ => c,
    }
}

/// One run of text, accented and lengthened (vowels doubled).
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for c in s.chars() {
        let a = accent(c);
        out.push(a);
        if matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u') {
            out.push(a);
        }
    }
    out
}

fn transform_expression(expr: &mut Expression<String>) {
    match expr {
        Expression::Select { variants, .. } => {
            for v in variants {
                transform_pattern(&mut v.value, false);
            }
        }
        Expression::Inline(InlineExpression::Placeable { expression }) => {
            transform_expression(expression)
        }
        Expression::Inline(_) => {}
    }
}

fn transform_pattern(pattern: &mut Pattern<String>, wrap: bool) {
    for element in &mut pattern.elements {
        match element {
            PatternElement::TextElement { value } => *value = text(value),
            PatternElement::Placeable { expression } => transform_expression(expression),
        }
    }
    if !wrap {
        split_lines(pattern);
        return;
    }
    // The opening marker: a text run cannot begin an indented line with '[' (Fluent reads it as a
    // variant key), so a pattern written on its own lines (several lines, or a selector) opens with the
    // marker as a string literal.
    let open = if is_block(pattern) {
        PatternElement::Placeable {
            expression: Expression::Inline(InlineExpression::StringLiteral {
                value: OPEN.to_string(),
            }),
        }
    } else {
        PatternElement::TextElement {
            value: OPEN.to_string(),
        }
    };
    pattern.elements.insert(0, open);
    pattern.elements.push(PatternElement::TextElement {
        value: CLOSE.to_string(),
    });
    split_lines(pattern);
}

fn is_select(expr: &Expression<String>) -> bool {
    match expr {
        Expression::Select { .. } => true,
        Expression::Inline(InlineExpression::Placeable { expression }) => is_select(expression),
        Expression::Inline(_) => false,
    }
}

fn is_block(pattern: &Pattern<String>) -> bool {
    pattern.elements.iter().any(|e| match e {
        PatternElement::TextElement { value } => value.contains('\n'),
        PatternElement::Placeable { expression } => is_select(expression),
    })
}

/// Adjacent text runs joined, then cut after every line break: the serializer indents a line only where
/// a text element begins, so every line must begin one.
fn split_lines(pattern: &mut Pattern<String>) {
    let mut out: Vec<PatternElement<String>> = Vec::with_capacity(pattern.elements.len());
    let mut pending = String::new();
    let flush = |pending: &mut String, out: &mut Vec<PatternElement<String>>| {
        for line in pending.split_inclusive('\n') {
            out.push(PatternElement::TextElement {
                value: line.to_owned(),
            });
        }
        pending.clear();
    };
    for element in pattern.elements.drain(..) {
        match element {
            PatternElement::TextElement { value } => pending.push_str(&value),
            placeable => {
                flush(&mut pending, &mut out);
                out.push(placeable);
            }
        }
    }
    flush(&mut pending, &mut out);
    pattern.elements = out;
}

/// The header every generated file starts with.
pub const HEADER: &str = "### GENERATED from the English catalog by tideline-i18n (pseudo::transform). Do not edit:\n### TIDELINE_BLESS=1 cargo test -p tideline-i18n rewrites it.\n\n";

/// The en-XA file for one English catalog file. Comments are dropped; junk (a parse error) is dropped too,
/// and the lint fails on it in the English file.
pub fn transform(english: &str) -> String {
    let mut resource = match parser::parse(english.to_owned()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    resource
        .body
        .retain(|e| matches!(e, Entry::Message(_) | Entry::Term(_)));
    for entry in &mut resource.body {
        match entry {
            Entry::Message(m) => {
                m.comment = None;
                if let Some(v) = m.value.as_mut() {
                    transform_pattern(v, true);
                }
                for a in &mut m.attributes {
                    transform_pattern(&mut a.value, true);
                }
            }
            Entry::Term(term) => {
                term.comment = None;
                // A term is only ever part of a message, which carries the markers.
                transform_pattern(&mut term.value, false);
                for a in &mut term.attributes {
                    transform_pattern(&mut a.value, false);
                }
            }
            _ => {}
        }
    }
    let body = serializer::serialize(&resource);
    format!("{HEADER}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_lengthens_and_wraps_but_keeps_placeables() {
        let out = transform("hello = Hello, { $name }!\n");
        assert!(out.ends_with("hello = [Ĥééļļöö, { $name }!]\n"), "{out}");
    }

    #[test]
    fn selectors_keep_their_keys_and_variants_are_accented() {
        let src = "n = { $count ->\n    [one] One day\n   *[other] { $count } days\n}\n";
        let out = transform(src);
        assert!(out.contains("[one] ÖÖñéé ðááý"), "{out}");
        assert!(out.contains("*[other] { $count } ðááýš"), "{out}");
        assert!(out.contains("{ \"[\" }{ $count ->"), "{out}");
        // The output parses and formats.
        assert!(parser::parse(out.as_str()).is_ok(), "{out}");
    }

    #[test]
    fn multiline_patterns_stay_valid() {
        let src = "m =\n    First line\n    second line\n    .title = Title\n";
        let out = transform(src);
        assert!(parser::parse(out.as_str()).is_ok(), "{out}");
        assert!(out.contains("{ \"[\" }"), "{out}");
        assert!(out.contains(".title = [Ţîîţļéé]"), "{out}");
    }
}
