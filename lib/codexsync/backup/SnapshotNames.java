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

    /** A parsed name of one of this machine's snapshots. */
    public record Parsed(String name, Instant time, int sequence, boolean zip) {
    }

    /** Parses {@code fileName} when it is exactly one of {@code machineId}'s snapshot names. */
    public static Optional<Parsed> parse(String machineId, String fileName) {
        Pattern p = Pattern.compile("^" + Pattern.quote(machineId) + "-(\\d{8}T\\d{6}Z)(?:-(\\d+))?(\\.zip)?$");
        Matcher m = p.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            Instant t = LocalDateTime.parse(m.group(1), STAMP).toInstant(ZoneOffset.UTC);
            int seq = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            return Optional.of(new Parsed(fileName, t, seq, m.group(3) != null));
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return Optional.empty(); // e.g. month 13: not a name codexsync wrote, so not ours to prune
        }
    }
}
