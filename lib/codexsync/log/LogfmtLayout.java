// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;

/**
 * {@code logging.format = "logfmt"}: {@code ts="…" level="…" logger="…" msg="…"}, every value quoted, {@code \}
 * and {@code "} escaped as in 0.1.1, and (beyond 0.1.1) newlines, carriage returns and tabs escaped as
 * {@code \n \r \t} so a record is always exactly one line.
 */
public final class LogfmtLayout extends LayoutBase<ILoggingEvent> {
    @Override
    public String doLayout(ILoggingEvent event) {
        LogRecord r = LogRecord.of(event);
        return "ts=" + quote(r.ts()) + " level=" + quote(r.level()) + " logger=" + quote(r.logger())
                + " msg=" + quote(r.message()) + "\n";
    }

    static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
