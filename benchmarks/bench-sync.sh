#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Times `codexsync sync --apply` on synthetic Codex homes of 2,000 and 20,000 session files: the first sync
# (everything copied to an empty cloud folder) and a resync with no change (scan + plan, 0 actions).
# Not a test: it prints figures (files, seconds, bytes) for humans to compare between versions.
#   benchmarks/bench-sync.sh                 # 2000 and 20000 files
#   benchmarks/bench-sync.sh 5000            # any list of file counts
#   env: BENCH=/tmp/codexsync-bench-sync  SEED=1  MB_PER_1000=10 (size of the generated home per 1000 files)
#        CODEXSYNC_SHARED=<folder holding tools/gen-codex-home.py> (default: ../shared beside the repository)
# The config sets safety.require_codex_stopped = false: the benchmark machine runs no Codex, and the process
# guard is not what is measured.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
SHARED=${CODEXSYNC_SHARED:-../shared}
GEN=$SHARED/tools/gen-codex-home.py
if [ ! -f "$GEN" ]; then
  echo "bench-sync: the home generator $GEN was not found." >&2
  echo "  fix: set CODEXSYNC_SHARED to the folder that holds tools/gen-codex-home.py" >&2
  exit 4
fi
command -v python3 >/dev/null || { echo "bench-sync: python3 is needed to generate homes" >&2; exit 4; }

BENCH=${BENCH:-/tmp/codexsync-bench-sync}
SEED=${SEED:-1}
MB_PER_1000=${MB_PER_1000:-10}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(2000 20000)

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

mkdir -p "$BENCH"
# Build the JBang jar once so compile time is not measured.
./jbang codexsync.java --version >/dev/null

printf '%-8s %-14s %9s %8s %12s\n' files run seconds copied bytes
for files in "${SIZES[@]}"; do
  base=$BENCH/home-$files-s$SEED
  if [ ! -e "$base/.done" ]; then
    rm -rf "$base"
    python3 "$GEN" --files "$files" --total-mb $((files * MB_PER_1000 / 1000)) --days 90 --seed "$SEED" \
      --out "$base" >/dev/null
    touch "$base/.done"
  fi
  run=$BENCH/run-$files
  rm -rf "$run"
  mkdir -p "$run"
  cp -a "$base" "$run/local"
  rm -f "$run/local/.done"
  cat >"$run/config.toml" <<TOML
[identity]
machine_id = "bench"
[paths]
workspace_root_dir = "$run/ws"
local_state_dir = "$run/local"
cloud_root_dir = "\${workspace_root}/sync"
backup_dir = "\${workspace_root}/backups"
temp_dir = "\${workspace_root}/.tmp"
[targets]
include_roots = ["sessions", "archived_sessions", "session_index.jsonl", "history.jsonl", "skills", "prompts", "rules"]
[safety]
require_codex_stopped = false
[state]
manifest_file = "\${workspace_root}/state/manifest.json"
TOML
  for label in first-sync no-change; do
    start=$(now)
    ./jbang codexsync.java -c "$run/config.toml" sync --apply >"$run/out-$label.txt" 2>"$run/err-$label.txt"
    end=$(now)
    summary=$(grep -o 'summary command=sync.*' "$run/err-$label.txt" | tail -n 1)
    copied=$(printf '%s\n' "$summary" | sed -n 's/.* copied=\([0-9]*\).*/\1/p')
    bytes=$(printf '%s\n' "$summary" | sed -n 's/.* bytes=\([0-9]*\).*/\1/p')
    printf '%-8s %-14s %9s %8s %12s\n' "$files" "$label" "$(elapsed "$start" "$end")" "${copied:-?}" "${bytes:-?}"
  done
done
