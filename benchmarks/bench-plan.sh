#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Times `codexsync plan` (text and --json) on synthetic Codex homes of 2,000 and 20,000 session files.
# Not a test: it prints figures (files, seconds) for humans to compare between versions.
#   benchmarks/bench-plan.sh                 # 2000 and 20000 files
#   benchmarks/bench-plan.sh 5000            # any list of file counts
#   env: BENCH=/tmp/codexsync-bench  SEED=1  MUTATE=1 (percent of sessions changed on the local side)
#        CODEXSYNC_SHARED=<folder holding tools/gen-codex-home.py> (default: ../shared beside the repository)
# Each size: generate a home once (cached), copy it as local and cloud, mutate MUTATE% of the local copy,
# then run plan once to warm the page cache and once more to measure.
set -euo pipefail

# shellcheck source=SCRIPTDIR/common.sh
. "$(dirname "$0")/common.sh"
bench_init bench-plan

BENCH=${BENCH:-/tmp/codexsync-bench}
SEED=${SEED:-1}
MUTATE=${MUTATE:-1}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(2000 20000)

bench_prepare

printf '%-8s %-6s %10s %9s\n' files mode seconds actions
for files in "${SIZES[@]}"; do
  bench_home "$files" $((files / 20))
  bench_run_folder "$files"
  run=$BENCH_RUN
  cp -a "$BENCH_HOME" "$run/cloud"
  rm -f "$run/cloud/.done"
  python3 "$GEN" --mutate "$MUTATE" --seed "$SEED" --out "$run/local" >/dev/null
  for mode in text json; do
    args=(plan --local "$run/local" --cloud "$run/cloud")
    [ "$mode" = json ] && args+=(--json)
    ./jbang codexsync.java "${args[@]}" >/dev/null 2>&1
    start=$(now)
    ./jbang codexsync.java "${args[@]}" >"$run/out-$mode.txt" 2>"$run/err-$mode.txt"
    end=$(now)
    if [ "$mode" = text ]; then
      actions=$(sed -n 's/^  actions: //p' "$run/out-$mode.txt")
    else
      actions=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["counts"]["actions"])' "$run/out-$mode.txt")
    fi
    printf '%-8s %-6s %10s %9s\n' "$files" "$mode" "$(elapsed "$start" "$end")" "$actions"
  done
done
