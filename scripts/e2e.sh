#!/usr/bin/env bash
# End-to-end suites on the real app binary: a virtual X display and a private D-Bus session, as a
# desktop session would have, with tauri-driver + WebKitWebDriver driving the window.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# The clinic end to end (tests/app/clinic.rs) runs the real clinic server.
cargo build -p tideline-clinic --bin tideline-clinic --quiet
export TIDELINE_APP="${TIDELINE_APP:-${CARGO_TARGET_DIR:-target}/debug/tideline}"
# Each test's app is killed by the suite's watchdog after TIDELINE_E2E_TEST_SECS (tests/e2e/src/lib.rs);
# the whole suite gets 40 minutes (it takes about 15), so nothing can hold CI until its limit.
exec timeout --kill-after=30 2400 xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  cargo test -p tideline-e2e --quiet -- --test-threads=1
