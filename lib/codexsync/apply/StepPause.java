// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test-only hook for killing a real {@code sync --apply} process at an exact moment: with the system property
 * {@code codexsync.test.pauseAtStep=K} the applier logs {@code codexsync-test-pause step=K ...} on stderr when it
 * reaches its K-th step (counting every {@link ApplyStep} call from 1) and then sleeps until killed. Without the
 * property it does nothing. The crash-recovery test uses it to land SIGKILL inside the copy phase without timing.
 */
public final class StepPause implements ApplyHooks {
    public static final String PROPERTY = "codexsync.test.pauseAtStep";
    public static final String MARKER = "codexsync-test-pause";
    private static final Logger LOG = LoggerFactory.getLogger(StepPause.class);

    private final long pauseAt;
    private final AtomicLong count = new AtomicLong();

    private StepPause(long pauseAt) {
        this.pauseAt = pauseAt;
    }

    /** The hook the system properties ask for: {@link ApplyHooks#NONE} in normal runs. */
    public static ApplyHooks fromSystemProperties() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            return ApplyHooks.NONE;
        }
        return new StepPause(Long.parseLong(v.trim()));
    }

    @Override
    public void at(ApplyStep step, String path) {
        long n = count.incrementAndGet();
        if (n != pauseAt) {
            return;
        }
        LOG.warn("{} step={} kind={} path={}", MARKER, n, step, path);
        try {
            Thread.sleep(Long.MAX_VALUE); // killed here by the test
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
