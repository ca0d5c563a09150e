// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.cli;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Is stderr a terminal? Progress is drawn on stderr, so that is the question - not whether there is a
 * {@link System#console()}: that needs stdin and stdout to be terminals on JDK 17-21 (so {@code sync | tee} showed
 * no progress) and is never null on JDK 22+, even with everything redirected. Java has no call for it, so:
 * on Linux, where {@code /proc/self/fd/2} links to the device ({@code /dev/pts/3}, {@code /dev/tty1}) or to a
 * pipe or file; elsewhere on Unix (macOS), whether {@code /dev/fd/2} is a character device other than
 * {@code /dev/null}; on Windows, the console (with {@code Console.isTerminal()} on JDK 22+), the best the platform
 * offers. No process is started (only the guard looks at processes).
 */
final class StderrTerminal {
    private static final Path STDERR_LINK = Path.of("/proc/self/fd/2");

    private StderrTerminal() {
    }

    static boolean detect() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return windowsConsole();
        }
        Boolean fromProc = fromProcLink(STDERR_LINK);
        return fromProc != null ? fromProc : characterDeviceTest();
    }

    /** True for a terminal device, false for a pipe, socket or file, null when there is no such link to read. */
    static Boolean fromProcLink(Path link) {
        try {
            return isTerminalDevice(Files.readSymbolicLink(link).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.startsWith("/dev/console");
    }

    /**
     * macOS and BSD, which have no {@code /proc}: {@code /dev/fd/2} stats as the file behind stderr. A terminal is a
     * character device other than {@code /dev/null} (the one other character device stderr commonly is).
     */
    private static boolean characterDeviceTest() {
        try {
            Map<String, Object> err = Files.readAttributes(Path.of("/dev/fd/2"), "unix:mode,rdev");
            Map<String, Object> nul = Files.readAttributes(Path.of("/dev/null"), "unix:rdev");
            return isCharacterDevice((Integer) err.get("mode")) && !err.get("rdev").equals(nul.get("rdev"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return false;
        }
    }

    static boolean isCharacterDevice(int mode) {
        return (mode & 0170000) == 0020000; // S_IFMT == S_IFCHR
    }

    private static boolean windowsConsole() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // JDK 22+: System.console() exists even when redirected; isTerminal() tells the truth.
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 17-21: a console exists only when attached to one
        }
    }
}
