# The two commands a newcomer needs are `make run` and `make test`; everything else here serves them.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
# A build cache outside the clone, so fresh clones (and CI) reuse earlier builds on the same machine.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/tideline-target
export PATH := $(HOME)/.cargo/bin:$(PATH)
export TIDELINE_VENV ?= $(HOME)/.cache/tideline/venv

APP := $(CARGO_TARGET_DIR)/debug/tideline

.PHONY: screenshots run test setup-run setup-test ui app lint check-android test-rust test-notify test-ui test-portal test-clinic-postgres test-e2e fuzz

## make run: install what is missing, build, and start the app on the local vault.
run: setup-run ui
	cargo build -p tideline
	$(APP)

## make test: install what is missing and run every test (Rust, UI, end to end).
## Each stage prints how long it took, so a slow CI run says where its time went.
TEST_STAGES := setup-test ui lint check-android test-rust test-clinic-postgres test-notify test-ui test-portal test-e2e
test:
	@start=$$(date +%s); for stage in $(TEST_STAGES); do \
		s=$$(date +%s); echo "== make $$stage ($$(date -u +%H:%M:%S))"; \
		$(MAKE) --no-print-directory $$stage; \
		echo "== make $$stage: $$(( $$(date +%s) - s )) s"; \
	done; echo "All tests passed in $$(( $$(date +%s) - start )) s."

setup-run:
	scripts/setup.sh run

setup-test:
	scripts/setup.sh test

ui:
	cd ui && npm run --silent build

app: ui
	cargo build -p tideline

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --quiet -- -D warnings
	@# Supply chain (deny.toml): licenses, banned crates, crates.io only; no advisory database needed.
	cargo deny --offline --workspace check licenses bans sources
	@# The message catalog (i18n/): every key in every language, same variables, pseudo-locale fresh.
	cargo test -p tideline-i18n --quiet
	@# The core must never depend on Tauri (ARCHITECTURE.md).
	@if cargo tree -p tideline-core -e normal | grep -qi tauri; then echo "core depends on tauri" >&2; exit 1; fi
	@# No import cycle between the modules of core, the shell and wire (tests/layers, ARCHITECTURE.md "Layers").
	cargo test -p tideline-layers --quiet
	@# The TypeScript types: regenerated from the Rust types, then the committed folder must not differ.
	TIDELINE_BLESS=1 cargo test -p tideline-core --test domain --quiet bindings
	git diff --exit-code -- ui/src/lib/generated
	@if [ -n "$$(git ls-files --others --exclude-standard ui/src/lib/generated)" ]; then \
		echo "ui/src/lib/generated has new files not committed:" >&2; \
		git ls-files --others --exclude-standard ui/src/lib/generated >&2; exit 1; fi

## The whole app type-checks for Android and is clippy-clean there (no SDK here: no APK; see
## ARCHITECTURE.md, "Mobile"). Its own build cache, so the desktop one is untouched.
check-android: ui
	scripts/check-android.sh

test-rust:
	@# The shell's notification tests need a display and a private D-Bus session: test-notify runs them.
	cargo test --workspace --exclude tideline-e2e --exclude tideline --quiet
	cargo test -p tideline --lib --quiet

test-notify:
	scripts/test-notify.sh

test-portal:
	scripts/test-portal.sh

## The clinic's whole suite again on PostgreSQL: a private cluster (scripts/pg.sh: initdb in a
## temporary directory, Unix socket only, stopped by its pg_ctl), one database per test data directory.
test-clinic-postgres:
	scripts/pg.sh run cargo test -p tideline-clinic --quiet

## make fuzz: the property-based fuzz tests of the parsers of outside input, FUZZ_CASES cases each
## (make test runs the same tests with proptest's default of 256).
FUZZ_CASES ?= 10000
fuzz:
	PROPTEST_CASES=$(FUZZ_CASES) cargo test -p tideline-wire --test fuzz --quiet
	PROPTEST_CASES=$(FUZZ_CASES) cargo test -p tideline-clinic --test fuzz --quiet
	PROPTEST_CASES=$(FUZZ_CASES) cargo test -p tideline-core --lib vault::fuzz --quiet

## make screenshots: the Spanish browser pass again, keeping its screenshots in artifacts/es/.
screenshots: ui
	cd ui && TIDELINE_SCREENSHOTS=1 node tests/browser/run.mjs spanish.test.mjs

test-ui:
	cd ui && npm run --silent check && npm run --silent test && npm run --silent test:browser

test-e2e: app
	scripts/e2e.sh
