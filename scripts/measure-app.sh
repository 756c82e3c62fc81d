#!/usr/bin/env bash
# Measures the app figures in README.md on the release binary: size, cold start to the unlock screen,
# unlock to the home screen with 50,000 records (Argon2id included), memory after a minute idle.
# Cold start and unlock are timed through WebDriver, so they include its round trips (tens of ms).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/tideline-target}"
export PATH="$HOME/.cargo/bin:$PATH"
(cd ui && npm run --silent build)
cargo build --release -p tideline --features custom-protocol
cargo build --release -p tideline-core --example seed
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
pass="measure passphrase for fifty thousand"
"$CARGO_TARGET_DIR/release/examples/seed" "$dir/vault" 50000 "$pass"
TIDELINE_APP="$CARGO_TARGET_DIR/release/tideline" TIDELINE_MEASURE_DIR="$dir/vault" TIDELINE_MEASURE_PASS="$pass" \
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  cargo test -p tideline-e2e --test app --quiet -- --ignored --exact figures::measure_app_figures --nocapture \
  | grep FIGURES
