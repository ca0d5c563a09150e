// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The four fields every format writes, taken from a Logback event: timestamp as Python's {@code asctime}
 * ({@code 2026-03-21 10:15:00,123}, local time), level name (WARNING, not WARN), logger name, and the message
 * with any stack trace appended, secrets masked.
 */
record LogRecord(String ts, String level, String logger, String message) {
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    static LogRecord of(ILoggingEvent event) {
        String ts = ASCTIME.format(Instant.ofEpochMilli(event.getTimeStamp()).atZone(ZoneId.systemDefault()));
        String message = event.getFormattedMessage();
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            message = message + "\n" + ThrowableProxyUtil.asString(thrown).stripTrailing();
        }
        return new LogRecord(ts, LevelNames.of(event.getLevel()), event.getLoggerName(), SecretMasker.mask(message));
    }
}
