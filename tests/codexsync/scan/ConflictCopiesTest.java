// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The cloud clients' conflict copies (D28): recognised for every known machine, and traced to their original. */
class ConflictCopiesTest {
    @Test
    void everyClientsConflictCopyIsTracedToItsOriginal() {
        CloudClientFiles rules = new CloudClientFiles(List.of("laptop", "DESKTOP-7"));
        List<String> files = List.of("history.sync-conflict-20261201-101010-ABCDEFG.jsonl",
                "skills/x/SKILL (desktop's conflicted copy 2026-12-01).md", "sessions/s (1).jsonl",
                "history-DESKTOP-7.jsonl", "history-laptop.jsonl", ".stignore");
        Snapshot s = new Snapshot(Path.of("/c"), new TreeMap<>(), List.of(), List.of(), files, List.of(), List.of(),
                List.of());
        List<ConflictCopies.Copy> copies = ConflictCopies.in(s, rules);
        assertEquals(List.of("history.jsonl", "skills/x/SKILL.md", "sessions/s.jsonl", "history-DESKTOP-7.jsonl",
                "history-laptop.jsonl"), copies.stream().map(ConflictCopies.Copy::original).toList());
        assertEquals(CloudClientFiles.Kind.NONE, new CloudClientFiles("laptop").classify("history-DESKTOP-7.jsonl"),
                "another PC's OneDrive copy is known only through that PC's state file");
        assertEquals(CloudClientFiles.Kind.NONE, rules.classify("rollout-2026-01-01T10-00-00-abc.jsonl"));
    }
}
