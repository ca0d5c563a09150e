// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.fs.AtomicFiles;
import codexsync.fs.StagedWrite;
import codexsync.fs.StagingNames;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the parse of each state file between runs, in this machine's own state folder (never the cloud folder), as
 * {@link StateCacheFormat}: a fresh JVM parses a 100,000-path state file's 70 MB of JSON in about 1.5 s, and reads
 * the same state from its binary form in a fraction of that. Trusted only for the exact bytes it was made from: the
 * JSON file's size and CRC-32C are checked (reading the file, no parsing) before each use, and the cache file has a
 * checksum of its own; anything that does not match, or cannot be read, is ignored and the JSON is parsed.
 *
 * <p>Only a writing run keeps parses ({@link #use} with {@code writable}); a preview (plan, a dry run, doctor) reads
 * the cache but writes nothing. Each kept parse is written staged and renamed like every other codexsync file, and
 * only the {@value #KEPT} most recent are kept.
 */
public final class StateParseCache {
    /** How many state files' parses are kept (a few machines per workspace, a few workspaces, tests). */
    static final int KEPT = 32;
    private static final String SUFFIX = ".state-cache";
    /** A staging file in the cache folder this old was left by a killed run (see {@link #forgetOldest}). */
    static final java.time.Duration STALE_STAGING = java.time.Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(StateParseCache.class);
    private static volatile StateParseCache current;

    private final Path folder;
    private final boolean writable;
    /** How many reads this scope answered from kept parses (tests see whether the JSON was parsed). */
    private int used;

    /** Ends the use of a cache folder. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private StateParseCache(Path folder, boolean writable) {
        this.folder = folder;
        this.writable = writable;
    }

    /**
     * Uses {@code folder} for the state files this process reads until the scope closes (process-wide, like the
     * in-memory parses of {@link BaseStateStore}: a process runs one command).
     *
     * @param writable true only for a writing run: it keeps what it parses and what it saves
     */
    public static Scope use(Path folder, boolean writable) {
        StateParseCache previous = current;
        current = new StateParseCache(folder, writable);
        return () -> current = previous;
    }

    /** The cache in use, or null. */
    static StateParseCache current() {
        return current;
    }

    /** The parse kept for {@code json} when it was made from exactly the file's present bytes, else null. */
    StateCacheFormat.Entry read(Path json) {
        Path cache = cacheFileOf(json);
        if (!Files.isRegularFile(cache)) {
            return null;
        }
        try (CacheInput in = new CacheInput(cache)) {
            StateCacheFormat.Key key = StateCacheFormat.readKey(in);
            if (key == null || !key.path().equals(absolute(json)) || key.size() != Files.size(json)
                    || key.crc32c() != crc32c(json)) {
                return null;
            }
            StateCacheFormat.Entry entry = StateCacheFormat.readRest(in, key, json);
            if (!in.checksumHolds()) {
                return null;
            }
            used++;
            return entry;
        } catch (IOException | RuntimeException e) {
            LOG.debug("kept parse of {} not used ({}): parsing the file", json, e.toString());
            return null;
        }
    }

    /** Keeps the parse of {@code json} (of {@code size} bytes with this CRC-32C); only for a {@link #writable} run. */
    void keep(Path json, long size, long crc32c, MachineState state, Map<String, Object> topLevel) {
        if (!writable) {
            return;
        }
        try {
            AtomicFiles.createFolders(folder);
            try (StagedWrite w = StagedWrite.openCache(cacheFileOf(json))) {
                CRC32C sum = new CRC32C();
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                        new CheckedOutputStream(w.stream(), sum), 1 << 16));
                StateCacheFormat.write(out, new StateCacheFormat.Entry(
                        new StateCacheFormat.Key(absolute(json), size, crc32c), state, topLevel));
                out.flush();
                out.writeLong(sum.getValue());
                out.flush();
                w.commit();
            }
            forgetOldest();
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not keep the parse of {} for the next run: {}", json, e.toString());
        }
    }

    /** The bytes of a state file as they are parsed, summed and counted, so a kept parse names exactly them. */
    static final class SummedInput extends java.io.FilterInputStream {
        private final CRC32C sum = new CRC32C();
        private long size;

        SummedInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                sum.update(b);
                size++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                sum.update(b, off, n);
                size += n;
            }
            return n;
        }

        @Override
        public long skip(long n) {
            return 0; // every byte must pass through read() to be summed
        }

        /** Reads what the parser left (trailing white space), so the sum covers the whole file. */
        void drain() throws IOException {
            byte[] buf = new byte[1 << 16];
            while (read(buf, 0, buf.length) >= 0) {
                // summed by read()
            }
        }

        long size() {
            return size;
        }

        long crc32c() {
            return sum.getValue();
        }
    }

    /** The CRC-32C of a file's bytes. */
    static long crc32c(Path file) throws IOException {
        try (SummedInput in = new SummedInput(Files.newInputStream(file))) {
            in.drain();
            return in.crc32c();
        }
    }

    int used() {
        return used;
    }

    /** Whether this run may keep parses (a writing run past its read-only checks). */
    boolean writable() {
        return writable;
    }

    /** One cache file per state file, named by a hash of its absolute path. */
    Path cacheFileOf(Path json) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(absolute(json).getBytes(StandardCharsets.UTF_8));
            return folder.resolve(HexFormat.of().formatHex(h, 0, 16) + SUFFIX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String absolute(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }

    /**
     * Removes all but the {@value #KEPT} most recently written parses, and staging files older than
     * {@link #STALE_STAGING}: a run killed while it wrote one leaves it here, where no journal names it. Younger ones
     * are left: another workspace's run (its own lock) may be writing one right now, and a write takes milliseconds.
     */
    private void forgetOldest() throws IOException {
        List<Path> kept = new ArrayList<>();
        List<Path> staging = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.endsWith(SUFFIX)) {
                    kept.add(f);
                } else if (StagingNames.isStaging(name)) {
                    staging.add(f);
                }
            }
        }
        long staleBefore = System.currentTimeMillis() - STALE_STAGING.toMillis();
        for (Path f : staging) {
            if (modified(f) < staleBefore) {
                try {
                    AtomicFiles.delete(f);
                } catch (IOException e) {
                    LOG.debug("could not remove the leftover staging file {}: {}", f, e.toString());
                }
            }
        }
        if (kept.size() <= KEPT) {
            return;
        }
        kept.stream().sorted(Comparator.comparing(StateParseCache::modified)).limit(kept.size() - KEPT)
                .forEach(f -> {
                    try {
                        AtomicFiles.delete(f);
                    } catch (IOException e) {
                        LOG.debug("could not remove the old kept parse {}: {}", f, e.toString());
                    }
                });
    }

    private static long modified(Path f) {
        try {
            return Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }
}
