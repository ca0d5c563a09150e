// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import codexsync.core.RuntimeFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** {@link AppendOnlyContent} over the two scanned roots: streams both logical files ({@link LogicalFiles}). */
public final class FileContentRelations implements AppendOnlyContent {
    private final Path localRoot;
    private final Path cloudRoot;

    public FileContentRelations(Path localRoot, Path cloudRoot) {
        this.localRoot = localRoot;
        this.cloudRoot = cloudRoot;
    }

    @Override
    public Relation relate(String localPath, String cloudPath) {
        Path l = localRoot.resolve(localPath);
        Path c = cloudRoot.resolve(cloudPath);
        try (InputStream a = LogicalFiles.openForBlockReads(l); InputStream b = LogicalFiles.openForBlockReads(c)) {
            return PrefixCompare.compare(a, b);
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot read " + l + " and " + c + " to compare them: " + e.getMessage(),
                    l.toString(), "close programs that hold the files (or fix a damaged .zst file) and run again", e);
        }
    }
}
