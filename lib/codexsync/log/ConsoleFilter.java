// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Set;

/**
 * What the console shows without {@code --verbose}: warnings and errors, and the INFO lines a person acts on - the
 * run's one summary line, what happened to Codex (asked to close, exited), an interrupted run finished or rolled
 * back, an old base-state format. Per-file INFO lines (copy, delete, restore, staging clean-up; 20,000 of them on a
 * first sync) go only to the log file, where they always are; {@code --verbose} puts them on the console too.
 * Filtering by logger keeps the decision here, without marking each log call.
 */
final class ConsoleFilter extends Filter<ILoggingEvent> {
    /** Loggers whose INFO lines reach the console. */
    static final Set<String> INFO_LOGGERS = Set.of("codexsync.summary", "codexsync.guard",
            "codexsync.apply.JournalRecovery", "codexsync.apply.BaseStateStore");

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
            return FilterReply.NEUTRAL;
        }
        if (event.getLevel() == Level.INFO && INFO_LOGGERS.contains(event.getLoggerName())) {
            return FilterReply.NEUTRAL;
        }
        return FilterReply.DENY;
    }
}
