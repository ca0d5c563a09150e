# SPDX-License-Identifier: GPL-3.0-or-later
# codexsync-jbang-wrapper (marker: lets other copies of this wrapper recognise us)
#
# PowerShell twin of the POSIX ./jbang launcher; see docs/jbang-wrapper.md.
#  1. A real jbang on PATH (not this file, not another copy of it) wins.
#  2. Otherwise run the JBang jar pinned below from $env:JBANG_DIR\wrapper
#     (default $env:USERPROFILE\.jbang\wrapper), fetching it once from Maven.
#  3. Exit code 255 from JBang means "stdout is a command line, run it in my
#     place" - handled as JBang's own jbang.ps1 does.
#Requires -Version 5

# The one place the JBang version is pinned (keep jbang and jbang.cmd in step).
$JBangVersion = '0.132.1'

# JBang would otherwise ask GitHub for a newer release on every run.
$env:JBANG_NO_VERSION_CHECK = 'true'

# Native commands set $LASTEXITCODE; a non-zero one is not a script error here
# (PowerShell 7.4 would otherwise turn it into one).
$ErrorActionPreference = 'Continue'
$PSNativeCommandUseErrorActionPreference = $false

function Say([string]$msg) { [Console]::Error.WriteLine("[jbang-wrapper] $msg") }
function Die([string]$msg) { [Console]::Error.WriteLine("[jbang-wrapper] error: $msg"); exit 1 }

# On Linux/macOS (pwsh) Java maps file names through the locale's character
# set; with LANG unset, C or POSIX that is ASCII and a name like skills/ü.md
# turns into "??". Switch a non-UTF-8 character set to the first UTF-8 locale
# there is, as the POSIX launcher does. (Windows file APIs are UTF-16: nothing
# to do, and the scripts tell javac their encoding themselves.)
function Test-Utf8([string]$charmap) { return $charmap -match '^(?i)utf-?8$' }
if ([IO.Path]::DirectorySeparatorChar -ne '\' -and (Get-Command locale -ErrorAction SilentlyContinue)) {
    if (-not (Test-Utf8 (& locale charmap 2>$null))) {
        $savedLcAll = $env:LC_ALL
        $utf8 = $null
        foreach ($candidate in 'C.UTF-8', 'C.utf8', 'en_US.UTF-8', 'en_US.utf8', 'UTF-8') {
            $env:LC_ALL = $candidate
            $ok = Test-Utf8 (& locale charmap 2>$null)
            $env:LC_ALL = $savedLcAll
            if ($ok) { $utf8 = $candidate; break }
        }
        if (-not $utf8) { Say 'warning: no UTF-8 locale found (locale -a); file names outside ASCII cannot be synced' }
        elseif ($env:LC_ALL) { $env:LC_ALL = $utf8 }
        else { $env:LC_CTYPE = $utf8 }
    }
}

$self = $PSCommandPath
$root = $PSScriptRoot
$onWindows = [IO.Path]::DirectorySeparatorChar -eq '\'
$exe = if ($onWindows) { '.exe' } else { '' }

function Test-WrapperCopy([string]$path) {
    # Another copy of this wrapper on PATH would call us back forever.
    try {
        return [bool](Get-Content -LiteralPath $path -TotalCount 5 -ErrorAction Stop |
                Select-String -SimpleMatch 'codexsync-jbang-wrapper')
    } catch {
        return $false
    }
}

# The JDK folder that holds a java executable, if it is a JDK (has javac).
function Get-JdkHome([string]$javaPath) {
    $item = Get-Item -LiteralPath $javaPath -ErrorAction SilentlyContinue
    if (-not $item) { return $null }
    $real = $item.FullName
    if ($item.PSObject.Methods.Name -contains 'ResolveLinkTarget') {
        $target = $item.ResolveLinkTarget($true)   # PowerShell 7: follow /usr/bin/java -> JDK
        if ($target) { $real = $target.FullName }
    }
    $jdkHome = Split-Path -Parent (Split-Path -Parent $real)
    if (Test-Path -LiteralPath (Join-Path (Join-Path $jdkHome 'bin') "javac$exe")) { return $jdkHome }
    return $null
}

# Pick the JDK: $env:JAVA_HOME when set, else java on PATH. JAVA_HOME is set to
# the JDK we run on so JBang's "javahome" provider never needs to download one.
function Find-Java {
    if ($env:JAVA_HOME) {
        $candidate = Join-Path (Join-Path $env:JAVA_HOME 'bin') "java$exe"
        if (Test-Path -LiteralPath $candidate) { return $candidate }
        return $null
    }
    $cmd = Get-Command java -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $cmd) { return $null }
    $jdkHome = Get-JdkHome $cmd.Source
    if ($jdkHome) { $env:JAVA_HOME = $jdkHome }
    return $cmd.Source
}

# --- 1. a jbang on PATH wins --------------------------------------------------
$other = Get-Command jbang -CommandType Application, ExternalScript -All -ErrorAction SilentlyContinue |
    Where-Object {
        $p = $_.Source
        $p -and ($p -ne $self) -and
        (-not $onWindows -or ([IO.Path]::GetExtension($p) -in '.cmd', '.bat', '.exe', '.ps1')) -and
        -not (Test-WrapperCopy $p)
    } | Select-Object -First 1
if ($other) {
    $null = Find-Java   # not fatal: that jbang may bring its own Java
    & $other.Source @args
    exit $LASTEXITCODE
}

# --- 2. the JDK ---------------------------------------------------------------
$javaExe = Find-Java
if (-not $javaExe) {
    if ($env:JAVA_HOME) { Die "JAVA_HOME is '$env:JAVA_HOME' but it has no bin\java$exe; point it at a JDK 17+" }
    Die 'no Java found: install a JDK 17+ and put java on PATH or set JAVA_HOME'
}
if ($env:JAVA_HOME -and -not (Test-Path -LiteralPath (Join-Path (Join-Path $env:JAVA_HOME 'bin') "javac$exe"))) {
    Say "warning: $env:JAVA_HOME has no javac; JBang needs a JDK, not a JRE"
}

# --- 3. the JBang jar ---------------------------------------------------------
$userHome = if ($env:USERPROFILE) { $env:USERPROFILE } else { $HOME }
$jbangDir = if ($env:JBANG_DIR) { $env:JBANG_DIR } else { Join-Path $userHome '.jbang' }
$wrapperDir = Join-Path $jbangDir 'wrapper'
$jar = Join-Path $wrapperDir "jbang-cli-$JBangVersion-all.jar"
$coords = "dev.jbang:jbang-cli:${JBangVersion}:jar:all"
$downloader = Join-Path (Join-Path $root '.jbang-wrapper') 'Download.java'

# Fallback through Maven, which honours settings.xml mirrors, proxies and
# credentials. -C makes checksum mismatches fatal. -D arguments are quoted
# because PowerShell 5 splits unquoted native arguments at the first dot.
function Get-WithMaven {
    if (-not (Get-Command mvn -ErrorAction SilentlyContinue)) { Say 'mvn is not on PATH either'; return $false }
    Say "trying: mvn -B -q -C dependency:get -Dartifact=$coords -Dtransitive=false"
    & mvn -B -q -C dependency:get "-Dartifact=$coords" '-Dtransitive=false' | ForEach-Object { [Console]::Error.WriteLine($_) }
    if ($LASTEXITCODE -ne 0) { return $false }
    # -Doutput, not -DforceStdout: Maven 3.8 wraps stdout in colour codes.
    $outFile = Join-Path $wrapperDir "local-repo.$PID.txt"
    $null = & mvn -B -q help:evaluate '-Dexpression=settings.localRepository' "-Doutput=$outFile" 2>&1
    $repo = $null
    if (Test-Path -LiteralPath $outFile) {
        $repo = (Get-Content -LiteralPath $outFile -Raw).Trim()
        Remove-Item -LiteralPath $outFile -Force -ErrorAction SilentlyContinue
    }
    if (-not $repo -or -not (Test-Path -LiteralPath $repo)) { $repo = Join-Path (Join-Path $userHome '.m2') 'repository' }
    $src = [IO.Path]::Combine($repo, 'dev', 'jbang', 'jbang-cli', $JBangVersion, "jbang-cli-$JBangVersion-all.jar")
    if (-not (Test-Path -LiteralPath $src)) { Say "mvn succeeded but $src does not exist"; return $false }
    & $javaExe $downloader --install $src $jar "$src.sha1"
    return ($LASTEXITCODE -eq 0)
}

if (-not (Test-Path -LiteralPath $jar)) {
    if (-not (Test-Path -LiteralPath $downloader)) { Die "$downloader is missing; is this a complete checkout?" }
    Say "JBang $JBangVersion is not in $wrapperDir yet; fetching it once"
    $null = New-Item -ItemType Directory -Force -Path $wrapperDir
    & $javaExe $downloader $coords $jar
    if ($LASTEXITCODE -ne 0) {
        Say 'direct download failed; falling back to Maven'
        if (-not (Get-WithMaven)) {
            Die "could not get JBang $JBangVersion (set CODEXSYNC_MAVEN_REPO to a reachable Maven repository, or configure mvn)"
        }
    }
}

# --- 4. run JBang -------------------------------------------------------------
# Which shell runs the command line JBang prints (it quotes for that shell),
# how to re-invoke itself, and whether stdin is a terminal.
$env:JBANG_RUNTIME_SHELL = 'powershell'
$env:JBANG_LAUNCH_CMD = $self
$env:JBANG_STDIN_NOTTY = [Console]::IsInputRedirected.ToString().ToLower()

# JBang does not lock its cache: two launches that build the same script at
# once leave a broken jar there. .jbang-wrapper/BuildLock.java runs JBang under
# an OS file lock on the cache; it is compiled once per $BuildLockVersion (bump
# it - in all three launchers - when BuildLock.java changes).
$BuildLockVersion = 1
$lockDir = Join-Path $wrapperDir "build-lock-$BuildLockVersion"
$lockSource = Join-Path (Join-Path $root '.jbang-wrapper') 'BuildLock.java'
if (-not (Test-Path -LiteralPath (Join-Path $lockDir 'BuildLock.class'))) {
    & $javaExe $lockSource --install $lockSource $lockDir
    if ($LASTEXITCODE -ne 0) { Die "could not compile $lockSource into $lockDir" }
}

# .jbang-wrapper/conf before the jar: its jbang.properties shadows JBang's
# builtin defaults and sets jdkproviders=current,javahome,path (no JDK downloads).
$sep = [IO.Path]::PathSeparator
$classpath = $lockDir + $sep + (Join-Path $root '.jbang-wrapper' | Join-Path -ChildPath 'conf') + $sep + $jar

$javaOpts = @()
if ($env:JBANG_JAVA_OPTIONS) { $javaOpts = $env:JBANG_JAVA_OPTIONS.Trim() -split '\s+' }

$output = & $javaExe @javaOpts -classpath $classpath BuildLock @args
$err = $LASTEXITCODE

if ($err -eq 255) {
    # JBang printed a PowerShell-quoted command line that runs the program.
    Invoke-Expression "& $output"
    exit $LASTEXITCODE
}
# `jbang app install` writes commands into $jbangDir/bin that call `jbang run`;
# without a JBang installation there is none, so put forwarders to the
# launchers of this checkout beside them - unless a real jbang is there.
function Install-JBangForwarder([string]$name, [string[]]$lines) {
    $binDir = Join-Path $jbangDir 'bin'
    $fwd = Join-Path $binDir $name
    if ((Test-Path -LiteralPath $fwd) -and -not (Test-WrapperCopy $fwd)) { return }
    $null = New-Item -ItemType Directory -Force -Path $binDir
    [IO.File]::WriteAllLines($fwd, $lines)   # UTF-8 without BOM: a BOM breaks #! and @echo off
    if (-not $onWindows) { & chmod +x $fwd }
    Say "installed $fwd for the commands in $binDir"
}
if ($err -eq 0 -and $args.Count -ge 2 -and $args[0] -eq 'app' -and $args[1] -eq 'install') {
    $note = 'codexsync-jbang-wrapper forwarder: written by jbang.ps1 app install so that commands installed by "jbang app install" find a jbang. Safe to delete.'
    if ($onWindows) {
        Install-JBangForwarder 'jbang.cmd' @('@echo off', "rem $note", ('call "' + (Join-Path $root 'jbang.cmd') + '" %*'))
        Install-JBangForwarder 'jbang.ps1' @("# $note", ("& '" + ($self -replace "'", "''") + "' @args"), 'exit $LASTEXITCODE')
    } else {
        Install-JBangForwarder 'jbang' @('#!/bin/sh', "# $note", ("exec '" + ((Join-Path $root 'jbang') -replace "'", "'\''") + "' " + '"$@"'))
    }
}

if ($output) { Write-Output $output }
exit $err
