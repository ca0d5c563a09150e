// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.core.ExitStatus;
import java.util.List;
import java.util.Map;

/** A report whose text and JSON are known up front. */
public record SimpleReport(ExitStatus status, List<String> humanLines, Map<String, Object> json, List<String> warnings)
        implements Report {
}
