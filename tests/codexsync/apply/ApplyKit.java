// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.config.BackupOptions;
import codexsync.config.BackupOptions.Compression;
import codexsync.config.Selection;
import codexsync.core.Progress;
import codexsync.plan.BaseState;
import codexsync.scan.ContentHashes;
import codexsync.plan.PlanOptions;
import codexsync.plan.SyncPlan;
import codexsync.plan.SyncPlanner;
import codexsync.apply.BaseStateStore;
import codexsync.scan.FolderScanner;
import codexsync.scan.Snapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/** One machine's folders in a @TempDir plus the real scanner, store and planner, to drive PlanApplier. */
final class ApplyKit {
    static final List<String> ROOTS = List.of("sessions", "skills", "history.jsonl");
    final Path local;
    final Path cloud;
    final Path backups;
    final Path temp;
    final Path manifest;
    final String machine;
    BackupOptions backup = new BackupOptions(true, 30, 0, Compression.NONE);
    PlanOptions options = PlanOptions.defaults(ROOTS);
    Instant runStart = Instant.parse("2026-11-25T11:00:00Z");
    BooleanSupplier stop = () -> false;
    /** Plan with D29's content rules (append-only files compared by content), as the product does. */
    boolean appendOnlyRules;

    ApplyKit(Path dir, String machine) {
        this.local = dir.resolve("home");
        this.cloud = dir.resolve("ws/sync");
        this.backups = dir.resolve("ws/backups");
        this.temp = dir.resolve("ws/.tmp");
        this.manifest = dir.resolve("ws/state/manifest.json");
        this.machine = machine;
    }

    ApplyContext ctx(ApplyHooks hooks) {
        return new ApplyContext(machine, "sync --apply", local, cloud, backups, temp, manifest, backup, runStart,
                s -> new BaseStateStore().save(manifest, s), Progress.NONE, stop, hooks);
    }

    Snapshot scan(Path root) {
        return new FolderScanner(new Selection(ROOTS, List.of()), "testhost", Progress.NONE).scan(root);
    }

    BaseState base() {
        return new BaseStateStore().load(manifest, machine);
    }

    SyncPlan plan() {
        return new SyncPlanner(options).plan(scan(local), scan(cloud), base(), ContentHashes.NONE, null);
    }

    /** Plans and applies like {@code sync --apply} (recovering first, as SyncService does). */
    ApplyResult sync(ApplyHooks hooks) throws java.io.IOException {
        JournalRecovery.recover(Journal.fileFor(temp, machine));
        Snapshot l = scan(local);
        Snapshot c = scan(cloud);
        BaseState b = base();
        SyncPlan p = new SyncPlanner(options).plan(l, c, b, ContentHashes.NONE,
                appendOnlyRules ? new codexsync.scan.FileContentRelations(local, cloud) : null);
        return new PlanApplier(ctx(hooks)).apply(p, l, c, b);
    }

    ApplyResult sync() throws java.io.IOException {
        return sync(ApplyHooks.NONE);
    }
}
