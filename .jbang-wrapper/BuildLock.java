// SPDX-License-Identifier: GPL-3.0-or-later
//
// Runs JBang (dev.jbang.Main, in this JVM) while holding an exclusive lock on
// <JBang cache>/.codexsync-build.lock, so two launches that share a JBang cache
// - a scheduled sync and a manual run, two checkouts, parallel test runs - never
// build the same script at once. JBang itself does not lock: two builds of one
// script share a classes/ folder, one deletes it while the other packs its jar,
// and the cache keeps a jar with half the classes that JBang then reuses forever.
// With the lock the second launch waits, then finds the finished jar and reuses
// it. Only the JBang step is serialised: the launchers start the program itself
// after JBang has exited, so programs still run side by side.
//
// The lock is an OS file lock: it is released when this JVM exits however it
// ends (JBang's System.exit, Ctrl-C, kill -9), so a crash never leaves a lock
// behind to clean up.
//
// Usage (by the launchers jbang, jbang.cmd, jbang.ps1 only):
//   java -cp <dir>:<conf>:<jbang jar> BuildLock <jbang arguments...>
//   java BuildLock.java --install <BuildLock.java> <dir>
//       Compile this file once into <dir> (temporary folder, then an atomic
//       rename), so later launches pay no compile time.

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

public final class BuildLock {
    private BuildLock() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 3 && args[0].equals("--install")) {
            System.exit(install(Path.of(args[1]), Path.of(args[2])));
        }
        Path cache = cacheDir();
        Files.createDirectories(cache);
        FileChannel channel = FileChannel.open(cache.resolve(".codexsync-build.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            System.err.println("[jbang-wrapper] another JBang run is using " + cache + "; waiting for it");
            lock = channel.lock();
        }
        // Held until the JVM exits: JBang ends with System.exit, which releases it.
        try {
            Class.forName("dev.jbang.Main").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Where JBang keeps its cache (dev.jbang.Settings.getCacheDir). */
    static Path cacheDir() {
        String cache = System.getenv("JBANG_CACHE_DIR");
        if (cache != null) {
            return Path.of(cache);
        }
        String dir = System.getenv("JBANG_DIR");
        return (dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".jbang")).resolve("cache");
    }

    static int install(Path source, Path dest) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            System.err.println("[jbang-wrapper] error: this Java has no compiler; JBang needs a JDK, not a JRE");
            return 1;
        }
        Files.createDirectories(dest.toAbsolutePath().getParent());
        Path tmp = Files.createTempDirectory(dest.toAbsolutePath().getParent(), dest.getFileName() + ".tmp");
        try {
            int rc = javac.run(null, null, null, "-encoding", "UTF-8", "-nowarn", "-d", tmp.toString(),
                    source.toString());
            if (rc != 0) {
                System.err.println("[jbang-wrapper] error: could not compile " + source);
                return 1;
            }
            try {
                Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // Another launch installed it first (or the folder exists already): theirs is as good as ours.
                if (!Files.isRegularFile(dest.resolve("BuildLock.class"))) {
                    throw e;
                }
            } catch (IOException e) {
                // Windows and some Unix file systems refuse to rename onto a non-empty folder: same case.
                if (!Files.isRegularFile(dest.resolve("BuildLock.class"))) {
                    throw e;
                }
            }
            return 0;
        } finally {
            deleteTree(tmp);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
