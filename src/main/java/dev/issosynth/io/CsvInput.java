package dev.issosynth.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * An opened CSV file: decompressed if gzip, decoded as UTF-8, BOM removed, delimiter sniffed.
 */
final class CsvInput implements AutoCloseable {
    /** One debug line per opened file: what a job read, and how often (tests count them). */
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CsvInput.class);
    private static final int BUFFER = 1 << 16;
    /** How many characters the delimiter sniffer may look at. */
    private static final int SNIFF_LIMIT = 1 << 20;

    final Path path;
    final BufferedReader reader;
    final char delimiter;
    final boolean gzip;
    /** Bytes taken from the file so far (compressed bytes for gzip): progress against the file size. */
    private final java.util.concurrent.atomic.AtomicLong consumed;
    private final long size;

    private CsvInput(Path path, BufferedReader reader, char delimiter, boolean gzip,
                     java.util.concurrent.atomic.AtomicLong consumed, long size) {
        this.path = path;
        this.reader = reader;
        this.delimiter = delimiter;
        this.gzip = gzip;
        this.consumed = consumed;
        this.size = size;
    }

    /** Share of the file read so far, in [0, 1] (read-ahead buffers make it run slightly early). */
    double fractionRead() {
        return size <= 0 ? 0 : Math.min(1.0, consumed.get() / (double) size);
    }

    /** Whether {@code path} is {@code -}: standard input. */
    static boolean isStdin(Path path) {
        return path != null && path.toString().equals("-");
    }

    static CsvInput open(Path path) {
        boolean stdin = isStdin(path);
        if (!stdin && !Files.exists(path)) {
            throw new InputException(path + ": file not found");
        }
        if (!stdin && Files.isDirectory(path)) {
            throw new InputException(path + ": is a directory, not a CSV file");
        }
        if (!stdin && !Files.isReadable(path)) {
            throw new InputException(path + ": file is not readable");
        }
        InputStream raw = null;
        LOG.debug("reading {}", path);
        try {
            // standard input: read as it comes (no size, so progress shows no share), never closed here
            long size = stdin ? -1 : Files.size(path);
            java.util.concurrent.atomic.AtomicLong consumed = new java.util.concurrent.atomic.AtomicLong();
            raw = stdin ? new java.io.FilterInputStream(System.in) {
                @Override
                public void close() {
                }
            } : Files.newInputStream(path);
            BufferedInputStream bin = new BufferedInputStream(new CountingStream(raw, consumed), BUFFER);
            // Decide by magic bytes, not by name: ".csv" files are sometimes gzipped and vice versa.
            bin.mark(2);
            int b1 = bin.read();
            int b2 = bin.read();
            bin.reset();
            boolean gzip = b1 == 0x1f && b2 == 0x8b;
            // GZIPInputStream keeps reading after the first member as long as more bytes follow (multi-member).
            InputStream in = gzip ? new GZIPInputStream(bin, BUFFER) : bin;
            // strict: a byte sequence that is no UTF-8 character stops the read instead of becoming U+FFFD
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)), BUFFER);
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            reader.mark(SNIFF_LIMIT);
            char[] sample = new char[SNIFF_LIMIT];
            int n = 0;
            int newlines = 0;
            int r;
            while (n < sample.length && (r = reader.read(sample, n, Math.min(BUFFER, sample.length - n))) > 0) {
                newlines += countNewlines(sample, n, n + r);
                n += r;
                if (newlines > DelimiterSniffer.SAMPLE_LINES + 1) {
                    break;
                }
            }
            boolean complete = n < sample.length && reader.read() < 0;
            reader.reset();
            if (isBlank(sample, n)) {
                reader.close();
                throw new InputException(path + ": file is empty");
            }
            char delimiter = DelimiterSniffer.sniff(java.nio.CharBuffer.wrap(sample, 0, n), complete);
            return new CsvInput(path, reader, delimiter, gzip, consumed, size);
        } catch (IOException e) {
            closeQuietly(raw);
            throw failure(path, e);
        } catch (RuntimeException e) {
            closeQuietly(raw);
            throw e;
        }
    }

    /** Turns an I/O error into a one-line InputException naming the file. */
    static InputException failure(Path path, Throwable e) {
        if (e instanceof java.io.UncheckedIOException && e.getCause() != null) {
            e = e.getCause();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.charset.CharacterCodingException) {
                return new InputException(path + ": not UTF-8 text (bytes that are no UTF-8 character, e.g. Latin-1"
                        + " or Windows-1252 accents); nothing is changed silently: give its character set with"
                        + " --encoding (e.g. --encoding ISO-8859-1), or convert it first (iconv -f latin1 -t utf-8)", e);
            }
        }
        if (e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException) {
            return new InputException(path + ": invalid or truncated gzip data (" + e.getMessage() + ")", e);
        }
        if (e instanceof org.apache.commons.csv.CSVException) {
            return new InputException(path + ": malformed CSV: " + e.getMessage(), e);
        }
        return new InputException(path + ": cannot read: " + e, e);
    }

    private static int countNewlines(char[] buf, int from, int to) {
        int k = 0;
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                k++;
            }
        }
        return k;
    }

    private static boolean isBlank(char[] buf, int n) {
        for (int i = 0; i < n; i++) {
            if (!Character.isWhitespace(buf[i])) {
                return false;
            }
        }
        return true;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(reader);
    }

    /** Counts the bytes read through it. */
    private static final class CountingStream extends java.io.FilterInputStream {
        private final java.util.concurrent.atomic.AtomicLong count;

        CountingStream(InputStream in, java.util.concurrent.atomic.AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = super.skip(n);
            count.addAndGet(k);
            return k;
        }
    }
}
