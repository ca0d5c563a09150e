// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.fs.AtomicFiles;
import codexsync.fs.InOrderParallel;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stages the {@link WriteEngine}'s next copies on a few threads while it commits the current one in order. Each
 * staged copy ends with an fsync of its own bytes (they must be on disk before the rename makes them visible), and
 * one at a time a first sync of 20,000 files waited for 20,000 fsyncs in a row: 27 s, of which 15 s went away when
 * fsync was made a no-op (eatmydata, measurement only). Several fsyncs in flight let the file system commit them
 * together (measured on ext4: 3,000 fsynced files took 3.1 s on one thread, 1.2 s on eight, 0.9 s on sixteen).
 *
 * <p>Only the staging moves off the engine's thread. The journal, the renames, the hooks and the progress stay on it
 * and in action order, so recovery sees what it saw before: a copy is journaled (its intent) before its staging
 * starts, and a staging file whose copy never commits is removed here, or by recovery after a crash.
 */
final class CopiesAhead implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CopiesAhead.class);
    /** Staging threads; past eight the gain of more fsyncs in flight was small (measured above). */
    static final int THREADS = InOrderParallel.FSYNC_THREADS;
    /** How many copies the engine journals and starts ahead of the one it commits. */
    static final int WINDOW = 2 * THREADS;

    private final Map<Integer, Future<AtomicFiles.Staged>> pending = new HashMap<>();
    /**
     * Set by {@link #close}: a copy not started by then is skipped. (Not {@code Future.cancel}: it marks a running
     * task cancelled without stopping it, so its staging file would appear after close had looked for it.)
     */
    private final AtomicBoolean closed = new AtomicBoolean();
    private ExecutorService pool;

    /** What one staging task does: a staged, flushed, verified copy beside its destination. */
    @FunctionalInterface
    interface Stage {
        AtomicFiles.Staged run() throws IOException;
    }

    /** Starts staging action {@code index}'s copy on a staging thread. */
    void start(int index, Stage stage) {
        if (pool == null) {
            pool = InOrderParallel.daemonPool(THREADS, "codexsync-staging");
        }
        pending.put(index, pool.submit(() -> {
            if (closed.get()) {
                return null;
            }
            try {
                return stage.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    /** Whether action {@code index}'s copy was started here. */
    boolean started(int index) {
        return pending.containsKey(index);
    }

    /** Waits for action {@code index}'s staged copy; its failure is thrown as it would have been on this thread. */
    AtomicFiles.Staged take(int index) throws IOException {
        Future<AtomicFiles.Staged> future = pending.remove(index);
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.put(index, future); // close() waits for it and removes its staging file
            throw new InterruptedIOException("interrupted while waiting for a staged copy");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }

    /**
     * Skips the copies not yet started and waits for the running ones, then removes every staging file nobody took:
     * whatever ends the engine's loop (done, a stop request, a failure), no staging thread writes after it and no
     * finished staging file is left beside its destination.
     */
    @Override
    public void close() {
        closed.set(true);
        for (Future<AtomicFiles.Staged> future : pending.values()) {
            discardWhenDone(future);
        }
        pending.clear();
        if (pool != null) {
            pool.shutdown();
        }
    }

    private static void discardWhenDone(Future<AtomicFiles.Staged> future) {
        try {
            AtomicFiles.Staged staged = getUninterruptibly(future);
            if (staged != null) {
                AtomicFiles.discard(staged);
            }
        } catch (ExecutionException e) {
            // Failed: a failed staging removes its own file (StagedWrite's close).
        } catch (IOException e) {
            // Recovery removes staging files beside every journaled path; this one was journaled.
            LOG.warn("could not remove an unused staging file: {}", e.getMessage());
        }
    }

    private static AtomicFiles.Staged getUninterruptibly(Future<AtomicFiles.Staged> future)
            throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
