// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Results come back in index order whatever finishes first; a failure is the lowest one; no work outlives the call. */
class InOrderParallelTest {
    @Test
    void results_are_in_index_order_when_later_work_finishes_first() throws Exception {
        List<Integer> out = InOrderParallel.map(40, 8, "test", i -> {
            sleep((40 - i) % 7);
            return i * i;
        });
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            expected.add(i * i);
        }
        assertEquals(expected, out);
    }

    @Test
    void the_lowest_failing_index_is_reported_and_nothing_runs_after_the_call_returns() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger startedAfterReturn = new AtomicInteger();
        boolean[] returned = {false};
        IOException e = assertThrows(IOException.class, () -> InOrderParallel.map(64, 8, "test", i -> {
            if (returned[0]) {
                startedAfterReturn.incrementAndGet();
            }
            running.incrementAndGet();
            try {
                sleep(i == 3 ? 30 : 2); // index 3 fails last, after others failed
                if (i == 3 || i == 9 || i == 10) {
                    throw new IOException("failed " + i);
                }
                return i;
            } finally {
                running.decrementAndGet();
            }
        }));
        returned[0] = true;
        assertEquals("failed 3", e.getMessage());
        assertEquals(0, running.get(), "a worker was still running when map() returned");
        sleep(50);
        assertEquals(0, startedAfterReturn.get());
    }

    @Test
    void one_thread_runs_in_the_callers_thread_in_order() throws Exception {
        List<String> seen = new ArrayList<>();
        InOrderParallel.map(5, 1, "test", i -> {
            seen.add(Thread.currentThread().getName() + i);
            return i;
        });
        String me = Thread.currentThread().getName();
        assertEquals(List.of(me + 0, me + 1, me + 2, me + 3, me + 4), seen);
        assertTrue(InOrderParallel.map(0, 8, "test", i -> i).isEmpty());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
