// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.log;

import codexsync.config.LoggingOptions;
import codexsync.config.LoggingOptions.ArchiveMode;
import codexsync.config.LoggingOptions.Format;
import codexsync.config.LoggingOptions.Level;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A second (and third) real codexsync-logging process for {@link ConcurrentLoggingTest}: configures logging
 * through {@link LogSetup} exactly as a run does and logs numbered lines, big enough to force size rotations.
 * Arguments: base log file, machine id, format, archive mode, writer tag, line count, padding length, and the
 * tags of all writers: each writes {@code ready-<tag>} once its logging is set up and starts logging only when
 * every writer is ready, so the processes really log at the same time.
 */
public final class ConcurrentWriterFixture {
    private ConcurrentWriterFixture() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        String machine = args[1];
        Format format = Format.valueOf(args[2]);
        ArchiveMode mode = ArchiveMode.valueOf(args[3]);
        String tag = args[4];
        int lines = Integer.parseInt(args[5]);
        String padding = "x".repeat(Integer.parseInt(args[6]));
        LogSetup.configure(new LoggingOptions(Level.INFO, base, format, 7, mode, 1), machine, false, true);
        Path sync = base.toAbsolutePath().getParent().resolveSibling("ready");
        java.nio.file.Files.createDirectories(sync);
        java.nio.file.Files.writeString(sync.resolve(tag), "ready");
        long deadline = System.currentTimeMillis() + 60_000;
        for (String other : args[7].split(",")) {
            while (!java.nio.file.Files.exists(sync.resolve(other)) && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        }
        Logger log = LoggerFactory.getLogger("codexsync.test.writer");
        for (int i = 0; i < lines; i++) {
            log.info("line {} {} Привет/日本語 {}", tag, i, padding);
        }
        LogSetup.stop();
    }
}
