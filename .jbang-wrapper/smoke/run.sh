#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Manual smoke test of ./jbang against the real network (Maven Central).
# Not part of the test suite: it downloads ~10 MB twice and needs mvn for the
# fallback step. Run from anywhere: .jbang-wrapper/smoke/run.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd -P)
hello=$root/.jbang-wrapper/smoke/hello.java
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "SMOKE FAIL: $*" >&2; exit 1; }

run() { # run <label> <JBANG_DIR> [env...] -- args...
  local label=$1 dir=$2; shift 2
  local envs=()
  while [[ $1 != -- ]]; do envs+=("$1"); shift; done
  shift
  set +e
  env JBANG_DIR="$dir" "${envs[@]}" "$root/jbang" "$@" >"$work/out" 2>"$work/err"
  rc=$?
  set -e
  echo "== $label: exit $rc"
  sed 's/^/   err| /' "$work/err"
}

expected=$'a b\n"q"\n$HOME\n*'

jd=$work/jbang-dir
mkdir "$jd"
run "first run, empty JBANG_DIR" "$jd" -- "$hello" 'a b' '"q"' '$HOME' '*'
[[ $rc == 7 ]] || fail "exit code $rc, expected 7"
[[ $(cat "$work/out") == "$expected" ]] || fail "arguments changed: $(cat "$work/out")"
grep -q 'SHA-1 verified' "$work/err" || fail "no SHA-1 verification message"

run "second run" "$jd" -- "$hello" 'a b' '"q"' '$HOME' '*'
[[ $rc == 7 && $(cat "$work/out") == "$expected" ]] || fail "second run differs"
! grep -q 'downloading' "$work/err" || fail "second run downloaded again"

jd2=$work/jbang-dir-mvn
mkdir "$jd2"
run "bogus CODEXSYNC_MAVEN_REPO -> mvn fallback" "$jd2" CODEXSYNC_MAVEN_REPO=http://127.0.0.1:9/none -- "$hello" x
[[ $rc == 7 ]] || fail "mvn fallback run exit $rc"
grep -q 'falling back to Maven' "$work/err" || fail "mvn fallback not used"

cat=$work/catalog
mkdir "$cat"
cp "$hello" "$cat/hello.java"
printf '{ "aliases": { "hello": { "script-ref": "hello.java" } } }\n' >"$cat/jbang-catalog.json"
run "catalog alias hello@$cat" "$jd" -- "hello@$cat" a b
[[ $rc == 7 && $(cat "$work/out") == $'a\nb' ]] || fail "catalog alias not found (gson problem?)"

for d in "$jd" "$jd2"; do
  if [[ -n $(ls -A "$d/cache/jdks" 2>/dev/null) ]]; then fail "a JDK was downloaded into $d/cache/jdks"; fi
done
! grep -qi 'Downloading JDK' "$work/err" || fail "JBang tried to download a JDK"
echo "SMOKE OK"
