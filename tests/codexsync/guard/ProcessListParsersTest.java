// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import codexsync.core.HostEnvironment.OperatingSystem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fallback listings' parsers on recorded output of tasklist, CIM (ConvertTo-Json) and ps. */
class ProcessListParsersTest {
    @Test
    void tasklistCsv() {
        String out = "\"System Idle Process\",\"0\",\"Services\",\"0\",\"8 K\"\r\n"
                + "\"Codex.exe\",\"5000\",\"Console\",\"1\",\"120,000 K\"\r\n"
                + "INFO: something localised\r\n";
        List<ProcessSnapshot.Entry> e = WindowsProcessLists.parseTasklist(out);
        assertEquals(2, e.size());
        assertEquals(new ProcessSnapshot.Entry(5000, -1, "Codex.exe", ""), e.get(1));
    }

    @Test
    void cimJsonArrayAndSingleObjectMergedIntoTasklist() {
        String array = "[{\"ProcessId\":5000,\"ParentProcessId\":1200,\"Name\":\"Codex.exe\",\"CommandLine\":\"Codex.exe\"},"
                + "{\"ProcessId\":5001,\"ParentProcessId\":5000,\"Name\":\"Codex.exe\","
                + "\"CommandLine\":\"Codex.exe --type=renderer --enable-sandbox\"}]";
        List<ProcessSnapshot.Entry> cim = WindowsProcessLists.parseCim(array);
        assertEquals(2, cim.size());
        assertEquals(1, WindowsProcessLists.parseCim("{\"ProcessId\":4,\"ParentProcessId\":0,\"Name\":\"System\",\"CommandLine\":null}").size());
        List<ProcessSnapshot.Entry> merged = WindowsProcessLists.merge(
                List.of(new ProcessSnapshot.Entry(5000, -1, "Codex.exe", ""),
                        new ProcessSnapshot.Entry(5001, -1, "Codex.exe", "C:\\Codex\\Codex.exe")), cim);
        assertEquals(new ProcessSnapshot.Entry(5001, 5000, "Codex.exe", "Codex.exe --type=renderer --enable-sandbox"),
                merged.get(1));
        CodexStatus s = CodexDetector.detect(new ProcessSnapshot(merged, "tasklist+CIM"),
                GuardFixtures.process(true, true, List.of("codex.exe"), List.of()), OperatingSystem.WINDOWS);
        assertEquals(true, s.sandboxDetected(), s.toString());
        assertEquals(List.of(), WindowsProcessLists.parseCim("not json"));
    }

    @Test
    void psNamesWithSpacesAndArgsJoinedByPid() {
        Map<Long, String> args = new java.util.HashMap<>();
        PosixPsReader.parseArgs("  300 /Applications/Codex.app/Contents/MacOS/Codex Helper --type=gpu\n 1 /sbin/launchd\n", args);
        List<ProcessSnapshot.Entry> e = PosixPsReader.parse(
                "    1     0 /sbin/launchd\n  300     1 /Applications/Codex.app/Contents/MacOS/Codex Helper\n"
                        + "  301   300 codex-windows-s\n", args);
        assertEquals(3, e.size());
        assertEquals(new ProcessSnapshot.Entry(300, 1, "Codex Helper",
                "/Applications/Codex.app/Contents/MacOS/Codex Helper --type=gpu"), e.get(1));
        assertEquals("codex-windows-s", e.get(2).name());
    }
}
