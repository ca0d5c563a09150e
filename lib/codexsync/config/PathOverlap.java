// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.config;

import codexsync.core.HostEnvironment.OperatingSystem;
import codexsync.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Refuses configurations whose folders nest (D8): a backup folder inside the cloud mirror gets synced and
 * pruned by the cloud, a mirror inside the Codex home syncs itself. Paths are compared as the OS sees them:
 * symlinks resolved, {@code \\?\} prefixes dropped, case folded on Windows and macOS.
 */
public final class PathOverlap {
    /** A named path; {@code file} entries (manifest, log) may share a folder with each other but not nest. */
    public record Named(String name, Path path, boolean file) {
    }

    private PathOverlap() {
    }

    public static void check(List<Named> paths, OperatingSystem os, String location) {
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                Named a = paths.get(i);
                Named b = paths.get(j);
                if (a.path() == null || b.path() == null) {
                    continue;
                }
                String ca = canonical(a.path(), os);
                String cb = canonical(b.path(), os);
                String verdict = null;
                if (ca.equals(cb)) {
                    verdict = a.name() + " and " + b.name() + " are the same path (" + a.path() + ")";
                } else if (!a.file() && inside(cb, ca)) {
                    verdict = b.name() + " (" + b.path() + ") is inside " + a.name() + " (" + a.path() + ")";
                } else if (!b.file() && inside(ca, cb)) {
                    verdict = a.name() + " (" + a.path() + ") is inside " + b.name() + " (" + b.path() + ")";
                }
                if (verdict != null) {
                    throw new InvalidInputException("overlapping paths: " + verdict, location,
                            "give the Codex home, cloud folder, backup folder, temp folder, base state file and log "
                                    + "file separate places, e.g. the workspace layout sync/, backups/, .tmp/, state/, logs/");
                }
            }
        }
    }

    static boolean inside(String child, String parent) {
        String p = parent.endsWith("/") ? parent : parent + "/";
        return child.startsWith(p);
    }

    /** The path as the file system resolves it: the existing prefix through toRealPath, the rest appended. */
    static String canonical(Path path, OperatingSystem os) {
        String text = path.toString();
        if (text.startsWith("\\\\?\\")) {
            text = text.substring(4);
        }
        Path p = Path.of(text).toAbsolutePath().normalize();
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        Path resolved = p;
        if (existing != null) {
            try {
                resolved = existing.toRealPath().resolve(existing.relativize(p)).normalize();
            } catch (IOException e) {
                resolved = p;
            }
        }
        String s = resolved.toString().replace('\\', '/');
        return os.caseInsensitivePaths() ? s.toLowerCase(Locale.ROOT) : s;
    }
}
