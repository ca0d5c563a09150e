// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.JDialog;
import javax.swing.SwingUtilities;

/**
 * Run in a separate JVM on a (virtual) display: shows the real confirmation dialog, finds it among the open
 * windows, optionally saves a screenshot, clicks the requested button on the EDT and prints what happened:
 * {@code answer=<true|false> alwaysOnTop=<bool> title=<title> text=<first line>}.
 * Usage: {@code DialogDriverFixture Yes|No [screenshot.png]}.
 */
public final class DialogDriverFixture {
    private DialogDriverFixture() {
    }

    public static void main(String... args) throws Exception {
        String button = args[0];
        String text = ConfirmationText.question(List.of(new ProcessSnapshot.Entry(5000, 1, "Codex.exe", ""),
                new ProcessSnapshot.Entry(5010, 5000, "Codex.exe", "")));
        CompletableFuture<Optional<Boolean>> answer = CompletableFuture.supplyAsync(() -> new SwingConfirmation().ask(text));
        JDialog dialog = null;
        for (int i = 0; i < 200 && dialog == null; i++) {
            if (answer.isDone()) {
                System.out.println("answer=" + answer.get() + " (no dialog shown)");
                System.exit(2);
            }
            for (Window w : Window.getWindows()) {
                if (w instanceof JDialog d && d.isShowing() && ConfirmationText.TITLE.equals(d.getTitle())) {
                    dialog = d;
                }
            }
            Thread.sleep(50);
        }
        if (dialog == null) {
            System.out.println("no dialog found");
            System.exit(3);
        }
        Thread.sleep(500);
        if (args.length > 1) {
            Rectangle screen = new Rectangle(Toolkit.getDefaultToolkit().getScreenSize());
            BufferedImage shot = new Robot().createScreenCapture(screen.intersection(grow(dialog.getBounds(), 40)));
            ImageIO.write(shot, "png", new File(args[1]));
        }
        boolean onTop = dialog.isAlwaysOnTop();
        String title = dialog.getTitle();
        AbstractButton target = find(dialog, button);
        if (target == null) {
            System.out.println("no button " + button);
            System.exit(4);
        }
        SwingUtilities.invokeLater(target::doClick);
        Optional<Boolean> result = answer.get(20, TimeUnit.SECONDS);
        System.out.println("answer=" + result.map(String::valueOf).orElse("none") + " alwaysOnTop=" + onTop
                + " title=" + title + " text=" + text.lines().findFirst().orElse(""));
        System.exit(0);
    }

    private static Rectangle grow(Rectangle r, int by) {
        return new Rectangle(r.x - by, r.y - by, r.width + 2 * by, r.height + 2 * by);
    }

    private static AbstractButton find(java.awt.Container c, String label) {
        for (java.awt.Component child : c.getComponents()) {
            if (child instanceof AbstractButton b && label.equals(b.getText())) {
                return b;
            }
            if (child instanceof java.awt.Container inner) {
                AbstractButton found = find(inner, label);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
