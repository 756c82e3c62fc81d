//! No import cycles between the modules of each crate (ARCHITECTURE.md, Layers).

use std::fs;

use tideline_layers::{cycles, describe, graph};

/// The crates checked, by their source folder from the repository root.
const CHECKED: &[&str] = &["clinic/src", "core/src", "src-tauri/src", "wire/src"];

#[test]
fn no_crate_has_an_import_cycle() {
    let root = std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into()),
    )
    .join("../..");
    let mut report = String::new();
    for src in CHECKED {
        let g = graph(&root.join(src)).expect("sources are readable");
        assert!(g.len() > 3, "{src}: no modules found");
        let found = cycles(&g);
        if !found.is_empty() {
            report.push_str(&format!("{src}\n{}", describe(&g, &found)));
        }
    }
    assert!(report.is_empty(), "import cycles:\n{report}");
}

/// Writes a small crate, `files` as (path under src, contents).
fn crate_with(files: &[(&str, &str)]) -> tempfile_free::Dir {
    let dir = tempfile_free::Dir::new();
    for (path, text) in files {
        let file = dir.path().join(path);
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, text).unwrap();
    }
    dir
}

#[test]
fn the_check_finds_a_cycle_through_grouped_and_inline_paths() {
    let dir = crate_with(&[
        ("lib.rs", "pub mod record;\npub mod sync;\npub mod vault;\n"),
        // record -> sync::connection (grouped import)
        (
            "record.rs",
            "use crate::{error::Invalid, sync::connection::Link};\n",
        ),
        // sync::connection -> vault (inline path)
        (
            "sync/connection.rs",
            "pub fn f() { let _ = crate::vault::open(); }\n",
        ),
        ("sync/mod.rs", "pub mod connection;\n"),
        // vault -> record: closes the cycle
        (
            "vault/mod.rs",
            "use crate::record::Record;\n// use crate::sync; (a comment is no edge)\n",
        ),
        (
            "error.rs",
            "/// [`crate::record`] in a doc comment is no edge either\npub struct Invalid;\n",
        ),
    ]);
    let g = graph(dir.path()).unwrap();
    assert_eq!(
        cycles(&g),
        vec![vec![
            "record".to_owned(),
            "sync::connection".to_owned(),
            "vault".to_owned()
        ]]
    );
    assert!(!g["error"].contains("record"));
    assert!(!g["vault"].contains("sync"));

    // Breaking one edge (vault no longer names record) leaves no cycle.
    fs::write(
        dir.path().join("vault/mod.rs"),
        "use crate::error::Invalid;\n",
    )
    .unwrap();
    assert_eq!(
        cycles(&graph(dir.path()).unwrap()),
        Vec::<Vec<String>>::new()
    );
}

#[test]
fn test_code_at_the_end_of_a_file_is_not_a_layer_edge() {
    let dir = crate_with(&[
        ("lib.rs", "pub mod a;\npub mod b;\n"),
        ("a.rs", "use crate::b::B;\n"),
        (
            "b.rs",
            "#[cfg(test)]\nmod fuzz;\nuse crate::c::C;\npub struct B;\n#[cfg(test)]\nmod tests {\n    use crate::a;\n}\n",
        ),
        ("c.rs", "pub struct C;\n"),
    ]);
    let g = graph(dir.path()).unwrap();
    assert!(cycles(&g).is_empty());
    // A `#[cfg(test)] mod x;` declaration is not the tail: what follows it still counts.
    assert!(g["b"].contains("c"), "{g:?}");
}

/// A temporary directory without a dependency: removed when dropped.
mod tempfile_free {
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicU32, Ordering};

    pub struct Dir(PathBuf);

    impl Dir {
        pub fn new() -> Self {
            static N: AtomicU32 = AtomicU32::new(0);
            let path = std::env::temp_dir().join(format!(
                "tideline-layers-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed)
            ));
            std::fs::create_dir_all(&path).unwrap();
            Self(path)
        }

        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}
