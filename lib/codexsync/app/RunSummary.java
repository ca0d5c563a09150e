// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one summary line every writing run ({@code sync}, {@code restore}, dry run or apply) logs at INFO on the
 * logger {@code codexsync.summary}, so a scheduled run can be audited from the log file alone:
 * <pre>summary command=sync mode=apply copied=3 backed_up=2 skipped=1 conflicts=0 deleted=0 bytes=4096 seconds=1.250 exit=0</pre>
 * The field names, their order and the number formats (integers, seconds with three decimals and a dot) are a
 * stable contract: log readers parse this line.
 *
 * @param command  {@code sync} or {@code restore}
 * @param dryRun   true for a dry run ({@code mode=dry-run}), false for {@code --apply} ({@code mode=apply})
 * @param copied   files copied (or that would be copied in a dry run)
 * @param backedUp files backed up before being overwritten or deleted
 * @param skipped  files left alone (unchanged, excluded by direction, ...)
 * @param conflicts unresolved conflicts
 * @param deleted  files deleted
 * @param bytes    bytes copied
 * @param seconds  wall-clock duration of the run
 * @param exit     the exit code the run ends with
 */
public record RunSummary(String command, boolean dryRun, long copied, long backedUp, long skipped, long conflicts,
                         long deleted, long bytes, double seconds, int exit) {
    /** The logger name log readers filter on. */
    public static final String LOGGER = "codexsync.summary";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    /** The summary line, exactly as logged. */
    public String line() {
        return String.format(Locale.ROOT,
                "summary command=%s mode=%s copied=%d backed_up=%d skipped=%d conflicts=%d deleted=%d bytes=%d "
                        + "seconds=%.3f exit=%d",
                command, dryRun ? "dry-run" : "apply", copied, backedUp, skipped, conflicts, deleted, bytes, seconds,
                exit);
    }

    /** Logs {@link #line()} at INFO on {@value #LOGGER}. */
    public void log() {
        LOG.info(line());
    }
}
