// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.config;

import java.util.List;

/** What is synced: {@code targets.include_roots} (relative, never empty) and {@code filters.exclude_globs}. */
public record Selection(List<String> includeRoots, List<String> excludeGlobs) {
}
