// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JDialog;
import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;

/**
 * The GUI confirmation: a modal, always-on-top Yes/No dialog titled {@value ConfirmationText#TITLE}, so it is
 * not hidden behind Codex's own window. Empty when no dialog can be shown (headless JVM, no display, Swing
 * failure), so the caller falls back to the console.
 */
public final class SwingConfirmation {

    /** Yes → true, No or closing the window → false; empty when no dialog could be shown. */
    public Optional<Boolean> ask(String text) {
        if (GraphicsEnvironment.isHeadless()) {
            return Optional.empty();
        }
        AtomicReference<Boolean> answer = new AtomicReference<>();
        try {
            // Modal dialogs pump events themselves, so showing one inside invokeAndWait does not block the EDT.
            SwingUtilities.invokeAndWait(() -> answer.set(show(text)));
        } catch (InvocationTargetException | HeadlessException | InternalError e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return Optional.ofNullable(answer.get());
    }

    private static Boolean show(String text) {
        JOptionPane pane = new JOptionPane(text, JOptionPane.WARNING_MESSAGE, JOptionPane.YES_NO_OPTION);
        JDialog dialog = pane.createDialog(ConfirmationText.TITLE);
        dialog.setAlwaysOnTop(true);
        dialog.setModal(true);
        try {
            dialog.setVisible(true);
            Object value = pane.getValue();
            return value instanceof Integer i && i == JOptionPane.YES_OPTION;
        } finally {
            dialog.dispose();
        }
    }
}
