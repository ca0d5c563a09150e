#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# codexsync beside its peers (rsync, Unison, rclone bisync) on synthetic Codex homes, in one run, one table.
# A benchmark, not a test: it prints figures (wall seconds, peak RSS) and never fails on a slow result.
#
#   benchmarks/bench.sh                      # 20,000 and 100,000 session files, 100 MiB per 1,000 files
#   benchmarks/bench.sh --quick              # 2,000 files, 10 MiB per 1,000 (a minute; checks the script works)
#   benchmarks/bench.sh --sizes "20000" --mb-per-1000 100 --runs 3
#
# Options: --sizes "N ..."   session files per home (default "20000 100000")
#          --mb-per-1000 M   size of a home per 1,000 files in MiB (default 100: 20,000 files ~ 2 GB)
#          --runs R          no-change runs are repeated R times and the median kept (default 3)
#          --tools "..."     peers to run among rsync unison rclone (default all three; a missing one is skipped)
#          --quick           --sizes 2000 --mb-per-1000 10 --runs 1
# Env:     BENCH=/tmp/codexsync-bench (homes are cached there by size and seed; runs use fresh copies)
#          CODEXSYNC_TOOLS=<folder holding gen-codex-home.py> (default: ../shared/tools beside the repository; the
#          generator is the team's shared tool and is not copied into this repository)
#          SEED=1
# Needs:   python3, /usr/bin/time (Debian package `time`), and the peers: apt-get install rsync unison rclone.
#
# Scenarios (each tool works on its own copy of the home, syncing it with its own empty replica folder):
#   first        first full sync into an empty replica       codexsync: sync --apply
#   nochange-dry no change, preview only                      codexsync: sync --dry-run; rsync -n; rclone
#                                                             bisync --dry-run; Unison has no preview: its run
#   nochange-dry-jbang  the same preview as `jbang codexsync@<checkout>` through a plain JBang (JBang asked on every
#                start: CODEXSYNC_FAST_LAUNCH=0); its ratios are to the peers' nochange-dry
#   nochange     no change, real run                          codexsync: sync --apply
#   mutate-1%    after gen-codex-home.py --mutate 1           codexsync: sync --apply
#   hash         no change, contents compared by hash         codexsync: compare = "mtime_hash_fallback",
#                                                             sync --dry-run; rsync -nc; unison -fastcheck false
# Peak RSS is /usr/bin/time's %M: the largest single process of the command's tree (for ./jbang that is the
# larger of JBang's JVM and codexsync's). codexsync runs through ./jbang, as a user runs it; the JBang build and
# the class archive of `sync` are made before timing starts. codexsync keeps every safety step (staging, fsync,
# backups, journal); the peers run with their defaults. rsync is one-way (local to replica); the others are two-way.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"

SIZES="20000 100000"
MB_PER_1000=100
RUNS=3
TOOLS="rsync unison rclone"
while [ $# -gt 0 ]; do
  case $1 in
    --quick) SIZES=2000; MB_PER_1000=10; RUNS=1 ;;
    --sizes) SIZES=$2; shift ;;
    --mb-per-1000) MB_PER_1000=$2; shift ;;
    --runs) RUNS=$2; shift ;;
    --tools) TOOLS=$2; shift ;;
    -h|--help) sed -n '3,32p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown option $1" >&2; echo "  fix: see benchmarks/bench.sh --help" >&2; exit 4 ;;
  esac
  shift
done

BENCH=${BENCH:-/tmp/codexsync-bench}
SEED=${SEED:-1}
GEN=${CODEXSYNC_TOOLS:-$REPO/../shared/tools}/gen-codex-home.py
if [ ! -f "$GEN" ]; then
  echo "bench.sh: the home generator $GEN was not found." >&2
  echo "  fix: set CODEXSYNC_TOOLS to the folder that holds gen-codex-home.py" >&2
  exit 4
fi
for need in python3 /usr/bin/time; do
  command -v "$need" >/dev/null || { echo "bench.sh: $need is needed (apt-get install python3 time)" >&2; exit 4; }
done
PEERS=""
for t in $TOOLS; do
  if command -v "$t" >/dev/null; then PEERS="$PEERS $t"; else echo "bench.sh: $t not installed, skipped" >&2; fi
done

mkdir -p "$BENCH"
RESULTS=$BENCH/results.txt
: >"$RESULTS"
./jbang codexsync.java --version >/dev/null # build once: compile time is not what is measured

# measure SIZE TOOL SCENARIO LOG CMD...: runs CMD under /usr/bin/time; appends "size tool scenario seconds KiB".
measure() {
  local size=$1 tool=$2 scenario=$3 log=$4; shift 4
  local t=$BENCH/time.txt
  if /usr/bin/time -f '%e %M' -o "$t" "$@" >>"$log" 2>&1; then
    echo "$size $tool $scenario $(tail -n 1 "$t")" >>"$RESULTS"
  else
    echo "$size $tool $scenario failed -" >>"$RESULTS"
    echo "bench.sh: $tool $scenario failed at $size files; see $log" >&2
  fi
}

# repeat SIZE TOOL SCENARIO LOG CMD...: RUNS measurements, keeps the median wall time (and that run's RSS).
repeat() {
  local size=$1 tool=$2 scenario=$3 keep=$RESULTS all=$BENCH/repeat.txt
  RESULTS=$all; : >"$all"
  for _ in $(seq "$RUNS"); do measure "$@"; done
  RESULTS=$keep
  grep -v ' failed ' "$all" | sort -k4,4n | awk -v n="$RUNS" 'NR == int((n + 1) / 2)' >>"$RESULTS" || true
  grep -q ' failed ' "$all" && echo "$size $tool $scenario failed -" >>"$RESULTS" || true
}

codexsync_config() { # RUN COMPARE
  cat >"$1/config-$2.toml" <<TOML
[identity]
machine_id = "bench"
[paths]
workspace_root_dir = "$1/ws"
local_state_dir = "$1/local"
cloud_root_dir = "\${workspace_root}/sync"
backup_dir = "\${workspace_root}/backups"
temp_dir = "\${workspace_root}/.tmp"
[sync]
compare = "$2"
[targets]
include_roots = ["sessions", "archived_sessions", "session_index.jsonl", "history.jsonl", "skills", "prompts", "rules"]
[safety]
require_codex_stopped = false
[state]
manifest_file = "\${workspace_root}/state/manifest.json"
TOML
}

for size in $SIZES; do
  mb=$((size * MB_PER_1000 / 1000))
  home=$BENCH/home-$size-${mb}mb-s$SEED
  if [ ! -e "$home/.done" ]; then
    echo "bench.sh: generating $size files, ~$mb MiB in $home" >&2
    rm -rf "$home"
    python3 "$GEN" --files "$size" --total-mb "$mb" --days 90 --seed "$SEED" --out "$home" >/dev/null
    touch "$home/.done"
  fi
  for tool in codexsync $PEERS; do
    run=$BENCH/run-$size-$tool
    rm -rf "$run"; mkdir -p "$run/replica"
    cp -a "$home" "$run/local"; rm -f "$run/local/.done"
    log=$run/log.txt
    echo "bench.sh: $size files, $tool" >&2
    sync 2>/dev/null || true
    case $tool in
      codexsync)
        codexsync_config "$run" mtime; codexsync_config "$run" mtime_hash_fallback
        cs=(./jbang codexsync.java -c "$run/config-mtime.toml" sync)
        hs=(./jbang codexsync.java -c "$run/config-mtime_hash_fallback.toml" sync)
        # Like the build above, made before timing: the class archive ./jbang keeps for `sync` (written by the
        # first start of the command after each build; docs/jbang-wrapper.md). A dry run writes nothing else.
        "${cs[@]}" --dry-run >/dev/null 2>&1
        measure "$size" codexsync first "$log" "${cs[@]}" --apply
        repeat "$size" codexsync nochange-dry "$log" "${cs[@]}" --dry-run
        # As through a plain JBang: the catalog alias, JBang asked on every start (no fast launch path).
        repeat "$size" codexsync nochange-dry-jbang "$log" env CODEXSYNC_FAST_LAUNCH=0 \
          ./jbang "codexsync@$REPO" -c "$run/config-mtime.toml" sync --dry-run
        repeat "$size" codexsync nochange "$log" "${cs[@]}" --apply
        repeat "$size" codexsync hash "$log" "${hs[@]}" --dry-run
        python3 "$GEN" --mutate 1 --seed "$SEED" --out "$run/local" >/dev/null
        measure "$size" codexsync mutate-1% "$log" "${cs[@]}" --apply ;;
      rsync)
        measure "$size" rsync first "$log" rsync -a "$run/local/" "$run/replica/"
        repeat "$size" rsync nochange-dry "$log" rsync -an "$run/local/" "$run/replica/"
        repeat "$size" rsync nochange "$log" rsync -a "$run/local/" "$run/replica/"
        repeat "$size" rsync hash "$log" rsync -anc "$run/local/" "$run/replica/"
        python3 "$GEN" --mutate 1 --seed "$SEED" --out "$run/local" >/dev/null
        measure "$size" rsync mutate-1% "$log" rsync -a "$run/local/" "$run/replica/" ;;
      unison)
        export UNISON=$run/unison-archive
        un=(unison "$run/local" "$run/replica" -batch -silent -times -perms 0)
        measure "$size" unison first "$log" "${un[@]}"
        repeat "$size" unison nochange-dry "$log" "${un[@]}"
        repeat "$size" unison nochange "$log" "${un[@]}"
        repeat "$size" unison hash "$log" "${un[@]}" -fastcheck false
        python3 "$GEN" --mutate 1 --seed "$SEED" --out "$run/local" >/dev/null
        measure "$size" unison mutate-1% "$log" "${un[@]}" ;;
      rclone)
        touch "$run/rclone.conf"
        rc=(rclone --config "$run/rclone.conf" bisync "$run/local" "$run/replica" --workdir "$run/bisync")
        measure "$size" rclone first "$log" "${rc[@]}" --resync
        repeat "$size" rclone nochange-dry "$log" "${rc[@]}" --dry-run
        repeat "$size" rclone nochange "$log" "${rc[@]}"
        python3 "$GEN" --mutate 1 --seed "$SEED" --out "$run/local" >/dev/null
        measure "$size" rclone mutate-1% "$log" "${rc[@]}" ;;
    esac
  done
done

# The table: one row per size and scenario; per tool "seconds s · MiB"; then codexsync's time / the peer's.
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr);" \
     "homes: $MB_PER_1000 MiB per 1,000 files; median of $RUNS for no-change rows"
python3 - "$RESULTS" codexsync $PEERS <<'PY'
import sys
rows, tools = {}, sys.argv[2:]
for line in open(sys.argv[1]):
    size, tool, scen, sec, kib = line.split()
    rows.setdefault((int(size), scen), {})[tool] = None if sec == "failed" else (float(sec), int(kib))
order = ["first", "nochange-dry", "nochange-dry-jbang", "nochange", "mutate-1%", "hash"]
# codexsync through JBang on every start is compared with the peers' own no-change preview.
peer_row = lambda size, scen: rows.get((size, "nochange-dry" if scen == "nochange-dry-jbang" else scen), {})
cell = lambda v: "-" if v is None else f"{v[0]:.2f} s · {v[1] // 1024} MiB"
head = ["files", "scenario"] + tools + [f"codexsync / {t}" for t in tools[1:]]
print("| " + " | ".join(head) + " |")
print("|" + "---|" * len(head))
for (size, scen) in sorted(rows, key=lambda k: (k[0], order.index(k[1]))):
    r = rows[(size, scen)]
    cs = r.get("codexsync")
    ratios = []
    for t in tools[1:]:
        p = peer_row(size, scen).get(t)
        ratios.append("-" if cs is None or p is None or p[0] == 0 else f"{cs[0] / p[0]:.1f}×")
    print("| " + " | ".join([f"{size:,}", scen] + [cell(r.get(t)) for t in tools] + ratios) + " |")
sizes = sorted({size for size, _ in rows})
if len(sizes) > 1:
    small, big = sizes[0], sizes[-1]
    print(f"\ngrowth from {small:,} to {big:,} files ({big / small:.0f}x the files): time at {big:,} / time at {small:,}")
    for scen in order:
        cells = []
        for t in tools:
            a, b = rows.get((small, scen), {}).get(t), rows.get((big, scen), {}).get(t)
            if a and b and a[0] > 0:
                cells.append(f"{t} {b[0] / a[0]:.1f}x")
        if cells:
            print(f"  {scen}: " + ", ".join(cells))
PY
