// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import java.util.function.Consumer;

/**
 * The one use of {@code sun.misc.Signal} (module jdk.unsupported, present in every OpenJDK build): lets the JVM
 * keep running after SIGINT/SIGTERM so a run can stop at a safe point. Returns null when the signal cannot be
 * handled here (e.g. SIGTERM where the OS has no such signal), and the caller falls back to a shutdown hook.
 */
@SuppressWarnings("restriction")
final class SignalBridge {
    private SignalBridge() {
    }

    static Object handle(String name, Consumer<String> action) {
        try {
            return sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> action.accept(name));
        } catch (IllegalArgumentException | LinkageError e) {
            return null;
        }
    }

    static void restore(String name, Object previous) {
        if (previous instanceof sun.misc.SignalHandler h) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), h);
            } catch (IllegalArgumentException e) {
                // Could not restore: the flag is already set, so the next signal is merely ignored.
            }
        }
    }
}
