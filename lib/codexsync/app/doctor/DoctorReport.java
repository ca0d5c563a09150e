// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app.doctor;

import codexsync.app.Report;
import codexsync.core.ExitStatus;
import codexsync.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The preflight report in 0.1.1's shape: {@code Preflight report:}, one line per check, {@code Summary: pass=N
 * warn=N fail=N}, then {@code Preflight checks passed.} (exit 0, warnings allowed) or {@code Preflight checks
 * failed.} (exit 5).
 */
public record DoctorReport(List<Check> checks) implements Report {
    public DoctorReport {
        checks = List.copyOf(checks);
    }

    public long count(Check.Status s) {
        return checks.stream().filter(c -> c.status() == s).count();
    }

    public boolean passed() {
        return count(Check.Status.FAIL) == 0;
    }

    @Override
    public ExitStatus status() {
        return passed() ? ExitStatus.OK : ExitStatus.SAFE_ABORT;
    }

    @Override
    public List<String> humanLines() {
        List<String> lines = new ArrayList<>();
        lines.add("Preflight report:");
        checks.forEach(c -> lines.add(c.line()));
        lines.add(summaryLine());
        lines.add(passed() ? "Preflight checks passed." : "Preflight checks failed.");
        return lines;
    }

    @Override
    public Map<String, Object> json() {
        return Json.object("checks", checks.stream().map(Check::json).toList(),
                "summary", Json.object("pass", count(Check.Status.PASS), "warn", count(Check.Status.WARN),
                        "fail", count(Check.Status.FAIL), "passed", passed()));
    }

    String summaryLine() {
        return "Summary: pass=" + count(Check.Status.PASS) + " warn=" + count(Check.Status.WARN) + " fail="
                + count(Check.Status.FAIL);
    }
}
