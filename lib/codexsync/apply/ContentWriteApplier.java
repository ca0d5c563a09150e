// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.backup.BackupEntry;
import codexsync.backup.BackupItem;
import codexsync.backup.SnapshotResult;
import codexsync.fs.AtomicFiles;
import codexsync.fs.StagedWrite;
import codexsync.plan.ContentWrite;
import codexsync.scan.LineMerge;
import codexsync.scan.LogicalFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the plan's produced writes (D29: line merges, decompressed twins) through the same safety path as every
 * copy, called by {@link PlanApplier} at two narrow points - {@link #backupItems} while it fills the run's snapshot,
 * {@link #apply} after its copies and deletions. Per destination side, in this order:
 * <ol>
 *   <li>the existing destination is already in the run's backup snapshot (it was listed by {@link #backupItems});</li>
 *   <li>an {@code intent} record {@code kind = MERGE_LOCAL|MERGE_CLOUD|INFLATE_LOCAL|INFLATE_CLOUD} with the path and
 *       the backed-up hash is forced to the journal;</li>
 *   <li>the content is produced into a staging file beside the destination ({@link StagedWrite}: flushed, hashed);
 *       a merge is produced once and the second side's staging file is a verified copy of the first;</li>
 *   <li>a {@code staged} record with {@code new_sha256} is forced to the journal;</li>
 *   <li>each staging file is renamed over its destination atomically, then {@code done} is journaled.</li>
 * </ol>
 * After a crash every destination is old or new; {@link JournalRecovery} tells new ones by {@code new_sha256} and
 * never rolls a produced write forward (the next sync plans and produces it again from the two sides).
 */
final class ContentWriteApplier {
    private static final Logger LOG = LoggerFactory.getLogger(ContentWriteApplier.class);

    private final ApplyContext ctx;

    ContentWriteApplier(ApplyContext ctx) {
        this.ctx = ctx;
    }

    /** Every destination that exists now, to be saved in the run's snapshot before anything changes. */
    List<BackupItem> backupItems(List<ContentWrite> writes) {
        List<BackupItem> items = new ArrayList<>();
        for (ContentWrite w : writes) {
            for (String side : sides(w)) {
                Path target = root(side).resolve(w.path());
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    items.add(new BackupItem(w.path(), target, side, BackupItem.OVERWRITTEN));
                }
            }
        }
        return items;
    }

    /** How many journal indexes {@link #apply} uses for {@code w} (one per side written). */
    static int indexes(ContentWrite w) {
        return sides(w).size();
    }

    /** Produces and commits {@code w}; journal records use indexes {@code firstIndex}, {@code firstIndex + 1}. */
    List<ContentOutcome> apply(int firstIndex, ContentWrite w, SnapshotResult snapshot, Journal journal)
            throws IOException {
        List<String> sides = sides(w);
        List<AtomicFiles.Staged> staged = new ArrayList<>();
        try {
            for (int k = 0; k < sides.size(); k++) {
                String side = sides.get(k);
                Path target = root(side).resolve(w.path());
                BackupEntry old = snapshot == null ? null : snapshot.find(w.path(), side);
                journal.append(Journal.record("intent", "i", firstIndex + k, "kind", kind(w, side), "path", w.path(),
                        "old_sha256", old == null ? null : old.sha256()), true);
                ctx.hooks().at(ApplyStep.INTENT_RECORDED, w.path());
                AtomicFiles.Staged s = k == 0 ? produce(w, side, target)
                        : AtomicFiles.stageCopy(staged.get(0).staging(), target, staged.get(0).result().sha256());
                staged.add(s);
                journal.append(Journal.record("staged", "i", firstIndex + k, "staging",
                        s.staging().getFileName().toString(), "new_sha256", s.result().sha256()), true);
                ctx.hooks().at(ApplyStep.STAGED, w.path());
            }
            List<ContentOutcome> outcomes = new ArrayList<>();
            for (int k = 0; k < staged.size(); k++) {
                AtomicFiles.Staged s = staged.get(k);
                LOG.info("{} {} ({})", w.kind() == ContentWrite.Kind.MERGE ? "merge into" : "decompress into",
                        s.destination(), w.reason());
                AtomicFiles.commit(s);
                ctx.hooks().at(ApplyStep.MOVED, w.path());
                journal.append(Journal.record("done", "i", firstIndex + k, "sha256", s.result().sha256()), false);
                ctx.hooks().at(ApplyStep.DONE, w.path());
                outcomes.add(new ContentOutcome(w, sides.get(k), s.result().size(), s.result().sha256()));
            }
            return outcomes;
        } catch (IOException | RuntimeException e) {
            // An ordinary failure removes what it staged and did not commit; a crash leaves it to recovery.
            for (AtomicFiles.Staged s : staged) {
                if (Files.exists(s.staging(), LinkOption.NOFOLLOW_LINKS)) {
                    AtomicFiles.discard(s);
                }
            }
            throw e;
        }
    }

    /** The first side's staging file: the merge of both sides, or the decompressed source. */
    private AtomicFiles.Staged produce(ContentWrite w, String side, Path target) throws IOException {
        try (StagedWrite out = StagedWrite.open(target)) {
            FileTime mtime;
            if (w.kind() == ContentWrite.Kind.MERGE) {
                LineMerge.merge(LogicalFiles.source(ctx.localRoot().resolve(w.path())),
                        LogicalFiles.source(ctx.cloudRoot().resolve(w.path())), out.stream());
                // New content on both sides: the run's time, the same on both so the next scan sees them equal.
                mtime = FileTime.from(ctx.runStart());
            } else {
                Path source = root(other(side)).resolve(w.sourcePath());
                try (InputStream in = LogicalFiles.open(source)) {
                    out.copyFrom(in);
                }
                mtime = Files.getLastModifiedTime(source); // as a copy keeps its source's mtime
            }
            AtomicFiles.CopyResult result = out.finish();
            out.setMtime(mtime);
            return new AtomicFiles.Staged(out.detach(), target, result);
        }
    }

    private static List<String> sides(ContentWrite w) {
        List<String> sides = new ArrayList<>();
        if (w.writeLocal()) {
            sides.add(BackupItem.LOCAL);
        }
        if (w.writeCloud()) {
            sides.add(BackupItem.CLOUD);
        }
        return sides;
    }

    private static String kind(ContentWrite w, String side) {
        return w.kind().name() + "_" + side.toUpperCase(Locale.ROOT);
    }

    private static String other(String side) {
        return side.equals(BackupItem.LOCAL) ? BackupItem.CLOUD : BackupItem.LOCAL;
    }

    private Path root(String side) {
        return side.equals(BackupItem.LOCAL) ? ctx.localRoot() : ctx.cloudRoot();
    }

    /** Journal fields of a produced write's records that recovery reads (kept here beside their writer). */
    static boolean isProduced(Map<String, Object> intent) {
        Object kind = intent.get("kind");
        return kind instanceof String k && (k.startsWith("MERGE_") || k.startsWith("INFLATE_"));
    }
}
