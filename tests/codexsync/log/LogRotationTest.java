// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import codexsync.config.LoggingOptions;
import codexsync.config.LoggingOptions.ArchiveMode;
import codexsync.config.LoggingOptions.Format;
import codexsync.config.LoggingOptions.Level;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** 0.1.1's test_logging_setup.py scenarios, plus midnight rotation and other machines' files. */
class LogRotationTest {
    private static final String TODAY = LocalDate.now().toString();
    private static final String PREFIX = "codexsync-machine-a-";

    @TempDir
    Path tmp;
    Path dir;

    @AfterEach
    void restoreConsoleLogging() {
        LogSetup.console(false);
    }

    private void logRecords(ArchiveMode mode, int count, int size) throws IOException {
        dir = tmp.resolve("logs");
        Files.createDirectories(dir);
        for (String old : List.of(PREFIX + "2000-01-01.log", PREFIX + "2000-01-01.log.zip", PREFIX + "2000-01-02.3.log",
                "codexsync-machine-b-2000-01-01.log", "codexsync-machine-b-2000-01-01.0.log.zip", "notes.txt")) {
            Files.writeString(dir.resolve(old), "old\n");
        }
        LogSetup.configure(new LoggingOptions(Level.INFO, dir.resolve("codexsync.log"), Format.TEXT, 7, mode, 1),
                "machine-a", false, true);
        Logger log = LoggerFactory.getLogger("codexsync.test");
        String padding = "r".repeat(size);
        for (int i = 0; i < count; i++) {
            log.info("record {} {}", i, padding);
        }
        LogSetup.stop();
    }

    private List<String> ours() throws IOException {
        return LogFiles.names(dir).stream().filter(n -> n.startsWith(PREFIX)).toList();
    }

    @Test
    void zipModeKeepsOneActiveFileUnderTheLimitAndZipsTheRest() throws IOException {
        logRecords(ArchiveMode.ZIP, 90, 20_000);
        List<String> names = ours();
        List<String> plain = names.stream().filter(n -> n.endsWith(".log")).toList();
        List<String> zips = names.stream().filter(n -> n.endsWith(".log.zip")).toList();
        assertEquals(1, plain.size(), "one active file: " + names);
        assertTrue(plain.get(0).startsWith(PREFIX + TODAY + "."), names.toString());
        // Logback rolls when the file has passed the limit, so the active file holds at most one record more.
        assertTrue(Files.size(dir.resolve(plain.get(0))) <= 1024 * 1024 + 21_000, names.toString());
        assertTrue(zips.size() >= 1, names.toString());
        assertTrue(zips.stream().allMatch(n -> n.matches(PREFIX + TODAY + "\\.\\d+\\.log\\.zip")), names.toString());
        List<String> lines = LogFiles.allLines(dir, PREFIX + TODAY);
        for (int i = 0; i < 90; i++) {
            String marker = " record " + i + " ";
            assertEquals(1, lines.stream().filter(l -> l.contains(marker)).count(), "record " + i + " once");
        }
    }

    @Test
    void textModeKeepsRotatedFilesPlain() throws IOException {
        logRecords(ArchiveMode.TEXT, 90, 20_000);
        List<String> names = ours();
        assertTrue(names.stream().filter(n -> n.endsWith(".log")).count() >= 2, names.toString());
        assertTrue(names.stream().noneMatch(n -> n.endsWith(".zip")), names.toString());
        assertTrue(names.contains(PREFIX + TODAY + ".0.log") && names.contains(PREFIX + TODAY + ".1.log"),
                names.toString());
    }

    @Test
    void retentionDeletesOnlyThisMachinesOldFiles() throws IOException {
        logRecords(ArchiveMode.ZIP, 3, 10);
        List<String> all = LogFiles.names(dir);
        assertTrue(all.stream().noneMatch(n -> n.startsWith(PREFIX + "2000-")), all.toString());
        assertTrue(all.containsAll(List.of("codexsync-machine-b-2000-01-01.log",
                "codexsync-machine-b-2000-01-01.0.log.zip", "notes.txt")), "others untouched: " + all);
        assertEquals("old\n", Files.readString(dir.resolve("codexsync-machine-b-2000-01-01.log")));
    }

    @Test
    void retentionZeroKeepsEverythingAndEarlierDaysGetZipped() throws IOException {
        dir = tmp.resolve("logs");
        Files.createDirectories(dir);
        String yesterday = LocalDate.now().minusDays(1).toString();
        Files.writeString(dir.resolve(PREFIX + "2000-01-01.log"), "ancient\n");
        Files.writeString(dir.resolve(PREFIX + yesterday + ".0.log"), "left by a run before midnight\n");
        LogSetup.configure(new LoggingOptions(Level.INFO, dir.resolve("codexsync.log"), Format.TEXT, 0,
                ArchiveMode.ZIP, 1), "machine-a", false, true);
        LogSetup.stop();
        List<String> names = LogFiles.names(dir);
        assertTrue(names.contains(PREFIX + "2000-01-01.log.zip"), names.toString());
        assertTrue(names.contains(PREFIX + yesterday + ".0.log.zip"), names.toString());
        assertFalse(names.contains(PREFIX + yesterday + ".0.log"), names.toString());
        assertEquals(List.of("left by a run before midnight"),
                LogFiles.zippedLines(dir.resolve(PREFIX + yesterday + ".0.log.zip")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void midnightStartsTheNextDaysFileAndZipsTheClosedOne() throws IOException {
        dir = tmp.resolve("logs");
        LogSetup.configure(new LoggingOptions(Level.INFO, dir.resolve("codexsync.log"), Format.JSON, 7,
                ArchiveMode.ZIP, 10), "machine-a", false, true);
        Logger log = LoggerFactory.getLogger("codexsync.test");
        log.info("before midnight");
        // Logback's own clock hook: the rolling policy reads "now" from its triggering policy, so setting it
        // to just after the next midnight makes the next record cross the day boundary as it would at night.
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        RollingFileAppender<ILoggingEvent> file = (RollingFileAppender<ILoggingEvent>)
                ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(LogSetup.FILE_APPENDER);
        LocalDate tomorrow = LocalDate.now().plusDays(1);
        long justAfterMidnight = tomorrow.atStartOfDay(ZoneId.systemDefault()).toInstant().toEpochMilli() + 1000;
        ((TimeBasedRollingPolicy<ILoggingEvent>) file.getRollingPolicy()).getTimeBasedFileNamingAndTriggeringPolicy()
                .setCurrentTime(justAfterMidnight);
        log.info("after midnight");
        LogSetup.stop();
        List<String> names = ours();
        assertTrue(names.contains(PREFIX + TODAY + ".0.log.zip"), names.toString());
        assertTrue(names.contains(PREFIX + tomorrow + ".0.log"), names.toString());
        assertTrue(LogFiles.zippedLines(dir.resolve(PREFIX + TODAY + ".0.log.zip")).get(0).contains("before midnight"));
        String next = Files.readString(dir.resolve(PREFIX + tomorrow + ".0.log"), StandardCharsets.UTF_8);
        assertTrue(next.contains("after midnight") && !next.contains("before midnight"), next);
    }

    @Test
    void aBaseNameWithoutExtensionGetsDotLog() throws IOException {
        dir = tmp.resolve("logs");
        Path active = LogSetup.configure(new LoggingOptions(Level.INFO, dir.resolve("sync-log"), Format.TEXT, 7,
                ArchiveMode.ZIP, 10), "machine-a", false, true).orElseThrow();
        assertEquals("sync-log-machine-a-" + TODAY + ".0.log", active.getFileName().toString());
    }
}
