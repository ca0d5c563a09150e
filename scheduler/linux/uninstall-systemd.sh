#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Removes the codexsync systemd user timer: stops and disables it, deletes
# <UNIT_NAME>.service and .timer from ~/.config/systemd/user and reloads
# systemd. Exits 0 when it is not installed. Logs are kept.

usage() {
  cat <<'EOF'
usage: uninstall-systemd.sh [--settings FILE]

  --settings FILE   settings naming the units (default: systemd.config.sh beside this script)
  -h, --help        show this help
EOF
}

here=$(cd "$(dirname "$0")" && pwd) || exit 1
# shellcheck source=SCRIPTDIR/../common/common.sh
. "$here/../common/common.sh"

sched_settings_only_arguments "$here/systemd.config.sh" "$@"
# shellcheck source=SCRIPTDIR/systemd.config.sh
. "$SCHED_SETTINGS_FILE"
# Only the unit name matters here; the other settings may be broken already.
sched_check_name UNIT_NAME "${UNIT_NAME:-}" codexsync-sync
sched_end_checks

unit_dir=${XDG_CONFIG_HOME:-$HOME/.config}/systemd/user
service=$unit_dir/$UNIT_NAME.service
timer=$unit_dir/$UNIT_NAME.timer
have_systemctl=false
command -v systemctl >/dev/null 2>&1 && have_systemctl=true

if $have_systemctl; then
  # Fails when the timer is not installed or not running, which is fine.
  systemctl --user disable --now "$UNIT_NAME.timer" >/dev/null 2>&1 || true
fi
if [ ! -e "$service" ] && [ ! -e "$timer" ]; then
  sched_say "$UNIT_NAME is not installed (no units in $unit_dir); nothing to do"
  exit 0
fi
rm -f "$service" "$timer" || exit 1
if $have_systemctl; then
  systemctl --user daemon-reload >/dev/null 2>&1 || true
  systemctl --user reset-failed "$UNIT_NAME.service" >/dev/null 2>&1 || true
fi
sched_say "removed $UNIT_NAME.timer and $UNIT_NAME.service from $unit_dir"
exit 0
