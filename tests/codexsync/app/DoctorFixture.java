// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A workspace and Codex home under a temp folder with a config file for doctor tests, plus a tree listing. */
final class DoctorFixture {
    final Path root;
    final Path local;
    final Path workspace;
    final Path config;

    DoctorFixture(Path root, String processNames) throws IOException {
        this.root = root;
        this.local = root.resolve("home/.codex");
        this.workspace = root.resolve("ws");
        Files.createDirectories(local.resolve("sessions/2026/01/01"));
        Files.writeString(local.resolve("sessions/2026/01/01/rollout.jsonl"), "{}\n");
        Files.writeString(local.resolve("auth.json"), "{\"token\":\"secret\"}");
        Files.createDirectories(workspace.resolve("sync/sessions"));
        Files.createDirectories(workspace.resolve("backups"));
        Files.createDirectories(workspace.resolve(".tmp"));
        Files.createDirectories(workspace.resolve("state"));
        this.config = root.resolve("config.toml");
        Files.writeString(config, String.join("\n",
                "[identity]", "machine_id = \"doctor-test\"",
                "[paths]", "workspace_root_dir = \"" + toml(workspace) + "\"",
                "local_state_dir = \"" + toml(local) + "\"",
                "cloud_root_dir = \"${workspace_root}/sync\"", "backup_dir = \"${workspace_root}/backups\"",
                "temp_dir = \"${workspace_root}/.tmp\"",
                "[targets]", "include_roots = [\"sessions\"]",
                "[state]", "manifest_file = \"${workspace_root}/state/manifest.json\"",
                "[process_detection]", "process_names = [" + processNames + "]", ""), StandardCharsets.UTF_8);
    }

    static String toml(Path p) {
        return p.toString().replace("\\", "/");
    }

    /** Every file and folder with its size and mtime, to prove doctor changed nothing. */
    List<String> listing() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted().toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                out.add(root.relativize(p) + " dir=" + a.isDirectory() + " size=" + (a.isDirectory() ? 0 : a.size())
                        + " mtime=" + a.lastModifiedTime());
            }
        }
        return out;
    }
}
