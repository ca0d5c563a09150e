// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import java.util.Locale;

/** What happened to one action: its {@link Kind}, the bytes written and the hash of what was written. */
public record ActionOutcome(WriteAction action, Kind kind, long bytes, String sha256) {
    public enum Kind {
        COPIED, DELETED, RESTORED, MERGED, DECOMPRESSED;

        /** The name in JSON output ({@code copied}, {@code deleted}, {@code restored}, {@code merged}, {@code decompressed}). */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
