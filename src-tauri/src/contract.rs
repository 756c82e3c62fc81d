//! The files made from the command table (`table.rs`): `commands.list` (read by `build.rs`: one
//! Tauri permission per command), the capability files (the main window is granted exactly the
//! table's commands; phones' own in `mobile.json`), the TypeScript contract `ui/src/lib/commands.ts`
//! (backend.ts's `call` is typed by it, so svelte-check fails on a wrong name, argument or result)
//! and the command list in docs/ipc.md; and `ui/src/lib/rules.ts`, the core's few rules the window
//! applies itself. The test below fails when any file differs from what the
//! table makes; `TIDELINE_BLESS=1 cargo test -p tideline --lib contract` writes them.

use serde_json::json;

use crate::table::{Command, Flag, COMMANDS};

const HEADER: &str = "Generated from src-tauri/src/table.rs by `TIDELINE_BLESS=1 cargo test -p tideline --lib contract`; do not edit.";
/// The line before and after the generated part of docs/ipc.md.
pub const DOC_BEGIN: &str =
    "<!-- commands: generated from src-tauri/src/table.rs, do not edit by hand -->";
/// See [`DOC_BEGIN`].
pub const DOC_END: &str = "<!-- commands: end -->";

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn permission(name: &str) -> String {
    format!("allow-{}", name.replace('_', "-"))
}

fn optional(rust: &str) -> bool {
    rust.replace(' ', "").starts_with("Option<")
}

/// `src-tauri/commands.list`.
pub fn commands_list() -> String {
    let mut out = format!("// {HEADER}\n[\n");
    for c in COMMANDS {
        out.push_str(&format!("    \"{}\",\n", c.name));
    }
    out.push_str("]\n");
    out
}

fn capability(desktop: bool) -> String {
    let mut permissions: Vec<String> = Vec::new();
    if desktop {
        permissions.push("core:event:allow-listen".into());
        permissions.push("core:event:allow-unlisten".into());
    }
    permissions.extend(
        COMMANDS
            .iter()
            .filter(|c| c.has(Flag::Phone) != desktop)
            .map(|c| permission(c.name)),
    );
    let value = if desktop {
        json!({
            "$schema": "../gen/schemas/desktop-schema.json",
            "identifier": "main-window",
            "description": format!("The main window: the app's own commands and listening for the lock event. Nothing else. {HEADER}"),
            "windows": [crate::platform::MAIN_WINDOW],
            "permissions": permissions,
        })
    } else {
        json!({
            "identifier": "main-window-mobile",
            "description": format!("Phones only: the main window's quick-unlock commands. {HEADER}"),
            "windows": [crate::platform::MAIN_WINDOW],
            "platforms": ["android", "iOS"],
            "permissions": permissions,
        })
    };
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// `src-tauri/capabilities/main.json`.
pub fn main_capability() -> String {
    capability(true)
}

/// `src-tauri/capabilities/mobile.json`.
pub fn mobile_capability() -> String {
    capability(false)
}

fn ts_args(c: &Command) -> String {
    if c.args.is_empty() {
        return "Record<string, never>".into();
    }
    let fields: Vec<String> = c
        .args
        .iter()
        .map(|(name, rust, ts)| {
            if optional(rust) {
                format!("{}?: {ts} | null", camel(name))
            } else {
                format!("{}: {ts}", camel(name))
            }
        })
        .collect();
    format!("{{ {} }}", fields.join("; "))
}

fn doc_lines(doc: &str, indent: &str) -> String {
    let lines: Vec<&str> = doc
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut out = format!("{indent}/**\n");
    for line in lines {
        out.push_str(&format!("{indent} * {line}\n"));
    }
    out.push_str(&format!("{indent} */\n"));
    out
}

/// The type names the contract takes from `./types`.
fn imported_types() -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let texts = COMMANDS
        .iter()
        .flat_map(|c| c.args.iter().map(|a| a.2).chain([c.returns]));
    for text in texts {
        let mut word = String::new();
        for ch in text.chars().chain([' ']) {
            if ch.is_ascii_alphanumeric() || ch == '_' {
                word.push(ch);
            } else {
                if word.starts_with(|c: char| c.is_ascii_uppercase())
                    && word != "Record"
                    && !names.contains(&word)
                {
                    names.push(word.clone());
                }
                word.clear();
            }
        }
    }
    names.sort();
    names
}

/// `ui/src/lib/commands.ts`.
pub fn typescript() -> String {
    let mut out = format!("// {HEADER}\n");
    out.push_str(&format!(
        "import type {{ {} }} from \"./types\";\n\n",
        imported_types().join(", ")
    ));
    out.push_str("/** Every IPC command: its arguments and its result. `backend.ts`'s `call` is typed by it. */\n");
    out.push_str("export interface Commands {\n");
    for c in COMMANDS {
        out.push_str(&doc_lines(c.doc, "  "));
        out.push_str(&format!(
            "  {}: {{ args: {}; result: {} }};\n",
            c.name,
            ts_args(c),
            c.returns
        ));
    }
    out.push_str("}\n\n/** Every command, in the table's order. */\nexport const COMMAND_NAMES: readonly (keyof Commands)[] = [\n");
    for c in COMMANDS {
        out.push_str(&format!("  \"{}\",\n", c.name));
    }
    out.push_str("];\n\n/** Commands that exist only on phones (the desktop answers as for an unknown command). */\nexport const PHONE_ONLY: readonly (keyof Commands)[] = [");
    let phone: Vec<String> = COMMANDS
        .iter()
        .filter(|c| c.has(Flag::Phone))
        .map(|c| format!("\"{}\"", c.name))
        .collect();
    out.push_str(&phone.join(", "));
    out.push_str("];\n");
    out
}

/// `ui/src/lib/rules.ts`: the core's rules the window applies itself, generated so it never keeps a
/// copy by hand: the HALT rating from which a need counts as flagged, the error codes it knows,
/// the order of each urge-surfing variant's steps (their words are the window's own), and the size a
/// kept draft's body may have.
pub fn rules() -> String {
    use tideline_core::halt::HaltRating;
    use tideline_core::urge::SurfVariant;
    use tideline_core::ErrorCode;
    let spelled = |value: serde_json::Value| value.to_string();
    let codes: Vec<String> = ErrorCode::ALL.iter().map(|c| spelled(json!(c))).collect();
    let mut steps = String::new();
    for variant in SurfVariant::ALL {
        let ids: Vec<String> = variant.steps().iter().map(|s| spelled(json!(s))).collect();
        let name = json!(variant);
        steps.push_str(&format!(
            "  {}: [{}],\n",
            name.as_str().unwrap_or_default(),
            ids.join(", ")
        ));
    }
    format!(
        "// Generated from tideline-core by `TIDELINE_BLESS=1 cargo test -p tideline --lib contract`; do not edit.\n\
         import type {{ ErrorCode, SurfStep, SurfVariant }} from \"./types\";\n\n\
         /** A HALT need rated this or more is flagged (core: `HaltRating::FLAG_FROM`). */\n\
         export const HALT_FLAG_FROM = {};\n\n\
         /** Every error code the core sends (core: `ErrorCode::ALL`). */\n\
         export const ERROR_CODES: readonly ErrorCode[] = [{}];\n\n\
         /** Each urge-surfing variant's steps, in the order they are guided (core: `SurfVariant::steps`). */\n\
         export const URGE_STEPS: {{ readonly [V in SurfVariant]: readonly SurfStep[] }} = {{\n{}}};\n\n\
         /** The most bytes a kept draft's body may have (core: `app_state::MAX_BODY`). */\n\
         export const DRAFT_MAX_BODY = {};\n",
        HaltRating::FLAG_FROM,
        codes.join(", "),
        steps,
        tideline_core::app_state::MAX_BODY
    )
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The generated part of docs/ipc.md (between [`DOC_BEGIN`] and [`DOC_END`], both included).
pub fn doc_table() -> String {
    let mut out = format!("{DOC_BEGIN}\n| command | arguments | result | afterwards | what it does |\n|---|---|---|---|---|\n");
    for c in COMMANDS {
        let args = if c.args.is_empty() {
            "-".to_owned()
        } else {
            format!("`{}`", cell(&ts_args(c)))
        };
        let mut after: Vec<&str> = Vec::new();
        if c.has(Flag::Replan) {
            after.push("re-plans reminders");
        }
        if c.has(Flag::Wake) {
            after.push("wakes the sync");
        }
        if c.has(Flag::Phone) {
            after.push("phones only");
        }
        let doc: Vec<&str> = c.doc.lines().map(str::trim).collect();
        out.push_str(&format!(
            "| `{}` | {} | `{}` | {} | {} |\n",
            c.name,
            args,
            cell(c.returns),
            after.join(", "),
            cell(doc.join(" ").trim())
        ));
    }
    out.push_str(DOC_END);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `current` with its generated part replaced; `None` when the markers are missing.
    fn with_doc_table(current: &str) -> Option<String> {
        let begin = current.find(DOC_BEGIN)?;
        let end = current.find(DOC_END)? + DOC_END.len();
        let end = end + usize::from(current[end..].starts_with('\n'));
        Some(format!(
            "{}{}{}",
            &current[..begin],
            doc_table(),
            &current[end..]
        ))
    }

    #[test]
    fn generated_files_match_the_table() {
        let root = std::path::PathBuf::from(
            std::env::var_os("CARGO_MANIFEST_DIR")
                .unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into()),
        );
        let bless = std::env::var_os("TIDELINE_BLESS").is_some();
        let docs = root.join("../docs/ipc.md");
        let doc_now = std::fs::read_to_string(&docs).unwrap();
        let files = [
            (root.join("commands.list"), commands_list()),
            (root.join("capabilities/main.json"), main_capability()),
            (root.join("capabilities/mobile.json"), mobile_capability()),
            (root.join("../ui/src/lib/commands.ts"), typescript()),
            (root.join("../ui/src/lib/rules.ts"), rules()),
            (
                docs,
                with_doc_table(&doc_now)
                    .expect("docs/ipc.md keeps the generated command list's markers"),
            ),
        ];
        let mut stale = Vec::new();
        for (path, wanted) in files {
            let now = std::fs::read_to_string(&path).unwrap_or_default();
            if now != wanted {
                if bless {
                    std::fs::write(&path, wanted).unwrap();
                } else {
                    stale.push(path.display().to_string());
                }
            }
        }
        assert!(
            stale.is_empty(),
            "these files disagree with src-tauri/src/table.rs (run TIDELINE_BLESS=1 cargo test -p tideline --lib contract): {stale:?}"
        );
    }

    #[test]
    fn every_command_is_routed_and_names_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in COMMANDS {
            assert!(seen.insert(c.name), "{} is listed twice", c.name);
            assert!(!c.doc.trim().is_empty(), "{} says what it does", c.name);
        }
    }
}
