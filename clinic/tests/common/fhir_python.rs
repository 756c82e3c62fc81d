//! Where the FHIR validator (`fhir.resources` in a Python virtual environment) is found, for every
//! test that checks resources with it: `TIDELINE_FHIR_PY` when set, else the environment that
//! `scripts/setup.sh test` (run by `make test`) creates, so a plain `cargo test` works too.
//! Shared by the clinic's and the core's tests through `#[path]`.

use std::path::PathBuf;

/// The validator's Python interpreter; panics with the command that creates it when it is missing.
pub fn python() -> PathBuf {
    if let Some(python) = std::env::var_os("TIDELINE_FHIR_PY") {
        return PathBuf::from(python);
    }
    let venv = std::env::var_os("TIDELINE_VENV")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache/tideline/venv"))
        })
        .unwrap_or_else(|| PathBuf::from(".cache/tideline/venv"));
    let python = venv.join("bin/python");
    assert!(
        python.exists(),
        "the FHIR validator is not installed at {}: run `scripts/setup.sh test` (`make test` runs it), \
         or point TIDELINE_FHIR_PY at a Python that has fhir.resources",
        python.display()
    );
    python
}
