// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app.doctor;

import codexsync.app.MachineIdClaim;
import codexsync.config.ProcessOptions;
import codexsync.config.SyncConfig;
import codexsync.core.HostEnvironment;
import codexsync.core.HostEnvironment.OperatingSystem;
import codexsync.core.InvalidInputException;
import codexsync.guard.CodexStatus;
import codexsync.guard.ProcessSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;

/** Runs the checks of §2.10 plus codexsync's own, in report order, for a loaded config. */
public final class DoctorChecks {
    private final SyncConfig config;
    private final HostEnvironment host;
    private final Function<ProcessOptions, CodexStatus> codexStatus;
    private final LongPredicate alive;

    public DoctorChecks(SyncConfig config, HostEnvironment host, Function<ProcessOptions, CodexStatus> codexStatus,
                        LongPredicate alive) {
        this.config = config;
        this.host = host;
        this.codexStatus = codexStatus;
        this.alive = alive;
    }

    public List<Check> all() {
        List<Check> checks = new ArrayList<>();
        checks.add(config());
        Check runtime = FolderChecks.runtimePaths(config);
        checks.add(runtime);
        if (runtime.status() == Check.Status.FAIL) {
            // As in 0.1.1: without usable runtime paths the remaining checks would only repeat the problem.
            return checks;
        }
        checks.add(FolderChecks.stateDirs(config));
        Path local = config.paths().localCandidates().stream().filter(Files::isDirectory).findFirst().orElse(null);
        checks.add(FolderChecks.writable("local_write", local != null ? local
                : config.paths().localCandidates().get(0), true));
        checks.add(FolderChecks.writable("cloud_write", config.paths().cloudRoot(), false));
        checks.add(FolderChecks.writable("backup_write", config.paths().backupDir(), false));
        checks.add(FolderChecks.writable("temp_write", config.paths().tempDir(), false));
        checks.add(StateChecks.manifest(config));
        checks.add(machineId());
        checks.add(codexProcess());
        List<Path> localRoots = localRoots(local);
        checks.add(StateChecks.clockDrift(config, localRoots, Instant.now()));
        checks.add(StateChecks.orphanTempFiles(config));
        checks.add(CloudClientChecks.cloudFolders(config, host));
        checks.add(CloudClientChecks.conflictCopies(config, host.hostName()));
        checks.add(StateChecks.interruptedRun(config, host.hostName(), alive));
        checks.add(StateChecks.lock(config, host.hostName(), alive));
        checks.add(FolderChecks.pathOverlap(config));
        checks.add(StateChecks.neverSynced(config, local));
        long[] localBytes = {0};
        localRoots.forEach(r -> {
            if (Files.isRegularFile(r)) {
                localBytes[0] += r.toFile().length();
            } else {
                BoundedWalk.files(r, (f, a) -> localBytes[0] += a.size());
            }
        });
        long[] cloudBytes = {0};
        BoundedWalk.files(config.paths().cloudRoot(), (f, a) -> cloudBytes[0] += a.size());
        checks.add(FolderChecks.freeSpace(config, localBytes[0], cloudBytes[0]));
        return checks;
    }

    /** Whether this installation may write its machine id's state file: the verdict sync --apply acts on. */
    private Check machineId() {
        MachineIdClaim claim;
        try {
            claim = MachineIdClaim.check(config, host);
        } catch (InvalidInputException e) {
            return Check.fail("machine_id", e.getMessage() + (e.hint() == null ? "" : " (fix: " + e.hint() + ")"));
        }
        if (claim.foreign()) {
            return Check.fail("machine_id", claim.problem() + "; sync --apply and restore --apply stop with exit 4 (fix: "
                    + claim.fix() + ")");
        }
        return Check.pass("machine_id", claim.describe());
    }

    private Check config() {
        String warnings = config.warnings().isEmpty() ? "" : "; warnings: " + String.join("; ", config.warnings());
        if (config.source() == null) {
            return Check.warn("config", "no config file (no -c and no ./config.toml): built-in defaults and command-line "
                    + "folders used" + warnings);
        }
        return config.warnings().isEmpty() ? Check.pass("config", "loaded " + config.source())
                : Check.warn("config", "loaded " + config.source() + warnings);
    }

    private List<Path> localRoots(Path local) {
        List<Path> roots = new ArrayList<>();
        if (local != null) {
            config.selection().includeRoots().forEach(r -> roots.add(local.resolve(r)));
        }
        return roots;
    }

    private Check codexProcess() {
        if (!config.safety().requireCodexStopped()) {
            return Check.warn("codex_process", "process check disabled (safety.require_codex_stopped = false): sync "
                    + "will not stop when Codex runs");
        }
        CodexStatus s = codexStatus.apply(config.process());
        switch (s.state()) {
            case UNKNOWN:
                return config.safety().failOnUnknown()
                        ? Check.fail("codex_process", "cannot read the process list (" + s.source() + "); sync would stop "
                                + "with exit 5 (fail_on_unknown = true)")
                        : Check.warn("codex_process", "cannot read the process list (" + s.source() + "); continuing "
                                + "because fail_on_unknown = false");
            case NOT_RUNNING:
                return Check.pass("codex_process", "Codex is not running (" + s.source() + ")");
            default:
                String procs = s.main().stream().map(p -> p.name() + " pid " + p.pid()).collect(Collectors.joining(", "));
                String sandbox = host.os() == OperatingSystem.WINDOWS
                        ? (s.sandboxDetected() ? "; codex-windows-sandbox detected: " + names(s.sandbox())
                                : "; no sandbox detected") : "";
                return Check.fail("codex_process", "Codex is running: " + procs + sandbox
                        + " (fix: close Codex; doctor never closes it)");
        }
    }

    private static String names(List<ProcessSnapshot.Entry> entries) {
        return entries.stream().map(p -> p.name() + " pid " + p.pid()).collect(Collectors.joining(", "));
    }
}
