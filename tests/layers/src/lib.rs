//! The import-cycle check. Every `.rs` file under a crate's `src` is a module (`vault/keys.rs` is
//! `vault::keys`, `vault/mod.rs` is `vault`); every `crate::` path in its code (use lines, grouped
//! `use crate::{a, b::c}` and paths written inline; not comments, not the `#[cfg(test)]` tail) is an
//! edge to the longest module that path names. A cycle is a set of modules that reach each other.
//! `cargo test -p tideline-layers` runs it over the crates in `CHECKED` (tests/layers.rs).

#![warn(clippy::too_many_lines)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Module -> the modules its code names through `crate::`.
pub type Graph = BTreeMap<String, BTreeSet<String>>;

/// The module graph of the crate whose sources are under `src`.
pub fn graph(src: &Path) -> std::io::Result<Graph> {
    let mut files = Vec::new();
    collect(src, src, &mut files)?;
    let modules: BTreeSet<String> = files.iter().map(|(m, _)| m.clone()).collect();
    let mut graph = Graph::new();
    for (module, text) in &files {
        let edges = graph.entry(module.clone()).or_default();
        for path in crate_paths(&code_of(text)) {
            if let Some(target) = resolve(&modules, &path) {
                if target != *module && target != "crate" {
                    edges.insert(target);
                }
            }
        }
    }
    Ok(graph)
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) -> std::io::Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).unwrap_or(&path).with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                parts.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                parts.pop();
            }
            let module = if parts.is_empty() {
                "crate".to_owned()
            } else {
                parts.join("::")
            };
            out.push((module, fs::read_to_string(&path)?));
        }
    }
    Ok(())
}

/// The code of a file: comments dropped, and nothing from its `#[cfg(test)]` block on.
fn code_of(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            // `#[cfg(test)] mod fuzz;` declares a file (checked on its own); a block is the tail.
            let next = lines.peek().map_or("", |l| l.trim_end());
            if next.ends_with('{') {
                break;
            }
            continue;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        out.push_str(line.split(" //").next().unwrap_or(line));
        out.push('\n');
    }
    out
}

/// Every path after `crate::`, grouped imports expanded: `crate::{a::B, c}` gives `a::B` and `c`.
fn crate_paths(code: &str) -> Vec<Vec<String>> {
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(found) = code[at..].find("crate::") {
        let start = at + found;
        at = start + "crate::".len();
        let before = start.checked_sub(1).map(|i| bytes[i]);
        if before.is_some_and(|b| b == b'$' || b == b'_' || b.is_ascii_alphanumeric()) {
            continue;
        }
        let mut pos = at;
        parse_tree(code, &mut pos, &[], &mut out);
    }
    out
}

/// Parses `a::b::{c, d::e}` at `pos`, pushing each full path after `prefix`.
fn parse_tree(code: &str, pos: &mut usize, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let mut path = prefix.to_vec();
    loop {
        skip_space(code, pos);
        if code[*pos..].starts_with('{') {
            *pos += 1;
            loop {
                skip_space(code, pos);
                if code[*pos..].starts_with('}') || *pos >= code.len() {
                    *pos += 1;
                    return;
                }
                parse_tree(code, pos, &path, out);
                skip_space(code, pos);
                if code[*pos..].starts_with(',') {
                    *pos += 1;
                }
            }
        }
        let ident: String = code[*pos..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if ident.is_empty() {
            break;
        }
        *pos += ident.len();
        path.push(ident);
        skip_space(code, pos);
        if code[*pos..].starts_with("::") {
            *pos += 2;
        } else {
            break;
        }
    }
    // `a as b` and the like end the path; skip to the next separator.
    while *pos < code.len() && !matches!(code.as_bytes()[*pos], b',' | b'}' | b';' | b'\n') {
        if !code[*pos..].starts_with(" as ") {
            break;
        }
        *pos += 4;
        let alias = code[*pos..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .count();
        *pos += alias;
    }
    if path.len() > prefix.len() || !path.is_empty() {
        out.push(path);
    }
}

fn skip_space(code: &str, pos: &mut usize) {
    while *pos < code.len() && code.as_bytes()[*pos].is_ascii_whitespace() {
        *pos += 1;
    }
}

/// The longest module `path` names (`vault::keys::KeySlot` -> `vault::keys` when that is a file).
fn resolve(modules: &BTreeSet<String>, path: &[String]) -> Option<String> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].join("::"))
        .find(|m| modules.contains(m))
}

/// Every cycle: each strongly connected set of two or more modules, sorted, as `a -> b -> a` would
/// read (Tarjan's algorithm).
pub fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        next: usize,
        found: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut set = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                set.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if set.len() > 1 {
                set.sort();
                s.found.push(set);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.found.sort();
    s.found
}

/// One line per cycle, each with the edges inside it, for the failure message.
pub fn describe(graph: &Graph, cycles: &[Vec<String>]) -> String {
    let mut out = String::new();
    for set in cycles {
        let members: BTreeSet<&String> = set.iter().collect();
        out.push_str(&format!("cycle of {}:\n", set.len()));
        for m in set {
            let inside: Vec<&str> = graph[m]
                .iter()
                .filter(|t| members.contains(t))
                .map(String::as_str)
                .collect();
            out.push_str(&format!("  {m} -> {}\n", inside.join(", ")));
        }
    }
    out
}
