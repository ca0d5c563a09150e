// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM during {@code --apply} into a stop request the applier honours at its next
 * safe point (between files), so the run closes its journal consistently and ends with exit 5 instead of dying
 * mid-file. Installed with {@code sun.misc.Signal} where the JDK offers it: the JVM then keeps running until the
 * applier stops. Where it does not, a shutdown hook sets the same flag and waits (bounded) for the safe point.
 * A second signal is not intercepted again, so a user can still force the process down (the journal lets the
 * next run recover).
 */
final class StopOnSignal implements AutoCloseable, BooleanSupplier {
    private static final Logger LOG = LoggerFactory.getLogger(StopOnSignal.class);
    /** How long a shutdown hook waits for the applier's safe point before letting the JVM go. */
    private static final long HOOK_WAIT_SECONDS = 20;

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Object[] previous = new Object[2];
    private final Thread hook;

    private StopOnSignal() {
        hook = new Thread(() -> {
            requested.set(true);
            try {
                finished.await(HOOK_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "codexsync-stop");
    }

    static StopOnSignal install() {
        StopOnSignal s = new StopOnSignal();
        s.previous[0] = SignalBridge.handle("INT", s::onSignal);
        s.previous[1] = SignalBridge.handle("TERM", s::onSignal);
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    private void onSignal(String name) {
        if (requested.compareAndSet(false, true)) {
            LOG.warn("SIG{} received: stopping after the current file (signal again to force; the next run recovers)",
                    name);
            // Restore the default handlers so a second signal ends the process the usual way.
            SignalBridge.restore("INT", previous[0]);
            SignalBridge.restore("TERM", previous[1]);
        }
    }

    @Override
    public boolean getAsBoolean() {
        return requested.get();
    }

    /** The applier reached an end (finished, stopped or failed): release a waiting shutdown hook. */
    @Override
    public void close() {
        finished.countDown();
        SignalBridge.restore("INT", previous[0]);
        SignalBridge.restore("TERM", previous[1]);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook is running and has just been released.
        }
    }
}
