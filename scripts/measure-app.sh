#!/usr/bin/env bash
# Measures the app figures in README.md side by side with a bare Tauri app (tests/baseline: one HTML
# page, no plugins, the same Tauri version and release profile), in one run: release binary sizes;
# start to the first screen (first run); start to the lock screen with a seeded vault; unlock to the
# home screen painted and to its summary shown (Argon2id included; its own time is printed too);
# memory (PSS of the app and its web processes) 20 s after the last screen; the page's own timeline
# to the first screen of each first-run start (its clock). Starts alternate between
# the apps, three rounds, medians and ratios. Start times are taken through WebDriver, so each
# includes its round trips (the same for both apps); unlock times on the page's own clock.
#
#   scripts/measure-app.sh [ENTRIES]      (default 50000)
#
# To compare two versions of the app in the same run, set TIDELINE_BEFORE_APP to the other version's
# release binary (copied aside before rebuilding): the figures test then runs RUNS times (default 2)
# for each, alternating before and now, each run against the bare app as usual. When the other version
# reads an older vault schema, set TIDELINE_BEFORE_SQL to the SQL that takes the seeded vault back to
# it: the before runs then use a copy of the vault with that SQL applied (for example, before schema
# 3: "DROP TABLE heads; ALTER TABLE vault DROP COLUMN heads_complete; PRAGMA user_version = 2; VACUUM;").
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
figures() {
  TIDELINE_APP="$1" \
    TIDELINE_BASELINE_APP="$CARGO_TARGET_DIR/release/tideline-baseline" \
    TIDELINE_MEASURE_DIR="${2:-$dir/vault}" TIDELINE_MEASURE_PASS="$pass" \
    xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
    cargo test -p tideline-e2e --test app --quiet -- --ignored --exact figures::measure_side_by_side --nocapture \
    | grep FIGURE
}
now="$CARGO_TARGET_DIR/release/tideline"
if [ -z "${TIDELINE_BEFORE_APP:-}" ]; then
  figures "$now"
else
  echo "FIGURE binary before: $(stat -c %s "$TIDELINE_BEFORE_APP") bytes"
  before_vault="$dir/vault"
  if [ -n "${TIDELINE_BEFORE_SQL:-}" ]; then
    before_vault="$dir/vault-before"
    cp -r "$dir/vault" "$before_vault"
    python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.close()' \
      "$before_vault/vault.db" "$TIDELINE_BEFORE_SQL"
    echo "FIGURE vault file before: $(stat -c %s "$before_vault/vault.db") bytes"
  fi
  for run in $(seq 1 "${RUNS:-2}"); do
    echo "== run $run, before ($TIDELINE_BEFORE_APP), $(date -u +%H:%M:%S) UTC"
    figures "$TIDELINE_BEFORE_APP" "$before_vault"
    echo "== run $run, now ($now), $(date -u +%H:%M:%S) UTC"
    figures "$now"
  done
fi
