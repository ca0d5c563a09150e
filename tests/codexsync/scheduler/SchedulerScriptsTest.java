// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import codexsync.testsupport.CiRequired;
import codexsync.testsupport.ProcessRun;
import codexsync.testsupport.ProcessRun.Result;
import codexsync.testsupport.RepoRoot;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The scheduler templates in scheduler/: the macOS and Linux installers are run for real in their
 * print-only modes and what they write is checked with the tools that will read it (an XML property list
 * parser, systemd-analyze); every shell script goes through shellcheck; the shared POSIX runner runs a real
 * dry-run sync. The Windows scripts are checked as text (see {@link WindowsTaskScriptsTest}).
 */
class SchedulerScriptsTest {
    private static final boolean WINDOWS = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");

    private final Path root = RepoRoot.find();
    private final Path runner = root.resolve("scheduler/common/run-codexsync.sh");

    // ---- macOS: launchd property list -------------------------------------------------------------------

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void launchdPlistHasTheSettingsAndParsesAsAPropertyList(@TempDir Path tmp) throws Exception {
        assumeFalse(WINDOWS, "POSIX scripts");
        // Characters XML must escape, and a space, in the paths.
        Path logs = Files.createDirectories(tmp.resolve("logs & <more>"));
        Path config = writeSyncConfig(tmp);
        Path settings = tmp.resolve("launchd.settings.sh");
        Files.writeString(settings, String.join("\n",
                "LABEL=\"com.codexsync.test\"",
                "CODEXSYNC_DIR=" + shellQuote(root),
                "CATALOG=\"$CODEXSYNC_DIR\"",
                "JBANG=\"$CODEXSYNC_DIR/jbang\"",
                "CONFIG_FILE=" + shellQuote(config),
                "MODE=\"dry-run\"",
                "INTERVAL_SECONDS=900",
                "RUN_AT_LOAD=true",
                "STDOUT_LOG=" + shellQuote(logs.resolve("out.log")),
                "STDERR_LOG=" + shellQuote(logs.resolve("err.log")),
                "TASK_LOG=" + shellQuote(logs.resolve("task.log")), ""));

        Result r = sh("scheduler/macos/install-launchd.sh", "--settings", settings.toString(), "--print-plist");
        assertEquals(0, r.code(), r.toString());

        Map<String, Object> plist = parsePlistDict(r.out());
        assertEquals("com.codexsync.test", plist.get("Label"));
        assertEquals(List.of(runner.toString(), "--codexsync-dir", root.toString(), "--jbang", root + "/jbang",
                "--catalog", root.toString(), "--config", config.toString(), "--mode", "dry-run",
                "--task-log", logs.resolve("task.log").toString()), plist.get("ProgramArguments"));
        assertEquals(900L, plist.get("StartInterval"));
        assertEquals(Boolean.TRUE, plist.get("RunAtLoad"));
        assertEquals(root.toString(), plist.get("WorkingDirectory"));
        assertEquals(logs.resolve("out.log").toString(), plist.get("StandardOutPath"));
        assertEquals(logs.resolve("err.log").toString(), plist.get("StandardErrorPath"));
        @SuppressWarnings("unchecked")
        Map<String, Object> env = (Map<String, Object>) plist.get("EnvironmentVariables");
        String path = (String) env.get("PATH");
        assertTrue(Stream.of(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "java"))),
                "the job's PATH must find the java the installer saw: " + path);
        assertTrue(Files.isExecutable(runner), runner + " must be executable: launchd runs it directly");

        if (onPath("plutil")) { // macOS only
            Path file = tmp.resolve("job.plist");
            Files.writeString(file, r.out());
            Result lint = ProcessRun.run(tmp, Map.of(), List.of("plutil", "-lint", file.toString()));
            assertEquals(0, lint.code(), lint.toString());
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void launchdInstallerNamesEveryBadSettingAndExits4(@TempDir Path tmp) throws Exception {
        assumeFalse(WINDOWS, "POSIX scripts");
        Path settings = tmp.resolve("bad.sh");
        Files.writeString(settings, String.join("\n",
                "LABEL=\"com codexsync\"", "CODEXSYNC_DIR=relative/dir", "CATALOG=" + shellQuote(tmp),
                "JBANG=" + shellQuote(tmp.resolve("no-jbang")), "CONFIG_FILE=" + shellQuote(tmp.resolve("none.toml")),
                "MODE=sync", "INTERVAL_SECONDS=59", "RUN_AT_LOAD=yes", "STDOUT_LOG=out.log",
                "STDERR_LOG=" + shellQuote(tmp), "TASK_LOG=", ""));

        Result r = sh("scheduler/macos/install-launchd.sh", "--settings", settings.toString(), "--print-plist");
        assertEquals(4, r.code(), r.toString());
        assertEquals("", r.out(), "no plist when a setting is bad");
        for (String name : List.of("LABEL", "CODEXSYNC_DIR", "CATALOG", "JBANG", "CONFIG_FILE", "MODE",
                "INTERVAL_SECONDS", "RUN_AT_LOAD", "STDOUT_LOG", "STDERR_LOG", "TASK_LOG")) {
            assertTrue(r.err().contains("codexsync scheduler: " + name + " = '"), name + " not reported:\n" + r.err());
        }
        assertTrue(r.err().contains("fix: "), r.err());
        assertTrue(r.err().contains(settings.toString()), "the hint names the settings file:\n" + r.err());
    }

    // ---- Linux: systemd user units ---------------------------------------------------------------------

    @CiRequired
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void systemdUnitsPassSystemdAnalyzeVerify(@TempDir Path tmp) throws Exception {
        assumeFalse(WINDOWS, "POSIX scripts");
        Path config = writeSyncConfig(tmp);
        Path units = tmp.resolve("units");
        // A % in a path must not be read as a systemd specifier.
        Path taskLog = tmp.resolve("logs 100%/task.log");
        Path settings = tmp.resolve("systemd.settings.sh");
        Files.writeString(settings, String.join("\n",
                "UNIT_NAME=\"codexsync-test\"",
                "CODEXSYNC_DIR=" + shellQuote(root),
                "CATALOG=\"$CODEXSYNC_DIR\"",
                "JBANG=\"$CODEXSYNC_DIR/jbang\"",
                "CONFIG_FILE=" + shellQuote(config),
                "MODE=\"dry-run\"",
                "INTERVAL=\"15min\"",
                "ON_BOOT_SEC=\"5min\"",
                "TASK_LOG=" + shellQuote(taskLog), ""));

        Result r = sh("scheduler/linux/install-systemd.sh", "--settings", settings.toString(), "--output-dir", units.toString());
        assertEquals(0, r.code(), r.toString());
        String service = Files.readString(units.resolve("codexsync-test.service"));
        String timer = Files.readString(units.resolve("codexsync-test.timer"));
        assertTrue(service.contains("\nType=oneshot\n"), service);
        assertTrue(service.contains("\nWorkingDirectory=" + root + "\n"), service);
        assertTrue(service.contains("\nExecStart=\"" + runner + "\" --codexsync-dir \"" + root + "\""), service);
        assertTrue(service.contains("--mode \"dry-run\" --task-log \"" + tmp + "/logs 100%%/task.log\"\n"), service);
        for (String line : List.of("OnBootSec=5min", "OnUnitActiveSec=15min", "Persistent=true",
                "Unit=codexsync-test.service", "WantedBy=timers.target")) {
            assertTrue(timer.contains("\n" + line + "\n"), line + " missing:\n" + timer);
        }

        assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not on PATH (.ci/run installs systemd)");
        Result verify = verify(units, "codexsync-test.service", "codexsync-test.timer");
        assertEquals(0, verify.code(), verify.toString());
        assertEquals(List.of(), linesNaming(verify, "codexsync-test"), verify.toString());

        // The check above can fail: the same verification flags a broken copy of the timer.
        Files.writeString(units.resolve("broken-test.timer"), timer.replace("OnUnitActiveSec=15min", "OnUnitActiveSec=15 parsecs"));
        Result broken = verify(units, "codexsync-test.service", "broken-test.timer");
        assertFalse(linesNaming(broken, "broken-test").isEmpty(), broken.toString());
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void systemdInstallerNamesEveryBadSettingAndExits4(@TempDir Path tmp) throws Exception {
        assumeFalse(WINDOWS, "POSIX scripts");
        Path settings = tmp.resolve("bad.sh");
        Files.writeString(settings, String.join("\n",
                "UNIT_NAME=\"codexsync@sync\"", "CODEXSYNC_DIR=" + shellQuote(tmp.resolve("missing")),
                "CATALOG=ftp://example", "JBANG=no-such-jbang-command", "CONFIG_FILE=config.toml",
                "MODE=Apply", "INTERVAL=30s", "ON_BOOT_SEC=soon", "TASK_LOG=task.log", ""));
        Path units = tmp.resolve("units");

        Result r = sh("scheduler/linux/install-systemd.sh", "--settings", settings.toString(), "--output-dir", units.toString());
        assertEquals(4, r.code(), r.toString());
        assertFalse(Files.exists(units), "nothing is written when a setting is bad");
        for (String name : List.of("UNIT_NAME", "CODEXSYNC_DIR", "CATALOG", "JBANG", "CONFIG_FILE", "MODE",
                "INTERVAL", "ON_BOOT_SEC", "TASK_LOG")) {
            assertTrue(r.err().contains("codexsync scheduler: " + name + " = '"), name + " not reported:\n" + r.err());
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void uninstallersExit0WhenAbsentAndRemoveWhatTheyInstalled(@TempDir Path tmp) throws Exception {
        assumeFalse(WINDOWS, "POSIX scripts");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path settings = tmp.resolve("settings.sh");
        Files.writeString(settings, "LABEL=\"com.codexsync.test\"\nUNIT_NAME=\"codexsync-test\"\n");
        Map<String, String> env = Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve(".config").toString());

        for (String script : List.of("scheduler/macos/uninstall-launchd.sh", "scheduler/linux/uninstall-systemd.sh")) {
            Result absent = ProcessRun.run(root, env, List.of("sh", script, "--settings", settings.toString()));
            assertEquals(0, absent.code(), script + ":\n" + absent);
            assertTrue(absent.err().contains("nothing to do"), absent.toString());
        }

        Path plist = Files.createDirectories(home.resolve("Library/LaunchAgents")).resolve("com.codexsync.test.plist");
        Files.writeString(plist, "<plist/>");
        Path units = Files.createDirectories(home.resolve(".config/systemd/user"));
        Files.writeString(units.resolve("codexsync-test.service"), "[Service]\n");
        Files.writeString(units.resolve("codexsync-test.timer"), "[Timer]\n");
        Files.writeString(units.resolve("other.timer"), "[Timer]\n");
        for (String script : List.of("scheduler/macos/uninstall-launchd.sh", "scheduler/linux/uninstall-systemd.sh")) {
            Result removed = ProcessRun.run(root, env, List.of("sh", script, "--settings", settings.toString()));
            assertEquals(0, removed.code(), script + ":\n" + removed);
        }
        assertFalse(Files.exists(plist));
        assertFalse(Files.exists(units.resolve("codexsync-test.service")));
        assertFalse(Files.exists(units.resolve("codexsync-test.timer")));
        assertTrue(Files.exists(units.resolve("other.timer")), "only our units are removed");
    }

    @Test
    void posixSettingsFilesHaveTheDocumentedDefaults() throws IOException {
        String launchd = Files.readString(root.resolve("scheduler/macos/launchd.config.sh"));
        String systemd = Files.readString(root.resolve("scheduler/linux/systemd.config.sh"));
        for (String line : List.of("LABEL=\"com.codexsync.sync\"", "JBANG=\"$CODEXSYNC_DIR/jbang\"", "CATALOG=\"$CODEXSYNC_DIR\"",
                "MODE=\"dry-run\"", "INTERVAL_SECONDS=900", "RUN_AT_LOAD=true",
                "CODEXSYNC_DIR=\"$(cd \"$(dirname \"$0\")/../..\" && pwd)\"")) {
            assertTrue(launchd.contains("\n" + line + "\n"), "launchd.config.sh lacks " + line);
        }
        for (String line : List.of("UNIT_NAME=\"codexsync-sync\"", "JBANG=\"$CODEXSYNC_DIR/jbang\"", "CATALOG=\"$CODEXSYNC_DIR\"",
                "MODE=\"dry-run\"", "INTERVAL=\"15min\"", "CODEXSYNC_DIR=\"$(cd \"$(dirname \"$0\")/../..\" && pwd)\"")) {
            assertTrue(systemd.contains("\n" + line + "\n"), "systemd.config.sh lacks " + line);
        }
    }

    // ---- every shell script -----------------------------------------------------------------------------

    @CiRequired
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void everyShellScriptParsesAndPassesShellcheck() throws Exception {
        assumeFalse(WINDOWS, "POSIX scripts");
        List<String> scripts;
        try (Stream<Path> files = Files.walk(root.resolve("scheduler"))) {
            scripts = files.filter(f -> f.toString().endsWith(".sh")).map(f -> root.relativize(f).toString()).sorted().toList();
        }
        assertTrue(scripts.containsAll(List.of("scheduler/common/common.sh", "scheduler/common/run-codexsync.sh",
                "scheduler/macos/launchd.config.sh", "scheduler/macos/install-launchd.sh", "scheduler/macos/uninstall-launchd.sh",
                "scheduler/linux/systemd.config.sh", "scheduler/linux/install-systemd.sh", "scheduler/linux/uninstall-systemd.sh")),
                "expected the macOS, Linux and shared scripts: " + scripts);
        for (String script : scripts) {
            Result syntax = ProcessRun.run(root, Map.of(), List.of("sh", "-n", script));
            assertEquals(0, syntax.code(), script + ":\n" + syntax);
        }
        assumeTrue(onPath("shellcheck"), "shellcheck is not on PATH (.ci/run installs it)");
        List<String> cmd = new ArrayList<>(List.of("shellcheck", "-x"));
        cmd.addAll(scripts);
        Result lint = ProcessRun.run(root, Map.of(), cmd);
        assertEquals(0, lint.code(), "shellcheck -x scheduler/**/*.sh:\n" + lint);
    }

    // ---- the shared POSIX runner ------------------------------------------------------------------------

    /**
     * A real scheduled run: the runner's exit code, the exit code it logs and the exit code of the same
     * sync run directly must all agree, and what the sync printed must be in the task log. While `sync` is
     * still a stub on main that code is 1 ("not implemented yet"); once it lands, a dry run must give 0.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void runnerLogsARealDryRunSyncAndItsExitCode(@TempDir Path tmp) throws Exception {
        assumeFalse(WINDOWS, "POSIX scripts");
        Path config = writeSyncConfig(tmp);
        Path taskLog = tmp.resolve("logs/codexsync-task.log");

        Result run = ProcessRun.run(tmp, Map.of(), List.of(runner.toString(), "--codexsync-dir", root.toString(),
                "--jbang", root.resolve("jbang").toString(), "--catalog", root.toString(),
                "--config", config.toString(), "--mode", "dry-run", "--task-log", taskLog.toString()));
        Result direct = ProcessRun.run(root, Map.of(), List.of("./jbang", "codexsync@" + root, "-c", config.toString(),
                "sync", "--dry-run"));

        int expected = direct.err().contains("is not implemented yet") ? 1 : 0;
        assertEquals(expected, direct.code(), "the sync run directly:\n" + direct);
        assertEquals(direct.code(), run.code(), "runner exit code\n" + run + "\nlog:\n" + read(taskLog));

        List<String> log = Files.readAllLines(taskLog, StandardCharsets.UTF_8);
        assertTrue(log.size() >= 3, "start, output, end:\n" + log);
        assertTrue(log.get(0).matches("\\[\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ] Starting task mode=dry-run"), log.get(0));
        assertTrue(log.get(log.size() - 1).matches("\\[[0-9TZ:-]+] Finished task exit_code=" + run.code()),
                log.get(log.size() - 1));
        List<String> output = log.subList(1, log.size() - 1).stream().map(SchedulerScriptsTest::withoutDigits).toList();
        // The product (stdout) of the direct run, or its error message when it printed none; digits (times,
        // durations) may differ between the two runs.
        String expectedText = direct.out().isBlank()
                ? direct.err().lines().filter(l -> l.startsWith("codexsync:")).findFirst().orElse("")
                : direct.out();
        assertFalse(expectedText.isBlank(), "the direct run printed nothing to compare:\n" + direct);
        for (String line : expectedText.lines().filter(l -> !l.isBlank()).toList()) {
            assertTrue(output.contains(withoutDigits(line)), "task log lacks: " + line + "\nlog:\n" + String.join("\n", log));
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void runnerRefusesABadModeWithExit4AndLogsIt(@TempDir Path tmp) throws Exception {
        assumeFalse(WINDOWS, "POSIX scripts");
        Path config = writeSyncConfig(tmp);
        Path taskLog = tmp.resolve("task.log");
        Result run = ProcessRun.run(tmp, Map.of(), List.of(runner.toString(), "--codexsync-dir", root.toString(),
                "--jbang", root.resolve("jbang").toString(), "--catalog", root.toString(),
                "--config", config.toString(), "--mode", "sync", "--task-log", taskLog.toString()));
        assertEquals(4, run.code(), run.toString());
        String log = read(taskLog);
        assertTrue(log.contains("Starting task mode=sync\n"), log);
        assertTrue(log.contains("codexsync scheduler: MODE = 'sync' must be dry-run or apply"), log);
        assertTrue(log.endsWith("Finished task exit_code=4\n"), log);
        assertFalse(log.contains("codexsync: "), "codexsync itself must not have run:\n" + log);
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /** A config for a dry run in temp folders, with the Codex check off (no Codex in CI). */
    private static Path writeSyncConfig(Path tmp) throws IOException {
        Path codexHome = Files.createDirectories(tmp.resolve("codex-home"));
        Files.createDirectories(codexHome.resolve("sessions/2026/11/25"));
        Files.writeString(codexHome.resolve("sessions/2026/11/25/rollout-a.jsonl"), "{\"type\":\"session_meta\"}\n");
        Files.writeString(codexHome.resolve("history.jsonl"), "{\"text\":\"hello\"}\n");
        Path workspace = Files.createDirectories(tmp.resolve("cloud/codexsync"));
        Path config = tmp.resolve("config.toml");
        Files.writeString(config, String.join("\n",
                "[identity]", "machine_id = \"scheduler-test\"",
                "[paths]", "workspace_root_dir = " + tomlString(workspace), "local_state_dir = " + tomlString(codexHome),
                "[safety]", "require_codex_stopped = false", ""));
        return config;
    }

    private Result sh(String script, String... args) {
        List<String> cmd = new ArrayList<>(List.of("sh", script));
        cmd.addAll(List.of(args));
        return ProcessRun.run(root, Map.of(), cmd);
    }

    private static Result verify(Path dir, String... units) {
        List<String> cmd = new ArrayList<>(List.of("systemd-analyze", "verify", "--man=no"));
        cmd.addAll(List.of(units));
        return ProcessRun.run(dir, Map.of(), cmd);
    }

    /** systemd-analyze may warn about the host's own units; only lines about ours count. */
    private static List<String> linesNaming(Result r, String unit) {
        return (r.out() + r.err()).lines().filter(l -> l.contains(unit)).toList();
    }

    /** The top-level dict of an XML property list as a map (string, integer, true/false, array, dict). */
    private static Map<String, Object> parsePlistDict(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        // The DOCTYPE names Apple's DTD by URL: parse without fetching it.
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        DocumentBuilder b = f.newDocumentBuilder();
        Document doc = b.parse(new InputSource(new StringReader(xml)));
        Element plist = doc.getDocumentElement();
        assertEquals("plist", plist.getTagName());
        assertEquals("1.0", plist.getAttribute("version"));
        List<Element> top = children(plist);
        assertEquals(1, top.size(), "one top-level element");
        @SuppressWarnings("unchecked")
        Map<String, Object> dict = (Map<String, Object>) value(top.get(0));
        return dict;
    }

    private static Object value(Element e) {
        switch (e.getTagName()) {
            case "string":
                return e.getTextContent();
            case "integer":
                return Long.parseLong(e.getTextContent().trim());
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "array":
                return children(e).stream().map(SchedulerScriptsTest::value).toList();
            case "dict":
                Map<String, Object> map = new LinkedHashMap<>();
                List<Element> kids = children(e);
                assertEquals(0, kids.size() % 2, "dict holds key/value pairs");
                for (int i = 0; i < kids.size(); i += 2) {
                    assertEquals("key", kids.get(i).getTagName());
                    String key = kids.get(i).getTextContent();
                    assertFalse(map.containsKey(key), "duplicate key " + key);
                    map.put(key, value(kids.get(i + 1)));
                }
                return map;
            default:
                throw new AssertionError("not a property list element: <" + e.getTagName() + ">");
        }
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                out.add(child);
            } else if (n.getNodeType() == Node.TEXT_NODE) {
                assertTrue(n.getTextContent().isBlank(), "stray text in <" + e.getTagName() + ">: " + n.getTextContent());
            }
        }
        return out;
    }

    private static String shellQuote(Path p) {
        return "'" + p.toString().replace("'", "'\\''") + "'";
    }

    private static String tomlString(Path p) {
        return "\"" + p.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String withoutDigits(String s) {
        return s.replaceAll("\\d", "#").strip();
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "(no " + p + ")";
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
