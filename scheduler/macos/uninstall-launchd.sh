#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Removes the codexsync launchd job of the current user: unloads it and
# deletes ~/Library/LaunchAgents/<LABEL>.plist. Exits 0 when it is not
# installed. Logs are kept.

usage() {
  cat <<'EOF'
usage: uninstall-launchd.sh [--settings FILE]

  --settings FILE   settings naming the job (default: launchd.config.sh beside this script)
  -h, --help        show this help
EOF
}

here=$(cd "$(dirname "$0")" && pwd) || exit 1
# shellcheck source=SCRIPTDIR/../common/common.sh
. "$here/../common/common.sh"

sched_settings_only_arguments "$here/launchd.config.sh" "$@"
# shellcheck source=SCRIPTDIR/launchd.config.sh
. "$SCHED_SETTINGS_FILE"
# Only the label matters here; the other settings may be broken already.
sched_check_name LABEL "${LABEL:-}" com.codexsync.sync
sched_end_checks

plist=$HOME/Library/LaunchAgents/$LABEL.plist
uid=$(id -u)
if command -v launchctl >/dev/null 2>&1; then
  # Fails when the job is not loaded, which is fine.
  launchctl bootout "gui/$uid/$LABEL" >/dev/null 2>&1 || true
fi
if [ -e "$plist" ]; then
  rm -f "$plist" || exit 1
  sched_say "removed $LABEL ($plist)"
else
  sched_say "$LABEL is not installed ($plist does not exist); nothing to do"
fi
exit 0
