// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import java.util.Collection;

/**
 * SHA-256 of a file's content on either side, computed only when the planner asks (compare =
 * {@code mtime_hash_fallback}, sizes equal, mtimes within tolerance). The planner stays pure: it never reads
 * files itself; {@link LazyContentHashes} streams them. (It lives in {@code scan}, not {@code plan}, because the
 * layering lets {@code plan} use {@code scan} but not the other way round.)
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

    /**
     * The planner will ask for both sides of each of {@code paths}: an implementation that reads files may hash them
     * all now, in parallel. Asking for them afterwards must give the same answers.
     */
    default void prefetch(Collection<String> paths) {
    }

    /** The cloud file's hash if it was already computed (for the plan), else null: asking never reads a file. */
    default String cloudIfHashed(String path) {
        return null;
    }
}
