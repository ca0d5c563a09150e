// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.core.ExitStatus;
import java.util.List;
import java.util.Map;

/**
 * What a command produced: an exit status, the human text for stdout (0.1.1's shapes), a JSON tree for
 * {@code --json}, and warnings for stderr. Services return reports; only the CLI prints them.
 */
public interface Report {
    ExitStatus status();

    /** Lines for stdout in human mode. */
    List<String> humanLines();

    /** The JSON document for {@code --json}; the printer adds {@code status} and {@code code}. */
    Map<String, Object> json();

    /** Diagnostics for stderr (both modes). */
    default List<String> warnings() {
        return List.of();
    }
}
