// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app.doctor;

import codexsync.core.Json;
import java.util.Map;

/** One line of the preflight report: {@code [PASS|WARN|FAIL] name: details}. */
public record Check(String name, Status status, String details) {

    public enum Status { PASS, WARN, FAIL }

    public static Check pass(String name, String details) {
        return new Check(name, Status.PASS, details);
    }

    public static Check warn(String name, String details) {
        return new Check(name, Status.WARN, details);
    }

    public static Check fail(String name, String details) {
        return new Check(name, Status.FAIL, details);
    }

    /** 0.1.1's line shape, indented two spaces. */
    public String line() {
        return "  [" + status + "] " + name + ": " + details;
    }

    public Map<String, Object> json() {
        return Json.object("name", name, "status", status.name(), "details", details);
    }
}
