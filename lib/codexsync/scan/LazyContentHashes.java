// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import codexsync.core.RuntimeFailureException;
import codexsync.fs.FileHasher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link ContentHashes} over the two scanned roots: streams each file through {@link FileHasher#sha256(Path)} the
 * first time the planner asks and remembers the result, so no file is read twice and none is read unless needed.
 */
public final class LazyContentHashes implements ContentHashes {
    private final Path localRoot;
    private final Path cloudRoot;
    private final Map<String, String> cache = new HashMap<>();

    public LazyContentHashes(Path localRoot, Path cloudRoot) {
        this.localRoot = localRoot;
        this.cloudRoot = cloudRoot;
    }

    @Override
    public String local(String path) {
        return hash("local:", localRoot, path);
    }

    @Override
    public String cloud(String path) {
        return hash("cloud:", cloudRoot, path);
    }

    private String hash(String side, Path root, String path) {
        return cache.computeIfAbsent(side + path, k -> {
            Path file = root.resolve(path);
            try {
                return FileHasher.sha256(file);
            } catch (IOException e) {
                throw new RuntimeFailureException("cannot read " + file + " to compare its content: " + e.getMessage(),
                        file.toString(), "close programs that hold the file and run again", e);
            }
        });
    }
}
