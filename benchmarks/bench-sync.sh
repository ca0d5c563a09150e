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

# shellcheck source=SCRIPTDIR/common.sh
. "$(dirname "$0")/common.sh"
bench_init bench-sync

BENCH=${BENCH:-/tmp/codexsync-bench-sync}
SEED=${SEED:-1}
MB_PER_1000=${MB_PER_1000:-10}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(2000 20000)

bench_prepare

printf '%-8s %-14s %9s %8s %12s\n' files run seconds copied bytes
for files in "${SIZES[@]}"; do
  bench_home "$files" $((files * MB_PER_1000 / 1000))
  bench_run_folder "$files"
  run=$BENCH_RUN
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
