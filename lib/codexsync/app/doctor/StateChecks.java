// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app.doctor;

import codexsync.scan.NeverSynced;
import codexsync.apply.BaseStateStore;
import codexsync.apply.Journal;
import codexsync.apply.JournalRecovery;
import codexsync.config.StatePaths;
import codexsync.config.SyncConfig;
import codexsync.core.InvalidInputException;
import codexsync.core.Json;
import codexsync.fs.StagingNames;
import codexsync.guard.RunLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Checks of codexsync's own state, all read-only: the base state file, an interrupted run's journal, the run
 * lock, leftover staging files, clock drift evidence, and token/database files an include root would cover.
 */
final class StateChecks {
    /** 0.1.1's clock drift threshold. */
    static final long DRIFT_SECONDS = 5;

    private StateChecks() {
    }

    private static Path journalFile(SyncConfig c) {
        return c.paths().tempDir() == null ? null : Journal.fileFor(c.paths().tempDir(), c.machineId());
    }

    private static Path lockFile(SyncConfig c) {
        return c.paths().tempDir() == null ? null : RunLock.fileFor(c.paths().tempDir(), c.machineId());
    }

    static Check manifest(SyncConfig config) {
        Path file = config.paths().manifestFile();
        if (file == null) {
            return Check.warn("manifest", "no base state file configured (no workspace): every file is treated as "
                    + "never synchronised");
        }
        // Read through the product's own reader, so doctor calls valid exactly what sync and plan accept.
        BaseStateStore.Contents contents;
        try {
            contents = new BaseStateStore().inspect(file, config.machineId());
        } catch (InvalidInputException e) {
            return Check.fail("manifest", e.getMessage() + (e.hint() == null ? "" : " (fix: " + e.hint() + ")"));
        }
        Path own = StatePaths.machineStateFile(file, config.machineId());
        if (contents.file() == null) {
            return Check.pass("manifest", "not created yet: " + own + " (the first sync --apply writes it; until then "
                    + "this machine counts as never synchronised)");
        }
        if (contents.legacy011()) {
            return Check.warn("manifest", file + " is a codexSync 0.1.1 manifest without per-machine entries: read as "
                    + "never synchronised (the next sync --apply records this machine in " + own + ")");
        }
        if (contents.migrated()) {
            return Check.pass("manifest", "machine " + config.machineId() + " has " + contents.ownFiles()
                    + " file(s) in the old single manifest " + file + "; the next sync --apply moves them to its own "
                    + "file " + own);
        }
        return Check.pass("manifest", "version " + BaseStateStore.DATA_VERSION + ", machine " + config.machineId()
                + " has " + contents.ownFiles() + " file(s) in its base state " + own + " (last sync "
                + contents.finishedAt() + ")");
    }

    /** The lock holder's pid when the lock file names a live process on this host, else -1. */
    private static long liveLockHolder(SyncConfig config, String hostName, LongPredicate alive) {
        Path lock = lockFile(config);
        try {
            RunLock.Holder h = lock == null ? null : RunLock.read(lock);
            return h != null && h.pid() > 0 && hostName.equals(h.host()) && alive.test(h.pid()) ? h.pid() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    static Check lock(SyncConfig config, String hostName, LongPredicate alive) {
        Path lock = lockFile(config);
        if (lock == null) {
            return Check.pass("lock", "no temp folder configured: no run lock can exist");
        }
        if (!Files.exists(lock)) {
            return Check.pass("lock", "no writing run holds the lock (" + lock + ")");
        }
        Map<String, Object> doc;
        try {
            doc = Json.parseObject(Files.readString(lock, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            return Check.warn("lock", "unreadable lock file " + lock + ": " + e.getMessage()
                    + " (the next writing run reports it)");
        }
        String who = "pid " + doc.get("pid") + " on " + doc.get("host") + " since " + doc.get("started") + " ("
                + doc.get("command") + ")";
        if (liveLockHolder(config, hostName, alive) > 0) {
            return Check.warn("lock", "held by a running " + who + ": a writing run is in progress; sync/restore "
                    + "--apply will stop with exit 5 until it ends");
        }
        if (!hostName.equals(String.valueOf(doc.get("host")))) {
            return Check.warn("lock", "held by " + who + ", another host: cannot tell whether it still runs (fix: if no "
                    + "codexsync runs there, delete " + lock + ")");
        }
        return Check.warn("lock", "stale lock left by " + who + ", which no longer runs: the next writing run takes "
                + "it over with a warning");
    }

    static Check interruptedRun(SyncConfig config, String hostName, LongPredicate alive) {
        Path journal = journalFile(config);
        if (journal == null || !Files.exists(journal)) {
            return Check.pass("interrupted_run", "no interrupted run (no journal"
                    + (journal == null ? "" : " at " + journal) + ")");
        }
        long holder = liveLockHolder(config, hostName, alive);
        if (holder > 0) {
            return Check.warn("interrupted_run", "a writing run (pid " + holder + ") is in progress and has its journal "
                    + "open: " + journal);
        }
        // The journal's own account (which command, when, how far it got) when it can be read.
        String what = JournalRecovery.interrupted(config)
                .orElse("a writing run was interrupted and left its journal " + journal);
        return Check.fail("interrupted_run", what
                + " (fix: run `codexsync sync --apply`: it finishes or rolls back the interrupted run before anything else)");
    }

    static Check orphanTempFiles(SyncConfig config) {
        List<String> found = new ArrayList<>();
        for (Path root : new Path[] {config.paths().tempDir(), config.paths().cloudRoot()}) {
            BoundedWalk.files(root, (file, attrs) -> {
                String name = file.getFileName().toString();
                if (StagingNames.isStaging(name) || name.endsWith(".tmp")) {
                    found.add(file.toString());
                }
            });
        }
        if (found.isEmpty()) {
            return Check.pass("orphan_temp_files", "no leftover staging or .tmp files in the temp and cloud folders");
        }
        return Check.warn("orphan_temp_files", found.size() + " leftover staging/.tmp file(s): "
                + String.join(", ", found.subList(0, Math.min(5, found.size()))) + (found.size() > 5 ? ", ..." : "")
                // Journal recovery removes the staging files it journaled; a writing run then removes codexsync's own
                // staging files under the include roots (app.StaleStaging; in the shared cloud folder only those
                // untouched for an hour) and *.tmp files in the temp folder not modified for an hour.
                + " (left by a crashed or interrupted copy and never read by codexsync; the next sync --apply or"
                + " restore --apply removes codexsync's own stale staging files under the include roots, in the cloud"
                + " folder once untouched for an hour, and *.tmp files in the temp folder not modified for an hour;"
                + " any other can be deleted while no codexsync run is active)");
    }

    /**
     * Without a probe file (D10) drift cannot be measured directly. What can be seen: files dated in the future by
     * more than 5 s, which means the clock of the machine or server that wrote them is ahead of ours (mtime
     * comparisons would then misjudge which side is newer). A clock behind ours is not visible this way.
     */
    static Check clockDrift(SyncConfig config, List<Path> localRoots, Instant now) {
        Instant limit = now.plusSeconds(DRIFT_SECONDS);
        List<String> future = new ArrayList<>();
        int[] seen = {0};
        List<Path> roots = new ArrayList<>(localRoots);
        roots.add(config.paths().cloudRoot());
        for (Path root : roots) {
            seen[0] += BoundedWalk.files(root, (file, attrs) -> {
                if (attrs.lastModifiedTime().toInstant().isAfter(limit)) {
                    future.add(file + " (" + attrs.lastModifiedTime() + ")");
                }
            });
        }
        if (!future.isEmpty()) {
            return Check.warn("clock_drift", future.size() + " file(s) dated more than " + DRIFT_SECONDS
                    + " s in the future: " + String.join(", ", future.subList(0, Math.min(3, future.size())))
                    + " (a clock ahead of this machine's; check both machines' time sync before relying on mtimes)");
        }
        return Check.pass("clock_drift", "no file dated in the future among " + seen[0] + " checked (doctor writes no "
                + "probe file, so a clock that is behind cannot be seen)");
    }

    static Check neverSynced(SyncConfig config, Path local) {
        if (local == null) {
            return Check.warn("never_synced", "Codex home not found: not checked");
        }
        List<String> refused = new ArrayList<>();
        for (String root : config.selection().includeRoots()) {
            Path start = local.resolve(root);
            if (Files.isRegularFile(start)) {
                if (NeverSynced.isRefused(root.replace('\\', '/'))) {
                    refused.add(root);
                }
                continue;
            }
            BoundedWalk.files(start, (file, attrs) -> {
                String rel = local.relativize(file).toString().replace('\\', '/');
                if (NeverSynced.isRefused(rel)) {
                    refused.add(rel);
                }
            });
        }
        if (refused.isEmpty()) {
            return Check.pass("never_synced", "no token or database files under the include roots");
        }
        return Check.warn("never_synced", refused.size() + " file(s) under the include roots are never synced "
                + "(login tokens, live databases) and will be refused: "
                + String.join(", ", refused.subList(0, Math.min(5, refused.size()))) + (refused.size() > 5 ? ", ..." : ""));
    }
}
