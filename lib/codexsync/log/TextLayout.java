// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;

/** {@code logging.format = "text"}: {@code <asctime> <LEVEL> <logger> <message>}, as 0.1.1 wrote it. */
public final class TextLayout extends LayoutBase<ILoggingEvent> {
    @Override
    public String doLayout(ILoggingEvent event) {
        LogRecord r = LogRecord.of(event);
        return r.ts() + " " + r.level() + " " + r.logger() + " " + r.message() + "\n";
    }
}
