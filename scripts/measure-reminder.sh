#!/usr/bin/env bash
# Issue 4's lateness measurement: a session two minutes ahead with a one-minute lead time, planned by
# the core and shown by the app's real scheduler through the real desktop notifier to dunst on a
# private bus; the delay is read from dbus-monitor's timestamp of the Notify call. Takes ~70 s.
# Prints "MEASURED: ... late by X s" for each run (RUNS, default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
for _ in $(seq "${RUNS:-3}"); do
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
    cargo test -p tideline --test notify --quiet -- --ignored --nocapture measure_a_reminder 2>&1 \
    | grep -E "MEASURED|test result|panicked"
done
