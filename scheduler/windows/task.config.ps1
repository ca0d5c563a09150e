# SPDX-License-Identifier: GPL-3.0-or-later
#
# Settings of the codexsync scheduled task (Windows Task Scheduler). Edit, then
# run install-task.ps1 again: the task is replaced. install-task.ps1 and
# remove-task.ps1 read this file; paths must be full paths.

# The task's name. Your Windows user name is appended (codexSyncSync-<user>),
# so each account on this PC has its own task.
$TaskName = "codexSyncSync"

# Your codexsync checkout. Default: the checkout this folder is in.
$CodexsyncDir = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)

# Where jbang-catalog.json is: the task runs codexsync@<Catalog>. The checkout,
# or a catalog URL.
$Catalog = $CodexsyncDir

# The JBang launcher: the checkout's wrapper (fetches JBang from Maven Central),
# or "jbang" to use the one on your PATH.
$JbangCmd = Join-Path $CodexsyncDir "jbang.cmd"

# Your codexsync config. Default: config.toml in the checkout, where
# ".\jbang.cmd codexsync.java init-config" writes it.
$ConfigFile = Join-Path $CodexsyncDir "config.toml"

# "dry-run" (writes nothing) or "apply". Switch to "apply" only after the dry
# runs' log looked right.
$Mode = "dry-run"

# Minutes between runs (1 or more).
$IntervalMinutes = 15

# First run: the next time it is this o'clock (HH:mm, 24-hour); tomorrow if
# that time has passed today.
$StartTime = "09:00"

# The runner appends to codexsync-task.log in this folder (created on install).
$LogDir = Join-Path $env:LOCALAPPDATA "codexsync\logs"
