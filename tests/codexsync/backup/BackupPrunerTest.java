// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupPrunerTest {
    @TempDir
    Path backups;

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @BeforeEach
    void populate() throws Exception {
        for (String d : List.of("laptop-20261001T000000Z", "laptop-20261120T000000Z", "laptop-20261124T000000Z",
                "laptop-20261124T000000Z-2", "laptop-2-20261001T000000Z", "desktop-20261001T000000Z", "sessions",
                "laptop-20261001T000000Z.zip", ".laptop-20261001T000000Z.codexsync-0123456789ab.tmp",
                "laptop-20261301T000000Z")) {
            Files.createDirectories(backups.resolve(d)); // note: a FOLDER named .zip is not a zip snapshot
            Files.writeString(backups.resolve(d).resolve("f.txt"), d);
        }
        Files.writeString(backups.resolve("laptop-20261002T000000Z.zip"), "zip");
        Files.writeString(backups.resolve("desktop-20261002T000000Z.zip"), "zip");
        Files.writeString(backups.resolve("notes.txt"), "mine, not codexsync's");
    }

    @Test
    void retention_deletes_only_this_machines_old_snapshots_by_the_time_in_their_name() throws Exception {
        List<String> deleted = new BackupPruner(backups, "laptop").prune(30, 0, NOW, Set.of());
        assertEquals(List.of("laptop-20261001T000000Z", "laptop-20261002T000000Z.zip"), deleted);
        assertEquals(Set.of("laptop-20261120T000000Z", "laptop-20261124T000000Z", "laptop-20261124T000000Z-2",
                "laptop-2-20261001T000000Z", "desktop-20261001T000000Z", "sessions", "laptop-20261001T000000Z.zip",
                ".laptop-20261001T000000Z.codexsync-0123456789ab.tmp", "laptop-20261301T000000Z",
                "desktop-20261002T000000Z.zip", "notes.txt"), names());
    }

    @Test
    void max_backups_keeps_the_newest_and_spares_a_snapshot_an_unfinished_run_needs() throws Exception {
        List<String> deleted = new BackupPruner(backups, "laptop").prune(0, 1, NOW, Set.of("laptop-20261001T000000Z"));
        assertEquals(List.of("laptop-20261002T000000Z.zip", "laptop-20261120T000000Z", "laptop-20261124T000000Z"),
                deleted);
        Set<String> left = names();
        assertTrue(left.contains("laptop-20261124T000000Z-2"), "newest kept");
        assertTrue(left.contains("laptop-20261001T000000Z"), "protected kept");
        assertTrue(left.containsAll(Set.of("laptop-2-20261001T000000Z", "desktop-20261001T000000Z", "sessions",
                "desktop-20261002T000000Z.zip", "notes.txt")), "others untouched: " + left);
    }

    @Test
    void one_parser_reads_any_machines_name_from_the_right_and_the_one_machine_filter_stays_exact() {
        var any = SnapshotNames.parse("laptop-2-20261124T000000Z-3.zip").orElseThrow();
        assertEquals("laptop-2", any.machineId());
        assertEquals(Instant.parse("2026-11-24T00:00:00Z"), any.time());
        assertEquals(3, any.sequence());
        assertTrue(any.zip());
        assertTrue(SnapshotNames.parse("laptop", "laptop-2-20261124T000000Z-3.zip").isEmpty());
        assertTrue(SnapshotNames.parse("laptop-2", "laptop-2-20261124T000000Z-3.zip").isPresent());
        assertTrue(SnapshotNames.parse("laptop-20261301T000000Z").isEmpty(), "month 13 is no codexsync name");
        assertTrue(SnapshotNames.parse("laptop-20261124T000000Z.ZIP").isEmpty(), "the suffix is exact");
    }

    @Test
    void names_follow_the_format_and_a_second_run_in_the_same_second_gets_a_suffix() throws Exception {
        Instant t = Instant.parse("2026-11-24T00:00:00.900Z");
        assertEquals("laptop-20261124T000000Z", SnapshotNames.baseName("laptop", t));
        BackupWriter w = new BackupWriter(backups, "laptop", t, codexsync.config.BackupOptions.Compression.NONE, "x");
        assertEquals("laptop-20261124T000000Z-3", w.nextName());
        assertTrue(w.write("laptop-20261124T000000Z-3", List.of()).isEmpty(), "nothing to back up, nothing written");
        assertTrue(!Files.exists(backups.resolve("laptop-20261124T000000Z-3")));
    }

    private Set<String> names() throws Exception {
        try (var s = Files.list(backups)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
