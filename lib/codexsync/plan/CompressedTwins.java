// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.plan;

import codexsync.scan.LogicalNames;
import codexsync.scan.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Groups {@code x.jsonl} and {@code x.jsonl.zst} into one logical file (D29) wherever a {@code .zst} exists on either
 * side. Per side the logical file is the plain one when both exist (Codex reads the plain one then: it is what a
 * resumed session writes), else the {@code .zst}; the other is a shadowed twin that is never synced on its own.
 *
 * @param plain     the plain name {@code x.jsonl}
 * @param localForm the local file that holds the logical content (plain or zst), null when local has neither
 * @param cloudForm the same on the cloud side
 */
record CompressedTwins(String plain, String localForm, String cloudForm) {

    /** Every group among {@code paths} with a {@code .zst} on some side (paths are the union of both sides). */
    static List<CompressedTwins> find(Set<String> paths, Snapshot local, Snapshot cloud) {
        List<CompressedTwins> out = new ArrayList<>();
        for (String p : paths) {
            if (!LogicalNames.isCompressed(p)) {
                continue;
            }
            String plain = LogicalNames.plainName(p);
            out.add(new CompressedTwins(plain, form(local, plain, p), form(cloud, plain, p)));
        }
        return out;
    }

    private static String form(Snapshot side, String plain, String zst) {
        if (side.files().containsKey(plain)) {
            return plain;
        }
        return side.files().containsKey(zst) ? zst : null;
    }

    /** Both physical names of this logical file (taken out of the per-path decisions). */
    List<String> names() {
        return List.of(plain, LogicalNames.compressedName(plain));
    }

    boolean sameForm() {
        return localForm != null && localForm.equals(cloudForm);
    }
}
