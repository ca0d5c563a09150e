// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.config.LoggingOptions;
import codexsync.config.LoggingOptions.ArchiveMode;
import codexsync.config.LoggingOptions.Format;
import codexsync.config.LoggingOptions.Level;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Each format written to the log file and read back: fields, level names, UTF-8, escaping, secret masking. */
class LogFormatTest {
    @TempDir
    Path tmp;

    @AfterEach
    void restoreConsoleLogging() {
        LogSetup.console(false);
    }

    private List<Map<String, String>> logAndReadBack(Format format, Level level, Runnable logging) throws IOException {
        Path base = tmp.resolve("logs/codexsync.log");
        Path active = LogSetup.configure(new LoggingOptions(level, base, format, 7, ArchiveMode.ZIP, 10),
                "machine-a", false, true).orElseThrow();
        assertEquals("codexsync-machine-a-" + LocalDate.now() + ".0.log", active.getFileName().toString());
        logging.run();
        LogSetup.console(false);
        return LogLineParser.parseAll(format, Files.readAllLines(active, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void writesTheFourFieldsWithNonAsciiPathsKeptAsUtf8(Format format) throws IOException {
        Logger log = LoggerFactory.getLogger("codexsync.sync");
        String path = "sessions/Привет/日本語-ü.jsonl";
        List<Map<String, String>> records = logAndReadBack(format, Level.DEBUG, () -> {
            log.debug("scanning {}", path);
            log.info("copied {} to the cloud", path);
            log.warn("skipped \"{}\" \\ because it is open", path);
            log.error("failed:\nsecond line");
        });
        assertEquals(4, records.size(), records.toString());
        assertEquals(List.of("DEBUG", "INFO", "WARNING", "ERROR"), records.stream().map(r -> r.get("level")).toList());
        assertEquals("codexsync.sync", records.get(1).get("logger"));
        assertEquals("copied " + path + " to the cloud", records.get(1).get("message"));
        // json and logfmt keep quotes, backslashes and newlines inside one line and give them back exactly;
        // text writes them as they are (a newline continues the record on the next line, as in 0.1.1).
        assertEquals("skipped \"" + path + "\" \\ because it is open", records.get(2).get("message"));
        assertEquals("failed:\nsecond line", records.get(3).get("message"));
        String raw = Files.readString(tmp.resolve("logs/codexsync-machine-a-" + LocalDate.now() + ".0.log"),
                StandardCharsets.UTF_8);
        assertTrue(raw.contains("Привет/日本語-ü"), "non-ASCII written as itself, not escaped:\n" + raw);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void levelFromConfigFiltersRecords(Format format) throws IOException {
        Logger log = LoggerFactory.getLogger("codexsync.plan");
        List<Map<String, String>> records = logAndReadBack(format, Level.WARNING, () -> {
            log.debug("debug");
            log.info("info");
            log.warn("warning");
            log.error("error");
        });
        assertEquals(List.of("WARNING", "ERROR"), records.stream().map(r -> r.get("level")).toList());
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void verboseForcesDebug(Format format) throws IOException {
        Path base = tmp.resolve("logs/codexsync.log");
        Path active = LogSetup.configure(new LoggingOptions(Level.ERROR, base, format, 7, ArchiveMode.TEXT, 10),
                "machine-a", true, true).orElseThrow();
        LoggerFactory.getLogger("codexsync.plan").debug("details");
        LogSetup.console(false);
        List<String> lines = Files.readAllLines(active, StandardCharsets.UTF_8);
        assertEquals(1, lines.size(), lines.toString());
        assertEquals("DEBUG", LogLineParser.parse(format, lines.get(0)).get("level"));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void tokensNeverReachTheFile(Format format) throws IOException {
        Logger log = LoggerFactory.getLogger("codexsync.scan");
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEyMyJ9.c2lnbmF0dXJlLXZhbHVl";
        List<Map<String, String>> records = logAndReadBack(format, Level.INFO, () -> {
            log.info("auth header Authorization: Bearer abcdef0123456789xyz");
            log.info("read {\"access_token\": \"secret-value-1\", \"refresh_token\": \"secret-value-2\"}");
            log.info("env OPENAI_API_KEY=sk-proj-AAAABBBBCCCCDDDDEEEEFFFF");
            log.info("id {}", jwt);
            log.error("failed", new IllegalStateException("bad token=secret-value-3"));
        });
        String all = records.toString();
        for (String secret : List.of("abcdef0123456789xyz", "secret-value-1", "secret-value-2",
                "AAAABBBBCCCCDDDDEEEEFFFF", jwt, "secret-value-3")) {
            assertFalse(all.contains(secret), secret + " leaked: " + all);
        }
        assertTrue(records.get(1).get("message").contains("\"access_token\": \"***\""), all);
        assertTrue(records.get(4).get("message").contains("IllegalStateException"), "stack trace kept: " + all);
    }
}
