///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//SOURCES ../lib/codexsync/fs/FileHasher.java
//SOURCES ../lib/codexsync/fs/ParallelHasher.java
//SOURCES ../lib/codexsync/fs/ChunkBuffers.java
//SOURCES ../lib/codexsync/fs/InOrderParallel.java
// SPDX-License-Identifier: GPL-3.0-or-later

import codexsync.fs.FileHasher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark entry of benchmarks/hash-throughput.sh (not a test): hashes the files named in a NUL-separated list with
 * codexsync's own hasher, the way a sync does (FileHasher.sha256All: every core; and FileHasher.sha256 one file after
 * another), and prints one line per pass: {@code <mode> <files> <bytes> <seconds>}. Only the hashing is timed, not
 * the JVM's start. Only the hasher's sources are compiled in, so no dependency is fetched.
 *
 *   jbang benchmarks/HashFiles.java LIST RUNS
 */
public class HashFiles {
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: HashFiles.java <NUL-separated file list> <runs>");
            System.exit(4);
        }
        List<Path> files = new ArrayList<>();
        for (String name : Files.readString(Path.of(args[0]), StandardCharsets.UTF_8).split("\0")) {
            if (!name.isEmpty()) {
                files.add(Path.of(name));
            }
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        int runs = Integer.parseInt(args[1]);
        FileHasher.sha256All(files); // one untimed pass: JIT compilation is not what is measured
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            FileHasher.sha256All(files);
            print("parallel", files.size(), bytes, System.nanoTime() - t0);
            t0 = System.nanoTime();
            for (Path f : files) {
                FileHasher.sha256(f);
            }
            print("one-thread", files.size(), bytes, System.nanoTime() - t0);
        }
    }

    private static void print(String mode, int files, long bytes, long nanos) {
        System.out.println(String.format(Locale.ROOT, "%s %d %d %.3f", mode, files, bytes, nanos / 1e9));
    }
}
