// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.config.LoggingOptions.ArchiveMode;
import codexsync.config.LoggingOptions.Format;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * CS-318: two real codexsync processes log into the same folder at the same time, with a 1 MB limit so both
 * rotate (and zip) several times. Every line of both must survive exactly once, every line of every file must
 * parse, and no file may hold lines of two processes (nobody wrote, rolled or zipped another's live file).
 */
class ConcurrentLoggingTest {
    private static final int LINES = 2500;
    private static final Pattern LINE = Pattern.compile("line (\\w+) (\\d+) Привет/日本語 x+");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"LOGFMT, ZIP", "JSON, TEXT"})
    void twoProcessesNeverTouchEachOthersFiles(Format format, ArchiveMode mode) throws Exception {
        Path dir = tmp.resolve("logs");
        Path base = dir.resolve("codexsync.log");
        List<Process> writers = new ArrayList<>();
        for (String tag : List.of("A", "B")) {
            writers.add(writer(base, format, mode, tag));
        }
        for (int i = 0; i < writers.size(); i++) {
            Process p = writers.get(i);
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "writer finished");
            assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("stderr-" + "AB".charAt(i) + ".txt")));
        }

        Map<String, Set<Integer>> seen = new HashMap<>(Map.of("A", new HashSet<>(), "B", new HashSet<>()));
        Set<String> slotsUsed = new HashSet<>();
        int files = 0;
        for (String name : LogFiles.names(dir)) {
            if (!name.startsWith("codexsync-machine-a-")) {
                continue;
            }
            files++;
            Path file = dir.resolve(name);
            List<String> lines = name.endsWith(".zip") ? LogFiles.zippedLines(file)
                    : Files.readAllLines(file, StandardCharsets.UTF_8);
            Set<String> writersInFile = new HashSet<>();
            for (String line : lines) {
                String message = LogLineParser.parse(format, line).get("message");
                Matcher m = LINE.matcher(message);
                assertTrue(m.matches(), name + ": unexpected record " + message);
                writersInFile.add(m.group(1));
                assertTrue(seen.get(m.group(1)).add(Integer.parseInt(m.group(2))), "duplicate line " + message);
            }
            assertEquals(1, writersInFile.size(), name + " was written by " + writersInFile);
            slotsUsed.add(name.contains(".w1.") ? "w1" : name.matches(".*-\\d{4}-\\d{2}-\\d{2}\\.\\d+\\.log(\\.zip)?")
                    ? "w0" : name);
            if (mode == ArchiveMode.TEXT) {
                assertTrue(!name.endsWith(".zip"), "text mode never zips: " + name);
            }
        }
        for (String tag : seen.keySet()) {
            assertEquals(LINES, seen.get(tag).size(), "every line of writer " + tag + " exactly once");
        }
        assertEquals(Set.of("w0", "w1"), slotsUsed, "one writer slot per live process");
        assertTrue(files >= 4, "both rotated by size: " + LogFiles.names(dir));
        if (mode == ArchiveMode.ZIP) {
            assertTrue(LogFiles.names(dir).stream().anyMatch(n -> n.endsWith(".log.zip")), LogFiles.names(dir).toString());
        }
    }

    private Process writer(Path base, Format format, ArchiveMode mode, String tag) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ConcurrentWriterFixture.class.getName(), base.toString(), "machine-a", format.name(), mode.name(), tag,
                String.valueOf(LINES), "900", "A,B");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(tmp.resolve("stderr-" + tag + ".txt").toFile());
        return pb.start();
    }
}
