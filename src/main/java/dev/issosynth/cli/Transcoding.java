package dev.issosynth.cli;

import dev.issosynth.io.AtomicOutput;
import dev.issosynth.io.CsvReader;
import dev.issosynth.io.InputException;
import dev.issosynth.io.TableFiles;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * {@code --encoding}: the tool works on UTF-8 text, so CSV inputs in another charset are decoded into private UTF-8
 * copies (same file names, in a temporary folder) and the CSV outputs are encoded back into that charset once
 * they are complete. Strict both ways: a byte sequence the charset does not define, or a character it cannot
 * hold, stops the command with a message instead of turning into {@code ?} or {@code �}.
 */
final class Transcoding implements AutoCloseable {
    private final Charset charset;
    private Path tempDir;

    private Transcoding(Charset charset) {
        this.charset = charset;
    }

    static Transcoding of(Charset charset) {
        return new Transcoding(charset);
    }

    boolean active() {
        return !charset.equals(StandardCharsets.UTF_8);
    }

    /** {@code in} as UTF-8: itself when the charset is UTF-8 (or for null, stdin and Parquet), else a decoded copy. */
    Path input(Path in) {
        if (!active() || in == null || CsvReader.isStdin(in) || !Files.isRegularFile(in) || TableFiles.isParquet(in)) {
            return in;
        }
        try {
            if (tempDir == null) {
                tempDir = TempFolder.create("encoding");
            }
            Path dir = Files.createTempDirectory(tempDir, "in");
            Path out = dir.resolve(in.getFileName());
            try (BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(in));
                 Reader r = new BufferedReader(new InputStreamReader(gunzipped(raw), charset.newDecoder()
                         .onMalformedInput(CodingErrorAction.REPORT)
                         .onUnmappableCharacter(CodingErrorAction.REPORT)));
                 Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                r.transferTo(w);
            } catch (CharacterCodingException e) {
                throw new InputException(in + ": not " + charset.name() + " text (a byte sequence that charset does"
                        + " not define); check --encoding", e);
            }
            return out;
        } catch (IOException e) {
            throw new InputException(in + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Re-encodes a finished UTF-8 CSV output in place (atomically) into the charset; nothing when it is UTF-8. */
    void output(Path file) {
        if (!active() || file == null || !Files.isRegularFile(file) || TableFiles.isParquet(file)) {
            return;
        }
        // through the tool's atomic output: the usual file mode, and a temporary file a later run can recognise
        try {
            AtomicOutput.write(file, out -> {
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                     Writer w = new BufferedWriter(new OutputStreamWriter(out, charset.newEncoder()
                             .onMalformedInput(CodingErrorAction.REPORT)
                             .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
                    r.transferTo(w);
                }
            });
        } catch (InputException e) {
            if (e.getCause() instanceof CharacterCodingException c) {
                throw new InputException(file + ": holds characters " + charset.name() + " cannot encode; it is left"
                        + " in UTF-8", c);
            }
            throw e;
        }
    }

    private static InputStream gunzipped(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    @Override
    public void close() {
        TempFolder.delete(tempDir);
    }
}
