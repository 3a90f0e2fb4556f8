package dev.issosynth.cli;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Where a command prints: the picocli CommandLine's out (results) and err (progress, errors) writers, so
 * {@link Main#execute(PrintWriter, PrintWriter, String...)} can capture both without touching System.out/err.
 */
final class Console {
    private Console() {
    }

    static PrintWriter out(CommandLine.Model.CommandSpec spec) {
        return spec.commandLine().getOut();
    }

    static PrintWriter err(CommandLine.Model.CommandSpec spec) {
        return spec.commandLine().getErr();
    }

    /** A PrintStream (what {@link dev.issosynth.util.Progress} takes) that writes whole lines to {@code w}. */
    static PrintStream printStream(PrintWriter w) {
        return new PrintStream(new LineOutputStream(w), true, StandardCharsets.UTF_8);
    }

    /** Buffers bytes and hands complete lines (UTF-8, never split inside a character) to a writer. */
    private static final class LineOutputStream extends OutputStream {
        private final PrintWriter target;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        LineOutputStream(PrintWriter target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            buffer.write(b);
            if (b == '\n') {
                flush();
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        @Override
        public synchronized void flush() {
            // '\n' never occurs inside a multi-byte UTF-8 sequence, so a flush at a line end decodes cleanly.
            if (buffer.size() > 0) {
                target.print(buffer.toString(StandardCharsets.UTF_8));
                buffer.reset();
            }
            target.flush();
        }
    }
}
