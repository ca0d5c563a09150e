// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import codexsync.core.Json;

/**
 * {@code logging.format = "json"}: one JSON object per line with 0.1.1's keys {@code ts, level, logger,
 * message}; non-ASCII characters are written as themselves (UTF-8), not escaped; newlines inside the message are
 * escaped by JSON, so a record is always exactly one line.
 */
public final class JsonLayout extends LayoutBase<ILoggingEvent> {
    @Override
    public String doLayout(ILoggingEvent event) {
        LogRecord r = LogRecord.of(event);
        return Json.writeCompact(Json.object("ts", r.ts(), "level", r.level(), "logger", r.logger(),
                "message", r.message())) + "\n";
    }
}
