// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import codexsync.config.ProcessOptions.ConfirmationMode;
import java.util.List;

/**
 * Asks the user, in English, whether the listed Codex processes may be closed. Returns true only on an explicit yes;
 * anything else (no, a closed dialog, no terminal and no display) is a refusal, so the run stops with exit 3.
 */
@FunctionalInterface
public interface TerminationConfirmer {
    boolean confirm(List<ProcessSnapshot.Entry> processes, ConfirmationMode mode);

    /** The real one: a Swing dialog in GUI mode (console when there is no display), else the console. */
    static TerminationConfirmer standard() {
        return (processes, mode) -> {
            String text = ConfirmationText.question(processes);
            if (mode == ConfirmationMode.GUI) {
                var answer = new SwingConfirmation().ask(text);
                if (answer.isPresent()) {
                    return answer.get();
                }
            }
            return new ConsoleConfirmation(ConsoleConfirmation.systemConsole()).ask(text);
        };
    }
}
