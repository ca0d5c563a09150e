// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.apply.MachineState;
import codexsync.fs.FileHasher;
import codexsync.plan.BaseEntry;
import codexsync.plan.BaseState;
import codexsync.plan.Fingerprint;
import codexsync.scan.ContentHashes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the state file a writing sync saves last (D27): the new base state plus the handoff record, i.e. the size,
 * mtime and SHA-256 of every file this machine pushed or agreed on in the cloud mirror, and tombstones for files it
 * agreed are gone. A file's bytes are read here only when no hash of them exists yet: hashes come from the base state
 * (computed while copying the files written this run), from the plan (compare = mtime_hash_fallback hashed both
 * sides of files that looked equal), or from the previous record when size and mtime are unchanged. The rest (e.g.
 * a first sync of a machine whose files were already in the cloud) are hashed together on every core.
 */
final class HandoffRecorder {
    private HandoffRecorder() {
    }

    static MachineState next(MachineState previous, BaseState base, Path cloudRoot, String hostName,
                             Instant finishedAt, List<MachineState> others) throws IOException {
        return next(previous, base, cloudRoot, hostName, finishedAt, others, ContentHashes.NONE);
    }

    /**
     * @param others     the other machines' states: a tombstone is kept only while one of them still lists that very
     *                   version, since it exists only to tell them (and their readers) the file was deleted on purpose
     * @param planHashes hashes the plan already computed (only {@link ContentHashes#cloudIfHashed} is asked)
     */
    static MachineState next(MachineState previous, BaseState base, Path cloudRoot, String hostName,
                             Instant finishedAt, List<MachineState> others, ContentHashes planHashes)
            throws IOException {
        Map<String, Fingerprint> handoff = base == previous.base() && recordUnchanged(previous, planHashes)
                ? previous.handoff() : record(previous, base, cloudRoot, planHashes);
        Map<String, Fingerprint> tombstones = new TreeMap<>(previous.tombstones());
        previous.handoff().forEach((path, entry) -> {
            if (!handoff.containsKey(path)) {
                tombstones.put(path, entry);
            }
        });
        tombstones.keySet().removeIf(handoff::containsKey);
        tombstones.entrySet().removeIf(t -> others.stream().noneMatch(o -> HandoffCheck.sameContent(t.getValue(),
                o.handoff().get(t.getKey()))));
        return new MachineState(previous.machineId(), hostName, finishedAt, base, handoff, Map.copyOf(tombstones),
                null);
    }

    /**
     * Whether the previous record already says, entry for entry, what a record of its own base state would (a run
     * that kept that base state as it was, i.e. changed nothing): then it is kept as it is, not built again.
     */
    private static boolean recordUnchanged(MachineState previous, ContentHashes planHashes) {
        int entries = 0;
        for (Map.Entry<String, BaseEntry> e : previous.base().files().entrySet()) {
            Fingerprint cloud = e.getValue().cloud();
            if (cloud == null) {
                continue;
            }
            Fingerprint before = previous.handoff().get(e.getKey());
            if (before == null || !sameVersion(before, cloud, knownHash(e.getKey(), cloud, previous, planHashes))) {
                return false;
            }
            entries++;
        }
        return entries == previous.handoff().size();
    }

    private static boolean sameVersion(Fingerprint before, Fingerprint cloud, String sha) {
        return sha != null && before.size() == cloud.size() && before.mtimeNs() == cloud.mtimeNs()
                && sha.equals(before.sha256());
    }

    /** The handoff record of {@code base}, hashing the cloud files whose hash is not known yet. */
    private static Map<String, Fingerprint> record(MachineState previous, BaseState base, Path cloudRoot,
                                                   ContentHashes planHashes) throws IOException {
        Map<String, Fingerprint> handoff = new HashMap<>();
        List<String> unhashed = new ArrayList<>();
        List<Path> unhashedFiles = new ArrayList<>();
        for (Map.Entry<String, BaseEntry> e : base.files().entrySet()) {
            Fingerprint cloud = e.getValue().cloud();
            if (cloud == null) {
                continue;
            }
            String sha = knownHash(e.getKey(), cloud, previous, planHashes);
            if (sha != null) {
                // The previous record's entry when it says the same (a no-change run makes no new objects).
                Fingerprint before = previous.handoff().get(e.getKey());
                boolean same = before != null && sameVersion(before, cloud, sha);
                handoff.put(e.getKey(), same ? before : new Fingerprint(cloud.size(), cloud.mtimeNs(), sha));
                continue;
            }
            Path file = cloudRoot.resolve(e.getKey());
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) { // else gone since the scan: nothing to hand off
                unhashed.add(e.getKey());
                unhashedFiles.add(file);
            }
        }
        List<String> hashes = FileHasher.sha256All(unhashedFiles);
        for (int i = 0; i < unhashed.size(); i++) {
            Fingerprint cloud = base.files().get(unhashed.get(i)).cloud();
            handoff.put(unhashed.get(i), new Fingerprint(cloud.size(), cloud.mtimeNs(), hashes.get(i)));
        }
        return java.util.Collections.unmodifiableMap(handoff);
    }

    /** A hash of this cloud file's current content that needs no read, or null. */
    private static String knownHash(String path, Fingerprint cloud, MachineState previous, ContentHashes planHashes) {
        if (cloud.sha256() != null) {
            return cloud.sha256();
        }
        String planned = planHashes.cloudIfHashed(path);
        if (planned != null) {
            return planned;
        }
        Fingerprint before = previous.handoff().get(path);
        return before != null && before.size() == cloud.size() && before.mtimeNs() == cloud.mtimeNs()
                ? before.sha256() : null;
    }
}
