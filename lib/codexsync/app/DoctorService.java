// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.app.doctor.Check;
import codexsync.app.doctor.DoctorChecks;
import codexsync.app.doctor.DoctorReport;
import codexsync.config.ProcessOptions;
import codexsync.config.SyncConfig;
import codexsync.core.HostEnvironment;
import codexsync.core.InvalidInputException;
import codexsync.guard.CodexStatus;
import codexsync.guard.ProcessCodexGuard;
import codexsync.guard.ProcessLiveness;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongPredicate;

/**
 * {@code doctor} / {@code preflight}: checks that a sync can run safely and reports every finding, writing nothing
 * (D10: no probe files, no folders, no lock, no log file) and never closing Codex. A config that cannot be loaded —
 * including a missing {@code -c} file — is a FAIL check (exit 5), not exit 4, as in 0.1.1.
 */
public final class DoctorService {
    private final HostEnvironment host;
    private final Function<ProcessOptions, CodexStatus> codexStatus;
    private final LongPredicate alive;

    public DoctorService(HostEnvironment host) {
        this(host, new ProcessCodexGuard(host.os())::inspect, ProcessLiveness::isAlive);
    }

    /** With the process list and liveness replaceable, for tests. */
    public DoctorService(HostEnvironment host, Function<ProcessOptions, CodexStatus> codexStatus, LongPredicate alive) {
        this.host = host;
        this.codexStatus = codexStatus;
        this.alive = alive;
    }

    public DoctorReport run(Invocation inv) {
        SyncConfig config;
        try {
            config = new ConfigService(host).load(inv);
        } catch (InvalidInputException e) {
            String where = e.location() == null ? "" : " at " + e.location();
            String fix = e.hint() == null ? "" : " (fix: " + e.hint() + ")";
            return new DoctorReport(List.of(Check.fail("config", e.getMessage() + where + fix)));
        }
        // Doctor deliberately does not start file logging (RunLogging): that could create the log folder (D10).
        return new DoctorReport(new DoctorChecks(config, host, codexStatus, alive).all());
    }
}
