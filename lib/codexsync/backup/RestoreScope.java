// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

import codexsync.config.Selection;
import codexsync.scan.GlobMatcher;
import codexsync.scan.NeverSynced;
import java.util.List;
import java.util.Objects;

/**
 * Which snapshot entries a restore into one side may put back. In order: an entry recorded from the other side is
 * left out (a snapshot never puts a cloud file into the Codex home by mistake, CS-293; 0.1.1 snapshots record no
 * side and pass); a never-synced file (D13) is refused; a file outside {@code include_roots} or matched by
 * {@code exclude_globs} is left out, as 0.1.1 filtered restores. The rules are the scanner's
 * ({@code scan.NeverSynced}, {@code scan.GlobMatcher}), so sync and restore agree on what is never touched.
 */
public final class RestoreScope {
    /** What happens to one entry. */
    public enum Verdict { RESTORE, OTHER_SIDE, REFUSED, NOT_INCLUDED, EXCLUDED }

    /** A verdict and, for everything but RESTORE, the reason in words. */
    public record Decision(Verdict verdict, String reason) {
    }

    private final String side;
    private final List<String> includeRoots;
    private final GlobMatcher excludes;

    /** {@code side}: {@code local} or {@code cloud}, the side being restored into. */
    public RestoreScope(String side, Selection selection) {
        this.side = Objects.requireNonNull(side);
        this.includeRoots = selection.includeRoots();
        this.excludes = new GlobMatcher(selection.excludeGlobs());
    }

    public Decision decide(SnapshotEntry e) {
        if (e.side() != null && !e.side().equals(side)) {
            return new Decision(Verdict.OTHER_SIDE, "backed up from the " + e.side() + " side; restore it with --target "
                    + e.side());
        }
        if (NeverSynced.isRefused(e.path())) {
            return new Decision(Verdict.REFUSED, "never synced or restored: login tokens, SQLite databases and "
                    + "codexsync's logs (D13)");
        }
        boolean included = includeRoots.stream().anyMatch(r -> e.path().equals(r) || e.path().startsWith(r + "/"));
        if (!included) {
            return new Decision(Verdict.NOT_INCLUDED, "not under targets.include_roots");
        }
        if (excludes.matches(e.path())) {
            return new Decision(Verdict.EXCLUDED, "matched by filters.exclude_globs");
        }
        return new Decision(Verdict.RESTORE, null);
    }
}
