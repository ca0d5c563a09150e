// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.log;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Test helper: the log files in a folder and their lines, zipped ones opened with java.util.zip. */
final class LogFiles {
    private LogFiles() {
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Every line of every plain or zipped log file in {@code dir} whose name starts with {@code prefix}. */
    static List<String> allLines(Path dir, String prefix) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String name : names(dir)) {
            if (!name.startsWith(prefix)) {
                continue;
            }
            Path p = dir.resolve(name);
            if (name.endsWith(".zip")) {
                lines.addAll(zippedLines(p));
            } else {
                lines.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    static List<String> zippedLines(Path zip) throws IOException {
        List<String> lines = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            int entries = 0;
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries++;
                String text = new String(readAll(in), StandardCharsets.UTF_8);
                lines.addAll(text.lines().toList());
            }
            if (entries != 1) {
                throw new IOException(zip + " has " + entries + " entries, expected exactly one");
            }
        }
        return lines;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
