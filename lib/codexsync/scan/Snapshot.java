// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

/**
 * What one side (the local Codex home or the cloud mirror) holds under the include roots, after the exclude
 * globs and the never-synced list. {@code files} is keyed by relative path. {@code refused} lists paths an
 * include root covered but that are never synced (tokens, SQLite, our logs); {@code missingRoots} the include
 * roots absent on this side; {@code cloudClientFiles} files a cloud client left (ignored, never deletions);
 * {@code warnings} things the user should see (cloud-client conflict copies, iCloud placeholders...);
 * {@code placeholders} the relative paths of files an iCloud placeholder {@code .<name>.icloud} stands for (not
 * downloaded yet: this side is incomplete, so a writing run must stop with exit 5);
 * {@code staging} the relative paths of codexsync's own staging files ({@code fs.StagingNames}) the scan found and
 * skipped: leftovers of a killed run (or, in a shared cloud mirror, another machine's write in progress). They are
 * never synced; a writing run removes the stale ones while it holds the run lock.
 */
public record Snapshot(
        Path root,
        SortedMap<String, FileState> files,
        List<String> refused,
        List<String> missingRoots,
        List<String> cloudClientFiles,
        List<String> warnings,
        List<String> placeholders,
        List<String> staging) {
}
