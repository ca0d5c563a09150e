// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import codexsync.core.RuntimeFailureException;
import codexsync.fs.FileHasher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ContentHashes} over the two scanned roots: streams each file through {@link FileHasher#sha256(Path)} the
 * first time the planner asks and remembers the result, so no file is read twice and none is read unless needed.
 * {@link #prefetch} hashes the files the planner is about to ask for on every core at once ({@link
 * FileHasher#sha256All}); {@link #cloudIfHashed} lets a later step reuse a hash instead of reading the file again.
 * {@link #computed()} tells how many files were hashed (progress, tests).
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

    @Override
    public void prefetch(Collection<String> paths) {
        List<String> keys = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (String path : paths) {
            add("local:", localRoot, path, keys, files);
            add("cloud:", cloudRoot, path, keys, files);
        }
        List<String> hashes;
        try {
            hashes = FileHasher.sha256All(files);
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot read a file to compare its content: " + e.getMessage(), null,
                    "close programs that hold the file and run again", e);
        }
        for (int i = 0; i < keys.size(); i++) {
            cache.put(keys.get(i), hashes.get(i));
        }
    }

    private void add(String side, Path root, String path, List<String> keys, List<Path> files) {
        if (!cache.containsKey(side + path)) {
            keys.add(side + path);
            files.add(root.resolve(path));
        }
    }

    @Override
    public String cloudIfHashed(String path) {
        return cache.get("cloud:" + path);
    }

    /** Number of files hashed so far. */
    public int computed() {
        return cache.size();
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
