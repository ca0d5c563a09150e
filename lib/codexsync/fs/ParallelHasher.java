// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hashes many files on every core: a pool of {@code min(files, availableProcessors)} daemon threads takes the next
 * file from a shared counter (so one large file does not hold up a fixed share of the list) and writes its hash into
 * the slot of the same index, so the result is in input order whatever finishes first. SHA-256 of one file cannot be
 * split, so cores are used across files; the first failure stops the others from starting new files and is reported
 * with its file's name (the lowest-numbered one when several fail, so the message does not depend on timing).
 */
final class ParallelHasher {
    private ParallelHasher() {
    }

    static List<String> hashAll(List<Path> files) throws IOException {
        String[] hashes = new String[files.size()];
        int workers = Math.min(files.size(), Runtime.getRuntime().availableProcessors());
        if (workers <= 1) {
            for (int i = 0; i < files.size(); i++) {
                hashes[i] = hashOne(files.get(i));
            }
            return Arrays.asList(hashes);
        }
        AtomicInteger next = new AtomicInteger();
        Failure failure = new Failure();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "codexsync-hash");
            t.setDaemon(true); // never keeps the JVM alive, whatever happens to the caller
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(() -> {
                    int i;
                    while (!failure.seen() && (i = next.getAndIncrement()) < files.size()) {
                        try {
                            hashes[i] = hashOne(files.get(i));
                        } catch (IOException | RuntimeException e) {
                            failure.record(i, e);
                        }
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing files");
        } catch (ExecutionException e) {
            throw new IllegalStateException("hash worker failed", e.getCause()); // workers catch everything
        } finally {
            pool.shutdownNow();
        }
        failure.rethrow();
        return Arrays.asList(hashes);
    }

    private static String hashOne(Path file) throws IOException {
        try {
            return FileHasher.sha256(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "cannot hash it: it no longer exists");
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(file.toString(), null, "cannot hash it: permission denied");
        } catch (IOException e) {
            throw new IOException("cannot hash " + file + ": " + e.getMessage(), e);
        }
    }

    /** The failure with the lowest file index, kept until all workers have stopped. */
    private static final class Failure {
        private int index = Integer.MAX_VALUE;
        private Exception error;

        synchronized boolean seen() {
            return error != null;
        }

        synchronized void record(int i, Exception e) {
            if (i < index) {
                index = i;
                error = e;
            }
        }

        synchronized void rethrow() throws IOException {
            if (error instanceof IOException io) {
                throw io;
            }
            if (error instanceof RuntimeException re) {
                throw re;
            }
        }
    }
}
