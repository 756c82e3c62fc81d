#!/usr/bin/env bash
# Installs what is missing on a Debian/Ubuntu machine, and nothing that is already there.
#   scripts/setup.sh run    what starting the app needs
#   scripts/setup.sh test   what running every test needs (a superset)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"

run_packages=(build-essential pkg-config libssl-dev file curl
  libwebkit2gtk-4.1-dev libsoup-3.0-dev libayatana-appindicator3-dev librsvg2-dev fonts-dejavu-core
  # Time zones: the app reads the operating system's database (core/src/time.rs).
  tzdata)
test_packages=(xvfb xauth webkit2gtk-driver dbus-x11 dunst libnotify-bin python3-dbusmock python3-venv
  chromium imagemagick poppler-utils
  # The clinic's tests on its second engine (scripts/pg.sh starts a private cluster).
  postgresql
  # The Android type-check (scripts/check-android.sh): C for ring and SQLite, arm64 headers.
  clang libc6-dev-arm64-cross)

packages=("${run_packages[@]}")
[ "$mode" = test ] && packages+=("${test_packages[@]}")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

command -v cargo >/dev/null || { echo "setup: Rust (cargo) is required: https://rustup.rs" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup: Node.js 20.19+ with npm is required" >&2; exit 1; }

# npm packages exactly as locked; skipped when the lockfile has not changed since the last install.
if [ ! -f ui/node_modules/.package-lock.json ] || ! cmp -s ui/package-lock.json ui/node_modules/.tideline-lock; then
  echo "setup: installing npm packages from ui/package-lock.json"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
  cp ui/package-lock.json ui/node_modules/.tideline-lock
fi

if [ "$mode" = test ]; then
  command -v rustup >/dev/null || { echo "setup: rustup is required for the Android type-check" >&2; exit 1; }
  if ! rustup target list --installed | grep -qx aarch64-linux-android; then
    echo "setup: adding the Rust target aarch64-linux-android (the Android type-check)"
    rustup target add aarch64-linux-android
  fi
  if ! command -v cargo-deny >/dev/null && [ ! -x "$HOME/.cargo/bin/cargo-deny" ]; then
    echo "setup: installing cargo-deny (the supply-chain check of make lint; compiles for a few minutes)"
    cargo install cargo-deny --version '^0.20' --locked --quiet
  fi
  # Every crate of every platform (Windows and Android ones included) in the local cache, so that
  # `cargo deny --offline` in make lint can read the whole graph without the network.
  cargo fetch --locked --quiet
  if ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
    echo "setup: installing tauri-driver"
    cargo install tauri-driver --version '^2' --locked --quiet
  fi
  venv="${TIDELINE_VENV:-$HOME/.cache/tideline/venv}"
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import fhir.resources' 2>/dev/null; then
    echo "setup: creating the FHIR validation venv at $venv"
    /usr/bin/python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet 'fhir.resources>=8,<9'
  fi
fi
