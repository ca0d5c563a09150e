// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Snapshot names (docs/backup-format.md): {@code <machine_id>-<yyyyMMdd'T'HHmmss'Z'>[-N][.zip]}. The pattern is
 * anchored and built from one exact machine id, so pruning can never match another machine's snapshots
 * ({@code laptop} never matches {@code laptop-2-…}) or an unrelated folder.
 */
public final class SnapshotNames {
    public static final String ZIP_SUFFIX = ".zip";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private SnapshotNames() {
    }

    /** The base name of the snapshot of a run that started at {@code start} (UTC, whole seconds). */
    public static String baseName(String machineId, Instant start) {
        return machineId + "-" + STAMP.format(start.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    /**
     * Any machine's snapshot name. Machine ids may contain '-', so the greedy machine group leaves the timestamp
     * (and the optional sequence and {@code .zip}) to be matched from the right end of the name.
     */
    private static final Pattern ANY_MACHINE =
            Pattern.compile("^(.+)-(\\d{8}T\\d{6}Z)(?:-(\\d+))?(\\.zip)?$", Pattern.DOTALL);

    /** A parsed snapshot name: whose it is, when its run started, its sequence (1 when none) and its form. */
    public record Parsed(String name, String machineId, Instant time, int sequence, boolean zip) {
    }

    /**
     * Parses {@code fileName} when it is exactly one of {@code machineId}'s snapshot names
     * ({@code ^<machine_id>-\d{8}T\d{6}Z(-\d+)?(\.zip)?$}); another machine's name never matches, even one that
     * starts with this id ({@code laptop} never matches {@code laptop-2-…}).
     */
    public static Optional<Parsed> parse(String machineId, String fileName) {
        return parse(fileName).filter(p -> p.machineId().equals(machineId));
    }

    /**
     * Parses {@code fileName} when it is a snapshot name of any machine. The timestamp can only be the last one
     * in the name (what follows it is at most {@code -<digits>} and {@code .zip}), so the machine id is exactly
     * everything before it, and a name matches {@link #parse(String, String)} for that id and no other.
     */
    public static Optional<Parsed> parse(String fileName) {
        Matcher m = ANY_MACHINE.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            Instant t = LocalDateTime.parse(m.group(2), STAMP).toInstant(ZoneOffset.UTC);
            int seq = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
            return Optional.of(new Parsed(fileName, m.group(1), t, seq, m.group(4) != null));
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return Optional.empty(); // e.g. month 13: not a name codexsync wrote, so not ours to prune
        }
    }
}
