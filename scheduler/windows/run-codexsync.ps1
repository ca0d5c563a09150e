# SPDX-License-Identifier: GPL-3.0-or-later
<#
.SYNOPSIS
The scheduled task's program: runs one codexsync sync and logs it.

.DESCRIPTION
Runs  <JbangCmd> codexsync@<Catalog> -c <ConfigFile> sync --dry-run|--apply
from CodexsyncDir. Appends "[<UTC time>] Starting task mode=...", everything
codexsync printed and "[<UTC time>] Finished task exit_code=N" to
<LogDir>\codexsync-task.log, and exits with codexsync's exit code (0 ok,
1 error, 2 conflict, 3 Codex running, 4 bad config/args, 5 safe abort).
install-task.ps1 passes every parameter; task.config.ps1 is not read here, so
the task does exactly what was installed.
#>
param(
    [string]$CodexsyncDir,
    [string]$JbangCmd,
    [string]$Catalog,
    [string]$ConfigFile,
    [string]$Mode,
    [string]$LogDir
)

Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'common.ps1')
$where = 'task.config.ps1, then run install-task.ps1 again'

# The log folder first: every later problem is written into the log.
Assert-CodexsyncTaskSettings ([ordered]@{ LogDir = $LogDir }) $where
New-Item -ItemType Directory -Force -Path $LogDir | Out-Null
$log = Join-Path $LogDir 'codexsync-task.log'
function Write-TaskLog([string]$Line) {
    Add-Content -LiteralPath $log -Value "[$(Get-IsoTime)] $Line" -Encoding UTF8
}

Write-TaskLog "Starting task mode=$Mode"

# Same checks as the installer: the checkout may have moved or the config been
# deleted since.
$problems = @(Get-CodexsyncSettingProblems ([ordered]@{
            CodexsyncDir = $CodexsyncDir; Catalog = $Catalog; JbangCmd = $JbangCmd
            ConfigFile = $ConfigFile; Mode = $Mode
        }))
if ($problems.Count -gt 0) {
    foreach ($p in $problems) {
        Add-Content -LiteralPath $log -Value "$p (in $where)" -Encoding UTF8
        [Console]::Error.WriteLine("$p (in $where)")
    }
    Write-TaskLog 'Finished task exit_code=4'
    exit 4
}

$jbang = Resolve-JbangCommand $JbangCmd
Set-Location -LiteralPath $CodexsyncDir
# codexsync writes diagnostics to stderr; PowerShell turns each such line into
# an error record. They are output to log, not a failure of this script.
$ErrorActionPreference = 'Continue'
& $jbang "codexsync@$Catalog" -c $ConfigFile sync "--$Mode" 2>&1 |
    ForEach-Object { "$_" } |
    Add-Content -LiteralPath $log -Encoding UTF8
$code = $LASTEXITCODE
$ErrorActionPreference = 'Stop'
if ($null -eq $code) { $code = 1 }

Write-TaskLog "Finished task exit_code=$code"
exit $code
