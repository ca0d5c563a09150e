// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import codexsync.core.HostEnvironment.OperatingSystem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whole-name matching per OS: the table that keeps codexsync's own process from ever matching "codex". */
class ProcessNamesTest {
    @ParameterizedTest(name = "{0}: ''{1}'' vs ''{2}'' -> {3}")
    @CsvSource({
            "WINDOWS, Codex.exe, codex.exe, true",
            "WINDOWS, CODEX.EXE, codex, true",
            "WINDOWS, codex, codex.exe, true",
            "WINDOWS, CODEX-WINDOWS-SANDBOX.EXE, codex-windows-sandbox, true",
            "WINDOWS, C:\\Program Files\\Codex\\Codex.exe, codex.exe, true",
            "WINDOWS, python.exe, codex.exe, false",
            "WINDOWS, codexsync.exe, codex.exe, false",
            "WINDOWS, codex-windows-sandbox.exe, codex.exe, false",
            "LINUX, codex, codex, true",
            "LINUX, /usr/local/bin/codex, codex, true",
            "LINUX, java, codex, false",
            "LINUX, codexsync, codex, false",
            "LINUX, codex-helper, codex, false",
            "LINUX, codex.exe, codex, false",
            "LINUX, codex-windows-s, codex-windows-sandbox, true",
            "LINUX, codex-windows-x, codex-windows-sandbox, false",
            "LINUX, codex-w, codex-windows-sandbox, false",
            "MACOS, /Applications/Codex.app/Contents/MacOS/Codex, codex, true",
            "MACOS, codex-windows-s, codex-windows-sandbox, false",
            "MACOS, '', codex, false",
    })
    void matchesWholeNamesOnly(OperatingSystem os, String observed, String configured, boolean expected) {
        assertEquals(expected, ProcessNames.matches(observed, configured, os));
    }

    @ParameterizedTest
    @CsvSource({
            "WINDOWS, C:\\Codex\\Codex.exe --type=renderer --ENABLE-SANDBOX, --enable-sandbox, true",
            "WINDOWS, C:\\x\\CODEX-WINDOWS-SANDBOX.EXE --run, codex-windows-sandbox, true",
            "LINUX, /opt/codex --enable-sandbox, --enable-sandbox, true",
            "LINUX, /opt/codex, --enable-sandbox, false",
    })
    void commandLineMarkers(OperatingSystem os, String cmd, String marker, boolean expected) {
        assertEquals(expected, ProcessNames.commandLineContains(cmd, marker, os));
    }
}
