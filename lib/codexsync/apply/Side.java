// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import java.util.Locale;

/** The two folders a writing run changes: the Codex home ({@code local}) and the cloud mirror ({@code cloud}). */
public enum Side {
    LOCAL, CLOUD;

    /** The name used in journals, snapshot manifests and JSON output. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Side other() {
        return this == LOCAL ? CLOUD : LOCAL;
    }
}
