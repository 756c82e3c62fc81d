//! Embeds every top-level catalog file of every language (`locales/<tag>/*.ftl`: core.ftl, portal.ftl, …)
//! with include_str!, so a new file is picked up without a list to keep. The window's `ui/*.ftl` are not
//! embedded (the UI imports them at build time).

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    let manifest = env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let root = Path::new(&manifest).join("locales");
    println!("cargo:rerun-if-changed=locales");
    let mut code = String::from(
        "/// (language tag, [(file name, source)]) for every embedded catalog file.\n",
    );
    code.push_str("pub static EMBEDDED: [(&str, &[(&str, &str)]); 3] = [\n");
    for tag in ["en", "es", "en-XA"] {
        let mut files: Vec<String> = fs::read_dir(root.join(tag))
            .map(|entries| {
                entries
                    .flatten()
                    .filter(|e| e.path().is_file())
                    .filter_map(|e| e.file_name().into_string().ok())
                    .filter(|n| n.ends_with(".ftl"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        let _ = write!(code, "    ({tag:?}, &[");
        for file in files {
            // Relative to the crate at compile time, not an absolute path of the checkout that ran
            // this script: a build cache shared between checkouts may reuse this file elsewhere.
            let _ = write!(
                code,
                "({file:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {:?}))), ",
                format!("/locales/{tag}/{file}")
            );
        }
        code.push_str("]),\n");
    }
    code.push_str("];\n");
    let out = env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    if let Err(e) = fs::write(Path::new(&out).join("catalog.rs"), code) {
        println!("cargo:warning=cannot write the embedded catalog: {e}");
    }
}
