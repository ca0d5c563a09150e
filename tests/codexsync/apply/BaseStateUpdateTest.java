// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import static codexsync.testsupport.SyncFixtures.T0;
import static codexsync.testsupport.SyncFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.plan.BaseState;
import codexsync.scan.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The base state after a run: unchanged paths keep their very entries, and a run that changed nothing keeps it all. */
class BaseStateUpdateTest {
    @TempDir
    Path dir;

    private ApplyKit synced() throws Exception {
        ApplyKit k = new ApplyKit(dir, "laptop");
        for (int i = 0; i < 5; i++) {
            write(k.local, "sessions/s" + i + ".jsonl", "s" + i + "\n", T0 + i);
        }
        write(k.cloud, "sessions/from-cloud.jsonl", "c\n", T0);
        k.sync();
        return k;
    }

    private BaseState after(ApplyKit k, BaseState base) throws Exception {
        Snapshot l = k.scan(k.local);
        Snapshot c = k.scan(k.cloud);
        return BaseStateUpdate.after(base, k.plan(), l, c, List.of(), k.local, k.cloud);
    }

    @Test
    void a_run_that_changed_nothing_keeps_the_previous_state_itself() throws Exception {
        ApplyKit k = synced();
        BaseState base = k.base();
        assertEquals(6, base.files().size());
        assertSame(base, after(k, base));
    }

    @Test
    void a_path_changed_alike_on_both_sides_gets_a_new_entry_and_the_others_keep_theirs() throws Exception {
        ApplyKit k = synced();
        BaseState base = k.base();
        // The same new bytes and mtime on both sides: nothing to copy, but the base must record the new version.
        write(k.local, "sessions/s2.jsonl", "changed\n", T0 + 100);
        write(k.cloud, "sessions/s2.jsonl", "changed\n", T0 + 100);
        BaseState next = after(k, base);
        assertNotSame(base, next);
        assertEquals(base.files().keySet(), next.files().keySet());
        assertEquals(8, next.entry("sessions/s2.jsonl").local().size());
        for (String p : base.files().keySet()) {
            if (!p.equals("sessions/s2.jsonl")) {
                assertSame(base.entry(p), next.entry(p), p);
            }
        }
    }

    @Test
    void a_path_gone_from_both_sides_is_dropped() throws Exception {
        ApplyKit k = synced();
        BaseState base = k.base();
        Files.delete(k.local.resolve("sessions/s4.jsonl"));
        Files.delete(k.cloud.resolve("sessions/s4.jsonl"));
        BaseState next = after(k, base);
        assertNotSame(base, next);
        assertFalse(next.files().containsKey("sessions/s4.jsonl"));
        assertEquals(5, next.files().size());
        assertTrue(next.files().containsKey("sessions/from-cloud.jsonl"));
    }
}
