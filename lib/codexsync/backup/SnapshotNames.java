// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Snapshot names as docs/backup-format.md defines them: {@code <machine_id>-<yyyyMMdd'T'HHmmss'Z'>}, then
 * {@code -2}, {@code -3} … when taken, plus {@code .zip} in zip mode. The time is the UTC start of the run.
 */
public final class SnapshotNames {
    public static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("^(.+)-(\\d{8}T\\d{6}Z)(?:-(\\d+))?(\\.zip)?$");

    private SnapshotNames() {
    }

    /** What a snapshot's name says: the machine that wrote it and when its run started. */
    public record Parsed(String machineId, Instant created) {
    }

    /** The base name (without {@code -N} or {@code .zip}) for a run of {@code machineId} started at {@code start}. */
    public static String baseName(String machineId, Instant start) {
        return machineId + "-" + STAMP.format(start);
    }

    /** Machine and time from a name, or empty when the name does not follow the pattern (e.g. a hand-made folder). */
    public static Optional<Parsed> parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDateTime t = LocalDateTime.parse(m.group(2), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
            return Optional.of(new Parsed(m.group(1), t.toInstant(ZoneOffset.UTC)));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
