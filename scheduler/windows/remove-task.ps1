# SPDX-License-Identifier: GPL-3.0-or-later
<#
.SYNOPSIS
Removes the codexsync scheduled task of the current Windows user.

.DESCRIPTION
Unregisters "<TaskName>-<user>" (TaskName from task.config.ps1). Exits 0 when
it is not installed. The log folder is kept.

.PARAMETER SettingsFile
The settings naming the task. Default: task.config.ps1 beside this script.
#>
param(
    [string]$SettingsFile = (Join-Path $PSScriptRoot 'task.config.ps1')
)

Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'common.ps1')

$s = Read-CodexsyncTaskSettings $SettingsFile
# Only the name matters here; the other settings may be broken already.
Assert-CodexsyncTaskSettings ([ordered]@{ TaskName = $s.TaskName }) $SettingsFile
$taskName = Get-CodexsyncTaskName $s.TaskName

if (-not (Get-ScheduledTask -TaskName $taskName -ErrorAction SilentlyContinue)) {
    Write-Output "Scheduled task '$taskName' is not installed; nothing to do."
    exit 0
}
Unregister-ScheduledTask -TaskName $taskName -Confirm:$false
Write-Output "Removed scheduled task '$taskName'."
exit 0
