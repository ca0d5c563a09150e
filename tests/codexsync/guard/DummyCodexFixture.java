// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real processes named like Codex for tests: a copy of {@code sleep} renamed {@code codex} (the OS then reports that
 * name), optionally a copy of {@code sh} named {@code codex} that starts a {@code codex-windows-sandbox} child.
 * {@link #close()} ends them (forcibly: they are our own dummies) and waits, so no dummy outlives its test.
 */
public final class DummyCodexFixture implements AutoCloseable {
    private final Process process;

    private DummyCodexFixture(Process process) {
        this.process = process;
    }

    /** A sleeping process whose executable is {@code dir/name}. */
    public static DummyCodexFixture sleeping(Path dir, String name) throws IOException {
        Path exe = copyExecutable(Path.of("/bin/sleep"), dir.resolve(name));
        return new DummyCodexFixture(new ProcessBuilder(exe.toString(), "600").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start()).awaitStarted();
    }

    /** {@code dir/codex} (a shell) with a child {@code dir/codex-windows-sandbox} (sleep), as Codex runs its sandbox. */
    public static DummyCodexFixture withSandboxChild(Path dir) throws IOException {
        Path shell = copyExecutable(Path.of("/bin/sh"), dir.resolve("codex"));
        Path sandbox = copyExecutable(Path.of("/bin/sleep"), dir.resolve("codex-windows-sandbox"));
        DummyCodexFixture d = new DummyCodexFixture(new ProcessBuilder(shell.toString(), "-c", "'" + sandbox + "' 600 & wait")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()).awaitStarted();
        // Wait for the child to exist, so the test sees the whole tree.
        for (int i = 0; i < 100 && d.process.toHandle().children().findAny().isEmpty(); i++) {
            pause(50);
        }
        return d;
    }

    /** A copy of {@code sh} named {@code name} that ignores SIGTERM: it never closes on a polite request. */
    public static DummyCodexFixture ignoringCloseRequests(Path dir, String name) throws IOException {
        Path shell = copyExecutable(Path.of("/bin/sh"), dir.resolve(name));
        return new DummyCodexFixture(new ProcessBuilder(shell.toString(), "-c", "trap '' TERM; while :; do sleep 1; done")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()).awaitStarted();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Whether it has exited (and been reaped) within the given seconds. */
    public boolean exitsWithin(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    public List<Long> childPids() {
        List<Long> pids = new ArrayList<>();
        process.toHandle().descendants().forEach(h -> pids.add(h.pid()));
        return pids;
    }

    @Override
    public void close() throws InterruptedException {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private DummyCodexFixture awaitStarted() {
        // ProcessHandle.Info is read from /proc: give exec a moment to replace the forked JVM image.
        for (int i = 0; i < 100 && process.toHandle().info().command().isEmpty(); i++) {
            pause(20);
        }
        pause(100);
        return this;
    }

    private static Path copyExecutable(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        to.toFile().setExecutable(true);
        return to;
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
