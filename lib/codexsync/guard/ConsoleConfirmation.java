// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import java.io.Console;
import java.util.Locale;

/**
 * The console prompt of 0.1.1: {@value ConfirmationText#CONSOLE_PROMPT}; {@code yes} or {@code y} (any case) approve.
 * Without a terminal nobody can answer, so that counts as "no" (D24) — a scheduled run never closes Codex silently.
 */
public final class ConsoleConfirmation {
    /** A terminal to ask on; {@link #readLine} returns null at end of input or when there is no terminal. */
    @FunctionalInterface
    public interface Terminal {
        String readLine(String text, String prompt);
    }

    private final Terminal terminal;

    public ConsoleConfirmation(Terminal terminal) {
        this.terminal = terminal;
    }

    /** The process's terminal via {@link System#console()}, or a terminal that never answers when there is none. */
    public static Terminal systemConsole() {
        return (text, prompt) -> {
            Console console = System.console();
            if (console == null) {
                return null;
            }
            console.printf("%s%n", text);
            return console.readLine("%s", prompt);
        };
    }

    public boolean ask(String text) {
        String answer = terminal.readLine(text, ConfirmationText.CONSOLE_PROMPT);
        if (answer == null) {
            return false;
        }
        String a = answer.strip().toLowerCase(Locale.ROOT);
        return a.equals("yes") || a.equals("y");
    }
}
