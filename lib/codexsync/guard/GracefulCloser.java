// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import codexsync.core.HostEnvironment.OperatingSystem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes Codex politely and waits. On Windows {@code taskkill /PID <pid> /T} <em>without</em> {@code /F}: it sends
 * the window a close message, like clicking X, so Codex can save its state. {@link ProcessHandle#destroy()} is used
 * only where it is a polite request ({@link ProcessHandle#supportsNormalTermination()}: SIGTERM on macOS/Linux);
 * on Windows it would be TerminateProcess, a forced kill, so it is never called there. Then the pids are polled
 * every 0.5 s until all are gone or the timeout passes.
 */
public final class GracefulCloser implements CodexCloser {
    static final Duration POLL = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger("codexsync.guard");

    private final OperatingSystem os;
    private final Sleeper sleeper;

    public GracefulCloser(OperatingSystem os, Sleeper sleeper) {
        this.os = os;
        this.sleeper = sleeper;
    }

    @Override
    public boolean closeAndWait(List<ProcessSnapshot.Entry> processes, Duration timeout) {
        // Handles are taken before asking, so a pid reused by a new process later is not mistaken for Codex.
        List<ProcessHandle> handles = new ArrayList<>();
        for (ProcessSnapshot.Entry p : processes) {
            Optional<ProcessHandle> h = ProcessHandle.of(p.pid());
            h.ifPresent(handles::add);
        }
        for (ProcessHandle h : handles) {
            requestClose(h);
        }
        long polls = Math.max(1, (timeout.toMillis() + POLL.toMillis() - 1) / POLL.toMillis());
        for (long i = 0; i <= polls; i++) {
            if (handles.stream().noneMatch(ProcessHandle::isAlive)) {
                return true;
            }
            if (i < polls) {
                sleeper.sleep(POLL);
            }
        }
        return false;
    }

    private void requestClose(ProcessHandle h) {
        if (os == OperatingSystem.WINDOWS) {
            // /T closes the process tree, no /F: Windows asks each window to close instead of killing it.
            boolean ok = ExternalCommand.succeeds(List.of("taskkill", "/PID", Long.toString(h.pid()), "/T"));
            LOG.info("asked Codex pid {} to close (taskkill /T without /F): {}", h.pid(), ok ? "accepted" : "refused");
        } else if (h.supportsNormalTermination()) {
            boolean sent = h.destroy();
            LOG.info("asked Codex pid {} to close (SIGTERM): {}", h.pid(), sent ? "sent" : "not sent");
        } else {
            LOG.warn("cannot ask pid {} to close politely on this platform; waiting for it to exit", h.pid());
        }
    }
}
