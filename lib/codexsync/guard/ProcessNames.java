// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import codexsync.core.HostEnvironment.OperatingSystem;
import java.util.Locale;

/**
 * Whole-name matching of process names, the way each OS names its processes (D23). A process matches only when
 * its executable's own name equals a configured name: {@code python.exe -m codexsync} or
 * {@code java ... codexsync} never match {@code codex}, and neither does {@code codex-helper}.
 * <ul>
 *   <li>Windows: case-insensitive, {@code .exe} appended when missing on either side
 *       ({@code CODEX-WINDOWS-SANDBOX.EXE} matches {@code codex-windows-sandbox}).</li>
 *   <li>macOS/Linux: the basename of the reported name or path; on Linux also the kernel's 15-character
 *       truncated {@code comm} name ({@code codex-windows-s} matches {@code codex-windows-sandbox}).</li>
 * </ul>
 */
public final class ProcessNames {
    /** Linux keeps at most 15 characters of a process name in {@code /proc/<pid>/comm} (and so in {@code ps}). */
    static final int LINUX_COMM_LENGTH = 15;

    private ProcessNames() {
    }

    /** Whether the observed process name (a bare name or a path) is the configured name. */
    public static boolean matches(String observed, String configured, OperatingSystem os) {
        if (observed == null || configured == null || observed.isBlank() || configured.isBlank()) {
            return false;
        }
        String seen = basename(observed.strip());
        if (os == OperatingSystem.WINDOWS) {
            return windowsForm(seen).equals(windowsForm(configured.strip()));
        }
        // POSIX names are case-sensitive; the config loader lower-cases configured names, so compare as given
        // and also lower-cased (a macOS "Codex" bundle binary still matches "codex").
        String want = basename(configured.strip());
        if (seen.equals(want) || seen.toLowerCase(Locale.ROOT).equals(want.toLowerCase(Locale.ROOT))) {
            return true;
        }
        return os == OperatingSystem.LINUX && seen.length() == LINUX_COMM_LENGTH && want.length() > LINUX_COMM_LENGTH
                && want.toLowerCase(Locale.ROOT).startsWith(seen.toLowerCase(Locale.ROOT));
    }

    /** Whether a command line mentions a marker (case-insensitive on Windows, as 0.1.1 did). */
    public static boolean commandLineContains(String commandLine, String marker, OperatingSystem os) {
        if (commandLine == null || marker == null || marker.isBlank()) {
            return false;
        }
        if (os == OperatingSystem.WINDOWS) {
            return commandLine.toLowerCase(Locale.ROOT).contains(marker.toLowerCase(Locale.ROOT));
        }
        return commandLine.contains(marker);
    }

    /** The last path segment; both separators count, since Windows paths may use either. */
    public static String basename(String nameOrPath) {
        String s = nameOrPath;
        while (s.endsWith("/") || s.endsWith("\\")) {
            s = s.substring(0, s.length() - 1);
        }
        int cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        return cut < 0 ? s : s.substring(cut + 1);
    }

    static String windowsForm(String name) {
        String n = basename(name).toLowerCase(Locale.ROOT);
        return n.endsWith(".exe") ? n : n + ".exe";
    }
}
