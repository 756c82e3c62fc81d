#!/usr/bin/env bash
# Type-checks the app for Android (aarch64-linux-android) and runs clippy on it, warnings denied.
# No Android SDK or NDK is needed: the C parts of dependencies (ring, the bundled SQLite) are
# compiled with the system clang against the arm64 Linux headers, which is enough for a check.
# An APK needs a machine with the SDKs (ARCHITECTURE.md, "Mobile").
#   scripts/check-android.sh            check, then clippy -D warnings
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

target=aarch64-linux-android
# A build cache of its own, so the desktop cache is never rebuilt for another target's flags.
export CARGO_TARGET_DIR="${TIDELINE_ANDROID_TARGET_DIR:-$HOME/.cache/tideline-target-android}"

# Build scripts compiling C for the target: clang with Android's API level 24 as the target, and
# the arm64 glibc headers standing in for the NDK's sysroot (declarations only; nothing is linked).
export CC_aarch64_linux_android=clang
export CFLAGS_aarch64_linux_android="--target=aarch64-linux-android24 -isystem /usr/aarch64-linux-gnu/include"
# wry's build script generates the Kotlin half of the webview into this directory; on a machine
# with the SDKs `tauri android init` makes the real project that receives it.
export WRY_ANDROID_PACKAGE=org.tideline.app
export WRY_ANDROID_LIBRARY=tideline_app
export WRY_ANDROID_KOTLIN_FILES_OUT_DIR="$CARGO_TARGET_DIR/wry-kotlin"
mkdir -p "$WRY_ANDROID_KOTLIN_FILES_OUT_DIR"

missing=()
rustup target list --installed | grep -qx "$target" || missing+=("the Rust target $target")
command -v clang >/dev/null || missing+=("clang")
[ -d /usr/aarch64-linux-gnu/include ] || missing+=("libc6-dev-arm64-cross")
if [ ${#missing[@]} -gt 0 ]; then
  echo "check-android: missing ${missing[*]}; run scripts/setup.sh test" >&2
  exit 1
fi

cargo check -p tideline --target "$target" --quiet
cargo clippy -p tideline --target "$target" --quiet -- -D warnings
echo "check-android: the app type-checks for $target, clippy clean"
