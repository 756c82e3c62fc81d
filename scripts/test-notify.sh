#!/usr/bin/env bash
# Reminder delivery through the real desktop notifier to a real notification server: a virtual X
# display (dunst needs one) and a private D-Bus session, on which D-Bus starts dunst when the first
# notification arrives. The tests watch the bus with dbus-monitor.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
exec timeout --kill-after=30 900 xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  cargo test -p tideline --test notify --quiet "$@"
