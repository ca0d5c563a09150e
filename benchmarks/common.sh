# shellcheck shell=bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the benchmark scripts (sourced, never run): finding the synthetic-home generator, timing, and the
# cached homes and fresh run folders each size works in. The caller sets `set -euo pipefail` and BENCH/SEED.

# bench_init NAME: goes to the repository root and checks the generator and python3 (exit 4 naming NAME).
# Sets REPO, SHARED and GEN.
bench_init() {
  REPO=$(cd "$(dirname "$0")/.." && pwd)
  cd "$REPO" || exit 1
  SHARED=${CODEXSYNC_SHARED:-../shared}
  GEN=$SHARED/tools/gen-codex-home.py
  if [ ! -f "$GEN" ]; then
    echo "$1: the home generator $GEN was not found." >&2
    echo "  fix: set CODEXSYNC_SHARED to the folder that holds tools/gen-codex-home.py" >&2
    exit 4
  fi
  command -v python3 >/dev/null || { echo "$1: python3 is needed to generate homes" >&2; exit 4; }
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# Creates $BENCH and builds the JBang jar once so compile time is not measured.
bench_prepare() {
  mkdir -p "$BENCH"
  ./jbang codexsync.java --version >/dev/null
}

# bench_home FILES TOTAL_MB: the generated home for FILES session files, made once and cached in $BENCH
# (a .done marker says it is complete). Sets BENCH_HOME.
bench_home() {
  BENCH_HOME=$BENCH/home-$1-s$SEED
  if [ ! -e "$BENCH_HOME/.done" ]; then
    rm -rf "$BENCH_HOME"
    python3 "$GEN" --files "$1" --total-mb "$2" --days 90 --seed "$SEED" --out "$BENCH_HOME" >/dev/null
    touch "$BENCH_HOME/.done"
  fi
}

# bench_run_folder FILES: an empty $BENCH/run-FILES with a copy of the cached home as local/. Sets BENCH_RUN.
bench_run_folder() {
  BENCH_RUN=$BENCH/run-$1
  rm -rf "$BENCH_RUN"
  mkdir -p "$BENCH_RUN"
  cp -a "$BENCH_HOME" "$BENCH_RUN/local"
  rm -f "$BENCH_RUN/local/.done"
}
