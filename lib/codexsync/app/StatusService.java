// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.apply.BaseStateStore;
import codexsync.apply.StateParseCache;
import codexsync.apply.JournalRecovery;
import codexsync.apply.MachineState;
import codexsync.backup.SnapshotCatalog;
import codexsync.backup.SnapshotInfo;
import codexsync.config.SyncConfig;
import codexsync.core.HostEnvironment;
import codexsync.core.Progress;
import codexsync.scan.ConflictCopies;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code status}: where this machine and the others stand, read-only and without needing Codex closed (it never looks
 * at processes): each machine's last sync and whether its handoff record is fully present here, what a sync would
 * push and pull now, open conflicts, the cloud client's conflict copies, the newest backup and an interrupted run.
 * Writes nothing (no lock, no log file, no folder): everything it reads goes through the same readers {@code plan}
 * and {@code sync} use, so it can never disagree with them.
 */
public final class StatusService {
    private final HostEnvironment host;
    private final Progress progress;

    public StatusService(HostEnvironment host, Progress progress) {
        this.host = host;
        this.progress = progress;
    }

    public Report status(Invocation inv) {
        SyncConfig config = new ConfigService(host).load(inv);
        RunLogging.start(config, "status", inv.verbose()); // console only (RunLogging.FILE_COMMANDS)
        try (StateParseCache.Scope kept = KeptParses.open(host, false)) {
            return report(config);
        }
    }

    private Report report(SyncConfig config) {
        PreparedPlan p = new PlanService(host, progress).prepare(config);
        HandoffWait.Result handoff = HandoffWait.checkOnce(config);
        List<StatusReport.Machine> machines = new ArrayList<>();
        Path manifest = config.paths().manifestFile();
        if (manifest != null) {
            BaseStateStore store = new BaseStateStore();
            MachineState own = store.loadState(manifest, config.machineId());
            machines.add(new StatusReport.Machine(own, true, null));
            for (MachineState other : store.others(manifest, config.machineId()).states()) {
                HandoffCheck.Arrival arrival = handoff.arrivals().stream()
                        .filter(a -> a.machineId().equals(other.machineId())).findFirst().orElse(null);
                machines.add(new StatusReport.Machine(other, false, arrival));
            }
        }
        List<ConflictCopies.Copy> copies = new ArrayList<>(ConflictCopies.in(p.cloudSnapshot(), p.cloudClientRules()));
        copies.addAll(ConflictCopies.in(p.localSnapshot(), p.cloudClientRules()));
        return new StatusReport(p, MachineIdClaim.check(config, host), machines, copies, newestBackup(config), JournalRecovery.interrupted(config),
                handoff.warnings());
    }

    private static Optional<SnapshotInfo> newestBackup(SyncConfig config) {
        Path dir = config.paths().backupDir();
        // The catalog lists newest first, and nothing for a missing folder.
        return dir == null ? Optional.empty() : new SnapshotCatalog(dir).list().stream().findFirst();
    }
}
