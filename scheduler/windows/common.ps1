# SPDX-License-Identifier: GPL-3.0-or-later
#
# Shared by install-task.ps1, run-codexsync.ps1 and remove-task.ps1 (dot-sourced,
# never run): reading task.config.ps1, one check per setting, the per-user task
# name, and quoting for the task's command line.
#
# Every check names the setting, its value and how to fix it. All problems are
# listed at once; Assert-CodexsyncTaskSettings then exits 4 (codexsync's exit
# code for bad config/args).

# The settings task.config.ps1 defines, in the order they are checked.
$CodexsyncTaskSettingNames = @(
    'TaskName', 'CodexsyncDir', 'Catalog', 'JbangCmd', 'ConfigFile',
    'Mode', 'IntervalMinutes', 'StartTime', 'LogDir'
)

function Write-SchedulerMessage([string]$Text) {
    [Console]::Error.WriteLine("codexsync scheduler: $Text")
}

function New-SettingProblem([string]$Name, $Value, [string]$Problem, [string]$Fix) {
    "codexsync scheduler: $Name = '$Value' $Problem`n  fix: $Fix"
}

# A rooted path with a drive or share (C:\..., \\server\...), or / on pwsh for Linux/macOS.
function Test-AbsolutePath([string]$Path) {
    if ([string]::IsNullOrWhiteSpace($Path)) { return $false }
    if ($Path -match '^[A-Za-z]:[\\/]' -or $Path -match '^\\\\[^\\]+\\') { return $true }
    return ([IO.Path]::DirectorySeparatorChar -eq '/' -and $Path.StartsWith('/'))
}

# The JBang launcher as a full path: a path to a file, or a command found on
# PATH (the task does not see the PATH of this shell). $null when neither.
function Resolve-JbangCommand([string]$Value) {
    if ([string]::IsNullOrWhiteSpace($Value)) { return $null }
    if ($Value -match '[\\/]') {
        if ((Test-AbsolutePath $Value) -and (Test-Path -LiteralPath $Value -PathType Leaf)) { return $Value }
        return $null
    }
    $cmd = Get-Command -Name $Value -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($cmd) { return $cmd.Source }
    return $null
}

function Test-TaskNameSetting($Value) {
    if ([string]::IsNullOrWhiteSpace($Value) -or "$Value" -match '[\\/:*?"<>|]') {
        New-SettingProblem 'TaskName' $Value 'must be a non-empty name without \ / : * ? " < > |' '$TaskName = "codexSyncSync"'
    }
}

function Test-CodexsyncDirSetting($Value) {
    if (-not (Test-AbsolutePath $Value)) {
        New-SettingProblem 'CodexsyncDir' $Value 'is not an absolute path' 'set $CodexsyncDir to the full path of your codexsync checkout, e.g. "C:\Users\you\codexsync"'
    } elseif (-not (Test-Path -LiteralPath $Value -PathType Container)) {
        New-SettingProblem 'CodexsyncDir' $Value 'is not an existing folder' 'set $CodexsyncDir to the full path of your codexsync checkout'
    }
}

function Test-CatalogSetting($Value) {
    if ("$Value" -match '^https?://') { return }
    if (-not (Test-AbsolutePath $Value)) {
        New-SettingProblem 'Catalog' $Value 'is neither a URL nor an absolute path' 'set $Catalog = $CodexsyncDir (the folder with jbang-catalog.json) or to an https:// URL'
    } elseif (-not (Test-Path -LiteralPath $Value)) {
        New-SettingProblem 'Catalog' $Value 'does not exist' 'set $Catalog = $CodexsyncDir (the folder with jbang-catalog.json) or to an https:// URL'
    } elseif ((Test-Path -LiteralPath $Value -PathType Container) -and
            -not (Test-Path -LiteralPath (Join-Path $Value 'jbang-catalog.json') -PathType Leaf)) {
        New-SettingProblem 'Catalog' $Value 'is a folder without jbang-catalog.json' 'set $Catalog = $CodexsyncDir (your checkout, which holds jbang-catalog.json)'
    }
}

function Test-JbangCmdSetting($Value) {
    if (-not (Resolve-JbangCommand $Value)) {
        New-SettingProblem 'JbangCmd' $Value 'is neither an existing file (full path) nor a command on PATH' 'set $JbangCmd = (Join-Path $CodexsyncDir "jbang.cmd"), or "jbang" if JBang is installed'
    }
}

function Test-ConfigFileSetting($Value) {
    if (-not (Test-AbsolutePath $Value)) {
        New-SettingProblem 'ConfigFile' $Value 'is not an absolute path' 'set $ConfigFile to the full path of your config.toml'
    } elseif (-not (Test-Path -LiteralPath $Value -PathType Leaf)) {
        New-SettingProblem 'ConfigFile' $Value 'is not an existing file' "create it with '.\jbang.cmd codexsync.java init-config --output `"$Value`"' in your checkout, or set `$ConfigFile to your config.toml"
    }
}

function Test-ModeSetting($Value) {
    if ("$Value" -cnotin @('dry-run', 'apply')) {
        New-SettingProblem 'Mode' $Value 'must be dry-run or apply' 'set $Mode = "dry-run" (switch to "apply" only after a dry run''s log looked right)'
    }
}

function Test-IntervalMinutesSetting($Value) {
    $n = 0
    # Task Scheduler repeats at most every 31 days (44640 minutes).
    if (-not [int]::TryParse("$Value", [ref]$n) -or $n -lt 1 -or $n -gt 44640) {
        New-SettingProblem 'IntervalMinutes' $Value 'must be a whole number of minutes from 1 to 44640' 'set $IntervalMinutes = 15'
    }
}

function Test-StartTimeSetting($Value) {
    $t = [datetime]::MinValue
    if (-not [datetime]::TryParseExact("$Value", 'HH:mm', [Globalization.CultureInfo]::InvariantCulture,
            [Globalization.DateTimeStyles]::None, [ref]$t)) {
        New-SettingProblem 'StartTime' $Value 'is not a time in HH:mm (24-hour) form' 'set $StartTime = "09:00"'
    }
}

function Test-LogDirSetting($Value) {
    if (-not (Test-AbsolutePath $Value)) {
        New-SettingProblem 'LogDir' $Value 'is not an absolute path' 'set $LogDir = (Join-Path $env:LOCALAPPDATA "codexsync\logs")'
    } elseif (Test-Path -LiteralPath $Value -PathType Leaf) {
        New-SettingProblem 'LogDir' $Value 'is a file, not a folder' 'set $LogDir to a folder path (it is created on install)'
    }
}

# Runs Test-<Name>Setting for every entry; returns the problem messages.
function Get-CodexsyncSettingProblems($Settings) {
    foreach ($name in @($Settings.Keys)) {
        & "Test-${name}Setting" $Settings[$name]
    }
}

# Exits 4 after listing every problem, so one attempt shows all of them.
function Assert-CodexsyncTaskSettings($Settings, [string]$Where) {
    $problems = @(Get-CodexsyncSettingProblems $Settings)
    if ($problems.Count -gt 0) {
        foreach ($p in $problems) { [Console]::Error.WriteLine("$p (in $Where)") }
        Write-SchedulerMessage "$($problems.Count) setting(s) need fixing; nothing was installed or run"
        exit 4
    }
}

# Dot-sources the settings file in this function's scope and returns its
# settings as an ordered table ($null for a setting the file lacks).
function Read-CodexsyncTaskSettings([string]$Path) {
    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) {
        Write-SchedulerMessage "settings file not found: $Path"
        exit 4
    }
    . $Path
    $settings = [ordered]@{}
    foreach ($name in $CodexsyncTaskSettingNames) {
        $settings[$name] = Get-Variable -Name $name -Scope Local -ValueOnly -ErrorAction SilentlyContinue
    }
    $settings
}

# One task per Windows user: the user name is appended, so two accounts on one
# PC each get their own task (their own Codex home) and never replace each
# other's. The bare TaskName is what codexSync 0.1 registered.
function Get-CodexsyncTaskName([string]$TaskName) {
    $user = "$env:USERNAME" -replace '[\\/:*?"<>|]', '_'
    if ([string]::IsNullOrEmpty($user)) { return $TaskName }
    "$TaskName-$user"
}

# The next StartTime from now: today if it is still ahead, else tomorrow.
function Get-FirstRunTime([string]$StartTime, [datetime]$Now) {
    $t = [datetime]::ParseExact($StartTime, 'HH:mm', [Globalization.CultureInfo]::InvariantCulture)
    $first = $Now.Date.Add($t.TimeOfDay)
    if ($first -le $Now) { $first = $first.AddDays(1) }
    $first
}

# Quotes one argument for a Windows command line (CommandLineToArgvW rules):
# backslashes before a quote or at the end are doubled, so "C:\logs\" stays
# one argument instead of swallowing the closing quote.
function ConvertTo-CommandLineArgument([string]$Value) {
    $escaped = [regex]::Replace($Value, '(\\*)"', { param($m) ($m.Groups[1].Value * 2) + '\"' })
    $escaped = [regex]::Replace($escaped, '(\\+)$', { param($m) $m.Groups[1].Value * 2 })
    '"' + $escaped + '"'
}

# ISO 8601 UTC, the same form as the macOS/Linux runner's log lines.
function Get-IsoTime {
    (Get-Date).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [Globalization.CultureInfo]::InvariantCulture)
}
