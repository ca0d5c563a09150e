// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.apply.MachineState;
import codexsync.fs.FileHasher;
import codexsync.plan.Fingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Compares every other machine's newest handoff record with this machine's cloud mirror (D27): has everything that
 * machine left in the cloud arrived here? Per file of a record:
 * <ul>
 *   <li>present with the recorded size and mtime, or the recorded size and hash: arrived;</li>
 *   <li>present and newer than the record (mtime): changed since, by this or a third machine: fine;</li>
 *   <li>present, older or of another size/hash: the cloud client is still delivering that machine's copy;</li>
 *   <li>missing: still arriving, unless some other machine's state file carries a tombstone for that very version
 *       (it deleted the file, or agreed the deletion, after that record was written).</li>
 * </ul>
 * Reads only; hashes a file only when its size matches and its mtime does not (all such files of a record at once, on
 * every core).
 */
final class HandoffCheck {
    /** How many of one machine's files have not arrived: {@code pending} of {@code total}, a few named. */
    record Arrival(String machineId, Instant finishedAt, int total, int pending, List<String> examples) {
        boolean complete() {
            return pending == 0;
        }
    }

    private HandoffCheck() {
    }

    /** One {@link Arrival} per other machine that has a handoff record, in machine-id order. */
    static List<Arrival> check(MachineState own, List<MachineState> others, Path cloudRoot) throws IOException {
        List<MachineState> all = new ArrayList<>(others);
        all.add(own);
        List<Arrival> out = new ArrayList<>();
        for (MachineState m : others) {
            if (!m.hasHandoff()) {
                continue;
            }
            // In path order, so the files named as examples are the same on every run.
            List<Map.Entry<String, Fingerprint>> entries = new ArrayList<>(new TreeMap<>(m.handoff()).entrySet());
            boolean[] arrived = new boolean[entries.size()];
            List<Integer> toHash = new ArrayList<>();
            List<Path> filesToHash = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                Map.Entry<String, Fingerprint> e = entries.get(i);
                Verdict v = byMetadata(cloudRoot, e.getKey(), e.getValue(), m, all);
                if (v == Verdict.HASH) {
                    toHash.add(i);
                    filesToHash.add(cloudRoot.resolve(e.getKey()));
                } else {
                    arrived[i] = v == Verdict.ARRIVED;
                }
            }
            // A client that rounds mtimes makes every file look older than its record: hash those on every core.
            List<String> hashes = FileHasher.sha256All(filesToHash);
            for (int j = 0; j < toHash.size(); j++) {
                arrived[toHash.get(j)] = hashes.get(j).equalsIgnoreCase(entries.get(toHash.get(j)).getValue().sha256());
            }
            int pending = 0;
            List<String> examples = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                if (!arrived[i]) {
                    pending++;
                    if (examples.size() < 5) {
                        examples.add(entries.get(i).getKey());
                    }
                }
            }
            out.add(new Arrival(m.machineId(), m.finishedAt(), m.handoff().size(), pending, List.copyOf(examples)));
        }
        return out;
    }

    /** What size and mtime alone say about one recorded file. */
    private enum Verdict { ARRIVED, PENDING, HASH }

    private static Verdict byMetadata(Path cloudRoot, String rel, Fingerprint recorded, MachineState from,
                                      List<MachineState> all) throws IOException {
        Path file = cloudRoot.resolve(rel);
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException missing) {
            return deletedSince(rel, recorded, from, all) ? Verdict.ARRIVED : Verdict.PENDING;
        }
        if (!a.isRegularFile()) {
            return Verdict.PENDING;
        }
        long mtime = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        if (a.size() == recorded.size() && mtime == recorded.mtimeNs()) {
            return Verdict.ARRIVED;
        }
        if (mtime > recorded.mtimeNs()) {
            return Verdict.ARRIVED; // changed after the record was written
        }
        return a.size() == recorded.size() ? Verdict.HASH : Verdict.PENDING;
    }

    /** True when a machine other than {@code from} agreed that exactly this version of the file is gone. */
    private static boolean deletedSince(String rel, Fingerprint recorded, MachineState from, List<MachineState> all) {
        for (MachineState m : all) {
            if (m != from && sameContent(recorded, m.tombstones().get(rel))) {
                return true;
            }
        }
        return false;
    }

    /** Same bytes as far as a record can tell: equal size and hash (mtimes differ between clients). */
    static boolean sameContent(Fingerprint a, Fingerprint b) {
        return a != null && b != null && a.size() == b.size() && a.sha256().equalsIgnoreCase(b.sha256());
    }
}
