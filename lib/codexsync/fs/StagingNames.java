// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of codexsync's own staging files. They live beside their destination so the final move is a same-folder
 * rename; scanners skip them and recovery can find and remove them. During a writing run the name carries the
 * machine id ({@code .<name>.codexsync-<machine_id>-<hex>.tmp}, D27): in the shared cloud mirror another machine's
 * staging file arrives through the cloud client and looks like a leftover, and only its owner can tell that it is.
 * Outside a run (and in files written by older versions) the name has no owner: {@code .<name>.codexsync-<hex>.tmp}.
 */
public final class StagingNames {
    private static final Pattern STAGING =
            Pattern.compile("^\\..+\\.codexsync-(?:([A-Za-z0-9._-]+)-)?[0-9a-f]{12}\\.tmp$");
    /** Every staging name ends so; a scan tests this before the pattern, so most names never reach a regex. */
    private static final String SUFFIX = ".tmp";
    /**
     * The machine whose writing run this process is doing, or null. Process-wide because the staging name is made deep
     * inside every writer (copies, backups, the lock, the state file) and a process runs one command for one machine;
     * it is set only for the span of a run ({@link #ownedBy}), so names made outside a run stay owner-less.
     */
    private static volatile String owner;

    /** Restores the previous owner when a writing run ends. */
    public interface OwnerScope extends AutoCloseable {
        @Override
        void close();
    }

    private StagingNames() {
    }

    /**
     * Makes every staging name created until {@link OwnerScope#close} carry {@code machineId} (already sanitised to
     * {@code [A-Za-z0-9._-]}, so a name stays parseable).
     */
    public static OwnerScope ownedBy(String machineId) {
        String previous = owner;
        owner = machineId;
        return () -> owner = previous;
    }

    public static Path stagingFor(Path destination) {
        byte[] b = new byte[6];
        Random.SOURCE.nextBytes(b);
        String who = owner;
        String name = "." + destination.getFileName() + ".codexsync-" + (who == null ? "" : who + "-")
                + HexFormat.of().formatHex(b) + ".tmp";
        return destination.resolveSibling(name);
    }

    public static boolean isStaging(String fileName) {
        return fileName.startsWith(".") && fileName.endsWith(SUFFIX) && STAGING.matcher(fileName).matches();
    }

    /** The machine id a staging file name carries; empty for an owner-less (or older) name or a non-staging name. */
    public static Optional<String> ownerOf(String fileName) {
        Matcher m = STAGING.matcher(fileName);
        return m.matches() ? Optional.ofNullable(m.group(1)) : Optional.empty();
    }

    /**
     * Seeded on first use, not when the class loads: every scan asks {@link #isStaging} of each name, and a read-only
     * run must not pay for setting up the security providers it never needs.
     */
    private static final class Random {
        static final SecureRandom SOURCE = new SecureRandom();
    }
}
