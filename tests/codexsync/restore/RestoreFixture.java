// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.restore;

import codexsync.core.Json;
import codexsync.testsupport.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * A workspace (backups/, sync/, .tmp/), a Codex home and a config for restore tests, plus builders for snapshots:
 * folder or zip, with or without a codexsync manifest, and zips with raw (malicious) entry names.
 */
final class RestoreFixture {
    final Path root;
    final Path workspace;
    final Path home;
    final Path backups;
    final Path cloud;
    final Path config;

    RestoreFixture(Path root) throws IOException {
        this(root, "");
    }

    /** {@code extraToml}: more config lines (e.g. a [backup] table). */
    RestoreFixture(Path root, String extraToml) throws IOException {
        this.root = root;
        this.workspace = root.resolve("ws");
        this.home = root.resolve("home");
        this.backups = workspace.resolve("backups");
        this.cloud = workspace.resolve("sync");
        this.config = root.resolve("config.toml");
        Files.createDirectories(home);
        Files.createDirectories(backups);
        // The real Codex guard is exercised by its own tests; here Codex is declared closed so the runs reach restore
        // (RestoreServiceGuardTest checks restore calls the guard, with a fake).
        Files.writeString(config, """
                [identity]
                machine_id = "desk"
                [paths]
                workspace_root_dir = '%s'
                local_state_dir = '%s'
                [targets]
                include_roots = ["sessions", "skills", "auth.json", "history.jsonl", "state.sqlite"]
                [filters]
                exclude_globs = ["**/*.tmp"]
                [safety]
                require_codex_stopped = false
                %s
                """.formatted(workspace, home, extraToml));
    }

    CliRun.Result restore(String... args) {
        List<String> all = new ArrayList<>(List.of("restore", "-c", config.toString()));
        all.addAll(List.of(args));
        return CliRun.umbrella(all.toArray(String[]::new));
    }

    static Path write(Path file, String content, long mtimeSeconds) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtimeSeconds * 1000));
        return file;
    }

    /** A file to put in a snapshot: where it belongs, its content, and its side (null = no manifest record). */
    record F(String path, String content, String side) {
        static F legacy(String path, String content) {
            return new F(path, content, null);
        }
    }

    /** A folder snapshot; a manifest is written when any file has a side. */
    Path folderSnapshot(String name, long mtimeSeconds, F... files) throws IOException {
        Path dir = backups.resolve(name);
        for (F f : files) {
            write(dir.resolve(f.path()), f.content(), 1_700_000_000L);
        }
        if (Stream.of(files).anyMatch(f -> f.side() != null)) {
            Files.writeString(dir.resolve(".codexsync-snapshot.json"), manifest(files));
        }
        Files.setLastModifiedTime(dir, FileTime.fromMillis(mtimeSeconds * 1000));
        return dir;
    }

    /** A zip snapshot (deflated entries); a manifest entry is added when any file has a side. */
    Path zipSnapshot(String name, long mtimeSeconds, F... files) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (F f : files) {
            entries.put(f.path(), f.content().getBytes(StandardCharsets.UTF_8));
        }
        if (Stream.of(files).anyMatch(f -> f.side() != null)) {
            entries.put(".codexsync-snapshot.json", manifest(files).getBytes(StandardCharsets.UTF_8));
        }
        Path zip = rawZip(backups.resolve(name), entries, false);
        Files.setLastModifiedTime(zip, FileTime.fromMillis(mtimeSeconds * 1000));
        return zip;
    }

    /** A zip with entry names written exactly as given (no cleaning), as an attacker would craft it. */
    static Path rawZip(Path file, Map<String, byte[]> entries, boolean stored) throws IOException {
        Files.createDirectories(file.getParent());
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipArchiveEntry ze = new ZipArchiveEntry(e.getKey());
                ze.setLastModifiedTime(FileTime.fromMillis(1_700_000_000_000L));
                if (stored) {
                    ze.setMethod(ZipArchiveEntry.STORED);
                    ze.setSize(e.getValue().length);
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(e.getValue());
                    ze.setCrc(crc.getValue());
                }
                zip.putArchiveEntry(ze);
                zip.write(e.getValue());
                zip.closeArchiveEntry();
            }
        }
        return file;
    }

    private static String manifest(F... files) {
        List<Map<String, Object>> recs = new ArrayList<>();
        for (F f : files) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("path", f.path());
            r.put("entry", f.path());
            r.put("side", f.side() == null ? "local" : f.side());
            r.put("reason", "overwritten");
            r.put("size", f.content().getBytes(StandardCharsets.UTF_8).length);
            r.put("mtime_ns", 1_700_000_000_000_000_000L);
            r.put("sha256", sha256(f.content()));
            recs.add(r);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", "codexsync-backup-v1");
        doc.put("machine_id", "laptop");
        doc.put("created", "2026-01-01T00:00:00Z");
        doc.put("command", "sync --apply");
        doc.put("files", recs);
        return Json.write(doc);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every file and folder under {@code dir} (hidden ones included) with size and mtime, to prove nothing changed. */
    static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(dir)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String kind = Files.isDirectory(p) ? "dir" : Files.size(p) + "B";
                out.put(dir.relativize(p).toString(), kind + "@" + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return out;
    }

    /** The whole fixture (home, workspace) as one listing. */
    Map<String, String> everything() throws IOException {
        return tree(root);
    }
}
