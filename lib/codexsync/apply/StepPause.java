// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test-only hook that slows a real writing run down so a test can signal it mid-run: with the system property
 * {@value #DELAY_PROPERTY}{@code =MS} the engine logs {@code codexsync-test-step n=N kind=K} on stderr at every
 * {@link ApplyStep} and sleeps MS milliseconds. Without the property it does nothing. (Kills at an exact step or
 * byte are {@link codexsync.fs.CrashPoints}'s job.)
 */
public final class StepPause implements ApplyHooks {
    public static final String DELAY_PROPERTY = "codexsync.test.stepDelayMs";
    private static final Logger LOG = LoggerFactory.getLogger(StepPause.class);

    private final long delayMs;
    private long count;

    private StepPause(long delayMs) {
        this.delayMs = delayMs;
    }

    /** The hook the system property asks for: {@link ApplyHooks#NONE} in normal runs. */
    public static ApplyHooks fromSystemProperties() {
        String d = System.getProperty(DELAY_PROPERTY);
        return d == null || d.isBlank() ? ApplyHooks.NONE : new StepPause(Long.parseLong(d.trim()));
    }

    @Override
    public void at(ApplyStep step, String path) {
        LOG.warn("codexsync-test-step n={} kind={}", ++count, step);
        try {
            Thread.sleep(delayMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
