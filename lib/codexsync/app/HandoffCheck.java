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
 * Reads only; hashes a file only when its size matches and its mtime does not.
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
            int pending = 0;
            List<String> examples = new ArrayList<>();
            // In path order, so the files named as examples are the same on every run.
            for (Map.Entry<String, Fingerprint> e : new TreeMap<>(m.handoff()).entrySet()) {
                if (!arrived(cloudRoot, e.getKey(), e.getValue(), m, all)) {
                    pending++;
                    if (examples.size() < 5) {
                        examples.add(e.getKey());
                    }
                }
            }
            out.add(new Arrival(m.machineId(), m.finishedAt(), m.handoff().size(), pending, List.copyOf(examples)));
        }
        return out;
    }

    private static boolean arrived(Path cloudRoot, String rel, Fingerprint recorded, MachineState from,
                                   List<MachineState> all) throws IOException {
        Path file = cloudRoot.resolve(rel);
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException missing) {
            return deletedSince(rel, recorded, from, all);
        }
        if (!a.isRegularFile()) {
            return false;
        }
        long mtime = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        if (a.size() == recorded.size() && mtime == recorded.mtimeNs()) {
            return true;
        }
        if (mtime > recorded.mtimeNs()) {
            return true; // changed after the record was written
        }
        return a.size() == recorded.size() && FileHasher.sha256(file).equalsIgnoreCase(recorded.sha256());
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
