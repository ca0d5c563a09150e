// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.config;

import java.nio.file.Path;

/** The {@code [logging]} table. {@code file} is the base name template, or null for console only. */
public record LoggingOptions(Level level, Path file, Format format, int retentionDays, ArchiveMode archiveMode,
                             int maxFileSizeMb) {
    public enum Level { DEBUG, INFO, WARNING, ERROR }

    public enum Format { TEXT, JSON, LOGFMT }

    public enum ArchiveMode { ZIP, TEXT }
}
