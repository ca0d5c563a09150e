// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * OneDrive's conflict copies {@code <stem>-<host>[.<ext>]} are recognised with string tests, not a regex per scanned
 * file; the answers must be exactly those of the pattern used before (case folded for ASCII only).
 */
class CloudClientFilesTest {
    private static final List<String> HOSTS = List.of("laptop", "DESKTOP-7", "pc.lan", "Über");
    /** The former rule, kept here as the oracle. */
    private static final Pattern FORMER = Pattern.compile(".+-(?:" + String.join("|",
            HOSTS.stream().map(Pattern::quote).toList()) + ")(\\.[^.]+)?", Pattern.CASE_INSENSITIVE);

    @Test
    void oneDriveConflictCopiesAreTheNamesTheFormerPatternMatched() {
        CloudClientFiles rules = new CloudClientFiles(HOSTS);
        List<String> names = new ArrayList<>(List.of("history-laptop.jsonl", "history-LAPTOP.jsonl", "history-laptop",
                "-laptop", "-laptop.jsonl", "a-laptop.", "a-laptop.tar.gz", "a.b-laptop.md", "a-laptopx.md",
                "a-lapto.md", "a-desktop-7.jsonl", "x-DESKTOP-7", "notes-pc.lan", "notes-pc.lan.txt", "notes-pcxlan.txt",
                "a-über.md", "a-ÜBER.md", "a-Über.md", "rollout-2026-01-01T10-00-00-abc.jsonl", "line\n-laptop.md",
                "a-laptop.j\nson", "laptop", "a--laptop", "a-laptop-laptop.x", ".-laptop", "a-laptop.md.md"));
        for (String host : HOSTS) {
            names.add("s-" + host + ".jsonl");
            names.add("s-" + host.toUpperCase(java.util.Locale.ROOT));
        }
        for (String name : names) {
            CloudClientFiles.Kind expected = FORMER.matcher(name).matches() ? CloudClientFiles.Kind.CONFLICT_COPY
                    : CloudClientFiles.Kind.NONE;
            assertEquals(expected, rules.classify(name), name);
        }
        assertEquals(CloudClientFiles.Kind.CONFLICT_COPY, rules.classify("history-Laptop.jsonl"));
        assertEquals(CloudClientFiles.Kind.NONE, rules.classify("history-laptop.tar.gz"));
        assertEquals(CloudClientFiles.Kind.NONE, new CloudClientFiles(List.of()).classify("history-laptop.jsonl"));
    }
}
