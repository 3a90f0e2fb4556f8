package dev.issosynth.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Runs {@link Main#execute(PrintWriter, PrintWriter, String...)} and captures what it prints. */
final class Cli {
    private Cli() {
    }

    record Result(int code, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }

        String lastOutLine() {
            List<String> l = outLines();
            return l.isEmpty() ? "" : l.get(l.size() - 1);
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file (not folder) under {@code dir}, relative, sorted; hidden ones included. */
    static List<String> files(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            // the record beside a finished pool (run --resume) is left out; ResumeCliTest and RunPathsTest check it
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .filter(f -> !f.endsWith(".run.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String s(Path p) {
        return p.toString();
    }
}
