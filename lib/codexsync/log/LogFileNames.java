// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.log;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of one machine's log files, derived from the {@code logging.file} base name: for
 * {@code <dir>/codexsync.log} and machine {@code machine-a}, writer slot 0 writes
 * {@code <dir>/codexsync-machine-a-2026-03-21.0.log}, {@code .1.log}, … (closed ones become
 * {@code .N.log.zip} in zip mode); slot k ≥ 1 (a second codexsync process running at the same time) writes
 * {@code codexsync-machine-a-2026-03-21.w1.0.log}, …; slot k's OS lock is {@code .codexsync-machine-a.wK.lock}.
 * A base name without an extension gets {@code .log}. docs/logging.md explains why each piece is there.
 */
final class LogFileNames {
    private final Path dir;
    private final String prefix;
    private final String suffix;
    private final Pattern ownFiles;

    LogFileNames(Path baseFile, String machineId) {
        Path absolute = baseFile.toAbsolutePath().normalize();
        this.dir = absolute.getParent();
        String name = absolute.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        this.suffix = dot > 0 ? name.substring(dot) : ".log";
        this.prefix = stem + "-" + machineId + "-";
        // Also matches 0.1.1's own names (no index: codexsync-machine-a-2026-03-21.log), so an upgrade's old
        // files fall under the same retention.
        this.ownFiles = Pattern.compile(Pattern.quote(prefix) + "(\\d{4}-\\d{2}-\\d{2})(?:\\.w(\\d+))?(?:\\.(\\d+))?"
                + Pattern.quote(suffix) + "(\\.zip)?");
    }

    Path dir() {
        return dir;
    }

    /** Logback's fileNamePattern for a writer slot, with {@code .zip} appended when closed files are zipped. */
    String logbackPattern(int slot, boolean zip) {
        String slotPart = slot == 0 ? "" : ".w" + slot;
        String pattern = dir.resolve(prefix).toString().replace('\\', '/').replace("%", "\\%")
                + "%d{yyyy-MM-dd}" + slotPart + ".%i" + suffix;
        return zip ? pattern + ".zip" : pattern;
    }

    Path lockFile(int slot) {
        return dir.resolve("." + prefix.substring(0, prefix.length() - 1) + ".w" + slot + ".lock");
    }

    /** One of this machine's log files (any slot, plain or zipped), parsed from its name. */
    record LogFile(Path path, LocalDate date, int slot, boolean zipped) {
    }

    Optional<LogFile> parse(Path file) {
        Matcher m = ownFiles.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        LocalDate date;
        try {
            date = LocalDate.parse(m.group(1));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
        int slot = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        return Optional.of(new LogFile(file, date, slot, m.group(4) != null));
    }
}
