// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import codexsync.config.ProcessOptions;
import codexsync.config.SyncConfig;
import codexsync.core.CodexRunningException;
import codexsync.core.CodexsyncException;
import codexsync.core.HostEnvironment;
import codexsync.core.HostEnvironment.OperatingSystem;
import codexsync.core.SafeAbortException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real guard: reads the process list, applies {@link GuardDecision}, and on Windows {@code --apply} may close
 * Codex politely after confirmation (D24). It returns normally only when it is safe to go on; otherwise it throws
 * {@link CodexRunningException} (exit 3) or {@link SafeAbortException} (exit 5) before anything is written.
 * After a passing check it waits {@code grace_period_seconds}, as 0.1.1 did, so files Codex flushed on exit settle.
 */
public final class ProcessCodexGuard implements CodexGuard {
    private static final Logger LOG = LoggerFactory.getLogger("codexsync.guard");

    private final OperatingSystem os;
    private final ProcessReader reader;
    private final TerminationConfirmer confirmer;
    private final CodexCloser closer;
    private final Sleeper sleeper;

    /** The guard for this machine. */
    public ProcessCodexGuard() {
        this(HostEnvironment.current().os());
    }

    public ProcessCodexGuard(OperatingSystem os) {
        this(os, new SystemProcessReader(os), TerminationConfirmer.standard(), new GracefulCloser(os, Sleeper.REAL),
                Sleeper.REAL);
    }

    /** Every collaborator replaceable: tests use recorded snapshots, scripted answers and a sleeper that does not sleep. */
    public ProcessCodexGuard(OperatingSystem os, ProcessReader reader, TerminationConfirmer confirmer, CodexCloser closer,
                             Sleeper sleeper) {
        this.os = os;
        this.reader = reader;
        this.confirmer = confirmer;
        this.closer = closer;
        this.sleeper = sleeper;
    }

    /** What the process list says about Codex right now; never closes anything (doctor uses this). */
    public CodexStatus inspect(ProcessOptions options) {
        return CodexDetector.detect(reader.read().orElse(null), options, os);
    }

    @Override
    public void ensureCodexStopped(SyncConfig config, RunKind kind, ConfirmationOverride override, boolean verbose) {
        if (!config.safety().requireCodexStopped()) {
            LOG.info("Codex process check skipped: safety.require_codex_stopped = false");
            return;
        }
        CodexStatus status = inspect(config.process());
        logSnapshot(status, verbose);
        GuardDecision decision = GuardDecision.decide(config.safety(), config.process(), os, status, kind, override);
        CodexsyncException stop = decision.failure();
        if (stop != null) {
            throw stop;
        }
        switch (decision.kind()) {
            case PROCEED_UNKNOWN -> LOG.warn(decision.message());
            case CLOSE_AFTER_CONFIRMATION -> {
                if (!confirmer.confirm(status.main(), config.process().terminateConfirmationMode())) {
                    throw new CodexRunningException(GuardDecision.DECLINED_MESSAGE, null, GuardDecision.CLOSE_HINT);
                }
                close(status, config.process());
            }
            case CLOSE_WITHOUT_ASKING -> close(status, config.process());
            default -> LOG.debug(decision.message());
        }
        int grace = config.process().gracePeriodSeconds();
        if (grace > 0) {
            sleeper.sleep(Duration.ofSeconds(grace));
        }
    }

    private void close(CodexStatus status, ProcessOptions options) {
        Duration timeout = Duration.ofSeconds(options.terminateTimeoutSeconds());
        LOG.info("asking Codex to close: {}", GuardDecision.pids(status));
        if (!closer.closeAndWait(status.main(), timeout)) {
            throw new SafeAbortException("Codex did not exit within " + timeout.toSeconds()
                    + " s after the close request (" + GuardDecision.pids(status) + ")", null,
                    "close Codex yourself (save your work first), then run the command again; codexsync never "
                            + "force-kills it");
        }
        LOG.info("Codex has exited");
    }

    /** 0.1.1's verbose process snapshot: running or not, sandbox or not, and every Codex process with its children. */
    private static void logSnapshot(CodexStatus status, boolean verbose) {
        List<String> lines = new ArrayList<>();
        switch (status.state()) {
            case UNKNOWN -> lines.add("process snapshot: Codex state unknown (" + status.source() + ")");
            case NOT_RUNNING -> lines.add("process snapshot (" + status.source() + "): Codex is not running");
            default -> lines.add("process snapshot (" + status.source() + "): Codex is running ("
                    + status.main().size() + " process(es))");
        }
        lines.add("process snapshot: codex-windows-sandbox detected: " + (status.sandboxDetected() ? "yes" : "no"));
        for (ProcessSnapshot.Entry p : status.main()) {
            lines.add("process snapshot: codex pid=" + p.pid() + " name=" + p.name() + " cmd=" + p.commandLine());
        }
        for (ProcessSnapshot.Entry p : status.descendants()) {
            lines.add("process snapshot:   child pid=" + p.pid() + " ppid=" + p.parentPid() + " name=" + p.name()
                    + " cmd=" + p.commandLine());
        }
        for (String line : lines) {
            if (verbose) {
                LOG.info(line);
            } else {
                LOG.debug(line);
            }
        }
    }
}
