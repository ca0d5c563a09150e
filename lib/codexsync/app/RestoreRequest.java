// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import java.util.Locale;

/**
 * What {@code restore} was asked to do.
 *
 * @param from   the {@code --from} snapshot name, or null for the newest
 * @param target where to restore into
 * @param apply  true for {@code --apply}; a restore is a dry run otherwise, whatever sync.dry_run_default says
 */
public record RestoreRequest(String from, Target target, boolean apply) {

    /** {@code --target}: the Codex home ({@code local}, default) or the cloud mirror ({@code cloud}). */
    public enum Target {
        LOCAL, CLOUD;

        /** The side name used on the command line, in output and in snapshot manifests. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses {@code local} or {@code cloud} (exactly, as 0.1.1's argparse choices). */
        public static Target parse(String value) {
            for (Target t : values()) {
                if (t.wireName().equals(value)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("'" + value + "' is not a restore target; use local or cloud");
        }
    }
}
