// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.config.SyncConfig;
import codexsync.config.SyncOptions.Compare;
import codexsync.core.Progress;
import codexsync.plan.BaseState;
import codexsync.scan.ContentHashes;
import codexsync.plan.PlanOptions;
import codexsync.plan.SyncPlan;
import codexsync.plan.SyncPlanner;
import codexsync.apply.BaseStateStore;
import codexsync.apply.StateParseCache;
import codexsync.scan.CloudClientFiles;
import codexsync.scan.FileContentRelations;
import codexsync.scan.FolderScanner;
import codexsync.scan.LazyContentHashes;
import codexsync.scan.Snapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * {@code plan}: loads the config, scans both sides, reads this machine's base state and plans. Read-only by
 * construction (D10): it creates no folder (a missing cloud folder is an empty side), writes no base state,
 * takes no lock and never looks at processes. Exits 0 even with conflicts or a tripped mass-delete guard (a
 * preview, as in 0.1.1); the report shows why a sync would stop.
 */
public final class PlanService {
    private final codexsync.core.HostEnvironment host;
    private final Progress progress;

    public PlanService(codexsync.core.HostEnvironment host, Progress progress) {
        this.host = host;
        this.progress = progress;
    }

    public Report plan(Invocation inv) {
        SyncConfig config = new ConfigService(host).load(inv);
        RunLogging.start(config, "plan", inv.verbose());
        try (StateParseCache.Scope kept = KeptParses.open(host, false)) {
            return new PlanReport(prepare(config));
        }
    }

    /** Resolves both folders (exit 4 when the Codex home is missing), reads the base state, scans and plans. */
    public PreparedPlan prepare(SyncConfig config) {
        Path local = config.paths().localStateDir();
        Path cloud = config.paths().requireCloudRoot();
        Path baseFile = config.paths().manifestFile();
        BaseState base = baseFile == null ? BaseState.empty(config.machineId())
                : new BaseStateStore().load(baseFile, config.machineId());
        CloudClientFiles rules = new CloudClientFiles(knownHostNames(config));
        FolderScanner scanner = FolderScanner.withRules(config.selection(), rules, progress);
        // The two trees are independent: the cloud side is walked on a second thread (without progress lines)
        // while this one walks the local side and shows the progress. A no-change run is mostly these two walks.
        FutureTask<Snapshot> cloudScan = new FutureTask<>(() -> scanner.withoutProgress().scan(cloud));
        Thread cloudWalker = new Thread(cloudScan, "codexsync-scan-cloud");
        cloudWalker.setDaemon(true);
        cloudWalker.start();
        Snapshot localSnap = scanner.scan(local);
        Snapshot cloudSnap = resultOf(cloudScan);
        ContentHashes hashes = config.sync().compare() == Compare.MTIME ? ContentHashes.NONE
                : new LazyContentHashes(local, cloud);
        SyncPlan plan = new SyncPlanner(PlanOptions.from(config)).plan(localSnap, cloudSnap, base, hashes,
                new FileContentRelations(local, cloud));
        return new PreparedPlan(config, local, cloud, baseFile, base, localSnap, cloudSnap, plan, rules,
                hashes);
    }

    /**
     * This host's name and those the other machines recorded in their state files: OneDrive names a conflict copy
     * {@code <stem>-<PC name>.<ext>} after the machine that made it, and that copy reaches every machine (D28).
     */
    private List<String> knownHostNames(SyncConfig config) {
        List<String> names = new ArrayList<>();
        names.add(host.hostName());
        Path manifest = config.paths().manifestFile();
        if (manifest != null) {
            new BaseStateStore().others(manifest, config.machineId()).states().forEach(m -> names.add(m.hostName()));
        }
        return names;
    }

    /** The other thread's scan, its failure rethrown here as it would have been thrown on this thread. */
    private static Snapshot resultOf(FutureTask<Snapshot> scan) {
        try {
            return scan.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scanning the cloud folder", e);
        }
    }
}
