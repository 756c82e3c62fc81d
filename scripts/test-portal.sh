#!/usr/bin/env bash
# The therapist portal end to end (tests/portal): builds the clinic server and the patient-device CLI
# (core's `share` example), then runs the Playwright suite in headless Chromium against a server it
# starts on a free loopback port with a throwaway data directory, once on SQLite and once on a
# private PostgreSQL cluster. Screenshots: artifacts/portal/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/tideline-target}"
if [ ! -d ui/node_modules/playwright-core ] || [ ! -d ui/node_modules/axe-core ]; then
  echo "ui/node_modules lacks playwright-core or axe-core: run 'make setup-test' (or 'cd ui && npm ci') first" >&2
  exit 1
fi
cargo build -p tideline-clinic --bin tideline-clinic --quiet
cargo build -p tideline-core --example share --quiet
# SQLite (the data directory) first, then PostgreSQL: a private cluster (scripts/pg.sh) with one
# database that the CLI and the server find through TIDELINE_DATABASE.
node --test --test-concurrency=1 tests/portal/portal.test.mjs
scripts/pg.sh run bash -c 'export TIDELINE_DATABASE="${TIDELINE_TEST_POSTGRES/dbname=postgres/dbname=portal}"
  psql "$TIDELINE_TEST_POSTGRES" -q -c "CREATE DATABASE portal"
  node --test --test-concurrency=1 tests/portal/portal.test.mjs'

