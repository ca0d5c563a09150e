// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.backup.OpenSnapshot;
import codexsync.backup.SnapshotEntry;
import codexsync.plan.ContentWrite;

/**
 * One file change the {@link WriteEngine} makes: the relative {@link #path} on one {@link #side}. Every kind is
 * backed up (when the destination exists), journaled, written through a staged atomic replace (or a retrying delete)
 * and recovered the same way. A new kind is a new record here plus its branch in {@link WriteEngine}'s
 * {@code stage} and {@code intent}, a {@link JournalRecord.Kind}, and what {@link JournalRecovery} does with an
 * unfinished one (how to tell "new", whether it can roll forward); WriteEngineTest's kind census fails until then.
 */
public sealed interface WriteAction {
    String path();

    /** The side whose file changes. */
    Side side();

    /** Copies the file at {@link #path} on the other side over this side's (sync). */
    record Copy(String path, Side side, String expectedSha256) implements WriteAction {
    }

    /** Deletes this side's file (a propagated deletion). */
    record Delete(String path, Side side) implements WriteAction {
    }

    /** Writes {@code entry} of an opened, validated backup snapshot (restore). */
    record Restore(String path, Side side, OpenSnapshot snapshot, SnapshotEntry entry) implements WriteAction {
    }

    /**
     * Replaces this side's file with the line merge of both sides' files at {@link #path} (D29). The first side of a
     * run's merge is produced from the two live files; the second side's staging file is a verified copy of the first
     * side's committed result, so both sides end byte-identical. {@code write} is the planned content write.
     */
    record Merge(String path, Side side, ContentWrite write) implements WriteAction {
    }

    /** Writes this side's plain {@link #path} as the decompressed content of the other side's {@code write.sourcePath()}. */
    record Inflate(String path, Side side, ContentWrite write) implements WriteAction {
    }

    /** One action per side {@code w} writes (local first), in the order the engine runs them. */
    static java.util.List<WriteAction> of(ContentWrite w) {
        java.util.List<WriteAction> out = new java.util.ArrayList<>();
        for (Side side : Side.values()) {
            if (side == Side.LOCAL ? w.writeLocal() : w.writeCloud()) {
                out.add(w.kind() == ContentWrite.Kind.MERGE ? new Merge(w.path(), side, w)
                        : new Inflate(w.path(), side, w));
            }
        }
        return out;
    }
}
