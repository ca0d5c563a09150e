// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cloud client's conflict copies a scan set aside (D28), each with the file it forked from and what the user
 * should do. They are never synced into the Codex home: when two machines wrote one file before the client carried
 * either, the client kept one version under the real name and the other under a name of its own.
 */
public final class ConflictCopies {
    /** One conflict copy: its path, the path of the file it forked from (best guess), and the advice. */
    public record Copy(String path, String original) {
        public String advice() {
            if (original.equals(path)) {
                return "the cloud client kept another machine's version of a file as " + path + "; it is not synced "
                        + "into Codex: merge what you need into the file it copies by hand, then delete " + path;
            }
            return "the cloud client kept another machine's version of " + original + " as " + path
                    + "; it is not synced into Codex: merge what you need into " + original + " by hand, then delete "
                    + path;
        }
    }

    private static final Pattern SYNCTHING = Pattern.compile("^(.*)\\.sync-conflict-[^.]*(\\..*)?$");
    private static final Pattern DROPBOX = Pattern.compile("^(.*) \\([^)]*conflicted copy[^)]*\\)(.*)$");
    private static final Pattern DRIVE = Pattern.compile("^(.*) \\(\\d+\\)(\\.[^.]+)?$");

    private ConflictCopies() {
    }

    /** The conflict copies among the cloud-client files of {@code snapshot}, classified by {@code rules}. */
    public static List<Copy> in(Snapshot snapshot, CloudClientFiles rules) {
        List<Copy> out = new ArrayList<>();
        for (String rel : snapshot.cloudClientFiles()) {
            String name = rel.substring(rel.lastIndexOf('/') + 1);
            if (rules.classify(name) == CloudClientFiles.Kind.CONFLICT_COPY) {
                out.add(new Copy(rel, rel.substring(0, rel.length() - name.length()) + original(name)));
            }
        }
        return out;
    }

    /** The name a conflict copy forked from: {@code a.sync-conflict-20260101-101010-ABCDEFG.md} gives {@code a.md}. */
    static String original(String name) {
        for (Pattern p : List.of(SYNCTHING, DROPBOX, DRIVE)) {
            Matcher m = p.matcher(name);
            if (m.matches()) {
                return m.group(1) + (m.group(2) == null ? "" : m.group(2));
            }
        }
        // OneDrive's <stem>-<PC name>.<ext>: the PC name cannot be told from a dash in the stem; say the copy itself.
        return name;
    }
}
