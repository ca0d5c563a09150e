// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Test seam: makes chosen paths behave like a file another program holds open on Windows ("being used by another
 * process"), so the real retry-and-report path of {@link AtomicFiles} runs on Linux and macOS too, where an open
 * file never blocks a rename and root ignores read-only folders. Off (null) unless a test switches it on.
 */
public final class InUseSimulation {
    private static volatile Predicate<Path> lockedPaths;

    private InUseSimulation() {
    }

    /** Simulates a lock on every path the predicate accepts; {@code null} switches the simulation off. */
    public static void lock(Predicate<Path> paths) {
        lockedPaths = paths;
    }

    static void check(Path path) throws FileSystemException {
        Predicate<Path> p = lockedPaths;
        if (p != null && p.test(path.toAbsolutePath().normalize())) {
            // The exact reason Windows gives for ERROR_SHARING_VIOLATION, which AtomicFiles treats as transient.
            throw new FileSystemException(path.toString(), null,
                    "The process cannot access the file because it is being used by another process");
        }
    }
}
