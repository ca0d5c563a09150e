// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.config;

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
import codexsync.config.SyncOptions.Mode;
import codexsync.config.SyncOptions.SessionMode;
import codexsync.core.HostEnvironment;
import codexsync.core.HostEnvironment.OperatingSystem;
import codexsync.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;

/**
 * Reads and validates a codexsync config (every key of codexSync 0.1.1) or builds the built-in defaults.
 * It only reads: nothing is created, so {@code validate}, {@code plan} and {@code doctor} leave the disk as
 * they found it (D10). Problems become {@link InvalidInputException} (exit 4) naming the key and line:column.
 */
public final class ConfigLoader {
    /** What is synced when no config names it: the user's own work, never tokens, databases or caches. */
    public static final List<String> DEFAULT_INCLUDE_ROOTS = List.of("sessions", "archived_sessions",
            "session_index.jsonl", "history.jsonl", "skills", "prompts", "rules", "agents", "AGENTS.md", "plugins");
    public static final List<String> DEFAULT_EXCLUDE_GLOBS = List.of("**/*.lock", "**/*.tmp", "**/*.temp",
            "**/tmp/**", "**/cache/**", "**/.cache/**", "**/__pycache__/**", "**/*.log", "skills/.system/**",
            "plugins/.plugin-appserver/**", "plugins/.remote-plugin-install-staging/**");
    public static final int SUPPORTED_DATA_VERSION = 1;
    private static final String WORKSPACE_VAR = "${workspace_root}";

    private final HostEnvironment host;

    public ConfigLoader(HostEnvironment host) {
        this.host = host;
    }

    /** Loads {@code file}; a missing or unreadable file is exit 4. */
    public SyncConfig load(Path file, ConfigOverrides overrides) {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new InvalidInputException("config file not found: " + abs, null,
                    "run `codexsync init-config --output " + file + "` or pass -c with the right path");
        }
        String text;
        try {
            text = Files.readString(abs, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new InvalidInputException("config file is not valid UTF-8: " + abs, abs.toString(),
                    "save the file as UTF-8");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read config file " + abs + ": " + e.getMessage(), abs.toString(),
                    "check the file's permissions");
        }
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            TomlParseError err = toml.errors().get(0);
            String where = abs + (err.position() == null ? ""
                    : ":" + err.position().line() + ":" + err.position().column());
            throw new InvalidInputException("config is not valid TOML: " + err.getMessage(), where,
                    "correct the TOML syntax at that line (strings need quotes, tables [name], lists [\"a\", \"b\"])");
        }
        return build(new TomlReader(toml, abs), abs, overrides, toml.dottedKeySet(false));
    }

    /** The built-in defaults (D3) plus command-line folders: used when no config file exists. */
    public SyncConfig defaults(ConfigOverrides overrides) {
        return build(new TomlReader(null, null), null, overrides, List.of());
    }

    private SyncConfig build(TomlReader r, Path file, ConfigOverrides overrides, Iterable<String> presentKeys) {
        Path baseDir = file == null ? Path.of("").toAbsolutePath() : file.getParent();
        String machineId = MachineIds.sanitise(r.string("identity.machine_id", host.hostName()));

        SyncOptions sync = new SyncOptions(
                r.enumValue("sync.mode", Mode.class, Mode.COLD, false),
                r.enumValue("sync.direction", Direction.class, Direction.BIDIRECTIONAL, false),
                r.enumValue("sync.compare", Compare.class, Compare.MTIME, true),
                r.integer("sync.time_tolerance_seconds", 0, 0),
                r.enumValue("sync.equal_mtime_action", EqualMtimeAction.class, EqualMtimeAction.SKIP, true),
                r.enumValue("sync.delete_policy", DeletePolicy.class, DeletePolicy.NEVER, false),
                r.bool("sync.dry_run_default", true),
                r.enumValue("sync.session_mode", SessionMode.class, SessionMode.ALL, true),
                r.integer("sync.max_delete_percent", 25, 0),
                r.integer("sync.handoff_wait_seconds", 0, 0));
        if (sync.maxDeletePercent() > 100) {
            throw r.bad("sync.max_delete_percent", "must be between 0 and 100 (got " + sync.maxDeletePercent() + ")",
                    "max_delete_percent = 25");
        }

        StatePaths paths = paths(r, file, baseDir, overrides);
        Selection selection = new Selection(includeRoots(r), excludeGlobs(r));

        ConflictOptions conflict = new ConflictOptions(
                r.enumValue("conflict.policy", Policy.class, Policy.MANUAL_ABORT, false),
                r.bool("conflict.report_conflicts", true));

        boolean backupFirst = r.bool("backup.backup_before_overwrite", true);
        if (!backupFirst) {
            throw r.bad("backup.backup_before_overwrite",
                    "cannot be false: codexsync always backs up a file before overwriting or deleting it",
                    "backup_before_overwrite = true (use retention_days / max_backups to limit space)");
        }
        BackupOptions backup = new BackupOptions(true,
                r.integer("backup.retention_days", 30, 0),
                r.integer("backup.max_backups", 0, 0),
                r.enumValue("backup.compression", Compression.class, Compression.NONE, true));

        SafetyOptions safety = new SafetyOptions(r.bool("safety.require_codex_stopped", true),
                r.bool("safety.fail_on_unknown", true));

        ProcessOptions process = processOptions(r);
        LoggingOptions logging = loggingOptions(r, paths.logFile());

        int dataVersion = r.integer("state.data_version", SUPPORTED_DATA_VERSION, 0);
        if (dataVersion != SUPPORTED_DATA_VERSION) {
            throw r.bad("state.data_version", "must be " + SUPPORTED_DATA_VERSION + ", the only base-state format "
                    + "this version reads (got " + dataVersion + ")", "data_version = " + SUPPORTED_DATA_VERSION);
        }
        readIgnoredKeys(r);

        List<String> warnings = new ArrayList<>();
        for (String key : presentKeys) {
            if (!r.knownKeys().contains(key) && !key.startsWith("process_detection.background_process_names.")) {
                warnings.add("unknown config key '" + key + "' at " + r.location(key) + " is ignored");
            }
        }
        checkOverlap(paths, r);
        return new SyncConfig(file, machineId, sync, paths, selection, conflict, backup, safety, process, logging,
                List.copyOf(warnings));
    }

    private StatePaths paths(TomlReader r, Path file, Path baseDir, ConfigOverrides overrides) {
        String wsRaw = r.string("paths.workspace_root_dir", null);
        Path workspace = overrides.workspace() != null ? absolute(overrides.workspace())
                : wsRaw == null ? null : resolve(r, "paths.workspace_root_dir", wsRaw, null, baseDir);
        Path base = workspace != null ? workspace : baseDir;

        List<Path> localCandidates = new ArrayList<>();
        String localRaw = r.string("paths.local_state_dir", null);
        if (overrides.local() != null) {
            localCandidates.add(absolute(overrides.local()));
        } else if (localRaw != null) {
            // An explicitly configured Codex home is the only candidate: silently syncing another folder
            // because a typo made this one "missing" would be worse than stopping.
            localCandidates.add(resolve(r, "paths.local_state_dir", localRaw, workspace, base));
        } else {
            String codexHome = host.getenv("CODEX_HOME");
            if (codexHome != null) {
                localCandidates.add(absolute(expandHome(codexHome)));
            }
            localCandidates.add(host.userHome().resolve(".codex").toAbsolutePath().normalize());
        }

        Path cloud = overrides.cloud() != null ? absolute(overrides.cloud())
                : pathOr(r, "paths.cloud_root_dir", workspace, base, "sync", file != null);
        Path backups = pathOr(r, "paths.backup_dir", workspace, base, "backups", file != null);
        Path temp = pathOr(r, "paths.temp_dir", workspace, base, ".tmp", file != null);
        Path manifest = pathOr(r, "state.manifest_file", workspace, base, "state/manifest.json", file != null);
        String logRaw = r.string("logging.file", null);
        Path log = logRaw == null || logRaw.isBlank() ? null : resolve(r, "logging.file", logRaw, workspace, base);
        return new StatePaths(workspace, List.copyOf(localCandidates), cloud, backups, temp, manifest, log);
    }

    /** A configured path, else its place in the workspace layout, else (with a config file) a clear error. */
    private Path pathOr(TomlReader r, String key, Path workspace, Path base, String layoutName, boolean fromFile) {
        String raw = r.string(key, null);
        if (raw != null && !raw.isBlank()) {
            return resolve(r, key, raw, workspace, base);
        }
        if (workspace != null) {
            return workspace.resolve(layoutName).normalize();
        }
        if (fromFile) {
            throw new InvalidInputException("config needs '" + key + "' or paths.workspace_root_dir",
                    r.location("paths"), "set workspace_root_dir = \"<folder in your cloud drive>\" under [paths]");
        }
        return null;
    }

    private Path resolve(TomlReader r, String key, String raw, Path workspace, Path base) {
        String value = raw.trim();
        if (value.contains(WORKSPACE_VAR)) {
            if (workspace == null) {
                throw r.bad(key, "uses ${workspace_root} but paths.workspace_root_dir is not set",
                        "workspace_root_dir = \"~/Dropbox/codexsync\" under [paths]");
            }
            value = value.replace(WORKSPACE_VAR, workspace.toString());
        }
        Path p = expandHome(value);
        if (!p.isAbsolute()) {
            p = base.resolve(p);
        }
        return p.toAbsolutePath().normalize();
    }

    private Path expandHome(String value) {
        if (value.equals("~")) {
            return host.userHome();
        }
        if (value.startsWith("~/") || value.startsWith("~\\")) {
            return host.userHome().resolve(value.substring(2));
        }
        return Path.of(value);
    }

    private static Path absolute(Path p) {
        return p.toAbsolutePath().normalize();
    }

    private List<String> includeRoots(TomlReader r) {
        List<String> roots = r.stringList("targets.include_roots", DEFAULT_INCLUDE_ROOTS);
        if (roots.isEmpty()) {
            throw r.bad("targets.include_roots", "must name at least one folder or file (an empty list would sync "
                    + "the whole Codex home, login tokens included)", "include_roots = [\"sessions\", \"skills\"]");
        }
        List<String> out = new ArrayList<>();
        for (String root : roots) {
            String norm = root.trim().replace('\\', '/');
            while (norm.endsWith("/")) {
                norm = norm.substring(0, norm.length() - 1);
            }
            if (norm.isEmpty() || norm.equals(".")) {
                throw r.bad("targets.include_roots", "holds \"" + root + "\", which means the whole Codex home "
                        + "(login tokens included)", "include_roots = [\"sessions\", \"skills\"]");
            }
            boolean absolute = norm.startsWith("/") || norm.matches("^[A-Za-z]:.*") || Path.of(norm).isAbsolute();
            boolean escapes = Path.of(norm).normalize().startsWith("..") || norm.equals("..")
                    || List.of(norm.split("/")).contains("..");
            if (absolute || escapes) {
                throw r.bad("targets.include_roots", "holds \"" + root + "\", which is not a path inside the Codex "
                        + "home", "include_roots = [\"sessions\"] (relative to the Codex home, no '..')");
            }
            out.add(norm);
        }
        return List.copyOf(new LinkedHashSet<>(out));
    }

    private List<String> excludeGlobs(TomlReader r) {
        List<String> globs = new ArrayList<>();
        for (String g : r.stringList("filters.exclude_globs", DEFAULT_EXCLUDE_GLOBS)) {
            if (!g.isBlank()) {
                globs.add(g.trim().replace('\\', '/'));
            }
        }
        return List.copyOf(globs);
    }

    private ProcessOptions processOptions(TomlReader r) {
        List<String> names = r.stringList("process_detection.process_names", List.of("codex.exe", "codex"));
        LinkedHashSet<String> lower = new LinkedHashSet<>();
        for (String n : names) {
            if (!n.isBlank()) {
                lower.add(n.trim().toLowerCase(Locale.ROOT));
            }
        }
        if (lower.isEmpty()) {
            throw r.bad("process_detection.process_names", "must name at least one process",
                    "process_names = [\"codex.exe\", \"codex\"]");
        }
        Map<OperatingSystem, List<String>> background = new EnumMap<>(OperatingSystem.class);
        background.put(OperatingSystem.WINDOWS, List.of("codex-windows-sandbox"));
        background.put(OperatingSystem.MACOS, List.of());
        background.put(OperatingSystem.LINUX, List.of());
        String table = "process_detection.background_process_names";
        for (String osKey : r.tableKeys(table)) {
            OperatingSystem os = switch (osKey.toLowerCase(Locale.ROOT)) {
                case "windows" -> OperatingSystem.WINDOWS;
                case "macos" -> OperatingSystem.MACOS;
                case "linux" -> OperatingSystem.LINUX;
                default -> throw r.bad(table + "." + osKey, "is not an operating system codexsync knows "
                        + "(windows, macos, linux)", "windows = [\"codex-windows-sandbox\"]");
            };
            List<String> list = r.stringList(table + "." + osKey, List.of());
            background.put(os, list.stream().filter(s -> !s.isBlank()).map(s -> s.trim().toLowerCase(Locale.ROOT))
                    .distinct().toList());
        }
        return new ProcessOptions(List.copyOf(lower),
                r.integer("process_detection.grace_period_seconds", 2, 0),
                r.bool("process_detection.allow_terminate_if_running", true),
                r.bool("process_detection.manual_terminate_confirmation", true),
                r.enumValue("process_detection.terminate_confirmation_mode", ConfirmationMode.class,
                        ConfirmationMode.GUI, true),
                r.integer("process_detection.terminate_timeout_seconds", 20, 0),
                Map.copyOf(background));
    }

    private LoggingOptions loggingOptions(TomlReader r, Path logFile) {
        return new LoggingOptions(
                r.enumValue("logging.level", Level.class, Level.INFO, true),
                logFile,
                r.enumValue("logging.format", Format.class, Format.TEXT, true),
                r.integer("logging.retention_days", 7, 0),
                r.enumValue("logging.archive_mode", ArchiveMode.class, ArchiveMode.ZIP, true),
                r.integer("logging.max_file_size_mb", 10, 1));
    }

    /** Keys 0.1.1 shipped but never read: type-checked so typos still surface, otherwise ignored. */
    private static void readIgnoredKeys(TomlReader r) {
        r.bool("scheduler.enabled", false);
        r.string("scheduler.kind", "windows_task_scheduler");
        r.integer("scheduler.interval_minutes", 10, 0);
        r.integer("scheduler.jitter_seconds", 30, 0);
        r.bool("assumptions.strict_handoff_required", true);
        r.bool("assumptions.cloud_readiness_is_user_responsibility", true);
        r.bool("assumptions.cloud_capacity_is_user_responsibility", true);
        r.markKnown("state.lease_file");
        r.markKnown("state.history_dir");
        r.markKnown("state.lease_ttl_seconds");
    }

    private void checkOverlap(StatePaths p, TomlReader r) {
        Path local = p.localCandidates().stream().filter(Files::isDirectory).findFirst()
                .orElse(p.localCandidates().get(0));
        PathOverlap.check(List.of(
                new PathOverlap.Named("the Codex home (local_state_dir)", local, false),
                new PathOverlap.Named("the cloud folder (cloud_root_dir)", p.cloudRoot(), false),
                new PathOverlap.Named("the backup folder (backup_dir)", p.backupDir(), false),
                new PathOverlap.Named("the temp folder (temp_dir)", p.tempDir(), false),
                new PathOverlap.Named("the base state file (state.manifest_file)", p.manifestFile(), true),
                new PathOverlap.Named("the log file (logging.file)", p.logFile(), true)),
                host.os(), r.location("paths"));
    }
}
