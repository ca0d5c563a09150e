#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs (or updates) the codexsync systemd user timer: checks every
# setting of systemd.config.sh, writes <UNIT_NAME>.service and .timer to
# ~/.config/systemd/user, reloads systemd and starts the timer. Safe to run
# again after editing the settings.

usage() {
  cat <<'EOF'
usage: install-systemd.sh [--settings FILE] [--dry-run | --output-dir DIR]

  --settings FILE    settings to use (default: systemd.config.sh beside this script)
  --dry-run          check the settings and print both units; change nothing
  --output-dir DIR   check the settings and write both units into DIR; no systemctl
  -h, --help         show this help
EOF
}

here=$(cd "$(dirname "$0")" && pwd) || exit 1
# shellcheck source=SCRIPTDIR/../common/common.sh
. "$here/../common/common.sh"

settings=$here/systemd.config.sh
print_only=false
output_dir=""
while [ $# -gt 0 ]; do
  case $1 in
    --settings | --output-dir)
      sched_need_value $# "$1"
      if [ "$1" = --settings ]; then settings=$2; else output_dir=$2; fi
      shift 2
      ;;
    --dry-run)
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
# shellcheck source=SCRIPTDIR/systemd.config.sh
. "$SCHED_SETTINGS_FILE"

sched_check_name UNIT_NAME "${UNIT_NAME:-}" codexsync-sync
sched_check_job_settings
jbang_path=$SCHED_JBANG_PATH
sched_check_timespan INTERVAL "${INTERVAL:-}" 60 15min
sched_check_timespan ON_BOOT_SEC "${ON_BOOT_SEC:-}" 0 5min
sched_check_log_file TASK_LOG "${TASK_LOG:-}"
sched_find_java
sched_end_checks

runner=$(cd "$here/../common" && pwd)/run-codexsync.sh
q() { sched_systemd_quote "$1"; }

print_service() {
  cat <<EOF
# Written by codexsync scheduler/linux/install-systemd.sh from systemd.config.sh:
# edit that and re-run the installer instead of this file.
[Unit]
Description=codexsync scheduled sync (mode=$MODE)

[Service]
Type=oneshot
WorkingDirectory=$(sched_systemd_escape_percent "$CODEXSYNC_DIR")
EOF
  sched_systemd_environment PATH "$SCHED_TASK_PATH"
  if [ -n "$SCHED_JAVA_HOME" ]; then
    sched_systemd_environment JAVA_HOME "$SCHED_JAVA_HOME"
  fi
  printf 'ExecStart=%s --codexsync-dir %s --jbang %s --catalog %s --config %s --mode %s --task-log %s\n' \
    "$(q "$runner")" "$(q "$CODEXSYNC_DIR")" "$(q "$jbang_path")" "$(q "$CATALOG")" \
    "$(q "$CONFIG_FILE")" "$(q "$MODE")" "$(q "$TASK_LOG")"
  # codexsync's exit code says what happened; 2 (conflict), 3 (Codex running)
  # and 5 (safe abort) mark the run failed, so 'systemctl --user status' shows it.
}

print_timer() {
  cat <<EOF
# Written by codexsync scheduler/linux/install-systemd.sh from systemd.config.sh:
# edit that and re-run the installer instead of this file.
[Unit]
Description=Run $UNIT_NAME.service (codexsync sync) every $INTERVAL

[Timer]
OnBootSec=$ON_BOOT_SEC
OnUnitActiveSec=$INTERVAL
Persistent=true
Unit=$UNIT_NAME.service

[Install]
WantedBy=timers.target
EOF
}

# Writes both units into a folder, each beside its target and renamed, so
# systemd never reads half a file.
write_units() { # DIR
  mkdir -p "$1" || exit 1
  print_service >"$1/$UNIT_NAME.service.tmp" && mv -f "$1/$UNIT_NAME.service.tmp" "$1/$UNIT_NAME.service" || exit 1
  print_timer >"$1/$UNIT_NAME.timer.tmp" && mv -f "$1/$UNIT_NAME.timer.tmp" "$1/$UNIT_NAME.timer" || exit 1
}

if [ -n "$output_dir" ]; then
  write_units "$output_dir"
  sched_say "wrote $output_dir/$UNIT_NAME.service and $output_dir/$UNIT_NAME.timer (systemctl not called)"
  exit 0
fi
if $print_only; then
  printf '### %s.service\n' "$UNIT_NAME"
  print_service
  printf '\n### %s.timer\n' "$UNIT_NAME"
  print_timer
  exit 0
fi

if ! command -v systemctl >/dev/null 2>&1; then
  sched_say "systemctl not found: this installer needs systemd (use --dry-run to only see the units)"
  exit 1
fi
unit_dir=${XDG_CONFIG_HOME:-$HOME/.config}/systemd/user
mkdir -p "$(dirname "$TASK_LOG")" || exit 1
write_units "$unit_dir"
systemctl --user daemon-reload || exit 1
systemctl --user enable --now "$UNIT_NAME.timer" || exit 1
# enable --now leaves an already running timer alone: restart it so a changed
# INTERVAL or ON_BOOT_SEC applies now.
systemctl --user restart "$UNIT_NAME.timer" || exit 1

sched_say "installed $UNIT_NAME.timer: every $INTERVAL, mode=$MODE"
sched_say "units: $unit_dir/$UNIT_NAME.service, $unit_dir/$UNIT_NAME.timer"
sched_say "task log: $TASK_LOG"
sched_say "check: systemctl --user list-timers $UNIT_NAME.timer"
sched_say "runs only while you are logged in, unless: loginctl enable-linger $(id -un)"
