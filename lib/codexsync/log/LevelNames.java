// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.log;

import ch.qos.logback.classic.Level;
import codexsync.config.LoggingOptions;

/** Level names as codexSync 0.1.1 (Python logging) wrote them: Logback's WARN is written WARNING. */
final class LevelNames {
    private LevelNames() {
    }

    static String of(Level level) {
        return level.toInt() == Level.WARN_INT ? "WARNING" : level.toString();
    }

    static Level toLogback(LoggingOptions.Level level) {
        return switch (level) {
            case DEBUG -> Level.DEBUG;
            case INFO -> Level.INFO;
            case WARNING -> Level.WARN;
            case ERROR -> Level.ERROR;
        };
    }
}
