#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The scheduled job on macOS (launchd) and Linux (systemd): runs one
#   <jbang> codexsync@<catalog> -c <config> sync --dry-run|--apply
# from the checkout, appends a start line, everything the sync printed and an
# end line with its exit code to the task log, and exits with codexsync's exit
# code (0 ok, 1 error, 2 conflict, 3 Codex running, 4 bad config/args,
# 5 safe abort). The installers pass every argument; nothing is read from the
# settings file at run time, so the job does exactly what was installed.

usage() {
  cat <<'EOF'
usage: run-codexsync.sh --codexsync-dir DIR --jbang PATH --catalog DIR|URL
                        --config FILE --mode dry-run|apply --task-log FILE

  --codexsync-dir DIR  the codexsync checkout; the sync runs from there
  --jbang PATH         the JBang launcher (e.g. DIR/jbang) or a jbang on PATH
  --catalog DIR|URL    where jbang-catalog.json is: runs codexsync@<catalog>
  --config FILE        the codexsync config (TOML)
  --mode MODE          dry-run (writes nothing) or apply
  --task-log FILE      start line, all output and the exit code are appended here
EOF
}

here=$(cd "$(dirname "$0")" && pwd) || exit 1
# shellcheck source=SCRIPTDIR/common.sh
. "$here/common.sh"
SCHED_SETTINGS_FILE="your settings file, then re-run the installer"

codexsync_dir="" jbang="" catalog="" config="" mode="" task_log=""
while [ $# -gt 0 ]; do
  case $1 in
    --codexsync-dir | --jbang | --catalog | --config | --mode | --task-log)
      sched_need_value $# "$1" --usage
      case $1 in
        --codexsync-dir) codexsync_dir=$2 ;;
        --jbang) jbang=$2 ;;
        --catalog) catalog=$2 ;;
        --config) config=$2 ;;
        --mode) mode=$2 ;;
        --task-log) task_log=$2 ;;
      esac
      shift 2
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) sched_unknown_argument "$1" ;;
  esac
done

sched_check_log_file TASK_LOG "$task_log"
sched_end_checks

stamp() { date -u +%Y-%m-%dT%H:%M:%SZ; }
log_line() { printf '[%s] %s\n' "$(stamp)" "$*" >>"$task_log"; }

mkdir -p "$(dirname "$task_log")" || exit 1
log_line "Starting task mode=$mode"

# Same checks as the installer (the checkout may have moved or the config been
# deleted since), reported into the task log, where users look.
{
  sched_check_codexsync_dir CODEXSYNC_DIR "$codexsync_dir"
  sched_check_command JBANG "$jbang"
  jbang_path=$SCHED_RESOLVED
  sched_check_catalog CATALOG "$catalog"
  sched_check_config_file CONFIG_FILE "$config"
  sched_check_mode MODE "$mode"
} 2>>"$task_log"
if [ "$SCHED_PROBLEMS" -gt 0 ]; then
  sched_say "$SCHED_PROBLEMS argument(s) need fixing; nothing was run (details in $task_log)"
  log_line "Finished task exit_code=4"
  exit 4
fi

cd "$codexsync_dir" || {
  log_line "Finished task exit_code=1"
  exit 1
}
# Not exec: the exit code must still be written to the task log afterwards.
"$jbang_path" "codexsync@$catalog" -c "$config" sync "--$mode" </dev/null >>"$task_log" 2>&1
code=$?
log_line "Finished task exit_code=$code"
exit "$code"
