//! The catalog lint (`cargo test -p tideline-i18n`, part of `make lint`): every file of the English catalog
//! exists in every language with the same messages, the same attributes and the same variables; no file
//! has a parse error; no message id is defined twice in one language; the pseudo-locale is not stale.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{
    CallArguments, Entry, Expression, InlineExpression, Pattern, PatternElement,
};
use fluent_syntax::parser;

use crate::{pseudo, Lang};

/// The catalog folder of this crate's source tree.
pub fn locales_dir() -> PathBuf {
    std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into()),
    )
    .join("locales")
}

/// Every `.ftl` file under `dir`, as paths relative to it with '/' separators, sorted.
pub fn ftl_files(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(base, &path, out);
            } else if path.extension().is_some_and(|e| e == "ftl") {
                if let Ok(rel) = path.strip_prefix(base) {
                    let parts: Vec<String> = rel
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect();
                    out.push(parts.join("/"));
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// What must match between languages for one message or term: per part (the value is "", an attribute
/// is ".name"), the variables it uses.
type Shape = BTreeMap<String, BTreeSet<String>>;

/// The messages (ids) and terms ("-id") of one file, with their shapes; or the parse errors.
pub fn shapes(source: &str) -> Result<BTreeMap<String, Shape>, Vec<String>> {
    let resource = match parser::parse(source) {
        Ok(r) => r,
        Err((_, errors)) => {
            return Err(errors.iter().map(|e| format!("{e:?}")).collect());
        }
    };
    let mut out = BTreeMap::new();
    let mut duplicates = Vec::new();
    for entry in &resource.body {
        let (id, value, attributes) = match entry {
            Entry::Message(m) => (m.id.name.to_string(), m.value.as_ref(), &m.attributes),
            Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
            _ => continue,
        };
        let mut shape = Shape::new();
        if let Some(v) = value {
            shape.insert(String::new(), pattern_variables(v));
        }
        for a in attributes {
            shape.insert(format!(".{}", a.id.name), pattern_variables(&a.value));
        }
        if out.insert(id.clone(), shape).is_some() {
            duplicates.push(format!("{id} is defined twice"));
        }
    }
    if duplicates.is_empty() {
        Ok(out)
    } else {
        Err(duplicates)
    }
}

fn pattern_variables(pattern: &Pattern<&str>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, &mut out);
        }
    }
    out
}

fn expression_variables(expr: &Expression<&str>, out: &mut BTreeSet<String>) {
    match expr {
        Expression::Inline(inline) => inline_variables(inline, out),
        Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for v in variants {
                out.extend(pattern_variables(&v.value));
            }
        }
    }
}

fn inline_variables(expr: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match expr {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        InlineExpression::FunctionReference { arguments, .. } => call_variables(arguments, out),
        InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => call_variables(arguments, out),
        InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

fn call_variables(args: &CallArguments<&str>, out: &mut BTreeSet<String>) {
    for p in &args.positional {
        inline_variables(p, out);
    }
    for n in &args.named {
        inline_variables(&n.value, out);
    }
}

fn compare(
    file: &str,
    lang: Lang,
    en: &BTreeMap<String, Shape>,
    other: &BTreeMap<String, Shape>,
) -> Vec<String> {
    let mut problems = Vec::new();
    let tag = lang.tag();
    for (id, shape) in en {
        match other.get(id) {
            None => problems.push(format!("{tag}/{file}: {id} is missing (it is in en/{file})")),
            Some(o) if o != shape => problems.push(format!(
                "{tag}/{file}: {id} differs from en in its attributes or variables: en {shape:?}, {tag} {o:?}"
            )),
            Some(_) => {}
        }
    }
    for id in other.keys().filter(|id| !en.contains_key(*id)) {
        problems.push(format!("{tag}/{file}: {id} is not in en/{file}"));
    }
    problems
}

/// Every problem of the catalog under `root` (empty when it is sound). The pseudo-locale is generated
/// from English and checked by [`pseudo_stale`] instead.
pub fn check(root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let mut files = BTreeSet::new();
    for lang in Lang::CHOOSABLE {
        files.extend(ftl_files(&root.join(lang.tag())));
    }
    // Message ids seen per language across files: the UI and the Rust bundles combine files.
    let mut seen: BTreeMap<(Lang, String), String> = BTreeMap::new();
    for file in &files {
        let mut parsed: BTreeMap<Lang, BTreeMap<String, Shape>> = BTreeMap::new();
        for lang in Lang::CHOOSABLE {
            let path = root.join(lang.tag()).join(file);
            let Ok(source) = fs::read_to_string(&path) else {
                problems.push(format!("{}/{file} is missing", lang.tag()));
                continue;
            };
            match shapes(&source) {
                Ok(s) => {
                    for id in s.keys().filter(|id| !id.starts_with('-')) {
                        if let Some(prev) = seen.insert((lang, id.clone()), file.clone()) {
                            problems
                                .push(format!("{}: {id} is in both {prev} and {file}", lang.tag()));
                        }
                    }
                    parsed.insert(lang, s);
                }
                Err(errors) => {
                    problems.push(format!("{}/{file} does not parse: {errors:?}", lang.tag()))
                }
            }
        }
        if let Some(en) = parsed.get(&Lang::En) {
            if let Some(es) = parsed.get(&Lang::Es) {
                problems.extend(compare(file, Lang::Es, en, es));
            }
        }
    }
    problems
}

/// What the pseudo-locale folder must hold: (relative path, content) for every English file.
pub fn pseudo_expected(root: &Path) -> Vec<(String, String)> {
    ftl_files(&root.join(Lang::En.tag()))
        .into_iter()
        .filter_map(|rel| {
            let src = fs::read_to_string(root.join(Lang::En.tag()).join(&rel)).ok()?;
            Some((rel, pseudo::transform(&src)))
        })
        .collect()
}

/// The stale pseudo-locale files (differing, missing, or without an English source).
pub fn pseudo_stale(root: &Path) -> Vec<String> {
    let expected = pseudo_expected(root);
    let dir = root.join(Lang::Pseudo.tag());
    let mut stale: Vec<String> = expected
        .iter()
        .filter(|(rel, text)| {
            fs::read_to_string(dir.join(rel)).ok().as_deref() != Some(text.as_str())
        })
        .map(|(rel, _)| rel.clone())
        .collect();
    let wanted: BTreeSet<&String> = expected.iter().map(|(rel, _)| rel).collect();
    stale.extend(
        ftl_files(&dir)
            .into_iter()
            .filter(|rel| !wanted.contains(rel)),
    );
    stale
}

/// Rewrites the pseudo-locale folder from English (removing files English no longer has).
pub fn pseudo_write(root: &Path) -> std::io::Result<()> {
    let expected = pseudo_expected(root);
    let dir = root.join(Lang::Pseudo.tag());
    let wanted: BTreeSet<&String> = expected.iter().map(|(rel, _)| rel).collect();
    for rel in ftl_files(&dir) {
        if !wanted.contains(&rel) {
            fs::remove_file(dir.join(&rel))?;
        }
    }
    for (rel, text) in &expected {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            fs::write(&path, text)?;
        }
    }
    Ok(())
}
