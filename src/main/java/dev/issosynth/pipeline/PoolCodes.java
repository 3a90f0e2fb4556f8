package dev.issosynth.pipeline;

import dev.issosynth.io.ChunkConsumer;
import dev.issosynth.io.TableFiles;
import dev.issosynth.io.InputException;
import dev.issosynth.io.RowListener;
import dev.issosynth.quality.CompactCells;
import dev.issosynth.quality.ExactCopies;
import dev.issosynth.quality.PrivacyReference;
import dev.issosynth.schema.CodeTable;
import dev.issosynth.schema.Schema;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Bins a pool into byte codes with the training bins chunk by chunk, so a pool is never held as text (a 2.5 M x
 * 80 pool costs about 200 MB). With privacy steering on, each row is also flagged when it copies a training row
 * ({@link ExactCopies}) and kept as compact privacy cells ({@link PrivacyReference#compact}, 2 bytes a cell), from
 * which the selection computes distances to the training data for the rows it considers. The chunks come either
 * from reading a pool file ({@link #readFile}) or from the rows a generator writes ({@link #tee}).
 */
final class PoolCodes implements ChunkConsumer, AutoCloseable {
    static final int CHUNK_ROWS = 16_384;

    private final Schema schema;
    private final ExactCopies copies;
    private final PrivacyReference reference;
    private final Parallel par;
    private byte[][] codes;
    private byte[] copyFlags = new byte[0];
    private final RuleCheck rules;
    private byte[] ruleFlags = new byte[0];
    private final CompactCells compact;
    /** Privacy cells are kept for every {@code stride}-th pool row only, at index row / stride. */
    private int stride = 1;
    /** One chunk's privacy cells, column by column, before they go to {@link #compact}. */
    private char[][] chunkCells;
    private long rows;
    /** Time spent on privacy cells and copy flags, summed over the threads that did it. */
    private final java.util.concurrent.atomic.AtomicLong privacyNanos = new java.util.concurrent.atomic.AtomicLong();
    /** Schema column → compact privacy column (-1: none). */
    private final int[] compactOf;
    private static final ThreadLocal<double[]> VALUES = ThreadLocal.withInitial(() -> new double[CHUNK_ROWS]);

    /**
     * @param copies    flags copies of training rows; null for none
     * @param reference keeps the compact privacy cells of every row; null for none
     */
    PoolCodes(Schema schema, ExactCopies copies, PrivacyReference reference, Parallel par) {
        this(schema, copies, reference, null, par);
    }

    /** @param rules flags the rows that break a rule of the steering; null for none */
    PoolCodes(Schema schema, ExactCopies copies, PrivacyReference reference, RuleCheck rules, Parallel par) {
        this(schema, copies, reference, rules, par, null);
    }

    /**
     * @param spillFolder where privacy cells beyond a share of the heap go (a memory-mapped file); null = heap only
     */
    PoolCodes(Schema schema, ExactCopies copies, PrivacyReference reference, RuleCheck rules, Parallel par,
              Path spillFolder) {
        this.rules = rules;
        this.schema = schema;
        this.copies = copies;
        this.reference = reference;
        this.par = par;
        this.codes = new byte[schema.columns()][1 << 16];
        // privacy cells take 2 bytes a cell: past an eighth of the heap they go to a mapped file
        this.compact = reference == null ? null : new CompactCells(reference.compactColumns(),
                Runtime.getRuntime().maxMemory() / 8, spillFolder);
        this.chunkCells = reference == null ? null : new char[reference.compactColumns()][CHUNK_ROWS];
        this.compactOf = new int[schema.columns()];
        for (int c = 0; c < compactOf.length; c++) {
            compactOf[c] = reference == null ? -1 : reference.compactColumnOf(c);
        }
    }

    /**
     * Keeps privacy cells for every {@code stride}-th pool row only (rows 0, stride, 2 stride, ... at index
     * row / stride in {@link #compact}): enough for a pool sample and an estimate when the distances are not steered,
     * at a stride-th of the memory. Set before the first row.
     */
    PoolCodes keepCellsEvery(int stride) {
        if (stride < 1 || rows > 0) {
            throw new IllegalStateException("a stride of at least 1, before the first row: " + stride);
        }
        this.stride = stride;
        return this;
    }

    /** Privacy cells are kept for pool rows divisible by this, at index row / stride. */
    int cellStride() {
        return stride;
    }

    /**
     * Makes room for {@code rows} rows at once, for a pool whose size is known before it is made: the code arrays
     * then never grow by copying (a 100 M-row pool would otherwise pass through arrays of 1.5 times its size) and
     * {@link #table} hands them over as they are.
     */
    PoolCodes expect(long rows) {
        int n = (int) Math.min(Integer.MAX_VALUE - 8, rows);
        if (n > codes[0].length && this.rows == 0) {
            for (int c = 0; c < codes.length; c++) {
                codes[c] = new byte[n];
            }
            if (copies != null) {
                copyFlags = new byte[n];
            }
        }
        return this;
    }

    /** Bins (and screens) the rows of a pool file; progress shows the share of the file read. */
    PoolCodes readFile(Path pool, Progress progress) {
        return readFile(pool, java.util.Set.of(), progress);
    }

    /** As {@link #readFile(Path, Progress)}; the pool may also have the columns in {@code ignored} (keys). */
    PoolCodes readFile(Path pool, java.util.Set<String> ignored, Progress progress) {
        TableFiles.stream(pool, schema.names(), ignored, CHUNK_ROWS, this, fraction -> progress.update(fraction,
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
        // the chunk's rows whose privacy cells are kept: all, or those on the stride
        int firstKept = (int) ((first + stride - 1) / stride * stride - first);
        int kept = count <= firstKept ? 0 : (count - 1 - firstKept) / stride + 1;
        String[][] keptRows = stride == 1 ? chunk : new String[kept][];
        for (int j = 0; stride > 1 && j < kept; j++) {
            keptRows[j] = chunk[firstKept + j * stride];
        }
        int keptAt = (int) ((first + firstKept) / stride);
        if (reference != null) {
            compact.ensure(keptAt + kept);
            if (chunkCells[0].length < count) {
                chunkCells = new char[chunkCells.length][count];
            }
        }
        byte[][] dest = codes;
        char[][] cells = chunkCells;
        int at = (int) first;
        // per column: bin it and, when steering, keep its privacy cells (from the numbers the binning parsed)
        par.forTasks(dest.length, c -> {
            int k = compactOf[c];
            if (k >= 0 && reference.compactNumeric(k)) {
                double[] values = VALUES.get();
                if (values.length < count) {
                    values = new double[count];
                }
                schema.binning(c).encode(chunk, c, count, dest[c], at, values);
                long t = System.nanoTime();
                if (stride > 1) {
                    for (int j = 0; j < kept; j++) {
                        values[j] = values[firstKept + j * stride]; // j <= its source index: in place
                    }
                }
                reference.compactValues(k, values, keptRows, kept, cells, 0);
                compact.put(k, keptAt, cells[k], kept);
                privacyNanos.addAndGet(System.nanoTime() - t);
            } else {
                schema.binning(c).encode(chunk, c, count, dest[c], at);
                if (k >= 0) {
                    long t = System.nanoTime();
                    reference.compact(keptRows, kept, cells, 0, k);
                    compact.put(k, keptAt, cells[k], kept);
                    privacyNanos.addAndGet(System.nanoTime() - t);
                }
            }
        });
        if (copies != null) {
            long t = System.nanoTime();
            if (need > copyFlags.length) {
                copyFlags = Arrays.copyOf(copyFlags, Math.max(need, copyFlags.length * 3 / 2));
            }
            copies.screen(chunk, count, copyFlags, at);
            privacyNanos.addAndGet(System.nanoTime() - t);
        }
        if (rules != null) {
            if (need > ruleFlags.length) {
                ruleFlags = Arrays.copyOf(ruleFlags, Math.max(need, ruleFlags.length * 3 / 2));
            }
            rules.screen(chunk, count, ruleFlags, at);
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

    /** Seconds spent flagging copies and keeping privacy cells (thread time: on several threads, more than wall). */
    double privacySeconds() {
        return privacyNanos.get() / 1e9;
    }

    /** Per pool row 1 when it copies a training row, else 0; only with {@code copies}. */
    byte[] copyFlags() {
        return Arrays.copyOf(copyFlags, (int) rows);
    }

    /** Per pool row 1 when it breaks a rule, else 0; null without rules. */
    byte[] ruleFlags() {
        return rules == null ? null : Arrays.copyOf(ruleFlags, (int) rows);
    }

    /** The compact privacy cells by pool row; only with a reference. */
    CompactCells compact() {
        return compact;
    }

    /** Lets go of the mapped file of privacy cells, if any. */
    @Override
    public void close() {
        if (compact != null) {
            compact.close();
        }
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
