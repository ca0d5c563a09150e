// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import java.time.Duration;

/** Waiting, made replaceable so tests do not sleep through grace periods and close timeouts. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration d);

    Sleeper REAL = d -> {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    };
}
