# shellcheck shell=sh disable=SC2034 # read by install-launchd.sh and uninstall-launchd.sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Settings of the codexsync launchd job (macOS). Edit, then run
# ./install-launchd.sh again: the job is rewritten and reloaded. The scripts
# source this file; paths must be absolute ("$HOME/..." is fine).

# The job's name: ~/Library/LaunchAgents/<LABEL>.plist.
LABEL="com.codexsync.sync"

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

# Seconds between runs (60 or more).
INTERVAL_SECONDS=900

# Also run once when the job is loaded (at login and on install): true/false.
RUN_AT_LOAD=true

# Where launchd writes the runner's own stdout/stderr (problems starting it).
STDOUT_LOG="$HOME/Library/Logs/codexsync/launchd.out.log"
STDERR_LOG="$HOME/Library/Logs/codexsync/launchd.err.log"

# Start line, all codexsync output and "Finished task exit_code=N" of every run.
TASK_LOG="$HOME/Library/Logs/codexsync/codexsync-task.log"
