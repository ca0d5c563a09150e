// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.apply.MachineState;
import codexsync.fs.FileHasher;
import codexsync.plan.BaseEntry;
import codexsync.plan.BaseState;
import codexsync.plan.Fingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the state file a writing sync saves last (D27): the new base state plus the handoff record, i.e. the size,
 * mtime and SHA-256 of every file this machine pushed or agreed on in the cloud mirror, and tombstones for files it
 * agreed are gone. Hashes are reused from the base state (files written this run) or from the previous record when
 * size and mtime are unchanged, so only files that changed since are read again.
 */
final class HandoffRecorder {
    private HandoffRecorder() {
    }

    /**
     * @param others the other machines' states: a tombstone is kept only while one of them still lists that very
     *               version, since it exists only to tell them (and their readers) the file was deleted on purpose
     */
    static MachineState next(MachineState previous, BaseState base, Path cloudRoot, String hostName,
                             Instant finishedAt, List<MachineState> others) throws IOException {
        Map<String, Fingerprint> handoff = new TreeMap<>();
        for (Map.Entry<String, BaseEntry> e : base.files().entrySet()) {
            Fingerprint cloud = e.getValue().cloud();
            if (cloud == null) {
                continue;
            }
            String sha = cloud.sha256();
            Fingerprint before = previous.handoff().get(e.getKey());
            if (sha == null && before != null && before.size() == cloud.size() && before.mtimeNs() == cloud.mtimeNs()) {
                sha = before.sha256();
            }
            Path file = cloudRoot.resolve(e.getKey());
            if (sha == null) {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // gone since the scan: nothing to hand off
                }
                sha = FileHasher.sha256(file);
            }
            handoff.put(e.getKey(), new Fingerprint(cloud.size(), cloud.mtimeNs(), sha));
        }
        Map<String, Fingerprint> tombstones = new TreeMap<>(previous.tombstones());
        previous.handoff().forEach((path, entry) -> {
            if (!handoff.containsKey(path)) {
                tombstones.put(path, entry);
            }
        });
        tombstones.keySet().removeIf(handoff::containsKey);
        tombstones.entrySet().removeIf(t -> others.stream().noneMatch(o -> HandoffCheck.sameContent(t.getValue(),
                o.handoff().get(t.getKey()))));
        return new MachineState(previous.machineId(), hostName, finishedAt, base, Map.copyOf(handoff),
                Map.copyOf(tombstones), null);
    }
}
