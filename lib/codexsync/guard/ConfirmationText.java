// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import java.util.List;

/** The English wording shared by the dialog and the console prompt. */
public final class ConfirmationText {
    public static final String TITLE = "codexsync Confirmation";
    public static final String CONSOLE_PROMPT = "Type YES to terminate processes, or NO to cancel: ";

    private ConfirmationText() {
    }

    public static String question(List<ProcessSnapshot.Entry> processes) {
        StringBuilder b = new StringBuilder("Codex is running. codexsync needs it closed before it syncs.\n\n");
        for (ProcessSnapshot.Entry p : processes) {
            b.append("  ").append(p.name()).append(" (pid ").append(p.pid()).append(")\n");
        }
        b.append("\nAsk these processes to close and continue?\n")
                .append("(A polite close request: unsaved work in Codex may prompt you first. Nothing is force-killed.)");
        return b.toString();
    }
}
