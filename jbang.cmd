@echo off
rem SPDX-License-Identifier: GPL-3.0-or-later
rem codexsync-jbang-wrapper (marker: lets other copies of this wrapper recognise us)
rem
rem Windows cmd twin of the POSIX ./jbang launcher; see docs\jbang-wrapper.md.
rem  1. A real jbang on PATH (not this file, not another copy of it) wins.
rem  2. Otherwise run the JBang jar pinned below from %JBANG_DIR%\wrapper
rem     (default %USERPROFILE%\.jbang\wrapper), fetching it once from Maven.
rem  3. Exit code 255 from JBang means "the first line of stdout is a command
rem     line, run it in my place" - handled as JBang's own jbang.cmd does.
rem
rem Flow uses goto/call labels instead of parenthesised blocks on purpose:
rem a ")" inside an expanded path (C:\Program Files (x86)\...) ends a block
rem early and breaks the script. Delayed expansion stays off so "!" in
rem arguments survives.
setlocal EnableExtensions DisableDelayedExpansion

rem The one place the JBang version is pinned (keep jbang and jbang.ps1 in step).
set "JBANG_VERSION=0.132.1"

rem JBang would otherwise ask GitHub for a newer release on every run.
set "JBANG_NO_VERSION_CHECK=true"

rem No locale switch here, unlike the POSIX launcher: Windows file APIs are
rem UTF-16, so file names never pass through a narrow character set, and the
rem scripts tell javac their encoding themselves (//JAVAC_OPTIONS -encoding UTF-8).

set "SELF=%~f0"
set "ROOT=%~dp0"
set "DOWNLOADER=%ROOT%.jbang-wrapper\Download.java"
set "COORDS=dev.jbang:jbang-cli:%JBANG_VERSION%:jar:all"

rem --- 1. a jbang on PATH wins -----------------------------------------------
set "OTHER="
for /f "delims=" %%P in ('where jbang 2^>nul') do call :consider "%%~fP"
if not defined OTHER goto :find_java
call :find_java_quiet
call "%OTHER%" %*
exit /b %ERRORLEVEL%

rem --- 2. the JDK ------------------------------------------------------------
:find_java
call :find_java_quiet
if defined JAVA_EXE goto :have_java
if defined JAVA_HOME (
  echo [jbang-wrapper] error: JAVA_HOME is set but has no bin\java.exe; point it at a JDK 17+ 1>&2
  exit /b 1
)
echo [jbang-wrapper] error: no Java found: install a JDK 17+ and put java on PATH or set JAVA_HOME 1>&2
exit /b 1

:have_java
if not defined JAVA_HOME goto :jar_path
if not exist "%JAVA_HOME%\bin\javac.exe" echo [jbang-wrapper] warning: JAVA_HOME has no bin\javac.exe; JBang needs a JDK, not a JRE 1>&2

rem --- 3. the JBang jar ------------------------------------------------------
:jar_path
set "JB_DIR=%JBANG_DIR%"
if not defined JB_DIR set "JB_DIR=%USERPROFILE%\.jbang"
set "JAR=%JB_DIR%\wrapper\jbang-cli-%JBANG_VERSION%-all.jar"
if exist "%JAR%" goto :run
if not exist "%DOWNLOADER%" (
  echo [jbang-wrapper] error: .jbang-wrapper\Download.java is missing; is this a complete checkout? 1>&2
  exit /b 1
)
echo [jbang-wrapper] JBang %JBANG_VERSION% is not in %JB_DIR%\wrapper yet; fetching it once 1>&2
if not exist "%JB_DIR%\wrapper" mkdir "%JB_DIR%\wrapper"
"%JAVA_EXE%" "%DOWNLOADER%" "%COORDS%" "%JAR%"
if not errorlevel 1 goto :run
echo [jbang-wrapper] direct download failed; falling back to Maven 1>&2
call :fetch_with_mvn
if not errorlevel 1 goto :run
echo [jbang-wrapper] error: could not get JBang %JBANG_VERSION% (set CODEXSYNC_MAVEN_REPO to a reachable Maven repository, or configure mvn) 1>&2
exit /b 1

rem --- 4. run JBang ----------------------------------------------------------
:run
rem Tell JBang which shell runs the command line it prints (it quotes for
rem that shell), how to re-invoke itself, and whether stdin is a terminal
rem (timeout fails without a console: the trick JBang's own jbang.cmd uses).
set "JBANG_RUNTIME_SHELL=cmd"
set "JBANG_LAUNCH_CMD=%SELF%"
2>nul >nul timeout /t 0 && (set "JBANG_STDIN_NOTTY=false") || (set "JBANG_STDIN_NOTTY=true")

rem JBang does not lock its cache: two launches that build the same script at
rem once leave a broken jar there. .jbang-wrapper\BuildLock.java runs JBang
rem under an OS file lock on the cache; it is compiled once per
rem BUILD_LOCK_VERSION (bump it - in all three launchers - when it changes).
set "BUILD_LOCK_VERSION=1"
set "LOCK_DIR=%JB_DIR%\wrapper\build-lock-%BUILD_LOCK_VERSION%"
if exist "%LOCK_DIR%\BuildLock.class" goto :have_build_lock
"%JAVA_EXE%" "%ROOT%.jbang-wrapper\BuildLock.java" --install "%ROOT%.jbang-wrapper\BuildLock.java" "%LOCK_DIR%"
if not errorlevel 1 goto :have_build_lock
echo [jbang-wrapper] error: could not compile .jbang-wrapper\BuildLock.java into %LOCK_DIR% 1>&2
exit /b 1
:have_build_lock

rem .jbang-wrapper\conf before the jar: its jbang.properties shadows JBang's
rem builtin defaults and sets jdkproviders=current,javahome,path (no JDK
rem downloads).
set "JB_CP=%LOCK_DIR%;%ROOT%.jbang-wrapper\conf;%JAR%"

set "JB_TMP=%JB_DIR%\wrapper\tmp"
if not exist "%JB_TMP%" mkdir "%JB_TMP%"
:pick_tmpfile
set "JB_OUT=%JB_TMP%\%RANDOM%%RANDOM%.out"
if exist "%JB_OUT%" goto :pick_tmpfile

rem stdout goes to a file: with exit code 255 it is a command, not output.
"%JAVA_EXE%" %JBANG_JAVA_OPTIONS% -classpath "%JB_CP%" BuildLock %* > "%JB_OUT%"
set "JB_EXIT=%ERRORLEVEL%"
rem (read ERRORLEVEL straight away: any later command would overwrite it)

if "%JB_EXIT%"=="255" goto :exec_output
rem "jbang app install" writes commands into %JB_DIR%\bin that call "jbang run";
rem without a JBang installation there is none, so put a forwarder to this
rem launcher beside them (see the POSIX launcher).
if not "%JB_EXIT%"=="0" goto :print_output
if /i not "%~1"=="app" goto :print_output
if /i not "%~2"=="install" goto :print_output
call :install_forwarder
:print_output
type "%JB_OUT%"
del /f /q "%JB_OUT%" >nul 2>&1
exit /b %JB_EXIT%

:exec_output
set "JB_CMDLINE="
for /f "usebackq delims=" %%L in ("%JB_OUT%") do (
  set "JB_CMDLINE=%%L"
  goto :got_cmdline
)
:got_cmdline
del /f /q "%JB_OUT%" >nul 2>&1
%JB_CMDLINE%
exit /b %ERRORLEVEL%

rem ===========================================================================
rem Subroutines
rem ===========================================================================

rem Writes %JB_DIR%\bin\jbang.cmd forwarding to this launcher, unless a real
rem jbang (one without our marker) is already there.
:install_forwarder
set "FWD=%JB_DIR%\bin\jbang.cmd"
if not exist "%FWD%" goto :write_forwarder
findstr /m /c:"codexsync-jbang-wrapper" "%FWD%" >nul 2>&1
if errorlevel 1 exit /b 0
:write_forwarder
if not exist "%JB_DIR%\bin" mkdir "%JB_DIR%\bin"
> "%FWD%" echo @echo off
>> "%FWD%" echo rem codexsync-jbang-wrapper forwarder: written by jbang.cmd app install so that
>> "%FWD%" echo rem commands installed by "jbang app install" find a jbang. Safe to delete.
>> "%FWD%" echo call "%SELF%" %%*
echo [jbang-wrapper] installed %FWD% (runs %SELF%) for the commands in %JB_DIR%\bin 1>&2
exit /b 0

rem Accept a "where jbang" hit unless it is this file, another copy of this
rem wrapper (two copies would call each other forever) or something cmd cannot
rem run (the POSIX ./jbang script has no extension).
:consider
if defined OTHER exit /b 0
if /i not "%~x1"==".cmd" if /i not "%~x1"==".bat" if /i not "%~x1"==".exe" exit /b 0
if /i "%~f1"=="%SELF%" exit /b 0
if /i not "%~x1"==".exe" findstr /m /c:"codexsync-jbang-wrapper" "%~f1" >nul 2>&1 && exit /b 0
set "OTHER=%~f1"
exit /b 0

rem Sets JAVA_EXE from JAVA_HOME, else from java on PATH. In the latter case
rem JAVA_HOME is set to that JDK (when it is one) so JBang's "javahome"
rem provider sees the JDK we run on and has no reason to download another.
:find_java_quiet
set "JAVA_EXE="
if not defined JAVA_HOME goto :java_from_path
if exist "%JAVA_HOME%\bin\java.exe" set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
exit /b 0
:java_from_path
for /f "delims=" %%J in ('where java 2^>nul') do if not defined JAVA_EXE set "JAVA_EXE=%%~fJ"
if not defined JAVA_EXE exit /b 0
rem bin\java.exe -> the JDK folder; skip stubs such as Oracle's javapath.
for %%H in ("%JAVA_EXE%\..\..") do if exist "%%~fH\bin\javac.exe" set "JAVA_HOME=%%~fH"
exit /b 0

rem Fallback download through Maven, which honours settings.xml mirrors,
rem proxies and credentials. -C makes checksum mismatches fatal.
:fetch_with_mvn
where mvn >nul 2>&1
if errorlevel 1 (
  echo [jbang-wrapper] mvn is not on PATH either 1>&2
  exit /b 1
)
echo [jbang-wrapper] trying: mvn -B -q -C dependency:get -Dartifact=%COORDS% -Dtransitive=false 1>&2
call mvn -B -q -C dependency:get "-Dartifact=%COORDS%" -Dtransitive=false 1>&2
if errorlevel 1 exit /b 1
rem -Doutput, not -DforceStdout: Maven 3.8 wraps stdout in colour codes.
set "M2_REPO="
set "M2_OUT=%JB_DIR%\wrapper\local-repo.%RANDOM%.txt"
call mvn -B -q help:evaluate -Dexpression=settings.localRepository "-Doutput=%M2_OUT%" >nul 2>&1
if exist "%M2_OUT%" set /p M2_REPO=<"%M2_OUT%"
del /f /q "%M2_OUT%" >nul 2>&1
if not defined M2_REPO set "M2_REPO=%USERPROFILE%\.m2\repository"
if not exist "%M2_REPO%\" set "M2_REPO=%USERPROFILE%\.m2\repository"
set "M2_JAR=%M2_REPO%\dev\jbang\jbang-cli\%JBANG_VERSION%\jbang-cli-%JBANG_VERSION%-all.jar"
if exist "%M2_JAR%" goto :install_from_m2
echo [jbang-wrapper] mvn succeeded but the jar is not in the local Maven repository 1>&2
exit /b 1
:install_from_m2
"%JAVA_EXE%" "%DOWNLOADER%" --install "%M2_JAR%" "%JAR%" "%M2_JAR%.sha1"
exit /b %ERRORLEVEL%
