// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.backup.OpenSnapshot;
import codexsync.backup.SnapshotEntry;

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
}
