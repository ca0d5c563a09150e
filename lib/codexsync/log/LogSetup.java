// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import codexsync.config.LoggingOptions;
import codexsync.config.LoggingOptions.ArchiveMode;
import codexsync.core.RuntimeFailureException;
import codexsync.fs.AtomicFiles;
import codexsync.fs.ExclusiveLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback in code (no logback.xml). Logging is diagnostics, so the console appender writes to stderr
 * only: stdout carries the product (plan, report, --json) and must stay parseable.
 *
 * <p>With a log file, Logback's {@link RollingFileAppender} and {@link SizeAndTimeBasedRollingPolicy} do the
 * rotation (midnight and {@code max_file_size_mb}), zipping of closed files and retention. Two codexsync processes
 * never share a file (CS-318): each takes the lowest free <em>writer slot</em> (an OS lock, released even on a
 * crash) and writes only its slot's files, so no process ever rolls, zips or deletes a file another live process
 * writes. docs/logging.md describes names, rotation and this design.
 */
public final class LogSetup {
    static final String FILE_APPENDER = "file";
    /** More simultaneous codexsync processes than this on one machine log to the console only. */
    static final int MAX_SLOTS = 32;

    private static ExclusiveLock heldSlot;
    private static boolean shutdownHookAdded;

    private LogSetup() {
    }

    /** Console-only logging at INFO (DEBUG with --verbose), text format; called before anything else logs. */
    public static synchronized void console(boolean verbose) {
        LoggerContext ctx = reset();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(verbose ? Level.DEBUG : Level.INFO);
        root.addAppender(consoleAppender(ctx, new TextLayout(), verbose));
    }

    /**
     * Logging for a run: {@code logging.level} (DEBUG with --verbose), {@code logging.format} on the console and,
     * when {@code toFile} and {@code logging.file} is set, in this machine's rolling log files. Returns the file
     * this process writes, if any.
     */
    public static synchronized Optional<Path> configure(LoggingOptions options, String machineId, boolean verbose,
                                                        boolean toFile) {
        LoggerContext ctx = reset();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(verbose ? Level.DEBUG : LevelNames.toLogback(options.level()));
        root.addAppender(consoleAppender(ctx, layout(options.format()), verbose));
        if (!toFile || options.file() == null) {
            return Optional.empty();
        }
        LogFileNames names = new LogFileNames(options.file(), machineId);
        boolean zip = options.archiveMode() == ArchiveMode.ZIP;
        try {
            AtomicFiles.createFolders(names.dir());
            int slot = takeFreeSlot(names);
            if (slot < 0) {
                root.warn("{} other codexsync processes are logging to {}; this run logs to the console only",
                        MAX_SLOTS, names.dir());
                return Optional.empty();
            }
            RollingFileAppender<ILoggingEvent> file = fileAppender(ctx, options, names, slot, zip);
            root.addAppender(file);
            new LogHousekeeping(names, zip, options.retentionDays(), ctx).run(slot, LocalDate.now());
            addShutdownHook();
            return Optional.of(Path.of(file.getFile()));
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot write the log file in " + names.dir() + ": " + e.getMessage(),
                    null, "check logging.file and that the folder is writable, or remove logging.file", e);
        }
    }

    /** Stops logging: flushes files, waits for Logback's zipping, releases the writer slot. */
    public static synchronized void stop() {
        console(false);
    }

    private static int takeFreeSlot(LogFileNames names) throws IOException {
        for (int slot = 0; slot < MAX_SLOTS; slot++) {
            Optional<ExclusiveLock> lock = ExclusiveLock.tryAcquire(names.lockFile(slot));
            if (lock.isPresent()) {
                heldSlot = lock.get();
                return slot;
            }
        }
        return -1;
    }

    private static RollingFileAppender<ILoggingEvent> fileAppender(LoggerContext ctx, LoggingOptions options,
                                                                   LogFileNames names, int slot, boolean zip) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(ctx);
        appender.setName(FILE_APPENDER);
        appender.setAppend(true);
        appender.setEncoder(encoder(ctx, layout(options.format())));
        // No "file" property: the active file carries its date and index from the start, so a rollover never
        // renames a file, it only closes it (and zips it) and opens the next name.
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(ctx);
        policy.setParent(appender);
        policy.setFileNamePattern(names.logbackPattern(slot, zip));
        policy.setMaxFileSize(new FileSize((long) options.maxFileSizeMb() * FileSize.MB_COEFFICIENT));
        policy.setMaxHistory(options.retentionDays());
        policy.setCleanHistoryOnStart(options.retentionDays() > 0);
        policy.start();
        appender.setRollingPolicy(policy);
        appender.start();
        if (!appender.isStarted()) {
            throw new RuntimeFailureException("Logback could not open the log file " + names.logbackPattern(slot, zip),
                    null, "check logging.file and that the folder is writable", null);
        }
        return appender;
    }

    /** stderr; without {@code verbose} only what {@link ConsoleFilter} lets through (no per-file lines). */
    private static ConsoleAppender<ILoggingEvent> consoleAppender(LoggerContext ctx, Layout<ILoggingEvent> layout,
                                                                  boolean verbose) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>() {
            @Override
            protected void subAppend(ILoggingEvent event) {
                // A terminal progress line on stderr is cleared first and redrawn after (see ConsoleLine).
                ConsoleLine.write(() -> super.subAppend(event));
            }
        };
        appender.setContext(ctx);
        appender.setName("console");
        appender.setTarget("System.err");
        appender.setEncoder(encoder(ctx, layout));
        if (!verbose) {
            ConsoleFilter filter = new ConsoleFilter();
            filter.setContext(ctx);
            filter.start();
            appender.addFilter(filter);
        }
        appender.start();
        return appender;
    }

    private static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext ctx, Layout<ILoggingEvent> layout) {
        layout.setContext(ctx);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(ctx);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }

    static Layout<ILoggingEvent> layout(LoggingOptions.Format format) {
        return switch (format) {
            case TEXT -> new TextLayout();
            case JSON -> new JsonLayout();
            case LOGFMT -> new LogfmtLayout();
        };
    }

    /** Stops every appender (Logback waits for a running zip) and only then gives the writer slot back. */
    private static LoggerContext reset() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        if (heldSlot != null) {
            try {
                heldSlot.close();
            } catch (IOException e) {
                // The OS releases the lock when the process ends anyway; nothing else to do.
            }
            heldSlot = null;
        }
        return ctx;
    }

    private static void addShutdownHook() {
        if (!shutdownHookAdded) {
            shutdownHookAdded = true;
            // System.exit would otherwise cut a zip in progress short (leaving the plain file, never data loss).
            Runtime.getRuntime().addShutdownHook(new Thread(LogSetup::reset, "codexsync-log-shutdown"));
        }
    }
}
