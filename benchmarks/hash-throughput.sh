#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# codexsync's SHA-256 hasher beside sha256sum on the same files, warm cache. A benchmark, not a test: it prints
# figures (MB/s and the ratio) and never fails on a slow result. Issue 15's target: codexsync >= 80% of sha256sum.
#
#   benchmarks/hash-throughput.sh                          # generated home: 5,000 session files, ~500 MiB
#   benchmarks/hash-throughput.sh --files 20000 --mb 2000  # a larger generated home
#   benchmarks/hash-throughput.sh --dir ~/.codex/sessions  # any folder
#
# Options: --files N   session files in the generated home (default 5000)
#          --mb M      its size in MiB (default 500)
#          --dir DIR   hash the regular files under DIR instead of a generated home
#          --runs R    passes per tool; the median is printed (default 3)
# Env:     BENCH=/tmp/codexsync-hash-bench (generated homes are cached there), SEED=1,
#          CODEXSYNC_TOOLS=<folder holding gen-codex-home.py> (default: ../shared/tools beside the repository)
# Needs:   python3 (for a generated home), coreutils' sha256sum, JBANG_CACHE_DIR as for any ./jbang call.
#
# sha256sum runs over the list through xargs (one process per few thousand files, one core: it has no threads);
# codexsync runs benchmarks/HashFiles.java, which compiles in only lib/codexsync/fs's hasher and times the hashing
# inside its JVM (not the JVM's start): "parallel" is FileHasher.sha256All (what mtime_hash_fallback, the handoff
# record and folder snapshots use: every core), "one-thread" is FileHasher.sha256 file after file.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"

FILES=5000
MB=500
DIR=""
RUNS=3
while [ $# -gt 0 ]; do
  case $1 in
    --files) FILES=$2; shift ;;
    --mb) MB=$2; shift ;;
    --dir) DIR=$2; shift ;;
    --runs) RUNS=$2; shift ;;
    -h|--help) sed -n '3,21p' "$0"; exit 0 ;;
    *) echo "hash-throughput.sh: unknown option $1" >&2; echo "  fix: see benchmarks/hash-throughput.sh --help" >&2
       exit 4 ;;
  esac
  shift
done

BENCH=${BENCH:-/tmp/codexsync-hash-bench}
SEED=${SEED:-1}
mkdir -p "$BENCH"
if [ -z "$DIR" ]; then
  GEN=${CODEXSYNC_TOOLS:-$REPO/../shared/tools}/gen-codex-home.py
  if [ ! -f "$GEN" ]; then
    echo "hash-throughput.sh: the home generator $GEN was not found." >&2
    echo "  fix: set CODEXSYNC_TOOLS to the folder that holds gen-codex-home.py, or pass --dir" >&2
    exit 4
  fi
  DIR=$BENCH/home-$FILES-${MB}mb-s$SEED
  if [ ! -e "$DIR/.done" ]; then
    echo "hash-throughput.sh: generating $FILES files, ~$MB MiB in $DIR" >&2
    rm -rf "$DIR"
    python3 "$GEN" --files "$FILES" --total-mb "$MB" --days 90 --seed "$SEED" --out "$DIR" >/dev/null
    touch "$DIR/.done"
  fi
fi
if [ ! -d "$DIR" ]; then
  echo "hash-throughput.sh: $DIR is not a folder" >&2; echo "  fix: pass an existing folder to --dir" >&2; exit 4
fi

LIST=$BENCH/hash-list.bin
find "$DIR" -type f ! -name .done -print0 | sort -z >"$LIST"
xargs -0 cat <"$LIST" >/dev/null # warm cache: both tools read from memory, so the hashing is what is compared
./jbang benchmarks/HashFiles.java "$LIST" 0 >/dev/null # build once: compile time is not what is measured

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
now() { date +%s.%N; }

: >"$BENCH/sha256sum.txt"
for _ in $(seq "$RUNS"); do
  t0=$(now)
  xargs -0 sha256sum <"$LIST" >/dev/null
  t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }' >>"$BENCH/sha256sum.txt"
done
./jbang benchmarks/HashFiles.java "$LIST" "$RUNS" >"$BENCH/codexsync.txt"

files=$(awk '$1 == "parallel" { print $2; exit }' "$BENCH/codexsync.txt")
bytes=$(awk '$1 == "parallel" { print $3; exit }' "$BENCH/codexsync.txt")
sha=$(median <"$BENCH/sha256sum.txt")
par=$(awk '$1 == "parallel" { print $4 }' "$BENCH/codexsync.txt" | median)
one=$(awk '$1 == "one-thread" { print $4 }' "$BENCH/codexsync.txt" | median)

echo "machine: $(nproc) cores, $(uname -sr); $(java -version 2>&1 | head -1); $(sha256sum --version | head -1)"
echo "files: $files under $DIR, $bytes bytes; warm cache; median of $RUNS"
awk -v b="$bytes" -v s="$sha" -v p="$par" -v o="$one" 'BEGIN {
  mb = b / 1e6
  printf "%-32s %8s %10s %10s\n", "hasher", "seconds", "MB/s", "vs sha256sum"
  printf "%-32s %8.3f %10.1f %10s\n", "sha256sum (coreutils, 1 core)", s, mb / s, "1.00x"
  printf "%-32s %8.3f %10.1f %9.2fx\n", "codexsync sha256All (all cores)", p, mb / p, s / p
  printf "%-32s %8.3f %10.1f %9.2fx\n", "codexsync sha256 (1 thread)", o, mb / o, s / o
}'
