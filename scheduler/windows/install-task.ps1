# SPDX-License-Identifier: GPL-3.0-or-later
<#
.SYNOPSIS
Installs (or replaces) the codexsync scheduled task of the current Windows user.

.DESCRIPTION
Checks every setting of task.config.ps1, creates LogDir and registers the task
"<TaskName>-<user>" that runs run-codexsync.ps1 every IntervalMinutes from the
next StartTime on. Safe to run again after editing the settings (-Force
replaces the task). With -DryRun or -WhatIf it only checks the settings and
prints what it would register.

.PARAMETER SettingsFile
The settings to use. Default: task.config.ps1 beside this script.

.PARAMETER DryRun
Check the settings and print the task that would be registered; change nothing.
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [string]$SettingsFile = (Join-Path $PSScriptRoot 'task.config.ps1'),
    [switch]$DryRun
)

Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'common.ps1')

$s = Read-CodexsyncTaskSettings $SettingsFile
Assert-CodexsyncTaskSettings $s $SettingsFile

$taskName = Get-CodexsyncTaskName $s.TaskName
$jbang = Resolve-JbangCommand $s.JbangCmd
$runner = Join-Path $PSScriptRoot 'run-codexsync.ps1'
$first = Get-FirstRunTime $s.StartTime (Get-Date)
$interval = [int]"$($s.IntervalMinutes)"
$description = 'codexsync scheduled sync task'
$taskLog = Join-Path $s.LogDir 'codexsync-task.log'

# -WindowStyle Hidden keeps the console out of sight (it may still flash).
$arguments = (@(
        '-NoProfile', '-ExecutionPolicy', 'Bypass', '-WindowStyle', 'Hidden',
        '-File', (ConvertTo-CommandLineArgument $runner),
        '-CodexsyncDir', (ConvertTo-CommandLineArgument $s.CodexsyncDir),
        '-JbangCmd', (ConvertTo-CommandLineArgument $jbang),
        '-Catalog', (ConvertTo-CommandLineArgument $s.Catalog),
        '-ConfigFile', (ConvertTo-CommandLineArgument $s.ConfigFile),
        '-Mode', $s.Mode,
        '-LogDir', (ConvertTo-CommandLineArgument $s.LogDir)
    ) -join ' ')

$summary = @(
    "scheduled task '$taskName' (user $env:USERNAME)"
    "  action:      powershell.exe $arguments"
    "  working dir: $($s.CodexsyncDir)"
    "  trigger:     once at $($first.ToString('yyyy-MM-dd HH:mm')), then every $interval minute(s) for 3650 days"
    "  settings:    AllowStartIfOnBatteries, DontStopIfGoingOnBatteries, StartWhenAvailable"
    "  description: $description"
    "  task log:    $taskLog"
)

if ($DryRun -or -not $PSCmdlet.ShouldProcess($taskName, 'Register-ScheduledTask -Force')) {
    Write-Output 'Would register (dry run; nothing changed):'
    $summary | Write-Output
    exit 0
}

# codexSync 0.1 registered the bare TaskName; two tasks would sync twice with
# different programs. Point it out; removing it is the user's call.
if ($taskName -ne $s.TaskName -and (Get-ScheduledTask -TaskName $s.TaskName -ErrorAction SilentlyContinue)) {
    Write-SchedulerMessage "an older task named '$($s.TaskName)' exists (codexSync 0.1?). Remove it with:"
    Write-SchedulerMessage "  Unregister-ScheduledTask -TaskName '$($s.TaskName)' -Confirm:`$false"
}

New-Item -ItemType Directory -Force -Path $s.LogDir | Out-Null
$action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument $arguments -WorkingDirectory $s.CodexsyncDir
$trigger = New-ScheduledTaskTrigger -Once -At $first -RepetitionInterval (New-TimeSpan -Minutes $interval) `
    -RepetitionDuration (New-TimeSpan -Days 3650)
$taskSettings = New-ScheduledTaskSettingsSet -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries -StartWhenAvailable
# -Force replaces a task of the same name, so re-running the installer updates it.
Register-ScheduledTask -TaskName $taskName -Action $action -Trigger $trigger -Settings $taskSettings `
    -Description $description -Force | Out-Null

Write-Output 'Registered:'
$summary | Write-Output
Write-Output "Check it: Get-ScheduledTask -TaskName '$taskName' | Get-ScheduledTaskInfo"
exit 0
