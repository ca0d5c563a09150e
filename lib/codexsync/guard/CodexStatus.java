// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import java.util.List;

/**
 * What the process list says about Codex.
 *
 * @param state       UNKNOWN when the process list could not be read
 * @param main        running processes named in {@code process_detection.process_names}
 * @param descendants their children, grandchildren, … (breadth-first)
 * @param sandbox     the processes that show Codex's Windows sandbox is active (empty elsewhere)
 * @param source      where the list came from, or why it could not be read
 */
public record CodexStatus(State state, List<ProcessSnapshot.Entry> main, List<ProcessSnapshot.Entry> descendants,
                          List<ProcessSnapshot.Entry> sandbox, String source) {

    public enum State { UNKNOWN, NOT_RUNNING, RUNNING }

    public CodexStatus {
        main = List.copyOf(main);
        descendants = List.copyOf(descendants);
        sandbox = List.copyOf(sandbox);
    }

    public static CodexStatus unknown(String why) {
        return new CodexStatus(State.UNKNOWN, List.of(), List.of(), List.of(), why);
    }

    public boolean sandboxDetected() {
        return !sandbox.isEmpty();
    }
}
