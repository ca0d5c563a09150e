// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.apply.BaseStateStore;
import codexsync.apply.MachineState;
import codexsync.config.SyncConfig;
import codexsync.core.RuntimeFailureException;
import codexsync.core.SafeAbortException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handoff check a writing sync runs before it pulls (D27): every other machine's newest handoff record must have
 * fully arrived in this machine's cloud mirror. While it has not, the check is repeated for up to
 * {@code sync.handoff_wait_seconds}; then the run stops with exit 5 having written nothing.
 */
final class HandoffWait {
    private static final Logger LOG = LoggerFactory.getLogger(HandoffWait.class);
    static final Duration POLL = Duration.ofSeconds(1);

    /** What the check found, and the warnings of reading the other machines' files. */
    record Result(List<HandoffCheck.Arrival> arrivals, List<String> warnings) {
        boolean complete() {
            return arrivals.stream().allMatch(HandoffCheck.Arrival::complete);
        }

        List<String> pendingMessages() {
            return arrivals.stream().filter(a -> !a.complete()).map(HandoffWait::message).toList();
        }
    }

    private HandoffWait() {
    }

    /** Checks once; never waits and never throws for files still arriving (plan, status, dry run). */
    static Result checkOnce(SyncConfig config) {
        Path manifest = config.paths().manifestFile();
        Path cloud = config.paths().cloudRoot();
        if (manifest == null || cloud == null) {
            return new Result(List.of(), List.of());
        }
        BaseStateStore store = new BaseStateStore();
        MachineState own = store.loadState(manifest, config.machineId());
        BaseStateStore.Others others = store.others(manifest, config.machineId());
        try {
            return new Result(HandoffCheck.check(own, others.states(), cloud), others.warnings());
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot read the cloud mirror to check other machines' handoff: "
                    + e.getMessage(), cloud.toString(), "check that the cloud folder is readable", e);
        }
    }

    /** Checks until complete or {@code sync.handoff_wait_seconds} have passed; then exit 5 with what is missing. */
    static Result await(SyncConfig config) {
        long waitNanos = Duration.ofSeconds(config.sync().handoffWaitSeconds()).toNanos();
        long start = System.nanoTime();
        boolean told = false;
        while (true) {
            Result r = checkOnce(config);
            if (r.complete()) {
                if (told) {
                    LOG.info("every other machine's files have arrived in the cloud folder");
                }
                return r;
            }
            long left = waitNanos - (System.nanoTime() - start);
            if (left <= 0) {
                throw new SafeAbortException(String.join("; ", r.pendingMessages()), null,
                        "nothing was written; wait until the cloud client has delivered them (or set "
                                + "sync.handoff_wait_seconds), then run sync again; if that machine no longer syncs or "
                                + "its files were removed outside codexsync, pass --no-handoff-check");
            }
            if (!told) {
                LOG.info("waiting up to {} s for files still arriving: {}", config.sync().handoffWaitSeconds(),
                        String.join("; ", r.pendingMessages()));
                told = true;
            }
            try {
                Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SafeAbortException("stopped while waiting for other machines' files to arrive", null,
                        "nothing was written; run sync again");
            }
        }
    }

    /** {@code N of M files from <machine> have not arrived yet (...)}. */
    static String message(HandoffCheck.Arrival a) {
        String more = a.pending() > a.examples().size() ? ", ..." : "";
        return a.pending() + " of " + a.total() + " files from " + a.machineId() + " have not arrived yet (its sync of "
                + a.finishedAt() + "; e.g. " + String.join(", ", a.examples()) + more + ")";
    }
}
