package dev.issosynth.pipeline;

import dev.issosynth.io.ChunkConsumer;
import dev.issosynth.io.CsvReader;
import dev.issosynth.io.InputException;
import dev.issosynth.io.RowListener;
import dev.issosynth.quality.PrivacyGuard;
import dev.issosynth.schema.CodeTable;
import dev.issosynth.schema.Schema;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Bins a pool into byte codes with the training bins chunk by chunk, and screens each chunk with the privacy
 * guard when there is one, so a pool is never held as text (a 2.5 M x 80 pool costs about 200 MB). The chunks
 * come either from reading a pool file ({@link #readFile}) or from the rows a generator writes ({@link #tee}).
 */
final class PoolCodes implements ChunkConsumer {
    static final int CHUNK_ROWS = 16_384;

    private final Schema schema;
    private final PrivacyGuard guard;
    private final Parallel par;
    private byte[][] codes;
    private byte[] verdicts = new byte[0];
    private long rows;
    private long guardNanos;

    /** @param guard screens every chunk; null for none */
    PoolCodes(Schema schema, PrivacyGuard guard, Parallel par) {
        this.schema = schema;
        this.guard = guard;
        this.par = par;
        this.codes = new byte[schema.columns()][1 << 16];
    }

    /** Bins (and screens) the rows of a pool file; progress shows the share of the file read. */
    PoolCodes readFile(Path pool, Progress progress) {
        CsvReader.stream(pool, schema.names(), CHUNK_ROWS, this, fraction -> progress.update(fraction,
                String.format(Locale.ROOT, "pool: %,d rows read", rows)));
        return this;
    }

    @Override
    public void accept(long first, String[][] chunk, int count) {
        if (first + count > Integer.MAX_VALUE - 8) {
            throw new InputException("pools of more than 2^31 rows are not supported");
        }
        int need = (int) first + count;
        if (need > codes[0].length) {
            int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, codes[0].length * 3L / 2));
            for (int c = 0; c < codes.length; c++) {
                codes[c] = Arrays.copyOf(codes[c], capacity);
            }
        }
        byte[][] dest = codes;
        par.forTasks(dest.length, c -> schema.binning(c).encode(chunk, c, count, dest[c], (int) first));
        if (guard != null) {
            long t = System.nanoTime();
            if (need > verdicts.length) {
                verdicts = Arrays.copyOf(verdicts, Math.max(need, verdicts.length * 3 / 2));
            }
            guard.screen(chunk, count, verdicts, (int) first, par);
            guardNanos += System.nanoTime() - t;
        }
        rows = need;
    }

    /**
     * A listener for a pool writer whose columns come in {@code header} order (the training columns in any
     * order): it gathers rows into chunks in schema order and bins them. Call {@link #flush} once the writer is
     * done, for the last partial chunk.
     */
    Tee tee(String[] header) {
        return new Tee(header);
    }

    long rows() {
        return rows;
    }

    /** Seconds spent screening. */
    double guardSeconds() {
        return guardNanos / 1e9;
    }

    /** The guard's verdict per pool row ({@link PrivacyGuard#KEEP} etc.); only with a guard. */
    byte[] verdicts() {
        return Arrays.copyOf(verdicts, (int) rows);
    }

    /** The codes of all rows seen. */
    CodeTable table() {
        byte[][] out = new byte[codes.length][];
        for (int c = 0; c < codes.length; c++) {
            out[c] = codes[c].length == rows ? codes[c] : Arrays.copyOf(codes[c], (int) rows);
        }
        codes = out;
        return new CodeTable(out, schema.cardinalities());
    }

    /** Gathers written rows into chunks in schema column order. */
    final class Tee implements RowListener {
        private final int[] target;
        private final String[][] chunk;
        private int count;
        private long first;

        private Tee(String[] header) {
            String[] names = schema.names();
            if (header.length != names.length) {
                throw new IllegalArgumentException("pool has " + header.length + " columns, training " + names.length);
            }
            target = new int[header.length];
            for (int i = 0; i < header.length; i++) {
                target[i] = schema.columnIndex(header[i]);
                if (target[i] < 0) {
                    throw new IllegalArgumentException("pool column not in the training data: " + header[i]);
                }
            }
            chunk = new String[CHUNK_ROWS][names.length];
        }

        @Override
        public void row(String[] cells) {
            String[] dst = chunk[count];
            for (int i = 0; i < cells.length; i++) {
                // a writer prints null as an empty cell, which reads back as ""
                dst[target[i]] = cells[i] == null ? "" : cells[i];
            }
            if (++count == CHUNK_ROWS) {
                flush();
            }
        }

        /** Bins the rows gathered since the last full chunk. */
        void flush() {
            if (count > 0) {
                accept(first, chunk, count);
                first += count;
                count = 0;
            }
        }
    }
}
