// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.log;

import ch.qos.logback.core.Context;
import ch.qos.logback.core.rolling.helper.CompressionMode;
import ch.qos.logback.core.rolling.helper.Compressor;
import codexsync.fs.AtomicFiles;
import codexsync.fs.ExclusiveLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What Logback's rolling policy does not do at start-up, done under the same ownership rule as the writing
 * itself: a slot's files are touched only by the process holding that slot's lock.
 * <ul>
 *   <li>zip mode: plain files of earlier days (left by a run that ended before midnight, or by 0.1.1) are zipped
 *       with Logback's own {@link Compressor} — Logback zips only files it closes itself;</li>
 *   <li>retention: files dated before today − {@code retention_days} are deleted even when older than the 32 days
 *       Logback's cleaner looks back.</li>
 * </ul>
 * Another machine's files never match this machine's names and are never touched. Files of a slot another live
 * process holds are skipped; they are handled by whoever next owns that slot.
 */
final class LogHousekeeping {
    private final LogFileNames names;
    private final boolean zip;
    private final int retentionDays;
    private final Context context;

    LogHousekeeping(LogFileNames names, boolean zip, int retentionDays, Context context) {
        this.names = names;
        this.zip = zip;
        this.retentionDays = retentionDays;
        this.context = context;
    }

    /** Tidies every slot this process owns or can briefly lock; {@code mySlot}'s lock is already held. */
    void run(int mySlot, LocalDate today) throws IOException {
        Map<Integer, List<LogFileNames.LogFile>> bySlot = new TreeMap<>();
        try (Stream<Path> files = Files.list(names.dir())) {
            files.filter(Files::isRegularFile).map(names::parse).flatMap(Optional::stream)
                    .forEach(f -> bySlot.computeIfAbsent(f.slot(), k -> new ArrayList<>()).add(f));
        }
        for (Map.Entry<Integer, List<LogFileNames.LogFile>> e : bySlot.entrySet()) {
            int slot = e.getKey();
            if (slot == mySlot) {
                tidy(e.getValue(), today);
                continue;
            }
            Optional<ExclusiveLock> lock = ExclusiveLock.tryAcquire(names.lockFile(slot));
            if (lock.isEmpty()) {
                continue; // a live process writes this slot: its files are not ours to touch
            }
            try (ExclusiveLock held = lock.get()) {
                tidy(e.getValue(), today);
            }
        }
    }

    private void tidy(List<LogFileNames.LogFile> files, LocalDate today) throws IOException {
        LocalDate oldestKept = today.minusDays(retentionDays);
        for (LogFileNames.LogFile f : files) {
            if (retentionDays > 0 && f.date().isBefore(oldestKept)) {
                AtomicFiles.delete(f.path());
            } else if (zip && !f.zipped() && f.date().isBefore(today)) {
                // Only earlier days: today's files of this slot are Logback's (it appends to the newest one).
                Path target = f.path().resolveSibling(f.path().getFileName() + ".zip");
                if (!Files.exists(target)) {
                    Compressor compressor = new Compressor(CompressionMode.ZIP);
                    compressor.setContext(context);
                    compressor.compress(f.path().toString(), target.toString(), f.path().getFileName().toString());
                }
            }
        }
    }
}
