// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import codexsync.testsupport.CiRequired;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real Swing dialog on a real (virtual) X display, answered by clicking its buttons. Runs in a child JVM with
 * {@code DISPLAY} set, because a JVM decides once at start whether it is headless. Uses the session's display or
 * starts its own Xvfb; skipped only when neither exists.
 */
class SwingConfirmationTest {
    static VirtualDisplayFixture display;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startDisplay() throws Exception {
        display = VirtualDisplayFixture.open().orElse(null);
    }

    @AfterAll
    static void stopDisplay() throws Exception {
        if (display != null) {
            display.close();
        }
    }

    private String drive(String button, Path screenshot) throws Exception {
        assumeTrue(display != null, "no DISPLAY and no Xvfb on PATH");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                DialogDriverFixture.class.getName(), button));
        if (screenshot != null) {
            cmd.add(screenshot.toString());
        }
        Path out = tmp.resolve("driver-" + button + ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("DISPLAY", display.display);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("dialog driver hung: " + Files.readString(out, StandardCharsets.UTF_8));
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    @CiRequired
    @ParameterizedTest
    @CsvSource({"Yes, true", "No, false"})
    void theDialogIsOnTopTitledAndItsAnswerIsReturned(String button, boolean expected) throws Exception {
        String result = drive(button, null);
        assertTrue(result.contains("answer=" + expected), result);
        assertTrue(result.contains("alwaysOnTop=true"), result);
        assertTrue(result.contains("title=codexsync Confirmation"), result);
        assertTrue(result.contains("text=Codex is running."), result);
    }

    @CiRequired
    @Test
    void screenshotShowsTheDialog() throws Exception {
        Path png = tmp.resolve("dialog.png");
        drive("Yes", png);
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertTrue(img.getWidth() > 200 && img.getHeight() > 100, "a dialog-sized capture: " + img.getWidth() + "x" + img.getHeight());
        // Save a copy for docs when asked (CODEXSYNC_SCREENSHOT=path).
        String keep = System.getenv("CODEXSYNC_SCREENSHOT");
        if (keep != null && !keep.isBlank()) {
            Files.copy(png, Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void headlessJvmGivesNoAnswerSoTheConsoleIsAsked() {
        // This test JVM has no DISPLAY in CI; when it is headless the dialog must step aside, not throw.
        assumeTrue(java.awt.GraphicsEnvironment.isHeadless(), "this JVM has a display");
        assertEquals(Optional.empty(), new SwingConfirmation().ask("question"));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {"yes, true", "Y, true", "  YES , true", "no, false", "'', false",
            "yess, false", "NULL, false"})
    void consoleAcceptsYesOrYAndNoTerminalIsDeclined(String typed, boolean expected) {
        List<String> prompts = new ArrayList<>();
        boolean answer = new ConsoleConfirmation((text, prompt) -> {
            prompts.add(prompt);
            return typed;
        }).ask("Codex is running.");
        assertEquals(expected, answer);
        assertEquals(List.of("Type YES to terminate processes, or NO to cancel: "), prompts);
    }

    @Test
    void standardConfirmerWithoutTerminalOrDisplayDeclines() {
        // The test JVM has no console (stdin is not a terminal); without a display GUI mode falls back to it.
        assumeTrue(System.console() == null, "a terminal is attached");
        assumeTrue(java.awt.GraphicsEnvironment.isHeadless(), "this JVM has a display");
        assertFalse(TerminationConfirmer.standard().confirm(List.of(new ProcessSnapshot.Entry(1, 0, "Codex.exe", "")),
                codexsync.config.ProcessOptions.ConfirmationMode.GUI));
    }
}
