#!/usr/bin/env bash
# The whole test suite, on a fresh machine that has Rust, Node/npm, Java and Python 3.
# Installs the pinned compilers the binding tests use into tests/tools/ (TypeScript, esbuild
# and Kotlin from npm per package-lock.json; tree-sitter from PyPI per
# requirements.txt), then runs every test. Extra arguments go to `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=tests/tools

for tool in cargo node npm java python3; do
  command -v "$tool" >/dev/null || { echo "tests/run.sh: '$tool' is required but not installed" >&2; exit 1; }
done

# npm ls fails when node_modules is missing or differs from the lockfile.
if ! (cd "$tools" && npm ls --depth=0 >/dev/null 2>&1); then
  echo "tests/run.sh: installing TypeScript, esbuild, the Kotlin compiler and playwright-core (npm ci)"
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
fi

# The venv holds exactly what requirements.txt pins: a copy of the file it was
# installed from sits beside it, so a new or changed pin reinstalls.
if ! cmp -s "$tools/requirements.txt" "$tools/venv/requirements.installed" \
  || ! "$tools/venv/bin/python" -c "import tree_sitter, jsonschema" 2>/dev/null; then
  echo "tests/run.sh: installing tree-sitter and jsonschema (pip, per tests/tools/requirements.txt)"
  python3 -m venv "$tools/venv" || { echo "tests/run.sh: python3 -m venv failed (Debian: apt-get install python3-venv)" >&2; exit 1; }
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check --only-binary=:all: -r "$tools/requirements.txt"
  cp "$tools/requirements.txt" "$tools/venv/requirements.installed"
fi

# Debian packages: apt_install PACKAGE REASON. Needs root and apt-get; otherwise
# the suite stops with a message naming the package.
apt_install() {
  echo "tests/run.sh: installing $1 (apt-get) for $2"
  if ! command -v apt-get >/dev/null || [ "$(id -u)" != 0 ]; then
    echo "tests/run.sh: $1 is required for $2 (Debian: apt-get install $1, as root)" >&2
    exit 1
  fi
  { DEBIAN_FRONTEND=noninteractive apt-get install -y "$1" >/dev/null \
    || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y "$1" >/dev/null; }; } \
    || { echo "tests/run.sh: apt-get install $1 failed" >&2; exit 1; }
}
# Debian's rustc (bookworm: 1.63) proves the generated crate's rust-version
# (tests/msrv.rs calls /usr/bin/rustc; rustup's toolchains stay first in PATH).
/usr/bin/rustc --version 2>/dev/null | grep -q '^rustc 1\.63\.' || apt_install rustc "tests/msrv.rs (Debian's rustc 1.63)"
# Headless Chromium for the HTML docs' browser test (tests/html_site.rs).
command -v chromium >/dev/null || apt_install chromium "tests/html_site.rs (headless browser)"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
cargo test --locked --workspace --no-fail-fast "$@" 2>&1 | tee "$log" || status=$?
# A bounded fuzz run over read -> validate -> render (fuzz/, target `catalog`),
# on the stable toolchain without a sanitizer, seeded with the fixtures and the
# invalid corpus; new inputs go to fuzz/corpus/catalog (ignored by git).
fuzz_version=0.13.1
if ! cargo fuzz --version 2>/dev/null | grep -qF "$fuzz_version"; then
  echo "tests/run.sh: installing cargo-fuzz $fuzz_version"
  cargo install cargo-fuzz --version "$fuzz_version" --locked
fi
mkdir -p fuzz/corpus/catalog
cargo fuzz run -s none catalog fuzz/corpus/catalog "$PWD/tests/fixtures" "$PWD/tests/invalid" \
  -- -runs=20000 -max_total_time=60 2>&1 | tail -n 20 || status=$?
# One closing line over all test binaries (cargo ends with the doc-test binaries,
# which may hold no test).
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i == "passed;") p += $(i-1); if ($i == "failed;") f += $(i-1) } }
     END { printf "all tests: %d passed, %d failed\n", p, f }' "$log"
exit "$status"
