// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.plan;

import codexsync.scan.ContentHashes;
import codexsync.scan.FileState;
import codexsync.scan.Snapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small builders for planner tests: sides, base states and a hasher that counts what it was asked. */
final class PlanFixtures {
    static final long S = 1_000_000_000L;

    private PlanFixtures() {
    }

    /** A side under construction: {@code side().file("a", 10, 100).build()} (size bytes, mtime seconds). */
    static SideBuilder side() {
        return new SideBuilder();
    }

    static final class SideBuilder {
        private final TreeMap<String, FileState> files = new TreeMap<>();
        private final List<String> missing = new ArrayList<>();
        private final List<String> refused = new ArrayList<>();
        private final List<String> placeholders = new ArrayList<>();

        SideBuilder file(String path, long size, long mtimeSeconds) {
            files.put(path, new FileState(path, size, mtimeSeconds * S));
            return this;
        }

        SideBuilder fileNs(String path, long size, long mtimeNs) {
            files.put(path, new FileState(path, size, mtimeNs));
            return this;
        }

        SideBuilder missingRoot(String root) {
            missing.add(root);
            return this;
        }

        SideBuilder refused(String path) {
            refused.add(path);
            return this;
        }

        SideBuilder placeholder(String path) {
            placeholders.add(path);
            return this;
        }

        Snapshot build() {
            return new Snapshot(Path.of("/side"), files, List.copyOf(refused), List.copyOf(missing), List.of(),
                    List.of(), List.copyOf(placeholders), List.of());
        }
    }

    static BaseBuilder base() {
        return new BaseBuilder();
    }

    static final class BaseBuilder {
        private final Map<String, BaseEntry> files = new LinkedHashMap<>();

        /** Records a path; pass size &lt; 0 for "absent on that side at the last sync". */
        BaseBuilder entry(String path, long localSize, long localMtime, long cloudSize, long cloudMtime) {
            files.put(path, new BaseEntry(localSize < 0 ? null : new Fingerprint(localSize, localMtime * S, null),
                    cloudSize < 0 ? null : new Fingerprint(cloudSize, cloudMtime * S, null)));
            return this;
        }

        BaseState build() {
            return new BaseState("machine-a", Map.copyOf(files));
        }
    }

    /** A content hasher over given contents; counts calls so tests can prove when hashing happened. */
    static final class CountingHashes implements ContentHashes {
        final Map<String, String> localContent = new HashMap<>();
        final Map<String, String> cloudContent = new HashMap<>();
        final List<String> asked = new ArrayList<>();
        final List<String> prefetched = new ArrayList<>();

        CountingHashes local(String path, String content) {
            localContent.put(path, content);
            return this;
        }

        CountingHashes cloud(String path, String content) {
            cloudContent.put(path, content);
            return this;
        }

        @Override
        public void prefetch(java.util.Collection<String> paths) {
            prefetched.addAll(paths);
        }

        @Override
        public String local(String path) {
            asked.add("local:" + path);
            return codexsync.fs.FileHasher.sha256(localContent.get(path).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public String cloud(String path) {
            asked.add("cloud:" + path);
            return codexsync.fs.FileHasher.sha256(cloudContent.get(path).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** The plan as short strings ("to_cloud a", "conflict a", "delete_local a", "skipped a") for readable asserts. */
    static List<String> summary(SyncPlan plan) {
        List<String> out = new ArrayList<>();
        for (PlannedAction a : plan.actions()) {
            out.add(switch (a.kind()) {
                case COPY_TO_CLOUD -> "to_cloud ";
                case COPY_TO_LOCAL -> "to_local ";
                case DELETE_LOCAL -> "delete_local ";
                case DELETE_CLOUD -> "delete_cloud ";
            } + a.path());
        }
        for (ContentWrite w : plan.contentWrites()) {
            out.add(w.kind().name().toLowerCase(java.util.Locale.ROOT) + (w.writeLocal() ? " local" : "")
                    + (w.writeCloud() ? " cloud" : "") + " " + w.path()
                    + (w.sourcePath().equals(w.path()) ? "" : " from " + w.sourcePath()));
        }
        plan.conflicts().forEach(c -> out.add("conflict " + c.path()));
        plan.skipped().forEach(s -> out.add("skipped " + s));
        return out;
    }
}
