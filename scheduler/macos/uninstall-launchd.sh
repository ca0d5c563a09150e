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

settings=$here/launchd.config.sh
while [ $# -gt 0 ]; do
  case $1 in
    --settings)
      if [ $# -lt 2 ]; then
        sched_say "$1 needs a value"
        exit 4
      fi
      settings=$2
      shift 2
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      sched_say "unknown argument: $1"
      usage >&2
      exit 4
      ;;
  esac
done

# '.' looks a name without a slash up on PATH, not in the current folder.
case $settings in */*) ;; *) settings=./$settings ;; esac
if [ ! -f "$settings" ]; then
  sched_say "settings file not found: $settings"
  exit 4
fi
SCHED_SETTINGS_FILE=$settings
# shellcheck source=SCRIPTDIR/launchd.config.sh
. "$settings"
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
