// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import java.time.Duration;
import java.util.List;

/** Asks processes to close and waits for them to be gone. Never a forced kill (D24). */
@FunctionalInterface
public interface CodexCloser {
    /** True when every listed process has exited within {@code timeout}. */
    boolean closeAndWait(List<ProcessSnapshot.Entry> processes, Duration timeout);
}
