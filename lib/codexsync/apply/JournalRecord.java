// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;

/**
 * The records of the write-ahead journal (D21), in the order a run writes them: one {@link Start}, a
 * {@link BackedUp} when anything was backed up, an {@link Intent} and a {@link Done} per file (with a {@link Staged}
 * between them for a produced write, whose new hash is known only once it is staged), then {@link Stopped}
 * (a run stopped on request) or {@link BaseSaved}. Payload-free: paths, sizes, hashes, never file contents.
 * {@link JournalCodec} is their only writer and reader.
 */
public sealed interface JournalRecord {
    /** The journal format this codexsync writes and reads; any other is refused, never guessed at. */
    int VERSION = 2;

    /** A text component that may be null in the journal (paths always may); any other is required. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    @interface Nullable {
    }

    /** The run: who, when, which folders (recovery resolves every path against them) and the snapshot name. */
    record Start(int version, String command, String machineId, String started, Path local, Path cloud,
                 Path backupDir, Path manifestFile, @Nullable String snapshot, int actions) implements JournalRecord {
        /** The root of {@code side}, or null when the run had none (a restore of the other side). */
        public Path root(Side side) {
            return side == Side.LOCAL ? local : cloud;
        }
    }

    /** The backup snapshot is complete and durable; no file has changed yet. */
    record BackedUp(String snapshot, int files) implements JournalRecord {
    }

    /** What an intent will do to its file. */
    enum Kind {
        COPY, DELETE, RESTORE,
        /** A line merge of both sides (D29); never rolled forward by recovery. */
        MERGE,
        /** A decompressed {@code .zst} twin (D29); never rolled forward by recovery. */
        INFLATE;

        /** Its content is produced during the run: the new hash is journaled by a {@link Staged} record. */
        boolean produced() {
            return this == MERGE || this == INFLATE;
        }
    }

    /**
     * Action {@code index} is about to change {@code path} on {@code side}. {@code oldSha256}: the backed-up version
     * (null when the file did not exist). COPY: the source (the other side's file) had {@code sourceSize} and
     * {@code sourceMtimeNs}. RESTORE: the content is {@code sourceEntry} of snapshot {@code sourceSnapshot} in the
     * backup folder, with hash {@code newSha256}.
     */
    record Intent(int index, Kind kind, Side side, String path, @Nullable String oldSha256, long sourceSize,
                  long sourceMtimeNs, @Nullable String sourceSnapshot, @Nullable String sourceEntry,
                  @Nullable String newSha256)
            implements JournalRecord {
    }

    /**
     * A produced write (MERGE, INFLATE) of action {@code index} is staged, flushed and hashed in {@code staging}
     * beside its destination; once renamed the destination has {@code newSha256}. Forced before the rename, so
     * recovery can tell a destination that already holds the new content.
     */
    record Staged(int index, String staging, String newSha256) implements JournalRecord {
    }

    /** Action {@code index} is complete; {@code sha256} is what it wrote (null for a deletion). */
    record Done(int index, ActionOutcome.Kind outcome, @Nullable String sha256) implements JournalRecord {
    }

    /** A stop request ended the run at a safe point after {@code done} of {@code of} actions. */
    record Stopped(int done, int of) implements JournalRecord {
    }

    /** The base state was saved (a sync's last write). */
    record BaseSaved() implements JournalRecord {
    }
}
