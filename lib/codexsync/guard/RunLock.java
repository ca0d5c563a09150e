// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import codexsync.core.Json;
import codexsync.core.RuntimeFailureException;
import codexsync.core.SafeAbortException;
import codexsync.fs.ExclusiveFiles;
import codexsync.fs.StagingNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writing run at a time per machine and workspace (D20): {@code <temp_dir>/locks/<machine_id>.lock}, created
 * with a single create-new call (atomic: of two racing runs exactly one wins), holding
 * {@code {"pid", "host", "started", "command"}}. A second writing run gets exit 5 naming the holder. A lock left
 * by a process that no longer runs on this host is taken over with a warning: it is first renamed aside (atomic,
 * so two runs cannot both take it over), re-checked, and only then replaced. A lock from another host is never
 * taken over automatically (its pid means nothing here). Read-only commands never call this.
 */
public final class RunLock implements AutoCloseable {
    public static final String FOLDER = "locks";
    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);

    private final Path file;
    private final String content;
    private final List<String> warnings;
    private boolean released;

    private RunLock(Path file, String content, List<String> warnings) {
        this.file = file;
        this.content = content;
        this.warnings = warnings;
    }

    public static Path fileFor(Path tempDir, String machineId) {
        return tempDir.resolve(FOLDER).resolve(machineId + ".lock");
    }

    /** Takes the lock or throws {@link SafeAbortException} (exit 5) naming who holds it. */
    public static RunLock acquire(Path tempDir, String machineId, String hostName, String command) {
        Path file = fileFor(tempDir, machineId);
        String content = Json.write(Json.object("pid", ProcessHandle.current().pid(), "host", hostName,
                "started", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), "command", command)) + "\n";
        List<String> warnings = new ArrayList<>();
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                if (ExclusiveFiles.createNew(file, content)) {
                    return new RunLock(file, content, warnings);
                }
                Holder holder = read(file);
                if (holder == null) {
                    continue; // released between our two calls: try again
                }
                if (holder.pid <= 0) {
                    // Empty, torn or foreign: nobody can be named, and guessing it stale could let two runs write.
                    throw new SafeAbortException("the run lock file cannot be read (it is empty, torn or not "
                            + "codexsync's), so codexsync cannot tell whether another run is active", file.toString(),
                            "if no codexsync run is active on this machine, delete " + file + " and run again");
                }
                if (!holder.isStaleOn(hostName)) {
                    throw new SafeAbortException("another codexsync run holds the lock: pid " + holder.pid
                            + " on " + holder.host + ", running '" + holder.command + "' since " + holder.started,
                            file.toString(), "wait for it to finish; if that process is gone, delete " + file);
                }
                if (takeOver(file, holder)) {
                    String w = "took over a stale lock of pid " + holder.pid + " on " + holder.host + " (started "
                            + holder.started + ", '" + holder.command + "'): that process no longer runs";
                    LOG.warn("{}", w);
                    warnings.add(w);
                }
            }
            throw new SafeAbortException("could not take the run lock: other runs keep taking it", file.toString(),
                    "wait for the other codexsync runs to finish, then run again");
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot create the run lock " + file + ": " + e.getMessage(),
                    file.toString(), "check that the workspace's temp folder is writable", e);
        }
    }

    /** Warnings raised while taking the lock (a stale lock taken over). */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public Path file() {
        return file;
    }

    /** Releases the lock if it is still ours (never deletes a lock another run took over). */
    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            if (content.equals(Files.readString(file, StandardCharsets.UTF_8))) {
                ExclusiveFiles.delete(file);
            }
        } catch (NoSuchFileException e) {
            // Already gone: nothing to release.
        } catch (IOException e) {
            LOG.warn("could not release the run lock {}: {}", file, e.getMessage());
        }
    }

    private static boolean takeOver(Path file, Holder stale) throws IOException {
        Path aside = StagingNames.stagingFor(file);
        if (!ExclusiveFiles.moveAside(file, aside)) {
            return false;
        }
        Holder moved = read(aside);
        if (moved != null && !Objects.equals(moved.raw, stale.raw)) {
            // Another run replaced the stale lock between our read and our rename: give it back untouched.
            if (!ExclusiveFiles.createNew(file, moved.raw)) {
                LOG.warn("lock {} changed hands twice while being taken over", file);
            }
            ExclusiveFiles.delete(aside);
            return false;
        }
        ExclusiveFiles.delete(aside);
        return true;
    }

    /** The current holder as the lock file says, or null when the file is gone; pid -1 when it is unreadable. */
    public static Holder read(Path file) throws IOException {
        String raw;
        try {
            raw = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            Map<String, Object> m = Json.parseObject(raw);
            long pid = m.get("pid") instanceof Number n ? n.longValue() : -1;
            return new Holder(raw, pid, String.valueOf(m.get("host")), String.valueOf(m.get("started")),
                    String.valueOf(m.get("command")));
        } catch (IllegalArgumentException e) {
            // A torn or foreign lock file: treat it as held by an unknown process, never steal it silently.
            return new Holder(raw, -1, "unknown host", "unknown time", "unknown command");
        }
    }

    public record Holder(String raw, long pid, String host, String started, String command) {
        boolean isStaleOn(String thisHost) {
            if (pid <= 0 || !host.equalsIgnoreCase(thisHost)) {
                return false;
            }
            return ProcessHandle.of(pid).map(ph -> !ph.isAlive() || startedAfterLock(ph)).orElse(true);
        }

        /** The pid was reused: the process carrying it now started after the lock was written. */
        private boolean startedAfterLock(ProcessHandle ph) {
            try {
                Instant lockTime = Instant.parse(started);
                return ph.info().startInstant().map(s -> s.isAfter(lockTime.plusSeconds(2))).orElse(false);
            } catch (java.time.format.DateTimeParseException e) {
                return false;
            }
        }
    }
}
