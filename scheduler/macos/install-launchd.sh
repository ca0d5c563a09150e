#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs (or updates) the codexsync launchd job for the current user:
# checks every setting of launchd.config.sh, writes
# ~/Library/LaunchAgents/<LABEL>.plist and (re)loads it with launchctl.
# Safe to run again after editing the settings.

usage() {
  cat <<'EOF'
usage: install-launchd.sh [--settings FILE] [--dry-run | --print-plist | --output FILE]

  --settings FILE   settings to use (default: launchd.config.sh beside this script)
  --dry-run         check the settings and print the plist; change nothing
  --print-plist     same as --dry-run
  --output FILE     check the settings and write the plist to FILE; no launchctl
  -h, --help        show this help
EOF
}

here=$(cd "$(dirname "$0")" && pwd) || exit 1
# shellcheck source=SCRIPTDIR/../common/common.sh
. "$here/../common/common.sh"

settings=$here/launchd.config.sh
print_only=false
output=""
while [ $# -gt 0 ]; do
  case $1 in
    --settings | --output)
      sched_need_value $# "$1"
      if [ "$1" = --settings ]; then settings=$2; else output=$2; fi
      shift 2
      ;;
    --dry-run | --print-plist)
      print_only=true
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) sched_unknown_argument "$1" ;;
  esac
done

sched_settings_file "$settings"
# shellcheck source=SCRIPTDIR/launchd.config.sh
. "$SCHED_SETTINGS_FILE"

sched_check_name LABEL "${LABEL:-}" com.codexsync.sync
sched_check_job_settings
jbang_path=$SCHED_JBANG_PATH
sched_check_int_min INTERVAL_SECONDS "${INTERVAL_SECONDS:-}" 60
sched_check_bool RUN_AT_LOAD "${RUN_AT_LOAD:-}"
sched_check_log_file STDOUT_LOG "${STDOUT_LOG:-}"
sched_check_log_file STDERR_LOG "${STDERR_LOG:-}"
sched_check_log_file TASK_LOG "${TASK_LOG:-}"
sched_find_java
sched_end_checks

runner=$(cd "$here/../common" && pwd)/run-codexsync.sh
# Leading zeros would make a valid but odd-looking plist integer.
interval=$(printf '%s' "$INTERVAL_SECONDS" | sed 's/^0*//')

x() { sched_xml_escape "$1"; }
string() { printf '      <string>%s</string>\n' "$(x "$1")"; }

print_plist() {
  cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<!-- Written by codexsync scheduler/macos/install-launchd.sh from launchd.config.sh: edit that and re-run the installer instead of this file. -->
<plist version="1.0">
  <dict>
    <key>Label</key>
    <string>$(x "$LABEL")</string>
    <key>ProgramArguments</key>
    <array>
EOF
  string "$runner"
  string --codexsync-dir
  string "$CODEXSYNC_DIR"
  string --jbang
  string "$jbang_path"
  string --catalog
  string "$CATALOG"
  string --config
  string "$CONFIG_FILE"
  string --mode
  string "$MODE"
  string --task-log
  string "$TASK_LOG"
  cat <<EOF
    </array>
    <key>WorkingDirectory</key>
    <string>$(x "$CODEXSYNC_DIR")</string>
    <key>StartInterval</key>
    <integer>$interval</integer>
    <key>RunAtLoad</key>
    <$RUN_AT_LOAD/>
    <key>StandardOutPath</key>
    <string>$(x "$STDOUT_LOG")</string>
    <key>StandardErrorPath</key>
    <string>$(x "$STDERR_LOG")</string>
    <key>EnvironmentVariables</key>
    <dict>
      <key>PATH</key>
      <string>$(x "$SCHED_TASK_PATH")</string>
EOF
  if [ -n "$SCHED_JAVA_HOME" ]; then
    printf '      <key>JAVA_HOME</key>\n      <string>%s</string>\n' "$(x "$SCHED_JAVA_HOME")"
  fi
  cat <<EOF
    </dict>
  </dict>
</plist>
EOF
}

if [ -n "$output" ]; then
  print_plist >"$output" || exit 1
  sched_say "wrote $output (launchctl not called)"
  exit 0
fi
if $print_only; then
  print_plist
  exit 0
fi

if ! command -v launchctl >/dev/null 2>&1; then
  sched_say "launchctl not found: this installer is for macOS (use --print-plist to only see the plist)"
  exit 1
fi

agents=$HOME/Library/LaunchAgents
plist=$agents/$LABEL.plist
uid=$(id -u)
mkdir -p "$agents" "$(dirname "$STDOUT_LOG")" "$(dirname "$STDERR_LOG")" "$(dirname "$TASK_LOG")" || exit 1
# Written beside the target and renamed, so launchd never reads half a file.
print_plist >"$plist.tmp" && mv -f "$plist.tmp" "$plist" || exit 1
if command -v plutil >/dev/null 2>&1 && ! plutil -lint "$plist" >/dev/null; then
  plutil -lint "$plist" >&2
  exit 1
fi

# Unload the previous version (absent on a first install: ignore the error).
launchctl bootout "gui/$uid/$LABEL" >/dev/null 2>&1 || true
# Enable before bootstrap: launchd refuses to bootstrap a label that was
# disabled earlier (e.g. by 'launchctl disable').
launchctl enable "gui/$uid/$LABEL" || exit 1
# bootout finishes asynchronously; bootstrap right after it can fail with
# "Input/output error", so try a few times.
tries=0
until launchctl bootstrap "gui/$uid" "$plist"; do
  tries=$((tries + 1))
  if [ "$tries" -ge 5 ]; then
    sched_say "launchctl bootstrap gui/$uid $plist failed; see 'launchctl print gui/$uid/$LABEL'"
    exit 1
  fi
  sleep 1
done

sched_say "installed $LABEL: every $interval s, mode=$MODE"
sched_say "plist: $plist"
sched_say "task log: $TASK_LOG"
sched_say "check: launchctl print gui/$uid/$LABEL"
