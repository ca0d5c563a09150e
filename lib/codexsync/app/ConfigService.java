// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.config.ConfigLoader;
import codexsync.config.ConfigTemplate;
import codexsync.config.MachineIds;
import codexsync.config.SyncConfig;
import codexsync.core.ExitStatus;
import codexsync.core.HostEnvironment;
import codexsync.core.InvalidInputException;
import codexsync.core.Json;
import codexsync.core.RuntimeFailureException;
import codexsync.fs.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds, loads and writes configuration: {@code init-config}, {@code validate}, and the loading every command does. */
public final class ConfigService {
    /** 0.1.1's default: {@code config.toml} in the current folder. */
    public static final Path DEFAULT_CONFIG = Path.of("config.toml");

    private final HostEnvironment host;

    public ConfigService(HostEnvironment host) {
        this.host = host;
    }

    /**
     * The config for a run: the {@code -c} file (must exist), else {@code ./config.toml} when present, else the
     * built-in defaults with the command-line folders (D3).
     */
    public SyncConfig load(Invocation inv) {
        ConfigLoader loader = new ConfigLoader(host);
        if (inv.configFile() != null) {
            return loader.load(inv.configFile(), inv.folders());
        }
        if (Files.isRegularFile(DEFAULT_CONFIG)) {
            return loader.load(DEFAULT_CONFIG, inv.folders());
        }
        return loader.defaults(inv.folders());
    }

    /**
     * Writes the bundled template (refusing to overwrite without {@code force}) with {@code workspace_root_dir}
     * inside the cloud folder {@code cloud}: a folder, or {@code "auto"} to look for the folders the installed cloud
     * clients sync, list them all, and propose the first (the report names the choice and how to change it: nothing
     * is chosen silently). {@code null}: the template as is.
     */
    public Report initConfig(Path output, boolean force, String cloud) {
        Path target = (output == null ? DEFAULT_CONFIG : output).toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new InvalidInputException("cannot write the config: " + target + " is a folder", null,
                    "pass --output with a file name, e.g. --output " + target.resolve("config.toml"));
        }
        if (Files.exists(target) && !force) {
            throw new InvalidInputException("File already exists: " + target + ". Use --force to overwrite.", null,
                    "add --force to overwrite it, or choose another path with --output");
        }
        CloudChoice choice = cloud == null ? null : CloudChoice.make(cloud, host);
        String text = choice == null ? ConfigTemplate.TEXT : ConfigTemplate.withWorkspace(choice.workspace());
        // Host name plus a random suffix: host names repeat among one person's machines (see MachineIdClaim).
        String machineId = MachineIds.proposal(host.hostName());
        text = ConfigTemplate.withMachineId(text, machineId);
        try {
            AtomicFiles.writeString(target, text);
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot write " + target + ": " + e.getMessage(), null,
                    "check that the folder is writable", e);
        }
        List<String> lines = new ArrayList<>();
        Map<String, Object> json = Json.object("written", target.toString());
        if (choice != null) {
            lines.addAll(choice.lines(target));
            json.putAll(choice.json());
        }
        // Stdout stays 0.1.1's one line; the template's comment beside machine_id says why it has a suffix.
        json.put("machine_id", machineId);
        lines.add("Config template written: " + target);
        return new SimpleReport(ExitStatus.OK, lines, json, List.of());
    }

    /**
     * Validates a config file without changing anything on disk (D10): types, enums, paths, overlaps, and that
     * the Codex home exists.
     */
    public Report validate(Invocation inv) {
        if (inv.configFile() == null && !Files.isRegularFile(DEFAULT_CONFIG)) {
            throw new InvalidInputException("no config file to validate: " + DEFAULT_CONFIG.toAbsolutePath()
                    + " does not exist", null, "pass -c FILE, or create one with `codexsync init-config`");
        }
        SyncConfig config = load(inv);
        Path local = config.paths().localStateDir();
        Map<String, Object> json = Json.object("config", config.sourceDescription(), "machine_id", config.machineId(),
                "local_state_dir", local.toString(), "cloud_root_dir", String.valueOf(config.paths().cloudRoot()),
                "backup_dir", String.valueOf(config.paths().backupDir()),
                "temp_dir", String.valueOf(config.paths().tempDir()),
                "manifest_file", String.valueOf(config.paths().manifestFile()),
                "include_roots", config.selection().includeRoots(), "warnings", config.warnings());
        return new SimpleReport(ExitStatus.OK, List.of("Config is valid."), json, new ArrayList<>(config.warnings()));
    }
}
