// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import codexsync.testsupport.ProcessRun;
import codexsync.testsupport.ProcessRun.Result;
import codexsync.testsupport.RepoRoot;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Windows Task Scheduler scripts. Neither Windows nor PowerShell is on CI, so these checks read the
 * scripts as text: the defaults of task.config.ps1, one validation function with a message and a fix per
 * setting in common.ps1, and that install/run/remove use that one validation instead of their own. When
 * {@code pwsh} is on PATH, install-task.ps1 -DryRun is also run for real.
 */
class WindowsTaskScriptsTest {
    private static final Pattern SETTING = Pattern.compile("(?m)^\\$(\\w+)\\s*=\\s*(.+?)\\s*$");

    private final Path dir = RepoRoot.find().resolve("scheduler/windows");

    @Test
    void taskConfigHasTheDocumentedDefaults() throws IOException {
        Map<String, String> s = settings();
        assertEquals(List.of("TaskName", "CodexsyncDir", "Catalog", "JbangCmd", "ConfigFile", "Mode",
                "IntervalMinutes", "StartTime", "LogDir"), List.copyOf(s.keySet()));
        assertEquals("\"codexSyncSync\"", s.get("TaskName"));
        assertEquals("Split-Path -Parent (Split-Path -Parent $PSScriptRoot)", s.get("CodexsyncDir"),
                "default checkout: two folders up from scheduler/windows");
        assertEquals("$CodexsyncDir", s.get("Catalog"));
        assertEquals("Join-Path $CodexsyncDir \"jbang.cmd\"", s.get("JbangCmd"));
        assertEquals("\"dry-run\"", s.get("Mode"), "scheduled runs must start as dry runs (D26)");
        assertEquals("15", s.get("IntervalMinutes"));
        assertEquals("\"09:00\"", s.get("StartTime"));
        assertTrue(s.get("LogDir").contains("$env:LOCALAPPDATA"), s.get("LogDir"));
    }

    /** Every setting of task.config.ps1 is checked by exactly one function, with a message and a fix. */
    @Test
    void everySettingHasOneValidationFunctionWithAMessageAndAFix() throws IOException {
        String common = read("common.ps1");
        Matcher names = Pattern.compile("(?s)\\$CodexsyncTaskSettingNames = @\\((.*?)\\)").matcher(common);
        assertTrue(names.find(), "common.ps1 lists the setting names");
        List<String> listed = new ArrayList<>();
        Matcher quoted = Pattern.compile("'(\\w+)'").matcher(names.group(1));
        while (quoted.find()) {
            listed.add(quoted.group(1));
        }
        assertEquals(List.copyOf(settings().keySet()), listed, "common.ps1 must check exactly the settings of task.config.ps1");

        for (String name : listed) {
            String body = function(common, "Test-" + name + "Setting");
            Matcher problem = Pattern.compile("New-SettingProblem '" + name + "' \\$Value '([^']+)' (\\S.*)").matcher(body);
            assertTrue(problem.find(), "Test-" + name + "Setting reports no problem naming " + name + ":\n" + body);
            do {
                assertFalse(problem.group(1).isBlank(), "empty message for " + name);
                assertTrue(problem.group(2).length() > 5, "no fix hint for " + name + ": " + problem.group(0));
            } while (problem.find());
            for (String other : listed) {
                assertFalse(!other.equals(name) && body.contains("New-SettingProblem '" + other + "'"),
                        "Test-" + name + "Setting reports " + other);
            }
        }
        assertTrue(common.contains("& \"Test-${name}Setting\" $Settings[$name]"), "one dispatcher runs the checks");
        assertTrue(function(common, "Assert-CodexsyncTaskSettings").contains("exit 4"), "bad settings exit 4");
    }

    @Test
    void installRunAndRemoveUseTheSharedValidation() throws IOException {
        for (String script : List.of("install-task.ps1", "run-codexsync.ps1", "remove-task.ps1")) {
            String text = read(script);
            assertTrue(text.contains(". (Join-Path $PSScriptRoot 'common.ps1')"), script + " dot-sources common.ps1");
            assertFalse(Pattern.compile("(?mi)^\\s*function\\s+Test-").matcher(text).find(),
                    script + " must not define its own setting checks");
            assertTrue(text.contains("Assert-CodexsyncTaskSettings") || text.contains("Get-CodexsyncSettingProblems"),
                    script + " validates through common.ps1");
        }
        assertTrue(read("install-task.ps1").contains("Read-CodexsyncTaskSettings $SettingsFile"));
        assertTrue(read("remove-task.ps1").contains("Read-CodexsyncTaskSettings $SettingsFile"));
        for (String script : List.of("install-task.ps1", "remove-task.ps1")) {
            assertTrue(read(script).contains("Get-CodexsyncTaskName $s.TaskName"), script + " uses the per-user task name");
        }
    }

    @Test
    void installRegistersTheDocumentedTaskAndItsDryRunRegistersNothing() throws IOException {
        String text = read("install-task.ps1");
        for (String part : List.of("[switch]$DryRun", "SupportsShouldProcess = $true",
                "'-NoProfile', '-ExecutionPolicy', 'Bypass'", "'-File', (ConvertTo-CommandLineArgument $runner)",
                "New-ScheduledTaskAction -Execute 'powershell.exe' -Argument $arguments -WorkingDirectory $s.CodexsyncDir",
                "New-ScheduledTaskTrigger -Once -At $first -RepetitionInterval (New-TimeSpan -Minutes $interval)",
                "-RepetitionDuration (New-TimeSpan -Days 3650)",
                "New-ScheduledTaskSettingsSet -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries -StartWhenAvailable",
                "$description = 'codexsync scheduled sync task'", "-Force", "New-Item -ItemType Directory -Force -Path $s.LogDir",
                "Get-FirstRunTime $s.StartTime (Get-Date)")) {
            assertTrue(text.contains(part), "install-task.ps1 lacks: " + part);
        }
        int dryRunExit = text.indexOf("if ($DryRun -or -not $PSCmdlet.ShouldProcess(");
        assertTrue(dryRunExit > 0, "the dry-run branch");
        assertTrue(dryRunExit < text.indexOf("Register-ScheduledTask -TaskName"), "dry run returns before registering");
        assertTrue(dryRunExit < text.indexOf("New-Item -ItemType Directory"), "dry run creates no LogDir");
        assertTrue(function(read("common.ps1"), "Get-FirstRunTime").contains("AddDays(1)"), "tomorrow when StartTime passed");
    }

    @Test
    void runnerLogsStartOutputAndExitCodeAndExitsWithIt() throws IOException {
        String text = read("run-codexsync.ps1");
        for (String part : List.of("Join-Path $LogDir 'codexsync-task.log'", "Write-TaskLog \"Starting task mode=$Mode\"",
                "& $jbang \"codexsync@$Catalog\" -c $ConfigFile sync \"--$Mode\" 2>&1",
                "$code = $LASTEXITCODE", "Write-TaskLog \"Finished task exit_code=$code\"", "exit $code",
                "Set-Location -LiteralPath $CodexsyncDir", "Write-TaskLog 'Finished task exit_code=4'")) {
            assertTrue(text.contains(part), "run-codexsync.ps1 lacks: " + part);
        }
        String remove = read("remove-task.ps1");
        assertTrue(remove.contains("Unregister-ScheduledTask -TaskName $taskName -Confirm:$false"), remove);
        assertTrue(remove.indexOf("exit 0") < remove.indexOf("Unregister-ScheduledTask"), "absent task: exit 0 first");
    }

    /** Runs only where PowerShell 7 (pwsh) is installed; CI has none. */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void installDryRunUnderPwsh(@TempDir Path tmp) throws IOException {
        assumeTrue(onPath("pwsh"), "pwsh is not on PATH: the Windows scripts are only checked as text");
        Path checkout = dir.getParent().getParent();
        Path config = Files.writeString(tmp.resolve("config.toml"), "");
        Path settings = tmp.resolve("settings.ps1");
        Files.writeString(settings, String.join("\n", "$TaskName = \"codexSyncSync\"",
                "$CodexsyncDir = '" + checkout + "'", "$Catalog = $CodexsyncDir",
                "$JbangCmd = Join-Path $CodexsyncDir 'jbang'", "$ConfigFile = '" + config + "'", "$Mode = \"dry-run\"",
                "$IntervalMinutes = 15", "$StartTime = \"09:00\"", "$LogDir = '" + tmp.resolve("logs") + "'", ""));
        Result ok = ProcessRun.run(tmp, Map.of(), List.of("pwsh", "-NoProfile", "-File",
                dir.resolve("install-task.ps1").toString(), "-SettingsFile", settings.toString(), "-DryRun"));
        assertEquals(0, ok.code(), ok.toString());
        assertTrue(ok.out().contains("every 15 minute(s) for 3650 days"), ok.toString());
        assertFalse(Files.exists(tmp.resolve("logs")), "a dry run creates nothing");

        Files.writeString(settings, String.join("\n", "$TaskName = 'a:b'", "$CodexsyncDir = 'relative'",
                "$Catalog = 'x'", "$JbangCmd = 'no-such-jbang'", "$ConfigFile = 'c.toml'", "$Mode = 'Apply'",
                "$IntervalMinutes = 0", "$StartTime = '9am'", "$LogDir = 'logs'", ""));
        Result bad = ProcessRun.run(tmp, Map.of(), List.of("pwsh", "-NoProfile", "-File",
                dir.resolve("install-task.ps1").toString(), "-SettingsFile", settings.toString(), "-DryRun"));
        assertEquals(4, bad.code(), bad.toString());
        for (String name : settings().keySet()) {
            assertTrue(bad.err().contains("codexsync scheduler: " + name + " = '"), name + " not reported:\n" + bad);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private Map<String, String> settings() throws IOException {
        Map<String, String> s = new LinkedHashMap<>();
        Matcher m = SETTING.matcher(read("task.config.ps1"));
        while (m.find()) {
            s.put(m.group(1), m.group(2));
        }
        return s;
    }

    /** The text of one function, up to the next top-level function. */
    private static String function(String script, String name) {
        Matcher m = Pattern.compile("(?ms)^function " + Pattern.quote(name) + "\\b.*?(?=^function |\\z)").matcher(script);
        assertTrue(m.find(), "no function " + name);
        return m.group();
    }

    private String read(String file) throws IOException {
        // .gitattributes checks *.ps1 out with CRLF.
        return Files.readString(dir.resolve(file), StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
