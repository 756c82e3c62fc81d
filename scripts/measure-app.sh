#!/usr/bin/env bash
# Measures the app figures in README.md side by side with a bare Tauri app (tests/baseline: one HTML
# page, no plugins, the same Tauri version and release profile), in one run: release binary sizes;
# start to the first screen (first run); start to the lock screen with a seeded vault; unlock to the
# home screen painted and to its summary shown (Argon2id included; its own time is printed too);
# memory (PSS of the app and its web processes) 20 s after the last screen. Starts alternate between
# the apps, three rounds, medians and ratios. Start times are taken through WebDriver, so each
# includes its round trips (the same for both apps); unlock times on the page's own clock.
#
#   scripts/measure-app.sh [ENTRIES]      (default 50000)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/tideline-target}"
export PATH="$HOME/.cargo/bin:$PATH"
entries="${1:-50000}"
(cd ui && npm run --silent build)
cargo build --release -p tideline --features custom-protocol
cargo build --release -p tideline-core --example seed
(cd tests/baseline && cargo build --release --features custom-protocol)
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
pass="measure passphrase for fifty thousand"
"$CARGO_TARGET_DIR/release/examples/seed" "$dir/vault" "$entries" "$pass" | grep FIGURE
echo "FIGURE vault file, $entries entries: $(stat -c %s "$dir/vault/vault.db") bytes"
TIDELINE_APP="$CARGO_TARGET_DIR/release/tideline" \
  TIDELINE_BASELINE_APP="$CARGO_TARGET_DIR/release/tideline-baseline" \
  TIDELINE_MEASURE_DIR="$dir/vault" TIDELINE_MEASURE_PASS="$pass" \
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  cargo test -p tideline-e2e --test app --quiet -- --ignored --exact figures::measure_side_by_side --nocapture \
  | grep FIGURE
