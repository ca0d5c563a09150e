// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.plan;

/**
 * SHA-256 of a file's content on either side, computed only when the planner asks (compare =
 * {@code mtime_hash_fallback}, sizes equal, mtimes within tolerance). The planner stays pure: it never reads
 * files itself; the scan layer supplies a streaming implementation.
 */
public interface ContentHashes {
    /** Used with {@code compare = mtime}: the planner never asks, so asking is a programming error. */
    ContentHashes NONE = new ContentHashes() {
        @Override
        public String local(String path) {
            throw new UnsupportedOperationException("no content hashes in compare = mtime (asked for " + path + ")");
        }

        @Override
        public String cloud(String path) {
            throw new UnsupportedOperationException("no content hashes in compare = mtime (asked for " + path + ")");
        }
    };

    /** Lower-case hex SHA-256 of the local file at {@code path} (relative, '/'-separated). */
    String local(String path);

    /** Lower-case hex SHA-256 of the cloud file at {@code path}. */
    String cloud(String path);
}
