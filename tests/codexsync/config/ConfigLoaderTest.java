// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.config.BackupOptions.Compression;
import codexsync.config.ConflictOptions.Policy;
import codexsync.config.LoggingOptions.ArchiveMode;
import codexsync.config.LoggingOptions.Format;
import codexsync.config.LoggingOptions.Level;
import codexsync.config.ProcessOptions.ConfirmationMode;
import codexsync.config.SyncOptions.Compare;
import codexsync.config.SyncOptions.DeletePolicy;
import codexsync.config.SyncOptions.Direction;
import codexsync.config.SyncOptions.EqualMtimeAction;
import codexsync.config.SyncOptions.SessionMode;
import codexsync.core.ExitStatus;
import codexsync.core.HostEnvironment;
import codexsync.core.HostEnvironment.OperatingSystem;
import codexsync.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every config key: its loader default, accepted spellings, and each kind of bad value (exit 4 at line:col). */
class ConfigLoaderTest {
    @TempDir
    Path tmp;
    Path local;
    Path workspace;
    HostEnvironment host;

    @BeforeEach
    void setUp() throws IOException {
        local = Files.createDirectories(tmp.resolve("home/.codex"));
        workspace = tmp.resolve("cloud/codexsync");
        host = new HostEnvironment(Map.of(), tmp.resolve("home"), "Test Host!", OperatingSystem.LINUX);
    }

    private String base() {
        return "[paths]\nworkspace_root_dir = \"" + workspace.toString().replace('\\', '/') + "\"\n"
                + "local_state_dir = \"" + local.toString().replace('\\', '/') + "\"\n\n";
    }

    private SyncConfig load(String snippet) throws IOException {
        Path file = tmp.resolve("config.toml");
        Files.writeString(file, base() + snippet);
        return new ConfigLoader(host).load(file, ConfigOverrides.NONE);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("[sync]\ncompare = \"fast\"", "sync.compare", "must be one of mtime, mtime_hash_fallback"),
                Arguments.of("[sync]\ndry_run_default = \"false\"", "sync.dry_run_default", "true or false"),
                Arguments.of("[sync]\ntime_tolerance_seconds = \"ten\"", "sync.time_tolerance_seconds", "whole number"),
                Arguments.of("[sync]\ntime_tolerance_seconds = -1", "sync.time_tolerance_seconds", "zero or more"),
                Arguments.of("[sync]\nequal_mtime_action = \"newest\"", "sync.equal_mtime_action", "must be one of"),
                Arguments.of("[sync]\ndelete_policy = \"Propagate\"", "sync.delete_policy", "must be one of never, propagate"),
                Arguments.of("[sync]\ndirection = \"both\"", "sync.direction", "bidirectional, to_cloud, to_local"),
                Arguments.of("[sync]\nmode = \"hot\"", "sync.mode", "must be one of cold"),
                Arguments.of("[sync]\nsession_mode = \"today\"", "sync.session_mode", "all, last_date_only"),
                Arguments.of("[sync]\nmax_delete_percent = 101", "sync.max_delete_percent", "between 0 and 100"),
                Arguments.of("[conflict]\npolicy = \"PREFER_LOCAL\"", "conflict.policy", "must be one of"),
                Arguments.of("[conflict]\nreport_conflicts = 1", "conflict.report_conflicts", "true or false"),
                Arguments.of("[backup]\nretention_days = 1.5", "backup.retention_days", "whole number"),
                Arguments.of("[backup]\nmax_backups = -2", "backup.max_backups", "zero or more"),
                Arguments.of("[backup]\ncompression = \"rar\"", "backup.compression", "none, zip"),
                Arguments.of("[backup]\nbackup_before_overwrite = false", "backup.backup_before_overwrite", "cannot be false"),
                Arguments.of("[safety]\nrequire_codex_stopped = \"yes\"", "safety.require_codex_stopped", "true or false"),
                Arguments.of("[safety]\nfail_on_unknown = 0", "safety.fail_on_unknown", "true or false"),
                Arguments.of("[process_detection]\nprocess_names = \"codex\"", "process_detection.process_names", "list of strings"),
                Arguments.of("[process_detection]\nprocess_names = []", "process_detection.process_names", "at least one"),
                Arguments.of("[process_detection]\ngrace_period_seconds = -1", "process_detection.grace_period_seconds", "zero or more"),
                Arguments.of("[process_detection]\nallow_terminate_if_running = \"true\"", "process_detection.allow_terminate_if_running", "true or false"),
                Arguments.of("[process_detection]\nmanual_terminate_confirmation = \"no\"", "process_detection.manual_terminate_confirmation", "true or false"),
                Arguments.of("[process_detection]\nterminate_confirmation_mode = \"popup\"", "process_detection.terminate_confirmation_mode", "gui, console"),
                Arguments.of("[process_detection]\nterminate_timeout_seconds = \"20\"", "process_detection.terminate_timeout_seconds", "whole number"),
                Arguments.of("[process_detection.background_process_names]\nbsd = []", "process_detection.background_process_names.bsd", "operating system"),
                Arguments.of("[process_detection.background_process_names]\nwindows = \"x\"", "process_detection.background_process_names.windows", "list of strings"),
                Arguments.of("[state]\ndata_version = 2", "state.data_version", "must be 1"),
                Arguments.of("[logging]\nlevel = \"VERBOSE\"", "logging.level", "debug, info, warning, error"),
                Arguments.of("[logging]\nformat = \"xml\"", "logging.format", "text, json, logfmt"),
                Arguments.of("[logging]\narchive_mode = \"rar\"", "logging.archive_mode", "zip, text"),
                Arguments.of("[logging]\nmax_file_size_mb = 0", "logging.max_file_size_mb", "1 or more"),
                Arguments.of("[logging]\nretention_days = -1", "logging.retention_days", "zero or more"),
                Arguments.of("[targets]\ninclude_roots = []", "targets.include_roots", "at least one"),
                Arguments.of("[targets]\ninclude_roots = [\".\"]", "targets.include_roots", "the whole Codex home"),
                Arguments.of("[targets]\ninclude_roots = [\"\"]", "targets.include_roots", "the whole Codex home"),
                Arguments.of("[targets]\ninclude_roots = [\"../x\"]", "targets.include_roots", "not a path inside"),
                Arguments.of("[targets]\ninclude_roots = [\"sessions/../../x\"]", "targets.include_roots", "not a path inside"),
                Arguments.of("[targets]\ninclude_roots = [\"/abs\"]", "targets.include_roots", "not a path inside"),
                Arguments.of("[targets]\ninclude_roots = [\"C:/Users/x\"]", "targets.include_roots", "not a path inside"),
                Arguments.of("[filters]\nexclude_globs = [1]", "filters.exclude_globs", "only strings"),
                Arguments.of("[identity]\nmachine_id = 5", "identity.machine_id", "string"),
                Arguments.of("[scheduler]\nenabled = \"no\"", "scheduler.enabled", "true or false"),
                Arguments.of("[assumptions]\nstrict_handoff_required = \"yes\"", "assumptions.strict_handoff_required", "true or false"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badValues")
    void badValueIsExit4WithKeyAndLine(String snippet, String key, String fragment) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> load(snippet));
        assertEquals(ExitStatus.INVALID_INPUT, e.status());
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        String leaf = key.substring(key.lastIndexOf('.') + 1);
        String[] lines = snippet.split("\n");
        int offset = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(leaf + " ")) {
                offset = i;
            }
        }
        int expectedLine = base().split("\n", -1).length + offset;
        assertTrue(e.location().endsWith("config.toml:" + expectedLine + ":1"), e.location());
        assertTrue(e.hint().startsWith("write e.g. "), e.hint());
    }

    static Stream<Arguments> goodValues() {
        return Stream.<Arguments>of(
                Arguments.of("[sync]\ncompare = \"MTIME_HASH_FALLBACK\"", (Function<SyncConfig, Object>) c -> c.sync().compare(), Compare.MTIME_HASH_FALLBACK),
                Arguments.of("[sync]\nequal_mtime_action = \"PREFER_LOCAL\"", (Function<SyncConfig, Object>) c -> c.sync().equalMtimeAction(), EqualMtimeAction.PREFER_LOCAL),
                Arguments.of("[sync]\nsession_mode = \"LAST_DATE_ONLY\"", (Function<SyncConfig, Object>) c -> c.sync().sessionMode(), SessionMode.LAST_DATE_ONLY),
                Arguments.of("[sync]\ndelete_policy = \"propagate\"", (Function<SyncConfig, Object>) c -> c.sync().deletePolicy(), DeletePolicy.PROPAGATE),
                Arguments.of("[sync]\ndirection = \"to_cloud\"", (Function<SyncConfig, Object>) c -> c.sync().direction(), Direction.TO_CLOUD),
                Arguments.of("[sync]\ndirection = \"to_local\"", (Function<SyncConfig, Object>) c -> c.sync().direction(), Direction.TO_LOCAL),
                Arguments.of("[sync]\ntime_tolerance_seconds = 3", (Function<SyncConfig, Object>) c -> c.sync().timeToleranceSeconds(), 3L),
                Arguments.of("[sync]\ndry_run_default = false", (Function<SyncConfig, Object>) c -> c.sync().dryRunDefault(), false),
                Arguments.of("[sync]\nmax_delete_percent = 50", (Function<SyncConfig, Object>) c -> c.sync().maxDeletePercent(), 50),
                Arguments.of("[conflict]\npolicy = \"prefer_newer_mtime\"", (Function<SyncConfig, Object>) c -> c.conflict().policy(), Policy.PREFER_NEWER_MTIME),
                Arguments.of("[conflict]\nreport_conflicts = false", (Function<SyncConfig, Object>) c -> c.conflict().reportConflicts(), false),
                Arguments.of("[backup]\ncompression = \"ZIP\"", (Function<SyncConfig, Object>) c -> c.backup().compression(), Compression.ZIP),
                Arguments.of("[backup]\nretention_days = 0", (Function<SyncConfig, Object>) c -> c.backup().retentionDays(), 0),
                Arguments.of("[backup]\nmax_backups = 3", (Function<SyncConfig, Object>) c -> c.backup().maxBackups(), 3),
                Arguments.of("[safety]\nrequire_codex_stopped = false", (Function<SyncConfig, Object>) c -> c.safety().requireCodexStopped(), false),
                Arguments.of("[safety]\nfail_on_unknown = false", (Function<SyncConfig, Object>) c -> c.safety().failOnUnknown(), false),
                Arguments.of("[process_detection]\nprocess_names = [\"Codex.EXE\", \"CODEX\", \"codex\"]", (Function<SyncConfig, Object>) c -> c.process().processNames(), List.of("codex.exe", "codex")),
                Arguments.of("[process_detection]\nterminate_confirmation_mode = \"CONSOLE\"", (Function<SyncConfig, Object>) c -> c.process().terminateConfirmationMode(), ConfirmationMode.CONSOLE),
                Arguments.of("[process_detection]\nterminate_timeout_seconds = 5", (Function<SyncConfig, Object>) c -> c.process().terminateTimeoutSeconds(), 5),
                Arguments.of("[process_detection]\ngrace_period_seconds = 0", (Function<SyncConfig, Object>) c -> c.process().gracePeriodSeconds(), 0),
                Arguments.of("[process_detection]\nallow_terminate_if_running = false", (Function<SyncConfig, Object>) c -> c.process().allowTerminateIfRunning(), false),
                Arguments.of("[process_detection]\nmanual_terminate_confirmation = false", (Function<SyncConfig, Object>) c -> c.process().manualTerminateConfirmation(), false),
                Arguments.of("[process_detection.background_process_names]\nwindows = [\"X-Sandbox\"]", (Function<SyncConfig, Object>) c -> c.process().backgroundNamesFor(OperatingSystem.WINDOWS), List.of("x-sandbox")),
                Arguments.of("[process_detection.background_process_names]\nwindows = [\"a\"]", (Function<SyncConfig, Object>) c -> c.process().backgroundNamesFor(OperatingSystem.LINUX), List.of()),
                Arguments.of("[logging]\nformat = \"TEXT\"", (Function<SyncConfig, Object>) c -> c.logging().format(), Format.TEXT),
                Arguments.of("[logging]\nformat = \"logfmt\"", (Function<SyncConfig, Object>) c -> c.logging().format(), Format.LOGFMT),
                Arguments.of("[logging]\nlevel = \"debug\"", (Function<SyncConfig, Object>) c -> c.logging().level(), Level.DEBUG),
                Arguments.of("[logging]\nlevel = \"WARNING\"", (Function<SyncConfig, Object>) c -> c.logging().level(), Level.WARNING),
                Arguments.of("[logging]\narchive_mode = \"Text\"", (Function<SyncConfig, Object>) c -> c.logging().archiveMode(), ArchiveMode.TEXT),
                Arguments.of("[logging]\nmax_file_size_mb = 20", (Function<SyncConfig, Object>) c -> c.logging().maxFileSizeMb(), 20),
                Arguments.of("[logging]\nretention_days = 14", (Function<SyncConfig, Object>) c -> c.logging().retentionDays(), 14),
                Arguments.of("[identity]\nmachine_id = \"Work PC #1\"", (Function<SyncConfig, Object>) c -> c.machineId(), "Work-PC--1"),
                Arguments.of("[targets]\ninclude_roots = [\"sessions/\", \"skills\\\\x\", \"sessions\"]", (Function<SyncConfig, Object>) c -> c.selection().includeRoots(), List.of("sessions", "skills/x")),
                Arguments.of("[filters]\nexclude_globs = [\"\", \"a\\\\*.log\"]", (Function<SyncConfig, Object>) c -> c.selection().excludeGlobs(), List.of("a/*.log")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodValues")
    void goodValueIsRead(String snippet, Function<SyncConfig, Object> getter, Object expected) throws IOException {
        assertEquals(expected, getter.apply(load(snippet)));
    }

    @Test
    void loaderDefaultsForEveryAbsentKey() throws IOException {
        SyncConfig c = load("");
        assertEquals("Test-Host", c.machineId());
        assertEquals(new SyncOptions(SyncOptions.Mode.COLD, Direction.BIDIRECTIONAL, Compare.MTIME, 0,
                EqualMtimeAction.SKIP, DeletePolicy.NEVER, true, SessionMode.ALL, 25, 0), c.sync());
        assertEquals(new ConflictOptions(Policy.MANUAL_ABORT, true), c.conflict());
        assertEquals(new BackupOptions(true, 30, 0, Compression.NONE), c.backup());
        assertEquals(new SafetyOptions(true, true), c.safety());
        assertEquals(List.of("codex.exe", "codex"), c.process().processNames());
        assertEquals(2, c.process().gracePeriodSeconds());
        assertTrue(c.process().allowTerminateIfRunning());
        assertTrue(c.process().manualTerminateConfirmation());
        assertEquals(ConfirmationMode.GUI, c.process().terminateConfirmationMode());
        assertEquals(20, c.process().terminateTimeoutSeconds());
        assertEquals(List.of("codex-windows-sandbox"), c.process().backgroundNamesFor(OperatingSystem.WINDOWS));
        assertEquals(new LoggingOptions(Level.INFO, null, Format.TEXT, 7, ArchiveMode.ZIP, 10), c.logging());
        assertEquals(ConfigLoader.DEFAULT_INCLUDE_ROOTS, c.selection().includeRoots());
        assertEquals(ConfigLoader.DEFAULT_EXCLUDE_GLOBS, c.selection().excludeGlobs());
        assertEquals(workspace.resolve("sync"), c.paths().cloudRoot());
        assertEquals(workspace.resolve("backups"), c.paths().backupDir());
        assertEquals(workspace.resolve(".tmp"), c.paths().tempDir());
        assertEquals(workspace.resolve("state/manifest.json"), c.paths().manifestFile());
        assertEquals(local, c.paths().localStateDir());
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    }

    @Test
    void workspaceVariableAndRelativePathsResolveAgainstTheWorkspace() throws IOException {
        Path file = tmp.resolve("config.toml");
        Files.writeString(file, base() + "[state]\nmanifest_file = \"${workspace_root}/st/m.json\"\n"
                + "[logging]\nfile = \"logs/c.log\"\n");
        SyncConfig c = new ConfigLoader(host).load(file, ConfigOverrides.NONE);
        assertEquals(workspace.resolve("st/m.json"), c.paths().manifestFile());
        assertEquals(workspace.resolve("logs/c.log"), c.logging().file());
    }

    @Test
    void workspaceVariableWithoutWorkspaceIsExit4() throws IOException {
        Path file = tmp.resolve("config.toml");
        Files.writeString(file, "[paths]\ncloud_root_dir = \"${workspace_root}/sync\"\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new ConfigLoader(host).load(file, ConfigOverrides.NONE));
        assertTrue(e.getMessage().contains("workspace_root_dir is not set"), e.getMessage());
        assertTrue(e.location().endsWith(":2:1"), e.location());
    }

    @Test
    void missingRequiredPathWithoutWorkspaceIsExit4() throws IOException {
        Path file = tmp.resolve("config.toml");
        Files.writeString(file, "[paths]\ncloud_root_dir = \"c\"\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new ConfigLoader(host).load(file, ConfigOverrides.NONE));
        assertTrue(e.getMessage().contains("paths.backup_dir"), e.getMessage());
    }

    @Test
    void relativePathsWithoutWorkspaceResolveAgainstTheConfigFolder() throws IOException {
        Path file = tmp.resolve("cfg/config.toml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "[paths]\nlocal_state_dir = \"" + local.toString().replace('\\', '/') + "\"\n"
                + "cloud_root_dir = \"c\"\nbackup_dir = \"b\"\ntemp_dir = \"t\"\n[state]\nmanifest_file = \"s/m.json\"\n");
        SyncConfig c = new ConfigLoader(host).load(file, ConfigOverrides.NONE);
        assertEquals(tmp.resolve("cfg/c"), c.paths().cloudRoot());
        assertEquals(tmp.resolve("cfg/s/m.json"), c.paths().manifestFile());
    }

    @Test
    void tomlSyntaxErrorIsExit4WithLineAndColumn() throws IOException {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> load("[sync\ncompare = 1\n"));
        assertTrue(e.getMessage().startsWith("config is not valid TOML"), e.getMessage());
        assertTrue(e.location().matches(".*config\\.toml:5:\\d+"), e.location());
    }

    @Test
    void unknownKeysAreWarningsNamingTheirPlace() throws IOException {
        SyncConfig c = load("[sync]\ncompre = \"mtime\"\n");
        assertEquals(1, c.warnings().size());
        assertTrue(c.warnings().get(0).contains("'sync.compre'") && c.warnings().get(0).contains("config.toml:6:1"),
                c.warnings().toString());
    }

    @Test
    void overlappingPathsAreRefused() throws IOException {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> load("[state]\nmanifest_file = \"${workspace_root}/sync/state.json\"\n"));
        assertTrue(e.getMessage().startsWith("overlapping paths"), e.getMessage());
        Path file = tmp.resolve("config2.toml");
        Files.writeString(file, base().replace("[paths]\n", "[paths]\ncloud_root_dir = \"" + local.resolve("mirror")
                .toString().replace('\\', '/') + "\"\n"));
        assertThrows(InvalidInputException.class, () -> new ConfigLoader(host).load(file, ConfigOverrides.NONE));
        InvalidInputException log = assertThrows(InvalidInputException.class,
                () -> load("[logging]\nfile = \"" + local.resolve("log/c.log").toString().replace('\\', '/') + "\"\n"));
        assertTrue(log.getMessage().contains("log file"), log.getMessage());
    }

    @Test
    void overlapComparisonFoldsCaseOnWindowsAndMacOnly() {
        Path a = tmp.resolve("Sync");
        Path b = tmp.resolve("sync/backups");
        List<PathOverlap.Named> paths = List.of(new PathOverlap.Named("a", a, false), new PathOverlap.Named("b", b, false));
        assertThrows(InvalidInputException.class, () -> PathOverlap.check(paths, OperatingSystem.WINDOWS, null));
        assertThrows(InvalidInputException.class, () -> PathOverlap.check(paths, OperatingSystem.MACOS, null));
        PathOverlap.check(paths, OperatingSystem.LINUX, null);
    }

    @Test
    void symlinkedFolderInsideAnotherIsSeenThroughTheLink() throws IOException {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        List<PathOverlap.Named> paths = List.of(new PathOverlap.Named("a", real, false),
                new PathOverlap.Named("b", link.resolve("inner"), false));
        assertThrows(InvalidInputException.class, () -> PathOverlap.check(paths, OperatingSystem.LINUX, null));
    }

    @Test
    void builtInDefaultsUseCodexHomeAndTheWorkspaceLayout() throws IOException {
        Path codexHome = Files.createDirectories(tmp.resolve("ch"));
        HostEnvironment h = new HostEnvironment(Map.of("CODEX_HOME", codexHome.toString()), host.userHome(),
                host.hostName(), host.os());
        SyncConfig c = new ConfigLoader(h).defaults(new ConfigOverrides(workspace, null, null));
        assertNull(c.source());
        assertEquals(codexHome, c.paths().localStateDir());
        assertEquals(workspace.resolve("sync"), c.paths().cloudRoot());
        assertEquals(workspace.resolve("state/manifest.json"), c.paths().manifestFile());
        SyncConfig noCodexHome = new ConfigLoader(host).defaults(new ConfigOverrides(null, null, tmp.resolve("c")));
        assertEquals(local, noCodexHome.paths().localStateDir());
        assertNull(noCodexHome.paths().backupDir());
        assertThrows(InvalidInputException.class, () -> noCodexHome.paths().requireWorkspace());
    }

    @Test
    void missingLocalStateDirListsEveryPathTried() {
        HostEnvironment h = new HostEnvironment(Map.of("CODEX_HOME", tmp.resolve("nope").toString()),
                tmp.resolve("nohome"), "h", OperatingSystem.LINUX);
        SyncConfig c = new ConfigLoader(h).defaults(new ConfigOverrides(workspace, null, null));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> c.paths().localStateDir());
        assertTrue(e.getMessage().contains(tmp.resolve("nope").toString())
                && e.getMessage().contains(tmp.resolve("nohome/.codex").toString()), e.getMessage());
    }

    @Test
    void theBundledTemplateIsValidAndNamesEveryKeyTheLoaderReads() throws IOException {
        Path file = tmp.resolve("template.toml");
        Files.writeString(file, ConfigTemplate.TEXT.replace("~/Dropbox/codexsync", workspace.toString().replace('\\', '/')));
        SyncConfig c = new ConfigLoader(host).load(file, new ConfigOverrides(null, local, null));
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
        assertEquals(SessionMode.ALL, c.sync().sessionMode());
        for (String key : List.of("machine_id", "mode", "direction", "compare", "time_tolerance_seconds",
                "equal_mtime_action", "delete_policy", "max_delete_percent", "dry_run_default", "session_mode",
                "workspace_root_dir", "local_state_dir", "cloud_root_dir", "backup_dir", "temp_dir", "include_roots",
                "exclude_globs", "policy", "report_conflicts", "backup_before_overwrite", "retention_days",
                "max_backups", "compression", "require_codex_stopped", "fail_on_unknown", "process_names",
                "grace_period_seconds", "allow_terminate_if_running", "manual_terminate_confirmation",
                "terminate_confirmation_mode", "terminate_timeout_seconds", "windows", "macos", "linux",
                "manifest_file", "data_version", "level", "file", "format", "archive_mode", "max_file_size_mb",
                "enabled", "kind", "interval_minutes", "jitter_seconds", "strict_handoff_required")) {
            assertTrue(ConfigTemplate.TEXT.contains("\n" + key + " = ") || ConfigTemplate.TEXT.contains("# " + key + " = "),
                    "template lacks " + key);
        }
    }
}
