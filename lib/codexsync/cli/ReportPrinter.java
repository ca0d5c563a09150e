// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.cli;

import codexsync.app.Report;
import codexsync.core.CodexsyncException;
import codexsync.core.ExitStatus;
import codexsync.core.Json;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * The one place output is formatted: reports on stdout (text or a single JSON document), warnings and errors
 * on stderr in the shape {@code codexsync: <what>} / {@code   at <where>} / {@code   fix: <action>}.
 */
public final class ReportPrinter {
    private ReportPrinter() {
    }

    public static int print(Report report, boolean json, PrintWriter out, PrintWriter err) {
        for (String w : report.warnings()) {
            err.println("codexsync: warning: " + w);
        }
        if (json) {
            Map<String, Object> doc = Json.object("status", statusWord(report.status()), "code", report.status().code());
            doc.putAll(report.json());
            out.println(Json.write(doc));
        } else {
            report.humanLines().forEach(out::println);
        }
        out.flush();
        err.flush();
        return report.status().code();
    }

    public static void printError(String message, String location, String hint, ExitStatus status, boolean json,
                                  PrintWriter out, PrintWriter err) {
        err.println("codexsync: " + message);
        if (location != null) {
            err.println("  at " + location);
        }
        if (hint != null) {
            err.println("  fix: " + hint);
        }
        err.flush();
        if (json) {
            out.println(Json.write(Json.object("status", statusWord(status), "code", status.code(),
                    "message", message, "location", location, "hint", hint)));
            out.flush();
        }
    }

    public static void printError(CodexsyncException e, boolean json, PrintWriter out, PrintWriter err) {
        printError(e.getMessage(), e.location(), e.hint(), e.status(), json, out, err);
    }

    /** The {@code status} word of JSON output: ok, error, conflict, codex_running, invalid_input, safe_abort. */
    public static String statusWord(ExitStatus status) {
        return switch (status) {
            case OK -> "ok";
            case RUNTIME_ERROR -> "error";
            default -> status.name().toLowerCase(Locale.ROOT);
        };
    }
}
