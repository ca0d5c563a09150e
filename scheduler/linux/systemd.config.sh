# shellcheck shell=sh disable=SC2034 # read by install-systemd.sh and uninstall-systemd.sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Settings of the codexsync systemd user timer (Linux). Edit, then run
# ./install-systemd.sh again: the units are rewritten and the timer restarted.
# The scripts source this file; paths must be absolute ("$HOME/..." is fine).

# Names the units: ~/.config/systemd/user/<UNIT_NAME>.service and .timer.
UNIT_NAME="codexsync-sync"

# Your codexsync checkout. Default: the checkout this folder is in.
CODEXSYNC_DIR="$(cd "$(dirname "$0")/../.." && pwd)"

# Where jbang-catalog.json is: the job runs codexsync@<CATALOG>. The checkout,
# or a catalog URL.
CATALOG="$CODEXSYNC_DIR"

# The JBang launcher: the checkout's wrapper (fetches JBang from Maven
# Central), or "jbang" to use the one on your PATH.
JBANG="$CODEXSYNC_DIR/jbang"

# Your codexsync config. Default: config.toml in the checkout, where
# "./jbang codexsync.java init-config" writes it.
CONFIG_FILE="$CODEXSYNC_DIR/config.toml"

# dry-run (writes nothing) or apply. Switch to apply only after the dry runs'
# log looked right.
MODE="dry-run"

# Time between runs (systemd time span, 1min or more): e.g. 15min, 1h, 2h 30min.
INTERVAL="15min"

# First run this long after boot (systemd time span).
ON_BOOT_SEC="5min"

# Start line, all codexsync output and "Finished task exit_code=N" of every run.
TASK_LOG="${XDG_STATE_HOME:-$HOME/.local/state}/codexsync/codexsync-task.log"
