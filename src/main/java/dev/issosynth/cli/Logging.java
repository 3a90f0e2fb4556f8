package dev.issosynth.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import dev.issosynth.io.InputException;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Logging: nothing on the console (progress and errors are printed by the commands themselves); with
 * --log-file every progress line, stage summary and failure trace is appended to that file. One file per
 * {@link Main#execute} call: {@link #open} before the command runs, {@link #close} after its failure (if any)
 * has been logged.
 */
final class Logging {
    private static final String APPENDER = "issosynth-log-file";
    private static FileAppender<ILoggingEvent> current;

    private Logging() {
    }

    static synchronized void open(Path logFile) {
        close();
        if (logFile == null) {
            return;
        }
        checkWritable(logFile);
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
        enc.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(ctx);
        file.setName(APPENDER);
        file.setFile(logFile.toAbsolutePath().toString());
        file.setAppend(true);
        file.setEncoder(enc);
        file.start();
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(file);
        current = file;
    }

    /** Detaches and closes the log file of the last {@link #open}, if any. */
    static synchronized void close() {
        if (current == null) {
            return;
        }
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(current);
        current.stop();
        current = null;
    }

    /** Logback swallows a file it cannot open; fail early with one clear line instead. */
    private static void checkWritable(Path logFile) {
        if (Files.isDirectory(logFile)) {
            throw new InputException(logFile + ": is a directory, cannot write the log file there");
        }
        try {
            Path parent = logFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream ignored = Files.newOutputStream(logFile, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                // just checking
            }
        } catch (IOException e) {
            throw new InputException(logFile + ": cannot write the log file: " + e.getMessage(), e);
        }
    }
}
