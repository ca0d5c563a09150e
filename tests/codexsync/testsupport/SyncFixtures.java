// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Test fixtures for the sync engine's writing half: files with chosen mtimes, configs for one machine of a
 * two-machine setup, whole-tree listings (to prove "writes nothing"), and a deterministic Codex-home generator in
 * Java (CI has no /work/shared, so the Python generator is never required).
 */
public final class SyncFixtures {
    /** A fixed point in time so mtimes are reproducible: 2026-01-01T00:00:00Z. */
    public static final long T0 = 1_767_225_600L;

    private SyncFixtures() {
    }

    public static Path write(Path root, String rel, String content, long epochSeconds) {
        try {
            Path f = root.resolve(rel);
            Files.createDirectories(f.getParent());
            Files.writeString(f, content, StandardCharsets.UTF_8);
            Files.setLastModifiedTime(f, FileTime.fromMillis(epochSeconds * 1000));
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path root, String rel) {
        try {
            return Files.readString(root.resolve(rel), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A config for machine {@code machineId}: its own Codex home, the shared workspace; Codex detection is off
     * ({@code safety.require_codex_stopped = false}) so these tests never depend on which processes run on the
     * test machine — the guard's own tests cover detection, and SyncServiceTest injects a fake guard. {@code extraToml} is appended inside the tables named
     * in it, e.g. {@code Map.of("sync", "delete_policy = \"propagate\"")}; {@code "targets"} replaces the default
     * include roots, and {@code "logging"} adds a {@code [logging]} table.
     */
    public static Path config(Path file, String machineId, Path local, Path workspace, Map<String, String> extra) {
        StringBuilder sb = new StringBuilder();
        sb.append("[identity]\nmachine_id = \"").append(machineId).append("\"\n\n");
        sb.append("[sync]\n").append(extra.getOrDefault("sync", "")).append("\n\n");
        sb.append("[paths]\nworkspace_root_dir = \"").append(slash(workspace)).append("\"\n");
        sb.append("local_state_dir = \"").append(slash(local)).append("\"\n");
        sb.append("cloud_root_dir = \"${workspace_root}/sync\"\nbackup_dir = \"${workspace_root}/backups\"\n");
        sb.append("temp_dir = \"${workspace_root}/.tmp\"\n\n");
        sb.append("[targets]\n").append(extra.getOrDefault("targets",
                "include_roots = [\"sessions\", \"skills\", \"history.jsonl\"]")).append("\n\n");
        if (extra.containsKey("logging")) {
            sb.append("[logging]\n").append(extra.get("logging")).append("\n\n");
        }
        sb.append("[conflict]\n").append(extra.getOrDefault("conflict", "")).append("\n\n");
        sb.append("[backup]\n").append(extra.getOrDefault("backup", "")).append("\n\n");
        sb.append("[safety]\nrequire_codex_stopped = false\n\n");
        sb.append("[state]\nmanifest_file = \"${workspace_root}/state/manifest.json\"\n");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static String slash(Path p) {
        return p.toAbsolutePath().toString().replace('\\', '/');
    }

    /** Every file and folder under {@code root} with a content hash (files) or "dir": equal maps = nothing changed. */
    public static SortedMap<String, String> tree(Path root) {
        SortedMap<String, String> m = new TreeMap<>();
        if (!Files.exists(root)) {
            return m;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(p -> {
                String rel = root.relativize(p).toString().replace('\\', '/');
                try {
                    m.put(rel, Files.isDirectory(p) ? "dir" : sha(Files.readAllBytes(p)) + "@"
                            + Files.getLastModifiedTime(p).toMillis());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    /** Relative path → content of every regular file under {@code root}. */
    public static SortedMap<String, String> contents(Path root) {
        SortedMap<String, String> m = new TreeMap<>();
        if (!Files.exists(root)) {
            return m;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(p -> m.put(root.relativize(p).toString().replace('\\', '/'),
                    readUnchecked(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    private static String readUnchecked(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Generates a synthetic Codex home with {@code files} files under the include roots of {@link #config}:
     * dated session files (a few KB of JSON lines), skills and history.jsonl, deterministic for a seed.
     */
    public static void generateHome(Path root, int files, long seed) {
        Random r = new Random(seed);
        write(root, "history.jsonl", lines(r, 20), T0);
        for (int i = 0; i < files - 1; i++) {
            String rel;
            if (i % 10 == 9) {
                rel = "skills/skill-" + (i / 10) + "/SKILL.md";
            } else {
                int day = 1 + (i / 40) % 28;
                rel = String.format("sessions/2026/01/%02d/rollout-%05d.jsonl", day, i);
            }
            write(root, rel, lines(r, 2 + r.nextInt(20)), T0 + i);
        }
    }

    private static String lines(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("{\"type\":\"message\",\"seq\":").append(i).append(",\"text\":\"")
                    .append(Long.toHexString(r.nextLong())).append(Long.toHexString(r.nextLong())).append("\"}\n");
        }
        return sb.toString();
    }
}
