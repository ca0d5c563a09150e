// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a writing run backs up the files it is about to replace: one new snapshot in docs/backup-format.md's
 * layout, created lazily by the first {@link #backup} (a run that replaces nothing leaves no snapshot). The
 * snapshot is complete and on disk once {@link #commit} returns, and only then may the protected files be
 * replaced. {@link #close} without commit removes whatever a half-written snapshot left behind.
 */
public interface SnapshotSink extends AutoCloseable {
    /** Copies {@code file} (currently at {@code relPath} on {@code side}, "local" or "cloud") into the snapshot. */
    void backup(String side, String relPath, Path file) throws IOException;

    /** Writes the manifest and makes the snapshot durable; returns its name, or null when nothing was backed up. */
    String commit() throws IOException;

    /** How many files have been backed up. */
    int count();

    @Override
    void close() throws IOException;
}
